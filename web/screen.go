package web

import (
	"net/http"

	"kinship"
	"kinship/screening"
)

// screenPage is the public level-of-care screening, and its result.
type screenPage struct {
	layout
	Answers screening.Answers
	Result  *screening.Result
	Crisis  []screening.Resource // shown first whenever an answer signals danger
	// Program is how to reach the program, shown with the crisis lines.
	Program   *kinship.Organization
	Contact   kinship.InquiryFields
	Submitted bool // contact details were left
	Errors    map[string]string
}

func (s *Server) handleScreenForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "screen", &screenPage{layout: layout{Title: "Is IOP right for me?"}})
}

// handleScreen recommends a level of care. Nothing is stored. Someone who
// says they are in danger gets the crisis lines and the program's contact
// at once, whatever else they left unanswered.
func (s *Server) handleScreen(w http.ResponseWriter, r *http.Request) {
	p := &screenPage{layout: layout{Title: "Is IOP right for me?"}, Answers: screeningFromForm(r)}
	res, err := screening.Triage(p.Answers)
	if err != nil {
		p.Errors = gentle(formErrors(err))
		s.render(w, r, s.statusOf(r, err), "screen", p)
		return
	}
	s.setResult(r, p, res)
	s.render(w, r, http.StatusOK, "screen_result", p)
}

// setResult puts res on p, with the crisis lines and the program's contact
// when it is an emergency.
func (s *Server) setResult(r *http.Request, p *screenPage, res screening.Result) {
	p.Result, p.Crisis = &res, crisisFor(res)
	if res.Emergency {
		// Before setup there is no program to show; the crisis lines are enough.
		p.Program, _ = s.Orgs.Organization(r.Context())
	}
}

// gentle rewords the screening's field errors for the public: every one
// is an unanswered question.
func gentle(errs map[string]string) map[string]string {
	out := map[string]string{"": "A few questions still need an answer; they are marked below."}
	for k := range errs {
		if k != "" {
			out[k] = "Please choose one answer."
		}
	}
	return out
}

// handleScreenContact records an inquiry for someone who chose to leave
// their details after the screening.
func (s *Server) handleScreenContact(w http.ResponseWriter, r *http.Request) {
	p := &screenPage{layout: layout{Title: "Is IOP right for me?"}, Answers: screeningFromForm(r), Contact: inquiryFromForm(r)}
	res, err := screening.Triage(p.Answers)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.setResult(r, p, res)
	p.Contact.Source, p.Contact.ScreeningLevel, p.Contact.ScreeningReasons = "screening", string(res.Level), res.Reasons
	p.Contact.Emergency = res.Emergency
	if _, err := s.Admissions.CreateInquiry(r.Context(), p.Contact); err != nil {
		p.Errors = formErrors(err)
		s.render(w, r, s.statusOf(r, err), "screen_result", p)
		return
	}
	p.Submitted = true
	s.render(w, r, http.StatusOK, "screen_result", p)
}

// crisisFor returns the crisis resources for an emergency result.
func crisisFor(res screening.Result) []screening.Resource {
	if res.Emergency {
		return screening.CrisisResources
	}
	return nil
}

// screeningFromForm reads the six dimensions' answers.
func screeningFromForm(r *http.Request) screening.Answers {
	v := r.PostFormValue
	yes := func(name string) bool { return v(name) == "yes" || v(name) == "on" }
	return screening.Answers{
		DangerToSelf: yes("danger_to_self"), MedicalEmergency: yes("medical_emergency"), WithdrawalRisk: v("withdrawal_risk"),
		MedicalNeeds24h: yes("medical_needs_24h"), PsychiatricSeverity: v("psychiatric_severity"), Readiness: v("readiness"),
		RelapseRisk: v("relapse_risk"), HomeEnvironment: v("home_environment"), SupportNetwork: yes("support_network"),
		DailyResponsibilities: yes("daily_responsibilities"), FailedLowerLevel: yes("failed_lower_level"),
	}
}

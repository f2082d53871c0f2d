package web

import (
	"net/http"

	"kinship"
	"kinship/screening"
)

// screenPage is the public level-of-care screening, and its result.
type screenPage struct {
	layout
	Answers   screening.Answers
	Result    *screening.Result
	Crisis    []screening.Resource // shown first whenever an answer signals danger
	Contact   kinship.InquiryFields
	Submitted bool // contact details were left
	Errors    map[string]string
}

func (s *Server) handleScreenForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "screen", &screenPage{layout: layout{Title: "Is IOP right for me?"}})
}

// handleScreen recommends a level of care. Nothing is stored.
func (s *Server) handleScreen(w http.ResponseWriter, r *http.Request) {
	p := &screenPage{layout: layout{Title: "Is IOP right for me?"}, Answers: screeningFromForm(r)}
	p.Crisis = crisisFor(p.Answers)
	res, err := screening.Recommend(p.Answers)
	if err != nil {
		p.Errors = gentle(formErrors(err))
		s.render(w, r, s.statusOf(r, err), "screen", p)
		return
	}
	p.Result = &res
	s.render(w, r, http.StatusOK, "screen_result", p)
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
	p.Crisis = crisisFor(p.Answers)
	res, err := screening.Recommend(p.Answers)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Result = &res
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

// crisisFor returns the crisis resources when an answer signals danger,
// even if the rest of the form is incomplete.
func crisisFor(a screening.Answers) []screening.Resource {
	if a.DangerToSelf || a.MedicalEmergency {
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

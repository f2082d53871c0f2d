package web

import (
	"net/http"
	"strconv"
	"time"

	"kinship"
	"kinship/screening"
)

// boardDays is how far back the admissions board counts.
const boardDays = 90

type boardPage struct {
	layout
	Columns []kinship.BoardColumn
	Stats   kinship.AdmissionsStats
	Now     time.Time
}

func (s *Server) handleBoard(w http.ResponseWriter, r *http.Request) {
	now := s.cfg.Clock.Now()
	cols, stats, err := s.Admissions.Board(r.Context(), now.AddDate(0, 0, -boardDays))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "admissions", &boardPage{layout: layout{Title: "Admissions"}, Columns: cols, Stats: stats, Now: now})
}

type inquiryFormPage struct {
	layout
	Inquiry kinship.InquiryFields
	Errors  map[string]string
}

func (s *Server) handleInquiryNew(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "inquiry_form", &inquiryFormPage{layout: layout{Title: "New inquiry"}, Inquiry: kinship.InquiryFields{CallerType: "self"}})
}

func (s *Server) handleInquiryCreate(w http.ResponseWriter, r *http.Request) {
	f := inquiryFromForm(r)
	f.Source = "phone"
	in, err := s.Admissions.CreateInquiry(r.Context(), f)
	if err != nil {
		s.render(w, r, s.statusOf(r, err), "inquiry_form", &inquiryFormPage{layout: layout{Title: "New inquiry"}, Inquiry: f, Errors: formErrors(err)})
		return
	}
	http.Redirect(w, r, "/admissions/"+itoa(in.ID)+"?done=inquiry", http.StatusSeeOther)
}

// inquiryFromForm reads an inquiry's fields from a form.
func inquiryFromForm(r *http.Request) kinship.InquiryFields {
	v := r.PostFormValue
	return kinship.InquiryFields{CallerType: v("caller_type"), CallerName: v("caller_name"), CallerRelationship: v("caller_relationship"),
		NameToUse: v("name_to_use"), Pronouns: v("pronouns"), Phone: v("phone"), Email: v("email"),
		OKToVoicemail: v("ok_to_voicemail") == "on", OKToText: v("ok_to_text") == "on", Substances: v("substances"),
		Insurance: v("insurance"), ReferralSource: v("referral_source"), Notes: v("notes")}
}

type inquiryPage struct {
	layout
	Inquiry *kinship.Inquiry
	Answers screening.Answers
	Booking assessmentForm
	Failed  string // move, screening or assessment
	Errors  map[string]string
	Now     time.Time
}

func (s *Server) handleInquiry(w http.ResponseWriter, r *http.Request) {
	s.renderInquiry(w, r, http.StatusOK, "", nil, screening.Answers{}, kinship.AssessmentBooking{})
}

func (s *Server) renderInquiry(w http.ResponseWriter, r *http.Request, status int, failed string, errs map[string]string, a screening.Answers, b kinship.AssessmentBooking) {
	id, err := pathID(r)
	var in *kinship.Inquiry
	if err == nil {
		in, err = s.Admissions.Inquiry(r.Context(), id)
	}
	var booking assessmentForm
	if err == nil {
		booking, err = s.assessmentForm(r, b)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "inquiry", &inquiryPage{layout: layout{Title: in.NameToUse}, Inquiry: in, Answers: a, Booking: booking,
		Failed: failed, Errors: errs, Now: s.cfg.Clock.Now()})
}

func (s *Server) handleInquiryMove(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		_, err = s.Admissions.MoveInquiry(r.Context(), id, kinship.InquiryMove{Status: kinship.InquiryStatus(r.PostFormValue("status")), Reason: r.PostFormValue("reason")})
	}
	if err != nil {
		s.inquiryFormFailed(w, r, "move", err, screening.Answers{})
		return
	}
	http.Redirect(w, r, "/admissions/"+itoa(id)+"?done=moved", http.StatusSeeOther)
}

// handleInquiryScreening runs the level-of-care screening for a caller and
// keeps the result on the inquiry.
func (s *Server) handleInquiryScreening(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	a := screeningFromForm(r)
	if err == nil {
		var res screening.Result
		if res, err = screening.Recommend(a); err == nil {
			_, err = s.Admissions.RecordScreening(r.Context(), id, string(res.Level), res.Reasons)
		}
	}
	if err != nil {
		s.inquiryFormFailed(w, r, "screening", err, a)
		return
	}
	http.Redirect(w, r, "/admissions/"+itoa(id)+"?done=screened", http.StatusSeeOther)
}

func (s *Server) inquiryFormFailed(w http.ResponseWriter, r *http.Request, form string, err error, a screening.Answers) {
	switch kinship.ErrorCode(err) {
	case kinship.EINVALID, kinship.ECONFLICT:
		s.renderInquiry(w, r, s.statusOf(r, err), form, formErrors(err), a, kinship.AssessmentBooking{})
	default:
		s.fail(w, r, err)
	}
}

// handleConvertForm is the registration form filled from the inquiry.
func (s *Server) handleConvertForm(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in *kinship.Inquiry
	if err == nil {
		in, err = s.Admissions.Inquiry(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := kinship.ClientFields{NameToUse: in.NameToUse, Pronouns: in.Pronouns, Phone: in.Phone, Email: in.Email,
		OKToVoicemail: in.OKToVoicemail, OKToText: in.OKToText}
	p := s.clientForm(r, "/admissions/"+itoa(id)+"/convert", f, 0, nil)
	p.Title, p.Inquiry = "Register "+in.NameToUse, in
	s.render(w, r, http.StatusOK, "client_form", p)
}

func (s *Server) handleConvert(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := clientFromForm(r)
	var c *kinship.Client
	if err == nil {
		c, err = s.Admissions.ConvertInquiry(r.Context(), id, f)
	}
	if err != nil {
		s.registrationFailed(w, r, "/admissions/"+itoa(id)+"/convert", id, f, err)
		return
	}
	http.Redirect(w, r, "/clients/"+itoa(c.ID)+"?done=registered", http.StatusSeeOther)
}

// handleInquiryLink files the inquiry on the chart of the client it turned
// out to be, and opens that chart at its admission form to readmit them.
func (s *Server) handleInquiryLink(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	clientID, _ := strconv.ParseInt(r.PostFormValue("client_id"), 10, 64)
	if err == nil {
		err = s.Admissions.LinkInquiry(r.Context(), id, clientID)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/clients/"+itoa(clientID)+"#admit", http.StatusSeeOther)
}

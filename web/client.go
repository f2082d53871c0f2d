package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"kinship"
)

type clientListPage struct {
	layout
	Q        string
	Clients  []*kinship.ClientMatch
	Total    int
	Next     string
	CanWrite bool
}

// clientPageSize is how many clients a page of the list shows.
const clientPageSize = 50

func (s *Server) handleClientList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	p := &clientListPage{layout: layout{Title: "Clients"}, Q: q, CanWrite: visitOf(r).me.Role.Can(kinship.PermClientWrite)}
	var err error
	if p.Clients, p.Total, err = s.Clients.SearchClients(r.Context(), kinship.ClientFilter{Q: q, Limit: clientPageSize, Offset: max(0, offset)}); err != nil {
		s.fail(w, r, err)
		return
	}
	if offset+clientPageSize < p.Total {
		p.Next = "/clients?" + url.Values{"q": {q}, "offset": {strconv.Itoa(offset + clientPageSize)}}.Encode()
	}
	s.render(w, r, http.StatusOK, "clients", p)
}

// clientFormPage registers or edits a client. ShowLegal adds the labelled
// legal-name section, for roles that hold PermLegalName.
type clientFormPage struct {
	layout
	Action    string
	Client    kinship.ClientFields
	ClientID  int64
	ShowLegal bool
	// LegalOnly limits the form to the legal name, for roles that keep it
	// for claims but do not edit the rest of the record (billing).
	LegalOnly bool
	Submit    string
	Errors    map[string]string
	// Matches are the charts this registration may duplicate; the form
	// then offers to register someone new only as a second, explicit step.
	Matches  []*kinship.LikelyMatch
	CanAdmit bool // whether a match's chart offers to readmit them
	// Inquiry is the first contact this registration comes from, if any:
	// what it holds stays on the chart, and a match can take it instead.
	Inquiry *kinship.Inquiry
}

func (s *Server) handleClientNew(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "client_form", s.clientForm(r, "/clients", kinship.ClientFields{}, 0, nil))
}

func (s *Server) clientForm(r *http.Request, action string, f kinship.ClientFields, id int64, errs map[string]string) *clientFormPage {
	title := "Register a client"
	submit := "Register"
	if id != 0 {
		title, submit = "Edit "+f.NameToUse, "Save"
	}
	return &clientFormPage{layout: layout{Title: title}, Action: action, Client: f, ClientID: id,
		ShowLegal: visitOf(r).me.Role.Can(kinship.PermLegalName), Submit: submit, Errors: errs}
}

func (s *Server) handleClientCreate(w http.ResponseWriter, r *http.Request) {
	f, err := clientFromForm(r)
	var c *kinship.Client
	if err == nil {
		c, err = s.Clients.CreateClient(r.Context(), f)
	}
	if err != nil {
		s.registrationFailed(w, r, "/clients", 0, f, err)
		return
	}
	http.Redirect(w, r, "/clients/"+itoa(c.ID)+"?done=registered", http.StatusSeeOther)
}

// registrationFailed shows a new registration, from an inquiry or not,
// again with everything typed: with the fields at fault, or with the
// charts it may duplicate.
func (s *Server) registrationFailed(w http.ResponseWriter, r *http.Request, action string, inquiryID int64, f kinship.ClientFields, err error) {
	var dup *kinship.PossibleDuplicate
	if kinship.ErrorCode(err) != kinship.EINVALID && !errors.As(err, &dup) {
		s.fail(w, r, err)
		return
	}
	p := s.clientForm(r, action, f, 0, formErrors(err))
	if dup != nil {
		p.Matches, p.Submit = dup.Matches, "Check again"
		p.CanAdmit = visitOf(r).me.Role.Can(kinship.PermEpisodeManage)
	}
	if inquiryID != 0 {
		var lerr error
		if p.Inquiry, lerr = s.Admissions.Inquiry(r.Context(), inquiryID); lerr != nil {
			s.fail(w, r, lerr)
			return
		}
	}
	s.render(w, r, s.statusOf(r, err), "client_form", p)
}

// clientFromForm reads the client form. A malformed birth date is an
// error on that field; everything else is checked by the domain.
func clientFromForm(r *http.Request) (kinship.ClientFields, error) {
	v := r.PostFormValue
	f := kinship.ClientFields{
		NameToUse: v("name_to_use"), Pronouns: v("pronouns"),
		LegalName:      kinship.LegalName{Given: v("legal_name.given"), Family: v("legal_name.family")},
		GenderIdentity: v("gender_identity"), SexualOrientation: v("sexual_orientation"), SexForClinicalUse: v("sex_for_clinical_use"),
		Phone: v("phone"), Email: v("email"), OKToVoicemail: v("ok_to_voicemail") == "on", OKToText: v("ok_to_text") == "on",
		DiscreetMail: v("discreet_mail") == "on", PreferredLanguage: v("preferred_language"), ConfirmNew: v("confirm_new") == "yes",
		EmergencyContact: kinship.EmergencyContact{Name: v("emergency_contact.name"), Relationship: v("emergency_contact.relationship"), Phone: v("emergency_contact.phone")},
	}
	if b := v("birth_date"); b != "" {
		d, err := kinship.ParseDate(b)
		if err != nil {
			// Report the date with every other problem in the form.
			rest := f
			rest.Normalize()
			return f, mergeErrors(invalid("birth_date", "Birth date must be a real date, written YYYY-MM-DD."), rest.Validate(kinship.Date{Year: 9999, Month: 12, Day: 31}))
		}
		f.BirthDate = d
	}
	return f, nil
}

// fieldsOf turns a stored client back into form fields.
func fieldsOf(c *kinship.Client) kinship.ClientFields {
	return kinship.ClientFields{NameToUse: c.NameToUse, Pronouns: c.Pronouns, LegalName: c.LegalName, GenderIdentity: c.GenderIdentity,
		SexualOrientation: c.SexualOrientation, SexForClinicalUse: c.SexForClinicalUse, BirthDate: c.BirthDate, Phone: c.Phone,
		Email: c.Email, OKToVoicemail: c.OKToVoicemail, OKToText: c.OKToText, DiscreetMail: c.DiscreetMail,
		EmergencyContact: c.EmergencyContact, PreferredLanguage: c.PreferredLanguage}
}

func (s *Server) handleClientEdit(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadClient(w, r)
	if !ok {
		return
	}
	f := fieldsOf(c)
	p := s.clientForm(r, "/clients/"+itoa(c.ID), f, c.ID, nil)
	p.ShowLegal = false // the legal name is edited on the registration page only
	s.render(w, r, http.StatusOK, "client_form", p)
}

func (s *Server) handleClientUpdate(w http.ResponseWriter, r *http.Request) {
	s.saveClient(w, r, false)
}

// saveClient stores the edit form, or with legal the registration form,
// which also changes the legal name.
func (s *Server) saveClient(w http.ResponseWriter, r *http.Request, legal bool) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := clientFromForm(r)
	legalOnly := legal && !visitOf(r).me.Role.Can(kinship.PermClientWrite)
	if err == nil && !legalOnly {
		_, err = s.Clients.UpdateClient(r.Context(), id, f)
	}
	if err == nil && legal {
		err = s.Clients.UpdateLegalName(r.Context(), id, f.LegalName)
	}
	if err != nil {
		if kinship.ErrorCode(err) != kinship.EINVALID {
			s.fail(w, r, err)
			return
		}
		action := "/clients/" + itoa(id)
		p := s.clientForm(r, action, f, id, formErrors(err))
		if legal {
			p.Action, p.Title, p.Submit, p.LegalOnly = action+"/registration", "Registration", "Save registration", legalOnly
		} else {
			p.ShowLegal = false
		}
		s.render(w, r, s.statusOf(r, err), "client_form", p)
		return
	}
	http.Redirect(w, r, "/clients/"+itoa(id)+"?done=updated", http.StatusSeeOther)
}

// handleRegistration is the one page that shows the legal name.
func (s *Server) handleRegistration(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var c *kinship.Client
	if err == nil {
		c, err = s.Clients.Registration(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.clientForm(r, "/clients/"+itoa(id)+"/registration", fieldsOf(c), id, nil)
	p.Title, p.Submit = "Registration", "Save registration"
	p.LegalOnly = !visitOf(r).me.Role.Can(kinship.PermClientWrite)
	s.render(w, r, http.StatusOK, "client_form", p)
}

func (s *Server) handleRegistrationUpdate(w http.ResponseWriter, r *http.Request) {
	s.saveClient(w, r, true)
}

// loadClient loads the chart's client, answering the request itself on
// failure. Outside a caseload it offers emergency access.
func (s *Server) loadClient(w http.ResponseWriter, r *http.Request) (*kinship.Client, bool) {
	id, err := pathID(r)
	var c *kinship.Client
	if err == nil {
		c, err = s.Clients.Client(r.Context(), id)
	}
	if errors.Is(err, kinship.ErrNotOnCaseload) && !wantsJSON(r) {
		s.render(w, r, http.StatusForbidden, "break_glass", &breakGlassPage{layout: layout{Title: "Not on your caseload"}, ClientID: id,
			CanBreak: visitOf(r).me.Role.Can(kinship.PermBreakGlass)})
		return nil, false
	}
	if err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	return c, true
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

package web

import (
	"net/http"
	"strconv"
	"time"

	"kinship"
)

// networkNotices confirm a change to the client's people or milestones,
// by the redirect's done key.
var networkNotices = map[string]string{
	"added":    "Saved. They are in your people.",
	"saved":    "Changes saved.",
	"removed":  "Removed. Nothing more will be shared with them.",
	"date-set": "Your recovery date is saved. No one was told.",
	"told":     "Your recovery date is saved, and your counselor will know.",
	"not-told": "Your recovery date is saved. You have no counselor assigned right now, so no one was told.",
	"hidden":   "Your counter is hidden.",
	"shown":    "Your counter is showing.",
}

// peoplePage lists the client's support network.
type peoplePage struct {
	layout
	Contacts []*kinship.Contact
	Today    kinship.Date
}

func (s *Server) handlePeople(w http.ResponseWriter, r *http.Request) {
	list, err := s.Network.MyContacts(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "people", &peoplePage{layout: layout{Title: "My people", Notice: networkNotices[r.URL.Query().Get("done")]},
		Contacts: list, Today: s.today(r)})
}

// personFormPage adds or edits a contact, with the consent to sign for
// anything shared with them.
type personFormPage struct {
	layout
	Contact *kinship.Contact // nil for a new one
	Form    kinship.ContactFields
	Org     string // who discloses, named in the consent
	Today   kinship.Date
	Errors  map[string]string
}

// Action is where the form posts.
func (p *personFormPage) Action() string {
	if p.Contact == nil {
		return "/me/people"
	}
	return "/me/people/" + itoa(p.Contact.ID)
}

// Relationships are the relationship choices.
func (p *personFormPage) Relationships() []option {
	return append([]option{{"", "Choose…"}}, options(kinship.Relationships, kinship.Relationship.Label)...)
}

// Sharings are the choices of what they may receive.
func (p *personFormPage) Sharings() []kinship.Sharing { return kinship.Sharings }

// InForce is the contact's consent while it is in force, or nil.
func (p *personFormPage) InForce() *kinship.Consent {
	if p.Contact == nil || p.Contact.Receives(p.Today) == kinship.ShareNothing {
		return nil
	}
	return p.Contact.Consent
}

// YearOn is when a consent signed today for a year ends.
func (p *personFormPage) YearOn() kinship.Date { return p.Today.AddYears(1) }

func (s *Server) personForm(r *http.Request, c *kinship.Contact, f kinship.ContactFields, errs map[string]string) *personFormPage {
	title := "Add a person"
	if c != nil {
		title = "Edit " + c.Name
	}
	p := &personFormPage{layout: layout{Title: title}, Contact: c, Form: f, Today: s.today(r), Errors: errs}
	if org, err := s.Orgs.Organization(r.Context()); err == nil {
		p.Org = org.Name
	}
	return p
}

func (s *Server) handlePersonNew(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "people_form", s.personForm(r, nil, kinship.ContactFields{Expiry: kinship.ExpiryDate}, nil))
}

// myContact loads the client's contact named by {id}: another client's
// is not found.
func (s *Server) myContact(r *http.Request) (*kinship.Contact, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return s.Network.MyContact(r.Context(), id)
}

func (s *Server) handlePerson(w http.ResponseWriter, r *http.Request) {
	c, err := s.myContact(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "people_form", s.personForm(r, c, kinship.FromContact(c), nil))
}

func contactFromForm(r *http.Request) kinship.ContactFields {
	v := r.PostFormValue
	return kinship.ContactFields{Name: v("name"), Relationship: kinship.Relationship(v("relationship")), Phone: v("phone"),
		Email: v("email"), Sharing: kinship.Sharing(v("sharing")), Expiry: kinship.ExpiryKind(v("expiry")),
		SignedName: v("signed_name"), Agreed: v("agreed") == "on"}
}

func (s *Server) handlePersonCreate(w http.ResponseWriter, r *http.Request) {
	f := contactFromForm(r)
	_, err := s.Network.AddContact(r.Context(), f)
	s.afterPerson(w, r, nil, f, err, "added")
}

func (s *Server) handlePersonUpdate(w http.ResponseWriter, r *http.Request) {
	c, err := s.myContact(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := contactFromForm(r)
	_, err = s.Network.UpdateContact(r.Context(), c.ID, f)
	s.afterPerson(w, r, c, f, err, "saved")
}

// afterPerson goes back to the list, or shows the form again with its
// errors; the signature is never filled back in.
func (s *Server) afterPerson(w http.ResponseWriter, r *http.Request, c *kinship.Contact, f kinship.ContactFields, err error, done string) {
	switch kinship.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/me/people?done="+done, http.StatusSeeOther)
	case kinship.EINVALID:
		f.SignedName, f.Agreed = "", false
		s.render(w, r, http.StatusBadRequest, "people_form", s.personForm(r, c, f, formErrors(err)))
	default:
		s.fail(w, r, err)
	}
}

func (s *Server) handlePersonDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.Network.RemoveContact(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/me/people?done=removed", http.StatusSeeOther)
}

// contactJSON is a contact with what they may receive today and the
// consent it rests on.
type contactJSON struct {
	ID           int64                `json:"id"`
	Name         string               `json:"name"`
	Relationship kinship.Relationship `json:"relationship"`
	Phone        string               `json:"phone"`
	Email        string               `json:"email"`
	Sharing      kinship.Sharing      `json:"sharing"`
	Receives     kinship.Sharing      `json:"receives"`
	Consent      *consentJSON         `json:"consent"`
	UpdatedAt    time.Time            `json:"updated_at"`
}

func toContactJSON(c *kinship.Contact, today kinship.Date) contactJSON {
	j := contactJSON{ID: c.ID, Name: c.Name, Relationship: c.Relationship, Phone: c.Phone, Email: c.Email, Sharing: c.Sharing,
		Receives: c.Receives(today), UpdatedAt: c.UpdatedAt}
	if c.Consent != nil {
		k := toConsentJSON(c.Consent, today)
		j.Consent = &k
	}
	return j
}

func (s *Server) writeContacts(w http.ResponseWriter, r *http.Request, list []*kinship.Contact, err error) {
	if err != nil {
		s.fail(w, r, err)
		return
	}
	today := s.today(r)
	writeList(w, "contacts", list, func(c *kinship.Contact) contactJSON { return toContactJSON(c, today) })
}

func (s *Server) apiMyContacts(w http.ResponseWriter, r *http.Request) {
	list, err := s.Network.MyContacts(r.Context())
	s.writeContacts(w, r, list, err)
}

func (s *Server) apiMyContactCreate(w http.ResponseWriter, r *http.Request) {
	var f kinship.ContactFields
	err := readJSON(w, r, &f)
	var c *kinship.Contact
	if err == nil {
		c, err = s.Network.AddContact(r.Context(), f)
	}
	s.writeContact(w, r, http.StatusCreated, c, err)
}

// apiMyContactUpdate changes only the fields sent; a new sharing choice
// carries its signature.
func (s *Server) apiMyContactUpdate(w http.ResponseWriter, r *http.Request) {
	c, err := s.myContact(r)
	if err == nil {
		f := kinship.FromContact(c)
		if err = readJSON(w, r, &f); err == nil {
			c, err = s.Network.UpdateContact(r.Context(), c.ID, f)
		}
	}
	s.writeContact(w, r, http.StatusOK, c, err)
}

func (s *Server) writeContact(w http.ResponseWriter, r *http.Request, status int, c *kinship.Contact, err error) {
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, status, toContactJSON(c, s.today(r)))
}

func (s *Server) apiMyContactDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.Network.RemoveContact(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// apiClientContacts is a client's network and consents, for staff.
func (s *Server) apiClientContacts(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var list []*kinship.Contact
	if err == nil {
		list, err = s.Network.Contacts(r.Context(), id)
	}
	s.writeContacts(w, r, list, err)
}

// inviteFamily sends the family-session invitation the staff route names.
func (s *Server) inviteFamily(r *http.Request) (int64, error) {
	clientID, err := pathID(r)
	if err != nil {
		return 0, err
	}
	contactID, err := strconv.ParseInt(r.PathValue("contact"), 10, 64)
	if err != nil {
		return 0, kinship.Errorf(kinship.ENOTFOUND, noPageMessage)
	}
	return clientID, s.Network.InviteToFamilySession(r.Context(), clientID, contactID)
}

func (s *Server) handleFamilyInvite(w http.ResponseWriter, r *http.Request) {
	clientID, err := s.inviteFamily(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/clients/"+itoa(clientID)+"?done=family-invited", http.StatusSeeOther)
}

func (s *Server) apiFamilyInvite(w http.ResponseWriter, r *http.Request) {
	if _, err := s.inviteFamily(r); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]string{"status": "queued"})
}

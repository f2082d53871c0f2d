package web

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"kinship"
	"kinship/diagnosis"
)

// clientJSON is a client's record. legal_name is present only for roles
// that hold PermLegalName.
type clientJSON struct {
	ID                int64                    `json:"id"`
	MRN               string                   `json:"mrn"`
	NameToUse         string                   `json:"name_to_use"`
	Pronouns          string                   `json:"pronouns"`
	LegalName         *kinship.LegalName       `json:"legal_name,omitempty"`
	GenderIdentity    string                   `json:"gender_identity"`
	SexualOrientation string                   `json:"sexual_orientation"`
	SexForClinicalUse string                   `json:"sex_for_clinical_use"`
	BirthDate         kinship.Date             `json:"birth_date"`
	Phone             string                   `json:"phone"`
	Email             string                   `json:"email"`
	OKToVoicemail     bool                     `json:"ok_to_voicemail"`
	OKToText          bool                     `json:"ok_to_text"`
	DiscreetMail      bool                     `json:"discreet_mail"`
	EmergencyContact  kinship.EmergencyContact `json:"emergency_contact"`
	PreferredLanguage string                   `json:"preferred_language"`
	Status            kinship.ClientStatus     `json:"status"`
	CreatedAt         time.Time                `json:"created_at"`
}

func toClientJSON(c *kinship.Client, showLegal bool) clientJSON {
	j := clientJSON{ID: c.ID, MRN: c.MRN, NameToUse: c.NameToUse, Pronouns: c.Pronouns, GenderIdentity: c.GenderIdentity,
		SexualOrientation: c.SexualOrientation, SexForClinicalUse: c.SexForClinicalUse, BirthDate: c.BirthDate, Phone: c.Phone,
		Email: c.Email, OKToVoicemail: c.OKToVoicemail, OKToText: c.OKToText, DiscreetMail: c.DiscreetMail,
		EmergencyContact: c.EmergencyContact, PreferredLanguage: c.PreferredLanguage, Status: c.Status, CreatedAt: c.CreatedAt}
	if showLegal {
		legal := c.LegalName
		j.LegalName = &legal
	}
	return j
}

// seesLegalName reports whether the caller may see and change legal names.
func seesLegalName(r *http.Request) bool { return visitOf(r).me.Role.Can(kinship.PermLegalName) }

// clientMatchJSON is a search result: never the legal name, only whether
// the search matched it.
type clientMatchJSON struct {
	ID               int64                `json:"id"`
	MRN              string               `json:"mrn"`
	NameToUse        string               `json:"name_to_use"`
	Pronouns         string               `json:"pronouns"`
	Status           kinship.ClientStatus `json:"status"`
	MatchedLegalName bool                 `json:"matched_legal_name"`
}

// apiClients searches clients: ?q=&limit=&offset=.
func (s *Server) apiClients(w http.ResponseWriter, r *http.Request) {
	f, err := clientFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	matches, total, err := s.Clients.SearchClients(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]clientMatchJSON, len(matches))
	for i, m := range matches {
		out[i] = clientMatchJSON{m.ID, m.MRN, m.NameToUse, m.Pronouns, m.Status, m.MatchedLegalName}
	}
	writeJSON(w, http.StatusOK, map[string]any{"clients": out, "total": total})
}

// clientFilter reads the search query; limit is 1 to 200, 50 by default.
func clientFilter(q url.Values) (kinship.ClientFilter, error) {
	f := kinship.ClientFilter{Q: q.Get("q"), Limit: 50}
	errs := kinship.FieldErrors{}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 200 {
			errs.Add("limit", "Limit must be a whole number from 1 to 200.")
		}
		f.Limit = n
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			errs.Add("offset", "Offset must be a whole number, 0 or more.")
		}
		f.Offset = n
	}
	return f, errs.Err()
}

func (s *Server) apiClientCreate(w http.ResponseWriter, r *http.Request) {
	var f kinship.ClientFields
	if _, err := readClientFields(w, r, &f); err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := s.Clients.CreateClient(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toClientJSON(c, seesLegalName(r)))
}

func (s *Server) apiClient(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var c *kinship.Client
	if err == nil {
		c, err = s.Clients.Client(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toClientJSON(c, seesLegalName(r)))
}

// apiClientUpdate changes only the fields the body holds. The legal name
// changes only for roles that hold PermLegalName; for others a body that
// holds it is refused and nothing changes.
func (s *Server) apiClientUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	legal := seesLegalName(r)
	load := s.Clients.Client
	if legal {
		load = s.Clients.Registration // the current legal name, to decode on top of
	}
	c, err := load(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := fieldsOf(c)
	legalSent, err := readClientFields(w, r, &f)
	if err == nil {
		f.Normalize()
		c, err = s.Clients.UpdateClient(r.Context(), id, f) // validates the legal name too, before either write
	}
	if err == nil && legalSent {
		if err = s.Clients.UpdateLegalName(r.Context(), id, f.LegalName); err == nil {
			c.LegalName = f.LegalName
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toClientJSON(c, legal))
}

// errLegalNameRefused answers a body with a legal name from a role that may
// not see legal names.
var errLegalNameRefused = kinship.Errorf(kinship.EFORBIDDEN, "Your role cannot see or change the legal name. Leave legal_name out of the request.")

// readClientFields decodes a client body on top of f, so only the fields
// the body holds change. It reports whether the body holds legal_name,
// refusing it from roles without PermLegalName.
func readClientFields(w http.ResponseWriter, r *http.Request, f *kinship.ClientFields) (legalSent bool, err error) {
	present, err := readJSONWithDates(w, r, f, map[string]*kinship.Date{"birth_date": &f.BirthDate})
	if err != nil {
		if kinship.ErrorCode(err) == kinship.EINVALID && present != nil {
			// A bad date is reported with every other problem in the body.
			rest := *f
			rest.Normalize()
			err = mergeErrors(err, rest.Validate(kinship.Date{Year: 9999, Month: 12, Day: 31}))
		}
		return false, err
	}
	if present["legal_name"] && !seesLegalName(r) {
		return false, errLegalNameRefused
	}
	return present["legal_name"], nil
}

// readJSONWithDates is readJSON for a body with date fields. It reads the
// dates named in dates itself, so that a date that does not exist, such as
// 2026-02-30, is an error on its own field rather than unreadable JSON, and
// it reports which top-level fields the body holds.
func readJSONWithDates(w http.ResponseWriter, r *http.Request, v any, dates map[string]*kinship.Date) (map[string]bool, error) {
	var raw map[string]json.RawMessage
	if err := readJSON(w, r, &raw); err != nil {
		return nil, err
	}
	present := make(map[string]bool, len(raw))
	for field := range raw {
		present[field] = true
	}
	errs := kinship.FieldErrors{}
	for field, dst := range dates {
		if b, ok := raw[field]; ok {
			delete(raw, field)
			if dst.UnmarshalJSON(b) != nil {
				errs.Add(field, field+" must be a real date, written YYYY-MM-DD.")
			}
		}
	}
	rest, err := json.Marshal(raw)
	if err != nil {
		return nil, err
	}
	r.Body = io.NopCloser(bytes.NewReader(rest))
	if err := readJSON(w, r, v); err != nil {
		return nil, err
	}
	return present, errs.Err()
}

// episodeJSON is one episode of care.
type episodeJSON struct {
	ID                 int64               `json:"id"`
	ClientID           int64               `json:"client_id"`
	ProgramID          int64               `json:"program_id"`
	Program            string              `json:"program"`
	AdmittedOn         kinship.Date        `json:"admitted_on"`
	PrimaryCounselorID int64               `json:"primary_counselor_id"`
	PrimaryCounselor   string              `json:"primary_counselor"`
	Diagnoses          []kinship.Diagnosis `json:"diagnoses"`
	DischargedOn       kinship.Date        `json:"discharged_on"`
	DischargeReason    string              `json:"discharge_reason"`
	DischargeSummary   string              `json:"discharge_summary"`
	Referrals          string              `json:"referrals"`
	Open               bool                `json:"open"`
}

func toEpisodeJSON(e *kinship.Episode) episodeJSON {
	return episodeJSON{ID: e.ID, ClientID: e.ClientID, ProgramID: e.ProgramID, Program: e.ProgramName, AdmittedOn: e.AdmittedOn,
		PrimaryCounselorID: e.PrimaryCounselorID, PrimaryCounselor: e.PrimaryCounselor,
		Diagnoses: append([]kinship.Diagnosis{}, e.Diagnoses...), DischargedOn: e.DischargedOn,
		DischargeReason: string(e.DischargeReason), DischargeSummary: e.DischargeSummary, Referrals: e.Referrals, Open: e.Open()}
}

func (s *Server) apiEpisodes(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var eps []*kinship.Episode
	if err == nil {
		eps, err = s.Episodes.Episodes(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]episodeJSON, len(eps))
	for i, e := range eps {
		out[i] = toEpisodeJSON(e)
	}
	writeJSON(w, http.StatusOK, map[string]any{"episodes": out})
}

func (s *Server) apiAdmit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var a kinship.Admission
	if err == nil {
		_, err = readJSONWithDates(w, r, &a, map[string]*kinship.Date{"admitted_on": &a.AdmittedOn})
	}
	var e *kinship.Episode
	if err == nil {
		e, err = s.Episodes.Admit(r.Context(), id, a)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toEpisodeJSON(e))
}

func (s *Server) apiDischarge(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var d kinship.Discharge
	if err == nil {
		_, err = readJSONWithDates(w, r, &d, map[string]*kinship.Date{"discharged_on": &d.On})
	}
	var e *kinship.Episode
	if err == nil {
		e, err = s.Episodes.DischargeEpisode(r.Context(), id, d)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toEpisodeJSON(e))
}

// apiBreakGlass opens a chart outside the caller's caseload for an hour.
func (s *Server) apiBreakGlass(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in struct {
		Reason string `json:"reason"`
	}
	if err == nil {
		err = readJSON(w, r, &in)
	}
	var expires time.Time
	if err == nil {
		expires, err = s.BreakGlass.BreakGlass(r.Context(), id, in.Reason)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"expires_at": expires})
}

// apiDiagnoses lists the ICD-10-CM codes an admission may use.
func (s *Server) apiDiagnoses(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"diagnoses": diagnosis.Catalogue()})
}

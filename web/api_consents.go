package web

import (
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"time"

	"kinship"
)

// consentJSON is a Part 2 consent with every element, and whether it is in
// force today.
type consentJSON struct {
	ID                int64              `json:"id"`
	ClientID          int64              `json:"client_id"`
	Discloser         string             `json:"discloser"`
	Information       []kinship.InfoKind `json:"information"`
	InformationDetail string             `json:"information_detail"`
	Recipients        []string           `json:"recipients"`
	TPO               bool               `json:"tpo"`
	Purposes          []kinship.Purpose  `json:"purposes"`
	PurposeDetail     string             `json:"purpose_detail"`
	Expiry            kinship.ExpiryKind `json:"expiry"`
	ExpiresOn         kinship.Date       `json:"expires_on"`
	RevocationNoted   bool               `json:"revocation_noted"`
	SignedName        string             `json:"signed_name"`
	SignedOn          kinship.Date       `json:"signed_on"`
	SignatureMethod   string             `json:"signature_method"`
	ScanDocumentID    int64              `json:"scan_document_id,omitempty"`
	RevokedAt         *time.Time         `json:"revoked_at"`
	RevokeNote        string             `json:"revoke_note"`
	CreatedAt         time.Time          `json:"created_at"`
	InForce           bool               `json:"in_force"`
}

// toConsentJSON converts c, saying whether it is in force today.
func toConsentJSON(c *kinship.Consent, today kinship.Date) consentJSON {
	j := consentJSON{ID: c.ID, ClientID: c.ClientID, Discloser: c.Discloser, Information: append([]kinship.InfoKind{}, c.Information...),
		InformationDetail: c.InformationDetail, Recipients: append([]string{}, c.Recipients...), TPO: c.TPO,
		Purposes: append([]kinship.Purpose{}, c.Purposes...), PurposeDetail: c.PurposeDetail, Expiry: c.Expiry,
		ExpiresOn: c.ExpiresOn, RevocationNoted: c.RevocationNoted, SignedName: c.SignedName, SignedOn: c.SignedOn,
		SignatureMethod: c.SignatureMethod, ScanDocumentID: c.ScanDocumentID, RevokeNote: c.RevokeNote, CreatedAt: c.CreatedAt,
		InForce: c.Lapsed(today) == ""}
	if !c.RevokedAt.IsZero() {
		revoked := c.RevokedAt
		j.RevokedAt = &revoked
	}
	return j
}

func (s *Server) apiConsents(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var list []*kinship.Consent
	if err == nil {
		list, err = s.Consents.Consents(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	today := s.today(r)
	out := make([]consentJSON, len(list))
	for i, c := range list {
		out[i] = toConsentJSON(c, today)
	}
	writeJSON(w, http.StatusOK, map[string]any{"consents": out})
}

func (s *Server) apiConsentCreate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var f kinship.ConsentFields
	if err == nil {
		_, err = readJSONWithDates(w, r, &f, map[string]*kinship.Date{"expires_on": &f.ExpiresOn, "signed_on": &f.SignedOn})
	}
	var c *kinship.Consent
	if err == nil {
		c, err = s.Consents.CreateConsent(r.Context(), id, f)
	}
	if err != nil {
		s.fail(w, r, renameField(err, "scan", "scan_document_id"))
		return
	}
	writeJSON(w, http.StatusCreated, toConsentJSON(c, s.today(r)))
}

// renameField gives a domain error's field the name the API uses for it.
func renameField(err error, from, to string) error {
	var e *kinship.Error
	if !errors.As(err, &e) || e.Fields[from] == "" {
		return err
	}
	fields := maps.Clone(e.Fields)
	fields[to] = fields[from]
	delete(fields, from)
	return &kinship.Error{Code: e.Code, Message: e.Message, Fields: fields}
}

// apiConsentRevoke stops every future disclosure under a consent.
func (s *Server) apiConsentRevoke(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in struct {
		Note string `json:"note"`
	}
	if err == nil {
		err = readJSON(w, r, &in)
	}
	var c *kinship.Consent
	if err == nil {
		c, err = s.Consents.RevokeConsent(r.Context(), id, in.Note)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toConsentJSON(c, s.today(r)))
}

// disclosureJSON is one row of the accounting of disclosures, with what
// the release held and the digest of its document.
type disclosureJSON struct {
	ID          int64              `json:"id"`
	ConsentID   int64              `json:"consent_id"`
	Recipient   string             `json:"recipient"`
	Purpose     kinship.Purpose    `json:"purpose"`
	Information []kinship.InfoKind `json:"information"`
	Released    []kindCountJSON    `json:"released"`
	SHA256      string             `json:"sha256"`
	Method      string             `json:"method"`
	DisclosedAt time.Time          `json:"disclosed_at"`
	DisclosedBy string             `json:"disclosed_by"`
}

type kindCountJSON struct {
	Kind  kinship.InfoKind `json:"kind"`
	Items int              `json:"items"`
}

func toDisclosureJSON(d *kinship.Disclosure) disclosureJSON {
	released := make([]kindCountJSON, len(d.Released))
	for i, k := range d.Released {
		released[i] = kindCountJSON{k.Kind, k.Items}
	}
	return disclosureJSON{d.ID, d.ConsentID, d.Recipient, d.Purpose, append([]kinship.InfoKind{}, d.Information...), released, d.SHA256,
		d.Method, d.DisclosedAt, d.DisclosedBy}
}

// apiDisclosures is the client's accounting of disclosures.
func (s *Server) apiDisclosures(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var list []*kinship.Disclosure
	if err == nil {
		list, err = s.Disclosures.Disclosures(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]disclosureJSON, len(list))
	for i, d := range list {
		out[i] = toDisclosureJSON(d)
	}
	writeJSON(w, http.StatusOK, map[string]any{"disclosures": out})
}

// disclosedJSON answers a release: the accounting row, the notice, and the
// record as the document that left (compacted, its bytes are the ones the
// row's sha256 digests).
type disclosedJSON struct {
	Disclosure disclosureJSON  `json:"disclosure"`
	Notice     string          `json:"notice"`
	Record     json.RawMessage `json:"record"`
}

// apiDisclose releases records under a consent that covers them, with the
// §2.32 notice; without one it is refused with the reason.
func (s *Server) apiDisclose(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var req kinship.DisclosureRequest
	if err == nil {
		err = readJSON(w, r, &req)
	}
	if req.Method == "" {
		req.Method = "api"
	}
	var rec *kinship.DisclosedRecord
	if err == nil {
		rec, err = s.Disclosures.Disclose(r.Context(), id, req)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// The record is the released document itself, as a download gives it.
	writeJSON(w, http.StatusCreated, disclosedJSON{toDisclosureJSON(rec.Disclosure), rec.Notice, rec.Document})
}

// alertJSON is an alert for the caller; client_id is null when it is about
// no client.
type alertJSON struct {
	ID        int64     `json:"id"`
	Kind      string    `json:"kind"`
	ClientID  *int64    `json:"client_id"`
	Client    string    `json:"client"`
	Message   string    `json:"message"`
	CreatedAt time.Time `json:"created_at"`
	Escalated bool      `json:"escalated"`
}

// apiAlerts lists the caller's open alerts, newest first.
func (s *Server) apiAlerts(w http.ResponseWriter, r *http.Request) {
	alerts, err := s.Alerts.OpenAlerts(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]alertJSON, len(alerts))
	for i, a := range alerts {
		out[i] = alertJSON{ID: a.ID, Kind: a.Kind, Client: a.Client, Message: a.Message, CreatedAt: a.CreatedAt, Escalated: a.Escalated}
		if a.ClientID != 0 {
			out[i].ClientID = &a.ClientID
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"alerts": out})
}

// apiAlertAcknowledge closes an alert with a note of what was done.
func (s *Server) apiAlertAcknowledge(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in struct {
		Action string `json:"action"` // required for safety alerts
		Note   string `json:"note"`
	}
	if err == nil {
		err = readJSON(w, r, &in)
	}
	if err == nil {
		err = s.Alerts.AcknowledgeAlert(r.Context(), id, in.Action, in.Note)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"acknowledged": true})
}

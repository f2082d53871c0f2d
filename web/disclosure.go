package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"kinship"
)

type disclosuresPage struct {
	layout
	Client      *kinship.Client
	Disclosures []*kinship.Disclosure
	Request     kinship.DisclosureRequest
	Location    *time.Location
	Errors      map[string]string
}

// handleDisclosures shows the accounting of disclosures and the form to
// release records.
func (s *Server) handleDisclosures(w http.ResponseWriter, r *http.Request) {
	s.renderDisclosures(w, r, http.StatusOK, kinship.DisclosureRequest{Method: "print"}, nil)
}

func (s *Server) renderDisclosures(w http.ResponseWriter, r *http.Request, status int, req kinship.DisclosureRequest, errs map[string]string) {
	c, ok := s.loadClient(w, r)
	if !ok {
		return
	}
	p := &disclosuresPage{layout: layout{Title: "Disclosures · " + c.NameToUse}, Client: c, Request: req, Location: s.siteLocation(r.Context()), Errors: errs}
	var err error
	if p.Disclosures, err = s.Disclosures.Disclosures(r.Context(), c.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "disclosures", p)
}

type disclosedPage struct {
	layout
	Record *kinship.DisclosedRecord
}

// handleDisclose releases records under a consent: a printable page, or a
// JSON file, each carrying the §2.32 notice. A refusal shows why.
func (s *Server) handleDisclose(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	r.ParseForm()
	req := kinship.DisclosureRequest{Recipient: r.PostFormValue("recipient"), Purpose: kinship.Purpose(r.PostFormValue("purpose")), Method: r.PostFormValue("method")}
	for _, k := range r.PostForm["information"] {
		req.Information = append(req.Information, kinship.InfoKind(k))
	}
	rec, err := s.Disclosures.Disclose(r.Context(), id, req)
	switch kinship.ErrorCode(err) {
	case "":
	case kinship.EINVALID, kinship.EFORBIDDEN:
		if err == kinship.ErrNotOnCaseload {
			s.fail(w, r, err)
			return
		}
		s.renderDisclosures(w, r, s.statusOf(r, err), req, formErrors(err))
		return
	default:
		s.fail(w, r, err)
		return
	}
	if req.Method == "download" {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="record-`+rec.Client.MRN+`.json"`)
		json.NewEncoder(w).Encode(releasedJSON(rec))
		return
	}
	s.render(w, r, http.StatusOK, "disclosed", &disclosedPage{layout: layout{Title: "Released record"}, Record: rec})
}

// releasedJSON is a released record as a file: the notice first, and only
// the fields the disclosure released.
func releasedJSON(rec *kinship.DisclosedRecord) map[string]any {
	c := rec.Client
	client := map[string]any{"mrn": c.MRN, "name_to_use": c.NameToUse, "pronouns": c.Pronouns}
	if c.LegalName != (kinship.LegalName{}) {
		client["legal_name"] = c.LegalName
	}
	if !c.BirthDate.IsZero() {
		client["birth_date"] = c.BirthDate
	}
	for k, v := range map[string]string{"phone": c.Phone, "email": c.Email, "gender_identity": c.GenderIdentity,
		"sex_for_clinical_use": c.SexForClinicalUse, "preferred_language": c.PreferredLanguage} {
		if v != "" {
			client[k] = v
		}
	}
	episodes := []map[string]any{}
	for _, e := range rec.Episodes {
		ep := map[string]any{"program": e.ProgramName, "admitted_on": e.AdmittedOn, "discharged_on": e.DischargedOn}
		if e.Diagnoses != nil {
			ep["diagnoses"] = e.Diagnoses
		}
		if e.DischargeSummary != "" {
			ep["discharge_reason"], ep["discharge_summary"], ep["referrals"] = e.DischargeReason, e.DischargeSummary, e.Referrals
		}
		episodes = append(episodes, ep)
	}
	notes := make([]noteJSON, len(rec.Notes))
	for i, n := range rec.Notes {
		notes[i] = toNoteJSON(n)
	}
	d := rec.Disclosure
	return map[string]any{"notice": rec.Notice, "disclosed_to": d.Recipient, "purpose": d.Purpose, "information": d.Information,
		"disclosed_at": d.DisclosedAt, "consent_id": d.ConsentID, "client": client, "episodes": episodes, "notes": notes}
}

// handleAccountingCSV exports the accounting of disclosures, for the client
// who asks for it.
func (s *Server) handleAccountingCSV(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadClient(w, r)
	if !ok {
		return
	}
	list, err := s.Disclosures.Disclosures(r.Context(), c.ID)
	if err == nil {
		err = s.Audit.Audit(r.Context(), kinship.AuditRecord{Action: kinship.ActionAccountingExport, ResourceType: "client", ResourceID: itoa(c.ID)})
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	loc := s.siteLocation(r.Context())
	out := newCSVDownload(w, "disclosures-"+c.MRN+".csv")
	out.Row("disclosed_at", "recipient", "purpose", "information", "method", "consent_id", "disclosed_by")
	for _, d := range list {
		kinds := make([]string, len(d.Information))
		for i, k := range d.Information {
			kinds[i] = string(k)
		}
		out.Row(d.DisclosedAt.In(loc).Format(time.RFC3339), d.Recipient, string(d.Purpose), strings.Join(kinds, "; "),
			d.Method, itoa(d.ConsentID), d.DisclosedBy)
	}
	out.Close()
}

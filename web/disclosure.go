package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"kinship"
)

type disclosuresPage struct {
	layout
	Client      *kinship.Client
	Disclosures []*kinship.Disclosure
	Request     kinship.DisclosureRequest
	Recipients  []string // named by the client's consents in force, as written
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
	consents, err := s.Consents.Consents(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	today := s.today(r)
	for _, k := range consents {
		if k.Lapsed(today) == "" {
			p.Recipients = append(p.Recipients, k.Recipients...)
		}
	}
	s.render(w, r, status, "disclosures", p)
}

// Held is what a disclosure held, each kind with its count, as people read it.
func (p *disclosuresPage) Held(d *kinship.Disclosure) string {
	return releasedCounts(d, kinship.InfoKind.Label)
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
		w.Write(rec.Document) // the bytes whose digest the accounting keeps
		return
	}
	s.render(w, r, http.StatusOK, "disclosed", &disclosedPage{layout: layout{Title: "Released record"}, Record: rec})
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
	out.Row("disclosed_at", "recipient", "purpose", "information", "released", "method", "consent_id", "disclosed_by", "sha256")
	for _, d := range list {
		kinds := make([]string, len(d.Information))
		for i, k := range d.Information {
			kinds[i] = string(k)
		}
		out.Row(d.DisclosedAt.In(loc).Format(time.RFC3339), d.Recipient, string(d.Purpose), strings.Join(kinds, "; "),
			releasedCounts(d, func(k kinship.InfoKind) string { return string(k) }), d.Method, itoa(d.ConsentID), d.DisclosedBy, d.SHA256)
	}
	out.Close()
}

// releasedCounts is what a disclosure held, "attendance: 12; drug_screens:
// 4", each kind named by name. A row accounted before kinds were counted
// names what was asked for.
func releasedCounts(d *kinship.Disclosure, name func(kinship.InfoKind) string) string {
	var out []string
	for _, k := range d.Released {
		out = append(out, name(k.Kind)+": "+strconv.Itoa(k.Items))
	}
	if len(d.Released) == 0 {
		for _, k := range d.Information {
			out = append(out, name(k)+": not counted")
		}
	}
	return strings.Join(out, "; ")
}

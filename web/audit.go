package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"kinship"
)

// auditPageSize is how many events one page of the audit trail shows.
const auditPageSize = 50

type auditPage struct {
	layout
	Events   []auditRow
	Total    int
	Query    url.Values
	Location *time.Location
	Prev     string // link to newer events, "" on the first page
	Next     string // link to older events, "" on the last page
	CSV      string
	Errors   map[string]string
	Subjects []option // what the trail can be filtered by
	Clients  []option // whose record, for readers who may see names
}

// auditRow is one event in words: the codes the chain keeps stay in the
// CSV and the API.
type auditRow struct {
	*kinship.AuditEvent
	What, Record, RecordHref, Result string
}

func newAuditRow(e *kinship.AuditEvent) auditRow {
	row := auditRow{AuditEvent: e, What: kinship.ActionLabel(e.Action), Result: kinship.OutcomeLabel(e.Outcome)}
	switch {
	case e.ResourceType == "client" && e.ClientName != "":
		row.Record, row.RecordHref = e.ClientName, "/clients/"+e.ResourceID
	case e.ResourceType == "client" && e.ResourceID != "":
		row.Record = "A client"
	case e.ResourceType != "":
		row.Record = strings.TrimSpace(kinship.AuditSubjectLabel(e.ResourceType) + " " + e.ResourceID)
	}
	return row
}

// handleAudit lists the audit trail with filters for who, what, whose
// record and when.
func (s *Server) handleAudit(w http.ResponseWriter, r *http.Request) {
	loc := s.siteLocation(r.Context())
	q := r.URL.Query()
	p := &auditPage{layout: layout{Title: "Audit trail"}, Query: q, Location: loc, CSV: "/admin/audit.csv?" + q.Encode(),
		Subjects: []option{{"", "Anything"}}}
	for _, sub := range kinship.AuditSubjects() {
		p.Subjects = append(p.Subjects, option{sub + ".", kinship.AuditSubjectLabel(sub)})
	}
	if a := q.Get("action"); a != "" && !slices.ContainsFunc(p.Subjects, func(o option) bool { return o.Value == a }) {
		p.Subjects = append(p.Subjects, option{a, kinship.ActionLabel(a)})
	}
	if visitOf(r).me.Role.Can(kinship.PermClientRead) {
		clients, _, err := s.Clients.SearchClients(r.Context(), kinship.ClientFilter{Limit: 200})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.Clients = []option{{"", "Anyone"}}
		for _, c := range clients {
			p.Clients = append(p.Clients, option{itoa(c.ID), c.NameToUse + " (MRN " + c.MRN + ")"})
		}
	}
	f, err := auditFilter(q, loc)
	if err != nil {
		p.Errors = formErrors(err)
		s.render(w, r, http.StatusBadRequest, "audit", p)
		return
	}
	f.Limit = auditPageSize
	events, total, err := s.Audit.ListAudit(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Total = total
	for _, e := range events {
		p.Events = append(p.Events, newAuditRow(e))
	}
	page := func(offset int) string {
		q2 := url.Values{}
		for k, v := range q {
			q2[k] = v
		}
		q2.Set("offset", strconv.Itoa(offset))
		return "/admin/audit?" + q2.Encode()
	}
	if f.Offset > 0 {
		p.Prev = page(max(0, f.Offset-auditPageSize))
	}
	if f.Offset+auditPageSize < p.Total {
		p.Next = page(f.Offset + auditPageSize)
	}
	s.render(w, r, http.StatusOK, "audit", p)
}

// handleAuditCSV downloads the filtered trail. Cells that a spreadsheet
// would run as a formula are defused, since actors can be typed-in emails.
func (s *Server) handleAuditCSV(w http.ResponseWriter, r *http.Request) {
	loc := s.siteLocation(r.Context())
	f, err := auditFilter(r.URL.Query(), loc)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f.Limit, f.Offset, f.Export = 0, 0, true
	events, _, err := s.Audit.ListAudit(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := newCSVDownload(w, "kinship-audit.csv")
	out.Row("seq", "at", "actor_id", "actor", "action", "resource_type", "resource_id", "ip", "outcome", "detail", "prev_hash", "hash")
	for _, e := range events {
		out.Row(strconv.FormatInt(e.Seq, 10), e.At.In(loc).Format(time.RFC3339), strconv.FormatInt(e.ActorID, 10),
			e.Actor, e.Action, e.ResourceType, e.ResourceID, e.IP, e.Outcome, e.Detail, e.PrevHash, e.Hash)
	}
	out.Close()
}

// auditFilter reads actor, action, client, from, to and offset from a
// query. Dates are YYYY-MM-DD in the site's timezone; "to" includes its
// whole day.
func auditFilter(q url.Values, loc *time.Location) (kinship.AuditFilter, error) {
	f := kinship.AuditFilter{Actor: strings.TrimSpace(q.Get("actor")), Action: strings.TrimSpace(q.Get("action"))}
	errs := kinship.FieldErrors{}
	if v := q.Get("client"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id < 1 {
			errs.Add("client", "Choose a client from the list.")
		}
		f.ClientID = id
	}
	for _, d := range []struct {
		field string
		dst   *time.Time
		days  int
	}{{"from", &f.From, 0}, {"to", &f.To, 1}} {
		v := q.Get(d.field)
		if v == "" {
			continue
		}
		t, err := time.ParseInLocation(time.DateOnly, v, loc)
		if err != nil {
			errs.Add(d.field, "Enter the date as YYYY-MM-DD, like 2026-11-23.")
			continue
		}
		*d.dst = t.AddDate(0, 0, d.days)
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.To.After(f.From) {
		errs.Add("to", "The end date must not be before the start date.")
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

// siteLocation is the timezone of the organization's first site; times on
// organization-wide pages are shown in it.
func (s *Server) siteLocation(ctx context.Context) *time.Location {
	// Sites' timezones are not client data, and a client in the portal
	// needs them as much as staff do.
	sites, err := s.Orgs.ListSites(kinship.SystemContext(ctx))
	if err != nil || len(sites) == 0 {
		return time.UTC
	}
	return sites[0].Location()
}

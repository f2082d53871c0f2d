package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"kinship"
	"kinship/calendar"
)

// CounselorDay is the actor's sessions on day, each with the attendance
// still to take, and the notes they have not signed.
func (s *Store) CounselorDay(ctx context.Context, day kinship.Date) (*kinship.CounselorDay, error) {
	if err := kinship.Authorize(ctx, kinship.PermAttendance); err != nil {
		return nil, err
	}
	me := kinship.ActorFrom(ctx).StaffID
	out := &kinship.CounselorDay{}
	var err error
	if out.Sessions, err = s.daySessions(ctx, day, "s.facilitator_id = ?", me); err != nil {
		return nil, err
	}
	mine, args := onCaseload(ctx, "n.client_id")
	rows, err := s.query(ctx, `SELECT n.id, n.client_id, c.name_to_use, n.service_date FROM notes n JOIN clients c ON c.id = n.client_id
		WHERE n.author_id = ? AND n.signed_at IS NULL AND `+mine+` ORDER BY n.service_date, n.id`, append([]any{me}, args...)...)
	notes, err := collect(rows, err, func(r rowScanner) (*kinship.OpenNote, error) {
		n := &kinship.OpenNote{}
		var on string
		err := r.Scan(&n.NoteID, &n.ClientID, &n.Client, &on)
		n.Date, _ = kinship.ParseDate(on)
		return n, err
	})
	if err != nil {
		return nil, err
	}
	rows, err = s.query(ctx, `SELECT g.session_id, s.title, s.on_date FROM group_notes g JOIN sessions s ON s.id = g.session_id
		WHERE g.author_id = ? AND g.signed_at IS NULL ORDER BY s.on_date, s.starts_at`, me)
	groups, err := collect(rows, err, func(r rowScanner) (*kinship.OpenNote, error) {
		n := &kinship.OpenNote{}
		var on string
		err := r.Scan(&n.SessionID, &n.Title, &on)
		n.Date, _ = kinship.ParseDate(on)
		return n, err
	})
	if err != nil {
		return nil, err
	}
	out.Drafts = append(groups, notes...)
	slices.SortStableFunc(out.Drafts, func(a, b *kinship.OpenNote) int { return cmp.Compare(a.Date.String(), b.Date.String()) })
	return out, s.Audit(ctx, kinship.AuditRecord{Action: kinship.ActionRosterRead, ResourceType: "session",
		Detail: fmt.Sprintf("day of %s: %d sessions, %d notes to sign", day, len(out.Sessions), len(out.Drafts))})
}

// DeskDay is the front desk's day: who arrives and when, the intake
// assessments, the inquiries to call back and the registrations waiting
// for an admission.
func (s *Store) DeskDay(ctx context.Context, day kinship.Date) (*kinship.DeskDay, error) {
	if err := kinship.Authorize(ctx, kinship.PermAdmissions); err != nil {
		return nil, err
	}
	out := &kinship.DeskDay{}
	var err error
	if out.Intakes, err = s.daySessions(ctx, day, "s.inquiry_id IS NOT NULL"); err != nil {
		return nil, err
	}
	clients, err := s.activeClients(ctx)
	if err != nil {
		return nil, err
	}
	sessions, err := s.weekSessions(ctx, calendar.WeekOf(day))
	if err != nil {
		return nil, err
	}
	first := map[int64]*kinship.Arrivals{} // by session
	for _, c := range clients {            // in name order
		for _, m := range sessions[c.id] { // in start order
			if m.Date == day && !m.Cancelled {
				a := first[m.ID]
				if a == nil {
					a = &kinship.Arrivals{Session: m}
					first[m.ID] = a
					out.Arrivals = append(out.Arrivals, a)
				}
				a.Clients = append(a.Clients, &kinship.RosterEntry{ClientID: c.id, NameToUse: c.name, Pronouns: c.pronouns})
				break
			}
		}
	}
	slices.SortStableFunc(out.Arrivals, func(a, b *kinship.Arrivals) int { return a.Session.Start.Compare(b.Session.Start) })
	rows, err := s.query(ctx, "SELECT "+inquiryColumns+" FROM inquiries WHERE status IN (?, ?) ORDER BY created_at, id",
		kinship.InquiryNew, kinship.InquiryScreened)
	if out.CallBacks, err = collect(rows, err, scanInquiry); err != nil {
		return nil, err
	}
	rows, err = s.query(ctx, `SELECT c.id, COALESCE(c.mrn, ''), c.name_to_use, c.pronouns FROM clients c
		WHERE NOT EXISTS (SELECT 1 FROM episodes e WHERE e.client_id = c.id) ORDER BY c.created_at, c.id`)
	if out.Registered, err = collect(rows, err, func(r rowScanner) (*kinship.ClientMatch, error) {
		m := &kinship.ClientMatch{Status: kinship.ClientStatus("registered")}
		return m, r.Scan(&m.ID, &m.MRN, &m.NameToUse, &m.Pronouns)
	}); err != nil {
		return nil, err
	}
	return out, s.Audit(ctx, kinship.AuditRecord{Action: kinship.ActionRosterRead, ResourceType: "session",
		Detail: fmt.Sprintf("front desk day of %s: %d arrivals, %d intakes, %d call-backs, %d registered", day,
			len(out.Arrivals), len(out.Intakes), len(out.CallBacks), len(out.Registered))})
}

// daySessions lists the sessions on day matching where (a condition on
// sessions s), not cancelled, with how many of each one's clients have
// no attendance yet, and whom an individual session or an intake
// assessment is for.
func (s *Store) daySessions(ctx context.Context, day kinship.Date, where string, args ...any) ([]*kinship.DaySession, error) {
	if err := s.layOutThrough(ctx, day); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, "SELECT "+sessionColumns+", COALESCE(q.name_to_use, cl.name_to_use, '')"+sessionFrom+
		" LEFT JOIN inquiries q ON q.id = s.inquiry_id LEFT JOIN clients cl ON cl.id = s.client_id WHERE s.on_date = ? AND NOT s.cancelled AND "+where+" ORDER BY s.starts_at, s.id",
		append([]any{day.String()}, args...)...)
	now := s.clock.Now()
	list, err := collect(rows, err, func(r rowScanner) (*kinship.DaySession, error) {
		d := &kinship.DaySession{}
		m, err := scanSession(scanPlus{r, &d.Who})
		d.Session, d.Started = m, m != nil && !m.Start.After(now)
		return d, err
	})
	if err != nil || len(list) == 0 {
		return list, err
	}
	byClient, err := s.weekSessions(ctx, calendar.WeekOf(day))
	if err != nil {
		return nil, err
	}
	expected := map[int64]map[int64]bool{} // session → its clients
	for client, ms := range byClient {
		for _, m := range ms {
			if expected[m.ID] == nil {
				expected[m.ID] = map[int64]bool{}
			}
			expected[m.ID][client] = true
		}
	}
	ids := make([]any, len(list))
	for i, d := range list {
		ids[i] = d.Session.ID
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")
	rows, err = s.query(ctx, "SELECT session_id, client_id FROM attendance WHERE session_id IN ("+marks+")", ids...)
	type mark struct{ session, client int64 }
	taken, err := collect(rows, err, func(r rowScanner) (m mark, err error) { return m, r.Scan(&m.session, &m.client) })
	if err != nil {
		return nil, err
	}
	marked := map[mark]bool{}
	for _, m := range taken {
		marked[m] = true
	}
	for _, d := range list {
		for client := range expected[d.Session.ID] {
			d.Expected++
			if !marked[mark{d.Session.ID, client}] {
				d.Unmarked++
			}
		}
	}
	return list, nil
}

// scanPlus scans a session's columns and then extra ones after them.
type scanPlus struct {
	r     rowScanner
	extra *string
}

func (p scanPlus) Scan(dest ...any) error { return p.r.Scan(append(dest, p.extra)...) }

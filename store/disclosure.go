package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"kinship"
	"kinship/release"
)

// Disclose releases a client's records under a consent that covers the
// recipient, purpose and information, holding only what the releaser may
// read (kinship.Release decides), and records it in the accounting of
// disclosures with the kinds, counts and digest of the document. Otherwise
// it refuses, audits the refusal and says why.
func (s *Store) Disclose(ctx context.Context, clientID int64, r kinship.DisclosureRequest) (*kinship.DisclosedRecord, error) {
	if err := kinship.Authorize(ctx, kinship.PermDisclose); err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionClientRead); err != nil {
		return nil, err
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	consents, err := s.consents(ctx, clientID)
	if err != nil {
		return nil, err
	}
	today := s.today(ctx)
	consent, why := kinship.CoveringConsent(consents, r, today)
	if consent == nil {
		return nil, s.refuseDisclosure(ctx, clientID, r, kinship.RefuseDisclosure(why))
	}
	record, err := s.clientRecord(ctx, clientID, kinship.ReleasedKinds(r.Information), kinship.Date{}, kinship.Date{})
	if err != nil {
		return nil, err
	}
	rec, released, err := kinship.Release(consent, r, kinship.ActorFrom(ctx), record, today)
	if err != nil {
		return nil, s.refuseDisclosure(ctx, clientID, r, err)
	}
	err = s.update(ctx, func(tx *Tx) error { return tx.account(rec, consent.ID, r, released, "") })
	return rec, err
}

// refuseDisclosure audits a refused release and returns err. The recipient
// may be a person's name, so the audit keeps only what was asked for and
// why it was refused.
func (s *Store) refuseDisclosure(ctx context.Context, clientID int64, r kinship.DisclosureRequest, err error) error {
	if kinship.ErrorCode(err) == kinship.EFORBIDDEN {
		_ = s.Audit(ctx, kinship.AuditRecord{Action: kinship.ActionDisclosureRefused, ResourceType: "client",
			ResourceID: strconv.FormatInt(clientID, 10), Outcome: kinship.OutcomeDenied,
			Detail: fmt.Sprintf("%s of %s: %s", r.Purpose, joinLines(r.Information), kinship.ErrorMessage(err))})
	}
	return err
}

// account records a release in the accounting of disclosures: the row,
// its document's canonical bytes and their digest, and the audit event
// (with detail added to it). It fills rec.Disclosure and rec.Document.
func (tx *Tx) account(rec *kinship.DisclosedRecord, consentID int64, r kinship.DisclosureRequest, released []kinship.KindCount, detail string) error {
	d := &kinship.Disclosure{ClientID: rec.Client.ID, ConsentID: consentID, Recipient: r.Recipient, Purpose: r.Purpose,
		Information: r.Information, Method: r.Method, DisclosedAt: tx.now, DisclosedBy: kinship.ActorFrom(tx.ctx).Label(), Released: released}
	var err error
	if d.ID, err = tx.insert(`INSERT INTO disclosures (client_id, consent_id, recipient, purpose, information, method,
		disclosed_at, disclosed_by, disclosed_by_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.ClientID, consentID, d.Recipient, d.Purpose, joinLines(d.Information), d.Method, tx.now, actorID(tx.ctx), d.DisclosedBy); err != nil {
		return err
	}
	rec.Disclosure = d
	if rec.Document, err = release.Document(rec); err != nil {
		return err
	}
	d.SHA256 = release.Digest(rec.Document)
	if _, err := tx.exec("UPDATE disclosures SET released = ?, sha256 = ? WHERE id = ?", joinCounts(released), d.SHA256, d.ID); err != nil {
		return err
	}
	return tx.audit(kinship.AuditRecord{Action: kinship.ActionDisclosure, ResourceType: "client", ResourceID: strconv.FormatInt(d.ClientID, 10),
		Detail: detail + "disclosure " + strconv.FormatInt(d.ID, 10) + " under consent " + strconv.FormatInt(consentID, 10)})
}

// joinCounts and splitCounts keep what a release held as "kind items" lines.
func joinCounts(counts []kinship.KindCount) string {
	s := make([]string, len(counts))
	for i, c := range counts {
		s[i] = string(c.Kind) + " " + strconv.Itoa(c.Items)
	}
	return strings.Join(s, "\n")
}

func splitCounts(s string) []kinship.KindCount {
	var out []kinship.KindCount
	for _, l := range lines(s) {
		kind, items, _ := strings.Cut(l, " ")
		n, _ := strconv.Atoi(items)
		out = append(out, kinship.KindCount{Kind: kinship.InfoKind(kind), Items: n})
	}
	return out
}

// clientRecord gathers the parts of a client's record that kinds name,
// for kinship.Release to decide on; attendance between from and to when
// they are set. It checks nothing and audits nothing: the caller has.
func (s *Store) clientRecord(ctx context.Context, clientID int64, kinds []kinship.InfoKind, from, to kinship.Date) (*kinship.ClientRecord, error) {
	c, err := scanClient(s.queryRow(ctx, "SELECT "+clientColumns+" FROM clients c WHERE c.id = ?", clientID))
	if err != nil {
		return nil, notFound(err, "The client")
	}
	rec := &kinship.ClientRecord{Client: c}
	for _, k := range kinds {
		switch k {
		case kinship.InfoDiagnoses, kinship.InfoDischargeSummary:
			if rec.Episodes == nil {
				rec.Episodes, err = s.episodesOf(ctx, clientID)
			}
		case kinship.InfoAttendance:
			rec.Attendance, err = s.attendedSessions(ctx, clientID, from, to)
		case kinship.InfoDrugScreens:
			rec.Screens, err = s.screensOf(ctx, clientID)
		case kinship.InfoAssessments:
			rec.Scores, err = s.scoresOf(ctx, clientID)
		case kinship.InfoTreatmentPlan:
			rec.Plan, err = s.planInForce(ctx, clientID)
		}
		if err != nil {
			return nil, err
		}
	}
	rec.Notes, err = s.signedNotes(ctx, clientID, kinds)
	return rec, err
}

// attendedSessions lists a client's attendance, oldest first, between from
// and to when they are set.
func (s *Store) attendedSessions(ctx context.Context, clientID int64, from, to kinship.Date) ([]kinship.AttendedSession, error) {
	q, args := `SELECT se.on_date, se.title, a.status, a.credited FROM attendance a JOIN sessions se ON se.id = a.session_id
		WHERE a.client_id = ? AND NOT se.cancelled`, []any{clientID}
	if !from.IsZero() {
		q, args = q+" AND se.on_date >= ? AND se.on_date <= ?", append(args, from.String(), to.String())
	}
	rows, err := s.query(ctx, q+" ORDER BY se.on_date, se.starts_at, se.id", args...)
	return collect(rows, err, func(r rowScanner) (kinship.AttendedSession, error) {
		var a kinship.AttendedSession
		var day string
		err := r.Scan(&day, &a.Session, &a.Status, &a.Minutes)
		a.Day, _ = kinship.ParseDate(day)
		return a, err
	})
}

// scoresOf lists a client's scores, oldest first, with the instrument's
// short name and the band's label.
func (s *Store) scoresOf(ctx context.Context, clientID int64) ([]kinship.Score, error) {
	responses, err := s.responses(ctx, "r.client_id = ?", clientID)
	out := make([]kinship.Score, len(responses))
	for i, r := range responses {
		out[i] = kinship.Score{Instrument: s.instrumentName(r.Code), TakenOn: r.TakenOn, Total: r.Total, Severity: r.Severity}
		if d, err := s.instruments.LookupVersion(r.Code, r.Version); err == nil {
			if b, ok := d.Band(r.Severity, r.Threshold); ok {
				out[i].Severity = b.Label
			}
		}
	}
	return out, err
}

// planInForce is the latest signed version of the plan of the client's
// latest episode, or nil.
func (s *Store) planInForce(ctx context.Context, clientID int64) (*kinship.TreatmentPlan, error) {
	var id int64
	err := s.queryRow(ctx, `SELECT t.id FROM treatment_plans t WHERE t.episode_id = (SELECT e.id FROM episodes e WHERE e.client_id = ?
		ORDER BY e.admitted_on DESC, e.id DESC LIMIT 1) AND t.signed_at IS NOT NULL ORDER BY t.version DESC LIMIT 1`, clientID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return s.loadPlan(ctx, "t.id = ?", id)
}

// episodesOf lists a client's episodes without a permission check or audit,
// for callers that have done both.
func (s *Store) episodesOf(ctx context.Context, clientID int64) ([]*kinship.Episode, error) {
	rows, err := s.query(ctx, "SELECT "+episodeColumns+episodeFrom+" WHERE e.client_id = ? ORDER BY e.admitted_on DESC, e.id DESC", clientID)
	out, err := collect(rows, err, scanEpisode)
	if err != nil {
		return nil, err
	}
	return out, s.loadDiagnoses(ctx, out)
}

// Disclosures is the accounting of disclosures for the last three years.
func (s *Store) Disclosures(ctx context.Context, clientID int64) ([]*kinship.Disclosure, error) {
	if err := kinship.Authorize(ctx, kinship.PermDisclose); err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionAccountingRead); err != nil {
		return nil, err
	}
	since := s.now().AddDate(-kinship.AccountingYears, 0, 0)
	rows, err := s.query(ctx, `SELECT id, client_id, consent_id, recipient, purpose, information, method, disclosed_at, disclosed_by_name,
		released, sha256 FROM disclosures WHERE client_id = ? AND disclosed_at >= ? ORDER BY disclosed_at DESC, id DESC`, clientID, since)
	return collect(rows, err, func(r rowScanner) (*kinship.Disclosure, error) {
		d := &kinship.Disclosure{}
		var info, released string
		err := r.Scan(&d.ID, &d.ClientID, &d.ConsentID, &d.Recipient, &d.Purpose, &info, &d.Method, scanTime(&d.DisclosedAt), &d.DisclosedBy,
			&released, &d.SHA256)
		d.Released = splitCounts(released)
		for _, k := range lines(info) {
			d.Information = append(d.Information, kinship.InfoKind(k))
		}
		return d, err
	})
}

package store

import (
	"context"
	"slices"
	"strconv"

	"kinship"
)

// Enroll puts a client in a track, or in an extra group, from a date.
func (s *Store) Enroll(ctx context.Context, e kinship.Enrollment) (*kinship.Enrollment, error) {
	if err := kinship.Authorize(ctx, kinship.PermEnroll); err != nil {
		return nil, err
	}
	f := kinship.FieldErrors{}
	switch {
	case e.TrackID == 0 && e.SeriesID == 0:
		f.Add("track_id", "Choose a track or an extra group.")
	case e.TrackID != 0 && e.SeriesID != 0:
		f.Add("track_id", "Choose a track or an extra group, not both.")
	}
	if e.Start.IsZero() {
		f.Add("start_date", "Give the first day.")
	}
	if !e.End.IsZero() && e.End.Before(e.Start) {
		f.Add("end_date", "The last day is before the first.")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, e.ClientID, kinship.ActionClientRead); err != nil {
		return nil, err
	}
	if err := s.update(ctx, func(tx *Tx) error { return tx.enroll(&e) }); err != nil {
		return nil, err
	}
	return &e, nil
}

// enroll writes an enrollment whose fields are checked, under the rules
// that need the database: an open episode, a real track or group, no
// second enrollment there and no overlapping track.
func (tx *Tx) enroll(e *kinship.Enrollment) error {
	var open int
	if err := tx.queryRow("SELECT COUNT(*) FROM episodes WHERE client_id = ? AND discharged_on = ''", e.ClientID).Scan(&open); err != nil {
		return err
	}
	if open == 0 {
		return kinship.Errorf(kinship.ECONFLICT, "Admit the client to a program before enrolling them.")
	}
	table, id := "tracks", e.TrackID
	if e.SeriesID != 0 {
		table, id = "session_series", e.SeriesID
	}
	var n int
	if err := tx.queryRow("SELECT COUNT(*) FROM "+table+" WHERE id = ?", id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return invalidField("track_id", "Choose one of the tracks or groups.")
	}
	// One enrollment at a time in the same track or group.
	if err := tx.queryRow(`SELECT COUNT(*) FROM enrollments WHERE client_id = ? AND COALESCE(track_id, 0) = ? AND COALESCE(series_id, 0) = ?
			AND (ends_on = '' OR ends_on >= ?) AND (? = '' OR starts_on <= ?)`,
		e.ClientID, e.TrackID, e.SeriesID, e.Start.String(), e.End.String(), e.End.String()).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return kinship.Errorf(kinship.ECONFLICT, "The client is already enrolled there for those dates.")
	}
	if e.TrackID != 0 {
		if err := tx.trackOverlap(*e); err != nil {
			return err
		}
	}
	var err error
	if e.ID, err = tx.insert(`INSERT INTO enrollments (client_id, track_id, series_id, starts_on, ends_on, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		e.ClientID, nullID(e.TrackID), nullID(e.SeriesID), e.Start.String(), e.End.String(), tx.now); err != nil {
		return err
	}
	return tx.audit(kinship.AuditRecord{Action: kinship.ActionEnroll, ResourceType: "enrollment", ResourceID: strconv.FormatInt(e.ID, 10)})
}

// Enrollments lists a client's enrollments, newest first.
func (s *Store) Enrollments(ctx context.Context, clientID int64) ([]*kinship.Enrollment, error) {
	if err := s.openChart(ctx, clientID, kinship.ActionClientRead); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT e.id, e.client_id, COALESCE(e.track_id, 0), COALESCE(e.series_id, 0),
		COALESCE(t.name, x.title, ''), e.starts_on, e.ends_on FROM enrollments e
		LEFT JOIN tracks t ON t.id = e.track_id LEFT JOIN session_series x ON x.id = e.series_id
		WHERE e.client_id = ? ORDER BY e.starts_on DESC, e.id DESC`, clientID)
	return collect(rows, err, func(r rowScanner) (*kinship.Enrollment, error) {
		e := &kinship.Enrollment{}
		var start, end string
		err := r.Scan(&e.ID, &e.ClientID, &e.TrackID, &e.SeriesID, &e.Name, &start, &end)
		e.Start, _ = kinship.ParseDate(start)
		e.End, _ = kinship.ParseDate(end)
		return e, err
	})
}

// EndEnrollment ends an enrollment on a date: its last day.
func (s *Store) EndEnrollment(ctx context.Context, id int64, on kinship.Date) error {
	if err := kinship.Authorize(ctx, kinship.PermEnroll); err != nil {
		return err
	}
	return s.update(ctx, func(tx *Tx) error {
		var start string
		if err := tx.queryRow("SELECT starts_on FROM enrollments WHERE id = ?", id).Scan(&start); err != nil {
			return notFound(err, "The enrollment")
		}
		if first, _ := kinship.ParseDate(start); on.Before(first.AddDays(-1)) {
			return invalidField("end_date", "The last day is before the enrollment began.")
		}
		if _, err := tx.exec("UPDATE enrollments SET ends_on = ? WHERE id = ?", on.String(), id); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionEnrollmentEnd, ResourceType: "enrollment", ResourceID: strconv.FormatInt(id, 10)})
	})
}

// rosterSQL selects the clients expected at session ?: enrolled on its
// date in its track or its group, or the client of a one-off session.
const rosterSQL = `SELECT c.id, c.name_to_use, c.pronouns FROM clients c WHERE c.id IN (
		SELECT e.client_id FROM enrollments e, sessions s LEFT JOIN session_series x ON x.id = s.series_id
		WHERE s.id = ? AND e.starts_on <= s.on_date AND (e.ends_on = '' OR e.ends_on >= s.on_date)
		AND (e.track_id = x.track_id OR e.series_id = s.series_id)
		UNION SELECT s.client_id FROM sessions s WHERE s.id = ? AND s.client_id IS NOT NULL)
	ORDER BY LOWER(c.name_to_use), c.id`

// Roster lists the clients expected at a session with their attendance.
func (s *Store) Roster(ctx context.Context, sessionID int64) ([]*kinship.RosterEntry, error) {
	if err := kinship.Authorize(ctx, kinship.PermScheduleRead); err != nil {
		return nil, err
	}
	if _, err := s.Session(ctx, sessionID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, rosterSQL, sessionID, sessionID)
	roster, err := collect(rows, err, func(r rowScanner) (*kinship.RosterEntry, error) {
		e := &kinship.RosterEntry{}
		return e, r.Scan(&e.ClientID, &e.NameToUse, &e.Pronouns)
	})
	if err != nil {
		return nil, err
	}
	taken, err := s.attendanceOf(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	changes, err := s.attendanceChanges(ctx, sessionID, taken)
	if err != nil {
		return nil, err
	}
	for _, e := range roster {
		e.Attendance, e.Changes = taken[e.ClientID], changes[e.ClientID]
	}
	return roster, s.Audit(ctx, kinship.AuditRecord{Action: kinship.ActionRosterRead, ResourceType: "session", ResourceID: strconv.FormatInt(sessionID, 10)})
}

// trackOverlap refuses a track enrollment whose days and hours overlap a
// track the client is already in for some of the same dates: a client
// cannot be in two groups at once, and their hours would count twice.
func (tx *Tx) trackOverlap(e kinship.Enrollment) error {
	rows, err := tx.query(`SELECT t.name, t.days, t.start_minute, t.end_minute, n.days, n.start_minute, n.end_minute
		FROM enrollments x JOIN tracks t ON t.id = x.track_id, tracks n
		WHERE n.id = ? AND x.client_id = ? AND x.track_id <> n.id AND (x.ends_on = '' OR x.ends_on >= ?) AND (? = '' OR x.starts_on <= ?)`,
		e.TrackID, e.ClientID, e.Start.String(), e.End.String(), e.End.String())
	type pair struct {
		name                 string
		days, newDays        string
		start, end, ns, nend int
	}
	pairs, err := collect(rows, err, func(r rowScanner) (pair, error) {
		var p pair
		return p, r.Scan(&p.name, &p.days, &p.start, &p.end, &p.newDays, &p.ns, &p.nend)
	})
	if err != nil {
		return err
	}
	for _, p := range pairs {
		shared := false
		for _, d := range parseDays(p.days) {
			shared = shared || slices.Contains(parseDays(p.newDays), d)
		}
		if shared && p.ns < p.end && p.start < p.nend {
			return kinship.Errorf(kinship.ECONFLICT, "The client is already in %s at those hours; end that enrollment first.", p.name)
		}
	}
	return nil
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"kinship"
	"kinship/calendar"
)

// layoutWeeks is how far ahead a new series' sessions are laid out; later
// ones are laid out when someone looks that far ahead.
const layoutWeeks = 8

// SessionTypes lists the kinds of session, by name.
func (s *Store) SessionTypes(ctx context.Context) ([]*kinship.SessionType, error) {
	if err := kinship.Authorize(ctx, kinship.PermScheduleRead); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, "SELECT id, name, kind FROM session_types ORDER BY name")
	return collect(rows, err, func(r rowScanner) (*kinship.SessionType, error) {
		t := &kinship.SessionType{}
		return t, r.Scan(&t.ID, &t.Name, &t.Kind)
	})
}

// Rooms lists the rooms of every site, by name.
func (s *Store) Rooms(ctx context.Context) ([]*kinship.Room, error) {
	if err := kinship.Authorize(ctx, kinship.PermScheduleRead); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, "SELECT id, site_id, name, capacity, telehealth_url FROM rooms ORDER BY name")
	return collect(rows, err, func(r rowScanner) (*kinship.Room, error) {
		m := &kinship.Room{}
		return m, r.Scan(&m.ID, &m.SiteID, &m.Name, &m.Capacity, &m.TelehealthURL)
	})
}

// CreateRoom adds a room at a site.
func (s *Store) CreateRoom(ctx context.Context, r kinship.Room) (*kinship.Room, error) {
	if err := kinship.Authorize(ctx, kinship.PermScheduleManage); err != nil {
		return nil, err
	}
	f := kinship.FieldErrors{}
	if msg := kinship.NameProblem("Room name", r.Name); msg != "" {
		f.Add("name", msg)
	}
	if r.Capacity < 1 || r.Capacity > 500 {
		f.Add("capacity", "Capacity must be between 1 and 500.")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	err := s.update(ctx, func(tx *Tx) (err error) {
		r.ID, err = tx.insert("INSERT INTO rooms (site_id, name, capacity, telehealth_url, created_at) VALUES (?, ?, ?, ?, ?)",
			r.SiteID, r.Name, r.Capacity, r.TelehealthURL, tx.now)
		if tx.dialect.isUnique(err) {
			return fieldConflict("name", "This site already has a room with that name.")
		}
		if err != nil {
			return invalidField("site_id", "Choose one of the sites.")
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionRoomCreate, ResourceType: "room", ResourceID: strconv.FormatInt(r.ID, 10)})
	})
	return &r, err
}

// SetMinimums sets a program's weekly minimums.
func (s *Store) SetMinimums(ctx context.Context, programID int64, adult, adolescent int) error {
	if err := kinship.Authorize(ctx, kinship.PermScheduleManage); err != nil {
		return err
	}
	f := kinship.FieldErrors{}
	for field, v := range map[string]int{"minimum_adult_minutes": adult, "minimum_adolescent_minutes": adolescent} {
		if v < 60 || v > 2400 {
			f.Add(field, "A weekly minimum is between 60 and 2400 minutes (1 to 40 hours).")
		}
	}
	if err := f.Err(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *Tx) error {
		res, err := tx.exec("UPDATE programs SET minimum_adult_minutes = ?, minimum_adolescent_minutes = ? WHERE id = ?", adult, adolescent, programID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return kinship.Errorf(kinship.ENOTFOUND, "The program was not found.")
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionProgramMinimums, ResourceType: "program", ResourceID: strconv.FormatInt(programID, 10),
			Detail: fmt.Sprintf("adult %d, adolescent %d minutes", adult, adolescent)})
	})
}

// CreateSeries adds a weekly session and lays out its first weeks.
func (s *Store) CreateSeries(ctx context.Context, f kinship.SeriesFields) (*kinship.Series, error) {
	if err := kinship.Authorize(ctx, kinship.PermScheduleManage); err != nil {
		return nil, err
	}
	start, end, err := f.Validate()
	if err != nil {
		return nil, err
	}
	var id int64
	err = s.update(ctx, func(tx *Tx) error {
		errs := kinship.FieldErrors{}
		for field, q := range map[string]struct {
			id  int64
			sql string
		}{
			"program_id":     {f.ProgramID, "SELECT COUNT(*) FROM programs WHERE id = ?"},
			"track_id":       {f.TrackID, "SELECT COUNT(*) FROM tracks WHERE id = ?"},
			"type_id":        {f.TypeID, "SELECT COUNT(*) FROM session_types WHERE id = ?"},
			"facilitator_id": {f.FacilitatorID, "SELECT COUNT(*) FROM staff WHERE id = ? AND active"},
			"room_id":        {f.RoomID, "SELECT COUNT(*) FROM rooms WHERE id = ?"},
		} {
			if q.id == 0 {
				continue
			}
			var n int
			if err := tx.queryRow(q.sql, q.id).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				errs.Add(field, "Choose one from the list.")
			}
		}
		if err := errs.Err(); err != nil {
			return err
		}
		var err error
		if id, err = tx.insert(`INSERT INTO session_series (program_id, track_id, type_id, title, facilitator_id, room_id, days,
			start_minute, end_minute, from_date, until_date, capacity, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			f.ProgramID, nullID(f.TrackID), f.TypeID, f.Title, nullID(f.FacilitatorID), nullID(f.RoomID), formatDays(f.Days),
			int(start), int(end), f.From.String(), f.Until.String(), f.Capacity, tx.now); err != nil {
			return err
		}
		if err := tx.audit(kinship.AuditRecord{Action: kinship.ActionSeriesCreate, ResourceType: "session_series", ResourceID: strconv.FormatInt(id, 10)}); err != nil {
			return err
		}
		if err := s.layOut(tx, id, f.From.AddDays(7*layoutWeeks)); err != nil {
			return err
		}
		return tx.clash("a.series_id = ?", id)
	})
	if err != nil {
		return nil, err
	}
	return s.series(ctx, id)
}

const seriesSelect = `SELECT x.id, x.program_id, COALESCE(x.track_id, 0), x.type_id, t.name, x.title, COALESCE(x.facilitator_id, 0),
	COALESCE(x.room_id, 0), x.days, x.start_minute, x.end_minute, x.from_date, x.until_date, x.capacity
	FROM session_series x JOIN session_types t ON t.id = x.type_id`

func scanSeries(r rowScanner) (*kinship.Series, error) {
	x := &kinship.Series{}
	var days, from, until string
	err := r.Scan(&x.ID, &x.ProgramID, &x.TrackID, &x.TypeID, &x.TypeName, &x.Title, &x.FacilitatorID, &x.RoomID, &days, &x.Start, &x.End, &from, &until, &x.Capacity)
	x.Days = parseDays(days)
	x.From, _ = kinship.ParseDate(from)
	x.Until, _ = kinship.ParseDate(until)
	return x, err
}

func (s *Store) series(ctx context.Context, id int64) (*kinship.Series, error) {
	x, err := scanSeries(s.queryRow(ctx, seriesSelect+" WHERE x.id = ?", id))
	return x, notFound(err, "The session series")
}

// Facilitators lists the active staff who can lead a session, by name.
func (s *Store) Facilitators(ctx context.Context) ([]*kinship.Staff, error) {
	if err := kinship.Authorize(ctx, kinship.PermScheduleRead); err != nil {
		return nil, err
	}
	r := kinship.FacilitatorRoles
	rows, err := s.query(ctx, "SELECT "+staffColumns+" FROM staff WHERE active AND role IN (?, ?, ?) ORDER BY name", r[0], r[1], r[2])
	return collect(rows, err, scanStaff)
}

// ListSeries lists every weekly session, by title.
func (s *Store) ListSeries(ctx context.Context) ([]*kinship.Series, error) {
	if err := kinship.Authorize(ctx, kinship.PermScheduleRead); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, seriesSelect+" ORDER BY x.title, x.id")
	return collect(rows, err, scanSeries)
}

// layOut writes the sessions of a series through until, in its site's
// timezone, skipping site closures; already laid-out dates are left as
// they are, so cancellations and moves stand.
func (s *Store) layOut(tx *Tx, seriesID int64, until kinship.Date) error {
	var days, from, last, tz string
	var programID, typeID int64
	var title string
	var start, end, capacity int
	var facilitator, room sql.NullInt64
	var siteID int64
	var seriesUntil string
	// A series without its own capacity takes its room's.
	err := tx.queryRow(`SELECT x.program_id, x.type_id, x.title, x.facilitator_id, x.room_id, x.days, x.start_minute, x.end_minute,
		x.from_date, x.until_date, x.laid_out_until, COALESCE(NULLIF(x.capacity, 0), r.capacity, 0), si.id, si.timezone
		FROM session_series x JOIN programs p ON p.id = x.program_id JOIN sites si ON si.id = p.site_id
		LEFT JOIN rooms r ON r.id = x.room_id WHERE x.id = ?`, seriesID).
		Scan(&programID, &typeID, &title, &facilitator, &room, &days, &start, &end, &from, &seriesUntil, &last, &capacity, &siteID, &tz)
	if err != nil {
		return err
	}
	rule := calendar.Rule{Days: parseDays(days), Start: kinship.ClockTime(start), End: kinship.ClockTime(end)}
	rule.From, _ = kinship.ParseDate(from)
	rule.Until, _ = kinship.ParseDate(seriesUntil)
	first := rule.From
	if d, err := kinship.ParseDate(last); err == nil && !d.Before(first) {
		first = d.AddDays(1)
	}
	if until.Before(first) {
		return nil
	}
	closures, err := tx.closures(siteID)
	if err != nil {
		return err
	}
	site := &kinship.Site{Timezone: tz}
	for _, o := range calendar.Expand(rule, nil, closures, first, until, site.Location()) {
		if _, err := tx.exec(`INSERT INTO sessions (series_id, program_id, type_id, title, on_date, starts_at, ends_at, facilitator_id,
			room_id, capacity, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (series_id, on_date) DO NOTHING`,
			seriesID, programID, typeID, title, o.Date.String(), o.Start, o.End, facilitator, room, capacity, tx.now); err != nil {
			return err
		}
	}
	_, err = tx.exec("UPDATE session_series SET laid_out_until = ? WHERE id = ?", until.String(), seriesID)
	return err
}

func (tx *Tx) closures(siteID int64) ([]calendar.Closure, error) {
	rows, err := tx.query("SELECT on_date, reason FROM site_closures WHERE site_id = ?", siteID)
	return collect(rows, err, func(r rowScanner) (calendar.Closure, error) {
		var c calendar.Closure
		var on string
		err := r.Scan(&on, &c.Reason)
		c.On, _ = kinship.ParseDate(on)
		return c, err
	})
}

// nullID stores 0 as NULL, for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

const sessionColumns = `s.id, COALESCE(s.series_id, 0), s.program_id, COALESCE(x.track_id, 0), t.name, s.title, s.on_date, s.starts_at,
	s.ends_at, COALESCE(s.facilitator_id, 0), COALESCE(f.name, ''), COALESCE(s.room_id, 0), COALESCE(r.name, ''),
	COALESCE(s.client_id, 0), COALESCE(s.inquiry_id, 0), s.cancelled, s.moved, s.capacity`

const sessionFrom = ` FROM sessions s JOIN session_types t ON t.id = s.type_id
	LEFT JOIN session_series x ON x.id = s.series_id LEFT JOIN staff f ON f.id = s.facilitator_id
	LEFT JOIN rooms r ON r.id = s.room_id`

func scanSession(r rowScanner) (*kinship.Session, error) {
	m := &kinship.Session{}
	var on string
	err := r.Scan(&m.ID, &m.SeriesID, &m.ProgramID, &m.TrackID, &m.TypeName, &m.Title, &on, scanTime(&m.Start), scanTime(&m.End),
		&m.FacilitatorID, &m.Facilitator, &m.RoomID, &m.Room, &m.ClientID, &m.InquiryID, &m.Cancelled, &m.Moved, &m.Capacity)
	m.Date, _ = kinship.ParseDate(on)
	return m, err
}

// Sessions lists the meetings between two dates, laying out any series
// not yet laid out that far.
func (s *Store) Sessions(ctx context.Context, from, to kinship.Date) ([]*kinship.Session, error) {
	if err := kinship.Authorize(ctx, kinship.PermScheduleRead); err != nil {
		return nil, err
	}
	if to.Before(from) {
		return nil, invalidField("to", "The end date is before the start date.")
	}
	if err := s.layOutThrough(ctx, to); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, "SELECT "+sessionColumns+sessionFrom+" WHERE s.on_date >= ? AND s.on_date <= ? ORDER BY s.starts_at, s.id",
		from.String(), to.String())
	return collect(rows, err, scanSession)
}

// layOutThrough lays out every series that stops short of to.
func (s *Store) layOutThrough(ctx context.Context, to kinship.Date) error {
	rows, err := s.query(ctx, `SELECT id FROM session_series WHERE laid_out_until < ? AND (until_date = '' OR laid_out_until < until_date)`, to.String())
	ids, err := collect(rows, err, func(r rowScanner) (id int64, err error) { return id, r.Scan(&id) })
	if err != nil || len(ids) == 0 {
		return err
	}
	return s.update(ctx, func(tx *Tx) error {
		for _, id := range ids {
			if err := s.layOut(tx, id, to); err != nil {
				return err
			}
		}
		return nil
	})
}

// Session returns one meeting.
func (s *Store) Session(ctx context.Context, id int64) (*kinship.Session, error) {
	if err := kinship.Authorize(ctx, kinship.PermScheduleRead); err != nil {
		return nil, err
	}
	m, err := scanSession(s.queryRow(ctx, "SELECT "+sessionColumns+sessionFrom+" WHERE s.id = ?", id))
	return m, notFound(err, "The session")
}

// CloseSite records a closure and cancels that day's sessions at the site.
func (s *Store) CloseSite(ctx context.Context, siteID int64, on kinship.Date, reason string) error {
	if err := kinship.Authorize(ctx, kinship.PermScheduleManage); err != nil {
		return err
	}
	if on.IsZero() {
		return invalidField("on", "Give the date of the closure.")
	}
	return s.update(ctx, func(tx *Tx) error {
		if _, err := tx.exec("INSERT INTO site_closures (site_id, on_date, reason) VALUES (?, ?, ?)", siteID, on.String(), reason); err != nil {
			if tx.dialect.isUnique(err) {
				return fieldConflict("on", "The site is already closed that day.")
			}
			return invalidField("site_id", "Choose one of the sites.")
		}
		if _, err := tx.exec(`UPDATE sessions SET cancelled = TRUE WHERE on_date = ? AND program_id IN (SELECT id FROM programs WHERE site_id = ?)`,
			on.String(), siteID); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionSiteClose, ResourceType: "site", ResourceID: strconv.FormatInt(siteID, 10), Detail: on.String()})
	})
}

// CancelSession cancels one meeting.
func (s *Store) CancelSession(ctx context.Context, id int64) error {
	if err := kinship.Authorize(ctx, kinship.PermScheduleManage); err != nil {
		return err
	}
	return s.update(ctx, func(tx *Tx) error {
		res, err := tx.exec("UPDATE sessions SET cancelled = TRUE WHERE id = ?", id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return kinship.Errorf(kinship.ENOTFOUND, "The session was not found.")
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionSessionCancel, ResourceType: "session", ResourceID: strconv.FormatInt(id, 10)})
	})
}

// MoveSession moves one meeting to another date and time.
func (s *Store) MoveSession(ctx context.Context, id int64, on kinship.Date, start, end string) error {
	if err := kinship.Authorize(ctx, kinship.PermScheduleManage); err != nil {
		return err
	}
	m, err := s.Session(ctx, id)
	if err != nil {
		return err
	}
	f := kinship.FieldErrors{}
	from, ferr := kinship.ParseClockTime(start)
	if ferr != nil {
		f.Add("start", "Start must be a time like 09:00.")
	}
	to := from + kinship.ClockTime(m.Minutes())
	if end != "" {
		var eerr error
		if to, eerr = kinship.ParseClockTime(end); eerr != nil {
			f.Add("end", "End must be a time like 12:00.")
		}
	}
	if ferr == nil && to <= from {
		f.Add("end", "End must be after the start.")
	}
	if on.IsZero() {
		f.Add("on", "Give the new date.")
	}
	if err := f.Err(); err != nil {
		return err
	}
	loc := s.homeLocation(ctx)
	day := on.In(loc)
	startsAt := time.Date(day.Year(), day.Month(), day.Day(), int(from)/60, int(from)%60, 0, 0, loc)
	endsAt := time.Date(day.Year(), day.Month(), day.Day(), int(to)/60, int(to)%60, 0, 0, loc)
	return s.update(ctx, func(tx *Tx) error {
		if _, err := tx.exec("UPDATE sessions SET on_date = ?, starts_at = ?, ends_at = ?, moved = TRUE WHERE id = ?",
			on.String(), startsAt, endsAt, id); err != nil {
			if tx.dialect.isUnique(err) {
				return fieldConflict("on", "This weekly session already meets that day.")
			}
			return err
		}
		if err := tx.clash("a.id = ?", id); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionSessionMove, ResourceType: "session", ResourceID: strconv.FormatInt(id, 10)})
	})
}

// SubstituteFacilitator puts another staff member in charge of one meeting.
func (s *Store) SubstituteFacilitator(ctx context.Context, id, staffID int64) error {
	if err := kinship.Authorize(ctx, kinship.PermScheduleManage); err != nil {
		return err
	}
	if _, err := s.Session(ctx, id); err != nil {
		return err
	}
	if m, err := s.staffByID(ctx, staffID); err != nil || !m.Active {
		return invalidField("facilitator_id", "Choose an active staff member.")
	}
	return s.update(ctx, func(tx *Tx) error {
		if _, err := tx.exec("UPDATE sessions SET facilitator_id = ? WHERE id = ?", staffID, id); err != nil {
			return err
		}
		if err := tx.clash("a.id = ?", id); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionSessionSubstitute, ResourceType: "session", ResourceID: strconv.FormatInt(id, 10)})
	})
}

// CreateSessionType adds a kind of session.
func (s *Store) CreateSessionType(ctx context.Context, name string, kind kinship.SessionKind) (*kinship.SessionType, error) {
	if err := kinship.Authorize(ctx, kinship.PermScheduleManage); err != nil {
		return nil, err
	}
	t := &kinship.SessionType{Name: strings.TrimSpace(name), Kind: kind}
	f := kinship.FieldErrors{}
	if msg := kinship.NameProblem("Name", t.Name); msg != "" {
		f.Add("name", msg)
	}
	if !slices.Contains(kinship.SessionKinds, kind) {
		f.Add("kind", "Kind must be group, individual, life_skills, holistic, support_group, family or drug_screen.")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	err := s.update(ctx, func(tx *Tx) (err error) {
		t.ID, err = tx.insert("INSERT INTO session_types (name, kind) VALUES (?, ?)", t.Name, kind)
		if tx.dialect.isUnique(err) {
			return fieldConflict("name", "There is already a session type with that name.")
		}
		if err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionSessionTypeCreate, ResourceType: "session_type", ResourceID: strconv.FormatInt(t.ID, 10)})
	})
	return t, err
}

// clash returns ECONFLICT, naming the first clash, if a session chosen by
// which (a condition on a.*) meets at the same time as another session
// with the same facilitator or in the same room. Callers run it after
// writing, inside their transaction, so a clash rolls the change back.
func (tx *Tx) clash(which string, arg any) error {
	var on, what string
	err := tx.queryRow(`SELECT a.on_date, CASE WHEN a.facilitator_id = b.facilitator_id THEN 'facilitator' ELSE 'room' END
		FROM sessions a JOIN sessions b ON b.on_date = a.on_date AND b.id <> a.id AND NOT b.cancelled
			AND (a.series_id IS NULL OR b.series_id IS NULL OR b.series_id <> a.series_id)
			AND b.starts_at < a.ends_at AND b.ends_at > a.starts_at
			AND (a.facilitator_id = b.facilitator_id OR a.room_id = b.room_id)
		WHERE NOT a.cancelled AND `+which+` ORDER BY a.on_date LIMIT 1`, arg).Scan(&on, &what)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	d, _ := kinship.ParseDate(on)
	if what == "facilitator" {
		return fieldConflict("facilitator_id", "The facilitator already leads another session at that time (first on "+d.Label()+").")
	}
	return fieldConflict("room_id", "The room is already in use at that time (first on "+d.Label()+").")
}

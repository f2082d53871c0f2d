package store

import (
	"context"
	"strconv"
	"time"

	"kinship"
	"kinship/calendar"
)

// SetAvailability replaces the weekly windows in which a client can come.
func (s *Store) SetAvailability(ctx context.Context, clientID int64, windows []kinship.Window) error {
	if err := kinship.Authorize(ctx, kinship.PermClientWrite); err != nil {
		return err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionClientRead); err != nil {
		return err
	}
	return s.replaceWindows(ctx, "client_availability", "client_id", clientID, windows, "client")
}

// SetWorkingHours replaces a staff member's weekly working hours: their
// own, or anyone's for those who set up the schedule.
func (s *Store) SetWorkingHours(ctx context.Context, staffID int64, windows []kinship.Window) error {
	if a := kinship.ActorFrom(ctx); a.StaffID != staffID {
		if err := kinship.Authorize(ctx, kinship.PermScheduleManage); err != nil {
			return err
		}
	}
	if _, err := s.staffByID(ctx, staffID); err != nil {
		return err
	}
	return s.replaceWindows(ctx, "staff_hours", "staff_id", staffID, windows, "staff")
}

func (s *Store) replaceWindows(ctx context.Context, table, owner string, id int64, windows []kinship.Window, resource string) error {
	return s.update(ctx, func(tx *Tx) error {
		if _, err := tx.exec("DELETE FROM "+table+" WHERE "+owner+" = ?", id); err != nil {
			return err
		}
		for _, w := range windows {
			if _, err := tx.exec("INSERT INTO "+table+" ("+owner+", weekday, start_minute, end_minute) VALUES (?, ?, ?, ?)",
				id, isoWeekday(w.Day), int(w.Start), int(w.End)); err != nil {
				return err
			}
		}
		return tx.audit(kinship.AuditRecord{Action: table + ".replace", ResourceType: resource, ResourceID: strconv.FormatInt(id, 10)})
	})
}

// Availability lists a client's weekly windows.
func (s *Store) Availability(ctx context.Context, clientID int64) ([]kinship.Window, error) {
	if err := s.openChart(ctx, clientID, kinship.ActionClientRead); err != nil {
		return nil, err
	}
	return s.windows(ctx, "client_availability", "client_id", clientID)
}

// WorkingHours lists a staff member's weekly working hours.
func (s *Store) WorkingHours(ctx context.Context, staffID int64) ([]kinship.Window, error) {
	if err := kinship.Authorize(ctx, kinship.PermScheduleRead); err != nil {
		return nil, err
	}
	return s.windows(ctx, "staff_hours", "staff_id", staffID)
}

func (s *Store) windows(ctx context.Context, table, owner string, id int64) ([]kinship.Window, error) {
	rows, err := s.query(ctx, "SELECT weekday, start_minute, end_minute FROM "+table+" WHERE "+owner+" = ? ORDER BY weekday, start_minute", id)
	return collect(rows, err, func(r rowScanner) (kinship.Window, error) {
		var w kinship.Window
		var day int
		err := r.Scan(&day, &w.Start, &w.End)
		w.Day = kinship.WeekOrder[(day+6)%7]
		return w, err
	})
}

// isoWeekday numbers days Monday = 1 … Sunday = 7.
func isoWeekday(d time.Weekday) int {
	if d == time.Sunday {
		return 7
	}
	return int(d)
}

// clientSessionsSQL selects a client's sessions between two dates: their
// track's and groups' on the days they were enrolled, and their own.
const clientSessionsSQL = "SELECT " + sessionColumns + sessionFrom + ` WHERE s.on_date >= ? AND s.on_date <= ? AND (s.client_id = ?
	OR EXISTS (SELECT 1 FROM enrollments e WHERE e.client_id = ? AND e.starts_on <= s.on_date AND (e.ends_on = '' OR e.ends_on >= s.on_date)
		AND (e.track_id = x.track_id OR e.series_id = s.series_id)))
	ORDER BY s.starts_at, s.id`

// ClientSessions lists a client's sessions between two dates.
func (s *Store) ClientSessions(ctx context.Context, clientID int64, from, to kinship.Date) ([]*kinship.Session, error) {
	if err := s.openChart(ctx, clientID, kinship.ActionClientRead); err != nil {
		return nil, err
	}
	if err := s.layOutThrough(ctx, to); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, clientSessionsSQL, from.String(), to.String(), clientID, clientID)
	return collect(rows, err, scanSession)
}

// Hours is a client's week against their program's minimum.
func (s *Store) Hours(ctx context.Context, clientID int64, week string) (*kinship.WeekHours, error) {
	w, err := calendar.ParseWeek(week)
	if err != nil {
		return nil, err
	}
	sessions, err := s.ClientSessions(ctx, clientID, w.Monday(), w.Monday().AddDays(6))
	if err != nil {
		return nil, err
	}
	return s.weekHours(ctx, clientID, w, sessions)
}

// weekHours totals a client's week from their sessions and attendance.
func (s *Store) weekHours(ctx context.Context, clientID int64, w calendar.Week, sessions []*kinship.Session) (*kinship.WeekHours, error) {
	credited, err := s.weekCredits(ctx, w, clientID)
	if err != nil {
		return nil, err
	}
	minimum, err := s.minimumMinutes(ctx, clientID, w.Monday())
	if err != nil {
		return nil, err
	}
	return s.tally(w, sessions, credited[clientID], minimum), nil
}

// weekCredits returns the minutes credited in week, by client and session;
// clientID 0 means every client.
func (s *Store) weekCredits(ctx context.Context, w calendar.Week, clientID int64) (map[int64]map[int64]int, error) {
	rows, err := s.query(ctx, `SELECT a.client_id, a.session_id, a.credited FROM attendance a JOIN sessions s ON s.id = a.session_id
		WHERE s.on_date >= ? AND s.on_date <= ? AND (? = 0 OR a.client_id = ?)`,
		w.Monday().String(), w.Monday().AddDays(6).String(), clientID, clientID)
	triples, err := collect(rows, err, func(r rowScanner) ([3]int64, error) {
		var t [3]int64
		return t, r.Scan(&t[0], &t[1], &t[2])
	})
	out := map[int64]map[int64]int{}
	for _, t := range triples {
		if out[t[0]] == nil {
			out[t[0]] = map[int64]int{}
		}
		out[t[0]][t[1]] = int(t[2])
	}
	return out, err
}

// tally is calendar.Hours over a client's sessions, skipping cancelled ones.
func (s *Store) tally(w calendar.Week, sessions []*kinship.Session, credited map[int64]int, minimum int) *kinship.WeekHours {
	var cs []calendar.ClientSession
	for _, m := range sessions {
		if m.Cancelled {
			continue
		}
		c, taken := credited[m.ID]
		cs = append(cs, calendar.ClientSession{Start: m.Start, Minutes: m.Minutes(), Taken: taken, Credited: c})
	}
	h := calendar.Hours(w, cs, minimum, s.clock.Now())
	return &kinship.WeekHours{Week: w.String(), ScheduledMinutes: h.ScheduledMinutes, AttendedMinutes: h.AttendedMinutes,
		ProjectedMinutes: h.ProjectedMinutes, MinimumMinutes: h.MinimumMinutes, Status: string(h.Status)}
}

// minimumMinutes is the weekly minimum of the client's program: the
// adolescent minimum for clients under 18 on day, the adult one otherwise.
func (s *Store) minimumMinutes(ctx context.Context, clientID int64, day kinship.Date) (int, error) {
	var adult, adolescent int
	var birth string
	err := s.queryRow(ctx, `SELECT COALESCE(p.minimum_adult_minutes, 540), COALESCE(p.minimum_adolescent_minutes, 360), c.birth_date
		FROM clients c LEFT JOIN episodes e ON e.client_id = c.id AND e.discharged_on = '' LEFT JOIN programs p ON p.id = e.program_id
		WHERE c.id = ? ORDER BY e.id DESC LIMIT 1`, clientID).Scan(&adult, &adolescent, &birth)
	if err != nil {
		return 0, notFound(err, "The client")
	}
	if b, err := kinship.ParseDate(birth); err == nil && day.Before(b.AddYears(18)) {
		return adolescent, nil
	}
	return adult, nil
}

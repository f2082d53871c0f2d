package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"kinship"
	"kinship/calendar"
)

func (s *Store) attendanceOf(ctx context.Context, sessionID int64) (map[int64]*kinship.Attendance, error) {
	rows, err := s.query(ctx, `SELECT a.session_id, a.client_id, a.status, a.minutes, a.credited, a.override_reason, a.recorded_at,
		COALESCE(m.name, '') FROM attendance a LEFT JOIN staff m ON m.id = a.recorded_by WHERE a.session_id = ?`, sessionID)
	list, err := collect(rows, err, scanAttendance)
	out := map[int64]*kinship.Attendance{}
	for _, a := range list {
		out[a.ClientID] = a
	}
	return out, err
}

func scanAttendance(r rowScanner) (*kinship.Attendance, error) {
	a := &kinship.Attendance{}
	return a, r.Scan(&a.SessionID, &a.ClientID, &a.Status, &a.Minutes, &a.Credited, &a.OverrideReason, scanTime(&a.RecordedAt), &a.RecordedBy)
}

// attendanceChanges lists each client's replaced marks at a session,
// oldest first, each with the mark that replaced it: the next one in the
// history, or the last, current in taken.
func (s *Store) attendanceChanges(ctx context.Context, sessionID int64, taken map[int64]*kinship.Attendance) (map[int64][]*kinship.AttendanceChange, error) {
	rows, err := s.query(ctx, `SELECT h.session_id, h.client_id, h.status, h.minutes, h.credited, h.override_reason, h.recorded_at,
		COALESCE(m.name, '') FROM attendance_history h LEFT JOIN staff m ON m.id = h.recorded_by WHERE h.session_id = ?
		ORDER BY h.client_id, h.id`, sessionID)
	list, err := collect(rows, err, scanAttendance)
	out := map[int64][]*kinship.AttendanceChange{}
	for i, a := range list {
		to := taken[a.ClientID]
		if i+1 < len(list) && list[i+1].ClientID == a.ClientID {
			to = list[i+1]
		}
		out[a.ClientID] = append(out[a.ClientID], &kinship.AttendanceChange{From: a, To: to})
	}
	return out, err
}

// attendable returns a session whose attendance may be taken now, and the
// clients on its roster: ECONFLICT once cancelled or before it starts.
func (s *Store) attendable(ctx context.Context, sessionID int64) (*kinship.Session, []int64, error) {
	if err := kinship.Authorize(ctx, kinship.PermAttendance); err != nil {
		return nil, nil, err
	}
	session, err := s.Session(ctx, sessionID)
	if err != nil {
		return nil, nil, err
	}
	if session.Cancelled {
		return nil, nil, kinship.Errorf(kinship.ECONFLICT, "This session was cancelled; there is no attendance to take.")
	}
	if s.clock.Now().Before(session.Start) {
		return nil, nil, kinship.Errorf(kinship.ECONFLICT, "This session has not started yet; take attendance once it has.")
	}
	rows, err := s.query(ctx, rosterSQL, sessionID, sessionID)
	ids, err := collect(rows, err, func(r rowScanner) (id int64, err error) {
		var name, pronouns string
		return id, r.Scan(&id, &name, &pronouns)
	})
	return session, ids, err
}

// MarkAllPresent marks present the clients on the roster with no mark
// yet. Inserting only where no row exists keeps every mark recorded by
// hand, even one recorded while this runs.
func (s *Store) MarkAllPresent(ctx context.Context, sessionID int64) (marked, kept int, err error) {
	session, roster, err := s.attendable(ctx, sessionID)
	if err != nil {
		return 0, 0, err
	}
	if len(roster) == 0 {
		return 0, 0, kinship.Errorf(kinship.ECONFLICT, "Nobody is enrolled for this session on this date.")
	}
	credited, err := calendar.Credited(calendar.Present, session.Minutes(), 0)
	if err != nil {
		return 0, 0, err
	}
	a := kinship.ActorFrom(ctx)
	err = s.update(ctx, func(tx *Tx) error {
		marked = 0
		for _, id := range roster {
			res, err := tx.exec(`INSERT INTO attendance (session_id, client_id, status, minutes, credited, override_reason, recorded_at, recorded_by)
				VALUES (?, ?, ?, 0, ?, '', ?, ?) ON CONFLICT (session_id, client_id) DO NOTHING`,
				sessionID, id, string(calendar.Present), credited, tx.now, nullID(a.StaffID))
			if err != nil {
				return err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			marked += int(n)
		}
		kept = len(roster) - marked
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionAttendance, ResourceType: "session", ResourceID: strconv.FormatInt(sessionID, 10),
			Detail: fmt.Sprintf("all present: %d marked, %d kept", marked, kept)})
	})
	if err != nil {
		return 0, 0, err
	}
	return marked, kept, nil
}

// RecordAttendance records statuses for clients on a session's roster.
// Every mark is checked before anything is written; every change of a
// recorded mark, on the day or later, keeps the earlier one in the history.
func (s *Store) RecordAttendance(ctx context.Context, sessionID int64, marks []kinship.AttendanceMark) ([]*kinship.Attendance, error) {
	session, ids, err := s.attendable(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	if len(marks) == 0 {
		return nil, kinship.Errorf(kinship.EINVALID, "Send at least one client's attendance.")
	}
	onRoster := map[int64]bool{}
	for _, id := range ids {
		onRoster[id] = true
	}
	length := session.Minutes()
	credited := make([]int, len(marks))
	f := kinship.FieldErrors{}
	seen := map[int64]bool{}
	for i, m := range marks {
		field := fmt.Sprintf("attendance[%d]", i)
		switch {
		case !onRoster[m.ClientID]:
			f.Add(field+".client_id", "This client is not on the session's roster.")
			continue
		case seen[m.ClientID]:
			f.Add(field+".client_id", "This client appears twice.")
			continue
		}
		seen[m.ClientID] = true
		st, err := calendar.ParseStatus(m.Status)
		if err == nil {
			credited[i], err = calendar.Credited(st, length, m.Minutes)
		}
		if err != nil {
			for k, v := range kinship.ErrorFields(err) {
				f.Add(field+"."+k, v)
			}
			continue
		}
		marks[i].Status = string(st)
		if m.Override != nil {
			switch {
			case *m.Override < 0 || *m.Override > length:
				f.Add(field+".override_minutes", fmt.Sprintf("The credited minutes must be between 0 and %d.", length))
			case strings.TrimSpace(m.OverrideReason) == "":
				f.Add(field+".override_reason", "Give the reason for changing the credited minutes.")
			}
			credited[i] = *m.Override
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	a := kinship.ActorFrom(ctx)
	err = s.update(ctx, func(tx *Tx) error {
		for i, m := range marks {
			// A mark the same as the recorded one changes nothing and
			// leaves no history; any other keeps the one it replaces.
			reason := strings.TrimSpace(m.OverrideReason)
			if _, err := tx.exec(`INSERT INTO attendance_history (session_id, client_id, status, minutes, credited, override_reason,
				recorded_at, recorded_by, replaced_at, replaced_by)
				SELECT session_id, client_id, status, minutes, credited, override_reason, recorded_at, recorded_by, ?, ?
				FROM attendance WHERE session_id = ? AND client_id = ?
				AND (status <> ? OR minutes <> ? OR credited <> ? OR override_reason <> ?)`,
				tx.now, nullID(a.StaffID), sessionID, m.ClientID, m.Status, m.Minutes, credited[i], reason); err != nil {
				return err
			}
			if _, err := tx.exec(`INSERT INTO attendance (session_id, client_id, status, minutes, credited, override_reason, recorded_at, recorded_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, client_id) DO UPDATE SET status = excluded.status,
				minutes = excluded.minutes, credited = excluded.credited, override_reason = excluded.override_reason,
				recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by
				WHERE attendance.status <> excluded.status OR attendance.minutes <> excluded.minutes
				OR attendance.credited <> excluded.credited OR attendance.override_reason <> excluded.override_reason`,
				sessionID, m.ClientID, m.Status, m.Minutes, credited[i], reason, tx.now, nullID(a.StaffID)); err != nil {
				return err
			}
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionAttendance, ResourceType: "session", ResourceID: strconv.FormatInt(sessionID, 10),
			Detail: fmt.Sprintf("%d clients", len(marks))})
	})
	if err != nil {
		return nil, err
	}
	taken, err := s.attendanceOf(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	out := make([]*kinship.Attendance, 0, len(marks))
	for _, m := range marks {
		out = append(out, taken[m.ClientID])
	}
	return out, nil
}

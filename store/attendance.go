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
	list, err := collect(rows, err, func(r rowScanner) (*kinship.Attendance, error) {
		a := &kinship.Attendance{}
		return a, r.Scan(&a.SessionID, &a.ClientID, &a.Status, &a.Minutes, &a.Credited, &a.OverrideReason, scanTime(&a.RecordedAt), &a.RecordedBy)
	})
	out := map[int64]*kinship.Attendance{}
	for _, a := range list {
		out[a.ClientID] = a
	}
	return out, err
}

// RecordAttendance records statuses for clients on a session's roster.
// Every mark is checked before anything is written; a change made after
// the session's day keeps the earlier value in the history.
func (s *Store) RecordAttendance(ctx context.Context, sessionID int64, marks []kinship.AttendanceMark) ([]*kinship.Attendance, error) {
	if err := kinship.Authorize(ctx, kinship.PermAttendance); err != nil {
		return nil, err
	}
	session, err := s.Session(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	if session.Cancelled {
		return nil, kinship.Errorf(kinship.ECONFLICT, "This session was cancelled; there is no attendance to take.")
	}
	if s.clock.Now().Before(session.Start) {
		return nil, kinship.Errorf(kinship.ECONFLICT, "This session has not started yet; take attendance once it has.")
	}
	if len(marks) == 0 {
		return nil, kinship.Errorf(kinship.EINVALID, "Send at least one client's attendance.")
	}
	rows, err := s.query(ctx, rosterSQL, sessionID, sessionID)
	ids, err := collect(rows, err, func(r rowScanner) (id int64, err error) {
		var name, pronouns string
		return id, r.Scan(&id, &name, &pronouns)
	})
	if err != nil {
		return nil, err
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
	today := s.today(ctx)
	err = s.update(ctx, func(tx *Tx) error {
		afterTheDay := session.Date.Before(today)
		for i, m := range marks {
			if afterTheDay {
				if _, err := tx.exec(`INSERT INTO attendance_history (session_id, client_id, status, minutes, credited, override_reason,
					recorded_at, recorded_by, replaced_at, replaced_by)
					SELECT session_id, client_id, status, minutes, credited, override_reason, recorded_at, recorded_by, ?, ?
					FROM attendance WHERE session_id = ? AND client_id = ?`, tx.now, nullID(a.StaffID), sessionID, m.ClientID); err != nil {
					return err
				}
			}
			if _, err := tx.exec(`INSERT INTO attendance (session_id, client_id, status, minutes, credited, override_reason, recorded_at, recorded_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, client_id) DO UPDATE SET status = excluded.status,
				minutes = excluded.minutes, credited = excluded.credited, override_reason = excluded.override_reason,
				recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by`,
				sessionID, m.ClientID, m.Status, m.Minutes, credited[i], strings.TrimSpace(m.OverrideReason), tx.now, nullID(a.StaffID)); err != nil {
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

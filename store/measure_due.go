package store

import (
	"context"
	"strconv"
	"time"

	"kinship"
)

// MeasureSchedule is the program's schedule, or the default.
func (s *Store) MeasureSchedule(ctx context.Context, programID int64) ([]kinship.ScheduleRule, error) {
	if err := kinship.Authorize(ctx, kinship.PermSignedIn); err != nil {
		return nil, err
	}
	return s.measureSchedule(ctx, programID)
}

// measureSchedule reads a program's schedule for any caller that may see a
// client's due list, the client included.
func (s *Store) measureSchedule(ctx context.Context, programID int64) ([]kinship.ScheduleRule, error) {
	var set bool
	if err := s.queryRow(ctx, "SELECT measure_schedule_set FROM programs WHERE id = ?", programID).Scan(&set); err != nil {
		return nil, notFound(err, "The program")
	}
	if !set {
		return kinship.DefaultMeasureSchedule, nil
	}
	rows, err := s.query(ctx, "SELECT code, at_admission, every_days FROM measure_schedules WHERE program_id = ? ORDER BY code", programID)
	return collect(rows, err, func(r rowScanner) (kinship.ScheduleRule, error) {
		var rule kinship.ScheduleRule
		return rule, r.Scan(&rule.Code, &rule.AtAdmission, &rule.EveryDays)
	})
}

// SetMeasureSchedule replaces a program's schedule.
func (s *Store) SetMeasureSchedule(ctx context.Context, programID int64, rules []kinship.ScheduleRule) error {
	if err := kinship.Authorize(ctx, kinship.PermOrgManage); err != nil {
		return err
	}
	if err := kinship.ValidateSchedule(rules, func(code string) bool { _, err := s.instruments.Lookup(code); return err == nil }); err != nil {
		return err
	}
	return s.update(ctx, func(tx *Tx) error {
		res, err := tx.exec("UPDATE programs SET measure_schedule_set = ? WHERE id = ?", true, programID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return kinship.Errorf(kinship.ENOTFOUND, "The program was not found.")
		}
		if _, err := tx.exec("DELETE FROM measure_schedules WHERE program_id = ?", programID); err != nil {
			return err
		}
		for _, r := range rules {
			if _, err := tx.exec("INSERT INTO measure_schedules (program_id, code, at_admission, every_days) VALUES (?, ?, ?, ?)",
				programID, r.Code, r.AtAdmission, r.EveryDays); err != nil {
				return err
			}
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionMeasureSchedule, ResourceType: "program",
			ResourceID: strconv.FormatInt(programID, 10), Detail: strconv.Itoa(len(rules)) + " instruments"})
	})
}

// AssignMeasure puts an instrument in the client's portal.
func (s *Store) AssignMeasure(ctx context.Context, clientID int64, code string) error {
	if err := kinship.Authorize(ctx, kinship.PermMeasures); err != nil {
		return err
	}
	if _, err := s.definition(code); err != nil {
		return err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionClientRead); err != nil {
		return err
	}
	return s.update(ctx, func(tx *Tx) error {
		var open int
		if err := tx.queryRow("SELECT COUNT(*) FROM measure_assignments WHERE client_id = ? AND code = ? AND response_id IS NULL",
			clientID, code).Scan(&open); err != nil {
			return err
		}
		if open > 0 {
			return fieldConflict("code", "This instrument is already waiting in the client's portal.")
		}
		if _, err := tx.insert("INSERT INTO measure_assignments (client_id, code, assigned_by, assigned_at) VALUES (?, ?, ?, ?)",
			clientID, code, nullID(kinship.ActorFrom(ctx).StaffID), tx.now); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionMeasureAssign, ResourceType: "client",
			ResourceID: strconv.FormatInt(clientID, 10), Detail: code})
	})
}

// openEpisode is a current client as the due list and outcomes need them.
type openEpisode struct {
	clientID, programID int64
	name                string
	admitted            kinship.Date
}

// openEpisodes lists current clients matching where.
func (s *Store) openEpisodes(ctx context.Context, where string, args ...any) ([]openEpisode, error) {
	rows, err := s.query(ctx, `SELECT e.client_id, e.program_id, c.name_to_use, e.admitted_on FROM episodes e
		JOIN clients c ON c.id = e.client_id WHERE e.discharged_on = '' AND `+where+` ORDER BY c.name_to_use, c.id`, args...)
	return collect(rows, err, func(r rowScanner) (openEpisode, error) {
		var e openEpisode
		var admitted string
		err := r.Scan(&e.clientID, &e.programID, &e.name, &admitted)
		e.admitted, _ = kinship.ParseDate(admitted)
		return e, err
	})
}

// DueMeasures lists what is due within kinship.DueSoonDays or overdue, for
// one client or for the actor's caseload.
func (s *Store) DueMeasures(ctx context.Context, clientID int64) ([]*kinship.DueMeasure, error) {
	if err := kinship.Authorize(ctx, kinship.PermClinicalRead); err != nil {
		return nil, err
	}
	if clientID != 0 {
		if err := s.openChart(ctx, clientID, kinship.ActionResponseRead); err != nil {
			return nil, err
		}
		return s.dueFor(ctx, clientID)
	}
	return s.dueFor(ctx, 0)
}

// MyDueMeasures lists what the portal client should answer.
func (s *Store) MyDueMeasures(ctx context.Context) ([]*kinship.DueMeasure, error) {
	id, err := kinship.PortalClient(ctx)
	if err != nil {
		return nil, err
	}
	return s.dueFor(ctx, id)
}

// dueFor lists what is due for one client, or (clientID 0) for the actor's
// caseload; the caller has checked access.
func (s *Store) dueFor(ctx context.Context, clientID int64) ([]*kinship.DueMeasure, error) {
	var eps []openEpisode
	var err error
	if clientID != 0 {
		eps, err = s.openEpisodes(ctx, "e.client_id = ?", clientID)
	} else {
		eps, err = s.openEpisodes(ctx, "e.primary_counselor_id = ?", kinship.ActorFrom(ctx).StaffID)
	}
	if err != nil || len(eps) == 0 {
		return nil, err
	}
	horizon := s.today(ctx).AddDays(kinship.DueSoonDays)
	schedules := map[int64][]kinship.ScheduleRule{}
	var due []*kinship.DueMeasure
	for _, e := range eps {
		rules, ok := schedules[e.programID]
		if !ok {
			if rules, err = s.measureSchedule(ctx, e.programID); err != nil {
				return nil, err
			}
			schedules[e.programID] = rules
		}
		last, assigned, err := s.measureHistory(ctx, e)
		if err != nil {
			return nil, err
		}
		for _, r := range rules {
			if on, ok := assigned[r.Code]; ok {
				due = append(due, &kinship.DueMeasure{ClientID: e.clientID, Client: e.name, Code: r.Code, DueOn: on, Assigned: true})
				delete(assigned, r.Code)
				continue
			}
			if on, ok := r.DueOn(e.admitted, last[r.Code]); ok && !horizon.Before(on) {
				due = append(due, &kinship.DueMeasure{ClientID: e.clientID, Client: e.name, Code: r.Code, DueOn: on})
			}
		}
		for code, on := range assigned { // assigned but not on the schedule
			due = append(due, &kinship.DueMeasure{ClientID: e.clientID, Client: e.name, Code: code, DueOn: on, Assigned: true})
		}
	}
	return due, s.Audit(ctx, kinship.AuditRecord{Action: kinship.ActionResponseRead, ResourceType: "due_list",
		Detail: strconv.Itoa(len(eps)) + " clients"})
}

// measureHistory returns, for one current client, the last date each
// instrument was answered since admission, and the day each open portal
// assignment was made.
func (s *Store) measureHistory(ctx context.Context, e openEpisode) (last, assigned map[string]kinship.Date, err error) {
	last, assigned = map[string]kinship.Date{}, map[string]kinship.Date{}
	rows, err := s.query(ctx, `SELECT code, MAX(taken_on) FROM measure_responses WHERE client_id = ? AND taken_on >= ? GROUP BY code`,
		e.clientID, e.admitted.String())
	err = each(rows, err, func(r rowScanner) error {
		var code, day string
		err := r.Scan(&code, &day)
		last[code], _ = kinship.ParseDate(day)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	loc := s.homeLocation(ctx)
	rows, err = s.query(ctx, `SELECT code, assigned_at FROM measure_assignments WHERE client_id = ? AND response_id IS NULL ORDER BY id DESC`, e.clientID)
	err = each(rows, err, func(r rowScanner) error {
		var code string
		var at time.Time
		err := r.Scan(&code, scanTime(&at))
		assigned[code] = kinship.DateOf(at.In(loc)) // the earliest wins, as rows come newest first
		return err
	})
	return last, assigned, err
}

// Improvements counts, per program, current clients with reliable
// improvement: a drop of kinship.ReliableChange from their first PHQ-9 or
// GAD-7 since admission to their latest.
func (s *Store) Improvements(ctx context.Context) ([]kinship.Improvement, error) {
	if err := kinship.Authorize(ctx, kinship.PermClinicalRead); err != nil {
		return nil, err
	}
	programs, err := s.ListPrograms(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]kinship.Improvement, len(programs))
	index := map[int64]int{}
	for i, p := range programs {
		out[i] = kinship.Improvement{ProgramID: p.ID, Program: p.Name}
		index[p.ID] = i
	}
	// First and latest total of each instrument for each current client,
	// in date order; the program's row is found by index.
	type series struct {
		program     int64
		first, last int
		n           int
	}
	byClient := map[int64]map[string]*series{}
	rows, err := s.query(ctx, `SELECT e.client_id, e.program_id, r.code, r.total FROM measure_responses r
		JOIN episodes e ON e.client_id = r.client_id AND e.discharged_on = '' AND r.taken_on >= e.admitted_on
		WHERE r.code IN ('phq9', 'gad7') ORDER BY r.taken_on, r.id`)
	err = each(rows, err, func(r rowScanner) error {
		var client, program int64
		var code string
		var total int
		if err := r.Scan(&client, &program, &code, &total); err != nil {
			return err
		}
		if byClient[client] == nil {
			byClient[client] = map[string]*series{}
		}
		sr := byClient[client][code]
		if sr == nil {
			sr = &series{program: program, first: total}
			byClient[client][code] = sr
		}
		sr.last, sr.n = total, sr.n+1
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, codes := range byClient {
		measured, improved := false, false
		var program int64
		for code, sr := range codes {
			program = sr.program
			if sr.n > 1 {
				measured = true
				improved = improved || sr.first-sr.last >= kinship.ReliableChange[code]
			}
		}
		if i, ok := index[program]; ok && measured {
			out[i].Measured++
			if improved {
				out[i].Improved++
			}
		}
	}
	return out, nil
}

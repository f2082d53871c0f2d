package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"kinship"
)

const checkInColumns = "k.id, k.client_id, k.day, k.craving, k.mood, k.sleep_minutes, k.used, k.note, k.created_at, k.updated_at"

func scanCheckIn(r rowScanner) (*kinship.CheckIn, error) {
	c := &kinship.CheckIn{}
	var day string
	var sleep sql.NullInt64
	err := r.Scan(&c.ID, &c.ClientID, &day, &c.Craving, &c.Mood, &sleep, &c.Used, &c.Note, scanTime(&c.CreatedAt), scanTime(&c.UpdatedAt))
	c.Day, _ = kinship.ParseDate(day)
	if sleep.Valid {
		h := float64(sleep.Int64) / 60
		c.SleepHours = &h
	}
	return c, err
}

// checkIns lists the check-ins matching where (on checkins k), newest
// first, with their triggers and skills.
func (s *Store) checkIns(ctx context.Context, where string, args ...any) ([]*kinship.CheckIn, error) {
	rows, err := s.query(ctx, "SELECT "+checkInColumns+" FROM checkins k WHERE "+where+" ORDER BY k.day DESC, k.client_id", args...)
	list, err := collect(rows, err, scanCheckIn)
	if err != nil || len(list) == 0 {
		return list, err
	}
	byID := map[int64]*kinship.CheckIn{}
	for _, c := range list {
		byID[c.ID] = c
	}
	rows, err = s.query(ctx, `SELECT t.checkin_id, t.name FROM checkin_triggers t JOIN checkins k ON k.id = t.checkin_id
		WHERE `+where+" ORDER BY t.checkin_id, t.position", args...)
	err = each(rows, err, func(r rowScanner) error {
		var id int64
		var name string
		err := r.Scan(&id, &name)
		byID[id].Triggers = append(byID[id].Triggers, name)
		return err
	})
	if err != nil {
		return nil, err
	}
	rows, err = s.query(ctx, `SELECT t.checkin_id, t.name, t.helped FROM checkin_skills t JOIN checkins k ON k.id = t.checkin_id
		WHERE `+where+" ORDER BY t.checkin_id, t.position", args...)
	return list, each(rows, err, func(r rowScanner) error {
		var id int64
		var u kinship.SkillUse
		err := r.Scan(&id, &u.Name, &u.Helped)
		byID[id].Skills = append(byID[id].Skills, u)
		return err
	})
}

// RecordCheckIn records the signed-in client's check-in, replacing the
// one for the same day if there is one: a day has one check-in, so trends
// and signals read one value a day.
func (s *Store) RecordCheckIn(ctx context.Context, in kinship.CheckInInput) (*kinship.CheckIn, error) {
	clientID, err := kinship.PortalClient(ctx)
	if err != nil {
		return nil, err
	}
	if err := in.Validate(s.today(ctx)); err != nil {
		return nil, err
	}
	var sleep any // NULL when not answered
	if in.SleepHours != nil {
		sleep = int(math.Round(*in.SleepHours * 60))
	}
	var id int64
	err = s.update(ctx, func(tx *Tx) error {
		detail := "replaced"
		err := tx.queryRow("SELECT id FROM checkins WHERE client_id = ? AND day = ?", clientID, in.Day.String()).Scan(&id)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			detail = "new"
			id, err = tx.insert(`INSERT INTO checkins (client_id, day, craving, mood, sleep_minutes, used, note, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, clientID, in.Day.String(), *in.Craving, *in.Mood, sleep, in.Used, in.Note, tx.now, tx.now)
		case err == nil:
			if _, err = tx.exec("UPDATE checkins SET craving = ?, mood = ?, sleep_minutes = ?, used = ?, note = ?, updated_at = ? WHERE id = ?",
				*in.Craving, *in.Mood, sleep, in.Used, in.Note, tx.now, id); err == nil {
				err = tx.deleteCheckInLists(id)
			}
		}
		if err != nil {
			return err
		}
		for i, t := range in.Triggers {
			if _, err := tx.exec("INSERT INTO checkin_triggers (checkin_id, position, name) VALUES (?, ?, ?)", id, i, t); err != nil {
				return err
			}
		}
		for i, u := range in.Skills {
			if _, err := tx.exec("INSERT INTO checkin_skills (checkin_id, position, name, helped) VALUES (?, ?, ?, ?)", id, i, u.Name, u.Helped); err != nil {
				return err
			}
		}
		return tx.audit(clientAudit(kinship.ActionCheckInRecord, clientID, "check-in "+strconv.FormatInt(id, 10)+" "+detail))
	})
	if s.dialect.isUnique(err) { // two check-ins for one new day at once
		return nil, kinship.Errorf(kinship.ECONFLICT, "Another check-in for this day arrived at the same moment. Please try again.")
	}
	if err != nil {
		return nil, err
	}
	list, err := s.checkIns(ctx, "k.id = ?", id)
	if err != nil {
		return nil, err
	}
	return list[0], nil
}

func (tx *Tx) deleteCheckInLists(id int64) error {
	if _, err := tx.exec("DELETE FROM checkin_triggers WHERE checkin_id = ?", id); err != nil {
		return err
	}
	_, err := tx.exec("DELETE FROM checkin_skills WHERE checkin_id = ?", id)
	return err
}

// MyCheckIns lists the signed-in client's own check-ins.
func (s *Store) MyCheckIns(ctx context.Context, from, to kinship.Date) ([]*kinship.CheckIn, error) {
	clientID, err := kinship.PortalClient(ctx)
	if err != nil {
		return nil, err
	}
	if from, to, err = kinship.CheckInRange(from, to, s.today(ctx)); err != nil {
		return nil, err
	}
	if err := s.Audit(ctx, clientAudit(kinship.ActionCheckInRead, clientID, "own check-ins")); err != nil {
		return nil, err
	}
	return s.checkIns(ctx, "k.client_id = ? AND k.day >= ? AND k.day <= ?", clientID, from.String(), to.String())
}

// CheckIns lists a client's check-ins for staff who may open the chart.
func (s *Store) CheckIns(ctx context.Context, clientID int64, from, to kinship.Date) ([]*kinship.CheckIn, error) {
	if err := kinship.Authorize(ctx, kinship.PermClinicalRead); err != nil {
		return nil, err
	}
	from, to, err := kinship.CheckInRange(from, to, s.today(ctx))
	if err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionCheckInRead); err != nil {
		return nil, err
	}
	return s.checkIns(ctx, "k.client_id = ? AND k.day >= ? AND k.day <= ?", clientID, from.String(), to.String())
}

// flagNoteMax bounds an acknowledgement's note, in characters.
const flagNoteMax = 1000

// suggestionsOwn is how many of the client's own recent triggers or skills
// the chips offer; common ones fill up to suggestionsMax.
const suggestionsOwn, suggestionsMax = 8, 12

// MyCheckInSummary is the signed-in client's streak, today's check-in and
// the chips to offer.
func (s *Store) MyCheckInSummary(ctx context.Context) (*kinship.CheckInSummary, error) {
	clientID, err := kinship.PortalClient(ctx)
	if err != nil {
		return nil, err
	}
	sum := &kinship.CheckInSummary{Today: s.today(ctx)}
	rows, err := s.query(ctx, "SELECT day FROM checkins WHERE client_id = ? AND day <= ?", clientID, sum.Today.String())
	days, err := collect(rows, err, func(r rowScanner) (kinship.Date, error) {
		var day string
		err := r.Scan(&day)
		d, _ := kinship.ParseDate(day)
		return d, err
	})
	if err != nil {
		return nil, err
	}
	sum.Streak = kinship.Streak(days, sum.Today)
	today, err := s.checkIns(ctx, "k.client_id = ? AND k.day = ?", clientID, sum.Today.String())
	if err != nil {
		return nil, err
	}
	if len(today) > 0 {
		sum.TodayCheckIn = today[0]
	}
	if sum.Triggers, err = s.recentNames(ctx, "checkin_triggers", clientID, kinship.CommonTriggers); err != nil {
		return nil, err
	}
	// Skills come from the program's curriculum, as in the skills log, so
	// the group's themes count one name for one skill.
	curriculum, err := s.Skills(ctx)
	if err != nil {
		return nil, err
	}
	if sum.Skills, err = s.recentNames(ctx, "checkin_skills", clientID, curriculum); err != nil {
		return nil, err
	}
	return sum, s.Audit(ctx, clientAudit(kinship.ActionCheckInRead, clientID, "own check-in summary"))
}

// recentNames is the client's most recently used names in table
// (checkin_triggers or checkin_skills), then common ones.
func (s *Store) recentNames(ctx context.Context, table string, clientID int64, common []string) ([]string, error) {
	rows, err := s.query(ctx, `SELECT t.name FROM `+table+` t JOIN checkins k ON k.id = t.checkin_id WHERE k.client_id = ?
		GROUP BY t.name ORDER BY MAX(k.day) DESC, t.name LIMIT ?`, clientID, suggestionsOwn)
	names, err := collect(rows, err, func(r rowScanner) (n string, err error) { return n, r.Scan(&n) })
	for _, c := range common {
		if len(names) >= suggestionsMax {
			break
		}
		if !slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, c) }) {
			names = append(names, c)
		}
	}
	return names, err
}

// Caseload is the actor's current clients with their check-ins and flags:
// a clinician's own, everyone's for supervisors and admins.
func (s *Store) Caseload(ctx context.Context) ([]*kinship.CaseloadClient, error) {
	if err := kinship.Authorize(ctx, kinship.PermClinicalRead); err != nil {
		return nil, err
	}
	scope, args := onCaseload(ctx, "e.client_id")
	list, err := s.caseload(ctx, scope, args...)
	if err != nil {
		return nil, err
	}
	return list, s.Audit(ctx, kinship.AuditRecord{Action: kinship.ActionCaseloadRead, ResourceType: "caseload",
		Detail: strconv.Itoa(len(list)) + " clients"})
}

// caseload works out the flags of the clients whose current episode
// matches scope (a condition on episodes e, taking args).
func (s *Store) caseload(ctx context.Context, scope string, args ...any) ([]*kinship.CaseloadClient, error) {
	loc := s.homeLocation(ctx)
	today := kinship.DateOf(s.clock.Now().In(loc))
	settings, err := s.SignalSettings(ctx)
	if err != nil {
		return nil, err
	}
	byProgram := map[int64]kinship.SignalSettings{}
	for _, set := range settings {
		byProgram[set.ProgramID] = *set
	}
	// The clients, with when they were first expected to check in.
	facts := map[int64]*kinship.SignalFacts{}
	rows, err := s.query(ctx, `SELECT c.id, c.name_to_use, c.pronouns, e.program_id, e.admitted_on, a.created_at
		FROM episodes e JOIN clients c ON c.id = e.client_id
		LEFT JOIN client_accounts a ON a.client_id = c.id AND a.password_hash <> ''
		WHERE e.discharged_on = '' AND `+scope+" ORDER BY c.name_to_use, c.id", args...)
	list, err := collect(rows, err, func(r rowScanner) (*kinship.CaseloadClient, error) {
		c := &kinship.CaseloadClient{}
		var admitted string
		var account time.Time // zero without a portal account
		err := r.Scan(&c.ClientID, &c.NameToUse, &c.Pronouns, &c.ProgramID, &admitted, scanTime(&account))
		f := &kinship.SignalFacts{Today: today, Location: loc}
		if !account.IsZero() {
			f.ExpectedFrom, _ = kinship.ParseDate(admitted)
			if joined := kinship.DateOf(account.In(loc)); f.ExpectedFrom.Before(joined) {
				f.ExpectedFrom = joined
			}
		}
		facts[c.ClientID] = f
		return c, err
	})
	if err != nil || len(list) == 0 {
		return list, err
	}
	in := clientsIn{"IN (SELECT e.client_id FROM episodes e WHERE e.discharged_on = '' AND " + scope + ")", args}
	trendFrom := today.AddDays(1 - kinship.TrendDays)
	checkIns, err := s.checkIns(ctx, "k.client_id "+in.sql+` AND (k.day >= ? OR k.day = (SELECT MAX(m.day) FROM checkins m
		WHERE m.client_id = k.client_id))`, in.with(trendFrom.String())...)
	if err != nil {
		return nil, err
	}
	for _, c := range checkIns {
		if f := facts[c.ClientID]; f != nil { // nil only for a client admitted a moment ago
			f.CheckIns = append(f.CheckIns, c)
		}
	}
	if err := s.addMissed(ctx, facts, in, today); err != nil {
		return nil, err
	}
	acked, err := s.latestAcks(ctx, in)
	if err != nil {
		return nil, err
	}
	for _, c := range list {
		f := facts[c.ClientID]
		set, ok := byProgram[c.ProgramID]
		if !ok {
			set = kinship.DefaultSignalSettings
		}
		for _, flag := range kinship.Signals(set, *f) {
			if acked[c.ClientID][flag.Code].Before(flag.Since) {
				c.Flags = append(c.Flags, flag)
			}
		}
		if len(f.CheckIns) > 0 {
			c.Latest = f.CheckIns[0]
		}
		for _, k := range f.CheckIns {
			if !k.Day.Before(trendFrom) {
				c.Recent = append(c.Recent, k)
			}
		}
	}
	// Flagged clients first; otherwise in name order.
	rank := func(c *kinship.CaseloadClient) int { return min(1, len(c.Flags)) }
	slices.SortStableFunc(list, func(a, b *kinship.CaseloadClient) int { return cmp.Compare(rank(b), rank(a)) })
	return list, nil
}

// clientsIn is "IN (subquery)" picking a caseload's clients, with its
// arguments.
type clientsIn struct {
	sql  string
	args []any
}

// with is the subquery's arguments followed by a query's own.
func (in clientsIn) with(extra ...any) []any { return append(slices.Clone(in.args), extra...) }

// addMissed counts each client's unexcused absences in the last
// MissedWindowDays days, and notes when the newest was recorded.
func (s *Store) addMissed(ctx context.Context, facts map[int64]*kinship.SignalFacts, in clientsIn, today kinship.Date) error {
	rows, err := s.query(ctx, `SELECT a.client_id, a.recorded_at FROM attendance a JOIN sessions ss ON ss.id = a.session_id
		WHERE a.client_id `+in.sql+" AND a.status = 'unexcused' AND ss.on_date >= ? AND ss.on_date <= ?",
		in.with(today.AddDays(1-kinship.MissedWindowDays).String(), today.String())...)
	return each(rows, err, func(r rowScanner) error {
		var id int64
		var at time.Time
		err := r.Scan(&id, scanTime(&at))
		if f := facts[id]; f != nil {
			f.Missed++
			if at.After(f.MissedAt) {
				f.MissedAt = at
			}
		}
		return err
	})
}

// latestAcks is when each client's flags were last acknowledged.
func (s *Store) latestAcks(ctx context.Context, in clientsIn) (map[int64]map[string]time.Time, error) {
	acked := map[int64]map[string]time.Time{}
	rows, err := s.query(ctx, "SELECT client_id, flag, acknowledged_at FROM caseload_flag_acks WHERE client_id "+in.sql, in.args...)
	return acked, each(rows, err, func(r rowScanner) error {
		var id int64
		var flag string
		var at time.Time
		err := r.Scan(&id, &flag, scanTime(&at))
		if acked[id] == nil {
			acked[id] = map[string]time.Time{}
		}
		if at.After(acked[id][flag]) {
			acked[id][flag] = at
		}
		return err
	})
}

// AcknowledgeFlag records that a counselor saw a raised flag, and what
// they did; the flag stays quiet until newer data raises it again.
func (s *Store) AcknowledgeFlag(ctx context.Context, clientID int64, flag, note string) error {
	if err := kinship.Authorize(ctx, kinship.PermClinicalRead); err != nil {
		return err
	}
	note = strings.TrimSpace(note)
	f := kinship.FieldErrors{}
	if !slices.Contains(kinship.FlagCodes, flag) {
		f.Add("flag", "Choose one of the flags shown.")
	}
	switch {
	case note == "":
		f.Add("note", "Write a short note of what you did.")
	case utf8.RuneCountInString(note) > flagNoteMax:
		f.Add("note", fmt.Sprintf("Keep the note to %d characters or fewer.", flagNoteMax))
	}
	if err := f.Err(); err != nil {
		return err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionClientRead); err != nil {
		return err
	}
	list, err := s.caseload(ctx, "e.client_id = ?", clientID)
	if err != nil {
		return err
	}
	if len(list) == 0 || !slices.ContainsFunc(list[0].Flags, func(f kinship.Flag) bool { return f.Code == flag }) {
		return kinship.Errorf(kinship.ECONFLICT, "This flag is not raised now, so there is nothing to acknowledge.")
	}
	return s.update(ctx, func(tx *Tx) error {
		if _, err := tx.exec(`INSERT INTO caseload_flag_acks (client_id, flag, note, acknowledged_at, acknowledged_by)
			VALUES (?, ?, ?, ?, ?)`, clientID, flag, note, tx.now, nullID(kinship.ActorFrom(ctx).StaffID)); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionFlagAcknowledge, ResourceType: "client",
			ResourceID: strconv.FormatInt(clientID, 10), Detail: "flag " + flag})
	})
}

// SignalSettings lists every program's caseload thresholds; a program
// that set none has the defaults.
func (s *Store) SignalSettings(ctx context.Context) ([]*kinship.SignalSettings, error) {
	if err := kinship.Authorize(ctx, kinship.PermSignedIn); err != nil {
		return nil, err
	}
	d := kinship.DefaultSignalSettings
	rows, err := s.query(ctx, `SELECT p.id, p.name, COALESCE(g.craving_at_least, ?), COALESCE(g.no_checkin_days, ?),
		COALESCE(g.mood_drop, ?), COALESCE(g.missed_sessions, ?)
		FROM programs p LEFT JOIN caseload_signal_settings g ON g.program_id = p.id ORDER BY p.name, p.id`,
		d.CravingAtLeast, d.NoCheckInDays, d.MoodDrop, d.MissedSessions)
	return collect(rows, err, func(r rowScanner) (*kinship.SignalSettings, error) {
		g := &kinship.SignalSettings{}
		return g, r.Scan(&g.ProgramID, &g.ProgramName, &g.CravingAtLeast, &g.NoCheckInDays, &g.MoodDrop, &g.MissedSessions)
	})
}

// SetSignalSettings changes one program's caseload thresholds.
func (s *Store) SetSignalSettings(ctx context.Context, set kinship.SignalSettings) (*kinship.SignalSettings, error) {
	if err := kinship.Authorize(ctx, kinship.PermOrgManage); err != nil {
		return nil, err
	}
	if err := set.Validate(); err != nil {
		return nil, err
	}
	err := s.update(ctx, func(tx *Tx) error {
		if err := tx.queryRow("SELECT name FROM programs WHERE id = ?", set.ProgramID).Scan(&set.ProgramName); err != nil {
			return notFound(err, "The program")
		}
		if _, err := tx.exec(`INSERT INTO caseload_signal_settings (program_id, craving_at_least, no_checkin_days, mood_drop, missed_sessions, updated_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (program_id) DO UPDATE SET craving_at_least = excluded.craving_at_least,
			no_checkin_days = excluded.no_checkin_days, mood_drop = excluded.mood_drop, missed_sessions = excluded.missed_sessions,
			updated_at = excluded.updated_at`,
			set.ProgramID, set.CravingAtLeast, set.NoCheckInDays, set.MoodDrop, set.MissedSessions, tx.now); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionSignalSettings, ResourceType: "program",
			ResourceID: strconv.FormatInt(set.ProgramID, 10)})
	})
	if err != nil {
		return nil, err
	}
	return &set, nil
}

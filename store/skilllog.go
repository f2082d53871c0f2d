package store

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"

	"kinship"
)

// Skills is the program's curriculum of coping skills.
func (s *Store) Skills(ctx context.Context) ([]string, error) {
	if _, err := kinship.PortalClient(ctx); err != nil {
		if err := kinship.Authorize(ctx, kinship.PermSignedIn); err != nil {
			return nil, err
		}
	}
	rows, err := s.query(ctx, "SELECT name FROM curriculum_skills ORDER BY sort_order")
	skills, err := collect(rows, err, func(r rowScanner) (string, error) {
		var name string
		return name, r.Scan(&name)
	})
	if err == nil && len(skills) == 0 {
		skills = kinship.DefaultSkills
	}
	return skills, err
}

// SetSkills replaces the curriculum.
func (s *Store) SetSkills(ctx context.Context, skills []string) error {
	if err := kinship.Authorize(ctx, kinship.PermOrgManage); err != nil {
		return err
	}
	skills, err := kinship.ValidateSkills(skills)
	if err != nil {
		return err
	}
	return s.update(ctx, func(tx *Tx) error {
		if _, err := tx.exec("DELETE FROM curriculum_skills"); err != nil {
			return err
		}
		for i, name := range skills {
			if _, err := tx.exec("INSERT INTO curriculum_skills (name, sort_order) VALUES (?, ?)", name, i+1); err != nil {
				return err
			}
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionSkillsSet, ResourceType: "organization", Detail: strconv.Itoa(len(skills)) + " skills"})
	})
}

// LogSkill records an entry in the signed-in client's log.
func (s *Store) LogSkill(ctx context.Context, in kinship.SkillLogInput) (*kinship.SkillLogEntry, error) {
	id, err := kinship.PortalClient(ctx)
	if err != nil {
		return nil, err
	}
	skills, err := s.Skills(ctx)
	if err != nil {
		return nil, err
	}
	today := s.today(ctx)
	if in.Day.IsZero() {
		in.Day = today
	}
	if err := in.Validate(skills, today); err != nil {
		return nil, err
	}
	e := &kinship.SkillLogEntry{Day: in.Day, Situation: in.Situation, Trigger: in.Trigger, Skill: in.Skill, Outcome: in.Outcome, Shared: in.Shared}
	err = s.update(ctx, func(tx *Tx) error {
		e.CreatedAt = tx.now
		if e.ID, err = tx.insert(`INSERT INTO skill_log (client_id, day, situation, trigger_text, skill, outcome, shared, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, e.Day.String(), e.Situation, e.Trigger, e.Skill, e.Outcome, e.Shared, tx.now); err != nil {
			return err
		}
		return tx.audit(clientAudit(kinship.ActionSkillLog, id, "entry "+strconv.FormatInt(e.ID, 10)))
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// MyLog lists the signed-in client's entries between two days, newest first.
func (s *Store) MyLog(ctx context.Context, from, to kinship.Date) ([]*kinship.SkillLogEntry, error) {
	id, err := kinship.PortalClient(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT id, day, situation, trigger_text, skill, outcome, shared, created_at FROM skill_log
		WHERE client_id = ? AND day >= ? AND day <= ? ORDER BY day DESC, id DESC`, id, from.String(), to.String())
	entries, err := collect(rows, err, func(r rowScanner) (*kinship.SkillLogEntry, error) {
		e := &kinship.SkillLogEntry{}
		var day string
		err := r.Scan(&e.ID, &day, &e.Situation, &e.Trigger, &e.Skill, &e.Outcome, &e.Shared, scanTime(&e.CreatedAt))
		e.Day, _ = kinship.ParseDate(day)
		return e, err
	})
	if err != nil {
		return nil, err
	}
	return entries, s.Audit(ctx, clientAudit(kinship.ActionSkillLogRead, id, from.String()+" to "+to.String()))
}

// Themes counts what the session's roster shared in the days before it.
// Only the trigger and the skill of each shared entry are read: never the
// situation, and the writers only to count how many there were.
func (s *Store) Themes(ctx context.Context, sessionID int64) (*kinship.Themes, error) {
	if err := kinship.Authorize(ctx, kinship.PermAttendance); err != nil {
		return nil, err
	}
	m, err := s.Session(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	t := &kinship.Themes{SessionID: sessionID, From: m.Date.AddDays(-kinship.ThemesDays), To: m.Date.AddDays(-1)}
	rows, err := s.query(ctx, `SELECT l.client_id, l.trigger_text, l.skill FROM skill_log l
		WHERE l.shared AND l.day >= ? AND l.day <= ? AND l.client_id IN (SELECT r.id FROM (`+rosterSQL+`) r)`,
		t.From.String(), t.To.String(), sessionID, sessionID)
	clients := map[int64]bool{}
	triggers, skills := map[string]int{}, map[string]int{}
	err = each(rows, err, func(r rowScanner) error {
		var client int64
		var trigger, skill string
		if err := r.Scan(&client, &trigger, &skill); err != nil {
			return err
		}
		clients[client] = true
		// The same trigger written with other capitals or spacing counts once.
		triggers[strings.ToLower(strings.Join(strings.Fields(trigger), " "))]++
		skills[skill]++
		return nil
	})
	if err != nil {
		return nil, err
	}
	if t.Enough = len(clients) >= kinship.ThemesMinClients; t.Enough {
		t.Clients, t.Triggers, t.Skills = len(clients), byCount(triggers), byCount(skills)
	}
	return t, s.Audit(ctx, kinship.AuditRecord{Action: kinship.ActionThemesRead, ResourceType: "session", ResourceID: strconv.FormatInt(sessionID, 10)})
}

// byCount sorts counted names, most first, then by name.
func byCount(counts map[string]int) []kinship.ThemeCount {
	out := make([]kinship.ThemeCount, 0, len(counts))
	for name, n := range counts {
		out = append(out, kinship.ThemeCount{Name: name, Count: n})
	}
	slices.SortFunc(out, func(a, b kinship.ThemeCount) int {
		return cmp.Or(b.Count-a.Count, strings.Compare(a.Name, b.Name))
	})
	return out
}

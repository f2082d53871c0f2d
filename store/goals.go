package store

import (
	"context"
	"strconv"

	"kinship"
	"kinship/calendar"
)

const goalColumns = "id, week, title, target, done, created_at"

func scanGoal(r rowScanner) (*kinship.Goal, error) {
	g := &kinship.Goal{}
	return g, r.Scan(&g.ID, &g.Week, &g.Text, &g.Target, &g.Done, scanTime(&g.CreatedAt))
}

// goalWeeks are the weeks whose goals a client may change: this week, and
// last week to catch up on what they did by Sunday night.
func (s *Store) goalWeeks(ctx context.Context) (this, last string) {
	w := calendar.WeekOf(s.today(ctx))
	return w.String(), w.Prev().String()
}

// goals lists a client's goals for a week; the caller checks access.
func (s *Store) goals(ctx context.Context, clientID int64, week string) ([]*kinship.Goal, error) {
	if _, err := calendar.ParseWeek(week); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, "SELECT "+goalColumns+" FROM goals WHERE client_id = ? AND week = ? ORDER BY id", clientID, week)
	return collect(rows, err, scanGoal)
}

// MyGoals lists the signed-in client's goals for a week.
func (s *Store) MyGoals(ctx context.Context, week string) ([]*kinship.Goal, error) {
	id, err := kinship.PortalClient(ctx)
	if err != nil {
		return nil, err
	}
	goals, err := s.goals(ctx, id, week)
	if err != nil {
		return nil, err
	}
	return goals, s.Audit(ctx, clientAudit(kinship.ActionGoalRead, id, week))
}

// Goals lists a client's goals for a week, for their counselor.
func (s *Store) Goals(ctx context.Context, clientID int64, week string) ([]*kinship.Goal, error) {
	if err := kinship.Authorize(ctx, kinship.PermClinicalRead); err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionGoalRead); err != nil {
		return nil, err
	}
	return s.goals(ctx, clientID, week)
}

// AddGoal sets a goal for the signed-in client.
func (s *Store) AddGoal(ctx context.Context, in kinship.GoalInput) (*kinship.Goal, error) {
	id, err := kinship.PortalClient(ctx)
	if err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	this, last := s.goalWeeks(ctx)
	if in.Week == "" {
		in.Week = this
	}
	if in.Week != this && in.Week != last {
		return nil, invalidField("week", "Set goals for this week, or for last week to catch up.")
	}
	g := &kinship.Goal{Week: in.Week, Text: in.Text, Target: in.Target}
	err = s.update(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow("SELECT COUNT(*) FROM goals WHERE client_id = ? AND week = ?", id, g.Week).Scan(&n); err != nil {
			return err
		}
		if n >= kinship.MaxGoalsInWeek {
			return invalidField("text", "That week already has 10 goals. Finish or remove one before adding another.")
		}
		g.CreatedAt = tx.now
		if g.ID, err = tx.insert("INSERT INTO goals (client_id, week, title, target, created_at) VALUES (?, ?, ?, ?, ?)",
			id, g.Week, g.Text, g.Target, tx.now); err != nil {
			return err
		}
		return tx.audit(clientAudit(kinship.ActionGoalCreate, id, "goal "+strconv.FormatInt(g.ID, 10)))
	})
	if err != nil {
		return nil, err
	}
	return g, nil
}

// GoalDone counts one of the signed-in client's goals done once more, or
// once less with undo; a goal to do once toggles.
func (s *Store) GoalDone(ctx context.Context, goalID int64, undo bool) (*kinship.Goal, error) {
	var g *kinship.Goal
	err := s.changeGoal(ctx, goalID, kinship.ActionGoalUpdate, func(tx *Tx, goal *kinship.Goal) error {
		g = goal
		switch {
		case undo:
			g.Done = max(g.Done-1, 0)
		case g.Target == 1:
			g.Done = 1 - min(g.Done, 1)
		default:
			g.Done = min(g.Done+1, g.Target)
		}
		_, err := tx.exec("UPDATE goals SET done = ? WHERE id = ?", g.Done, g.ID)
		return err
	})
	return g, err
}

// RemoveGoal deletes one of the signed-in client's goals.
func (s *Store) RemoveGoal(ctx context.Context, goalID int64) error {
	return s.changeGoal(ctx, goalID, kinship.ActionGoalDelete, func(tx *Tx, g *kinship.Goal) error {
		_, err := tx.exec("DELETE FROM goals WHERE id = ?", g.ID)
		return err
	})
}

// changeGoal runs change on one of the signed-in client's goals of a week
// they may still change, and audits it as action. Another client's goal
// is not found.
func (s *Store) changeGoal(ctx context.Context, goalID int64, action string, change func(*Tx, *kinship.Goal) error) error {
	id, err := kinship.PortalClient(ctx)
	if err != nil {
		return err
	}
	this, last := s.goalWeeks(ctx)
	return s.update(ctx, func(tx *Tx) error {
		g, err := scanGoal(tx.queryRow("SELECT "+goalColumns+" FROM goals WHERE id = ? AND client_id = ?", goalID, id))
		if err != nil {
			return notFound(err, "The goal")
		}
		if g.Week != this && g.Week != last {
			return kinship.Errorf(kinship.ECONFLICT, "That week is over, so its goals stay as they were.")
		}
		if err := change(tx, g); err != nil {
			return err
		}
		return tx.audit(clientAudit(action, id, "goal "+strconv.FormatInt(g.ID, 10)))
	})
}

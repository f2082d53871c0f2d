package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"kinship"
)

// Milestone is the client's recovery date and milestones as of today.
func (s *Store) Milestone(ctx context.Context) (*kinship.MilestoneStatus, error) {
	id, err := kinship.PortalClient(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, id, kinship.ActionMilestoneRead); err != nil {
		return nil, err
	}
	var start string
	var hidden bool
	err = s.queryRow(ctx, "SELECT start_on, hidden FROM recovery_starts WHERE client_id = ?", id).Scan(&start, &hidden)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	on, _ := kinship.ParseDate(start) // '' until the client sets it
	st := kinship.Milestones(on, s.today(ctx))
	st.Hidden = hidden
	return &st, nil
}

// SetRecoveryStart sets or resets the client's recovery date. It tells
// no one unless the client asks, and then only their primary counselor.
func (s *Store) SetRecoveryStart(ctx context.Context, start kinship.Date, tellCounselor bool) (bool, error) {
	id, err := kinship.PortalClient(ctx)
	if err != nil {
		return false, err
	}
	if err := kinship.ValidateRecoveryStart(start, s.today(ctx)); err != nil {
		return false, err
	}
	told := false
	err = s.update(ctx, func(tx *Tx) error {
		var before string
		if err := tx.queryRow("SELECT COALESCE(MAX(start_on), '') FROM recovery_starts WHERE client_id = ?", id).Scan(&before); err != nil {
			return err
		}
		if err := tx.setRecovery(id, "start_on", start.String()); err != nil {
			return err
		}
		detail := "recovery date set"
		if tellCounselor {
			var counselor int64
			var name string
			if err := tx.queryRow(`SELECT COALESCE((SELECT MAX(primary_counselor_id) FROM episodes WHERE client_id = c.id AND discharged_on = ''), 0),
				c.name_to_use FROM clients c WHERE c.id = ?`, id).Scan(&counselor, &name); err != nil {
				return err
			}
			if told = counselor != 0; told {
				verb := "reset"
				if before == "" {
					verb = "set"
				}
				msg := fmt.Sprintf("%s %s their recovery date and asked you to know.", name, verb)
				if err := tx.raiseAlert(kinship.AlertMilestoneReset, id, recipients{staff: counselor}, msg); err != nil {
					return err
				}
				detail += "; counselor told"
			}
		}
		return tx.audit(clientAudit(kinship.ActionMilestoneSet, id, detail))
	})
	return told, err
}

// SetMilestonesHidden hides or shows the client's counter.
func (s *Store) SetMilestonesHidden(ctx context.Context, hidden bool) error {
	id, err := kinship.PortalClient(ctx)
	if err != nil {
		return err
	}
	return s.update(ctx, func(tx *Tx) error {
		if err := tx.setRecovery(id, "hidden", hidden); err != nil {
			return err
		}
		return tx.audit(clientAudit(kinship.ActionMilestoneVisibility, id, fmt.Sprintf("hidden %t", hidden)))
	})
}

// setRecovery sets one column of the client's recovery row, creating the
// row the first time.
func (tx *Tx) setRecovery(clientID int64, column string, value any) error {
	var n int
	if err := tx.queryRow("SELECT COUNT(*) FROM recovery_starts WHERE client_id = ?", clientID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		if _, err := tx.exec("INSERT INTO recovery_starts (client_id, updated_at) VALUES (?, ?)", clientID, tx.now); err != nil {
			return err
		}
	}
	_, err := tx.exec("UPDATE recovery_starts SET "+column+" = ?, updated_at = ? WHERE client_id = ?", value, tx.now, clientID)
	return err
}

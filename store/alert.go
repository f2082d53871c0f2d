package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"kinship"
)

// raiseAlert adds an alert for a staff member or a role.
func (tx *Tx) raiseAlert(kind string, clientID, forStaffID int64, forRole kinship.Role, message string) error {
	var client, staff any
	if clientID != 0 {
		client = clientID
	}
	if forStaffID != 0 {
		staff = forStaffID
	}
	_, err := tx.exec(`INSERT INTO alerts (kind, client_id, for_staff_id, for_role, message, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		kind, client, staff, forRole, message, tx.now)
	return err
}

// OpenAlerts lists the actor's unacknowledged alerts, newest first.
func (s *Store) OpenAlerts(ctx context.Context) ([]*kinship.Alert, error) {
	a := kinship.ActorFrom(ctx)
	if err := kinship.Authorize(ctx, kinship.PermSignedIn); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT a.id, a.kind, COALESCE(a.client_id, 0), COALESCE(c.name_to_use, ''), COALESCE(a.for_staff_id, 0),
		a.for_role, a.message, a.created_at FROM alerts a LEFT JOIN clients c ON c.id = a.client_id
		WHERE a.acknowledged_at IS NULL AND (a.for_staff_id = ? OR a.for_role = ?) ORDER BY a.id DESC`, a.StaffID, a.Role)
	alerts, err := collect(rows, err, func(r rowScanner) (*kinship.Alert, error) {
		al := &kinship.Alert{}
		err := r.Scan(&al.ID, &al.Kind, &al.ClientID, &al.Client, &al.ForStaffID, &al.ForRole, &al.Message, scanTime(&al.CreatedAt))
		return al, err
	})
	if err != nil || len(alerts) == 0 {
		return alerts, err
	}
	// Alerts name clients, so showing them is a read of client data.
	return alerts, s.Audit(ctx, kinship.AuditRecord{Action: kinship.ActionAlertView, ResourceType: "alert", Detail: fmt.Sprintf("%d open", len(alerts))})
}

// AcknowledgeAlert closes one of the actor's alerts with a note.
func (s *Store) AcknowledgeAlert(ctx context.Context, id int64, note string) error {
	a := kinship.ActorFrom(ctx)
	if err := kinship.Authorize(ctx, kinship.PermSignedIn); err != nil {
		return err
	}
	if note = strings.TrimSpace(note); note == "" {
		return invalidField("note", "Write what you did about it.")
	}
	return s.update(ctx, func(tx *Tx) error {
		res, err := tx.exec(`UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ?, note = ?
			WHERE id = ? AND acknowledged_at IS NULL AND (for_staff_id = ? OR for_role = ?)`, tx.now, a.StaffID, note, id, a.StaffID, a.Role)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return kinship.Errorf(kinship.ENOTFOUND, "That alert is not open for you.")
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionAlertAcknowledge, ResourceType: "alert", ResourceID: strconv.FormatInt(id, 10)})
	})
}

// BreakGlass opens a client's chart to the actor for an hour, audits it
// specially and alerts the admins.
func (s *Store) BreakGlass(ctx context.Context, clientID int64, reason string) (time.Time, error) {
	if err := kinship.Authorize(ctx, kinship.PermBreakGlass); err != nil {
		return time.Time{}, err
	}
	reason, err := kinship.BreakGlassReason(reason)
	if err != nil {
		return time.Time{}, err
	}
	a := kinship.ActorFrom(ctx)
	switch err := s.openChart(ctx, clientID, kinship.ActionClientRead); {
	case err == nil:
		return time.Time{}, kinship.Errorf(kinship.ECONFLICT, "You can already open this chart; emergency access is not needed.")
	case err != kinship.ErrNotOnCaseload:
		return time.Time{}, err
	}
	var expires time.Time
	err = s.update(ctx, func(tx *Tx) error {
		var name string
		if err := tx.queryRow("SELECT name_to_use FROM clients WHERE id = ?", clientID).Scan(&name); err != nil {
			return notFound(err, "The client")
		}
		expires = tx.now.Add(kinship.BreakGlassMinutes * time.Minute)
		if _, err := tx.exec("INSERT INTO break_glass (staff_id, client_id, reason, started_at, expires_at) VALUES (?, ?, ?, ?, ?)",
			a.StaffID, clientID, reason, tx.now, expires); err != nil {
			return err
		}
		msg := fmt.Sprintf("%s opened %s's chart with emergency access. Reason given: %s", a.Name, name, reason)
		if err := tx.raiseAlert(kinship.AlertBreakGlass, clientID, 0, kinship.RoleAdmin, msg); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionBreakGlass, ResourceType: "client", ResourceID: strconv.FormatInt(clientID, 10),
			Detail: fmt.Sprintf("emergency access for %d minutes; reason recorded", kinship.BreakGlassMinutes)})
	})
	return expires, err
}

// EmergencyAccess returns when the actor's open emergency access to the
// client's chart ends, or the zero time.
func (s *Store) EmergencyAccess(ctx context.Context, clientID int64) (time.Time, error) {
	var until time.Time
	err := s.queryRow(ctx, "SELECT expires_at FROM break_glass WHERE staff_id = ? AND client_id = ? AND expires_at > ? ORDER BY expires_at DESC LIMIT 1",
		kinship.ActorFrom(ctx).StaffID, clientID, s.now()).Scan(scanTime(&until))
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	return until, err
}

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
)

// recipients says who an alert is for: a staff member, a second one (the
// person on call), or everyone in a role.
type recipients struct {
	staff, also int64
	role        kinship.Role
}

// raiseAlert adds an alert.
func (tx *Tx) raiseAlert(kind string, clientID int64, to recipients, message string) error {
	_, err := tx.addAlert(kind, clientID, to, message)
	return err
}

// addAlert adds an alert and returns its id.
func (tx *Tx) addAlert(kind string, clientID int64, to recipients, message string) (int64, error) {
	id, err := tx.insert(`INSERT INTO alerts (kind, client_id, for_staff_id, also_staff_id, for_role, message, escalates, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, kind, nullID(clientID), nullID(to.staff), nullID(to.also), to.role, message,
		(&kinship.Alert{Kind: kind}).Safety(), tx.now)
	if err != nil {
		return 0, err
	}
	return id, tx.audit(kinship.AuditRecord{Action: kinship.ActionAlertRaise, ResourceType: "alert", ResourceID: strconv.FormatInt(id, 10),
		Detail: fmt.Sprintf("%s for client %d", kind, clientID)})
}

// raiseSafetyAlert tells the client's primary counselor and the person on
// call, or the supervisors when there is neither; it returns the alert's id.
func (tx *Tx) raiseSafetyAlert(kind string, clientID int64, message string) (int64, error) {
	var to recipients
	if err := tx.queryRow(`SELECT COALESCE(MAX(primary_counselor_id), 0) FROM episodes WHERE client_id = ? AND discharged_on = ''`,
		clientID).Scan(&to.staff); err != nil {
		return 0, err
	}
	if err := tx.queryRow("SELECT COALESCE(on_call_staff_id, 0) FROM organizations ORDER BY id LIMIT 1").Scan(&to.also); err != nil {
		return 0, err
	}
	if to.also == to.staff {
		to.also = 0
	}
	if to.staff == 0 && to.also == 0 {
		to.role = kinship.RoleSupervisor
	}
	return tx.addAlert(kind, clientID, to, message)
}

// alertColumns and scanAlert read an alert joined with its client.
const alertColumns = `a.id, a.kind, COALESCE(a.client_id, 0), COALESCE(c.name_to_use, ''), COALESCE(a.for_staff_id, 0),
	COALESCE(a.also_staff_id, 0), a.for_role, a.message, a.escalates, a.created_at, a.cancelled_at`

func scanAlert(r rowScanner) (*kinship.Alert, error) {
	al := &kinship.Alert{}
	err := r.Scan(&al.ID, &al.Kind, &al.ClientID, &al.Client, &al.ForStaffID, &al.AlsoStaffID, &al.ForRole, &al.Message,
		&al.Escalated, scanTime(&al.CreatedAt), scanTime(&al.CancelledAt))
	return al, err
}

// escalationCutoff is the creation time before which an open safety alert
// is shown to supervisors too.
func (s *Store) escalationCutoff(ctx context.Context) (time.Time, error) {
	set, err := s.SafetySettings(kinship.SystemContext(ctx))
	return s.now().Add(-time.Duration(set.EscalationMinutes) * time.Minute), err
}

// openFor is the condition for alerts open to the actor: addressed to them
// or their role, or escalated to supervisors.
const openFor = `a.acknowledged_at IS NULL AND (a.for_staff_id = ? OR a.also_staff_id = ? OR a.for_role = ?
	OR (a.escalates AND a.created_at <= ? AND ? = 'supervisor'))`

// OpenAlerts lists the actor's unacknowledged alerts, newest first.
func (s *Store) OpenAlerts(ctx context.Context) ([]*kinship.Alert, error) {
	a := kinship.ActorFrom(ctx)
	if err := kinship.Authorize(ctx, kinship.PermSignedIn); err != nil {
		return nil, err
	}
	cutoff, err := s.escalationCutoff(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT `+alertColumns+` FROM alerts a LEFT JOIN clients c ON c.id = a.client_id
		WHERE `+openFor+` ORDER BY a.escalates DESC, a.id DESC`, a.StaffID, a.StaffID, a.Role, cutoff, a.Role)
	alerts, err := collect(rows, err, scanAlert)
	if err != nil || len(alerts) == 0 {
		return alerts, err
	}
	markEscalated(alerts, cutoff)
	// Alerts name clients, so showing them is a read of client data.
	return alerts, s.Audit(ctx, kinship.AuditRecord{Action: kinship.ActionAlertView, ResourceType: "alert", Detail: fmt.Sprintf("%d open", len(alerts))})
}

// markEscalated sets Escalated on safety alerts older than the cutoff (the
// column says only that an alert can escalate).
func markEscalated(alerts []*kinship.Alert, cutoff time.Time) {
	for _, al := range alerts {
		al.Escalated = al.Escalated && !al.CreatedAt.After(cutoff)
	}
}

// ClientAlerts lists a client's open alerts for the top of their chart.
func (s *Store) ClientAlerts(ctx context.Context, clientID int64) ([]*kinship.Alert, error) {
	if err := s.openChart(ctx, clientID, kinship.ActionClientRead); err != nil {
		return nil, err
	}
	cutoff, err := s.escalationCutoff(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT `+alertColumns+` FROM alerts a LEFT JOIN clients c ON c.id = a.client_id
		WHERE a.client_id = ? AND a.acknowledged_at IS NULL AND a.kind <> ? ORDER BY a.id DESC`, clientID, kinship.AlertBreakGlass)
	alerts, err := collect(rows, err, scanAlert)
	markEscalated(alerts, cutoff)
	return alerts, err
}

// AcknowledgeAlert closes one of the actor's alerts with a note.
func (s *Store) AcknowledgeAlert(ctx context.Context, id int64, action, note string) error {
	a := kinship.ActorFrom(ctx)
	if err := kinship.Authorize(ctx, kinship.PermSignedIn); err != nil {
		return err
	}
	cutoff, err := s.escalationCutoff(ctx)
	if err != nil {
		return err
	}
	return s.update(ctx, func(tx *Tx) error {
		al, err := scanAlert(tx.queryRow(`SELECT `+alertColumns+` FROM alerts a LEFT JOIN clients c ON c.id = a.client_id
			WHERE a.id = ? AND `+openFor, id, a.StaffID, a.StaffID, a.Role, cutoff, a.Role))
		if errors.Is(err, sql.ErrNoRows) {
			return kinship.Errorf(kinship.ENOTFOUND, "That alert is not open for you.")
		}
		if err != nil {
			return err
		}
		f := kinship.FieldErrors{}
		if al.Safety() && !slices.Contains(kinship.SafetyActions, action) {
			f.Add("action", "Choose what you did: made a safety plan, referred, or contacted them.")
		}
		if note = strings.TrimSpace(note); note == "" {
			f.Add("note", "Write what you did about it.")
		}
		if err := f.Err(); err != nil {
			return err
		}
		if !al.Safety() {
			action = ""
		}
		if _, err := tx.exec(`UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ?, action = ?, note = ? WHERE id = ?`,
			tx.now, a.StaffID, action, note, id); err != nil {
			return err
		}
		detail := al.Kind
		if action != "" {
			detail += "; " + action
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionAlertAcknowledge, ResourceType: "alert", ResourceID: strconv.FormatInt(id, 10), Detail: detail})
	})
}

// SafetySettings returns who is on call and when alerts escalate.
func (s *Store) SafetySettings(ctx context.Context) (kinship.SafetySettings, error) {
	var set kinship.SafetySettings
	if err := kinship.Authorize(ctx, kinship.PermSignedIn); err != nil {
		return set, err
	}
	err := s.queryRow(ctx, "SELECT COALESCE(on_call_staff_id, 0), alert_escalation_minutes FROM organizations ORDER BY id LIMIT 1").
		Scan(&set.OnCallStaffID, &set.EscalationMinutes)
	return set, notFound(err, "The organization")
}

// SetSafetySettings names the person on call and the escalation time.
func (s *Store) SetSafetySettings(ctx context.Context, set kinship.SafetySettings) error {
	if err := kinship.Authorize(ctx, kinship.PermOrgManage); err != nil {
		return err
	}
	if err := set.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *Tx) error {
		if set.OnCallStaffID != 0 {
			var role kinship.Role
			var active bool
			err := tx.queryRow("SELECT role, active FROM staff WHERE id = ?", set.OnCallStaffID).Scan(&role, &active)
			if errors.Is(err, sql.ErrNoRows) || !active || !slices.Contains(kinship.CounselorRoles, role) {
				return invalidField("on_call_staff_id", "Choose an active clinician or supervisor to be on call.")
			}
			if err != nil {
				return err
			}
		}
		if _, err := tx.exec("UPDATE organizations SET on_call_staff_id = ?, alert_escalation_minutes = ?",
			nullID(set.OnCallStaffID), set.EscalationMinutes); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionSafetySettings, ResourceType: "organization",
			Detail: fmt.Sprintf("on call %d; escalate after %d min", set.OnCallStaffID, set.EscalationMinutes)})
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
		if err := tx.raiseAlert(kinship.AlertBreakGlass, clientID, recipients{role: kinship.RoleAdmin}, msg); err != nil {
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

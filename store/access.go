package store

import (
	"context"
	"strconv"
	"time"

	"kinship"
)

// clientStatusSQL derives a client's status from their episodes.
const clientStatusSQL = `CASE
	WHEN EXISTS (SELECT 1 FROM episodes e WHERE e.client_id = c.id AND e.discharged_on = '') THEN 'active'
	WHEN EXISTS (SELECT 1 FROM episodes e WHERE e.client_id = c.id) THEN 'discharged'
	ELSE 'registered' END`

// onCaseload is the caseload rule, as a condition on the client id in col
// with its arguments: a caseload-limited actor's caseload is the clients
// whose latest episode has them as primary counselor (so they can
// readmit), and for clinicians also the clients still in intake; everyone
// else's is every client. openChart and every list that names clients
// read through it, so no list names a client whose chart would refuse.
func onCaseload(ctx context.Context, col string) (string, []any) {
	a := kinship.ActorFrom(ctx)
	if a.System || !a.Role.CaseloadLimited() {
		return "1 = 1", nil
	}
	return `(` + col + ` IN (SELECT e.client_id FROM episodes e WHERE e.primary_counselor_id = ? AND NOT EXISTS (
		SELECT 1 FROM episodes l WHERE l.client_id = e.client_id AND (l.admitted_on > e.admitted_on OR (l.admitted_on = e.admitted_on AND l.id > e.id))))
		OR (? AND NOT EXISTS (SELECT 1 FROM episodes n WHERE n.client_id = ` + col + `)))`, []any{a.StaffID, a.Role == kinship.RoleClinician}
}

// openChart checks that the actor may see the client's chart, and audits
// the access as action: a chart on their caseload (see onCaseload), one
// an alert sent to them by name is about, or one they opened with
// emergency access that has not expired, audited as emergency access. A
// client sees only their own.
func (s *Store) openChart(ctx context.Context, clientID int64, action string) error {
	// A client in their portal opens their own record and no other.
	if a := kinship.ActorFrom(ctx); a.Role == kinship.RoleClient {
		if a.ClientID != clientID || clientID == 0 {
			return kinship.Errorf(kinship.ENOTFOUND, "That was not found.")
		}
		return s.Audit(ctx, kinship.AuditRecord{Action: action, ResourceType: "client", ResourceID: strconv.FormatInt(clientID, 10), Detail: "own record"})
	}
	if err := kinship.Authorize(ctx, kinship.PermClientRead); err != nil {
		return err
	}
	var exists int
	if err := s.queryRow(ctx, "SELECT COUNT(*) FROM clients WHERE id = ?", clientID).Scan(&exists); err != nil {
		return err
	}
	if exists == 0 {
		return kinship.Errorf(kinship.ENOTFOUND, "The client was not found.")
	}
	a := kinship.ActorFrom(ctx)
	if !a.System && a.Role.CaseloadLimited() {
		var caseload, alerted, glass int
		mine, args := onCaseload(ctx, "c.id")
		// An alert about a client sent to this member by name (the person
		// on call) opens the chart while it is open, and for as long as
		// emergency access would after it is acknowledged.
		since := s.now().Add(-kinship.BreakGlassMinutes * time.Minute)
		err := s.queryRow(ctx, `SELECT (SELECT COUNT(*) FROM clients c WHERE c.id = ? AND `+mine+`),
			(SELECT COUNT(*) FROM alerts WHERE client_id = ? AND (for_staff_id = ? OR also_staff_id = ?) AND (acknowledged_at IS NULL OR acknowledged_at > ?)),
			(SELECT COUNT(*) FROM break_glass WHERE client_id = ? AND staff_id = ? AND expires_at > ?)`,
			append(append([]any{clientID}, args...), clientID, a.StaffID, a.StaffID, since, clientID, a.StaffID, s.now())...).Scan(&caseload, &alerted, &glass)
		if err != nil {
			return err
		}
		if caseload == 0 && alerted > 0 {
			return s.Audit(ctx, kinship.AuditRecord{Action: action, ResourceType: "client", ResourceID: strconv.FormatInt(clientID, 10),
				Detail: "alert recipient"})
		}
		if caseload == 0 && glass > 0 {
			return s.Audit(ctx, kinship.AuditRecord{Action: action, ResourceType: "client", ResourceID: strconv.FormatInt(clientID, 10),
				Detail: "emergency access"})
		}
		if caseload == 0 {
			_ = s.Audit(ctx, kinship.AuditRecord{Action: action, ResourceType: "client", ResourceID: strconv.FormatInt(clientID, 10),
				Outcome: kinship.OutcomeDenied, Detail: "not on caseload"})
			return kinship.ErrNotOnCaseload
		}
	}
	return s.Audit(ctx, kinship.AuditRecord{Action: action, ResourceType: "client", ResourceID: strconv.FormatInt(clientID, 10)})
}

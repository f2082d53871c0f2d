package store

import (
	"context"
	"strconv"

	"kinship"
)

// clientStatusSQL derives a client's status from their episodes.
const clientStatusSQL = `CASE
	WHEN EXISTS (SELECT 1 FROM episodes e WHERE e.client_id = c.id AND e.discharged_on = '') THEN 'active'
	WHEN EXISTS (SELECT 1 FROM episodes e WHERE e.client_id = c.id) THEN 'discharged'
	ELSE 'registered' END`

// openChart checks that the actor may see the client's chart, and audits
// the access as action. Caseload-limited roles see the clients they are
// primary counselor for, clients still in intake, and clients they have
// opened with break-glass access that has not expired.
func (s *Store) openChart(ctx context.Context, clientID int64, action string) error {
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
		var reachable int
		err := s.queryRow(ctx, `SELECT
			(SELECT COUNT(*) FROM episodes WHERE client_id = ? AND discharged_on = '' AND primary_counselor_id = ?) +
			(SELECT CASE WHEN EXISTS (SELECT 1 FROM episodes WHERE client_id = ?) THEN 0 ELSE 1 END) +
			(SELECT COUNT(*) FROM break_glass WHERE client_id = ? AND staff_id = ? AND expires_at > ?)`,
			clientID, a.StaffID, clientID, clientID, a.StaffID, s.now()).Scan(&reachable)
		if err != nil {
			return err
		}
		if reachable == 0 {
			_ = s.Audit(ctx, kinship.AuditRecord{Action: action, ResourceType: "client", ResourceID: strconv.FormatInt(clientID, 10),
				Outcome: kinship.OutcomeDenied, Detail: "not on caseload"})
			return kinship.ErrNotOnCaseload
		}
	}
	return s.Audit(ctx, kinship.AuditRecord{Action: action, ResourceType: "client", ResourceID: strconv.FormatInt(clientID, 10)})
}

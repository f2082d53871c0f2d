package store

import (
	"context"
	"encoding/json"
	"strconv"

	"kinship"
)

// MyPlan returns a version of the signed-in client's plan, 0 for the latest.
func (s *Store) MyPlan(ctx context.Context, version int) (*kinship.RecoveryPlan, error) {
	id, err := kinship.PortalClient(ctx)
	if err != nil {
		return nil, err
	}
	p, err := s.plan(ctx, id, version)
	if err != nil {
		return nil, err
	}
	return p, s.Audit(ctx, clientAudit(kinship.ActionPlanRead, id, "version "+strconv.Itoa(p.Version)))
}

// ClientPlan returns a version of a client's plan for staff.
func (s *Store) ClientPlan(ctx context.Context, clientID int64, version int) (*kinship.RecoveryPlan, error) {
	if err := kinship.Authorize(ctx, kinship.PermClinicalRead); err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionPlanRead); err != nil {
		return nil, err
	}
	return s.plan(ctx, clientID, version)
}

// PlanTriggers lists the triggers of the signed-in client's latest plan.
func (s *Store) PlanTriggers(ctx context.Context) ([]string, error) {
	id, err := kinship.PortalClient(ctx)
	if err != nil {
		return nil, err
	}
	p, err := s.plan(ctx, id, 0)
	if kinship.ErrorCode(err) == kinship.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return p.Triggers(), s.Audit(ctx, clientAudit(kinship.ActionPlanRead, id, "triggers"))
}

// SaveMyPlan saves the signed-in client's plan as its next version.
func (s *Store) SaveMyPlan(ctx context.Context, in kinship.PlanInput) (*kinship.RecoveryPlan, error) {
	id, err := kinship.PortalClient(ctx)
	if err != nil {
		return nil, err
	}
	return s.savePlan(ctx, id, in)
}

// SaveClientPlan saves a client's plan, as their counselor.
func (s *Store) SaveClientPlan(ctx context.Context, clientID int64, in kinship.PlanInput) (*kinship.RecoveryPlan, error) {
	if err := kinship.Authorize(ctx, kinship.PermEpisodeManage); err != nil {
		return nil, err
	}
	if err := kinship.Authorize(ctx, kinship.PermClinicalRead); err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionClientRead); err != nil {
		return nil, err
	}
	return s.savePlan(ctx, clientID, in)
}

// savePlan adds the next version of a client's plan, refusing to save over
// a version the editor has not seen.
func (s *Store) savePlan(ctx context.Context, clientID int64, in kinship.PlanInput) (*kinship.RecoveryPlan, error) {
	in.Clean()
	if err := in.Validate(); err != nil {
		return nil, err
	}
	content, err := json.Marshal(in.PlanContent)
	if err != nil {
		return nil, err
	}
	a := kinship.ActorFrom(ctx)
	var version int
	err = s.update(ctx, func(tx *Tx) error {
		if err := tx.queryRow("SELECT COALESCE(MAX(version), 0) FROM recovery_plans WHERE client_id = ?", clientID).Scan(&version); err != nil {
			return err
		}
		if version != in.BaseVersion {
			return errPlanChanged
		}
		version++
		_, err := tx.exec("INSERT INTO recovery_plans (client_id, version, content, by_client, saved_by, saved_at) VALUES (?, ?, ?, ?, ?, ?)",
			clientID, version, string(content), a.Role == kinship.RoleClient, nullID(a.StaffID), tx.now)
		if tx.dialect.isUnique(err) {
			return errPlanChanged // saved at the same moment by someone else
		}
		if err != nil {
			return err
		}
		return tx.audit(clientAudit(kinship.ActionPlanSave, clientID, "version "+strconv.Itoa(version)))
	})
	if err != nil {
		return nil, err
	}
	return s.plan(ctx, clientID, version)
}

var errPlanChanged = kinship.Errorf(kinship.ECONFLICT,
	"Someone else saved the plan since you opened it. Look at the latest version, then save yours again.")

// plan reads a version of a client's plan (0: the latest) with the list of
// versions; the caller has checked access and audits.
func (s *Store) plan(ctx context.Context, clientID int64, version int) (*kinship.RecoveryPlan, error) {
	rows, err := s.query(ctx, `SELECT p.version, p.by_client, COALESCE(st.name, ''), p.saved_at FROM recovery_plans p
		LEFT JOIN staff st ON st.id = p.saved_by WHERE p.client_id = ? ORDER BY p.version DESC`, clientID)
	history, err := collect(rows, err, func(r rowScanner) (kinship.PlanVersion, error) {
		var v kinship.PlanVersion
		return v, r.Scan(&v.Version, &v.ByClient, &v.SavedBy, scanTime(&v.SavedAt))
	})
	if err != nil {
		return nil, err
	}
	if len(history) == 0 {
		return nil, kinship.Errorf(kinship.ENOTFOUND, "There is no plan yet.")
	}
	if version == 0 {
		version = history[0].Version
	}
	p := &kinship.RecoveryPlan{ClientID: clientID, History: history}
	for _, v := range history {
		if v.Version == version {
			p.PlanVersion = v
		}
	}
	var content string
	err = s.queryRow(ctx, "SELECT content FROM recovery_plans WHERE client_id = ? AND version = ?", clientID, version).Scan(&content)
	if err != nil {
		return nil, notFound(err, "That version of the plan")
	}
	return p, json.Unmarshal([]byte(content), &p.PlanContent)
}

package store

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"kinship"
)

// SignTreatmentPlan signs a draft as its clinician and/or records the
// client's signature, given in person, of the version in force.
func (s *Store) SignTreatmentPlan(ctx context.Context, clientID int64, in kinship.PlanSigning) (*kinship.TreatmentPlan, error) {
	if err := s.openPlanChart(ctx, clientID, kinship.PermEpisodeManage); err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	today := s.today(ctx)
	if in.On.IsZero() {
		in.On = today
	}
	ep, err := s.openEpisode(ctx, clientID)
	if err != nil {
		return nil, err
	}
	p, err := s.loadPlan(ctx, planVersionIs, clientID, in.Version)
	if err != nil {
		return nil, err
	}
	if p.EpisodeID != ep.ID {
		return nil, kinship.Errorf(kinship.ECONFLICT, "That version belongs to an episode of care that has ended.")
	}
	f := kinship.FieldErrors{}
	switch {
	case today.Before(in.On):
		f.Add("signed_on", "The date signed cannot be in the future.")
	case in.On.Before(ep.AdmittedOn):
		f.Add("signed_on", "The date signed is before the admission date.")
	}
	if in.Name != "" {
		if !p.Draft() {
			return nil, errPlanLocked(p.Version)
		}
		if err := p.ReadyToSign(); err != nil {
			return nil, err
		}
		if last := lastSigned(p); !last.IsZero() && in.On.Before(last) {
			f.Add("signed_on", "The date signed is before the last version was signed ("+last.Label()+").")
		}
	}
	if in.ClientName != "" {
		if err := s.checkClientSignature(ctx, p, in.ClientName, in.Name != ""); err != nil {
			return nil, err
		}
		if in.Name == "" && in.On.Before(p.Clinician.On) {
			f.Add("signed_on", "The client's signature cannot be dated before the clinician's.")
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	a := kinship.ActorFrom(ctx)
	err = s.update(ctx, func(tx *Tx) error {
		if in.Name != "" {
			// Sign what the clinician read: a save since then means read again.
			var savedAt, signedAt time.Time
			if err := tx.queryRow("SELECT saved_at, signed_at FROM treatment_plans WHERE id = ?", p.ID).Scan(scanTime(&savedAt), scanTime(&signedAt)); err != nil {
				return err
			}
			if !signedAt.IsZero() || !savedAt.Equal(p.SavedAt) {
				return kinship.Errorf(kinship.ECONFLICT, "The draft changed while you were reading it. Read it again, then sign.")
			}
			if _, err := tx.exec("UPDATE treatment_plans SET signed_by = ?, signed_name = ?, signed_on = ?, signed_at = ? WHERE id = ?",
				nullID(a.StaffID), in.Name, in.On.String(), tx.now, p.ID); err != nil {
				return err
			}
			if err := tx.audit(planAudit(kinship.ActionTreatmentPlanSign, p, "")); err != nil {
				return err
			}
		}
		if in.ClientName == "" {
			return nil
		}
		return tx.clientSigns(p, in.ClientName, in.On, kinship.SignedInPerson, a.StaffID)
	})
	if err != nil {
		return nil, err
	}
	return s.loadPlan(ctx, "t.id = ?", p.ID)
}

// lastSigned is the date the latest signed version before p was signed.
func lastSigned(p *kinship.TreatmentPlan) kinship.Date {
	for _, v := range p.Versions {
		if v.Version < p.Version && v.SignedBy != "" {
			return v.SignedOn
		}
	}
	return kinship.Date{}
}

// checkClientSignature checks that the client may sign p with their typed
// name: p is the signed version in force (or is being signed now, when
// withClinician) and they have not signed it yet.
func (s *Store) checkClientSignature(ctx context.Context, p *kinship.TreatmentPlan, typed string, withClinician bool) error {
	switch {
	case p.Client != nil:
		return kinship.Errorf(kinship.ECONFLICT, "The client has signed version %d already.", p.Version)
	case p.Draft() && !withClinician:
		return kinship.Errorf(kinship.ECONFLICT, "The clinician signs a version before the client does.")
	case slices.ContainsFunc(p.Versions, func(v kinship.PlanVersionSummary) bool { return v.Version > p.Version && v.SignedBy != "" }):
		return kinship.Errorf(kinship.ECONFLICT, "A newer version has been signed; the client signs that one.")
	}
	var name string
	if err := s.queryRow(ctx, "SELECT name_to_use FROM clients WHERE id = ?", p.ClientID).Scan(&name); err != nil {
		return err
	}
	field := "client_name"
	if kinship.ActorFrom(ctx).Role == kinship.RoleClient {
		field = "name"
	}
	if !kinship.SignatureMatches(typed, name) {
		return invalidField(field, "Type the name the client uses with us, as it shows on the plan.")
	}
	return nil
}

// clientSigns records the client's signature of p, once.
func (tx *Tx) clientSigns(p *kinship.TreatmentPlan, typed string, on kinship.Date, via string, witness int64) error {
	res, err := tx.exec(`UPDATE treatment_plans SET client_signed_name = ?, client_signed_on = ?, client_signed_via = ?, client_signed_at = ?,
		client_witness_id = ? WHERE id = ? AND client_signed_at IS NULL`, typed, on.String(), via, tx.now, nullID(witness), p.ID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return kinship.Errorf(kinship.ECONFLICT, "This version has been signed by the client already.")
	}
	return tx.audit(planAudit(kinship.ActionTreatmentPlanClientSign, p, via))
}

// MyTreatmentPlan returns the portal client's signed version in force.
func (s *Store) MyTreatmentPlan(ctx context.Context) (*kinship.TreatmentPlan, error) {
	id, err := kinship.PortalClient(ctx)
	if err != nil {
		return nil, err
	}
	p, err := s.myPlan(ctx, planInForce, id, id)
	if err != nil {
		return nil, err
	}
	return p, s.Audit(ctx, clientAudit(kinship.ActionTreatmentPlanRead, id, "version "+strconv.Itoa(p.Version)))
}

// myPlan reads a signed version of the portal client's plan, listing
// signed versions only: drafts are the team's work in progress.
func (s *Store) myPlan(ctx context.Context, where string, args ...any) (*kinship.TreatmentPlan, error) {
	p, err := s.loadPlan(ctx, where, args...)
	if kinship.ErrorCode(err) == kinship.ENOTFOUND || err == nil && p.Draft() {
		return nil, kinship.Errorf(kinship.ENOTFOUND, "Your treatment plan is not ready to read yet.")
	}
	if err != nil {
		return nil, err
	}
	p.Versions = slices.DeleteFunc(p.Versions, func(v kinship.PlanVersionSummary) bool { return v.SignedBy == "" })
	return p, nil
}

// SignMyTreatmentPlan signs, as the portal client, their version in force.
func (s *Store) SignMyTreatmentPlan(ctx context.Context, planID int64, name string) (*kinship.TreatmentPlan, error) {
	id, err := kinship.PortalClient(ctx)
	if err != nil {
		return nil, err
	}
	p, err := s.myPlan(ctx, "t.id = ? AND t.client_id = ?", planID, id)
	if err != nil {
		return nil, err
	}
	name = strings.TrimSpace(name)
	if err := s.checkClientSignature(ctx, p, name, false); err != nil {
		return nil, err
	}
	today := s.today(ctx)
	err = s.update(ctx, func(tx *Tx) error {
		return tx.clientSigns(p, name, today, kinship.SignedInPortal, 0)
	})
	if err != nil {
		return nil, err
	}
	return s.myPlan(ctx, "t.id = ?", p.ID)
}

package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"kinship"
)

// planStatusSelect reads where each episode's plan stands: its signed
// version in force and any draft.
const planStatusSelect = `SELECT e.client_id, c.name_to_use, c.pronouns, st.name, e.admitted_on, e.discharged_on,
	COALESCE(t.version, 0), COALESCE(t.signed_name, ''), COALESCE(t.signed_on, ''), COALESCE(t.client_signed_on, ''),
	COALESCE(t.client_signed_via, ''),
	COALESCE((SELECT MAX(d.version) FROM treatment_plans d WHERE d.episode_id = e.id AND d.signed_at IS NULL), 0)
	FROM episodes e JOIN clients c ON c.id = e.client_id JOIN staff st ON st.id = e.primary_counselor_id
	LEFT JOIN treatment_plans t ON t.episode_id = e.id
		AND t.version = (SELECT MAX(x.version) FROM treatment_plans x WHERE x.episode_id = e.id AND x.signed_at IS NOT NULL)`

// scanPlanStatus reads a status whose review falls every days.
func scanPlanStatus(days int) func(rowScanner) (*kinship.PlanStatus, error) {
	return func(r rowScanner) (*kinship.PlanStatus, error) {
		st := &kinship.PlanStatus{}
		var admitted, discharged, signed, clientSigned string
		err := r.Scan(&st.ClientID, &st.Client, &st.Pronouns, &st.Counselor, &admitted, &discharged,
			&st.Version, &st.SignedBy, &signed, &clientSigned, &st.ClientSignedVia, &st.DraftVersion)
		st.SignedOn, _ = kinship.ParseDate(signed)
		st.ClientSignedOn, _ = kinship.ParseDate(clientSigned)
		if st.InCare = discharged == ""; st.InCare {
			from, _ := kinship.ParseDate(admitted)
			st.ReviewDue = cmp.Or(st.SignedOn, from).AddDays(days)
		}
		return st, err
	}
}

// PlanStatus says where the client's plan stands in their latest episode.
// A client never admitted has an empty status.
func (s *Store) PlanStatus(ctx context.Context, clientID int64) (*kinship.PlanStatus, error) {
	if err := s.openPlanChart(ctx, clientID, kinship.PermClinicalRead); err != nil {
		return nil, err
	}
	days, err := s.PlanReviewDays(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, planStatusSelect+" WHERE e.client_id = ? ORDER BY e.admitted_on DESC, e.id DESC LIMIT 1", clientID)
	list, err := collect(rows, err, scanPlanStatus(days))
	if err != nil || len(list) == 0 {
		return &kinship.PlanStatus{ClientID: clientID}, err
	}
	return list[0], nil
}

// PlanReviewsDue lists the open episodes whose plan review is due soon or
// overdue, soonest first: a clinician's own caseload, or everyone's.
func (s *Store) PlanReviewsDue(ctx context.Context) ([]*kinship.PlanStatus, error) {
	if err := kinship.Authorize(ctx, kinship.PermClinicalRead); err != nil {
		return nil, err
	}
	days, err := s.PlanReviewDays(ctx)
	if err != nil {
		return nil, err
	}
	mine, args := onCaseload(ctx, "e.client_id")
	rows, err := s.query(ctx, planStatusSelect+" WHERE e.discharged_on = '' AND "+mine, args...)
	list, err := collect(rows, err, scanPlanStatus(days))
	if err != nil {
		return nil, err
	}
	today := s.today(ctx)
	list = slices.DeleteFunc(list, func(st *kinship.PlanStatus) bool { return !st.DueSoon(today) })
	slices.SortFunc(list, func(a, b *kinship.PlanStatus) int {
		return cmp.Or(strings.Compare(a.ReviewDue.String(), b.ReviewDue.String()), strings.Compare(strings.ToLower(a.Client), strings.ToLower(b.Client)))
	})
	if len(list) == 0 {
		return list, nil
	}
	// The list names clients, so showing it is a read of client data.
	return list, s.Audit(ctx, kinship.AuditRecord{Action: kinship.ActionPlanReviewsRead, ResourceType: "treatment_plan",
		Detail: fmt.Sprintf("%d due", len(list))})
}

// PlanReviewDays is how many days pass between plan reviews.
func (s *Store) PlanReviewDays(ctx context.Context) (int, error) {
	if err := kinship.Authorize(ctx, kinship.PermSignedIn); err != nil {
		return 0, err
	}
	var days int
	err := s.queryRow(ctx, "SELECT plan_review_days FROM organizations ORDER BY id LIMIT 1").Scan(&days)
	return days, notFound(err, "The organization")
}

// SetPlanReviewDays sets the days between plan reviews.
func (s *Store) SetPlanReviewDays(ctx context.Context, days int) error {
	if err := kinship.Authorize(ctx, kinship.PermOrgManage); err != nil {
		return err
	}
	if days < kinship.MinPlanReviewDays || days > kinship.MaxPlanReviewDays {
		return invalidField("review_days", fmt.Sprintf("Reviews fall every %d to %d days.", kinship.MinPlanReviewDays, kinship.MaxPlanReviewDays))
	}
	return s.update(ctx, func(tx *Tx) error {
		if _, err := tx.exec("UPDATE organizations SET plan_review_days = ?", days); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionPlanReviewDays, ResourceType: "organization", Detail: fmt.Sprintf("every %d days", days)})
	})
}

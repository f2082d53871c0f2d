package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"kinship"
)

// ScreenPanel is the list of substances the program tests for.
func (s *Store) ScreenPanel(ctx context.Context) ([]string, error) {
	if err := kinship.Authorize(ctx, kinship.PermSignedIn); err != nil {
		return nil, err
	}
	var panel string
	err := s.queryRow(ctx, "SELECT screen_panel FROM organizations ORDER BY id LIMIT 1").Scan(&panel)
	return splitPanel(panel), notFound(err, "The organization")
}

func splitPanel(panel string) []string {
	var out []string
	for _, p := range strings.Split(panel, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// SetScreenPanel replaces the list of substances tested.
func (s *Store) SetScreenPanel(ctx context.Context, panel []string) error {
	if err := kinship.Authorize(ctx, kinship.PermOrgManage); err != nil {
		return err
	}
	var clean []string
	seen := map[string]bool{}
	for _, p := range panel {
		p = strings.ToLower(strings.TrimSpace(p))
		switch {
		case p == "":
			continue
		case strings.ContainsAny(p, ",\n"):
			return invalidField("panel", "Put each substance on its own line.")
		case len(p) > 40:
			return invalidField("panel", "Keep each substance's name under 40 characters.")
		case seen[p]:
			return invalidField("panel", fmt.Sprintf("“%s” is listed twice.", p))
		}
		seen[p] = true
		clean = append(clean, p)
	}
	if len(clean) == 0 {
		return invalidField("panel", "List at least one substance.")
	}
	return s.update(ctx, func(tx *Tx) error {
		if _, err := tx.exec("UPDATE organizations SET screen_panel = ?", strings.Join(clean, ",")); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionScreenPanel, ResourceType: "organization", Detail: strconv.Itoa(len(clean)) + " substances"})
	})
}

// RecordScreen stores a drug screen; a positive or invalid result asks the
// primary counselor to talk it through with the client.
func (s *Store) RecordScreen(ctx context.Context, in kinship.DrugScreenInput) (*kinship.DrugScreen, error) {
	if err := kinship.Authorize(ctx, kinship.PermMeasures); err != nil {
		return nil, err
	}
	panel, err := s.ScreenPanel(ctx)
	if err != nil {
		return nil, err
	}
	in.Note = strings.TrimSpace(in.Note)
	if err := in.Validate(panel, s.today(ctx)); err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, in.ClientID, kinship.ActionClientRead); err != nil {
		return nil, err
	}
	a := kinship.ActorFrom(ctx)
	d := &kinship.DrugScreen{ClientID: in.ClientID, CollectedOn: in.CollectedOn, Specimen: in.Specimen, Observed: in.Observed,
		Method: in.Method, Results: in.Results, Note: in.Note, RecordedBy: a.Name}
	err = s.update(ctx, func(tx *Tx) error {
		d.CreatedAt = tx.now
		if d.ID, err = tx.insert(`INSERT INTO drug_screens (client_id, collected_on, specimen, observed, method, note, recorded_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, d.ClientID, d.CollectedOn.String(), d.Specimen, d.Observed, d.Method, d.Note, nullID(a.StaffID), tx.now); err != nil {
			return err
		}
		for _, r := range d.Results {
			if _, err := tx.exec("INSERT INTO drug_screen_results (screen_id, substance, result) VALUES (?, ?, ?)", d.ID, r.Substance, r.Result); err != nil {
				return err
			}
		}
		if d.NeedsReview() {
			var name string
			var counselor int64
			if err := tx.queryRow(`SELECT c.name_to_use, COALESCE(MAX(e.primary_counselor_id), 0) FROM clients c
				LEFT JOIN episodes e ON e.client_id = c.id AND e.discharged_on = '' WHERE c.id = ? GROUP BY c.name_to_use`, d.ClientID).Scan(&name, &counselor); err != nil {
				return err
			}
			to := recipients{staff: counselor}
			if counselor == 0 {
				to.role = kinship.RoleSupervisor
			}
			msg := fmt.Sprintf("Talk through %s's drug screen of %s with them: %s.", name, d.CollectedOn.Label(), lowerFirst(d.Summary()))
			if err := tx.raiseAlert(kinship.AlertScreenReview, d.ClientID, to, msg); err != nil {
				return err
			}
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionScreenRecord, ResourceType: "client",
			ResourceID: strconv.FormatInt(d.ClientID, 10), Detail: "screen " + strconv.FormatInt(d.ID, 10)})
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// Screens lists a client's drug screens, newest first.
func (s *Store) Screens(ctx context.Context, clientID int64) ([]*kinship.DrugScreen, error) {
	if err := kinship.Authorize(ctx, kinship.PermClinicalRead); err != nil {
		return nil, err
	}
	if err := s.openChart(ctx, clientID, kinship.ActionScreenRead); err != nil {
		return nil, err
	}
	return s.screensOf(ctx, clientID)
}

// screensOf lists a client's drug screens, newest first, for callers that
// have checked access and audit.
func (s *Store) screensOf(ctx context.Context, clientID int64) ([]*kinship.DrugScreen, error) {
	rows, err := s.query(ctx, `SELECT d.id, d.collected_on, d.specimen, d.observed, d.method, d.note, COALESCE(st.name, ''), d.created_at
		FROM drug_screens d LEFT JOIN staff st ON st.id = d.recorded_by WHERE d.client_id = ? ORDER BY d.collected_on DESC, d.id DESC`, clientID)
	screens, err := collect(rows, err, func(r rowScanner) (*kinship.DrugScreen, error) {
		d := &kinship.DrugScreen{ClientID: clientID}
		var on string
		err := r.Scan(&d.ID, &on, &d.Specimen, &d.Observed, &d.Method, &d.Note, &d.RecordedBy, scanTime(&d.CreatedAt))
		d.CollectedOn, _ = kinship.ParseDate(on)
		return d, err
	})
	if err != nil || len(screens) == 0 {
		return screens, err
	}
	byID := map[int64]*kinship.DrugScreen{}
	for _, d := range screens {
		byID[d.ID] = d
	}
	rows, err = s.query(ctx, `SELECT r.screen_id, r.substance, r.result FROM drug_screen_results r
		JOIN drug_screens d ON d.id = r.screen_id WHERE d.client_id = ? ORDER BY r.substance`, clientID)
	return screens, each(rows, err, func(r rowScanner) error {
		var id int64
		var res kinship.ScreenResult
		err := r.Scan(&id, &res.Substance, &res.Result)
		byID[id].Results = append(byID[id].Results, res)
		return err
	})
}

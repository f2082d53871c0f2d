package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"kinship"
)

const planColumns = `t.id, t.client_id, t.episode_id, t.version, COALESCE(sv.name, ''), t.saved_at,
	t.signed_name, t.signed_on, t.signed_at, COALESCE(sg.name, ''),
	t.client_signed_name, t.client_signed_on, t.client_signed_via, t.client_signed_at, COALESCE(w.name, '')`

const planFrom = ` FROM treatment_plans t LEFT JOIN staff sv ON sv.id = t.saved_by LEFT JOIN staff sg ON sg.id = t.signed_by
	LEFT JOIN staff w ON w.id = t.client_witness_id`

// Conditions picking a client's version (args: client, version), latest
// version, and signed version in force (args: client, client).
const (
	planVersionIs = "t.client_id = ? AND t.version = ?"
	planLatest    = "t.client_id = ? AND t.version = (SELECT MAX(version) FROM treatment_plans WHERE client_id = ?)"
	planInForce   = "t.client_id = ? AND t.version = (SELECT MAX(version) FROM treatment_plans WHERE client_id = ? AND signed_at IS NOT NULL)"
)

func scanPlan(r rowScanner) (*kinship.TreatmentPlan, error) {
	p := &kinship.TreatmentPlan{}
	var name, on, signer, clientName, clientOn, via, witness string
	var signedAt, clientAt time.Time
	err := r.Scan(&p.ID, &p.ClientID, &p.EpisodeID, &p.Version, &p.SavedBy, scanTime(&p.SavedAt),
		&name, &on, scanTime(&signedAt), &signer, &clientName, &clientOn, &via, scanTime(&clientAt), &witness)
	if !signedAt.IsZero() {
		p.Clinician = &kinship.PlanSignature{Name: name, RecordedBy: signer, At: signedAt}
		p.Clinician.On, _ = kinship.ParseDate(on)
	}
	if !clientAt.IsZero() {
		p.Client = &kinship.PlanSignature{Name: clientName, Via: via, RecordedBy: witness, At: clientAt}
		p.Client.On, _ = kinship.ParseDate(clientOn)
	}
	return p, err
}

// TreatmentPlan returns a version of a client's plan, 0 for the latest.
func (s *Store) TreatmentPlan(ctx context.Context, clientID int64, version int) (*kinship.TreatmentPlan, error) {
	if err := s.openPlanChart(ctx, clientID, kinship.PermClinicalRead); err != nil {
		return nil, err
	}
	if version == 0 {
		return s.loadPlan(ctx, planLatest, clientID, clientID)
	}
	return s.loadPlan(ctx, planVersionIs, clientID, version)
}

// PrintTreatmentPlan returns a signed version to print, and audits the
// print.
func (s *Store) PrintTreatmentPlan(ctx context.Context, clientID int64, version int) (*kinship.TreatmentPlan, error) {
	p, err := s.TreatmentPlan(ctx, clientID, version)
	if err != nil {
		return nil, err
	}
	if p.Draft() {
		return nil, kinship.Errorf(kinship.ECONFLICT, "Only a signed version can be printed.")
	}
	return p, s.Audit(ctx, planAudit(kinship.ActionTreatmentPlanPrint, p, ""))
}

// CurrentObjectives lists the objectives of the plan in force: the latest
// signed version of the client's latest episode, or its draft before the
// first signature.
func (s *Store) CurrentObjectives(ctx context.Context, clientID int64) ([]kinship.Objective, error) {
	if err := s.openPlanChart(ctx, clientID, kinship.PermClinicalRead); err != nil {
		return nil, err
	}
	var id int64
	err := s.queryRow(ctx, `SELECT t.id FROM treatment_plans t WHERE t.episode_id = (SELECT e.id FROM episodes e WHERE e.client_id = ?
		ORDER BY e.admitted_on DESC, e.id DESC LIMIT 1) ORDER BY CASE WHEN t.signed_at IS NULL THEN 1 ELSE 0 END, t.version DESC LIMIT 1`, clientID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return []kinship.Objective{}, nil
	}
	if err != nil {
		return nil, err
	}
	p, err := s.loadPlan(ctx, "t.id = ?", id)
	if err != nil {
		return nil, err
	}
	return p.Objectives(), nil
}

// openPlanChart checks the actor holds perm (and PermClinicalRead) and may
// open the client's chart, auditing the read.
func (s *Store) openPlanChart(ctx context.Context, clientID int64, perm kinship.Permission) error {
	for _, p := range []kinship.Permission{perm, kinship.PermClinicalRead} {
		if err := kinship.Authorize(ctx, p); err != nil {
			return err
		}
	}
	return s.openChart(ctx, clientID, kinship.ActionTreatmentPlanRead)
}

// loadPlan reads the version matching where, with its content, the list
// of versions and measured objectives' progress. The caller has checked
// access and audits.
func (s *Store) loadPlan(ctx context.Context, where string, args ...any) (*kinship.TreatmentPlan, error) {
	p, err := scanPlan(s.queryRow(ctx, "SELECT "+planColumns+planFrom+" WHERE "+where, args...))
	if err != nil {
		return nil, notFound(err, "That treatment plan")
	}
	if err := s.loadPlanContent(ctx, p); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT id, version, episode_id, signed_name, signed_on, client_signed_on FROM treatment_plans
		WHERE client_id = ? ORDER BY version DESC`, p.ClientID)
	p.Versions, err = collect(rows, err, func(r rowScanner) (v kinship.PlanVersionSummary, err error) {
		var on, clientOn string
		err = r.Scan(&v.ID, &v.Version, &v.EpisodeID, &v.SignedBy, &on, &clientOn)
		v.SignedOn, _ = kinship.ParseDate(on)
		v.ClientSignedOn, _ = kinship.ParseDate(clientOn)
		return v, err
	})
	if err != nil {
		return nil, err
	}
	return p, s.loadProgress(ctx, p)
}

// loadPlanContent reads a version's problems, goals, objectives and
// interventions, each placed by its position.
func (s *Store) loadPlanContent(ctx context.Context, p *kinship.TreatmentPlan) error {
	rows, err := s.query(ctx, `SELECT pr.diagnosis, COALESCE(d.title, ''), pr.text FROM plan_problems pr
		LEFT JOIN episode_diagnoses d ON d.episode_id = ? AND d.code = pr.diagnosis WHERE pr.plan_id = ? ORDER BY pr.position`, p.EpisodeID, p.ID)
	if p.Problems, err = collect(rows, err, func(r rowScanner) (pr kinship.PlanProblem, err error) {
		return pr, r.Scan(&pr.Diagnosis, &pr.DiagnosisTitle, &pr.Text)
	}); err != nil {
		return err
	}
	// goal finds a row's goal; rows are written in order, so it exists.
	goal := func(problem, position int) *kinship.PlanGoal {
		if problem < len(p.Problems) && position < len(p.Problems[problem].Goals) {
			return &p.Problems[problem].Goals[position]
		}
		return &kinship.PlanGoal{}
	}
	var problem, position int
	var text string
	rows, err = s.query(ctx, "SELECT problem, text FROM plan_goals WHERE plan_id = ? ORDER BY problem, position", p.ID)
	if err := each(rows, err, func(r rowScanner) error {
		if err := r.Scan(&problem, &text); err != nil || problem >= len(p.Problems) {
			return err
		}
		p.Problems[problem].Goals = append(p.Problems[problem].Goals, kinship.PlanGoal{Text: text})
		return nil
	}); err != nil {
		return err
	}
	rows, err = s.query(ctx, `SELECT problem, goal, id, text, target_on, instrument, comparison, threshold FROM plan_objectives
		WHERE plan_id = ? ORDER BY problem, goal, position`, p.ID)
	if err := each(rows, err, func(r rowScanner) error {
		o := kinship.Objective{PlanID: p.ID}
		var target string
		var threshold sql.NullInt64
		if err := r.Scan(&problem, &position, &o.ID, &o.Text, &target, &o.Instrument, &o.Comparison, &threshold); err != nil {
			return err
		}
		o.TargetOn, _ = kinship.ParseDate(target)
		if threshold.Valid {
			t := int(threshold.Int64)
			o.Threshold = &t
		}
		if d, err := s.instruments.Lookup(o.Instrument); err == nil {
			o.InstrumentName = d.ShortName
		}
		g := goal(problem, position)
		g.Objectives = append(g.Objectives, o)
		return nil
	}); err != nil {
		return err
	}
	rows, err = s.query(ctx, `SELECT i.problem, i.goal, i.what, i.frequency, COALESCE(i.staff_id, 0), COALESCE(st.name, ''), i.role
		FROM plan_interventions i LEFT JOIN staff st ON st.id = i.staff_id WHERE i.plan_id = ? ORDER BY i.problem, i.goal, i.position`, p.ID)
	return each(rows, err, func(r rowScanner) error {
		var iv kinship.Intervention
		if err := r.Scan(&problem, &position, &iv.What, &iv.Frequency, &iv.StaffID, &iv.StaffName, &iv.Role); err != nil {
			return err
		}
		g := goal(problem, position)
		g.Interventions = append(g.Interventions, iv)
		return nil
	})
}

// loadProgress gives each measured objective the client's scores on its
// instrument during the plan's episode.
func (s *Store) loadProgress(ctx context.Context, p *kinship.TreatmentPlan) error {
	scores := map[string][]kinship.ScorePoint{}
	rows, err := s.query(ctx, `SELECT r.code, r.taken_on, r.total FROM measure_responses r JOIN episodes e ON e.id = ?
		WHERE r.client_id = ? AND r.taken_on >= e.admitted_on AND (e.discharged_on = '' OR r.taken_on <= e.discharged_on)
		ORDER BY r.taken_on, r.id`, p.EpisodeID, p.ClientID)
	err = each(rows, err, func(r rowScanner) error {
		var code, on string
		var sp kinship.ScorePoint
		err := r.Scan(&code, &on, &sp.Total)
		sp.TakenOn, _ = kinship.ParseDate(on)
		scores[code] = append(scores[code], sp)
		return err
	})
	for _, pr := range p.Problems {
		for _, g := range pr.Goals {
			for k := range g.Objectives {
				if o := &g.Objectives[k]; o.Measured() {
					o.Progress = &kinship.ObjectiveProgress{Scores: scores[o.Instrument]}
					o.Progress.Met = len(o.Progress.Scores) > 0 && o.MetBy(o.Progress.Latest().Total)
				}
			}
		}
	}
	return err
}

// SaveTreatmentPlan saves a draft: a new one, or the open draft.
func (s *Store) SaveTreatmentPlan(ctx context.Context, clientID int64, in kinship.TreatmentPlanInput) (*kinship.TreatmentPlan, error) {
	if err := s.openPlanChart(ctx, clientID, kinship.PermEpisodeManage); err != nil {
		return nil, err
	}
	ep, err := s.openEpisode(ctx, clientID)
	if err != nil {
		return nil, err
	}
	if in.Version == 0 && in.Problems == nil {
		// A new version starts as a copy of the one in force.
		if current, err := s.loadPlan(ctx, planInForce+" AND t.episode_id = ?", clientID, clientID, ep.ID); err == nil {
			in.Problems = current.Problems
		} else if kinship.ErrorCode(err) != kinship.ENOTFOUND {
			return nil, err
		}
	}
	in.Clean()
	if err := in.Validate(s.planRules(ctx, ep)); err != nil {
		return nil, err
	}
	a := kinship.ActorFrom(ctx)
	var id int64
	err = s.update(ctx, func(tx *Tx) error {
		version := in.Version
		if version == 0 {
			if id, version, err = tx.newDraft(clientID, ep.ID); err != nil {
				return err
			}
		} else if id, err = tx.draft(clientID, version, ep.ID); err != nil {
			return err
		}
		if err := tx.writePlan(id, in.Problems); err != nil {
			return err
		}
		if _, err := tx.exec("UPDATE treatment_plans SET saved_by = ?, saved_at = ? WHERE id = ?", nullID(a.StaffID), tx.now, id); err != nil {
			return err
		}
		return tx.audit(kinship.AuditRecord{Action: kinship.ActionTreatmentPlanSave, ResourceType: "treatment_plan",
			ResourceID: strconv.FormatInt(id, 10), Detail: "version " + strconv.Itoa(version)})
	})
	if err != nil {
		return nil, err
	}
	return s.loadPlan(ctx, "t.id = ?", id)
}

// openEpisode is the client's open episode; plans are written only while
// the client is in care.
func (s *Store) openEpisode(ctx context.Context, clientID int64) (*kinship.Episode, error) {
	eps, err := s.episodesOf(ctx, clientID)
	if err != nil {
		return nil, err
	}
	if len(eps) == 0 || !eps[0].Open() {
		return nil, kinship.Errorf(kinship.ECONFLICT, "This client is not in an episode of care, so the plan cannot change.")
	}
	return eps[0], nil
}

// planRules are what a draft in episode ep is checked against.
func (s *Store) planRules(ctx context.Context, ep *kinship.Episode) kinship.PlanRules {
	rules := kinship.PlanRules{AdmittedOn: ep.AdmittedOn,
		MaxTotal: func(code string) (int, bool) {
			d, err := s.instruments.Lookup(code)
			if err != nil || len(d.TotalItems) == 0 {
				return 0, false
			}
			return d.MaxTotal(), true
		},
		ActiveStaff: func(id int64) bool {
			var active bool
			return s.queryRow(ctx, "SELECT active FROM staff WHERE id = ?", id).Scan(&active) == nil && active
		}}
	for _, d := range ep.Diagnoses {
		rules.Diagnoses = append(rules.Diagnoses, d.Code)
	}
	return rules
}

// newDraft adds the client's next version as a draft in the episode,
// which holds one draft at a time.
func (tx *Tx) newDraft(clientID, episodeID int64) (id int64, version int, err error) {
	if err := tx.queryRow("SELECT COALESCE(MAX(version), 0) FROM treatment_plans WHERE episode_id = ? AND signed_at IS NULL", episodeID).Scan(&version); err != nil {
		return 0, 0, err
	}
	if version != 0 {
		return 0, 0, kinship.Errorf(kinship.ECONFLICT, "Version %d is a draft already; change that one.", version)
	}
	if err := tx.queryRow("SELECT COALESCE(MAX(version), 0) + 1 FROM treatment_plans WHERE client_id = ?", clientID).Scan(&version); err != nil {
		return 0, 0, err
	}
	id, err = tx.insert("INSERT INTO treatment_plans (client_id, episode_id, version, saved_at) VALUES (?, ?, ?, ?)", clientID, episodeID, version, tx.now)
	if tx.dialect.isUnique(err) {
		return 0, 0, kinship.Errorf(kinship.ECONFLICT, "Someone else started a new version at the same moment. Open the plan again.")
	}
	return id, version, err
}

// draft finds the draft a save edits: ENOTFOUND for no such version,
// ECONFLICT once it is signed or its episode has ended.
func (tx *Tx) draft(clientID int64, version int, episodeID int64) (int64, error) {
	var id, episode int64
	var signedAt time.Time
	err := tx.queryRow("SELECT id, episode_id, signed_at FROM treatment_plans WHERE client_id = ? AND version = ?", clientID, version).
		Scan(&id, &episode, scanTime(&signedAt))
	switch {
	case err != nil:
		return 0, notFound(err, "That version of the treatment plan")
	case !signedAt.IsZero():
		return 0, errPlanLocked(version)
	case episode != episodeID:
		return 0, kinship.Errorf(kinship.ECONFLICT, "That version belongs to an episode of care that has ended.")
	}
	return id, nil
}

func errPlanLocked(version int) error {
	return kinship.Errorf(kinship.ECONFLICT, "Version %d is signed, so it cannot change. Start a new version to change the plan.", version)
}

// writePlan replaces a draft's content. Objectives whose ids the draft
// already holds are updated in place, so notes linked to them stay linked.
func (tx *Tx) writePlan(planID int64, problems []kinship.PlanProblem) error {
	for _, table := range []string{"plan_problems", "plan_goals", "plan_interventions"} {
		if _, err := tx.exec("DELETE FROM "+table+" WHERE plan_id = ?", planID); err != nil {
			return err
		}
	}
	held := map[int64]bool{}
	for _, pr := range problems {
		for _, g := range pr.Goals {
			for _, o := range g.Objectives {
				held[o.ID] = true
			}
		}
	}
	kept := map[int64]bool{}
	rows, err := tx.query("SELECT id FROM plan_objectives WHERE plan_id = ?", planID)
	if err := each(rows, err, func(r rowScanner) error {
		var id int64
		err := r.Scan(&id)
		kept[id] = held[id]
		return err
	}); err != nil {
		return err
	}
	for id, keep := range kept {
		if keep {
			continue
		}
		if _, err := tx.exec("DELETE FROM plan_objectives WHERE id = ?", id); err != nil {
			return err
		}
	}
	for i, pr := range problems {
		if _, err := tx.exec("INSERT INTO plan_problems (plan_id, position, diagnosis, text) VALUES (?, ?, ?, ?)", planID, i, pr.Diagnosis, pr.Text); err != nil {
			return err
		}
		for j, g := range pr.Goals {
			if _, err := tx.exec("INSERT INTO plan_goals (plan_id, problem, position, text) VALUES (?, ?, ?, ?)", planID, i, j, g.Text); err != nil {
				return err
			}
			if err := tx.writeGoalRows(planID, i, j, g, kept); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeGoalRows writes one goal's objectives and interventions.
func (tx *Tx) writeGoalRows(planID int64, problem, goal int, g kinship.PlanGoal, kept map[int64]bool) error {
	for k, o := range g.Objectives {
		var threshold any
		if o.Threshold != nil {
			threshold = *o.Threshold
		}
		args := []any{problem, goal, k, o.Text, o.TargetOn.String(), o.Instrument, o.Comparison, threshold}
		var err error
		if kept[o.ID] {
			_, err = tx.exec(`UPDATE plan_objectives SET problem = ?, goal = ?, position = ?, text = ?, target_on = ?, instrument = ?,
				comparison = ?, threshold = ? WHERE id = ?`, append(args, o.ID)...)
		} else {
			_, err = tx.exec(`INSERT INTO plan_objectives (problem, goal, position, text, target_on, instrument, comparison, threshold, plan_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(args, planID)...)
		}
		if err != nil {
			return err
		}
	}
	for k, iv := range g.Interventions {
		if _, err := tx.exec(`INSERT INTO plan_interventions (plan_id, problem, goal, position, what, frequency, staff_id, role)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, planID, problem, goal, k, iv.What, iv.Frequency, nullID(iv.StaffID), iv.Role); err != nil {
			return err
		}
	}
	return nil
}

func planAudit(action string, p *kinship.TreatmentPlan, detail string) kinship.AuditRecord {
	if detail != "" {
		detail = "; " + detail
	}
	return kinship.AuditRecord{Action: action, ResourceType: "treatment_plan", ResourceID: strconv.FormatInt(p.ID, 10),
		Detail: fmt.Sprintf("version %d%s", p.Version, detail)}
}

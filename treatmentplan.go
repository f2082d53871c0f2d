package kinship

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Audit actions of treatment plans.
const (
	ActionTreatmentPlanRead       = "treatment_plan.read"
	ActionTreatmentPlanSave       = "treatment_plan.save"
	ActionTreatmentPlanSign       = "treatment_plan.sign"
	ActionTreatmentPlanClientSign = "treatment_plan.client_sign"
	ActionTreatmentPlanPrint      = "treatment_plan.print"
	ActionPlanReviewsRead         = "treatment_plan.reviews_read"
	ActionPlanReviewDays          = "organization.plan_review_days"
)

// Plan reviews: due every so many days after the last signed version (an
// organization setting), and listed from a few days before.
const (
	DefaultPlanReviewDays = 30
	MinPlanReviewDays     = 7
	MaxPlanReviewDays     = 180
	PlanReviewSoonDays    = 3
)

// How a client signed their plan.
const (
	SignedInPerson = "in_person"
	SignedInPortal = "portal"
)

// TreatmentPlan is one version of the plan for an episode of care:
// problems, each with goals in the client's own words, measurable
// objectives and interventions. A draft is edited freely; once the
// clinician signs, the version is locked, and a change starts the next
// version. Every version stays readable.
type TreatmentPlan struct {
	ID        int64         `json:"id"`
	ClientID  int64         `json:"client_id"`
	EpisodeID int64         `json:"episode_id"`
	Version   int           `json:"version"`
	Problems  []PlanProblem `json:"problems"`
	SavedBy   string        `json:"saved_by"`
	SavedAt   time.Time     `json:"saved_at"`
	// Clinician is nil while the version is a draft; Client is nil until
	// the client signs, in person or in their portal.
	Clinician *PlanSignature `json:"clinician_signature"`
	Client    *PlanSignature `json:"client_signature"`
	// Versions lists every version of the client's plans, newest first.
	Versions []PlanVersionSummary `json:"versions"`
}

// Draft reports whether the version can still be edited.
func (p *TreatmentPlan) Draft() bool { return p.Clinician == nil }

// AwaitingClient reports whether the clinician has signed and the client
// has not yet.
func (p *TreatmentPlan) AwaitingClient() bool { return p.Clinician != nil && p.Client == nil }

// Objectives lists the plan's objectives in order, each with its goal.
func (p *TreatmentPlan) Objectives() []Objective {
	var out []Objective
	for _, pr := range p.Problems {
		for _, g := range pr.Goals {
			for _, o := range g.Objectives {
				o.PlanID, o.GoalText = p.ID, g.Text
				out = append(out, o)
			}
		}
	}
	return out
}

// PlanProblem is a problem the plan addresses, tied to one of the
// episode's diagnoses.
type PlanProblem struct {
	Diagnosis      string     `json:"diagnosis"`                 // ICD-10-CM code
	DiagnosisTitle string     `json:"diagnosis_title,omitempty"` // filled on read
	Text           string     `json:"text"`
	Goals          []PlanGoal `json:"goals"`
}

// PlanGoal is what the client wants, in their own words, with the
// objectives that show progress toward it and what the team does for it.
type PlanGoal struct {
	Text          string         `json:"text"`
	Objectives    []Objective    `json:"objectives"`
	Interventions []Intervention `json:"interventions"`
}

// Objective is one measurable objective of a client's treatment plan, as
// notes refer to it. It may be measured by an instrument: "PHQ-9 below 10
// by 2027-01-15".
//
// Each version has its own objective rows: a new version copies the
// objectives with new IDs, so a note links to the objective of the version
// in force when it was written, and a signed version's rows never change.
// Saving a draft keeps the IDs of the objectives still in it.
type Objective struct {
	ID       int64  `json:"id"`
	PlanID   int64  `json:"-"`
	GoalText string `json:"-"` // the goal it serves, in the client's words
	Text     string `json:"text"`
	TargetOn Date   `json:"target_on"`
	// Instrument, Comparison and Threshold link the objective to scores;
	// Instrument is empty when it is not measured by one.
	Instrument     string             `json:"instrument,omitempty"`
	Comparison     string             `json:"comparison,omitempty"`
	Threshold      *int               `json:"threshold,omitempty"`
	InstrumentName string             `json:"instrument_name,omitempty"` // filled on read
	Progress       *ObjectiveProgress `json:"progress,omitempty"`        // filled on read when measured
}

// Comparisons an objective may make with a score.
var Comparisons = []string{"below", "at_most", "above", "at_least"}

var comparisonLabels = map[string]string{"below": "below", "at_most": "at or below", "above": "above", "at_least": "at or above"}

// ComparisonLabel is a comparison as people read it.
func ComparisonLabel(c string) string { return comparisonLabels[c] }

// Measured reports whether the objective is measured by an instrument.
func (o *Objective) Measured() bool { return o.Instrument != "" && o.Threshold != nil }

// MeasureText is the measure in words, like "PHQ-9 below 10"; "" when the
// objective is not measured.
func (o *Objective) MeasureText() string {
	if !o.Measured() {
		return ""
	}
	name := o.InstrumentName
	if name == "" {
		name = o.Instrument
	}
	return fmt.Sprintf("%s %s %d", name, ComparisonLabel(o.Comparison), *o.Threshold)
}

// MetBy reports whether a total meets the objective's measure.
func (o *Objective) MetBy(total int) bool {
	if !o.Measured() {
		return false
	}
	t := *o.Threshold
	switch o.Comparison {
	case "below":
		return total < t
	case "at_most":
		return total <= t
	case "above":
		return total > t
	case "at_least":
		return total >= t
	}
	return false
}

// ObjectiveProgress is a measured objective's scores since admission.
type ObjectiveProgress struct {
	Scores []ScorePoint `json:"scores"` // oldest first
	Met    bool         `json:"met"`    // the latest score meets the objective
}

// ScorePoint is one total on one day.
type ScorePoint struct {
	TakenOn Date `json:"taken_on"`
	Total   int  `json:"total"`
}

// First and Latest are the first and latest scores; zero with none.
func (p *ObjectiveProgress) First() ScorePoint  { return p.at(0) }
func (p *ObjectiveProgress) Latest() ScorePoint { return p.at(len(p.Scores) - 1) }

func (p *ObjectiveProgress) at(i int) ScorePoint {
	if i < 0 || i >= len(p.Scores) {
		return ScorePoint{}
	}
	return p.Scores[i]
}

// Intervention is what the team does toward a goal, how often, and who:
// a staff member, or a role when it is whoever holds it.
type Intervention struct {
	What      string `json:"what"`
	Frequency string `json:"frequency"`
	StaffID   int64  `json:"staff_id,omitempty"`
	StaffName string `json:"staff_name,omitempty"` // filled on read
	Role      string `json:"role,omitempty"`
}

// Who is who delivers the intervention.
func (i Intervention) Who() string {
	if i.StaffID != 0 {
		return i.StaffName
	}
	return i.Role
}

// InterventionRoles are the role labels forms offer; any short label is
// accepted.
var InterventionRoles = []string{"Primary counselor", "Group facilitator", "Peer support specialist", "Prescriber", "Case manager", "Family therapist"}

// PlanSignature is a signature typed on screen.
type PlanSignature struct {
	Name string `json:"name"` // as typed
	On   Date   `json:"signed_on"`
	// Via says how a client signed: SignedInPerson or SignedInPortal.
	Via string `json:"via,omitempty"`
	// RecordedBy is the staff member who signed, or who recorded an
	// in-person signature.
	RecordedBy string    `json:"recorded_by,omitempty"`
	At         time.Time `json:"recorded_at"`
}

// PlanVersionSummary is one version in a list of versions.
type PlanVersionSummary struct {
	ID             int64  `json:"id"`
	Version        int    `json:"version"`
	EpisodeID      int64  `json:"episode_id"`
	SignedBy       string `json:"signed_by,omitempty"` // empty for a draft
	SignedOn       Date   `json:"signed_on"`
	ClientSignedOn Date   `json:"client_signed_on"`
}

// TreatmentPlanInput is a draft's content. Version is the draft being
// edited; 0 starts a new draft, from Problems or, when Problems is nil, as
// a copy of the signed version in force.
type TreatmentPlanInput struct {
	Version  int           `json:"version"`
	Problems []PlanProblem `json:"problems"`
}

// PlanRules are what a draft is checked against: its episode and what the
// store knows of instruments and staff.
type PlanRules struct {
	AdmittedOn Date
	Diagnoses  []string // the episode's codes
	// MaxTotal gives the top total of an instrument that has one.
	MaxTotal    func(code string) (int, bool)
	ActiveStaff func(id int64) bool
}

// Limits of a plan.
const (
	MaxPlanRows      = 10 // problems, goals per problem, objectives and interventions per goal
	MaxPlanTextChars = 1000
	MaxPlanLineChars = 200
)

// Clean trims every text and drops blank rows, as a form's spare rows are.
// Field names in errors count the cleaned rows.
func (in *TreatmentPlanInput) Clean() {
	in.Problems = cleanRows(in.Problems, func(p *PlanProblem) bool {
		p.Diagnosis, p.Text = strings.TrimSpace(p.Diagnosis), strings.TrimSpace(p.Text)
		p.Goals = cleanRows(p.Goals, func(g *PlanGoal) bool {
			g.Text = strings.TrimSpace(g.Text)
			g.Objectives = cleanRows(g.Objectives, func(o *Objective) bool {
				o.Text, o.Instrument, o.Comparison = strings.TrimSpace(o.Text), strings.TrimSpace(o.Instrument), strings.TrimSpace(o.Comparison)
				if o.Instrument == "" {
					o.Comparison, o.Threshold = "", nil
				}
				return o.Text == "" && o.TargetOn.IsZero() && o.Instrument == ""
			})
			g.Interventions = cleanRows(g.Interventions, func(i *Intervention) bool {
				i.What, i.Frequency, i.Role = strings.TrimSpace(i.What), strings.TrimSpace(i.Frequency), strings.TrimSpace(i.Role)
				return i.What == "" && i.Frequency == ""
			})
			return g.Text == "" && len(g.Objectives) == 0 && len(g.Interventions) == 0
		})
		return p.Text == "" && p.Diagnosis == "" && len(p.Goals) == 0
	})
}

// cleanRows cleans each row and drops the blank ones. A list given stays
// a list (possibly empty), so a plan cleared on purpose is not taken for
// one not given.
func cleanRows[T any](rows []T, blank func(*T) bool) []T {
	out := rows[:0:0]
	for i := range rows {
		if !blank(&rows[i]) {
			out = append(out, rows[i])
		}
	}
	return out
}

// Validate checks a cleaned draft against rules. Field names are paths,
// like "problems.0.goals.1.objectives.0.target_on".
func (in *TreatmentPlanInput) Validate(rules PlanRules) error {
	f := FieldErrors{}
	if len(in.Problems) > MaxPlanRows {
		f.Add("problems", "A plan holds up to 10 problems.")
	}
	for i, p := range in.Problems {
		key := fmt.Sprintf("problems.%d", i)
		if !slices.Contains(rules.Diagnoses, p.Diagnosis) {
			f.Add(key+".diagnosis", "Choose the diagnosis this problem relates to, from the episode's diagnoses.")
		}
		checkText(f, key+".text", "Describe the problem", p.Text, MaxPlanTextChars)
		if len(p.Goals) > MaxPlanRows {
			f.Add(key+".goals", "A problem holds up to 10 goals.")
		}
		for j, g := range p.Goals {
			validateGoal(f, fmt.Sprintf("%s.goals.%d", key, j), g, rules)
		}
	}
	return f.Err()
}

func validateGoal(f FieldErrors, key string, g PlanGoal, rules PlanRules) {
	checkText(f, key+".text", "Write the goal in the client's own words", g.Text, MaxPlanTextChars)
	if len(g.Objectives) > MaxPlanRows {
		f.Add(key+".objectives", "A goal holds up to 10 objectives.")
	}
	if len(g.Interventions) > MaxPlanRows {
		f.Add(key+".interventions", "A goal holds up to 10 interventions.")
	}
	for k, o := range g.Objectives {
		okey := fmt.Sprintf("%s.objectives.%d", key, k)
		checkText(f, okey+".text", "Describe the objective", o.Text, MaxPlanTextChars)
		switch {
		case o.TargetOn.IsZero():
			f.Add(okey+".target_on", "Give the objective a target date.")
		case o.TargetOn.Before(rules.AdmittedOn):
			f.Add(okey+".target_on", "The target date is before the admission date ("+rules.AdmittedOn.Label()+").")
		}
		if o.Instrument != "" {
			validateMeasure(f, okey, o, rules)
		}
	}
	for k, iv := range g.Interventions {
		ikey := fmt.Sprintf("%s.interventions.%d", key, k)
		checkText(f, ikey+".what", "Say what the intervention is", iv.What, MaxPlanLineChars)
		checkText(f, ikey+".frequency", "Say how often", iv.Frequency, 100)
		switch {
		case iv.StaffID != 0 && iv.Role != "":
			f.Add(ikey+".who", "Choose a staff member or a role, not both.")
		case iv.StaffID != 0 && !rules.ActiveStaff(iv.StaffID):
			f.Add(ikey+".who", "Choose an active staff member.")
		case iv.StaffID == 0:
			checkText(f, ikey+".who", "Say who does this: a staff member or a role", iv.Role, 100)
		}
	}
}

// validateMeasure checks an objective's instrument, comparison and
// threshold: a known instrument with a total, and a target it can reach.
func validateMeasure(f FieldErrors, key string, o Objective, rules PlanRules) {
	top, ok := rules.MaxTotal(o.Instrument)
	if !ok {
		f.Add(key+".instrument", "Choose an instrument with a total score, or none.")
		return
	}
	if !slices.Contains(Comparisons, o.Comparison) {
		f.Add(key+".comparison", "Choose below, at_most, above or at_least.")
	}
	switch t := o.Threshold; {
	case t == nil:
		f.Add(key+".threshold", "Give the score to aim for.")
	case *t < 0 || *t > top:
		f.Add(key+".threshold", fmt.Sprintf("The score must be from 0 to %d.", top))
	case o.Comparison == "below" && *t == 0, o.Comparison == "above" && *t == top:
		f.Add(key+".threshold", "No score can meet that; change the score or the comparison.")
	}
}

func checkText(f FieldErrors, field, what, s string, limit int) {
	switch n := utf8.RuneCountInString(s); {
	case n == 0:
		f.Add(field, what+".")
	case n > limit:
		f.Add(field, fmt.Sprintf("Keep this under %d characters.", limit))
	}
}

// ReadyToSign checks that a plan is whole: at least one problem, each with
// a goal, and each goal with an objective and an intervention.
func (p *TreatmentPlan) ReadyToSign() error {
	f := FieldErrors{}
	if len(p.Problems) == 0 {
		f.Add("problems", "Add at least one problem before signing.")
	}
	for i, pr := range p.Problems {
		if len(pr.Goals) == 0 {
			f.Add(fmt.Sprintf("problems.%d.goals", i), fmt.Sprintf("Give problem %d a goal before signing.", i+1))
		}
		for j, g := range pr.Goals {
			key, n := fmt.Sprintf("problems.%d.goals.%d", i, j), fmt.Sprintf("%d.%d", i+1, j+1)
			if len(g.Objectives) == 0 {
				f.Add(key+".objectives", "Give goal "+n+" an objective before signing.")
			}
			if len(g.Interventions) == 0 {
				f.Add(key+".interventions", "Give goal "+n+" an intervention before signing.")
			}
		}
	}
	return f.Err()
}

// PlanSigning signs a version: the clinician signs a draft with their
// typed name, and the client may sign in person at the same time or later
// (ClientName alone). On is the date written beside the signatures.
type PlanSigning struct {
	Version    int    `json:"version"`
	Name       string `json:"name"`
	On         Date   `json:"signed_on"` // zero: today
	ClientName string `json:"client_name"`
}

// Validate trims the names and checks there is something to sign.
func (s *PlanSigning) Validate() error {
	s.Name, s.ClientName = strings.TrimSpace(s.Name), strings.TrimSpace(s.ClientName)
	f := FieldErrors{}
	if s.Name == "" && s.ClientName == "" {
		f.Add("name", "Type your name to sign.")
	}
	if utf8.RuneCountInString(s.Name) > MaxPlanLineChars {
		f.Add("name", "Keep the name under 200 characters.")
	}
	return f.Err()
}

// SignatureMatches reports whether a client's typed signature is their
// name to use, ignoring case and spacing: a plan never carries a legal
// name, and a typo should not become a signature.
func SignatureMatches(typed, nameToUse string) bool {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	return norm(typed) != "" && norm(typed) == norm(nameToUse)
}

// PlanStatus is where a client's plan stands, for the chart and the
// dashboard.
type PlanStatus struct {
	ClientID  int64  `json:"client_id"`
	Client    string `json:"client"` // name to use
	Pronouns  string `json:"pronouns"`
	Counselor string `json:"counselor"`
	// InCare is true while the episode is open; only then is a review due.
	InCare bool `json:"in_care"`
	// Version is the signed version in force, 0 before the first.
	Version         int    `json:"version"`
	SignedBy        string `json:"signed_by,omitempty"`
	SignedOn        Date   `json:"signed_on"`
	ClientSignedOn  Date   `json:"client_signed_on"` // zero while awaiting the client
	ClientSignedVia string `json:"client_signed_via,omitempty"`
	DraftVersion    int    `json:"draft_version,omitempty"` // a draft being written
	// ReviewDue is when the next review is due: so many days after the
	// version in force was signed, or after admission for a first plan.
	ReviewDue Date `json:"review_due_on"`
}

// Overdue reports whether the review was due before today.
func (s *PlanStatus) Overdue(today Date) bool { return s.InCare && s.ReviewDue.Before(today) }

// DueSoon reports whether the review is due within PlanReviewSoonDays, or
// overdue.
func (s *PlanStatus) DueSoon(today Date) bool {
	return s.InCare && !today.AddDays(PlanReviewSoonDays).Before(s.ReviewDue)
}

// TreatmentPlanService: episode treatment plans, their versions,
// signatures and reviews. Staff methods need PermClinicalRead to read and
// PermEpisodeManage to write, and access to the client's chart; portal
// methods act on the signed-in client's own plan.
type TreatmentPlanService interface {
	// CurrentObjectives lists the objectives of the client's plan in
	// force (the latest signed version of their latest episode, or its
	// draft before the first is signed), for notes to link to. Empty
	// without a plan. Clinical staff.
	CurrentObjectives(ctx context.Context, clientID int64) ([]Objective, error)
	// TreatmentPlan returns a version of the client's plan, 0 for the
	// latest, with measured objectives' progress. ENOTFOUND without one.
	TreatmentPlan(ctx context.Context, clientID int64, version int) (*TreatmentPlan, error)
	// SaveTreatmentPlan saves a draft (see TreatmentPlanInput). EINVALID
	// naming each field at fault; ECONFLICT for a signed version, for a
	// new draft while one is open, or when the episode has ended.
	SaveTreatmentPlan(ctx context.Context, clientID int64, in TreatmentPlanInput) (*TreatmentPlan, error)
	// SignTreatmentPlan signs the draft as its clinician, and/or records
	// the client's in-person signature of the version in force. ECONFLICT
	// when that signature is already there or the version is not current.
	SignTreatmentPlan(ctx context.Context, clientID int64, s PlanSigning) (*TreatmentPlan, error)
	// PrintTreatmentPlan returns a signed version to print, audited as a
	// print. ECONFLICT for a draft.
	PrintTreatmentPlan(ctx context.Context, clientID int64, version int) (*TreatmentPlan, error)
	// PlanStatus says where the client's plan stands.
	PlanStatus(ctx context.Context, clientID int64) (*PlanStatus, error)
	// PlanReviewsDue lists the open episodes whose review is due within
	// PlanReviewSoonDays or overdue: the actor's caseload for a clinician,
	// every one for supervisors and admins. Soonest first.
	PlanReviewsDue(ctx context.Context) ([]*PlanStatus, error)
	// PlanReviewDays is the days between reviews; any staff member.
	PlanReviewDays(ctx context.Context) (int, error)
	// SetPlanReviewDays needs PermOrgManage; EINVALID outside 7–180.
	SetPlanReviewDays(ctx context.Context, days int) error

	// MyTreatmentPlan returns the portal client's signed version in force,
	// with only signed versions listed. ENOTFOUND before one is signed.
	MyTreatmentPlan(ctx context.Context) (*TreatmentPlan, error)
	// SignMyTreatmentPlan signs, as the portal client, the version in
	// force whose ID is planID, with their typed name. ENOTFOUND for a
	// plan that is not theirs; ECONFLICT if it is not awaiting them.
	SignMyTreatmentPlan(ctx context.Context, planID int64, name string) (*TreatmentPlan, error)
}

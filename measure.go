package kinship

import (
	"context"
	"slices"
	"time"
)

// Response is one completed standardized instrument. Its score is kept as it
// was computed, with the definition version, so changing a definition never
// rescores history.
type Response struct {
	ID        int64
	ClientID  int64
	Code      string // instrument code, e.g. phq9
	Version   string // of the definition it was scored with
	Answers   []int  // option indexes, from 0
	Total     int
	Severity  string // band code, e.g. moderate
	Flags     []string
	Subscales map[string]int
	// Threshold says which cut-off was used, where it depends on the
	// client (AUDIT-C).
	Threshold string
	TakenOn   Date
	EnteredBy string // staff member's name; empty when ByClient
	ByClient  bool
	CreatedAt time.Time
	// AlertID is the safety alert recording it raised, or 0.
	AlertID int64
}

// NeedsSafetyAlert reports whether the response must put a person in front
// of the client today: a suicide_risk flag, or for the C-SSRS screener
// (which flags any "yes") a high risk level.
func (r *Response) NeedsSafetyAlert() bool {
	if r.Code == "cssrs" {
		return r.Severity == SeverityHigh
	}
	return slices.Contains(r.Flags, FlagSuicideRisk)
}

// ResponseInput is a completed instrument to score and record.
type ResponseInput struct {
	ClientID int64  `json:"client_id"`
	Code     string `json:"code"`
	Answers  []int  `json:"answers"`
	TakenOn  Date   `json:"taken_on"` // zero means today
	// AnotherSameDay confirms a second response to the instrument on the
	// same day; without it RecordResponse refuses one (ECONFLICT).
	AnotherSameDay bool
}

// Flags and severities that put a person in front of the client today.
const (
	FlagSuicideRisk = "suicide_risk"
	SeverityHigh    = "high"
)

// ScheduleRule makes an instrument due: at admission and/or every so many
// days after the last response (or after admission, if none yet).
type ScheduleRule struct {
	Code        string `json:"code"`
	AtAdmission bool   `json:"at_admission"`
	EveryDays   int    `json:"every_days"` // 0: not repeated
}

// DefaultMeasureSchedule applies to programs that have not set their own.
var DefaultMeasureSchedule = []ScheduleRule{
	{Code: "phq9", AtAdmission: true, EveryDays: 14},
	{Code: "gad7", AtAdmission: true, EveryDays: 14},
	{Code: "audit", AtAdmission: true},
	{Code: "pcl5", AtAdmission: true},
	{Code: "bam", EveryDays: 30},
}

// DueSoonDays is how far ahead the due list looks.
const DueSoonDays = 2

// DueMeasure is an instrument a client should complete.
type DueMeasure struct {
	ClientID int64
	Client   string // name to use
	Code     string
	DueOn    Date
	// Assigned is true when it waits in the client's portal.
	Assigned bool
}

// Overdue reports whether the measure was due before today.
func (d *DueMeasure) Overdue(today Date) bool { return d.DueOn.Before(today) }

// Improvement counts, for a program's current clients, those with a
// reliable improvement since admission.
type Improvement struct {
	ProgramID int64
	Program   string
	// Measured have a baseline and a later PHQ-9 or GAD-7.
	Measured int
	// Improved: PHQ-9 down 5 or more, or GAD-7 down 4 or more.
	Improved int
}

// Percent is the share improved, rounded down; 0 with nobody measured.
func (i Improvement) Percent() int {
	if i.Measured == 0 {
		return 0
	}
	return i.Improved * 100 / i.Measured
}

// ReliableChange is the drop in total that counts as reliable improvement.
var ReliableChange = map[string]int{"phq9": 5, "gad7": 4}

// MeasureService records and schedules instruments.
type MeasureService interface {
	// RecordResponse scores and stores a completed instrument; a suicide
	// risk raises a safety alert in the same transaction. Nothing is
	// stored from a rejected response.
	RecordResponse(ctx context.Context, in ResponseInput) (*Response, error)
	// AnswerMeasure records the portal client's own answers to an
	// instrument that is assigned to them or due. EINVALID for anything
	// else, as for RecordResponse.
	AnswerMeasure(ctx context.Context, code string, answers []int) (*Response, error)
	// MyDueMeasures lists what the portal client should answer.
	MyDueMeasures(ctx context.Context) ([]*DueMeasure, error)
	// Responses lists a client's responses, oldest first.
	Responses(ctx context.Context, clientID int64) ([]*Response, error)
	// AssignMeasure puts an instrument in the client's portal.
	AssignMeasure(ctx context.Context, clientID int64, code string) error
	// DueMeasures lists what is due or overdue for one client, or for the
	// actor's caseload when clientID is 0.
	DueMeasures(ctx context.Context, clientID int64) ([]*DueMeasure, error)
	MeasureSchedule(ctx context.Context, programID int64) ([]ScheduleRule, error)
	SetMeasureSchedule(ctx context.Context, programID int64, rules []ScheduleRule) error
	// Improvements summarizes reliable improvement for each program.
	Improvements(ctx context.Context) ([]Improvement, error)
	// LoadInstrument adds an instrument definition from a file's contents.
	LoadInstrument(ctx context.Context, body []byte) error
}

// DueOn says when an instrument is next due for a client admitted on
// admitted, given the date of their last response since admission (zero if
// none). ok is false when it is not due again.
func (r ScheduleRule) DueOn(admitted, last Date) (due Date, ok bool) {
	switch {
	case last.IsZero() && r.AtAdmission:
		return admitted, true
	case last.IsZero() && r.EveryDays > 0:
		return admitted.AddDays(r.EveryDays), true
	case !last.IsZero() && r.EveryDays > 0:
		return last.AddDays(r.EveryDays), true
	}
	return Date{}, false
}

// ValidateSchedule checks a program's schedule against the known codes.
func ValidateSchedule(rules []ScheduleRule, known func(code string) bool) error {
	f := FieldErrors{}
	seen := map[string]bool{}
	for _, r := range rules {
		switch {
		case !known(r.Code):
			f.Add(r.Code, "There is no instrument “"+r.Code+"”.")
		case seen[r.Code]:
			f.Add(r.Code, "List "+r.Code+" once.")
		case r.EveryDays < 0 || r.EveryDays > 365:
			f.Add(r.Code, "Repeat every 1 to 365 days, or 0 for never.")
		case !r.AtAdmission && r.EveryDays == 0:
			f.Add(r.Code, "Make it due at admission, or every so many days, or leave it out.")
		}
		seen[r.Code] = true
	}
	return f.Err()
}

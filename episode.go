package kinship

import (
	"context"
	"strings"
)

// Episode is one stay in a program: from admission to discharge.
type Episode struct {
	ID                 int64
	ClientID           int64
	ProgramID          int64
	ProgramName        string
	AdmittedOn         Date
	PrimaryCounselorID int64
	PrimaryCounselor   string // the counselor's name
	Diagnoses          []Diagnosis
	DischargedOn       Date // zero while the episode is open
	DischargeReason    DischargeReason
	DischargeSummary   string
	Referrals          string
}

// Open reports whether the client is still in this episode.
func (e *Episode) Open() bool { return e.DischargedOn.IsZero() }

// Diagnosis is an ICD-10-CM code with its official title.
type Diagnosis struct {
	Code  string `json:"code"`
	Title string `json:"title"`
}

// DischargeReason says why an episode ended.
type DischargeReason string

// Discharge reasons.
const (
	DischargeCompleted      DischargeReason = "completed"
	DischargeAgainstAdvice  DischargeReason = "against_advice"
	DischargeHigherLevel    DischargeReason = "transferred_higher_level"
	DischargeAdministrative DischargeReason = "administrative"
	DischargeOther          DischargeReason = "other"
)

// DischargeReasons lists the reasons in the order forms offer them.
var DischargeReasons = []DischargeReason{DischargeCompleted, DischargeAgainstAdvice, DischargeHigherLevel, DischargeAdministrative, DischargeOther}

// Label is the reason as people read it.
func (r DischargeReason) Label() string {
	return map[DischargeReason]string{DischargeCompleted: "Completed the program", DischargeAgainstAdvice: "Left against advice",
		DischargeHigherLevel: "Transferred to a higher level of care", DischargeAdministrative: "Administrative", DischargeOther: "Other"}[r]
}

// Admission opens an episode.
type Admission struct {
	ProgramID          int64    `json:"program_id"`
	AdmittedOn         Date     `json:"admitted_on"`
	PrimaryCounselorID int64    `json:"primary_counselor_id"`
	Diagnoses          []string `json:"diagnoses"` // ICD-10-CM codes
	// TrackID, when set, enrolls the client in a track of the program from
	// the admission date, in the same step.
	TrackID int64 `json:"track_id"`
}

// Validate checks what needs no database; the store checks the program,
// counselor and codes.
func (a *Admission) Validate() error {
	f := FieldErrors{}
	if a.ProgramID == 0 {
		f.Add("program_id", "Choose the program.")
	}
	if a.AdmittedOn.IsZero() {
		f.Add("admitted_on", "Admission date is required.")
	}
	if a.PrimaryCounselorID == 0 {
		f.Add("primary_counselor_id", "Choose the primary counselor.")
	}
	return f.Err()
}

// Discharge closes an episode.
type Discharge struct {
	On        Date            `json:"discharged_on"`
	Reason    DischargeReason `json:"reason"`
	Summary   string          `json:"summary"`
	Referrals string          `json:"referrals"`
}

// Validate returns EINVALID naming each field at fault.
func (d *Discharge) Validate() error {
	d.Summary, d.Referrals = strings.TrimSpace(d.Summary), strings.TrimSpace(d.Referrals)
	f := FieldErrors{}
	if d.On.IsZero() {
		f.Add("discharged_on", "Discharge date is required.")
	}
	if d.Reason.Label() == "" {
		f.Add("reason", "Reason must be completed, against_advice, transferred_higher_level, administrative or other.")
	}
	if d.Summary == "" {
		f.Add("summary", "Write a short discharge summary.")
	}
	return f.Err()
}

// EpisodeService admits and discharges clients. Every method needs
// PermEpisodeManage to write, PermClinicalRead to read, and chart access.
type EpisodeService interface {
	// Admit opens an episode, and enrolls the client in a.TrackID if set
	// (which also needs PermEnroll), or does neither. ECONFLICT if the
	// client has one open or the enrollment breaks an enrollment rule;
	// EINVALID for an unknown program, counselor, track or diagnosis code.
	Admit(ctx context.Context, clientID int64, a Admission) (*Episode, error)
	// DischargeEpisode closes an episode. EINVALID for a date before admission.
	DischargeEpisode(ctx context.Context, episodeID int64, d Discharge) (*Episode, error)
	// Episodes lists a client's episodes, newest first.
	Episodes(ctx context.Context, clientID int64) ([]*Episode, error)
	// Counselors lists the active staff who can be a primary counselor.
	Counselors(ctx context.Context) ([]*Staff, error)
}

package kinship

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// DrugScreen is one specimen collection and its results. The words are
// non-punitive: a result is "positive for" a substance, never "dirty", and
// a positive result asks a clinician to talk with the client, not to
// discharge them.
type DrugScreen struct {
	ID          int64
	ClientID    int64
	CollectedOn Date
	Specimen    string // one of Specimens
	Observed    bool
	Method      string // one of ScreenMethods
	Results     []ScreenResult
	Note        string
	RecordedBy  string
	CreatedAt   time.Time
}

// ScreenResult is one substance's result in a screen.
type ScreenResult struct {
	Substance string `json:"substance"`
	Result    string `json:"result"` // one of ScreenResults
}

// Choices for a drug screen.
var (
	Specimens     = []string{"urine", "oral_fluid", "breath", "blood", "hair"}
	ScreenMethods = []string{"point_of_care", "lab"}
	// ScreenResults: a substance not tested is left out of Results.
	ScreenResults = []string{"negative", "positive", "invalid"}
)

// Positive lists the substances the screen was positive for.
func (d *DrugScreen) Positive() []string { return d.with("positive") }

// Invalid lists the substances whose result was invalid.
func (d *DrugScreen) Invalid() []string { return d.with("invalid") }

func (d *DrugScreen) with(result string) []string {
	var out []string
	for _, r := range d.Results {
		if r.Result == result {
			out = append(out, r.Substance)
		}
	}
	return out
}

// Summary says what the screen found, in plain, non-judgemental words.
func (d *DrugScreen) Summary() string {
	var parts []string
	if p := d.Positive(); len(p) > 0 {
		parts = append(parts, "positive for "+strings.Join(p, ", "))
	}
	if v := d.Invalid(); len(v) > 0 {
		parts = append(parts, "invalid for "+strings.Join(v, ", "))
	}
	if len(parts) == 0 {
		return fmt.Sprintf("Negative for all %d substances tested", len(d.Results))
	}
	s := strings.Join(parts, "; ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// NeedsReview reports whether a clinician should follow the screen up.
func (d *DrugScreen) NeedsReview() bool { return len(d.Positive())+len(d.Invalid()) > 0 }

// DrugScreenInput is a screen to record.
type DrugScreenInput struct {
	ClientID    int64          `json:"client_id"`
	CollectedOn Date           `json:"collected_on"`
	Specimen    string         `json:"specimen"`
	Observed    bool           `json:"observed"`
	Method      string         `json:"method"`
	Results     []ScreenResult `json:"results"`
	Note        string         `json:"note"`
}

// Validate checks the input against the program's panel and today.
func (in *DrugScreenInput) Validate(panel []string, today Date) error {
	f := FieldErrors{}
	switch {
	case in.CollectedOn.IsZero():
		f.Add("collected_on", "Enter the date the specimen was collected.")
	case today.Before(in.CollectedOn):
		f.Add("collected_on", "The collection date cannot be in the future.")
	}
	if !slices.Contains(Specimens, in.Specimen) {
		f.Add("specimen", "Choose the specimen: urine, oral fluid, breath, blood or hair.")
	}
	if !slices.Contains(ScreenMethods, in.Method) {
		f.Add("method", "Choose lab or point of care.")
	}
	seen := map[string]bool{}
	for _, r := range in.Results {
		field := "result_" + r.Substance
		switch {
		case !slices.Contains(panel, r.Substance):
			f.Add(field, "“"+r.Substance+"” is not on the program's panel.")
		case seen[r.Substance]:
			f.Add(field, "Give one result for "+r.Substance+".")
		case !slices.Contains(ScreenResults, r.Result):
			f.Add(field, "The result for "+r.Substance+" must be negative, positive or invalid.")
		}
		seen[r.Substance] = true
	}
	if len(in.Results) == 0 && len(f) == 0 {
		f.Add("results", "Give a result for at least one substance.")
	}
	return f.Err()
}

// DrugScreenService records drug screens.
type DrugScreenService interface {
	// RecordScreen stores a screen; a positive or invalid result raises a
	// review task for the primary counselor.
	RecordScreen(ctx context.Context, in DrugScreenInput) (*DrugScreen, error)
	// Screens lists a client's screens, newest first.
	Screens(ctx context.Context, clientID int64) ([]*DrugScreen, error)
	// ScreenPanel is the organization's list of substances tested.
	ScreenPanel(ctx context.Context) ([]string, error)
	SetScreenPanel(ctx context.Context, panel []string) error
}

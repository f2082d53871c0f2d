package screening_test

import (
	"strings"
	"testing"

	"kinship/screening"
)

// TestReasonsAreKind guards the words a person in distress reads: no
// stigmatising labels, and every rule fully filled in.
func TestReasonsAreKind(t *testing.T) {
	banned := []string{"addict", "clean", "dirty", "abuser"}
	tables := map[string][]screening.Rule{"Rules": screening.Rules, "Defaults": screening.Defaults}
	for name, rules := range tables {
		for i, r := range rules {
			if r.Reason == "" || r.When == nil || r.Level.Label() == "" {
				t.Errorf("%s[%d] = %+v, want a known level, a reason and a condition", name, i, r)
			}
			for _, word := range banned {
				if strings.Contains(strings.ToLower(r.Reason), word) {
					t.Errorf("%s[%d] reason %q contains %q", name, i, r.Reason, word)
				}
			}
		}
	}
	for _, res := range screening.CrisisResources {
		text := strings.ToLower(res.Name + " " + res.Contact + " " + res.Detail)
		for _, word := range banned {
			if strings.Contains(text, word) {
				t.Errorf("resource %q contains %q", res.Name, word)
			}
		}
	}
}

func TestLabel(t *testing.T) {
	tests := []struct {
		level screening.Level
		want  string
	}{
		{screening.Emergency, "Emergency care now"},
		{screening.WithdrawalManagement, "Medically managed withdrawal"},
		{screening.Residential, "Residential treatment"},
		{screening.PHP, "Partial hospitalization (PHP)"},
		{screening.IOP, "Intensive outpatient (IOP)"},
		{screening.OP, "Outpatient (OP)"},
		{"inpatient", ""},
		{"", ""},
	}
	for _, tc := range tests {
		if got := tc.level.Label(); got != tc.want {
			t.Errorf("Level(%q).Label() = %q, want %q", tc.level, got, tc.want)
		}
	}
}

// TestDefaultsEndWithCatchAll keeps Recommend total: whatever Rules say,
// the last default applies to any answers.
func TestDefaultsEndWithCatchAll(t *testing.T) {
	last := screening.Defaults[len(screening.Defaults)-1]
	if !last.When(screening.Answers{}) || !last.When(calm()) {
		t.Errorf("last default %+v does not apply to every answer", last)
	}
}

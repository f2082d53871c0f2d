package kinship

import "testing"

// TestSessionKindLabels: a kind without words would be an empty choice in
// the session-type form and a blank on the schedule.
func TestSessionKindLabels(t *testing.T) {
	for _, k := range SessionKinds {
		if k.Label() == "" {
			t.Errorf("session kind %q has no label", k)
		}
	}
}

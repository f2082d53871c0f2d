package screening_test

import (
	"strings"
	"testing"

	"kinship/screening"
)

func TestCrisisResources(t *testing.T) {
	for _, r := range screening.CrisisResources {
		t.Run(r.Name, func(t *testing.T) {
			if r.Name == "" || r.Contact == "" || r.Detail == "" {
				t.Errorf("resource %+v has an empty field", r)
			}
			if !strings.HasPrefix(r.Href, "tel:") && !strings.HasPrefix(r.Href, "sms:") && !strings.HasPrefix(r.Href, "https://") {
				t.Errorf("Href = %q, want a tel:, sms: or https:// link", r.Href)
			}
		})
	}
	// The lines a person must be able to reach in one tap.
	want := map[string]bool{
		"tel:988":               false,
		"tel:911":               false,
		"sms:741741?&body=HOME": false,
		"tel:+18664887386":      false,
		"tel:+18775658860":      false,
	}
	for _, r := range screening.CrisisResources {
		if _, ok := want[r.Href]; ok {
			want[r.Href] = true
		}
	}
	for href, found := range want {
		if !found {
			t.Errorf("CrisisResources has no %s", href)
		}
	}
}

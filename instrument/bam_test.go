package instrument_test

import (
	"maps"
	"reflect"
	"strconv"
	"testing"
)

// bamForm is a BAM form with the first option chosen everywhere (no use, no
// risk, no protection), changed by with.
func bamForm(with map[string]int) map[string]int {
	form := map[string]int{"5": 0, "7a": 0, "7b": 0, "7c": 0, "7d": 0, "7e": 0, "7f": 0, "7g": 0}
	for i := 1; i <= 17; i++ {
		if i != 7 {
			form[strconv.Itoa(i)] = 0
		}
	}
	maps.Copy(form, with)
	return form
}

func TestBAM(t *testing.T) {
	d := builtin(t, "bam")
	tests := []struct {
		name      string
		form      map[string]int // option index by item; 0 is the first option
		count     int            // answers asked
		subscales map[string]int
		flags     []string
	}{
		{
			// Fair health, sleep trouble 4-8 nights, upset 1-3 days, drank
			// 1-3 days but no heavy days, no drugs (7a–7g skipped).
			name: "Worked example",
			form: map[string]int{"1": 3, "2": 2, "3": 1, "4": 1, "5": 0, "6": 0, "8": 2, "9": 3, "10": 3,
				"11": 1, "12": 1, "13": 4, "14": 1, "15": 0, "16": 4, "17": 2},
			count:     16,
			subscales: map[string]int{"use": 1, "risk": 3 + 2 + 1 + 2 + 1 + 0, "protective": 3 + 3 + 1 + 4 + 4 + 4},
			flags:     []string{"any_use"},
		},
		{
			// No drinking (5 skipped), drugs on 4-8 days (7a–7g asked),
			// and the answers to 7a–7g count in no subscale.
			name:      "Drug use",
			form:      map[string]int{"4": 0, "6": 2, "7a": 4, "7e": 3, "17": 4},
			count:     22,
			subscales: map[string]int{"use": 2, "risk": 0, "protective": 0},
			flags:     []string{"any_use", "low_protection"},
		},
		{
			// An answer to 5 after no drinking days is ignored.
			name:      "Skipped heavy drinking",
			form:      map[string]int{"4": 0, "5": 4},
			count:     15,
			subscales: map[string]int{"use": 0, "risk": 0, "protective": 0},
			flags:     []string{"low_protection"},
		},
		{
			name:      "Risk 11",
			form:      map[string]int{"1": 4, "2": 4, "3": 3, "14": 1, "9": 4, "10": 4, "12": 1},
			count:     15,
			subscales: map[string]int{"use": 0, "risk": 11, "protective": 13},
			flags:     []string{},
		},
		{
			name:      "Risk 12, protective 12",
			form:      map[string]int{"1": 4, "2": 4, "3": 3, "8": 1, "14": 1, "9": 4, "10": 4},
			count:     15,
			subscales: map[string]int{"use": 0, "risk": 12, "protective": 12},
			flags:     []string{"high_risk", "low_protection"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			answers, err := d.Collect(bamForm(tt.form))
			if err != nil {
				t.Fatal(err)
			}
			if len(answers) != tt.count {
				t.Errorf("%d answers, want %d", len(answers), tt.count)
			}
			r, err := d.Score(answers, "")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(r.Subscales, tt.subscales) {
				t.Errorf("Subscales = %v, want %v", r.Subscales, tt.subscales)
			}
			if !reflect.DeepEqual(r.Flags, tt.flags) {
				t.Errorf("Flags = %#v, want %#v", r.Flags, tt.flags)
			}
			// The BAM has no validated total, so none is given.
			if r.Total != 0 || r.Severity != "" {
				t.Errorf("Total, Severity = %d, %q; want 0, \"\"", r.Total, r.Severity)
			}
		})
	}
}

package instrument_test

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"kinship"
	"kinship/instrument"
)

// builtin returns the built-in definition with the given code.
func builtin(t *testing.T, code string) *instrument.Definition {
	t.Helper()
	d, err := instrument.NewRegistry().Lookup(code)
	if err != nil {
		t.Fatalf("Lookup(%q): %v", code, err)
	}
	return d
}

// reach returns answers to an instrument without skips whose scores add up
// to total, searching from the highest option of the first item down.
func reach(t *testing.T, d *instrument.Definition, total int) []int {
	t.Helper()
	answers := make([]int, len(d.Items))
	var fill func(i, left int) bool
	fill = func(i, left int) bool {
		if i == len(d.Items) {
			return left == 0
		}
		for a := len(d.Items[i].Options) - 1; a >= 0; a-- {
			if s := d.Items[i].Options[a].Score; s <= left {
				answers[i] = a
				if fill(i+1, left-s) {
					return true
				}
			}
		}
		return false
	}
	if !fill(0, total) {
		t.Fatalf("%s: no answers reach total %d", d.Code, total)
	}
	return answers
}

// The expected bands are the published cut-offs, written out here rather
// than read from the definitions under test.
func TestBandBoundaries(t *testing.T) {
	tests := []struct {
		code  string
		bands map[int]string // total → band
	}{
		{"phq9", map[int]string{0: "minimal", 4: "minimal", 5: "mild", 9: "mild", 10: "moderate", 14: "moderate",
			15: "moderately_severe", 19: "moderately_severe", 20: "severe", 27: "severe"}},
		{"gad7", map[int]string{0: "minimal", 4: "minimal", 5: "mild", 9: "mild", 10: "moderate", 14: "moderate",
			15: "severe", 21: "severe"}},
		{"audit", map[int]string{0: "low_risk", 7: "low_risk", 8: "hazardous", 15: "hazardous", 16: "harmful",
			19: "harmful", 20: "dependence_likely", 33: "dependence_likely", 39: "dependence_likely", 40: "dependence_likely"}},
		{"pcl5", map[int]string{0: "below_threshold", 32: "below_threshold", 33: "probable_ptsd", 80: "probable_ptsd"}},
	}
	for _, tt := range tests {
		d := builtin(t, tt.code)
		for total, want := range tt.bands {
			t.Run(fmt.Sprintf("%s/%d", tt.code, total), func(t *testing.T) {
				r, err := d.Score(reach(t, d, total), "")
				if err != nil {
					t.Fatal(err)
				}
				if r.Total != total {
					t.Errorf("Total = %d, want %d", r.Total, total)
				}
				if r.Severity != want {
					t.Errorf("Severity = %q, want %q", r.Severity, want)
				}
				if r.Threshold != "" {
					t.Errorf("Threshold = %q, want none", r.Threshold)
				}
			})
		}
	}
}

// AUDIT-C is positive at 4 or more for male-typical, and otherwise at the
// more sensitive 3 or more, including when sex is not recorded.
func TestAUDITCThresholdBySex(t *testing.T) {
	d := builtin(t, "auditc")
	tests := []struct {
		sex       string
		threshold string
		bands     map[int]string
	}{
		{"male-typical", "at_least_4", map[int]string{0: "negative", 2: "negative", 3: "negative", 4: "positive", 12: "positive"}},
		{"female-typical", "at_least_3", map[int]string{0: "negative", 2: "negative", 3: "positive", 4: "positive", 12: "positive"}},
		{"specified", "at_least_3", map[int]string{0: "negative", 2: "negative", 3: "positive", 4: "positive", 12: "positive"}},
		{"unknown", "at_least_3", map[int]string{0: "negative", 2: "negative", 3: "positive", 4: "positive", 12: "positive"}},
		{"", "at_least_3", map[int]string{0: "negative", 2: "negative", 3: "positive", 4: "positive", 12: "positive"}},
	}
	for _, tt := range tests {
		for total, want := range tt.bands {
			t.Run(fmt.Sprintf("%q/%d", tt.sex, total), func(t *testing.T) {
				r, err := d.Score(reach(t, d, total), tt.sex)
				if err != nil {
					t.Fatal(err)
				}
				if r.Total != total || r.Severity != want || r.Threshold != tt.threshold {
					t.Errorf("got total %d, %q by %q; want %d, %q by %q", r.Total, r.Severity, r.Threshold, total, want, tt.threshold)
				}
			})
		}
	}
}

// AUDIT items 9 and 10 have three options, scored 0, 2 and 4.
func TestAUDITItems9And10(t *testing.T) {
	d := builtin(t, "audit")
	for _, item := range []int{9, 10} {
		for answer, want := range []int{0, 2, 4} {
			answers := make([]int, 10)
			answers[item-1] = answer
			r, err := d.Score(answers, "")
			if err != nil {
				t.Fatal(err)
			}
			if r.Total != want {
				t.Errorf("item %d answer %d: Total = %d, want %d", item, answer, r.Total, want)
			}
		}
	}
}

// Every option's score, as the published scoring gives it.
func TestOptionScores(t *testing.T) {
	zeroTo := func(n int) []int {
		s := []int{}
		for i := range n + 1 {
			s = append(s, i)
		}
		return s
	}
	want := map[string]func(id string) []int{
		"phq9":   func(string) []int { return zeroTo(3) },
		"gad7":   func(string) []int { return zeroTo(3) },
		"auditc": func(string) []int { return zeroTo(4) },
		"pcl5":   func(string) []int { return zeroTo(4) },
		"audit": func(id string) []int {
			if id == "9" || id == "10" {
				return []int{0, 2, 4}
			}
			return zeroTo(4)
		},
		"bam": func(id string) []int {
			if id == "14" { // No 0, Yes 4: having enough income protects
				return []int{0, 4}
			}
			return zeroTo(4)
		},
		// Yes gives the screener's risk level: low 1, moderate 2, high 3.
		"cssrs": func(id string) []int {
			return map[string][]int{"1": {0, 1}, "2": {0, 1}, "3": {0, 2}, "4": {0, 3}, "5": {0, 3}, "6": {0, 2}, "6b": {0, 3}}[id]
		},
	}
	for _, d := range instrument.Builtin() {
		for _, it := range d.Items {
			var got []int
			for _, o := range it.Options {
				got = append(got, o.Score)
			}
			if w := want[d.Code](it.ID); !slices.Equal(got, w) {
				t.Errorf("%s item %s: scores %v, want %v", d.Code, it.ID, got, w)
			}
		}
	}
}

func TestPHQ9SuicideRiskFlag(t *testing.T) {
	d := builtin(t, "phq9")
	for answer, want := range [][]string{{}, {"suicide_risk"}, {"suicide_risk"}, {"suicide_risk"}} {
		answers := make([]int, 9)
		answers[8] = answer
		r, err := d.Score(answers, "")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r.Flags, want) {
			t.Errorf("item 9 answer %d: Flags = %#v, want %#v", answer, r.Flags, want)
		}
		// The flag stands even when the total is minimal.
		if answer == 1 && r.Severity != "minimal" {
			t.Errorf("Severity = %q, want minimal", r.Severity)
		}
	}
}

func TestScoreErrors(t *testing.T) {
	d := builtin(t, "phq9")
	tests := []struct {
		name    string
		answers []int
		sex     string
		field   string
		message string
	}{
		{"TooFew", make([]int, 8), "", "answers", "PHQ-9 has 9 items; got 8 answers."},
		{"TooMany", make([]int, 10), "", "answers", "PHQ-9 has 9 items; got 10 answers."},
		{"None", nil, "", "answers", "PHQ-9 has 9 items; got 0 answers."},
		{"OutOfRange", []int{0, 0, 0, 7, 0, 0, 0, 0, 0}, "", "answers[3]", "Item 4 has options 0–3; got 7."},
		{"Negative", []int{-1, 0, 0, 0, 0, 0, 0, 0, 0}, "", "answers[0]", "Item 1 has options 0–3; got -1."},
		{"BadSex", make([]int, 9), "male", "sex_for_clinical_use", "Sex for clinical use must be one of unknown, female-typical, male-typical, specified."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := d.Score(tt.answers, tt.sex)
			if got := kinship.ErrorCode(err); got != kinship.EINVALID {
				t.Fatalf("ErrorCode = %q, want %q (%v)", got, kinship.EINVALID, err)
			}
			if got := kinship.ErrorFields(err)[tt.field]; got != tt.message {
				t.Errorf("Fields[%q] = %q, want %q", tt.field, got, tt.message)
			}
			if got := kinship.ErrorMessage(err); got != tt.message {
				t.Errorf("Message = %q, want %q", got, tt.message)
			}
		})
	}
}

// Results never have nil flags or subscales, and scoring is deterministic.
func TestResultShape(t *testing.T) {
	for _, d := range instrument.Builtin() {
		t.Run(d.Code, func(t *testing.T) {
			form := map[string]int{}
			for _, it := range d.Items {
				form[it.ID] = 0
			}
			answers, err := d.Collect(form)
			if err != nil {
				t.Fatal(err)
			}
			r, err := d.Score(answers, "")
			if err != nil {
				t.Fatal(err)
			}
			if r.Flags == nil || r.Subscales == nil {
				t.Errorf("Flags = %#v, Subscales = %#v; want non-nil", r.Flags, r.Subscales)
			}
			if r.Code != d.Code || r.Version != d.Version {
				t.Errorf("Code, Version = %q, %q; want %q, %q", r.Code, r.Version, d.Code, d.Version)
			}
			again, _ := d.Score(answers, "")
			if !reflect.DeepEqual(r, again) {
				t.Errorf("second Score = %+v, first %+v", again, r)
			}
		})
	}
}

package instrument_test

import (
	"reflect"
	"testing"

	"kinship"
)

// C-SSRS answers are 0 for No and 1 for Yes, listed only for the questions
// asked: 3–5 only after Yes to 2, and 6b only after Yes to 6. Risk follows
// the screener's triage: Yes to 1 or 2 low; 3 moderate; 4 or 5 high; 6 more
// than 3 months ago moderate, within 3 months high.
func TestCSSRSPaths(t *testing.T) {
	d := builtin(t, "cssrs")
	tests := []struct {
		name     string
		answers  []int // in the order asked
		severity string
	}{
		{"AllNo", []int{0, 0, 0}, "none"},
		{"WishDeadOnly", []int{1, 0, 0}, "low"},
		{"ThoughtsNoMore", []int{0, 1, 0, 0, 0, 0}, "low"},
		{"WishAndThoughts", []int{1, 1, 0, 0, 0, 0}, "low"},
		{"Method", []int{1, 1, 1, 0, 0, 0}, "moderate"},
		{"Intent", []int{1, 1, 0, 1, 0, 0}, "high"},
		{"Plan", []int{1, 1, 0, 0, 1, 0}, "high"},
		{"MethodIntentPlan", []int{1, 1, 1, 1, 1, 0}, "high"},
		{"BehaviourLongAgo", []int{0, 0, 1, 0}, "moderate"},
		{"BehaviourRecent", []int{0, 0, 1, 1}, "high"},
		{"MethodAndBehaviourLongAgo", []int{1, 1, 1, 0, 0, 1, 0}, "moderate"},
		{"ThoughtsAndBehaviourRecent", []int{1, 1, 0, 0, 0, 1, 1}, "high"},
	}
	level := map[string]int{"none": 0, "low": 1, "moderate": 2, "high": 3}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := d.Score(tt.answers, "")
			if err != nil {
				t.Fatal(err)
			}
			if r.Severity != tt.severity {
				t.Errorf("Severity = %q, want %q", r.Severity, tt.severity)
			}
			// The total is the risk level as a number.
			if r.Total != level[tt.severity] {
				t.Errorf("Total = %d, want %d", r.Total, level[tt.severity])
			}
			want := []string{"suicide_risk"}
			if tt.severity == "none" {
				want = []string{}
			}
			if !reflect.DeepEqual(r.Flags, want) {
				t.Errorf("Flags = %#v, want %#v", r.Flags, want)
			}
		})
	}
}

// A wrong count says how many answers the answers given lead to.
func TestCSSRSCountErrors(t *testing.T) {
	d := builtin(t, "cssrs")
	tests := []struct {
		answers []int
		field   string
		message string
	}{
		{[]int{}, "answers", "With these answers C-SSRS screener asks at least 3 items (1, 2, 6); got 0 answers."},
		{[]int{0, 0}, "answers", "With these answers C-SSRS screener asks at least 3 items (1, 2, 6); got 2 answers."},
		{[]int{0, 0, 0, 0}, "answers", "With these answers C-SSRS screener asks 3 items (1, 2, 6); got 4 answers."},
		{[]int{0, 0, 1}, "answers", "With these answers C-SSRS screener asks 4 items (1, 2, 6, 6b); got 3 answers."},
		{[]int{1, 1, 0}, "answers", "With these answers C-SSRS screener asks at least 6 items (1, 2, 3, 4, 5, 6); got 3 answers."},
		{[]int{1, 1, 0, 0, 0, 0, 0}, "answers", "With these answers C-SSRS screener asks 6 items (1, 2, 3, 4, 5, 6); got 7 answers."},
		{[]int{0, 2, 0}, "answers[1]", "Item 2 has options 0–1; got 2."},
	}
	for _, tt := range tests {
		_, err := d.Score(tt.answers, "")
		if got := kinship.ErrorCode(err); got != kinship.EINVALID {
			t.Fatalf("%v: ErrorCode = %q, want %q", tt.answers, got, kinship.EINVALID)
		}
		if got := kinship.ErrorFields(err)[tt.field]; got != tt.message {
			t.Errorf("%v: Fields[%q] = %q, want %q", tt.answers, tt.field, got, tt.message)
		}
	}
}

// Collect keeps only the answers to questions that are asked, so a form
// without JavaScript can show every question.
func TestCSSRSCollect(t *testing.T) {
	d := builtin(t, "cssrs")
	got, err := d.Collect(map[string]int{"1": 1, "2": 0, "3": 1, "4": 1, "5": 1, "6": 0, "6b": 1})
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{1, 0, 0}; !reflect.DeepEqual(got, want) {
		t.Errorf("Collect = %v, want %v", got, want)
	}

	got, err = d.Collect(map[string]int{"1": 0, "2": 1, "3": 0, "4": 0, "5": 1, "6": 1, "6b": 0})
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{0, 1, 0, 0, 1, 1, 0}; !reflect.DeepEqual(got, want) {
		t.Errorf("Collect = %v, want %v", got, want)
	}

	_, err = d.Collect(map[string]int{"1": 0, "2": 1, "6": 3})
	want := map[string]string{
		"item-3": "Please answer item 3.",
		"item-4": "Please answer item 4.",
		"item-5": "Please answer item 5.",
		"item-6": "Item 6 has options 0–1; got 3.",
	}
	if got := kinship.ErrorFields(err); !reflect.DeepEqual(got, want) {
		t.Errorf("Fields = %v, want %v", got, want)
	}
}

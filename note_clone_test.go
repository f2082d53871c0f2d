package kinship

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestClonedParts(t *testing.T) {
	shared := "Shared a recent trigger at a family dinner and agreed to call a support person before the next one."
	for _, c := range []struct {
		name  string
		parts []string // River's, Jamie's, Alex's
		want  []int64  // the alike, by position + 1
	}{
		{"Identical", []string{shared, shared}, []int64{1, 2}},
		{"CaseAndPunctuation", []string{shared, "SHARED a recent trigger, at a family dinner; agreed to call a support person before the next one"}, []int64{1, 2}},
		{"OnlyTheirOwnName", []string{"River shared a trigger and practised grounding.", "Jamie shared a trigger and practised grounding."}, []int64{1, 2}},
		{"OneWordInTwenty", []string{shared, "Shared a recent trigger at a work dinner and agreed to call a support person before the next one."}, []int64{1, 2}},
		{"TwoOfThree", []string{shared, "Quiet today; listened and took notes on the exercise.", shared}, []int64{1, 3}},
		{"OwnWords", []string{shared, "Participated actively in the role-play and gave thoughtful feedback to the group."}, nil},
		{"SameOpeningDifferentDay", []string{"Engaged throughout. Named tight chest after work as an early signal of cravings.",
			"Engaged throughout. Planned a walk and a meeting for Friday evening, the riskiest hour."}, nil},
		{"BothEmpty", []string{"", ""}, nil},
		{"OneNameOnly", []string{"River", "Jamie"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			names := []string{"River", "Jamie", "Alex"}
			var attendees []*GroupAttendee
			for i, p := range c.parts {
				attendees = append(attendees, &GroupAttendee{ClientID: int64(i + 1), NameToUse: names[i], Text: p})
			}
			got := slices.Sorted(maps.Keys(ClonedParts(attendees)))
			if !slices.Equal(got, c.want) {
				t.Errorf("ClonedParts = %v, want %v", got, c.want)
			}
		})
	}
}

func TestCheckCloned(t *testing.T) {
	same := []*GroupAttendee{{ClientID: 1, NameToUse: "River", Text: "Engaged well."}, {ClientID: 2, NameToUse: "Jamie", Text: "Engaged well."}}
	for _, c := range []struct {
		name, reason string
		fields       []string
	}{
		{"NoReason", "", []string{"attendee.1", "attendee.2", "clone_reason"}},
		{"BlankReason", "  ", []string{"attendee.1", "attendee.2", "clone_reason"}},
		{"Reason", "Both clients did the same written exercise and nothing else.", nil},
		{"ReasonTooLong", strings.Repeat("a", 1001), []string{"clone_reason"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := CheckCloned(same, c.reason)
			got := slices.Sorted(maps.Keys(ErrorFields(err)))
			if !slices.Equal(got, c.fields) || (c.fields != nil && ErrorCode(err) != EINVALID) {
				t.Errorf("CheckCloned = %v (fields %v), want fields %v", err, got, c.fields)
			}
		})
	}
}

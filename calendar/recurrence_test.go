package calendar

import (
	"fmt"
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // tests must not depend on the host's zoneinfo

	"kinship"
)

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func clock(h, m int) kinship.ClockTime { return kinship.ClockTime(h*60 + m) }

var weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}

// describe writes o as local date, local times with zone, minutes and
// flags, so tables can state whole occurrences in one line.
func describe(o Occurrence) string {
	s := fmt.Sprintf("%s %s–%s %dm", o.Date, o.Start.Format("15:04 MST"), o.End.Format("15:04 MST"), o.Minutes())
	if o.Moved {
		s += " moved"
	}
	if o.Substitute != "" {
		s += " sub=" + o.Substitute
	}
	return s
}

func describeAll(os []Occurrence) []string {
	var out []string
	for _, o := range os {
		out = append(out, describe(o))
	}
	return out
}

func TestExpand(t *testing.T) {
	la := zone(t, "America/Los_Angeles")
	mornings := Rule{Days: weekdays, Start: clock(9, 0), End: clock(12, 0)}
	thanksgiving := []Closure{{On: kinship.Date{Year: 2026, Month: 11, Day: 26}, Reason: "Thanksgiving"}}
	d := func(s string) kinship.Date { return date(t, s) }
	tests := []struct {
		name       string
		rule       Rule
		exceptions []Exception
		closures   []Closure
		from, to   string
		want       []string
	}{
		{
			name: "plain week",
			rule: mornings, from: "2026-11-16", to: "2026-11-22",
			want: []string{
				"2026-11-16 09:00 PST–12:00 PST 180m",
				"2026-11-17 09:00 PST–12:00 PST 180m",
				"2026-11-18 09:00 PST–12:00 PST 180m",
				"2026-11-19 09:00 PST–12:00 PST 180m",
				"2026-11-20 09:00 PST–12:00 PST 180m",
			},
		},
		{
			name: "From mid-week and Until",
			rule: Rule{Days: weekdays, Start: clock(9, 0), End: clock(12, 0), From: d("2026-11-18"), Until: d("2026-11-24")},
			from: "2026-11-16", to: "2026-11-27",
			want: []string{
				"2026-11-18 09:00 PST–12:00 PST 180m",
				"2026-11-19 09:00 PST–12:00 PST 180m",
				"2026-11-20 09:00 PST–12:00 PST 180m",
				"2026-11-23 09:00 PST–12:00 PST 180m",
				"2026-11-24 09:00 PST–12:00 PST 180m",
			},
		},
		{
			name: "Until before the range",
			rule: Rule{Days: weekdays, Start: clock(9, 0), End: clock(12, 0), Until: d("2026-11-13")},
			from: "2026-11-16", to: "2026-11-20",
		},
		{
			name: "cancelled",
			rule: mornings, from: "2026-11-16", to: "2026-11-18",
			exceptions: []Exception{{On: d("2026-11-17"), Cancelled: true}},
			want: []string{
				"2026-11-16 09:00 PST–12:00 PST 180m",
				"2026-11-18 09:00 PST–12:00 PST 180m",
			},
		},
		{
			name: "moved to another day and time sorts by its new start",
			rule: mornings, from: "2026-11-16", to: "2026-11-22",
			exceptions: []Exception{{On: d("2026-11-17"), MoveTo: d("2026-11-21"), MoveStart: clock(13, 0), MoveEnd: clock(16, 30)}},
			want: []string{
				"2026-11-16 09:00 PST–12:00 PST 180m",
				"2026-11-18 09:00 PST–12:00 PST 180m",
				"2026-11-19 09:00 PST–12:00 PST 180m",
				"2026-11-20 09:00 PST–12:00 PST 180m",
				"2026-11-21 13:00 PST–16:30 PST 210m moved",
			},
		},
		{
			name: "moved date only keeps the rule's times",
			rule: mornings, from: "2026-11-15", to: "2026-11-17",
			exceptions: []Exception{{On: d("2026-11-16"), MoveTo: d("2026-11-15")}},
			want: []string{
				"2026-11-15 09:00 PST–12:00 PST 180m moved",
				"2026-11-17 09:00 PST–12:00 PST 180m",
			},
		},
		{
			name: "moved time only on the same date",
			rule: mornings, from: "2026-11-16", to: "2026-11-16",
			exceptions: []Exception{{On: d("2026-11-16"), MoveStart: clock(14, 0), MoveEnd: clock(17, 0)}},
			want:       []string{"2026-11-16 14:00 PST–17:00 PST 180m moved"},
		},
		{
			name: "moved into the range from outside it",
			rule: mornings, from: "2026-11-16", to: "2026-11-17",
			exceptions: []Exception{{On: d("2026-11-13"), MoveTo: d("2026-11-17"), MoveStart: clock(13, 0), MoveEnd: clock(16, 0)}},
			want: []string{
				"2026-11-16 09:00 PST–12:00 PST 180m",
				"2026-11-17 09:00 PST–12:00 PST 180m",
				"2026-11-17 13:00 PST–16:00 PST 180m moved",
			},
		},
		{
			name: "an exception restating the rule is not a move",
			rule: mornings, from: "2026-11-16", to: "2026-11-16",
			exceptions: []Exception{{On: d("2026-11-16"), MoveTo: d("2026-11-16"), MoveStart: clock(9, 0), MoveEnd: clock(12, 0)}},
			want:       []string{"2026-11-16 09:00 PST–12:00 PST 180m"},
		},
		{
			name: "exception on a day the rule does not meet is ignored",
			rule: mornings, from: "2026-11-20", to: "2026-11-23",
			exceptions: []Exception{{On: d("2026-11-21"), MoveTo: d("2026-11-22")}, {On: d("2026-11-14"), MoveTo: d("2026-11-22")}},
			want: []string{
				"2026-11-20 09:00 PST–12:00 PST 180m",
				"2026-11-23 09:00 PST–12:00 PST 180m",
			},
		},
		{
			name: "moved to a time that ends before it starts is dropped",
			rule: mornings, from: "2026-11-16", to: "2026-11-16",
			exceptions: []Exception{{On: d("2026-11-16"), MoveStart: clock(15, 0), MoveEnd: clock(14, 0)}},
		},
		{
			name: "substitute",
			rule: mornings, from: "2026-11-16", to: "2026-11-17",
			exceptions: []Exception{{On: d("2026-11-17"), Substitute: "staff-42"}},
			want: []string{
				"2026-11-16 09:00 PST–12:00 PST 180m",
				"2026-11-17 09:00 PST–12:00 PST 180m sub=staff-42",
			},
		},
		{
			name: "last exception for a date wins",
			rule: mornings, from: "2026-11-16", to: "2026-11-16",
			exceptions: []Exception{{On: d("2026-11-16"), Cancelled: true}, {On: d("2026-11-16"), Substitute: "staff-7"}},
			want:       []string{"2026-11-16 09:00 PST–12:00 PST 180m sub=staff-7"},
		},
		{
			name: "Thanksgiving closure",
			rule: mornings, from: "2026-11-23", to: "2026-11-29",
			closures: thanksgiving,
			want: []string{
				"2026-11-23 09:00 PST–12:00 PST 180m",
				"2026-11-24 09:00 PST–12:00 PST 180m",
				"2026-11-25 09:00 PST–12:00 PST 180m",
				"2026-11-27 09:00 PST–12:00 PST 180m",
			},
		},
		{
			name: "moved onto a closure is skipped",
			rule: mornings, from: "2026-11-25", to: "2026-11-26",
			exceptions: []Exception{{On: d("2026-11-25"), MoveTo: d("2026-11-26")}},
			closures:   thanksgiving,
		},
		{
			name: "moved off a closure is kept",
			rule: mornings, from: "2026-11-26", to: "2026-11-28",
			exceptions: []Exception{{On: d("2026-11-26"), MoveTo: d("2026-11-28"), MoveStart: clock(10, 0), MoveEnd: clock(13, 0)}},
			closures:   thanksgiving,
			want: []string{
				"2026-11-27 09:00 PST–12:00 PST 180m",
				"2026-11-28 10:00 PST–13:00 PST 180m moved",
			},
		},
		{
			name: "session ending at 24:00",
			rule: Rule{Days: []time.Weekday{time.Monday}, Start: clock(21, 0), End: clock(24, 0)},
			from: "2026-11-16", to: "2026-11-16",
			want: []string{"2026-11-16 21:00 PST–00:00 PST 180m"},
		},
		{
			name: "moved out of the range",
			rule: mornings, from: "2026-11-16", to: "2026-11-17",
			exceptions: []Exception{{On: d("2026-11-16"), MoveTo: d("2026-11-13")}},
			want:       []string{"2026-11-17 09:00 PST–12:00 PST 180m"},
		},
		{
			name: "rule ending before it starts",
			rule: Rule{Days: weekdays, Start: clock(12, 0), End: clock(9, 0)},
			from: "2026-11-16", to: "2026-11-20",
		},
		{
			name: "to before from",
			rule: mornings, from: "2026-11-20", to: "2026-11-16",
		},
		{
			name: "no days",
			rule: Rule{Start: clock(9, 0), End: clock(12, 0)},
			from: "2026-11-16", to: "2026-11-20",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := describeAll(Expand(tt.rule, tt.exceptions, tt.closures, d(tt.from), d(tt.to), la))
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n\t%q\nwant\n\t%q", got, tt.want)
			}
		})
	}
}

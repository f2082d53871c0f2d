package kinship_test

import (
	"testing"

	"kinship"
)

func mdate(t *testing.T, s string) kinship.Date {
	t.Helper()
	d, err := kinship.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestMilestones(t *testing.T) {
	for _, tt := range []struct {
		name, start, today string
		days               int
		reached            string // the latest reached, "" for none
		next               string
		nextOn             string
		toGo               int
	}{
		{"StartToday", "2026-11-23", "2026-11-23", 0, "", "1 day", "2026-11-24", 1},
		{"OneDay", "2026-11-22", "2026-11-23", 1, "1 day", "7 days", "2026-11-29", 6},
		{"DayBeforeAWeek", "2026-11-17", "2026-11-23", 6, "1 day", "7 days", "2026-11-24", 1},
		{"AWeek", "2026-11-16", "2026-11-23", 7, "7 days", "30 days", "2026-12-16", 23},
		{"TwentyNine", "2026-10-25", "2026-11-23", 29, "7 days", "30 days", "2026-11-24", 1},
		{"Thirty", "2026-10-24", "2026-11-23", 30, "30 days", "60 days", "2026-12-23", 30},
		{"Forty", "2026-10-14", "2026-11-23", 40, "30 days", "60 days", "2026-12-13", 20},
		{"Sixty", "2026-09-24", "2026-11-23", 60, "60 days", "90 days", "2026-12-23", 30},
		{"Ninety", "2026-08-25", "2026-11-23", 90, "90 days", "6 months", "2027-02-25", 94},
		{"DayBeforeSixMonths", "2026-05-24", "2026-11-23", 183, "90 days", "6 months", "2026-11-24", 1},
		{"SixMonths", "2026-05-23", "2026-11-23", 184, "6 months", "1 year", "2027-05-23", 181},
		// 31 August + 6 months is the last day of February.
		{"SixMonthsClamped", "2026-08-31", "2027-02-28", 181, "6 months", "1 year", "2027-08-31", 184},
		{"SixMonthsClampedLeap", "2027-08-31", "2028-02-28", 181, "90 days", "6 months", "2028-02-29", 1},
		{"OneYear", "2025-11-23", "2026-11-23", 365, "1 year", "2 years", "2027-11-23", 365},
		// 29 February + 1 year is 28 February.
		{"LeapDayYear", "2028-02-29", "2029-02-28", 365, "1 year", "2 years", "2030-02-28", 365},
		{"YearsOn", "2020-01-15", "2026-11-23", 2504, "6 years", "7 years", "2027-01-15", 53},
	} {
		t.Run(tt.name, func(t *testing.T) {
			st := kinship.Milestones(mdate(t, tt.start), mdate(t, tt.today))
			if st.Days != tt.days {
				t.Errorf("days = %d, want %d", st.Days, tt.days)
			}
			latest := ""
			if m := st.Latest(); m != nil {
				latest = m.Label
			}
			if latest != tt.reached {
				t.Errorf("latest reached = %q, want %q (reached %v)", latest, tt.reached, st.Reached)
			}
			if st.Next == nil || st.Next.Label != tt.next || st.Next.On.String() != tt.nextOn || st.DaysToGo != tt.toGo {
				t.Errorf("next = %+v in %d days, want %s on %s in %d", st.Next, st.DaysToGo, tt.next, tt.nextOn, tt.toGo)
			}
		})
	}
	t.Run("ReachedInOrder", func(t *testing.T) {
		st := kinship.Milestones(mdate(t, "2025-11-23"), mdate(t, "2026-11-23"))
		var labels []string
		for _, m := range st.Reached {
			labels = append(labels, m.Label)
		}
		if got, want := len(labels), 7; got != want || labels[0] != "1 day" || labels[5] != "6 months" {
			t.Errorf("reached = %v", labels)
		}
	})
	t.Run("NoStart", func(t *testing.T) {
		st := kinship.Milestones(kinship.Date{}, mdate(t, "2026-11-23"))
		if st.Days != 0 || st.Reached != nil || st.Next != nil {
			t.Errorf("got %+v, want nothing", st)
		}
	})
}

func TestValidateRecoveryStart(t *testing.T) {
	today := mdate(t, "2026-11-23")
	for _, tt := range []struct {
		name  string
		start kinship.Date
		ok    bool
	}{
		{"Today", today, true},
		{"LongAgo", mdate(t, "2001-01-01"), true},
		{"Missing", kinship.Date{}, false},
		{"Tomorrow", today.AddDays(1), false},
		{"TwoDigitYear", mdate(t, "0026-11-01"), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := kinship.ValidateRecoveryStart(tt.start, today)
			if ok := err == nil; ok != tt.ok || (!ok && kinship.ErrorFields(err)["start"] == "") {
				t.Errorf("got %v, want ok %t", err, tt.ok)
			}
		})
	}
}

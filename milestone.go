package kinship

import (
	"fmt"
	"time"
)

// Milestone is a point on the way from a client's recovery start date.
type Milestone struct {
	Label string `json:"label"` // "30 days", "6 months"
	On    Date   `json:"on"`    // the day it is reached
	Days  int    `json:"days"`  // days from the start to On
}

// MilestoneStatus is where a client is on the way from their recovery
// start date, as their portal shows it.
type MilestoneStatus struct {
	Start Date `json:"start"` // zero until the client sets it
	Days  int  `json:"days"`  // days since the start
	// Hidden: the client chose not to see the counter.
	Hidden  bool        `json:"hidden"`
	Reached []Milestone `json:"reached"`
	Next    *Milestone  `json:"next"`
	// DaysToGo is how many days until Next.
	DaysToGo int `json:"days_to_go"`
}

// AlertMilestoneReset: a client changed their recovery date and asked
// that their counselor know. It is an ordinary alert, never a safety one.
const AlertMilestoneReset = "milestone_reset"

// Audit actions of the recovery date and milestones.
const (
	ActionMilestoneRead       = "portal.milestone_read"
	ActionMilestoneSet        = "portal.recovery_date"
	ActionMilestoneVisibility = "portal.milestone_visibility"
)

// milestoneStep is a milestone counted in days, or in calendar months
// for 6 months and a year.
type milestoneStep struct {
	label        string
	days, months int
}

var milestoneSteps = []milestoneStep{
	{"1 day", 1, 0}, {"7 days", 7, 0}, {"30 days", 30, 0}, {"60 days", 60, 0}, {"90 days", 90, 0},
	{"6 months", 0, 6}, {"1 year", 0, 12},
}

// step is the i-th milestone: the fixed ones, then every further year.
func step(i int) milestoneStep {
	if i < len(milestoneSteps) {
		return milestoneSteps[i]
	}
	years := i - len(milestoneSteps) + 2
	return milestoneStep{fmt.Sprintf("%d years", years), 0, 12 * years}
}

func (m milestoneStep) from(start Date) Milestone {
	on := start.AddDays(m.days)
	if m.months > 0 {
		on = addMonths(start, m.months)
	}
	return Milestone{Label: m.label, On: on, Days: daysBetween(start, on)}
}

// Milestones works out, from a start date, the days on today, the
// milestones reached and the next one. Past a year, each further year is
// a milestone. A zero or future start reaches nothing.
func Milestones(start, today Date) MilestoneStatus {
	st := MilestoneStatus{Start: start}
	if start.IsZero() || today.Before(start) {
		return st
	}
	st.Days = daysBetween(start, today)
	for i := 0; ; i++ {
		m := step(i).from(start)
		if today.Before(m.On) {
			st.Next, st.DaysToGo = &m, daysBetween(today, m.On)
			return st
		}
		st.Reached = append(st.Reached, m)
	}
}

// Latest is the most recent milestone reached, or nil.
func (s *MilestoneStatus) Latest() *Milestone {
	if len(s.Reached) == 0 {
		return nil
	}
	return &s.Reached[len(s.Reached)-1]
}

// ValidateRecoveryStart checks a recovery start date the client gives:
// required, real, and not in the future.
func ValidateRecoveryStart(start, today Date) error {
	f := FieldErrors{}
	switch {
	case start.IsZero():
		f.Add("start", "Choose the date your recovery started, or restarted.")
	case today.Before(start):
		f.Add("start", "Your recovery date can't be in the future.")
	case start.Before(today.AddYears(-80)):
		f.Add("start", "Enter a date within the last 80 years, with the full year, like 2026.")
	}
	return f.Err()
}

// addMonths moves d by n calendar months to the same day of the month,
// or the month's last day when it is shorter (31 August + 6 months is
// 28 or 29 February).
func addMonths(d Date, n int) Date {
	first := time.Date(d.Year, d.Month+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return Date{first.Year(), first.Month(), min(d.Day, last)}
}

// daysBetween counts the days from a to b.
func daysBetween(a, b Date) int {
	return int(b.In(time.UTC).Sub(a.In(time.UTC)).Hours() / 24)
}

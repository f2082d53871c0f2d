package calendar

import "time"

// HoursStatus says how a client's week stands against the minimum.
type HoursStatus string

// The hours statuses, best first.
const (
	// Met: attended minutes already reach the minimum.
	Met HoursStatus = "met"
	// OnTrack: not met yet, but attending every remaining session would.
	OnTrack HoursStatus = "on_track"
	// AtRisk: even attending every remaining session falls short, so staff
	// should act (add a makeup session, call the client) this week.
	AtRisk HoursStatus = "at_risk"
)

// WeekHours is a client's week against the program minimum (9 h a week for
// adults, 6 h for adolescents). All figures are minutes.
type WeekHours struct {
	Week             Week
	ScheduledMinutes int
	AttendedMinutes  int
	ProjectedMinutes int
	MinimumMinutes   int
	Status           HoursStatus
}

// ClientSession is one scheduled occurrence for a client: when it starts,
// its length in minutes (Occurrence.Minutes), whether attendance was
// Taken, and if so the Credited minutes.
type ClientSession struct {
	Start    time.Time
	Minutes  int
	Taken    bool
	Credited int
}

// Hours weighs sessions, the client's sessions in week w (Hours does not
// filter them by date), against minimumMinutes at instant now.
//
//   - Scheduled is the sum of every session's Minutes.
//   - Attended is the sum of Credited over sessions with attendance Taken.
//   - Projected is Attended plus the Minutes of untaken sessions that have
//     not ended by now. An untaken session that has ended counts 0: the
//     client cannot earn it any more, and assuming attendance would hide
//     a shortfall. A session still running at now counts in full, because
//     attendance is usually taken at its end.
//
// Status is Met when Attended >= minimumMinutes, else OnTrack when
// Projected >= minimumMinutes, else AtRisk.
func Hours(w Week, sessions []ClientSession, minimumMinutes int, now time.Time) WeekHours {
	h := WeekHours{Week: w, MinimumMinutes: minimumMinutes}
	for _, s := range sessions {
		h.ScheduledMinutes += s.Minutes
		switch {
		case s.Taken:
			h.AttendedMinutes += s.Credited
			h.ProjectedMinutes += s.Credited
		case now.Before(s.Start.Add(time.Duration(s.Minutes) * time.Minute)):
			h.ProjectedMinutes += s.Minutes
		}
	}
	switch {
	case h.AttendedMinutes >= minimumMinutes:
		h.Status = Met
	case h.ProjectedMinutes >= minimumMinutes:
		h.Status = OnTrack
	default:
		h.Status = AtRisk
	}
	return h
}

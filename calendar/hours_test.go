package calendar

import (
	"testing"
	"time"
)

func TestHours(t *testing.T) {
	la := zone(t, "America/Los_Angeles")
	w := Week{2026, 48} // Mon 2026-11-23 .. Sun 2026-11-29
	at := func(day, h int) time.Time { return time.Date(2026, 11, day, h, 0, 0, 0, la) }
	// now is Wednesday 2026-11-25 at 10:00, one hour into that day's session.
	now := at(25, 10)
	const adult, adolescent = 9 * 60, 6 * 60

	tests := []struct {
		name                           string
		sessions                       []ClientSession
		minimum                        int
		scheduled, attended, projected int
		status                         HoursStatus
	}{
		{
			name: "met before the week ends",
			sessions: []ClientSession{
				{Start: at(23, 9), Minutes: 180, Taken: true, Credited: 180},
				{Start: at(24, 9), Minutes: 180, Taken: true, Credited: 180},
				{Start: at(24, 13), Minutes: 180, Taken: true, Credited: 180},
				{Start: at(27, 9), Minutes: 180},
			},
			minimum:   adult,
			scheduled: 720, attended: 540, projected: 720, status: Met,
		},
		{
			name: "on track with future sessions",
			sessions: []ClientSession{
				{Start: at(23, 9), Minutes: 180, Taken: true, Credited: 160}, // late 20
				{Start: at(24, 9), Minutes: 180, Taken: true, Credited: 180},
				{Start: at(26, 9), Minutes: 180},
				{Start: at(27, 9), Minutes: 180},
			},
			minimum:   adult,
			scheduled: 720, attended: 340, projected: 700, status: OnTrack,
		},
		{
			name: "a running session without attendance still counts",
			sessions: []ClientSession{
				{Start: at(23, 9), Minutes: 180, Taken: true, Credited: 180},
				{Start: at(24, 9), Minutes: 180, Taken: true, Credited: 180},
				{Start: at(25, 9), Minutes: 180}, // 09:00–12:00, now is 10:00
			},
			minimum:   adult,
			scheduled: 540, attended: 360, projected: 540, status: OnTrack,
		},
		{
			name: "at risk when a past session was not taken",
			sessions: []ClientSession{
				{Start: at(23, 9), Minutes: 180, Taken: true, Credited: 180},
				{Start: at(24, 9), Minutes: 180}, // over, no attendance: counts 0
				{Start: at(26, 9), Minutes: 180},
			},
			minimum:   adult,
			scheduled: 540, attended: 180, projected: 360, status: AtRisk,
		},
		{
			name: "at risk after absences",
			sessions: []ClientSession{
				{Start: at(23, 9), Minutes: 180, Taken: true, Credited: 0}, // unexcused
				{Start: at(24, 9), Minutes: 180, Taken: true, Credited: 135},
				{Start: at(26, 9), Minutes: 180},
				{Start: at(27, 9), Minutes: 180},
			},
			minimum:   adult,
			scheduled: 720, attended: 135, projected: 495, status: AtRisk,
		},
		{
			name: "projected exactly the minimum is on track",
			sessions: []ClientSession{
				{Start: at(23, 9), Minutes: 180, Taken: true, Credited: 179},
				{Start: at(26, 9), Minutes: 181},
			},
			minimum:   adolescent,
			scheduled: 361, attended: 179, projected: 360, status: OnTrack,
		},
		{
			name: "projected one minute short is at risk",
			sessions: []ClientSession{
				{Start: at(23, 9), Minutes: 180, Taken: true, Credited: 179},
				{Start: at(26, 9), Minutes: 180},
			},
			minimum:   adolescent,
			scheduled: 360, attended: 179, projected: 359, status: AtRisk,
		},
		{
			name: "attended exactly the minimum is met",
			sessions: []ClientSession{
				{Start: at(23, 9), Minutes: 180, Taken: true, Credited: 180},
				{Start: at(24, 9), Minutes: 180, Taken: true, Credited: 180},
			},
			minimum:   adolescent,
			scheduled: 360, attended: 360, projected: 360, status: Met,
		},
		{
			name: "attendance taken early for a future session is counted once",
			sessions: []ClientSession{
				{Start: at(27, 9), Minutes: 180, Taken: true, Credited: 0}, // excused ahead of time
				{Start: at(28, 9), Minutes: 180},
			},
			minimum:   adolescent,
			scheduled: 360, attended: 0, projected: 180, status: AtRisk,
		},
		{
			name:      "no sessions",
			minimum:   adult,
			scheduled: 0, attended: 0, projected: 0, status: AtRisk,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Hours(w, tt.sessions, tt.minimum, now)
			want := WeekHours{
				Week:             w,
				ScheduledMinutes: tt.scheduled,
				AttendedMinutes:  tt.attended,
				ProjectedMinutes: tt.projected,
				MinimumMinutes:   tt.minimum,
				Status:           tt.status,
			}
			if got != want {
				t.Errorf("Hours() = %+v\nwant      %+v", got, want)
			}
		})
	}
}

// TestHoursFromExpand feeds a DST-start week of Expand output through
// Hours: the 1-hour spring-forward night session counts 60 minutes.
func TestHoursFromExpand(t *testing.T) {
	la := zone(t, "America/Los_Angeles")
	w := Week{2026, 10} // Mon 2026-03-02 .. Sun 2026-03-08
	days := w.Days()
	mornings := Expand(Rule{Days: weekdays, Start: clock(9, 0), End: clock(12, 0)}, nil, nil, days[0], days[6], la)
	night := Expand(Rule{Days: []time.Weekday{time.Sunday}, Start: clock(1, 0), End: clock(3, 0)}, nil, nil, days[0], days[6], la)
	var sessions []ClientSession
	for _, o := range append(mornings, night...) {
		sessions = append(sessions, ClientSession{Start: o.Start, Minutes: o.Minutes()})
	}
	got := Hours(w, sessions, 16*60, days[0].In(la))
	want := WeekHours{Week: w, ScheduledMinutes: 5*180 + 60, ProjectedMinutes: 5*180 + 60, MinimumMinutes: 16 * 60, Status: OnTrack}
	if got != want {
		t.Errorf("Hours() = %+v\nwant      %+v", got, want)
	}
}

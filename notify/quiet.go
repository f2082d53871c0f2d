package notify

import (
	"time"

	"kinship"
)

// QuietHours is a daily span, in wall-clock time, when no reminder should
// arrive, such as 21:00–08:00. It may wrap midnight. Start == End (as in
// the zero value) means no quiet hours. Both must be 00:00–23:59.
type QuietHours struct {
	Start, End kinship.ClockTime
}

// Defer returns t if t falls outside the quiet hours in loc, or else the
// moment the quiet period containing t ends, in loc.
func (q QuietHours) Defer(t time.Time, loc *time.Location) time.Time {
	if q.Start == q.End {
		return t
	}
	lt := t.In(loc)
	now := kinship.ClockTime(lt.Hour()*60 + lt.Minute())
	y, m, d := lt.Date()
	switch {
	case q.Start < q.End && q.Start <= now && now < q.End, // 01:00–06:00
		q.Start > q.End && now < q.End: // 21:00–08:00, after midnight
		return wallClock(y, m, d, q.End, loc)
	case q.Start > q.End && now >= q.Start: // 21:00–08:00, before midnight
		return wallClock(y, m, d+1, q.End, loc) // time.Date normalizes d+1
	}
	return t
}

// wallClock is the time c on the given day in loc. It counts calendar days,
// not 24-hour steps, so a DST change overnight does not shift the result.
func wallClock(y int, m time.Month, d int, c kinship.ClockTime, loc *time.Location) time.Time {
	t := time.Date(y, m, d, int(c)/60, int(c)%60, 0, 0, loc)
	if got := kinship.ClockTime(t.Hour()*60 + t.Minute()); got != c {
		// c was skipped by a spring-forward gap and time.Date landed on one
		// side of it; the wall clock first reaches c when the clocks jump.
		start, end := t.ZoneBounds()
		if got < c {
			return end
		}
		return start
	}
	return t
}

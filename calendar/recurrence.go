package calendar

import (
	"slices"
	"time"

	"kinship"
)

// Rule is a weekly recurrence: on Days, from Start to End (wall-clock
// times in the site's zone), effective From (inclusive) until Until
// (inclusive). A zero From or Until leaves that end open. End must be after
// Start; a rule that is not describes no meeting and expands to nothing.
type Rule struct {
	Days       []time.Weekday
	Start, End kinship.ClockTime
	From       kinship.Date
	Until      kinship.Date
}

// Exception changes the rule's meeting on one date, On: Cancelled drops
// it; MoveTo (zero = same date) and MoveStart/MoveEnd (both zero = the
// rule's times) move it; Substitute names a stand-in facilitator, an
// opaque ID the caller resolves. An exception on a date the rule does not
// meet is ignored. If several exceptions share a date, the last one wins.
type Exception struct {
	On                 kinship.Date
	Cancelled          bool
	MoveTo             kinship.Date
	MoveStart, MoveEnd kinship.ClockTime
	Substitute         string
}

// Closure is a whole-site closure, such as a holiday, on date On. No
// session meets on a closed date, whether scheduled or moved there.
type Closure struct {
	On     kinship.Date
	Reason string
}

// Occurrence is one concrete meeting on local date Date, with absolute
// Start and End instants. Moved reports that an exception changed its date
// or times; Substitute is the exception's stand-in facilitator, if any.
type Occurrence struct {
	Date       kinship.Date
	Start, End time.Time
	Moved      bool
	Substitute string
}

// Minutes is the real time elapsed from Start to End, in whole minutes.
// Because Start and End are wall-clock times converted separately, a
// session keeps its wall-clock length on ordinary days, including the days
// of a DST change (09:00–12:00 is 180 every day), but one that spans the
// change itself gains or loses the gap: 01:00–03:00 on the US
// spring-forward night is 60, and on the fall-back night it is 180. That
// is the time the client actually spent, which is what hours must count.
func (o Occurrence) Minutes() int { return int(o.End.Sub(o.Start) / time.Minute) }

// Expand lists the occurrences of rule whose (possibly moved) date falls
// between from and to inclusive, sorted by Start. Exceptions are applied
// first, so a meeting moved into the range from outside it is included and
// one moved out is not; then meetings on a closed date are skipped.
//
// Wall-clock times are read in loc. A time that does not exist because
// clocks spring forward moves forward by the gap, reading the time with the
// offset in force before the change (02:30 on 2026-03-08 in
// America/Los_Angeles is 03:30 PDT). A time that happens twice because
// clocks fall back is the first of the two (01:30 on 2026-11-01 is 01:30
// PDT). time.Date leaves both choices unspecified and, for 02:30 in Los
// Angeles, actually moves backward to 01:30 PST, so Expand resolves them
// itself.
func Expand(rule Rule, exceptions []Exception, closures []Closure, from, to kinship.Date, loc *time.Location) []Occurrence {
	if rule.End <= rule.Start {
		return nil
	}
	changes := map[kinship.Date]Exception{}
	for _, e := range exceptions {
		changes[e.On] = e
	}
	closed := map[kinship.Date]bool{}
	for _, c := range closures {
		closed[c.On] = true
	}

	// The dates the rule meets in range, plus any out-of-range dates whose
	// meeting an exception may move into range.
	var dates []kinship.Date
	for d := from; !to.Before(d); d = d.AddDays(1) {
		if meets(rule, d) {
			dates = append(dates, d)
		}
	}
	for on := range changes {
		if (on.Before(from) || to.Before(on)) && meets(rule, on) {
			dates = append(dates, on)
		}
	}
	// Map order is random; sorting keeps ties in Start deterministic.
	slices.SortFunc(dates, func(a, b kinship.Date) int { return a.In(time.UTC).Compare(b.In(time.UTC)) })

	var out []Occurrence
	for _, d := range dates {
		o, ok := occur(rule, changes[d], d, loc)
		if !ok || closed[o.Date] || o.Date.Before(from) || to.Before(o.Date) {
			continue
		}
		out = append(out, o)
	}
	slices.SortStableFunc(out, func(a, b Occurrence) int { return a.Start.Compare(b.Start) })
	return out
}

// meets reports whether rule has a meeting on d, before exceptions.
func meets(rule Rule, d kinship.Date) bool {
	if (!rule.From.IsZero() && d.Before(rule.From)) || (!rule.Until.IsZero() && rule.Until.Before(d)) {
		return false
	}
	return slices.Contains(rule.Days, d.In(time.UTC).Weekday())
}

// occur is the rule's meeting on d after applying e (the zero Exception
// when d has none); ok is false when e cancels it or moves it to a time
// range that ends before it starts.
func occur(rule Rule, e Exception, d kinship.Date, loc *time.Location) (o Occurrence, ok bool) {
	if e.Cancelled {
		return Occurrence{}, false
	}
	day, start, end := d, rule.Start, rule.End
	if !e.MoveTo.IsZero() {
		day = e.MoveTo
	}
	if e.MoveStart != 0 || e.MoveEnd != 0 {
		start, end = e.MoveStart, e.MoveEnd
	}
	if end <= start {
		return Occurrence{}, false
	}
	return Occurrence{
		Date:       day,
		Start:      wallClock(day, start, loc),
		End:        wallClock(day, end, loc),
		Moved:      day != d || start != rule.Start || end != rule.End,
		Substitute: e.Substitute,
	}, true
}

// wallClock is the instant at which clocks in loc read c on d, resolving
// DST gaps forward and overlaps to the earlier instant (see Expand).
func wallClock(d kinship.Date, c kinship.ClockTime, loc *time.Location) time.Time {
	t := time.Date(d.Year, d.Month, d.Day, 0, int(c), 0, 0, loc)
	// wall is the wanted reading as seconds, as if it were UTC; an instant
	// u shows it when u + offset(u) == wall.
	wall := time.Date(d.Year, d.Month, d.Day, 0, int(c), 0, 0, time.UTC).Unix()
	start, end := t.ZoneBounds()

	// The wanted reading can only be shown under the offset of t's zone
	// period or of its neighbours; keep the earliest instant that shows it.
	offsets := []int{offset(t)}
	if !start.IsZero() {
		offsets = append(offsets, offset(start.Add(-time.Second)))
	}
	if !end.IsZero() {
		offsets = append(offsets, offset(end))
	}
	var best time.Time
	found := false
	for _, off := range offsets {
		u := time.Unix(wall-int64(off), 0).In(loc)
		if offset(u) == off && (!found || u.Before(best)) {
			best, found = u, true
		}
	}
	if found {
		return best
	}

	// A gap: read the time with the offset in force before the change. If
	// t is before the change that is t's offset; otherwise t's period began
	// at the change and the offset before it is the previous period's.
	before := offset(t)
	if t.Unix()+int64(before) > wall {
		before = offset(start.Add(-time.Second))
	}
	return time.Unix(wall-int64(before), 0).In(loc)
}

// offset is t's UTC offset in seconds in its location.
func offset(t time.Time) int {
	_, off := t.Zone()
	return off
}

package planner_test

import (
	"cmp"
	"slices"
	"testing"
	"time"

	"kinship/planner"
)

// monday is the week every test plans, in UTC so clock times read plainly.
var monday = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

// at returns Monday at the clock time hm, such as "9:30".
func at(hm string) time.Time {
	c, err := time.Parse("15:04", hm)
	if err != nil {
		panic(err)
	}
	return monday.Add(time.Duration(c.Hour())*time.Hour + time.Duration(c.Minute())*time.Minute)
}

// span returns the Monday interval [from, to).
func span(from, to string) planner.Interval { return planner.Interval{Start: at(from), End: at(to)} }

// covered reports whether iv lies inside the union of ivs. It is written
// independently of the package so the checker does not trust what it checks.
func covered(iv planner.Interval, ivs []planner.Interval) bool {
	sorted := slices.Clone(ivs)
	slices.SortFunc(sorted, func(a, b planner.Interval) int { return a.Start.Compare(b.Start) })
	reach := iv.Start
	for _, w := range sorted {
		if w.Start.After(reach) {
			break
		}
		if w.End.After(reach) {
			reach = w.End
		}
	}
	return !reach.Before(iv.End)
}

// hits reports whether iv overlaps any of ivs.
func hits(iv planner.Interval, ivs []planner.Interval) bool {
	return slices.ContainsFunc(ivs, func(w planner.Interval) bool {
		return w.Start.Before(iv.End) && iv.Start.Before(w.End) && w.Start.Before(w.End)
	})
}

// checkPlan fails t unless plan is a valid answer to p: every client entry
// accounted for exactly once, every booking of the right length with the
// client's own counselor inside everyone's free time, and no client,
// counselor or room in two places at once.
func checkPlan(t *testing.T, p planner.Problem, plan planner.Plan) {
	t.Helper()
	entries := map[string]int{}
	clients := map[string]planner.Client{}
	for _, c := range p.Clients {
		entries[c.ID]++
		if _, ok := clients[c.ID]; !ok {
			clients[c.ID] = c
		}
	}
	var hours, cBusy, rBusy = map[string][]planner.Interval{}, map[string][]planner.Interval{}, map[string][]planner.Interval{}
	rooms := map[string]bool{}
	for _, c := range p.Counselors {
		hours[c.ID] = append(hours[c.ID], c.Hours...)
		cBusy[c.ID] = append(cBusy[c.ID], c.Busy...)
	}
	for _, r := range p.Rooms {
		rooms[r.ID] = true
		rBusy[r.ID] = append(rBusy[r.ID], r.Busy...)
	}
	for _, u := range plan.Unplaced {
		entries[u.Client]--
		if u.Reason == "" {
			t.Errorf("client %s unplaced without a reason", u.Client)
		}
	}
	held := map[string][]planner.Interval{} // "who:id" → booked intervals
	for _, b := range plan.Bookings {
		entries[b.Client]--
		c, ok := clients[b.Client]
		switch {
		case !ok:
			t.Errorf("booking %+v: no such client", b)
		case b.Counselor != c.Counselor:
			t.Errorf("booking %+v: client's counselor is %s", b, c.Counselor)
		case !rooms[b.Room]:
			t.Errorf("booking %+v: no such room", b)
		case b.End.Sub(b.Start) != p.Length:
			t.Errorf("booking %+v: lasts %v, want %v", b, b.End.Sub(b.Start), p.Length)
		case !covered(b.Interval, c.Available) || hits(b.Interval, c.Busy):
			t.Errorf("booking %+v: client not free", b)
		case !covered(b.Interval, hours[b.Counselor]) || hits(b.Interval, cBusy[b.Counselor]):
			t.Errorf("booking %+v: counselor not free", b)
		case hits(b.Interval, rBusy[b.Room]):
			t.Errorf("booking %+v: room busy", b)
		}
		for _, who := range []string{"client:" + b.Client, "counselor:" + b.Counselor, "room:" + b.Room} {
			if hits(b.Interval, held[who]) {
				t.Errorf("booking %+v double-books %s", b, who)
			}
			held[who] = append(held[who], b.Interval)
		}
	}
	for id, n := range entries {
		if n != 0 {
			t.Errorf("client %s: %d entries not accounted for once each in the plan", id, n)
		}
	}
	if !slices.IsSortedFunc(plan.Bookings, func(a, b planner.Booking) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.Counselor, b.Counselor), cmp.Compare(a.Client, b.Client))
	}) {
		t.Errorf("bookings not ordered by start, counselor, client")
	}
}

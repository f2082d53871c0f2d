package planner

import (
	"cmp"
	"slices"
	"time"
)

// Interval is a half-open span of real time [Start, End). One whose End is
// not after its Start is empty and ignored.
type Interval struct{ Start, End time.Time }

// Client wants one session of Problem.Length with Counselor, inside the
// union of its Available windows and outside every Busy interval (its
// other commitments, such as group sessions). ID identifies the person:
// a second entry with the same ID is never booked.
type Client struct {
	ID        string
	Counselor string
	Available []Interval
	Busy      []Interval
}

// Counselor works during the union of Hours and is already booked during
// Busy. Entries sharing an ID are one counselor with both sets of hours.
type Counselor struct {
	ID    string
	Hours []Interval
	Busy  []Interval
}

// Room is free except during Busy; entries sharing an ID are one room.
// Telehealth can be modelled as a room with no Busy, one per concurrent
// call the program can hold.
type Room struct {
	ID   string
	Busy []Interval
}

// Problem is one week to plan. Sessions last Length and start on a grid of
// max(Step, Length) anchored at the earliest counselor Hours start; Step 0
// means Length, and a Step below Length is raised to it (see the package
// comment for why).
type Problem struct {
	Clients    []Client
	Counselors []Counselor
	Rooms      []Room
	Length     time.Duration
	Step       time.Duration
}

// Booking is one session: who meets whom, where and when.
type Booking struct {
	Client, Counselor, Room string
	Interval
}

// Unplaced is a client left without a session, with the reason in plain
// words for the person doing the scheduling.
type Unplaced struct {
	Client string
	Reason string
}

// Plan is the outcome for every client entry: each is either booked or
// unplaced, never both. Bookings are ordered by start, counselor and
// client; Unplaced by client.
type Plan struct {
	Bookings []Booking
	Unplaced []Unplaced
}

// slotKey names one counselor's session at grid slot k.
type slotKey struct {
	counselor string
	k         int
}

// Solve returns a plan that books the greatest number of clients possible
// on the slot grid. No counselor, client or room is ever booked twice at
// once; each booking lies within the client's availability and the
// counselor's hours and avoids every Busy interval of client, counselor and
// room. A client with a bookable slot who still goes unplaced is reported
// as crowded out: placing them would cost some other client their session.
// The same Problem always gives the same Plan, and reordering the entries
// of its slices changes nothing unless client IDs repeat.
func Solve(p Problem) Plan {
	m := build(p)
	var g network
	src, sink := g.node(), g.node()
	slotNode := map[slotKey]int{}
	pointNode := map[int]int{} // grid index → node limited by its free rooms
	clientNode := make([]int, len(m.requests))
	firstArc := make([]int, len(m.requests)) // slot arcs follow on in slot order
	for i, r := range m.requests {
		c := g.node()
		g.link(src, c, 1)
		clientNode[i] = c
		for j, k := range r.slots {
			key := slotKey{r.counselor, k}
			s, ok := slotNode[key]
			if !ok {
				s = g.node()
				slotNode[key] = s
				pt, ok := pointNode[k]
				if !ok {
					pt = g.node()
					pointNode[k] = pt
					g.link(pt, sink, len(m.free[k]))
				}
				g.link(s, pt, 1)
			}
			if a := g.link(c, s, 1); j == 0 {
				firstArc[i] = a
			}
		}
	}
	g.maxFlow(src, sink)

	chosen := make([]int, len(m.requests))
	for i, r := range m.requests {
		chosen[i] = -1
		for j, k := range r.slots {
			if g.adj[clientNode[i]][firstArc[i]+j].flow > 0 {
				chosen[i] = k
			}
		}
	}
	return m.plan(chosen, "every slot that fits is needed by other clients")
}

// plan turns one grid slot per request (-1 for none) into a Plan, handing
// out each slot's free rooms in ID order and giving unmatched requests the
// reason given. The chosen slots must respect counselor and room capacity.
func (m *model) plan(chosen []int, unmatched string) Plan {
	var out Plan
	handed := map[int]int{} // rooms already given out per grid slot
	for i, r := range m.requests {
		k := chosen[i]
		if k < 0 {
			out.Unplaced = append(out.Unplaced, Unplaced{r.client, unmatched})
			continue
		}
		start := m.at(k)
		out.Bookings = append(out.Bookings, Booking{
			Client:    r.client,
			Counselor: r.counselor,
			Room:      m.free[k][handed[k]],
			Interval:  Interval{start, start.Add(m.length)},
		})
		handed[k]++
	}
	out.Unplaced = append(out.Unplaced, m.unplaced...)
	slices.SortFunc(out.Bookings, func(a, b Booking) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.Counselor, b.Counselor), cmp.Compare(a.Client, b.Client))
	})
	slices.SortStableFunc(out.Unplaced, func(a, b Unplaced) int { return cmp.Compare(a.Client, b.Client) })
	return out
}

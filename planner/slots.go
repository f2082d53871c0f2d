package planner

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"time"
)

// normalize returns the union of ivs as sorted, disjoint, non-touching
// intervals without empty ones. Merging touching intervals matters: hours
// given as 08:00–12:00 and 12:00–17:00 must still hold an 11:30 session.
func normalize(ivs []Interval) []Interval {
	out := make([]Interval, 0, len(ivs))
	for _, iv := range ivs {
		if iv.End.After(iv.Start) {
			out = append(out, iv)
		}
	}
	slices.SortFunc(out, func(a, b Interval) int { return a.Start.Compare(b.Start) })
	merged := out[:0]
	for _, iv := range out {
		if n := len(merged); n > 0 && !iv.Start.After(merged[n-1].End) {
			if iv.End.After(merged[n-1].End) {
				merged[n-1].End = iv.End
			}
			continue
		}
		merged = append(merged, iv)
	}
	return merged
}

// subtract returns the parts of free that lie outside busy; both must be
// normalized, and so is the result.
func subtract(free, busy []Interval) []Interval {
	var out []Interval
	j := 0
	for _, f := range free {
		start := f.Start
		for j < len(busy) && !busy[j].End.After(start) {
			j++
		}
		// k, not j, walks on: a busy span may reach into the next free one.
		for k := j; k < len(busy) && busy[k].Start.Before(f.End); k++ {
			if busy[k].Start.After(start) {
				out = append(out, Interval{start, busy[k].Start})
			}
			if busy[k].End.After(start) {
				start = busy[k].End
			}
		}
		if f.End.After(start) {
			out = append(out, Interval{start, f.End})
		}
	}
	return out
}

// contains reports whether [s, e) lies inside the normalized set ivs.
func contains(ivs []Interval, s, e time.Time) bool {
	i := sort.Search(len(ivs), func(i int) bool { return ivs[i].Start.After(s) }) - 1
	return i >= 0 && !ivs[i].End.Before(e)
}

// overlaps reports whether [s, e) meets the normalized set ivs.
func overlaps(ivs []Interval, s, e time.Time) bool {
	i := sort.Search(len(ivs), func(i int) bool { return ivs[i].End.After(s) })
	return i < len(ivs) && ivs[i].Start.Before(e)
}

// request is a client with at least one bookable slot: a grid index at
// which the client and its counselor are free and some room is too.
type request struct {
	client, counselor string
	slots             []int // ascending
}

// room is a Room with its Busy intervals merged across duplicate IDs.
type room struct {
	id   string
	busy []Interval
}

// model is a Problem reduced to the slot grid described in the package
// comment; Solve and FirstFit differ only in how they choose among it.
type model struct {
	anchor       time.Time
	grid, length time.Duration
	rooms        []room           // by ID
	free         map[int][]string // grid index → IDs of rooms free there
	requests     []request        // by client ID
	unplaced     []Unplaced       // clients out before any choosing
}

// at returns the start of grid slot k.
func (m *model) at(k int) time.Time { return m.anchor.Add(time.Duration(k) * m.grid) }

// build sorts and merges the inputs, lays out the grid and works out every
// client's bookable slots, or the reason there are none.
func build(p Problem) *model {
	m := &model{grid: max(p.Step, p.Length), length: p.Length, free: map[int][]string{}}
	clients := slices.Clone(p.Clients)
	slices.SortStableFunc(clients, func(a, b Client) int { return cmp.Compare(a.ID, b.ID) })
	if p.Length <= 0 {
		for _, c := range clients {
			m.unplaced = append(m.unplaced, Unplaced{c.ID, "session length must be positive"})
		}
		return m
	}
	slots := m.counselorSlots(p.Counselors)
	m.rooms = mergeRooms(p.Rooms)
	for i, c := range clients {
		if i > 0 && clients[i-1].ID == c.ID {
			// Booking both entries would double-book one person.
			m.unplaced = append(m.unplaced, Unplaced{c.ID, "duplicate client ID; only its first entry is planned"})
			continue
		}
		if r, reason := m.consider(c, slots); reason != "" {
			m.unplaced = append(m.unplaced, Unplaced{c.ID, reason})
		} else {
			m.requests = append(m.requests, r)
		}
	}
	return m
}

// counselorSlots sets the grid anchor and returns each counselor's free
// grid slots, merging entries that share an ID. Every counselor has a key,
// even one without slots, so unknown counselors can be told apart.
func (m *model) counselorSlots(cs []Counselor) map[string][]int {
	hours, busy := map[string][]Interval{}, map[string][]Interval{}
	first := true
	for _, c := range cs {
		hours[c.ID] = append(hours[c.ID], c.Hours...)
		busy[c.ID] = append(busy[c.ID], c.Busy...)
		for _, h := range c.Hours {
			if h.End.After(h.Start) && (first || h.Start.Before(m.anchor)) {
				m.anchor, first = h.Start, false
			}
		}
	}
	slots := make(map[string][]int, len(hours))
	for id, h := range hours {
		var ks []int
		for _, f := range subtract(normalize(h), normalize(busy[id])) {
			// Free time never starts before the anchor, so this rounds up.
			k := int((f.Start.Sub(m.anchor) + m.grid - 1) / m.grid)
			for ; !m.at(k).Add(m.length).After(f.End); k++ {
				ks = append(ks, k)
			}
		}
		slots[id] = ks
	}
	return slots
}

// mergeRooms returns the rooms in ID order, one per ID.
func mergeRooms(rs []Room) []room {
	busy := map[string][]Interval{}
	for _, r := range rs {
		busy[r.ID] = append(busy[r.ID], r.Busy...)
	}
	out := make([]room, 0, len(busy))
	for id, b := range busy {
		out = append(out, room{id, normalize(b)})
	}
	slices.SortFunc(out, func(a, b room) int { return cmp.Compare(a.id, b.id) })
	return out
}

// roomsFree returns, in ID order, the rooms free for a whole session at
// grid slot k, remembering the answer because many clients ask.
func (m *model) roomsFree(k int) []string {
	if ids, ok := m.free[k]; ok {
		return ids
	}
	s := m.at(k)
	ids := []string{}
	for _, r := range m.rooms {
		if !overlaps(r.busy, s, s.Add(m.length)) {
			ids = append(ids, r.id)
		}
	}
	m.free[k] = ids
	return ids
}

// consider returns c's bookable slots, or else the most specific reason
// that it has none.
func (m *model) consider(c Client, slots map[string][]int) (request, string) {
	cs, ok := slots[c.Counselor]
	if !ok {
		return request{}, fmt.Sprintf("counselor %q is not among the counselors", c.Counselor)
	}
	free := subtract(normalize(c.Available), normalize(c.Busy))
	if !slices.ContainsFunc(free, func(iv Interval) bool { return iv.End.Sub(iv.Start) >= m.length }) {
		return request{}, fmt.Sprintf("the client has no free window as long as a session (%v)", m.length)
	}
	if len(cs) == 0 {
		return request{}, fmt.Sprintf("counselor %s has no free time as long as a session (%v)", c.Counselor, m.length)
	}
	r := request{client: c.ID, counselor: c.Counselor}
	shared := false
	for _, k := range cs {
		if !contains(free, m.at(k), m.at(k).Add(m.length)) {
			continue
		}
		shared = true
		if len(m.roomsFree(k)) > 0 {
			r.slots = append(r.slots, k)
		}
	}
	switch {
	case !shared:
		return request{}, fmt.Sprintf("no time when both %s and the client are free", c.Counselor)
	case len(r.slots) == 0:
		return request{}, fmt.Sprintf("no room is free at any time when both %s and the client are free", c.Counselor)
	}
	return r, ""
}

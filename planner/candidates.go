package planner

// Candidates returns, for each client that has any, every interval at
// which a session could be booked for it on its own: the client, its
// counselor and some room all free. It is "find a time" for one person,
// where Solve is the plan for everyone.
func Candidates(p Problem) map[string][]Interval {
	m := build(p)
	out := map[string][]Interval{}
	for _, r := range m.requests {
		for _, k := range r.slots {
			out[r.client] = append(out[r.client], Interval{m.at(k), m.at(k).Add(m.length)})
		}
	}
	return out
}

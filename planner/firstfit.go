package planner

// FirstFit is the naive baseline: clients in ID order each take their
// earliest slot whose counselor and some room are still free, and are never
// moved again. Its plans are as safe as Solve's, never double-booking
// anyone or anything, but can place fewer clients: an early, flexible client
// may take the only slot a later one could use. It exists so tests and
// benchmarks can show what Solve buys.
func FirstFit(p Problem) Plan {
	m := build(p)
	chosen := make([]int, len(m.requests))
	taken := map[slotKey]bool{}
	rooms := map[int]int{} // rooms already handed out per grid slot
	for i, r := range m.requests {
		chosen[i] = -1
		for _, k := range r.slots {
			key := slotKey{r.counselor, k}
			if !taken[key] && rooms[k] < len(m.free[k]) {
				taken[key] = true
				rooms[k]++
				chosen[i] = k
				break
			}
		}
	}
	return m.plan(chosen, "every slot that fits was taken by clients earlier in ID order")
}

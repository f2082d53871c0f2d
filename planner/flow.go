package planner

import "math"

// network is a flow network solved with Dinic's algorithm: breadth-first
// levels, then blocking flows along them. On the planner's unit-capacity
// graph this runs in O(E·√V), far below what a week's roster needs.
type network struct {
	adj   [][]arc
	level []int
	next  []int // per node, the first arc not yet known to be saturated
}

// arc is one direction of an edge; its twin is adj[to][rev]. A reverse
// arc has cap 0 and carries negative flow, so cap-flow is always the
// residual capacity.
type arc struct{ to, rev, cap, flow int }

// node adds a node and returns its number.
func (g *network) node() int {
	g.adj = append(g.adj, nil)
	return len(g.adj) - 1
}

// link adds an edge of capacity cap and returns its index in adj[from].
// Arcs are tried in the order they were linked, which is what makes the
// result deterministic and biased towards earlier slots.
func (g *network) link(from, to, cap int) int {
	g.adj[from] = append(g.adj[from], arc{to: to, rev: len(g.adj[to]), cap: cap})
	g.adj[to] = append(g.adj[to], arc{to: from, rev: len(g.adj[from]) - 1})
	return len(g.adj[from]) - 1
}

// maxFlow pushes as much flow as possible from s to t and returns it; the
// flow on each arc is left in place for the caller to read.
func (g *network) maxFlow(s, t int) int {
	g.level = make([]int, len(g.adj))
	g.next = make([]int, len(g.adj))
	total := 0
	for g.levels(s, t) {
		clear(g.next)
		for f := g.push(s, t, math.MaxInt); f > 0; f = g.push(s, t, math.MaxInt) {
			total += f
		}
	}
	return total
}

// levels numbers nodes by residual distance from s and reports whether t
// is still reachable, that is whether an augmenting path remains.
func (g *network) levels(s, t int) bool {
	for i := range g.level {
		g.level[i] = -1
	}
	g.level[s] = 0
	queue := []int{s}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, a := range g.adj[v] {
			if a.cap > a.flow && g.level[a.to] < 0 {
				g.level[a.to] = g.level[v] + 1
				queue = append(queue, a.to)
			}
		}
	}
	return g.level[t] >= 0
}

// push sends up to limit units along one level-increasing path from v to
// t and returns how much it sent. Advancing next[v] past dead arcs keeps a
// phase linear in the number of arcs.
func (g *network) push(v, t, limit int) int {
	if v == t {
		return limit
	}
	for ; g.next[v] < len(g.adj[v]); g.next[v]++ {
		a := &g.adj[v][g.next[v]]
		if a.cap <= a.flow || g.level[a.to] != g.level[v]+1 {
			continue
		}
		if f := g.push(a.to, t, min(limit, a.cap-a.flow)); f > 0 {
			a.flow += f
			g.adj[a.to][a.rev].flow -= f
			return f
		}
	}
	return 0
}

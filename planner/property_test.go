package planner_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"kinship/planner"
)

// window returns a random Monday interval of 2 to 8 units starting on a
// unit from 8:00; half-hour units cut across the hourly grid.
func window(r *rand.Rand, unit time.Duration) planner.Interval {
	start := at("8:00").Add(time.Duration(r.IntN(int(9*time.Hour/unit))) * unit)
	return planner.Interval{Start: start, End: start.Add(time.Duration(2+r.IntN(7)) * unit)}
}

// some returns between 0 and n random windows of half-hour units.
func some(r *rand.Rand, n int) []planner.Interval {
	var out []planner.Interval
	for range r.IntN(n + 1) {
		out = append(out, window(r, 30*time.Minute))
	}
	return out
}

// randomProblem is a small, crowded Monday: counselor hours on the hour
// within 8:00–17:00, so the grid lines up with bruteForce's; each client
// free for a window on the hour and maybe one on the half-hour; busy times
// on the half-hour; now and then a client of an unknown counselor.
func randomProblem(r *rand.Rand) planner.Problem {
	shapes := []struct{ length, step time.Duration }{
		{time.Hour, time.Hour}, {time.Hour, 0}, {time.Hour, 30 * time.Minute}, {50 * time.Minute, time.Hour},
	}
	shape := shapes[r.IntN(len(shapes))]
	p := planner.Problem{Length: shape.length, Step: shape.step}
	for i := range 1 + r.IntN(2) {
		c := planner.Counselor{ID: fmt.Sprint("c", i), Busy: some(r, 1)}
		for range 1 + r.IntN(2) {
			from := r.IntN(5)
			start := at("8:00").Add(time.Duration(from) * time.Hour)
			c.Hours = append(c.Hours, planner.Interval{Start: start, End: start.Add(time.Duration(2+r.IntN(8-from)) * time.Hour)})
		}
		p.Counselors = append(p.Counselors, c)
	}
	for i := range 1 + r.IntN(2) {
		p.Rooms = append(p.Rooms, planner.Room{ID: fmt.Sprint("r", i), Busy: some(r, 1)})
	}
	for i := range 4 + r.IntN(7) {
		co := fmt.Sprint("c", r.IntN(len(p.Counselors)))
		if r.IntN(10) == 0 {
			co = "nobody"
		}
		p.Clients = append(p.Clients, planner.Client{ID: fmt.Sprint("p", i), Counselor: co, Available: append(some(r, 1), window(r, time.Hour)), Busy: some(r, 1)})
	}
	return p
}

// bruteForce returns the most clients any placement can book, trying every
// combination of (grid start, room) per client. Its grid is the documented
// one, max(Step, Length) from 8:00, which is on the grid of randomProblem.
func bruteForce(p planner.Problem) int {
	grid := max(p.Step, p.Length)
	type option struct {
		counselor, room string
		k               int
	}
	options := make([][]option, len(p.Clients))
	for i, c := range p.Clients {
		for k := 0; ; k++ {
			iv := planner.Interval{Start: at("8:00").Add(time.Duration(k) * grid)}
			iv.End = iv.Start.Add(p.Length)
			if iv.End.After(at("17:00")) {
				break
			}
			if !covered(iv, c.Available) || hits(iv, c.Busy) {
				continue
			}
			for _, co := range p.Counselors {
				if co.ID != c.Counselor || !covered(iv, co.Hours) || hits(iv, co.Busy) {
					continue
				}
				for _, r := range p.Rooms {
					if !hits(iv, r.Busy) {
						options[i] = append(options[i], option{co.ID, r.ID, k})
					}
				}
			}
		}
	}
	used := map[string]bool{}
	best := 0
	var search func(i, placed int)
	search = func(i, placed int) {
		best = max(best, placed)
		if i == len(options) || placed+len(options)-i <= best {
			return
		}
		for _, o := range options[i] {
			ck, rk := fmt.Sprint("c/", o.counselor, o.k), fmt.Sprint("r/", o.room, o.k)
			if used[ck] || used[rk] {
				continue
			}
			used[ck], used[rk] = true, true
			search(i+1, placed+1)
			used[ck], used[rk] = false, false
		}
		search(i+1, placed)
	}
	search(0, 0)
	return best
}

// TestSolveIsOptimal compares Solve with exhaustive search on 200 seeded
// random problems, checking every plan; FirstFit must never beat Solve and
// should fall short on some, or the problems are too easy to show anything.
func TestSolveIsOptimal(t *testing.T) {
	short := 0
	for seed := range uint64(200) {
		p := randomProblem(rand.New(rand.NewPCG(seed, 7)))
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			plan, naive := planner.Solve(p), planner.FirstFit(p)
			checkPlan(t, p, plan)
			checkPlan(t, p, naive)
			if got, want := len(plan.Bookings), bruteForce(p); got != want {
				t.Errorf("Solve booked %d, exhaustive search %d", got, want)
			}
			if len(naive.Bookings) > len(plan.Bookings) {
				t.Errorf("FirstFit booked %d, more than Solve's %d", len(naive.Bookings), len(plan.Bookings))
			}
			if len(naive.Bookings) < len(plan.Bookings) {
				short++
			}
		})
	}
	t.Logf("FirstFit fell short on %d of 200 problems", short)
	if short == 0 {
		t.Error("FirstFit never fell short; the random problems prove nothing")
	}
}

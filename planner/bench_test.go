package planner_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"kinship/planner"
)

// week is a realistic, reproducible IOP week: 12 counselors working
// Monday–Friday 08:00–17:00, every other one running a group 09:00–12:00;
// 300 clients, 25 per counselor, in group 09:00–12:00 each weekday and free
// on some afternoons and evenings for two to five hours; six rooms, one
// taken on Wednesday afternoon; hour-long sessions on the hour.
func week(seed uint64) planner.Problem {
	r := rand.New(rand.NewPCG(seed, 0))
	on := func(day int, from, to time.Duration) planner.Interval {
		d := monday.AddDate(0, 0, day)
		return planner.Interval{Start: d.Add(from), End: d.Add(to)}
	}
	p := planner.Problem{Length: time.Hour, Step: time.Hour}
	for i := range 12 {
		c := planner.Counselor{ID: fmt.Sprintf("c%02d", i+1)}
		for day := range 5 {
			c.Hours = append(c.Hours, on(day, 8*time.Hour, 17*time.Hour))
			if i%2 == 0 {
				c.Busy = append(c.Busy, on(day, 9*time.Hour, 12*time.Hour))
			}
		}
		p.Counselors = append(p.Counselors, c)
	}
	for i := range 6 {
		p.Rooms = append(p.Rooms, planner.Room{ID: fmt.Sprint("room", i+1)})
	}
	p.Rooms[5].Busy = []planner.Interval{on(2, 12*time.Hour, 17*time.Hour)}
	for i := range 300 {
		c := planner.Client{ID: fmt.Sprintf("p%03d", i+1), Counselor: p.Counselors[i%12].ID}
		for day := range 5 {
			c.Busy = append(c.Busy, on(day, 9*time.Hour, 12*time.Hour))
			if r.IntN(10) < 6 {
				from := 12*time.Hour + time.Duration(r.IntN(9))*30*time.Minute
				c.Available = append(c.Available, on(day, from, from+2*time.Hour+time.Duration(r.IntN(7))*30*time.Minute))
			}
		}
		p.Clients = append(p.Clients, c)
	}
	return p
}

func benchmark(b *testing.B, plan func(planner.Problem) planner.Plan) {
	p := week(1)
	var booked int
	for b.Loop() {
		booked = len(plan(p).Bookings)
	}
	b.ReportMetric(float64(booked), "booked")
}

func BenchmarkSolve300x12(b *testing.B)    { benchmark(b, planner.Solve) }
func BenchmarkFirstFit300x12(b *testing.B) { benchmark(b, planner.FirstFit) }

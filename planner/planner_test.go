package planner_test

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"kinship/planner"
)

// counselor works 9:00–17:00 on Monday unless given other hours.
func counselor(id string, hours ...planner.Interval) planner.Counselor {
	if hours == nil {
		hours = []planner.Interval{span("9:00", "17:00")}
	}
	return planner.Counselor{ID: id, Hours: hours}
}

// client sees counselor co and is free during avail.
func client(id, co string, avail ...planner.Interval) planner.Client {
	return planner.Client{ID: id, Counselor: co, Available: avail}
}

var (
	sam, kim = counselor("sam"), counselor("kim")
	oneRoom  = []planner.Room{{ID: "r1"}}
)

// describe renders a plan as client → "15:04 room" for bookings and
// client → reason for the unplaced, so cases can state what they expect.
func describe(plan planner.Plan) (booked, unplaced map[string]string) {
	booked, unplaced = map[string]string{}, map[string]string{}
	for _, b := range plan.Bookings {
		booked[b.Client] = b.Start.Format("15:04") + " " + b.Room
	}
	for _, u := range plan.Unplaced {
		unplaced[u.Client] = u.Reason
	}
	return booked, unplaced
}

func TestSolve(t *testing.T) {
	tests := []struct {
		name     string
		p        planner.Problem
		booked   map[string]string // client → "15:04 room"
		unplaced map[string]string // client → words the reason must contain
	}{{
		name: "flexible client yields the early slot",
		p: planner.Problem{Counselors: []planner.Counselor{sam}, Rooms: oneRoom, Length: time.Hour, Clients: []planner.Client{
			client("A", "sam", span("9:00", "11:00")),
			client("B", "sam", span("9:00", "10:00")),
		}},
		booked: map[string]string{"A": "10:00 r1", "B": "09:00 r1"},
	}, {
		name: "one room for two counselors at one time",
		p: planner.Problem{Counselors: []planner.Counselor{sam, kim}, Rooms: oneRoom, Length: time.Hour, Clients: []planner.Client{
			client("A", "sam", span("9:00", "10:00")),
			client("B", "kim", span("9:00", "10:00")),
		}},
		booked:   map[string]string{"A": "09:00 r1"},
		unplaced: map[string]string{"B": "every slot that fits is needed by other clients"},
	}, {
		name: "two rooms handed out in ID order",
		p: planner.Problem{Counselors: []planner.Counselor{sam, kim}, Rooms: []planner.Room{{ID: "r2"}, {ID: "r1"}}, Length: time.Hour, Clients: []planner.Client{
			client("B", "kim", span("9:00", "10:00")),
			client("A", "sam", span("9:00", "10:00")),
		}},
		booked: map[string]string{"A": "09:00 r1", "B": "09:00 r2"},
	}, {
		name: "reasons before matching",
		p: planner.Problem{
			Counselors: []planner.Counselor{sam, {ID: "lee", Hours: []planner.Interval{span("9:00", "17:00")}, Busy: []planner.Interval{span("8:00", "18:00")}}},
			Rooms:      []planner.Room{{ID: "r1", Busy: []planner.Interval{span("15:00", "16:00")}}},
			Length:     time.Hour,
			Clients: []planner.Client{
				client("ghost", "zoe", span("9:00", "17:00")),
				client("evening", "sam", span("18:00", "20:00")),
				client("short", "sam", span("9:00", "9:30"), span("10:00", "10:45")),
				{ID: "split", Counselor: "sam", Available: []planner.Interval{span("9:00", "11:00")}, Busy: []planner.Interval{span("9:30", "10:30")}},
				client("lees", "lee", span("9:00", "17:00")),
				client("roomless", "sam", span("15:00", "16:00")),
			},
		},
		unplaced: map[string]string{
			"ghost":    `counselor "zoe" is not among the counselors`,
			"evening":  "no time when both sam and the client are free",
			"short":    "no free window as long as a session",
			"split":    "no free window as long as a session",
			"lees":     "counselor lee has no free time",
			"roomless": "no room is free",
		},
	}, {
		name: "step below length is raised to length",
		p: planner.Problem{Counselors: []planner.Counselor{counselor("sam", span("9:00", "12:00"))}, Rooms: oneRoom, Length: time.Hour, Step: 30 * time.Minute, Clients: []planner.Client{
			client("A", "sam", span("9:00", "10:30")),
			client("B", "sam", span("9:30", "11:30")),
			client("C", "sam", span("9:30", "10:30")),
		}},
		booked:   map[string]string{"A": "09:00 r1", "B": "10:00 r1"},
		unplaced: map[string]string{"C": "no time when both sam and the client are free"},
	}, {
		name: "step above length leaves gaps",
		p: planner.Problem{Counselors: []planner.Counselor{counselor("sam", span("9:00", "12:00"))}, Rooms: oneRoom, Length: 50 * time.Minute, Step: time.Hour, Clients: []planner.Client{
			client("A", "sam", span("9:00", "12:00")),
			client("B", "sam", span("9:00", "12:00")),
			client("C", "sam", span("9:00", "12:00")),
			client("D", "sam", span("9:00", "12:00")),
		}},
		booked:   map[string]string{"A": "09:00 r1", "B": "10:00 r1", "C": "11:00 r1"},
		unplaced: map[string]string{"D": "needed by other clients"},
	}, {
		name: "one grid for all counselors",
		p: planner.Problem{Counselors: []planner.Counselor{counselor("sam", span("8:00", "17:00")), counselor("kim", span("9:30", "12:00"))}, Rooms: oneRoom, Length: time.Hour, Clients: []planner.Client{
			client("A", "kim", span("9:00", "17:00")),
			client("B", "kim", span("9:30", "10:30")),
		}},
		booked:   map[string]string{"A": "10:00 r1"},
		unplaced: map[string]string{"B": "no time when both kim and the client are free"},
	}, {
		name: "touching hours and duplicate counselor entries join up",
		p: planner.Problem{Counselors: []planner.Counselor{counselor("sam", span("9:00", "9:30")), counselor("sam", span("9:30", "11:00"))}, Rooms: oneRoom, Length: time.Hour, Clients: []planner.Client{
			client("A", "sam", span("9:00", "10:00")),
		}},
		booked: map[string]string{"A": "09:00 r1"},
	}, {
		name: "duplicate client is booked once",
		p: planner.Problem{Counselors: []planner.Counselor{sam}, Rooms: oneRoom, Length: time.Hour, Clients: []planner.Client{
			client("A", "sam", span("9:00", "10:00")),
			client("A", "sam", span("11:00", "12:00")),
		}},
		booked:   map[string]string{"A": "09:00 r1"},
		unplaced: map[string]string{"A": "duplicate client ID"},
	}, {
		name: "no length",
		p: planner.Problem{Counselors: []planner.Counselor{sam}, Rooms: oneRoom, Clients: []planner.Client{
			client("A", "sam", span("9:00", "10:00")),
		}},
		unplaced: map[string]string{"A": "session length must be positive"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := planner.Solve(tt.p)
			checkPlan(t, tt.p, plan)
			booked, unplaced := describe(plan)
			if !maps.Equal(booked, tt.booked) {
				t.Errorf("booked = %v, want %v", booked, tt.booked)
			}
			if len(unplaced) != len(tt.unplaced) {
				t.Errorf("unplaced = %v, want %v", unplaced, tt.unplaced)
			}
			for id, want := range tt.unplaced {
				if got := unplaced[id]; !strings.Contains(got, want) {
					t.Errorf("reason for %s = %q, want it to contain %q", id, got, want)
				}
			}
		})
	}
}

// TestFirstFitFallsShort is the case that motivates Solve: taking the
// earliest slot for A leaves nothing for B, who can only come at 9:00.
func TestFirstFitFallsShort(t *testing.T) {
	p := planner.Problem{Counselors: []planner.Counselor{sam}, Rooms: oneRoom, Length: time.Hour, Clients: []planner.Client{
		client("A", "sam", span("9:00", "11:00")),
		client("B", "sam", span("9:00", "10:00")),
	}}
	naive, best := planner.FirstFit(p), planner.Solve(p)
	checkPlan(t, p, naive)
	checkPlan(t, p, best)
	if got, want := len(naive.Bookings), 1; got != want {
		t.Errorf("FirstFit booked %d, want %d", got, want)
	}
	if got, want := len(best.Bookings), 2; got != want {
		t.Errorf("Solve booked %d, want the optimum %d", got, want)
	}
	want := []planner.Unplaced{{Client: "B", Reason: "every slot that fits was taken by clients earlier in ID order"}}
	if !reflect.DeepEqual(naive.Unplaced, want) {
		t.Errorf("FirstFit unplaced = %v, want %v", naive.Unplaced, want)
	}
}

// TestDeterministic plans the benchmark week twice and once more from
// reversed inputs: the plans must be identical.
func TestDeterministic(t *testing.T) {
	p := week(1)
	first := planner.Solve(p)
	checkPlan(t, p, first)
	if again := planner.Solve(p); !reflect.DeepEqual(again, first) {
		t.Fatal("second Solve differs from the first")
	}
	rev := p
	rev.Clients, rev.Counselors, rev.Rooms = slices.Clone(p.Clients), slices.Clone(p.Counselors), slices.Clone(p.Rooms)
	slices.Reverse(rev.Clients)
	slices.Reverse(rev.Counselors)
	slices.Reverse(rev.Rooms)
	if got := planner.Solve(rev); !reflect.DeepEqual(got, first) {
		t.Fatal("Solve on reversed inputs differs")
	}
}

func TestCandidates(t *testing.T) {
	day := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	at := func(h int) time.Time { return day.Add(time.Duration(h) * time.Hour) }
	p := planner.Problem{
		Clients:    []planner.Client{{ID: "a", Counselor: "sam", Available: []planner.Interval{{at(13), at(17)}}, Busy: []planner.Interval{{at(14), at(15)}}}},
		Counselors: []planner.Counselor{{ID: "sam", Hours: []planner.Interval{{at(9), at(17)}}, Busy: []planner.Interval{{at(15), at(16)}}}},
		Rooms:      []planner.Room{{ID: "r1"}},
		Length:     time.Hour,
	}
	got := planner.Candidates(p)["a"]
	// 13:00 and 16:00 are free for both; 14:00 is the client's, 15:00 Sam's.
	if len(got) != 2 || !got[0].Start.Equal(at(13)) || !got[1].Start.Equal(at(16)) {
		t.Errorf("Candidates = %v, want 13:00 and 16:00", got)
	}
}

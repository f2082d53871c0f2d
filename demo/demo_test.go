package demo_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"kinship"
	"kinship/calendar"
	"kinship/demo"
	"kinship/store/storetest"
)

func TestSeedCalendar(t *testing.T) {
	la, _ := time.LoadLocation(demo.Timezone)
	for _, tc := range []struct {
		name string
		now  time.Time
	}{
		// Thanksgiving week, before the first session.
		{"MondayMorning", time.Date(2026, 11, 23, 8, 0, 0, 0, la)},
		{"WednesdayAfternoon", time.Date(2026, 12, 9, 14, 0, 0, 0, la)},
		{"Saturday", time.Date(2027, 3, 13, 10, 0, 0, 0, la)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := storetest.Open(t, "sqlite")
			db.Clock.T = tc.now
			if _, err := demo.Seed(context.Background(), demo.AllServices(db.Store), tc.now); err != nil {
				t.Fatal(err)
			}
			checkSeed(t, db, tc.now.In(la))
		})
	}
}

func checkSeed(t *testing.T, db *storetest.DB, now time.Time) {
	ctx := kinship.SystemContext(context.Background())
	week := calendar.WeekOf(kinship.DateOf(now))
	monday := week.Monday()
	tracks, err := db.ListTracks(ctx)
	if err != nil || len(tracks) != 1 || tracks[0].Name != demo.TrackName {
		t.Fatalf("tracks = %v, %v", tracks, err)
	}
	sessions, err := db.Sessions(ctx, monday.AddDays(-42), monday.AddDays(6))
	if err != nil {
		t.Fatal(err)
	}
	weeks := map[calendar.Week]int{}
	var past, individual, cancelled int
	for _, s := range sessions {
		if s.TrackID == tracks[0].ID && s.Date.Before(monday) {
			weeks[calendar.WeekOf(s.Date)]++
		}
		if s.ClientID != 0 {
			individual++
		}
		if s.Cancelled {
			cancelled++
			continue
		}
		if !s.End.After(now) {
			past++
			roster, err := db.Roster(ctx, s.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range roster {
				if e.Attendance == nil {
					t.Errorf("%s on %s: no attendance for %s", s.Title, s.Date, e.NameToUse)
				}
			}
		}
	}
	if len(weeks) != 6 {
		t.Errorf("the Mornings track has sessions in %d weeks before this one, want 6", len(weeks))
	}
	for w, n := range weeks {
		if n != 10 {
			t.Errorf("%s: %d Mornings sessions, want 10", w, n)
		}
	}
	if past < 60 || individual < 50 {
		t.Errorf("%d past sessions, %d individual sessions; want a history", past, individual)
	}
	t.Logf("%d sessions, %d past, %d individual, %d cancelled", len(sessions), past, individual, cancelled)

	risks, err := db.AtRisk(ctx, week.String())
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, r := range risks {
		names[r.NameToUse] = true
		t.Logf("at risk: %s %+v, %d make-ups", r.NameToUse, r.Hours, len(r.MakeUps))
	}
	if len(risks) < 2 || !names["Marcus"] || !names["Luis"] {
		t.Errorf("at risk this week: %v; want Marcus and Luis at least", names)
	}
	plan, err := db.PlanWeek(ctx, week.Next().String())
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Booked) < 10 {
		t.Errorf("planning next week booked %d, unplaced %+v", len(plan.Booked), plan.Unplaced)
	}
	t.Logf("next week: %d booked, %d unplaced", len(plan.Booked), len(plan.Unplaced))
	checkMeasures(t, db)
}

// checkMeasures: every admitted client has PHQ-9, GAD-7 and BAM series and
// screens, and River alone has an open suicide-risk alert.
func checkMeasures(t *testing.T, db *storetest.DB) {
	ctx := kinship.SystemContext(context.Background())
	matches, _, err := db.SearchClients(ctx, kinship.ClientFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range matches {
		eps, _ := db.Episodes(ctx, c.ID)
		if len(eps) == 0 {
			continue
		}
		rs, err := db.Responses(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		n := map[string]int{}
		for _, r := range rs {
			n[r.Code]++
		}
		screens, _ := db.Screens(ctx, c.ID)
		if n["phq9"] < 1 || n["gad7"] < 1 || n["bam"] < 1 || len(screens) == 0 {
			t.Errorf("%s: responses %v and %d screens", c.NameToUse, n, len(screens))
		}
		alerts, _ := db.ClientAlerts(ctx, c.ID)
		risk := 0
		for _, a := range alerts {
			if a.Kind == kinship.AlertSuicideRisk {
				risk++
			}
		}
		if want := map[bool]int{true: 1, false: 0}[c.NameToUse == "River"]; risk != want {
			t.Errorf("%s has %d open suicide-risk alerts, want %d", c.NameToUse, risk, want)
		}
	}
}

func TestGenerate(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	now := time.Date(2026, 11, 25, 13, 0, 0, 0, time.UTC)
	db.Clock.T = now
	accounts, stats, err := demo.Generate(context.Background(), demo.AllServices(db.Store), now, demo.Options{Clients: 60, Weeks: 8})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", *stats)
	if len(accounts) != 7+1 || stats.Counselors != 3 || stats.Active != 60 || stats.Discharged == 0 {
		t.Errorf("%d accounts, stats %+v", len(accounts), *stats)
	}
	if n := db.Count(t, "attendance"); n != stats.Attendance || n < 60*8*5 {
		t.Errorf("attendance rows = %d, stats %d", n, stats.Attendance)
	}
	ctx := kinship.SystemContext(context.Background())
	risks, err := db.AtRisk(ctx, calendar.WeekOf(kinship.DateOf(now.In(time.UTC))).String())
	if err != nil || len(risks) < 2 {
		t.Errorf("at risk: %d, %v", len(risks), err)
	}
	if _, _, err := demo.Generate(context.Background(), demo.AllServices(storetest.Open(t, "sqlite").Store), now, demo.Options{Clients: -1, Weeks: 2}); kinship.ErrorCode(err) != kinship.EINVALID {
		t.Errorf("-1 clients: %v", err)
	}
}

// TestSeedRepeats checks the demo is the same each time for the same now.
func TestSeedRepeats(t *testing.T) {
	now := time.Date(2026, 12, 10, 19, 0, 0, 0, time.UTC)
	var runs [2]string
	for i := range runs {
		db := storetest.Open(t, "sqlite")
		db.Clock.T = now
		if _, err := demo.Seed(context.Background(), demo.AllServices(db.Store), now); err != nil {
			t.Fatal(err)
		}
		rows, err := db.Raw.Query(`SELECT a.session_id, a.client_id, a.status, a.minutes, s.starts_at FROM attendance a
			JOIN sessions s ON s.id = a.session_id ORDER BY 1, 2`)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for rows.Next() {
			var session, client, minutes int64
			var status, start string
			if err := rows.Scan(&session, &client, &status, &minutes, &start); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%d %d %s %d %s\n", session, client, status, minutes, start)
		}
		rows.Close()
		runs[i] = b.String()
	}
	if runs[0] != runs[1] || runs[0] == "" {
		t.Error("two seeds at the same time differ")
	}
}

package demo_test

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
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
		{"FridayMorning", time.Date(2026, 12, 4, 10, 30, 0, 0, la)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := storetest.Open(t, "sqlite")
			db.Clock.T = tc.now
			if _, err := demo.Seed(context.Background(), demo.AllServices(db.Store), tc.now); err != nil {
				t.Fatal(err)
			}
			checkSeed(t, db, tc.now.In(la))
			checkLivedIn(t, db, tc.now.In(la))
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

// checkLivedIn: the demo looks like a program that has been running for
// weeks: calls and admissions on many days, check-ins only while in care,
// someone at risk with a make-up on offer, and an intake appointment
// booked.
func checkLivedIn(t *testing.T, db *storetest.DB, now time.Time) {
	ctx := kinship.SystemContext(context.Background())
	t.Run("InquiriesSpread", func(t *testing.T) {
		days := distinctDays(t, db, "SELECT created_at FROM inquiries")
		if got := len(days); got < 6 || span(days) < 21 {
			t.Errorf("inquiries came in on %d days over %d days, want at least 6 days over 3 weeks: %v", got, span(days), days)
		}
	})
	t.Run("AdmissionsSpread", func(t *testing.T) {
		days := distinctDays(t, db, "SELECT admitted_on FROM episodes")
		if got := len(days); got < 10 || span(days) < 21 {
			t.Errorf("admissions on %d days over %d days, want at least 10 days over 3 weeks", got, span(days))
		}
	})
	t.Run("CheckInsAfterAdmission", func(t *testing.T) {
		rows, err := db.Raw.Query(`SELECT c.day, MIN(e.admitted_on) FROM checkins c LEFT JOIN episodes e ON e.client_id = c.client_id
			GROUP BY c.id, c.day`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			var day string
			var admitted sql.NullString
			if err := rows.Scan(&day, &admitted); err != nil {
				t.Fatal(err)
			}
			n++
			if !admitted.Valid || day < admitted.String {
				t.Errorf("a check-in on %s, before admission on %q", day, admitted.String)
			}
		}
		if n < 15 {
			t.Errorf("%d check-ins, want River's weeks of them", n)
		}
	})
	t.Run("AtRiskWithMakeUp", func(t *testing.T) {
		risks, err := db.AtRisk(ctx, calendar.WeekOf(kinship.DateOf(now)).String())
		if err != nil {
			t.Fatal(err)
		}
		offered := 0
		for _, r := range risks {
			for _, m := range r.MakeUps {
				if !m.Start.After(now) || calendar.WeekOf(m.Date) != calendar.WeekOf(kinship.DateOf(now)) {
					t.Errorf("%s: make-up %s at %s is not still to come this week", r.NameToUse, m.Title, m.Start)
				}
			}
			if len(r.MakeUps) > 0 {
				offered++
			}
		}
		if offered == 0 {
			t.Errorf("no client at risk is offered a make-up session (%d at risk)", len(risks))
		}
	})
	t.Run("IntakeAppointment", func(t *testing.T) {
		today := kinship.DateOf(now)
		sessions, err := db.Sessions(ctx, today, today.AddDays(14))
		if err != nil {
			t.Fatal(err)
		}
		var found []string
		for _, s := range sessions {
			if s.ClientID == 0 || s.Cancelled || !s.Start.After(now) {
				continue
			}
			eps, err := db.Episodes(ctx, s.ClientID)
			if err != nil {
				t.Fatal(err)
			}
			who, err := db.FindStaffByID(ctx, s.FacilitatorID)
			if err != nil {
				t.Fatal(err)
			}
			if len(eps) == 0 && who.Role == kinship.RoleClinician {
				found = append(found, fmt.Sprintf("%s with %s at %s", s.Title, who.Name, s.Start))
			}
		}
		if len(found) == 0 {
			t.Error("no client in intake has an appointment booked with a clinician")
		}
		t.Logf("intake appointments: %v", found)
	})
}

// distinctDays runs a query of dates or times and returns the distinct
// days, sorted.
func distinctDays(t *testing.T, db *storetest.DB, query string) []string {
	t.Helper()
	rows, err := db.Raw.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := map[string]bool{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		seen[v[:10]] = true
	}
	return slices.Sorted(maps.Keys(seen))
}

// span is how many days lie between the first and last of sorted days.
func span(days []string) int {
	if len(days) < 2 {
		return 0
	}
	first, _ := kinship.ParseDate(days[0])
	last, _ := kinship.ParseDate(days[len(days)-1])
	return int(last.In(time.UTC).Sub(first.In(time.UTC)).Hours() / 24)
}

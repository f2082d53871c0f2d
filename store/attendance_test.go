package store_test

import (
	"testing"
	"time"

	"kinship"
	"kinship/store/storetest"
)

// TestMarkAllPresentKeepsMarks is the demo's bug: a counselor marks two
// clients by hand, and Mark all present must fill only the third, while
// the history keeps every change of a recorded mark, even on the day.
func TestMarkAllPresentKeepsMarks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		m := setUpMornings(t, db, d("2026-11-23"))
		admin := kinship.SystemContext(t.Context())
		sam, counselor := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
		ids := map[string]int64{}
		for _, name := range []string{"River", "Alex", "Jamie"} {
			c, err := db.CreateClient(admin, kinship.ClientFields{NameToUse: name})
			if err != nil {
				t.Fatal(err)
			}
			db.MustAdmit(t, c.ID, m.program.ID, counselor.ID, d("2026-11-16"))
			if _, err := db.Enroll(admin, kinship.Enrollment{ClientID: c.ID, TrackID: m.track.ID, Start: d("2026-11-23")}); err != nil {
				t.Fatal(err)
			}
			ids[name] = c.ID
		}
		week, _ := db.Sessions(admin, d("2026-11-23"), d("2026-11-27"))
		today := week[0]
		if _, err := db.RecordAttendance(sam, today.ID, []kinship.AttendanceMark{
			{ClientID: ids["River"], Status: "unexcused"}, {ClientID: ids["Alex"], Status: "excused"}}); err != nil {
			t.Fatal(err)
		}
		// River arrives 20 minutes late: a correction on the day.
		db.Clock.T = db.Clock.T.Add(20 * time.Minute)
		if _, err := db.RecordAttendance(sam, today.ID, []kinship.AttendanceMark{{ClientID: ids["River"], Status: "late", Minutes: 20}}); err != nil {
			t.Fatal(err)
		}
		// The same mark again is no change.
		if _, err := db.RecordAttendance(sam, today.ID, []kinship.AttendanceMark{{ClientID: ids["Alex"], Status: "excused"}}); err != nil {
			t.Fatal(err)
		}

		t.Run("FillsOnlyTheUnmarked", func(t *testing.T) {
			marked, kept, err := db.MarkAllPresent(admin, today.ID)
			if err != nil || marked != 1 || kept != 2 {
				t.Fatalf("MarkAllPresent = %d marked, %d kept, %v; want 1 and 2", marked, kept, err)
			}
			roster, _ := db.Roster(admin, today.ID)
			want := map[string]string{"River": "late", "Alex": "excused", "Jamie": "present"}
			for _, e := range roster {
				if got := e.Attendance.Status; got != want[e.NameToUse] {
					t.Errorf("%s = %s after Mark all present, want %s", e.NameToUse, got, want[e.NameToUse])
				}
			}
			if marked, kept, err := db.MarkAllPresent(admin, today.ID); err != nil || marked != 0 || kept != 3 {
				t.Errorf("again = %d marked, %d kept, %v; want 0 and 3", marked, kept, err)
			}
		})

		t.Run("HistoryShowsEveryChange", func(t *testing.T) {
			// Monday's mark corrected on Wednesday, by someone else.
			db.Clock.T = db.Clock.T.Add(48 * time.Hour)
			priya, supervisor := db.AddStaff(t, kinship.RoleSupervisor, "priya@example.org")
			if _, err := db.RecordAttendance(priya, today.ID, []kinship.AttendanceMark{{ClientID: ids["River"], Status: "present"}}); err != nil {
				t.Fatal(err)
			}
			roster, _ := db.Roster(admin, today.ID)
			got := map[string][]string{}
			for _, e := range roster {
				for _, c := range e.Changes {
					got[e.NameToUse] = append(got[e.NameToUse], c.From.Status+" → "+c.To.Status+" by "+c.To.RecordedBy)
				}
			}
			want := map[string][]string{"River": {"unexcused → late by " + counselor.Name, "late → present by " + supervisor.Name}}
			if len(got) != len(want) || len(got["River"]) != 2 || got["River"][0] != want["River"][0] || got["River"][1] != want["River"][1] {
				t.Errorf("changes = %q, want %q", got, want)
			}
		})
	})
}

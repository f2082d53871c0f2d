package store_test

import (
	"strings"
	"testing"
	"time"

	"kinship"
	"kinship/store/storetest"
)

func TestWeeklyHoursAndAtRisk(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		m := setUpMornings(t, db, d("2026-11-16"))
		admin := kinship.SystemContext(t.Context())
		_, counselor := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
		admitted := func(name string) *kinship.Client {
			c, _ := db.CreateClient(admin, kinship.ClientFields{NameToUse: name})
			if _, err := db.Admit(admin, c.ID, kinship.Admission{ProgramID: m.program.ID, AdmittedOn: d("2026-11-16"), PrimaryCounselorID: counselor.ID}); err != nil {
				t.Fatal(err)
			}
			return c
		}
		steady, slipping := admitted("River"), admitted("Alex")
		for _, c := range []*kinship.Client{steady, slipping} {
			if _, err := db.Enroll(admin, kinship.Enrollment{ClientID: c.ID, TrackID: m.track.ID, Start: d("2026-11-16")}); err != nil {
				t.Fatal(err)
			}
		}
		// An evening group with room, for make-ups.
		types, _ := db.SessionTypes(admin)
		evening, err := db.CreateSeries(admin, kinship.SeriesFields{ProgramID: m.program.ID, TypeID: types[0].ID, Title: "Evening group",
			Days: []time.Weekday{time.Wednesday, time.Thursday}, Start: "18:00", End: "20:00", From: d("2026-11-16"), Capacity: 8})
		if err != nil {
			t.Fatal(err)
		}
		_ = evening
		// It is Wednesday 25 November, 08:00 in Los Angeles.
		db.Clock.T = time.Date(2026, 11, 25, 16, 0, 0, 0, time.UTC)
		week, _ := db.Sessions(admin, d("2026-11-23"), d("2026-11-27"))
		for _, s := range week[:2] { // Monday and Tuesday mornings
			db.RecordAttendance(admin, s.ID, []kinship.AttendanceMark{{ClientID: steady.ID, Status: "present"}, {ClientID: slipping.ID, Status: "unexcused"}})
		}
		if err := db.CloseSite(admin, m.site.ID, d("2026-11-26"), "Thanksgiving"); err != nil {
			t.Fatal(err)
		}
		h, err := db.Hours(admin, steady.ID, "2026-W48")
		if err != nil {
			t.Fatal(err)
		}
		// Mon–Fri mornings but Thanksgiving: 4 × 180 scheduled; 360 attended;
		// Wednesday and Friday still to come.
		if h.ScheduledMinutes != 720 || h.AttendedMinutes != 360 || h.ProjectedMinutes != 720 || h.MinimumMinutes != 540 || h.Status != "on_track" {
			t.Errorf("River's week = %+v", h)
		}
		if h, _ := db.Hours(admin, slipping.ID, "2026-W48"); h.ProjectedMinutes != 360 || h.Status != "at_risk" {
			t.Errorf("Alex's week = %+v", h)
		}
		if _, err := db.Hours(admin, steady.ID, "2026-W54"); kinship.ErrorFields(err)["week"] == "" {
			t.Errorf("week 54: %v", err)
		}
		risks, err := db.AtRisk(admin, "2026-W48")
		if err != nil {
			t.Fatal(err)
		}
		if len(risks) != 1 || risks[0].NameToUse != "Alex" {
			t.Fatalf("at risk = %+v, want Alex alone", risks)
		}
		// Wednesday's evening group fits; Thursday's is closed.
		if mu := risks[0].MakeUps; len(mu) != 1 || mu[0].Title != "Evening group" || mu[0].Date != d("2026-11-25") {
			t.Errorf("make-ups = %+v", mu)
		}
		// Alex can only come on Fridays: nothing this week fits.
		if err := db.SetAvailability(admin, slipping.ID, []kinship.Window{{Day: time.Friday, Start: 9 * 60, End: 12 * 60}}); err != nil {
			t.Fatal(err)
		}
		if risks, _ := db.AtRisk(admin, "2026-W48"); len(risks[0].MakeUps) != 0 {
			t.Errorf("make-ups outside availability: %+v", risks[0].MakeUps)
		}
	})
}

func TestPlanWeek(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		m := setUpMornings(t, db, d("2026-11-30"))
		admin := kinship.SystemContext(t.Context())
		_, sam := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
		_, jo := db.AddStaff(t, kinship.RoleClinician, "jo@example.org")
		room, _ := db.CreateRoom(admin, kinship.Room{SiteID: m.site.ID, Name: "Office 2", Capacity: 2})
		_ = room
		monday := func(from, to int) []kinship.Window {
			return []kinship.Window{{Day: time.Monday, Start: kinship.ClockTime(from * 60), End: kinship.ClockTime(to * 60)}}
		}
		if err := db.SetWorkingHours(admin, sam.ID, monday(13, 15)); err != nil {
			t.Fatal(err)
		}
		client := func(name string, counselor *kinship.Staff, from, to int) *kinship.Client {
			c, _ := db.CreateClient(admin, kinship.ClientFields{NameToUse: name})
			if _, err := db.Admit(admin, c.ID, kinship.Admission{ProgramID: m.program.ID, AdmittedOn: d("2026-11-23"), PrimaryCounselorID: counselor.ID}); err != nil {
				t.Fatal(err)
			}
			db.SetAvailability(admin, c.ID, monday(from, to))
			return c
		}
		// First-fit would give Ash 13:00 and leave Bo with nothing.
		ash, bo := client("Ash", sam, 13, 15), client("Bo", sam, 13, 14)
		client("Cy", jo, 13, 15) // Jo has no working hours recorded
		plan, err := db.PlanWeek(admin, "2026-W49")
		if err != nil {
			t.Fatal(err)
		}
		got := map[int64]string{}
		for _, b := range plan.Booked {
			got[b.ClientID] = b.Start.In(m.site.Location()).Format("Mon 15:04")
		}
		if got[ash.ID] != "Mon 14:00" || got[bo.ID] != "Mon 13:00" || len(plan.Booked) != 2 {
			t.Errorf("booked %v, want Bo at 13:00 and Ash at 14:00", got)
		}
		if len(plan.Unplaced) != 1 || plan.Unplaced[0].NameToUse != "Cy" || !strings.Contains(plan.Unplaced[0].Reason, "no working hours") {
			t.Errorf("unplaced = %+v, want Cy, naming Jo", plan.Unplaced)
		}
		// Planning again books nobody twice.
		again, _ := db.PlanWeek(admin, "2026-W49")
		if len(again.Booked) != 0 {
			t.Errorf("a second plan booked %d more", len(again.Booked))
		}
		// A manual booking that would double-book Sam is refused.
		at := plan.Booked[0].Start
		if _, err := db.BookIndividual(admin, ash.ID, sam.ID, 0, at, 50); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("double booking: %v", err)
		}
		slots, err := db.FindTimes(admin, ash.ID, sam.ID, "2026-W49", 50)
		if err != nil || len(slots) != 0 {
			t.Errorf("free times for Ash with Sam, now both hours are booked: %v, %v", slots, err)
		}
		// A client in intake may be booked for an assessment; one whose
		// stay has ended must be admitted again first.
		newcomer, _ := db.CreateClient(admin, kinship.ClientFields{NameToUse: "Dee"})
		if s, err := db.BookIndividual(admin, newcomer.ID, jo.ID, 0, at, 50); err != nil || s.ProgramID != m.program.ID {
			t.Errorf("booking a client in intake: %+v, %v", s, err)
		}
		eps, _ := db.Episodes(admin, bo.ID)
		if _, err := db.DischargeEpisode(admin, eps[0].ID, kinship.Discharge{On: d("2026-11-23"), Reason: kinship.DischargeCompleted, Summary: "Done."}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.BookIndividual(admin, bo.ID, jo.ID, 0, at.Add(2*time.Hour), 50); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("booking a discharged client: %v, want a conflict", err)
		}
	})
}

package store_test

import (
	"testing"
	"time"

	"kinship"
	"kinship/store/storetest"
)

func TestTracks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		admin, _ := db.MustSetUp(t)
		sites, _ := db.ListSites(admin)
		p, err := db.CreateProgram(admin, kinship.ProgramCreate{SiteID: sites[0].ID, Name: "Mornings IOP"})
		if err != nil {
			t.Fatal(err)
		}
		weekdays := []time.Weekday{time.Friday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday}
		tr, err := db.CreateTrack(admin, kinship.TrackCreate{ProgramID: p.ID, Name: "Mornings", Days: weekdays, Start: "09:00", End: "12:00"})
		if err != nil {
			t.Fatal(err)
		}
		if got := tr.Schedule(); got != "Mon–Fri 09:00–12:00" {
			t.Errorf("Schedule = %q", got)
		}
		if got := tr.Weekly(); got != 15*time.Hour {
			t.Errorf("Weekly = %v, want 15h", got)
		}
		if _, err := db.CreateTrack(admin, kinship.TrackCreate{ProgramID: p.ID, Name: "Mornings", Days: weekdays, Start: "10:00", End: "13:00"}); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("duplicate name: %v, want conflict", err)
		}
		if _, err := db.CreateTrack(admin, kinship.TrackCreate{ProgramID: 999, Name: "Ghost", Days: weekdays, Start: "10:00", End: "13:00"}); kinship.ErrorFields(err)["program_id"] == "" {
			t.Errorf("unknown program: %v, want a program_id message", err)
		}
		tracks, err := db.ListTracks(admin)
		if err != nil || len(tracks) != 1 || tracks[0].Schedule() != "Mon–Fri 09:00–12:00" || tracks[0].ProgramName != "Mornings IOP" {
			t.Fatalf("ListTracks = %+v, %v", tracks, err)
		}
	})
}

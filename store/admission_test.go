package store_test

import (
	"testing"
	"time"

	"kinship"
	"kinship/store/storetest"
)

// TestAdmitWithTrack: an admission can enroll the client in a track of
// its program in the same step, under the enrollment rules; a refused
// enrollment leaves no episode behind either.
func TestAdmitWithTrack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		admin, _ := db.MustSetUp(t)
		sites, _ := db.ListSites(admin)
		mornings, _ := db.CreateProgram(admin, kinship.ProgramCreate{SiteID: sites[0].ID, Name: "Mornings IOP"})
		evenings, _ := db.CreateProgram(admin, kinship.ProgramCreate{SiteID: sites[0].ID, Name: "Evenings IOP"})
		weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
		track, err := db.CreateTrack(admin, kinship.TrackCreate{ProgramID: mornings.ID, Name: "Mornings", Days: weekdays, Start: "09:00", End: "12:00"})
		if err != nil {
			t.Fatal(err)
		}
		_, counselor := db.AddStaff(t, kinship.RoleClinician, "c@example.org")
		c, _ := db.CreateClient(admin, river)
		adm := kinship.Admission{ProgramID: evenings.ID, AdmittedOn: d("2026-11-16"), PrimaryCounselorID: counselor.ID, TrackID: track.ID}

		t.Run("track of another program", func(t *testing.T) {
			_, err := db.Admit(admin, c.ID, adm)
			if kinship.ErrorFields(err)["track_id"] == "" {
				t.Fatalf("admission with another program's track: %v, want an error on track_id", err)
			}
			if n := db.Count(t, "episodes") + db.Count(t, "enrollments"); n != 0 {
				t.Errorf("a refused admission wrote %d episodes and enrollments", n)
			}
		})
		t.Run("enrolled from the admission date", func(t *testing.T) {
			adm.ProgramID = mornings.ID
			if _, err := db.Admit(admin, c.ID, adm); err != nil {
				t.Fatal(err)
			}
			list, err := db.Enrollments(admin, c.ID)
			if err != nil || len(list) != 1 || list[0].TrackID != track.ID || list[0].Start != adm.AdmittedOn {
				t.Fatalf("enrollments = %+v, %v; want one in Mornings from %s", list, err, adm.AdmittedOn)
			}
		})
	})
}

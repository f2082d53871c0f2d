package store_test

import (
	"testing"

	"kinship"
	"kinship/store/storetest"
)

func TestBookAssessment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		setUpMornings(t, db, d("2026-11-16"))
		asDesk, _ := db.AddStaff(t, kinship.RoleFrontDesk, "desk@example.org")
		_, sam := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
		_, kai := db.AddStaff(t, kinship.RolePeerSupport, "kai@example.org")
		in, err := db.CreateInquiry(asDesk, kinship.InquiryFields{NameToUse: "Frankie", Phone: "510-555-0304"})
		if err != nil {
			t.Fatal(err)
		}
		// It is Monday 23 November, 09:00 in Los Angeles.
		t.Run("refuses bad input and changes nothing", func(t *testing.T) {
			before := db.Count(t, "sessions")
			for _, tt := range []struct {
				name  string
				b     kinship.AssessmentBooking
				field string
			}{
				{"no clinician", kinship.AssessmentBooking{Date: d("2026-11-24"), Time: "10:00"}, "clinician_id"},
				{"not a clinician", kinship.AssessmentBooking{ClinicianID: kai.ID, Date: d("2026-11-24"), Time: "10:00"}, "clinician_id"},
				{"no date", kinship.AssessmentBooking{ClinicianID: sam.ID, Time: "10:00"}, "date"},
				{"bad time", kinship.AssessmentBooking{ClinicianID: sam.ID, Date: d("2026-11-24"), Time: "ten"}, "time"},
				{"in the past", kinship.AssessmentBooking{ClinicianID: sam.ID, Date: d("2026-11-23"), Time: "08:00"}, "date"},
				{"too long", kinship.AssessmentBooking{ClinicianID: sam.ID, Date: d("2026-11-24"), Time: "10:00", Minutes: 600}, "minutes"},
			} {
				t.Run(tt.name, func(t *testing.T) {
					_, err := db.BookAssessment(asDesk, in.ID, tt.b)
					if kinship.ErrorFields(err)[tt.field] == "" {
						t.Errorf("err = %v, want a message for %s", err, tt.field)
					}
				})
			}
			if got := db.Count(t, "sessions"); got != before {
				t.Errorf("sessions = %d, want %d", got, before)
			}
		})
		m, err := db.BookAssessment(asDesk, in.ID, kinship.AssessmentBooking{ClinicianID: sam.ID, Date: d("2026-11-24"), Time: "10:00"})
		if err != nil {
			t.Fatal(err)
		}
		if m.InquiryID != in.ID || m.FacilitatorID != sam.ID || m.Date != d("2026-11-24") || m.Minutes() != kinship.AssessmentMinutes ||
			m.Title != "Intake assessment" {
			t.Errorf("assessment = %+v", m)
		}
		got, err := db.Inquiry(asDesk, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != kinship.InquiryAssessmentBooked || got.Assessment == nil || got.Assessment.ID != m.ID {
			t.Errorf("inquiry = %s, assessment %+v", got.Status, got.Assessment)
		}
		// It is on Sam's schedule for that day.
		day, err := db.Sessions(asDesk, d("2026-11-24"), d("2026-11-24"))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, s := range day {
			found = found || (s.ID == m.ID && s.FacilitatorID == sam.ID)
		}
		if !found {
			t.Error("the assessment is not among the day's sessions")
		}
		// Sam cannot be in two places at once.
		other, _ := db.CreateInquiry(asDesk, kinship.InquiryFields{NameToUse: "Gale", Phone: "510-555-0305"})
		_, err = db.BookAssessment(asDesk, other.ID, kinship.AssessmentBooking{ClinicianID: sam.ID, Date: d("2026-11-24"), Time: "10:30"})
		if kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("double booking: %v, want a conflict", err)
		}
	})
}

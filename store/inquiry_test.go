package store_test

import (
	"context"
	"testing"
	"time"

	"kinship"
	"kinship/store/storetest"
)

func TestAdmissionsPipeline(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		admin, _ := db.MustSetUp(t)
		public := kinship.WithActor(context.Background(), kinship.Actor{IP: "203.0.113.5"})
		call := kinship.InquiryFields{CallerType: "on_behalf", CallerName: "Sam (partner)", NameToUse: "Jules", Pronouns: "he/him",
			Phone: "510-555-0100", OKToVoicemail: true, Substances: "alcohol", Insurance: "Medi-Cal", ReferralSource: "Friend"}
		if _, err := db.CreateInquiry(public, call); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
			t.Errorf("anonymous phone inquiry: %v, want forbidden", err)
		}
		web := kinship.InquiryFields{Source: "web", NameToUse: "Ash", Email: "ash@example.org"}
		if _, err := db.CreateInquiry(public, web); err != nil {
			t.Errorf("public web form: %v", err)
		}
		for field, bad := range map[string]kinship.InquiryFields{
			"name_to_use": {Phone: "510-555-0100"},
			"phone":       {NameToUse: "No Contact"},
			"caller_name": {NameToUse: "A", Phone: "510-555-0100", CallerType: "on_behalf"},
			"caller_type": {NameToUse: "A", Phone: "510-555-0100", CallerType: "neighbour"},
		} {
			if _, err := db.CreateInquiry(admin, bad); kinship.ErrorFields(err)[field] == "" {
				t.Errorf("bad %s: %v", field, err)
			}
		}
		in, err := db.CreateInquiry(admin, call)
		if err != nil {
			t.Fatal(err)
		}
		db.Clock.Advance(2 * time.Hour)
		if in, err = db.RecordScreening(admin, in.ID, "iop", []string{"You are ready to start."}); err != nil || in.Status != kinship.InquiryScreened {
			t.Fatalf("screening: %+v, %v", in, err)
		}
		if _, err := db.MoveInquiry(admin, in.ID, kinship.InquiryMove{Status: kinship.InquiryClosed}); kinship.ErrorFields(err)["reason"] == "" {
			t.Errorf("closing without a reason: %v", err)
		}
		if _, err := db.MoveInquiry(admin, in.ID, kinship.InquiryMove{Status: "lost"}); kinship.ErrorFields(err)["status"] == "" {
			t.Errorf("unknown status: %v", err)
		}
		if in, err = db.MoveInquiry(admin, in.ID, kinship.InquiryMove{Status: kinship.InquiryAssessmentBooked}); err != nil {
			t.Fatal(err)
		}
		c, err := db.ConvertInquiry(admin, in.ID, kinship.ClientFields{LegalName: kinship.LegalName{Given: "Julian", Family: "Reyes"}})
		if err != nil {
			t.Fatal(err)
		}
		if c.NameToUse != "Jules" || c.Pronouns != "he/him" || c.Phone != "510-555-0100" || !c.OKToVoicemail || c.LegalName.Family != "Reyes" {
			t.Errorf("converted client %+v lost what the inquiry held", c)
		}
		if _, err := db.ConvertInquiry(admin, in.ID, kinship.ClientFields{}); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("second conversion: %v", err)
		}
		sites, _ := db.ListSites(admin)
		prog, _ := db.CreateProgram(admin, kinship.ProgramCreate{SiteID: sites[0].ID, Name: "Mornings IOP"})
		_, counselor := db.AddStaff(t, kinship.RoleClinician, "c@example.org")
		if _, err := db.Admit(admin, c.ID, kinship.Admission{ProgramID: prog.ID, AdmittedOn: kinship.Date{Year: 2026, Month: 11, Day: 23}, PrimaryCounselorID: counselor.ID}); err != nil {
			t.Fatal(err)
		}
		cols, stats, err := db.Board(admin, storetest.Now.AddDate(0, 0, -90))
		if err != nil {
			t.Fatal(err)
		}
		got := map[kinship.InquiryStatus]int{}
		for _, col := range cols {
			got[col.Status] = len(col.Inquiries)
		}
		if got[kinship.InquiryAdmitted] != 1 || got[kinship.InquiryNew] != 1 || stats.Total != 2 || stats.ConversionRate() != 0.5 {
			t.Errorf("board %v, stats %+v", got, stats)
		}
		if _, err := db.MoveInquiry(admin, in.ID, kinship.InquiryMove{Status: kinship.InquiryClosed, Reason: "x"}); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("moving an admitted inquiry: %v", err)
		}
	})
}

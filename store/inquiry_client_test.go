package store_test

import (
	"testing"

	"kinship"
	"kinship/store/storetest"
)

// TestInquiryStaysOnChart: a converted inquiry's insurance, substances,
// referral source and notes are on the chart; a later inquiry from the
// same person can be filed there instead of making a second chart.
func TestInquiryStaysOnChart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		admin, _ := db.MustSetUp(t)
		desk, _ := db.AddStaff(t, kinship.RoleFrontDesk, "desk@example.org")
		call := kinship.InquiryFields{NameToUse: "Quinn", Phone: "(510) 555-0142", Insurance: "Blue Shield PPO", Substances: "alcohol",
			ReferralSource: "Dr Okafor", Notes: "Prefers evenings"}
		in, err := db.CreateInquiry(desk, call)
		if err != nil {
			t.Fatal(err)
		}
		c, err := db.ConvertInquiry(desk, in.ID, kinship.ClientFields{})
		if err != nil {
			t.Fatal(err)
		}
		list, err := db.ClientInquiries(desk, c.ID)
		if err != nil || len(list) != 1 {
			t.Fatalf("inquiries on the chart = %d, %v; want 1", len(list), err)
		}
		if got := list[0]; got.Insurance != call.Insurance || got.Substances != call.Substances || got.ReferralSource != call.ReferralSource || got.Notes != call.Notes {
			t.Errorf("the chart keeps %+v", got)
		}
		again, _ := db.CreateInquiry(desk, call)
		if err := db.LinkInquiry(desk, again.ID, c.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.LinkInquiry(desk, again.ID, c.ID); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("filing it twice: %v, want conflict", err)
		}
		closed, _ := db.CreateInquiry(desk, call)
		if _, err := db.MoveInquiry(desk, closed.ID, kinship.InquiryMove{Status: kinship.InquiryClosed, Reason: "No answer"}); err != nil {
			t.Fatal(err)
		}
		if err := db.LinkInquiry(desk, closed.ID, c.ID); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("filing a closed inquiry: %v, want conflict", err)
		}
		if list, _ := db.ClientInquiries(admin, c.ID); len(list) != 2 || list[0].ID != again.ID {
			t.Errorf("inquiries on the chart = %d, want 2, newest first", len(list))
		}
		billing, _ := db.AddStaff(t, kinship.RoleBilling, "billing@example.org")
		if _, err := db.ClientInquiries(billing, c.ID); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
			t.Errorf("billing reads inquiries: %v, want forbidden", err)
		}
	})
}

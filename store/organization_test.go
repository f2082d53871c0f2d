package store_test

import (
	"context"
	"strings"
	"testing"

	"kinship"
	"kinship/store/storetest"
)

// TestOrganizationContact: the program's public phone, hours and address
// are kept trimmed, bad ones are refused by field and change nothing, and
// each change is audited.
func TestOrganizationContact(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		admin, _ := db.MustSetUp(t)
		phone, hours, address := " (510) 555-0100 ", "Monday to Friday, 8:00 to 18:00", "1 Harbor Way, Oakland, CA 94607"
		org, err := db.UpdateOrganization(admin, kinship.OrganizationUpdate{Phone: &phone, Hours: &hours, Address: &address})
		if err != nil {
			t.Fatal(err)
		}
		if org.Phone != "(510) 555-0100" || org.Hours != hours || org.Address != address {
			t.Errorf("saved %q, %q, %q", org.Phone, org.Hours, org.Address)
		}

		t.Run("Invalid", func(t *testing.T) {
			bad, long := "call the front desk", strings.Repeat("x", 201)
			_, err := db.UpdateOrganization(admin, kinship.OrganizationUpdate{Phone: &bad, Hours: &long, Address: &address})
			fields := kinship.ErrorFields(err)
			if kinship.ErrorCode(err) != kinship.EINVALID || fields["phone"] == "" || fields["hours"] == "" {
				t.Fatalf("bad phone and hours: %v %v", err, fields)
			}
			got, _ := db.Organization(context.Background())
			if got.Phone != "(510) 555-0100" || got.Hours != hours {
				t.Errorf("a refused update changed the organization: %q, %q", got.Phone, got.Hours)
			}
		})

		t.Run("Permission", func(t *testing.T) {
			clinician, _ := db.AddStaff(t, kinship.RoleClinician, "c@example.org")
			if _, err := db.UpdateOrganization(clinician, kinship.OrganizationUpdate{Phone: &phone}); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
				t.Errorf("clinician update: %v, want forbidden", err)
			}
		})

		t.Run("Audited", func(t *testing.T) {
			events, _, err := db.ListAudit(admin, kinship.AuditFilter{Action: kinship.ActionOrgUpdate})
			if err != nil {
				t.Fatal(err)
			}
			if len(events) != 1 || events[0].Detail != "phone, hours, address" {
				t.Errorf("audit events %+v, want one naming phone, hours, address", events)
			}
		})
	})
}

package store_test

import (
	"context"
	"testing"

	"kinship"
	"kinship/store/storetest"
)

func TestSetUp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		t.Run("Invalid", func(t *testing.T) {
			_, _, err := db.Store.SetUp(ctx, kinship.Setup{OrgName: "", SiteName: "Main", Timezone: "Mars/Olympus",
				Admin: kinship.StaffCreate{Email: "not-an-email", Name: "A", Password: "short"}})
			if got := kinship.ErrorCode(err); got != kinship.EINVALID {
				t.Fatalf("code = %q, want invalid", got)
			}
			fields := kinship.ErrorFields(err)
			for _, f := range []string{"org_name", "timezone", "email", "password"} {
				if fields[f] == "" {
					t.Errorf("no message for field %q in %v", f, fields)
				}
			}
			if n := db.Count(t, "organizations"); n != 0 {
				t.Errorf("organizations = %d after rejected setup, want 0", n)
			}
		})
		db.MustSetUp(t)
		t.Run("Twice", func(t *testing.T) {
			_, _, err := db.Store.SetUp(ctx, kinship.Setup{OrgName: "Other", SiteName: "Main", Timezone: "UTC",
				Admin: kinship.StaffCreate{Email: "b@example.org", Name: "B", Password: storetest.AdminPassword}})
			if got := kinship.ErrorCode(err); got != kinship.ECONFLICT {
				t.Fatalf("code = %q, want conflict", got)
			}
		})
		org, err := db.Organization(ctx)
		if err != nil || org.Name != "Rainbow Recovery" {
			t.Fatalf("Organization() = %+v, %v", org, err)
		}
	})
}

func TestCreateStaff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		admin, _ := db.MustSetUp(t)
		m, err := db.CreateStaff(admin, kinship.StaffCreate{Email: " Casey@Example.org ", Name: "Casey", Role: kinship.RoleClinician, Password: "twelve chars!"})
		if err != nil {
			t.Fatal(err)
		}
		if m.Email != "casey@example.org" || !m.Active || !m.HasPassword {
			t.Errorf("created %+v", m)
		}
		bad := []struct {
			name  string
			in    kinship.StaffCreate
			code  string
			field string
		}{
			{"DuplicateEmail", kinship.StaffCreate{Email: "CASEY@example.org", Name: "Other", Role: kinship.RoleBilling, Password: "twelve chars!"}, kinship.ECONFLICT, "email"},
			{"UnknownRole", kinship.StaffCreate{Email: "x@example.org", Name: "X", Role: "wizard", Password: "twelve chars!"}, kinship.EINVALID, "role"},
			{"ShortPassword", kinship.StaffCreate{Email: "x@example.org", Name: "X", Role: kinship.RoleBilling, Password: "eleven char"}, kinship.EINVALID, "password"},
			{"NoName", kinship.StaffCreate{Email: "x@example.org", Role: kinship.RoleBilling, Password: "twelve chars!"}, kinship.EINVALID, "name"},
			{"BadEmail", kinship.StaffCreate{Email: "x@", Name: "X", Role: kinship.RoleBilling, Password: "twelve chars!"}, kinship.EINVALID, "email"},
		}
		before := db.Count(t, "staff")
		for _, tc := range bad {
			t.Run(tc.name, func(t *testing.T) {
				_, err := db.CreateStaff(admin, tc.in)
				if got := kinship.ErrorCode(err); got != tc.code {
					t.Fatalf("code = %q, want %q (%v)", got, tc.code, err)
				}
				if kinship.ErrorFields(err)[tc.field] == "" {
					t.Errorf("no message for field %q: %v", tc.field, kinship.ErrorFields(err))
				}
			})
		}
		if after := db.Count(t, "staff"); after != before {
			t.Errorf("staff = %d after rejected input, want %d", after, before)
		}
		t.Run("Forbidden", func(t *testing.T) {
			clinician := storetest.As(m)
			_, err := db.CreateStaff(clinician, kinship.StaffCreate{Email: "y@example.org", Name: "Y", Role: kinship.RoleAdmin, Password: "twelve chars!"})
			if got := kinship.ErrorCode(err); got != kinship.EFORBIDDEN {
				t.Fatalf("code = %q, want forbidden", got)
			}
		})
	})
}

func TestInvite(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		admin, _ := db.MustSetUp(t)
		m, token, err := db.InviteStaff(admin, kinship.StaffCreate{Email: "new@example.org", Name: "Nova", Role: kinship.RoleFrontDesk})
		if err != nil {
			t.Fatal(err)
		}
		if m.HasPassword {
			t.Error("invited member has a password")
		}
		if _, err := db.SignIn(context.Background(), "new@example.org", "anything at all"); kinship.ErrorCode(err) != kinship.EUNAUTHORIZED {
			t.Errorf("sign-in before accepting: %v, want unauthorized", err)
		}
		if _, err := db.AcceptInvite(context.Background(), token, "short"); kinship.ErrorCode(err) != kinship.EINVALID {
			t.Errorf("short password: %v, want invalid", err)
		}
		if _, err := db.AcceptInvite(context.Background(), token, "a long enough password"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AcceptInvite(context.Background(), token, "a long enough password"); kinship.ErrorCode(err) != kinship.ENOTFOUND {
			t.Errorf("second use: %v, want not_found", err)
		}
		if _, err := db.SignIn(context.Background(), "new@example.org", "a long enough password"); err != nil {
			t.Errorf("sign-in after accepting: %v", err)
		}
		t.Run("Expired", func(t *testing.T) {
			_, token, err := db.InviteStaff(admin, kinship.StaffCreate{Email: "late@example.org", Name: "Late", Role: kinship.RoleBilling})
			if err != nil {
				t.Fatal(err)
			}
			db.Clock.Advance(8 * 24 * 60 * 60e9)
			if _, err := db.AcceptInvite(context.Background(), token, "a long enough password"); kinship.ErrorCode(err) != kinship.ENOTFOUND {
				t.Errorf("expired: %v, want not_found", err)
			}
		})
	})
}

func TestUpdateStaff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		admin, a := db.MustSetUp(t)
		t.Run("LastAdmin", func(t *testing.T) {
			no := false
			if _, err := db.UpdateStaff(admin, a.ID, kinship.StaffUpdate{Active: &no}); kinship.ErrorCode(err) != kinship.ECONFLICT {
				t.Fatalf("deactivating the last admin: %v, want conflict", err)
			}
			role := kinship.RoleClinician
			if _, err := db.UpdateStaff(admin, a.ID, kinship.StaffUpdate{Role: &role}); kinship.ErrorCode(err) != kinship.ECONFLICT {
				t.Fatalf("demoting the last admin: %v, want conflict", err)
			}
		})
		t.Run("UnknownRole", func(t *testing.T) {
			role := kinship.Role("overlord")
			if _, err := db.UpdateStaff(admin, a.ID, kinship.StaffUpdate{Role: &role}); kinship.ErrorCode(err) != kinship.EINVALID {
				t.Fatalf("unknown role: %v, want invalid", err)
			}
		})
		t.Run("DeactivateEndsAccess", func(t *testing.T) {
			_, m := db.AddStaff(t, kinship.RoleClinician, "c@example.org")
			token, _, err := db.StartSession(context.Background(), m.ID, true)
			if err != nil {
				t.Fatal(err)
			}
			pat, _, err := db.CreateToken(kinship.SystemContext(context.Background()), m.ID, "script")
			if err != nil {
				t.Fatal(err)
			}
			no := false
			got, err := db.UpdateStaff(admin, m.ID, kinship.StaffUpdate{Active: &no})
			if err != nil || got.Active {
				t.Fatalf("deactivate: %+v, %v", got, err)
			}
			if _, _, err := db.LoginSession(context.Background(), token, 15*60e9); kinship.ErrorCode(err) != kinship.EUNAUTHORIZED {
				t.Errorf("session after deactivation: %v, want unauthorized", err)
			}
			if _, err := db.StaffByToken(context.Background(), pat); kinship.ErrorCode(err) != kinship.EUNAUTHORIZED {
				t.Errorf("token after deactivation: %v, want unauthorized", err)
			}
		})
	})
}

func TestResetPassword(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		admin, _ := db.MustSetUp(t)
		_, m := db.AddStaff(t, kinship.RoleClinician, "c@example.org")
		session, _, _ := db.StartSession(context.Background(), m.ID, true)
		if err := db.CheckInvite(context.Background(), "inv_nonsense"); kinship.ErrorCode(err) != kinship.ENOTFOUND {
			t.Errorf("CheckInvite(nonsense) = %v", err)
		}
		token, err := db.ResetPassword(admin, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.CheckInvite(context.Background(), token); err != nil {
			t.Errorf("CheckInvite(new link) = %v", err)
		}
		if _, err := db.SignIn(context.Background(), "c@example.org", storetest.AdminPassword); kinship.ErrorCode(err) != kinship.EUNAUTHORIZED {
			t.Errorf("old password after reset: %v", err)
		}
		if _, _, err := db.LoginSession(context.Background(), session, 15*60e9); kinship.ErrorCode(err) != kinship.EUNAUTHORIZED {
			t.Errorf("session after reset: %v", err)
		}
		// A second reset replaces the first link.
		second, _ := db.ResetPassword(admin, m.ID)
		if err := db.CheckInvite(context.Background(), token); kinship.ErrorCode(err) != kinship.ENOTFOUND {
			t.Errorf("first link after a second reset: %v", err)
		}
		if _, err := db.AcceptInvite(context.Background(), second, "a brand new password"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SignIn(context.Background(), "c@example.org", "a brand new password"); err != nil {
			t.Errorf("new password: %v", err)
		}
	})
}

func TestTokensRespectRequiredMFA(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		admin, a := db.MustSetUp(t)
		token, _, err := db.CreateToken(admin, a.ID, "script")
		if err != nil {
			t.Fatal(err)
		}
		yes := true
		if _, err := db.UpdateOrganization(admin, kinship.OrganizationUpdate{MFARequired: &yes}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.StaffByToken(context.Background(), token); kinship.ErrorCode(err) != kinship.EUNAUTHORIZED {
			t.Errorf("token of a member without the required second factor: %v", err)
		}
	})
}

package kinship_test

import (
	"testing"

	"kinship"
)

func TestStaffCreateValidate(t *testing.T) {
	ok := kinship.StaffCreate{Email: "sam@example.org", Name: "Sam", Role: kinship.RoleClinician, Password: "twelve chars"}
	tests := []struct {
		name  string
		edit  func(c *kinship.StaffCreate)
		field string // "" when valid
	}{
		{"Valid", func(c *kinship.StaffCreate) {}, ""},
		{"NoEmail", func(c *kinship.StaffCreate) { c.Email = "" }, "email"},
		{"EmailWithName", func(c *kinship.StaffCreate) { c.Email = "Sam <sam@example.org>" }, "email"},
		{"EmailNoDomainDot", func(c *kinship.StaffCreate) { c.Email = "sam@localhost" }, "email"},
		{"NoName", func(c *kinship.StaffCreate) { c.Name = "" }, "name"},
		{"UnknownRole", func(c *kinship.StaffCreate) { c.Role = "client" }, "role"},
		{"ElevenCharacters", func(c *kinship.StaffCreate) { c.Password = "eleven char" }, "password"},
		{"TwelveRunesNotBytes", func(c *kinship.StaffCreate) { c.Password = "ääääääääääää" }, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := ok
			tc.edit(&c)
			err := c.Validate(true)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("Validate = %v, want nil", err)
				}
				return
			}
			if kinship.ErrorCode(err) != kinship.EINVALID || kinship.ErrorFields(err)[tc.field] == "" {
				t.Fatalf("Validate = %v (fields %v), want invalid %s", err, kinship.ErrorFields(err), tc.field)
			}
		})
	}
	t.Run("InviteNeedsNoPassword", func(t *testing.T) {
		c := ok
		c.Password = ""
		if err := c.Validate(false); err != nil {
			t.Errorf("Validate(false) = %v", err)
		}
	})
}

// TestPolicy states who may manage the program; a change to the policy
// must change this test too.
func TestPolicy(t *testing.T) {
	for _, role := range kinship.StaffRoles {
		if !role.Can(kinship.PermSignedIn) {
			t.Errorf("%s cannot reach their dashboard", role)
		}
		admin := role == kinship.RoleAdmin
		for _, p := range []kinship.Permission{kinship.PermStaffManage, kinship.PermOrgManage, kinship.PermAuditView} {
			if got := role.Can(p); got != admin {
				t.Errorf("%s.Can(%s) = %v, want %v", role, p, got, admin)
			}
		}
	}
	if kinship.Role("client").Can(kinship.PermSignedIn) || kinship.Role("").Can(kinship.PermSignedIn) {
		t.Error("a role outside the staff roles holds a staff permission")
	}
	if kinship.Permission("made.up").Known() || kinship.RoleAdmin.Can("made.up") {
		t.Error("an unknown permission is granted")
	}
}

func TestSiteTimezone(t *testing.T) {
	for tz, valid := range map[string]bool{"America/Los_Angeles": true, "UTC": true, "Local": false, "PST": false, "Mars/Base": false, "": false} {
		err := (&kinship.SiteCreate{Name: "Main", Timezone: tz}).Validate()
		if (err == nil) != valid {
			t.Errorf("timezone %q: err = %v, want valid=%v", tz, err, valid)
		}
	}
}

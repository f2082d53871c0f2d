package web

import (
	"net/http"
	"strings"
	"testing"

	"kinship"
	"kinship/store/storetest"
)

func TestAPIMe(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		_, admin := db.MustSetUp(t)
		res, body := app.api(t, "GET", "/api/v1/me", app.token(t, admin), nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("status %d: %s", res.StatusCode, res.body)
		}
		want := map[string]any{"id": float64(admin.ID), "email": "admin@example.org", "name": "Alex Admin", "role": "admin"}
		if len(body) != len(want) {
			t.Errorf("got fields %v, want exactly %v", body, want)
		}
		for k, v := range want {
			if body[k] != v {
				t.Errorf("%s = %v, want %v", k, body[k], v)
			}
		}
		for name, token := range map[string]string{
			"Malformed": "Bearer-ish nonsense",
			"Unknown":   "kin_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		} {
			t.Run(name, func(t *testing.T) {
				res, body := app.api(t, "GET", "/api/v1/me", token, nil)
				if res.StatusCode != http.StatusUnauthorized || errorCode(body) != "unauthorized" {
					t.Errorf("status %d, body %v; want 401 unauthorized", res.StatusCode, body)
				}
			})
		}
		t.Run("TokenDoesNotOpenPages", func(t *testing.T) {
			res, _ := app.api(t, "GET", "/admin/staff", app.token(t, admin), nil)
			if strings.Contains(res.body, "Invite a staff member") {
				t.Errorf("a bearer token opened an HTML page")
			}
		})
		t.Run("NoCredentials", func(t *testing.T) {
			res, body := app.api(t, "GET", "/api/v1/me", "", nil)
			if res.StatusCode != http.StatusUnauthorized || errorCode(body) != "unauthorized" {
				t.Errorf("status %d, body %v; want 401 unauthorized", res.StatusCode, body)
			}
		})
	})
}

func TestAPIStaff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		_, admin := db.MustSetUp(t)
		token := app.token(t, admin)
		res, body := app.api(t, "POST", "/api/v1/staff", token, map[string]any{"email": "c@example.org", "name": "Cam", "role": "clinician"})
		if res.StatusCode != http.StatusCreated || body["invite_url"] == nil || body["invited"] != true {
			t.Fatalf("invite: %d %v", res.StatusCode, body)
		}
		before := db.Count(t, "staff")
		bad := []struct {
			name   string
			body   any
			status int
			field  string
		}{
			{"UnknownRole", map[string]any{"email": "x@example.org", "name": "X", "role": "wizard"}, 400, "role"},
			{"DuplicateEmail", map[string]any{"email": "C@example.org", "name": "X", "role": "billing"}, 409, "email"},
			{"ShortPassword", map[string]any{"email": "x@example.org", "name": "X", "role": "billing", "password": "short"}, 400, "password"},
			{"UnknownField", map[string]any{"email": "x@example.org", "name": "X", "role": "billing", "colour": "red"}, 400, "colour"},
			{"WrongType", map[string]any{"email": "x@example.org", "name": 7, "role": "billing"}, 400, "name"},
			{"NotJSON", "{email:", 400, ""},
		}
		for _, tc := range bad {
			t.Run(tc.name, func(t *testing.T) {
				res, body := app.api(t, "POST", "/api/v1/staff", token, tc.body)
				if res.StatusCode != tc.status {
					t.Fatalf("status %d, want %d: %v", res.StatusCode, tc.status, body)
				}
				if tc.field != "" && errorField(body, tc.field) == "" {
					t.Errorf("no message for field %q: %v", tc.field, body)
				}
			})
		}
		if after := db.Count(t, "staff"); after != before {
			t.Errorf("staff = %d after rejected requests, want %d", after, before)
		}
		t.Run("Update", func(t *testing.T) {
			id := int64(body["id"].(float64))
			res, out := app.api(t, "PATCH", "/api/v1/staff/"+itoa(id), token, map[string]any{"role": "supervisor"})
			if res.StatusCode != http.StatusOK || out["role"] != "supervisor" {
				t.Errorf("update: %d %v", res.StatusCode, out)
			}
			res, out = app.api(t, "PATCH", "/api/v1/staff/"+itoa(admin.ID), token, map[string]any{"active": false})
			if res.StatusCode != http.StatusConflict {
				t.Errorf("deactivating the last admin: %d %v, want 409", res.StatusCode, out)
			}
		})
		t.Run("ClinicianForbidden", func(t *testing.T) {
			_, c := db.AddStaff(t, kinship.RoleClinician, "clin@example.org")
			res, out := app.api(t, "GET", "/api/v1/staff", app.token(t, c), nil)
			if res.StatusCode != http.StatusForbidden || errorCode(out) != "forbidden" {
				t.Errorf("clinician listing staff: %d %v, want 403", res.StatusCode, out)
			}
		})
	})
}

func TestAPIOrganization(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		_, admin := db.MustSetUp(t)
		token := app.token(t, admin)
		res, site := app.api(t, "POST", "/api/v1/sites", token, map[string]any{"name": "Evening Center", "timezone": "America/New_York"})
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("create site: %d %v", res.StatusCode, site)
		}
		if res, out := app.api(t, "POST", "/api/v1/sites", token, map[string]any{"name": "Moon", "timezone": "Moon/Base"}); res.StatusCode != 400 || errorField(out, "timezone") == "" {
			t.Errorf("bad timezone: %d %v", res.StatusCode, out)
		}
		res, prog := app.api(t, "POST", "/api/v1/programs", token, map[string]any{"site_id": site["id"], "name": "Evenings IOP"})
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("create program: %d %v", res.StatusCode, prog)
		}
		if res, out := app.api(t, "POST", "/api/v1/programs", token, map[string]any{"site_id": 999, "name": "Nowhere"}); res.StatusCode != 400 || errorField(out, "site_id") == "" {
			t.Errorf("unknown site: %d %v", res.StatusCode, out)
		}
		_, list := app.api(t, "GET", "/api/v1/programs", token, nil)
		if n := len(list["programs"].([]any)); n != 1 {
			t.Errorf("programs = %d, want 1", n)
		}
		pid := prog["id"]
		res, track := app.api(t, "POST", "/api/v1/tracks", token, map[string]any{"program_id": pid, "name": "Evenings", "days": []string{"mon", "tue", "wed", "thu"}, "start": "18:00", "end": "21:00"})
		if res.StatusCode != http.StatusCreated || track["start"] != "18:00" || len(track["days"].([]any)) != 4 {
			t.Fatalf("create track: %d %v", res.StatusCode, track)
		}
		for name, body := range map[string]map[string]any{
			"end":  {"program_id": pid, "name": "Late", "days": []string{"mon"}, "start": "21:00", "end": "18:00"},
			"days": {"program_id": pid, "name": "Late", "days": []string{"someday"}, "start": "18:00", "end": "21:00"},
		} {
			if res, out := app.api(t, "POST", "/api/v1/tracks", token, body); res.StatusCode != 400 || errorField(out, name) == "" {
				t.Errorf("bad %s: %d %v", name, res.StatusCode, out)
			}
		}
		res, org := app.api(t, "PATCH", "/api/v1/organization", token, map[string]any{"mfa_required": true})
		if res.StatusCode != http.StatusOK || org["mfa_required"] != true {
			t.Errorf("require MFA: %d %v", res.StatusCode, org)
		}
	})
}

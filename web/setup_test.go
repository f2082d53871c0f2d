package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kinship/store/storetest"
)

func TestSetup(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		app.srv.SetSetupToken("the-one-time-token")
		b := app.browser(t)
		if res := b.get("/setup/wrong"); res.StatusCode != http.StatusNotFound {
			t.Errorf("wrong token: %d, want 404", res.StatusCode)
		}
		form := url.Values{"org_name": {"Pride Path"}, "site_name": {"Downtown"}, "timezone": {"America/Denver"},
			"name": {"Ari Admin"}, "email": {"ari@example.org"}, "password": {"short"}, "password_confirm": {"short"}}
		res := b.post("/setup/the-one-time-token", form)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, "at least 12 characters") || !strings.Contains(res.body, `value="Pride Path"`) {
			t.Fatalf("short password: %d\n%s", res.StatusCode, res.body)
		}
		if n := db.Count(t, "organizations"); n != 0 {
			t.Fatalf("organizations = %d after a rejected setup", n)
		}
		form.Set("password", "a much longer password")
		form.Set("password_confirm", "a much longer password")
		if res := b.post("/setup/the-one-time-token", form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("setup: %d\n%s", res.StatusCode, res.body)
		}
		if res := b.get("/setup/the-one-time-token"); res.StatusCode != http.StatusNotFound {
			t.Errorf("setup page after use: %d, want 404", res.StatusCode)
		}
		b.signIn("ari@example.org", "a much longer password")
		if res := b.get("/dashboard"); !strings.Contains(res.body, "Pride Path") {
			t.Errorf("dashboard does not show the organization")
		}
	})
}

func TestFriendlyErrors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		db.MustSetUp(t)
		b := app.browser(t)
		res := b.get("/no/such/page")
		if res.StatusCode != http.StatusNotFound || !strings.Contains(res.body, "There is no page at this address.") {
			t.Errorf("404: %d\n%s", res.StatusCode, res.body)
		}
		b.signIn("admin@example.org", storetest.AdminPassword)
		for _, path := range []string{"/admin/staff/999999", "/admin/staff/abc"} {
			res := b.get(path)
			if res.StatusCode != http.StatusNotFound || strings.Contains(strings.ToLower(res.body), "sql") {
				t.Errorf("%s: %d\n%s", path, res.StatusCode, res.body)
			}
		}
		res, body := app.api(t, "GET", "/api/v1/nothing", "", nil)
		if res.StatusCode != http.StatusNotFound || errorCode(body) != "not_found" {
			t.Errorf("API 404: %d %v", res.StatusCode, body)
		}
	})
}

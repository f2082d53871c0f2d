package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"kinship"
	"kinship/store/storetest"
)

func TestSignIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		db.MustSetUp(t)
		b := app.browser(t)

		t.Run("WrongPassword", func(t *testing.T) {
			res := b.post("/signin", url.Values{"email": {"admin@example.org"}, "password": {"not the password"}})
			if res.StatusCode != http.StatusUnauthorized {
				t.Fatalf("status %d, want 401", res.StatusCode)
			}
			if !strings.Contains(res.body, "The email or password is incorrect.") || !strings.Contains(res.body, `value="admin@example.org"`) {
				t.Errorf("page does not explain or keep the email:\n%s", res.body)
			}
			for _, c := range res.Cookies() {
				if c.Name == sessionCookie && c.Value != "" {
					t.Error("a session cookie was set after a wrong password")
				}
			}
		})
		t.Run("MissingCSRF", func(t *testing.T) {
			before := db.Count(t, "audit_events")
			res := b.post("/signin", url.Values{"email": {"admin@example.org"}, "password": {storetest.AdminPassword}, csrfField: {"forged"}})
			if res.StatusCode != http.StatusForbidden {
				t.Fatalf("status %d, want 403", res.StatusCode)
			}
			if after := db.Count(t, "audit_events"); after != before {
				t.Errorf("a forged form reached the service: %d audit events, want %d", after, before)
			}
		})
		t.Run("SignInAndOut", func(t *testing.T) {
			res := b.signIn("admin@example.org", storetest.AdminPassword)
			if loc := res.Header.Get("Location"); loc != "/dashboard" {
				t.Fatalf("redirect to %q, want /dashboard", loc)
			}
			for _, c := range res.Cookies() {
				if c.Name == sessionCookie && (!c.HttpOnly || c.SameSite != http.SameSiteLaxMode) {
					t.Errorf("session cookie %+v: want HttpOnly and SameSite=Lax", c)
				}
			}
			dash := b.get("/dashboard")
			if dash.StatusCode != http.StatusOK || !strings.Contains(dash.body, "Alex Admin") {
				t.Fatalf("dashboard: %d\n%s", dash.StatusCode, dash.body)
			}
			for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"} {
				if dash.Header.Get(h) == "" {
					t.Errorf("missing header %s", h)
				}
			}
			if cc := dash.Header.Get("Cache-Control"); cc != "no-store" {
				t.Errorf("Cache-Control = %q, want no-store", cc)
			}
			if out := b.post("/signout", nil); out.StatusCode != http.StatusSeeOther {
				t.Fatalf("sign out: %d", out.StatusCode)
			}
			if res := b.get("/dashboard"); !redirectsToSignIn(res) {
				t.Errorf("dashboard after sign-out: %d %s", res.StatusCode, res.Header.Get("Location"))
			}
		})
		t.Run("NextStaysOnSite", func(t *testing.T) {
			res := b.post("/signin", url.Values{"email": {"admin@example.org"}, "password": {storetest.AdminPassword}, "next": {"//evil.example/"}})
			if loc := res.Header.Get("Location"); loc != "/dashboard" {
				t.Errorf("redirect to %q, want /dashboard", loc)
			}
		})
	})
}

func TestIdleSignOut(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		db.MustSetUp(t)
		b := app.browser(t)
		b.signIn("admin@example.org", storetest.AdminPassword)
		db.Clock.Advance(16 * time.Minute)
		res := b.get("/dashboard")
		if !redirectsToSignIn(res) || !strings.Contains(res.Header.Get("Location"), "expired=1") {
			t.Fatalf("after 16 idle minutes: %d %q, want a redirect to sign in, expired", res.StatusCode, res.Header.Get("Location"))
		}
		if page := b.get(res.Header.Get("Location")); !strings.Contains(page.body, "signed out after a period without activity") {
			t.Errorf("sign-in page does not say why:\n%s", page.body)
		}
	})
}

func TestMFASignIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		db.MustSetUp(t)
		b := app.browser(t)
		b.signIn("admin@example.org", storetest.AdminPassword)

		// Enrol through the page, reading the key as a person would.
		page := b.get("/account/mfa")
		secret := find(t, page.body, `<code class="secret">([A-Z2-7]+)</code>`)
		if !strings.Contains(page.body, "<svg") || !strings.Contains(page.body, `role="img"`) {
			t.Error("no accessible QR code on the enrolment page")
		}
		if again := b.get("/account/mfa"); find(t, again.body, `<code class="secret">([A-Z2-7]+)</code>`) != secret {
			t.Error("reloading the page changed the key")
		}
		if res := b.post("/account/mfa", url.Values{"code": {"123456"}}); res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, secret) {
			t.Fatalf("wrong code: %d, want 400 showing the same key", res.StatusCode)
		}
		res := b.post("/account/mfa", url.Values{"code": {totp(t, secret, db.Clock.Now())}})
		if res.StatusCode != http.StatusOK || strings.Count(res.body, "<li><code>") != 10 {
			t.Fatalf("enrol: %d, want 10 recovery codes\n%s", res.StatusCode, res.body)
		}
		recovery := find(t, res.body, `<li><code>([a-z0-9-]+)</code>`)
		b.post("/signout", nil)

		db.Clock.Advance(time.Minute)
		if loc := b.signIn("admin@example.org", storetest.AdminPassword).Header.Get("Location"); !strings.HasPrefix(loc, "/signin/mfa") {
			t.Fatalf("after password: redirect to %q, want /signin/mfa", loc)
		}
		if res := b.get("/dashboard"); res.Header.Get("Location") != "/signin/mfa" {
			t.Errorf("dashboard before the second factor: %d %q", res.StatusCode, res.Header.Get("Location"))
		}
		if res := b.post("/signin/mfa", url.Values{"code": {"000000"}}); res.StatusCode != http.StatusUnauthorized {
			t.Errorf("wrong code: %d, want 401", res.StatusCode)
		}
		if res := b.post("/signin/mfa", url.Values{"code": {recovery}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("recovery code: %d\n%s", res.StatusCode, res.body)
		}
		if res := b.get("/dashboard"); res.StatusCode != http.StatusOK {
			t.Errorf("dashboard after the second factor: %d", res.StatusCode)
		}
	})
}

func TestMFARequired(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		admin, _ := db.MustSetUp(t)
		yes := true
		if _, err := db.UpdateOrganization(admin, kinship.OrganizationUpdate{MFARequired: &yes}); err != nil {
			t.Fatal(err)
		}
		db.AddStaff(t, kinship.RoleClinician, "c@example.org")
		b := app.browser(t)
		b.signIn("c@example.org", storetest.AdminPassword)
		res := b.get("/dashboard")
		if res.Header.Get("Location") != "/account/mfa" {
			t.Fatalf("dashboard without MFA: %d %q, want a redirect to enrol", res.StatusCode, res.Header.Get("Location"))
		}
		page := b.get("/account/mfa")
		if !strings.Contains(page.body, "Your organization requires two-step sign-in") {
			t.Error("enrolment page does not say it is required")
		}
		secret := find(t, page.body, `<code class="secret">([A-Z2-7]+)</code>`)
		b.post("/account/mfa", url.Values{"code": {totp(t, secret, db.Clock.Now())}})
		if res := b.get("/dashboard"); res.StatusCode != http.StatusOK {
			t.Errorf("dashboard after enrolling: %d", res.StatusCode)
		}
	})
}

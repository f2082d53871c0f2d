package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"kinship/store/storetest"
)

// The idle script's keep-alive is a request like any other: a counselor
// typing a long note for 28 minutes, with a keep-alive now and then, stays
// signed in past the 15-minute idle limit.
func TestKeepAliveExtendsTheSession(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		db.MustSetUp(t)
		typing, away := app.browser(t), app.browser(t)
		typing.signIn("admin@example.org", storetest.AdminPassword)
		away.signIn("admin@example.org", storetest.AdminPassword)
		for range 2 {
			db.Clock.Advance(14 * time.Minute)
			if res := typing.post("/session/keepalive", nil); res.StatusCode != http.StatusNoContent {
				t.Fatalf("keep-alive: %d, want 204", res.StatusCode)
			}
		}
		if res := typing.get("/dashboard"); res.StatusCode != http.StatusOK {
			t.Errorf("after 28 minutes of keep-alives: %d, want 200", res.StatusCode)
		}
		if res := away.get("/dashboard"); !redirectsToSignIn(res) {
			t.Errorf("after 28 minutes away: %d, want the sign-in page", res.StatusCode)
		}
		// A keep-alive cannot revive an ended session.
		if res := away.post("/session/keepalive", nil); res.StatusCode == http.StatusNoContent {
			t.Error("a keep-alive after the idle limit answered 204")
		}
	})
}

// When the idle script signs out, sign-in says why and returns the person
// to the page they were on.
func TestIdleSignOutReturnsToThePage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		db.MustSetUp(t)
		b := app.browser(t)
		b.signIn("admin@example.org", storetest.AdminPassword)
		res := b.post("/signout", url.Values{"idle": {"1"}, "next": {"/admin/staff?x=1"}})
		loc, _ := url.Parse(res.Header.Get("Location"))
		if res.StatusCode != http.StatusSeeOther || loc.Path != "/signin" || loc.Query().Get("next") != "/admin/staff?x=1" {
			t.Fatalf("idle sign-out: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		page := b.get(loc.RequestURI())
		if !strings.Contains(page.body, "signed out after a period without activity") || !strings.Contains(page.body, `value="/admin/staff?x=1"`) {
			t.Errorf("sign-in page after idle:\n%s", page.body)
		}
		res = b.post("/signin", url.Values{"email": {"admin@example.org"}, "password": {storetest.AdminPassword}, "next": {"/admin/staff?x=1"}})
		if got := res.Header.Get("Location"); got != "/admin/staff?x=1" {
			t.Errorf("signed in again to %q, want /admin/staff?x=1", got)
		}
		// next stays on this site.
		res = b.post("/signout", url.Values{"idle": {"1"}, "next": {"//evil.example/"}})
		if loc, _ := url.Parse(res.Header.Get("Location")); loc.Query().Get("next") != "/dashboard" {
			t.Errorf("an off-site next became %q", loc.Query().Get("next"))
		}
	})
}

// The portal's keep-alive keeps a client's ten minutes going the same way.
func TestPortalKeepAlive(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		_, b, _, _, _ := portalSetUp(t, db)
		for range 2 {
			db.Clock.Advance(8 * time.Minute)
			if res := b.post("/me/keepalive", nil); res.StatusCode != http.StatusNoContent {
				t.Fatalf("keep-alive: %d, want 204", res.StatusCode)
			}
		}
		if res := b.get("/me"); res.StatusCode != http.StatusOK {
			t.Errorf("after 16 minutes of keep-alives: %d, want 200", res.StatusCode)
		}
		db.Clock.Advance(11 * time.Minute)
		if res := b.post("/me/keepalive", nil); res.StatusCode == http.StatusNoContent {
			t.Error("a keep-alive after the portal's idle limit answered 204")
		}
	})
}

package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"kinship"
	"kinship/store/storetest"
)

// TestRoutePolicy walks every registered route with every role and checks
// the server's answer against the policy. A route whose permission has no
// entry in the policy fails here.
func TestRoutePolicy(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		_, admin := db.MustSetUp(t)
		members := map[kinship.Role]*kinship.Staff{kinship.RoleAdmin: admin}
		for _, role := range kinship.StaffRoles[1:] {
			_, members[role] = db.AddStaff(t, role, string(role)+"@example.org")
		}
		if len(app.srv.routes) < 20 {
			t.Fatalf("only %d routes registered", len(app.srv.routes))
		}
		for _, rt := range app.srv.routes {
			if rt.perm != public && rt.perm != signInStep && !rt.perm.Known() {
				t.Errorf("%s needs permission %q, which the policy does not list", rt.pattern, rt.perm)
				continue
			}
			method, path := requestFor(rt.pattern)
			t.Run(rt.pattern, func(t *testing.T) {
				if rt.perm != public {
					res := app.call(t, method, path, "")
					if res.StatusCode != http.StatusUnauthorized && !redirectsToSignIn(res) {
						t.Errorf("anonymous: status %d, want 401 or a redirect to sign in", res.StatusCode)
					}
				}
				for _, role := range kinship.StaffRoles {
					token, _, err := db.StartSession(context.Background(), members[role].ID, true)
					if err != nil {
						t.Fatal(err)
					}
					res := app.call(t, method, path, token)
					allowed := rt.perm == public || rt.perm == signInStep || role.Can(rt.perm)
					switch {
					case allowed && (res.StatusCode == http.StatusForbidden || redirectsToSignIn(res)):
						t.Errorf("%s: status %d, but the policy allows it", role, res.StatusCode)
					case !allowed && res.StatusCode != http.StatusForbidden:
						t.Errorf("%s: status %d, but the policy denies it", role, res.StatusCode)
					}
				}

			})
		}
		events, _, err := db.ListAudit(kinship.SystemContext(context.Background()), kinship.AuditFilter{Action: kinship.ActionAccessDenied})
		if err != nil || len(events) == 0 {
			t.Errorf("denials audited: %d events, %v", len(events), err)
		}
	})
}

// TestPortalRoutePolicy walks every route with a client's portal session:
// it opens the portal and public pages only, and anywhere else it is not
// signed in at all.
func TestPortalRoutePolicy(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		db.MustSetUp(t)
		client, _ := db.CreateClient(kinship.SystemContext(context.Background()), kinship.ClientFields{NameToUse: "River"})
		inv, _ := db.InviteClient(kinship.SystemContext(context.Background()), client.ID)
		if _, err := db.AcceptClientInvite(context.Background(), inv.Token, "river@example.org", storetest.AdminPassword); err != nil {
			t.Fatal(err)
		}
		for _, rt := range app.srv.routes {
			// A fresh session each time: a route walked earlier may sign out.
			session, err := db.StartClientSession(context.Background(), client.ID)
			if err != nil {
				t.Fatal(err)
			}
			method, path := requestFor(rt.pattern)
			res := app.callWith(t, method, path, portalCookie, session)
			allowed := rt.perm == public || rt.perm == kinship.PermPortal
			switch {
			case allowed && (res.StatusCode == http.StatusForbidden || redirectsToSignIn(res)):
				t.Errorf("%s: status %d %s, but the policy allows it", rt.pattern, res.StatusCode, res.Header.Get("Location"))
			case !allowed && res.StatusCode != http.StatusUnauthorized && res.StatusCode != http.StatusForbidden && !redirectsToSignIn(res):
				t.Errorf("%s: status %d, but the policy denies it", rt.pattern, res.StatusCode)
			}
		}
	})
}

// requestFor turns a pattern into a concrete method and path.
func requestFor(pattern string) (string, string) {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		method, path = http.MethodGet, "/no-such-page"
	}
	r := strings.NewReplacer("{id}", "1", "{episode}", "1", "{consent}", "1", "{document}", "1", "{enrollment}", "1", "{version}", "1", "{code}", "phq9", "{token}", "not-a-token", "{hash}", "x", "{file}", "kinship.css", "{$}", "")
	return method, r.Replace(path)
}

// call sends one request as the holder of a session token ("" for none),
// with a valid CSRF token and an empty body.
func (a *testApp) call(t *testing.T, method, path, session string) *response {
	return a.callWith(t, method, path, sessionCookie, session)
}

// callWith is call with the session in the named cookie: the staff or the
// portal one.
func (a *testApp) callWith(t *testing.T, method, path, cookie, session string) *response {
	t.Helper()
	var body string
	if method != http.MethodGet {
		body = "{}"
		if !strings.HasPrefix(path, "/api/") {
			body = ""
		}
	}
	req, _ := http.NewRequest(method, a.http.URL+path, strings.NewReader(body))
	csrf := strings.Repeat("c", 43)
	req.AddCookie(&http.Cookie{Name: csrfCookie, Value: csrf})
	req.Header.Set(csrfHeader, csrf)
	if session != "" {
		req.AddCookie(&http.Cookie{Name: cookie, Value: session})
	}
	if strings.HasPrefix(path, "/api/") {
		req.Header.Set("Content-Type", "application/json")
	}
	b := a.browser(t)
	return b.do(req)
}

// redirectsToSignIn reports whether res sends the browser to sign in
// because it is not signed in (signing out also lands there, by design).
func redirectsToSignIn(res *response) bool {
	loc := res.Header.Get("Location")
	return res.StatusCode == http.StatusSeeOther && (strings.HasPrefix(loc, "/signin") || strings.HasPrefix(loc, "/portal/signin")) &&
		!strings.Contains(loc, "signed-out")
}

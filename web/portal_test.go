package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kinship"
	"kinship/store/storetest"
)

// portalClient is a client with a portal account, for tests.
type portalClient struct {
	client *kinship.Client
	email  string
}

// newPortalClient registers a client admitted with counselor, invites them
// and accepts the invitation with a password.
func newPortalClient(t *testing.T, db *storetest.DB, name string, program, counselor int64) portalClient {
	t.Helper()
	admin := kinship.SystemContext(context.Background())
	c, err := db.CreateClient(admin, kinship.ClientFields{NameToUse: name, Pronouns: "they/them", Phone: "510-555-0100", ConfirmNew: true}) // clients here share a phone
	if err != nil {
		t.Fatal(err)
	}
	db.MustAdmit(t, c.ID, program, counselor, d(t, "2026-11-16"))
	inv, err := db.InviteClient(admin, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	email := strings.ToLower(name) + "@example.org"
	if _, err := db.AcceptClientInvite(context.Background(), inv.Token, email, storetest.AdminPassword); err != nil {
		t.Fatal(err)
	}
	return portalClient{client: c, email: email}
}

// portalSignIn signs a client in through the portal's form.
func (b *browser) portalSignIn(email, password string) {
	b.t.Helper()
	res := b.post("/portal/signin", url.Values{"email": {email}, "password": {password}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/me" {
		b.t.Fatalf("portal sign in as %s: %d %s\n%s", email, res.StatusCode, res.Header.Get("Location"), res.body)
	}
}

// portalAPI calls the JSON API as the browser's signed-in client: the
// session cookie, with the CSRF token in its header.
func (b *browser) portalAPI(method, path string, body any) (*response, map[string]any) {
	b.t.Helper()
	var buf bytes.Buffer
	if body != nil {
		json.NewEncoder(&buf).Encode(body)
	}
	req, _ := http.NewRequest(method, b.app.http.URL+path, &buf)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(csrfHeader, b.csrf())
	res := b.do(req)
	var out map[string]any
	json.Unmarshal([]byte(res.body), &out)
	return res, out
}

// portalSetUp is an organization with a program, a counselor (Sam) and a
// signed-in portal client (River).
func portalSetUp(t *testing.T, db *storetest.DB) (*testApp, *browser, portalClient, *kinship.Staff, int64) {
	app := newApp(t, db)
	admin, _ := db.MustSetUp(t)
	sites, _ := db.ListSites(admin)
	prog, _ := db.CreateProgram(admin, kinship.ProgramCreate{SiteID: sites[0].ID, Name: "Mornings IOP"})
	_, sam := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
	river := newPortalClient(t, db, "River", prog.ID, sam.ID)
	b := app.browser(t)
	b.portalSignIn(river.email, storetest.AdminPassword)
	return app, b, river, sam, prog.ID
}

func TestPortalInvitationAndSignIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		admin, adminStaff := db.MustSetUp(t)
		c, _ := db.CreateClient(admin, kinship.ClientFields{NameToUse: "Jules", Email: "jules@example.org"})
		res, out := app.api(t, "POST", "/api/v1/clients/"+itoa(c.ID)+"/invite", app.token(t, adminStaff), map[string]any{})
		link, _ := out["invite_url"].(string)
		if res.StatusCode != http.StatusCreated || !strings.Contains(link, "/portal/invite/") {
			t.Fatalf("invite: %d %v", res.StatusCode, out)
		}
		msgs, _ := db.Outbox(admin, 10)
		if len(msgs) != 1 || msgs[0].Recipient != "jules@example.org" || !strings.Contains(msgs[0].Body, link) {
			t.Fatalf("outbox = %+v", msgs)
		}
		b := app.browser(t)
		path := link[strings.Index(link, "/portal/"):]
		if page := b.get(path); !strings.Contains(page.body, "Welcome, Jules") {
			t.Fatalf("invitation page:\n%s", page.body)
		}
		if res := b.post(path, url.Values{"email": {"jules@example.org"}, "password": {"short"}}); res.StatusCode != http.StatusBadRequest {
			t.Errorf("a short password: %d", res.StatusCode)
		}
		if res := b.post(path, url.Values{"email": {"jules@example.org"}, "password": {"a long enough password"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("accept: %d\n%s", res.StatusCode, res.body)
		}
		if page := b.get("/me"); page.StatusCode != http.StatusOK || !strings.Contains(page.body, "Hi, Jules") || !strings.Contains(page.body, "I need support now") {
			t.Fatalf("today: %d\n%s", page.StatusCode, page.body)
		}
		checkInstallable(t, b)
		if res := b.get(path); res.StatusCode != http.StatusNotFound {
			t.Errorf("a used invitation: %d", res.StatusCode)
		}
		// The portal session opens no staff page, and a staff session no
		// portal page.
		if res := b.get("/dashboard"); !redirectsToSignIn(res) {
			t.Errorf("a client on the dashboard: %d", res.StatusCode)
		}
		staff := app.browser(t)
		staff.signIn("admin@example.org", storetest.AdminPassword)
		if res := staff.get("/me"); res.StatusCode != http.StatusForbidden {
			t.Errorf("staff on the portal: %d", res.StatusCode)
		}
		// Quick exit signs out and leaves at once.
		res = b.post("/portal/signout", url.Values{"exit": {"1"}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/bye" {
			t.Errorf("quick exit: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		if res := b.get("/me"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/portal/signin") {
			t.Errorf("after quick exit: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		// A sign-in link by email, whether or not the address has an account.
		for _, email := range []string{"jules@example.org", "nobody@example.org"} {
			if res := b.post("/portal/signin/link", url.Values{"email": {email}}); res.StatusCode != http.StatusOK || !strings.Contains(res.body, "If that email has an account") {
				t.Errorf("link for %s: %d", email, res.StatusCode)
			}
		}
		msgs, _ = db.Outbox(admin, 10)
		if len(msgs) != 2 || msgs[0].Kind != "sign_in_link" {
			t.Fatalf("outbox after link requests = %d", len(msgs))
		}
		linkPath := find(t, msgs[0].Body, `(/portal/link/\S+)`)
		if res := b.post(linkPath, nil); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/me" {
			t.Errorf("using the link: %d", res.StatusCode)
		}
		if res := b.post(linkPath, nil); res.StatusCode != http.StatusUnauthorized {
			t.Errorf("using the link twice: %d", res.StatusCode)
		}
	})
}

// TestSupportNow is one tap: crisis lines on the answer, an alert on the
// counselor's dashboard, and the client sees when it is acknowledged.
func TestSupportNow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app, b, _, _, _ := portalSetUp(t, db)
		res := b.post("/me/support", nil)
		if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "988") || !strings.Contains(res.body, "741741") ||
			!strings.Contains(res.body, "Trevor") || !strings.Contains(res.body, "Trans Lifeline") {
			t.Fatalf("support now: %d\n%s", res.StatusCode, res.body)
		}
		b.post("/me/support", nil) // a second tap raises no second alert
		id := find(t, res.body, `action="/me/support/(\d+)/callback"`)
		if res := b.post("/me/support/"+id+"/callback", url.Values{"callback": {"call me"}}); res.StatusCode != http.StatusBadRequest {
			t.Errorf("a bad number: %d", res.StatusCode)
		}
		b.post("/me/support/"+id+"/callback", url.Values{"callback": {"510-555-0199"}})
		sam := app.browser(t)
		sam.signIn("sam@example.org", storetest.AdminPassword)
		dash := sam.get("/dashboard")
		if strings.Count(dash.body, "asked for support now") != 1 || !strings.Contains(dash.body, "510-555-0199") {
			t.Fatalf("the counselor's dashboard:\n%s", dash.body)
		}
		alertID := find(t, dash.body, `action="/alerts/(\d+)/acknowledge"`)
		sam.post("/alerts/"+alertID+"/acknowledge", url.Values{"action": {"contacted"}, "note": {"Called back; they are safe."}})
		if page := b.get("/me/support"); !strings.Contains(page.body, "sam") && !strings.Contains(page.body, "has your request") {
			t.Errorf("the client does not see the acknowledgement:\n%s", page.body)
		}
	})
}

// TestClientAnswersAssignedPHQ9 answers item 9 in the portal: crisis lines
// on the same page, and the alert on the counselor's dashboard.
func TestClientAnswersAssignedPHQ9(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app, b, river, sam, _ := portalSetUp(t, db)
		if err := db.AssignMeasure(storetest.As(sam), river.client.ID, "phq9"); err != nil {
			t.Fatal(err)
		}
		if page := b.get("/me"); !strings.Contains(page.body, `href="/me/measures/phq9"`) {
			t.Fatalf("today lacks the PHQ-9:\n%s", page.body)
		}
		if res := b.get("/me/measures/cssrs"); res.StatusCode != http.StatusNotFound {
			t.Errorf("an instrument not waiting: %d", res.StatusCode)
		}
		answers := url.Values{}
		for i := 1; i <= 9; i++ {
			answers.Set("item-"+itoa(int64(i)), "0")
		}
		answers.Set("item-9", "2")
		res := b.post("/me/measures/phq9", answers)
		if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "988") || !strings.Contains(res.body, "741741") {
			t.Fatalf("answering: %d\n%s", res.StatusCode, res.body)
		}
		sam2 := app.browser(t)
		sam2.signIn("sam@example.org", storetest.AdminPassword)
		if !strings.Contains(sam2.get("/dashboard").body, "PHQ-9 answers show a risk of suicide") {
			t.Error("the counselor's dashboard lacks the alert")
		}
		rs, _ := db.Responses(storetest.As(sam), river.client.ID)
		if len(rs) != 1 || !rs[0].ByClient {
			t.Errorf("responses = %+v", rs)
		}
		if res := b.get("/me/measures/phq9"); res.StatusCode != http.StatusNotFound {
			t.Errorf("the answered PHQ-9 is still waiting: %d", res.StatusCode)
		}
	})
}

package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"kinship"
	"kinship/demo"
	"kinship/store/storetest"
)

// mayaForm adds Maya, who may receive family-session invitations.
func mayaForm() url.Values {
	return url.Values{"name": {"Maya Brooks"}, "relationship": {"chosen_family"}, "email": {"maya@example.org"},
		"sharing": {"family_invites"}, "expiry": {"date"}, "signed_name": {"River"}, "agreed": {"on"}}
}

func TestPeoplePages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app, b, river, sam, prog := portalSetUp(t, db)
		if page := b.get("/me/people"); page.StatusCode != http.StatusOK || !strings.Contains(page.body, "Add a person") {
			t.Fatalf("people: %d\n%s", page.StatusCode, page.body)
		}
		form := b.get("/me/people/new")
		for _, want := range []string{"What may they receive?", "Who shares it", "Rainbow Recovery", "You may revoke this consent at any time",
			"One year, until 23 Nov 2027", "Until my treatment ends", "Your treatment does not depend on signing", `for="f-signed_name"`} {
			if !strings.Contains(form.body, want) {
				t.Errorf("the form does not show %q", want)
			}
		}
		t.Run("NoConsentChoice", func(t *testing.T) {
			f := url.Values{"name": {"Maya Brooks"}, "relationship": {"chosen_family"}, "email": {"maya@example.org"}}
			res := b.post("/me/people", f)
			if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, "Choose what they may receive") ||
				!strings.Contains(res.body, `aria-describedby="f-sharing-error"`) || !strings.Contains(res.body, `value="Maya Brooks"`) {
				t.Errorf("no choice: %d\n%s", res.StatusCode, res.body)
			}
			if db.Count(t, "contacts") != 0 {
				t.Errorf("a contact without a consent choice was stored")
			}
		})
		t.Run("Unsigned", func(t *testing.T) {
			f := url.Values{"name": {"Maya Brooks"}, "relationship": {"chosen_family"}, "email": {"maya@example.org"}, "sharing": {"family_invites"}}
			res := b.post("/me/people", f)
			if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, "Type your name to sign this consent.") ||
				!strings.Contains(res.body, `id="f-agreed" name="agreed" type="checkbox" aria-invalid="true"`) {
				t.Errorf("unsigned: %d\n%s", res.StatusCode, res.body)
			}
			if db.Count(t, "contacts") != 0 || db.Count(t, "consents") != 0 {
				t.Errorf("an unsigned consent was stored")
			}
		})
		res := b.post("/me/people", mayaForm())
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/me/people?done=added" {
			t.Fatalf("add: %d %s\n%s", res.StatusCode, res.Header.Get("Location"), res.body)
		}
		list, _ := db.MyContacts(asPortal(river))
		if len(list) != 1 || list[0].Consent == nil {
			t.Fatalf("contacts = %+v", list)
		}
		maya := list[0]
		page := b.get("/me/people?done=added")
		for _, want := range []string{"Saved. They are in your people.", "Maya Brooks", "Chosen family", "Invitations to family sessions",
			"You signed on 23 Nov 2026; it lasts until 23 Nov 2027."} {
			if !strings.Contains(page.body, want) {
				t.Errorf("the list does not show %q", want)
			}
		}
		path := "/me/people/" + itoa(maya.ID)
		if edit := b.get(path); edit.StatusCode != http.StatusOK || !strings.Contains(edit.body, "You signed a consent on 23 Nov 2026") ||
			!strings.Contains(edit.body, "Remove Maya Brooks") {
			t.Errorf("edit: %d\n%s", edit.StatusCode, edit.body)
		}

		t.Run("AnotherClient", func(t *testing.T) {
			alex := newPortalClient(t, db, "Alex", prog, sam.ID)
			other := app.browser(t)
			other.portalSignIn(alex.email, storetest.AdminPassword)
			if res := other.get(path); res.StatusCode != http.StatusNotFound {
				t.Errorf("GET another's contact: %d", res.StatusCode)
			}
			if res := other.post(path, url.Values{"name": {"Mine now"}, "relationship": {"friend"}, "phone": {"510-555-0100"}, "sharing": {"nothing"}}); res.StatusCode != http.StatusNotFound {
				t.Errorf("POST another's contact: %d", res.StatusCode)
			}
			if res := other.post(path+"/delete", nil); res.StatusCode != http.StatusNotFound {
				t.Errorf("delete another's contact: %d", res.StatusCode)
			}
			api := "/api/v1/me/contacts/" + itoa(maya.ID)
			if res, out := other.portalAPI("PATCH", api, map[string]any{"sharing": "nothing"}); res.StatusCode != http.StatusNotFound || errorCode(out) != kinship.ENOTFOUND {
				t.Errorf("PATCH another's contact: %d %v", res.StatusCode, out)
			}
			if res, _ := other.portalAPI("DELETE", api, nil); res.StatusCode != http.StatusNotFound {
				t.Errorf("DELETE another's contact: %d", res.StatusCode)
			}
			if res, out := other.portalAPI("GET", "/api/v1/me/contacts", nil); res.StatusCode != http.StatusOK || len(out["contacts"].([]any)) != 0 {
				t.Errorf("another's list: %d %v", res.StatusCode, out)
			}
			if page := other.get("/me/people"); strings.Contains(page.body, "Maya") {
				t.Errorf("another client's list shows River's contact")
			}
			if c, err := db.MyContact(asPortal(river), maya.ID); err != nil || c.Name != "Maya Brooks" || c.Consent == nil || !c.Consent.RevokedAt.IsZero() {
				t.Errorf("River's contact changed: %+v, %v", c, err)
			}
		})
		t.Run("ChangeToNothing", func(t *testing.T) {
			f := url.Values{"name": {"Maya Brooks"}, "relationship": {"chosen_family"}, "email": {"maya@example.org"}, "sharing": {"nothing"}}
			if res := b.post(path, f); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("change: %d\n%s", res.StatusCode, res.body)
			}
			consents, _ := db.Consents(kinship.SystemContext(context.Background()), river.client.ID)
			if len(consents) != 1 || consents[0].RevokedAt.IsZero() {
				t.Errorf("choosing nothing did not revoke the consent: %+v", consents)
			}
		})
		t.Run("Remove", func(t *testing.T) {
			if res := b.post(path+"/delete", nil); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/me/people?done=removed" {
				t.Fatalf("remove: %d", res.StatusCode)
			}
			if res := b.get(path); res.StatusCode != http.StatusNotFound {
				t.Errorf("removed contact: %d", res.StatusCode)
			}
		})
	})
}

// asPortal acts as a portal client in the store.
func asPortal(c portalClient) context.Context {
	return kinship.WithActor(context.Background(), kinship.Actor{ClientID: c.client.ID, Role: kinship.RoleClient})
}

func TestContactsAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		_, b, _, _, _ := portalSetUp(t, db)
		res, out := b.portalAPI("POST", "/api/v1/me/contacts", map[string]any{"name": "Jordan Lee", "relationship": "partner", "phone": "510-555-0160"})
		if res.StatusCode != http.StatusBadRequest || errorField(out, "sharing") == "" {
			t.Fatalf("no consent choice: %d %v", res.StatusCode, out)
		}
		res, out = b.portalAPI("POST", "/api/v1/me/contacts", map[string]any{"name": "Jordan Lee", "relationship": "partner", "phone": "510-555-0160",
			"sharing": "weekly_attendance", "signed_name": "River", "agreed": true, "expiry": "end_of_treatment"})
		if res.StatusCode != http.StatusCreated || out["receives"] != "weekly_attendance" {
			t.Fatalf("create: %d %v", res.StatusCode, out)
		}
		consent, _ := out["consent"].(map[string]any)
		if consent["in_force"] != true || consent["expiry"] != "end_of_treatment" || consent["signed_name"] != "" {
			t.Errorf("consent = %v", consent)
		}
		id := itoa(int64(out["id"].(float64)))
		// A partial update keeps the rest and the consent.
		res, out = b.portalAPI("PATCH", "/api/v1/me/contacts/"+id, map[string]any{"email": "jordan@example.org"})
		if res.StatusCode != http.StatusOK || out["email"] != "jordan@example.org" || out["phone"] != "510-555-0160" || out["receives"] != "weekly_attendance" {
			t.Errorf("patch: %d %v", res.StatusCode, out)
		}
		res, out = b.portalAPI("PATCH", "/api/v1/me/contacts/"+id, map[string]any{"sharing": "nothing"})
		if res.StatusCode != http.StatusOK || out["receives"] != "nothing" || out["consent"] != nil {
			t.Errorf("patch to nothing: %d %v", res.StatusCode, out)
		}
		if res, _ := b.portalAPI("DELETE", "/api/v1/me/contacts/"+id, nil); res.StatusCode != http.StatusNoContent {
			t.Errorf("delete: %d", res.StatusCode)
		}
		if res, out := b.portalAPI("GET", "/api/v1/me/contacts", nil); res.StatusCode != http.StatusOK || len(out["contacts"].([]any)) != 0 {
			t.Errorf("list: %d %v", res.StatusCode, out)
		}
	})
}

func TestFamilyInviteRoute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app, b, river, sam, prog := portalSetUp(t, db)
		b.post("/me/people", mayaForm())
		b.post("/me/people", url.Values{"name": {"Tess Moreno"}, "relationship": {"friend"}, "phone": {"510-555-0170"}, "sharing": {"nothing"}})
		list, _ := db.MyContacts(asPortal(river))
		if len(list) != 2 {
			t.Fatalf("contacts = %d", len(list))
		}
		maya, tess := list[0], list[1]
		staff := app.browser(t)
		staff.signIn(sam.Email, storetest.AdminPassword)
		invite := func(clientID, contactID int64) *response {
			return staff.post("/clients/"+itoa(clientID)+"/people/"+itoa(contactID)+"/invite-family", nil)
		}
		if res := invite(river.client.ID, tess.ID); res.StatusCode != http.StatusForbidden || !strings.Contains(res.body, "No invitation was sent") {
			t.Errorf("without consent: %d\n%s", res.StatusCode, res.body)
		}
		alex := newPortalClient(t, db, "Alex", prog, sam.ID)
		if res := invite(alex.client.ID, maya.ID); res.StatusCode != http.StatusNotFound {
			t.Errorf("through another client: %d", res.StatusCode)
		}
		if db.Count(t, "disclosures") != 0 {
			t.Fatalf("a refused invitation was accounted")
		}
		res := invite(river.client.ID, maya.ID)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/clients/"+itoa(river.client.ID)+"?done=family-invited" {
			t.Fatalf("invite: %d %s\n%s", res.StatusCode, res.Header.Get("Location"), res.body)
		}
		if db.Count(t, "disclosures") != 1 {
			t.Errorf("the invitation was not accounted")
		}
		token := app.token(t, sam)
		res, out := app.api(t, "GET", "/api/v1/clients/"+itoa(river.client.ID)+"/contacts", token, nil)
		if res.StatusCode != http.StatusOK || len(out["contacts"].([]any)) != 2 {
			t.Errorf("staff list: %d %v", res.StatusCode, out)
		}
		res, out = app.api(t, "POST", "/api/v1/clients/"+itoa(river.client.ID)+"/contacts/"+itoa(tess.ID)+"/invite-family", token, map[string]any{})
		if res.StatusCode != http.StatusForbidden || errorCode(out) != kinship.EFORBIDDEN {
			t.Errorf("API without consent: %d %v", res.StatusCode, out)
		}
	})
}

func TestMilestonesPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		_, b, _, sam, _ := portalSetUp(t, db)
		samCtx := storetest.As(sam)
		page := b.get("/me/milestones")
		if page.StatusCode != http.StatusOK || !strings.Contains(page.body, "A slip is information, not failure. Your progress still counts.") ||
			!strings.Contains(page.body, "Set your recovery date") || !strings.Contains(page.body, `max="2026-11-23"`) {
			t.Fatalf("milestones: %d\n%s", page.StatusCode, page.body)
		}
		res := b.post("/me/milestones", url.Values{"start": {"2026-11-24"}, "tell_counselor": {"on"}})
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, "can&#39;t be in the future") || !strings.Contains(res.body, `aria-describedby="f-start-error"`) {
			t.Errorf("a future date: %d\n%s", res.StatusCode, res.body)
		}
		res = b.post("/me/milestones", url.Values{"start": {"2026-10-14"}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/me/milestones?done=date-set" {
			t.Fatalf("set: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		page = b.get("/me/milestones?done=date-set")
		for _, want := range []string{"No one was told", `<span class="days">40</span> days`, "since 14 Oct 2026", "<strong>30 days</strong>",
			"Next: <strong>60 days</strong> on 13 Dec 2026, in 20 days", "Reset your recovery date"} {
			if !strings.Contains(page.body, want) {
				t.Errorf("the page does not show %q", want)
			}
		}
		if alerts, _ := db.OpenAlerts(samCtx); len(alerts) != 0 {
			t.Errorf("a private reset alerted the counselor: %+v", alerts)
		}
		res = b.post("/me/milestones", url.Values{"start": {"2026-11-20"}, "tell_counselor": {"on"}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/me/milestones?done=told" {
			t.Fatalf("reset and tell: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		if alerts, _ := db.OpenAlerts(samCtx); len(alerts) != 1 || alerts[0].Message != "River reset their recovery date and asked you to know." {
			t.Errorf("counselor's alerts = %+v", alerts)
		}
		if res := b.post("/me/milestones/visibility", url.Values{"hidden": {"1"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("hide: %d", res.StatusCode)
		}
		if page := b.get("/me/milestones"); !strings.Contains(page.body, "Your counter is hidden") || strings.Contains(page.body, `class="days"`) {
			t.Errorf("hidden counter shows:\n%s", page.body)
		}
		res, out := b.portalAPI("GET", "/api/v1/me/milestones", nil)
		if res.StatusCode != http.StatusOK || out["days"] != float64(3) || out["hidden"] != true || out["start"] != "2026-11-20" {
			t.Errorf("API: %d %v", res.StatusCode, out)
		}
		res, out = b.portalAPI("POST", "/api/v1/me/milestones", map[string]any{"start": "2026-11-01"})
		if res.StatusCode != http.StatusOK || out["counselor_told"] != false {
			t.Errorf("API set: %d %v", res.StatusCode, out)
		}
		if res, _ := b.portalAPI("POST", "/api/v1/me/milestones/visibility", map[string]any{"hidden": false}); res.StatusCode != http.StatusNoContent {
			t.Errorf("API show: %d", res.StatusCode)
		}
	})
}

// TestBrowserPeopleAndMilestones opens the demo client's people and
// milestones on a phone, and adds a person without choosing what they
// may receive, as a new user might.
func TestBrowserPeopleAndMilestones(t *testing.T) {
	ctx := newBrowser(t)
	db := storetest.Open(t, "sqlite")
	seedDemo(t, db)
	base := newApp(t, db).http.URL
	err := chromedp.Do(ctx, chromedp.Navigate(base+"/portal/signin"),
		chromedp.SendKeys("#f-email", demo.ClientEmail), chromedp.SendKeys("#f-password", demo.ClientPassword),
		chromedp.Submit("#f-password"), chromedp.WaitVisible(chromedp.CSS("#support-now")))
	if err != nil {
		t.Fatal(err)
	}
	checkPage(t, ctx, base+"/me/people")
	people, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("ul.people > li").length`))
	if people != 4 {
		t.Errorf("River has %d people, want 4", people)
	}
	checkPage(t, ctx, base+"/me/milestones")
	days, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".days").textContent`))
	if days != "40" {
		t.Errorf("counter = %q, want 40", days)
	}
	checkPage(t, ctx, base+"/me/people/new")
	err = chromedp.Do(ctx, chromedp.SendKeys("#f-name", "Robin"), chromedp.SetValue("#f-relationship", "friend"),
		chromedp.SendKeys("#f-phone", "510-555-0133"), chromedp.Submit("#f-name"), chromedp.WaitVisible(chromedp.CSS("#f-sharing-error")))
	if err != nil {
		t.Fatal(err)
	}
	checkCurrent(t, ctx, base+"/me/people (no consent choice)")
}

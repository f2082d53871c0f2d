package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kinship/store/storetest"
)

// TestOrganizationContact: an admin sets how the public reaches the
// program on the Organization page or through the API. A bad phone is
// named, the form keeps what was typed, and nothing changes.
func TestOrganizationContact(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		_, admin := db.MustSetUp(t)
		b := app.browser(t)
		b.signIn("admin@example.org", storetest.AdminPassword)

		form := url.Values{"name": {"Rainbow Recovery"}, "phone": {"call the desk"}, "hours": {"Weekdays 8:00 to 18:00"}, "address": {"1 Pride Way"}}
		res := b.post("/admin/organization", form)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, "Phone must be a number like (510) 555-0142") {
			t.Fatalf("bad phone: %d, want 400 naming the phone", res.StatusCode)
		}
		for _, typed := range []string{`value="call the desk"`, `value="Weekdays 8:00 to 18:00"`, `value="1 Pride Way"`} {
			if !strings.Contains(res.body, typed) {
				t.Errorf("the failed form lost %s", typed)
			}
		}
		if !strings.Contains(res.body, `aria-describedby="f-phone-error"`) || !strings.Contains(res.body, `id="f-phone-error"`) {
			t.Errorf("the phone field is not marked")
		}
		if org, _ := app.srv.Orgs.Organization(t.Context()); org.Phone != "" || org.Hours != "" {
			t.Errorf("a refused form changed the organization: %+v", org)
		}

		form.Set("phone", "(510) 555-0100")
		if res := b.post("/admin/organization", form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save contact: %d\n%s", res.StatusCode, res.body)
		}
		if page := b.get("/admin/organization"); !strings.Contains(page.body, `value="(510) 555-0100"`) || !strings.Contains(page.body, `value="1 Pride Way"`) {
			t.Errorf("the saved contact is not on the page")
		}

		token := app.token(t, admin)
		res, org := app.api(t, "GET", "/api/v1/organization", token, nil)
		if res.StatusCode != http.StatusOK || org["phone"] != "(510) 555-0100" || org["hours"] != "Weekdays 8:00 to 18:00" || org["address"] != "1 Pride Way" {
			t.Errorf("GET organization: %d %v", res.StatusCode, org)
		}
		res, out := app.api(t, "PATCH", "/api/v1/organization", token, map[string]any{"phone": "nope"})
		if res.StatusCode != http.StatusBadRequest || errorField(out, "phone") == "" {
			t.Errorf("PATCH bad phone: %d %v", res.StatusCode, out)
		}
		res, org = app.api(t, "PATCH", "/api/v1/organization", token, map[string]any{"hours": "Every day, 7:00 to 21:00"})
		if res.StatusCode != http.StatusOK || org["hours"] != "Every day, 7:00 to 21:00" || org["phone"] != "(510) 555-0100" {
			t.Errorf("PATCH hours: %d %v", res.StatusCode, org)
		}
	})
}

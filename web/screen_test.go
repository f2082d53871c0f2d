package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kinship"
	"kinship/screening"
	"kinship/store/storetest"
)

// TestScreeningEmergency: danger comes first. Someone who says they are in
// danger gets the crisis lines and the program's own contact at once, even
// with every other question unanswered, and details they leave alert the
// admissions team at once.
func TestScreeningEmergency(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		adminCtx, _ := db.MustSetUp(t)
		phone, hours, address := "(510) 555-0100", "Monday to Friday, 8:00 to 18:00", "1200 Harbor Way, Oakland"
		if _, err := db.UpdateOrganization(adminCtx, kinship.OrganizationUpdate{Phone: &phone, Hours: &hours, Address: &address}); err != nil {
			t.Fatal(err)
		}
		res, body := app.api(t, "POST", "/api/v1/screenings/level-of-care", "", map[string]any{"danger_to_self": true})
		if res.StatusCode != http.StatusOK || body["level"] != "emergency" || body["crisis_resources"] == nil {
			t.Errorf("API, danger with the rest unanswered: %d, level %v, crisis resources %v", res.StatusCode, body["level"], body["crisis_resources"])
		}
		visitor := app.browser(t)
		for name, form := range map[string]url.Values{
			"DangerOnly":      {"danger_to_self": {"on"}},
			"MedicalOnly":     {"medical_emergency": {"yes"}},
			"DangerSomeLeft":  {"danger_to_self": {"yes"}, "readiness": {"ready"}, "relapse_risk": {"high"}},
			"DangerAnswerAll": {"danger_to_self": {"yes"}, "withdrawal_risk": {"none"}, "psychiatric_severity": {"mild"}, "readiness": {"ready"}, "relapse_risk": {"low"}, "home_environment": {"supportive"}},
		} {
			t.Run(name, func(t *testing.T) {
				page := visitor.post("/screen", form)
				if page.StatusCode != http.StatusOK {
					t.Fatalf("status %d, want 200", page.StatusCode)
				}
				for _, unkind := range []string{"still need an answer", "Please choose one answer", "field-error"} {
					if strings.Contains(page.body, unkind) {
						t.Errorf("the page asks a person in danger to finish the form (%q)", unkind)
					}
				}
				main := page.body[strings.Index(page.body, "<main"):]
				if crisis, h1 := strings.Index(main, `class="crisis"`), strings.Index(main, "<h1"); crisis < 0 || crisis > h1 {
					t.Errorf("the crisis lines are not first (crisis at %d, heading at %d)", crisis, h1)
				}
				p := parsePage(page.body)
				for _, r := range screening.CrisisResources {
					if !p.hrefs[r.Href] {
						t.Errorf("no %s link for %s", r.Href, r.Name)
					}
				}
				for _, want := range []string{"You can also reach Rainbow Recovery", phone, hours, address} {
					if !strings.Contains(p.text, want) {
						t.Errorf("the program's contact lacks %q", want)
					}
				}
				if !p.hrefs["tel:5105550100"] {
					t.Errorf("the program's phone is not a tel:5105550100 link")
				}
			})
		}
		if page := visitor.post("/screen", url.Values{"readiness": {"ready"}}); page.StatusCode != http.StatusBadRequest || !strings.Contains(page.body, "Please choose one answer.") ||
			strings.Contains(page.body, `class="crisis"`) {
			t.Errorf("incomplete answers without danger: %d, want 400 with gentle errors and no crisis block", page.StatusCode)
		}
		answers := url.Values{"danger_to_self": {"yes"}, "withdrawal_risk": {"none"}, "psychiatric_severity": {"severe"}, "readiness": {"ready"},
			"relapse_risk": {"high"}, "home_environment": {"unsafe"}, "name_to_use": {"Robin"}, "phone": {"510-555-0111"}}
		if res := visitor.post("/screen/contact", answers); res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Thank you") {
			t.Fatalf("leaving details: %d\n%s", res.StatusCode, res.body)
		}
		admin := app.browser(t)
		admin.signIn("admin@example.org", storetest.AdminPassword)
		if dash := admin.get("/dashboard"); !strings.Contains(dash.body, "may be in danger now") {
			t.Error("no alert on the admin's dashboard")
		}
	})
}

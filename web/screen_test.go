package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kinship/store/storetest"
)

// TestScreeningEmergency: danger comes first. The crisis lines show even
// when other answers are missing, and details left by someone in danger
// alert the admissions team at once.
func TestScreeningEmergency(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		db.MustSetUp(t)
		res, body := app.api(t, "POST", "/api/v1/screenings/level-of-care", "", map[string]any{"danger_to_self": true})
		if res.StatusCode != http.StatusBadRequest || body["crisis_resources"] == nil {
			t.Errorf("incomplete emergency answers: %d, crisis resources %v", res.StatusCode, body["crisis_resources"])
		}
		visitor := app.browser(t)
		page := visitor.post("/screen", url.Values{"danger_to_self": {"on"}})
		if !strings.Contains(page.body, "988") || !strings.Contains(page.body, "Please choose one answer.") {
			t.Errorf("incomplete public screening: no crisis lines or no gentle errors")
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

package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"kinship"
	"kinship/store/storetest"
)

// TestSupportCancel: a tap by mistake can be cancelled for two minutes,
// with a form button; the counselor sees it cancelled by the client, and
// after the two minutes a cancel is refused in plain words.
func TestSupportCancel(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app, b, _, _, _ := portalSetUp(t, db)
		sam := app.browser(t)
		sam.signIn("sam@example.org", storetest.AdminPassword)

		res := b.post("/me/support", nil)
		id := find(t, res.body, `action="/me/support/(\d+)/cancel"`)
		if !strings.Contains(res.body, "Tapped by mistake? Cancel") {
			t.Fatalf("the answer to the tap offers no cancel:\n%s", res.body)
		}
		db.Clock.Advance(time.Minute)
		res = b.post("/me/support/"+id+"/cancel", nil)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/me/support?done=cancelled" {
			t.Fatalf("cancel within the minutes: %d %s\n%s", res.StatusCode, res.Header.Get("Location"), res.body)
		}
		page := b.get("/me/support?done=cancelled")
		if !strings.Contains(page.body, "You cancelled this request") || strings.Contains(page.body, "/cancel\"") {
			t.Errorf("the client's page after cancelling:\n%s", page.body)
		}
		dash := sam.get("/dashboard")
		// 17:01 UTC is 9:01 in Los Angeles.
		if !strings.Contains(dash.body, "Cancelled by the client at") || !strings.Contains(dash.body, "9:01") {
			t.Fatalf("the counselor's dashboard does not show the cancel:\n%s", dash.body)
		}
		// A cancelled request closes without a safety action.
		alertID := find(t, dash.body, `action="/alerts/(\d+)/acknowledge"`)
		if res := sam.post("/alerts/"+alertID+"/acknowledge", url.Values{"note": {"Seen; tapped by mistake."}}); res.StatusCode != http.StatusSeeOther {
			t.Errorf("acknowledging the cancelled alert: %d\n%s", res.StatusCode, res.body)
		}
		admin := kinship.SystemContext(context.Background())
		if events, _, _ := db.ListAudit(admin, kinship.AuditFilter{Action: kinship.ActionSupportCancel}); len(events) != 1 {
			t.Errorf("cancel audit events = %d, want 1", len(events))
		}

		t.Run("AfterTwoMinutes", func(t *testing.T) {
			res := b.post("/me/support", nil) // a new request, not the cancelled one
			id2 := find(t, res.body, `action="/me/support/(\d+)/cancel"`)
			if id2 == id {
				t.Fatalf("the new tap shows the cancelled request %s", id)
			}
			db.Clock.Advance(kinship.SupportCancelMinutes*time.Minute + time.Second)
			if page := b.get("/me/support"); strings.Contains(page.body, "Tapped by mistake") {
				t.Errorf("cancel still offered after the minutes:\n%s", page.body)
			}
			res = b.post("/me/support/"+id2+"/cancel", nil)
			if res.StatusCode != http.StatusConflict || !strings.Contains(res.body, "more than 2 minutes since you asked") {
				t.Errorf("late cancel: %d\n%s", res.StatusCode, res.body)
			}
			if dash := sam.get("/dashboard"); strings.Contains(dash.body, "Cancelled by the client") || !strings.Contains(dash.body, "asked for support now") {
				t.Errorf("a refused cancel changed the alert:\n%s", dash.body)
			}
		})
	})
}

// TestSupportCancelAPI is the same for the portal's JSON API.
func TestSupportCancelAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		_, b, _, _, _ := portalSetUp(t, db)
		res, out := b.portalAPI("POST", "/api/v1/me/support", nil)
		id, _ := out["id"].(float64)
		if res.StatusCode != http.StatusCreated || out["cancellable_until"] == nil {
			t.Fatalf("support now: %d %v", res.StatusCode, out)
		}
		cancel := "/api/v1/me/support/" + itoa(int64(id)) + "/cancel"
		if res, out := b.portalAPI("POST", cancel, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("cancel: %d %v", res.StatusCode, out)
		}
		if _, out := b.portalAPI("GET", "/api/v1/me/support", nil); !strings.Contains(fmt.Sprint(out["requests"]), "cancelled_at:20") {
			t.Errorf("the list does not show the cancel: %v", out)
		}
		// The cancelled request is not the open one: this is a new one.
		_, out = b.portalAPI("POST", "/api/v1/me/support", nil)
		late, _ := out["id"].(float64)
		if late == id {
			t.Fatalf("the new request is the cancelled one: %v", out)
		}
		db.Clock.Advance(kinship.SupportCancelMinutes*time.Minute + time.Second)
		if res, out := b.portalAPI("POST", "/api/v1/me/support/"+itoa(int64(late))+"/cancel", nil); res.StatusCode != http.StatusConflict || errorCode(out) != "conflict" {
			t.Errorf("late cancel: %d %v, want 409", res.StatusCode, out)
		}
	})
}

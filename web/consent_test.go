package web

import (
	"net/http"
	"strings"
	"testing"

	"kinship"
	"kinship/store/storetest"
)

// TestPaperConsent records a consent signed on paper, with its scan, and
// shows the scan from the chart.
func TestPaperConsent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		admin, _ := db.MustSetUp(t)
		c, _ := db.CreateClient(admin, kinship.ClientFields{NameToUse: "River"})
		b := app.browser(t)
		b.signIn("admin@example.org", storetest.AdminPassword)
		png := []byte("\x89PNG\r\n\x1a\n" + strings.Repeat("\x00", 64))
		post := func(withScan bool) *response {
			fields := map[string]string{"discloser": "Rainbow Recovery", "information": "attendance",
				"information_detail": "Group attendance", "recipients": "Maya (sister)", "purposes": "family_support",
				"expiry": "none", "revocation_noted": "on", "signature_method": "paper_scan"}
			if !withScan {
				return b.multipart("/clients/"+itoa(c.ID)+"/consents", fields, "", "", nil)
			}
			return b.multipart("/clients/"+itoa(c.ID)+"/consents", fields, "scan", "consent.png", png)
		}
		if res := post(false); res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, "Attach the scan") {
			t.Errorf("paper consent without a scan: %d", res.StatusCode)
		}
		if res := post(true); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("paper consent: %d\n%s", res.StatusCode, res.body)
		}
		chart := b.get("/clients/" + itoa(c.ID))
		link := find(t, chart.body, `href="(/clients/\d+/documents/\d+)"`)
		if res := b.get(link); res.StatusCode != http.StatusOK || res.body != string(png) || res.Header.Get("Content-Type") != "image/png" {
			t.Errorf("the scan: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
		}
	})
}

package web

import (
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"kinship"
	"kinship/store/storetest"
)

// pageLinks are the paths a page links to inside Kinship, without its
// stylesheet and scripts.
func pageLinks(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`href="(/[^"#]*)"`).FindAllStringSubmatch(body, -1) {
		if p := html.UnescapeString(m[1]); !strings.HasPrefix(p, "/static/") {
			out = append(out, p)
		}
	}
	return out
}

// checkLinksOpen follows every link on a page as its viewer and fails on
// any that does not open.
func checkLinksOpen(t *testing.T, b *browser, body string) {
	t.Helper()
	for _, p := range pageLinks(body) {
		if res := b.get(p); res.StatusCode != http.StatusOK {
			t.Errorf("link %s: status %d, want 200", p, res.StatusCode)
		}
	}
}

// TestDashboardListsOnlyWhatItsViewerMayOpen signs in two counselors on
// one site: each dashboard names only their own caseload, and every link
// on it opens.
func TestDashboardListsOnlyWhatItsViewerMayOpen(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := setUpSchedule(t, db)
		_, sam := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
		_, jo := db.AddStaff(t, kinship.RoleClinician, "jo@example.org")
		// Neither has a session this week, so both are at risk.
		f.admitted(t, "Avery", sam)
		f.admitted(t, "Blake", jo)
		for _, c := range []struct{ email, mine, theirs string }{
			{"sam@example.org", "Avery", "Blake"},
			{"jo@example.org", "Blake", "Avery"},
		} {
			t.Run(c.email, func(t *testing.T) {
				b := f.app.browser(t)
				b.signIn(c.email, storetest.AdminPassword)
				res := b.get("/dashboard")
				if res.StatusCode != http.StatusOK {
					t.Fatalf("dashboard: status %d", res.StatusCode)
				}
				risk := find(t, res.body, `(?s)<h2 id="risk-h">(.*?)</section>`)
				if !strings.Contains(risk, ">"+c.mine+"<") {
					t.Errorf("At risk this week does not list %s, on their caseload:\n%s", c.mine, risk)
				}
				if strings.Contains(res.body, c.theirs) {
					t.Errorf("the dashboard names %s, on another counselor's caseload", c.theirs)
				}
				checkLinksOpen(t, b, res.body)
			})
		}
	})
}

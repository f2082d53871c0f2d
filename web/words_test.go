package web

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"kinship"
	"kinship/demo"
	"kinship/store/storetest"
)

// TestNoInternalCodes reads the demo's pages as people see them and looks
// for values meant for the code: snake_case and dotted names, record
// numbers standing in for a client, a bare "specified", the program given
// away on the portal's sign-in page.
func TestNoInternalCodes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		la, _ := time.LoadLocation(demo.Timezone)
		db.Clock.T = time.Date(2026, 12, 2, 10, 30, 0, 0, la)
		seedDemo(t, db)
		app := newApp(t, db)
		ctx := kinship.SystemContext(t.Context())
		found, _, err := db.SearchClients(ctx, kinship.ClientFilter{Q: "River", Limit: 1})
		if err != nil || len(found) != 1 {
			t.Fatalf("River: %v, %v", found, err)
		}
		river := found[0].ID
		inquiry, err := db.Inquiry(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		admin := app.browser(t)
		admin.signIn("admin@kinship.example", "kinship-demo-admin")
		pages := []string{"/dashboard", "/clients", "/clients/" + itoa(river), "/admissions", "/schedule", "/schedule/setup",
			"/admin/staff", "/admin/organization", "/admin/audit", "/admin/audit?offset=50", "/admin/audit?offset=100"}
		for _, p := range pages {
			t.Run(p, func(t *testing.T) {
				checkWords(t, admin.get(p))
			})
		}
		t.Run("ScreeningErrors", func(t *testing.T) {
			desk := app.browser(t)
			desk.signIn("front_desk@kinship.example", "kinship-demo-front_desk")
			res := desk.post("/admissions/"+itoa(inquiry.ID)+"/screening", url.Values{})
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("empty screening: status %d, want 400", res.StatusCode)
			}
			checkWords(t, res)
		})
		t.Run("AuditNamesTheClient", func(t *testing.T) {
			res := admin.get("/admin/audit?client=" + itoa(river))
			_, table, _ := strings.Cut(res.body, "<tbody>")
			table, _, _ = strings.Cut(table, "</tbody>")
			rows := strings.Count(table, "<tr")
			if named := strings.Count(table, `<a href="/clients/`+itoa(river)+`">River</a>`); rows == 0 || named != rows {
				t.Errorf("filtered to River, %d events of which %d name River:\n%s", rows, named, visibleText(table))
			}
		})
		t.Run("InquirySource", func(t *testing.T) {
			// Devon left details on the website.
			_, card, _ := strings.Cut(admin.get("/admissions").body, "Devon")
			card, _, _ = strings.Cut(card, "</article>")
			if text := visibleText(card); !strings.Contains(text, "Website") {
				t.Errorf("Devon's card on the board:\n%s", text)
			}
		})
		t.Run("StaffTimesInSiteZone", func(t *testing.T) {
			// Late evening in Oakland is the next morning in UTC.
			db.Clock.T = time.Date(2026, 12, 2, 23, 30, 0, 0, la)
			late := app.browser(t)
			late.signIn("admin@kinship.example", "kinship-demo-admin")
			_, rows, _ := strings.Cut(late.get("/admin/staff").body, "<tbody>")
			_, row, _ := strings.Cut(rows, "Morgan Reyes")
			row, _, _ = strings.Cut(row, "</tr>")
			if text := visibleText(row); !strings.Contains(text, "2 Dec 2026") {
				t.Errorf("Morgan's last sign-in, at 23:30 on 2 December in Oakland, reads:\n%s", text)
			}
		})
		t.Run("PortalSignInFooter", func(t *testing.T) {
			text := visibleText(app.browser(t).get("/portal/signin").body)
			for _, give := range []string{"42 CFR", "Part 2", "HIPAA", demo.OrgName, demo.ProgramName, "recovery", "Recovery"} {
				if strings.Contains(text, give) {
					t.Errorf("the portal's sign-in page says %q", give)
				}
			}
		})
	})
}

var (
	// codeWords are snake_case and dotted names (client.read), but not the
	// domain of an email address or a link.
	codeWords  = regexp.MustCompile(`\b[a-z]+(?:_[a-z0-9]+)+\b|\b[a-z]+\.[a-z]+(?:_[a-z]+)*\b`)
	recordRefs = regexp.MustCompile(`\b(?:client|session|episode|inquiry|consent) \d+\b|Sex for clinical use\s+specified`)
	tags       = regexp.MustCompile(`(?s)<head>.*?</head>|<script.*?</script>|<style.*?</style>|<[^>]+>`)
	// details are the audit trail's free text, kept as the event wrote it.
	details  = regexp.MustCompile(`(?s)<td class="detail">.*?</td>`)
	webNames = regexp.MustCompile(`\S+@\S+|https?://\S+|\b[a-z.]+\.(?:example|org|com|net)\b`)
)

// visibleText is a page's text as a reader sees it, one line per element.
func visibleText(body string) string {
	return html.UnescapeString(tags.ReplaceAllString(body, "\n"))
}

func checkWords(t *testing.T, res *response) {
	t.Helper()
	text := visibleText(details.ReplaceAllString(res.body, ""))
	for _, line := range strings.Split(text, "\n") {
		if m := codeWords.FindString(webNames.ReplaceAllString(line, "")); m != "" {
			t.Errorf("%q shows on the page: %q", m, strings.TrimSpace(line))
		}
	}
	for _, m := range recordRefs.FindAllString(text, -1) {
		t.Errorf("%q shows on the page", m)
	}
}

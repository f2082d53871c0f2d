package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"kinship"
	"kinship/store/storetest"
)

// TestLegalNameOnlyOnRegistration crawls every page a clinician can reach
// and finds the legal name on none; it appears only on the registration
// page, for the roles allowed to see it.
func TestLegalNameOnlyOnRegistration(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		admin, _ := db.MustSetUp(t)
		sites, _ := db.ListSites(admin)
		prog, _ := db.CreateProgram(admin, kinship.ProgramCreate{SiteID: sites[0].ID, Name: "Mornings IOP"})
		db.AddStaff(t, kinship.RoleClinician, "clin@example.org")
		clinician, _ := db.FindStaffByEmail(admin, "clin@example.org")
		c, err := db.CreateClient(admin, kinship.ClientFields{NameToUse: "River", Pronouns: "they/them",
			LegalName: kinship.LegalName{Given: "Oldfirstname", Family: "Oldsurname"}, Phone: "510-555-0142"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Admit(admin, c.ID, kinship.Admission{ProgramID: prog.ID, AdmittedOn: kinship.Date{Year: 2026, Month: 11, Day: 16},
			PrimaryCounselorID: clinician.ID, Diagnoses: []string{"F10.20"}}); err != nil {
			t.Fatal(err)
		}
		// A clinician cannot find anyone by the legal name.
		b := app.browser(t)
		b.signIn("clin@example.org", storetest.AdminPassword)
		if res := b.get("/clients?q=oldsurname"); strings.Contains(res.body, "River") {
			t.Errorf("a clinician found River by the legal name")
		}

		seen := crawl(t, b, "/dashboard")
		for _, must := range []string{"/clients", "/clients/" + itoa(c.ID), "/clients/" + itoa(c.ID) + "/edit", "/clients/" + itoa(c.ID) + "/disclosures", "/admissions"} {
			if _, ok := seen[must]; !ok {
				t.Errorf("the crawl did not reach %s; it saw %v", must, keys(seen))
			}
		}
		if len(seen) < 8 {
			t.Fatalf("the crawl reached only %d pages: %v", len(seen), keys(seen))
		}
		for path, body := range seen {
			for _, legal := range []string{"Oldfirstname", "Oldsurname"} {
				if strings.Contains(body, legal) {
					t.Errorf("%s shows the legal name %q", path, legal)
				}
			}
		}
		// The audit views say who looked, never the client's names.
		events, _, _ := db.ListAudit(kinship.SystemContext(t.Context()), kinship.AuditFilter{})
		for _, e := range events {
			if strings.Contains(e.Detail+e.ResourceID+e.Actor, "Oldsurname") || strings.Contains(e.Detail, "River") {
				t.Errorf("audit event %d carries client data: %+v", e.Seq, e)
			}
		}
		// Front desk may search by it; the result says so without printing it.
		db.AddStaff(t, kinship.RoleFrontDesk, "desk@example.org")
		desk := app.browser(t)
		desk.signIn("desk@example.org", storetest.AdminPassword)
		if res := desk.get("/clients?q=oldsurname"); !strings.Contains(res.body, "matched legal name") || strings.Contains(res.body, "Oldsurname") {
			t.Errorf("front desk's legal-name search: match not flagged, or the legal name printed")
		}
		// The one labelled page shows it, to front desk.
		reg := desk.get("/clients/" + itoa(c.ID) + "/registration")
		if reg.StatusCode != http.StatusOK || !strings.Contains(reg.body, "Legal name (insurance and legal documents)") || !strings.Contains(reg.body, "Oldsurname") {
			t.Errorf("registration page: %d", reg.StatusCode)
		}
		if res := b.get("/clients/" + itoa(c.ID) + "/registration"); res.StatusCode != http.StatusForbidden {
			t.Errorf("clinician on the registration page: %d, want 403", res.StatusCode)
		}
	})
}

var hrefs = regexp.MustCompile(`href="(/[^"#]*)"`)

// crawl follows every same-site link from start, GET only, and returns
// each page's body by path. It skips sign-out and downloads.
func crawl(t *testing.T, b *browser, start string) map[string]string {
	t.Helper()
	seen := map[string]string{}
	queue := []string{start}
	for len(queue) > 0 && len(seen) < 200 {
		path := queue[0]
		queue = queue[1:]
		if _, ok := seen[path]; ok || strings.HasPrefix(path, "/static/") || strings.HasSuffix(path, ".csv") {
			continue
		}
		res := b.get(path)
		seen[path] = res.body
		if res.StatusCode == http.StatusSeeOther {
			if loc := res.Header.Get("Location"); strings.HasPrefix(loc, "/") && !strings.HasPrefix(loc, "/signin") {
				queue = append(queue, loc)
			}
			continue
		}
		for _, m := range hrefs.FindAllStringSubmatch(res.body, -1) {
			u, err := url.Parse(strings.ReplaceAll(m[1], "&amp;", "&"))
			if err == nil {
				queue = append(queue, u.RequestURI())
			}
		}
	}
	return seen
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

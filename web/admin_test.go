package web

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kinship"
	"kinship/store/storetest"
)

func TestStaffAdmin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		db.MustSetUp(t)
		admin := app.browser(t)
		admin.signIn("admin@example.org", storetest.AdminPassword)

		res := admin.post("/admin/staff", url.Values{"name": {"Quinn Park"}, "email": {"quinn@example.org"}, "role": {"peer_support"}})
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("invite: %d\n%s", res.StatusCode, res.body)
		}
		link := find(t, res.body, `<code class="secret">(http[^<]+/invite/[^<]+)</code>`)
		if res := admin.post("/admin/staff", url.Values{"name": {"Other"}, "email": {"quinn@example.org"}, "role": {"billing"}}); res.StatusCode != http.StatusConflict ||
			!strings.Contains(res.body, "A staff member with that email already exists.") {
			t.Errorf("duplicate invite: %d", res.StatusCode)
		}
		if res := admin.post("/admin/staff", url.Values{"name": {"Other"}, "email": {"o@example.org"}, "role": {"wizard"}}); res.StatusCode != http.StatusBadRequest ||
			!strings.Contains(res.body, `id="f-role-error"`) {
			t.Errorf("unknown role: %d", res.StatusCode)
		}

		// The invitee chooses a password and signs in.
		invitee := app.browser(t)
		path := link[strings.Index(link, "/invite/"):]
		if res := invitee.post(path, url.Values{"password": {"long enough pass"}, "password_confirm": {"different pass!"}}); res.StatusCode != http.StatusBadRequest ||
			!strings.Contains(res.body, "The two passwords do not match.") {
			t.Errorf("mismatched passwords: %d", res.StatusCode)
		}
		if res := invitee.post(path, url.Values{"password": {"long enough pass"}, "password_confirm": {"long enough pass"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("accept: %d\n%s", res.StatusCode, res.body)
		}
		invitee.signIn("quinn@example.org", "long enough pass")
		if res := invitee.get("/admin/staff"); res.StatusCode != http.StatusForbidden {
			t.Errorf("peer support on the staff page: %d, want 403", res.StatusCode)
		}
		nav := invitee.get("/dashboard").body
		if strings.Contains(nav, `href="/admin/staff"`) || strings.Contains(nav, `href="/admin/audit"`) {
			t.Error("peer support sees admin navigation")
		}

		// A forgotten password: the admin makes a new link.
		m0, _ := db.FindStaffByEmail(t.Context(), "quinn@example.org")
		reset := admin.post("/admin/staff/"+itoa(m0.ID)+"/reset-password", nil)
		newLink := find(t, reset.body, `<code class="secret">(http[^<]+/invite/[^<]+)</code>`)
		newPath := newLink[strings.Index(newLink, "/invite/"):]
		if res := invitee.get("/dashboard"); !redirectsToSignIn(res) {
			t.Errorf("a reset did not sign the member out")
		}
		invitee.post(newPath, url.Values{"password": {"another long pass"}, "password_confirm": {"another long pass"}})
		invitee.signIn("quinn@example.org", "another long pass")

		// The admin changes the role, then deactivates the member.
		m, _ := db.FindStaffByEmail(t.Context(), "quinn@example.org")
		edit := "/admin/staff/" + itoa(m.ID)
		if res := admin.post(edit, url.Values{"name": {"Quinn Park"}, "role": {"clinician"}, "active": {"on"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("change role: %d\n%s", res.StatusCode, res.body)
		}
		if res := admin.post(edit, url.Values{"name": {"Quinn Park"}, "role": {"clinician"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("deactivate: %d", res.StatusCode)
		}
		if res := invitee.get("/dashboard"); !redirectsToSignIn(res) {
			t.Errorf("deactivated member still signed in: %d", res.StatusCode)
		}
		if res := invitee.get(path); res.StatusCode != http.StatusNotFound || !strings.Contains(res.body, "unknown, used or expired") {
			t.Errorf("a used invitation link: %d", res.StatusCode)
		}
		if res := invitee.post("/signin", url.Values{"email": {"quinn@example.org"}, "password": {"long enough pass"}}); res.StatusCode != http.StatusUnauthorized {
			t.Errorf("deactivated member signs in: %d", res.StatusCode)
		}
	})
}

func TestOrganizationAdmin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		db.MustSetUp(t)
		b := app.browser(t)
		b.signIn("admin@example.org", storetest.AdminPassword)
		if res := b.post("/admin/sites", url.Values{"name": {"Eastside"}, "timezone": {"Nowhere/Special"}}); res.StatusCode != http.StatusBadRequest ||
			!strings.Contains(res.body, "Timezone must be an IANA name") {
			t.Errorf("bad timezone: %d", res.StatusCode)
		}
		if res := b.post("/admin/sites", url.Values{"name": {"Eastside"}, "timezone": {"America/Chicago"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("add site: %d\n%s", res.StatusCode, res.body)
		}
		sites, _ := db.ListSites(kinship.SystemContext(t.Context()))
		if res := b.post("/admin/programs", url.Values{"site_id": {itoa(sites[0].ID)}, "name": {"Evenings IOP"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("add program: %d\n%s", res.StatusCode, res.body)
		}
		programs, _ := db.ListPrograms(kinship.SystemContext(t.Context()))
		track := url.Values{"program_id": {itoa(programs[0].ID)}, "name": {"Evenings"}, "days": {"mon", "wed"}, "start": {"18:00"}, "end": {"17:00"}}
		if res := b.post("/admin/tracks", track); res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, "End must be after the start.") {
			t.Errorf("end before start: %d", res.StatusCode)
		}
		track.Set("end", "21:00")
		if res := b.post("/admin/tracks", track); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("add track: %d\n%s", res.StatusCode, res.body)
		}
		if dash := b.get("/dashboard"); !strings.Contains(dash.body, "Mon, Wed 18:00–21:00") {
			t.Errorf("dashboard does not show the track's schedule")
		}
		page := b.get("/admin/organization?done=program")
		if !strings.Contains(page.body, "Evenings IOP") || !strings.Contains(page.body, "Program added.") {
			t.Errorf("organization page misses the new program:\n%s", page.body)
		}
		if res := b.post("/admin/organization", url.Values{"name": {"Rainbow Recovery"}, "mfa_required": {"on"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("require MFA: %d", res.StatusCode)
		}
		// The admin has no second factor, so is now sent to enrol.
		if res := b.get("/dashboard"); res.Header.Get("Location") != "/account/mfa" {
			t.Errorf("after requiring MFA: %d %q", res.StatusCode, res.Header.Get("Location"))
		}
	})
}

func TestAuditPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		db.MustSetUp(t)
		b := app.browser(t)
		// A failed sign-in with a formula for an email, to prove the CSV defuses it.
		b.post("/signin", url.Values{"email": {"=HYPERLINK(\"x\")"}, "password": {"whatever12345"}})
		b.signIn("admin@example.org", storetest.AdminPassword)

		page := b.get("/admin/audit?action=auth.sign_in_failed")
		if page.StatusCode != http.StatusOK || !strings.Contains(page.body, "auth.sign_in_failed") || strings.Contains(page.body, "organization.setup") {
			t.Fatalf("filtered page: %d\n%s", page.StatusCode, page.body)
		}
		if res := b.get("/admin/audit?from=yesterday"); res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, "YYYY-MM-DD") {
			t.Errorf("bad date: %d", res.StatusCode)
		}
		res := b.get("/admin/audit.csv")
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
			t.Fatalf("csv: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
		}
		// Spreadsheets need the byte-order mark to read accented names,
		// and RFC 4180 ends every record, not just some, with CRLF.
		body, ok := strings.CutPrefix(res.body, "\uFEFF")
		if !ok {
			t.Errorf("csv starts %q, want a UTF-8 byte-order mark", res.body[:min(len(res.body), 8)])
		}
		if lf, crlf := strings.Count(body, "\n"), strings.Count(body, "\r\n"); lf == 0 || lf != crlf {
			t.Errorf("csv has %d line ends, %d of them CRLF; want all CRLF", lf, crlf)
		}
		rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if rows[0][0] != "seq" || len(rows) < 4 {
			t.Fatalf("csv rows: %v", rows)
		}
		for _, row := range rows {
			for _, cell := range row {
				if strings.HasPrefix(cell, "=") {
					t.Errorf("formula cell %q not defused", cell)
				}
			}
		}
		events, _, _ := db.ListAudit(kinship.SystemContext(t.Context()), kinship.AuditFilter{Action: kinship.ActionAuditExport})
		if len(events) != 1 {
			t.Errorf("exports audited: %d, want 1", len(events))
		}
	})
}

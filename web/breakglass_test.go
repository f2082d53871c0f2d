package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kinship"
	"kinship/store/storetest"
)

// TestEmergencyAccessEverywhere: a clinician who opens River's chart with
// emergency access sees the banner on every page of the chart, and every
// read of River's record under the grant is audited as emergency access.
func TestEmergencyAccessEverywhere(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		rd := setUpReleaseDemo(t, db)
		sys := kinship.SystemContext(t.Context())
		_, jordan := db.AddStaff(t, kinship.RoleClinician, "on-call@example.org")
		b := rd.app.browser(t)
		b.signIn(jordan.Email, storetest.AdminPassword)
		chart := "/clients/" + itoa(rd.river)
		if res := b.get(chart); res.StatusCode != http.StatusForbidden {
			t.Fatalf("the chart before emergency access: %d, want 403", res.StatusCode)
		}
		if res := b.post(chart+"/break-glass", url.Values{"reason": {"River called in crisis; Sam is away today"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("break-glass: %d %s", res.StatusCode, res.body)
		}
		before := lastAuditSeq(t, db)
		for _, page := range []string{"", "/timeline", "/notes", "/disclosures", "/treatment-plan", "/schedule", "/goals"} {
			res := b.get(chart + page)
			if res.StatusCode != http.StatusOK {
				t.Errorf("%s: %d", chart+page, res.StatusCode)
				continue
			}
			if strings.Count(res.body, "You opened this chart with emergency access") != 1 {
				t.Errorf("%s does not show the emergency-access banner once", chart+page)
			}
		}
		events, _, err := db.ListAudit(sys, kinship.AuditFilter{Actor: jordan.Name, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		reads := 0
		for _, e := range events {
			if e.Seq <= before || e.ResourceType != "client" || e.ResourceID != itoa(rd.river) {
				continue
			}
			reads++
			if e.Detail != "emergency access" {
				t.Errorf("%s of River's record under emergency access audited as %q", e.Action, e.Detail)
			}
		}
		if reads == 0 {
			t.Error("no read under emergency access was audited")
		}
	})
}

// lastAuditSeq is the sequence number of the newest audit event.
func lastAuditSeq(t *testing.T, db *storetest.DB) int64 {
	t.Helper()
	events, _, err := db.ListAudit(kinship.SystemContext(t.Context()), kinship.AuditFilter{Limit: 1})
	if err != nil || len(events) == 0 {
		t.Fatalf("audit: %v", err)
	}
	return events[0].Seq
}

package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kinship"
	"kinship/store/storetest"
)

// TestSuicideRiskAnswerReachesTheCounselor enters a PHQ-9 with item 9
// above 0 as staff would, from paper: the alert is on the counselor's
// dashboard at once and on the chart, and cannot be closed without an
// action and a note.
func TestSuicideRiskAnswerReachesTheCounselor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		_, b, sam, river := measureSetUp(t, db)
		chart := "/clients/" + itoa(river.ID)
		form := b.get(chart + "/measures/new?code=phq9")
		if !strings.Contains(form.body, "Thoughts that you would be better off dead") {
			t.Fatalf("the PHQ-9 form lacks item 9:\n%s", form.body)
		}
		answers := url.Values{"code": {"phq9"}, "taken_on": {"2026-11-23"}}
		for i := 1; i <= 8; i++ {
			answers.Set("item-"+itoa(int64(i)), "1")
		}
		// Item 9 left unanswered: the form says so and nothing is stored.
		if res := b.post(chart+"/measures", answers); res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, "Please answer item 9.") {
			t.Fatalf("a missing answer: %d\n%s", res.StatusCode, res.body)
		}
		if n := db.Count(t, "measure_responses"); n != 0 {
			t.Fatalf("%d responses stored from a refused form", n)
		}
		answers.Set("item-9", "1")
		if res := b.post(chart+"/measures", answers); res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "done=measure-alert") {
			t.Fatalf("record: %d %s\n%s", res.StatusCode, res.Header.Get("Location"), res.body)
		}
		dash := b.get("/dashboard")
		if !strings.Contains(dash.body, "PHQ-9 answers show a risk of suicide or self-harm") {
			t.Fatalf("the dashboard lacks the alert:\n%s", dash.body)
		}
		page := b.get(chart)
		if !strings.Contains(page.body, "Needs attention") || !strings.Contains(page.body, `<svg`) {
			t.Errorf("the chart lacks the alert or the trend")
		}
		alertID := find(t, dash.body, `action="/alerts/(\d+)/acknowledge"`)
		res := b.post("/alerts/"+alertID+"/acknowledge", url.Values{"note": {"Called them."}, "from": {"dashboard"}})
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, "Choose what you did") {
			t.Fatalf("acknowledging without an action: %d", res.StatusCode)
		}
		res = b.post("/alerts/"+alertID+"/acknowledge", url.Values{"action": {"safety_plan"}, "from": {"chart"}, "client_id": {itoa(river.ID)}})
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, "Write what you did about it.") {
			t.Fatalf("acknowledging without a note: %d", res.StatusCode)
		}
		res = b.post("/alerts/"+alertID+"/acknowledge", url.Values{"action": {"safety_plan"}, "note": {"Safety plan made by phone."},
			"from": {"chart"}, "client_id": {itoa(river.ID)}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != chart+"?done=acknowledged" {
			t.Fatalf("acknowledge: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		if strings.Contains(b.get("/dashboard").body, "show a risk of suicide") {
			t.Error("the alert is still on the dashboard after acknowledgement")
		}
		for _, action := range []string{kinship.ActionResponseRecord, kinship.ActionAlertAcknowledge} {
			if events, _, _ := db.ListAudit(kinship.SystemContext(context.Background()), kinship.AuditFilter{Action: action}); len(events) != 1 || events[0].ActorID != sam.ID {
				t.Errorf("%s: %d audit events", action, len(events))
			}
		}
	})
}

// TestScoringAPI scores without storing, and refuses bad input with a 400
// that names the field.
func TestScoringAPI(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	app := newApp(t, db)
	_, admin := db.MustSetUp(t)
	tok := app.token(t, admin)
	res, out := app.api(t, "POST", "/api/v1/instruments/auditc/score", tok, map[string]any{"answers": []int{1, 1, 1}, "sex_for_clinical_use": "female-typical"})
	if res.StatusCode != http.StatusOK || out["total"] != 3.0 || out["severity"] != "positive" || out["code"] != "auditc" {
		t.Errorf("AUDIT-C: %d %v", res.StatusCode, out)
	}
	res, out = app.api(t, "POST", "/api/v1/instruments/auditc/score", tok, map[string]any{"answers": []int{1, 1, 1}, "sex_for_clinical_use": "male-typical"})
	if out["severity"] != "negative" {
		t.Errorf("AUDIT-C male-typical 3: %v", out)
	}
	for _, c := range []struct{ path, body, field string }{
		{"/api/v1/instruments/phq10/score", `{"answers":[0]}`, "code"},
		{"/api/v1/instruments/phq9/score", `{"answers":[0,0,0]}`, "answers"},
		{"/api/v1/instruments/phq9/score", `{"answers":[0,0,0,0,0,0,0,0,4]}`, "answers[8]"},
		{"/api/v1/instruments/phq9/score", `{"answers":"some"}`, "answers"},
	} {
		res, out := app.api(t, "POST", c.path, tok, c.body)
		e, _ := out["error"].(map[string]any)
		fields, _ := e["fields"].(map[string]any)
		if res.StatusCode != http.StatusBadRequest || fields[c.field] == nil {
			t.Errorf("%s %s: %d %v, want 400 naming %s", c.path, c.body, res.StatusCode, out, c.field)
		}
	}
	if n := db.Count(t, "measure_responses"); n != 0 {
		t.Errorf("scoring stored %d responses", n)
	}
}

// TestInstrumentFileWithABandGap is refused on the admin page with a
// message naming the gap, and nothing is loaded.
func TestInstrumentFileWithABandGap(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	app := newApp(t, db)
	db.MustSetUp(t)
	b := app.browser(t)
	b.signIn("admin@example.org", storetest.AdminPassword)
	def := `{"code":"mood3","name":"Three-item mood","short_name":"Mood-3","version":"1","scoring":"sum",
		"items":[{"id":"1","text":"Low?","options":[{"label":"No","score":0},{"label":"Yes","score":1}]},
		{"id":"2","text":"Tired?","options":[{"label":"No","score":0},{"label":"Yes","score":1}]},
		{"id":"3","text":"Alone?","options":[{"label":"No","score":0},{"label":"Yes","score":1}]}],
		"total_items":["1","2","3"],
		"bands":[{"code":"low","label":"Low","min":0,"max":0},{"code":"high","label":"High","min":2,"max":3}],
		"flags":[],"subscales":[]}`
	res := b.multipart("/admin/measures/instruments", nil, "definition", "mood3.json", []byte(def))
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, "nothing covers total 1 between &#34;low&#34; and &#34;high&#34;") ||
		!strings.Contains(res.body, "aria-invalid") {
		t.Fatalf("a band gap: %d\n%s", res.StatusCode, res.body)
	}
	if n := db.Count(t, "instrument_definitions"); n != 0 {
		t.Errorf("%d definitions stored", n)
	}
	fixed := strings.Replace(def, `"min":2`, `"min":1`, 1)
	if res := b.multipart("/admin/measures/instruments", nil, "definition", "mood3.json", []byte(fixed)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a good definition: %d\n%s", res.StatusCode, res.body)
	}
	if page := b.get("/admin/measures"); !strings.Contains(page.body, "Three-item mood") {
		t.Error("the loaded instrument is not listed")
	}
}

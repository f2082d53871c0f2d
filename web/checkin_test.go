package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kinship"
	"kinship/store/storetest"
)

// validCheckIn is a complete check-in form.
func validCheckIn() url.Values {
	return url.Values{"craving": {"3"}, "mood": {"4"}, "used": {"prefer_not_to_say"}, "sleep_hours": {"7,5"},
		"trigger": {"Payday"}, "trigger_other": {"Old friends, payday"}, "skill_name_0": {"Grounding"}, "skill_0": {"helped"},
		"skill_name_1": {"HALT check"}, "skill_1": {""}, "note": {"Went to the beach with Maya."}}
}

func TestCheckInForm(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		_, b, _, _, _ := portalSetUp(t, db)
		form := b.get("/me/checkin")
		if form.StatusCode != http.StatusOK || !strings.Contains(form.body, "Check in, River") ||
			!strings.Contains(form.body, `id="f-craving-10" name="craving" value="10"`) || !strings.Contains(form.body, "Very good") ||
			!strings.Contains(form.body, "A slip is information, not failure") {
			t.Fatalf("form: %d\n%s", form.StatusCode, form.body)
		}
		for _, tt := range []struct{ name, field, value, want string }{
			{"craving 11", "craving", "11", "Craving is a number from 0 to 10."},
			{"tomorrow", "day", "2026-11-24", "A check-in can&#39;t be for a day that hasn&#39;t happened yet."},
			{"no answer on use", "used", "", "Choose an answer"},
			{"sleep in words", "sleep_hours", "lots", "Write the hours slept as a number"},
		} {
			f := validCheckIn()
			f.Set(tt.field, tt.value)
			res := b.post("/me/checkin", f)
			if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, tt.want) ||
				!strings.Contains(res.body, `id="f-`+tt.field+`-error"`) || !strings.Contains(res.body, "Went to the beach") {
				t.Errorf("%s: %d\n%s", tt.name, res.StatusCode, res.body)
			}
		}
		if n := db.Count(t, "checkins"); n != 0 {
			t.Fatalf("%d check-ins after refusals", n)
		}
		res := b.post("/me/checkin", validCheckIn())
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/me/checkins?done=checkin" {
			t.Fatalf("check in: %d %s\n%s", res.StatusCode, res.Header.Get("Location"), res.body)
		}
		page := b.get("/me/checkins")
		for _, want := range []string{"1 day", "Craving 3 of 10", "Mood: Good", "Slept 7.5 h", "Used: I&#39;d rather not say",
			"Triggers: Payday, Old friends", "Grounding (helped)", "Went to the beach with Maya.", `<svg`, "Craving, last 30 days"} {
			if !strings.Contains(page.body, want) {
				t.Errorf("check-ins page lacks %q", want)
			}
		}
		if strings.Contains(page.body, "HALT check (") {
			t.Error("a skill left at 'not used' was recorded")
		}
		// The form now shows today's check-in, which saving again updates.
		again := b.get("/me/checkin")
		if !strings.Contains(again.body, "You checked in today already") || !strings.Contains(again.body, `value="3" checked`) ||
			!strings.Contains(again.body, `value="Old friends" checked`) {
			t.Errorf("form after checking in:\n%s", again.body)
		}
	})
}

func TestCheckInAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		_, b, river, _, _ := portalSetUp(t, db)
		for _, tt := range []struct {
			name, field string
			body        map[string]any
		}{
			{"craving 11", "craving", map[string]any{"craving": 11, "mood": 3, "used": "no"}},
			{"tomorrow", "day", map[string]any{"craving": 1, "mood": 3, "used": "no", "day": "2026-11-24"}},
			{"craving in words", "craving", map[string]any{"craving": "high", "mood": 3, "used": "no"}},
			{"another client", "client_id", map[string]any{"craving": 1, "mood": 3, "used": "no", "client_id": 99}},
		} {
			res, out := b.portalAPI("POST", "/api/v1/me/checkins", tt.body)
			if res.StatusCode != http.StatusBadRequest || errorField(out, tt.field) == "" {
				t.Errorf("%s: %d %s", tt.name, res.StatusCode, res.body)
			}
		}
		if n := db.Count(t, "checkins"); n != 0 {
			t.Fatalf("%d check-ins after refusals", n)
		}
		body := map[string]any{"craving": 9, "mood": 2, "sleep_hours": 5.5, "used": "no", "triggers": []string{"Payday"},
			"skills": []map[string]any{{"name": "Urge surfing", "helped": true}}, "note": "Hard day"}
		res, out := b.portalAPI("POST", "/api/v1/me/checkins", body)
		if res.StatusCode != http.StatusCreated || out["craving"] != 9.0 || out["day"] != "2026-11-23" || out["sleep_hours"] != 5.5 ||
			out["client_id"] != float64(river.client.ID) {
			t.Fatalf("check in: %d %s", res.StatusCode, res.body)
		}
		db.Clock.T = db.Clock.T.Add(60e9)
		body["craving"] = 6
		if res, out := b.portalAPI("POST", "/api/v1/me/checkins", body); res.StatusCode != http.StatusOK || out["craving"] != 6.0 {
			t.Errorf("second check-in today: %d %s", res.StatusCode, res.body)
		}
		res, out = b.portalAPI("GET", "/api/v1/me/checkins", nil)
		if list, _ := out["checkins"].([]any); res.StatusCode != http.StatusOK || len(list) != 1 {
			t.Errorf("list: %d %s", res.StatusCode, res.body)
		}
		for _, q := range []string{"from=yesterday", "to=2026-13-01"} {
			field, _, _ := strings.Cut(q, "=")
			if res, out := b.portalAPI("GET", "/api/v1/me/checkins?"+q, nil); res.StatusCode != http.StatusBadRequest || errorField(out, field) == "" {
				t.Errorf("?%s: %d %s", q, res.StatusCode, res.body)
			}
		}
		// Without the CSRF header the session cookie does not count.
		req, _ := http.NewRequest("POST", b.app.http.URL+"/api/v1/me/checkins", strings.NewReader(`{"craving":1,"mood":3,"used":"no"}`))
		req.Header.Set("Content-Type", "application/json")
		if res := b.do(req); res.StatusCode != http.StatusForbidden {
			t.Errorf("no CSRF header: %d", res.StatusCode)
		}
	})
}

// TestCheckInsStayOwn: a second client never sees the first's check-ins,
// through the pages or the API.
func TestCheckInsStayOwn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app, river, riverClient, sam, program := portalSetUp(t, db)
		river.post("/me/checkin", validCheckIn())
		alex := newPortalClient(t, db, "Alex", program, sam.ID)
		b := app.browser(t)
		b.portalSignIn(alex.email, storetest.AdminPassword)
		if page := b.get("/me/checkins"); page.StatusCode != http.StatusOK || strings.Contains(page.body, "beach") || !strings.Contains(page.body, "No check-ins yet") {
			t.Errorf("Alex's check-ins page: %d\n%s", page.StatusCode, page.body)
		}
		if page := b.get("/me/checkin"); strings.Contains(page.body, "Old friends") || strings.Contains(page.body, "checked in today") {
			t.Error("Alex's form shows River's check-in")
		}
		id := itoa(riverClient.client.ID)
		for _, path := range []string{"/api/v1/me/checkins", "/api/v1/me/checkins?client_id=" + id} {
			if res, out := b.portalAPI("GET", path, nil); res.StatusCode != http.StatusOK || len(out["checkins"].([]any)) != 0 {
				t.Errorf("GET %s as Alex: %d %s", path, res.StatusCode, res.body)
			}
		}
		if res, _ := b.portalAPI("GET", "/api/v1/clients/"+id+"/checkins", nil); res.StatusCode == http.StatusOK {
			t.Errorf("Alex reads River's check-ins through the staff API: %s", res.body)
		}
		if res := b.get("/caseload"); res.StatusCode == http.StatusOK {
			t.Error("a client opens the caseload")
		}
	})
}

func TestCaseloadShowsCheckInsAndFlags(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app, b, river, sam, _ := portalSetUp(t, db)
		b.portalAPI("POST", "/api/v1/me/checkins", map[string]any{"craving": 9, "mood": 2, "used": "yes"})
		counselor := app.browser(t)
		counselor.signIn("sam@example.org", storetest.AdminPassword)
		page := counselor.get("/caseload")
		for _, want := range []string{"River", "(they/them)", "craving 9 of 10, mood Low (2 of 5), use reported", "High craving",
			"Craving 9 of 10 on 23 Nov 2026", "Use reported on 23 Nov 2026", `<svg`} {
			if !strings.Contains(page.body, want) {
				t.Errorf("caseload lacks %q", want)
			}
		}
		id := itoa(river.client.ID)
		res := counselor.post("/caseload/flags", url.Values{"client_id": {id}, "flag": {"craving"}, "note": {" "}})
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, `id="f-flag-`+id+`-craving-note-error"`) {
			t.Errorf("acknowledge without a note: %d\n%s", res.StatusCode, res.body)
		}
		res = counselor.post("/caseload/flags", url.Values{"client_id": {id}, "flag": {"craving"}, "note": {"Called River; made a plan for tonight."}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/caseload?done=flag" {
			t.Fatalf("acknowledge: %d\n%s", res.StatusCode, res.body)
		}
		if page := counselor.get("/caseload"); strings.Contains(page.body, "High craving") || !strings.Contains(page.body, "Use reported") {
			t.Errorf("caseload after acknowledging the craving:\n%s", page.body)
		}
		token := app.token(t, sam)
		res, out := app.api(t, "POST", "/api/v1/caseload/flags", token, map[string]any{"client_id": river.client.ID, "flag": "use", "note": "Talked it through."})
		if res.StatusCode != http.StatusOK || out["acknowledged"] != true {
			t.Errorf("acknowledge by API: %d %s", res.StatusCode, res.body)
		}
		res, out = app.api(t, "GET", "/api/v1/caseload", token, nil)
		clients, _ := out["clients"].([]any)
		if res.StatusCode != http.StatusOK || len(clients) != 1 {
			t.Fatalf("caseload API: %d %s", res.StatusCode, res.body)
		}
		c := clients[0].(map[string]any)
		last, _ := c["last_checkin"].(map[string]any)
		if c["name_to_use"] != "River" || len(c["flags"].([]any)) != 0 || last["craving"] != 9.0 || len(c["cravings"].([]any)) != 1 {
			t.Errorf("caseload API client = %v", c)
		}
		if res, out := app.api(t, "GET", "/api/v1/clients/"+id+"/checkins", token, nil); res.StatusCode != http.StatusOK || len(out["checkins"].([]any)) != 1 {
			t.Errorf("staff check-ins API: %d %s", res.StatusCode, res.body)
		}
	})
}

func TestSignalSettingsPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app, _, _, _, program := portalSetUp(t, db)
		admin := app.browser(t)
		admin.signIn("admin@example.org", storetest.AdminPassword)
		if page := admin.get("/admin/caseload-signals"); page.StatusCode != http.StatusOK || !strings.Contains(page.body, "Mornings IOP") ||
			!strings.Contains(page.body, `name="craving_at_least" type="number" value="8"`) {
			t.Fatalf("settings page: %d\n%s", page.StatusCode, page.body)
		}
		form := url.Values{"program_id": {itoa(program)}, "craving_at_least": {"11"}, "no_checkin_days": {"4"}, "mood_drop": {"2"}, "missed_sessions": {"3"}}
		if res := admin.post("/admin/caseload-signals", form); res.StatusCode != http.StatusBadRequest ||
			!strings.Contains(res.body, "The craving threshold is a number from 1 to 10.") || !strings.Contains(res.body, `value="11"`) {
			t.Errorf("bad threshold: %d\n%s", res.StatusCode, res.body)
		}
		form.Set("craving_at_least", "9")
		if res := admin.post("/admin/caseload-signals", form); res.StatusCode != http.StatusSeeOther {
			t.Errorf("save: %d\n%s", res.StatusCode, res.body)
		}
		adminStaff, _ := db.FindStaffByEmail(kinship.SystemContext(t.Context()), "admin@example.org")
		token := app.token(t, adminStaff)
		res, out := app.api(t, "PUT", "/api/v1/programs/"+itoa(program)+"/caseload-signals", token,
			map[string]any{"craving_at_least": 7, "no_checkin_days": 2, "mood_drop": 1, "missed_sessions": 2})
		if res.StatusCode != http.StatusOK || out["craving_at_least"] != 7.0 || out["program"] != "Mornings IOP" {
			t.Errorf("PUT thresholds: %d %s", res.StatusCode, res.body)
		}
		res, out = app.api(t, "GET", "/api/v1/caseload-signals", token, nil)
		if list, _ := out["programs"].([]any); res.StatusCode != http.StatusOK || len(list) != 1 || list[0].(map[string]any)["no_checkin_days"] != 2.0 {
			t.Errorf("GET thresholds: %d %s", res.StatusCode, res.body)
		}
	})
}

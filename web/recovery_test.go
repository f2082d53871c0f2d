package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kinship"
	"kinship/demo"
	"kinship/store/storetest"
)

// secondClient is another signed-in portal client of the same program.
func secondClient(t *testing.T, app *testApp, db *storetest.DB, program, counselor int64) (*browser, portalClient) {
	t.Helper()
	alex := newPortalClient(t, db, "Alex", program, counselor)
	b := app.browser(t)
	b.portalSignIn(alex.email, storetest.AdminPassword)
	return b, alex
}

func TestPlanPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app, b, river, sam, prog := portalSetUp(t, db)
		id := itoa(river.client.ID)
		if page := b.get("/me/plan"); page.StatusCode != http.StatusOK || !strings.Contains(page.body, `name="trigger_people"`) {
			t.Fatalf("empty plan page: %d", page.StatusCode)
		}
		t.Run("RefusedStoresNothing", func(t *testing.T) {
			for name, form := range map[string]url.Values{
				"Empty":    {"trigger_people": {"\n  \n"}, "person_name_0": {""}},
				"BadPhone": {"person_name_0": {"Maya"}, "person_phone_0": {"ask her"}},
				"LongLine": {"reasons": {strings.Repeat("x", 201)}},
			} {
				res := b.post("/me/plan", form)
				if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, `role="alert"`) {
					t.Errorf("%s: status %d", name, res.StatusCode)
				}
			}
			if res := b.post("/me/plan", url.Values{"person_name_0": {"Maya"}, "person_phone_0": {"ask her"}}); !strings.Contains(res.body, `aria-describedby="f-people-error"`) {
				t.Errorf("the people error is not tied to its fieldset")
			}
			if n := db.Count(t, "recovery_plans"); n != 0 {
				t.Errorf("versions = %d after refusals", n)
			}
		})
		res := b.post("/me/plan", url.Values{"base_version": {"0"}, "trigger_people": {"my old crew\r\n\r\nex"},
			"reasons": {"my niece"}, "person_name_0": {"Maya"}, "person_phone_0": {"510-555-0181"}, "person_name_1": {""},
			"place_name_0": {"Rainbow Alano Club"}, "place_affirming_0": {"on"}, "crisis_plan": {"Call Maya, then 988."}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/me/plan?done=plan" {
			t.Fatalf("save: %d %s\n%s", res.StatusCode, res.Header.Get("Location"), res.body)
		}
		// The plan opens as its read view, with Edit one tap away.
		page := b.get("/me/plan?done=plan")
		for _, want := range []string{"Plan saved", "<li>my old crew</li><li>ex</li>", "Maya: ", `LGBTQ+-affirming</span>`, "saved by you", `href="/me/plan?edit"`} {
			if !strings.Contains(page.body, want) {
				t.Errorf("plan page lacks %q", want)
			}
		}
		if strings.Contains(page.body, "<textarea") {
			t.Errorf("the plan opens as a form, want its read view")
		}
		page = b.get("/me/plan?edit")
		for _, want := range []string{"my old crew\nex", `value="Maya"`, `name="place_affirming_0" type="checkbox" checked`, `name="base_version" value="1"`} {
			if !strings.Contains(page.body, want) {
				t.Errorf("the plan's form lacks %q", want)
			}
		}

		staff := app.browser(t)
		staff.signIn("sam@example.org", storetest.AdminPassword)
		if page := staff.get("/clients/" + id + "/plan"); page.StatusCode != http.StatusOK || !strings.Contains(page.body, "saved by River") {
			t.Fatalf("counselor's view: %d\n%s", page.StatusCode, page.body)
		}
		res = staff.post("/clients/"+id+"/plan", url.Values{"base_version": {"1"}, "trigger_people": {"my old crew"}, "warning_signs": {"skipping meals"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("counselor saves: %d\n%s", res.StatusCode, res.body)
		}
		t.Run("StaleSaveKeepsTheText", func(t *testing.T) {
			res := b.post("/me/plan", url.Values{"base_version": {"1"}, "reasons": {"my niece and me"}})
			if res.StatusCode != http.StatusConflict || !strings.Contains(res.body, "my niece and me") || !strings.Contains(res.body, `name="base_version" value="2"`) {
				t.Errorf("stale save: %d\n%s", res.StatusCode, res.body)
			}
			if n := db.Count(t, "recovery_plans"); n != 2 {
				t.Errorf("versions = %d", n)
			}
		})
		t.Run("Versions", func(t *testing.T) {
			v1 := b.get("/me/plan/versions/1")
			if v1.StatusCode != http.StatusOK || !strings.Contains(v1.body, "Rainbow Alano Club") || !strings.Contains(v1.body, "LGBTQ+-affirming") {
				t.Errorf("version 1: %d\n%s", v1.StatusCode, v1.body)
			}
			if v2 := b.get("/me/plan/versions/2"); !strings.Contains(v2.body, "saved by "+sam.Name) || !strings.Contains(v2.body, "skipping meals") {
				t.Errorf("version 2 does not show the counselor's save:\n%s", v2.body)
			}
			for _, path := range []string{"/me/plan/versions/3", "/me/plan/versions/x", "/clients/" + id + "/plan/versions/9"} {
				client := b
				if strings.HasPrefix(path, "/clients/") {
					client = staff
				}
				if res := client.get(path); res.StatusCode != http.StatusNotFound {
					t.Errorf("%s: %d, want 404", path, res.StatusCode)
				}
			}
		})
		t.Run("PocketCard", func(t *testing.T) {
			admin := kinship.SystemContext(context.Background())
			if err := db.UpdateLegalName(admin, river.client.ID, kinship.LegalName{Given: "Daniel", Family: "Ortiz"}); err != nil {
				t.Fatal(err)
			}
			boss := app.browser(t)
			boss.signIn("admin@example.org", storetest.AdminPassword)
			for who, br := range map[string]*browser{"client": b, "admin": boss} {
				path := "/me/plan/card"
				if who == "admin" {
					path = "/clients/" + id + "/plan/card"
				}
				card := br.get(path)
				for _, want := range []string{"River's card", "988", "741741", "1-866-488-7386", "1-877-565-8860", "skipping meals"} {
					if !strings.Contains(card.body, want) {
						t.Errorf("%s's card lacks %q", who, want)
					}
				}
				if strings.Contains(card.body, "Daniel") || strings.Contains(card.body, "Ortiz") {
					t.Errorf("%s's card shows the legal name", who)
				}
			}
		})
		t.Run("OwnPlanOnly", func(t *testing.T) {
			other, _ := secondClient(t, app, db, prog, sam.ID)
			if page := other.get("/me/plan"); page.StatusCode != http.StatusOK || strings.Contains(page.body, "old crew") {
				t.Errorf("another client's plan page: %d", page.StatusCode)
			}
			for _, path := range []string{"/me/plan/versions/1", "/me/plan/versions/2"} {
				if res := other.get(path); res.StatusCode != http.StatusNotFound {
					t.Errorf("another client GET %s: %d, want 404", path, res.StatusCode)
				}
			}
			if res, _ := other.portalAPI("GET", "/api/v1/me/plan", nil); res.StatusCode != http.StatusNotFound {
				t.Errorf("another client GET /api/v1/me/plan: %d", res.StatusCode)
			}
			if card := other.get("/me/plan/card"); strings.Contains(card.body, "old crew") || strings.Contains(card.body, "Maya") {
				t.Errorf("another client's card shows River's plan")
			}
		})
		t.Run("API", func(t *testing.T) {
			res, out := b.portalAPI("GET", "/api/v1/me/plan", nil)
			if res.StatusCode != http.StatusOK || out["version"] != 2.0 || len(out["history"].([]any)) != 2 {
				t.Fatalf("GET plan: %d %v", res.StatusCode, out)
			}
			res, out = b.portalAPI("POST", "/api/v1/me/plan", map[string]any{"base_version": 2, "coping_strategies": []string{"urge surfing"}})
			if res.StatusCode != http.StatusCreated || out["version"] != 3.0 || out["by_client"] != true {
				t.Errorf("POST plan: %d %v", res.StatusCode, out)
			}
			res, out = b.portalAPI("POST", "/api/v1/me/plan", map[string]any{"base_version": 3})
			if res.StatusCode != http.StatusBadRequest || errorCode(out) != kinship.EINVALID {
				t.Errorf("POST an empty plan: %d %v", res.StatusCode, out)
			}
		})
	})
}

func TestSkillLogPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app, b, _, sam, prog := portalSetUp(t, db)
		if page := b.get("/me/log"); page.StatusCode != http.StatusOK || !strings.Contains(page.body, "Urge surfing") {
			t.Fatalf("log page: %d", page.StatusCode)
		}
		ok := url.Values{"situation": {"Payday, walked past the bar"}, "trigger": {"payday"}, "skill": {"Urge surfing"},
			"outcome": {"4"}, "day": {"2026-11-22"}, "shared": {"on"}}
		t.Run("RefusedStoresNothing", func(t *testing.T) {
			for field, bad := range map[string]string{"outcome": "9", "day": "2026-11-24", "skill": "Wishing", "situation": " "} {
				form := url.Values{}
				for k, v := range ok {
					form[k] = v
				}
				form.Set(field, bad)
				res := b.post("/me/log", form)
				if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, `aria-describedby="f-`+field+`-error"`) {
					t.Errorf("bad %s: %d", field, res.StatusCode)
				}
			}
			res, out := b.portalAPI("POST", "/api/v1/me/log", map[string]any{"situation": "x", "trigger": "y", "skill": "Urge surfing", "outcome": 0})
			if res.StatusCode != http.StatusBadRequest || errorField(out, "outcome") == "" {
				t.Errorf("API outcome 0: %d %v", res.StatusCode, out)
			}
			if n := db.Count(t, "skill_log"); n != 0 {
				t.Errorf("entries = %d after refusals", n)
			}
		})
		if res := b.post("/me/log", ok); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("log: %d\n%s", res.StatusCode, res.body)
		}
		if page := b.get("/me/log"); !strings.Contains(page.body, "Shared anonymously") || !strings.Contains(page.body, "walked past the bar") {
			t.Errorf("the entry is not listed")
		}
		res, out := b.portalAPI("POST", "/api/v1/me/log", map[string]any{"situation": "Family dinner", "trigger": "family", "skill": "Deep breathing", "outcome": 3})
		if res.StatusCode != http.StatusCreated || out["day"] != "2026-11-23" {
			t.Errorf("API log: %d %v", res.StatusCode, out)
		}
		if res, out := b.portalAPI("GET", "/api/v1/me/log", nil); res.StatusCode != http.StatusOK || len(out["entries"].([]any)) != 2 {
			t.Errorf("API list: %d %v", res.StatusCode, out)
		}
		other, _ := secondClient(t, app, db, prog, sam.ID)
		if page := other.get("/me/log"); strings.Contains(page.body, "walked past the bar") {
			t.Errorf("another client sees River's log")
		}
		if res, out := other.portalAPI("GET", "/api/v1/me/log", nil); res.StatusCode != http.StatusOK || len(out["entries"].([]any)) != 0 {
			t.Errorf("another client's API list: %v", out)
		}
	})
}

// TestThemesPage: the facilitator sees counts, never who or what happened,
// and nothing until three people have shared.
func TestThemesPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app, _, river, sam, prog := portalSetUp(t, db)
		admin := kinship.SystemContext(context.Background())
		sites, _ := db.ListSites(admin)
		track, err := db.CreateTrack(admin, kinship.TrackCreate{ProgramID: prog, Name: "Mornings",
			Days: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}, Start: "09:00", End: "12:00"})
		if err != nil {
			t.Fatal(err)
		}
		room, _ := db.CreateRoom(admin, kinship.Room{SiteID: sites[0].ID, Name: "Group room", Capacity: 12})
		types, _ := db.SessionTypes(admin)
		if _, err := db.CreateSeries(admin, kinship.SeriesFields{ProgramID: prog, TrackID: track.ID, TypeID: types[0].ID, Title: "Morning group",
			RoomID: room.ID, Days: track.Days, Start: "09:00", End: "12:00", From: d(t, "2026-11-16")}); err != nil {
			t.Fatal(err)
		}
		sessions, _ := db.Sessions(admin, d(t, "2026-11-23"), d(t, "2026-11-23"))
		path := "/sessions/" + itoa(sessions[0].ID) + "/themes"
		clients := []int64{river.client.ID}
		for _, name := range []string{"Alex", "Jamie"} {
			clients = append(clients, newPortalClient(t, db, name, prog, sam.ID).client.ID)
		}
		staff := app.browser(t)
		staff.signIn("sam@example.org", storetest.AdminPassword)
		for i, c := range clients {
			if _, err := db.Enroll(admin, kinship.Enrollment{ClientID: c, TrackID: track.ID, Start: d(t, "2026-11-16")}); err != nil {
				t.Fatal(err)
			}
			as := kinship.WithActor(context.Background(), kinship.Actor{ClientID: c, Role: kinship.RoleClient})
			if _, err := db.LogSkill(as, kinship.SkillLogInput{Day: d(t, "2026-11-20"), Situation: "A private story", Trigger: "payday",
				Skill: "Reaching out", Outcome: 4, Shared: true}); err != nil {
				t.Fatal(err)
			}
			page := staff.get(path)
			if i < 2 && (!strings.Contains(page.body, "Fewer than 3 people") || strings.Contains(page.body, "payday")) {
				t.Errorf("with %d sharing: %s", i+1, page.body)
			}
		}
		page := staff.get(path)
		if page.StatusCode != http.StatusOK || !strings.Contains(page.body, "<span>payday</span> <strong>3</strong>") ||
			!strings.Contains(page.body, "<span>Reaching out</span> <strong>3</strong>") {
			t.Fatalf("themes: %d\n%s", page.StatusCode, page.body)
		}
		for _, secret := range []string{"A private story", "River", "Alex", "Jamie"} {
			if strings.Contains(page.body, secret) {
				t.Errorf("the themes page shows %q", secret)
			}
		}
	})
}

func TestGoalPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app, b, river, sam, prog := portalSetUp(t, db)
		t.Run("RefusedStoresNothing", func(t *testing.T) {
			for name, form := range map[string]url.Values{
				"NoText":     {"text": {" "}},
				"BadTarget":  {"text": {"Call my sponsor"}, "target": {"twice"}},
				"TooManyOfT": {"text": {"Call my sponsor"}, "target": {"21"}},
			} {
				if res := b.post("/me/goals", form); res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, `aria-invalid="true"`) {
					t.Errorf("%s: %d", name, res.StatusCode)
				}
			}
			if res, out := b.portalAPI("POST", "/api/v1/me/goals", map[string]any{"text": "Go", "week": "2026-W40"}); res.StatusCode != http.StatusBadRequest || errorField(out, "week") == "" {
				t.Errorf("API goal for an old week: %d %v", res.StatusCode, out)
			}
			if n := db.Count(t, "goals"); n != 0 {
				t.Errorf("goals = %d after refusals", n)
			}
		})
		if res := b.post("/me/goals", url.Values{"text": {"Call my sponsor"}, "target": {"2"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("add: %d\n%s", res.StatusCode, res.body)
		}
		res, out := b.portalAPI("POST", "/api/v1/me/goals", map[string]any{"text": "Attend all groups"})
		if res.StatusCode != http.StatusCreated || out["target"] != 1.0 || out["week"] != "2026-W48" {
			t.Fatalf("API add: %d %v", res.StatusCode, out)
		}
		once := itoa(int64(out["id"].(float64)))
		goals, _ := db.MyGoals(kinship.WithActor(context.Background(), kinship.Actor{ClientID: river.client.ID, Role: kinship.RoleClient}), "2026-W48")
		twice := itoa(goals[0].ID)
		if res := b.post("/me/goals/"+twice+"/done", nil); res.StatusCode != http.StatusSeeOther {
			t.Errorf("done: %d", res.StatusCode)
		}
		if res, out := b.portalAPI("POST", "/api/v1/me/goals/"+once+"/done", nil); res.StatusCode != http.StatusOK || out["done"] != 1.0 {
			t.Errorf("API done: %d %v", res.StatusCode, out)
		}
		page := b.get("/me/goals")
		if !strings.Contains(page.body, "1 of 2") || !strings.Contains(page.body, "1 of 1: done") || !strings.Contains(page.body, "Take one back") {
			t.Errorf("goals page:\n%s", page.body)
		}

		t.Run("OwnGoalsOnly", func(t *testing.T) {
			other, _ := secondClient(t, app, db, prog, sam.ID)
			for _, path := range []string{"/me/goals/" + twice + "/done", "/me/goals/" + twice + "/undo", "/me/goals/" + twice + "/delete"} {
				if res := other.post(path, nil); res.StatusCode != http.StatusNotFound {
					t.Errorf("another client POST %s: %d, want 404", path, res.StatusCode)
				}
			}
			for _, call := range [][2]string{{"POST", "/api/v1/me/goals/" + twice + "/done"}, {"POST", "/api/v1/me/goals/" + twice + "/undo"}, {"DELETE", "/api/v1/me/goals/" + twice}} {
				if res, _ := other.portalAPI(call[0], call[1], nil); res.StatusCode != http.StatusNotFound {
					t.Errorf("another client %s %s: %d, want 404", call[0], call[1], res.StatusCode)
				}
			}
			if page := other.get("/me/goals"); strings.Contains(page.body, "Call my sponsor") {
				t.Errorf("another client sees River's goals")
			}
			if res, out := other.portalAPI("GET", "/api/v1/me/goals", nil); res.StatusCode != http.StatusOK || len(out["goals"].([]any)) != 0 {
				t.Errorf("another client's API goals: %v", out)
			}
		})
		t.Run("CounselorSeesProgress", func(t *testing.T) {
			staff := app.browser(t)
			staff.signIn("sam@example.org", storetest.AdminPassword)
			page := staff.get("/clients/" + itoa(river.client.ID) + "/goals")
			if page.StatusCode != http.StatusOK || !strings.Contains(page.body, "Call my sponsor") || !strings.Contains(page.body, "1 of 2") ||
				strings.Contains(page.body, "/me/goals/") {
				t.Errorf("counselor's goals page: %d\n%s", page.StatusCode, page.body)
			}
		})
		if res, _ := b.portalAPI("DELETE", "/api/v1/me/goals/"+once, nil); res.StatusCode != http.StatusNoContent {
			t.Errorf("API delete: %d", res.StatusCode)
		}
		if res := b.post("/me/goals/"+twice+"/delete", nil); res.StatusCode != http.StatusSeeOther {
			t.Errorf("delete: %d", res.StatusCode)
		}
		if n := db.Count(t, "goals"); n != 0 {
			t.Errorf("goals = %d after removing both", n)
		}
	})
}

func TestSkillsAdmin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		db.MustSetUp(t)
		b := app.browser(t)
		b.signIn("admin@example.org", storetest.AdminPassword)
		if page := b.get("/admin/skills"); !strings.Contains(page.body, "Grounding (5-4-3-2-1)") {
			t.Errorf("the default skills are not listed")
		}
		if res := b.post("/admin/skills", url.Values{"skills": {"Journaling\njournaling"}}); res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, "listed twice") {
			t.Errorf("a skill twice: %d", res.StatusCode)
		}
		if n := db.Count(t, "curriculum_skills"); n != 0 {
			t.Errorf("skills stored = %d after a refusal", n)
		}
		if res := b.post("/admin/skills", url.Values{"skills": {"Journaling\r\nUrge surfing\r\n"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d\n%s", res.StatusCode, res.body)
		}
		if page := b.get("/admin/skills?done=skills"); !strings.Contains(page.body, "Journaling\nUrge surfing</textarea>") {
			t.Errorf("saved skills:\n%s", page.body)
		}
	})
}

// TestBrowserRecovery walks the demo client's plan, log and goals on a
// phone, then the counselor's and facilitator's views of them.
func TestBrowserRecovery(t *testing.T) {
	ctx := newBrowser(t)
	db := storetest.Open(t, "sqlite")
	seedDemo(t, db)
	app := newApp(t, db)
	base := app.http.URL
	signIn := func(path, email, password string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(base+path), chromedp.SendKeys(chromedp.CSS("#f-email"), email),
			chromedp.SendKeys(chromedp.CSS("#f-password"), password), chromedp.Click(chromedp.CSS("button.primary")),
			chromedp.WaitReady(chromedp.CSS("#signout, #quick-exit"))); err != nil {
			t.Fatalf("sign in as %s: %v", email, err)
		}
	}
	signIn("/portal/signin", demo.ClientEmail, demo.ClientPassword)
	for _, path := range []string{"/me/plan", "/me/plan/versions/1", "/me/plan/card", "/me/log", "/me/goals"} {
		checkPage(t, ctx, base+path)
	}
	// A refused form keeps its errors next to the fields.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/me/log"), chromedp.Click(chromedp.CSS(".log-form button.primary")),
		chromedp.WaitVisible(chromedp.CSS("#f-situation-error"))); err != nil {
		t.Fatalf("an empty log entry: %v", err)
	}
	checkCurrent(t, ctx, base+"/me/log (refused)")

	signIn("/signin", "clinician@kinship.example", "kinship-demo-clinician")
	sessions, _ := db.Sessions(kinship.SystemContext(context.Background()), d(t, "2026-11-23"), d(t, "2026-11-23"))
	var group string
	for _, m := range sessions {
		if m.TypeName == "Group therapy" {
			group = itoa(m.ID)
		}
	}
	for _, path := range []string{"/clients/1/plan", "/clients/1/plan/versions/2", "/clients/1/plan/card", "/clients/1/goals", "/sessions/" + group + "/themes"} {
		checkPage(t, ctx, base+path)
	}
}

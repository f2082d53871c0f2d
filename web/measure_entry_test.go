package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kinship"
	"kinship/store/storetest"
)

// measureSetUp is Sam signed in with River on their caseload; it returns
// River's chart.
func measureSetUp(t *testing.T, db *storetest.DB) (*testApp, *browser, *kinship.Staff, *kinship.Client) {
	t.Helper()
	app := newApp(t, db)
	admin, _ := db.MustSetUp(t)
	sites, _ := db.ListSites(admin)
	prog, _ := db.CreateProgram(admin, kinship.ProgramCreate{SiteID: sites[0].ID, Name: "Mornings IOP"})
	_, sam := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
	river, _ := db.CreateClient(admin, kinship.ClientFields{NameToUse: "River", Pronouns: "they/them"})
	db.MustAdmit(t, river.ID, prog.ID, sam.ID, d(t, "2026-11-16"))
	b := app.browser(t)
	b.signIn("sam@example.org", storetest.AdminPassword)
	return app, b, sam, river
}

// phq9 is a PHQ-9 form with every item answered a, and item 9 answered i9.
func phq9(on, a, i9 string) url.Values {
	v := url.Values{"code": {"phq9"}, "taken_on": {on}}
	for i := 1; i <= 8; i++ {
		v.Set("item-"+itoa(int64(i)), a)
	}
	v.Set("item-9", i9)
	return v
}

// TestMeasureAlertLanding: saving answers that raise a safety alert lands
// on that alert, at the top of the chart, not on the scores below it.
func TestMeasureAlertLanding(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		_, b, _, river := measureSetUp(t, db)
		chart := "/clients/" + itoa(river.ID)
		res := b.post(chart+"/measures", phq9("2026-11-23", "1", "1"))
		loc := res.Header.Get("Location")
		page := b.get(chart)
		alertID := find(t, page.body, `action="/alerts/(\d+)/acknowledge"`)
		if want := chart + "?done=measure-alert#alert-" + alertID; res.StatusCode != http.StatusSeeOther || loc != want {
			t.Fatalf("saving: %d %q, want 303 to %q", res.StatusCode, loc, want)
		}
		at, head := strings.Index(page.body, `id="alert-`+alertID+`"`), strings.Index(page.body, `class="chart-head"`)
		if at < 0 || at > head {
			t.Errorf("the alert is not at the top of the chart (alert at %d, chart head at %d)", at, head)
		}
		if res := b.post(chart+"/measures", phq9("2026-11-22", "0", "0")); res.Header.Get("Location") != chart+"?done=measure#measures-h" {
			t.Errorf("answers raising nothing land on %q, want the scores", res.Header.Get("Location"))
		}
	})
}

// TestSecondResponseSameDay: a second PHQ-9 for the same day asks first,
// keeping every answer; the API answers 409 naming another_same_day.
func TestSecondResponseSameDay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app, b, sam, river := measureSetUp(t, db)
		chart := "/clients/" + itoa(river.ID)
		if res := b.post(chart+"/measures", phq9("2026-11-23", "0", "0")); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("first: %d\n%s", res.StatusCode, res.body)
		}
		again := phq9("2026-11-23", "2", "0")
		res := b.post(chart+"/measures", again)
		if res.StatusCode != http.StatusConflict || !strings.Contains(res.body, "A PHQ-9 was already saved for this client on 23 Nov 2026") ||
			!strings.Contains(res.body, `name="another_same_day"`) {
			t.Fatalf("second, same day: %d\n%s", res.StatusCode, res.body)
		}
		for i := 1; i <= 8; i++ {
			if item := "item-" + itoa(int64(i)); !strings.Contains(res.body, `name="`+item+`" value="2" checked`) {
				t.Errorf("the confirm step lost the answer to %s", item)
			}
		}
		if !strings.Contains(res.body, `value="2026-11-23"`) {
			t.Error("the confirm step lost the date")
		}
		if n := db.Count(t, "measure_responses"); n != 1 {
			t.Fatalf("%d responses after the refused second one, want 1", n)
		}
		again.Set("another_same_day", "on")
		if res := b.post(chart+"/measures", again); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("confirmed: %d\n%s", res.StatusCode, res.body)
		}
		if res := b.post(chart+"/measures", phq9("2026-11-22", "0", "0")); res.StatusCode != http.StatusSeeOther {
			t.Errorf("another day needs no confirming: %d", res.StatusCode)
		}

		t.Run("API", func(t *testing.T) {
			tok := app.token(t, sam)
			body := map[string]any{"code": "phq9", "answers": []int{0, 0, 0, 0, 0, 0, 0, 0, 0}, "taken_on": "2026-11-23"}
			res, out := app.api(t, "POST", "/api/v1"+chart+"/responses", tok, body)
			if res.StatusCode != http.StatusConflict || errorCode(out) != "conflict" || errorField(out, "another_same_day") == "" {
				t.Errorf("API second, same day: %d %v, want 409 naming another_same_day", res.StatusCode, out)
			}
			body["another_same_day"] = true
			if res, out := app.api(t, "POST", "/api/v1"+chart+"/responses", tok, body); res.StatusCode != http.StatusCreated {
				t.Errorf("API confirmed: %d %v", res.StatusCode, out)
			}
			if n := db.Count(t, "measure_responses"); n != 4 {
				t.Errorf("%d responses, want 4", n)
			}
		})
	})
}

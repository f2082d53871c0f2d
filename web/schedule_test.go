package web

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"kinship"
	"kinship/store/storetest"
)

// TestDirectorSetsUpTheWeek goes through the pages as a program director:
// the Mon–Fri 9–12 track's sessions, a client enrolled, attendance taken
// with one tap per client, and who is at risk of missing the minimum.
func TestDirectorSetsUpTheWeek(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		admin, _ := db.MustSetUp(t)
		sites, _ := db.ListSites(admin)
		prog, _ := db.CreateProgram(admin, kinship.ProgramCreate{SiteID: sites[0].ID, Name: "Mornings IOP"})
		_, counselor := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
		b := app.browser(t)
		b.signIn("admin@example.org", storetest.AdminPassword)

		track := url.Values{"program_id": {itoa(prog.ID)}, "name": {"Mornings"}, "days": {"mon", "tue", "wed", "thu", "fri"}, "start": {"09:00"}, "end": {"12:00"}}
		if res := b.post("/admin/tracks", track); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("track: %d", res.StatusCode)
		}
		if res := b.post("/schedule/rooms", url.Values{"site_id": {itoa(sites[0].ID)}, "name": {"Group room"}, "capacity": {"12"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("room: %d\n%s", res.StatusCode, res.body)
		}
		tracks, _ := db.ListTracks(admin)
		types, _ := db.SessionTypes(admin)
		series := url.Values{"title": {"Morning group"}, "program_id": {itoa(prog.ID)}, "track_id": {itoa(tracks[0].ID)}, "type_id": {itoa(types[0].ID)},
			"facilitator_id": {itoa(counselor.ID)}, "days": {"mon", "tue", "wed", "thu", "fri"}, "start": {"12:00"}, "end": {"09:00"}, "from": {"2026-11-23"}}
		if res := b.post("/schedule/series", series); res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, "End must be after the start.") {
			t.Errorf("end before start: %d", res.StatusCode)
		}
		series.Set("start", "09:00")
		series.Set("end", "12:00")
		if res := b.post("/schedule/series", series); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("series: %d\n%s", res.StatusCode, res.body)
		}
		if res := b.post("/schedule/minimums", url.Values{"program_id": {itoa(prog.ID)}, "minimum_adult_hours": {"0"}, "minimum_adolescent_hours": {"6"}}); res.StatusCode != http.StatusBadRequest {
			t.Errorf("a zero minimum: %d", res.StatusCode)
		}

		river, _ := db.CreateClient(admin, kinship.ClientFields{NameToUse: "River", Pronouns: "they/them"})
		db.Admit(admin, river.ID, kinship.Admission{ProgramID: prog.ID, AdmittedOn: d(t, "2026-11-16"), PrimaryCounselorID: counselor.ID})
		if res := b.post("/clients/"+itoa(river.ID)+"/enrollments", url.Values{"into": {"track:" + itoa(tracks[0].ID)}, "start_date": {"2026-11-23"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("enroll: %d\n%s", res.StatusCode, res.body)
		}
		week := b.get("/schedule?week=2026-W48")
		if strings.Count(week.body, "Morning group") != 5 {
			t.Errorf("the week shows %d morning groups, want 5", strings.Count(week.body, "Morning group"))
		}
		monday := find(t, week.body, `href="(/sessions/\d+)">Morning group`)
		page := b.get(monday)
		if !strings.Contains(page.body, "River") || !strings.Contains(page.body, `aria-label="River, they/them"`) || !strings.Contains(page.body, "Mark all present") {
			t.Fatalf("the session page lacks River or the taps:\n%s", page.body)
		}
		clientID := itoa(river.ID)
		if res := b.post(monday+"/attendance", url.Values{"client_id": {clientID}, "status": {"late"}}); res.StatusCode != http.StatusBadRequest {
			t.Errorf("late without minutes: %d", res.StatusCode)
		}
		if res := b.post(monday+"/attendance", url.Values{"client_id": {"999"}, "status": {"present"}}); res.StatusCode != http.StatusBadRequest ||
			!strings.Contains(res.body, "not on the session") {
			t.Errorf("a client not on the roster: %d", res.StatusCode)
		}
		if res := b.post(monday+"/attendance", url.Values{"client_id": {clientID}, "status": {"late"}, "minutes": {"20"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("late 20: %d\n%s", res.StatusCode, res.body)
		}
		if page := b.get(monday); !strings.Contains(page.body, "2 h 40 min credited") {
			t.Errorf("the roster does not show the credit")
		}
		// The rest of the week River misses: at risk, on the dashboard.
		db.Clock.T = db.Clock.T.Add(3 * 24 * 60 * 60e9) // Thursday
		b.signIn("admin@example.org", storetest.AdminPassword)
		sessions, _ := db.Sessions(admin, d(t, "2026-11-24"), d(t, "2026-11-25"))
		for _, s := range sessions {
			b.post("/sessions/"+itoa(s.ID)+"/attendance", url.Values{"client_id": {clientID}, "status": {"unexcused"}})
		}
		dash := b.get("/dashboard")
		if !strings.Contains(dash.body, "At risk this week") || !strings.Contains(dash.body, "River") {
			t.Errorf("River is not at risk on the dashboard")
		}
		if chart := b.get("/clients/" + clientID); !strings.Contains(chart.body, "At risk of missing the minimum") {
			t.Errorf("the chart does not show River's week at risk")
		}
	})
}

func d(t *testing.T, s string) kinship.Date {
	t.Helper()
	v, err := kinship.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestScheduleWeekReads walks the schedule as a person does: weeks named
// by their dates, days by their names, and Today, previous and next.
func TestScheduleWeekReads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := setUpSchedule(t, db)
		f.series(t, "2026-11-23")
		b := f.app.browser(t)
		b.signIn("admin@example.org", storetest.AdminPassword)
		label := func(res *response) string {
			t.Helper()
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d", res.StatusCode)
			}
			return find(t, res.body, `<strong class="week-label">([^<]*)</strong>`)
		}
		week := b.get("/schedule?week=2026-W49")
		if got, want := label(week), "30 Nov – 6 Dec 2026"; got != want {
			t.Errorf("week label = %q, want %q", got, want)
		}
		if strings.Contains(week.body, "Week 2026-W") {
			t.Error("the page names the week by its ISO code")
		}
		for _, day := range []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"} {
			if !strings.Contains(week.body, `<span class="weekday">`+day+`</span>`) {
				t.Errorf("no day headed %s", day)
			}
		}
		if n := strings.Count(find(t, week.body, `(?s)<div class="week-grid">(.*)</div>`), `class="day-block`); n != 7 {
			t.Errorf("the week grid has %d days, want 7", n)
		}
		for _, link := range []struct{ text, want string }{
			{"Today", "23 – 29 Nov 2026"},
			{"← Previous week", "23 – 29 Nov 2026"},
			{"Next week →", "7 – 13 Dec 2026"},
		} {
			href := html.UnescapeString(find(t, week.body, `<a href="([^"]*)"[^>]*>`+regexp.QuoteMeta(link.text)+`</a>`))
			if got := label(b.get(href)); got != link.want {
				t.Errorf("%s (%s) shows %q, want %q", link.text, href, got, link.want)
			}
		}
		// Today's column is marked for the eye and for screen readers.
		now := b.get("/schedule")
		if !strings.Contains(now.body, `aria-current="date"`) || !strings.Contains(find(t, now.body, `(?s)aria-current="date"(.*?)</h2>`), "23 Nov") {
			t.Error("today's day is not marked")
		}
	})
}

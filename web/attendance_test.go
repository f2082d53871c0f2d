package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"kinship"
	"kinship/store/storetest"
)

// attendanceGroup is last week's Mon–Fri morning group with River, Alex and
// Jamie on its roster, led by Sam; the clock stands on Monday 23 November.
type attendanceGroup struct {
	sam      *kinship.Staff
	clients  map[string]int64
	sessions []*kinship.Session // Monday 16 to Friday 20 November
}

func newAttendanceGroup(t *testing.T, db *storetest.DB) attendanceGroup {
	t.Helper()
	return newGroupOf(t, db, kinship.ClientFields{NameToUse: "River"}, kinship.ClientFields{NameToUse: "Alex"}, kinship.ClientFields{NameToUse: "Jamie"})
}

// newGroupOf is the same group with these clients on its roster.
func newGroupOf(t *testing.T, db *storetest.DB, clients ...kinship.ClientFields) attendanceGroup {
	t.Helper()
	admin, _ := db.MustSetUp(t)
	sites, _ := db.ListSites(admin)
	prog, _ := db.CreateProgram(admin, kinship.ProgramCreate{SiteID: sites[0].ID, Name: "Mornings IOP"})
	_, sam := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
	days := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	track, err := db.CreateTrack(admin, kinship.TrackCreate{ProgramID: prog.ID, Name: "Mornings", Days: days, Start: "09:00", End: "12:00"})
	if err != nil {
		t.Fatal(err)
	}
	types, _ := db.SessionTypes(admin)
	if _, err := db.CreateSeries(admin, kinship.SeriesFields{ProgramID: prog.ID, TrackID: track.ID, TypeID: types[0].ID, FacilitatorID: sam.ID,
		Title: "Morning group", Days: days, Start: "09:00", End: "12:00", From: d(t, "2026-11-16")}); err != nil {
		t.Fatal(err)
	}
	g := attendanceGroup{sam: sam, clients: map[string]int64{}}
	for _, fields := range clients {
		c, _ := db.CreateClient(admin, fields)
		db.MustAdmit(t, c.ID, prog.ID, sam.ID, d(t, "2026-11-09"))
		if _, err := db.Enroll(admin, kinship.Enrollment{ClientID: c.ID, TrackID: track.ID, Start: d(t, "2026-11-16")}); err != nil {
			t.Fatal(err)
		}
		g.clients[fields.NameToUse] = c.ID
	}
	g.sessions, _ = db.Sessions(admin, d(t, "2026-11-16"), d(t, "2026-11-20"))
	return g
}

// pressed returns the status whose tap is pressed in a client's row.
func pressed(t *testing.T, page string, clientID int64) string {
	t.Helper()
	row := find(t, page, `(?s)id="client-`+itoa(clientID)+`"(.*?)</li>\s*(?:<li class="roster-entry"|</ul>\s*<p id="roster-end")`)
	var on []string
	for _, m := range regexp.MustCompile(`value="(\w+)" aria-pressed="true"`).FindAllStringSubmatch(row, -1) {
		on = append(on, m[1])
	}
	return strings.Join(on, ",")
}

// TestMarkAllPresentThroughPagesAndAPI: Sam marks River absent and Alex
// excused by hand; Mark all present marks only Jamie, and says so; a
// correction shows who made it and what it replaced.
func TestMarkAllPresentThroughPagesAndAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		g := newAttendanceGroup(t, db)
		river, alex, jamie := g.clients["River"], g.clients["Alex"], g.clients["Jamie"]
		b := app.browser(t)
		b.signIn("sam@example.org", storetest.AdminPassword)

		t.Run("Page", func(t *testing.T) {
			monday := "/sessions/" + itoa(g.sessions[0].ID)
			for id, status := range map[int64]string{river: "unexcused", alex: "excused"} {
				res := b.post(monday+"/attendance", url.Values{"client_id": {itoa(id)}, "status": {status}})
				if got, want := res.Header.Get("Location"), monday+"?done=attendance#client-"+itoa(id); res.StatusCode != http.StatusSeeOther || got != want {
					t.Fatalf("a tap: %d to %q, want back to the row at %q", res.StatusCode, got, want)
				}
			}
			page := b.get(monday).body
			if got := pressed(t, page, river); got != "unexcused" {
				t.Errorf("River's pressed tap = %q, want unexcused", got)
			}
			if got := pressed(t, page, jamie); got != "" {
				t.Errorf("Jamie, not yet marked, has %q pressed", got)
			}
			if res := b.post(monday+"/attendance", url.Values{"client_id": {itoa(river)}, "status": {"late"}, "minutes": {"20"}}); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("correction: %d", res.StatusCode)
			}
			res := b.post(monday+"/attendance/all", nil)
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("Mark all present: %d\n%s", res.StatusCode, res.body)
			}
			page = b.get(res.Header.Get("Location")).body
			if !strings.Contains(page, "Marked 1 present; 2 already had a mark.") {
				t.Errorf("the page does not say what Mark all present did:\n%s", page)
			}
			for id, want := range map[int64]string{river: "late", alex: "excused", jamie: "present"} {
				if got := pressed(t, page, id); got != want {
					t.Errorf("client %d after Mark all present: %q pressed, want %q", id, got, want)
				}
			}
			if want := g.sam.Name + " changed Absent → Late 20 min, 23 Nov 2026 09:00 PST"; !strings.Contains(page, want) {
				t.Errorf("the page does not show the correction %q:\n%s", want, page)
			}
		})

		t.Run("API", func(t *testing.T) {
			tok := app.token(t, g.sam)
			tuesday := "/api/v1/sessions/" + itoa(g.sessions[1].ID)
			if res, _ := app.api(t, "POST", tuesday+"/attendance", tok, []map[string]any{{"client_id": river, "status": "unexcused"}}); res.StatusCode != http.StatusOK {
				t.Fatalf("mark River absent: %d %s", res.StatusCode, res.body)
			}
			res, out := app.api(t, "POST", tuesday+"/attendance/all", tok, nil)
			if res.StatusCode != http.StatusOK || jsonInt(out["marked"]) != 2 || jsonInt(out["kept"]) != 1 {
				t.Fatalf("all present: %d %s, want 2 marked and 1 kept", res.StatusCode, res.body)
			}
			app.api(t, "POST", tuesday+"/attendance", tok, []map[string]any{{"client_id": river, "status": "telehealth"}})
			_, out = app.api(t, "GET", tuesday+"/roster", tok, nil)
			got := map[int64]string{}
			for _, e := range jsonList(out, "roster") {
				status := e["attendance"].(map[string]any)["status"].(string)
				for _, c := range e["changes"].([]any) {
					c := c.(map[string]any)
					status = c["from"].(map[string]any)["status"].(string) + "→" + status + " by " + c["to"].(map[string]any)["recorded_by"].(string)
				}
				got[jsonInt(e["client_id"])] = status
			}
			want := map[int64]string{river: "unexcused→telehealth by " + g.sam.Name, alex: "present", jamie: "present"}
			for id, w := range want {
				if got[id] != w {
					t.Errorf("roster: client %d is %q, want %q", id, got[id], w)
				}
			}
		})
	})
}

// TestAttendanceRefusalNamesTheRow: a Late tap with the minutes missing or
// too many is refused with the client's name, the minutes typed come back
// in their row, and that row's minutes field is the one marked.
func TestAttendanceRefusalNamesTheRow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		g := newAttendanceGroup(t, db)
		alex := g.clients["Alex"]
		b := app.browser(t)
		b.signIn("sam@example.org", storetest.AdminPassword)
		monday := "/sessions/" + itoa(g.sessions[0].ID)
		for _, tc := range []struct{ minutes, message, value string }{
			{"", "Alex: Minutes late must be more than 0.", ""},
			{"500", "Alex: Minutes late must be from 0 to 180, the length of the session.", ` value="500"`},
		} {
			res := b.post(monday+"/attendance", url.Values{"client_id": {itoa(alex)}, "status": {"late"}, "minutes": {tc.minutes}})
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("late with %q minutes: %d", tc.minutes, res.StatusCode)
			}
			if alert := find(t, res.body, `(?s)<div class="alert[^"]*" role="alert"[^>]*>(.*?)</div>`); !strings.Contains(alert, tc.message) {
				t.Errorf("late with %q minutes: the page does not say %q", tc.minutes, tc.message)
			}
			input := find(t, res.body, `(<input id="f-minutes-`+itoa(alex)+`"[^>]*>)`)
			for _, want := range []string{`aria-invalid="true"`, tc.value} {
				if !strings.Contains(input, want) {
					t.Errorf("late with %q minutes: Alex's minutes field %s lacks %s", tc.minutes, input, want)
				}
			}
			if other := find(t, res.body, `(<input id="f-minutes-`+itoa(g.clients["River"])+`"[^>]*>)`); strings.Contains(other, "aria-invalid") {
				t.Errorf("River's minutes field is marked too: %s", other)
			}
		}
	})
}

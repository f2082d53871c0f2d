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

// pageLinks are the paths a page links to inside Kinship, without its
// stylesheet and scripts.
func pageLinks(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`href="(/[^"#]*)"`).FindAllStringSubmatch(body, -1) {
		if p := html.UnescapeString(m[1]); !strings.HasPrefix(p, "/static/") {
			out = append(out, p)
		}
	}
	return out
}

// checkLinksOpen follows every link on a page as its viewer and fails on
// any that does not open.
func checkLinksOpen(t *testing.T, b *browser, body string) {
	t.Helper()
	for _, p := range pageLinks(body) {
		if res := b.get(p); res.StatusCode != http.StatusOK {
			t.Errorf("link %s: status %d, want 200", p, res.StatusCode)
		}
	}
}

// TestDashboardListsOnlyWhatItsViewerMayOpen signs in two counselors on
// one site: each dashboard names only their own caseload, and every link
// on it opens.
func TestDashboardListsOnlyWhatItsViewerMayOpen(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := setUpSchedule(t, db)
		_, sam := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
		_, jo := db.AddStaff(t, kinship.RoleClinician, "jo@example.org")
		// Neither has a session this week, so both are at risk.
		f.admitted(t, "Avery", sam)
		f.admitted(t, "Blake", jo)
		for _, c := range []struct{ email, mine, theirs string }{
			{"sam@example.org", "Avery", "Blake"},
			{"jo@example.org", "Blake", "Avery"},
		} {
			t.Run(c.email, func(t *testing.T) {
				b := f.app.browser(t)
				b.signIn(c.email, storetest.AdminPassword)
				res := b.get("/dashboard")
				if res.StatusCode != http.StatusOK {
					t.Fatalf("dashboard: status %d", res.StatusCode)
				}
				risk := find(t, res.body, `(?s)<h2 id="risk-h">(.*?)</section>`)
				if !strings.Contains(risk, ">"+c.mine+"<") {
					t.Errorf("At risk this week does not list %s, on their caseload:\n%s", c.mine, risk)
				}
				if strings.Contains(res.body, c.theirs) {
					t.Errorf("the dashboard names %s, on another counselor's caseload", c.theirs)
				}
				checkLinksOpen(t, b, res.body)
			})
		}
	})
}

// TestCounselorSeesTheirDay signs in a counselor on Monday at 09:00: the
// group they lead with attendance still to take, their draft note, and
// the client on their caseload who has never checked in.
func TestCounselorSeesTheirDay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := setUpSchedule(t, db)
		asSam, sam := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
		_, jo := db.AddStaff(t, kinship.RoleClinician, "jo@example.org")
		day, _ := kinship.ParseDate("2026-11-23")
		group, err := db.CreateSeries(f.admin, kinship.SeriesFields{ProgramID: f.program.ID, TrackID: f.track.ID, TypeID: f.typeID,
			Title: "Morning group", FacilitatorID: sam.ID, RoomID: f.room.ID, Days: kinship.WeekOrder[:5], Start: "09:00", End: "12:00", From: day})
		if err != nil {
			t.Fatal(err)
		}
		avery, blake := f.admitted(t, "Avery", sam), f.admitted(t, "Blake", jo)
		for _, c := range []*kinship.Client{avery, blake} {
			if _, err := db.Enroll(f.admin, kinship.Enrollment{ClientID: c.ID, TrackID: f.track.ID, Start: day}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.CreateNote(asSam, kinship.NoteInput{ClientID: avery.ID, Kind: kinship.NoteIndividual, Template: "dap",
			ServiceDate: day, Minutes: 50, Sections: map[string]string{"Data": "Spoke about cravings after work."}}); err != nil {
			t.Fatal(err)
		}
		b := f.app.browser(t)
		b.signIn("sam@example.org", storetest.AdminPassword)
		dash := b.get("/dashboard")
		today := find(t, dash.body, `(?s)<h2 id="today-h">(.*?)</section>`)
		for _, want := range []string{"Morning group", "Attendance not taken: 2 of 2", "Note for Avery"} {
			if !strings.Contains(today, want) {
				t.Errorf("Your day lacks %q:\n%s", want, today)
			}
		}
		never := find(t, dash.body, `(?s)<h2 id="never-h">(.*?)</section>`)
		if !strings.Contains(never, ">Avery<") || strings.Contains(dash.body, "Blake") {
			t.Errorf("never checked in should list Avery alone:\n%s", never)
		}
		checkLinksOpen(t, b, dash.body)

		// Taking the roll clears the reminder.
		sessions, _ := db.Sessions(f.admin, day, day)
		for _, m := range sessions {
			if m.SeriesID == group.ID {
				for _, c := range []*kinship.Client{avery, blake} {
					b.post("/sessions/"+itoa(m.ID)+"/attendance", url.Values{"client_id": {itoa(c.ID)}, "status": {"present"}})
				}
			}
		}
		today = find(t, b.get("/dashboard").body, `(?s)<h2 id="today-h">(.*?)</section>`)
		if strings.Contains(today, "Attendance not taken") || !strings.Contains(today, "Attendance taken") {
			t.Errorf("after the roll, Your day says:\n%s", today)
		}
	})
}

// TestFrontDeskBooksAnAssessment books an intake assessment from the
// inquiry page as the front desk: it is on the clinician's schedule and
// dashboard, and on the front desk's day with the arrivals, the calls to
// return and the registrations waiting.
func TestFrontDeskBooksAnAssessment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := setUpSchedule(t, db)
		_, sam := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
		asDesk, _ := db.AddStaff(t, kinship.RoleFrontDesk, "desk@example.org")
		f.series(t, "2026-11-23")
		avery := f.admitted(t, "Avery", sam)
		monday, _ := kinship.ParseDate("2026-11-23")
		if _, err := db.Enroll(f.admin, kinship.Enrollment{ClientID: avery.ID, TrackID: f.track.ID, Start: monday}); err != nil {
			t.Fatal(err)
		}
		frankie, _ := db.CreateInquiry(asDesk, kinship.InquiryFields{NameToUse: "Frankie", Phone: "510-555-0304"})
		db.CreateInquiry(asDesk, kinship.InquiryFields{NameToUse: "Gale", Phone: "510-555-0305"})
		db.CreateClient(f.admin, kinship.ClientFields{NameToUse: "Casey"})

		desk := f.app.browser(t)
		desk.signIn("desk@example.org", storetest.AdminPassword)
		page := "/admissions/" + itoa(frankie.ID)
		booking := url.Values{"date": {"2026-11-23"}, "time": {"10:00"}}
		res := desk.post(page+"/assessment", booking)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, "Choose the clinician who will do the assessment.") ||
			!strings.Contains(res.body, `value="2026-11-23"`) || !strings.Contains(res.body, `value="10:00"`) ||
			!regexp.MustCompile(`<select id="f-clinician_id" name="clinician_id" aria-invalid="true"`).MatchString(res.body) {
			t.Errorf("no clinician: status %d, want 400 keeping the date and time and marking the clinician", res.StatusCode)
		}
		booking.Set("clinician_id", itoa(sam.ID))
		if res := desk.post(page+"/assessment", booking); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("book: status %d\n%s", res.StatusCode, res.body)
		}
		if board := desk.get("/admissions"); !strings.Contains(board.body, "Assessment Monday 23 Nov 2026, 10:00 with "+sam.Name) {
			t.Errorf("the board's card does not show the appointment")
		}
		inquiry := desk.get(page)
		if !strings.Contains(inquiry.body, "Monday 23 Nov 2026, 10:00–11:00 with "+sam.Name) {
			t.Errorf("the inquiry does not show the appointment")
		}
		// Its link opens the clinician's day with the appointment on it.
		schedule := desk.get(html.UnescapeString(find(t, inquiry.body, `<a href="([^"]*)">On `+sam.Name+`'s schedule</a>`)))
		session := desk.get(find(t, schedule.body, `<a href="(/sessions/\d+)">Intake assessment</a>`))
		if !strings.Contains(session.body, `<a href="`+page+`">Open their inquiry</a>`) || strings.Contains(session.body, "Group note") {
			t.Errorf("the assessment's page does not lead back to the inquiry:\n%s", session.body)
		}

		dash := desk.get("/dashboard")
		arrivals := find(t, dash.body, `(?s)<h2 id="arrivals-h">(.*?)</section>`)
		for _, want := range []string{">Frankie</a>", "with " + sam.Name, ">Avery</a>"} {
			if !strings.Contains(arrivals, want) {
				t.Errorf("Arriving today lacks %q:\n%s", want, arrivals)
			}
		}
		calls := find(t, dash.body, `(?s)<h2 id="callbacks-h">(.*?)</section>`)
		if !strings.Contains(calls, ">Gale</a>") || strings.Contains(calls, "Frankie") {
			t.Errorf("Inquiries to call back should list Gale alone:\n%s", calls)
		}
		if waiting := find(t, dash.body, `(?s)<h2 id="registered-h">(.*?)</section>`); !strings.Contains(waiting, ">Casey</a>") || strings.Contains(waiting, "Avery") {
			t.Errorf("Registrations waiting should list Casey alone:\n%s", waiting)
		}
		checkLinksOpen(t, desk, dash.body)

		clinician := f.app.browser(t)
		clinician.signIn("sam@example.org", storetest.AdminPassword)
		if today := find(t, clinician.get("/dashboard").body, `(?s)<h2 id="today-h">(.*?)</section>`); !strings.Contains(today, "Intake assessment: Frankie") {
			t.Errorf("the clinician's day lacks the assessment:\n%s", today)
		}
	})
}

// TestEveryDashboardLinkOpens signs in each of the demo's staff and
// follows every link on their dashboard.
func TestEveryDashboardLinkOpens(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	accounts := seedDemo(t, db)
	app := newApp(t, db)
	for _, a := range accounts {
		if a.Role == kinship.RoleClient {
			continue
		}
		t.Run(a.Email, func(t *testing.T) {
			b := app.browser(t)
			b.signIn(a.Email, a.Password)
			res := b.get("/dashboard")
			if res.StatusCode != http.StatusOK {
				t.Fatalf("dashboard: status %d", res.StatusCode)
			}
			checkLinksOpen(t, b, res.body)
		})
	}
}

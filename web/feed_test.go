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

// feedCalendar sets up a Mon–Fri 09:00–12:00 "Morning group" series in the
// Mornings track, in Room 4, facilitated by a clinician, with River (legal
// name Deadname Legalson) enrolled from 16 November 2026.
type feedCalendar struct {
	admin, clin *kinship.Staff
	river       *kinship.Client
	series      *kinship.Series
}

func setUpFeedCalendar(t *testing.T, db *storetest.DB) feedCalendar {
	t.Helper()
	ctx, admin := db.MustSetUp(t)
	_, clin := db.AddStaff(t, kinship.RoleClinician, "clin@example.org")
	sites, _ := db.ListSites(ctx)
	prog, err := db.CreateProgram(ctx, kinship.ProgramCreate{SiteID: sites[0].ID, Name: "Mornings IOP"})
	if err != nil {
		t.Fatal(err)
	}
	days := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	track, err := db.CreateTrack(ctx, kinship.TrackCreate{ProgramID: prog.ID, Name: "Mornings", Days: days, Start: "09:00", End: "12:00"})
	if err != nil {
		t.Fatal(err)
	}
	room, err := db.CreateRoom(ctx, kinship.Room{SiteID: sites[0].ID, Name: "Room 4", Capacity: 12})
	if err != nil {
		t.Fatal(err)
	}
	types, _ := db.SessionTypes(ctx)
	series, err := db.CreateSeries(ctx, kinship.SeriesFields{ProgramID: prog.ID, TrackID: track.ID, TypeID: types[0].ID,
		Title: "Morning group", FacilitatorID: clin.ID, RoomID: room.ID, Days: days, Start: "09:00", End: "12:00", From: kinship.DateOf(storetest.Now).AddDays(-7)})
	if err != nil {
		t.Fatal(err)
	}
	river, err := db.CreateClient(ctx, kinship.ClientFields{NameToUse: "River", LegalName: kinship.LegalName{Given: "Deadname", Family: "Legalson"}})
	if err != nil {
		t.Fatal(err)
	}
	db.MustAdmit(t, river.ID, prog.ID, clin.ID, series.From)
	if _, err := db.Enroll(ctx, kinship.Enrollment{ClientID: river.ID, TrackID: track.ID, Start: series.From}); err != nil {
		t.Fatal(err)
	}
	return feedCalendar{admin, clin, river, series}
}

// feedPath is the path of a feed URL the API returned.
func feedPath(t *testing.T, app *testApp, body map[string]any) string {
	t.Helper()
	u, _ := body["url"].(string)
	path, ok := strings.CutPrefix(u, app.http.URL+"/calendar/cal_")
	if !ok || !strings.HasSuffix(path, ".ics") {
		t.Fatalf("feed url %q", u)
	}
	return "/calendar/cal_" + path
}

// feedEvents splits an unfolded feed into its VEVENTs.
func feedEvents(body string) []string {
	parts := strings.Split(body, "BEGIN:VEVENT\r\n")[1:]
	for i, p := range parts {
		parts[i], _, _ = strings.Cut(p, "END:VEVENT\r\n")
	}
	return parts
}

func TestCalendarFeed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		f := setUpFeedCalendar(t, db)
		adminToken, clinToken := app.token(t, f.admin), app.token(t, f.clin)
		// 20:00 on Monday 23 November in Los Angeles, already Tuesday in
		// UTC: the window follows the site's date.
		db.Clock.T = time.Date(2026, 11, 24, 4, 0, 0, 0, time.UTC)
		week, _ := db.Sessions(kinship.SystemContext(t.Context()), kinship.DateOf(storetest.Now), kinship.DateOf(storetest.Now).AddDays(4))
		if err := db.CancelSession(kinship.SystemContext(t.Context()), week[1].ID); err != nil { // Tuesday the 24th
			t.Fatal(err)
		}

		res, body := app.api(t, "POST", "/api/v1/clients/"+itoa(f.river.ID)+"/calendar-feed", adminToken, nil)
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("create client feed: %d %s", res.StatusCode, res.body)
		}
		clientFeed := feedPath(t, app, body)
		// A phone subscribes to webcal: rather than importing once.
		if got, want := body["webcal_url"], "webcal://"+strings.TrimPrefix(body["url"].(string), "http://"); got != want {
			t.Errorf("webcal_url = %v, want %s", got, want)
		}
		res, body = app.api(t, "POST", "/api/v1/me/calendar-feed", clinToken, nil)
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("create own feed: %d %s", res.StatusCode, res.body)
		}
		staffFeed := feedPath(t, app, body)

		anon := app.browser(t)
		for name, path := range map[string]string{"Client": clientFeed, "Staff": staffFeed} {
			t.Run(name, func(t *testing.T) {
				res := anon.get(path)
				if res.StatusCode != http.StatusOK {
					t.Fatalf("status %d: %s", res.StatusCode, res.body)
				}
				if ct := res.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
					t.Errorf("Content-Type %q", ct)
				}
				if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
					t.Errorf("Cache-Control %q", cc)
				}
				if !strings.HasPrefix(res.body, "BEGIN:VCALENDAR\r\n") || !strings.HasSuffix(res.body, "END:VCALENDAR\r\n") {
					t.Errorf("not a calendar:\n%s", res.body)
				}
				unfolded := strings.ReplaceAll(res.body, "\r\n ", "")
				lower := strings.ToLower(unfolded)
				for _, secret := range []string{"Morning group", "River", "Deadname", "Legalson", "Mornings", "IOP", "Rainbow Recovery",
					"clinician member", "Alex Admin", "therapy", "group", "treatment", "recovery", "counsel", "screen"} {
					if strings.Contains(lower, strings.ToLower(secret)) {
						t.Errorf("the feed reveals %q:\n%s", secret, unfolded)
					}
				}
				events := feedEvents(unfolded)
				// From Monday 16 November, the series' first day, to Monday
				// 15 February 2027, twelve weeks after the 23rd: 13 weeks of
				// five days and a Monday.
				if len(events) != 66 {
					t.Errorf("%d events, want 66", len(events))
				}
				// A UID is globally unique (RFC 5545) only with the site's own
				// host in it: two programs' session 7 must not merge.
				u, _ := url.Parse(app.http.URL)
				host := u.Hostname()
				for _, e := range events {
					if uid := regexp.MustCompile(`(?m)^UID:(.*)\r$`).FindStringSubmatch(e); uid == nil || !strings.HasSuffix(uid[1], "@"+host) {
						t.Errorf("UID %q does not carry the site's host %s", uid, host)
					}
					if !strings.Contains(e, "\r\nSUMMARY:Appointment\r\n") || !strings.Contains(e, "\r\nLOCATION:Room 4\r\n") {
						t.Errorf("event:\n%s", e)
					}
					cancelled := strings.Contains(e, "DTSTART:20261124T170000Z")
					if got := strings.Contains(e, "STATUS:CANCELLED"); got != cancelled {
						t.Errorf("cancelled = %v, want %v:\n%s", got, cancelled, e)
					}
				}
				// 09:00 to 12:00 in Los Angeles is 17:00 to 20:00 UTC in winter.
				for _, want := range []string{"DTSTART:20261116T170000Z", "DTEND:20261123T200000Z", "DTSTART:20270215T170000Z"} {
					if !strings.Contains(unfolded, want) {
						t.Errorf("no %s", want)
					}
				}
				if strings.Contains(unfolded, "DTSTART:20270216") {
					t.Error("the window ends a day late: it followed the UTC date, not the site's")
				}
			})
		}

		t.Run("Refusals", func(t *testing.T) {
			_, peer := db.AddStaff(t, kinship.RolePeerSupport, "peer@example.org")
			res, _ := app.api(t, "POST", "/api/v1/clients/"+itoa(f.river.ID)+"/calendar-feed", app.token(t, peer), nil)
			if res.StatusCode != http.StatusForbidden {
				t.Errorf("peer support, client off their caseload: %d", res.StatusCode)
			}
			if res, _ := app.api(t, "POST", "/api/v1/me/calendar-feed", "", nil); res.StatusCode != http.StatusUnauthorized {
				t.Errorf("anonymous: %d", res.StatusCode)
			}
			for _, path := range []string{strings.TrimSuffix(clientFeed, ".ics"), "/calendar/cal_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics", "/calendar/x.ics"} {
				if res := anon.get(path); res.StatusCode != http.StatusNotFound {
					t.Errorf("%s: %d", path, res.StatusCode)
				}
			}
		})

		t.Run("Revoked", func(t *testing.T) {
			if res, _ := app.api(t, "DELETE", "/api/v1/clients/"+itoa(f.river.ID)+"/calendar-feed", adminToken, nil); res.StatusCode != http.StatusNoContent {
				t.Fatalf("revoke client feed: %d %s", res.StatusCode, res.body)
			}
			res := anon.get(clientFeed)
			if res.StatusCode != http.StatusNotFound || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") || strings.Contains(res.body, "River") {
				t.Errorf("revoked client feed: %d %q %q", res.StatusCode, res.Header.Get("Content-Type"), res.body)
			}
			if res := anon.get(staffFeed); res.StatusCode != http.StatusOK {
				t.Errorf("the staff feed went with the client's: %d", res.StatusCode)
			}
			if res, _ := app.api(t, "DELETE", "/api/v1/me/calendar-feed", clinToken, nil); res.StatusCode != http.StatusNoContent {
				t.Fatalf("revoke own feed: %d %s", res.StatusCode, res.body)
			}
			if res := anon.get(staffFeed); res.StatusCode != http.StatusNotFound {
				t.Errorf("revoked staff feed: %d", res.StatusCode)
			}
		})
	})
}

// The account page offers the new address as a webcal: link, so one tap on
// a phone subscribes its calendar app.
func TestAccountFeedWebcalLink(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		db.MustSetUp(t)
		b := app.browser(t)
		b.signIn("admin@example.org", storetest.AdminPassword)
		page := b.post("/account/calendar-feed", nil)
		m := regexp.MustCompile(`href="(webcal://[^"]+)"`).FindStringSubmatch(page.body)
		if m == nil {
			t.Fatalf("no webcal: link on the account page:\n%s", page.body)
		}
		path := strings.TrimPrefix(m[1], "webcal://"+app.http.Listener.Addr().String())
		if !strings.HasPrefix(path, "/calendar/cal_") {
			t.Fatalf("webcal link %q is not this site's feed", m[1])
		}
		if res := b.get(path); res.StatusCode != http.StatusOK || !strings.HasPrefix(res.body, "BEGIN:VCALENDAR") {
			t.Errorf("the subscribed address answers %d", res.StatusCode)
		}
	})
}

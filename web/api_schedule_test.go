package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"kinship"
	"kinship/store/storetest"
)

// scheduleFixture is an organization in Los Angeles with the Mornings IOP,
// its Mon–Fri 09:00–12:00 track and a group room, and an admin's token.
type scheduleFixture struct {
	app     *testApp
	db      *storetest.DB
	admin   context.Context
	token   string
	site    *kinship.Site
	program *kinship.Program
	track   *kinship.Track
	room    *kinship.Room
	typeID  int64
}

func setUpSchedule(t *testing.T, db *storetest.DB) *scheduleFixture {
	t.Helper()
	app := newApp(t, db)
	admin, me := db.MustSetUp(t)
	f := &scheduleFixture{app: app, db: db, admin: admin, token: app.token(t, me)}
	sites, err := db.ListSites(admin)
	if err != nil {
		t.Fatal(err)
	}
	f.site = sites[0]
	if f.program, err = db.CreateProgram(admin, kinship.ProgramCreate{SiteID: f.site.ID, Name: "Mornings IOP"}); err != nil {
		t.Fatal(err)
	}
	weekdays := kinship.WeekOrder[:5]
	if f.track, err = db.CreateTrack(admin, kinship.TrackCreate{ProgramID: f.program.ID, Name: "Mornings", Days: weekdays, Start: "09:00", End: "12:00"}); err != nil {
		t.Fatal(err)
	}
	if f.room, err = db.CreateRoom(admin, kinship.Room{SiteID: f.site.ID, Name: "Group room", Capacity: 12}); err != nil {
		t.Fatal(err)
	}
	types, err := db.SessionTypes(admin)
	if err != nil || len(types) == 0 {
		t.Fatalf("session types: %v, %v", types, err)
	}
	f.typeID = types[0].ID
	return f
}

// series creates the daily morning group through the store, from from.
func (f *scheduleFixture) series(t *testing.T, from string) *kinship.Series {
	t.Helper()
	day, _ := kinship.ParseDate(from)
	x, err := f.db.CreateSeries(f.admin, kinship.SeriesFields{ProgramID: f.program.ID, TrackID: f.track.ID, TypeID: f.typeID,
		Title: "Morning group", RoomID: f.room.ID, Days: kinship.WeekOrder[:5], Start: "09:00", End: "12:00", From: day})
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// admitted creates a client admitted to the program with counselor as
// their primary counselor.
func (f *scheduleFixture) admitted(t *testing.T, name string, counselor *kinship.Staff) *kinship.Client {
	t.Helper()
	c, err := f.db.CreateClient(f.admin, kinship.ClientFields{NameToUse: name})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.Admit(f.admin, c.ID, kinship.Admission{ProgramID: f.program.ID, AdmittedOn: kinship.Date{Year: 2026, Month: 11, Day: 16},
		PrimaryCounselorID: counselor.ID}); err != nil {
		t.Fatal(err)
	}
	return c
}

// call is app.api as the admin, failing unless the status is want.
func (f *scheduleFixture) call(t *testing.T, method, path string, body any, want int) map[string]any {
	t.Helper()
	res, out := f.app.api(t, method, path, f.token, body)
	if res.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d\n%s", method, path, res.StatusCode, want, res.body)
	}
	return out
}

func jsonList(body map[string]any, key string) []map[string]any {
	raw, _ := body[key].([]any)
	out := make([]map[string]any, len(raw))
	for i, v := range raw {
		out[i], _ = v.(map[string]any)
	}
	return out
}

func jsonInt(v any) int64 {
	f, _ := v.(float64)
	return int64(f)
}

func TestScheduleSeriesAndSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := setUpSchedule(t, db)
		series := map[string]any{"program_id": f.program.ID, "track_id": f.track.ID, "type_id": f.typeID, "title": "Morning group",
			"room_id": f.room.ID, "days": []string{"mon", "tue", "wed", "thu", "fri"}, "start": "09:00", "end": "12:00", "from": "2026-11-23"}
		created := f.call(t, "POST", "/api/v1/series", series, http.StatusCreated)
		if created["start"] != "09:00" || created["end"] != "12:00" || created["from"] != "2026-11-23" || created["until"] != nil ||
			fmt.Sprint(created["days"]) != "[mon tue wed thu fri]" || jsonInt(created["id"]) == 0 {
			t.Errorf("created %v", created)
		}

		week := f.call(t, "GET", "/api/v1/sessions?from=2026-11-23&to=2026-11-29", nil, http.StatusOK)
		sessions := jsonList(week, "sessions")
		if len(sessions) != 5 {
			t.Fatalf("sessions = %d, want 5 weekdays:\n%v", len(sessions), week)
		}
		first := sessions[0]
		if first["start"] != "2026-11-23T09:00:00-08:00" || first["end"] != "2026-11-23T12:00:00-08:00" || first["date"] != "2026-11-23" ||
			jsonInt(first["minutes"]) != 180 || first["room"] != "Group room" || first["title"] != "Morning group" || jsonInt(first["series_id"]) != jsonInt(created["id"]) {
			t.Errorf("first session = %v", first)
		}
		if sessions[4]["start"] != "2026-11-27T09:00:00-08:00" {
			t.Errorf("Friday starts %v", sessions[4]["start"])
		}
		path := fmt.Sprintf("/api/v1/sessions/%d", jsonInt(first["id"]))
		if one := f.call(t, "GET", path, nil, http.StatusOK); one["start"] != first["start"] {
			t.Errorf("one session = %v", one)
		}
		if roster := f.call(t, "GET", path+"/roster", nil, http.StatusOK); len(jsonList(roster, "roster")) != 0 {
			t.Errorf("roster with nobody enrolled = %v", roster)
		}
		if cancelled := f.call(t, "POST", path+"/cancel", "{}", http.StatusOK); cancelled["cancelled"] != true {
			t.Errorf("cancelled = %v", cancelled)
		}
		f.call(t, "POST", "/api/v1/sessions/999999/cancel", "{}", http.StatusNotFound)

		t.Run("BadSeries", func(t *testing.T) {
			bad := map[string]any{}
			for k, v := range series {
				bad[k] = v
			}
			bad["start"], bad["end"] = "12:00", "09:00"
			body := f.call(t, "POST", "/api/v1/series", bad, http.StatusBadRequest)
			if errorField(body, "end") == "" {
				t.Errorf("end before start: %v", body)
			}
			bad["days"] = []string{"mon", "funday"}
			bad["from"] = "2026-02-30"
			body = f.call(t, "POST", "/api/v1/series", bad, http.StatusBadRequest)
			if !strings.Contains(errorField(body, "days"), "funday") || errorField(body, "end") == "" || errorField(body, "from") == "" {
				t.Errorf("bad days, end and from, all at once: %v", body)
			}
		})

		t.Run("BadDates", func(t *testing.T) {
			for query, field := range map[string]string{
				"from=2026-02-30&to=2026-03-02":             "from",
				"from=2026-11-23":                           "to",
				"from=2026-11-23&to=2026-11-22":             "to",
				"from=2026-01-01&to=2026-04-04":             "to", // 93 days apart
				"from=2026-11-23&to=2026-11-29&client_id=x": "client_id",
			} {
				body := f.call(t, "GET", "/api/v1/sessions?"+query, nil, http.StatusBadRequest)
				if errorField(body, field) == "" {
					t.Errorf("%s: no error on %s: %v", query, field, body)
				}
			}
			f.call(t, "GET", "/api/v1/sessions?from=2026-01-01&to=2026-04-03", nil, http.StatusOK)
		})

		t.Run("Rooms", func(t *testing.T) {
			room := f.call(t, "POST", "/api/v1/rooms", map[string]any{"site_id": f.site.ID, "name": "Telehealth", "capacity": 10,
				"telehealth_url": "https://meet.example.org/kinship"}, http.StatusCreated)
			if room["name"] != "Telehealth" || jsonInt(room["site_id"]) != f.site.ID {
				t.Errorf("room = %v", room)
			}
			if rooms := jsonList(f.call(t, "GET", "/api/v1/rooms", nil, http.StatusOK), "rooms"); len(rooms) != 2 {
				t.Errorf("rooms = %v", rooms)
			}
			if types := jsonList(f.call(t, "GET", "/api/v1/session-types", nil, http.StatusOK), "session_types"); len(types) == 0 || types[0]["kind"] == "" {
				t.Errorf("session types = %v", types)
			}
		})

		t.Run("Closure", func(t *testing.T) {
			f.call(t, "POST", fmt.Sprintf("/api/v1/sites/%d/closures", f.site.ID), map[string]any{"on": "2026-11-26", "reason": "Thanksgiving"}, http.StatusCreated)
			week := jsonList(f.call(t, "GET", "/api/v1/sessions?from=2026-11-26&to=2026-11-26", nil, http.StatusOK), "sessions")
			if len(week) != 1 || week[0]["cancelled"] != true {
				t.Errorf("Thanksgiving = %v", week)
			}
			f.call(t, "POST", fmt.Sprintf("/api/v1/sites/%d/closures", f.site.ID), map[string]any{"on": "2026-11-26"}, http.StatusConflict)
		})
	})
}

func TestScheduleAttendanceAndHours(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := setUpSchedule(t, db)
		f.series(t, "2026-11-23")
		_, sam := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
		river, alex := f.admitted(t, "River", sam), f.admitted(t, "Alex", sam)

		enrolled := f.call(t, "POST", "/api/v1/enrollments", map[string]any{"client_id": river.ID, "track_id": f.track.ID, "start_date": "2026-11-23"},
			http.StatusCreated)
		if jsonInt(enrolled["client_id"]) != river.ID || jsonInt(enrolled["track_id"]) != f.track.ID || enrolled["start_date"] != "2026-11-23" ||
			enrolled["end_date"] != nil || jsonInt(enrolled["id"]) == 0 {
			t.Errorf("enrolled = %v", enrolled)
		}
		body := f.call(t, "POST", "/api/v1/enrollments", map[string]any{"track_id": f.track.ID, "start_date": "2026-11-31"}, http.StatusBadRequest)
		if errorField(body, "client_id") == "" || errorField(body, "start_date") == "" {
			t.Errorf("enrollment without client, on a day that does not exist: %v", body)
		}

		sessions := jsonList(f.call(t, "GET", "/api/v1/sessions?from=2026-11-23&to=2026-11-23", nil, http.StatusOK), "sessions")
		if len(sessions) != 1 {
			t.Fatalf("Monday's sessions = %v", sessions)
		}
		path := fmt.Sprintf("/api/v1/sessions/%d", jsonInt(sessions[0]["id"]))
		roster := jsonList(f.call(t, "GET", path+"/roster", nil, http.StatusOK), "roster")
		if len(roster) != 1 || jsonInt(roster[0]["client_id"]) != river.ID || roster[0]["attendance"] != nil {
			t.Fatalf("roster = %v", roster)
		}

		// Alex is not on the roster: nothing is stored, not even River's mark.
		marks := []map[string]any{{"client_id": river.ID, "status": "present"}, {"client_id": alex.ID, "status": "present"}}
		body = f.call(t, "POST", path+"/attendance", marks, http.StatusBadRequest)
		if errorField(body, "attendance[1].client_id") == "" || errorField(body, "attendance[0].client_id") != "" {
			t.Errorf("off-roster client: %v", body)
		}
		if n := db.Count(t, "attendance"); n != 0 {
			t.Errorf("%d attendance rows stored from a refused request", n)
		}
		f.call(t, "POST", path+"/attendance", map[string]any{"client_id": river.ID, "status": "present"}, http.StatusBadRequest)

		body = f.call(t, "POST", path+"/attendance", []map[string]any{{"client_id": river.ID, "status": "late", "minutes": 20}}, http.StatusOK)
		taken := jsonList(body, "attendance")
		if len(taken) != 1 || taken[0]["status"] != "late" || jsonInt(taken[0]["minutes"]) != 20 || jsonInt(taken[0]["credited"]) != 160 ||
			jsonInt(taken[0]["client_id"]) != river.ID || !strings.HasSuffix(fmt.Sprint(taken[0]["recorded_at"]), "-08:00") {
			t.Errorf("attendance = %v", body)
		}
		roster = jsonList(f.call(t, "GET", path+"/roster", nil, http.StatusOK), "roster")
		if a, _ := roster[0]["attendance"].(map[string]any); jsonInt(a["credited"]) != 160 {
			t.Errorf("roster after attendance = %v", roster)
		}

		hoursPath := fmt.Sprintf("/api/v1/clients/%d/hours", river.ID)
		h := f.call(t, "GET", hoursPath+"?week=2026-W48", nil, http.StatusOK)
		// 5 × 180 scheduled; 160 attended; four mornings still to come.
		if h["week"] != "2026-W48" || jsonInt(h["scheduled_minutes"]) != 900 || jsonInt(h["attended_minutes"]) != 160 ||
			jsonInt(h["projected_minutes"]) != 880 || jsonInt(h["minimum_minutes"]) != 540 || h["status"] != "on_track" {
			t.Errorf("hours = %v", h)
		}
		if h := f.call(t, "GET", hoursPath, nil, http.StatusOK); h["week"] != "2026-W48" {
			t.Errorf("this week = %v", h["week"])
		}
		if body := f.call(t, "GET", hoursPath+"?week=2026-W54", nil, http.StatusBadRequest); errorField(body, "week") == "" {
			t.Errorf("week 54: %v", body)
		}

		// Alex, admitted but in no track, is at risk; Tuesday to Friday's
		// mornings are make-ups.
		risk := f.call(t, "GET", "/api/v1/at-risk", nil, http.StatusOK)
		clients := jsonList(risk, "clients")
		if risk["week"] != "2026-W48" || len(clients) != 1 || jsonInt(clients[0]["client_id"]) != alex.ID {
			t.Fatalf("at risk = %v", risk)
		}
		makeUps := jsonList(clients[0], "make_ups")
		if len(makeUps) != 4 || makeUps[0]["start"] != "2026-11-24T09:00:00-08:00" {
			t.Errorf("make-ups = %v", makeUps)
		}
		if hours, _ := clients[0]["hours"].(map[string]any); hours["status"] != "at_risk" {
			t.Errorf("Alex's hours = %v", hours)
		}

		// River's own sessions; ending the enrollment after Tuesday leaves two.
		mine := jsonList(f.call(t, "GET", fmt.Sprintf("/api/v1/sessions?from=2026-11-23&to=2026-11-29&client_id=%d", river.ID), nil, http.StatusOK), "sessions")
		if len(mine) != 5 {
			t.Errorf("River's sessions = %d, want 5", len(mine))
		}
		end := fmt.Sprintf("/api/v1/enrollments/%d/end", jsonInt(enrolled["id"]))
		f.call(t, "POST", end, map[string]any{}, http.StatusBadRequest)
		f.call(t, "POST", end, map[string]any{"end_date": "2026-11-24"}, http.StatusOK)
		mine = jsonList(f.call(t, "GET", fmt.Sprintf("/api/v1/sessions?from=2026-11-23&to=2026-11-29&client_id=%d", river.ID), nil, http.StatusOK), "sessions")
		if len(mine) != 2 {
			t.Errorf("River's sessions after ending the enrollment = %d, want 2", len(mine))
		}
	})
}

func TestSchedulePlanWeek(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := setUpSchedule(t, db)
		_, sam := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
		samToken := f.app.token(t, sam)
		ash := f.admitted(t, "Ash", sam)
		monday := map[string]any{"windows": []string{"mon 13:00-15:00"}}

		hoursPath := fmt.Sprintf("/api/v1/staff/%d/hours", sam.ID)
		if res, _ := f.app.api(t, "PUT", hoursPath, samToken, monday); res.StatusCode != http.StatusForbidden {
			t.Errorf("a clinician sets hours through /staff/{id}: %d", res.StatusCode)
		}
		if res, body := f.app.api(t, "PUT", "/api/v1/me/hours", samToken, monday); res.StatusCode != http.StatusOK || fmt.Sprint(body["windows"]) != "[mon 13:00-15:00]" {
			t.Errorf("own hours: %d %v", res.StatusCode, body)
		}
		f.call(t, "PUT", hoursPath, map[string]any{"windows": []string{"mon 13:00-15:00", "tue 09:00-10:00"}}, http.StatusOK)
		if got := f.call(t, "GET", hoursPath, nil, http.StatusOK); fmt.Sprint(got["windows"]) != "[mon 13:00-15:00 tue 09:00-10:00]" {
			t.Errorf("hours = %v", got)
		}
		if body := f.call(t, "PUT", hoursPath, map[string]any{"windows": []string{"monday 9-5"}}, http.StatusBadRequest); errorField(body, "windows") == "" {
			t.Errorf("bad window: %v", body)
		}
		f.call(t, "PUT", hoursPath, map[string]any{}, http.StatusBadRequest) // an empty body clears nothing
		f.call(t, "PUT", hoursPath, monday, http.StatusOK)

		availability := fmt.Sprintf("/api/v1/clients/%d/availability", ash.ID)
		f.call(t, "PUT", availability, monday, http.StatusOK)
		if got := f.call(t, "GET", availability, nil, http.StatusOK); fmt.Sprint(got["windows"]) != "[mon 13:00-15:00]" {
			t.Errorf("availability = %v", got)
		}

		// It is Monday 23 November: next week is 2026-W49.
		plan := f.call(t, "POST", "/api/v1/plan-week", map[string]any{}, http.StatusOK)
		booked := jsonList(plan, "booked")
		if plan["week"] != "2026-W49" || len(booked) != 1 || jsonInt(booked[0]["client_id"]) != ash.ID ||
			booked[0]["start"] != "2026-11-30T13:00:00-08:00" || jsonInt(booked[0]["facilitator_id"]) != sam.ID || len(jsonList(plan, "unplaced")) != 0 {
			t.Fatalf("plan = %v", plan)
		}
		again := f.call(t, "POST", "/api/v1/plan-week", map[string]any{"week": "2026-W49"}, http.StatusOK)
		if len(jsonList(again, "booked")) != 0 {
			t.Errorf("a second plan booked again: %v", again)
		}
		if body := f.call(t, "POST", "/api/v1/plan-week", map[string]any{"week": "2026-W54"}, http.StatusBadRequest); errorField(body, "week") == "" {
			t.Errorf("plan week 54: %v", body)
		}

		// Sam is booked at 13:00; 14:00 is still free for both.
		slots := jsonList(f.call(t, "GET", fmt.Sprintf("/api/v1/clients/%d/find-times?counselor_id=%d&week=2026-W49&minutes=50", ash.ID, sam.ID), nil, http.StatusOK), "slots")
		if len(slots) != 1 || slots[0]["start"] != "2026-11-30T14:00:00-08:00" || slots[0]["end"] != "2026-11-30T14:50:00-08:00" {
			t.Errorf("slots = %v", slots)
		}
		if body := f.call(t, "GET", fmt.Sprintf("/api/v1/clients/%d/find-times?week=2026-W49", ash.ID), nil, http.StatusBadRequest); errorField(body, "counselor_id") == "" {
			t.Errorf("find times without a counselor: %v", body)
		}

		book := fmt.Sprintf("/api/v1/clients/%d/individual-sessions", ash.ID)
		double := map[string]any{"counselor_id": sam.ID, "start": "2026-11-30T13:00:00-08:00", "minutes": 50}
		if body := f.call(t, "POST", book, double, http.StatusConflict); errorCode(body) != kinship.ECONFLICT {
			t.Errorf("double booking: %v", body)
		}
		if body := f.call(t, "POST", book, map[string]any{"counselor_id": sam.ID, "start": "Monday at 2"}, http.StatusBadRequest); errorField(body, "start") == "" {
			t.Errorf("bad start: %v", body)
		}
		one := f.call(t, "POST", book, map[string]any{"counselor_id": sam.ID, "start": "2026-11-30T22:00:00Z"}, http.StatusCreated)
		if one["start"] != "2026-11-30T14:00:00-08:00" || jsonInt(one["minutes"]) != 50 || jsonInt(one["client_id"]) != ash.ID {
			t.Errorf("booked = %v", one)
		}
	})
}

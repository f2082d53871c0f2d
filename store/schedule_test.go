package store_test

import (
	"testing"
	"time"

	"kinship"
	"kinship/store/storetest"
)

// mornings sets up the Mornings IOP with its Mon–Fri 09:00–12:00 track, a
// group room, and a daily group therapy series from from.
type mornings struct {
	program *kinship.Program
	track   *kinship.Track
	series  *kinship.Series
	site    *kinship.Site
}

var weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}

func setUpMornings(t *testing.T, db *storetest.DB, from kinship.Date) mornings {
	t.Helper()
	admin, _ := db.MustSetUp(t)
	sites, _ := db.ListSites(admin)
	prog, err := db.CreateProgram(admin, kinship.ProgramCreate{SiteID: sites[0].ID, Name: "Mornings IOP"})
	if err != nil {
		t.Fatal(err)
	}
	track, err := db.CreateTrack(admin, kinship.TrackCreate{ProgramID: prog.ID, Name: "Mornings", Days: weekdays, Start: "09:00", End: "12:00"})
	if err != nil {
		t.Fatal(err)
	}
	room, err := db.CreateRoom(admin, kinship.Room{SiteID: sites[0].ID, Name: "Group room", Capacity: 12})
	if err != nil {
		t.Fatal(err)
	}
	types, _ := db.SessionTypes(admin)
	series, err := db.CreateSeries(admin, kinship.SeriesFields{ProgramID: prog.ID, TrackID: track.ID, TypeID: types[0].ID,
		Title: "Morning group", RoomID: room.ID, Days: weekdays, Start: "09:00", End: "12:00", From: from})
	if err != nil {
		t.Fatal(err)
	}
	return mornings{prog, track, series, sites[0]}
}

func d(s string) kinship.Date {
	v, err := kinship.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func TestSeriesAcrossDST(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		m := setUpMornings(t, db, d("2026-10-26"))
		admin := kinship.SystemContext(t.Context())
		sessions, err := db.Sessions(admin, d("2026-10-26"), d("2026-11-06"))
		if err != nil {
			t.Fatal(err)
		}
		if len(sessions) != 10 {
			t.Fatalf("sessions = %d, want 10 weekdays", len(sessions))
		}
		la := m.site.Location()
		for _, s := range sessions {
			if got := s.Start.In(la).Format("15:04"); got != "09:00" || s.Minutes() != 180 {
				t.Errorf("%s starts %s for %d minutes, want 09:00 for 180", s.Date, got, s.Minutes())
			}
		}
		// Daylight saving time ended on 1 November: the same 09:00 is an
		// hour later in UTC.
		if before, after := sessions[4].Start.UTC().Hour(), sessions[5].Start.UTC().Hour(); before != 16 || after != 17 {
			t.Errorf("UTC start hours %d then %d, want 16 then 17", before, after)
		}
		// Looking further ahead lays out more weeks on demand.
		later, err := db.Sessions(admin, d("2027-03-01"), d("2027-03-05"))
		if err != nil || len(later) != 5 {
			t.Errorf("sessions in March 2027 = %d, %v", len(later), err)
		}
		if _, err := db.Sessions(admin, d("2026-11-06"), d("2026-11-01")); kinship.ErrorCode(err) != kinship.EINVALID {
			t.Errorf("end before start: %v", err)
		}
	})
}

func TestHolidayClosure(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		m := setUpMornings(t, db, d("2026-11-23"))
		admin := kinship.SystemContext(t.Context())
		if err := db.CloseSite(admin, m.site.ID, d("2026-11-26"), "Thanksgiving"); err != nil {
			t.Fatal(err)
		}
		// Memorial Day is beyond the weeks laid out so far.
		if err := db.CloseSite(admin, m.site.ID, d("2027-05-31"), "Memorial Day"); err != nil {
			t.Fatal(err)
		}
		week, _ := db.Sessions(admin, d("2026-11-23"), d("2026-11-27"))
		for _, s := range week {
			if got, want := s.Cancelled, s.Date == d("2026-11-26"); got != want {
				t.Errorf("%s cancelled = %v, want %v", s.Date, got, want)
			}
		}
		// A closure recorded before the day was laid out leaves no session.
		may, _ := db.Sessions(admin, d("2027-05-31"), d("2027-06-04"))
		if len(may) != 4 || may[0].Date != d("2027-06-01") {
			t.Errorf("sessions in the week of Memorial Day = %d, want Tuesday to Friday", len(may))
		}
		if err := db.CloseSite(admin, m.site.ID, d("2026-11-26"), "again"); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("closing twice: %v", err)
		}
	})
}

func TestMidWeekTrackChangeAndAttendance(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		m := setUpMornings(t, db, d("2026-11-16"))
		admin := kinship.SystemContext(t.Context())
		c, _ := db.CreateClient(admin, kinship.ClientFields{NameToUse: "River", Pronouns: "they/them"})
		other, _ := db.CreateClient(admin, kinship.ClientFields{NameToUse: "Alex"})
		if _, err := db.Enroll(admin, kinship.Enrollment{ClientID: c.ID, TrackID: m.track.ID, Start: d("2026-11-16")}); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("enrolling a client never admitted: %v", err)
		}
		_, counselor := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
		db.MustAdmit(t, c.ID, m.program.ID, counselor.ID, d("2026-11-16"))
		e, err := db.Enroll(admin, kinship.Enrollment{ClientID: c.ID, TrackID: m.track.ID, Start: d("2026-11-16")})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Enroll(admin, kinship.Enrollment{ClientID: c.ID, TrackID: m.track.ID, Start: d("2026-11-18")}); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("second enrollment in the same track: %v", err)
		}
		week, _ := db.Sessions(admin, d("2026-11-16"), d("2026-11-20"))
		monday, wednesday := week[0], week[2]

		t.Run("BadMarksStoreNothing", func(t *testing.T) {
			five := 5
			for name, marks := range map[string][]kinship.AttendanceMark{
				"NotOnRoster":      {{ClientID: c.ID, Status: "present"}, {ClientID: other.ID, Status: "present"}},
				"UnknownStatus":    {{ClientID: c.ID, Status: "sort of"}},
				"LateWithoutMin":   {{ClientID: c.ID, Status: "late"}},
				"TooManyMinutes":   {{ClientID: c.ID, Status: "left_early", Minutes: 181}},
				"OverrideNoReason": {{ClientID: c.ID, Status: "present", Override: &five}},
				"NothingToRecord":  nil,
				"SameClientTwice":  {{ClientID: c.ID, Status: "present"}, {ClientID: c.ID, Status: "late", Minutes: 5}},
			} {
				if _, err := db.RecordAttendance(admin, monday.ID, marks); kinship.ErrorCode(err) != kinship.EINVALID {
					t.Errorf("%s: %v, want invalid", name, err)
				}
			}
			if n := db.Count(t, "attendance"); n != 0 {
				t.Errorf("attendance rows = %d after rejected marks", n)
			}
		})
		got, err := db.RecordAttendance(admin, monday.ID, []kinship.AttendanceMark{{ClientID: c.ID, Status: "late", Minutes: 20}})
		if err != nil || got[0].Credited != 160 {
			t.Fatalf("late 20 minutes: %+v, %v", got, err)
		}
		// River moves to an evening group from Wednesday.
		if err := db.EndEnrollment(admin, e.ID, d("2026-11-17")); err != nil {
			t.Fatal(err)
		}
		mon, _ := db.Roster(admin, monday.ID)
		wed, _ := db.Roster(admin, wednesday.ID)
		if len(mon) != 1 || mon[0].Attendance == nil || mon[0].Attendance.Credited != 160 {
			t.Errorf("Monday roster after the change = %+v; past attendance must stay", mon)
		}
		if len(wed) != 0 {
			t.Errorf("Wednesday roster = %+v, want nobody", wed)
		}
		if _, err := db.RecordAttendance(admin, wednesday.ID, []kinship.AttendanceMark{{ClientID: c.ID, Status: "present"}}); kinship.ErrorCode(err) != kinship.EINVALID {
			t.Errorf("attendance for a client no longer on the roster: %v", err)
		}

		t.Run("CorrectionKeepsHistory", func(t *testing.T) {
			// Today is 23 November, after Monday the 16th.
			over := 180
			if _, err := db.RecordAttendance(admin, monday.ID, []kinship.AttendanceMark{{ClientID: c.ID, Status: "present", Override: &over, OverrideReason: "Arrived on time; the sign-in sheet was wrong"}}); err != nil {
				t.Fatal(err)
			}
			if n := db.Count(t, "attendance_history"); n != 1 {
				t.Errorf("history rows = %d, want the earlier value kept", n)
			}
			roster, _ := db.Roster(admin, monday.ID)
			if roster[0].Attendance.Credited != 180 || roster[0].Attendance.OverrideReason == "" {
				t.Errorf("after correction: %+v", roster[0].Attendance)
			}
		})
	})
}

func TestSessionExceptionsAndSetUp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		m := setUpMornings(t, db, d("2026-11-23"))
		admin := kinship.SystemContext(t.Context())
		week, _ := db.Sessions(admin, d("2026-11-23"), d("2026-11-27"))
		wed := week[2]
		if err := db.MoveSession(admin, wed.ID, d("2026-11-25"), "13:00", "12:00"); kinship.ErrorFields(err)["end"] == "" {
			t.Errorf("moved to end before start: %v", err)
		}
		if err := db.MoveSession(admin, wed.ID, d("2026-11-25"), "13:00", ""); err != nil {
			t.Fatal(err)
		}
		moved, _ := db.Session(admin, wed.ID)
		if got := moved.Start.In(m.site.Location()).Format("15:04"); got != "13:00" || moved.Minutes() != 180 || !moved.Moved {
			t.Errorf("moved session starts %s for %d minutes (moved %v)", got, moved.Minutes(), moved.Moved)
		}
		if err := db.MoveSession(admin, wed.ID, d("2026-11-26"), "13:00", ""); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("moved onto a day the series already meets: %v", err)
		}
		_, sub := db.AddStaff(t, kinship.RoleClinician, "sub@example.org")
		if err := db.SubstituteFacilitator(admin, wed.ID, sub.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Session(admin, wed.ID); got.FacilitatorID != sub.ID {
			t.Errorf("substitute = %d, want %d", got.FacilitatorID, sub.ID)
		}
		if err := db.SubstituteFacilitator(admin, wed.ID, 999); kinship.ErrorFields(err)["facilitator_id"] == "" {
			t.Errorf("an unknown substitute: %v", err)
		}
		if _, err := db.CreateSessionType(admin, "Drumming circle", kinship.KindHolistic); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateSessionType(admin, "drumming circle ", "noise"); kinship.ErrorFields(err)["kind"] == "" {
			t.Errorf("an unknown kind: %v", err)
		}
		if err := db.SetMinimums(admin, m.program.ID, 0, 360); kinship.ErrorFields(err)["minimum_adult_minutes"] == "" {
			t.Errorf("a zero minimum: %v", err)
		}
		if err := db.SetMinimums(admin, m.program.ID, 600, 360); err != nil {
			t.Fatal(err)
		}
		programs, _ := db.ListPrograms(admin)
		if programs[0].MinimumAdultMinutes != 600 {
			t.Errorf("minimum = %d, want 600", programs[0].MinimumAdultMinutes)
		}
	})
}

func TestDischargeEndsEnrollment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		m := setUpMornings(t, db, d("2026-11-16"))
		admin := kinship.SystemContext(t.Context())
		_, counselor := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
		c, _ := db.CreateClient(admin, kinship.ClientFields{NameToUse: "River"})
		e, _ := db.Admit(admin, c.ID, kinship.Admission{ProgramID: m.program.ID, AdmittedOn: d("2026-11-16"), PrimaryCounselorID: counselor.ID})
		db.Enroll(admin, kinship.Enrollment{ClientID: c.ID, TrackID: m.track.ID, Start: d("2026-11-16")})
		if _, err := db.DischargeEpisode(admin, e.ID, kinship.Discharge{On: d("2026-11-18"), Reason: kinship.DischargeCompleted, Summary: "Done."}); err != nil {
			t.Fatal(err)
		}
		list, _ := db.Enrollments(admin, c.ID)
		if len(list) != 1 || list[0].End != d("2026-11-18") {
			t.Errorf("enrollments after discharge = %+v", list)
		}
	})
}

func TestNoDoubleBookedGroups(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		m := setUpMornings(t, db, d("2026-11-23"))
		admin := kinship.SystemContext(t.Context())
		_, sam := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
		_, jo := db.AddStaff(t, kinship.RoleClinician, "jo@example.org")
		rooms, _ := db.Rooms(admin)
		office, _ := db.CreateRoom(admin, kinship.Room{SiteID: m.site.ID, Name: "Office", Capacity: 4})
		types, _ := db.SessionTypes(admin)
		group := func(title string, facilitator, room int64, start, end string) error {
			_, err := db.CreateSeries(admin, kinship.SeriesFields{ProgramID: m.program.ID, TypeID: types[0].ID, Title: title,
				FacilitatorID: facilitator, RoomID: room, Days: weekdays, Start: start, End: end, From: d("2026-11-30")})
			return err
		}
		if err := group("Process group", sam.ID, office.ID, "13:00", "14:30"); err != nil {
			t.Fatal(err)
		}
		before := db.Count(t, "sessions")
		if err := group("Second group", sam.ID, rooms[0].ID, "14:00", "15:00"); kinship.ErrorFields(err)["facilitator_id"] == "" {
			t.Errorf("a facilitator in two groups at once: %v", err)
		}
		if err := group("Third group", jo.ID, office.ID, "13:30", "14:00"); kinship.ErrorFields(err)["room_id"] == "" {
			t.Errorf("a room holding two groups at once: %v", err)
		}
		if after := db.Count(t, "sessions"); after != before {
			t.Errorf("sessions = %d after refused series, want %d", after, before)
		}
		if err := group("Later group", sam.ID, office.ID, "14:30", "16:00"); err != nil {
			t.Errorf("back-to-back groups: %v", err)
		}
		// Moving or substituting into a clash is refused too.
		week, _ := db.Sessions(admin, d("2026-11-30"), d("2026-11-30"))
		var process *kinship.Session
		for _, s := range week {
			if s.Title == "Process group" {
				process = s
			}
		}
		if err := db.MoveSession(admin, process.ID, d("2026-11-30"), "15:00", ""); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("moving onto Sam's later group: %v", err)
		}
		morning := week[0] // the Mornings group, led by nobody yet
		if err := db.SubstituteFacilitator(admin, morning.ID, sam.ID); err != nil {
			t.Errorf("a free substitute: %v", err)
		}
		if err := db.MoveSession(admin, morning.ID, d("2026-11-30"), "13:00", "14:00"); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("moving Sam's morning group onto his process group: %v", err)
		}
	})
}

func TestNoAttendanceBeforeTheSession(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		m := setUpMornings(t, db, d("2026-11-23"))
		admin := kinship.SystemContext(t.Context())
		_, sam := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
		c, _ := db.CreateClient(admin, kinship.ClientFields{NameToUse: "River"})
		db.MustAdmit(t, c.ID, m.program.ID, sam.ID, d("2026-11-23"))
		db.Enroll(admin, kinship.Enrollment{ClientID: c.ID, TrackID: m.track.ID, Start: d("2026-11-23")})
		week, _ := db.Sessions(admin, d("2026-11-24"), d("2026-11-24"))
		if _, err := db.RecordAttendance(admin, week[0].ID, []kinship.AttendanceMark{{ClientID: c.ID, Status: "present"}}); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("attendance for tomorrow: %v", err)
		}
		// Bookings: not in the past, and within recorded working hours.
		db.SetWorkingHours(admin, sam.ID, []kinship.Window{{Day: time.Tuesday, Start: 13 * 60, End: 17 * 60}})
		staff := storetest.As(sam)
		at := func(h int) time.Time { return time.Date(2026, 11, 24, h, 0, 0, 0, m.site.Location()) }
		if _, err := db.BookIndividual(staff, c.ID, sam.ID, 0, at(3), 50); kinship.ErrorFields(err)["start"] == "" {
			t.Errorf("a booking at 03:00: %v", err)
		}
		if _, err := db.BookIndividual(staff, c.ID, sam.ID, 0, time.Date(2026, 11, 2, 13, 0, 0, 0, m.site.Location()), 50); kinship.ErrorFields(err)["start"] == "" {
			t.Errorf("a booking in the past: %v", err)
		}
		if _, err := db.BookIndividual(staff, c.ID, sam.ID, 0, at(13), 50); err != nil {
			t.Errorf("a booking in working hours: %v", err)
		}
	})
}

func TestNoTwoTracksAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		m := setUpMornings(t, db, d("2026-11-23"))
		admin := kinship.SystemContext(t.Context())
		_, sam := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
		c, _ := db.CreateClient(admin, kinship.ClientFields{NameToUse: "Avery"})
		db.MustAdmit(t, c.ID, m.program.ID, sam.ID, d("2026-11-23"))
		second, _ := db.CreateTrack(admin, kinship.TrackCreate{ProgramID: m.program.ID, Name: "Mornings 2", Days: weekdays, Start: "10:00", End: "13:00"})
		evenings, _ := db.CreateTrack(admin, kinship.TrackCreate{ProgramID: m.program.ID, Name: "Evenings", Days: weekdays, Start: "18:00", End: "21:00"})
		first, err := db.Enroll(admin, kinship.Enrollment{ClientID: c.ID, TrackID: m.track.ID, Start: d("2026-11-23")})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Enroll(admin, kinship.Enrollment{ClientID: c.ID, TrackID: second.ID, Start: d("2026-11-25")}); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("two tracks at overlapping hours: %v", err)
		}
		if _, err := db.Enroll(admin, kinship.Enrollment{ClientID: c.ID, TrackID: evenings.ID, Start: d("2026-11-25")}); err != nil {
			t.Errorf("an evening track alongside: %v", err)
		}
		// Moving over: end the first, then the overlapping one is fine.
		db.EndEnrollment(admin, first.ID, d("2026-11-24"))
		if _, err := db.Enroll(admin, kinship.Enrollment{ClientID: c.ID, TrackID: second.ID, Start: d("2026-11-25")}); err != nil {
			t.Errorf("after ending the first: %v", err)
		}
	})
}

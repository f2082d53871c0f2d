package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"kinship"
	"kinship/store/storetest"
)

// signals is the Mornings IOP from 2 November with Sam, a clinician, whose
// caseload the tests fill. Today is Monday 23 November.
type signals struct {
	mornings
	admin, sam context.Context
	samID      int64
}

func setUpSignals(t *testing.T, db *storetest.DB) signals {
	t.Helper()
	s := signals{mornings: setUpMornings(t, db, d("2026-11-02")), admin: kinship.SystemContext(t.Context())}
	var sam *kinship.Staff
	s.sam, sam = db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
	s.samID = sam.ID
	return s
}

// admit puts a client on counselor's caseload from 2 November, enrolled in
// the track; with account, they have had a portal account since then.
func (s signals) admit(t *testing.T, db *storetest.DB, name string, counselor int64, account bool) int64 {
	t.Helper()
	c, err := db.CreateClient(s.admin, kinship.ClientFields{NameToUse: name})
	if err != nil {
		t.Fatal(err)
	}
	db.MustAdmit(t, c.ID, s.program.ID, counselor, d("2026-11-02"))
	if _, err := db.Enroll(s.admin, kinship.Enrollment{ClientID: c.ID, TrackID: s.track.ID, Start: d("2026-11-02")}); err != nil {
		t.Fatal(err)
	}
	if account {
		now := db.Clock.T
		db.Clock.T = time.Date(2026, 11, 2, 17, 0, 0, 0, time.UTC)
		defer func() { db.Clock.T = now }()
		inv, err := db.InviteClient(s.admin, c.ID)
		if err == nil {
			_, err = db.AcceptClientInvite(t.Context(), inv.Token, fmt.Sprintf("client%d@example.org", c.ID), storetest.AdminPassword)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return c.ID
}

// record checks a client in for day, failing the test on error.
func record(t *testing.T, db *storetest.DB, client int64, day string, craving, mood int, used string) *kinship.CheckIn {
	t.Helper()
	c, err := db.RecordCheckIn(storetest.AsClient(client), kinship.CheckInInput{Craving: &craving, Mood: &mood, Used: used, Day: d(day)})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// flagsOf returns the codes of the flags the caseload shows for client.
func flagsOf(t *testing.T, db *storetest.DB, ctx context.Context, client int64) []string {
	t.Helper()
	list, err := db.Caseload(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list {
		if c.ClientID == client {
			codes := []string{}
			for _, f := range c.Flags {
				codes = append(codes, f.Code)
			}
			return codes
		}
	}
	t.Fatalf("client %d is not on the caseload", client)
	return nil
}

func ptr[T any](v T) *T { return &v }

func TestCheckInRefusesBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		s := setUpSignals(t, db)
		river := storetest.AsClient(s.admit(t, db, "River", s.samID, true))
		valid := func() kinship.CheckInInput {
			return kinship.CheckInInput{Craving: ptr(3), Mood: ptr(4), Used: kinship.UsedNo}
		}
		many := make([]kinship.SkillUse, kinship.CheckInListMax+1)
		for i := range many {
			many[i].Name = fmt.Sprint("skill ", i)
		}
		for _, tt := range []struct {
			name, field string
			change      func(*kinship.CheckInInput)
		}{
			{"craving 11", "craving", func(in *kinship.CheckInInput) { in.Craving = ptr(11) }},
			{"craving below 0", "craving", func(in *kinship.CheckInInput) { in.Craving = ptr(-1) }},
			{"no craving", "craving", func(in *kinship.CheckInInput) { in.Craving = nil }},
			{"mood 0", "mood", func(in *kinship.CheckInInput) { in.Mood = ptr(0) }},
			{"mood 6", "mood", func(in *kinship.CheckInInput) { in.Mood = ptr(6) }},
			{"no mood", "mood", func(in *kinship.CheckInInput) { in.Mood = nil }},
			{"sleep in quarter hours", "sleep_hours", func(in *kinship.CheckInInput) { in.SleepHours = ptr(7.25) }},
			{"sleep over a day", "sleep_hours", func(in *kinship.CheckInInput) { in.SleepHours = ptr(24.5) }},
			{"no answer on use", "used", func(in *kinship.CheckInInput) { in.Used = "" }},
			{"unknown answer on use", "used", func(in *kinship.CheckInInput) { in.Used = "maybe" }},
			{"tomorrow", "day", func(in *kinship.CheckInInput) { in.Day = d("2026-11-24") }},
			{"31 days ago", "day", func(in *kinship.CheckInInput) { in.Day = d("2026-10-23") }},
			{"long note", "note", func(in *kinship.CheckInInput) { in.Note = strings.Repeat("a", kinship.CheckInNoteMax+1) }},
			{"long trigger", "triggers", func(in *kinship.CheckInInput) { in.Triggers = []string{strings.Repeat("a", kinship.CheckInNameMax+1)} }},
			{"too many skills", "skills", func(in *kinship.CheckInInput) { in.Skills = many }},
		} {
			t.Run(tt.name, func(t *testing.T) {
				in := valid()
				tt.change(&in)
				_, err := db.RecordCheckIn(river, in)
				if kinship.ErrorCode(err) != kinship.EINVALID || kinship.ErrorFields(err)[tt.field] == "" {
					t.Errorf("got %v (fields %v), want invalid %s", err, kinship.ErrorFields(err), tt.field)
				}
			})
		}
		for _, table := range []string{"checkins", "checkin_triggers", "checkin_skills"} {
			if n := db.Count(t, table); n != 0 {
				t.Errorf("%d rows in %s after refusals, want 0", n, table)
			}
		}
		if _, err := db.RecordCheckIn(s.sam, valid()); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
			t.Errorf("staff checking in: %v, want forbidden", err)
		}
		// The edges of each range are accepted.
		edge := kinship.CheckInInput{Craving: ptr(10), Mood: ptr(1), SleepHours: ptr(0.5), Used: kinship.UsedPreferNotToSay,
			Day: d("2026-10-24"), Note: strings.Repeat("é", kinship.CheckInNoteMax)}
		if _, err := db.RecordCheckIn(river, edge); err != nil {
			t.Errorf("check-in at the edges: %v", err)
		}
		edge.Craving, edge.Mood, edge.SleepHours, edge.Day = ptr(0), ptr(5), ptr(24.0), kinship.Date{}
		if c, err := db.RecordCheckIn(river, edge); err != nil || c.Day != d("2026-11-23") {
			t.Errorf("check-in with no day: %+v, %v; want today", c, err)
		}
	})
}

func TestCheckInSameDayReplaces(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		s := setUpSignals(t, db)
		river := storetest.AsClient(s.admit(t, db, "River", s.samID, true))
		first, err := db.RecordCheckIn(river, kinship.CheckInInput{Craving: ptr(6), Mood: ptr(2), SleepHours: ptr(7.5), Used: kinship.UsedNo,
			Triggers: []string{" Payday ", "payday", "", "Feeling  lonely"},
			Skills:   []kinship.SkillUse{{Name: "Grounding", Helped: true}, {Name: " grounding "}, {Name: "Reaching out"}},
			Note:     "  A hard evening  "})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(first.Triggers, []string{"Payday", "Feeling lonely"}) ||
			!slices.Equal(first.Skills, []kinship.SkillUse{{Name: "Grounding", Helped: true}, {Name: "Reaching out"}}) ||
			*first.SleepHours != 7.5 || first.Note != "A hard evening" || first.Day != d("2026-11-23") {
			t.Errorf("stored %+v", first)
		}
		db.Clock.T = db.Clock.T.Add(time.Hour)
		second, err := db.RecordCheckIn(river, kinship.CheckInInput{Craving: ptr(2), Mood: ptr(4), Used: kinship.UsedNo, Triggers: []string{"Boredom"}})
		if err != nil {
			t.Fatal(err)
		}
		if second.ID != first.ID || second.Craving != 2 || second.SleepHours != nil || !slices.Equal(second.Triggers, []string{"Boredom"}) ||
			len(second.Skills) != 0 || !second.UpdatedAt.After(second.CreatedAt) {
			t.Errorf("second check-in the same day = %+v, want the first replaced", second)
		}
		if n := db.Count(t, "checkins"); n != 1 {
			t.Errorf("%d check-ins, want 1", n)
		}
		events, _, err := db.ListAudit(s.admin, kinship.AuditFilter{Action: kinship.ActionCheckInRecord})
		if err != nil || len(events) != 2 {
			t.Fatalf("audit: %d events, %v", len(events), err)
		}
		for _, e := range events {
			if e.Actor != "client" || strings.Contains(e.Detail, "Payday") || strings.Contains(e.Detail, "hard") {
				t.Errorf("audit event %+v", e)
			}
		}
	})
}

func TestMyCheckInsAndStreak(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		s := setUpSignals(t, db)
		riverID, alexID := s.admit(t, db, "River", s.samID, true), s.admit(t, db, "Alex", s.samID, true)
		river, alex := storetest.AsClient(riverID), storetest.AsClient(alexID)
		for _, day := range []string{"2026-11-18", "2026-11-20", "2026-11-21", "2026-11-22"} {
			record(t, db, riverID, day, 3, 3, kinship.UsedNo)
		}
		if _, err := db.RecordCheckIn(alex, kinship.CheckInInput{Craving: ptr(1), Mood: ptr(5), Used: kinship.UsedNo,
			Triggers: []string{"Alex's own trigger"}}); err != nil {
			t.Fatal(err)
		}
		mine, err := db.MyCheckIns(river, kinship.Date{}, kinship.Date{})
		if err != nil || len(mine) != 4 || mine[0].Day != d("2026-11-22") || mine[3].Day != d("2026-11-18") {
			t.Fatalf("River's check-ins = %v, %v; want 4, newest first", mine, err)
		}
		for _, c := range mine {
			if c.ClientID != riverID {
				t.Errorf("River sees check-in %+v", c)
			}
		}
		if got, _ := db.MyCheckIns(alex, kinship.Date{}, kinship.Date{}); len(got) != 1 || got[0].ClientID != alexID {
			t.Errorf("Alex's check-ins = %v", got)
		}
		if got, _ := db.MyCheckIns(river, d("2026-11-20"), d("2026-11-21")); len(got) != 2 {
			t.Errorf("20–21 November: %d check-ins, want 2", len(got))
		}
		if _, err := db.MyCheckIns(river, d("2026-11-22"), d("2026-11-21")); kinship.ErrorFields(err)["from"] == "" {
			t.Errorf("from after to: %v", err)
		}

		sum, err := db.MyCheckInSummary(river)
		if err != nil || sum.Streak != 3 || sum.TodayCheckIn != nil || sum.Today != d("2026-11-23") {
			t.Fatalf("summary before today's check-in = %+v, %v; want a streak of 3 up to yesterday", sum, err)
		}
		if slices.Contains(sum.Triggers, "Alex's own trigger") || sum.Triggers[0] != kinship.CommonTriggers[0] {
			t.Errorf("River's trigger chips = %v", sum.Triggers)
		}
		if _, err := db.RecordCheckIn(river, kinship.CheckInInput{Craving: ptr(2), Mood: ptr(4), Used: kinship.UsedNo,
			Triggers: []string{"Payday"}, Skills: []kinship.SkillUse{{Name: "Call Maya", Helped: true}}}); err != nil {
			t.Fatal(err)
		}
		sum, _ = db.MyCheckInSummary(river)
		if sum.Streak != 4 || sum.TodayCheckIn == nil || sum.Triggers[0] != "Payday" || sum.Skills[0] != "Call Maya" ||
			len(sum.Triggers) != 12 {
			t.Errorf("summary after today's check-in = %+v", sum)
		}
		if _, err := db.MyCheckInSummary(s.sam); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
			t.Errorf("staff reading a client's summary: %v", err)
		}
	})
}

func TestStreak(t *testing.T) {
	today := d("2026-11-23")
	for _, tt := range []struct {
		name string
		days []string
		want int
	}{
		{"none", nil, 0},
		{"today only", []string{"2026-11-23"}, 1},
		{"up to yesterday", []string{"2026-11-22", "2026-11-21"}, 2},
		{"broken the day before yesterday", []string{"2026-11-21", "2026-11-20"}, 0},
		{"a gap ends it", []string{"2026-11-23", "2026-11-22", "2026-11-20"}, 2},
	} {
		var days []kinship.Date
		for _, s := range tt.days {
			days = append(days, d(s))
		}
		if got := kinship.Streak(days, today); got != tt.want {
			t.Errorf("%s: streak %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestStaffReadCheckIns(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		s := setUpSignals(t, db)
		river := s.admit(t, db, "River", s.samID, true)
		record(t, db, river, "2026-11-23", 4, 3, kinship.UsedNo)
		if got, err := db.CheckIns(s.sam, river, kinship.Date{}, kinship.Date{}); err != nil || len(got) != 1 {
			t.Errorf("Sam reads River's check-ins: %v, %v", got, err)
		}
		jordan, _ := db.AddStaff(t, kinship.RoleClinician, "jordan@example.org")
		frontDesk, _ := db.AddStaff(t, kinship.RoleFrontDesk, "desk@example.org")
		for name, ctx := range map[string]context.Context{"another clinician": jordan, "front desk": frontDesk, "the client": storetest.AsClient(river)} {
			if _, err := db.CheckIns(ctx, river, kinship.Date{}, kinship.Date{}); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
				t.Errorf("%s reads River's check-ins: %v, want forbidden", name, err)
			}
		}
		if events, _, _ := db.ListAudit(s.admin, kinship.AuditFilter{Action: kinship.ActionCheckInRead}); len(events) == 0 {
			t.Error("staff read not audited")
		}
	})
}

func TestCaseloadFlags(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		s := setUpSignals(t, db)
		absent := func(client int64, status string, days ...string) {
			for _, day := range days {
				sessions, err := db.Sessions(s.admin, d(day), d(day))
				if err != nil || len(sessions) != 1 {
					t.Fatalf("sessions on %s: %v, %v", day, sessions, err)
				}
				if _, err := db.RecordAttendance(s.admin, sessions[0].ID, []kinship.AttendanceMark{{ClientID: client, Status: status}}); err != nil {
					t.Fatal(err)
				}
			}
		}
		// Each case is a client of its own; today is Monday 23 November.
		for _, tt := range []struct {
			name    string
			account bool
			facts   func(client int64)
			want    []string
		}{
			{"craving at the threshold", false, func(c int64) { record(t, db, c, "2026-11-23", 8, 3, kinship.UsedNo) }, []string{kinship.FlagCraving}},
			{"craving below it", false, func(c int64) { record(t, db, c, "2026-11-23", 7, 3, kinship.UsedNo) }, []string{}},
			{"only the latest craving counts", false, func(c int64) {
				record(t, db, c, "2026-11-22", 9, 3, kinship.UsedNo)
				record(t, db, c, "2026-11-23", 3, 3, kinship.UsedNo)
			}, []string{}},
			{"use reported 6 days ago", false, func(c int64) { record(t, db, c, "2026-11-17", 2, 3, kinship.UsedYes) }, []string{kinship.FlagUse}},
			{"use reported 7 days ago", false, func(c int64) { record(t, db, c, "2026-11-16", 2, 3, kinship.UsedYes) }, []string{}},
			{"rather not say", false, func(c int64) { record(t, db, c, "2026-11-23", 2, 3, kinship.UsedPreferNotToSay) }, []string{}},
			{"mood down by 2 over a week", false, func(c int64) {
				for _, day := range []string{"2026-11-14", "2026-11-16"} {
					record(t, db, c, day, 2, 4, kinship.UsedNo)
				}
				record(t, db, c, "2026-11-21", 2, 2, kinship.UsedNo)
				record(t, db, c, "2026-11-23", 2, 2, kinship.UsedNo)
			}, []string{kinship.FlagMoodDrop}},
			{"mood down by 1.5", false, func(c int64) {
				record(t, db, c, "2026-11-15", 2, 4, kinship.UsedNo)
				record(t, db, c, "2026-11-22", 2, 3, kinship.UsedNo)
				record(t, db, c, "2026-11-23", 2, 2, kinship.UsedNo)
			}, []string{}},
			{"mood with nothing a week before", false, func(c int64) { record(t, db, c, "2026-11-23", 2, 1, kinship.UsedNo) }, []string{}},
			{"3 whole days without a check-in", true, func(c int64) { record(t, db, c, "2026-11-19", 2, 3, kinship.UsedNo) }, []string{kinship.FlagNoCheckIn}},
			{"2 whole days without a check-in", true, func(c int64) { record(t, db, c, "2026-11-20", 2, 3, kinship.UsedNo) }, []string{}},
			{"never checked in", true, func(int64) {}, []string{kinship.FlagNoCheckIn}},
			{"no portal account", false, func(int64) {}, []string{}},
			{"2 sessions missed in 14 days", false, func(c int64) { absent(c, "unexcused", "2026-11-10", "2026-11-20") }, []string{kinship.FlagMissed}},
			{"one missed 14 days ago", false, func(c int64) { absent(c, "unexcused", "2026-11-09", "2026-11-20") }, []string{}},
			{"an excused absence", false, func(c int64) {
				absent(c, "excused", "2026-11-19")
				absent(c, "unexcused", "2026-11-20")
			}, []string{}},
		} {
			t.Run(tt.name, func(t *testing.T) {
				c := s.admit(t, db, tt.name, s.samID, tt.account)
				tt.facts(c)
				if got := flagsOf(t, db, s.sam, c); !slices.Equal(got, tt.want) {
					t.Errorf("flags %v, want %v", got, tt.want)
				}
			})
		}
	})
}

func TestAcknowledgeFlag(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		s := setUpSignals(t, db)
		river := s.admit(t, db, "River", s.samID, true)
		record(t, db, river, "2026-11-23", 9, 3, kinship.UsedNo)
		jordan, jordanStaff := db.AddStaff(t, kinship.RoleClinician, "jordan@example.org")
		frontDesk, _ := db.AddStaff(t, kinship.RoleFrontDesk, "desk@example.org")
		for _, tt := range []struct {
			name       string
			ctx        context.Context
			flag, note string
			code       string
		}{
			{"no note", s.sam, kinship.FlagCraving, " ", kinship.EINVALID},
			{"unknown flag", s.sam, "tired", "Called them", kinship.EINVALID},
			{"a flag not raised", s.sam, kinship.FlagUse, "Called them", kinship.ECONFLICT},
			{"not on the caseload", jordan, kinship.FlagCraving, "Called them", kinship.EFORBIDDEN},
			{"front desk", frontDesk, kinship.FlagCraving, "Called them", kinship.EFORBIDDEN},
		} {
			if err := db.AcknowledgeFlag(tt.ctx, river, tt.flag, tt.note); kinship.ErrorCode(err) != tt.code {
				t.Errorf("%s: %v, want %s", tt.name, err, tt.code)
			}
		}
		if n := db.Count(t, "caseload_flag_acks"); n != 0 {
			t.Fatalf("%d acknowledgements after refusals", n)
		}
		if err := db.AcknowledgeFlag(s.sam, river, kinship.FlagCraving, "Called River; we went over the urge-surfing plan."); err != nil {
			t.Fatal(err)
		}
		if got := flagsOf(t, db, s.sam, river); len(got) != 0 {
			t.Errorf("flags after acknowledging: %v", got)
		}
		events, _, _ := db.ListAudit(s.admin, kinship.AuditFilter{Action: kinship.ActionFlagAcknowledge})
		if len(events) != 1 || events[0].Detail != "flag craving" {
			t.Errorf("audit: %+v", events)
		}
		// Newer data raises it again.
		db.Clock.T = db.Clock.T.Add(time.Hour)
		record(t, db, river, "2026-11-23", 9, 3, kinship.UsedNo)
		if got := flagsOf(t, db, s.sam, river); !slices.Equal(got, []string{kinship.FlagCraving}) {
			t.Errorf("flags after a newer check-in: %v", got)
		}

		// Days without a check-in: quiet while the same gap goes on, raised
		// again by a new one.
		kai := s.admit(t, db, "Kai", s.samID, true)
		record(t, db, kai, "2026-11-19", 2, 3, kinship.UsedNo)
		if err := db.AcknowledgeFlag(s.sam, kai, kinship.FlagNoCheckIn, "Texted Kai"); err != nil {
			t.Fatal(err)
		}
		db.Clock.T = db.Clock.T.Add(48 * time.Hour) // Wednesday 25 November
		if got := flagsOf(t, db, s.sam, kai); len(got) != 0 {
			t.Errorf("flags while the acknowledged gap goes on: %v", got)
		}
		record(t, db, kai, "2026-11-25", 2, 3, kinship.UsedNo)
		db.Clock.T = db.Clock.T.Add(96 * time.Hour) // Sunday 29 November
		if got := flagsOf(t, db, s.sam, kai); !slices.Equal(got, []string{kinship.FlagNoCheckIn}) {
			t.Errorf("flags after a new gap: %v", got)
		}

		// Sam sees Sam's clients; a supervisor sees everyone's.
		theo := s.admit(t, db, "Theo", jordanStaff.ID, false)
		list, _ := db.Caseload(s.sam)
		if len(list) != 2 || slices.ContainsFunc(list, func(c *kinship.CaseloadClient) bool { return c.ClientID == theo }) {
			t.Errorf("Sam's caseload has %d clients, want River and Kai", len(list))
		}
		supervisor, _ := db.AddStaff(t, kinship.RoleSupervisor, "priya@example.org")
		if list, _ := db.Caseload(supervisor); len(list) != 3 || list[2].ClientID != theo {
			t.Errorf("supervisor's caseload = %d clients, want 3, flagged first", len(list))
		}
		if _, err := db.Caseload(frontDesk); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
			t.Errorf("front desk caseload: %v", err)
		}
	})
}

func TestSignalSettings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		s := setUpSignals(t, db)
		got, err := db.SignalSettings(s.sam)
		if err != nil || len(got) != 1 || got[0].ProgramID != s.program.ID || got[0].CravingAtLeast != 8 || got[0].NoCheckInDays != 3 ||
			got[0].MoodDrop != 2 || got[0].MissedSessions != 2 {
			t.Fatalf("defaults = %+v, %v", got, err)
		}
		set := kinship.SignalSettings{ProgramID: s.program.ID, CravingAtLeast: 9, NoCheckInDays: 5, MoodDrop: 3, MissedSessions: 3}
		if _, err := db.SetSignalSettings(s.sam, set); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
			t.Errorf("clinician changing thresholds: %v", err)
		}
		bad := set
		bad.CravingAtLeast, bad.NoCheckInDays, bad.MoodDrop, bad.MissedSessions = 11, 0, 5, 11
		_, err = db.SetSignalSettings(s.admin, bad)
		if f := kinship.ErrorFields(err); len(f) != 4 || f["craving_at_least"] != "The craving threshold is a number from 1 to 10." {
			t.Errorf("bad thresholds: %v", f)
		}
		unknown := set
		unknown.ProgramID = 999
		if _, err := db.SetSignalSettings(s.admin, unknown); kinship.ErrorCode(err) != kinship.ENOTFOUND {
			t.Errorf("unknown program: %v", err)
		}
		if n := db.Count(t, "caseload_signal_settings"); n != 0 {
			t.Fatalf("%d settings after refusals", n)
		}
		river := s.admit(t, db, "River", s.samID, false)
		record(t, db, river, "2026-11-23", 8, 3, kinship.UsedNo)
		if saved, err := db.SetSignalSettings(s.admin, set); err != nil || saved.ProgramName != "Mornings IOP" {
			t.Fatalf("save thresholds: %+v, %v", saved, err)
		}
		if got := flagsOf(t, db, s.sam, river); len(got) != 0 {
			t.Errorf("craving 8 under a threshold of 9 raised %v", got)
		}
		record(t, db, river, "2026-11-23", 9, 3, kinship.UsedNo)
		if got := flagsOf(t, db, s.sam, river); !slices.Equal(got, []string{kinship.FlagCraving}) {
			t.Errorf("craving 9 under a threshold of 9 raised %v", got)
		}
		set.ProgramName = "Mornings IOP"
		if got, _ := db.SignalSettings(s.sam); *got[0] != set {
			t.Errorf("saved thresholds = %+v, want %+v", got[0], set)
		}
	})
}

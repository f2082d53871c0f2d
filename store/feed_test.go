package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"kinship"
	"kinship/auth"
	"kinship/store/storetest"
)

// feedFixture is the Mornings track plus an evening extra group that a
// clinician facilitates, River enrolled in the track Monday to Wednesday
// of the week of 16 November and in the evening group from Thursday, and
// one-off sessions on Saturday the 21st for River and for Alex.
type feedFixture struct {
	mornings
	evening     *kinship.Series
	clin        *kinship.Staff
	clinCtx     context.Context
	river, alex *kinship.Client
}

func setUpFeeds(t *testing.T, db *storetest.DB) feedFixture {
	t.Helper()
	f := feedFixture{mornings: setUpMornings(t, db, d("2026-11-16"))}
	sys := kinship.SystemContext(t.Context())
	f.clinCtx, f.clin = db.AddStaff(t, kinship.RoleClinician, "clin@example.org")
	rooms, _ := db.Rooms(sys)
	types, _ := db.SessionTypes(sys)
	var err error
	f.evening, err = db.CreateSeries(sys, kinship.SeriesFields{ProgramID: f.program.ID, TypeID: types[0].ID, Title: "Evening relapse prevention",
		FacilitatorID: f.clin.ID, RoomID: rooms[0].ID, Days: []time.Weekday{time.Tuesday, time.Thursday}, Start: "18:00", End: "19:30",
		From: d("2026-11-16")})
	if err != nil {
		t.Fatal(err)
	}
	if f.river, err = db.CreateClient(sys, kinship.ClientFields{NameToUse: "River"}); err != nil {
		t.Fatal(err)
	}
	if f.alex, err = db.CreateClient(sys, kinship.ClientFields{NameToUse: "Alex"}); err != nil {
		t.Fatal(err)
	}
	db.MustAdmit(t, f.river.ID, f.program.ID, f.clin.ID, d("2026-11-16"))
	db.MustAdmit(t, f.alex.ID, f.program.ID, f.clin.ID, d("2026-11-16"))
	e, err := db.Enroll(sys, kinship.Enrollment{ClientID: f.river.ID, TrackID: f.track.ID, Start: d("2026-11-16")})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.EndEnrollment(sys, e.ID, d("2026-11-18")); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Enroll(sys, kinship.Enrollment{ClientID: f.river.ID, SeriesID: f.evening.ID, Start: d("2026-11-19")}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Enroll(sys, kinship.Enrollment{ClientID: f.alex.ID, TrackID: f.track.ID, Start: d("2026-11-16")}); err != nil {
		t.Fatal(err)
	}
	addOneOff(t, db, f.program.ID, rooms[0].ID, f.river.ID, "2026-11-21", "18:00")
	addOneOff(t, db, f.program.ID, rooms[0].ID, f.alex.ID, "2026-11-21", "19:00")
	return f
}

// addOneOff adds an hour-long individual session (no store method makes
// them yet) on day at hh:mm UTC.
func addOneOff(t *testing.T, db *storetest.DB, programID, roomID, clientID int64, day, at string) {
	t.Helper()
	start, _ := time.Parse("2006-01-02 15:04", day+" "+at)
	ts := func(t time.Time) string { return t.Format("2006-01-02 15:04:05-07:00") }
	if _, err := db.Raw.Exec(fmt.Sprintf(`INSERT INTO sessions (program_id, type_id, title, on_date, starts_at, ends_at, room_id, client_id, created_at)
		VALUES (%d, (SELECT MIN(id) FROM session_types), 'Individual counseling', '%s', '%s', '%s', %d, %d, '%s')`,
		programID, day, ts(start), ts(start.Add(time.Hour)), roomID, clientID, ts(start))); err != nil {
		t.Fatal(err)
	}
}

func sessionDays(sessions []*kinship.Session) string {
	var out []string
	for _, s := range sessions {
		out = append(out, s.Date.String()[5:]+" "+s.Title)
	}
	return strings.Join(out, "; ")
}

func TestFeedSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := setUpFeeds(t, db)
		sys := kinship.SystemContext(t.Context())
		anon := context.Background()

		staffToken, err := db.CreateFeed(f.clinCtx, f.clin.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		clientToken, err := db.CreateFeed(sys, 0, f.river.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, tok := range []string{staffToken, clientToken} {
			if !strings.HasPrefix(tok, "cal_") || len(tok) != 47 {
				t.Errorf("token %q, want cal_ and 43 characters", tok)
			}
		}

		t.Run("StoresOnlyTheHash", func(t *testing.T) {
			rows, err := db.Raw.Query("SELECT token_hash FROM calendar_feeds")
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			want := map[string]bool{auth.HashToken(staffToken): true, auth.HashToken(clientToken): true}
			for rows.Next() {
				var h string
				rows.Scan(&h)
				if !want[h] {
					t.Errorf("stored %q, not the hash of a token", h)
				}
				delete(want, h)
			}
			if len(want) != 0 {
				t.Errorf("hashes not stored: %v", want)
			}
		})

		t.Run("Staff", func(t *testing.T) {
			owner, sessions, err := db.FeedSessions(anon, staffToken, d("2026-11-16"), d("2026-11-29"))
			if err != nil {
				t.Fatal(err)
			}
			if owner != "staff" {
				t.Errorf("owner = %q", owner)
			}
			if got, want := sessionDays(sessions), "11-17 Evening relapse prevention; 11-19 Evening relapse prevention; "+
				"11-24 Evening relapse prevention; 11-26 Evening relapse prevention"; got != want {
				t.Errorf("sessions = %s\nwant %s", got, want)
			}
			// Weeks not yet laid out are laid out on demand.
			_, later, err := db.FeedSessions(anon, staffToken, d("2027-03-01"), d("2027-03-07"))
			if err != nil || sessionDays(later) != "03-02 Evening relapse prevention; 03-04 Evening relapse prevention" {
				t.Errorf("March 2027: %s, %v", sessionDays(later), err)
			}
		})

		t.Run("ClientOnlyWhileEnrolled", func(t *testing.T) {
			week, _ := db.Sessions(sys, d("2026-11-16"), d("2026-11-22"))
			for _, s := range week {
				if s.Date == d("2026-11-17") && s.SeriesID == f.series.ID {
					if err := db.CancelSession(sys, s.ID); err != nil {
						t.Fatal(err)
					}
				}
			}
			owner, sessions, err := db.FeedSessions(anon, clientToken, d("2026-11-16"), d("2026-11-22"))
			if err != nil {
				t.Fatal(err)
			}
			if owner != "client" {
				t.Errorf("owner = %q", owner)
			}
			want := "11-16 Morning group; 11-17 Morning group; 11-18 Morning group; 11-19 Evening relapse prevention; 11-21 Individual counseling"
			if got := sessionDays(sessions); got != want {
				t.Errorf("sessions = %s\nwant %s", got, want)
			}
			for _, s := range sessions {
				if s.ClientID != 0 && s.ClientID != f.river.ID {
					t.Errorf("another client's session %d in River's feed", s.ID)
				}
				if s.ClientID == f.river.ID && !s.Start.Equal(time.Date(2026, 11, 21, 18, 0, 0, 0, time.UTC)) {
					t.Errorf("one-off starts %v", s.Start)
				}
				if got, want := s.Cancelled, s.Date == d("2026-11-17"); got != want {
					t.Errorf("%s cancelled = %v, want %v", s.Date, got, want)
				}
			}
		})

		t.Run("ReadsAreAudited", func(t *testing.T) {
			var reads int
			db.EachAuditEvent(sys, func(e *kinship.AuditEvent) error {
				if e.Action == "calendar_feed.read" {
					reads++
					if e.Actor != "system" || e.Detail != "feed" || (e.ResourceType != "staff" && e.ResourceType != "client") {
						t.Errorf("read event %+v", e)
					}
				}
				return nil
			})
			if reads != 3 {
				t.Errorf("feed reads audited = %d, want 3", reads)
			}
		})

		t.Run("Revoke", func(t *testing.T) {
			second, err := db.CreateFeed(sys, 0, f.river.ID)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.RevokeFeed(sys, 0, f.river.ID); err != nil {
				t.Fatal(err)
			}
			for _, tok := range []string{clientToken, second} {
				if _, _, err := db.FeedSessions(anon, tok, d("2026-11-16"), d("2026-11-22")); kinship.ErrorCode(err) != kinship.ENOTFOUND {
					t.Errorf("revoked client feed: %v", err)
				}
			}
			if _, _, err := db.FeedSessions(anon, staffToken, d("2026-11-16"), d("2026-11-22")); err != nil {
				t.Errorf("the staff feed went with the client's: %v", err)
			}
			if err := db.RevokeFeed(f.clinCtx, f.clin.ID, 0); err != nil {
				t.Fatal(err)
			}
			if _, _, err := db.FeedSessions(anon, staffToken, d("2026-11-16"), d("2026-11-22")); kinship.ErrorCode(err) != kinship.ENOTFOUND {
				t.Errorf("revoked staff feed: %v", err)
			}
			if err := db.RevokeFeed(f.clinCtx, f.clin.ID, 0); err != nil {
				t.Errorf("revoking again: %v", err)
			}
		})

		t.Run("UnknownTokens", func(t *testing.T) {
			guess, _, _ := auth.NewToken("cal_")
			for _, tok := range []string{guess, "", "cal_", "nope", strings.ToUpper(staffToken), auth.HashToken(clientToken)} {
				if _, _, err := db.FeedSessions(anon, tok, d("2026-11-16"), d("2026-11-22")); kinship.ErrorCode(err) != kinship.ENOTFOUND {
					t.Errorf("token %q: %v, want not found", tok, err)
				}
			}
		})
	})
}

func TestFeedPermissions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		f := setUpFeeds(t, db)
		sys := kinship.SystemContext(t.Context())
		_, other := db.AddStaff(t, kinship.RoleClinician, "other@example.org")
		peerCtx, _ := db.AddStaff(t, kinship.RolePeerSupport, "peer@example.org")
		before := db.Count(t, "calendar_feeds")

		if _, err := db.CreateFeed(f.clinCtx, other.ID, 0); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
			t.Errorf("a clinician creating another member's feed: %v", err)
		}
		if err := db.RevokeFeed(f.clinCtx, other.ID, 0); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
			t.Errorf("a clinician revoking another member's feed: %v", err)
		}
		if _, err := db.CreateFeed(context.Background(), f.clin.ID, 0); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
			t.Errorf("anonymous: %v", err)
		}
		// Peer support sees only their caseload; River is not on it.
		if _, err := db.CreateFeed(peerCtx, 0, f.river.ID); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
			t.Errorf("peer support creating a feed for a client off their caseload: %v", err)
		}
		if _, err := db.CreateFeed(sys, 0, 9999); kinship.ErrorCode(err) != kinship.ENOTFOUND {
			t.Errorf("unknown client: %v", err)
		}
		for _, ids := range [][2]int64{{0, 0}, {f.clin.ID, f.river.ID}} {
			if _, err := db.CreateFeed(sys, ids[0], ids[1]); kinship.ErrorCode(err) != kinship.EINVALID {
				t.Errorf("ids %v: %v, want invalid", ids, err)
			}
		}
		if n := db.Count(t, "calendar_feeds"); n != before {
			t.Errorf("feeds = %d after refusals, want %d", n, before)
		}

		// A deactivated member's feed stops, and they get no new one.
		otherCtx := storetest.As(other)
		tok, err := db.CreateFeed(otherCtx, other.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		off := false
		if _, err := db.UpdateStaff(sys, other.ID, kinship.StaffUpdate{Active: &off}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.FeedSessions(context.Background(), tok, d("2026-11-16"), d("2026-11-22")); kinship.ErrorCode(err) != kinship.ENOTFOUND {
			t.Errorf("deactivated member's feed: %v", err)
		}
		if _, err := db.CreateFeed(otherCtx, other.ID, 0); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("feed for a deactivated member: %v", err)
		}

		var creates, revokes int
		db.EachAuditEvent(sys, func(e *kinship.AuditEvent) error {
			switch e.Action {
			case "calendar_feed.create":
				creates++
			case "calendar_feed.revoke":
				revokes++
			}
			return nil
		})
		if creates != 1 || revokes != 0 {
			t.Errorf("audited %d creates and %d revokes, want 1 and 0", creates, revokes)
		}
	})
}

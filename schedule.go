package kinship

import (
	"context"
	"strings"
	"time"
)

// SessionType is a kind of session: group therapy, yoga, a drug screen.
type SessionType struct {
	ID   int64
	Name string
	Kind SessionKind
}

// SessionKind groups session types for rules: individual sessions are
// booked one to one; the rest meet as groups.
type SessionKind string

// Session kinds.
const (
	KindGroup      SessionKind = "group"
	KindIndividual SessionKind = "individual"
	KindLifeSkills SessionKind = "life_skills"
	KindHolistic   SessionKind = "holistic"
	KindSupport    SessionKind = "support_group"
	KindFamily     SessionKind = "family"
	KindDrugScreen SessionKind = "drug_screen"
)

// Room is a place sessions meet, or a telehealth link.
type Room struct {
	ID            int64
	SiteID        int64
	Name          string
	Capacity      int
	TelehealthURL string
}

// Series is a session that repeats weekly, such as Monday–Friday group
// therapy 09:00–10:30 in the Mornings track. Clients enrolled in its track
// attend it; a series with no track is an extra group clients enrol in on
// its own.
type Series struct {
	ID            int64
	ProgramID     int64
	TrackID       int64 // 0 for an extra group
	TypeID        int64
	TypeName      string
	Title         string
	FacilitatorID int64
	RoomID        int64
	Days          []time.Weekday
	Start, End    ClockTime
	From, Until   Date // Until zero: open-ended
	Capacity      int  // 0: the room's capacity
}

// SeriesFields is what it takes to create a series.
type SeriesFields struct {
	ProgramID     int64          `json:"program_id"`
	TrackID       int64          `json:"track_id"`
	TypeID        int64          `json:"type_id"`
	Title         string         `json:"title"`
	FacilitatorID int64          `json:"facilitator_id"`
	RoomID        int64          `json:"room_id"`
	Days          []time.Weekday `json:"-"`
	Start         string         `json:"start"`
	End           string         `json:"end"`
	From          Date           `json:"from"`
	Until         Date           `json:"until"`
	Capacity      int            `json:"capacity"`
}

// Validate checks what needs no database and returns the parsed times.
func (f *SeriesFields) Validate() (start, end ClockTime, err error) {
	f.Title = strings.TrimSpace(f.Title)
	t := TrackCreate{Name: "-", Days: f.Days, Start: f.Start, End: f.End}
	start, end, terr := t.Validate()
	errs := FieldErrors{}
	for k, v := range ErrorFields(terr) {
		errs.Add(k, v)
	}
	if f.ProgramID == 0 {
		errs.Add("program_id", "Choose the program.")
	}
	if f.TypeID == 0 {
		errs.Add("type_id", "Choose the kind of session.")
	}
	if msg := NameProblem("Title", f.Title); msg != "" {
		errs.Add("title", msg)
	}
	if f.From.IsZero() {
		errs.Add("from", "Give the first date.")
	}
	if !f.Until.IsZero() && f.Until.Before(f.From) {
		errs.Add("until", "The last date is before the first.")
	}
	if f.Capacity < 0 {
		errs.Add("capacity", "Capacity cannot be negative.")
	}
	return start, end, errs.Err()
}

// Session is one meeting: an occurrence of a series, or a one-off
// individual session with one client. Times are absolute; Date is the
// local date at the site.
type Session struct {
	ID            int64
	SeriesID      int64 // 0 for a one-off
	ProgramID     int64
	TrackID       int64
	TypeName      string
	Title         string
	Date          Date
	Start, End    time.Time
	FacilitatorID int64
	Facilitator   string
	RoomID        int64
	Room          string
	ClientID      int64 // the client of an individual session
	Cancelled     bool
	Moved         bool
	Capacity      int
}

// Minutes is the session's length in real minutes.
func (s *Session) Minutes() int { return int(s.End.Sub(s.Start) / time.Minute) }

// Enrollment puts a client in a track, or in an extra group (a series),
// from Start until End (inclusive; zero: still enrolled).
type Enrollment struct {
	ID       int64
	ClientID int64
	TrackID  int64
	SeriesID int64
	Start    Date
	End      Date
}

// Active reports whether the enrollment covers day.
func (e *Enrollment) Active(day Date) bool {
	return !day.Before(e.Start) && (e.End.IsZero() || !e.End.Before(day))
}

// RosterEntry is one client expected at a session, with their attendance
// if it has been taken.
type RosterEntry struct {
	ClientID   int64
	NameToUse  string
	Pronouns   string
	Attendance *Attendance
}

// Attendance is how a client attended a session and the minutes credited.
// An override replaces the derived credit, with a reason.
type Attendance struct {
	SessionID      int64
	ClientID       int64
	Status         string // present, late, left_early, telehealth, excused, unexcused
	Minutes        int    // minutes late or left early
	Credited       int
	OverrideReason string
	RecordedAt     time.Time
	RecordedBy     string
}

// AttendanceMark is one client's status as staff record it.
type AttendanceMark struct {
	ClientID int64  `json:"client_id"`
	Status   string `json:"status"`
	Minutes  int    `json:"minutes"`
	// Override, when set, replaces the derived credit; it needs a reason.
	Override       *int   `json:"override_minutes"`
	OverrideReason string `json:"override_reason"`
}

// ScheduleService keeps the program calendar.
type ScheduleService interface {
	SessionTypes(ctx context.Context) ([]*SessionType, error)
	Rooms(ctx context.Context) ([]*Room, error)
	CreateRoom(ctx context.Context, r Room) (*Room, error)
	// CreateSeries adds a weekly session and lays out its meetings.
	CreateSeries(ctx context.Context, f SeriesFields) (*Series, error)
	// Sessions lists the meetings between two dates (inclusive) at the
	// site, laying out any not yet laid out.
	Sessions(ctx context.Context, from, to Date) ([]*Session, error)
	Session(ctx context.Context, id int64) (*Session, error)
	// CloseSite cancels every session on a date, such as a holiday.
	CloseSite(ctx context.Context, siteID int64, on Date, reason string) error
	// CancelSession cancels one meeting.
	CancelSession(ctx context.Context, id int64) error
	// Enroll puts a client in a track or an extra group from a date.
	Enroll(ctx context.Context, e Enrollment) (*Enrollment, error)
	// EndEnrollment ends an enrollment on a date (discharge, transfer).
	EndEnrollment(ctx context.Context, id int64, on Date) error
	// Roster lists the clients expected at a session: those enrolled on
	// its date in its track or group, or the client of an individual session.
	Roster(ctx context.Context, sessionID int64) ([]*RosterEntry, error)
	// RecordAttendance records statuses for clients on the roster. EINVALID
	// for a client not on the roster or a bad status; nothing is stored
	// unless every mark is valid. A change after the session's day keeps
	// the earlier value in the history.
	RecordAttendance(ctx context.Context, sessionID int64, marks []AttendanceMark) ([]*Attendance, error)
}

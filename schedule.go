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

// SessionKinds lists the kinds, in the order forms offer them.
var SessionKinds = []SessionKind{KindGroup, KindIndividual, KindLifeSkills, KindHolistic, KindSupport, KindFamily, KindDrugScreen, KindAssessment}

// Session kinds.
const (
	KindGroup      SessionKind = "group"
	KindIndividual SessionKind = "individual"
	KindLifeSkills SessionKind = "life_skills"
	KindHolistic   SessionKind = "holistic"
	KindSupport    SessionKind = "support_group"
	KindFamily     SessionKind = "family"
	KindDrugScreen SessionKind = "drug_screen"
	// KindAssessment is an intake assessment, booked for an inquiry.
	KindAssessment SessionKind = "assessment"
)

var sessionKindLabels = map[SessionKind]string{
	KindGroup: "Group therapy", KindIndividual: "Individual session", KindLifeSkills: "Life skills",
	KindHolistic: "Holistic (yoga, meditation, art)", KindSupport: "Support group", KindFamily: "Family session",
	KindDrugScreen: "Drug screen", KindAssessment: "Intake assessment",
}

// Label is the kind in words.
func (k SessionKind) Label() string { return sessionKindLabels[k] }

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
	InquiryID     int64 // the inquiry of an intake assessment
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
	Name     string // the track's or group's
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
	Changes    []*AttendanceChange // earlier marks replaced, oldest first
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

// AttendanceChange is one recorded mark replaced by another, so a
// correction never hides what was recorded: To.RecordedBy made the change,
// at To.RecordedAt.
type AttendanceChange struct {
	From, To *Attendance
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
	// SetMinimums sets a program's weekly minimum minutes for adults and
	// adolescents. EINVALID outside 60–2400 minutes.
	SetMinimums(ctx context.Context, programID int64, adult, adolescent int) error
	// Facilitators lists the active staff who can lead a session, by name.
	Facilitators(ctx context.Context) ([]*Staff, error)
	// ListSeries lists every weekly session, by title.
	ListSeries(ctx context.Context) ([]*Series, error)
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
	// MoveSession moves one meeting to another date and time (same length
	// unless end is given). EINVALID for an end before the start.
	MoveSession(ctx context.Context, id int64, on Date, start, end string) error
	// SubstituteFacilitator puts another staff member in charge of one meeting.
	SubstituteFacilitator(ctx context.Context, id, staffID int64) error
	// CreateSessionType adds a kind of session. ECONFLICT if the name is taken.
	CreateSessionType(ctx context.Context, name string, kind SessionKind) (*SessionType, error)
	// Enroll puts a client in a track or an extra group from a date.
	Enroll(ctx context.Context, e Enrollment) (*Enrollment, error)
	// Enrollments lists a client's enrollments, newest first, with the
	// names of their tracks or groups.
	Enrollments(ctx context.Context, clientID int64) ([]*Enrollment, error)
	// EndEnrollment ends an enrollment on a date (discharge, transfer).
	EndEnrollment(ctx context.Context, id int64, on Date) error
	// Roster lists the clients expected at a session: those enrolled on
	// its date in its track or group, or the client of an individual session.
	Roster(ctx context.Context, sessionID int64) ([]*RosterEntry, error)
	// RecordAttendance records statuses for clients on the roster. EINVALID
	// for a client not on the roster or a bad status; nothing is stored
	// unless every mark is valid. Every change of a recorded mark keeps
	// the earlier one in the history.
	RecordAttendance(ctx context.Context, sessionID int64, marks []AttendanceMark) ([]*Attendance, error)
	// MarkAllPresent marks present the clients on the roster with no mark
	// yet, and never changes a recorded mark: marked is how many it
	// marked, kept how many already had one.
	MarkAllPresent(ctx context.Context, sessionID int64) (marked, kept int, err error)
}

// Window is a weekly span of time: when a client can come, or when a
// counselor works.
type Window struct {
	Day        time.Weekday
	Start, End ClockTime
}

// ParseWindows reads windows written like "mon 13:00-17:00", one per
// entry, naming field in errors.
func ParseWindows(field string, lines []string) ([]Window, error) {
	var out []Window
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		bad := &Error{Code: EINVALID, Message: "“" + l + "” is not a window like mon 13:00-17:00.", Fields: map[string]string{field: "Write each window like mon 13:00-17:00."}}
		day, span, ok := strings.Cut(l, " ")
		from, to, ok2 := strings.Cut(strings.TrimSpace(span), "-")
		if !ok || !ok2 {
			return nil, bad
		}
		days, err := ParseDays([]string{day})
		if err != nil {
			return nil, bad
		}
		start, err1 := ParseClockTime(from)
		end, err2 := ParseClockTime(to)
		if err1 != nil || err2 != nil || end <= start {
			return nil, bad
		}
		out = append(out, Window{days[0], start, end})
	}
	return out, nil
}

// String writes the window as "mon 13:00-17:00".
func (w Window) String() string {
	return DayCode(w.Day) + " " + w.Start.String() + "-" + w.End.String()
}

// WeekHours is a client's ISO week against the program's minimum.
type WeekHours struct {
	Week             string // 2026-W48
	ScheduledMinutes int
	AttendedMinutes  int
	ProjectedMinutes int
	MinimumMinutes   int
	Status           string // met, on_track or at_risk
}

// AtRisk is a client projected below the weekly minimum, with make-up
// sessions that fit their availability and have room.
type AtRisk struct {
	ClientID  int64
	NameToUse string
	Pronouns  string
	Hours     WeekHours
	MakeUps   []*Session
}

// Slot is a time a counselor and a client are both free.
type Slot struct {
	Start, End time.Time
}

// WeekPlan is the result of planning a week's individual sessions: what
// was booked, and who could not be placed and why.
type WeekPlan struct {
	Booked   []*Session
	Unplaced []Unplaced
}

// Unplaced is a client the plan could not place, with the reason in words.
type Unplaced struct {
	ClientID  int64
	NameToUse string
	Reason    string
}

// CareService is what the program does for each client's week: hours
// against the minimum, make-ups, and individual sessions booked around
// their lives.
type CareService interface {
	SetAvailability(ctx context.Context, clientID int64, w []Window) error
	Availability(ctx context.Context, clientID int64) ([]Window, error)
	SetWorkingHours(ctx context.Context, staffID int64, w []Window) error
	WorkingHours(ctx context.Context, staffID int64) ([]Window, error)
	// ClientSessions lists a client's sessions between two dates: their
	// track's and groups' while enrolled, and their individual sessions.
	ClientSessions(ctx context.Context, clientID int64, from, to Date) ([]*Session, error)
	// Hours is a client's week; week is like 2026-W48.
	Hours(ctx context.Context, clientID int64, week string) (*WeekHours, error)
	// AtRisk lists the active clients projected below the minimum this
	// week, each with make-up suggestions.
	AtRisk(ctx context.Context, week string) ([]*AtRisk, error)
	// FindTimes lists slots of length minutes in a week when the client
	// and the counselor are both free.
	FindTimes(ctx context.Context, clientID, counselorID int64, week string, minutes int) ([]Slot, error)
	// BookIndividual books a one-off individual session. ECONFLICT if the
	// counselor, the client or the room is already booked then.
	BookIndividual(ctx context.Context, clientID, counselorID, roomID int64, start time.Time, minutes int) (*Session, error)
	// PlanWeek books each active client's weekly individual session with
	// their primary counselor, placing as many as possible.
	PlanWeek(ctx context.Context, week string) (*WeekPlan, error)
}

// FeedService keeps the private iCalendar feeds of staff and clients: an
// unguessable URL a phone's calendar subscribes to, revocable at once.
type FeedService interface {
	// CreateFeed returns a new feed token for a staff member or a client
	// (exactly one id non-zero).
	CreateFeed(ctx context.Context, staffID, clientID int64) (string, error)
	// RevokeFeed stops every live feed of a staff member or a client.
	RevokeFeed(ctx context.Context, staffID, clientID int64) error
	// FeedSessions returns the sessions of a feed's owner between two
	// dates; ENOTFOUND for an unknown or revoked token.
	FeedSessions(ctx context.Context, token string, from, to Date) (string, []*Session, error)
}

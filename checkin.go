package kinship

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Audit actions for check-ins and caseload signals.
const (
	ActionCheckInRecord   = "checkin.record"
	ActionCheckInRead     = "checkin.read"
	ActionCaseloadRead    = "caseload.read"
	ActionFlagAcknowledge = "caseload.flag_acknowledge"
	ActionSignalSettings  = "program.caseload_signals"
)

// CheckIn is a client's daily check-in from their portal: how strong the
// craving is, their mood, sleep, whether they used, and the triggers met
// and skills tried. A client has at most one check-in a day; checking in
// again the same day updates it.
type CheckIn struct {
	ID         int64
	ClientID   int64
	Day        Date
	Craving    int      // 0 (none) to 10
	Mood       int      // 1 (very low) to 5 (very good)
	SleepHours *float64 // nil when not answered
	Used       string   // one of UsedAnswers
	Triggers   []string
	Skills     []SkillUse
	Note       string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// SkillUse is a coping skill tried, and whether it helped.
type SkillUse struct {
	Name   string `json:"name"`
	Helped bool   `json:"helped"`
}

// Answers to "used since your last check-in?". Saying nothing is a real
// answer: a slip is information, not failure, and the client decides what
// to share.
const (
	UsedNo             = "no"
	UsedYes            = "yes"
	UsedPreferNotToSay = "prefer_not_to_say"
)

// Limits of a check-in, and of the ranges listed.
const (
	CheckInNoteMax      = 2000 // characters
	CheckInListMax      = 20   // triggers, or skills, in one check-in
	CheckInNameMax      = 60   // characters in a trigger's or skill's name
	CheckInBackdateDays = 30   // how far back a check-in may be dated
	CheckInDefaultDays  = 30   // the range listed when none is asked for
	CheckInRangeMaxDays = 366
)

// UsedAnswers lists the answers in the order the form offers them.
var UsedAnswers = []string{UsedNo, UsedYes, UsedPreferNotToSay}

// MoodWord names a point of the mood scale, so the chips read as words.
func MoodWord(mood int) string {
	return map[int]string{1: "Very low", 2: "Low", 3: "Okay", 4: "Good", 5: "Very good"}[mood]
}

// CommonTriggers are offered as chips after the client's own recent ones;
// skills come from the program's curriculum (see RecoveryService.Skills).
var CommonTriggers = []string{"Stress", "Feeling lonely", "Conflict", "Boredom", "Tired", "Hungry", "Angry",
	"People who use", "Places I used", "Payday", "Celebrating", "Pain"}

// CheckInInput is a check-in to record. Craving, mood and used are
// required; Day defaults to today.
type CheckInInput struct {
	Craving    *int       `json:"craving"`
	Mood       *int       `json:"mood"`
	SleepHours *float64   `json:"sleep_hours"`
	Used       string     `json:"used"`
	Triggers   []string   `json:"triggers"`
	Skills     []SkillUse `json:"skills"`
	Note       string     `json:"note"`
	Day        Date       `json:"day"`
}

// Validate tidies the input (trims names, drops blanks and repeats, dates
// it today when no day is given) and returns EINVALID naming each field at
// fault.
func (in *CheckInInput) Validate(today Date) error {
	f := FieldErrors{}
	switch {
	case in.Craving == nil:
		f.Add("craving", "Choose how strong your craving is, from 0 to 10.")
	case *in.Craving < 0 || *in.Craving > 10:
		f.Add("craving", "Craving is a number from 0 to 10.")
	}
	switch {
	case in.Mood == nil:
		f.Add("mood", "Choose how your mood is, from 1 to 5.")
	case *in.Mood < 1 || *in.Mood > 5:
		f.Add("mood", "Mood is a number from 1 to 5.")
	}
	if h := in.SleepHours; h != nil && (*h < 0 || *h > 24 || *h*2 != math.Trunc(*h*2)) {
		f.Add("sleep_hours", "Hours slept is a number from 0 to 24, in half hours like 7.5.")
	}
	if !slices.Contains(UsedAnswers, in.Used) {
		f.Add("used", "Choose an answer: no, yes, or you'd rather not say.")
	}
	var msg string
	if in.Triggers, msg = tidyNames(in.Triggers, func(s *string) *string { return s }, "trigger"); msg != "" {
		f.Add("triggers", msg)
	}
	if in.Skills, msg = tidyNames(in.Skills, func(s *SkillUse) *string { return &s.Name }, "skill"); msg != "" {
		f.Add("skills", msg)
	}
	in.Note = strings.TrimSpace(in.Note)
	if utf8.RuneCountInString(in.Note) > CheckInNoteMax {
		f.Add("note", fmt.Sprintf("Keep the note to %d characters or fewer.", CheckInNoteMax))
	}
	switch {
	case in.Day.IsZero():
		in.Day = today
	case today.Before(in.Day):
		f.Add("day", "A check-in can't be for a day that hasn't happened yet.")
	case in.Day.Before(today.AddDays(-CheckInBackdateDays)):
		f.Add("day", fmt.Sprintf("Choose a day in the last %d days.", CheckInBackdateDays))
	}
	return f.Err()
}

// tidyNames trims and collapses the spaces in each item's name, drops
// blank names and repeats (ignoring case; the first stays), and says what
// is wrong with the list, if anything.
func tidyNames[T any](items []T, name func(*T) *string, what string) ([]T, string) {
	var out []T
	for _, it := range items {
		n := name(&it)
		*n = strings.Join(strings.Fields(*n), " ")
		if *n == "" || slices.ContainsFunc(out, func(o T) bool { return strings.EqualFold(*name(&o), *n) }) {
			continue
		}
		if utf8.RuneCountInString(*n) > CheckInNameMax {
			return out, fmt.Sprintf("Keep each %s to %d characters or fewer.", what, CheckInNameMax)
		}
		out = append(out, it)
	}
	if len(out) > CheckInListMax {
		return out, fmt.Sprintf("Choose at most %d of them.", CheckInListMax)
	}
	return out, ""
}

// CheckInRange fills in the days to list, the last CheckInDefaultDays up to
// today by default, and checks them.
func CheckInRange(from, to, today Date) (Date, Date, error) {
	if to.IsZero() {
		to = today
	}
	if from.IsZero() {
		from = to.AddDays(1 - CheckInDefaultDays)
	}
	f := FieldErrors{}
	switch {
	case to.Before(from):
		f.Add("from", "from must be on or before to.")
	case from.AddDays(CheckInRangeMaxDays).Before(to):
		f.Add("from", fmt.Sprintf("Ask for at most %d days at a time.", CheckInRangeMaxDays))
	}
	return from, to, f.Err()
}

// Streak counts the consecutive days with a check-in that end today, or
// yesterday while today's check-in is still to come.
func Streak(days []Date, today Date) int {
	has := map[Date]bool{}
	for _, d := range days {
		has[d] = true
	}
	day := today
	if !has[day] {
		day = today.AddDays(-1)
	}
	n := 0
	for ; has[day]; day = day.AddDays(-1) {
		n++
	}
	return n
}

// CheckInSummary is what the client's check-in pages show at a glance.
type CheckInSummary struct {
	Today  Date // at the home site
	Streak int
	// TodayCheckIn is today's check-in, which checking in again updates;
	// nil until there is one.
	TodayCheckIn *CheckIn
	// Triggers and Skills are offered as chips: the client's own recent
	// ones first, then common ones.
	Triggers []string
	Skills   []string
}

// CheckInService records daily check-ins and turns them, with attendance,
// into the signals on a counselor's caseload.
type CheckInService interface {
	// RecordCheckIn records the signed-in client's check-in. A check-in for
	// a day that already has one replaces it. EINVALID names each field at
	// fault (a craving of 11, a future day), and then nothing is stored.
	RecordCheckIn(ctx context.Context, in CheckInInput) (*CheckIn, error)
	// MyCheckIns lists the signed-in client's own check-ins from from to to
	// (see CheckInRange), newest first.
	MyCheckIns(ctx context.Context, from, to Date) ([]*CheckIn, error)
	// MyCheckInSummary is the signed-in client's streak, today's check-in
	// and the chips to offer.
	MyCheckInSummary(ctx context.Context) (*CheckInSummary, error)

	// CheckIns lists a client's check-ins for staff with PermClinicalRead
	// who may open the chart, newest first.
	CheckIns(ctx context.Context, clientID int64, from, to Date) ([]*CheckIn, error)
	// Caseload is the signed-in counselor's current clients (supervisors
	// and admins: every current client) with their latest check-in, the
	// last TrendDays days of check-ins and the flags not yet acknowledged;
	// flagged clients first. Needs PermClinicalRead.
	Caseload(ctx context.Context) ([]*CaseloadClient, error)
	// AcknowledgeFlag quiets a raised flag with a note of what was done,
	// until newer data raises it again. EINVALID without a note or for an
	// unknown flag; ECONFLICT if the flag is not raised.
	AcknowledgeFlag(ctx context.Context, clientID int64, flag, note string) error
	// SignalSettings lists every program's thresholds (PermSignedIn);
	// SetSignalSettings changes one program's (PermOrgManage), ENOTFOUND
	// for an unknown program.
	SignalSettings(ctx context.Context) ([]*SignalSettings, error)
	SetSignalSettings(ctx context.Context, s SignalSettings) (*SignalSettings, error)
}

// Caseload flags, by code.
const (
	FlagUse       = "use"
	FlagCraving   = "craving"
	FlagMoodDrop  = "mood_drop"
	FlagNoCheckIn = "no_checkin"
	FlagMissed    = "missed_sessions"
)

// FlagCodes lists the flags in the order a dashboard shows them.
var FlagCodes = []string{FlagUse, FlagCraving, FlagMoodDrop, FlagNoCheckIn, FlagMissed}

// FlagLabel names a flag for staff.
func FlagLabel(code string) string {
	return map[string]string{FlagUse: "Use reported", FlagCraving: "High craving", FlagMoodDrop: "Mood dropped",
		FlagNoCheckIn: "No recent check-in", FlagMissed: "Sessions missed"}[code]
}

// The windows the signals look at, in days ending today.
const (
	TrendDays        = 14 // the caseload's craving trend
	UseWindowDays    = 7  // use reported
	MoodWindowDays   = 3  // these latest days' mood against the same days a week before
	MissedWindowDays = 14 // unexcused absences
)

// SignalSettings are a program's thresholds for caseload flags.
type SignalSettings struct {
	ProgramID   int64
	ProgramName string
	// CravingAtLeast flags a latest check-in with a craving this strong.
	CravingAtLeast int
	// NoCheckInDays flags this many whole days in a row without a
	// check-in; today, not over yet, does not count.
	NoCheckInDays int
	// MoodDrop flags an average mood over the last MoodWindowDays days this
	// much lower than over the same days a week before.
	MoodDrop int
	// MissedSessions flags this many unexcused absences in the last
	// MissedWindowDays days.
	MissedSessions int
}

// DefaultSignalSettings are the thresholds of a program without its own.
var DefaultSignalSettings = SignalSettings{CravingAtLeast: 8, NoCheckInDays: 3, MoodDrop: 2, MissedSessions: 2}

// Validate returns EINVALID naming each threshold out of range.
func (s *SignalSettings) Validate() error {
	f := FieldErrors{}
	check := func(field, what string, v, lo, hi int) {
		if v < lo || v > hi {
			f.Add(field, fmt.Sprintf("%s is a number from %d to %d.", what, lo, hi))
		}
	}
	check("craving_at_least", "The craving threshold", s.CravingAtLeast, 1, 10)
	check("no_checkin_days", "Days without a check-in", s.NoCheckInDays, 1, 30)
	check("mood_drop", "The mood drop", s.MoodDrop, 1, 4)
	check("missed_sessions", "Sessions missed", s.MissedSessions, 1, 10)
	return f.Err()
}

// Flag is a signal raised on a client of the caseload.
type Flag struct {
	Code   string
	Detail string // what raised it, like "Craving 9 of 10 on 22 Nov 2026"
	// Since is when the newest data behind the flag arrived. An
	// acknowledgement after it quiets the flag until newer data comes.
	Since time.Time
}

// Label names the flag for staff.
func (f Flag) Label() string { return FlagLabel(f.Code) }

// SignalFacts are what one client's flags are worked out from.
type SignalFacts struct {
	Today    Date
	Location *time.Location // the home site's, where days begin
	// CheckIns are the check-ins of the last TrendDays days and the
	// latest of all, newest first.
	CheckIns []*CheckIn
	// ExpectedFrom is the first day the client was expected to check in:
	// the later of their admission and their portal account's creation.
	// It is zero for a client without a portal account, who is never
	// flagged for not checking in.
	ExpectedFrom Date
	Missed       int       // unexcused absences in the last MissedWindowDays days
	MissedAt     time.Time // when the newest of them was recorded
}

// Signals returns the flags the facts raise under the settings, in
// FlagCodes order, whether acknowledged or not.
func Signals(set SignalSettings, f SignalFacts) []Flag {
	var out []Flag
	add := func(code, detail string, since time.Time) { out = append(out, Flag{code, detail, since}) }
	windowStart := func(days int) Date { return f.Today.AddDays(1 - days) }
	var latest *CheckIn
	if len(f.CheckIns) > 0 {
		latest = f.CheckIns[0]
	}

	var used *CheckIn
	var usedAt time.Time
	for _, c := range f.CheckIns {
		if c.Used == UsedYes && !c.Day.Before(windowStart(UseWindowDays)) {
			used = cmp.Or(used, c) // the newest day, as the list is newest first
			if c.UpdatedAt.After(usedAt) {
				usedAt = c.UpdatedAt
			}
		}
	}
	if used != nil {
		add(FlagUse, "Use reported on "+used.Day.Label(), usedAt)
	}

	if latest != nil && latest.Craving >= set.CravingAtLeast {
		add(FlagCraving, fmt.Sprintf("Craving %d of 10 on %s", latest.Craving, latest.Day.Label()), latest.UpdatedAt)
	}

	from := windowStart(MoodWindowDays)
	recent, recentAt := meanMood(f.CheckIns, from, f.Today)
	before, _ := meanMood(f.CheckIns, from.AddDays(-7), f.Today.AddDays(-7))
	if before-recent >= float64(set.MoodDrop) { // false when either is NaN
		add(FlagMoodDrop, fmt.Sprintf("Mood %s, down from %s a week before", oneDecimal(recent), oneDecimal(before)), recentAt)
	}

	if !f.ExpectedFrom.IsZero() {
		last, detail := f.ExpectedFrom.AddDays(-1), "No check-in yet"
		if latest != nil && last.Before(latest.Day) {
			last, detail = latest.Day, "No check-in since "+latest.Day.Label()
		}
		// The flag rises at the start of the day after NoCheckInDays
		// whole days without one.
		rises := last.AddDays(set.NoCheckInDays + 1)
		if !f.Today.Before(rises) {
			add(FlagNoCheckIn, detail, rises.In(cmp.Or(f.Location, time.UTC)))
		}
	}

	if f.Missed >= set.MissedSessions {
		add(FlagMissed, fmt.Sprintf("%d sessions missed in %d days", f.Missed, MissedWindowDays), f.MissedAt)
	}
	return out
}

// meanMood averages the mood of the check-ins from from to to, and says
// when the newest of them was recorded; NaN when there are none.
func meanMood(list []*CheckIn, from, to Date) (float64, time.Time) {
	var sum, n float64
	var at time.Time
	for _, c := range list {
		if !c.Day.Before(from) && !to.Before(c.Day) {
			sum, n = sum+float64(c.Mood), n+1
			if c.UpdatedAt.After(at) {
				at = c.UpdatedAt
			}
		}
	}
	return sum / n, at
}

func oneDecimal(v float64) string { return fmt.Sprint(math.Round(v*10) / 10) }

// CaseloadClient is one client on a counselor's caseload dashboard.
type CaseloadClient struct {
	ClientID  int64
	NameToUse string
	Pronouns  string
	ProgramID int64
	Latest    *CheckIn   // nil before the first check-in
	Recent    []*CheckIn // the last TrendDays days' check-ins, newest first
	Flags     []Flag     // raised and not acknowledged
}

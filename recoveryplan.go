package kinship

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Audit actions of the relapse-prevention plan, the skills log and goals.
const (
	ActionPlanSave     = "recovery_plan.save"
	ActionPlanRead     = "recovery_plan.read"
	ActionSkillLog     = "skill_log.record"
	ActionSkillLogRead = "skill_log.read"
	ActionThemesRead   = "session.themes_read"
	ActionSkillsSet    = "organization.skills"
	ActionGoalCreate   = "goal.create"
	ActionGoalUpdate   = "goal.update"
	ActionGoalDelete   = "goal.delete"
	ActionGoalRead     = "goal.read"
)

// RecoveryPlan is one saved version of a client's relapse-prevention plan,
// which the client and their counselor build together. A save never
// changes a version: it adds the next one.
type RecoveryPlan struct {
	ClientID int64 `json:"-"`
	PlanVersion
	PlanContent
	// History lists every version, newest first, without their contents.
	History []PlanVersion `json:"history"`
}

// Latest reports whether p is the newest version.
func (p *RecoveryPlan) Latest() bool { return len(p.History) == 0 || p.History[0].Version == p.Version }

// PlanVersion says who saved a version of a plan, and when.
type PlanVersion struct {
	Version  int       `json:"version"`
	ByClient bool      `json:"by_client"`
	SavedBy  string    `json:"saved_by"` // the staff member's name; empty when ByClient
	SavedAt  time.Time `json:"saved_at"`
}

// PlanContent is what a relapse-prevention plan holds. Lists hold one
// item each, as the client wrote it.
type PlanContent struct {
	TriggerPeople   []string     `json:"trigger_people"`
	TriggerPlaces   []string     `json:"trigger_places"`
	TriggerFeelings []string     `json:"trigger_feelings"`
	TriggerTimes    []string     `json:"trigger_times"`
	WarningSigns    []string     `json:"warning_signs"`
	Coping          []string     `json:"coping_strategies"`
	Reasons         []string     `json:"reasons"`
	People          []PlanPerson `json:"people_to_call"`
	SafePlaces      []SafePlace  `json:"safe_places"`
	CrisisPlan      string       `json:"crisis_plan"`
}

// PlanPerson is someone to call. (Future work: pick them from the support
// network, so a number changed there changes here.)
type PlanPerson struct {
	Name  string `json:"name"`
	Phone string `json:"phone"`
}

// SafePlace is a place or meeting that supports recovery; Affirming marks
// one that is LGBTQ+-affirming.
type SafePlace struct {
	Name      string `json:"name"`
	Affirming bool   `json:"lgbtq_affirming"`
}

// PlanInput is a plan to save. BaseVersion is the version it was edited
// from (0 for a first plan): saving over a newer version is refused, so
// the client and the counselor never silently undo each other's changes.
type PlanInput struct {
	PlanContent
	BaseVersion int `json:"base_version"`
}

// Limits of a plan.
const (
	MaxPlanItems     = 25
	MaxPlanItemChars = 200
	MaxCrisisChars   = 2000
)

// Triggers are the plan's four trigger lists as one, without repeats.
func (c *PlanContent) Triggers() []string {
	var out []string
	seen := map[string]bool{}
	for _, list := range [][]string{c.TriggerPeople, c.TriggerPlaces, c.TriggerFeelings, c.TriggerTimes} {
		for _, t := range list {
			if key := strings.ToLower(t); !seen[key] {
				seen[key] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// PlanList is one of a plan's lists, named by its field.
type PlanList struct {
	Field string
	Items *[]string
}

// Lists are the plan's lists in the order a plan reads: the four kinds of
// trigger, warning signs, coping strategies and reasons for recovery.
func (c *PlanContent) Lists() []PlanList {
	return []PlanList{{"trigger_people", &c.TriggerPeople}, {"trigger_places", &c.TriggerPlaces},
		{"trigger_feelings", &c.TriggerFeelings}, {"trigger_times", &c.TriggerTimes}, {"warning_signs", &c.WarningSigns},
		{"coping_strategies", &c.Coping}, {"reasons", &c.Reasons}}
}

// Clean trims every item and drops the empty ones, as blank lines and
// blank rows of a form are.
func (c *PlanContent) Clean() {
	for _, l := range c.Lists() {
		*l.Items = cleanLines(*l.Items)
	}
	for i := range c.People {
		c.People[i].Name, c.People[i].Phone = strings.TrimSpace(c.People[i].Name), strings.TrimSpace(c.People[i].Phone)
	}
	c.People = slices.DeleteFunc(c.People, func(p PlanPerson) bool { return p == PlanPerson{} })
	for i := range c.SafePlaces {
		c.SafePlaces[i].Name = strings.TrimSpace(c.SafePlaces[i].Name)
	}
	c.SafePlaces = slices.DeleteFunc(c.SafePlaces, func(p SafePlace) bool { return p.Name == "" })
	c.CrisisPlan = strings.TrimSpace(c.CrisisPlan)
}

func cleanLines(lines []string) []string {
	var out []string
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Empty reports whether the plan holds nothing at all.
func (c *PlanContent) Empty() bool {
	for _, l := range c.Lists() {
		if len(*l.Items) > 0 {
			return false
		}
	}
	return len(c.People) == 0 && len(c.SafePlaces) == 0 && c.CrisisPlan == ""
}

// Validate checks a cleaned plan: no section too long, a name and a phone
// number for each person, and something written somewhere.
func (c *PlanContent) Validate() error {
	if c.Empty() {
		return Errorf(EINVALID, "Write at least one thing in the plan before saving it.")
	}
	f := FieldErrors{}
	for _, l := range c.Lists() {
		checkItems(f, l.Field, *l.Items)
	}
	names := make([]string, len(c.SafePlaces))
	for i, p := range c.SafePlaces {
		names[i] = p.Name
	}
	checkItems(f, "safe_places", names)
	if len(c.People) > MaxPlanItems {
		f.Add("people_to_call", "List up to 25 people here.")
	}
	for _, p := range c.People {
		switch {
		case p.Name == "" || p.Phone == "":
			f.Add("people_to_call", "Give a name and a phone number for each person.")
		case utf8.RuneCountInString(p.Name) > 100:
			f.Add("people_to_call", "Keep each name under 100 characters.")
		case !phoneLike(p.Phone):
			f.Add("people_to_call", "Write each phone number with digits, like 510-555-0181.")
		}
	}
	if utf8.RuneCountInString(c.CrisisPlan) > MaxCrisisChars {
		f.Add("crisis_plan", "Keep what to do in a crisis under 2,000 characters.")
	}
	return f.Err()
}

func checkItems(f FieldErrors, field string, items []string) {
	if len(items) > MaxPlanItems {
		f.Add(field, "List up to 25 things here.")
	}
	for _, it := range items {
		if utf8.RuneCountInString(it) > MaxPlanItemChars {
			f.Add(field, "Keep each line under 200 characters.")
		}
	}
}

// phoneLike accepts a phone number as people write one: 3 to 20 digits,
// with spaces, dashes, dots, brackets and a leading plus.
func phoneLike(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0, strings.ContainsRune(" -.()", r):
		default:
			return false
		}
	}
	return digits >= 3 && digits <= 20
}

// SkillLogEntry is one time the client met a trigger and practised a
// coping skill on it.
type SkillLogEntry struct {
	ID        int64     `json:"id"`
	Day       Date      `json:"day"`
	Situation string    `json:"situation"`
	Trigger   string    `json:"trigger"`
	Skill     string    `json:"skill"`
	Outcome   int       `json:"outcome"` // how it went, 1–5
	Shared    bool      `json:"shared"`  // anonymously with their group
	CreatedAt time.Time `json:"created_at"`
}

// SkillLogInput is an entry to log.
type SkillLogInput struct {
	Day       Date   `json:"day"` // zero means today
	Situation string `json:"situation"`
	Trigger   string `json:"trigger"`
	Skill     string `json:"skill"`
	Outcome   int    `json:"outcome"`
	Shared    bool   `json:"shared"`
}

// OutcomeLabels say how a skill went, from 1 to 5, without judgement.
var OutcomeLabels = []string{"It didn't help this time", "It helped a little", "It helped some", "It helped a lot", "It really worked"}

// DefaultSkills is the curriculum a program starts with.
var DefaultSkills = []string{"Urge surfing", "HALT (hungry, angry, lonely, tired)", "Opposite action", "Grounding (5-4-3-2-1)",
	"Reaching out", "Playing the tape forward", "Deep breathing", "Leaving the situation"}

// Validate trims the entry and checks it against the program's skills and
// today's date.
func (in *SkillLogInput) Validate(skills []string, today Date) error {
	in.Situation, in.Trigger, in.Skill = strings.TrimSpace(in.Situation), strings.TrimSpace(in.Trigger), strings.TrimSpace(in.Skill)
	f := FieldErrors{}
	switch {
	case in.Situation == "":
		f.Add("situation", "Say a little about what was happening.")
	case utf8.RuneCountInString(in.Situation) > 1000:
		f.Add("situation", "Keep the situation under 1,000 characters.")
	}
	switch {
	case in.Trigger == "":
		f.Add("trigger", "Name the trigger, in a few words.")
	case utf8.RuneCountInString(in.Trigger) > 100:
		f.Add("trigger", "Keep the trigger to a few words (under 100 characters).")
	}
	if !slices.Contains(skills, in.Skill) {
		f.Add("skill", "Choose the skill you used from the list.")
	}
	if in.Outcome < 1 || in.Outcome > len(OutcomeLabels) {
		f.Add("outcome", "Choose how it went, from 1 to 5.")
	}
	if today.Before(in.Day) {
		f.Add("day", "The day cannot be in the future.")
	}
	return f.Err()
}

// ValidateSkills cleans a curriculum list: one skill a line, no repeats.
func ValidateSkills(skills []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	f := FieldErrors{}
	for _, s := range cleanLines(skills) {
		key := strings.ToLower(s)
		switch {
		case utf8.RuneCountInString(s) > 60:
			f.Add("skills", "Keep each skill's name under 60 characters.")
		case seen[key]:
			f.Add("skills", "“"+s+"” is listed twice.")
		}
		seen[key] = true
		out = append(out, s)
	}
	if len(out) == 0 || len(out) > 40 {
		f.Add("skills", "List between 1 and 40 skills, one a line.")
	}
	return out, f.Err()
}

// Themes are what a group shared anonymously in the week before a session,
// for its facilitator to prepare: triggers and skills by count. They never
// say who shared, nor what the situation was.
type Themes struct {
	SessionID int64
	From, To  Date // the days counted
	// Enough is false when fewer than ThemesMinClients people shared: the
	// counts are then left empty, so no one can be picked out.
	Enough   bool
	Clients  int // how many people shared, when Enough
	Triggers []ThemeCount
	Skills   []ThemeCount
}

// ThemeCount is how many shared entries named a trigger or a skill.
type ThemeCount struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// ThemesMinClients is the fewest different people whose shared entries
// make themes; with fewer, one person could be recognised.
const ThemesMinClients = 3

// ThemesDays is how many days before a session its themes look back.
const ThemesDays = 7

// Goal is one of a client's goals for an ISO week, such as "call my
// sponsor twice": done Done times of Target.
type Goal struct {
	ID        int64     `json:"id"`
	Week      string    `json:"week"` // like 2026-W48
	Text      string    `json:"text"`
	Target    int       `json:"target"`
	Done      int       `json:"done"`
	CreatedAt time.Time `json:"created_at"`
}

// Complete reports whether the goal is met.
func (g *Goal) Complete() bool { return g.Done >= g.Target }

// GoalInput is a goal to set.
type GoalInput struct {
	Text   string `json:"text"`
	Target int    `json:"target"` // 0 means once
	Week   string `json:"week"`   // empty means this week
}

// Limits of weekly goals.
const (
	MaxGoalTarget  = 20
	MaxGoalsInWeek = 10
)

// Validate trims the goal and defaults the target to once.
func (in *GoalInput) Validate() error {
	in.Text = strings.TrimSpace(in.Text)
	if in.Target == 0 {
		in.Target = 1
	}
	f := FieldErrors{}
	switch {
	case in.Text == "":
		f.Add("text", "Write the goal, like “call my sponsor twice”.")
	case utf8.RuneCountInString(in.Text) > 120:
		f.Add("text", "Keep the goal under 120 characters.")
	}
	if in.Target < 1 || in.Target > MaxGoalTarget {
		f.Add("target", "How many times: a number from 1 to 20.")
	}
	return f.Err()
}

// RecoveryService keeps the relapse-prevention plan, the trigger-and-skill
// log and weekly goals. The client's own methods (My…, SaveMyPlan,
// LogSkill, AddGoal, GoalDone, RemoveGoal, PlanTriggers) act for the client
// signed in to the portal, taken from the context; anything they address
// by id that is not the client's own is ENOTFOUND. Staff methods need
// PermClinicalRead and the client's chart.
type RecoveryService interface {
	// MyPlan returns a version of the client's plan, 0 for the latest.
	// ENOTFOUND when there is no plan (yet) or no such version.
	MyPlan(ctx context.Context, version int) (*RecoveryPlan, error)
	// SaveMyPlan saves the plan as its next version. EINVALID for an empty
	// or overlong plan, ECONFLICT when in.BaseVersion is not the latest.
	SaveMyPlan(ctx context.Context, in PlanInput) (*RecoveryPlan, error)
	// PlanTriggers lists the triggers of the client's latest plan, as one
	// list; none when there is no plan.
	PlanTriggers(ctx context.Context) ([]string, error)
	// ClientPlan and SaveClientPlan are MyPlan and SaveMyPlan for staff;
	// saving needs PermEpisodeManage.
	ClientPlan(ctx context.Context, clientID int64, version int) (*RecoveryPlan, error)
	SaveClientPlan(ctx context.Context, clientID int64, in PlanInput) (*RecoveryPlan, error)

	// Skills is the program's curriculum of coping skills, for clients
	// and staff; SetSkills replaces it (PermOrgManage). Logged entries
	// keep the skill's name as it was.
	Skills(ctx context.Context) ([]string, error)
	SetSkills(ctx context.Context, skills []string) error
	// LogSkill records an entry in the client's log. EINVALID for a skill
	// not on the curriculum, an outcome outside 1–5 or a future day.
	LogSkill(ctx context.Context, in SkillLogInput) (*SkillLogEntry, error)
	// MyLog lists the client's entries from one day to another, newest
	// first.
	MyLog(ctx context.Context, from, to Date) ([]*SkillLogEntry, error)
	// Themes counts the triggers and skills the session's roster shared in
	// the ThemesDays before it. PermAttendance (facilitators).
	Themes(ctx context.Context, sessionID int64) (*Themes, error)

	// MyGoals lists the client's goals for an ISO week (like 2026-W48).
	MyGoals(ctx context.Context, week string) ([]*Goal, error)
	// AddGoal sets a goal for this week, or last week to catch up.
	// EINVALID for other weeks or past MaxGoalsInWeek.
	AddGoal(ctx context.Context, in GoalInput) (*Goal, error)
	// GoalDone counts the goal done once more (undo: once less); a goal
	// done once toggles. ENOTFOUND for another client's goal, ECONFLICT for
	// a goal of a week before last.
	GoalDone(ctx context.Context, id int64, undo bool) (*Goal, error)
	// RemoveGoal deletes one of the client's goals of this or last week.
	RemoveGoal(ctx context.Context, id int64) error
	// Goals lists a client's goals for an ISO week, for their counselor.
	Goals(ctx context.Context, clientID int64, week string) ([]*Goal, error)
}

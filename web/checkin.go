package web

import (
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"kinship"
	"kinship/trend"
)

// checkInPage is the daily check-in: one page, one submit, big chips, and
// nothing required but craving, mood and the answer about use.
type checkInPage struct {
	layout
	Summary *kinship.CheckInSummary
	Form    checkInForm
	Errors  map[string]string
}

// checkInForm is the form's values as the client gave them, to show again.
type checkInForm struct {
	Craving, Mood, Sleep, Used, Note, Day string
	Triggers                              []string          // chips chosen
	OtherTriggers                         string            // typed, comma-separated
	Skills                                map[string]string // chip name → "helped" or "not_helped"
	OtherSkill, OtherSkillResult          string
}

// Skill results in the form; a skill left at "" was not used.
const (
	skillHelped    = "helped"
	skillNotHelped = "not_helped"
)

// CravingChoices are the craving chips, 0 to 10.
func (p *checkInPage) CravingChoices() []string {
	out := make([]string, 11)
	for i := range out {
		out[i] = strconv.Itoa(i)
	}
	return out
}

// MoodChoices are the mood chips, each with its word.
func (p *checkInPage) MoodChoices() []option {
	out := make([]option, 5)
	for i := range out {
		out[i] = option{strconv.Itoa(i + 1), kinship.MoodWord(i + 1)}
	}
	return out
}

// UsedChoices are the answers about use, in gentle words.
func (p *checkInPage) UsedChoices() []option {
	return options(kinship.UsedAnswers, usedLabel)
}

func usedLabel(used string) string {
	return map[string]string{kinship.UsedNo: "No", kinship.UsedYes: "Yes", kinship.UsedPreferNotToSay: "I'd rather not say"}[used]
}

// TriggerChosen reports whether the trigger chip is ticked.
func (p *checkInPage) TriggerChosen(name string) bool { return slices.Contains(p.Form.Triggers, name) }

// SkillResult is how the skill chip stands: "", helped or not_helped.
func (p *checkInPage) SkillResult(name string) string { return p.Form.Skills[name] }

// SkillsOpen keeps the skills section open when it holds answers or errors.
func (p *checkInPage) SkillsOpen() bool {
	return len(p.Form.Skills) > 0 || p.Form.OtherSkill != "" || p.Errors["skills"] != "" || p.Errors["skill_other"] != ""
}

func (s *Server) handleCheckInForm(w http.ResponseWriter, r *http.Request) {
	s.renderCheckIn(w, r, http.StatusOK, checkInForm{}, nil)
}

// renderCheckIn shows the form with form's values, or on a first visit
// today's check-in, which saving again updates.
func (s *Server) renderCheckIn(w http.ResponseWriter, r *http.Request, status int, form checkInForm, errs map[string]string) {
	sum, err := s.CheckIns.MyCheckInSummary(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if c := sum.TodayCheckIn; errs == nil && c != nil {
		form = formOf(c)
		// Today's own names stay on offer, so saving again keeps them.
		sum.Triggers = withNames(sum.Triggers, c.Triggers...)
		for _, u := range c.Skills {
			sum.Skills = withNames(sum.Skills, u.Name)
		}
	}
	s.render(w, r, status, "checkin", &checkInPage{layout: layout{Title: "Check in"}, Summary: sum, Form: form, Errors: errs})
}

// formOf fills the form from a check-in.
func formOf(c *kinship.CheckIn) checkInForm {
	f := checkInForm{Craving: strconv.Itoa(c.Craving), Mood: strconv.Itoa(c.Mood), Used: c.Used, Note: c.Note, Triggers: c.Triggers,
		Skills: map[string]string{}}
	if c.SleepHours != nil {
		f.Sleep = strconv.FormatFloat(*c.SleepHours, 'f', -1, 64)
	}
	for _, u := range c.Skills {
		f.Skills[u.Name] = skillNotHelped
		if u.Helped {
			f.Skills[u.Name] = skillHelped
		}
	}
	return f
}

// withNames adds the names list lacks.
func withNames(list []string, names ...string) []string {
	for _, n := range names {
		if !slices.Contains(list, n) {
			list = append(list, n)
		}
	}
	return list
}

// handleCheckIn records the form; refused input shows the form again with
// the problems beside their fields, and nothing is stored.
func (s *Server) handleCheckIn(w http.ResponseWriter, r *http.Request) {
	in, form, err := checkInFromForm(r)
	if err == nil {
		_, err = s.CheckIns.RecordCheckIn(r.Context(), in)
	}
	switch kinship.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/me/checkins?done=checkin", http.StatusSeeOther)
	case kinship.EINVALID:
		s.renderCheckIn(w, r, http.StatusBadRequest, form, formErrors(err))
	default:
		s.fail(w, r, err)
	}
}

// checkInFromForm reads the form. Skill chips come as skill_name_N with
// their result in skill_N; fields that are not numbers or dates are
// refused here.
func checkInFromForm(r *http.Request) (kinship.CheckInInput, checkInForm, error) {
	r.ParseForm()
	v := func(name string) string { return strings.TrimSpace(r.PostFormValue(name)) }
	form := checkInForm{Craving: v("craving"), Mood: v("mood"), Sleep: v("sleep_hours"), Used: v("used"), Note: r.PostFormValue("note"),
		Day: v("day"), Triggers: r.PostForm["trigger"], OtherTriggers: v("trigger_other"), Skills: map[string]string{},
		OtherSkill: v("skill_other"), OtherSkillResult: v("skill_other_result")}
	in := kinship.CheckInInput{Used: form.Used, Note: form.Note, Triggers: append(slices.Clone(form.Triggers), strings.Split(form.OtherTriggers, ",")...)}
	f := kinship.FieldErrors{}
	number := func(field, value string) *int {
		if value == "" {
			return nil
		}
		n, err := strconv.Atoi(value)
		if err != nil {
			f.Add(field, "Choose one of the numbers.")
		}
		return &n
	}
	in.Craving, in.Mood = number("craving", form.Craving), number("mood", form.Mood)
	if form.Sleep != "" {
		h, err := strconv.ParseFloat(strings.ReplaceAll(form.Sleep, ",", "."), 64)
		if err != nil {
			f.Add("sleep_hours", "Write the hours slept as a number, like 7.5.")
		}
		in.SleepHours = &h
	}
	if form.Day != "" {
		var err error
		if in.Day, err = kinship.ParseDate(form.Day); err != nil {
			f.Add("day", "Choose a day, written YYYY-MM-DD.")
		}
	}
	for i := 0; r.PostForm.Has(fmt.Sprint("skill_name_", i)); i++ {
		name, result := r.PostFormValue(fmt.Sprint("skill_name_", i)), r.PostFormValue(fmt.Sprint("skill_", i))
		if result == skillHelped || result == skillNotHelped {
			form.Skills[name] = result
			in.Skills = append(in.Skills, kinship.SkillUse{Name: name, Helped: result == skillHelped})
		}
	}
	if form.OtherSkill != "" {
		if form.OtherSkillResult != skillHelped && form.OtherSkillResult != skillNotHelped {
			f.Add("skill_other", "Say whether it helped.")
		}
		in.Skills = append(in.Skills, kinship.SkillUse{Name: form.OtherSkill, Helped: form.OtherSkillResult == skillHelped})
	}
	return in, form, f.Err()
}

// checkInsPage is the client's streak, trends and recent check-ins.
type checkInsPage struct {
	layout
	Summary       *kinship.CheckInSummary
	CheckIns      []*kinship.CheckIn
	Craving, Mood template.HTML
}

// UsedLabel is an answer about use as the client chose it.
func (p *checkInsPage) UsedLabel(used string) string { return usedLabel(used) }

// recentShown is how many check-ins the page shows in full; older ones
// of the 30 days sit behind a disclosure.
const recentShown = 7

// Recent are the check-ins shown in full, newest first.
func (p *checkInsPage) Recent() []*kinship.CheckIn {
	return p.CheckIns[:min(recentShown, len(p.CheckIns))]
}

// Older are the rest of the 30 days' check-ins.
func (p *checkInsPage) Older() []*kinship.CheckIn {
	return p.CheckIns[min(recentShown, len(p.CheckIns)):]
}

// MoodWord names a mood.
func (p *checkInsPage) MoodWord(mood int) string { return kinship.MoodWord(mood) }

// HighCraving is true when today's check-in has a strong craving, so the
// page can point to support.
func (p *checkInsPage) HighCraving() bool {
	c := p.Summary.TodayCheckIn
	return c != nil && c.Craving >= kinship.DefaultSignalSettings.CravingAtLeast
}

func (s *Server) handleMyCheckIns(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := &checkInsPage{layout: layout{Title: "Your check-ins"}}
	var err error
	if p.Summary, err = s.CheckIns.MyCheckInSummary(ctx); err == nil {
		p.CheckIns, err = s.CheckIns.MyCheckIns(ctx, kinship.Date{}, p.Summary.Today)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	from := p.Summary.Today.AddDays(1 - kinship.CheckInDefaultDays)
	p.Craving = checkInTrend("craving", "Craving, last 30 days", p.CheckIns, from, p.Summary.Today, craving).SVG()
	p.Mood = checkInTrend("mood", "Mood, last 30 days", p.CheckIns, from, p.Summary.Today, mood).SVG()
	s.render(w, r, http.StatusOK, "checkins", p)
}

// The values a check-in trend can draw, with their scales.
var (
	craving = checkInValue{func(c *kinship.CheckIn) int { return c.Craving }, 0, 10}
	mood    = checkInValue{func(c *kinship.CheckIn) int { return c.Mood }, 1, 5}
)

type checkInValue struct {
	of       func(*kinship.CheckIn) int
	min, max float64
}

// checkInTrend charts one value of the check-ins from from to to.
func checkInTrend(id, title string, list []*kinship.CheckIn, from, to kinship.Date, v checkInValue) trend.Chart {
	ch := trend.Chart{ID: id, Title: title, Empty: "No check-ins yet", Min: v.min, Max: v.max, From: from, To: to}
	for _, c := range list {
		ch.Points = append(ch.Points, trend.Point{Day: c.Day, Value: float64(v.of(c))})
	}
	return ch
}

// checkInJSON is a check-in on the wire.
type checkInJSON struct {
	ID         int64              `json:"id"`
	ClientID   int64              `json:"client_id"`
	Day        kinship.Date       `json:"day"`
	Craving    int                `json:"craving"`
	Mood       int                `json:"mood"`
	SleepHours *float64           `json:"sleep_hours"`
	Used       string             `json:"used"`
	Triggers   []string           `json:"triggers"`
	Skills     []kinship.SkillUse `json:"skills"`
	Note       string             `json:"note"`
	CreatedAt  time.Time          `json:"created_at"`
	UpdatedAt  time.Time          `json:"updated_at"`
}

func toCheckInJSON(c *kinship.CheckIn) checkInJSON {
	return checkInJSON{ID: c.ID, ClientID: c.ClientID, Day: c.Day, Craving: c.Craving, Mood: c.Mood, SleepHours: c.SleepHours, Used: c.Used,
		Triggers: append([]string{}, c.Triggers...), Skills: append([]kinship.SkillUse{}, c.Skills...), Note: c.Note,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
}

// apiCheckIn records the client's check-in: 201 for a new day, 200 when it
// replaced the day's earlier one.
func (s *Server) apiCheckIn(w http.ResponseWriter, r *http.Request) {
	var in kinship.CheckInInput
	err := readJSON(w, r, &in)
	var c *kinship.CheckIn
	if err == nil {
		c, err = s.CheckIns.RecordCheckIn(r.Context(), in)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	status := http.StatusOK
	if c.CreatedAt.Equal(c.UpdatedAt) {
		status = http.StatusCreated
	}
	writeJSON(w, status, toCheckInJSON(c))
}

// apiMyCheckIns lists the client's own check-ins; there is no way to name
// another client.
func (s *Server) apiMyCheckIns(w http.ResponseWriter, r *http.Request) {
	from, to, err := queryRange(r)
	var list []*kinship.CheckIn
	if err == nil {
		list, err = s.CheckIns.MyCheckIns(r.Context(), from, to)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeList(w, "checkins", list, toCheckInJSON)
}

// apiClientCheckIns lists a client's check-ins for their clinicians.
func (s *Server) apiClientCheckIns(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var from, to kinship.Date
	if err == nil {
		from, to, err = queryRange(r)
	}
	var list []*kinship.CheckIn
	if err == nil {
		list, err = s.CheckIns.CheckIns(r.Context(), id, from, to)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeList(w, "checkins", list, toCheckInJSON)
}

// queryRange reads the optional from and to query parameters.
func queryRange(r *http.Request) (from, to kinship.Date, err error) {
	errs := kinship.FieldErrors{}
	q := r.URL.Query()
	if v := q.Get("from"); v != "" {
		from = queryDate(v, "from", "", errs)
	}
	if v := q.Get("to"); v != "" {
		to = queryDate(v, "to", "", errs)
	}
	return from, to, errs.Err()
}

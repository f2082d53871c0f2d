package web

import (
	"net/http"
	"strconv"
	"strings"

	"kinship"
)

// logDays is how far back the log page and API look unless asked.
const logDays = 30

// logPage is the trigger-and-skill log: a form to log one, and the last
// month's entries.
type logPage struct {
	layout
	Input    kinship.SkillLogInput
	Skills   []string
	Triggers []string // from the client's plan, offered while typing
	Entries  []*kinship.SkillLogEntry
	Errors   map[string]string
}

// SkillField is the skill picker.
func (p *logPage) SkillField() selectField {
	opts := []option{{"", "Choose a skill"}}
	opts = append(opts, options(p.Skills, nil)...)
	return newSelectField("skill", "Skill I used", p.Input.Skill, p.Errors, opts)
}

// OutcomeField asks how it went, 1 to 5.
func (p *logPage) OutcomeField() radioField {
	choices := make([]string, len(kinship.OutcomeLabels))
	for i, l := range kinship.OutcomeLabels {
		choices[i] = strconv.Itoa(i+1) + ":" + l
	}
	return newRadioField("outcome", "How did it go?", strconv.Itoa(p.Input.Outcome), p.Errors, choices...)
}

// Outcome says how an entry went, in words.
func (p *logPage) Outcome(n int) string {
	if n < 1 || n > len(kinship.OutcomeLabels) {
		return ""
	}
	return kinship.OutcomeLabels[n-1]
}

func (s *Server) handleLog(w http.ResponseWriter, r *http.Request) {
	s.renderLog(w, r, http.StatusOK, kinship.SkillLogInput{Day: s.today(r)}, nil)
}

func (s *Server) renderLog(w http.ResponseWriter, r *http.Request, status int, in kinship.SkillLogInput, errs map[string]string) {
	ctx := r.Context()
	p := &logPage{layout: layout{Title: "Skills log", Notice: recoveryNotices[r.URL.Query().Get("done")]}, Input: in, Errors: errs}
	today := s.today(r)
	var err error
	if p.Skills, err = s.Recovery.Skills(ctx); err == nil {
		if p.Triggers, err = s.Recovery.PlanTriggers(ctx); err == nil {
			p.Entries, err = s.Recovery.MyLog(ctx, today.AddDays(-logDays), today)
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "skill_log", p)
}

func (s *Server) handleLogSave(w http.ResponseWriter, r *http.Request) {
	in := kinship.SkillLogInput{Situation: r.PostFormValue("situation"), Trigger: r.PostFormValue("trigger"),
		Skill: r.PostFormValue("skill"), Shared: r.PostFormValue("shared") == "on"}
	in.Outcome, _ = strconv.Atoi(r.PostFormValue("outcome"))
	var err error
	if in.Day, err = formDate(r, "day"); err == nil {
		_, err = s.Recovery.LogSkill(r.Context(), in)
	}
	switch kinship.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/me/log?done=logged", http.StatusSeeOther)
	case kinship.EINVALID:
		s.renderLog(w, r, http.StatusBadRequest, in, formErrors(err))
	default:
		s.fail(w, r, err)
	}
}

// apiLog lists the client's entries: ?from&to, by default the last 30 days.
func (s *Server) apiLog(w http.ResponseWriter, r *http.Request) {
	to := s.today(r)
	from := to.AddDays(-logDays)
	for field, d := range map[string]*kinship.Date{"from": &from, "to": &to} {
		if v := r.URL.Query().Get(field); v != "" {
			var err error
			if *d, err = kinship.ParseDate(v); err != nil {
				s.fail(w, r, invalid(field, field+" must be a date like 2026-11-23."))
				return
			}
		}
	}
	entries, err := s.Recovery.MyLog(r.Context(), from, to)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeList(w, "entries", entries, same)
}

func (s *Server) apiLogCreate(w http.ResponseWriter, r *http.Request) {
	var in kinship.SkillLogInput
	err := readJSON(w, r, &in)
	var e *kinship.SkillLogEntry
	if err == nil {
		e, err = s.Recovery.LogSkill(r.Context(), in)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, e)
}

// same is the identity, for lists whose items are their own wire form.
func same[T any](v T) T { return v }

// themesPage is a facilitator's session prep: what the group shared.
type themesPage struct {
	layout
	Session *kinship.Session
	Themes  *kinship.Themes
	Minimum int
}

func (s *Server) handleThemes(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var m *kinship.Session
	var t *kinship.Themes
	if err == nil {
		if m, err = s.Schedule.Session(r.Context(), id); err == nil {
			t, err = s.Recovery.Themes(r.Context(), id)
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "log_themes", &themesPage{layout: layout{Title: "This week's themes: " + m.Title},
		Session: m, Themes: t, Minimum: kinship.ThemesMinClients})
}

func (s *Server) apiThemes(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var t *kinship.Themes
	if err == nil {
		t, err = s.Recovery.Themes(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"session_id": t.SessionID, "from": t.From, "to": t.To, "enough": t.Enough,
		"clients": t.Clients, "triggers": nonNil(t.Triggers), "skills": nonNil(t.Skills)})
}

// nonNil makes a nil list an empty one, which JSON writes as [].
func nonNil[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}

// skillsPage is the admin's page for the curriculum of coping skills.
type skillsPage struct {
	layout
	Skills string // one a line
	Errors map[string]string
}

func (s *Server) handleSkills(w http.ResponseWriter, r *http.Request) {
	skills, err := s.Recovery.Skills(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "log_skills", &skillsPage{layout: layout{Title: "Coping skills", Notice: recoveryNotices[r.URL.Query().Get("done")]},
		Skills: strings.Join(skills, "\n")})
}

func (s *Server) handleSkillsSave(w http.ResponseWriter, r *http.Request) {
	text := r.PostFormValue("skills")
	if err := s.Recovery.SetSkills(r.Context(), strings.Split(text, "\n")); err != nil {
		if kinship.ErrorCode(err) != kinship.EINVALID {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, http.StatusBadRequest, "log_skills", &skillsPage{layout: layout{Title: "Coping skills"}, Skills: text, Errors: formErrors(err)})
		return
	}
	http.Redirect(w, r, "/admin/skills?done=skills", http.StatusSeeOther)
}

func (s *Server) apiSkills(w http.ResponseWriter, r *http.Request) {
	skills, err := s.Recovery.Skills(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"skills": skills})
}

func (s *Server) apiSkillsSet(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Skills []string `json:"skills"`
	}
	err := readJSON(w, r, &body)
	if err == nil {
		err = s.Recovery.SetSkills(r.Context(), body.Skills)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.apiSkills(w, r)
}

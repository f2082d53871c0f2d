package web

import (
	"net/http"
	"strconv"
	"strings"

	"kinship"
)

// goalsPage is a client's weekly goals: their own page, where this and
// last week's can be checked off, or (Client set) their counselor's view
// of the last few weeks.
type goalsPage struct {
	layout
	Client *kinship.Client
	Weeks  []goalWeek
	Input  kinship.GoalInput
	Target string // as typed
	Errors map[string]string
}

// goalWeek is one week's goals.
type goalWeek struct {
	Label    string
	Goals    []*kinship.Goal
	Editable bool
}

// staffGoalWeeks is how many weeks the counselor's view shows.
const staffGoalWeeks = 4

// goalWeeks reads the goals of n weeks back from this week with read.
func (s *Server) goalWeeks(r *http.Request, n int, read func(week string) ([]*kinship.Goal, error)) ([]goalWeek, error) {
	var out []goalWeek
	for i, w := 0, s.thisWeek(r); i < n; i, w = i+1, w.Prev() {
		goals, err := read(w.String())
		if err != nil {
			return nil, err
		}
		label := w.Monday().Label() + " to " + w.Monday().AddDays(6).Label()
		switch i {
		case 0:
			label = "This week, " + label
		case 1:
			label = "Last week, " + label
		}
		out = append(out, goalWeek{Label: label, Goals: goals})
	}
	return out, nil
}

func (s *Server) handleGoals(w http.ResponseWriter, r *http.Request) {
	s.renderGoals(w, r, http.StatusOK, &goalsPage{})
}

func (s *Server) renderGoals(w http.ResponseWriter, r *http.Request, status int, p *goalsPage) {
	p.layout = layout{Title: "My goals", Notice: recoveryNotices[r.URL.Query().Get("done")]}
	var err error
	p.Weeks, err = s.goalWeeks(r, 2, func(week string) ([]*kinship.Goal, error) { return s.Recovery.MyGoals(r.Context(), week) })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for i := range p.Weeks {
		p.Weeks[i].Editable = true // last week's too, to catch up
	}
	s.render(w, r, status, "goals", p)
}

func (s *Server) handleGoalAdd(w http.ResponseWriter, r *http.Request) {
	p := &goalsPage{Input: kinship.GoalInput{Text: r.PostFormValue("text")}, Target: strings.TrimSpace(r.PostFormValue("target"))}
	var err error
	if p.Target != "" {
		if p.Input.Target, err = strconv.Atoi(p.Target); err != nil {
			err = invalid("target", "How many times: a number from 1 to 20.")
		}
	}
	if err == nil {
		_, err = s.Recovery.AddGoal(r.Context(), p.Input)
	}
	switch kinship.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/me/goals?done=goal", http.StatusSeeOther)
	case kinship.EINVALID:
		p.Errors = formErrors(err)
		s.renderGoals(w, r, http.StatusBadRequest, p)
	default:
		s.fail(w, r, err)
	}
}

// goalChange runs change on the goal in the path: a page returns to the
// goals with the notice done, the API answers with the goal.
func (s *Server) goalChange(done string, change func(r *http.Request, id int64) (*kinship.Goal, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		var g *kinship.Goal
		if err == nil {
			g, err = change(r, id)
		}
		switch {
		case err != nil:
			s.fail(w, r, err)
		case !wantsJSON(r):
			http.Redirect(w, r, "/me/goals?done="+done, http.StatusSeeOther)
		case g == nil:
			w.WriteHeader(http.StatusNoContent)
		default:
			writeJSON(w, http.StatusOK, g)
		}
	}
}

func (s *Server) goalDone(undo bool) http.HandlerFunc {
	return s.goalChange("goal-updated", func(r *http.Request, id int64) (*kinship.Goal, error) {
		return s.Recovery.GoalDone(r.Context(), id, undo)
	})
}

func (s *Server) goalDelete() http.HandlerFunc {
	return s.goalChange("goal-removed", func(r *http.Request, id int64) (*kinship.Goal, error) {
		return nil, s.Recovery.RemoveGoal(r.Context(), id)
	})
}

// apiGoals lists the client's goals for ?week, by default this week.
func (s *Server) apiGoals(w http.ResponseWriter, r *http.Request) {
	goals, err := s.Recovery.MyGoals(r.Context(), s.weekParam(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeList(w, "goals", goals, same)
}

func (s *Server) apiGoalCreate(w http.ResponseWriter, r *http.Request) {
	var in kinship.GoalInput
	err := readJSON(w, r, &in)
	var g *kinship.Goal
	if err == nil {
		g, err = s.Recovery.AddGoal(r.Context(), in)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, g)
}

// handleClientGoals is the counselor's view of a client's recent goals.
func (s *Server) handleClientGoals(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadClient(w, r)
	if !ok {
		return
	}
	weeks, err := s.goalWeeks(r, staffGoalWeeks, func(week string) ([]*kinship.Goal, error) { return s.Recovery.Goals(r.Context(), c.ID, week) })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "goals", &goalsPage{layout: layout{Title: "Goals for " + c.NameToUse}, Client: c, Weeks: weeks})
}

func (s *Server) apiClientGoals(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var goals []*kinship.Goal
	if err == nil {
		goals, err = s.Recovery.Goals(r.Context(), id, s.weekParam(r))
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeList(w, "goals", goals, same)
}

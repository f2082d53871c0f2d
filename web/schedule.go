package web

import (
	"net/http"
	"net/url"
	"strconv"

	"kinship"
	"kinship/calendar"
)

// schedulePage is the calendar: a week, or one day, for the site, one
// facilitator, or one client.
type schedulePage struct {
	layout
	Week         calendar.Week
	Day          kinship.Date // zero for the week view
	Days         []scheduleDay
	Prev, Next   string
	Today        string // the link to this week, or today in the day view
	WholeWeek    string // from the day view, the link to its week
	Facilitators []*kinship.Staff
	Facilitator  int64
	Client       *kinship.Client // set on a client's schedule
	Hours        *kinship.WeekHours
	Errors       map[string]string
}

type scheduleDay struct {
	Date     kinship.Date
	Today    bool
	Sessions []*kinship.Session
}

// handleSchedule shows the site's week, or a day with ?day=, optionally
// for one facilitator.
func (s *Server) handleSchedule(w http.ResponseWriter, r *http.Request) {
	p, from, to, ok := s.schedulePage(w, r)
	if !ok {
		return
	}
	sessions, err := s.Schedule.Sessions(r.Context(), from, to)
	if err == nil {
		p.Facilitators, err = s.Schedule.Facilitators(r.Context())
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Facilitator, _ = strconv.ParseInt(r.URL.Query().Get("facilitator"), 10, 64)
	var shown []*kinship.Session
	for _, m := range sessions {
		if p.Facilitator == 0 || m.FacilitatorID == p.Facilitator {
			shown = append(shown, m)
		}
	}
	s.fillDays(r, p, shown, from, to)
	s.render(w, r, http.StatusOK, "schedule", p)
}

// handleClientSchedule is one client's week, with their hours.
func (s *Server) handleClientSchedule(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadClient(w, r)
	if !ok {
		return
	}
	p, from, to, ok := s.schedulePage(w, r)
	if !ok {
		return
	}
	p.Client, p.Title = c, c.NameToUse+": schedule"
	sessions, err := s.Care.ClientSessions(r.Context(), c.ID, from, to)
	if err == nil {
		p.Hours, err = s.Care.Hours(r.Context(), c.ID, p.Week.String())
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.fillDays(r, p, sessions, from, to)
	s.render(w, r, http.StatusOK, "schedule", p)
}

// schedulePage reads ?week= or ?day= (default: this week at the site) and
// returns the page and the dates it covers.
func (s *Server) schedulePage(w http.ResponseWriter, r *http.Request) (*schedulePage, kinship.Date, kinship.Date, bool) {
	q := r.URL.Query()
	p := &schedulePage{layout: layout{Title: "Schedule"}, Week: calendar.WeekOf(s.today(r))}
	if v := q.Get("week"); v != "" {
		week, err := calendar.ParseWeek(v)
		if err != nil {
			s.fail(w, r, err)
			return nil, kinship.Date{}, kinship.Date{}, false
		}
		p.Week = week
	}
	from, to := p.Week.Monday(), p.Week.Monday().AddDays(6)
	if v := q.Get("day"); v != "" {
		day, err := kinship.ParseDate(v)
		if err != nil {
			s.fail(w, r, invalid("day", "The day must be a date like 2026-11-23."))
			return nil, kinship.Date{}, kinship.Date{}, false
		}
		p.Day, p.Week, from, to = day, calendar.WeekOf(day), day, day
	}
	// Links keep the other filters (the facilitator) and change the dates.
	link := func(key, value string) string {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Del("week")
		v.Del("day")
		if key != "" {
			v.Set(key, value)
		}
		if len(v) == 0 {
			return r.URL.Path
		}
		return r.URL.Path + "?" + v.Encode()
	}
	if p.Day.IsZero() {
		p.Prev, p.Next, p.Today = link("week", p.Week.Prev().String()), link("week", p.Week.Next().String()), link("", "")
	} else {
		p.Prev, p.Next, p.Today = link("day", p.Day.AddDays(-1).String()), link("day", p.Day.AddDays(1).String()), link("day", s.today(r).String())
		p.WholeWeek = link("week", p.Week.String())
	}
	return p, from, to, true
}

// fillDays groups sessions by their local date, keeping empty days.
func (s *Server) fillDays(r *http.Request, p *schedulePage, sessions []*kinship.Session, from, to kinship.Date) {
	byDate := map[kinship.Date][]*kinship.Session{}
	for _, m := range sessions {
		byDate[m.Date] = append(byDate[m.Date], m)
	}
	today := s.today(r)
	for d := from; !to.Before(d); d = d.AddDays(1) {
		p.Days = append(p.Days, scheduleDay{Date: d, Today: d == today, Sessions: byDate[d]})
	}
}

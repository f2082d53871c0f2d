package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"kinship"
	"kinship/calendar"
)

// careSection is the chart's part about the client's week: hours against
// the minimum, enrollments and availability.
type careSection struct {
	Hours        *kinship.WeekHours
	Enrollments  []*kinship.Enrollment
	Tracks       []*kinship.Track
	Groups       []*kinship.Series // extra groups: weekly sessions outside any track
	Availability string            // one window a line, as the form takes it
	CanEnroll    bool
	CanBook      bool
}

// careFor loads the care section of a client's chart.
func (s *Server) careFor(r *http.Request, c *kinship.Client) (*careSection, error) {
	role := visitOf(r).me.Role
	cs := &careSection{CanEnroll: role.Can(kinship.PermEnroll), CanBook: role.Can(kinship.PermEpisodeManage)}
	var err error
	if cs.Hours, err = s.Care.Hours(r.Context(), c.ID, calendar.WeekOf(s.today(r)).String()); err != nil {
		return nil, err
	}
	if cs.Enrollments, err = s.Schedule.Enrollments(r.Context(), c.ID); err != nil {
		return nil, err
	}
	if cs.CanEnroll {
		if cs.Tracks, err = s.Orgs.ListTracks(r.Context()); err != nil {
			return nil, err
		}
		all, err := s.Schedule.ListSeries(r.Context())
		if err != nil {
			return nil, err
		}
		for _, x := range all {
			if x.TrackID == 0 {
				cs.Groups = append(cs.Groups, x)
			}
		}
	}
	windows, err := s.Care.Availability(r.Context(), c.ID)
	lines := make([]string, len(windows))
	for i, w := range windows {
		lines[i] = w.String()
	}
	cs.Availability = strings.Join(lines, "\n")
	return cs, err
}

// afterCare runs change and returns to the chart with its errors, or with
// the notice done.
func (s *Server) afterCare(w http.ResponseWriter, r *http.Request, form, done string, change func(clientID int64) error) {
	id, err := pathID(r)
	if err == nil {
		err = change(id)
	}
	if err != nil {
		s.chartFormFailed(w, r, form, err, kinship.Admission{})
		return
	}
	http.Redirect(w, r, "/clients/"+itoa(id)+"?done="+done, http.StatusSeeOther)
}

func (s *Server) handleEnroll(w http.ResponseWriter, r *http.Request) {
	s.afterCare(w, r, "enroll", "enrolled", func(id int64) error {
		start, err := formDate(r, "start_date")
		if err != nil {
			return err
		}
		// The choice is "track:ID" or "group:ID".
		kind, ref, _ := strings.Cut(r.PostFormValue("into"), ":")
		n, _ := strconv.ParseInt(ref, 10, 64)
		e := kinship.Enrollment{ClientID: id, Start: start}
		if kind == "group" {
			e.SeriesID = n
		} else {
			e.TrackID = n
		}
		_, err = s.Schedule.Enroll(r.Context(), e)
		return err
	})
}

func (s *Server) handleEnrollmentEnd(w http.ResponseWriter, r *http.Request) {
	s.afterCare(w, r, "end-"+r.PathValue("enrollment"), "updated", func(id int64) error {
		enrollment, err := strconv.ParseInt(r.PathValue("enrollment"), 10, 64)
		if err != nil {
			return kinship.Errorf(kinship.ENOTFOUND, noPageMessage)
		}
		if err := s.clientOwns(r, id, func() ([]int64, error) {
			list, err := s.Schedule.Enrollments(r.Context(), id)
			ids := make([]int64, len(list))
			for i, e := range list {
				ids[i] = e.ID
			}
			return ids, err
		}, enrollment); err != nil {
			return err
		}
		end, err := formDate(r, "end_date")
		if err == nil && end.IsZero() {
			err = invalid("end_date", "Give the last day.")
		}
		if err != nil {
			return err
		}
		return s.Schedule.EndEnrollment(r.Context(), enrollment, end)
	})
}

func (s *Server) handleAvailability(w http.ResponseWriter, r *http.Request) {
	s.afterCare(w, r, "availability", "availability", func(id int64) error {
		windows, err := kinship.ParseWindows("availability", strings.Split(r.PostFormValue("availability"), "\n"))
		if err != nil {
			return err
		}
		return s.Care.SetAvailability(r.Context(), id, windows)
	})
}

// handleMakeUp adds one session of an extra group to a client's week.
func (s *Server) handleMakeUp(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	on, derr := formDate(r, "date")
	if err == nil {
		err = derr
	}
	if err == nil {
		_, err = s.Schedule.Enroll(r.Context(), kinship.Enrollment{ClientID: id, SeriesID: formInt(r, "series_id"), Start: on, End: on})
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/dashboard?done=enrolled", http.StatusSeeOther)
}

// findTimePage lists the times a client and a counselor are both free.
type findTimePage struct {
	layout
	Client     *kinship.Client
	Week       calendar.Week
	Counselors []*kinship.Staff
	Counselor  int64
	Slots      []kinship.Slot
	Errors     map[string]string
}

func (s *Server) handleFindTime(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadClient(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	p := &findTimePage{layout: layout{Title: "Find a time"}, Client: c, Week: calendar.WeekOf(s.today(r)).Next()}
	if v := q.Get("week"); v != "" {
		week, err := calendar.ParseWeek(v)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.Week = week
	}
	var err error
	if p.Counselors, err = s.Episodes.Counselors(r.Context()); err != nil {
		s.fail(w, r, err)
		return
	}
	p.Counselor, _ = strconv.ParseInt(q.Get("counselor_id"), 10, 64)
	if p.Counselor == 0 && len(p.Counselors) > 0 {
		if eps, err := s.Episodes.Episodes(r.Context(), c.ID); err == nil && len(eps) > 0 {
			p.Counselor = eps[0].PrimaryCounselorID
		}
	}
	if p.Counselor != 0 {
		if p.Slots, err = s.Care.FindTimes(r.Context(), c.ID, p.Counselor, p.Week.String(), 50); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "find_time", p)
}

func (s *Server) handleBook(w http.ResponseWriter, r *http.Request) {
	s.afterCare(w, r, "book", "booked", func(id int64) error {
		start, err := time.Parse(time.RFC3339, r.PostFormValue("start"))
		if err != nil {
			return invalid("start", "Choose one of the times offered.")
		}
		_, err = s.Care.BookIndividual(r.Context(), id, formInt(r, "counselor_id"), formInt(r, "room_id"), start, int(formInt(r, "minutes")))
		return onForm(err) // a booking is one tap: there is no field to mark
	})
}

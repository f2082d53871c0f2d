package web

import (
	"net/http"
	"net/url"
	"strconv"

	"kinship"
	"kinship/calendar"
)

// scheduleSetupPage is where the program director sets up the calendar: weekly
// minimums, rooms, weekly sessions and closures, and plans next week.
type scheduleSetupPage struct {
	layout
	Programs     []*kinship.Program
	Tracks       []*kinship.Track
	Types        []*kinship.SessionType
	Rooms        []*kinship.Room
	Sites        []*kinship.Site
	Facilitators []*kinship.Staff
	NextWeek     string
	Plan         *kinship.WeekPlan
	Failed       string // the form whose Errors these are
	Errors       map[string]string
}

// The weekly-session form's choices; the optional ones start with "0",
// meaning none.
func (p *scheduleSetupPage) ProgramOptions() []option {
	return idOptions(p.Programs, "", func(x *kinship.Program) (int64, string) { return x.ID, x.Name })
}
func (p *scheduleSetupPage) TrackOptions() []option {
	return idOptions(p.Tracks, "None: an extra group clients join on their own",
		func(x *kinship.Track) (int64, string) { return x.ID, x.ProgramName + " · " + x.Name })
}
func (p *scheduleSetupPage) TypeOptions() []option {
	return idOptions(p.Types, "", func(x *kinship.SessionType) (int64, string) { return x.ID, x.Name })
}
func (p *scheduleSetupPage) FacilitatorOptions() []option {
	return staffOptions(p.Facilitators, "Not yet chosen")
}
func (p *scheduleSetupPage) RoomOptions() []option {
	return idOptions(p.Rooms, "Not yet chosen", func(x *kinship.Room) (int64, string) { return x.ID, x.Name })
}

func (s *Server) handleScheduleSetup(w http.ResponseWriter, r *http.Request) {
	s.renderSetup(w, r, http.StatusOK, "", nil, nil)
}

func (s *Server) renderSetup(w http.ResponseWriter, r *http.Request, status int, failed string, errs map[string]string, plan *kinship.WeekPlan) {
	ctx := r.Context()
	p := &scheduleSetupPage{layout: layout{Title: "Schedule set-up"}, Failed: failed, Errors: errs, Plan: plan,
		NextWeek: calendar.WeekOf(s.today(r)).Next().String()}
	var err error
	if p.Programs, err = s.Orgs.ListPrograms(ctx); err == nil {
		if p.Tracks, err = s.Orgs.ListTracks(ctx); err == nil {
			if p.Types, err = s.Schedule.SessionTypes(ctx); err == nil {
				if p.Rooms, err = s.Schedule.Rooms(ctx); err == nil {
					if p.Sites, err = s.Orgs.ListSites(ctx); err == nil {
						p.Facilitators, err = s.Schedule.Facilitators(ctx)
					}
				}
			}
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "schedule_setup", p)
}

// afterSetup runs change and returns to the set-up page.
func (s *Server) afterSetup(w http.ResponseWriter, r *http.Request, form string, change func() error) {
	if err := change(); err != nil {
		if code := kinship.ErrorCode(err); code != kinship.EINVALID && code != kinship.ECONFLICT {
			s.fail(w, r, err)
			return
		}
		s.renderSetup(w, r, s.statusOf(r, err), form, formErrors(err), nil)
		return
	}
	http.Redirect(w, r, "/schedule/setup?done="+form, http.StatusSeeOther)
}

func formInt(r *http.Request, field string) int64 {
	n, _ := strconv.ParseInt(r.PostFormValue(field), 10, 64)
	return n
}

// handleMinimums sets a program's minimums; the form takes hours where the
// store speaks of minutes, so its errors are named after the form's fields.
func (s *Server) handleMinimums(w http.ResponseWriter, r *http.Request) {
	s.afterSetup(w, r, "minimums", func() error {
		err := s.Schedule.SetMinimums(r.Context(), formInt(r, "program_id"),
			int(formInt(r, "minimum_adult_hours")*60), int(formInt(r, "minimum_adolescent_hours")*60))
		f := kinship.FieldErrors{}
		for _, who := range []string{"adult", "adolescent"} {
			if _, ok := kinship.ErrorFields(err)["minimum_"+who+"_minutes"]; ok {
				f.Add("minimum_"+who+"_hours", "Enter whole hours, from 1 to 40.")
			}
		}
		if len(f) > 0 {
			return f.Err()
		}
		return err
	})
}

// MinimumsSent and MinimumsErrors are what a program's minimums form sent
// and its errors, if it was the one that failed.
func (p *scheduleSetupPage) MinimumsSent(program int64) url.Values {
	if p.Failed != "minimums" || p.Form.Get("program_id") != strconv.FormatInt(program, 10) {
		return nil
	}
	return p.Form
}
func (p *scheduleSetupPage) MinimumsErrors(program int64) map[string]string {
	if p.MinimumsSent(program) == nil {
		return nil
	}
	return p.Errors
}

func (s *Server) handleRoomCreate(w http.ResponseWriter, r *http.Request) {
	s.afterSetup(w, r, "room", func() error {
		_, err := s.Schedule.CreateRoom(r.Context(), kinship.Room{SiteID: formInt(r, "site_id"), Name: r.PostFormValue("name"),
			Capacity: int(formInt(r, "capacity")), TelehealthURL: r.PostFormValue("telehealth_url")})
		return err
	})
}

func (s *Server) handleSeriesCreate(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	s.afterSetup(w, r, "series", func() error {
		days, derr := kinship.ParseDays(r.PostForm["days"])
		from, ferr := formDate(r, "from")
		until, uerr := formDate(r, "until")
		f := kinship.SeriesFields{ProgramID: formInt(r, "program_id"), TrackID: formInt(r, "track_id"), TypeID: formInt(r, "type_id"),
			Title: r.PostFormValue("title"), FacilitatorID: formInt(r, "facilitator_id"), RoomID: formInt(r, "room_id"), Days: days,
			Start: r.PostFormValue("start"), End: r.PostFormValue("end"), From: from, Until: until, Capacity: int(formInt(r, "capacity"))}
		_, err := s.Schedule.CreateSeries(r.Context(), f)
		if derr != nil || ferr != nil || uerr != nil {
			return mergeErrors(derr, ferr, uerr, err)
		}
		return err
	})
}

func (s *Server) handleClosure(w http.ResponseWriter, r *http.Request) {
	s.afterSetup(w, r, "closed", func() error {
		on, err := formDate(r, "on")
		if err != nil {
			return err
		}
		return s.Schedule.CloseSite(r.Context(), formInt(r, "site_id"), on, r.PostFormValue("reason"))
	})
}

// handlePlanWeek books next week's individual sessions and shows who was
// placed, and who was not and why.
func (s *Server) handlePlanWeek(w http.ResponseWriter, r *http.Request) {
	plan, err := s.Care.PlanWeek(r.Context(), r.PostFormValue("week"))
	if err != nil {
		if kinship.ErrorCode(err) == kinship.EINVALID {
			s.renderSetup(w, r, http.StatusBadRequest, "plan", formErrors(err), nil)
			return
		}
		s.fail(w, r, err)
		return
	}
	s.renderSetup(w, r, http.StatusOK, "plan", nil, plan)
}

func (s *Server) handleSessionTypeCreate(w http.ResponseWriter, r *http.Request) {
	s.afterSetup(w, r, "type", func() error {
		_, err := s.Schedule.CreateSessionType(r.Context(), r.PostFormValue("name"), kinship.SessionKind(r.PostFormValue("kind")))
		return err
	})
}

package web

import (
	"net/http"
	"strconv"

	"kinship"
)

// sessionPage is one session and its roster, where attendance is taken
// with one tap per client.
type sessionPage struct {
	layout
	Session      *kinship.Session
	Roster       []*kinship.RosterEntry
	CanRecord    bool
	CanManage    bool // cancel, move, substitute
	Facilitators []*kinship.Staff
	Errors       map[string]string
}

func (s *Server) handleSession(w http.ResponseWriter, r *http.Request) {
	s.renderSession(w, r, http.StatusOK, nil)
}

func (s *Server) renderSession(w http.ResponseWriter, r *http.Request, status int, errs map[string]string) {
	id, err := pathID(r)
	var m *kinship.Session
	var roster []*kinship.RosterEntry
	if err == nil {
		if m, err = s.Schedule.Session(r.Context(), id); err == nil {
			roster, err = s.Schedule.Roster(r.Context(), id)
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	role := visitOf(r).me.Role
	p := &sessionPage{layout: layout{Title: m.Title}, Session: m, Roster: roster,
		CanRecord: role.Can(kinship.PermAttendance) && !m.Cancelled, CanManage: role.Can(kinship.PermScheduleManage) && !m.Cancelled, Errors: errs}
	if p.CanManage {
		if p.Facilitators, err = s.Schedule.Facilitators(r.Context()); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, status, "session", p)
}

// handleAttendance records one client's status: one tap, with minutes for
// late and left early, or a credit adjusted with a reason.
func (s *Server) handleAttendance(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	mark := kinship.AttendanceMark{Status: r.PostFormValue("status"), OverrideReason: r.PostFormValue("override_reason")}
	mark.ClientID, _ = strconv.ParseInt(r.PostFormValue("client_id"), 10, 64)
	mark.Minutes, _ = strconv.Atoi(r.PostFormValue("minutes"))
	if v := r.PostFormValue("override_minutes"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			s.renderSession(w, r, http.StatusBadRequest, map[string]string{"": "Credited minutes must be a whole number."})
			return
		}
		mark.Override = &n
	}
	s.recordAttendance(w, r, id, []kinship.AttendanceMark{mark})
}

// handleAllPresent marks everyone on the roster present.
func (s *Server) handleAllPresent(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var roster []*kinship.RosterEntry
	if err == nil {
		roster, err = s.Schedule.Roster(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	marks := make([]kinship.AttendanceMark, len(roster))
	for i, e := range roster {
		marks[i] = kinship.AttendanceMark{ClientID: e.ClientID, Status: "present"}
	}
	s.recordAttendance(w, r, id, marks)
}

func (s *Server) recordAttendance(w http.ResponseWriter, r *http.Request, id int64, marks []kinship.AttendanceMark) {
	if _, err := s.Schedule.RecordAttendance(r.Context(), id, marks); err != nil {
		if code := kinship.ErrorCode(err); code == kinship.EINVALID || code == kinship.ECONFLICT {
			// Field keys name the mark ("attendance[0].minutes"); the page
			// shows each message once, at the top.
			errs := map[string]string{"": kinship.ErrorMessage(err)}
			s.renderSession(w, r, s.statusOf(r, err), errs)
			return
		}
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/sessions/"+itoa(id)+"?done=attendance", http.StatusSeeOther)
}

func (s *Server) handleSessionCancel(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.Schedule.CancelSession(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/sessions/"+itoa(id)+"?done=cancelled", http.StatusSeeOther)
}

// handleSessionMove moves one meeting, such as a group that meets on
// Wednesday afternoon this week instead.
func (s *Server) handleSessionMove(w http.ResponseWriter, r *http.Request) {
	s.changeSession(w, r, func(id int64) error {
		on, err := formDate(r, "on")
		if err != nil {
			return err
		}
		return s.Schedule.MoveSession(r.Context(), id, on, r.PostFormValue("start"), r.PostFormValue("end"))
	})
}

func (s *Server) handleSubstitute(w http.ResponseWriter, r *http.Request) {
	s.changeSession(w, r, func(id int64) error {
		return s.Schedule.SubstituteFacilitator(r.Context(), id, formInt(r, "facilitator_id"))
	})
}

// changeSession runs change on the session and returns to its page.
func (s *Server) changeSession(w http.ResponseWriter, r *http.Request, change func(id int64) error) {
	id, err := pathID(r)
	if err == nil {
		err = change(id)
	}
	if err != nil {
		if code := kinship.ErrorCode(err); code == kinship.EINVALID || code == kinship.ECONFLICT {
			s.renderSession(w, r, s.statusOf(r, err), formErrors(err))
			return
		}
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/sessions/"+itoa(id)+"?done=updated", http.StatusSeeOther)
}

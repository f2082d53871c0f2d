package web

import (
	"fmt"
	"net/http"
	"path"
	"strconv"
	"strings"

	"kinship"
)

// sessionPage is one session and its roster, where attendance is taken
// with one tap per client.
type sessionPage struct {
	layout
	Session      *kinship.Session
	Roster       []sessionRow
	CanRecord    bool
	CanManage    bool // cancel, move, substitute
	Facilitators []*kinship.Staff
	Errors       map[string]string
	Refusal      *markRefusal // a tap that was refused, to show in its row
}

// markRefusal is one client's refused mark: what was typed, and the field
// at fault (minutes, override_minutes or override_reason).
type markRefusal struct {
	ClientID                  int64
	Field, Message            string
	Minutes, Override, Reason string
}

// RefusalFor is the refused mark in clientID's row, or nil.
func (p *sessionPage) RefusalFor(clientID int64) *markRefusal {
	if p.Refusal != nil && p.Refusal.ClientID == clientID {
		return p.Refusal
	}
	return nil
}

// sessionRow is one client on the roster, as the page draws their taps.
type sessionRow struct{ *kinship.RosterEntry }

// rosterTap is one status button in a row: its visible label, and the
// client's name for a screen reader ("Present: River").
type rosterTap struct {
	Status, Label, Name string
	Pressed             bool // the recorded status, drawn as aria-pressed
}

// Tap is the button for status in this client's row.
func (e sessionRow) Tap(status, label string) rosterTap {
	return rosterTap{Status: status, Label: label, Name: e.NameToUse, Pressed: e.Attendance != nil && e.Attendance.Status == status}
}

// Partial says the client missed part of the session, so the row opens on
// its minutes.
func (e sessionRow) Partial() bool {
	return e.Attendance != nil && (e.Attendance.Status == "late" || e.Attendance.Status == "left_early")
}

// allPresentNotice says what Mark all present did.
func allPresentNotice(marked, kept int) string {
	switch {
	case kept == 0:
		return fmt.Sprintf("Marked %d present.", marked)
	case marked == 0:
		return "Everyone already had a mark; nothing changed."
	}
	return fmt.Sprintf("Marked %d present; %d already had a mark.", marked, kept)
}

// FacilitatorOptions are the substitute form's choices.
func (p *sessionPage) FacilitatorOptions() []option { return staffOptions(p.Facilitators, "") }

// ChangeForm names the change form the page's errors are about, if one
// was sent, so the summary links into it.
func (p *sessionPage) ChangeForm() string {
	if f := path.Base(p.Path); f == "move" || f == "substitute" {
		return f
	}
	return ""
}

func (s *Server) handleSession(w http.ResponseWriter, r *http.Request) {
	s.renderSession(w, r, http.StatusOK, nil, nil)
}

// renderSession shows the session; a refused mark's message at the top
// names the client, since the roster holds many.
func (s *Server) renderSession(w http.ResponseWriter, r *http.Request, status int, errs map[string]string, refused *markRefusal) {
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
	p := &sessionPage{layout: layout{Title: m.Title}, Session: m,
		CanRecord: role.Can(kinship.PermAttendance) && !m.Cancelled, CanManage: role.Can(kinship.PermScheduleManage) && !m.Cancelled, Errors: errs, Refusal: refused}
	for _, e := range roster {
		p.Roster = append(p.Roster, sessionRow{e})
		if refused != nil && e.ClientID == refused.ClientID {
			errs[""] = e.NameToUse + ": " + refused.Message
		}
	}
	if q := r.URL.Query(); q.Get("done") == "all-present" {
		marked, _ := strconv.Atoi(q.Get("marked"))
		kept, _ := strconv.Atoi(q.Get("kept"))
		p.Notice = allPresentNotice(marked, kept)
	}
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
	typed := &markRefusal{ClientID: mark.ClientID, Minutes: r.PostFormValue("minutes"), Override: r.PostFormValue("override_minutes"), Reason: mark.OverrideReason}
	if v := typed.Override; v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			typed.Field, typed.Message = "override_minutes", "Credited minutes must be a whole number."
			s.renderSession(w, r, http.StatusBadRequest, map[string]string{"": typed.Message}, typed)
			return
		}
		mark.Override = &n
	}
	if _, err := s.Schedule.RecordAttendance(r.Context(), id, []kinship.AttendanceMark{mark}); err != nil {
		s.attendanceRefused(w, r, err, typed)
		return
	}
	// Back to the client's row, where the tap was.
	http.Redirect(w, r, "/sessions/"+itoa(id)+"?done=attendance#client-"+itoa(mark.ClientID), http.StatusSeeOther)
}

// handleAllPresent marks present everyone on the roster with no mark yet.
func (s *Server) handleAllPresent(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var marked, kept int
	if err == nil {
		marked, kept, err = s.Schedule.MarkAllPresent(r.Context(), id)
	}
	if err != nil {
		s.attendanceRefused(w, r, err, nil)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/sessions/%d?done=all-present&marked=%d&kept=%d", id, marked, kept), http.StatusSeeOther)
}

// attendanceRefused shows the session again with why attendance was not
// taken, at the top; field keys name the mark ("attendance[0].minutes"),
// and typed, when one client's mark was refused, marks that field in
// their row.
func (s *Server) attendanceRefused(w http.ResponseWriter, r *http.Request, err error, typed *markRefusal) {
	if code := kinship.ErrorCode(err); code == kinship.EINVALID || code == kinship.ECONFLICT {
		msg := kinship.ErrorMessage(err)
		if typed != nil {
			typed.Message = msg
			for k := range kinship.ErrorFields(err) {
				_, typed.Field, _ = strings.Cut(k, ".")
			}
		}
		s.renderSession(w, r, s.statusOf(r, err), map[string]string{"": msg}, typed)
		return
	}
	s.fail(w, r, err)
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
		return onForm(s.Schedule.MoveSession(r.Context(), id, on, r.PostFormValue("start"), r.PostFormValue("end")), "on", "start", "end")
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
			s.renderSession(w, r, s.statusOf(r, err), formErrors(err), nil)
			return
		}
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/sessions/"+itoa(id)+"?done=updated", http.StatusSeeOther)
}

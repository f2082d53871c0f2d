package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"kinship"
)

type breakGlassPage struct {
	layout
	ClientID int64
	CanBreak bool
	Errors   map[string]string
}

// handleBreakGlass opens a chart outside the caseload for an hour.
func (s *Server) handleBreakGlass(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		_, err = s.BreakGlass.BreakGlass(r.Context(), id, r.PostFormValue("reason"))
	}
	if kinship.ErrorCode(err) == kinship.EINVALID {
		s.render(w, r, http.StatusBadRequest, "break_glass", &breakGlassPage{layout: layout{Title: "Not on your caseload"}, ClientID: id,
			CanBreak: true, Errors: formErrors(err)})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/clients/"+itoa(id)+"?done=break-glass", http.StatusSeeOther)
}

// emergencyUntil is when the reader's emergency access to the chart the
// page belongs to (a /clients/{id} page) ends, or zero when they reach it
// otherwise.
func (s *Server) emergencyUntil(r *http.Request) time.Time {
	v := visitOf(r)
	if v.me == nil || !v.me.Role.CaseloadLimited() || !strings.HasPrefix(r.URL.Path, "/clients/") {
		return time.Time{}
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return time.Time{}
	}
	until, err := s.BreakGlass.EmergencyAccess(r.Context(), id)
	if err != nil {
		s.log.Error("emergency access", "err", err)
	}
	return until
}

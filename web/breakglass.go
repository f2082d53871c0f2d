package web

import (
	"net/http"

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

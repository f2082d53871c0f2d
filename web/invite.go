package web

import (
	"net/http"
)

type invitePage struct {
	layout
	Token  string
	Errors map[string]string
}

// handleInviteForm lets an invited staff member choose a password.
func (s *Server) handleInviteForm(w http.ResponseWriter, r *http.Request) {
	if err := s.Staff.CheckInvite(r.Context(), r.PathValue("token")); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "invite", &invitePage{layout: layout{Title: "Choose your password"}, Token: r.PathValue("token")})
}

func (s *Server) handleInviteAccept(w http.ResponseWriter, r *http.Request) {
	err := confirmPassword(r)
	if err == nil {
		_, err = s.Staff.AcceptInvite(r.Context(), r.PathValue("token"), r.PostFormValue("password"))
	}
	if err != nil {
		p := &invitePage{layout: layout{Title: "Choose your password"}, Token: r.PathValue("token"), Errors: formErrors(err)}
		s.render(w, r, s.statusOf(r, err), "invite", p)
		return
	}
	http.Redirect(w, r, "/signin?done=password", http.StatusSeeOther)
}

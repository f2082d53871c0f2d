package web

import (
	"net/http"
	"strings"

	"kinship"
)

type staffListPage struct {
	layout
	Staff     []*kinship.Staff
	Invite    kinship.StaffCreate
	InviteURL string // shown once, after an invitation
	Errors    map[string]string
}

func (s *Server) handleStaffList(w http.ResponseWriter, r *http.Request) {
	s.renderStaffList(w, r, http.StatusOK, &staffListPage{Invite: kinship.StaffCreate{Role: kinship.RoleClinician}})
}

func (s *Server) renderStaffList(w http.ResponseWriter, r *http.Request, status int, p *staffListPage) {
	p.Title = "Staff"
	var err error
	if p.Staff, err = s.Staff.ListStaff(r.Context()); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "staff", p)
}

// handleStaffInvite adds a member and shows the link with which they
// choose their password.
func (s *Server) handleStaffInvite(w http.ResponseWriter, r *http.Request) {
	in := kinship.StaffCreate{Name: r.PostFormValue("name"), Email: r.PostFormValue("email"), Role: kinship.Role(r.PostFormValue("role"))}
	_, token, err := s.Staff.InviteStaff(r.Context(), in)
	if err != nil {
		s.renderStaffList(w, r, s.statusOf(r, err), &staffListPage{Invite: in, Errors: formErrors(err)})
		return
	}
	p := &staffListPage{Invite: kinship.StaffCreate{Role: kinship.RoleClinician}, InviteURL: s.absURL(r, "/invite/"+token)}
	p.Notice = notices["invited"]
	s.renderStaffList(w, r, http.StatusCreated, p)
}

type staffEditPage struct {
	layout
	Member   *kinship.Staff
	ResetURL string // shown once, after a password reset
	Errors   map[string]string
}

func (s *Server) handleStaffEdit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var m *kinship.Staff
	if err == nil {
		m, err = s.Staff.FindStaffByID(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "staff_edit", &staffEditPage{layout: layout{Title: m.Name}, Member: m})
}

func (s *Server) handleStaffUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	name, role, active := r.PostFormValue("name"), kinship.Role(r.PostFormValue("role")), r.PostFormValue("active") == "on"
	supervised := r.PostFormValue("needs_supervision") == "on"
	if _, err := s.Staff.UpdateStaff(r.Context(), id, kinship.StaffUpdate{Name: &name, Role: &role, Active: &active, NeedsSupervision: &supervised}); err != nil {
		m, ferr := s.Staff.FindStaffByID(r.Context(), id)
		if ferr != nil {
			s.fail(w, r, ferr)
			return
		}
		s.render(w, r, s.statusOf(r, err), "staff_edit", &staffEditPage{layout: layout{Title: m.Name}, Member: m, Errors: formErrors(err)})
		return
	}
	http.Redirect(w, r, "/admin/staff?done=updated", http.StatusSeeOther)
}

func (s *Server) handleStaffResetMFA(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.Staff.ResetStaffMFA(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/staff?done=mfa-reset", http.StatusSeeOther)
}

// absURL makes an absolute link to path: under the configured base URL,
// or else on the host the request came to.
func (s *Server) absURL(r *http.Request, path string) string {
	if s.cfg.BaseURL != "" {
		return strings.TrimSuffix(s.cfg.BaseURL, "/") + path
	}
	scheme := "http"
	if s.secure(r) {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}

// handleStaffResetPassword ends a member's access and shows a new link
// with which they choose a password: for a forgotten password, or a lost
// or expired invitation.
func (s *Server) handleStaffResetPassword(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var token string
	var m *kinship.Staff
	if err == nil {
		if token, err = s.Staff.ResetPassword(r.Context(), id); err == nil {
			m, err = s.Staff.FindStaffByID(r.Context(), id)
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "staff_edit", &staffEditPage{layout: layout{Title: m.Name}, Member: m, ResetURL: s.absURL(r, "/invite/"+token)})
}

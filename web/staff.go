package web

import (
	"net/http"

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
		s.renderStaffList(w, r, statusOf(err), &staffListPage{Invite: in, Errors: formErrors(err)})
		return
	}
	p := &staffListPage{Invite: kinship.StaffCreate{Role: kinship.RoleClinician}, InviteURL: absURL(r, "/invite/"+token)}
	p.Notice = notices["invited"]
	s.renderStaffList(w, r, http.StatusCreated, p)
}

type staffEditPage struct {
	layout
	Member *kinship.Staff
	Errors map[string]string
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
	if _, err := s.Staff.UpdateStaff(r.Context(), id, kinship.StaffUpdate{Name: &name, Role: &role, Active: &active}); err != nil {
		m, ferr := s.Staff.FindStaffByID(r.Context(), id)
		if ferr != nil {
			s.fail(w, r, ferr)
			return
		}
		s.render(w, r, statusOf(err), "staff_edit", &staffEditPage{layout: layout{Title: m.Name}, Member: m, Errors: formErrors(err)})
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

// absURL makes an absolute link to path on the host the request came to.
func absURL(r *http.Request, path string) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}

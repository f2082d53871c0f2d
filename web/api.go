package web

import (
	"net/http"
	"strconv"
	"time"

	"kinship"
)

// The JSON forms of domain types. Field names are the API's contract.

type staffJSON struct {
	ID           int64      `json:"id"`
	Email        string     `json:"email"`
	Name         string     `json:"name"`
	Role         string     `json:"role"`
	Active       bool       `json:"active"`
	Supervised   bool       `json:"needs_supervision"`
	MFAEnabled   bool       `json:"mfa_enabled"`
	Invited      bool       `json:"invited"` // no password chosen yet
	CreatedAt    time.Time  `json:"created_at"`
	LastSignInAt *time.Time `json:"last_sign_in_at"`
}

func toStaffJSON(m *kinship.Staff) staffJSON {
	j := staffJSON{ID: m.ID, Email: m.Email, Name: m.Name, Role: string(m.Role), Active: m.Active, Supervised: m.NeedsSupervision,
		MFAEnabled: m.MFAEnabled, Invited: !m.HasPassword, CreatedAt: m.CreatedAt}
	if !m.LastSignIn.IsZero() {
		j.LastSignInAt = &m.LastSignIn
	}
	return j
}

// apiMe answers who the caller is.
func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) {
	me := visitOf(r).me
	writeJSON(w, http.StatusOK, map[string]any{"id": me.ID, "email": me.Email, "name": me.Name, "role": me.Role})
}

func (s *Server) apiStaffList(w http.ResponseWriter, r *http.Request) {
	staff, err := s.Staff.ListStaff(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]staffJSON, len(staff))
	for i, m := range staff {
		out[i] = toStaffJSON(m)
	}
	writeJSON(w, http.StatusOK, map[string]any{"staff": out})
}

// apiStaffCreate adds a member with a password, or invites them when the
// body has none and returns the invitation URL.
func (s *Server) apiStaffCreate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Email    string `json:"email"`
		Name     string `json:"name"`
		Role     string `json:"role"`
		Password string `json:"password"`
	}
	if err := readJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	c := kinship.StaffCreate{Email: in.Email, Name: in.Name, Role: kinship.Role(in.Role), Password: in.Password}
	if c.Password != "" {
		m, err := s.Staff.CreateStaff(r.Context(), c)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		writeJSON(w, http.StatusCreated, toStaffJSON(m))
		return
	}
	m, token, err := s.Staff.InviteStaff(r.Context(), c)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, struct {
		staffJSON
		InviteURL string `json:"invite_url"`
	}{toStaffJSON(m), s.absURL(r, "/invite/"+token)})
}

func (s *Server) apiStaffUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in struct {
		Name       *string `json:"name"`
		Role       *string `json:"role"`
		Active     *bool   `json:"active"`
		Supervised *bool   `json:"needs_supervision"`
	}
	if err := readJSON(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	u := kinship.StaffUpdate{Name: in.Name, Active: in.Active, NeedsSupervision: in.Supervised}
	if in.Role != nil {
		role := kinship.Role(*in.Role)
		u.Role = &role
	}
	m, err := s.Staff.UpdateStaff(r.Context(), id, u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toStaffJSON(m))
}

type auditEventJSON struct {
	Seq          int64     `json:"seq"`
	At           time.Time `json:"at"`
	ActorID      int64     `json:"actor_id,omitempty"`
	Actor        string    `json:"actor"`
	Action       string    `json:"action"`
	ResourceType string    `json:"resource_type,omitempty"`
	ResourceID   string    `json:"resource_id,omitempty"`
	IP           string    `json:"ip,omitempty"`
	Outcome      string    `json:"outcome"`
	Detail       string    `json:"detail,omitempty"`
	Hash         string    `json:"hash"`
}

// apiAuditEvents lists the audit trail with the page's filters plus limit
// (default 100, at most 1000).
func (s *Server) apiAuditEvents(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	loc := s.siteLocation(r.Context())
	f, err := auditFilter(q, loc)
	if err == nil {
		f.Limit = 100
		if v := q.Get("limit"); v != "" {
			if f.Limit, err = strconv.Atoi(v); err != nil || f.Limit < 1 || f.Limit > 1000 {
				err = invalid("limit", "Limit must be a whole number from 1 to 1000.")
			}
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	events, total, err := s.Audit.ListAudit(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]auditEventJSON, len(events))
	for i, e := range events {
		out[i] = auditEventJSON{e.Seq, e.At.In(loc), e.ActorID, e.Actor, e.Action, e.ResourceType, e.ResourceID, e.IP, e.Outcome, e.Detail, e.Hash}
	}
	writeJSON(w, http.StatusOK, map[string]any{"events": out, "total": total})
}

// apiStaffResetPassword clears a member's password and returns the link
// with which they choose a new one.
func (s *Server) apiStaffResetPassword(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var token string
	if err == nil {
		token, err = s.Staff.ResetPassword(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"invite_url": s.absURL(r, "/invite/"+token)})
}

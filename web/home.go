package web

import (
	"net/http"

	"kinship"
	"kinship/calendar"
)

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "version": s.cfg.Version})
}

// handleHome sends people to their dashboard, or to sign in.
func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/dashboard", http.StatusSeeOther)
}

type dashboardPage struct {
	layout
	Org       *kinship.Organization
	Sites     []*kinship.Site
	Programs  []*kinship.Program
	Tracks    []*kinship.Track
	Alerts    []*kinship.Alert
	Caseload  []*kinship.ClientMatch // for counselors
	AtRisk    []*kinship.AtRisk      // this week, for clinical roles
	CanEnroll bool
	// Admin-only facts about the program's security posture.
	StaffCount int
	WithoutMFA int
}

func (s *Server) handleDashboard(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := &dashboardPage{layout: layout{Title: "Dashboard"}}
	var err error
	if p.Org, err = s.Orgs.Organization(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Sites, err = s.Orgs.ListSites(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Programs, err = s.Orgs.ListPrograms(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Tracks, err = s.Orgs.ListTracks(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	me := visitOf(r).me
	if p.Alerts, err = s.Alerts.OpenAlerts(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	if me.Role == kinship.CounselorRoles[0] || me.Role == kinship.CounselorRoles[1] {
		if p.Caseload, _, err = s.Clients.SearchClients(ctx, kinship.ClientFilter{CounselorID: me.ID, Limit: 200}); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if me.Role.Can(kinship.PermClinicalRead) {
		if p.AtRisk, err = s.Care.AtRisk(ctx, calendar.WeekOf(s.today(r)).String()); err != nil {
			s.fail(w, r, err)
			return
		}
		p.CanEnroll = me.Role.Can(kinship.PermEnroll)
	}
	if me.Role.Can(kinship.PermStaffManage) {
		staff, err := s.Staff.ListStaff(ctx)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, m := range staff {
			if m.Active {
				p.StaffCount++
				if !m.MFAEnabled {
					p.WithoutMFA++
				}
			}
		}
	}
	s.render(w, r, http.StatusOK, "dashboard", p)
}

// handleAcknowledge closes an alert with a note of what was done.
func (s *Server) handleAcknowledge(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.Alerts.AcknowledgeAlert(r.Context(), id, r.PostFormValue("note"))
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/dashboard?done=acknowledged", http.StatusSeeOther)
}

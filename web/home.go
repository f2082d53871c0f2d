package web

import (
	"net/http"
	"slices"
	"strconv"
	"time"

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
	Org      *kinship.Organization
	Sites    []*kinship.Site
	Programs []*kinship.Program
	Tracks   []*kinship.Track
	Alerts   []*kinship.Alert
	Caseload []*kinship.ClientMatch // for counselors
	// CheckIns is the caseload's latest check-ins and open flags.
	CheckIns []*kinship.CaseloadClient
	AtRisk   []*kinship.AtRisk // this week, for clinical roles
	// Day is a counselor's sessions today and notes to sign.
	Day *kinship.CounselorDay
	// NeverCheckedIn are the caseload's clients with no check-in yet.
	NeverCheckedIn []*kinship.CaseloadClient
	// Desk is the front desk's day, for those who run admissions but
	// carry no caseload.
	Desk      *kinship.DeskDay
	Now       time.Time
	CanEnroll bool
	// Due lists the instruments due or overdue across the caseload.
	Due   []*kinship.DueMeasure
	Today kinship.Date
	// Cosign counts notes waiting for the reader's co-signature.
	Cosign int
	// PlanReviews are treatment plans due for review, for clinical roles.
	PlanReviews []*kinship.PlanStatus
	// Improvements is reliable improvement by program, for clinical roles.
	Improvements []kinship.Improvement
	// Failed names an alert whose acknowledgement was refused.
	Failed string
	Errors map[string]string
	// Admin-only facts about the program's security posture.
	StaffCount int
	WithoutMFA int
}

func (s *Server) handleDashboard(w http.ResponseWriter, r *http.Request) {
	s.renderDashboard(w, r, http.StatusOK, "", nil)
}

func (s *Server) renderDashboard(w http.ResponseWriter, r *http.Request, status int, failed string, errs map[string]string) {
	ctx := r.Context()
	p := &dashboardPage{layout: layout{Title: "Dashboard"}, Today: s.today(r), Now: s.cfg.Clock.Now(), Failed: failed, Errors: errs}
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
	if slices.Contains(kinship.CounselorRoles, me.Role) {
		if p.Caseload, _, err = s.Clients.SearchClients(ctx, kinship.ClientFilter{CounselorID: me.ID, Limit: 200}); err == nil {
			if p.Due, err = s.Measures.DueMeasures(ctx, 0); err == nil {
				if p.CheckIns, err = s.CheckIns.Caseload(ctx); err == nil {
					p.Day, err = s.Days.CounselorDay(ctx, p.Today)
				}
			}
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, c := range p.CheckIns {
			if c.Latest == nil {
				p.NeverCheckedIn = append(p.NeverCheckedIn, c)
			}
		}
	} else if me.Role.Can(kinship.PermAdmissions) {
		if p.Desk, err = s.Days.DeskDay(ctx, p.Today); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if me.Role.Can(kinship.PermClinicalRead) {
		if p.AtRisk, err = s.Care.AtRisk(ctx, calendar.WeekOf(s.today(r)).String()); err == nil {
			if p.Improvements, err = s.Measures.Improvements(ctx); err == nil {
				if p.PlanReviews, err = s.Plans.PlanReviewsDue(ctx); err == nil {
					p.Cosign, err = s.Notes.CosignCount(ctx)
				}
			}
		}
		if err != nil {
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
	s.render(w, r, status, "dashboard", p)
}

// handleAcknowledge closes an alert with a note of what was done, and
// returns to the chart or dashboard it was closed from.
func (s *Server) handleAcknowledge(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.handleNotFound(w, r)
		return
	}
	clientID, _ := strconv.ParseInt(r.PostFormValue("client_id"), 10, 64)
	fromChart := r.PostFormValue("from") == "chart" && clientID != 0
	err = s.Alerts.AcknowledgeAlert(r.Context(), id, r.PostFormValue("action"), r.PostFormValue("note"))
	switch {
	case kinship.ErrorCode(err) == kinship.EINVALID && fromChart:
		r.SetPathValue("id", itoa(clientID))
		s.renderChart(w, r, http.StatusBadRequest, "ack-"+itoa(id), formErrors(err), kinship.Admission{})
	case kinship.ErrorCode(err) == kinship.EINVALID:
		s.renderDashboard(w, r, http.StatusBadRequest, "ack-"+itoa(id), formErrors(err))
	case err != nil:
		s.fail(w, r, err)
	case fromChart:
		http.Redirect(w, r, "/clients/"+itoa(clientID)+"?done=acknowledged", http.StatusSeeOther)
	default:
		http.Redirect(w, r, "/dashboard?done=acknowledged", http.StatusSeeOther)
	}
}

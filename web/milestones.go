package web

import (
	"net/http"

	"kinship"
)

// milestonesPage shows the client's counter and milestones, and lets them
// set or reset their recovery date in private.
type milestonesPage struct {
	layout
	Status *kinship.MilestoneStatus
	Today  kinship.Date
	// Start and Tell refill the form after a mistake.
	Start  string
	Tell   bool
	Errors map[string]string
}

func (s *Server) handleMilestones(w http.ResponseWriter, r *http.Request) {
	s.renderMilestones(w, r, http.StatusOK, "", false, nil)
}

func (s *Server) renderMilestones(w http.ResponseWriter, r *http.Request, status int, start string, tell bool, errs map[string]string) {
	st, err := s.Network.Milestone(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "milestones", &milestonesPage{layout: layout{Title: "Milestones", Notice: networkNotices[r.URL.Query().Get("done")]},
		Status: st, Today: s.today(r), Start: start, Tell: tell, Errors: errs})
}

func (s *Server) handleMilestonesSet(w http.ResponseWriter, r *http.Request) {
	tell := r.PostFormValue("tell_counselor") == "on"
	start, err := formDate(r, "start")
	var told bool
	if err == nil {
		told, err = s.Network.SetRecoveryStart(r.Context(), start, tell)
	}
	switch kinship.ErrorCode(err) {
	case "":
		done := "date-set"
		if tell {
			done = map[bool]string{true: "told", false: "not-told"}[told]
		}
		http.Redirect(w, r, "/me/milestones?done="+done, http.StatusSeeOther)
	case kinship.EINVALID:
		s.renderMilestones(w, r, http.StatusBadRequest, r.PostFormValue("start"), tell, formErrors(err))
	default:
		s.fail(w, r, err)
	}
}

func (s *Server) handleMilestonesVisibility(w http.ResponseWriter, r *http.Request) {
	hidden := r.PostFormValue("hidden") == "1"
	if err := s.Network.SetMilestonesHidden(r.Context(), hidden); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/me/milestones?done="+map[bool]string{true: "hidden", false: "shown"}[hidden], http.StatusSeeOther)
}

func (s *Server) apiMilestones(w http.ResponseWriter, r *http.Request) {
	st, err := s.Network.Milestone(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

// apiMilestonesSet sets the recovery date: {"start": "YYYY-MM-DD",
// "tell_counselor": false}; it answers with the milestones and whether
// the counselor was told.
func (s *Server) apiMilestonesSet(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Start         kinship.Date `json:"start"`
		TellCounselor bool         `json:"tell_counselor"`
	}
	err := readJSON(w, r, &in)
	var told bool
	if err == nil {
		told, err = s.Network.SetRecoveryStart(r.Context(), in.Start, in.TellCounselor)
	}
	var st *kinship.MilestoneStatus
	if err == nil {
		st, err = s.Network.Milestone(r.Context())
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"milestones": st, "counselor_told": told})
}

// apiMilestonesVisibility hides or shows the counter: {"hidden": true}.
func (s *Server) apiMilestonesVisibility(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Hidden bool `json:"hidden"`
	}
	err := readJSON(w, r, &in)
	if err == nil {
		err = s.Network.SetMilestonesHidden(r.Context(), in.Hidden)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

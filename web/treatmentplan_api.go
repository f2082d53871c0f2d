package web

import (
	"net/http"
	"strconv"

	"kinship"
)

// The treatment plan API. A plan is kinship.TreatmentPlan as JSON:
//
//	{"id", "client_id", "episode_id", "version", "saved_by", "saved_at",
//	 "problems": [{"diagnosis": "F10.20", "diagnosis_title", "text",
//	   "goals": [{"text",
//	     "objectives": [{"id", "text", "target_on": "2027-01-15",
//	       "instrument": "phq9", "comparison": "below|at_most|above|at_least",
//	       "threshold": 10, "instrument_name", "progress": {"scores": [{"taken_on", "total"}], "met"}}],
//	     "interventions": [{"what", "frequency", "staff_id" or "role", "staff_name"}]}]}],
//	 "clinician_signature": null or {"name", "signed_on", "recorded_by", "recorded_at"},
//	 "client_signature": null or {"name", "signed_on", "via": "in_person|portal", ...},
//	 "versions": [{"id", "version", "episode_id", "signed_by", "signed_on", "client_signed_on"}]}
//
// POST .../treatment-plan starts a new draft with {"problems": [...]}, or,
// without "problems", as a copy of the signed version in force. PUT
// changes the open draft: {"version": 2, "problems": [...]}; a signed
// version answers 409. Fields read on the way out (titles, names,
// progress) are ignored on the way in, so a plan read may be sent back.
// Errors name fields by path: "problems.0.goals.0.objectives.1.target_on";
// an intervention's staff_id or role is "who".

// apiTreatmentPlan answers the latest version, or the one in the path.
func (s *Server) apiTreatmentPlan(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	version := 0
	if v := r.PathValue("version"); err == nil && v != "" {
		if version, err = strconv.Atoi(v); err != nil || version < 1 {
			err = kinship.Errorf(kinship.ENOTFOUND, "There is no such version of the plan.")
		}
	}
	var p *kinship.TreatmentPlan
	if err == nil {
		p, err = s.Plans.TreatmentPlan(r.Context(), id, version)
	}
	s.answerPlan(w, r, http.StatusOK, p, err)
}

// apiTreatmentPlanSave starts a draft (start) or changes the open one.
func (s *Server) apiTreatmentPlanSave(start bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		var in kinship.TreatmentPlanInput
		if err == nil {
			err = readJSON(w, r, &in)
		}
		switch {
		case err != nil:
		case start && in.Version != 0:
			err = invalid("version", "A new draft has no version yet; change an open draft with PUT.")
		case !start && in.Version < 1:
			err = invalid("version", "Give the version of the draft you are changing.")
		}
		var p *kinship.TreatmentPlan
		if err == nil {
			p, err = s.Plans.SaveTreatmentPlan(r.Context(), id, in)
		}
		s.answerPlan(w, r, map[bool]int{true: http.StatusCreated, false: http.StatusOK}[start], p, err)
	}
}

// apiTreatmentPlanSign takes kinship.PlanSigning: {"version", "name",
// "signed_on", "client_name"}.
func (s *Server) apiTreatmentPlanSign(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in kinship.PlanSigning
	if err == nil {
		err = readJSON(w, r, &in)
	}
	var p *kinship.TreatmentPlan
	if err == nil {
		p, err = s.Plans.SignTreatmentPlan(r.Context(), id, in)
	}
	s.answerPlan(w, r, http.StatusOK, p, err)
}

func (s *Server) answerPlan(w http.ResponseWriter, r *http.Request, status int, p *kinship.TreatmentPlan, err error) {
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, status, p)
}

func (s *Server) apiPlanStatus(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var st *kinship.PlanStatus
	if err == nil {
		st, err = s.Plans.PlanStatus(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

// apiPlanReviewsDue lists the reviews due soon or overdue, as the
// dashboard does.
func (s *Server) apiPlanReviewsDue(w http.ResponseWriter, r *http.Request) {
	list, err := s.Plans.PlanReviewsDue(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeList(w, "reviews", list, func(st *kinship.PlanStatus) *kinship.PlanStatus { return st })
}

type planSettingsJSON struct {
	ReviewDays int `json:"review_days"`
}

func (s *Server) apiPlanSettings(w http.ResponseWriter, r *http.Request) {
	days, err := s.Plans.PlanReviewDays(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, planSettingsJSON{days})
}

func (s *Server) apiPlanSettingsSet(w http.ResponseWriter, r *http.Request) {
	var in planSettingsJSON
	err := readJSON(w, r, &in)
	if err == nil {
		err = s.Plans.SetPlanReviewDays(r.Context(), in.ReviewDays)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, in)
}

func (s *Server) apiMyTreatmentPlan(w http.ResponseWriter, r *http.Request) {
	p, err := s.Plans.MyTreatmentPlan(r.Context())
	s.answerPlan(w, r, http.StatusOK, p, err)
}

// apiMyTreatmentPlanSign takes {"plan_id", "name"}: the version the
// client read, and their name as they typed it.
func (s *Server) apiMyTreatmentPlanSign(w http.ResponseWriter, r *http.Request) {
	var in struct {
		PlanID int64  `json:"plan_id"`
		Name   string `json:"name"`
	}
	err := readJSON(w, r, &in)
	var p *kinship.TreatmentPlan
	if err == nil {
		p, err = s.Plans.SignMyTreatmentPlan(r.Context(), in.PlanID, in.Name)
	}
	s.answerPlan(w, r, http.StatusOK, p, err)
}

package web

import (
	"net/http"
	"strconv"

	"kinship"
	"kinship/instrument"
)

// measureFormPage is an instrument to fill in for a client, as staff enter
// it from paper or an interview.
type measureFormPage struct {
	layout
	Client     *kinship.Client
	Definition *instrument.Definition
	Answers    map[string]int // item ID → chosen option index
	TakenOn    string
	Errors     map[string]string
}

func (s *Server) handleMeasureForm(w http.ResponseWriter, r *http.Request) {
	def, err := s.Instruments.Lookup(r.URL.Query().Get("code"))
	if err != nil {
		s.handleNotFound(w, r)
		return
	}
	s.renderMeasureForm(w, r, http.StatusOK, def, nil, s.today(r).String(), nil)
}

func (s *Server) renderMeasureForm(w http.ResponseWriter, r *http.Request, status int, def *instrument.Definition,
	answers map[string]int, takenOn string, errs map[string]string) {
	c, ok := s.loadClient(w, r)
	if !ok {
		return
	}
	s.render(w, r, status, "measure_form", &measureFormPage{layout: layout{Title: def.ShortName + " for " + c.NameToUse},
		Client: c, Definition: def, Answers: answers, TakenOn: takenOn, Errors: errs})
}

// handleMeasureRecord scores and stores a filled-in instrument. Items not
// asked (skipped by an earlier answer) are ignored.
func (s *Server) handleMeasureRecord(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.handleNotFound(w, r)
		return
	}
	def, err := s.Instruments.Lookup(r.PostFormValue("code"))
	if err != nil {
		s.fail(w, r, invalid("code", "Choose an instrument."))
		return
	}
	byID := map[string]int{}
	for _, it := range def.Items {
		if v, err := strconv.Atoi(r.PostFormValue("item-" + it.ID)); err == nil {
			byID[it.ID] = v
		}
	}
	in := kinship.ResponseInput{ClientID: id, Code: def.Code, AnotherSameDay: r.PostFormValue("another_same_day") != ""}
	var aerr, derr error
	in.Answers, aerr = def.Collect(byID)
	in.TakenOn, derr = formDate(r, "taken_on")
	err = mergeErrors(aerr, derr)
	var resp *kinship.Response
	if err == nil {
		resp, err = s.Measures.RecordResponse(r.Context(), in)
	}
	switch kinship.ErrorCode(err) {
	case "":
	case kinship.EINVALID:
		s.renderMeasureForm(w, r, http.StatusBadRequest, def, byID, r.PostFormValue("taken_on"), formErrors(err))
		return
	case kinship.ECONFLICT:
		// One already saved that day: the same answers again, and a box to
		// confirm a second one.
		errs := formErrors(err)
		errs[""] = kinship.ErrorMessage(err)
		s.renderMeasureForm(w, r, http.StatusConflict, def, byID, r.PostFormValue("taken_on"), errs)
		return
	default:
		s.fail(w, r, err)
		return
	}
	// A safety alert is what to act on first: land on it, at the top of
	// the chart, rather than on the scores below.
	if resp.AlertID != 0 {
		http.Redirect(w, r, "/clients/"+itoa(id)+"?done=measure-alert#alert-"+itoa(resp.AlertID), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/clients/"+itoa(id)+"?done=measure#measures-h", http.StatusSeeOther)
}

func (s *Server) handleMeasureAssign(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.Measures.AssignMeasure(r.Context(), id, r.PostFormValue("code"))
	}
	if err != nil {
		s.chartFormFailed(w, r, "assign", err, kinship.Admission{})
		return
	}
	http.Redirect(w, r, "/clients/"+itoa(id)+"?done=assigned#measures-h", http.StatusSeeOther)
}

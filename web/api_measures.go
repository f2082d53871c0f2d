package web

import (
	"net/http"
	"time"

	"kinship"
	"kinship/instrument"
)

// apiInstruments lists the instrument definitions in use, whole.
func (s *Server) apiInstruments(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"instruments": s.Instruments.List()})
}

// apiScore scores answers without storing anything: a calculator that
// holds no client data. An unknown code is a bad request, like a bad answer.
func (s *Server) apiScore(w http.ResponseWriter, r *http.Request) {
	def, err := s.Instruments.Lookup(r.PathValue("code"))
	if err != nil {
		s.fail(w, r, invalid("code", kinship.ErrorMessage(err)))
		return
	}
	var in struct {
		Answers []int  `json:"answers"`
		Sex     string `json:"sex_for_clinical_use"`
	}
	var res instrument.Result
	if err = readJSON(w, r, &in); err == nil {
		res, err = def.Score(in.Answers, in.Sex)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// responseJSON is a stored response on the wire.
type responseJSON struct {
	ID        int64          `json:"id"`
	ClientID  int64          `json:"client_id"`
	Code      string         `json:"code"`
	Version   string         `json:"version"`
	Answers   []int          `json:"answers"`
	Total     int            `json:"total"`
	Severity  string         `json:"severity"`
	Flags     []string       `json:"flags"`
	Subscales map[string]int `json:"subscales"`
	Threshold string         `json:"threshold"`
	TakenOn   kinship.Date   `json:"taken_on"`
	ByClient  bool           `json:"by_client"`
	CreatedAt time.Time      `json:"created_at"`
}

func toResponseJSON(r *kinship.Response) responseJSON {
	return responseJSON{ID: r.ID, ClientID: r.ClientID, Code: r.Code, Version: r.Version, Answers: r.Answers, Total: r.Total,
		Severity: r.Severity, Flags: r.Flags, Subscales: r.Subscales, Threshold: r.Threshold, TakenOn: r.TakenOn,
		ByClient: r.ByClient, CreatedAt: r.CreatedAt}
}

func (s *Server) apiResponses(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var rs []*kinship.Response
	if err == nil {
		rs, err = s.Measures.Responses(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeList(w, "responses", rs, toResponseJSON)
}

// apiResponseCreate scores and stores answers: {"code", "answers",
// "taken_on"?, "another_same_day"?}. A second response to the instrument
// on the same day is a 409 conflict naming another_same_day until that is
// true.
func (s *Server) apiResponseCreate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in struct {
		Code           string       `json:"code"`
		Answers        []int        `json:"answers"`
		TakenOn        kinship.Date `json:"taken_on"`
		AnotherSameDay bool         `json:"another_same_day"`
	}
	var resp *kinship.Response
	if err == nil {
		err = readJSON(w, r, &in)
	}
	if err == nil {
		resp, err = s.Measures.RecordResponse(r.Context(), kinship.ResponseInput{ClientID: id, Code: in.Code, Answers: in.Answers,
			TakenOn: in.TakenOn, AnotherSameDay: in.AnotherSameDay})
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toResponseJSON(resp))
}

func (s *Server) apiMeasureAssign(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in struct {
		Code string `json:"code"`
	}
	if err == nil {
		err = readJSON(w, r, &in)
	}
	if err == nil {
		err = s.Measures.AssignMeasure(r.Context(), id, in.Code)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"assigned": in.Code})
}

func (s *Server) apiDue(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var due []*kinship.DueMeasure
	if err == nil {
		due, err = s.Measures.DueMeasures(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	type dueJSON struct {
		Code     string       `json:"code"`
		DueOn    kinship.Date `json:"due_on"`
		Overdue  bool         `json:"overdue"`
		Assigned bool         `json:"assigned"`
	}
	today := s.today(r)
	writeList(w, "due", due, func(d *kinship.DueMeasure) dueJSON {
		return dueJSON{Code: d.Code, DueOn: d.DueOn, Overdue: d.Overdue(today), Assigned: d.Assigned}
	})
}

// screenJSON is a drug screen on the wire.
type screenJSON struct {
	ID          int64                  `json:"id"`
	ClientID    int64                  `json:"client_id"`
	CollectedOn kinship.Date           `json:"collected_on"`
	Specimen    string                 `json:"specimen"`
	Observed    bool                   `json:"observed"`
	Method      string                 `json:"method"`
	Results     []kinship.ScreenResult `json:"results"`
	Summary     string                 `json:"summary"`
	Note        string                 `json:"note"`
}

func toScreenJSON(d *kinship.DrugScreen) screenJSON {
	return screenJSON{ID: d.ID, ClientID: d.ClientID, CollectedOn: d.CollectedOn, Specimen: d.Specimen, Observed: d.Observed,
		Method: d.Method, Results: d.Results, Summary: d.Summary(), Note: d.Note}
}

func (s *Server) apiScreens(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var screens []*kinship.DrugScreen
	if err == nil {
		screens, err = s.Screens.Screens(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeList(w, "screens", screens, toScreenJSON)
}

func (s *Server) apiScreenCreate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in kinship.DrugScreenInput
	var d *kinship.DrugScreen
	if err == nil {
		err = readJSON(w, r, &in)
	}
	if err == nil {
		in.ClientID = id
		d, err = s.Screens.RecordScreen(r.Context(), in)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toScreenJSON(d))
}

// apiTimeline lists a client's timeline: ?from&to (default the last eight
// weeks) and any number of ?kind.
func (s *Server) apiTimeline(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	errs := kinship.FieldErrors{}
	to, from := s.today(r), s.today(r).AddDays(-timelineDays)
	if v := q.Get("to"); v != "" {
		to = queryDate(v, "to", "the last day", errs)
	}
	if v := q.Get("from"); v != "" {
		from = queryDate(v, "from", "the first day", errs)
	}
	var entries []kinship.TimelineEntry
	if err = errs.Err(); err == nil {
		entries, err = s.Timeline.Timeline(r.Context(), id, from, to, q["kind"]...)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	type entryJSON struct {
		Day       kinship.Date `json:"day"`
		Kind      string       `json:"kind"`
		Text      string       `json:"text"`
		Attention bool         `json:"attention"`
	}
	writeList(w, "entries", entries, func(e kinship.TimelineEntry) entryJSON { return entryJSON{e.Day, e.Kind, e.Text, e.Attention} })
}

package web

import (
	"net/http"
	"slices"

	"kinship"
)

// screenFormPage records a drug screen: the collection, then a result for
// each substance on the panel (or "not tested").
type screenFormPage struct {
	layout
	Client *kinship.Client
	Panel  []string
	Input  kinship.DrugScreenInput
	Errors map[string]string
}

// Result returns the input's result for a substance, or "" if not tested.
func (p *screenFormPage) Result(substance string) string {
	for _, r := range p.Input.Results {
		if r.Substance == substance {
			return r.Result
		}
	}
	return ""
}

func (s *Server) handleDrugScreenForm(w http.ResponseWriter, r *http.Request) {
	s.renderDrugScreenForm(w, r, http.StatusOK, kinship.DrugScreenInput{CollectedOn: s.today(r), Specimen: "urine", Method: "point_of_care"}, nil)
}

func (s *Server) renderDrugScreenForm(w http.ResponseWriter, r *http.Request, status int, in kinship.DrugScreenInput, errs map[string]string) {
	c, ok := s.loadClient(w, r)
	if !ok {
		return
	}
	panel, err := s.Screens.ScreenPanel(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "screen_form", &screenFormPage{layout: layout{Title: "Drug screen for " + c.NameToUse},
		Client: c, Panel: panel, Input: in, Errors: errs})
}

func (s *Server) handleDrugScreenRecord(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.handleNotFound(w, r)
		return
	}
	in := kinship.DrugScreenInput{ClientID: id, Specimen: r.PostFormValue("specimen"), Method: r.PostFormValue("method"),
		Observed: r.PostFormValue("observed") == "on", Note: r.PostFormValue("note")}
	panel, err := s.Screens.ScreenPanel(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, sub := range panel {
		if v := r.PostFormValue("result_" + sub); v != "" && v != "not_tested" {
			in.Results = append(in.Results, kinship.ScreenResult{Substance: sub, Result: v})
		}
	}
	if in.CollectedOn, err = formDate(r, "collected_on"); err == nil {
		_, err = s.Screens.RecordScreen(r.Context(), in)
	}
	switch kinship.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/clients/"+itoa(id)+"?done=screen#screens-h", http.StatusSeeOther)
	case kinship.EINVALID:
		s.renderDrugScreenForm(w, r, http.StatusBadRequest, in, formErrors(err))
	default:
		s.fail(w, r, err)
	}
}

// timelinePage is a client's chart as one list, newest first.
type timelinePage struct {
	layout
	Client   *kinship.Client
	Entries  []kinship.TimelineEntry
	Kinds    []string // the filter's choices
	Selected []string
	From, To kinship.Date
	Errors   map[string]string
}

// Selects reports whether kind is filtered in.
func (p *timelinePage) Selects(kind string) bool {
	return len(p.Selected) == 0 || slices.Contains(p.Selected, kind)
}

// timelineDays is how far back a timeline looks unless asked otherwise.
const timelineDays = 56

func (s *Server) handleTimeline(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadClient(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	p := &timelinePage{layout: layout{Title: "Timeline for " + c.NameToUse}, Client: c, Kinds: kinship.TimelineKinds,
		Selected: q["kind"], To: s.today(r)}
	p.From = p.To.AddDays(-timelineDays)
	var err error
	for field, d := range map[string]*kinship.Date{"from": &p.From, "to": &p.To} {
		if v := q.Get(field); v != "" {
			if *d, err = kinship.ParseDate(v); err != nil {
				p.Errors = formErrors(invalid(field, "Enter a real date, written YYYY-MM-DD."))
			}
		}
	}
	status := http.StatusOK
	if p.Errors == nil {
		p.Entries, err = s.Timeline.Timeline(r.Context(), c.ID, p.From, p.To, p.Selected...)
	}
	switch kinship.ErrorCode(err) {
	case "":
	case kinship.EINVALID:
		p.Errors, status = formErrors(err), http.StatusBadRequest
	default:
		s.fail(w, r, err)
		return
	}
	if p.Errors != nil && status == http.StatusOK {
		status = http.StatusBadRequest
	}
	s.render(w, r, status, "timeline", p)
}

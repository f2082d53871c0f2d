package web

import (
	"net/http"
	"strconv"
	"strings"

	"kinship"
)

// planOwner is whose plan a request is about: the signed-in client's own
// (under /me), or a client's as their counselor sees it (under
// /clients/{id}). The same pages and API serve both.
type planOwner struct {
	client *kinship.Client // nil for the client's own plan
	name   string          // the name to use
	base   string          // the plan's address
	load   func(version int) (*kinship.RecoveryPlan, error)
	save   func(in kinship.PlanInput) (*kinship.RecoveryPlan, error)
}

// latest is the latest version of the plan, or nil before the first save.
func (o *planOwner) latest() (*kinship.RecoveryPlan, error) {
	p, err := o.load(0)
	if kinship.ErrorCode(err) == kinship.ENOTFOUND {
		return nil, nil
	}
	return p, err
}

// planOwnerOf resolves the owner, or answers the request and returns false.
func (s *Server) planOwnerOf(w http.ResponseWriter, r *http.Request) (*planOwner, bool) {
	ctx := r.Context()
	if a := visitOf(r).client; a != nil {
		return &planOwner{name: a.NameToUse, base: "/me/plan",
			load: func(v int) (*kinship.RecoveryPlan, error) { return s.Recovery.MyPlan(ctx, v) },
			save: func(in kinship.PlanInput) (*kinship.RecoveryPlan, error) { return s.Recovery.SaveMyPlan(ctx, in) }}, true
	}
	c, ok := s.loadClient(w, r)
	if !ok {
		return nil, false
	}
	return &planOwner{client: c, name: c.NameToUse, base: "/clients/" + itoa(c.ID) + "/plan",
		load: func(v int) (*kinship.RecoveryPlan, error) { return s.Recovery.ClientPlan(ctx, c.ID, v) },
		save: func(in kinship.PlanInput) (*kinship.RecoveryPlan, error) {
			return s.Recovery.SaveClientPlan(ctx, c.ID, in)
		}}, true
}

// planPage is the plan with its form, or (OneVersion set) one earlier
// version to read.
type planPage struct {
	layout
	Owner      *planOwner
	Plan       *kinship.RecoveryPlan // nil before the first save
	Form       kinship.PlanInput
	OneVersion bool // showing one version, read-only
	Editing    bool // the form; otherwise the plan opens as its calm read view
	Errors     map[string]string
}

// Client is the client whose chart the page belongs to; nil in the portal.
func (p *planPage) Client() *kinship.Client { return p.Owner.client }

// Base is the plan's address.
func (p *planPage) Base() string { return p.Owner.base }

// Who says who saved a version: "you" to the client, their name to staff.
func (p *planPage) Who(v kinship.PlanVersion) string {
	switch {
	case v.ByClient && p.Owner.client == nil:
		return "you"
	case v.ByClient:
		return p.Owner.name
	case v.SavedBy == "":
		return "the program"
	}
	return v.SavedBy
}

// Name is the client's name to use.
func (p *planPage) Name() string { return p.Owner.name }

// planSection is one list of the plan as the page shows it.
type planSection struct {
	Field, Label, Hint, Error string
	Items                     []string
}

// Text is the list as its form field holds it, one item a line.
func (s planSection) Text() string { return strings.Join(s.Items, "\n") }

// planLabels are each list's label and hint, by field.
var planLabels = map[string][2]string{
	"trigger_people":    {"People", "Who makes using feel closer? Names or just “old friends I used with”."},
	"trigger_places":    {"Places", "Where cravings tend to start."},
	"trigger_feelings":  {"Feelings", "Lonely, bored, angry, celebrating…"},
	"trigger_times":     {"Times", "Friday nights, payday, after work…"},
	"warning_signs":     {"Warning signs", "What shows a slip may be getting closer: skipping meals, isolating, not sleeping."},
	"coping_strategies": {"Coping strategies", "What helps when a craving comes."},
	"reasons":           {"Reasons for recovery", "Who and what this is for."},
}

// Sections are the lists of c with their labels and errors: the four
// kinds of trigger first.
func (p *planPage) Sections(c kinship.PlanContent) []planSection {
	var out []planSection
	for _, l := range c.Lists() {
		label := planLabels[l.Field]
		out = append(out, planSection{Field: l.Field, Label: label[0], Hint: label[1], Error: p.Errors[l.Field], Items: *l.Items})
	}
	return out
}

// blankRows is how many empty rows the form adds for people and places.
const blankRows = 2

// planRow is one numbered row of the form, from 0; people and places
// each have rows.
type planRow[T any] struct {
	I     int
	Value T
}

// Number is the row's number as people count, from 1.
func (r planRow[T]) Number() int { return r.I + 1 }

// planRows numbers items and adds blank rows to write more.
func planRows[T any](items []T) []planRow[T] {
	out := make([]planRow[T], len(items)+blankRows)
	for i := range out {
		out[i].I = i
		if i < len(items) {
			out[i].Value = items[i]
		}
	}
	return out
}

// PeopleRows are the people to call, with blank rows to add more.
func (p *planPage) PeopleRows() []planRow[kinship.PlanPerson] { return planRows(p.Form.People) }

// PlaceRows are the safe places, with blank rows to add more.
func (p *planPage) PlaceRows() []planRow[kinship.SafePlace] { return planRows(p.Form.SafePlaces) }

func (s *Server) handlePlan(w http.ResponseWriter, r *http.Request) {
	o, ok := s.planOwnerOf(w, r)
	if !ok {
		return
	}
	p, err := o.latest()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page := s.newPlanPage(r, o, p)
	// Before the first save there is nothing to read, only the form.
	page.Editing = p == nil || r.URL.Query().Has("edit")
	if p != nil {
		page.Form = kinship.PlanInput{PlanContent: p.PlanContent, BaseVersion: p.Version}
	}
	s.render(w, r, http.StatusOK, "plan", page)
}

func (s *Server) newPlanPage(r *http.Request, o *planOwner, p *kinship.RecoveryPlan) *planPage {
	title := "My plan"
	if o.client != nil {
		title = "Recovery plan for " + o.name
	}
	return &planPage{layout: layout{Title: title, Notice: recoveryNotices[r.URL.Query().Get("done")]}, Owner: o, Plan: p}
}

func (s *Server) handlePlanSave(w http.ResponseWriter, r *http.Request) {
	o, ok := s.planOwnerOf(w, r)
	if !ok {
		return
	}
	in := planForm(r)
	_, err := o.save(in)
	switch kinship.ErrorCode(err) {
	case "":
		http.Redirect(w, r, o.base+"?done=plan", http.StatusSeeOther)
		return
	case kinship.EINVALID, kinship.ECONFLICT:
	default:
		s.fail(w, r, err)
		return
	}
	// Show what was written, against the latest version: after a conflict
	// the editor sees what changed and may save again.
	latest, lerr := o.latest()
	if lerr != nil {
		s.fail(w, r, lerr)
		return
	}
	page := s.newPlanPage(r, o, latest)
	page.Form, page.Errors, page.Editing = in, formErrors(err), true
	if latest != nil && kinship.ErrorCode(err) == kinship.ECONFLICT {
		page.Form.BaseVersion = latest.Version
	}
	s.render(w, r, s.statusOf(r, err), "plan", page)
}

// planForm reads the plan form: each list one item a line, and numbered
// rows for people and places.
func planForm(r *http.Request) kinship.PlanInput {
	var in kinship.PlanInput
	r.ParseForm()
	in.BaseVersion, _ = strconv.Atoi(r.PostFormValue("base_version"))
	for _, l := range in.Lists() {
		*l.Items = strings.Split(r.PostFormValue(l.Field), "\n")
	}
	// Rows past the limit are still read, so the limit is reported.
	for i := 0; i <= kinship.MaxPlanItems+blankRows; i++ {
		n := strconv.Itoa(i)
		if name, ok := r.PostForm["person_name_"+n]; ok {
			in.People = append(in.People, kinship.PlanPerson{Name: name[0], Phone: r.PostFormValue("person_phone_" + n)})
		}
		if name, ok := r.PostForm["place_name_"+n]; ok {
			in.SafePlaces = append(in.SafePlaces, kinship.SafePlace{Name: name[0], Affirming: r.PostFormValue("place_affirming_"+n) == "on"})
		}
	}
	in.CrisisPlan = r.PostFormValue("crisis_plan")
	return in
}

// handlePlanVersion shows one version of the plan, to read.
func (s *Server) handlePlanVersion(w http.ResponseWriter, r *http.Request) {
	o, ok := s.planOwnerOf(w, r)
	if !ok {
		return
	}
	v, err := strconv.Atoi(r.PathValue("version"))
	var p *kinship.RecoveryPlan
	if err != nil || v < 1 {
		err = kinship.Errorf(kinship.ENOTFOUND, "There is no such version of the plan.")
	} else {
		p, err = o.load(v)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page := s.newPlanPage(r, o, p)
	page.Title, page.OneVersion = page.Title+", version "+strconv.Itoa(v), true
	s.render(w, r, http.StatusOK, "plan", page)
}

// handlePlanCard is the pocket card to print: the name to use, what helps,
// people to call and the crisis lines (these alone before there is a plan).
func (s *Server) handlePlanCard(w http.ResponseWriter, r *http.Request) {
	o, ok := s.planOwnerOf(w, r)
	if !ok {
		return
	}
	p, err := o.latest()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page := s.newPlanPage(r, o, p)
	page.Title = "Pocket card"
	s.render(w, r, http.StatusOK, "plan_card", page)
}

func (s *Server) apiPlan(w http.ResponseWriter, r *http.Request) {
	o, ok := s.planOwnerOf(w, r)
	if !ok {
		return
	}
	p, err := o.load(0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func (s *Server) apiPlanSave(w http.ResponseWriter, r *http.Request) {
	o, ok := s.planOwnerOf(w, r)
	if !ok {
		return
	}
	var in kinship.PlanInput
	err := readJSON(w, r, &in)
	var p *kinship.RecoveryPlan
	if err == nil {
		p, err = o.save(in)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, p)
}

// recoveryNotices are the confirmations of this part's pages, by the
// ?done key of a redirect.
var recoveryNotices = map[string]string{
	"plan":         "Plan saved. Earlier versions are kept below.",
	"logged":       "Logged. Each time you practise a skill on a real trigger, it gets a little stronger.",
	"goal":         "Goal added.",
	"goal-updated": "Progress saved.",
	"goal-removed": "Goal removed.",
	"skills":       "Skills list saved.",
}

package web

import (
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"kinship"
	"kinship/instrument"
	"kinship/trend"
)

// tplanPage is a client's treatment plan: the latest version, or an
// earlier one to read, with each measured objective's progress, the
// signatures and the list of versions.
type tplanPage struct {
	layout
	Client  *kinship.Client
	Plan    *kinship.TreatmentPlan // nil before the first draft
	Status  *kinship.PlanStatus
	Today   kinship.Date
	Earlier bool // a version asked for by number, to read
	CanEdit bool
	// Failed names the form whose Errors these are: sign or client.
	Failed  string
	Errors  map[string]string
	Signing kinship.PlanSigning // what the failed form held
	plans   *instrument.Registry
}

// Num numbers a problem or goal as people count, from 1.
func (p *tplanPage) Num(i int) int { return i + 1 }

// SignErrors are the failed signing form's errors for its summary: each
// of its fields' messages, and the rest (a conflict, or places in the plan
// to finish before signing) as the form's own message.
func (p *tplanPage) SignErrors() map[string]string {
	out := map[string]string{}
	var other []string
	for k, msg := range p.Errors {
		if slices.Contains([]string{"name", "signed_on", "client_name"}, k) {
			out[k] = msg
		} else {
			other = append(other, msg)
		}
	}
	slices.Sort(other)
	if len(other) > 0 {
		out[""] = strings.Join(other, " ")
	}
	return out
}

// Trend draws a measured objective's scores small, with its target shaded.
func (p *tplanPage) Trend(o kinship.Objective) template.HTML { return objectiveTrend(p.plans, o) }

// objectiveTrend draws o's scores over the instrument's range, shading
// the scores that meet it; empty when o has no scores.
func objectiveTrend(reg *instrument.Registry, o kinship.Objective) template.HTML {
	def, err := reg.Lookup(o.Instrument)
	if err != nil || o.Progress == nil || len(o.Progress.Scores) == 0 {
		return ""
	}
	top, t := float64(def.MaxTotal()), float64(*o.Threshold)
	// Totals are whole numbers, so "at most 9" shades up to where 10 starts.
	band := map[string]trend.Band{"below": {Min: 0, Max: t}, "at_most": {Min: 0, Max: min(t+1, top)},
		"above": {Min: min(t+1, top), Max: top}, "at_least": {Min: t, Max: top}}[o.Comparison]
	band.Label = "target"
	ch := trend.Chart{ID: "objective-" + strconv.FormatInt(o.ID, 10), Title: def.ShortName + " scores toward " + o.MeasureText(),
		Max: top, Bands: []trend.Band{band}}
	for _, sp := range o.Progress.Scores {
		ch.Points = append(ch.Points, trend.Point{Day: sp.TakenOn, Value: float64(sp.Total)})
	}
	return ch.SVG()
}

// tplanNotices are this part's confirmations, by the ?done key.
var tplanNotices = map[string]string{
	"tplan-saved":         "Draft saved.",
	"tplan-signed":        "Signed. This version is now locked; a change starts a new version.",
	"tplan-client-signed": "The client's signature is recorded.",
	"tplan-you-signed":    "Thank you for signing your plan.",
	"tplan-review-days":   "Review interval saved.",
}

func (s *Server) handleTreatmentPlan(w http.ResponseWriter, r *http.Request) {
	s.renderTreatmentPlan(w, r, http.StatusOK, 0, nil)
}

// handleTreatmentPlanVersion shows one version, to read.
func (s *Server) handleTreatmentPlanVersion(w http.ResponseWriter, r *http.Request) {
	v, err := strconv.Atoi(r.PathValue("version"))
	if err != nil || v < 1 {
		s.handleNotFound(w, r)
		return
	}
	s.renderTreatmentPlan(w, r, http.StatusOK, v, nil)
}

// renderTreatmentPlan draws a version of the plan (0: the latest), after
// fill adds a failed form's errors.
func (s *Server) renderTreatmentPlan(w http.ResponseWriter, r *http.Request, status, version int, fill func(*tplanPage)) {
	c, ok := s.loadClient(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	p := &tplanPage{layout: layout{Title: "Treatment plan for " + c.NameToUse, Notice: tplanNotices[r.URL.Query().Get("done")]},
		Client: c, Today: s.today(r), Earlier: version != 0, CanEdit: visitOf(r).me.Role.Can(kinship.PermEpisodeManage), plans: s.Instruments}
	plan, err := s.Plans.TreatmentPlan(ctx, c.ID, version)
	if kinship.ErrorCode(err) == kinship.ENOTFOUND && version == 0 {
		err = nil // no plan yet
	}
	p.Plan = plan
	if err == nil {
		p.Status, err = s.Plans.PlanStatus(ctx, c.ID)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if version != 0 {
		p.Title += ", version " + strconv.Itoa(version)
	}
	p.Signing = kinship.PlanSigning{Name: visitOf(r).me.Name, On: p.Today}
	if fill != nil {
		fill(p)
	}
	s.render(w, r, status, "tplan", p)
}

// handleTreatmentPlanSign signs the draft (the "sign" form), or records
// the client's in-person signature of the version in force (the "client"
// form).
func (s *Server) handleTreatmentPlanSign(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form := r.PostFormValue("form")
	in := kinship.PlanSigning{Version: int(formInt(r, "version")), ClientName: r.PostFormValue("client_name")}
	if form == "sign" {
		in.Name = r.PostFormValue("name")
	}
	if in.On, err = formDate(r, "signed_on"); err == nil {
		_, err = s.Plans.SignTreatmentPlan(r.Context(), id, in)
	}
	switch kinship.ErrorCode(err) {
	case "":
		done := map[bool]string{true: "tplan-signed", false: "tplan-client-signed"}[form == "sign"]
		http.Redirect(w, r, "/clients/"+itoa(id)+"/treatment-plan?done="+done, http.StatusSeeOther)
	case kinship.EINVALID, kinship.ECONFLICT:
		s.renderTreatmentPlan(w, r, s.statusOf(r, err), 0, func(p *tplanPage) {
			p.Failed, p.Errors, p.Signing = form, formErrors(err), in
		})
	default:
		s.fail(w, r, err)
	}
}

// tplanPrintPage is a signed version laid out to print or save as a PDF.
// It names the client by the name they use, never their legal name.
type tplanPrintPage struct {
	layout
	Client      *kinship.Client
	Plan        *kinship.TreatmentPlan
	CanDisclose bool
}

// Num numbers a problem or goal as people count, from 1.
func (p *tplanPrintPage) Num(i int) int { return i + 1 }

func (s *Server) handleTreatmentPlanPrint(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadClient(w, r)
	if !ok {
		return
	}
	v, err := strconv.Atoi(r.PathValue("version"))
	var plan *kinship.TreatmentPlan
	if err != nil || v < 1 {
		err = kinship.Errorf(kinship.ENOTFOUND, "There is no such version of the plan.")
	} else {
		plan, err = s.Plans.PrintTreatmentPlan(r.Context(), c.ID, v)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "tplan_print", &tplanPrintPage{layout: layout{Title: "Treatment plan for " + c.NameToUse},
		Client: c, Plan: plan, CanDisclose: visitOf(r).me.Role.Can(kinship.PermDisclose)})
}

// tplanSettingsPage is where an admin sets how often plans are reviewed.
type tplanSettingsPage struct {
	layout
	Days   string
	Errors map[string]string
}

// SoonDays is how far ahead dashboards list reviews.
func (p *tplanSettingsPage) SoonDays() int { return kinship.PlanReviewSoonDays }

func (s *Server) handlePlanSettings(w http.ResponseWriter, r *http.Request) {
	days, err := s.Plans.PlanReviewDays(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "tplan_settings", &tplanSettingsPage{layout: layout{Title: "Treatment plan reviews",
		Notice: tplanNotices[r.URL.Query().Get("done")]}, Days: strconv.Itoa(days)})
}

func (s *Server) handlePlanSettingsSave(w http.ResponseWriter, r *http.Request) {
	typed := r.PostFormValue("review_days")
	days, err := strconv.Atoi(typed)
	if err != nil {
		err = invalid("review_days", "Write the number of days, like 30.")
	} else {
		err = s.Plans.SetPlanReviewDays(r.Context(), days)
	}
	if kinship.ErrorCode(err) == kinship.EINVALID {
		s.render(w, r, http.StatusBadRequest, "tplan_settings", &tplanSettingsPage{layout: layout{Title: "Treatment plan reviews"},
			Days: typed, Errors: formErrors(err)})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/treatment-plans?done=tplan-review-days", http.StatusSeeOther)
}

// tplanMePage is the client's own plan in their portal, in plain words.
type tplanMePage struct {
	layout
	Plan   *kinship.TreatmentPlan // nil until a version is signed
	Name   string                 // the name they use, which they sign with
	Typed  string
	Errors map[string]string
	plans  *instrument.Registry
}

// Trend draws a measured objective's scores small.
func (p *tplanMePage) Trend(o kinship.Objective) template.HTML { return objectiveTrend(p.plans, o) }

func (s *Server) handleMyTreatmentPlan(w http.ResponseWriter, r *http.Request) {
	s.renderMyTreatmentPlan(w, r, http.StatusOK, "", nil)
}

func (s *Server) renderMyTreatmentPlan(w http.ResponseWriter, r *http.Request, status int, typed string, errs map[string]string) {
	plan, err := s.Plans.MyTreatmentPlan(r.Context())
	if err != nil && kinship.ErrorCode(err) != kinship.ENOTFOUND {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "tplan_me", &tplanMePage{layout: layout{Title: "My treatment plan", Notice: tplanNotices[r.URL.Query().Get("done")]},
		Plan: plan, Name: visitOf(r).client.NameToUse, Typed: typed, Errors: errs, plans: s.Instruments})
}

func (s *Server) handleMyTreatmentPlanSign(w http.ResponseWriter, r *http.Request) {
	typed := r.PostFormValue("name")
	_, err := s.Plans.SignMyTreatmentPlan(r.Context(), formInt(r, "plan_id"), typed)
	switch kinship.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/me/treatment-plan?done=tplan-you-signed", http.StatusSeeOther)
	case kinship.EINVALID, kinship.ECONFLICT:
		s.renderMyTreatmentPlan(w, r, s.statusOf(r, err), typed, formErrors(err))
	default:
		s.fail(w, r, err)
	}
}

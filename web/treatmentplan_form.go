package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"kinship"
)

// tplanFormPage edits a draft: the open draft, or a new one that starts
// from the signed version in force. Without script, each list shows one
// blank row to add to; saving adds another.
type tplanFormPage struct {
	layout
	Client *kinship.Client
	Form   kinship.TreatmentPlanInput
	// From is the signed version a new draft starts from; Next is the
	// version the save makes (Form.Version when editing a draft).
	From, Next  int
	Diagnoses   []kinship.Diagnosis
	Errors      map[string]string
	who         []option
	instruments []option
}

// formRow is one row of the form: Key prefixes its fields' names, like
// problems.0.goals.1, and N numbers it as people count, like 1.2. A
// blank row to add with is folded away (Fold), unless it is inside one.
type formRow struct {
	Key, N string
	Fold   bool
	blank  bool
}

func (r formRow) child(list string, i, n int) formRow {
	return formRow{Key: fmt.Sprintf("%s.%s.%d", r.Key, list, i), N: fmt.Sprintf("%s.%d", r.N, i+1),
		Fold: i == n && !r.blank, blank: i == n || r.blank}
}

// Parent numbers the row's parent: 1 for goal 1.2.
func (r formRow) Parent() string { return r.N[:strings.LastIndexByte(r.N, '.')] }

type problemRow struct {
	formRow
	kinship.PlanProblem
	GoalRows []goalRow
}

type goalRow struct {
	formRow
	Text          string
	ObjectiveRows []objectiveRow
	Interventions []interventionRow
}

type objectiveRow struct {
	formRow
	kinship.Objective
}

type interventionRow struct {
	formRow
	kinship.Intervention
}

// Rows are the plan's problems with a blank row at each level.
func (p *tplanFormPage) Rows() []problemRow {
	n := len(p.Form.Problems)
	problems := append(p.Form.Problems, kinship.PlanProblem{})
	out := make([]problemRow, len(problems))
	for i, pr := range problems {
		row := problemRow{formRow: formRow{Key: fmt.Sprintf("problems.%d", i), N: strconv.Itoa(i + 1), Fold: i == n, blank: i == n}, PlanProblem: pr}
		for j, g := range append(pr.Goals, kinship.PlanGoal{}) {
			gr := goalRow{formRow: row.child("goals", j, len(pr.Goals)), Text: g.Text}
			for k, o := range append(g.Objectives, kinship.Objective{}) {
				gr.ObjectiveRows = append(gr.ObjectiveRows, objectiveRow{gr.child("objectives", k, len(g.Objectives)), o})
			}
			for k, iv := range append(g.Interventions, kinship.Intervention{}) {
				gr.Interventions = append(gr.Interventions, interventionRow{gr.child("interventions", k, len(g.Interventions)), iv})
			}
			row.GoalRows = append(row.GoalRows, gr)
		}
		out[i] = row
	}
	return out
}

// Input and Select draw the field name of the row whose key is given,
// with its error.
func (p *tplanFormPage) Input(key, name, label, typ, value string) formField {
	return newFormField(key+"."+name, label, typ, value, p.Errors, "off")
}

func (p *tplanFormPage) Select(key, name, label, value string, opts []option) selectField {
	return newSelectField(key+"."+name, label, value, p.Errors, opts)
}

// DiagnosisOptions, InstrumentOptions, ComparisonOptions and WhoOptions
// fill the selects.
func (p *tplanFormPage) DiagnosisOptions() []option {
	opts := []option{{"", "Choose…"}}
	for _, d := range p.Diagnoses {
		opts = append(opts, option{d.Code, d.Code + " " + d.Title})
	}
	return opts
}

func (p *tplanFormPage) InstrumentOptions() []option { return p.instruments }

func (p *tplanFormPage) ComparisonOptions() []option {
	return options(kinship.Comparisons, kinship.ComparisonLabel)
}

func (p *tplanFormPage) WhoOptions() []option { return p.who }

// ThresholdText is the objective's threshold as its field holds it.
func (o objectiveRow) ThresholdText() string {
	if o.Threshold == nil {
		return ""
	}
	return strconv.Itoa(*o.Threshold)
}

// WhoValue is who delivers the intervention, as the select holds it:
// staff:ID or role:label.
func (r interventionRow) WhoValue() string {
	switch {
	case r.StaffID != 0:
		return "staff:" + itoa(r.StaffID)
	case r.Role != "":
		return "role:" + r.Role
	}
	return ""
}

// handleTreatmentPlanEdit opens the draft, or a new draft from the
// version in force.
func (s *Server) handleTreatmentPlanEdit(w http.ResponseWriter, r *http.Request) {
	s.renderPlanForm(w, r, http.StatusOK, nil, nil)
}

// renderPlanForm draws the form for the plan as it stands, or with the
// problems typed in in and their errors.
func (s *Server) renderPlanForm(w http.ResponseWriter, r *http.Request, status int, in *kinship.TreatmentPlanInput, errs map[string]string) {
	c, ok := s.loadClient(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	p := &tplanFormPage{layout: layout{Title: "Treatment plan for " + c.NameToUse}, Client: c, Errors: errs}
	eps, err := s.Episodes.Episodes(ctx, c.ID)
	if err == nil && (len(eps) == 0 || !eps[0].Open()) {
		err = kinship.Errorf(kinship.ECONFLICT, "This client is not in an episode of care, so the plan cannot change.")
	}
	var latest *kinship.TreatmentPlan
	if err == nil {
		p.Diagnoses = eps[0].Diagnoses
		if latest, err = s.Plans.TreatmentPlan(ctx, c.ID, 0); kinship.ErrorCode(err) == kinship.ENOTFOUND {
			err = nil
		}
	}
	var staff []*kinship.Staff
	if err == nil {
		staff, err = s.Schedule.Facilitators(ctx)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Next = 1
	if latest != nil {
		// Editing the open draft, or starting the next version: from the
		// latest signed one when it belongs to this episode.
		p.Next = latest.Version + 1
		switch {
		case latest.EpisodeID != eps[0].ID:
		case latest.Draft():
			p.Form, p.Next = kinship.TreatmentPlanInput{Version: latest.Version, Problems: latest.Problems}, latest.Version
		default:
			p.Form.Problems, p.From = latest.Problems, latest.Version
		}
	}
	if in != nil {
		// What was typed, saved where a save now goes: after a conflict
		// (the draft was signed, or another one started) that is not
		// where it was meant to go, and the message says so.
		p.Form.Problems = in.Problems
	}
	p.who = []option{{"", "Choose…"}}
	for _, m := range staff {
		p.who = append(p.who, option{"staff:" + itoa(m.ID), m.Name + " (" + m.Role.Label() + ")"})
	}
	for _, role := range kinship.InterventionRoles {
		p.who = append(p.who, option{"role:" + role, "Any " + strings.ToLower(role)})
	}
	p.instruments = []option{{"", "None"}}
	for _, d := range s.Instruments.List() {
		if len(d.TotalItems) > 0 {
			p.instruments = append(p.instruments, option{d.Code, fmt.Sprintf("%s (0–%d)", d.ShortName, d.MaxTotal())})
		}
	}
	s.render(w, r, status, "tplan_form", p)
}

func (s *Server) handleTreatmentPlanSave(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	in, err := treatmentPlanForm(r)
	if err == nil {
		_, err = s.Plans.SaveTreatmentPlan(r.Context(), id, in)
	}
	switch kinship.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/clients/"+itoa(id)+"/treatment-plan?done=tplan-saved", http.StatusSeeOther)
	case kinship.EINVALID, kinship.ECONFLICT:
		s.renderPlanForm(w, r, s.statusOf(r, err), &in, formErrors(err))
	default:
		s.fail(w, r, err)
	}
}

// treatmentPlanForm reads the form into a cleaned draft, so rows are numbered as
// the store's errors number them. It reports fields that cannot be read.
func treatmentPlanForm(r *http.Request) (kinship.TreatmentPlanInput, error) {
	r.ParseForm()
	f := kinship.FieldErrors{}
	in := kinship.TreatmentPlanInput{Version: int(formInt(r, "version")), Problems: []kinship.PlanProblem{}}
	v := func(key string) string { return r.PostFormValue(key) }
	for i := 0; present(r, fmt.Sprintf("problems.%d.", i)) && i <= kinship.MaxPlanRows; i++ {
		pk := fmt.Sprintf("problems.%d", i)
		pr := kinship.PlanProblem{Diagnosis: v(pk + ".diagnosis"), Text: v(pk + ".text")}
		for j := 0; present(r, fmt.Sprintf("%s.goals.%d.", pk, j)) && j <= kinship.MaxPlanRows; j++ {
			gk := fmt.Sprintf("%s.goals.%d", pk, j)
			g := kinship.PlanGoal{Text: v(gk + ".text")}
			for k := 0; present(r, fmt.Sprintf("%s.objectives.%d.", gk, k)) && k <= kinship.MaxPlanRows; k++ {
				okey := fmt.Sprintf("%s.objectives.%d", gk, k)
				o := kinship.Objective{Text: v(okey + ".text"), Instrument: v(okey + ".instrument"), Comparison: v(okey + ".comparison")}
				o.ID, _ = strconv.ParseInt(v(okey+".id"), 10, 64)
				if d, err := formDate(r, okey+".target_on"); err != nil {
					f.Add(okey+".target_on", kinship.ErrorMessage(err))
				} else {
					o.TargetOn = d
				}
				if t := strings.TrimSpace(v(okey + ".threshold")); t != "" {
					n, err := strconv.Atoi(t)
					if err != nil {
						f.Add(okey+".threshold", "Write the score as a whole number.")
					}
					o.Threshold = &n
				}
				g.Objectives = append(g.Objectives, o)
			}
			for k := 0; present(r, fmt.Sprintf("%s.interventions.%d.", gk, k)) && k <= kinship.MaxPlanRows; k++ {
				ik := fmt.Sprintf("%s.interventions.%d", gk, k)
				iv := kinship.Intervention{What: v(ik + ".what"), Frequency: v(ik + ".frequency")}
				switch kind, who, _ := strings.Cut(v(ik+".who"), ":"); kind {
				case "staff":
					iv.StaffID, _ = strconv.ParseInt(who, 10, 64)
				case "role":
					iv.Role = who
				}
				g.Interventions = append(g.Interventions, iv)
			}
			pr.Goals = append(pr.Goals, g)
		}
		in.Problems = append(in.Problems, pr)
	}
	if err := f.Err(); err != nil {
		return in, err // keyed by the rows as typed, so not cleaned
	}
	in.Clean()
	return in, nil
}

// present reports whether the form has a field starting with prefix.
func present(r *http.Request, prefix string) bool {
	for k := range r.PostForm {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

package web

import (
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"kinship"
	"kinship/instrument"
)

// measuresSetupPage is the admin's page for measurement-based care: who is
// on call for safety alerts, the drug-screen panel, each program's
// instrument schedule, and the instrument definitions.
type measuresSetupPage struct {
	layout
	Safety      kinship.SafetySettings
	Counselors  []*kinship.Staff
	Panel       string // one substance a line
	Programs    []*programSchedule
	Instruments []*instrument.Definition
	Failed      string
	Errors      map[string]string
}

// programSchedule is one program's schedule as its form shows it: a row
// per instrument, scheduled or not.
type programSchedule struct {
	Program *kinship.Program
	Rows    []scheduleRow
}

type scheduleRow struct {
	Code, Name  string
	AtAdmission bool
	EveryDays   int
}

func (s *Server) handleMeasuresSetup(w http.ResponseWriter, r *http.Request) {
	s.renderMeasuresSetup(w, r, http.StatusOK, "", nil)
}

func (s *Server) renderMeasuresSetup(w http.ResponseWriter, r *http.Request, status int, failed string, errs map[string]string) {
	ctx := r.Context()
	p := &measuresSetupPage{layout: layout{Title: "Measures and safety"}, Instruments: s.Instruments.List(), Failed: failed, Errors: errs}
	var err error
	var panel []string
	var programs []*kinship.Program
	if p.Safety, err = s.Alerts.SafetySettings(ctx); err == nil {
		if p.Counselors, err = s.Episodes.Counselors(ctx); err == nil {
			if panel, err = s.Screens.ScreenPanel(ctx); err == nil {
				programs, err = s.Orgs.ListPrograms(ctx)
			}
		}
	}
	p.Panel = strings.Join(panel, "\n")
	for _, prog := range programs {
		if err != nil {
			break
		}
		var rules []kinship.ScheduleRule
		rules, err = s.Measures.MeasureSchedule(ctx, prog.ID)
		ps := &programSchedule{Program: prog}
		for _, d := range p.Instruments {
			row := scheduleRow{Code: d.Code, Name: d.ShortName}
			for _, rule := range rules {
				if rule.Code == d.Code {
					row.AtAdmission, row.EveryDays = rule.AtAdmission, rule.EveryDays
				}
			}
			ps.Rows = append(ps.Rows, row)
		}
		p.Programs = append(p.Programs, ps)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "measures_setup", p)
}

// afterMeasuresChange runs change and returns to the page, with the errors
// of form on failure or the notice done on success.
func (s *Server) afterMeasuresChange(w http.ResponseWriter, r *http.Request, form, done string, change func() error) {
	if err := change(); err != nil {
		switch kinship.ErrorCode(err) {
		case kinship.EINVALID, kinship.ECONFLICT:
			s.renderMeasuresSetup(w, r, s.statusOf(r, err), form, formErrors(err))
		default:
			s.fail(w, r, err)
		}
		return
	}
	http.Redirect(w, r, "/admin/measures?done="+done, http.StatusSeeOther)
}

func (s *Server) handleSafetySettings(w http.ResponseWriter, r *http.Request) {
	var set kinship.SafetySettings
	set.OnCallStaffID, _ = strconv.ParseInt(r.PostFormValue("on_call_staff_id"), 10, 64)
	minutes, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("escalation_minutes")))
	s.afterMeasuresChange(w, r, "safety", "saved", func() error {
		if err != nil {
			return invalid("escalation_minutes", "Enter the number of minutes, like 30.")
		}
		set.EscalationMinutes = minutes
		return s.Alerts.SetSafetySettings(r.Context(), set)
	})
}

func (s *Server) handleScreenPanel(w http.ResponseWriter, r *http.Request) {
	s.afterMeasuresChange(w, r, "panel", "saved", func() error {
		return s.Screens.SetScreenPanel(r.Context(), strings.Split(r.PostFormValue("panel"), "\n"))
	})
}

// handleMeasureSchedule saves one program's schedule: for each instrument,
// "admission_CODE" (a checkbox) and "every_CODE" (days, blank for never).
func (s *Server) handleMeasureSchedule(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.handleNotFound(w, r)
		return
	}
	form := "schedule-" + itoa(id)
	s.afterMeasuresChange(w, r, form, "saved", func() error {
		var rules []kinship.ScheduleRule
		for _, d := range s.Instruments.List() {
			rule := kinship.ScheduleRule{Code: d.Code, AtAdmission: r.PostFormValue("admission_"+d.Code) == "on"}
			if v := strings.TrimSpace(r.PostFormValue("every_" + d.Code)); v != "" {
				n, err := strconv.Atoi(v)
				if err != nil {
					return invalid(d.Code, "Enter a number of days for "+d.Name+", or leave it blank.")
				}
				rule.EveryDays = n
			}
			if rule.AtAdmission || rule.EveryDays != 0 {
				rules = append(rules, rule)
			}
		}
		return s.Measures.SetMeasureSchedule(r.Context(), id, rules)
	})
}

// handleInstrumentLoad adds a definition from an uploaded JSON file.
func (s *Server) handleInstrumentLoad(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	s.afterMeasuresChange(w, r, "instrument", "loaded", func() error {
		f, _, err := r.FormFile("definition")
		if err != nil {
			return invalid("definition", "Choose a definition file (JSON) to load.")
		}
		defer f.Close()
		body, err := io.ReadAll(f)
		if err != nil {
			return invalid("definition", "The file could not be read; it may be too large.")
		}
		return oneField("definition", s.Measures.LoadInstrument(r.Context(), body))
	})
}

// oneField puts every field message of an invalid err under one field, for
// a form where one input (a file) holds everything the messages are about.
func oneField(field string, err error) error {
	f := kinship.ErrorFields(err)
	if len(f) == 0 {
		return err
	}
	keys := slices.Sorted(maps.Keys(f))
	msgs := make([]string, len(keys))
	for i, k := range keys {
		msgs[i] = f[k]
	}
	return invalid(field, strings.Join(msgs, " "))
}

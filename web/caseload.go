package web

import (
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strings"
	"time"

	"kinship"
)

// caseloadPage is the counselor's caseload: each client's latest check-in,
// craving trend, and the flags to follow up.
type caseloadPage struct {
	layout
	Clients []*kinship.CaseloadClient
	Today   kinship.Date
	Failed  string // "clientID/flag" of the acknowledgement whose Errors these are
	Errors  map[string]string
}

// Trend is the client's craving over the last TrendDays days.
func (p *caseloadPage) Trend(c *kinship.CaseloadClient) template.HTML {
	ch := checkInTrend(fmt.Sprint("craving-", c.ClientID), "Craving, last 14 days", c.Recent,
		p.Today.AddDays(1-kinship.TrendDays), p.Today, craving)
	ch.Empty = "No check-ins in 14 days"
	return ch.SVG()
}

// FailedForm names the failed acknowledgement's form, whose field ids are
// "f-flag-client-code-name".
func (p *caseloadPage) FailedForm() string { return "flag-" + strings.ReplaceAll(p.Failed, "/", "-") }

// FlagErrors are the errors of the flag's acknowledgement if it failed.
func (p *caseloadPage) FlagErrors(clientID int64, flag string) map[string]string {
	if p.Failed != fmt.Sprint(clientID, "/", flag) {
		return nil
	}
	return p.Errors
}

// MoodWord names a mood.
func (p *caseloadPage) MoodWord(mood int) string { return kinship.MoodWord(mood) }

// CanSetThresholds is true for those who may change the program's thresholds.
func (p *caseloadPage) CanSetThresholds() bool { return p.Me.Role.Can(kinship.PermOrgManage) }

func (s *Server) handleCaseload(w http.ResponseWriter, r *http.Request) {
	s.renderCaseload(w, r, http.StatusOK, "", nil)
}

func (s *Server) renderCaseload(w http.ResponseWriter, r *http.Request, status int, failed string, errs map[string]string) {
	list, err := s.CheckIns.Caseload(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "caseload", &caseloadPage{layout: layout{Title: "Caseload"}, Clients: list, Today: s.today(r),
		Failed: failed, Errors: errs})
}

func (s *Server) handleFlagAcknowledge(w http.ResponseWriter, r *http.Request) {
	client, flag := formInt(r, "client_id"), r.PostFormValue("flag")
	err := s.CheckIns.AcknowledgeFlag(r.Context(), client, flag, r.PostFormValue("note"))
	switch kinship.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/caseload?done=flag", http.StatusSeeOther)
	case kinship.EINVALID, kinship.ECONFLICT:
		s.renderCaseload(w, r, s.statusOf(r, err), fmt.Sprint(client, "/", flag), formErrors(err))
	default:
		s.fail(w, r, err)
	}
}

// caseloadJSON is one client of the caseload on the wire.
type caseloadJSON struct {
	ClientID    int64         `json:"client_id"`
	NameToUse   string        `json:"name_to_use"`
	Pronouns    string        `json:"pronouns"`
	ProgramID   int64         `json:"program_id"`
	LastCheckIn *checkInJSON  `json:"last_checkin"`
	Cravings    []cravingJSON `json:"cravings"` // the last 14 days, oldest first
	Flags       []flagJSON    `json:"flags"`
}

type cravingJSON struct {
	Day     kinship.Date `json:"day"`
	Craving int          `json:"craving"`
}

type flagJSON struct {
	Code   string    `json:"code"`
	Label  string    `json:"label"`
	Detail string    `json:"detail"`
	Since  time.Time `json:"since"`
}

func toCaseloadJSON(c *kinship.CaseloadClient) caseloadJSON {
	out := caseloadJSON{ClientID: c.ClientID, NameToUse: c.NameToUse, Pronouns: c.Pronouns, ProgramID: c.ProgramID,
		Cravings: []cravingJSON{}, Flags: []flagJSON{}}
	if c.Latest != nil {
		last := toCheckInJSON(c.Latest)
		out.LastCheckIn = &last
	}
	for _, k := range slices.Backward(c.Recent) {
		out.Cravings = append(out.Cravings, cravingJSON{k.Day, k.Craving})
	}
	for _, f := range c.Flags {
		out.Flags = append(out.Flags, flagJSON{f.Code, f.Label(), f.Detail, f.Since})
	}
	return out
}

func (s *Server) apiCaseload(w http.ResponseWriter, r *http.Request) {
	list, err := s.CheckIns.Caseload(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeList(w, "clients", list, toCaseloadJSON)
}

func (s *Server) apiFlagAcknowledge(w http.ResponseWriter, r *http.Request) {
	var in struct {
		ClientID int64  `json:"client_id"`
		Flag     string `json:"flag"`
		Note     string `json:"note"`
	}
	err := readJSON(w, r, &in)
	if err == nil {
		err = s.CheckIns.AcknowledgeFlag(r.Context(), in.ClientID, in.Flag, in.Note)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"acknowledged": true})
}

// signalSettingsPage is where an admin sets each program's thresholds.
type signalSettingsPage struct {
	layout
	Programs []*kinship.SignalSettings
	Failed   int64 // the program whose form failed
	Errors   map[string]string
	// The fixed windows the flags look at, in days.
	UseDays, MoodDays, MissedDays int
}

// ErrorsFor are the errors of the program's form, if it failed.
func (p *signalSettingsPage) ErrorsFor(programID int64) map[string]string {
	if p.Failed != programID {
		return nil
	}
	return p.Errors
}

func (s *Server) handleSignalSettings(w http.ResponseWriter, r *http.Request) {
	s.renderSignalSettings(w, r, http.StatusOK, nil, nil)
}

// renderSignalSettings shows every program's thresholds; a failed form
// shows the values that were sent.
func (s *Server) renderSignalSettings(w http.ResponseWriter, r *http.Request, status int, failed *kinship.SignalSettings, errs map[string]string) {
	list, err := s.CheckIns.SignalSettings(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &signalSettingsPage{layout: layout{Title: "Caseload signals"}, Programs: list, Errors: errs,
		UseDays: kinship.UseWindowDays, MoodDays: kinship.MoodWindowDays, MissedDays: kinship.MissedWindowDays}
	if failed != nil {
		p.Failed = failed.ProgramID
		for i, g := range list {
			if g.ProgramID == failed.ProgramID {
				failed.ProgramName, list[i] = g.ProgramName, failed
			}
		}
	}
	s.render(w, r, status, "caseload_signals", p)
}

func (s *Server) handleSignalSettingsSave(w http.ResponseWriter, r *http.Request) {
	set := kinship.SignalSettings{ProgramID: formInt(r, "program_id"), CravingAtLeast: int(formInt(r, "craving_at_least")),
		NoCheckInDays: int(formInt(r, "no_checkin_days")), MoodDrop: int(formInt(r, "mood_drop")), MissedSessions: int(formInt(r, "missed_sessions"))}
	_, err := s.CheckIns.SetSignalSettings(r.Context(), set)
	switch kinship.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/admin/caseload-signals?done=signals", http.StatusSeeOther)
	case kinship.EINVALID:
		s.renderSignalSettings(w, r, http.StatusBadRequest, &set, formErrors(err))
	default:
		s.fail(w, r, err)
	}
}

// thresholdsJSON are a program's thresholds on the wire.
type thresholdsJSON struct {
	CravingAtLeast int `json:"craving_at_least"`
	NoCheckInDays  int `json:"no_checkin_days"`
	MoodDrop       int `json:"mood_drop"`
	MissedSessions int `json:"missed_sessions"`
}

type signalSettingsJSON struct {
	ProgramID int64  `json:"program_id"`
	Program   string `json:"program"`
	thresholdsJSON
}

func toSignalSettingsJSON(g *kinship.SignalSettings) signalSettingsJSON {
	return signalSettingsJSON{g.ProgramID, g.ProgramName, thresholdsJSON{g.CravingAtLeast, g.NoCheckInDays, g.MoodDrop, g.MissedSessions}}
}

func (s *Server) apiSignalSettings(w http.ResponseWriter, r *http.Request) {
	list, err := s.CheckIns.SignalSettings(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeList(w, "programs", list, toSignalSettingsJSON)
}

func (s *Server) apiSetSignalSettings(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in thresholdsJSON
	if err == nil {
		err = readJSON(w, r, &in)
	}
	var saved *kinship.SignalSettings
	if err == nil {
		saved, err = s.CheckIns.SetSignalSettings(r.Context(), kinship.SignalSettings{ProgramID: id, CravingAtLeast: in.CravingAtLeast,
			NoCheckInDays: in.NoCheckInDays, MoodDrop: in.MoodDrop, MissedSessions: in.MissedSessions})
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toSignalSettingsJSON(saved))
}

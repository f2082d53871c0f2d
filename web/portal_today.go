package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"kinship"
	"kinship/calendar"
	"kinship/instrument"
	"kinship/screening"
)

// todayPage is the client's first page: today's sessions, the week's
// hours, what is waiting for them, and the check-in prompt.
type todayPage struct {
	layout
	Sessions []*kinship.Session
	Hours    *kinship.WeekHours
	Due      []*kinship.DueMeasure
	Support  []*kinship.SupportRequest
	// Milestone is their recovery counter, unless they hide it.
	Milestone *kinship.MilestoneStatus
	CheckIns  *kinship.CheckInSummary
}

func (s *Server) handleToday(w http.ResponseWriter, r *http.Request) {
	ctx, me := r.Context(), visitOf(r).client
	today := s.today(r)
	p := &todayPage{layout: layout{Title: "Today"}}
	var err error
	if p.Sessions, err = s.Care.ClientSessions(ctx, me.ClientID, today, today); err == nil {
		if p.Hours, err = s.Care.Hours(ctx, me.ClientID, calendar.WeekOf(today).String()); err == nil {
			if p.Due, err = s.Measures.MyDueMeasures(ctx); err == nil {
				if p.Support, err = s.Support.SupportRequests(ctx); err == nil {
					p.Milestone, err = s.Network.Milestone(ctx)
				}
			}
		}
	}
	if err == nil {
		p.CheckIns, err = s.CheckIns.MyCheckInSummary(ctx)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "portal_today", p)
}

// handleManifest lets the portal be installed to a phone's home screen
// under the name the client chose, with a matching plain icon: SVG where
// it is understood, PNG at the sizes installers ask for.
func (s *Server) handleManifest(w http.ResponseWriter, r *http.Request) {
	name := visitOf(r).client.AppName
	icons := []map[string]string{}
	for _, size := range []string{"", "192", "512"} {
		src, _ := s.pages.assetURL(appIcon(name, size))
		icon := map[string]string{"src": src, "sizes": "any", "type": "image/svg+xml", "purpose": "any"}
		if size != "" {
			icon["sizes"], icon["type"] = size+"x"+size, "image/png"
		}
		icons = append(icons, icon)
	}
	w.Header().Set("Content-Type", "application/manifest+json")
	json.NewEncoder(w).Encode(map[string]any{
		"id": "/me", "name": name, "short_name": name, "start_url": "/me", "scope": "/", "display": "standalone",
		"background_color": "#ffffff", "theme_color": "#2f4a8a", "icons": icons,
	})
}

// appIcon is the static icon file for an app name: the SVG for size "",
// else the square PNG of that many pixels (180, 192 or 512).
func appIcon(name, size string) string {
	base := "icon-kinship"
	if name == "Calendar" {
		base = "icon-calendar"
	}
	if size == "" {
		return base + ".svg"
	}
	return base + "-" + size + ".png"
}

// portalSettingsPage: the portal's name on the phone, and reminders.
type portalSettingsPage struct {
	layout
	Prefs  kinship.ReminderPrefs
	Errors map[string]string
}

func (s *Server) handlePortalSettings(w http.ResponseWriter, r *http.Request) {
	prefs, err := s.Outbox.ReminderPrefs(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "portal_settings", &portalSettingsPage{layout: layout{Title: "Settings"}, Prefs: prefs})
}

func (s *Server) handlePortalSettingsSave(w http.ResponseWriter, r *http.Request) {
	prefs := kinship.ReminderPrefs{Email: r.PostFormValue("remind_email") == "on", SMS: r.PostFormValue("remind_sms") == "on"}
	err := s.Portal.SetAppName(r.Context(), r.PostFormValue("app_name"))
	if err == nil {
		err = s.Outbox.SetReminderPrefs(r.Context(), prefs)
	}
	switch kinship.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/me/settings?done=updated", http.StatusSeeOther)
	case kinship.EINVALID:
		s.render(w, r, http.StatusBadRequest, "portal_settings", &portalSettingsPage{layout: layout{Title: "Settings"}, Prefs: prefs, Errors: formErrors(err)})
	default:
		s.fail(w, r, err)
	}
}

// supportPage shows crisis lines first, then the request and who has it.
type supportPage struct {
	layout
	Resources []screening.Resource
	Requests  []*kinship.SupportRequest
	Errors    map[string]string
	// Now decides whether a request may still be cancelled.
	Now time.Time
}

// handleSupportNow is the one tap: the alert goes out at once and the
// crisis lines show on the page that answers.
func (s *Server) handleSupportNow(w http.ResponseWriter, r *http.Request) {
	if _, err := s.Support.RequestSupport(r.Context()); err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderSupport(w, r, http.StatusOK, nil)
}

func (s *Server) handleSupportPage(w http.ResponseWriter, r *http.Request) {
	s.renderSupport(w, r, http.StatusOK, nil)
}

func (s *Server) renderSupport(w http.ResponseWriter, r *http.Request, status int, errs map[string]string) {
	reqs, err := s.Support.SupportRequests(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "portal_support", &supportPage{layout: layout{Title: "Support now"}, Resources: screening.CrisisResources,
		Requests: reqs, Errors: errs, Now: s.cfg.Clock.Now()})
}

// handleSupportCancel withdraws a request tapped by mistake; once the
// minutes for that have passed it says why not, on the same page.
func (s *Server) handleSupportCancel(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.Support.CancelSupport(r.Context(), id)
	}
	switch kinship.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/me/support?done=cancelled", http.StatusSeeOther)
	case kinship.ECONFLICT:
		s.renderSupport(w, r, http.StatusConflict, formErrors(err))
	default:
		s.fail(w, r, err)
	}
}

func (s *Server) handleSupportCallback(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.Support.SetCallback(r.Context(), id, r.PostFormValue("callback"))
	}
	switch kinship.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/me/support?done=callback", http.StatusSeeOther)
	case kinship.EINVALID:
		s.renderSupport(w, r, http.StatusBadRequest, formErrors(err))
	default:
		s.fail(w, r, err)
	}
}

// myMeasurePage is an instrument for the client to answer, and after a
// risky answer the crisis lines at once.
type myMeasurePage struct {
	layout
	Definition *instrument.Definition
	Answers    map[string]int
	Errors     map[string]string
	// Done is the saved response; Crisis lists the lines to show with it.
	Done   *kinship.Response
	Crisis []screening.Resource
}

func (s *Server) handleMyMeasureForm(w http.ResponseWriter, r *http.Request) {
	def, err := s.myDueDefinition(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "portal_measure", &myMeasurePage{layout: layout{Title: def.ShortName}, Definition: def})
}

// myDueDefinition is the instrument in the path, if it waits for the client.
func (s *Server) myDueDefinition(r *http.Request) (*instrument.Definition, error) {
	due, err := s.Measures.MyDueMeasures(r.Context())
	if err != nil {
		return nil, err
	}
	for _, d := range due {
		if d.Code == r.PathValue("code") {
			return s.Instruments.Lookup(d.Code)
		}
	}
	return nil, kinship.Errorf(kinship.ENOTFOUND, "This questionnaire is not waiting for you.")
}

func (s *Server) handleMyMeasure(w http.ResponseWriter, r *http.Request) {
	def, err := s.myDueDefinition(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	byID := map[string]int{}
	for _, it := range def.Items {
		if v, err := strconv.Atoi(r.PostFormValue("item-" + it.ID)); err == nil {
			byID[it.ID] = v
		}
	}
	p := &myMeasurePage{layout: layout{Title: def.ShortName}, Definition: def, Answers: byID}
	answers, err := def.Collect(byID)
	if err == nil {
		p.Done, err = s.Measures.AnswerMeasure(r.Context(), def.Code, answers)
	}
	switch kinship.ErrorCode(err) {
	case "":
		if p.Done.NeedsSafetyAlert() {
			p.Crisis = screening.CrisisResources
		}
		s.render(w, r, http.StatusOK, "portal_measure", p)
	case kinship.EINVALID:
		p.Errors = formErrors(err)
		s.render(w, r, http.StatusBadRequest, "portal_measure", p)
	default:
		s.fail(w, r, err)
	}
}

// outboxPage shows admins what has gone out, or waits to.
type outboxPage struct {
	layout
	Messages []*kinship.OutboxMessage
}

func (s *Server) handleOutbox(w http.ResponseWriter, r *http.Request) {
	msgs, err := s.Outbox.Outbox(r.Context(), 200)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "outbox", &outboxPage{layout: layout{Title: "Outbox"}, Messages: msgs})
}

package web

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"kinship"
	"kinship/demo"
	"kinship/store/storetest"
)

// formCase is one form sent with one field at fault: the page must come
// back with every value as it was typed and the field marked.
type formCase struct {
	name string
	as   kinship.Role // RoleClient signs in to the portal
	path string
	form url.Values
	bad  string // the field at fault
	// unkept are fields a form rightly does not send back (passwords).
	unkept []string
}

// TestFailedFormsKeepValues sends every staff and portal form with one
// invalid field, as a person would, and checks that the page that comes
// back keeps everything typed, marks the field at fault beside it, and
// links to it from the error summary.
func TestFailedFormsKeepValues(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		accounts := seedDemo(t, db)
		app := newApp(t, db)
		id := func(query string) string {
			t.Helper()
			var v int64
			if err := db.Raw.QueryRow(query).Scan(&v); err != nil {
				t.Fatalf("%s: %v", query, err)
			}
			return itoa(v)
		}
		browsers := map[kinship.Role]*browser{} // "": signed out
		as := func(role kinship.Role) *browser {
			if b, ok := browsers[role]; ok {
				return b
			}
			b := app.browser(t)
			for _, a := range accounts {
				if a.Role == role && role == kinship.RoleClient {
					b.portalSignIn(demo.ClientEmail, demo.ClientPassword)
					break
				} else if a.Role == role {
					b.signIn(a.Email, a.Password)
					break
				}
			}
			browsers[role] = b
			return b
		}
		program, track, sessionType := id("SELECT MIN(id) FROM programs"), id("SELECT MIN(id) FROM tracks"), id("SELECT MIN(id) FROM session_types")
		facilitator := id("SELECT MIN(facilitator_id) FROM sessions WHERE facilitator_id IS NOT NULL")
		room := id("SELECT MIN(room_id) FROM sessions WHERE room_id IS NOT NULL")
		site := id("SELECT MIN(id) FROM sites")
		peer := id("SELECT id FROM staff WHERE role = 'peer_support'")
		river := id("SELECT id FROM clients WHERE name_to_use = 'River'")
		episode := id("SELECT id FROM episodes WHERE client_id = " + river + " AND discharged_on = ''")
		inquiry := id("SELECT MIN(id) FROM inquiries WHERE client_id IS NULL AND status <> 'closed'")
		future := id("SELECT MIN(id) FROM sessions WHERE NOT cancelled AND on_date > '" + db.Clock.Now().AddDate(0, 0, 7).Format("2006-01-02") + "'")
		signedNote := id("SELECT MIN(n.id) FROM notes n JOIN staff s ON s.id = n.author_id WHERE n.signed_at IS NOT NULL AND s.role = 'clinician' AND n.group_note_id IS NULL")
		// A client in no program, whom a clinician may admit after opening
		// the chart with emergency access.
		c, err := db.CreateClient(kinship.SystemContext(t.Context()), kinship.ClientFields{NameToUse: "Sage", Pronouns: "she/her"})
		if err != nil {
			t.Fatal(err)
		}
		stranger := itoa(c.ID)
		enrollment := id("SELECT MIN(id) FROM enrollments WHERE ends_on = '' AND client_id = " + river)
		alert := id("SELECT MIN(a.id) FROM alerts a JOIN staff s ON s.id = a.for_staff_id WHERE a.acknowledged_at IS NULL AND s.role = 'clinician'")
		// A weekly session the demo's facilitator already leads, to clash with.
		var busy struct {
			facilitator, start, end, from string
			days                          []string
		}
		var days string
		var start, end int
		if err := db.Raw.QueryRow("SELECT facilitator_id, days, start_minute, end_minute, from_date FROM session_series WHERE facilitator_id IS NOT NULL ORDER BY id").Scan(&busy.facilitator, &days, &start, &end, &busy.from); err != nil {
			t.Fatal(err)
		}
		for _, n := range strings.Split(days, ",") {
			i, _ := strconv.Atoi(n)
			busy.days = append(busy.days, kinship.DayCode(kinship.WeekOrder[i-1]))
		}
		busy.start, busy.end = fmt.Sprintf("%02d:%02d", start/60, start%60), fmt.Sprintf("%02d:%02d", end/60, end%60)

		if res := as(kinship.RoleClinician).post("/clients/"+river+"/measures/assign", url.Values{"code": {"gad7"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("assigning the GAD-7: %d", res.StatusCode)
		}

		newNote := as(kinship.RoleClinician).get("/clients/" + river + "/notes/new")
		noteTemplate, noteSection := find(t, newNote.body, `name="template" value="([^"]*)"`), find(t, newNote.body, `name="section\.([^"]+)"`)
		saved := as(kinship.RoleClinician).post("/clients/"+river+"/notes", url.Values{"kind": {"individual"}, "template": {noteTemplate},
			"service_date": {"2026-11-20"}, "minutes": {"50"}, "section." + noteSection: {"Talked about the weekend."}, "action": {"save"}})
		draftNote, _, _ := strings.Cut(saved.Header.Get("Location"), "?")
		if res := as(kinship.RoleClient).post("/me/support", nil); res.StatusCode != http.StatusOK {
			t.Fatalf("asking for support: %d", res.StatusCode)
		}
		support := id("SELECT MAX(id) FROM support_requests")
		// A draft of River's treatment plan, to sign.
		counselor, err := db.FindStaffByEmail(kinship.SystemContext(t.Context()), "clinician@kinship.example")
		if err != nil {
			t.Fatal(err)
		}
		riverID, _ := strconv.ParseInt(river, 10, 64)
		draft, err := db.SaveTreatmentPlan(storetest.As(counselor), riverID, kinship.TreatmentPlanInput{Problems: []kinship.PlanProblem{{Diagnosis: "F10.20",
			Text: "Drinking to cope with stress", Goals: []kinship.PlanGoal{{Text: "Friday nights back",
				Objectives:    []kinship.Objective{{Text: "Mood lifts", TargetOn: kinship.Date{Year: 2027, Month: 1, Day: 15}}},
				Interventions: []kinship.Intervention{{What: "Group", Frequency: "Daily", Role: "Group facilitator"}}}}}}})
		if err != nil {
			t.Fatal(err)
		}
		draftVersion := itoa(int64(draft.Version))

		invited := as(kinship.RoleAdmin).post("/admin/staff", url.Values{"name": {"Dana Lee"}, "email": {"dana@example.org"}, "role": {"clinician"}})
		staffInvite := find(t, invited.body, `https?://[^/]+(/invite/[^<"\s]+)`)
		portal := as(kinship.RoleAdmin).post("/clients/"+stranger+"/portal-invite", nil)
		portalInvite := find(t, portal.body, `https?://[^/]+(/portal/invite/[^<"\s]+)`)

		as(kinship.RoleSupervisor).get("/account/mfa") // shows the secret to enrol

		cases := []formCase{
			{name: "weekly session", as: kinship.RoleAdmin, path: "/schedule/series", bad: "end", form: url.Values{
				"title": {"Evening process group"}, "program_id": {program}, "track_id": {track}, "type_id": {sessionType},
				"facilitator_id": {facilitator}, "room_id": {room}, "days": {"tue", "thu"}, "start": {"18:00"}, "end": {"17:00"},
				"from": {"2027-01-05"}, "until": {"2027-03-30"}, "capacity": {"9"}}},
			{name: "weekly session, facilitator busy", as: kinship.RoleAdmin, path: "/schedule/series", bad: "facilitator_id", form: url.Values{
				"title": {"Second group"}, "program_id": {program}, "track_id": {"0"}, "type_id": {sessionType},
				"facilitator_id": {busy.facilitator}, "room_id": {"0"}, "days": busy.days, "start": {busy.start}, "end": {busy.end},
				"from": {busy.from}, "until": {""}, "capacity": {"0"}}},
			{name: "session type", as: kinship.RoleAdmin, path: "/schedule/types", bad: "name", form: url.Values{"name": {""}, "kind": {"holistic"}}},
			{name: "room", as: kinship.RoleAdmin, path: "/schedule/rooms", bad: "capacity", form: url.Values{
				"site_id": {site}, "name": {"Garden room"}, "capacity": {"-3"}, "telehealth_url": {"https://meet.example.org/garden"}}},
			{name: "weekly minimums", as: kinship.RoleAdmin, path: "/schedule/minimums", bad: "minimum_adult_hours", form: url.Values{
				"program_id": {program}, "minimum_adult_hours": {"99"}, "minimum_adolescent_hours": {"7"}}},
			{name: "site closure", as: kinship.RoleAdmin, path: "/schedule/closures", bad: "on", form: url.Values{
				"site_id": {site}, "on": {"2027-02-31"}, "reason": {"Founders' day"}}},
			{name: "plan the week", as: kinship.RoleAdmin, path: "/schedule/plan", bad: "week", form: url.Values{"week": {"next tuesday"}}},
			{name: "organization", as: kinship.RoleAdmin, path: "/admin/organization", bad: "name", form: url.Values{"name": {""}, "mfa_required": {"on"}}},
			{name: "site", as: kinship.RoleAdmin, path: "/admin/sites", bad: "timezone", form: url.Values{"name": {"Eastside"}, "timezone": {"Mars/Olympus"}}},
			{name: "program", as: kinship.RoleAdmin, path: "/admin/programs", bad: "name", form: url.Values{"site_id": {site}, "name": {""}}},
			{name: "track", as: kinship.RoleAdmin, path: "/admin/tracks", bad: "end", form: url.Values{
				"program_id": {program}, "name": {"Evenings"}, "days": {"mon", "wed"}, "start": {"18:00"}, "end": {"16:00"}}},
			{name: "invite staff", as: kinship.RoleAdmin, path: "/admin/staff", bad: "email", form: url.Values{
				"name": {"Dana Lee"}, "email": {"dana at example"}, "role": {"supervisor"}}},
			{name: "edit staff", as: kinship.RoleAdmin, path: "/admin/staff/" + peer, bad: "name", form: url.Values{
				"name": {""}, "role": {"clinician"}, "needs_supervision": {"on"}}},
			{name: "on-call and escalation", as: kinship.RoleAdmin, path: "/admin/measures/safety", bad: "escalation_minutes", form: url.Values{
				"on_call_staff_id": {facilitator}, "escalation_minutes": {"0"}}},
			{name: "drug-screen panel", as: kinship.RoleAdmin, path: "/admin/measures/panel", bad: "panel", form: url.Values{"panel": {""}}},
			{name: "skills list", as: kinship.RoleAdmin, path: "/admin/skills", bad: "skills", form: url.Values{"skills": {""}}},
			{name: "caseload signals", as: kinship.RoleAdmin, path: "/admin/caseload-signals", bad: "mood_drop", form: url.Values{
				"program_id": {program}, "craving_at_least": {"8"}, "no_checkin_days": {"4"}, "mood_drop": {"9"}, "missed_sessions": {"3"}}},
			{name: "plan reviews", as: kinship.RoleAdmin, path: "/admin/treatment-plans", bad: "review_days", form: url.Values{"review_days": {"0"}}},
			{name: "note template", as: kinship.RoleAdmin, path: "/admin/note-templates", bad: "name", form: url.Values{
				"name": {""}, "sections": {"Check-in\nSafety plan: who they will call"}}},
			{name: "measure schedule", as: kinship.RoleAdmin, path: "/admin/measures/schedule/" + program, bad: "every_phq9", form: url.Values{
				"admission_gad7": {"on"}, "every_phq9": {"weekly"}, "every_gad7": {"14"}}},
			{name: "register a client", as: kinship.RoleFrontDesk, path: "/clients", bad: "birth_date", form: url.Values{
				"name_to_use": {"Quinn"}, "pronouns": {"they/them"}, "gender_identity": {"non-binary"}, "sex_for_clinical_use": {"specified"},
				"birth_date": {"1990-13-45"}, "preferred_language": {"Spanish"}, "legal_name.given": {"Quincy"}, "legal_name.family": {"Ashdown"},
				"phone": {"510-555-0199"}, "ok_to_text": {"on"}, "emergency_contact.name": {"Ash"}, "emergency_contact.relationship": {"sibling"}}},
			{name: "edit a client", as: kinship.RoleFrontDesk, path: "/clients/" + river, bad: "name_to_use", form: url.Values{
				"name_to_use": {""}, "pronouns": {"she/they"}, "sexual_orientation": {"queer"}, "preferred_language": {"English"},
				"phone": {"510-555-0142"}, "ok_to_voicemail": {"on"}}},
			{name: "new inquiry", as: kinship.RoleFrontDesk, path: "/admissions", bad: "name_to_use", form: url.Values{
				"caller_type": {"on_behalf"}, "caller_name": {"Jo"}, "caller_relationship": {"partner"}, "name_to_use": {""}, "pronouns": {"he/him"},
				"phone": {"510-555-0123"}, "ok_to_text": {"on"}, "substances": {"alcohol"}, "insurance": {"Medicaid"}, "referral_source": {"clinic"},
				"notes": {"Prefers evenings"}}},
			{name: "move an inquiry", as: kinship.RoleFrontDesk, path: "/admissions/" + inquiry + "/move", bad: "reason", form: url.Values{
				"status": {"closed"}, "reason": {""}}},
			{name: "break-glass", as: kinship.RoleClinician, path: "/clients/" + stranger + "/break-glass", bad: "reason", form: url.Values{"reason": {"x"}}},
			{name: "admit", as: kinship.RoleClinician, path: "/clients/" + stranger + "/episodes", bad: "primary_counselor_id", form: url.Values{
				"program_id": {program}, "admitted_on": {"2026-11-30"}, "primary_counselor_id": {""}, "diagnoses": {"F10.20", "F12.10", ""}}}, // the picker keeps an empty box for one more
			{name: "discharge", as: kinship.RoleClinician, path: "/clients/" + river + "/episodes/" + episode + "/discharge", bad: "discharged_on", form: url.Values{
				"discharged_on": {"soon"}, "reason": {"against_advice"}, "summary": {"Moved to a program near family."}, "referrals": {"Eastside IOP"}}},
			{name: "enroll", as: kinship.RoleClinician, path: "/clients/" + river + "/enrollments", bad: "start_date", form: url.Values{
				"into": {"track:" + track}, "start_date": {"2026-02-30"}}},
			{name: "availability", as: kinship.RoleClinician, path: "/clients/" + river + "/availability", bad: "availability", form: url.Values{
				"availability": {"mon 13:00-17:00\nsometimes"}}},
			{name: "assign a measure", as: kinship.RoleClinician, path: "/clients/" + river + "/measures/assign", bad: "code", form: url.Values{"code": {"nosuch"}},
				unkept: []string{"code"}}, // a list cannot show a choice it does not offer
			{name: "record a measure", as: kinship.RoleClinician, path: "/clients/" + river + "/measures", bad: "taken_on", form: url.Values{
				"code": {"gad7"}, "taken_on": {"2026-99-01"}, "item-1": {"2"}, "item-2": {"1"}, "item-3": {"0"}, "item-4": {"3"},
				"item-5": {"1"}, "item-6": {"2"}, "item-7": {"0"}}},
			{name: "drug screen", as: kinship.RoleClinician, path: "/clients/" + river + "/screens", bad: "collected_on", form: url.Values{
				"collected_on": {"tomorrowish"}, "specimen": {"oral_fluid"}, "method": {"lab"}, "observed": {"on"}, "result_alcohol": {"negative"},
				"note": {"Collected at group"}}},
			{name: "move a session", as: kinship.RoleAdmin, path: "/sessions/" + future + "/move", bad: "end", form: url.Values{
				"on": {"2027-01-12"}, "start": {"15:00"}, "end": {"14:00"}}},
			{name: "addendum", as: kinship.RoleClinician, path: "/notes/" + signedNote + "/addenda", bad: "text", form: url.Values{"text": {""}}},
			{name: "check-in", as: kinship.RoleClient, path: "/me/checkin", bad: "sleep_hours", form: url.Values{
				"craving": {"6"}, "mood": {"2"}, "used": {"no"}, "sleep_hours": {"30"}, "trigger_other": {"A long shift"}, "note": {"Hard day at work."}}},
			{name: "weekly goal", as: kinship.RoleClient, path: "/me/goals", bad: "text", form: url.Values{"text": {""}, "target": {"3"}}},
			{name: "skills log", as: kinship.RoleClient, path: "/me/log", bad: "day", form: url.Values{
				"situation": {"At a party"}, "trigger": {"Friends drinking"}, "day": {"2026-02-30"}, "shared": {"on"}}},
			{name: "add a person", as: kinship.RoleClient, path: "/me/people", bad: "email", form: url.Values{
				"name": {"Maya Brooks"}, "relationship": {"chosen_family"}, "email": {"maya at example"}, "phone": {"510-555-0111"},
				"sharing": {"family_invites"}, "expiry": {"end_of_treatment"}, "signed_name": {"River"}, "agreed": {"on"}},
				unkept: []string{"signed_name", "agreed"}}, // a consent is signed afresh on the corrected form
			{name: "sober date", as: kinship.RoleClient, path: "/me/milestones", bad: "start", form: url.Values{"start": {"2099-01-01"}, "tell_counselor": {"on"}}},
			{name: "portal measure", as: kinship.RoleClient, path: "/me/measures/gad7", bad: "item-7", form: url.Values{
				"item-1": {"2"}, "item-2": {"1"}, "item-3": {"0"}, "item-4": {"3"}, "item-5": {"1"}, "item-6": {"2"}}},
			{name: "staff sign-in", path: "/signin", bad: "password", form: url.Values{"email": {"clinician@kinship.example"}, "password": {""}},
				unkept: []string{"password"}},
			{name: "portal sign-in", path: "/portal/signin", bad: "password", form: url.Values{"email": {demo.ClientEmail}, "password": {""}},
				unkept: []string{"password"}},
			{name: "portal sign-in link", path: "/portal/signin/link", bad: "email", form: url.Values{"email": {"river at example"}}},
			{name: "screening contact", path: "/screen/contact", bad: "name_to_use", form: url.Values{
				"withdrawal_risk": {"mild"}, "psychiatric_severity": {"mild"}, "readiness": {"ready"}, "relapse_risk": {"low"},
				"home_environment": {"supportive"}, "name_to_use": {""}, "pronouns": {"they/them"}, "phone": {"510-555-0177"},
				"email": {"ash@example.org"}, "ok_to_text": {"on"}}},
			{name: "inquiry screening", as: kinship.RoleFrontDesk, path: "/admissions/" + inquiry + "/screening", bad: "withdrawal_risk", form: url.Values{
				"danger_to_self": {"on"}, "readiness": {"ambivalent"}, "relapse_risk": {"moderate"}, "home_environment": {"mixed"}, "support_network": {"on"}}},
			{name: "consent", as: kinship.RoleClinician, path: "/clients/" + river + "/consents", bad: "recipients", form: url.Values{
				"discloser": {"Kinship IOP"}, "information": {"attendance"}, "recipients": {""}, "purposes": {"treatment"},
				"purpose_detail": {"Keep my sister in the loop"}, "expiry": {"end_of_treatment"}, "revocation_noted": {"on"},
				"signature_method": {"typed"}, "signed_name": {"River"}, "signed_on": {"2026-11-20"}, "confirmed": {"on"}}},
			{name: "end an enrollment", as: kinship.RoleClinician, path: "/clients/" + river + "/enrollments/" + enrollment + "/end", bad: "end_date",
				form: url.Values{"end_date": {"2026-02-30"}}},
			{name: "acknowledge an alert", as: kinship.RoleClinician, path: "/alerts/" + alert + "/acknowledge", bad: "note",
				form: url.Values{"from": {"dashboard"}, "note": {""}}},
			{name: "portal settings", as: kinship.RoleClient, path: "/me/settings", bad: "app_name", form: url.Values{"app_name": {"Bogus"}, "remind_sms": {"on"}},
				unkept: []string{"app_name"}}, // a choice not offered cannot be shown chosen
			{name: "screening", path: "/screen", bad: "readiness", form: url.Values{
				"withdrawal_risk": {"mild"}, "psychiatric_severity": {"moderate"}, "relapse_risk": {"high"}, "home_environment": {"mixed"},
				"support_network": {"on"}, "daily_responsibilities": {"on"}}},
			{name: "progress note", as: kinship.RoleClinician, path: "/clients/" + river + "/notes", bad: "minutes", form: url.Values{
				"kind": {"individual"}, "template": {noteTemplate}, "service_date": {"2026-11-20"}, "minutes": {"-5"},
				"section." + noteSection: {"River named two triggers and a plan for the weekend."}, "action": {"save"}},
				unkept: []string{"action"}}, // the button pressed
			{name: "progress note, signed with a section empty", as: kinship.RoleClinician, path: draftNote, bad: "section." + noteSection,
				form:   url.Values{"service_date": {"2026-11-20"}, "minutes": {"50"}, "section." + noteSection: {""}, "action": {"sign"}},
				unkept: []string{"action"}},
			{name: "disclosure", as: kinship.RoleClinician, path: "/clients/" + river + "/disclosures", bad: "recipient", form: url.Values{
				"recipient": {""}, "purpose": {"treatment"}, "information": {"attendance"}, "method": {"download"}}},
			{name: "support callback", as: kinship.RoleClient, path: "/me/support/" + support + "/callback", bad: "callback", form: url.Values{"callback": {"call me"}}},
			{name: "sign a treatment plan", as: kinship.RoleClinician, path: "/clients/" + river + "/treatment-plan/sign", bad: "signed_on",
				form: url.Values{"form": {"sign"}, "version": {draftVersion}, "name": {"Dr. Lee"}, "signed_on": {"2026-13-01"}, "client_name": {"Jo"}}},
			{name: "recovery plan", as: kinship.RoleClient, path: "/me/plan", bad: "person_phone_0", form: url.Values{
				"person_name_0": {"Maya"}, "person_phone_0": {"call her"}, "place_name_0": {"Thursday meeting"}, "place_affirming_0": {"on"},
				"crisis_plan": {"Call Maya, then the line."}}},
			{name: "accept a staff invitation", path: staffInvite, bad: "password", form: url.Values{"password": {"short"}, "password_confirm": {"short"}},
				unkept: []string{"password", "password_confirm"}},
			{name: "accept a portal invitation", path: portalInvite, bad: "password", form: url.Values{"email": {"sage@example.org"}, "password": {"short"}},
				unkept: []string{"password"}},
			{name: "two-step sign-in set-up", as: kinship.RoleSupervisor, path: "/account/mfa", bad: "code", form: url.Values{"code": {"12"}},
				unkept: []string{"code"}}, // a one-time code is typed afresh
			{name: "working hours", as: kinship.RoleClinician, path: "/account/hours", bad: "hours", form: url.Values{"hours": {"someday 25:00-26:00"}}},
			{name: "access token", as: kinship.RoleClinician, path: "/account/tokens", bad: "name", form: url.Values{"name": {strings.Repeat("x", 101)}}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				res := as(c.as).post(c.path, c.form)
				if res.StatusCode != http.StatusBadRequest && res.StatusCode != http.StatusConflict && res.StatusCode != http.StatusUnauthorized {
					t.Fatalf("status %d, want 400, 401 or 409 with the form again\n%s", res.StatusCode, res.body)
				}
				checkFailedForm(t, res.body, c)
			})
		}
	})
}

var (
	formTag   = regexp.MustCompile(`(?s)<form\b[^>]*>.*?</form>`)
	controlRe = regexp.MustCompile(`(?s)<(input)\b([^>]*)>()|<(select|textarea)\b([^>]*)>(.*?)</(?:select|textarea)>`)
	attrRe    = regexp.MustCompile(`([a-z-]+)(?:="([^"]*)")?`)
	optionRe  = regexp.MustCompile(`<option\b([^>]*)>`)
	summaryRe = regexp.MustCompile(`(?s)<div class="alert error-summary"[^>]*>.*?</div>`)
	hrefRe    = regexp.MustCompile(`href="#([^"]+)"`)
)

// control is one input, select or textarea of a form.
type control struct {
	attrs  map[string]string
	values []string // what it would send
}

func attrsOf(s string) map[string]string {
	m := map[string]string{}
	for _, a := range attrRe.FindAllStringSubmatch(s, -1) {
		m[a[1]] = html.UnescapeString(a[2])
	}
	return m
}

// controls parses the controls of form by name.
func controls(form string) map[string][]control {
	out := map[string][]control{}
	for _, m := range controlRe.FindAllStringSubmatch(form, -1) {
		if m[1] == "" {
			m = []string{m[0], m[4], m[5], m[6]}
		}
		c := control{attrs: attrsOf(m[2])}
		switch m[1] {
		case "textarea":
			c.values = []string{html.UnescapeString(strings.TrimPrefix(m[3], "\n"))}
		case "select":
			opts := optionRe.FindAllStringSubmatch(m[3], -1)
			for _, o := range opts {
				if a := attrsOf(o[1]); hasAttr(a, "selected") {
					c.values = append(c.values, a["value"])
				}
			}
			if len(c.values) == 0 && len(opts) > 0 && !hasAttr(c.attrs, "multiple") {
				c.values = []string{attrsOf(opts[0][1])["value"]} // a list sends its first choice unless another is chosen
			}
		default:
			switch t := c.attrs["type"]; {
			case (t == "checkbox" || t == "radio") && !hasAttr(c.attrs, "checked"):
			case t == "checkbox" && !hasAttr(c.attrs, "value"):
				c.values = []string{"on"}
			default:
				c.values = []string{c.attrs["value"]}
			}
		}
		out[c.attrs["name"]] = append(out[c.attrs["name"]], c)
	}
	return out
}

func hasAttr(a map[string]string, name string) bool { _, ok := a[name]; return ok }

// checkFailedForm checks the form sent to c.path came back with c's values
// and with c.bad marked and linked from the error summary.
func checkFailedForm(t *testing.T, body string, c formCase) {
	t.Helper()
	var form string
	for _, f := range formTag.FindAllString(body, -1) {
		if strings.Contains(f, `action="`+c.path+`"`) {
			form = f
			break
		}
		if strings.Contains(f, `action=""`) && form == "" {
			form = f // it is sent to the page's own address
		}
	}
	if form == "" {
		t.Fatalf("no form for %s on the page that came back:\n%s", c.path, body)
	}
	got := controls(form)
	for name, want := range c.form {
		if slices.Contains(c.unkept, name) {
			continue
		}
		var sent []string
		for _, ctl := range got[name] {
			sent = append(sent, ctl.values...)
		}
		if !slices.Equal(sorted(sent), sorted(want)) {
			t.Errorf("%s came back as %q, want %q as typed", name, sent, want)
		}
	}
	// The field at fault: marked, its message beside it, and linked from
	// the summary at the top.
	var bad control
	if ctls := got[c.bad]; len(ctls) > 0 {
		bad = ctls[0]
	} else {
		t.Fatalf("no field %s in the form", c.bad)
	}
	group, inGroup := fieldsetOf(form, c.bad)
	// A group of boxes may be marked as a whole, on its fieldset.
	if bad.attrs["aria-invalid"] != "true" && !(inGroup && strings.Contains(group["class"], "has-error")) {
		t.Errorf("%s is not marked aria-invalid: %v", c.bad, bad.attrs)
	}
	described := bad.attrs["aria-describedby"]
	if described == "" && inGroup {
		described = group["aria-describedby"] // a group of boxes carries its message on the fieldset
	}
	var beside bool // the message is one of the texts the field is described by
	for _, d := range strings.Fields(described) {
		m := regexp.MustCompile(`<p class="field-error" id="` + regexp.QuoteMeta(d) + `"[^>]*>[^<]+<`)
		beside = beside || m.MatchString(form)
	}
	if !beside {
		t.Errorf("%s has no message beside it (aria-describedby %q)", c.bad, described)
	}
	summary := summaryRe.FindString(body)
	if summary == "" {
		t.Fatalf("no error summary on the page")
	}
	var linked bool
	for _, h := range hrefRe.FindAllStringSubmatch(summary, -1) {
		linked = linked || bad.attrs["id"] == h[1] || inGroup && group["id"] == h[1]
	}
	if !linked {
		t.Errorf("the error summary does not link to %s (id %q): %s", c.bad, bad.attrs["id"], summary)
	}
}

var fieldsetRe = regexp.MustCompile(`(?s)<fieldset\b([^>]*)>(.*?)</fieldset>`)

// fieldsetOf returns the attributes of the fieldset holding field name.
func fieldsetOf(form, name string) (map[string]string, bool) {
	for _, m := range fieldsetRe.FindAllStringSubmatch(form, -1) {
		if strings.Contains(m[2], `name="`+name+`"`) {
			return attrsOf(m[1]), true
		}
	}
	return nil, false
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// TestFailedSetupFormKeepsValues is the first-run set-up form's case: it
// needs a program with no organization yet, so it has a database of its own.
func TestFailedSetupFormKeepsValues(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		app.srv.SetSetupToken("the-one-time-token")
		c := formCase{path: "/setup/the-one-time-token", bad: "timezone", form: url.Values{"org_name": {"Pride Path"}, "site_name": {"Downtown"},
			"timezone": {"Mountain time"}, "name": {"Ari Admin"}, "email": {"ari@example.org"},
			"password": {"a much longer password"}, "password_confirm": {"a much longer password"}},
			unkept: []string{"password", "password_confirm"}}
		res := app.browser(t).post(c.path, c.form)
		if res.StatusCode != http.StatusBadRequest {
			t.Fatalf("status %d, want 400 with the form again", res.StatusCode)
		}
		checkFailedForm(t, res.body, c)
	})
}

package web

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"kinship"
	"kinship/store/storetest"
)

// notesWorld is the Mornings group at 09:00 on Monday 23 November, led by
// Sam, with River (legal name Daniel Ortiz), Jamie and Theo on the roster,
// all on Sam's caseload. The clock reads 10:45.
type notesWorld struct {
	app                *testApp
	admin              context.Context
	sam, priya, jordan *kinship.Staff
	program            *kinship.Program
	session            int64
	river, jamie, theo *kinship.Client
}

func setUpNotesWorld(t *testing.T, db *storetest.DB) *notesWorld {
	t.Helper()
	w := &notesWorld{app: newApp(t, db)}
	w.admin, _ = db.MustSetUp(t)
	_, w.sam = db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
	_, w.jordan = db.AddStaff(t, kinship.RoleClinician, "jordan@example.org")
	_, w.priya = db.AddStaff(t, kinship.RoleSupervisor, "priya@example.org")
	sites, _ := db.ListSites(w.admin)
	w.program, _ = db.CreateProgram(w.admin, kinship.ProgramCreate{SiteID: sites[0].ID, Name: "Mornings IOP"})
	track, err := db.CreateTrack(w.admin, kinship.TrackCreate{ProgramID: w.program.ID, Name: "Mornings", Days: []time.Weekday{time.Monday}, Start: "09:00", End: "12:00"})
	if err != nil {
		t.Fatal(err)
	}
	room, _ := db.CreateRoom(w.admin, kinship.Room{SiteID: sites[0].ID, Name: "Group room", Capacity: 12})
	types, _ := db.SessionTypes(w.admin)
	if _, err := db.CreateSeries(w.admin, kinship.SeriesFields{ProgramID: w.program.ID, TrackID: track.ID, TypeID: types[0].ID, Title: "Group therapy",
		FacilitatorID: w.sam.ID, RoomID: room.ID, Days: []time.Weekday{time.Monday}, Start: "09:00", End: "10:30", From: d(t, "2026-11-23")}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		to                     **kinship.Client
		name, given, family, p string
	}{{&w.river, "River", "Daniel", "Ortiz", "they/them"}, {&w.jamie, "Jamie", "Jamie", "Nguyen", "she/her"}, {&w.theo, "Theo", "Theodore", "Grant", "he/him"}} {
		cl, err := db.CreateClient(w.admin, kinship.ClientFields{NameToUse: c.name, Pronouns: c.p, LegalName: kinship.LegalName{Given: c.given, Family: c.family}})
		if err != nil {
			t.Fatal(err)
		}
		db.MustAdmit(t, cl.ID, w.program.ID, w.sam.ID, d(t, "2026-11-16"))
		if _, err := db.Enroll(w.admin, kinship.Enrollment{ClientID: cl.ID, TrackID: track.ID, Start: d(t, "2026-11-16")}); err != nil {
			t.Fatal(err)
		}
		*c.to = cl
	}
	sessions, _ := db.Sessions(w.admin, d(t, "2026-11-23"), d(t, "2026-11-23"))
	w.session = sessions[0].ID
	db.Clock.T = storetest.Now.Add(105 * time.Minute)
	return w
}

// as signs in a browser as m.
func (w *notesWorld) as(t *testing.T, m *kinship.Staff) *browser {
	b := w.app.browser(t)
	b.signIn(m.Email, storetest.AdminPassword)
	return b
}

// json calls the API as notes.js does: the browser's session cookie and
// its CSRF token in the header.
func (b *browser) json(method, path string, body any) (*response, map[string]any) {
	b.t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, b.app.http.URL+path, bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(csrfHeader, b.csrf())
	res := b.do(req)
	var out map[string]any
	json.Unmarshal([]byte(res.body), &out)
	return res, out
}

func TestGroupNoteThroughThePages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		w := setUpNotesWorld(t, db)
		sam := w.as(t, w.sam)
		session := "/sessions/" + itoa(w.session)

		// Attendance for the 9:00 group, one tap each.
		for _, mark := range []url.Values{{"client_id": {itoa(w.river.ID)}, "status": {"present"}},
			{"client_id": {itoa(w.jamie.ID)}, "status": {"late"}, "minutes": {"15"}},
			{"client_id": {itoa(w.theo.ID)}, "status": {"unexcused"}}} {
			if res := sam.post(session+"/attendance", mark); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("attendance: %d\n%s", res.StatusCode, res.body)
			}
		}
		page := sam.get(session + "/note")
		if page.StatusCode != http.StatusOK || !strings.Contains(page.body, "How River took part") || !strings.Contains(page.body, "How Jamie took part") ||
			strings.Contains(page.body, "Theo") {
			t.Fatalf("group note page %d: want River and Jamie, not absent Theo\n%s", page.StatusCode, page.body)
		}
		if !strings.Contains(page.body, `src="/static/`) || !strings.Contains(page.body, `/notes.js"`) {
			t.Errorf("the group note page does not load notes.js")
		}
		form := func(topic, riverPart string) url.Values {
			return url.Values{"section.Topic": {topic}, "section.Curriculum": {"Seeking Safety: asking for help"},
				"section.Interventions": {"Role-play; skills practice"}, "attendee." + itoa(w.river.ID): {riverPart},
				"attendee." + itoa(w.jamie.ID): {"Shared a plan for weekends."}, "action": {"sign"}}
		}
		t.Run("PrivacyCheck", func(t *testing.T) {
			for topic, want := range map[string]string{
				"What jamie said about weekends": "The shared section mentions Jamie in 'Topic'; write about the group, not a person.",
				"Daniel Ortiz's story":           "The shared section names an attendee in 'Topic'; write about the group, not a person.",
			} {
				res := sam.post(session+"/note", form(topic, "Practised asking for help."))
				if res.StatusCode != http.StatusBadRequest || !strings.Contains(html.UnescapeString(res.body), want) {
					t.Errorf("topic %q: status %d, want 400 saying %q", topic, res.StatusCode, want)
				}
				if strings.Contains(res.body, "Ortiz") && !strings.Contains(res.body, "Daniel Ortiz&#39;s story") {
					t.Errorf("the refusal shows a legal name")
				}
			}
			if n := db.Count(t, "notes"); n != 0 {
				t.Errorf("%d notes written despite the refusals", n)
			}
		})
		res := sam.post(session+"/note", form("Asking for help when a craving comes", "Practised asking for help."))
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != session+"/note?done=group-signed" {
			t.Fatalf("sign: %d %s\n%s", res.StatusCode, res.Header.Get("Location"), res.body)
		}
		if done := sam.get(session + "/note?done=group-signed"); !strings.Contains(html.UnescapeString(done.body), "Each attendee's chart now has their note") {
			t.Errorf("no confirmation after signing")
		}

		// Each present client's chart has a note with only their own part.
		for _, c := range []struct {
			client      *kinship.Client
			own, others string
		}{{w.river, "Practised asking for help.", "weekends"}, {w.jamie, "Shared a plan for weekends.", "Practised asking"}} {
			list := sam.get("/clients/" + itoa(c.client.ID) + "/notes")
			note := find(t, list.body, `href="(/notes/\d+)"><strong>23 Nov 2026</strong> · Group note: Group therapy`)
			body := sam.get(note).body
			if !strings.Contains(body, c.own) || !strings.Contains(body, "Asking for help when a craving comes") || strings.Contains(body, c.others) {
				t.Errorf("%s's note:\n%s", c.client.NameToUse, body)
			}
			other := map[bool]string{true: "Jamie", false: "River"}[c.client == w.river]
			if strings.Contains(body, other) {
				t.Errorf("%s's note names %s", c.client.NameToUse, other)
			}
		}
		if theo := sam.get("/clients/" + itoa(w.theo.ID) + "/notes"); !strings.Contains(theo.body, "No notes yet.") || strings.Contains(theo.body, `href="/notes/`) {
			t.Errorf("absent Theo's notes:\n%s", theo.body)
		}
	})
}

func TestSignedNoteIsLocked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		w := setUpNotesWorld(t, db)
		sam := w.as(t, w.sam)
		river := "/clients/" + itoa(w.river.ID)
		if page := sam.get(river + "/notes/new?template=BIRP&session=" + itoa(w.session)); page.StatusCode != http.StatusOK ||
			!strings.Contains(page.body, `name="section.Behavior"`) || !strings.Contains(page.body, `<option value="`+itoa(w.session)+`" selected>`) ||
			!strings.Contains(page.body, `value="90"`) {
			t.Fatalf("new BIRP note for the session: %d\n%s", page.StatusCode, page.body)
		}
		draft := url.Values{"kind": {"individual"}, "template": {"BIRP"}, "session_id": {itoa(w.session)}, "service_date": {"2026-11-23"}, "minutes": {"90"},
			"section.Behavior": {"Engaged"}, "section.Intervention": {"CBT"}, "section.Response": {"Receptive"}, "section.Plan": {""}, "action": {"save"}}
		res := sam.post(river+"/notes", draft)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save draft: %d\n%s", res.StatusCode, res.body)
		}
		note := strings.TrimSuffix(res.Header.Get("Location"), "?done=note-saved")
		id := strings.TrimPrefix(note, "/notes/")
		if page := sam.get(note); !strings.Contains(page.body, "Saved 10:45") || !strings.Contains(page.body, `data-autosave="/api/v1/notes/`+id+`"`) {
			t.Errorf("the draft's editor: no save time or autosave address\n%s", page.body)
		}
		// Autosave, as notes.js sends it.
		if res, body := sam.json(http.MethodPatch, "/api/v1/notes/"+id, map[string]any{"sections": map[string]string{"Plan": "Urge surfing daily"}}); res.StatusCode != http.StatusOK || body["updated_at"] == nil {
			t.Fatalf("autosave: %d %v", res.StatusCode, body)
		}
		if res := sam.post(note, url.Values{"kind": {"individual"}, "session_id": {itoa(w.session)}, "service_date": {"2026-11-23"}, "minutes": {"90"},
			"section.Plan": {"Urge surfing daily"}, "action": {"sign"}}); res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "done=note-signed") {
			t.Fatalf("sign: %d %s\n%s", res.StatusCode, res.Header.Get("Location"), res.body)
		}

		// Signed: no editor, only an addendum; the UI and the API answer 409.
		page := sam.get(note)
		if strings.Contains(page.body, `name="section.`) || !strings.Contains(page.body, `action="/notes/`+id+`/addenda"`) {
			t.Errorf("a signed note's page still offers the editor, or no addendum\n%s", page.body)
		}
		res = sam.post(note, url.Values{"section.Plan": {"changed"}, "minutes": {"90"}, "action": {"save"}})
		if res.StatusCode != http.StatusConflict || !strings.Contains(res.body, "Add an addendum") || !strings.Contains(res.body, `/addenda"`) {
			t.Errorf("posting the editor form to a signed note: %d\n%s", res.StatusCode, res.body)
		}
		if res, _ := sam.json(http.MethodPatch, "/api/v1/notes/"+id, map[string]any{"sections": map[string]string{"Plan": "changed"}}); res.StatusCode != http.StatusConflict {
			t.Errorf("autosave of a signed note: %d", res.StatusCode)
		}
		token := w.app.token(t, w.sam)
		res, body := w.app.api(t, http.MethodPatch, "/api/v1/notes/"+id, token, map[string]any{"sections": map[string]string{"Plan": "changed"}})
		if res.StatusCode != http.StatusConflict || errorCode(body) != kinship.ECONFLICT {
			t.Errorf("PATCH of a signed note: %d %v", res.StatusCode, body)
		}
		if res, _ := w.app.api(t, http.MethodPost, "/api/v1/notes/"+id+"/sign", token, nil); res.StatusCode != http.StatusConflict {
			t.Errorf("signing again: %d", res.StatusCode)
		}
		if res := sam.post(note+"/addenda", url.Values{"text": {"Spoke with River's sister after the session, with consent."}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("addendum: %d\n%s", res.StatusCode, res.body)
		}
		res, body = w.app.api(t, http.MethodPost, "/api/v1/notes/"+id+"/addenda", token, map[string]any{"text": "A second addendum."})
		if res.StatusCode != http.StatusCreated || body["author"] != w.sam.Name {
			t.Errorf("addendum by API: %d %v", res.StatusCode, body)
		}
		res, body = w.app.api(t, http.MethodGet, "/api/v1/notes/"+id, token, nil)
		sections, _ := body["sections"].(map[string]any)
		if sections["Plan"] != "Urge surfing daily" || body["status"] != "signed" || len(body["addenda"].([]any)) != 2 {
			t.Errorf("the note after all that: %v", body)
		}
		if pr := sam.get(note + "/print"); !strings.Contains(pr.body, "42 CFR part 2") || strings.Contains(pr.body, "Daniel") || !strings.Contains(pr.body, "<strong>River</strong> (they/them)") {
			t.Errorf("print view: %d\n%s", pr.StatusCode, pr.body)
		}
	})
}

func TestNoteAPIWritesAndSigns(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		w := setUpNotesWorld(t, db)
		token := w.app.token(t, w.sam)
		res, body := w.app.api(t, http.MethodPost, "/api/v1/notes", token, map[string]any{"client_id": w.river.ID, "kind": "individual",
			"template": "SOAP", "sections": map[string]string{"Subjective": "Tired", "Mood": "?"}, "service_date": "2026-11-23", "minutes": 50})
		if res.StatusCode != http.StatusBadRequest || errorField(body, "sections") == "" {
			t.Errorf("a section SOAP lacks: %d %v", res.StatusCode, body)
		}
		res, body = w.app.api(t, http.MethodPost, "/api/v1/notes", token, map[string]any{"client_id": w.river.ID, "kind": "individual",
			"template": "SOAP", "sections": map[string]string{"Subjective": "Tired"}, "service_date": "2026-11-23", "minutes": 50})
		if res.StatusCode != http.StatusCreated || body["status"] != "draft" || len(body["section_order"].([]any)) != 4 {
			t.Fatalf("create: %d %v", res.StatusCode, body)
		}
		id := itoa(apiID(t, body))
		res, body = w.app.api(t, http.MethodPost, "/api/v1/notes/"+id+"/sign", token, nil)
		if res.StatusCode != http.StatusBadRequest || errorField(body, "section.Objective") == "" {
			t.Errorf("signing with empty sections: %d %v", res.StatusCode, body)
		}
		w.app.api(t, http.MethodPatch, "/api/v1/notes/"+id, token, map[string]any{"sections": map[string]string{"Objective": "Calm", "Assessment": "Steady", "Plan": "Continue"}})
		if res, body = w.app.api(t, http.MethodPost, "/api/v1/notes/"+id+"/sign", token, nil); res.StatusCode != http.StatusOK || body["status"] != "signed" {
			t.Errorf("sign: %d %v", res.StatusCode, body)
		}
		if res, body = w.app.api(t, http.MethodGet, "/api/v1/clients/"+itoa(w.river.ID)+"/notes", token, nil); len(body["notes"].([]any)) != 1 {
			t.Errorf("list: %d %v", res.StatusCode, body)
		}
		if res, _ = w.app.api(t, http.MethodPost, "/api/v1/notes", w.app.token(t, w.jordan), map[string]any{"client_id": w.river.ID, "kind": "individual",
			"template": "DAP", "service_date": "2026-11-23", "minutes": 50}); res.StatusCode != http.StatusForbidden {
			t.Errorf("a clinician writing for a client not on their caseload: %d", res.StatusCode)
		}
	})
}

// TestCounselingNotesNeverShown proves a counseling note appears nowhere
// for anyone but its author: not in the chart, the notes list, the
// timeline, the API, a disclosure or the audit export; and its address
// answers exactly as a missing note's, leaving nothing in the audit trail.
func TestCounselingNotesNeverShown(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		w := setUpNotesWorld(t, db)
		sam := w.as(t, w.sam)
		river := "/clients/" + itoa(w.river.ID)
		secret := "I notice I rush River when they talk about their father."
		if page := sam.get(river + "/notes/new?kind=counseling&template=DAP"); !strings.Contains(page.body, "kept apart from River's record") {
			t.Fatalf("counseling note form:\n%s", page.body)
		}
		res := sam.post(river+"/notes", url.Values{"kind": {"counseling"}, "template": {"DAP"}, "session_id": {"0"}, "service_date": {"2026-11-23"},
			"minutes": {"50"}, "section.Data": {"Session on family."}, "section.Assessment": {secret}, "section.Plan": {"Bring to supervision."},
			"readers_shown": {"1"}, "action": {"sign"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("write it: %d\n%s", res.StatusCode, res.body)
		}
		note := strings.SplitN(res.Header.Get("Location"), "?", 2)[0]
		if page := sam.get(note); !strings.Contains(page.body, secret) {
			t.Fatalf("the author cannot read it")
		}
		if list := sam.get(river + "/notes"); !strings.Contains(list.body, `href="`+note+`"`) {
			t.Errorf("the author's list lacks it")
		}
		consent := kinship.ConsentFields{Discloser: "Rainbow Recovery", Information: []kinship.InfoKind{kinship.InfoFullRecord},
			InformationDetail: "Everything", Recipients: []string{"Dr. Lee"}, Purposes: []kinship.Purpose{kinship.PurposeTreatment},
			Expiry: kinship.ExpiryNone, RevocationNoted: true, SignedName: "River", Confirmed: true}
		if _, err := db.CreateConsent(w.admin, w.river.ID, consent); err != nil {
			t.Fatal(err)
		}
		admin, _ := db.FindStaffByEmail(context.Background(), "admin@example.org")
		for _, m := range []*kinship.Staff{w.priya, w.jordan, admin} {
			b := w.as(t, m)
			before := db.Count(t, "audit_events")
			got, missing := b.get(note), b.get("/notes/999999")
			if got.StatusCode != http.StatusNotFound || !strings.Contains(got.body, "That note was not found.") || missing.StatusCode != http.StatusNotFound ||
				!strings.Contains(missing.body, "That note was not found.") {
				t.Errorf("%s opening it: %d, missing note %d", m.Role, got.StatusCode, missing.StatusCode)
			}
			for _, path := range []string{note + "/print", "/api/v1/notes/" + strings.TrimPrefix(note, "/notes/")} {
				if res := b.get(path); res.StatusCode != http.StatusNotFound {
					t.Errorf("%s: %s answers %d", m.Role, path, res.StatusCode)
				}
			}
			if after := db.Count(t, "audit_events"); after != before {
				t.Errorf("%s's refused reads left %d audit events", m.Role, after-before)
			}
			pages := []string{river, river + "/notes", river + "/timeline", "/api/v1/clients/" + itoa(w.river.ID) + "/notes", "/cosign", "/api/v1/cosign-queue"}
			if m == admin {
				pages = append(pages, "/admin/audit.csv", "/admin/audit")
			}
			for _, path := range pages {
				if body := b.get(path).body; strings.Contains(body, secret) || strings.Contains(body, `"`+note+`"`) || strings.Contains(body, "Counseling notes") {
					t.Errorf("%s sees it on %s", m.Role, path)
				}
			}
			if m == admin {
				res, _ := b.json(http.MethodPost, "/api/v1/clients/"+itoa(w.river.ID)+"/disclosures",
					map[string]any{"recipient": "Dr. Lee", "purpose": "treatment", "information": []string{"full_record"}})
				if res.StatusCode != http.StatusCreated || strings.Contains(res.body, secret) {
					t.Errorf("a whole-record disclosure: %d, holds it: %v", res.StatusCode, strings.Contains(res.body, secret))
				}
				res, _ = b.json(http.MethodPost, "/api/v1/clients/"+itoa(w.river.ID)+"/disclosures",
					map[string]any{"recipient": "Dr. Lee", "purpose": "treatment", "information": []string{"counseling_notes"}})
				if res.StatusCode != http.StatusForbidden {
					t.Errorf("disclosing counseling notes without a consent naming them: %d", res.StatusCode)
				}
			}
		}
	})
}

func TestCosignEndToEnd(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		w := setUpNotesWorld(t, db)
		sky, _ := db.CreateClient(w.admin, kinship.ClientFields{NameToUse: "Sky", Pronouns: "they/them"})
		db.MustAdmit(t, sky.ID, w.program.ID, w.jordan.ID, d(t, "2026-11-16"))

		admin := w.app.browser(t)
		admin.signIn("admin@example.org", storetest.AdminPassword)
		if page := admin.get("/admin/staff/" + itoa(w.jordan.ID)); !strings.Contains(page.body, "Works under supervision") {
			t.Fatalf("the staff page has no supervision box")
		}
		if res := admin.post("/admin/staff/"+itoa(w.jordan.ID), url.Values{"name": {w.jordan.Name}, "role": {"clinician"}, "active": {"on"},
			"needs_supervision": {"on"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("mark as supervised: %d\n%s", res.StatusCode, res.body)
		}

		jordan := w.as(t, w.jordan)
		res := jordan.post("/clients/"+itoa(sky.ID)+"/notes", url.Values{"kind": {"individual"}, "template": {"DAP"}, "session_id": {"0"},
			"service_date": {"2026-11-23"}, "minutes": {"50"}, "section.Data": {"Talked about sleep."}, "section.Assessment": {"Improving."},
			"section.Plan": {"Sleep diary."}, "action": {"sign"}})
		if res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "done=note-cosign") {
			t.Fatalf("a supervised clinician signs: %d %s\n%s", res.StatusCode, res.Header.Get("Location"), res.body)
		}
		note := strings.SplitN(res.Header.Get("Location"), "?", 2)[0]
		if own := jordan.get("/cosign"); !strings.Contains(own.body, `href="`+note+`"`) {
			t.Errorf("Jordan's own queue lacks the note")
		}
		if res := jordan.post(note+"/cosign", nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("co-signing one's own note: %d", res.StatusCode)
		}
		if res := w.as(t, w.sam).post(note+"/cosign", nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("a clinician co-signing: %d", res.StatusCode)
		}

		priya := w.as(t, w.priya)
		queue := priya.get("/cosign")
		if !strings.Contains(queue.body, `href="`+note+`"`) || !strings.Contains(queue.body, "for Sky") {
			t.Fatalf("Priya's queue:\n%s", queue.body)
		}
		if page := priya.get(note); !strings.Contains(page.body, "Waiting for a supervisor") || !strings.Contains(page.body, `action="`+note+`/cosign"`) {
			t.Errorf("the note offers no co-signature:\n%s", page.body)
		}
		if res := priya.post(note+"/cosign", nil); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/cosign?done=cosigned" {
			t.Fatalf("co-sign: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		if queue := priya.get("/cosign"); !strings.Contains(queue.body, "Nothing waits for a co-signature.") {
			t.Errorf("the queue still lists it")
		}
		if page := priya.get(note); !strings.Contains(page.body, w.priya.Name+", ") {
			t.Errorf("the note does not show its co-signer")
		}
		if res, _ := w.app.api(t, http.MethodPost, "/api/v1/notes/"+strings.TrimPrefix(note, "/notes/")+"/cosign", w.app.token(t, w.priya), nil); res.StatusCode != http.StatusConflict {
			t.Errorf("co-signing twice: %d", res.StatusCode)
		}
		events, _, _ := db.ListAudit(w.admin, kinship.AuditFilter{Action: "note."})
		var got []string
		for _, e := range events {
			got = append(got, e.Actor+" "+e.Action)
		}
		for _, want := range []string{w.jordan.Name + " note.create", w.jordan.Name + " note.sign", w.priya.Name + " note.cosign", w.priya.Name + " note.read"} {
			if !strings.Contains(strings.Join(got, "\n"), want) {
				t.Errorf("no audit event %q in %v", want, got)
			}
		}
		if staff, _, _ := db.ListAudit(w.admin, kinship.AuditFilter{Action: kinship.ActionStaffUpdate}); len(staff) == 0 || !strings.Contains(staff[0].Detail, "needs supervision") {
			t.Errorf("marking Jordan as supervised was not audited: %v", staff)
		}
	})
}

func TestNoteTemplatesAdmin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		w := setUpNotesWorld(t, db)
		admin := w.app.browser(t)
		admin.signIn("admin@example.org", storetest.AdminPassword)
		if res := admin.post("/admin/note-templates", url.Values{"name": {"SOAP"}, "sections": {"A"}}); res.StatusCode != http.StatusBadRequest {
			t.Errorf("a built-in name: %d", res.StatusCode)
		}
		if res := admin.post("/admin/note-templates", url.Values{"name": {"Crisis contact"}, "sections": {"Situation\nSafety plan: who they will call\n"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("add: %d\n%s", res.StatusCode, res.body)
		}
		if page := admin.get("/admin/note-templates"); !strings.Contains(page.body, "Crisis contact") || !strings.Contains(page.body, "Situation · Safety plan") {
			t.Errorf("the list lacks the new template")
		}
		sam := w.as(t, w.sam)
		if page := sam.get("/clients/" + itoa(w.river.ID) + "/notes/new?template=Crisis+contact"); !strings.Contains(page.body, "who they will call") ||
			!strings.Contains(page.body, `name="section.Safety plan"`) {
			t.Errorf("a note with the program's template:\n%s", page.body)
		}
	})
}

package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"kinship"
	"kinship/store/storetest"
)

// dischargedQuinn makes a program with a counselor, and Quinn (they/them,
// born 1994-06-01, (510) 555-0142), who was there from 1 September to 12
// October 2026.
func dischargedQuinn(t *testing.T, db *storetest.DB, admin context.Context) (*kinship.Program, *kinship.Staff, *kinship.Client) {
	t.Helper()
	prog := apiProgram(t, db, admin)
	_, counselor := db.AddStaff(t, kinship.RoleClinician, "c@example.org")
	quinn, err := db.CreateClient(admin, kinship.ClientFields{NameToUse: "Quinn", Pronouns: "they/them",
		LegalName: kinship.LegalName{Given: "Rebecca", Family: "Alvarez"}, BirthDate: kinship.Date{Year: 1994, Month: 6, Day: 1}, Phone: "(510) 555-0142"})
	if err != nil {
		t.Fatal(err)
	}
	db.MustAdmit(t, quinn.ID, prog.ID, counselor.ID, kinship.Date{Year: 2026, Month: 9, Day: 1})
	eps, _ := db.Episodes(admin, quinn.ID)
	if _, err := db.DischargeEpisode(admin, eps[0].ID, kinship.Discharge{On: kinship.Date{Year: 2026, Month: 10, Day: 12},
		Reason: kinship.DischargeCompleted, Summary: "Completed."}); err != nil {
		t.Fatal(err)
	}
	return prog, counselor, quinn
}

// TestRegistrationPageRefusesLikelyDuplicate: the desk registers Quinn,
// who was discharged in October, a second time with the same birth date
// and phone. The page answers with Quinn's chart as a match and keeps
// everything typed; only "Register as someone new" makes a second record.
// Readmitting from the match puts a second episode on the same chart.
func TestRegistrationPageRefusesLikelyDuplicate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		admin, _ := db.MustSetUp(t)
		prog, counselor, quinn := dischargedQuinn(t, db, admin)

		desk := app.browser(t)
		db.AddStaff(t, kinship.RoleFrontDesk, "desk@example.org")
		desk.signIn("desk@example.org", storetest.AdminPassword)
		form := url.Values{"name_to_use": {"Q"}, "pronouns": {"they/them"}, "birth_date": {"1994-06-01"}, "phone": {"510.555.0142"},
			"legal_name.given": {"Rebecca"}, "legal_name.family": {"Alvarez"}, "emergency_contact.name": {"Maya"}}
		before := db.Count(t, "clients")
		res := desk.post("/clients", form)
		if res.StatusCode != http.StatusConflict {
			t.Fatalf("second registration: %d, want 409", res.StatusCode)
		}
		body := html.UnescapeString(res.body)
		// The desk cannot admit, so the match opens the chart for a counselor to readmit.
		if want := "Quinn (they/them), born 1994-06-01, discharged " + (kinship.Date{Year: 2026, Month: 10, Day: 12}).Label() + ": open the chart"; !strings.Contains(body, want) {
			t.Errorf("the page does not offer %q:\n%s", want, res.body)
		}
		if link := `href="/clients/` + itoa(quinn.ID) + `#admit"`; !strings.Contains(res.body, link) {
			t.Errorf("no link to readmit Quinn (%s)", link)
		}
		for _, typed := range []string{`value="Q"`, `value="510.555.0142"`, `value="Maya"`, `value="1994-06-01"`} {
			if !strings.Contains(res.body, typed) {
				t.Errorf("the refused form lost %s", typed)
			}
		}
		if db.Count(t, "clients") != before {
			t.Fatalf("a refused registration made a client")
		}

		t.Run("register as someone new", func(t *testing.T) {
			form.Set("confirm_new", "yes")
			if res := desk.post("/clients", form); res.StatusCode != http.StatusSeeOther {
				t.Errorf("confirmed registration: %d, want 303", res.StatusCode)
			}
			if got := db.Count(t, "clients"); got != before+1 {
				t.Errorf("clients = %d, want %d", got, before+1)
			}
		})

		t.Run("readmit instead", func(t *testing.T) {
			b := app.browser(t)
			b.signIn("c@example.org", storetest.AdminPassword)
			chart := b.get("/clients/" + itoa(quinn.ID))
			if !strings.Contains(chart.body, `id="admit"`) {
				t.Fatalf("the chart offers no admission form")
			}
			res := b.post("/clients/"+itoa(quinn.ID)+"/episodes", url.Values{"program_id": {itoa(prog.ID)}, "admitted_on": {"2026-11-16"},
				"primary_counselor_id": {itoa(counselor.ID)}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("readmission: %d %s", res.StatusCode, res.body)
			}
			if eps, _ := db.Episodes(admin, quinn.ID); len(eps) != 2 || !eps[0].Open() {
				t.Errorf("Quinn has %d episodes, want 2 with the new one open", len(eps))
			}
		})
	})
}

// TestAPIRegistrationRefusesLikelyDuplicate: POST /api/v1/clients answers
// 409 with the matching ids until the body says confirm_new.
func TestAPIRegistrationRefusesLikelyDuplicate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		_, admin := db.MustSetUp(t)
		token := app.token(t, admin)
		res, created := app.api(t, "POST", "/api/v1/clients", token, apiRiver())
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("first registration: %d %s", res.StatusCode, res.body)
		}
		again := map[string]any{"name_to_use": "Riv", "birth_date": "1994-03-14", "phone": "+1 510 555 0142"}
		res, body := app.api(t, "POST", "/api/v1/clients", token, again)
		if res.StatusCode != http.StatusConflict || errorCode(body) != kinship.ECONFLICT {
			t.Fatalf("second registration: %d %s, want 409 conflict", res.StatusCode, res.body)
		}
		if m, _ := body["matches"].([]any); len(m) != 1 || m[0] != float64(apiID(t, created)) {
			t.Errorf("matches = %v, want [%d]", body["matches"], apiID(t, created))
		}
		if strings.Contains(res.body, "Deadname") || strings.Contains(res.body, "River") {
			t.Errorf("the refusal carries client data: %s", res.body)
		}
		again["confirm_new"] = true
		if res, _ := app.api(t, "POST", "/api/v1/clients", token, again); res.StatusCode != http.StatusCreated {
			t.Errorf("confirmed registration: %d %s", res.StatusCode, res.body)
		}
	})
}

// TestAdmitFormTrackAndDiagnoses: the admission form takes diagnoses typed
// as a code or as words and enrolls in a track in the same step; an error
// keeps everything chosen and typed.
func TestAdmitFormTrackAndDiagnoses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		admin, _ := db.MustSetUp(t)
		prog := apiProgram(t, db, admin)
		track, err := db.CreateTrack(admin, kinship.TrackCreate{ProgramID: prog.ID, Name: "Mornings", Days: []time.Weekday{time.Monday}, Start: "09:00", End: "12:00"})
		if err != nil {
			t.Fatal(err)
		}
		_, counselor := db.AddStaff(t, kinship.RoleClinician, "c@example.org")
		c, _ := db.CreateClient(admin, kinship.ClientFields{NameToUse: "Quinn"})
		b := app.browser(t)
		b.signIn("c@example.org", storetest.AdminPassword)
		chart := b.get("/clients/" + itoa(c.ID))
		for _, want := range []string{`list="icd10cm"`, `<option value="F11.21 Opioid dependence, in remission">`, `name="track_id"`} {
			if !strings.Contains(chart.body, want) {
				t.Errorf("the admission form has no %s", want)
			}
		}
		if strings.Contains(chart.body, `multiple`) {
			t.Errorf("the diagnosis picker is still a multi-select")
		}
		form := url.Values{"program_id": {itoa(prog.ID)}, "admitted_on": {"2026-11-16"}, "primary_counselor_id": {itoa(counselor.ID)},
			"track_id": {itoa(track.ID)}, "diagnoses": {"F10.20 Alcohol dependence, uncomplicated", "opioid", ""}}
		res := b.post("/clients/"+itoa(c.ID)+"/episodes", form)
		if res.StatusCode != http.StatusBadRequest {
			t.Fatalf("ambiguous diagnosis: %d, want 400", res.StatusCode)
		}
		body := html.UnescapeString(res.body)
		for _, kept := range []string{`value="F10.20 Alcohol dependence, uncomplicated"`, `value="opioid"`, `value="2026-11-16"`,
			`value="` + itoa(track.ID) + `" selected`, `value="` + itoa(counselor.ID) + `" selected`, "“opioid” is not one ICD-10-CM code"} {
			if !strings.Contains(body, kept) {
				t.Errorf("the refused form lost %s", kept)
			}
		}
		if n := db.Count(t, "episodes") + db.Count(t, "enrollments"); n != 0 {
			t.Fatalf("a refused admission wrote %d rows", n)
		}
		form["diagnoses"] = []string{"F10.20 Alcohol dependence, uncomplicated", "opioid dependence remission", ""}
		if res := b.post("/clients/"+itoa(c.ID)+"/episodes", form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("admission: %d %s", res.StatusCode, res.body)
		}
		eps, _ := db.Episodes(admin, c.ID)
		if len(eps) != 1 || len(eps[0].Diagnoses) != 2 || eps[0].Diagnoses[0].Code != "F10.20" || eps[0].Diagnoses[1].Code != "F11.21" {
			t.Errorf("episodes = %+v, want one with F10.20 and F11.21", eps)
		}
		if list, _ := db.Enrollments(admin, c.ID); len(list) != 1 || list[0].TrackID != track.ID {
			t.Errorf("enrollments = %+v, want Mornings", list)
		}
	})
}

// TestRegistrationFromInquiry: what the caller told us (referral source,
// insurance, substances, notes) stays on the new chart; a caller who
// already has a chart is matched, and the inquiry goes on that chart
// instead of a second one.
func TestRegistrationFromInquiry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		admin, _ := db.MustSetUp(t)
		db.AddStaff(t, kinship.RoleFrontDesk, "desk@example.org")
		desk := app.browser(t)
		desk.signIn("desk@example.org", storetest.AdminPassword)
		inquiry := func(phone string) int64 {
			in, err := db.CreateInquiry(admin, kinship.InquiryFields{NameToUse: "Quinn", Phone: phone, Insurance: "Blue Shield PPO",
				Substances: "alcohol", ReferralSource: "Dr Okafor", Notes: "Prefers evenings"})
			if err != nil {
				t.Fatal(err)
			}
			return in.ID
		}
		first := inquiry("(510) 555-0142")
		res := desk.post("/admissions/"+itoa(first)+"/convert", url.Values{"name_to_use": {"Quinn"}, "phone": {"(510) 555-0142"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("registration from the inquiry: %d", res.StatusCode)
		}
		chartURL := res.Header.Get("Location")
		chartURL, _, _ = strings.Cut(chartURL, "?")
		chart := desk.get(chartURL)
		for _, kept := range []string{"Dr Okafor", "Blue Shield PPO", "alcohol", "Prefers evenings"} {
			if !strings.Contains(chart.body, kept) {
				t.Errorf("the chart lost the inquiry's %q", kept)
			}
		}
		quinnID, _ := strconv.ParseInt(strings.TrimPrefix(chartURL, "/clients/"), 10, 64)

		t.Run("a caller who already has a chart", func(t *testing.T) {
			again := inquiry("510.555.0142")
			before := db.Count(t, "clients")
			res := desk.post("/admissions/"+itoa(again)+"/convert", url.Values{"name_to_use": {"Quinn"}, "phone": {"510.555.0142"}})
			if res.StatusCode != http.StatusConflict || !strings.Contains(res.body, `action="/admissions/`+itoa(again)+`/link"`) {
				t.Fatalf("second registration: %d, want 409 offering to put the inquiry on Quinn's chart", res.StatusCode)
			}
			res = desk.post("/admissions/"+itoa(again)+"/link", url.Values{"client_id": {itoa(quinnID)}})
			if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/clients/"+itoa(quinnID)+"#admit" {
				t.Fatalf("link: %d to %q", res.StatusCode, res.Header.Get("Location"))
			}
			if in, _ := db.Inquiry(admin, again); in.ClientID != quinnID || db.Count(t, "clients") != before {
				t.Errorf("inquiry on client %d, %d clients; want on %d, still %d", in.ClientID, db.Count(t, "clients"), quinnID, before)
			}
			if res := desk.post("/admissions/"+itoa(again)+"/link", url.Values{"client_id": {itoa(quinnID)}}); res.StatusCode != http.StatusConflict {
				t.Errorf("linking twice: %d, want 409", res.StatusCode)
			}
		})
	})
}

// TestAPIInquiryLink: POST /api/v1/inquiries/{id}/link puts the inquiry
// on an existing chart; an unknown client changes nothing.
func TestAPIInquiryLink(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		admin, me := db.MustSetUp(t)
		token := app.token(t, me)
		c, _ := db.CreateClient(admin, kinship.ClientFields{NameToUse: "Quinn", Phone: "(510) 555-0142"})
		in, _ := db.CreateInquiry(admin, kinship.InquiryFields{NameToUse: "Quinn", Phone: "(510) 555-0142"})
		path := "/api/v1/inquiries/" + itoa(in.ID) + "/link"
		if res, _ := app.api(t, "POST", path, token, map[string]any{"client_id": 999}); res.StatusCode != http.StatusNotFound {
			t.Errorf("unknown client: %d, want 404", res.StatusCode)
		}
		res, body := app.api(t, "POST", path, token, map[string]any{"client_id": c.ID})
		if res.StatusCode != http.StatusOK || body["client_id"] != float64(c.ID) {
			t.Errorf("link: %d %s, want 200 with client_id %d", res.StatusCode, res.body, c.ID)
		}
	})
}

package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kinship"
	"kinship/store/storetest"
)

// TestInquiryToAdmission takes a caller through the pages as front desk and
// a counselor would: inquiry, screening, registration, admission.
func TestInquiryToAdmission(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		admin, _ := db.MustSetUp(t)
		sites, _ := db.ListSites(admin)
		prog, _ := db.CreateProgram(admin, kinship.ProgramCreate{SiteID: sites[0].ID, Name: "Mornings IOP"})
		db.AddStaff(t, kinship.RoleFrontDesk, "desk@example.org")
		_, counselor := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")

		desk := app.browser(t)
		desk.signIn("desk@example.org", storetest.AdminPassword)
		call := url.Values{"caller_type": {"on_behalf"}, "caller_name": {"Robin"}, "caller_relationship": {"partner"},
			"name_to_use": {"Jules"}, "pronouns": {"he/him"}, "phone": {"510-555-0100"}, "ok_to_voicemail": {"on"},
			"substances": {"alcohol"}, "insurance": {"Blue Shield"}, "referral_source": {"Pride center"}}
		bad := url.Values{}
		for k, v := range call {
			bad[k] = v
		}
		bad.Del("caller_name")
		if res := desk.post("/admissions", bad); res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, "when they call on someone") {
			t.Errorf("inquiry without the caller's name: %d", res.StatusCode)
		}
		res := desk.post("/admissions", call)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("new inquiry: %d\n%s", res.StatusCode, res.body)
		}
		inquiry := strings.TrimSuffix(res.Header.Get("Location"), "?done=inquiry")

		screen := url.Values{"withdrawal_risk": {"mild"}, "psychiatric_severity": {"moderate"}, "readiness": {"ready"},
			"relapse_risk": {"moderate"}, "home_environment": {"mixed"}, "support_network": {"on"}, "daily_responsibilities": {"on"}}
		if res := desk.post(inquiry+"/screening", screen); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("screening: %d\n%s", res.StatusCode, res.body)
		}
		if page := desk.get(inquiry); !strings.Contains(page.body, "Intensive outpatient (IOP)") {
			t.Errorf("the inquiry does not show the recommendation")
		}
		desk.post(inquiry+"/move", url.Values{"status": {"assessment_booked"}})
		if board := desk.get("/admissions"); !strings.Contains(board.body, "Jules") || !strings.Contains(board.body, "Intensive outpatient (IOP)") {
			t.Errorf("the board does not show Jules with the screening")
		}

		// Registration starts from what the call recorded.
		form := desk.get(inquiry + "/convert")
		for _, want := range []string{`value="Jules"`, `value="he/him"`, `value="510-555-0100"`, "Legal name (insurance and legal documents)"} {
			if !strings.Contains(form.body, want) {
				t.Errorf("registration form lacks %s", want)
			}
		}
		reg := url.Values{"name_to_use": {"Jules"}, "pronouns": {"he/him"}, "phone": {"510-555-0100"}, "ok_to_voicemail": {"on"},
			"legal_name.given": {"Julia"}, "legal_name.family": {"Reyes"}, "sex_for_clinical_use": {"specified"}, "birth_date": {"1990-02-30"}}
		if res := desk.post(inquiry+"/convert", reg); res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, "Birth date must be a real date") {
			t.Errorf("impossible birth date: %d", res.StatusCode)
		}
		reg.Set("birth_date", "1990-02-28")
		res = desk.post(inquiry+"/convert", reg)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("register: %d\n%s", res.StatusCode, res.body)
		}
		chart := strings.TrimSuffix(res.Header.Get("Location"), "?done=registered")

		// The counselor admits Jules to the program.
		sam := app.browser(t)
		sam.signIn("sam@example.org", storetest.AdminPassword)
		admit := url.Values{"program_id": {itoa(prog.ID)}, "admitted_on": {"2026-11-23"}, "primary_counselor_id": {itoa(counselor.ID)},
			"diagnoses": {"F10.20", "F41.1"}}
		if res := sam.post(chart+"/episodes", admit); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("admit: %d\n%s", res.StatusCode, res.body)
		}
		page := sam.get(chart)
		for _, want := range []string{"Jules", "(he/him)", "Mornings IOP", "Alcohol dependence, uncomplicated", "Generalized anxiety disorder"} {
			if !strings.Contains(page.body, want) {
				t.Errorf("chart lacks %q", want)
			}
		}
		if strings.Contains(page.body, "Reyes") {
			t.Error("the chart shows the legal name")
		}
		if dash := sam.get("/dashboard"); !strings.Contains(dash.body, "Jules") {
			t.Error("Jules is not on the counselor's caseload")
		}
		if board := desk.get("/admissions"); !strings.Contains(board.body, "1 admitted") {
			t.Error("the board does not count the admission")
		}

		// A URL cannot reach one client's record through another's.
		other, _ := db.CreateClient(admin, kinship.ClientFields{NameToUse: "Ash"})
		eps, _ := db.Episodes(admin, itoaID(t, chart))
		res = sam.post("/clients/"+itoa(other.ID)+"/episodes/"+itoa(eps[0].ID)+"/discharge",
			url.Values{"discharged_on": {"2026-11-23"}, "reason": {"completed"}, "summary": {"x"}})
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("discharging Jules's episode through Ash's chart: %d", res.StatusCode)
		}
	})
}

// itoaID reads the client id at the end of a chart path.
func itoaID(t *testing.T, chart string) int64 {
	t.Helper()
	var id int64
	for _, c := range chart[strings.LastIndex(chart, "/")+1:] {
		id = id*10 + int64(c-'0')
	}
	return id
}

// TestInquiryMoveRefusedKeepsChoice: closing an inquiry without the reason
// is refused, and the page keeps the stage chosen and what was typed.
func TestInquiryMoveRefusedKeepsChoice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		app := newApp(t, db)
		db.MustSetUp(t)
		db.AddStaff(t, kinship.RoleFrontDesk, "desk@example.org")
		desk := app.browser(t)
		desk.signIn("desk@example.org", storetest.AdminPassword)
		res := desk.post("/admissions", url.Values{"caller_type": {"self"}, "name_to_use": {"Jules"}, "phone": {"510-555-0100"}})
		inquiry := strings.TrimSuffix(res.Header.Get("Location"), "?done=inquiry")

		res = desk.post(inquiry+"/move", url.Values{"status": {"referred"}, "reason": {" "}})
		if res.StatusCode != http.StatusBadRequest {
			t.Fatalf("referral without where: %d", res.StatusCode)
		}
		for _, want := range []string{`<option value="referred" selected>`, `aria-invalid="true"`} {
			if !strings.Contains(res.body, want) {
				t.Errorf("the refused move lacks %s", want)
			}
		}
		if strings.Contains(res.body, `<option value="new" selected>`) {
			t.Errorf("the refused move went back to New")
		}

		res = desk.post(inquiry+"/move", url.Values{"status": {"closed"}, "reason": {""}})
		if !strings.Contains(res.body, `<option value="closed" selected>`) {
			t.Errorf("the refused close does not keep Closed chosen")
		}
	})
}

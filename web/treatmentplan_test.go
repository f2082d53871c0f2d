package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"kinship"
	"kinship/demo"
	"kinship/store/storetest"
)

// planWorld is a program with Sam, a clinician, and clients admitted on 2
// November 2026 with an alcohol use disorder; it is 23 November.
type planWorld struct {
	app     *testApp
	admin   *kinship.Staff
	sam     *kinship.Staff
	program int64
}

func newPlanWorld(t *testing.T, db *storetest.DB) planWorld {
	t.Helper()
	app := newApp(t, db)
	adminCtx, admin := db.MustSetUp(t)
	sites, _ := db.ListSites(adminCtx)
	prog, _ := db.CreateProgram(adminCtx, kinship.ProgramCreate{SiteID: sites[0].ID, Name: "Mornings IOP"})
	_, sam := db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
	return planWorld{app: app, admin: admin, sam: sam, program: prog.ID}
}

// client registers and admits a client with a legal name of "Daniel
// Ortiz", and gives them a portal account.
func (w planWorld) client(t *testing.T, name string) *kinship.Client {
	t.Helper()
	sys := kinship.SystemContext(context.Background())
	c, err := w.app.CreateClient(sys, kinship.ClientFields{NameToUse: name, Pronouns: "they/them", LegalName: kinship.LegalName{Given: "Daniel", Family: "Ortiz"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.app.Admit(sys, c.ID, kinship.Admission{ProgramID: w.program, AdmittedOn: d(t, "2026-11-02"), PrimaryCounselorID: w.sam.ID,
		Diagnoses: []string{"F10.20", "F41.1"}}); err != nil {
		t.Fatal(err)
	}
	inv, _ := w.app.InviteClient(sys, c.ID)
	if _, err := w.app.AcceptClientInvite(context.Background(), inv.Token, strings.ToLower(name)+"@example.org", storetest.AdminPassword); err != nil {
		t.Fatal(err)
	}
	return c
}

// planBody is a whole plan as the API takes it.
func planBody(staffID int64) map[string]any {
	return map[string]any{"problems": []any{map[string]any{"diagnosis": "F10.20", "text": "Drinking to cope with stress",
		"goals": []any{map[string]any{"text": "I want my Friday nights back",
			"objectives":    []any{map[string]any{"text": "Mood lifts", "target_on": "2027-01-15", "instrument": "phq9", "comparison": "below", "threshold": 10}},
			"interventions": []any{map[string]any{"what": "Individual counseling", "frequency": "Weekly", "staff_id": staffID}}}}}}}
}

// signedFor writes and signs a plan for c as Sam, awaiting c's signature.
func (w planWorld) signedFor(t *testing.T, c *kinship.Client, text string) *kinship.TreatmentPlan {
	t.Helper()
	sam := storetest.As(w.sam)
	in := kinship.TreatmentPlanInput{Problems: []kinship.PlanProblem{{Diagnosis: "F10.20", Text: text, Goals: []kinship.PlanGoal{{Text: text,
		Objectives:    []kinship.Objective{{Text: "Mood lifts", TargetOn: d(t, "2027-01-15")}},
		Interventions: []kinship.Intervention{{What: "Group", Frequency: "Daily", Role: "Group facilitator"}}}}}}}
	p, err := w.app.SaveTreatmentPlan(sam, c.ID, in)
	if err == nil {
		p, err = w.app.SignTreatmentPlan(sam, c.ID, kinship.PlanSigning{Version: p.Version, Name: "Sam Okafor"})
	}
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTreatmentPlanPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		w := newPlanWorld(t, db)
		river := w.client(t, "River")
		base := "/clients/" + itoa(river.ID) + "/treatment-plan"
		b := w.app.browser(t)
		b.signIn("sam@example.org", storetest.AdminPassword)
		if page := b.get(base); page.StatusCode != http.StatusOK || !strings.Contains(page.body, "No treatment plan yet") {
			t.Fatalf("before a plan: %d\n%s", page.StatusCode, page.body)
		}
		if page := b.get(base + "/edit"); page.StatusCode != http.StatusOK || !strings.Contains(page.body, `name="problems.0.goals.0.objectives.0.target_on"`) {
			t.Fatalf("the form: %d\n%s", page.StatusCode, page.body)
		}
		form := url.Values{"version": {"0"}, "problems.0.diagnosis": {"F10.20"}, "problems.0.text": {"Drinking to cope"},
			"problems.0.goals.0.text": {"I want my Friday nights back"}, "problems.0.goals.0.objectives.0.text": {"Mood lifts"},
			"problems.0.goals.0.objectives.0.instrument": {"phq9"}, "problems.0.goals.0.objectives.0.comparison": {"below"},
			"problems.0.goals.0.objectives.0.threshold": {"10"},
			"problems.0.goals.0.interventions.0.what":   {"Individual counseling"}, "problems.0.goals.0.interventions.0.frequency": {"Weekly"},
			"problems.0.goals.0.interventions.0.who": {"staff:" + itoa(w.sam.ID)},
			// The blank rows the form adds.
			"problems.0.goals.0.objectives.1.text": {""}, "problems.0.goals.0.objectives.1.comparison": {"below"},
			"problems.1.diagnosis": {""}, "problems.1.goals.0.text": {""}}
		res := b.post(base, form)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, `id="f-problems.0.goals.0.objectives.0.target_on-error"`) ||
			!strings.Contains(res.body, "Give the objective a target date.") || !strings.Contains(res.body, "Mood lifts") {
			t.Fatalf("no target date: %d\n%s", res.StatusCode, res.body)
		}
		form.Set("problems.0.goals.0.objectives.0.target_on", "2027-01-15")
		if res := b.post(base, form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d\n%s", res.StatusCode, res.body)
		}
		page := b.get(base)
		if !strings.Contains(page.body, "Version 1: draft") || !strings.Contains(page.body, "PHQ-9 below 10") || !strings.Contains(page.body, "Sign version 1") {
			t.Fatalf("the draft:\n%s", page.body)
		}
		sign := url.Values{"form": {"sign"}, "version": {"1"}, "name": {"Sam Okafor"}, "signed_on": {"2026-11-23"}, "client_name": {"Daniel"}}
		if res := b.post(base+"/sign", sign); res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, `id="f-client_name-error"`) {
			t.Fatalf("signed in person with another name: %d\n%s", res.StatusCode, res.body)
		}
		sign.Set("client_name", "")
		if res := b.post(base+"/sign", sign); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign: %d\n%s", res.StatusCode, res.body)
		}
		form.Set("version", "1")
		if res := b.post(base, form); res.StatusCode != http.StatusConflict || !strings.Contains(res.body, "Start a new version") {
			t.Errorf("editing the signed version: %d\n%s", res.StatusCode, res.body)
		}
		if page := b.get(base + "/edit"); !strings.Contains(page.body, "Saving starts version 2 from version 1") || !strings.Contains(page.body, "Mood lifts") {
			t.Errorf("a new version's form:\n%s", page.body)
		}
		form.Set("version", "0")
		form.Set("problems.0.goals.0.objectives.0.threshold", "8")
		if res := b.post(base, form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("version 2: %d\n%s", res.StatusCode, res.body)
		}
		if page := b.get(base + "/versions/1"); page.StatusCode != http.StatusOK || !strings.Contains(page.body, "PHQ-9 below 10") ||
			!strings.Contains(page.body, "Signed by Sam Okafor") || !strings.Contains(page.body, "Awaiting River") {
			t.Errorf("version 1 after version 2: %d\n%s", page.StatusCode, page.body)
		}
		print := b.get(base + "/versions/1/print")
		if print.StatusCode != http.StatusOK || !strings.Contains(print.body, "Treatment plan: River") || !strings.Contains(print.body, "(they/them)") ||
			!strings.Contains(print.body, "Sam Okafor") || !strings.Contains(print.body, "/disclosures") {
			t.Fatalf("print: %d\n%s", print.StatusCode, print.body)
		}
		if strings.Contains(print.body, "Daniel") || strings.Contains(print.body, "Ortiz") {
			t.Errorf("the printout shows the legal name:\n%s", print.body)
		}
		if res := b.get(base + "/versions/2/print"); res.StatusCode != http.StatusConflict {
			t.Errorf("printing a draft: %d", res.StatusCode)
		}
		if res := b.get(base + "/versions/9"); res.StatusCode != http.StatusNotFound {
			t.Errorf("a version that does not exist: %d", res.StatusCode)
		}
		events, _, _ := db.ListAudit(kinship.SystemContext(context.Background()), kinship.AuditFilter{Action: kinship.ActionTreatmentPlanPrint})
		if len(events) != 1 {
			t.Errorf("print events = %d, want 1", len(events))
		}
	})
}

func TestTreatmentPlanAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		w := newPlanWorld(t, db)
		river := w.client(t, "River")
		w.client(t, "Alex") // without a plan
		path := "/api/v1/clients/" + itoa(river.ID) + "/treatment-plan"
		token := w.app.token(t, w.sam)
		if res, _ := w.app.api(t, "GET", path, token, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("before a plan: %d", res.StatusCode)
		}
		bad := planBody(w.sam.ID)
		bad["problems"].([]any)[0].(map[string]any)["goals"].([]any)[0].(map[string]any)["objectives"].([]any)[0].(map[string]any)["threshold"] = 40
		res, out := w.app.api(t, "POST", path, token, bad)
		if res.StatusCode != http.StatusBadRequest || errorField(out, "problems.0.goals.0.objectives.0.threshold") == "" {
			t.Fatalf("threshold 40: %d %v", res.StatusCode, out)
		}
		res, out = w.app.api(t, "POST", path, token, map[string]any{"problems": []any{}})
		if res.StatusCode != http.StatusCreated || out["version"] != float64(1) {
			t.Fatalf("create: %d %v", res.StatusCode, out)
		}
		if res, out := w.app.api(t, "POST", path+"/sign", token, map[string]any{"version": 1, "name": "Sam Okafor"}); res.StatusCode != http.StatusBadRequest ||
			errorField(out, "problems") == "" {
			t.Errorf("sign an empty draft: %d %v", res.StatusCode, out)
		}
		b := w.app.browser(t)
		b.signIn("sam@example.org", storetest.AdminPassword)
		res = b.post("/clients/"+itoa(river.ID)+"/treatment-plan/sign", url.Values{"form": {"sign"}, "version": {"1"}, "name": {"Sam Okafor"}})
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, "Add at least one problem before signing.") {
			t.Errorf("sign an empty draft on its page: %d\n%s", res.StatusCode, res.body)
		}
		body := planBody(w.sam.ID)
		body["version"] = 1
		if res, out := w.app.api(t, "PUT", path, token, body); res.StatusCode != http.StatusOK {
			t.Fatalf("change the draft: %d %v", res.StatusCode, out)
		}
		res, out = w.app.api(t, "POST", path+"/sign", token, map[string]any{"version": 1, "name": "Sam Okafor", "client_name": "River"})
		if res.StatusCode != http.StatusOK || out["client_signature"] == nil {
			t.Fatalf("sign: %d %v", res.StatusCode, out)
		}
		if res, out := w.app.api(t, "PUT", path, token, body); res.StatusCode != http.StatusConflict || errorCode(out) != kinship.ECONFLICT {
			t.Errorf("change a signed version: %d %v", res.StatusCode, out)
		}
		if res, out := w.app.api(t, "POST", path, token, map[string]any{}); res.StatusCode != http.StatusCreated || out["version"] != float64(2) {
			t.Fatalf("a new version copied from version 1: %d %v", res.StatusCode, out)
		}
		res, out = w.app.api(t, "GET", path, token, nil)
		if versions, _ := out["versions"].([]any); res.StatusCode != http.StatusOK || out["version"] != float64(2) || len(versions) != 2 {
			t.Errorf("latest: %d %v", res.StatusCode, out)
		}
		if res, out := w.app.api(t, "GET", path+"/versions/1", token, nil); res.StatusCode != http.StatusOK || out["clinician_signature"] == nil {
			t.Errorf("version 1: %d %v", res.StatusCode, out)
		}
		if res, out := w.app.api(t, "GET", path+"/status", token, nil); res.StatusCode != http.StatusOK || out["review_due_on"] != "2026-12-23" {
			t.Errorf("status: %d %v", res.StatusCode, out)
		}
		admin := w.app.token(t, w.admin)
		if res, out := w.app.api(t, "PUT", "/api/v1/treatment-plan-settings", admin, map[string]any{"review_days": 2}); res.StatusCode != http.StatusBadRequest ||
			errorField(out, "review_days") == "" {
			t.Errorf("2 days: %d %v", res.StatusCode, out)
		}
		if res, _ := w.app.api(t, "PUT", "/api/v1/treatment-plan-settings", admin, map[string]any{"review_days": 21}); res.StatusCode != http.StatusOK {
			t.Errorf("21 days: %d", res.StatusCode)
		}
		res, out = w.app.api(t, "GET", "/api/v1/treatment-plan-reviews", token, nil)
		// River's is due on 14 December; Alex's first plan 21 days after admission, today.
		if reviews, _ := out["reviews"].([]any); res.StatusCode != http.StatusOK || len(reviews) != 1 || reviews[0].(map[string]any)["client"] != "Alex" {
			t.Errorf("reviews due: %d %v", res.StatusCode, out)
		}
	})
}

func TestTreatmentPlanInPortalPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		w := newPlanWorld(t, db)
		river, alex := w.client(t, "River"), w.client(t, "Alex")
		b := w.app.browser(t)
		b.portalSignIn("river@example.org", storetest.AdminPassword)
		if page := b.get("/me/treatment-plan"); page.StatusCode != http.StatusOK || !strings.Contains(page.body, "when it is ready") {
			t.Fatalf("before a plan: %d\n%s", page.StatusCode, page.body)
		}
		mine, theirs := w.signedFor(t, river, "River's own words"), w.signedFor(t, alex, secret)
		page := b.get("/me/treatment-plan")
		if !strings.Contains(page.body, "Sign your plan") || !strings.Contains(page.body, "River&#39;s own words") || strings.Contains(page.body, secret) {
			t.Fatalf("River's plan:\n%s", page.body)
		}
		if res := b.post("/me/treatment-plan/sign", url.Values{"plan_id": {itoa(theirs.ID)}, "name": {"River"}}); res.StatusCode != http.StatusNotFound {
			t.Errorf("River signs Alex's plan: %d", res.StatusCode)
		}
		if res, out := b.portalAPI("POST", "/api/v1/me/treatment-plan/sign", map[string]any{"plan_id": theirs.ID, "name": "Alex"}); res.StatusCode != http.StatusNotFound {
			t.Errorf("River signs Alex's plan through the API: %d %v", res.StatusCode, out)
		}
		if p, _ := db.TreatmentPlan(kinship.SystemContext(context.Background()), alex.ID, 0); p.Client != nil {
			t.Errorf("Alex's plan was signed: %+v", p.Client)
		}
		res := b.post("/me/treatment-plan/sign", url.Values{"plan_id": {itoa(mine.ID)}, "name": {"Daniel Ortiz"}})
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, `aria-invalid="true"`) {
			t.Errorf("signed with another name: %d\n%s", res.StatusCode, res.body)
		}
		if res := b.post("/me/treatment-plan/sign", url.Values{"plan_id": {itoa(mine.ID)}, "name": {"river"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign: %d\n%s", res.StatusCode, res.body)
		}
		if page := b.get("/me/treatment-plan"); !strings.Contains(page.body, "You signed this plan on 23 Nov 2026") {
			t.Errorf("after signing:\n%s", page.body)
		}
		res, out := b.portalAPI("GET", "/api/v1/me/treatment-plan", nil)
		if sig, _ := out["client_signature"].(map[string]any); res.StatusCode != http.StatusOK || sig["via"] != kinship.SignedInPortal {
			t.Errorf("the API after signing: %d %v", res.StatusCode, out)
		}
	})
}

func TestPlanSettingsPage(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	w := newPlanWorld(t, db)
	b := w.app.browser(t)
	b.signIn("admin@example.org", storetest.AdminPassword)
	if page := b.get("/admin/treatment-plans"); page.StatusCode != http.StatusOK || !strings.Contains(page.body, `value="30"`) {
		t.Fatalf("settings: %d\n%s", page.StatusCode, page.body)
	}
	if res := b.post("/admin/treatment-plans", url.Values{"review_days": {"3"}}); res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, "f-review_days-error") {
		t.Errorf("3 days: %d\n%s", res.StatusCode, res.body)
	}
	if res := b.post("/admin/treatment-plans", url.Values{"review_days": {"45"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("45 days: %d", res.StatusCode)
	}
	if days, _ := db.PlanReviewDays(kinship.SystemContext(context.Background())); days != 45 {
		t.Errorf("days = %d", days)
	}
}

// TestBrowserTreatmentPlan walks the demo's plans on a phone: River's
// counselor reads, edits and prints them, and River signs version 2 in
// the portal.
func TestBrowserTreatmentPlan(t *testing.T) {
	ctx := newBrowser(t)
	db := storetest.Open(t, "sqlite")
	accounts := seedDemo(t, db)
	base := newApp(t, db).http.URL
	sam := accounts[1] // River's counselor
	staffSignIn(t, ctx, base, sam.Email, sam.Password)
	plan := base + "/clients/1/treatment-plan"
	for _, path := range []string{plan, plan + "/edit", plan + "/versions/1", plan + "/versions/2/print"} {
		checkPage(t, ctx, path)
	}
	if body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main"))); !strings.Contains(body, "River") || !strings.Contains(body, sam.Name) {
		t.Errorf("the printout:\n%s", body)
	}

	err := chromedp.Do(ctx, chromedp.Navigate(base+"/portal/signin"),
		chromedp.SendKeys(chromedp.CSS("#f-email"), demo.ClientEmail), chromedp.SendKeys(chromedp.CSS("#f-password"), demo.ClientPassword),
		chromedp.Submit(chromedp.CSS("#f-password")), chromedp.WaitVisible(chromedp.CSS("#support-now")))
	if err != nil {
		t.Fatalf("client sign-in: %v", err)
	}
	checkPage(t, ctx, base+"/me/treatment-plan")
	err = chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#f-name"), "River"), chromedp.Submit(chromedp.CSS("#f-name")),
		chromedp.WaitVisible(chromedp.CSS(".notice")))
	if err != nil {
		t.Fatalf("River signs: %v", err)
	}
	checkCurrent(t, ctx, base+"/me/treatment-plan?signed")
	if body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main"))); !strings.Contains(body, "You signed this plan") {
		t.Errorf("after signing:\n%s", body)
	}
}

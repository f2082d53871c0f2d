package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"kinship"
	"kinship/store/storetest"
)

// plans is a program with River admitted on 2 November 2026 (alcohol use
// disorder and generalized anxiety) and Alex admitted with another
// counselor; it is 23 November.
type plans struct {
	mornings
	admin, sam, jo context.Context
	samID          int64
	river, alex    int64
}

func setUpPlans(t *testing.T, db *storetest.DB) plans {
	t.Helper()
	p := plans{mornings: setUpMornings(t, db, d("2026-11-02")), admin: kinship.SystemContext(t.Context())}
	var sam, jo *kinship.Staff
	p.sam, sam = db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
	p.jo, jo = db.AddStaff(t, kinship.RoleClinician, "jo@example.org")
	p.samID = sam.ID
	for _, c := range []struct {
		name, legal string
		id          *int64
		counselor   int64
	}{{"River", "Daniel", &p.river, sam.ID}, {"Alex", "Alexandra", &p.alex, jo.ID}} {
		client, err := db.CreateClient(p.admin, kinship.ClientFields{NameToUse: c.name, Pronouns: "they/them", LegalName: kinship.LegalName{Given: c.legal, Family: "Ortiz"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Admit(p.admin, client.ID, kinship.Admission{ProgramID: p.program.ID, AdmittedOn: d("2026-11-02"),
			PrimaryCounselorID: c.counselor, Diagnoses: []string{"F10.20", "F41.1"}}); err != nil {
			t.Fatal(err)
		}
		*c.id = client.ID
	}
	return p
}

// planDraft is a whole plan: one problem, one goal with a PHQ-9 objective,
// a plain objective and an intervention by the counselor.
func planDraft(counselor int64) kinship.TreatmentPlanInput {
	return kinship.TreatmentPlanInput{Problems: []kinship.PlanProblem{{Diagnosis: "F10.20", Text: "Drinking most evenings to cope with stress",
		Goals: []kinship.PlanGoal{{Text: "I want to get through Friday nights without a drink",
			Objectives: []kinship.Objective{
				{Text: "Mood improves", TargetOn: d("2027-01-15"), Instrument: "phq9", Comparison: "below", Threshold: ptr(10)},
				{Text: "Uses two coping skills on weekend evenings", TargetOn: d("2026-12-20")},
			},
			Interventions: []kinship.Intervention{{What: "Individual counseling (CBT)", Frequency: "Weekly", StaffID: counselor},
				{What: "Relapse-prevention group", Frequency: "Three times a week", Role: "Group facilitator"}},
		}}}}}
}

func TestTreatmentPlanValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		p := setUpPlans(t, db)
		const o = "problems.0.goals.0.objectives.0."
		for _, tc := range []struct {
			name, field string
			change      func(*kinship.TreatmentPlanInput)
		}{
			{"NoTargetDate", o + "target_on", func(in *kinship.TreatmentPlanInput) { in.Problems[0].Goals[0].Objectives[0].TargetOn = kinship.Date{} }},
			{"TargetBeforeAdmission", o + "target_on", func(in *kinship.TreatmentPlanInput) {
				in.Problems[0].Goals[0].Objectives[0].TargetOn = d("2026-10-30")
			}},
			{"UnknownInstrument", o + "instrument", func(in *kinship.TreatmentPlanInput) { in.Problems[0].Goals[0].Objectives[0].Instrument = "phq99" }},
			{"InstrumentWithoutTotal", o + "instrument", func(in *kinship.TreatmentPlanInput) { in.Problems[0].Goals[0].Objectives[0].Instrument = "bam" }},
			{"ThresholdOutOfRange", o + "threshold", func(in *kinship.TreatmentPlanInput) { in.Problems[0].Goals[0].Objectives[0].Threshold = ptr(28) }},
			{"NoThreshold", o + "threshold", func(in *kinship.TreatmentPlanInput) { in.Problems[0].Goals[0].Objectives[0].Threshold = nil }},
			{"UnknownComparison", o + "comparison", func(in *kinship.TreatmentPlanInput) { in.Problems[0].Goals[0].Objectives[0].Comparison = "under" }},
			{"DiagnosisNotInEpisode", "problems.0.diagnosis", func(in *kinship.TreatmentPlanInput) { in.Problems[0].Diagnosis = "F11.20" }},
			{"NoOneDelivers", "problems.0.goals.0.interventions.1.who", func(in *kinship.TreatmentPlanInput) {
				in.Problems[0].Goals[0].Interventions[1].Role = ""
			}},
			{"GoalWithoutWords", "problems.0.goals.0.text", func(in *kinship.TreatmentPlanInput) { in.Problems[0].Goals[0].Text = " " }},
		} {
			t.Run(tc.name, func(t *testing.T) {
				in := planDraft(p.samID)
				tc.change(&in)
				_, err := db.SaveTreatmentPlan(p.sam, p.river, in)
				if kinship.ErrorCode(err) != kinship.EINVALID || kinship.ErrorFields(err)[tc.field] == "" {
					t.Errorf("error = %v %v, want invalid %s", err, kinship.ErrorFields(err), tc.field)
				}
			})
		}
		if n := db.Count(t, "treatment_plans") + db.Count(t, "plan_objectives"); n != 0 {
			t.Errorf("rejected drafts stored %d rows", n)
		}
		t.Run("BlankRowsDropped", func(t *testing.T) {
			in := planDraft(p.samID)
			g := &in.Problems[0].Goals[0]
			g.Objectives = append(g.Objectives, kinship.Objective{Comparison: "below"})
			g.Interventions = append(g.Interventions, kinship.Intervention{StaffID: p.samID})
			in.Problems = append(in.Problems, kinship.PlanProblem{Goals: []kinship.PlanGoal{{}}})
			plan, err := db.SaveTreatmentPlan(p.sam, p.river, in)
			if err != nil || len(plan.Problems) != 1 || len(plan.Objectives()) != 2 || len(plan.Problems[0].Goals[0].Interventions) != 2 {
				t.Fatalf("plan = %+v, %v", plan, err)
			}
		})
		t.Run("Access", func(t *testing.T) {
			frontDesk, _ := db.AddStaff(t, kinship.RoleFrontDesk, "desk@example.org")
			if _, err := db.TreatmentPlan(frontDesk, p.river, 0); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
				t.Errorf("front desk reads a plan: %v", err)
			}
			if _, err := db.SaveTreatmentPlan(p.jo, p.river, planDraft(p.samID)); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
				t.Errorf("a clinician writes a plan off their caseload: %v", err)
			}
		})
	})
}

func TestTreatmentPlanVersions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		p := setUpPlans(t, db)
		empty, err := db.SaveTreatmentPlan(p.sam, p.river, kinship.TreatmentPlanInput{})
		if err != nil || empty.Version != 1 || !empty.Draft() || len(empty.Problems) != 0 {
			t.Fatalf("first draft = %+v, %v", empty, err)
		}
		if _, err := db.SignTreatmentPlan(p.sam, p.river, kinship.PlanSigning{Version: 1, Name: "Sam Okafor"}); kinship.ErrorCode(err) != kinship.EINVALID {
			t.Errorf("signing an empty plan: %v", err)
		}
		if _, err := db.SaveTreatmentPlan(p.sam, p.river, kinship.TreatmentPlanInput{}); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("a second draft beside the first: %v", err)
		}
		in := planDraft(p.samID)
		in.Version = 1
		v1, err := db.SaveTreatmentPlan(p.sam, p.river, in)
		if err != nil {
			t.Fatal(err)
		}
		objectives := v1.Objectives()
		if len(objectives) != 2 || objectives[0].GoalText != in.Problems[0].Goals[0].Text || objectives[0].InstrumentName != "PHQ-9" ||
			v1.Problems[0].DiagnosisTitle == "" || v1.Problems[0].Goals[0].Interventions[0].Who() != "clinician member" {
			t.Fatalf("saved draft = %+v", v1)
		}

		t.Run("DraftKeepsObjectiveIDs", func(t *testing.T) {
			in := kinship.TreatmentPlanInput{Version: 1, Problems: v1.Problems}
			in.Problems[0].Goals[0].Objectives[1].Text = "Uses three coping skills on weekend evenings"
			again, err := db.SaveTreatmentPlan(p.sam, p.river, in)
			if err != nil {
				t.Fatal(err)
			}
			if got := again.Objectives(); got[0].ID != objectives[0].ID || got[1].ID != objectives[1].ID || !strings.Contains(got[1].Text, "three") {
				t.Errorf("objectives after a save = %+v, want ids %d and %d kept", got, objectives[0].ID, objectives[1].ID)
			}
		})
		t.Run("SignatureChecks", func(t *testing.T) {
			for _, tc := range []struct {
				s     kinship.PlanSigning
				field string
			}{
				{kinship.PlanSigning{Version: 1}, "name"},
				{kinship.PlanSigning{Version: 1, Name: "Sam Okafor", On: d("2026-11-24")}, "signed_on"},
				{kinship.PlanSigning{Version: 1, Name: "Sam Okafor", On: d("2026-11-01")}, "signed_on"},
				{kinship.PlanSigning{Version: 1, Name: "Sam Okafor", ClientName: "Daniel Ortiz"}, "client_name"},
			} {
				if _, err := db.SignTreatmentPlan(p.sam, p.river, tc.s); kinship.ErrorFields(err)[tc.field] == "" {
					t.Errorf("sign %+v: %v, want an error on %s", tc.s, err, tc.field)
				}
			}
			if _, err := db.SignTreatmentPlan(p.sam, p.river, kinship.PlanSigning{Version: 1, ClientName: "River"}); kinship.ErrorCode(err) != kinship.ECONFLICT {
				t.Errorf("the client signs a draft: %v", err)
			}
		})

		signed, err := db.SignTreatmentPlan(p.sam, p.river, kinship.PlanSigning{Version: 1, Name: "Sam Okafor, LCSW", On: d("2026-11-05"), ClientName: " river "})
		if err != nil {
			t.Fatal(err)
		}
		if signed.Draft() || signed.Clinician.Name != "Sam Okafor, LCSW" || signed.Clinician.RecordedBy != "clinician member" ||
			signed.Clinician.On != d("2026-11-05") || signed.Client == nil || signed.Client.Via != kinship.SignedInPerson {
			t.Fatalf("signed = %+v clinician %+v client %+v", signed, signed.Clinician, signed.Client)
		}

		t.Run("SignedVersionLocked", func(t *testing.T) {
			in := kinship.TreatmentPlanInput{Version: 1, Problems: signed.Problems}
			in.Problems[0].Text = "Changed"
			if _, err := db.SaveTreatmentPlan(p.sam, p.river, in); kinship.ErrorCode(err) != kinship.ECONFLICT {
				t.Errorf("editing a signed version: %v, want conflict", err)
			}
			if _, err := db.SignTreatmentPlan(p.sam, p.river, kinship.PlanSigning{Version: 1, Name: "Sam"}); kinship.ErrorCode(err) != kinship.ECONFLICT {
				t.Errorf("signing a signed version: %v", err)
			}
			again, _ := db.TreatmentPlan(p.sam, p.river, 1)
			if again.Problems[0].Text != "Drinking most evenings to cope with stress" {
				t.Errorf("the signed version changed: %q", again.Problems[0].Text)
			}
		})

		// A change starts version 2, copied from version 1.
		v2, err := db.SaveTreatmentPlan(p.sam, p.river, kinship.TreatmentPlanInput{Problems: nil})
		if err != nil || v2.Version != 2 || !v2.Draft() || len(v2.Objectives()) != 2 || v2.Objectives()[0].ID == objectives[0].ID {
			t.Fatalf("version 2 = %+v, %v", v2, err)
		}
		if cur, err := db.CurrentObjectives(p.sam, p.river); err != nil || len(cur) != 2 || cur[0].PlanID != signed.ID {
			t.Errorf("objectives in force while version 2 is a draft = %+v, %v", cur, err)
		}
		if _, err := db.SignTreatmentPlan(p.sam, p.river, kinship.PlanSigning{Version: 2, Name: "Sam", On: d("2026-11-04")}); kinship.ErrorFields(err)["signed_on"] == "" {
			t.Errorf("version 2 signed before version 1: %v", err)
		}
		if _, err := db.SignTreatmentPlan(p.sam, p.river, kinship.PlanSigning{Version: 2, Name: "Sam"}); err != nil {
			t.Fatal(err)
		}
		cur, err := db.CurrentObjectives(p.sam, p.river)
		if err != nil || len(cur) != 2 || cur[0].PlanID != v2.ID || cur[0].ID == objectives[0].ID || cur[0].TargetOn != d("2027-01-15") {
			t.Errorf("objectives in force after version 2 = %+v, %v", cur, err)
		}
		old, err := db.TreatmentPlan(p.sam, p.river, 1)
		if err != nil || old.Version != 1 || len(old.Versions) != 2 || old.Objectives()[0].ID != objectives[0].ID {
			t.Errorf("version 1 after version 2 = %+v, %v", old, err)
		}
		if _, err := db.SignTreatmentPlan(p.sam, p.river, kinship.PlanSigning{Version: 1, ClientName: "River"}); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("the client signs an old version: %v", err)
		}
		if _, err := db.PrintTreatmentPlan(p.sam, p.river, 2); err != nil {
			t.Errorf("print version 2: %v", err)
		}

		events, _, err := db.ListAudit(p.admin, kinship.AuditFilter{Action: "treatment_plan."})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for _, e := range events {
			seen[e.Action]++
			if strings.Contains(e.Detail, "River") || strings.Contains(e.Detail, "Drinking") {
				t.Errorf("audit detail holds client data: %q", e.Detail)
			}
		}
		for _, a := range []string{kinship.ActionTreatmentPlanRead, kinship.ActionTreatmentPlanSave, kinship.ActionTreatmentPlanSign,
			kinship.ActionTreatmentPlanClientSign, kinship.ActionTreatmentPlanPrint} {
			if seen[a] == 0 {
				t.Errorf("no %s event in %v", a, seen)
			}
		}
	})
}

// signedPlan writes and signs a plan for a client as ctx, on a date.
func signedPlan(t *testing.T, db *storetest.DB, ctx context.Context, client, counselor int64, on kinship.Date) *kinship.TreatmentPlan {
	t.Helper()
	plan, err := db.SaveTreatmentPlan(ctx, client, planDraft(counselor))
	if err != nil {
		t.Fatal(err)
	}
	if plan, err = db.SignTreatmentPlan(ctx, client, kinship.PlanSigning{Version: plan.Version, Name: "Counselor", On: on}); err != nil {
		t.Fatal(err)
	}
	return plan
}

func TestTreatmentPlanInPortal(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		p := setUpPlans(t, db)
		river, alex := storetest.AsClient(p.river), storetest.AsClient(p.alex)
		if _, err := db.SaveTreatmentPlan(p.sam, p.river, planDraft(p.samID)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.MyTreatmentPlan(river); kinship.ErrorCode(err) != kinship.ENOTFOUND {
			t.Errorf("a draft shows in the portal: %v", err)
		}
		plan, err := db.SignTreatmentPlan(p.sam, p.river, kinship.PlanSigning{Version: 1, Name: "Sam", On: d("2026-11-20")})
		if err != nil {
			t.Fatal(err)
		}
		// A new draft is the team's; River sees version 1.
		if _, err := db.SaveTreatmentPlan(p.sam, p.river, kinship.TreatmentPlanInput{}); err != nil {
			t.Fatal(err)
		}
		mine, err := db.MyTreatmentPlan(river)
		if err != nil || mine.Version != 1 || !mine.AwaitingClient() || len(mine.Versions) != 1 {
			t.Fatalf("River's plan = %+v, %v", mine, err)
		}
		if _, err := db.MyTreatmentPlan(alex); kinship.ErrorCode(err) != kinship.ENOTFOUND {
			t.Errorf("Alex, without a plan: %v", err)
		}
		if _, err := db.SignMyTreatmentPlan(alex, plan.ID, "Alex"); kinship.ErrorCode(err) != kinship.ENOTFOUND {
			t.Errorf("Alex signs River's plan: %v, want not found", err)
		}
		if _, err := db.SignMyTreatmentPlan(river, plan.ID, "Daniel Ortiz"); kinship.ErrorFields(err)["name"] == "" {
			t.Errorf("signed with another name: %v", err)
		}
		got, err := db.SignMyTreatmentPlan(river, plan.ID, "River")
		if err != nil || got.Client == nil || got.Client.Via != kinship.SignedInPortal || got.Client.On != d("2026-11-23") || got.Client.RecordedBy != "" {
			t.Fatalf("signed in the portal = %+v, %v", got, err)
		}
		if _, err := db.SignMyTreatmentPlan(river, plan.ID, "River"); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("signing twice: %v", err)
		}
		if _, err := db.SignTreatmentPlan(p.sam, p.river, kinship.PlanSigning{Version: 1, ClientName: "River"}); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("recording an in-person signature after the portal one: %v", err)
		}
	})
}

func TestPlanReviewsDue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		p := setUpPlans(t, db)
		supervisor, _ := db.AddStaff(t, kinship.RoleSupervisor, "priya@example.org")
		signedPlan(t, db, p.sam, p.river, p.samID, d("2026-11-02")) // review due 2 December
		at := func(day string) { db.Clock.T = d(day).In(time.UTC).Add(17 * time.Hour) }
		due := func(ctx context.Context) map[string]*kinship.PlanStatus {
			t.Helper()
			list, err := db.PlanReviewsDue(ctx)
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]*kinship.PlanStatus{}
			for _, st := range list {
				out[st.Client] = st
			}
			return out
		}
		at("2026-11-28")
		if got := due(p.sam); len(got) != 0 {
			t.Errorf("4 days before: %v", got)
		}
		at("2026-11-29")
		if got := due(p.sam); got["River"] == nil || got["River"].ReviewDue != d("2026-12-02") || got["River"].Overdue(d("2026-11-29")) {
			t.Errorf("3 days before: %v", got)
		}
		at("2026-12-03")
		got := due(supervisor)
		if got["River"] == nil || !got["River"].Overdue(d("2026-12-03")) || got["Alex"] == nil || got["Alex"].Version != 0 {
			t.Errorf("a day after, to a supervisor: %v (Alex has no plan, due 30 days after admission)", got)
		}
		if got := due(p.sam); got["Alex"] != nil {
			t.Errorf("Alex is not on Sam's caseload: %v", got)
		}
		if err := db.SetPlanReviewDays(p.sam, 14); kinship.ErrorCode(err) != kinship.EFORBIDDEN {
			t.Errorf("a clinician sets the review days: %v", err)
		}
		if err := db.SetPlanReviewDays(p.admin, 200); kinship.ErrorFields(err)["review_days"] == "" {
			t.Errorf("200 days: %v", err)
		}
		if err := db.SetPlanReviewDays(p.admin, 45); err != nil {
			t.Fatal(err)
		}
		st, err := db.PlanStatus(p.sam, p.river)
		if err != nil || st.Version != 1 || st.SignedBy != "Counselor" || st.ReviewDue != d("2026-12-17") || st.Overdue(d("2026-12-03")) || !st.InCare {
			t.Errorf("status = %+v, %v", st, err)
		}
	})
}

func TestObjectiveProgress(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		p := setUpPlans(t, db)
		for _, r := range []struct {
			code, on string
			answers  []int
		}{
			{"phq9", "2026-10-20", []int{3, 3, 3, 3, 3, 3, 3, 0, 0}}, // before admission: not this episode's
			{"phq9", "2026-11-03", []int{3, 3, 3, 3, 3, 0, 0, 0, 0}},
			{"phq9", "2026-11-20", []int{3, 3, 3, 0, 0, 0, 0, 0, 0}},
			{"gad7", "2026-11-03", []int{2, 2, 2, 2, 0, 0, 0}},
		} {
			if _, err := db.RecordResponse(p.admin, kinship.ResponseInput{ClientID: p.river, Code: r.code, Answers: r.answers, TakenOn: d(r.on)}); err != nil {
				t.Fatal(err)
			}
		}
		in := planDraft(p.samID)
		g := &in.Problems[0].Goals[0]
		g.Objectives = append(g.Objectives, kinship.Objective{Text: "Less worry", TargetOn: d("2027-01-15"), Instrument: "gad7", Comparison: "at_most", Threshold: ptr(4)})
		plan, err := db.SaveTreatmentPlan(p.sam, p.river, in)
		if err != nil {
			t.Fatal(err)
		}
		objs := plan.Problems[0].Goals[0].Objectives
		phq, plain, gad := objs[0].Progress, objs[1].Progress, objs[2].Progress
		if phq == nil || len(phq.Scores) != 2 || phq.First().Total != 15 || phq.Latest().Total != 9 || !phq.Met {
			t.Errorf("PHQ-9 progress = %+v", phq)
		}
		if plain != nil {
			t.Errorf("an objective without an instrument has progress %+v", plain)
		}
		if gad == nil || len(gad.Scores) != 1 || gad.Met || objs[2].MeasureText() != "GAD-7 at or below 4" {
			t.Errorf("GAD-7 progress = %+v, %q", gad, objs[2].MeasureText())
		}
	})
}

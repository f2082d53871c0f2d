package store_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"kinship"
	"kinship/store/storetest"
)

// measured sets up a program with a client admitted on 2026-11-16 whose
// primary counselor is returned, and an on-call clinician.
type measured struct {
	admin, counselorCtx, onCallCtx, supervisorCtx context.Context
	counselor, onCall                             *kinship.Staff
	client                                        *kinship.Client
	program                                       int64
}

func setUpMeasured(t *testing.T, db *storetest.DB) measured {
	t.Helper()
	m := setUpMornings(t, db, d("2026-11-16"))
	var x measured
	x.admin, x.program = kinship.SystemContext(t.Context()), m.program.ID
	x.counselorCtx, x.counselor = db.AddStaff(t, kinship.RoleClinician, "sam@example.org")
	x.onCallCtx, x.onCall = db.AddStaff(t, kinship.RoleClinician, "oncall@example.org")
	x.supervisorCtx, _ = db.AddStaff(t, kinship.RoleSupervisor, "sup@example.org")
	var err error
	if x.client, err = db.CreateClient(x.admin, kinship.ClientFields{NameToUse: "River", SexForClinicalUse: "unknown"}); err != nil {
		t.Fatal(err)
	}
	db.MustAdmit(t, x.client.ID, m.program.ID, x.counselor.ID, d("2026-11-16"))
	if err := db.SetSafetySettings(x.admin, kinship.SafetySettings{OnCallStaffID: x.onCall.ID, EscalationMinutes: 30}); err != nil {
		t.Fatal(err)
	}
	return x
}

var phq9ItemNine = []int{1, 1, 1, 1, 1, 1, 1, 1, 1} // total 9, item 9 "several days"

func TestSuicideRiskReachesAPerson(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		x := setUpMeasured(t, db)
		r, err := db.RecordResponse(x.counselorCtx, kinship.ResponseInput{ClientID: x.client.ID, Code: "phq9", Answers: phq9ItemNine})
		if err != nil {
			t.Fatal(err)
		}
		if r.Total != 9 || r.Severity != "mild" || !slices.Contains(r.Flags, kinship.FlagSuicideRisk) || r.TakenOn != d("2026-11-23") {
			t.Errorf("response = %+v", r)
		}
		for who, ctx := range map[string]context.Context{"counselor": x.counselorCtx, "on call": x.onCallCtx} {
			alerts, err := db.OpenAlerts(ctx)
			if err != nil || len(alerts) != 1 || alerts[0].Kind != kinship.AlertSuicideRisk || alerts[0].ClientID != x.client.ID {
				t.Fatalf("%s's alerts = %+v, %v", who, alerts, err)
			}
		}
		if alerts, _ := db.OpenAlerts(x.supervisorCtx); len(alerts) != 0 {
			t.Errorf("supervisor sees %d alerts before escalation", len(alerts))
		}
		// Unacknowledged for 31 minutes, it escalates to supervisors.
		db.Clock.Advance(31 * time.Minute)
		alerts, err := db.OpenAlerts(x.supervisorCtx)
		if err != nil || len(alerts) != 1 || !alerts[0].Escalated {
			t.Fatalf("supervisor's alerts after 31 minutes = %+v, %v", alerts, err)
		}
		id := alerts[0].ID
		if err := db.AcknowledgeAlert(x.counselorCtx, id, "", "Called them."); kinship.ErrorFields(err)["action"] == "" {
			t.Errorf("acknowledge without an action: %v", err)
		}
		if err := db.AcknowledgeAlert(x.counselorCtx, id, "safety_plan", ""); kinship.ErrorFields(err)["note"] == "" {
			t.Errorf("acknowledge without a note: %v", err)
		}
		if err := db.AcknowledgeAlert(x.counselorCtx, id, "safety_plan", "Made a safety plan by phone; they are with their partner."); err != nil {
			t.Fatal(err)
		}
		for _, ctx := range []context.Context{x.counselorCtx, x.onCallCtx, x.supervisorCtx} {
			if alerts, _ := db.OpenAlerts(ctx); len(alerts) != 0 {
				t.Errorf("after acknowledgement: %+v", alerts)
			}
		}
		for _, action := range []string{kinship.ActionResponseRecord, kinship.ActionAlertRaise, kinship.ActionAlertAcknowledge} {
			if events, _, _ := db.ListAudit(x.admin, kinship.AuditFilter{Action: action}); len(events) != 1 {
				t.Errorf("%s audit events = %d, want 1", action, len(events))
			}
		}
	})
}

func TestRejectedResponseStoresNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		x := setUpMeasured(t, db)
		for name, in := range map[string]kinship.ResponseInput{
			"answers":    {ClientID: x.client.ID, Code: "phq9", Answers: []int{3, 3, 3, 3, 3, 3, 3, 3}},
			"answers[8]": {ClientID: x.client.ID, Code: "phq9", Answers: []int{0, 0, 0, 0, 0, 0, 0, 0, 4}},
			"code":       {ClientID: x.client.ID, Code: "phq10", Answers: phq9ItemNine},
			"taken_on":   {ClientID: x.client.ID, Code: "phq9", Answers: phq9ItemNine, TakenOn: d("2026-11-24")},
		} {
			_, err := db.RecordResponse(x.counselorCtx, in)
			if kinship.ErrorCode(err) != kinship.EINVALID || kinship.ErrorFields(err)[name] == "" {
				t.Errorf("%s: %v (fields %v)", name, err, kinship.ErrorFields(err))
			}
		}
		if n := db.Count(t, "measure_responses") + db.Count(t, "alerts"); n != 0 {
			t.Errorf("%d rows stored from rejected responses", n)
		}
		if _, err := db.RecordResponse(x.onCallCtx, kinship.ResponseInput{ClientID: x.client.ID, Code: "phq9", Answers: phq9ItemNine}); err != kinship.ErrNotOnCaseload {
			t.Errorf("a clinician not on the caseload: %v", err)
		}
	})
}

func TestDueScheduleAndDefinitionVersions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		x := setUpMeasured(t, db)
		due, err := db.DueMeasures(x.counselorCtx, 0)
		if err != nil {
			t.Fatal(err)
		}
		// Admitted a week ago: PHQ-9, GAD-7, AUDIT and PCL-5 are overdue;
		// BAM is first due after 30 days.
		var codes []string
		for _, m := range due {
			codes = append(codes, m.Code)
			if !m.Overdue(d("2026-11-23")) || m.DueOn != d("2026-11-16") {
				t.Errorf("%s due %s", m.Code, m.DueOn)
			}
		}
		if !slices.Equal(codes, []string{"phq9", "gad7", "audit", "pcl5"}) {
			t.Errorf("due = %v", codes)
		}
		if _, err := db.RecordResponse(x.counselorCtx, kinship.ResponseInput{ClientID: x.client.ID, Code: "phq9", Answers: make([]int, 9)}); err != nil {
			t.Fatal(err)
		}
		if err := db.AssignMeasure(x.counselorCtx, x.client.ID, "bam"); err != nil {
			t.Fatal(err)
		}
		if err := db.AssignMeasure(x.counselorCtx, x.client.ID, "bam"); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("assigning twice: %v", err)
		}
		due, _ = db.DueMeasures(x.counselorCtx, x.client.ID)
		codes = nil
		for _, m := range due {
			codes = append(codes, m.Code)
		}
		if !slices.Equal(codes, []string{"gad7", "audit", "pcl5", "bam"}) || !due[3].Assigned {
			t.Errorf("due after PHQ-9 and assigning BAM = %v", codes)
		}
		// A program's own schedule: only PHQ-9, weekly.
		if err := db.SetMeasureSchedule(x.admin, x.program, []kinship.ScheduleRule{{Code: "phq9", EveryDays: 0}}); kinship.ErrorCode(err) != kinship.EINVALID {
			t.Errorf("a rule that is never due: %v", err)
		}
		if err := db.SetMeasureSchedule(x.admin, x.program, []kinship.ScheduleRule{{Code: "phq9", AtAdmission: true, EveryDays: 7}}); err != nil {
			t.Fatal(err)
		}
		db.Clock.Advance(7 * 24 * time.Hour)
		due, _ = db.DueMeasures(x.counselorCtx, x.client.ID)
		if len(due) != 2 || due[0].Code != "phq9" || due[0].DueOn != d("2026-11-30") || due[1].Code != "bam" {
			t.Errorf("due with the program's schedule = %+v", due)
		}

		// A new version may not drop the suicide-risk flag.
		def, _ := db.Instruments().Lookup("phq9")
		unflagged := *def
		unflagged.Version, unflagged.Flags = "9", nil
		body, _ := json.Marshal(&unflagged)
		if err := db.LoadInstrument(x.admin, body); kinship.ErrorFields(err)["flags"] == "" {
			t.Errorf("a PHQ-9 without its flag: %v", err)
		}
		// A new PHQ-9 version with other bands scores new responses only.
		v2 := phq9WithBands(t, db, "2")
		if err := db.LoadInstrument(x.admin, v2); err != nil {
			t.Fatal(err)
		}
		if err := db.LoadInstrument(x.admin, v2); kinship.ErrorCode(err) != kinship.ECONFLICT {
			t.Errorf("loading the same version twice: %v", err)
		}
		if _, err := db.RecordResponse(x.counselorCtx, kinship.ResponseInput{ClientID: x.client.ID, Code: "phq9", Answers: make([]int, 9)}); err != nil {
			t.Fatal(err)
		}
		rs, _ := db.Responses(x.counselorCtx, x.client.ID)
		if len(rs) != 2 || rs[0].Version != "1" || rs[0].Severity != "minimal" || rs[1].Version != "2" || rs[1].Severity != "none_to_low" {
			t.Errorf("responses across versions = %+v %+v", rs[0], rs[1])
		}
		// Reopening the store reads the loaded definition back.
		if _, err := db.Migrate(t.Context()); err != nil {
			t.Fatal(err)
		}
	})
}

// phq9WithBands is the built-in PHQ-9 as JSON with its version changed and
// its lowest band renamed.
func phq9WithBands(t *testing.T, db *storetest.DB, version string) []byte {
	t.Helper()
	def, err := db.Instruments().Lookup("phq9")
	if err != nil {
		t.Fatal(err)
	}
	copy := *def
	copy.Version = version
	copy.Bands = slices.Clone(def.Bands)
	copy.Bands[0].Code, copy.Bands[0].Label = "none_to_low", "None to low"
	b, err := json.Marshal(&copy)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDrugScreens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		x := setUpMeasured(t, db)
		bad := kinship.DrugScreenInput{ClientID: x.client.ID, CollectedOn: d("2026-11-24"), Specimen: "spit", Method: "lab",
			Results: []kinship.ScreenResult{{Substance: "kale", Result: "positive"}, {Substance: "cannabis", Result: "dirty"}}}
		_, err := db.RecordScreen(x.counselorCtx, bad)
		f := kinship.ErrorFields(err)
		if f["collected_on"] == "" || f["specimen"] == "" || f["result_kale"] == "" || f["result_cannabis"] == "" {
			t.Errorf("bad screen: %v", f)
		}
		if n := db.Count(t, "drug_screens") + db.Count(t, "alerts"); n != 0 {
			t.Errorf("%d rows stored from a rejected screen", n)
		}
		neg, err := db.RecordScreen(x.counselorCtx, kinship.DrugScreenInput{ClientID: x.client.ID, CollectedOn: d("2026-11-20"), Specimen: "urine",
			Method: "point_of_care", Observed: true, Results: []kinship.ScreenResult{{Substance: "alcohol", Result: "negative"}, {Substance: "cannabis", Result: "negative"}}})
		if err != nil || neg.NeedsReview() || neg.Summary() != "Negative for all 2 substances tested" {
			t.Fatalf("negative screen: %+v, %v", neg, err)
		}
		if alerts, _ := db.OpenAlerts(x.counselorCtx); len(alerts) != 0 {
			t.Errorf("a negative screen raised %d alerts", len(alerts))
		}
		pos, err := db.RecordScreen(x.counselorCtx, kinship.DrugScreenInput{ClientID: x.client.ID, CollectedOn: d("2026-11-23"), Specimen: "urine",
			Method: "lab", Results: []kinship.ScreenResult{{Substance: "cannabis", Result: "positive"}, {Substance: "fentanyl", Result: "invalid"}, {Substance: "alcohol", Result: "negative"}}})
		if err != nil || pos.Summary() != "Positive for cannabis; invalid for fentanyl" {
			t.Fatalf("positive screen: %+v, %v", pos, err)
		}
		alerts, _ := db.OpenAlerts(x.counselorCtx)
		if len(alerts) != 1 || alerts[0].Kind != kinship.AlertScreenReview || alerts[0].Safety() {
			t.Fatalf("after a positive screen, alerts = %+v", alerts)
		}
		screens, err := db.Screens(x.counselorCtx, x.client.ID)
		if err != nil || len(screens) != 2 || screens[0].ID != pos.ID || len(screens[0].Results) != 3 {
			t.Errorf("screens = %+v, %v", screens, err)
		}
		entries, err := db.Timeline(x.counselorCtx, x.client.ID, d("2026-11-01"), d("2026-11-30"), kinship.TimelineScreen)
		if err != nil || len(entries) != 2 || !entries[0].Attention || entries[1].Attention {
			t.Errorf("timeline of screens = %+v, %v", entries, err)
		}
		if _, err := db.Timeline(x.counselorCtx, x.client.ID, d("2026-11-01"), d("2026-11-30"), "gossip"); kinship.ErrorCode(err) != kinship.EINVALID {
			t.Errorf("unknown timeline kind: %v", err)
		}
	})
}

func TestReliableImprovement(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		x := setUpMeasured(t, db)
		other, _ := db.CreateClient(x.admin, kinship.ClientFields{NameToUse: "Alex"})
		db.MustAdmit(t, other.ID, x.program, x.counselor.ID, d("2026-11-16"))
		record := func(clientID int64, code string, on string, score int) {
			t.Helper()
			n := map[string]int{"phq9": 9, "gad7": 7}[code]
			answers := make([]int, n)
			for i := 0; score > 0; i++ { // fills from item 1; PHQ-9's item 9 stays 0
				answers[i] = min(score, 3)
				score -= answers[i]
			}
			if _, err := db.RecordResponse(x.admin, kinship.ResponseInput{ClientID: clientID, Code: code, Answers: answers, TakenOn: d(on)}); err != nil {
				t.Fatal(err)
			}
		}
		record(x.client.ID, "phq9", "2026-11-16", 15)
		record(x.client.ID, "phq9", "2026-11-23", 10) // down 5: reliable
		record(other.ID, "gad7", "2026-11-16", 12)
		record(other.ID, "gad7", "2026-11-23", 9) // down 3: not yet
		imps, err := db.Improvements(x.admin)
		if err != nil || len(imps) != 1 || imps[0].Measured != 2 || imps[0].Improved != 1 || imps[0].Percent() != 50 {
			t.Errorf("improvements = %+v, %v", imps, err)
		}
	})
}

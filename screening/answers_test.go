package screening_test

import (
	"reflect"
	"testing"

	"kinship"
	"kinship/screening"
)

// calm returns valid answers with light needs in every dimension; tests
// change a few fields from here so each case shows only what matters.
func calm() screening.Answers {
	return screening.Answers{
		WithdrawalRisk:      "none",
		PsychiatricSeverity: "none",
		Readiness:           "ready",
		RelapseRisk:         "low",
		HomeEnvironment:     "supportive",
		SupportNetwork:      true,
	}
}

func TestValidateRejectsEachChoice(t *testing.T) {
	fields := []struct {
		field string
		set   func(a *screening.Answers, v string)
	}{
		{"withdrawal_risk", func(a *screening.Answers, v string) { a.WithdrawalRisk = v }},
		{"psychiatric_severity", func(a *screening.Answers, v string) { a.PsychiatricSeverity = v }},
		{"readiness", func(a *screening.Answers, v string) { a.Readiness = v }},
		{"relapse_risk", func(a *screening.Answers, v string) { a.RelapseRisk = v }},
		{"home_environment", func(a *screening.Answers, v string) { a.HomeEnvironment = v }},
	}
	for _, f := range fields {
		for _, v := range []string{"sometimes", "", "   "} {
			t.Run(f.field+"/"+v, func(t *testing.T) {
				a := calm()
				f.set(&a, v)
				err := a.Validate()
				if got, want := kinship.ErrorCode(err), kinship.EINVALID; got != want {
					t.Fatalf("ErrorCode = %q, want %q", got, want)
				}
				fields := kinship.ErrorFields(err)
				if fields[f.field] == "" {
					t.Errorf("Fields = %v, want a message for %s", fields, f.field)
				}
				if got, want := len(fields), 1; got != want {
					t.Errorf("len(Fields) = %d, want %d: %v", got, want, fields)
				}
			})
		}
	}
}

func TestValidateMessages(t *testing.T) {
	a := screening.Answers{}
	got := kinship.ErrorFields(a.Validate())
	want := map[string]string{
		"withdrawal_risk":      "Choose an answer for the risk of withdrawal.",
		"psychiatric_severity": "Choose an answer for how severe mental-health symptoms are.",
		"readiness":            "Choose an answer for how ready they feel to make a change.",
		"relapse_risk":         "Choose an answer for the risk of relapse.",
		"home_environment":     "Choose an answer for how supportive home is.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Fields = %v, want %v", got, want)
	}
}

func TestValidateNormalises(t *testing.T) {
	a := screening.Answers{
		WithdrawalRisk:      " Mild ",
		PsychiatricSeverity: "MODERATE",
		Readiness:           "\tNot_Ready\n",
		RelapseRisk:         "High",
		HomeEnvironment:     " mixed",
	}
	if err := a.Validate(); err != nil {
		t.Fatalf("Validate = %v, want nil", err)
	}
	got := [...]string{a.WithdrawalRisk, a.PsychiatricSeverity, a.Readiness, a.RelapseRisk, a.HomeEnvironment}
	want := [...]string{"mild", "moderate", "not_ready", "high", "mixed"}
	if got != want {
		t.Errorf("normalised = %q, want %q", got, want)
	}
}

func TestRecommendInvalid(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(a *screening.Answers)
		field string
	}{
		{"UnknownWithdrawal", func(a *screening.Answers) { a.WithdrawalRisk = "extreme" }, "withdrawal_risk"},
		{"UnansweredReadiness", func(a *screening.Answers) { a.Readiness = "" }, "readiness"},
		// Validation comes first even when the person is in danger; showing
		// crisis lines beside the form again is the caller's job.
		{"DangerButUnansweredHome", func(a *screening.Answers) { a.DangerToSelf = true; a.HomeEnvironment = "" }, "home_environment"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := calm()
			tc.edit(&a)
			got, err := screening.Recommend(a)
			if kinship.ErrorCode(err) != kinship.EINVALID || kinship.ErrorFields(err)[tc.field] == "" {
				t.Fatalf("Recommend error = %v, want EINVALID for %s", err, tc.field)
			}
			if !reflect.DeepEqual(got, screening.Result{}) {
				t.Errorf("Recommend result = %+v, want zero", got)
			}
		})
	}
}

func TestRecommendDoesNotChangeCallersAnswers(t *testing.T) {
	a := calm()
	a.Readiness = " READY "
	if _, err := screening.Recommend(a); err != nil {
		t.Fatalf("Recommend = %v, want nil", err)
	}
	if got, want := a.Readiness, " READY "; got != want {
		t.Errorf("Readiness = %q, want %q", got, want)
	}
}

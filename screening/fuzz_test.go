package screening_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"kinship"
	"kinship/screening"
)

// FuzzRecommend feeds arbitrary answers: Recommend must never panic, must
// accept exactly the allowed values (in any case, with spaces), and must
// give every valid answer a known level and at least one reason.
func FuzzRecommend(f *testing.F) {
	f.Add(false, false, "none", false, "none", "ready", "low", "supportive", true, false, false)
	f.Add(true, true, "severe", true, "severe", "not_ready", "high", "unsafe", false, true, true)
	f.Add(false, false, " Mild", false, "MODERATE ", "ambivalent", "moderate", "mixed", true, true, false)
	f.Add(false, false, "", false, "bad", "not ready", "medium", "home", false, false, false)
	f.Fuzz(func(t *testing.T, danger, medical bool, withdrawalRisk string, needs24h bool,
		psych, ready, relapseRisk, homeEnv string, support, daily, failed bool) {
		a := screening.Answers{
			DangerToSelf: danger, MedicalEmergency: medical, WithdrawalRisk: withdrawalRisk,
			MedicalNeeds24h: needs24h, PsychiatricSeverity: psych, Readiness: ready,
			RelapseRisk: relapseRisk, HomeEnvironment: homeEnv, SupportNetwork: support,
			DailyResponsibilities: daily, FailedLowerLevel: failed,
		}
		valid := allowed(withdrawal, withdrawalRisk) && allowed(psychiatric, psych) &&
			allowed(readiness, ready) && allowed(relapse, relapseRisk) && allowed(home, homeEnv)
		got, err := screening.Recommend(a)
		if !valid {
			if kinship.ErrorCode(err) != kinship.EINVALID || !reflect.DeepEqual(got, screening.Result{}) {
				t.Fatalf("Recommend(%+v) = %+v, %v; want EINVALID and no result", a, got, err)
			}
			return
		}
		if err != nil || got.Level.Label() == "" || len(got.Reasons) == 0 {
			t.Fatalf("Recommend(%+v) = %+v, %v; want a known level with reasons", a, got, err)
		}
		if want := danger || medical; got.Emergency != want || (got.Level == screening.Emergency) != want {
			t.Fatalf("Recommend(%+v) = %+v; want emergency %v", a, got, want)
		}
	})
}

// allowed mirrors Validate's normalisation: trimmed, any letter case.
func allowed(values []string, v string) bool {
	return slices.Contains(values, strings.ToLower(strings.TrimSpace(v)))
}

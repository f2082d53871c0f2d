package screening_test

import (
	"strings"
	"testing"

	"kinship"
	"kinship/screening"
)

func TestRecommend(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(a *screening.Answers)
		want    screening.Level
		reasons int
	}{
		// Every emergency path, and emergency over every other rule.
		{"DangerToSelf", func(a *screening.Answers) { a.DangerToSelf = true }, screening.Emergency, 1},
		{"MedicalEmergency", func(a *screening.Answers) { a.MedicalEmergency = true }, screening.Emergency, 1},
		{"BothEmergencies", func(a *screening.Answers) { a.DangerToSelf = true; a.MedicalEmergency = true }, screening.Emergency, 2},
		{"DangerOverEverything", func(a *screening.Answers) {
			*a = screening.Answers{
				DangerToSelf: true, WithdrawalRisk: "severe", MedicalNeeds24h: true,
				PsychiatricSeverity: "severe", Readiness: "not_ready", RelapseRisk: "high",
				HomeEnvironment: "unsafe", FailedLowerLevel: true,
			}
		}, screening.Emergency, 1},
		{"MedicalEmergencyOverEverything", func(a *screening.Answers) {
			*a = screening.Answers{
				MedicalEmergency: true, WithdrawalRisk: "severe", MedicalNeeds24h: true,
				PsychiatricSeverity: "severe", Readiness: "ready", RelapseRisk: "high",
				HomeEnvironment: "unsafe", SupportNetwork: true, FailedLowerLevel: true,
			}
		}, screening.Emergency, 1},

		// One case per remaining rule.
		{"SevereWithdrawal", func(a *screening.Answers) { a.WithdrawalRisk = "severe" }, screening.WithdrawalManagement, 1},
		{"MedicalNeeds24h", func(a *screening.Answers) { a.MedicalNeeds24h = true }, screening.Residential, 1},
		{"UnsafeHomeHighRelapse", func(a *screening.Answers) { a.HomeEnvironment = "unsafe"; a.RelapseRisk = "high" }, screening.Residential, 1},
		{"BothResidential", func(a *screening.Answers) {
			a.MedicalNeeds24h = true
			a.HomeEnvironment = "unsafe"
			a.RelapseRisk = "high"
		}, screening.Residential, 2},
		{"SeverePsychiatric", func(a *screening.Answers) { a.PsychiatricSeverity = "severe" }, screening.PHP, 1},
		{"FailedLowerLevel", func(a *screening.Answers) { a.FailedLowerLevel = true }, screening.PHP, 1},
		{"IOPModeratePsychiatric", func(a *screening.Answers) { a.PsychiatricSeverity = "moderate" }, screening.IOP, 1},
		{"IOPHighRelapseMixedHome", func(a *screening.Answers) {
			a.RelapseRisk = "high"
			a.HomeEnvironment = "mixed"
			a.Readiness = "ambivalent"
		}, screening.IOP, 1},
		{"IOPMildWithdrawalWithJob", func(a *screening.Answers) { a.WithdrawalRisk = "mild"; a.DailyResponsibilities = true }, screening.IOP, 2},
		{"OP", func(a *screening.Answers) {}, screening.OP, 1},
		{"OPMildPsychiatricWithJob", func(a *screening.Answers) {
			a.PsychiatricSeverity = "mild"
			a.DailyResponsibilities = true
			a.SupportNetwork = false
		}, screening.OP, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := calm()
			tc.edit(&a)
			got, err := screening.Recommend(a)
			if err != nil {
				t.Fatalf("Recommend = %v, want nil error", err)
			}
			if got.Level != tc.want {
				t.Errorf("Level = %q, want %q (reasons %q)", got.Level, tc.want, got.Reasons)
			}
			if got, want := got.Emergency, tc.want == screening.Emergency; got != want {
				t.Errorf("Emergency = %v, want %v", got, want)
			}
			if len(got.Reasons) != tc.reasons {
				t.Errorf("Reasons = %q, want %d", got.Reasons, tc.reasons)
			}
		})
	}
}

func TestRecommendPriority(t *testing.T) {
	tests := []struct {
		name string
		edit func(a *screening.Answers)
		want screening.Level
	}{
		{"WithdrawalOverResidential", func(a *screening.Answers) { a.WithdrawalRisk = "severe"; a.MedicalNeeds24h = true }, screening.WithdrawalManagement},
		{"WithdrawalOverUnsafeHome", func(a *screening.Answers) {
			a.WithdrawalRisk = "severe"
			a.HomeEnvironment = "unsafe"
			a.RelapseRisk = "high"
		}, screening.WithdrawalManagement},
		{"ResidentialOverPHP", func(a *screening.Answers) { a.MedicalNeeds24h = true; a.PsychiatricSeverity = "severe" }, screening.Residential},
		{"UnsafeHomeOverFailedLowerLevel", func(a *screening.Answers) {
			a.HomeEnvironment = "unsafe"
			a.RelapseRisk = "high"
			a.FailedLowerLevel = true
		}, screening.Residential},
		{"PHPOverIOP", func(a *screening.Answers) { a.PsychiatricSeverity = "severe"; a.RelapseRisk = "moderate" }, screening.PHP},
		{"FailedLowerLevelOverOP", func(a *screening.Answers) { a.FailedLowerLevel = true }, screening.PHP},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := calm()
			tc.edit(&a)
			got, err := screening.Recommend(a)
			if err != nil {
				t.Fatalf("Recommend = %v, want nil error", err)
			}
			if got.Level != tc.want {
				t.Errorf("Level = %q, want %q (reasons %q)", got.Level, tc.want, got.Reasons)
			}
		})
	}
}

// TestRecommendDefaults covers answers no rule in Rules fits: the level
// follows the person's needs and the reason asks for a conversation.
func TestRecommendDefaults(t *testing.T) {
	tests := []struct {
		name string
		edit func(a *screening.Answers)
		want screening.Level
	}{
		{"NotReadyLowNeeds", func(a *screening.Answers) { a.Readiness = "not_ready" }, screening.OP},
		{"NotReadyModerateNeeds", func(a *screening.Answers) { a.Readiness = "not_ready"; a.RelapseRisk = "moderate" }, screening.IOP},
		{"ReadyNoSupportModerateNeeds", func(a *screening.Answers) { a.SupportNetwork = false; a.PsychiatricSeverity = "moderate" }, screening.IOP},
		{"UnsafeHomeModerateRelapse", func(a *screening.Answers) { a.HomeEnvironment = "unsafe"; a.RelapseRisk = "moderate" }, screening.IOP},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := calm()
			tc.edit(&a)
			got, err := screening.Recommend(a)
			if err != nil {
				t.Fatalf("Recommend = %v, want nil error", err)
			}
			if got.Level != tc.want {
				t.Errorf("Level = %q, want %q", got.Level, tc.want)
			}
			if len(got.Reasons) != 1 || !strings.Contains(got.Reasons[0], "conversation with our team") {
				t.Errorf("Reasons = %q, want one asking for a conversation", got.Reasons)
			}
		})
	}
}

// The multiple-choice values Validate accepts, listed here on their own so
// the tests do not trust the code under test to define them.
var (
	withdrawal  = []string{"none", "mild", "severe"}
	psychiatric = []string{"none", "mild", "moderate", "severe"}
	readiness   = []string{"not_ready", "ambivalent", "ready"}
	relapse     = []string{"low", "moderate", "high"}
	home        = []string{"supportive", "mixed", "unsafe"}
)

// TestRecommendEveryValidAnswer walks all 20,736 valid answer sets: each
// gets a known level and a reason, and safety answers always mean emergency.
func TestRecommendEveryValidAnswer(t *testing.T) {
	for _, w := range withdrawal {
		for _, p := range psychiatric {
			for _, r := range readiness {
				for _, rl := range relapse {
					for _, h := range home {
						for bits := range 1 << 6 {
							a := screening.Answers{
								DangerToSelf: bits&1 != 0, MedicalEmergency: bits&2 != 0, WithdrawalRisk: w,
								MedicalNeeds24h: bits&4 != 0, PsychiatricSeverity: p, Readiness: r,
								RelapseRisk: rl, HomeEnvironment: h, SupportNetwork: bits&8 != 0,
								DailyResponsibilities: bits&16 != 0, FailedLowerLevel: bits&32 != 0,
							}
							got, err := screening.Recommend(a)
							if err != nil || got.Level.Label() == "" || len(got.Reasons) == 0 {
								t.Fatalf("Recommend(%+v) = %+v, %v; want a known level with reasons", a, got, err)
							}
							if want := a.DangerToSelf || a.MedicalEmergency; got.Emergency != want || (got.Level == screening.Emergency) != want {
								t.Fatalf("Recommend(%+v) = %+v; want emergency %v", a, got, want)
							}
						}
					}
				}
			}
		}
	}
}

// TestTriage: danger answered alone is an emergency at once; anything else
// incomplete is still refused, and complete answers are Recommend's.
func TestTriage(t *testing.T) {
	tests := []struct {
		name    string
		a       screening.Answers
		want    screening.Level // "" for EINVALID
		reasons int
	}{
		{"DangerOnly", screening.Answers{DangerToSelf: true}, screening.Emergency, 1},
		{"MedicalOnly", screening.Answers{MedicalEmergency: true}, screening.Emergency, 1},
		{"BothOnly", screening.Answers{DangerToSelf: true, MedicalEmergency: true}, screening.Emergency, 2},
		{"DangerWithBadAnswer", screening.Answers{DangerToSelf: true, Readiness: "maybe"}, screening.Emergency, 1},
		{"IncompleteNoDanger", screening.Answers{Readiness: "ready"}, "", 0},
		{"Complete", calm(), screening.OP, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := screening.Triage(tc.a)
			if tc.want == "" {
				if kinship.ErrorCode(err) != kinship.EINVALID {
					t.Errorf("Triage error = %v, want EINVALID", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Level != tc.want || got.Emergency != (tc.want == screening.Emergency) || len(got.Reasons) < tc.reasons {
				t.Errorf("Triage = %+v, want %s with %d reasons", got, tc.want, tc.reasons)
			}
		})
	}
}

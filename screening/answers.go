package screening

import (
	"slices"
	"strings"

	"kinship"
)

// Answers are a person's replies to the screening, one field per question.
// The json tags are the API's wire names. The string fields are multiple
// choice; Validate lists their allowed values.
type Answers struct {
	DangerToSelf          bool   `json:"danger_to_self"`         // might hurt themselves now
	MedicalEmergency      bool   `json:"medical_emergency"`      // needs emergency medical care now
	WithdrawalRisk        string `json:"withdrawal_risk"`        // none|mild|severe
	MedicalNeeds24h       bool   `json:"medical_needs_24h"`      // health needs round-the-clock care
	PsychiatricSeverity   string `json:"psychiatric_severity"`   // none|mild|moderate|severe
	Readiness             string `json:"readiness"`              // not_ready|ambivalent|ready
	RelapseRisk           string `json:"relapse_risk"`           // low|moderate|high
	HomeEnvironment       string `json:"home_environment"`       // supportive|mixed|unsafe
	SupportNetwork        bool   `json:"support_network"`        // has at least some people on their side
	DailyResponsibilities bool   `json:"daily_responsibilities"` // work, school or caring for others
	FailedLowerLevel      bool   `json:"failed_lower_level"`     // tried IOP/OP without enough progress
}

// Validate checks that every multiple-choice question has an allowed answer:
//
//	withdrawal_risk       none, mild or severe
//	psychiatric_severity  none, mild, moderate or severe
//	readiness             not_ready, ambivalent or ready
//	relapse_risk          low, moderate or high
//	home_environment      supportive, mixed or unsafe
//
// It first trims spaces and lower-cases those answers in place, because forms
// and API clients send "Severe " as readily as "severe", and the rules then
// compare exact values. An empty answer is invalid: guessing could mean
// recommending too little care. The error is a kinship EINVALID *Error whose
// Fields hold one message per field at fault, naming the question in words
// (the allowed values are for the API's documentation, not for people).
func (a *Answers) Validate() error {
	errs := kinship.FieldErrors{}
	for _, q := range []struct {
		value   *string
		field   string
		label   string
		allowed []string
	}{
		{&a.WithdrawalRisk, "withdrawal_risk", "the risk of withdrawal", []string{"none", "mild", "severe"}},
		{&a.PsychiatricSeverity, "psychiatric_severity", "how severe mental-health symptoms are", []string{"none", "mild", "moderate", "severe"}},
		{&a.Readiness, "readiness", "how ready they feel to make a change", []string{"not_ready", "ambivalent", "ready"}},
		{&a.RelapseRisk, "relapse_risk", "the risk of relapse", []string{"low", "moderate", "high"}},
		{&a.HomeEnvironment, "home_environment", "how supportive home is", []string{"supportive", "mixed", "unsafe"}},
	} {
		*q.value = strings.ToLower(strings.TrimSpace(*q.value))
		if !slices.Contains(q.allowed, *q.value) {
			errs.Add(q.field, "Choose an answer for "+q.label+".")
		}
	}
	return errs.Err()
}

package screening

// Level is a level of care, from the most intensive (Emergency) to the
// least (OP). Its values are the API's wire names.
type Level string

// The levels of care Recommend can suggest, most intensive first.
const (
	Emergency            Level = "emergency"
	WithdrawalManagement Level = "withdrawal_management"
	Residential          Level = "residential"
	PHP                  Level = "php"
	IOP                  Level = "iop"
	OP                   Level = "op"
)

// Label is the level's name as a person reads it, such as "Intensive
// outpatient (IOP)". It is "" for a value that is not one of the levels, so
// callers can tell a known level from an unknown one.
func (l Level) Label() string {
	switch l {
	case Emergency:
		return "Emergency care now"
	case WithdrawalManagement:
		return "Medically managed withdrawal"
	case Residential:
		return "Residential treatment"
	case PHP:
		return "Partial hospitalization (PHP)"
	case IOP:
		return "Intensive outpatient (IOP)"
	case OP:
		return "Outpatient (OP)"
	}
	return ""
}

// Result is a screening's recommendation.
type Result struct {
	// Level is the suggested level of care.
	Level Level `json:"level"`
	// Reasons explain Level in plain words, most important first; there is
	// always at least one.
	Reasons []string `json:"reasons"`
	// Emergency is true exactly when Level is Emergency, telling callers to
	// show CrisisResources at once, before anything else. It stays out of
	// the JSON because "level" already says so.
	Emergency bool `json:"-"`
}

// Recommend validates a (see Answers.Validate) and returns the suggested
// level of care. On invalid answers it returns the EINVALID error and a zero
// Result, never a guess. It works on a copy, so the caller's answers are not
// normalised.
//
// The level comes from the first rule in Rules that applies, or, when none
// does, from the first in Defaults; Reasons hold that rule's reason and the
// reasons of every later applying rule of the same level in the same table.
func Recommend(a Answers) (Result, error) {
	if err := a.Validate(); err != nil {
		return Result{}, err
	}
	level, reasons := match(Rules, a)
	if level == "" {
		level, reasons = match(Defaults, a)
	}
	return Result{Level: level, Reasons: reasons, Emergency: level == Emergency}, nil
}

// Triage is Recommend for a person waiting on the answer: when an answer
// alone means emergency care now, it gives the Emergency result even if
// other questions are unanswered, so someone in danger is never sent back
// to finish a form. Otherwise it is Recommend. The Emergency rules read
// only yes-or-no answers, which need no validation.
func Triage(a Answers) (Result, error) {
	res, err := Recommend(a)
	if err == nil {
		return res, nil
	}
	var reasons []string
	for _, r := range Rules {
		if r.Level == Emergency && r.When(a) {
			reasons = append(reasons, r.Reason)
		}
	}
	if reasons == nil {
		return Result{}, err
	}
	return Result{Level: Emergency, Reasons: reasons, Emergency: true}, nil
}

// match returns the level of the first rule that applies to a, and the
// reasons of all applying rules with that level, in table order. The level
// is "" when no rule applies.
func match(rules []Rule, a Answers) (Level, []string) {
	var level Level
	var reasons []string
	for _, r := range rules {
		if (level != "" && r.Level != level) || !r.When(a) {
			continue
		}
		level = r.Level
		reasons = append(reasons, r.Reason)
	}
	return level, reasons
}

package screening

// Rule suggests a level of care, and says why, when the answers fit it.
type Rule struct {
	// Level is the level of care the rule suggests.
	Level Level
	// Reason tells the person why, in plain and kind words.
	Reason string
	// When reports whether the rule applies. It is given validated answers
	// (multiple-choice values trimmed and lower case) and must not be nil.
	When func(Answers) bool
}

// Rules is the screening, in priority order: the most intensive care first,
// so a need for more care is never hidden by a fit for less. The first rule
// that applies sets the level; every later rule of that same level that also
// applies adds its reason, so both safety reasons show when both are true.
// A few rules only add a reason (their When includes another rule's), which
// keeps each reason short. Changing this table changes the screening; the
// tests pin its behaviour.
var Rules = []Rule{
	// Safety comes before everything else. Each answer alone means
	// emergency care now.
	{Emergency, "You told us you might hurt yourself. Your safety comes first, and you deserve support right now.",
		func(a Answers) bool { return a.DangerToSelf }},
	{Emergency, "You told us you may be having a medical emergency. Please get emergency care now; we will be here afterwards.",
		func(a Answers) bool { return a.MedicalEmergency }},

	// Stopping suddenly after heavy use can be dangerous without medical care.
	{WithdrawalManagement, "Stopping suddenly could make you very unwell. A medical team can help your body through withdrawal safely.",
		func(a Answers) bool { return a.WithdrawalRisk == "severe" }},

	// Needs that outpatient care cannot meet between visits.
	{Residential, "You have health needs that call for care around the clock.",
		func(a Answers) bool { return a.MedicalNeeds24h }},
	{Residential, "Home does not feel safe right now, and staying on track there could be very hard. A safe place to stay while you heal can help.",
		func(a Answers) bool { return a.HomeEnvironment == "unsafe" && a.RelapseRisk == "high" }},

	// More support each day while still sleeping at home.
	{PHP, "You are carrying a lot emotionally right now. A day program gives you more support every day.",
		func(a Answers) bool { return a.PsychiatricSeverity == "severe" }},
	{PHP, "You have tried a lighter program before and it did not give you enough support. That is not on you; it means you deserve more.",
		func(a Answers) bool { return a.FailedLowerLevel }},

	{IOP, "You are open to change and have people on your side. Intensive outpatient gives you steady support several days a week while you live at home.",
		fitsIOP},
	{IOP, "Sessions take a few hours, so you can keep up with work, school or the people you care for.",
		func(a Answers) bool { return fitsIOP(a) && a.DailyResponsibilities }},

	{OP, "Your needs look lighter right now. Outpatient sessions can support you at your own pace.",
		fitsOP},
	{OP, "Sessions fit around work, school or the people you care for.",
		func(a Answers) bool { return fitsOP(a) && a.DailyResponsibilities }},
}

// Defaults is consulted only when nothing in Rules applies: for example
// someone not ready to change yet, someone with an unsafe home and moderate
// relapse risk, or someone ready but without people on their side. Turning
// them away would be unkind and guessing high would be dishonest, so we
// suggest the level their needs point to (IOP when needs are moderate,
// otherwise OP) and say plainly that talking with our team settles the fit.
// The last rule always applies, so every valid answer gets a level.
var Defaults = []Rule{
	{IOP, "A conversation with our team will help find the right fit. Some of what you shared points to intensive outpatient care, and we would like to hear more.",
		moderateNeeds},
	{OP, "A conversation with our team will help find the right fit. Outpatient care is a gentle place to start, at your own pace.",
		func(Answers) bool { return true }},
}

// moderateNeeds is true when any dimension needs more than a light touch
// but, given the rules above it, less than a day program.
func moderateNeeds(a Answers) bool {
	return a.PsychiatricSeverity == "moderate" || a.RelapseRisk != "low" || a.WithdrawalRisk == "mild"
}

// fitsIOP is the IOP profile: willing to try (ready, or unsure but engaged),
// a home that is not unsafe, some support, and moderate needs.
func fitsIOP(a Answers) bool {
	return a.Readiness != "not_ready" && a.HomeEnvironment != "unsafe" && a.SupportNetwork && moderateNeeds(a)
}

// fitsOP is the OP profile: light needs in every dimension and willing to
// try. Someone not ready yet falls to Defaults, whose reason is more honest.
func fitsOP(a Answers) bool {
	lowNeeds := (a.PsychiatricSeverity == "none" || a.PsychiatricSeverity == "mild") &&
		a.RelapseRisk == "low" && a.WithdrawalRisk == "none"
	return lowNeeds && a.Readiness != "not_ready"
}

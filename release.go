package kinship

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ClientRecord is what the store gathers for a release: the parts of one
// client's record the request names, unfiltered. Release decides what of
// it leaves.
type ClientRecord struct {
	Client     *Client
	Episodes   []*Episode
	Attendance []AttendedSession
	Screens    []*DrugScreen
	Scores     []Score
	Plan       *TreatmentPlan // the signed version in force; nil if none
	Notes      []*Note        // signed progress, group and counseling notes
}

// AttendedSession is one session's attendance as a release carries it.
type AttendedSession struct {
	Day     Date
	Session string // the session's title
	Status  string // present, late, left_early, telehealth, excused, unexcused
	Minutes int    // minutes credited
}

// Score is one instrument's result as a release carries it.
type Score struct {
	Instrument string // short name, "PHQ-9"
	TakenOn    Date
	Total      int
	Severity   string // the band's label
}

// KindCount is how many items of one kind a release held.
type KindCount struct {
	Kind  InfoKind
	Items int
}

// releaseOrder is every kind a release can hold, in the order a released
// document lists them. The whole record expands to all but counseling
// notes.
var releaseOrder = []InfoKind{InfoDemographics, InfoAttendance, InfoDiagnoses, InfoTreatmentPlan, InfoProgressNotes,
	InfoAssessments, InfoDrugScreens, InfoDischargeSummary, InfoCounselingNotes}

// ReleasedKinds returns the kinds a request for kinds releases, each once,
// in document order: the whole record opened up into its parts.
func ReleasedKinds(kinds []InfoKind) []InfoKind {
	want := map[InfoKind]bool{}
	for _, k := range kinds {
		want[k] = true
	}
	var out []InfoKind
	for _, k := range releaseOrder {
		if want[k] || (want[InfoFullRecord] && k != InfoCounselingNotes) {
			out = append(out, k)
		}
	}
	return out
}

// releasePermission is what a releaser must hold to release each kind:
// the permission to read it. A release never holds more than its releaser
// may read.
var releasePermission = map[InfoKind]Permission{
	InfoDemographics:     PermClientRead,
	InfoAttendance:       PermScheduleRead,
	InfoDiagnoses:        PermDiagnosisRead,
	InfoTreatmentPlan:    PermClinicalRead,
	InfoProgressNotes:    PermClinicalRead,
	InfoAssessments:      PermClinicalRead,
	InfoDrugScreens:      PermClinicalRead,
	InfoDischargeSummary: PermClinicalRead,
	InfoCounselingNotes:  PermClinicalRead,
}

// MayRelease reports whether a may release kind k at all; counseling notes
// are further limited note by note (Note.ReadableBy).
func (a Actor) MayRelease(k InfoKind) bool {
	return a.System || a.Role.Can(releasePermission[k])
}

// RefuseDisclosure is the error of a release no consent covers, saying why.
func RefuseDisclosure(why string) error {
	return Errorf(EFORBIDDEN, "This disclosure is refused: %s. Records leave the program only under a consent in force that names the recipient, the purpose and the information.", why)
}

// Release decides what a disclosure holds: under consent c, exactly the
// kinds r names (each at most as far as the releaser a may read it) and
// nothing else. EFORBIDDEN when c does not cover r, or when r asks for a
// kind a may not read, naming those kinds. The legal name travels only for
// payment, by a role that may see it.
func Release(c *Consent, r DisclosureRequest, a Actor, rec *ClientRecord, day Date) (*DisclosedRecord, []KindCount, error) {
	if ok, why := c.Covers(r.Recipient, r.Purpose, r.Information, day); !ok {
		return nil, nil, RefuseDisclosure(why)
	}
	kinds := ReleasedKinds(r.Information)
	var denied []string
	for _, k := range kinds {
		if !a.MayRelease(k) {
			denied = append(denied, k.phrase())
		}
	}
	if len(denied) > 0 {
		why := "your role may not release " + andList(denied)
		return nil, nil, &Error{Code: EFORBIDDEN, Message: "This disclosure is refused: " + why + ". Release only what your role may read.",
			Fields: map[string]string{"information": "Your role may not release " + andList(denied) + "."}}
	}
	has := map[InfoKind]bool{}
	for _, k := range kinds {
		has[k] = true
	}
	c0 := rec.Client
	// The name to use and MRN say whose record it is; pronouns and the rest
	// travel only with demographics, so an attendance note cannot out anyone.
	out := &DisclosedRecord{Notice: Part2Notice, Client: &Client{ID: c0.ID, MRN: c0.MRN, NameToUse: c0.NameToUse}}
	if has[InfoDemographics] {
		out.Client.Pronouns, out.Client.BirthDate, out.Client.Phone, out.Client.Email = c0.Pronouns, c0.BirthDate, c0.Phone, c0.Email
		out.Client.PreferredLanguage, out.Client.GenderIdentity, out.Client.SexForClinicalUse = c0.PreferredLanguage, c0.GenderIdentity, c0.SexForClinicalUse
	}
	if r.Purpose == PurposePayment && (a.System || a.Role.Can(PermLegalName)) {
		out.Client.LegalName = c0.LegalName
	}
	counts := map[InfoKind]int{InfoDemographics: 1}
	if has[InfoDiagnoses] || has[InfoDischargeSummary] {
		for _, e := range rec.Episodes {
			ep := &Episode{ID: e.ID, ProgramName: e.ProgramName, AdmittedOn: e.AdmittedOn, DischargedOn: e.DischargedOn}
			if has[InfoDiagnoses] {
				ep.Diagnoses = e.Diagnoses
				counts[InfoDiagnoses] += len(e.Diagnoses)
			}
			if has[InfoDischargeSummary] && e.DischargeSummary != "" {
				ep.DischargeReason, ep.DischargeSummary, ep.Referrals = e.DischargeReason, e.DischargeSummary, e.Referrals
				counts[InfoDischargeSummary]++
			}
			out.Episodes = append(out.Episodes, ep)
		}
	}
	if has[InfoAttendance] {
		out.Attendance = rec.Attendance
	}
	if has[InfoDrugScreens] {
		for _, s := range rec.Screens {
			out.Screens = append(out.Screens, &DrugScreen{ID: s.ID, CollectedOn: s.CollectedOn, Specimen: s.Specimen, Results: s.Results})
		}
	}
	if has[InfoAssessments] {
		out.Scores = rec.Scores
	}
	if has[InfoTreatmentPlan] && rec.Plan != nil && !rec.Plan.Draft() {
		out.Plan, counts[InfoTreatmentPlan] = planOnly(rec.Plan), 1
	}
	for _, n := range rec.Notes {
		kind := InfoProgressNotes
		if n.Kind == NoteCounseling {
			kind = InfoCounselingNotes
		}
		// A counseling note leaves only when its author, or a role they
		// allowed, releases it.
		if has[kind] && n.Signed() && n.ReadableBy(a) {
			out.Notes = append(out.Notes, n)
			counts[kind]++
		}
	}
	counts[InfoAttendance], counts[InfoDrugScreens], counts[InfoAssessments] = len(out.Attendance), len(out.Screens), len(out.Scores)
	released := make([]KindCount, len(kinds))
	for i, k := range kinds {
		released[i] = KindCount{Kind: k, Items: counts[k]}
	}
	return out, released, nil
}

// planOnly is a copy of p without the scores its measured objectives
// show: those leave only as assessment scores.
func planOnly(p *TreatmentPlan) *TreatmentPlan {
	out := *p
	out.Versions, out.Problems = nil, make([]PlanProblem, len(p.Problems))
	for i, pr := range p.Problems {
		pr.Goals = slices.Clone(pr.Goals)
		for j, g := range pr.Goals {
			g.Objectives = slices.Clone(g.Objectives)
			for k := range g.Objectives {
				g.Objectives[k].Progress = nil
			}
			pr.Goals[j] = g
		}
		out.Problems[i] = pr
	}
	return &out
}

// phrase is the kind's label inside a sentence: lower case, but for an
// initialism such as "SUD".
func (k InfoKind) phrase() string {
	l := k.Label()
	first, size := utf8.DecodeRuneInString(l)
	if second, _ := utf8.DecodeRuneInString(l[size:]); unicode.IsUpper(second) {
		return l
	}
	return string(unicode.ToLower(first)) + l[size:]
}

// andList joins "a", "b" and "c" as "a, b and c".
func andList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

package web

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"kinship"
	"kinship/instrument"
	"kinship/screening"
)

// templateFuncs are the functions page templates may call.
func templateFuncs(p *pages) template.FuncMap {
	return template.FuncMap{
		"asset":             p.assetURL,
		"appIcon":           appIcon,
		"signInLinkMinutes": func() int { return kinship.SignInLinkMinutes },
		"quickExitURL":      func() string { return quickExitURL },
		"clientInviteDays":  func() int { return kinship.ClientInviteDays },
		"date":              func(t time.Time) string { return t.Format("2 Jan 2006") },
		"datetime":          func(t time.Time) string { return t.Format("2 Jan 2006 15:04 MST") },
		"isoTime":           func(t time.Time) string { return t.Format(time.RFC3339) },
		"roles":             func() []kinship.Role { return kinship.StaffRoles },
		"weekdays":          weekdays,
		"dayCode":           kinship.DayCode,
		"field":             newFormField,
		"in":                inForm,
		"suggest":           newChoiceField,
		"choice":            newSelectField,
		"check":             newCheckField,
		"pronouns":          func() []string { return kinship.CommonPronouns },
		// Suggestions only: people describe themselves in their own words.
		"genderIdentities": func() []string { return genderIdentities },
		"orientations":     func() []string { return orientations },
		"sexForClinicalUse": func() []option {
			return options(kinship.SexForClinicalUseValues, kinship.SexForClinicalUseLabel)
		},
		"sexForClinicalUseLabel": kinship.SexForClinicalUseLabel,
		"sourceLabel":            kinship.InquirySourceLabel,
		"roleOptions": func() []option {
			return options(kinship.StaffRoles, func(r kinship.Role) string { return r.Label() })
		},
		"breakGlassMinutes": func() int { return kinship.BreakGlassMinutes },
		"radio":             newRadioField,
		"alertView":         newAlertView,
		"instrumentName": func(code string) string {
			if d, err := p.instruments.Lookup(code); err == nil {
				return d.ShortName
			}
			return code
		},
		"specimenOptions": func() []option {
			return options(kinship.Specimens, func(s string) string { return strings.ReplaceAll(s, "_", " ") })
		},
		"screenResultChoices": func() []string { return append([]string{"not_tested"}, kinship.ScreenResults...) },
		"screenResultLabel": func(s string) string {
			return map[string]string{"not_tested": "not tested", "negative": "negative", "positive": "positive", "invalid": "invalid"}[s]
		},
		"timelineLabel": func(k string) string {
			return map[string]string{kinship.TimelineAttendance: "Attendance", kinship.TimelineCheckIn: "Check-ins", kinship.TimelinePlan: "Plan versions", kinship.TimelineNote: "Notes", kinship.TimelineMeasure: "Scores",
				kinship.TimelineScreen: "Drug screens", kinship.TimelineAlert: "Alerts"}[k]
		},
		"measuresView":  func(p *chartPage, m *measuresSection) measuresView { return measuresView{p, p.Client, m} },
		"specimenLabel": func(s string) string { return strings.ReplaceAll(s, "_", " ") },
		"bandLabel": func(d *instrument.Definition, r *kinship.Response) string {
			if b, ok := d.Band(r.Severity, r.Threshold); ok {
				return b.Label
			}
			return strings.ReplaceAll(r.Severity, "_", " ")
		},
		"subscales": func(d *instrument.Definition, r *kinship.Response) string {
			parts := make([]string, len(d.Subscales))
			for i, sc := range d.Subscales {
				parts[i] = fmt.Sprintf("%s %d", strings.ToLower(sc.Label), r.Subscales[sc.Code])
			}
			return strings.Join(parts, " · ")
		},
		"flagLabel": func(d *instrument.Definition, code string) string {
			for _, f := range d.Flags {
				if f.Code == code {
					return f.Label
				}
			}
			return strings.ReplaceAll(code, "_", " ")
		},
		"hasAnswer": func(a map[string]int, id string) bool { _, ok := a[id]; return ok },
		"safetyActions": func() []option {
			return options(kinship.SafetyActions, func(a string) string { return kinship.SafetyActionLabels[a] })
		},
		"screenForm": func(a screening.Answers, errs map[string]string) screenForm {
			return screenForm{a, errs}
		},
		"levelLabel":      func(l string) string { return screening.Level(l).Label() },
		"crisisResources": func() []screening.Resource { return screening.CrisisResources },
		"link":            trustedLink,
		"phoneLink":       phoneLink,
		"webcal":          webcalLink,
		"boardDays":       func() int { return boardDays },
		"since":           since,
		"percent":         func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
		"inquiryMoveOptions": func(current kinship.InquiryStatus) []option {
			return options(inquiryMoves(current), func(s kinship.InquiryStatus) string { return s.Label() })
		},
		"assessmentMinutes": func() int { return kinship.AssessmentMinutes },
		"infoKinds":         func() []kinship.InfoKind { return kinship.InfoKinds },
		"purposes":          func() []kinship.Purpose { return kinship.Purposes },
		"hasKind":           contains[kinship.InfoKind],
		"hasPurpose":        contains[kinship.Purpose],
		"joinLines":         func(s []string) string { return strings.Join(s, "\n") },
		"dischargeReasonOptions": func() []option {
			return options(kinship.DischargeReasons, func(r kinship.DischargeReason) string { return r.Label() })
		},
		"clock":       func(t time.Time) string { return t.Format("15:04") },
		"minutes":     hoursMinutes,
		"div60":       func(m int) int { return m / 60 },
		"siteOptions": siteOptions,
		"kindOptions": func() []option {
			return options(kinship.SessionKinds, func(k kinship.SessionKind) string { return k.Label() })
		},
		"statusLabel": func(s string) string {
			return map[string]string{"present": "Present", "late": "Late", "left_early": "Left early", "telehealth": "Telehealth",
				"excused": "Excused absence", "unexcused": "Absent"}[s]
		},
		"hoursStatus": func(s string) string {
			return map[string]string{"met": "Minimum met", "on_track": "On track", "at_risk": "At risk of missing the minimum"}[s]
		},
		// errorsFor gives a form its errors only if it was the one that failed.
		"errorsFor": func(failed, form string, errs map[string]string) map[string]string {
			if failed != form {
				return nil
			}
			return errs
		},
		"kept":        kept,
		"chosen":      chosen,
		"keptChecked": keptChecked,
		"sentErrors":  sentErrors,
		"summary":     summary,
		"summaryIn":   summaryIn,
		// timezones are offered first; any IANA name is accepted.
		"timezones": func() []string { return commonTimezones },
	}
}

// formField is one labelled input, drawn by the "input" template with its
// error tied to it for screen readers.
type formField struct {
	ID, Name, Label, Type, Value, Error, Autocomplete string
}

func newFormField(name, label, typ, value string, errs map[string]string, autocomplete string) formField {
	return formField{ID: "f-" + name, Name: name, Label: label, Type: typ, Value: value, Error: errs[name], Autocomplete: autocomplete}
}

// inForm gives a field (an input or a select) an id of its form's own, for
// pages with several forms that share field names.
func inForm(form string, f any) any {
	switch f := f.(type) {
	case formField:
		f.ID = "f-" + form + "-" + f.Name
		return f
	case selectField:
		f.ID = "f-" + form + "-" + f.Name
		return f
	}
	return f
}

// choiceField is a labelled input with a list of options: suggestions
// for free text, or the values of a select.
type choiceField struct {
	Name, Label, Value, Error string
	Options                   []string
}

func newChoiceField(name, label, value string, errs map[string]string, options []string) choiceField {
	return choiceField{Name: name, Label: label, Value: value, Error: errs[name], Options: options}
}

// selectField is a labelled select; each option has a value and a label.
type selectField struct {
	ID, Name, Label, Value, Error string
	Options                       []option
}

type option struct{ Value, Label string }

func newSelectField(name, label, value string, errs map[string]string, opts []option) selectField {
	return selectField{ID: "f-" + name, Name: name, Label: label, Value: value, Error: errs[name], Options: opts}
}

// options makes select options from values, labelled by label (or by the
// value itself when label is nil).
func options[T ~string](values []T, label func(T) string) []option {
	out := make([]option, len(values))
	for i, v := range values {
		out[i] = option{string(v), string(v)}
		if label != nil {
			out[i].Label = label(v)
		}
	}
	return out
}

// radioField is a group of radio buttons; options are "value:label".
type radioField struct {
	Name, Label, Value, Error string
	Options                   []struct{ Value, Label string }
}

func newRadioField(name, label, value string, errs map[string]string, options ...string) radioField {
	f := radioField{Name: name, Label: label, Value: value, Error: errs[name]}
	for _, o := range options {
		v, l, _ := strings.Cut(o, ":")
		f.Options = append(f.Options, struct{ Value, Label string }{v, l})
	}
	return f
}

// measuresView gives the chart's measures template its page and client.
type measuresView struct {
	Page     *chartPage
	Client   *kinship.Client
	Measures *measuresSection
}

// alertView is one alert with what its acknowledge form needs. From says
// which page it is on, to return there; errors apply to the alert whose
// form failed, named "ack-ID".
type alertView struct {
	Alert          *kinship.Alert
	CSRF, From     string
	At, Cancelled  time.Time // in the site's timezone
	CanAcknowledge bool
	Errors         map[string]string
	// Action and Note are what a refused acknowledgement sent.
	Action, Note string
}

func newAlertView(p pageData, a *kinship.Alert, from, failed string, errs map[string]string) alertView {
	l := p.base()
	v := alertView{Alert: a, CSRF: l.CSRF, From: from, At: a.CreatedAt.In(l.Location)}
	if !a.CancelledAt.IsZero() {
		v.Cancelled = a.CancelledAt.In(l.Location)
	}
	v.CanAcknowledge = l.Me != nil && a.OpenFor(l.Me.ID, l.Me.Role)
	if failed == fmt.Sprintf("ack-%d", a.ID) {
		v.Errors, v.Action, v.Note = errs, l.Form.Get("action"), l.Form.Get("note")
	}
	return v
}

// screenForm is the screening questions with their answers and errors.
type screenForm struct {
	Answers screening.Answers
	Errors  map[string]string
}

// inquiryMoves are the statuses staff may move an inquiry from current
// to: "admitted" follows from admitting the client, and "assessment
// booked" from booking it with a date, time and clinician.
func inquiryMoves(current kinship.InquiryStatus) []kinship.InquiryStatus {
	if current == kinship.InquiryAssessmentBooked {
		return []kinship.InquiryStatus{kinship.InquiryNew, kinship.InquiryScreened, kinship.InquiryAssessmentBooked, kinship.InquiryReferred, kinship.InquiryClosed}
	}
	return []kinship.InquiryStatus{kinship.InquiryNew, kinship.InquiryScreened, kinship.InquiryReferred, kinship.InquiryClosed}
}

// since says how long ago t was, roughly, as people say it.
func since(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Hour:
		return "under an hour"
	case d < 48*time.Hour:
		return fmt.Sprintf("%d hours", int(d.Hours()))
	}
	return fmt.Sprintf("%d days", int(d.Hours()/24))
}

// checkField is a labelled checkbox.
type checkField struct {
	Name, Label, Error string
	Checked            bool
}

func newCheckField(name, label string, checked bool, errs map[string]string) checkField {
	return checkField{Name: name, Label: label, Checked: checked, Error: errs[name]}
}

// contains reports whether list holds v.
func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// genderIdentities and orientations are suggestions offered while typing.
var (
	genderIdentities = []string{"woman", "man", "non-binary", "transgender woman", "transgender man", "genderqueer",
		"genderfluid", "agender", "two-spirit", "questioning", "prefer not to say"}
	orientations = []string{"lesbian", "gay", "bisexual", "pansexual", "queer", "asexual", "straight", "questioning", "prefer not to say"}
)

// hoursMinutes writes minutes as hours and minutes, like "7 h 30 min".
func hoursMinutes(m int) string {
	switch {
	case m%60 == 0:
		return fmt.Sprintf("%d h", m/60)
	case m < 60:
		return fmt.Sprintf("%d min", m)
	}
	return fmt.Sprintf("%d h %d min", m/60, m%60)
}

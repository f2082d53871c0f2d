package notify

import (
	"fmt"
	"regexp"
	"time"

	"kinship"
)

// Reminder kinds.
const (
	KindSessionTomorrow = "session_tomorrow"
	KindCheckinToday    = "checkin_today"
	KindMeasureDue      = "measure_due"
	KindSignInLink      = "sign_in_link"
	KindInvite          = "invite"
	// KindAlertEscalation goes to staff: a safety alert has waited past its
	// time. It names no client, because it may show on a lock screen too.
	KindAlertEscalation = "alert_escalation"
)

// Stoppable reports whether a kind is a reminder the client can turn off
// in the portal's Settings; such messages say so and carry a
// List-Unsubscribe link there. Invitations and sign-in links are sent
// only when someone asks for them.
func Stoppable(kind string) bool {
	return kind == KindSessionTomorrow || kind == KindCheckinToday || kind == KindMeasureDue
}

// ReminderParams fills a reminder's text. Which fields a kind needs is
// listed at Reminder.
type ReminderParams struct {
	// SenderName is the neutral name the organization chose to sign with,
	// like "Kinship" or "Calendar". Empty means "Kinship".
	SenderName string
	At         time.Time // session_tomorrow: start, in the site's timezone
	Place      string    // session_tomorrow: a neutral place name, like "Elm St office"
	URL        string    // sign_in_link, invite, alert_escalation; optional for checkin_today, measure_due
}

// Reminder writes the subject and body of a reminder. Its words may show on
// a lock screen, so they say nothing clinical; the texts are plain ASCII so
// an SMS stays in the cheaper GSM-7 alphabet, and each body reads well on
// its own, without the subject, for SMS.
//
// session_tomorrow needs At and Place; sign_in_link, invite and
// alert_escalation need URL.
// It returns EINVALID for an unknown kind, a missing field, or a
// SenderName or Place with a clinical word in it (see HasClinicalWord).
func Reminder(kind string, p ReminderParams) (subject, body string, err error) {
	from := p.SenderName
	if from == "" {
		from = "Kinship" // the product's name is neutral by design
	}
	if HasClinicalWord(from) || HasClinicalWord(p.Place) {
		return "", "", kinship.Errorf(kinship.EINVALID, "A reminder's sender name and place must not contain clinical words.")
	}
	link := ""
	if p.URL != "" {
		link = "\n\n" + p.URL
	}
	sign := "\n\n- " + from + "\n"

	switch kind {
	case KindSessionTomorrow:
		if p.At.IsZero() || p.Place == "" {
			return "", "", kinship.Errorf(kinship.EINVALID, "A session reminder needs a time and a place.")
		}
		clock := fmt.Sprintf("%d:%02d", p.At.Hour(), p.At.Minute())
		subject = "Reminder: tomorrow at " + clock
		body = fmt.Sprintf("You have an appointment tomorrow, %s, at %s at %s.\n\nIf you can't make it, please let us know.",
			p.At.Format("Monday 2 January"), clock, p.Place)
	case KindCheckinToday:
		subject = "A note for today"
		body = "When you have a minute today, please add your daily note." + link
	case KindMeasureDue:
		subject = "A few quick questions"
		body = "You have a few short questions waiting. They take a couple of minutes." + link
	case KindSignInLink:
		if p.URL == "" {
			return "", "", kinship.Errorf(kinship.EINVALID, "A sign-in reminder needs a URL.")
		}
		subject = "Your sign-in link"
		body = "Use this link to sign in to " + from + ":" + link +
			"\n\nIf you did not ask for it, you can ignore this message."
	case KindInvite:
		if p.URL == "" {
			return "", "", kinship.Errorf(kinship.EINVALID, "An invitation needs a URL.")
		}
		subject = "Your invitation to " + from
		body = "You are invited to set up an account with " + from + ". Use this link to get started:" + link +
			"\n\nIf you were not expecting this, you can ignore this message."
	case KindAlertEscalation:
		if p.URL == "" {
			return "", "", kinship.Errorf(kinship.EINVALID, "An alert escalation needs a URL.")
		}
		subject = "A safety alert needs attention in Kinship"
		body = "A safety alert has not been acknowledged in time. Please open it now:" + link
	default:
		return "", "", kinship.Errorf(kinship.EINVALID, "%q is not a reminder kind.", kind)
	}
	if Stoppable(kind) {
		body += "\n\nTo stop these reminders, sign in and turn them off under Settings."
	}
	return subject, body + sign, nil
}

// clinical matches words, or the start of words, that would tell a reader
// of a lock screen what kind of care someone receives.
var clinical = regexp.MustCompile(`(?i)\b(treat|therap|recover|substance|addict|program|counsel|check[- ]?in|drug|alcohol|clinic|rehab|sober|sobriety|detox|relaps|opioid|methadone|suboxone|buprenorphine|naloxone|narcan|overdose|withdraw|psych|mental|behavioral|patient|diagnos|medicat|\biop\b)`)

// HasClinicalWord reports whether s contains a word that must not appear in
// a reminder, such as "treatment", "therapy", "IOP" or "check-in". Use it to
// vet names an organization chooses for its reminders.
func HasClinicalWord(s string) bool { return clinical.MatchString(s) }

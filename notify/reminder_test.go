package notify_test

import (
	"strings"
	"testing"
	"time"

	"kinship"
	"kinship/notify"
)

var allKinds = []string{"session_tomorrow", "checkin_today", "measure_due", "sign_in_link", "invite", "alert_escalation"}

// forbidden are words a lock screen must never show. The list is kept here,
// apart from the package's own, so that the test checks the texts and not
// the package against itself.
var forbidden = []string{
	"treatment", "therapy", "therapist", "recovery", "substance", "addiction", "addict",
	"program", "iop", "counselor", "counseling", "check-in", "checkin", "check in",
	"drug", "alcohol", "clinic", "rehab", "sober", "detox", "relapse", "opioid",
	"methadone", "patient", "session", "mental", "health", "medication",
}

func fullParams(sender string) notify.ReminderParams {
	la, _ := time.LoadLocation("America/Los_Angeles")
	return notify.ReminderParams{
		SenderName: sender,
		At:         time.Date(2026, 3, 3, 9, 0, 0, 0, la),
		Place:      "Elm Street office",
		URL:        "https://example.org/s/abc123",
	}
}

func TestReminder_NoClinicalWords(t *testing.T) {
	for _, sender := range []string{"Kinship", "Calendar", ""} {
		for _, kind := range allKinds {
			subject, body, err := notify.Reminder(kind, fullParams(sender))
			if err != nil {
				t.Fatalf("%s: %v", kind, err)
			}
			if subject == "" || body == "" {
				t.Fatalf("%s: empty subject %q or body %q", kind, subject, body)
			}
			text := strings.ToLower(subject + "\n" + body)
			for _, w := range forbidden {
				if strings.Contains(text, w) {
					t.Errorf("%s (sender %q) contains %q:\n%s\n%s", kind, sender, w, subject, body)
				}
			}
			if strings.ContainsAny(subject, "\r\n") {
				t.Errorf("%s: subject %q has a line break", kind, subject)
			}
			for _, r := range subject + body {
				if r > 127 {
					t.Errorf("%s: %q is not ASCII, which costs SMS length", kind, r)
					break
				}
			}
			want := sender
			if want == "" {
				want = "Kinship"
			}
			if !strings.Contains(body, want) {
				t.Errorf("%s: body does not name the sender %q:\n%s", kind, want, body)
			}
		}
	}
}

func TestReminder_Content(t *testing.T) {
	p := fullParams("Calendar")
	_, body, _ := notify.Reminder("session_tomorrow", p)
	for _, want := range []string{"tomorrow", "Tuesday 3 March", "9:00", "Elm Street office"} {
		if !strings.Contains(body, want) {
			t.Errorf("session_tomorrow body lacks %q:\n%s", want, body)
		}
	}
	for _, kind := range []string{"sign_in_link", "invite"} {
		if _, body, _ := notify.Reminder(kind, p); !strings.Contains(body, p.URL) {
			t.Errorf("%s body lacks the URL:\n%s", kind, body)
		}
	}
	// Every reminder a client can turn off says how.
	for _, kind := range []string{"session_tomorrow", "checkin_today", "measure_due"} {
		if _, body, _ := notify.Reminder(kind, p); !strings.Contains(body, "turn them off under Settings") {
			t.Errorf("%s body does not say how to stop it:\n%s", kind, body)
		}
	}
	p.URL = ""
	if _, body, _ := notify.Reminder("checkin_today", p); strings.Contains(body, "https://") {
		t.Errorf("checkin_today without URL shows a link:\n%s", body)
	}
}

func TestReminder_Errors(t *testing.T) {
	for _, tt := range []struct {
		name string
		kind string
		edit func(*notify.ReminderParams)
	}{
		{"UnknownKind", "diagnosis", func(*notify.ReminderParams) {}},
		{"SessionWithoutTime", "session_tomorrow", func(p *notify.ReminderParams) { p.At = time.Time{} }},
		{"SessionWithoutPlace", "session_tomorrow", func(p *notify.ReminderParams) { p.Place = "" }},
		{"SignInWithoutURL", "sign_in_link", func(p *notify.ReminderParams) { p.URL = "" }},
		{"InviteWithoutURL", "invite", func(p *notify.ReminderParams) { p.URL = "" }},
		{"ClinicalSender", "checkin_today", func(p *notify.ReminderParams) { p.SenderName = "Sunrise Treatment" }},
		{"ClinicalPlace", "session_tomorrow", func(p *notify.ReminderParams) { p.Place = "Hope Recovery Center" }},
		{"IOPPlace", "session_tomorrow", func(p *notify.ReminderParams) { p.Place = "Evening IOP room" }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := fullParams("Kinship")
			tt.edit(&p)
			if _, _, err := notify.Reminder(tt.kind, p); kinship.ErrorCode(err) != kinship.EINVALID {
				t.Errorf("got %v, want %q", err, kinship.EINVALID)
			}
		})
	}
}

func TestHasClinicalWord(t *testing.T) {
	for _, s := range forbidden {
		if s == "session" || s == "health" {
			continue // avoided in our texts, but fine in a place name
		}
		if !notify.HasClinicalWord(strings.ToUpper(s[:1]) + s[1:]) {
			t.Errorf("%q: got false, want true", s)
		}
	}
	for _, s := range []string{"Kinship", "Calendar", "Elm Street office", "Ethiopia Avenue", "Room 4", "Pioneer Square"} {
		if notify.HasClinicalWord(s) {
			t.Errorf("%q: got true, want false", s)
		}
	}
}

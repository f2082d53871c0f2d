package kinship

import (
	"testing"
	"time"
)

func TestMentions(t *testing.T) {
	for _, c := range []struct {
		text, name string
		want       bool
	}{
		{"Jamie shared", "Jamie", true},
		{"thanks to JAMIE.", "jamie", true},
		{"jamie's plan", "Jamie", true},
		{"(Jamie)", "Jamie", true},
		{"Jamieson's reading", "Jamie", false},
		{"BenJamie", "Jamie", false},
		{"walked by the river", "River", true},
		{"Riverside park", "River", false},
		{"Tomás spoke", "Tomás", true},
		{"Tomásito", "Tomás", false},
		{"José, then", "José", true},
		{"Joséa", "José", false},
		{"Two Feathers led", "Two Feathers", true},
		{"two  feathers", "Two Feathers", false},
		{"anything", "", false},
		{"Jamie_x", "Jamie", false},
	} {
		if got := Mentions(c.text, c.name); got != c.want {
			t.Errorf("Mentions(%q, %q) = %v, want %v", c.text, c.name, got, c.want)
		}
	}
}

func TestPrivacyCheck(t *testing.T) {
	roster := []RosterName{
		{ClientID: 1, NameToUse: "River", Legal: LegalName{Given: "Daniel", Family: "Ortiz"}},
		{ClientID: 2, NameToUse: "Jamie", Legal: LegalName{Given: "Jamie", Family: "Nguyen"}},
	}
	shared := func(topic string) []NoteSection {
		return []NoteSection{{"Topic", topic}, {"Curriculum", "Seeking Safety"}}
	}
	for _, c := range []struct {
		name    string
		shared  []NoteSection
		parts   map[int64]string
		field   string
		message string
	}{
		{"Clean", shared("Asking for help"), map[int64]string{1: "River asked for help.", 2: "Jamie listened."}, "", ""},
		{"NameToUse", shared("What river said"), nil, "section.Topic", "The shared section mentions River in 'Topic'; write about the group, not a person."},
		{"LegalNameNeverSaysWhose", shared("Daniel Ortiz's story"), nil, "section.Topic", "The shared section names an attendee in 'Topic'; write about the group, not a person."},
		{"FamilyNameAlone", shared("Role-play led by Ms. Ortiz"), nil, "section.Topic", "The shared section names an attendee in 'Topic'; write about the group, not a person."},
		{"FamilyNameAsACommonWord", shared("A walk to the park; a grant for nguyen-style noodles"), nil, "", ""},
		{"AnotherInOnesPart", shared("Help"), map[int64]string{1: "Sat next to Jamie."}, "attendee.1", "This part mentions Jamie; each chart may name only its own client."},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := PrivacyCheck(c.shared, c.parts, roster)
			if c.field == "" {
				if err != nil {
					t.Errorf("got %v, want no problem", err)
				}
				return
			}
			if ErrorCode(err) != EINVALID || ErrorMessage(err) != c.message || ErrorFields(err)[c.field] == "" {
				t.Errorf("got %v (fields %v), want %q on %s", err, ErrorFields(err), c.message, c.field)
			}
		})
	}
}

func TestNoteStatusAndLate(t *testing.T) {
	end := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	n := &Note{ServiceEnd: end}
	if n.Status() != "draft" || n.Late() {
		t.Errorf("draft: %s, late %v", n.Status(), n.Late())
	}
	n.SignedAt = end.Add(LateEntryAfter)
	if n.Late() || n.Status() != "signed" {
		t.Errorf("signed exactly 24 h after: late %v", n.Late())
	}
	n.SignedAt, n.CosignRequired = end.Add(LateEntryAfter+time.Minute), true
	if !n.Late() || n.Status() != "awaiting_cosign" {
		t.Errorf("signed 24 h 1 min after, supervised: late %v, %s", n.Late(), n.Status())
	}
	n.CosignedAt = n.SignedAt
	if n.Status() != "cosigned" {
		t.Errorf("co-signed: %s", n.Status())
	}
}

func TestNoteReadableBy(t *testing.T) {
	author := Actor{StaffID: 1, Role: RoleClinician}
	supervisor := Actor{StaffID: 2, Role: RoleSupervisor}
	system := Actor{System: true}
	signed := time.Date(2026, 11, 23, 18, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		note Note
		who  Actor
		want bool
	}{
		{"OwnDraft", Note{AuthorID: 1}, author, true},
		{"OthersDraft", Note{AuthorID: 1}, supervisor, false},
		{"Signed", Note{AuthorID: 1, SignedAt: signed}, supervisor, true},
		{"CounselingNotAllowed", Note{AuthorID: 1, Kind: NoteCounseling, SignedAt: signed}, supervisor, false},
		{"CounselingAllowed", Note{AuthorID: 1, Kind: NoteCounseling, SignedAt: signed, Readers: []Role{RoleSupervisor}}, supervisor, true},
		{"CounselingAllowedButDraft", Note{AuthorID: 1, Kind: NoteCounseling, Readers: []Role{RoleSupervisor}}, supervisor, false},
		{"CounselingSystem", Note{AuthorID: 1, Kind: NoteCounseling, SignedAt: signed, Readers: CounselingReaders}, system, false},
	} {
		if got := c.note.ReadableBy(c.who); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestNoteUpdateApply(t *testing.T) {
	today := Date{2026, 11, 23}
	n := &Note{Kind: NoteIndividual, ServiceDate: today, Minutes: 50, Sections: []NoteSection{{"Data", "a"}, {"Plan", "b"}}}
	if err := (&NoteUpdate{Sections: map[string]string{"Plan": " c "}}).Apply(n, today); err != nil || n.Section("Plan") != "c" || n.Section("Data") != "a" {
		t.Errorf("apply: %v, %+v", err, n.Sections)
	}
	zero, tomorrow := 0, today.AddDays(1)
	readers := []Role{RoleSupervisor}
	for name, u := range map[string]NoteUpdate{"UnknownSection": {Sections: map[string]string{"Mood": "x"}}, "NoMinutes": {Minutes: &zero},
		"Future": {ServiceDate: &tomorrow}, "ReadersOnProgressNote": {Readers: &readers}} {
		m := *n
		m.Sections = append([]NoteSection{}, n.Sections...)
		if err := u.Apply(&m, today); ErrorCode(err) != EINVALID {
			t.Errorf("%s: %v", name, err)
		}
	}
}

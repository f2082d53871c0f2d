package ics

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Group room", "Group room"},
		{`a\b`, `a\\b`},
		{"Suite 4; floor 2", `Suite 4\; floor 2`},
		{"Oakland, CA", `Oakland\, CA`},
		{"line one\nline two", `line one\nline two`},
		{"windows\r\nbreak", `windows\nbreak`},
		{"old mac\rbreak", `old mac\nbreak`},
		{"tab\tkept, bell\a dropped", `tab` + "\t" + `kept\, bell dropped`},
		{`\;,` + "\n", `\\\;\,\n`},
		{"café ☕", "café ☕"},
		{"bad \xff byte", "bad \uFFFD byte"},
		{"", ""},
	} {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	long := "SUMMARY:" + strings.Repeat("x", 150) // 158 octets
	for _, tt := range []struct {
		name, in string
		lines    []int // octets per physical line, without CRLF
	}{
		{"Short", "SUMMARY:Appointment", []int{19}},
		{"Exactly75", strings.Repeat("a", 75), []int{75}},
		{"76", strings.Repeat("a", 76), []int{75, 2}},
		{"Long", long, []int{75, 75, 10}},
		// 2-octet runes from octet 8: a cut at 75 would split one. Lengths
		// count the leading space of continuation lines.
		{"TwoOctetRunes", "SUMMARY:" + strings.Repeat("é", 40), []int{74, 15}},
		// 4-octet runes from octet 9: 9+4*16 = 73, the next would end at 77.
		{"FourOctetRunes", "LOCATION:" + strings.Repeat("😀", 40), []int{73, 73, 25}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := Fold(tt.in)
			if !strings.HasSuffix(got, "\r\n") {
				t.Fatalf("%q does not end in CRLF", got)
			}
			phys := strings.Split(strings.TrimSuffix(got, "\r\n"), "\r\n")
			var lens []int
			for i, l := range phys {
				lens = append(lens, len(l))
				if len(l) > 75 {
					t.Errorf("line %d is %d octets", i, len(l))
				}
				if i > 0 && !strings.HasPrefix(l, " ") {
					t.Errorf("continuation line %d does not start with a space: %q", i, l)
				}
				if !utf8.ValidString(l) {
					t.Errorf("line %d splits a rune: %q", i, l)
				}
			}
			if !equal(lens, tt.lines) {
				t.Errorf("line lengths %v, want %v", lens, tt.lines)
			}
			// Unfolding (RFC 5545 §3.1) gives back the line.
			if un := strings.ReplaceAll(strings.TrimSuffix(got, "\r\n"), "\r\n ", ""); un != tt.in {
				t.Errorf("unfolded %q, want %q", un, tt.in)
			}
		})
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestWriteGolden(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	stamp := time.Date(2026, 11, 23, 17, 0, 0, 0, time.UTC)
	cal := Calendar{Name: "Appointments", Events: []Event{
		{UID: "session-1@kinship", Start: time.Date(2026, 11, 23, 9, 0, 0, 0, la), End: time.Date(2026, 11, 23, 12, 0, 0, 0, la),
			Summary: "Appointment", Location: "Group room, 2nd floor", Stamp: stamp},
		{UID: "session-2@kinship", Start: time.Date(2026, 11, 26, 9, 0, 0, 0, la), End: time.Date(2026, 11, 26, 12, 0, 0, 0, la),
			Summary: "Appointment", Cancelled: true, Stamp: stamp},
	}}
	var b strings.Builder
	if err := Write(&b, cal); err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		"BEGIN:VCALENDAR",
		"VERSION:2.0",
		"PRODID:-//Kinship//Calendar//EN",
		"CALSCALE:GREGORIAN",
		"METHOD:PUBLISH",
		"X-WR-CALNAME:Appointments",
		"BEGIN:VEVENT",
		"UID:session-1@kinship",
		"DTSTAMP:20261123T170000Z",
		"DTSTART:20261123T170000Z",
		"DTEND:20261123T200000Z",
		"SUMMARY:Appointment",
		`LOCATION:Group room\, 2nd floor`,
		"STATUS:CONFIRMED",
		"END:VEVENT",
		"BEGIN:VEVENT",
		"UID:session-2@kinship",
		"DTSTAMP:20261123T170000Z",
		"DTSTART:20261126T170000Z",
		"DTEND:20261126T200000Z",
		"SUMMARY:Appointment",
		"STATUS:CANCELLED",
		"END:VEVENT",
		"END:VCALENDAR",
	}, "\r\n") + "\r\n"
	if got := b.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestWriteFoldsAndEscapesEveryText(t *testing.T) {
	stamp := time.Date(2026, 11, 23, 17, 0, 0, 0, time.UTC)
	cal := Calendar{Name: "Näme; with, specials", Events: []Event{{UID: "u1", Start: stamp, End: stamp.Add(time.Hour), Stamp: stamp,
		Summary: "Appointment", Location: strings.Repeat("Sala de reuniones ñ, ", 6)}}}
	var b strings.Builder
	if err := Write(&b, cal); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") || strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\r") {
		t.Error("a bare CR or LF outside CRLF")
	}
	for i, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(l) > 75 || !utf8.ValidString(l) {
			t.Errorf("line %d: %d octets, valid UTF-8 %v: %q", i, len(l), utf8.ValidString(l), l)
		}
	}
	if !strings.Contains(out, `X-WR-CALNAME:Näme\; with\, specials`) {
		t.Errorf("calendar name not escaped:\n%s", out)
	}
	unfolded := strings.ReplaceAll(out, "\r\n ", "")
	if !strings.Contains(unfolded, "LOCATION:"+strings.Repeat(`Sala de reuniones ñ\, `, 6)+"\r\n") {
		t.Errorf("location lost in folding:\n%s", unfolded)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteRefusesBadEvents(t *testing.T) {
	now := time.Date(2026, 11, 23, 17, 0, 0, 0, time.UTC)
	good := Event{UID: "u", Start: now, End: now.Add(time.Hour), Stamp: now, Summary: "Appointment"}
	for name, mutate := range map[string]func(*Event){
		"NoUID":      func(e *Event) { e.UID = " " },
		"NoStart":    func(e *Event) { e.Start = time.Time{} },
		"NoEnd":      func(e *Event) { e.End = time.Time{} },
		"EndsBefore": func(e *Event) { e.End = now.Add(-time.Minute) },
		"NoStamp":    func(e *Event) { e.Stamp = time.Time{} },
	} {
		e := good
		mutate(&e)
		var b strings.Builder
		if err := Write(&b, Calendar{Events: []Event{good, e}}); err == nil || b.Len() != 0 {
			t.Errorf("%s: err %v, wrote %d bytes; want an error and nothing written", name, err, b.Len())
		}
	}
	if err := Write(failWriter{}, Calendar{Events: []Event{good}}); err == nil {
		t.Error("a failing writer's error was lost")
	}
	var b strings.Builder
	if err := Write(&b, Calendar{}); err != nil || strings.Contains(b.String(), "X-WR-CALNAME") || strings.Contains(b.String(), "VEVENT") {
		t.Errorf("empty calendar: %v\n%s", err, b.String())
	}
}

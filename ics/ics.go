// Package ics writes iCalendar (RFC 5545) feeds: a calendar of plain
// events, with CRLF line endings, lines folded at 75 octets, text escaped
// and every time in UTC, which is unambiguous in any zone the reader uses.
package ics

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// ProdID names the program that wrote the calendar.
const ProdID = "-//Kinship//Calendar//EN"

// Calendar is a named list of events.
type Calendar struct {
	Name   string // X-WR-CALNAME, the name calendar apps show; may be empty
	Events []Event
}

// Event is one VEVENT.
type Event struct {
	UID        string // globally unique and stable across fetches
	Start, End time.Time
	Summary    string
	Location   string // omitted when empty
	Cancelled  bool
	Stamp      time.Time // DTSTAMP: when this copy of the event was written
}

// maxLine is the longest a line may be in octets, not counting its CRLF.
const maxLine = 75

// timeLayout is a UTC DATE-TIME (RFC 5545 §3.3.5, form #2).
const timeLayout = "20060102T150405Z"

// Write writes cal to w. It checks every event first, so an invalid event
// writes nothing.
func Write(w io.Writer, cal Calendar) error {
	for i, e := range cal.Events {
		if err := e.check(); err != nil {
			return fmt.Errorf("ics: event %d: %w", i, err)
		}
	}
	var b bytes.Buffer
	line := func(name, value string) { b.WriteString(Fold(name + ":" + value)) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", ProdID)
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	if cal.Name != "" {
		line("X-WR-CALNAME", Escape(cal.Name))
	}
	for _, e := range cal.Events {
		line("BEGIN", "VEVENT")
		line("UID", Escape(e.UID))
		line("DTSTAMP", FormatTime(e.Stamp))
		line("DTSTART", FormatTime(e.Start))
		line("DTEND", FormatTime(e.End))
		line("SUMMARY", Escape(e.Summary))
		if e.Location != "" {
			line("LOCATION", Escape(e.Location))
		}
		status := "CONFIRMED"
		if e.Cancelled {
			status = "CANCELLED"
		}
		line("STATUS", status)
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	_, err := w.Write(b.Bytes())
	return err
}

func (e *Event) check() error {
	switch {
	case strings.TrimSpace(e.UID) == "":
		return errors.New("no UID")
	case e.Start.IsZero() || e.End.IsZero():
		return errors.New("no start or end time")
	case e.End.Before(e.Start):
		return errors.New("ends before it starts")
	case e.Stamp.IsZero():
		return errors.New("no DTSTAMP")
	}
	return nil
}

// FormatTime formats t as a UTC DATE-TIME, such as 20261123T170000Z.
func FormatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// Escape makes s a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and
// comma escaped, every line break as \n, other control characters dropped
// and invalid UTF-8 replaced.
func Escape(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			// CONTROL characters are not allowed in TEXT.
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Fold returns the content line s ending in CRLF, folded so that no
// physical line is longer than 75 octets: continuation lines start with a
// space, and a fold never splits a UTF-8 sequence.
func Fold(s string) string {
	var b strings.Builder
	limit := maxLine
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = maxLine - 1 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	return b.String()
}

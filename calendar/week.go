// Package calendar turns a program's weekly schedule into concrete sessions
// and weighs a client's week against the program's minimum hours. Every
// function is pure: callers pass the site's *time.Location and the current
// instant, so the same inputs always give the same answer, across DST
// changes included.
package calendar

import (
	"fmt"
	"time"

	"kinship"
)

// Week is an ISO 8601 week: it runs Monday to Sunday, and week 1 of a year
// is the week holding that year's first Thursday. Year is the ISO
// week-numbering year, which differs from the calendar year for a few days
// around New Year (2021-01-03 is in 2020-W53).
type Week struct{ Year, Number int }

// ParseWeek reads a week written exactly as YYYY-Www, such as "2026-W48".
// It fails with an EINVALID *kinship.Error whose Fields["week"] says what
// is wrong, both for a malformed string and for a week the year does not
// have: years have 52 or 53 ISO weeks, so "2025-W53" and "2026-W54" are
// rejected while "2026-W53" is accepted.
func ParseWeek(s string) (Week, error) {
	// Exactly 8 bytes: four year digits, "-W", two week digits.
	if len(s) != 8 || s[4] != '-' || s[5] != 'W' || !digits(s[:4]) || !digits(s[6:]) {
		return Week{}, fieldError("week", fmt.Sprintf("%q is not a week like 2026-W48.", s))
	}
	w := Week{Year: atoi(s[:4]), Number: atoi(s[6:])}
	if w.Number == 0 {
		return Week{}, fieldError("week", fmt.Sprintf("%q is not a week: ISO weeks start at W01.", s))
	}
	if n := weeksIn(w.Year); w.Number > n {
		return Week{}, fieldError("week", fmt.Sprintf("%q is not a week: %04d has %d ISO weeks.", s, w.Year, n))
	}
	return w, nil
}

// String writes w as YYYY-Www, the form ParseWeek reads.
func (w Week) String() string { return fmt.Sprintf("%04d-W%02d", w.Year, w.Number) }

// Label is w as people read it, Monday to Sunday: "7 – 13 Dec 2026",
// "30 Nov – 6 Dec 2026", or across New Year "28 Dec 2026 – 3 Jan 2027".
// Every page that names a week uses it; String is for URLs and the API.
func (w Week) Label() string {
	mon, sun := w.Monday().In(time.UTC), w.Monday().AddDays(6).In(time.UTC)
	switch {
	case mon.Year() != sun.Year():
		return mon.Format("2 Jan 2006") + " – " + sun.Format("2 Jan 2006")
	case mon.Month() != sun.Month():
		return mon.Format("2 Jan") + " – " + sun.Format("2 Jan 2006")
	}
	return mon.Format("2") + " – " + sun.Format("2 Jan 2006")
}

// WeekOf is the ISO week holding d.
func WeekOf(d kinship.Date) Week {
	y, n := d.In(time.UTC).ISOWeek()
	return Week{Year: y, Number: n}
}

// Monday is the first day of w.
func (w Week) Monday() kinship.Date {
	// 4 January is always in week 1, so week 1 starts on the Monday on or
	// before it.
	jan4 := kinship.Date{Year: w.Year, Month: time.January, Day: 4}
	back := (int(jan4.In(time.UTC).Weekday()) + 6) % 7 // days since Monday
	return jan4.AddDays(7*(w.Number-1) - back)
}

// Days lists the seven dates of w, Monday to Sunday.
func (w Week) Days() []kinship.Date {
	mon := w.Monday()
	days := make([]kinship.Date, 7)
	for i := range days {
		days[i] = mon.AddDays(i)
	}
	return days
}

// Next is the week after w, crossing into the next year when w is the last.
func (w Week) Next() Week { return WeekOf(w.Monday().AddDays(7)) }

// Prev is the week before w, crossing into the previous year when w is the
// first.
func (w Week) Prev() Week { return WeekOf(w.Monday().AddDays(-7)) }

// weeksIn is the number of ISO weeks in year: 28 December is always in the
// year's last week.
func weeksIn(year int) int {
	return WeekOf(kinship.Date{Year: year, Month: time.December, Day: 28}).Number
}

// digits reports whether s is all ASCII digits; strconv.Atoi alone would
// also let through signs such as "+1".
func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// atoi reads a string that digits has already approved.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

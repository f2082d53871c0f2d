package kinship

import (
	"encoding/json"
	"fmt"
	"time"
)

// Date is a calendar date with no time or zone: a birth date, an
// admission date. The zero Date means "not given".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads YYYY-MM-DD and rejects dates that do not exist, such as
// 2026-02-30.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date like 2026-11-23", s)
	}
	return DateOf(t), nil
}

// DateOf is the calendar date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == Date{} }

// String is YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// In is the start of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.In(time.UTC).Before(e.In(time.UTC)) }

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return DateOf(d.In(time.UTC).AddDate(0, 0, n)) }

// AddYears returns d moved by n years; 29 February becomes 1 March in a
// common year.
func (d Date) AddYears(n int) Date { return DateOf(d.In(time.UTC).AddDate(n, 0, 0)) }

// Weekday is the day of the week d falls on.
func (d Date) Weekday() time.Weekday { return d.In(time.UTC).Weekday() }

// Label is the date as people read it, like "23 Nov 2026".
func (d Date) Label() string {
	if d.IsZero() {
		return ""
	}
	return d.In(time.UTC).Format("2 Jan 2006")
}

// MarshalJSON writes "YYYY-MM-DD", or null for the zero Date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "YYYY-MM-DD" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("a date must be a string like 2026-11-23")
	}
	if s == nil || *s == "" {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(*s)
	*d = v
	return err
}

package calendar

import (
	"testing"
	"time"

	"kinship"
)

// date parses YYYY-MM-DD for test tables.
func date(t testing.TB, s string) kinship.Date {
	t.Helper()
	d, err := kinship.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// checkField asserts err is EINVALID with exactly one field, field, whose
// message is also the error's message, and returns that message.
func checkField(t *testing.T, err error, field string) string {
	t.Helper()
	if got := kinship.ErrorCode(err); got != kinship.EINVALID {
		t.Fatalf("code = %q, want %q (err %v)", got, kinship.EINVALID, err)
	}
	fields := kinship.ErrorFields(err)
	if len(fields) != 1 || fields[field] == "" {
		t.Fatalf("fields = %v, want only %q", fields, field)
	}
	if msg := kinship.ErrorMessage(err); msg != fields[field] {
		t.Errorf("message %q differs from field message %q", msg, fields[field])
	}
	return fields[field]
}

func TestParseWeek(t *testing.T) {
	tests := []struct {
		in   string
		want Week
	}{
		{"2026-W48", Week{2026, 48}},
		{"2026-W01", Week{2026, 1}},
		{"2026-W52", Week{2026, 52}},
		{"2026-W53", Week{2026, 53}}, // 2026 starts on a Thursday: 53 weeks
		{"2020-W53", Week{2020, 53}},
		{"2015-W53", Week{2015, 53}},
		{"2025-W52", Week{2025, 52}},
		{"0001-W01", Week{1, 1}},
		{"9999-W52", Week{9999, 52}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseWeek(tt.in)
			if err != nil {
				t.Fatalf("ParseWeek(%q) error: %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseWeek(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseWeekRejects(t *testing.T) {
	shape := func(s string) string { return `"` + s + `" is not a week like 2026-W48.` }
	tests := []struct {
		in, want string
	}{
		{"2026-W54", `"2026-W54" is not a week: 2026 has 53 ISO weeks.`},
		{"2025-W53", `"2025-W53" is not a week: 2025 has 52 ISO weeks.`},
		{"2027-W53", `"2027-W53" is not a week: 2027 has 52 ISO weeks.`},
		{"2020-W54", `"2020-W54" is not a week: 2020 has 53 ISO weeks.`},
		{"2026-W99", `"2026-W99" is not a week: 2026 has 53 ISO weeks.`},
		{"2026-W00", `"2026-W00" is not a week: ISO weeks start at W01.`},
		{"2026W48", shape("2026W48")},
		{"2026-W4", shape("2026-W4")},
		{"", shape("")},
		{"abcd-W01", shape("abcd-W01")},
		{"2026-w48", shape("2026-w48")},
		{"2026-W048", shape("2026-W048")},
		{"26-W48", shape("26-W48")},
		{" 2026-W48", shape(" 2026-W48")},
		{"2026-W48 ", shape("2026-W48 ")},
		{"+026-W48", shape("+026-W48")},
		{"2026-W+4", shape("2026-W+4")},
		{"2026-W-1", shape("2026-W-1")},
		{"2026-11-23", shape("2026-11-23")},
		{"２026-W48", shape("２026-W48")},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			w, err := ParseWeek(tt.in)
			if err == nil {
				t.Fatalf("ParseWeek(%q) = %v, want an error", tt.in, w)
			}
			if got := checkField(t, err, "week"); got != tt.want {
				t.Errorf("message = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestWeekString(t *testing.T) {
	tests := []struct {
		in   Week
		want string
	}{
		{Week{2026, 48}, "2026-W48"},
		{Week{2026, 5}, "2026-W05"},
		{Week{987, 1}, "0987-W01"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.in.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestWeekRoundTrip(t *testing.T) {
	// Walk every week of several years, 53-week years included.
	for w := (Week{2014, 1}); w.Year < 2033; w = w.Next() {
		got, err := ParseWeek(w.String())
		if err != nil || got != w {
			t.Fatalf("ParseWeek(%q) = %v, %v; want %v", w.String(), got, err, w)
		}
	}
}

func TestWeekOf(t *testing.T) {
	tests := []struct {
		day  string
		want Week
	}{
		{"2026-11-23", Week{2026, 48}}, // Monday
		{"2026-11-29", Week{2026, 48}}, // Sunday
		{"2026-11-30", Week{2026, 49}},
		{"2026-12-31", Week{2026, 53}},
		{"2027-01-01", Week{2026, 53}},
		{"2027-01-03", Week{2026, 53}},
		{"2027-01-04", Week{2027, 1}},
		{"2021-01-03", Week{2020, 53}},
		{"2021-01-04", Week{2021, 1}},
		{"2024-12-29", Week{2024, 52}},
		{"2024-12-30", Week{2025, 1}},
		{"2025-12-29", Week{2026, 1}},
		{"2026-01-01", Week{2026, 1}},
		{"2008-12-29", Week{2009, 1}},
		{"2010-01-03", Week{2009, 53}},
	}
	for _, tt := range tests {
		t.Run(tt.day, func(t *testing.T) {
			if got := WeekOf(date(t, tt.day)); got != tt.want {
				t.Errorf("WeekOf(%s) = %v, want %v", tt.day, got, tt.want)
			}
		})
	}
}

// TestWeekDaysAgreeWithISOWeek checks every day of 2000–2040 against
// time.ISOWeek and against Monday and Days of its week.
func TestWeekDaysAgreeWithISOWeek(t *testing.T) {
	for d := date(t, "2000-01-01"); d.Year < 2041; d = d.AddDays(1) {
		y, n := d.In(time.UTC).ISOWeek()
		w := WeekOf(d)
		if w != (Week{y, n}) {
			t.Fatalf("WeekOf(%s) = %v, want %04d-W%02d", d, w, y, n)
		}
		i := (int(d.In(time.UTC).Weekday()) + 6) % 7
		if got := w.Days()[i]; got != d {
			t.Fatalf("%v.Days()[%d] = %s, want %s", w, i, got, d)
		}
	}
}

func TestMonday(t *testing.T) {
	tests := []struct {
		week Week
		want string
	}{
		{Week{2026, 1}, "2025-12-29"},
		{Week{2026, 48}, "2026-11-23"},
		{Week{2026, 53}, "2026-12-28"},
		{Week{2020, 53}, "2020-12-28"},
		{Week{2025, 1}, "2024-12-30"},
		{Week{2021, 1}, "2021-01-04"},
		{Week{2015, 1}, "2014-12-29"},
	}
	for _, tt := range tests {
		t.Run(tt.week.String(), func(t *testing.T) {
			if got := tt.week.Monday(); got != date(t, tt.want) {
				t.Errorf("Monday() = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestDays(t *testing.T) {
	got := Week{2026, 1}.Days()
	want := []string{"2025-12-29", "2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"}
	if len(got) != len(want) {
		t.Fatalf("len(Days()) = %d, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("Days()[%d] = %s, want %s", i, got[i], want[i])
		}
		if wd := got[i].In(time.UTC).Weekday(); wd != kinship.WeekOrder[i] {
			t.Errorf("Days()[%d] is a %v, want %v", i, wd, kinship.WeekOrder[i])
		}
	}
}

func TestNextPrev(t *testing.T) {
	tests := []struct {
		week, next Week
	}{
		{Week{2026, 47}, Week{2026, 48}},
		{Week{2026, 52}, Week{2026, 53}},
		{Week{2026, 53}, Week{2027, 1}},
		{Week{2025, 52}, Week{2026, 1}},
		{Week{2020, 53}, Week{2021, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.week.String(), func(t *testing.T) {
			if got := tt.week.Next(); got != tt.next {
				t.Errorf("%v.Next() = %v, want %v", tt.week, got, tt.next)
			}
			if got := tt.next.Prev(); got != tt.week {
				t.Errorf("%v.Prev() = %v, want %v", tt.next, got, tt.week)
			}
		})
	}
}

func FuzzParseWeek(f *testing.F) {
	for _, s := range []string{"2026-W48", "2026-W53", "2026-W54", "2020-W53", "2026-W00", "0000-W01", "2026W48", "", "abcd-W01", "+026-W01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := ParseWeek(s)
		if err != nil {
			if kinship.ErrorCode(err) != kinship.EINVALID || kinship.ErrorFields(err)["week"] == "" {
				t.Fatalf("ParseWeek(%q) error %v is not EINVALID on field week", s, err)
			}
			return
		}
		if w.String() != s {
			t.Fatalf("ParseWeek(%q).String() = %q", s, w.String())
		}
		if again, err := ParseWeek(w.String()); err != nil || again != w {
			t.Fatalf("round trip of %q = %v, %v", s, again, err)
		}
		if got := WeekOf(w.Monday()); got != w {
			t.Fatalf("WeekOf(%v.Monday()) = %v", w, got)
		}
	})
}

func TestWeekLabel(t *testing.T) {
	tests := []struct {
		week, want string
	}{
		{"2026-W49", "30 Nov – 6 Dec 2026"},
		{"2026-W50", "7 – 13 Dec 2026"},
		{"2026-W53", "28 Dec 2026 – 3 Jan 2027"},
		{"2021-W01", "4 – 10 Jan 2021"},
	}
	for _, tt := range tests {
		t.Run(tt.week, func(t *testing.T) {
			w, err := ParseWeek(tt.week)
			if err != nil {
				t.Fatal(err)
			}
			if got := w.Label(); got != tt.want {
				t.Errorf("Label() = %q, want %q", got, tt.want)
			}
		})
	}
}

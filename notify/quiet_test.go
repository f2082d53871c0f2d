package notify_test

import (
	"testing"
	"time"

	"kinship"
	"kinship/notify"
)

func TestQuietHours_Defer(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Skipf("no timezone data: %v", err)
	}
	at := func(s string) time.Time {
		t.Helper()
		v, err := time.ParseInLocation("2006-01-02 15:04", s, la)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	night := notify.QuietHours{Start: 21 * 60, End: 8 * 60} // wraps midnight
	early := notify.QuietHours{Start: 60, End: 6 * 60}      // 01:00–06:00
	for _, tt := range []struct {
		name string
		q    notify.QuietHours
		t    time.Time
		want time.Time
	}{
		{"NoneAtNight", notify.QuietHours{}, at("2026-06-10 23:00"), at("2026-06-10 23:00")},
		{"Daytime", night, at("2026-06-10 12:00"), at("2026-06-10 12:00")},
		{"JustBeforeStart", night, at("2026-06-10 20:59"), at("2026-06-10 20:59")},
		{"AtStart", night, at("2026-06-10 21:00"), at("2026-06-11 08:00")},
		{"BeforeMidnight", night, at("2026-06-10 23:30"), at("2026-06-11 08:00")},
		{"AfterMidnight", night, at("2026-06-11 02:00"), at("2026-06-11 08:00")},
		{"AtEnd", night, at("2026-06-11 08:00"), at("2026-06-11 08:00")},
		{"SecondsBeforeEnd", night, at("2026-06-11 07:59").Add(59 * time.Second), at("2026-06-11 08:00")},
		{"EndOfMonth", night, at("2026-06-30 22:00"), at("2026-07-01 08:00")},
		{"EndOfYear", night, at("2026-12-31 22:00"), at("2027-01-01 08:00")},
		{"NoWrapInside", early, at("2026-06-10 03:00"), at("2026-06-10 06:00")},
		{"NoWrapBefore", early, at("2026-06-10 00:30"), at("2026-06-10 00:30")},
		{"NoWrapAfter", early, at("2026-06-10 06:00"), at("2026-06-10 06:00")},
		// Spring forward, 8 March 2026: the night is 9 hours long, not 10.
		{"SpringForward", night, at("2026-03-07 22:00"), at("2026-03-08 08:00")},
		// Fall back, 1 November 2026: 01:30 happens twice; both are quiet.
		{"FallBack", night, at("2026-10-31 23:00"), at("2026-11-01 08:00")},
		{"FallBackRepeatedHour", night, at("2026-11-01 01:30").Add(time.Hour), at("2026-11-01 08:00")},
		// Quiet until 02:30, which 8 March skips: it ends when clocks jump.
		{"EndInGap", notify.QuietHours{Start: 0, End: 150}, at("2026-03-08 01:45"), at("2026-03-08 03:00")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.q.Defer(tt.t, la)
			if !got.Equal(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if got.Before(tt.t) {
				t.Errorf("got %v, before %v", got, tt.t)
			}
		})
	}
}

func TestQuietHours_DeferUsesLocation(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Skipf("no timezone data: %v", err)
	}
	q := notify.QuietHours{Start: kinship.ClockTime(21 * 60), End: kinship.ClockTime(8 * 60)}
	// 15:00 UTC is 08:00 in Los Angeles in summer: no longer quiet there.
	noon := time.Date(2026, 6, 10, 15, 0, 0, 0, time.UTC)
	if got := q.Defer(noon, la); !got.Equal(noon) {
		t.Errorf("got %v, want %v unchanged", got, noon)
	}
	// 12:00 UTC is 05:00 in Los Angeles: deferred to 08:00 there, 15:00 UTC.
	early := time.Date(2026, 6, 10, 12, 0, 0, 0, time.UTC)
	got := q.Defer(early, la)
	if !got.Equal(noon) || got.Location() != la {
		t.Errorf("got %v, want %v in Los Angeles", got, noon.In(la))
	}
}

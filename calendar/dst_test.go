package calendar

import (
	"testing"
	"time"

	"kinship"
)

// TestExpandAcrossDST checks that a Mon–Fri 09:00–12:00 track meets at
// 09:00 local for 180 minutes on both sides of each US DST change, with
// the UTC instant shifting by the hour the clocks moved.
func TestExpandAcrossDST(t *testing.T) {
	la := zone(t, "America/Los_Angeles")
	rule := Rule{Days: weekdays, Start: clock(9, 0), End: clock(12, 0)}
	tests := []struct {
		name                  string
		from, to              string
		beforeUTC, afterUTC   string // Start in UTC, Mon–Fri before and after the change
		beforeZone, afterZone string
		beforeOff, afterOff   int // hours
	}{
		{"spring forward 2026-03-08", "2026-03-02", "2026-03-13", "17:00", "16:00", "PST", "PDT", -8, -7},
		{"fall back 2026-11-01", "2026-10-26", "2026-11-06", "16:00", "17:00", "PDT", "PST", -7, -8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Expand(rule, nil, nil, date(t, tt.from), date(t, tt.to), la)
			if len(got) != 10 {
				t.Fatalf("got %d occurrences, want 10: %v", len(got), describeAll(got))
			}
			for i, o := range got {
				wantUTC, wantZone, wantOff := tt.beforeUTC, tt.beforeZone, tt.beforeOff
				if i >= 5 {
					wantUTC, wantZone, wantOff = tt.afterUTC, tt.afterZone, tt.afterOff
				}
				if want := date(t, tt.from).AddDays(i + i/5*2); o.Date != want {
					t.Errorf("[%d] Date = %s, want %s", i, o.Date, want)
				}
				if got := o.Start.Format("15:04"); got != "09:00" {
					t.Errorf("[%d] local start = %s, want 09:00", i, got)
				}
				if got := o.End.Format("15:04"); got != "12:00" {
					t.Errorf("[%d] local end = %s, want 12:00", i, got)
				}
				if got := o.Start.UTC().Format("15:04"); got != wantUTC {
					t.Errorf("[%d] UTC start = %s, want %s", i, got, wantUTC)
				}
				name, off := o.Start.Zone()
				if name != wantZone || off != wantOff*3600 {
					t.Errorf("[%d] zone = %s %d, want %s %d", i, name, off, wantZone, wantOff*3600)
				}
				if o.Minutes() != 180 {
					t.Errorf("[%d] Minutes() = %d, want 180", i, o.Minutes())
				}
				if o.Moved || o.Substitute != "" {
					t.Errorf("[%d] = %s, want neither moved nor substituted", i, describe(o))
				}
			}
		})
	}
}

// TestExpandOnDSTNights pins down sessions on the change days themselves,
// including wall-clock times that do not exist or happen twice.
func TestExpandOnDSTNights(t *testing.T) {
	la := zone(t, "America/Los_Angeles")
	sunday := []time.Weekday{time.Sunday}
	tests := []struct {
		name       string
		day        string
		start, end kinship.ClockTime
		want       string
		startUTC   string
	}{
		// A daytime session on a change day keeps its wall-clock length.
		{"spring day 09:00-12:00", "2026-03-08", clock(9, 0), clock(12, 0), "2026-03-08 09:00 PDT–12:00 PDT 180m", "2026-03-08T16:00:00Z"},
		{"fall day 09:00-12:00", "2026-11-01", clock(9, 0), clock(12, 0), "2026-11-01 09:00 PST–12:00 PST 180m", "2026-11-01T17:00:00Z"},
		// Spanning the missing hour 02:00–03:00: one real hour less.
		{"spring 01:30-03:30", "2026-03-08", clock(1, 30), clock(3, 30), "2026-03-08 01:30 PST–03:30 PDT 60m", "2026-03-08T09:30:00Z"},
		{"spring 01:00-03:00", "2026-03-08", clock(1, 0), clock(3, 0), "2026-03-08 01:00 PST–03:00 PDT 60m", "2026-03-08T09:00:00Z"},
		// A start that does not exist moves forward by the gap.
		{"spring 02:30-04:00", "2026-03-08", clock(2, 30), clock(4, 0), "2026-03-08 03:30 PDT–04:00 PDT 30m", "2026-03-08T10:30:00Z"},
		{"spring 01:00-02:30", "2026-03-08", clock(1, 0), clock(2, 30), "2026-03-08 01:00 PST–03:30 PDT 90m", "2026-03-08T09:00:00Z"},
		// Wholly inside the gap: both ends move forward, real length kept.
		{"spring 02:00-02:45", "2026-03-08", clock(2, 0), clock(2, 45), "2026-03-08 03:00 PDT–03:45 PDT 45m", "2026-03-08T10:00:00Z"},
		// Spanning the repeated hour: one real hour more; 01:xx is the
		// first (PDT) of its two instants.
		{"fall 01:00-03:00", "2026-11-01", clock(1, 0), clock(3, 0), "2026-11-01 01:00 PDT–03:00 PST 180m", "2026-11-01T08:00:00Z"},
		{"fall 01:30-02:00", "2026-11-01", clock(1, 30), clock(2, 0), "2026-11-01 01:30 PDT–02:00 PST 90m", "2026-11-01T08:30:00Z"},
		{"fall 00:30-01:30", "2026-11-01", clock(0, 30), clock(1, 30), "2026-11-01 00:30 PDT–01:30 PDT 60m", "2026-11-01T07:30:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rule := Rule{Days: sunday, Start: tt.start, End: tt.end}
			d := date(t, tt.day)
			got := Expand(rule, nil, nil, d, d, la)
			if len(got) != 1 {
				t.Fatalf("got %v, want one occurrence", describeAll(got))
			}
			if s := describe(got[0]); s != tt.want {
				t.Errorf("got %q, want %q", s, tt.want)
			}
			if s := got[0].Start.UTC().Format(time.RFC3339); s != tt.startUTC {
				t.Errorf("Start = %s, want %s", s, tt.startUTC)
			}
		})
	}
}

// TestWallClock checks DST resolution in zones whose offsets make
// time.Date resolve gaps and overlaps in different directions, and in one
// with a half-hour change and one where midnight did not exist.
func TestWallClock(t *testing.T) {
	tests := []struct {
		zone, day string
		at        kinship.ClockTime
		want      string // RFC 3339 in the zone
	}{
		{"America/Los_Angeles", "2026-03-08", clock(2, 30), "2026-03-08T03:30:00-07:00"},
		{"America/Los_Angeles", "2026-11-01", clock(1, 30), "2026-11-01T01:30:00-07:00"},
		{"America/Los_Angeles", "2026-07-01", clock(9, 0), "2026-07-01T09:00:00-07:00"},
		{"America/New_York", "2026-03-08", clock(2, 0), "2026-03-08T03:00:00-04:00"},
		{"Europe/Berlin", "2026-03-29", clock(2, 30), "2026-03-29T03:30:00+02:00"},
		{"Europe/Berlin", "2026-10-25", clock(2, 30), "2026-10-25T02:30:00+02:00"},
		{"Australia/Lord_Howe", "2026-10-04", clock(2, 15), "2026-10-04T02:45:00+11:00"},
		{"Australia/Lord_Howe", "2026-04-05", clock(1, 45), "2026-04-05T01:45:00+11:00"},
		{"America/Sao_Paulo", "2018-11-04", clock(0, 30), "2018-11-04T01:30:00-02:00"},
		{"Asia/Tokyo", "2026-03-08", clock(2, 30), "2026-03-08T02:30:00+09:00"},
		{"UTC", "2026-03-08", clock(2, 30), "2026-03-08T02:30:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.zone+" "+tt.day+" "+tt.at.String(), func(t *testing.T) {
			got := wallClock(date(t, tt.day), tt.at, zone(t, tt.zone))
			if s := got.Format(time.RFC3339); s != tt.want {
				t.Errorf("wallClock = %s, want %s", s, tt.want)
			}
		})
	}
}

// TestWallClockEveryMinute sweeps a year of quarter hours in zones with
// opposite UTC offsets: each result reads the wanted time, or, in a gap,
// the time one gap later; and no earlier instant reads the same.
func TestWallClockEveryMinute(t *testing.T) {
	for _, name := range []string{"America/Los_Angeles", "Europe/Berlin", "Australia/Lord_Howe"} {
		t.Run(name, func(t *testing.T) {
			loc := zone(t, name)
			for d := date(t, "2026-01-01"); d.Year == 2026; d = d.AddDays(1) {
				for c := kinship.ClockTime(0); c < 24*60; c += 15 {
					got := wallClock(d, c, loc)
					want := time.Date(d.Year, d.Month, d.Day, 0, int(c), 0, 0, time.UTC)
					read := time.Date(got.Year(), got.Month(), got.Day(), got.Hour(), got.Minute(), 0, 0, time.UTC)
					if read.Before(want) || read.Sub(want) > time.Hour {
						t.Fatalf("wallClock(%s, %s) = %s", d, c, got)
					}
					if read != want && offset(got) <= offset(got.Add(-2*time.Hour)) {
						t.Fatalf("wallClock(%s, %s) = %s moved without a spring-forward", d, c, got)
					}
					if earlier := got.Add(-time.Hour); earlier.Format("15:04") == got.Format("15:04") {
						t.Fatalf("wallClock(%s, %s) = %s, but %s reads the same", d, c, got, earlier)
					}
					if earlier := got.Add(-30 * time.Minute); name == "Australia/Lord_Howe" && earlier.Format("15:04") == got.Format("15:04") {
						t.Fatalf("wallClock(%s, %s) = %s, but %s reads the same", d, c, got, earlier)
					}
				}
			}
		})
	}
}

package kinship

import (
	"fmt"
	"strings"
	"time"
)

// Track is a weekly schedule within a program, such as "Mornings",
// Mon–Fri 9:00–12:00. Times are wall-clock times in the site's timezone.
type Track struct {
	ID          int64
	ProgramID   int64
	ProgramName string
	Name        string
	Days        []time.Weekday // in week order, Monday first
	Start       ClockTime
	End         ClockTime
}

// ClockTime is a time of day in minutes after midnight.
type ClockTime int

// ParseClockTime reads "9:00" or "09:00" (24-hour).
func ParseClockTime(s string) (ClockTime, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("%q is not a time like 09:00", s)
	}
	return ClockTime(t.Hour()*60 + t.Minute()), nil
}

// String is the time as 09:00.
func (c ClockTime) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// Schedule describes a track's days and hours, like "Mon–Fri 09:00–12:00".
func (t *Track) Schedule() string {
	return DaysLabel(t.Days) + " " + t.Start.String() + "–" + t.End.String()
}

// Weekly is the track's scheduled time in a full week.
func (t *Track) Weekly() time.Duration {
	return time.Duration(len(t.Days)*int(t.End-t.Start)) * time.Minute
}

// WeekOrder lists the days Monday first, as ISO weeks run.
var WeekOrder = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// DaysLabel writes days compactly: a run of three or more consecutive days
// as "Mon–Fri", others as a list.
func DaysLabel(days []time.Weekday) string {
	on := map[time.Weekday]bool{}
	for _, d := range days {
		on[d] = true
	}
	var parts []string
	for i := 0; i < len(WeekOrder); i++ {
		if !on[WeekOrder[i]] {
			continue
		}
		j := i
		for j+1 < len(WeekOrder) && on[WeekOrder[j+1]] {
			j++
		}
		if j-i >= 2 {
			parts = append(parts, WeekOrder[i].String()[:3]+"–"+WeekOrder[j].String()[:3])
		} else {
			for k := i; k <= j; k++ {
				parts = append(parts, WeekOrder[k].String()[:3])
			}
		}
		i = j
	}
	return strings.Join(parts, ", ")
}

// DayCode is a weekday as the API and forms write it: "mon" … "sun".
func DayCode(d time.Weekday) string { return strings.ToLower(d.String()[:3]) }

// DayCodes writes each day as its code, in order.
func DayCodes(days []time.Weekday) []string {
	out := make([]string, len(days))
	for i, d := range days {
		out[i] = DayCode(d)
	}
	return out
}

// ParseDays reads day codes; EINVALID names the first unknown one.
func ParseDays(codes []string) ([]time.Weekday, error) {
	var out []time.Weekday
	for _, c := range codes {
		found := false
		for _, d := range WeekOrder {
			if strings.EqualFold(strings.TrimSpace(c), DayCode(d)) {
				out, found = append(out, d), true
			}
		}
		if !found {
			msg := fmt.Sprintf("%q is not a day: use mon, tue, wed, thu, fri, sat or sun.", c)
			return nil, &Error{Code: EINVALID, Message: msg, Fields: map[string]string{"days": msg}}
		}
	}
	return out, nil
}

// TrackCreate adds a track to a program.
type TrackCreate struct {
	ProgramID int64
	Name      string
	Days      []time.Weekday
	Start     string // "09:00"
	End       string
}

// Validate checks the fields and returns the parsed times.
func (c *TrackCreate) Validate() (start, end ClockTime, err error) {
	f := FieldErrors{}
	c.Name = strings.TrimSpace(c.Name)
	if msg := NameProblem("Track name", c.Name); msg != "" {
		f.Add("name", msg)
	}
	if len(c.Days) == 0 {
		f.Add("days", "Choose at least one day.")
	}
	for _, d := range c.Days {
		if d < time.Sunday || d > time.Saturday {
			f.Add("days", "Days must be weekdays, Sunday (0) to Saturday (6).")
		}
	}
	start, serr := ParseClockTime(c.Start)
	if serr != nil {
		f.Add("start", "Start must be a time like 09:00.")
	}
	end, eerr := ParseClockTime(c.End)
	if eerr != nil {
		f.Add("end", "End must be a time like 12:00.")
	}
	if serr == nil && eerr == nil && end <= start {
		f.Add("end", "End must be after the start.")
	}
	return start, end, f.Err()
}

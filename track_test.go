package kinship_test

import (
	"testing"
	"time"

	"kinship"
)

func TestDaysLabel(t *testing.T) {
	mon, tue, wed, thu, fri, sat, sun := time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday
	tests := []struct {
		days []time.Weekday
		want string
	}{
		{[]time.Weekday{fri, mon, wed, thu, tue}, "Mon–Fri"},
		{[]time.Weekday{mon, wed}, "Mon, Wed"},
		{[]time.Weekday{mon, tue}, "Mon, Tue"},
		{[]time.Weekday{sat, sun, mon}, "Mon, Sat, Sun"},
		{[]time.Weekday{tue, wed, thu, sat}, "Tue–Thu, Sat"},
		{nil, ""},
	}
	for _, tc := range tests {
		if got := kinship.DaysLabel(tc.days); got != tc.want {
			t.Errorf("DaysLabel(%v) = %q, want %q", tc.days, got, tc.want)
		}
	}
}

func TestTrackCreateValidate(t *testing.T) {
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	tests := []struct {
		name       string
		in         kinship.TrackCreate
		field      string
		start, end kinship.ClockTime
	}{
		{"Mornings", kinship.TrackCreate{Name: "Mornings", Days: weekdays, Start: "9:00", End: "12:00"}, "", 540, 720},
		{"EndBeforeStart", kinship.TrackCreate{Name: "Evenings", Days: weekdays, Start: "18:00", End: "17:00"}, "end", 0, 0},
		{"EndEqualsStart", kinship.TrackCreate{Name: "Evenings", Days: weekdays, Start: "18:00", End: "18:00"}, "end", 0, 0},
		{"BadTime", kinship.TrackCreate{Name: "Evenings", Days: weekdays, Start: "6pm", End: "21:00"}, "start", 0, 0},
		{"NoDays", kinship.TrackCreate{Name: "Evenings", Start: "18:00", End: "21:00"}, "days", 0, 0},
		{"NoName", kinship.TrackCreate{Name: " ", Days: weekdays, Start: "18:00", End: "21:00"}, "name", 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start, end, err := tc.in.Validate()
			if tc.field == "" {
				if err != nil || start != tc.start || end != tc.end {
					t.Fatalf("Validate = %v, %v, %v; want %v, %v", start, end, err, tc.start, tc.end)
				}
				return
			}
			if kinship.ErrorFields(err)[tc.field] == "" {
				t.Fatalf("Validate error %v, want a message for %s", err, tc.field)
			}
		})
	}
	if _, err := kinship.ParseDays([]string{"mon", "Funday"}); kinship.ErrorFields(err)["days"] == "" {
		t.Errorf("ParseDays accepted an unknown day: %v", err)
	}
}

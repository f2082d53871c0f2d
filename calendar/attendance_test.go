package calendar

import (
	"testing"

	"kinship"
)

func TestParseStatus(t *testing.T) {
	tests := []struct {
		in   string
		want Status
	}{
		{"present", Present},
		{"late", Late},
		{"left_early", LeftEarly},
		{"telehealth", Telehealth},
		{"excused", Excused},
		{"unexcused", Unexcused},
		{" Present ", Present},
		{"LEFT_EARLY", LeftEarly},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseStatus(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("ParseStatus(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParseStatusRejects(t *testing.T) {
	for _, in := range []string{"", "absent", "left early", "left-early", "presentt"} {
		t.Run(in, func(t *testing.T) {
			got, err := ParseStatus(in)
			if err == nil {
				t.Fatalf("ParseStatus(%q) = %q, want an error", in, got)
			}
			msg := checkField(t, err, "status")
			want := `"` + in + `" is not an attendance status: use present, late, left_early, telehealth, excused or unexcused.`
			if msg != want {
				t.Errorf("message = %q, want %q", msg, want)
			}
		})
	}
}

func TestCredited(t *testing.T) {
	tests := []struct {
		name             string
		status           Status
		session, minutes int
		want             int
	}{
		{"present", Present, 180, 0, 180},
		{"present ignores minutes", Present, 180, 30, 180},
		{"telehealth", Telehealth, 180, 0, 180},
		{"late", Late, 180, 20, 160},
		{"late one minute", Late, 180, 1, 179},
		{"late the whole session", Late, 180, 180, 0},
		{"left early", LeftEarly, 180, 45, 135},
		{"left early at once", LeftEarly, 180, 180, 0},
		{"excused", Excused, 180, 0, 0},
		{"excused with minutes", Excused, 180, 180, 0},
		{"unexcused", Unexcused, 180, 0, 0},
		{"spring-forward session", Present, 60, 0, 60},
		{"empty session", Present, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Credited(tt.status, tt.session, tt.minutes)
			if err != nil {
				t.Fatalf("Credited(%q, %d, %d) error: %v", tt.status, tt.session, tt.minutes, err)
			}
			if got != tt.want {
				t.Errorf("Credited(%q, %d, %d) = %d, want %d", tt.status, tt.session, tt.minutes, got, tt.want)
			}
		})
	}
}

func TestCreditedRejects(t *testing.T) {
	tests := []struct {
		name             string
		status           Status
		session, minutes int
		field, want      string
	}{
		{"late without minutes", Late, 180, 0, "minutes", "Minutes late must be more than 0."},
		{"left early without minutes", LeftEarly, 180, 0, "minutes", "Minutes left early must be more than 0."},
		{"late over the session", Late, 180, 181, "minutes", "Minutes late must be from 0 to 180, the length of the session."},
		{"left early negative", LeftEarly, 180, -5, "minutes", "Minutes left early must be from 0 to 180, the length of the session."},
		{"present over the session", Present, 180, 200, "minutes", "Minutes must be from 0 to 180, the length of the session."},
		{"excused negative", Excused, 180, -1, "minutes", "Minutes must be from 0 to 180, the length of the session."},
		{"unknown status", Status("absent"), 180, 0, "status", `"absent" is not an attendance status: use present, late, left_early, telehealth, excused or unexcused.`},
		{"status not normalised", Status("Present"), 180, 0, "status", `"Present" is not an attendance status: use present, late, left_early, telehealth, excused or unexcused.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Credited(tt.status, tt.session, tt.minutes)
			if err == nil {
				t.Fatalf("Credited(%q, %d, %d) = %d, want an error", tt.status, tt.session, tt.minutes, got)
			}
			if msg := checkField(t, err, tt.field); msg != tt.want {
				t.Errorf("message = %q, want %q", msg, tt.want)
			}
		})
	}
}

func TestCreditedNegativeSessionIsInternal(t *testing.T) {
	_, err := Credited(Present, -1, 0)
	if got := kinship.ErrorCode(err); got != kinship.EINTERNAL {
		t.Errorf("code = %q, want %q (err %v)", got, kinship.EINTERNAL, err)
	}
}

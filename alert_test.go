package kinship_test

import (
	"testing"
	"time"

	"kinship"
)

// A support request can be cancelled only before any escalation email can
// go out, so a cancel never needs a follow-up email.
func TestSupportCancelEndsBeforeEscalation(t *testing.T) {
	for m := 0; m <= kinship.SupportCancelMinutes; m++ {
		if err := (kinship.SafetySettings{EscalationMinutes: m}).Validate(); err == nil {
			t.Errorf("escalation after %d minutes is allowed, within the %d minutes a client may cancel", m, kinship.SupportCancelMinutes)
		}
	}
}

func TestSupportRequestCancellable(t *testing.T) {
	at := time.Date(2026, 11, 23, 17, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		req  kinship.SupportRequest
		now  time.Time
		want bool
	}{
		{"JustTapped", kinship.SupportRequest{CreatedAt: at}, at, true},
		{"LastSecond", kinship.SupportRequest{CreatedAt: at}, at.Add(2*time.Minute - time.Second), true},
		{"TwoMinutes", kinship.SupportRequest{CreatedAt: at}, at.Add(2 * time.Minute), false},
		{"Acknowledged", kinship.SupportRequest{CreatedAt: at, AcknowledgedAt: at}, at, false},
		{"Cancelled", kinship.SupportRequest{CreatedAt: at, CancelledAt: at}, at, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.req.Cancellable(tt.now); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

package kinship

import (
	"context"
	"strings"
	"time"
)

// Alert asks a person to act: shown at the top of dashboards until someone
// acknowledges it with a note. Alerts name clients by the name they use,
// never the legal name, and carry no clinical words beyond what the
// reader needs.
type Alert struct {
	ID       int64
	Kind     string // e.g. break_glass
	ClientID int64  // 0 if about no client
	Client   string // the client's name to use
	// ForStaffID or ForRole says who should see it.
	ForStaffID     int64
	ForRole        Role
	Message        string
	CreatedAt      time.Time
	AcknowledgedAt time.Time
	AcknowledgedBy string
	Note           string
}

// Alert kinds.
const (
	AlertBreakGlass = "break_glass"
	// AlertScreeningEmergency: someone who left their details on the
	// public screening answered that they are in danger now.
	AlertScreeningEmergency = "screening_emergency"
)

// AlertService lists and acknowledges alerts.
type AlertService interface {
	// OpenAlerts lists the unacknowledged alerts for the actor: addressed
	// to them or to their role, newest first.
	OpenAlerts(ctx context.Context) ([]*Alert, error)
	// AcknowledgeAlert closes an alert with a note of what was done.
	// EINVALID without a note; ENOTFOUND if it is not the actor's.
	AcknowledgeAlert(ctx context.Context, id int64, note string) error
}

// BreakGlassMinutes is how long emergency access to a chart lasts.
const BreakGlassMinutes = 60

// BreakGlassService opens a chart outside the actor's caseload in an
// emergency: it needs a reason, is audited specially, alerts the admins
// and expires after BreakGlassMinutes.
type BreakGlassService interface {
	BreakGlass(ctx context.Context, clientID int64, reason string) (expires time.Time, err error)
	// EmergencyAccess returns when the actor's emergency access to the
	// client's chart expires, or the zero time if they have none.
	EmergencyAccess(ctx context.Context, clientID int64) (time.Time, error)
}

// BreakGlassReason checks the reason given for emergency access.
func BreakGlassReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	if len(reason) < 10 {
		return "", &Error{Code: EINVALID, Message: "Say why you need emergency access, in a sentence.",
			Fields: map[string]string{"reason": "Say why you need emergency access, in a sentence."}}
	}
	return reason, nil
}

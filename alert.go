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
	// ForStaffID, AlsoStaffID (the on-call staff member) or ForRole says
	// who should see it.
	ForStaffID  int64
	AlsoStaffID int64
	ForRole     Role
	Message     string
	CreatedAt   time.Time
	// Escalated is true once a safety alert has waited past the
	// organization's limit and supervisors see it too.
	Escalated      bool
	AcknowledgedAt time.Time
	AcknowledgedBy string
	Action         string // for safety alerts, one of SafetyActions
	Note           string
	// CancelledAt is when the client cancelled a support request tapped by
	// mistake; the alert stays, so whoever saw it knows.
	CancelledAt time.Time
}

// Safety reports whether the alert is about a client's safety, so that
// closing it needs an action and leaving it open escalates. A request the
// client cancelled is no longer one.
func (a *Alert) Safety() bool {
	return (a.Kind == AlertSuicideRisk || a.Kind == AlertSupportRequest) && a.CancelledAt.IsZero()
}

// Alert kinds.
const (
	AlertBreakGlass = "break_glass"
	// AlertScreeningEmergency: someone who left their details on the
	// public screening answered that they are in danger now.
	AlertScreeningEmergency = "screening_emergency"
	// AlertSuicideRisk: an instrument answer about suicide or self-harm.
	AlertSuicideRisk = "suicide_risk"
	// AlertScreenReview: a drug screen to talk through with the client.
	AlertScreenReview = "screen_review"
	// AlertSupportRequest: a client tapped "I need support now".
	AlertSupportRequest = "support_request"
)

// OpenFor reports whether the staff member may acknowledge the alert: it is
// addressed to them or their role, or escalated to supervisors.
func (a *Alert) OpenFor(staffID int64, role Role) bool {
	return a.ForStaffID == staffID || a.AlsoStaffID == staffID || a.ForRole == role || (a.Escalated && role == RoleSupervisor)
}

// SafetyActions are what a person did about a safety alert; one is
// required to close it.
var SafetyActions = []string{"safety_plan", "referred", "contacted"}

// SafetyActionLabels are the actions as people read them.
var SafetyActionLabels = map[string]string{
	"safety_plan": "Made a safety plan with them",
	"referred":    "Referred them for urgent care",
	"contacted":   "Contacted them and they are safe",
}

// SafetySettings say who answers safety alerts and how long an alert may
// wait before supervisors see it too.
type SafetySettings struct {
	OnCallStaffID     int64 `json:"on_call_staff_id"`
	EscalationMinutes int   `json:"escalation_minutes"`
}

// Validate checks the escalation time: between 5 minutes and a day.
func (s SafetySettings) Validate() error {
	if s.EscalationMinutes < 5 || s.EscalationMinutes > 24*60 {
		return &Error{Code: EINVALID, Message: "Escalate after between 5 and 1440 minutes.",
			Fields: map[string]string{"escalation_minutes": "Escalate after between 5 and 1440 minutes."}}
	}
	return nil
}

// AlertService lists and acknowledges alerts.
type AlertService interface {
	// OpenAlerts lists the unacknowledged alerts for the actor: addressed
	// to them or to their role, newest first.
	OpenAlerts(ctx context.Context) ([]*Alert, error)
	// ClientAlerts lists the open alerts about one client, for the top of
	// their chart.
	ClientAlerts(ctx context.Context, clientID int64) ([]*Alert, error)
	// AcknowledgeAlert closes an alert with a note of what was done and,
	// for a safety alert, one of SafetyActions. EINVALID without them;
	// ENOTFOUND if it is not open for the actor.
	AcknowledgeAlert(ctx context.Context, id int64, action, note string) error
	SafetySettings(ctx context.Context) (SafetySettings, error)
	SetSafetySettings(ctx context.Context, s SafetySettings) error
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

package kinship

import (
	"context"
	"time"
)

// Audit actions. Names are "resource.verb" and never carry client data.
const (
	ActionSignIn            = "auth.sign_in"
	ActionSignInFailed      = "auth.sign_in_failed"
	ActionSignOut           = "auth.sign_out"
	ActionMFAVerified       = "auth.mfa_verified"
	ActionMFAFailed         = "auth.mfa_failed"
	ActionMFAEnrolled       = "auth.mfa_enrolled"
	ActionMFAReset          = "auth.mfa_reset"
	ActionPasswordSet       = "auth.password_set"
	ActionTokenCreate       = "token.create"
	ActionTokenRevoke       = "token.revoke"
	ActionAccessDenied      = "access.denied"
	ActionSetup             = "organization.setup"
	ActionOrgUpdate         = "organization.update"
	ActionSiteCreate        = "site.create"
	ActionProgramCreate     = "program.create"
	ActionTrackCreate       = "track.create"
	ActionStaffCreate       = "staff.create"
	ActionStaffInvite       = "staff.invite"
	ActionStaffUpdate       = "staff.update"
	ActionPasswordReset     = "staff.password_reset"
	ActionClientCreate      = "client.create"
	ActionClientRead        = "client.read"
	ActionClientUpdate      = "client.update"
	ActionClientSearch      = "client.search"
	ActionRegistrationRead  = "client.registration_read"
	ActionBreakGlass        = "client.break_glass"
	ActionInquiryCreate     = "inquiry.create"
	ActionInquiryRead       = "inquiry.read"
	ActionInquiryUpdate     = "inquiry.update"
	ActionEpisodeAdmit      = "episode.admit"
	ActionEpisodeDischarge  = "episode.discharge"
	ActionEpisodeRead       = "episode.read"
	ActionConsentCreate     = "consent.create"
	ActionConsentRevoke     = "consent.revoke"
	ActionConsentRead       = "consent.read"
	ActionDocumentRead      = "document.read"
	ActionDocumentCreate    = "document.create"
	ActionDisclosure        = "disclosure.make"
	ActionDisclosureRefused = "disclosure.refused"
	ActionAccountingExport  = "disclosure.accounting_export"
	ActionAccountingRead    = "disclosure.accounting_read"
	ActionAlertAcknowledge  = "alert.acknowledge"
	ActionAlertView         = "alert.view"
	ActionAlertRaise        = "alert.raise"
	ActionAlertEscalate     = "alert.escalate"
	ActionSafetySettings    = "organization.safety_settings"
	ActionResponseRecord    = "measure.record"
	ActionResponseRead      = "measure.read"
	ActionMeasureAssign     = "measure.assign"
	ActionMeasureSchedule   = "program.measure_schedule"
	ActionInstrumentLoad    = "instrument.load"
	ActionScreenRecord      = "drug_screen.record"
	ActionScreenRead        = "drug_screen.read"
	ActionScreenPanel       = "organization.screen_panel"
	ActionTimelineRead      = "client.timeline_read"
	ActionClientInvite      = "client.portal_invite"
	ActionSignInLink        = "auth.sign_in_link"
	ActionSupportRequest    = "portal.support_request"
	ActionSupportCancel     = "portal.support_cancel"
	ActionOutboxRead        = "outbox.read"
	ActionReminderQueue     = "reminder.queue"
	ActionRoomCreate        = "room.create"
	ActionSeriesCreate      = "session_series.create"
	ActionSessionCancel     = "session.cancel"
	ActionSiteClose         = "site.close"
	ActionEnroll            = "enrollment.create"
	ActionEnrollmentEnd     = "enrollment.end"
	ActionRosterRead        = "session.roster_read"
	ActionAttendance        = "attendance.record"
	ActionHoursRead         = "hours.read"
	ActionBooking           = "session.book"
	ActionPlanWeek          = "session.plan_week"
	ActionProgramMinimums   = "program.minimums"
	ActionFeedCreate        = "calendar_feed.create"
	ActionFeedRevoke        = "calendar_feed.revoke"
	ActionFeedRead          = "calendar_feed.read"
	ActionSessionMove       = "session.move"
	ActionSessionSubstitute = "session.substitute"
	ActionSessionTypeCreate = "session_type.create"
	ActionAuditView         = "audit.view"
	ActionAuditExport       = "audit.export"
)

// Audit outcomes.
const (
	OutcomeSuccess = "success"
	OutcomeFailure = "failure"
	OutcomeDenied  = "denied"
)

// AuditEvent is one entry of the append-only, hash-chained audit trail.
// Hash covers every other field and PrevHash, so an edit, deletion or
// reordering breaks the chain.
type AuditEvent struct {
	Seq          int64
	At           time.Time
	ActorID      int64 // 0 for anonymous or system
	Actor        string
	Action       string
	ResourceType string
	ResourceID   string
	IP           string
	Outcome      string
	Detail       string // short, never client data
	PrevHash     string
	Hash         string
	// ClientName is the name to use of the client a client event is
	// about, when the reader may see it; it is not part of the chain.
	ClientName string
}

// AuditRecord is what a caller says happened; the store fills in the actor
// from the context, the time, the sequence number and the hashes.
type AuditRecord struct {
	Action       string
	ResourceType string
	ResourceID   string
	Outcome      string
	Detail       string
	// Actor overrides the context's actor label, e.g. the email tried in a
	// failed sign-in when no actor is known.
	Actor string
}

// AuditFilter narrows a listing of the audit trail. Zero fields match all.
type AuditFilter struct {
	Actor  string // matches the actor label, case-insensitively, as a substring
	Action string // matches a prefix, e.g. "auth." or "staff.create"
	// ClientID keeps the events about one client's record.
	ClientID int64
	From     time.Time
	To       time.Time // exclusive
	Limit    int
	Offset   int
	Export   bool // the listing leaves Kinship as a download
}

// AuditService reads and writes the audit trail.
type AuditService interface {
	// Audit appends an event. Services call it inside their own
	// transactions; handlers call it for events without one (denials).
	Audit(ctx context.Context, r AuditRecord) error
	// ListAudit needs PermAuditView; newest first, with the total count.
	// Events about a client carry their name to use for readers holding
	// PermClientRead.
	ListAudit(ctx context.Context, f AuditFilter) ([]*AuditEvent, int, error)
	// EachAuditEvent calls fn for every event in chain order. It needs no
	// permission: it is for `kinship audit verify` and exports, which check
	// their own.
	EachAuditEvent(ctx context.Context, fn func(*AuditEvent) error) error
	// AuditHead returns the sequence and hash of the last event as recorded
	// when it was appended, so a deleted tail is detectable.
	AuditHead(ctx context.Context) (seq int64, hash string, err error)
}

package kinship

import (
	"context"
	"time"
)

// OutboxMessage is an email or text waiting to go out, or gone. Bodies are
// discreet by construction (see package notify), so admins may read them.
type OutboxMessage struct {
	ID        int64
	Channel   string // email or sms
	Recipient string
	Subject   string
	Body      string
	Kind      string // invite, sign_in_link, session_tomorrow, …
	ClientID  int64
	CreatedAt time.Time
	SendAfter time.Time // quiet hours push this later
	SentAt    time.Time
	Attempts  int
	LastError string
}

// ReminderPrefs are a client's choices about reminders, per channel.
type ReminderPrefs struct {
	Email bool `json:"email"`
	SMS   bool `json:"sms"`
}

// OutboxService queues messages and hands them to a sender.
type OutboxService interface {
	// Outbox lists the latest messages, newest first, for admins.
	Outbox(ctx context.Context, limit int) ([]*OutboxMessage, error)
	// PendingMessages lists messages due to be sent now (system use).
	PendingMessages(ctx context.Context, limit int) ([]*OutboxMessage, error)
	// MarkSent records a delivery; MarkFailed an attempt that failed
	// (permanent failures are not retried).
	MarkSent(ctx context.Context, id int64) error
	MarkFailed(ctx context.Context, id int64, reason string, permanent bool) error
	// QueueReminders queues the reminders due now: a session tomorrow, a
	// check-in not yet done today, an instrument due. Each is queued once
	// a day per client and kind, honouring opt-outs and quiet hours.
	QueueReminders(ctx context.Context) (int, error)
	// ReminderPrefs and SetReminderPrefs are the portal client's own.
	ReminderPrefs(ctx context.Context) (ReminderPrefs, error)
	SetReminderPrefs(ctx context.Context, p ReminderPrefs) error
}

package store

import (
	"context"
	"strconv"
	"time"

	"kinship"
	"kinship/notify"
)

// QuietHours hold reminders back overnight, in the home site's time.
var QuietHours = notify.QuietHours{Start: 21 * 60, End: 8 * 60}

// queue adds a message to the outbox, to go out after sendAfter.
func (tx *Tx) queue(m notify.Message, kind string, clientID int64, sendAfter time.Time) error {
	_, err := tx.exec(`INSERT INTO outbox (channel, recipient, subject, body, kind, client_id, created_at, send_after)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, m.Channel, m.To, m.Subject, m.Body, kind, nullID(clientID), tx.now, dbTime(sendAfter))
	return err
}

const outboxColumns = `id, channel, recipient, subject, body, kind, COALESCE(client_id, 0), created_at, send_after, sent_at, attempts, last_error`

func scanOutbox(r rowScanner) (*kinship.OutboxMessage, error) {
	m := &kinship.OutboxMessage{}
	err := r.Scan(&m.ID, &m.Channel, &m.Recipient, &m.Subject, &m.Body, &m.Kind, &m.ClientID, scanTime(&m.CreatedAt),
		scanTime(&m.SendAfter), scanTime(&m.SentAt), &m.Attempts, &m.LastError)
	return m, err
}

// Outbox lists the latest messages for admins; reading it is audited, as
// recipients are client contact details.
func (s *Store) Outbox(ctx context.Context, limit int) ([]*kinship.OutboxMessage, error) {
	if err := kinship.Authorize(ctx, kinship.PermOrgManage); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT `+outboxColumns+` FROM outbox ORDER BY id DESC LIMIT ?`, limit)
	msgs, err := collect(rows, err, scanOutbox)
	if err != nil {
		return nil, err
	}
	return msgs, s.Audit(ctx, kinship.AuditRecord{Action: kinship.ActionOutboxRead, ResourceType: "outbox", Detail: strconv.Itoa(len(msgs)) + " messages"})
}

// maxAttempts is how often a failing message is tried before it is left.
const maxAttempts = 5

// PendingMessages lists unsent messages whose time has come.
func (s *Store) PendingMessages(ctx context.Context, limit int) ([]*kinship.OutboxMessage, error) {
	rows, err := s.query(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE sent_at IS NULL AND send_after <= ? AND attempts < ?
		ORDER BY id LIMIT ?`, s.now(), maxAttempts, limit)
	return collect(rows, err, scanOutbox)
}

// MarkSent records a delivery.
func (s *Store) MarkSent(ctx context.Context, id int64) error {
	return s.update(ctx, func(tx *Tx) error {
		_, err := tx.exec("UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = '' WHERE id = ?", tx.now, id)
		return err
	})
}

// MarkFailed records a failed attempt; a permanent failure is not retried
// and a passing one waits a little longer each time.
func (s *Store) MarkFailed(ctx context.Context, id int64, reason string, permanent bool) error {
	return s.update(ctx, func(tx *Tx) error {
		var attempts int
		if err := tx.queryRow("SELECT attempts FROM outbox WHERE id = ?", id).Scan(&attempts); err != nil {
			return notFound(err, "The message")
		}
		attempts++
		if permanent {
			attempts = maxAttempts
		}
		_, err := tx.exec("UPDATE outbox SET attempts = ?, last_error = ?, send_after = ? WHERE id = ?",
			attempts, reason, tx.now.Add(time.Duration(attempts)*5*time.Minute), id)
		return err
	})
}

// ReminderPrefs returns the portal client's reminder choices.
func (s *Store) ReminderPrefs(ctx context.Context) (kinship.ReminderPrefs, error) {
	var p kinship.ReminderPrefs
	id, err := kinship.PortalClient(ctx)
	if err != nil {
		return p, err
	}
	err = s.queryRow(ctx, "SELECT remind_email, remind_sms FROM client_accounts WHERE client_id = ?", id).Scan(&p.Email, &p.SMS)
	return p, notFound(err, "The portal account")
}

// SetReminderPrefs opts the portal client in or out per channel.
func (s *Store) SetReminderPrefs(ctx context.Context, p kinship.ReminderPrefs) error {
	id, err := kinship.PortalClient(ctx)
	if err != nil {
		return err
	}
	return s.update(ctx, func(tx *Tx) error {
		if _, err := tx.exec("UPDATE client_accounts SET remind_email = ?, remind_sms = ? WHERE client_id = ?", p.Email, p.SMS, id); err != nil {
			return err
		}
		return tx.audit(clientAudit(kinship.ActionClientUpdate, id, "reminder choices"))
	})
}

// QueueMessage puts a discreet message about a client in the outbox.
func (s *Store) QueueMessage(ctx context.Context, clientID int64, kind string, m kinship.Message) error {
	return s.update(ctx, func(tx *Tx) error {
		if err := tx.queue(m, kind, clientID, tx.now); err != nil {
			return err
		}
		return tx.audit(clientAudit(kinship.ActionReminderQueue, clientID, kind))
	})
}

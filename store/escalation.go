package store

import (
	"context"
	"strconv"

	"kinship"
	"kinship/notify"
)

// QueueEscalations queues, once per alert, a discreet email to the person
// on call and the supervisors about each safety alert left open past the
// escalation time, and puts the alert on the dashboard of whoever is on
// call now; link is the dashboard's address, and each email points at its
// alert there. It runs as the system, from the server's loop. The
// alert keeps when it was queued, so a restart sends nothing twice.
func (s *Store) QueueEscalations(ctx context.Context, link string) (int, error) {
	ctx = kinship.SystemContext(ctx)
	cutoff, err := s.escalationCutoff(ctx)
	if kinship.ErrorCode(err) == kinship.ENOTFOUND {
		return 0, nil // before setup there is no organization, so no alert
	}
	if err != nil {
		return 0, err
	}
	// A cancelled support request no longer escalates (see CancelSupport).
	rows, err := s.query(ctx, `SELECT id FROM alerts WHERE escalates AND acknowledged_at IS NULL AND escalation_queued_at IS NULL
		AND created_at <= ? ORDER BY id`, cutoff)
	ids, err := collect(rows, err, func(r rowScanner) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	})
	if err != nil {
		return 0, err
	}
	queued := 0
	for _, id := range ids {
		subject, body, err := notify.Reminder(notify.KindAlertEscalation, notify.ReminderParams{URL: link + "#alert-" + strconv.FormatInt(id, 10)})
		if err != nil {
			return queued, err
		}
		err = s.update(ctx, func(tx *Tx) error {
			// The condition again, in the transaction: an acknowledgement
			// or a second server may have come first. The alert passes to
			// whoever is on call now, so the link shows it to them.
			res, err := tx.exec(`UPDATE alerts SET escalation_queued_at = ?,
				also_staff_id = COALESCE((SELECT on_call_staff_id FROM organizations ORDER BY id LIMIT 1), also_staff_id)
				WHERE id = ? AND escalation_queued_at IS NULL AND acknowledged_at IS NULL AND escalates`, tx.now, id)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil || n == 0 {
				return err
			}
			rows, err := tx.query(`SELECT email FROM staff WHERE active AND (role = ?
				OR id = (SELECT on_call_staff_id FROM organizations ORDER BY id LIMIT 1)) ORDER BY id`, kinship.RoleSupervisor)
			to, err := collect(rows, err, func(r rowScanner) (string, error) {
				var email string
				return email, r.Scan(&email)
			})
			if err != nil {
				return err
			}
			for _, email := range to {
				// Staff email about no client, so the row names none.
				if err := tx.queue(notify.Message{Channel: notify.ChannelEmail, To: email, Subject: subject, Body: body},
					notify.KindAlertEscalation, 0, tx.now); err != nil {
					return err
				}
			}
			queued += len(to)
			return tx.audit(kinship.AuditRecord{Action: kinship.ActionAlertEscalate, ResourceType: "alert", ResourceID: strconv.FormatInt(id, 10),
				Detail: strconv.Itoa(len(to)) + " emails to the person on call and supervisors"})
		})
		if err != nil {
			return queued, err
		}
	}
	return queued, nil
}

package store

import (
	"context"
	"strconv"
	"time"

	"kinship"
	"kinship/notify"
)

// remindee is a current client with a portal account, and where to reach
// them.
type remindee struct {
	clientID     int64
	appName      string
	email, phone string // empty where they opted out or gave none
}

// remindees lists the current clients who can be reminded.
func (s *Store) remindees(ctx context.Context) ([]remindee, error) {
	rows, err := s.query(ctx, `SELECT a.client_id, a.app_name, CASE WHEN a.remind_email THEN COALESCE(a.email, '') ELSE '' END,
		CASE WHEN a.remind_sms AND c.ok_to_text THEN c.phone ELSE '' END
		FROM client_accounts a JOIN clients c ON c.id = a.client_id
		WHERE a.password_hash <> '' AND EXISTS (SELECT 1 FROM episodes e WHERE e.client_id = a.client_id AND e.discharged_on = '')
		ORDER BY a.client_id`)
	return collect(rows, err, func(r rowScanner) (remindee, error) {
		var m remindee
		return m, r.Scan(&m.clientID, &m.appName, &m.email, &m.phone)
	})
}

// checkInReminderHour is when a client without a check-in today is nudged.
const checkInReminderHour = 17

// QueueReminders queues today's reminders: a session tomorrow, a check-in
// not yet done by the evening, and instruments waiting; each once a day per client and kind, held back
// through quiet hours. It runs as the system, from the server's loop.
func (s *Store) QueueReminders(ctx context.Context) (int, error) {
	ctx = kinship.SystemContext(ctx)
	loc := s.homeLocation(ctx)
	today := s.today(ctx)
	if err := s.layOutThrough(ctx, today.AddDays(1)); err != nil {
		return 0, err
	}
	people, err := s.remindees(ctx)
	if err != nil {
		return 0, err
	}
	queued := 0
	for _, p := range people {
		if p.email == "" && p.phone == "" {
			continue
		}
		rows, err := s.query(ctx, clientSessionsSQL, today.AddDays(1).String(), today.AddDays(1).String(), p.clientID, p.clientID)
		sessions, err := collect(rows, err, scanSession)
		if err != nil {
			return queued, err
		}
		for _, m := range sessions {
			if m.Cancelled {
				continue
			}
			place := m.Room
			if place == "" || notify.HasClinicalWord(place) {
				place = "the usual place"
			}
			n, err := s.remind(ctx, p, notify.KindSessionTomorrow, today, notify.ReminderParams{SenderName: p.appName, At: m.Start.In(loc), Place: place}, loc)
			if err != nil {
				return queued, err
			}
			queued += n
			break // the first session of the day is the one to remember
		}
		// In the evening, a nudge if today has no check-in yet.
		if s.clock.Now().In(loc).Hour() >= checkInReminderHour {
			var done int
			if err := s.queryRow(ctx, "SELECT COUNT(*) FROM checkins WHERE client_id = ? AND day = ?", p.clientID, today.String()).Scan(&done); err != nil {
				return queued, err
			}
			if done == 0 {
				n, err := s.remind(ctx, p, notify.KindCheckinToday, today, notify.ReminderParams{SenderName: p.appName}, loc)
				if err != nil {
					return queued, err
				}
				queued += n
			}
		}
		due, err := s.dueFor(ctx, p.clientID)
		if err != nil {
			return queued, err
		}
		if len(due) > 0 {
			n, err := s.remind(ctx, p, notify.KindMeasureDue, today, notify.ReminderParams{SenderName: p.appName}, loc)
			if err != nil {
				return queued, err
			}
			queued += n
		}
	}
	return queued, nil
}

// remind queues one reminder of kind on each of the person's channels,
// unless one was queued today; it returns the messages queued.
func (s *Store) remind(ctx context.Context, p remindee, kind string, today kinship.Date, params notify.ReminderParams, loc *time.Location) (int, error) {
	subject, body, err := notify.Reminder(kind, params)
	if err != nil {
		return 0, err
	}
	n := 0
	err = s.update(ctx, func(tx *Tx) error {
		var done int
		if err := tx.queryRow("SELECT COUNT(*) FROM reminders_queued WHERE client_id = ? AND kind = ? AND on_date = ?",
			p.clientID, kind, today.String()).Scan(&done); err != nil || done > 0 {
			return err
		}
		if _, err := tx.exec("INSERT INTO reminders_queued (client_id, kind, on_date) VALUES (?, ?, ?)", p.clientID, kind, today.String()); err != nil {
			return err
		}
		after := QuietHours.Defer(tx.now, loc)
		for channel, to := range map[string]string{notify.ChannelEmail: p.email, notify.ChannelSMS: p.phone} {
			if to == "" {
				continue
			}
			if err := tx.queue(notify.Message{Channel: channel, To: to, Subject: subject, Body: body}, kind, p.clientID, after); err != nil {
				return err
			}
			n++
		}
		return tx.audit(clientAudit(kinship.ActionReminderQueue, p.clientID, kind+": "+strconv.Itoa(n)+" messages"))
	})
	return n, err
}

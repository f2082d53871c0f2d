package main

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"time"

	"kinship"
	"kinship/notify"
)

// postman queues reminders and escalations and delivers the outbox.
// Without a sender the outbox only fills, for admins to read; texts wait
// for an SMS sender.
type postman struct {
	store interface {
		kinship.OutboxService
		QueueWeeklySummaries(ctx context.Context, week kinship.Date) (int, error)
		QueueEscalations(ctx context.Context, link string) (int, error)
	}
	email notify.Sender // nil without SMTP
	// settings is the portal's Settings page, where clients turn
	// reminders off: the List-Unsubscribe link of every reminder.
	settings string
	// dashboard is the dashboard's address, for links in escalations.
	dashboard string
	log       *slog.Logger
}

// run works every interval until ctx ends.
func (p *postman) run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		p.round(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// round queues what is due and sends what is pending. Logs name message
// ids only: recipients and bodies are client data.
func (p *postman) round(ctx context.Context) {
	// Safety first: an alert nobody answered reaches someone this round.
	if n, err := p.store.QueueEscalations(ctx, p.dashboard); err != nil {
		p.log.Error("queue escalations", "err", err)
	} else if n > 0 {
		p.log.Info("escalations queued", "messages", n)
	}
	if n, err := p.store.QueueReminders(ctx); err != nil {
		p.log.Error("queue reminders", "err", err)
	} else if n > 0 {
		p.log.Info("reminders queued", "messages", n)
	}
	// Last week's attendance summaries, for contacts whose consent covers
	// them; once the week is over, and once.
	today := kinship.DateOf(time.Now())
	if n, err := p.store.QueueWeeklySummaries(kinship.SystemContext(ctx), today.AddDays(-1)); err != nil && kinship.ErrorCode(err) != kinship.EINVALID {
		p.log.Error("queue weekly summaries", "err", err)
	} else if n > 0 {
		p.log.Info("weekly summaries queued", "messages", n)
	}
	if p.email == nil {
		return
	}
	pending, err := p.store.PendingMessages(ctx, 50)
	if err != nil {
		p.log.Error("outbox", "err", err)
		return
	}
	for _, m := range pending {
		if m.Channel != notify.ChannelEmail {
			continue
		}
		msg := kinship.Message{Channel: m.Channel, To: m.Recipient, Subject: m.Subject, Body: m.Body}
		if notify.Stoppable(m.Kind) {
			msg.Unsubscribe = p.settings
		}
		err := p.email.Send(ctx, msg)
		if err == nil {
			err = p.store.MarkSent(ctx, m.ID)
		} else {
			var smtpErr *notify.SMTPError
			permanent := kinship.ErrorCode(err) == kinship.EINVALID || (errors.As(err, &smtpErr) && smtpErr.Permanent())
			p.log.Warn("send failed", "message", m.ID, "permanent", permanent, "err", err)
			err = p.store.MarkFailed(ctx, m.ID, shortError(err), permanent)
		}
		if err != nil {
			p.log.Error("outbox", "message", strconv.FormatInt(m.ID, 10), "err", err)
		}
	}
}

// shortError keeps an error's first 200 bytes for the outbox page.
func shortError(err error) string {
	s := err.Error()
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}

-- A client may cancel a support request tapped by mistake; the alert
-- stays, marked, so whoever saw it knows.
ALTER TABLE alerts ADD COLUMN cancelled_at {{time}};

-- When the escalation email about an unanswered safety alert was queued,
-- so it goes once, across restarts.
ALTER TABLE alerts ADD COLUMN escalation_queued_at {{time}};

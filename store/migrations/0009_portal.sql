-- Client portal accounts, kept apart from staff: their own sessions and
-- one-time links (invitations and emailed sign-in links).
CREATE TABLE client_accounts (
	client_id BIGINT PRIMARY KEY REFERENCES clients (id),
	email TEXT UNIQUE, -- NULL until the invitation is accepted
	password_hash TEXT NOT NULL DEFAULT '',
	app_name TEXT NOT NULL DEFAULT 'Kinship',
	created_at {{time}} NOT NULL,
	last_sign_in_at {{time}}
);

CREATE TABLE client_links (
	token_hash TEXT PRIMARY KEY,
	client_id BIGINT NOT NULL REFERENCES clients (id),
	purpose TEXT NOT NULL, -- invite or sign_in
	expires_at {{time}} NOT NULL,
	used_at {{time}}
);
CREATE INDEX client_links_client ON client_links (client_id, purpose);

CREATE TABLE client_sessions (
	id TEXT PRIMARY KEY,
	client_id BIGINT NOT NULL REFERENCES clients (id),
	created_at {{time}} NOT NULL,
	last_seen_at {{time}} NOT NULL
);
CREATE INDEX client_sessions_client ON client_sessions (client_id);

-- Messages waiting to go out (reminders, sign-in links). With SMTP
-- configured a sender delivers them; without, admins can read them here.
CREATE TABLE outbox (
	id {{id}},
	channel TEXT NOT NULL,
	recipient TEXT NOT NULL,
	subject TEXT NOT NULL,
	body TEXT NOT NULL,
	kind TEXT NOT NULL,
	client_id BIGINT REFERENCES clients (id),
	created_at {{time}} NOT NULL,
	send_after {{time}} NOT NULL,
	sent_at {{time}},
	attempts INTEGER NOT NULL DEFAULT 0,
	last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_pending ON outbox (sent_at, send_after);

-- "I need support now": each tap's callback number and the alert it raised,
-- so the client can see when someone has it.
CREATE TABLE support_requests (
	id {{id}},
	client_id BIGINT NOT NULL REFERENCES clients (id),
	callback TEXT NOT NULL,
	alert_id BIGINT NOT NULL REFERENCES alerts (id),
	created_at {{time}} NOT NULL
);
CREATE INDEX support_requests_client ON support_requests (client_id, created_at);

-- Reminders: the client's choice per channel, and one reminder of a kind a
-- day per client.
ALTER TABLE client_accounts ADD COLUMN remind_email BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE client_accounts ADD COLUMN remind_sms BOOLEAN NOT NULL DEFAULT FALSE;
CREATE TABLE reminders_queued (
	client_id BIGINT NOT NULL REFERENCES clients (id),
	kind TEXT NOT NULL,
	on_date TEXT NOT NULL,
	PRIMARY KEY (client_id, kind, on_date)
);

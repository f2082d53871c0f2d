-- The foundation: the organization, its sites and programs, staff and their
-- credentials, and the audit trail.

CREATE TABLE organizations (
	id {{id}},
	name TEXT NOT NULL,
	mfa_required BOOLEAN NOT NULL DEFAULT FALSE,
	created_at {{time}} NOT NULL
);

CREATE TABLE sites (
	id {{id}},
	organization_id BIGINT NOT NULL REFERENCES organizations (id),
	name TEXT NOT NULL,
	timezone TEXT NOT NULL,
	created_at {{time}} NOT NULL,
	UNIQUE (organization_id, name)
);

CREATE TABLE programs (
	id {{id}},
	site_id BIGINT NOT NULL REFERENCES sites (id),
	name TEXT NOT NULL,
	created_at {{time}} NOT NULL,
	UNIQUE (site_id, name)
);

CREATE TABLE staff (
	id {{id}},
	organization_id BIGINT NOT NULL REFERENCES organizations (id),
	email TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	role TEXT NOT NULL,
	password_hash TEXT NOT NULL DEFAULT '',
	active BOOLEAN NOT NULL DEFAULT TRUE,
	totp_secret TEXT NOT NULL DEFAULT '',
	totp_pending TEXT NOT NULL DEFAULT '',
	totp_last_step BIGINT NOT NULL DEFAULT 0,
	created_at {{time}} NOT NULL,
	updated_at {{time}} NOT NULL,
	last_sign_in_at {{time}}
);

CREATE TABLE staff_invites (
	token_hash TEXT PRIMARY KEY,
	staff_id BIGINT NOT NULL REFERENCES staff (id),
	expires_at {{time}} NOT NULL,
	used_at {{time}}
);

CREATE TABLE recovery_codes (
	staff_id BIGINT NOT NULL REFERENCES staff (id),
	code_hash TEXT NOT NULL,
	used_at {{time}},
	PRIMARY KEY (staff_id, code_hash)
);

CREATE TABLE login_sessions (
	id TEXT PRIMARY KEY,
	staff_id BIGINT NOT NULL REFERENCES staff (id),
	mfa_passed BOOLEAN NOT NULL DEFAULT FALSE,
	created_at {{time}} NOT NULL,
	last_seen_at {{time}} NOT NULL
);
CREATE INDEX login_sessions_staff ON login_sessions (staff_id);

CREATE TABLE api_tokens (
	id {{id}},
	staff_id BIGINT NOT NULL REFERENCES staff (id),
	name TEXT NOT NULL,
	prefix TEXT NOT NULL,
	token_hash TEXT NOT NULL UNIQUE,
	created_at {{time}} NOT NULL,
	last_used_at {{time}},
	revoked_at {{time}}
);

-- Failed sign-ins and second-factor attempts, for throttling.
CREATE TABLE sign_in_failures (
	id {{id}},
	email TEXT NOT NULL,
	ip TEXT NOT NULL,
	at {{time}} NOT NULL
);
CREATE INDEX sign_in_failures_email ON sign_in_failures (email, at);
CREATE INDEX sign_in_failures_ip ON sign_in_failures (ip, at);

-- The audit trail. seq is assigned by the store, gap-free; each event's hash
-- covers its fields and the previous hash. No foreign keys: the trail
-- outlives what it describes.
CREATE TABLE audit_events (
	seq BIGINT PRIMARY KEY,
	at {{time}} NOT NULL,
	actor_id BIGINT,
	actor TEXT NOT NULL,
	action TEXT NOT NULL,
	resource_type TEXT NOT NULL DEFAULT '',
	resource_id TEXT NOT NULL DEFAULT '',
	ip TEXT NOT NULL DEFAULT '',
	outcome TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT '',
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
);
CREATE INDEX audit_events_at ON audit_events (at);
CREATE INDEX audit_events_actor ON audit_events (actor_id, seq);

-- The last event as recorded when it was appended, so a deleted tail shows.
CREATE TABLE audit_head (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	seq BIGINT NOT NULL,
	hash TEXT NOT NULL
);

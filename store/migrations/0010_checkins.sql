-- Daily check-ins from the client portal, and the caseload signals they
-- raise for counselors: thresholds per program and acknowledgements.

-- One check-in per client and day; checking in again the same day updates
-- it (updated_at moves, so an acknowledged signal can rise again).
CREATE TABLE checkins (
	id {{id}},
	client_id BIGINT NOT NULL REFERENCES clients (id),
	day TEXT NOT NULL,
	craving INTEGER NOT NULL,
	mood INTEGER NOT NULL,
	sleep_minutes INTEGER, -- NULL: not answered
	used TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	created_at {{time}} NOT NULL,
	updated_at {{time}} NOT NULL,
	UNIQUE (client_id, day)
);

CREATE TABLE checkin_triggers (
	checkin_id BIGINT NOT NULL REFERENCES checkins (id),
	position INTEGER NOT NULL,
	name TEXT NOT NULL,
	PRIMARY KEY (checkin_id, position)
);

CREATE TABLE checkin_skills (
	checkin_id BIGINT NOT NULL REFERENCES checkins (id),
	position INTEGER NOT NULL,
	name TEXT NOT NULL,
	helped BOOLEAN NOT NULL,
	PRIMARY KEY (checkin_id, position)
);

-- A program's thresholds; a program without a row uses the defaults.
CREATE TABLE caseload_signal_settings (
	program_id BIGINT PRIMARY KEY REFERENCES programs (id),
	craving_at_least INTEGER NOT NULL,
	no_checkin_days INTEGER NOT NULL,
	mood_drop INTEGER NOT NULL,
	missed_sessions INTEGER NOT NULL,
	updated_at {{time}} NOT NULL
);

-- A counselor saw a signal and noted what they did. The signal stays quiet
-- until data newer than acknowledged_at raises it again.
CREATE TABLE caseload_flag_acks (
	id {{id}},
	client_id BIGINT NOT NULL REFERENCES clients (id),
	flag TEXT NOT NULL,
	note TEXT NOT NULL,
	acknowledged_at {{time}} NOT NULL,
	acknowledged_by BIGINT REFERENCES staff (id)
);
CREATE INDEX caseload_flag_acks_client ON caseload_flag_acks (client_id, flag, acknowledged_at);

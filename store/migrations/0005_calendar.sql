-- The program calendar: session types, rooms, weekly series laid out as
-- sessions, site closures, enrollment and attendance.

CREATE TABLE session_types (
	id {{id}},
	name TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL
);
INSERT INTO session_types (name, kind) VALUES
	('Group therapy', 'group'),
	('Individual therapy', 'individual'),
	('Life skills', 'life_skills'),
	('Yoga', 'holistic'),
	('Meditation', 'holistic'),
	('Art therapy', 'holistic'),
	('Support group', 'support_group'),
	('Family session', 'family'),
	('Drug screen', 'drug_screen');

CREATE TABLE rooms (
	id {{id}},
	site_id BIGINT NOT NULL REFERENCES sites (id),
	name TEXT NOT NULL,
	capacity INTEGER NOT NULL DEFAULT 12,
	telehealth_url TEXT NOT NULL DEFAULT '',
	created_at {{time}} NOT NULL,
	UNIQUE (site_id, name)
);

-- The weekly minimum a program promises: 9 h for adults and 6 h for
-- adolescents (ASAM level 2.1), as settings.
ALTER TABLE programs ADD COLUMN minimum_adult_minutes INTEGER NOT NULL DEFAULT 540;
ALTER TABLE programs ADD COLUMN minimum_adolescent_minutes INTEGER NOT NULL DEFAULT 360;

CREATE TABLE session_series (
	id {{id}},
	program_id BIGINT NOT NULL REFERENCES programs (id),
	track_id BIGINT REFERENCES tracks (id),
	type_id BIGINT NOT NULL REFERENCES session_types (id),
	title TEXT NOT NULL,
	facilitator_id BIGINT REFERENCES staff (id),
	room_id BIGINT REFERENCES rooms (id),
	days TEXT NOT NULL,
	start_minute INTEGER NOT NULL,
	end_minute INTEGER NOT NULL,
	from_date TEXT NOT NULL,
	until_date TEXT NOT NULL DEFAULT '',
	capacity INTEGER NOT NULL DEFAULT 0,
	-- Sessions are laid out up to this date; later ones on demand.
	laid_out_until TEXT NOT NULL DEFAULT '',
	created_at {{time}} NOT NULL
);

-- Each meeting: an occurrence of a series, or a one-off with one client.
CREATE TABLE sessions (
	id {{id}},
	series_id BIGINT REFERENCES session_series (id),
	program_id BIGINT NOT NULL REFERENCES programs (id),
	type_id BIGINT NOT NULL REFERENCES session_types (id),
	title TEXT NOT NULL,
	on_date TEXT NOT NULL,
	starts_at {{time}} NOT NULL,
	ends_at {{time}} NOT NULL,
	facilitator_id BIGINT REFERENCES staff (id),
	room_id BIGINT REFERENCES rooms (id),
	client_id BIGINT REFERENCES clients (id),
	cancelled BOOLEAN NOT NULL DEFAULT FALSE,
	moved BOOLEAN NOT NULL DEFAULT FALSE,
	capacity INTEGER NOT NULL DEFAULT 0,
	created_at {{time}} NOT NULL,
	UNIQUE (series_id, on_date)
);
CREATE INDEX sessions_date ON sessions (on_date);
CREATE INDEX sessions_client ON sessions (client_id, on_date);

CREATE TABLE site_closures (
	id {{id}},
	site_id BIGINT NOT NULL REFERENCES sites (id),
	on_date TEXT NOT NULL,
	reason TEXT NOT NULL,
	UNIQUE (site_id, on_date)
);

CREATE TABLE enrollments (
	id {{id}},
	client_id BIGINT NOT NULL REFERENCES clients (id),
	track_id BIGINT REFERENCES tracks (id),
	series_id BIGINT REFERENCES session_series (id),
	starts_on TEXT NOT NULL,
	ends_on TEXT NOT NULL DEFAULT '',
	created_at {{time}} NOT NULL,
	CHECK ((track_id IS NULL) <> (series_id IS NULL))
);
CREATE INDEX enrollments_client ON enrollments (client_id);
CREATE INDEX enrollments_track ON enrollments (track_id, starts_on);
CREATE INDEX enrollments_series ON enrollments (series_id, starts_on);

CREATE TABLE attendance (
	session_id BIGINT NOT NULL REFERENCES sessions (id),
	client_id BIGINT NOT NULL REFERENCES clients (id),
	status TEXT NOT NULL,
	minutes INTEGER NOT NULL DEFAULT 0,
	credited INTEGER NOT NULL,
	override_reason TEXT NOT NULL DEFAULT '',
	recorded_at {{time}} NOT NULL,
	recorded_by BIGINT REFERENCES staff (id),
	PRIMARY KEY (session_id, client_id)
);
CREATE INDEX attendance_client ON attendance (client_id);

-- Earlier values of attendance corrected after the session's day.
CREATE TABLE attendance_history (
	id {{id}},
	session_id BIGINT NOT NULL,
	client_id BIGINT NOT NULL,
	status TEXT NOT NULL,
	minutes INTEGER NOT NULL,
	credited INTEGER NOT NULL,
	override_reason TEXT NOT NULL,
	recorded_at {{time}} NOT NULL,
	recorded_by BIGINT,
	replaced_at {{time}} NOT NULL,
	replaced_by BIGINT
);
CREATE INDEX attendance_history_session ON attendance_history (session_id, client_id);

-- When clients can come (outside work, school and caregiving), when
-- counselors work, and private calendar feeds.

CREATE TABLE client_availability (
	id {{id}},
	client_id BIGINT NOT NULL REFERENCES clients (id),
	weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
	start_minute INTEGER NOT NULL,
	end_minute INTEGER NOT NULL,
	CHECK (end_minute > start_minute)
);
CREATE INDEX client_availability_client ON client_availability (client_id);

CREATE TABLE staff_hours (
	id {{id}},
	staff_id BIGINT NOT NULL REFERENCES staff (id),
	weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
	start_minute INTEGER NOT NULL,
	end_minute INTEGER NOT NULL,
	CHECK (end_minute > start_minute)
);
CREATE INDEX staff_hours_staff ON staff_hours (staff_id);

-- An iCalendar feed behind an unguessable token, for a staff member or a
-- client; revoking it stops the feed at once.
CREATE TABLE calendar_feeds (
	token_hash TEXT PRIMARY KEY,
	staff_id BIGINT REFERENCES staff (id),
	client_id BIGINT REFERENCES clients (id),
	created_at {{time}} NOT NULL,
	revoked_at {{time}},
	CHECK ((staff_id IS NULL) <> (client_id IS NULL))
);

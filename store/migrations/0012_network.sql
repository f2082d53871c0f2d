-- The client's support network: each contact and what they may receive,
-- resting on a consent the client signed in their portal (none for
-- "nothing"). summary_week is the last ISO week summarized to them.
CREATE TABLE contacts (
	id {{id}},
	client_id BIGINT NOT NULL REFERENCES clients (id),
	name TEXT NOT NULL,
	relationship TEXT NOT NULL,
	phone TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	sharing TEXT NOT NULL,
	consent_id BIGINT REFERENCES consents (id),
	summary_week TEXT NOT NULL DEFAULT '',
	created_at {{time}} NOT NULL,
	updated_at {{time}} NOT NULL
);
CREATE INDEX contacts_client ON contacts (client_id);
CREATE INDEX contacts_sharing ON contacts (sharing);

-- The client's recovery date ('' until set) and whether they hide the
-- counter. Only the current date is kept: a reset is private.
CREATE TABLE recovery_starts (
	client_id BIGINT PRIMARY KEY REFERENCES clients (id),
	start_on TEXT NOT NULL DEFAULT '',
	hidden BOOLEAN NOT NULL DEFAULT FALSE,
	updated_at {{time}} NOT NULL
);

-- Progress notes, group notes written once, co-signatures, addenda, and
-- SUD counseling notes kept apart from the record.

-- Staff who work under supervision: their notes wait for a co-signature.
ALTER TABLE staff ADD COLUMN needs_supervision BOOLEAN NOT NULL DEFAULT FALSE;

-- A program's own note templates; DAP, BIRP and SOAP are built in. Sections
-- are JSON: [{"name", "help"}].
CREATE TABLE note_templates (
	id {{id}},
	name TEXT NOT NULL,
	name_key TEXT NOT NULL UNIQUE, -- lower-cased, so names differ in more than case
	sections TEXT NOT NULL,
	created_by BIGINT REFERENCES staff (id),
	created_at {{time}} NOT NULL
);

-- One id space for progress and counseling notes, so /notes/{id} names one
-- note and a counseling note's id is no different from a missing one.
CREATE TABLE note_ids (
	id {{id}},
	created_at {{time}} NOT NULL
);

-- A group session's note as its facilitator writes it: the shared part,
-- and each attendee's part in group_note_entries. Signing copies it into
-- one note per attendee.
CREATE TABLE group_notes (
	id {{id}},
	session_id BIGINT NOT NULL UNIQUE REFERENCES sessions (id),
	author_id BIGINT NOT NULL REFERENCES staff (id),
	sections TEXT NOT NULL, -- JSON [{"name", "text"}]
	created_at {{time}} NOT NULL,
	updated_at {{time}} NOT NULL,
	signed_at {{time}}
);

CREATE TABLE group_note_entries (
	group_note_id BIGINT NOT NULL REFERENCES group_notes (id),
	client_id BIGINT NOT NULL REFERENCES clients (id),
	text TEXT NOT NULL,
	objectives TEXT NOT NULL, -- JSON [{"id", "goal", "text"}]
	PRIMARY KEY (group_note_id, client_id)
);

-- Progress notes in the chart: individual, and each attendee's copy of a
-- group note. Sections are JSON [{"name", "text"}], in the template's order.
CREATE TABLE notes (
	id BIGINT PRIMARY KEY REFERENCES note_ids (id),
	client_id BIGINT NOT NULL REFERENCES clients (id),
	kind TEXT NOT NULL,
	template TEXT NOT NULL,
	sections TEXT NOT NULL,
	session_id BIGINT REFERENCES sessions (id),
	group_note_id BIGINT REFERENCES group_notes (id),
	service_date TEXT NOT NULL,
	service_end {{time}} NOT NULL,
	minutes INTEGER NOT NULL,
	author_id BIGINT NOT NULL REFERENCES staff (id),
	created_at {{time}} NOT NULL,
	updated_at {{time}} NOT NULL,
	signed_at {{time}},
	cosign_required BOOLEAN NOT NULL DEFAULT FALSE,
	cosigned_at {{time}},
	cosigned_by BIGINT REFERENCES staff (id)
);
CREATE INDEX notes_client ON notes (client_id, service_date);
CREATE INDEX notes_cosign ON notes (cosign_required, cosigned_at);

-- The plan objectives a note addresses, in the words of the time.
CREATE TABLE note_objectives (
	note_id BIGINT NOT NULL REFERENCES notes (id),
	objective_id BIGINT NOT NULL,
	goal TEXT NOT NULL,
	text TEXT NOT NULL,
	position INTEGER NOT NULL,
	PRIMARY KEY (note_id, objective_id)
);

CREATE TABLE note_addenda (
	id {{id}},
	note_id BIGINT NOT NULL REFERENCES notes (id),
	text TEXT NOT NULL,
	author_id BIGINT NOT NULL REFERENCES staff (id),
	signed_at {{time}} NOT NULL
);
CREATE INDEX note_addenda_note ON note_addenda (note_id);

-- SUD counseling notes, apart from the record: no chart, list, export or
-- disclosure reads this table except for the author and the roles they
-- allow (readers, one role a line), or under a consent naming them.
CREATE TABLE counseling_notes (
	id BIGINT PRIMARY KEY REFERENCES note_ids (id),
	client_id BIGINT NOT NULL REFERENCES clients (id),
	template TEXT NOT NULL,
	sections TEXT NOT NULL,
	session_id BIGINT REFERENCES sessions (id),
	service_date TEXT NOT NULL,
	service_end {{time}} NOT NULL,
	minutes INTEGER NOT NULL,
	author_id BIGINT NOT NULL REFERENCES staff (id),
	readers TEXT NOT NULL DEFAULT '',
	created_at {{time}} NOT NULL,
	updated_at {{time}} NOT NULL,
	signed_at {{time}}
);
CREATE INDEX counseling_notes_client ON counseling_notes (client_id);

CREATE TABLE counseling_note_addenda (
	id {{id}},
	note_id BIGINT NOT NULL REFERENCES counseling_notes (id),
	text TEXT NOT NULL,
	author_id BIGINT NOT NULL REFERENCES staff (id),
	signed_at {{time}} NOT NULL
);
CREATE INDEX counseling_note_addenda_note ON counseling_note_addenda (note_id);

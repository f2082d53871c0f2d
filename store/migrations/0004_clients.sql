-- Clients, the admissions pipeline, episodes of care, 42 CFR Part 2
-- consents and the accounting of disclosures, emergency access and alerts.
-- Dates without a time (birth, admission) are TEXT 'YYYY-MM-DD'.

CREATE TABLE clients (
	id {{id}},
	mrn TEXT UNIQUE,
	name_to_use TEXT NOT NULL,
	pronouns TEXT NOT NULL DEFAULT '',
	legal_given TEXT NOT NULL DEFAULT '',
	legal_family TEXT NOT NULL DEFAULT '',
	gender_identity TEXT NOT NULL DEFAULT '',
	sexual_orientation TEXT NOT NULL DEFAULT '',
	sex_for_clinical_use TEXT NOT NULL DEFAULT 'unknown',
	birth_date TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	ok_to_voicemail BOOLEAN NOT NULL DEFAULT FALSE,
	ok_to_text BOOLEAN NOT NULL DEFAULT FALSE,
	discreet_mail BOOLEAN NOT NULL DEFAULT FALSE,
	emergency_name TEXT NOT NULL DEFAULT '',
	emergency_relationship TEXT NOT NULL DEFAULT '',
	emergency_phone TEXT NOT NULL DEFAULT '',
	preferred_language TEXT NOT NULL DEFAULT '',
	created_at {{time}} NOT NULL,
	updated_at {{time}} NOT NULL
);
CREATE INDEX clients_name ON clients (name_to_use);

CREATE TABLE inquiries (
	id {{id}},
	source TEXT NOT NULL,
	caller_type TEXT NOT NULL,
	caller_name TEXT NOT NULL DEFAULT '',
	caller_relationship TEXT NOT NULL DEFAULT '',
	name_to_use TEXT NOT NULL,
	pronouns TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	ok_to_voicemail BOOLEAN NOT NULL DEFAULT FALSE,
	ok_to_text BOOLEAN NOT NULL DEFAULT FALSE,
	substances TEXT NOT NULL DEFAULT '',
	insurance TEXT NOT NULL DEFAULT '',
	referral_source TEXT NOT NULL DEFAULT '',
	notes TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL,
	status_changed_at {{time}} NOT NULL,
	close_reason TEXT NOT NULL DEFAULT '',
	screening_level TEXT NOT NULL DEFAULT '',
	screening_reasons TEXT NOT NULL DEFAULT '',
	client_id BIGINT REFERENCES clients (id),
	created_at {{time}} NOT NULL
);
CREATE INDEX inquiries_status ON inquiries (status, status_changed_at);

CREATE TABLE episodes (
	id {{id}},
	client_id BIGINT NOT NULL REFERENCES clients (id),
	program_id BIGINT NOT NULL REFERENCES programs (id),
	admitted_on TEXT NOT NULL,
	primary_counselor_id BIGINT NOT NULL REFERENCES staff (id),
	discharged_on TEXT NOT NULL DEFAULT '',
	discharge_reason TEXT NOT NULL DEFAULT '',
	discharge_summary TEXT NOT NULL DEFAULT '',
	referrals TEXT NOT NULL DEFAULT '',
	created_at {{time}} NOT NULL
);
CREATE INDEX episodes_client ON episodes (client_id);
CREATE INDEX episodes_counselor ON episodes (primary_counselor_id, discharged_on);

CREATE TABLE episode_diagnoses (
	episode_id BIGINT NOT NULL REFERENCES episodes (id),
	position INTEGER NOT NULL,
	code TEXT NOT NULL,
	title TEXT NOT NULL,
	PRIMARY KEY (episode_id, code)
);

-- Uploaded files, such as scans of signed paper consents.
CREATE TABLE documents (
	id {{id}},
	client_id BIGINT NOT NULL REFERENCES clients (id),
	name TEXT NOT NULL,
	content_type TEXT NOT NULL,
	data {{blob}} NOT NULL,
	created_at {{time}} NOT NULL,
	created_by BIGINT REFERENCES staff (id)
);

-- List-valued elements are stored one per line.
CREATE TABLE consents (
	id {{id}},
	client_id BIGINT NOT NULL REFERENCES clients (id),
	discloser TEXT NOT NULL,
	information TEXT NOT NULL,
	information_detail TEXT NOT NULL,
	recipients TEXT NOT NULL,
	tpo BOOLEAN NOT NULL,
	purposes TEXT NOT NULL,
	purpose_detail TEXT NOT NULL DEFAULT '',
	expiry TEXT NOT NULL,
	expires_on TEXT NOT NULL DEFAULT '',
	revocation_noted BOOLEAN NOT NULL,
	signed_name TEXT NOT NULL,
	signed_on TEXT NOT NULL,
	signature_method TEXT NOT NULL,
	scan_document_id BIGINT REFERENCES documents (id),
	revoked_at {{time}},
	revoke_note TEXT NOT NULL DEFAULT '',
	created_at {{time}} NOT NULL,
	created_by BIGINT REFERENCES staff (id)
);
CREATE INDEX consents_client ON consents (client_id);

-- The accounting of disclosures: what left, to whom, when, under which consent.
CREATE TABLE disclosures (
	id {{id}},
	client_id BIGINT NOT NULL REFERENCES clients (id),
	consent_id BIGINT NOT NULL REFERENCES consents (id),
	recipient TEXT NOT NULL,
	purpose TEXT NOT NULL,
	information TEXT NOT NULL,
	method TEXT NOT NULL,
	disclosed_at {{time}} NOT NULL,
	disclosed_by BIGINT REFERENCES staff (id),
	disclosed_by_name TEXT NOT NULL
);
CREATE INDEX disclosures_client ON disclosures (client_id, disclosed_at);

CREATE TABLE break_glass (
	id {{id}},
	staff_id BIGINT NOT NULL REFERENCES staff (id),
	client_id BIGINT NOT NULL REFERENCES clients (id),
	reason TEXT NOT NULL,
	started_at {{time}} NOT NULL,
	expires_at {{time}} NOT NULL
);
CREATE INDEX break_glass_access ON break_glass (staff_id, client_id, expires_at);

CREATE TABLE alerts (
	id {{id}},
	kind TEXT NOT NULL,
	client_id BIGINT REFERENCES clients (id),
	for_staff_id BIGINT REFERENCES staff (id),
	for_role TEXT NOT NULL DEFAULT '',
	message TEXT NOT NULL,
	created_at {{time}} NOT NULL,
	acknowledged_at {{time}},
	acknowledged_by BIGINT REFERENCES staff (id),
	note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alerts_open ON alerts (acknowledged_at, for_role, for_staff_id);

-- Measurement-based care: completed instruments, which are due when, drug
-- screens, and who answers safety alerts.

-- Definitions an admin loaded from a file, beside the built-in ones. Only
-- the newest version of a code is used for new responses; responses keep
-- the version they were scored with.
CREATE TABLE instrument_definitions (
	id {{id}},
	code TEXT NOT NULL,
	version TEXT NOT NULL,
	body TEXT NOT NULL,
	loaded_by BIGINT REFERENCES staff (id), -- NULL: the command line
	loaded_at {{time}} NOT NULL,
	UNIQUE (code, version)
);

-- A completed instrument. The score is stored, never recomputed, so a later
-- change to a definition leaves history as it was scored.
CREATE TABLE measure_responses (
	id {{id}},
	client_id BIGINT NOT NULL REFERENCES clients (id),
	code TEXT NOT NULL,
	version TEXT NOT NULL,
	answers TEXT NOT NULL,
	total INTEGER NOT NULL,
	severity TEXT NOT NULL,
	flags TEXT NOT NULL DEFAULT '',
	subscales TEXT NOT NULL DEFAULT '',
	threshold TEXT NOT NULL DEFAULT '',
	taken_on TEXT NOT NULL,
	entered_by BIGINT REFERENCES staff (id),
	by_client BOOLEAN NOT NULL DEFAULT FALSE,
	created_at {{time}} NOT NULL
);
CREATE INDEX measure_responses_client ON measure_responses (client_id, code, taken_on);

-- Instruments a counselor asked the client to complete in the portal.
CREATE TABLE measure_assignments (
	id {{id}},
	client_id BIGINT NOT NULL REFERENCES clients (id),
	code TEXT NOT NULL,
	assigned_by BIGINT REFERENCES staff (id),
	assigned_at {{time}} NOT NULL,
	response_id BIGINT REFERENCES measure_responses (id)
);
CREATE INDEX measure_assignments_client ON measure_assignments (client_id, response_id);

-- A program's own schedule; programs without one use the default.
ALTER TABLE programs ADD COLUMN measure_schedule_set BOOLEAN NOT NULL DEFAULT FALSE;
CREATE TABLE measure_schedules (
	program_id BIGINT NOT NULL REFERENCES programs (id),
	code TEXT NOT NULL,
	at_admission BOOLEAN NOT NULL,
	every_days INTEGER NOT NULL,
	PRIMARY KEY (program_id, code)
);

-- Who answers safety alerts out of hours, and how long an alert may wait
-- before supervisors see it too.
ALTER TABLE organizations ADD COLUMN on_call_staff_id BIGINT REFERENCES staff (id);
ALTER TABLE organizations ADD COLUMN alert_escalation_minutes INTEGER NOT NULL DEFAULT 30;
ALTER TABLE organizations ADD COLUMN screen_panel TEXT NOT NULL DEFAULT 'alcohol,amphetamines,benzodiazepines,buprenorphine,cannabis,cocaine,fentanyl,methadone,methamphetamine,opiates,oxycodone';

-- An alert may go to a second person (the on-call staff member), and says
-- what was done about it.
ALTER TABLE alerts ADD COLUMN also_staff_id BIGINT REFERENCES staff (id);
ALTER TABLE alerts ADD COLUMN action TEXT NOT NULL DEFAULT '';
ALTER TABLE alerts ADD COLUMN escalates BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE drug_screens (
	id {{id}},
	client_id BIGINT NOT NULL REFERENCES clients (id),
	collected_on TEXT NOT NULL,
	specimen TEXT NOT NULL,
	observed BOOLEAN NOT NULL,
	method TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	recorded_by BIGINT REFERENCES staff (id),
	created_at {{time}} NOT NULL
);
CREATE INDEX drug_screens_client ON drug_screens (client_id, collected_on);
CREATE TABLE drug_screen_results (
	screen_id BIGINT NOT NULL REFERENCES drug_screens (id),
	substance TEXT NOT NULL,
	result TEXT NOT NULL,
	PRIMARY KEY (screen_id, substance)
);

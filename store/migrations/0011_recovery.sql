-- The relapse-prevention plan, the trigger-and-skill log and weekly goals.

-- Each save of a plan is a new version, kept whole as JSON (the domain's
-- PlanContent): a version is read and shown as one document, never queried
-- inside, and earlier versions stay exactly as they were saved.
CREATE TABLE recovery_plans (
	client_id BIGINT NOT NULL REFERENCES clients (id),
	version INTEGER NOT NULL,
	content TEXT NOT NULL,
	by_client BOOLEAN NOT NULL,
	saved_by BIGINT REFERENCES staff (id), -- NULL when the client saved it
	saved_at {{time}} NOT NULL,
	PRIMARY KEY (client_id, version)
);

-- The program's curriculum of coping skills, in the order forms offer
-- them; empty until an admin edits it, meaning kinship.DefaultSkills.
CREATE TABLE curriculum_skills (
	id {{id}},
	name TEXT NOT NULL UNIQUE,
	sort_order INTEGER NOT NULL
);

-- An entry keeps the skill's name as it was, so editing the curriculum
-- never rewrites a client's history.
CREATE TABLE skill_log (
	id {{id}},
	client_id BIGINT NOT NULL REFERENCES clients (id),
	day TEXT NOT NULL,
	situation TEXT NOT NULL,
	trigger_text TEXT NOT NULL,
	skill TEXT NOT NULL,
	outcome INTEGER NOT NULL,
	shared BOOLEAN NOT NULL DEFAULT FALSE,
	created_at {{time}} NOT NULL
);
CREATE INDEX skill_log_client ON skill_log (client_id, day);
CREATE INDEX skill_log_shared ON skill_log (shared, day);

CREATE TABLE goals (
	id {{id}},
	client_id BIGINT NOT NULL REFERENCES clients (id),
	week TEXT NOT NULL, -- ISO week, like 2026-W48
	title TEXT NOT NULL,
	target INTEGER NOT NULL,
	done INTEGER NOT NULL DEFAULT 0,
	created_at {{time}} NOT NULL
);
CREATE INDEX goals_client_week ON goals (client_id, week);

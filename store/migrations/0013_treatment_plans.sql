-- Treatment plans: one row per version of a client's plan for an episode.
-- A version is a draft until its clinician signs it; from then on it and
-- its rows never change, and a change is the next version. The client's
-- signature (in person or in their portal) may come later.
CREATE TABLE treatment_plans (
	id {{id}},
	client_id BIGINT NOT NULL REFERENCES clients (id),
	episode_id BIGINT NOT NULL REFERENCES episodes (id),
	version INTEGER NOT NULL, -- counts the client's versions, across episodes
	saved_by BIGINT REFERENCES staff (id),
	saved_at {{time}} NOT NULL,
	signed_by BIGINT REFERENCES staff (id), -- NULL while a draft
	signed_name TEXT NOT NULL DEFAULT '',
	signed_on TEXT NOT NULL DEFAULT '',
	signed_at {{time}},
	client_signed_name TEXT NOT NULL DEFAULT '',
	client_signed_on TEXT NOT NULL DEFAULT '',
	client_signed_via TEXT NOT NULL DEFAULT '', -- in_person or portal
	client_signed_at {{time}},
	client_witness_id BIGINT REFERENCES staff (id), -- who recorded an in-person signature
	UNIQUE (client_id, version)
);
CREATE INDEX treatment_plans_episode ON treatment_plans (episode_id, version);

-- A version's content, each row placed by its position in the plan
-- (problem, goal within it, row within that), so a draft is rewritten
-- whole on each save. Objectives alone have ids, for notes to link to;
-- a draft's save keeps the ids of the objectives still in it.
CREATE TABLE plan_problems (
	plan_id BIGINT NOT NULL REFERENCES treatment_plans (id),
	position INTEGER NOT NULL,
	diagnosis TEXT NOT NULL,
	text TEXT NOT NULL,
	PRIMARY KEY (plan_id, position)
);

CREATE TABLE plan_goals (
	plan_id BIGINT NOT NULL REFERENCES treatment_plans (id),
	problem INTEGER NOT NULL,
	position INTEGER NOT NULL,
	text TEXT NOT NULL,
	PRIMARY KEY (plan_id, problem, position)
);

CREATE TABLE plan_objectives (
	id {{id}},
	plan_id BIGINT NOT NULL REFERENCES treatment_plans (id),
	problem INTEGER NOT NULL,
	goal INTEGER NOT NULL,
	position INTEGER NOT NULL,
	text TEXT NOT NULL,
	target_on TEXT NOT NULL,
	instrument TEXT NOT NULL DEFAULT '',
	comparison TEXT NOT NULL DEFAULT '',
	threshold INTEGER -- NULL when not measured
);
CREATE INDEX plan_objectives_plan ON plan_objectives (plan_id, problem, goal, position);

CREATE TABLE plan_interventions (
	plan_id BIGINT NOT NULL REFERENCES treatment_plans (id),
	problem INTEGER NOT NULL,
	goal INTEGER NOT NULL,
	position INTEGER NOT NULL,
	what TEXT NOT NULL,
	frequency TEXT NOT NULL,
	staff_id BIGINT REFERENCES staff (id), -- NULL when a role delivers it
	role TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (plan_id, problem, goal, position)
);

ALTER TABLE organizations ADD COLUMN plan_review_days INTEGER NOT NULL DEFAULT 30;

-- Tracks: a program's weekly schedules. days holds ISO weekday numbers
-- (1 = Monday … 7 = Sunday) as "1,2,3,4,5"; times are minutes after
-- midnight in the site's timezone.
CREATE TABLE tracks (
	id {{id}},
	program_id BIGINT NOT NULL REFERENCES programs (id),
	name TEXT NOT NULL,
	days TEXT NOT NULL,
	start_minute INTEGER NOT NULL,
	end_minute INTEGER NOT NULL,
	created_at {{time}} NOT NULL,
	UNIQUE (program_id, name),
	CHECK (end_minute > start_minute)
);

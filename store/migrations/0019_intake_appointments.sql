-- An intake assessment is an appointment booked for an inquiry, before the
-- person is a client: a one-off session with a clinician at a set time.
ALTER TABLE sessions ADD COLUMN inquiry_id BIGINT REFERENCES inquiries (id);
CREATE INDEX sessions_inquiry ON sessions (inquiry_id);
INSERT INTO session_types (name, kind) VALUES ('Intake assessment', 'assessment');

-- Why a group note was signed with attendees' parts alike (empty when they
-- were not): auditors flag cloned notes, so the reason stays with it.
ALTER TABLE group_notes ADD COLUMN clone_reason TEXT NOT NULL DEFAULT '';

-- Double-booking checks look up a counselor's or a room's sessions on a
-- few days.
CREATE INDEX sessions_facilitator ON sessions (facilitator_id, on_date);
CREATE INDEX sessions_room ON sessions (room_id, on_date);
-- Clients in care: the at-risk list, planning, chart status.
CREATE INDEX episodes_open ON episodes (client_id) WHERE discharged_on = '';

-- The audit log is listed by id (newest first) for a patient or an actor,
-- through audit_page_by_patient and audit_page_by_actor (0011). The two
-- indexes by time are used by no query, yet every audit row, one per read
-- and per write, had to update them too.
DROP INDEX audit_by_patient;
DROP INDEX audit_by_actor;

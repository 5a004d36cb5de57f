-- Keyset paging: a page seeks to the row after its cursor through an index
-- that ends with the list's sort key. Dose events, observations and alerts
-- already have one ((patient_id, time) plus the rowid every index carries);
-- the audit log is read newest first by id, per patient or per actor.
CREATE INDEX audit_page_by_patient ON audit_events(patient_id, id);
CREATE INDEX audit_page_by_actor ON audit_events(actor, id);

-- The records an audited action read or wrote: "kind:id" values separated by
-- commas ("dose_event:12,dose_event:13"); empty when it touched none.
ALTER TABLE audit_events ADD COLUMN record_ids TEXT NOT NULL DEFAULT '';

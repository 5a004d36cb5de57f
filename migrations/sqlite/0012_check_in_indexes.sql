-- Indexes for what every check-in reads, so that its cost does not grow with
-- the patient's record: alert evaluation reads the dose events taken or
-- planned since a window's start (filed_at has its index; planned_at gets
-- one), every instrument score and side effect (by kind), and the newest
-- entry's recording time (created_at, newest first).
CREATE INDEX dose_events_by_patient_planned ON dose_events(patient_id, planned_at);
CREATE INDEX dose_events_by_patient_created ON dose_events(patient_id, created_at);
CREATE INDEX observations_by_patient_kind ON observations(patient_id, kind, observed_at);
CREATE INDEX observations_by_patient_created ON observations(patient_id, created_at);

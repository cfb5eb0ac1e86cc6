-- joint handling: a service's route of steps; tickets of one case share number and track token
ALTER TABLE services ADD COLUMN route TEXT;
ALTER TABLE tickets ADD COLUMN case_id TEXT;
ALTER TABLE tickets ADD COLUMN case_service_id TEXT;
ALTER TABLE tickets ADD COLUMN route_step INTEGER;
ALTER TABLE tickets ADD COLUMN route_total INTEGER;
CREATE INDEX tickets_case ON tickets(case_id) WHERE case_id IS NOT NULL;

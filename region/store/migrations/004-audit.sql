-- What region admins did (users, scopes, halls, tokens, epochs): written in the same
-- transaction as the change. `target` names the user or hall; no passwords or tokens.
CREATE TABLE region_audit (
  id BIGSERIAL PRIMARY KEY,
  at TIMESTAMPTZ NOT NULL DEFAULT now(),
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  details JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX region_audit_at ON region_audit (at DESC);

-- The grouper state becomes a snapshot (state_bin, as of snap_version)
-- plus the log of the placements made since, one row each, so that a
-- placement writes one small row instead of the whole state.
ALTER TABLE grouper ADD COLUMN snap_version BIGINT NOT NULL DEFAULT 0;
UPDATE grouper SET snap_version = version;
CREATE TABLE grouper_log (
  version BIGINT PRIMARY KEY,
  step    BLOB   NOT NULL
);

-- The grouper state as gob bytes: a third of the JSON's size and far
-- quicker to write and read on every placement.
ALTER TABLE grouper ADD COLUMN state_bin BYTEA;
-- The one row is rewritten on every placement: vacuum it (and its TOAST
-- chunks) after a few dozen updates rather than after a fifth of the
-- table has died, so the dead copies do not pile up into gigabytes.
ALTER TABLE grouper SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 50,
  toast.autovacuum_vacuum_scale_factor = 0, toast.autovacuum_vacuum_threshold = 50);

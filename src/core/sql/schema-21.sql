-- Comptoir schema, version 21: the length by which the lists count the numbers (schema 20,
-- number_bucket_length) can be chosen again when the numbers have outgrown it (issue 11).
-- Schema 20 chose it once, from the numbers there were: 11 for a new file, and a file with
-- a few hundred numbers got the length that suited those. Numbers shorter than it are a
-- bucket each, so a new file numbered "2026-0001" (9 characters) kept one bucket a document:
-- at 100 000 invoices a jump added 100 000 counts up, slower than the walk it replaced; and
-- a length chosen from "1" to "99" (1) left buckets of 100 000 numbers at a million.
-- Comptoir chooses it again when a file is opened for writing and its buckets have become
-- too many or too big (cpt-store-number-buckets.c); `judged` keeps what a jump cost when it
-- was last chosen, so that the numbers are looked at again only once that has doubled. Changing it counts the numbers again by
-- the new length, here in SQL, so that the counts follow the length whoever changes it (the
-- plain sqlite3 tool too); it can still be neither added nor removed.
DROP TRIGGER number_bucket_length_no_update;
ALTER TABLE number_bucket_length ADD COLUMN judged INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER number_bucket_length_on_update AFTER UPDATE OF length ON number_bucket_length
  WHEN old.length IS NOT new.length BEGIN
  -- the drafts' parts (key '') do not depend on it
  DELETE FROM kind_number_counts WHERE prefix != '';
  INSERT INTO kind_number_counts (kind, prefix, part, count)
    SELECT kind, substr (coalesce (number, ''), 1, new.length), 0, count(*)
    FROM documents WHERE coalesce (number, '') != ''
    GROUP BY kind, substr (coalesce (number, ''), 1, new.length);
END;

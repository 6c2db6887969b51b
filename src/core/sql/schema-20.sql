-- Comptoir schema, version 20: the number of documents of each kind by the beginning of their
-- number (issue 11), as schema 19 keeps them by due date, client and amount. A list of some
-- kinds sorted by number finds the row at any position from these counts instead of walking
-- its index up to the row: at a million documents, a jump to the middle of the invoices by
-- number walked ~386 000 index entries first (95 ms).
--
-- The list orders by (coalesce (number, ''), id), in text order. Cutting every number to the
-- same length keeps that order (a < b, then substr (a, 1, L) <= substr (b, 1, L)): the numbers
-- are counted by their first L characters. L is the
-- file's, one for every kind, as the lists of several kinds add their buckets up key by key
-- (with a length per kind, a short bucket of one kind would hold numbers that sort after a
-- longer bucket of another). A jump adds the counts up to the bucket (~1.3 µs a bucket), then
-- reads the bucket's rows (~1 µs a row): L is chosen when the file is brought to this version
-- as the longest that makes no more than 2 000 buckets of the numbers there are, from the most
-- common length less one to less five (at a million documents, "FA-2025-194384" gives 11:
-- ~1 000 numbers a bucket). A file without numbers takes 11: the default formats
-- ("FA-2026-0001") then make buckets of 10 numbers, 1 100 once a year passes 100 000
-- ("FA-2026-123" holds 1230 to 1239, 12300 to 12399 and 123000 to 123999). L is at least 1, so
-- that no number shares the key '' of the drafts. Any L keeps the order: one that suits the
-- numbers less only makes bigger buckets, or more (numbers shorter than L are a bucket each).
-- Documents without a number (drafts) share the key '': `part` cuts them by their id (1024
-- ids a part), as kind_due_counts does. Only built-in functions, so that the plain sqlite3 tool
-- can still write the file; the check computes the counts again (cpt-store-check.c).
CREATE TABLE number_bucket_length (
  length               INTEGER NOT NULL CHECK (length >= 1)
);
INSERT INTO number_bucket_length (length)
  WITH m AS (SELECT length (number) AS len FROM documents WHERE number IS NOT NULL
             GROUP BY 1 ORDER BY count(*) DESC, 1 DESC LIMIT 1),
  l (n) AS (SELECT len - 1 FROM m UNION ALL SELECT len - 2 FROM m UNION ALL SELECT len - 3 FROM m
            UNION ALL SELECT len - 4 FROM m UNION ALL SELECT len - 5 FROM m)
  SELECT coalesce ((SELECT max (n) FROM l WHERE n >= 1 AND (SELECT count (DISTINCT substr (number, 1, n))
                                                             FROM documents WHERE number IS NOT NULL) <= 2000),
                   (SELECT max (len - 5, 1) FROM m), 11);
-- One length for the life of the file: the counts below are kept by it.
CREATE TRIGGER number_bucket_length_no_insert BEFORE INSERT ON number_bucket_length BEGIN
  SELECT RAISE (ABORT, 'the counts of the lists by number are kept by one length');
END;
CREATE TRIGGER number_bucket_length_no_update BEFORE UPDATE ON number_bucket_length BEGIN
  SELECT RAISE (ABORT, 'the counts of the lists by number are kept by this length');
END;
CREATE TRIGGER number_bucket_length_no_delete BEFORE DELETE ON number_bucket_length BEGIN
  SELECT RAISE (ABORT, 'the counts of the lists by number are kept by this length');
END;

CREATE TABLE kind_number_counts (
  kind                 TEXT NOT NULL,
  prefix               TEXT NOT NULL,
  part                 INTEGER NOT NULL,
  count                INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, prefix, part)
) WITHOUT ROWID;
CREATE TRIGGER kind_number_counts_on_insert AFTER INSERT ON documents BEGIN
  INSERT INTO kind_number_counts (kind, prefix, part, count)
  VALUES (new.kind, substr (coalesce (new.number, ''), 1, (SELECT length FROM number_bucket_length)),
          CASE WHEN coalesce (new.number, '') = '' THEN new.id >> 10 ELSE 0 END, 1)
  ON CONFLICT (kind, prefix, part) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER kind_number_counts_on_delete AFTER DELETE ON documents BEGIN
  UPDATE kind_number_counts SET count = count - 1
  WHERE kind = old.kind
    AND prefix = substr (coalesce (old.number, ''), 1, (SELECT length FROM number_bucket_length))
    AND part = CASE WHEN coalesce (old.number, '') = '' THEN old.id >> 10 ELSE 0 END;
END;
CREATE TRIGGER kind_number_counts_on_change AFTER UPDATE OF kind, number, id ON documents
  WHEN old.kind IS NOT new.kind OR old.number IS NOT new.number OR old.id IS NOT new.id BEGIN
  UPDATE kind_number_counts SET count = count - 1
  WHERE kind = old.kind
    AND prefix = substr (coalesce (old.number, ''), 1, (SELECT length FROM number_bucket_length))
    AND part = CASE WHEN coalesce (old.number, '') = '' THEN old.id >> 10 ELSE 0 END;
  INSERT INTO kind_number_counts (kind, prefix, part, count)
  VALUES (new.kind, substr (coalesce (new.number, ''), 1, (SELECT length FROM number_bucket_length)),
          CASE WHEN coalesce (new.number, '') = '' THEN new.id >> 10 ELSE 0 END, 1)
  ON CONFLICT (kind, prefix, part) DO UPDATE SET count = count + 1;
END;
-- Counted in the order of the index on (kind, coalesce (number, ''), id): the numbered ones by
-- prefix, the others by part.
INSERT INTO kind_number_counts (kind, prefix, part, count)
  SELECT kind, substr (coalesce (number, ''), 1, (SELECT length FROM number_bucket_length)), 0, count(*)
  FROM documents WHERE coalesce (number, '') != ''
  GROUP BY kind, substr (coalesce (number, ''), 1, (SELECT length FROM number_bucket_length));
INSERT INTO kind_number_counts (kind, prefix, part, count)
  SELECT kind, '', id >> 10, count(*) FROM documents
  WHERE coalesce (number, '') = '' GROUP BY kind, id >> 10;

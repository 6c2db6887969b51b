-- Comptoir schema, version 22: the paid invoices and deposit invoices of each kind counted by
-- the first key of the lists sorted by client, amount and number (issue 11), as schema 19
-- counts them by due date and schema 18 by day. A list of the paid ones sorted that way found
-- a row at a position by walking its index and looking up each row's receivable: at a million
-- documents, a jump to the middle of the 686 000 paid invoices by client walked ~340 000 rows
-- first (170-185 ms). With these counts it adds the counts up to the key (or bucket) that
-- holds the position, then reads that key's few rows.
--
-- The keys are those of kind_client_counts (schema 19) and kind_number_counts (schema 20,
-- with its number_bucket_length), read from the receivable's document; the amounts are
-- bucketed by their first three digits, not two as kind_total_counts does: a jump reads the
-- rows of its bucket and looks each one's receivable up, and at a million documents the
-- buckets of two digits held up to 14 700 invoices (25 ms a jump), those of three ~1 500. "Paid" is the status of cpt_status_derive (): nothing left to pay, and not
-- credited in full. The receivables' triggers move a count only when a receivable becomes or
-- stops being paid (a payment on one already paid moves none); the documents' triggers move it
-- when a paid one's key changes (only a migration rewriting the sort keys can: a validated
-- document is locked). Those skip the update that validates a document: its receivable is
-- made by that update's own trigger, from the keys it writes, and SQLite does not say in
-- which order two triggers of one update run. Only built-in functions, so that the plain sqlite3 tool can still
-- write the file; the check computes the counts again (cpt-store-check.c).

-- By client.
CREATE TABLE paid_by_kind_client (
  kind                 TEXT NOT NULL,
  client               TEXT NOT NULL,
  count                INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, client)
) WITHOUT ROWID;
CREATE TRIGGER paid_by_client_on_insert AFTER INSERT ON receivables
  WHEN new.balance <= 0 AND NOT (new.credited > 0 AND new.credited >= new.amount_due) BEGIN
  INSERT INTO paid_by_kind_client (kind, client, count)
  SELECT new.kind, coalesce (d.client_sort_name, ''), 1 FROM documents d WHERE d.id = new.document_id
  ON CONFLICT (kind, client) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER paid_by_client_on_update_remove AFTER UPDATE ON receivables
  WHEN old.balance <= 0 AND NOT (old.credited > 0 AND old.credited >= old.amount_due)
   AND NOT (new.balance <= 0 AND NOT (new.credited > 0 AND new.credited >= new.amount_due)
            AND new.kind IS old.kind AND new.document_id IS old.document_id) BEGIN
  UPDATE paid_by_kind_client SET count = count - 1
  WHERE (kind, client) = (SELECT old.kind, coalesce (d.client_sort_name, '')
                          FROM documents d WHERE d.id = old.document_id);
END;
CREATE TRIGGER paid_by_client_on_update_add AFTER UPDATE ON receivables
  WHEN new.balance <= 0 AND NOT (new.credited > 0 AND new.credited >= new.amount_due)
   AND NOT (old.balance <= 0 AND NOT (old.credited > 0 AND old.credited >= old.amount_due)
            AND new.kind IS old.kind AND new.document_id IS old.document_id) BEGIN
  INSERT INTO paid_by_kind_client (kind, client, count)
  SELECT new.kind, coalesce (d.client_sort_name, ''), 1 FROM documents d WHERE d.id = new.document_id
  ON CONFLICT (kind, client) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER paid_by_client_on_delete AFTER DELETE ON receivables
  WHEN old.balance <= 0 AND NOT (old.credited > 0 AND old.credited >= old.amount_due) BEGIN
  UPDATE paid_by_kind_client SET count = count - 1
  WHERE (kind, client) = (SELECT old.kind, coalesce (d.client_sort_name, '')
                          FROM documents d WHERE d.id = old.document_id);
END;
CREATE TRIGGER paid_by_client_on_key AFTER UPDATE OF client_sort_name ON documents
  WHEN old.client_sort_name IS NOT new.client_sort_name AND old.status IS new.status BEGIN
  UPDATE paid_by_kind_client SET count = count - 1
  WHERE (kind, client) = (SELECT r.kind, coalesce (old.client_sort_name, '') FROM receivables r
                          WHERE r.document_id = old.id AND r.balance <= 0
                            AND NOT (r.credited > 0 AND r.credited >= r.amount_due));
  INSERT INTO paid_by_kind_client (kind, client, count)
  SELECT r.kind, coalesce (new.client_sort_name, ''), 1 FROM receivables r
  WHERE r.document_id = new.id AND r.balance <= 0 AND NOT (r.credited > 0 AND r.credited >= r.amount_due)
  ON CONFLICT (kind, client) DO UPDATE SET count = count + 1;
END;
INSERT INTO paid_by_kind_client (kind, client, count)
  SELECT r.kind, coalesce (d.client_sort_name, ''), count(*)
  FROM receivables r JOIN documents d ON d.id = r.document_id
  WHERE r.balance <= 0 AND NOT (r.credited > 0 AND r.credited >= r.amount_due)
  GROUP BY 1, 2;

-- By amount: the number of digits and the first three (1 234,56 € = 123456 cents: 6 × 1000 +
-- 123 = 6123, the amounts from 123000 to 123999), negated below zero.
CREATE TABLE paid_by_kind_total (
  kind                 TEXT NOT NULL,
  bucket               INTEGER NOT NULL,
  count                INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, bucket)
) WITHOUT ROWID;
CREATE TRIGGER paid_by_total_on_insert AFTER INSERT ON receivables
  WHEN new.balance <= 0 AND NOT (new.credited > 0 AND new.credited >= new.amount_due) BEGIN
  INSERT INTO paid_by_kind_total (kind, bucket, count)
  SELECT new.kind,
         CASE WHEN d.total_gross > 0 THEN length (d.total_gross) * 1000 + substr (d.total_gross, 1, 3)
              WHEN d.total_gross < 0 THEN -(length (-d.total_gross) * 1000 + substr (-d.total_gross, 1, 3))
              ELSE 0 END, 1
  FROM documents d WHERE d.id = new.document_id
  ON CONFLICT (kind, bucket) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER paid_by_total_on_update_remove AFTER UPDATE ON receivables
  WHEN old.balance <= 0 AND NOT (old.credited > 0 AND old.credited >= old.amount_due)
   AND NOT (new.balance <= 0 AND NOT (new.credited > 0 AND new.credited >= new.amount_due)
            AND new.kind IS old.kind AND new.document_id IS old.document_id) BEGIN
  UPDATE paid_by_kind_total SET count = count - 1
  WHERE (kind, bucket) = (
    SELECT old.kind,
           CASE WHEN d.total_gross > 0 THEN length (d.total_gross) * 1000 + substr (d.total_gross, 1, 3)
                WHEN d.total_gross < 0 THEN -(length (-d.total_gross) * 1000 + substr (-d.total_gross, 1, 3))
                ELSE 0 END
    FROM documents d WHERE d.id = old.document_id);
END;
CREATE TRIGGER paid_by_total_on_update_add AFTER UPDATE ON receivables
  WHEN new.balance <= 0 AND NOT (new.credited > 0 AND new.credited >= new.amount_due)
   AND NOT (old.balance <= 0 AND NOT (old.credited > 0 AND old.credited >= old.amount_due)
            AND new.kind IS old.kind AND new.document_id IS old.document_id) BEGIN
  INSERT INTO paid_by_kind_total (kind, bucket, count)
  SELECT new.kind,
         CASE WHEN d.total_gross > 0 THEN length (d.total_gross) * 1000 + substr (d.total_gross, 1, 3)
              WHEN d.total_gross < 0 THEN -(length (-d.total_gross) * 1000 + substr (-d.total_gross, 1, 3))
              ELSE 0 END, 1
  FROM documents d WHERE d.id = new.document_id
  ON CONFLICT (kind, bucket) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER paid_by_total_on_delete AFTER DELETE ON receivables
  WHEN old.balance <= 0 AND NOT (old.credited > 0 AND old.credited >= old.amount_due) BEGIN
  UPDATE paid_by_kind_total SET count = count - 1
  WHERE (kind, bucket) = (
    SELECT old.kind,
           CASE WHEN d.total_gross > 0 THEN length (d.total_gross) * 1000 + substr (d.total_gross, 1, 3)
                WHEN d.total_gross < 0 THEN -(length (-d.total_gross) * 1000 + substr (-d.total_gross, 1, 3))
                ELSE 0 END
    FROM documents d WHERE d.id = old.document_id);
END;
CREATE TRIGGER paid_by_total_on_key AFTER UPDATE OF total_gross ON documents
  WHEN old.total_gross IS NOT new.total_gross AND old.status IS new.status BEGIN
  UPDATE paid_by_kind_total SET count = count - 1
  WHERE (kind, bucket) = (
    SELECT r.kind,
           CASE WHEN old.total_gross > 0 THEN length (old.total_gross) * 1000 + substr (old.total_gross, 1, 3)
                WHEN old.total_gross < 0 THEN -(length (-old.total_gross) * 1000 + substr (-old.total_gross, 1, 3))
                ELSE 0 END
    FROM receivables r WHERE r.document_id = old.id AND r.balance <= 0
      AND NOT (r.credited > 0 AND r.credited >= r.amount_due));
  INSERT INTO paid_by_kind_total (kind, bucket, count)
  SELECT r.kind,
         CASE WHEN new.total_gross > 0 THEN length (new.total_gross) * 1000 + substr (new.total_gross, 1, 3)
              WHEN new.total_gross < 0 THEN -(length (-new.total_gross) * 1000 + substr (-new.total_gross, 1, 3))
              ELSE 0 END, 1
  FROM receivables r WHERE r.document_id = new.id AND r.balance <= 0
    AND NOT (r.credited > 0 AND r.credited >= r.amount_due)
  ON CONFLICT (kind, bucket) DO UPDATE SET count = count + 1;
END;
INSERT INTO paid_by_kind_total (kind, bucket, count)
  SELECT r.kind,
         CASE WHEN d.total_gross > 0 THEN length (d.total_gross) * 1000 + substr (d.total_gross, 1, 3)
              WHEN d.total_gross < 0 THEN -(length (-d.total_gross) * 1000 + substr (-d.total_gross, 1, 3))
              ELSE 0 END, count(*)
  FROM receivables r JOIN documents d ON d.id = r.document_id
  WHERE r.balance <= 0 AND NOT (r.credited > 0 AND r.credited >= r.amount_due)
  GROUP BY 1, 2;

-- By number, by the prefix of kind_number_counts (the first number_bucket_length characters);
-- a document without a number (none has a receivable, but the key is the lists') by its part.
CREATE TABLE paid_by_kind_number (
  kind                 TEXT NOT NULL,
  prefix               TEXT NOT NULL,
  part                 INTEGER NOT NULL,
  count                INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, prefix, part)
) WITHOUT ROWID;
CREATE TRIGGER paid_by_number_on_insert AFTER INSERT ON receivables
  WHEN new.balance <= 0 AND NOT (new.credited > 0 AND new.credited >= new.amount_due) BEGIN
  INSERT INTO paid_by_kind_number (kind, prefix, part, count)
  SELECT new.kind, substr (coalesce (d.number, ''), 1, (SELECT length FROM number_bucket_length)),
         CASE WHEN coalesce (d.number, '') = '' THEN d.id >> 10 ELSE 0 END, 1
  FROM documents d WHERE d.id = new.document_id
  ON CONFLICT (kind, prefix, part) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER paid_by_number_on_update_remove AFTER UPDATE ON receivables
  WHEN old.balance <= 0 AND NOT (old.credited > 0 AND old.credited >= old.amount_due)
   AND NOT (new.balance <= 0 AND NOT (new.credited > 0 AND new.credited >= new.amount_due)
            AND new.kind IS old.kind AND new.document_id IS old.document_id) BEGIN
  UPDATE paid_by_kind_number SET count = count - 1
  WHERE (kind, prefix, part) = (
    SELECT old.kind, substr (coalesce (d.number, ''), 1, (SELECT length FROM number_bucket_length)),
           CASE WHEN coalesce (d.number, '') = '' THEN d.id >> 10 ELSE 0 END
    FROM documents d WHERE d.id = old.document_id);
END;
CREATE TRIGGER paid_by_number_on_update_add AFTER UPDATE ON receivables
  WHEN new.balance <= 0 AND NOT (new.credited > 0 AND new.credited >= new.amount_due)
   AND NOT (old.balance <= 0 AND NOT (old.credited > 0 AND old.credited >= old.amount_due)
            AND new.kind IS old.kind AND new.document_id IS old.document_id) BEGIN
  INSERT INTO paid_by_kind_number (kind, prefix, part, count)
  SELECT new.kind, substr (coalesce (d.number, ''), 1, (SELECT length FROM number_bucket_length)),
         CASE WHEN coalesce (d.number, '') = '' THEN d.id >> 10 ELSE 0 END, 1
  FROM documents d WHERE d.id = new.document_id
  ON CONFLICT (kind, prefix, part) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER paid_by_number_on_delete AFTER DELETE ON receivables
  WHEN old.balance <= 0 AND NOT (old.credited > 0 AND old.credited >= old.amount_due) BEGIN
  UPDATE paid_by_kind_number SET count = count - 1
  WHERE (kind, prefix, part) = (
    SELECT old.kind, substr (coalesce (d.number, ''), 1, (SELECT length FROM number_bucket_length)),
           CASE WHEN coalesce (d.number, '') = '' THEN d.id >> 10 ELSE 0 END
    FROM documents d WHERE d.id = old.document_id);
END;
CREATE TRIGGER paid_by_number_on_key AFTER UPDATE OF number, id ON documents
  WHEN (old.number IS NOT new.number OR old.id IS NOT new.id) AND old.status IS new.status BEGIN
  UPDATE paid_by_kind_number SET count = count - 1
  WHERE (kind, prefix, part) = (
    SELECT r.kind, substr (coalesce (old.number, ''), 1, (SELECT length FROM number_bucket_length)),
           CASE WHEN coalesce (old.number, '') = '' THEN old.id >> 10 ELSE 0 END
    FROM receivables r WHERE r.document_id = old.id AND r.balance <= 0
      AND NOT (r.credited > 0 AND r.credited >= r.amount_due));
  INSERT INTO paid_by_kind_number (kind, prefix, part, count)
  SELECT r.kind, substr (coalesce (new.number, ''), 1, (SELECT length FROM number_bucket_length)),
         CASE WHEN coalesce (new.number, '') = '' THEN new.id >> 10 ELSE 0 END, 1
  FROM receivables r WHERE r.document_id = new.id AND r.balance <= 0
    AND NOT (r.credited > 0 AND r.credited >= r.amount_due)
  ON CONFLICT (kind, prefix, part) DO UPDATE SET count = count + 1;
END;
INSERT INTO paid_by_kind_number (kind, prefix, part, count)
  SELECT r.kind, substr (coalesce (d.number, ''), 1, (SELECT length FROM number_bucket_length)),
         CASE WHEN coalesce (d.number, '') = '' THEN d.id >> 10 ELSE 0 END, count(*)
  FROM receivables r JOIN documents d ON d.id = r.document_id
  WHERE r.balance <= 0 AND NOT (r.credited > 0 AND r.credited >= r.amount_due)
  GROUP BY 1, 2, 3;

-- A new length (schema 21) counts the paid ones again by it too.
DROP TRIGGER number_bucket_length_on_update;
CREATE TRIGGER number_bucket_length_on_update AFTER UPDATE OF length ON number_bucket_length
  WHEN old.length IS NOT new.length BEGIN
  -- the drafts' parts (key '') do not depend on it
  DELETE FROM kind_number_counts WHERE prefix != '';
  INSERT INTO kind_number_counts (kind, prefix, part, count)
    SELECT kind, substr (coalesce (number, ''), 1, new.length), 0, count(*)
    FROM documents WHERE coalesce (number, '') != ''
    GROUP BY kind, substr (coalesce (number, ''), 1, new.length);
  DELETE FROM paid_by_kind_number WHERE prefix != '';
  INSERT INTO paid_by_kind_number (kind, prefix, part, count)
    SELECT r.kind, substr (d.number, 1, new.length), 0, count(*)
    FROM receivables r JOIN documents d ON d.id = r.document_id
    WHERE coalesce (d.number, '') != '' AND r.balance <= 0
      AND NOT (r.credited > 0 AND r.credited >= r.amount_due)
    GROUP BY 1, 2;
END;

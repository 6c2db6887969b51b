-- Comptoir schema, version 19: the number of documents of each kind by the first key of the
-- lists' other sorts (issue 11), as schema 18 keeps them by day for the sort by date. A list of
-- some kinds sorted by due date, client or amount finds the row at any position from these
-- counts (a running sum over the keys finds the key, then OFFSET among that key's few rows)
-- instead of walking its index up to the row: at a million documents, a jump to the middle of
-- the 773 000 invoices by due date, client or amount walked ~386 000 index entries first.
-- One table per sort, each shaped as kind_day_counts: each keeps its own key type, and its
-- triggers fire only when its own column changes (a draft's new total touches the amounts
-- alone). Kept by the triggers below; the check computes them again (cpt-store-check.c).
-- Only built-in functions, so that the plain sqlite3 tool can still write the file.

-- By due date: the list orders by (coalesce (due_date, ''), id). The documents without a due
-- date (every quote and credit note) share the key '': `part` cuts them by their id (1024
-- ids a part) so that no key holds more than a day's or a thousand ids' worth of rows; the
-- others have part 0.
CREATE TABLE kind_due_counts (
  kind                 TEXT NOT NULL,
  due                  TEXT NOT NULL,
  part                 INTEGER NOT NULL,
  count                INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, due, part)
) WITHOUT ROWID;
CREATE TRIGGER kind_due_counts_on_insert AFTER INSERT ON documents BEGIN
  INSERT INTO kind_due_counts (kind, due, part, count)
  VALUES (new.kind, coalesce (new.due_date, ''),
          CASE WHEN coalesce (new.due_date, '') = '' THEN new.id >> 10 ELSE 0 END, 1)
  ON CONFLICT (kind, due, part) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER kind_due_counts_on_delete AFTER DELETE ON documents BEGIN
  UPDATE kind_due_counts SET count = count - 1
  WHERE kind = old.kind AND due = coalesce (old.due_date, '')
    AND part = CASE WHEN coalesce (old.due_date, '') = '' THEN old.id >> 10 ELSE 0 END;
END;
CREATE TRIGGER kind_due_counts_on_change AFTER UPDATE OF kind, due_date, id ON documents
  WHEN old.kind IS NOT new.kind OR old.due_date IS NOT new.due_date OR old.id IS NOT new.id BEGIN
  UPDATE kind_due_counts SET count = count - 1
  WHERE kind = old.kind AND due = coalesce (old.due_date, '')
    AND part = CASE WHEN coalesce (old.due_date, '') = '' THEN old.id >> 10 ELSE 0 END;
  INSERT INTO kind_due_counts (kind, due, part, count)
  VALUES (new.kind, coalesce (new.due_date, ''),
          CASE WHEN coalesce (new.due_date, '') = '' THEN new.id >> 10 ELSE 0 END, 1)
  ON CONFLICT (kind, due, part) DO UPDATE SET count = count + 1;
END;
-- Counted in the order of the index on (kind, coalesce (due_date, ''), id), and only the
-- documents without a due date sorted by their part.
INSERT INTO kind_due_counts (kind, due, part, count)
  SELECT kind, coalesce (due_date, ''), 0, count(*) FROM documents
  WHERE coalesce (due_date, '') != '' GROUP BY kind, coalesce (due_date, '');
INSERT INTO kind_due_counts (kind, due, part, count)
  SELECT kind, '', id >> 10, count(*) FROM documents
  WHERE coalesce (due_date, '') = '' GROUP BY kind, id >> 10;

-- The paid ones by due date, as paid_by_kind_day (schema 18) keeps them by day: the paid
-- receivables (the status "paid" of cpt_status_derive ()) counted by their document's key and
-- part as above. A receivable's own due date is its document's or, without one, its date: the
-- key is read from the document, which no longer changes once it has a receivable.
CREATE TABLE paid_by_kind_due (
  kind                 TEXT NOT NULL,
  due                  TEXT NOT NULL,
  part                 INTEGER NOT NULL,
  count                INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, due, part)
) WITHOUT ROWID;
CREATE TRIGGER paid_by_due_on_insert AFTER INSERT ON receivables
  WHEN new.balance <= 0 AND NOT (new.credited > 0 AND new.credited >= new.amount_due) BEGIN
  INSERT INTO paid_by_kind_due (kind, due, part, count)
  SELECT new.kind, coalesce (d.due_date, ''),
         CASE WHEN coalesce (d.due_date, '') = '' THEN d.id >> 10 ELSE 0 END, 1
  FROM documents d WHERE d.id = new.document_id
  ON CONFLICT (kind, due, part) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER paid_by_due_on_update_remove AFTER UPDATE ON receivables
  WHEN old.balance <= 0 AND NOT (old.credited > 0 AND old.credited >= old.amount_due) BEGIN
  UPDATE paid_by_kind_due SET count = count - 1
  WHERE (kind, due, part) = (SELECT old.kind, coalesce (d.due_date, ''),
                                    CASE WHEN coalesce (d.due_date, '') = '' THEN d.id >> 10 ELSE 0 END
                             FROM documents d WHERE d.id = old.document_id);
END;
CREATE TRIGGER paid_by_due_on_update_add AFTER UPDATE ON receivables
  WHEN new.balance <= 0 AND NOT (new.credited > 0 AND new.credited >= new.amount_due) BEGIN
  INSERT INTO paid_by_kind_due (kind, due, part, count)
  SELECT new.kind, coalesce (d.due_date, ''),
         CASE WHEN coalesce (d.due_date, '') = '' THEN d.id >> 10 ELSE 0 END, 1
  FROM documents d WHERE d.id = new.document_id
  ON CONFLICT (kind, due, part) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER paid_by_due_on_delete AFTER DELETE ON receivables
  WHEN old.balance <= 0 AND NOT (old.credited > 0 AND old.credited >= old.amount_due) BEGIN
  UPDATE paid_by_kind_due SET count = count - 1
  WHERE (kind, due, part) = (SELECT old.kind, coalesce (d.due_date, ''),
                                    CASE WHEN coalesce (d.due_date, '') = '' THEN d.id >> 10 ELSE 0 END
                             FROM documents d WHERE d.id = old.document_id);
END;
INSERT INTO paid_by_kind_due (kind, due, part, count)
  SELECT d.kind, coalesce (d.due_date, ''), 0, count(*)
  FROM documents d JOIN receivables r ON r.document_id = d.id
  WHERE coalesce (d.due_date, '') != '' AND r.balance <= 0
    AND NOT (r.credited > 0 AND r.credited >= r.amount_due)
  GROUP BY d.kind, coalesce (d.due_date, '');
INSERT INTO paid_by_kind_due (kind, due, part, count)
  SELECT d.kind, '', d.id >> 10, count(*)
  FROM documents d JOIN receivables r ON r.document_id = d.id
  WHERE coalesce (d.due_date, '') = '' AND r.balance <= 0
    AND NOT (r.credited > 0 AND r.credited >= r.amount_due)
  GROUP BY d.kind, d.id >> 10;

-- By client: the list orders by (client_sort_name, date, id); a client holds a few hundred
-- documents of a kind at most. Comptoir always writes the sort key (from client_name, which
-- is never NULL); a NULL one is counted under ''.
CREATE TABLE kind_client_counts (
  kind                 TEXT NOT NULL,
  client               TEXT NOT NULL,
  count                INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, client)
) WITHOUT ROWID;
CREATE TRIGGER kind_client_counts_on_insert AFTER INSERT ON documents BEGIN
  INSERT INTO kind_client_counts (kind, client, count)
  VALUES (new.kind, coalesce (new.client_sort_name, ''), 1)
  ON CONFLICT (kind, client) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER kind_client_counts_on_delete AFTER DELETE ON documents BEGIN
  UPDATE kind_client_counts SET count = count - 1
  WHERE kind = old.kind AND client = coalesce (old.client_sort_name, '');
END;
CREATE TRIGGER kind_client_counts_on_change AFTER UPDATE OF kind, client_sort_name ON documents
  WHEN old.kind IS NOT new.kind OR old.client_sort_name IS NOT new.client_sort_name BEGIN
  UPDATE kind_client_counts SET count = count - 1
  WHERE kind = old.kind AND client = coalesce (old.client_sort_name, '');
  INSERT INTO kind_client_counts (kind, client, count)
  VALUES (new.kind, coalesce (new.client_sort_name, ''), 1)
  ON CONFLICT (kind, client) DO UPDATE SET count = count + 1;
END;
INSERT INTO kind_client_counts (kind, client, count)
  SELECT kind, coalesce (client, ''), sum (count) FROM (
    SELECT kind, client_sort_name AS client, count(*) AS count FROM documents
    GROUP BY kind, client_sort_name)
  GROUP BY 1, 2;

-- By amount: the list orders by (total_gross, id). The amounts are nearly all different, so
-- they are counted by a bucket that keeps their order: the number of digits and the first
-- two of them (1 234,56 € = 123456 cents: 6 × 100 + 12 = 612), negated below zero. A bucket
-- holds the amounts between two bounds (612: 120000 to 129999), a few hundred buckets a kind.
CREATE TABLE kind_total_counts (
  kind                 TEXT NOT NULL,
  bucket               INTEGER NOT NULL,
  count                INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, bucket)
) WITHOUT ROWID;
CREATE TRIGGER kind_total_counts_on_insert AFTER INSERT ON documents BEGIN
  INSERT INTO kind_total_counts (kind, bucket, count)
  VALUES (new.kind,
          CASE WHEN new.total_gross > 0 THEN length (new.total_gross) * 100 + substr (new.total_gross, 1, 2)
               WHEN new.total_gross < 0 THEN -(length (-new.total_gross) * 100 + substr (-new.total_gross, 1, 2))
               ELSE 0 END, 1)
  ON CONFLICT (kind, bucket) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER kind_total_counts_on_delete AFTER DELETE ON documents BEGIN
  UPDATE kind_total_counts SET count = count - 1
  WHERE kind = old.kind
    AND bucket = CASE WHEN old.total_gross > 0 THEN length (old.total_gross) * 100 + substr (old.total_gross, 1, 2)
                      WHEN old.total_gross < 0 THEN -(length (-old.total_gross) * 100 + substr (-old.total_gross, 1, 2))
                      ELSE 0 END;
END;
CREATE TRIGGER kind_total_counts_on_change AFTER UPDATE OF kind, total_gross ON documents
  WHEN old.kind IS NOT new.kind OR old.total_gross IS NOT new.total_gross BEGIN
  UPDATE kind_total_counts SET count = count - 1
  WHERE kind = old.kind
    AND bucket = CASE WHEN old.total_gross > 0 THEN length (old.total_gross) * 100 + substr (old.total_gross, 1, 2)
                      WHEN old.total_gross < 0 THEN -(length (-old.total_gross) * 100 + substr (-old.total_gross, 1, 2))
                      ELSE 0 END;
  INSERT INTO kind_total_counts (kind, bucket, count)
  VALUES (new.kind,
          CASE WHEN new.total_gross > 0 THEN length (new.total_gross) * 100 + substr (new.total_gross, 1, 2)
               WHEN new.total_gross < 0 THEN -(length (-new.total_gross) * 100 + substr (-new.total_gross, 1, 2))
               ELSE 0 END, 1)
  ON CONFLICT (kind, bucket) DO UPDATE SET count = count + 1;
END;
INSERT INTO kind_total_counts (kind, bucket, count)
  SELECT kind,
         CASE WHEN total_gross > 0 THEN length (total_gross) * 100 + substr (total_gross, 1, 2)
              WHEN total_gross < 0 THEN -(length (-total_gross) * 100 + substr (-total_gross, 1, 2))
              ELSE 0 END, count(*)
  FROM documents GROUP BY 1, 2;

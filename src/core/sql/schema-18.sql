-- Comptoir schema, version 18: the number of documents of each kind on each day (issue 11),
-- in place of the number of each kind (schema 16), which is their sum; and likewise the number
-- of paid receivables of each kind on each day, in place of paid_by_kind (schema 13). A list by
-- date of some kinds, all of them or the paid ones (the Invoices list as it opens, or filtered
-- by Paid), finds the row at any position from these counts and the few rows of one day,
-- instead of walking its index up to that row: a jump to the middle of the 773 000 invoices of
-- a million documents walked 386 000 entries (100 ms) before its rows showed, 340 ms for the
-- paid ones. Kept by the triggers below; the check computes them again (cpt-store-check.c).
DROP TRIGGER kind_counts_on_insert;
DROP TRIGGER kind_counts_on_delete;
DROP TRIGGER kind_counts_on_kind_change;
DROP TABLE kind_counts;
CREATE TABLE kind_day_counts (
  kind                 TEXT NOT NULL,
  day                  TEXT NOT NULL,
  count                INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, day)
) WITHOUT ROWID;
CREATE TRIGGER kind_day_counts_on_insert AFTER INSERT ON documents BEGIN
  INSERT INTO kind_day_counts (kind, day, count) VALUES (new.kind, new.date, 1)
  ON CONFLICT (kind, day) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER kind_day_counts_on_delete AFTER DELETE ON documents BEGIN
  UPDATE kind_day_counts SET count = count - 1 WHERE kind = old.kind AND day = old.date;
END;
CREATE TRIGGER kind_day_counts_on_change AFTER UPDATE OF kind, date ON documents
  WHEN old.kind IS NOT new.kind OR old.date IS NOT new.date BEGIN
  UPDATE kind_day_counts SET count = count - 1 WHERE kind = old.kind AND day = old.date;
  INSERT INTO kind_day_counts (kind, day, count) VALUES (new.kind, new.date, 1)
  ON CONFLICT (kind, day) DO UPDATE SET count = count + 1;
END;
INSERT INTO kind_day_counts (kind, day, count)
  SELECT kind, date, count(*) FROM documents GROUP BY kind, date;

-- Paid: settled and not wholly credited, the status "paid" of cpt_status_derive (), as in
-- schema 13. A receivable's day is its document's date, which no longer changes.
DROP TRIGGER paid_on_insert;
DROP TRIGGER paid_on_update_remove;
DROP TRIGGER paid_on_update_add;
DROP TRIGGER paid_on_delete;
DROP TABLE paid_by_kind;
CREATE TABLE paid_by_kind_day (
  kind                 TEXT NOT NULL,
  day                  TEXT NOT NULL,
  count                INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, day)
) WITHOUT ROWID;
CREATE TRIGGER paid_on_insert AFTER INSERT ON receivables
  WHEN new.balance <= 0 AND NOT (new.credited > 0 AND new.credited >= new.amount_due) BEGIN
  INSERT INTO paid_by_kind_day (kind, day, count) VALUES (new.kind, new.date, 1)
  ON CONFLICT (kind, day) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER paid_on_update_remove AFTER UPDATE ON receivables
  WHEN old.balance <= 0 AND NOT (old.credited > 0 AND old.credited >= old.amount_due) BEGIN
  UPDATE paid_by_kind_day SET count = count - 1 WHERE kind = old.kind AND day = old.date;
END;
CREATE TRIGGER paid_on_update_add AFTER UPDATE ON receivables
  WHEN new.balance <= 0 AND NOT (new.credited > 0 AND new.credited >= new.amount_due) BEGIN
  INSERT INTO paid_by_kind_day (kind, day, count) VALUES (new.kind, new.date, 1)
  ON CONFLICT (kind, day) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER paid_on_delete AFTER DELETE ON receivables
  WHEN old.balance <= 0 AND NOT (old.credited > 0 AND old.credited >= old.amount_due) BEGIN
  UPDATE paid_by_kind_day SET count = count - 1 WHERE kind = old.kind AND day = old.date;
END;
INSERT INTO paid_by_kind_day (kind, day, count)
  SELECT kind, date, count(*) FROM receivables
  WHERE balance <= 0 AND NOT (credited > 0 AND credited >= amount_due) GROUP BY kind, date;

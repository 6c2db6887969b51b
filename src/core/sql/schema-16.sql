-- Comptoir schema, version 16: the number of documents of each kind (issue 11), so that a
-- list that asks only for some kinds (the Invoices list as it opens: invoices and pro forma)
-- counts from one row per kind instead of walking the index of every document of those kinds
-- (at a million documents, 55-60 ms for the 773 000 of the Invoices list, 400 ms from a cold
-- cache, which the window's first rows waited for). Kept by the triggers below; the check
-- computes it again (cpt-store-check.c).
CREATE TABLE kind_counts (
  kind                 TEXT PRIMARY KEY,
  count                INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TRIGGER kind_counts_on_insert AFTER INSERT ON documents BEGIN
  INSERT INTO kind_counts (kind, count) VALUES (new.kind, 1)
  ON CONFLICT (kind) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER kind_counts_on_delete AFTER DELETE ON documents BEGIN
  UPDATE kind_counts SET count = count - 1 WHERE kind = old.kind;
END;
CREATE TRIGGER kind_counts_on_kind_change AFTER UPDATE OF kind ON documents
  WHEN old.kind IS NOT new.kind BEGIN
  UPDATE kind_counts SET count = count - 1 WHERE kind = old.kind;
  INSERT INTO kind_counts (kind, count) VALUES (new.kind, 1)
  ON CONFLICT (kind) DO UPDATE SET count = count + 1;
END;
INSERT INTO kind_counts (kind, count) SELECT kind, count(*) FROM documents GROUP BY kind;

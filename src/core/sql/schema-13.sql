-- Comptoir schema, version 13: the open receivables' index holds what the status filters ask
-- of an open invoice (its kind, what was paid and credited, what it came to, its balance), so that
-- counting the overdue or the open invoices reads that index alone: at a million documents,
-- about 50 000 index entries instead of as many rows of the table, looked up one by one
-- (issue 11). It still starts with the due date and the document, for the reminders and the
-- dashboard.
DROP INDEX receivables_open_by_due;
CREATE INDEX receivables_open_by_due ON receivables (due_date, document_id, kind, paid, credited, amount_due,
                                                    balance)
  WHERE balance > 0;
-- The documents by status hold their kind too: counting the drafts of the Invoices list
-- (status, then kind) reads that index alone instead of each draft's row.
DROP INDEX documents_by_status_date;
CREATE INDEX documents_by_status_date ON documents (status, date, id, kind);
-- Each document's kind by its id: a search counts its hits of the list's kinds by looking
-- each up here rather than in the table, whose rows are large (cpt-document-query.c).
CREATE INDEX documents_kind_by_id ON documents (id, kind);
-- How many of each kind's receivables are paid (settled and not wholly credited: the status
-- "paid" of cpt_status_derive ()), so that a list filtered by Paid counts from one row per
-- kind instead of testing every receivable (84 ms at a million documents). Kept by the
-- triggers below; the check computes it again.
CREATE TABLE paid_by_kind (
  kind                 TEXT PRIMARY KEY,
  count                INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TRIGGER paid_on_insert AFTER INSERT ON receivables
  WHEN new.balance <= 0 AND NOT (new.credited > 0 AND new.credited >= new.amount_due) BEGIN
  INSERT INTO paid_by_kind (kind, count) VALUES (new.kind, 1)
  ON CONFLICT (kind) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER paid_on_update_remove AFTER UPDATE ON receivables
  WHEN old.balance <= 0 AND NOT (old.credited > 0 AND old.credited >= old.amount_due) BEGIN
  UPDATE paid_by_kind SET count = count - 1 WHERE kind = old.kind;
END;
CREATE TRIGGER paid_on_update_add AFTER UPDATE ON receivables
  WHEN new.balance <= 0 AND NOT (new.credited > 0 AND new.credited >= new.amount_due) BEGIN
  INSERT INTO paid_by_kind (kind, count) VALUES (new.kind, 1)
  ON CONFLICT (kind) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER paid_on_delete AFTER DELETE ON receivables
  WHEN old.balance <= 0 AND NOT (old.credited > 0 AND old.credited >= old.amount_due) BEGIN
  UPDATE paid_by_kind SET count = count - 1 WHERE kind = old.kind;
END;
INSERT INTO paid_by_kind (kind, count)
SELECT kind, count(*) FROM receivables
WHERE balance <= 0 AND NOT (credited > 0 AND credited >= amount_due) GROUP BY kind;

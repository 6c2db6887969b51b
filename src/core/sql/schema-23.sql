-- Comptoir schema, version 23: the receivables still open (balance > 0) with their documents'
-- sort keys, for the lists of the unpaid statuses (issue 11). "Overdue", "awaiting payment",
-- "partially paid" depend on today, so no count can be kept for them as schema 18 to 22 keep
-- the paid ones': a jump in such a list found its row by walking the documents in the list's
-- order and testing each (at a million documents, ~90 ms to the middle of the 40 000 overdue
-- invoices by client, as many rows walked as half the invoices). The open receivables are few
-- (~50 000 of ~780 000 at a million documents): with the keys of their documents beside
-- them, and an index for each order of the lists, the walk reads only them.
--
-- A copy of the open rows of receivables, under the same column names (so that the status
-- conditions on `r` read it as they read receivables), and the document's client sort key,
-- amount, number and due date as the lists sort them. Kept by the triggers below: a
-- receivable that opens is copied, one that changes is copied again, one that closes or goes
-- is removed; a document's keys are copied when they change (a validated document is locked:
-- only a migration rewriting sort keys can). The check compares it with the receivables
-- (cpt-store-check.c). Only built-in functions, so that the plain sqlite3 tool can still
-- write the file.
CREATE TABLE open_receivables (
  document_id          INTEGER PRIMARY KEY,
  kind                 TEXT NOT NULL,
  date                 TEXT NOT NULL,
  due_date             TEXT NOT NULL,
  amount_due           INTEGER NOT NULL,
  credited             INTEGER NOT NULL,
  paid                 INTEGER NOT NULL,
  balance              INTEGER NOT NULL,
  client_sort_name     TEXT,
  total_gross          INTEGER,
  number               TEXT,
  document_due_date    TEXT
);
-- One for each order of the lists (cpt-document-query.c), as the documents' indexes have them,
-- each holding what the statuses ask of a receivable, so that a walk reads no row of the
-- table: at a million documents, a jump to the middle of the overdue invoices by client took
-- 57 ms with the keys alone in the index, 16 ms this way.
CREATE INDEX open_receivables_by_date ON open_receivables
  (date, document_id, kind, due_date, balance, paid, credited, amount_due);
CREATE INDEX open_receivables_by_number ON open_receivables
  (coalesce (number, ''), document_id, kind, due_date, balance, paid, credited, amount_due);
CREATE INDEX open_receivables_by_client ON open_receivables
  (client_sort_name, date, document_id, kind, due_date, balance, paid, credited, amount_due);
CREATE INDEX open_receivables_by_total ON open_receivables
  (total_gross, document_id, kind, due_date, balance, paid, credited, amount_due);
CREATE INDEX open_receivables_by_due ON open_receivables
  (coalesce (document_due_date, ''), document_id, kind, due_date, balance, paid, credited, amount_due);

CREATE TRIGGER open_receivables_on_insert AFTER INSERT ON receivables WHEN new.balance > 0 BEGIN
  INSERT INTO open_receivables (document_id, kind, date, due_date, amount_due, credited, paid, balance,
                                client_sort_name, total_gross, number, document_due_date)
  SELECT new.document_id, new.kind, new.date, new.due_date, new.amount_due, new.credited, new.paid,
         new.balance, d.client_sort_name, d.total_gross, d.number, d.due_date
  FROM documents d WHERE d.id = new.document_id;
END;
CREATE TRIGGER open_receivables_on_update_remove AFTER UPDATE ON receivables
  WHEN old.balance > 0 AND (new.balance <= 0 OR new.document_id IS NOT old.document_id) BEGIN
  DELETE FROM open_receivables WHERE document_id = old.document_id;
END;
CREATE TRIGGER open_receivables_on_update_copy AFTER UPDATE ON receivables WHEN new.balance > 0 BEGIN
  INSERT OR REPLACE INTO open_receivables (document_id, kind, date, due_date, amount_due, credited, paid,
                                           balance, client_sort_name, total_gross, number, document_due_date)
  SELECT new.document_id, new.kind, new.date, new.due_date, new.amount_due, new.credited, new.paid,
         new.balance, d.client_sort_name, d.total_gross, d.number, d.due_date
  FROM documents d WHERE d.id = new.document_id;
END;
CREATE TRIGGER open_receivables_on_delete AFTER DELETE ON receivables WHEN old.balance > 0 BEGIN
  DELETE FROM open_receivables WHERE document_id = old.document_id;
END;
-- Setting the new keys is right whichever trigger of the update runs first.
CREATE TRIGGER open_receivables_on_keys AFTER UPDATE OF client_sort_name, total_gross, number, due_date ON documents
  WHEN old.client_sort_name IS NOT new.client_sort_name OR old.total_gross IS NOT new.total_gross
    OR old.number IS NOT new.number OR old.due_date IS NOT new.due_date BEGIN
  UPDATE open_receivables SET client_sort_name = new.client_sort_name, total_gross = new.total_gross,
                              number = new.number, document_due_date = new.due_date
  WHERE document_id = new.id;
END;

INSERT INTO open_receivables (document_id, kind, date, due_date, amount_due, credited, paid, balance,
                              client_sort_name, total_gross, number, document_due_date)
  SELECT r.document_id, r.kind, r.date, r.due_date, r.amount_due, r.credited, r.paid, r.balance,
         d.client_sort_name, d.total_gross, d.number, d.due_date
  FROM receivables r JOIN documents d ON d.id = r.document_id
  WHERE r.balance > 0;

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

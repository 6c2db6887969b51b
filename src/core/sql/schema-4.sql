-- Comptoir schema, version 4: the window lists one kind of document at a time (quotes,
-- invoices...) in any sort order; these indexes let each such list page by index too
-- (the sort orders of all kinds together are in version 1).
CREATE INDEX documents_by_kind_number_order ON documents (kind, coalesce (number, ''), id);
CREATE INDEX documents_by_kind_due_order ON documents (kind, coalesce (due_date, ''), id);
CREATE INDEX documents_by_kind_total_order ON documents (kind, total_gross, id);
CREATE INDEX documents_by_kind_client_order ON documents (kind, client_name COLLATE NOCASE, date, id);

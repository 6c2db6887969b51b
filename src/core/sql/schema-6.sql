-- Comptoir schema, version 6: the sort keys of schema 5 become plain columns.
--
-- Files made by the first form of schema 5 compute their sort keys in generated columns
-- whose expression nests replace() 58 deep; SQLite before 3.46 (Debian 12, Ubuntu 24.04)
-- cannot parse that schema, so neither Comptoir built there nor the sqlite3 tool nor Python
-- could open those files. The columns are dropped and made again as plain columns, which
-- the migration fills from C (cpt_sort_key()). A file that came through the present schema
-- 5 already has plain columns: they are made again the same way, which is harmless.
-- Nothing that refers to the columns may stay while they are dropped: the indexes and the
-- trigger that follows a client's name into its drafts are made again afterwards.

DROP TRIGGER IF EXISTS clients_name_to_drafts;
DROP INDEX clients_by_name;
DROP INDEX products_by_name;
DROP INDEX documents_by_client_name_order;
DROP INDEX documents_by_kind_client_order;

ALTER TABLE clients DROP COLUMN sort_name;
ALTER TABLE clients ADD COLUMN sort_name TEXT;
ALTER TABLE products DROP COLUMN sort_name;
ALTER TABLE products ADD COLUMN sort_name TEXT;
ALTER TABLE documents DROP COLUMN client_sort_name;
ALTER TABLE documents ADD COLUMN client_sort_name TEXT;

CREATE INDEX clients_by_name ON clients (sort_name, id);
CREATE INDEX products_by_name ON products (sort_name, id);
CREATE INDEX documents_by_client_name_order ON documents (client_sort_name, date, id);
CREATE INDEX documents_by_kind_client_order ON documents (kind, client_sort_name, date, id);

-- Renaming a client renames its drafts (schema 1); their sort key follows.
CREATE TRIGGER clients_name_to_drafts AFTER UPDATE OF name, sort_name ON clients
WHEN old.name IS NOT new.name OR old.sort_name IS NOT new.sort_name BEGIN
  UPDATE documents SET client_name = new.name, client_sort_name = new.sort_name
  WHERE client_id = new.id AND status = 'draft';
END;

-- Comptoir schema, version 5: names sort as French readers expect. SQLite's NOCASE folds
-- only A to Z, so "Élodie" came after "Zoé" and "Câble" after "Création". Each name gets a
-- sort key (lower case, accents taken off), and the lists page through indexes on it.
--
-- The key is computed by Comptoir (cpt_sort_key() in src/core/cpt-sort-key.c) and written
-- with the name; the migration fills it from C after this file runs. An earlier form of this
-- file computed it in generated columns that nested replace() 58 deep, which the SQLite of
-- Debian 12 and Ubuntu 24.04 (before 3.46) refuses to parse: such files are mended by
-- schema 6.

ALTER TABLE clients ADD COLUMN sort_name TEXT;
DROP INDEX clients_by_name;
CREATE INDEX clients_by_name ON clients (sort_name, id);

ALTER TABLE products ADD COLUMN sort_name TEXT;
DROP INDEX products_by_name;
CREATE INDEX products_by_name ON products (sort_name, id);

ALTER TABLE documents ADD COLUMN client_sort_name TEXT;
DROP INDEX documents_by_client_name_order;
CREATE INDEX documents_by_client_name_order ON documents (client_sort_name, date, id);
DROP INDEX documents_by_kind_client_order;
CREATE INDEX documents_by_kind_client_order ON documents (kind, client_sort_name, date, id);

-- Renaming a client renames its drafts (schema 1); their sort key follows.
DROP TRIGGER clients_name_to_drafts;
CREATE TRIGGER clients_name_to_drafts AFTER UPDATE OF name, sort_name ON clients
WHEN old.name IS NOT new.name OR old.sort_name IS NOT new.sort_name BEGIN
  UPDATE documents SET client_name = new.name, client_sort_name = new.sort_name
  WHERE client_id = new.id AND status = 'draft';
END;

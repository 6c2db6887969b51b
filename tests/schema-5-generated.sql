-- The first form of schema 5, kept for the tests (test-schema.c): files made with it exist
-- and must migrate. Its sort keys are generated columns that nest replace() 58 deep, which
-- SQLite before 3.46 cannot parse. Comptoir no longer runs it.
-- Comptoir schema, version 5: names sort as French readers expect. SQLite's NOCASE folds
-- only A to Z, so "Élodie" came after "Zoé" and "Câble" after "Création". Each name gets a
-- sort key (lower case, accents taken off), computed by SQLite itself in a generated column
-- so that every writer keeps it right, and the lists page through indexes on it. The same
-- expression is written out for each table: SQLite's schema has no functions to share it,
-- and a function registered by Comptoir would make the file unreadable to other tools.

ALTER TABLE clients ADD COLUMN sort_name TEXT GENERATED ALWAYS AS (
  replace (replace (replace (replace (replace (replace (replace (replace (replace (replace (
  replace (replace (replace (replace (replace (replace (replace (replace (replace (replace (
  replace (replace (replace (replace (replace (replace (replace (replace (replace (replace (
  replace (replace (replace (replace (replace (replace (replace (replace (replace (replace (
  replace (replace (replace (replace (replace (replace (replace (replace (replace (replace (
  replace (replace (replace (replace (replace (replace (replace (replace (
  lower (name)
    , 'à', 'a') , 'á', 'a') , 'â', 'a') , 'ä', 'a') , 'ã', 'a') , 'å', 'a')
    , 'À', 'a') , 'Á', 'a') , 'Â', 'a') , 'Ä', 'a') , 'Ã', 'a') , 'Å', 'a')
    , 'ç', 'c') , 'Ç', 'c') , 'é', 'e') , 'è', 'e') , 'ê', 'e') , 'ë', 'e')
    , 'É', 'e') , 'È', 'e') , 'Ê', 'e') , 'Ë', 'e') , 'î', 'i') , 'ï', 'i')
    , 'í', 'i') , 'ì', 'i') , 'Î', 'i') , 'Ï', 'i') , 'Í', 'i') , 'Ì', 'i')
    , 'ô', 'o') , 'ö', 'o') , 'ó', 'o') , 'ò', 'o') , 'õ', 'o') , 'Ô', 'o')
    , 'Ö', 'o') , 'Ó', 'o') , 'Ò', 'o') , 'Õ', 'o') , 'ù', 'u') , 'û', 'u')
    , 'ü', 'u') , 'ú', 'u') , 'Ù', 'u') , 'Û', 'u') , 'Ü', 'u') , 'Ú', 'u')
    , 'ÿ', 'y') , 'ý', 'y') , 'Ÿ', 'y') , 'Ý', 'y') , 'ñ', 'n') , 'Ñ', 'n')
    , 'œ', 'oe') , 'Œ', 'oe') , 'æ', 'ae') , 'Æ', 'ae')) VIRTUAL;
DROP INDEX clients_by_name;
CREATE INDEX clients_by_name ON clients (sort_name, id);

ALTER TABLE products ADD COLUMN sort_name TEXT GENERATED ALWAYS AS (
  replace (replace (replace (replace (replace (replace (replace (replace (replace (replace (
  replace (replace (replace (replace (replace (replace (replace (replace (replace (replace (
  replace (replace (replace (replace (replace (replace (replace (replace (replace (replace (
  replace (replace (replace (replace (replace (replace (replace (replace (replace (replace (
  replace (replace (replace (replace (replace (replace (replace (replace (replace (replace (
  replace (replace (replace (replace (replace (replace (replace (replace (
  lower (name)
    , 'à', 'a') , 'á', 'a') , 'â', 'a') , 'ä', 'a') , 'ã', 'a') , 'å', 'a')
    , 'À', 'a') , 'Á', 'a') , 'Â', 'a') , 'Ä', 'a') , 'Ã', 'a') , 'Å', 'a')
    , 'ç', 'c') , 'Ç', 'c') , 'é', 'e') , 'è', 'e') , 'ê', 'e') , 'ë', 'e')
    , 'É', 'e') , 'È', 'e') , 'Ê', 'e') , 'Ë', 'e') , 'î', 'i') , 'ï', 'i')
    , 'í', 'i') , 'ì', 'i') , 'Î', 'i') , 'Ï', 'i') , 'Í', 'i') , 'Ì', 'i')
    , 'ô', 'o') , 'ö', 'o') , 'ó', 'o') , 'ò', 'o') , 'õ', 'o') , 'Ô', 'o')
    , 'Ö', 'o') , 'Ó', 'o') , 'Ò', 'o') , 'Õ', 'o') , 'ù', 'u') , 'û', 'u')
    , 'ü', 'u') , 'ú', 'u') , 'Ù', 'u') , 'Û', 'u') , 'Ü', 'u') , 'Ú', 'u')
    , 'ÿ', 'y') , 'ý', 'y') , 'Ÿ', 'y') , 'Ý', 'y') , 'ñ', 'n') , 'Ñ', 'n')
    , 'œ', 'oe') , 'Œ', 'oe') , 'æ', 'ae') , 'Æ', 'ae')) VIRTUAL;
DROP INDEX products_by_name;
CREATE INDEX products_by_name ON products (sort_name, id);

ALTER TABLE documents ADD COLUMN client_sort_name TEXT GENERATED ALWAYS AS (
  replace (replace (replace (replace (replace (replace (replace (replace (replace (replace (
  replace (replace (replace (replace (replace (replace (replace (replace (replace (replace (
  replace (replace (replace (replace (replace (replace (replace (replace (replace (replace (
  replace (replace (replace (replace (replace (replace (replace (replace (replace (replace (
  replace (replace (replace (replace (replace (replace (replace (replace (replace (replace (
  replace (replace (replace (replace (replace (replace (replace (replace (
  lower (client_name)
    , 'à', 'a') , 'á', 'a') , 'â', 'a') , 'ä', 'a') , 'ã', 'a') , 'å', 'a')
    , 'À', 'a') , 'Á', 'a') , 'Â', 'a') , 'Ä', 'a') , 'Ã', 'a') , 'Å', 'a')
    , 'ç', 'c') , 'Ç', 'c') , 'é', 'e') , 'è', 'e') , 'ê', 'e') , 'ë', 'e')
    , 'É', 'e') , 'È', 'e') , 'Ê', 'e') , 'Ë', 'e') , 'î', 'i') , 'ï', 'i')
    , 'í', 'i') , 'ì', 'i') , 'Î', 'i') , 'Ï', 'i') , 'Í', 'i') , 'Ì', 'i')
    , 'ô', 'o') , 'ö', 'o') , 'ó', 'o') , 'ò', 'o') , 'õ', 'o') , 'Ô', 'o')
    , 'Ö', 'o') , 'Ó', 'o') , 'Ò', 'o') , 'Õ', 'o') , 'ù', 'u') , 'û', 'u')
    , 'ü', 'u') , 'ú', 'u') , 'Ù', 'u') , 'Û', 'u') , 'Ü', 'u') , 'Ú', 'u')
    , 'ÿ', 'y') , 'ý', 'y') , 'Ÿ', 'y') , 'Ý', 'y') , 'ñ', 'n') , 'Ñ', 'n')
    , 'œ', 'oe') , 'Œ', 'oe') , 'æ', 'ae') , 'Æ', 'ae')) VIRTUAL;
DROP INDEX documents_by_client_name_order;
CREATE INDEX documents_by_client_name_order ON documents (client_sort_name, date, id);
DROP INDEX documents_by_kind_client_order;
CREATE INDEX documents_by_kind_client_order ON documents (kind, client_sort_name, date, id);

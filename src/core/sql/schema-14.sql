-- Comptoir schema, version 14: the documents' search index is made again (issue 11), with
-- - a prefix index of the first one, two and three letters of every word, so that a search
--   of one to three letters reads one list of documents instead of merging the lists of
--   every word that starts with them (at a million documents, "r" starts thousands of words);
-- - each document's kind, as a word of its own in the column `kind`: a private-use character
--   (U+E000) followed by the kind without its underscore ("\uE000creditnote"). A list counts
--   its hits of its kinds in the index alone instead of looking each hit's kind up in the
--   table. What users type is cut into words at every character that is not a letter or a
--   digit (cpt_store_search_match_query ()), so no search can ever reach these words.
-- The index is filled again by the migration code (cpt_store_search_index_documents_after ())
-- and kept by the triggers of cpt-store-search.c.
DROP TABLE documents_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5 (
  number, client_name, title, lines, kind,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);
-- The documents' kinds by id (schema 13) served only to count a search's hits of some kinds,
-- which the index above now answers alone.
DROP INDEX documents_kind_by_id;

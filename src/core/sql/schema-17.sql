-- Comptoir schema, version 17: each seller and buyer snapshot kept once (issue 11).
-- A validated document keeps its seller (the company) and its buyer (the client) as they were
-- when it was validated: a JSON text of ~1 KB, the same for every document of a client between
-- two changes of its record. It was a copy in each row: three quarters of the documents table
-- and a third of the file at a million documents, read again by every full pass over it (the
-- check, a backup). Each distinct text is now kept once here and the documents point to it.
-- The texts do not change, so neither do the documents' hashes: the canonical text reads the
-- snapshot through the reference (cpt-store-check.c). The C step of this version
-- (cpt-database.c) points the documents at their snapshots and drops the old columns.
CREATE TABLE party_snapshots (
  id                   INTEGER PRIMARY KEY,
  json                 TEXT NOT NULL UNIQUE
);
-- A snapshot belongs to validated documents, which cannot change: neither can it.
CREATE TRIGGER party_snapshots_no_update BEFORE UPDATE ON party_snapshots BEGIN
  SELECT RAISE (ABORT, 'a snapshot of a validated document cannot be changed');
END;
CREATE TRIGGER party_snapshots_no_delete BEFORE DELETE ON party_snapshots BEGIN
  SELECT RAISE (ABORT, 'a snapshot of a validated document cannot be deleted');
END;
ALTER TABLE documents ADD COLUMN seller_id INTEGER REFERENCES party_snapshots (id);
ALTER TABLE documents ADD COLUMN buyer_id INTEGER REFERENCES party_snapshots (id);
INSERT INTO party_snapshots (json)
  SELECT seller FROM documents WHERE seller IS NOT NULL
  UNION SELECT buyer FROM documents WHERE buyer IS NOT NULL;

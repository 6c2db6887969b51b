-- Comptoir schema, version 7: the seal of the ledger (cpt-seal.h). The hash chain alone
-- cannot show a chain computed again from scratch; a seal made with a key kept in the
-- user's keyring, outside the file, can.

-- The company's identity for the keyring: a copy of the file (a backup) keeps it, so the
-- same computer verifies the copy too.
ALTER TABLE company ADD COLUMN uuid TEXT;
UPDATE company SET uuid = lower (hex (randomblob (16))) WHERE uuid IS NULL;

-- One seal per ledger entry: HMAC-SHA256 of its place and chain hash under the key `key_id`.
-- An entry validated while the keyring could not be reached has none. Append-only, as the
-- ledger itself.
CREATE TABLE ledger_seals (
  seq                  INTEGER PRIMARY KEY REFERENCES ledger (seq),
  key_id               TEXT NOT NULL,
  mac                  TEXT NOT NULL,
  sealed_at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TRIGGER ledger_seals_no_update BEFORE UPDATE ON ledger_seals BEGIN
  SELECT RAISE (ABORT, 'the seals of the ledger are append-only');
END;
CREATE TRIGGER ledger_seals_no_delete BEFORE DELETE ON ledger_seals BEGIN
  SELECT RAISE (ABORT, 'the seals of the ledger are append-only');
END;

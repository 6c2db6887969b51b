-- Comptoir schema, version 2: the document lifecycle (validation and numbering, quotes,
-- deposits and balance invoices, pro forma, credit notes, audit trail). Run by
-- cpt-database.c with the search triggers dropped before and created again after.

-- Lines gain a kind for deposit deductions and references to what they come from. The
-- CHECK on kind changes, so the table is rebuilt (SQLite's documented 12-step way).
CREATE TABLE document_lines_v2 (
  id                   INTEGER PRIMARY KEY,
  document_id          INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  position             INTEGER NOT NULL,
  kind                 TEXT NOT NULL DEFAULT 'item'
                       CHECK (kind IN ('item', 'text', 'subtotal', 'deposit')),
  product_id           INTEGER REFERENCES products (id) ON DELETE SET NULL,
  description          TEXT,
  quantity             INTEGER NOT NULL DEFAULT 1000,
  unit                 TEXT,
  unit_price           INTEGER NOT NULL DEFAULT 0,
  discount_percent     INTEGER NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 10000),
  vat_rate             INTEGER NOT NULL DEFAULT 0 CHECK (vat_rate BETWEEN 0 AND 10000),
  exemption_code       TEXT,
  account              TEXT,
  net                  INTEGER NOT NULL DEFAULT 0,
  -- deposit lines: the VAT of the deposit at this rate, deducted (negative like net)
  vat_amount           INTEGER NOT NULL DEFAULT 0,
  -- the quote line this invoice line delivers; the invoice line a credit note line credits;
  -- the deposit invoice a deposit line deducts
  quote_line_id        INTEGER REFERENCES document_lines_v2 (id),
  credited_line_id     INTEGER REFERENCES document_lines_v2 (id),
  deposit_id           INTEGER REFERENCES documents (id)
);
INSERT INTO document_lines_v2 (id, document_id, position, kind, product_id, description, quantity,
  unit, unit_price, discount_percent, vat_rate, exemption_code, account, net)
SELECT id, document_id, position, kind, product_id, description, quantity, unit, unit_price,
  discount_percent, vat_rate, exemption_code, account, net FROM document_lines;
DROP TABLE document_lines;
ALTER TABLE document_lines_v2 RENAME TO document_lines;
CREATE INDEX document_lines_by_document ON document_lines (document_id, position);
CREATE INDEX document_lines_by_product ON document_lines (product_id) WHERE product_id IS NOT NULL;
CREATE INDEX document_lines_by_quote_line ON document_lines (quote_line_id) WHERE quote_line_id IS NOT NULL;
CREATE INDEX document_lines_by_credited_line ON document_lines (credited_line_id) WHERE credited_line_id IS NOT NULL;
CREATE INDEX document_lines_by_deposit ON document_lines (deposit_id) WHERE deposit_id IS NOT NULL;

ALTER TABLE company ADD COLUMN separate_deposit_series INTEGER NOT NULL DEFAULT 0;

-- Validation: the series and place of the number, when, and who (the snapshots).
ALTER TABLE documents ADD COLUMN series TEXT;
ALTER TABLE documents ADD COLUMN period TEXT;
ALTER TABLE documents ADD COLUMN sequence INTEGER;
ALTER TABLE documents ADD COLUMN validated_at TEXT;
ALTER TABLE documents ADD COLUMN seller TEXT;   -- JSON snapshot of the company
ALTER TABLE documents ADD COLUMN buyer TEXT;    -- JSON snapshot of the client
-- Links between documents.
ALTER TABLE documents ADD COLUMN quote_id INTEGER REFERENCES documents (id);
ALTER TABLE documents ADD COLUMN proforma_id INTEGER REFERENCES documents (id);
ALTER TABLE documents ADD COLUMN credited_id INTEGER REFERENCES documents (id);
-- Deposits deducted on a balance invoice (or given back by a credit note), positive.
ALTER TABLE documents ADD COLUMN deposits_net INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN deposits_vat INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN deposits_gross INTEGER NOT NULL DEFAULT 0;

CREATE UNIQUE INDEX documents_by_sequence ON documents (series, period, sequence)
  WHERE sequence IS NOT NULL;
CREATE INDEX documents_by_series_date ON documents (series, date) WHERE series IS NOT NULL;
CREATE INDEX documents_by_quote ON documents (quote_id) WHERE quote_id IS NOT NULL;
CREATE INDEX documents_by_proforma ON documents (proforma_id) WHERE proforma_id IS NOT NULL;
CREATE INDEX documents_by_credited ON documents (credited_id) WHERE credited_id IS NOT NULL;

-- Number formats, one per series: literal text and the tokens {YYYY} {YY} {MM} {DD} {N}
-- or {N:width}. The counter restarts never, yearly or monthly.
CREATE TABLE series (
  name                 TEXT PRIMARY KEY
                       CHECK (name IN ('invoice', 'deposit', 'credit_note', 'quote', 'proforma')),
  format               TEXT NOT NULL,
  reset                TEXT NOT NULL DEFAULT 'yearly' CHECK (reset IN ('never', 'yearly', 'monthly')),
  first_number         INTEGER NOT NULL DEFAULT 1 CHECK (first_number >= 1)
);
INSERT INTO series (name, format, reset) VALUES
  ('invoice', 'FA-{YYYY}-{N:4}', 'yearly'),
  ('deposit', 'AC-{YYYY}-{N:4}', 'yearly'),
  ('credit_note', 'AV-{YYYY}-{N:4}', 'yearly'),
  ('quote', 'DE-{YYYY}-{N:4}', 'yearly'),
  ('proforma', 'PF-{YYYY}-{N:4}', 'yearly');

-- The last number given per series and period ('' when the counter never restarts).
CREATE TABLE series_counters (
  series               TEXT NOT NULL,
  period               TEXT NOT NULL,
  last                 INTEGER NOT NULL,
  PRIMARY KEY (series, period)
);

-- What may change after validation lives beside the document, never in it.
CREATE TABLE document_marks (
  document_id          INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  sent_on              TEXT,
  accepted_on          TEXT,
  refused_on           TEXT,
  note                 TEXT
);

-- The hash chain of validated documents: each entry's SHA-256 covers the document's content
-- and the previous entry's hash. Append-only.
CREATE TABLE ledger (
  seq                  INTEGER PRIMARY KEY,
  document_id          INTEGER NOT NULL UNIQUE REFERENCES documents (id),
  at                   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  previous_hash        TEXT NOT NULL,
  hash                 TEXT NOT NULL
);
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger BEGIN
  SELECT RAISE (ABORT, 'the ledger of validated documents is append-only');
END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger BEGIN
  SELECT RAISE (ABORT, 'the ledger of validated documents is append-only');
END;

-- The audit trail: validations, credits, deposit attach/detach, deletions of drafts...
CREATE TABLE audit_events (
  id                   INTEGER PRIMARY KEY,
  at                   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  action               TEXT NOT NULL,
  document_id          INTEGER,
  details              TEXT          -- JSON: before/after where it applies
);
CREATE INDEX audit_events_by_document ON audit_events (document_id, id);
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN
  SELECT RAISE (ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN
  SELECT RAISE (ABORT, 'the audit trail is append-only');
END;

-- Immutability. A validated invoice, deposit invoice, credit note or quote and its lines
-- cannot be changed or deleted, whoever asks (the sqlite3 shell included). Pro forma are
-- not legal documents and stay editable.
CREATE TRIGGER documents_locked_update BEFORE UPDATE ON documents
WHEN old.status = 'validated' AND old.kind != 'proforma' BEGIN
  SELECT RAISE (ABORT, 'this document is validated and cannot be changed: issue a credit note');
END;
CREATE TRIGGER documents_locked_delete BEFORE DELETE ON documents
WHEN old.status = 'validated' AND old.kind != 'proforma' BEGIN
  SELECT RAISE (ABORT, 'this document is validated and cannot be deleted: issue a credit note');
END;
CREATE TRIGGER document_lines_locked_insert BEFORE INSERT ON document_lines
WHEN (SELECT status = 'validated' AND kind != 'proforma' FROM documents WHERE id = new.document_id) BEGIN
  SELECT RAISE (ABORT, 'this document is validated: its lines cannot be changed');
END;
CREATE TRIGGER document_lines_locked_update BEFORE UPDATE ON document_lines
WHEN (SELECT status = 'validated' AND kind != 'proforma' FROM documents WHERE id = old.document_id)
  OR (SELECT status = 'validated' AND kind != 'proforma' FROM documents WHERE id = new.document_id) BEGIN
  SELECT RAISE (ABORT, 'this document is validated: its lines cannot be changed');
END;
CREATE TRIGGER document_lines_locked_delete BEFORE DELETE ON document_lines
WHEN (SELECT status = 'validated' AND kind != 'proforma' FROM documents WHERE id = old.document_id) BEGIN
  SELECT RAISE (ABORT, 'this document is validated: its lines cannot be changed');
END;

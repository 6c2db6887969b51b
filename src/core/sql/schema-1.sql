-- Comptoir schema, version 1. Amounts are integers in minor units (cents), quantities in
-- thousandths, unit prices in hundredths of a cent, rates and percents in hundredths of a
-- percent, dates ISO YYYY-MM-DD (see DESIGN.md "Money, numbers, dates").

CREATE TABLE company (
  id                   INTEGER PRIMARY KEY CHECK (id = 1),
  name                 TEXT,
  legal_form           TEXT,
  share_capital        INTEGER NOT NULL DEFAULT 0,
  siren                TEXT,
  siret                TEXT,
  rcs_city             TEXT,
  vat_number           TEXT,
  address              TEXT,
  postcode             TEXT,
  city                 TEXT,
  country              TEXT NOT NULL DEFAULT 'FR',
  email                TEXT,
  phone                TEXT,
  website              TEXT,
  iban                 TEXT,
  bic                  TEXT,
  payment_days         INTEGER NOT NULL DEFAULT 30,
  end_of_month         INTEGER NOT NULL DEFAULT 0,
  penalty_text         TEXT,
  footer               TEXT,
  vat_on_debits        INTEGER NOT NULL DEFAULT 0,
  vat_exempt           INTEGER NOT NULL DEFAULT 0,
  vat_exempt_text      TEXT,
  language             TEXT NOT NULL DEFAULT 'fr',
  logo_mime            TEXT,
  logo                 BLOB
);
INSERT INTO company (id) VALUES (1);

CREATE TABLE clients (
  id                   INTEGER PRIMARY KEY,
  kind                 TEXT NOT NULL DEFAULT 'company' CHECK (kind IN ('company', 'individual')),
  name                 TEXT NOT NULL CHECK (length(trim(name)) > 0),
  siren                TEXT,
  siret                TEXT,
  vat_number           TEXT,
  email                TEXT,
  phone                TEXT,
  address              TEXT,
  postcode             TEXT,
  city                 TEXT,
  country              TEXT NOT NULL DEFAULT 'FR',
  delivery_address     TEXT,
  delivery_postcode    TEXT,
  delivery_city        TEXT,
  delivery_country     TEXT,
  payment_days         INTEGER NOT NULL DEFAULT 30 CHECK (payment_days BETWEEN 0 AND 365),
  end_of_month         INTEGER NOT NULL DEFAULT 0,
  currency             TEXT NOT NULL DEFAULT 'EUR' CHECK (length(currency) = 3),
  language             TEXT NOT NULL DEFAULT 'fr',
  archived             INTEGER NOT NULL DEFAULT 0,
  created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX clients_by_name ON clients (name COLLATE NOCASE, id);

CREATE TABLE client_memos (
  id                   INTEGER PRIMARY KEY,
  client_id            INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  author               TEXT,
  text                 TEXT NOT NULL CHECK (length(trim(text)) > 0)
);
CREATE INDEX client_memos_by_client ON client_memos (client_id, created_at);

-- Files live in the database so that a backup of the file holds them.
CREATE TABLE client_files (
  id                   INTEGER PRIMARY KEY,
  client_id            INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  name                 TEXT NOT NULL,
  mime                 TEXT,
  size                 INTEGER NOT NULL,
  added_at             TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  data                 BLOB NOT NULL
);
CREATE INDEX client_files_by_client ON client_files (client_id);

CREATE TABLE products (
  id                   INTEGER PRIMARY KEY,
  type                 TEXT NOT NULL DEFAULT 'service' CHECK (type IN ('service', 'goods')),
  code                 TEXT,
  name                 TEXT NOT NULL CHECK (length(trim(name)) > 0),
  description          TEXT,
  unit                 TEXT NOT NULL DEFAULT 'C62',
  unit_price           INTEGER NOT NULL DEFAULT 0,
  vat_rate             INTEGER NOT NULL DEFAULT 2000 CHECK (vat_rate BETWEEN 0 AND 10000),
  account              TEXT,
  archived             INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX products_by_name ON products (name COLLATE NOCASE, id);

CREATE TABLE documents (
  id                   INTEGER PRIMARY KEY,
  kind                 TEXT NOT NULL CHECK (kind IN ('quote', 'proforma', 'invoice', 'deposit', 'credit_note')),
  status               TEXT NOT NULL DEFAULT 'draft',
  number               TEXT,
  client_id            INTEGER NOT NULL REFERENCES clients (id),
  -- The client's name as on the document: follows the client while a draft, frozen once
  -- validated (trigger clients_name_to_drafts). Lists sort and show it without a join.
  client_name          TEXT NOT NULL DEFAULT '',
  date                 TEXT NOT NULL,
  service_date         TEXT,
  due_date             TEXT,
  valid_until          TEXT,
  title                TEXT,
  notes                TEXT,
  payment_terms        TEXT,
  currency             TEXT NOT NULL DEFAULT 'EUR',
  language             TEXT NOT NULL DEFAULT 'fr',
  total_net            INTEGER NOT NULL DEFAULT 0,
  total_vat            INTEGER NOT NULL DEFAULT 0,
  total_gross          INTEGER NOT NULL DEFAULT 0,
  amount_due           INTEGER NOT NULL DEFAULT 0,
  created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX documents_by_date ON documents (date, id);
CREATE INDEX documents_by_kind_date ON documents (kind, date, id);
CREATE INDEX documents_by_client_date ON documents (client_id, date, id);
CREATE INDEX documents_by_status_date ON documents (status, date, id);
CREATE UNIQUE INDEX documents_by_number ON documents (kind, number) WHERE number IS NOT NULL;
-- The sort orders of the document lists (cpt-lists.c), so that every order pages by index.
CREATE INDEX documents_by_number_order ON documents (coalesce (number, ''), id);
CREATE INDEX documents_by_due_order ON documents (coalesce (due_date, ''), id);
CREATE INDEX documents_by_total_order ON documents (total_gross, id);
CREATE INDEX documents_by_client_name_order ON documents (client_name COLLATE NOCASE, date, id);

CREATE TRIGGER clients_name_to_drafts AFTER UPDATE OF name ON clients
WHEN old.name IS NOT new.name BEGIN
  UPDATE documents SET client_name = new.name WHERE client_id = new.id AND status = 'draft';
END;

CREATE TABLE document_lines (
  id                   INTEGER PRIMARY KEY,
  document_id          INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  position             INTEGER NOT NULL,
  kind                 TEXT NOT NULL DEFAULT 'item' CHECK (kind IN ('item', 'text', 'subtotal')),
  product_id           INTEGER REFERENCES products (id) ON DELETE SET NULL,
  description          TEXT,
  quantity             INTEGER NOT NULL DEFAULT 1000,
  unit                 TEXT,
  unit_price           INTEGER NOT NULL DEFAULT 0,
  discount_percent     INTEGER NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 10000),
  vat_rate             INTEGER NOT NULL DEFAULT 0 CHECK (vat_rate BETWEEN 0 AND 10000),
  exemption_code       TEXT,
  account              TEXT,
  net                  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX document_lines_by_document ON document_lines (document_id, position);
CREATE INDEX document_lines_by_product ON document_lines (product_id) WHERE product_id IS NOT NULL;

-- Search (FTS5). Clients use an external-content index; documents a contentless one whose
-- rows join the document, its client's name and its lines' descriptions. Both are kept up
-- to date by the triggers of cpt-search.c (created by the migration code).
CREATE VIRTUAL TABLE clients_fts USING fts5 (
  name, email, siren, city,
  content = 'clients', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE products_fts USING fts5 (
  name, code, description,
  content = 'products', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE documents_fts USING fts5 (
  number, client_name, title, lines,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);

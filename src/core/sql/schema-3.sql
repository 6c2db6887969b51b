-- Comptoir schema, version 3: payments, their allocation to invoices, and the summaries the
-- payments dashboard reads. The summaries are kept by triggers, in the same transaction as
-- what changes them, so they can never drift from the documents and payments.

CREATE TABLE payments (
  id                   INTEGER PRIMARY KEY,
  client_id            INTEGER NOT NULL REFERENCES clients (id),
  date                 TEXT NOT NULL,
  amount               INTEGER NOT NULL CHECK (amount != 0),   -- a refund is negative
  mode                 TEXT NOT NULL DEFAULT 'transfer'
                       CHECK (mode IN ('transfer', 'card', 'cheque', 'cash', 'direct_debit', 'other')),
  reference            TEXT,
  note                 TEXT,
  created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX payments_by_client_date ON payments (client_id, date, id);
CREATE INDEX payments_by_date ON payments (date, id);

CREATE TABLE allocations (
  payment_id           INTEGER NOT NULL REFERENCES payments (id) ON DELETE CASCADE,
  document_id          INTEGER NOT NULL REFERENCES documents (id),
  amount               INTEGER NOT NULL CHECK (amount > 0),
  created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  PRIMARY KEY (payment_id, document_id)
);
CREATE INDEX allocations_by_document ON allocations (document_id);

-- What each validated invoice and deposit invoice still asks for.
CREATE TABLE receivables (
  document_id          INTEGER PRIMARY KEY REFERENCES documents (id),
  client_id            INTEGER NOT NULL,
  kind                 TEXT NOT NULL,
  date                 TEXT NOT NULL,
  due_date             TEXT NOT NULL,
  amount_due           INTEGER NOT NULL,
  credited             INTEGER NOT NULL DEFAULT 0,
  paid                 INTEGER NOT NULL DEFAULT 0,
  balance              INTEGER GENERATED ALWAYS AS (amount_due - credited - paid) STORED
);
CREATE INDEX receivables_open_by_due ON receivables (due_date, document_id) WHERE balance > 0;
CREATE INDEX receivables_open_by_client ON receivables (client_id, balance) WHERE balance > 0;
CREATE INDEX receivables_by_client ON receivables (client_id);

-- Per day: invoiced (invoices and deposit invoices less credit notes, net of deducted
-- deposits so nothing counts twice) and collected (payments).
CREATE TABLE daily_totals (
  day                  TEXT PRIMARY KEY,
  invoiced_net         INTEGER NOT NULL DEFAULT 0,
  invoiced_gross       INTEGER NOT NULL DEFAULT 0,
  collected            INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TRIGGER receivables_on_validation AFTER UPDATE OF status ON documents
WHEN old.status = 'draft' AND new.status = 'validated' AND new.kind IN ('invoice', 'deposit') BEGIN
  INSERT INTO receivables (document_id, client_id, kind, date, due_date, amount_due)
  VALUES (new.id, new.client_id, new.kind, new.date, coalesce (new.due_date, new.date), new.amount_due);
  INSERT INTO daily_totals (day, invoiced_net, invoiced_gross)
  VALUES (new.date, new.total_net - new.deposits_net, new.amount_due)
  ON CONFLICT (day) DO UPDATE SET invoiced_net = invoiced_net + excluded.invoiced_net,
                                  invoiced_gross = invoiced_gross + excluded.invoiced_gross;
END;

-- A validated credit note settles the invoice it credits.
CREATE TRIGGER receivables_on_credit AFTER UPDATE OF status ON documents
WHEN old.status = 'draft' AND new.status = 'validated' AND new.kind = 'credit_note' BEGIN
  UPDATE receivables SET credited = credited + new.amount_due WHERE document_id = new.credited_id;
  INSERT INTO daily_totals (day, invoiced_net, invoiced_gross)
  VALUES (new.date, -(new.total_net - new.deposits_net), -new.amount_due)
  ON CONFLICT (day) DO UPDATE SET invoiced_net = invoiced_net + excluded.invoiced_net,
                                  invoiced_gross = invoiced_gross + excluded.invoiced_gross;
END;

-- Allocations: never to a document of another client, never beyond what is left to pay on
-- it, never beyond what is left of the payment.
CREATE TRIGGER allocations_check BEFORE INSERT ON allocations BEGIN
  SELECT RAISE (ABORT, 'allocation to a document that is not a validated invoice')
  WHERE NOT EXISTS (SELECT 1 FROM receivables WHERE document_id = new.document_id);
  SELECT RAISE (ABORT, 'allocation to a document of another client')
  WHERE (SELECT client_id FROM receivables WHERE document_id = new.document_id)
        != (SELECT client_id FROM payments WHERE id = new.payment_id);
  SELECT RAISE (ABORT, 'allocation beyond what is left to pay')
  WHERE new.amount > (SELECT balance FROM receivables WHERE document_id = new.document_id);
  SELECT RAISE (ABORT, 'allocation beyond what is left of the payment')
  WHERE new.amount > (SELECT amount FROM payments WHERE id = new.payment_id)
        - (SELECT coalesce (sum (amount), 0) FROM allocations WHERE payment_id = new.payment_id);
END;
CREATE TRIGGER allocations_no_update BEFORE UPDATE ON allocations BEGIN
  SELECT RAISE (ABORT, 'allocations are removed and made again, not changed');
END;
CREATE TRIGGER allocations_paid_insert AFTER INSERT ON allocations BEGIN
  UPDATE receivables SET paid = paid + new.amount WHERE document_id = new.document_id;
END;
CREATE TRIGGER allocations_paid_delete AFTER DELETE ON allocations BEGIN
  UPDATE receivables SET paid = paid - old.amount WHERE document_id = old.document_id;
END;

CREATE TRIGGER payments_collected_insert AFTER INSERT ON payments BEGIN
  INSERT INTO daily_totals (day, collected) VALUES (new.date, new.amount)
  ON CONFLICT (day) DO UPDATE SET collected = collected + excluded.collected;
END;
CREATE TRIGGER payments_collected_delete AFTER DELETE ON payments BEGIN
  UPDATE daily_totals SET collected = collected - old.amount WHERE day = old.date;
END;
CREATE TRIGGER payments_no_update BEFORE UPDATE OF client_id, amount, date ON payments BEGIN
  SELECT RAISE (ABORT, 'a payment''s client, date and amount do not change: delete it and record it again');
END;

-- What is still owed, summed per due date and per client, so the dashboard reads a few
-- hundred rows instead of every open invoice. Kept by the triggers below from receivables.
CREATE TABLE open_by_due (
  due_date             TEXT PRIMARY KEY,
  count                INTEGER NOT NULL DEFAULT 0,
  balance              INTEGER NOT NULL DEFAULT 0,
  partial_count        INTEGER NOT NULL DEFAULT 0,   -- of those, partly paid
  partial_balance      INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE open_by_client (
  client_id            INTEGER PRIMARY KEY,
  count                INTEGER NOT NULL DEFAULT 0,
  balance              INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX open_by_client_by_balance ON open_by_client (balance, client_id);

CREATE TRIGGER open_on_insert AFTER INSERT ON receivables WHEN new.balance > 0 BEGIN
  INSERT INTO open_by_due (due_date, count, balance, partial_count, partial_balance)
  VALUES (new.due_date, 1, new.balance, new.paid > 0, CASE WHEN new.paid > 0 THEN new.balance ELSE 0 END)
  ON CONFLICT (due_date) DO UPDATE SET count = count + 1, balance = balance + excluded.balance,
    partial_count = partial_count + excluded.partial_count,
    partial_balance = partial_balance + excluded.partial_balance;
  INSERT INTO open_by_client (client_id, count, balance) VALUES (new.client_id, 1, new.balance)
  ON CONFLICT (client_id) DO UPDATE SET count = count + 1, balance = balance + excluded.balance;
END;
CREATE TRIGGER open_on_update_remove AFTER UPDATE ON receivables WHEN old.balance > 0 BEGIN
  UPDATE open_by_due SET count = count - 1, balance = balance - old.balance,
    partial_count = partial_count - (old.paid > 0),
    partial_balance = partial_balance - CASE WHEN old.paid > 0 THEN old.balance ELSE 0 END
  WHERE due_date = old.due_date;
  UPDATE open_by_client SET count = count - 1, balance = balance - old.balance
  WHERE client_id = old.client_id;
END;
CREATE TRIGGER open_on_update_add AFTER UPDATE ON receivables WHEN new.balance > 0 BEGIN
  INSERT INTO open_by_due (due_date, count, balance, partial_count, partial_balance)
  VALUES (new.due_date, 1, new.balance, new.paid > 0, CASE WHEN new.paid > 0 THEN new.balance ELSE 0 END)
  ON CONFLICT (due_date) DO UPDATE SET count = count + 1, balance = balance + excluded.balance,
    partial_count = partial_count + excluded.partial_count,
    partial_balance = partial_balance + excluded.partial_balance;
  INSERT INTO open_by_client (client_id, count, balance) VALUES (new.client_id, 1, new.balance)
  ON CONFLICT (client_id) DO UPDATE SET count = count + 1, balance = balance + excluded.balance;
END;

-- Databases of version 2 already have validated documents: fill the summaries from them.
INSERT INTO receivables (document_id, client_id, kind, date, due_date, amount_due, credited)
SELECT d.id, d.client_id, d.kind, d.date, coalesce (d.due_date, d.date), d.amount_due,
       coalesce ((SELECT sum (c.amount_due) FROM documents c WHERE c.credited_id = d.id
                  AND c.kind = 'credit_note' AND c.status = 'validated'), 0)
FROM documents d WHERE d.status = 'validated' AND d.kind IN ('invoice', 'deposit');
INSERT INTO daily_totals (day, invoiced_net, invoiced_gross)
SELECT date, sum (CASE kind WHEN 'credit_note' THEN -(total_net - deposits_net) ELSE total_net - deposits_net END),
       sum (CASE kind WHEN 'credit_note' THEN -amount_due ELSE amount_due END)
FROM documents WHERE status = 'validated' AND kind IN ('invoice', 'deposit', 'credit_note')
GROUP BY date;

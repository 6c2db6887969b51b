-- Comptoir schema, version 24: the paid invoices and deposit invoices of each kind as bits, 64
-- documents to a row, for the lists of the paid ones that a search narrows (issue 11). Such a
-- list counts the hits of its search among the paid documents of its kinds, both sets
-- gathered once by the connection that reads it and kept while the file is unchanged
-- (cpt-store-hits.h). Gathering the paid ones read every receivable and tested it: at a
-- million documents, 80 ms for the 686 000 paid invoices, and again after each change to the
-- file; a status chosen after a search was typed counted in 85-130 ms. These rows give the
-- same set from ~15 500 rows for the invoices.
--
-- Row (kind, word): bit b of mask is set when document word * 64 + b is a receivable of that
-- kind that is paid, as cpt_status_derive () says it: nothing left to pay, and not credited
-- in full. SQLite's integers are 64 bits: bit 63 makes a mask negative, which the bitwise
-- operators take as they are. A mask that falls to 0 stays as a row of no document. An update
-- clears the old row's bit, then sets the new row's, in one trigger: two triggers of one
-- update run in no promised order, and a paid receivable that stays paid (a payment on one
-- already paid) must keep its bit. Only built-in functions, so that the plain sqlite3 tool
-- can still write the file; the check computes the masks again (cpt-store-check.c).
CREATE TABLE paid_id_masks (
  kind                 TEXT NOT NULL,
  word                 INTEGER NOT NULL,
  mask                 INTEGER NOT NULL,
  PRIMARY KEY (kind, word)
) WITHOUT ROWID;
CREATE TRIGGER paid_masks_on_insert AFTER INSERT ON receivables
  WHEN new.balance <= 0 AND NOT (new.credited > 0 AND new.credited >= new.amount_due) BEGIN
  INSERT INTO paid_id_masks (kind, word, mask)
  VALUES (new.kind, new.document_id >> 6, 1 << (new.document_id & 63))
  ON CONFLICT (kind, word) DO UPDATE SET mask = mask | excluded.mask;
END;
CREATE TRIGGER paid_masks_on_update AFTER UPDATE ON receivables
  WHEN (old.balance <= 0 AND NOT (old.credited > 0 AND old.credited >= old.amount_due))
    OR (new.balance <= 0 AND NOT (new.credited > 0 AND new.credited >= new.amount_due)) BEGIN
  UPDATE paid_id_masks SET mask = mask & ~(1 << (old.document_id & 63))
  WHERE kind = old.kind AND word = old.document_id >> 6
    AND old.balance <= 0 AND NOT (old.credited > 0 AND old.credited >= old.amount_due);
  INSERT INTO paid_id_masks (kind, word, mask)
  SELECT new.kind, new.document_id >> 6, 1 << (new.document_id & 63)
  WHERE new.balance <= 0 AND NOT (new.credited > 0 AND new.credited >= new.amount_due)
  ON CONFLICT (kind, word) DO UPDATE SET mask = mask | excluded.mask;
END;
CREATE TRIGGER paid_masks_on_delete AFTER DELETE ON receivables
  WHEN old.balance <= 0 AND NOT (old.credited > 0 AND old.credited >= old.amount_due) BEGIN
  UPDATE paid_id_masks SET mask = mask & ~(1 << (old.document_id & 63))
  WHERE kind = old.kind AND word = old.document_id >> 6;
END;
-- The bits of one row are of distinct documents: their sum is their union.
INSERT INTO paid_id_masks (kind, word, mask)
  SELECT kind, document_id >> 6, sum (1 << (document_id & 63)) FROM receivables
  WHERE balance <= 0 AND NOT (credited > 0 AND credited >= amount_due)
  GROUP BY kind, document_id >> 6;

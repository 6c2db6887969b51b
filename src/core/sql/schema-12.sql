-- Comptoir schema, version 12: the user's own wording of the messages (issue 14), and the
-- server's answer to each message sent. Only
-- what the user changed is here, one row per purpose and language; a purpose without a row
-- uses Comptoir's built-in text (cpt-mail-templates.c), so that a better built-in text
-- reaches everyone who kept it.
CREATE TABLE mail_templates (
  purpose TEXT NOT NULL CHECK (purpose IN ('quote', 'proforma', 'invoice', 'deposit', 'credit_note',
                                           'reminder-1', 'reminder-2', 'reminder-3')),
  language TEXT NOT NULL CHECK (language IN ('fr', 'en')),
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (purpose, language)
) WITHOUT ROWID;
-- What the server answered to a message it accepted ("250 2.0.0 Ok: queued as 4F1A2"): the
-- proof, beside the document, that it left.
ALTER TABLE mail_messages ADD COLUMN server_answer TEXT;

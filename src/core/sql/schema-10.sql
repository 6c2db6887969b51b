-- Comptoir schema, version 10: the messages sent by email (issue 14), beside the document
-- they carry: who, what, when the server accepted it, or why it failed. A message is
-- written before it leaves ("queued"), so that nothing sent is ever unrecorded; the
-- reminders will read the levels already sent from here.
CREATE TABLE mail_messages (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id),
  created_at TEXT NOT NULL,             -- UTC, ISO 8601
  sent_at TEXT,                         -- UTC, when the server accepted it
  tried_at TEXT NOT NULL,               -- UTC, when the last try began (a try under way is
                                        -- not taken by another sender)
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
  recipients TEXT NOT NULL,             -- "a@b.fr, c@d.fr"
  cc TEXT,
  bcc TEXT,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  attachment_name TEXT,
  reminder_level INTEGER,               -- NULL: not a reminder; 1, 2, 3
  error TEXT                            -- why it failed, in the words the user saw
);
CREATE INDEX mail_messages_by_document ON mail_messages (document_id, id);

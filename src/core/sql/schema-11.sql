-- Comptoir schema, version 11: payment reminders (issue 14). A reminder is a message of
-- mail_messages with its level (1, 2, 3); a level is sent once per invoice, which the
-- database itself holds to even when two senders try at once (a failed message does not
-- count: that level can be sent again). The seller's agreed late-payment rate, in
-- hundredths of a percent, is claimed in the formal notice; 0: the legal rate (the ECB's
-- refinancing rate plus 10 points, art. L441-10 of the Code de commerce).
-- The day a message was written by the app's clock (which tests and demos set): reminders
-- count their delays from it, and the formal notice is dated with it.
ALTER TABLE mail_messages ADD COLUMN written_on TEXT;
CREATE UNIQUE INDEX mail_messages_one_reminder_per_level ON mail_messages (document_id, reminder_level)
  WHERE reminder_level IS NOT NULL AND state != 'failed';
ALTER TABLE company ADD COLUMN late_interest_rate INTEGER NOT NULL DEFAULT 0;

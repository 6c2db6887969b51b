-- Comptoir schema, version 9: the company's mail account, to send documents and reminders
-- through its own SMTP server (issue 14). The password is never here: it is kept in the
-- user's keyring (libsecret), found by host and user name.
ALTER TABLE company ADD COLUMN mail_from_name TEXT;
ALTER TABLE company ADD COLUMN mail_from_address TEXT;
ALTER TABLE company ADD COLUMN mail_host TEXT;
ALTER TABLE company ADD COLUMN mail_port INTEGER NOT NULL DEFAULT 0;  -- 0: the security's usual port
-- tls, starttls or none (none only to this computer): the model checks it, as it checks
-- every field of the company.
ALTER TABLE company ADD COLUMN mail_security TEXT NOT NULL DEFAULT 'starttls';
ALTER TABLE company ADD COLUMN mail_user TEXT;

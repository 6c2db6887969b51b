/* cpt-store-mail-messages.c: the SQL of the messages sent by email. */
#define G_LOG_DOMAIN "cpt-store"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "cpt-error.h"
#include "cpt-store-mail-messages.h"
#include "cpt-store-private.h"

#define COLUMNS "id, document_id, created_at, sent_at, state, recipients, cc, bcc, subject, " \
                "body, attachment_name, coalesce (reminder_level, 0), error, " \
                "coalesce (written_on, substr (created_at, 1, 10)), server_answer"

static CptMailMessageState
state_from_string (const char *text)
{
  if (g_strcmp0 (text, "sent") == 0)
    return CPT_MAIL_MESSAGE_SENT;
  if (g_strcmp0 (text, "failed") == 0)
    return CPT_MAIL_MESSAGE_FAILED;
  return CPT_MAIL_MESSAGE_QUEUED;
}

static CptMailRecord *
record_from_row (sqlite3_stmt *stmt)
{
  CptMailRecord *record = g_new0 (CptMailRecord, 1);
  g_autofree char *state = cpt_store_dup_text (stmt, 4);

  record->id = sqlite3_column_int64 (stmt, 0);
  record->document_id = sqlite3_column_int64 (stmt, 1);
  record->created_at = cpt_store_dup_text (stmt, 2);
  record->sent_at = cpt_store_dup_text (stmt, 3);
  record->state = state_from_string (state);
  record->recipients = cpt_store_dup_text (stmt, 5);
  record->cc = cpt_store_dup_text (stmt, 6);
  record->bcc = cpt_store_dup_text (stmt, 7);
  record->subject = cpt_store_dup_text (stmt, 8);
  record->body = cpt_store_dup_text (stmt, 9);
  record->attachment_name = cpt_store_dup_text (stmt, 10);
  record->reminder_level = sqlite3_column_int64 (stmt, 11);
  record->error = cpt_store_dup_text (stmt, 12);
  record->written_on = cpt_store_dup_text (stmt, 13);
  record->server_answer = cpt_store_dup_text (stmt, 14);
  return record;
}

gint64
cpt_store_mail_messages_insert (CptDatabase *db, const CptMailRecord *record, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "INSERT INTO mail_messages (document_id, created_at, tried_at, state, recipients, cc, bcc, "
    "subject, body, attachment_name, reminder_level, written_on) VALUES (?, strftime ('%Y-%m-%dT%H:%M:%SZ', "
    "'now'), strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'), 'queued', ?, ?, ?, ?, ?, ?, nullif (?, 0), "
    "coalesce (?, date ('now')))", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, record->document_id);
  sqlite3_bind_text (stmt, 2, record->recipients, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, record->cc, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, record->bcc, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, record->subject, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, record->body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, record->attachment_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, record->reminder_level);
  sqlite3_bind_text (stmt, 9, record->written_on, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      /* Another sender took this reminder level first (mail_messages_one_reminder_per_level). */
      if (sqlite3_extended_errcode (cpt_database_get_handle (db)) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                     _("Reminder %" PRId64 " of this invoice has been sent already"),
                     record->reminder_level);
      else
        cpt_database_set_error (db, error, _("Could not record the message"));
      sqlite3_reset (stmt);
      return 0;
    }
  sqlite3_reset (stmt);
  return sqlite3_last_insert_rowid (cpt_database_get_handle (db));
}

gboolean
cpt_store_mail_messages_set_state (CptDatabase *db, gint64 id, CptMailMessageState state,
                                   const char *reason, gboolean *found, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "UPDATE mail_messages SET state = ?, error = ?, "
    "sent_at = CASE WHEN ? = 'sent' THEN strftime ('%Y-%m-%dT%H:%M:%SZ', 'now') END "
    "WHERE id = ? AND state = 'queued'", error);
  const char *name = cpt_mail_message_state_to_string (state);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, id);
  if (!cpt_database_step_done (db, stmt, _("Could not record the message"), error))
    return FALSE;
  *found = sqlite3_changes (cpt_database_get_handle (db)) > 0;
  return TRUE;
}

CptMailRecord *
cpt_store_mail_messages_load (CptDatabase *db, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT " COLUMNS " FROM mail_messages WHERE id = ?", error);
  CptMailRecord *record = NULL;
  gboolean has_row = FALSE;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cpt_store_step (db, stmt, _("Could not read the message"), &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND, _("There is no message #%" PRId64), id);
      return NULL;
    }
  record = record_from_row (stmt);
  sqlite3_reset (stmt);
  return record;
}

static GPtrArray *
read_records (CptDatabase *db, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) cpt_mail_record_free);
  gboolean has_row = TRUE;

  while (TRUE)
    {
      if (!cpt_store_step (db, stmt, _("Could not read the messages"), &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (records, record_from_row (stmt));
    }
  return g_steal_pointer (&records);
}

GPtrArray *
cpt_store_mail_messages_of_document (CptDatabase *db, gint64 document_id, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT " COLUMNS " FROM mail_messages WHERE document_id = ? ORDER BY id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  return read_records (db, stmt, error);
}

GPtrArray *
cpt_store_mail_messages_queued (CptDatabase *db, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT " COLUMNS " FROM mail_messages WHERE state = 'queued' ORDER BY id", error);

  if (stmt == NULL)
    return NULL;
  return read_records (db, stmt, error);
}

GPtrArray *
cpt_store_mail_messages_of_client (CptDatabase *db, gint64 client_id, guint limit, GError **error)
{
  /* documents_by_client_date finds the client's documents, mail_messages_by_document their
   * messages: no walk of either table. */
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT m.id, m.document_id, m.created_at, m.sent_at, m.state, m.recipients, m.cc, m.bcc, "
    "  m.subject, m.body, m.attachment_name, coalesce (m.reminder_level, 0), m.error, "
    "  coalesce (m.written_on, substr (m.created_at, 1, 10)), m.server_answer, d.number "
    "FROM documents d JOIN mail_messages m ON m.document_id = d.id "
    "WHERE d.client_id = ? ORDER BY m.id DESC LIMIT ?", error);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) cpt_mail_record_free);
  gboolean has_row = TRUE;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_int64 (stmt, 2, limit);
  while (TRUE)
    {
      CptMailRecord *record;

      if (!cpt_store_step (db, stmt, _("Could not read the messages"), &has_row, error))
        return NULL;
      if (!has_row)
        return g_steal_pointer (&records);
      record = record_from_row (stmt);
      record->document_number = cpt_store_dup_text (stmt, 15);
      g_ptr_array_add (records, record);
    }
}

gboolean
cpt_store_mail_messages_set_answer (CptDatabase *db, gint64 id, const char *answer, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "UPDATE mail_messages SET server_answer = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, answer, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  return cpt_database_step_done (db, stmt, _("Could not record the message"), error);
}

gboolean
cpt_store_mail_messages_count_queued (CptDatabase *db, gint64 *out, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT count (*) FROM mail_messages WHERE state = 'queued'", error);
  gboolean has_row = FALSE;

  *out = 0;
  if (stmt == NULL || !cpt_store_step (db, stmt, _("Could not read the outbox"), &has_row, error))
    return FALSE;
  if (has_row)
    *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
cpt_store_mail_messages_claim (CptDatabase *db, gint64 id, gboolean *claimed, GError **error)
{
  /* A message on its way has no error yet: the try that takes it clears the error and sets
   * tried_at, which tells the others it is being tried now. */
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "UPDATE mail_messages SET error = NULL, tried_at = strftime ('%Y-%m-%dT%H:%M:%SZ', 'now') "
    "WHERE id = ? AND state = 'queued' AND (error IS NOT NULL OR "
    "tried_at < strftime ('%Y-%m-%dT%H:%M:%SZ', 'now', '-10 minutes'))", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cpt_database_step_done (db, stmt, _("Could not record the message"), error))
    return FALSE;
  *claimed = sqlite3_changes (cpt_database_get_handle (db)) > 0;
  return TRUE;
}

gboolean
cpt_store_mail_messages_note_try (CptDatabase *db, gint64 id, const char *reason, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "UPDATE mail_messages SET error = ? WHERE id = ? AND state = 'queued'", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  return cpt_database_step_done (db, stmt, _("Could not record the message"), error);
}

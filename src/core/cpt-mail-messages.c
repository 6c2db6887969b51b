/* cpt-mail-messages.c: the messages sent by email, and what the document's history says. */
#define G_LOG_DOMAIN "cpt-mail-messages"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "cpt-error.h"
#include "cpt-ledger.h"
#include "cpt-mail-messages.h"
#include "cpt-store-mail-messages.h"

void
cpt_mail_record_free (CptMailRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->created_at);
  g_free (record->written_on);
  g_free (record->sent_at);
  g_free (record->recipients);
  g_free (record->cc);
  g_free (record->bcc);
  g_free (record->subject);
  g_free (record->body);
  g_free (record->attachment_name);
  g_free (record->error);
  g_free (record->document_number);
  g_free (record->server_answer);
  g_free (record);
}

const char *
cpt_mail_message_state_to_string (CptMailMessageState state)
{
  switch (state)
    {
    case CPT_MAIL_MESSAGE_SENT: return "sent";
    case CPT_MAIL_MESSAGE_FAILED: return "failed";
    case CPT_MAIL_MESSAGE_QUEUED:
    default: return "queued";
    }
}

gboolean
cpt_mail_messages_record_queued (CptDatabase *db, CptMailRecord *record, GError **error)
{
  g_return_val_if_fail (record->recipients != NULL && record->subject != NULL, FALSE);

  record->id = cpt_store_mail_messages_insert (db, record, error);
  record->state = CPT_MAIL_MESSAGE_QUEUED;
  return record->id != 0;
}

static gboolean
set_state (CptDatabase *db, gint64 id, CptMailMessageState state, const char *reason, GError **error)
{
  gboolean found = FALSE;

  if (!cpt_store_mail_messages_set_state (db, id, state, reason, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("Message #%" PRId64 " is not waiting to be sent"), id);
      return FALSE;
    }
  return TRUE;
}

gboolean
cpt_mail_messages_mark_sent (CptDatabase *db, gint64 id, const char *answer, GError **error)
{
  g_autoptr(CptMailRecord) record = NULL;
  g_autofree char *message = NULL, *level = NULL;

  if (!cpt_database_begin (db, error))
    return FALSE;
  if (!set_state (db, id, CPT_MAIL_MESSAGE_SENT, NULL, error) ||
      !cpt_store_mail_messages_set_answer (db, id, answer, error) ||
      (record = cpt_store_mail_messages_load (db, id, error)) == NULL)
    {
      cpt_database_rollback (db);
      return FALSE;
    }
  message = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  level = g_strdup_printf ("%" G_GINT64_FORMAT, record->reminder_level);
  /* A reminder says its level in the history: it is what the next one counts from. */
  if (!(record->reminder_level > 0
        ? cpt_audit_add_fields (db, "email", record->document_id, error, "to", record->recipients,
                                "subject", record->subject, "message", message, "reminder", level, NULL)
        : cpt_audit_add_fields (db, "email", record->document_id, error, "to", record->recipients,
                                "subject", record->subject, "message", message, NULL)))
    {
      cpt_database_rollback (db);
      return FALSE;
    }
  return cpt_database_commit (db, error);
}

gboolean
cpt_mail_messages_mark_failed (CptDatabase *db, gint64 id, const char *reason, GError **error)
{
  return set_state (db, id, CPT_MAIL_MESSAGE_FAILED, reason, error);
}

GPtrArray *
cpt_mail_messages_of_client (CptDatabase *db, gint64 client_id, guint limit, GError **error)
{
  return cpt_store_mail_messages_of_client (db, client_id, limit, error);
}

GPtrArray *
cpt_mail_messages_of_document (CptDatabase *db, gint64 document_id, GError **error)
{
  return cpt_store_mail_messages_of_document (db, document_id, error);
}

gboolean
cpt_mail_messages_note_try (CptDatabase *db, gint64 id, const char *reason, GError **error)
{
  return cpt_store_mail_messages_note_try (db, id, reason, error);
}

gboolean
cpt_mail_messages_count_queued (CptDatabase *db, gint64 *out, GError **error)
{
  return cpt_store_mail_messages_count_queued (db, out, error);
}

GPtrArray *
cpt_mail_messages_queued (CptDatabase *db, GError **error)
{
  return cpt_store_mail_messages_queued (db, error);
}

gboolean
cpt_mail_messages_claim (CptDatabase *db, gint64 id, gboolean *claimed, GError **error)
{
  return cpt_store_mail_messages_claim (db, id, claimed, error);
}

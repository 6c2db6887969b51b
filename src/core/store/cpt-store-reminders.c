/* cpt-store-reminders.c: the SQL of payment reminders. */
#define G_LOG_DOMAIN "cpt-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cpt-store-private.h"
#include "cpt-store-reminders.h"

/* A receivable, its document and the last reminder level that counts (sent, or on its way
 * in the outbox; a failed one does not). */
#define STATE_SELECT \
  "SELECT r.document_id, r.client_id, d.number, d.client_name, r.kind, r.date, r.due_date, " \
  "  r.balance, coalesce (m.reminder_level, 0), coalesce (m.written_on, substr (m.created_at, 1, 10), ''), " \
  "  coalesce (m.state = 'queued', 0) " \
  "FROM receivables r JOIN documents d ON d.id = r.document_id " \
  "LEFT JOIN mail_messages m ON m.id = (SELECT id FROM mail_messages " \
  "  WHERE document_id = r.document_id AND reminder_level IS NOT NULL AND state != 'failed' " \
  "  ORDER BY reminder_level DESC LIMIT 1) "

static void
state_from_row (sqlite3_stmt *stmt, CptReminderState *out)
{
  out->document_id = sqlite3_column_int64 (stmt, 0);
  out->client_id = sqlite3_column_int64 (stmt, 1);
  out->number = cpt_store_dup_text (stmt, 2);
  out->client_name = cpt_store_dup_text (stmt, 3);
  g_strlcpy (out->kind, (const char *) sqlite3_column_text (stmt, 4), sizeof out->kind);
  g_strlcpy (out->date, (const char *) sqlite3_column_text (stmt, 5), sizeof out->date);
  g_strlcpy (out->due_date, (const char *) sqlite3_column_text (stmt, 6), sizeof out->due_date);
  out->balance = sqlite3_column_int64 (stmt, 7);
  out->level_sent = (guint) sqlite3_column_int64 (stmt, 8);
  g_strlcpy (out->last_sent_on, (const char *) sqlite3_column_text (stmt, 9),
             sizeof out->last_sent_on);
  out->last_waiting = sqlite3_column_int (stmt, 10) != 0;
}

gboolean
cpt_store_reminders_state (CptDatabase *db, gint64 id, CptReminderState *out, gboolean *found,
                           GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, STATE_SELECT "WHERE r.document_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cpt_store_step (db, stmt, _("Could not read the reminders"), found, error))
    return FALSE;
  if (*found)
    {
      state_from_row (stmt, out);
      sqlite3_reset (stmt);
    }
  return TRUE;
}

gboolean
cpt_store_reminders_overdue (CptDatabase *db, const char *due_before, const char *after_due,
                             gint64 after_id, guint limit, GPtrArray *out, GError **error)
{
  /* receivables_open_by_due answers this in (due date, id) order, from where the last page
   * stopped. */
  sqlite3_stmt *stmt = cpt_database_prepare (db, STATE_SELECT
    "WHERE r.balance > 0 AND r.due_date < ?1 AND (r.due_date, r.document_id) > (?2, ?3) "
    /* Past the formal notice there is nothing left to plan: one probe of the reminder
     * index skips those (a big book of debts mostly noticed stays quick to read). */
    "AND NOT EXISTS (SELECT 1 FROM mail_messages f WHERE f.document_id = r.document_id "
    "  AND f.reminder_level = ?5 AND f.state != 'failed') "
    "ORDER BY r.due_date, r.document_id LIMIT ?4", error);
  gboolean has_row = TRUE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, due_before, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, after_due, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, after_id);
  sqlite3_bind_int64 (stmt, 4, limit);
  sqlite3_bind_int (stmt, 5, CPT_REMINDER_MAX_LEVEL);
  while (TRUE)
    {
      CptReminderState *state;

      if (!cpt_store_step (db, stmt, _("Could not read the reminders"), &has_row, error))
        return FALSE;
      if (!has_row)
        return TRUE;
      state = g_new0 (CptReminderState, 1);
      state_from_row (stmt, state);
      g_ptr_array_add (out, state);
    }
}

GArray *
cpt_store_reminders_late_payments (CptDatabase *db, gint64 id, const char *due_date, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT p.date, a.amount FROM allocations a JOIN payments p ON p.id = a.payment_id "
    "WHERE a.document_id = ? AND p.date > ? ORDER BY p.date, p.id", error);
  g_autoptr(GArray) payments = g_array_new (FALSE, TRUE, sizeof (CptLatePayment));
  gboolean has_row = TRUE;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, due_date, -1, SQLITE_TRANSIENT);
  while (TRUE)
    {
      CptLatePayment payment = { 0 };

      if (!cpt_store_step (db, stmt, _("Could not read the payments"), &has_row, error))
        return NULL;
      if (!has_row)
        return g_steal_pointer (&payments);
      g_strlcpy (payment.date, (const char *) sqlite3_column_text (stmt, 0), sizeof payment.date);
      payment.amount = sqlite3_column_int64 (stmt, 1);
      g_array_append_val (payments, payment);
    }
}

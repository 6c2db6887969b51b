/* cpt-reminders.c: which reminder an overdue invoice needs, and when. */
#define G_LOG_DOMAIN "cpt-reminders"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "cpt-client.h"
#include "cpt-company.h"
#include "cpt-dates.h"
#include "cpt-error.h"
#include "cpt-money.h"
#include "cpt-reminders.h"
#include "cpt-store-reminders.h"

void
cpt_reminder_state_free (CptReminderState *state)
{
  if (state == NULL)
    return;
  g_free (state->number);
  g_free (state->client_name);
  g_free (state);
}

void
cpt_reminder_plan (CptReminderState *state)
{
  g_autofree char *day = NULL;

  state->next_level = 0;
  state->next_on[0] = '\0';
  if (state->balance <= 0 || state->level_sent >= CPT_REMINDER_MAX_LEVEL)
    return;
  state->next_level = state->level_sent + 1;
  if (state->level_sent == 0 || state->last_sent_on[0] == '\0')
    day = cpt_date_add_days (state->due_date, CPT_REMINDER_FIRST_DELAY);
  else
    day = cpt_date_add_days (state->last_sent_on, CPT_REMINDER_NEXT_DELAY);
  g_strlcpy (state->next_on, day, sizeof state->next_on);
}

gboolean
cpt_reminder_is_due (const CptReminderState *state, const char *today)
{
  return state->next_level > 0 && !state->last_waiting && strcmp (state->next_on, today) <= 0;
}

gboolean
cpt_reminder_can_send (const CptReminderState *state, const char *today, GError **error)
{
  const char *number = state->number ? state->number : "";

  if (state->balance <= 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s is paid: there is nothing to remind the client of"), number);
      return FALSE;
    }
  if (strcmp (state->due_date, today) >= 0)
    {
      g_autofree char *due = cpt_date_format_here (state->due_date);

      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s is not late: it is due on %s"), number, due);
      return FALSE;
    }
  if (state->last_waiting)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("Reminder %u of %s waits in the outbox: it leaves when the mail server "
                     "answers, and the next one can follow"), state->level_sent, number);
      return FALSE;
    }
  if (state->next_level == 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("The formal notice for %s has been sent already: the next step is no "
                     "longer a reminder"), number);
      return FALSE;
    }
  return TRUE;
}

CptReminderState *
cpt_reminders_of_document (CptDatabase *db, gint64 id, GError **error)
{
  g_autoptr(CptReminderState) state = g_new0 (CptReminderState, 1);
  gboolean found = FALSE;

  if (!cpt_store_reminders_state (db, id, state, &found, error))
    return NULL;
  if (!found)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("Document #%" PRId64 " is not a validated invoice: only invoices and "
                     "deposit invoices are reminded"), id);
      return NULL;
    }
  cpt_reminder_plan (state);
  return g_steal_pointer (&state);
}

/* How many overdue invoices are read at a time while looking for due reminders. */
#define PAGE 200

GPtrArray *
cpt_reminders_due (CptDatabase *db, const char *today, guint limit, gboolean *out_more,
                   GError **error)
{
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func ((GDestroyNotify) cpt_reminder_state_free);
  /* Nothing is due before the first reminder's delay has passed. */
  g_autofree char *due_before = cpt_date_add_days (today, 1 - CPT_REMINDER_FIRST_DELAY);
  char after_due[11] = "";
  gint64 after_id = 0;

  *out_more = FALSE;
  while (TRUE)
    {
      g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) cpt_reminder_state_free);
      guint read;

      if (!cpt_store_reminders_overdue (db, due_before, after_due, after_id, PAGE, page, error))
        return NULL;
      read = page->len;
      for (guint i = 0; i < page->len; i++)
        {
          CptReminderState *state = g_ptr_array_index (page, i);

          g_strlcpy (after_due, state->due_date, sizeof after_due);
          after_id = state->document_id;
          cpt_reminder_plan (state);
          if (!cpt_reminder_is_due (state, today))
            continue;
          if (due->len == limit)
            {
              *out_more = TRUE;
              return g_steal_pointer (&due);
            }
          g_ptr_array_add (due, g_ptr_array_steal_index (page, i--));
        }
      if (read < PAGE)
        return g_steal_pointer (&due);
    }
}

gboolean
cpt_reminders_penalties (CptDatabase *db, gint64 id, const char *today, CptLatePenalties *out,
                         GError **error)
{
  g_autoptr(CptReminderState) state = cpt_reminders_of_document (db, id, error);
  g_autoptr(CptCompany) company = NULL;
  g_autoptr(CptClient) client = NULL;
  g_autoptr(GArray) payments = NULL;
  gint64 agreed = 0;

  if (state == NULL || (company = cpt_company_load (db, error)) == NULL ||
      (client = cpt_client_load (db, state->client_id, error)) == NULL ||
      (payments = cpt_store_reminders_late_payments (db, id, state->due_date, error)) == NULL)
    return FALSE;
  g_object_get (company, "late-interest-rate", &agreed, NULL);
  cpt_late_penalties_compute (state->balance, state->due_date, today,
                              (const CptLatePayment *) payments->data, payments->len,
                              agreed > 0 ? agreed : -1,
                              g_strcmp0 (cpt_client_get_kind (client), "individual") != 0, out);
  return TRUE;
}

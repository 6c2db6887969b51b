#define G_LOG_DOMAIN "cpt-lifecycle"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cpt-client.h"
#include "cpt-dates.h"
#include "cpt-documents-private.h"
#include "cpt-einvoice-from-render.h"
#include "cpt-einvoice-rules.h"
#include "cpt-error.h"
#include "cpt-ledger.h"
#include "cpt-lifecycle.h"
#include "cpt-reminders.h"
#include "cpt-lifecycle-private.h"
#include "cpt-money.h"
#include "cpt-payments.h"
#include "cpt-series.h"
#include "cpt-status.h"
#include "cpt-store-lifecycle.h"
#include "cpt-store-status.h"
#include "cpt-vat.h"

/* ---------------------------------------------------------------- small helpers */

/* How a document is named in messages: its number, or "draft #12". */
static char *
document_name (CptDocument *document)
{
  if (cpt_document_get_number (document) != NULL)
    return g_strdup (cpt_document_get_number (document));
  return g_strdup_printf (_("draft #%" PRId64), cpt_document_get_id (document));
}

static gboolean
is_kind (CptDocument *document, CptDocumentKind kind)
{
  return cpt_document_get_document_kind (document) == kind;
}

static gboolean
is_validated (CptDocument *document)
{
  return cpt_document_get_state (document) == CPT_DOCUMENT_STATE_VALIDATED;
}

static gboolean
fail (CptDatabase *db)
{
  cpt_database_rollback (db);
  return FALSE;
}

static CptDocument *
load_kind (CptDatabase *db, gint64 id, CptDocumentKind kind, const char *what, GError **error)
{
  g_autoptr(CptDocument) document = cpt_documents_load (db, id, error);

  if (document == NULL)
    return NULL;
  if (!is_kind (document, kind))
    {
      g_autofree char *name = document_name (document);
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED, _("%s is not %s"), name, what);
      return NULL;
    }
  return g_steal_pointer (&document);
}

static gint64
count_items (GPtrArray *lines)
{
  gint64 n = 0;

  for (guint i = 0; i < lines->len; i++)
    if (cpt_document_line_is_item (g_ptr_array_index (lines, i)))
      n++;
  return n;
}

/* ---------------------------------------------------------------- credits */

gboolean
cpt_lifecycle_credited_amount (CptDatabase *db, gint64 invoice_id, gint64 *amount, GError **error)
{
  return cpt_store_lifecycle_credited_amount (db, invoice_id, amount, error);
}

gboolean
cpt_lifecycle_deposit_invoice (CptDatabase *db, gint64 deposit_id, gint64 *invoice_id,
                               GError **error)
{
  return cpt_store_lifecycle_deposit_holder (db, deposit_id, invoice_id, error);
}

/* ---------------------------------------------------------------- validation */

static gboolean
check_chronology (CptDatabase *db, const char *series, const char *date, CptDocument *document,
                  GError **error)
{
  g_autofree char *last_number = NULL, *last_date = NULL;

  if (!cpt_store_lifecycle_last_numbered (db, series, &last_number, &last_date, error))
    return FALSE;
  if (last_date != NULL && strcmp (date, last_date) < 0)
    {
      g_autofree char *shown_last = cpt_date_format_here (last_date);
      g_autofree char *shown_date = cpt_date_format_here (date);

      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s is dated %s: the next number of its series cannot go to a "
                     "document dated %s, since numbers follow the order of dates. Date it "
                     "%s or later."),
                   last_number, shown_last, shown_date, shown_last);
      return FALSE;
    }
  return TRUE;
}

/* A deposit invoice deducted on an invoice is not credited: that would give the deposit
 * back twice (once by the credit note, once by the deduction). `facts` are the deposit's. */
static gboolean
check_deposit_free (CptDatabase *db, CptDocument *deposit, const CptLifecycleFacts *facts,
                    GError **error)
{
  g_autoptr(CptDocument) on = NULL;
  g_autofree char *name = NULL, *on_name = NULL;

  if (!is_kind (deposit, CPT_DOCUMENT_KIND_DEPOSIT) || facts->deposit_holder == 0)
    return TRUE;
  /* the invoice is read for its name only, to say where the deposit is */
  on = cpt_documents_load (db, facts->deposit_holder, error);
  if (on == NULL)
    return FALSE;
  name = document_name (deposit);
  on_name = document_name (on);
  g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
               _("%s is deducted on %s: it cannot be credited as well. Detach it from that "
                 "invoice (or, once the invoice is validated, cancel the invoice with a credit "
                 "note) first."), name, on_name);
  return FALSE;
}

/* A credit note may not give back more than what is left of its invoice. */
static gboolean
check_credit_note (CptDatabase *db, const CptDocumentAggregate *note, GError **error)
{
  CptDocument *invoice = note->credited;
  g_autofree char *name = NULL;
  gint64 left;

  if (invoice == NULL)
    return TRUE; /* a free-standing credit note (a commercial gesture) */
  if (!check_deposit_free (db, invoice, &note->credited_facts, error))
    return FALSE;
  name = document_name (invoice);
  left = cpt_document_get_amount_due (invoice) - note->credited_facts.credited_amount;
  if (cpt_document_get_amount_due (note->document) > left)
    {
      g_autofree char *left_text = cpt_money_format_for_user (left, cpt_document_get_currency (invoice));
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("This credit note gives back more than what is left to credit on %s (%s)"),
                   name, left_text);
      return FALSE;
    }
  for (guint i = 0; i < note->lines->len; i++)
    {
      CptDocumentLine *line = g_ptr_array_index (note->lines, i);
      const CptLineFacts *facts = &g_array_index (note->line_facts, CptLineFacts, i);
      gint64 invoiced = facts->credited_line_quantity, taken = facts->credited_line_taken;

      if (cpt_document_line_get_credited_line_id (line) == 0 || !cpt_document_line_is_item (line))
        continue;
      if (taken + cpt_document_line_get_quantity (line) > invoiced)
        {
          g_autofree char *left_qty = cpt_decimal_format (invoiced - taken, 3, 0, cpt_user_language ());
          g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                       _("“%s”: only %s is left to credit on %s"),
                       cpt_document_line_get_description (line), left_qty, name);
          return FALSE;
        }
    }
  return TRUE;
}

/* Deposits deducted on an invoice must still be free for it. */
static gboolean
check_deposits (const CptDocumentAggregate *invoice, GError **error)
{
  if (!is_kind (invoice->document, CPT_DOCUMENT_KIND_INVOICE))
    return TRUE;
  for (guint i = 0; i < invoice->lines->len; i++)
    {
      CptDocumentLine *line = g_ptr_array_index (invoice->lines, i);
      const CptLineFacts *facts = &g_array_index (invoice->line_facts, CptLineFacts, i);

      if (cpt_document_line_get_deposit_id (line) == 0)
        continue;
      if (facts->deposit_holder != 0 &&
          facts->deposit_holder != cpt_document_get_id (invoice->document))
        {
          g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                       _("A deposit deducted here is already deducted on another invoice"));
          return FALSE;
        }
      if (facts->deposit_credited > 0)
        {
          g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                       _("A deposit deducted here was credited since: detach it, it cannot be "
                         "deducted any more"));
          return FALSE;
        }
    }
  return TRUE;
}

/* Numbers follow the order of dates (check_chronology), so a mistyped year would lock the
 * series: a document dated 2062 forces every later one to 2062 or later, and a validated
 * document cannot be removed. A date in the future is therefore refused, and a date long
 * past (which would go before documents already numbered, or be out of order with those
 * to come) needs the person to confirm it. */
gboolean
cpt_lifecycle_check_date (CptDocument *document, const char *iso, CptValidateFlags flags,
                          GError **error)
{
  g_autofree char *name = document_name (document);
  g_autofree char *today = cpt_date_today ();
  int age = cpt_date_days_between (iso, today);

  if (age < 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s cannot be dated %s, after today (%s): numbers follow the order of "
                     "dates, so every later document of its series would have to be dated %s "
                     "or later. Date it today or earlier."),
                   name, iso, today, iso);
      return FALSE;
    }
  if (age > CPT_VALIDATE_OLD_DAYS && !(flags & CPT_VALIDATE_CONFIRM_OLD_DATE))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_CONFIRM,
                   _("%s would be dated %s, %d days ago: numbers follow the order of dates, so "
                     "a wrong date would put it out of order in its series for good. Confirm "
                     "the date to validate it."),
                   name, iso, age);
      return FALSE;
    }
  return TRUE;
}

/* Every rate is one in force, and a line at 0 % says why it is exempt: lines written
 * before these rules, or by another program, are checked again before they are locked. */
static gboolean
check_vat (GPtrArray *lines, GError **error)
{
  for (guint i = 0; i < lines->len; i++)
    {
      CptDocumentLine *line = g_ptr_array_index (lines, i);
      const char *exemption = cpt_document_line_get_exemption_code (line);
      g_autoptr(GError) local_error = NULL;

      if (!cpt_document_line_is_item (line))
        continue;
      if (!cpt_vat_rate_check (cpt_document_line_get_vat_rate (line), &local_error))
        {
          g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                       /* Translators: a line's description, then why its rate is refused */
                       _("“%s”: %s"), cpt_document_line_get_description (line),
                       local_error->message);
          return FALSE;
        }
      if (cpt_document_line_get_vat_rate (line) == 0 && (exemption == NULL || *exemption == '\0'))
        {
          g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                       _("“%s” is at 0 %% VAT without the reason it is exempt: choose an "
                         "exemption reason for it before validating"),
                       cpt_document_line_get_description (line));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
cpt_lifecycle_lock (CptDatabase *db, gint64 id, const char *number, const char *series,
                    const char *period, gint64 sequence, const char *date, const char *due,
                    GError **error)
{
  return cpt_store_lifecycle_lock (db, id, number, series, period, sequence, date, due, error) &&
         cpt_ledger_append (db, id, error);
}

/* The e-invoice the document now is, numbered and with the identities copied into it,
 * against the EN 16931 and BR-FR rules: a platform refuses an invoice that breaks one, and
 * a numbered invoice can only be cancelled by a credit note. Called inside the validating
 * transaction, so a refusal rolls the number back. Quotes are not e-invoices. */
static gboolean
check_einvoice (CptDatabase *db, gint64 id, const char *name, GError **error)
{
  g_autoptr(CptRenderDocument) snapshot = cpt_render_document_load (db, id, error);
  g_autoptr(CptEinvoice) invoice = NULL;
  g_autoptr(GPtrArray) violations = NULL;

  if (snapshot == NULL)
    return FALSE;
  if ((invoice = cpt_einvoice_from_render (snapshot)) == NULL)
    return TRUE;
  violations = cpt_einvoice_check_document (snapshot, invoice);
  return cpt_einvoice_refuse (violations, name, error);
}

static gboolean
validate_in_transaction (CptDatabase *db, gint64 id, const char *date, CptValidateFlags flags,
                         GError **error)
{
  g_autoptr(CptDocument) document = cpt_documents_load (db, id, error);
  g_autoptr(CptDocumentAggregate) loaded = NULL;
  GPtrArray *lines;
  g_autofree char *iso = NULL, *series = NULL, *number = NULL, *period = NULL, *due = NULL;
  g_autofree char *name = NULL;
  gint64 counter;

  if (document == NULL)
    return FALSE;
  name = document_name (document);
  if (!cpt_document_is_draft (document))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED, _("%s is already validated"), name);
      return FALSE;
    }
  if (is_kind (document, CPT_DOCUMENT_KIND_PROFORMA))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("A pro forma is not validated: it stays editable. Produce the final "
                     "invoice from it instead."));
      return FALSE;
    }
  if (date != NULL)
    {
      iso = cpt_date_normalize (date, error);
      if (iso == NULL)
        return FALSE;
    }
  else
    iso = g_strdup (cpt_document_get_date (document));
  if (!cpt_lifecycle_check_date (document, iso, flags, error))
    return FALSE;

  /* The totals are those of the lines, whatever happened before. Then the rules read the
   * document as it is now, with all they need, loaded at once. */
  if (!cpt_documents_store_totals (db, id, error) ||
      (loaded = cpt_store_lifecycle_load (db, id, error)) == NULL)
    return FALSE;
  g_set_object (&document, loaded->document);
  lines = loaded->lines;
  if (count_items (lines) == 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s has no line with an amount: add what is sold before validating"), name);
      return FALSE;
    }
  if (cpt_document_get_amount_due (document) < 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s would have a negative total: make a credit note instead"), name);
      return FALSE;
    }
  /* A total of zero bills nothing yet would take a number for good. The total is before
   * deposits: a balance invoice whose deposits cover everything has nothing left to pay,
   * but it does bill the order. Quotes may offer something free. */
  if (cpt_document_get_total_gross (document) == 0 && !is_kind (document, CPT_DOCUMENT_KIND_QUOTE))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   is_kind (document, CPT_DOCUMENT_KIND_CREDIT_NOTE)
                   ? _("%s has a total of zero: it gives nothing back, so it is not validated")
                   : _("%s has a total of zero: there is nothing to bill, so it is not validated"),
                   name);
      return FALSE;
    }
  if (!check_vat (lines, error))
    return FALSE;
  if (is_kind (document, CPT_DOCUMENT_KIND_CREDIT_NOTE) && !check_credit_note (db, loaded, error))
    return FALSE;
  if (!check_deposits (loaded, error))
    return FALSE;

  /* Validating under another date moves the due date with it, so the terms stay what they
   * were; and a due date never comes before the document's date. */
  due = g_strdup (cpt_document_get_due_date (document));
  if (due != NULL && strcmp (iso, cpt_document_get_date (document)) != 0)
    {
      char *moved = cpt_date_add_days (due, cpt_date_days_between (cpt_document_get_date (document), iso));
      g_free (due);
      due = moved;
    }
  if (due != NULL && strcmp (due, iso) < 0)
    {
      g_autoptr(CptClient) client = cpt_client_load (db, cpt_document_get_client_id (document), error);
      if (client == NULL)
        return FALSE;
      g_free (due);
      due = cpt_date_due (iso, cpt_client_get_payment_days (client), cpt_client_get_end_of_month (client));
    }

  series = cpt_series_for_document_kind (db, cpt_document_get_document_kind (document), error);
  if (series == NULL || !check_chronology (db, series, iso, document, error) ||
      !cpt_series_take_next (db, series, iso, &number, &period, &counter, error))
    return FALSE;
  if (!cpt_lifecycle_lock (db, id, number, series, period, counter, iso, due, error) ||
      !check_einvoice (db, id, name, error))
    return FALSE;
  return cpt_audit_add_fields (db, "validate", id, error, "number", number, "date", iso, NULL);
}

gboolean
cpt_lifecycle_validate_full (CptDatabase *db, gint64 id, const char *date,
                             CptValidateFlags flags, GError **error)
{
  if (!cpt_database_begin (db, error))
    return FALSE;
  if (!validate_in_transaction (db, id, date, flags, error))
    return fail (db);
  return cpt_database_commit (db, error);
}

gboolean
cpt_lifecycle_validate (CptDatabase *db, gint64 id, const char *date, GError **error)
{
  return cpt_lifecycle_validate_full (db, id, date, CPT_VALIDATE_DEFAULT, error);
}

gboolean
cpt_lifecycle_delete (CptDatabase *db, gint64 id, GError **error)
{
  g_autoptr(CptDocument) document = NULL;
  g_auto(CptLifecycleFacts) facts = { 0 };
  g_autofree char *name = NULL;

  if (!cpt_database_begin (db, error))
    return FALSE;
  document = cpt_documents_load (db, id, error);
  if (document == NULL || !cpt_store_lifecycle_facts (db, id, &facts, error))
    return fail (db);
  name = document_name (document);
  if (!cpt_document_is_draft (document))
    {
      if (is_kind (document, CPT_DOCUMENT_KIND_QUOTE) && facts.sent_on != NULL)
        g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                     _("%s was sent: a numbered quote is kept. Mark it refused instead."), name);
      else if (is_kind (document, CPT_DOCUMENT_KIND_QUOTE))
        g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                     _("%s is validated: a numbered quote is kept. Mark it refused instead."), name);
      else
        g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                     _("%s is validated: it can never be deleted. Issue a credit note to cancel it."),
                     name);
      return fail (db);
    }
  if (is_kind (document, CPT_DOCUMENT_KIND_PROFORMA) && facts.proforma_invoice != 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s was produced as invoice #%" PRId64 ": it is kept as that invoice’s "
                     "origin"), name, facts.proforma_invoice);
      return fail (db);
    }
  /* Deleting a draft balance invoice gives its deposits back, as detaching would. */
  if (!cpt_audit_add_fields (db, "delete_draft", id, error,
                             "kind", cpt_document_get_kind (document),
                             "client", cpt_document_get_client_name (document),
                             "title", cpt_document_get_title (document),
                             "number", cpt_document_get_number (document), NULL) ||
      !cpt_documents_delete (db, id, error))
    return fail (db);
  return cpt_database_commit (db, error);
}

/* ---------------------------------------------------------------- marks (beside the document) */

/* Sets the mark and writes its audit event with the date actually kept: today when `date`
 * is NULL, so that the history says when. */
static gboolean
mark_and_audit (CptDatabase *db, gint64 id, CptDocumentMark mark, const char *action,
                const char *date, GError **error)
{
  g_autofree char *iso = date ? cpt_date_normalize (date, error) : cpt_date_today ();

  return iso != NULL &&
         cpt_store_lifecycle_set_mark (db, id, mark, iso, error) &&
         cpt_audit_add_fields (db, action, id, error, "date", iso, NULL);
}

gboolean
cpt_lifecycle_mark_sent (CptDatabase *db, gint64 id, const char *date, GError **error)
{
  g_autoptr(CptDocument) document = NULL;
  gint64 final = 0;

  if (!cpt_database_begin (db, error))
    return FALSE;
  document = cpt_documents_load (db, id, error);
  if (document == NULL)
    return fail (db);
  if (is_kind (document, CPT_DOCUMENT_KIND_PROFORMA) &&
      !cpt_store_lifecycle_proforma_invoice (db, id, &final, error))
    return fail (db);
  if (cpt_document_is_draft (document) && !is_kind (document, CPT_DOCUMENT_KIND_PROFORMA))
    {
      g_autofree char *name = document_name (document);
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s is a draft: validate it before sending it"), name);
      return fail (db);
    }
  if (final != 0)
    {
      g_autofree char *name = document_name (document);
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s was produced as an invoice: send the invoice instead"), name);
      return fail (db);
    }
  if (!mark_and_audit (db, id, CPT_MARK_SENT, "send", date, error))
    return fail (db);
  return cpt_database_commit (db, error);
}

gboolean
cpt_lifecycle_quote_send (CptDatabase *db, gint64 id, const char *date, GError **error)
{
  return cpt_lifecycle_quote_send_full (db, id, date, CPT_VALIDATE_DEFAULT, error);
}

gboolean
cpt_lifecycle_quote_send_full (CptDatabase *db, gint64 id, const char *date,
                               CptValidateFlags flags, GError **error)
{
  g_autoptr(CptDocument) quote = NULL;

  if (!cpt_database_begin (db, error))
    return FALSE;
  quote = load_kind (db, id, CPT_DOCUMENT_KIND_QUOTE, _("a quote"), error);
  if (quote == NULL)
    return fail (db);
  if (cpt_document_is_draft (quote) && !validate_in_transaction (db, id, date, flags, error))
    return fail (db);
  if (!mark_and_audit (db, id, CPT_MARK_SENT, "quote_send", date, error))
    return fail (db);
  return cpt_database_commit (db, error);
}

static gboolean
decide_quote (CptDatabase *db, gint64 id, const char *date, gboolean accept, GError **error)
{
  g_autoptr(CptDocument) quote = NULL;
  g_autofree char *name = NULL, *accepted = NULL, *refused = NULL;

  if (!cpt_database_begin (db, error))
    return FALSE;
  quote = load_kind (db, id, CPT_DOCUMENT_KIND_QUOTE, _("a quote"), error);
  if (quote == NULL)
    return fail (db);
  name = document_name (quote);
  if (cpt_document_is_draft (quote))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s has not been sent: send it (which gives it its number) before the client "
                     "accepts or refuses it"), name);
      return fail (db);
    }
  if (!cpt_store_lifecycle_get_mark (db, id, CPT_MARK_ACCEPTED, &accepted, error) ||
      !cpt_store_lifecycle_get_mark (db, id, CPT_MARK_REFUSED, &refused, error))
    return fail (db);
  if (accepted != NULL || refused != NULL)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   accepted ? _("%s was already accepted on %s") : _("%s was already refused on %s"),
                   name, accepted ? accepted : refused);
      return fail (db);
    }
  if (!mark_and_audit (db, id, accept ? CPT_MARK_ACCEPTED : CPT_MARK_REFUSED,
                       accept ? "quote_accept" : "quote_refuse", date, error))
    return fail (db);
  return cpt_database_commit (db, error);
}

gboolean
cpt_lifecycle_quote_accept (CptDatabase *db, gint64 id, const char *date, GError **error)
{
  return decide_quote (db, id, date, TRUE, error);
}

gboolean
cpt_lifecycle_quote_refuse (CptDatabase *db, gint64 id, const char *date, GError **error)
{
  return decide_quote (db, id, date, FALSE, error);
}

/* ---------------------------------------------------------------- quotes to invoices */

void
cpt_remaining_line_free (CptRemainingLine *line)
{
  g_free (line->description);
  g_clear_pointer (&line->invoice_ids, g_array_unref);
  g_free (line);
}

GPtrArray *
cpt_lifecycle_quote_remaining (CptDatabase *db, gint64 quote_id, GError **error)
{
  g_autoptr(CptDocument) quote = load_kind (db, quote_id, CPT_DOCUMENT_KIND_QUOTE, _("a quote"), error);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) remaining = NULL;

  if (quote == NULL || (lines = cpt_documents_load_lines (db, quote_id, error)) == NULL)
    return NULL;
  remaining = g_ptr_array_new_with_free_func ((GDestroyNotify) cpt_remaining_line_free);
  for (guint i = 0; i < lines->len; i++)
    {
      CptDocumentLine *line = g_ptr_array_index (lines, i);
      CptRemainingLine *entry;

      if (!cpt_document_line_is_item (line))
        continue;
      entry = g_new0 (CptRemainingLine, 1);
      entry->line_id = cpt_document_line_get_id (line);
      entry->description = g_strdup (cpt_document_line_get_description (line));
      entry->ordered = cpt_document_line_get_quantity (line);
      entry->invoice_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      if (!cpt_store_lifecycle_quote_line_invoiced (db, entry->line_id, entry->invoice_ids,
                                                    &entry->invoiced, error))
        {
          cpt_remaining_line_free (entry);
          return NULL;
        }
      entry->remaining = MAX (entry->ordered - entry->invoiced, 0);
      g_ptr_array_add (remaining, entry);
    }
  return g_steal_pointer (&remaining);
}

static gboolean
add_line (CptDatabase *db, gint64 document_id, CptDocumentLine *line, gint64 *position,
          gboolean check, GError **error)
{
  g_object_set (line, "document-id", document_id, "position", ++*position, NULL);
  if (check && !cpt_documents_check_line (db, line, error))
    return FALSE;
  return cpt_documents_insert_line (db, line, error);
}

/* Deposit lines for `deposit` (one per VAT rate of it), appended to `invoice_id`. */
static gboolean
add_deposit_lines (CptDatabase *db, gint64 invoice_id, CptDocument *deposit, const char *language,
                   gint64 *position, GError **error)
{
  g_autoptr(GPtrArray) lines = cpt_documents_load_lines (db, cpt_document_get_id (deposit), error);
  CptDocumentTotals totals = { 0 };
  g_autofree char *date = NULL;
  gboolean ok = TRUE;

  if (lines == NULL || !cpt_documents_compute_totals (lines, &totals, error))
    return FALSE;
  date = cpt_date_format (cpt_document_get_date (deposit), language);
  for (guint i = 0; ok && i < totals.vat->len; i++)
    {
      const CptVatEntry *entry = &g_array_index (totals.vat, CptVatEntry, i);
      g_autoptr(CptDocumentLine) line = cpt_document_line_new ();
      g_autofree char *rate = cpt_decimal_format (entry->rate, 2, 0, language);
      g_autofree char *description = NULL;

      if (g_strcmp0 (language, "en") == 0)
        description = totals.vat->len > 1
          ? g_strdup_printf ("Deposit invoice %s of %s (VAT %s%%)", cpt_document_get_number (deposit), date, rate)
          : g_strdup_printf ("Deposit invoice %s of %s", cpt_document_get_number (deposit), date);
      else
        description = totals.vat->len > 1
          ? g_strdup_printf ("Facture d’acompte %s du %s (TVA %s %%)", cpt_document_get_number (deposit), date, rate)
          : g_strdup_printf ("Facture d’acompte %s du %s", cpt_document_get_number (deposit), date);
      g_object_set (line, "kind", "deposit", "description", description,
                    "quantity", (gint64) -1000, "unit-price", entry->base * 100,
                    "vat-rate", entry->rate, "exemption-code", entry->exemption_code,
                    "net", -entry->base, "vat-amount", -entry->vat,
                    "deposit-id", cpt_document_get_id (deposit), NULL);
      ok = add_line (db, invoice_id, line, position, FALSE, error);
    }
  cpt_document_totals_clear (&totals);
  return ok;
}

static gboolean
make_deposit_lines (CptDatabase *db, CptDocument *quote, gint64 invoice_id, CptQuoteInvoice how,
                    gint64 value, GError **error)
{
  g_autoptr(GPtrArray) lines = cpt_documents_load_lines (db, cpt_document_get_id (quote), error);
  CptDocumentTotals totals = { 0 };
  g_autofree gint64 *weights = NULL, *parts = NULL;
  g_autofree char *what = NULL;
  const char *language = cpt_document_get_language (quote);
  gint64 position = 0;
  guint n;
  gboolean ok = TRUE;

  if (lines == NULL || !cpt_documents_compute_totals (lines, &totals, error))
    return FALSE;
  n = totals.vat->len;
  if (n == 0)
    {
      cpt_document_totals_clear (&totals);
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED, _("The quote has no amount to take a deposit on"));
      return FALSE;
    }
  weights = g_new0 (gint64, n);
  parts = g_new0 (gint64, n);
  if (how == CPT_QUOTE_INVOICE_DEPOSIT_PERCENT)
    {
      /* A share of the net, split over the rates by their bases, to the cent. */
      for (guint i = 0; i < n; i++)
        weights[i] = g_array_index (totals.vat, CptVatEntry, i).base;
      cpt_split_proportional (cpt_percent_of (totals.total_net, value), weights, n, parts);
      {
        g_autofree char *percent = cpt_decimal_format (value, 2, 0, language);
        what = g_strcmp0 (language, "en") == 0 ? g_strdup_printf ("Deposit of %s%%", percent)
                                               : g_strdup_printf ("Acompte de %s %%", percent);
      }
    }
  else
    {
      /* An amount including VAT, split over the rates by their gross amounts (the money
       * module's policy, with its carried cents). */
      g_autofree gint64 *rates = g_new0 (gint64, n);

      for (guint i = 0; i < n; i++)
        {
          const CptVatEntry *entry = &g_array_index (totals.vat, CptVatEntry, i);

          rates[i] = entry->rate;
          weights[i] = entry->base + entry->vat;
        }
      cpt_split_gross_over_rates (value, rates, weights, n, parts);
      what = g_strdup (g_strcmp0 (language, "en") == 0 ? "Deposit" : "Acompte");
    }

  for (guint i = 0; ok && i < n; i++)
    {
      const CptVatEntry *entry = &g_array_index (totals.vat, CptVatEntry, i);
      g_autoptr(CptDocumentLine) line = cpt_document_line_new ();
      g_autofree char *rate = cpt_decimal_format (entry->rate, 2, 0, language);
      g_autofree char *description = NULL;

      if (parts[i] == 0)
        continue;
      if (g_strcmp0 (language, "en") == 0)
        description = n > 1 ? g_strdup_printf ("%s on quote %s (VAT %s%%)", what, cpt_document_get_number (quote), rate)
                            : g_strdup_printf ("%s on quote %s", what, cpt_document_get_number (quote));
      else
        description = n > 1 ? g_strdup_printf ("%s sur le devis %s (TVA %s %%)", what, cpt_document_get_number (quote), rate)
                            : g_strdup_printf ("%s sur le devis %s", what, cpt_document_get_number (quote));
      g_object_set (line, "description", description, "quantity", (gint64) 1000,
                    "unit-price", parts[i] * 100, "vat-rate", entry->rate,
                    "exemption-code", entry->exemption_code, NULL);
      ok = add_line (db, invoice_id, line, &position, TRUE, error);
    }
  cpt_document_totals_clear (&totals);
  return ok;
}

/* Every deposit invoice made from a quote, validated or not. */
static GPtrArray *
quote_deposits (CptDatabase *db, gint64 quote_id, GError **error)
{
  g_autoptr(GPtrArray) deposits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = cpt_store_lifecycle_quote_deposit_ids (db, quote_id, error);

  if (ids == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      CptDocument *deposit = cpt_documents_load (db, g_array_index (ids, gint64, i), error);
      if (deposit == NULL)
        return NULL;
      g_ptr_array_add (deposits, deposit);
    }
  return g_steal_pointer (&deposits);
}

gint64
cpt_lifecycle_quote_invoice (CptDatabase *db, gint64 quote_id, CptQuoteInvoice how, gint64 value,
                             GError **error)
{
  g_autoptr(CptDocument) quote = NULL;
  g_autoptr(CptDocument) invoice = NULL;
  g_autoptr(GPtrArray) deposits = NULL;
  g_autofree char *name = NULL, *accepted = NULL;
  gboolean has_invoice = FALSE;
  gboolean deposit = how == CPT_QUOTE_INVOICE_DEPOSIT_PERCENT || how == CPT_QUOTE_INVOICE_DEPOSIT_AMOUNT;
  gint64 invoice_id, position = 0;
  const char *language;

  if (!cpt_database_begin (db, error))
    return 0;
  quote = load_kind (db, quote_id, CPT_DOCUMENT_KIND_QUOTE, _("a quote"), error);
  if (quote == NULL)
    return fail (db);
  name = document_name (quote);
  language = cpt_document_get_language (quote);
  if (!cpt_store_lifecycle_get_mark (db, quote_id, CPT_MARK_ACCEPTED, &accepted, error) ||
      !cpt_store_lifecycle_quote_has_invoice (db, quote_id, &has_invoice, error))
    return fail (db);
  if (accepted == NULL)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s is not accepted: invoices are made from accepted quotes"), name);
      return fail (db);
    }
  deposits = quote_deposits (db, quote_id, error);
  if (deposits == NULL)
    return fail (db);

  if (deposit)
    {
      gint64 already = 0;

      if (value <= 0 || (how == CPT_QUOTE_INVOICE_DEPOSIT_PERCENT && value > 10000))
        {
          g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                       _("A deposit is more than 0 and at most 100 %% of the quote"));
          return fail (db);
        }
      if (has_invoice)
        {
          g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s already has its final invoice: no more deposits"), name);
          return fail (db);
        }
      for (guint i = 0; i < deposits->len; i++)
        already += cpt_document_get_total_gross (g_ptr_array_index (deposits, i));
      if (already + (how == CPT_QUOTE_INVOICE_DEPOSIT_AMOUNT ? value
                       : cpt_percent_of (cpt_document_get_total_gross (quote), value))
          > cpt_document_get_total_gross (quote))
        {
          g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                       _("The deposits would come to more than the quote’s total"));
          return fail (db);
        }
    }
  else if (how == CPT_QUOTE_INVOICE_FULL && (deposits->len > 0 || has_invoice))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s already has deposit or partial invoices: make the balance invoice, which "
                     "deducts them"), name);
      return fail (db);
    }
  else if (how == CPT_QUOTE_INVOICE_BALANCE)
    for (guint i = 0; i < deposits->len; i++)
      if (cpt_document_is_draft (g_ptr_array_index (deposits, i)))
        {
          g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                       _("A deposit invoice of %s is still a draft (#%" PRId64 "): validate or "
                         "delete it before the balance invoice"), name,
                       cpt_document_get_id (g_ptr_array_index (deposits, i)));
          return fail (db);
        }

  invoice = cpt_documents_create_kind (db, deposit ? CPT_DOCUMENT_KIND_DEPOSIT : CPT_DOCUMENT_KIND_INVOICE, cpt_document_get_client_id (quote),
                                  NULL, NULL, cpt_document_get_title (quote), error);
  if (invoice == NULL)
    return fail (db);
  invoice_id = cpt_document_get_id (invoice);
  if (!cpt_store_lifecycle_link_quote (db, invoice_id, quote_id, language, error))
    return fail (db);

  if (deposit)
    {
      if (!make_deposit_lines (db, quote, invoice_id, how, value, error))
        return fail (db);
    }
  else
    {
      g_autoptr(GPtrArray) lines = cpt_documents_load_lines (db, quote_id, error);
      g_autoptr(GPtrArray) remaining = cpt_lifecycle_quote_remaining (db, quote_id, error);
      gint64 items = 0;

      if (lines == NULL || remaining == NULL)
        return fail (db);
      for (guint i = 0, r = 0; i < lines->len; i++)
        {
          CptDocumentLine *source = g_ptr_array_index (lines, i);
          g_autoptr(CptDocumentLine) line = NULL;

          if (cpt_document_line_is_item (source))
            {
              CptRemainingLine *left = g_ptr_array_index (remaining, r++);
              if (left->remaining <= 0)
                continue;
              line = cpt_documents_copy_line (source);
              g_object_set (line, "quantity", left->remaining,
                            "quote-line-id", cpt_document_line_get_id (source), NULL);
              items++;
            }
          else if (g_strcmp0 (cpt_document_line_get_kind (source), "text") == 0)
            line = cpt_documents_copy_line (source);
          else
            continue;
          if (!add_line (db, invoice_id, line, &position, TRUE, error))
            return fail (db);
        }
      if (how == CPT_QUOTE_INVOICE_BALANCE)
        for (guint i = 0; i < deposits->len; i++)
          {
            CptDocument *paid = g_ptr_array_index (deposits, i);
            gint64 holder, credited;

            if (!cpt_store_lifecycle_deposit_holder (db, cpt_document_get_id (paid), &holder, error) ||
                !cpt_store_lifecycle_credited_amount (db, cpt_document_get_id (paid), &credited,
                                                      error))
              return fail (db);
            if (holder != 0 || credited > 0)
              continue;
            if (!add_deposit_lines (db, invoice_id, paid, language, &position, error))
              return fail (db);
          }
      if (items == 0)
        {
          g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                       _("Everything on %s has already been invoiced"), name);
          return fail (db);
        }
    }
  if (!cpt_documents_store_totals (db, invoice_id, error) ||
      !cpt_audit_add_fields (db, deposit ? "quote_deposit"
                                 : how == CPT_QUOTE_INVOICE_FULL ? "quote_invoice" : "quote_balance",
                             invoice_id, error, "quote", name, NULL) ||
      !cpt_database_commit (db, error))
    {
      cpt_database_rollback (db);
      return 0;
    }
  return invoice_id;
}

/* ---------------------------------------------------------------- pro forma */

gint64
cpt_lifecycle_finalize (CptDatabase *db, gint64 proforma_id, GError **error)
{
  g_autoptr(CptDocument) proforma = NULL;
  g_autoptr(CptDocument) invoice = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *name = NULL, *notes = NULL;
  gint64 invoice_id, existing, position = 0;

  if (!cpt_database_begin (db, error))
    return 0;
  proforma = load_kind (db, proforma_id, CPT_DOCUMENT_KIND_PROFORMA, _("a pro forma"), error);
  if (proforma == NULL)
    return fail (db);
  name = document_name (proforma);
  if (!cpt_store_lifecycle_proforma_invoice (db, proforma_id, &existing, error))
    return fail (db);
  if (existing != 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s already has its final invoice (#%" PRId64 ")"), name, existing);
      return fail (db);
    }
  lines = cpt_documents_load_lines (db, proforma_id, error);
  invoice = lines ? cpt_documents_create_kind (db, CPT_DOCUMENT_KIND_INVOICE, cpt_document_get_client_id (proforma), NULL,
                                          NULL, cpt_document_get_title (proforma), error) : NULL;
  if (invoice == NULL)
    return fail (db);
  invoice_id = cpt_document_get_id (invoice);
  g_object_get (proforma, "notes", &notes, NULL);
  if (!cpt_store_lifecycle_link_proforma (db, invoice_id, proforma_id, notes,
                                          cpt_document_get_language (proforma), error))
    return fail (db);
  for (guint i = 0; i < lines->len; i++)
    {
      g_autoptr(CptDocumentLine) line = cpt_documents_copy_line (g_ptr_array_index (lines, i));
      if (!add_line (db, invoice_id, line, &position, FALSE, error))
        return fail (db);
    }
  if (!cpt_documents_store_totals (db, invoice_id, error) ||
      !cpt_audit_add_fields (db, "finalize", invoice_id, error, "proforma", name, NULL) ||
      !cpt_database_commit (db, error))
    {
      cpt_database_rollback (db);
      return 0;
    }
  return invoice_id;
}

/* ---------------------------------------------------------------- credit notes */

gint64
cpt_lifecycle_credit (CptDatabase *db, gint64 invoice_id, const CptCreditPart *parts, guint n_parts,
                      GError **error)
{
  g_autoptr(CptDocument) invoice = NULL;
  g_autoptr(CptDocument) note = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_auto(CptLifecycleFacts) invoice_facts = { 0 };
  g_autofree char *name = NULL, *title = NULL;
  gint64 note_id, position = 0, items = 0;
  gboolean everything = n_parts == 0;
  const char *language;

  if (!cpt_database_begin (db, error))
    return 0;
  invoice = cpt_documents_load (db, invoice_id, error);
  if (invoice == NULL)
    return fail (db);
  name = document_name (invoice);
  language = cpt_document_get_language (invoice);
  if (!is_kind (invoice, CPT_DOCUMENT_KIND_INVOICE) && !is_kind (invoice, CPT_DOCUMENT_KIND_DEPOSIT))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("Only invoices and deposit invoices are credited; %s is not one"), name);
      return fail (db);
    }
  if (!is_validated (invoice))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s is a draft: change or delete it instead of crediting it"), name);
      return fail (db);
    }
  if (!cpt_store_lifecycle_facts (db, invoice_id, &invoice_facts, error) ||
      !check_deposit_free (db, invoice, &invoice_facts, error))
    return fail (db);
  lines = cpt_documents_load_lines (db, invoice_id, error);
  if (lines == NULL)
    return fail (db);
  for (guint p = 0; p < n_parts; p++)
    {
      gboolean found = FALSE;
      for (guint i = 0; i < lines->len && !found; i++)
        found = cpt_document_line_get_id (g_ptr_array_index (lines, i)) == parts[p].line_id &&
                cpt_document_line_is_item (g_ptr_array_index (lines, i));
      if (!found)
        {
          g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                       _("Line %" PRId64 " is not a line with an amount of %s"), parts[p].line_id, name);
          return fail (db);
        }
      if (parts[p].quantity <= 0)
        {
          g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID, _("A quantity to credit is more than 0"));
          return fail (db);
        }
    }

  title = g_strcmp0 (language, "en") == 0 ? g_strdup_printf ("Credit note for invoice %s", name)
                                          : g_strdup_printf ("Avoir sur la facture %s", name);
  note = cpt_documents_create_kind (db, CPT_DOCUMENT_KIND_CREDIT_NOTE, cpt_document_get_client_id (invoice), NULL, NULL,
                               title, error);
  if (note == NULL)
    return fail (db);
  note_id = cpt_document_get_id (note);
  if (!cpt_store_lifecycle_link_credited (db, note_id, invoice_id, language,
                                          cpt_document_get_quote_id (invoice), error))
    return fail (db);

  for (guint i = 0; i < lines->len; i++)
    {
      CptDocumentLine *source = g_ptr_array_index (lines, i);
      g_autoptr(CptDocumentLine) line = NULL;
      gint64 left, taken, quantity = 0;

      if (!cpt_document_line_is_item (source))
        continue;
      if (!cpt_store_lifecycle_credited_quantity (db, cpt_document_line_get_id (source), note_id,
                                                  FALSE, &taken, error))
        return fail (db);
      left = cpt_document_line_get_quantity (source) - taken;
      if (everything)
        quantity = left;
      else
        for (guint p = 0; p < n_parts; p++)
          if (parts[p].line_id == cpt_document_line_get_id (source))
            quantity += parts[p].quantity;
      if (quantity <= 0)
        continue;
      if (quantity > left)
        {
          g_autofree char *left_text = cpt_decimal_format (MAX (left, 0), 3, 0, cpt_user_language ());
          g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                       _("“%s”: only %s is left to credit on %s"),
                       cpt_document_line_get_description (source), left_text, name);
          return fail (db);
        }
      line = cpt_documents_copy_line (source);
      g_object_set (line, "quantity", quantity, "credited-line-id", cpt_document_line_get_id (source),
                    "quote-line-id", (gint64) 0, NULL);
      if (!add_line (db, note_id, line, &position, TRUE, error))
        return fail (db);
      items++;
    }
  if (items == 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED, _("%s is already fully credited"), name);
      return fail (db);
    }
  /* Cancelling all of a balance invoice gives its deposits back: the credit note deducts
   * them as the invoice did, and they become free for another invoice. */
  for (guint i = 0; everything && i < lines->len; i++)
    {
      CptDocumentLine *source = g_ptr_array_index (lines, i);
      g_autoptr(CptDocumentLine) line = NULL;
      gboolean given_back;

      if (g_strcmp0 (cpt_document_line_get_kind (source), "deposit") != 0)
        continue;
      if (!cpt_store_lifecycle_deposit_given_back (db, invoice_id,
                                                   cpt_document_line_get_deposit_id (source),
                                                   note_id, &given_back, error))
        return fail (db);
      if (given_back)
        continue;
      line = cpt_documents_copy_line (source);
      if (!add_line (db, note_id, line, &position, FALSE, error))
        return fail (db);
    }
  if (!cpt_documents_store_totals (db, note_id, error) ||
      !cpt_audit_add_fields (db, "credit", note_id, error, "invoice", name, NULL) ||
      !cpt_database_commit (db, error))
    {
      cpt_database_rollback (db);
      return 0;
    }
  return note_id;
}

/* ---------------------------------------------------------------- deposits */

gboolean
cpt_lifecycle_attach_deposit (CptDatabase *db, gint64 deposit_id, gint64 invoice_id, GError **error)
{
  g_autoptr(CptDocument) deposit = NULL;
  g_autoptr(CptDocument) invoice = NULL;
  g_autofree char *deposit_name = NULL, *invoice_name = NULL;
  g_auto(CptLifecycleFacts) deposit_facts = { 0 };
  gint64 holder, position;

  if (!cpt_database_begin (db, error))
    return FALSE;
  deposit = load_kind (db, deposit_id, CPT_DOCUMENT_KIND_DEPOSIT, _("a deposit invoice"), error);
  invoice = deposit ? load_kind (db, invoice_id, CPT_DOCUMENT_KIND_INVOICE, _("an invoice"), error) : NULL;
  if (invoice == NULL)
    return fail (db);
  deposit_name = document_name (deposit);
  invoice_name = document_name (invoice);
  if (!is_validated (deposit))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s is a draft: only a validated deposit invoice can be deducted"), deposit_name);
      return fail (db);
    }
  if (!cpt_document_is_draft (invoice))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s is validated: deposits can only be attached to a draft invoice"), invoice_name);
      return fail (db);
    }
  if (cpt_document_get_client_id (deposit) != cpt_document_get_client_id (invoice))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s belongs to %s, %s to %s: a deposit is only deducted for the same client"),
                   deposit_name, cpt_document_get_client_name (deposit), invoice_name,
                   cpt_document_get_client_name (invoice));
      return fail (db);
    }
  if (!cpt_store_lifecycle_facts (db, deposit_id, &deposit_facts, error))
    return fail (db);
  holder = deposit_facts.deposit_holder;
  if (deposit_facts.credited_amount > 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s was credited: it cannot be deducted any more"), deposit_name);
      return fail (db);
    }
  if (holder != 0)
    {
      g_autoptr(CptDocument) other = cpt_documents_load (db, holder, error);
      g_autofree char *other_name = NULL;

      if (other == NULL)
        return fail (db);
      other_name = document_name (other);
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   holder == invoice_id ? _("%s is already deducted on %s")
                                        : _("%s is already deducted on %s: detach it from there first"),
                   deposit_name, other_name);
      return fail (db);
    }
  if (cpt_document_get_deposits_gross (invoice) + cpt_document_get_total_gross (deposit) >
      cpt_document_get_total_gross (invoice))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s would deduct more than the total of %s"), deposit_name, invoice_name);
      return fail (db);
    }
  if (!cpt_store_lifecycle_last_position (db, invoice_id, &position, error) ||
      !add_deposit_lines (db, invoice_id, deposit, cpt_document_get_language (invoice), &position, error) ||
      !cpt_documents_store_totals (db, invoice_id, error) ||
      !cpt_audit_add_fields (db, "deposit_attach", invoice_id, error, "deposit", deposit_name,
                             "invoice", invoice_name, NULL))
    return fail (db);
  return cpt_database_commit (db, error);
}

gboolean
cpt_lifecycle_detach_deposit (CptDatabase *db, gint64 deposit_id, GError **error)
{
  g_autoptr(CptDocument) deposit = NULL;
  g_autoptr(CptDocument) invoice = NULL;
  g_autofree char *deposit_name = NULL, *invoice_name = NULL;
  gint64 invoice_id;

  if (!cpt_database_begin (db, error))
    return FALSE;
  deposit = load_kind (db, deposit_id, CPT_DOCUMENT_KIND_DEPOSIT, _("a deposit invoice"), error);
  if (deposit == NULL)
    return fail (db);
  deposit_name = document_name (deposit);
  if (!cpt_store_lifecycle_deposit_holder (db, deposit_id, &invoice_id, error))
    return fail (db);
  if (invoice_id == 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s is not deducted on any invoice"), deposit_name);
      return fail (db);
    }
  invoice = cpt_documents_load (db, invoice_id, error);
  if (invoice == NULL)
    return fail (db);
  invoice_name = document_name (invoice);
  if (!cpt_document_is_draft (invoice))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s is validated, so the deposits it deducts are fixed. To use %s on "
                     "another invoice, cancel %s with a credit note: that frees its deposits."),
                   invoice_name, deposit_name, invoice_name);
      return fail (db);
    }
  if (!cpt_store_lifecycle_remove_deposit_lines (db, invoice_id, deposit_id, error) ||
      !cpt_documents_store_totals (db, invoice_id, error) ||
      !cpt_audit_add_fields (db, "deposit_detach", invoice_id, error, "deposit", deposit_name,
                             "invoice", invoice_name, NULL))
    return fail (db);
  return cpt_database_commit (db, error);
}

/* ---------------------------------------------------------------- statuses */

gboolean
cpt_lifecycle_get_status (CptDatabase *db, CptDocument *document, const char *today,
                          CptDocumentStatus *status, GError **error)
{
  CptStatusFacts facts;

  /* Read without its payments: the lifecycle's statuses. A status that cannot be read is
   * said so: the stored one ("validated") would be a guess. */
  if (!cpt_store_status_facts (db, cpt_document_get_id (document), today, FALSE, &facts, error))
    return FALSE;
  *status = cpt_status_derive_status (&facts);
  return TRUE;
}

char *
cpt_lifecycle_status (CptDatabase *db, CptDocument *document, const char *today, GError **error)
{
  CptDocumentStatus status;

  if (!cpt_lifecycle_get_status (db, document, today, &status, error))
    return NULL;
  return g_strdup (cpt_document_status_to_string (status));
}

/* ---------------------------------------------------------------- allowed actions */

/* Nothing is left to invoice on a quote: either it was all invoiced, or what is left sits
 * on a draft invoice (`draft`, or 0), which is where to go. */
static char *
everything_invoiced_reason (CptDocument *draft)
{
  const char *title = draft ? cpt_document_get_title (draft) : NULL;

  if (draft != NULL && title != NULL && *title != '\0')
    return g_strdup_printf (_("The rest of the quote is on the draft invoice “%s” (#%" PRId64 "): "
                              "validate or delete that draft first"), title,
                            cpt_document_get_id (draft));
  if (draft != NULL)
    return g_strdup_printf (_("The rest of the quote is on draft invoice #%" PRId64 ": validate or "
                              "delete that draft first"), cpt_document_get_id (draft));
  return g_strdup (_("Everything on the quote has been invoiced"));
}

void
cpt_action_free (CptAction *action)
{
  g_free (action->reason);
  g_free (action);
}

static void
action (GPtrArray *actions, const char *name, char *reason_or_null)
{
  CptAction *entry = g_new0 (CptAction, 1);

  entry->name = name;
  entry->allowed = reason_or_null == NULL;
  entry->reason = reason_or_null;
  g_ptr_array_add (actions, entry);
}

GPtrArray *
cpt_lifecycle_actions (CptDatabase *db, gint64 id, GError **error)
{
  g_autoptr(CptDocument) document = cpt_documents_load (db, id, error);
  g_autoptr(GPtrArray) actions = NULL;
  g_auto(CptLifecycleFacts) facts = { 0 };
  g_autofree char *name = NULL;
  CptDocumentStatus status;
  gboolean draft, validated, quote, proforma, invoice, deposit;

  /* What the rules need beyond the document, read once */
  if (document == NULL || !cpt_store_lifecycle_facts (db, id, &facts, error))
    return NULL;
  actions = g_ptr_array_new_with_free_func ((GDestroyNotify) cpt_action_free);
  name = document_name (document);
  if (!cpt_lifecycle_get_status (db, document, NULL, &status, error))
    return NULL;
  draft = cpt_document_is_draft (document);
  validated = is_validated (document);
  quote = is_kind (document, CPT_DOCUMENT_KIND_QUOTE);
  proforma = is_kind (document, CPT_DOCUMENT_KIND_PROFORMA);
  invoice = is_kind (document, CPT_DOCUMENT_KIND_INVOICE);
  deposit = is_kind (document, CPT_DOCUMENT_KIND_DEPOSIT);

  action (actions, "edit", draft ? NULL
          : g_strdup_printf (_("%s is validated: it can no longer change. Correct it with a credit note."), name));
  action (actions, "delete",
          proforma && facts.proforma_invoice != 0
          ? g_strdup_printf (_("%s was produced as an invoice: it is kept as that invoice’s origin"), name)
          : draft ? NULL
          : quote && facts.sent_on != NULL ? g_strdup_printf (_("%s was sent: a numbered quote is kept"), name)
          : quote ? g_strdup_printf (_("%s is validated: a numbered quote is kept. Mark it refused instead."), name)
          : g_strdup_printf (_("%s is validated: it can never be deleted. Issue a credit note to cancel it."), name));
  action (actions, "validate",
          proforma ? g_strdup (_("A pro forma is not validated: produce the final invoice from it"))
          : !draft ? g_strdup_printf (_("%s is already validated"), name) : NULL);
  if (invoice || deposit)
    action (actions, "credit",
            !validated ? g_strdup_printf (_("%s is a draft: change or delete it instead"), name)
            : status == CPT_DOCUMENT_STATUS_CREDITED ? g_strdup_printf (_("%s is already fully credited"), name)
            : deposit && facts.deposit_holder != 0
            ? g_strdup_printf (_("%s is deducted on an invoice: detach it (or cancel that invoice with a "
                                 "credit note) before crediting it"), name)
            : NULL);
  if (invoice || deposit)
    {
      CptDocumentBalance balance;
      g_autoptr(GError) balance_error = NULL;
      gboolean receivable = validated &&
                            cpt_payments_document_balance (db, id, &balance, &balance_error);

      if (balance_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&balance_error));
          return NULL;
        }

      action (actions, "mark_paid", !receivable ? g_strdup (_("Only a validated invoice is paid"))
              : balance.balance <= 0 ? g_strdup (_("Nothing is left to pay")) : NULL);
      action (actions, "mark_unpaid", receivable && balance.paid > 0 ? NULL
              : g_strdup (_("No payment is allocated to it")));
      if (receivable)
        {
          g_autoptr(CptReminderState) reminder = cpt_reminders_of_document (db, id, error);
          g_autofree char *today = cpt_date_today ();
          g_autoptr(GError) why = NULL;

          if (reminder == NULL)
            return NULL;
          action (actions, "remind", cpt_reminder_can_send (reminder, today, &why) ? NULL
                                                                                 : g_strdup (why->message));
        }
      else
        action (actions, "remind", g_strdup (_("Only a validated invoice is reminded")));
    }
  if (quote)
    {
      const char *accepted = facts.accepted_on;
      const char *sent = facts.sent_on;
      gboolean decided = facts.accepted_on != NULL || facts.refused_on != NULL;
      g_autoptr(GPtrArray) remaining = NULL;
      g_autoptr(CptDocument) draft_invoice = NULL;
      gint64 left = 0;
      gboolean has_invoice = facts.quote_has_invoice;
      gboolean has_deposit = facts.quote_has_deposit;

      action (actions, "send", sent ? g_strdup_printf (_("%s was already sent"), name) : NULL);
      action (actions, "accept", draft ? g_strdup (_("Send the quote first"))
              : decided ? g_strdup_printf (_("%s was already answered"), name) : NULL);
      action (actions, "refuse", draft ? g_strdup (_("Send the quote first"))
              : decided ? g_strdup_printf (_("%s was already answered"), name) : NULL);
      if (accepted)
        {
          remaining = cpt_lifecycle_quote_remaining (db, id, error);
          if (remaining == NULL)
            return NULL;
          for (guint i = 0; i < remaining->len; i++)
            left += ((CptRemainingLine *) g_ptr_array_index (remaining, i))->remaining;
        }
      if (facts.quote_draft_invoice != 0 &&
          (draft_invoice = cpt_documents_load (db, facts.quote_draft_invoice, error)) == NULL)
        return NULL;
      action (actions, "invoice_deposit", !accepted ? g_strdup (_("The quote is not accepted"))
              : has_invoice ? g_strdup (_("The quote already has its final invoice")) : NULL);
      action (actions, "invoice_full", !accepted ? g_strdup (_("The quote is not accepted"))
              : (has_invoice || has_deposit) ? g_strdup (_("Deposits or invoices exist: make the balance invoice"))
              : NULL);
      action (actions, "invoice_balance", !accepted ? g_strdup (_("The quote is not accepted"))
              : left <= 0 ? everything_invoiced_reason (draft_invoice) : NULL);
      /* Invoicing the quote, one of the three ways: the window's one "Invoice" entry. When
       * none is open, the balance's reason says why best. */
      {
        const CptAction *balance_action = g_ptr_array_index (actions, actions->len - 1);
        gboolean any = FALSE;

        for (guint i = actions->len - 3; i < actions->len; i++)
          any = any || ((const CptAction *) g_ptr_array_index (actions, i))->allowed;
        action (actions, "invoice", any ? NULL : g_strdup (balance_action->reason));
      }
    }
  if (proforma)
    {
      gint64 existing = facts.proforma_invoice;
      g_autoptr(CptDocument) final = NULL;
      const char *sent = facts.sent_on;

      if (existing != 0 && (final = cpt_documents_load (db, existing, error)) == NULL)
        return NULL;

      /* Once the invoice exists, it is what goes to the client. */
      action (actions, "send", existing ? g_strdup_printf (_("%s was produced as an invoice: send the invoice instead"), name)
              : sent ? g_strdup_printf (_("%s was already sent"), name) : NULL);
      action (actions, "finalize",
              final != NULL && cpt_document_get_number (final) != NULL
              ? g_strdup_printf (_("Already produced as invoice %s"), cpt_document_get_number (final))
              : existing ? g_strdup_printf (_("Already produced as invoice #%" PRId64 ", still a draft"), existing)
              : NULL);
    }
  if (invoice)
    action (actions, "attach_deposit", draft ? NULL
            : g_strdup_printf (_("%s is validated: its deposits are fixed"), name));
  if (deposit)
    {
      gint64 holder = facts.deposit_holder;
      g_autoptr(CptDocument) on = NULL;
      g_autofree char *on_name = NULL;

      if (holder != 0 && (on = cpt_documents_load (db, holder, error)) == NULL)
        return NULL;
      on_name = on ? document_name (on) : NULL;

      action (actions, "detach", holder == 0 ? g_strdup_printf (_("%s is not deducted on any invoice"), name)
              : !cpt_document_is_draft (on)
              ? g_strdup_printf (_("%s is validated, so its deposits are fixed: cancel it with a credit note to free them"), on_name)
              : NULL);
      action (actions, "attach", !validated ? g_strdup_printf (_("%s is a draft: validate it first"), name)
              : holder != 0 ? g_strdup_printf (_("%s is already deducted on %s"), name, on_name) : NULL);
    }
  return g_steal_pointer (&actions);
}

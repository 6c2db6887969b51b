#define G_LOG_DOMAIN "cpt-documents"

#include "cpt-documents.h"
#include "cpt-store-documents.h"
#include "cpt-documents-private.h"
#include "cpt-client.h"
#include "cpt-company.h"
#include "cpt-dates.h"
#include "cpt-error.h"
#include "cpt-product.h"
#include "cpt-series.h"
#include "cpt-units.h"
#include "cpt-vat.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

static char *
payment_terms_text (gint64 days, gboolean end_of_month, const char *language)
{
  gboolean fr = g_strcmp0 (language, "en") != 0;

  if (days == 0 && !end_of_month)
    return g_strdup (fr ? "Paiement à réception" : "Payable on receipt");
  if (end_of_month)
    return fr ? g_strdup_printf ("Paiement à %" G_GINT64_FORMAT " jours fin de mois", days)
              : g_strdup_printf ("Payable within %" G_GINT64_FORMAT " days end of month", days);
  return fr ? g_strdup_printf ("Paiement à %" G_GINT64_FORMAT " jours", days)
            : g_strdup_printf ("Payable within %" G_GINT64_FORMAT " days", days);
}

CptDocument *
cpt_documents_create (CptDatabase *db, const char *kind, gint64 client_id, const char *date,
                      const char *due_date, const char *title, GError **error)
{
  CptDocumentKind parsed;

  if (!cpt_document_kind_parse (kind, &parsed, error))
    return NULL;
  return cpt_documents_create_kind (db, parsed, client_id, date, due_date, title, error);
}

CptDocument *
cpt_documents_create_kind (CptDatabase *db, CptDocumentKind kind, gint64 client_id,
                           const char *date, const char *due_date, const char *title,
                           GError **error)
{
  g_autoptr(CptClient) client = NULL;
  g_autofree char *iso_date = NULL;
  g_autofree char *iso_due = NULL;
  g_autofree char *valid_until = NULL;
  g_autofree char *terms = NULL;
  CptStoreNewDocument draft;
  gint64 id;

  if (!cpt_record_check_field_text (cpt_record_find_field (cpt_document_record (), "title"), title, error))
    return NULL;
  client = cpt_client_load (db, client_id, error);
  if (client == NULL)
    return NULL;
  if (cpt_client_get_archived (client))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("The client “%s” is archived: restore it before making new documents"),
                   cpt_client_get_name (client));
      return NULL;
    }
  iso_date = date ? cpt_date_normalize (date, error) : cpt_date_today ();
  if (iso_date == NULL)
    return NULL;
  if (due_date != NULL && (iso_due = cpt_date_normalize (due_date, error)) == NULL)
    return NULL;

  if (kind == CPT_DOCUMENT_KIND_QUOTE)
    {
      valid_until = iso_due ? g_steal_pointer (&iso_due) : cpt_date_add_days (iso_date, 30);
    }
  else if (kind != CPT_DOCUMENT_KIND_CREDIT_NOTE)
    {
      if (iso_due == NULL)
        iso_due = cpt_date_due (iso_date, cpt_client_get_payment_days (client),
                                cpt_client_get_end_of_month (client));
      terms = payment_terms_text (cpt_client_get_payment_days (client),
                                  cpt_client_get_end_of_month (client),
                                  cpt_client_get_language (client));
    }
  if (iso_due != NULL && strcmp (iso_due, iso_date) < 0)
    {
      g_autofree char *shown_due = cpt_date_format_here (iso_due);
      g_autofree char *shown_date = cpt_date_format_here (iso_date);

      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("The due date %s is before the document’s date %s"), shown_due, shown_date);
      return NULL;
    }

  if (!cpt_database_begin (db, error))
    return NULL;
  draft = (CptStoreNewDocument) {
    .kind = kind, .client_id = client_id, .client_name = cpt_client_get_name (client),
    .date = iso_date, .due_date = iso_due, .valid_until = valid_until, .title = title,
    .payment_terms = terms, .currency = cpt_client_get_currency (client),
    .language = cpt_client_get_language (client),
  };
  id = cpt_store_documents_insert (db, &draft, error);
  if (id == 0)
    goto fail;
  /* A pro forma is numbered as soon as it exists (PF...): it is never validated, and as it
   * is not a legal document, deleting one may leave a hole in its series. */
  if (kind == CPT_DOCUMENT_KIND_PROFORMA)
    {
      g_autofree char *number = NULL, *period = NULL;
      gint64 counter;

      /* Its series is named after its kind. */
      const char *series = cpt_document_kind_to_string (kind);

      if (!cpt_series_take_next (db, series, iso_date, &number, &period, &counter, error) ||
          !cpt_store_documents_set_number (db, id, number, series, period, counter, error))
        goto fail;
    }
  if (!cpt_database_commit (db, error))
    return NULL;
  return cpt_documents_load (db, id, error);

fail:
  cpt_database_rollback (db);
  return NULL;
}

CptDocument *
cpt_documents_load (CptDatabase *db, gint64 id, GError **error)
{
  return cpt_store_documents_load (db, id, error);
}

GPtrArray *
cpt_documents_load_lines (CptDatabase *db, gint64 id, GError **error)
{
  return cpt_store_documents_load_lines (db, id, error);
}

/* Drafts are the only documents that can change. */
CptDocument *
cpt_documents_load_draft (CptDatabase *db, gint64 id, GError **error)
{
  g_autoptr(CptDocument) document = cpt_documents_load (db, id, error);

  if (document == NULL)
    return NULL;
  if (!cpt_document_is_draft (document))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   /* Translators: a kind of document (“Invoice”, “Credit note”), then its number */
                   _("%s %s is validated and can no longer be changed; correct it with a credit note"),
                   _(cpt_document_kind_label (cpt_document_get_document_kind (document))),
                   cpt_document_get_number (document));
      return NULL;
    }
  return g_steal_pointer (&document);
}

gboolean
cpt_documents_update (CptDatabase *db, CptDocument *document, GError **error)
{
  g_autoptr(CptDocument) stored = NULL;
  g_autofree char *date = NULL, *due = NULL, *service = NULL, *valid = NULL;
  g_autofree char *title = NULL, *notes = NULL, *terms = NULL, *language = NULL;

  if (!cpt_record_check_text (cpt_document_record (), G_OBJECT (document), error))
    return FALSE;
  stored = cpt_documents_load_draft (db, cpt_document_get_id (document), error);
  if (stored == NULL)
    return FALSE;
  g_object_get (document, "date", &date, "due-date", &due, "service-date", &service,
                "valid-until", &valid, "title", &title, "notes", &notes,
                "payment-terms", &terms, "language", &language, NULL);
  if (date == NULL)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID, _("A document needs a date"));
      return FALSE;
    }
  if (due != NULL && strcmp (due, date) < 0)
    {
      g_autofree char *shown_due = cpt_date_format_here (due);
      g_autofree char *shown_date = cpt_date_format_here (date);

      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("The due date %s is before the document’s date %s"), shown_due, shown_date);
      return FALSE;
    }
  if (g_strcmp0 (language, "fr") != 0 && g_strcmp0 (language, "en") != 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("Documents can be written in French (fr) or English (en), not “%s”"), language);
      return FALSE;
    }
  return cpt_store_documents_update_header (db, document, error);
}

gboolean
cpt_documents_delete (CptDatabase *db, gint64 id, GError **error)
{
  g_autoptr(CptDocument) document = cpt_documents_load_draft (db, id, error);

  if (document == NULL)
    return FALSE;
  return cpt_store_documents_delete_draft (db, id, error);
}

void
cpt_document_totals_clear (CptDocumentTotals *totals)
{
  g_clear_pointer (&totals->breakdown, cpt_vat_breakdown_free);
  g_clear_pointer (&totals->vat, g_array_unref);
  memset (totals, 0, sizeof *totals);
}

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  const CptVatEntry *x = a, *y = b;

  if (x->rate != y->rate)
    return x->rate > y->rate ? -1 : 1;
  return g_strcmp0 (x->exemption_code, y->exemption_code);
}

static void
clear_entry (gpointer data)
{
  g_free (((CptVatEntry *) data)->exemption_code);
}

gboolean
cpt_documents_compute_totals (GPtrArray *lines, CptDocumentTotals *out, GError **error)
{
  g_autoptr(CptVatBreakdown) breakdown = cpt_vat_breakdown_new ();
  g_autoptr(GArray) net_of_deposits = g_array_new (FALSE, TRUE, sizeof (CptVatEntry));
  gint64 total_net = 0, since_subtotal = 0;
  gint64 deposits_net = 0, deposits_vat = 0;

  g_array_set_clear_func (net_of_deposits, clear_entry);
  for (guint i = 0; i < lines->len; i++)
    {
      CptDocumentLine *line = g_ptr_array_index (lines, i);
      const char *kind = cpt_document_line_get_kind (line);
      gint64 net = 0;

      if (g_strcmp0 (kind, "item") == 0)
        {
          if (!cpt_line_net (cpt_document_line_get_quantity (line),
                             cpt_document_line_get_unit_price (line),
                             cpt_document_line_get_discount_percent (line), &net, error))
            return FALSE;
          if (!cpt_money_add (total_net, net, &total_net, error))
            return FALSE;
          since_subtotal += net;
          cpt_vat_breakdown_add (breakdown, net, cpt_document_line_get_vat_rate (line),
                                 cpt_document_line_get_exemption_code (line));
        }
      else if (g_strcmp0 (kind, "subtotal") == 0)
        {
          net = since_subtotal;
          since_subtotal = 0;
        }
      else if (g_strcmp0 (kind, "deposit") == 0)
        {
          /* A deposit keeps the amounts of its own invoice (negative here): its VAT was
           * declared when it was invoiced and is taken off this invoice's VAT exactly. */
          net = cpt_document_line_get_net (line);
          deposits_net -= net;
          deposits_vat -= cpt_document_line_get_vat_amount (line);
        }
      g_object_set (line, "net", net, NULL);
    }

  /* The VAT breakdown of what this document taxes: its items, less the deposits. */
  for (guint i = 0; i < cpt_vat_breakdown_get_n_entries (breakdown); i++)
    {
      const CptVatEntry *entry = cpt_vat_breakdown_get_entry (breakdown, i);
      CptVatEntry copy = { entry->rate, g_strdup (entry->exemption_code), entry->base, entry->vat };
      g_array_append_val (net_of_deposits, copy);
    }
  for (guint i = 0; i < lines->len; i++)
    {
      CptDocumentLine *line = g_ptr_array_index (lines, i);
      CptVatEntry *found = NULL;

      if (g_strcmp0 (cpt_document_line_get_kind (line), "deposit") != 0)
        continue;
      for (guint j = 0; j < net_of_deposits->len && found == NULL; j++)
        {
          CptVatEntry *entry = &g_array_index (net_of_deposits, CptVatEntry, j);
          if (entry->rate == cpt_document_line_get_vat_rate (line) &&
              g_strcmp0 (entry->exemption_code, cpt_document_line_get_exemption_code (line)) == 0)
            found = entry;
        }
      if (found == NULL)
        {
          CptVatEntry entry = { cpt_document_line_get_vat_rate (line),
                                g_strdup (cpt_document_line_get_exemption_code (line)), 0, 0 };
          g_array_append_val (net_of_deposits, entry);
          found = &g_array_index (net_of_deposits, CptVatEntry, net_of_deposits->len - 1);
        }
      found->base += cpt_document_line_get_net (line);
      found->vat += cpt_document_line_get_vat_amount (line);
    }
  g_array_sort (net_of_deposits, compare_entries);

  out->total_net = total_net;
  out->total_vat = cpt_vat_breakdown_total_vat (breakdown);
  if (!cpt_money_add (out->total_net, out->total_vat, &out->total_gross, error))
    return FALSE;
  out->deposits_net = deposits_net;
  out->deposits_vat = deposits_vat;
  out->deposits_gross = deposits_net + deposits_vat;
  out->amount_due = out->total_gross - out->deposits_gross;
  out->breakdown = g_steal_pointer (&breakdown);
  out->vat = g_steal_pointer (&net_of_deposits);
  return TRUE;
}

void
cpt_document_totals_figures (const CptDocumentTotals *totals,
                             gboolean                 balance,
                             gint64                   credited,
                             gint64                   paid,
                             CptTotalsFigures        *out)
{
  *out = (CptTotalsFigures) { 0 };
  out->deducts_deposits = balance || totals->deposits_net != 0;
  out->order_net = totals->total_net;
  out->deposits_net = totals->deposits_net;
  /* What is billed once the deposits are deducted: the sums of the net-of-deposits VAT
   * breakdown, never the order's total beside the deducted VAT. */
  out->net = totals->total_net - totals->deposits_net;
  out->vat = totals->total_vat - totals->deposits_vat;
  out->gross = totals->amount_due;
  out->credited = credited;
  out->paid = paid;
  out->left = totals->amount_due - credited - paid;
}

/* Recomputes and stores the totals of a document (inside the caller's transaction). */
gboolean
cpt_documents_store_totals (CptDatabase *db, gint64 document_id, GError **error)
{
  g_autoptr(GPtrArray) lines = cpt_documents_load_lines (db, document_id, error);
  CptDocumentTotals totals = { 0 };
  gboolean ok;

  if (lines == NULL || !cpt_documents_compute_totals (lines, &totals, error))
    return FALSE;
  ok = cpt_store_documents_store_totals (db, document_id, &totals, lines, error);
  cpt_document_totals_clear (&totals);
  return ok;
}

/* Checks a line's values and normalises them; computes its net. */
gboolean
cpt_documents_check_line (CptDatabase *db, CptDocumentLine *line, GError **error)
{
  g_autofree char *kind = NULL, *description = NULL, *unit = NULL, *exemption = NULL;
  gint64 quantity, unit_price, discount, rate, net = 0;
  g_autoptr(CptCompany) company = NULL;

  g_object_get (line, "kind", &kind, "description", &description, "unit", &unit,
                "exemption-code", &exemption, "quantity", &quantity, "unit-price", &unit_price,
                "discount-percent", &discount, "vat-rate", &rate, NULL);
  if (!cpt_record_check_text (cpt_document_line_record (), G_OBJECT (line), error))
    return FALSE;
  if (kind == NULL)
    kind = g_strdup ("item");
  if (strcmp (kind, "item") != 0 && strcmp (kind, "text") != 0 && strcmp (kind, "subtotal") != 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("A line is an item, a text or a subtotal, not “%s”"), kind);
      return FALSE;
    }
  if (description != NULL)
    g_strstrip (description);
  if (strcmp (kind, "text") == 0)
    {
      if (description == NULL || *description == '\0')
        {
          g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID, _("A text line needs some text"));
          return FALSE;
        }
      g_object_set (line, "kind", kind, "description", description, "quantity", (gint64) 0,
                    "unit-price", (gint64) 0, "vat-rate", (gint64) 0, "net", (gint64) 0,
                    "discount-percent", (gint64) 0, NULL);
      return TRUE;
    }
  if (strcmp (kind, "subtotal") == 0)
    {
      g_object_set (line, "kind", kind, "quantity", (gint64) 0, "unit-price", (gint64) 0,
                    "vat-rate", (gint64) 0, "discount-percent", (gint64) 0, NULL);
      return TRUE;
    }

  if (description == NULL || *description == '\0')
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("An item line needs a description (what is sold)"));
      return FALSE;
    }
  if (unit_price < 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("A unit price cannot be negative; to take something off, use a discount or a "
                     "negative quantity"));
      return FALSE;
    }
  if (discount < 0 || discount > 10000)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID, _("A discount is between 0 and 100 %%"));
      return FALSE;
    }
  if (!cpt_vat_rate_check (rate, error))
    return FALSE;
  if (unit != NULL && *unit != '\0')
    {
      const char *code = cpt_unit_code_for (unit, error);
      if (code == NULL)
        return FALSE;
      g_object_set (line, "unit", code, NULL);
    }
  else
    g_object_set (line, "unit", "C62", NULL);

  company = cpt_company_load (db, error);
  if (company == NULL)
    return FALSE;
  if (exemption != NULL && *exemption != '\0')
    {
      const char *code = cpt_vat_exemption_code_for (exemption, error);
      if (code == NULL)
        return FALSE;
      if (rate != 0)
        {
          g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                       _("An exemption reason (%s) only goes on a line at 0 %% VAT"), code);
          return FALSE;
        }
      g_object_set (line, "exemption-code", code, NULL);
    }
  else
    {
      gboolean exempt;

      g_object_get (company, "vat-exempt", &exempt, NULL);
      if (rate == 0 && exempt)
        g_object_set (line, "exemption-code", "VATEX-FR-FRANCHISE", NULL);
      else if (rate == 0)
        {
          g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                       _("A line at 0 %% VAT needs the reason it is exempt (an exemption code "
                         "such as VATEX-EU-IC for an intra-EU supply, VATEX-EU-G for an export)"));
          return FALSE;
        }
      else
        g_object_set (line, "exemption-code", NULL, NULL);
    }
  {
    gboolean exempt;
    g_object_get (company, "vat-exempt", &exempt, NULL);
    if (exempt && rate != 0)
      {
        g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                     _("The company is not subject to VAT (art. 293 B du CGI): lines are at 0 %%"));
        return FALSE;
      }
  }
  if (!cpt_line_net (quantity, unit_price, discount, &net, error))
    return FALSE;
  g_object_set (line, "kind", kind, "description", description, "net", net, NULL);
  return TRUE;
}

gboolean
cpt_documents_insert_line (CptDatabase *db, CptDocumentLine *line, GError **error)
{
  return cpt_store_documents_insert_line (db, line, error);
}

gboolean
cpt_documents_add_line (CptDatabase *db, gint64 document_id, CptDocumentLine *line,
                        GError **error)
{
  g_autoptr(CptDocument) document = NULL;
  gint64 position, count;

  if (!cpt_database_begin (db, error))
    return FALSE;
  document = cpt_documents_load_draft (db, document_id, error);
  if (document == NULL || !cpt_documents_check_line (db, line, error) ||
      !cpt_store_documents_count_lines (db, document_id, &count, error))
    goto fail;
  if (count >= 10000)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED, _("A document has at most 10 000 lines"));
      goto fail;
    }

  g_object_get (line, "position", &position, NULL);
  if (position <= 0 || position > count + 1)
    position = count + 1;
  else if (!cpt_store_documents_make_room (db, document_id, position, error))
    goto fail;
  g_object_set (line, "document-id", document_id, "position", position, NULL);
  if (!cpt_documents_insert_line (db, line, error) || !cpt_documents_store_totals (db, document_id, error))
    goto fail;
  return cpt_database_commit (db, error);

fail:
  cpt_database_rollback (db);
  return FALSE;
}

/* The draft a line belongs to, and where the line is in it. */
static CptDocument *
line_draft (CptDatabase *db, gint64 line_id, gint64 *position, gboolean *is_deposit,
            GError **error)
{
  gint64 document_id;

  if (!cpt_store_documents_line_place (db, line_id, &document_id, position, is_deposit, error))
    return NULL;
  return cpt_documents_load_draft (db, document_id, error);
}

gboolean
cpt_documents_update_line (CptDatabase *db, CptDocumentLine *line, GError **error)
{
  g_autoptr(CptDocument) document = NULL;
  gint64 document_id;

  if (!cpt_database_begin (db, error))
    return FALSE;
  document = line_draft (db, cpt_document_line_get_id (line), NULL, NULL, error);
  if (document == NULL || !cpt_documents_check_line (db, line, error))
    goto fail;
  document_id = cpt_document_get_id (document);
  g_object_set (line, "document-id", document_id, NULL);
  if (!cpt_store_documents_update_line (db, line, error) ||
      !cpt_documents_store_totals (db, document_id, error))
    goto fail;
  return cpt_database_commit (db, error);

fail:
  cpt_database_rollback (db);
  return FALSE;
}

gboolean
cpt_documents_remove_line (CptDatabase *db, gint64 line_id, GError **error)
{
  g_autoptr(CptDocument) document = NULL;
  gboolean is_deposit;
  gint64 document_id;

  if (!cpt_database_begin (db, error))
    return FALSE;
  document = line_draft (db, line_id, NULL, &is_deposit, error);
  if (document == NULL)
    goto fail;
  if (is_deposit)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("This line deducts a deposit invoice: detach the deposit instead"));
      goto fail;
    }
  document_id = cpt_document_get_id (document);
  if (!cpt_store_documents_remove_line (db, document_id, line_id, error) ||
      !cpt_documents_store_totals (db, document_id, error))
    goto fail;
  return cpt_database_commit (db, error);

fail:
  cpt_database_rollback (db);
  return FALSE;
}

gboolean
cpt_documents_move_line (CptDatabase *db, gint64 line_id, gint64 position, GError **error)
{
  g_autoptr(CptDocument) document = NULL;
  gint64 old_position;

  if (!cpt_database_begin (db, error))
    return FALSE;
  document = line_draft (db, line_id, &old_position, NULL, error);
  if (document == NULL)
    goto fail;
  if (position < 1)
    position = 1;
  if (!cpt_store_documents_move_line (db, cpt_document_get_id (document), line_id, old_position,
                                      position, error) ||
      !cpt_documents_store_totals (db, cpt_document_get_id (document), error))
    goto fail;
  return cpt_database_commit (db, error);

fail:
  cpt_database_rollback (db);
  return FALSE;
}

void
cpt_documents_fill_line_from_product (CptDocumentLine *line, gpointer product_ptr)
{
  CptProduct *product = CPT_PRODUCT (product_ptr);
  g_autofree char *description = NULL;
  const char *extra = cpt_product_get_description (product);

  description = extra && *extra ? g_strdup_printf ("%s\n%s", cpt_product_get_name (product), extra)
                                : g_strdup (cpt_product_get_name (product));
  g_object_set (line, "kind", "item", "product-id", cpt_product_get_id (product),
                "description", description, "unit", cpt_product_get_unit (product),
                "unit-price", cpt_product_get_unit_price (product),
                "vat-rate", cpt_product_get_vat_rate (product),
                "account", cpt_product_get_account (product), NULL);
}

CptDocumentLine *
cpt_documents_copy_line (CptDocumentLine *line)
{
  const CptRecordClass *record = cpt_document_line_record ();
  CptDocumentLine *copy = cpt_document_line_new ();

  for (guint i = 0; i < record->n_fields; i++)
    {
      const char *key = record->fields[i].key;
      g_autofree char *name = NULL;
      g_auto(GValue) value = G_VALUE_INIT;

      if (g_str_equal (key, "id") || g_str_equal (key, "document_id") || g_str_equal (key, "position"))
        continue;
      name = g_strdelimit (g_strdup (key), "_", '-');
      g_value_init (&value, record->pspecs[i + 1]->value_type);
      g_object_get_property (G_OBJECT (line), name, &value);
      g_object_set_property (G_OBJECT (copy), name, &value);
    }
  return copy;
}

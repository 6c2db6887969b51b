/* cpt-document-extras.c: duplicate, change the client of a draft, history, related documents. */
#define G_LOG_DOMAIN "cpt-document-extras"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "cpt-document-extras.h"
#include "cpt-store-document-extras.h"
#include "cpt-store-series.h"
#include "cpt-client.h"
#include "cpt-dates.h"
#include "cpt-documents.h"
#include "cpt-documents-private.h"
#include "cpt-error.h"
#include "cpt-money.h"

static char *
document_name (CptDocument *document)
{
  if (cpt_document_get_number (document) != NULL)
    return g_strdup (cpt_document_get_number (document));
  return g_strdup_printf (_("draft #%" PRId64), cpt_document_get_id (document));
}

gint64
cpt_documents_recreate (CptDatabase *db, CptDocument *header, GPtrArray *lines, GError **error)
{
  static const char *const header_fields[] = { "due-date", "service-date", "valid-until", "notes",
                                               "payment-terms", "language" };
  g_autoptr(CptDocument) document = NULL;

  g_return_val_if_fail (CPT_IS_DATABASE (db), 0);
  g_return_val_if_fail (CPT_IS_DOCUMENT (header), 0);

  if (!cpt_database_begin (db, error))
    return 0;
  document = cpt_documents_create_kind (db, cpt_document_get_document_kind (header),
                                        cpt_document_get_client_id (header),
                                        cpt_document_get_date (header), NULL,
                                        cpt_document_get_title (header), error);
  if (document == NULL)
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (header_fields); i++)
    {
      g_autofree char *value = NULL;

      g_object_get (header, header_fields[i], &value, NULL);
      g_object_set (document, header_fields[i], value, NULL);
    }
  if (!cpt_documents_update (db, document, error))
    goto fail;
  for (guint i = 0; i < lines->len; i++)
    {
      g_autoptr(CptDocumentLine) line = cpt_document_line_duplicate (g_ptr_array_index (lines, i));

      if (!cpt_documents_add_line (db, cpt_document_get_id (document), line, error))
        goto fail;
    }
  if (!cpt_database_commit (db, error))
    return 0;
  return cpt_document_get_id (document);

fail:
  cpt_database_rollback (db);
  return 0;
}

gint64
cpt_documents_duplicate (CptDatabase *db, gint64 id, GError **error)
{
  g_autoptr(CptDocument) source = NULL;
  g_autoptr(CptDocument) copy = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *title = NULL, *notes = NULL, *terms = NULL, *language = NULL;
  CptDocumentKind kind;
  gint64 copy_id;

  g_return_val_if_fail (CPT_IS_DATABASE (db), 0);

  source = cpt_documents_load (db, id, error);
  if (source == NULL)
    return 0;
  kind = cpt_document_get_document_kind (source);
  if (kind == CPT_DOCUMENT_KIND_DEPOSIT || kind == CPT_DOCUMENT_KIND_CREDIT_NOTE)
    {
      g_autofree char *name = document_name (source);

      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   kind == CPT_DOCUMENT_KIND_DEPOSIT
                     ? _("%s is a deposit invoice: make deposits from the accepted quote")
                     : _("%s is a credit note: make credit notes from the invoice they correct"),
                   name);
      return 0;
    }
  lines = cpt_documents_load_lines (db, id, error);
  if (lines == NULL)
    return 0;
  g_object_get (source, "title", &title, "notes", &notes, "payment-terms", &terms,
                "language", &language, NULL);

  if (!cpt_database_begin (db, error))
    return 0;
  copy = cpt_documents_create_kind (db, kind, cpt_document_get_client_id (source), NULL, NULL,
                                    title, error);
  if (copy == NULL)
    goto fail;
  copy_id = cpt_document_get_id (copy);
  g_object_set (copy, "notes", notes, "language", language, NULL);
  if (terms != NULL)
    g_object_set (copy, "payment-terms", terms, NULL);
  if (!cpt_documents_update (db, copy, error))
    goto fail;
  for (guint i = 0; i < lines->len; i++)
    {
      CptDocumentLine *line = g_ptr_array_index (lines, i);
      g_autoptr(CptDocumentLine) new_line = NULL;

      /* Deposit deductions belong to the first document; links to a quote too. */
      if (g_strcmp0 (cpt_document_line_get_kind (line), "deposit") == 0)
        continue;
      new_line = cpt_documents_copy_line (line);
      g_object_set (new_line, "quote-line-id", (gint64) 0, "credited-line-id", (gint64) 0,
                    "deposit-id", (gint64) 0, "position", (gint64) 0, NULL);
      if (!cpt_documents_add_line (db, copy_id, new_line, error))
        goto fail;
    }
  if (!cpt_database_commit (db, error))
    goto fail;
  return copy_id;

fail:
  cpt_database_rollback (db);
  return 0;
}

CptDocumentLine *
cpt_document_line_duplicate (CptDocumentLine *line)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_LINE (line), NULL);

  return cpt_documents_copy_line (line);
}

gboolean
cpt_documents_set_client (CptDatabase *db, gint64 id, gint64 client_id, GError **error)
{
  g_autoptr(CptDocument) document = NULL;
  g_autoptr(CptClient) client = NULL;
  gboolean deducts;

  g_return_val_if_fail (CPT_IS_DATABASE (db), FALSE);

  if (!cpt_database_begin (db, error))
    return FALSE;
  document = cpt_documents_load_draft (db, id, error);
  if (document == NULL)
    goto fail;
  if (cpt_document_get_client_id (document) == client_id)
    return cpt_database_commit (db, error);
  client = cpt_client_load (db, client_id, error);
  if (client == NULL)
    goto fail;
  if (cpt_client_get_archived (client))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("The client “%s” is archived: restore it before making new documents"),
                   cpt_client_get_name (client));
      goto fail;
    }
  if (cpt_document_get_quote_id (document) != 0 || cpt_document_get_credited_id (document) != 0 ||
      cpt_document_get_proforma_id (document) != 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("This draft was made from another document of its client, so its client "
                     "cannot change"));
      goto fail;
    }
  if (!cpt_store_document_extras_deducts_deposits (db, id, &deducts, error))
    goto fail;
  if (deducts)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("This draft deducts deposits of its client: detach them before changing "
                     "the client"));
      goto fail;
    }
  if (!cpt_store_document_extras_set_client (db, id, client_id, cpt_client_get_name (client),
                                             cpt_client_get_currency (client), error))
    goto fail;
  return cpt_database_commit (db, error);

fail:
  cpt_database_rollback (db);
  return FALSE;
}

void
cpt_history_event_free (CptHistoryEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->at);
  g_free (event->action);
  g_free (event->details);
  g_free (event);
}

GPtrArray *
cpt_documents_history (CptDatabase *db, gint64 id, GError **error)
{
  g_return_val_if_fail (CPT_IS_DATABASE (db), NULL);

  return cpt_store_document_extras_history (db, id, error);
}

static char *
detail (JsonObject *object, const char *key)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, key)) == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      /* Files written before the dates were filled in hold "" for "today": no date. */
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return *json_node_get_string (node) != '\0' ? g_strdup (json_node_get_string (node)) : NULL;
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    }
  return NULL;
}

/* The "amount" of an event, written as money in `language`, or NULL. */
static char *
money_detail (JsonObject *object, const char *language)
{
  g_autofree char *amount = detail (object, "amount");
  gint64 minor = 0;

  if (amount == NULL || !cpt_money_parse (amount, &minor, NULL))
    return NULL;
  return cpt_money_format (minor, "EUR", language);
}

char *
cpt_history_event_describe (CptHistoryEvent *event, const char *language)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object = NULL;
  const char *action;
  g_autofree char *number = NULL, *date = NULL, *other = NULL, *amount = NULL;

  g_return_val_if_fail (event != NULL, NULL);

  if (event->details != NULL && json_parser_load_from_data (parser, event->details, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    object = json_node_get_object (json_parser_get_root (parser));
  action = event->action;
  number = detail (object, "number");
  date = detail (object, "date");
  if (date != NULL)
    {
      char *formatted = cpt_date_format (date, language);

      if (formatted != NULL)
        {
          g_free (date);
          date = formatted;
        }
    }

  if (g_strcmp0 (action, "create") == 0)
    return g_strdup (_("Created"));
  if (g_strcmp0 (action, "email") == 0)
    {
      g_autofree char *to = detail (object, "to");
      g_autofree char *reminder = detail (object, "reminder");

      if (g_strcmp0 (reminder, "3") == 0)
        return g_strdup_printf (_("Formal notice to pay sent by email to %s"), to ? to : "?");
      if (reminder != NULL)
        /* Translators: a document's history: the reminder's level, then the recipients */
        return g_strdup_printf (_("Reminder %s sent by email to %s"), reminder, to ? to : "?");
      return g_strdup_printf (_("Sent by email to %s"), to ? to : "?");
    }
  if (g_strcmp0 (action, "validate") == 0)
    return g_strdup_printf (_("Validated as %s"), number ? number : "?");
  if (g_strcmp0 (action, "send") == 0 || g_strcmp0 (action, "quote_send") == 0)
    return date ? g_strdup_printf (_("Sent on %s"), date) : g_strdup (_("Sent"));
  if (g_strcmp0 (action, "quote_accept") == 0)
    return date ? g_strdup_printf (_("Accepted on %s"), date) : g_strdup (_("Accepted"));
  if (g_strcmp0 (action, "quote_refuse") == 0)
    return date ? g_strdup_printf (_("Refused on %s"), date) : g_strdup (_("Refused"));
  if (g_strcmp0 (action, "quote_deposit") == 0)
    return g_strdup_printf (_("Deposit invoice made from the quote %s"),
                            (other = detail (object, "quote")) ? other : "?");
  if (g_strcmp0 (action, "quote_invoice") == 0)
    return g_strdup_printf (_("Invoice made from the quote %s"),
                            (other = detail (object, "quote")) ? other : "?");
  if (g_strcmp0 (action, "quote_balance") == 0)
    return g_strdup_printf (_("Balance invoice made from the quote %s"),
                            (other = detail (object, "quote")) ? other : "?");
  if (g_strcmp0 (action, "finalize") == 0)
    return g_strdup_printf (_("Produced from the pro forma %s"),
                            (other = detail (object, "proforma")) ? other : "?");
  if (g_strcmp0 (action, "credit") == 0)
    return g_strdup_printf (_("Credit note for %s"),
                            (other = detail (object, "invoice")) ? other : "?");
  if (g_strcmp0 (action, "deposit_attach") == 0)
    return g_strdup_printf (_("Deposit %s deducted"),
                            (other = detail (object, "deposit")) ? other : "?");
  if (g_strcmp0 (action, "deposit_detach") == 0)
    return g_strdup_printf (_("Deposit %s detached"),
                            (other = detail (object, "deposit")) ? other : "?");
  if (g_strcmp0 (action, "allocate") == 0)
    return (amount = money_detail (object, language)) != NULL
           ? g_strdup_printf (_("Payment of %s allocated"), amount)
           : g_strdup (_("Payment allocated"));
  if (g_strcmp0 (action, "unallocate") == 0)
    return g_strdup (_("Payment allocation removed"));
  if (g_strcmp0 (action, "mark_unpaid") == 0)
    return g_strdup (_("Marked as unpaid"));
  return g_strdup (action);
}

GPtrArray *
cpt_documents_related (CptDatabase *db, gint64 id, GError **error)
{
  g_return_val_if_fail (CPT_IS_DATABASE (db), NULL);

  return cpt_store_document_extras_related (db, id, error);
}

char *
cpt_series_preview_with (CptDatabase *db, const char *name, const char *format, int reset,
                         gint64 first_number, const char *iso_date, GError **error)
{
  g_autoptr(CptSeries) series = NULL;
  g_autofree char *period = NULL;
  gint64 last;
  gboolean period_used;

  g_return_val_if_fail (CPT_IS_DATABASE (db), NULL);

  series = cpt_series_load (db, name, error);
  if (series == NULL || !cpt_series_check_format (format, (CptSeriesReset) reset, error))
    return NULL;
  period = cpt_series_period ((CptSeriesReset) reset, iso_date);
  if (!cpt_store_series_last_counter (db, name, period, &last, &period_used, error))
    return NULL;
  return cpt_series_format_number (format, cpt_series_next_counter (series, MAX (first_number, 1),
                                                                     period_used, last),
                                   iso_date);
}

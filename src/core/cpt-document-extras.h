/* cpt-document-extras.h: what the document editor needs beside the store and the
 * lifecycle: duplicating a document, changing the client of a draft, a document's history
 * (its audit events) and the documents linked to it. */
#pragma once

#include "cpt-database.h"
#include "cpt-document.h"
#include "cpt-document-line.h"
#include "cpt-series.h"

G_BEGIN_DECLS

/* A new draft of the same kind and client with the same title, notes and lines (items, texts
 * and subtotals), dated today. Quotes, pro forma and invoices only: a deposit invoice comes
 * from a quote and a credit note from an invoice. Returns its id, 0 on error. */
gint64     cpt_documents_duplicate  (CptDatabase *db, gint64 id, GError **error);
/* A new draft made again, all or nothing, from a deleted draft's `header` (its kind, client,
 * date, title, due date, service date, validity, notes, payment terms, language) and `lines`
 * (Undo of a deletion). Returns its id, 0 on error. */
gint64     cpt_documents_recreate   (CptDatabase *db, CptDocument *header, GPtrArray *lines,
                                     GError **error);

/* A new line with the values of `line` (no id, document or position), e.g. to put a removed
 * line back (Undo). */
CptDocumentLine *cpt_document_line_duplicate (CptDocumentLine *line);

/* Gives a draft to another client (not archived). Refused when the draft comes from a quote
 * or an invoice, or deducts deposits, since those belong to the first client. */
gboolean   cpt_documents_set_client (CptDatabase *db, gint64 id, gint64 client_id,
                                     GError **error);

typedef struct
{
  gint64  id;
  char   *at;        /* ISO timestamp, UTC */
  char   *action;    /* validate, credit, allocate, deposit_attach, ... */
  char   *details;   /* JSON object or NULL */
} CptHistoryEvent;

void       cpt_history_event_free   (CptHistoryEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CptHistoryEvent, cpt_history_event_free)
/* The audit events of a document, oldest first (CptHistoryEvent). */
GPtrArray *cpt_documents_history    (CptDatabase *db, gint64 id, GError **error);
/* "Validated as FA-2026-0001", "Payment of 120,00 € allocated"... in plain words
 * (English, translated with the model layer's catalogue). */
char      *cpt_history_event_describe (CptHistoryEvent *event, const char *language);

/* The documents linked to this one, in date order (CptDocument): the quote or pro forma it
 * came from, the invoice it credits, and the invoices, deposit invoices and credit notes
 * made from it. */
GPtrArray *cpt_documents_related    (CptDatabase *db, gint64 id, GError **error);

/* The number the next document of series `name` would get on `iso_date` if the series had
 * `format`, `reset` and `first_number` (the live example of the numbering preferences;
 * first_number only counts while the series has given no number). NULL with an error when
 * the format is wrong. */
char      *cpt_series_preview_with (CptDatabase *db, const char *name, const char *format,
                                    int reset, gint64 first_number, const char *iso_date,
                                    GError **error);

G_END_DECLS

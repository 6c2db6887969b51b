/* cpt-store-lifecycle.h: the store's unit for the lifecycle (cpt-lifecycle.c): what its rules
 * read beyond a document and its lines (marks, credits, deposits, the documents made from a
 * quote or a pro forma), and the writes that link documents together. Every read reports its
 * failure: a rule never takes a failed query for "nothing there". */
#pragma once

#include "cpt-database.h"
#include "cpt-document.h"

G_BEGIN_DECLS

/* The dates set beside a document when it is sent, accepted or refused. */
typedef enum
{
  CPT_MARK_SENT,
  CPT_MARK_ACCEPTED,
  CPT_MARK_REFUSED,
} CptDocumentMark;

/* What the rules of one document need beyond its row, read in one call (the actions offered
 * on its page, deleting it, marking it). */
typedef struct
{
  char     *sent_on;              /* ISO dates of the marks, NULL when not set */
  char     *accepted_on;
  char     *refused_on;
  gint64    credited_amount;      /* what validated credit notes gave back of it */
  gint64    deposit_holder;       /* a deposit: the invoice deducting it, not credited since, or 0 */
  gint64    proforma_invoice;     /* a pro forma: the invoice produced from it, or 0 */
  gboolean  quote_has_invoice;    /* a quote: an invoice made from it that stands (a draft, or
                                     validated and not fully credited) */
  gboolean  quote_has_deposit;    /* a quote: a deposit invoice made from it */
  gint64    quote_draft_invoice;  /* a quote: its first draft invoice, or 0 */
} CptLifecycleFacts;

void      cpt_lifecycle_facts_clear              (CptLifecycleFacts *facts);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CptLifecycleFacts, cpt_lifecycle_facts_clear)
gboolean  cpt_store_lifecycle_facts              (CptDatabase *db, gint64 id,
                                                  CptLifecycleFacts *out, GError **error);

/* Of each line of a document, what the rules read beyond the line itself. */
typedef struct
{
  gint64  line_id;
  gint64  credited_line_quantity; /* a credit note's line: the quantity of the line it credits */
  gint64  credited_line_taken;    /* what the other validated credit notes took of that line */
  gint64  deposit_holder;         /* a deposit line: the invoice deducting that deposit, or 0 */
  gint64  deposit_credited;       /* a deposit line: what validated credit notes gave back of it */
} CptLineFacts;

/* CptLineFacts of each line of document `document_id`, in the lines' order. */
GArray   *cpt_store_lifecycle_line_facts         (CptDatabase *db, gint64 document_id,
                                                  GError **error);

/* A document with everything the lifecycle's rules read (validation, credits, deposits),
 * loaded in one call, so that the rules do not query as they go. */
typedef struct
{
  CptDocument       *document;
  GPtrArray         *lines;           /* CptDocumentLine, in order */
  GArray            *line_facts;      /* CptLineFacts, one per line, same order */
  CptLifecycleFacts  facts;
  CptDocument       *credited;        /* a credit note's invoice, or NULL */
  CptLifecycleFacts  credited_facts;  /* and its facts */
} CptDocumentAggregate;

void                  cpt_document_aggregate_free     (CptDocumentAggregate *aggregate);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CptDocumentAggregate, cpt_document_aggregate_free)
CptDocumentAggregate *cpt_store_lifecycle_load        (CptDatabase *db, gint64 id,
                                                       GError **error);

gboolean  cpt_store_lifecycle_get_mark           (CptDatabase *db, gint64 id, CptDocumentMark mark,
                                                  char **out_date, GError **error);
gboolean  cpt_store_lifecycle_set_mark           (CptDatabase *db, gint64 id, CptDocumentMark mark,
                                                  const char *iso, GError **error);

gboolean  cpt_store_lifecycle_credited_amount    (CptDatabase *db, gint64 invoice_id,
                                                  gint64 *out, GError **error);
/* What credit notes (validated ones, and drafts unless `validated_only`) took of an invoice
 * line, other than `except_note`. */
gboolean  cpt_store_lifecycle_credited_quantity  (CptDatabase *db, gint64 line_id,
                                                  gint64 except_note, gboolean validated_only,
                                                  gint64 *out, GError **error);
gboolean  cpt_store_lifecycle_deposit_holder     (CptDatabase *db, gint64 deposit_id,
                                                  gint64 *out, GError **error);
/* Whether a credit note of `invoice_id` other than `except_note` gives `deposit_id` back. */
gboolean  cpt_store_lifecycle_deposit_given_back (CptDatabase *db, gint64 invoice_id,
                                                  gint64 deposit_id, gint64 except_note,
                                                  gboolean *out, GError **error);
gboolean  cpt_store_lifecycle_proforma_invoice   (CptDatabase *db, gint64 proforma_id,
                                                  gint64 *out, GError **error);
gboolean  cpt_store_lifecycle_quote_has_invoice  (CptDatabase *db, gint64 quote_id,
                                                  gboolean *out, GError **error);
/* Every deposit invoice made from a quote, validated or not, oldest first. */
GArray   *cpt_store_lifecycle_quote_deposit_ids  (CptDatabase *db, gint64 quote_id, GError **error);
/* For a quote's line: the invoices that took some of it (drafts too), in `invoice_ids`, and
 * the quantity they took less what their validated credit notes gave back. */
gboolean  cpt_store_lifecycle_quote_line_invoiced (CptDatabase *db, gint64 quote_line_id,
                                                   GArray *invoice_ids, gint64 *invoiced,
                                                   GError **error);
gboolean  cpt_store_lifecycle_last_position      (CptDatabase *db, gint64 document_id,
                                                  gint64 *out, GError **error);
/* The number and date of the last numbered document of `series` (NULL, NULL: none yet). */
gboolean  cpt_store_lifecycle_last_numbered      (CptDatabase *db, const char *series,
                                                  char **out_number, char **out_date,
                                                  GError **error);

/* Marks a draft validated with its number and copies the seller's and the client's identity
 * into it (cpt_lifecycle_lock). */
gboolean  cpt_store_lifecycle_lock               (CptDatabase *db, gint64 id, const char *number,
                                                  const char *series, const char *period,
                                                  gint64 sequence, const char *date,
                                                  const char *due, GError **error);
/* The links of a document made from another: an invoice or deposit from a quote, a final
 * invoice from a pro forma (with its notes), a credit note from an invoice. */
gboolean  cpt_store_lifecycle_link_quote         (CptDatabase *db, gint64 id, gint64 quote_id,
                                                  const char *language, GError **error);
gboolean  cpt_store_lifecycle_link_proforma      (CptDatabase *db, gint64 id, gint64 proforma_id,
                                                  const char *notes, const char *language,
                                                  GError **error);
gboolean  cpt_store_lifecycle_link_credited      (CptDatabase *db, gint64 id, gint64 invoice_id,
                                                  const char *language, gint64 quote_id,
                                                  GError **error);
/* Removes a deposit's lines from a draft invoice and closes the gap in the positions. */
gboolean  cpt_store_lifecycle_remove_deposit_lines (CptDatabase *db, gint64 invoice_id,
                                                    gint64 deposit_id, GError **error);

G_END_DECLS

/* cpt-render-document.h: everything a printed document or its Factur-X XML shows, gathered
 * from the database in one go, so that laying it out needs no database (and can run in a
 * thread). Validated documents show the seller's and client's identity copied into them at
 * validation; drafts and pro forma show the live company and client. */
#pragma once

#include "cpt-database.h"
#include "cpt-document.h"
#include "cpt-documents.h"
#include "cpt-worker.h"

G_BEGIN_DECLS

/* The seller or the buyer, as printed. Every string may be NULL. */
typedef struct
{
  char     *kind;              /* buyer: "company" or "individual"; seller: NULL */
  char     *name;
  char     *legal_form;
  gint64    share_capital;     /* minor units, 0 when not stated */
  char     *siren;
  char     *siret;
  char     *rcs_city;
  char     *vat_number;
  char     *address;           /* may hold several lines */
  char     *postcode;
  char     *city;
  char     *country;           /* ISO 3166-1 alpha-2 */
  char     *email;
  char     *phone;
  char     *website;
  char     *delivery_address;
  char     *delivery_postcode;
  char     *delivery_city;
  char     *delivery_country;
  /* seller only */
  char     *iban;
  char     *bic;
  char     *penalty_text;
  char     *footer;
  char     *vat_exempt_text;
  gboolean  vat_on_debits;
  gboolean  vat_exempt;
} CptRenderParty;

/* Another document this one cites: the quote, the credited invoice, a deposit deducted. */
typedef struct
{
  gint64  id;
  char   *kind;
  char   *number;    /* NULL for a draft */
  char   *date;      /* ISO */
  gint64  gross;     /* its amount due */
} CptRenderReference;

typedef enum
{
  CPT_OPERATION_SERVICES,
  CPT_OPERATION_GOODS,
  CPT_OPERATION_MIXED,
} CptOperationCategory;

typedef struct
{
  gint64               id;
  /* The kind's database string (quote, ... credit_note): a snapshot is plain data that
   * tests and generators fill in; rules ask cpt_render_document_is_kind (). */
  char                *kind;
  gboolean             balance;       /* an invoice that deducts deposits */
  gboolean             draft;         /* a draft that is not a pro forma: watermarked */
  char                *number;        /* NULL for drafts */
  char                *date;
  char                *service_date;
  char                *due_date;
  char                *valid_until;
  char                *title;
  char                *notes;
  char                *payment_terms;
  char                *currency;
  char                *language;      /* "fr" or "en" */
  char                *validated_at;  /* ISO date-time, NULL for drafts */
  GPtrArray           *lines;         /* CptDocumentLine, nets computed */
  CptDocumentTotals    totals;
  CptRenderParty       seller;
  CptRenderParty       buyer;
  gint64               payment_days;  /* the buyer's terms */
  gboolean             end_of_month;
  CptOperationCategory category;
  CptRenderReference  *quote;         /* NULL when none */
  CptRenderReference  *credited;
  CptRenderReference  *proforma;
  GPtrArray           *deposits;      /* CptRenderReference of each deposit invoice deducted */
  gint64               paid;          /* payments received (minor units) */
  /* The totals block, from the code the window uses too. Credit notes are documents of
   * their own and are not deducted on the printed invoice (nor in its Factur-X
   * DuePayableAmount), so `figures.credited` is 0 here. */
  CptTotalsFigures     figures;
  GBytes              *logo;          /* NULL when the company has none */
  char                *logo_mime;
} CptRenderDocument;

CptRenderDocument *cpt_render_document_load (CptDatabase *db, gint64 id, GError **error);
/* The same in the worker's thread (free the result with cpt_render_document_free ()). */
void               cpt_render_document_load_async  (CptWorker *worker, gint64 id,
                                                    GCancellable *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer user_data);
CptRenderDocument *cpt_render_document_load_finish (CptWorker *worker, GAsyncResult *result,
                                                    GError **error);
/* The ids of the documents of `kind` dated from `from` to `to` (ISO dates, NULL: no bound),
 * in date order (gint64), to render them in bulk. */
GArray            *cpt_render_document_ids  (CptDatabase *db, const char *kind, const char *from,
                                             const char *to, GError **error);
void               cpt_render_document_free (CptRenderDocument *self);

/* Whether the document is an invoice, deposit invoice or credit note that is validated:
 * what Factur-X covers. */
/* Whether the snapshot is of `kind` (FALSE for a kind it does not name). */
gboolean           cpt_render_document_is_kind (const CptRenderDocument *self, CptDocumentKind kind);
gboolean           cpt_render_document_is_einvoice (const CptRenderDocument *self);
/* UNTDID 1001 document type: 380 invoice, 386 deposit invoice, 381 credit note; 0 when the
 * document is not an e-invoice (quotes, pro forma, drafts). */
int                cpt_render_document_type_code (const CptRenderDocument *self);
/* The title printed: "Facture", "Facture d'acompte", "Invoice"... */
const char        *cpt_render_document_title (const CptRenderDocument *self);
/* Whether the document goes on the French e-invoicing network once validated: an invoice,
 * deposit invoice or credit note to a business. A sale to a consumer is reported
 * (e-reporting, art. 290 of the CGI), not e-invoiced (art. 289 bis): its Factur-X keeps
 * the EN 16931 rules, not the network's BR-FR ones, which ask for an electronic address
 * (BT-49) a consumer does not have (cpt_einvoice_check_document ()). */
gboolean           cpt_render_document_for_the_network (const CptRenderDocument *self);
/* Whether the buyer is a business (the 40 EUR recovery indemnity applies). */
gboolean           cpt_render_document_buyer_is_business (const CptRenderDocument *self);
/* A file name for the document: "FA-2026-0001.pdf", "brouillon-42.pdf"... */
char              *cpt_render_document_file_name (const CptRenderDocument *self,
                                                  const char *extension);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CptRenderDocument, cpt_render_document_free)

G_END_DECLS

/* cpt-documents.h: creating, reading and editing documents and their lines, and their
 * totals. Every write happens in one transaction and recomputes the stored totals. */
#pragma once

#include "cpt-database.h"
#include "cpt-document.h"
#include "cpt-document-line.h"
#include "cpt-money.h"

G_BEGIN_DECLS

/* date NULL: today; due_date NULL: from the client's payment terms (invoices, deposits) or
 * 30 days of validity (quotes). The client must exist and not be archived. */
CptDocument *cpt_documents_create_kind (CptDatabase *db, CptDocumentKind kind, gint64 client_id,
                                        const char *date, const char *due_date,
                                        const char *title, GError **error);
/* The same with the kind as people write it (cpt_document_kind_parse). */
CptDocument *cpt_documents_create      (CptDatabase *db, const char *kind, gint64 client_id,
                                        const char *date, const char *due_date,
                                        const char *title, GError **error);
CptDocument *cpt_documents_load        (CptDatabase *db, gint64 id, GError **error);
/* The lines in order (CptDocumentLine). */
GPtrArray   *cpt_documents_load_lines  (CptDatabase *db, gint64 id, GError **error);
/* Writes the editable header fields of a draft (dates, title, notes, terms, language). */
gboolean     cpt_documents_update      (CptDatabase *db, CptDocument *document, GError **error);
/* Drafts only; validated documents are corrected by a credit note. */
gboolean     cpt_documents_delete      (CptDatabase *db, gint64 id, GError **error);

/* Appends `line` (kind item, text or subtotal) at the end, or at its position when > 0.
 * Checks the values, computes its net, stores it (setting id, document_id, position) and
 * recomputes the document's totals. */
gboolean     cpt_documents_add_line    (CptDatabase *db, gint64 document_id,
                                        CptDocumentLine *line, GError **error);
gboolean     cpt_documents_update_line (CptDatabase *db, CptDocumentLine *line, GError **error);
gboolean     cpt_documents_remove_line (CptDatabase *db, gint64 line_id, GError **error);
/* Moves a line to `position` (1-based) and renumbers the others. */
gboolean     cpt_documents_move_line   (CptDatabase *db, gint64 line_id, gint64 position,
                                        GError **error);
/* Fills a new line from a product: description, unit, price, VAT rate, account. */
void         cpt_documents_fill_line_from_product (CptDocumentLine *line, gpointer product);

/* Totals of a document. total_* are those of its items (the order, on a balance invoice);
 * deposits_* what deposit lines deduct (positive); amount_due = total_gross -
 * deposits_gross; `vat` the VAT breakdown of what the document taxes, net of the deposits
 * (CptVatEntry, largest rate first), which is `breakdown` when there is no deposit. */
typedef struct
{
  gint64            total_net;
  gint64            total_vat;
  gint64            total_gross;
  gint64            deposits_net;
  gint64            deposits_vat;
  gint64            deposits_gross;
  gint64            amount_due;
  CptVatBreakdown  *breakdown;
  GArray           *vat;
} CptDocumentTotals;

void         cpt_document_totals_clear (CptDocumentTotals *totals);
/* Computes line nets (subtotal lines get the sum since the previous subtotal) and totals
 * with EN 16931 rounding. Updates each line's "net". */
gboolean     cpt_documents_compute_totals (GPtrArray *lines, CptDocumentTotals *out,
                                           GError **error);

/* The figures of a document's totals block, as the window and the PDF both show them, so
 * that the screen and the printed document never disagree. On a balance invoice, `net`,
 * `vat` and `gross` are those of what the invoice bills once the deposits are deducted (the
 * VAT breakdown `totals->vat` sums to them); `order_net` and `deposits_net` say how `net`
 * comes about. `credited` and `paid` are what credit notes and payments settled (0 for a
 * draft); `left` what remains to pay, negative when it is owed to the client. */
typedef struct
{
  gboolean deducts_deposits;
  gint64   order_net;
  gint64   deposits_net;   /* deducted, positive */
  gint64   net;
  gint64   vat;
  gint64   gross;          /* net + vat: the amount due */
  gint64   credited;
  gint64   paid;
  gint64   left;
} CptTotalsFigures;

void         cpt_document_totals_figures (const CptDocumentTotals *totals, gboolean balance,
                                          gint64 credited, gint64 paid,
                                          CptTotalsFigures *out);

G_END_DECLS

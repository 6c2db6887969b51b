/* cpt-document-snapshot.h: everything a document's page shows, read together in one call (in
 * the worker's thread): the document and its lines, the actions its rules allow, what it
 * was paid and credited, the deposits it deducts or could deduct, the documents linked to it
 * and its history. The page and its parts show a snapshot; they do not query as they go. */
#pragma once

#include <gio/gio.h>

#include "cpt-database.h"
#include "cpt-document.h"
#include "cpt-lifecycle.h"
#include "cpt-payments.h"
#include "cpt-worker.h"

G_BEGIN_DECLS

#define CPT_TYPE_DOCUMENT_SNAPSHOT (cpt_document_snapshot_get_type ())
G_DECLARE_FINAL_TYPE (CptDocumentSnapshot, cpt_document_snapshot, CPT, DOCUMENT_SNAPSHOT, GObject)

/* Reads document `id` and what its page shows, in one read transaction. NULL with `error`
 * when the document itself cannot be read; a part that cannot be read is left out and said
 * in cpt_document_snapshot_get_problems (). */
CptDocumentSnapshot *cpt_document_snapshot_load        (CptDatabase         *db,
                                                        gint64               id,
                                                        GError             **error);
void                 cpt_document_snapshot_load_async  (CptWorker           *worker,
                                                        gint64               id,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
CptDocumentSnapshot *cpt_document_snapshot_load_finish (CptWorker           *worker,
                                                        GAsyncResult        *result,
                                                        GError             **error);

CptDocument     *cpt_document_snapshot_get_document   (CptDocumentSnapshot *self);
gint64           cpt_document_snapshot_get_id         (CptDocumentSnapshot *self);
CptDocumentKind  cpt_document_snapshot_get_kind       (CptDocumentSnapshot *self);
/* CptDocumentLine, in order (the snapshot's own: copy them before editing). */
GPtrArray       *cpt_document_snapshot_get_lines      (CptDocumentSnapshot *self);
/* CptAction of cpt_lifecycle_actions (). */
GPtrArray       *cpt_document_snapshot_get_actions    (CptDocumentSnapshot *self);
const CptAction *cpt_document_snapshot_find_action    (CptDocumentSnapshot *self,
                                                       const char          *name);
gboolean         cpt_document_snapshot_allows         (CptDocumentSnapshot *self,
                                                       const char          *name);
/* A validated invoice's or deposit's receivable; FALSE for other documents (or when it
 * could not be read: see the problems). */
gboolean         cpt_document_snapshot_get_balance    (CptDocumentSnapshot *self,
                                                       CptDocumentBalance  *out);
/* CptPaymentReceived; NULL when the document receives no payment. */
GPtrArray       *cpt_document_snapshot_get_payments   (CptDocumentSnapshot *self);
/* An invoice: the deposit invoices its lines deduct (CptDocument), once each, in the lines'
 * order. */
GPtrArray       *cpt_document_snapshot_get_deposits   (CptDocumentSnapshot *self);
/* A draft invoice: the client's deposit invoices it could deduct (CptClientDeposit:
 * validated, not deducted elsewhere, not credited); NULL for other documents. */
GPtrArray       *cpt_document_snapshot_get_attachable_deposits (CptDocumentSnapshot *self);
/* A deposit invoice that can be used on an invoice: the client's draft invoices (CptDocument,
 * the 50 first of the list's order) it could be deducted on; NULL for other documents. */
GPtrArray       *cpt_document_snapshot_get_draft_invoices (CptDocumentSnapshot *self);
/* A deposit invoice made from a quote whose balance invoice can still be made. */
gboolean         cpt_document_snapshot_get_balance_possible (CptDocumentSnapshot *self);
/* CptDocument linked to it, in date order (cpt_documents_related ()). */
GPtrArray       *cpt_document_snapshot_get_related    (CptDocumentSnapshot *self);
/* CptHistoryEvent, oldest first. */
GPtrArray       *cpt_document_snapshot_get_history    (CptDocumentSnapshot *self);
/* The business is exempt from VAT (franchise en base): new lines are at 0 %. */
gboolean         cpt_document_snapshot_get_vat_exempt (CptDocumentSnapshot *self);
/* Messages of the parts that could not be read (empty when all went well). */
GPtrArray       *cpt_document_snapshot_get_problems   (CptDocumentSnapshot *self);

G_END_DECLS

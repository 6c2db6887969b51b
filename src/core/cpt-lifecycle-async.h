/* cpt-lifecycle-async.h: the lifecycle's writes for a window, run in the worker's thread on
 * its connection so that the main loop never waits for a transaction (DESIGN.md: no store
 * call on the main loop). Each pair does what the cpt-lifecycle.h function of the same name
 * does; the commit is noticed by the context like any other writer's. */
#pragma once

#include "cpt-lifecycle.h"
#include "cpt-worker.h"

G_BEGIN_DECLS

/* cpt_lifecycle_validate_full (), or cpt_lifecycle_quote_send_full () with `send`. */
void      cpt_lifecycle_validate_async      (CptWorker          *worker,
                                             gint64              id,
                                             CptValidateFlags    flags,
                                             gboolean            send,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
gboolean  cpt_lifecycle_validate_finish     (CptWorker          *worker,
                                             GAsyncResult       *result,
                                             GError            **error);

/* cpt_lifecycle_credit (): the id of the draft credit note, 0 with an error. */
void      cpt_lifecycle_credit_async        (CptWorker           *worker,
                                             gint64               invoice_id,
                                             const CptCreditPart *parts,
                                             guint                n_parts,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gint64    cpt_lifecycle_credit_finish       (CptWorker           *worker,
                                             GAsyncResult        *result,
                                             GError             **error);

/* cpt_lifecycle_quote_invoice (): the id of the draft invoice, 0 with an error. */
void      cpt_lifecycle_quote_invoice_async (CptWorker          *worker,
                                             gint64              quote_id,
                                             CptQuoteInvoice     how,
                                             gint64              value,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
gint64    cpt_lifecycle_quote_invoice_finish (CptWorker         *worker,
                                              GAsyncResult      *result,
                                              GError           **error);

/* cpt_lifecycle_finalize (): the id of the draft invoice, 0 with an error. */
void      cpt_lifecycle_finalize_async      (CptWorker          *worker,
                                             gint64              proforma_id,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
gint64    cpt_lifecycle_finalize_finish     (CptWorker          *worker,
                                             GAsyncResult       *result,
                                             GError            **error);

/* What is left to invoice of a quote, with its lines, read together. */
typedef struct
{
  GPtrArray *remaining;  /* CptRemainingLine of cpt_lifecycle_quote_remaining () */
  GPtrArray *lines;      /* the quote's CptDocumentLine, in order */
} CptQuoteRemaining;

void      cpt_quote_remaining_free          (CptQuoteRemaining *remaining);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CptQuoteRemaining, cpt_quote_remaining_free)

void      cpt_lifecycle_quote_remaining_async  (CptWorker          *worker,
                                                gint64              quote_id,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
CptQuoteRemaining *cpt_lifecycle_quote_remaining_finish (CptWorker     *worker,
                                                         GAsyncResult  *result,
                                                         GError       **error);

G_END_DECLS

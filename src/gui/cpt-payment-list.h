/* cpt-payment-list.h: payments received, newest first, in a column view over the paged
 * list of the model layer, with their total. */
#pragma once

#include <adwaita.h>

#include "cpt-context.h"

#include "cpt-database.h"
#include "cpt-payments.h"

G_BEGIN_DECLS

#define CPT_TYPE_PAYMENT_LIST (cpt_payment_list_get_type ())
G_DECLARE_FINAL_TYPE (CptPaymentList, cpt_payment_list, CPT, PAYMENT_LIST, AdwBin)

/* client_id 0: every client (the client column shows). */
void        cpt_payment_list_set_client (CptPaymentList *self,
                                         CptContext     *context,
                                         gint64          client_id);
/* The payments `filter` keeps (copied) in the file of `context`; the client column shows
 * when it has no client. The footer adds up what the list holds, in the context's worker.
 * The list reads itself again when the context says payments or documents changed. */
void        cpt_payment_list_set_filter (CptPaymentList         *self,
                                         CptContext             *context,
                                         const CptPaymentFilter *filter);
void        cpt_payment_list_reload     (CptPaymentList *self);
/* The totals shown in the footer ("" until they are known), for tests. */
const char *cpt_payment_list_get_totals_text (CptPaymentList *self);
GListModel *cpt_payment_list_get_model  (CptPaymentList *self);

G_END_DECLS

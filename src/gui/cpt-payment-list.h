/* cpt-payment-list.h: payments received, newest first, in a column view over the paged
 * list of the model layer, with their total. */
#pragma once

#include <adwaita.h>

#include "cpt-database.h"

G_BEGIN_DECLS

#define CPT_TYPE_PAYMENT_LIST (cpt_payment_list_get_type ())
G_DECLARE_FINAL_TYPE (CptPaymentList, cpt_payment_list, CPT, PAYMENT_LIST, AdwBin)

/* client_id 0: every client (the client column shows). */
void        cpt_payment_list_set_client (CptPaymentList *self,
                                         CptDatabase    *db,
                                         gint64          client_id);
void        cpt_payment_list_reload     (CptPaymentList *self);
GListModel *cpt_payment_list_get_model  (CptPaymentList *self);

G_END_DECLS

/* cpt-client-payments.h: the Payments tab of a client's record: Record a Payment and Refund
 * the Credit (the page's client.record-payment and client.refund-credit) over the list of
 * the client's payments, whose footer says the client's credit. */
#pragma once

#include <adwaita.h>

#include "cpt-payment-list.h"

G_BEGIN_DECLS

#define CPT_TYPE_CLIENT_PAYMENTS (cpt_client_payments_get_type ())
G_DECLARE_FINAL_TYPE (CptClientPayments, cpt_client_payments, CPT, CLIENT_PAYMENTS, AdwBin)

CptClientPayments *cpt_client_payments_new      (void);
CptPaymentList    *cpt_client_payments_get_list (CptClientPayments *self);

G_END_DECLS

/* cpt-payments-page.h: the payments received, for every client or one. */
#pragma once

#include <adwaita.h>

#include "cpt-context.h"
#include "cpt-database.h"
#include "cpt-payment-list.h"

G_BEGIN_DECLS

#define CPT_TYPE_PAYMENTS_PAGE (cpt_payments_page_get_type ())
G_DECLARE_FINAL_TYPE (CptPaymentsPage, cpt_payments_page, CPT, PAYMENTS_PAGE, AdwNavigationPage)

CptPaymentsPage *cpt_payments_page_new      (CptContext  *context);
CptPaymentList  *cpt_payments_page_get_list (CptPaymentsPage *self);
/* Its filters, for tests. */
GtkSearchEntry  *cpt_payments_page_get_search_entry    (CptPaymentsPage *self);
GtkDropDown     *cpt_payments_page_get_period_dropdown (CptPaymentsPage *self);

G_END_DECLS

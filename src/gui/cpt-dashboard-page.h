/* cpt-dashboard-page.h: what is owed and what came in: open and overdue invoices, revenue
 * of the last twelve months, aging, the clients who owe the most. */
#pragma once

#include <adwaita.h>

#include "cpt-context.h"
#include "cpt-database.h"

G_BEGIN_DECLS

#define CPT_TYPE_DASHBOARD_PAGE (cpt_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (CptDashboardPage, cpt_dashboard_page, CPT, DASHBOARD_PAGE, AdwNavigationPage)

CptDashboardPage *cpt_dashboard_page_new (CptContext *context);
/* TRUE once the figures are shown (they are computed in a thread). */
gboolean          cpt_dashboard_page_is_loaded (CptDashboardPage *self);
/* What the tooltip of one of the page's charts says over x, or NULL between the bars. */
char             *cpt_dashboard_page_get_bar_text (CptDashboardPage *self,
                                                   GtkWidget        *chart,
                                                   double            x);

/* The labels under the revenue chart when it is `width` px wide (NULL before the figures). */
GStrv             cpt_dashboard_page_get_month_labels (CptDashboardPage *self,
                                                       int               width);

G_END_DECLS

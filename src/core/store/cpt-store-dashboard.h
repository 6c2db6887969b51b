/* cpt-store-dashboard.h: the store's unit for the figures of the payments dashboard, read
 * from indexed queries and from the summaries the schema keeps in the same transactions as
 * the documents and payments (open invoices per due date and per client, daily totals). The
 * rules (the period, the months shown, the aging buckets) stay in cpt-dashboard.c. */
#pragma once

#include "cpt-dashboard.h"

G_BEGIN_DECLS

/* Fills the figures of `out`, whose today, from and to are checked ISO dates, whose revenue
 * months are named and whose top_debtors and overdue arrays are made. `aging_limits` are
 * the first due dates of the 2nd, 3rd and 4th aging buckets, the 1st starting at today. */
gboolean  cpt_store_dashboard_read  (CptDatabase       *db,
                                     const char *const  aging_limits[3],
                                     CptDashboard      *out,
                                     GError           **error);

G_END_DECLS

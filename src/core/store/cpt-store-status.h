/* cpt-store-status.h: the store's side of derived statuses: the facts of one document, and the
 * SQL of lists, both written from the table of rules of cpt-status.h and one SQL reading of
 * each fact, so that a list and a document's page cannot disagree. */
#pragma once

#include "cpt-database.h"
#include "cpt-status.h"

G_BEGIN_DECLS

/* The facts of document `id` at `today` (a checked ISO date; NULL: today). With
 * `with_payments` FALSE the document is read without its receivable, its credited amount
 * taken from its validated credit notes (the lifecycle's view, cpt_lifecycle_status). */
gboolean  cpt_store_status_facts     (CptDatabase    *db,
                                      gint64          id,
                                      const char     *today,
                                      gboolean        with_payments,
                                      CptStatusFacts *out,
                                      GError        **error);

/* The status of row `d` (joined with `r`, its receivable, and `m`, its marks) as an SQL
 * expression. `today` is a checked ISO date, written into the SQL. */
char     *cpt_store_status_sql       (const char *today);

/* A condition on `d` alone that holds exactly when the row's status is one of `states`:
 * each state written as its rules say (cpt_store_status_sql () would be computed for every
 * row counted), receivable states answered by the receivables' table. With `for_walk`, each
 * row is tested as the sort order's index gives it: its receivable looked up by its key, and
 * no index of d offered for the facts on d ("+d.kind"), so that a page reads about as many
 * rows as it shows, whatever the filter. */
char     *cpt_store_status_condition (const char *const *states,
                                      const char        *today,
                                      gboolean           for_walk);

G_END_DECLS

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

/* A condition on `d` alone that holds exactly when the row's status is one of `states`, for
 * a list of documents of `kinds` (NULL: any; the rules of other kinds are left out):
 * each state written as its rules say (cpt_store_status_sql () would be computed for every
 * row counted), receivable states answered by the receivables' table. With `for_walk`, each
 * row is tested as the sort order's index gives it: its receivable looked up by its key, and
 * no index of d offered for the facts on d ("+d.kind"), so that a page reads about as many
 * rows as it shows, whatever the filter. */
char     *cpt_store_status_condition (const char *const *states,
                                      const char *const *kinds,
                                      const char        *today,
                                      gboolean           for_walk);

/* The condition of cpt_store_status_condition (states, kinds, today, FALSE) as terms that no row
 * meets twice (each is a rule of a state, and a row has one state): a count of the rows that
 * are in one of `states` is the sum of the counts of the terms, each answered by its own
 * index. A term is conditions on `d` (`outside`, "1" for none) and, when it needs the
 * receivable, conditions on `r` (`inside`, NULL otherwise). */
typedef struct
{
  char    *outside;
  char    *inside;
  gboolean open_only;   /* `inside` holds only for an open receivable (balance > 0) */
} CptStatusTerm;

void       cpt_status_term_free   (CptStatusTerm *term);
GPtrArray *cpt_store_status_terms (const char *const *states,
                                   const char *const *kinds,
                                   const char        *today);

G_END_DECLS

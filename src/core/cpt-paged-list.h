/* cpt-paged-list.h: a GListModel over an SQL query that reads its rows a page at a time.
 *
 * The model knows its length from a COUNT query and fetches the page that holds an asked
 * position with LIMIT/OFFSET over an index that matches the ORDER BY. A bounded number of
 * pages stay in memory, so a list over a million documents holds about a thousand rows.
 */
#pragma once

#include "cpt-database.h"

G_BEGIN_DECLS

#define CPT_TYPE_PAGED_LIST (cpt_paged_list_get_type ())
G_DECLARE_FINAL_TYPE (CptPagedList, cpt_paged_list, CPT, PAGED_LIST, GObject)

#define CPT_PAGED_LIST_PAGE_SIZE 64

/* Builds an item from the current row of `stmt` (columns as in the select). */
typedef GObject *(*CptPagedListRowFunc) (sqlite3_stmt *stmt);

/* `select_sql`: "SELECT ... FROM ... WHERE ... ORDER BY ..." without LIMIT; `count_sql` the
 * matching "SELECT count(*) ...". Both take the same parameters, given as GVariants (int64,
 * string, double) in `params` (may be NULL). */
CptPagedList *cpt_paged_list_new (CptDatabase         *db,
                                  GType                item_type,
                                  const char          *select_sql,
                                  const char          *count_sql,
                                  GPtrArray           *params,
                                  CptPagedListRowFunc  row_func);

/* Forgets the cached pages, counts again and emits items-changed (after a write). */
void          cpt_paged_list_reload        (CptPagedList *self);
/* How many rows were read from SQLite since the model was made (tests, benchmarks). */
guint64       cpt_paged_list_get_rows_fetched (CptPagedList *self);
/* The last SQLite error met while reading, if any (the model then shows fewer items). */
const GError *cpt_paged_list_get_error     (CptPagedList *self);

G_END_DECLS

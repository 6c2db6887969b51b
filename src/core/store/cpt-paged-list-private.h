/* cpt-paged-list-private.h: how the store makes a CptPagedList: the SQL of its rows and
 * the function that builds an item from a row. Only the store's list units use it. */
#pragma once

#include "cpt-store-database.h"
#include "cpt-paged-list.h"

#include <sqlite3.h>

G_BEGIN_DECLS

/* Builds an item from the current row of `stmt` (its first columns are `columns`). */
typedef GObject *(*CptPagedListRowFunc) (sqlite3_stmt *stmt);
/* Moves what `row` holds (read from the database) into `placeholder` (an item handed out
 * before its row was read) and has `placeholder` notify that it changed. */
typedef void (*CptPagedListFillFunc) (GObject *placeholder, GObject *row);

typedef struct
{
  const char        *columns;     /* "d.id, d.kind, ..., c.name" */
  const char        *from_where;  /* "FROM documents d JOIN ... WHERE ..." (a WHERE is required) */
  const char        *count_from_where; /* the same rows without the joins that only add
                                        * columns (NULL: from_where), for a cheap count */
  const char        *count_sql;   /* or a whole statement that gives their number (a summary
                                   * kept by triggers), with the same parameters; NULL: none */
  const char        *keys_from_where; /* the rows for finding the sort keys at a position,
                                        * joining only what the keys need (NULL: from_where) */
  /* Another way to read the same rows for when they are many: a list that counts at least
   * `dense_from` rows reads its pages from `dense_from_where` (and finds its keys in
   * `dense_keys_from_where`, NULL: dense_from_where). The count chooses, in the counting
   * thread, so that no query runs on the calling thread only to choose a plan. A full-text
   * search sorts few hits, but tests many row by row while walking the sort index. */
  const char        *dense_from_where;
  const char        *dense_keys_from_where;
  guint64            dense_from;      /* 0: one plan only */
  /* Rows of the list (NULL: none) that the dense plan's first page is read from first,
   * quickly: those among the first rows of the list's order without its costly condition,
   * each tested on its own. When they fill a page, no row of the list can come before
   * them, and that page is the list's first; otherwise the counting thread reads it from
   * `dense_from_where`. It may name `:cpt_count`, the list's count, to try only where the
   * rows are likely to fill a page. */
  const char        *dense_first_from_where;
  /* The keys of the row at an offset (parameter ?N, N = the number of the list's parameters
   * + 1) found without walking the rows before it (from a summary kept by triggers), for the
   * plan of `from_where`; NULL: a jump walks the rows (by OFFSET, then from positions taken
   * in a thread). */
  const char        *position_sql;
  const char        *dense_position_sql;  /* the same for the plan of `dense_from_where` */
  const char *const *keys;        /* sort keys, NULL-terminated; never NULL-valued (use
                                   * coalesce); together unique (end with the id) */
  const char *const *keys_walked; /* the same keys as `keys_from_where` names them, when it
                                   * reads them from another table (a copy of the same
                                   * values: NULL, `keys`) */
  gboolean           descending;  /* the same direction for every key */
  gboolean           count_in_thread; /* start empty, count and read the first page in a
                                   * thread with a connection of its own, then announce the
                                   * rows (items-changed); reloads go the same way, keeping
                                   * the old rows until then. Every other page is read in a
                                   * thread too: get_item returns a placeholder until then. For
                                   * windows, where neither a count over a million rows nor a
                                   * page far down may hold the main loop. The row function
                                   * must then be safe to call from a thread. */
  /* With count_in_thread: a statement (its rows ignored, without parameters) that the
   * list's reader runs once the list is counted, while nothing else is asked of it, so
   * that its connection keeps what the list's next query is likely to need (a status's
   * ids, before a search is typed: cpt-store-hits.h). Any read of the list stops it;
   * NULL: none. */
  const char        *warm_sql;
  CptPagedListFillFunc fill;      /* with count_in_thread: a page that arrives fills the
                                   * placeholders handed out for it in place, so that a view
                                   * keeps their rows' widgets (making them again for every
                                   * page costs a list view more than a frame); NULL: the page
                                   * is announced by items-changed */
} CptPagedQuery;

/* Parameters of `from_where` are GVariants (int64, string, double) in `params` (may be NULL). */
CptPagedList *cpt_paged_list_new (CptDatabase         *db,
                                  GType                item_type,
                                  const CptPagedQuery *query,
                                  GPtrArray           *params,
                                  CptPagedListRowFunc  row_func);

/* Makes the list read another query's rows (a filter or an order changed in a window's
 * list), as if it had been made with it, and counts again. With count_in_thread and
 * `fill`, the items handed out stay the same objects and are filled with the new rows
 * (a view keeps its widgets); only a change of length is told by items-changed. Same item
 * type, same count_in_thread. */
void          cpt_paged_list_set_query (CptPagedList        *self,
                                        const CptPagedQuery *query,
                                        GPtrArray           *params,
                                        CptPagedListRowFunc  row_func);

/* Which way the pages are read: 0 from `from_where`, 1 from `dense_from_where`. */
guint         cpt_paged_list_get_plan (CptPagedList *self);

/* Closes the reading connections to `path` that lists let go and that wait for the next
 * lists (cpt-paged-list.c): before the file is replaced, which takes it for itself alone. */
void cpt_paged_list_close_kept_connections (const char *path);

G_END_DECLS

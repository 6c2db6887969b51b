/* cpt-paged-list.h: a GListModel over an SQL query that reads its rows a page at a time.
 *
 * The model knows its length from a COUNT query and fetches only the page that holds an
 * asked position. A page next to one already read is found from that page's sort key
 * ("keyset" paging: WHERE (keys) < (last keys) LIMIT n), so scrolling in either direction
 * costs one index seek per page whatever the depth. A jump far away starts from the nearest
 * of the positions a thread takes at the first jump in a window's list (the sort keys of
 * every 512th row), so that it passes over a few hundred index entries, not all the rows
 * before it; until they are taken, and in lists read on the calling thread, it uses
 * OFFSET from the nearer end. A bounded number of pages stay in memory, so a list over a million
 * documents holds about a thousand rows.
 *
 * For windows (count_in_thread), nothing is read on the calling thread: the count and every
 * page are read in threads, an item not read yet is a placeholder (an empty item of the
 * list's type, cpt_paged_list_is_placeholder (), drawn as an empty row); when the page
 * arrives, items-changed announces it, or, for lists whose items can be filled (document
 * lists), the placeholders handed out become the rows read and notify. Only the last few pages asked for are
 * read, so dragging the scrollbar across the list reads where it stops, not every page on
 * the way.
 */
#pragma once

#include "cpt-database.h"

G_BEGIN_DECLS

#define CPT_TYPE_PAGED_LIST (cpt_paged_list_get_type ())
G_DECLARE_FINAL_TYPE (CptPagedList, cpt_paged_list, CPT, PAGED_LIST, GObject)

#define CPT_PAGED_LIST_PAGE_SIZE 64

/* TRUE while a count made in a thread has not come back yet (the list then has no row, or
 * the rows of before a reload). CptPagedList:counting tells when that changes. */
gboolean      cpt_paged_list_is_counting      (CptPagedList *self);
/* Whether the list's reader is gathering, once counted, what the list's next query is
 * likely to need (a status's documents, before a search is typed); any read of the list
 * stops it. CptPagedList:warming tells when that changes. */
gboolean      cpt_paged_list_is_warming       (CptPagedList *self);

/* Forgets the cached pages, counts again and emits items-changed (after a write); with
 * count_in_thread, when the thread is done. */
void          cpt_paged_list_reload           (CptPagedList *self);
/* TRUE for an item that stands for a row not read yet: show it empty, do not act on it. */
gboolean      cpt_paged_list_is_placeholder   (gpointer      item);
/* How many rows were read from SQLite since the model was made (tests, benchmarks). */
guint64       cpt_paged_list_get_rows_fetched (CptPagedList *self);
/* How much work the reads took (on the calling thread, and for count_in_thread in the page
 * threads too): SQLite's virtual machine steps,
 * which grow with the rows an index walk passes over, not only those returned (tests,
 * benchmarks: a page that walks the whole table shows here). */
guint64       cpt_paged_list_get_steps        (CptPagedList *self);
/* Whether the positions of a window's list are taken (jumps are then cheap anywhere), and
 * whether a thread is taking them (tests, benchmarks). */
gboolean      cpt_paged_list_has_positions    (CptPagedList *self);
gboolean      cpt_paged_list_is_positioning   (CptPagedList *self);
/* Whether pages are being read in threads (each read holds the list until it is back). */
gboolean      cpt_paged_list_is_reading       (CptPagedList *self);
/* The last SQLite error met while reading, if any (the model then shows fewer items). */
const GError *cpt_paged_list_get_error        (CptPagedList *self);

G_END_DECLS

/* cpt-list-page-utils.h: what the pages of lists share: reading the list again when the
 * data it shows changes, its columns of text, and a selection that starts empty. */
#pragma once

#include <adwaita.h>

#include "cpt-context.h"
#include "cpt-paged-list.h"

G_BEGIN_DECLS

typedef void (*CptListPageReloadFunc) (gpointer page);

/* Calls `reload (page)` when `context` says (CptContext::changed) a change in `what`
 * (CptChange flags): at once while `page` is mapped, else once when it is next mapped, so
 * that the pages one does not look at do not query the database for nothing. One call a
 * page. */
void                 cpt_list_page_reload_on_change (GtkWidget             *page,
                                                     CptContext            *context,
                                                     guint                  what,
                                                     CptListPageReloadFunc  reload);

/* A column of text, in a static table of the page. */
typedef struct
{
  const char *id;
  const char *title;        /* marked with N_(): translated when the column is made */
  gboolean    expand;
  gboolean    numeric;      /* figures: right-aligned, their title too */
  int         fixed_width;  /* pixels; 0 or less: as wide as the text wants */
  int         nat_chars;    /* the width the text asks for, in characters */
} CptListColumn;

/* Appends to `view` a resizable column of ellipsized text cells (CptTextCell) as
 * `column` says; `bind` is the "bind" handler of its GtkSignalListItemFactory, called with
 * `bind_data`, that sets the text of the cell. `column` must outlive the view. Returns the
 * column, owned by the view. */
GtkColumnViewColumn *cpt_list_page_append_column    (GtkColumnView         *view,
                                                     const CptListColumn   *column,
                                                     GCallback              bind,
                                                     gpointer               bind_data);

/* Shows `model` in `view` with no row selected: a list opens on nothing chosen. Its items
 * reach the view a screenful first, then a few a frame (cpt-row-pacer.h). */
void                 cpt_list_page_set_model        (GtkColumnView         *view,
                                                     GListModel            *model);

/* What a page shows in place of its list when the list has no row. */
typedef struct
{
  const char *icon_name;
  const char *title;        /* marked with N_(), as the two below */
  const char *description;  /* what to do to fill the list */
  const char *no_match;     /* while searching */
} CptListEmptyState;

/* Shows the "list" child of `stack`, or its "empty" one, `empty_page`, when there are no
 * rows: "No Results" while searching, else `empty`. */
void                 cpt_list_page_show_rows        (GtkStack                *stack,
                                                     AdwStatusPage           *empty_page,
                                                     guint                    n_rows,
                                                     gboolean                 searching,
                                                     const CptListEmptyState *empty);
/* When `list` could not be read: shows why in `stack` (its page "error", made then, with
 * Retry) and returns TRUE; otherwise FALSE and the stack is left as it is. */
gboolean             cpt_list_page_show_error       (GtkStack                *stack,
                                                     CptPagedList            *list);

/* A list shown while the next one (a new search, another choice) is counted and read in a
 * thread: the next one takes its place once its count and first page are in, so that the
 * rows shown never give way to an empty list meanwhile (typing does not blank the list at
 * each key). Kept in the page's instance; `changed (page)` is called whenever what it
 * shows may have changed: its rows, its counting, the list shown. */
typedef struct
{
  CptPagedList  *shown;     /* NULL until the first list is in */
  CptPagedList  *next;      /* being counted, or NULL */
  GtkColumnView *view;
  GCallback      changed;
  gpointer       page;
} CptListSwap;

void                 cpt_list_swap_init             (CptListSwap             *swap,
                                                     GtkColumnView           *view,
                                                     GCallback                changed,
                                                     gpointer                 page);
/* Takes `next`, shown once counted (a list still counting is dropped for it). */
void                 cpt_list_swap_set_next         (CptListSwap             *swap,
                                                     CptPagedList            *next);
/* After a change: the list being counted, if any (the change may have come after its
 * count), else the one shown, read again in place. */
void                 cpt_list_swap_refresh          (CptListSwap             *swap);
/* Whether what is shown may not be all there is yet: no list yet, or one being counted. */
gboolean             cpt_list_swap_is_counting      (CptListSwap             *swap);
void                 cpt_list_swap_clear            (CptListSwap             *swap);

/* The periods of the lists' filters, in the order of their drop-downs ("All Dates", "This
 * Month", "Last Month", "This Quarter", "This Year", "Last Year"). */
typedef enum
{
  CPT_LIST_PERIOD_ALL,
  CPT_LIST_PERIOD_THIS_MONTH,
  CPT_LIST_PERIOD_LAST_MONTH,
  CPT_LIST_PERIOD_THIS_QUARTER,
  CPT_LIST_PERIOD_THIS_YEAR,
  CPT_LIST_PERIOD_LAST_YEAR,
} CptListPeriod;

/* The first and last days (ISO) of `period` around today; both NULL for all dates. */
void                 cpt_list_page_period_dates     (guint                    period,
                                                     char                   **out_from,
                                                     char                   **out_to);

G_END_DECLS

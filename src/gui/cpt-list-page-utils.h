/* cpt-list-page-utils.h: what the pages of lists share: reading the list again when the
 * data it shows changes, its columns of text, and a selection that starts empty. */
#pragma once

#include <adwaita.h>

#include "cpt-context.h"

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

/* Appends to `view` a resizable column of ellipsized text cells (GtkInscription) as
 * `column` says; `bind` is the "bind" handler of its GtkSignalListItemFactory, called with
 * `bind_data`, that sets the text of the cell. `column` must outlive the view. Returns the
 * column, owned by the view. */
GtkColumnViewColumn *cpt_list_page_append_column    (GtkColumnView         *view,
                                                     const CptListColumn   *column,
                                                     GCallback              bind,
                                                     gpointer               bind_data);

/* Shows `model` in `view` with no row selected: a list opens on nothing chosen. */
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

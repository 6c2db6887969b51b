/* cpt-list-page-utils.c: what the pages of lists share. */
#define G_LOG_DOMAIN "cpt-list-page-utils"

#include <glib/gi18n.h>

#include "cpt-dates.h"
#include "cpt-text-cell.h"
#include "cpt-gui-utils.h"
#include "cpt-list-error-page.h"
#include "cpt-list-page-utils.h"
#include "cpt-row-pacer.h"

#define RELOADER_KEY "cpt-list-page-reloader"

typedef struct
{
  guint                 what;
  CptListPageReloadFunc reload;
  gboolean              stale;
} Reloader;

static void
on_data_changed (GtkWidget *page,
                 guint      what)
{
  Reloader *reloader = g_object_get_data (G_OBJECT (page), RELOADER_KEY);

  if (reloader == NULL || !(what & reloader->what))
    return;
  if (gtk_widget_get_mapped (page))
    reloader->reload (page);
  else
    reloader->stale = TRUE;
}

/* "map" runs the class handler first: the page and its children are mapped by now, as
 * after chaining up in a map vfunc. */
static void
on_map (GtkWidget *page)
{
  Reloader *reloader = g_object_get_data (G_OBJECT (page), RELOADER_KEY);

  if (reloader == NULL || !reloader->stale)
    return;
  reloader->stale = FALSE;
  reloader->reload (page);
}

void
cpt_list_page_reload_on_change (GtkWidget             *page,
                                CptContext            *context,
                                guint                  what,
                                CptListPageReloadFunc  reload)
{
  Reloader *reloader;

  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (reload != NULL);
  g_return_if_fail (g_object_get_data (G_OBJECT (page), RELOADER_KEY) == NULL);

  reloader = g_new0 (Reloader, 1);
  reloader->what = what;
  reloader->reload = reload;
  g_object_set_data_full (G_OBJECT (page), RELOADER_KEY, reloader, g_free);
  g_signal_connect (page, "map", G_CALLBACK (on_map), NULL);
  g_signal_connect_object (context, "changed", G_CALLBACK (on_data_changed), page, G_CONNECT_SWAPPED);
}

static void
setup_text_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  const CptListColumn *column = user_data;
  GtkWidget *cell = cpt_text_cell_new ();

  cpt_text_cell_set_chars (CPT_TEXT_CELL (cell), 3, column->nat_chars);
  if (column->numeric)
    {
      cpt_text_cell_set_xalign (CPT_TEXT_CELL (cell), 1.0);
      gtk_widget_add_css_class (cell, "numeric");
    }
  gtk_list_item_set_child (item, cell);
}

/* A row still being read in a thread has no item and GTK binds nothing then: what a
 * recycled cell showed goes when it lets go of its last item. */
static void
unbind_text_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  cpt_text_cell_set_text (CPT_TEXT_CELL (gtk_list_item_get_child (item)), "");
}

GtkColumnViewColumn *
cpt_list_page_append_column (GtkColumnView       *view,
                             const CptListColumn *column,
                             GCallback            bind,
                             gpointer             bind_data)
{
  GtkListItemFactory *factory;
  GtkColumnViewColumn *view_column;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);
  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (bind != NULL, NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_text_cell), (gpointer) column);
  g_signal_connect (factory, "bind", bind, bind_data);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_text_cell), NULL);
  view_column = gtk_column_view_column_new (_(column->title), factory);
  gtk_column_view_column_set_id (view_column, column->id);
  gtk_column_view_column_set_expand (view_column, column->expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  if (column->fixed_width > 0)
    gtk_column_view_column_set_fixed_width (view_column, column->fixed_width);
  /* For cpt_column_view_align_titles_end (). */
  if (column->numeric)
    g_object_set_data (G_OBJECT (view_column), "cpt-numeric", GINT_TO_POINTER (1));
  gtk_column_view_append_column (view, view_column);
  g_object_unref (view_column);
  return view_column;
}

void
cpt_list_page_set_model (GtkColumnView *view,
                         GListModel    *model)
{
  g_autoptr(GtkSingleSelection) selection = NULL;
  CptRowPacer *pacer;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (G_IS_LIST_MODEL (model));

  /* A screenful of rows for the first frame, the others a few a frame (cpt-row-pacer.h);
   * the pacer of the model shown before, if any, stops. */
  pacer = cpt_row_pacer_new (model, GTK_WIDGET (view));
  g_object_set_data_full (G_OBJECT (view), "cpt-row-pacer", pacer, g_object_unref);
  selection = gtk_single_selection_new (g_object_ref (cpt_row_pacer_get_model (pacer)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
}

void
cpt_list_page_show_rows (GtkStack                *stack,
                         AdwStatusPage           *empty_page,
                         guint                    n_rows,
                         gboolean                 searching,
                         const CptListEmptyState *empty)
{
  g_return_if_fail (GTK_IS_STACK (stack));
  g_return_if_fail (ADW_IS_STATUS_PAGE (empty_page));
  g_return_if_fail (empty != NULL);

  gtk_stack_set_visible_child_name (stack, n_rows > 0 ? "list" : "empty");
  if (searching)
    {
      adw_status_page_set_icon_name (empty_page, "edit-find-symbolic");
      adw_status_page_set_title (empty_page, _("No Results"));
      adw_status_page_set_description (empty_page, _(empty->no_match));
    }
  else
    {
      adw_status_page_set_icon_name (empty_page, empty->icon_name);
      adw_status_page_set_title (empty_page, _(empty->title));
      adw_status_page_set_description (empty_page, _(empty->description));
    }
}

gboolean
cpt_list_page_show_error (GtkStack     *stack,
                          CptPagedList *list)
{
  GtkWidget *page;

  g_return_val_if_fail (GTK_IS_STACK (stack), FALSE);
  g_return_val_if_fail (list == NULL || CPT_IS_PAGED_LIST (list), FALSE);

  if (list == NULL || cpt_paged_list_get_error (list) == NULL)
    return FALSE;
  /* Made at the first error: most windows never need it. */
  page = gtk_stack_get_child_by_name (stack, "error");
  if (page == NULL)
    {
      page = cpt_list_error_page_new ();
      gtk_stack_add_named (stack, page, "error");
    }
  cpt_list_error_page_set_list (CPT_LIST_ERROR_PAGE (page), list);
  gtk_stack_set_visible_child (stack, page);
  return TRUE;
}

void
cpt_list_page_period_dates (guint   period,
                            char  **out_from,
                            char  **out_to)
{
  g_autofree char *today = cpt_date_today ();
  GDate date, from, to;
  guint year, month, quarter_month;

  *out_from = NULL;
  *out_to = NULL;
  if (period == CPT_LIST_PERIOD_ALL || !cpt_date_parse (today, &date))
    return;
  year = g_date_get_year (&date);
  month = g_date_get_month (&date);
  switch (period)
    {
    case CPT_LIST_PERIOD_THIS_MONTH:
      g_date_set_dmy (&from, 1, month, year);
      g_date_set_dmy (&to, g_date_get_days_in_month (month, year), month, year);
      break;

    case CPT_LIST_PERIOD_LAST_MONTH:
      if (month == 1)
        {
          month = 12;
          year--;
        }
      else
        month--;
      g_date_set_dmy (&from, 1, month, year);
      g_date_set_dmy (&to, g_date_get_days_in_month (month, year), month, year);
      break;

    case CPT_LIST_PERIOD_THIS_QUARTER:
      quarter_month = ((month - 1) / 3) * 3 + 1;
      g_date_set_dmy (&from, 1, quarter_month, year);
      g_date_set_dmy (&to, g_date_get_days_in_month (quarter_month + 2, year), quarter_month + 2, year);
      break;

    case CPT_LIST_PERIOD_THIS_YEAR:
      g_date_set_dmy (&from, 1, 1, year);
      g_date_set_dmy (&to, 31, 12, year);
      break;

    case CPT_LIST_PERIOD_LAST_YEAR:
    default:
      g_date_set_dmy (&from, 1, 1, year - 1);
      g_date_set_dmy (&to, 31, 12, year - 1);
      break;
    }
  *out_from = cpt_date_to_iso (&from);
  *out_to = cpt_date_to_iso (&to);
}

/* ---------------------------------------------------------------- a list and the next one */

void
cpt_list_swap_init (CptListSwap   *swap,
                    GtkColumnView *view,
                    GCallback      changed,
                    gpointer       page)
{
  *swap = (CptListSwap) { .view = view, .changed = changed, .page = page };
}

static void
swap_changed (CptListSwap *swap)
{
  ((void (*) (gpointer)) swap->changed) (swap->page);
}

static void
on_next_counted (CptListSwap *swap)
{
  if (swap->next == NULL || cpt_paged_list_is_counting (swap->next))
    return;
  g_signal_handlers_disconnect_by_func (swap->next, on_next_counted, swap);
  if (swap->shown != NULL)
    g_signal_handlers_disconnect_by_func (swap->shown, swap->changed, swap->page);
  g_clear_object (&swap->shown);
  swap->shown = g_steal_pointer (&swap->next);
  /* A refresh later keeps the rows until its count is in, then changes them in one go. */
  g_signal_connect_object (swap->shown, "items-changed", swap->changed, swap->page, G_CONNECT_SWAPPED);
  g_signal_connect_object (swap->shown, "notify::counting", swap->changed, swap->page, G_CONNECT_SWAPPED);
  g_signal_connect_object (swap->shown, "notify::error", swap->changed, swap->page, G_CONNECT_SWAPPED);
  cpt_list_page_set_model (swap->view, G_LIST_MODEL (swap->shown));
  swap_changed (swap);
}

static void
drop_next (CptListSwap *swap)
{
  if (swap->next != NULL)
    g_signal_handlers_disconnect_by_func (swap->next, on_next_counted, swap);
  g_clear_object (&swap->next);
}

void
cpt_list_swap_set_next (CptListSwap  *swap,
                        CptPagedList *next)
{
  g_return_if_fail (CPT_IS_PAGED_LIST (next));

  drop_next (swap);
  swap->next = next;
  g_signal_connect_swapped (swap->next, "notify::counting", G_CALLBACK (on_next_counted), swap);
  swap_changed (swap);
}

void
cpt_list_swap_refresh (CptListSwap *swap)
{
  if (swap->next != NULL)
    cpt_paged_list_reload (swap->next);
  else if (swap->shown != NULL)
    cpt_paged_list_reload (swap->shown);
}

gboolean
cpt_list_swap_is_counting (CptListSwap *swap)
{
  return swap->shown == NULL || swap->next != NULL || cpt_paged_list_is_counting (swap->shown);
}

void
cpt_list_swap_clear (CptListSwap *swap)
{
  drop_next (swap);
  if (swap->shown != NULL)
    g_signal_handlers_disconnect_by_func (swap->shown, swap->changed, swap->page);
  g_clear_object (&swap->shown);
}

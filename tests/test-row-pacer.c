/* test-row-pacer.c: a list view given a long model through CptRowPacer makes a screenful of
 * rows before its first frame, not the 200 GTK makes at once, and then shows every item.
 * A real window under the virtual display. */
#include <adwaita.h>

#include "cpt-row-pacer.h"

#define N_ITEMS 1000
/* What GTK makes at once for a long model (GTK_LIST_VIEW_MAX_LIST_ITEMS). */
#define GTK_ROWS 200
#define WINDOW_HEIGHT 600

typedef struct
{
  guint rows_made;       /* "setup" calls */
  guint made_at_first_frame;
  gboolean painted;
} Counts;

static void
on_setup (GtkSignalListItemFactory *factory, GtkListItem *item, Counts *counts)
{
  counts->rows_made++;
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
on_bind (GtkSignalListItemFactory *factory, GtkListItem *item, Counts *counts)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static void
on_after_paint (GdkFrameClock *clock, Counts *counts)
{
  if (!counts->painted)
    counts->made_at_first_frame = counts->rows_made;
  counts->painted = TRUE;
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Turns the main loop until `*flag` or until `n_items` items show in `model`, at most 10 s. */
static gboolean
wait_for (gboolean *flag, GListModel *model, guint n_items)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, on_timeout, &timed_out);

  while (!timed_out && (flag != NULL ? !*flag : g_list_model_get_n_items (model) != n_items))
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

static GtkStringList *
numbers (guint n)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("Item %u", i);

      gtk_string_list_append (list, text);
    }
  return list;
}

static void
test_first_frame_makes_a_screenful (void)
{
  g_autoptr(GtkStringList) model = numbers (N_ITEMS);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_list_view_new (NULL, factory);
  g_autoptr(CptRowPacer) pacer = NULL;
  GListModel *shown;
  Counts counts = { 0 };
  guint before, screenful;

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup), &counts);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind), &counts);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, WINDOW_HEIGHT);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_realize (window);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint),
                    &counts);
  g_assert_true (wait_for (&counts.painted, NULL, 0));
  /* A screenful of the pacer's lowest rows (20 px) in the window's height. */
  screenful = gtk_widget_get_height (window) / 20 + 1;

  /* The model arrives once the window is up (as a list counted in a thread does). */
  counts.painted = FALSE;
  pacer = cpt_row_pacer_new (G_LIST_MODEL (model), view);
  shown = cpt_row_pacer_get_model (pacer);
  g_assert_true (cpt_row_pacer_get_source (pacer) == G_LIST_MODEL (model));
  gtk_list_view_set_model (GTK_LIST_VIEW (view),
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (shown))));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, screenful);
  g_assert_true (wait_for (&counts.painted, NULL, 0));
  g_test_message ("rows made by the first frame: %u", counts.made_at_first_frame);
  g_assert_cmpuint (counts.made_at_first_frame, >=, WINDOW_HEIGHT / 40);
  g_assert_cmpuint (counts.made_at_first_frame, <=, screenful + 4);

  /* Then the rest, a few a frame: every item, and the last one can be shown. */
  g_assert_true (wait_for (NULL, shown, N_ITEMS));
  g_assert_cmpuint (counts.rows_made, >=, GTK_ROWS - 10);
  g_assert_cmpuint (counts.rows_made, <=, GTK_ROWS + 10);
  gtk_list_view_scroll_to (GTK_LIST_VIEW (view), N_ITEMS - 1, GTK_LIST_SCROLL_NONE, NULL);

  /* A search that finds nothing drops the rows; the items it finds next are paced again. */
  gtk_string_list_splice (model, 0, N_ITEMS, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  before = counts.rows_made;
  {
    g_autoptr(GtkStringList) again = numbers (N_ITEMS);
    g_autoptr(GPtrArray) texts = g_ptr_array_new ();

    for (guint i = 0; i < N_ITEMS; i++)
      g_ptr_array_add (texts, (gpointer) gtk_string_list_get_string (again, i));
    g_ptr_array_add (texts, NULL);
    gtk_string_list_splice (model, 0, 0, (const char *const *) texts->pdata);
  }
  g_test_message ("rows made when the items came back: %u", counts.rows_made - before);
  g_assert_cmpuint (counts.rows_made - before, <=, screenful + 4);
  g_assert_true (wait_for (NULL, shown, N_ITEMS));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_setup_hidden (GtkSignalListItemFactory *factory, GtkListItem *item, guint *made)
{
  (*made)++;
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

/* A page made before its window shows it, as the window's first page is: its list makes no
 * row before its first layout, then as many as its own height shows, with cells for the
 * columns its breakpoints leave, all in the first frame. */
static void
test_rows_wait_for_the_view_size (void)
{
  g_autoptr(GtkStringList) model = numbers (N_ITEMS);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkListItemFactory *hidden_factory = gtk_signal_list_item_factory_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *above = gtk_label_new ("Above the list");
  GtkWidget *bin = adw_breakpoint_bin_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkColumnView *view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  GtkColumnViewColumn *shown_column = gtk_column_view_column_new ("Shown", factory);
  GtkColumnViewColumn *hidden_column = gtk_column_view_column_new ("Hidden when narrow", hidden_factory);
  AdwBreakpoint *narrow = adw_breakpoint_new (adw_breakpoint_condition_parse ("max-width: 500px"));
  g_autoptr(CptRowPacer) pacer = NULL;
  GListModel *shown;
  Counts counts = { 0 };
  guint hidden_made = 0, screenful;

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup), &counts);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind), &counts);
  g_signal_connect (hidden_factory, "setup", G_CALLBACK (on_setup_hidden), &hidden_made);
  gtk_column_view_append_column (view, shown_column);
  gtk_column_view_append_column (view, hidden_column);
  adw_breakpoint_add_setters (narrow, G_OBJECT (hidden_column), "visible", FALSE, NULL);
  adw_breakpoint_bin_add_breakpoint (ADW_BREAKPOINT_BIN (bin), narrow);
  gtk_widget_set_size_request (bin, 300, 200);
  gtk_widget_set_size_request (above, -1, 200);
  gtk_widget_set_vexpand (bin, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (view));
  adw_breakpoint_bin_set_child (ADW_BREAKPOINT_BIN (bin), scroller);
  gtk_box_append (GTK_BOX (box), above);
  gtk_box_append (GTK_BOX (box), bin);

  /* The list and its items before the window shows it. */
  pacer = cpt_row_pacer_new (G_LIST_MODEL (model), GTK_WIDGET (view));
  shown = cpt_row_pacer_get_model (pacer);
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (shown))));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, WINDOW_HEIGHT);
  gtk_widget_realize (window);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint),
                    &counts);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (&counts.painted, NULL, 0));

  /* The view is what is left under the 200 pixels above it. */
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (view)), <=, WINDOW_HEIGHT - 200);
  screenful = gtk_widget_get_height (GTK_WIDGET (view)) / 20 + 1;
  g_test_message ("rows made by the first frame: %u, for a view %d pixels high",
                  counts.made_at_first_frame, gtk_widget_get_height (GTK_WIDGET (view)));
  g_assert_cmpuint (counts.made_at_first_frame, >=, (WINDOW_HEIGHT - 200) / 40);
  g_assert_cmpuint (counts.made_at_first_frame, <=, screenful);
  g_assert_false (gtk_column_view_column_get_visible (hidden_column));
  g_assert_cmpuint (hidden_made, ==, 0);

  /* Then every item. */
  g_assert_true (wait_for (NULL, shown, N_ITEMS));
  g_assert_cmpuint (hidden_made, ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (shown_column);
  g_object_unref (hidden_column);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/row-pacer/rows-wait-for-the-view-size", test_rows_wait_for_the_view_size);
  g_test_add_func ("/row-pacer/first-frame-makes-a-screenful", test_first_frame_makes_a_screenful);
  return g_test_run ();
}

/* test-text-cell.c: the text cell of lists (src/gui/cpt-text-cell.h) lays out nothing before
 * it has a parent, takes its size from characters and lines rather than from its text, and
 * gives screen readers its text. A real window under the virtual display. */
#include <gtk/gtk.h>

#include "cpt-text-cell.h"

/* Where GTK keeps a widget's Pango context once it has made it (gtkwidget.c): made with the
 * style the widget has at that moment. */
#define PANGO_CONTEXT_KEY "gtk-pango-context"

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_after_paint (GdkFrameClock *clock, gboolean *painted)
{
  *painted = TRUE;
}

/* Shows `child` in a window and turns the main loop until its first frame is painted. */
static GtkWidget *
show_in_window (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();
  gboolean painted = FALSE, timed_out = FALSE;
  guint timeout;
  gulong id;

  gtk_window_set_default_size (GTK_WINDOW (window), 600, 200);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_frame_clock (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  id = g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), &painted);
  timeout = g_timeout_add_seconds (10, on_timeout, &timed_out);
  while (!painted && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (window), id);
  return window;
}

static void
test_lays_out_once_placed (void)
{
  GtkWidget *inscription = g_object_ref_sink (gtk_inscription_new ("FA-2026-0001"));
  GtkWidget *cell = cpt_text_cell_new ();
  GtkWidget *window;

  /* What the cell avoids, and what this test could not see if GTK kept it elsewhere: an
   * inscription has worked out its style and made its Pango context as it was made. */
  g_assert_nonnull (g_object_get_data (G_OBJECT (inscription), PANGO_CONTEXT_KEY));
  cpt_text_cell_set_text (CPT_TEXT_CELL (cell), "FA-2026-0001");
  cpt_text_cell_set_chars (CPT_TEXT_CELL (cell), 4, 10);
  cpt_text_cell_set_xalign (CPT_TEXT_CELL (cell), 1.0);
  gtk_widget_add_css_class (cell, "numeric");
  g_assert_null (g_object_get_data (G_OBJECT (cell), PANGO_CONTEXT_KEY));
  window = show_in_window (cell);
  g_assert_nonnull (g_object_get_data (G_OBJECT (cell), PANGO_CONTEXT_KEY));
  g_assert_cmpstr (cpt_text_cell_get_text (CPT_TEXT_CELL (cell)), ==, "FA-2026-0001");
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (inscription);
}

static void
measure (GtkWidget *cell, GtkOrientation orientation, int *minimum, int *natural)
{
  gtk_widget_measure (cell, orientation, -1, minimum, natural, NULL, NULL);
}

static void
test_size_from_characters (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *cell = cpt_text_cell_new ();
  GtkWidget *window;
  int min_short, nat_short, min_long, nat_long, one_line, two_lines, unused;

  cpt_text_cell_set_chars (CPT_TEXT_CELL (cell), 4, 10);
  gtk_box_append (GTK_BOX (box), cell);
  window = show_in_window (box);

  cpt_text_cell_set_text (CPT_TEXT_CELL (cell), "x");
  measure (cell, GTK_ORIENTATION_HORIZONTAL, &min_short, &nat_short);
  cpt_text_cell_set_text (CPT_TEXT_CELL (cell), "Fromagerie Leclerc et fils, route de la gare");
  measure (cell, GTK_ORIENTATION_HORIZONTAL, &min_long, &nat_long);
  /* A column keeps its width whatever text its rows bring. */
  g_assert_cmpint (min_short, ==, min_long);
  g_assert_cmpint (nat_short, ==, nat_long);
  g_assert_cmpint (min_short, >, 0);
  /* ten characters asked for against four, to the pixel rounding up */
  g_assert_cmpint (nat_short * 4, >=, min_short * 10 - 40);
  g_assert_cmpint (nat_short * 4, <=, min_short * 10 + 40);

  measure (cell, GTK_ORIENTATION_VERTICAL, &one_line, &unused);
  cpt_text_cell_set_lines (CPT_TEXT_CELL (cell), 2);
  measure (cell, GTK_ORIENTATION_VERTICAL, &two_lines, &unused);
  g_assert_cmpint (one_line, >, 0);
  g_assert_cmpint (two_lines, >=, 2 * one_line - 1);
  g_assert_cmpint (two_lines, <=, 2 * one_line + 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static char *
contents (GtkWidget *cell, guint start, guint end)
{
  GtkAccessibleTextInterface *iface = g_type_interface_peek (G_OBJECT_GET_CLASS (cell), GTK_TYPE_ACCESSIBLE_TEXT);
  g_autoptr(GBytes) bytes = iface->get_contents (GTK_ACCESSIBLE_TEXT (cell), start, end);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  /* read as a string by GTK's AT-SPI bridge */
  g_assert_cmpuint (size, >, 0);
  g_assert_cmpint (data[size - 1], ==, '\0');
  return g_strdup (data);
}

static char *
contents_at (GtkWidget *cell, guint offset, GtkAccessibleTextGranularity granularity, guint *start, guint *end)
{
  GtkAccessibleTextInterface *iface = g_type_interface_peek (G_OBJECT_GET_CLASS (cell), GTK_TYPE_ACCESSIBLE_TEXT);
  g_autoptr(GBytes) bytes = iface->get_contents_at (GTK_ACCESSIBLE_TEXT (cell), offset, granularity, start, end);

  return g_strdup (g_bytes_get_data (bytes, NULL));
}

static void
test_screen_readers (void)
{
  GtkWidget *cell = g_object_ref_sink (cpt_text_cell_new ());
  g_autofree char *whole = NULL, *part = NULL, *empty = NULL, *word = NULL, *line = NULL, *letter = NULL;
  guint start, end;

  empty = contents (cell, 0, G_MAXUINT);
  g_assert_cmpstr (empty, ==, "");
  /* Markup is shown, not read: the narrow list's number over the client's name. */
  cpt_text_cell_set_markup (CPT_TEXT_CELL (cell), "FA-2026-0001\n<span size=\"small\">Crêperie &amp; Fils</span>");
  g_assert_cmpstr (cpt_text_cell_get_text (CPT_TEXT_CELL (cell)), ==, "FA-2026-0001\nCrêperie & Fils");
  whole = contents (cell, 0, G_MAXUINT);
  g_assert_cmpstr (whole, ==, "FA-2026-0001\nCrêperie & Fils");
  /* offsets count characters, not bytes ("ê" is two) */
  part = contents (cell, 13, 21);
  g_assert_cmpstr (part, ==, "Crêperie");
  word = contents_at (cell, 17, GTK_ACCESSIBLE_TEXT_GRANULARITY_WORD, &start, &end);
  g_assert_cmpstr (word, ==, "Crêperie");
  g_assert_cmpuint (start, ==, 13);
  g_assert_cmpuint (end, ==, 21);
  line = contents_at (cell, 3, GTK_ACCESSIBLE_TEXT_GRANULARITY_LINE, &start, &end);
  g_assert_cmpstr (line, ==, "FA-2026-0001");
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (end, ==, 12);
  letter = contents_at (cell, 15, GTK_ACCESSIBLE_TEXT_GRANULARITY_CHARACTER, &start, &end);
  g_assert_cmpstr (letter, ==, "ê");
  /* Text that is not markup is shown as it is. */
  cpt_text_cell_set_markup (CPT_TEXT_CELL (cell), "<b>unclosed");
  g_assert_cmpstr (cpt_text_cell_get_text (CPT_TEXT_CELL (cell)), ==, "<b>unclosed");
  cpt_text_cell_set_text (CPT_TEXT_CELL (cell), NULL);
  g_assert_cmpstr (cpt_text_cell_get_text (CPT_TEXT_CELL (cell)), ==, "");
  g_object_unref (cell);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text-cell/lays-out-once-placed", test_lays_out_once_placed);
  g_test_add_func ("/text-cell/size-from-characters", test_size_from_characters);
  g_test_add_func ("/text-cell/screen-readers", test_screen_readers);
  return g_test_run ();
}

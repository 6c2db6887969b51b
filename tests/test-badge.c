/* test-badge.c: the status badge of lists (src/gui/cpt-badge.h) takes the size a GtkLabel
 * badge took (the widget it replaced), in each font it is shown in, breaks a long status
 * over its lines where it is narrow, shows one status's colours at a time, and gives
 * screen readers its text. A real window under the virtual display. */
#include <gtk/gtk.h>

#include "cpt-badge.h"

/* What style.css asks of badges, where their size comes from; `.big` is another font. */
static const char *const style =
  ".badge { padding: 1px 8px; font-size: smaller; font-weight: bold; }\n"
  ".big .badge { font-size: 20px; }\n";

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

/* Turns the main loop until the window's next frame is painted. */
static void
wait_for_frame (GtkWidget *window)
{
  gboolean painted = FALSE, timed_out = FALSE;
  guint timeout;
  gulong id;

  gtk_widget_queue_draw (window);
  id = g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), &painted);
  timeout = g_timeout_add_seconds (10, on_timeout, &timed_out);
  while (!painted && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (window), id);
}

/* Shows `child` in a window and turns the main loop until its first frame is painted. */
static GtkWidget *
show_in_window (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 600, 200);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_frame_clock (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  wait_for_frame (window);
  return window;
}

/* The badge it replaced: a label with the badge's classes. */
static GtkWidget *
label_badge (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "badge");
  gtk_widget_add_css_class (label, css_class);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  return label;
}

static void
assert_same_size (GtkWidget *badge, GtkWidget *label, int for_width)
{
  int badge_min, badge_nat, label_min, label_nat;

  gtk_widget_measure (badge, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &badge_nat, NULL, NULL);
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &label_nat, NULL, NULL);
  g_assert_cmpint (badge_nat, ==, label_nat);
  gtk_widget_measure (badge, GTK_ORIENTATION_VERTICAL, for_width, &badge_min, &badge_nat, NULL, NULL);
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, for_width, &label_min, &label_nat, NULL, NULL);
  g_assert_cmpint (badge_nat, ==, label_nat);
  g_assert_cmpint (badge_min, ==, label_min);
}

static void
test_sized_as_a_label (void)
{
  static const struct { const char *state, *text, *css_class; } statuses[] = {
    { "paid", "Paid", "paid" },
    { "overdue", "Overdue", "overdue" },
    { "awaiting_payment", "Awaiting payment", "awaiting" },
    { "draft", "Draft", "draft" },
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *big = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *badges[G_N_ELEMENTS (statuses)][2], *labels[G_N_ELEMENTS (statuses)][2];
  GtkWidget *window;
  int normal, larger;

  gtk_widget_add_css_class (big, "big");
  gtk_box_append (GTK_BOX (box), big);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    for (guint b = 0; b < 2; b++)
      {
        badges[i][b] = cpt_badge_new ();
        cpt_badge_set_state (CPT_BADGE (badges[i][b]), statuses[i].state);
        g_assert_cmpstr (cpt_badge_get_text (CPT_BADGE (badges[i][b])), ==, statuses[i].text);
        labels[i][b] = label_badge (statuses[i].text, statuses[i].css_class);
        gtk_box_append (GTK_BOX (b ? big : box), badges[i][b]);
        gtk_box_append (GTK_BOX (b ? big : box), labels[i][b]);
      }
  window = show_in_window (box);

  /* in each font, whichever was measured last: the sizes each font's badges share are
   * not the other's */
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
      for (guint b = 0; b < 2; b++)
        assert_same_size (badges[i][b], labels[i][b], -1);
  gtk_widget_measure (badges[0][0], GTK_ORIENTATION_HORIZONTAL, -1, NULL, &normal, NULL, NULL);
  gtk_widget_measure (badges[0][1], GTK_ORIENTATION_HORIZONTAL, -1, NULL, &larger, NULL, NULL);
  g_assert_cmpint (larger, >, normal);
  /* and drawn as wide */
  g_assert_cmpint (gtk_widget_get_width (badges[2][0]), ==, gtk_widget_get_width (labels[2][0]));

  /* Another font given to a badge already shown: measured again. */
  gtk_widget_remove_css_class (big, "big");
  wait_for_frame (window);
  gtk_widget_measure (badges[0][1], GTK_ORIENTATION_HORIZONTAL, -1, NULL, &larger, NULL, NULL);
  g_assert_cmpint (larger, ==, normal);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_long_status_on_two_lines (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *badge = cpt_badge_new ();
  GtkWidget *label = label_badge ("Awaiting payment", "awaiting");
  GtkWidget *window;
  int one_line, two_lines_height, wide, narrow;

  /* as the lists' narrow status column has it (cpt-document-list.c) */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_NONE);
  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  cpt_badge_set_state (CPT_BADGE (badge), "awaiting_payment");
  cpt_badge_set_lines (CPT_BADGE (badge), 2);
  g_assert_true (gtk_widget_has_css_class (badge, "wrapping"));
  gtk_box_append (GTK_BOX (box), badge);
  gtk_box_append (GTK_BOX (box), label);
  window = show_in_window (box);

  gtk_widget_measure (badge, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &wide, NULL, NULL);
  gtk_widget_measure (badge, GTK_ORIENTATION_VERTICAL, wide, NULL, &one_line, NULL, NULL);
  /* "Awaiting" over "payment" */
  narrow = wide * 2 / 3;
  gtk_widget_measure (badge, GTK_ORIENTATION_VERTICAL, narrow, NULL, &two_lines_height, NULL, NULL);
  g_assert_cmpint (two_lines_height, >, one_line);
  assert_same_size (badge, label, narrow);
  assert_same_size (badge, label, wide);
  /* one line again, when asked for */
  cpt_badge_set_lines (CPT_BADGE (badge), 1);
  g_assert_false (gtk_widget_has_css_class (badge, "wrapping"));
  gtk_widget_measure (badge, GTK_ORIENTATION_VERTICAL, narrow, NULL, &narrow, NULL, NULL);
  g_assert_cmpint (narrow, ==, one_line);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_one_status_at_a_time (void)
{
  GtkWidget *badge = cpt_badge_new ();
  GtkWidget *window;

  /* nothing shown before a status */
  g_assert_false (gtk_widget_get_visible (badge));
  g_assert_true (gtk_widget_has_css_class (badge, "badge"));
  window = show_in_window (badge);
  cpt_badge_set_state (CPT_BADGE (badge), "overdue");
  g_assert_true (gtk_widget_get_visible (badge));
  g_assert_true (gtk_widget_has_css_class (badge, "overdue"));
  gtk_test_accessible_assert_property (badge, GTK_ACCESSIBLE_PROPERTY_LABEL, "Overdue");

  /* a row bound again to another document */
  cpt_badge_set_state (CPT_BADGE (badge), "paid");
  g_assert_cmpstr (cpt_badge_get_text (CPT_BADGE (badge)), ==, "Paid");
  g_assert_true (gtk_widget_has_css_class (badge, "paid"));
  g_assert_false (gtk_widget_has_css_class (badge, "overdue"));
  gtk_test_accessible_assert_property (badge, GTK_ACCESSIBLE_PROPERTY_LABEL, "Paid");
  /* a state that is no document status looks like a draft */
  cpt_badge_set_state (CPT_BADGE (badge), "unpaid");
  g_assert_true (gtk_widget_has_css_class (badge, "draft"));
  g_assert_false (gtk_widget_has_css_class (badge, "paid"));
  /* a row without its document yet */
  cpt_badge_set_state (CPT_BADGE (badge), NULL);
  g_assert_false (gtk_widget_get_visible (badge));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  g_autoptr(GtkCssProvider) provider = NULL;

  gtk_test_init (&argc, &argv, NULL);
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_string (provider, style);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_test_add_func ("/badge/sized-as-a-label", test_sized_as_a_label);
  g_test_add_func ("/badge/long-status-on-two-lines", test_long_status_on_two_lines);
  g_test_add_func ("/badge/one-status-at-a-time", test_one_status_at_a_time);
  return g_test_run ();
}

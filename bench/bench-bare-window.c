/* bench-bare-window.c: a bare libadwaita window, the reference for first frames.
 *
 * Shows an AdwApplicationWindow with a header bar and an empty page, prints "first-frame
 * bare" when its first frame is painted and quits, as `comptoir --bench-first-frame` does,
 * so that bench-startup can time it in the same run: bench-startup --comptoir
 * bench-bare-window DATABASE (the arguments are ignored). */
#include <adwaita.h>

static void
on_after_paint (GdkFrameClock *clock,
                GApplication  *app)
{
  g_print ("first-frame bare\n");
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, app);
  g_idle_add_once ((GSourceOnceFunc) g_application_quit, app);
}

static void
on_realize (GtkWidget    *window,
            GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), app);
}

static void
on_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *view = adw_toolbar_view_new ();

  adw_toolbar_view_add_top_bar (ADW_TOOLBAR_VIEW (view), adw_header_bar_new ());
  adw_toolbar_view_set_content (ADW_TOOLBAR_VIEW (view), adw_status_page_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), view);
  /* The size Comptoir's window opens at (the default of its window-width and
   * window-height settings): a frame of as many pixels to paint. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.comptoir.BareWindow",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  /* The arguments are bench-startup's, meant for comptoir. */
  return g_application_run (G_APPLICATION (app), 1, argv);
}

/* bench-journey.c: how long the window's main loop stalls along a user's journey.
 *
 *   bench-journey [--client ID] [--prepare] DATABASE
 *
 * Runs the real window on DATABASE (under a display: xvfb-run) and plays a journey: open
 * Invoices, drag the scrollbar to the middle, show the paid ones, type a search, open a
 * client, open an invoice, go back to the dashboard. A timer of high priority ticks every
 * 10 ms all along; the longest gap between two ticks, less the 10 ms, is the longest time
 * the main loop could not answer (a stall: the window frozen). Each step waits until its
 * lists have counted, then a little more, so that the work it started is measured too.
 * The figure that matters is the longest stall of each step (goal: under 50 ms).
 *
 * The journey starts once the window's opening check has ended (its time is printed):
 * the first opening of a file from before the seal, with a keyring, walks and seals the
 * whole chain, which is not the window's steady state. --prepare stops there. Run it
 * through bench/run-window-bench.sh, which also turns the daily backup off.
 *
 * bench-bare-window gives the reference to compare first frames with (bench-startup
 * --comptoir bench-bare-window DATABASE). */
#include <execinfo.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpt-application.h"
#include "cpt-check-banner.h"
#include "cpt-client-page.h"
#include "cpt-dashboard-page.h"
#include "cpt-document-list.h"
#include "cpt-document-page.h"
#include "cpt-document-query.h"
#include "cpt-documents-page.h"
#include "cpt-paged-list.h"
#include "cpt-window.h"
#include "cpt-window-private.h"

#define TICK_MS 10

typedef struct
{
  CptApplication *app;
  CptWindow      *window;
  gint64          client_id;
  gint64          last_tick;
  gint64          longest_gap;   /* µs, since the step began */
  /* The frame clock's phases since the last tick, and those of the longest stall (µs). */
  gint64          phase_start;
  gint64          since_tick[3];
  gint64          in_longest[3];
  int             status;
} Journey;

enum { PHASE_UPDATE, PHASE_LAYOUT, PHASE_PAINT };

/* List cells made (GtkSignalListItemFactory::setup) during the step: what GTK builds anew
 * when a list model replaces its items, a figure that does not depend on the machine. */
static guint cells_made;

static gboolean
on_cell_setup (GSignalInvocationHint *hint, guint n_params, const GValue *params, gpointer data)
{
  cells_made++;
  return TRUE;
}

/* --stall-stacks MS: a watchdog thread interrupts the main thread every MS milliseconds
 * while it has not ticked for MS, and the main thread prints where it is (stderr): what a
 * stall is made of, without a profiler (the libraries here have no frame pointers). */
static pthread_t main_thread;
static gint64 volatile last_tick_seen;
static guint stall_stacks_ms;

static void
on_stack_signal (int signal_number)
{
  void *frames[48];
  int n = backtrace (frames, G_N_ELEMENTS (frames));
  static const char header[] = "--- main thread in a stall:\n";

  if (write (STDERR_FILENO, header, sizeof header - 1) < 0)
    return;
  backtrace_symbols_fd (frames, n, STDERR_FILENO);
}

static gpointer
watch_stalls (gpointer data)
{
  for (;;)
    {
      g_usleep (stall_stacks_ms * 1000);
      if (g_get_monotonic_time () - last_tick_seen > (gint64) stall_stacks_ms * 1000 + TICK_MS * 1000)
        pthread_kill (main_thread, SIGPROF);
    }
  return NULL;
}

static gboolean
on_tick (gpointer data)
{
  Journey *journey = data;
  gint64 now = g_get_monotonic_time ();

  if (journey->last_tick != 0 && now - journey->last_tick > journey->longest_gap)
    {
      journey->longest_gap = now - journey->last_tick;
      memcpy (journey->in_longest, journey->since_tick, sizeof journey->in_longest);
    }
  journey->last_tick = now;
  last_tick_seen = now;
  memset (journey->since_tick, 0, sizeof journey->since_tick);
  return G_SOURCE_CONTINUE;
}

/* The frame clock's signals, connected after GTK's own handlers: each one marks the end of
 * a phase (update: animations and tick callbacks; layout: measuring and allocating, where
 * list views make and bind their rows; paint: snapshot and rendering). What a stall spent
 * outside them ran in the main loop's other sources (idles, signal handlers, threads'
 * results). */
static void
on_before_paint (GdkFrameClock *clock, Journey *journey)
{
  journey->phase_start = g_get_monotonic_time ();
}

static void
end_phase (Journey *journey, int phase)
{
  gint64 now = g_get_monotonic_time ();

  journey->since_tick[phase] += now - journey->phase_start;
  journey->phase_start = now;
}

static void
on_update (GdkFrameClock *clock, Journey *journey)
{
  end_phase (journey, PHASE_UPDATE);
}

static void
on_layout (GdkFrameClock *clock, Journey *journey)
{
  end_phase (journey, PHASE_LAYOUT);
}

static void
on_paint (GdkFrameClock *clock, Journey *journey)
{
  end_phase (journey, PHASE_PAINT);
}

/* Turns the main loop until `done (journey)` holds (at most `seconds`), then `after_ms`
 * more. */
static gboolean
settle (Journey   *journey,
        gboolean (*done) (Journey *),
        guint      seconds,
        guint      after_ms)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  gboolean ok;

  while (!(ok = done == NULL || done (journey)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  end = g_get_monotonic_time () + after_ms * 1000;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  return ok;
}

static CptDocumentsPage *
documents_page (Journey *journey)
{
  AdwNavigationPage *page = cpt_window_get_visible_page (journey->window);

  return CPT_IS_DOCUMENTS_PAGE (page) ? CPT_DOCUMENTS_PAGE (page) : NULL;
}

static CptPagedList *
visible_list_model (Journey *journey)
{
  CptDocumentsPage *page = documents_page (journey);

  return page != NULL ? cpt_document_list_get_rows (cpt_documents_page_get_list (page)) : NULL;
}

static gboolean
list_counted (Journey *journey)
{
  CptPagedList *model = visible_list_model (journey);

  return model != NULL && !cpt_paged_list_is_counting (model);
}

static gboolean
client_shown (Journey *journey)
{
  return CPT_IS_CLIENT_PAGE (cpt_window_get_visible_page (journey->window));
}

static gboolean
document_shown (Journey *journey)
{
  return CPT_IS_DOCUMENT_PAGE (cpt_window_get_visible_page (journey->window));
}

static gboolean
dashboard_loaded (Journey *journey)
{
  AdwNavigationPage *page = cpt_window_get_visible_page (journey->window);

  return CPT_IS_DASHBOARD_PAGE (page) && cpt_dashboard_page_is_loaded (CPT_DASHBOARD_PAGE (page));
}

static void
begin_step (Journey *journey)
{
  journey->longest_gap = 0;
  cells_made = 0;
  memset (journey->in_longest, 0, sizeof journey->in_longest);
  memset (journey->since_tick, 0, sizeof journey->since_tick);
  journey->last_tick = g_get_monotonic_time ();
}

static void
end_step (Journey *journey, const char *name, gboolean settled, gint64 started)
{
  if (stall_stacks_ms > 0)
    g_printerr ("=== the stacks above are of the step: %s\n", name);
  double stall = MAX (0, journey->longest_gap - TICK_MS * 1000) / 1000.0;
  double took = (g_get_monotonic_time () - started) / 1000.0;

  g_print ("%-28s longest stall %7.1f ms%s   (step measured over %.0f ms)\n", name, stall,
           settled ? "" : "   [did not settle]", took);
  g_print ("%-28s   of which update %.1f, layout %.1f, paint %.1f ms; %u list cells made\n", "",
           journey->in_longest[PHASE_UPDATE] / 1000.0, journey->in_longest[PHASE_LAYOUT] / 1000.0,
           journey->in_longest[PHASE_PAINT] / 1000.0, cells_made);
  if (!settled)
    journey->status = 1;
}

static GtkScrolledWindow *
scroller_of (GtkWidget *widget)
{
  GtkWidget *ancestor = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);

  return ancestor ? GTK_SCROLLED_WINDOW (ancestor) : NULL;
}

static gint64
first_document_id (Journey *journey)
{
  CptPagedList *model = visible_list_model (journey);
  g_autoptr(CptDocumentRow) row = NULL;

  if (model == NULL || g_list_model_get_n_items (G_LIST_MODEL (model)) == 0)
    return 0;
  row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  return cpt_document_get_id (cpt_document_row_get_document (row));
}

static void
play (Journey *journey)
{
  static const char *const paid[] = { "paid", NULL };
  gint64 started, document_id;
  gboolean ok;

  g_timeout_add_full (G_PRIORITY_HIGH, TICK_MS, on_tick, journey, NULL);
  g_signal_add_emission_hook (g_signal_lookup ("setup", GTK_TYPE_SIGNAL_LIST_ITEM_FACTORY), 0,
                              on_cell_setup, NULL, NULL);
  {
    GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (journey->window));

    g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), journey);
    g_signal_connect (clock, "update", G_CALLBACK (on_update), journey);
    g_signal_connect (clock, "layout", G_CALLBACK (on_layout), journey);
    g_signal_connect (clock, "paint", G_CALLBACK (on_paint), journey);
  }
  g_print ("(the window on %d × %d, drawn by %s)\n", gtk_widget_get_width (GTK_WIDGET (journey->window)),
           gtk_widget_get_height (GTK_WIDGET (journey->window)),
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (journey->window))));

  /* The noise floor: the window left alone (the machine's load, the display's frames). */
  started = g_get_monotonic_time ();
  begin_step (journey);
  settle (journey, NULL, 0, 1000);
  end_step (journey, "(idle, for reference)", TRUE, started);

  started = g_get_monotonic_time ();
  begin_step (journey);
  gtk_widget_activate_action (GTK_WIDGET (journey->window), "win.show-section", "s", "invoices");
  ok = settle (journey, list_counted, 30, 300);
  end_step (journey, "open Invoices", ok, started);
  document_id = first_document_id (journey);

  started = g_get_monotonic_time ();
  begin_step (journey);
  {
    CptDocumentsPage *page = documents_page (journey);
    GtkScrolledWindow *scroller = page ? scroller_of (GTK_WIDGET (cpt_document_list_get_column_view (
                                                       cpt_documents_page_get_list (page)))) : NULL;

    ok = scroller != NULL;
    if (ok)
      {
        GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);

        gtk_adjustment_set_value (adjustment, (gtk_adjustment_get_upper (adjustment) -
                                               gtk_adjustment_get_page_size (adjustment)) / 2);
      }
  }
  settle (journey, NULL, 0, 1000);
  end_step (journey, "drag to the middle", ok, started);

  started = g_get_monotonic_time ();
  begin_step (journey);
  ok = documents_page (journey) != NULL;
  if (ok)
    cpt_documents_page_show_states (documents_page (journey), paid);
  ok = ok && settle (journey, list_counted, 30, 300);
  end_step (journey, "show the paid ones", ok, started);

  started = g_get_monotonic_time ();
  begin_step (journey);
  ok = documents_page (journey) != NULL;
  if (ok)
    gtk_editable_set_text (GTK_EDITABLE (cpt_documents_page_get_search_entry (documents_page (journey))), "r");
  settle (journey, NULL, 0, 400);
  ok = ok && settle (journey, list_counted, 30, 300);
  end_step (journey, "type a search", ok, started);

  started = g_get_monotonic_time ();
  begin_step (journey);
  cpt_window_open_client (journey->window, journey->client_id);
  ok = settle (journey, client_shown, 30, 1000);
  end_step (journey, "open a client", ok, started);

  started = g_get_monotonic_time ();
  begin_step (journey);
  ok = document_id > 0;
  if (ok)
    gtk_widget_activate_action (GTK_WIDGET (journey->window), "win.open-document", "x", document_id);
  ok = ok && settle (journey, document_shown, 30, 1000);
  end_step (journey, "open an invoice", ok, started);

  started = g_get_monotonic_time ();
  begin_step (journey);
  gtk_widget_activate_action (GTK_WIDGET (journey->window), "win.show-section", "s", "dashboard");
  ok = settle (journey, dashboard_loaded, 30, 300);
  end_step (journey, "back to the dashboard", ok, started);
}

/* The banner of the window's opening check (cpt-window.c makes it in code). */
static CptCheckBanner *
find_check_banner (GtkWidget *widget)
{
  if (CPT_IS_CHECK_BANNER (widget))
    return CPT_CHECK_BANNER (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CptCheckBanner *found = find_check_banner (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
opening_checked (Journey *journey)
{
  CptCheckBanner *banner = find_check_banner (GTK_WIDGET (journey->window));

  return banner != NULL && cpt_check_banner_is_finished (banner);
}

static gboolean prepare_only;

static gboolean
start_when_shown (gpointer data)
{
  Journey *journey = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (journey->app));

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)) ||
      cpt_application_is_opening (journey->app))
    return G_SOURCE_CONTINUE;
  journey->window = CPT_WINDOW (window);
  /* The opening check ends first (the first time a file from before the seal is opened
   * with a keyring, it walks and seals the whole chain: 17 s at a million documents), and
   * the first page settles: what is measured is the journey, not the start. */
  {
    gint64 started = g_get_monotonic_time ();
    gboolean ok = settle (journey, opening_checked, 600, 0);

    g_print ("(the opening check took %.1f s%s)\n", (g_get_monotonic_time () - started) / 1e6,
             ok ? "" : ", and had not ended after 600 s");
  }
  settle (journey, NULL, 0, 1500);
  if (!prepare_only)
    play (journey);
  g_action_group_activate_action (G_ACTION_GROUP (journey->app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  Journey journey = { 0 };
  gint64 client_id = 1;
  g_autoptr(GOptionContext) context = g_option_context_new ("DATABASE");
  GOptionEntry entries[] = {
    { "client", 0, 0, G_OPTION_ARG_INT64, &client_id, "The client to open (default 1)", "ID" },
    { "stall-stacks", 0, 0, G_OPTION_ARG_INT, &stall_stacks_ms,
      "Print the main thread's stack every MS ms of a stall", "MS" },
    { "prepare", 0, 0, G_OPTION_ARG_NONE, &prepare_only,
      "Only open the window, wait for its opening check (which seals a file from before the "
      "seal) and quit", NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error ? error->message : "usage: bench-journey [--client ID] DATABASE");
      return 2;
    }
  journey.client_id = client_id;
  {
    /* A daily backup copies and checks the whole file while the journey goes on. */
    GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
    g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (
                                          source, "io.github.comptoir.Comptoir", TRUE) : NULL;

    if (!prepare_only && schema != NULL && g_settings_schema_has_key (schema, "automatic-backups"))
      {
        g_autoptr(GSettings) settings = g_settings_new_full (schema, NULL, NULL);

        if (g_settings_get_boolean (settings, "automatic-backups"))
          g_printerr ("bench-journey: the automatic backup is on (GSettings automatic-backups): "
                      "it will copy the file during the journey; bench/run-window-bench.sh "
                      "turns it off\n");
      }
  }
  if (stall_stacks_ms > 0)
    {
      main_thread = pthread_self ();
      last_tick_seen = g_get_monotonic_time ();
      signal (SIGPROF, on_stack_signal);
      g_thread_unref (g_thread_new ("stall-watch", watch_stalls, NULL));
    }
  journey.app = g_object_new (CPT_TYPE_APPLICATION, "application-id", "io.github.comptoir.Comptoir.Bench",
                              "flags", G_APPLICATION_NON_UNIQUE, "database-path", argv[1], NULL);
  g_timeout_add (20, start_when_shown, &journey);
  if (g_application_run (G_APPLICATION (journey.app), 0, NULL) != 0)
    journey.status = 1;
  g_object_unref (journey.app);
  return journey.status;
}

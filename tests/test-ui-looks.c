/* test-ui-looks.c: how the window looks, through its real widgets under a virtual display:
 * the sidebar follows the document opened, the dashboard's cards go 4 in a row or 2 + 2 at
 * every width (read from their allocations), the months under the chart never overlap (in
 * English and French), one way of writing dates everywhere on screen, the Payments page's
 * search, period filter and totals, and the "+" of the New buttons. Asserts on what is
 * shown. */
#include <locale.h>

#include "cpt-ui-test-utils.h"
#include "cpt-test-utils.h"

#include "cpt-client.h"
#include "cpt-client-page.h"
#include "cpt-company.h"
#include "cpt-dashboard-page.h"
#include "cpt-document-page.h"
#include "cpt-documents.h"
#include "cpt-documents-page.h"
#include "cpt-gui-utils.h"
#include "cpt-lifecycle.h"
#include "cpt-payments.h"
#include "cpt-payments-page.h"
#include "cpt-list-page-utils.h"

#define TODAY "2026-03-16"

typedef struct
{
  char   *dir;
  char   *path;
  gint64  martin_id;
  gint64  port_id;
  gint64  invoice_id;   /* a draft invoice */
  gint64  quote_id;     /* a draft quote */
} Fixture;

static gint64
add_client (CptDatabase *db,
            const char  *name)
{
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (client, "name", name, "email", "compta@example.org", "city", "Lyon", NULL);
  g_assert_true (cpt_client_insert (client, db, &error));
  g_assert_no_error (error);
  return cpt_client_get_id (client);
}

static gint64
add_document (CptDatabase *db,
              const char  *kind,
              gint64       client_id,
              const char  *date)
{
  g_autoptr(CptDocumentLine) line = cpt_document_line_new ();
  g_autoptr(CptDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = cpt_documents_create (db, kind, client_id, date, NULL, "Pains", &error);
  g_assert_no_error (error);
  g_object_set (line, "kind", "item", "description", "Pain de campagne", "quantity", (gint64) 10000,
                "unit", "C62", "unit-price", (gint64) 45000, "vat-rate", (gint64) 550, NULL);
  g_assert_true (cpt_documents_add_line (db, cpt_document_get_id (document), line, &error));
  g_assert_no_error (error);
  return cpt_document_get_id (document);
}

static void
add_payment (CptDatabase *db,
             gint64       client_id,
             const char  *date,
             gint64       amount,
             const char  *reference)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (cpt_payments_add (db, client_id, date, amount, "transfer", reference, NULL,
                                     NULL, 0, &error), >, 0);
  g_assert_no_error (error);
}

/* A business, two clients, a draft invoice and a draft quote, and three payments: two of
 * Boulangerie Martin (one in February, one in March), one of Café du Port (March). */
static CptDatabase *
fixture_open (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;
  g_autoptr(CptCompany) company = NULL;

  f->dir = ui_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "comptoir.db", NULL);
  db = cpt_database_open (f->path, &error);
  g_assert_no_error (error);

  company = cpt_company_load (db, &error);
  g_assert_no_error (error);
  g_object_set (company, "name", "Atelier Lumière", "city", "Lyon", "siren", "732829320", NULL);
  g_assert_true (cpt_record_set_from_text (cpt_company_record (), G_OBJECT (company), "siren", "732 829 320", &error));
  g_assert_true (cpt_company_save (company, db, &error));
  g_assert_no_error (error);

  f->martin_id = add_client (db, "Boulangerie Martin");
  f->port_id = add_client (db, "Café du Port");
  f->invoice_id = add_document (db, "invoice", f->martin_id, "2026-03-10");
  f->quote_id = add_document (db, "quote", f->port_id, "2026-03-11");
  add_payment (db, f->martin_id, "2026-02-10", 5000, "CHQ 77");
  add_payment (db, f->martin_id, "2026-03-02", 10000, "VIR-0042");
  add_payment (db, f->port_id, "2026-03-10", 3000, "CB 12");
  return g_steal_pointer (&db);
}

static void
fixture_clear (Fixture *f)
{
  cpt_test_cleanup_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
test_scenario (gconstpointer scenario)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = fixture_open (&f);

  ui_run (f.path, (UiScenario) scenario, &f);
  g_clear_object (&db);
  fixture_clear (&f);
  /* A scenario that resized the window left its size in the settings. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_reset (settings, "window-width");
    g_settings_reset (settings, "window-height");
    g_settings_reset (settings, "window-maximized");
  }
}

static gboolean
page_is_document (gpointer data)
{
  return CPT_IS_DOCUMENT_PAGE (cpt_window_get_visible_page (data));
}

typedef struct
{
  CptWindow  *window;
  const char *section;
} SidebarWait;

static gboolean
sidebar_selects (gpointer data)
{
  SidebarWait *wait = data;

  return g_strcmp0 (cpt_window_get_sidebar_selection (wait->window), wait->section) == 0;
}

/* Waits for the sidebar to select `section`, and says what it selects otherwise. */
static void
assert_sidebar (CptWindow  *window,
                const char *section)
{
  SidebarWait wait = { window, section };

  if (!ui_wait_until (sidebar_selects, &wait, 5))
    g_error ("The sidebar selects %s, not %s", cpt_window_get_sidebar_selection (window), section);
}

static gboolean
page_is_client (gpointer data)
{
  return CPT_IS_CLIENT_PAGE (cpt_window_get_visible_page (data));
}

/* ---------------------------------------------------------------- the sidebar */

/* Opening a document from the dashboard (or the search) selects its section in the
 * sidebar; going back selects the page one comes back to. */
static void
sidebar_scenario (CptApplication *app,
                  CptWindow      *window,
                  gpointer        data)
{
  Fixture *f = data;
  AdwNavigationView *view = cpt_window_get_content_view (window);

  ui_activate (GTK_WIDGET (window), "win.show-section", "s", "dashboard");
  assert_sidebar (window, "dashboard");

  ui_activate (GTK_WIDGET (window), "win.open-document", "x", f->invoice_id);
  g_assert_true (ui_wait_until (page_is_document, window, 10));
  assert_sidebar (window, "invoices");
  adw_navigation_view_pop (view);
  assert_sidebar (window, "dashboard");

  ui_activate (GTK_WIDGET (window), "win.open-document", "x", f->quote_id);
  g_assert_true (ui_wait_until (page_is_document, window, 10));
  assert_sidebar (window, "quotes");
  adw_navigation_view_pop (view);

  ui_activate (GTK_WIDGET (window), "win.open-client", "x", f->port_id);
  g_assert_true (ui_wait_until (page_is_client, window, 10));
  assert_sidebar (window, "clients");
  /* A document opened from the client's record: its own section. */
  ui_activate (GTK_WIDGET (window), "win.open-document", "x", f->quote_id);
  g_assert_true (ui_wait_until (page_is_document, window, 10));
  assert_sidebar (window, "quotes");
  adw_navigation_view_pop (view);
  assert_sidebar (window, "clients");
}

/* ---------------------------------------------------------------- the dashboard */

static gboolean
dashboard_loaded (gpointer data)
{
  AdwNavigationPage *page = cpt_window_get_visible_page (data);

  return CPT_IS_DASHBOARD_PAGE (page) && cpt_dashboard_page_is_loaded (CPT_DASHBOARD_PAGE (page));
}

static gboolean
match_figure (GtkWidget    *widget,
              gconstpointer data)
{
  return gtk_widget_has_css_class (widget, "figure") && gtk_widget_get_mapped (widget);
}

typedef struct
{
  CptWindow *window;
  int        width;
  char      *rows;     /* "4", "2+2", "1+1+1+1", "3+1"... */
} CardsLayout;

/* How the cards sit: the number of cards on each row, read from their allocations. */
static char *
cards_rows (CptWindow *window)
{
  g_autoptr(GPtrArray) cards = ui_find_all (GTK_WIDGET (window), match_figure, NULL);
  g_autoptr(GString) rows = g_string_new (NULL);
  double last_y = -1;
  guint on_row = 0;

  for (guint i = 0; i < cards->len; i++)
    {
      graphene_point_t point;

      g_assert_true (gtk_widget_compute_point (g_ptr_array_index (cards, i), GTK_WIDGET (window),
                                               &GRAPHENE_POINT_INIT (0, 0), &point));
      if (i > 0 && point.y != last_y)
        {
          g_string_append_printf (rows, "%s%u", rows->len ? "+" : "", on_row);
          on_row = 0;
        }
      last_y = point.y;
      on_row++;
    }
  g_string_append_printf (rows, "%s%u", rows->len ? "+" : "", on_row);
  return g_string_free (g_steal_pointer (&rows), FALSE);
}

static gboolean
cards_laid_out (gpointer data)
{
  CardsLayout *layout = data;

  /* Within the screen: the default size of a window wider than the screen is cut. */
  if (ABS (gtk_widget_get_width (GTK_WIDGET (layout->window)) - layout->width) > 40)
    return FALSE;
  g_free (layout->rows);
  layout->rows = cards_rows (layout->window);
  return g_strcmp0 (layout->rows, "4") == 0 || g_strcmp0 (layout->rows, "2+2") == 0 ||
         g_strcmp0 (layout->rows, "1+1+1+1") == 0;
}

/* The four cards go four in a row, two and two, or one under the other: never three and one
 * (what a flow box did at 1280 px). */
static void
cards_scenario (CptApplication *app,
                CptWindow      *window,
                gpointer        data)
{
  static const int widths[] = { 1380, 1280, 1100, 1000, 900, 760, 600, 400 };

  gtk_window_unmaximize (GTK_WINDOW (window));
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      CardsLayout layout = { window, widths[i], NULL };

      gtk_window_set_default_size (GTK_WINDOW (window), widths[i], 860);
      ui_activate (GTK_WIDGET (window), "win.show-section", "s", "dashboard");
      g_assert_true (ui_wait_until (dashboard_loaded, window, 10));
      if (!ui_wait_until (cards_laid_out, &layout, 5))
        g_error ("At %d px (the window is %d px wide) the cards sit %s", widths[i],
                 gtk_widget_get_width (GTK_WIDGET (window)), layout.rows);
      g_test_message ("%d px: %s", widths[i], layout.rows);
      /* Wide enough, they go four in a row. */
      if (widths[i] >= 1280)
        g_assert_cmpstr (layout.rows, ==, "4");
      g_free (layout.rows);
    }
}

/* The months under the chart never run into each other, whatever its width, in English and
 * in French ("janv.", "févr.", "sept." are wider than the bars of an ordinary window). */
static void
assert_month_labels_fit (CptDashboardPage *page,
                         GtkWidget        *chart)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (chart, NULL);

  for (int width = 300; width <= 1100; width += 20)
    {
      g_auto(GStrv) labels = cpt_dashboard_page_get_month_labels (page, width);
      /* Bars of 12 px margins and 8 px gaps: two labels centred under neighbouring bars
       * overlap when one is wider than a bar and its gap. */
      double slot = (width - 2 * 12 - 8 * 11) / 12.0 + 8;

      g_assert_nonnull (labels);
      g_assert_cmpuint (g_strv_length (labels), ==, 12);
      for (guint i = 0; i < 12; i++)
        {
          int text_width;

          pango_layout_set_text (layout, labels[i], -1);
          pango_layout_get_pixel_size (layout, &text_width, NULL);
          if (text_width >= slot)
            g_error ("At %d px, “%s” takes %d px of the %.1f px under its bar", width, labels[i],
                     text_width, slot);
        }
    }
  g_object_unref (layout);
}

static gboolean
match_chart (GtkWidget    *widget,
             gconstpointer data)
{
  return GTK_IS_DRAWING_AREA (widget) && gtk_widget_has_css_class (widget, "chart") &&
         !gtk_widget_has_css_class (widget, "aging");
}

static void
chart_labels_scenario (CptApplication *app,
                       CptWindow      *window,
                       gpointer        data)
{
  CptDashboardPage *page;
  GtkWidget *chart;
  g_autofree char *time_locale = g_strdup (setlocale (LC_TIME, NULL));

  ui_activate (GTK_WIDGET (window), "win.show-section", "s", "dashboard");
  g_assert_true (ui_wait_until (dashboard_loaded, window, 10));
  page = CPT_DASHBOARD_PAGE (cpt_window_get_visible_page (window));
  chart = ui_find (GTK_WIDGET (page), match_chart, NULL);
  g_assert_nonnull (chart);
  assert_month_labels_fit (page, chart);

  /* The months' names come from LC_TIME. */
  if (setlocale (LC_TIME, "fr_FR.UTF-8") == NULL)
    {
      g_test_message ("no fr_FR.UTF-8 locale here: French month names not tried");
      return;
    }
  {
    g_auto(GStrv) labels = cpt_dashboard_page_get_month_labels (page, 1100);

    /* Wide, names rather than initials ("mars 2026" is the last of the twelve months, and
     * "sept." the sixth of them). */
    g_assert_cmpstr (labels[11], ==, "mars");
    g_assert_true (g_str_has_prefix (labels[5], "sept"));
  }
  assert_month_labels_fit (page, chart);
  setlocale (LC_TIME, time_locale);
}

/* ---------------------------------------------------------------- dates */

static gboolean
match_text_prefix (GtkWidget    *widget,
                   gconstpointer data)
{
  const char *text = NULL;

  if (GTK_IS_LABEL (widget))
    text = gtk_label_get_text (GTK_LABEL (widget));
  return text != NULL && g_str_has_prefix (text, data);
}

static gboolean
page_shows_text (gpointer data)
{
  gpointer *args = data;

  return ui_find (GTK_WIDGET (cpt_window_get_visible_page (args[0])), match_text_prefix, args[1]) != NULL;
}

/* One way of writing a date on screen: the days of the lists, the moments of the memos and
 * of a document's history, and the dates in the messages of refusals. */
static void
dates_scenario (CptApplication *app,
                CptWindow      *window,
                gpointer        data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) memos = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *moment = NULL;
  gint64 earlier;

  g_assert_cmpstr (cpt_ui_language (), ==, "en");
  {
    g_autofree char *day = cpt_format_date ("2026-12-02");
    g_autofree char *at = cpt_format_date_time ("2026-12-02T13:05:00Z");

    g_assert_cmpstr (day, ==, "2 Dec 2026");
    /* TZ is UTC in this test. */
    g_assert_cmpstr (at, ==, "2 Dec 2026, 13:05");
  }

  /* A memo on the client's record says when, as the lists do. */
  g_assert_cmpint (cpt_client_add_memo (db, f->port_id, NULL, "Appelé pour le devis", &error), >, 0);
  g_assert_no_error (error);
  memos = cpt_client_list_memos (db, f->port_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (memos->len, ==, 1);
  moment = cpt_format_date_time (((CptMemo *) g_ptr_array_index (memos, 0))->created_at);
  g_assert_true (g_regex_match_simple ("^[0-9]{1,2} [A-Z][a-z]{2} [0-9]{4}, [0-9]{2}:[0-9]{2}$", moment, 0, 0));
  ui_activate (GTK_WIDGET (window), "win.open-client", "x", f->port_id);
  g_assert_true (ui_wait_until (page_is_client, window, 10));
  /* On its Follow-Up tab, made when it shows. */
  adw_view_stack_set_visible_child_name (cpt_client_page_get_view_stack (CPT_CLIENT_PAGE (cpt_window_get_visible_page (window))),
                                         "memos");
  {
    gpointer args[2] = { window, moment };

    g_assert_true (ui_wait_until (page_shows_text, args, 10));
  }

  /* A refusal names the dates as the screen writes them, not "2026-03-10". */
  g_assert_true (cpt_lifecycle_validate (db, f->invoice_id, NULL, &error));
  g_assert_no_error (error);
  earlier = add_document (db, "invoice", f->martin_id, "2026-03-02");
  g_assert_false (cpt_lifecycle_validate (db, earlier, NULL, &error));
  g_assert_nonnull (error);
  expected = cpt_format_date ("2026-03-10");
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_null (strstr (error->message, "2026-03-10"));
}

/* ---------------------------------------------------------------- payments */

typedef struct
{
  CptPaymentList *list;
  guint           n_items;
  const char     *totals;   /* NULL: any */
} PaymentsWait;

/* The list is made again when a filter changes: its model is read afresh each time. */
static gboolean
payments_shown (gpointer data)
{
  PaymentsWait *wait = data;
  GListModel *model = cpt_payment_list_get_model (wait->list);

  return model != NULL && g_list_model_get_n_items (model) == wait->n_items &&
         (wait->totals == NULL || g_strcmp0 (cpt_payment_list_get_totals_text (wait->list), wait->totals) == 0);
}

static void
assert_payments (CptPaymentsPage *page,
                 guint            n_items,
                 const char      *received)
{
  CptPaymentList *list = cpt_payments_page_get_list (page);
  g_autofree char *expected = received ? g_strdup_printf ("Received %s", received) : NULL;
  PaymentsWait wait = { list, n_items, expected };

  if (!ui_wait_until (payments_shown, &wait, 10))
    g_error ("The list shows %u payments, totals “%s”, not %u and “%s”",
             g_list_model_get_n_items (cpt_payment_list_get_model (list)),
             cpt_payment_list_get_totals_text (list), n_items, expected);
}

/* The Payments page searches by client or reference, filters by period, and adds up what
 * it shows (in a worker thread). */
static void
payments_scenario (CptApplication *app,
                   CptWindow      *window,
                   gpointer        data)
{
  CptPaymentsPage *page;
  GtkSearchEntry *search;

  ui_activate (GTK_WIDGET (window), "win.show-section", "s", "payments");
  page = CPT_PAYMENTS_PAGE (cpt_window_get_visible_page (window));
  g_assert_true (CPT_IS_PAYMENTS_PAGE (page));
  search = cpt_payments_page_get_search_entry (page);

  /* Everything: 50 + 100 + 30, nothing allocated. */
  assert_payments (page, 3, "€180.00 · Not allocated €180.00");

  /* The client's name, by the start of a word, accents aside. */
  gtk_editable_set_text (GTK_EDITABLE (search), "martin");
  assert_payments (page, 2, "€150.00 · Not allocated €150.00");
  gtk_editable_set_text (GTK_EDITABLE (search), "cafe");
  assert_payments (page, 1, "€30.00 · Not allocated €30.00");
  /* A piece of the bank reference. */
  gtk_editable_set_text (GTK_EDITABLE (search), "0042");
  assert_payments (page, 1, "€100.00 · Not allocated €100.00");
  gtk_editable_set_text (GTK_EDITABLE (search), "nothing like it");
  assert_payments (page, 0, NULL);
  {
    gpointer args[2] = { window, "No Results" };

    g_assert_true (ui_wait_until (page_shows_text, args, 10));
  }

  /* This month (March 2026): the payments of 2 and 10 March. */
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  gtk_drop_down_set_selected (cpt_payments_page_get_period_dropdown (page), CPT_LIST_PERIOD_THIS_MONTH);
  assert_payments (page, 2, "€130.00 · Not allocated €130.00");
  gtk_drop_down_set_selected (cpt_payments_page_get_period_dropdown (page), CPT_LIST_PERIOD_LAST_MONTH);
  assert_payments (page, 1, "€50.00 · Not allocated €50.00");
  gtk_editable_set_text (GTK_EDITABLE (search), "port");
  assert_payments (page, 0, NULL);
}

/* ---------------------------------------------------------------- narrow lists */

typedef struct
{
  GtkWidget  *page;
  const char *text;     /* of a cell (CptTextCell), a badge (CptBadge) or a label */
} CellWait;

static gboolean
match_shown_text (GtkWidget    *widget,
                  gconstpointer data)
{
  const char *text = NULL;

  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (CPT_IS_TEXT_CELL (widget))
    text = cpt_text_cell_get_text (CPT_TEXT_CELL (widget));
  else if (CPT_IS_BADGE (widget))
    text = cpt_badge_get_text (CPT_BADGE (widget));
  else if (GTK_IS_LABEL (widget))
    text = gtk_label_get_text (GTK_LABEL (widget));
  return text != NULL && strstr (text, data) != NULL;
}

/* The cell is shown whole, inside the page (not cut by its right edge nor scrolled away). */
static gboolean
cell_shown_whole (gpointer data)
{
  CellWait *wait = data;
  GtkWidget *cell = ui_find (wait->page, match_shown_text, wait->text);
  graphene_rect_t bounds;

  return cell != NULL && gtk_widget_compute_bounds (cell, wait->page, &bounds) &&
         bounds.origin.x >= 0 &&
         bounds.origin.x + bounds.size.width <= gtk_widget_get_width (wait->page) + 0.5;
}

static void
assert_shown_whole (CptWindow  *window,
                    const char *section,
                    const char *text)
{
  CellWait wait = { NULL, text };

  ui_activate (GTK_WIDGET (window), "win.show-section", "s", section);
  wait.page = GTK_WIDGET (cpt_window_get_visible_page (window));
  if (!ui_wait_until (cell_shown_whole, &wait, 10))
    {
      GtkWidget *cell = ui_find (wait.page, match_shown_text, text);
      graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, 0, 0);

      if (cell != NULL)
        gtk_widget_compute_bounds (cell, wait.page, &bounds);
      g_error ("In %s, %d px wide, “%s” is %s (x %.0f, width %.0f)", section,
               gtk_widget_get_width (wait.page), text, cell ? "cut" : "missing",
               bounds.origin.x, bounds.size.width);
    }
}

/* On a phone-wide window, the lists keep what matters whole: an invoice's balance and
 * status, a payment's amount. */
static void
narrow_lists_scenario (CptApplication *app,
                       CptWindow      *window,
                       gpointer        data)
{
  Fixture *f = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *balance = cpt_format_money (4748, NULL);
  g_autofree char *payment = cpt_format_money (10000, NULL);

  g_assert_true (cpt_lifecycle_validate (cpt_application_get_database (app), f->invoice_id, NULL, &error));
  g_assert_no_error (error);
  gtk_window_unmaximize (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 800);
  assert_shown_whole (window, "invoices", balance);
  assert_shown_whole (window, "invoices", "Awaiting payment");
  assert_shown_whole (window, "invoices", "Boulangerie Martin");
  /* The number over the client's name, on one line of its own. */
  {
    GtkWidget *page = GTK_WIDGET (cpt_window_get_visible_page (window));
    GtkWidget *cell = ui_find (page, match_shown_text, "Boulangerie Martin");
    PangoLayout *layout = gtk_widget_create_pango_layout (cell, "FA-2026-0001");
    int number_width;

    g_assert_true (CPT_IS_TEXT_CELL (cell));
    g_assert_true (g_str_has_prefix (cpt_text_cell_get_text (CPT_TEXT_CELL (cell)), "FA-2026-0001\n"));
    pango_layout_get_pixel_size (layout, &number_width, NULL);
    g_object_unref (layout);
    g_assert_cmpint (number_width, <=, gtk_widget_get_width (cell));
  }
  assert_shown_whole (window, "payments", payment);
}

static gboolean
match_cell_text (GtkWidget    *widget,
                 gconstpointer data)
{
  return CPT_IS_TEXT_CELL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (cpt_text_cell_get_text (CPT_TEXT_CELL (widget)), data) == 0;
}

typedef struct
{
  CptWindow  *window;
  const char *text;
  int         text_width;
  int         cell_width;
} TextFit;

/* The cell showing `text` is as wide as the text: nothing is ellipsized. */
static gboolean
text_fits (gpointer data)
{
  TextFit *fit = data;
  GtkWidget *cell = ui_find (GTK_WIDGET (cpt_window_get_visible_page (fit->window)),
                             match_cell_text, fit->text);
  PangoLayout *layout;

  if (cell == NULL)
    return FALSE;
  layout = gtk_widget_create_pango_layout (cell, fit->text);
  pango_layout_get_pixel_size (layout, &fit->text_width, NULL);
  g_object_unref (layout);
  fit->cell_width = gtk_widget_get_width (cell);
  return fit->text_width <= fit->cell_width;
}

/* At 1280 px, the usual width of a laptop, the client column of the invoices shows a
 * client's name whole: the dates, the number and the amounts take only what they need. */
static void
wide_lists_scenario (CptApplication *app,
                     CptWindow      *window,
                     gpointer        data)
{
  CptDatabase *db = cpt_application_get_database (app);
  TextFit fit = { window, "Clinique vétérinaire Perrin", 0, 0 };

  add_document (db, "invoice", add_client (db, fit.text), "2026-03-12");
  gtk_window_unmaximize (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  ui_activate (GTK_WIDGET (window), "win.show-section", "s", "invoices");
  if (!ui_wait_until (text_fits, &fit, 10))
    g_error ("“%s” takes %d px in a cell of %d px", fit.text, fit.text_width, fit.cell_width);
}

/* ---------------------------------------------------------------- credit lines */

static gboolean
credit_lines_shown (gpointer window)
{
  AdwDialog *dialog = ui_visible_dialog (window);

  return dialog != NULL && !ADW_IS_ALERT_DIALOG (dialog) &&
         g_strcmp0 (adw_dialog_get_title (dialog), "Credit Chosen Lines") == 0 &&
         gtk_widget_get_width (GTK_WIDGET (dialog)) > 0;
}

static gboolean
match_entry (GtkWidget    *widget,
             gconstpointer data)
{
  return GTK_IS_ENTRY (widget);
}

/* Crediting chosen lines opens a dialog wide enough for each line's description, its check
 * and its quantity side by side, and makes the credit note. */
static void
credit_lines_scenario (CptApplication *app,
                       CptWindow      *window,
                       gpointer        data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  AdwDialog *alert;
  AdwDialog *dialog;
  graphene_rect_t bounds;

  g_assert_true (cpt_lifecycle_validate (db, f->invoice_id, NULL, &error));
  g_assert_no_error (error);
  ui_activate (GTK_WIDGET (window), "win.open-document", "x", f->invoice_id);
  g_assert_true (ui_wait_until (page_is_document, window, 10));
  ui_activate (GTK_WIDGET (cpt_window_get_visible_page (window)), "document.credit", NULL);
  alert = ui_wait_for_dialog (window);
  g_assert_true (ADW_IS_ALERT_DIALOG (alert));
  /* As its button does: the response, then the alert closes. */
  UI_WATCHED (g_signal_emit_by_name (alert, "response", "lines"));
  adw_dialog_close (alert);
  g_assert_true (ui_wait_until (credit_lines_shown, window, 5));
  dialog = ui_visible_dialog (window);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), >=, 500);
  entries = ui_find_all (GTK_WIDGET (dialog), match_entry, NULL);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (entries, 0), GTK_WIDGET (dialog), &bounds));
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (dialog)));
  ui_click (GTK_WIDGET (dialog), "Make the Credit Note");
  ui_wait_for_no_dialog (window);
  {
    AdwNavigationPage *page = cpt_window_get_visible_page (window);

    /* The credit note is made and opened. */
    g_assert_true (CPT_IS_DOCUMENT_PAGE (page));
    g_assert_cmpstr (cpt_document_page_get_kind (CPT_DOCUMENT_PAGE (page)), ==, "credit_note");
  }
}

/* ---------------------------------------------------------------- error banners */

static gboolean
match_banner (GtkWidget    *widget,
              gconstpointer data)
{
  return ADW_IS_BANNER (widget);
}

static gboolean
match_row (GtkWidget    *widget,
           gconstpointer data)
{
  return ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_mapped (widget);
}

typedef struct
{
  AdwDialog *dialog;
  char      *culprit;
} FitWait;

/* Every row of the dialog lies within it. */
static gboolean
rows_fit (gpointer data)
{
  FitWait *wait = data;
  g_autoptr(GPtrArray) rows = ui_find_all (GTK_WIDGET (wait->dialog), match_row, NULL);
  int width = gtk_widget_get_width (GTK_WIDGET (wait->dialog));

  g_clear_pointer (&wait->culprit, g_free);
  if (rows->len == 0 || width == 0)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      graphene_rect_t bounds;

      if (!gtk_widget_compute_bounds (g_ptr_array_index (rows, i), GTK_WIDGET (wait->dialog), &bounds) ||
          bounds.origin.x < 0 || bounds.origin.x + bounds.size.width > width + 0.5)
        {
          wait->culprit = g_strdup_printf ("“%s” (x %.0f, width %.0f, in %d px)",
                                           adw_preferences_row_get_title (g_ptr_array_index (rows, i)),
                                           bounds.origin.x, bounds.size.width, width);
          return FALSE;
        }
    }
  return TRUE;
}

/* A long error in a small dialog's banner wraps: it pushes no field out of the dialog (new
 * document, new client, new product, record a payment), 400 px wide. A guard: this held
 * before too, the dialog the issue saw it in is not known. */
static void
banner_scenario (CptApplication *app,
                 CptWindow      *window,
                 gpointer        data)
{
  AdwDialog *dialog;
  AdwBanner *banner;
  FitWait wait = { NULL, NULL };

  gtk_window_unmaximize (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 800);
  for (guint i = 0; i < 4; i++)
    {
      if (i == 0)
        ui_activate (GTK_WIDGET (window), "win.new-document", "s", "invoice");
      else if (i == 1)
        ui_activate (GTK_WIDGET (window), "win.new-client", NULL);
      else if (i == 2)
        {
          ui_activate (GTK_WIDGET (window), "win.show-section", "s", "products");
          ui_activate (GTK_WIDGET (cpt_window_get_visible_page (window)), "page.new-product", NULL);
        }
      else
        {
          ui_activate (GTK_WIDGET (window), "win.show-section", "s", "payments");
          ui_activate (GTK_WIDGET (cpt_window_get_visible_page (window)), "page.record-payment", NULL);
        }
      dialog = ui_wait_for_dialog (window);
      banner = ADW_BANNER (ui_find (GTK_WIDGET (dialog), match_banner, NULL));
      g_assert_nonnull (banner);
      adw_banner_set_title (banner, "The client “Boulangerie Martin” is archived: restore it before making new documents");
      adw_banner_set_revealed (banner, TRUE);
      wait.dialog = dialog;
      if (!ui_wait_until (rows_fit, &wait, 5))
        g_error ("With the error shown in %s, a field leaves the dialog: %s", G_OBJECT_TYPE_NAME (dialog), wait.culprit);
      g_clear_pointer (&wait.culprit, g_free);
      adw_dialog_close (dialog);
      ui_wait_for_no_dialog (window);
    }
}

/* ---------------------------------------------------------------- New buttons */

static gboolean
match_split_button (GtkWidget    *widget,
                    gconstpointer data)
{
  return ADW_IS_SPLIT_BUTTON (widget) && gtk_widget_get_visible (widget);
}

/* "New Quote" and "New Invoice" carry the "+" of "New Client" and "Record a Payment". */
static void
new_buttons_scenario (CptApplication *app,
                      CptWindow      *window,
                      gpointer        data)
{
  static const char *const sections[] = { "quotes", "invoices" };

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWidget *button;
      GtkWidget *content;

      ui_activate (GTK_WIDGET (window), "win.show-section", "s", sections[i]);
      button = ui_find (GTK_WIDGET (cpt_window_get_visible_page (window)), match_split_button, NULL);
      g_assert_nonnull (button);
      content = adw_split_button_get_child (ADW_SPLIT_BUTTON (button));
      g_assert_true (ADW_IS_BUTTON_CONTENT (content));
      g_assert_cmpstr (adw_button_content_get_icon_name (ADW_BUTTON_CONTENT (content)), ==, "list-add-symbolic");
      g_assert_true (g_str_has_prefix (adw_button_content_get_label (ADW_BUTTON_CONTENT (content)), "_New "));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("COMPTOIR_TODAY", TODAY, TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/ui/looks/sidebar-follows-document", (gconstpointer) sidebar_scenario, test_scenario);
  g_test_add_data_func ("/ui/looks/dashboard-cards", (gconstpointer) cards_scenario, test_scenario);
  g_test_add_data_func ("/ui/looks/chart-month-labels", (gconstpointer) chart_labels_scenario, test_scenario);
  g_test_add_data_func ("/ui/looks/dates", (gconstpointer) dates_scenario, test_scenario);
  g_test_add_data_func ("/ui/looks/payments-search-period-totals", (gconstpointer) payments_scenario, test_scenario);
  g_test_add_data_func ("/ui/looks/narrow-lists", (gconstpointer) narrow_lists_scenario, test_scenario);
  g_test_add_data_func ("/ui/looks/wide-lists", (gconstpointer) wide_lists_scenario, test_scenario);
  g_test_add_data_func ("/ui/looks/credit-lines-dialog", (gconstpointer) credit_lines_scenario, test_scenario);
  g_test_add_data_func ("/ui/looks/error-banner-guard", (gconstpointer) banner_scenario, test_scenario);
  g_test_add_data_func ("/ui/looks/new-buttons", (gconstpointer) new_buttons_scenario, test_scenario);

  return g_test_run ();
}

/* test-ui-every-action.c: every setting sticks, every action works or says why, through the
 * real widgets under a virtual display: the default filters of a list saved on a keyfile
 * settings backend and found again by a second Comptoir process; a pro forma sent, then
 * produced as an invoice; a product created from a line's chooser put on the line; the
 * keyboard shortcuts (Ctrl+Enter in a description, Ctrl+P on a page just opened, Ctrl+?,
 * Ctrl+F); refusals readable on screen; and the dead ends (Detach, Use on an Invoice…, Move
 * Down, the invoice of a quote whose rest is on a draft, the Delete of a quote). Asserts on
 * the database and on what is shown. */
#include "cpt-ui-test-utils.h"
#include "cpt-test-utils.h"

#include "cpt-client.h"
#include "cpt-client-page.h"
#include "cpt-company.h"
#include "cpt-document-list.h"
#include "cpt-document-page.h"
#include "cpt-document-page-private.h"
#include "cpt-documents.h"
#include "cpt-documents-page.h"
#include "cpt-lifecycle.h"
#include "cpt-product.h"
#include "cpt-product-chooser.h"
#include "cpt-product-dialog.h"
#include "cpt-quote-invoice-dialog.h"

#define TODAY "2026-03-16"
#define CLIENT_NAME "Boulangerie Martin"

/* ---------------------------------------------------------------- the data, made beforehand */

typedef struct
{
  char   *dir;
  char   *path;
  gint64  client_id;
  gint64  document_id;   /* a draft invoice of three lines */
  gint64  other_id;      /* what a scenario needs besides */
  gint64  third_id;
} Fixture;

static gint64
new_document (CptDatabase *db,
              const char  *kind,
              gint64       client_id,
              const char  *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDocument) document = cpt_documents_create (db, kind, client_id, NULL, NULL, title, &error);

  g_assert_no_error (error);
  return cpt_document_get_id (document);
}

/* A business (so that the window opens on its main page), a client and an invoice draft of
 * three lines. */
static CptDatabase *
fixture_open (Fixture *f)
{
  g_autoptr(CptDatabase) db = ui_new_company_file (&f->dir, &f->path, CLIENT_NAME,
                                                      &f->client_id);

  f->document_id = new_document (db, "invoice", f->client_id, "Pains et formation");
  ui_add_item (db, f->document_id, "Conseil en organisation", 2000, 1000000, 2000);
  ui_add_item (db, f->document_id, "Formation des équipes", 1000, 2500000, 2000);
  ui_add_item (db, f->document_id, "Livres de recettes", 3000, 125000, 550);
  return g_steal_pointer (&db);
}

static void
fixture_clear (Fixture *f)
{
  cpt_test_cleanup_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* An accepted quote of 7 800 € for the fixture's client; returns its id. */
static gint64
accepted_quote (CptDatabase *db,
                Fixture     *f)
{
  g_autoptr(GError) error = NULL;
  gint64 quote_id = new_document (db, "quote", f->client_id, "Rénovation");

  ui_add_item (db, quote_id, "Journée de conseil", 10000, 6500000, 2000);
  g_assert_true (cpt_lifecycle_quote_send (db, quote_id, NULL, &error));
  g_assert_true (cpt_lifecycle_quote_accept (db, quote_id, NULL, &error));
  g_assert_no_error (error);
  return quote_id;
}

/* ---------------------------------------------------------------- helpers */

static CptDocumentPage *
open_document (CptWindow *window,
               gint64     id)
{
  CptDocumentPage *page;

  ui_activate (GTK_WIDGET (window), "win.open-document", "x", id);
  ui_wait (300);
  page = ui_visible_page (window, CPT_TYPE_DOCUMENT_PAGE);
  g_assert_cmpint (cpt_document_page_get_id (page), ==, id);
  return page;
}

/* A visible label or status badge whose text holds `text`. */
static gboolean
match_label_containing (GtkWidget    *widget,
                        gconstpointer data)
{
  const char *text = NULL;

  if (GTK_IS_LABEL (widget))
    text = gtk_label_get_text (GTK_LABEL (widget));
  else if (CPT_IS_BADGE (widget))
    text = cpt_badge_get_text (CPT_BADGE (widget));
  return text != NULL && gtk_widget_is_visible (widget) && gtk_widget_get_child_visible (widget) &&
         strstr (text, data) != NULL;
}

static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  return ui_find (root, match_label_containing, text);
}

static gboolean
shows_text (gpointer data)
{
  gpointer *args = data;

  return find_label_containing (args[0], args[1]) != NULL;
}

/* Waits (at most 5 s) for a label holding `text` to show in `root`: what a person reads. */
static GtkWidget *
wait_for_text (GtkWidget  *root,
               const char *text)
{
  gpointer args[] = { root, (gpointer) text };

  if (!ui_wait_until (shows_text, args, 5))
    g_error ("Nothing on screen says “%s”", text);
  return find_label_containing (root, text);
}

/* The button of the Actions popover for `label`, and the reason shown under it (or NULL). */
static GtkWidget *
action_button (CptDocumentPage *page,
               const char      *label,
               const char     **out_reason)
{
  GtkWidget *button = ui_find_button (cpt_document_page_get_actions_box (page), label);
  GtkWidget *box, *why;

  if (button == NULL)
    g_error ("No “%s” in the Actions menu", label);
  box = gtk_button_get_child (GTK_BUTTON (button));
  why = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
  if (out_reason != NULL)
    *out_reason = why != NULL ? gtk_label_get_text (GTK_LABEL (why)) : NULL;
  return button;
}

static char *
stored_status (CptDatabase *db,
               gint64       id)
{
  g_autoptr(CptDocument) document = cpt_documents_load (db, id, NULL);

  g_assert_nonnull (document);
  return cpt_lifecycle_status (db, document, TODAY, NULL);
}

/* ---------------------------------------------------------------- pressing keys */

/* What pressing a key does in GTK, played over the shortcut controllers of the real
 * widgets: the key goes to the focus widget, first down from the window (controllers of the
 * capture phase: the application's accelerators, then each ancestor's), then to the focus
 * widget itself — a text field takes Return and what it types there, Ctrl held or not —
 * then back up (bubble phase: the widgets' own key bindings). The first shortcut that
 * matches and whose action runs has the key. Returns the name of the action that ran (NULL:
 * none); with `dry_run`, finds it without running it. */
typedef struct
{
  GtkShortcutTrigger *wanted;
  gboolean            dry_run;
  const char         *ran;
  GtkWidget          *ran_on;
} KeyPress;

static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 GtkShortcutTrigger *wanted)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), wanted) ||
           trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), wanted);
  return gtk_shortcut_trigger_equal (trigger, wanted);
}

static gboolean
run_controllers (GtkWidget          *widget,
                 GtkPropagationPhase phase,
                 KeyPress           *press)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (controller)) != phase)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action;

          if (!GTK_IS_SHORTCUT (shortcut) || !trigger_matches (gtk_shortcut_get_trigger (shortcut), press->wanted))
            continue;
          action = gtk_shortcut_get_action (shortcut);
          if (press->dry_run)
            {
              /* A named action that cannot be found from here would let the key go on. */
              if (GTK_IS_NAMED_ACTION (action) && widget == GTK_WIDGET (gtk_widget_get_root (widget)) &&
                  g_str_has_prefix (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "document."))
                continue;
            }
          else if (!gtk_shortcut_action_activate (action, 0, widget, gtk_shortcut_get_arguments (shortcut)))
            continue;
          press->ran = GTK_IS_NAMED_ACTION (action) ? gtk_named_action_get_action_name (GTK_NAMED_ACTION (action))
                                                    : "(another action)";
          press->ran_on = widget;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
text_field_takes (GtkWidget *focus,
                  guint      keyval)
{
  return (GTK_IS_TEXT_VIEW (focus) && gtk_text_view_get_editable (GTK_TEXT_VIEW (focus)) &&
          (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter));
}

static const char *
press_key (CptWindow      *window,
           guint           keyval,
           GdkModifierType modifiers,
           gboolean        dry_run,
           GtkWidget     **out_widget)
{
  KeyPress press = { gtk_keyval_trigger_new (keyval, modifiers), dry_run, NULL, NULL };
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  gboolean done = FALSE;

  for (GtkWidget *w = focus ? focus : GTK_WIDGET (window); w != NULL; w = gtk_widget_get_parent (w))
    g_ptr_array_insert (path, 0, w);
  for (guint i = 0; i < path->len && !done; i++)
    done = run_controllers (g_ptr_array_index (path, i), GTK_PHASE_CAPTURE, &press);
  if (!done && focus != NULL && text_field_takes (focus, keyval))
    {
      press.ran = "(typed into the text)";
      press.ran_on = focus;
      done = TRUE;
    }
  for (guint i = path->len; i > 0 && !done; i--)
    done = run_controllers (g_ptr_array_index (path, i - 1), GTK_PHASE_BUBBLE, &press);
  g_object_unref (press.wanted);
  if (out_widget != NULL)
    *out_widget = press.ran_on;
  if (!dry_run)
    ui_wait (150);
  return press.ran;
}

/* ---------------------------------------------------------------- the default filters */

/* Two Comptoir processes, one after the other, on a keyfile settings backend: what the
 * first saves as the default filter of the invoices, the second shows when it opens. */
#define FILTERS_DB_VARIABLE "COMPTOIR_TEST_FILTERS_DB"

static GtkWidget *
find_check (GtkWidget  *root,
            const char *label);

static gboolean
match_check (GtkWidget    *widget,
             gconstpointer data)
{
  return GTK_IS_CHECK_BUTTON (widget) &&
         g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), data) == 0;
}

static GtkWidget *
find_check (GtkWidget  *root,
            const char *label)
{
  GtkWidget *check = ui_find (root, match_check, label);

  if (check == NULL)
    g_error ("No check box “%s”", label);
  return check;
}

static void
save_filters_scenario (CptApplication *app,
                       CptWindow      *window,
                       gpointer        data)
{
  CptDocumentsPage *invoices;
  CptDocumentList *list;

  UI_WATCHED (cpt_window_show_section (window, "invoices"));
  ui_wait (300);
  invoices = ui_visible_page (window, CPT_TYPE_DOCUMENTS_PAGE);
  list = cpt_documents_page_get_list (invoices);
  g_assert_true (ui_wait_for_list_items (list, 2));

  /* Drafts only, saved as the list's default. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_check (GTK_WIDGET (invoices), "Draft")), TRUE);
  g_assert_true (ui_wait_for_list_items (list, 1));
  ui_click (GTK_WIDGET (invoices), "Save as Default");
  wait_for_text (GTK_WIDGET (window), "These statuses will show when this list opens");
}

static void
check_filters_scenario (CptApplication *app,
                        CptWindow      *window,
                        gpointer        data)
{
  CptDocumentsPage *invoices;
  CptDocumentList *list;
  g_autoptr(CptDocumentRow) row = NULL;

  UI_WATCHED (cpt_window_show_section (window, "invoices"));
  ui_wait (300);
  invoices = ui_visible_page (window, CPT_TYPE_DOCUMENTS_PAGE);
  list = cpt_documents_page_get_list (invoices);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_check (GTK_WIDGET (invoices), "Draft"))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_check (GTK_WIDGET (invoices), "Awaiting payment"))));
  g_assert_true (ui_wait_for_list_items (list, 1));
  row = g_list_model_get_item (G_LIST_MODEL (cpt_document_list_get_selection (list)), 0);
  g_assert_cmpstr (cpt_document_row_get_state (row), ==, "draft");
  /* The filter button says what is filtered. */
  g_assert_nonnull (find_label_containing (GTK_WIDGET (invoices), "Draft"));
}

/* Runs only as one of the processes of test_default_filters (), which sets its settings
 * backend and database; alone it has nothing to do. */
static void
test_filters_child (gconstpointer scenario)
{
  if (!g_test_subprocess () || g_getenv (FILTERS_DB_VARIABLE) == NULL)
    return;
  ui_run (g_getenv (FILTERS_DB_VARIABLE), (UiScenario) scenario, NULL);
}

static void
test_default_filters (void)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = fixture_open (&f);
  g_autoptr(GError) error = NULL;
  g_autofree char *config = g_build_filename (f.dir, "config", NULL);
  g_autofree char *keyfile = g_build_filename (config, "glib-2.0", "settings", "keyfile", NULL);
  g_autofree char *saved = NULL;
  g_auto(GStrv) env = g_get_environ ();
  gint64 validated;

  /* A validated invoice beside the draft. */
  validated = new_document (db, "invoice", f.client_id, "Croissants");
  ui_add_item (db, validated, "Croissants", 100000, 12000, 550);
  g_assert_true (cpt_lifecycle_validate (db, validated, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "keyfile", TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", config, TRUE);
  env = g_environ_setenv (env, FILTERS_DB_VARIABLE, f.path, TRUE);

  g_test_trap_subprocess_with_envp ("/ui/every-action/default-filters/save", (const char *const *) env, 0,
                                    G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  /* Written where GSettings keeps it, as the key's type. */
  g_assert_true (g_file_get_contents (keyfile, &saved, NULL, &error));
  g_assert_no_error (error);
  if (strstr (saved, "default-filters={'invoices': ['draft']}") == NULL)
    g_error ("The settings file holds: %s", saved);

  g_test_trap_subprocess_with_envp ("/ui/every-action/default-filters/check", (const char *const *) env, 0,
                                    G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  fixture_clear (&f);
}

/* ---------------------------------------------------------------- pro forma */

static void
proforma_scenario (CptApplication *app,
                   CptWindow      *window,
                   gpointer        data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  CptDocumentPage *page = open_document (window, f->other_id);
  const char *reason = NULL;
  GtkWidget *button;
  g_autofree char *status = NULL;
  gint64 invoice_id;

  /* Mark as Sent is offered, and works. */
  button = action_button (page, "Mark as Sent", &reason);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_null (reason);
  ui_activate (GTK_WIDGET (page), "document.send", NULL);
  status = stored_status (db, f->other_id);
  g_assert_cmpstr (status, ==, "sent");
  g_clear_pointer (&status, g_free);
  button = action_button (page, "Mark as Sent", &reason);
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_nonnull (strstr (reason, "was already sent"));

  /* Produced as an invoice: it says so, for good. */
  ui_activate (GTK_WIDGET (page), "document.finalize", NULL);
  page = ui_visible_page (window, CPT_TYPE_DOCUMENT_PAGE);
  invoice_id = cpt_document_page_get_id (page);
  g_assert_cmpint (invoice_id, !=, f->other_id);
  status = stored_status (db, f->other_id);
  g_assert_cmpstr (status, ==, "invoiced");
  page = open_document (window, f->other_id);
  button = action_button (page, "Mark as Sent", &reason);
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_nonnull (strstr (reason, "was produced as an invoice"));
  button = action_button (page, "Produce the Final Invoice", &reason);
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_nonnull (strstr (reason, "Already produced as invoice"));
  ui_snapshot (GTK_WIDGET (window), "ui-every-action-proforma");

  /* The list of invoices says so, and filters on it. */
  UI_WATCHED (cpt_window_show_section (window, "invoices"));
  ui_wait (300);
  {
    CptDocumentsPage *invoices = ui_visible_page (window, CPT_TYPE_DOCUMENTS_PAGE);
    CptDocumentList *list = cpt_documents_page_get_list (invoices);
    GtkWidget *rows = GTK_WIDGET (cpt_document_list_get_column_view (list));

    g_assert_true (ui_wait_for_list_items (list, 3));
    wait_for_text (rows, "Invoiced");
    g_assert_null (find_label_containing (rows, "In preparation"));
    g_assert_null (find_label_containing (rows, "Sent"));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (find_check (GTK_WIDGET (invoices), "Pro forma invoiced")), TRUE);
    g_assert_true (ui_wait_for_list_items (list, 1));
    g_assert_nonnull (ui_find_badge (GTK_WIDGET (cpt_document_list_get_column_view (list)), "Invoiced"));
  }
}

static void
test_proforma (void)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = fixture_open (&f);

  f.other_id = new_document (db, "proforma", f.client_id, "Salon du livre");
  ui_add_item (db, f.other_id, "Kakémonos", 3000, 455000, 2000);
  ui_run (f.path, proforma_scenario, &f);
  g_clear_object (&db);
  fixture_clear (&f);
}

/* ---------------------------------------------------------------- a product made from a line */

static void
create_product_scenario (CptApplication *app,
                         CptWindow      *window,
                         gpointer        data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  CptDocumentPage *page = open_document (window, f->document_id);
  AdwDialog *dialog;
  g_autoptr(GPtrArray) lines = NULL;
  CptDocumentLine *line;
  g_autoptr(CptProduct) product = NULL;

  /* The Factomos flow: search the catalogue, nothing found, create it from there. */
  ui_activate (GTK_WIDGET (page), "document.add-product", NULL);
  dialog = ui_wait_for_dialog (window);
  g_assert_true (CPT_IS_PRODUCT_CHOOSER (dialog));
  gtk_editable_set_text (GTK_EDITABLE (cpt_product_chooser_get_search_entry (CPT_PRODUCT_CHOOSER (dialog))),
                         "Lampe d’atelier");
  ui_wait (300);
  ui_click (GTK_WIDGET (dialog), "New…");
  ui_wait (300);
  dialog = ui_wait_for_dialog (window);
  g_assert_true (CPT_IS_PRODUCT_DIALOG (dialog));
  cpt_product_dialog_set_price_text (CPT_PRODUCT_DIALOG (dialog), "89");
  ui_click (GTK_WIDGET (dialog), "Create");
  ui_wait_for_no_dialog (window);
  ui_wait (300);

  /* In the catalogue, and on the line. */
  lines = cpt_documents_load_lines (db, f->document_id, NULL);
  g_assert_cmpuint (lines->len, ==, 4);
  line = g_ptr_array_index (lines, 3);
  g_assert_cmpstr (cpt_document_line_get_description (line), ==, "Lampe d’atelier");
  g_assert_cmpint (cpt_document_line_get_unit_price (line), ==, 890000);
  g_assert_cmpint (cpt_document_line_get_product_id (line), >, 0);
  product = cpt_product_load (db, cpt_document_line_get_product_id (line), NULL);
  g_assert_nonnull (product);
  g_assert_cmpstr (cpt_product_get_name (product), ==, "Lampe d’atelier");
  g_assert_cmpuint (g_list_model_get_n_items (cpt_document_page_get_lines (page)), ==, 4);
}

/* ---------------------------------------------------------------- the keyboard */

static gboolean
match_shortcut_titled (GtkWidget    *widget,
                       gconstpointer data)
{
  g_autofree char *title = NULL;

  if (!GTK_IS_SHORTCUTS_SHORTCUT (widget))
    return FALSE;
  g_object_get (widget, "title", &title, NULL);
  return g_strcmp0 (title, data) == 0;
}

static gboolean
focus_is_inside (gpointer page)
{
  GtkRoot *root = gtk_widget_get_root (page);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && gtk_widget_is_ancestor (focus, page);
}

static GtkWidget *
description_of_new_line (CptWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  g_assert_true (GTK_IS_TEXT_VIEW (focus));
  return focus;
}

static void
keyboard_scenario (CptApplication *app,
                   CptWindow      *window,
                   gpointer        data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  CptDocumentPage *page = open_document (window, f->document_id);
  GtkWidget *focus, *on = NULL;
  GtkTextBuffer *buffer;
  AdwDialog *dialog;
  GtkShortcutsWindow *overlay;
  g_autofree char *text = NULL;
  g_autofree char *accelerator = NULL;
  GLogLevelFlags fatal;

  /* A page just opened has the keys of its actions: Ctrl+P prints it, without a click first.
   * (The focus comes once the page has slid in.) */
  if (!ui_wait_until (focus_is_inside, page, 5))
    {
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_error ("The focus is on a %s outside the page just opened", focus ? G_OBJECT_TYPE_NAME (focus) : "nothing");
    }
  g_assert_cmpstr (press_key (window, GDK_KEY_p, GDK_CONTROL_MASK, TRUE, &on), ==, "document.print");
  g_assert_true (on == GTK_WIDGET (page) || gtk_widget_is_ancestor (on, GTK_WIDGET (page)));
  /* Ctrl+D runs for real: the duplicate opens. */
  g_assert_cmpstr (press_key (window, GDK_KEY_d, GDK_CONTROL_MASK, FALSE, NULL), ==, "document.duplicate");
  ui_wait (300);
  page = ui_visible_page (window, CPT_TYPE_DOCUMENT_PAGE);
  g_assert_cmpint (cpt_document_page_get_id (page), !=, f->document_id);
  page = open_document (window, f->document_id);

  /* Ctrl+Enter in a line's description asks to validate; no new line in the text. */
  ui_activate (GTK_WIDGET (page), "document.add-line", NULL);
  ui_wait (300);
  focus = description_of_new_line (window);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus));
  gtk_text_buffer_set_text (buffer, "Spots LED", -1);
  g_assert_cmpstr (press_key (window, GDK_KEY_Return, GDK_CONTROL_MASK, FALSE, NULL), ==, "document.validate");
  dialog = ui_wait_for_dialog (window);
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  g_assert_cmpstr (adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (dialog)), ==, "Validate this invoice?");
  ui_click (GTK_WIDGET (dialog), "Cancel");
  ui_wait_for_no_dialog (window);
  {
    GtkTextIter start, end;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "Spots LED");
  }
  /* Return alone still makes a new line of text in a description. */
  g_assert_cmpstr (press_key (window, GDK_KEY_Return, 0, TRUE, NULL), ==, "(typed into the text)");

  /* Ctrl+? shows the shortcuts, which give its key. GtkShortcutsWindow (deprecated in GTK
   * 4.18; libadwaita has its own shortcuts dialog only from 1.8) measures one of its labels
   * at -2 px with the Adwaita style and warns about it: while it shows, warnings are not
   * fatal, criticals still are. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_assert_cmpstr (press_key (window, GDK_KEY_question, GDK_CONTROL_MASK, FALSE, NULL), ==, "win.show-help-overlay");
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  {
    GtkWidget *shortcut = ui_find (GTK_WIDGET (overlay), match_shortcut_titled, "Keyboard Shortcuts");

    g_assert_nonnull (shortcut);
    g_object_get (shortcut, "accelerator", &accelerator, NULL);
    g_assert_cmpstr (accelerator, ==, "<Control>question");
  }
  gtk_window_close (GTK_WINDOW (overlay));
  ui_wait (200);
  g_log_set_always_fatal (fatal);

  /* Ctrl+F in a list searches that list; Ctrl+K searches everything. */
  UI_WATCHED (cpt_window_show_section (window, "invoices"));
  ui_wait (300);
  {
    CptDocumentsPage *invoices = ui_visible_page (window, CPT_TYPE_DOCUMENTS_PAGE);
    GtkWidget *entry = GTK_WIDGET (cpt_documents_page_get_search_entry (invoices));

    g_assert_cmpstr (press_key (window, GDK_KEY_f, GDK_CONTROL_MASK, FALSE, NULL), ==, "win.find");
    g_assert_null (ui_visible_dialog (window));
    focus = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));
    g_assert_cmpstr (press_key (window, GDK_KEY_k, GDK_CONTROL_MASK, FALSE, NULL), ==, "win.search");
    dialog = ui_wait_for_dialog (window);
    adw_dialog_close (dialog);
    ui_wait_for_no_dialog (window);
  }
  (void) db;
}

/* ---------------------------------------------------------------- refusals readable */

static GtkWidget *
quantity_entry (CptDocumentPage *page,
                guint            position);

static gboolean
match_quantity_of (GtkWidget    *widget,
                   gconstpointer data)
{
  return GTK_IS_ENTRY (widget) && g_object_get_data (G_OBJECT (widget), "cpt-line") == data &&
         GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "cpt-field")) == 0 /* FIELD_QUANTITY */;
}

static GtkWidget *
quantity_entry (CptDocumentPage *page,
                guint            position)
{
  g_autoptr(CptDocumentLine) line = g_list_model_get_item (cpt_document_page_get_lines (page), position);
  GtkWidget *entry = ui_find (GTK_WIDGET (cpt_document_page_get_lines_view (page)), match_quantity_of, line);

  g_assert_nonnull (entry);
  return entry;
}

static gboolean
match_page_titled (GtkWidget    *widget,
                   gconstpointer data)
{
  return ADW_IS_PREFERENCES_PAGE (widget) &&
         g_strcmp0 (adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (widget)), data) == 0;
}

static void
errors_scenario (CptApplication *app,
                 CptWindow      *window,
                 gpointer        data)
{
  Fixture *f = data;
  CptDocumentPage *page = open_document (window, f->document_id);
  GtkWidget *entry = quantity_entry (page, 0);
  GtkWidget *said;
  AdwDialog *dialog;

  /* A quantity in words: said under the lines, and gone once corrected. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "dix");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  said = wait_for_text (GTK_WIDGET (page), "Quantity");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (said)), "dix"));
  ui_snapshot (GTK_WIDGET (window), "ui-every-action-quantity");
  gtk_editable_set_text (GTK_EDITABLE (entry), "10");
  g_assert_false (gtk_widget_get_visible (said) && gtk_widget_get_child_visible (said) &&
                  strstr (gtk_label_get_text (GTK_LABEL (said)), "dix") != NULL);

  /* A deposit of 150 % of the quote. */
  page = open_document (window, f->other_id);
  ui_activate (GTK_WIDGET (page), "document.invoice-quote", NULL);
  dialog = ui_wait_for_dialog (window);
  g_assert_true (CPT_IS_QUOTE_INVOICE_DIALOG (dialog));
  adw_action_row_activate (ADW_ACTION_ROW (ui_find_row (GTK_WIDGET (dialog), "A Deposit")));
  ui_type_in_row (GTK_WIDGET (dialog), "Percentage", "150");
  ui_wait (100);
  wait_for_text (GTK_WIDGET (dialog), "between 0 and 100");
  g_assert_false (gtk_widget_is_sensitive (ui_find_button (GTK_WIDGET (dialog), "Make the Invoice")));
  ui_type_in_row (GTK_WIDGET (dialog), "Percentage", "dix");
  ui_wait (100);
  wait_for_text (GTK_WIDGET (dialog), "dix");
  g_assert_false (gtk_widget_is_sensitive (ui_find_button (GTK_WIDGET (dialog), "Make the Invoice")));
  ui_snapshot (GTK_WIDGET (window), "ui-every-action-deposit");
  adw_dialog_close (dialog);
  ui_wait_for_no_dialog (window);

  /* A numbering format without its counter. */
  UI_WATCHED (g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL));
  dialog = ui_wait_for_dialog (window);
  adw_preferences_dialog_set_visible_page (ADW_PREFERENCES_DIALOG (dialog),
                                           ADW_PREFERENCES_PAGE (ui_find (GTK_WIDGET (dialog), match_page_titled, "Numbering")));
  ui_wait (200);
  ui_type_in_row (GTK_WIDGET (dialog), "Format", "FA-{YYYY}");
  ui_wait (100);
  said = wait_for_text (GTK_WIDGET (dialog), "needs the counter {N}");
  g_assert_true (gtk_widget_get_mapped (said));
  ui_snapshot (GTK_WIDGET (window), "ui-every-action-numbering");
  adw_dialog_close (dialog);
  ui_wait_for_no_dialog (window);
}

static void
test_errors (void)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = fixture_open (&f);

  f.other_id = accepted_quote (db, &f);
  ui_run (f.path, errors_scenario, &f);
  g_clear_object (&db);
  fixture_clear (&f);
}

/* ---------------------------------------------------------------- dead ends */

/* A deposit deducted on a validated balance invoice: the client's Deposits tab offers no
 * Detach that could only fail, and says why. */
static void
detach_scenario (CptApplication *app,
                 CptWindow      *window,
                 gpointer        data)
{
  Fixture *f = data;
  CptClientPage *page;

  UI_WATCHED (cpt_window_open_client (window, f->client_id));
  ui_wait (300);
  page = ui_visible_page (window, CPT_TYPE_CLIENT_PAGE);
  UI_WATCHED (adw_view_stack_set_visible_child_name (cpt_client_page_get_view_stack (page), "deposits"));
  ui_wait (200);
  wait_for_text (GTK_WIDGET (page), "its deposits are fixed");
  g_assert_null (ui_find_button (GTK_WIDGET (page), "Detach"));
  ui_snapshot (GTK_WIDGET (window), "ui-every-action-detach");
}

static void
test_detach (void)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = fixture_open (&f);
  g_autoptr(GError) error = NULL;
  gint64 quote_id = accepted_quote (db, &f);
  gint64 deposit_id, balance_id;

  g_assert_true (cpt_lifecycle_delete (db, f.document_id, &error));
  deposit_id = cpt_lifecycle_quote_invoice (db, quote_id, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 3000, &error);
  g_assert_no_error (error);
  g_assert_true (cpt_lifecycle_validate (db, deposit_id, NULL, &error));
  balance_id = cpt_lifecycle_quote_invoice (db, quote_id, CPT_QUOTE_INVOICE_BALANCE, 0, &error);
  g_assert_no_error (error);
  g_assert_true (cpt_lifecycle_validate (db, balance_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cpt_test_deposit_invoice (db, deposit_id), ==, balance_id);
  ui_run (f.path, detach_scenario, &f);
  g_clear_object (&db);
  fixture_clear (&f);
}

/* "Use on an Invoice…" with no draft invoice for the client: it offers to make the balance
 * invoice, which deducts the deposit. */
static void
use_deposit_scenario (CptApplication *app,
                      CptWindow      *window,
                      gpointer        data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  CptDocumentPage *page = open_document (window, f->other_id);
  gint64 invoice_id;
  g_autoptr(CptDocument) invoice = NULL;

  ui_activate (GTK_WIDGET (page), "document.use-deposit", NULL);
  ui_answer_alert (window, "Make the Balance Invoice", "no draft invoice");
  page = ui_visible_page (window, CPT_TYPE_DOCUMENT_PAGE);
  invoice_id = cpt_document_page_get_id (page);
  invoice = cpt_documents_load (db, invoice_id, NULL);
  g_assert_cmpstr (cpt_document_get_kind (invoice), ==, "invoice");
  g_assert_true (cpt_document_is_draft (invoice));
  g_assert_cmpint (cpt_test_deposit_invoice (db, f->other_id), ==, invoice_id);
}

static void
test_use_deposit (void)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = fixture_open (&f);
  g_autoptr(GError) error = NULL;
  gint64 quote_id = accepted_quote (db, &f);

  g_assert_true (cpt_lifecycle_delete (db, f.document_id, &error));
  f.other_id = cpt_lifecycle_quote_invoice (db, quote_id, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 3000, &error);
  g_assert_no_error (error);
  g_assert_true (cpt_lifecycle_validate (db, f.other_id, NULL, &error));
  g_assert_no_error (error);
  ui_run (f.path, use_deposit_scenario, &f);
  g_clear_object (&db);
  fixture_clear (&f);
}

/* The line menu of the first and of the last line. */
static gboolean
match_line_menu (GtkWidget    *widget,
                 gconstpointer data)
{
  return GTK_IS_MENU_BUTTON (widget) && g_object_get_data (G_OBJECT (widget), "cpt-line") == data;
}

static gboolean
match_model_button (GtkWidget    *widget,
                    gconstpointer data)
{
  g_autofree char *text = NULL;
  g_autofree char *plain = NULL;

  if (g_strcmp0 (G_OBJECT_TYPE_NAME (widget), "GtkModelButton") != 0)
    return FALSE;
  g_object_get (widget, "text", &text, NULL);
  plain = ui_strip_mnemonic (text);
  return g_strcmp0 (plain, data) == 0;
}

static void
assert_menu_item (CptDocumentPage *page,
                  guint            position,
                  const char      *item,
                  gboolean         sensitive)
{
  g_autoptr(CptDocumentLine) line = g_list_model_get_item (cpt_document_page_get_lines (page), position);
  GtkWidget *menu = ui_find (GTK_WIDGET (cpt_document_page_get_lines_view (page)), match_line_menu, line);
  GtkWidget *popover, *button;

  g_assert_nonnull (menu);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu));
  ui_wait (200);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu)));
  g_assert_nonnull (popover);
  button = ui_find (popover, match_model_button, item);
  if (button == NULL)
    g_error ("No “%s” in the menu of line %u", item, position + 1);
  if (gtk_widget_is_sensitive (button) != sensitive)
    g_error ("“%s” is %s on line %u", item, sensitive ? "greyed out" : "offered", position + 1);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu));
  ui_wait (100);
}

static void
quote_scenario (CptApplication *app,
                CptWindow      *window,
                gpointer        data)
{
  Fixture *f = data;
  CptDocumentPage *page = open_document (window, f->document_id);
  const char *reason = NULL;
  GtkWidget *button;

  /* Move Down is greyed out on the last line, Move Up on the first. */
  assert_menu_item (page, 2, "Move Down", FALSE);
  assert_menu_item (page, 2, "Move Up", TRUE);
  assert_menu_item (page, 0, "Move Up", FALSE);
  assert_menu_item (page, 0, "Move Down", TRUE);
  /* A line added last: the line before it can go down now. */
  ui_activate (GTK_WIDGET (page), "document.add-line", NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (gtk_root_get_focus (GTK_ROOT (window)))),
                            "Pains au chocolat", -1);
  UI_WATCHED (cpt_document_page_save_now (page));
  ui_wait (300);
  assert_menu_item (page, 2, "Move Down", TRUE);
  assert_menu_item (page, 3, "Move Down", FALSE);

  /* The rest of the quote is on a draft invoice: that is what the Invoice action says. */
  page = open_document (window, f->other_id);
  button = action_button (page, "Invoice the Quote…", &reason);
  g_assert_false (gtk_widget_is_sensitive (button));
  if (reason == NULL || strstr (reason, "draft invoice “Rénovation, acompte et solde”") == NULL)
    g_error ("The Invoice action says: %s", reason);
  g_assert_null (strstr (reason, "has been invoiced"));

  /* A quote validated, never sent: its Delete says so. */
  page = open_document (window, f->third_id);
  button = action_button (page, "Delete the Draft", &reason);
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_nonnull (reason);
  g_assert_null (strstr (reason, "sent"));
  g_assert_nonnull (strstr (reason, "is validated"));
  ui_snapshot (GTK_WIDGET (window), "ui-every-action-quote");
}

static void
test_quote (void)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = fixture_open (&f);
  g_autoptr(GError) error = NULL;
  gint64 invoice_id;

  f.other_id = accepted_quote (db, &f);
  invoice_id = cpt_lifecycle_quote_invoice (db, f.other_id, CPT_QUOTE_INVOICE_FULL, 0, &error);
  g_assert_no_error (error);
  {
    g_autoptr(CptDocument) invoice = cpt_documents_load (db, invoice_id, NULL);

    g_object_set (invoice, "title", "Rénovation, acompte et solde", NULL);
    g_assert_true (cpt_documents_update (db, invoice, &error));
    g_assert_no_error (error);
  }
  f.third_id = new_document (db, "quote", f.client_id, "Vitrine");
  ui_add_item (db, f.third_id, "Vitrine réfrigérée", 1000, 25000000, 2000);
  g_assert_true (cpt_lifecycle_validate (db, f.third_id, NULL, &error));
  g_assert_no_error (error);
  ui_run (f.path, quote_scenario, &f);
  g_clear_object (&db);
  fixture_clear (&f);
}

/* ---------------------------------------------------------------- */

/* Plays `scenario` (a UiScenario) on the fixture's database in a running Comptoir. */
static void
test_scenario (gconstpointer scenario)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = fixture_open (&f);

  ui_run (f.path, (UiScenario) scenario, &f);
  g_clear_object (&db);
  fixture_clear (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("COMPTOIR_TODAY", TODAY, TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/every-action/default-filters", test_default_filters);
  /* Its two processes. */
  g_test_add_data_func ("/ui/every-action/default-filters/save", (gconstpointer) save_filters_scenario, test_filters_child);
  g_test_add_data_func ("/ui/every-action/default-filters/check", (gconstpointer) check_filters_scenario, test_filters_child);
  g_test_add_func ("/ui/every-action/proforma", test_proforma);
  g_test_add_data_func ("/ui/every-action/create-product", (gconstpointer) create_product_scenario, test_scenario);
  g_test_add_data_func ("/ui/every-action/keyboard", (gconstpointer) keyboard_scenario, test_scenario);
  g_test_add_func ("/ui/every-action/errors", test_errors);
  g_test_add_func ("/ui/every-action/detach", test_detach);
  g_test_add_func ("/ui/every-action/use-deposit", test_use_deposit);
  g_test_add_func ("/ui/every-action/quote", test_quote);

  return g_test_run ();
}

/* cpt-ui-test-utils.h: driving the real widgets of Comptoir in-process under a virtual
 * display: run the application, let the main loop turn, find widgets the way a person (or a
 * screen reader) finds them — by their label, title or accessible name — and press them. */
#pragma once

#include <string.h>

#include <glib/gstdio.h>
#include <adwaita.h>

#include "cpt-application.h"
#include "cpt-window.h"
#include "cpt-lifecycle.h"
#include "cpt-window-private.h"
#include "cpt-text-cell.h"
#include "cpt-badge.h"
#include "cpt-document-line.h"
#include "cpt-client.h"
#include "cpt-company.h"
#include "cpt-dashboard-page.h"
#include "cpt-document-list.h"
#include "cpt-document-page-private.h"
#include "cpt-preferences-dialog.h"
#include "cpt-worker.h"
#include "cpt-record.h"
/* The test's own reads and writes may run on the main thread, the app's may not. */
#include "cpt-store-watch.h"

#define UI_GIVE_UP_SECONDS 60

typedef void (*UiScenario) (CptApplication *app,
                            CptWindow      *window,
                            gpointer        data);

typedef struct
{
  CptApplication *app;
  UiScenario      scenario;
  gpointer        data;
  gboolean        done;
  gboolean        gave_up;
} UiRun;

static gboolean
ui_on_timeout (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs `statement` as the app's own doing, not the test's: with the watch on, so that SQL it
 * runs on the main thread fails the test (the scenario runs allowed, see ui_run_when_mapped).
 * For what a test triggers directly rather than through ui_click, ui_activate and the like. */
#define UI_WATCHED(statement) \
  G_STMT_START { \
    gboolean ui_watched_allowed_ = cpt_store_watch_allow (FALSE); \
    statement; \
    cpt_store_watch_allow (ui_watched_allowed_); \
  } G_STMT_END

/* Lets events, idles, timeouts and frames run for a while. */
G_GNUC_UNUSED static void
ui_wait (guint milliseconds)
{
  gboolean done = FALSE;
  /* What runs meanwhile is the app's: COMPTOIR_MAIN_THREAD_SQL=critical catches its SQL. */
  gboolean allowed = cpt_store_watch_allow (FALSE);

  g_timeout_add (milliseconds, ui_on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  cpt_store_watch_allow (allowed);
}

/* Turns the main loop until `condition (data)` holds, at most `seconds`. */
G_GNUC_UNUSED static gboolean
ui_wait_until (gboolean (*condition) (gpointer), gpointer data, guint seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      ui_wait (20);
    }
  return TRUE;
}

typedef struct
{
  GListModel      *model;     /* NULL: the list's selection model, as it is at each look */
  CptDocumentList *list;
  guint            n_items;
} UiCount;

static GListModel *
ui_count_model (UiCount *count)
{
  return count->model ? count->model : G_LIST_MODEL (cpt_document_list_get_selection (count->list));
}

static gboolean
ui_model_has_count (gpointer data)
{
  UiCount *count = data;
  GListModel *model = ui_count_model (count);

  return model != NULL && g_list_model_get_n_items (model) == count->n_items;
}

static gboolean
ui_wait_for_count (UiCount *count)
{
  GListModel *model;

  if (ui_wait_until (ui_model_has_count, count, 10))
    return TRUE;
  model = ui_count_model (count);
  g_test_message ("the list has %u items, not %u", model ? g_list_model_get_n_items (model) : 0,
                  count->n_items);
  return FALSE;
}

/* Lists count and read their rows in a thread: waits (at most 10 s) until `model` holds
 * `n_items`, and says so. The model is held meanwhile. */
G_GNUC_UNUSED static gboolean
ui_wait_for_items (gpointer model, guint n_items)
{
  g_autoptr(GListModel) held = g_object_ref (G_LIST_MODEL (model));
  UiCount count = { held, NULL, n_items };

  return ui_wait_for_count (&count);
}

/* The same for a document list, whose model is replaced when its query changes (a filter
 * applied after the page opened): the model is looked up again at each look. */
G_GNUC_UNUSED static gboolean
ui_wait_for_list_items (CptDocumentList *list, guint n_items)
{
  UiCount count = { NULL, list, n_items };

  return ui_wait_for_count (&count);
}

static gboolean
ui_run_when_mapped (gpointer user_data)
{
  UiRun *run = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));
  gboolean allowed;

  /* The database opens in a thread: the window shows what it is waiting for meanwhile. */
  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)) ||
      gtk_widget_get_width (GTK_WIDGET (window)) == 0 ||
      cpt_application_is_opening (CPT_APPLICATION (run->app)))
    return G_SOURCE_CONTINUE;

  g_assert_true (CPT_IS_WINDOW (window));
  /* The scenario's own reads and writes (setting up, checking) are not the app's; what it
   * makes the app do goes through ui_wait, ui_click, ui_activate and ui_type_in_row. */
  allowed = cpt_store_watch_allow (TRUE);
  run->scenario (run->app, CPT_WINDOW (window), run->data);
  cpt_store_watch_allow (allowed);
  run->done = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
ui_give_up (gpointer user_data)
{
  UiRun *run = user_data;

  run->gave_up = TRUE;
  g_application_quit (G_APPLICATION (run->app));
  return G_SOURCE_REMOVE;
}

/* Runs a Comptoir on `database_path` and plays `scenario` once the window shows. */
G_GNUC_UNUSED static void
ui_run (const char *database_path,
        UiScenario  scenario,
        gpointer    data)
{
  CptApplication *app = g_object_new (CPT_TYPE_APPLICATION,
                                      "application-id", APP_ID,
                                      "flags", G_APPLICATION_NON_UNIQUE,
                                      "database-path", database_path,
                                      NULL);
  UiRun run = { app, scenario, data, FALSE, FALSE };
  guint source, give_up;
  int status;

  source = g_timeout_add (20, ui_run_when_mapped, &run);
  give_up = g_timeout_add_seconds (UI_GIVE_UP_SECONDS, ui_give_up, &run);
  status = g_application_run (G_APPLICATION (app), 0, NULL);
  if (!run.done)
    g_source_remove (source);
  if (!run.gave_up)
    g_source_remove (give_up);
  g_assert_false (run.gave_up);
  g_assert_true (run.done);
  g_assert_cmpint (status, ==, 0);
  g_object_unref (app);
}

G_GNUC_UNUSED static char *
ui_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("comptoir-test-ui-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

G_GNUC_UNUSED static void
ui_remove_tmp_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* ---------------------------------------------------------------- finding widgets */

typedef gboolean (*UiMatch) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
ui_find (GtkWidget *root, UiMatch match, gconstpointer data)
{
  if (root == NULL)
    return NULL;
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_find (child, match, data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
ui_find_all_into (GtkWidget *root, UiMatch match, gconstpointer data, GPtrArray *out)
{
  if (root == NULL)
    return;
  if (match (root, data))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    ui_find_all_into (child, match, data, out);
}

G_GNUC_UNUSED static GPtrArray *
ui_find_all (GtkWidget *root, UiMatch match, gconstpointer data)
{
  GPtrArray *out = g_ptr_array_new ();

  ui_find_all_into (root, match, data, out);
  return out;
}

static char *
ui_strip_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p && *p; p++)
    if (*p != '_')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* A button (or a menu-like button) showing `label`, mnemonics ignored, visible. */
static gboolean
ui_match_button (GtkWidget *widget, gconstpointer data)
{
  const char *wanted = data;
  const char *label = NULL;
  g_autofree char *plain = NULL;

  if (!GTK_IS_BUTTON (widget) || !gtk_widget_get_visible (widget))
    return FALSE;
  label = gtk_button_get_label (GTK_BUTTON (widget));
  /* Or the first label inside: an AdwButtonContent, a box of labels. */
  for (GtkWidget *w = gtk_widget_get_first_child (widget); w && label == NULL; w = gtk_widget_get_first_child (w))
    {
      if (GTK_IS_LABEL (w))
        label = gtk_label_get_label (GTK_LABEL (w));
      else if (ADW_IS_BUTTON_CONTENT (w))
        label = adw_button_content_get_label (ADW_BUTTON_CONTENT (w));
    }
  if (label == NULL)
    return FALSE;
  plain = ui_strip_mnemonic (label);
  return g_strcmp0 (plain, wanted) == 0;
}

G_GNUC_UNUSED static GtkWidget *
ui_find_button (GtkWidget *root, const char *label)
{
  return ui_find (root, ui_match_button, label);
}

/* A preferences row (entry row, action row...) titled `title`, visible. */
static gboolean
ui_match_row (GtkWidget *widget, gconstpointer data)
{
  g_autofree char *plain = NULL;

  if (!ADW_IS_PREFERENCES_ROW (widget) || !gtk_widget_is_visible (widget))
    return FALSE;
  plain = ui_strip_mnemonic (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  return g_strcmp0 (plain, data) == 0;
}

G_GNUC_UNUSED static GtkWidget *
ui_find_row (GtkWidget *root, const char *title)
{
  return ui_find (root, ui_match_row, title);
}

/* Types `text` into the entry row titled `title` (as a person would: "changed" runs). */
G_GNUC_UNUSED static void
ui_type_in_row (GtkWidget *root, const char *title, const char *text)
{
  GtkWidget *row = ui_find_row (root, title);

  g_assert_nonnull (row);
  gboolean allowed;

  g_assert_true (GTK_IS_EDITABLE (row));
  allowed = cpt_store_watch_allow (FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  cpt_store_watch_allow (allowed);
}

/* Clicks the visible button showing `label`. */
G_GNUC_UNUSED static void
ui_click (GtkWidget *root, const char *label)
{
  GtkWidget *button = ui_find_button (root, label);
  gboolean allowed;

  if (button == NULL)
    g_error ("No button “%s” to click", label);
  g_assert_true (gtk_widget_is_sensitive (button));
  /* What a click does (activating a button only clicks it after a short animation). */
  allowed = cpt_store_watch_allow (FALSE);
  g_signal_emit_by_name (button, "clicked");
  cpt_store_watch_allow (allowed);
}

static gboolean
ui_match_type (GtkWidget *widget, gconstpointer data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

G_GNUC_UNUSED static GtkWidget *
ui_find_type (GtkWidget *root, GType type)
{
  return ui_find (root, ui_match_type, GSIZE_TO_POINTER (type));
}

/* A label showing exactly `text`. */
static gboolean
ui_match_label (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

G_GNUC_UNUSED static GtkWidget *
ui_find_label (GtkWidget *root, const char *text)
{
  return ui_find (root, ui_match_label, text);
}

/* A status badge of a list showing exactly `text` (CptBadge). */
static gboolean
ui_match_badge (GtkWidget *widget, gconstpointer data)
{
  return CPT_IS_BADGE (widget) && gtk_widget_is_visible (widget) &&
         g_strcmp0 (cpt_badge_get_text (CPT_BADGE (widget)), data) == 0;
}

G_GNUC_UNUSED static GtkWidget *
ui_find_badge (GtkWidget *root, const char *text)
{
  return ui_find (root, ui_match_badge, text);
}

/* A cell of a column view showing exactly `text` (CptTextCell). */
static gboolean
ui_match_text_cell (GtkWidget *widget, gconstpointer data)
{
  return CPT_IS_TEXT_CELL (widget) && gtk_widget_is_visible (widget) &&
         g_strcmp0 (cpt_text_cell_get_text (CPT_TEXT_CELL (widget)), data) == 0;
}

G_GNUC_UNUSED static GtkWidget *
ui_find_cell_text (GtkWidget *root, const char *text)
{
  return ui_find (root, ui_match_text_cell, text);
}

/* A job that holds the worker until released: what a dialog asks of it waits behind it, as
 * behind a slow query, so that a test can look at the dialog while it loads. */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean released;
  gboolean done;
} UiWorkerBlock;

static gpointer
ui_block_job (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  UiWorkerBlock *block = data;

  g_mutex_lock (&block->lock);
  while (!block->released)
    g_cond_wait (&block->cond, &block->lock);
  g_mutex_unlock (&block->lock);
  return GINT_TO_POINTER (TRUE);
}

static void
ui_block_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  UiWorkerBlock *block = user_data;

  g_assert_nonnull (cpt_worker_run_finish (CPT_WORKER (source), result, NULL));
  block->done = TRUE;
}

static gboolean
ui_block_is_done (gpointer block)
{
  return ((UiWorkerBlock *) block)->done;
}

G_GNUC_UNUSED static void
ui_block_worker (CptWorker *worker, UiWorkerBlock *block)
{
  cpt_worker_run_async (worker, ui_block_job, block, NULL, NULL, NULL, ui_block_done, block);
}

/* Lets the worker go on, and waits for the job holding it to be over. */
G_GNUC_UNUSED static void
ui_release_worker (UiWorkerBlock *block)
{
  g_mutex_lock (&block->lock);
  block->released = TRUE;
  g_cond_signal (&block->cond);
  g_mutex_unlock (&block->lock);
  g_assert_true (ui_wait_until (ui_block_is_done, block, 10));
}

/* The dialog on top of the window. */
G_GNUC_UNUSED static AdwDialog *
ui_visible_dialog (CptWindow *window)
{
  return adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
}

static gboolean
ui_has_dialog (gpointer window)
{
  return ui_visible_dialog (window) != NULL;
}

static gboolean
ui_has_no_dialog (gpointer window)
{
  return ui_visible_dialog (window) == NULL;
}

/* The confirmation before validating reads the number the document will get in the
 * worker, its button waiting for it; the preferences read what they show. */
static gboolean
ui_dialog_is_ready (gpointer window)
{
  AdwDialog *dialog = ui_visible_dialog (window);
  const char *ids[] = { "validate", "send" };

  if (CPT_IS_PREFERENCES_DIALOG (dialog))
    return cpt_preferences_dialog_is_idle (CPT_PREFERENCES_DIALOG (dialog));
  if (!ADW_IS_ALERT_DIALOG (dialog))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    if (adw_alert_dialog_has_response (ADW_ALERT_DIALOG (dialog), ids[i]) &&
        !adw_alert_dialog_get_response_enabled (ADW_ALERT_DIALOG (dialog), ids[i]))
      return FALSE;
  return TRUE;
}

static gboolean
ui_dialog_is_idle (gpointer dialog)
{
  gboolean busy = FALSE;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (dialog), "busy") != NULL)
    g_object_get (dialog, "busy", &busy, NULL);
  return !busy;
}

/* A record dialog reads its record in the worker when it opens and writes in the worker,
 * taking no input until then (its :busy property): waits for that, as a person would wait
 * for the fields to fill. */
G_GNUC_UNUSED static void
ui_wait_for_dialog_idle (AdwDialog *dialog)
{
  if (!ui_wait_until (ui_dialog_is_idle, dialog, 30))
    g_error ("The dialog %s “%s” stays busy", G_OBJECT_TYPE_NAME (dialog), adw_dialog_get_title (dialog));
}

G_GNUC_UNUSED static AdwDialog *
ui_wait_for_dialog (CptWindow *window)
{
  g_assert_true (ui_wait_until (ui_has_dialog, window, 5));
  ui_wait (150);
  if (!ui_wait_until (ui_dialog_is_ready, window, 10))
    g_error ("The dialog “%s” never became ready", adw_dialog_get_title (ui_visible_dialog (window)));
  ui_wait_for_dialog_idle (ui_visible_dialog (window));
  return ui_visible_dialog (window);
}

static gboolean
ui_page_is_settled (gpointer widget)
{
  return gtk_widget_get_sensitive (widget) && !cpt_document_page_is_loading (widget);
}

/* A document page reads its document in the worker (when it opens, after each write) and
 * writes in the worker (validate, credit, final invoice), taking no input until the write
 * is back: waits for both, as a person would wait for the page to show the result. */
static void
ui_wait_for_page_write (GtkWidget *widget)
{
  if (CPT_IS_DOCUMENT_PAGE (widget) && !ui_wait_until (ui_page_is_settled, widget, 30))
    g_error ("A document page's write or read never came back (sensitive %d, reads %u, saves %u, "
             "lines saving %d, busy %d)",
             gtk_widget_get_sensitive (widget), CPT_DOCUMENT_PAGE (widget)->loads,
             CPT_DOCUMENT_PAGE (widget)->saves,
             cpt_lines_editor_is_saving (CPT_DOCUMENT_PAGE (widget)->lines_editor),
             cpt_lines_editor_is_busy (CPT_DOCUMENT_PAGE (widget)->lines_editor));
}

static gboolean
ui_shows_main (gpointer window)
{
  return g_strcmp0 (cpt_window_get_visible_page_name (window), "main") == 0;
}

/* The welcome page saves the identity in the worker: waits for the pages it then shows. */
G_GNUC_UNUSED static void
ui_wait_for_main (CptWindow *window)
{
  if (!ui_wait_until (ui_shows_main, window, 10))
    g_error ("The window stays on its “%s” page", cpt_window_get_visible_page_name (window));
  ui_wait (150);
}

G_GNUC_UNUSED static void
ui_wait_for_no_dialog (CptWindow *window)
{
  if (!ui_wait_until (ui_has_no_dialog, window, 5))
    g_error ("A dialog stays open: %s “%s”", G_OBJECT_TYPE_NAME (ui_visible_dialog (window)),
             adw_dialog_get_title (ui_visible_dialog (window)));
  ui_wait (150);
  ui_wait_for_page_write (GTK_WIDGET (cpt_window_get_visible_page (window)));
}

/* Runs a window action as a keyboard shortcut or a menu would. */
G_GNUC_UNUSED static void
ui_activate (GtkWidget *widget, const char *action, const char *format, ...)
{
  GVariant *parameter = NULL;
  va_list args;
  gboolean allowed;

  if (format != NULL)
    {
      va_start (args, format);
      parameter = g_variant_new_va (format, NULL, &args);
      va_end (args);
    }
  allowed = cpt_store_watch_allow (FALSE);
  g_assert_true (gtk_widget_activate_action_variant (widget, action, parameter));
  cpt_store_watch_allow (allowed);
  ui_wait (120);
  ui_wait_for_page_write (widget);
}

/* A new company file in a new temporary folder, with a business (so that the window opens on
 * its main page) and one client; returns the open database. */
G_GNUC_UNUSED static CptDatabase *
ui_new_company_file (char       **out_dir,
                     char       **out_path,
                     const char  *client_name,
                     gint64      *out_client_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;
  g_autoptr(CptCompany) company = NULL;
  g_autoptr(CptClient) client = cpt_client_new ();

  *out_dir = ui_make_tmp_dir ();
  *out_path = g_build_filename (*out_dir, "comptoir.db", NULL);
  db = cpt_database_open (*out_path, &error);
  g_assert_no_error (error);

  company = cpt_company_load (db, &error);
  g_assert_no_error (error);
  g_object_set (company, "name", "Atelier Lumière", "city", "Lyon", NULL);
  g_assert_true (cpt_record_set_from_text (cpt_company_record (), G_OBJECT (company), "siren",
                                           "732 829 320", &error));
  g_assert_true (cpt_company_save (company, db, &error));
  g_assert_no_error (error);

  g_object_set (client, "name", client_name, "siren", "542051180", "city", "Villeurbanne", NULL);
  g_assert_true (cpt_client_insert (client, db, &error));
  g_assert_no_error (error);
  *out_client_id = cpt_client_get_id (client);
  return g_steal_pointer (&db);
}

/* Adds an item line to a draft; returns the line's id. */
G_GNUC_UNUSED static gint64
ui_add_item (CptDatabase *db,
             gint64       document_id,
             const char  *description,
             gint64       quantity,     /* thousandths */
             gint64       unit_price,   /* 4 decimals */
             gint64       vat_rate)     /* hundredths of a percent */
{
  g_autoptr(CptDocumentLine) line = cpt_document_line_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (line, "kind", "item", "description", description, "quantity", quantity,
                "unit", "C62", "unit-price", unit_price, "vat-rate", vat_rate, NULL);
  g_assert_true (cpt_documents_add_line (db, document_id, line, &error));
  g_assert_no_error (error);
  return cpt_document_line_get_id (line);
}

/* For the mail tests: the client's address is compta@example.org, and, when `port` is not
 * 0, the company sends through the test's SMTP server on 127.0.0.1:`port`, with no login. */
G_GNUC_UNUSED static void
ui_set_up_mail (CptDatabase *db, gint64 client_id, guint port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptClient) client = cpt_client_load (db, client_id, &error);
  g_autoptr(CptCompany) company = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_object_set (client, "email", "compta@example.org", NULL);
  g_assert_true (cpt_client_update (client, db, &error));
  if (port == 0)
    return;
  company = cpt_company_load (db, &error);
  g_assert_no_error (error);
  text = g_strdup_printf ("%u", port);
  g_object_set (company, "mail-host", "127.0.0.1", "mail-security", "none",
                "mail-from-address", "marie@atelier-lumiere.fr", NULL);
  g_assert_true (cpt_record_set_from_text (cpt_company_record (), G_OBJECT (company), "mail_port", text, &error));
  g_assert_true (cpt_company_save (company, db, &error));
  g_assert_no_error (error);
}

/* A validated invoice of one line (`unit_price` in 4 decimals, at `vat_rate`) for
 * `client_id`, dated today (COMPTOIR_TODAY when set). */
G_GNUC_UNUSED static gint64
ui_validated_invoice (CptDatabase *db, gint64 client_id, gint64 unit_price, gint64 vat_rate)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDocument) invoice = cpt_documents_create (db, "invoice", client_id, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  ui_add_item (db, cpt_document_get_id (invoice), "Chambre", 1000, unit_price, vat_rate);
  g_assert_true (cpt_lifecycle_validate (db, cpt_document_get_id (invoice), NULL, &error));
  g_assert_no_error (error);
  return cpt_document_get_id (invoice);
}

/* The page on top of the window, which must be of `type`. */
G_GNUC_UNUSED static gpointer
ui_visible_page (CptWindow *window,
                 GType      type)
{
  AdwNavigationPage *page = cpt_window_get_visible_page (window);

  g_assert_nonnull (page);
  if (!G_TYPE_CHECK_INSTANCE_TYPE (page, type))
    g_error ("The page showing is a %s, not a %s", G_OBJECT_TYPE_NAME (page), g_type_name (type));
  ui_wait_for_page_write (GTK_WIDGET (page));
  return page;
}

typedef struct
{
  CptWindow *window;
  gint64     id;
} UiDocumentShown;

G_GNUC_UNUSED static gboolean
ui_document_is_shown (gpointer data)
{
  UiDocumentShown *shown = data;
  AdwNavigationPage *page = cpt_window_get_visible_page (shown->window);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (shown->window));

  /* The page takes the focus once its opening transition is over (AdwNavigationPage::shown):
   * until then, a focus the test gives a field could be taken back. */
  return CPT_IS_DOCUMENT_PAGE (page) &&
         cpt_document_page_get_id (CPT_DOCUMENT_PAGE (page)) == shown->id &&
         focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (page));
}

/* Opens document `id` as the window's action does, and waits until its page is on top. */
G_GNUC_UNUSED static CptDocumentPage *
ui_open_document (CptWindow *window,
                  gint64     id)
{
  UiDocumentShown shown = { window, id };

  ui_activate (GTK_WIDGET (window), "win.open-document", "x", id);
  if (!ui_wait_until (ui_document_is_shown, &shown, UI_GIVE_UP_SECONDS))
    g_error ("document %" G_GINT64_FORMAT " did not open", id);
  /* Let the page load its figures before the test reads them, as before. */
  ui_wait (300);
  ui_wait_for_page_write (GTK_WIDGET (cpt_window_get_visible_page (window)));
  return CPT_DOCUMENT_PAGE (cpt_window_get_visible_page (window));
}

/* Waits for an alert, checks its body holds `expected_in_body` (unless NULL), presses
 * `button` and waits for the alert to go. */
G_GNUC_UNUSED static void
ui_answer_alert (CptWindow  *window,
                 const char *button,
                 const char *expected_in_body)
{
  AdwDialog *dialog = ui_wait_for_dialog (window);

  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  if (expected_in_body != NULL &&
      strstr (adw_alert_dialog_get_body (ADW_ALERT_DIALOG (dialog)), expected_in_body) == NULL)
    g_error ("“%s” is not in the dialog: %s", expected_in_body,
             adw_alert_dialog_get_body (ADW_ALERT_DIALOG (dialog)));
  ui_click (GTK_WIDGET (dialog), button);
  ui_wait_for_no_dialog (window);
}

/* Saves a PNG of a widget (for looking at it after the run). */
G_GNUC_UNUSED static void
ui_snapshot (GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv ("COMPTOIR_TEST_SNAPSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  if (dir == NULL || width <= 0 || height <= 0)
    return;
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s/%s.png", dir, name);
  gdk_texture_save_to_png (texture, path);
}

/* Whether the window shows its dashboard, loaded. */
G_GNUC_UNUSED static gboolean
ui_dashboard_is_loaded (gpointer window)
{
  AdwNavigationPage *page = cpt_window_get_visible_page (window);

  return CPT_IS_DASHBOARD_PAGE (page) && cpt_dashboard_page_is_loaded (CPT_DASHBOARD_PAGE (page));
}

/* test-ui-actions.c: the actions of the document editor, through its real widgets under a
 * virtual display: printing (the print operation exported to a PDF file, read back with
 * Poppler), saving as PDF (a Factur-X file for a validated invoice; a folder that does not
 * exist refused in plain words), moving lines (the Alt+Up/Alt+Down shortcuts and a drag and
 * drop), and the Undo of the toasts after removing a line, detaching a deposit and deleting
 * a draft. Asserts on the database, on the files written and on what is shown. */
#include <poppler.h>
#include <sqlite3.h>

#include "cpt-ui-test-utils.h"
#include "cpt-test-utils.h"

#include "cpt-client.h"
#include "cpt-client-page.h"
#include "cpt-company.h"
#include "cpt-dashboard-page.h"
#include "cpt-document-page.h"
#include "cpt-document-page-private.h"
#include "cpt-documents.h"
#include "cpt-product.h"
#include "cpt-document-extras.h"
#include "cpt-gui-utils.h"
#include "cpt-lifecycle.h"
#include "cpt-payment-dialog.h"
#include "cpt-payments.h"
#include "cpt-print.h"

#define TODAY "2026-03-16"
#define CLIENT_NAME "Boulangerie Martin"

/* ---------------------------------------------------------------- the data, made beforehand */

typedef struct
{
  char   *dir;
  char   *path;
  gint64  client_id;
  gint64  document_id;   /* what the scenario opens */
  gint64  deposit_id;
} Fixture;

/* A business (so that the window opens on its main page), a client and an invoice draft of
 * three lines. */
static CptDatabase *
fixture_open (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDocument) invoice = NULL;
  g_autoptr(CptDatabase) db = ui_new_company_file (&f->dir, &f->path, CLIENT_NAME,
                                                      &f->client_id);

  invoice = cpt_documents_create (db, "invoice", f->client_id, NULL, NULL, "Pains et formation", &error);
  g_assert_no_error (error);
  f->document_id = cpt_document_get_id (invoice);
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

/* ---------------------------------------------------------------- helpers */

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
has_result (gpointer user_data)
{
  return *(GAsyncResult **) user_data != NULL;
}

static void
wait_for_result (GAsyncResult **result)
{
  if (!ui_wait_until (has_result, result, 30))
    g_error ("The PDF was neither rendered nor refused in 30 seconds");
}

/* The descriptions of a document's lines in order, "A|B|C", as stored; their positions must
 * be 1, 2, 3... */
static char *
stored_lines (CptDatabase *db,
              gint64       id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = cpt_documents_load_lines (db, id, &error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) descriptions = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < lines->len; i++)
    {
      CptDocumentLine *line = g_ptr_array_index (lines, i);

      g_assert_cmpint (cpt_document_line_get_position (line), ==, i + 1);
      g_strv_builder_add (builder, cpt_document_line_get_description (line));
    }
  descriptions = g_strv_builder_end (builder);
  return g_strjoinv ("|", descriptions);
}

/* The same, as the column view of the editor holds them. */
static char *
shown_lines (CptDocumentPage *page)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (cpt_document_page_get_lines_view (page)));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) descriptions = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CptDocumentLine) line = g_list_model_get_item (model, i);

      g_strv_builder_add (builder, cpt_document_line_get_description (line));
    }
  descriptions = g_strv_builder_end (builder);
  return g_strjoinv ("|", descriptions);
}

static CptDocumentLine *
stored_line_at (CptDatabase *db,
                gint64       id,
                guint        position)
{
  g_autoptr(GPtrArray) lines = cpt_documents_load_lines (db, id, NULL);

  g_assert_nonnull (lines);
  g_assert_cmpuint (position, <, lines->len);
  return g_object_ref (g_ptr_array_index (lines, position));
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;   /* the widget keeps it */
    }
  return NULL;
}

/* Does what pressing the key does: runs the page's shortcut for it. */
static void
press_shortcut (GtkWidget       *widget,
                guint            keyval,
                GdkModifierType  modifiers)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, modifiers);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (!gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            continue;
          g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                       gtk_shortcut_get_arguments (shortcut)));
          ui_wait (120);
          return;
        }
    }
  g_error ("No shortcut %s on the %s", gtk_shortcut_trigger_to_string (wanted), G_OBJECT_TYPE_NAME (widget));
}

/* A cell of the editor showing `line`, with an event controller of `type`. */
typedef struct
{
  gpointer line;
  GType    controller_type;
} CellQuery;

static gboolean
match_cell_with_controller (GtkWidget    *widget,
                            gconstpointer data)
{
  const CellQuery *query = data;

  return g_object_get_data (G_OBJECT (widget), "cpt-line") == query->line &&
         find_controller (widget, query->controller_type) != NULL;
}

static GtkWidget *
cell_with_controller (CptDocumentPage *page,
                      gpointer         line,
                      GType            controller_type)
{
  CellQuery query = { line, controller_type };
  GtkWidget *cell = ui_find (GTK_WIDGET (cpt_document_page_get_lines_view (page)), match_cell_with_controller, &query);

  g_assert_nonnull (cell);
  return cell;
}

/* The toast showing `title`, once it shows; returns its label. */
static gboolean
toast_shows (gpointer data)
{
  gpointer *args = data;

  return ui_find_label (args[0], args[1]) != NULL;
}

static GtkWidget *
wait_for_toast (CptWindow  *window,
                const char *title)
{
  gpointer args[] = { window, (gpointer) title };

  if (!ui_wait_until (toast_shows, args, 5))
    g_error ("No toast “%s”", title);
  return ui_find_label (GTK_WIDGET (window), title);
}

/* Clicks the Undo button of the toast titled `title`. */
static void
click_undo (CptWindow  *window,
            const char *title)
{
  GtkWidget *toast = wait_for_toast (window, title);

  for (guint i = 0; i < 4 && ui_find_button (toast, "Undo") == NULL; i++)
    toast = gtk_widget_get_parent (toast);
  g_assert_nonnull (ui_find_button (toast, "Undo"));
  ui_click (toast, "Undo");
  ui_wait (300);
}

static char *
pdf_text (PopplerDocument *document)
{
  GString *text = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      g_string_append (text, page_text);
      g_object_unref (page);
    }
  return g_string_free (text, FALSE);
}

static void
assert_contains (const char *text,
                 const char *wanted)
{
  if (strstr (text, wanted) == NULL)
    g_error ("“%s” is not in: %s", wanted, text);
}

/* ---------------------------------------------------------------- printing */

static void
print_scenario (CptApplication *app,
                CptWindow      *window,
                gpointer        data)
{
  Fixture *f = data;
  CptDocumentPage *page = ui_open_document (window, f->document_id);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  PopplerDocument *source;
  PopplerDocument *printed;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *job_name = NULL;
  g_autofree char *path = g_build_filename (f->dir, "printed.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *text = NULL;

  g_assert_true (cpt_document_page_get_read_only (page));

  /* What "document.print" hands to the print operation. */
  cpt_document_page_render_pdf (page, on_async_done, &result);
  wait_for_result (&result);
  pdf = cpt_document_page_render_pdf_finish (page, result, &job_name, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  g_assert_cmpstr (job_name, ==, "Facture FA-2026-0001");
  source = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_assert_no_error (error);

  /* Printed to a file, as a printer would get it. */
  operation = cpt_print_operation_new (pdf, job_name, &error);
  g_assert_no_error (error);
  gtk_print_operation_set_export_filename (operation, path);
  g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, GTK_WINDOW (window), &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);

  printed = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (source), >=, 1);
  g_assert_cmpint (poppler_document_get_n_pages (printed), ==, poppler_document_get_n_pages (source));
  text = pdf_text (printed);
  assert_contains (text, "FA-2026-0001");
  assert_contains (text, CLIENT_NAME);
  /* Typed in the draft before it was validated (print_typed_scenario). */
  assert_contains (text, "Atelier de viennoiserie");
  g_object_unref (printed);
  g_object_unref (source);
}

/* A draft prints what was typed a moment ago, not yet stored. */
static void
print_typed_scenario (CptApplication *app,
                      CptWindow      *window,
                      gpointer        data)
{
  Fixture *f = data;
  CptDocumentPage *page = ui_open_document (window, f->document_id);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  PopplerDocument *document;
  g_autoptr(CptDocumentLine) line = g_list_model_get_item (cpt_document_page_get_lines (page), 1);
  g_autofree char *job_name = NULL;
  g_autofree char *text = NULL;
  GtkWidget *description = NULL;

  /* Typed into the description cell of the second line, and printed at once. */
  {
    CellQuery query = { line, GTK_TYPE_DROP_TARGET };
    g_autoptr(GPtrArray) cells = ui_find_all (GTK_WIDGET (cpt_document_page_get_lines_view (page)),
                                              match_cell_with_controller, &query);

    for (guint i = 0; i < cells->len; i++)
      if (GTK_IS_TEXT_VIEW (g_ptr_array_index (cells, i)))
        description = g_ptr_array_index (cells, i);
    g_assert_nonnull (description);
  }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (description)), "Atelier de viennoiserie", -1);

  cpt_document_page_render_pdf (page, on_async_done, &result);
  wait_for_result (&result);
  pdf = cpt_document_page_render_pdf_finish (page, result, &job_name, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (job_name, ==, "Facture");
  document = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_assert_no_error (error);
  text = pdf_text (document);
  assert_contains (text, "Atelier de viennoiserie");
  assert_contains (text, CLIENT_NAME);
  g_assert_null (strstr (text, "Formation des équipes"));
  g_object_unref (document);
}

static void
test_print (void)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = fixture_open (&f);
  g_autoptr(GError) error = NULL;

  ui_run (f.path, print_typed_scenario, &f);

  g_assert_true (cpt_lifecycle_validate (db, f.document_id, NULL, &error));
  g_assert_no_error (error);
  ui_run (f.path, print_scenario, &f);
  g_clear_object (&db);
  fixture_clear (&f);
}

/* ---------------------------------------------------------------- saving as PDF */

static gboolean
save_attachment (const char *data,
                 gsize       length,
                 gpointer    user_data,
                 GError    **error)
{
  g_string_append_len (user_data, data, length);
  return TRUE;
}

static void
save_pdf_scenario (CptApplication *app,
                   CptWindow      *window,
                   gpointer        data)
{
  Fixture *f = data;
  CptDocumentPage *page = ui_open_document (window, f->document_id);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "FA-2026-0001.pdf", NULL);
  g_autofree char *missing_dir = g_build_filename (f->dir, "no such folder", NULL);
  g_autofree char *missing_path = g_build_filename (missing_dir, "FA-2026-0001.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  PopplerDocument *document;
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autofree char *text = NULL;
  GList *attachments;
  AdwDialog *dialog;

  /* Where the file dialog said. */
  cpt_document_page_save_pdf_to_file (page, file, on_async_done, &result);
  wait_for_result (&result);
  g_assert_true (cpt_document_page_save_pdf_to_file_finish (page, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  wait_for_toast (window, "Saved as “FA-2026-0001.pdf”");
  g_assert_null (ui_visible_dialog (window));

  /* A Factur-X invoice: its pages, and the XML inside, of this invoice. */
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  text = pdf_text (document);
  assert_contains (text, "FA-2026-0001");
  assert_contains (text, CLIENT_NAME);
  attachments = poppler_document_get_attachments (document);
  g_assert_cmpuint (g_list_length (attachments), ==, 1);
  g_assert_cmpstr (poppler_attachment_get_name (attachments->data), ==, "factur-x.xml");
  g_assert_true (poppler_attachment_save_to_callback (attachments->data, save_attachment, xml, &error));
  g_assert_no_error (error);
  g_list_free_full (attachments, g_object_unref);
  g_object_unref (document);
  assert_contains (xml->str, "CrossIndustryInvoice");
  assert_contains (xml->str, "<ram:ID>FA-2026-0001</ram:ID>");
  assert_contains (xml->str, CLIENT_NAME);

  /* In a folder that does not exist: nothing written, and the person is told why. */
  cpt_document_page_save_pdf_to_file (page, missing, on_async_done, &result);
  wait_for_result (&result);
  g_assert_false (cpt_document_page_save_pdf_to_file_finish (page, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (missing_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));
  dialog = ui_wait_for_dialog (window);
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  g_assert_cmpstr (adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (dialog)), ==, "Could not save the PDF");
  assert_contains (adw_alert_dialog_get_body (ADW_ALERT_DIALOG (dialog)), "no such folder");
  ui_click (GTK_WIDGET (dialog), "Close");
  ui_wait_for_no_dialog (window);
}

/* ---------------------------------------------------------------- moving lines */

static void
move_lines_scenario (CptApplication *app,
                     CptWindow      *window,
                     gpointer        data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  CptDocumentPage *page = ui_open_document (window, f->document_id);
  GtkSelectionModel *selection = gtk_column_view_get_model (cpt_document_page_get_lines_view (page));
  g_autofree char *before = NULL;
  g_autofree char *text = NULL;

  before = stored_lines (db, f->document_id);
  g_assert_cmpstr (before, ==, "Conseil en organisation|Formation des équipes|Livres de recettes");

  /* Alt+Down on the first line (selected as a click would): it goes second. */
  gtk_selection_model_select_item (selection, 0, TRUE);
  press_shortcut (GTK_WIDGET (page), GDK_KEY_Down, GDK_ALT_MASK);
  text = stored_lines (db, f->document_id);
  g_assert_cmpstr (text, ==, "Formation des équipes|Conseil en organisation|Livres de recettes");
  g_clear_pointer (&text, g_free);
  text = shown_lines (page);
  g_assert_cmpstr (text, ==, "Formation des équipes|Conseil en organisation|Livres de recettes");
  g_clear_pointer (&text, g_free);
  /* It stays selected, so that pressing again moves it again. */
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)), ==, 1);

  /* Alt+Up: back where it was. */
  press_shortcut (GTK_WIDGET (page), GDK_KEY_Up, GDK_ALT_MASK);
  text = stored_lines (db, f->document_id);
  g_assert_cmpstr (text, ==, before);
  g_clear_pointer (&text, g_free);
  text = shown_lines (page);
  g_assert_cmpstr (text, ==, before);
  g_clear_pointer (&text, g_free);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)), ==, 0);

  /* Alt+Up on the first line: nothing moves. */
  press_shortcut (GTK_WIDGET (page), GDK_KEY_Up, GDK_ALT_MASK);
  text = stored_lines (db, f->document_id);
  g_assert_cmpstr (text, ==, before);
  g_clear_pointer (&text, g_free);

  /* The last line dragged by its handle and dropped on the first line: it takes its place. */
  {
    g_autoptr(CptDocumentLine) dragged = g_list_model_get_item (G_LIST_MODEL (selection), 2);
    g_autoptr(CptDocumentLine) onto = g_list_model_get_item (G_LIST_MODEL (selection), 0);
    GtkWidget *handle = cell_with_controller (page, dragged, GTK_TYPE_DRAG_SOURCE);
    GtkWidget *target_cell = cell_with_controller (page, onto, GTK_TYPE_DROP_TARGET);
    GtkEventController *source = find_controller (handle, GTK_TYPE_DRAG_SOURCE);
    GtkEventController *target = find_controller (target_cell, GTK_TYPE_DROP_TARGET);
    g_autoptr(GdkContentProvider) content = NULL;
    g_autoptr(GError) error = NULL;
    g_auto(GValue) value = G_VALUE_INIT;
    gboolean dropped = FALSE;

    /* What the drag carries: the line's id. */
    UI_WATCHED (g_signal_emit_by_name (source, "prepare", 4.0, 4.0, &content));
    g_assert_nonnull (content);
    g_value_init (&value, G_TYPE_INT64);
    g_assert_true (gdk_content_provider_get_value (content, &value, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_value_get_int64 (&value), ==, cpt_document_line_get_id (dragged));

    UI_WATCHED (g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &dropped));
    g_assert_true (dropped);
    ui_wait (200);
  }
  text = stored_lines (db, f->document_id);
  g_assert_cmpstr (text, ==, "Livres de recettes|Conseil en organisation|Formation des équipes");
  g_clear_pointer (&text, g_free);
  text = shown_lines (page);
  g_assert_cmpstr (text, ==, "Livres de recettes|Conseil en organisation|Formation des équipes");
  g_clear_pointer (&text, g_free);

  /* The first line dropped on the last one: it goes last. */
  {
    g_autoptr(CptDocumentLine) dragged = g_list_model_get_item (G_LIST_MODEL (selection), 0);
    g_autoptr(CptDocumentLine) onto = g_list_model_get_item (G_LIST_MODEL (selection), 2);
    GtkEventController *target = find_controller (cell_with_controller (page, onto, GTK_TYPE_DROP_TARGET),
                                                  GTK_TYPE_DROP_TARGET);
    g_auto(GValue) value = G_VALUE_INIT;
    gboolean dropped = FALSE;

    g_value_init (&value, G_TYPE_INT64);
    g_value_set_int64 (&value, cpt_document_line_get_id (dragged));
    UI_WATCHED (g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &dropped));
    g_assert_true (dropped);
    ui_wait (200);
  }
  text = stored_lines (db, f->document_id);
  g_assert_cmpstr (text, ==, "Conseil en organisation|Formation des équipes|Livres de recettes");
  g_clear_pointer (&text, g_free);
  text = shown_lines (page);
  g_assert_cmpstr (text, ==, "Conseil en organisation|Formation des équipes|Livres de recettes");
}

/* ---------------------------------------------------------------- the keyboard */

/* Where the focus is, from the focused widget up to the page: what to read when a Tab
 * lands somewhere unexpected. */
static char *
describe_focus (CptWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GString *chain = g_string_new (NULL);

  if (focus == NULL)
    return g_string_free (g_string_append (chain, "nothing"), FALSE);
  for (GtkWidget *w = focus; w != NULL && !CPT_IS_DOCUMENT_PAGE (w); w = gtk_widget_get_parent (w))
    g_string_append_printf (chain, "%s%s", chain->len > 0 ? " < " : "", G_OBJECT_TYPE_NAME (w));
  g_string_append_printf (chain, " (window %s)", gtk_window_is_active (GTK_WINDOW (window)) ? "active" : "inactive");
  return g_string_free (chain, FALSE);
}

static gboolean
match_line_field (GtkWidget *widget, gconstpointer data)
{
  const int *wanted = data; /* { field, line id } */
  CptDocumentLine *line = g_object_get_data (G_OBJECT (widget), "cpt-line");

  if (line == NULL || cpt_document_line_get_id (line) != wanted[1] || !gtk_widget_get_mapped (widget))
    return FALSE;
  if (wanted[0] < 0)
    return GTK_IS_TEXT_VIEW (widget);
  return GTK_IS_ENTRY (widget) && GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "cpt-field")) == wanted[0];
}

/* The field of the line `line_id` on screen: -1 the description, 0 the quantity, 1 the unit,
 * 2 the price. */
static GtkWidget *
line_field (CptDocumentPage *page, gint64 line_id, int field)
{
  int wanted[2] = { field, (int) line_id };
  GtkWidget *widget = ui_find (GTK_WIDGET (page), match_line_field, wanted);

  if (widget == NULL)
    g_error ("field %d of line %" G_GINT64_FORMAT " is not on screen", field, line_id);
  return widget;
}

static gboolean
window_is_active (gpointer window)
{
  return gtk_window_is_active (window);
}

/* Tab from field `from` of the line lands in field `to` of the same line. The test gives the
 * focus to `from` itself, so what it checks is the order of the fields, whatever else took
 * the focus meanwhile. */
static GtkWidget *
tab_from (CptWindow *window, CptDocumentPage *page, gint64 line_id, int from, int to)
{
  GtkWidget *expected = line_field (page, line_id, to);
  GtkWidget *focus;

  /* A Tab key reaches only the active window. Other GUI tests took the input focus when
   * their windows appeared on the display they shared; in a window left inactive, GTK's
   * focus chain once went from the description to the header bar (CI, three times). Each
   * UI test has a display of its own now (own-display.sh); the window is still made
   * active first. */
  gtk_window_present (GTK_WINDOW (window));
  ui_wait_until (window_is_active, window, UI_GIVE_UP_SECONDS);
  g_assert_true (gtk_widget_grab_focus (line_field (page, line_id, from)));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  if (focus == NULL || (focus != expected && !gtk_widget_is_ancestor (focus, expected)))
    {
      g_autofree char *where = describe_focus (window);
      g_error ("Tab from field %d went to %s, not to field %d", from, where, to);
    }
  ui_wait (50);
  return expected;
}

/* A free line is typed in with the keyboard alone: the new line's description has the
 * focus, Tab goes from field to field of the line, and a price left shows as printed. */
static void
keyboard_scenario (CptApplication *app,
                   CptWindow      *window,
                   gpointer        data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  CptDocumentPage *page = ui_open_document (window, f->document_id);
  GtkWidget *focus;
  GtkWidget *entry;
  g_autoptr(CptDocumentLine) stored = NULL;
  g_autofree char *price = cpt_format_unit_price (450000);
  gint64 line_id;

  ui_activate (GTK_WIDGET (page), "document.add-line", NULL);
  ui_wait (300);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  if (!GTK_IS_TEXT_VIEW (focus))
    {
      g_autofree char *where = describe_focus (window);
      g_error ("a new line leaves the focus on %s, not on its description", where);
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus)), "Spots LED", -1);
  UI_WATCHED (cpt_document_page_save_now (page));
  ui_wait (300);
  stored = stored_line_at (db, f->document_id, 3);
  g_assert_cmpstr (cpt_document_line_get_description (stored), ==, "Spots LED");
  line_id = cpt_document_line_get_id (stored);
  g_clear_object (&stored);

  entry = tab_from (window, page, line_id, -1, 0); /* description → quantity */
  gtk_editable_set_text (GTK_EDITABLE (entry), "12");
  tab_from (window, page, line_id, 0, 1);          /* quantity → unit */
  entry = tab_from (window, page, line_id, 1, 2);  /* unit → price */
  gtk_editable_set_text (GTK_EDITABLE (entry), "45");
  {
    GtkWidget *focus_after;

    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
    focus_after = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_true (focus_after != entry && !gtk_widget_is_ancestor (focus_after, entry));
    ui_wait (50);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, price);
  }

  /* Going back to the list stores what was typed. */
  ui_activate (GTK_WIDGET (window), "win.show-section", "s", "invoices");
  ui_wait (300);
  stored = stored_line_at (db, f->document_id, 3);
  g_assert_cmpstr (cpt_document_line_get_description (stored), ==, "Spots LED");
  g_assert_cmpint (cpt_document_line_get_quantity (stored), ==, 12000);
  g_assert_cmpint (cpt_document_line_get_unit_price (stored), ==, 450000);
}

/* ---------------------------------------------------------------- a narrow window */

/* The deepest visible widget that asks for more than `width`: what to fix when the page does
 * not fit. */
static GtkWidget *
widest (GtkWidget *widget,
        int        width)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      int min = 0;

      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      if (min > width)
        return widest (child, width);
    }
  return widget;
}

static void
assert_fits (GtkWidget *page,
             int        width)
{
  GtkWidget *content = gtk_widget_get_first_child (gtk_widget_get_first_child (page));
  GtkWidget *culprit;
  int min = 0;

  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min <= width)
    return;
  culprit = widest (content, width);
  g_error ("The page asks for %d px on a %d px window, because of %s %s", min, width,
           G_OBJECT_TYPE_NAME (culprit), gtk_widget_get_name (culprit));
}

/* On a phone-wide window (380 px) the editor still fits: the lines scroll sideways, the
 * totals go under the deposits, printing moves to the menu. So do every section and a
 * client's record: nothing is cut. */
static void
narrow_scenario (CptApplication *app,
                 CptWindow      *window,
                 gpointer        data)
{
  Fixture *f = data;
  CptDocumentPage *page;
  g_autofree char *layout = NULL;

  /* GNOME's title bar buttons (Xvfb without settings has three of them). */
  g_object_get (gtk_settings_get_default (), "gtk-decoration-layout", &layout, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  gtk_window_unmaximize (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 380, 720);
  ui_wait (500);
  page = ui_open_document (window, f->document_id);
  ui_wait (300);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (page)), <=, 380);
  assert_fits (GTK_WIDGET (page), gtk_widget_get_width (GTK_WIDGET (page)));
  ui_snapshot (GTK_WIDGET (window), "ui-actions-narrow-document");

  /* Every section, and a client's record, too. */
  {
    static const char *sections[] = { "dashboard", "quotes", "invoices", "credit-notes", "deposits",
                                      "payments", "clients", "products" };

    for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
      {
        AdwNavigationPage *shown;

        ui_activate (GTK_WIDGET (window), "win.show-section", "s", sections[i]);
        ui_wait (300);
        shown = cpt_window_get_visible_page (window);
        g_test_message ("section %s", sections[i]);
        assert_fits (GTK_WIDGET (shown), gtk_widget_get_width (GTK_WIDGET (shown)));
      }
    ui_activate (GTK_WIDGET (window), "win.open-client", "x", f->client_id);
    ui_wait (300);
    assert_fits (GTK_WIDGET (cpt_window_get_visible_page (window)),
                 gtk_widget_get_width (GTK_WIDGET (cpt_window_get_visible_page (window))));
    /* Its tabs are switched from the bar at the bottom, which has their buttons. */
    {
      GtkWidget *bar = ui_find_type (GTK_WIDGET (cpt_window_get_visible_page (window)), ADW_TYPE_VIEW_SWITCHER_BAR);

      g_assert_nonnull (bar);
      g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
      g_assert_nonnull (adw_view_switcher_bar_get_stack (ADW_VIEW_SWITCHER_BAR (bar)));
      g_assert_nonnull (ui_find_type (bar, GTK_TYPE_TOGGLE_BUTTON));
      ui_snapshot (GTK_WIDGET (window), "ui-actions-narrow-client");
    }
  }
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", layout, NULL);
}

static void
test_narrow (void)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = fixture_open (&f);

  ui_run (f.path, narrow_scenario, &f);
  g_clear_object (&db);
  fixture_clear (&f);
  /* The window kept its narrow size in the settings: the next tests start wide again. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_reset (settings, "window-width");
    g_settings_reset (settings, "window-height");
    g_settings_reset (settings, "window-maximized");
  }
}

/* ---------------------------------------------------------------- preferences */

static char *
company_field (CptDatabase *db,
               const char  *field)
{
  g_autoptr(CptCompany) company = cpt_company_load (db, NULL);
  char *value = NULL;

  g_assert_nonnull (company);
  g_object_get (company, field, &value, NULL);
  return value;
}

static gboolean
says_disk_full (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), "the disk is full") != NULL;
}

static gboolean
dialog_says_disk_full (gpointer dialog)
{
  return ui_find (GTK_WIDGET (dialog), says_disk_full, NULL) != NULL;
}

/* What is typed in Preferences is kept when the dialog is closed without Enter; a field that
 * cannot be kept holds the dialog open with the reason and changes nothing. */
static void
preferences_scenario (CptApplication *app,
                      CptWindow      *window,
                      gpointer        data)
{
  CptDatabase *db = cpt_application_get_database (app);
  AdwDialog *dialog;
  g_autofree char *legal_form = NULL;
  g_autofree char *siren = NULL;

  UI_WATCHED (g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL));
  dialog = ui_wait_for_dialog (window);
  ui_type_in_row (GTK_WIDGET (dialog), "Legal Form (SARL, SAS, EI…)", "SARL");
  adw_dialog_close (dialog);
  ui_wait_for_no_dialog (window);
  legal_form = company_field (db, "legal-form");
  g_assert_cmpstr (legal_form, ==, "SARL");

  UI_WATCHED (g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL));
  dialog = ui_wait_for_dialog (window);
  ui_type_in_row (GTK_WIDGET (dialog), "SIREN", "123 456 789");
  adw_dialog_close (dialog);
  ui_wait (300);
  g_assert_true (ui_visible_dialog (window) == dialog);
  siren = company_field (db, "siren");
  g_assert_cmpstr (siren, ==, "732829320");
  ui_type_in_row (GTK_WIDGET (dialog), "SIREN", "732 829 320");
  adw_dialog_close (dialog);
  ui_wait_for_no_dialog (window);

  /* What the file refuses as the dialog is closed (here a trigger; a full disk alike) keeps it
   * open with the reason and what was typed; once the file takes it, closing saves it. */
  {
    Fixture *f = data;
    sqlite3 *raw = NULL;
    g_autofree char *kept = NULL, *saved = NULL;

    g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
    sqlite3_busy_timeout (raw, 5000);
    g_assert_cmpint (sqlite3_exec (raw, "CREATE TRIGGER refuse_company BEFORE UPDATE ON company BEGIN "
                                        "SELECT RAISE (ABORT, 'the disk is full'); END", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    UI_WATCHED (g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL));
    dialog = ui_wait_for_dialog (window);
    ui_type_in_row (GTK_WIDGET (dialog), "Legal Form (SARL, SAS, EI…)", "SAS");
    adw_dialog_close (dialog);
    g_assert_true (ui_wait_until (dialog_says_disk_full, dialog, 10));
    g_assert_true (ui_visible_dialog (window) == dialog);
    kept = company_field (db, "legal-form");
    g_assert_cmpstr (kept, ==, "SARL");
    g_assert_cmpint (sqlite3_exec (raw, "DROP TRIGGER refuse_company", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (raw);
    adw_dialog_close (dialog);
    ui_wait_for_no_dialog (window);
    saved = company_field (db, "legal-form");
    g_assert_cmpstr (saved, ==, "SAS");
  }
}

static gboolean
label_starts_with (GtkWidget    *widget,
                   gconstpointer data)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

static gboolean
is_entry_row_titled (GtkWidget    *widget,
                     gconstpointer data)
{
  return ADW_IS_ENTRY_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
not_saved_toast_shows (gpointer window)
{
  return ui_find (GTK_WIDGET (window), label_starts_with, "The changes to “Boulangerie Martin” were not saved") != NULL;
}

static gboolean
saved_toast_shows (gpointer window)
{
  return ui_find (GTK_WIDGET (window), label_starts_with, "Changes to “Boulangerie Martin” saved") != NULL;
}

/* Shows a client's Identity tab, as its tab in the view switcher does. */
static void
show_identity (AdwNavigationPage *page)
{
  g_assert_true (CPT_IS_CLIENT_PAGE (page));
  UI_WATCHED (adw_view_stack_set_visible_child_name (cpt_client_page_get_view_stack (CPT_CLIENT_PAGE (page)), "identity"));
  ui_wait (100);
}

/* Leaving a client's record keeps the identity typed without Save (saved by the worker: the
 * toast says when); what cannot be kept is said and changes nothing. */
static void
client_identity_scenario (CptApplication *app,
                          CptWindow      *window,
                          gpointer        data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  g_autoptr(CptClient) client = NULL;
  AdwNavigationPage *page;

  ui_activate (GTK_WIDGET (window), "win.open-client", "x", f->client_id);
  ui_wait (300);
  page = cpt_window_get_visible_page (window);
  /* The identity form is made when its tab first shows. */
  show_identity (page);
  ui_type_in_row (GTK_WIDGET (page), "City", "Lyon");
  ui_activate (GTK_WIDGET (window), "win.show-section", "s", "invoices");
  g_assert_true (ui_wait_until (saved_toast_shows, window, 10));
  client = cpt_client_load (db, f->client_id, NULL);
  {
    g_autofree char *city = NULL;

    g_object_get (client, "city", &city, NULL);
    g_assert_cmpstr (city, ==, "Lyon");
  }
  g_clear_object (&client);

  /* A SIREN with a typing mistake, and the record left: a toast says so, nothing is written. */
  ui_activate (GTK_WIDGET (window), "win.open-client", "x", f->client_id);
  ui_wait (300);
  page = cpt_window_get_visible_page (window);
  show_identity (page);
  /* The identity form's entry, not the overview's row of the same title. */
  gtk_editable_set_text (GTK_EDITABLE (ui_find (GTK_WIDGET (page), is_entry_row_titled, "SIREN")), "123 456 789");
  ui_type_in_row (GTK_WIDGET (page), "City", "Paris");
  ui_activate (GTK_WIDGET (window), "win.show-section", "s", "invoices");
  g_assert_true (ui_wait_until (not_saved_toast_shows, window, 5));
  client = cpt_client_load (db, f->client_id, NULL);
  {
    g_autofree char *city = NULL, *siren = NULL;

    g_object_get (client, "city", &city, "siren", &siren, NULL);
    g_assert_cmpstr (city, ==, "Lyon");
    g_assert_cmpstr (siren, ==, "542051180");
  }
}

typedef struct
{
  CptClientPage *page;
  const char    *text;
} PageLabel;

static gboolean
label_contains (GtkWidget    *widget,
                gconstpointer data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static gboolean
page_error_shows (gpointer data)
{
  PageLabel *label = data;

  return ui_find (GTK_WIDGET (label->page), label_contains, label->text) != NULL;
}

static gboolean
not_saving (gpointer page)
{
  return !cpt_client_page_is_saving (CPT_CLIENT_PAGE (page));
}

/* A save the file refuses (here a trigger; a full disk alike), by Save then by leaving:
 * what was typed stays in the form, the reason is said under it and in a toast (which
 * brings the page back once left), and the file keeps the client as it was. The write runs in the worker, not on the main loop. */
static void
client_identity_refused_scenario (CptApplication *app,
                                  CptWindow      *window,
                                  gpointer        data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  g_autoptr(CptClient) client = NULL;
  g_autofree char *city = NULL;
  CptClientPage *page;
  PageLabel refused;
  GtkWidget *row;

  g_assert_true (cpt_database_exec (db, "CREATE TRIGGER refuse_clients BEFORE UPDATE ON clients "
                                        "BEGIN SELECT RAISE (ABORT, 'the disk is full'); END", NULL));
  ui_activate (GTK_WIDGET (window), "win.open-client", "x", f->client_id);
  ui_wait (300);
  page = CPT_CLIENT_PAGE (cpt_window_get_visible_page (window));
  show_identity (ADW_NAVIGATION_PAGE (page));
  ui_type_in_row (GTK_WIDGET (page), "City", "Paris");
  ui_click (GTK_WIDGET (page), "Save Changes");
  refused.page = page;
  refused.text = "the disk is full";
  g_assert_true (ui_wait_until (page_error_shows, &refused, 10));
  g_assert_false (cpt_client_page_is_saving (page));
  row = ui_find (GTK_WIDGET (page), is_entry_row_titled, "City");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Paris");

  /* Left: the window says it, since the page is gone. */
  ui_activate (GTK_WIDGET (window), "win.show-section", "s", "invoices");
  g_assert_true (ui_wait_until (not_saved_toast_shows, window, 10));
  client = cpt_client_load (db, f->client_id, NULL);
  g_object_get (client, "city", &city, NULL);
  g_assert_cmpstr (city, ==, "Villeurbanne");
  g_clear_object (&client);
  g_clear_pointer (&city, g_free);

  /* What was typed is not lost: the toast brings the page back with it, and once the file
   * takes writes again, Save keeps it. */
  ui_wait (500);
  ui_snapshot (GTK_WIDGET (window), "ui-actions-identity-not-saved");
  g_assert_true (cpt_window_get_visible_page (window) != ADW_NAVIGATION_PAGE (page));
  ui_click (GTK_WIDGET (window), "Show");
  ui_wait (300);
  g_assert_true (cpt_window_get_visible_page (window) == ADW_NAVIGATION_PAGE (page));
  row = ui_find (GTK_WIDGET (page), is_entry_row_titled, "City");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Paris");
  g_assert_true (ui_wait_until (page_error_shows, &refused, 10));
  g_assert_true (cpt_database_exec (db, "DROP TRIGGER refuse_clients", NULL));
  ui_click (GTK_WIDGET (page), "Save Changes");
  g_assert_true (ui_wait_until (not_saving, page, 10));
  client = cpt_client_load (db, f->client_id, NULL);
  g_object_get (client, "city", &city, NULL);
  g_assert_cmpstr (city, ==, "Paris");
}

/* ---------------------------------------------------------------- Undo */

static void
undo_remove_line_scenario (CptApplication *app,
                           CptWindow      *window,
                           gpointer        data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  CptDocumentPage *page = ui_open_document (window, f->document_id);
  g_autoptr(CptDocumentLine) removed = stored_line_at (db, f->document_id, 1);
  g_autoptr(CptDocumentLine) back = NULL;
  g_autoptr(CptDocument) document = NULL;
  g_autofree char *text = NULL;

  /* "Remove" in the second line's menu. */
  ui_activate (GTK_WIDGET (page), "lines.remove-at", "u", 1);
  text = stored_lines (db, f->document_id);
  g_assert_cmpstr (text, ==, "Conseil en organisation|Livres de recettes");
  g_clear_pointer (&text, g_free);
  text = shown_lines (page);
  g_assert_cmpstr (text, ==, "Conseil en organisation|Livres de recettes");
  g_clear_pointer (&text, g_free);
  document = cpt_documents_load (db, f->document_id, NULL);
  g_assert_cmpint (cpt_document_get_total_net (document), ==, 20000 + 3750);
  g_clear_object (&document);

  click_undo (window, "Line 2 removed");

  /* Back in its place, as it was. */
  text = stored_lines (db, f->document_id);
  g_assert_cmpstr (text, ==, "Conseil en organisation|Formation des équipes|Livres de recettes");
  g_clear_pointer (&text, g_free);
  text = shown_lines (page);
  g_assert_cmpstr (text, ==, "Conseil en organisation|Formation des équipes|Livres de recettes");
  back = stored_line_at (db, f->document_id, 1);
  g_assert_cmpstr (cpt_document_line_get_description (back), ==, cpt_document_line_get_description (removed));
  g_assert_cmpint (cpt_document_line_get_quantity (back), ==, cpt_document_line_get_quantity (removed));
  g_assert_cmpint (cpt_document_line_get_unit_price (back), ==, cpt_document_line_get_unit_price (removed));
  g_assert_cmpint (cpt_document_line_get_vat_rate (back), ==, cpt_document_line_get_vat_rate (removed));
  g_assert_cmpint (cpt_document_line_get_net (back), ==, 25000);
  document = cpt_documents_load (db, f->document_id, NULL);
  g_assert_cmpint (cpt_document_get_total_net (document), ==, 20000 + 25000 + 3750);
  g_assert_cmpint (cpt_document_page_get_totals (page)->total_net, ==, 20000 + 25000 + 3750);
}

static gint64
deposit_lines (CptDatabase *db,
               gint64       id,
               gint64       deposit_id)
{
  g_autoptr(GPtrArray) lines = cpt_documents_load_lines (db, id, NULL);
  gint64 count = 0;

  for (guint i = 0; lines != NULL && i < lines->len; i++)
    if (cpt_document_line_get_deposit_id (g_ptr_array_index (lines, i)) == deposit_id)
      count++;
  return count;
}

static void
undo_detach_scenario (CptApplication *app,
                      CptWindow      *window,
                      gpointer        data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  CptDocumentPage *page = ui_open_document (window, f->document_id);
  gint64 deducted = cpt_document_page_get_totals (page)->deposits_gross;
  gint64 lines = deposit_lines (db, f->document_id, f->deposit_id);

  g_assert_cmpint (deducted, ==, 234000);
  g_assert_cmpint (lines, >=, 1);
  g_assert_cmpint (cpt_test_deposit_invoice (db, f->deposit_id), ==, f->document_id);

  ui_click (GTK_WIDGET (page), "Detach");
  ui_wait (200);
  g_assert_cmpint (cpt_test_deposit_invoice (db, f->deposit_id), ==, 0);
  g_assert_cmpint (deposit_lines (db, f->document_id, f->deposit_id), ==, 0);
  g_assert_cmpint (cpt_document_page_get_totals (page)->deposits_gross, ==, 0);
  g_assert_null (ui_find_button (GTK_WIDGET (page), "Detach"));

  click_undo (window, "Deposit FA-2026-0001 detached: it can be used on another invoice");

  g_assert_cmpint (cpt_test_deposit_invoice (db, f->deposit_id), ==, f->document_id);
  g_assert_cmpint (deposit_lines (db, f->document_id, f->deposit_id), ==, lines);
  g_assert_cmpint (cpt_document_page_get_totals (page)->deposits_gross, ==, deducted);
  g_assert_nonnull (ui_find_button (GTK_WIDGET (page), "Detach"));

  /* Detached again, and meanwhile deducted on another invoice: Undo says why it cannot. */
  ui_click (GTK_WIDGET (page), "Detach");
  ui_wait (200);
  {
    g_autoptr(CptDocument) other = cpt_documents_create (db, "invoice", f->client_id, NULL, NULL, NULL, NULL);
    g_autoptr(GError) error = NULL;
    AdwDialog *dialog;

    g_assert_nonnull (other);
    ui_add_item (db, cpt_document_get_id (other), "Travaux de peinture", 1000, 50000000, 2000);
    g_assert_true (cpt_lifecycle_attach_deposit (db, f->deposit_id, cpt_document_get_id (other), &error));
    g_assert_no_error (error);
    click_undo (window, "Deposit FA-2026-0001 detached: it can be used on another invoice");
    dialog = ui_wait_for_dialog (window);
    g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
    g_assert_cmpstr (adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (dialog)), ==, "Could not reattach the deposit");
    assert_contains (adw_alert_dialog_get_body (ADW_ALERT_DIALOG (dialog)), "already deducted");
    ui_click (GTK_WIDGET (dialog), "Close");
    ui_wait_for_no_dialog (window);
    g_assert_cmpint (cpt_test_deposit_invoice (db, f->deposit_id), ==, cpt_document_get_id (other));
    g_assert_cmpint (deposit_lines (db, f->document_id, f->deposit_id), ==, 0);
    g_assert_cmpint (cpt_document_page_get_totals (page)->deposits_gross, ==, 0);
  }
}

static void
test_undo_detach_deposit (void)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = fixture_open (&f);
  g_autoptr(CptDocument) quote = NULL;
  g_autoptr(GError) error = NULL;
  gint64 quote_id;

  /* A quote of 7 800 € accepted, a 30 % deposit invoiced and validated, then the balance. */
  quote = cpt_documents_create (db, "quote", f.client_id, NULL, NULL, "Rénovation", &error);
  g_assert_no_error (error);
  quote_id = cpt_document_get_id (quote);
  ui_add_item (db, quote_id, "Journée de conseil", 10000, 6500000, 2000);
  g_assert_true (cpt_lifecycle_quote_send (db, quote_id, NULL, &error));
  g_assert_true (cpt_lifecycle_quote_accept (db, quote_id, NULL, &error));
  g_assert_no_error (error);
  f.deposit_id = cpt_lifecycle_quote_invoice (db, quote_id, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 3000, &error);
  g_assert_no_error (error);
  g_assert_true (cpt_lifecycle_validate (db, f.deposit_id, NULL, &error));
  g_assert_no_error (error);
  /* The draft of three lines made beforehand goes: the first invoice number is the deposit's. */
  g_assert_true (cpt_lifecycle_delete (db, f.document_id, &error));
  f.document_id = cpt_lifecycle_quote_invoice (db, quote_id, CPT_QUOTE_INVOICE_BALANCE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (f.document_id, >, 0);

  ui_run (f.path, undo_detach_scenario, &f);
  g_clear_object (&db);
  fixture_clear (&f);
}

static void
undo_delete_scenario (CptApplication *app,
                      CptWindow      *window,
                      gpointer        data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  CptDocumentPage *page = ui_open_document (window, f->document_id);
  g_autoptr(GPtrArray) before = cpt_documents_load_lines (db, f->document_id, NULL);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(CptDocument) deleted = NULL;
  g_autoptr(CptDocument) again = NULL;
  g_autoptr(GError) error = NULL;
  AdwNavigationPage *visible;
  gint64 again_id;

  g_assert_cmpuint (before->len, ==, 3);
  ui_activate (GTK_WIDGET (page), "document.delete", NULL);
  page = NULL;   /* gone with the draft */
  g_assert_null (ui_visible_dialog (window));
  deleted = cpt_documents_load (db, f->document_id, &error);
  g_assert_null (deleted);
  g_clear_error (&error);
  visible = cpt_window_get_visible_page (window);
  g_assert_false (CPT_IS_DOCUMENT_PAGE (visible));

  click_undo (window, "Invoice (draft) deleted");

  /* A draft again, opened, with the same client, title and lines. */
  visible = cpt_window_get_visible_page (window);
  g_assert_true (CPT_IS_DOCUMENT_PAGE (visible));
  again_id = cpt_document_page_get_id (CPT_DOCUMENT_PAGE (visible));
  again = cpt_documents_load (db, again_id, &error);
  g_assert_no_error (error);
  g_assert_true (cpt_document_is_draft (again));
  g_assert_cmpstr (cpt_document_get_kind (again), ==, "invoice");
  g_assert_cmpint (cpt_document_get_client_id (again), ==, f->client_id);
  g_assert_cmpstr (cpt_document_get_title (again), ==, "Pains et formation");
  g_assert_cmpstr (cpt_document_get_due_date (again), ==, "2026-05-31");
  {
    g_autofree char *notes = NULL;
    g_autofree char *terms = NULL;

    g_object_get (again, "notes", &notes, "payment-terms", &terms, NULL);
    g_assert_cmpstr (notes, ==, "Livraison le matin, avant 7 h");
    g_assert_cmpstr (terms, ==, "Paiement à réception");
  }
  g_assert_cmpint (cpt_document_get_total_gross (again), ==, 57956);
  after = cpt_documents_load_lines (db, again_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      CptDocumentLine *was = g_ptr_array_index (before, i);
      CptDocumentLine *is = g_ptr_array_index (after, i);

      g_assert_cmpint (cpt_document_line_get_position (is), ==, i + 1);
      g_assert_cmpstr (cpt_document_line_get_description (is), ==, cpt_document_line_get_description (was));
      g_assert_cmpint (cpt_document_line_get_quantity (is), ==, cpt_document_line_get_quantity (was));
      g_assert_cmpint (cpt_document_line_get_unit_price (is), ==, cpt_document_line_get_unit_price (was));
      g_assert_cmpint (cpt_document_line_get_vat_rate (is), ==, cpt_document_line_get_vat_rate (was));
    }
  g_assert_cmpuint (g_list_model_get_n_items (cpt_document_page_get_lines (CPT_DOCUMENT_PAGE (visible))), ==, 3);
}

static void
test_undo_delete_draft (void)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = fixture_open (&f);
  g_autoptr(CptDocument) draft = cpt_documents_load (db, f.document_id, NULL);
  g_autoptr(GError) error = NULL;

  /* A header worked on, beyond its title. */
  g_object_set (draft, "due-date", "2026-05-31", "notes", "Livraison le matin, avant 7 h",
                "payment-terms", "Paiement à réception", NULL);
  g_assert_true (cpt_documents_update (db, draft, &error));
  g_assert_no_error (error);

  ui_run (f.path, undo_delete_scenario, &f);
  g_clear_object (&db);
  fixture_clear (&f);
}

/* ---------------------------------------------------------------- accessible names */

/* Whether a screen reader has something to say for `widget`: its own text, an accessible
 * label, or a tooltip. */
static gboolean
has_words (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (tooltip != NULL && *tooltip != '\0')
    return TRUE;
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return TRUE;
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) != NULL)
    return TRUE;
  /* A label or button content inside the button names it. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && *gtk_label_get_text (GTK_LABEL (child)) != '\0')
        return TRUE;
      if (ADW_IS_BUTTON_CONTENT (child) && adw_button_content_get_label (ADW_BUTTON_CONTENT (child)) != NULL &&
          *adw_button_content_get_label (ADW_BUTTON_CONTENT (child)) != '\0')
        return TRUE;
      if (!GTK_IS_BUTTON (child) && has_words (child))
        return TRUE;
    }
  return FALSE;
}

static void
assert_named (GtkWidget  *widget,
              const char *where)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if ((GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) ||
       GTK_IS_SWITCH (widget) || GTK_IS_ENTRY (widget) || GTK_IS_SEARCH_ENTRY (widget) ||
       GTK_IS_CHECK_BUTTON (widget)) &&
      gtk_widget_get_parent (widget) != NULL && !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget)) &&
      !ADW_IS_SPLIT_BUTTON (gtk_widget_get_parent (widget)) &&
      !GTK_IS_SPIN_BUTTON (gtk_widget_get_parent (widget)) &&   /* its own +/- buttons */
      !has_words (widget))
    g_error ("In %s, a %s (icon %s, in a %s) has no accessible name", where, G_OBJECT_TYPE_NAME (widget),
             GTK_IS_BUTTON (widget) ? gtk_button_get_icon_name (GTK_BUTTON (widget)) : "-",
             G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_named (child, where);
}

/* Every button, menu, drop-down, switch and entry of the pages says what it is. */
static void
accessible_names_scenario (CptApplication *app,
                           CptWindow      *window,
                           gpointer        data)
{
  Fixture *f = data;
  static const char *sections[] = { "dashboard", "quotes", "invoices", "credit-notes", "deposits",
                                    "payments", "clients", "products" };

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      ui_activate (GTK_WIDGET (window), "win.show-section", "s", sections[i]);
      ui_wait (300);
      assert_named (GTK_WIDGET (window), sections[i]);
    }
  ui_open_document (window, f->document_id);
  ui_wait (300);
  assert_named (GTK_WIDGET (window), "a draft invoice");
  ui_activate (GTK_WIDGET (window), "win.open-client", "x", f->client_id);
  ui_wait (300);
  assert_named (GTK_WIDGET (window), "a client's record");
  /* Each tab of the record, made when it first shows. */
  {
    static const char *tabs[] = { "identity", "documents", "deposits", "payments", "memos", "files" };
    AdwViewStack *stack = cpt_client_page_get_view_stack (CPT_CLIENT_PAGE (cpt_window_get_visible_page (window)));

    for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
      {
        g_autofree char *where = g_strdup_printf ("the %s tab of a client's record", tabs[i]);

        UI_WATCHED (adw_view_stack_set_visible_child_name (stack, tabs[i]));
        ui_wait (300);
        assert_named (GTK_WIDGET (window), where);
      }
  }

  /* And the dialogs that make things. */
  {
    static const struct { const char *section; const char *action; const char *what; } dialogs[] = {
      { "clients", "win.new-client", "the new client dialog" },
      { "invoices", "win.new-document('invoice')", "the new document dialog" },
      { "products", "page.new-product", "the new product dialog" },
      { "payments", "page.record-payment", "the payment dialog" },
      { "dashboard", "app.preferences", "Preferences" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (dialogs); i++)
      {
        g_autofree char *name = NULL;
        g_autoptr(GVariant) target = NULL;
        AdwDialog *dialog;

        ui_activate (GTK_WIDGET (window), "win.show-section", "s", dialogs[i].section);
        ui_wait (300);
        g_assert_true (g_action_parse_detailed_name (dialogs[i].action, &name, &target, NULL));
        if (g_str_has_prefix (name, "app."))
          UI_WATCHED (g_action_group_activate_action (G_ACTION_GROUP (app), name + 4, target));
        else
          g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (cpt_window_get_visible_page (window)),
                                                             name, target));
        dialog = ui_wait_for_dialog (window);
        assert_named (GTK_WIDGET (dialog), dialogs[i].what);
        adw_dialog_force_close (dialog);
        ui_wait_for_no_dialog (window);
      }
  }
}

/* ---------------------------------------------------------------- running */

/* ---------------------------------------------------------------- the dashboard's charts */

static gboolean
is_laid_out (gpointer widget)
{
  return gtk_widget_get_width (widget) > 0;
}

/* The middle of bar `index` of `n` in a chart `width` wide (12 px margins, 8 px gaps). */
static double
bar_middle (int width, guint n, guint index)
{
  double bar_width = (width - 24 - 8 * (n - 1)) / (double) n;

  return 12 + index * (bar_width + 8) + bar_width / 2;
}

/* The charts have no scale: hovering a bar says what it stands for. */
static void
dashboard_scenario (CptApplication *app,
                    CptWindow      *window,
                    gpointer        data)
{
  CptDashboardPage *page;
  g_autoptr(GPtrArray) charts = NULL;
  GtkWidget *revenue, *aging;
  char *text;

  ui_activate (GTK_WIDGET (window), "win.show-section", "s", "dashboard");
  g_assert_true (ui_wait_until (ui_dashboard_is_loaded, window, 10));
  page = CPT_DASHBOARD_PAGE (cpt_window_get_visible_page (window));
  charts = ui_find_all (GTK_WIDGET (page), ui_match_type, (gconstpointer) GTK_TYPE_DRAWING_AREA);
  g_assert_cmpuint (charts->len, ==, 2);
  revenue = g_ptr_array_index (charts, 0);
  aging = g_ptr_array_index (charts, 1);
  /* Shown once the figures are in: the next frame lays the charts out. */
  g_assert_true (ui_wait_until (is_laid_out, revenue, 5) && ui_wait_until (is_laid_out, aging, 5));
  g_assert_cmpint (gtk_widget_get_width (revenue), >, 200);

  /* The last bar is this month, with the invoice validated today; the first, a year ago. */
  text = cpt_dashboard_page_get_bar_text (page, revenue, bar_middle (gtk_widget_get_width (revenue), 12, 11));
  g_assert_cmpstr (text, ==, "March 2026: €487.50 invoiced without VAT");
  g_free (text);
  text = cpt_dashboard_page_get_bar_text (page, revenue, bar_middle (gtk_widget_get_width (revenue), 12, 0));
  g_assert_cmpstr (text, ==, "April 2025: €0.00 invoiced without VAT");
  g_free (text);
  /* Nothing in the margin nor between two bars. */
  g_assert_null (cpt_dashboard_page_get_bar_text (page, revenue, 4));
  g_assert_null (cpt_dashboard_page_get_bar_text (page, revenue,
                                                  (bar_middle (gtk_widget_get_width (revenue), 12, 3) +
                                                   bar_middle (gtk_widget_get_width (revenue), 12, 4)) / 2));

  text = cpt_dashboard_page_get_bar_text (page, aging, bar_middle (gtk_widget_get_width (aging), 4, 3));
  g_assert_cmpstr (text, ==, "More than 90 days late: €0.00");
  g_free (text);
  g_assert_true (gtk_widget_get_has_tooltip (revenue));
  g_assert_true (gtk_widget_get_has_tooltip (aging));

  /* The bar under the pointer is marked for drawing, and unmarked when the pointer leaves. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (revenue);
    GtkEventController *motion = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
        if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
          motion = controller;
      }
    g_assert_nonnull (motion);
    UI_WATCHED (g_signal_emit_by_name (motion, "motion", bar_middle (gtk_widget_get_width (revenue), 12, 11), 50.0));
    g_assert_cmpint (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (revenue), "cpt-hovered")), ==, 12);
    UI_WATCHED (g_signal_emit_by_name (motion, "leave"));
    g_assert_cmpint (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (revenue), "cpt-hovered")), ==, 0);
  }
}

/* ---------------------------------------------------------------- counts */

static gboolean
clients_counted (gpointer window)
{
  GtkLabel *label = cpt_window_get_count_label (window, "clients");

  return label != NULL && gtk_widget_get_visible (GTK_WIDGET (label));
}

/* The sidebar's counts group their digits as the lists' footers do. */
static void
counts_scenario (CptApplication *app,
                 CptWindow      *window,
                 gpointer        data)
{
  g_assert_true (ui_wait_until (clients_counted, window, 10));
  g_assert_cmpstr (gtk_label_get_text (cpt_window_get_count_label (window, "clients")), ==, "1,201");
}

static void
test_counts (void)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = fixture_open (&f);
  g_autoptr(GError) error = NULL;

  g_assert_true (cpt_database_exec (db,
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200) "
    "INSERT INTO clients (name, sort_name) SELECT 'Client ' || i, cpt_sort_key ('Client ' || i) FROM n",
    &error));
  ui_run (f.path, counts_scenario, &f);
  g_clear_object (&db);
  fixture_clear (&f);
}

/* ---------------------------------------------------------------- screen readers */

/* What a screen reader gets of a cell: GTK's AT-SPI bridge counts the characters of these
 * contents, and a cell left without text gave it none (a GLib-CRITICAL per empty
 * cell read). */
static const char *
accessible_contents (GtkWidget *cell, GBytes **bytes)
{
  GtkAccessibleTextInterface *iface = g_type_interface_peek (G_OBJECT_GET_CLASS (cell),
                                                             GTK_TYPE_ACCESSIBLE_TEXT);

  g_assert_nonnull (iface);
  *bytes = iface->get_contents (GTK_ACCESSIBLE_TEXT (cell), 0, G_MAXUINT);
  g_assert_nonnull (*bytes);
  return g_bytes_get_data (*bytes, NULL);
}

static gboolean
list_shows_client (gpointer data)
{
  g_autoptr(GPtrArray) cells = ui_find_all (GTK_WIDGET (cpt_window_get_visible_page (data)), ui_match_type,
                                            (gconstpointer) CPT_TYPE_TEXT_CELL);

  for (guint i = 0; i < cells->len; i++)
    if (g_strcmp0 (cpt_text_cell_get_text (g_ptr_array_index (cells, i)), CLIENT_NAME) == 0)
      return TRUE;
  return FALSE;
}

typedef struct
{
  CptWindow  *window;
  const char *text;
} ShownText;

static gboolean
page_shows_text (gpointer data)
{
  ShownText *shown = data;
  g_autoptr(GPtrArray) cells = ui_find_all (GTK_WIDGET (cpt_window_get_visible_page (shown->window)),
                                            ui_match_type, (gconstpointer) CPT_TYPE_TEXT_CELL);

  for (guint i = 0; i < cells->len; i++)
    if (g_strcmp0 (cpt_text_cell_get_text (g_ptr_array_index (cells, i)), shown->text) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_mapped_status_page (GtkWidget    *widget,
                       gconstpointer data)
{
  return ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), data) == 0;
}

static gboolean is_mapped_status_page (GtkWidget *widget, gconstpointer data);

typedef struct
{
  CptWindow  *window;
  const char *name;
  const char *empty;
  guint       n;
} FrameShots;

/* Each frame painted before the rows come: not the empty state; and its picture, to look at
 * (COMPTOIR_TEST_SNAPSHOTS; a widget between a change and its next frame draws nothing). */
static void
on_after_paint (GdkFrameClock *clock,
                FrameShots    *shots)
{
  g_autofree char *name = g_strdup_printf ("%s-%u", shots->name, shots->n++);

  g_assert_null (ui_find (GTK_WIDGET (shots->window), is_mapped_status_page, shots->empty));
  if (shots->n <= 4)
    ui_snapshot (GTK_WIDGET (shots->window), name);
}

/* The Clients and Products pages count and read their rows in threads: from the moment
 * they show until their rows come, they never show their empty state ("No Clients") in
 * between, which would flash before the rows. */
static void
lists_open_without_empty_state_scenario (CptApplication *app,
                                         CptWindow      *window,
                                         gpointer        data)
{
  static const struct { const char *section, *row, *empty; } lists[] = {
    { "clients", CLIENT_NAME, "No Clients" },
    { "products", "Croissant au beurre", "No Products or Services" },
  };
  CptDatabase *db = cpt_application_get_database (app);
  g_autoptr(CptProduct) product = cpt_product_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (product, "name", "Croissant au beurre", NULL);
  g_assert_true (cpt_product_insert (product, db, &error));
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      ShownText shown = { window, lists[l].row };
      gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
      g_autofree char *opening = g_strdup_printf ("ui-actions-%s-opening", lists[l].section);
      g_autofree char *open = g_strdup_printf ("ui-actions-%s-open", lists[l].section);
      FrameShots shots = { window, opening, lists[l].empty, 0 };
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
      gulong painted = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &shots);
      gboolean allowed = cpt_store_watch_allow (FALSE);

      /* Not ui_activate, which lets 120 ms go by: the page is looked at from its start. */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s",
                                                 lists[l].section));
      cpt_store_watch_allow (allowed);
      while (!page_shows_text (&shown))
        {
          g_assert_cmpint (g_get_monotonic_time (), <, end);
          g_assert_null (ui_find (GTK_WIDGET (window), is_mapped_status_page, lists[l].empty));
          /* Each turn of the main loop is looked at: a frame of the empty state would show. */
          ui_wait (5);
        }
      g_signal_handler_disconnect (clock, painted);
      g_assert_null (ui_find (GTK_WIDGET (window), is_mapped_status_page, lists[l].empty));
      /* A row bound is not yet painted: the picture after the next frames. */
      ui_wait (300);
      ui_snapshot (GTK_WIDGET (window), open);
    }
}

static void
screen_reader_scenario (CptApplication *app,
                        CptWindow      *window,
                        gpointer        data)
{
  static const char *const sections[] = { "clients", "invoices", "payments", "products" };

  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      g_autoptr(GPtrArray) cells = NULL;
      guint empty = 0;

      ui_activate (GTK_WIDGET (window), "win.show-section", "s", sections[s]);
      if (g_str_equal (sections[s], "clients"))
        g_assert_true (ui_wait_until (list_shows_client, window, 10));
      cells = ui_find_all (GTK_WIDGET (cpt_window_get_visible_page (window)), ui_match_type,
                           (gconstpointer) CPT_TYPE_TEXT_CELL);
      for (guint i = 0; i < cells->len; i++)
        {
          g_autoptr(GBytes) bytes = NULL;
          const char *text = accessible_contents (g_ptr_array_index (cells, i), &bytes);

          g_assert_nonnull (text);
          if (*text == '\0')
            empty++;
        }
      /* The client has no email: its list has an empty cell to read. */
      if (g_str_equal (sections[s], "clients"))
        g_assert_cmpuint (empty, >, 0);
    }
}

static void
test_screen_reader (void)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = fixture_open (&f);

  ui_run (f.path, screen_reader_scenario, &f);
  g_clear_object (&db);
  fixture_clear (&f);
}

/* ---------------------------------------------------------------- read-only lines */

static gboolean
column_visible (CptDocumentPage *page, const char *id)
{
  GListModel *columns = gtk_column_view_get_columns (cpt_document_page_get_lines_view (page));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_id (column), id) == 0)
        return gtk_column_view_column_get_visible (column);
    }
  g_error ("no column %s", id);
}

/* A draft's lines have their drag handles and menus; a validated document's lines, which
 * cannot change, leave no empty gutter where they were. */
static void
read_only_lines_scenario (CptApplication *app,
                          CptWindow      *window,
                          gpointer        data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  CptDocumentPage *page = ui_open_document (window, f->document_id);
  g_autoptr(GError) error = NULL;

  g_assert_false (cpt_document_page_get_read_only (page));
  g_assert_true (column_visible (page, "handle"));
  g_assert_true (column_visible (page, "menu"));
  adw_navigation_view_pop (cpt_window_get_content_view (window));
  ui_wait (300);

  g_assert_true (cpt_lifecycle_validate (db, f->document_id, NULL, &error));
  page = ui_open_document (window, f->document_id);
  g_assert_true (cpt_document_page_get_read_only (page));
  g_assert_false (column_visible (page, "handle"));
  g_assert_false (column_visible (page, "menu"));
  g_assert_true (column_visible (page, "unit"));
}

/* Paid in full, then its recipe books credited (€39.56): the invoice says what is owed to
 * the client, not a negative amount left to pay. */
static void
owed_to_client_scenario (CptApplication *app,
                         CptWindow      *window,
                         gpointer        data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  CptCreditPart books = { 0, 3000 };
  CptDocumentPage *page;
  GtkWidget *grid;
  gint64 note;

  g_assert_true (cpt_lifecycle_validate (db, f->document_id, NULL, &error));
  g_assert_cmpint (cpt_payments_mark_paid (db, f->document_id, NULL, NULL, NULL, &error), >, 0);
  lines = cpt_documents_load_lines (db, f->document_id, &error);
  books.line_id = cpt_document_line_get_id (g_ptr_array_index (lines, 2));
  note = cpt_lifecycle_credit (db, f->document_id, &books, 1, &error);
  g_assert_true (cpt_lifecycle_validate (db, note, NULL, &error));
  g_assert_no_error (error);

  page = ui_open_document (window, f->document_id);
  grid = GTK_WIDGET (cpt_document_page_get_totals_grid (page));
  g_assert_nonnull (ui_find_label (grid, "Owed to the client"));
  g_assert_nonnull (ui_find_label (grid, "€39.56"));
  g_assert_null (ui_find_label (grid, "Left to pay"));
}

/* ---------------------------------------------------------------- using a client's credit */

typedef struct
{
  Fixture *fixture;
  gint64   payment_id;
  gint64   other_id;     /* a second invoice, open */
} CreditCase;

static gint64
stored_balance (CptDatabase *db, gint64 document_id)
{
  CptDocumentBalance balance;

  g_assert_true (cpt_payments_document_balance (db, document_id, &balance, NULL));
  return balance.balance;
}

/* What is left of the payment (€39.56) pays part of the client's other invoice, from the
 * payment's own dialog. */
static void
use_credit_scenario (CptApplication *app,
                     CptWindow      *window,
                     gpointer        data)
{
  CreditCase *c = data;
  CptDatabase *db = cpt_application_get_database (app);
  CptPaymentDialog *dialog = cpt_payment_dialog_new_for_payment (cpt_application_get_context (app), c->payment_id);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(CptPayment) payment = NULL;
  GtkWidget *allocate;

  adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (window));
  g_assert_true (ui_wait_for_dialog (window) == ADW_DIALOG (dialog));
  g_assert_nonnull (ui_find_row (GTK_WIDGET (dialog), "Not allocated: the client’s credit"));
  g_assert_nonnull (ui_find_row (GTK_WIDGET (dialog), "FA-2026-0002"));
  entries = ui_find_all (GTK_WIDGET (dialog), ui_match_type, (gconstpointer) GTK_TYPE_ENTRY);
  checks = ui_find_all (GTK_WIDGET (dialog), ui_match_type, (gconstpointer) GTK_TYPE_CHECK_BUTTON);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (g_ptr_array_index (entries, 0)), ==, "39.56");
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 0)));
  allocate = ui_find_button (GTK_WIDGET (dialog), "Allocate");
  g_assert_nonnull (allocate);
  g_assert_true (gtk_widget_get_visible (allocate) && gtk_widget_get_sensitive (allocate));
  assert_named (GTK_WIDGET (dialog), "the payment's credit");

  /* A wrong amount: said in plain words, nothing written. */
  gtk_editable_set_text (g_ptr_array_index (entries, 0), "39,56 euros");
  g_assert_false (gtk_widget_get_sensitive (allocate));
  g_assert_false (cpt_payment_dialog_allocate (dialog));
  g_assert_cmpint (stored_balance (db, c->other_id), ==, 12000);
  /* More than what is left of the payment: refused by the worker, said in the dialog, which
   * stays open; nothing written. */
  gtk_editable_set_text (g_ptr_array_index (entries, 0), "50.00");
  g_assert_true (cpt_payment_dialog_allocate (dialog));
  ui_wait_for_dialog_idle (ADW_DIALOG (dialog));
  g_assert_true (ui_visible_dialog (window) == ADW_DIALOG (dialog));
  g_assert_true (adw_banner_get_revealed (ADW_BANNER (ui_find_type (GTK_WIDGET (dialog), ADW_TYPE_BANNER))));
  g_assert_cmpint (stored_balance (db, c->other_id), ==, 12000);

  gtk_editable_set_text (g_ptr_array_index (entries, 0), "39.56");
  g_assert_true (cpt_payment_dialog_allocate (dialog));
  ui_wait_for_no_dialog (window);
  g_assert_cmpint (stored_balance (db, c->other_id), ==, 12000 - 3956);
  payment = cpt_payments_load (db, c->payment_id, NULL);
  g_assert_cmpint (cpt_payment_get_allocated (payment), ==, cpt_payment_get_amount (payment));
}

/* The fixture's invoice (€579.56) validated and paid with a transfer of €619.12: €39.56 of it
 * is not allocated, the client's credit. A second invoice of €120.00 is open. */
static CptDatabase *
credit_open (Fixture *f, CreditCase *c)
{
  CptDatabase *db = fixture_open (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDocument) other = NULL;
  CptAllocation first = { 0, f->document_id, 57956 };

  c->fixture = f;
  g_assert_true (cpt_lifecycle_validate (db, f->document_id, NULL, &error));
  c->payment_id = cpt_payments_add (db, f->client_id, NULL, 61912, "transfer", "VIR 1", NULL, &first, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored_balance (db, f->document_id), ==, 0);

  other = cpt_documents_create (db, "invoice", f->client_id, NULL, NULL, "Second", &error);
  g_assert_no_error (error);
  c->other_id = cpt_document_get_id (other);
  ui_add_item (db, c->other_id, "Conseil", 1000, 1000000, 2000);   /* 120.00 */
  g_assert_true (cpt_lifecycle_validate (db, c->other_id, NULL, &error));
  return db;
}

static void
test_use_credit (void)
{
  Fixture f = { 0 };
  CreditCase c = { 0 };
  g_autoptr(CptDatabase) db = credit_open (&f, &c);

  ui_run (f.path, use_credit_scenario, &c);
  g_clear_object (&db);
  fixture_clear (&f);
}

/* A payment that cannot be read: its dialog says why in its banner (it used to open empty,
 * with nothing said). */
static void
unreadable_payment_scenario (CptApplication *app,
                             CptWindow      *window,
                             gpointer        data)
{
  CreditCase *c = data;
  CptDatabase *db = cpt_application_get_database (app);
  sqlite3 *handle = cpt_database_get_handle (db);
  CptPaymentDialog *dialog;
  AdwBanner *banner;

  g_assert_cmpint (sqlite3_exec (handle, "ALTER TABLE allocations RENAME TO allocations_gone",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_test_expect_message ("cpt-database", G_LOG_LEVEL_WARNING, "*no such table*");
  dialog = cpt_payment_dialog_new_for_payment (cpt_application_get_context (app), c->payment_id);
  adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (window));
  /* The payment is read in the worker: the table comes back once that read is over. */
  g_assert_true (ui_wait_for_dialog (window) == ADW_DIALOG (dialog));
  g_test_assert_expected_messages ();
  g_assert_cmpint (sqlite3_exec (handle, "ALTER TABLE allocations_gone RENAME TO allocations",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  banner = ADW_BANNER (ui_find_type (GTK_WIDGET (dialog), ADW_TYPE_BANNER));
  g_assert_nonnull (banner);
  g_assert_true (adw_banner_get_revealed (banner));
  g_assert_nonnull (strstr (adw_banner_get_title (banner), "no such table: allocations"));
  /* and it is not a form to record a new payment */
  g_assert_null (ui_find_button (GTK_WIDGET (dialog), "Record"));
  g_assert_nonnull (ui_find_button (GTK_WIDGET (dialog), "Close"));
  ui_wait (300);
  ui_snapshot (GTK_WIDGET (dialog), "ui-actions-unreadable-payment");
  adw_dialog_close (ADW_DIALOG (dialog));
  ui_wait_for_no_dialog (window);
}

static void
test_unreadable_payment (void)
{
  Fixture f = { 0 };
  CreditCase c = { 0 };
  g_autoptr(CptDatabase) db = credit_open (&f, &c);

  ui_run (f.path, unreadable_payment_scenario, &c);
  g_clear_object (&db);
  fixture_clear (&f);
}

static gint64
client_credit (CptDatabase *db, gint64 client_id)
{
  CptClientBalance balance;

  g_assert_true (cpt_payments_client_balance (db, client_id, NULL, &balance, NULL));
  return balance.unallocated;
}

typedef struct
{
  CptWindow  *window;
  const char *amount;
} CreditFooter;

static gboolean
label_says (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && g_str_has_suffix (gtk_label_get_text (GTK_LABEL (widget)), text);
}

/* The footer of the client's payments ends with their credit. */
static gboolean
footer_says_credit (gpointer data)
{
  CreditFooter *footer = data;
  g_autofree char *text = g_strdup_printf ("Client’s credit %s", footer->amount);

  return ui_find (GTK_WIDGET (cpt_window_get_visible_page (footer->window)), label_says, text) != NULL;
}

static gboolean
refund_is_off (gpointer window)
{
  GtkWidget *button = ui_find_button (GTK_WIDGET (cpt_window_get_visible_page (window)), "Refund the Credit");

  return button != NULL && !gtk_widget_get_sensitive (button);
}

/* The same credit given back from the client's record: all of it is offered, more is refused
 * with nothing written, and once it is refunded there is nothing left to refund. */
static void
refund_credit_scenario (CptApplication *app,
                        CptWindow      *window,
                        gpointer        data)
{
  CreditCase *c = data;
  CptDatabase *db = cpt_application_get_database (app);
  AdwNavigationPage *page;
  AdwDialog *dialog;

  ui_activate (GTK_WIDGET (window), "win.open-client", "x", c->fixture->client_id);
  ui_wait (300);
  page = cpt_window_get_visible_page (window);
  /* The payments tab is made, and reads its list, when it shows. */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (ui_find_type (GTK_WIDGET (page), ADW_TYPE_VIEW_STACK)),
                                         "payments");
  g_assert_true (gtk_widget_get_sensitive (ui_find_button (GTK_WIDGET (page), "Refund the Credit")));
  g_assert_true (ui_wait_until (footer_says_credit, &(CreditFooter) { window, "€39.56" }, 5));
  UI_WATCHED (g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "client.refund-credit", NULL)));
  dialog = ui_wait_for_dialog (window);
  g_assert_true (CPT_IS_PAYMENT_DIALOG (dialog));
  g_assert_cmpstr (adw_dialog_get_title (dialog), ==, "Refund the Client’s Credit");
  g_assert_nonnull (ui_find_row (GTK_WIDGET (dialog), "Amount Given Back"));

  /* More than the credit: refused by the worker, said in the dialog, which stays open. */
  g_assert_true (cpt_payment_dialog_record (CPT_PAYMENT_DIALOG (dialog), "50.00"));
  ui_wait_for_dialog_idle (dialog);
  g_assert_true (ui_visible_dialog (window) == dialog);
  g_assert_true (adw_banner_get_revealed (ADW_BANNER (ui_find_type (GTK_WIDGET (dialog), ADW_TYPE_BANNER))));
  g_assert_cmpint (client_credit (db, c->fixture->client_id), ==, 3956);
  g_assert_false (cpt_payment_dialog_record (CPT_PAYMENT_DIALOG (dialog), "-10.00"));
  g_assert_cmpint (client_credit (db, c->fixture->client_id), ==, 3956);
  g_assert_true (cpt_payment_dialog_record (CPT_PAYMENT_DIALOG (dialog), "39.56"));
  ui_wait_for_no_dialog (window);
  g_assert_cmpint (client_credit (db, c->fixture->client_id), ==, 0);
  /* The page reads the client again in the worker once the commit is announced, which
   * follows the dialog's closing: wait for it to show there is nothing left to refund. */
  g_assert_true (ui_wait_until (refund_is_off, window, 5));
  g_assert_true (ui_wait_until (footer_says_credit, &(CreditFooter) { window, "€0.00" }, 5));
  /* The other invoice is still to be paid: a refund is not a payment of it. */
  g_assert_cmpint (stored_balance (db, c->other_id), ==, 12000);
}

static void
test_refund_credit (void)
{
  Fixture f = { 0 };
  CreditCase c = { 0 };
  g_autoptr(CptDatabase) db = credit_open (&f, &c);

  ui_run (f.path, refund_credit_scenario, &c);
  g_clear_object (&db);
  fixture_clear (&f);
}

/* The history and the linked documents that cannot be read are said to be so, not shown
 * as empty. */
static gboolean
match_missing_table (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), "no such table: audit_events") != NULL;
}

static gboolean
label_with_missing_table_shows (gpointer window)
{
  return ui_find (window, match_missing_table, NULL) != NULL;
}

static void
side_groups_error_scenario (CptApplication *app,
                            CptWindow      *window,
                            gpointer        data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  GLogLevelFlags fatal;

  ui_open_document (window, f->document_id);
  adw_navigation_view_pop (cpt_window_get_content_view (window));
  ui_wait (300);

  /* The page reads in the worker, on a connection of its own: the toast says what that
   * connection's SQLite said of the missing table. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_assert_cmpint (sqlite3_exec (cpt_database_get_handle (db),
                                 "ALTER TABLE audit_events RENAME TO events_gone",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  ui_open_document (window, f->document_id);
  if (!ui_wait_until (label_with_missing_table_shows, window, 5))
    g_error ("No toast says the history could not be read");
  /* The rest of the page is shown: its lines and totals. */
  g_assert_nonnull (ui_find_label (GTK_WIDGET (window), "Total without VAT"));
  g_assert_cmpint (sqlite3_exec (cpt_database_get_handle (db),
                                 "ALTER TABLE events_gone RENAME TO audit_events",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_log_set_always_fatal (fatal);
}

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

/* The same, with the fixture's invoice validated first. */
static void
test_validated_scenario (gconstpointer scenario)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = fixture_open (&f);
  g_autoptr(GError) error = NULL;

  g_assert_true (cpt_lifecycle_validate (db, f.document_id, NULL, &error));
  g_assert_no_error (error);
  ui_run (f.path, (UiScenario) scenario, &f);
  g_clear_object (&db);
  fixture_clear (&f);
}

/* ---------------------------------------------------------------- what the window refuses */

static gboolean
match_banner (GtkWidget *widget, gconstpointer data)
{
  return ADW_IS_BANNER (widget) && adw_banner_get_revealed (ADW_BANNER (widget)) &&
         strstr (adw_banner_get_title (ADW_BANNER (widget)), data) != NULL;
}

/* A draft dated 55 days ago: Validate asks to confirm that date, saying why, with Cancel as
 * the default; cancelling changes nothing, confirming validates it. Then "Record a Payment"
 * refuses a negative amount with a readable message (refunds have their own action). */
static void
old_date_and_negative_payment_scenario (CptApplication *app,
                                        CptWindow      *window,
                                        gpointer        data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDocument) document = cpt_documents_load (db, f->document_id, &error);
  g_autoptr(GArray) paid = NULL;
  CptDocumentPage *page;
  AdwDialog *dialog;

  g_object_set (document, "date", "2026-01-20", "due-date", "2026-03-31", NULL);
  g_assert_true (cpt_documents_update (db, document, &error));
  g_assert_no_error (error);
  page = ui_open_document (window, f->document_id);

  ui_activate (GTK_WIDGET (page), "document.validate", NULL);
  dialog = ui_wait_for_dialog (window);
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  g_assert_cmpstr (adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (dialog)), ==, "Validate With an Old Date?");
  g_assert_nonnull (strstr (adw_alert_dialog_get_body (ADW_ALERT_DIALOG (dialog)), "55 days ago"));
  g_assert_nonnull (strstr (adw_alert_dialog_get_body (ADW_ALERT_DIALOG (dialog)), "order of dates"));
  g_assert_cmpstr (adw_alert_dialog_get_default_response (ADW_ALERT_DIALOG (dialog)), ==, "cancel");
  ui_snapshot (GTK_WIDGET (window), "ui-actions-old-date");
  ui_click (GTK_WIDGET (dialog), "Cancel");
  ui_wait_for_no_dialog (window);
  g_clear_object (&document);
  document = cpt_documents_load (db, f->document_id, &error);
  g_assert_true (cpt_document_is_draft (document));

  ui_activate (GTK_WIDGET (page), "document.validate", NULL);
  dialog = ui_wait_for_dialog (window);
  ui_click (GTK_WIDGET (dialog), "Validate With This Date");
  ui_wait_for_no_dialog (window);
  g_clear_object (&document);
  document = cpt_documents_load (db, f->document_id, &error);
  g_assert_cmpstr (cpt_document_get_status (document), ==, "validated");
  g_assert_cmpstr (cpt_document_get_date (document), ==, "2026-01-20");

  dialog = ADW_DIALOG (cpt_payment_dialog_new (cpt_application_get_context (app), f->client_id));
  adw_dialog_present (dialog, GTK_WIDGET (window));
  ui_wait_for_dialog (window);
  g_assert_false (cpt_payment_dialog_record (CPT_PAYMENT_DIALOG (dialog), "-50.00"));
  g_assert_nonnull (ui_find (GTK_WIDGET (dialog), match_banner, "A payment received is a positive amount"));
  ui_snapshot (GTK_WIDGET (window), "ui-actions-negative-payment");
  paid = cpt_payments_allocations_of_document (db, f->document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (paid->len, ==, 0);
  adw_dialog_force_close (dialog);
  ui_wait_for_no_dialog (window);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("COMPTOIR_TODAY", TODAY, TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/actions/print", test_print);
  g_test_add_data_func ("/ui/actions/save-pdf", (gconstpointer) save_pdf_scenario, test_validated_scenario);
  g_test_add_data_func ("/ui/actions/move-lines", (gconstpointer) move_lines_scenario, test_scenario);
  g_test_add_data_func ("/ui/actions/keyboard", (gconstpointer) keyboard_scenario, test_scenario);
  g_test_add_func ("/ui/actions/narrow", test_narrow);
  g_test_add_data_func ("/ui/actions/preferences", (gconstpointer) preferences_scenario, test_scenario);
  g_test_add_data_func ("/ui/actions/client-identity", (gconstpointer) client_identity_scenario, test_scenario);
  g_test_add_data_func ("/ui/actions/client-identity-refused",
                        (gconstpointer) client_identity_refused_scenario, test_scenario);
  g_test_add_data_func ("/ui/actions/lists-open-without-empty-state",
                        (gconstpointer) lists_open_without_empty_state_scenario, test_scenario);
  g_test_add_data_func ("/ui/actions/accessible-names", (gconstpointer) accessible_names_scenario, test_scenario);
  g_test_add_data_func ("/ui/actions/undo/remove-line", (gconstpointer) undo_remove_line_scenario, test_scenario);
  g_test_add_func ("/ui/actions/undo/detach-deposit", test_undo_detach_deposit);
  g_test_add_func ("/ui/actions/undo/delete-draft", test_undo_delete_draft);
  g_test_add_data_func ("/ui/actions/dashboard-tooltips", (gconstpointer) dashboard_scenario, test_validated_scenario);
  g_test_add_data_func ("/ui/actions/read-only-lines", (gconstpointer) read_only_lines_scenario, test_scenario);
  g_test_add_data_func ("/ui/actions/side-groups-errors", (gconstpointer) side_groups_error_scenario, test_scenario);
  g_test_add_data_func ("/ui/actions/owed-to-client", (gconstpointer) owed_to_client_scenario, test_scenario);
  g_test_add_func ("/ui/actions/use-credit", test_use_credit);
  g_test_add_func ("/ui/actions/unreadable-payment", test_unreadable_payment);
  g_test_add_func ("/ui/actions/counts", test_counts);
  g_test_add_func ("/ui/actions/screen-reader-reads-empty-cells", test_screen_reader);
  g_test_add_func ("/ui/actions/refund-credit", test_refund_credit);
  g_test_add_data_func ("/ui/actions/old-date-and-negative-payment",
                        (gconstpointer) old_date_and_negative_payment_scenario, test_scenario);

  return g_test_run ();
}

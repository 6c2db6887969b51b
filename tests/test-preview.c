/* The preview widget and printing (issue 5), in-process under a virtual display: the preview
 * shows the pages of the PDF through Poppler, renders in a thread, keeps the last images
 * while a new rendering runs, merges changes that come meanwhile, zooms; printing draws the
 * same PDF page by page (exported to a file here, since no printer is there). */
#include <gtk/gtk.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "cpt-pdf.h"
#include "cpt-pdf-pages.h"
#include "cpt-preview.h"
#include "cpt-print.h"
#include "cpt-render-fixtures.h"

static CptRenderFixtures fixtures;
static char *workdir;

static CptRenderDocument *
load (gint64 id)
{
  g_autoptr(GError) error = NULL;
  CptRenderDocument *doc = cpt_render_document_load (fixtures.db, id, &error);

  g_assert_no_error (error);
  return doc;
}

/* Iterates until `pdf` differs from `before` (a rendering arrived), at most 10 s. */
static double
wait_for_pdf (CptPreview *preview, GBytes *before)
{
  gint64 start = g_get_monotonic_time ();

  while (cpt_preview_get_pdf (preview) == NULL || cpt_preview_get_pdf (preview) == before)
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () - start > 10 * G_USEC_PER_SEC)
        g_error ("the preview did not render within 10 s");
      g_usleep (500);
    }
  return (g_get_monotonic_time () - start) / 1000.0;
}

static GdkPaintable *
first_page (CptPreview *preview)
{
  GtkWidget *scrolled = gtk_widget_get_first_child (GTK_WIDGET (preview));
  GtkWidget *viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  GtkWidget *column = gtk_viewport_get_child (GTK_VIEWPORT (viewport));
  GtkWidget *pages = gtk_widget_get_next_sibling (gtk_widget_get_first_child (column));

  return gtk_picture_get_paintable (GTK_PICTURE (gtk_widget_get_first_child (pages)));
}

static void
test_preview (void)
{
  GtkWidget *window = gtk_window_new ();
  CptPreview *preview = CPT_PREVIEW (cpt_preview_new ());
  GdkPaintable *page;
  GBytes *pdf;
  double ms;
  int width;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (preview));
  gtk_window_present (GTK_WINDOW (window));

  cpt_preview_set_document (preview, load (fixtures.long_invoice));
  ms = wait_for_pdf (preview, NULL);
  g_test_message ("first rendering of 4 pages: %.0f ms", ms);
  g_assert_cmpuint (cpt_preview_get_n_pages (preview), ==, 4);
  page = first_page (preview);
  g_assert_true (GDK_IS_TEXTURE (page));
  width = gdk_texture_get_width (GDK_TEXTURE (page));
  /* A4 at 96 dpi, times the scale factor */
  g_assert_cmpint (width, ==, (int) ceil (595.2756 * 96.0 / 72.0 * gtk_widget_get_scale_factor (window)));

  /* A change on a draft: a one-page document renders again quickly. The figure is only
   * reported (the machine is shared); the design goal is 50 ms. */
  pdf = cpt_preview_get_pdf (preview);
  cpt_preview_set_document (preview, load (fixtures.draft));
  /* the old pages stay until the new ones are there */
  g_assert_cmpuint (cpt_preview_get_n_pages (preview), ==, 4);
  ms = wait_for_pdf (preview, pdf);
  g_test_message ("a draft redrawn in %.0f ms", ms);
  g_assert_cmpuint (cpt_preview_get_n_pages (preview), ==, 1);
  for (int i = 0; i < 3; i++)
    {
      pdf = cpt_preview_get_pdf (preview);
      cpt_preview_set_document (preview, load (fixtures.draft));
      ms = wait_for_pdf (preview, pdf);
      g_test_message ("and again in %.0f ms", ms);
    }

  /* Changes coming while a rendering runs: only the last one is shown. */
  cpt_preview_set_document (preview, load (fixtures.long_invoice));
  cpt_preview_set_document (preview, load (fixtures.invoice));
  cpt_preview_set_document (preview, load (fixtures.balance));
  {
    g_autoptr(CptRenderDocument) balance = load (fixtures.balance);
    gint64 start = g_get_monotonic_time ();
    gboolean shown = FALSE;

    while (!shown)
      {
        GBytes *current = cpt_preview_get_pdf (preview);
        PopplerDocument *document = poppler_document_new_from_bytes (current, NULL, NULL);
        PopplerPage *first = poppler_document_get_page (document, 0);
        g_autofree char *text = poppler_page_get_text (first);

        shown = strstr (text, balance->number) != NULL;
        g_object_unref (first);
        g_object_unref (document);
        g_main_context_iteration (NULL, FALSE);
        g_usleep (2000);
        g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
      }
    g_assert_cmpuint (cpt_preview_get_n_pages (preview), ==, 1);
  }

  /* Zoom: the images are made again at the new size. */
  pdf = cpt_preview_get_pdf (preview);
  gtk_widget_activate_action (GTK_WIDGET (preview), "preview.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (cpt_preview_get_zoom (preview), 1.25, 0.001);
  {
    gint64 start = g_get_monotonic_time ();
    while (gdk_texture_get_width (GDK_TEXTURE (first_page (preview))) == width)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
        g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
      }
  }
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (first_page (preview))), >, width);
  cpt_preview_set_zoom (preview, 100);
  g_assert_cmpfloat (cpt_preview_get_zoom (preview), ==, CPT_PREVIEW_ZOOM_MAX);
  gtk_widget_activate_action (GTK_WIDGET (preview), "preview.zoom-reset", NULL);
  g_assert_cmpfloat (cpt_preview_get_zoom (preview), ==, 1.0);

  if (g_getenv ("COMPTOIR_RENDER_KEEP") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("COMPTOIR_RENDER_KEEP"), "preview-page-1.png", NULL);
      gdk_texture_save_to_png (GDK_TEXTURE (first_page (preview)), path);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_done (GtkPrintOperation *operation, GtkPrintOperationResult result, gboolean *finished)
{
  *finished = TRUE;
}

static void
test_print (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptRenderDocument) doc = load (fixtures.long_invoice);
  g_autoptr(GBytes) pdf = cpt_pdf_render (doc, CPT_PDF_DEFAULT, &error);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *path = g_build_filename (workdir, "printed.pdf", NULL);
  g_autofree char *uri = NULL;
  PopplerDocument *printed;
  gboolean finished = FALSE;

  g_assert_no_error (error);
  operation = cpt_print_operation_new (pdf, "Facture FA/2026/0001", &error);
  g_assert_no_error (error);
  /* Printed to a file, it is named after the document, without the slashes a path refuses. */
  g_assert_cmpstr (gtk_print_settings_get (gtk_print_operation_get_print_settings (operation),
                                           GTK_PRINT_SETTINGS_OUTPUT_BASENAME), ==, "Facture FA-2026-0001");
  g_signal_connect (operation, "done", G_CALLBACK (on_done), &finished);
  gtk_print_operation_set_export_filename (operation, path);
  g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error), ==,
                   GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  while (!finished)
    g_main_context_iteration (NULL, TRUE);

  /* What was printed is the document: its pages, its text. */
  uri = g_filename_to_uri (path, NULL, NULL);
  printed = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (printed), ==, 4);
  for (int i = 0; i < 4; i++)
    {
      PopplerPage *page = poppler_document_get_page (printed, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree char *numbering = g_strdup_printf ("page %d / 4", i + 1);
      double width, height;

      poppler_page_get_size (page, &width, &height);
      g_assert_cmpfloat_with_epsilon (width, 595.28, 1.0);
      g_assert_cmpfloat_with_epsilon (height, 841.89, 1.0);
      g_assert_nonnull (strstr (text, doc->number));
      g_assert_nonnull (strstr (text, numbering));
      g_object_unref (page);
    }
  g_object_unref (printed);

  g_assert_null (cpt_print_operation_new (g_bytes_new_static ("not a pdf", 9), NULL, &error));
  g_assert_error (error, GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL);
}

/* An operation dropped while its pages are still being rendered in their thread: the
 * thread stops, nothing is drawn, nothing is used after it is freed. */
static void
test_print_dropped (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptRenderDocument) doc = load (fixtures.long_invoice);
  g_autoptr(GBytes) pdf = cpt_pdf_render (doc, CPT_PDF_DEFAULT, &error);
  GtkPrintOperation *operation;
  gint64 end;

  g_assert_no_error (error);
  operation = cpt_print_operation_new (pdf, "Facture FA/2026/0001", &error);
  g_assert_no_error (error);
  g_object_unref (operation);
  end = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* The message of the preview, once it shows one (at most 10 s). */
static const char *
wait_for_message (CptPreview *preview)
{
  GtkWidget *scrolled = gtk_widget_get_first_child (GTK_WIDGET (preview));
  GtkWidget *viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  GtkWidget *message = gtk_widget_get_first_child (gtk_viewport_get_child (GTK_VIEWPORT (viewport)));
  gint64 start = g_get_monotonic_time ();

  while (!gtk_widget_get_visible (message))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
    }
  return gtk_label_get_text (GTK_LABEL (message));
}

/* Poppler comes in a module loaded when a PDF is first opened (cpt-pdf-pages.c). An
 * installation without it still starts; the preview and printing say what is missing. Run
 * in a process of its own, told to look for the module in an empty folder. */
static void
test_reader_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptRenderDocument) doc = load (fixtures.invoice);
  g_autoptr(GBytes) pdf = cpt_pdf_render (doc, CPT_PDF_DEFAULT, &error);
  g_autofree char *missing = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(CptPdfPages) pages = NULL;
  GtkWidget *window;
  CptPreview *preview;

  if (!g_test_subprocess ())
    {
      g_autofree char *empty = g_build_filename (workdir, "no-modules", NULL);
      g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "COMPTOIR_MODULEDIR", empty, TRUE);

      g_assert_no_error (error);
      g_assert_no_errno (g_mkdir_with_parents (empty, 0700));
      g_test_trap_subprocess_with_envp (NULL, (const char * const *) envp, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      /* and this process, which has the module, reads the same PDF */
      pages = cpt_pdf_pages_new_from_bytes (pdf, &error);
      g_assert_no_error (error);
      g_assert_cmpint (cpt_pdf_pages_get_n_pages (pages), ==, 1);
      return;
    }

  /* (the child has a working folder of its own) */
  missing = g_build_filename (g_getenv ("COMPTOIR_MODULEDIR"), "comptoir-pdf.so", NULL);
  expected = g_strdup_printf ("Comptoir’s PDF reader could not be loaded from %s: ", missing);
  g_assert_no_error (error);
  g_assert_null (cpt_pdf_pages_new_from_bytes (pdf, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_clear_error (&error);

  /* The preview shows it in place of the pages... */
  window = gtk_window_new ();
  preview = CPT_PREVIEW (cpt_preview_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (preview));
  gtk_window_present (GTK_WINDOW (window));
  cpt_preview_set_pdf (preview, pdf);
  g_assert_true (g_str_has_prefix (wait_for_message (preview), "The preview cannot be shown: Comptoir’s PDF reader"));
  g_assert_cmpuint (cpt_preview_get_n_pages (preview), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));

  /* ...and printing says it before its dialog. */
  g_assert_null (cpt_print_operation_new (pdf, "Facture", &error));
  g_assert_error (error, GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL);
  g_assert_nonnull (strstr (error->message, expected));
}

int
main (int argc, char **argv)
{
  int status;

  g_setenv ("COMPTOIR_TODAY", "2026-03-25", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  workdir = cpt_test_make_dir ();
  cpt_render_fixtures_build (&fixtures, workdir);
  g_test_add_func ("/preview/render-zoom", test_preview);
  g_test_add_func ("/print/export", test_print);
  g_test_add_func ("/print/dropped-while-rendering", test_print_dropped);
  g_test_add_func ("/preview/reader-missing", test_reader_missing);
  status = g_test_run ();
  cpt_render_fixtures_clear (&fixtures);
  cpt_test_cleanup_dir (workdir);
  g_free (workdir);
  return status;
}

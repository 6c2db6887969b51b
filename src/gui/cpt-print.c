#define G_LOG_DOMAIN "cpt-print"

#include "cpt-print.h"
#include "cpt-pdf-pages.h"

#include <glib/gi18n.h>

typedef struct
{
  gboolean printed;
  gboolean returned;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_free (job);
}

/* The pages, rendered by Poppler in a thread into recording surfaces as soon as the
 * operation is made (tens of milliseconds a page): draw-page only replays them, vectors
 * kept. Until they are all there, draw-page defers its drawing. */
typedef struct
{
  CptPdfPages       *document;   /* the thread's only, until it is done; then kept for the
                                  * fonts the recordings hold */
  int                n_pages;
  cairo_surface_t  **pages;      /* recordings, once rendered */
  double            *widths, *heights;
  gboolean           rendered;
  GCancellable      *cancellable;
  GtkPrintOperation *operation;  /* (weak) waiting for `deferred` */
  int                deferred;   /* the page draw-page waits to draw, or -1 */
  GtkPrintContext   *context;    /* its context (held while waiting) */
} Pages;

/* Shared by the operation and the rendering thread (an atomic reference-counted box). */
static void
pages_clear (Pages *pages)
{
  for (int i = 0; pages->pages != NULL && i < pages->n_pages; i++)
    g_clear_pointer (&pages->pages[i], cairo_surface_destroy);
  g_free (pages->pages);
  g_free (pages->widths);
  g_free (pages->heights);
  g_clear_object (&pages->context);
  g_clear_object (&pages->cancellable);
  /* After the recordings: their fonts are the document's. */
  g_clear_object (&pages->document);
}

static void
pages_release (Pages *pages)
{
  g_atomic_rc_box_release_full (pages, (GDestroyNotify) pages_clear);
}

/* The operation goes: a rendering still under way stops, and nothing is drawn for it. */
static void
pages_drop_operation (Pages *pages)
{
  pages->operation = NULL;
  g_cancellable_cancel (pages->cancellable);
  pages_release (pages);
}

static void
render_pages_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Pages *pages = task_data;

  for (int i = 0; i < pages->n_pages && !g_cancellable_is_cancelled (cancellable); i++)
    {
      cairo_rectangle_t extents = { 0, 0, 0, 0 };
      cairo_t *cr;

      if (!cpt_pdf_pages_get_page_size (pages->document, i, &pages->widths[i], &pages->heights[i]))
        continue;
      extents.width = pages->widths[i];
      extents.height = pages->heights[i];
      pages->pages[i] = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
      cr = cairo_create (pages->pages[i]);
      cpt_pdf_pages_render_page (pages->document, i, cr, TRUE);
      cairo_destroy (cr);
    }
  g_task_return_boolean (task, TRUE);
}

static void draw_recording (Pages *pages, GtkPrintContext *context, int page_nr);

static void
on_pages_rendered (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Pages *pages = g_task_get_task_data (G_TASK (result));
  g_autoptr(GtkPrintOperation) operation = NULL;

  if (pages->operation == NULL || g_cancellable_is_cancelled (pages->cancellable))
    return;
  pages->rendered = TRUE;
  operation = g_object_ref (pages->operation);
  if (pages->deferred >= 0)
    {
      int page_nr = pages->deferred;
      g_autoptr(GtkPrintContext) context = g_steal_pointer (&pages->context);

      pages->deferred = -1;
      draw_recording (pages, context, page_nr);
      gtk_print_operation_draw_page_finish (operation);
    }
}

static void
begin_print (GtkPrintOperation *operation, GtkPrintContext *context, Pages *pages)
{
  gtk_print_operation_set_n_pages (operation, pages->n_pages);
}

static void
draw_recording (Pages *pages, GtkPrintContext *context, int page_nr)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width, height, scale;

  if (page_nr < 0 || page_nr >= pages->n_pages || pages->pages[page_nr] == NULL)
    return;
  /* Full page, in points: on A4 the PDF lands 1:1; on another paper it is scaled to fit and
   * centred. */
  width = gtk_print_context_get_width (context);
  height = gtk_print_context_get_height (context);
  scale = MIN (width / pages->widths[page_nr], height / pages->heights[page_nr]);
  cairo_save (cr);
  cairo_translate (cr, (width - pages->widths[page_nr] * scale) / 2,
                   (height - pages->heights[page_nr] * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, pages->pages[page_nr], 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
draw_page (GtkPrintOperation *operation, GtkPrintContext *context, int page_nr, Pages *pages)
{
  if (pages->rendered)
    {
      draw_recording (pages, context, page_nr);
      return;
    }
  /* The thread is still at it: this page is drawn when it is done. */
  gtk_print_operation_set_defer_drawing (operation);
  pages->deferred = page_nr;
  g_set_object (&pages->context, context);
}

/* The printer and options chosen last, offered again at the next print of the session. */
static GtkPrintSettings *last_settings;

static void
done (GtkPrintOperation *operation, GtkPrintOperationResult result, GTask *task)
{
  PrintJob *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (job->returned)
    return;
  job->returned = TRUE;
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      if (error == NULL)
        error = g_error_new_literal (GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL,
                                     _("The document could not be printed"));
      g_task_return_error (task, error);
    }
  else
    {
      job->printed = result == GTK_PRINT_OPERATION_RESULT_APPLY;
      if (job->printed)
        g_set_object (&last_settings, gtk_print_operation_get_print_settings (operation));
      g_task_return_boolean (task, TRUE);
    }
  g_object_unref (task);
}

GtkPrintOperation *
cpt_print_operation_new (GBytes *pdf, const char *job_name, GError **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPaperSize) a4 = NULL;
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autoptr(GError) local_error = NULL;
  CptPdfPages *document;
  Pages *pages;

  g_return_val_if_fail (pdf != NULL, NULL);
  document = cpt_pdf_pages_new_from_bytes (pdf, &local_error);
  if (document == NULL)
    {
      g_set_error (error, GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL,
                   _("The document could not be prepared for printing: %s"), local_error->message);
      return NULL;
    }
  operation = gtk_print_operation_new ();
  pages = g_atomic_rc_box_new0 (Pages);
  pages->document = document;
  pages->n_pages = cpt_pdf_pages_get_n_pages (document);
  pages->pages = g_new0 (cairo_surface_t *, pages->n_pages);
  pages->widths = g_new0 (double, pages->n_pages);
  pages->heights = g_new0 (double, pages->n_pages);
  pages->cancellable = g_cancellable_new ();
  pages->operation = operation;
  pages->deferred = -1;
  g_object_set_data_full (G_OBJECT (operation), "cpt-print-pages", pages,
                          (GDestroyNotify) pages_drop_operation);
  {
    /* The task holds no reference on the operation (dropping it cancels the rendering),
     * only on the pages, which the thread uses until it returns. */
    g_autoptr(GTask) task = g_task_new (NULL, pages->cancellable, on_pages_rendered, NULL);

    g_task_set_source_tag (task, cpt_print_operation_new);
    g_task_set_task_data (task, g_atomic_rc_box_acquire (pages), (GDestroyNotify) pages_release);
    g_task_run_in_thread (task, render_pages_thread);
  }
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  setup = gtk_page_setup_new ();
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  settings = last_settings != NULL ? gtk_print_settings_copy (last_settings) : gtk_print_settings_new ();
  if (job_name != NULL)
    {
      g_autofree char *basename = g_strdelimit (g_strdup (job_name), "/\\:", '-');

      gtk_print_operation_set_job_name (operation, job_name);
      /* "Print to File" proposes the document's name rather than "output.pdf". */
      gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, basename);
    }
  gtk_print_operation_set_print_settings (operation, settings);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print), pages);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page), pages);
  return g_steal_pointer (&operation);
}

void
cpt_print_pdf (GtkWindow *parent, GBytes *pdf, const char *job_name, GCancellable *cancellable,
               GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;
  PrintJob *job;
  GTask *task;

  g_return_if_fail (pdf != NULL);
  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, cpt_print_pdf);
  job = g_new0 (PrintJob, 1);
  g_task_set_task_data (task, job, (GDestroyNotify) print_job_free);
  operation = cpt_print_operation_new (pdf, job_name, &error);
  if (operation == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (done), task);

  /* "done" returns the task when the operation ends; an operation that fails at once may
   * end without it. */
  g_object_ref (task);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS && !job->returned)
    {
      job->returned = TRUE;
      if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
        g_task_return_new_error (task, GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL,
                                 _("The document could not be printed: %s"),
                                 error ? error->message : _("the printing system refused it"));
      else
        {
          job->printed = result == GTK_PRINT_OPERATION_RESULT_APPLY;
          g_task_return_boolean (task, TRUE);
        }
      g_object_unref (task);
    }
  g_object_unref (task);
}

gboolean
cpt_print_pdf_finish (GAsyncResult *result, gboolean *out_printed, GError **error)
{
  GTask *task = G_TASK (result);
  PrintJob *job;

  g_return_val_if_fail (g_task_get_source_tag (task) == cpt_print_pdf, FALSE);
  job = g_task_get_task_data (task);
  if (!g_task_propagate_boolean (task, error))
    return FALSE;
  if (out_printed != NULL)
    *out_printed = job->printed;
  return TRUE;
}

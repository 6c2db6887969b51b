#define G_LOG_DOMAIN "cpt-print"

#include "cpt-print.h"

#include <glib/gi18n.h>
#include <poppler.h>

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

static void
begin_print (GtkPrintOperation *operation, GtkPrintContext *context, PopplerDocument *document)
{
  gtk_print_operation_set_n_pages (operation, poppler_document_get_n_pages (document));
}

static void
draw_page (GtkPrintOperation *operation, GtkPrintContext *context, int page_nr, PopplerDocument *document)
{
  PopplerPage *page = poppler_document_get_page (document, page_nr);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double page_width, page_height, width, height, scale;

  if (page == NULL)
    return;
  /* Full page, in points: on A4 the PDF lands 1:1; on another paper it is scaled to fit and
   * centred. */
  poppler_page_get_size (page, &page_width, &page_height);
  width = gtk_print_context_get_width (context);
  height = gtk_print_context_get_height (context);
  scale = MIN (width / page_width, height / page_height);
  cairo_save (cr);
  cairo_translate (cr, (width - page_width * scale) / 2, (height - page_height * scale) / 2);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  cairo_restore (cr);
  g_object_unref (page);
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
  PopplerDocument *document;

  g_return_val_if_fail (pdf != NULL, NULL);
  document = poppler_document_new_from_bytes (pdf, NULL, &local_error);
  if (document == NULL)
    {
      g_set_error (error, GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL,
                   _("The document could not be prepared for printing: %s"), local_error->message);
      return NULL;
    }
  operation = gtk_print_operation_new ();
  g_object_set_data_full (G_OBJECT (operation), "cpt-print-document", document, g_object_unref);
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
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print), document);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page), document);
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

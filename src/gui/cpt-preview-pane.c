/* cpt-preview-pane.c: the printable preview beside the editor; saving and printing the PDF.
 *
 * The preview (CptPreview) and printing (cpt_print_pdf) come with the rendering work; this
 * pane feeds them the document, again after each change, and renders the PDF afresh in a
 * thread to save or print it, so that what is saved is the document as it is now. */
#define G_LOG_DOMAIN "cpt-preview-pane"

#include <math.h>
#include <glib/gi18n.h>

#include "cpt-gui-utils.h"
#include "cpt-pdf.h"
#include "cpt-preview.h"
#include "cpt-preview-pane.h"
#include "cpt-print.h"
#include "cpt-render-document.h"

struct _CptPreviewPane
{
  GtkWidget     parent_instance;

  CptWorker    *worker;
  gint64        document_id;
  GCancellable *cancellable;
  CptPreview   *preview;
  guint         refresh_source;
  guint         refresh_generation; /* of the latest read: older ones are not shown */
  guint         fit_source;
  int           fitted_width;
  double        fitted_zoom;      /* the zoom set to fit; another one was the person's */
};

G_DEFINE_FINAL_TYPE (CptPreviewPane, cpt_preview_pane, GTK_TYPE_WIDGET)

static void
cpt_preview_pane_dispose (GObject *object)
{
  CptPreviewPane *self = CPT_PREVIEW_PANE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->fit_source, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker);
  if (self->preview != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->preview));
      self->preview = NULL;
    }

  G_OBJECT_CLASS (cpt_preview_pane_parent_class)->dispose (object);
}

/* The page fits the width of the pane, until the person zooms. */
static void
fit_width (CptPreviewPane *self)
{
  /* A4 is 595 points wide: 793.7 pixels at zoom 1 (96 dpi); keep a margin around it. */
  double zoom = CLAMP ((self->fitted_width - 40) / 793.7, CPT_PREVIEW_ZOOM_MIN, 1.5);

  self->fit_source = 0;
  if (self->fitted_zoom > 0 && fabs (cpt_preview_get_zoom (self->preview) - self->fitted_zoom) > 0.001)
    return;
  self->fitted_zoom = zoom;
  cpt_preview_set_zoom (self->preview, zoom);
}

static void
cpt_preview_pane_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  CptPreviewPane *self = CPT_PREVIEW_PANE (widget);

  gtk_widget_measure (GTK_WIDGET (self->preview), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

/* A new width: the page fits it again (after this allocation). */
static void
cpt_preview_pane_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  CptPreviewPane *self = CPT_PREVIEW_PANE (widget);

  gtk_widget_allocate (GTK_WIDGET (self->preview), width, height, baseline, NULL);
  if (width != self->fitted_width && width > 0)
    {
      self->fitted_width = width;
      if (self->fit_source == 0)
        self->fit_source = g_idle_add_once ((GSourceOnceFunc) fit_width, self);
    }
}

static void
cpt_preview_pane_class_init (CptPreviewPaneClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cpt_preview_pane_dispose;
  GTK_WIDGET_CLASS (klass)->measure = cpt_preview_pane_measure;
  GTK_WIDGET_CLASS (klass)->size_allocate = cpt_preview_pane_size_allocate;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "previewpane");
}

static void
cpt_preview_pane_init (CptPreviewPane *self)
{
  self->cancellable = g_cancellable_new ();
  self->preview = CPT_PREVIEW (cpt_preview_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->preview), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Printable preview"), -1);
  gtk_widget_set_parent (GTK_WIDGET (self->preview), GTK_WIDGET (self));
}

/* The pane reads the document to render in the worker: never on the main loop. */
static void
load_document (CptPreviewPane      *self,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  cpt_render_document_load_async (self->worker, self->document_id, self->cancellable,
                                  callback, user_data);
}

typedef struct
{
  CptPreviewPane *pane;
  guint           generation;
} Refresh;

static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autofree Refresh *refresh = data;
  g_autoptr(CptPreviewPane) self = refresh->pane;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptRenderDocument) document = cpt_render_document_load_finish (CPT_WORKER (source), result, &error);

  if (document == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No preview: %s", error->message);
      return;
    }
  /* A later change is being read: this one is already old. */
  if (refresh->generation == self->refresh_generation)
    cpt_preview_set_document (self->preview, g_steal_pointer (&document));
}

static void
refresh_now (CptPreviewPane *self)
{
  Refresh *refresh = g_new0 (Refresh, 1);

  self->refresh_source = 0;
  refresh->pane = g_object_ref (self);
  refresh->generation = ++self->refresh_generation;
  /* Gathering is a few indexed queries in the worker; the layout and the PDF are made in a
   * thread by the preview. */
  load_document (self, on_refreshed, refresh);
}

CptPreviewPane *
cpt_preview_pane_new (CptWorker *worker,
                      gint64     document_id)
{
  CptPreviewPane *self;

  g_return_val_if_fail (CPT_IS_WORKER (worker), NULL);

  self = g_object_new (CPT_TYPE_PREVIEW_PANE, NULL);
  self->worker = g_object_ref (worker);
  self->document_id = document_id;
  refresh_now (self);
  return self;
}

void
cpt_preview_pane_queue_refresh (CptPreviewPane *self)
{
  g_return_if_fail (CPT_IS_PREVIEW_PANE (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->refresh_source = g_timeout_add_once (300, (GSourceOnceFunc) refresh_now, self);
}

gboolean
cpt_preview_pane_can_print (void)
{
  return TRUE;
}

/* ---------------------------------------------------------------- printing */

typedef struct
{
  CptRenderDocument *document;
  char              *job_name;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_pointer (&job->document, cpt_render_document_free);
  g_free (job->job_name);
  g_free (job);
}

static void
render_for_printing (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  PrintJob *job = task_data;
  GError *error = NULL;
  GBytes *pdf = cpt_pdf_render (job->document, CPT_PDF_DEFAULT, &error);

  if (pdf == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pdf, (GDestroyNotify) g_bytes_unref);
}

static void
on_loaded_for_printing (GObject      *source,
                        GAsyncResult *result,
                        gpointer      data)
{
  g_autoptr(GTask) task = data;
  PrintJob *job = g_task_get_task_data (task);
  GError *error = NULL;

  job->document = cpt_render_document_load_finish (CPT_WORKER (source), result, &error);
  if (job->document == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* "Facture FA-2026-0001" */
  job->job_name = g_strstrip (g_strdup_printf ("%s %s", cpt_render_document_title (job->document),
                                               job->document->number ? job->document->number : ""));
  cpt_task_run_in_thread_held (task, render_for_printing);
}

void
cpt_preview_pane_render_pdf (CptPreviewPane      *self,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CPT_IS_PREVIEW_PANE (self));

  task = g_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (task, cpt_preview_pane_render_pdf);
  g_task_set_task_data (task, g_new0 (PrintJob, 1), (GDestroyNotify) print_job_free);
  load_document (self, on_loaded_for_printing, task);
}

GBytes *
cpt_preview_pane_render_pdf_finish (CptPreviewPane  *self,
                                    GAsyncResult    *result,
                                    char           **out_job_name,
                                    GError         **error)
{
  PrintJob *job;
  GBytes *pdf;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cpt_preview_pane_render_pdf, NULL);

  job = g_task_get_task_data (G_TASK (result));
  pdf = g_task_propagate_pointer (G_TASK (result), error);
  if (pdf != NULL && out_job_name != NULL)
    *out_job_name = g_strdup (job->job_name);
  return pdf;
}

static void
on_printed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CptPreviewPane) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean printed = FALSE;

  if (!cpt_print_pdf_finish (result, &printed, &error))
    cpt_show_error (GTK_WIDGET (self), _("Could not print"), error);
}

static void
on_rendered_for_printing (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  CptPreviewPane *self = CPT_PREVIEW_PANE (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *job_name = NULL;
  g_autoptr(GBytes) pdf = cpt_preview_pane_render_pdf_finish (self, result, &job_name, &error);
  GtkRoot *root;

  if (pdf == NULL)
    {
      cpt_show_error (GTK_WIDGET (self), _("Could not print"), error);
      return;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  cpt_print_pdf (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, pdf, job_name,
                 self->cancellable, on_printed, g_object_ref (self));
}

void
cpt_preview_pane_print (CptPreviewPane *self)
{
  g_return_if_fail (CPT_IS_PREVIEW_PANE (self));

  cpt_preview_pane_render_pdf (self, on_rendered_for_printing, NULL);
}

/* ---------------------------------------------------------------- saving the PDF */

typedef struct
{
  CptRenderDocument *document;
  GFile             *file;
  GTask             *outcome;   /* for the caller of cpt_preview_pane_save_pdf_to_file */
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_pointer (&job->document, cpt_render_document_free);
  g_clear_object (&job->file);
  g_clear_object (&job->outcome);
  g_free (job);
}

static void
render_and_write (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  SaveJob *job = task_data;
  g_autoptr(GBytes) pdf = NULL;
  GError *error = NULL;

  pdf = cpt_pdf_render (job->document, CPT_PDF_DEFAULT, &error);
  if (pdf == NULL ||
      !g_file_replace_contents (job->file, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable,
                                &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  CptPreviewPane *self = CPT_PREVIEW_PANE (source);
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GTask) outcome = g_steal_pointer (&job->outcome);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      cpt_show_error (GTK_WIDGET (self), _("Could not save the PDF"), error);
      g_task_return_error (outcome, g_steal_pointer (&error));
      return;
    }
  name = g_file_get_basename (job->file);
  message = g_strdup_printf (_("Saved as “%s”"), name);
  cpt_toast (GTK_WIDGET (self), message);
  g_task_return_boolean (outcome, TRUE);
}

static void
on_loaded_for_saving (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  SaveJob *job = data;
  g_autoptr(CptPreviewPane) self = g_object_ref (g_task_get_source_object (job->outcome));
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  job->document = cpt_render_document_load_finish (CPT_WORKER (source), result, &error);
  if (job->document == NULL)
    {
      g_autoptr(GTask) outcome = g_steal_pointer (&job->outcome);

      save_job_free (job);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cpt_show_error (GTK_WIDGET (self), _("Could not save the PDF"), error);
      g_task_return_error (outcome, g_steal_pointer (&error));
      return;
    }
  /* Laying out and writing a long document takes a while: in a thread. */
  task = g_task_new (self, self->cancellable, on_saved, NULL);
  g_task_set_source_tag (task, cpt_preview_pane_save_pdf_to_file);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  cpt_task_run_in_thread_held (task, render_and_write);
}

void
cpt_preview_pane_save_pdf_to_file (CptPreviewPane      *self,
                                   GFile               *file,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  SaveJob *job;

  g_return_if_fail (CPT_IS_PREVIEW_PANE (self));
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (SaveJob, 1);
  job->file = g_object_ref (file);
  job->outcome = g_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (job->outcome, cpt_preview_pane_save_pdf_to_file);
  load_document (self, on_loaded_for_saving, job);
}

gboolean
cpt_preview_pane_save_pdf_to_file_finish (CptPreviewPane  *self,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cpt_preview_pane_save_pdf_to_file, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_file_chosen (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CptPreviewPane) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, &error);

  if (file == NULL)
    {
      cpt_show_error (GTK_WIDGET (self), _("Could not save the PDF"), error);
      return;
    }
  cpt_preview_pane_save_pdf_to_file (self, file, NULL, NULL);
}

static void
on_loaded_for_naming (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  g_autoptr(CptPreviewPane) self = data;
  g_autoptr(GtkFileDialog) dialog = NULL;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autoptr(GListStore) filters = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptRenderDocument) document = cpt_render_document_load_finish (CPT_WORKER (source), result, &error);
  g_autofree char *name = NULL;
  GtkRoot *root;

  if (document == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cpt_show_error (GTK_WIDGET (self), _("Could not save the PDF"), error);
      return;
    }
  dialog = gtk_file_dialog_new ();
  filter = gtk_file_filter_new ();
  filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  name = cpt_render_document_file_name (document, "pdf");
  gtk_file_filter_set_name (filter, _("PDF Documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  g_list_store_append (filters, filter);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_title (dialog, _("Save as PDF"));
  gtk_file_dialog_set_initial_name (dialog, name);
  gtk_file_dialog_set_accept_label (dialog, _("_Save"));
  root = gtk_widget_get_root (GTK_WIDGET (self));
  gtk_file_dialog_save (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->cancellable,
                        on_file_chosen, g_object_ref (self));
}

void
cpt_preview_pane_save_pdf (CptPreviewPane *self)
{
  g_return_if_fail (CPT_IS_PREVIEW_PANE (self));

  /* The file's name is the document's: read it first. */
  load_document (self, on_loaded_for_naming, g_object_ref (self));
}

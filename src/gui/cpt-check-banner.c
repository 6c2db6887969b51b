/* cpt-check-banner.c: the quick check of an opened company file, and its banner. */
#define G_LOG_DOMAIN "cpt-check-banner"

#include <glib/gi18n.h>

#include "cpt-check-banner.h"
#include "cpt-gui-utils.h"
#include "cpt-ledger.h"

struct _CptCheckBanner
{
  AdwBin        parent_instance;

  GCancellable *cancellable;
  char         *heading;
  char         *details;
  gboolean      finished;

  /* template children */
  AdwBanner    *banner;
};

G_DEFINE_FINAL_TYPE (CptCheckBanner, cpt_check_banner, ADW_TYPE_BIN)

/* What the check's thread needs, and the application held until its result is back. */
typedef struct
{
  CptWorker    *worker;
  GApplication *app;
} CheckJob;

static void
check_job_free (CheckJob *job)
{
  g_clear_object (&job->worker);
  if (job->app != NULL)
    g_application_release (job->app);
  g_clear_object (&job->app);
  g_free (job);
}

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CptWorker *worker = ((CheckJob *) task_data)->worker;
  g_autoptr(CptDatabase) db = NULL;
  CptLedgerReport *report;
  GError *error = NULL;

  /* A connection of its own: the worker's stays free for the pages meanwhile. */
  db = cpt_worker_open_connection (worker, &error);
  /* A file from before the seal is sealed the first time it is opened here, so that the
   * banner does not speak of missing seals on every older file. A failure to seal leaves
   * the file as it was: the check below then says what it sees. */
  if (db != NULL)
    {
      g_autoptr(GError) seal_error = NULL;
      gint64 sealed = 0;

      if (!cpt_ledger_seal_unsealed_file (db, cancellable, &sealed, &seal_error))
        g_debug ("The file was not sealed: %s", seal_error->message);
      else if (sealed > 0)
        g_debug ("Sealed the %" G_GINT64_FORMAT " entries of a file from before the seal", sealed);
    }
  report = db ? cpt_ledger_check_report (db, CPT_LEDGER_CHECK_QUICK, cancellable, &error) : NULL;
  /* Closed here, before the task returns: nothing of the check outlives its thread's work,
   * which the application waits for before it quits. */
  g_clear_object (&db);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) cpt_ledger_report_free);
}

static char *
join_lines (GPtrArray *first, GPtrArray *second)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; first && i < first->len; i++)
    g_string_append_printf (text, "%s%s", text->len ? "\n\n" : "", (const char *) g_ptr_array_index (first, i));
  for (guint i = 0; second && i < second->len; i++)
    g_string_append_printf (text, "%s%s", text->len ? "\n\n" : "", (const char *) g_ptr_array_index (second, i));
  return g_string_free (text, FALSE);
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CptCheckBanner) self = user_data;
  CheckJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(CptLedgerReport) report = g_task_propagate_pointer (G_TASK (result), &error);
  const char *title;

  /* The thread is done: the application may quit now. */
  if (job->app != NULL)
    {
      g_application_release (job->app);
      g_clear_object (&job->app);
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->banner == NULL)
    return;
  self->finished = TRUE;
  g_clear_pointer (&self->heading, g_free);
  g_clear_pointer (&self->details, g_free);
  if (report == NULL)
    {
      title = _("This company file could not be checked");
      self->heading = g_strdup (_("Check Failed"));
      self->details = g_strdup (error->message);
    }
  else if (report->problems->len > 0)
    {
      title = _("This company file was changed outside Comptoir");
      self->heading = g_strdup (_("Changes Found"));
      self->details = join_lines (report->problems, report->unverified);
    }
  else if (report->unverified->len > 0)
    {
      title = _("The seal of the validated documents cannot be verified on this computer");
      self->heading = g_strdup (_("Seal Not Verifiable Here"));
      self->details = join_lines (report->unverified, NULL);
    }
  else
    return;
  g_debug ("The check of the company file found: %s", self->details);
  adw_banner_set_title (self->banner, title);
  adw_banner_set_revealed (self->banner, TRUE);
}

void
cpt_check_banner_run (CptCheckBanner *self,
                      GApplication   *app,
                      CptWorker      *worker)
{
  g_autoptr(GTask) task = NULL;
  CheckJob *job;

  g_return_if_fail (CPT_IS_CHECK_BANNER (self));
  g_return_if_fail (app == NULL || G_IS_APPLICATION (app));
  g_return_if_fail (CPT_IS_WORKER (worker));

  cpt_check_banner_cancel (self);
  self->cancellable = g_cancellable_new ();
  adw_banner_set_revealed (self->banner, FALSE);
  self->finished = FALSE;
  job = g_new0 (CheckJob, 1);
  job->worker = g_object_ref (worker);
  /* Held until the result is back on the main loop: a thread still asking the keyring or
   * SQLite when the process exits crashes it. Quitting cancels the check, which then ends
   * at its next row. */
  if (app != NULL)
    {
      job->app = g_object_ref (app);
      g_application_hold (app);
    }
  task = g_task_new (NULL, self->cancellable, on_checked, g_object_ref (self));
  g_task_set_source_tag (task, cpt_check_banner_run);
  g_task_set_task_data (task, job, (GDestroyNotify) check_job_free);
  g_task_run_in_thread (task, check_thread);
}

void
cpt_check_banner_cancel (CptCheckBanner *self)
{
  g_return_if_fail (CPT_IS_CHECK_BANNER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

gboolean
cpt_check_banner_is_revealed (CptCheckBanner *self)
{
  g_return_val_if_fail (CPT_IS_CHECK_BANNER (self), FALSE);
  return adw_banner_get_revealed (self->banner);
}

gboolean
cpt_check_banner_is_finished (CptCheckBanner *self)
{
  g_return_val_if_fail (CPT_IS_CHECK_BANNER (self), FALSE);
  return self->finished;
}

const char *
cpt_check_banner_get_details (CptCheckBanner *self)
{
  g_return_val_if_fail (CPT_IS_CHECK_BANNER (self), NULL);
  return self->details;
}

static void
on_copy_details (CptCheckBanner *self)
{
  if (self->details == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->details);
  cpt_toast (GTK_WIDGET (self), _("Details copied"));
}

static void
on_details_clicked (CptCheckBanner *self)
{
  AdwDialog *dialog;
  GtkWidget *scrolled, *label;

  if (self->details == NULL)
    return;
  dialog = adw_alert_dialog_new (self->heading, NULL);
  /* The list can be long (one line per document found): it scrolls, and wraps anywhere so
   * that a long name never widens the dialog. */
  label = gtk_label_new (self->details);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* Not selectable: the dialog would focus it first, and GTK selects the whole text of a
   * selectable label that takes the focus. Copy takes it all, to send to whoever helps. */
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  adw_alert_dialog_set_extra_child (ADW_ALERT_DIALOG (dialog), scrolled);
  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "copy", _("Copy _Details"));
  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "close");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "close");
  g_signal_connect_object (dialog, "response::copy", G_CALLBACK (on_copy_details), self,
                           G_CONNECT_SWAPPED);
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

static void
cpt_check_banner_dispose (GObject *object)
{
  CptCheckBanner *self = CPT_CHECK_BANNER (object);

  cpt_check_banner_cancel (self);
  /* The bin's child is a template child: let go of it once, before the template does. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_CHECK_BANNER);
  G_OBJECT_CLASS (cpt_check_banner_parent_class)->dispose (object);
}

static void
cpt_check_banner_finalize (GObject *object)
{
  CptCheckBanner *self = CPT_CHECK_BANNER (object);

  g_free (self->heading);
  g_free (self->details);
  G_OBJECT_CLASS (cpt_check_banner_parent_class)->finalize (object);
}

static void
cpt_check_banner_class_init (CptCheckBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_check_banner_dispose;
  object_class->finalize = cpt_check_banner_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-check-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, CptCheckBanner, banner);
  gtk_widget_class_bind_template_callback (widget_class, on_details_clicked);
}

static void
cpt_check_banner_init (CptCheckBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* cpt-reminders-dialog.c: the reminders due, looked over and sent together. */
#define G_LOG_DOMAIN "cpt-reminders-dialog"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "cpt-company.h"
#include "cpt-dates.h"
#include "cpt-document-mail.h"
#include "cpt-gui-utils.h"
#include "cpt-reminders-dialog.h"

struct _CptRemindersDialog
{
  AdwDialog     parent_instance;

  CptWorker    *worker;
  GPtrArray    *due;            /* CptReminderState */
  char         *today;
  GPtrArray    *rows;           /* AdwActionRow, one per reminder */
  GPtrArray    *checks;         /* GtkCheckButton, one per reminder */
  GCancellable *cancellable;
  gboolean      sending;
  guint         sent;
  guint         failed;

  /* template children */
  AdwBanner    *banner;
  GtkWidget    *send_button;
  GtkWidget    *cancel_button;
  GtkLabel     *summary_label;
  GtkListBox   *list;
};

G_DEFINE_FINAL_TYPE (CptRemindersDialog, cpt_reminders_dialog, ADW_TYPE_DIALOG)

static char *
level_text (const CptReminderState *state, const char *today)
{
  g_autofree char *owed = cpt_format_money (state->balance, NULL);
  int late = MAX (cpt_date_days_between (state->due_date, today), 0);

  if (state->next_level == CPT_REMINDER_MAX_LEVEL)
    /* Translators: a reminder due: the third level, then what is owed and how late */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Formal notice · %s owed, %d day late",
                                         "Formal notice · %s owed, %d days late", late), owed, late);
  /* Translators: a reminder due: its level, then what is owed and how late */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reminder %u · %s owed, %d day late",
                                       "Reminder %u · %s owed, %d days late", late),
                          state->next_level, owed, late);
}

static guint
count_checked (CptRemindersDialog *self)
{
  guint n = 0;

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)) &&
        gtk_widget_get_sensitive (g_ptr_array_index (self->checks, i)))
      n++;
  return n;
}

static void
update_send_button (CptRemindersDialog *self)
{
  guint n = count_checked (self);
  g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Send %u Reminder",
                                                         "_Send %u Reminders", n), n);

  gtk_button_set_label (GTK_BUTTON (self->send_button), label);
  gtk_widget_set_sensitive (self->send_button, n > 0 && !self->sending);
}

static void
fill (CptRemindersDialog *self)
{
  g_autofree char *summary = NULL;

  for (guint i = 0; i < self->due->len; i++)
    {
      const CptReminderState *state = g_ptr_array_index (self->due, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *title = g_strdup_printf ("%s · %s", state->number ? state->number : "",
                                                state->client_name ? state->client_name : "");
      g_autofree char *subtitle = level_text (state, self->today);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_send_button), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->list, row);
      g_ptr_array_add (self->rows, row);
      g_ptr_array_add (self->checks, check);
    }
  if (self->due->len == 0)
    summary = g_strdup (_("No reminder is due today: every late invoice has had the reminder its "
                          "delay calls for."));
  else
    summary = g_strdup (_("Each invoice gets the reminder its delay calls for, in its client’s "
                          "language, with the invoice attached; the formal notice adds its letter "
                          "and the late-payment penalties. Untick those to leave for later."));
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->list), self->due->len > 0);
  update_send_button (self);
}

/* ---------------------------------------------------------------- sending, one after the
 * other in a thread with a connection of its own; each row says how it went */

typedef struct
{
  CptRemindersDialog *self;      /* a reference, held until the task ends */
  guint               index;
  gboolean            sent;
  gboolean            waiting;   /* queued in the outbox */
  char               *message;
} Progress;

typedef struct
{
  CptWorker *worker;
  GArray    *indexes;            /* guint: the rows to send */
  GArray    *ids;                /* gint64: their documents */
  char      *today;
  CptRemindersDialog *self;
} SendJob;

static void
send_job_free (SendJob *job)
{
  g_clear_object (&job->worker);
  g_array_unref (job->indexes);
  g_array_unref (job->ids);
  g_free (job->today);
  g_clear_object (&job->self);
  g_free (job);
}

static void
show_progress (Progress *progress)
{
  CptRemindersDialog *self = progress->self;
  AdwActionRow *row = g_ptr_array_index (self->rows, progress->index);
  GtkWidget *check = g_ptr_array_index (self->checks, progress->index);
  GtkWidget *icon = gtk_image_new_from_icon_name (progress->sent ? "emblem-ok-symbolic"
                                                  : progress->waiting ? "mail-send-symbolic"
                                                  : "dialog-warning-symbolic");

  if (progress->sent)
    self->sent++;
  else if (!progress->waiting)
    self->failed++;
  gtk_widget_add_css_class (icon, progress->sent ? "success" : progress->waiting ? "dim-label" : "error");
  gtk_widget_set_tooltip_text (icon, progress->message);
  adw_action_row_add_suffix (row, icon);
  adw_action_row_set_subtitle (row, progress->message);
  /* Done with it: it is not sent again from here. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  gtk_widget_set_sensitive (check, FALSE);
}

static void
progress_free (Progress *progress)
{
  g_object_unref (progress->self);
  g_free (progress->message);
  g_free (progress);
}

static void
send_in_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  SendJob *job = data;
  g_autoptr(CptDatabase) db = NULL;
  g_autofree char *password = NULL;
  CptMailAccount account = { 0 };
  GError *error = NULL;

  if ((db = cpt_worker_open_connection (job->worker, &error)) == NULL ||
      !cpt_mail_account_load (db, &account, &password, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < job->ids->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      CptDocumentMail mail = { .reminder = TRUE, .today = job->today };
      CptMailMessageState state = CPT_MAIL_MESSAGE_FAILED;
      g_autoptr(GError) local = NULL;
      Progress *progress = g_new0 (Progress, 1);

      cpt_document_mail_send (db, g_array_index (job->ids, gint64, i), &mail, &account, password,
                              cancellable, &state, &local);
      progress->self = g_object_ref (job->self);
      progress->index = g_array_index (job->indexes, guint, i);
      progress->sent = state == CPT_MAIL_MESSAGE_SENT;
      progress->waiting = state == CPT_MAIL_MESSAGE_QUEUED && local != NULL &&
                          !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      progress->message = progress->sent ? g_strdup (_("Sent"))
                          : progress->waiting ? g_strdup (_("Waiting in the outbox: it leaves when the mail server answers"))
                          : g_strdup (local ? local->message : _("Not sent"));
      g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, (GSourceFunc) G_SOURCE_FUNC (show_progress),
                                  progress, (GDestroyNotify) progress_free);
    }
  cpt_mail_account_clear (&account);
  g_task_return_boolean (task, TRUE);
}

static void
set_sending (CptRemindersDialog *self,
             gboolean            sending)
{
  self->sending = sending;
  adw_dialog_set_can_close (ADW_DIALOG (self), !sending);
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), sending ? _("_Cancel") : _("_Close"));
  update_send_button (self);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CptRemindersDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  set_sending (self, FALSE);
  g_clear_object (&self->cancellable);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      gboolean account = !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      adw_banner_set_title (self->banner, error->message);
      adw_banner_set_button_label (self->banner, account ? _("_Preferences") : NULL);
      adw_banner_set_revealed (self->banner, TRUE);
      return;
    }
  if (self->failed == 0 && count_checked (self) == 0)
    {
      g_autofree char *done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u reminder sent",
                                                            "%u reminders sent", self->sent), self->sent);

      cpt_toast (GTK_WIDGET (self), done);
      adw_dialog_close (ADW_DIALOG (self));
    }
}

static void
on_send_clicked (CptRemindersDialog *self)
{
  g_autoptr(GTask) task = NULL;
  SendJob *job;

  if (self->sending || count_checked (self) == 0)
    return;
  job = g_new0 (SendJob, 1);
  job->worker = g_object_ref (self->worker);
  job->indexes = g_array_new (FALSE, FALSE, sizeof (guint));
  job->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  job->today = g_strdup (self->today);
  job->self = g_object_ref (self);
  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)) &&
        gtk_widget_get_sensitive (g_ptr_array_index (self->checks, i)))
      {
        const CptReminderState *state = g_ptr_array_index (self->due, i);

        g_array_append_val (job->indexes, i);
        g_array_append_val (job->ids, state->document_id);
      }
  adw_banner_set_revealed (self->banner, FALSE);
  set_sending (self, TRUE);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_sent, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) send_job_free);
  g_task_run_in_thread (task, send_in_thread);
}

static void
on_cancel_clicked (CptRemindersDialog *self)
{
  if (self->sending)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }
  adw_dialog_close (ADW_DIALOG (self));
}

static void
on_banner_clicked (CptRemindersDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "app.preferences", NULL);
}

guint
cpt_reminders_dialog_get_sent (CptRemindersDialog *self)
{
  return self->sent;
}

guint
cpt_reminders_dialog_get_failed (CptRemindersDialog *self)
{
  return self->failed;
}

gboolean
cpt_reminders_dialog_is_sending (CptRemindersDialog *self)
{
  return self->sending;
}

static void
cpt_reminders_dialog_dispose (GObject *object)
{
  CptRemindersDialog *self = CPT_REMINDERS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_REMINDERS_DIALOG);
  G_OBJECT_CLASS (cpt_reminders_dialog_parent_class)->dispose (object);
}

static void
cpt_reminders_dialog_finalize (GObject *object)
{
  CptRemindersDialog *self = CPT_REMINDERS_DIALOG (object);

  g_clear_object (&self->worker);
  g_clear_pointer (&self->due, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_free (self->today);
  G_OBJECT_CLASS (cpt_reminders_dialog_parent_class)->finalize (object);
}

static void
cpt_reminders_dialog_class_init (CptRemindersDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_reminders_dialog_dispose;
  object_class->finalize = cpt_reminders_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-reminders-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CptRemindersDialog, banner);
  gtk_widget_class_bind_template_child (widget_class, CptRemindersDialog, send_button);
  gtk_widget_class_bind_template_child (widget_class, CptRemindersDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CptRemindersDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CptRemindersDialog, list);
  gtk_widget_class_bind_template_callback (widget_class, on_send_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_clicked);
}

static void
cpt_reminders_dialog_init (CptRemindersDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->checks = g_ptr_array_new ();
}

CptRemindersDialog *
cpt_reminders_dialog_new (CptWorker  *worker,
                          GPtrArray  *due,
                          const char *today)
{
  CptRemindersDialog *self;

  g_return_val_if_fail (CPT_IS_WORKER (worker), NULL);
  g_return_val_if_fail (due != NULL && today != NULL, NULL);

  self = g_object_new (CPT_TYPE_REMINDERS_DIALOG, NULL);
  self->worker = g_object_ref (worker);
  self->due = g_ptr_array_ref (due);
  self->today = g_strdup (today);
  fill (self);
  return self;
}

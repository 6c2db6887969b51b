/* cpt-send-dialog.c: a document sent by email from the window. */
#define G_LOG_DOMAIN "cpt-send-dialog"

#include <glib/gi18n.h>
#include <string.h>

#include "cpt-company.h"
#include "cpt-money.h"
#include <inttypes.h>
#include "cpt-document-mail.h"
#include "cpt-gui-utils.h"
#include "cpt-mail-app.h"
#include "cpt-send-dialog.h"

struct _CptSendDialog
{
  AdwDialog     parent_instance;

  CptWorker    *worker;
  gint64        document_id;
  gboolean      reminder;       /* the invoice's next reminder rather than the document */
  char         *own_address;    /* the sender's, for "Add me in Cc" */
  GCancellable *cancellable;    /* reading the proposal, then sending */
  gboolean      ready;
  gboolean      sending;
  char         *error;

  /* template children */
  AdwBanner    *banner;
  GtkWidget    *send_button;
  GtkLabel     *purpose_label;
  AdwEntryRow  *to_row;
  AdwEntryRow  *cc_row;
  AdwEntryRow  *bcc_row;
  AdwSwitchRow *copy_row;
  AdwEntryRow  *subject_row;
  GtkTextView  *text_view;
  GtkLabel     *attachment_label;
  GtkSpinner   *spinner;
  GtkWidget    *mail_app_button;
};

G_DEFINE_FINAL_TYPE (CptSendDialog, cpt_send_dialog, ADW_TYPE_DIALOG)

static void
show_error (CptSendDialog *self,
            const char    *message,
            gboolean       preferences)
{
  g_free (self->error);
  self->error = g_strdup (message);
  adw_banner_set_title (self->banner, message != NULL ? message : "");
  adw_banner_set_button_label (self->banner, preferences ? _("_Preferences") : NULL);
  adw_banner_set_revealed (self->banner, message != NULL);
}

/* ---------------------------------------------------------------- the proposal, read in the
 * worker: the client's addresses, the subject and the letter, the attachment's name */

typedef struct
{
  gint64    id;
  gboolean  reminder;
} Request;

typedef struct
{
  char *to;
  char *subject;
  char *text;
  char *attachment;
  char *own_address;
  char *purpose;       /* what a reminder is, or NULL */
} Proposal;

static void
proposal_free (Proposal *p)
{
  g_free (p->to);
  g_free (p->subject);
  g_free (p->text);
  g_free (p->attachment);
  g_free (p->own_address);
  g_free (p->purpose);
  g_free (p);
}

/* "Reminder 1 of 3 · 1 055,00 € owed, 22 days late"; the formal notice says what it claims. */
static char *
describe_reminder (const CptMailProposal *proposal)
{
  g_autofree char *owed = cpt_money_format_for_user (proposal->balance, NULL);

  if (proposal->level == CPT_REMINDER_MAX_LEVEL)
    {
      gint64 claimed = proposal->balance + proposal->penalties.interest +
                       proposal->penalties.recovery_indemnity;
      g_autofree char *total = cpt_money_format_for_user (claimed, NULL);

      if (proposal->penalties.recovery_indemnity > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Formal notice · %s claimed with the late-payment penalties, %d day late",
                                             "Formal notice · %s claimed with the late-payment penalties, %d days late",
                                             proposal->days_late), total, (int) proposal->days_late);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Formal notice · %s owed, %d day late",
                                           "Formal notice · %s owed, %d days late",
                                           proposal->days_late), owed, (int) proposal->days_late);
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reminder %u of %u · %s owed, %d day late",
                                       "Reminder %u of %u · %s owed, %d days late",
                                       proposal->days_late),
                          proposal->level, CPT_REMINDER_MAX_LEVEL, owed, (int) proposal->days_late);
}

static gpointer
propose_in_thread (CptDatabase  *db,
                   gpointer      data,
                   GCancellable *cancellable,
                   GError      **error)
{
  const Request *request = data;
  g_autoptr(CptMailProposal) proposal = cpt_document_mail_propose (db, request->id, request->reminder,
                                                                   NULL, error);
  g_autoptr(CptCompany) company = NULL;
  Proposal *p;

  if (proposal == NULL || (company = cpt_company_load (db, error)) == NULL)
    return NULL;
  p = g_new0 (Proposal, 1);
  p->to = g_steal_pointer (&proposal->to);
  p->subject = g_steal_pointer (&proposal->subject);
  p->text = g_steal_pointer (&proposal->text);
  p->attachment = g_strjoinv (", ", proposal->attachments);
  if (proposal->level > 0)
    p->purpose = describe_reminder (proposal);
  g_object_get (company, "mail-from-address", &p->own_address, NULL);
  return p;
}

/* The message's fields take input once the proposal is in: what was typed before would be
 * replaced by it. */
static void
set_form_sensitive (CptSendDialog *self,
                    gboolean       sensitive)
{
  GtkWidget *fields[] = {
    GTK_WIDGET (self->to_row), GTK_WIDGET (self->cc_row), GTK_WIDGET (self->bcc_row),
    GTK_WIDGET (self->copy_row), GTK_WIDGET (self->subject_row), GTK_WIDGET (self->text_view),
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_widget_set_sensitive (fields[i], sensitive);
}

static void
on_proposed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CptSendDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  Proposal *p = cpt_worker_run_finish (CPT_WORKER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (p == NULL)
    {
      show_error (self, error->message, FALSE);
      return;
    }
  set_form_sensitive (self, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), p->to ? p->to : "");
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), p->subject);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), p->text, -1);
  gtk_label_set_text (self->attachment_label, p->attachment);
  gtk_label_set_text (self->purpose_label, p->purpose ? p->purpose : "");
  gtk_widget_set_visible (GTK_WIDGET (self->purpose_label), p->purpose != NULL);
  g_set_str (&self->own_address, p->own_address);
  gtk_widget_set_sensitive (GTK_WIDGET (self->copy_row), p->own_address != NULL);
  if (p->own_address == NULL)
    show_error (self, _("No mail account yet: enter the sender’s address and the mail server in "
                        "Preferences, Email"), TRUE);
  gtk_widget_set_sensitive (self->send_button, p->own_address != NULL);
  gtk_widget_set_sensitive (self->mail_app_button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->to_row));
  self->ready = TRUE;
  proposal_free (p);
}

/* ---------------------------------------------------------------- sending, in a thread with
 * a connection of its own: the server may take its time */

typedef struct
{
  CptWorker      *worker;
  gint64          document_id;
  CptDocumentMail mail;
  CptMailMessageState state;   /* how it went */
} SendJob;

static void
send_job_free (SendJob *job)
{
  g_clear_object (&job->worker);
  g_strfreev (job->mail.to);
  g_strfreev (job->mail.cc);
  g_strfreev (job->mail.bcc);
  g_free (job->mail.subject);
  g_free (job->mail.text);
  g_free (job);
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
  gint64 message = 0;

  if ((db = cpt_worker_open_connection (job->worker, &error)) != NULL &&
      cpt_mail_account_load (db, &account, &password, cancellable, &error))
    message = cpt_document_mail_send (db, job->document_id, &job->mail, &account, password,
                                      cancellable, &job->state, &error);
  cpt_mail_account_clear (&account);
  if (job->state != CPT_MAIL_MESSAGE_SENT)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, message);
}

static void
set_sending (CptSendDialog *self,
             gboolean       sending)
{
  self->sending = sending;
  gtk_spinner_set_spinning (self->spinner, sending);
  gtk_widget_set_sensitive (self->send_button, !sending && self->own_address != NULL);
  gtk_widget_set_sensitive (self->mail_app_button, !sending);
  adw_dialog_set_can_close (ADW_DIALOG (self), !sending);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CptSendDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  SendJob *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *to = NULL, *done = NULL;

  set_sending (self, FALSE);
  g_clear_object (&self->cancellable);
  to = g_strjoinv (", ", job->mail.to);
  if (g_task_propagate_int (G_TASK (result), &error) == 0 || error != NULL)
    {
      /* The server out of reach: the message waits in the outbox, which sends it when the
       * server answers; said, and the dialog is done. */
      if (job->state == CPT_MAIL_MESSAGE_QUEUED && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          done = g_strdup_printf (_("Waiting in the outbox: it leaves for %s when the mail server answers"), to);
          cpt_toast (GTK_WIDGET (self), done);
          adw_dialog_close (ADW_DIALOG (self));
          return;
        }
      /* Cancelled: the user knows; a refusal is said, and what was typed stays. */
      show_error (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                        ? _("Not sent: cancelled") : error->message, FALSE);
      return;
    }
  done = g_strdup_printf (_("Sent to %s"), to);
  cpt_toast (GTK_WIDGET (self), done);
  adw_dialog_close (ADW_DIALOG (self));
}

/* "a@b.fr, c@d.fr; e@f.fr" as a list; NULL when empty. */
static GStrv
addresses (AdwEntryRow *row, const char *also)
{
  g_auto(GStrv) parts = g_strsplit_set (gtk_editable_get_text (GTK_EDITABLE (row)), ",;", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GStrv out;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  if (also != NULL)
    g_strv_builder_add (builder, also);
  out = g_strv_builder_end (builder);
  if (out[0] == NULL)
    g_clear_pointer (&out, g_strfreev);
  return out;
}

static void
on_send_clicked (CptSendDialog *self)
{
  g_autoptr(GTask) task = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  SendJob *job;

  if (!self->ready || self->sending)
    return;
  job = g_new0 (SendJob, 1);
  job->worker = g_object_ref (self->worker);
  job->document_id = self->document_id;
  job->mail.reminder = self->reminder;
  job->mail.to = addresses (self->to_row, NULL);
  job->mail.cc = addresses (self->cc_row, adw_switch_row_get_active (self->copy_row) ? self->own_address : NULL);
  job->mail.bcc = addresses (self->bcc_row, NULL);
  job->mail.subject = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->subject_row))));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  job->mail.text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (job->mail.to == NULL)
    {
      show_error (self, _("Who is it for? Enter at least one address in To"), FALSE);
      send_job_free (job);
      return;
    }
  if (*job->mail.subject == '\0')
    g_clear_pointer (&job->mail.subject, g_free);
  show_error (self, NULL, FALSE);
  set_sending (self, TRUE);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_sent, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) send_job_free);
  g_task_run_in_thread (task, send_in_thread);
}

/* ---------------------------------------------------------------- "Open in My Mail App":
 * the attachments written in the worker, then the message handed to the desktop */

typedef struct
{
  CptWorker *worker;
  gint64     document_id;
  gboolean   reminder;
  GStrv      to;
  char      *subject;
  char      *text;
  GStrv      paths;
} MailAppJob;

static void
mail_app_job_free (MailAppJob *job)
{
  g_clear_object (&job->worker);
  g_strfreev (job->to);
  g_free (job->subject);
  g_free (job->text);
  g_strfreev (job->paths);
  g_free (job);
}

static gpointer
write_attachments_in_thread (CptDatabase  *db,
                             gpointer      data,
                             GCancellable *cancellable,
                             GError      **error)
{
  MailAppJob *job = data;
  g_autofree char *directory = g_build_filename (g_get_user_cache_dir (), "comptoir", "outgoing", NULL);

  return cpt_document_mail_write_attachments (db, job->document_id, job->reminder, NULL,
                                              directory, error);
}

static void
on_mail_app_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CptSendDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  set_sending (self, FALSE);
  if (!cpt_mail_app_compose_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message, FALSE);
      return;
    }
  cpt_toast (GTK_WIDGET (self), _("The message is in your mail app: send it from there"));
  adw_dialog_close (ADW_DIALOG (self));
}

static void
on_attachments_written (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(CptSendDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  MailAppJob *job = g_object_get_data (G_OBJECT (self), "cpt-mail-app-job");
  GStrv paths = cpt_worker_run_finish (CPT_WORKER (source), result, &error);

  if (paths == NULL)
    {
      set_sending (self, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message, FALSE);
      return;
    }
  cpt_mail_app_compose_async ((const char *const *) job->to, job->subject, job->text,
                              (const char *const *) paths, self->cancellable, on_mail_app_done,
                              g_object_ref (self));
  g_strfreev (paths);
}

static void
on_mail_app_clicked (CptSendDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  MailAppJob *job;

  if (!self->ready || self->sending)
    return;
  job = g_new0 (MailAppJob, 1);
  job->document_id = self->document_id;
  job->reminder = self->reminder;
  job->to = addresses (self->to_row, NULL);
  job->subject = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->subject_row)));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  job->text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_object_set_data_full (G_OBJECT (self), "cpt-mail-app-job", job, (GDestroyNotify) mail_app_job_free);
  show_error (self, NULL, FALSE);
  set_sending (self, TRUE);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  cpt_worker_run_async (self->worker, write_attachments_in_thread, job, NULL,
                        (GDestroyNotify) g_strfreev, self->cancellable, on_attachments_written,
                        g_object_ref (self));
}

static void
on_cancel_clicked (CptSendDialog *self)
{
  if (self->sending)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }
  adw_dialog_close (ADW_DIALOG (self));
}

static void
on_banner_clicked (CptSendDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "app.preferences", NULL);
}

gboolean
cpt_send_dialog_is_ready (CptSendDialog *self)
{
  return self->ready;
}

gboolean
cpt_send_dialog_is_sending (CptSendDialog *self)
{
  return self->sending;
}

const char *
cpt_send_dialog_get_error (CptSendDialog *self)
{
  return self->error;
}

static void
cpt_send_dialog_dispose (GObject *object)
{
  CptSendDialog *self = CPT_SEND_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_SEND_DIALOG);
  G_OBJECT_CLASS (cpt_send_dialog_parent_class)->dispose (object);
}

static void
cpt_send_dialog_finalize (GObject *object)
{
  CptSendDialog *self = CPT_SEND_DIALOG (object);

  g_clear_object (&self->worker);
  g_free (self->own_address);
  g_free (self->error);
  G_OBJECT_CLASS (cpt_send_dialog_parent_class)->finalize (object);
}

static void
cpt_send_dialog_class_init (CptSendDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_send_dialog_dispose;
  object_class->finalize = cpt_send_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-send-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CptSendDialog, banner);
  gtk_widget_class_bind_template_child (widget_class, CptSendDialog, send_button);
  gtk_widget_class_bind_template_child (widget_class, CptSendDialog, purpose_label);
  gtk_widget_class_bind_template_child (widget_class, CptSendDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, CptSendDialog, cc_row);
  gtk_widget_class_bind_template_child (widget_class, CptSendDialog, bcc_row);
  gtk_widget_class_bind_template_child (widget_class, CptSendDialog, copy_row);
  gtk_widget_class_bind_template_child (widget_class, CptSendDialog, subject_row);
  gtk_widget_class_bind_template_child (widget_class, CptSendDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, CptSendDialog, attachment_label);
  gtk_widget_class_bind_template_child (widget_class, CptSendDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CptSendDialog, mail_app_button);
  gtk_widget_class_bind_template_callback (widget_class, on_mail_app_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_send_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_clicked);
}

static void
cpt_send_dialog_init (CptSendDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static CptSendDialog *
send_dialog_new (CptWorker *worker,
                 gint64     document_id,
                 gboolean   reminder)
{
  CptSendDialog *self;
  Request *request;

  g_return_val_if_fail (CPT_IS_WORKER (worker), NULL);

  self = g_object_new (CPT_TYPE_SEND_DIALOG, NULL);
  self->worker = g_object_ref (worker);
  self->document_id = document_id;
  self->reminder = reminder;
  self->cancellable = g_cancellable_new ();
  set_form_sensitive (self, FALSE);
  if (reminder)
    adw_dialog_set_title (ADW_DIALOG (self), _("Send a Reminder"));
  request = g_new (Request, 1);
  request->id = document_id;
  request->reminder = reminder;
  cpt_worker_run_async (worker, propose_in_thread, request, g_free, (GDestroyNotify) proposal_free,
                        self->cancellable, on_proposed, g_object_ref (self));
  return self;
}

CptSendDialog *
cpt_send_dialog_new (CptWorker *worker,
                     gint64     document_id)
{
  return send_dialog_new (worker, document_id, FALSE);
}

CptSendDialog *
cpt_send_dialog_new_reminder (CptWorker *worker,
                              gint64     document_id)
{
  return send_dialog_new (worker, document_id, TRUE);
}

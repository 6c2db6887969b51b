/* cpt-mail-account-page.c: the mail account in Preferences, read and saved through the
 * context's worker. */
#define G_LOG_DOMAIN "cpt-mail-account-page"

#include <glib/gi18n.h>
#include <string.h>

#include "cpt-company-async.h"
#include "cpt-gui-utils.h"
#include "cpt-mail-account-page.h"
#include "cpt-mail.h"

/* Saved after this pause in typing: what is half typed ("marie@") is not refused. */
#define SAVE_DELAY_MS 600

static const char *const securities[] = { "tls", "starttls", "none" };

struct _CptMailAccountPage
{
  AdwPreferencesPage    parent_instance;

  CptWorker            *worker;
  GCancellable         *cancellable;  /* the read; cancelled when the page goes */
  gboolean              reading;      /* the account is being read: no input */
  gboolean              read;         /* it was read: what is typed may be saved */
  gboolean              loading;      /* the fields are being filled in */
  gboolean              dirty;        /* typed since the last save */
  guint                 saves;        /* saves under way */
  guint                 save_source;
  GCancellable         *testing;

  /* template children */
  AdwEntryRow          *from_name_row;
  AdwEntryRow          *from_address_row;
  AdwEntryRow          *host_row;
  AdwComboRow          *security_row;
  AdwSpinRow           *port_row;
  AdwEntryRow          *user_row;
  AdwPasswordEntryRow  *password_row;
  AdwActionRow         *test_row;
  GtkWidget            *test_button;
};

G_DEFINE_FINAL_TYPE (CptMailAccountPage, cpt_mail_account_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  SAVE_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The company's fields this page edits; the Business page saves the others. */
static const char *const mail_fields[] = {
  "mail-from-name", "mail-from-address", "mail-host", "mail-user", "mail-port",
  "mail-security", NULL
};

static void
toast (CptMailAccountPage *self,
       const char         *message)
{
  GtkWidget *dialog = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_DIALOG);

  if (dialog != NULL)
    adw_preferences_dialog_add_toast (ADW_PREFERENCES_DIALOG (dialog), adw_toast_new (message));
}

static void
show_account (CptMailAccountPage *self,
              CptCompany         *company)
{
  g_autofree char *from_name = NULL, *from_address = NULL, *host = NULL, *security = NULL;
  g_autofree char *user = NULL;
  gint64 port = 0;
  guint selected = 1;

  g_object_get (company, "mail-from-name", &from_name, "mail-from-address", &from_address,
                "mail-host", &host, "mail-port", &port, "mail-security", &security,
                "mail-user", &user, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (securities); i++)
    if (g_strcmp0 (security, securities[i]) == 0)
      selected = i;
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->from_name_row), from_name ? from_name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->from_address_row), from_address ? from_address : "");
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), host ? host : "");
  adw_combo_row_set_selected (self->security_row, selected);
  adw_spin_row_set_value (self->port_row, (double) port);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user ? user : "");
  self->loading = FALSE;
}

static void
on_account_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CptMailAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptCompany) company = cpt_company_load_finish (CPT_WORKER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->reading = FALSE;
  if (company == NULL)
    {
      /* The fields stay insensitive: saving them blank would erase the account. */
      adw_preferences_page_set_description (ADW_PREFERENCES_PAGE (self), error->message);
      cpt_show_error (GTK_WIDGET (self), _("Could not read the mail account"), error);
      return;
    }
  show_account (self, company);
  self->read = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
}

/* The account as typed, in a company that holds nothing else. */
static CptCompany *
account_from_fields (CptMailAccountPage *self)
{
  g_autofree char *from_name = cpt_entry_row_dup_text (self->from_name_row);
  g_autofree char *from_address = cpt_entry_row_dup_text (self->from_address_row);
  g_autofree char *host = cpt_entry_row_dup_text (self->host_row);
  g_autofree char *user = cpt_entry_row_dup_text (self->user_row);
  guint selected = adw_combo_row_get_selected (self->security_row);
  CptCompany *company = g_object_new (CPT_TYPE_COMPANY, NULL);

  g_object_set (company, "mail-from-name", from_name, "mail-from-address", from_address,
                "mail-host", host, "mail-user", user,
                "mail-port", (gint64) adw_spin_row_get_value (self->port_row),
                "mail-security", securities[MIN (selected, G_N_ELEMENTS (securities) - 1)], NULL);
  return company;
}

static void
on_account_saved (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CptMailAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptCompany) company = cpt_company_update_finish (CPT_WORKER (source), result, &error);

  self->saves--;
  if (company == NULL)
    {
      /* What was typed stays, to be put right and saved again. */
      self->dirty = TRUE;
      toast (self, error->message);
    }
  g_signal_emit (self, signals[SAVE_FINISHED], 0, company != NULL);
}

static void
on_account_saved_unseen (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptCompany) company = cpt_company_update_finish (CPT_WORKER (source), result, &error);

  if (company == NULL)
    cpt_show_error (NULL, _("Could not save the mail account"), error);
}

gboolean
cpt_mail_account_page_save (CptMailAccountPage *self)
{
  g_autoptr(CptCompany) values = NULL;

  g_return_val_if_fail (CPT_IS_MAIL_ACCOUNT_PAGE (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!self->dirty || !self->read)
    return TRUE;
  values = account_from_fields (self);
  self->dirty = FALSE;
  self->saves++;
  /* The company as it is then in the file: the Business page saves the other fields. */
  cpt_company_update_async (self->worker, values, (const char * const *) mail_fields, NULL,
                            on_account_saved, g_object_ref (self));
  return TRUE;
}

gboolean
cpt_mail_account_page_is_saving (CptMailAccountPage *self)
{
  g_return_val_if_fail (CPT_IS_MAIL_ACCOUNT_PAGE (self), FALSE);

  return self->saves > 0;
}

gboolean
cpt_mail_account_page_is_idle (CptMailAccountPage *self)
{
  g_return_val_if_fail (CPT_IS_MAIL_ACCOUNT_PAGE (self), FALSE);

  return !self->reading && self->saves == 0 && self->save_source == 0;
}

static gboolean
save_after_pause (gpointer data)
{
  CptMailAccountPage *self = data;

  self->save_source = 0;
  cpt_mail_account_page_save (self);
  return G_SOURCE_REMOVE;
}

static void
on_changed (CptMailAccountPage *self)
{
  if (self->loading)
    return;
  self->dirty = TRUE;
  adw_action_row_set_subtitle (self->test_row, _("Not tested yet"));
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_after_pause, self);
}

/* ---------------------------------------------------------------- keyring and server,
 * in threads: libsecret and the SMTP conversation block */

typedef struct
{
  CptMailAccount account;
  char          *password;   /* typed, or NULL: the keyring's */
  gboolean       store;      /* store it instead of testing */
} MailJob;

static void
mail_job_free (MailJob *job)
{
  cpt_mail_account_clear (&job->account);
  if (job->password != NULL)
    memset (job->password, 0, strlen (job->password));
  g_free (job->password);
  g_free (job);
}

static void
mail_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  MailJob *job = data;
  GError *error = NULL;
  g_autofree char *password = NULL;

  if (job->store)
    {
      if (cpt_mail_password_store (job->account.host, job->account.user, job->password,
                                   cancellable, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      return;
    }
  if (cpt_mail_account_lookup_password (&job->account, &password, cancellable, &error) &&
      cpt_mail_test_account (&job->account, password, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The account as typed (saved meanwhile), for a thread; NULL (the reason shown) when it is
 * incomplete. The password is looked up in the thread. */
static MailJob *
mail_job_new (CptMailAccountPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptCompany) company = NULL;
  MailJob *job = g_new0 (MailJob, 1);

  if (!self->read)
    {
      mail_job_free (job);
      return NULL;
    }
  cpt_mail_account_page_save (self);
  company = account_from_fields (self);
  if (!cpt_mail_account_from_company (company, &job->account, &error))
    {
      adw_action_row_set_subtitle (self->test_row, error->message);
      mail_job_free (job);
      return NULL;
    }
  return job;
}

static void
on_password_stored (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CptMailAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      toast (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  toast (self, _("The password is in the keyring"));
}

static void
on_password_apply (CptMailAccountPage *self)
{
  g_autofree char *password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  g_autoptr(GTask) task = NULL;
  MailJob *job;

  if (*password == '\0' || (job = mail_job_new (self)) == NULL)
    return;
  if (job->account.user == NULL)
    {
      toast (self, _("Enter the user name first: the password is kept with it"));
      mail_job_free (job);
      return;
    }
  job->password = g_steal_pointer (&password);
  job->store = TRUE;
  task = g_task_new (self, NULL, on_password_stored, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) mail_job_free);
  g_task_run_in_thread (task, mail_thread);
}

static void
on_tested (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CptMailAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;
  MailJob *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *works = NULL;

  g_clear_object (&self->testing);
  gtk_widget_set_sensitive (self->test_button, TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_action_row_set_subtitle (self->test_row, error->message);
      return;
    }
  works = g_strdup_printf (_("It works: %s answers on port %u"), job->account.host, job->account.port);
  adw_action_row_set_subtitle (self->test_row, works);
}

static void
on_test_clicked (CptMailAccountPage *self)
{
  g_autoptr(GTask) task = NULL;
  MailJob *job = mail_job_new (self);

  if (job == NULL)
    return;
  self->testing = g_cancellable_new ();
  gtk_widget_set_sensitive (self->test_button, FALSE);
  adw_action_row_set_subtitle (self->test_row, _("Connecting…"));
  task = g_task_new (self, self->testing, on_tested, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) mail_job_free);
  g_task_run_in_thread (task, mail_thread);
}

gboolean
cpt_mail_account_page_is_testing (CptMailAccountPage *self)
{
  return self->testing != NULL;
}

static void
cpt_mail_account_page_dispose (GObject *object)
{
  CptMailAccountPage *self = CPT_MAIL_ACCOUNT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->save_source, g_source_remove);
  /* What was typed is kept when the dialog closes during the pause: the worker keeps the
   * application up until it is saved. */
  if (self->dirty && self->read && self->worker != NULL)
    {
      g_autoptr(CptCompany) values = account_from_fields (self);

      self->dirty = FALSE;
      cpt_company_update_async (self->worker, values, (const char * const *) mail_fields, NULL,
                                on_account_saved_unseen, NULL);
    }
  g_cancellable_cancel (self->testing);
  g_clear_object (&self->testing);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_MAIL_ACCOUNT_PAGE);
  G_OBJECT_CLASS (cpt_mail_account_page_parent_class)->dispose (object);
}

static void
cpt_mail_account_page_finalize (GObject *object)
{
  CptMailAccountPage *self = CPT_MAIL_ACCOUNT_PAGE (object);

  g_clear_object (&self->worker);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (cpt_mail_account_page_parent_class)->finalize (object);
}

static void
cpt_mail_account_page_class_init (CptMailAccountPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_mail_account_page_dispose;
  object_class->finalize = cpt_mail_account_page_finalize;

  /**
   * CptMailAccountPage::save-finished:
   * @saved: whether the file took it (else the reason was shown)
   *
   * A save started by cpt_mail_account_page_save () is back.
   */
  signals[SAVE_FINISHED] = g_signal_new ("save-finished", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-mail-account-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CptMailAccountPage, from_name_row);
  gtk_widget_class_bind_template_child (widget_class, CptMailAccountPage, from_address_row);
  gtk_widget_class_bind_template_child (widget_class, CptMailAccountPage, host_row);
  gtk_widget_class_bind_template_child (widget_class, CptMailAccountPage, security_row);
  gtk_widget_class_bind_template_child (widget_class, CptMailAccountPage, port_row);
  gtk_widget_class_bind_template_child (widget_class, CptMailAccountPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, CptMailAccountPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, CptMailAccountPage, test_row);
  gtk_widget_class_bind_template_child (widget_class, CptMailAccountPage, test_button);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_password_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_test_clicked);
}

static void
cpt_mail_account_page_init (CptMailAccountPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CptMailAccountPage *
cpt_mail_account_page_new (CptContext *context)
{
  CptMailAccountPage *self;

  g_return_val_if_fail (CPT_IS_CONTEXT (context), NULL);

  self = g_object_new (CPT_TYPE_MAIL_ACCOUNT_PAGE, NULL);
  self->worker = g_object_ref (cpt_context_get_worker (context));
  self->cancellable = g_cancellable_new ();
  /* Nothing is typed before the account is read. */
  self->reading = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  cpt_company_load_async (self->worker, self->cancellable, on_account_read, g_object_ref (self));
  return self;
}

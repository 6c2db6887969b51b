/* cpt-client-dialog.c: a new client, or the identity of one. */
#define G_LOG_DOMAIN "cpt-client-dialog"

#include <glib/gi18n.h>

#include "cpt-application.h"
#include "cpt-client.h"
#include "cpt-client-dialog.h"
#include "cpt-client-form.h"
#include "cpt-gui-utils.h"
#include "cpt-records-async.h"

struct _CptClientDialog
{
  AdwDialog      parent_instance;

  CptContext    *context;
  CptClient     *client;
  /* The read or the write running in the worker; cancelled when the dialog goes. */
  GCancellable  *cancellable;
  gboolean       loading;
  gboolean       saving;

  /* template children */
  CptClientForm *form;
  GtkWidget     *save_button;
  AdwBanner     *banner;
};

G_DEFINE_FINAL_TYPE (CptClientDialog, cpt_client_dialog, ADW_TYPE_DIALOG)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (CptClientDialog *self,
            const char      *message)
{
  adw_banner_set_title (self->banner, message);
  adw_banner_set_revealed (self->banner, TRUE);
}

static void
set_busy (CptClientDialog *self,
          gboolean        *flag,
          gboolean         busy)
{
  gboolean was_busy = self->loading || self->saving;

  *flag = busy;
  /* Nothing to save while the client is read; no second save while one runs. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->form), !self->loading);
  gtk_widget_set_sensitive (self->save_button, !self->loading && !self->saving &&
                                               cpt_client_form_get_modified (self->form));
  /* Closed while its write runs, the dialog would lose what the write says back (the new
   * client's page, the refusal and what was typed): it stays until the write is done. */
  adw_dialog_set_can_close (ADW_DIALOG (self), !self->saving);
  if (was_busy != (self->loading || self->saving))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_form_changed (CptClientDialog *self,
                 CptClientForm   *form)
{
  gtk_widget_set_sensitive (self->save_button, !self->loading && !self->saving);
  adw_banner_set_revealed (self->banner, FALSE);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptClient) saved = cpt_client_save_finish (CPT_WORKER (source), result, &error);
  CptClientDialog *self;
  gboolean is_new;

  /* Closed meanwhile: the dialog is gone, nobody to tell. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CPT_CLIENT_DIALOG (user_data);
  set_busy (self, &self->saving, FALSE);
  if (saved == NULL)
    {
      /* The dialog stays open with what was typed. */
      show_error (self, error->message);
      gtk_widget_set_sensitive (self->save_button, TRUE);
      return;
    }
  is_new = cpt_client_get_id (self->client) == 0;
  g_set_object (&self->client, saved);
  g_object_ref (self);
  g_signal_emit (self, signals[SAVED], 0, cpt_client_get_id (self->client));
  if (is_new)
    {
      g_autofree char *message = g_strdup_printf (_("Client “%s” created"),
                                                  cpt_client_get_name (self->client));
      cpt_toast (GTK_WIDGET (self), message);
    }
  adw_dialog_close (ADW_DIALOG (self));
  g_object_unref (self);
}

gboolean
cpt_client_dialog_save (CptClientDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CPT_IS_CLIENT_DIALOG (self), FALSE);

  if (self->loading || self->saving)
    return FALSE;
  /* The identifiers are checked here, at once, each under its field. */
  if (!cpt_client_form_apply (self->form, self->client, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  set_busy (self, &self->saving, TRUE);
  cpt_client_save_async (cpt_context_get_worker (self->context), self->client, self->cancellable,
                         on_saved, self);
  return TRUE;
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptClient) client = cpt_client_load_finish (CPT_WORKER (source), result, &error);
  CptClientDialog *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CPT_CLIENT_DIALOG (user_data);
  if (client == NULL)
    {
      /* Nothing to show: the fields stay insensitive, nothing can be saved over it. */
      g_autofree char *message = g_strdup_printf (_("Could not read the client: %s"), error->message);

      show_error (self, message);
      self->loading = FALSE;
      gtk_widget_set_sensitive (self->save_button, FALSE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
      return;
    }
  g_set_object (&self->client, client);
  adw_dialog_set_title (ADW_DIALOG (self), cpt_client_get_name (client));
  cpt_client_form_load (self->form, client);
  set_busy (self, &self->loading, FALSE);
}

static void
on_save_clicked (CptClientDialog *self,
                 GtkButton       *button)
{
  cpt_client_dialog_save (self);
}

static void
cpt_client_dialog_dispose (GObject *object)
{
  CptClientDialog *self = CPT_CLIENT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_CLIENT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cpt_client_dialog_parent_class)->dispose (object);
}

static void
cpt_client_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CptClientDialog *self = CPT_CLIENT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->loading || self->saving);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_client_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CptClientDialog *self = CPT_CLIENT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_client_dialog_class_init (CptClientDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cpt_client_dialog_get_property;
  object_class->set_property = cpt_client_dialog_set_property;
  object_class->dispose = cpt_client_dialog_dispose;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CPT_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* TRUE while the client is read or saved in the worker. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CptClientDialog::saved:
   * @client_id: the client's id
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (CPT_TYPE_CLIENT_FORM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-client-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CptClientDialog, form);
  gtk_widget_class_bind_template_child (widget_class, CptClientDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, CptClientDialog, banner);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
}

static void
cpt_client_dialog_init (CptClientDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->client = cpt_client_new ();
}

CptClientDialog *
cpt_client_dialog_new (CptContext *context,
                       gint64      client_id)
{
  CptClientDialog *self;

  g_return_val_if_fail (CPT_IS_CONTEXT (context), NULL);

  self = g_object_new (CPT_TYPE_CLIENT_DIALOG, "context", context, NULL);
  cpt_client_form_load (self->form, self->client);
  adw_dialog_set_focus (ADW_DIALOG (self), NULL);
  if (client_id <= 0)
    {
      adw_dialog_set_title (ADW_DIALOG (self), _("New Client"));
      return self;
    }
  /* The fields wait, insensitive, for the client read in the worker. */
  adw_dialog_set_title (ADW_DIALOG (self), _("Client"));
  gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Save"));
  set_busy (self, &self->loading, TRUE);
  cpt_client_load_async (cpt_context_get_worker (context), client_id, self->cancellable,
                         on_loaded, self);
  return self;
}

void
cpt_client_dialog_set_name (CptClientDialog *self,
                            const char      *name)
{
  g_return_if_fail (CPT_IS_CLIENT_DIALOG (self));

  cpt_client_form_set_name (self->form, name);
}

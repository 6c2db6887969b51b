/* cpt-client-dialog.c: a new client, or the identity of one. */
#define G_LOG_DOMAIN "cpt-client-dialog"

#include <glib/gi18n.h>

#include "cpt-application.h"
#include "cpt-client.h"
#include "cpt-client-dialog.h"
#include "cpt-client-form.h"
#include "cpt-gui-utils.h"

struct _CptClientDialog
{
  AdwDialog      parent_instance;

  CptDatabase   *db;
  CptClient     *client;

  /* template children */
  CptClientForm *form;
  GtkWidget     *save_button;
  AdwBanner     *banner;
};

G_DEFINE_FINAL_TYPE (CptClientDialog, cpt_client_dialog, ADW_TYPE_DIALOG)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_form_changed (CptClientDialog *self,
                 CptClientForm   *form)
{
  gtk_widget_set_sensitive (self->save_button, TRUE);
  adw_banner_set_revealed (self->banner, FALSE);
}

gboolean
cpt_client_dialog_save (CptClientDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean is_new;

  g_return_val_if_fail (CPT_IS_CLIENT_DIALOG (self), FALSE);

  is_new = cpt_client_get_id (self->client) == 0;
  if (!cpt_client_form_apply (self->form, self->client, &error) ||
      !(is_new ? cpt_client_insert (self->client, self->db, &error)
               : cpt_client_update (self->client, self->db, &error)))
    {
      adw_banner_set_title (self->banner, error->message);
      adw_banner_set_revealed (self->banner, TRUE);
      return FALSE;
    }
  g_signal_emit (self, signals[SAVED], 0, cpt_client_get_id (self->client));
  if (is_new)
    {
      g_autofree char *message = g_strdup_printf (_("Client “%s” created"),
                                                  cpt_client_get_name (self->client));
      cpt_toast (GTK_WIDGET (self), message);
    }
  adw_dialog_close (ADW_DIALOG (self));
  return TRUE;
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

  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_CLIENT_DIALOG);
  g_clear_object (&self->client);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (cpt_client_dialog_parent_class)->dispose (object);
}

static void
cpt_client_dialog_class_init (CptClientDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_client_dialog_dispose;

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
}

CptClientDialog *
cpt_client_dialog_new (CptDatabase *db,
                       gint64       client_id)
{
  CptClientDialog *self;

  g_return_val_if_fail (CPT_IS_DATABASE (db), NULL);

  self = g_object_new (CPT_TYPE_CLIENT_DIALOG, NULL);
  self->db = g_object_ref (db);
  if (client_id > 0)
    self->client = cpt_client_load (db, client_id, NULL);
  if (self->client == NULL)
    {
      self->client = cpt_client_new ();
      adw_dialog_set_title (ADW_DIALOG (self), _("New Client"));
    }
  else
    {
      adw_dialog_set_title (ADW_DIALOG (self), cpt_client_get_name (self->client));
      gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Save"));
    }
  cpt_client_form_load (self->form, self->client);
  adw_dialog_set_focus (ADW_DIALOG (self), NULL);
  return self;
}

void
cpt_client_dialog_set_name (CptClientDialog *self,
                            const char      *name)
{
  g_return_if_fail (CPT_IS_CLIENT_DIALOG (self));

  cpt_client_form_set_name (self->form, name);
}

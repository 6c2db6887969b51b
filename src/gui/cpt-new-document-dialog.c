/* cpt-new-document-dialog.c: kind, client, date and title of a new document. */
#define G_LOG_DOMAIN "cpt-new-document-dialog"

#include <glib/gi18n.h>

#include "cpt-application.h"
#include "cpt-client-picker.h"
#include "cpt-dates.h"
#include "cpt-document-writes.h"
#include "cpt-documents.h"
#include "cpt-gui-utils.h"
#include "cpt-new-document-dialog.h"

static const CptDocumentKind kinds[] = {
  CPT_DOCUMENT_KIND_QUOTE, CPT_DOCUMENT_KIND_PROFORMA, CPT_DOCUMENT_KIND_INVOICE,
};

struct _CptNewDocumentDialog
{
  AdwDialog        parent_instance;

  CptContext      *context;
  /* The document being made in the worker; cancelled when the dialog goes. */
  GCancellable    *cancellable;
  gboolean         creating;

  /* template children */
  GtkWidget       *create_button;
  AdwBanner       *banner;
  AdwComboRow     *kind_row;
  CptClientPicker *client_picker;
  AdwEntryRow     *date_row;
  AdwEntryRow     *title_row;
};

G_DEFINE_FINAL_TYPE (CptNewDocumentDialog, cpt_new_document_dialog, ADW_TYPE_DIALOG)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_error (CptNewDocumentDialog *self,
            const char           *message)
{
  adw_banner_set_title (self->banner, message);
  adw_banner_set_revealed (self->banner, TRUE);
}

static void
update_sensitivity (CptNewDocumentDialog *self)
{
  gtk_widget_set_sensitive (self->create_button,
                            !self->creating && cpt_client_picker_get_client_id (self->client_picker) > 0);
}

static void
set_creating (CptNewDocumentDialog *self,
              gboolean              creating)
{
  self->creating = creating;
  /* Closed while the draft is made, the dialog could not open it: it stays until then. */
  adw_dialog_set_can_close (ADW_DIALOG (self), !creating);
  update_sensitivity (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
update_title (CptNewDocumentDialog *self)
{
  static const char *titles[] = { N_("New Quote"), N_("New Pro Forma Invoice"), N_("New Invoice") };
  guint selected = MIN (adw_combo_row_get_selected (self->kind_row), G_N_ELEMENTS (titles) - 1);

  adw_dialog_set_title (ADW_DIALOG (self), _(titles[selected]));
}

static void
on_kind_changed (CptNewDocumentDialog *self)
{
  update_title (self);
}

static void
on_client_changed (CptNewDocumentDialog *self)
{
  update_sensitivity (self);
  adw_banner_set_revealed (self->banner, FALSE);
}

static void
on_picker_busy (CptNewDocumentDialog *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_created (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cpt_document_create_finish (CPT_WORKER (source), result, &error);
  CptNewDocumentDialog *self;
  GtkWidget *parent;

  /* Closed meanwhile: the dialog is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CPT_NEW_DOCUMENT_DIALOG (user_data);
  set_creating (self, FALSE);
  if (id == 0)
    {
      /* The dialog stays open with what was typed. */
      show_error (self, error->message);
      return;
    }
  parent = gtk_widget_get_parent (GTK_WIDGET (self));
  g_object_ref (self);
  adw_dialog_close (ADW_DIALOG (self));
  if (parent != NULL)
    gtk_widget_activate_action (parent, "win.open-document", "x", id);
  g_object_unref (self);
}

gboolean
cpt_new_document_dialog_create (CptNewDocumentDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date_text = cpt_entry_row_dup_text (self->date_row);
  g_autofree char *title = cpt_entry_row_dup_text (self->title_row);
  g_autofree char *date = NULL;
  guint selected = MIN (adw_combo_row_get_selected (self->kind_row), G_N_ELEMENTS (kinds) - 1);
  gint64 client_id = cpt_client_picker_get_client_id (self->client_picker);

  g_return_val_if_fail (CPT_IS_NEW_DOCUMENT_DIALOG (self), FALSE);

  if (self->creating)
    return FALSE;
  if (client_id == 0)
    {
      show_error (self, _("Choose the client first"));
      return FALSE;
    }
  if (date_text != NULL && (date = cpt_parse_date (date_text, &error)) == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }
  set_creating (self, TRUE);
  cpt_document_create_async (cpt_context_get_worker (self->context), kinds[selected], client_id,
                             date, title, self->cancellable, on_created, self);
  return TRUE;
}

static void
on_create_clicked (CptNewDocumentDialog *self)
{
  cpt_new_document_dialog_create (self);
}

static void
cpt_new_document_dialog_dispose (GObject *object)
{
  CptNewDocumentDialog *self = CPT_NEW_DOCUMENT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_NEW_DOCUMENT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cpt_new_document_dialog_parent_class)->dispose (object);
}

static void
cpt_new_document_dialog_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CptNewDocumentDialog *self = CPT_NEW_DOCUMENT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->creating || cpt_client_picker_is_busy (self->client_picker));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_new_document_dialog_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  CptNewDocumentDialog *self = CPT_NEW_DOCUMENT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      cpt_client_picker_set_context (self->client_picker, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_new_document_dialog_class_init (CptNewDocumentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cpt_new_document_dialog_get_property;
  object_class->set_property = cpt_new_document_dialog_set_property;
  object_class->dispose = cpt_new_document_dialog_dispose;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CPT_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* TRUE while the client's name is read or the document made, in the worker. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CPT_TYPE_CLIENT_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-new-document-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CptNewDocumentDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, CptNewDocumentDialog, banner);
  gtk_widget_class_bind_template_child (widget_class, CptNewDocumentDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CptNewDocumentDialog, client_picker);
  gtk_widget_class_bind_template_child (widget_class, CptNewDocumentDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, CptNewDocumentDialog, title_row);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_client_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked);
}

static void
cpt_new_document_dialog_init (CptNewDocumentDialog *self)
{
  g_autofree char *today = cpt_date_today ();
  g_autofree char *date = cpt_format_date (today);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->client_picker, "notify::busy", G_CALLBACK (on_picker_busy), self,
                           G_CONNECT_SWAPPED);
  cpt_client_picker_set_can_create (self->client_picker, TRUE);
  cpt_entry_row_set_text (self->date_row, date);
  cpt_entry_row_add_calendar (self->date_row);
  adw_dialog_set_default_widget (ADW_DIALOG (self), self->create_button);
}

CptNewDocumentDialog *
cpt_new_document_dialog_new (CptContext      *context,
                             CptDocumentKind  kind,
                             gint64           client_id)
{
  CptNewDocumentDialog *self;
  guint selected = 2;

  g_return_val_if_fail (CPT_IS_CONTEXT (context), NULL);

  self = g_object_new (CPT_TYPE_NEW_DOCUMENT_DIALOG, "context", context, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i] == kind)
      selected = i;
  adw_combo_row_set_selected (self->kind_row, selected);
  update_title (self);
  if (client_id > 0)
    cpt_new_document_dialog_set_client (self, client_id);
  adw_dialog_set_focus (ADW_DIALOG (self), client_id > 0 ? GTK_WIDGET (self->title_row)
                                                         : GTK_WIDGET (self->client_picker));
  return self;
}

void
cpt_new_document_dialog_set_client (CptNewDocumentDialog *self,
                                    gint64                client_id)
{
  g_return_if_fail (CPT_IS_NEW_DOCUMENT_DIALOG (self));

  cpt_client_picker_set_client_id (self->client_picker, client_id);
}

void
cpt_new_document_dialog_set_title_text (CptNewDocumentDialog *self,
                                        const char           *title)
{
  g_return_if_fail (CPT_IS_NEW_DOCUMENT_DIALOG (self));

  cpt_entry_row_set_text (self->title_row, title);
}

/* cpt-new-document-dialog.c: kind, client, date and title of a new document. */
#define G_LOG_DOMAIN "cpt-new-document-dialog"

#include <glib/gi18n.h>

#include "cpt-application.h"
#include "cpt-client-picker.h"
#include "cpt-dates.h"
#include "cpt-documents.h"
#include "cpt-gui-utils.h"
#include "cpt-new-document-dialog.h"

static const CptDocumentKind kinds[] = {
  CPT_DOCUMENT_KIND_QUOTE, CPT_DOCUMENT_KIND_PROFORMA, CPT_DOCUMENT_KIND_INVOICE,
};

struct _CptNewDocumentDialog
{
  AdwDialog        parent_instance;

  CptDatabase     *db;

  /* template children */
  GtkWidget       *create_button;
  AdwBanner       *banner;
  AdwComboRow     *kind_row;
  CptClientPicker *client_picker;
  AdwEntryRow     *date_row;
  AdwEntryRow     *title_row;
};

G_DEFINE_FINAL_TYPE (CptNewDocumentDialog, cpt_new_document_dialog, ADW_TYPE_DIALOG)

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
  gtk_widget_set_sensitive (self->create_button, cpt_client_picker_get_client_id (self->client_picker) > 0);
  adw_banner_set_revealed (self->banner, FALSE);
}

gint64
cpt_new_document_dialog_create (CptNewDocumentDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDocument) document = NULL;
  g_autofree char *date_text = cpt_entry_row_dup_text (self->date_row);
  g_autofree char *title = cpt_entry_row_dup_text (self->title_row);
  g_autofree char *date = NULL;
  guint selected = MIN (adw_combo_row_get_selected (self->kind_row), G_N_ELEMENTS (kinds) - 1);
  gint64 client_id = cpt_client_picker_get_client_id (self->client_picker);
  GtkWidget *parent;
  gint64 id;

  g_return_val_if_fail (CPT_IS_NEW_DOCUMENT_DIALOG (self), 0);

  if (client_id == 0)
    {
      adw_banner_set_title (self->banner, _("Choose the client first"));
      adw_banner_set_revealed (self->banner, TRUE);
      return 0;
    }
  if (date_text != NULL && (date = cpt_parse_date (date_text, &error)) == NULL)
    {
      adw_banner_set_title (self->banner, error->message);
      adw_banner_set_revealed (self->banner, TRUE);
      return 0;
    }
  document = cpt_documents_create_kind (self->db, kinds[selected], client_id, date, NULL, title, &error);
  if (document == NULL)
    {
      adw_banner_set_title (self->banner, error->message);
      adw_banner_set_revealed (self->banner, TRUE);
      return 0;
    }
  id = cpt_document_get_id (document);
  parent = gtk_widget_get_parent (GTK_WIDGET (self));
  g_object_ref (self);
  adw_dialog_close (ADW_DIALOG (self));
  if (parent != NULL)
    gtk_widget_activate_action (parent, "win.open-document", "x", id);
  g_object_unref (self);
  return id;
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

  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_NEW_DOCUMENT_DIALOG);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (cpt_new_document_dialog_parent_class)->dispose (object);
}

static void
cpt_new_document_dialog_class_init (CptNewDocumentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_new_document_dialog_dispose;

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

  cpt_client_picker_set_can_create (self->client_picker, TRUE);
  cpt_entry_row_set_text (self->date_row, date);
  cpt_entry_row_add_calendar (self->date_row);
  adw_dialog_set_default_widget (ADW_DIALOG (self), self->create_button);
}

CptNewDocumentDialog *
cpt_new_document_dialog_new (CptDatabase     *db,
                             CptDocumentKind  kind,
                             gint64           client_id)
{
  CptNewDocumentDialog *self;
  guint selected = 2;

  g_return_val_if_fail (CPT_IS_DATABASE (db), NULL);

  self = g_object_new (CPT_TYPE_NEW_DOCUMENT_DIALOG, NULL);
  self->db = g_object_ref (db);
  cpt_client_picker_set_database (self->client_picker, db);
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

/* cpt-product-dialog.c: create or edit a product or service. */
#define G_LOG_DOMAIN "cpt-product-dialog"

#include <glib/gi18n.h>

#include "cpt-application.h"
#include "cpt-error.h"
#include "cpt-gui-utils.h"
#include "cpt-money.h"
#include "cpt-product.h"
#include "cpt-product-dialog.h"

struct _CptProductDialog
{
  AdwDialog     parent_instance;

  CptDatabase  *db;
  CptProduct   *product;

  /* template children */
  GtkWidget    *save_button;
  AdwBanner    *banner;
  AdwComboRow  *type_row;
  AdwEntryRow  *name_row;
  AdwEntryRow  *code_row;
  GtkTextView  *description_view;
  AdwComboRow  *unit_row;
  AdwEntryRow  *price_row;
  AdwComboRow  *vat_row;
  AdwEntryRow  *account_row;
  GtkWidget    *archive_group;
  GtkButton    *archive_button;
};

G_DEFINE_FINAL_TYPE (CptProductDialog, cpt_product_dialog, ADW_TYPE_DIALOG)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (CptProductDialog *self,
            const char       *message)
{
  adw_banner_set_title (self->banner, message);
  adw_banner_set_revealed (self->banner, TRUE);
}

gboolean
cpt_product_dialog_save (CptProductDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = cpt_entry_row_dup_text (self->name_row);
  g_autofree char *code = cpt_entry_row_dup_text (self->code_row);
  g_autofree char *price_text = cpt_entry_row_dup_text (self->price_row);
  g_autofree char *account = cpt_entry_row_dup_text (self->account_row);
  g_autofree char *description = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;
  gint64 price = 0;
  gboolean is_new;

  g_return_val_if_fail (CPT_IS_PRODUCT_DIALOG (self), FALSE);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  description = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (description);
  if (price_text != NULL && !cpt_unit_price_parse_in (price_text, NULL, &price, &error))
    {
      show_error (self, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->price_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->price_row));
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->price_row), "error");

  g_object_set (self->product,
                "type", adw_combo_row_get_selected (self->type_row) == 1 ? "goods" : "service",
                "name", name, "code", code,
                "description", *description != '\0' ? description : NULL,
                "unit", cpt_unit_code_at (adw_combo_row_get_selected (self->unit_row)),
                "unit-price", price,
                "vat-rate", MAX (cpt_vat_rate_at (adw_combo_row_get_selected (self->vat_row)), 0),
                "account", account,
                NULL);
  is_new = cpt_product_get_id (self->product) == 0;
  if (!(is_new ? cpt_product_insert (self->product, self->db, &error)
               : cpt_product_update (self->product, self->db, &error)))
    {
      show_error (self, error->message);
      return FALSE;
    }
  g_signal_emit (self, signals[SAVED], 0, cpt_product_get_id (self->product));
  if (is_new)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” added to the products and services"),
                                                  cpt_product_get_name (self->product));
      cpt_toast (GTK_WIDGET (self), message);
    }
  adw_dialog_close (ADW_DIALOG (self));
  return TRUE;
}

static void
on_save_clicked (CptProductDialog *self)
{
  cpt_product_dialog_save (self);
}

typedef struct
{
  CptDatabase *db;
  gint64       id;
  gboolean     archived;
} ArchiveUndo;

static void
archive_undo_free (gpointer data)
{
  ArchiveUndo *undo = data;

  g_object_unref (undo->db);
  g_free (undo);
}

static void
archive_undo (gpointer data)
{
  ArchiveUndo *undo = data;
  g_autoptr(GError) error = NULL;

  if (!cpt_product_set_archived (undo->db, undo->id, !undo->archived, &error))
    g_warning ("Could not undo: %s", error->message);
}

static void
on_archive_clicked (CptProductDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean archived = FALSE;
  ArchiveUndo *undo;
  g_autofree char *message = NULL;

  g_object_get (self->product, "archived", &archived, NULL);
  if (!cpt_product_set_archived (self->db, cpt_product_get_id (self->product), !archived, &error))
    {
      show_error (self, error->message);
      return;
    }
  undo = g_new0 (ArchiveUndo, 1);
  undo->db = g_object_ref (self->db);
  undo->id = cpt_product_get_id (self->product);
  undo->archived = !archived;
  message = g_strdup_printf (!archived ? _("“%s” archived") : _("“%s” restored"),
                             cpt_product_get_name (self->product));
  cpt_toast_with_undo (GTK_WIDGET (self), message, G_CALLBACK (archive_undo), undo, archive_undo_free);
  adw_dialog_close (ADW_DIALOG (self));
}

static void
load (CptProductDialog *self)
{
  g_autofree char *type = NULL, *code = NULL, *name = NULL, *description = NULL;
  g_autofree char *unit = NULL, *account = NULL, *price = NULL;
  gint64 unit_price = 0, vat_rate = 2000;
  gboolean archived = FALSE;

  g_object_get (self->product, "type", &type, "code", &code, "name", &name,
                "description", &description, "unit", &unit, "unit-price", &unit_price,
                "vat-rate", &vat_rate, "account", &account, "archived", &archived, NULL);
  adw_combo_row_set_selected (self->type_row, g_strcmp0 (type, "goods") == 0 ? 1 : 0);
  cpt_entry_row_set_text (self->code_row, code);
  cpt_entry_row_set_text (self->name_row, name);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            description ? description : "", -1);
  adw_combo_row_set_selected (self->unit_row, cpt_unit_position (unit));
  price = cpt_format_unit_price (unit_price);
  cpt_entry_row_set_text (self->price_row, unit_price != 0 || cpt_product_get_id (self->product) ? price : NULL);
  adw_combo_row_set_selected (self->vat_row, cpt_vat_rate_position (vat_rate));
  cpt_entry_row_set_text (self->account_row, account);
  gtk_button_set_label (self->archive_button, archived ? _("_Restore") : _("_Archive"));
  gtk_button_set_use_underline (self->archive_button, TRUE);
}

static void
cpt_product_dialog_dispose (GObject *object)
{
  CptProductDialog *self = CPT_PRODUCT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_PRODUCT_DIALOG);
  g_clear_object (&self->product);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (cpt_product_dialog_parent_class)->dispose (object);
}

static void
cpt_product_dialog_class_init (CptProductDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_product_dialog_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-product-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CptProductDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, CptProductDialog, banner);
  gtk_widget_class_bind_template_child (widget_class, CptProductDialog, type_row);
  gtk_widget_class_bind_template_child (widget_class, CptProductDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, CptProductDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, CptProductDialog, description_view);
  gtk_widget_class_bind_template_child (widget_class, CptProductDialog, unit_row);
  gtk_widget_class_bind_template_child (widget_class, CptProductDialog, price_row);
  gtk_widget_class_bind_template_child (widget_class, CptProductDialog, vat_row);
  gtk_widget_class_bind_template_child (widget_class, CptProductDialog, account_row);
  gtk_widget_class_bind_template_child (widget_class, CptProductDialog, archive_group);
  gtk_widget_class_bind_template_child (widget_class, CptProductDialog, archive_button);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_archive_clicked);
}

static void
cpt_product_dialog_init (CptProductDialog *self)
{
  g_autoptr(GListModel) units = cpt_units_model ();
  g_autoptr(GListModel) rates = cpt_vat_rates_model ();
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_combo_row_set_model (self->unit_row, units);
  adw_combo_row_set_expression (self->unit_row, expression);
  adw_combo_row_set_model (self->vat_row, rates);
}

CptProductDialog *
cpt_product_dialog_new (CptDatabase *db,
                        gint64       product_id)
{
  CptProductDialog *self;

  g_return_val_if_fail (CPT_IS_DATABASE (db), NULL);

  self = g_object_new (CPT_TYPE_PRODUCT_DIALOG, NULL);
  self->db = g_object_ref (db);
  if (product_id > 0)
    self->product = cpt_product_load (db, product_id, NULL);
  if (self->product == NULL)
    {
      self->product = cpt_product_new ();
      adw_dialog_set_title (ADW_DIALOG (self), _("New Product or Service"));
    }
  else
    {
      adw_dialog_set_title (ADW_DIALOG (self), cpt_product_get_name (self->product));
      gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Save"));
      gtk_widget_set_visible (self->archive_group, TRUE);
    }
  load (self);
  return self;
}

CptProductDialog *
cpt_product_dialog_new_from_line (CptDatabase     *db,
                                  CptDocumentLine *line)
{
  CptProductDialog *self = cpt_product_dialog_new (db, 0);
  const char *description = cpt_document_line_get_description (line);
  g_auto(GStrv) parts = g_strsplit (description ? description : "", "\n", 2);

  /* A line's first line is the name; what follows, the description. */
  g_object_set (self->product, "name", parts[0], "description", parts[0] ? parts[1] : NULL,
                "unit", cpt_document_line_get_unit (line) ? cpt_document_line_get_unit (line) : "C62",
                "unit-price", cpt_document_line_get_unit_price (line),
                "vat-rate", cpt_document_line_get_vat_rate (line), NULL);
  load (self);
  return self;
}

void
cpt_product_dialog_set_name (CptProductDialog *self,
                             const char       *name)
{
  g_return_if_fail (CPT_IS_PRODUCT_DIALOG (self));

  cpt_entry_row_set_text (self->name_row, name);
}

void
cpt_product_dialog_set_price_text (CptProductDialog *self,
                                   const char       *text)
{
  g_return_if_fail (CPT_IS_PRODUCT_DIALOG (self));

  cpt_entry_row_set_text (self->price_row, text);
}

void
cpt_product_dialog_set_vat_rate (CptProductDialog *self,
                                 gint64            rate)
{
  g_return_if_fail (CPT_IS_PRODUCT_DIALOG (self));

  adw_combo_row_set_selected (self->vat_row, cpt_vat_rate_position (rate));
}

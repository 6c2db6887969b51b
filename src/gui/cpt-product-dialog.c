/* cpt-product-dialog.c: create or edit a product or service. */
#define G_LOG_DOMAIN "cpt-product-dialog"

#include <glib/gi18n.h>

#include "cpt-application.h"
#include "cpt-error.h"
#include "cpt-gui-utils.h"
#include "cpt-money.h"
#include "cpt-product.h"
#include "cpt-product-dialog.h"
#include "cpt-records-async.h"

struct _CptProductDialog
{
  AdwDialog     parent_instance;

  CptContext   *context;
  CptProduct   *product;
  /* The read or the write running in the worker; cancelled when the dialog goes. */
  GCancellable *cancellable;
  gboolean      loading;
  gboolean      saving;

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

static void load (CptProductDialog *self);

static void
show_error (CptProductDialog *self,
            const char       *message)
{
  adw_banner_set_title (self->banner, message);
  adw_banner_set_revealed (self->banner, TRUE);
}

/* The fields wait, insensitive, for the product being read; Save and Archive wait for a
 * write under way. */
static void
set_busy (CptProductDialog *self,
          gboolean         *flag,
          gboolean          busy)
{
  GtkWidget *content = adw_toolbar_view_get_content (ADW_TOOLBAR_VIEW (adw_dialog_get_child (ADW_DIALOG (self))));
  gboolean was_busy = self->loading || self->saving;

  *flag = busy;
  gtk_widget_set_sensitive (content, !self->loading);
  gtk_widget_set_sensitive (self->save_button, !self->loading && !self->saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->archive_button), !self->loading && !self->saving);
  /* Closed while its write runs, the dialog would lose what the write says back (the
   * refusal and what was typed): it stays until the write is done. */
  adw_dialog_set_can_close (ADW_DIALOG (self), !self->saving);
  if (was_busy != (self->loading || self->saving))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptProduct) saved = cpt_product_save_finish (CPT_WORKER (source), result, &error);
  CptProductDialog *self;
  gboolean is_new;

  /* Closed meanwhile: the dialog is gone, nobody to tell. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CPT_PRODUCT_DIALOG (user_data);
  set_busy (self, &self->saving, FALSE);
  if (saved == NULL)
    {
      /* The dialog stays open with what was typed. */
      show_error (self, error->message);
      return;
    }
  is_new = cpt_product_get_id (self->product) == 0;
  g_set_object (&self->product, saved);
  g_object_ref (self);
  g_signal_emit (self, signals[SAVED], 0, cpt_product_get_id (self->product));
  if (is_new)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” added to the products and services"),
                                                  cpt_product_get_name (self->product));
      cpt_toast (GTK_WIDGET (self), message);
    }
  adw_dialog_close (ADW_DIALOG (self));
  g_object_unref (self);
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

  g_return_val_if_fail (CPT_IS_PRODUCT_DIALOG (self), FALSE);

  if (self->loading || self->saving)
    return FALSE;
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
  adw_banner_set_revealed (self->banner, FALSE);
  set_busy (self, &self->saving, TRUE);
  cpt_product_save_async (cpt_context_get_worker (self->context), self->product, self->cancellable,
                          on_saved, self);
  return TRUE;
}

static void
on_save_clicked (CptProductDialog *self)
{
  cpt_product_dialog_save (self);
}

typedef struct
{
  CptWorker   *worker;
  gint64       id;
  gboolean     archived;
} ArchiveUndo;

static void
archive_undo_free (gpointer data)
{
  ArchiveUndo *undo = data;

  g_object_unref (undo->worker);
  g_free (undo);
}

static void
on_archive_undone (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The dialog is gone by then: the window says it. */
  if (!cpt_product_set_archived_finish (CPT_WORKER (source), result, &error))
    cpt_show_error (NULL, _("Could not undo"), error);
}

static void
archive_undo (gpointer data)
{
  ArchiveUndo *undo = data;

  cpt_product_set_archived_async (undo->worker, undo->id, !undo->archived, NULL,
                                  on_archive_undone, NULL);
}

static void
on_archived (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  CptProductDialog *self;
  gboolean archived = FALSE;
  ArchiveUndo *undo;
  g_autofree char *message = NULL;

  if (!cpt_product_set_archived_finish (CPT_WORKER (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CPT_PRODUCT_DIALOG (user_data);
  set_busy (self, &self->saving, FALSE);
  if (error != NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_object_get (self->product, "archived", &archived, NULL);
  undo = g_new0 (ArchiveUndo, 1);
  undo->worker = g_object_ref (cpt_context_get_worker (self->context));
  undo->id = cpt_product_get_id (self->product);
  undo->archived = !archived;
  message = g_strdup_printf (!archived ? _("“%s” archived") : _("“%s” restored"),
                             cpt_product_get_name (self->product));
  cpt_toast_with_undo (GTK_WIDGET (self), message, G_CALLBACK (archive_undo), undo, archive_undo_free);
  adw_dialog_close (ADW_DIALOG (self));
}

static void
on_archive_clicked (CptProductDialog *self)
{
  gboolean archived = FALSE;

  if (self->loading || self->saving)
    return;
  g_object_get (self->product, "archived", &archived, NULL);
  set_busy (self, &self->saving, TRUE);
  cpt_product_set_archived_async (cpt_context_get_worker (self->context),
                                  cpt_product_get_id (self->product), !archived,
                                  self->cancellable, on_archived, self);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptProduct) product = cpt_product_load_finish (CPT_WORKER (source), result, &error);
  CptProductDialog *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CPT_PRODUCT_DIALOG (user_data);
  if (product == NULL)
    {
      /* Nothing to show: the fields stay insensitive, nothing can be saved over it. */
      g_autofree char *message = g_strdup_printf (_("Could not read the product: %s"), error->message);

      show_error (self, message);
      self->loading = FALSE;
      gtk_widget_set_sensitive (self->save_button, FALSE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
      return;
    }
  g_set_object (&self->product, product);
  adw_dialog_set_title (ADW_DIALOG (self), cpt_product_get_name (product));
  load (self);
  set_busy (self, &self->loading, FALSE);
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

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_PRODUCT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->product);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cpt_product_dialog_parent_class)->dispose (object);
}

static void
cpt_product_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CptProductDialog *self = CPT_PRODUCT_DIALOG (object);

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
cpt_product_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CptProductDialog *self = CPT_PRODUCT_DIALOG (object);

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
cpt_product_dialog_class_init (CptProductDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cpt_product_dialog_get_property;
  object_class->set_property = cpt_product_dialog_set_property;
  object_class->dispose = cpt_product_dialog_dispose;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CPT_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* TRUE while the product is read or written in the worker. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

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

  self->cancellable = g_cancellable_new ();
  self->product = cpt_product_new ();
  adw_combo_row_set_model (self->unit_row, units);
  adw_combo_row_set_expression (self->unit_row, expression);
  adw_combo_row_set_model (self->vat_row, rates);
}

CptProductDialog *
cpt_product_dialog_new (CptContext *context,
                        gint64      product_id)
{
  CptProductDialog *self;

  g_return_val_if_fail (CPT_IS_CONTEXT (context), NULL);

  self = g_object_new (CPT_TYPE_PRODUCT_DIALOG, "context", context, NULL);
  load (self);
  if (product_id <= 0)
    {
      adw_dialog_set_title (ADW_DIALOG (self), _("New Product or Service"));
      return self;
    }
  /* The fields wait, insensitive, for the product read in the worker. */
  adw_dialog_set_title (ADW_DIALOG (self), _("Product or Service"));
  gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Save"));
  gtk_widget_set_visible (self->archive_group, TRUE);
  set_busy (self, &self->loading, TRUE);
  cpt_product_load_async (cpt_context_get_worker (context), product_id, self->cancellable,
                          on_loaded, self);
  return self;
}

CptProductDialog *
cpt_product_dialog_new_from_line (CptContext      *context,
                                  CptDocumentLine *line)
{
  CptProductDialog *self = cpt_product_dialog_new (context, 0);
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

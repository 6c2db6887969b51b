/* cpt-line-dialog.c: see cpt-line-dialog.h. */
#include <glib/gi18n.h>

#include "cpt-gui-utils.h"
#include "cpt-line-dialog.h"
#include "cpt-line-fields.h"

struct _CptLineDialog
{
  AdwDialog         parent_instance;

  CptDocumentLine  *line;
  char             *currency;
  char             *default_exemption;
  gboolean          loading;

  GtkTextView      *description_view;
  AdwPreferencesGroup *figures_group;
  AdwEntryRow      *quantity_row;
  AdwEntryRow      *unit_row;
  AdwEntryRow      *price_row;
  AdwEntryRow      *discount_row;
  AdwComboRow      *vat_row;
  GtkLabel         *net_label;
  GtkLabel         *error_label;
  GtkWidget        *error_row;   /* the row whose refusal error_label tells, or NULL */
};

G_DEFINE_FINAL_TYPE (CptLineDialog, cpt_line_dialog, ADW_TYPE_DIALOG)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_net (CptLineDialog *self)
{
  g_autofree char *net = cpt_format_money (cpt_document_line_get_net (self->line), NULL);

  gtk_label_set_text (self->net_label, net);
}

static void
set_row_error (CptLineDialog *self,
               GtkWidget     *row,
               const GError  *error)
{
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("%s: %s"),
                                               cpt_line_field_label (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "cpt-field"))),
                                               error->message);

      gtk_widget_add_css_class (row, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_label_set_text (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      self->error_row = row;
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
      if (self->error_row == row)
        {
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
          self->error_row = NULL;
        }
    }
}

static void
on_field_changed (GtkEditable   *row,
                  CptLineDialog *self)
{
  CptLineField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "cpt-field"));
  g_autoptr(GError) error = NULL;

  if (self->loading)
    return;
  cpt_line_field_apply (self->line, field, gtk_editable_get_text (row), self->currency, &error);
  set_row_error (self, GTK_WIDGET (row), error);
  if (error == NULL)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* Leaving a figure shows it as it is kept and printed ("45" becomes "45.00"); a figure in
 * error keeps what was typed, to be corrected. */
static void
on_field_left (GtkEventControllerFocus *focus,
               CptLineDialog           *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus));
  CptLineField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "cpt-field"));
  g_autofree char *text = NULL;

  if (gtk_widget_has_css_class (row, "error"))
    return;
  text = cpt_line_field_text (self->line, field);
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (row))) == 0)
    return;
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  self->loading = FALSE;
}

static void
on_description_changed (GtkTextBuffer *buffer,
                        CptLineDialog *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->loading)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_object_set (self->line, "description", text, NULL);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_vat_selected (CptLineDialog *self)
{
  gint64 rate = cpt_vat_rate_at (adw_combo_row_get_selected (self->vat_row));

  if (self->loading || rate < 0)
    return;
  if (cpt_line_set_vat_rate (self->line, rate, self->default_exemption))
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
setup_field (CptLineDialog *self,
             AdwEntryRow   *row,
             CptLineField   field)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();
  g_autofree char *text = cpt_line_field_text (self->line, field);

  g_object_set_data (G_OBJECT (row), "cpt-field", GINT_TO_POINTER (field));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_connect_object (row, "changed", G_CALLBACK (on_field_changed), self, 0);
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_field_left), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (row), focus);
}

static void
cpt_line_dialog_dispose (GObject *object)
{
  CptLineDialog *self = CPT_LINE_DIALOG (object);

  if (self->line != NULL)
    g_signal_handlers_disconnect_by_data (self->line, self);
  g_clear_object (&self->line);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_LINE_DIALOG);
  G_OBJECT_CLASS (cpt_line_dialog_parent_class)->dispose (object);
}

static void
cpt_line_dialog_finalize (GObject *object)
{
  CptLineDialog *self = CPT_LINE_DIALOG (object);

  g_free (self->currency);
  g_free (self->default_exemption);
  G_OBJECT_CLASS (cpt_line_dialog_parent_class)->finalize (object);
}

static void
cpt_line_dialog_class_init (CptLineDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_line_dialog_dispose;
  object_class->finalize = cpt_line_dialog_finalize;

  /* A field of the line took a new value (the line holds it already). */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/comptoir/Comptoir/ui/cpt-line-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CptLineDialog, description_view);
  gtk_widget_class_bind_template_child (widget_class, CptLineDialog, figures_group);
  gtk_widget_class_bind_template_child (widget_class, CptLineDialog, quantity_row);
  gtk_widget_class_bind_template_child (widget_class, CptLineDialog, unit_row);
  gtk_widget_class_bind_template_child (widget_class, CptLineDialog, price_row);
  gtk_widget_class_bind_template_child (widget_class, CptLineDialog, discount_row);
  gtk_widget_class_bind_template_child (widget_class, CptLineDialog, vat_row);
  gtk_widget_class_bind_template_child (widget_class, CptLineDialog, net_label);
  gtk_widget_class_bind_template_child (widget_class, CptLineDialog, error_label);
}

static void
cpt_line_dialog_init (CptLineDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CptLineDialog *
cpt_line_dialog_new (CptDocumentLine *line,
                     guint            position,
                     const char      *currency,
                     const char      *default_exemption,
                     gboolean         editable)
{
  CptLineDialog *self = g_object_new (CPT_TYPE_LINE_DIALOG, NULL);
  g_autoptr(GListModel) rates = cpt_vat_rates_model ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  const char *description = cpt_document_line_get_description (line);
  gboolean item = g_strcmp0 (cpt_document_line_get_kind (line), "item") == 0;
  g_autofree char *title = NULL;

  self->line = g_object_ref (line);
  self->currency = g_strdup (currency);
  self->default_exemption = g_strdup (default_exemption);
  /* TRANSLATORS: the title of the dialog editing the third line of a document: "Line 3". */
  title = g_strdup_printf (_("Line %u"), position + 1);
  adw_dialog_set_title (ADW_DIALOG (self), title);

  self->loading = TRUE;
  gtk_text_buffer_set_text (buffer, description != NULL ? description : "", -1);
  setup_field (self, self->quantity_row, CPT_LINE_FIELD_QUANTITY);
  setup_field (self, self->unit_row, CPT_LINE_FIELD_UNIT);
  setup_field (self, self->price_row, CPT_LINE_FIELD_PRICE);
  setup_field (self, self->discount_row, CPT_LINE_FIELD_DISCOUNT);
  adw_combo_row_set_model (self->vat_row, rates);
  adw_combo_row_set_selected (self->vat_row, cpt_vat_rate_position (cpt_document_line_get_vat_rate (line)));
  self->loading = FALSE;

  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_description_changed), self, 0);
  g_signal_connect_object (self->vat_row, "notify::selected", G_CALLBACK (on_vat_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (line, "notify::net", G_CALLBACK (show_net), self, G_CONNECT_SWAPPED);
  show_net (self);

  /* A text line is only words; a line read-only is shown as it is. */
  gtk_widget_set_visible (GTK_WIDGET (self->figures_group), item);
  gtk_text_view_set_editable (self->description_view, editable);
  gtk_text_view_set_cursor_visible (self->description_view, editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->figures_group), editable);
  return self;
}

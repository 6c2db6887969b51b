/* cpt-quantities-dialog.c: see cpt-quantities-dialog.h. */
#define G_LOG_DOMAIN "cpt-quantities-dialog"

#include <string.h>
#include <glib/gi18n.h>

#include "cpt-gui-utils.h"
#include "cpt-money.h"
#include "cpt-quantities-dialog.h"

typedef struct
{
  gint64     line_id;
  GtkWidget *check;
  GtkWidget *entry;
} Row;

struct _CptQuantitiesDialog
{
  AdwDialog            parent_instance;

  GArray              *rows;   /* Row */

  /* template children */
  GtkButton           *accept_button;
  AdwPreferencesGroup *group;
  GtkListBox          *list;
};

G_DEFINE_FINAL_TYPE (CptQuantitiesDialog, cpt_quantities_dialog, ADW_TYPE_DIALOG)

enum { CHOSEN, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
on_accept_clicked (CptQuantitiesDialog *self)
{
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (CptLineQuantity));
  GtkWidget *wrong = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);
      CptLineQuantity line = { row->line_id, 0 };
      g_autoptr(GError) error = NULL;

      if (!gtk_check_button_get_active (GTK_CHECK_BUTTON (row->check)))
        continue;
      if (!cpt_quantity_parse (gtk_editable_get_text (GTK_EDITABLE (row->entry)), &line.quantity, &error))
        {
          /* Said beside the quantity: nothing is made until every quantity is one. */
          gtk_widget_add_css_class (row->entry, "error");
          gtk_widget_set_tooltip_text (row->entry, error->message);
          if (wrong == NULL)
            wrong = row->entry;
          continue;
        }
      gtk_widget_remove_css_class (row->entry, "error");
      gtk_widget_set_tooltip_text (row->entry, NULL);
      g_array_append_val (chosen, line);
    }
  if (wrong != NULL)
    {
      gtk_widget_grab_focus (wrong);
      return;
    }
  /* The dialog closes first: what ::chosen opens (a new document) comes on top. */
  g_object_ref (self);
  adw_dialog_close (ADW_DIALOG (self));
  if (chosen->len > 0)
    g_signal_emit (self, signals[CHOSEN], 0, chosen);
  g_object_unref (self);
}

void
cpt_quantities_dialog_add_line (CptQuantitiesDialog *self,
                                gint64               line_id,
                                const char          *description,
                                gint64               quantity,
                                gint64               max)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *text = cpt_format_quantity (quantity);
  g_autofree char *max_text = cpt_format_quantity (max);
  g_autofree char *subtitle = g_strdup_printf (_("At most %s"), max_text);
  g_autofree char *first = g_strdup (description ? description : "");
  char *newline = strchr (first, '\n');
  Row quantity_row = { line_id, check, entry };

  g_return_if_fail (CPT_IS_QUANTITIES_DIALOG (self));

  if (newline != NULL)
    *newline = '\0';
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), first);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 7);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 7);
  gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Quantity"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  gtk_list_box_append (self->list, row);
  g_array_append_val (self->rows, quantity_row);
}

guint
cpt_quantities_dialog_get_n_lines (CptQuantitiesDialog *self)
{
  g_return_val_if_fail (CPT_IS_QUANTITIES_DIALOG (self), 0);

  return self->rows->len;
}

CptQuantitiesDialog *
cpt_quantities_dialog_new (const char *title,
                           const char *description,
                           const char *accept_label)
{
  CptQuantitiesDialog *self = g_object_new (CPT_TYPE_QUANTITIES_DIALOG, "title", title, NULL);

  adw_preferences_group_set_description (self->group, description);
  gtk_button_set_label (self->accept_button, accept_label);
  return self;
}

static void
cpt_quantities_dialog_dispose (GObject *object)
{
  CptQuantitiesDialog *self = CPT_QUANTITIES_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_QUANTITIES_DIALOG);

  G_OBJECT_CLASS (cpt_quantities_dialog_parent_class)->dispose (object);
}

static void
cpt_quantities_dialog_finalize (GObject *object)
{
  CptQuantitiesDialog *self = CPT_QUANTITIES_DIALOG (object);

  g_array_unref (self->rows);

  G_OBJECT_CLASS (cpt_quantities_dialog_parent_class)->finalize (object);
}

static void
cpt_quantities_dialog_class_init (CptQuantitiesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_quantities_dialog_dispose;
  object_class->finalize = cpt_quantities_dialog_finalize;

  /* ::chosen (GArray of CptLineQuantity): the lines checked and their quantities. */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ARRAY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-quantities-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CptQuantitiesDialog, accept_button);
  gtk_widget_class_bind_template_child (widget_class, CptQuantitiesDialog, group);
  gtk_widget_class_bind_template_child (widget_class, CptQuantitiesDialog, list);
  gtk_widget_class_bind_template_callback (widget_class, on_accept_clicked);
}

static void
cpt_quantities_dialog_init (CptQuantitiesDialog *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* cpt-line-row.c: see cpt-line-row.h. The row follows its line: a figure changed in the
 * line dialog shows here at once. */
#include <glib/gi18n.h>

#include "cpt-gui-utils.h"
#include "cpt-line-fields.h"
#include "cpt-line-row.h"

struct _CptLineRow
{
  AdwActionRow     parent_instance;

  CptDocumentLine *line;

  GtkLabel        *net_label;
  GtkMenuButton   *menu_button;
};

G_DEFINE_FINAL_TYPE (CptLineRow, cpt_line_row, ADW_TYPE_ACTION_ROW)

enum { PROP_0, PROP_LINE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
refresh (CptLineRow *self)
{
  const char *kind = cpt_document_line_get_kind (self->line);
  const char *description = cpt_document_line_get_description (self->line);
  g_autofree char *summary = cpt_line_summary (self->line);
  g_autofree char *net = NULL;
  g_autofree char *first = NULL;
  gboolean subtotal = g_strcmp0 (kind, "subtotal") == 0;

  if (subtotal)
    first = g_strdup (_("Subtotal"));
  else if (description == NULL || *description == '\0')
    first = g_strdup (g_strcmp0 (kind, "text") == 0 ? _("(empty text)") : _("(no description)"));
  else
    first = g_strdup (description);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), first);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), summary != NULL ? summary : "");
  if (g_strcmp0 (kind, "text") != 0)
    net = cpt_format_money (cpt_document_line_get_net (self->line), NULL);
  gtk_label_set_text (self->net_label, net != NULL ? net : "");
  if (subtotal)
    gtk_widget_add_css_class (GTK_WIDGET (self->net_label), "heading");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->net_label), "heading");
}

static void
on_line_notify (CptLineRow *self)
{
  refresh (self);
}

static void
cpt_line_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CptLineRow *self = CPT_LINE_ROW (object);

  switch (prop_id)
    {
    case PROP_LINE:
      self->line = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_line_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CptLineRow *self = CPT_LINE_ROW (object);

  switch (prop_id)
    {
    case PROP_LINE:
      g_value_set_object (value, self->line);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_line_row_constructed (GObject *object)
{
  CptLineRow *self = CPT_LINE_ROW (object);

  G_OBJECT_CLASS (cpt_line_row_parent_class)->constructed (object);
  g_signal_connect_object (self->line, "notify", G_CALLBACK (on_line_notify), self, G_CONNECT_SWAPPED);
  refresh (self);
}

static void
cpt_line_row_dispose (GObject *object)
{
  CptLineRow *self = CPT_LINE_ROW (object);

  g_clear_object (&self->line);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_LINE_ROW);
  G_OBJECT_CLASS (cpt_line_row_parent_class)->dispose (object);
}

static void
cpt_line_row_class_init (CptLineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = cpt_line_row_set_property;
  object_class->get_property = cpt_line_row_get_property;
  object_class->constructed = cpt_line_row_constructed;
  object_class->dispose = cpt_line_row_dispose;

  properties[PROP_LINE] = g_param_spec_object ("line", NULL, NULL, CPT_TYPE_DOCUMENT_LINE,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/comptoir/Comptoir/ui/cpt-line-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CptLineRow, net_label);
  gtk_widget_class_bind_template_child (widget_class, CptLineRow, menu_button);
}

static void
cpt_line_row_init (CptLineRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cpt_line_row_new (CptDocumentLine *line)
{
  return g_object_new (CPT_TYPE_LINE_ROW, "line", line, NULL);
}

CptDocumentLine *
cpt_line_row_get_line (CptLineRow *self)
{
  g_return_val_if_fail (CPT_IS_LINE_ROW (self), NULL);
  return self->line;
}

GtkMenuButton *
cpt_line_row_get_menu_button (CptLineRow *self)
{
  g_return_val_if_fail (CPT_IS_LINE_ROW (self), NULL);
  return self->menu_button;
}

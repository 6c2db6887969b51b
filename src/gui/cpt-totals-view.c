/* cpt-totals-view.c: see cpt-totals-view.h. */
#define G_LOG_DOMAIN "cpt-totals-view"

#include <string.h>
#include <glib/gi18n.h>

#include "cpt-gui-utils.h"
#include "cpt-money.h"
#include "cpt-totals-view.h"

struct _CptTotalsView
{
  GtkWidget            parent_instance;

  CptDocumentSnapshot *document;
  GListModel          *lines;
  CptDocumentTotals    totals;

  /* template children */
  GtkGrid             *grid;
};

G_DEFINE_FINAL_TYPE (CptTotalsView, cpt_totals_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_DOCUMENT, PROP_LINES, N_PROPS };
static GParamSpec *properties[N_PROPS];

static const char *
currency_of (CptTotalsView *self)
{
  return self->document != NULL ? cpt_document_get_currency (cpt_document_snapshot_get_document (self->document))
                                : NULL;
}

static void
add_row (CptTotalsView *self,
         int            row,
         const char    *label,
         gint64         amount,
         gboolean       strong)
{
  GtkWidget *name = gtk_label_new (label);
  g_autofree char *text = cpt_format_money (amount, currency_of (self));
  GtkWidget *value = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (value), 1);
  gtk_widget_add_css_class (value, "numeric");
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_widget_set_focusable (value, FALSE);
  if (strong)
    {
      gtk_widget_add_css_class (name, "heading");
      gtk_widget_add_css_class (value, "heading");
    }
  else
    gtk_widget_add_css_class (name, "dim-label");
  gtk_grid_attach (self->grid, name, 0, row, 1, 1);
  gtk_grid_attach (self->grid, value, 1, row, 1, 1);
}

void
cpt_totals_view_update (CptTotalsView *self)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = self->lines != NULL ? g_list_model_get_n_items (self->lines) : 0;
  CptDocumentBalance balance = { 0 };
  gboolean has_balance;
  gboolean credit_note;
  CptTotalsFigures figures;
  GtkWidget *child;
  int row = 0;

  g_return_if_fail (CPT_IS_TOTALS_VIEW (self));

  has_balance = self->document != NULL && cpt_document_snapshot_get_balance (self->document, &balance);
  credit_note = self->document != NULL &&
                cpt_document_snapshot_get_kind (self->document) == CPT_DOCUMENT_KIND_CREDIT_NOTE;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (lines, g_list_model_get_item (self->lines, i));
  cpt_document_totals_clear (&self->totals);
  memset (&self->totals, 0, sizeof self->totals);
  if (!cpt_documents_compute_totals (lines, &self->totals, NULL))
    return;

  /* The figures come from the code the PDF's totals block uses, so both show the same. */
  cpt_document_totals_figures (&self->totals, self->totals.deposits_net != 0,
                               has_balance ? balance.credited : 0, has_balance ? balance.paid : 0,
                               &figures);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);

  if (figures.deducts_deposits)
    {
      add_row (self, row++, _("Order total without VAT"), figures.order_net, FALSE);
      add_row (self, row++, _("Deposits deducted without VAT"), -figures.deposits_net, FALSE);
    }
  add_row (self, row++, _("Total without VAT"), figures.net, FALSE);
  for (guint i = 0; self->totals.vat != NULL && i < self->totals.vat->len; i++)
    {
      const CptVatEntry *entry = &g_array_index (self->totals.vat, CptVatEntry, i);
      g_autofree char *rate = cpt_format_percent (entry->rate);
      g_autofree char *base = cpt_format_money (entry->base, currency_of (self));
      /* Translators: one line of the VAT breakdown: rate and taxable amount */
      g_autofree char *label = g_strdup_printf (_("VAT %s on %s"), rate, base);

      add_row (self, row++, label, entry->vat, FALSE);
    }
  /* What a credit note gives back is not "due" by the client. */
  add_row (self, row++,
           credit_note ? _("Amount credited") : figures.deducts_deposits ? _("Amount due") : _("Total with VAT"),
           figures.gross, !has_balance);
  if (has_balance)
    {
      /* Sums received or credited, shown as they are: not as negative amounts, and
       * worded as the PDF words them (not the "Paid" of a status badge). */
      if (figures.credited != 0)
        add_row (self, row++, _("Already credited"), figures.credited, FALSE);
      add_row (self, row++, _("Already paid"), figures.paid, FALSE);
      /* Paid, then credited: the difference is the client's, not a negative amount to pay. */
      if (figures.left < 0)
        add_row (self, row++, _("Owed to the client"), -figures.left, TRUE);
      else
        add_row (self, row++, _("Left to pay"), figures.left, TRUE);
    }
}

CptDocumentSnapshot *
cpt_totals_view_get_document (CptTotalsView *self)
{
  g_return_val_if_fail (CPT_IS_TOTALS_VIEW (self), NULL);

  return self->document;
}

void
cpt_totals_view_set_document (CptTotalsView       *self,
                              CptDocumentSnapshot *document)
{
  g_return_if_fail (CPT_IS_TOTALS_VIEW (self));

  if (!g_set_object (&self->document, document))
    return;
  cpt_totals_view_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

GListModel *
cpt_totals_view_get_lines (CptTotalsView *self)
{
  g_return_val_if_fail (CPT_IS_TOTALS_VIEW (self), NULL);

  return self->lines;
}

void
cpt_totals_view_set_lines (CptTotalsView *self,
                           GListModel    *lines)
{
  g_return_if_fail (CPT_IS_TOTALS_VIEW (self));

  if (!g_set_object (&self->lines, lines))
    return;
  cpt_totals_view_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINES]);
}

const CptDocumentTotals *
cpt_totals_view_get_totals (CptTotalsView *self)
{
  g_return_val_if_fail (CPT_IS_TOTALS_VIEW (self), NULL);

  return &self->totals;
}

GtkGrid *
cpt_totals_view_get_grid (CptTotalsView *self)
{
  g_return_val_if_fail (CPT_IS_TOTALS_VIEW (self), NULL);

  return self->grid;
}

static void
cpt_totals_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CptTotalsView *self = CPT_TOTALS_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_LINES:
      g_value_set_object (value, self->lines);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_totals_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CptTotalsView *self = CPT_TOTALS_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      cpt_totals_view_set_document (self, g_value_get_object (value));
      break;
    case PROP_LINES:
      cpt_totals_view_set_lines (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_totals_view_dispose (GObject *object)
{
  CptTotalsView *self = CPT_TOTALS_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_TOTALS_VIEW);
  /* The children the template does not name are the widget's to let go of. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->document);
  g_clear_object (&self->lines);
  cpt_document_totals_clear (&self->totals);

  G_OBJECT_CLASS (cpt_totals_view_parent_class)->dispose (object);
}

static void
cpt_totals_view_class_init (CptTotalsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_totals_view_dispose;
  object_class->get_property = cpt_totals_view_get_property;
  object_class->set_property = cpt_totals_view_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CPT_TYPE_DOCUMENT_SNAPSHOT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINES] =
    g_param_spec_object ("lines", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-totals-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CptTotalsView, grid);
}

static void
cpt_totals_view_init (CptTotalsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

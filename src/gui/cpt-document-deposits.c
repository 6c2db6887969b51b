/* cpt-document-deposits.c: see cpt-document-deposits.h. What it lists comes from the snapshot
 * of its `document` property. */
#define G_LOG_DOMAIN "cpt-document-deposits"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "cpt-document-deposits.h"
#include "cpt-gui-utils.h"

struct _CptDocumentDeposits
{
  GtkWidget            parent_instance;

  CptDocumentSnapshot *document;

  /* template children */
  GtkMenuButton       *attach_button;
  GtkListBox          *deposits_list;
  GtkLabel            *attach_empty_label;
  GtkListBox          *attach_list;
};

G_DEFINE_FINAL_TYPE (CptDocumentDeposits, cpt_document_deposits, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_DOCUMENT, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
on_detach_clicked (GtkButton *button)
{
  gint64 deposit_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "cpt-deposit"));

  gtk_widget_activate_action (GTK_WIDGET (button), "document.detach-deposit", "x", deposit_id);
}

static void
on_attach_row_activated (CptDocumentDeposits *self,
                         GtkListBoxRow       *row)
{
  gint64 deposit_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "cpt-deposit"));

  gtk_menu_button_popdown (self->attach_button);
  gtk_widget_activate_action (GTK_WIDGET (self), "document.attach-deposit", "x", deposit_id);
}

static void
remove_all (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
show_deducted (CptDocumentDeposits *self,
               GPtrArray           *deposits,
               gboolean             editable)
{
  for (guint i = 0; deposits != NULL && i < deposits->len; i++)
    {
      CptDocument *deposit = g_ptr_array_index (deposits, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *gross = cpt_format_money (cpt_document_get_amount_due (deposit),
                                                 cpt_document_get_currency (deposit));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cpt_document_get_number (deposit));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), gross);
      if (editable)
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (_("_Detach"));

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "flat");
          g_object_set_data (G_OBJECT (button), "cpt-deposit", GSIZE_TO_POINTER (cpt_document_get_id (deposit)));
          g_signal_connect (button, "clicked", G_CALLBACK (on_detach_clicked), NULL);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      gtk_list_box_append (self->deposits_list, row);
    }
}

static void
show_attachable (CptDocumentDeposits *self,
                 GPtrArray           *deposits)
{
  for (guint i = 0; deposits != NULL && i < deposits->len; i++)
    {
      CptClientDeposit *deposit = g_ptr_array_index (deposits, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *gross = cpt_format_money (deposit->gross, NULL);
      g_autofree char *subtitle = deposit->title ? g_strdup_printf ("%s · %s", gross, deposit->title)
                                                 : g_strdup (gross);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), deposit->number);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      g_object_set_data (G_OBJECT (row), "cpt-deposit", GSIZE_TO_POINTER (deposit->id));
      gtk_list_box_append (self->attach_list, row);
    }
}

static void
show_document (CptDocumentDeposits *self)
{
  gboolean invoice = self->document != NULL &&
                     cpt_document_snapshot_get_kind (self->document) == CPT_DOCUMENT_KIND_INVOICE;
  gboolean editable = invoice && cpt_document_snapshot_allows (self->document, "edit");
  GPtrArray *deducted = invoice ? cpt_document_snapshot_get_deposits (self->document) : NULL;
  GPtrArray *attachable = editable ? cpt_document_snapshot_get_attachable_deposits (self->document) : NULL;
  guint n_deducted = deducted != NULL ? deducted->len : 0;
  guint n_attachable = attachable != NULL ? attachable->len : 0;

  remove_all (self->deposits_list);
  remove_all (self->attach_list);
  show_deducted (self, deducted, editable);
  show_attachable (self, attachable);
  gtk_widget_set_visible (GTK_WIDGET (self->deposits_list), n_deducted > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->attach_button), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->attach_empty_label), n_attachable == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->attach_list), n_attachable > 0);
  /* Only where deposits are, or could be, deducted. */
  gtk_widget_set_visible (GTK_WIDGET (self), invoice && (n_deducted > 0 || (editable && n_attachable > 0)));
}

CptDocumentSnapshot *
cpt_document_deposits_get_document (CptDocumentDeposits *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_DEPOSITS (self), NULL);

  return self->document;
}

void
cpt_document_deposits_set_document (CptDocumentDeposits *self,
                                    CptDocumentSnapshot *document)
{
  g_return_if_fail (CPT_IS_DOCUMENT_DEPOSITS (self));
  g_return_if_fail (document == NULL || CPT_IS_DOCUMENT_SNAPSHOT (document));

  if (!g_set_object (&self->document, document))
    return;
  show_document (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

static void
cpt_document_deposits_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CptDocumentDeposits *self = CPT_DOCUMENT_DEPOSITS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_document_deposits_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CptDocumentDeposits *self = CPT_DOCUMENT_DEPOSITS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      cpt_document_deposits_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_document_deposits_dispose (GObject *object)
{
  CptDocumentDeposits *self = CPT_DOCUMENT_DEPOSITS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_DOCUMENT_DEPOSITS);
  /* The children the template does not name are the widget's to let go of. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (cpt_document_deposits_parent_class)->dispose (object);
}

static void
cpt_document_deposits_class_init (CptDocumentDepositsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_document_deposits_dispose;
  object_class->get_property = cpt_document_deposits_get_property;
  object_class->set_property = cpt_document_deposits_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CPT_TYPE_DOCUMENT_SNAPSHOT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-document-deposits.ui");
  gtk_widget_class_bind_template_child (widget_class, CptDocumentDeposits, attach_button);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentDeposits, deposits_list);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentDeposits, attach_empty_label);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentDeposits, attach_list);
  gtk_widget_class_bind_template_callback (widget_class, on_attach_row_activated);
}

static void
cpt_document_deposits_init (CptDocumentDeposits *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* cpt-document-related.c: see cpt-document-related.h. Everything it shows comes from the
 * snapshot of its `document` property: it reads nothing itself. */
#define G_LOG_DOMAIN "cpt-document-related"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "cpt-document-extras.h"
#include "cpt-document-related.h"
#include "cpt-gui-utils.h"

struct _CptDocumentRelated
{
  GtkWidget            parent_instance;

  CptDocumentSnapshot *document;
  GPtrArray           *rows;     /* the rows added to the groups below, to remove them */

  /* template children */
  AdwPreferencesGroup *payments_group;
  AdwPreferencesGroup *related_group;
  AdwPreferencesGroup *history_group;
};

G_DEFINE_FINAL_TYPE (CptDocumentRelated, cpt_document_related, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_DOCUMENT, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
add_row (CptDocumentRelated  *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, g_object_ref (row));
}

static void
clear_rows (CptDocumentRelated *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void
show_payments (CptDocumentRelated *self)
{
  GPtrArray *payments = cpt_document_snapshot_get_payments (self->document);
  guint shown = 0;

  for (guint i = 0; payments != NULL && i < payments->len; i++)
    {
      CptPaymentReceived *received = g_ptr_array_index (payments, i);
      CptPayment *payment = received->payment;
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *amount = cpt_format_money (received->amount, NULL);
      g_autofree char *date = cpt_format_date (cpt_payment_get_date (payment));
      const char *mode = _(cpt_payment_mode_label (cpt_payment_get_mode (payment)));
      g_autofree char *subtitle = cpt_payment_get_reference (payment)
                                    ? g_strdup_printf ("%s · %s", mode, cpt_payment_get_reference (payment))
                                    : g_strdup (mode);
      GtkWidget *value = gtk_label_new (amount);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (value, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      add_row (self, self->payments_group, row);
      shown++;
    }
  if (shown == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No payment received yet"));
      gtk_widget_add_css_class (row, "dim-label");
      add_row (self, self->payments_group, row);
    }
}

static void
on_related_activated (AdwActionRow *row)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "cpt-document"));

  gtk_widget_activate_action (GTK_WIDGET (row), "win.open-document", "x", id);
}

static guint
show_related (CptDocumentRelated *self)
{
  GPtrArray *related = cpt_document_snapshot_get_related (self->document);

  for (guint i = 0; related != NULL && i < related->len; i++)
    {
      CptDocument *other = g_ptr_array_index (related, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *name = cpt_document_get_number (other) != NULL
                                ? g_strdup (cpt_document_get_number (other))
                                /* Translators: a document without a number yet: its kind, e.g. "Invoice (draft)" */
                                : g_strdup_printf (_("%s (draft)"), cpt_kind_label (cpt_document_get_document_kind (other)));
      g_autofree char *amount = cpt_format_money (cpt_document_get_amount_due (other), cpt_document_get_currency (other));
      g_autofree char *date = cpt_format_date (cpt_document_get_date (other));
      g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", cpt_kind_label (cpt_document_get_document_kind (other)),
                                                   date, amount);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "cpt-document", GSIZE_TO_POINTER (cpt_document_get_id (other)));
      g_signal_connect (row, "activated", G_CALLBACK (on_related_activated), NULL);
      add_row (self, self->related_group, row);
    }
  return related != NULL ? related->len : 0;
}

static void
show_history (CptDocumentRelated *self)
{
  GPtrArray *history = cpt_document_snapshot_get_history (self->document);

  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      CptHistoryEvent *event = g_ptr_array_index (history, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *text = cpt_history_event_describe (event, cpt_ui_language ());
      g_autofree char *at = cpt_format_date_time (event->at);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), g_strstrip (at));
      add_row (self, self->history_group, row);
    }
}

static void
show_document (CptDocumentRelated *self)
{
  gboolean receivable = self->document != NULL && cpt_document_snapshot_get_payments (self->document) != NULL;
  guint n_related = 0;

  clear_rows (self);
  if (self->document != NULL)
    {
      if (receivable)
        show_payments (self);
      n_related = show_related (self);
      show_history (self);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->payments_group), receivable);
  /* An empty group would say the document has no linked document. */
  gtk_widget_set_visible (GTK_WIDGET (self->related_group), n_related > 0);
}

CptDocumentSnapshot *
cpt_document_related_get_document (CptDocumentRelated *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_RELATED (self), NULL);

  return self->document;
}

void
cpt_document_related_set_document (CptDocumentRelated  *self,
                                   CptDocumentSnapshot *document)
{
  g_return_if_fail (CPT_IS_DOCUMENT_RELATED (self));
  g_return_if_fail (document == NULL || CPT_IS_DOCUMENT_SNAPSHOT (document));

  if (!g_set_object (&self->document, document))
    return;
  show_document (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

static void
cpt_document_related_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CptDocumentRelated *self = CPT_DOCUMENT_RELATED (object);

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
cpt_document_related_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CptDocumentRelated *self = CPT_DOCUMENT_RELATED (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      cpt_document_related_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_document_related_dispose (GObject *object)
{
  CptDocumentRelated *self = CPT_DOCUMENT_RELATED (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_DOCUMENT_RELATED);
  /* The children the template does not name are the widget's to let go of. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (cpt_document_related_parent_class)->dispose (object);
}

static void
cpt_document_related_class_init (CptDocumentRelatedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_document_related_dispose;
  object_class->get_property = cpt_document_related_get_property;
  object_class->set_property = cpt_document_related_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CPT_TYPE_DOCUMENT_SNAPSHOT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-document-related.ui");
  gtk_widget_class_bind_template_child (widget_class, CptDocumentRelated, payments_group);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentRelated, related_group);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentRelated, history_group);
}

static void
cpt_document_related_init (CptDocumentRelated *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
}

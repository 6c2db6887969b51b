/* cpt-payments-page.c: the payments received: searched by client or reference, filtered by
 * period and client, with their totals under the list. */
#define G_LOG_DOMAIN "cpt-payments-page"

#include <glib/gi18n.h>

#include "cpt-client-picker.h"
#include "cpt-gui-utils.h"
#include "cpt-list-page-utils.h"
#include "cpt-payment-dialog.h"
#include "cpt-payments-page.h"

struct _CptPaymentsPage
{
  AdwNavigationPage parent_instance;

  CptContext       *context;
  CptDatabase      *db;              /* the context's */

  /* template children */
  GtkSearchEntry   *search_entry;
  GtkMenuButton    *filter_button;
  AdwButtonContent *filter_button_content;
  GtkDropDown      *period_dropdown;
  CptClientPicker  *client_picker;
  CptPaymentList   *list;
};

G_DEFINE_FINAL_TYPE (CptPaymentsPage, cpt_payments_page, ADW_TYPE_NAVIGATION_PAGE)

static void
apply_filter (CptPaymentsPage *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  guint period = gtk_drop_down_get_selected (self->period_dropdown);
  gint64 client_id = cpt_client_picker_get_client_id (self->client_picker);
  CptPaymentFilter filter = { 0 };

  if (self->db == NULL)
    return;
  cpt_list_page_period_dates (period, &from, &to);
  filter.client_id = client_id;
  filter.date_from = from;
  filter.date_to = to;
  filter.search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  cpt_payment_list_set_filter (self->list, self->context, &filter);

  /* The button says what hides payments, as in the lists of documents. */
  {
    g_autoptr(GPtrArray) parts = g_ptr_array_new ();
    g_autofree char *label = NULL;

    if (period != CPT_LIST_PERIOD_ALL)
      g_ptr_array_add (parts, (gpointer) gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (self->period_dropdown)), period));
    if (client_id > 0)
      g_ptr_array_add (parts, (gpointer) cpt_client_picker_get_client_name (self->client_picker));
    g_ptr_array_add (parts, NULL);
    label = parts->len > 1 ? g_strjoinv (" · ", (char **) parts->pdata) : g_strdup (_("Filter"));
    adw_button_content_set_label (self->filter_button_content, label);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    label, -1);
    if (parts->len > 1)
      gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "filter-active");
    else
      gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "filter-active");
  }
}

static void
on_filter_changed (CptPaymentsPage *self)
{
  apply_filter (self);
}

static void
on_reset_clicked (CptPaymentsPage *self)
{
  gtk_drop_down_set_selected (self->period_dropdown, CPT_LIST_PERIOD_ALL);
  cpt_client_picker_set_client_id (self->client_picker, 0);
  apply_filter (self);
}

static void
record_payment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CptPaymentsPage *self = CPT_PAYMENTS_PAGE (widget);

  adw_dialog_present (ADW_DIALOG (cpt_payment_dialog_new (self->context, cpt_client_picker_get_client_id (self->client_picker))),
                      widget);
}

static void
cpt_payments_page_dispose (GObject *object)
{
  CptPaymentsPage *self = CPT_PAYMENTS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_PAYMENTS_PAGE);
  g_clear_object (&self->db);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cpt_payments_page_parent_class)->dispose (object);
}

static void
cpt_payments_page_class_init (CptPaymentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_payments_page_dispose;

  g_type_ensure (CPT_TYPE_CLIENT_PICKER);
  g_type_ensure (CPT_TYPE_PAYMENT_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-payments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CptPaymentsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CptPaymentsPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, CptPaymentsPage, filter_button_content);
  gtk_widget_class_bind_template_child (widget_class, CptPaymentsPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CptPaymentsPage, client_picker);
  gtk_widget_class_bind_template_child (widget_class, CptPaymentsPage, list);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked);
  gtk_widget_class_install_action (widget_class, "page.record-payment", NULL, record_payment_action);
}

static void
cpt_payments_page_init (CptPaymentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  cpt_client_picker_set_can_clear (self->client_picker, TRUE);
  cpt_client_picker_set_placeholder (self->client_picker, _("All Clients"));
}

CptPaymentsPage *
cpt_payments_page_new (CptContext *context)
{
  CptPaymentsPage *self;

  g_return_val_if_fail (CPT_IS_CONTEXT (context), NULL);

  self = g_object_new (CPT_TYPE_PAYMENTS_PAGE, NULL);
  self->context = g_object_ref (context);
  self->db = g_object_ref (cpt_context_get_database (context));
  cpt_client_picker_set_context (self->client_picker, self->context);
  apply_filter (self);
  return self;
}

CptPaymentList *
cpt_payments_page_get_list (CptPaymentsPage *self)
{
  g_return_val_if_fail (CPT_IS_PAYMENTS_PAGE (self), NULL);

  return self->list;
}

GtkSearchEntry *
cpt_payments_page_get_search_entry (CptPaymentsPage *self)
{
  g_return_val_if_fail (CPT_IS_PAYMENTS_PAGE (self), NULL);

  return self->search_entry;
}

GtkDropDown *
cpt_payments_page_get_period_dropdown (CptPaymentsPage *self)
{
  g_return_val_if_fail (CPT_IS_PAYMENTS_PAGE (self), NULL);

  return self->period_dropdown;
}

/* cpt-payments-page.c: the payments received. */
#define G_LOG_DOMAIN "cpt-payments-page"

#include <glib/gi18n.h>

#include "cpt-client-picker.h"
#include "cpt-payment-dialog.h"
#include "cpt-payments-page.h"

struct _CptPaymentsPage
{
  AdwNavigationPage parent_instance;

  CptDatabase      *db;

  /* template children */
  CptClientPicker  *client_picker;
  CptPaymentList   *list;
};

G_DEFINE_FINAL_TYPE (CptPaymentsPage, cpt_payments_page, ADW_TYPE_NAVIGATION_PAGE)

static void
on_client_changed (CptPaymentsPage *self)
{
  if (self->db != NULL)
    cpt_payment_list_set_client (self->list, self->db, cpt_client_picker_get_client_id (self->client_picker));
}

static void
record_payment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CptPaymentsPage *self = CPT_PAYMENTS_PAGE (widget);

  adw_dialog_present (ADW_DIALOG (cpt_payment_dialog_new (self->db, cpt_client_picker_get_client_id (self->client_picker))),
                      widget);
}

static void
cpt_payments_page_dispose (GObject *object)
{
  CptPaymentsPage *self = CPT_PAYMENTS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_PAYMENTS_PAGE);
  g_clear_object (&self->db);

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
  gtk_widget_class_bind_template_child (widget_class, CptPaymentsPage, client_picker);
  gtk_widget_class_bind_template_child (widget_class, CptPaymentsPage, list);
  gtk_widget_class_bind_template_callback (widget_class, on_client_changed);
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
cpt_payments_page_new (CptDatabase *db)
{
  CptPaymentsPage *self;

  g_return_val_if_fail (CPT_IS_DATABASE (db), NULL);

  self = g_object_new (CPT_TYPE_PAYMENTS_PAGE, NULL);
  self->db = g_object_ref (db);
  cpt_client_picker_set_database (self->client_picker, db);
  cpt_payment_list_set_client (self->list, db, 0);
  return self;
}

CptPaymentList *
cpt_payments_page_get_list (CptPaymentsPage *self)
{
  g_return_val_if_fail (CPT_IS_PAYMENTS_PAGE (self), NULL);

  return self->list;
}

/* cpt-client-payments.c: see cpt-client-payments.h. */
#define G_LOG_DOMAIN "cpt-client-payments"

#include "cpt-client-payments.h"

struct _CptClientPayments
{
  AdwBin          parent_instance;

  /* template children */
  CptPaymentList *list;
};

G_DEFINE_FINAL_TYPE (CptClientPayments, cpt_client_payments, ADW_TYPE_BIN)

static void
cpt_client_payments_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CPT_TYPE_CLIENT_PAYMENTS);

  G_OBJECT_CLASS (cpt_client_payments_parent_class)->dispose (object);
}

static void
cpt_client_payments_class_init (CptClientPaymentsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_client_payments_dispose;

  g_type_ensure (CPT_TYPE_PAYMENT_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-client-payments.ui");
  gtk_widget_class_bind_template_child (widget_class, CptClientPayments, list);
}

static void
cpt_client_payments_init (CptClientPayments *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CptClientPayments *
cpt_client_payments_new (void)
{
  return g_object_new (CPT_TYPE_CLIENT_PAYMENTS, NULL);
}

CptPaymentList *
cpt_client_payments_get_list (CptClientPayments *self)
{
  g_return_val_if_fail (CPT_IS_CLIENT_PAYMENTS (self), NULL);

  return self->list;
}

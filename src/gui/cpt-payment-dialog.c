/* cpt-payment-dialog.c: record a payment and allocate it, or look at one, use what is left
 * of it (the client's credit) on open invoices, and delete it. */
#define G_LOG_DOMAIN "cpt-payment-dialog"

#include <glib/gi18n.h>

#include "cpt-application.h"
#include "cpt-client-picker.h"
#include "cpt-dates.h"
#include "cpt-document-query.h"
#include "cpt-documents.h"
#include "cpt-gui-utils.h"
#include "cpt-money.h"
#include "cpt-payment-dialog.h"
#include "cpt-payments-async.h"

static const char *const modes[] = { "transfer", "card", "cheque", "cash", "direct_debit", "other" };

typedef struct
{
  gint64     document_id;
  gint64     balance;
  GtkWidget *check;
  GtkWidget *entry;
} AllocationRow;

struct _CptPaymentDialog
{
  AdwDialog        parent_instance;

  CptContext      *context;
  CptWorker       *worker;         /* the context's */
  /* What runs in the worker, cancelled when the dialog goes; `reading` is cancelled too
   * when another client is chosen. */
  GCancellable    *cancellable;
  GCancellable    *reading;
  gboolean         saving;
  gint64           recording;      /* the amount being recorded, for the toast */
  gint64           payment_id;     /* viewing a recorded payment */
  gint64           left;           /* of that payment, not allocated */
  gboolean         refund;         /* the amount typed is given back to the client */
  GArray          *rows;           /* AllocationRow */
  GPtrArray       *group_rows;
  gboolean         filling;

  /* template children */
  GtkWidget       *cancel_button;
  GtkWidget       *record_button;
  AdwBanner       *banner;
  AdwPreferencesGroup *payment_group;
  CptClientPicker *client_picker;
  AdwEntryRow     *date_row;
  AdwEntryRow     *amount_row;
  AdwComboRow     *mode_row;
  AdwEntryRow     *reference_row;
  AdwPreferencesGroup *allocations_group;
  AdwPreferencesGroup *credit_group;
  GtkWidget       *delete_group;
};

G_DEFINE_FINAL_TYPE (CptPaymentDialog, cpt_payment_dialog, ADW_TYPE_DIALOG)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_busy (CptPaymentDialog *self)
{
  return self->reading != NULL || self->saving || cpt_client_picker_is_busy (self->client_picker);
}

static void
notify_busy (CptPaymentDialog *self)
{
  /* Closed while its write runs, the dialog would lose what the write says back (the
   * refusal and what was typed): it stays until the write is done. */
  adw_dialog_set_can_close (ADW_DIALOG (self), !self->saving);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_error (CptPaymentDialog *self,
            const char       *message)
{
  adw_banner_set_title (self->banner, message);
  adw_banner_set_revealed (self->banner, TRUE);
}

static void
clear_allocations (CptPaymentDialog *self)
{
  for (guint i = 0; i < self->group_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->group_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->group_rows, 0);
  g_array_set_size (self->rows, 0);
}

static void
add_row (CptPaymentDialog    *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->group_rows, row);
}

/* A recorded payment is looked at, not changed; what is left of it can still be used. */
static gint64
amount_to_allocate (CptPaymentDialog *self)
{
  gint64 amount = 0;

  if (self->payment_id != 0)
    return self->left;
  return cpt_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->amount_row)), &amount, NULL)
         ? amount : 0;
}

/* The amount goes to the oldest invoices first, as people usually mean it. */
static void
fill_allocations (CptPaymentDialog *self)
{
  gint64 left = amount_to_allocate (self);

  self->filling = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      AllocationRow *row = &g_array_index (self->rows, AllocationRow, i);
      gint64 take = MIN (MAX (left, 0), row->balance);
      g_autofree char *text = cpt_decimal_format (take, 2, 2, cpt_ui_language ());

      gtk_check_button_set_active (GTK_CHECK_BUTTON (row->check), take > 0);
      gtk_editable_set_text (GTK_EDITABLE (row->entry), take > 0 ? text : "");
      left -= take;
    }
  self->filling = FALSE;
}

/* The client's open invoices (read in the worker), each with a box to tick and an amount. */
static void
show_open_invoices (CptPaymentDialog    *self,
                    AdwPreferencesGroup *group,
                    GPtrArray           *open)
{
  for (guint i = 0; i < open->len; i++)
    {
      CptDocumentRow *item = g_ptr_array_index (open, i);
      CptDocument *document = cpt_document_row_get_document (item);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *entry = gtk_entry_new ();
      g_autofree char *due = cpt_format_date (cpt_document_get_due_date (document));
      g_autofree char *balance = cpt_format_money (cpt_document_row_get_balance (item), NULL);
      g_autofree char *subtitle = g_strdup_printf (_("Due %s · %s left to pay · %s"), due, balance,
                                                   cpt_state_label (cpt_document_row_get_state (item)));
      AllocationRow allocation = { cpt_document_get_id (document), cpt_document_row_get_balance (item), check, entry };
      g_autofree char *pay = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cpt_document_get_number (document));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      /* Translators: the accessible name of the box ticking an invoice to pay, as in "Pay FA-2026-0002" */
      pay = g_strdup_printf (_("Pay %s"), cpt_document_get_number (document));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, pay, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      /* A click anywhere on the row ticks it. */
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 10);
      gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0);
      gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Amount allocated"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
      add_row (self, group, row);
      g_array_append_val (self->rows, allocation);
    }
  fill_allocations (self);
}

static void
update_sensitivity (CptPaymentDialog *self)
{
  gint64 amount = 0;
  gboolean ok = cpt_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->amount_row)), &amount, NULL) &&
                amount != 0;

  gtk_widget_set_sensitive (self->record_button, ok && !self->saving && self->reading == NULL &&
                                                 cpt_client_picker_get_client_id (self->client_picker) > 0);
}

static void
stop_reading (CptPaymentDialog *self)
{
  if (self->reading == NULL)
    return;
  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  notify_busy (self);
}

static void
on_open_invoices_read (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptPaymentFacts) facts = cpt_payment_facts_load_finish (CPT_WORKER (source), result, &error);
  CptPaymentDialog *self;

  /* Another client chosen meanwhile, or the dialog gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CPT_PAYMENT_DIALOG (user_data);
  g_clear_object (&self->reading);
  gtk_widget_set_sensitive (GTK_WIDGET (self->allocations_group), TRUE);
  if (facts == NULL)
    show_error (self, error->message);
  else
    show_open_invoices (self, self->allocations_group, facts->open);
  if (self->rows->len == 0 && facts != NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No open invoice: the payment becomes the client’s credit"));
      add_row (self, self->allocations_group, row);
    }
  update_sensitivity (self);
  notify_busy (self);
}

/* The chosen client's open invoices are read in the worker; until then there is nothing to
 * allocate to, and Record waits. */
static void
on_client_changed (CptPaymentDialog *self)
{
  gint64 client_id = cpt_client_picker_get_client_id (self->client_picker);

  if (self->payment_id != 0 || self->refund)
    return;
  stop_reading (self);
  clear_allocations (self);
  if (client_id > 0)
    {
      self->reading = g_cancellable_new ();
      gtk_widget_set_sensitive (GTK_WIDGET (self->allocations_group), FALSE);
      cpt_payment_facts_load_async (self->worker, 0, client_id, self->reading,
                                    on_open_invoices_read, self);
    }
  update_sensitivity (self);
  notify_busy (self);
}

static void
on_amount_changed (CptPaymentDialog *self)
{
  if (self->payment_id != 0)
    return;
  if (self->refund)
    {
      update_sensitivity (self);
      adw_banner_set_revealed (self->banner, FALSE);
      return;
    }
  fill_allocations (self);
  update_sensitivity (self);
  adw_banner_set_revealed (self->banner, FALSE);
}

static void
on_recorded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cpt_payments_add_finish (CPT_WORKER (source), result, &error);
  CptPaymentDialog *self;
  g_autofree char *message = NULL;
  g_autofree char *money = NULL;

  /* Closed meanwhile: the dialog is gone, nobody to tell. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CPT_PAYMENT_DIALOG (user_data);
  self->saving = FALSE;
  update_sensitivity (self);
  notify_busy (self);
  if (id == 0)
    {
      /* The dialog stays open with what was typed. */
      show_error (self, error->message);
      return;
    }
  money = cpt_format_money (ABS (self->recording), NULL);
  message = self->recording < 0 ? g_strdup_printf (_("Refund of %s recorded"), money)
                                : g_strdup_printf (_("Payment of %s recorded"), money);
  cpt_toast (GTK_WIDGET (self), message);
  adw_dialog_close (ADW_DIALOG (self));
}

gboolean
cpt_payment_dialog_record (CptPaymentDialog *self,
                           const char       *amount_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) allocations = g_array_new (FALSE, FALSE, sizeof (CptAllocation));
  g_autofree char *date_text = cpt_entry_row_dup_text (self->date_row);
  g_autofree char *reference = cpt_entry_row_dup_text (self->reference_row);
  g_autofree char *date = NULL;
  gint64 amount = 0;
  guint mode = MIN (adw_combo_row_get_selected (self->mode_row), G_N_ELEMENTS (modes) - 1);

  g_return_val_if_fail (CPT_IS_PAYMENT_DIALOG (self), FALSE);

  if (self->saving || self->reading != NULL)
    return FALSE;
  if (amount_text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->amount_row), amount_text);
  if (!cpt_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->amount_row)), &amount, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  if (self->refund)
    {
      if (amount < 0)
        {
          show_error (self, _("Type the amount given back, without a minus sign"));
          return FALSE;
        }
      amount = -amount;
    }
  else if (amount < 0)
    {
      /* A minus sign here used to record a refund without saying so. */
      show_error (self, _("A payment received is a positive amount. To give money back to the "
                          "client, use “Refund the Credit” on the client’s page."));
      return FALSE;
    }
  if (date_text != NULL && (date = cpt_parse_date (date_text, &error)) == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }
  for (guint i = 0; i < self->rows->len; i++)
    {
      AllocationRow *row = &g_array_index (self->rows, AllocationRow, i);
      CptAllocation allocation = { 0, row->document_id, 0 };

      if (!gtk_check_button_get_active (GTK_CHECK_BUTTON (row->check)))
        continue;
      if (!cpt_money_parse (gtk_editable_get_text (GTK_EDITABLE (row->entry)), &allocation.amount, &error))
        {
          show_error (self, error->message);
          return FALSE;
        }
      if (allocation.amount > 0)
        g_array_append_val (allocations, allocation);
    }
  adw_banner_set_revealed (self->banner, FALSE);
  self->saving = TRUE;
  self->recording = amount;
  update_sensitivity (self);
  notify_busy (self);
  cpt_payments_add_async (self->worker, cpt_client_picker_get_client_id (self->client_picker), date,
                          amount, modes[mode], reference, allocations, self->cancellable,
                          on_recorded, self);
  return TRUE;
}

static void
on_allocated (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  CptPaymentDialog *self;
  g_autofree char *money = NULL;
  g_autofree char *message = NULL;

  if (!cpt_payments_allocate_all_finish (CPT_WORKER (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CPT_PAYMENT_DIALOG (user_data);
  self->saving = FALSE;
  gtk_widget_set_sensitive (self->record_button, TRUE);
  notify_busy (self);
  if (error != NULL)
    {
      /* None of them was written; the dialog stays open with what was typed. */
      show_error (self, error->message);
      return;
    }
  money = cpt_format_money (self->recording, NULL);
  message = g_strdup_printf (_("%s of the client’s credit used"), money);
  cpt_toast (GTK_WIDGET (self), message);
  adw_dialog_close (ADW_DIALOG (self));
}

gboolean
cpt_payment_dialog_allocate (CptPaymentDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) allocations = g_array_new (FALSE, FALSE, sizeof (CptAllocation));
  gint64 total = 0;

  g_return_val_if_fail (CPT_IS_PAYMENT_DIALOG (self), FALSE);
  g_return_val_if_fail (self->payment_id != 0, FALSE);

  if (self->saving || self->reading != NULL)
    return FALSE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      AllocationRow *row = &g_array_index (self->rows, AllocationRow, i);
      CptAllocation allocation = { self->payment_id, row->document_id, 0 };

      if (!gtk_check_button_get_active (GTK_CHECK_BUTTON (row->check)))
        continue;
      if (!cpt_money_parse (gtk_editable_get_text (GTK_EDITABLE (row->entry)), &allocation.amount, &error))
        {
          show_error (self, error->message);
          return FALSE;
        }
      if (allocation.amount > 0)
        {
          g_array_append_val (allocations, allocation);
          total += allocation.amount;
        }
    }
  /* All the invoices ticked, or none: one transaction in the worker. */
  adw_banner_set_revealed (self->banner, FALSE);
  self->saving = TRUE;
  self->recording = total;
  gtk_widget_set_sensitive (self->record_button, FALSE);
  notify_busy (self);
  cpt_payments_allocate_all_async (self->worker, self->payment_id, allocations, self->cancellable,
                                   on_allocated, self);
  return TRUE;
}

static void
on_record_clicked (CptPaymentDialog *self)
{
  if (self->payment_id != 0)
    cpt_payment_dialog_allocate (self);
  else
    cpt_payment_dialog_record (self, NULL);
}

/* The Allocate button, while looking at a payment: something ticked, every amount readable. */
static void
on_credit_row_changed (CptPaymentDialog *self)
{
  gboolean any = FALSE, readable = TRUE;

  if (self->filling || self->payment_id == 0)
    return;
  for (guint i = 0; i < self->rows->len; i++)
    {
      AllocationRow *row = &g_array_index (self->rows, AllocationRow, i);
      gint64 amount = 0;

      if (!gtk_check_button_get_active (GTK_CHECK_BUTTON (row->check)))
        continue;
      readable = readable && cpt_money_parse (gtk_editable_get_text (GTK_EDITABLE (row->entry)), &amount, NULL);
      any = any || amount > 0;
    }
  gtk_widget_set_sensitive (self->record_button, any && readable && !self->saving);
  adw_banner_set_revealed (self->banner, FALSE);
}

/* Deleting a recorded payment: Undo records it again with the same allocations, in the
 * worker. */
typedef struct
{
  CptWorker       *worker;
  CptPaymentFacts *facts;         /* what was deleted */
  GWeakRef         toast_widget;  /* where Undo was offered, to say if it fails */
} DeletedPayment;

static void
deleted_payment_free (gpointer data)
{
  DeletedPayment *deleted = data;

  g_object_unref (deleted->worker);
  cpt_payment_facts_free (deleted->facts);
  g_weak_ref_clear (&deleted->toast_widget);
  g_free (deleted);
}

static void
on_undone (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  DeletedPayment *deleted = user_data;
  g_autoptr(GError) error = NULL;

  if (cpt_payments_add_finish (CPT_WORKER (source), result, &error) == 0)
    {
      g_autoptr(GtkWidget) widget = g_weak_ref_get (&deleted->toast_widget);

      cpt_show_error (widget, _("Could not undo"), error);
    }
  deleted_payment_free (deleted);
}

static void
undo_delete (gpointer data)
{
  DeletedPayment *deleted = data;
  DeletedPayment *again = g_new0 (DeletedPayment, 1);
  CptPayment *payment = deleted->facts->payment;
  GArray *allocations = deleted->facts->allocations;

  /* The toast frees `deleted` when it goes: the job keeps what it needs. */
  for (guint i = 0; allocations != NULL && i < allocations->len; i++)
    g_array_index (allocations, CptAllocation, i).payment_id = 0;
  again->worker = g_object_ref (deleted->worker);
  again->facts = g_new0 (CptPaymentFacts, 1);
  g_weak_ref_init (&again->toast_widget, NULL);
  {
    g_autoptr(GtkWidget) widget = g_weak_ref_get (&deleted->toast_widget);

    g_weak_ref_set (&again->toast_widget, widget);
  }
  cpt_payments_add_async (deleted->worker, cpt_payment_get_client_id (payment), cpt_payment_get_date (payment),
                          cpt_payment_get_amount (payment), cpt_payment_get_mode (payment),
                          cpt_payment_get_reference (payment), allocations, NULL, on_undone, again);
}

static void
on_deleted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  CptPaymentFacts *facts = cpt_payments_delete_finish (CPT_WORKER (source), result, &error);
  CptPaymentDialog *self;
  DeletedPayment *deleted;
  GtkWidget *parent;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CPT_PAYMENT_DIALOG (user_data);
  self->saving = FALSE;
  gtk_widget_set_sensitive (self->delete_group, TRUE);
  notify_busy (self);
  if (facts == NULL)
    {
      show_error (self, error->message);
      return;
    }
  parent = gtk_widget_get_parent (GTK_WIDGET (self));
  deleted = g_new0 (DeletedPayment, 1);
  deleted->worker = g_object_ref (self->worker);
  deleted->facts = facts;
  g_weak_ref_init (&deleted->toast_widget, parent ? parent : GTK_WIDGET (self));
  g_object_ref (self);
  adw_dialog_close (ADW_DIALOG (self));
  cpt_toast_with_undo (parent ? parent : GTK_WIDGET (self), _("Payment deleted"), G_CALLBACK (undo_delete),
                       deleted, deleted_payment_free);
  g_object_unref (self);
}

static void
on_delete_clicked (CptPaymentDialog *self)
{
  if (self->saving || self->reading != NULL)
    return;
  self->saving = TRUE;
  gtk_widget_set_sensitive (self->delete_group, FALSE);
  notify_busy (self);
  cpt_payments_delete_async (self->worker, self->payment_id, self->cancellable, on_deleted, self);
}

static void
cpt_payment_dialog_dispose (GObject *object)
{
  CptPaymentDialog *self = CPT_PAYMENT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_PAYMENT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->reading);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->group_rows, g_ptr_array_unref);
  g_clear_object (&self->worker);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cpt_payment_dialog_parent_class)->dispose (object);
}

static void
cpt_payment_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CptPaymentDialog *self = CPT_PAYMENT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, is_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_payment_dialog_class_init (CptPaymentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cpt_payment_dialog_get_property;
  object_class->dispose = cpt_payment_dialog_dispose;

  /* TRUE while the payment or the client's invoices are read, or a write runs, in the
   * worker. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CPT_TYPE_CLIENT_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-payment-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CptPaymentDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CptPaymentDialog, record_button);
  gtk_widget_class_bind_template_child (widget_class, CptPaymentDialog, banner);
  gtk_widget_class_bind_template_child (widget_class, CptPaymentDialog, payment_group);
  gtk_widget_class_bind_template_child (widget_class, CptPaymentDialog, client_picker);
  gtk_widget_class_bind_template_child (widget_class, CptPaymentDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, CptPaymentDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, CptPaymentDialog, mode_row);
  gtk_widget_class_bind_template_child (widget_class, CptPaymentDialog, reference_row);
  gtk_widget_class_bind_template_child (widget_class, CptPaymentDialog, allocations_group);
  gtk_widget_class_bind_template_child (widget_class, CptPaymentDialog, credit_group);
  gtk_widget_class_bind_template_child (widget_class, CptPaymentDialog, delete_group);
  gtk_widget_class_bind_template_callback (widget_class, on_client_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_amount_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_record_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
}

static void
cpt_payment_dialog_init (CptPaymentDialog *self)
{
  g_autofree char *today = cpt_date_today ();
  g_autofree char *date = cpt_format_date (today);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->rows = g_array_new (FALSE, FALSE, sizeof (AllocationRow));
  self->group_rows = g_ptr_array_new ();
  cpt_entry_row_set_text (self->date_row, date);
  cpt_entry_row_add_calendar (self->date_row);
  cpt_client_picker_set_can_create (self->client_picker, TRUE);
  g_signal_connect_object (self->client_picker, "notify::busy", G_CALLBACK (notify_busy), self,
                           G_CONNECT_SWAPPED);
}

CptPaymentDialog *
cpt_payment_dialog_new (CptContext *context,
                        gint64      client_id)
{
  CptPaymentDialog *self;

  g_return_val_if_fail (CPT_IS_CONTEXT (context), NULL);

  self = g_object_new (CPT_TYPE_PAYMENT_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->worker = g_object_ref (cpt_context_get_worker (context));
  cpt_client_picker_set_context (self->client_picker, context);
  if (client_id > 0)
    cpt_client_picker_set_client_id (self->client_picker, client_id);
  adw_dialog_set_focus (ADW_DIALOG (self), client_id > 0 ? GTK_WIDGET (self->amount_row)
                                                         : GTK_WIDGET (self->client_picker));
  return self;
}

static void
on_balance_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptPaymentFacts) facts = cpt_payment_facts_load_finish (CPT_WORKER (source), result, &error);
  CptPaymentDialog *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CPT_PAYMENT_DIALOG (user_data);
  g_clear_object (&self->reading);
  gtk_widget_set_sensitive (GTK_WIDGET (self->payment_group), TRUE);
  if (facts == NULL)
    show_error (self, error->message);
  else if (facts->balance.unallocated > 0)
    {
      /* All of the credit, as people usually mean it; less can be typed. */
      g_autofree char *money = cpt_format_money (facts->balance.unallocated, NULL);
      g_autofree char *description = g_strdup_printf (_("The client’s credit is %s."), money);
      g_autofree char *amount = cpt_decimal_format (facts->balance.unallocated, 2, 2, cpt_ui_language ());

      cpt_entry_row_set_text (self->amount_row, amount);
      adw_preferences_group_set_description (self->payment_group, description);
    }
  /* The client stays the one whose credit this is. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->client_picker), FALSE);
  update_sensitivity (self);
  notify_busy (self);
}

CptPaymentDialog *
cpt_payment_dialog_new_refund (CptContext *context,
                               gint64      client_id)
{
  CptPaymentDialog *self;

  g_return_val_if_fail (CPT_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (client_id > 0, NULL);

  self = cpt_payment_dialog_new (context, 0);
  self->refund = TRUE;
  adw_dialog_set_title (ADW_DIALOG (self), _("Refund the Client’s Credit"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->amount_row), _("Amount Given Back"));
  gtk_button_set_label (GTK_BUTTON (self->record_button), _("_Refund"));
  gtk_widget_set_visible (GTK_WIDGET (self->allocations_group), FALSE);
  cpt_client_picker_set_client_id (self->client_picker, client_id);
  /* The credit is read in the worker; the amount waits for it. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->payment_group), FALSE);
  self->reading = g_cancellable_new ();
  cpt_payment_facts_load_async (self->worker, 0, client_id, self->reading, on_balance_read, self);
  update_sensitivity (self);
  adw_dialog_set_focus (ADW_DIALOG (self), GTK_WIDGET (self->amount_row));
  return self;
}

static void
on_payment_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptPaymentFacts) facts = cpt_payment_facts_load_finish (CPT_WORKER (source), result, &error);
  CptPaymentDialog *self;
  CptPayment *payment;
  g_autofree char *date = NULL;
  g_autofree char *amount = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CPT_PAYMENT_DIALOG (user_data);
  g_clear_object (&self->reading);
  notify_busy (self);
  if (facts == NULL)
    {
      /* Looked at, not recorded: even when it cannot be read, this dialog records nothing. */
      gtk_widget_set_visible (GTK_WIDGET (self->allocations_group), FALSE);
      show_error (self, error->message);
      return;
    }
  payment = facts->payment;
  self->left = cpt_payment_get_amount (payment) - cpt_payment_get_allocated (payment);
  cpt_client_picker_set_client (self->client_picker, cpt_payment_get_client_id (payment),
                                cpt_payment_get_client_name (payment));
  date = cpt_format_date (cpt_payment_get_date (payment));
  amount = cpt_format_money (cpt_payment_get_amount (payment), NULL);
  cpt_entry_row_set_text (self->date_row, date);
  cpt_entry_row_set_text (self->amount_row, amount);
  cpt_entry_row_set_text (self->reference_row, cpt_payment_get_reference (payment));
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    if (g_strcmp0 (modes[i], cpt_payment_get_mode (payment)) == 0)
      adw_combo_row_set_selected (self->mode_row, i);
  gtk_widget_set_visible (self->delete_group, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->allocations_group), TRUE);

  clear_allocations (self);
  adw_preferences_group_set_description (self->allocations_group, NULL);
  for (guint i = 0; i < facts->allocations->len; i++)
    {
      CptAllocation *allocation = &g_array_index (facts->allocations, CptAllocation, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *money = cpt_format_money (allocation->amount, NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (facts->numbers, i));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), money);
      add_row (self, self->allocations_group, row);
    }
  if (self->left != 0)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *money = cpt_format_money (self->left, NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Not allocated: the client’s credit"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), money);
      add_row (self, self->allocations_group, row);
    }

  /* What is left of a payment can pay the client's open invoices. */
  if (self->left > 0)
    show_open_invoices (self, self->credit_group, facts->open);
  if (self->rows->len > 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->credit_group), TRUE);
      gtk_button_set_label (GTK_BUTTON (self->record_button), _("_Allocate"));
      gtk_widget_set_visible (self->record_button, TRUE);
      for (guint i = 0; i < self->rows->len; i++)
        {
          AllocationRow *row = &g_array_index (self->rows, AllocationRow, i);

          g_signal_connect_object (row->check, "toggled", G_CALLBACK (on_credit_row_changed), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (row->entry, "changed", G_CALLBACK (on_credit_row_changed), self, G_CONNECT_SWAPPED);
        }
      on_credit_row_changed (self);
    }
}

CptPaymentDialog *
cpt_payment_dialog_new_for_payment (CptContext *context,
                                    gint64      payment_id)
{
  CptPaymentDialog *self;

  g_return_val_if_fail (CPT_IS_CONTEXT (context), NULL);

  self = cpt_payment_dialog_new (context, 0);
  /* Looked at, not recorded: even when it cannot be read, this dialog records nothing. */
  adw_dialog_set_title (ADW_DIALOG (self), _("Payment"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->payment_group), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->client_picker), FALSE);
  gtk_widget_set_visible (self->record_button, FALSE);
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), _("_Close"));
  /* Known from now on, so that choosing its client reads no open invoices of a new payment. */
  self->payment_id = payment_id;
  /* What it pays shows once read. */
  gtk_widget_set_visible (GTK_WIDGET (self->allocations_group), FALSE);
  self->reading = g_cancellable_new ();
  cpt_payment_facts_load_async (self->worker, payment_id, 0, self->reading, on_payment_read, self);
  return self;
}

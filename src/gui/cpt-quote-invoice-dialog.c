/* cpt-quote-invoice-dialog.c: a deposit, the whole, or the balance of an accepted quote. */
#define G_LOG_DOMAIN "cpt-quote-invoice-dialog"

#include <string.h>
#include <glib/gi18n.h>

#include "cpt-application.h"
#include "cpt-documents.h"
#include "cpt-error.h"
#include "cpt-gui-utils.h"
#include "cpt-lifecycle.h"
#include "cpt-lifecycle-async.h"
#include "cpt-money.h"
#include "cpt-quote-invoice-dialog.h"

struct _CptQuoteInvoiceDialog
{
  AdwDialog       parent_instance;

  CptWorker      *worker;
  gint64          quote_id;
  CptDocument    *quote;
  gboolean        deposit;   /* what is being made is a deposit invoice */

  /* template children */
  GtkWidget      *create_button;
  AdwBanner      *banner;
  AdwPreferencesGroup *choices_group;
  GtkWidget      *deposit_row;
  GtkWidget      *full_row;
  AdwActionRow   *balance_row;
  GtkCheckButton *deposit_check;
  GtkCheckButton *full_check;
  GtkCheckButton *balance_check;
  GtkWidget      *deposit_group;
  AdwComboRow    *deposit_kind_row;
  AdwEntryRow    *deposit_value_row;
};

G_DEFINE_FINAL_TYPE (CptQuoteInvoiceDialog, cpt_quote_invoice_dialog, ADW_TYPE_DIALOG)

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
parse_value (CptQuoteInvoiceDialog *self,
             gint64                *out_value,
             GError               **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->deposit_value_row));

  if (adw_combo_row_get_selected (self->deposit_kind_row) == 0)
    return cpt_percent_parse (text, out_value, error);
  return cpt_money_parse (text, out_value, error);
}

static void
update (CptQuoteInvoiceDialog *self)
{
  gboolean deposit = gtk_check_button_get_active (self->deposit_check);
  gboolean percent = adw_combo_row_get_selected (self->deposit_kind_row) == 0;
  g_autoptr(GError) error = NULL;
  gint64 value = 0;
  gboolean ok = TRUE;

  gtk_widget_set_sensitive (self->deposit_group, deposit);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->deposit_value_row),
                                 percent ? _("Percentage") : _("Amount including VAT"));
  if (deposit)
    {
      ok = parse_value (self, &value, &error);
      /* The model's bounds, said as the field is typed rather than on Make the Invoice. */
      if (ok && (value <= 0 || (percent && value > 10000)))
        {
          g_set_error (&error, CPT_ERROR, CPT_ERROR_INVALID, _("A deposit is more than 0 and at most 100 %% of the quote"));
          ok = FALSE;
        }
      else if (ok && !percent && self->quote != NULL && value > cpt_document_get_total_gross (self->quote))
        {
          g_set_error (&error, CPT_ERROR, CPT_ERROR_INVALID, _("The deposits would come to more than the quote’s total"));
          ok = FALSE;
        }
      if (!ok && error != NULL)
        {
          /* Red alone says nothing: the banner says why. */
          adw_banner_set_title (self->banner, error->message);
          adw_banner_set_revealed (self->banner, TRUE);
        }
      else if (ok && self->quote != NULL)
        {
          gint64 amount = percent ? cpt_percent_of (cpt_document_get_amount_due (self->quote), value) : value;
          g_autofree char *money = cpt_format_money (amount, cpt_document_get_currency (self->quote));
          /* Translators: what a deposit comes to, including VAT */
          g_autofree char *text = g_strdup_printf (_("Deposit of %s including VAT"), money);

          adw_banner_set_title (self->banner, text);
          adw_banner_set_revealed (self->banner, TRUE);
        }
      else
        adw_banner_set_revealed (self->banner, FALSE);
    }
  else
    adw_banner_set_revealed (self->banner, FALSE);
  if (!ok)
    gtk_widget_add_css_class (GTK_WIDGET (self->deposit_value_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->deposit_value_row), "error");
  gtk_widget_set_sensitive (self->create_button,
                            ok && (deposit || gtk_check_button_get_active (self->full_check) ||
                                   gtk_check_button_get_active (self->balance_check)));
}

static void
on_choice_toggled (CptQuoteInvoiceDialog *self)
{
  update (self);
}

static void
on_value_changed (CptQuoteInvoiceDialog *self)
{
  update (self);
}

static void
on_invoice_made (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(CptQuoteInvoiceDialog) self = data;
  g_autoptr(GError) error = NULL;
  gint64 invoice_id = cpt_lifecycle_quote_invoice_finish (CPT_WORKER (source), result, &error);

  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  if (invoice_id == 0)
    {
      adw_banner_set_title (self->banner, error->message);
      adw_banner_set_revealed (self->banner, TRUE);
      return;
    }
  cpt_toast (GTK_WIDGET (self), self->deposit ? _("Deposit invoice made as a draft")
                                              : _("Invoice made as a draft"));
  adw_dialog_close (ADW_DIALOG (self));
  g_signal_emit (self, signals[CREATED], 0, invoice_id);
}

void
cpt_quote_invoice_dialog_create (CptQuoteInvoiceDialog *self,
                                 const char            *choice,
                                 const char            *deposit_text)
{
  g_autoptr(GError) error = NULL;
  CptQuoteInvoice how;
  gint64 value = 0;

  g_return_if_fail (CPT_IS_QUOTE_INVOICE_DIALOG (self));

  if (choice != NULL)
    {
      if (g_str_equal (choice, "deposit"))
        gtk_check_button_set_active (self->deposit_check, TRUE);
      else if (g_str_equal (choice, "full"))
        gtk_check_button_set_active (self->full_check, TRUE);
      else
        gtk_check_button_set_active (self->balance_check, TRUE);
    }
  if (deposit_text != NULL)
    {
      /* "1 200 €" is an amount, anything else a percentage. */
      gboolean amount = strstr (deposit_text, "€") != NULL || strstr (deposit_text, "EUR") != NULL;
      adw_combo_row_set_selected (self->deposit_kind_row, amount ? 1 : 0);
      gtk_editable_set_text (GTK_EDITABLE (self->deposit_value_row), deposit_text);
    }

  if (gtk_check_button_get_active (self->deposit_check))
    {
      if (!parse_value (self, &value, &error))
        {
          adw_banner_set_title (self->banner, error->message);
          adw_banner_set_revealed (self->banner, TRUE);
          return;
        }
      how = adw_combo_row_get_selected (self->deposit_kind_row) == 0 ? CPT_QUOTE_INVOICE_DEPOSIT_PERCENT
                                                                     : CPT_QUOTE_INVOICE_DEPOSIT_AMOUNT;
    }
  else if (gtk_check_button_get_active (self->full_check))
    how = CPT_QUOTE_INVOICE_FULL;
  else if (gtk_check_button_get_active (self->balance_check))
    how = CPT_QUOTE_INVOICE_BALANCE;
  else
    return;

  /* Written in the worker; the dialog takes no input until the draft is made. */
  self->deposit = how == CPT_QUOTE_INVOICE_DEPOSIT_PERCENT || how == CPT_QUOTE_INVOICE_DEPOSIT_AMOUNT;
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  cpt_lifecycle_quote_invoice_async (self->worker, self->quote_id, how, value, NULL,
                                     on_invoice_made, g_object_ref (self));
}

static void
on_create_clicked (CptQuoteInvoiceDialog *self)
{
  cpt_quote_invoice_dialog_create (self, NULL, NULL);
}

static void
cpt_quote_invoice_dialog_dispose (GObject *object)
{
  CptQuoteInvoiceDialog *self = CPT_QUOTE_INVOICE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_QUOTE_INVOICE_DIALOG);
  g_clear_object (&self->quote);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (cpt_quote_invoice_dialog_parent_class)->dispose (object);
}

static void
cpt_quote_invoice_dialog_class_init (CptQuoteInvoiceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_quote_invoice_dialog_dispose;

  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-quote-invoice-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CptQuoteInvoiceDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, CptQuoteInvoiceDialog, banner);
  gtk_widget_class_bind_template_child (widget_class, CptQuoteInvoiceDialog, choices_group);
  gtk_widget_class_bind_template_child (widget_class, CptQuoteInvoiceDialog, deposit_row);
  gtk_widget_class_bind_template_child (widget_class, CptQuoteInvoiceDialog, full_row);
  gtk_widget_class_bind_template_child (widget_class, CptQuoteInvoiceDialog, balance_row);
  gtk_widget_class_bind_template_child (widget_class, CptQuoteInvoiceDialog, deposit_check);
  gtk_widget_class_bind_template_child (widget_class, CptQuoteInvoiceDialog, full_check);
  gtk_widget_class_bind_template_child (widget_class, CptQuoteInvoiceDialog, balance_check);
  gtk_widget_class_bind_template_child (widget_class, CptQuoteInvoiceDialog, deposit_group);
  gtk_widget_class_bind_template_child (widget_class, CptQuoteInvoiceDialog, deposit_kind_row);
  gtk_widget_class_bind_template_child (widget_class, CptQuoteInvoiceDialog, deposit_value_row);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_value_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked);
}

static void
cpt_quote_invoice_dialog_init (CptQuoteInvoiceDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static gboolean
action_allowed (GPtrArray  *actions,
                const char *name,
                char      **out_reason)
{
  for (guint i = 0; actions != NULL && i < actions->len; i++)
    {
      CptAction *action = g_ptr_array_index (actions, i);

      if (g_strcmp0 (action->name, name) == 0)
        {
          if (out_reason != NULL)
            *out_reason = g_strdup (action->reason);
          return action->allowed;
        }
    }
  return FALSE;
}

CptQuoteInvoiceDialog *
cpt_quote_invoice_dialog_new (CptContext          *context,
                              CptDocumentSnapshot *quote)
{
  CptQuoteInvoiceDialog *self;
  GPtrArray *actions;
  gboolean deposit, full, balance;
  g_autofree char *number = NULL;

  g_return_val_if_fail (CPT_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (CPT_IS_DOCUMENT_SNAPSHOT (quote), NULL);

  self = g_object_new (CPT_TYPE_QUOTE_INVOICE_DIALOG, NULL);
  self->worker = g_object_ref (cpt_context_get_worker (context));
  self->quote_id = cpt_document_snapshot_get_id (quote);
  self->quote = g_object_ref (cpt_document_snapshot_get_document (quote));
  actions = cpt_document_snapshot_get_actions (quote);
  deposit = action_allowed (actions, "invoice_deposit", NULL);
  full = action_allowed (actions, "invoice_full", NULL);
  balance = action_allowed (actions, "invoice_balance", NULL);

  if (self->quote != NULL && cpt_document_get_number (self->quote) != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Invoice %s"), cpt_document_get_number (self->quote));
      adw_dialog_set_title (ADW_DIALOG (self), title);
    }
  /* First a deposit or the whole; after a deposit, another deposit or the balance. */
  gtk_widget_set_visible (self->deposit_row, deposit);
  gtk_widget_set_visible (self->full_row, full);
  gtk_widget_set_visible (GTK_WIDGET (self->balance_row), balance && !full);
  adw_action_row_set_subtitle (self->balance_row, _("What is left of the quote, deducting the deposits"));
  if (full && deposit)
    gtk_check_button_set_active (self->deposit_check, TRUE);
  else if (balance && !full)
    gtk_check_button_set_active (self->balance_check, TRUE);
  else if (full)
    gtk_check_button_set_active (self->full_check, TRUE);
  else if (deposit)
    gtk_check_button_set_active (self->deposit_check, TRUE);
  gtk_widget_set_visible (self->deposit_group, deposit);
  update (self);
  if (!deposit && !full && !balance)
    {
      g_autofree char *reason = NULL;

      action_allowed (actions, "invoice_balance", &reason);
      adw_banner_set_title (self->banner, reason ? reason : _("This quote cannot be invoiced"));
      adw_banner_set_revealed (self->banner, TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->choices_group), FALSE);
      gtk_widget_set_sensitive (self->create_button, FALSE);
    }
  return self;
}

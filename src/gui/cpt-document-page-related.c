/* cpt-document-page-related.c: what a document in CptDocumentPage relates to: the deposits it
 * deducts (attach, detach), the payments received, the linked documents and the history. */
#define G_LOG_DOMAIN "cpt-document-page"

#include <string.h>
#include <glib/gi18n.h>

#include "cpt-application.h"
#include "cpt-document-extras.h"
#include "cpt-document-page-internal.h"
#include "cpt-gui-utils.h"
#include "cpt-lifecycle.h"
#include "cpt-payments.h"

/* ---------------------------------------------------------------- deposits */

typedef struct
{
  CptDatabase *db;
  gint64       deposit_id;
  gint64       invoice_id;
  GWeakRef     page;
} DepositUndo;

static void
deposit_undo_free (gpointer data)
{
  DepositUndo *undo = data;

  g_object_unref (undo->db);
  g_weak_ref_clear (&undo->page);
  g_free (undo);
}

static void
undo_detach (gpointer data)
{
  DepositUndo *undo = data;
  g_autoptr(CptDocumentPage) self = g_weak_ref_get (&undo->page);
  g_autoptr(GError) error = NULL;

  /* Meanwhile the deposit may have gone onto another invoice: say why it stays there. */
  if (!cpt_lifecycle_attach_deposit (undo->db, undo->deposit_id, undo->invoice_id, &error))
    {
      if (self != NULL)
        cpt_document_page_show_error (self, _("Could not reattach the deposit"), error);
      else
        g_message ("Could not reattach the deposit: %s", error->message);
    }
  if (self != NULL)
    cpt_document_page_reload (self);
}

static void
on_detach_clicked (GtkButton       *button,
                   CptDocumentPage *self)
{
  gint64 deposit_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "cpt-deposit"));
  const char *number = g_object_get_data (G_OBJECT (button), "cpt-number");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  DepositUndo *undo;

  cpt_document_page_flush_lines (self);
  if (!cpt_lifecycle_detach_deposit (self->db, deposit_id, &error))
    {
      cpt_document_page_show_error (self, _("Could not detach the deposit"), error);
      return;
    }
  undo = g_new0 (DepositUndo, 1);
  undo->db = g_object_ref (self->db);
  undo->deposit_id = deposit_id;
  undo->invoice_id = self->id;
  g_weak_ref_init (&undo->page, self);
  message = g_strdup_printf (_("Deposit %s detached: it can be used on another invoice"), number);
  cpt_document_page_reload (self);
  cpt_toast_with_undo (GTK_WIDGET (self), message, G_CALLBACK (undo_detach), undo, deposit_undo_free);
}

void
cpt_document_page_reload_deposits (CptDocumentPage *self)
{
  GtkWidget *child;
  gboolean any = FALSE;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));
  gboolean invoice = cpt_document_page_is_kind (self, CPT_DOCUMENT_KIND_INVOICE);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->deposits_list))) != NULL)
    gtk_list_box_remove (self->deposits_list, child);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CptDocumentLine) line = g_list_model_get_item (G_LIST_MODEL (self->lines), i);
      gint64 deposit_id = cpt_document_line_get_deposit_id (line);
      g_autoptr(CptDocument) deposit = NULL;
      GtkWidget *row, *button;
      g_autofree char *gross = NULL;

      if (deposit_id == 0)
        continue;
      /* A deposit has one line per VAT rate: list it once. */
      {
        gboolean seen = FALSE;
        for (GtkWidget *r = gtk_widget_get_first_child (GTK_WIDGET (self->deposits_list)); r; r = gtk_widget_get_next_sibling (r))
          if (GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (r), "cpt-deposit")) == (gsize) deposit_id)
            seen = TRUE;
        if (seen)
          continue;
      }
      deposit = cpt_documents_load (self->db, deposit_id, NULL);
      if (deposit == NULL)
        continue;
      row = adw_action_row_new ();
      g_object_set_data (G_OBJECT (row), "cpt-deposit", GSIZE_TO_POINTER (deposit_id));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cpt_document_get_number (deposit));
      gross = cpt_format_money (cpt_document_get_amount_due (deposit), cpt_document_get_currency (deposit));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), gross);
      if (!self->read_only)
        {
          button = gtk_button_new_with_mnemonic (_("_Detach"));
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "flat");
          g_object_set_data (G_OBJECT (button), "cpt-deposit", GSIZE_TO_POINTER (deposit_id));
          g_object_set_data_full (G_OBJECT (button), "cpt-number",
                                  g_strdup (cpt_document_get_number (deposit)), g_free);
          g_signal_connect_object (button, "clicked", G_CALLBACK (on_detach_clicked), self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      gtk_list_box_append (self->deposits_list, row);
      any = TRUE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->deposits_list), any);
  gtk_widget_set_visible (GTK_WIDGET (self->attach_button), invoice && !self->read_only);
  /* Only where deposits are, or could be, deducted. */
  {
    gboolean attachable = FALSE;

    if (invoice && !self->read_only && !any)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) deposits = cpt_payments_client_deposits (self->db, cpt_document_get_client_id (self->document), &error);

        if (deposits == NULL)
          cpt_toast (GTK_WIDGET (self), error->message);
        for (guint i = 0; deposits != NULL && i < deposits->len && !attachable; i++)
          {
            CptClientDeposit *deposit = g_ptr_array_index (deposits, i);
            attachable = deposit->invoice_id == 0 && deposit->number != NULL &&
                         g_strcmp0 (deposit->state, "credited") != 0;
          }
      }
    gtk_widget_set_visible (self->deposits_box, invoice && (any || attachable));
  }
}

static void
on_attach_popover_show (CptDocumentPage *self)
{
  g_autoptr(GPtrArray) deposits = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint count = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->attach_list))) != NULL)
    gtk_list_box_remove (self->attach_list, child);
  deposits = cpt_payments_client_deposits (self->db, cpt_document_get_client_id (self->document), &error);
  if (deposits == NULL)
    cpt_toast (GTK_WIDGET (self), error->message);
  for (guint i = 0; deposits != NULL && i < deposits->len; i++)
    {
      CptClientDeposit *deposit = g_ptr_array_index (deposits, i);
      GtkWidget *row;
      g_autofree char *gross = NULL;
      g_autofree char *subtitle = NULL;

      if (deposit->invoice_id != 0 || deposit->number == NULL ||
          g_strcmp0 (deposit->state, "credited") == 0 || g_strcmp0 (deposit->state, "draft") == 0)
        continue;
      row = adw_action_row_new ();
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), deposit->number);
      gross = cpt_format_money (deposit->gross, NULL);
      subtitle = deposit->title ? g_strdup_printf ("%s · %s", gross, deposit->title) : g_strdup (gross);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      g_object_set_data (G_OBJECT (row), "cpt-deposit", GSIZE_TO_POINTER (deposit->id));
      gtk_list_box_append (self->attach_list, row);
      count++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->attach_empty_label), count == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->attach_list), count > 0);
}

static void
on_attach_row_activated (CptDocumentPage *self,
                         GtkListBoxRow   *row)
{
  gint64 deposit_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "cpt-deposit"));
  g_autoptr(GError) error = NULL;

  gtk_menu_button_popdown (self->attach_button);
  cpt_document_page_flush_lines (self);
  if (!cpt_lifecycle_attach_deposit (self->db, deposit_id, self->id, &error))
    {
      cpt_document_page_show_error (self, _("Could not deduct the deposit"), error);
      return;
    }
  cpt_document_page_reload (self);
}

/* ---------------------------------------------------------------- payments and history */

static void
clear_group (AdwPreferencesGroup *group,
             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
on_related_activated (AdwActionRow    *row,
                      CptDocumentPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "cpt-document"));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-document", "x", id);
}

void
cpt_document_page_reload_side_groups (CptDocumentPage *self)
{
  GPtrArray *payment_rows = g_object_get_data (G_OBJECT (self), "cpt-payment-rows");
  GPtrArray *related_rows = g_object_get_data (G_OBJECT (self), "cpt-related-rows");
  GPtrArray *history_rows = g_object_get_data (G_OBJECT (self), "cpt-history-rows");
  g_autoptr(GPtrArray) related = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) related_error = NULL;
  g_autoptr(GError) history_error = NULL;
  gboolean receivable = (cpt_document_page_is_kind (self, CPT_DOCUMENT_KIND_INVOICE) ||
                         cpt_document_page_is_kind (self, CPT_DOCUMENT_KIND_DEPOSIT)) &&
                        !cpt_document_is_draft (self->document);

  clear_group (self->payments_group, payment_rows);
  clear_group (self->related_group, related_rows);
  clear_group (self->history_group, history_rows);

  /* Payments of a validated invoice. */
  self->has_balance = FALSE;
  if (receivable)
    {
      CptDocumentBalance balance;
      g_autoptr(GArray) allocations = NULL;
      g_autoptr(GError) error = NULL;

      /* A validated invoice has its receivable: failing to read it is worth saying, and the
       * page then shows no balance rather than a wrong one. */
      if (cpt_payments_document_balance (self->db, self->id, &balance, &error))
        {
          self->has_balance = TRUE;
          self->paid = balance.paid;
          self->credited = balance.credited;
          self->balance = balance.balance;
        }
      else
        cpt_toast (GTK_WIDGET (self), error->message);
      g_clear_error (&error);
      allocations = cpt_payments_allocations_of_document (self->db, self->id, &error);
      if (allocations == NULL)
        cpt_toast (GTK_WIDGET (self), error->message);
      g_clear_error (&error);
      for (guint i = 0; allocations != NULL && i < allocations->len; i++)
        {
          CptAllocation *allocation = &g_array_index (allocations, CptAllocation, i);
          g_autoptr(CptPayment) payment = cpt_payments_load (self->db, allocation->payment_id, &error);
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *amount = cpt_format_money (allocation->amount, NULL);
          g_autofree char *date = NULL;
          g_autofree char *subtitle = NULL;
          GtkWidget *value = gtk_label_new (amount);

          if (payment == NULL)
            {
              cpt_toast (GTK_WIDGET (self), error->message);
              g_clear_error (&error);
              continue;
            }
          date = cpt_format_date (cpt_payment_get_date (payment));
          subtitle = cpt_payment_get_reference (payment)
                       ? g_strdup_printf ("%s · %s", _(cpt_payment_mode_label (cpt_payment_get_mode (payment))),
                                          cpt_payment_get_reference (payment))
                       : g_strdup (_(cpt_payment_mode_label (cpt_payment_get_mode (payment))));
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          gtk_widget_add_css_class (value, "numeric");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
          adw_preferences_group_add (self->payments_group, row);
          g_ptr_array_add (payment_rows, row);
        }
      if (payment_rows->len == 0)
        {
          GtkWidget *row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No payment received yet"));
          gtk_widget_add_css_class (row, "dim-label");
          adw_preferences_group_add (self->payments_group, row);
          g_ptr_array_add (payment_rows, row);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->payments_group), receivable);

  /* Linked documents. */
  related = cpt_documents_related (self->db, self->id, &related_error);
  /* An empty group would say the document has no linked document. */
  if (related == NULL)
    cpt_toast (GTK_WIDGET (self), related_error->message);
  for (guint i = 0; related != NULL && i < related->len; i++)
    {
      CptDocument *other = g_ptr_array_index (related, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *name = cpt_document_page_document_name (other);
      g_autofree char *amount = cpt_format_money (cpt_document_get_amount_due (other), cpt_document_get_currency (other));
      g_autofree char *date = cpt_format_date (cpt_document_get_date (other));
      g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", cpt_kind_label (cpt_document_get_document_kind (other)), date, amount);
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "cpt-document", GSIZE_TO_POINTER (cpt_document_get_id (other)));
      g_signal_connect_object (row, "activated", G_CALLBACK (on_related_activated), self, 0);
      adw_preferences_group_add (self->related_group, row);
      g_ptr_array_add (related_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->related_group), related_rows->len > 0);

  /* History: the audit events. */
  history = cpt_documents_history (self->db, self->id, &history_error);
  if (history == NULL)
    cpt_toast (GTK_WIDGET (self), history_error->message);
  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      CptHistoryEvent *event = g_ptr_array_index (history, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *text = cpt_history_event_describe (event, cpt_ui_language ());
      g_autofree char *at = cpt_format_date_time (event->at);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), g_strstrip (at));
      adw_preferences_group_add (self->history_group, row);
      g_ptr_array_add (history_rows, row);
    }
}

/* ---------------------------------------------------------------- set up */

void
cpt_document_page_class_init_related (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_attach_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_attach_row_activated);
}

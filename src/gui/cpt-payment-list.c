/* cpt-payment-list.c: payments received, in a column view. */
#define G_LOG_DOMAIN "cpt-payment-list"

#include <glib/gi18n.h>

#include "cpt-application.h"
#include "cpt-text-cell.h"
#include "cpt-gui-utils.h"
#include "cpt-list-page-utils.h"
#include "cpt-payment-dialog.h"
#include "cpt-payment-list.h"
#include "cpt-paged-list.h"
#include "cpt-payments.h"
#include "cpt-worker.h"

typedef enum
{
  COLUMN_DATE,
  COLUMN_CLIENT,
  COLUMN_MODE,
  COLUMN_REFERENCE,
  COLUMN_AMOUNT,
  COLUMN_ALLOCATED,
  COLUMN_CREDIT,
  N_COLUMNS
} Column;

static const CptListColumn columns[N_COLUMNS] = {
  { "date", N_("Date"), FALSE, FALSE, 105, 10 },
  { "client", N_("Client"), TRUE, FALSE, 0, 20 },
  { "mode", N_("Mode"), FALSE, FALSE, 130, 10 },
  { "reference", N_("Reference"), TRUE, FALSE, 0, 20 },
  { "amount", N_("Amount"), FALSE, TRUE, 120, 10 },
  { "allocated", N_("Allocated"), FALSE, TRUE, 120, 10 },
  { "credit", N_("Not Allocated"), FALSE, TRUE, 120, 10 },
};

struct _CptPaymentList
{
  AdwBin               parent_instance;

  CptContext          *context;
  CptDatabase         *db;         /* the context's */
  gint64               client_id;
  char                *date_from;
  char                *date_to;
  char                *search;
  GCancellable        *totals_cancellable;
  gboolean             credit_known;   /* client_credit was read (with the totals) */
  gint64               client_credit;  /* the client's credit, not allocated to anything */
  GtkLabel            *totals;
  CptPagedList        *model;
  GtkColumnViewColumn *client_column;
  GtkColumnView       *column_view;
  GtkStack            *stack;
  AdwStatusPage       *empty_page;
  GtkLabel            *footer;
};

G_DEFINE_FINAL_TYPE (CptPaymentList, cpt_payment_list, ADW_TYPE_BIN)

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  CptPayment *payment = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  /* A payment still being read is shown empty. */
  if (payment == NULL || cpt_paged_list_is_placeholder (payment))
    {
      cpt_text_cell_set_text (CPT_TEXT_CELL (cell), "");
      return;
    }
  switch (column)
    {
    case COLUMN_DATE:
      text = cpt_format_date (cpt_payment_get_date (payment));
      break;
    case COLUMN_CLIENT:
      text = g_strdup (cpt_payment_get_client_name (payment));
      break;
    case COLUMN_MODE:
      /* A refund gives the client's credit back: it pays no invoice. */
      text = cpt_payment_get_amount (payment) < 0
        /* Translators: the mode of a refund in the list of payments, as in "Refund, bank transfer" */
        ? g_strdup_printf (_("Refund, %s"), _(cpt_payment_mode_label (cpt_payment_get_mode (payment))))
        : g_strdup (_(cpt_payment_mode_label (cpt_payment_get_mode (payment))));
      break;
    case COLUMN_REFERENCE:
      text = g_strdup (cpt_payment_get_reference (payment));
      break;
    case COLUMN_AMOUNT:
      text = cpt_format_money (cpt_payment_get_amount (payment), NULL);
      break;
    case COLUMN_ALLOCATED:
      text = cpt_payment_get_amount (payment) > 0 ? cpt_format_money (cpt_payment_get_allocated (payment), NULL) : NULL;
      break;
    case COLUMN_CREDIT:
    case N_COLUMNS:
    default:
      {
        gint64 credit = cpt_payment_get_amount (payment) - cpt_payment_get_allocated (payment);
        text = credit > 0 ? cpt_format_money (credit, NULL) : NULL;
      }
      break;
    }
  /* Never NULL: screen readers read an empty cell's text, and GTK fails on a NULL one. */
  cpt_text_cell_set_text (CPT_TEXT_CELL (cell), text != NULL ? text : "");
}

static void
update_state (CptPaymentList *self)
{
  guint n = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  gboolean counting = self->model != NULL && cpt_paged_list_is_counting (self->model);
  g_autofree char *number = cpt_format_count (n);
  g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "%s payment", "%s payments", n), number);

  /* One client's payments: their credit in all, which the column of what each payment has
   * not allocated does not tell once some was refunded or comes from credit notes. It is
   * read in the worker with the totals. */
  if (self->client_id > 0 && self->credit_known)
    {
      g_autofree char *credit = cpt_format_money (self->client_credit, NULL);
      g_autofree char *with_credit = NULL;

      /* Translators: the footer of a client's payments: their count, then the client's credit */
      with_credit = g_strdup_printf (_("%s · Client’s credit %s"), text, credit);
      g_free (text);
      text = g_steal_pointer (&with_credit);
    }

  if (cpt_list_page_show_error (self->stack, self->model))
    {
      gtk_label_set_text (self->footer, "");
      return;
    }
  /* While a thread counts, the list is not known to be empty. */
  gtk_label_set_text (self->footer, counting && n == 0 ? "" : text);
  if (self->search != NULL || self->date_from != NULL)
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results"));
      adw_status_page_set_description (self->empty_page,
                                       _("No payment matches the search and the period chosen."));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "cpt-payment-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Payments"));
      adw_status_page_set_description (self->empty_page,
                                       _("Record what clients pay, by transfer, card, cheque or cash, and allocate it to their invoices."));
    }
  gtk_stack_set_visible_child_name (self->stack, n > 0 || counting ? "list" : "empty");
}

/* ---------------------------------------------------------------- totals */

static void
fill_filter (CptPaymentList   *self,
             CptPaymentFilter *filter)
{
  filter->client_id = self->client_id;
  filter->date_from = self->date_from;
  filter->date_to = self->date_to;
  filter->search = self->search;
}

typedef struct
{
  gint64 client_id;
  char  *date_from;
  char  *date_to;
  char  *search;
} TotalsJob;

/* What the worker reads for the footer. */
typedef struct
{
  CptPaymentTotals totals;
  gint64           client_credit;   /* a client's list: their credit */
} Totals;

static void
totals_job_free (TotalsJob *job)
{
  g_free (job->date_from);
  g_free (job->date_to);
  g_free (job->search);
  g_free (job);
}

static gpointer
compute_totals (CptDatabase  *db,
                gpointer      data,
                GCancellable *cancellable,
                GError      **error)
{
  TotalsJob *job = data;
  CptPaymentFilter filter = { job->client_id, job->date_from, job->date_to, job->search };
  g_autofree Totals *totals = g_new0 (Totals, 1);

  if (!cpt_payments_totals (db, &filter, &totals->totals, error))
    return NULL;
  if (job->client_id > 0)
    {
      CptClientBalance balance;

      if (!cpt_payments_client_balance (db, job->client_id, NULL, &balance, error))
        return NULL;
      totals->client_credit = balance.unallocated;
    }
  return g_steal_pointer (&totals);
}

static void
on_totals_computed (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CptPaymentList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree Totals *read = cpt_worker_run_finish (CPT_WORKER (source), result, &error);
  CptPaymentTotals *totals = read ? &read->totals : NULL;
  g_autofree char *received = NULL;
  g_autofree char *text = NULL;

  if (self->totals == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (totals == NULL)
    {
      /* Said where the totals go: the list itself is still right. */
      gtk_label_set_text (self->totals, error != NULL ? error->message : "");
      return;
    }
  self->client_credit = read->client_credit;
  self->credit_known = TRUE;
  update_state (self);
  received = cpt_format_money (totals->received, NULL);
  /* Translators: the total of the payments the list shows, at the end of its footer */
  text = g_strdup_printf (_("Received %s"), received);
  if (totals->refunded > 0)
    {
      g_autofree char *refunded = cpt_format_money (totals->refunded, NULL);
      g_autofree char *more = NULL;

      /* Translators: what refunds gave back, after "Received €X" in the payments' footer */
      more = g_strdup_printf (_("%s · Refunded %s"), text, refunded);
      g_free (text);
      text = g_steal_pointer (&more);
    }
  if (totals->unallocated > 0)
    {
      g_autofree char *unallocated = cpt_format_money (totals->unallocated, NULL);
      g_autofree char *more = NULL;

      /* Translators: what the payments shown have not paid yet, in the payments' footer */
      more = g_strdup_printf (_("%s · Not allocated %s"), text, unallocated);
      g_free (text);
      text = g_steal_pointer (&more);
    }
  gtk_label_set_text (self->totals, totals->count > 0 ? text : "");
}

/* The totals of what the list holds: one aggregate query, in the worker's thread, never on
 * the main loop (a business has hundreds of thousands of payments). */
static void
refresh_totals (CptPaymentList *self)
{
  CptWorker *worker = self->context != NULL ? cpt_context_get_worker (self->context) : NULL;
  TotalsJob *job;

  g_cancellable_cancel (self->totals_cancellable);
  g_clear_object (&self->totals_cancellable);
  if (worker == NULL)
    return;
  self->totals_cancellable = g_cancellable_new ();
  job = g_new0 (TotalsJob, 1);
  job->client_id = self->client_id;
  job->date_from = g_strdup (self->date_from);
  job->date_to = g_strdup (self->date_to);
  job->search = g_strdup (self->search);
  cpt_worker_run_async (worker, compute_totals, job, (GDestroyNotify) totals_job_free, g_free,
                        self->totals_cancellable, on_totals_computed, g_object_ref (self));
}

static void
on_activate (CptPaymentList *self,
             guint           position)
{
  g_autoptr(CptPayment) payment = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (payment != NULL && !cpt_paged_list_is_placeholder (payment))
    adw_dialog_present (ADW_DIALOG (cpt_payment_dialog_new_for_payment (self->context, cpt_payment_get_id (payment))),
                        GTK_WIDGET (self));
}

static void
on_data_changed (CptPaymentList *self,
                 guint           what)
{
  if (what & (CPT_CHANGE_PAYMENTS | CPT_CHANGE_DOCUMENTS))
    cpt_payment_list_reload (self);
}

static void
cpt_payment_list_dispose (GObject *object)
{
  CptPaymentList *self = CPT_PAYMENT_LIST (object);

  g_cancellable_cancel (self->totals_cancellable);
  g_clear_object (&self->totals_cancellable);
  self->totals = NULL;
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  self->column_view = NULL;
  self->client_column = NULL;
  g_clear_object (&self->model);
  g_clear_object (&self->db);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cpt_payment_list_parent_class)->dispose (object);
}

static void
cpt_payment_list_finalize (GObject *object)
{
  CptPaymentList *self = CPT_PAYMENT_LIST (object);

  g_free (self->date_from);
  g_free (self->date_to);
  g_free (self->search);

  G_OBJECT_CLASS (cpt_payment_list_parent_class)->finalize (object);
}

static void
cpt_payment_list_class_init (CptPaymentListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cpt_payment_list_dispose;
  G_OBJECT_CLASS (klass)->finalize = cpt_payment_list_finalize;
}

static void
cpt_payment_list_init (CptPaymentList *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *footer_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");
  gtk_column_view_set_tab_behavior (self->column_view, GTK_LIST_TAB_ITEM);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Payments"), -1);
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (on_activate), self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkColumnViewColumn *column = cpt_list_page_append_column (self->column_view, &columns[i],
                                                                 G_CALLBACK (bind_cell), GINT_TO_POINTER (i));

      if (i == COLUMN_CLIENT)
        self->client_column = column;
    }
  cpt_column_view_align_titles_end (self->column_view);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->column_view));

  self->empty_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty_page, "cpt-payment-symbolic");
  adw_status_page_set_title (self->empty_page, _("No Payments"));
  adw_status_page_set_description (self->empty_page,
                                   _("Record what clients pay, by transfer, card, cheque or cash, and allocate it to their invoices."));
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_page), "compact");

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, scroller, "list");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty_page), "empty");

  self->footer = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->footer, 0);
  gtk_widget_add_css_class (footer_box, "list-footer");
  gtk_widget_set_hexpand (GTK_WIDGET (self->footer), TRUE);
  gtk_label_set_ellipsize (self->footer, PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (footer_box), GTK_WIDGET (self->footer));
  self->totals = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->totals, 1);
  gtk_label_set_wrap (self->totals, TRUE);
  gtk_label_set_justify (self->totals, GTK_JUSTIFY_RIGHT);
  gtk_widget_add_css_class (GTK_WIDGET (self->totals), "numeric");
  gtk_box_append (GTK_BOX (footer_box), GTK_WIDGET (self->totals));

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (box), footer_box);

  /* Narrower, the least needed columns go first, so that the amount always shows: the
   * reference and what was allocated, then the mode and what was not. */
  {
    static const struct { const char *condition; Column columns[4]; } steps[] = {
      { "max-width: 760px", { COLUMN_REFERENCE, COLUMN_ALLOCATED, N_COLUMNS } },
      { "max-width: 520px", { COLUMN_REFERENCE, COLUMN_ALLOCATED, COLUMN_MODE, COLUMN_CREDIT } },
    };
    GtkWidget *bin = adw_breakpoint_bin_new ();
    GListModel *view_columns = gtk_column_view_get_columns (self->column_view);

    gtk_widget_set_size_request (bin, 300, 200);
    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        AdwBreakpoint *breakpoint = adw_breakpoint_new (adw_breakpoint_condition_parse (steps[i].condition));
        g_auto(GValue) hidden = G_VALUE_INIT;

        g_value_init (&hidden, G_TYPE_BOOLEAN);
        g_value_set_boolean (&hidden, FALSE);
        for (guint j = 0; j < G_N_ELEMENTS (steps[i].columns) && steps[i].columns[j] != N_COLUMNS; j++)
          {
            g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (view_columns, steps[i].columns[j]);

            adw_breakpoint_add_setter (breakpoint, G_OBJECT (column), "visible", &hidden);
          }
        adw_breakpoint_bin_add_breakpoint (ADW_BREAKPOINT_BIN (bin), breakpoint);
      }
    adw_breakpoint_bin_set_child (ADW_BREAKPOINT_BIN (bin), box);
    adw_bin_set_child (ADW_BIN (self), bin);
  }
}

void
cpt_payment_list_set_client (CptPaymentList *self,
                             CptContext     *context,
                             gint64          client_id)
{
  CptPaymentFilter filter = { .client_id = client_id };

  g_return_if_fail (CPT_IS_PAYMENT_LIST (self));

  cpt_payment_list_set_filter (self, context, &filter);
}

void
cpt_payment_list_set_filter (CptPaymentList         *self,
                             CptContext             *context,
                             const CptPaymentFilter *filter)
{
  g_return_if_fail (CPT_IS_PAYMENT_LIST (self));
  g_return_if_fail (CPT_IS_CONTEXT (context));
  g_return_if_fail (filter != NULL);

  if (self->context != context)
    {
      if (self->context != NULL)
        g_signal_handlers_disconnect_by_func (self->context, on_data_changed, self);
      g_set_object (&self->context, context);
      g_set_object (&self->db, cpt_context_get_database (context));
      g_signal_connect_object (context, "changed", G_CALLBACK (on_data_changed), self, G_CONNECT_SWAPPED);
    }
  if (self->client_id != filter->client_id)
    self->credit_known = FALSE;
  self->client_id = filter->client_id;
  g_set_str (&self->date_from, filter->date_from);
  g_set_str (&self->date_to, filter->date_to);
  g_set_str (&self->search, filter->search != NULL && *filter->search != '\0' ? filter->search : NULL);
  gtk_column_view_column_set_visible (self->client_column, self->client_id == 0);
  cpt_payment_list_reload (self);
}

const char *
cpt_payment_list_get_totals_text (CptPaymentList *self)
{
  g_return_val_if_fail (CPT_IS_PAYMENT_LIST (self), NULL);

  return gtk_label_get_text (self->totals);
}

void
cpt_payment_list_reload (CptPaymentList *self)
{
  g_return_if_fail (CPT_IS_PAYMENT_LIST (self));

  if (self->db == NULL || self->column_view == NULL)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, update_state, self);
  g_clear_object (&self->model);
  /* All the payments of a business run to hundreds of thousands, and even one client's are
   * not read on the main loop: counted in a thread. */
  {
    CptPaymentFilter filter;

    fill_filter (self, &filter);
    self->model = cpt_lists_payments_filtered (self->db, &filter, TRUE);
  }
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::error", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::counting", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  cpt_list_page_set_model (self->column_view, G_LIST_MODEL (self->model));
  update_state (self);
  refresh_totals (self);
}

GListModel *
cpt_payment_list_get_model (CptPaymentList *self)
{
  g_return_val_if_fail (CPT_IS_PAYMENT_LIST (self), NULL);

  return G_LIST_MODEL (self->model);
}

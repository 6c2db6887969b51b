/* cpt-client-deposits.c: see cpt-client-deposits.h. */
#define G_LOG_DOMAIN "cpt-client-deposits"

#include <glib/gi18n.h>

#include "cpt-client-deposits.h"
#include "cpt-gui-utils.h"
#include "cpt-payments.h"

struct _CptClientDeposits
{
  AdwPreferencesPage   parent_instance;

  GPtrArray           *rows;

  /* template children */
  AdwPreferencesGroup *deposits_group;
  GtkLabel            *deposits_total;
};

G_DEFINE_FINAL_TYPE (CptClientDeposits, cpt_client_deposits, ADW_TYPE_PREFERENCES_PAGE)

static const char *
deposit_state_label (const char *state)
{
  if (g_strcmp0 (state, "unpaid") == 0)
    return _("Unpaid");
  return cpt_state_label (state);
}

static void
cpt_client_deposits_dispose (GObject *object)
{
  CptClientDeposits *self = CPT_CLIENT_DEPOSITS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_CLIENT_DEPOSITS);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (cpt_client_deposits_parent_class)->dispose (object);
}

static void
cpt_client_deposits_class_init (CptClientDepositsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_client_deposits_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-client-deposits.ui");
  gtk_widget_class_bind_template_child (widget_class, CptClientDeposits, deposits_group);
  gtk_widget_class_bind_template_child (widget_class, CptClientDeposits, deposits_total);
}

static void
cpt_client_deposits_init (CptClientDeposits *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
}

CptClientDeposits *
cpt_client_deposits_new (void)
{
  return g_object_new (CPT_TYPE_CLIENT_DEPOSITS, NULL);
}

void
cpt_client_deposits_show (CptClientDeposits *self,
                          GPtrArray         *deposits,
                          GPtrArray         *detach_refusals)
{
  gint64 net = 0, gross = 0, balance = 0;
  g_autofree char *net_text = NULL, *gross_text = NULL, *balance_text = NULL, *total = NULL;

  g_return_if_fail (CPT_IS_CLIENT_DEPOSITS (self));

  cpt_group_clear_rows (self->deposits_group, self->rows);
  for (guint i = 0; deposits != NULL && i < deposits->len; i++)
    {
      CptClientDeposit *deposit = g_ptr_array_index (deposits, i);
      g_autofree char *date = cpt_format_date (deposit->date);
      g_autofree char *gross_one = cpt_format_money (deposit->gross, NULL);
      g_autofree char *balance_one = cpt_format_money (deposit->balance, NULL);
      g_autofree char *subtitle = NULL;
      const char *detach_refused = detach_refusals != NULL && i < detach_refusals->len
                                   ? g_ptr_array_index (detach_refusals, i) : NULL;
      g_autofree char *title = g_strdup_printf ("%s%s%s", deposit->number ? deposit->number : _("Draft"),
                                                deposit->title ? " · " : "", deposit->title ? deposit->title : "");
      GtkWidget *row, *badge, *open, *box;

      subtitle = deposit->invoice_number
                   ? g_strdup_printf (_("%s · deducted on %s · %s, %s left to pay"), date, deposit->invoice_number, gross_one, balance_one)
                   : g_strdup_printf (_("%s · not deducted yet · %s, %s left to pay"), date, gross_one, balance_one);
      row = cpt_group_add_row (self->deposits_group, self->rows, title, subtitle);
      badge = gtk_label_new (deposit_state_label (deposit->state));
      gtk_widget_add_css_class (badge, "badge");
      gtk_widget_add_css_class (badge, g_strcmp0 (deposit->state, "unpaid") == 0 ? "awaiting"
                                       : cpt_state_badge_class (deposit->state));
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (box), badge);
      if (deposit->invoice_id != 0 && detach_refused != NULL)
        {
          /* Deducted on a validated invoice: no button that could only fail; the reason
           * reads under the deposit. */
          g_autofree char *with_reason = g_strdup_printf ("%s\n%s", subtitle, detach_refused);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), with_reason);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
        }
      else if (deposit->invoice_id != 0)
        {
          GtkWidget *detach = gtk_button_new_with_mnemonic (_("_Detach"));

          gtk_widget_set_tooltip_text (detach, _("Detach from the invoice"));
          gtk_widget_set_valign (detach, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (detach, "flat");
          gtk_actionable_set_action_name (GTK_ACTIONABLE (detach), "client.detach-deposit");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (detach), "x", deposit->id);
          gtk_box_append (GTK_BOX (box), detach);
        }
      else if (deposit->number != NULL && g_strcmp0 (deposit->state, "credited") != 0)
        {
          GtkWidget *use = gtk_button_new_with_mnemonic (_("_Use on an Invoice…"));

          gtk_widget_set_valign (use, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (use, "flat");
          gtk_actionable_set_action_name (GTK_ACTIONABLE (use), "client.use-deposit");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (use), "x", deposit->id);
          gtk_box_append (GTK_BOX (box), use);
        }
      open = gtk_button_new_from_icon_name ("go-next-symbolic");
      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (open, "flat");
      gtk_widget_set_tooltip_text (open, _("Open the Deposit Invoice"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open the Deposit Invoice"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "win.open-document");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "x", deposit->id);
      gtk_box_append (GTK_BOX (box), open);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      net += deposit->net;
      gross += deposit->gross;
      balance += deposit->balance;
    }
  if (self->rows->len == 0)
    cpt_group_add_row (self->deposits_group, self->rows, _("No deposit invoice"),
                       _("Deposits are invoiced from an accepted quote."));
  net_text = cpt_format_money (net, NULL);
  gross_text = cpt_format_money (gross, NULL);
  balance_text = cpt_format_money (balance, NULL);
  /* Translators: the totals of the deposits tab (the eKo "Total" row) */
  total = g_strdup_printf (_("Total: net %s · gross %s · left to pay %s"), net_text, gross_text, balance_text);
  gtk_label_set_text (self->deposits_total, total);
}

/* cpt-client-page.c: a client's record, as the eKo client page: overview of what they owe,
 * identity and addresses, documents, deposits, payments, memos and files. */
#define G_LOG_DOMAIN "cpt-client-page"

#include <glib/gi18n.h>

#include "cpt-application.h"
#include "cpt-client.h"
#include "cpt-client-form.h"
#include "cpt-client-page.h"
#include "cpt-dates.h"
#include "cpt-document-list.h"
#include "cpt-gui-utils.h"
#include "cpt-mail-messages.h"
#include "cpt-lifecycle.h"
#include "cpt-list-page-utils.h"
#include "cpt-new-document-dialog.h"
#include "cpt-payment-dialog.h"
#include "cpt-payment-list.h"
#include "cpt-payments.h"
#include "cpt-records-async.h"
#include "cpt-window.h"

struct _CptClientPage
{
  AdwNavigationPage    parent_instance;

  CptContext          *context;
  CptDatabase         *db;              /* the context's */
  gint64               id;
  CptClient           *client;
  GCancellable        *loading;      /* set while the worker reads the record */
  gboolean             loaded;
  GPtrArray           *contact_rows;
  GPtrArray           *deposit_rows;
  GPtrArray           *memo_rows;
  GPtrArray           *message_rows;
  GPtrArray           *file_rows;
  guint                edits;         /* changes typed in the form, to know a save's result
                                       * is still what the form shows */
  guint                saving;        /* identity saves in the worker */
  /* The documents tab reads its list when shown, and again when shown after a change:
   * given its rows in a tab not shown, the documents list made its 200 rows (GTK
   * keeps that many) as the client opened: 2 056 cells for 250 documents, 155 ms at a
   * million documents, for a tab nobody looked at yet. */
  gboolean             documents_stale;
  /* Likewise the payments tab: a client's payments made 1 410 cells at a million
   * documents as the page opened on its overview. */
  gboolean             payments_given;

  /* template children */
  AdwHeaderBar        *header_bar;
  AdwWindowTitle      *window_title;
  AdwBanner           *archived_banner;
  AdwViewStack        *view_stack;
  GtkFlowBox          *figures_box;
  AdwPreferencesGroup *contact_group;
  CptClientForm       *form;
  GtkActionBar        *identity_bar;
  GtkLabel            *identity_error;
  CptDocumentList     *documents_list;
  AdwPreferencesGroup *deposits_group;
  GtkLabel            *deposits_total;
  CptPaymentList      *payments_list;
  AdwEntryRow         *memo_row;
  AdwPreferencesGroup *memos_group;
  AdwPreferencesGroup *messages_group;
  AdwPreferencesGroup *files_group;
};

G_DEFINE_FINAL_TYPE (CptClientPage, cpt_client_page, ADW_TYPE_NAVIGATION_PAGE)

/* The messages the record shows: the last ones; older ones stay in each document's history. */
#define MAX_MESSAGES 50

static void reload (CptClientPage *self);

/* Gives the documents tab its list, if shown and changed since it was last shown, and the
 * payments tab its list the first time it shows (it keeps itself up to date after that). */
static void
load_shown_list (CptClientPage *self)
{
  const char *shown = adw_view_stack_get_visible_child_name (self->view_stack);

  if (self->context == NULL || shown == NULL)
    return;
  if (self->documents_stale && g_str_equal (shown, "documents"))
    {
      CptDocumentQuery query = { 0 };

      self->documents_stale = FALSE;
      query.client_id = self->id;
      cpt_document_list_set_query (self->documents_list, &query);
    }
  if (!self->payments_given && g_str_equal (shown, "payments"))
    {
      self->payments_given = TRUE;
      cpt_payment_list_set_client (self->payments_list, self->context, self->id);
    }
}

/* Everything the page shows of the record, read by the worker in one go: opening a client
 * with hundreds of documents used to block the main loop for 300-600 ms. The documents and
 * payments lists read their own rows, in threads too. A figure that could not be read says
 * why instead of showing a zero. */
typedef struct
{
  CptClient        *client;
  gint64            n_documents;
  gboolean          has_balance;
  CptClientBalance  balance;
  char             *balance_error;
  GPtrArray        *deposits;          /* CptClientDeposit, or NULL with deposits_error */
  char             *deposits_error;
  GPtrArray        *detach_refusals;   /* per deposit: why it cannot be detached, or NULL */
  GPtrArray        *memos;
  GPtrArray        *files;
  GPtrArray        *messages;          /* CptMailRecord, newest first, or NULL with messages_error */
  char             *messages_error;
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  g_clear_object (&snapshot->client);
  g_free (snapshot->balance_error);
  g_clear_pointer (&snapshot->deposits, g_ptr_array_unref);
  g_free (snapshot->deposits_error);
  g_clear_pointer (&snapshot->detach_refusals, g_ptr_array_unref);
  g_clear_pointer (&snapshot->memos, g_ptr_array_unref);
  g_clear_pointer (&snapshot->files, g_ptr_array_unref);
  g_clear_pointer (&snapshot->messages, g_ptr_array_unref);
  g_free (snapshot->messages_error);
  g_free (snapshot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static GtkWidget *
add_row (AdwPreferencesGroup *group,
         GPtrArray           *rows,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_selectable (ADW_ACTION_ROW (row), TRUE);
    }
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
  return row;
}

/* ---------------------------------------------------------------- overview */

static GtkWidget *
figure (const char *label,
        gint64      amount,
        const char *css_class)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *value_label;
  GtkWidget *name = gtk_label_new (label);
  g_autofree char *value = cpt_format_money (amount, NULL);

  value_label = gtk_label_new (value);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "figure");
  gtk_widget_add_css_class (value_label, "title-2");
  gtk_widget_add_css_class (value_label, "numeric");
  if (css_class != NULL && amount != 0)
    gtk_widget_add_css_class (value_label, css_class);
  gtk_widget_add_css_class (name, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), value_label);
  return box;
}

static void
load_overview (CptClientPage *self,
               Snapshot      *snapshot)
{
  CptClientBalance balance = { 0 };
  g_autofree char *name = NULL, *siren = NULL, *siret = NULL, *vat = NULL, *email = NULL;
  g_autofree char *phone = NULL, *address = NULL, *postcode = NULL, *city = NULL;
  g_autofree char *country = NULL, *language = NULL;
  gint64 days = 0;
  gboolean end_of_month = FALSE;

  gtk_flow_box_remove_all (self->figures_box);
  /* Figures that could not be read are left out rather than shown as zeros. */
  if (snapshot->has_balance)
    {
      balance = snapshot->balance;
      gtk_flow_box_append (self->figures_box, figure (_("Left to collect"), balance.receivable, NULL));
      gtk_flow_box_append (self->figures_box, figure (_("Overdue"), balance.overdue, "error"));
      gtk_flow_box_append (self->figures_box, figure (_("Unallocated credit"), balance.unallocated, "success"));
      gtk_flow_box_append (self->figures_box, figure (_("Invoiced"), balance.invoiced, NULL));
    }
  else
    cpt_toast (GTK_WIDGET (self), snapshot->balance_error);
  /* Credit is given back only when there is some. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.refund-credit", balance.unallocated > 0);

  clear_rows (self->contact_group, self->contact_rows);
  g_object_get (self->client, "siren", &siren, "siret", &siret, "vat-number", &vat,
                "email", &email, "phone", &phone, "address", &address, "postcode", &postcode,
                "city", &city, "country", &country, "payment-days", &days,
                "end-of-month", &end_of_month, NULL);
  if (address != NULL || city != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s%s%s %s%s%s", address ? address : "", address ? "\n" : "",
                                               postcode ? postcode : "", city ? city : "",
                                               country && g_strcmp0 (country, "FR") != 0 ? "\n" : "",
                                               country && g_strcmp0 (country, "FR") != 0 ? country : "");
      add_row (self->contact_group, self->contact_rows, _("Billing Address"), g_strstrip (text));
    }
  if (email != NULL)
    add_row (self->contact_group, self->contact_rows, _("Email"), email);
  if (phone != NULL)
    add_row (self->contact_group, self->contact_rows, _("Phone"), phone);
  if (siren != NULL || siret != NULL)
    add_row (self->contact_group, self->contact_rows, siret ? _("SIRET") : _("SIREN"), siret ? siret : siren);
  if (vat != NULL)
    add_row (self->contact_group, self->contact_rows, _("VAT Number"), vat);
  {
    g_autofree char *terms = end_of_month
      ? g_strdup_printf (g_dngettext (NULL, "%d day, end of month", "%d days, end of month", days), (int) days)
      : g_strdup_printf (g_dngettext (NULL, "%d day", "%d days", days), (int) days);
    add_row (self->contact_group, self->contact_rows, _("Payment Terms"), terms);
  }
  (void) name;
  (void) language;
}

/* ---------------------------------------------------------------- identity */

static void
on_form_changed (CptClientPage *self)
{
  self->edits++;
  gtk_action_bar_set_revealed (self->identity_bar, cpt_client_form_get_modified (self->form));
  gtk_label_set_text (self->identity_error, "");
}

/* Every property of a client is one of its columns: copying them all copies the record.
 * The form is applied to a copy, so that the page's client stays what the file holds
 * (Revert goes back to it) until the save is in. */
static CptClient *
copy_client (CptClient *client)
{
  g_autofree GParamSpec **pspecs = NULL;
  CptClient *copy = cpt_client_new ();
  guint n;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (client), &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE ||
          (pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (client), pspecs[i]->name, &value);
      g_object_set_property (G_OBJECT (copy), pspecs[i]->name, &value);
    }
  return copy;
}

typedef struct
{
  CptClientPage *page;
  GWeakRef       window;   /* where to say how it went once the page is gone */
  char          *name;     /* the client's name before the edit */
  guint          edits;    /* self->edits when the save started */
  gboolean       leaving;  /* saved because the page was left, not by Save */
} IdentitySave;

static void
identity_save_free (IdentitySave *save)
{
  g_clear_object (&save->page);
  g_weak_ref_clear (&save->window);
  g_free (save->name);
  g_free (save);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IdentitySave, identity_save_free)

/* The page of a save that failed once it was left, and its window. */
typedef struct
{
  GWeakRef       window;
  CptClientPage *page;
} ShowAgain;

static gpointer
show_again_new (CptWindow *window, CptClientPage *page)
{
  ShowAgain *again = g_new0 (ShowAgain, 1);

  g_weak_ref_init (&again->window, window);
  again->page = g_object_ref (page);
  return again;
}

static void
show_again_free (gpointer data)
{
  ShowAgain *again = data;

  g_weak_ref_clear (&again->window);
  g_clear_object (&again->page);
  g_free (again);
}

static void
show_page_again (gpointer data)
{
  ShowAgain *again = data;
  g_autoptr(CptWindow) window = g_weak_ref_get (&again->window);

  /* Its window closed meanwhile disposed it: nothing is left to show. */
  if (window != NULL && again->page->form != NULL)
    cpt_window_show_page (window, ADW_NAVIGATION_PAGE (again->page));
}

static void
on_identity_saved (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(IdentitySave) save = user_data;
  CptClientPage *self = save->page;
  g_autoptr(GtkWidget) window = g_weak_ref_get (&save->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptClient) saved = cpt_client_save_finish (CPT_WORKER (source), result, &error);
  /* A page left (popped) is no longer in a window: the window says it. */
  GtkWidget *say = gtk_widget_get_root (GTK_WIDGET (self)) != NULL ? GTK_WIDGET (self) : window;

  /* A page disposed meanwhile (its window closed) has no form left to show it in. */
  gboolean alive = self->form != NULL;

  self->saving--;
  if (saved == NULL)
    {
      /* The form keeps what was typed, the bar stays with the reason, to try again. */
      if (alive)
        {
          gtk_label_set_text (self->identity_error, error->message);
          gtk_action_bar_set_revealed (self->identity_bar, TRUE);
        }
      if (say != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("The changes to “%s” were not saved: %s"),
                                                      save->name, error->message);

          /* A page left keeps what was typed: the toast brings it back, to try again. */
          if (alive && say == window && CPT_IS_WINDOW (window))
            cpt_toast_with_button (say, message, _("_Show"), 0, G_CALLBACK (show_page_again),
                                   show_again_new (CPT_WINDOW (window), self), show_again_free);
          else
            cpt_toast (say, message);
        }
      return;
    }
  g_set_object (&self->client, saved);
  /* Nothing typed since the save began: the form shows the client as saved (normalised
   * identifiers); else what was typed meanwhile stays. */
  if (alive && self->edits == save->edits)
    {
      cpt_client_form_load (self->form, saved);
      gtk_action_bar_set_revealed (self->identity_bar, FALSE);
    }
  if (say != NULL)
    {
      g_autofree char *message = NULL;

      if (save->leaving)
        message = g_strdup_printf (_("Changes to “%s” saved"), cpt_client_get_name (saved));
      else
        message = g_strdup (_("Client saved; drafts show the new details, validated documents keep theirs"));
      cpt_toast (say, message);
    }
  /* The page reads the record again on the change the commit announces (the worker runs
   * that read after this write). */
}

/* Saves what the form holds in the worker (issue 12: not on the main loop). A mistake in
 * the form is found here, before leaving: the form shows it and nothing is sent. */
static void
save_identity (CptClientPage *self,
               gboolean       leaving)
{
  CptWorker *worker = self->context != NULL ? cpt_context_get_worker (self->context) : NULL;
  g_autoptr(CptClient) edited = NULL;
  g_autoptr(GError) error = NULL;
  IdentitySave *save;

  if (self->client == NULL)
    return;
  edited = copy_client (self->client);
  if (!cpt_client_form_apply (self->form, edited, &error) || !cpt_client_validate (edited, &error))
    {
      gtk_label_set_text (self->identity_error, error->message);
      if (leaving)
        {
          g_autofree char *message = g_strdup_printf (_("The changes to “%s” were not saved: %s"),
                                                      cpt_client_get_name (self->client), error->message);

          cpt_toast (GTK_WIDGET (self), message);
        }
      return;
    }
  if (worker == NULL)
    {
      /* No application (a page made alone): save here. */
      if (!cpt_client_update (edited, self->db, &error))
        gtk_label_set_text (self->identity_error, error->message);
      else
        {
          g_set_object (&self->client, edited);
          cpt_client_form_load (self->form, edited);
          gtk_action_bar_set_revealed (self->identity_bar, FALSE);
        }
      return;
    }
  save = g_new0 (IdentitySave, 1);
  save->page = g_object_ref (self);
  g_weak_ref_init (&save->window, gtk_widget_get_root (GTK_WIDGET (self)));
  save->name = g_strdup (cpt_client_get_name (self->client));
  save->edits = self->edits;
  save->leaving = leaving;
  self->saving++;
  cpt_client_save_async (worker, edited, NULL, on_identity_saved, save);
}

static void
on_save_identity_clicked (CptClientPage *self)
{
  save_identity (self, FALSE);
}

static void
on_revert_identity_clicked (CptClientPage *self)
{
  cpt_client_form_load (self->form, self->client);
  gtk_action_bar_set_revealed (self->identity_bar, FALSE);
}

/* ---------------------------------------------------------------- deposits (the eKo tab) */

typedef struct
{
  CptDatabase *db;
  gint64       deposit_id;
  gint64       invoice_id;
} DetachUndo;

static void
detach_undo_free (gpointer data)
{
  DetachUndo *undo = data;

  g_object_unref (undo->db);
  g_free (undo);
}

static void
undo_detach (gpointer data)
{
  DetachUndo *undo = data;
  g_autoptr(GError) error = NULL;

  if (!cpt_lifecycle_attach_deposit (undo->db, undo->deposit_id, undo->invoice_id, &error))
    g_warning ("Could not attach the deposit again: %s", error->message);
}

static void
on_deposit_detach (GtkButton     *button,
                   CptClientPage *self)
{
  gint64 deposit_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "cpt-deposit"));
  gint64 invoice_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "cpt-invoice"));
  g_autoptr(GError) error = NULL;
  DetachUndo *undo;

  if (!cpt_lifecycle_detach_deposit (self->db, deposit_id, &error))
    {
      cpt_show_error (GTK_WIDGET (self), _("Could not detach the deposit"), error);
      return;
    }
  undo = g_new0 (DetachUndo, 1);
  undo->db = g_object_ref (self->db);
  undo->deposit_id = deposit_id;
  undo->invoice_id = invoice_id;
  cpt_toast_with_undo (GTK_WIDGET (self), _("Deposit detached: it can be used on another invoice"),
                       G_CALLBACK (undo_detach), undo, detach_undo_free);
}

static void
on_deposit_open (GtkButton     *button,
                 CptClientPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "cpt-open"));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-document", "x", id);
}

static const char *
deposit_state_label (const char *state)
{
  if (g_strcmp0 (state, "unpaid") == 0)
    return _("Unpaid");
  return cpt_state_label (state);
}

/* Why a deposit cannot be detached (cpt_lifecycle_actions), or NULL when it can. */
static char *
detach_reason (CptDatabase *db,
               gint64       deposit_id)
{
  g_autoptr(GPtrArray) actions = cpt_lifecycle_actions (db, deposit_id, NULL);

  for (guint i = 0; actions != NULL && i < actions->len; i++)
    {
      CptAction *action = g_ptr_array_index (actions, i);

      if (g_strcmp0 (action->name, "detach") == 0)
        return action->allowed ? NULL : g_strdup (action->reason);
    }
  return NULL;
}

static void
load_deposits (CptClientPage *self,
               Snapshot      *snapshot)
{
  GPtrArray *deposits = snapshot->deposits;
  gint64 net = 0, gross = 0, balance = 0;
  g_autofree char *net_text = NULL, *gross_text = NULL, *balance_text = NULL, *total = NULL;

  clear_rows (self->deposits_group, self->deposit_rows);
  if (deposits == NULL)
    cpt_toast (GTK_WIDGET (self), snapshot->deposits_error);
  for (guint i = 0; deposits != NULL && i < deposits->len; i++)
    {
      CptClientDeposit *deposit = g_ptr_array_index (deposits, i);
      g_autofree char *date = cpt_format_date (deposit->date);
      g_autofree char *amounts = NULL;
      g_autofree char *gross_one = cpt_format_money (deposit->gross, NULL);
      g_autofree char *balance_one = cpt_format_money (deposit->balance, NULL);
      g_autofree char *subtitle = NULL;
      const char *detach_refused = g_ptr_array_index (snapshot->detach_refusals, i);
      g_autofree char *title = g_strdup_printf ("%s%s%s", deposit->number ? deposit->number : _("Draft"),
                                                deposit->title ? " · " : "", deposit->title ? deposit->title : "");
      GtkWidget *row, *badge, *open, *box;

      subtitle = deposit->invoice_number
                   ? g_strdup_printf (_("%s · deducted on %s · %s, %s left to pay"), date, deposit->invoice_number, gross_one, balance_one)
                   : g_strdup_printf (_("%s · not deducted yet · %s, %s left to pay"), date, gross_one, balance_one);
      row = add_row (self->deposits_group, self->deposit_rows, title, subtitle);
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
          g_object_set_data (G_OBJECT (detach), "cpt-deposit", GSIZE_TO_POINTER (deposit->id));
          g_object_set_data (G_OBJECT (detach), "cpt-invoice", GSIZE_TO_POINTER (deposit->invoice_id));
          g_signal_connect_object (detach, "clicked", G_CALLBACK (on_deposit_detach), self, 0);
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
      g_object_set_data (G_OBJECT (open), "cpt-open", GSIZE_TO_POINTER (deposit->id));
      g_signal_connect_object (open, "clicked", G_CALLBACK (on_deposit_open), self, 0);
      gtk_box_append (GTK_BOX (box), open);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      net += deposit->net;
      gross += deposit->gross;
      balance += deposit->balance;
    }
  if (self->deposit_rows->len == 0)
    add_row (self->deposits_group, self->deposit_rows, _("No deposit invoice"),
             _("Deposits are invoiced from an accepted quote."));
  net_text = cpt_format_money (net, NULL);
  gross_text = cpt_format_money (gross, NULL);
  balance_text = cpt_format_money (balance, NULL);
  /* Translators: the totals of the deposits tab (the eKo "Total" row) */
  total = g_strdup_printf (_("Total: net %s · gross %s · left to pay %s"), net_text, gross_text, balance_text);
  gtk_label_set_text (self->deposits_total, total);
}

static void
use_deposit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  /* The deposit's own page offers its invoices. */
  gint64 id = g_variant_get_int64 (parameter);

  gtk_widget_activate_action (widget, "win.open-document", "x", id);
}

/* ---------------------------------------------------------------- messages */

/* The last messages about the client's documents: what was sent, when, to whom, and what
 * did not leave. */
static void
load_messages (CptClientPage *self,
               Snapshot      *snapshot)
{
  clear_rows (self->messages_group, self->message_rows);
  if (snapshot->messages == NULL)
    {
      add_row (self->messages_group, self->message_rows, _("Could not read the messages"),
               snapshot->messages_error);
      return;
    }
  for (guint i = 0; i < snapshot->messages->len; i++)
    {
      const CptMailRecord *r = g_ptr_array_index (snapshot->messages, i);
      g_autofree char *when = cpt_format_date_time (r->sent_at ? r->sent_at : r->created_at);
      g_autofree char *subtitle = NULL;
      const char *state = r->state == CPT_MAIL_MESSAGE_SENT ? NULL
                          : r->state == CPT_MAIL_MESSAGE_QUEUED ? _("Waiting in the outbox")
                          : _("Not sent");

      /* Translators: a message on a client's record: document number, when, to whom */
      subtitle = g_strdup_printf (_("%s · %s · to %s"), r->document_number ? r->document_number : "",
                                  when, r->recipients);
      if (state != NULL)
        {
          g_autofree char *with_state = g_strdup_printf (r->error ? "%s\n%s: %s" : "%s\n%s", subtitle,
                                                         state, r->error);

          g_free (subtitle);
          subtitle = g_steal_pointer (&with_state);
        }
      add_row (self->messages_group, self->message_rows, r->subject, subtitle);
    }
  if (self->message_rows->len == 0)
    add_row (self->messages_group, self->message_rows, _("No message yet"),
             _("Nothing has been sent by email yet."));
}

/* ---------------------------------------------------------------- memos */

static void
load_memos (CptClientPage *self,
            GPtrArray     *memos)
{
  clear_rows (self->memos_group, self->memo_rows);
  for (guint i = 0; memos != NULL && i < memos->len; i++)
    {
      CptMemo *memo = g_ptr_array_index (memos, i);
      g_autofree char *at = cpt_format_date_time (memo->created_at);
      g_autofree char *subtitle = memo->author ? g_strdup_printf ("%s · %s", at, memo->author) : g_strdup (at);
      GtkWidget *row = add_row (self->memos_group, self->memo_rows, memo->text, subtitle);

      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
    }
  if (self->memo_rows->len == 0)
    add_row (self->memos_group, self->memo_rows, _("No memo yet"),
             _("Notes about this client, dated and signed: calls, agreements, reminders."));
}

static void
on_memo_apply (CptClientPage *self)
{
  g_autofree char *text = cpt_entry_row_dup_text (self->memo_row);
  g_autoptr(GError) error = NULL;
  const char *author = g_get_real_name ();

  if (text == NULL)
    return;
  if (g_strcmp0 (author, "Unknown") == 0)
    author = g_get_user_name ();
  if (cpt_client_add_memo (self->db, self->id, author, text, &error) == 0)
    {
      cpt_show_error (GTK_WIDGET (self), _("Could not add the memo"), error);
      return;
    }
  /* The page reads itself again when the commit is announced. */
  gtk_editable_set_text (GTK_EDITABLE (self->memo_row), "");
}

/* ---------------------------------------------------------------- files */

static void
on_file_opened (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_file_launcher_launch_finish (GTK_FILE_LAUNCHER (source), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    g_message ("Could not open the file: %s", error->message);
}

static void
on_file_open_clicked (GtkButton     *button,
                      CptClientPage *self)
{
  gint64 file_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "cpt-file"));
  const char *name = g_object_get_data (G_OBJECT (button), "cpt-name");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = cpt_client_get_file_data (self->db, file_id, &error);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GtkFileLauncher) launcher = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* The file lives in the database: a copy in a private folder is opened. */
  if (data != NULL)
    {
      dir = g_build_filename (g_get_user_cache_dir (), "comptoir", "files", NULL);
      g_mkdir_with_parents (dir, 0700);
      path = g_build_filename (dir, name, NULL);
      if (!g_file_set_contents (path, g_bytes_get_data (data, NULL), g_bytes_get_size (data), &error))
        g_clear_pointer (&data, g_bytes_unref);
    }
  if (data == NULL)
    {
      cpt_show_error (GTK_WIDGET (self), _("Could not open the file"), error);
      return;
    }
  file = g_file_new_for_path (path);
  launcher = gtk_file_launcher_new (file);
  gtk_file_launcher_launch (launcher, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, on_file_opened, NULL);
}


static void
on_file_remove_clicked (GtkButton     *button,
                        CptClientPage *self)
{
  gint64 file_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "cpt-file"));
  g_autoptr(GError) error = NULL;

  if (!cpt_client_remove_file (self->db, file_id, &error))
    {
      cpt_show_error (GTK_WIDGET (self), _("Could not remove the file"), error);
      return;
    }
  cpt_toast (GTK_WIDGET (self), _("File removed"));
}

static void
load_files (CptClientPage *self,
            GPtrArray     *files)
{
  clear_rows (self->files_group, self->file_rows);
  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      CptClientFile *file = g_ptr_array_index (files, i);
      g_autofree char *size = g_format_size (file->size);
      g_autofree char *day = file->added_at ? g_strndup (file->added_at, 10) : NULL;
      g_autofree char *date = cpt_format_date (day);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", size, date);
      GtkWidget *row = add_row (self->files_group, self->file_rows, file->name, subtitle);
      GtkWidget *open = gtk_button_new_from_icon_name ("document-open-symbolic");
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_set_tooltip_text (open, _("Open"));
      gtk_widget_set_tooltip_text (remove, _("Remove"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open"), -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"), -1);
      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (open, "flat");
      gtk_widget_add_css_class (remove, "flat");
      g_object_set_data (G_OBJECT (open), "cpt-file", GSIZE_TO_POINTER (file->id));
      g_object_set_data_full (G_OBJECT (open), "cpt-name", g_strdup (file->name), g_free);
      g_object_set_data (G_OBJECT (remove), "cpt-file", GSIZE_TO_POINTER (file->id));
      g_signal_connect_object (open, "clicked", G_CALLBACK (on_file_open_clicked), self, 0);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (on_file_remove_clicked), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }
  if (self->file_rows->len == 0)
    add_row (self->files_group, self->file_rows, _("No file"), NULL);
}

static void
on_file_chosen (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CptClientPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, &error);
  g_autofree char *path = NULL;

  if (file == NULL)
    {
      cpt_show_error (GTK_WIDGET (self), _("Could not add the file"), error);
      return;
    }
  path = g_file_get_path (file);
  if (path == NULL || cpt_client_add_file (self->db, self->id, path, &error) == 0)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only local files can be added"));
      cpt_show_error (GTK_WIDGET (self), _("Could not add the file"), error);
      return;
    }
}

static void
add_file_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CptClientPage *self = CPT_CLIENT_PAGE (widget);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  GtkRoot *root = gtk_widget_get_root (widget);

  gtk_file_dialog_set_title (dialog, _("Add a File"));
  gtk_file_dialog_open (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, on_file_chosen,
                        g_object_ref (self));
}

/* ---------------------------------------------------------------- actions */

static void
new_document_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CptClientPage *self = CPT_CLIENT_PAGE (widget);
  CptDocumentKind kind;

  /* The action's target names a kind by its stored string. */
  if (!cpt_document_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    kind = CPT_DOCUMENT_KIND_INVOICE;
  adw_dialog_present (ADW_DIALOG (cpt_new_document_dialog_new (self->context, kind, self->id)), widget);
}

static void
record_payment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CptClientPage *self = CPT_CLIENT_PAGE (widget);

  adw_dialog_present (ADW_DIALOG (cpt_payment_dialog_new (self->context, self->id)), widget);
}

static void
refund_credit_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CptClientPage *self = CPT_CLIENT_PAGE (widget);

  adw_dialog_present (ADW_DIALOG (cpt_payment_dialog_new_refund (self->context, self->id)), widget);
}

typedef struct
{
  CptDatabase *db;
  gint64       id;
  gboolean     archived;
} ArchiveUndo;

static void
archive_undo (gpointer data)
{
  ArchiveUndo *undo = data;

  cpt_client_set_archived (undo->db, undo->id, !undo->archived, NULL);
}

static void
archive_undo_free (gpointer data)
{
  ArchiveUndo *undo = data;

  g_object_unref (undo->db);
  g_free (undo);
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CptClientPage *self = CPT_CLIENT_PAGE (widget);
  gboolean archived = cpt_client_get_archived (self->client);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  ArchiveUndo *undo;

  if (!cpt_client_set_archived (self->db, self->id, !archived, &error))
    {
      cpt_show_error (widget, _("Could not archive the client"), error);
      return;
    }
  undo = g_new0 (ArchiveUndo, 1);
  undo->db = g_object_ref (self->db);
  undo->id = self->id;
  undo->archived = !archived;
  message = g_strdup_printf (!archived ? _("“%s” archived") : _("“%s” restored"), cpt_client_get_name (self->client));
  cpt_toast_with_undo (widget, message, G_CALLBACK (archive_undo), undo, archive_undo_free);
  reload (self);
}

static void
on_delete_response (AdwAlertDialog *dialog,
                    const char     *response,
                    CptClientPage  *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *view;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!cpt_client_delete (self->db, self->id, &error))
    {
      cpt_show_error (GTK_WIDGET (self), _("Could not delete the client"), error);
      return;
    }
  view = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_NAVIGATION_VIEW);
  if (view != NULL)
    adw_navigation_view_pop (ADW_NAVIGATION_VIEW (view));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CptClientPage *self = CPT_CLIENT_PAGE (widget);
  g_autofree char *heading = g_strdup_printf (_("Delete “%s”?"), cpt_client_get_name (self->client));
  AdwDialog *dialog = adw_alert_dialog_new (heading,
                                            _("The client has no document yet, so it can be deleted with its memos and files. This cannot be undone."));

  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  adw_dialog_present (dialog, widget);
}

/* ---------------------------------------------------------------- loading */

/* In the worker: what the page shows, read in one go. */
static gpointer
read_snapshot (CptDatabase  *db,
               gpointer      data,
               GCancellable *cancellable,
               GError      **error)
{
  gint64 id = *(gint64 *) data;
  g_autoptr(Snapshot) snapshot = g_new0 (Snapshot, 1);
  g_autoptr(GError) balance_error = NULL;
  g_autoptr(GError) deposits_error = NULL;

  snapshot->client = cpt_client_load (db, id, error);
  if (snapshot->client == NULL ||
      !cpt_client_count_documents (db, id, &snapshot->n_documents, error))
    return NULL;
  snapshot->has_balance = cpt_payments_client_balance (db, id, NULL, &snapshot->balance, &balance_error);
  if (!snapshot->has_balance)
    snapshot->balance_error = g_strdup (balance_error->message);
  snapshot->deposits = cpt_payments_client_deposits (db, id, &deposits_error);
  if (snapshot->deposits == NULL)
    snapshot->deposits_error = g_strdup (deposits_error->message);
  snapshot->detach_refusals = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; snapshot->deposits != NULL && i < snapshot->deposits->len; i++)
    {
      CptClientDeposit *deposit = g_ptr_array_index (snapshot->deposits, i);

      g_ptr_array_add (snapshot->detach_refusals,
                       deposit->invoice_id != 0 ? detach_reason (db, deposit->id) : NULL);
    }
  snapshot->memos = cpt_client_list_memos (db, id, NULL);
  snapshot->files = cpt_client_list_files (db, id, NULL);
  {
    g_autoptr(GError) messages_error = NULL;

    snapshot->messages = cpt_mail_messages_of_client (db, id, MAX_MESSAGES, &messages_error);
    if (snapshot->messages == NULL)
      snapshot->messages_error = g_strdup (messages_error->message);
  }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&snapshot);
}

static void
show_snapshot (CptClientPage *self,
               Snapshot      *snapshot)
{
  CptClient *client = snapshot->client;
  gboolean archived;

  g_set_object (&self->client, client);
  archived = cpt_client_get_archived (client);
  adw_navigation_page_set_title (ADW_NAVIGATION_PAGE (self), cpt_client_get_name (client));
  adw_window_title_set_title (self->window_title, cpt_client_get_name (client));
  {
    g_autofree char *city = NULL, *siren = NULL, *subtitle = NULL;

    g_object_get (client, "city", &city, "siren", &siren, NULL);
    if (city != NULL && siren != NULL)
      subtitle = g_strdup_printf ("%s · SIREN %s", city, siren);
    else
      subtitle = g_strdup (city ? city : siren);
    adw_window_title_set_subtitle (self->window_title, subtitle);
  }
  adw_banner_set_revealed (self->archived_banner, archived);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.new-document", !archived);
  /* Once a client has documents it is archived, never deleted. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.delete", snapshot->n_documents == 0);

  load_overview (self, snapshot);
  if (!cpt_client_form_get_modified (self->form))
    cpt_client_form_load (self->form, client);
  load_deposits (self, snapshot);
  load_memos (self, snapshot->memos);
  load_messages (self, snapshot);
  load_files (self, snapshot->files);
  if (self->payments_given)
    cpt_payment_list_reload (self->payments_list);
  self->documents_stale = TRUE;
  load_shown_list (self);
  self->loaded = TRUE;
}

static void
on_snapshot_read (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CptClientPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Snapshot) snapshot = cpt_worker_run_finish (CPT_WORKER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->loading);
  if (snapshot == NULL)
    {
      cpt_show_error (GTK_WIDGET (self), _("Could not open the client"), error);
      return;
    }
  show_snapshot (self, snapshot);
}

static void
reload (CptClientPage *self)
{
  CptWorker *worker = self->context != NULL ? cpt_context_get_worker (self->context) : NULL;
  gint64 *id;

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (worker == NULL)
    {
      /* No application (a page made alone): read here. */
      g_autoptr(GError) error = NULL;
      g_autoptr(Snapshot) snapshot = read_snapshot (self->db, &self->id, NULL, &error);

      if (snapshot == NULL)
        cpt_show_error (GTK_WIDGET (self), _("Could not open the client"), error);
      else
        show_snapshot (self, snapshot);
      return;
    }
  self->loading = g_cancellable_new ();
  id = g_new (gint64, 1);
  *id = self->id;
  cpt_worker_run_async (worker, read_snapshot, id, g_free, (GDestroyNotify) snapshot_free,
                        self->loading, on_snapshot_read, g_object_ref (self));
}

/* Leaving the record (back, another section, a document opened from it) keeps the identity
 * typed without Save; what cannot be kept is said, not dropped in silence. */
static void
cpt_client_page_hiding (AdwNavigationPage *page)
{
  CptClientPage *self = CPT_CLIENT_PAGE (page);

  if (self->client != NULL && self->form != NULL && cpt_client_form_get_modified (self->form))
    save_identity (self, TRUE);
  ADW_NAVIGATION_PAGE_CLASS (cpt_client_page_parent_class)->hiding (page);
}

static void
cpt_client_page_dispose (GObject *object)
{
  CptClientPage *self = CPT_CLIENT_PAGE (object);

  /* A read still going on is not needed any more. */
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_CLIENT_PAGE);
  g_clear_pointer (&self->contact_rows, g_ptr_array_unref);
  g_clear_pointer (&self->deposit_rows, g_ptr_array_unref);
  g_clear_pointer (&self->memo_rows, g_ptr_array_unref);
  g_clear_pointer (&self->message_rows, g_ptr_array_unref);
  g_clear_pointer (&self->file_rows, g_ptr_array_unref);
  g_clear_object (&self->client);
  g_clear_object (&self->db);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cpt_client_page_parent_class)->dispose (object);
}

static void
cpt_client_page_class_init (CptClientPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_client_page_dispose;
  ADW_NAVIGATION_PAGE_CLASS (klass)->hiding = cpt_client_page_hiding;

  g_type_ensure (CPT_TYPE_CLIENT_FORM);
  g_type_ensure (CPT_TYPE_DOCUMENT_LIST);
  g_type_ensure (CPT_TYPE_PAYMENT_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-client-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, archived_banner);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, figures_box);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, contact_group);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, form);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, identity_bar);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, identity_error);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, documents_list);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, deposits_group);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, deposits_total);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, payments_list);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, memo_row);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, memos_group);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, messages_group);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, files_group);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_save_identity_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_revert_identity_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_memo_apply);

  gtk_widget_class_install_action (widget_class, "client.new-document", "s", new_document_action);
  gtk_widget_class_install_action (widget_class, "client.record-payment", NULL, record_payment_action);
  gtk_widget_class_install_action (widget_class, "client.refund-credit", NULL, refund_credit_action);
  gtk_widget_class_install_action (widget_class, "client.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "client.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "client.add-file", NULL, add_file_action);
  gtk_widget_class_install_action (widget_class, "client.use-deposit", "x", use_deposit_action);
}

static void
cpt_client_page_init (CptClientPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->contact_rows = g_ptr_array_new ();
  self->deposit_rows = g_ptr_array_new ();
  self->memo_rows = g_ptr_array_new ();
  self->message_rows = g_ptr_array_new ();
  self->file_rows = g_ptr_array_new ();
  cpt_document_list_set_column_visible (self->documents_list, "client", FALSE);
  cpt_document_list_set_column_visible (self->documents_list, "kind", TRUE);
  cpt_document_list_set_empty_state (self->documents_list, "cpt-invoice-symbolic", _("No Documents"),
                                     _("Quotes and invoices for this client show here."));
  g_signal_connect_object (self->view_stack, "notify::visible-child-name", G_CALLBACK (load_shown_list),
                           self, G_CONNECT_SWAPPED);
}

CptClientPage *
cpt_client_page_new (CptContext *context,
                     gint64      id)
{
  CptClientPage *self;

  g_return_val_if_fail (CPT_IS_CONTEXT (context), NULL);

  self = g_object_new (CPT_TYPE_CLIENT_PAGE, NULL);
  self->context = g_object_ref (context);
  self->db = g_object_ref (cpt_context_get_database (context));
  self->id = id;
  /* Its figures, documents, deposits and payments: any change may show here. */
  cpt_list_page_reload_on_change (GTK_WIDGET (self), context, CPT_CHANGE_ALL, (CptListPageReloadFunc) reload);
  cpt_document_list_set_context (self->documents_list, context);
  reload (self);
  return self;
}

gint64
cpt_client_page_get_id (CptClientPage *self)
{
  g_return_val_if_fail (CPT_IS_CLIENT_PAGE (self), 0);

  return self->id;
}

AdwViewStack *
cpt_client_page_get_view_stack (CptClientPage *self)
{
  g_return_val_if_fail (CPT_IS_CLIENT_PAGE (self), NULL);

  return self->view_stack;
}

CptClientForm *
cpt_client_page_get_form (CptClientPage *self)
{
  g_return_val_if_fail (CPT_IS_CLIENT_PAGE (self), NULL);

  return self->form;
}

gboolean
cpt_client_page_is_loaded (CptClientPage *self)
{
  g_return_val_if_fail (CPT_IS_CLIENT_PAGE (self), FALSE);

  return self->loaded;
}

gboolean
cpt_client_page_is_saving (CptClientPage *self)
{
  g_return_val_if_fail (CPT_IS_CLIENT_PAGE (self), FALSE);

  return self->saving > 0;
}

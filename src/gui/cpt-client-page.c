/* cpt-client-page.c: a client's record, as the eKo client page: overview of what they owe,
 * identity and addresses, documents, deposits, payments, memos and files. */
#define G_LOG_DOMAIN "cpt-client-page"

#include <errno.h>

#include <glib/gi18n.h>

#include "cpt-application.h"
#include "cpt-client.h"
#include "cpt-client-deposits.h"
#include "cpt-client-files.h"
#include "cpt-client-form.h"
#include "cpt-client-identity.h"
#include "cpt-client-memos.h"
#include "cpt-client-page.h"
#include "cpt-client-payments.h"
#include "cpt-document-list.h"
#include "cpt-document-writes.h"
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

typedef struct _Snapshot Snapshot;

struct _CptClientPage
{
  AdwNavigationPage    parent_instance;

  CptContext          *context;
  CptWorker           *worker;         /* the context's: every read and write of the page */
  gint64               id;
  CptClient           *client;
  GCancellable        *loading;      /* set while the worker reads the record */
  gboolean             loaded;
  Snapshot            *snapshot;     /* what was last read: the tabs made later show it */
  GPtrArray           *contact_rows;
  guint                edits;         /* changes typed in the form, to know a save's result
                                       * is still what the form shows */
  guint                saving;        /* identity saves in the worker */
  /* The other writes asked of the worker and not back yet: the actions that write wait for
   * them (a second press would write twice), see update_actions (). */
  guint                writes;
  gboolean             deleting;      /* the client is being (or was) deleted: not read again */
  GCancellable        *cancellable;   /* the page's reads other than the snapshot */
  gboolean             disposed;

  /* The tabs other than the overview, made the first time they show (build_shown_tab),
   * NULL until then. All made as the page opened (the identity form alone 12 ms), they
   * took two thirds of cpt_client_page_new () (21 ms in test-ui-client, 7 ms without
   * them), then its first layout measured them all: "open a client" stalled 80 ms at a
   * million documents, 20-45 ms without them. Owned by their stack pages. */
  CptClientIdentity   *identity;
  CptClientForm       *form;          /* the identity's */
  CptDocumentList     *documents_list;
  CptClientDeposits   *deposits;
  CptClientPayments   *payments;
  CptPaymentList      *payments_list; /* the payments tab's */
  CptClientMemos      *memos;
  CptClientFiles      *files;
  /* The documents tab reads its list when shown, and again when shown after a change:
   * given its rows in a tab not shown, the documents list made its 200 rows (GTK
   * keeps that many) as the client opened: 2 056 cells for 250 documents, 155 ms at a
   * million documents, for a tab nobody looked at yet. Likewise the payments tab, given
   * its client when first shown: a client's payments made 1 410 cells at a million
   * documents as the page opened on its overview. */
  gboolean             documents_stale;

  /* template children */
  AdwHeaderBar        *header_bar;
  AdwWindowTitle      *window_title;
  AdwBanner           *archived_banner;
  AdwViewStack        *view_stack;
  AdwBreakpoint       *narrow;
  AdwViewSwitcher     *switcher;
  AdwViewSwitcherBar  *switcher_bar;
  GtkFlowBox          *figures_box;
  AdwPreferencesGroup *contact_group;
  AdwBin              *identity_bin;
  AdwBin              *documents_bin;
  AdwBin              *deposits_bin;
  AdwBin              *payments_bin;
  AdwBin              *memos_bin;
  AdwBin              *files_bin;
};

G_DEFINE_FINAL_TYPE (CptClientPage, cpt_client_page, ADW_TYPE_NAVIGATION_PAGE)

/* The messages the record shows: the last ones; older ones stay in each document's history. */
#define MAX_MESSAGES 50

static void reload (CptClientPage *self);
static void update_actions (CptClientPage *self);

/* Everything the page shows of the record, read by the worker in one go: opening a client
 * with hundreds of documents used to block the main loop for 300-600 ms. The documents and
 * payments lists read their own rows, in threads too. A figure that could not be read says
 * why instead of showing a zero. */
struct _Snapshot
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
};

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

  cpt_group_clear_rows (self->contact_group, self->contact_rows);
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
      cpt_group_add_row (self->contact_group, self->contact_rows, _("Billing Address"), g_strstrip (text));
    }
  if (email != NULL)
    cpt_group_add_row (self->contact_group, self->contact_rows, _("Email"), email);
  if (phone != NULL)
    cpt_group_add_row (self->contact_group, self->contact_rows, _("Phone"), phone);
  if (siren != NULL || siret != NULL)
    cpt_group_add_row (self->contact_group, self->contact_rows, siret ? _("SIRET") : _("SIREN"), siret ? siret : siren);
  if (vat != NULL)
    cpt_group_add_row (self->contact_group, self->contact_rows, _("VAT Number"), vat);
  {
    g_autofree char *terms = end_of_month
      ? g_strdup_printf (g_dngettext (NULL, "%d day, end of month", "%d days, end of month", days), (int) days)
      : g_strdup_printf (g_dngettext (NULL, "%d day", "%d days", days), (int) days);
    cpt_group_add_row (self->contact_group, self->contact_rows, _("Payment Terms"), terms);
  }
  (void) name;
  (void) language;
}

/* ---------------------------------------------------------------- identity */

static void
on_form_changed (CptClientPage *self)
{
  self->edits++;
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
  if (window != NULL && again->page->identity != NULL)
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
  gboolean alive = self->identity != NULL;

  self->saving--;
  update_actions (self);
  if (saved == NULL)
    {
      /* The form keeps what was typed, the bar stays with the reason, to try again. */
      if (alive)
        cpt_client_identity_show_error (self->identity, error->message);
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
    cpt_client_identity_load (self->identity, saved);
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
  g_autoptr(CptClient) edited = NULL;
  g_autoptr(GError) error = NULL;
  IdentitySave *save;

  /* Nothing can have been typed in a tab not made yet. */
  if (self->client == NULL || self->identity == NULL)
    return;
  edited = copy_client (self->client);
  if (!cpt_client_form_apply (self->form, edited, &error) || !cpt_client_validate (edited, &error))
    {
      cpt_client_identity_show_error (self->identity, error->message);
      if (leaving)
        {
          g_autofree char *message = g_strdup_printf (_("The changes to “%s” were not saved: %s"),
                                                      cpt_client_get_name (self->client), error->message);

          cpt_toast (GTK_WIDGET (self), message);
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
  update_actions (self);
  cpt_client_save_async (self->worker, edited, NULL, on_identity_saved, save);
}

static void
save_identity_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  save_identity (CPT_CLIENT_PAGE (widget), FALSE);
}

static void
revert_identity_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CptClientPage *self = CPT_CLIENT_PAGE (widget);

  if (self->identity != NULL && self->client != NULL)
    cpt_client_identity_load (self->identity, self->client);
}

/* ---------------------------------------------------------------- writes */

/* A write the page asked of the worker (issue 12: none on the main loop). The page is held
 * until it is back and its actions that write wait for it; once the page is left, its
 * window says how it went. The page shows the outcome when the commit is announced. */
typedef struct
{
  CptClientPage *page;
  CptWorker     *worker;      /* the page's, which it lets go of when disposed */
  GWeakRef       window;
  char          *name;        /* the client's, as the page showed it */
  gint64         id;          /* the deposit detached */
  gint64         invoice_id;  /* the invoice it was deducted on */
  gboolean       archived;    /* what archiving made the client */
  char          *text;        /* the memo added */
} Write;

static Write *
write_begin (CptClientPage *self)
{
  Write *write = g_new0 (Write, 1);

  write->page = g_object_ref (self);
  write->worker = g_object_ref (self->worker);
  g_weak_ref_init (&write->window, gtk_widget_get_root (GTK_WIDGET (self)));
  write->name = g_strdup (self->client != NULL ? cpt_client_get_name (self->client) : NULL);
  self->writes++;
  update_actions (self);
  return write;
}

static void
write_free (Write *write)
{
  g_clear_object (&write->page);
  g_clear_object (&write->worker);
  g_weak_ref_clear (&write->window);
  g_free (write->name);
  g_free (write->text);
  g_free (write);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Write, write_free)

/* The write is back: the actions take input again. Returns where to say how it went: the
 * page while it is in a window, else the window it was in (NULL once that is closed, when
 * cpt_show_error () says it over the application's active window). */
static GtkWidget *
write_end (Write *write)
{
  CptClientPage *self = write->page;

  self->writes--;
  update_actions (self);
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    return g_object_ref (GTK_WIDGET (self));
  return g_weak_ref_get (&write->window);
}

/* Undo of a toast, which outlives the page: the window it shows in says if it failed. */
typedef struct
{
  CptWorker  *worker;
  GWeakRef    window;
  gint64      id;
  gint64      invoice_id;
  gboolean    archived;
} Undo;

static Undo *
undo_new (Write     *write,
          GtkWidget *say)
{
  Undo *undo = g_new0 (Undo, 1);
  GtkRoot *root = gtk_widget_get_root (say);

  undo->worker = g_object_ref (write->worker);
  g_weak_ref_init (&undo->window, root);
  return undo;
}

static void
undo_free (gpointer data)
{
  Undo *undo = data;

  g_clear_object (&undo->worker);
  g_weak_ref_clear (&undo->window);
  g_free (undo);
}

/* What an Undo's own write needs once it is back: the window to say it failed in. */
static GWeakRef *
undo_window (Undo *undo)
{
  g_autoptr(GObject) window = g_weak_ref_get (&undo->window);
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, window);
  return ref;
}

static void
undone (GWeakRef     *ref,
        const char   *heading,
        const GError *error)
{
  g_autoptr(GtkWidget) window = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  if (error != NULL)
    cpt_show_error (window, heading, error);
}

/* ---------------------------------------------------------------- deposits (the eKo tab) */

static void
on_deposit_reattached (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Meanwhile the deposit may have gone onto another invoice: say why it stays there. */
  cpt_document_write_finish (CPT_WORKER (source), result, &error);
  undone (user_data, _("Could not reattach the deposit"), error);
}

static void
undo_detach (gpointer data)
{
  Undo *undo = data;

  cpt_document_write_async (undo->worker, CPT_DOCUMENT_WRITE_ATTACH_DEPOSIT, undo->id,
                            undo->invoice_id, NULL, on_deposit_reattached, undo_window (undo));
}

/* The deposit of the tab's rows (those of the last snapshot) of that id, or NULL. */
static CptClientDeposit *
find_deposit (CptClientPage *self,
              gint64         deposit_id)
{
  for (guint i = 0; self->snapshot != NULL && self->snapshot->deposits != NULL &&
                    i < self->snapshot->deposits->len; i++)
    {
      CptClientDeposit *deposit = g_ptr_array_index (self->snapshot->deposits, i);

      if (deposit->id == deposit_id)
        return deposit;
    }
  return NULL;
}

static void
on_deposit_detached (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Write) write = user_data;
  g_autoptr(GError) error = NULL;
  gboolean detached = cpt_document_write_finish (CPT_WORKER (source), result, &error) != 0;
  g_autoptr(GtkWidget) say = write_end (write);
  Undo *undo;

  if (!detached)
    {
      cpt_show_error (say, _("Could not detach the deposit"), error);
      return;
    }
  if (say == NULL)
    return;
  undo = undo_new (write, say);
  undo->id = write->id;
  undo->invoice_id = write->invoice_id;
  cpt_toast_with_undo (say, _("Deposit detached: it can be used on another invoice"),
                       G_CALLBACK (undo_detach), undo, undo_free);
}

static void
detach_deposit_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CptClientPage *self = CPT_CLIENT_PAGE (widget);
  gint64 deposit_id = g_variant_get_int64 (parameter);
  CptClientDeposit *deposit = find_deposit (self, deposit_id);
  Write *write;

  /* Undo needs the invoice it was deducted on: only a deposit the tab shows is detached
   * (the snapshot may be replaced once the detach is announced). */
  if (deposit == NULL || deposit->invoice_id == 0)
    return;
  write = write_begin (self);
  write->id = deposit_id;
  write->invoice_id = deposit->invoice_id;
  cpt_document_write_async (self->worker, CPT_DOCUMENT_WRITE_DETACH_DEPOSIT, deposit_id, 0, NULL,
                            on_deposit_detached, write);
}

/* Why a deposit cannot be detached (cpt_lifecycle_actions), or NULL when it can. In the
 * worker, with the snapshot. */
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
use_deposit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  /* The deposit's own page offers its invoices. */
  gint64 id = g_variant_get_int64 (parameter);

  gtk_widget_activate_action (widget, "win.open-document", "x", id);
}

/* ---------------------------------------------------------------- memos */

static void
on_memo_added (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Write) write = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = cpt_client_add_memo_finish (CPT_WORKER (source), result, &error);
  g_autoptr(GtkWidget) say = write_end (write);

  if (id == 0)
    {
      /* The entry keeps the text, to try again. */
      cpt_show_error (say, _("Could not add the memo"), error);
      return;
    }
  /* The page reads itself again when the commit is announced. */
  if (write->page->memos != NULL)
    cpt_client_memos_clear_entry (write->page->memos, write->text);
}

static void
add_memo_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CptClientPage *self = CPT_CLIENT_PAGE (widget);
  const char *text = g_variant_get_string (parameter, NULL);
  const char *author = g_get_real_name ();
  Write *write;

  if (g_strcmp0 (author, "Unknown") == 0)
    author = g_get_user_name ();
  write = write_begin (self);
  write->text = g_strdup (text);
  cpt_client_add_memo_async (self->worker, self->id, author, text, NULL, on_memo_added, write);
}

/* ---------------------------------------------------------------- files */

/* No application for the file's type, or it failed to start: said over the page, or over
 * the window if the page went meanwhile. */
static void
on_file_opened (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GWeakRef *page = user_data;
  g_autoptr(GtkWidget) self = g_weak_ref_get (page);
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (page);
  g_free (page);
  if (!gtk_file_launcher_launch_finish (GTK_FILE_LAUNCHER (source), result, &error))
    cpt_show_error (self, _("Could not open the file"), error);
}

/* A file to open: the database holds it, a copy in a private folder is what opens. */
typedef struct
{
  CptClientPage *page;    /* while its data is read */
  GBytes        *data;
  char          *name;
  char          *path;    /* the copy's, once written */
} FileCopy;

static void
file_copy_free (FileCopy *copy)
{
  g_clear_object (&copy->page);
  g_clear_pointer (&copy->data, g_bytes_unref);
  g_free (copy->name);
  g_free (copy->path);
  g_free (copy);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FileCopy, file_copy_free)

/* In a thread: the disk is not touched on the main loop either. */
static void
write_copy (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  FileCopy *copy = task_data;
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "comptoir", "files", NULL);
  g_autofree char *path = g_build_filename (dir, copy->name, NULL);
  GError *error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                               _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return;
    }
  if (!g_file_set_contents (path, g_bytes_get_data (copy->data, NULL), g_bytes_get_size (copy->data), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  copy->path = g_steal_pointer (&path);
  g_task_return_boolean (task, TRUE);
}

static void
on_copy_written (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CptClientPage *self = CPT_CLIENT_PAGE (source);
  FileCopy *copy = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GtkFileLauncher) launcher = NULL;
  GWeakRef *page;
  GtkRoot *root;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !self->disposed)
        cpt_show_error (GTK_WIDGET (self), _("Could not open the file"), error);
      return;
    }
  if (self->disposed)
    return;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  file = g_file_new_for_path (copy->path);
  launcher = gtk_file_launcher_new (file);
  page = g_new0 (GWeakRef, 1);
  g_weak_ref_init (page, self);
  gtk_file_launcher_launch (launcher, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, on_file_opened, page);
}

static void
on_file_data (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FileCopy) copy = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = cpt_client_get_file_data_finish (CPT_WORKER (source), result, &error);
  g_autoptr(GTask) task = NULL;
  CptClientPage *self = copy->page;

  /* Disposing the page cancels its reads: not cancelled, it is still there. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (data == NULL)
    {
      cpt_show_error (GTK_WIDGET (self), _("Could not open the file"), error);
      return;
    }
  copy->data = g_steal_pointer (&data);
  task = g_task_new (self, self->cancellable, on_copy_written, NULL);
  g_task_set_source_tag (task, on_file_data);
  g_task_set_task_data (task, g_steal_pointer (&copy), (GDestroyNotify) file_copy_free);
  cpt_task_run_in_thread_held (task, write_copy);
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CptClientPage *self = CPT_CLIENT_PAGE (widget);
  gint64 file_id = g_variant_get_int64 (parameter);
  const char *name = NULL;
  FileCopy *copy;

  /* Its name is the one the tab shows (the last snapshot's). */
  for (guint i = 0; self->snapshot != NULL && self->snapshot->files != NULL &&
                    i < self->snapshot->files->len && name == NULL; i++)
    {
      CptClientFile *shown = g_ptr_array_index (self->snapshot->files, i);

      if (shown->id == file_id)
        name = shown->name;
    }
  if (name == NULL)
    return;
  copy = g_new0 (FileCopy, 1);
  copy->page = g_object_ref (self);
  copy->name = g_strdup (name);
  cpt_client_get_file_data_async (self->worker, file_id, self->cancellable, on_file_data, copy);
}

static void
on_file_removed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Write) write = user_data;
  g_autoptr(GError) error = NULL;
  gboolean removed = cpt_client_remove_file_finish (CPT_WORKER (source), result, &error);
  g_autoptr(GtkWidget) say = write_end (write);

  if (!removed)
    cpt_show_error (say, _("Could not remove the file"), error);
  else if (say != NULL)
    cpt_toast (say, _("File removed"));
}

static void
remove_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CptClientPage *self = CPT_CLIENT_PAGE (widget);

  cpt_client_remove_file_async (self->worker, g_variant_get_int64 (parameter), NULL, on_file_removed,
                                write_begin (self));
}

static void
on_file_added (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Write) write = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = cpt_client_add_file_finish (CPT_WORKER (source), result, &error);
  g_autoptr(GtkWidget) say = write_end (write);

  /* Added, it shows once the commit is announced. */
  if (id == 0)
    cpt_show_error (say, _("Could not add the file"), error);
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
  if (path == NULL)
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only local files can be added"));
      cpt_show_error (GTK_WIDGET (self), _("Could not add the file"), error);
      return;
    }
  if (self->disposed)
    return;
  /* Read from the disk in the worker too: up to CPT_CLIENT_FILE_MAX_SIZE. */
  cpt_client_add_file_async (self->worker, self->id, path, NULL, on_file_added, write_begin (self));
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

static void
on_archive_undone (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  cpt_client_set_archived_finish (CPT_WORKER (source), result, &error);
  undone (user_data, _("Could not undo"), error);
}

static void
archive_undo (gpointer data)
{
  Undo *undo = data;

  cpt_client_set_archived_async (undo->worker, undo->id, !undo->archived, NULL, on_archive_undone,
                                 undo_window (undo));
}

static void
on_archived (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Write) write = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done = cpt_client_set_archived_finish (CPT_WORKER (source), result, &error);
  g_autoptr(GtkWidget) say = write_end (write);
  g_autofree char *message = NULL;
  Undo *undo;

  if (!done)
    {
      cpt_show_error (say, write->archived ? _("Could not archive the client") : _("Could not restore the client"),
                      error);
      return;
    }
  if (say == NULL)
    return;
  undo = undo_new (write, say);
  undo->id = write->page->id;
  undo->archived = write->archived;
  message = g_strdup_printf (write->archived ? _("“%s” archived") : _("“%s” restored"), write->name);
  /* The banner and the actions follow once the commit is announced. */
  cpt_toast_with_undo (say, message, G_CALLBACK (archive_undo), undo, undo_free);
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CptClientPage *self = CPT_CLIENT_PAGE (widget);
  Write *write;

  if (self->client == NULL)
    return;
  write = write_begin (self);
  write->archived = !cpt_client_get_archived (self->client);
  cpt_client_set_archived_async (self->worker, self->id, write->archived, NULL, on_archived, write);
}

static void
on_deleted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Write) write = user_data;
  CptClientPage *self = write->page;
  g_autoptr(GError) error = NULL;
  gboolean deleted = cpt_client_delete_finish (CPT_WORKER (source), result, &error);
  g_autoptr(GtkWidget) say = NULL;
  GtkWidget *view;

  if (!deleted)
    {
      /* Still there (it may have got a document meanwhile): the page reads it again. */
      self->deleting = FALSE;
      say = write_end (write);
      cpt_show_error (say, _("Could not delete the client"), error);
      if (!self->disposed)
        reload (self);
      return;
    }
  say = write_end (write);
  /* Gone: the page goes too, if it is still the one shown. */
  view = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_NAVIGATION_VIEW);
  if (view != NULL &&
      adw_navigation_view_get_visible_page (ADW_NAVIGATION_VIEW (view)) == ADW_NAVIGATION_PAGE (self))
    adw_navigation_view_pop (ADW_NAVIGATION_VIEW (view));
}

static void
on_delete_response (AdwAlertDialog *dialog,
                    const char     *response,
                    CptClientPage  *self)
{
  if (g_strcmp0 (response, "delete") != 0 || self->writes > 0 || self->deleting)
    return;
  /* Not read again meanwhile: the read would say the client is not found. */
  self->deleting = TRUE;
  cpt_client_delete_async (self->worker, self->id, NULL, on_deleted, write_begin (self));
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

/* What the page's actions can do now: those that write wait for a write in flight, and
 * for the record to be read. */
static void
update_actions (CptClientPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean idle = self->writes == 0 && !self->deleting;
  const char *writing[] = { "client.detach-deposit", "client.add-memo", "client.add-file",
                            "client.remove-file" };

  if (self->disposed)
    return;
  gtk_widget_action_set_enabled (widget, "client.archive", idle && self->client != NULL);
  /* Once a client has documents it is archived, never deleted. */
  gtk_widget_action_set_enabled (widget, "client.delete",
                                 idle && self->snapshot != NULL && self->snapshot->n_documents == 0);
  for (guint i = 0; i < G_N_ELEMENTS (writing); i++)
    gtk_widget_action_set_enabled (widget, writing[i], idle);
  /* One save of the identity at a time: a second press would write it twice. */
  gtk_widget_action_set_enabled (widget, "client.save-identity", self->saving == 0 && !self->deleting);
}

/* ---------------------------------------------------------------- tabs */

static void
fill_identity (CptClientPage *self)
{
  /* What was typed and not saved stays. */
  if (self->identity != NULL && self->client != NULL && !cpt_client_form_get_modified (self->form))
    cpt_client_identity_load (self->identity, self->client);
}

static void
fill_deposits (CptClientPage *self)
{
  if (self->deposits != NULL && self->snapshot != NULL)
    cpt_client_deposits_show (self->deposits, self->snapshot->deposits, self->snapshot->detach_refusals);
}

static void
fill_memos (CptClientPage *self)
{
  if (self->memos != NULL && self->snapshot != NULL)
    {
      cpt_client_memos_show_memos (self->memos, self->snapshot->memos);
      cpt_client_memos_show_messages (self->memos, self->snapshot->messages, self->snapshot->messages_error);
    }
}

static void
fill_files (CptClientPage *self)
{
  if (self->files != NULL && self->snapshot != NULL)
    cpt_client_files_show (self->files, self->snapshot->files);
}

/* Makes the tab shown if it was not made yet, and gives it what the last snapshot holds
 * (a tab shown before the first snapshot gets it when it comes). */
static void
build_shown_tab (CptClientPage *self)
{
  const char *shown = adw_view_stack_get_visible_child_name (self->view_stack);

  if (shown == NULL || self->context == NULL)
    return;
  if (self->identity == NULL && g_str_equal (shown, "identity"))
    {
      self->identity = cpt_client_identity_new ();
      self->form = cpt_client_identity_get_form (self->identity);
      g_signal_connect_object (self->form, "changed", G_CALLBACK (on_form_changed), self, G_CONNECT_SWAPPED);
      adw_bin_set_child (self->identity_bin, GTK_WIDGET (self->identity));
      fill_identity (self);
    }
  else if (self->documents_list == NULL && g_str_equal (shown, "documents"))
    {
      self->documents_list = cpt_document_list_new ();
      cpt_document_list_set_column_visible (self->documents_list, "client", FALSE);
      cpt_document_list_set_column_visible (self->documents_list, "kind", TRUE);
      cpt_document_list_set_empty_state (self->documents_list, "cpt-invoice-symbolic", _("No Documents"),
                                         _("Quotes and invoices for this client show here."));
      cpt_document_list_set_context (self->documents_list, self->context);
      adw_bin_set_child (self->documents_bin, GTK_WIDGET (self->documents_list));
    }
  else if (self->deposits == NULL && g_str_equal (shown, "deposits"))
    {
      self->deposits = cpt_client_deposits_new ();
      adw_bin_set_child (self->deposits_bin, GTK_WIDGET (self->deposits));
      fill_deposits (self);
    }
  else if (self->payments == NULL && g_str_equal (shown, "payments"))
    {
      self->payments = cpt_client_payments_new ();
      self->payments_list = cpt_client_payments_get_list (self->payments);
      adw_bin_set_child (self->payments_bin, GTK_WIDGET (self->payments));
      /* It keeps itself up to date after that. */
      cpt_payment_list_set_client (self->payments_list, self->context, self->id);
    }
  else if (self->memos == NULL && g_str_equal (shown, "memos"))
    {
      self->memos = cpt_client_memos_new ();
      adw_bin_set_child (self->memos_bin, GTK_WIDGET (self->memos));
      fill_memos (self);
    }
  else if (self->files == NULL && g_str_equal (shown, "files"))
    {
      self->files = cpt_client_files_new ();
      adw_bin_set_child (self->files_bin, GTK_WIDGET (self->files));
      fill_files (self);
    }
}

/* Gives the documents tab its list, if shown and changed since it was last shown. */
static void
load_shown_list (CptClientPage *self)
{
  const char *shown = adw_view_stack_get_visible_child_name (self->view_stack);

  if (self->documents_list != NULL && self->documents_stale && g_strcmp0 (shown, "documents") == 0)
    {
      CptDocumentQuery query = { 0 };

      self->documents_stale = FALSE;
      query.client_id = self->id;
      cpt_document_list_set_query (self->documents_list, &query);
    }
}

static void
on_tab_shown (CptClientPage *self)
{
  build_shown_tab (self);
  load_shown_list (self);
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

/* Takes `snapshot`. */
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

  load_overview (self, snapshot);
  if (snapshot->deposits == NULL)
    cpt_toast (GTK_WIDGET (self), snapshot->deposits_error);
  g_clear_pointer (&self->snapshot, snapshot_free);
  self->snapshot = snapshot;
  update_actions (self);
  fill_identity (self);
  fill_deposits (self);
  fill_memos (self);
  fill_files (self);
  if (self->payments_list != NULL)
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
  show_snapshot (self, g_steal_pointer (&snapshot));
}

static void
reload (CptClientPage *self)
{
  gint64 *id;

  /* Deleted, or about to be: there is nothing to read. */
  if (self->deleting || self->disposed)
    return;
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();
  id = g_new (gint64, 1);
  *id = self->id;
  cpt_worker_run_async (self->worker, read_snapshot, id, g_free, (GDestroyNotify) snapshot_free,
                        self->loading, on_snapshot_read, g_object_ref (self));
}

/* Leaving the record (back, another section, a document opened from it) keeps the identity
 * typed without Save; what cannot be kept is said, not dropped in silence. */
static void
cpt_client_page_hiding (AdwNavigationPage *page)
{
  CptClientPage *self = CPT_CLIENT_PAGE (page);

  /* A client deleted keeps nothing. */
  if (self->client != NULL && self->form != NULL && !self->deleting &&
      cpt_client_form_get_modified (self->form))
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
  /* Its reads too; its writes go on, and say how they went in the window. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->disposed = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_CLIENT_PAGE);
  /* The tabs go with their stack pages; a save ending later finds no identity to show in. */
  self->identity = NULL;
  self->form = NULL;
  self->documents_list = NULL;
  self->deposits = NULL;
  self->payments = NULL;
  self->payments_list = NULL;
  self->memos = NULL;
  self->files = NULL;
  g_clear_pointer (&self->snapshot, snapshot_free);
  g_clear_pointer (&self->contact_rows, g_ptr_array_unref);
  g_clear_object (&self->client);
  g_clear_object (&self->worker);
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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-client-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, archived_banner);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, narrow);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, switcher);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, figures_box);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, contact_group);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, identity_bin);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, documents_bin);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, deposits_bin);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, payments_bin);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, memos_bin);
  gtk_widget_class_bind_template_child (widget_class, CptClientPage, files_bin);

  gtk_widget_class_install_action (widget_class, "client.new-document", "s", new_document_action);
  gtk_widget_class_install_action (widget_class, "client.record-payment", NULL, record_payment_action);
  gtk_widget_class_install_action (widget_class, "client.refund-credit", NULL, refund_credit_action);
  gtk_widget_class_install_action (widget_class, "client.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "client.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "client.add-file", NULL, add_file_action);
  gtk_widget_class_install_action (widget_class, "client.use-deposit", "x", use_deposit_action);
  /* What the tabs' buttons do. */
  gtk_widget_class_install_action (widget_class, "client.save-identity", NULL, save_identity_action);
  gtk_widget_class_install_action (widget_class, "client.revert-identity", NULL, revert_identity_action);
  gtk_widget_class_install_action (widget_class, "client.detach-deposit", "x", detach_deposit_action);
  gtk_widget_class_install_action (widget_class, "client.add-memo", "s", add_memo_action);
  gtk_widget_class_install_action (widget_class, "client.open-file", "x", open_file_action);
  gtk_widget_class_install_action (widget_class, "client.remove-file", "x", remove_file_action);
}

static void
cpt_client_page_init (CptClientPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->contact_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  /* Nothing to write to before the record is read. */
  update_actions (self);
  /* One switcher at a time has the stack, hence its buttons: 7 of them make 120 widgets. */
  {
    g_auto(GValue) stack = G_VALUE_INIT;
    g_auto(GValue) none = G_VALUE_INIT;

    g_value_init (&stack, ADW_TYPE_VIEW_STACK);
    g_value_set_object (&stack, self->view_stack);
    g_value_init (&none, ADW_TYPE_VIEW_STACK);
    adw_breakpoint_add_setter (self->narrow, G_OBJECT (self->switcher_bar), "stack", &stack);
    adw_breakpoint_add_setter (self->narrow, G_OBJECT (self->switcher), "stack", &none);
  }
  g_signal_connect_object (self->view_stack, "notify::visible-child-name", G_CALLBACK (on_tab_shown),
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
  self->worker = g_object_ref (cpt_context_get_worker (context));
  self->id = id;
  /* Its figures, documents, deposits and payments: any change may show here. */
  cpt_list_page_reload_on_change (GTK_WIDGET (self), context, CPT_CHANGE_ALL, (CptListPageReloadFunc) reload);
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

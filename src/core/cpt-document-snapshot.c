/* cpt-document-snapshot.c: see cpt-document-snapshot.h. */
#define G_LOG_DOMAIN "cpt-document-snapshot"

#include <glib/gi18n-lib.h>

#include "cpt-company.h"
#include "cpt-document-extras.h"
#include "cpt-document-line.h"
#include "cpt-document-query.h"
#include "cpt-document-snapshot.h"
#include "cpt-documents.h"

struct _CptDocumentSnapshot
{
  GObject             parent_instance;

  CptDocument        *document;
  GPtrArray          *lines;
  GPtrArray          *actions;
  gboolean            has_balance;
  CptDocumentBalance  balance;
  GPtrArray          *payments;
  GPtrArray          *deposits;
  GPtrArray          *attachable;
  GPtrArray          *draft_invoices;
  gboolean            balance_possible;
  GPtrArray          *related;
  GPtrArray          *history;
  gboolean            vat_exempt;
  GPtrArray          *problems;
};

G_DEFINE_FINAL_TYPE (CptDocumentSnapshot, cpt_document_snapshot, G_TYPE_OBJECT)

static void
cpt_document_snapshot_finalize (GObject *object)
{
  CptDocumentSnapshot *self = CPT_DOCUMENT_SNAPSHOT (object);

  g_clear_object (&self->document);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->actions, g_ptr_array_unref);
  g_clear_pointer (&self->payments, g_ptr_array_unref);
  g_clear_pointer (&self->deposits, g_ptr_array_unref);
  g_clear_pointer (&self->attachable, g_ptr_array_unref);
  g_clear_pointer (&self->draft_invoices, g_ptr_array_unref);
  g_clear_pointer (&self->related, g_ptr_array_unref);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (cpt_document_snapshot_parent_class)->finalize (object);
}

static void
cpt_document_snapshot_class_init (CptDocumentSnapshotClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cpt_document_snapshot_finalize;
}

static void
cpt_document_snapshot_init (CptDocumentSnapshot *self)
{
  self->problems = g_ptr_array_new_with_free_func (g_free);
}

/* A part that could not be read: the page shows the rest and says why that part is missing
 * (an empty group would say there is nothing). */
static void
add_problem (CptDocumentSnapshot *self,
             GError              *error)
{
  g_ptr_array_add (self->problems, g_strdup (error != NULL ? error->message : _("Could not read the document")));
}

static gboolean
is_kind (CptDocumentSnapshot *self,
         CptDocumentKind      kind)
{
  return cpt_document_get_document_kind (self->document) == kind;
}

/* The deposit invoices the lines deduct, once each (a deposit has a line per VAT rate). */
static void
load_deposits (CptDocumentSnapshot *self,
               CptDatabase         *db)
{
  self->deposits = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->lines->len; i++)
    {
      gint64 deposit_id = cpt_document_line_get_deposit_id (g_ptr_array_index (self->lines, i));
      g_autoptr(GError) error = NULL;
      CptDocument *deposit;
      gboolean seen = FALSE;

      if (deposit_id == 0)
        continue;
      for (guint j = 0; j < self->deposits->len && !seen; j++)
        seen = cpt_document_get_id (g_ptr_array_index (self->deposits, j)) == deposit_id;
      if (seen)
        continue;
      deposit = cpt_documents_load (db, deposit_id, &error);
      if (deposit == NULL)
        add_problem (self, error);
      else
        g_ptr_array_add (self->deposits, deposit);
    }
}

static void
load_attachable_deposits (CptDocumentSnapshot *self,
                          CptDatabase         *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) deposits = cpt_payments_client_deposits (db, cpt_document_get_client_id (self->document),
                                                                &error);

  self->attachable = g_ptr_array_new_with_free_func ((GDestroyNotify) cpt_client_deposit_free);
  if (deposits == NULL)
    {
      add_problem (self, error);
      return;
    }
  for (guint i = 0; i < deposits->len; i++)
    {
      CptClientDeposit *deposit = g_ptr_array_index (deposits, i);

      if (deposit->invoice_id != 0 || deposit->number == NULL ||
          g_strcmp0 (deposit->state, "credited") == 0 || g_strcmp0 (deposit->state, "draft") == 0)
        continue;
      g_ptr_array_add (self->attachable, g_ptr_array_steal_index (deposits, i));
      i--;
    }
}

/* What "Use on an Invoice…" offers a deposit: the client's draft invoices, or making the
 * quote's balance invoice (or a new draft) when there is none. */
static void
load_uses_of_deposit (CptDocumentSnapshot *self,
                      CptDatabase         *db)
{
  static const char *const invoices[] = { "invoice", NULL };
  static const char *const drafts[] = { "draft", NULL };
  CptDocumentQuery query = { 0 };
  g_autoptr(CptPagedList) list = NULL;
  gint64 quote_id = cpt_document_get_quote_id (self->document);
  guint n;

  query.kinds = invoices;
  query.states = drafts;
  query.client_id = cpt_document_get_client_id (self->document);
  list = cpt_document_query_list (db, &query);
  n = MIN (g_list_model_get_n_items (G_LIST_MODEL (list)), 50);
  self->draft_invoices = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CptDocumentRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_ptr_array_add (self->draft_invoices, g_object_ref (cpt_document_row_get_document (row)));
    }
  if (quote_id != 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) actions = cpt_lifecycle_actions (db, quote_id, &error);

      if (actions == NULL)
        add_problem (self, error);
      for (guint i = 0; actions != NULL && i < actions->len; i++)
        {
          CptAction *action = g_ptr_array_index (actions, i);

          if (g_strcmp0 (action->name, "invoice_balance") == 0)
            self->balance_possible = action->allowed;
        }
    }
}

static void
load_parts (CptDocumentSnapshot *self,
            CptDatabase         *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptCompany) company = NULL;
  gboolean receivable = (is_kind (self, CPT_DOCUMENT_KIND_INVOICE) || is_kind (self, CPT_DOCUMENT_KIND_DEPOSIT)) &&
                        !cpt_document_is_draft (self->document);

  self->actions = cpt_lifecycle_actions (db, cpt_document_get_id (self->document), &error);
  if (self->actions == NULL)
    {
      /* With no actions, the page offers nothing and edits nothing: said, not hidden. */
      add_problem (self, error);
      self->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) cpt_action_free);
    }
  g_clear_error (&error);

  if (receivable)
    {
      self->has_balance = cpt_payments_document_balance (db, cpt_document_get_id (self->document),
                                                         &self->balance, &error);
      if (!self->has_balance)
        add_problem (self, error);
      g_clear_error (&error);
      self->payments = cpt_payments_of_document (db, cpt_document_get_id (self->document), &error);
      if (self->payments == NULL)
        add_problem (self, error);
      g_clear_error (&error);
    }

  if (is_kind (self, CPT_DOCUMENT_KIND_INVOICE))
    {
      load_deposits (self, db);
      if (cpt_document_snapshot_allows (self, "edit"))
        load_attachable_deposits (self, db);
    }

  if (is_kind (self, CPT_DOCUMENT_KIND_DEPOSIT) && cpt_document_snapshot_allows (self, "attach"))
    load_uses_of_deposit (self, db);

  self->related = cpt_documents_related (db, cpt_document_get_id (self->document), &error);
  if (self->related == NULL)
    add_problem (self, error);
  g_clear_error (&error);
  self->history = cpt_documents_history (db, cpt_document_get_id (self->document), &error);
  if (self->history == NULL)
    add_problem (self, error);
  g_clear_error (&error);

  /* A business exempt from VAT (franchise en base) writes its lines at 0 %. */
  company = cpt_company_load (db, NULL);
  if (company != NULL)
    g_object_get (company, "vat-exempt", &self->vat_exempt, NULL);
}

CptDocumentSnapshot *
cpt_document_snapshot_load (CptDatabase  *db,
                            gint64        id,
                            GError      **error)
{
  g_autoptr(CptDocumentSnapshot) self = NULL;

  g_return_val_if_fail (CPT_IS_DATABASE (db), NULL);

  /* One moment of the file: a write by another connection between two reads would show
   * figures that never stood together (paid from after a payment, lines from before). */
  if (!cpt_database_begin_read (db, error))
    return NULL;
  self = g_object_new (CPT_TYPE_DOCUMENT_SNAPSHOT, NULL);
  self->document = cpt_documents_load (db, id, error);
  if (self->document != NULL)
    self->lines = cpt_documents_load_lines (db, id, error);
  if (self->document == NULL || self->lines == NULL)
    {
      cpt_database_rollback (db);
      return NULL;
    }
  load_parts (self, db);
  cpt_database_rollback (db);
  return g_steal_pointer (&self);
}

static gpointer
load_in_thread (CptDatabase   *db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return cpt_document_snapshot_load (db, *(gint64 *) data, error);
}

void
cpt_document_snapshot_load_async (CptWorker           *worker,
                                  gint64               id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (CPT_IS_WORKER (worker));

  cpt_worker_run_async (worker, load_in_thread, g_memdup2 (&id, sizeof id), g_free, g_object_unref,
                        cancellable, callback, user_data);
}

CptDocumentSnapshot *
cpt_document_snapshot_load_finish (CptWorker     *worker,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return cpt_worker_run_finish (worker, result, error);
}

CptDocument *
cpt_document_snapshot_get_document (CptDocumentSnapshot *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_SNAPSHOT (self), NULL);
  return self->document;
}

gint64
cpt_document_snapshot_get_id (CptDocumentSnapshot *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_SNAPSHOT (self), 0);
  return cpt_document_get_id (self->document);
}

CptDocumentKind
cpt_document_snapshot_get_kind (CptDocumentSnapshot *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_SNAPSHOT (self), CPT_DOCUMENT_KIND_INVOICE);
  return cpt_document_get_document_kind (self->document);
}

GPtrArray *
cpt_document_snapshot_get_lines (CptDocumentSnapshot *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_SNAPSHOT (self), NULL);
  return self->lines;
}

GPtrArray *
cpt_document_snapshot_get_actions (CptDocumentSnapshot *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_SNAPSHOT (self), NULL);
  return self->actions;
}

const CptAction *
cpt_document_snapshot_find_action (CptDocumentSnapshot *self,
                                   const char          *name)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_SNAPSHOT (self), NULL);

  for (guint i = 0; self->actions != NULL && i < self->actions->len; i++)
    {
      const CptAction *action = g_ptr_array_index (self->actions, i);

      if (g_strcmp0 (action->name, name) == 0)
        return action;
    }
  return NULL;
}

gboolean
cpt_document_snapshot_allows (CptDocumentSnapshot *self,
                              const char          *name)
{
  const CptAction *action = cpt_document_snapshot_find_action (self, name);

  return action != NULL && action->allowed;
}

gboolean
cpt_document_snapshot_get_balance (CptDocumentSnapshot *self,
                                   CptDocumentBalance  *out)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_SNAPSHOT (self), FALSE);

  if (out != NULL)
    *out = self->balance;
  return self->has_balance;
}

GPtrArray *
cpt_document_snapshot_get_payments (CptDocumentSnapshot *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_SNAPSHOT (self), NULL);
  return self->payments;
}

GPtrArray *
cpt_document_snapshot_get_deposits (CptDocumentSnapshot *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_SNAPSHOT (self), NULL);
  return self->deposits;
}

GPtrArray *
cpt_document_snapshot_get_attachable_deposits (CptDocumentSnapshot *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_SNAPSHOT (self), NULL);
  return self->attachable;
}

GPtrArray *
cpt_document_snapshot_get_draft_invoices (CptDocumentSnapshot *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_SNAPSHOT (self), NULL);
  return self->draft_invoices;
}

gboolean
cpt_document_snapshot_get_balance_possible (CptDocumentSnapshot *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_SNAPSHOT (self), FALSE);
  return self->balance_possible;
}

GPtrArray *
cpt_document_snapshot_get_related (CptDocumentSnapshot *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_SNAPSHOT (self), NULL);
  return self->related;
}

GPtrArray *
cpt_document_snapshot_get_history (CptDocumentSnapshot *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_SNAPSHOT (self), NULL);
  return self->history;
}

gboolean
cpt_document_snapshot_get_vat_exempt (CptDocumentSnapshot *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_SNAPSHOT (self), FALSE);
  return self->vat_exempt;
}

GPtrArray *
cpt_document_snapshot_get_problems (CptDocumentSnapshot *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_SNAPSHOT (self), NULL);
  return self->problems;
}

/* cpt-document-page-related.c: the page's writes for its deposits part (CptDocumentDeposits):
 * deducting a deposit invoice from the invoice shown, and detaching one (with Undo). */
#define G_LOG_DOMAIN "cpt-document-page"

#include <glib/gi18n.h>

#include "cpt-document-page-private.h"
#include "cpt-gui-utils.h"
#include "cpt-document-writes.h"

typedef struct
{
  CptWorker   *worker;
  gint64       deposit_id;
  gint64       invoice_id;
  GWeakRef     page;
} DepositUndo;

static void
deposit_undo_free (gpointer data)
{
  DepositUndo *undo = data;

  g_clear_object (&undo->worker);
  g_weak_ref_clear (&undo->page);
  g_free (undo);
}

static void
on_reattached (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(CptDocumentPage) self = g_weak_ref_get (data);
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (data);
  g_free (data);
  /* Meanwhile the deposit may have gone onto another invoice: say why it stays there. */
  if (cpt_document_write_finish (CPT_WORKER (source), result, &error) == 0)
    {
      cpt_show_error (self != NULL ? GTK_WIDGET (self) : NULL, _("Could not reattach the deposit"), error);
    }
  if (self != NULL)
    cpt_document_page_reload (self);
}

static void
undo_detach (gpointer data)
{
  DepositUndo *undo = data;
  g_autoptr(CptDocumentPage) self = g_weak_ref_get (&undo->page);
  GWeakRef *page = g_new0 (GWeakRef, 1);

  g_weak_ref_init (page, self);
  cpt_document_write_async (undo->worker, CPT_DOCUMENT_WRITE_ATTACH_DEPOSIT, undo->deposit_id,
                            undo->invoice_id, NULL, on_reattached, page);
}

/* The number of a deposit the page shows as deducted. */
static const char *
deducted_number (CptDocumentPage *self,
                 gint64           deposit_id)
{
  GPtrArray *deposits = self->snapshot != NULL ? cpt_document_snapshot_get_deposits (self->snapshot) : NULL;

  for (guint i = 0; deposits != NULL && i < deposits->len; i++)
    if (cpt_document_get_id (g_ptr_array_index (deposits, i)) == deposit_id)
      return cpt_document_get_number (g_ptr_array_index (deposits, i));
  return NULL;
}

static void
on_detached (CptDocumentPage *self,
             gint64           made,
             gpointer         data)
{
  DepositUndo *detached = data;
  DepositUndo *undo = g_new0 (DepositUndo, 1);
  g_autofree char *number = g_strdup (deducted_number (self, detached->deposit_id));
  g_autofree char *message = g_strdup_printf (_("Deposit %s detached: it can be used on another invoice"),
                                              number ? number : "");

  undo->worker = g_object_ref (self->worker);
  undo->deposit_id = detached->deposit_id;
  undo->invoice_id = detached->invoice_id;
  g_weak_ref_init (&undo->page, self);
  cpt_document_page_reload (self);
  cpt_toast_with_undo (GTK_WIDGET (self), message, G_CALLBACK (undo_detach), undo, deposit_undo_free);
}

static void
detach_deposit_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);
  DepositUndo *undo = g_new0 (DepositUndo, 1);

  undo->deposit_id = g_variant_get_int64 (parameter);
  undo->invoice_id = self->id;
  g_weak_ref_init (&undo->page, self);
  cpt_document_page_write (self, CPT_DOCUMENT_WRITE_DETACH_DEPOSIT, undo->deposit_id, 0,
                           _("Could not detach the deposit"), NULL, on_detached, undo, deposit_undo_free);
}

static void
attach_deposit_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);

  cpt_document_page_write (self, CPT_DOCUMENT_WRITE_ATTACH_DEPOSIT, g_variant_get_int64 (parameter), self->id,
                           _("Could not deduct the deposit"), NULL, NULL, NULL, NULL);
}

void
cpt_document_page_class_init_related (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "document.attach-deposit", "x", attach_deposit_action);
  gtk_widget_class_install_action (widget_class, "document.detach-deposit", "x", detach_deposit_action);
}

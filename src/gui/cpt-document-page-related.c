/* cpt-document-page-related.c: the page's writes for its deposits part (CptDocumentDeposits):
 * deducting a deposit invoice from the invoice shown, and detaching one (with Undo). */
#define G_LOG_DOMAIN "cpt-document-page"

#include <glib/gi18n.h>

#include "cpt-document-page-internal.h"
#include "cpt-gui-utils.h"
#include "cpt-lifecycle.h"

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
detach_deposit_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);
  gint64 deposit_id = g_variant_get_int64 (parameter);
  g_autofree char *number = g_strdup (deducted_number (self, deposit_id));
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
  message = g_strdup_printf (_("Deposit %s detached: it can be used on another invoice"), number ? number : "");
  cpt_document_page_reload (self);
  cpt_toast_with_undo (GTK_WIDGET (self), message, G_CALLBACK (undo_detach), undo, deposit_undo_free);
}

static void
attach_deposit_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);
  g_autoptr(GError) error = NULL;

  cpt_document_page_flush_lines (self);
  if (!cpt_lifecycle_attach_deposit (self->db, g_variant_get_int64 (parameter), self->id, &error))
    {
      cpt_document_page_show_error (self, _("Could not deduct the deposit"), error);
      return;
    }
  cpt_document_page_reload (self);
}

void
cpt_document_page_class_init_related (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "document.attach-deposit", "x", attach_deposit_action);
  gtk_widget_class_install_action (widget_class, "document.detach-deposit", "x", detach_deposit_action);
}

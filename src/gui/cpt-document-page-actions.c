/* cpt-document-page-actions.c: the actions of a document in CptDocumentPage (validate, send,
 * accept, invoice, duplicate, delete, credit, mark as paid, print, save as PDF...); the
 * actions part (cpt-document-actions.c) offers them. */
#define G_LOG_DOMAIN "cpt-document-page"

#include <glib/gi18n.h>

#include "cpt-application.h"
#include "cpt-dates.h"
#include "cpt-document-extras.h"
#include "cpt-document-writes.h"
#include "cpt-document-page-private.h"
#include "cpt-error.h"
#include "cpt-send-dialog.h"
#include "cpt-document-query.h"
#include "cpt-gui-utils.h"
#include "cpt-lifecycle.h"
#include "cpt-lifecycle-async.h"
#include "cpt-money.h"
#include "cpt-payments.h"
#include "cpt-quantities-dialog.h"
#include "cpt-quote-invoice-dialog.h"
#include "cpt-series-async.h"

/* ---------------------------------------------------------------- actions of the document */

/* What the document allows is shown by the actions part (cpt-document-actions.c) and
 * enables the page's document.* actions, so that the shortcuts follow the menu. */
void
cpt_document_page_rebuild_actions (CptDocumentPage *self)
{
  cpt_document_actions_set_document (self->actions, self->snapshot);
  cpt_document_actions_enable_on (self->actions, GTK_WIDGET (self));
}

static void
open_document (CptDocumentPage *self,
               gint64           id,
               gboolean         replace)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_NAVIGATION_VIEW);

  /* The new document takes this one's place when this one is gone (deleted). */
  if (replace && view != NULL)
    adw_navigation_view_pop (ADW_NAVIGATION_VIEW (view));
  gtk_widget_activate_action (view ? view : GTK_WIDGET (self), "win.open-document", "x", id);
}

static void
after_lifecycle (CptDocumentPage *self,
                 const char      *message)
{
  cpt_document_page_reload (self);
  if (message != NULL)
    cpt_toast (GTK_WIDGET (self), message);
}

/* A lifecycle write runs in the worker: the page takes no input until it is back (the
 * document it shows is about to change). */
static void
begin_write (CptDocumentPage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

static void
end_write (CptDocumentPage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
}

typedef struct
{
  CptDocumentPage        *page;
  const char             *heading;   /* of the error, translated */
  const char             *message;   /* of the toast when there is no `then`, translated */
  CptDocumentPageWritten  then;
  gpointer                data;
  GDestroyNotify          data_free;
} PageWrite;

static void
on_page_written (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PageWrite *write = user_data;
  g_autoptr(CptDocumentPage) self = write->page;
  g_autoptr(GError) error = NULL;
  gint64 made = cpt_document_write_finish (CPT_WORKER (source), result, &error);

  end_write (self);
  if (made == 0)
    cpt_document_page_show_error (self, write->heading, error);
  else if (write->then != NULL)
    write->then (self, made, write->data);
  else
    after_lifecycle (self, write->message);
  if (write->data_free != NULL)
    write->data_free (write->data);
  g_free (write);
}

void
cpt_document_page_write (CptDocumentPage        *self,
                         CptDocumentWrite        what,
                         gint64                  id,
                         gint64                  other_id,
                         const char             *heading,
                         const char             *message,
                         CptDocumentPageWritten  then,
                         gpointer                data,
                         GDestroyNotify          data_free)
{
  PageWrite *write = g_new0 (PageWrite, 1);

  write->page = g_object_ref (self);
  write->heading = heading;
  write->message = message;
  write->then = then;
  write->data = data;
  write->data_free = data_free;
  /* What was typed is stored first: the write sees the document as shown. */
  cpt_document_page_flush_header (self);
  cpt_document_page_flush_lines (self);
  begin_write (self);
  cpt_document_write_async (self->worker, what, id, other_id, NULL, on_page_written, write);
}

static void
toast_validated (CptDocumentPage *self,
                 gpointer         data)
{
  g_autofree char *message = g_strdup_printf (_("Validated as %s"), cpt_document_get_number (self->document));

  cpt_toast (GTK_WIDGET (self), message);
}

static void
on_validated (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(CptDocumentPage) self = data;
  g_autoptr(GError) error = NULL;

  end_write (self);
  if (!cpt_lifecycle_validate_finish (CPT_WORKER (source), result, &error))
    {
      cpt_document_page_show_error (self, _("Could not validate the document"), error);
      return;
    }
  cpt_document_page_reload_then (self, toast_validated, NULL, NULL);
}

/* Validate: the confirmation says the number it will get, and that it is final. */
static void
on_validate_response (AdwAlertDialog  *dialog,
                      const char      *response,
                      CptDocumentPage *self)
{
  gboolean send = g_strcmp0 (response, "send") == 0;
  /* The dialog showed the date and, when it is long past, asked to confirm it. */
  CptValidateFlags flags = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "cpt-flags"));

  if (g_strcmp0 (response, "validate") != 0 && !send)
    return;
  begin_write (self);
  cpt_lifecycle_validate_async (self->worker, self->id, flags, send, NULL, on_validated,
                                g_object_ref (self));
}

/* The confirmation before validating, shown at once; the number the document will get is
 * read in the worker and said when it is back, the button to validate waiting for it. */
typedef struct
{
  CptDocumentPage *page;
  AdwAlertDialog  *dialog;
  GCancellable    *cancellable;   /* cancelled when the dialog closes */
  char            *date;          /* the document's, as shown */
  int              days_ago;      /* how long past the date is, when it is asked about; else -1 */
  const char      *response;      /* "validate" or "send" */
} Confirmation;

static void
confirmation_free (Confirmation *confirmation)
{
  g_clear_object (&confirmation->page);
  g_clear_object (&confirmation->dialog);
  g_clear_object (&confirmation->cancellable);
  g_free (confirmation->date);
  g_free (confirmation);
}

static char *
confirmation_body (Confirmation *confirmation,
                   const char   *number)
{
  CptDocumentPage *self = confirmation->page;

  if (confirmation->days_ago >= 0)
    return g_strdup_printf (_("It will be numbered %s and dated %s, %d days ago. Numbers follow "
                              "the order of dates: if this date is wrong, the document stays out "
                              "of order in its series for good, since it can no longer be "
                              "changed or deleted. Check the date before validating."),
                            number, confirmation->date, confirmation->days_ago);
  /* A quote is not corrected by a credit note: a new version is made instead. */
  return cpt_document_page_is_kind (self, CPT_DOCUMENT_KIND_QUOTE)
         ? g_strdup_printf (_("It will be numbered %s and dated %s. Once validated it can no longer "
                              "be changed or deleted: a new version is made by duplicating it."),
                            number, confirmation->date)
         : g_strdup_printf (_("It will be numbered %s and dated %s. Once validated it can no longer "
                              "be changed or deleted: corrections are made with a credit note."),
                            number, confirmation->date);
}

static void
on_confirmation_closed (AdwDialog    *dialog,
                        GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
on_next_number (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Confirmation *confirmation = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = cpt_series_preview_finish (CPT_WORKER (source), result, &error);
  g_autofree char *body = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      confirmation_free (confirmation);
      return;
    }
  if (number == NULL)
    {
      /* Validating without knowing the number would be confirming blind. */
      adw_dialog_force_close (ADW_DIALOG (confirmation->dialog));
      cpt_document_page_show_error (confirmation->page, _("Could not find the next number"), error);
      confirmation_free (confirmation);
      return;
    }
  body = confirmation_body (confirmation, number);
  adw_alert_dialog_set_body (confirmation->dialog, body);
  adw_alert_dialog_set_response_enabled (confirmation->dialog, confirmation->response, TRUE);
  confirmation_free (confirmation);
}

static void
confirm_validation (CptDocumentPage *self,
                    gboolean         and_send)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *heading = NULL;
  g_autoptr(GError) date_error = NULL;
  CptValidateFlags flags = CPT_VALIDATE_DEFAULT;
  GPtrArray *violations;
  AdwDialog *dialog;
  Confirmation *confirmation;
  gboolean saved_now;

  saved_now = cpt_document_page_flush_header (self);
  saved_now = cpt_document_page_flush_lines (self) || saved_now;
  /* A list checked before the page's last save does not know that save. */
  saved_now = saved_now || cpt_einvoice_checklist_get_checked_at (self->checklist) <= cpt_document_page_saved_at (self);
  if (g_list_model_get_n_items (cpt_lines_editor_get_lines (self->lines_editor)) == 0)
    {
      cpt_toast (GTK_WIDGET (self), _("Add at least one line before validating"));
      return;
    }
  /* What "Before it can be validated" lists, said at once rather than after asking to
   * confirm a number that would be refused. Only a list checked after the page's last
   * save says so: what was saved since, or is still being checked, is judged by validation
   * itself, which checks the rules and refuses the same way. */
  violations = cpt_einvoice_checklist_get_violations (self->checklist);
  if (!saved_now && violations != NULL && violations->len > 0 &&
      !cpt_einvoice_checklist_is_busy (self->checklist))
    {
      g_set_error_literal (&error, CPT_ERROR, CPT_ERROR_REFUSED,
                           _("The e-invoicing platforms would refuse it as it is. Put right what "
                             "“Before It Can Be Validated” lists, then validate."));
      cpt_document_page_show_error (self, _("Not Ready to Validate"), error);
      cpt_einvoice_checklist_focus_first (self->checklist);
      return;
    }
  /* A date after today is refused outright; a date long past is asked about below. */
  if (!cpt_lifecycle_check_date (self->document, cpt_document_get_date (self->document),
                                 CPT_VALIDATE_CONFIRM_OLD_DATE, &error))
    {
      cpt_document_page_show_error (self, _("Could not validate the document"), error);
      return;
    }
  confirmation = g_new0 (Confirmation, 1);
  confirmation->page = g_object_ref (self);
  confirmation->date = cpt_format_date (cpt_document_get_date (self->document));
  confirmation->days_ago = -1;
  confirmation->response = and_send ? "send" : "validate";
  if (!cpt_lifecycle_check_date (self->document, cpt_document_get_date (self->document),
                                 CPT_VALIDATE_DEFAULT, &date_error))
    {
      g_autofree char *today = cpt_date_today ();

      if (!g_error_matches (date_error, CPT_ERROR, CPT_ERROR_CONFIRM))
        {
          cpt_document_page_show_error (self, _("Could not validate the document"), date_error);
          confirmation_free (confirmation);
          return;
        }
      flags |= CPT_VALIDATE_CONFIRM_OLD_DATE;
      heading = g_strdup (_("Validate With an Old Date?"));
      confirmation->days_ago = cpt_date_days_between (cpt_document_get_date (self->document), today);
    }
  if (heading == NULL)
    heading = g_strdup (cpt_document_page_is_kind (self, CPT_DOCUMENT_KIND_QUOTE) ? _("Validate this quote?")
                      : cpt_document_page_is_kind (self, CPT_DOCUMENT_KIND_DEPOSIT) ? _("Validate this deposit invoice?")
                      : cpt_document_page_is_kind (self, CPT_DOCUMENT_KIND_CREDIT_NOTE) ? _("Validate this credit note?")
                      : _("Validate this invoice?"));
  /* "…" stands for the number until it is read. */
  body = confirmation_body (confirmation, "…");
  dialog = adw_alert_dialog_new (heading, body);
  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog), "cancel", _("_Cancel"),
                                  confirmation->response,
                                  (flags & CPT_VALIDATE_CONFIRM_OLD_DATE)
                                  ? (and_send ? _("_Validate With This Date and Mark as Sent")
                                              : _("_Validate With This Date"))
                                  : and_send ? _("_Validate and Mark as Sent") : _("_Validate"), NULL);
  adw_alert_dialog_set_response_enabled (ADW_ALERT_DIALOG (dialog), confirmation->response, FALSE);
  /* An old date is the unusual case: nothing invites to confirm it without reading. */
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), confirmation->response,
                                            (flags & CPT_VALIDATE_CONFIRM_OLD_DATE)
                                            ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog),
                                         (flags & CPT_VALIDATE_CONFIRM_OLD_DATE)
                                         ? "cancel" : confirmation->response);
  g_object_set_data (G_OBJECT (dialog), "cpt-flags", GUINT_TO_POINTER (flags));
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_validate_response), self, 0);
  confirmation->dialog = ADW_ALERT_DIALOG (g_object_ref (dialog));
  confirmation->cancellable = g_cancellable_new ();
  g_signal_connect_data (dialog, "closed", G_CALLBACK (on_confirmation_closed),
                         g_object_ref (confirmation->cancellable), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  adw_dialog_present (dialog, GTK_WIDGET (self));
  cpt_series_preview_async (self->worker, cpt_document_page_kind (self),
                            cpt_document_get_date (self->document), confirmation->cancellable,
                            on_next_number, confirmation);
}

static void
validate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  confirm_validation (CPT_DOCUMENT_PAGE (widget), FALSE);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);

  /* A draft quote is numbered when sent: that asks for the same confirmation. */
  if (cpt_document_page_is_kind (self, CPT_DOCUMENT_KIND_QUOTE) && cpt_document_is_draft (self->document))
    {
      confirm_validation (self, TRUE);
      return;
    }
  cpt_document_page_write (self, cpt_document_page_is_kind (self, CPT_DOCUMENT_KIND_QUOTE)
                                 ? CPT_DOCUMENT_WRITE_QUOTE_SEND : CPT_DOCUMENT_WRITE_MARK_SENT,
                           self->id, 0, _("Could not mark it as sent"), _("Marked as sent"),
                           NULL, NULL, NULL);
}

static void
on_quote_invoice_created (CptQuoteInvoiceDialog *dialog,
                          gint64                 invoice_id,
                          CptDocumentPage       *self)
{
  cpt_document_page_reload (self);
  open_document (self, invoice_id, FALSE);
}

static void
present_quote_invoice_dialog (CptDocumentPage *self)
{
  CptQuoteInvoiceDialog *dialog = cpt_quote_invoice_dialog_new (self->context, self->snapshot);

  g_signal_connect_object (dialog, "created", G_CALLBACK (on_quote_invoice_created), self, 0);
  adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (self));
}

/* Then, as in Factomos: a deposit or the whole? Asked of the quote as accepted. */
static void
ask_how_to_invoice (CptDocumentPage *self,
                    gpointer         data)
{
  present_quote_invoice_dialog (self);
}

static void
on_accepted (CptDocumentPage *self,
             gint64           made,
             gpointer         data)
{
  cpt_toast (GTK_WIDGET (self), _("Quote accepted"));
  cpt_document_page_reload_then (self, ask_how_to_invoice, NULL, NULL);
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);

  cpt_document_page_write (self, CPT_DOCUMENT_WRITE_QUOTE_ACCEPT, self->id, 0,
                           _("Could not accept the quote"), NULL, on_accepted, NULL, NULL);
}

static void
refuse_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);

  cpt_document_page_write (self, CPT_DOCUMENT_WRITE_QUOTE_REFUSE, self->id, 0,
                           _("Could not refuse the quote"), _("Quote marked as refused"), NULL, NULL, NULL);
}

static void
invoice_quote_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  present_quote_invoice_dialog (CPT_DOCUMENT_PAGE (widget));
}

static void
on_finalized (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(CptDocumentPage) self = data;
  g_autoptr(GError) error = NULL;
  gint64 invoice_id = cpt_lifecycle_finalize_finish (CPT_WORKER (source), result, &error);

  end_write (self);
  if (invoice_id == 0)
    {
      cpt_document_page_show_error (self, _("Could not produce the final invoice"), error);
      return;
    }
  after_lifecycle (self, _("Final invoice made as a draft: check it, then validate it"));
  open_document (self, invoice_id, FALSE);
}

static void
finalize_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);

  cpt_document_page_flush_header (self);
  cpt_document_page_flush_lines (self);
  begin_write (self);
  cpt_lifecycle_finalize_async (self->worker, self->id, NULL, on_finalized, g_object_ref (self));
}

static void
on_duplicated (CptDocumentPage *self,
               gint64           copy,
               gpointer         data)
{
  cpt_toast (GTK_WIDGET (self), _("Duplicated as a new draft"));
  open_document (self, copy, FALSE);
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);

  cpt_document_page_write (self, CPT_DOCUMENT_WRITE_DUPLICATE, self->id, 0,
                           _("Could not duplicate the document"), NULL, on_duplicated, NULL, NULL);
}

/* Deleting a draft: Undo makes it again from what it was (a new draft, same content). */
typedef struct
{
  CptWorker   *worker;
  CptDocument *header;   /* kind, client, dates, notes, payment terms... as they were */
  GPtrArray   *lines;
  GtkWidget   *toast_widget;  /* where the page's toasts go once it is gone */
  gboolean     with_undo;
} DeletedDraft;

static void
deleted_draft_free (gpointer data)
{
  DeletedDraft *draft = data;

  g_clear_object (&draft->worker);
  g_clear_object (&draft->header);
  g_clear_pointer (&draft->lines, g_ptr_array_unref);
  g_clear_object (&draft->toast_widget);
  g_free (draft);
}

static GtkWindow *
active_window (void)
{
  GApplication *app = g_application_get_default ();

  return CPT_IS_APPLICATION (app) ? gtk_application_get_active_window (GTK_APPLICATION (app)) : NULL;
}

static void
on_draft_recreated (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cpt_document_recreate_finish (CPT_WORKER (source), result, &error);
  GtkWindow *window = active_window ();

  if (id == 0)
    cpt_show_error (window != NULL ? GTK_WIDGET (window) : NULL, _("Could not restore the draft"), error);
  else if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.open-document", "x", id);
}

static void
undo_delete (gpointer data)
{
  DeletedDraft *draft = data;

  cpt_document_recreate_async (draft->worker, draft->header, draft->lines, NULL,
                               on_draft_recreated, NULL);
}

static void
on_deleted (CptDocumentPage *self,
            gint64           made,
            gpointer         data)
{
  DeletedDraft *draft = data;
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_NAVIGATION_VIEW);
  g_autofree char *message = g_strdup_printf (_("%s deleted"), adw_window_title_get_title (self->window_title));
  DeletedDraft *undo;

  if (view != NULL)
    adw_navigation_view_pop (ADW_NAVIGATION_VIEW (view));
  if (!draft->with_undo)
    {
      cpt_toast (draft->toast_widget, message);
      return;
    }
  undo = g_new0 (DeletedDraft, 1);
  undo->worker = g_object_ref (self->worker);
  undo->header = g_steal_pointer (&draft->header);
  undo->lines = g_steal_pointer (&draft->lines);
  cpt_toast_with_undo (draft->toast_widget, message, G_CALLBACK (undo_delete), undo, deleted_draft_free);
}

static void
delete_now (CptDocumentPage *self,
            gboolean         with_undo)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_NAVIGATION_VIEW);
  DeletedDraft *draft = g_new0 (DeletedDraft, 1);
  guint n = g_list_model_get_n_items (cpt_lines_editor_get_lines (self->lines_editor));

  /* What waits to be saved goes with the draft (the page keeps it for Undo). */
  cpt_lines_editor_cancel_pause (self->lines_editor);
  g_clear_handle_id (&self->header_source, g_source_remove);
  draft->toast_widget = g_object_ref (view ? view : GTK_WIDGET (self));
  draft->with_undo = with_undo;
  draft->header = g_object_ref (self->document);
  draft->lines = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CptDocumentLine) line = g_list_model_get_item (cpt_lines_editor_get_lines (self->lines_editor), i);

      if (cpt_document_line_get_id (line) != 0)
        g_ptr_array_add (draft->lines, cpt_document_line_duplicate (line));
    }
  cpt_document_page_write (self, CPT_DOCUMENT_WRITE_DELETE, self->id, 0, _("Could not delete the draft"),
                           NULL, on_deleted, draft, deleted_draft_free);
}

static void
on_delete_response (AdwAlertDialog  *dialog,
                    const char      *response,
                    CptDocumentPage *self)
{
  if (g_strcmp0 (response, "delete") == 0)
    delete_now (self, FALSE);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);
  gboolean linked = cpt_document_get_quote_id (self->document) != 0 ||
                    cpt_document_get_credited_id (self->document) != 0 ||
                    cpt_document_get_proforma_id (self->document) != 0 ||
                    cpt_totals_view_get_totals (self->totals_view)->deposits_gross != 0;

  /* A draft made from another document could not be made again the same way: ask. */
  if (linked)
    {
      AdwDialog *dialog = adw_alert_dialog_new (_("Delete this draft?"),
                                                _("It was made from another document; deleting it cannot be undone. The document it came from stays."));

      adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog), "cancel", _("_Cancel"),
                                      "delete", _("_Delete"), NULL);
      adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
      adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
      adw_dialog_present (dialog, widget);
      return;
    }
  delete_now (self, TRUE);
}

/* Credit: everything, or chosen lines and quantities. */

static void
on_credited (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(CptDocumentPage) self = data;
  g_autoptr(GError) error = NULL;
  gint64 note = cpt_lifecycle_credit_finish (CPT_WORKER (source), result, &error);

  end_write (self);
  if (note == 0)
    {
      cpt_document_page_show_error (self, _("Could not make the credit note"), error);
      return;
    }
  after_lifecycle (self, _("Credit note made as a draft: check it, then validate it"));
  open_document (self, note, FALSE);
}

static void
credit_with_parts (CptDocumentPage     *self,
                   const CptCreditPart *parts,
                   guint                n_parts)
{
  begin_write (self);
  cpt_lifecycle_credit_async (self->worker, self->id, parts, n_parts, NULL, on_credited,
                              g_object_ref (self));
}

static void
on_credit_lines_chosen (CptQuantitiesDialog *dialog,
                        GArray              *chosen,
                        CptDocumentPage     *self)
{
  g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (CptCreditPart));

  for (guint i = 0; i < chosen->len; i++)
    {
      const CptLineQuantity *line = &g_array_index (chosen, CptLineQuantity, i);
      CptCreditPart part = { line->line_id, line->quantity };

      g_array_append_val (parts, part);
    }
  credit_with_parts (self, (CptCreditPart *) parts->data, parts->len);
}

static void
present_credit_lines (CptDocumentPage *self)
{
  CptQuantitiesDialog *dialog = cpt_quantities_dialog_new (_("Credit Chosen Lines"),
                                                           _("Choose the lines and the quantities the credit note gives back."),
                                                           _("_Make the Credit Note"));
  guint n = g_list_model_get_n_items (cpt_lines_editor_get_lines (self->lines_editor));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CptDocumentLine) line = g_list_model_get_item (cpt_lines_editor_get_lines (self->lines_editor), i);

      if (cpt_lines_editor_line_is_item (line))
        cpt_quantities_dialog_add_line (dialog, cpt_document_line_get_id (line),
                                        cpt_document_line_get_description (line),
                                        cpt_document_line_get_quantity (line),
                                        cpt_document_line_get_quantity (line));
    }
  g_signal_connect_object (dialog, "chosen", G_CALLBACK (on_credit_lines_chosen), self, 0);
  adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (self));
}

static void
on_credit_response (AdwAlertDialog  *dialog,
                    const char      *response,
                    CptDocumentPage *self)
{
  if (g_strcmp0 (response, "all") == 0)
    credit_with_parts (self, NULL, 0);
  else if (g_strcmp0 (response, "lines") == 0)
    present_credit_lines (self);
}

static void
credit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);
  g_autofree char *name = cpt_document_page_document_name (self->document);
  g_autofree char *heading = g_strdup_printf (_("Credit %s?"), name);
  AdwDialog *dialog = adw_alert_dialog_new (heading,
                                            _("A credit note cancels all or part of the invoice. It is made as a draft, to check and validate."));

  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog), "cancel", _("_Cancel"),
                                  "lines", _("Choose _Lines…"), "all", _("Credit _Everything"), NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "all", ADW_RESPONSE_SUGGESTED);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "all");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_credit_response), self, 0);
  adw_dialog_present (dialog, widget);
}

/* Marked paid or unpaid: Undo deletes the payment made, or puts the allocations back. */
typedef struct
{
  CptWorker   *worker;
  gint64       payment_id;
  GArray      *allocations;
  GWeakRef     page;
} PaymentUndo;

static void
payment_undo_free (gpointer data)
{
  PaymentUndo *undo = data;

  g_clear_object (&undo->worker);
  g_clear_pointer (&undo->allocations, g_array_unref);
  g_weak_ref_clear (&undo->page);
  g_free (undo);
}

static PaymentUndo *
payment_undo_new (CptDocumentPage *self)
{
  PaymentUndo *undo = g_new0 (PaymentUndo, 1);

  undo->worker = g_object_ref (self->worker);
  g_weak_ref_init (&undo->page, self);
  return undo;
}

static void
payment_undone (GWeakRef     *page,
                gboolean      ok,
                const GError *error)
{
  g_autoptr(CptDocumentPage) self = g_weak_ref_get (page);

  g_weak_ref_clear (page);
  g_free (page);
  if (!ok)
    cpt_show_error (self != NULL ? GTK_WIDGET (self) : NULL, _("Could not undo"), error);
  if (self != NULL)
    cpt_document_page_reload (self);
}

static void
on_allocations_restored (GObject      *source,
                         GAsyncResult *result,
                         gpointer      page)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = cpt_document_restore_allocations_finish (CPT_WORKER (source), result, &error);

  payment_undone (page, ok, error);
}

static void
on_payment_deleted (GObject      *source,
                    GAsyncResult *result,
                    gpointer      page)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = cpt_document_write_finish (CPT_WORKER (source), result, &error) != 0;

  payment_undone (page, ok, error);
}

static void
undo_payment (gpointer data)
{
  PaymentUndo *undo = data;
  g_autoptr(CptDocumentPage) self = g_weak_ref_get (&undo->page);
  GWeakRef *page = g_new0 (GWeakRef, 1);

  g_weak_ref_init (page, self);
  if (undo->allocations != NULL)
    cpt_document_restore_allocations_async (undo->worker, undo->allocations, NULL,
                                            on_allocations_restored, page);
  else
    cpt_document_write_async (undo->worker, CPT_DOCUMENT_WRITE_DELETE_PAYMENT, undo->payment_id, 0,
                              NULL, on_payment_deleted, page);
}

static void
on_marked_paid (CptDocumentPage *self,
                gint64           payment,
                gpointer         data)
{
  PaymentUndo *undo = payment_undo_new (self);

  undo->payment_id = payment;
  cpt_document_page_reload (self);
  cpt_toast_with_undo (GTK_WIDGET (self), _("Marked as paid today, by transfer"), G_CALLBACK (undo_payment),
                       undo, payment_undo_free);
}

static void
mark_paid_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);

  cpt_document_page_write (self, CPT_DOCUMENT_WRITE_MARK_PAID, self->id, 0, _("Could not mark it as paid"),
                           NULL, on_marked_paid, NULL, NULL);
}

static void
on_marked_unpaid (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(CptDocumentPage) self = data;
  g_autoptr(GError) error = NULL;
  GArray *allocations = cpt_document_mark_unpaid_finish (CPT_WORKER (source), result, &error);
  PaymentUndo *undo;

  end_write (self);
  if (allocations == NULL)
    {
      cpt_document_page_show_error (self, _("Could not mark it as unpaid"), error);
      return;
    }
  undo = payment_undo_new (self);
  undo->allocations = allocations;
  cpt_document_page_reload (self);
  cpt_toast_with_undo (GTK_WIDGET (self), _("Marked as unpaid: its payments stay as the client’s credit"),
                       G_CALLBACK (undo_payment), undo, payment_undo_free);
}

static void
mark_unpaid_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);

  begin_write (self);
  cpt_document_mark_unpaid_async (self->worker, self->id, NULL, on_marked_unpaid, g_object_ref (self));
}

/* A deposit invoice: deduct it on a draft invoice of the same client (eKo "Utiliser sur une
 * facture"). */
static void
on_use_deposit_chosen (GtkListBox      *list,
                       GtkListBoxRow   *row,
                       CptDocumentPage *self)
{
  gint64 invoice_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "cpt-document"));
  AdwDialog *dialog = ADW_DIALOG (gtk_widget_get_ancestor (GTK_WIDGET (list), ADW_TYPE_DIALOG));

  if (dialog != NULL)
    adw_dialog_close (dialog);
  cpt_document_page_write (self, CPT_DOCUMENT_WRITE_ATTACH_DEPOSIT, self->id, invoice_id,
                           _("Could not deduct the deposit"), _("Deposit deducted on the invoice"),
                           NULL, NULL, NULL);
}

static void
on_invoice_for_deposit_made (CptDocumentPage *self,
                             gint64           invoice_id,
                             gpointer         data)
{
  after_lifecycle (self, GPOINTER_TO_INT (data) ? _("Balance invoice made as a draft: it deducts the deposits")
                                               : _("Draft invoice made: add its lines, then deduct the deposit from it"));
  open_document (self, invoice_id, FALSE);
}

static void
on_make_invoice_for_deposit (AdwAlertDialog  *dialog,
                             const char      *response,
                             CptDocumentPage *self)
{
  gboolean balance = cpt_document_snapshot_get_balance_possible (self->snapshot);

  if (balance)
    cpt_document_page_write (self, CPT_DOCUMENT_WRITE_BALANCE_INVOICE, cpt_document_get_quote_id (self->document), 0,
                             _("Could not make the invoice"), NULL, on_invoice_for_deposit_made,
                             GINT_TO_POINTER (TRUE), NULL);
  else
    cpt_document_page_write (self, CPT_DOCUMENT_WRITE_NEW_INVOICE, cpt_document_get_client_id (self->document), 0,
                             _("Could not make the invoice"), NULL, on_invoice_for_deposit_made,
                             GINT_TO_POINTER (FALSE), NULL);
}

/* A deposit invoice: deduct it on a draft invoice of the same client (eKo "Utiliser sur une
 * facture"), chosen among those the page read with the document. */
static void
use_deposit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);
  GPtrArray *invoices = self->snapshot != NULL ? cpt_document_snapshot_get_draft_invoices (self->snapshot) : NULL;
  guint n = invoices != NULL ? invoices->len : 0;
  AdwDialog *dialog;
  GtkWidget *box, *listbox;

  dialog = adw_alert_dialog_new (_("Use the Deposit on an Invoice"),
                                 n > 0 ? _("Choose the draft invoice of this client that deducts it.")
                                       : _("This client has no draft invoice: make the invoice first, then deduct the deposit from it."));
  listbox = gtk_list_box_new ();
  gtk_widget_add_css_class (listbox, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (listbox), GTK_SELECTION_NONE);
  for (guint i = 0; i < n; i++)
    {
      CptDocument *invoice = g_ptr_array_index (invoices, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *date = cpt_format_date (cpt_document_get_date (invoice));
      g_autofree char *amount = cpt_format_money (cpt_document_get_amount_due (invoice), NULL);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", date, amount);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     cpt_document_get_title (invoice) ? cpt_document_get_title (invoice) : _("Draft invoice"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "cpt-document", GSIZE_TO_POINTER (cpt_document_get_id (invoice)));
      gtk_list_box_append (GTK_LIST_BOX (listbox), row);
    }
  g_signal_connect_object (listbox, "row-activated", G_CALLBACK (on_use_deposit_chosen), self, 0);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), listbox);
  if (n > 0)
    adw_alert_dialog_set_extra_child (ADW_ALERT_DIALOG (dialog), box);
  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
  /* No draft to deduct it on: the way on is to make that invoice, not a dead end. */
  if (n == 0)
    {
      gboolean balance = self->snapshot != NULL && cpt_document_snapshot_get_balance_possible (self->snapshot);

      adw_alert_dialog_set_body (ADW_ALERT_DIALOG (dialog),
                                 balance ? _("This client has no draft invoice. The balance invoice of the quote "
                                             "deducts this deposit and the quote’s other deposits.")
                                         : _("This client has no draft invoice. Make one: once its lines are in, "
                                             "deduct the deposit from it."));
      adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "make",
                                     balance ? _("_Make the Balance Invoice") : _("_Make a Draft Invoice"));
      adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "make", ADW_RESPONSE_SUGGESTED);
      adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "make");
      g_signal_connect_object (dialog, "response::make", G_CALLBACK (on_make_invoice_for_deposit), self, 0);
    }
  adw_dialog_present (dialog, widget);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);

  cpt_document_page_flush_header (self);
  cpt_document_page_flush_lines (self);
  if (self->preview != NULL)
    cpt_preview_pane_print (self->preview);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);

  cpt_document_page_flush_header (self);
  cpt_document_page_flush_lines (self);
  if (self->preview != NULL)
    cpt_preview_pane_save_pdf (self->preview);
}

static void
send_email_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);
  CptWorker *worker = self->worker;

  if (worker == NULL)
    return;
  cpt_document_page_flush_header (self);
  cpt_document_page_flush_lines (self);
  adw_dialog_present (ADW_DIALOG (cpt_send_dialog_new (worker, self->id)), widget);
}

static void
remind_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);
  CptWorker *worker = self->worker;

  if (worker != NULL)
    adw_dialog_present (ADW_DIALOG (cpt_send_dialog_new_reminder (worker, self->id)), widget);
}

/* ---------------------------------------------------------------- set up */

void
cpt_document_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "document.validate", NULL, validate_action);
  gtk_widget_class_install_action (widget_class, "document.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "document.accept", NULL, accept_action);
  gtk_widget_class_install_action (widget_class, "document.refuse", NULL, refuse_action);
  gtk_widget_class_install_action (widget_class, "document.invoice-quote", NULL, invoice_quote_action);
  gtk_widget_class_install_action (widget_class, "document.finalize", NULL, finalize_action);
  gtk_widget_class_install_action (widget_class, "document.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "document.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "document.credit", NULL, credit_action);
  gtk_widget_class_install_action (widget_class, "document.mark-paid", NULL, mark_paid_action);
  gtk_widget_class_install_action (widget_class, "document.mark-unpaid", NULL, mark_unpaid_action);
  gtk_widget_class_install_action (widget_class, "document.use-deposit", NULL, use_deposit_action);
  gtk_widget_class_install_action (widget_class, "document.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "document.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "document.send-email", NULL, send_email_action);
  gtk_widget_class_install_action (widget_class, "document.remind", NULL, remind_action);
}

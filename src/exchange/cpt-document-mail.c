/* cpt-document-mail.c: a document sent by email. */
#define G_LOG_DOMAIN "cpt-document-mail"

#include <glib/gi18n.h>
#include <string.h>

#include "cpt-dates.h"
#include "cpt-document-mail.h"
#include "cpt-error.h"
#include "cpt-lifecycle.h"
#include "cpt-mail-messages.h"
#include "cpt-money.h"
#include "cpt-pdf.h"

static gboolean
is_english (const CptRenderDocument *document)
{
  return g_strcmp0 (document->language, "en") == 0;
}

char *
cpt_document_mail_default_subject (const CptRenderDocument *document)
{
  const char *title = cpt_render_document_title (document);

  if (document->seller.name != NULL)
    return g_strdup_printf ("%s %s – %s", title, document->number ? document->number : "",
                            document->seller.name);
  return g_strdup_printf ("%s %s", title, document->number ? document->number : "");
}

/* The letter is in the client's language, not the user's: it is written to the client. */
char *
cpt_document_mail_default_text (const CptRenderDocument *document)
{
  gboolean en = is_english (document);
  g_autofree char *amount = cpt_money_format (document->figures.gross, document->currency,
                                              document->language);
  g_autofree char *due = document->due_date ? cpt_date_format (document->due_date, document->language) : NULL;
  const char *name = document->seller.name ? document->seller.name : "";
  g_autoptr(GString) text = g_string_new (en ? "Hello,\n\n" : "Bonjour,\n\n");
  const char *title = cpt_render_document_title (document);
  g_autofree char *lower = g_utf8_strdown (title, -1);

  if (g_strcmp0 (document->kind, "quote") == 0 || g_strcmp0 (document->kind, "proforma") == 0)
    g_string_append_printf (text, en ? "Please find attached our %s %s, for %s.\n"
                                     : "Veuillez trouver ci-joint notre %s %s, d’un montant de %s.\n",
                            lower, document->number ? document->number : "", amount);
  else if (g_strcmp0 (document->kind, "credit_note") == 0)
    g_string_append_printf (text, en ? "Please find attached our credit note %s, for %s.\n"
                                     : "Veuillez trouver ci-joint notre avoir %s, d’un montant de %s.\n",
                            document->number, amount);
  else
    {
      g_string_append_printf (text, en ? "Please find attached our %s %s, for %s"
                                       : "Veuillez trouver ci-joint notre %s %s, d’un montant de %s",
                              lower, document->number, amount);
      if (due != NULL)
        g_string_append_printf (text, en ? ", due on %s" : ", à régler au plus tard le %s", due);
      g_string_append (text, ".\n");
    }
  g_string_append_printf (text, en ? "\nKind regards,\n%s\n" : "\nCordialement,\n%s\n", name);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The client's addresses, as its record holds them ("a@b.fr, c@d.fr"). */
static GStrv
client_addresses (const CptRenderDocument *document)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (document->buyer.email == NULL)
    return NULL;
  parts = g_strsplit_set (document->buyer.email, ",;", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

static char *
joined (GStrv list)
{
  return list != NULL && list[0] != NULL ? g_strjoinv (", ", list) : NULL;
}

gboolean
cpt_mail_error_is_transient (const GError *error)
{
  return g_error_matches (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_HOST_NOT_FOUND) ||
         g_error_matches (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_CONNECTION) ||
         g_error_matches (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_TIMEOUT);
}

static GStrv
split_addresses (const char *text)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (text == NULL)
    return NULL;
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

/* Sends recorded message `record` with `document`'s PDF, and records how it went: sent;
 * still queued when the server could not be reached (the outbox tries again); failed when
 * the server or the account refused it. The PDF is made again each time: a document that
 * is sent is validated, and a validated document never changes. */
static gboolean
deliver (CptDatabase             *db,
         const CptMailRecord     *record,
         const CptRenderDocument *document,
         const CptMailAccount    *account,
         const char              *password,
         GCancellable            *cancellable,
         CptMailMessageState     *out_state,
         GError                 **error)
{
  g_autoptr(GBytes) pdf = cpt_pdf_render (document, CPT_PDF_DEFAULT, error);
  g_auto(GStrv) to = split_addresses (record->recipients);
  g_auto(GStrv) cc = split_addresses (record->cc);
  g_auto(GStrv) bcc = split_addresses (record->bcc);
  CptMailMessage message = { 0 };
  g_autoptr(GError) local = NULL;
  g_autoptr(GError) record_error = NULL;
  gboolean recorded;

  *out_state = CPT_MAIL_MESSAGE_QUEUED;
  if (pdf == NULL)
    return FALSE;
  message.to = to;
  message.cc = cc;
  message.bcc = bcc;
  message.subject = record->subject;
  message.text = record->body;
  message.attachment = pdf;
  message.attachment_name = record->attachment_name;
  message.attachment_type = "application/pdf";
  if (cpt_mail_send (account, password, &message, cancellable, &local))
    {
      *out_state = CPT_MAIL_MESSAGE_SENT;
      return cpt_mail_messages_mark_sent (db, record->id, error);
    }
  /* Unreachable: it waits in the outbox; refused, or cancelled by the user: it failed, with
   * why (a message the user stopped must not leave later on its own). */
  if (cpt_mail_error_is_transient (local))
    recorded = cpt_mail_messages_note_try (db, record->id, local->message, &record_error);
  else
    {
      *out_state = CPT_MAIL_MESSAGE_FAILED;
      recorded = cpt_mail_messages_mark_failed (db, record->id, local->message, &record_error);
    }
  if (!recorded)
    g_warning ("could not record how message %" G_GINT64_FORMAT " went: %s", record->id,
               record_error->message);
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

gint64
cpt_document_mail_send (CptDatabase           *db,
                        gint64                 id,
                        const CptDocumentMail *mail,
                        const CptMailAccount  *account,
                        const char            *password,
                        GCancellable          *cancellable,
                        CptMailMessageState   *out_state,
                        GError               **error)
{
  g_autoptr(CptRenderDocument) document = cpt_render_document_load (db, id, error);
  g_autoptr(CptMailRecord) record = NULL;
  g_auto(GStrv) to = NULL;
  g_autofree char *subject = NULL, *text = NULL, *attachment_name = NULL;
  g_autoptr(GError) local = NULL;
  CptMailMessageState ignored;

  if (out_state == NULL)
    out_state = &ignored;
  *out_state = CPT_MAIL_MESSAGE_FAILED;
  if (document == NULL)
    return 0;
  if (document->draft)
    {
      g_set_error_literal (error, CPT_ERROR, CPT_ERROR_REFUSED,
                           _("A draft has no number yet: validate it before sending it"));
      return 0;
    }
  to = mail->to != NULL && mail->to[0] != NULL ? g_strdupv (mail->to) : client_addresses (document);
  if (to == NULL || to[0] == NULL)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("%s has no email address: enter one on the client’s record, or give the "
                     "recipients"), document->buyer.name ? document->buyer.name : _("The client"));
      return 0;
    }
  for (guint i = 0; to[i] != NULL; i++)
    if (!cpt_mail_check_address (to[i], error))
      return 0;
  subject = mail->subject ? g_strdup (mail->subject) : cpt_document_mail_default_subject (document);
  text = mail->text ? g_strdup (mail->text) : cpt_document_mail_default_text (document);
  attachment_name = cpt_render_document_file_name (document, "pdf");

  /* Written down before it leaves: a message the server took is never unrecorded, and one
   * that cannot leave yet waits in the outbox. */
  record = g_new0 (CptMailRecord, 1);
  record->document_id = id;
  record->recipients = joined (to);
  record->cc = joined (mail->cc);
  record->bcc = joined (mail->bcc);
  record->subject = g_strdup (subject);
  record->body = g_strdup (text);
  record->attachment_name = g_strdup (attachment_name);
  if (!cpt_mail_messages_record_queued (db, record, error))
    return 0;
  if (!deliver (db, record, document, account, password, cancellable, out_state, error))
    return record->id;
  /* A quote or pro forma sent is a step of its life; an invoice's state is its payments. */
  if ((g_strcmp0 (document->kind, "quote") == 0 || g_strcmp0 (document->kind, "proforma") == 0) &&
      !cpt_lifecycle_mark_sent (db, id, NULL, &local))
    g_debug ("not marked sent: %s", local->message);
  return record->id;
}

gboolean
cpt_outbox_flush (CptDatabase          *db,
                  const CptMailAccount *account,
                  const char           *password,
                  GCancellable         *cancellable,
                  guint                *out_sent,
                  GError              **error)
{
  g_autoptr(GPtrArray) queued = cpt_mail_messages_queued (db, error);

  *out_sent = 0;
  if (queued == NULL)
    return FALSE;
  for (guint i = 0; i < queued->len; i++)
    {
      const CptMailRecord *record = g_ptr_array_index (queued, i);
      g_autoptr(CptRenderDocument) document = NULL;
      g_autoptr(GError) local = NULL;
      CptMailMessageState state;
      gboolean claimed = FALSE;

      /* Another sender has it on its way: it is not sent twice. */
      if (!cpt_mail_messages_claim (db, record->id, &claimed, error))
        return FALSE;
      if (!claimed)
        continue;
      if ((document = cpt_render_document_load (db, record->document_id, error)) == NULL)
        return FALSE;
      if (deliver (db, record, document, account, password, cancellable, &state, &local))
        {
          (*out_sent)++;
          continue;
        }
      /* The server still out of reach: the others would not get through either. */
      if (state == CPT_MAIL_MESSAGE_QUEUED)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  return TRUE;
}

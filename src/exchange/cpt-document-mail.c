/* cpt-document-mail.c: a document sent by email. */
#define G_LOG_DOMAIN "cpt-document-mail"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cpt-dates.h"
#include "cpt-document-mail.h"
#include "cpt-error.h"
#include "cpt-formal-notice.h"
#include "cpt-identifiers.h"
#include "cpt-mail-templates.h"
#include "cpt-lifecycle.h"
#include "cpt-mail-messages.h"
#include "cpt-money.h"
#include "cpt-pdf.h"

/* "Règlement par virement : IBAN … – BIC …", a line of its own, or "" without an IBAN. */
/* The snapshot's kind (it keeps the database's string); an invoice's when it names none. */
static CptDocumentKind
snapshot_kind (const CptRenderDocument *document)
{
  CptDocumentKind kind;

  return cpt_document_kind_from_string (document->kind, &kind) ? kind : CPT_DOCUMENT_KIND_INVOICE;
}

static char *
payment_details (const CptRenderDocument *document, gboolean en)
{
  g_autofree char *iban = NULL;

  if (document->seller.iban == NULL)
    return g_strdup ("");
  iban = cpt_iban_format (document->seller.iban);
  if (document->seller.bic != NULL)
    return g_strdup_printf (en ? "Payment by bank transfer: IBAN %s – BIC %s\n"
                               : "Règlement par virement : IBAN %s – BIC %s\n", iban, document->seller.bic);
  return g_strdup_printf (en ? "Payment by bank transfer: IBAN %s\n" : "Règlement par virement : IBAN %s\n", iban);
}

/* The penalties as a sentence of the formal notice, or "" for a consumer. */
static char *
penalties_text (const CptRenderDocument *document, const CptLatePenalties *penalties, gboolean en)
{
  const char *lang = document->language;
  g_autofree char *interest = NULL, *rate = NULL, *indemnity = NULL;

  if (penalties->days_late <= 0 || penalties->recovery_indemnity == 0)
    return g_strdup ("");
  interest = cpt_money_format (penalties->interest, document->currency, lang);
  rate = cpt_decimal_format (penalties->rate, 2, 0, lang);
  indemnity = cpt_money_format (penalties->recovery_indemnity, document->currency, lang);
  if (en)
    return g_strdup_printf ("As article L441-10 of the French Commercial Code provides, late-payment "
                            "interest of %s (at an annual rate of %s %%) and the flat recovery "
                            "indemnity of %s are due in addition.\n", interest, rate, indemnity);
  return g_strdup_printf ("Conformément à l’article L441-10 du Code de commerce, s’y ajoutent %s de "
                          "pénalités de retard (au taux annuel de %s %%) et l’indemnité forfaitaire "
                          "pour frais de recouvrement de %s.\n", interest, rate, indemnity);
}

/* The values of the placeholders of cpt-mail-templates.h for `document`, reminded or not
 * (state NULL). */
static GHashTable *
template_values (const CptRenderDocument *document,
                 const CptReminderState  *state,
                 const CptLatePenalties  *penalties,
                 const char              *today)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const char *lang = document->language;
  gboolean en = g_strcmp0 (lang, "fr") != 0;
  const char *due = document->due_date ? document->due_date : document->date;
  g_autofree char *deadline = cpt_date_add_days (today, CPT_FORMAL_NOTICE_DEADLINE);
  g_autofree char *lower = g_utf8_strdown (cpt_render_document_title (document), -1);

  g_hash_table_insert (values, "client", g_strdup (document->buyer.name ? document->buyer.name : ""));
  g_hash_table_insert (values, "seller", g_strdup (document->seller.name ? document->seller.name : ""));
  g_hash_table_insert (values, "signature", g_strdup (document->seller.name ? document->seller.name : ""));
  g_hash_table_insert (values, "document", g_strdup (cpt_render_document_title (document)));
  g_hash_table_insert (values, "number", g_strdup (document->number ? document->number : ""));
  g_hash_table_insert (values, "date", cpt_date_format (document->date, lang));
  g_hash_table_insert (values, "due_date", cpt_date_format (due, lang));
  g_hash_table_insert (values, "amount", cpt_money_format (document->figures.gross, document->currency, lang));
  g_hash_table_insert (values, "balance",
                       cpt_money_format (state ? state->balance : document->figures.gross,
                                         document->currency, lang));
  g_hash_table_insert (values, "days_late",
                       g_strdup_printf ("%d", MAX (cpt_date_days_between (due, today), 0)));
  g_hash_table_insert (values, "deadline", cpt_date_format (deadline, lang));
  g_hash_table_insert (values, "penalties",
                       penalties ? penalties_text (document, penalties, en) : g_strdup (""));
  g_hash_table_insert (values, "payment_details", payment_details (document, en));
  return values;
}

/* A template filled in; a placeholder left empty leaves no run of blank lines. */
static char *
expand (const char *template, GHashTable *values)
{
  g_autofree char *text = cpt_mail_template_expand (template, values);
  g_autoptr(GRegex) blank_lines = g_regex_new ("\n{3,}", 0, 0, NULL);

  return g_regex_replace_literal (blank_lines, text, -1, 0, "\n\n", 0, NULL);
}

/* The formal notice's file name, in the client's language. */
static char *
notice_file_name (const CptRenderDocument *document)
{
  return g_strdup_printf (g_strcmp0 (document->language, "fr") == 0 ? "mise-en-demeure-%s.pdf"
                                                                      : "formal-notice-%s.pdf",
                          document->number ? document->number : "");
}

void
cpt_mail_proposal_free (CptMailProposal *proposal)
{
  if (proposal == NULL)
    return;
  g_free (proposal->to);
  g_free (proposal->subject);
  g_free (proposal->text);
  g_strfreev (proposal->attachments);
  g_free (proposal);
}

/* The reminder state of `document` at `today`, checked: something to remind. */
static CptReminderState *
reminder_to_send (CptDatabase *db, const CptRenderDocument *document, const char *today, GError **error)
{
  g_autoptr(CptReminderState) state = NULL;

  if (document->draft)
    {
      g_set_error_literal (error, CPT_ERROR, CPT_ERROR_REFUSED,
                           _("A draft is not owed: only validated invoices are reminded"));
      return NULL;
    }
  if ((state = cpt_reminders_of_document (db, document->id, error)) == NULL ||
      !cpt_reminder_can_send (state, today, error))
    return NULL;
  return g_steal_pointer (&state);
}

static CptMailProposal *propose (CptDatabase *db, gint64 id, gboolean reminder,
                                 const char *template, const char *today, GError **error);

CptMailProposal *
cpt_document_mail_propose (CptDatabase *db, gint64 id, gboolean reminder, const char *today,
                           GError **error)
{
  return propose (db, id, reminder, NULL, today, error);
}

/* `template`: the purpose whose wording to use ("invoice", "quote"...), NULL for the
 * document's own (or its reminder's). */
static CptMailProposal *
propose (CptDatabase *db, gint64 id, gboolean reminder, const char *template, const char *today,
         GError **error)
{
  g_autoptr(CptRenderDocument) document = cpt_render_document_load (db, id, error);
  g_autoptr(CptMailProposal) proposal = NULL;
  g_autoptr(CptReminderState) state = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_autofree char *now = today ? g_strdup (today) : cpt_date_today ();
  g_autoptr(GStrvBuilder) attachments = g_strv_builder_new ();
  g_autofree char *subject = NULL, *body = NULL;
  CptMailPurpose purpose;

  if (document == NULL || (reminder && (state = reminder_to_send (db, document, now, error)) == NULL))
    return NULL;
  proposal = g_new0 (CptMailProposal, 1);
  proposal->level = state ? state->next_level : 0;
  if (proposal->level == CPT_REMINDER_MAX_LEVEL &&
      !cpt_reminders_penalties (db, id, now, &proposal->penalties, error))
    return NULL;
  if (state != NULL)
    {
      proposal->balance = state->balance;
      proposal->days_late = MAX (cpt_date_days_between (state->due_date, now), 0);
    }
  values = template_values (document, state, proposal->level == CPT_REMINDER_MAX_LEVEL
                                                ? &proposal->penalties : NULL, now);
  purpose = cpt_mail_purpose_for (snapshot_kind (document), proposal->level);
  if (template != NULL)
    {
      /* Another document's wording, for this one: not a reminder's, whose level is the
       * books' to say (reminder send). */
      if (!cpt_mail_purpose_from_string (template, &purpose) || purpose >= CPT_MAIL_PURPOSE_REMINDER_1)
        {
          g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                       _("“%s” is not a document’s message: quote, proforma, invoice, deposit or "
                         "credit_note (a reminder is sent with reminder send)"), template);
          return NULL;
        }
      if (reminder)
        {
          g_set_error_literal (error, CPT_ERROR, CPT_ERROR_INVALID,
                               _("A reminder is worded by its level: it takes no other template"));
          return NULL;
        }
    }
  if (!cpt_mail_templates_get (db, purpose, document->language, &subject, &body, NULL, error))
    return NULL;
  proposal->to = g_strdup (document->buyer.email);
  /* A subject is one line, whatever its placeholders hold. */
  proposal->subject = g_strstrip (g_strdelimit (expand (subject, values), "\r\n", ' '));
  proposal->text = expand (body, values);
  g_strv_builder_take (attachments, cpt_render_document_file_name (document, "pdf"));
  if (proposal->level == CPT_REMINDER_MAX_LEVEL)
    g_strv_builder_take (attachments, notice_file_name (document));
  proposal->attachments = g_strv_builder_end (attachments);
  return g_steal_pointer (&proposal);
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

/* The formal notice of `document`, whose reminder `state` says what is owed, dated `day`: a
 * message that waited in the outbox says what it said the day it was written. */
static GBytes *
render_notice (CptDatabase *db, const CptRenderDocument *document, const CptReminderState *state,
               const char *day, GError **error)
{
  g_autofree char *deadline = cpt_date_add_days (day, CPT_FORMAL_NOTICE_DEADLINE);
  CptFormalNotice notice = { .invoice = document, .date = day, .deadline = deadline,
                             .balance = state->balance };

  if (!cpt_reminders_penalties (db, document->id, day, &notice.penalties, error))
    return NULL;
  return cpt_formal_notice_render (&notice, error);
}

/* Sends recorded message `record` with `document`'s PDF (and the formal notice for a level-3
 * reminder), and records how it went: sent; still queued when the server could not be
 * reached (the outbox tries again); failed when the server or the account refused it, or
 * when the invoice a reminder was about has been paid meanwhile. The PDF is made again each
 * time: a document that is sent is validated, and a validated document never changes. */
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
  g_autoptr(GBytes) notice = NULL;
  g_autoptr(CptReminderState) state = NULL;
  g_auto(GStrv) to = split_addresses (record->recipients);
  g_auto(GStrv) cc = split_addresses (record->cc);
  g_auto(GStrv) bcc = split_addresses (record->bcc);
  g_auto(GStrv) names = split_addresses (record->attachment_name);
  CptMailAttachment attachments[2] = { { 0 } };
  g_autofree char *answer = NULL;
  char day[11];
  CptMailMessage message = { 0 };
  g_autoptr(GError) local = NULL;
  g_autoptr(GError) record_error = NULL;
  gboolean recorded;

  *out_state = CPT_MAIL_MESSAGE_QUEUED;
  if (pdf == NULL)
    return FALSE;
  if (record->reminder_level > 0)
    {
      if ((state = cpt_reminders_of_document (db, document->id, error)) == NULL)
        return FALSE;
      if (state->balance <= 0)
        {
          g_set_error (&local, CPT_ERROR, CPT_ERROR_REFUSED,
                       _("Not sent: %s has been paid since the reminder was written"),
                       document->number);
          *out_state = CPT_MAIL_MESSAGE_FAILED;
          if (!cpt_mail_messages_mark_failed (db, record->id, local->message, error))
            return FALSE;
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      g_strlcpy (day, record->written_on ? record->written_on : record->created_at, sizeof day);
      if (record->reminder_level == CPT_REMINDER_MAX_LEVEL &&
          (notice = render_notice (db, document, state, day, error)) == NULL)
        return FALSE;
    }
  attachments[0].data = pdf;
  attachments[0].name = names && names[0] ? names[0] : "document.pdf";
  attachments[0].type = "application/pdf";
  if (notice != NULL)
    {
      attachments[1].data = notice;
      attachments[1].name = names && names[0] && names[1] ? names[1] : "notice.pdf";
      attachments[1].type = "application/pdf";
    }
  message.to = to;
  message.cc = cc;
  message.bcc = bcc;
  message.subject = record->subject;
  message.text = record->body;
  message.attachments = attachments;
  message.n_attachments = notice != NULL ? 2 : 1;
  if (cpt_mail_send_full (account, password, &message, cancellable, &answer, &local))
    {
      *out_state = CPT_MAIL_MESSAGE_SENT;
      return cpt_mail_messages_mark_sent (db, record->id, answer, error);
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
    {
      /* Said with why it did not leave: the file still has it waiting in the outbox, whose
       * next try (once the claim of this one is ten minutes old) may send it after all. */
      char *both = g_strdup_printf (_("%s. This could not be noted in the file (%s): the message "
                                      "still waits in the outbox, which will try it again in ten "
                                      "minutes"),
                                    local->message, record_error->message);

      g_free (local->message);
      local->message = both;
    }
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
  g_autoptr(CptMailProposal) proposal = NULL;
  g_autoptr(CptMailRecord) record = NULL;
  g_auto(GStrv) to = NULL;
  g_autoptr(GError) local = NULL;
  CptMailMessageState ignored;

  if (out_state == NULL)
    out_state = &ignored;
  *out_state = CPT_MAIL_MESSAGE_FAILED;
  if (document == NULL)
    return 0;
  if (document->draft && !mail->reminder)
    {
      g_set_error_literal (error, CPT_ERROR, CPT_ERROR_REFUSED,
                           _("A draft has no number yet: validate it before sending it"));
      return 0;
    }
  if ((proposal = propose (db, id, mail->reminder, mail->template, mail->today, error)) == NULL)
    return 0;
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

  /* Written down before it leaves: a message the server took is never unrecorded, and one
   * that cannot leave yet waits in the outbox. A reminder takes its level here, once. */
  record = g_new0 (CptMailRecord, 1);
  record->document_id = id;
  record->recipients = joined (to);
  record->cc = joined (mail->cc);
  record->bcc = joined (mail->bcc);
  record->subject = g_strdup (mail->subject ? mail->subject : proposal->subject);
  record->body = g_strdup (mail->text ? mail->text : proposal->text);
  record->attachment_name = joined (proposal->attachments);
  record->reminder_level = proposal->level;
  record->written_on = mail->today ? g_strdup (mail->today) : cpt_date_today ();
  if (!cpt_mail_messages_record_queued (db, record, error))
    return 0;
  if (!deliver (db, record, document, account, password, cancellable, out_state, error))
    return record->id;
  /* A quote or pro forma sent is a step of its life; an invoice's state is its payments. */
  if ((cpt_render_document_is_kind (document, CPT_DOCUMENT_KIND_QUOTE) ||
       cpt_render_document_is_kind (document, CPT_DOCUMENT_KIND_PROFORMA)) &&
      !cpt_lifecycle_mark_sent (db, id, NULL, &local))
    g_debug ("not marked sent: %s", local->message);
  return record->id;
}

GStrv
cpt_document_mail_write_attachments (CptDatabase *db,
                                     gint64       id,
                                     gboolean     reminder,
                                     const char  *today,
                                     const char  *directory,
                                     GError     **error)
{
  g_autoptr(CptRenderDocument) document = cpt_render_document_load (db, id, error);
  g_autoptr(CptMailProposal) proposal = NULL;
  g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();
  g_autofree char *now = today ? g_strdup (today) : cpt_date_today ();

  if (document == NULL || (proposal = cpt_document_mail_propose (db, id, reminder, now, error)) == NULL)
    return NULL;
  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not make the folder %s: %s"), directory, g_strerror (saved));
      return NULL;
    }
  for (guint i = 0; proposal->attachments[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (directory, proposal->attachments[i], NULL);
      g_autoptr(GBytes) bytes = NULL;

      if (i == 0)
        bytes = cpt_pdf_render (document, CPT_PDF_DEFAULT, error);
      else
        {
          g_autoptr(CptReminderState) state = cpt_reminders_of_document (db, id, error);

          if (state == NULL)
            return NULL;
          bytes = render_notice (db, document, state, now, error);
        }
      if (bytes == NULL ||
          !g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
        return NULL;
      g_strv_builder_add (paths, path);
    }
  return g_strv_builder_end (paths);
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

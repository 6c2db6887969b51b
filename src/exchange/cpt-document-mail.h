/* cpt-document-mail.h: a document sent by email as its PDF (a Factur-X for e-invoices),
 * through the company's mail account, recorded beside the document (cpt-mail-messages.h):
 * written down before it leaves, marked sent only once the server accepted it, failed with
 * the reason otherwise. Nothing else about the document changes when sending fails. */
#pragma once

#include "cpt-mail.h"
#include "cpt-mail-messages.h"
#include "cpt-render-document.h"

G_BEGIN_DECLS

typedef struct
{
  GStrv  to;        /* NULL: the client's addresses */
  GStrv  cc;
  GStrv  bcc;
  char  *subject;   /* NULL: "Facture FA-2026-0001 – Atelier Lumière", in the client's language */
  char  *text;      /* NULL: a short letter in the client's language */
} CptDocumentMail;

/* The subject and the letter that go with `document` when none is given. */
char   *cpt_document_mail_default_subject (const CptRenderDocument *document);
char   *cpt_document_mail_default_text    (const CptRenderDocument *document);

/* Sends document `id` as `mail` says; blocks (run it in a thread, on a connection of its
 * own). The message is recorded first; *out_state (may be NULL) then says how it went:
 * SENT once the server accepted it; QUEUED when the server could not be reached (it waits
 * in the outbox, cpt_outbox_flush ()); FAILED when the server or the account refused it.
 * Returns the message's id (0 when it was refused before being recorded: a draft, which
 * has no number, no address); `error` says why whenever it was not sent. A quote or pro
 * forma sent is marked sent. */
gint64   cpt_document_mail_send (CptDatabase           *db,
                                 gint64                 id,
                                 const CptDocumentMail *mail,
                                 const CptMailAccount  *account,
                                 const char            *password,
                                 GCancellable          *cancellable,
                                 CptMailMessageState   *out_state,
                                 GError               **error);

/* Whether a sending error is the network's or the server's absence (try again later)
 * rather than a refusal. */
gboolean cpt_mail_error_is_transient (const GError *error);

/* Sends what waits in the outbox, oldest first, in *out_sent how many left; stops (FALSE,
 * the reason) while the server cannot be reached. A message refused meanwhile is marked
 * failed and the others go on. Blocks: run it in a thread. */
gboolean cpt_outbox_flush (CptDatabase          *db,
                           const CptMailAccount *account,
                           const char           *password,
                           GCancellable         *cancellable,
                           guint                *out_sent,
                           GError              **error);

G_END_DECLS

/* cpt-document-mail.h: a document sent by email as its PDF (a Factur-X for e-invoices),
 * through the company's mail account, recorded beside the document (cpt-mail-messages.h):
 * written down before it leaves, marked sent only once the server accepted it, failed with
 * the reason otherwise. Nothing else about the document changes when sending fails. */
#pragma once

#include "cpt-mail.h"
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
 * own). Returns the message's id once the server accepted it; 0 with the reason otherwise
 * (the message, when it got as far as being recorded, is marked failed with it). Drafts,
 * which have no number, are refused; a pro forma may go. A quote or pro forma sent is
 * marked sent. */
gint64  cpt_document_mail_send (CptDatabase           *db,
                                gint64                 id,
                                const CptDocumentMail *mail,
                                const CptMailAccount  *account,
                                const char            *password,
                                GCancellable          *cancellable,
                                GError               **error);

G_END_DECLS

/* cpt-document-mail.h: a document sent by email as its PDF (a Factur-X for e-invoices),
 * through the company's mail account, recorded beside the document (cpt-mail-messages.h):
 * written down before it leaves, marked sent only once the server accepted it, failed with
 * the reason otherwise. Nothing else about the document changes when sending fails. */
#pragma once

#include "cpt-mail.h"
#include "cpt-mail-messages.h"
#include "cpt-render-document.h"
#include "cpt-reminders.h"

G_BEGIN_DECLS

typedef struct
{
  GStrv       to;        /* NULL: the client's addresses */
  GStrv       cc;
  GStrv       bcc;
  char       *subject;   /* NULL: the template's (cpt-mail-templates.h), in the client's language */
  char       *text;      /* NULL: the template's letter */
  gboolean    reminder;  /* a payment reminder of the invoice, at its next level */
  const char *template;  /* NULL: the document's own wording; else a document purpose's
                          * ("invoice", "quote"...: cpt-mail-templates.h) */
  const char *today;     /* NULL: cpt_date_today () */
} CptDocumentMail;

/* What a message about a document proposes before the user changes it: the document
 * itself, or its next reminder. */
typedef struct
{
  guint  level;          /* 0: the document; 1 to 3: the reminder of that level */
  char  *to;             /* the client's addresses, "a@b.fr, c@d.fr", or NULL */
  char  *subject;
  char  *text;
  GStrv  attachments;    /* the files' names: the document's PDF, and the formal notice at level 3 */
  /* for a reminder */
  gint64 balance;
  gint64 days_late;
  CptLatePenalties penalties;
} CptMailProposal;

void             cpt_mail_proposal_free     (CptMailProposal *proposal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CptMailProposal, cpt_mail_proposal_free)

/* The proposal for document `id` on `today` (NULL: cpt_date_today ()): `reminder` FALSE
 * for the document itself, TRUE for its next reminder (refused in plain words when there
 * is none to send: paid, not late, the formal notice sent). Blocks: run it in a thread. */
CptMailProposal *cpt_document_mail_propose  (CptDatabase *db, gint64 id, gboolean reminder,
                                             const char *today, GError **error);

/* Sends document `id` as `mail` says; blocks (run it in a thread, on a connection of its
 * own). The message is recorded first; *out_state (may be NULL) then says how it went:
 * SENT once the server accepted it; QUEUED when the server could not be reached (it waits
 * in the outbox, cpt_outbox_flush ()); FAILED when the server or the account refused it.
 * Returns the message's id (0 when it was refused before being recorded: a draft, which
 * has no number, no address, a reminder with nothing to remind); `error` says why whenever
 * it was not sent. A quote or pro forma sent is marked sent. A reminder is recorded with
 * its level, which no other message may take meanwhile: it is never sent twice. */
gint64   cpt_document_mail_send (CptDatabase           *db,
                                 gint64                 id,
                                 const CptDocumentMail *mail,
                                 const CptMailAccount  *account,
                                 const char            *password,
                                 GCancellable          *cancellable,
                                 CptMailMessageState   *out_state,
                                 GError               **error);

/* Writes the files a message about document `id` carries into `directory` (made when
 * missing): its PDF, and for its level-3 reminder (`reminder`) the formal notice dated
 * `today` (NULL: cpt_date_today ()). Returns their paths, for the user's own mail program
 * ("Open in My Mail App"). Blocks: run it in a thread. */
GStrv    cpt_document_mail_write_attachments (CptDatabase *db,
                                              gint64       id,
                                              gboolean     reminder,
                                              const char  *today,
                                              const char  *directory,
                                              GError     **error);

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

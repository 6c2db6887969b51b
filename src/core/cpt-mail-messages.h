/* cpt-mail-messages.h: the messages sent by email, kept beside their document (issue 14).
 * A message is recorded before it leaves and marked sent only once the server accepted it;
 * the document's history says so. */
#pragma once

#include "cpt-database.h"

G_BEGIN_DECLS

typedef enum
{
  CPT_MAIL_MESSAGE_QUEUED,
  CPT_MAIL_MESSAGE_SENT,
  CPT_MAIL_MESSAGE_FAILED,
} CptMailMessageState;

typedef struct
{
  gint64               id;
  gint64               document_id;
  char                *created_at;       /* UTC, ISO 8601 */
  char                *written_on;       /* ISO date by the app's clock (cpt_date_today ()) */
  char                *sent_at;          /* NULL until the server accepted it */
  CptMailMessageState  state;
  char                *recipients;       /* "a@b.fr, c@d.fr" */
  char                *cc;
  char                *bcc;
  char                *subject;
  char                *body;
  char                *attachment_name;
  gint64               reminder_level;   /* 0: not a reminder */
  char                *error;            /* why it failed */
  char                *document_number;  /* cpt_mail_messages_of_client () only */
  char                *server_answer;    /* what the server said when it accepted it */
} CptMailRecord;

void        cpt_mail_record_free             (CptMailRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CptMailRecord, cpt_mail_record_free)

const char *cpt_mail_message_state_to_string (CptMailMessageState state);

/* Records `record` (its document, recipients, subject, body...) as queued; sets its id. */
gboolean    cpt_mail_messages_record_queued  (CptDatabase *db, CptMailRecord *record, GError **error);
/* The server accepted message `id`, saying `answer` (may be NULL): sent now, and the
 * document's history says to whom. */
gboolean    cpt_mail_messages_mark_sent      (CptDatabase *db, gint64 id, const char *answer,
                                              GError **error);
/* Message `id` did not leave, for `reason` (the words the user saw). */
gboolean    cpt_mail_messages_mark_failed    (CptDatabase *db, gint64 id, const char *reason,
                                              GError **error);
/* Message `id` could not reach the server (no network, the server down): it stays in the
 * outbox, with `reason` as the last try's. */
gboolean    cpt_mail_messages_note_try       (CptDatabase *db, gint64 id, const char *reason,
                                              GError **error);
/* Takes queued message `id` for one try of the outbox: FALSE in *claimed when it is on its
 * way already (being sent by the window, the CLI or another outbox), so that no message is
 * ever sent twice. */
gboolean    cpt_mail_messages_claim          (CptDatabase *db, gint64 id, gboolean *claimed,
                                              GError **error);
/* How many messages wait in the outbox. */
gboolean    cpt_mail_messages_count_queued   (CptDatabase *db, gint64 *out, GError **error);
/* The outbox: the messages waiting to leave, oldest first (CptMailRecord *). */
GPtrArray  *cpt_mail_messages_queued         (CptDatabase *db, GError **error);
/* The last `limit` messages about a client's documents, newest first (CptMailRecord *,
 * with document_number). */
GPtrArray  *cpt_mail_messages_of_client      (CptDatabase *db, gint64 client_id, guint limit,
                                              GError **error);
/* The messages of a document, oldest first (CptMailRecord *). */
GPtrArray  *cpt_mail_messages_of_document    (CptDatabase *db, gint64 document_id, GError **error);

G_END_DECLS

/* cpt-store-mail-messages.h: the store's unit for the messages sent by email. */
#pragma once

#include "cpt-mail-messages.h"

G_BEGIN_DECLS

gint64     cpt_store_mail_messages_insert      (CptDatabase *db, const CptMailRecord *record,
                                                GError **error);
/* *found = FALSE when there is no message `id` still queued. */
gboolean   cpt_store_mail_messages_set_state   (CptDatabase *db, gint64 id, CptMailMessageState state,
                                                const char *reason, gboolean *found, GError **error);
CptMailRecord *cpt_store_mail_messages_load    (CptDatabase *db, gint64 id, GError **error);
GPtrArray *cpt_store_mail_messages_of_document (CptDatabase *db, gint64 document_id, GError **error);
/* The last `limit` messages about client `client_id`'s documents, newest first, with their
 * document's number. */
GPtrArray *cpt_store_mail_messages_of_client  (CptDatabase *db, gint64 client_id, guint limit,
                                               GError **error);
/* What the server said when it accepted message `id`. */
gboolean   cpt_store_mail_messages_set_answer  (CptDatabase *db, gint64 id, const char *answer,
                                                GError **error);
/* How many messages are still queued. */
gboolean   cpt_store_mail_messages_count_queued (CptDatabase *db, gint64 *out, GError **error);
/* The messages still queued, oldest first. */
GPtrArray *cpt_store_mail_messages_queued      (CptDatabase *db, GError **error);
/* Takes queued message `id` for one try, in one statement so that two outboxes (two
 * windows, the CLI) never both send it: only a message whose last try failed, or one left
 * untried for ten minutes (its sender died), can be taken. *claimed says whether it was. */
gboolean   cpt_store_mail_messages_claim       (CptDatabase *db, gint64 id, gboolean *claimed,
                                                GError **error);
/* Why the last try of queued message `id` did not reach the server (it stays queued). */
gboolean   cpt_store_mail_messages_note_try    (CptDatabase *db, gint64 id, const char *reason,
                                                GError **error);

G_END_DECLS

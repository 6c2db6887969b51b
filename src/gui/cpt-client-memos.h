/* cpt-client-memos.h: the Follow-Up tab of a client's record: the memos, dated and signed,
 * with an entry for a new one (which activates client.add-memo with its text), and the last
 * messages sent by email about the client's documents. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CPT_TYPE_CLIENT_MEMOS (cpt_client_memos_get_type ())
G_DECLARE_FINAL_TYPE (CptClientMemos, cpt_client_memos, CPT, CLIENT_MEMOS, AdwPreferencesPage)

CptClientMemos *cpt_client_memos_new           (void);
/* `memos`: CptMemo, newest first (NULL: none could be read). */
void            cpt_client_memos_show_memos    (CptClientMemos *self,
                                                GPtrArray      *memos);
/* `messages`: CptMailRecord, newest first; NULL with `error` when they could not be read. */
void            cpt_client_memos_show_messages (CptClientMemos *self,
                                                GPtrArray      *messages,
                                                const char     *error);
/* Empties the new memo's entry once the memo is added, if it still holds `added` (the memo's
 * text, as the entry gave it). */
void            cpt_client_memos_clear_entry   (CptClientMemos *self,
                                                const char     *added);

G_END_DECLS

/* cpt-store-ledger.h: the SQL that writes the ledger (the hash chain of validated
 * documents), its seals and the audit trail. What the chain hash is, when an entry is
 * sealed and with which key stay in cpt-ledger.c; reading the ledger back for the check
 * is cpt-store-check.h's. */
#pragma once

#include "cpt-database.h"

G_BEGIN_DECLS

/* Called for each entry of cpt_store_ledger_foreach_unsealed (); FALSE (with `error`)
 * stops. */
typedef gboolean (*CptStoreLedgerEntryFunc) (gint64      seq,
                                             gint64      document_id,
                                             const char *hash,
                                             gpointer    user_data,
                                             GError    **error);

/* The company's identity in the keyring, *out NULL when the file has none. */
gboolean  cpt_store_ledger_company_uuid   (CptDatabase *db, char **out, GError **error);
/* The hash of the last entry, *out NULL for an empty ledger. */
gboolean  cpt_store_ledger_last_hash      (CptDatabase *db, char **out, GError **error);
/* Appends an entry; its sequence number in *out_seq. */
gboolean  cpt_store_ledger_insert         (CptDatabase *db, gint64 document_id,
                                           const char *previous_hash, const char *hash,
                                           gint64 *out_seq, GError **error);
gboolean  cpt_store_ledger_insert_seal    (CptDatabase *db, gint64 seq, const char *key_id,
                                           const char *mac, GError **error);
/* Calls `func` for each entry before `before_seq`, in order, when the file holds no seal at
 * all (none otherwise); *out_count says how many. The entries are read as they go (a
 * million of them are not held at once) on a statement of their own, so `func` may write
 * through the store meanwhile. */
gboolean  cpt_store_ledger_foreach_unsealed (CptDatabase *db, gint64 before_seq,
                                             CptStoreLedgerEntryFunc func, gpointer user_data,
                                             guint *out_count, GError **error);
/* Whether the file has ledger entries and no seal, read without the write lock. */
gboolean  cpt_store_ledger_never_sealed   (CptDatabase *db, gboolean *out, GError **error);
/* How many entries and seals the file holds, and the last sequence number. */
gboolean  cpt_store_ledger_counts         (CptDatabase *db, gint64 *out_entries,
                                           gint64 *out_seals, gint64 *out_last_seq,
                                           GError **error);
/* Writes an audit event; document_id 0: none. */
gboolean  cpt_store_audit_insert          (CptDatabase *db, const char *action, gint64 document_id,
                                           const char *details, GError **error);

G_END_DECLS

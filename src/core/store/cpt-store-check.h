/* cpt-store-check.h: what the check of a company file (cpt-ledger.c) reads through
 * connections of its own, so that its parts run side by side on every core: the file's
 * structure, and the ledger's entries in ranges of their sequence numbers. */
#pragma once

#include "cpt-database.h"

G_BEGIN_DECLS

/* The canonical text a validated document's hash covers, as an SQL expression of the
 * documents row `d` (NULL when there is no such row). */
char     *cpt_store_ledger_canonical (CptDatabase *db, gint64 document_id, GError **error);

/* SQLite's view of `db`'s file, read through a read-only connection of its own when
 * `own_connection` (so that it can run on another thread beside the rest of the check):
 * with `every_entry`, PRAGMA integrity_check (every page, and every index entry against its
 * row: minutes at a million documents); without, PRAGMA quick_check (every page and record)
 * with the number of entries of each index against the rows of its table (SQLite 3.46's
 * quick_check counts them itself; on an SQLite whose quick_check does not, 3.40 for one, the
 * check counts them). What quick_check plus the counts leave out: an index entry whose key
 * differs from its row while the counts agree, and a UNIQUE index holding a key twice. What is wrong is appended to
 * `problems`, in SQLite's words. FALSE with an error when the file could not be read. */
gboolean  cpt_store_check_file       (CptDatabase  *db,
                                      gboolean      own_connection,
                                      gboolean      every_entry,
                                      GCancellable *cancellable,
                                      GPtrArray    *problems,
                                      GError      **error);

/* The first and last sequence numbers of the ledger (0 and 0 when it is empty); with
 * `last_count` > 0, the first is that of the last `last_count` entries. */
gboolean  cpt_store_ledger_bounds    (CptDatabase *db,
                                      gint64       last_count,
                                      gint64      *first,
                                      gint64      *last,
                                      GError     **error);
/* The distinct keys that sealed entries first..last, in their first use order. */
GPtrArray *cpt_store_ledger_seal_keys (CptDatabase *db,
                                       gint64       first,
                                       gint64       last,
                                       GError     **error);

typedef struct
{
  gint64      seq;
  gint64      document_id;
  const char *previous_hash;
  const char *hash;
  const char *number;        /* the document's number or the one the audit trail recorded */
  const char *key_id;        /* NULL: unsealed */
  const char *mac;
  const char *canonical;     /* NULL: the document is gone */
} CptStoreLedgerEntry;

typedef struct _CptStoreLedgerReader CptStoreLedgerReader;

/* Reads the entries first..last in order, with each document's canonical text, through a
 * read-only connection of its own on `path` (NULL: through `db`'s, on the calling thread
 * only). Entries are never changed once written (triggers), so that readers on several
 * connections see the same ones. */
CptStoreLedgerReader *cpt_store_ledger_reader_new  (CptDatabase *db,
                                                    const char  *path,
                                                    gint64       first,
                                                    gint64       last,
                                                    GError     **error);
/* The next entry (valid until the next call): *has_row = FALSE at the end. */
gboolean              cpt_store_ledger_reader_next (CptStoreLedgerReader *reader,
                                                    CptStoreLedgerEntry  *entry,
                                                    gboolean             *has_row,
                                                    GError              **error);
void                  cpt_store_ledger_reader_free (CptStoreLedgerReader *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CptStoreLedgerReader, cpt_store_ledger_reader_free)

G_END_DECLS

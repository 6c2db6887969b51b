/* cpt-store-check.h: what the check of a company file (cpt-ledger.c) reads. Through
 * connections of its own, so that its parts run side by side on every core: the file's
 * structure, and the ledger's entries in ranges of their sequence numbers. On the file's
 * own connection, in one snapshot: the schema, what was validated and no longer is, the
 * numbering, the summaries kept by triggers and the payments' allocations. The rules and
 * the words of the report stay in cpt-ledger.c. */
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
  gboolean    validated;     /* the document is there and validated */
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
/* The next entry (valid until the next call): *has_row = FALSE at the end. Its canonical
 * text is written in C from the document's row and lines, the same bytes as SQLite's JSON
 * functions write (cpt_store_ledger_canonical()) in all but odd cases (a blob, a real SQLite
 * prints otherwise): a hash that does not match it is to be confirmed with
 * cpt_store_ledger_reader_canonical() before the document is called changed. */
gboolean              cpt_store_ledger_reader_next (CptStoreLedgerReader *reader,
                                                    CptStoreLedgerEntry  *entry,
                                                    gboolean             *has_row,
                                                    GError              **error);
/* SQLite's canonical text of a document, as cpt_store_ledger_canonical() writes it, read on
 * the reader's connection (the reader's thread, its snapshot). */
char                 *cpt_store_ledger_reader_canonical (CptStoreLedgerReader *reader,
                                                         gint64                document_id,
                                                         GError              **error);
void                  cpt_store_ledger_reader_free (CptStoreLedgerReader *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CptStoreLedgerReader, cpt_store_ledger_reader_free)

/* ---- the rest of the check, on `db`'s connection, in one snapshot
 *
 * Each query below that SQLite cannot run (busy, damaged, a table altered) fails with
 * CPT_ERROR_DATABASE, "The check could not run: <SQLite's reason>": a check that could not
 * look must never say all is well. Row callbacks get rows valid until they return; returning
 * FALSE stops the rows (that is no error). `limit`: at most that many rows. */

/* The snapshot the rest reads, even while another process writes: a savepoint. `mapped`:
 * the file is read through memory mapping (and the check's temporary table kept in memory)
 * until cpt_store_check_end(), which puts the connection's settings back. */
gboolean  cpt_store_check_begin      (CptDatabase *db, gboolean mapped, GError **error);
void      cpt_store_check_end        (CptDatabase *db);

/* What sqlite_schema holds, SQLite's own objects aside: name -> "type\nsql" ("" when the
 * object has no SQL), added to `found` (which frees keys and values with g_free). */
gboolean  cpt_store_check_schema     (CptDatabase *db, GHashTable *found, GError **error);

typedef struct
{
  gint64      id;
  const char *number;    /* its number, or the one the audit trail recorded; NULL or "": none */
  gboolean    exists;    /* FALSE: the row was deleted; TRUE: it is not validated any more */
} CptStoreCheckDocument;

typedef gboolean (*CptStoreCheckDocumentFunc) (const CptStoreCheckDocument *row, gpointer data);

/* The documents the ledger records as validated that are deleted or not validated any
 * more, in the ledger's order. */
gboolean  cpt_store_check_ledger_documents (CptDatabase *db, CptStoreCheckDocumentFunc func,
                                            gpointer data, GError **error);
/* The same for the validations the audit trail records, in its order (a document validated
 * twice comes twice). */
gboolean  cpt_store_check_audit_documents  (CptDatabase *db, CptStoreCheckDocumentFunc func,
                                            gpointer data, GError **error);

typedef gboolean (*CptStoreCheckTextFunc) (const char *text, gpointer data);

/* The numbers of validated documents (pro formas aside) missing from the ledger. */
gboolean  cpt_store_check_unchained  (CptDatabase *db, guint limit, CptStoreCheckTextFunc func,
                                      gpointer data, GError **error);
/* The company's identity in the keyring, *out NULL when the file has none. */
gboolean  cpt_store_check_company_uuid (CptDatabase *db, char **out, GError **error);

typedef struct
{
  const char *series;
  const char *period;
  gint64      sequence;
  const char *number;
  const char *date;
  gint64      first_number;  /* the series' first number */
  gboolean    first_period;  /* the first period of the series that gave numbers */
} CptStoreCheckNumbered;

typedef gboolean (*CptStoreCheckNumberedFunc) (const CptStoreCheckNumbered *row, gpointer data);

/* Every numbered document (pro formas aside), by series, period and sequence. */
gboolean  cpt_store_check_numbering  (CptDatabase *db, CptStoreCheckNumberedFunc func,
                                      gpointer data, GError **error);

typedef struct
{
  const char *series;
  const char *period;
  gint64      last;            /* the counter: the last number given */
  gboolean    any;             /* whether a document of this series and period is in the file */
  gint64      highest;         /* the highest sequence among them */
  const char *highest_number;  /* and its number */
} CptStoreCheckCounter;

typedef gboolean (*CptStoreCheckCounterFunc) (const CptStoreCheckCounter *row, gpointer data);

/* Every numbering counter (the pro formas' aside), by series and period, with the highest
 * number of its documents (pro formas aside). */
gboolean  cpt_store_check_counters   (CptDatabase *db, CptStoreCheckCounterFunc func,
                                      gpointer data, GError **error);

/* The summaries kept by triggers, each computed again from what it summarises. */
typedef enum
{
  /* A validated invoice whose line in receivables differs (or is missing): `name` is the
   * invoice's number, `id` its id. */
  CPT_STORE_CHECK_RECEIVABLES,
  /* A line of receivables for what is not a validated invoice: the same. */
  CPT_STORE_CHECK_RECEIVABLES_STRAY,
  /* open_by_due: `name` is the due date. */
  CPT_STORE_CHECK_OPEN_BY_DUE,
  /* open_by_client: `name` is the client's name (its id when it has none), `id` the id. */
  CPT_STORE_CHECK_OPEN_BY_CLIENT,
  /* daily_totals: `name` is the day. */
  CPT_STORE_CHECK_DAILY_TOTALS,
  /* paid_by_kind_day (schema 18): `name` is the kind as stored. */
  CPT_STORE_CHECK_PAID_BY_KIND,
  /* kind_day_counts (schema 18): `name` is the kind as stored. */
  CPT_STORE_CHECK_KIND_COUNTS,
  /* kind_due_counts (schema 19): `name` is the kind as stored. */
  CPT_STORE_CHECK_DUE_COUNTS,
  /* kind_client_counts (schema 19): `name` is the kind as stored. */
  CPT_STORE_CHECK_CLIENT_COUNTS,
  /* kind_total_counts (schema 19): `name` is the kind as stored. */
  CPT_STORE_CHECK_TOTAL_COUNTS,
  /* paid_by_kind_due (schema 19): `name` is the kind as stored. */
  CPT_STORE_CHECK_PAID_BY_DUE,
  /* kind_number_counts (schema 20): `name` is the kind as stored. */
  CPT_STORE_CHECK_NUMBER_COUNTS,
  /* paid_by_kind_client, paid_by_kind_total, paid_by_kind_number (schema 22): `name` is the
   * kind as stored. */
  CPT_STORE_CHECK_PAID_BY_CLIENT,
  CPT_STORE_CHECK_PAID_BY_TOTAL,
  CPT_STORE_CHECK_PAID_BY_NUMBER,
  /* open_receivables (schema 23): `name` is the kind as stored. */
  CPT_STORE_CHECK_OPEN_RECEIVABLES,
  /* paid_id_masks (schema 24): `name` is the kind as stored. */
  CPT_STORE_CHECK_PAID_MASKS,
} CptStoreCheckSummary;

typedef struct
{
  const char *name;      /* NULL or "": none */
  gint64      id;        /* 0 when the summary has no id */
} CptStoreCheckNamed;

typedef gboolean (*CptStoreCheckNamedFunc) (const CptStoreCheckNamed *row, gpointer data);

/* Computes once what is owed on each invoice, which the receivables, open_by_due and
 * open_by_client summaries are compared with (a temporary table); summaries_end drops it. */
gboolean  cpt_store_check_summaries_begin (CptDatabase *db, GError **error);
gboolean  cpt_store_check_summaries_end   (CptDatabase *db, GError **error);
/* Where `summary` differs from what it summarises; between summaries_begin and _end. */
gboolean  cpt_store_check_summary    (CptDatabase            *db,
                                      CptStoreCheckSummary    summary,
                                      guint                   limit,
                                      CptStoreCheckNamedFunc  func,
                                      gpointer                data,
                                      GError                **error);

typedef struct
{
  gint64      payment;
  gint64      document;
  gboolean    has_payment;   /* FALSE: the payment is gone */
  gboolean    has_document;  /* FALSE: the document is gone; TRUE: it is no validated invoice */
  const char *number;        /* the document's number, or the one the audit trail recorded */
} CptStoreCheckAllocation;

typedef gboolean (*CptStoreCheckAllocationFunc) (const CptStoreCheckAllocation *row, gpointer data);

/* The allocations whose payment or document is gone, or whose document is not a validated
 * invoice, by payment and document. */
gboolean  cpt_store_check_allocations (CptDatabase *db, guint limit,
                                       CptStoreCheckAllocationFunc func, gpointer data,
                                       GError **error);

G_END_DECLS

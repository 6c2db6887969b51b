/* cpt-ledger.h: the inalterability of validated documents, as French law asks of invoicing
 * software: a hash chain over validated documents, an append-only audit trail, and the check
 * that verifies both with the gapless numbering and SQLite's integrity. */
#pragma once

#include "cpt-database.h"

G_BEGIN_DECLS

/* The canonical text a validated document's hash covers (its row and its lines, as JSON). */
char      *cpt_ledger_canonical   (CptDatabase *db, gint64 document_id, GError **error);
/* Inside the caller's transaction: appends the document to the chain. */
gboolean   cpt_ledger_append      (CptDatabase *db, gint64 document_id, GError **error);
/* Inside the caller's transaction: appends an event to the audit trail. `details` is a JSON
 * object (may be NULL). */
gboolean   cpt_audit_add          (CptDatabase *db, const char *action, gint64 document_id,
                                   const char *details, GError **error);
/* The same, the details given as NULL-terminated pairs of key and text value. */
gboolean   cpt_audit_add_fields   (CptDatabase *db, const char *action, gint64 document_id,
                                   GError **error, const char *first_key, ...) G_GNUC_NULL_TERMINATED;

typedef enum
{
  CPT_LEDGER_CHECK_FULL  = 0,
  /* For the window at each opening: no page-by-page integrity check of the file, and only
   * the last few hundred entries of the chain recomputed. */
  CPT_LEDGER_CHECK_QUICK = 1 << 0,
  /* With QUICK: the whole chain is recomputed all the same (before sealing it). */
  CPT_LEDGER_CHECK_WHOLE_CHAIN = 1 << 1,
  /* SQLite's integrity_check: every index entry compared with its row, slow on a large
   * file (minutes at a million documents). Without it the full check runs quick_check
   * (every page and record) and counts each index's entries against its table's rows: an
   * entry missing or left over is found, but not an entry whose key differs from its row
   * while the counts agree, nor a UNIQUE index holding the same key twice. */
  CPT_LEDGER_CHECK_EVERY_ENTRY = 1 << 2,
} CptLedgerCheckFlags;

/* What the check found, in plain words naming the documents. */
typedef struct
{
  /* The file was changed behind Comptoir's back or is damaged. */
  GPtrArray *problems;
  /* Nothing wrong was seen, but the seal cannot vouch for everything on this computer: the
   * key is not in this keyring (another computer, a backup opened elsewhere), the keyring
   * cannot be used, or documents were validated while it could not be. */
  GPtrArray *unverified;
} CptLedgerReport;

void             cpt_ledger_report_free  (CptLedgerReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CptLedgerReport, cpt_ledger_report_free)

/* Verifies the file: SQLite's integrity (through a connection of its own, beside the rest),
 * the schema and its safeguards (triggers), the hash
 * chain and its seal, that validated documents are all still there and validated, the
 * numbering and its counters, the summaries kept by triggers and the payments' allocations.
 * NULL with an error when any of its queries failed: a check that could not look never says
 * all is well. Slow on a large file (and the keyring is asked): call it from a thread. */
CptLedgerReport *cpt_ledger_check_report (CptDatabase *db, CptLedgerCheckFlags flags,
                                          GCancellable *cancellable, GError **error);

/* The full check's problems only, with CPT_LEDGER_CHECK_EVERY_ENTRY (an empty array when nothing is wrong: the seal may still
 * be unverifiable here), or NULL with an error when the check could not run. */
GPtrArray *cpt_ledger_check       (CptDatabase *db, GError **error);

/* Seals, once, the ledger of a file that has never been sealed, when this computer has no
 * key for its company yet (a file from before the seal, or from a computer without a
 * keyring) and the check of its whole chain finds nothing wrong: the company's first key is
 * made and seals every entry. A file holding a seal, or whose company has a key here, is
 * left as it is: its missing seals were removed, and stay reported. *out_sealed: how many
 * entries were sealed (0 when nothing was to be done). Writes the file and asks the
 * keyring: call it from a thread. */
gboolean   cpt_ledger_seal_unsealed_file (CptDatabase *db, GCancellable *cancellable,
                                          gint64 *out_sealed, GError **error);

G_END_DECLS

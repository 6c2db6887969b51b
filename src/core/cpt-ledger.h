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

/* Verifies everything; returns the problems found, in plain words (an empty array when all
 * is well), or NULL with an error when the check itself could not run. */
GPtrArray *cpt_ledger_check       (CptDatabase *db, GError **error);

G_END_DECLS

/* cpt-store-database.h: what of a CptDatabase only the store may use: the SQLite
 * connection and its statements (issue 11). Nothing outside src/core/store/ includes this
 * header but the tests and benches that look at a file as SQLite sees it (which ask meson
 * for sqlite_dep themselves). */
#pragma once

#include <sqlite3.h>

#include "cpt-database.h"

G_BEGIN_DECLS

sqlite3      *cpt_database_get_handle   (CptDatabase *self);
/* Prepares (cached) a statement; the statement is reset and its bindings cleared. */
sqlite3_stmt *cpt_database_prepare      (CptDatabase *self, const char *sql, GError **error);
/* Steps a statement that returns no row and resets it; on failure sets an error prefixed by
 * `what` (see cpt_database_set_error). */
gboolean      cpt_database_step_done    (CptDatabase *self, sqlite3_stmt *stmt, const char *what,
                                         GError **error);

/* While a file is opened by cpt_database_open_watched () on this thread: says that opening
 * has moved on to `stage` (nothing otherwise). */
void          cpt_database_report_stage (CptDatabaseStage stage);

/* The reason to give for SQLite's error `code` with its `message`: the message, except where
 * plainer words say what to do (a full disk, a file in use). For the connections of threads,
 * which have no CptDatabase to ask (cpt_database_set_error () says the same). */
const char *cpt_store_plain_reason (int         code,
                                    const char *message);

G_END_DECLS

/* cpt-store-sort-key.h: the SQL function `cpt_sort_key(text)`, cpt_sort_key() (the French
 * sort key, cpt-sort-key.h) for the store's own statements on a SQLite connection. Only the
 * code that opens connections uses it (cpt-database.c, through cpt-database-private.h). */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Registers the function on `db`; returns SQLite's result code. It is SQLITE_DIRECTONLY:
 * the schema (triggers, views, indexes, generated columns) can never use it, so the file
 * stays readable without Comptoir. */
int       cpt_sort_key_register       (sqlite3 *db);

G_END_DECLS

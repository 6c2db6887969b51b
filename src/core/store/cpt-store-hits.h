/* cpt-store-hits.h: the SQL function `cpt_search_hit (match, id)`, whether document `id` is
 * one of the hits of the full-text query `match` on documents_fts, for the lists' statements
 * (cpt-document-query.c).
 *
 * A list that shows many of a search's hits tests each row it walks against them. Written
 * `d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)`, SQLite gathers
 * every hit again for each statement: at a million documents, 585 000 hits of "r", about
 * 100 ms for each page of a list of the paid invoices holding "r", and each of its counts
 * and jumps. The function gathers them once per connection into a set of ids and keeps that
 * set for as long as the file is unchanged (the connection's data version and its own
 * changes), so that the next pages cost what their rows cost. `cpt_search_hit_count
 * (match)` says how many there are (gathering them, if not yet), so that a statement can
 * choose between testing rows against the hits and looking each hit up.
 * `cpt_search_hit_count_among (match, ids_sql)` counts the hits among the ids a constant
 * statement gives (the receivables of some status), that set kept the same way: a search
 * that finds most documents, counted in a list of the paid ones. `cpt_search_ordered_id
 * (order_sql, match, ids_sql, offset, descending)` finds the row at a position of such a
 * list from the ids of its kinds kept in its order. The sets are gathered through the
 * aggregate `cpt_gather_ids (id)`, which has no use outside. Only the code that opens
 * connections registers them (cpt-database.c, cpt-paged-list.c). */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Registers the functions on `db`, with a set of hits of its own; returns SQLite's result
 * code. SQLITE_DIRECTONLY: the schema can never use them. */
int       cpt_store_hits_register     (sqlite3 *db);

G_END_DECLS

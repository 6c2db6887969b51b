/* cpt-store-search.h: the store's unit for full-text search (SQLite FTS5 here): the
 * triggers that keep the index in step, its bulk filling, and the matches of what a person
 * typed. How hits are worded stays in cpt-search.c. */
#pragma once

#include "cpt-database.h"
#include "cpt-kinds.h"

G_BEGIN_DECLS

gboolean   cpt_store_search_create_triggers      (CptDatabase *db, GError **error);
gboolean   cpt_store_search_drop_triggers        (CptDatabase *db, GError **error);
gboolean   cpt_store_search_index_documents_after (CptDatabase *db, gint64 after_id,
                                                   GError **error);
gboolean   cpt_store_search_index_clients_after  (CptDatabase *db, gint64 after_id,
                                                  GError **error);

/* What a person typed as this engine's prefix query: every word must match the start of a
 * word ("dup fac" -> "\"dup\"* AND \"fac\"*"). NULL when nothing searchable remains. */
char      *cpt_store_search_match_query          (const char *text);
/* Whether every word of `text` is short enough for the index to hold its documents in
 * one list of its own (its prefixes: schema 14), so that testing one document against
 * the match is a short lookup rather than a merge of the lists of many words. */
gboolean   cpt_store_search_prefix_indexed       (const char *text);
/* `match` (a match query) restricted to the documents of `kinds` (NULL or empty: of any
 * kind), through the words of the kinds that the index holds (schema 14): the index alone
 * answers which hits a list of those kinds has. */
char      *cpt_store_search_match_in_kinds       (const char        *match,
                                                  const char *const *kinds);
/* The same hits, as `match` but not of the other kinds (every document holds the word of
 * its kind, one): FTS5 reads the list of documents of each kind's word the query names,
 * so a list of most documents names the fewer ones it leaves out. NULL when `kinds` is NULL
 * or empty (no kind to leave out). */
char      *cpt_store_search_match_outside_kinds  (const char        *match,
                                                  const char *const *kinds);

typedef struct
{
  gint64  id;
  char   *name;
  char   *city;     /* "" when unknown */
  char   *email;    /* "" when unknown */
} CptStoreClientMatch;

typedef struct
{
  gint64  id;
  char   *number;   /* NULL for a draft */
  CptDocumentKind kind;
  char   *client_name;
  char   *title;    /* "" when none */
  char   *date;
} CptStoreDocumentMatch;

void       cpt_store_client_match_free   (CptStoreClientMatch *match);
void       cpt_store_document_match_free (CptStoreDocumentMatch *match);

/* The clients matching every word of `text`, best first, at most `limit`
 * (CptStoreClientMatch); empty when nothing searchable was typed. */
GPtrArray *cpt_store_search_clients   (CptDatabase *db, const char *text, guint limit,
                                       GError **error);
/* The documents matching every word of `text`, newest first, at most `limit`
 * (CptStoreDocumentMatch). */
GPtrArray *cpt_store_search_documents (CptDatabase *db, const char *text, guint limit,
                                       GError **error);

G_END_DECLS

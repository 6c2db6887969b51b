/* cpt-search.h: full-text search over clients and documents (the index is the store's:
 * cpt-store-search.h). */
#pragma once

#include "cpt-database.h"
#include "cpt-kinds.h"

G_BEGIN_DECLS

/* The triggers that keep clients_fts and documents_fts in step with their tables. */
gboolean cpt_search_create_triggers (CptDatabase *db, GError **error);
/* Bulk loads (the demo generator) drop the triggers, insert, then rebuild the index rows of
 * the documents with id > `after_id` in one pass and create the triggers again. */
gboolean cpt_search_drop_triggers   (CptDatabase *db, GError **error);
gboolean cpt_search_index_documents_after (CptDatabase *db, gint64 after_id, GError **error);
gboolean cpt_search_index_clients_after   (CptDatabase *db, gint64 after_id, GError **error);

/* Turns what a person types into the store's prefix query (cpt_store_search_match_query):
 * every word must match the start of a word ("dup fac" -> "\"dup\"* AND \"fac\"*").
 * Returns NULL when nothing searchable remains (only punctuation or blanks). For the list
 * queries that have not moved into the store yet. */
char    *cpt_search_build_query     (const char *text);

typedef enum
{
  CPT_SEARCH_HIT_CLIENT,
  CPT_SEARCH_HIT_DOCUMENT,
} CptSearchHitKind;

typedef struct
{
  CptSearchHitKind kind;
  gint64           id;
  char            *title;     /* client name, or document number (or "Draft") */
  char            *subtitle;  /* city / email, or client name and title */
  CptDocumentKind  doc_kind;  /* documents only */
} CptSearchHit;

void       cpt_search_hit_free (CptSearchHit *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CptSearchHit, cpt_search_hit_free)

/* Clients first (best match first), then documents (newest first), at most `limit` of each. */
GPtrArray *cpt_search_run (CptDatabase *db, const char *text, guint limit, GError **error);

G_END_DECLS

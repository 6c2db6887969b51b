#define G_LOG_DOMAIN "cpt-search"

#include "cpt-search.h"
#include "cpt-store-search.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

/* The index's upkeep is the store's; these stay for the callers that open and migrate the
 * file and fill it in bulk. */
gboolean
cpt_search_create_triggers (CptDatabase *db, GError **error)
{
  return cpt_store_search_create_triggers (db, error);
}

gboolean
cpt_search_drop_triggers (CptDatabase *db, GError **error)
{
  return cpt_store_search_drop_triggers (db, error);
}

gboolean
cpt_search_index_documents_after (CptDatabase *db, gint64 after_id, GError **error)
{
  return cpt_store_search_index_documents_after (db, after_id, error);
}

gboolean
cpt_search_index_clients_after (CptDatabase *db, gint64 after_id, GError **error)
{
  return cpt_store_search_index_clients_after (db, after_id, error);
}

char *
cpt_search_build_query (const char *text)
{
  return cpt_store_search_match_query (text);
}

void
cpt_search_hit_free (CptSearchHit *hit)
{
  g_free (hit->title);
  g_free (hit->subtitle);
  g_free (hit);
}

GPtrArray *
cpt_search_run (CptDatabase *db, const char *text, guint limit, GError **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) cpt_search_hit_free);
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GPtrArray) documents = NULL;

  if ((clients = cpt_store_search_clients (db, text, limit, error)) == NULL ||
      (documents = cpt_store_search_documents (db, text, limit, error)) == NULL)
    return NULL;
  for (guint i = 0; i < clients->len; i++)
    {
      CptStoreClientMatch *match = g_ptr_array_index (clients, i);
      CptSearchHit *hit = g_new0 (CptSearchHit, 1);

      hit->kind = CPT_SEARCH_HIT_CLIENT;
      hit->id = match->id;
      hit->title = g_strdup (match->name);
      hit->subtitle = g_strdup_printf ("%s%s%s", match->city,
                                       *match->city && *match->email ? " · " : "", match->email);
      g_ptr_array_add (hits, hit);
    }
  for (guint i = 0; i < documents->len; i++)
    {
      CptStoreDocumentMatch *match = g_ptr_array_index (documents, i);
      CptSearchHit *hit = g_new0 (CptSearchHit, 1);

      hit->kind = CPT_SEARCH_HIT_DOCUMENT;
      hit->id = match->id;
      hit->doc_kind = match->kind;
      hit->title = match->number ? g_strdup (match->number)
                                 /* Translators: a draft has no number yet: it is named by its id */
                                 : g_strdup_printf (_("Draft #%" PRId64), hit->id);
      hit->subtitle = g_strdup_printf ("%s%s%s · %s", match->client_name,
                                       *match->title ? " · " : "", match->title, match->date);
      g_ptr_array_add (hits, hit);
    }
  return g_steal_pointer (&hits);
}

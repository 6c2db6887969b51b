#define G_LOG_DOMAIN "cpt-store"

#include "cpt-store-hits.h"

/* The hits of one query: a bit per id from the first hit to the last when they are close
 * together (a search that finds many: 585 000 hits among a million ids, 125 KB), else the
 * ids themselves, sorted. */
typedef struct
{
  gatomicrefcount  ref;
  guint            n;       /* how many */
  gint64           first;
  guint64          n_bits;
  guint64         *bits;
  GArray          *ids;     /* gint64, when bits is NULL */
} Hits;

/* A connection's last set of hits, and the state of the file it was gathered from. A
 * connection is used by one thread at a time, so is its set. */
typedef struct
{
  char          *match;
  gint64         data_version;   /* changes when another connection commits */
  sqlite3_int64  changes;        /* changes when this one writes */
  Hits          *hits;
} Cache;

static Hits *
hits_ref (Hits *hits)
{
  g_atomic_ref_count_inc (&hits->ref);
  return hits;
}

static void
hits_unref (void *data)
{
  Hits *hits = data;

  if (hits == NULL || !g_atomic_ref_count_dec (&hits->ref))
    return;
  g_free (hits->bits);
  g_clear_pointer (&hits->ids, g_array_unref);
  g_free (hits);
}

static gboolean
hits_contain (const Hits *hits, gint64 id)
{
  if (hits->bits != NULL)
    {
      guint64 bit = (guint64) id - (guint64) hits->first;

      return id >= hits->first && bit < hits->n_bits &&
             (hits->bits[bit / 64] >> (bit % 64) & 1) != 0;
    }
  for (guint low = 0, high = hits->ids->len; low < high;)
    {
      guint middle = low + (high - low) / 2;
      gint64 at = g_array_index (hits->ids, gint64, middle);

      if (at == id)
        return TRUE;
      if (at < id)
        low = middle + 1;
      else
        high = middle;
    }
  return FALSE;
}

/* Reads the hits of `match`, in the order of their ids. */
static Hits *
hits_gather (sqlite3 *db, const char *match, int *rc)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  Hits *hits;

  *rc = sqlite3_prepare_v2 (db, "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1 "
                            "ORDER BY rowid", -1, &stmt, NULL);
  if (*rc != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while ((*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  if (*rc != SQLITE_DONE)
    return NULL;

  hits = g_new0 (Hits, 1);
  g_atomic_ref_count_init (&hits->ref);
  hits->n = ids->len;
  if (ids->len > 0)
    {
      gint64 first = g_array_index (ids, gint64, 0);
      guint64 span = (guint64) g_array_index (ids, gint64, ids->len - 1) - (guint64) first + 1;

      /* Bits when they take no more room than the ids would (8 bytes each). */
      if (span / 64 <= ids->len)
        {
          hits->first = first;
          hits->n_bits = span;
          hits->bits = g_new0 (guint64, span / 64 + 1);
          for (guint i = 0; i < ids->len; i++)
            {
              guint64 bit = (guint64) g_array_index (ids, gint64, i) - (guint64) first;

              hits->bits[bit / 64] |= G_GUINT64_CONSTANT (1) << (bit % 64);
            }
          return hits;
        }
    }
  hits->ids = g_steal_pointer (&ids);
  return hits;
}

static gint64
data_version (sqlite3 *db, int *rc)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version = -1;

  if ((*rc = sqlite3_prepare_v2 (db, "PRAGMA data_version", -1, &stmt, NULL)) != SQLITE_OK)
    return -1;
  if ((*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      version = sqlite3_column_int64 (stmt, 0);
      *rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return version;
}

/* The hits of `match` as the connection sees the file now: the last ones gathered if
 * nothing changed since, else gathered again. A new reference. */
static Hits *
cache_get (Cache *cache, sqlite3 *db, const char *match, int *rc)
{
  gint64 version = data_version (db, rc);
  sqlite3_int64 changes = sqlite3_total_changes64 (db);
  Hits *hits;

  if (*rc != SQLITE_OK)
    return NULL;
  if (cache->hits != NULL && version == cache->data_version && changes == cache->changes &&
      g_strcmp0 (cache->match, match) == 0)
    return hits_ref (cache->hits);
  if ((hits = hits_gather (db, match, rc)) == NULL)
    return NULL;
  g_clear_pointer (&cache->hits, hits_unref);
  g_free (cache->match);
  cache->match = g_strdup (match);
  cache->data_version = version;
  cache->changes = changes;
  cache->hits = hits_ref (hits);
  return hits;
}

static void
cache_free (void *data)
{
  Cache *cache = data;

  g_clear_pointer (&cache->hits, hits_unref);
  g_free (cache->match);
  g_free (cache);
}

static void
search_hit_sql (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  /* The hits are kept beside the statement while it runs (its match is a constant): the set
   * is looked up once per statement, not once per row. */
  Hits *hits = sqlite3_get_auxdata (context, 0);
  const char *match;
  int rc = SQLITE_OK;

  if (hits != NULL)
    {
      sqlite3_result_int (context, hits_contain (hits, sqlite3_value_int64 (argv[1])));
      return;
    }
  match = (const char *) sqlite3_value_text (argv[0]);
  if (match == NULL)
    {
      sqlite3_result_int (context, 0);
      return;
    }
  hits = cache_get (sqlite3_user_data (context), sqlite3_context_db_handle (context), match, &rc);
  if (hits == NULL)
    {
      sqlite3_result_error_code (context, rc != SQLITE_OK ? rc : SQLITE_ERROR);
      return;
    }
  sqlite3_result_int (context, hits_contain (hits, sqlite3_value_int64 (argv[1])));
  /* SQLite may free what it is given at once: it gets a reference of its own. */
  sqlite3_set_auxdata (context, 0, hits_ref (hits), hits_unref);
  hits_unref (hits);
}

static void
search_hit_count_sql (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  const char *match = (const char *) sqlite3_value_text (argv[0]);
  Hits *hits;
  int rc = SQLITE_OK;

  if (match == NULL)
    {
      sqlite3_result_int (context, 0);
      return;
    }
  hits = cache_get (sqlite3_user_data (context), sqlite3_context_db_handle (context), match, &rc);
  if (hits == NULL)
    {
      sqlite3_result_error_code (context, rc != SQLITE_OK ? rc : SQLITE_ERROR);
      return;
    }
  sqlite3_result_int64 (context, hits->n);
  hits_unref (hits);
}

int
cpt_store_hits_register (sqlite3 *db)
{
  Cache *cache = g_new0 (Cache, 1);
  int rc;

  /* Both functions share the connection's set, freed with cpt_search_hit (by SQLite, also
   * when registering it fails: the connection is then closed unused). */
  rc = sqlite3_create_function_v2 (db, "cpt_search_hit_count", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                   cache, search_hit_count_sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      cache_free (cache);
      return rc;
    }
  return sqlite3_create_function_v2 (db, "cpt_search_hit", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                     cache, search_hit_sql, NULL, NULL, cache_free);
}

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

/* A set of ids as a connection last gathered it, and the state of the file then. */
typedef struct
{
  char          *key;            /* the search's match, or the statement of the ids */
  gint64         data_version;   /* changes when another connection commits */
  sqlite3_int64  changes;        /* changes when this one writes */
  Hits          *hits;
} Kept;

/* A connection's last set of hits, and its last set of ids of some status (for
 * cpt_search_hit_count_among). A connection is used by one thread at a time, so are they. */
typedef struct
{
  Kept search;
  Kept among;
  Kept order;   /* the ids of a list's kinds in its order (cpt_search_ordered_id) */
  GArray *gathering; /* where cpt_gather_ids () puts the ids, while hits_gather () runs */
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

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* cpt_gather_ids (id): an aggregate that appends each id to the array the connection is
 * gathering into (Cache.gathering). Stepping a statement row by row returns to C for each
 * id; an aggregate reads them all in one step: at a million documents, the 739 000 hits of
 * "r" in 25 ms instead of 42. */
static void
gather_ids_step (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  Cache *cache = sqlite3_user_data (context);
  gint64 id = sqlite3_value_int64 (argv[0]);

  if (cache->gathering == NULL)
    {
      sqlite3_result_error (context, "cpt_gather_ids: nothing is being gathered", -1);
      return;
    }
  g_array_append_val (cache->gathering, id);
}

static void
gather_ids_final (sqlite3_context *context)
{
  sqlite3_result_null (context);
}

/* The ids `stmt` gives as rows (word, mask) of 64 ids each (paid_id_masks, schema 24): id
 * word * 64 + b when bit b of mask is set. Rows of several kinds may share a word. */
static Hits *
hits_from_masks (sqlite3_stmt *stmt, int *rc)
{
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  gint64 low = G_MAXINT64, high = G_MININT64;
  Hits *hits;

  while ((*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 row[2] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      if (row[1] == 0 || row[0] < 0 || row[0] > G_MAXINT64 / 64)
        continue;
      g_array_append_val (words, row);
      low = MIN (low, row[0]);
      high = MAX (high, row[0]);
    }
  if (*rc != SQLITE_DONE)
    return NULL;
  hits = g_new0 (Hits, 1);
  g_atomic_ref_count_init (&hits->ref);
  if (words->len == 0)
    {
      hits->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      return hits;
    }
  hits->first = low * 64;
  hits->n_bits = (guint64) (high - low + 1) * 64;
  hits->bits = g_new0 (guint64, hits->n_bits / 64 + 1);
  for (guint i = 0; i < words->len; i++)
    {
      const gint64 *row = &g_array_index (words, gint64, 2 * i);

      hits->bits[row[0] - low] |= (guint64) row[1];
    }
  for (guint64 w = 0; w < hits->n_bits / 64; w++)
    hits->n += (guint) __builtin_popcountll (hits->bits[w]);
  return hits;
}

/* Reads the ids `sql` gives (its one parameter `match`, if not NULL) as a set, or with
 * `in_order` as a sequence, in the order `sql` gives them (stepped row by row: an
 * aggregate's rows come in no promised order). A statement of two columns gives them as
 * words and masks (hits_from_masks ()). */
static Hits *
hits_gather (Cache *cache, sqlite3 *db, const char *sql, const char *match, gboolean in_order, int *rc)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *gathering = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean sorted = TRUE;
  Hits *hits;

  if (!in_order && match == NULL)
    {
      *rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
      if (*rc != SQLITE_OK)
        return NULL;
      if (sqlite3_column_count (stmt) == 2)
        {
          hits = hits_from_masks (stmt, rc);
          sqlite3_finalize (stmt);
          return hits;
        }
      sqlite3_finalize (stmt);
      stmt = NULL;
    }

  /* (a gathering under way on the connection, which no statement of it can start, would
   * only be stepped row by row) */
  if (!in_order && cache->gathering == NULL)
    gathering = g_strdup_printf ("WITH gathered (id) AS (%s) SELECT cpt_gather_ids (id) FROM gathered", sql);
  *rc = sqlite3_prepare_v2 (db, gathering != NULL ? gathering : sql, -1, &stmt, NULL);
  if (*rc != SQLITE_OK)
    return NULL;
  if (match != NULL)
    sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  if (gathering != NULL)
    {
      cache->gathering = ids;
      while ((*rc = sqlite3_step (stmt)) == SQLITE_ROW)
        ;
      cache->gathering = NULL;
    }
  else
    while ((*rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);

        g_array_append_val (ids, id);
      }
  sqlite3_finalize (stmt);
  if (*rc != SQLITE_DONE)
    return NULL;
  for (guint i = 1; sorted && i < ids->len; i++)
    sorted = g_array_index (ids, gint64, i - 1) < g_array_index (ids, gint64, i);
  /* ids of a status come in the order of the index SQLite chose */
  if (!sorted && !in_order)
    g_array_sort (ids, compare_ids);

  hits = g_new0 (Hits, 1);
  g_atomic_ref_count_init (&hits->ref);
  hits->n = ids->len;
  if (ids->len > 0 && !in_order)
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

/* The ids of `key` as the connection sees the file now: the last ones gathered if nothing
 * changed since, else gathered again by `sql` (with `match`). A new reference. */
static Hits *
kept_get (Kept *kept, Cache *cache, sqlite3 *db, const char *key, const char *sql, const char *match,
          gboolean in_order, int *rc)
{
  gint64 version = data_version (db, rc);
  sqlite3_int64 changes = sqlite3_total_changes64 (db);
  Hits *hits;

  if (*rc != SQLITE_OK)
    return NULL;
  if (kept->hits != NULL && version == kept->data_version && changes == kept->changes &&
      g_strcmp0 (kept->key, key) == 0)
    return hits_ref (kept->hits);
  if ((hits = hits_gather (cache, db, sql, match, in_order, rc)) == NULL)
    return NULL;
  g_clear_pointer (&kept->hits, hits_unref);
  g_free (kept->key);
  kept->key = g_strdup (key);
  kept->data_version = version;
  kept->changes = changes;
  kept->hits = hits_ref (hits);
  return hits;
}

/* The hits of `match`. */
static Hits *
cache_get (Cache *cache, sqlite3 *db, const char *match, int *rc)
{
  return kept_get (&cache->search, cache, db, match,
                   "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1",
                   match, FALSE, rc);
}

static void
kept_clear (Kept *kept)
{
  g_clear_pointer (&kept->hits, hits_unref);
  g_clear_pointer (&kept->key, g_free);
}

static void
cache_free (void *data)
{
  Cache *cache = data;

  kept_clear (&cache->search);
  kept_clear (&cache->among);
  kept_clear (&cache->order);
  g_free (cache);
}

/* How many ids of `a` are in `b`: each of a's looked up in b (a few ns each: a bit, or a
 * search among sorted ids). */
static gint64
count_common (const Hits *a, const Hits *b)
{
  gint64 n = 0;

  if (a->bits != NULL)
    {
      for (guint64 w = 0; w <= a->n_bits / 64; w++)
        for (guint64 word = a->bits[w]; word != 0; word &= word - 1)
          n += hits_contain (b, a->first + (gint64) (w * 64 + (guint64) __builtin_ctzll (word)));
      return n;
    }
  for (guint i = 0; i < a->ids->len; i++)
    n += hits_contain (b, g_array_index (a->ids, gint64, i));
  return n;
}

/* Whether argv[1] is in the set argv[0] names: the hits of a match (`search`), else the ids
 * of a statement (cpt_search_id_among). The set is kept beside the statement while it runs
 * (argv[0] is a constant): it is looked up once per statement, not once per row. */
static void
test_membership (sqlite3_context *context, sqlite3_value **argv, gboolean search)
{
  Hits *hits = sqlite3_get_auxdata (context, 0);
  Cache *cache = sqlite3_user_data (context);
  sqlite3 *db = sqlite3_context_db_handle (context);
  const char *key;
  int rc = SQLITE_OK;

  if (hits != NULL)
    {
      sqlite3_result_int (context, hits_contain (hits, sqlite3_value_int64 (argv[1])));
      return;
    }
  key = (const char *) sqlite3_value_text (argv[0]);
  if (key == NULL)
    {
      sqlite3_result_int (context, 0);
      return;
    }
  hits = search ? cache_get (cache, db, key, &rc) : kept_get (&cache->among, cache, db, key, key, NULL, FALSE, &rc);
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
search_hit_sql (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  test_membership (context, argv, TRUE);
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

/* cpt_search_hit_count_among (match, ids_sql): how many of the hits of `match` are among
 * the ids `ids_sql` gives (a constant statement without parameters), both sets gathered
 * once and kept while the file is unchanged. A search that finds most documents, in a list
 * of some status: at a million documents, the paid invoices holding "r" were counted by
 * testing each of the 690 000 paid receivables against the 585 000 hits in SQL, about 40 ms
 * each time; with both sets kept, what they share is counted in C in a few ms, and the next
 * keystroke gathers only its own hits. */
static void
search_hit_count_among_sql (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  const char *match = (const char *) sqlite3_value_text (argv[0]);
  const char *ids_sql = (const char *) sqlite3_value_text (argv[1]);
  Cache *cache = sqlite3_user_data (context);
  sqlite3 *db = sqlite3_context_db_handle (context);
  Hits *hits, *among;
  int rc = SQLITE_OK;

  if (match == NULL || ids_sql == NULL)
    {
      sqlite3_result_int (context, 0);
      return;
    }
  hits = cache_get (cache, db, match, &rc);
  among = hits != NULL ? kept_get (&cache->among, cache, db, ids_sql, ids_sql, NULL, FALSE, &rc) : NULL;
  if (hits == NULL || among == NULL)
    sqlite3_result_error_code (context, rc != SQLITE_OK ? rc : SQLITE_ERROR);
  else
    sqlite3_result_int64 (context, hits->n <= among->n ? count_common (hits, among)
                                                       : count_common (among, hits));
  if (hits != NULL)
    hits_unref (hits);
  if (among != NULL)
    hits_unref (among);
}

/* cpt_search_id_among (ids_sql, id): whether `id` is among the ids `ids_sql` gives, the set
 * kept as for cpt_search_hit_count_among (the same key: a list's count and its walks share
 * it). A list of a search that finds many, in some status, walks its sort order testing
 * each row: a bit looked up, where the status's condition looked the row's receivable up
 * in its table (about 0.3 µs a row at a million documents). */
static void
search_id_among_sql (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  test_membership (context, argv, FALSE);
}

/* cpt_search_ordered_id (order_sql, match, ids_sql, offset, descending): the id of the row
 * at `offset` of a list of the hits of `match` (and, unless `ids_sql` is NULL, among the
 * ids it gives), in the order of the ids `order_sql` gives (a constant statement: every
 * document of the list's kinds in the list's order; from its end with `descending`); NULL
 * past the end. The three sets are kept as the others are, while the file is unchanged: a
 * jump tests a bit per row walked, in C. At a million documents, a jump in the paid invoices
 * holding "r" walked the date index testing each row in SQL, and the list's positions walked
 * it all: 250 ms. */
static void
search_ordered_id_sql (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  const char *order_sql = (const char *) sqlite3_value_text (argv[0]);
  const char *match = (const char *) sqlite3_value_text (argv[1]);
  const char *ids_sql = (const char *) sqlite3_value_text (argv[2]);
  gint64 offset = sqlite3_value_int64 (argv[3]);
  gboolean descending = sqlite3_value_int (argv[4]) != 0;
  Cache *cache = sqlite3_user_data (context);
  sqlite3 *db = sqlite3_context_db_handle (context);
  Hits *order = NULL, *hits = NULL, *among = NULL;
  int rc = SQLITE_OK;

  if (order_sql == NULL || match == NULL || offset < 0)
    {
      sqlite3_result_null (context);
      return;
    }
  order = kept_get (&cache->order, cache, db, order_sql, order_sql, NULL, TRUE, &rc);
  hits = order != NULL ? cache_get (cache, db, match, &rc) : NULL;
  if (hits != NULL && ids_sql != NULL)
    among = kept_get (&cache->among, cache, db, ids_sql, ids_sql, NULL, FALSE, &rc);
  if (order == NULL || hits == NULL || (ids_sql != NULL && among == NULL))
    sqlite3_result_error_code (context, rc != SQLITE_OK ? rc : SQLITE_ERROR);
  else
    {
      const gint64 *ids = (const gint64 *) (gpointer) order->ids->data;
      guint n = order->ids->len;
      gboolean found = FALSE;

      for (guint i = 0; i < n; i++)
        {
          gint64 id = ids[descending ? n - 1 - i : i];

          if (hits_contain (hits, id) && (among == NULL || hits_contain (among, id)) && offset-- == 0)
            {
              sqlite3_result_int64 (context, id);
              found = TRUE;
              break;
            }
        }
      if (!found)
        sqlite3_result_null (context);
    }
  g_clear_pointer (&order, hits_unref);
  g_clear_pointer (&hits, hits_unref);
  g_clear_pointer (&among, hits_unref);
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
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (db, "cpt_search_hit_count_among", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                     cache, search_hit_count_among_sql, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (db, "cpt_search_id_among", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                     cache, search_id_among_sql, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (db, "cpt_search_ordered_id", 5, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                     cache, search_ordered_id_sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      cache_free (cache);
      return rc;
    }
  rc = sqlite3_create_function_v2 (db, "cpt_gather_ids", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, cache,
                                   NULL, gather_ids_step, gather_ids_final, NULL);
  if (rc != SQLITE_OK)
    {
      cache_free (cache);
      return rc;
    }
  return sqlite3_create_function_v2 (db, "cpt_search_hit", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                     cache, search_hit_sql, NULL, NULL, cache_free);
}

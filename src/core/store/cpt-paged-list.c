#define G_LOG_DOMAIN "cpt-paged-list"

#include "cpt-store-database.h"
#include "cpt-paged-list.h"
#include "cpt-paged-list-private.h"
#include "cpt-store-hits.h"
#include "cpt-error.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

/* Pages kept in memory; the least recently used one goes first. */
#define MAX_CACHED_PAGES 16
#define PAGE CPT_PAGED_LIST_PAGE_SIZE

typedef struct
{
  GPtrArray      *items;
  sqlite3_value **first_keys;
  sqlite3_value **last_keys;
} Page;

/* The statements that read pages with one plan of the query. */
typedef struct
{
  char *first_sql;      /* the first page, read by the counting thread */
  char *after_sql[2];   /* keyset: rows after given keys, in [0] list order, [1] rows
                         * before them in reversed order */
  char *from_sql[2];    /* the same, including the row with the given keys */
  char *key_sql[2];     /* the keys of the row at an offset, [0] from the start, [1] from
                         * the end */
  char *keys_sql;       /* the keys of every row, in list order (to take positions) */
  char *key_after_sql;  /* the keys of the row at an offset from given keys (included) */
  char *position_sql;   /* the keys of the row at an offset found from a summary, without
                         * walking the rows before it (NULL: none; see CptPagedQuery) */
} PageSql;

static void
page_sql_clear (PageSql *sql)
{
  g_free (sql->first_sql);
  for (guint i = 0; i < 2; i++)
    {
      g_free (sql->after_sql[i]);
      g_free (sql->from_sql[i]);
      g_free (sql->key_sql[i]);
    }
  g_free (sql->keys_sql);
  g_free (sql->key_after_sql);
  g_free (sql->position_sql);
  *sql = (PageSql) { 0 };
}

/* The plan for a list of `count` rows. */
#define PLAN_FOR(dense_from, count) ((dense_from) > 0 && (guint64) (count) >= (dense_from) ? 1 : 0)

/* Positions: the sort keys of every `step`-th row of the list, taken by one walk of the
 * keys in a thread at the first jump after a count. A jump to row p then starts from the keys of row
 * p - p % step and passes over fewer than `step` index entries, where OFFSET p would pass
 * over all p rows before it (SQLite has no way to find the n-th entry of an index without
 * walking to it): at a million rows, a jump to the middle goes from tens of milliseconds
 * to a fraction of one, whatever the sort. Forgotten at each reload; until they are
 * there, jumps use OFFSET from the nearer end. Immutable once made, shared by the page
 * threads. */
typedef struct
{
  gatomicrefcount  ref;
  guint            plan;     /* the plan whose order they follow */
  guint            step;
  guint            n_keys;
  guint            n;        /* positions taken: rows 0, step, 2 step... */
  sqlite3_value  **keys;     /* n × n_keys */
} Positions;

struct _CptPagedList
{
  GObject              parent_instance;
  CptDatabase         *db;
  GType                item_type;
  guint                n_keys;
  char                *count_sql;
  /* How pages are read: [0] from `from_where`, [1] from `dense_from_where` when the list
   * counts at least `dense_from` rows (CptPagedQuery); `plan` says which, from the count. */
  PageSql              sql[2];
  char                *quick_first_sql; /* the dense plan's first page, tried first (NULL: none) */
  char                *warm_sql;        /* run by the reader once counted (CptPagedQuery) */
  GCancellable        *warming;         /* set while the reader runs it */
  guint                plan;
  guint64              dense_from;      /* 0: one plan only */
  GPtrArray           *params;
  CptPagedListRowFunc  row_func;
  CptPagedListFillFunc fill;
  guint                n_items;
  GHashTable          *pages;          /* page index -> Page */
  GQueue               lru;            /* page indexes, most recent first */
  guint64              rows_fetched;
  guint64              steps;           /* SQLite VM steps spent on the main thread's reads */
  GError              *error;
  GCancellable        *counting;        /* set while a thread counts */
  gboolean             in_thread;       /* count, read the first page and every page after
                                         * in threads: the main loop never waits for a row */
  /* Pages being read in a thread: page index -> GCancellable; their rows are NULL until
   * then, and items-changed announces them. */
  GHashTable          *loading;
  GQueue               loading_order;   /* page indexes, oldest request first */
  guint                generation;      /* a reload makes older reads worthless */
  GArray              *given_up;        /* pages whose read gave way (guint), told in an idle */
  guint                given_up_source;
  struct Reader       *reader;          /* the connection those threads read with */
  Positions           *positions;       /* NULL: none taken (yet) */
  GCancellable        *positioning;     /* set while a thread takes them */
  /* Rows shown until their page is read: page index -> GPtrArray of empty items of the
   * list's type, one per row (GTK wants an item at every position, and tells rows apart
   * by identity). */
  GHashTable          *placeholders;
  /* Pages whose items were let go of while a count was under way (keep_items_to_fill ()):
   * told as changed when it is back. */
  GArray              *stale;
  /* Lists filled in place: pages whose read gave way to later ones, the latest first; read
   * when a read ends, if their placeholders are still held (a view still shows them). */
  GQueue               deferred;
};

/* Pages read in threads at once at most: a scrollbar dragged across a million rows asks
 * for many pages on its way; only the last ones asked for are still wanted. */
#define MAX_LOADING_PAGES 3
/* Pages whose items a reload keeps to fill (keep_items_to_fill ()): those a view holds,
 * which can be a few hundred rows (a list view makes rows for 200 before it knows their
 * height); their reads wait their turn (`deferred`). */
#define MAX_KEPT_PAGES 8

static void cpt_paged_list_model_init (GListModelInterface *iface);

enum {
  PROP_0,
  PROP_COUNTING,
  PROP_WARMING,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE_WITH_CODE (CptPagedList, cpt_paged_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, cpt_paged_list_model_init))

static void
free_keys (sqlite3_value **keys, guint n)
{
  for (guint i = 0; keys && i < n; i++)
    sqlite3_value_free (keys[i]);
  g_free (keys);
}

static Page *
page_new_empty (void)
{
  Page *page = g_new0 (Page, 1);

  page->items = g_ptr_array_new_with_free_func (g_object_unref);
  return page;
}

static void
page_free (gpointer data, guint n_keys)
{
  Page *page = data;

  g_ptr_array_unref (page->items);
  free_keys (page->first_keys, n_keys);
  free_keys (page->last_keys, n_keys);
  g_free (page);
}

static void bind_variants (sqlite3_stmt *stmt, GPtrArray *params);

/* Binds the list's parameters; returns the index of the next free one. */
static int
bind_params (CptPagedList *self, sqlite3_stmt *stmt)
{
  bind_variants (stmt, self->params);
  return (self->params ? self->params->len : 0) + 1;
}

/* Takes `error` (NULL: the list reads again) and says so: a window shows it in place of
 * the rows, which are then missing or empty, never presented as the list. */
static void
replace_error (CptPagedList *self, GError *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  self->error = error;
  if (error != NULL)
    g_message ("%s", error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_error (CptPagedList *self)
{
  GError *error = NULL;

  cpt_database_set_error (self->db, &error, _("Could not read the list"));
  replace_error (self, error);
}

/* A read made in a thread failed for `reason`. */
static void
set_thread_error (CptPagedList *self, const GError *reason)
{
  replace_error (self, g_error_new (CPT_ERROR, CPT_ERROR_DATABASE, _("Could not read the list: %s"),
                                    reason->message));
}

static guint
count_items (CptPagedList *self)
{
  sqlite3_stmt *stmt = cpt_database_prepare (self->db, self->count_sql, NULL);
  guint n = 0;

  if (stmt == NULL)
    {
      set_error (self);
      return 0;
    }
  bind_params (self, stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      n = (guint) MIN (sqlite3_column_int64 (stmt, 0), G_MAXUINT);
      replace_error (self, NULL);
    }
  else
    set_error (self);
  sqlite3_reset (stmt);
  self->plan = PLAN_FOR (self->dense_from, n);
  return n;
}

static sqlite3_value **
copy_keys (guint n_keys, sqlite3_stmt *stmt)
{
  sqlite3_value **keys = g_new0 (sqlite3_value *, n_keys);
  int first = sqlite3_column_count (stmt) - n_keys;

  for (guint k = 0; k < n_keys; k++)
    keys[k] = sqlite3_value_dup (sqlite3_column_value (stmt, first + k));
  return keys;
}

/* Reads the rows of a prepared page query into a page; `reversed` rows come last-first and
 * are put back in order. Touches nothing but its arguments, so that a thread can use it.
 * Returns the last sqlite3_step() code (SQLITE_DONE when all went well). */
static int
read_page (sqlite3_stmt        *stmt,
           guint                n_keys,
           CptPagedListRowFunc  row_func,
           gboolean             reversed,
           Page               **out_page)
{
  Page *page = g_new0 (Page, 1);
  sqlite3_value **first = NULL, **last = NULL;
  int rc;

  page->items = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      sqlite3_value **keys = copy_keys (n_keys, stmt);

      g_ptr_array_add (page->items, row_func (stmt));
      if (first == NULL)
        first = keys;
      else
        {
          free_keys (last, n_keys);
          last = keys;
        }
    }
  sqlite3_reset (stmt);
  if (first != NULL && last == NULL)
    {
      last = g_new0 (sqlite3_value *, n_keys);
      for (guint k = 0; k < n_keys; k++)
        last[k] = sqlite3_value_dup (first[k]);
    }
  /* Keys of the first and the last row in list order. */
  page->first_keys = reversed ? last : first;
  page->last_keys = reversed ? first : last;
  if (reversed)
    for (guint i = 0, j = page->items->len ? page->items->len - 1 : 0; i < j; i++, j--)
      {
        gpointer tmp = page->items->pdata[i];
        page->items->pdata[i] = page->items->pdata[j];
        page->items->pdata[j] = tmp;
      }
  *out_page = page;
  return rc;
}

static Page *
run_page_query (CptPagedList *self, sqlite3_stmt *stmt, gboolean reversed)
{
  Page *page = NULL;

  if (read_page (stmt, self->n_keys, self->row_func, reversed, &page) != SQLITE_DONE)
    set_error (self);
  self->rows_fetched += page->items->len;
  self->steps += sqlite3_stmt_status (stmt, SQLITE_STMTSTATUS_VM_STEP, TRUE);
  return page;
}

/* ---- the connections a list reads with in threads */

static int
stop_if_cancelled (void *cancellable)
{
  return g_cancellable_is_cancelled (cancellable) ? 1 : 0;
}

/* The connections the lists read with, open now, each with its file's path: a file is
 * replaced (a backup restored) once none of it is left open, after the lists' threads
 * that still use one have ended (cpt_paged_list_close_kept_connections ()). pool_lock
 * guards them and the pool of connections let go (below). */
static GMutex pool_lock;
static GCond readings_changed;    /* a connection closed or let go */
static GHashTable *reading_paths; /* sqlite3 * → path */
static GPtrArray *closing_paths;  /* the paths of those being closed */

static void
reading_opened (sqlite3 *db, const char *path)
{
  g_mutex_lock (&pool_lock);
  if (reading_paths == NULL)
    reading_paths = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_hash_table_insert (reading_paths, db, g_strdup (path));
  g_mutex_unlock (&pool_lock);
}

/* Closes a connection open_reading () opened. */
static void
close_reading (sqlite3 *db)
{
  char *path = NULL;

  if (db == NULL)
    return;
  /* Moved aside first: once closed, its address may be another connection's. */
  g_mutex_lock (&pool_lock);
  if (reading_paths != NULL && g_hash_table_steal_extended (reading_paths, db, NULL, (gpointer *) &path))
    {
      if (closing_paths == NULL)
        closing_paths = g_ptr_array_new ();
      g_ptr_array_add (closing_paths, path);
    }
  g_mutex_unlock (&pool_lock);
  sqlite3_close_v2 (db);
  g_mutex_lock (&pool_lock);
  if (path != NULL)
    g_ptr_array_remove_fast (closing_paths, path);
  g_cond_broadcast (&readings_changed);
  g_mutex_unlock (&pool_lock);
  g_free (path);
}

/* How many connections of `path` are open; with pool_lock held. */
static guint
readings_open (const char *path)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  if (reading_paths != NULL)
    {
      g_hash_table_iter_init (&iter, reading_paths);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        n += strcmp (value, path) == 0;
    }
  for (guint i = 0; closing_paths != NULL && i < closing_paths->len; i++)
    n += strcmp (g_ptr_array_index (closing_paths, i), path) == 0;
  return n;
}

/* A read-only connection of a thread of the list (count, positions, pages), with the
 * functions the lists' statements use; closed by close_reading (), even when opening it
 * failed. */
static int
open_reading (const char *path, sqlite3 **db)
{
  int rc;

  rc = sqlite3_open_v2 (path, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (*db != NULL)
    reading_opened (*db, path);
  if (rc != SQLITE_OK ||
      (rc = sqlite3_busy_timeout (*db, 10000)) != SQLITE_OK ||
      (rc = cpt_store_hits_register (*db)) != SQLITE_OK)
    return rc;
  return SQLITE_OK;
}

/* Connections let go by the lists they served, kept for the next ones: opening one reads
 * the whole schema (tens of milliseconds on two shared cores), which every keystroke of a
 * search paid, as it makes a new list; and a connection kept keeps its page cache and a
 * search's hits (cpt-store-hits.h), valid for as long as the file is unchanged. Keyed by
 * the file's path and inode: a file replaced at the same path (a backup restored) is never
 * read through a connection to the old one. */
#define POOL_SIZE 4

typedef struct
{
  char    *key;
  char    *path;
  sqlite3 *db;
} Pooled;

static void
pooled_free (Pooled *pooled)
{
  close_reading (pooled->db);
  g_free (pooled->key);
  g_free (pooled->path);
  g_free (pooled);
}

static GQueue pool = G_QUEUE_INIT;

static char *
pool_key (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return NULL;
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ":%s",
                          (guint64) st.st_dev, (guint64) st.st_ino, path);
}

static int
take_reading (const char *path, sqlite3 **db)
{
  g_autofree char *key = pool_key (path);

  if (key != NULL)
    {
      g_mutex_lock (&pool_lock);
      for (GList *l = pool.head; l != NULL; l = l->next)
        {
          Pooled *pooled = l->data;

          if (strcmp (pooled->key, key) != 0)
            continue;
          *db = g_steal_pointer (&pooled->db);
          g_queue_delete_link (&pool, l);
          g_mutex_unlock (&pool_lock);
          pooled_free (pooled);
          return SQLITE_OK;
        }
      g_mutex_unlock (&pool_lock);
    }
  return open_reading (path, db);
}

/* Gives back a connection that read without failing and holds no transaction. */
static void
give_back_reading (const char *path, sqlite3 *db)
{
  Pooled *pooled, *oldest = NULL;

  if (db == NULL)
    return;
  if (!sqlite3_get_autocommit (db))
    {
      close_reading (db);
      return;
    }
  pooled = g_new0 (Pooled, 1);
  pooled->key = pool_key (path);
  pooled->path = g_strdup (path);
  pooled->db = db;
  if (pooled->key == NULL)
    {
      pooled_free (pooled);
      return;
    }
  g_mutex_lock (&pool_lock);
  g_queue_push_head (&pool, pooled);
  if (pool.length > POOL_SIZE)
    oldest = g_queue_pop_tail (&pool);
  g_cond_broadcast (&readings_changed);
  g_mutex_unlock (&pool_lock);
  if (oldest != NULL)
    pooled_free (oldest);
}

/* How long a file's replacement waits for the lists' threads still reading it. */
#define READINGS_WAIT (5 * G_TIME_SPAN_SECOND)

void
cpt_paged_list_close_kept_connections (const char *path)
{
  gint64 deadline = g_get_monotonic_time () + READINGS_WAIT;

  g_return_if_fail (path != NULL);

  /* A list gone from the window may still be read by a thread (its count, or its reader
   * gathering for the next search), until that thread's end reaches the main loop: its
   * connection is let go then, and closed here. Waited for, within a bound: a list still
   * shown keeps its connection, and the file is then found in use, as before. */
  g_mutex_lock (&pool_lock);
  for (;;)
    {
      GQueue closing = G_QUEUE_INIT;
      GList *l, *next;

      for (l = pool.head; l != NULL; l = next)
        {
          Pooled *pooled = l->data;

          next = l->next;
          if (strcmp (pooled->path, path) != 0)
            continue;
          g_queue_unlink (&pool, l);
          g_queue_push_tail_link (&closing, l);
        }
      g_mutex_unlock (&pool_lock);
      g_queue_clear_full (&closing, (GDestroyNotify) pooled_free);
      g_mutex_lock (&pool_lock);
      if (readings_open (path) == 0 || g_get_monotonic_time () >= deadline)
        break;
      g_cond_wait_until (&readings_changed, &pool_lock, deadline);
    }
  g_mutex_unlock (&pool_lock);
}

/* One per list, opened by the first read that needs it (its count or a page) and used by
 * one read at a time, so that what a read gathers for the next ones stays (the SQLite page
 * cache, a search's hits: cpt-store-hits.h); the last reference closes it (a read may
 * still run when the list goes away). The positions are walked on a connection of their
 * own: pages are read while they are taken. */

typedef struct Reader
{
  gatomicrefcount  ref;
  GMutex           lock;
  char            *path;
  sqlite3         *db;
} Reader;

static Reader *
reader_new (const char *path)
{
  Reader *reader = g_new0 (Reader, 1);

  g_atomic_ref_count_init (&reader->ref);
  g_mutex_init (&reader->lock);
  reader->path = g_strdup (path);
  return reader;
}

static Reader *
reader_ref (Reader *reader)
{
  g_atomic_ref_count_inc (&reader->ref);
  return reader;
}

static void
reader_unref (Reader *reader)
{
  if (!g_atomic_ref_count_dec (&reader->ref))
    return;
  give_back_reading (reader->path, reader->db);
  g_mutex_clear (&reader->lock);
  g_free (reader->path);
  g_free (reader);
}

/* ---- counting in a thread: the list's reader counts the rows and reads the first page,
 * so that a window shows a list over a million rows without waiting */

typedef struct
{
  Reader              *reader;
  char                *count_sql;
  char                *first_sql[2];   /* of each plan (PageSql) */
  char                *quick_first_sql; /* tried first for the dense plan (NULL: none) */
  guint64              dense_from;
  GPtrArray           *params;
  guint                n_keys;
  CptPagedListRowFunc  row_func;
  /* the outcome */
  gint64               count;
  guint                plan;
  Page                *first_page;
} CountJob;

static void
count_job_free (CountJob *job)
{
  reader_unref (job->reader);
  g_free (job->count_sql);
  g_free (job->first_sql[0]);
  g_free (job->first_sql[1]);
  g_free (job->quick_first_sql);
  g_clear_pointer (&job->params, g_ptr_array_unref);
  if (job->first_page != NULL)
    page_free (job->first_page, job->n_keys);
  g_free (job);
}

static void
bind_variants (sqlite3_stmt *stmt, GPtrArray *params)
{
  for (guint i = 0; params && i < params->len; i++)
    {
      GVariant *value = g_ptr_array_index (params, i);

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, i + 1, g_variant_get_int64 (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        sqlite3_bind_double (stmt, i + 1, g_variant_get_double (value));
      else
        sqlite3_bind_text (stmt, i + 1, g_variant_get_string (value, NULL), -1, SQLITE_TRANSIENT);
    }
}

static void
count_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  CountJob *job = data;
  Reader *reader = job->reader;
  g_autofree char *reason = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc = SQLITE_OK;

  job->count = -1;
  g_mutex_lock (&reader->lock);
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_mutex_unlock (&reader->lock);
      g_task_return_error_if_cancelled (task);
      return;
    }
  if (reader->db == NULL)
    rc = take_reading (reader->path, &reader->db);
  db = reader->db;
  /* A count no longer wanted (the next keystroke's is waiting for the connection) stops. */
  if (rc == SQLITE_OK)
    sqlite3_progress_handler (db, 10000, stop_if_cancelled, cancellable);
  if (rc == SQLITE_OK &&
      /* One read transaction: the count and the first page see the same rows. */
      sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK)
    {
      if (sqlite3_prepare_v2 (db, job->count_sql, -1, &stmt, NULL) == SQLITE_OK)
        {
          bind_variants (stmt, job->params);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            job->count = sqlite3_column_int64 (stmt, 0);
          sqlite3_finalize (stmt);
          stmt = NULL;
        }
      /* The count chooses how the pages are read (CptPagedQuery.dense_from). */
      job->plan = PLAN_FOR (job->dense_from, job->count);
      if (job->count == 0)
        ok = TRUE;
      if (job->count > 0 && job->plan == 1 && job->quick_first_sql != NULL &&
          !g_cancellable_is_cancelled (cancellable) &&
          sqlite3_prepare_v2 (db, job->quick_first_sql, -1, &stmt, NULL) == SQLITE_OK)
        {
          /* Only a whole page is surely the list's first (CptPagedQuery). */
          bind_variants (stmt, job->params);
          sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":cpt_count"), job->count);
          ok = read_page (stmt, job->n_keys, job->row_func, FALSE, &job->first_page) == SQLITE_DONE &&
               job->first_page->items->len == MIN (job->count, PAGE);
          if (!ok && job->first_page != NULL)
            {
              page_free (job->first_page, job->n_keys);
              job->first_page = NULL;
            }
          sqlite3_finalize (stmt);
          stmt = NULL;
        }
      if (!ok && job->count > 0 && !g_cancellable_is_cancelled (cancellable) &&
          sqlite3_prepare_v2 (db, job->first_sql[job->plan], -1, &stmt, NULL) == SQLITE_OK)
        {
          bind_variants (stmt, job->params);
          ok = read_page (stmt, job->n_keys, job->row_func, FALSE, &job->first_page) == SQLITE_DONE;
          sqlite3_finalize (stmt);
          stmt = NULL;
        }
      if (!ok)
        {
          rc = sqlite3_errcode (db);
          /* Before COMMIT, which would replace it with "not an error". */
          reason = g_strdup (cpt_store_plain_reason (sqlite3_extended_errcode (db), sqlite3_errmsg (db)));
        }
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
    }
  else if (db != NULL)
    reason = g_strdup (cpt_store_plain_reason (sqlite3_extended_errcode (db), sqlite3_errmsg (db)));
  if (db != NULL)
    sqlite3_progress_handler (db, 0, NULL, NULL);

  if (g_cancellable_is_cancelled (cancellable))
    g_task_return_error_if_cancelled (task);
  else if (!ok)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                             reason != NULL ? reason : cpt_store_plain_reason (rc, sqlite3_errstr (rc)));
  else
    g_task_return_boolean (task, TRUE);
  if (!ok && db != NULL && !g_cancellable_is_cancelled (cancellable))
    {
      /* A connection that failed is opened anew by the next read. */
      close_reading (reader->db);
      reader->db = NULL;
    }
  g_mutex_unlock (&reader->lock);
}

static void clear_pages (CptPagedList *self);
static GQuark placeholder_quark (void);
static void forget_positions (CptPagedList *self);
static void remember_page (CptPagedList *self, guint index, Page *page);
static void cancel_loading (CptPagedList *self);

static void load_page (CptPagedList *self, guint index);
static void fill_placeholders (CptPagedList *self, guint index, Page *page);

/* The items of the pages read become placeholders again, to be filled in place with what
 * their positions hold now (lists whose items can be filled, after a reload or a new
 * query): a view showing them keeps their widgets, which is the costly part of a list view
 * (GTK makes new ones for items it does not know). They keep showing what they held until
 * then, and are not acted on (cpt_paged_list_is_placeholder ()). Only pages with an item
 * held outside the list are kept (those a view shows), the last used first, up to
 * MAX_KEPT_PAGES; any other such page is told as changed when the count is back (`stale`),
 * so that the view asks again. */
static void
keep_items_to_fill (CptPagedList *self)
{
  guint kept_pages = g_hash_table_size (self->placeholders);

  for (GList *l = self->lru.head; l != NULL; l = l->next)
    {
      Page *page = g_hash_table_lookup (self->pages, l->data);
      GPtrArray *kept = g_hash_table_lookup (self->placeholders, l->data);
      gboolean held = FALSE;

      /* The page holds one reference to each of its items: one more is a view's (or
       * anyone's who asked for it). Items no one holds need nothing: they are asked for
       * again when wanted. */
      for (guint i = 0; i < page->items->len && !held; i++)
        held = g_atomic_int_get (&G_OBJECT (g_ptr_array_index (page->items, i))->ref_count) > 1;
      if (kept == NULL && !held)
        continue;
      if (kept == NULL && kept_pages >= MAX_KEPT_PAGES)
        {
          guint index = GPOINTER_TO_UINT (l->data);

          g_array_append_val (self->stale, index);
          continue;
        }
      if (kept == NULL)
        {
          kept = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (self->placeholders, l->data, kept);
          kept_pages++;
        }
      for (guint i = 0; i < page->items->len; i++)
        {
          GObject *item = g_ptr_array_index (page->items, i);

          g_object_set_qdata (item, placeholder_quark (), GINT_TO_POINTER (1));
          if (i < kept->len)
            {
              g_object_unref (g_ptr_array_index (kept, i));
              g_ptr_array_index (kept, i) = g_object_ref (item);
            }
          else
            g_ptr_array_add (kept, g_object_ref (item));
        }
    }
}

/* Forgets the pages read and the reads under way, keeping every item handed out to be
 * filled again. */
static void
forget_pages_keeping_items (CptPagedList *self)
{
  g_autoptr(GHashTable) kept = NULL;

  keep_items_to_fill (self);
  kept = g_steal_pointer (&self->placeholders);
  self->placeholders = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  cancel_loading (self);
  clear_pages (self);
  g_hash_table_unref (self->placeholders);
  self->placeholders = g_steal_pointer (&kept);
}

/* The count of a list whose items are filled in place is in (see keep_items_to_fill ()):
 * the items shown keep their places, the first page fills its own, the other pages kept
 * are read again, and only a change of length is told by items-changed. */
static void
counted_keeping_items (CptPagedList *self, CountJob *job, guint old)
{
  GHashTableIter iter;
  gpointer key;

  forget_pages_keeping_items (self);
  self->n_items = (guint) MIN (job->count, G_MAXUINT);
  self->plan = job->plan;
  forget_positions (self);
  g_hash_table_iter_init (&iter, self->placeholders);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (GPOINTER_TO_UINT (key) * PAGE >= self->n_items)
      g_hash_table_iter_remove (&iter);
  if (job->first_page != NULL)
    {
      self->rows_fetched += job->first_page->items->len;
      fill_placeholders (self, 0, job->first_page);
      remember_page (self, 0, g_steal_pointer (&job->first_page));
    }
  g_hash_table_iter_init (&iter, self->placeholders);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (self->pages, key))
      load_page (self, GPOINTER_TO_UINT (key));
  /* Pages not kept: their items, if a view still holds some, are of the old rows. */
  for (guint i = 0; i < self->stale->len; i++)
    {
      guint start = g_array_index (self->stale, guint, i) * PAGE;

      if (start < MIN (old, self->n_items))
        g_list_model_items_changed (G_LIST_MODEL (self), start, MIN (PAGE, MIN (old, self->n_items) - start),
                                    MIN (PAGE, MIN (old, self->n_items) - start));
    }
  g_array_set_size (self->stale, 0);
  if (self->n_items > old)
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, self->n_items - old);
  else if (self->n_items < old)
    g_list_model_items_changed (G_LIST_MODEL (self), self->n_items, old - self->n_items, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

/* ---- warming up: once counted, the list's reader runs the query's `warm_sql`, so that the
 * connection keeps what the next query is likely to ask for (cpt-store-hits.h); any other
 * read of the list stops it */

typedef struct
{
  Reader *reader;
  char   *sql;
} WarmJob;

static void
warm_job_free (WarmJob *job)
{
  reader_unref (job->reader);
  g_free (job->sql);
  g_free (job);
}

static void
warm_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  WarmJob *job = data;
  Reader *reader = job->reader;
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_OK;

  g_mutex_lock (&reader->lock);
  if (!g_cancellable_is_cancelled (cancellable) && reader->db == NULL)
    rc = take_reading (reader->path, &reader->db);
  if (!g_cancellable_is_cancelled (cancellable) && rc == SQLITE_OK)
    {
      sqlite3_progress_handler (reader->db, 10000, stop_if_cancelled, cancellable);
      if (sqlite3_prepare_v2 (reader->db, job->sql, -1, &stmt, NULL) == SQLITE_OK)
        while (sqlite3_step (stmt) == SQLITE_ROW)
          ;
      /* What failed or was stopped is gathered by the read that needs it, or says why. */
      sqlite3_finalize (stmt);
      sqlite3_progress_handler (reader->db, 0, NULL, NULL);
    }
  g_mutex_unlock (&reader->lock);
  g_task_return_boolean (task, TRUE);
}

static void
warm_done (GObject *source, GAsyncResult *result, gpointer data)
{
  CptPagedList *self = CPT_PAGED_LIST (source);

  if (g_task_get_cancellable (G_TASK (result)) != self->warming)
    return;
  g_clear_object (&self->warming);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WARMING]);
}

static void
stop_warming (CptPagedList *self)
{
  if (self->warming == NULL)
    return;
  g_cancellable_cancel (self->warming);
  g_clear_object (&self->warming);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WARMING]);
}

static void
warm_in_thread (CptPagedList *self)
{
  g_autoptr(GTask) task = NULL;
  WarmJob *job;

  stop_warming (self);
  if (self->warm_sql == NULL || self->reader == NULL)
    return;
  job = g_new0 (WarmJob, 1);
  job->reader = reader_ref (self->reader);
  job->sql = g_strdup (self->warm_sql);
  self->warming = g_cancellable_new ();
  task = g_task_new (self, self->warming, warm_done, NULL);
  g_task_set_source_tag (task, warm_in_thread);
  g_task_set_task_data (task, job, (GDestroyNotify) warm_job_free);
  g_task_set_priority (task, G_PRIORITY_LOW);
  g_task_run_in_thread (task, warm_thread);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WARMING]);
}

gboolean
cpt_paged_list_is_warming (CptPagedList *self)
{
  g_return_val_if_fail (CPT_IS_PAGED_LIST (self), FALSE);

  return self->warming != NULL;
}

static void
count_done (GObject *source, GAsyncResult *result, gpointer data)
{
  CptPagedList *self = CPT_PAGED_LIST (source);
  CountJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  guint old = self->n_items;

  g_task_propagate_boolean (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  g_clear_object (&self->counting);
  if (error == NULL)
    {
      replace_error (self, NULL);
      warm_in_thread (self);
    }
  if (self->fill != NULL && error == NULL)
    {
      counted_keeping_items (self, job, old);
      return;
    }
  /* What was shown until now (a reload keeps the old rows meanwhile) goes in one change;
   * pages still being read were of the old rows. */
  cancel_loading (self);
  clear_pages (self);
  if (error != NULL)
    {
      /* No rows rather than a read on the main loop: the error says why, and a reload
       * (the window's Retry, or the next change) counts again. */
      self->n_items = 0;
      set_thread_error (self, error);
    }
  else
    {
      self->n_items = (guint) MIN (job->count, G_MAXUINT);
      self->plan = job->plan;
      if (job->first_page != NULL)
        {
          self->rows_fetched += job->first_page->items->len;
          remember_page (self, 0, g_steal_pointer (&job->first_page));
        }
    }
  forget_positions (self);
  if (old > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->n_items);
  /* Also when nothing changed: an empty list is only known to be empty now. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

static void
count_in_thread (CptPagedList *self)
{
  g_autoptr(GTask) task = NULL;
  CountJob *job = g_new0 (CountJob, 1);

  gboolean was_counting = self->counting != NULL;

  stop_warming (self);
  if (self->counting)
    g_cancellable_cancel (self->counting);
  g_clear_object (&self->counting);
  self->counting = g_cancellable_new ();
  if (!was_counting)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
  if (self->reader == NULL)
    self->reader = reader_new (cpt_database_get_path (self->db));
  job->reader = reader_ref (self->reader);
  job->count_sql = g_strdup (self->count_sql);
  job->first_sql[0] = g_strdup (self->sql[0].first_sql);
  job->first_sql[1] = g_strdup (self->sql[1].first_sql);
  job->quick_first_sql = g_strdup (self->quick_first_sql);
  job->dense_from = self->dense_from;
  job->params = self->params ? g_ptr_array_ref (self->params) : NULL;
  job->n_keys = self->n_keys;
  job->row_func = self->row_func;
  task = g_task_new (self, self->counting, count_done, NULL);
  g_task_set_source_tag (task, count_in_thread);
  g_task_set_task_data (task, job, (GDestroyNotify) count_job_free);
  g_task_run_in_thread (task, count_thread);
}

guint
cpt_paged_list_get_plan (CptPagedList *self)
{
  return self->plan;
}

gboolean
cpt_paged_list_is_counting (CptPagedList *self)
{
  return self->counting != NULL;
}

/* ---- positions, taken in a thread (see Positions) */

/* Rows between two positions; COMPTOIR_LIST_POSITION_STEP sets another (tests take
 * positions in lists of a few hundred rows). Lists shorter than four steps jump by OFFSET:
 * walking a few thousand index entries costs less than a millisecond. */
static guint
position_step (void)
{
  static gsize step = 0;

  if (g_once_init_enter (&step))
    {
      const char *set = g_getenv ("COMPTOIR_LIST_POSITION_STEP");
      gint64 n = set != NULL ? g_ascii_strtoll (set, NULL, 10) : 512;

      g_once_init_leave (&step, (gsize) CLAMP (n, 2, 1 << 20));
    }
  return (guint) step;
}

static Positions *
positions_ref (Positions *positions)
{
  g_atomic_ref_count_inc (&positions->ref);
  return positions;
}

static void
positions_unref (Positions *positions)
{
  if (positions == NULL || !g_atomic_ref_count_dec (&positions->ref))
    return;
  for (guint i = 0; i < positions->n * positions->n_keys; i++)
    sqlite3_value_free (positions->keys[i]);
  g_free (positions->keys);
  g_free (positions);
}

typedef struct
{
  char      *path;
  char      *keys_sql;
  GPtrArray *params;
  guint      n_keys;
  guint      plan;
  guint      step;
  GWeakRef   list;       /* not a reference: a list let go cancels its walk (finalize) */
  Positions *positions;  /* the outcome */
} PositionsJob;

static void
positions_job_free (PositionsJob *job)
{
  g_free (job->path);
  g_free (job->keys_sql);
  g_clear_pointer (&job->params, g_ptr_array_unref);
  g_weak_ref_clear (&job->list);
  positions_unref (job->positions);
  g_free (job);
}

static void
positions_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  PositionsJob *job = data;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint64 row = 0;
  int rc;

  if ((rc = open_reading (job->path, &db)) == SQLITE_OK &&
      (rc = sqlite3_prepare_v2 (db, job->keys_sql, -1, &stmt, NULL)) == SQLITE_OK)
    {
      /* A sort SQLite makes before the first row would not see the cancellation between
       * rows: the progress handler stops it. */
      sqlite3_progress_handler (db, 10000, stop_if_cancelled, cancellable);
      bind_variants (stmt, job->params);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          if (row++ % job->step != 0)
            continue;
          if (g_cancellable_is_cancelled (cancellable))
            break;
          for (guint k = 0; k < job->n_keys; k++)
            g_ptr_array_add (keys, sqlite3_value_dup (sqlite3_column_value (stmt, k)));
        }
    }
  if (rc == SQLITE_DONE)
    {
      job->positions = g_new0 (Positions, 1);
      g_atomic_ref_count_init (&job->positions->ref);
      job->positions->plan = job->plan;
      job->positions->step = job->step;
      job->positions->n_keys = job->n_keys;
      job->positions->n = keys->len / job->n_keys;
      job->positions->keys = (sqlite3_value **) g_ptr_array_steal (keys, NULL);
    }
  else
    {
      for (guint i = 0; i < keys->len; i++)
        sqlite3_value_free (g_ptr_array_index (keys, i));
    }
  if (g_cancellable_is_cancelled (cancellable))
    g_task_return_error_if_cancelled (task);
  else if (rc != SQLITE_DONE)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                             db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  else
    g_task_return_boolean (task, TRUE);
  sqlite3_finalize (stmt);
  close_reading (db);
}

static void
positions_done (GObject *source, GAsyncResult *result, gpointer data)
{
  PositionsJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(CptPagedList) self = g_weak_ref_get (&job->list);
  g_autoptr(GError) error = NULL;

  if (self == NULL)
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Jumps still work, by OFFSET: slower, not wrong. */
          g_debug ("could not take the list's positions: %s", error->message);
          g_clear_object (&self->positioning);
        }
      return;
    }
  g_clear_object (&self->positioning);
  g_clear_pointer (&self->positions, positions_unref);
  self->positions = g_steal_pointer (&job->positions);
}

/* Forgets the positions: the rows changed. They are taken again at the next jump. */
static void
forget_positions (CptPagedList *self)
{
  if (self->positioning != NULL)
    g_cancellable_cancel (self->positioning);
  g_clear_object (&self->positioning);
  g_clear_pointer (&self->positions, positions_unref);
}

/* Starts taking the positions of a list long enough, at its first jump: most lists are
 * only looked at from the top or scrolled, and the walk would take a core from their
 * pages meanwhile. A scrollbar dragged asks for pages far apart one after the other: the
 * first is read by OFFSET, the next ones from the positions. */
static void
take_positions (CptPagedList *self)
{
  g_autoptr(GTask) task = NULL;
  PositionsJob *job;

  if (self->positions != NULL || self->positioning != NULL || !self->in_thread ||
      self->n_items < 4 * position_step ())
    return;
  job = g_new0 (PositionsJob, 1);
  job->path = g_strdup (cpt_database_get_path (self->db));
  job->keys_sql = g_strdup (self->sql[self->plan].keys_sql);
  job->params = self->params ? g_ptr_array_ref (self->params) : NULL;
  job->n_keys = self->n_keys;
  job->plan = self->plan;
  job->step = position_step ();
  g_weak_ref_init (&job->list, self);
  self->positioning = g_cancellable_new ();
  /* No source object: the task would keep the list alive until the walk ends. */
  task = g_task_new (NULL, self->positioning, positions_done, NULL);
  g_task_set_source_tag (task, take_positions);
  g_task_set_task_data (task, job, (GDestroyNotify) positions_job_free);
  g_task_run_in_thread (task, positions_thread);
}

gboolean
cpt_paged_list_has_positions (CptPagedList *self)
{
  g_return_val_if_fail (CPT_IS_PAGED_LIST (self), FALSE);

  return self->positions != NULL;
}

gboolean
cpt_paged_list_is_positioning (CptPagedList *self)
{
  g_return_val_if_fail (CPT_IS_PAGED_LIST (self), FALSE);

  return self->positioning != NULL;
}

gboolean
cpt_paged_list_is_reading (CptPagedList *self)
{
  g_return_val_if_fail (CPT_IS_PAGED_LIST (self), FALSE);

  return g_hash_table_size (self->loading) > 0;
}

/* ---- pages read in a thread, by the list's reader */

typedef struct
{
  Reader              *reader;
  guint                generation;
  guint                index;
  guint                n_keys;
  CptPagedListRowFunc  row_func;
  GPtrArray           *params;
  /* Continue from a neighbour's keys (`reversed`: walk back from the page after), or jump:
   * the keys at `offset` from the start (or from the end), then the rows from them. */
  sqlite3_value      **keys;
  gboolean             reversed;
  char                *keyset_sql;
  char                *key_sql;
  char                *from_sql;
  /* or with positions: the keys at `offset` from the nearest position before it */
  Positions           *positions;
  char                *key_after_sql;
  guint                offset;
  guint                limit;
  /* the outcome */
  Page                *page;
  guint64              steps;
} PageJob;

static void
page_job_free (PageJob *job)
{
  reader_unref (job->reader);
  g_clear_pointer (&job->params, g_ptr_array_unref);
  free_keys (job->keys, job->n_keys);
  g_free (job->keyset_sql);
  g_free (job->key_sql);
  g_free (job->from_sql);
  g_clear_pointer (&job->positions, positions_unref);
  g_free (job->key_after_sql);
  if (job->page != NULL)
    page_free (job->page, job->n_keys);
  g_free (job);
}

/* The rows of the page from `keys` (bound after the list's parameters), `limit` of them. */
static int
read_page_from_keys (sqlite3             *db,
                     PageJob             *job,
                     const char          *sql,
                     sqlite3_value      **keys,
                     gboolean             reversed)
{
  sqlite3_stmt *stmt = NULL;
  int next = (job->params ? job->params->len : 0) + 1;
  int rc;

  if ((rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL)) != SQLITE_OK)
    return rc;
  bind_variants (stmt, job->params);
  for (guint k = 0; k < job->n_keys; k++)
    sqlite3_bind_value (stmt, next++, keys[k]);
  sqlite3_bind_int (stmt, next, job->limit);
  rc = read_page (stmt, job->n_keys, job->row_func, reversed, &job->page);
  job->steps += sqlite3_stmt_status (stmt, SQLITE_STMTSTATUS_VM_STEP, FALSE);
  sqlite3_finalize (stmt);
  return rc;
}

static int
read_page_job (sqlite3 *db, PageJob *job)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3_value **keys;
  int rc;

  if (job->keys != NULL)
    return read_page_from_keys (db, job, job->keyset_sql, job->keys, job->reversed);
  if (job->positions != NULL)
    {
      Positions *positions = job->positions;
      guint at = MIN (job->offset / positions->step, positions->n - 1);
      int next = (job->params ? job->params->len : 0) + 1;

      if ((rc = sqlite3_prepare_v2 (db, job->key_after_sql, -1, &stmt, NULL)) != SQLITE_OK)
        return rc;
      bind_variants (stmt, job->params);
      for (guint k = 0; k < positions->n_keys; k++)
        sqlite3_bind_value (stmt, next++, positions->keys[at * positions->n_keys + k]);
      sqlite3_bind_int64 (stmt, next, (gint64) job->offset - (gint64) at * positions->step);
    }
  else
    {
      if ((rc = sqlite3_prepare_v2 (db, job->key_sql, -1, &stmt, NULL)) != SQLITE_OK)
        return rc;
      bind_variants (stmt, job->params);
      sqlite3_bind_int (stmt, (job->params ? job->params->len : 0) + 1, job->offset);
    }
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return rc == SQLITE_DONE ? SQLITE_NOTFOUND : rc;
    }
  keys = g_new0 (sqlite3_value *, job->n_keys);
  for (guint k = 0; k < job->n_keys; k++)
    keys[k] = sqlite3_value_dup (sqlite3_column_value (stmt, k));
  job->steps += sqlite3_stmt_status (stmt, SQLITE_STMTSTATUS_VM_STEP, FALSE);
  sqlite3_finalize (stmt);
  rc = read_page_from_keys (db, job, job->from_sql, keys, job->reversed);
  free_keys (keys, job->n_keys);
  return rc;
}

static void
page_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  PageJob *job = data;
  Reader *reader = job->reader;
  int rc = SQLITE_OK;

  g_mutex_lock (&reader->lock);
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_mutex_unlock (&reader->lock);
      g_task_return_error_if_cancelled (task);
      return;
    }
  if (reader->db == NULL && (rc = take_reading (reader->path, &reader->db)) != SQLITE_OK)
    ;
  else
    rc = read_page_job (reader->db, job);
  if (rc == SQLITE_NOTFOUND)
    {
      /* no row at the page's offset: the rows are gone since the count, which the reload
       * after the write counts again; not a failure to read */
      job->page = page_new_empty ();
      rc = SQLITE_DONE;
    }
  if (rc != SQLITE_DONE)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                             cpt_store_plain_reason (reader->db != NULL ? sqlite3_extended_errcode (reader->db) : rc,
                                                     reader->db != NULL ? sqlite3_errmsg (reader->db) : sqlite3_errstr (rc)));
  else
    g_task_return_boolean (task, TRUE);
  if (rc != SQLITE_DONE && reader->db != NULL)
    {
      /* A connection that failed is opened anew by the next read. */
      close_reading (reader->db);
      reader->db = NULL;
    }
  g_mutex_unlock (&reader->lock);
}

static void
forget_loading (CptPagedList *self, guint index)
{
  g_hash_table_remove (self->loading, GUINT_TO_POINTER (index));
  g_queue_remove (&self->loading_order, GUINT_TO_POINTER (index));
}

/* The rows of page `index` have arrived: each placeholder handed out for them becomes its
 * row (the same object, filled, which notifies) and stays the page's item, so a view keeps
 * the widgets it made for it and no items-changed is needed. Positions no one asked for were
 * never handed out. A placeholder past the rows read (rows gone since the count) stays one
 * until the reload that follows every write. */
static void
fill_placeholders (CptPagedList *self, guint index, Page *page)
{
  GPtrArray *placeholders = g_hash_table_lookup (self->placeholders, GUINT_TO_POINTER (index));
  guint filled;

  if (placeholders == NULL)
    return;
  filled = MIN (placeholders->len, page->items->len);
  for (guint i = 0; i < filled; i++)
    {
      GObject *placeholder = g_ptr_array_index (placeholders, i);
      GObject *row = g_ptr_array_index (page->items, i);

      /* No longer a placeholder by the time it notifies. */
      g_object_set_qdata (placeholder, placeholder_quark (), NULL);
      self->fill (placeholder, row);
      g_ptr_array_index (page->items, i) = g_object_ref (placeholder);
      g_object_unref (row);
    }
  if (filled == placeholders->len)
    g_hash_table_remove (self->placeholders, GUINT_TO_POINTER (index));
}

/* Reads the pages that gave way, the latest first, while reads are free and someone still
 * holds their placeholders. */
static void
load_deferred (CptPagedList *self)
{
  while (self->loading_order.length < MAX_LOADING_PAGES && self->deferred.length > 0)
    {
      gpointer index = g_queue_pop_head (&self->deferred);
      GPtrArray *placeholders = g_hash_table_lookup (self->placeholders, index);
      gboolean held = FALSE;

      for (guint i = 0; placeholders != NULL && i < placeholders->len && !held; i++)
        held = g_atomic_int_get (&G_OBJECT (g_ptr_array_index (placeholders, i))->ref_count) > 1;
      if (!held)
        g_hash_table_remove (self->placeholders, index);
      else if (GPOINTER_TO_UINT (index) * PAGE < self->n_items &&
               !g_hash_table_contains (self->pages, index))
        load_page (self, GPOINTER_TO_UINT (index));
    }
}

static void
page_done (GObject *source, GAsyncResult *result, gpointer data)
{
  CptPagedList *self = CPT_PAGED_LIST (source);
  PageJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  guint start, n;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (job->generation != self->generation)
    return;
  forget_loading (self, job->index);
  if (error != NULL)
    {
      load_deferred (self);
      set_thread_error (self, error);
      return;
    }
  self->rows_fetched += job->page->items->len;
  self->steps += job->steps;
  start = job->index * PAGE;
  n = start < self->n_items ? MIN (PAGE, self->n_items - start) : 0;
  if (self->fill != NULL)
    {
      fill_placeholders (self, job->index, job->page);
      remember_page (self, job->index, g_steal_pointer (&job->page));
      load_deferred (self);
      return;
    }
  remember_page (self, job->index, g_steal_pointer (&job->page));
  g_hash_table_remove (self->placeholders, GUINT_TO_POINTER (job->index));
  /* Shown as empty rows until now: the view asks for them again. */
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), start, n, n);
}

static void
announce_given_up (gpointer data)
{
  CptPagedList *self = data;
  g_autoptr(GArray) pages = g_steal_pointer (&self->given_up);

  self->given_up_source = 0;
  self->given_up = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < pages->len; i++)
    {
      guint start = g_array_index (pages, guint, i) * PAGE;

      /* New empty items: GTK binds them again, and asks for the page again if in view. */
      g_hash_table_remove (self->placeholders, GUINT_TO_POINTER (start / PAGE));
      if (start < self->n_items && !g_hash_table_contains (self->pages, GUINT_TO_POINTER (start / PAGE)))
        g_list_model_items_changed (G_LIST_MODEL (self), start, MIN (PAGE, self->n_items - start),
                                    MIN (PAGE, self->n_items - start));
    }
}

/* Starts reading page `index` in a thread unless it is already on its way; the oldest read
 * still waiting gives way when too many are. */
static void
load_page (CptPagedList *self, guint index)
{
  Page *before = index > 0 ? g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index - 1)) : NULL;
  Page *after = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index + 1));
  g_autoptr(GTask) task = NULL;
  GCancellable *cancellable;
  PageJob *job;
  guint start = index * PAGE;
  guint end = MIN (start + PAGE, self->n_items);

  if (g_hash_table_contains (self->loading, GUINT_TO_POINTER (index)))
    return;
  /* A page wanted now goes before what the reader gathers for later. */
  stop_warming (self);
  while (self->loading_order.length >= MAX_LOADING_PAGES)
    {
      guint oldest = GPOINTER_TO_UINT (g_queue_peek_head (&self->loading_order));

      g_cancellable_cancel (g_hash_table_lookup (self->loading, GUINT_TO_POINTER (oldest)));
      forget_loading (self, oldest);
      if (self->fill != NULL)
        {
          /* Its placeholders stay; it is read later if they are still shown (telling
           * them as changed would have the view make their rows' widgets again). */
          g_queue_remove (&self->deferred, GUINT_TO_POINTER (oldest));
          g_queue_push_head (&self->deferred, GUINT_TO_POINTER (oldest));
          continue;
        }
      /* Its rows may still be in view: they are announced again, and asked for again if
       * so (not from here: the view is in the middle of asking for items). */
      g_array_append_val (self->given_up, oldest);
      if (self->given_up_source == 0)
        self->given_up_source = g_idle_add_once (announce_given_up, self);
    }
  if (self->reader == NULL)
    self->reader = reader_new (cpt_database_get_path (self->db));

  job = g_new0 (PageJob, 1);
  job->reader = reader_ref (self->reader);
  job->generation = self->generation;
  job->index = index;
  job->n_keys = self->n_keys;
  job->row_func = self->row_func;
  job->params = self->params ? g_ptr_array_ref (self->params) : NULL;
  job->limit = end - start;
  if (before != NULL && before->items->len == PAGE && before->last_keys != NULL)
    {
      job->keys = g_new0 (sqlite3_value *, self->n_keys);
      for (guint k = 0; k < self->n_keys; k++)
        job->keys[k] = sqlite3_value_dup (before->last_keys[k]);
      job->keyset_sql = g_strdup (self->sql[self->plan].after_sql[0]);
    }
  else if (after != NULL && after->first_keys != NULL)
    {
      job->keys = g_new0 (sqlite3_value *, self->n_keys);
      for (guint k = 0; k < self->n_keys; k++)
        job->keys[k] = sqlite3_value_dup (after->first_keys[k]);
      job->keyset_sql = g_strdup (self->sql[self->plan].after_sql[1]);
      job->reversed = TRUE;
    }
  else if (self->positions != NULL && self->positions->plan == self->plan &&
           self->positions->n > 0)
    {
      job->positions = positions_ref (self->positions);
      job->key_after_sql = g_strdup (self->sql[self->plan].key_after_sql);
      job->from_sql = g_strdup (self->sql[self->plan].from_sql[0]);
      job->offset = start;
    }
  else if (self->sql[self->plan].position_sql != NULL)
    {
      job->key_sql = g_strdup (self->sql[self->plan].position_sql);
      job->from_sql = g_strdup (self->sql[self->plan].from_sql[0]);
      job->offset = start;
    }
  else
    {
      gboolean from_end = start > self->n_items / 2;

      take_positions (self);
      job->key_sql = g_strdup (self->sql[self->plan].key_sql[from_end]);
      job->from_sql = g_strdup (self->sql[self->plan].from_sql[from_end]);
      job->offset = from_end ? self->n_items - end : start;
      job->reversed = from_end;
    }

  cancellable = g_cancellable_new ();
  g_hash_table_insert (self->loading, GUINT_TO_POINTER (index), cancellable);
  g_queue_push_tail (&self->loading_order, GUINT_TO_POINTER (index));
  task = g_task_new (self, cancellable, page_done, NULL);
  g_task_set_source_tag (task, load_page);
  g_task_set_task_data (task, job, (GDestroyNotify) page_job_free);
  g_task_run_in_thread (task, page_thread);
}

static void
cancel_loading (CptPagedList *self)
{
  GHashTableIter iter;
  gpointer cancellable;

  self->generation++;
  g_hash_table_iter_init (&iter, self->loading);
  while (g_hash_table_iter_next (&iter, NULL, &cancellable))
    g_cancellable_cancel (cancellable);
  g_hash_table_remove_all (self->loading);
  g_hash_table_remove_all (self->placeholders);
  g_queue_clear (&self->loading_order);
  g_queue_clear (&self->deferred);
  if (self->given_up != NULL)
    g_array_set_size (self->given_up, 0);
}

/* No rows for a page: a read that `failed` (said on the list), or none at its offset, the
 * rows gone since the count (the reload that follows every write counts them again). */
static Page *
empty_page (CptPagedList *self, gboolean failed)
{
  if (failed)
    set_error (self);
  return page_new_empty ();
}

static Page *
fetch_at_offset (CptPagedList *self, guint start, guint end)
{
  const char *position_sql = self->sql[self->plan].position_sql;
  gboolean from_end = position_sql == NULL && start > self->n_items / 2;
  sqlite3_stmt *stmt = cpt_database_prepare (self->db, position_sql != NULL ? position_sql
                                                       : self->sql[self->plan].key_sql[from_end],
                                             NULL);
  sqlite3_value **keys;
  int next, rc;

  if (stmt == NULL)
    return empty_page (self, TRUE);
  next = bind_params (self, stmt);
  sqlite3_bind_int (stmt, next, from_end ? self->n_items - end : start);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return empty_page (self, rc != SQLITE_DONE);
    }
  keys = g_new0 (sqlite3_value *, self->n_keys);
  for (guint k = 0; k < self->n_keys; k++)
    keys[k] = sqlite3_value_dup (sqlite3_column_value (stmt, k));
  sqlite3_reset (stmt);
  self->steps += sqlite3_stmt_status (stmt, SQLITE_STMTSTATUS_VM_STEP, TRUE);

  stmt = cpt_database_prepare (self->db, self->sql[self->plan].from_sql[from_end], NULL);
  if (stmt == NULL)
    {
      free_keys (keys, self->n_keys);
      return empty_page (self, TRUE);
    }
  next = bind_params (self, stmt);
  for (guint k = 0; k < self->n_keys; k++)
    sqlite3_bind_value (stmt, next++, keys[k]);
  sqlite3_bind_int (stmt, next, end - start);
  free_keys (keys, self->n_keys);
  return run_page_query (self, stmt, from_end);
}

static Page *
fetch_page (CptPagedList *self, guint index)
{
  Page *before = index > 0 ? g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index - 1)) : NULL;
  Page *after = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index + 1));
  guint start = index * PAGE;
  guint end = MIN (start + PAGE, self->n_items);
  sqlite3_stmt *stmt;
  int next;

  if (before != NULL && before->items->len == PAGE && before->last_keys != NULL)
    {
      /* Just below a page we have: continue from its last row. */
      stmt = cpt_database_prepare (self->db, self->sql[self->plan].after_sql[0], NULL);
      if (stmt == NULL)
        return empty_page (self, TRUE);
      next = bind_params (self, stmt);
      for (guint k = 0; k < self->n_keys; k++)
        sqlite3_bind_value (stmt, next++, before->last_keys[k]);
      sqlite3_bind_int (stmt, next, end - start);
      return run_page_query (self, stmt, FALSE);
    }
  if (after != NULL && after->first_keys != NULL)
    {
      /* Just above a page we have: walk back from its first row. */
      stmt = cpt_database_prepare (self->db, self->sql[self->plan].after_sql[1], NULL);
      if (stmt == NULL)
        return empty_page (self, TRUE);
      next = bind_params (self, stmt);
      for (guint k = 0; k < self->n_keys; k++)
        sqlite3_bind_value (stmt, next++, after->first_keys[k]);
      sqlite3_bind_int (stmt, next, end - start);
      return run_page_query (self, stmt, TRUE);
    }
  /* A jump: find the keys of the page's first (or last) row through the index alone, then
   * read the page by keyset; reading whole rows while skipping would cost far more. */
  return fetch_at_offset (self, start, end);
}

static Page *
get_page (CptPagedList *self, guint index)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));

  if (page != NULL)
    {
      GList *link = g_queue_find (&self->lru, GUINT_TO_POINTER (index));
      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
      return page;
    }
  page = fetch_page (self, index);
  remember_page (self, index, page);
  return page;
}

/* Keeps `page` (taken) as the most recently used; forgets the least recently used beyond
 * the bound. */
static void
remember_page (CptPagedList *self, guint index, Page *page)
{
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (index));
  while (self->lru.length > MAX_CACHED_PAGES)
    {
      gpointer oldest = g_queue_pop_tail (&self->lru);
      Page *old = g_hash_table_lookup (self->pages, oldest);
      g_hash_table_remove (self->pages, oldest);
      page_free (old, self->n_keys);
    }
}

static GType
cpt_paged_list_get_item_type (GListModel *model)
{
  return CPT_PAGED_LIST (model)->item_type;
}

static guint
cpt_paged_list_get_n_items (GListModel *model)
{
  return CPT_PAGED_LIST (model)->n_items;
}

static GQuark
placeholder_quark (void)
{
  return g_quark_from_static_string ("cpt-paged-list-placeholder");
}

gboolean
cpt_paged_list_is_placeholder (gpointer item)
{
  return item != NULL && g_object_get_qdata (G_OBJECT (item), placeholder_quark ()) != NULL;
}

static gpointer
placeholder (CptPagedList *self, guint position)
{
  GPtrArray *items = g_hash_table_lookup (self->placeholders, GUINT_TO_POINTER (position / PAGE));

  if (items == NULL)
    {
      items = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->placeholders, GUINT_TO_POINTER (position / PAGE), items);
    }
  while (items->len <= position % PAGE)
    {
      GObject *item = g_object_new (self->item_type, NULL);

      g_object_set_qdata (item, placeholder_quark (), GINT_TO_POINTER (1));
      g_ptr_array_add (items, item);
    }
  return g_object_ref (g_ptr_array_index (items, position % PAGE));
}

static gpointer
cpt_paged_list_get_item (GListModel *model, guint position)
{
  CptPagedList *self = CPT_PAGED_LIST (model);
  Page *page;
  guint offset;

  if (position >= self->n_items)
    return NULL;
  if (self->in_thread && !g_hash_table_contains (self->pages, GUINT_TO_POINTER (position / PAGE)))
    {
      /* Not read yet: an empty row until the thread has it (items-changed). */
      load_page (self, position / PAGE);
      return placeholder (self, position);
    }
  page = get_page (self, position / PAGE);
  offset = position % PAGE;
  if (offset >= page->items->len)
    return placeholder (self, position); /* rows vanished since the count: reload() will fix the length */
  return g_object_ref (g_ptr_array_index (page->items, offset));
}

static void
cpt_paged_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cpt_paged_list_get_item_type;
  iface->get_n_items = cpt_paged_list_get_n_items;
  iface->get_item = cpt_paged_list_get_item;
}

static void
clear_pages (CptPagedList *self)
{
  GHashTableIter iter;
  gpointer page;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &page))
    page_free (page, self->n_keys);
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);
  if (self->placeholders != NULL)
    g_hash_table_remove_all (self->placeholders);
}

static void
cpt_paged_list_finalize (GObject *object)
{
  CptPagedList *self = CPT_PAGED_LIST (object);

  if (self->counting)
    g_cancellable_cancel (self->counting);
  g_clear_object (&self->counting);
  if (self->warming)
    g_cancellable_cancel (self->warming);
  g_clear_object (&self->warming);
  if (self->positioning)
    g_cancellable_cancel (self->positioning);
  g_clear_object (&self->positioning);
  g_clear_pointer (&self->positions, positions_unref);
  cancel_loading (self);
  g_clear_pointer (&self->loading, g_hash_table_unref);
  g_clear_pointer (&self->placeholders, g_hash_table_unref);
  g_clear_pointer (&self->stale, g_array_unref);
  g_queue_clear (&self->deferred);
  g_clear_handle_id (&self->given_up_source, g_source_remove);
  g_clear_pointer (&self->given_up, g_array_unref);
  g_clear_pointer (&self->reader, reader_unref);
  clear_pages (self);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_object (&self->db);
  g_free (self->count_sql);
  g_free (self->quick_first_sql);
  g_free (self->warm_sql);
  for (guint plan = 0; plan < 2; plan++)
    page_sql_clear (&self->sql[plan]);
  g_clear_pointer (&self->params, g_ptr_array_unref);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (cpt_paged_list_parent_class)->finalize (object);
}

static void
cpt_paged_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CptPagedList *self = CPT_PAGED_LIST (object);

  switch (prop_id)
    {
    case PROP_COUNTING:
      g_value_set_boolean (value, self->counting != NULL);
      break;

    case PROP_WARMING:
      g_value_set_boolean (value, self->warming != NULL);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_paged_list_class_init (CptPagedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cpt_paged_list_finalize;
  object_class->get_property = cpt_paged_list_get_property;

  /**
   * CptPagedList:counting:
   *
   * Whether a thread is counting the rows (see cpt_paged_list_is_counting()).
   */
  properties[PROP_COUNTING] =
    g_param_spec_boolean ("counting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * CptPagedList:warming:
   *
   * Whether the list's reader is gathering, once counted, what the next query is likely
   * to need (see cpt_paged_list_is_warming()).
   */
  properties[PROP_WARMING] =
    g_param_spec_boolean ("warming", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * CptPagedList:error:
   *
   * The last read that failed (see cpt_paged_list_get_error()), until a count succeeds.
   */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cpt_paged_list_init (CptPagedList *self)
{
  self->pages = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->lru);
  self->loading = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->placeholders = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->stale = g_array_new (FALSE, FALSE, sizeof (guint));
  self->given_up = g_array_new (FALSE, FALSE, sizeof (guint));
  g_queue_init (&self->loading_order);
}

static char *
join_these_keys (const char *const *keys, const char *suffix)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; keys[i]; i++)
    g_string_append_printf (s, "%s%s%s", i ? ", " : "", keys[i], suffix);
  return g_string_free (s, FALSE);
}

static char *
join_keys (const CptPagedQuery *query, const char *suffix)
{
  return join_these_keys (query->keys, suffix);
}

/* Keyset conditions: the row's keys beyond (or behind, `op`) the given ones, bound as
 * numbered parameters after the list's own. The first key is also compared alone: SQLite
 * starts an index range from a row value only when its terms are plain columns, and sorts
 * such as the number's are expressions (coalesce), whose index it would otherwise walk from
 * its first entry, page after page deeper. */
static char *
keyset_condition (const char *first_key, const char *keys, const char *op,
                  gboolean or_equal, const char *placeholders, guint first_placeholder)
{
  return g_strdup_printf ("%s %s= ?%u AND (%s) %s%s (%s)", first_key, op, first_placeholder,
                          keys, op, or_equal ? "=" : "", placeholders);
}

static void
page_sql_init (PageSql *sql, const CptPagedQuery *query, const char *from_where,
               const char *keys_from, const char *const *keys_walked, const char *placeholders,
               guint first_placeholder)
{
  g_autofree char *keys = join_keys (query, "");
  g_autofree char *order_fwd = join_keys (query, query->descending ? " DESC" : " ASC");
  g_autofree char *order_rev = join_keys (query, query->descending ? " ASC" : " DESC");
  const char *beyond = query->descending ? "<" : ">";
  const char *behind = query->descending ? ">" : "<";
  const char *first_key = query->keys[0];
  g_autofree char *from_beyond = keyset_condition (first_key, keys, beyond, TRUE, placeholders, first_placeholder);
  g_autofree char *from_behind = keyset_condition (first_key, keys, behind, TRUE, placeholders, first_placeholder);
  g_autofree char *after_beyond = keyset_condition (first_key, keys, beyond, FALSE, placeholders, first_placeholder);
  g_autofree char *after_behind = keyset_condition (first_key, keys, behind, FALSE, placeholders, first_placeholder);
  /* the keys as the rows of keys_from name them */
  const char *const *walked = keys_walked != NULL ? keys_walked : query->keys;
  g_autofree char *wkeys = join_these_keys (walked, "");
  g_autofree char *worder_fwd = join_these_keys (walked, query->descending ? " DESC" : " ASC");
  g_autofree char *worder_rev = join_these_keys (walked, query->descending ? " ASC" : " DESC");
  g_autofree char *wfrom_beyond = keyset_condition (walked[0], wkeys, beyond, TRUE, placeholders, first_placeholder);
  guint n_keys = g_strv_length ((char **) query->keys);

  /* The offsets numbered as they are bound, after the list's parameters (and the keys): rows
   * read from another table may name none of the list's, and a bare "?" would then be ?1. */
  sql->key_sql[0] = g_strdup_printf ("SELECT %s %s ORDER BY %s LIMIT 1 OFFSET ?%u",
                                     wkeys, keys_from, worder_fwd, first_placeholder);
  sql->key_sql[1] = g_strdup_printf ("SELECT %s %s ORDER BY %s LIMIT 1 OFFSET ?%u",
                                     wkeys, keys_from, worder_rev, first_placeholder);
  sql->keys_sql = g_strdup_printf ("SELECT %s %s ORDER BY %s", wkeys, keys_from, worder_fwd);
  sql->key_after_sql = g_strdup_printf ("SELECT %s %s AND %s ORDER BY %s LIMIT 1 OFFSET ?%u",
                                        wkeys, keys_from, wfrom_beyond, worder_fwd,
                                        first_placeholder + n_keys);
  sql->from_sql[0] = g_strdup_printf ("SELECT %s, %s %s AND %s ORDER BY %s LIMIT ?",
                                      query->columns, keys, from_where, from_beyond, order_fwd);
  sql->from_sql[1] = g_strdup_printf ("SELECT %s, %s %s AND %s ORDER BY %s LIMIT ?",
                                      query->columns, keys, from_where, from_behind, order_rev);
  sql->after_sql[0] = g_strdup_printf ("SELECT %s, %s %s AND %s ORDER BY %s LIMIT ?",
                                       query->columns, keys, from_where, after_beyond, order_fwd);
  sql->after_sql[1] = g_strdup_printf ("SELECT %s, %s %s AND %s ORDER BY %s LIMIT ?",
                                       query->columns, keys, from_where, after_behind, order_rev);
  sql->first_sql = g_strdup_printf ("SELECT %s, %s %s ORDER BY %s LIMIT %d",
                                    query->columns, keys, from_where, order_fwd, PAGE);
}

/* Takes the query's statements (the list has none, or has let go of its own). */
static void
configure (CptPagedList *self, const CptPagedQuery *query, GPtrArray *params,
           CptPagedListRowFunc row_func)
{
  g_autoptr(GString) placeholders = g_string_new (NULL);
  guint first_placeholder;

  self->row_func = row_func;
  self->fill = query->count_in_thread ? query->fill : NULL;
  self->params = params ? g_ptr_array_ref (params) : NULL;
  self->n_keys = 0;
  self->plan = 0;
  self->dense_from = 0;
  first_placeholder = (self->params ? self->params->len : 0) + 1;
  while (query->keys[self->n_keys])
    g_string_append_printf (placeholders, "%s?%u", self->n_keys ? ", " : "",
                            first_placeholder + self->n_keys), self->n_keys++;

  self->count_sql = query->count_sql != NULL
    ? g_strdup (query->count_sql)
    : g_strdup_printf ("SELECT count(*) %s", query->count_from_where ? query->count_from_where
                                                                     : query->from_where);
  self->warm_sql = query->count_in_thread ? g_strdup (query->warm_sql) : NULL;
  page_sql_init (&self->sql[0], query, query->from_where,
                 query->keys_from_where ? query->keys_from_where : query->from_where,
                 query->keys_from_where ? query->keys_walked : NULL,
                 placeholders->str, first_placeholder);
  self->sql[0].position_sql = g_strdup (query->position_sql);
  if (query->dense_from_where != NULL && query->dense_from > 0)
    {
      page_sql_init (&self->sql[1], query, query->dense_from_where,
                     query->dense_keys_from_where ? query->dense_keys_from_where
                                                  : query->dense_from_where,
                     NULL, placeholders->str, first_placeholder);
      self->dense_from = query->dense_from;
      self->sql[1].position_sql = g_strdup (query->dense_position_sql);
      if (query->dense_first_from_where != NULL)
        {
          g_autofree char *keys = join_keys (query, "");
          g_autofree char *order = join_keys (query, query->descending ? " DESC" : " ASC");

          self->quick_first_sql = g_strdup_printf ("SELECT %s, %s %s ORDER BY %s LIMIT %d",
                                                   query->columns, keys,
                                                   query->dense_first_from_where, order, PAGE);
        }
    }
}

CptPagedList *
cpt_paged_list_new (CptDatabase *db, GType item_type, const CptPagedQuery *query,
                    GPtrArray *params, CptPagedListRowFunc row_func)
{
  CptPagedList *self = g_object_new (CPT_TYPE_PAGED_LIST, NULL);

  self->db = g_object_ref (db);
  self->item_type = item_type;
  configure (self, query, params, row_func);
  self->in_thread = query->count_in_thread;
  if (self->in_thread)
    count_in_thread (self);
  else
    self->n_items = count_items (self);
  return self;
}

void
cpt_paged_list_set_query (CptPagedList *self, const CptPagedQuery *query, GPtrArray *params,
                          CptPagedListRowFunc row_func)
{
  guint old = self->n_items;

  g_return_if_fail (CPT_IS_PAGED_LIST (self));
  g_return_if_fail (query->count_in_thread == self->in_thread);

  /* The pages read hold keys of the old order: they go before the statements do. */
  if (self->fill != NULL)
    forget_pages_keeping_items (self);
  else
    {
      cancel_loading (self);
      clear_pages (self);
    }
  forget_positions (self);
  g_clear_pointer (&self->count_sql, g_free);
  g_clear_pointer (&self->quick_first_sql, g_free);
  g_clear_pointer (&self->warm_sql, g_free);
  for (guint plan = 0; plan < G_N_ELEMENTS (self->sql); plan++)
    page_sql_clear (&self->sql[plan]);
  g_clear_pointer (&self->params, g_ptr_array_unref);
  configure (self, query, params, row_func);
  if (self->in_thread)
    {
      /* The items shown stay until the count, then are filled with the new rows. */
      count_in_thread (self);
      return;
    }
  self->n_items = count_items (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->n_items);
}

void
cpt_paged_list_reload (CptPagedList *self)
{
  guint old = self->n_items;

  if (self->in_thread)
    {
      /* The rows shown stay until the new ones are read, then change in one go. */
      count_in_thread (self);
      return;
    }
  cancel_loading (self);
  clear_pages (self);
  self->n_items = count_items (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->n_items);
}

guint64
cpt_paged_list_get_steps (CptPagedList *self)
{
  g_return_val_if_fail (CPT_IS_PAGED_LIST (self), 0);

  return self->steps;
}

guint64
cpt_paged_list_get_rows_fetched (CptPagedList *self)
{
  return self->rows_fetched;
}

const GError *
cpt_paged_list_get_error (CptPagedList *self)
{
  return self->error;
}

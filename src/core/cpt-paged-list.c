#define G_LOG_DOMAIN "cpt-paged-list"

#include "cpt-paged-list.h"

/* Pages kept in memory; the least recently used one goes first. */
#define MAX_CACHED_PAGES 16

struct _CptPagedList
{
  GObject              parent_instance;
  CptDatabase         *db;
  GType                item_type;
  char                *select_sql;
  char                *page_sql;
  char                *count_sql;
  GPtrArray           *params;
  CptPagedListRowFunc  row_func;
  guint                n_items;
  GHashTable          *pages;      /* page index -> GPtrArray of items */
  GQueue               lru;        /* page indexes, most recent first */
  guint64              rows_fetched;
  GError              *error;
};

static void cpt_paged_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CptPagedList, cpt_paged_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, cpt_paged_list_model_init))

static void
bind_params (CptPagedList *self, sqlite3_stmt *stmt)
{
  for (guint i = 0; self->params && i < self->params->len; i++)
    {
      GVariant *value = g_ptr_array_index (self->params, i);

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, i + 1, g_variant_get_int64 (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        sqlite3_bind_double (stmt, i + 1, g_variant_get_double (value));
      else
        sqlite3_bind_text (stmt, i + 1, g_variant_get_string (value, NULL), -1, SQLITE_TRANSIENT);
    }
}

static void
set_error (CptPagedList *self)
{
  g_clear_error (&self->error);
  cpt_database_set_error (self->db, &self->error, "Could not read the list");
  g_warning ("%s", self->error->message);
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
    n = (guint) MIN (sqlite3_column_int64 (stmt, 0), G_MAXUINT);
  else
    set_error (self);
  sqlite3_reset (stmt);
  return n;
}

static GPtrArray *
fetch_page (CptPagedList *self, guint page)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = cpt_database_prepare (self->db, self->page_sql, NULL);
  guint n_params = self->params ? self->params->len : 0;
  int rc;

  if (stmt == NULL)
    {
      set_error (self);
      return g_steal_pointer (&items);
    }
  bind_params (self, stmt);
  sqlite3_bind_int64 (stmt, n_params + 1, CPT_PAGED_LIST_PAGE_SIZE);
  sqlite3_bind_int64 (stmt, n_params + 2, (gint64) page * CPT_PAGED_LIST_PAGE_SIZE);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (items, self->row_func (stmt));
      self->rows_fetched++;
    }
  if (rc != SQLITE_DONE)
    set_error (self);
  sqlite3_reset (stmt);
  return g_steal_pointer (&items);
}

static GPtrArray *
get_page (CptPagedList *self, guint page)
{
  GPtrArray *items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));

  if (items != NULL)
    {
      GList *link = g_queue_find (&self->lru, GUINT_TO_POINTER (page));
      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
      return items;
    }
  items = fetch_page (self, page);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));
  while (self->lru.length > MAX_CACHED_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->lru));
  return items;
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

static gpointer
cpt_paged_list_get_item (GListModel *model, guint position)
{
  CptPagedList *self = CPT_PAGED_LIST (model);
  GPtrArray *items;
  guint offset;

  if (position >= self->n_items)
    return NULL;
  items = get_page (self, position / CPT_PAGED_LIST_PAGE_SIZE);
  offset = position % CPT_PAGED_LIST_PAGE_SIZE;
  if (offset >= items->len)
    return NULL; /* rows vanished since the count: reload() will fix the length */
  return g_object_ref (g_ptr_array_index (items, offset));
}

static void
cpt_paged_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cpt_paged_list_get_item_type;
  iface->get_n_items = cpt_paged_list_get_n_items;
  iface->get_item = cpt_paged_list_get_item;
}

static void
cpt_paged_list_finalize (GObject *object)
{
  CptPagedList *self = CPT_PAGED_LIST (object);

  g_clear_object (&self->db);
  g_free (self->select_sql);
  g_free (self->page_sql);
  g_free (self->count_sql);
  g_clear_pointer (&self->params, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_queue_clear (&self->lru);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (cpt_paged_list_parent_class)->finalize (object);
}

static void
cpt_paged_list_class_init (CptPagedListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cpt_paged_list_finalize;
}

static void
cpt_paged_list_init (CptPagedList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->lru);
}

CptPagedList *
cpt_paged_list_new (CptDatabase *db, GType item_type, const char *select_sql,
                    const char *count_sql, GPtrArray *params, CptPagedListRowFunc row_func)
{
  CptPagedList *self = g_object_new (CPT_TYPE_PAGED_LIST, NULL);

  self->db = g_object_ref (db);
  self->item_type = item_type;
  self->select_sql = g_strdup (select_sql);
  self->page_sql = g_strdup_printf ("%s LIMIT ? OFFSET ?", select_sql);
  self->count_sql = g_strdup (count_sql);
  self->params = params ? g_ptr_array_ref (params) : NULL;
  self->row_func = row_func;
  self->n_items = count_items (self);
  return self;
}

void
cpt_paged_list_reload (CptPagedList *self)
{
  guint old = self->n_items;

  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);
  self->n_items = count_items (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->n_items);
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

#define G_LOG_DOMAIN "cpt-lists"

#include "cpt-lists.h"
#include "cpt-client.h"
#include "cpt-document.h"
#include "cpt-product.h"
#include "cpt-search.h"
#include "cpt-store-private.h"

static char *
qualified_columns (const CptRecordClass *record, const char *alias)
{
  g_autofree char *columns = cpt_record_columns (record, TRUE);
  g_auto(GStrv) names = g_strsplit (columns, ", ", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; names[i]; i++)
    g_string_append_printf (out, "%s%s.%s", i ? ", " : "", alias, names[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
is_blank (const char *text)
{
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/* How many documents match a search, counting no further than `limit`. */
static gint64
count_matches (CptDatabase *db, const char *query, gint64 limit)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT count(*) FROM (SELECT 1 FROM documents_fts WHERE documents_fts MATCH ? LIMIT ?)", NULL);
  gint64 count = limit;

  if (stmt == NULL)
    return count;
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

static GObject *
document_from_row (sqlite3_stmt *stmt)
{
  return G_OBJECT (cpt_document_new_from_row (stmt, 0));
}

static GObject *
client_from_row (sqlite3_stmt *stmt)
{
  CptClient *client = cpt_client_new ();

  cpt_record_read (cpt_client_record (), G_OBJECT (client), stmt, 0);
  return G_OBJECT (client);
}

static GObject *
product_from_row (sqlite3_stmt *stmt)
{
  CptProduct *product = cpt_product_new ();

  cpt_record_read (cpt_product_record (), G_OBJECT (product), stmt, 0);
  return G_OBJECT (product);
}

CptPagedList *
cpt_lists_documents (CptDatabase *db, const CptDocumentFilter *filter)
{
  static const CptDocumentFilter no_filter = { 0 };
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GString) where = g_string_new ("1");
  g_autofree char *columns = qualified_columns (cpt_document_record (), "d");
  /* Sort keys match the indexes of the schema (expressions included) and end with the id. */
  static const char *const date_keys[] = { "d.date", "d.id", NULL };
  static const char *const number_keys[] = { "coalesce (d.number, '')", "d.id", NULL };
  static const char *const client_keys[] = { "d.client_sort_name", "d.date", "d.id", NULL };
  static const char *const total_keys[] = { "d.total_gross", "d.id", NULL };
  static const char *const due_keys[] = { "coalesce (d.due_date, '')", "d.id", NULL };
  const char *const *keys;
  g_autofree char *from_where = NULL;
  g_autofree char *count_from_where = NULL;
  g_autoptr(GString) count_where = g_string_new (NULL);
  gboolean only_search = FALSE;
  CptPagedQuery query = { 0 };

  if (filter == NULL)
    filter = &no_filter;
  if (filter->kind != NULL)
    {
      g_string_append (where, " AND d.kind = ?");
      g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_string (filter->kind)));
    }
  if (filter->status != NULL)
    {
      g_string_append (where, " AND d.status = ?");
      g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_string (filter->status)));
    }
  if (filter->client_id > 0)
    {
      g_string_append (where, " AND d.client_id = ?");
      g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_int64 (filter->client_id)));
    }
  if (filter->date_from != NULL)
    {
      g_string_append (where, " AND d.date >= ?");
      g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_string (filter->date_from)));
    }
  if (filter->date_to != NULL)
    {
      g_string_append (where, " AND d.date <= ?");
      g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_string (filter->date_to)));
    }
  if (filter->search != NULL)
    {
      g_autofree char *query = cpt_search_build_query (filter->search);

      if (query != NULL)
        {
          /* Few hits: sort them (SQLite walks the hit list). Many hits: walk the sort index
           * and test each row against the hits ("+" keeps SQLite off the id lookup), which
           * fills the first page long before the end. Counting always walks the hits. */
          only_search = where->len == 1;
          g_string_assign (count_where, where->str);
          g_string_append (count_where, " AND d.id IN (SELECT rowid FROM documents_fts "
                                        "WHERE documents_fts MATCH ?)");
          g_string_append (where, count_matches (db, query, 2000) < 2000
                                    ? " AND d.id IN (SELECT rowid FROM documents_fts "
                                      "WHERE documents_fts MATCH ?)"
                                    : " AND +d.id IN (SELECT rowid FROM documents_fts "
                                      "WHERE documents_fts MATCH ?)");
          g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_string (query)));
        }
      else if (!is_blank (filter->search))
        g_string_append (where, " AND 0"); /* only punctuation: nothing can match */
    }

  switch (filter->sort)
    {
    case CPT_DOCUMENT_SORT_NUMBER:
      keys = number_keys;
      break;
    case CPT_DOCUMENT_SORT_CLIENT:
      keys = client_keys;
      break;
    case CPT_DOCUMENT_SORT_TOTAL:
      keys = total_keys;
      break;
    case CPT_DOCUMENT_SORT_DUE_DATE:
      keys = due_keys;
      break;
    case CPT_DOCUMENT_SORT_DATE:
    default:
      keys = date_keys;
      break;
    }
  from_where = g_strdup_printf ("FROM documents d WHERE %s", where->str);
  if (only_search)
    count_from_where = g_strdup ("FROM documents_fts WHERE documents_fts MATCH ?");
  else
    count_from_where = g_strdup_printf ("FROM documents d WHERE %s",
                                        count_where->len ? count_where->str : where->str);
  query.columns = columns;
  query.from_where = from_where;
  query.count_from_where = count_from_where;
  query.keys = keys;
  query.descending = !filter->ascending;
  return cpt_paged_list_new (db, CPT_TYPE_DOCUMENT, &query, params, document_from_row);
}

static CptPagedList *
named_list (CptDatabase *db, const CptRecordClass *record, const char *table, const char *fts,
            GType type, CptPagedListRowFunc row_func, const char *search, gboolean with_archived)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GString) where = g_string_new (with_archived ? "1" : "t.archived = 0");
  g_autofree char *columns = qualified_columns (record, "t");
  g_autofree char *query = search ? cpt_search_build_query (search) : NULL;
  g_autofree char *from_where = NULL;
  static const char *const name_keys[] = { "t.sort_name", "t.id", NULL };
  CptPagedQuery paged = { 0 };

  if (query != NULL)
    {
      g_string_append_printf (where, " AND t.id IN (SELECT rowid FROM %s WHERE %s MATCH ?)", fts, fts);
      g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_string (query)));
    }
  else if (search != NULL && !is_blank (search))
    g_string_append (where, " AND 0"); /* only punctuation: nothing can match */
  from_where = g_strdup_printf ("FROM %s t WHERE %s", table, where->str);
  paged.columns = columns;
  paged.from_where = from_where;
  paged.keys = name_keys;
  return cpt_paged_list_new (db, type, &paged, params, row_func);
}

CptPagedList *
cpt_lists_clients (CptDatabase *db, const char *search, gboolean with_archived)
{
  return named_list (db, cpt_client_record (), "clients", "clients_fts", CPT_TYPE_CLIENT,
                     client_from_row, search, with_archived);
}

CptPagedList *
cpt_lists_products (CptDatabase *db, const char *search, gboolean with_archived)
{
  return named_list (db, cpt_product_record (), "products", "products_fts", CPT_TYPE_PRODUCT,
                     product_from_row, search, with_archived);
}

#define G_LOG_DOMAIN "cpt-lists"

#include "cpt-lists.h"
#include "cpt-client.h"
#include "cpt-document.h"
#include "cpt-product.h"
#include "cpt-search.h"

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

static GObject *
document_from_row (sqlite3_stmt *stmt)
{
  return G_OBJECT (cpt_document_new_from_row (stmt, 0));
}

static GObject *
client_from_row (sqlite3_stmt *stmt)
{
  return G_OBJECT (cpt_client_new_from_row (stmt, 0));
}

static GObject *
product_from_row (sqlite3_stmt *stmt)
{
  return G_OBJECT (cpt_product_new_from_row (stmt, 0));
}

CptPagedList *
cpt_lists_documents (CptDatabase *db, const CptDocumentFilter *filter)
{
  static const CptDocumentFilter no_filter = { 0 };
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GString) where = g_string_new ("1");
  g_autofree char *columns = qualified_columns (cpt_document_record (), "d");
  g_autofree char *select_sql = NULL;
  g_autofree char *count_sql = NULL;
  const char *order, *direction;

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
          g_string_append (where, " AND d.id IN (SELECT rowid FROM documents_fts "
                                  "WHERE documents_fts MATCH ?)");
          g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_string (query)));
        }
    }

  direction = filter->ascending ? "ASC" : "DESC";
  switch (filter->sort)
    {
    case CPT_DOCUMENT_SORT_NUMBER:
      order = "d.number %1$s, d.id %1$s";
      break;
    case CPT_DOCUMENT_SORT_CLIENT:
      order = "c.name COLLATE NOCASE %1$s, d.date %1$s, d.id %1$s";
      break;
    case CPT_DOCUMENT_SORT_TOTAL:
      order = "d.total_gross %1$s, d.id %1$s";
      break;
    case CPT_DOCUMENT_SORT_DUE_DATE:
      order = "d.due_date %1$s, d.id %1$s";
      break;
    case CPT_DOCUMENT_SORT_DATE:
    default:
      order = "d.date %1$s, d.id %1$s";
      break;
    }
  {
    g_autofree char *order_sql = NULL;
    /* order strings are ours, with only the direction substituted */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    order_sql = g_strdup_printf (order, direction);
#pragma GCC diagnostic pop
    select_sql = g_strdup_printf ("SELECT %s, c.name FROM documents d "
                                  "JOIN clients c ON c.id = d.client_id WHERE %s ORDER BY %s",
                                  columns, where->str, order_sql);
  }
  count_sql = g_strdup_printf ("SELECT count(*) FROM documents d WHERE %s", where->str);
  return cpt_paged_list_new (db, CPT_TYPE_DOCUMENT, select_sql, count_sql, params,
                             document_from_row);
}

static CptPagedList *
named_list (CptDatabase *db, const CptRecordClass *record, const char *table, const char *fts,
            GType type, CptPagedListRowFunc row_func, const char *search, gboolean with_archived)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GString) where = g_string_new (with_archived ? "1" : "t.archived = 0");
  g_autofree char *columns = qualified_columns (record, "t");
  g_autofree char *query = search ? cpt_search_build_query (search) : NULL;
  g_autofree char *select_sql = NULL;
  g_autofree char *count_sql = NULL;

  if (query != NULL && fts != NULL)
    {
      g_string_append_printf (where, " AND t.id IN (SELECT rowid FROM %s WHERE %s MATCH ?)", fts, fts);
      g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_string (query)));
    }
  else if (search != NULL && *search != '\0')
    {
      g_autofree char *like = g_strdup_printf ("%%%s%%", search);
      g_string_append (where, " AND (t.name LIKE ? OR t.code LIKE ?)");
      g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_string (like)));
      g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_string (like)));
    }
  select_sql = g_strdup_printf ("SELECT %s FROM %s t WHERE %s ORDER BY t.name COLLATE NOCASE, t.id",
                                columns, table, where->str);
  count_sql = g_strdup_printf ("SELECT count(*) FROM %s t WHERE %s", table, where->str);
  return cpt_paged_list_new (db, type, select_sql, count_sql, params, row_func);
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
  return named_list (db, cpt_product_record (), "products", NULL, CPT_TYPE_PRODUCT,
                     product_from_row, search, with_archived);
}

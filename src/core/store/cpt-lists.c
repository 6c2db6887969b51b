#define G_LOG_DOMAIN "cpt-lists"

#include "cpt-lists.h"
#include "cpt-paged-list-private.h"
#include "cpt-client.h"
#include "cpt-document.h"
#include "cpt-document-query.h"
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

static CptPagedList *
named_list (CptDatabase *db, const CptRecordClass *record, const char *table, const char *fts,
            GType type, CptPagedListRowFunc row_func, const char *search, gboolean with_archived,
            gboolean in_thread)
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
  paged.count_in_thread = in_thread;
  return cpt_paged_list_new (db, type, &paged, params, row_func);
}

CptPagedList *
cpt_lists_clients (CptDatabase *db, const char *search, gboolean with_archived)
{
  return named_list (db, cpt_client_record (), "clients", "clients_fts", CPT_TYPE_CLIENT,
                     client_from_row, search, with_archived, FALSE);
}

CptPagedList *
cpt_lists_clients_in_thread (CptDatabase *db, const char *search, gboolean with_archived)
{
  return named_list (db, cpt_client_record (), "clients", "clients_fts", CPT_TYPE_CLIENT,
                     client_from_row, search, with_archived, TRUE);
}

CptPagedList *
cpt_lists_products (CptDatabase *db, const char *search, gboolean with_archived)
{
  return named_list (db, cpt_product_record (), "products", "products_fts", CPT_TYPE_PRODUCT,
                     product_from_row, search, with_archived, FALSE);
}

CptPagedList *
cpt_lists_products_in_thread (CptDatabase *db, const char *search, gboolean with_archived)
{
  return named_list (db, cpt_product_record (), "products", "products_fts", CPT_TYPE_PRODUCT,
                     product_from_row, search, with_archived, TRUE);
}

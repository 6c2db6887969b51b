#define G_LOG_DOMAIN "cpt-store"

#include "cpt-store-render.h"
#include "cpt-store-private.h"

#include <glib/gi18n-lib.h>

gboolean
cpt_store_render_product_types (CptDatabase *db, gint64 id, gint64 *out_goods,
                                gint64 *out_services, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT coalesce (sum (p.type = 'goods'), 0), coalesce (sum (p.type = 'service'), 0) "
    "FROM document_lines l JOIN products p ON p.id = l.product_id "
    "WHERE l.document_id = ? AND l.kind = 'item'", error);
  gboolean has_row;

  *out_goods = *out_services = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cpt_store_step (db, stmt, _("Could not read the products of the document"), &has_row,
                       error))
    return FALSE;
  if (has_row)
    {
      *out_goods = sqlite3_column_int64 (stmt, 0);
      *out_services = sqlite3_column_int64 (stmt, 1);
      sqlite3_reset (stmt);
    }
  return TRUE;
}

GArray *
cpt_store_render_document_ids (CptDatabase *db, const char *kind, const char *from,
                               const char *to, GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT id FROM documents WHERE kind = ?1 "
    "AND (?2 IS NULL OR date >= ?2) AND (?3 IS NULL OR date <= ?3) ORDER BY date, id", error);
  gboolean ok, has_row;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);
  while ((ok = cpt_store_step (db, stmt, _("Could not list the documents to render"), &has_row,
                               error)) && has_row)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  return ok ? g_steal_pointer (&ids) : NULL;
}

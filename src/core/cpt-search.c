#define G_LOG_DOMAIN "cpt-search"

#include "cpt-search.h"
#include "cpt-error.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

/* The text a document contributes to the index: its number, its client's name, its title
 * and the descriptions of its lines. */
#define DOCUMENT_INDEX_ROW(doc) \
  "SELECT " doc ".id, " doc ".number, (SELECT name FROM clients WHERE id = " doc ".client_id), " \
  doc ".title, (SELECT group_concat (description, ' ') FROM document_lines " \
  "WHERE document_id = " doc ".id)"

static const char create_triggers_sql[] =
  "CREATE TRIGGER clients_fts_ai AFTER INSERT ON clients BEGIN "
  "  INSERT INTO clients_fts (rowid, name, email, siren, city) "
  "  VALUES (new.id, new.name, new.email, new.siren, new.city); "
  "END;"
  "CREATE TRIGGER clients_fts_ad AFTER DELETE ON clients BEGIN "
  "  INSERT INTO clients_fts (clients_fts, rowid, name, email, siren, city) "
  "  VALUES ('delete', old.id, old.name, old.email, old.siren, old.city); "
  "END;"
  "CREATE TRIGGER clients_fts_au AFTER UPDATE OF name, email, siren, city ON clients BEGIN "
  "  INSERT INTO clients_fts (clients_fts, rowid, name, email, siren, city) "
  "  VALUES ('delete', old.id, old.name, old.email, old.siren, old.city); "
  "  INSERT INTO clients_fts (rowid, name, email, siren, city) "
  "  VALUES (new.id, new.name, new.email, new.siren, new.city); "
  "END;"
  "CREATE TRIGGER products_fts_ai AFTER INSERT ON products BEGIN "
  "  INSERT INTO products_fts (rowid, name, code, description) "
  "  VALUES (new.id, new.name, new.code, new.description); "
  "END;"
  "CREATE TRIGGER products_fts_ad AFTER DELETE ON products BEGIN "
  "  INSERT INTO products_fts (products_fts, rowid, name, code, description) "
  "  VALUES ('delete', old.id, old.name, old.code, old.description); "
  "END;"
  "CREATE TRIGGER products_fts_au AFTER UPDATE OF name, code, description ON products BEGIN "
  "  INSERT INTO products_fts (products_fts, rowid, name, code, description) "
  "  VALUES ('delete', old.id, old.name, old.code, old.description); "
  "  INSERT INTO products_fts (rowid, name, code, description) "
  "  VALUES (new.id, new.name, new.code, new.description); "
  "END;"
  /* A renamed client is found under its new name in all its documents. */
  "CREATE TRIGGER clients_fts_docs_au AFTER UPDATE OF name ON clients "
  "WHEN old.name IS NOT new.name BEGIN "
  "  DELETE FROM documents_fts WHERE rowid IN (SELECT id FROM documents WHERE client_id = new.id); "
  "  INSERT INTO documents_fts (rowid, number, client_name, title, lines) "
  "  " DOCUMENT_INDEX_ROW ("d") " FROM documents d WHERE d.client_id = new.id; "
  "END;"
  "CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN "
  "  INSERT INTO documents_fts (rowid, number, client_name, title, lines) "
  "  " DOCUMENT_INDEX_ROW ("new") "; "
  "END;"
  "CREATE TRIGGER documents_fts_au AFTER UPDATE OF number, client_id, title ON documents BEGIN "
  "  DELETE FROM documents_fts WHERE rowid = old.id; "
  "  INSERT INTO documents_fts (rowid, number, client_name, title, lines) "
  "  " DOCUMENT_INDEX_ROW ("new") "; "
  "END;"
  "CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN "
  "  DELETE FROM documents_fts WHERE rowid = old.id; "
  "END;"
  "CREATE TRIGGER document_lines_fts_ai AFTER INSERT ON document_lines BEGIN "
  "  DELETE FROM documents_fts WHERE rowid = new.document_id; "
  "  INSERT INTO documents_fts (rowid, number, client_name, title, lines) "
  "  " DOCUMENT_INDEX_ROW ("d") " FROM documents d WHERE d.id = new.document_id; "
  "END;"
  "CREATE TRIGGER document_lines_fts_au AFTER UPDATE OF description ON document_lines BEGIN "
  "  DELETE FROM documents_fts WHERE rowid = new.document_id; "
  "  INSERT INTO documents_fts (rowid, number, client_name, title, lines) "
  "  " DOCUMENT_INDEX_ROW ("d") " FROM documents d WHERE d.id = new.document_id; "
  "END;"
  "CREATE TRIGGER document_lines_fts_ad AFTER DELETE ON document_lines BEGIN "
  "  DELETE FROM documents_fts WHERE rowid = old.document_id; "
  "  INSERT INTO documents_fts (rowid, number, client_name, title, lines) "
  "  " DOCUMENT_INDEX_ROW ("d") " FROM documents d WHERE d.id = old.document_id; "
  "END;";

static const char drop_triggers_sql[] =
  "DROP TRIGGER IF EXISTS clients_fts_ai; DROP TRIGGER IF EXISTS clients_fts_ad; "
  "DROP TRIGGER IF EXISTS clients_fts_au; DROP TRIGGER IF EXISTS clients_fts_docs_au; "
  "DROP TRIGGER IF EXISTS products_fts_ai; DROP TRIGGER IF EXISTS products_fts_ad; "
  "DROP TRIGGER IF EXISTS products_fts_au; "
  "DROP TRIGGER IF EXISTS documents_fts_ai; DROP TRIGGER IF EXISTS documents_fts_au; "
  "DROP TRIGGER IF EXISTS documents_fts_ad; DROP TRIGGER IF EXISTS document_lines_fts_ai; "
  "DROP TRIGGER IF EXISTS document_lines_fts_au; DROP TRIGGER IF EXISTS document_lines_fts_ad;";

gboolean
cpt_search_create_triggers (CptDatabase *db, GError **error)
{
  return cpt_database_exec (db, create_triggers_sql, error);
}

gboolean
cpt_search_drop_triggers (CptDatabase *db, GError **error)
{
  return cpt_database_exec (db, drop_triggers_sql, error);
}

gboolean
cpt_search_index_documents_after (CptDatabase *db, gint64 after_id, GError **error)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO documents_fts (rowid, number, client_name, title, lines) "
    DOCUMENT_INDEX_ROW ("d") " FROM documents d WHERE d.id > %" G_GINT64_FORMAT, after_id);

  return cpt_database_exec (db, sql, error);
}

gboolean
cpt_search_index_clients_after (CptDatabase *db, gint64 after_id, GError **error)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO clients_fts (rowid, name, email, siren, city) "
    "SELECT id, name, email, siren, city FROM clients WHERE id > %" G_GINT64_FORMAT, after_id);

  return cpt_database_exec (db, sql, error);
}

char *
cpt_search_build_query (const char *text)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  const char *p;

  if (text == NULL)
    return NULL;
  /* Words are runs of letters and digits; everything else separates them, which also keeps
   * FTS5 syntax (quotes, NEAR, column filters) out of what users type. */
  for (p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && (g_unichar_isalnum (c) || c == '_'))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        {
          g_string_append_printf (query, "%s\"%s\"*", query->len ? " AND " : "", word->str);
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }
  if (query->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&query), FALSE);
}

void
cpt_search_hit_free (CptSearchHit *hit)
{
  g_free (hit->title);
  g_free (hit->subtitle);
  g_free (hit->doc_kind);
  g_free (hit);
}

GPtrArray *
cpt_search_run (CptDatabase *db, const char *text, guint limit, GError **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) cpt_search_hit_free);
  g_autofree char *query = cpt_search_build_query (text);
  sqlite3_stmt *stmt;
  int rc;

  if (query == NULL)
    return g_steal_pointer (&hits);

  stmt = cpt_database_prepare (db,
    "SELECT c.id, c.name, coalesce (c.city, ''), coalesce (c.email, '') FROM clients_fts f "
    "JOIN clients c ON c.id = f.rowid WHERE clients_fts MATCH ?1 ORDER BY rank LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CptSearchHit *hit = g_new0 (CptSearchHit, 1);
      const char *city = (const char *) sqlite3_column_text (stmt, 2);
      const char *email = (const char *) sqlite3_column_text (stmt, 3);

      hit->kind = CPT_SEARCH_HIT_CLIENT;
      hit->id = sqlite3_column_int64 (stmt, 0);
      hit->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      hit->subtitle = g_strdup_printf ("%s%s%s", city, *city && *email ? " · " : "", email);
      g_ptr_array_add (hits, hit);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cpt_database_set_error (db, error, _("Search failed"));
      return NULL;
    }

  /* Newest first: the rowid order of documents follows their creation. */
  stmt = cpt_database_prepare (db,
    "SELECT d.id, d.number, d.kind, d.client_name, coalesce (d.title, ''), d.date FROM documents d "
    "WHERE d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1 "
    "               ORDER BY rowid DESC LIMIT ?2) "
    "ORDER BY d.id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CptSearchHit *hit = g_new0 (CptSearchHit, 1);
      const char *number = (const char *) sqlite3_column_text (stmt, 1);
      const char *title = (const char *) sqlite3_column_text (stmt, 4);

      hit->kind = CPT_SEARCH_HIT_DOCUMENT;
      hit->id = sqlite3_column_int64 (stmt, 0);
      hit->doc_kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      hit->title = number ? g_strdup (number)
                          /* Translators: a draft has no number yet: it is named by its id */
                          : g_strdup_printf (_("Draft #%" PRId64), hit->id);
      hit->subtitle = g_strdup_printf ("%s%s%s · %s", (const char *) sqlite3_column_text (stmt, 3),
                                       *title ? " · " : "", title,
                                       (const char *) sqlite3_column_text (stmt, 5));
      g_ptr_array_add (hits, hit);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cpt_database_set_error (db, error, _("Search failed"));
      return NULL;
    }
  return g_steal_pointer (&hits);
}

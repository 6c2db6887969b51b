#define G_LOG_DOMAIN "cpt-store"

#include "cpt-store-search.h"
#include "cpt-store-private.h"
#include "cpt-error.h"
#include "cpt-kinds.h"

#include <glib/gi18n-lib.h>

/* The text a document contributes to the index: its number, its client's name, its title
 * and the descriptions of its lines; then its kind as a word no search can type (schema 14):
 * U+E000, a private-use character that the index keeps inside words but that
 * cpt_store_search_match_query () cuts words at, then the kind without its underscore, which
 * would cut it in two. */
#define KIND_WORD_MARK "\xee\x80\x80"
#define DOCUMENT_INDEX_COLUMNS "rowid, number, client_name, title, lines, kind"
#define DOCUMENT_INDEX_ROW(doc) \
  "SELECT " doc ".id, " doc ".number, (SELECT name FROM clients WHERE id = " doc ".client_id), " \
  doc ".title, (SELECT group_concat (description, ' ') FROM document_lines " \
  "WHERE document_id = " doc ".id), char (57344) || replace (" doc ".kind, '_', '')"

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
  "  INSERT INTO documents_fts (" DOCUMENT_INDEX_COLUMNS ") "
  "  " DOCUMENT_INDEX_ROW ("d") " FROM documents d WHERE d.client_id = new.id; "
  "END;"
  "CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN "
  "  INSERT INTO documents_fts (" DOCUMENT_INDEX_COLUMNS ") "
  "  " DOCUMENT_INDEX_ROW ("new") "; "
  "END;"
  "CREATE TRIGGER documents_fts_au AFTER UPDATE OF number, client_id, title, kind ON documents BEGIN "
  "  DELETE FROM documents_fts WHERE rowid = old.id; "
  "  INSERT INTO documents_fts (" DOCUMENT_INDEX_COLUMNS ") "
  "  " DOCUMENT_INDEX_ROW ("new") "; "
  "END;"
  "CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN "
  "  DELETE FROM documents_fts WHERE rowid = old.id; "
  "END;"
  "CREATE TRIGGER document_lines_fts_ai AFTER INSERT ON document_lines BEGIN "
  "  DELETE FROM documents_fts WHERE rowid = new.document_id; "
  "  INSERT INTO documents_fts (" DOCUMENT_INDEX_COLUMNS ") "
  "  " DOCUMENT_INDEX_ROW ("d") " FROM documents d WHERE d.id = new.document_id; "
  "END;"
  "CREATE TRIGGER document_lines_fts_au AFTER UPDATE OF description ON document_lines BEGIN "
  "  DELETE FROM documents_fts WHERE rowid = new.document_id; "
  "  INSERT INTO documents_fts (" DOCUMENT_INDEX_COLUMNS ") "
  "  " DOCUMENT_INDEX_ROW ("d") " FROM documents d WHERE d.id = new.document_id; "
  "END;"
  "CREATE TRIGGER document_lines_fts_ad AFTER DELETE ON document_lines BEGIN "
  "  DELETE FROM documents_fts WHERE rowid = old.document_id; "
  "  INSERT INTO documents_fts (" DOCUMENT_INDEX_COLUMNS ") "
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
cpt_store_search_create_triggers (CptDatabase *db, GError **error)
{
  return cpt_database_exec (db, create_triggers_sql, error);
}

gboolean
cpt_store_search_drop_triggers (CptDatabase *db, GError **error)
{
  return cpt_database_exec (db, drop_triggers_sql, error);
}

gboolean
cpt_store_search_index_documents_after (CptDatabase *db, gint64 after_id, GError **error)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO documents_fts (" DOCUMENT_INDEX_COLUMNS ") "
    DOCUMENT_INDEX_ROW ("d") " FROM documents d WHERE d.id > %" G_GINT64_FORMAT, after_id);

  return cpt_database_exec (db, sql, error);
}

gboolean
cpt_store_search_index_clients_after (CptDatabase *db, gint64 after_id, GError **error)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO clients_fts (rowid, name, email, siren, city) "
    "SELECT id, name, email, siren, city FROM clients WHERE id > %" G_GINT64_FORMAT, after_id);

  return cpt_database_exec (db, sql, error);
}

char *
cpt_store_search_match_query (const char *text)
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

gboolean
cpt_store_search_prefix_indexed (const char *text)
{
  guint longest = 0, length = 0;

  if (text == NULL)
    return FALSE;
  /* Cut into words as cpt_store_search_match_query () cuts them. */
  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && (g_unichar_isalnum (c) || c == '_'))
        {
          length++;
          continue;
        }
      longest = MAX (longest, length);
      length = 0;
      if (c == 0)
        break;
    }
  /* The prefix lengths of documents_fts (schema 14). A word with "_" is a phrase of
   * several words, each shorter. */
  return longest > 0 && longest <= 3;
}

/* " OR "-joined words of `kinds`, as DOCUMENT_INDEX_ROW () writes them: without their
 * underscore. */
static void
append_kind_words (GString *query, const char *const *kinds)
{
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      g_string_append_printf (query, "%s\"" KIND_WORD_MARK, i > 0 ? " OR " : "");
      for (const char *c = kinds[i]; *c != '\0'; c++)
        if (g_ascii_isalnum (*c))
          g_string_append_c (query, *c);
      g_string_append_c (query, '"');
    }
}

char *
cpt_store_search_match_in_kinds (const char        *match,
                                 const char *const *kinds)
{
  g_autoptr(GString) query = NULL;

  g_return_val_if_fail (match != NULL, NULL);

  if (kinds == NULL || kinds[0] == NULL)
    return g_strdup (match);
  query = g_string_new (NULL);
  g_string_append_printf (query, "(%s) AND (", match);
  append_kind_words (query, kinds);
  g_string_append_c (query, ')');
  return g_string_free (g_steal_pointer (&query), FALSE);
}

char *
cpt_store_search_match_outside_kinds (const char        *match,
                                      const char *const *kinds)
{
  g_autoptr(GString) query = NULL;
  g_autoptr(GPtrArray) others = g_ptr_array_new ();

  g_return_val_if_fail (match != NULL, NULL);

  if (kinds == NULL || kinds[0] == NULL)
    return NULL;
  for (CptDocumentKind kind = CPT_DOCUMENT_KIND_QUOTE; kind <= CPT_DOCUMENT_KIND_CREDIT_NOTE; kind++)
    if (!g_strv_contains (kinds, cpt_document_kind_to_string (kind)))
      g_ptr_array_add (others, (gpointer) cpt_document_kind_to_string (kind));
  if (others->len == 0)
    return g_strdup (match);
  g_ptr_array_add (others, NULL);
  query = g_string_new (NULL);
  g_string_append_printf (query, "(%s) NOT (", match);
  append_kind_words (query, (const char *const *) others->pdata);
  g_string_append_c (query, ')');
  return g_string_free (g_steal_pointer (&query), FALSE);
}

void
cpt_store_client_match_free (CptStoreClientMatch *match)
{
  g_free (match->name);
  g_free (match->city);
  g_free (match->email);
  g_free (match);
}

void
cpt_store_document_match_free (CptStoreDocumentMatch *match)
{
  g_free (match->number);
  g_free (match->client_name);
  g_free (match->title);
  g_free (match->date);
  g_free (match);
}

GPtrArray *
cpt_store_search_clients (CptDatabase *db, const char *text, guint limit, GError **error)
{
  g_autoptr(GPtrArray) matches =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cpt_store_client_match_free);
  g_autofree char *query = cpt_store_search_match_query (text);
  sqlite3_stmt *stmt;
  gboolean ok, has_row;

  if (query == NULL)
    return g_steal_pointer (&matches);
  stmt = cpt_database_prepare (db,
    "SELECT c.id, c.name, coalesce (c.city, ''), coalesce (c.email, '') FROM clients_fts f "
    "JOIN clients c ON c.id = f.rowid WHERE clients_fts MATCH ?1 ORDER BY rank LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, limit);
  while ((ok = cpt_store_step (db, stmt, _("Search failed"), &has_row, error)) && has_row)
    {
      CptStoreClientMatch *match = g_new0 (CptStoreClientMatch, 1);

      match->id = sqlite3_column_int64 (stmt, 0);
      match->name = cpt_store_dup_text (stmt, 1);
      match->city = cpt_store_dup_text (stmt, 2);
      match->email = cpt_store_dup_text (stmt, 3);
      g_ptr_array_add (matches, match);
    }
  return ok ? g_steal_pointer (&matches) : NULL;
}

GPtrArray *
cpt_store_search_documents (CptDatabase *db, const char *text, guint limit, GError **error)
{
  g_autoptr(GPtrArray) matches =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cpt_store_document_match_free);
  g_autofree char *query = cpt_store_search_match_query (text);
  sqlite3_stmt *stmt;
  gboolean ok, has_row;

  if (query == NULL)
    return g_steal_pointer (&matches);
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
  while ((ok = cpt_store_step (db, stmt, _("Search failed"), &has_row, error)) && has_row)
    {
      CptStoreDocumentMatch *match = g_new0 (CptStoreDocumentMatch, 1);

      match->id = sqlite3_column_int64 (stmt, 0);
      match->number = cpt_store_dup_text (stmt, 1);
      /* kind is NOT NULL and CHECKed: an unknown one would be a damaged file. */
      if (!cpt_document_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &match->kind))
        g_warning ("document %" G_GINT64_FORMAT ": unknown kind", match->id);
      match->client_name = cpt_store_dup_text (stmt, 3);
      match->title = cpt_store_dup_text (stmt, 4);
      match->date = cpt_store_dup_text (stmt, 5);
      g_ptr_array_add (matches, match);
    }
  return ok ? g_steal_pointer (&matches) : NULL;
}

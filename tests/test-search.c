/* Full-text search: prefix matching as you type, kept up to date by the triggers. */
#include <sqlite3.h>
#include <string.h>

#include "cpt-client.h"
#include "cpt-demo.h"
#include "cpt-documents.h"
#include "cpt-error.h"
#include "cpt-search.h"
#include "cpt-test-utils.h"

static GPtrArray *
run (CptDatabase *db, const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = cpt_search_run (db, text, 50, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static gboolean
has_hit (GPtrArray *hits, CptSearchHitKind kind, gint64 id)
{
  for (guint i = 0; i < hits->len; i++)
    {
      CptSearchHit *hit = g_ptr_array_index (hits, i);
      if (hit->kind == kind && hit->id == id)
        return TRUE;
    }
  return FALSE;
}

static void
test_query_builder (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "dup", "\"dup\"*" },
    { "  Dup  fac ", "\"Dup\"* AND \"fac\"*" },
    { "l'atelier", "\"l\"* AND \"atelier\"*" },
    { "FA-2026-0001", "\"FA\"* AND \"2026\"* AND \"0001\"*" },
    { "\"quoted\" OR NEAR(x)", "\"quoted\"* AND \"OR\"* AND \"NEAR\"* AND \"x\"*" },
    { "élodie", "\"élodie\"*" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *query = cpt_search_build_query (cases[i].in);
      g_assert_cmpstr (query, ==, cases[i].out);
    }
  g_assert_null (cpt_search_build_query ("  -- ** \"\" "));
  g_assert_null (cpt_search_build_query (NULL));
}

static void
test_clients_and_documents (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autoptr(CptDocument) doc = NULL;
  g_autoptr(CptDocumentLine) line = cpt_document_line_new ();
  g_autoptr(GPtrArray) hits = NULL;

  g_object_set (client, "name", "Boulangerie Dupont", "city", "Besançon", "email", "contact@dupont.fr",
                "siren", "552100554", NULL);
  g_assert_true (cpt_client_insert (client, f->db, &error));
  doc = cpt_documents_create (f->db, "quote", cpt_client_get_id (client), NULL, NULL, "Pièce montée", &error);
  g_object_set (line, "description", "Croquembouche géant", "unit-price", (gint64) 500000, "vat-rate", (gint64) 550, NULL);
  g_assert_true (cpt_documents_add_line (f->db, cpt_document_get_id (doc), line, &error));

  /* prefixes, accents ignored, several words */
  const char *client_queries[] = { "dup", "boul", "BOULANGERIE dup", "besancon", "55210", "contact" };
  for (guint i = 0; i < G_N_ELEMENTS (client_queries); i++)
    {
      g_clear_pointer (&hits, g_ptr_array_unref);
      hits = run (f->db, client_queries[i]);
      if (!has_hit (hits, CPT_SEARCH_HIT_CLIENT, cpt_client_get_id (client)))
        g_error ("client not found by “%s”", client_queries[i]);
    }
  const char *document_queries[] = { "dupont", "piece mont", "croquem", "géant" };
  for (guint i = 0; i < G_N_ELEMENTS (document_queries); i++)
    {
      g_clear_pointer (&hits, g_ptr_array_unref);
      hits = run (f->db, document_queries[i]);
      if (!has_hit (hits, CPT_SEARCH_HIT_DOCUMENT, cpt_document_get_id (doc)))
        g_error ("document not found by “%s”", document_queries[i]);
    }
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = run (f->db, "dupont zebre");
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = run (f->db, "   ");
  g_assert_cmpuint (hits->len, ==, 0);
}

static void
test_kept_up_to_date (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autoptr(CptDocument) doc = NULL;
  g_autoptr(CptDocumentLine) line = cpt_document_line_new ();
  g_autoptr(GPtrArray) hits = NULL;
  gint64 doc_id;

  g_object_set (client, "name", "Garage Leroy", NULL);
  g_assert_true (cpt_client_insert (client, f->db, &error));
  doc = cpt_documents_create (f->db, "invoice", cpt_client_get_id (client), NULL, NULL, NULL, &error);
  doc_id = cpt_document_get_id (doc);
  g_object_set (line, "description", "Vidange", "unit-price", (gint64) 890000, "vat-rate", (gint64) 2000, NULL);
  g_assert_true (cpt_documents_add_line (f->db, doc_id, line, &error));

  /* Renaming the client: found under the new name, in its documents too. */
  g_object_set (client, "name", "Garage Mercier", NULL);
  g_assert_true (cpt_client_update (client, f->db, &error));
  hits = run (f->db, "leroy");
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = run (f->db, "mercier");
  g_assert_true (has_hit (hits, CPT_SEARCH_HIT_CLIENT, cpt_client_get_id (client)));
  g_assert_true (has_hit (hits, CPT_SEARCH_HIT_DOCUMENT, doc_id));

  /* Editing a line's description. */
  g_object_set (line, "description", "Pneus hiver", NULL);
  g_assert_true (cpt_documents_update_line (f->db, line, &error));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = run (f->db, "vidange");
  g_assert_false (has_hit (hits, CPT_SEARCH_HIT_DOCUMENT, doc_id));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = run (f->db, "pneus");
  g_assert_true (has_hit (hits, CPT_SEARCH_HIT_DOCUMENT, doc_id));

  /* Removing the line, then deleting the document. */
  g_assert_true (cpt_documents_remove_line (f->db, cpt_document_line_get_id (line), &error));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = run (f->db, "pneus");
  g_assert_false (has_hit (hits, CPT_SEARCH_HIT_DOCUMENT, doc_id));
  g_assert_true (cpt_documents_delete (f->db, doc_id, &error));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = run (f->db, "mercier");
  g_assert_false (has_hit (hits, CPT_SEARCH_HIT_DOCUMENT, doc_id));
  g_assert_true (has_hit (hits, CPT_SEARCH_HIT_CLIENT, cpt_client_get_id (client)));

  /* Deleting the client. */
  g_assert_true (cpt_client_delete (f->db, cpt_client_get_id (client), &error));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = run (f->db, "mercier");
  g_assert_cmpuint (hits->len, ==, 0);
}

/* Each document's kind is a word of the index (schema 14): as many of each kind in the
 * index as in the table. Written here apart from the store: U+E000, then the kind without
 * its underscore. */
static void
assert_kinds_indexed (CptDatabase *db)
{
  static const char *const kinds[] = { "quote", "proforma", "invoice", "deposit", "credit_note" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      sqlite3_stmt *stmt = cpt_database_prepare (db, "SELECT (SELECT count(*) FROM documents WHERE kind = ?1), "
                                                     "(SELECT count(*) FROM documents_fts WHERE documents_fts "
                                                     "MATCH '\"' || char (57344) || replace (?1, '_', '') || '\"')",
                                                 &error);

      g_assert_no_error (error);
      sqlite3_bind_text (stmt, 1, kinds[i], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      if (sqlite3_column_int64 (stmt, 0) != sqlite3_column_int64 (stmt, 1))
        g_error ("%" G_GINT64_FORMAT " documents of the kind %s, %" G_GINT64_FORMAT " in the index",
                 (gint64) sqlite3_column_int64 (stmt, 0), kinds[i], (gint64) sqlite3_column_int64 (stmt, 1));
      sqlite3_reset (stmt);
    }
}

/* The kinds' words follow the documents, and no search reaches them: the name of a kind
 * typed, with or without the character that starts those words, finds only the documents
 * that hold it in their text. */
static void
test_kinds_in_index (CptTestDb *f, gconstpointer data)
{
  static const char *const kinds[] = { "quote", "proforma", "invoice", "deposit", "credit_note" };
  static const char *const typed[] = { "quote", "proforma", "invoice", "deposit", "creditnote",
                                       "credit_note", "credit note", "\xee\x80\x80quote",
                                       "\xee\x80\x80", "q", "cr" };
  g_autoptr(GError) error = NULL;
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_object_set (client, "name", "Atelier Bois", NULL);
  g_assert_true (cpt_client_insert (client, f->db, &error));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(CptDocument) doc = cpt_documents_create (f->db, kinds[i], cpt_client_get_id (client),
                                                         NULL, NULL, "Table en chêne", &error);
      gint64 id;

      g_assert_no_error (error);
      id = cpt_document_get_id (doc);
      g_array_append_val (ids, id);
    }
  assert_kinds_indexed (f->db);
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(GPtrArray) hits = run (f->db, typed[i]);

      for (guint j = 0; j < hits->len; j++)
        if (((CptSearchHit *) g_ptr_array_index (hits, j))->kind == CPT_SEARCH_HIT_DOCUMENT)
          g_error ("“%s” found a document that does not hold it", typed[i]);
    }
  {
    g_autoptr(GPtrArray) hits = run (f->db, "chene");

    for (guint i = 0; i < ids->len; i++)
      g_assert_true (has_hit (hits, CPT_SEARCH_HIT_DOCUMENT, g_array_index (ids, gint64, i)));
  }
  /* A draft deleted leaves its kind's word too. */
  g_assert_true (cpt_documents_delete (f->db, g_array_index (ids, gint64, 0), &error));
  g_assert_no_error (error);
  assert_kinds_indexed (f->db);
}

/* The demo generator fills the index in bulk: it must agree with what the triggers would
 * have written, and the triggers must be back afterwards. */
static void
test_bulk_index_matches (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) hits = NULL;
  gint64 with_lines = 0, indexed = 0;

  g_assert_true (cpt_demo_generate (f->db, 30, 3000, 5, NULL, NULL, &error));
  stmt = cpt_database_prepare (f->db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
                                      "AND name LIKE '%\\_fts\\_%' ESCAPE '\\'", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 13);
  sqlite3_reset (stmt);

  /* Every document with a "Formation" line is found by "formation", and nothing else. */
  stmt = cpt_database_prepare (f->db, "SELECT count(DISTINCT document_id) FROM document_lines "
                                      "WHERE description LIKE 'Formation%'", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  with_lines = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  stmt = cpt_database_prepare (f->db, "SELECT count(*) FROM documents_fts WHERE documents_fts "
                                      "MATCH 'lines : \"formation\"*'", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  indexed = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  g_assert_cmpint (with_lines, >, 0);
  g_assert_cmpint (indexed, ==, with_lines);
  assert_kinds_indexed (f->db);
}

/* A search that cannot run says so: it does not answer "nothing found". */
static void
test_errors_reach_the_caller (CptTestDb *f, gconstpointer data)
{
  sqlite3 *handle = cpt_database_get_handle (f->db);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autoptr(CptDocument) doc = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  const char *renames[][2] = { { "clients", "clients_gone" }, { "documents", "documents_gone" } };
  GLogLevelFlags fatal;

  g_object_set (client, "name", "Boulangerie Dupont", NULL);
  g_assert_true (cpt_client_insert (client, f->db, &error));
  doc = cpt_documents_create (f->db, "quote", cpt_client_get_id (client), NULL, NULL, "Dupont",
                              &error);
  g_assert_no_error (error);
  hits = run (f->db, "dupont");
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);

  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  for (guint i = 0; i < G_N_ELEMENTS (renames); i++)
    {
      g_autofree char *gone = g_strdup_printf ("ALTER TABLE %s RENAME TO %s", renames[i][0],
                                               renames[i][1]);
      g_autofree char *back = g_strdup_printf ("ALTER TABLE %s RENAME TO %s", renames[i][1],
                                               renames[i][0]);

      g_assert_cmpint (sqlite3_exec (handle, gone, NULL, NULL, NULL), ==, SQLITE_OK);
      hits = cpt_search_run (f->db, "dupont", 50, &error);
      g_assert_null (hits);
      g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
      g_assert_true (g_str_has_prefix (error->message, "Search failed"));
      g_clear_error (&error);
      g_assert_cmpint (sqlite3_exec (handle, back, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  g_log_set_always_fatal (fatal);

  /* the index was left as it was */
  hits = run (f->db, "dupont");
  g_assert_cmpuint (hits->len, ==, 2);
}

/* The ids of the documents the SQL function cpt_search_hit () finds for `match` on the
 * connection `db`, in order. */
static GArray *
ids_of (sqlite3 *db, const char *sql, const char *match)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  g_assert_cmpint (sqlite3_finalize (stmt), ==, SQLITE_OK);
  return ids;
}

/* cpt_search_hit () finds what the index finds, for a search that finds many (kept as bits)
 * or few far apart (kept as ids), again and again on one connection, and sees the changes
 * made on the same connection and on another one. */
static void
assert_hits_agree (sqlite3 *db, const char *match, guint at_least)
{
  g_autoptr(GArray) expected = ids_of (db, "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1 "
                                       "ORDER BY rowid", match);

  g_assert_cmpuint (expected->len, >=, at_least);
  /* Twice: the second time from the hits kept. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GArray) found = ids_of (db, "SELECT id FROM documents WHERE cpt_search_hit (?1, id) "
                                        "ORDER BY id", match);

      g_assert_cmpuint (found->len, ==, expected->len);
      for (guint j = 0; j < found->len; j++)
        g_assert_cmpint (g_array_index (found, gint64, j), ==, g_array_index (expected, gint64, j));
    }
}

static void
test_hits_function (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autoptr(CptDocument) doc = NULL;
  sqlite3 *db = cpt_database_get_handle (f->db);
  sqlite3 *other = NULL;
  g_autoptr(GArray) few = NULL;
  g_autofree char *match = NULL;
  gint64 span;

  g_assert_true (cpt_demo_generate (f->db, 20, 400, 5, NULL, NULL, &error));
  g_assert_no_error (error);
  /* Many hits, close together: bits. */
  assert_hits_agree (db, "\"r\"*", 100);
  assert_hits_agree (db, "\"nothingofthekind\"*", 0);

  /* The first document numbered, and then a new one of a new client: few hits far apart,
   * kept as ids; the new one is found at once (written on this connection). */
  {
    g_autoptr(GArray) first = ids_of (db, "SELECT id FROM documents WHERE number IS NOT NULL AND ?1 "
                                      "ORDER BY id LIMIT 1", "1");
    g_autoptr(CptDocument) numbered = cpt_documents_load (f->db, g_array_index (first, gint64, 0), &error);
    g_autofree char *words = g_strdelimit (g_strdup (cpt_document_get_number (numbered)), "-/", ' ');

    g_assert_no_error (error);
    match = g_strdup_printf ("number:\"%s\" OR \"zorglub\"", words);
  }
  assert_hits_agree (db, match, 1);
  g_object_set (client, "name", "Zorglub Industries", NULL);
  g_assert_true (cpt_client_insert (client, f->db, &error));
  doc = cpt_documents_create (f->db, "invoice", cpt_client_get_id (client), NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  few = ids_of (db, "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1 ORDER BY rowid", match);
  g_assert_cmpuint (few->len, >=, 2);
  g_assert_cmpint (g_array_index (few, gint64, few->len - 1), ==, cpt_document_get_id (doc));
  span = g_array_index (few, gint64, few->len - 1) - g_array_index (few, gint64, 0) + 1;
  g_assert_cmpint (span / 64, >, few->len);
  assert_hits_agree (db, match, 2);

  /* Deleted on another connection: no longer found here; then another client renamed
   * there: its documents are found here. */
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  {
    g_autofree char *sql = g_strdup_printf ("DELETE FROM documents WHERE id = %" G_GINT64_FORMAT,
                                            cpt_document_get_id (doc));

    g_assert_cmpint (sqlite3_exec (other, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  {
    g_autoptr(GArray) found = ids_of (db, "SELECT id FROM documents WHERE cpt_search_hit (?1, id)", match);

    g_assert_cmpuint (found->len, ==, few->len - 1);
  }
  g_assert_cmpint (sqlite3_exec (other, "UPDATE clients SET name = 'Zorglub Frères' WHERE id = "
                                 "(SELECT client_id FROM documents ORDER BY id LIMIT 1)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (other);
  assert_hits_agree (db, match, 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/search/query-builder", test_query_builder);
  CPT_TEST_DB ("/search/clients-and-documents", test_clients_and_documents);
  CPT_TEST_DB ("/search/kept-up-to-date", test_kept_up_to_date);
  CPT_TEST_DB ("/search/kinds-in-index", test_kinds_in_index);
  CPT_TEST_DB ("/search/bulk-index-matches", test_bulk_index_matches);
  CPT_TEST_DB ("/search/errors-reach-the-caller", test_errors_reach_the_caller);
  CPT_TEST_DB ("/search/hits-function", test_hits_function);
  return g_test_run ();
}

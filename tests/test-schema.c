/* The schema Comptoir writes stays readable by the SQLite of the distributions we support
 * (3.40 and later, DESIGN.md), and the French sort keys it needs are computed in C. */
#include <dlfcn.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "cpt-client.h"
#include "cpt-database.h"
#include "cpt-documents.h"
#include "cpt-ledger.h"
#include "cpt-product.h"
#include "cpt-search.h"
#include "cpt-sort-key.h"
#include "cpt-test-utils.h"

#define APPLICATION_ID 0x43707472

/* SQLite before 3.46 has a fixed parser stack of 100 entries: a CREATE statement that nests
 * about 30 function calls (or 90 parentheses) is refused with "parser stack overflow", and
 * then the whole file cannot be opened. Comptoir's schema stays far below. */
#define MAX_SCHEMA_NESTING 16

/* ---------------------------------------------------------------- the key itself */

static void
test_sort_key (void)
{
  static const struct { const char *name, *key; } cases[] = {
    { "Élodie Robert", "elodie robert" },
    { "ÉCOLE", "ecole" },
    { "Câble & Co", "cable & co" },
    { "Ça ira", "ca ira" },
    { "Œuvres d’Art", "oeuvres d’art" },
    { "ŒIL", "oeil" },
    { "Lætitia", "laetitia" },
    { "Æsop", "aesop" },
    { "Straße", "strasse" },
    { "Zoé Ñuñez Ÿvelines", "zoe nunez yvelines" },
    { "Ångström Ìle Ôde", "angstrom ile ode" },
    { "E\xcc\x81lodie", "elodie" },            /* already decomposed: E + U+0301 */
    { "ACME 42 sàrl", "acme 42 sarl" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = cpt_sort_key (cases[i].name);
      g_assert_cmpstr (key, ==, cases[i].key);
    }
  g_assert_null (cpt_sort_key (NULL));
}

/* ---------------------------------------------------------------- helpers */

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

static void
exec_raw (sqlite3 *raw, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (raw, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
}

/* Marks a file made from the schema files as a Comptoir file of `version` and closes it. */
static void
close_as_version (sqlite3 *raw, guint version)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %u; PRAGMA application_id = %d",
                                          version, APPLICATION_ID);

  exec_raw (raw, sql);
  exec_raw (raw, "PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close (raw);
}

/* Runs the schema files of versions 1 to `last` (not their steps in C). */
static void
exec_schema_files (sqlite3 *raw, guint last)
{
  for (guint v = 1; v <= last; v++)
    {
      g_autofree char *name = g_strdup_printf ("schema-%u.sql", v);
      g_autofree char *file = g_test_build_filename (G_TEST_DIST, "..", "src", "core", "sql", name, NULL);
      g_autofree char *sql = read_text (file);
      exec_raw (raw, sql);
    }
}

static const char *const fixture_names[] = {
  "Zoé Martin", "Élodie Robert", "Câble & Co", "Création Web", "Œuvres d'Art", "ardoise",
  NULL
};

/* A file as Comptoir 4 left it: schemas 1 to 4 (and, with `old_schema_5`, the first form of
 * schema 5), with clients, products, a draft and a validated invoice. */
static char *
make_old_file (const char *dir, gboolean old_schema_5)
{
  char *path = g_build_filename (dir, old_schema_5 ? "v5.db" : "v4.db", NULL);
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  exec_raw (raw, "PRAGMA journal_mode = WAL");
  exec_schema_files (raw, 4);
  for (guint i = 0; fixture_names[i] != NULL; i++)
    {
      char *sql = sqlite3_mprintf ("INSERT INTO clients (name) VALUES (%Q)", fixture_names[i]);
      exec_raw (raw, sql);
      sqlite3_free (sql);
    }
  exec_raw (raw, "INSERT INTO products (name) VALUES ('Étiquette'), ('Affiche'), ('Œillet');"
                 "INSERT INTO documents (kind, client_id, client_name, date) "
                 "  VALUES ('invoice', 2, 'Élodie Robert', '2026-03-01');"
                 "INSERT INTO documents (kind, client_id, client_name, date, status, number) "
                 "  VALUES ('invoice', 1, 'Zoé Martin', '2026-02-01', 'validated', 'F-2026-0001');");
  /* The search index as Comptoir's triggers keep it. */
  exec_raw (raw, "INSERT INTO clients_fts (clients_fts) VALUES ('rebuild');"
                 "INSERT INTO products_fts (products_fts) VALUES ('rebuild');"
                 "INSERT INTO documents_fts (rowid, number, client_name, title, lines) "
                 "  SELECT id, number, client_name, title, '' FROM documents;");
  if (old_schema_5)
    {
      g_autofree char *file = g_test_build_filename (G_TEST_DIST, "schema-5-generated.sql", NULL);
      g_autofree char *sql = read_text (file);
      exec_raw (raw, sql);
    }
  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d",
                                            old_schema_5 ? 5 : 4, APPLICATION_ID);
    exec_raw (raw, sql);
  }
  exec_raw (raw, "PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close (raw);
  return path;
}

/* The deepest nesting of parentheses in the SQL text, outside quotes and comments. */
static guint
nesting_depth (const char *sql)
{
  guint depth = 0, deepest = 0;

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '"' || *p == '`' || *p == '[')
        {
          char close = *p == '[' ? ']' : *p;
          for (p++; *p != '\0' && *p != close; p++)
            ;
          if (*p == '\0')
            break;
        }
      else if (p[0] == '-' && p[1] == '-')
        {
          while (*p != '\0' && *p != '\n')
            p++;
          if (*p == '\0')
            break;
        }
      else if (p[0] == '/' && p[1] == '*')
        {
          const char *end = strstr (p + 2, "*/");
          if (end == NULL)
            break;
          p = end + 1;
        }
      else if (*p == '(')
        deepest = MAX (deepest, ++depth);
      else if (*p == ')' && depth > 0)
        depth--;
    }
  return deepest;
}

/* The name and depth of the most deeply nested statement of the file's schema. */
static guint
schema_depth (sqlite3 *raw, char **deepest_name)
{
  sqlite3_stmt *stmt = NULL;
  guint deepest = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint depth = nesting_depth ((const char *) sqlite3_column_text (stmt, 1));
      if (depth > deepest)
        {
          deepest = depth;
          g_free (*deepest_name);
          *deepest_name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
        }
    }
  sqlite3_finalize (stmt);
  return deepest;
}

static void
assert_schema_shallow (CptDatabase *db)
{
  g_autofree char *name = NULL;
  guint depth = schema_depth (cpt_database_get_handle (db), &name);

  if (depth > MAX_SCHEMA_NESTING)
    g_error ("“%s” nests %u deep: SQLite before 3.46 cannot parse it", name, depth);
}

static char *
query_text (CptDatabase *db, const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = cpt_database_prepare (db, sql, &error);
  char *text;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

/* Every stored key is the key of its name, and every table has its key as a plain column. */
static void
assert_keys_right (CptDatabase *db)
{
  static const struct { const char *table, *name, *key; } columns[] = {
    { "clients", "name", "sort_name" },
    { "products", "name", "sort_name" },
    { "documents", "client_name", "client_sort_name" },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT %s, %s FROM %s", columns[i].name,
                                              columns[i].key, columns[i].table);
      g_autofree char *info = g_strdup_printf ("SELECT hidden FROM pragma_table_xinfo ('%s') "
                                               "WHERE name = '%s'", columns[i].table, columns[i].key);
      g_autofree char *hidden = query_text (db, info);
      sqlite3_stmt *stmt = cpt_database_prepare (db, sql, &error);
      guint rows = 0;

      /* 0: an ordinary column (2 and 3 are generated columns). */
      g_assert_cmpstr (hidden, ==, "0");
      g_assert_no_error (error);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree char *key = cpt_sort_key ((const char *) sqlite3_column_text (stmt, 0));
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, key);
          rows++;
        }
      sqlite3_reset (stmt);
      g_assert_cmpuint (rows, >, 0);
    }
}

static void
assert_french_order (CptDatabase *db)
{
  static const char *const sorted[] = { "ardoise", "Câble & Co", "Création Web", "Élodie Robert",
                                        "Œuvres d'Art", "Zoé Martin" };
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = cpt_database_prepare (db, "SELECT name FROM clients ORDER BY sort_name, id",
                                             &error);
  guint i = 0;

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpuint (i, <, G_N_ELEMENTS (sorted));
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, sorted[i++]);
    }
  sqlite3_reset (stmt);
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (sorted));
}

/* The validated invoice stays locked, with the very trigger it had, and a renamed client's
 * draft follows with its key. */
static void
assert_locks_and_renames (CptDatabase *db, const char *locked_sql_before)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptClient) client = NULL;
  g_autofree char *locked_sql = query_text (db, "SELECT sql FROM sqlite_schema "
                                                "WHERE name = 'documents_locked_update'");
  g_autofree char *draft_key = NULL;

  g_assert_cmpstr (locked_sql, ==, locked_sql_before);
  g_assert_false (cpt_database_exec (db, "UPDATE documents SET title = 'x' WHERE number = 'F-2026-0001'",
                                     &error));
  g_clear_error (&error);

  client = cpt_client_load (db, 2, &error);
  g_assert_no_error (error);
  g_object_set (client, "name", "Ève Robert", NULL);
  cpt_client_update (client, db, &error);
  g_assert_no_error (error);
  draft_key = query_text (db, "SELECT client_sort_name FROM documents WHERE client_id = 2");
  g_assert_cmpstr (draft_key, ==, "eve robert");
  assert_keys_right (db);
}

/* The search index made again by schema 14 holds the documents the older one held, each
 * with its kind's word (U+E000, then the kind), and finds them by one letter through its
 * prefixes. */
static void
assert_documents_indexed (CptDatabase *db)
{
  g_autofree char *invoices = query_text (db, "SELECT count(*) FROM documents_fts WHERE documents_fts "
                                              "MATCH '\"' || char (57344) || 'invoice\"'");
  g_autofree char *options = query_text (db, "SELECT sql FROM sqlite_schema WHERE name = 'documents_fts'");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = cpt_search_run (db, "F 2026 z", 10, &error);
  guint documents = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (invoices, ==, "2");
  g_assert_nonnull (strstr (options, "prefix = '1 2 3'"));
  for (guint i = 0; i < hits->len; i++)
    {
      CptSearchHit *hit = g_ptr_array_index (hits, i);

      if (hit->kind == CPT_SEARCH_HIT_DOCUMENT)
        {
          g_assert_cmpint (hit->id, ==, 2);
          documents++;
        }
    }
  g_assert_cmpuint (documents, ==, 1);
}

static char *
locked_trigger_sql (const char *path)
{
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;
  char *sql;

  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT sql FROM sqlite_schema "
                                            "WHERE name = 'documents_locked_update'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  sql = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
  return sql;
}

/* ---------------------------------------------------------------- migrations */

static void
test_new_file (void)
{
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "new.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (path, &error);

  g_assert_no_error (error);
  for (guint i = 0; fixture_names[i] != NULL; i++)
    {
      g_autoptr(CptClient) client = cpt_client_new ();
      g_object_set (client, "name", fixture_names[i], NULL);
      g_assert_true (cpt_client_insert (client, db, &error));
    }
  {
    g_autoptr(CptProduct) product = cpt_product_new ();
    g_object_set (product, "name", "Œillet", NULL);
    g_assert_true (cpt_product_insert (product, db, &error));
    g_assert_no_error (error);
    g_object_set (product, "name", "Étiquette", NULL);
    g_assert_true (cpt_product_update (product, db, &error));
    g_assert_no_error (error);
  }
  assert_schema_shallow (db);
  assert_french_order (db);
  g_clear_object (&db);
  cpt_test_cleanup_dir (dir);
}

static void
test_migrates_v4 (void)
{
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = make_old_file (dir, FALSE);
  g_autofree char *locked_sql = locked_trigger_sql (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (path, &error);
  g_autofree char *version = NULL;

  g_assert_no_error (error);
  version = query_text (db, "PRAGMA user_version");
  g_assert_cmpint (atoi (version), ==, CPT_DATABASE_SCHEMA_VERSION);
  assert_schema_shallow (db);
  assert_keys_right (db);
  assert_french_order (db);
  assert_documents_indexed (db);
  assert_locks_and_renames (db, locked_sql);
  g_clear_object (&db);
  cpt_test_cleanup_dir (dir);
}

static void
test_migrates_generated_v5 (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *locked_sql = NULL;
  g_autofree char *deepest = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;
  sqlite3 *raw = NULL;

  if (sqlite3_libversion_number () < 3046000)
    {
      /* Such a file cannot even be made here; it only comes from a newer SQLite. */
      g_test_skip ("this SQLite is older than 3.46 and cannot parse the first schema 5");
      return;
    }
  dir = cpt_test_make_dir ();
  path = make_old_file (dir, TRUE);
  locked_sql = locked_trigger_sql (path);
  /* The guard below sees what older SQLite refuses. */
  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpuint (schema_depth (raw, &deepest), >, MAX_SCHEMA_NESTING);
  sqlite3_close (raw);

  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  assert_schema_shallow (db);
  assert_keys_right (db);
  assert_french_order (db);
  assert_locks_and_renames (db, locked_sql);
  g_clear_object (&db);
  cpt_test_cleanup_dir (dir);
}

/* ---------------------------------------------------------------- schema 17: snapshots kept once */

/* The canonical text of a document as every version wrote it until schema 16, when the
 * document held its seller and buyer: the hashes of the ledger were made from it, and must
 * still match once the snapshots are kept apart. */
#define CANONICAL_UNTIL_16 \
  "json_object ('v', 1, 'id', d.id, 'kind', d.kind, 'number', d.number, 'series', d.series, " \
  "  'period', d.period, 'sequence', d.sequence, 'client_id', d.client_id, " \
  "  'client_name', d.client_name, 'date', d.date, 'service_date', d.service_date, " \
  "  'due_date', d.due_date, 'valid_until', d.valid_until, 'title', d.title, 'notes', d.notes, " \
  "  'payment_terms', d.payment_terms, 'currency', d.currency, 'language', d.language, " \
  "  'total_net', d.total_net, 'total_vat', d.total_vat, 'total_gross', d.total_gross, " \
  "  'amount_due', d.amount_due, 'deposits_net', d.deposits_net, 'deposits_vat', d.deposits_vat, " \
  "  'deposits_gross', d.deposits_gross, 'quote_id', d.quote_id, 'proforma_id', d.proforma_id, " \
  "  'credited_id', d.credited_id, 'validated_at', d.validated_at, 'seller', d.seller, " \
  "  'buyer', d.buyer, " \
  "  'lines', (SELECT json_group_array (json_object ( " \
  "     'id', l.id, 'position', l.position, 'kind', l.kind, 'product_id', l.product_id, " \
  "     'description', l.description, 'quantity', l.quantity, 'unit', l.unit, " \
  "     'unit_price', l.unit_price, 'discount_percent', l.discount_percent, " \
  "     'vat_rate', l.vat_rate, 'exemption_code', l.exemption_code, 'account', l.account, " \
  "     'net', l.net, 'vat_amount', l.vat_amount, 'quote_line_id', l.quote_line_id, " \
  "     'credited_line_id', l.credited_line_id, 'deposit_id', l.deposit_id)) " \
  "   FROM (SELECT * FROM document_lines WHERE document_id = d.id ORDER BY position, id) l))"

/* Seller and buyer texts as a version 16 file holds them (their usual length: most of a
 * document's row), with quotes, accents and a newline. */
static const char *const v16_sellers[] = {
  "{\"name\":\"Atelier \\\"Comptoir\\\"\",\"legal_form\":\"SARL\",\"share_capital\":500000,"
  "\"siren\":\"732829320\",\"siret\":\"73282932000074\",\"rcs_city\":\"Lyon\","
  "\"vat_number\":\"FR44732829320\",\"address\":\"12 rue de la République\",\"postcode\":\"69002\","
  "\"city\":\"Lyon\",\"country\":\"FR\",\"email\":\"contact@atelier-comptoir.fr\","
  "\"phone\":\"04 78 00 00 00\",\"website\":\"https://atelier-comptoir.fr\","
  "\"iban\":\"FR7630006000011234567890189\",\"bic\":\"AGRIFRPP\",\"penalty_text\":\"En cas de "
  "retard de paiement, une pénalité égale à trois fois le taux d'intérêt légal est exigible, "
  "ainsi qu'une indemnité forfaitaire pour frais de recouvrement de 40 €.\",\"footer\":\"SARL "
  "au capital de 5 000 € – RCS Lyon 732 829 320\",\"vat_on_debits\":0,\"vat_exempt\":0,"
  "\"vat_exempt_text\":null}",
};
static const char *const v16_buyers[] = {
  "{\"kind\":\"company\",\"name\":\"Zoé Martin\",\"siren\":\"552100554\",\"siret\":\"55210055400013\","
  "\"vat_number\":\"FR40552100554\",\"email\":\"compta@zoe-martin.fr\",\"phone\":\"01 23 45 67 89\","
  "\"address\":\"3 rue Haute\\nBâtiment B\",\"postcode\":\"75011\",\"city\":\"Paris\",\"country\":\"FR\","
  "\"delivery_address\":\"Entrepôt Nord, quai 4\",\"delivery_postcode\":\"93200\","
  "\"delivery_city\":\"Saint-Denis\",\"delivery_country\":\"FR\",\"payment_days\":30,\"end_of_month\":0}",
  "{\"kind\":\"person\",\"name\":\"Élodie Robert\",\"siren\":null,\"siret\":null,\"vat_number\":null,"
  "\"email\":\"elodie.robert@example.org\",\"phone\":null,\"address\":\"8 allée des Tilleuls\","
  "\"postcode\":\"38000\",\"city\":\"Grenoble\",\"country\":\"FR\",\"delivery_address\":null,"
  "\"delivery_postcode\":null,\"delivery_city\":null,\"delivery_country\":null,\"payment_days\":45,"
  "\"end_of_month\":1}",
};

/* A file at version 16 made by its own schema files: V16_VALIDATED validated invoices (the
 * first two sharing their buyer, the third another one), chained in the ledger from their
 * canonical text of then, and a draft. */
#define V16_VALIDATED 1000
static char *
make_v16_file (const char *dir)
{
  char *path = g_build_filename (dir, "v16.db", NULL);
  g_autofree char *previous = g_strnfill (64, '0');
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  exec_raw (raw, "PRAGMA journal_mode = WAL");
  exec_schema_files (raw, 16);
  exec_raw (raw, "INSERT INTO clients (name) VALUES ('Zoé Martin'), ('Élodie Robert')");
  exec_raw (raw, "BEGIN");
  for (guint i = 0; i < V16_VALIDATED; i++)
    {
      guint buyer = i == 2 ? 1 : i < 2 ? 0 : i % 2;
      char *sql = sqlite3_mprintf (
        "INSERT INTO documents (kind, status, number, series, period, sequence, client_id, "
        "  client_name, date, total_net, total_gross, validated_at, seller, buyer) "
        "VALUES ('invoice', 'validated', 'FA-2026-%04u', 'FA', '2026', %u, %u, %Q, '2026-02-0%u', "
        "  10000, 12000, '2026-02-01T10:00:00Z', %Q, %Q)",
        i + 1, i + 1, buyer + 1, buyer == 0 ? "Zoé Martin" : "Élodie Robert", i + 1,
        v16_sellers[0], v16_buyers[buyer]);
      exec_raw (raw, sql);
      sqlite3_free (sql);
    }
  exec_raw (raw, "INSERT INTO documents (kind, client_id, client_name, date) "
                 "VALUES ('invoice', 2, 'Élodie Robert', '2026-03-01')");
  for (gint64 id = 1; id <= V16_VALIDATED; id++)
    {
      g_autofree char *select = g_strdup_printf ("SELECT " CANONICAL_UNTIL_16 " FROM documents d "
                                                 "WHERE d.id = %" G_GINT64_FORMAT, id);
      sqlite3_stmt *stmt = NULL;
      g_autofree char *linked = NULL;
      char *hash, *sql;

      g_assert_cmpint (sqlite3_prepare_v2 (raw, select, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      linked = g_strdup_printf ("%s\n%s", previous, sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, linked, -1);
      sql = sqlite3_mprintf ("INSERT INTO ledger (document_id, previous_hash, hash) "
                             "VALUES (%lld, %Q, %Q)", (long long) id, previous, hash);
      exec_raw (raw, sql);
      sqlite3_free (sql);
      g_free (previous);
      previous = hash;
    }
  exec_raw (raw, "COMMIT");
  close_as_version (raw, 16);
  return path;
}

static gint64
file_size (const char *path)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  return buf.st_size;
}

static void
assert_parties (CptDatabase *db, gint64 id, const char *seller, const char *buyer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDocument) document = cpt_documents_load (db, id, &error);
  g_autofree char *seller_kept = NULL, *buyer_kept = NULL;

  g_assert_no_error (error);
  g_object_get (document, "seller", &seller_kept, "buyer", &buyer_kept, NULL);
  g_assert_cmpstr (seller_kept, ==, seller);
  g_assert_cmpstr (buyer_kept, ==, buyer);
}

/* Schema 17 keeps each seller and buyer text once: every validated document keeps its own,
 * byte for byte, its hash still matches, and the copies are gone from the documents. */
static void
test_migrates_v16_snapshots (void)
{
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = make_v16_file (dir);
  gint64 size_before = file_size (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (path, &error);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *locked = NULL;

  g_assert_no_error (error);
  /* The rows that kept the copies are compacted: about 1.1 KB of text less for each. */
  g_assert_cmpint (file_size (path), <, size_before - V16_VALIDATED * 900);
  assert_parties (db, 1, v16_sellers[0], v16_buyers[0]);
  assert_parties (db, 2, v16_sellers[0], v16_buyers[0]);
  assert_parties (db, 3, v16_sellers[0], v16_buyers[1]);
  assert_parties (db, V16_VALIDATED + 1, NULL, NULL);
  locked = query_text (db, "SELECT count(*) FROM party_snapshots");
  g_assert_cmpstr (locked, ==, "3");
  g_free (locked);
  locked = query_text (db, "SELECT count(*) FROM pragma_table_info ('documents') "
                           "WHERE name IN ('seller', 'buyer')");
  g_assert_cmpstr (locked, ==, "0");
  g_free (locked);
  /* the validated documents are still locked */
  locked = query_text (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'documents_locked_update'");
  g_assert_cmpstr (locked, ==, "1");

  problems = cpt_ledger_check (db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    {
      const char *problem = g_ptr_array_index (problems, i);

      g_assert_null (strstr (problem, "changed after its validation"));
      g_assert_null (strstr (problem, "chain"));
    }
  g_clear_object (&db);
  cpt_test_cleanup_dir (dir);
}

/* ---------------------------------------------------------------- schema 19: counts by sort */

/* A file at version 18 made by its own schema files, with documents of each kind: due dates
 * or none (ids on both sides of 1024), clients, and amounts of one to eight digits, zero and
 * below zero. */
static char *
make_v18_file (const char *dir)
{
  static const gint64 totals[] = { 0, 5, 12, 99, 185, 120000, 129999, 130000, 32495000, -4500, -120000 };
  char *path = g_build_filename (dir, "v18.db", NULL);
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  exec_raw (raw, "PRAGMA journal_mode = WAL");
  exec_schema_files (raw, 18);
  exec_raw (raw, "INSERT INTO clients (name, sort_name) VALUES ('Zoé Martin', 'zoe martin'), "
                 "('Élodie Robert', 'elodie robert')");
  exec_raw (raw, "BEGIN");
  for (guint i = 0; i < 3000; i++)
    {
      static const char *const kinds[] = { "invoice", "quote", "proforma", "credit_note", "deposit" };
      const char *kind = kinds[i % G_N_ELEMENTS (kinds)];
      gboolean due = strcmp (kind, "quote") != 0 && strcmp (kind, "credit_note") != 0 && i % 7 != 0;
      char *sql = sqlite3_mprintf (
        "INSERT INTO documents (id, kind, client_id, client_name, client_sort_name, date, due_date, total_gross) "
        "VALUES (%u, %Q, %u, %Q, %Q, '2026-02-%02u', %s, %lld)",
        i + 1, kind, i % 2 + 1, i % 2 ? "Élodie Robert" : "Zoé Martin", i % 2 ? "elodie robert" : "zoe martin",
        i % 28 + 1, due ? (i % 3 ? "'2026-03-15'" : "'2026-04-01'") : "NULL",
        (long long) totals[i % G_N_ELEMENTS (totals)]);
      exec_raw (raw, sql);
      sqlite3_free (sql);
    }
  /* what is owed on some invoices: every third settled, every ninth of those also credited
   * in full (not paid, then) */
  exec_raw (raw, "INSERT INTO receivables (document_id, client_id, kind, date, due_date, amount_due, credited, paid) "
                 "SELECT id, client_id, kind, date, coalesce (due_date, date), 1000, "
                 "  CASE WHEN id % 9 = 1 THEN 1000 ELSE 0 END, CASE WHEN id % 3 = 1 THEN 1000 ELSE 0 END "
                 "FROM documents WHERE kind = 'invoice'");
  exec_raw (raw, "COMMIT");
  close_as_version (raw, 18);
  return path;
}

/* Schema 19 counts the documents of each kind by due date (by parts of 1024 ids without
 * one), client and bucket of amounts, and the paid invoices by due date, from the documents
 * and receivables already there, and its triggers keep the counts as documents come, change
 * and go. */
static void
test_migrates_v18_sort_counts (void)
{
  static const struct { const char *sql, *expected; } checks[] = {
    { "SELECT group_concat (kind || ' ' || due || ' ' || part || ' ' || count, ', ') FROM "
      "(SELECT * FROM kind_due_counts WHERE kind IN ('invoice', 'quote') ORDER BY kind, due, part)",
      "invoice  0 30, invoice  1 29, invoice  2 27, invoice 2026-03-15 0 343, invoice 2026-04-01 0 171, "
      "quote  0 205, quote  1 205, quote  2 190" },
    { "SELECT group_concat (kind || ' ' || client || ' ' || count, ', ') FROM "
      "(SELECT * FROM kind_client_counts WHERE kind IN ('invoice', 'quote') ORDER BY kind, client)",
      "invoice elodie robert 300, invoice zoe martin 300, quote elodie robert 300, quote zoe martin 300" },
    { "SELECT group_concat (bucket || ' ' || count, ', ') FROM "
      "(SELECT * FROM kind_total_counts WHERE kind = 'invoice' ORDER BY bucket)",
      "-612 55, -445 55, 0 55, 105 54, 212 54, 299 55, 318 55, 612 109, 613 54, 832 54" },
    { "SELECT group_concat (due || ' ' || part || ' ' || count, ', ') FROM "
      "(SELECT * FROM paid_by_kind_due ORDER BY kind, due, part)",
      " 0 6,  1 7,  2 6, 2026-04-01 0 114" },
  };
  static const char *const recounts[][2] = {
    { "SELECT kind, coalesce (due_date, ''), "
      "CASE WHEN coalesce (due_date, '') = '' THEN id >> 10 ELSE 0 END, count(*) FROM documents GROUP BY 1, 2, 3",
      "SELECT kind, due, part, count FROM kind_due_counts WHERE count != 0" },
    { "SELECT kind, coalesce (client_sort_name, ''), count(*) FROM documents GROUP BY 1, 2",
      "SELECT kind, client, count FROM kind_client_counts WHERE count != 0" },
    { "SELECT kind, CASE WHEN total_gross > 0 THEN length (total_gross) * 100 + substr (total_gross, 1, 2) "
      "WHEN total_gross < 0 THEN -(length (-total_gross) * 100 + substr (-total_gross, 1, 2)) ELSE 0 END, "
      "count(*) FROM documents GROUP BY 1, 2",
      "SELECT kind, bucket, count FROM kind_total_counts WHERE count != 0" },
    { "SELECT r.kind, coalesce (d.due_date, ''), "
      "CASE WHEN coalesce (d.due_date, '') = '' THEN d.id >> 10 ELSE 0 END, count(*) "
      "FROM receivables r JOIN documents d ON d.id = r.document_id "
      "WHERE r.balance <= 0 AND NOT (r.credited > 0 AND r.credited >= r.amount_due) GROUP BY 1, 2, 3",
      "SELECT kind, due, part, count FROM paid_by_kind_due WHERE count != 0" },
  };
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = make_v18_file (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_autofree char *text = query_text (db, checks[i].sql);
      g_assert_cmpstr (text, ==, checks[i].expected);
    }
  /* the triggers: one document each way, and one changed on every key */
  g_assert_true (cpt_database_exec (db,
    "INSERT INTO documents (id, kind, client_id, client_name, client_sort_name, date, total_gross) "
    "  VALUES (5000, 'quote', 1, 'Zoé Martin', 'zoe martin', '2026-02-01', 7);"
    "DELETE FROM documents WHERE id = 2;"
    "UPDATE documents SET due_date = NULL, client_sort_name = 'zoe', total_gross = 130001 WHERE id = 3;"
    "UPDATE receivables SET paid = 1000 WHERE document_id = 11;"
    "UPDATE receivables SET paid = 0 WHERE document_id = 16;",
    &error));
  g_assert_no_error (error);
  /* every count still what the documents and receivables give */
  for (guint i = 0; i < G_N_ELEMENTS (recounts); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM (SELECT * FROM (%s EXCEPT %s) "
                                              "UNION ALL SELECT * FROM (%s EXCEPT %s))",
                                              recounts[i][0], recounts[i][1], recounts[i][1], recounts[i][0]);
      g_autofree char *wrong = query_text (db, sql);

      g_assert_cmpstr (wrong, ==, "0");
    }
  {
    g_autofree char *text = query_text (db, "SELECT count FROM kind_due_counts WHERE kind = 'quote' AND part = 4");
    g_assert_cmpstr (text, ==, "1");
    g_free (text);
    /* one paid invoice due on 2026-03-15 now, one fewer on 2026-04-01 */
    text = query_text (db, "SELECT group_concat (due || ' ' || part || ' ' || count, ', ') FROM "
                           "(SELECT * FROM paid_by_kind_due WHERE count != 0 ORDER BY kind, due, part)");
    g_assert_cmpstr (text, ==, " 0 6,  1 7,  2 6, 2026-03-15 0 1, 2026-04-01 0 113");
  }
  g_clear_object (&db);
  cpt_test_cleanup_dir (dir);
}

/* A file of `version` made from the schema files, with one client, in a transaction that
 * close_as_version () does not end: the caller commits. */
static sqlite3 *
open_numbered_file (const char *path, guint version)
{
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  exec_raw (raw, "PRAGMA journal_mode = WAL");
  exec_schema_files (raw, version);
  exec_raw (raw, "INSERT INTO clients (name, sort_name) VALUES ('Zoé Martin', 'zoe martin')");
  exec_raw (raw, "BEGIN");
  return raw;
}

/* A document of that client, `number` NULL for a draft. */
static void
insert_numbered (sqlite3 *raw, guint id, const char *kind, const char *number)
{
  char *sql = sqlite3_mprintf ("INSERT INTO documents (id, kind, number, client_id, client_name, client_sort_name, date) "
                               "VALUES (%u, %Q, %Q, 1, 'Zoé Martin', 'zoe martin', '2026-02-01')",
                               id, kind, number);

  exec_raw (raw, sql);
  sqlite3_free (sql);
}

/* A version-19 file whose numbers have several lengths: most are "FA-2026-NNNN" (12
 * characters), a few "AV-1" to "AV-20", one "DE-2026-00001" (13), and drafts without one,
 * ids on both sides of 1024. */
static char *
make_v19_numbered_file (const char *dir)
{
  char *path = g_build_filename (dir, "v19.db", NULL);
  sqlite3 *raw = open_numbered_file (path, 19);

  for (guint i = 1; i <= 2500; i++)
    {
      g_autofree char *number = NULL;
      const char *kind = "invoice";

      if (i <= 300)
        number = g_strdup_printf ("FA-2026-%04u", i);
      else if (i <= 320)
        {
          kind = "credit_note";
          number = g_strdup_printf ("AV-%u", i - 300);
        }
      else if (i == 321)
        {
          kind = "quote";
          number = g_strdup ("DE-2026-00001");
        }
      else
        kind = i % 2 ? "invoice" : "quote";
      insert_numbered (raw, i, kind, number);
    }
  exec_raw (raw, "COMMIT");
  close_as_version (raw, 19);
  return path;
}

/* Schema 20 counts the documents of each kind by the first characters of their number (as
 * many as the most common length less one, 11 here: at most 2 000 buckets), the drafts by
 * parts of 1024 ids, from the documents already there; its triggers keep the counts as
 * numbers are given and documents go; a new length (schema 21) has the numbers counted again
 * by it. */
static void
test_migrates_v19_number_counts (void)
{
  static const char *const recount[2] = {
    "SELECT kind, substr (coalesce (number, ''), 1, (SELECT length FROM number_bucket_length)), "
    "CASE WHEN coalesce (number, '') = '' THEN id >> 10 ELSE 0 END, count(*) FROM documents GROUP BY 1, 2, 3",
    "SELECT kind, prefix, part, count FROM kind_number_counts WHERE count != 0",
  };
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = make_v19_numbered_file (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (path, &error);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM (SELECT * FROM (%s EXCEPT %s) "
                                          "UNION ALL SELECT * FROM (%s EXCEPT %s))",
                                          recount[0], recount[1], recount[1], recount[0]);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = query_text (db, "SELECT length FROM number_bucket_length");
  g_assert_cmpstr (text, ==, "11");
  g_clear_pointer (&text, g_free);
  /* the invoices by tens, the short credit notes each alone, the quote's 13 characters cut */
  text = query_text (db, "SELECT group_concat (prefix || ' ' || count, ', ') FROM "
                         "(SELECT * FROM kind_number_counts WHERE kind = 'invoice' AND prefix LIKE 'FA-2026-00%' ORDER BY prefix)");
  g_assert_cmpstr (text, ==, "FA-2026-000 9, FA-2026-001 10, FA-2026-002 10, FA-2026-003 10, FA-2026-004 10, "
                             "FA-2026-005 10, FA-2026-006 10, FA-2026-007 10, FA-2026-008 10, FA-2026-009 10");
  g_clear_pointer (&text, g_free);
  text = query_text (db, "SELECT group_concat (prefix || ' ' || count, ', ') FROM "
                         "(SELECT * FROM kind_number_counts WHERE kind != 'invoice' AND prefix != '' AND prefix < 'AV-2' "
                         "ORDER BY prefix)");
  g_assert_cmpstr (text, ==, "AV-1 1, AV-10 1, AV-11 1, AV-12 1, AV-13 1, AV-14 1, AV-15 1, AV-16 1, AV-17 1, "
                             "AV-18 1, AV-19 1");
  g_clear_pointer (&text, g_free);
  text = query_text (db, "SELECT prefix || ' ' || count FROM kind_number_counts WHERE kind = 'quote' AND prefix != ''");
  g_assert_cmpstr (text, ==, "DE-2026-000 1");
  g_clear_pointer (&text, g_free);
  text = query_text (db, "SELECT group_concat (part || ' ' || count, ', ') FROM "
                         "(SELECT * FROM kind_number_counts WHERE kind = 'invoice' AND prefix = '' ORDER BY part)");
  /* the drafts 323, 325... 2499 by 1024 ids */
  g_assert_cmpstr (text, ==, "0 351, 1 512, 2 226");
  g_clear_pointer (&text, g_free);
  text = query_text (db, sql);
  g_assert_cmpstr (text, ==, "0");
  g_clear_pointer (&text, g_free);

  /* the triggers: a draft numbered, a number changed to another bucket, a document gone, a new
   * one numbered from the start */
  g_assert_true (cpt_database_exec (db,
    "UPDATE documents SET number = 'FA-2026-0301' WHERE id = 1025;"
    "UPDATE documents SET number = 'FA-2026-9999' WHERE id = 5;"
    "DELETE FROM documents WHERE id = 310;"
    "INSERT INTO documents (id, kind, number, client_id, client_name, client_sort_name, date) "
    "  VALUES (5000, 'credit_note', 'AV-21', 1, 'Zoé Martin', 'zoe martin', '2026-02-02');",
    &error));
  g_assert_no_error (error);
  text = query_text (db, sql);
  g_assert_cmpstr (text, ==, "0");
  g_clear_pointer (&text, g_free);
  text = query_text (db, "SELECT group_concat (prefix || ' ' || part || ' ' || count, ', ') FROM "
                         "(SELECT * FROM kind_number_counts WHERE kind = 'invoice' AND count != 0 "
                         "AND (prefix IN ('', 'FA-2026-000', 'FA-2026-030', 'FA-2026-999')) ORDER BY prefix, part)");
  g_assert_cmpstr (text, ==, " 0 351,  1 511,  2 226, FA-2026-000 0 8, FA-2026-030 0 2, FA-2026-999 0 1");
  g_clear_pointer (&text, g_free);
  /* the length changed (schema 21): the numbers counted again by it, the drafts' parts kept */
  g_assert_true (cpt_database_exec (db, "UPDATE number_bucket_length SET length = 3", &error));
  g_assert_no_error (error);
  text = query_text (db, sql);
  g_assert_cmpstr (text, ==, "0");
  g_clear_pointer (&text, g_free);
  text = query_text (db, "SELECT group_concat (kind || ' ' || prefix || ' ' || part || ' ' || count, ', ') FROM "
                         "(SELECT * FROM kind_number_counts WHERE count != 0 AND (prefix != '' OR part = 0) "
                         "ORDER BY kind, prefix, part)");
  g_assert_cmpstr (text, ==, "credit_note AV- 0 20, invoice  0 351, invoice FA- 0 301, quote  0 351, "
                             "quote DE- 0 1");
  g_clear_pointer (&text, g_free);
  /* it is one, always there */
  g_assert_false (cpt_database_exec (db, "INSERT INTO number_bucket_length (length) VALUES (3)", &error));
  g_clear_error (&error);
  g_assert_false (cpt_database_exec (db, "DELETE FROM number_bucket_length", &error));
  g_clear_error (&error);
  g_clear_object (&db);
  cpt_test_cleanup_dir (dir);
}

/* A version-20 file made when it had no numbers (a length of 11), then numbered by its
 * triggers: 5 000 invoices "2026-0001" to "2026-5000" (9 characters, a bucket each), 30
 * "FA-2026-0001" (12), credit notes "AV-1" to "AV-20" (4 to 5), and drafts on both sides of
 * 1024 ids. */
static char *
make_v20_outgrown_file (const char *dir)
{
  char *path = g_build_filename (dir, "v20.db", NULL);
  sqlite3 *raw = open_numbered_file (path, 20);

  for (guint i = 1; i <= 6000; i++)
    {
      g_autofree char *number = NULL;
      const char *kind = "invoice";

      if (i <= 5000)
        number = g_strdup_printf ("2026-%04u", i);
      else if (i <= 5030)
        number = g_strdup_printf ("FA-2026-%04u", i - 5000);
      else if (i <= 5050)
        {
          kind = "credit_note";
          number = g_strdup_printf ("AV-%u", i - 5030);
        }
      else
        kind = i % 2 ? "invoice" : "quote";
      insert_numbered (raw, i < 5500 ? i : i + 2000, kind, number);
    }
  exec_raw (raw, "COMMIT");
  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = 20; PRAGMA application_id = %d",
                                            APPLICATION_ID);
    exec_raw (raw, sql);
  }
  exec_raw (raw, "PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close (raw);
  return path;
}

static void
add_stage (CptDatabaseStage stage, gpointer stages)
{
  g_array_append_val ((GArray *) stages, stage);
}

static gboolean
has_stage (GArray *stages, CptDatabaseStage stage)
{
  for (guint i = 0; i < stages->len; i++)
    if (g_array_index (stages, CptDatabaseStage, i) == stage)
      return TRUE;
  return FALSE;
}

/* Schema 21 chooses the length again once its buckets cost too much: at 11 every one of the
 * 5 050 numbers here is a bucket (a jump adds them all up); 7 makes 72 ("2026-00" to
 * "2026-50" of 100 numbers at most, "FA-2026", the 20 credit notes), the cheapest. The
 * counts follow, and so do the triggers; opened again, the file keeps it. */
static void
test_migrates_v20_number_length (void)
{
  static const char *const recount[2] = {
    "SELECT kind, substr (coalesce (number, ''), 1, (SELECT length FROM number_bucket_length)), "
    "CASE WHEN coalesce (number, '') = '' THEN id >> 10 ELSE 0 END, count(*) FROM documents GROUP BY 1, 2, 3",
    "SELECT kind, prefix, part, count FROM kind_number_counts WHERE count != 0",
  };
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = make_v20_outgrown_file (dir);
  g_autoptr(GArray) stages = g_array_new (FALSE, FALSE, sizeof (CptDatabaseStage));
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM (SELECT * FROM (%s EXCEPT %s) "
                                          "UNION ALL SELECT * FROM (%s EXCEPT %s))",
                                          recount[0], recount[1], recount[1], recount[0]);
  g_autofree char *text = NULL;

  {
    sqlite3 *raw = NULL;

    g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (raw, "UPDATE number_bucket_length SET length = 3", NULL, NULL, NULL), !=, SQLITE_OK);
    sqlite3_close (raw);
  }
  /* opened as a window opens it: the wait is said (seconds at a million documents) */
  db = cpt_database_open_watched (path, CPT_DATABASE_OPEN_DEFAULT, add_stage, stages, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_true (has_stage (stages, CPT_DATABASE_STAGE_UPGRADING));
  g_assert_true (has_stage (stages, CPT_DATABASE_STAGE_RECOUNTING));
  g_assert_cmpint (g_array_index (stages, CptDatabaseStage, stages->len - 1), ==, CPT_DATABASE_STAGE_RECOUNTING);
  text = query_text (db, "SELECT length || ' ' || judged FROM number_bucket_length");
  g_assert_cmpstr (text, ==, "7 172");
  g_clear_pointer (&text, g_free);
  text = query_text (db, sql);
  g_assert_cmpstr (text, ==, "0");
  g_clear_pointer (&text, g_free);
  text = query_text (db, "SELECT count(*) || ' ' || max (count) FROM kind_number_counts WHERE prefix != '' AND count > 0");
  g_assert_cmpstr (text, ==, "72 100");
  g_clear_pointer (&text, g_free);
  text = query_text (db, "SELECT group_concat (part || ' ' || count, ', ') FROM "
                         "(SELECT * FROM kind_number_counts WHERE kind = 'quote' AND prefix = '' ORDER BY part)");
  g_assert_cmpstr (text, ==, "4 34, 5 190, 7 251");
  g_clear_pointer (&text, g_free);

  /* the triggers by the new length: a draft numbered, a number moved to another bucket, one
   * gone, one new */
  g_assert_true (cpt_database_exec (db,
    "UPDATE documents SET number = '2026-5001' WHERE id = 5051;"
    "UPDATE documents SET number = '2026-49999' WHERE id = 5;"
    "DELETE FROM documents WHERE id = 150;"
    "INSERT INTO documents (id, kind, number, client_id, client_name, client_sort_name, date) "
    "  VALUES (9000, 'credit_note', 'AV-2026-12', 1, 'Zoé Martin', 'zoe martin', '2026-02-02');",
    &error));
  g_assert_no_error (error);
  text = query_text (db, sql);
  g_assert_cmpstr (text, ==, "0");
  g_clear_pointer (&text, g_free);
  text = query_text (db, "SELECT group_concat (kind || ' ' || prefix || ' ' || count, ', ') FROM "
                         "(SELECT * FROM kind_number_counts WHERE prefix IN ('2026-00', '2026-01', '2026-49', "
                         "'2026-50', 'AV-2026') ORDER BY kind, prefix)");
  g_assert_cmpstr (text, ==, "credit_note AV-2026 1, invoice 2026-00 98, invoice 2026-01 99, "
                             "invoice 2026-49 101, invoice 2026-50 2");
  g_clear_pointer (&text, g_free);

  /* opened again: its buckets cost what they did, the length stays, nothing to wait for */
  g_clear_object (&db);
  g_array_set_size (stages, 0);
  db = cpt_database_open_watched (path, CPT_DATABASE_OPEN_DEFAULT, add_stage, stages, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_false (has_stage (stages, CPT_DATABASE_STAGE_UPGRADING));
  g_assert_false (has_stage (stages, CPT_DATABASE_STAGE_RECOUNTING));
  text = query_text (db, "SELECT length || ' ' || judged FROM number_bucket_length");
  g_assert_cmpstr (text, ==, "7 172");
  g_clear_pointer (&text, g_free);
  g_clear_object (&db);
  cpt_test_cleanup_dir (dir);
}

/* ---------------------------------------------------------------- schema 22: paid by sort */

/* The paid receivables counted by the keys of the lists by client, amount and number, computed
 * again from the receivables and their documents. */
static void
assert_paid_counts_kept (CptDatabase *db)
{
#define PAID_OF "FROM receivables r JOIN documents d ON d.id = r.document_id " \
                "WHERE r.balance <= 0 AND NOT (r.credited > 0 AND r.credited >= r.amount_due) "
  static const char *const recounts[][2] = {
    { "SELECT r.kind, coalesce (d.client_sort_name, ''), count(*) " PAID_OF "GROUP BY 1, 2",
      "SELECT kind, client, count FROM paid_by_kind_client WHERE count != 0" },
    { "SELECT r.kind, CASE WHEN d.total_gross > 0 THEN length (d.total_gross) * 1000 + substr (d.total_gross, 1, 3) "
      "WHEN d.total_gross < 0 THEN -(length (-d.total_gross) * 1000 + substr (-d.total_gross, 1, 3)) ELSE 0 END, "
      "count(*) " PAID_OF "GROUP BY 1, 2",
      "SELECT kind, bucket, count FROM paid_by_kind_total WHERE count != 0" },
    { "SELECT r.kind, substr (coalesce (d.number, ''), 1, (SELECT length FROM number_bucket_length)), "
      "CASE WHEN coalesce (d.number, '') = '' THEN d.id >> 10 ELSE 0 END, count(*) " PAID_OF "GROUP BY 1, 2, 3",
      "SELECT kind, prefix, part, count FROM paid_by_kind_number WHERE count != 0" },
  };
#undef PAID_OF

  for (guint i = 0; i < G_N_ELEMENTS (recounts); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM (SELECT * FROM (%s EXCEPT %s) "
                                              "UNION ALL SELECT * FROM (%s EXCEPT %s))",
                                              recounts[i][0], recounts[i][1], recounts[i][1], recounts[i][0]);
      g_autofree char *wrong = query_text (db, sql);

      if (strcmp (wrong, "0") != 0)
        g_error ("%s: %s rows differ from the receivables", recounts[i][1], wrong);
    }
}

/* The sum of a table's counts, as text. */
static char *
kept_total (CptDatabase *db, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT sum (count) FROM %s", table);

  return query_text (db, sql);
}

/* Schema 22 counts the paid invoices and deposit invoices by client, bucket of amounts and
 * prefix of numbers, from the receivables already there; its triggers follow payments,
 * credits, a validation, a receivable removed, a paid document's keys rewritten and a new
 * length of the number buckets. */
static void
test_migrates_v21_paid_sort_counts (void)
{
  static const char *const clients[] = { "ardoise", "elodie robert", "zoe martin" };
  static const gint64 totals[] = { 0, 5, 99, 120000, 129999, 130000, 32495000 };
  static const char *const tables[] = { "paid_by_kind_client", "paid_by_kind_total", "paid_by_kind_number" };
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "v21.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;
  sqlite3 *raw = NULL;
  guint paid = 0;

  raw = open_numbered_file (path, 21);
  /* 1-360 validated (every tenth a deposit invoice), 361-400 drafts; of the validated ones,
   * every third paid, the next half paid, every eleventh credited in full */
  for (guint i = 1; i <= 400; i++)
    {
      const char *kind = i % 10 == 0 ? "deposit" : "invoice";
      gint64 total = totals[i % G_N_ELEMENTS (totals)];
      gboolean validated = i <= 360;
      char *sql = sqlite3_mprintf (
        "INSERT INTO documents (id, kind, status, number, client_id, client_name, client_sort_name, date, "
        "  total_gross, amount_due) "
        "VALUES (%u, %Q, %Q, %Q, 1, 'Zoé Martin', %Q, '2026-02-01', %lld, %lld)",
        i, kind, validated ? "validated" : "draft",
        validated ? g_strdup_printf ("%s-2026-%04u", i % 10 == 0 ? "AC" : "FA", i) : NULL,
        clients[i % G_N_ELEMENTS (clients)], (long long) total, (long long) total);
      gint64 paid_amount = i % 3 == 0 ? total : i % 3 == 1 ? total / 2 : 0;
      gint64 credited = i % 11 == 0 ? total : 0;

      exec_raw (raw, sql);
      sqlite3_free (sql);
      if (!validated)
        continue;
      sql = sqlite3_mprintf ("INSERT INTO receivables (document_id, client_id, kind, date, due_date, amount_due, "
                             "  credited, paid) VALUES (%u, 1, %Q, '2026-02-01', '2026-03-01', %lld, %lld, %lld)",
                             i, kind, (long long) total, (long long) credited, (long long) paid_amount);
      exec_raw (raw, sql);
      sqlite3_free (sql);
      if (total - credited - paid_amount <= 0 && !(credited > 0 && credited >= total))
        paid++;
    }
  exec_raw (raw, "COMMIT");
  close_as_version (raw, 21);

  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *total = kept_total (db, tables[t]);
      g_autofree char *expected = g_strdup_printf ("%u", paid);

      g_assert_cmpstr (total, ==, expected);
    }
  assert_paid_counts_kept (db);
  {
    g_autofree char *text = query_text (db, "SELECT group_concat (kind || ' ' || client || ' ' || count, ', ') FROM "
                                            "(SELECT * FROM paid_by_kind_client ORDER BY kind, client)");
    g_autofree char *expected = NULL;
    guint by[2][3] = { { 0 } };

    for (guint i = 1; i <= 360; i++)
      {
        gint64 total = totals[i % G_N_ELEMENTS (totals)];
        gint64 paid_amount = i % 3 == 0 ? total : i % 3 == 1 ? total / 2 : 0;
        gint64 credited = i % 11 == 0 ? total : 0;

        if (total - credited - paid_amount <= 0 && !(credited > 0 && credited >= total))
          by[i % 10 != 0][i % G_N_ELEMENTS (clients)]++;
      }
    expected = g_strdup_printf ("deposit ardoise %u, deposit elodie robert %u, deposit zoe martin %u, "
                                "invoice ardoise %u, invoice elodie robert %u, invoice zoe martin %u",
                                by[0][0], by[0][1], by[0][2], by[1][0], by[1][1], by[1][2]);
    g_assert_cmpstr (text, ==, expected);
  }

  /* invoice 2 (nothing paid) paid, 3 (paid) unpaid, 6 (paid) credited in full, 9 (paid)
   * paid again beyond (still paid: no count moves), 12 (paid) removed */
  g_assert_true (cpt_database_exec (db,
    "UPDATE receivables SET paid = amount_due WHERE document_id = 2;"
    "UPDATE receivables SET paid = 0 WHERE document_id = 3;"
    "UPDATE receivables SET credited = amount_due WHERE document_id = 6;"
    "UPDATE receivables SET paid = paid + 100 WHERE document_id = 9;"
    "DELETE FROM receivables WHERE document_id = 12;",
    &error));
  g_assert_no_error (error);
  paid += 1 - 3;
  assert_paid_counts_kept (db);
  /* a draft of nothing validated with its number and client in the same update: paid at
   * once, counted once */
  g_assert_true (cpt_database_exec (db,
    "UPDATE documents SET total_gross = 0, amount_due = 0 WHERE id = 361;"
    "UPDATE documents SET status = 'validated', number = 'FA-2026-9999', client_sort_name = 'bob' "
    "WHERE id = 361;",
    &error));
  g_assert_no_error (error);
  paid++;
  assert_paid_counts_kept (db);
  {
    g_autofree char *text = query_text (db, "SELECT count FROM paid_by_kind_client WHERE client = 'bob'");
    g_assert_cmpstr (text, ==, "1");
  }
  /* a paid document's keys rewritten (as a migration may, unlocked), then the numbers counted
   * by a new length */
  g_assert_true (cpt_database_exec (db,
    "DROP TRIGGER documents_locked_update;"
    "UPDATE documents SET client_sort_name = 'zz', total_gross = 777777, number = 'FB-1' WHERE id = 15;"
    "UPDATE number_bucket_length SET length = 4;",
    &error));
  g_assert_no_error (error);
  assert_paid_counts_kept (db);
  {
    g_autofree char *text = query_text (db, "SELECT count FROM paid_by_kind_client WHERE client = 'zz'");
    g_assert_cmpstr (text, ==, "1");
    g_free (text);
    text = query_text (db, "SELECT group_concat (prefix || ' ' || count, ', ') FROM "
                           "(SELECT * FROM paid_by_kind_number WHERE kind = 'invoice' AND count != 0 ORDER BY prefix)");
    g_assert_cmpstr (text, !=, NULL);
    g_assert_true (g_str_has_prefix (text, "FA-2 "));
    g_assert_nonnull (strstr (text, ", FB-1 1"));
  }
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *total = kept_total (db, tables[t]);
      g_autofree char *expected = g_strdup_printf ("%u", paid);

      g_assert_cmpstr (total, ==, expected);
    }
  g_clear_object (&db);
  cpt_test_cleanup_dir (dir);
}

/* ---------------------------------------------------------------- schema 23: open receivables */

/* A table kept by triggers (`kept`, its rows) holds the rows `expected` computes, both ways. */
static void
assert_kept_as_computed (CptDatabase *db, const char *table, const char *expected, const char *kept)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM (SELECT * FROM (%s EXCEPT %s) "
                                          "UNION ALL SELECT * FROM (%s EXCEPT %s))",
                                          expected, kept, kept, expected);
  g_autofree char *wrong = query_text (db, sql);

  if (strcmp (wrong, "0") != 0)
    g_error ("%s: %s rows differ from the receivables", table, wrong);
}

/* The copy of the open receivables is what the receivables and their documents give. */
static void
assert_open_copy_kept (CptDatabase *db)
{
  assert_kept_as_computed (db, "open_receivables",
    "SELECT r.document_id, r.kind, r.date, r.due_date, r.amount_due, r.credited, r.paid, r.balance, "
    "d.client_sort_name, d.total_gross, d.number, d.due_date "
    "FROM receivables r JOIN documents d ON d.id = r.document_id WHERE r.balance > 0",
    "SELECT document_id, kind, date, due_date, amount_due, credited, paid, balance, "
    "client_sort_name, total_gross, number, document_due_date FROM open_receivables");
}

/* Schema 23 copies the open receivables with their documents' sort keys, from those there,
 * and its triggers follow a payment in full, one in part, one undone, a receivable removed, a
 * validation and a document's keys rewritten. */
static void
test_migrates_v22_open_receivables (void)
{
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "v22.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;
  sqlite3 *raw = NULL;
  guint open = 0;

  raw = open_numbered_file (path, 22);
  /* 1-90 validated, every third without a due date, every fifth a deposit invoice; of them,
   * every second paid in full, every seventh in part; 91-100 drafts */
  for (guint i = 1; i <= 100; i++)
    {
      gboolean validated = i <= 90;
      const char *kind = i % 5 == 0 ? "deposit" : "invoice";
      gint64 total = 1000 + 37 * i;
      g_autofree char *number = validated ? g_strdup_printf ("FA-%04u", i) : NULL;
      char *sql = sqlite3_mprintf (
        "INSERT INTO documents (id, kind, status, number, client_id, client_name, client_sort_name, date, "
        "  due_date, total_gross, amount_due) "
        "VALUES (%u, %Q, %Q, %Q, 1, 'Zoé Martin', %Q, '2026-02-%02u', %s, %lld, %lld)",
        i, kind, validated ? "validated" : "draft", number, i % 2 ? "zoe martin" : "ardoise",
        i % 28 + 1, i % 3 == 0 ? "NULL" : "'2026-04-01'", (long long) total, (long long) total);
      gint64 paid = i % 2 == 0 ? total : i % 7 == 0 ? total / 3 : 0;

      exec_raw (raw, sql);
      sqlite3_free (sql);
      if (!validated)
        continue;
      sql = sqlite3_mprintf ("INSERT INTO receivables (document_id, client_id, kind, date, due_date, amount_due, paid) "
                             "VALUES (%u, 1, %Q, '2026-02-%02u', %s, %lld, %lld)",
                             i, kind, i % 28 + 1, i % 3 == 0 ? "'2026-02-01'" : "'2026-04-01'",
                             (long long) total, (long long) paid);
      exec_raw (raw, sql);
      sqlite3_free (sql);
      open += paid < total;
    }
  exec_raw (raw, "COMMIT");
  close_as_version (raw, 22);

  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  {
    g_autofree char *count = query_text (db, "SELECT count(*) FROM open_receivables");
    g_autofree char *expected = g_strdup_printf ("%u", open);

    g_assert_cmpuint (open, ==, 45);
    g_assert_cmpstr (count, ==, expected);
  }
  assert_open_copy_kept (db);
  /* 1 paid in full (leaves), 2 unpaid (comes), 7 paid a little more (copied again), 9
   * removed, draft 91 validated with its keys in the same update (comes) */
  g_assert_true (cpt_database_exec (db,
    "UPDATE receivables SET paid = amount_due WHERE document_id = 1;"
    "UPDATE receivables SET paid = 0 WHERE document_id = 2;"
    "UPDATE receivables SET paid = paid + 10 WHERE document_id = 7;"
    "DELETE FROM receivables WHERE document_id = 9;"
    "UPDATE documents SET status = 'validated', number = 'FA-0091', client_sort_name = 'bob', "
    "  due_date = '2026-05-01' WHERE id = 91;",
    &error));
  g_assert_no_error (error);
  assert_open_copy_kept (db);
  {
    g_autofree char *text = query_text (db, "SELECT group_concat (document_id || ' ' || paid || ' ' || "
                                            "coalesce (client_sort_name, '-') || ' ' || coalesce (number, '-'), ', ') "
                                            "FROM (SELECT * FROM open_receivables WHERE document_id IN (1, 2, 7, 9, 91) "
                                            "ORDER BY document_id)");

    g_assert_cmpstr (text, ==, "2 0 ardoise FA-0002, 7 429 zoe martin FA-0007, 91 0 bob FA-0091");
  }
  /* an open document's keys rewritten (as a migration may, unlocked) */
  g_assert_true (cpt_database_exec (db,
    "DROP TRIGGER documents_locked_update;"
    "UPDATE documents SET client_sort_name = 'zz', total_gross = 5, number = 'FB-1', due_date = NULL WHERE id = 3;",
    &error));
  g_assert_no_error (error);
  assert_open_copy_kept (db);
  {
    g_autofree char *text = query_text (db, "SELECT client_sort_name || ' ' || total_gross || ' ' || number || ' ' || "
                                            "coalesce (document_due_date, 'none') FROM open_receivables WHERE document_id = 3");

    g_assert_cmpstr (text, ==, "zz 5 FB-1 none");
  }
  g_clear_object (&db);
  cpt_test_cleanup_dir (dir);
}

/* ---------------------------------------------------------------- schema 24: paid ids as bits */

/* The bits kept of the paid receivables are those of the paid receivables, both ways. */
static void
assert_paid_masks_kept (CptDatabase *db)
{
  assert_kept_as_computed (db, "paid_id_masks",
    "SELECT kind, document_id >> 6, sum (1 << (document_id & 63)) FROM receivables "
    "WHERE balance <= 0 AND NOT (credited > 0 AND credited >= amount_due) GROUP BY 1, 2",
    "SELECT kind, word, mask FROM paid_id_masks WHERE mask != 0");
}

/* Schema 24 sets a bit for each paid receivable there, in words of 64 ids (the last bit of a
 * word makes it negative), and its triggers follow a payment in full, one undone, a payment
 * on one already paid, a credit note for all of one, a receivable removed and one added. */
static void
test_migrates_v23_paid_masks (void)
{
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "v23.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;
  sqlite3 *raw = NULL;
  guint paid = 0;

  raw = open_numbered_file (path, 23);
  /* 1-200 validated, every fifth a deposit invoice; of them, every second paid in full (63,
   * 127 and 191 too: the last bit of their words), every seventh in part */
  for (guint i = 1; i <= 200; i++)
    {
      const char *kind = i % 5 == 0 ? "deposit" : "invoice";
      gint64 total = 1000 + 37 * i;
      gboolean full = i % 2 == 0 || i % 64 == 63;
      gint64 given = full ? total : i % 7 == 0 ? total / 3 : 0;
      char *sql = sqlite3_mprintf (
        "INSERT INTO documents (id, kind, status, number, client_id, client_name, client_sort_name, date, "
        "  due_date, total_gross, amount_due) "
        "VALUES (%u, %Q, 'validated', 'FA-%04u', 1, 'Zoé Martin', 'zoe martin', '2026-02-%02u', "
        "  '2026-04-01', %lld, %lld)",
        i, kind, i, i % 28 + 1, (long long) total, (long long) total);

      exec_raw (raw, sql);
      sqlite3_free (sql);
      sql = sqlite3_mprintf ("INSERT INTO receivables (document_id, client_id, kind, date, due_date, amount_due, paid) "
                             "VALUES (%u, 1, %Q, '2026-02-%02u', '2026-04-01', %lld, %lld)",
                             i, kind, i % 28 + 1, (long long) total, (long long) given);
      exec_raw (raw, sql);
      sqlite3_free (sql);
      paid += full;
    }
  exec_raw (raw, "COMMIT");
  close_as_version (raw, 23);

  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  assert_paid_masks_kept (db);
  {
    g_autofree char *bits = query_text (db, "SELECT count(*) FROM paid_id_masks WHERE mask < 0");
    g_autofree char *words = query_text (db, "SELECT group_concat (kind || ' ' || word || ' ' || (mask < 0), ', ') "
                                             "FROM (SELECT * FROM paid_id_masks WHERE kind = 'invoice' ORDER BY word)");

    g_assert_cmpuint (paid, ==, 103);
    /* 63, 127 and 191: the last bit of each of the first three words */
    g_assert_cmpstr (bits, ==, "3");
    g_assert_cmpstr (words, ==, "invoice 0 1, invoice 1 1, invoice 2 1, invoice 3 0");
  }
  /* 1 paid in full (comes), 2 unpaid (goes), 4 paid more (stays), 6 credited in full (goes),
   * 8 removed (goes), 201 added paid (comes) */
  g_assert_true (cpt_database_exec (db,
    "UPDATE receivables SET paid = amount_due WHERE document_id = 1;"
    "UPDATE receivables SET paid = 0 WHERE document_id = 2;"
    "UPDATE receivables SET paid = paid + 10 WHERE document_id = 4;"
    "UPDATE receivables SET credited = amount_due, paid = 0 WHERE document_id = 6;"
    "DELETE FROM receivables WHERE document_id = 8;"
    "INSERT INTO documents (id, kind, status, number, client_id, client_name, date, total_gross, amount_due) "
    "  VALUES (201, 'invoice', 'validated', 'FA-0201', 1, 'Zoé Martin', '2026-03-01', 500, 500);"
    "INSERT INTO receivables (document_id, client_id, kind, date, due_date, amount_due, paid) "
    "  VALUES (201, 1, 'invoice', '2026-03-01', '2026-04-01', 500, 500);",
    &error));
  g_assert_no_error (error);
  assert_paid_masks_kept (db);
  {
    g_autofree char *first = query_text (db, "SELECT mask & 511 FROM paid_id_masks WHERE kind = 'invoice' AND word = 0");

    /* bits 1 and 4 (and not 2, 6, 8) of the invoices below 9 */
    g_assert_cmpstr (first, ==, "18");
  }
  g_clear_object (&db);
  cpt_test_cleanup_dir (dir);
}

/* ---------------------------------------------------------------- an older SQLite reads it */

typedef struct
{
  void       *handle;
  int         (*libversion_number) (void);
  int         (*open_v2) (const char *, sqlite3 **, int, const char *);
  int         (*prepare_v2) (sqlite3 *, const char *, int, sqlite3_stmt **, const char **);
  int         (*step) (sqlite3_stmt *);
  const unsigned char *(*column_text) (sqlite3_stmt *, int);
  int         (*finalize) (sqlite3_stmt *);
  const char *(*errmsg) (sqlite3 *);
  int         (*close) (sqlite3 *);
} OldSqlite;

/* The SQLite library of the host, older than 3.46: ./dev shows the host's one to the Debian 13
 * build environment at COMPTOIR_HOST_SQLITE. Loaded apart from the one Comptoir links
 * (RTLD_DEEPBIND), so each keeps its own symbols. */
static gboolean
old_sqlite_load (OldSqlite *old, char **why)
{
  const char *path = g_getenv ("COMPTOIR_HOST_SQLITE");

  if (path == NULL || *path == '\0')
    {
      *why = g_strdup ("COMPTOIR_HOST_SQLITE is not set (./dev sets it where the host has an SQLite)");
      return FALSE;
    }
  old->handle = dlopen (path, RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
  if (old->handle == NULL)
    {
      *why = g_strdup_printf ("cannot load %s: %s", path, dlerror ());
      return FALSE;
    }
#define LOAD(member, symbol) *(void **) (&old->member) = dlsym (old->handle, symbol); \
  g_assert_nonnull (old->member)
  LOAD (libversion_number, "sqlite3_libversion_number");
  LOAD (open_v2, "sqlite3_open_v2");
  LOAD (prepare_v2, "sqlite3_prepare_v2");
  LOAD (step, "sqlite3_step");
  LOAD (column_text, "sqlite3_column_text");
  LOAD (finalize, "sqlite3_finalize");
  LOAD (errmsg, "sqlite3_errmsg");
  LOAD (close, "sqlite3_close");
#undef LOAD
  return TRUE;
}

/* Runs `sql` with the old library and returns its rows, one a line ("a|b"). */
static char *
old_sqlite_query (OldSqlite *old, const char *path, const char *sql)
{
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *rows = g_string_new (NULL);

  g_assert_cmpint (old->open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (old->prepare_v2 (raw, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("SQLite %d cannot read the file: %s", old->libversion_number (), old->errmsg (raw));
  while (old->step (stmt) == SQLITE_ROW)
    {
      const unsigned char *a = old->column_text (stmt, 0);
      const unsigned char *b = old->column_text (stmt, 1);
      g_string_append_printf (rows, "%s%s%s\n", a ? (const char *) a : "",
                              b ? "|" : "", b ? (const char *) b : "");
    }
  old->finalize (stmt);
  old->close (raw);
  return g_string_free (rows, FALSE);
}

static void
test_old_sqlite_reads (void)
{
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = make_old_file (dir, FALSE);
  g_autofree char *why = NULL;
  g_autofree char *rows = NULL, *check = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (path, &error);
  OldSqlite old = { 0 };

  g_assert_no_error (error);
  /* Every write above is in the main file, so that the old library reads all of it. */
  g_assert_true (cpt_database_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  g_clear_object (&db);

  if (sqlite3_libversion_number () < 3046000)
    {
      /* Comptoir itself runs on an old SQLite here: it just migrated and read the file. */
      g_test_message ("Comptoir's own SQLite %s is older than 3.46", sqlite3_libversion ());
    }
  else if (!old_sqlite_load (&old, &why))
    {
      g_test_skip (why);
      cpt_test_cleanup_dir (dir);
      return;
    }
  else if (old.libversion_number () >= 3046000)
    {
      g_test_skip ("the host's SQLite is not older than 3.46");
      dlclose (old.handle);
      cpt_test_cleanup_dir (dir);
      return;
    }
  else
    {
      g_test_message ("reading with the host's SQLite %d", old.libversion_number ());
      rows = old_sqlite_query (&old, path, "SELECT name, sort_name FROM clients ORDER BY sort_name");
      g_assert_cmpstr (rows, ==, "ardoise|ardoise\n"
                                 "Câble & Co|cable & co\n"
                                 "Création Web|creation web\n"
                                 "Élodie Robert|elodie robert\n"
                                 "Œuvres d'Art|oeuvres d'art\n"
                                 "Zoé Martin|zoe martin\n");
      check = old_sqlite_query (&old, path, "PRAGMA integrity_check");
      g_assert_cmpstr (check, ==, "ok\n");
      dlclose (old.handle);
    }
  cpt_test_cleanup_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/schema/sort-key", test_sort_key);
  g_test_add_func ("/schema/new-file", test_new_file);
  g_test_add_func ("/schema/migrates-v4", test_migrates_v4);
  g_test_add_func ("/schema/migrates-generated-v5", test_migrates_generated_v5);
  g_test_add_func ("/schema/migrates-v16-snapshots", test_migrates_v16_snapshots);
  g_test_add_func ("/schema/migrates-v18-sort-counts", test_migrates_v18_sort_counts);
  g_test_add_func ("/schema/migrates-v19-number-counts", test_migrates_v19_number_counts);
  g_test_add_func ("/schema/migrates-v20-number-length", test_migrates_v20_number_length);
  g_test_add_func ("/schema/migrates-v21-paid-sort-counts", test_migrates_v21_paid_sort_counts);
  g_test_add_func ("/schema/migrates-v22-open-receivables", test_migrates_v22_open_receivables);
  g_test_add_func ("/schema/migrates-v23-paid-masks", test_migrates_v23_paid_masks);
  g_test_add_func ("/schema/old-sqlite-reads", test_old_sqlite_reads);
  return g_test_run ();
}

#define G_LOG_DOMAIN "cpt-store"

#include "cpt-store-database.h"
#include "cpt-store-sort-key.h"
#include "cpt-sort-key.h"

static void
sort_key_sql (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  char *key;

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL || text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  key = cpt_sort_key (text);
  sqlite3_result_text (context, key, -1, g_free);
}

int
cpt_sort_key_register (sqlite3 *db)
{
  return sqlite3_create_function_v2 (db, "cpt_sort_key", 1,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                                     NULL, sort_key_sql, NULL, NULL, NULL);
}

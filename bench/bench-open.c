/* bench-open: how long opening a company file takes, with and without the integrity check.
 *
 *   comptoir-cli --db /tmp/open10k.db init && comptoir-cli --db /tmp/open10k.db demo --documents 10000
 *   bench-open /tmp/open10k.db
 *
 * Opening runs PRAGMA quick_check only when the file changed since its last successful check
 * (the window opens the file twice at start). Three figures, medians in milliseconds:
 * - a bare SQLite open and one query (the reference: what any open costs);
 * - Comptoir's open of a file changed since its last check (the check runs);
 * - Comptoir's open of an unchanged file (the check is skipped).
 * The machine is shared: compare the figures of one run with each other. */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "cpt-store-database.h"
#include "cpt-database.h"
#include "cpt-database-private.h"

#define RUNS 11

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void
report (const char *name, double *times)
{
  qsort (times, RUNS, sizeof (double), compare_doubles);
  printf ("%-44s %8.2f ms  (min %7.2f, max %7.2f)\n", name, times[RUNS / 2], times[0],
          times[RUNS - 1]);
}

static void
bare_open (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    g_error ("bare open of %s failed: %s", path, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
}

static void
comptoir_open (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open_full (path, CPT_DATABASE_OPEN_DEFAULT, &error);

  if (db == NULL)
    g_error ("open of %s failed: %s", path, error->message);
}

int
main (int argc, char **argv)
{
  g_autofree char *cache = NULL;
  g_autofree char *checks = NULL;
  double bare[RUNS], changed[RUNS], unchanged[RUNS];
  guint checks_before;

  if (argc != 2)
    {
      fprintf (stderr, "usage: bench-open FILE\n");
      return 2;
    }
  /* A cache of our own, so that the user's record of checked files is neither read nor kept. */
  cache = g_dir_make_tmp ("bench-open-XXXXXX", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  checks = g_build_filename (cache, "comptoir", "checked-files.ini", NULL);

  comptoir_open (argv[1]); /* migrate if needed, warm the page cache */
  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      bare_open (argv[1]);
      bare[i] = (g_get_monotonic_time () - start) / 1000.0;

      g_unlink (checks); /* as after a change: the check runs */
      checks_before = cpt_database_get_quick_check_count ();
      start = g_get_monotonic_time ();
      comptoir_open (argv[1]);
      changed[i] = (g_get_monotonic_time () - start) / 1000.0;
      if (cpt_database_get_quick_check_count () != checks_before + 1)
        g_error ("the check did not run on a changed file");

      checks_before = cpt_database_get_quick_check_count ();
      start = g_get_monotonic_time ();
      comptoir_open (argv[1]);
      unchanged[i] = (g_get_monotonic_time () - start) / 1000.0;
      if (cpt_database_get_quick_check_count () != checks_before)
        g_error ("the check ran again on an unchanged file");
    }
  report ("bare SQLite open + one query (reference)", bare);
  report ("open, file changed since its check", changed);
  report ("open, file unchanged (check skipped)", unchanged);
  g_unlink (checks);
  return 0;
}

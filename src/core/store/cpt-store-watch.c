/* cpt-store-watch.c: see cpt-store-watch.h. */
#include "cpt-store-database.h"
#include "cpt-store-watch.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <execinfo.h>
#endif

static GMutex lock;
static guint64 n_statements;
static double total_ms;
static double longest_ms;
static char *longest_sql;
static double threshold_ms = -1; /* < 0: not watching */
static gboolean critical;         /* "critical": each one is a g_critical */
static gboolean with_backtrace;   /* "backtrace": each one is logged with its callers */
/* Set while the thread runs a statement the design lets the main loop run. */
static GPrivate allowed;
/* The text of the last statements, statement n at recent[n % N_RECENT]. */
#define N_RECENT 256
static char *recent[N_RECENT];

static void
print_summary (void)
{
  g_mutex_lock (&lock);
  fprintf (stderr, "comptoir: %" G_GUINT64_FORMAT " SQL statements on the main thread, %.1f ms in all",
           n_statements, total_ms);
  if (longest_sql != NULL)
    fprintf (stderr, ", the longest %.1f ms: %s", longest_ms, longest_sql);
  fputc ('\n', stderr);
  g_mutex_unlock (&lock);
}

/* SQLITE_TRACE_PROFILE: `x` is the nanoseconds the statement ran. */
static int
on_profile (unsigned int kind, void *user_data, void *statement, void *x)
{
  sqlite3_stmt *stmt = statement;
  double ms = *(sqlite3_int64 *) x / 1e6;

  if (kind != SQLITE_TRACE_PROFILE || !g_main_context_is_owner (g_main_context_default ()))
    return 0;
  g_mutex_lock (&lock);
  g_free (recent[n_statements % N_RECENT]);
  recent[n_statements % N_RECENT] = g_strndup (sqlite3_sql (stmt), 160);
  n_statements++;
  total_ms += ms;
  if (ms >= longest_ms)
    {
      longest_ms = ms;
      g_free (longest_sql);
      longest_sql = g_strndup (sqlite3_sql (stmt), 160);
    }
  g_mutex_unlock (&lock);
  if (critical && g_private_get (&allowed) == NULL)
    {
      g_autofree char *sql = g_strndup (sqlite3_sql (stmt), 160);
      g_critical ("SQL on the main thread, %.2f ms: %s", ms, sql);
    }
  else if (ms >= threshold_ms)
    {
      /* Whole, with its parameters' values: enough to ask SQLite for the plan. */
      char *sql = sqlite3_expanded_sql (stmt);

      /* A test's own statements are told apart, so that what is left to move is counted. */
      fprintf (stderr, "comptoir: %sSQL on the main thread, %.2f ms: %s\n",
               g_private_get (&allowed) != NULL ? "allowed " : "", ms, sql ? sql : sqlite3_sql (stmt));
      sqlite3_free (sql);
#ifdef __GLIBC__
      if (with_backtrace)
        {
          void *frames[24];
          int n = backtrace (frames, G_N_ELEMENTS (frames));

          /* Addresses in the program itself read with addr2line -f -e PROGRAM OFFSET. */
          backtrace_symbols_fd (frames, n, STDERR_FILENO);
        }
#endif
    }
  return 0;
}

void
cpt_store_watch_connection (sqlite3 *db)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      const char *value = g_getenv ("COMPTOIR_MAIN_THREAD_SQL");

      if (value != NULL)
        {
          critical = g_strcmp0 (value, "critical") == 0;
          with_backtrace = g_strcmp0 (value, "backtrace") == 0;
          threshold_ms = critical || with_backtrace ? 0.0 : MAX (0.0, g_ascii_strtod (value, NULL));
          atexit (print_summary);
        }
      g_once_init_leave (&initialized, 1);
    }
  if (threshold_ms >= 0)
    sqlite3_trace_v2 (db, SQLITE_TRACE_PROFILE, on_profile, NULL);
}

gboolean
cpt_store_watch_allow (gboolean allow)
{
  gboolean before = g_private_get (&allowed) != NULL;

  g_private_set (&allowed, allow ? GINT_TO_POINTER (TRUE) : NULL);
  return before;
}

guint64
cpt_store_watch_get_n_statements (void)
{
  guint64 n;

  g_mutex_lock (&lock);
  n = n_statements;
  g_mutex_unlock (&lock);
  return n;
}

GStrv
cpt_store_watch_dup_since (guint64 n)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_mutex_lock (&lock);
  for (guint64 i = MAX (n, n_statements > N_RECENT ? n_statements - N_RECENT : 0); i < n_statements; i++)
    g_strv_builder_add (builder, recent[i % N_RECENT]);
  g_mutex_unlock (&lock);
  return g_strv_builder_end (builder);
}

/* Helpers of the tests of `check` (test-check.c, test-check-parts.c): change the file with
 * raw SQL, run the check, and find what its report says. */
#pragma once

#include <string.h>

#include <sqlite3.h>

#include "cpt-store-database.h"
#include "cpt-ledger.h"

/* A connection of the test's own, to change the file behind Comptoir's back. */
G_GNUC_UNUSED static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  sqlite3_busy_timeout (raw, 5000);
  return raw;
}

static void
raw_ok (sqlite3 *raw, const char *format, ...) G_GNUC_PRINTF (2, 3);

G_GNUC_UNUSED static void
raw_ok (sqlite3 *raw, const char *format, ...)
{
  g_autofree char *sql = NULL;
  char *message = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  if (sqlite3_exec (raw, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("“%s” failed: %s", sql, message);
}


G_GNUC_UNUSED static CptLedgerReport *
check (CptDatabase *db, CptLedgerCheckFlags flags)
{
  g_autoptr(GError) error = NULL;
  CptLedgerReport *report = cpt_ledger_check_report (db, flags, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  for (guint i = 0; i < report->problems->len; i++)
    g_test_message ("problem: %s", (const char *) g_ptr_array_index (report->problems, i));
  for (guint i = 0; i < report->unverified->len; i++)
    g_test_message ("unverified: %s", (const char *) g_ptr_array_index (report->unverified, i));
  return report;
}

G_GNUC_UNUSED static gboolean
mentions (GPtrArray *lines, const char *a, const char *b)
{
  for (guint i = 0; i < lines->len; i++)
    {
      const char *text = g_ptr_array_index (lines, i);
      if (strstr (text, a) && (b == NULL || strstr (text, b)))
        return TRUE;
    }
  return FALSE;
}

#define assert_mentions(lines, a, b)                                                      \
  G_STMT_START {                                                                          \
    if (!mentions ((lines), (a), (b)))                                                    \
      {                                                                                   \
        for (guint i__ = 0; i__ < (lines)->len; i__++)                                    \
          g_printerr ("  said: %s\n", (const char *) g_ptr_array_index ((lines), i__));   \
        g_error ("%s:%d: nothing mentions “%s” with “%s”", __FILE__, __LINE__, (a),       \
                 (b) ? (const char *) (b) : "");                                          \
      }                                                                                   \
  } G_STMT_END

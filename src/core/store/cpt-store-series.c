#define G_LOG_DOMAIN "cpt-store"

#include "cpt-store-series.h"
#include "cpt-store-private.h"
#include "cpt-error.h"

#include <glib/gi18n-lib.h>

gboolean
cpt_store_series_separate_deposits (CptDatabase *db, gboolean *out_separate, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "SELECT separate_deposit_series FROM company",
                                             error);
  gboolean has_row;

  *out_separate = FALSE;
  if (stmt == NULL ||
      !cpt_store_step (db, stmt, _("Could not read the number series"), &has_row, error))
    return FALSE;
  if (has_row)
    {
      *out_separate = sqlite3_column_int (stmt, 0) != 0;
      sqlite3_reset (stmt);
    }
  return TRUE;
}

CptSeries *
cpt_store_series_load (CptDatabase *db, const char *name, gboolean *found, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT s.name, s.format, s.reset, s.first_number, "
    /* Numbers given: the counters say it without counting documents (a million of them). */
    "  coalesce ((SELECT sum (c.last) FROM series_counters c WHERE c.series = s.name), 0) "
    "  - CASE WHEN EXISTS (SELECT 1 FROM series_counters c WHERE c.series = s.name) "
    "         THEN s.first_number - 1 ELSE 0 END "
    "FROM series s WHERE s.name = ?", error);
  g_autoptr(CptSeries) series = NULL;
  g_autofree char *reset = NULL;
  gboolean has_row;

  *found = FALSE;
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (!cpt_store_step (db, stmt, _("Could not read the number series"), &has_row, error) ||
      !has_row)
    return NULL;
  series = g_new0 (CptSeries, 1);
  series->name = cpt_store_dup_text (stmt, 0);
  series->format = cpt_store_dup_text (stmt, 1);
  reset = cpt_store_dup_text (stmt, 2);
  series->first_number = sqlite3_column_int64 (stmt, 3);
  series->used = sqlite3_column_int64 (stmt, 4);
  sqlite3_reset (stmt);
  /* The schema only lets the three resets in; another tool may not have. */
  if (!cpt_series_reset_parse (reset, &series->reset, error))
    {
      g_prefix_error (error, _("Could not read the number series: "));
      return NULL;
    }
  *found = TRUE;
  return g_steal_pointer (&series);
}

gboolean
cpt_store_series_save (CptDatabase *db, const char *name, const char *format,
                       CptSeriesReset reset, gint64 first_number, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "UPDATE series SET format = ?, reset = ?, "
                                                 "first_number = ? WHERE name = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, format, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, cpt_series_reset_to_string (reset), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, first_number);
  sqlite3_bind_text (stmt, 4, name, -1, SQLITE_TRANSIENT);
  return cpt_database_step_done (db, stmt, _("Could not save the number series"), error);
}

gboolean
cpt_store_series_last_counter (CptDatabase *db, const char *name, const char *period,
                               gint64 *out_last, gboolean *found, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "SELECT last FROM series_counters "
                                                 "WHERE series = ? AND period = ?", error);

  *out_last = 0;
  *found = FALSE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, period, -1, SQLITE_TRANSIENT);
  if (!cpt_store_step (db, stmt, _("Could not read the number series"), found, error))
    return FALSE;
  if (*found)
    {
      *out_last = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  return TRUE;
}

gboolean
cpt_store_series_set_counter (CptDatabase *db, const char *name, const char *period,
                              gint64 counter, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "INSERT INTO series_counters (series, period, last) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (series, period) DO UPDATE SET last = ?3", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, period, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, counter);
  return cpt_database_step_done (db, stmt, _("Could not advance the number series"), error);
}

/* cpt-store-number-buckets.c: the length by which the lists count the numbers (schema 20 and
 * 21). A list by number finds the row at a position by adding up the counts of the buckets
 * of numbers before it (a window function over kind_number_counts, about 1.3 µs a bucket),
 * then walking the index inside the bucket that holds it by OFFSET (0.25 µs, but some 20
 * VM steps, a row): a length costs its number of buckets plus the numbers of its largest.
 * Too long a length makes a bucket of each number (every number shorter than it is one),
 * too short a few huge buckets; the cheapest makes about as many buckets as numbers in each,
 * the square root of the numbers (1 000 at a million). */
#define G_LOG_DOMAIN "cpt-store-number-buckets"

#include "cpt-store-number-buckets.h"
#include "cpt-store-private.h"

#include <string.h>

#define BUCKET_WEIGHT 1
/* Below this cost (~5 ms) a jump is fast enough: the numbers are not looked at. */
#define COST_FLOOR 4000
/* The lengths tried; a length past the longest number makes the same buckets as it. */
#define LONGEST 64

typedef struct
{
  gint64 buckets;
  gint64 largest;
  gint64 start;           /* the row the bucket being read began at */
} Cut;

static gint64
cost (gint64 buckets, gint64 largest)
{
  return BUCKET_WEIGHT * buckets + largest;
}

/* The characters `a` and `b` start with alike (SQLite's substr () counts characters). */
static guint
common_characters (const char *a, const char *b)
{
  gsize k = 0;

  while (a[k] != '\0' && a[k] == b[k])
    k++;
  /* a character that only begins alike is not common */
  while (k > 0 && (a[k] & 0xC0) == 0x80)
    k--;
  return (guint) g_utf8_strlen (a, (gssize) k);
}

/* The length, the cost of its buckets as kept (counts above zero), and when it was judged. */
static gboolean
read_kept (CptDatabase *db, gint64 *length, gint64 *kept_cost, gint64 *judged, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT (SELECT length FROM number_bucket_length), (SELECT judged FROM number_bucket_length), "
    "  count(*), coalesce (max (count), 0) FROM kind_number_counts WHERE prefix != '' AND count > 0",
    error);
  gboolean has_row = FALSE;

  if (stmt == NULL || !cpt_store_step (db, stmt, "number buckets", &has_row, error))
    return FALSE;
  *length = sqlite3_column_int64 (stmt, 0);
  *judged = sqlite3_column_int64 (stmt, 1);
  *kept_cost = cost (sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3));
  sqlite3_reset (stmt);
  return TRUE;
}

/* The buckets and the largest one of every length from 1 to LONGEST, in one read of the
 * numbers in the order of the index on (kind, coalesce (number, ''), id): a bucket of length
 * L begins where a number shares fewer than L characters with the one before it (or is of
 * another kind), unless it is the same number. */
static gboolean
cut_every_length (CptDatabase *db, Cut *cuts, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT kind, coalesce (number, '') FROM documents WHERE coalesce (number, '') != '' "
    "ORDER BY kind, coalesce (number, '')", error);
  g_autofree char *kind = NULL, *number = NULL;
  gboolean has_row = FALSE;
  gint64 row = 0;

  if (stmt == NULL)
    return FALSE;
  memset (cuts, 0, sizeof (Cut) * (LONGEST + 1));
  for (;; row++)
    {
      const char *this_kind, *this_number;
      guint same;

      if (!cpt_store_step (db, stmt, "number buckets", &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      this_kind = (const char *) sqlite3_column_text (stmt, 0);
      this_number = (const char *) sqlite3_column_text (stmt, 1);
      if (kind == NULL || strcmp (kind, this_kind) != 0)
        same = 0;
      else if (strcmp (number, this_number) == 0)
        same = LONGEST;
      else
        same = MIN (common_characters (number, this_number), LONGEST);
      for (guint l = same + 1; l <= LONGEST; l++)
        {
          cuts[l].largest = MAX (cuts[l].largest, row - cuts[l].start);
          cuts[l].start = row;
          cuts[l].buckets++;
        }
      if (kind == NULL || strcmp (kind, this_kind) != 0)
        g_set_str (&kind, this_kind);
      g_set_str (&number, this_number);
    }
  for (guint l = 1; l <= LONGEST; l++)
    cuts[l].largest = MAX (cuts[l].largest, row - cuts[l].start);
  return TRUE;
}

gboolean
cpt_store_number_buckets_fit (CptDatabase *db, guint *out_length, GError **error)
{
  Cut cuts[LONGEST + 1];
  gint64 length, kept_cost, judged, best_cost;
  guint best = 0;
  g_autofree char *sql = NULL;

  if (!read_kept (db, &length, &kept_cost, &judged, error))
    return FALSE;
  if (out_length != NULL)
    *out_length = (guint) length;
  if (kept_cost <= MAX (COST_FLOOR, 2 * judged))
    return TRUE;

  if (!cpt_database_begin (db, error))
    return FALSE;
  /* another connection may have chosen it meanwhile */
  if (!read_kept (db, &length, &kept_cost, &judged, error))
    goto fail;
  if (kept_cost <= MAX (COST_FLOOR, 2 * judged))
    return cpt_database_commit (db, error);
  /* a window opening the file says what the wait is for */
  cpt_database_report_stage (CPT_DATABASE_STAGE_RECOUNTING);
  if (!cut_every_length (db, cuts, error))
    goto fail;
  for (guint l = 1; l <= LONGEST; l++)
    if (best == 0 || cost (cuts[l].buckets, cuts[l].largest) < cost (cuts[best].buckets, cuts[best].largest))
      best = l;
  best_cost = cost (cuts[best].buckets, cuts[best].largest);
  /* counting a million numbers again takes seconds: only for a jump twice as cheap */
  if (length >= 1 && length <= LONGEST && 2 * best_cost > cost (cuts[length].buckets, cuts[length].largest))
    {
      best = (guint) length;
      best_cost = cost (cuts[length].buckets, cuts[length].largest);
    }
  g_debug ("numbers counted by %u characters (were %" G_GINT64_FORMAT "): %" G_GINT64_FORMAT
           " buckets, the largest %" G_GINT64_FORMAT, best, length, cuts[best].buckets, cuts[best].largest);
  sql = g_strdup_printf ("UPDATE number_bucket_length SET length = %u, judged = %" G_GINT64_FORMAT,
                         best, MAX (best_cost, 1));
  if (!cpt_database_exec (db, sql, error) || !cpt_database_commit (db, error))
    goto fail;
  if (out_length != NULL)
    *out_length = best;
  return TRUE;

fail:
  cpt_database_rollback (db);
  return FALSE;
}

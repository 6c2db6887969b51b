/* cpt-backup.c: backups of the company file and their restore. */
#define G_LOG_DOMAIN "cpt-backup"

#include "cpt-backup.h"
#include "cpt-store-copy.h"
#include "cpt-error.h"
#include "cpt-ledger.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#define NAME_MIDDLE "-backup-"
#define NAME_SUFFIX ".db"
/* "2026-12-02T143005" */
#define STAMP_LENGTH 17

void
cpt_backup_entry_free (CptBackupEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->path);
  g_clear_pointer (&entry->time, g_date_time_unref);
  g_free (entry);
}

char *
cpt_backup_default_folder (void)
{
  return g_build_filename (g_get_user_data_dir (), "comptoir", "backups", NULL);
}

char *
cpt_backup_get_folder (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* comptoir-cli runs where the schema may not be installed (a build tree, a server):
   * then the default folder. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "backup-folder"))
    {
      g_autoptr(GSettings) settings = g_settings_new_full (schema, NULL, NULL);
      g_autofree char *folder = g_settings_get_string (settings, "backup-folder");

      if (folder != NULL && *folder != '\0')
        return g_steal_pointer (&folder);
    }
  return cpt_backup_default_folder ();
}

/* "comptoir" for ".../comptoir.db": what the backups of that file are named after. */
static char *
stem_of (const char *db_path)
{
  g_autofree char *base = g_path_get_basename (db_path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

char *
cpt_backup_file_name (const char *db_path, GDateTime *when)
{
  g_autofree char *stem = stem_of (db_path);
  g_autofree char *stamp = g_date_time_format (when, "%Y-%m-%dT%H%M%S");

  return g_strconcat (stem, NAME_MIDDLE, stamp, NAME_SUFFIX, NULL);
}

/* The time in a backup's name, or NULL when `name` is not a backup of `stem`. */
static GDateTime *
parse_name (const char *name, const char *stem)
{
  gsize stem_length = strlen (stem);
  const char *stamp;
  int y, mo, d, h, mi, s;
  char end;

  if (strncmp (name, stem, stem_length) != 0 ||
      strncmp (name + stem_length, NAME_MIDDLE, strlen (NAME_MIDDLE)) != 0)
    return NULL;
  stamp = name + stem_length + strlen (NAME_MIDDLE);
  if (strlen (stamp) != STAMP_LENGTH + strlen (NAME_SUFFIX) ||
      strcmp (stamp + STAMP_LENGTH, NAME_SUFFIX) != 0 ||
      sscanf (stamp, "%4d-%2d-%2dT%2d%2d%2d%c", &y, &mo, &d, &h, &mi, &s, &end) != 7 || end != '.')
    return NULL;
  return g_date_time_new_local (y, mo, d, h, mi, s);
}

static int
compare_newest_first (gconstpointer a, gconstpointer b)
{
  const CptBackupEntry *x = *(CptBackupEntry *const *) a;
  const CptBackupEntry *y = *(CptBackupEntry *const *) b;

  return g_date_time_compare (y->time, x->time);
}

GPtrArray *
cpt_backup_list (const char *folder, const char *db_path, GError **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) cpt_backup_entry_free);
  g_autofree char *stem = stem_of (db_path);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &local_error);
  const char *name;

  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&entries);
      g_set_error (error, CPT_ERROR, CPT_ERROR_DATABASE, _("Cannot read the backup folder “%s”: %s"),
                   folder, local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      GDateTime *time = parse_name (name, stem);
      CptBackupEntry *entry;

      if (time == NULL)
        continue;
      entry = g_new0 (CptBackupEntry, 1);
      entry->path = g_build_filename (folder, name, NULL);
      entry->time = time;
      g_ptr_array_add (entries, entry);
    }
  g_ptr_array_sort (entries, compare_newest_first);
  return g_steal_pointer (&entries);
}

/* ---------------------------------------------------------------- retention */

typedef struct
{
  GDateTime *time;
  guint      index;
} Dated;

static int
compare_dated_newest_first (gconstpointer a, gconstpointer b)
{
  const Dated *x = a;
  const Dated *y = b;
  int order = g_date_time_compare (y->time, x->time);

  return order != 0 ? order : (int) x->index - (int) y->index;
}

static int
day_key (GDateTime *time)
{
  return g_date_time_get_year (time) * 10000 + g_date_time_get_month (time) * 100 +
         g_date_time_get_day_of_month (time);
}

static int
week_key (GDateTime *time)
{
  return g_date_time_get_week_numbering_year (time) * 100 + g_date_time_get_week_of_year (time);
}

static int
month_key (GDateTime *time)
{
  return g_date_time_get_year (time) * 100 + g_date_time_get_month (time);
}

gboolean *
cpt_backup_retention (GDateTime *const *times, guint n_times, const GDate *today)
{
  gboolean *keep = g_new0 (gboolean, MAX (n_times, 1));
  g_autofree Dated *sorted = g_new0 (Dated, MAX (n_times, 1));
  struct { int (*key) (GDateTime *); guint limit; int last; guint taken; } rules[] = {
    { day_key, CPT_BACKUP_KEEP_DAILY, -1, 0 },
    { week_key, CPT_BACKUP_KEEP_WEEKLY, -1, 0 },
    { month_key, CPT_BACKUP_KEEP_MONTHLY, -1, 0 },
  };
  int today_key = g_date_get_year (today) * 10000 + g_date_get_month (today) * 100 +
                  g_date_get_day (today);

  for (guint i = 0; i < n_times; i++)
    {
      sorted[i].time = times[i];
      sorted[i].index = i;
    }
  qsort (sorted, n_times, sizeof (Dated), compare_dated_newest_first);

  for (guint i = 0; i < n_times; i++)
    {
      GDateTime *time = sorted[i].time;

      if (day_key (time) > today_key)
        {
          keep[sorted[i].index] = TRUE;
          continue;
        }
      /* Today's are all kept: one made by hand before a risky change stays until tomorrow. */
      if (day_key (time) == today_key)
        keep[sorted[i].index] = TRUE;
      /* Newest first: the first backup met in a day (week, month) is that day's newest. */
      for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
        {
          int key = rules[r].key (time);

          if (key == rules[r].last || rules[r].taken >= rules[r].limit)
            continue;
          rules[r].last = key;
          rules[r].taken++;
          keep[sorted[i].index] = TRUE;
        }
    }
  return keep;
}

int
cpt_backup_prune (const char *folder, const char *db_path, const GDate *today, GError **error)
{
  g_autoptr(GPtrArray) entries = cpt_backup_list (folder, db_path, error);
  g_autofree GDateTime **times = NULL;
  g_autofree gboolean *keep = NULL;
  int removed = 0;

  if (entries == NULL)
    return -1;
  times = g_new0 (GDateTime *, entries->len + 1);
  for (guint i = 0; i < entries->len; i++)
    times[i] = ((CptBackupEntry *) g_ptr_array_index (entries, i))->time;
  keep = cpt_backup_retention (times, entries->len, today);
  for (guint i = 0; i < entries->len; i++)
    {
      CptBackupEntry *entry = g_ptr_array_index (entries, i);

      if (keep[i])
        continue;
      if (g_unlink (entry->path) == 0)
        removed++;
      else
        g_warning ("Could not remove the old backup %s: %s", entry->path, g_strerror (errno));
    }
  return removed;
}

/* ---------------------------------------------------------------- writing */

static void
remove_with_companions (const char *path)
{
  static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      g_unlink (name);
    }
}

/* An empty temporary file beside `dest`, hidden, for the copy to be renamed from. */
static char *
make_temporary (const char *dest, const char *purpose, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (dest);
  g_autofree char *base = g_path_get_basename (dest);
  g_autofree char *template = g_strdup_printf (".%s.%s-XXXXXX", base, purpose);
  char *path = g_build_filename (dir, template, NULL);
  int fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, CPT_ERROR, saved == ENOSPC ? CPT_ERROR_DATABASE : CPT_ERROR_READ_ONLY,
                   saved == ENOSPC ? _("The disk is full: nothing could be written in “%s”.")
                                   : _("Cannot write in the folder “%s”: %s"),
                   dir, g_strerror (saved));
      g_free (path);
      return NULL;
    }
  close (fd);
  return path;
}

/* Opens the copy `path` (of `label`) as Comptoir would, and runs SQLite's quick check and
 * the ledger check on it. Leaves it a standalone file (no -wal). */
static gboolean
verify_copy (const char *path, const char *label, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open_full (path, CPT_DATABASE_OPEN_PRIVATE_COPY,
                                                      &local_error);
  g_autoptr(GPtrArray) problems = NULL;

  if (db == NULL)
    {
      if (g_error_matches (local_error, CPT_ERROR, CPT_ERROR_NOT_COMPTOIR))
        g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_COMPTOIR,
                     _("“%s” is not a Comptoir file."), label);
      else if (g_error_matches (local_error, CPT_ERROR, CPT_ERROR_NEWER))
        g_set_error (error, CPT_ERROR, CPT_ERROR_NEWER,
                     _("“%s” was written by a newer version of Comptoir. Update Comptoir first."),
                     label);
      else if (g_error_matches (local_error, CPT_ERROR, CPT_ERROR_CORRUPT))
        g_set_error (error, CPT_ERROR, CPT_ERROR_CORRUPT, _("“%s” is damaged."), label);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!cpt_database_quick_check (db, &local_error))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_CORRUPT, _("“%s” is damaged."), label);
      return FALSE;
    }
  problems = cpt_ledger_check (db, &local_error);
  if (problems == NULL)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_CORRUPT,
                   _("“%s” could not be checked: %s"), label, local_error->message);
      return FALSE;
    }
  if (problems->len > 0)
    {
      /* Translators: the second %s is the first problem the check found */
      g_set_error (error, CPT_ERROR, CPT_ERROR_CORRUPT, _("“%s” did not pass the check: %s"),
                   label, (const char *) g_ptr_array_index (problems, 0));
      return FALSE;
    }
  return cpt_database_exec (db, "PRAGMA journal_mode = DELETE", error);
}

static gboolean
same_file (const char *a, const char *b)
{
  GStatBuf x, y;

  if (g_stat (a, &x) != 0 || g_stat (b, &y) != 0)
    return FALSE;
  return x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

/* The -wal, -shm or -journal of the database `source`. */
static gboolean
is_companion (const char *dest, const char *source)
{
  gsize length = strlen (source);

  return strncmp (dest, source, length) == 0 &&
         (strcmp (dest + length, "-wal") == 0 || strcmp (dest + length, "-shm") == 0 ||
          strcmp (dest + length, "-journal") == 0);
}

gboolean
cpt_backup_write (CptDatabase *db, const char *dest, GError **error)
{
  const char *source = cpt_database_get_path (db);
  g_autofree char *temporary = NULL;
  g_autofree char *dir = g_path_get_dirname (dest);

  g_return_val_if_fail (CPT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);

  if (same_file (source, dest) || is_companion (dest, source))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("A backup cannot be written over the company file itself. Choose another "
                     "file."));
      return FALSE;
    }
  if (g_file_test (dest, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED, _("“%s” is a folder."), dest);
      return FALSE;
    }
  temporary = make_temporary (dest, "backup", error);
  if (temporary == NULL)
    return FALSE;
  if (!cpt_database_copy_to (db, temporary, error) ||
      !verify_copy (temporary, source, error) ||
      !cpt_fsync_path (temporary, error))
    {
      g_prefix_error (error, _("No backup was made: "));
      remove_with_companions (temporary);
      return FALSE;
    }
  if (g_rename (temporary, dest) != 0)
    {
      int saved = errno;

      g_set_error (error, CPT_ERROR, CPT_ERROR_DATABASE, _("Could not write “%s”: %s"), dest,
                   g_strerror (saved));
      remove_with_companions (temporary);
      return FALSE;
    }
  return cpt_fsync_path (dir, error);
}

char *
cpt_backup_to_folder (CptDatabase *db, const char *folder, GDateTime *now, GError **error)
{
  g_autofree char *name = cpt_backup_file_name (cpt_database_get_path (db), now);
  g_autofree char *dest = g_build_filename (folder, name, NULL);
  g_autoptr(GError) prune_error = NULL;
  GDate today;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_READ_ONLY,
                   _("Cannot create the backup folder “%s”: %s"), folder, g_strerror (errno));
      return NULL;
    }
  if (!cpt_backup_write (db, dest, error))
    return NULL;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  /* The backup is made; failing to thin the older ones is not worth failing it. */
  if (cpt_backup_prune (folder, cpt_database_get_path (db), &today, &prune_error) < 0)
    g_warning ("%s", prune_error->message);
  return g_steal_pointer (&dest);
}

char *
cpt_backup_daily (CptDatabase *db, const char *folder, GDateTime *now, GError **error)
{
  g_autoptr(GPtrArray) entries = cpt_backup_list (folder, cpt_database_get_path (db), error);

  if (entries == NULL)
    return NULL;
  for (guint i = 0; i < entries->len; i++)
    {
      CptBackupEntry *entry = g_ptr_array_index (entries, i);

      if (day_key (entry->time) == day_key (now))
        return NULL;
    }
  return cpt_backup_to_folder (db, folder, now, error);
}

/* ---------------------------------------------------------------- restoring */

/* Copies the backup `source` into the new file `temporary` and verifies the copy: the
 * backup itself is only read. */
static gboolean
copy_and_verify (const char *source, const char *temporary, GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!cpt_database_inspect_header (source, source, NULL, error))
    return FALSE;
  if (!cpt_database_copy_file (source, temporary, &local_error))
    {
      if (g_error_matches (local_error, CPT_ERROR, CPT_ERROR_CORRUPT))
        g_set_error (error, CPT_ERROR, CPT_ERROR_CORRUPT, _("“%s” is damaged."), source);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return verify_copy (temporary, source, error);
}

gboolean
cpt_backup_verify (const char *path, GError **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *temporary = NULL;
  gboolean ok;

  dir = g_dir_make_tmp ("comptoir-verify-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  temporary = g_build_filename (dir, "copy.db", NULL);
  ok = copy_and_verify (path, temporary, error);
  remove_with_companions (temporary);
  g_rmdir (dir);
  return ok;
}

char *
cpt_backup_restore (const char *backup, const char *target, GDateTime *now, GError **error)
{
  g_autofree char *temporary = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H%M%S");
  gboolean existed = g_file_test (target, G_FILE_TEST_EXISTS);

  g_return_val_if_fail (backup != NULL && target != NULL, NULL);

  if (same_file (backup, target))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("“%s” is the company file itself, not a backup of it. Nothing was changed."),
                   backup);
      return NULL;
    }
  aside = g_strdup_printf ("%s.before-restore-%s", target, stamp);
  temporary = make_temporary (target, "restore", error);
  if (temporary == NULL)
    return NULL;
  if (!copy_and_verify (backup, temporary, error) ||
      !cpt_fsync_path (temporary, error) ||
      !cpt_database_replace_file (target, temporary, aside, error))
    {
      remove_with_companions (temporary);
      g_prefix_error (error, "%s ", _("Nothing was restored:"));
      return NULL;
    }
  return existed ? g_steal_pointer (&aside) : g_strdup ("");
}

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
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define NAME_MIDDLE "-backup-"
#define NAME_SUFFIX ".db"
/* A backup's temporary file: .NAME.backup-XXXXXX beside it. */
#define TEMPORARY_PURPOSE "backup"
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

/* The files SQLite may make beside a database. */
static const char *const companion_suffixes[] = { "-journal", "-wal", "-shm" };

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

/* An empty temporary file beside `dest`, hidden, for the copy to be renamed from. With
 * `out_fd`, the file stays open there, under an flock () that tells other processes clearing
 * stale temporary files (clear_stale_temporaries ()) that it is in use. */
static char *
make_temporary_full (const char *dest, const char *purpose, int *out_fd, GError **error)
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
  if (out_fd != NULL && flock (fd, LOCK_EX | LOCK_NB) == 0)
    *out_fd = fd;
  else
    close (fd);
  return path;
}

static char *
make_temporary (const char *dest, const char *purpose, GError **error)
{
  return make_temporary_full (dest, purpose, NULL, error);
}

/* Whether `name` is one of the temporary files cpt_backup_write () makes for the backups of
 * `stem` in a folder, ".STEM-backup-2026-12-02T143005.db.backup-XXXXXX", or one of the
 * files SQLite may leave beside it (-journal, -wal, -shm). */
static gboolean
is_backup_temporary (const char *name, const char *stem, gboolean *out_companion)
{
  const gsize random_length = 6; /* XXXXXX */
  g_autofree char *backup_name = NULL;
  g_autoptr(GDateTime) time = NULL;
  const char *tail;

  *out_companion = FALSE;
  if (name[0] != '.')
    return FALSE;
  tail = strstr (name, NAME_SUFFIX "." TEMPORARY_PURPOSE "-");
  if (tail == NULL)
    return FALSE;
  tail += strlen (NAME_SUFFIX);
  backup_name = g_strndup (name + 1, tail - name - 1);
  time = parse_name (backup_name, stem);
  if (time == NULL)
    return FALSE;
  tail += strlen ("." TEMPORARY_PURPOSE "-");
  for (gsize i = 0; i < random_length; i++)
    if (!g_ascii_isalnum (tail[i]))
      return FALSE;
  tail += random_length;
  if (*tail == '\0')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (companion_suffixes); i++)
    if (strcmp (tail, companion_suffixes[i]) == 0)
      {
        *out_companion = TRUE;
        return TRUE;
      }
  return FALSE;
}

/* Whether the temporary file `path` was left by a backup that will never finish: older
 * than `max_age`, and not held by a backup under way (flock (), make_temporary_full ()). */
static gboolean
is_stale (const char *path, gboolean companion, GTimeSpan max_age)
{
  GStatBuf st;
  int fd;
  gboolean stale;

  if (companion)
    {
      /* Removed with its temporary file; alone (the removal was cut short), by its age. */
      g_autofree char *main_path = g_strndup (path, strrchr (path, '-') - path);

      if (g_file_test (main_path, G_FILE_TEST_EXISTS))
        return FALSE;
      return g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) &&
             g_get_real_time () - (gint64) st.st_mtime * G_USEC_PER_SEC > max_age;
    }
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
  if (fd < 0)
    return FALSE;
  stale = fstat (fd, &st) == 0 && S_ISREG (st.st_mode) &&
          g_get_real_time () - (gint64) st.st_mtime * G_USEC_PER_SEC > max_age &&
          flock (fd, LOCK_EX | LOCK_NB) == 0;
  close (fd);
  return stale;
}

/* Removes from `folder` the temporary files of backups of `db_path` that were cut short (the
 * program killed, the computer switched off during the copy): older than `max_age` and not
 * in use. Nothing else in the folder is touched. Returns how many were removed. */
static guint
clear_stale_temporaries (const char *folder, const char *db_path, GTimeSpan max_age)
{
  g_autofree char *stem = stem_of (db_path);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint removed = 0;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      gboolean companion;

      if (!is_backup_temporary (name, stem, &companion))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (is_stale (path, companion, max_age))
        g_ptr_array_add (stale, g_steal_pointer (&path));
    }
  for (guint i = 0; i < stale->len; i++)
    {
      const char *path = g_ptr_array_index (stale, i);

      if (g_unlink (path) == 0)
        {
          g_debug ("Removed %s, left by a backup that did not finish", path);
          removed++;
        }
      else if (errno != ENOENT)
        g_warning ("Could not remove %s, left by a backup that did not finish: %s", path,
                   g_strerror (errno));
      /* Its -journal, -wal and -shm, when it had any. */
      remove_with_companions (path);
    }
  return removed;
}

/* Opens the copy `path` (of `label`) as Comptoir would, and runs SQLite's quick check and
 * the ledger check on it. Leaves it a standalone file (no -wal). */
static gboolean
verify_copy (const char *path, const char *label, GCancellable *cancellable, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open_full (path, CPT_DATABASE_OPEN_PRIVATE_COPY,
                                                      &local_error);
  g_autoptr(CptLedgerReport) report = NULL;
  GPtrArray *problems;

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
  if (!cpt_database_quick_check (db, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, CPT_ERROR, CPT_ERROR_CORRUPT, _("“%s” is damaged."), label);
      return FALSE;
    }
  /* The full check, as cpt_ledger_check (), that a cancellable can stop. */
  report = cpt_ledger_check_report (db, CPT_LEDGER_CHECK_EVERY_ENTRY, cancellable, &local_error);
  if (report == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  problems = report ? report->problems : NULL;
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
cpt_backup_write (CptDatabase  *db,
                  const char   *dest,
                  GCancellable *cancellable,
                  GError      **error)
{
  const char *source = cpt_database_get_path (db);
  g_autofree char *temporary = NULL;
  g_autofree char *dir = g_path_get_dirname (dest);
  g_autofd int lock_fd = -1;

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
  /* Held open and locked until it is renamed: a backup in another process that clears the
   * temporary files left by cut-short backups sees it is in use. */
  temporary = make_temporary_full (dest, TEMPORARY_PURPOSE, &lock_fd, error);
  if (temporary == NULL)
    return FALSE;
  /* Whatever stops it (an error, a cancellation), the temporary file goes. */
  if (!cpt_database_copy_to (db, temporary, cancellable, error) ||
      !verify_copy (temporary, source, cancellable, error) ||
      !cpt_fsync_path (temporary, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
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
cpt_backup_to_folder (CptDatabase  *db,
                      const char   *folder,
                      GDateTime    *now,
                      GCancellable *cancellable,
                      GError      **error)
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
  /* What earlier backups that were cut short left behind goes first: a backup of a large
   * file that never finished would otherwise keep its size on the disk for ever. */
  clear_stale_temporaries (folder, cpt_database_get_path (db), CPT_BACKUP_STALE_AGE);
  if (!cpt_backup_write (db, dest, cancellable, error))
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
cpt_backup_daily (CptDatabase  *db,
                  const char   *folder,
                  GDateTime    *now,
                  GCancellable *cancellable,
                  GError      **error)
{
  g_autoptr(GPtrArray) entries = NULL;

  /* Even on a day that has its backup: a second window may have been killed during its own. */
  clear_stale_temporaries (folder, cpt_database_get_path (db), CPT_BACKUP_STALE_AGE);
  entries = cpt_backup_list (folder, cpt_database_get_path (db), error);
  if (entries == NULL)
    return NULL;
  for (guint i = 0; i < entries->len; i++)
    {
      CptBackupEntry *entry = g_ptr_array_index (entries, i);

      if (day_key (entry->time) == day_key (now))
        return NULL;
    }
  return cpt_backup_to_folder (db, folder, now, cancellable, error);
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
  return verify_copy (temporary, source, NULL, error);
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

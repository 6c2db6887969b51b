/* cpt-backup.h: backups of the company file and their restore.
 *
 * A backup is a verified, standalone copy of the database, written atomically, named
 * STEM-backup-YYYY-MM-DDTHHMMSS.db after the company file (comptoir.db gives
 * comptoir-backup-2026-12-02T143005.db), so that a folder of them sorts by date and says
 * where each comes from. Automatic backups go to a folder (Preferences, or
 * $XDG_DATA_HOME/comptoir/backups) once a day and are thinned to 7 daily, 4 weekly and
 * 12 monthly copies. A restore verifies the backup first and keeps the current file aside. */
#pragma once

#include <gio/gio.h>

#include "cpt-database.h"

G_BEGIN_DECLS

#define CPT_BACKUP_KEEP_DAILY   7
#define CPT_BACKUP_KEEP_WEEKLY  4
#define CPT_BACKUP_KEEP_MONTHLY 12
/* A backup's temporary file older than this, and not in use, was left by a backup that was
 * cut short (the program killed, the computer switched off): the next backup to the folder
 * removes it. A backup under way keeps its file locked and written to meanwhile. */
#define CPT_BACKUP_STALE_AGE    G_TIME_SPAN_HOUR

typedef struct
{
  char      *path;
  GDateTime *time;   /* local time, from the name */
} CptBackupEntry;

void        cpt_backup_entry_free     (CptBackupEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CptBackupEntry, cpt_backup_entry_free)

/* $XDG_DATA_HOME/comptoir/backups */
char       *cpt_backup_default_folder (void);
/* The folder chosen in Preferences (GSettings "backup-folder"), or the default one. */
char       *cpt_backup_get_folder     (void);

/* "comptoir-backup-2026-12-02T143005.db" for the company file `db_path` at `when`. */
char       *cpt_backup_file_name      (const char *db_path,
                                       GDateTime  *when);
/* The backups of the company file `db_path` in `folder`, newest first (an empty array when
 * the folder does not exist). Other files are ignored. */
GPtrArray  *cpt_backup_list           (const char *folder,
                                       const char *db_path,
                                       GError    **error);

/* Which backups to keep, given their times (in any order) and today: for each of the
 * `n_times`, TRUE to keep it. Keeps the newest backup of each of the last 7 days, 4 weeks
 * (ISO weeks) and 12 months that have one (counting days that have backups, not calendar
 * days, so that a pause of a month does not empty the folder); every backup of today is
 * kept; a backup dated after today (a clock that was wrong) is kept and counts for nothing. */
gboolean   *cpt_backup_retention      (GDateTime *const *times,
                                       guint             n_times,
                                       const GDate      *today);

/* Copies the open database to `dest` with SQLite's online backup API (consistent while
 * others write), verifies the copy (quick_check and the ledger check), and puts it in place
 * atomically (a hidden temporary file .DEST.backup-XXXXXX in the same folder, fsync,
 * rename). Refuses to write over the company file itself. When it fails or `cancellable`
 * stops it (G_IO_ERROR_CANCELLED), the temporary file is removed and `dest` untouched. */
gboolean    cpt_backup_write          (CptDatabase  *db,
                                       const char   *dest,
                                       GCancellable *cancellable,
                                       GError      **error);
/* A backup into `folder` (created when missing) under its dated name, then the folder's
 * older backups of this file are thinned. Before it, the temporary files that earlier
 * backups of this file left there when they were cut short (older than
 * CPT_BACKUP_STALE_AGE and not in use) are removed; nothing else is. Returns the path of
 * the new backup. */
char       *cpt_backup_to_folder      (CptDatabase  *db,
                                       const char   *folder,
                                       GDateTime    *now,
                                       GCancellable *cancellable,
                                       GError      **error);
/* The automatic backup: as cpt_backup_to_folder () unless the folder already holds a
 * backup of this file made today; then NULL and no error (stale temporary files are
 * removed all the same). */
char       *cpt_backup_daily          (CptDatabase  *db,
                                       const char   *folder,
                                       GDateTime    *now,
                                       GCancellable *cancellable,
                                       GError      **error);
/* Deletes the backups of `db_path` in `folder` that cpt_backup_retention () does not keep.
 * Returns how many were deleted, or -1 with an error. */
int         cpt_backup_prune          (const char  *folder,
                                       const char  *db_path,
                                       const GDate *today,
                                       GError     **error);

/* Whether `path` is a backup Comptoir can restore: a Comptoir file, not newer than this
 * version, SQLite's quick check ok and the ledger check clean. Reads it only. */
gboolean    cpt_backup_verify         (const char *path,
                                       GError    **error);
/* Restores the backup `backup` as the company file `target`: verifies it (as
 * cpt_backup_verify ()), keeps the current `target` as TARGET.before-restore-DATE, then puts
 * the backup in its place in one rename. Refuses, changing nothing, when the backup is
 * damaged or foreign or when another program has `target` open. Returns the path where the
 * former file was kept ("" when there was none). */
char       *cpt_backup_restore        (const char *backup,
                                       const char *target,
                                       GDateTime  *now,
                                       GError    **error);

G_END_DECLS

/* cpt-store-copy.h: whole-file operations on a Comptoir database for backup and restore:
 * a consistent copy while others write (SQLite's online backup API), a look at a file that
 * writes nothing, and putting a file in the place of another while nobody uses it. The rules
 * of backups (names, folders, retention) live in src/exchange/cpt-backup.c. */
#pragma once

#include "cpt-database.h"

G_BEGIN_DECLS

/* Copies the open database into `dest` (which must not exist, or be empty) with SQLite's
 * online backup API: a consistent snapshot even while other connections write. The copy is
 * one standalone file (rollback journal, no -wal beside it), not yet synced to disk. A
 * cancelled copy stops within a few megabytes (G_IO_ERROR_CANCELLED) and leaves `dest` to
 * the caller to remove. */
gboolean cpt_database_copy_to        (CptDatabase  *self,
                                      const char   *dest,
                                      GCancellable *cancellable,
                                      GError      **error);

/* Same from the database file `source`, opened read-only: nothing is written beside it
 * (no -wal, no -shm) unless it already has a -wal, which is read through. */
gboolean cpt_database_copy_file      (const char  *source,
                                      const char  *dest,
                                      GError     **error);

/* Reads the header of `path` without SQLite: whether it is a Comptoir database, and its
 * schema version. CPT_ERROR_NOT_COMPTOIR for another file (or another program's SQLite
 * file), CPT_ERROR_NEWER for a file from a newer Comptoir, CPT_ERROR_CORRUPT for a header
 * that cannot be right. Messages name the file as `label`. */
gboolean cpt_database_inspect_header (const char  *path,
                                      const char  *label,
                                      guint       *out_version,
                                      GError     **error);

/* PRAGMA quick_check; CPT_ERROR_CORRUPT when the answer is not "ok", G_IO_ERROR_CANCELLED
 * when `cancellable` stopped it. */
gboolean cpt_database_quick_check    (CptDatabase  *self,
                                      GCancellable *cancellable,
                                      GError      **error);

/* Puts the file `replacement` in the place of `path` in one rename, after keeping the
 * current file as `aside` (a hard link, or a copy where links are not possible). The current
 * file is first taken for itself alone (its -wal folded in, an exclusive lock held until the
 * rename is done): when another program has it open, nothing is changed and the error says
 * so. When `path` does not exist, the replacement is only moved there. */
gboolean cpt_database_replace_file   (const char  *path,
                                      const char  *replacement,
                                      const char  *aside,
                                      GError     **error);

/* fsync () of a file, or of a folder (so that a rename in it survives a power cut). */
gboolean cpt_fsync_path              (const char  *path,
                                      GError     **error);

G_END_DECLS

/* cpt-backups.h: the backups of the open company file, for the window: the automatic one
 * (once a day when Comptoir is used: shortly after start, then past each midnight), "Back Up
 * Now", the restore, the folder setting and the last backup made. The work runs in threads
 * with connections of their own (src/exchange/cpt-backup.c does it). */
#pragma once

#include <gio/gio.h>

#include "cpt-backup.h"

G_BEGIN_DECLS

#define CPT_TYPE_BACKUPS (cpt_backups_get_type ())
G_DECLARE_FINAL_TYPE (CptBackups, cpt_backups, CPT, BACKUPS, GObject)

CptBackups     *cpt_backups_new               (const char *database_path);

/* Makes today's automatic backup if there is none yet, after `delay_seconds`, and again
 * after each midnight while the application runs. */
void            cpt_backups_start_daily       (CptBackups *self,
                                               guint       delay_seconds);
/* Stops the daily backups (before a restore, or when the file is closed). */
void            cpt_backups_stop              (CptBackups *self);
/* When the application quits: stops the daily backups, cancels the backups under way that
 * were not given a cancellable of their own, and waits at most `wait_ms` for their threads
 * to have removed their temporary files. FALSE when some were still at work (a backup
 * cut short leaves a temporary file that the next backup removes after an hour). */
gboolean        cpt_backups_cancel            (CptBackups *self,
                                               guint       wait_ms);

/* The folder backups go to (the Preferences choice, or the default one), and changing it
 * (NULL for the default one). */
char           *cpt_backups_dup_folder        (CptBackups *self);
gboolean        cpt_backups_is_default_folder (CptBackups *self);
void            cpt_backups_set_folder        (CptBackups *self,
                                               const char *folder);

/* The newest backup of the file in the folder, looked for in a thread (the folder may be on
 * a slow disk or a network share): NULL without an error when there is none. */
void            cpt_backups_find_last_async   (CptBackups         *self,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
CptBackupEntry *cpt_backups_find_last_finish  (CptBackups   *self,
                                               GAsyncResult *result,
                                               GError      **error);
/* Why the last automatic backup failed, and when (`out_when`, owned by `self`): NULL once
 * one has been made since. Remembered from one run to the next. */
const char     *cpt_backups_get_failure       (CptBackups  *self,
                                               GDateTime  **out_when);
/* Whether that failure is yet to be told: the first of its reason today. The same failure
 * again the same day (Comptoir started again) is not news. */
gboolean        cpt_backups_is_failure_new    (CptBackups *self);
/* TRUE while a backup is being made (CptBackups:running). */
gboolean        cpt_backups_is_running        (CptBackups *self);

void            cpt_backups_back_up_async     (CptBackups         *self,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
/* The path of the new backup, or NULL with an error. */
char           *cpt_backups_back_up_finish    (CptBackups   *self,
                                               GAsyncResult *result,
                                               GError      **error);

/* Reads `backup` only: whether it can be restored (cpt_backup_verify ()). */
void            cpt_backups_verify_async      (CptBackups         *self,
                                               const char         *backup,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
gboolean        cpt_backups_verify_finish     (CptBackups   *self,
                                               GAsyncResult *result,
                                               GError      **error);

/* Restores `backup` as the company file (cpt_backup_restore ()); every connection to the
 * file must be closed first. Returns where the former file was kept. */
void            cpt_backups_restore_async     (CptBackups         *self,
                                               const char         *backup,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
char           *cpt_backups_restore_finish    (CptBackups   *self,
                                               GAsyncResult *result,
                                               GError      **error);

G_END_DECLS

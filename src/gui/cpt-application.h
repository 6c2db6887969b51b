/* cpt-application.h: the Comptoir application: command line, actions, the open database. */
#pragma once

#include <adwaita.h>

#include "cpt-backups.h"
#include "cpt-database.h"
#include "cpt-change.h"
#include "cpt-company.h"
#include "cpt-context.h"
#include "cpt-worker.h"

G_BEGIN_DECLS

#define CPT_TYPE_APPLICATION (cpt_application_get_type ())
G_DECLARE_FINAL_TYPE (CptApplication, cpt_application, CPT, APPLICATION, AdwApplication)

CptApplication *cpt_application_new                (void);

/* The database file to open; NULL means the default one (cpt_database_default_path ()).
 * Only meaningful before the database is opened, i.e. before the first activation. */
const char     *cpt_application_get_database_path  (CptApplication *self);
void            cpt_application_set_database_path  (CptApplication *self,
                                                    const char     *path);

/* The open database, or NULL when it is not open yet or could not be opened. */
CptDatabase    *cpt_application_get_database       (CptApplication *self);
/* TRUE while the database is being opened in a thread (CptApplication:opening). */
gboolean        cpt_application_is_opening         (CptApplication *self);
/* What the opening waits for (CptApplication:opening-stage). */
CptDatabaseStage cpt_application_get_opening_stage (CptApplication *self);
/* Why the database could not be opened, or NULL. */
const GError   *cpt_application_get_database_error (CptApplication *self);
/* Opens the database again after it could not be opened (in a thread, as at first). */
void            cpt_application_retry_open         (CptApplication *self);
/* The company as it was read in the opening thread (NULL when not open or unreadable): what
 * the window's first page depends on. Later changes are not in it. */
CptCompany     *cpt_application_get_opened_company (CptApplication *self);
/* Why the company could not be read as the file was opened (NULL: it was, or no file): the
 * window then says so, and does not take the file for a new one (the welcome page). */
const GError   *cpt_application_get_company_error  (CptApplication *self);
/* The company as the welcome page saved it: a window made later in this run (after a
 * restore...) must not show the welcome page again. */
void            cpt_application_set_opened_company (CptApplication *self,
                                                    CptCompany     *company);
/* Runs slow queries on a connection of its own (NULL when the database is not open). */
CptWorker      *cpt_application_get_worker         (CptApplication *self);
/* The open file, its worker and the announcement of its changes (NULL when not open). */
CptContext     *cpt_application_get_context        (CptApplication *self);

/* The backups of the open file (NULL when the database is not open). */
CptBackups     *cpt_application_get_backups        (CptApplication *self);
/* What "Restore from a Backup…" does once a file is chosen: verifies `backup` (a plain
 * refusal when it cannot be restored), asks for confirmation, then restores it. */
void            cpt_application_ask_restore        (CptApplication *self,
                                                    const char     *backup);
/* Closes the window and the file, restores `backup` in its place (the current file kept
 * aside) and opens the window again on the restored file, saying how it went. */
void            cpt_application_restore_backup     (CptApplication *self,
                                                    const char     *backup);

/* --bench-first-frame: print the time to the first frame and quit. */
gboolean        cpt_application_get_bench_first_frame (CptApplication *self);

G_END_DECLS

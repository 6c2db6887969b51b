/* cpt-application.h: the Comptoir application: command line, actions, the open database. */
#pragma once

#include <adwaita.h>

#include "cpt-database.h"

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
/* Why the database could not be opened, or NULL. */
const GError   *cpt_application_get_database_error (CptApplication *self);

G_END_DECLS

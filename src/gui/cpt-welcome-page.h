/* cpt-welcome-page.h: the first start: the business's identity, or demo data. */
#pragma once

#include <adwaita.h>

#include "cpt-database.h"
#include "cpt-worker.h"

G_BEGIN_DECLS

#define CPT_TYPE_WELCOME_PAGE (cpt_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (CptWelcomePage, cpt_welcome_page, CPT, WELCOME_PAGE, AdwBin)

/* The page saves the identity on `db`; demo data is made on a connection of its own. */
void cpt_welcome_page_set_database (CptWelcomePage *self,
                                    CptDatabase    *db,
                                    CptWorker      *worker);

G_END_DECLS

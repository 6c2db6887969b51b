/* cpt-welcome-page.h: the first start: the business's identity, or demo data. */
#pragma once

#include <adwaita.h>

#include "cpt-company.h"
#include "cpt-context.h"

G_BEGIN_DECLS

#define CPT_TYPE_WELCOME_PAGE (cpt_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (CptWelcomePage, cpt_welcome_page, CPT, WELCOME_PAGE, AdwBin)

/* The page saves the identity through the context's worker; demo data is made on a
 * connection of its own. `company` is the company as read when the file was opened
 * (cpt_application_get_opened_company ()): what it already holds is shown. */
void     cpt_welcome_page_set_context (CptWelcomePage *self,
                                       CptContext     *context,
                                       CptCompany     *company);
/* Whether the identity is being saved (the page takes no input meanwhile). */
gboolean cpt_welcome_page_is_saving   (CptWelcomePage *self);

G_END_DECLS

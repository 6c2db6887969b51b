/* cpt-store-mail-templates.h: the SQL of the user's own message templates. */
#pragma once

#include "cpt-database.h"
#include "cpt-mail-templates.h"

G_BEGIN_DECLS

/* The user's subject and body for `purpose` in `language`; *found = FALSE when the user kept
 * the built-in ones. */
gboolean cpt_store_mail_templates_load  (CptDatabase *db, CptMailPurpose purpose, const char *language,
                                         char **out_subject, char **out_body, gboolean *found,
                                         GError **error);
gboolean cpt_store_mail_templates_save  (CptDatabase *db, CptMailPurpose purpose, const char *language,
                                         const char *subject, const char *body, GError **error);
gboolean cpt_store_mail_templates_reset (CptDatabase *db, CptMailPurpose purpose, const char *language,
                                         GError **error);

G_END_DECLS

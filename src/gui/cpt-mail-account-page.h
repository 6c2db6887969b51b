/* cpt-mail-account-page.h: the Email page of Preferences: who sends, through which SMTP
 * server, the password kept in the keyring, and "Test the Connection". The settings are the
 * company's mail_* fields; the password never enters the file. */
#pragma once

#include <adwaita.h>

#include "cpt-database.h"

G_BEGIN_DECLS

#define CPT_TYPE_MAIL_ACCOUNT_PAGE (cpt_mail_account_page_get_type ())
G_DECLARE_FINAL_TYPE (CptMailAccountPage, cpt_mail_account_page, CPT, MAIL_ACCOUNT_PAGE, AdwPreferencesPage)

CptMailAccountPage *cpt_mail_account_page_new        (CptDatabase *db);
/* Saves what was typed and not yet saved; FALSE (with the reason shown) when it is refused. */
gboolean            cpt_mail_account_page_save       (CptMailAccountPage *self);
/* Whether a connection test is under way. */
gboolean            cpt_mail_account_page_is_testing (CptMailAccountPage *self);

G_END_DECLS

/* cpt-mail-account-page.h: the Email page of Preferences: who sends, through which SMTP
 * server, the password kept in the keyring, and "Test the Connection". The settings are the
 * company's mail_* fields; the password never enters the file. */
#pragma once

#include <adwaita.h>

#include "cpt-context.h"

G_BEGIN_DECLS

#define CPT_TYPE_MAIL_ACCOUNT_PAGE (cpt_mail_account_page_get_type ())
G_DECLARE_FINAL_TYPE (CptMailAccountPage, cpt_mail_account_page, CPT, MAIL_ACCOUNT_PAGE, AdwPreferencesPage)

/* Reads the account through the context's worker; the fields take input once it is in. */
CptMailAccountPage *cpt_mail_account_page_new        (CptContext *context);
/* Starts saving what was typed and not yet saved (CptMailAccountPage::save-finished tells
 * how it went); FALSE when it cannot be saved as it is. */
gboolean            cpt_mail_account_page_save       (CptMailAccountPage *self);
/* Whether a save is under way. */
gboolean            cpt_mail_account_page_is_saving  (CptMailAccountPage *self);
/* Whether the account was read and nothing typed waits to be saved. */
gboolean            cpt_mail_account_page_is_idle    (CptMailAccountPage *self);
/* Whether a connection test is under way. */
gboolean            cpt_mail_account_page_is_testing (CptMailAccountPage *self);

G_END_DECLS

/* cpt-mail-templates-page.h: "Messages" in Preferences: the wording of each message
 * (documents sent, the three reminder levels) in French and English, with a live preview
 * for a made-up invoice. What is typed is checked as it is typed and saved after a pause,
 * in the worker; "Restore Comptoir’s Wording" goes back to the built-in text. */
#pragma once

#include <adwaita.h>

#include "cpt-worker.h"

G_BEGIN_DECLS

#define CPT_TYPE_MAIL_TEMPLATES_PAGE (cpt_mail_templates_page_get_type ())
G_DECLARE_FINAL_TYPE (CptMailTemplatesPage, cpt_mail_templates_page, CPT, MAIL_TEMPLATES_PAGE,
                      AdwPreferencesPage)

CptMailTemplatesPage *cpt_mail_templates_page_new      (CptWorker *worker);
/* Whether the wording shown has been read, and nothing typed waits to be saved. */
gboolean              cpt_mail_templates_page_is_idle  (CptMailTemplatesPage *self);

G_END_DECLS

/* cpt-preferences-dialog.h: the business's identity and logo, legal mentions, terms and
 * penalties, footer, document language, and the numbering formats with a live example. */
#pragma once

#include <adwaita.h>

#include "cpt-backups.h"
#include "cpt-context.h"
#include "cpt-database.h"

G_BEGIN_DECLS

#define CPT_TYPE_PREFERENCES_DIALOG (cpt_preferences_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CptPreferencesDialog, cpt_preferences_dialog, CPT, PREFERENCES_DIALOG, AdwPreferencesDialog)

CptPreferencesDialog *cpt_preferences_dialog_new (CptContext *context);
/* Shows the backups page for `backups` (hidden without it). */
void                  cpt_preferences_dialog_set_backups (CptPreferencesDialog *self,
                                                          CptBackups           *backups);

G_END_DECLS

/* cpt-preferences-dialog.h: the business's identity and logo, legal mentions, terms and
 * penalties, footer, document language, and the numbering formats with a live example. */
#pragma once

#include <adwaita.h>

#include "cpt-backups.h"
#include "cpt-context.h"

G_BEGIN_DECLS

#define CPT_TYPE_PREFERENCES_DIALOG (cpt_preferences_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CptPreferencesDialog, cpt_preferences_dialog, CPT, PREFERENCES_DIALOG, AdwPreferencesDialog)

/* Reads and writes through the context's worker: the pages take input once what they show
 * is read; closing waits for what was typed to be saved, and stays open with the reason
 * when it is refused. */
CptPreferencesDialog *cpt_preferences_dialog_new (CptContext *context);
/* Whether what the pages show has been read, and nothing typed is being saved. */
gboolean              cpt_preferences_dialog_is_idle (CptPreferencesDialog *self);
/* Shows the backups page for `backups` (hidden without it). */
void                  cpt_preferences_dialog_set_backups (CptPreferencesDialog *self,
                                                          CptBackups           *backups);

G_END_DECLS

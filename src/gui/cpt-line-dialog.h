/* cpt-line-dialog.h: one line of a document edited in a dialog, where the window is too
 * narrow for the lines table. Edits go to the line as they are typed, through the same
 * rules as the table (cpt-line-fields.h); ::changed tells the page to save and total. */
#pragma once

#include <adwaita.h>

#include "cpt-document-line.h"

G_BEGIN_DECLS

#define CPT_TYPE_LINE_DIALOG (cpt_line_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CptLineDialog, cpt_line_dialog, CPT, LINE_DIALOG, AdwDialog)

/* `position` is the line's place (from 0), for the title; prices are read in `currency`; a
 * line set to 0 % takes `default_exemption` as its reason; `editable` FALSE shows the line
 * without letting it change. */
CptLineDialog *cpt_line_dialog_new (CptDocumentLine *line,
                                    guint            position,
                                    const char      *currency,
                                    const char      *default_exemption,
                                    gboolean         editable);

G_END_DECLS

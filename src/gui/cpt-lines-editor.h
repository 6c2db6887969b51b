/* cpt-lines-editor.h: the lines of a document's page, edited: a table where there is room
 * for its columns, rows that open in a dialog in a narrow window; adding (a free line, text,
 * a subtotal, a product, what is left of the quote), moving and removing lines (with Undo),
 * and saving what is typed after a pause, in the worker.
 *
 * Its actions are document.add-line, .add-text, .add-subtotal, .add-product, .add-remaining,
 * .show-discounts and lines.move-up, .move-down, .remove, .create-product (the selected line)
 * and lines.move-up-at, .move-down-at, .remove-at, .create-product-at (a position, "u"). Its
 * page installs the same names and hands them on (cpt_lines_editor_activate_action ()), so
 * that its key bindings work wherever the focus is. */
#pragma once

#include <gtk/gtk.h>

#include "cpt-context.h"
#include "cpt-document-snapshot.h"
#include "cpt-documents.h"

G_BEGIN_DECLS

#define CPT_TYPE_LINES_EDITOR (cpt_lines_editor_get_type ())
G_DECLARE_FINAL_TYPE (CptLinesEditor, cpt_lines_editor, CPT, LINES_EDITOR, GtkWidget)

/* Signals:
 *   ::changed ()                  a line's figures changed as typed: the totals follow.
 *   ::stored (CptDocument *)      lines were stored: the document as stored with them (its
 *                                 totals, read in the same job).
 *   ::outdated ()                 lines were added in the file in a way only a new read of the
 *                                 document shows (from the quote's remaining quantities).
 * Property "busy" (read-only): a write is under way that the page takes no input during. */

CptLinesEditor      *cpt_lines_editor_new             (CptContext          *context);

CptContext          *cpt_lines_editor_get_context     (CptLinesEditor      *self);
/* The document as read: its lines replace those shown (what waited for the pause with
 * them is dropped), and its state says whether they can change. */
CptDocumentSnapshot *cpt_lines_editor_get_document    (CptLinesEditor      *self);
void                 cpt_lines_editor_set_document    (CptLinesEditor      *self,
                                                       CptDocumentSnapshot *document);
/* The same, for a document read again for a change made elsewhere, keeping the lines as
 * they are shown and typed. */
void                 cpt_lines_editor_update_document (CptLinesEditor      *self,
                                                       CptDocumentSnapshot *document);
/* Whether the lines of `document` changed elsewhere (their set is not the one shown) and
 * may be shown instead: nothing typed waits to be saved, no new line waits for its id. */
gboolean             cpt_lines_editor_lines_changed_elsewhere (CptLinesEditor      *self,
                                                               CptDocumentSnapshot *document);

/* CptDocumentLine, as shown and typed (new lines have id 0 until saved). */
GListModel          *cpt_lines_editor_get_lines       (CptLinesEditor      *self);
GtkColumnView       *cpt_lines_editor_get_view        (CptLinesEditor      *self);
gboolean             cpt_lines_editor_line_is_item    (CptDocumentLine     *line);

/* The narrow breakpoint applies or no longer does: the lines become rows, or a table. */
void                 cpt_lines_editor_set_narrow      (CptLinesEditor      *self,
                                                       gboolean             narrow);
/* Saves now what waits for the pause in the typing; TRUE when something was. */
gboolean             cpt_lines_editor_flush           (CptLinesEditor      *self);
/* What waits for the pause is not saved (the draft goes). */
void                 cpt_lines_editor_cancel_pause    (CptLinesEditor      *self);
/* Saves of lines under way (cpt_lines_editor_flush () starts them). */
gboolean             cpt_lines_editor_is_saving       (CptLinesEditor      *self);
/* A write the page takes no input during (lines moved, removed, added) is under way. */
gboolean             cpt_lines_editor_is_busy         (CptLinesEditor      *self);
/* Monotonic time of the last save of lines started, 0 before any. */
gint64               cpt_lines_editor_get_saved_at    (CptLinesEditor      *self);
/* Takes the focus: the lines, or the Add button when there are none. */
void                 cpt_lines_editor_focus           (CptLinesEditor      *self);
/* Runs one of its actions (see above); FALSE if it is not one, or disabled. */
gboolean             cpt_lines_editor_activate_action (CptLinesEditor      *self,
                                                       const char          *action_name,
                                                       GVariant            *parameter);

G_END_DECLS

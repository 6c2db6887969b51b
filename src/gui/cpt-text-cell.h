/* cpt-text-cell.h: the text of a list's cell, sized by characters rather than by its text.
 *
 * What GtkInscription does for our lists (a size given in characters and lines, the text
 * ellipsized at its end), at a fraction of the cost of making one: an inscription lays out
 * its text as it is made, before it has a parent, so GTK works out a whole style for it out of
 * context and again once it is in its row; 17 ms of the first screenful of the Invoices list,
 * 8 cells a row. A text cell lays out its text when it is first measured or drawn. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CPT_TYPE_TEXT_CELL (cpt_text_cell_get_type ())
G_DECLARE_FINAL_TYPE (CptTextCell, cpt_text_cell, CPT, TEXT_CELL, GtkWidget)

GtkWidget  *cpt_text_cell_new           (void);
const char *cpt_text_cell_get_text      (CptTextCell *self);
/* NULL shows nothing, as "". */
void        cpt_text_cell_set_text      (CptTextCell *self,
                                         const char  *text);
/* Pango markup; text that is not valid markup is shown as it is. */
void        cpt_text_cell_set_markup    (CptTextCell *self,
                                         const char  *markup);
/* 0 at the start of the line, 1 at its end (mirrored right to left). */
void        cpt_text_cell_set_xalign    (CptTextCell *self,
                                         float        xalign);
/* The width asked for: at least `min_chars`, `nat_chars` if there is room. */
void        cpt_text_cell_set_chars     (CptTextCell *self,
                                         guint        min_chars,
                                         guint        nat_chars);
/* The height asked for, in lines (1 at first). */
void        cpt_text_cell_set_lines     (CptTextCell *self,
                                         guint        lines);

G_END_DECLS

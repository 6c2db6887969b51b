/* cpt-line-row.h: one line of a document as a row of a boxed list, for windows too narrow
 * for the lines table: the description, the figures in a sentence, the net, a menu. */
#pragma once

#include <adwaita.h>

#include "cpt-document-line.h"

G_BEGIN_DECLS

#define CPT_TYPE_LINE_ROW (cpt_line_row_get_type ())
G_DECLARE_FINAL_TYPE (CptLineRow, cpt_line_row, CPT, LINE_ROW, AdwActionRow)

GtkWidget       *cpt_line_row_new             (CptDocumentLine *line);
CptDocumentLine *cpt_line_row_get_line        (CptLineRow      *self);
/* The row's menu button: its owner builds the menu when it opens (lines move meanwhile). */
GtkMenuButton   *cpt_line_row_get_menu_button (CptLineRow      *self);

G_END_DECLS

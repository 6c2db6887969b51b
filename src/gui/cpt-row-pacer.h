/* cpt-row-pacer.h: hands a list view the items of its model a screenful per frame.
 *
 * A GtkListView or GtkColumnView makes a row widget for each of up to 200 items from its
 * top (GTK_LIST_VIEW_MAX_LIST_ITEMS, gtk/gtklistview.c) as soon as its model has them,
 * whatever its height. For the document list, with its ten columns, that is 115 ms making
 * and binding rows and 70 ms laying them out before the first frame, which shows twenty of
 * them. The pacer stands between the model and the view: the view sees the model's first
 * items only (a GtkSliceListModel), a screenful of them, then a few more at each frame until
 * GTK would make no more rows; from then on it sees the whole model. The rows that show come
 * in the first frame, and the others a few per frame. When the model empties (a search finds nothing),
 * the pacing starts again, for the rows its next items will need. A view not laid out yet
 * sees no items until its first layout, in which it gets those its height shows, with the
 * columns the breakpoints around it leave (cpt-row-pacer.c: on_layout ()). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CPT_TYPE_ROW_PACER (cpt_row_pacer_get_type ())
G_DECLARE_FINAL_TYPE (CptRowPacer, cpt_row_pacer, CPT, ROW_PACER, GObject)

/* Paces the items of `model` for `view` (not referenced: the pacer belongs to what owns the
 * view, and stops with it). */
CptRowPacer *cpt_row_pacer_new        (GListModel  *model,
                                       GtkWidget   *view);

/* What the view shows: the model's items, paced. */
GListModel  *cpt_row_pacer_get_model  (CptRowPacer *self);

/* The model given to cpt_row_pacer_new (). */
GListModel  *cpt_row_pacer_get_source (CptRowPacer *self);

G_END_DECLS

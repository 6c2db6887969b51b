/* cpt-badge.h: a document's status as a badge, the pill that lists show in their status
 * column ("Paid" in green, "Overdue" in red: the classes of style.css).
 *
 * One widget that lays its text out itself, sized to it: a pill as wide as its status, on
 * as many lines as it is given (cpt_badge_set_lines ()) where the column is narrow, each
 * centred, the last one ellipsized. A GtkLabel did the same, at five times the cost of
 * making a text cell (CptTextCell), which is most of what making a row of a list costs. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CPT_TYPE_BADGE (cpt_badge_get_type ())
G_DECLARE_FINAL_TYPE (CptBadge, cpt_badge, CPT, BADGE, GtkWidget)

GtkWidget  *cpt_badge_new       (void);
/* The status, as the store writes it ("paid", "overdue"...): its translated name in its
 * colours. NULL hides the badge. */
void        cpt_badge_set_state (CptBadge   *self,
                                 const char *state);
const char *cpt_badge_get_text  (CptBadge   *self);
/* At most `lines` lines (1 at first), broken between words. */
void        cpt_badge_set_lines (CptBadge   *self,
                                 guint       lines);

G_END_DECLS

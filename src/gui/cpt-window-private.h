/* cpt-window-private.h: what the tests look at inside CptWindow. */
#pragma once

#include "cpt-window.h"

G_BEGIN_DECLS

/* "welcome" or "error". */
const char    *cpt_window_get_visible_page_name (CptWindow *self);
/* The status page that is showing. */
AdwStatusPage *cpt_window_get_status_page       (CptWindow *self);

G_END_DECLS

/* cpt-window-private.h: what the tests look at inside CptWindow. */
#pragma once

#include "cpt-window.h"
#include "cpt-welcome-page.h"

G_BEGIN_DECLS

/* "welcome", "error" or "main". */
const char        *cpt_window_get_visible_page_name (CptWindow *self);
/* The stack of those pages ("loading" while the file opens). */
GtkStack          *cpt_window_get_stack             (CptWindow *self);
/* The page shown while the file opens; its description says what it waits for. */
AdwStatusPage     *cpt_window_get_loading_page      (CptWindow *self);
/* The status page telling why the database could not be opened. */
AdwStatusPage     *cpt_window_get_status_page       (CptWindow *self);
/* Its Retry button, shown when trying again may help (a lock, a full disk). */
GtkWidget         *cpt_window_get_retry_button      (CptWindow *self);
CptWelcomePage    *cpt_window_get_welcome_page      (CptWindow *self);
/* The section showing in the sidebar ("invoices"...). */
const char        *cpt_window_get_section           (CptWindow *self);
/* The page on top of the content: a section page, a client record, a document. */
AdwNavigationPage *cpt_window_get_visible_page      (CptWindow *self);
/* The section selected in the sidebar (it follows the page on top), or NULL. */
const char        *cpt_window_get_sidebar_selection (CptWindow *self);
AdwNavigationView *cpt_window_get_content_view      (CptWindow *self);
/* The count shown beside a section in the sidebar. */
GtkLabel          *cpt_window_get_count_label       (CptWindow  *self,
                                                     const char *section);

G_END_DECLS

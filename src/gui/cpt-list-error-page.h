/* cpt-list-error-page.h: what a list page shows in place of its rows when the file could
 * not be read: the reason, and Retry, which reads the list again. */
#pragma once

#include <adwaita.h>

#include "cpt-paged-list.h"

G_BEGIN_DECLS

#define CPT_TYPE_LIST_ERROR_PAGE (cpt_list_error_page_get_type ())
G_DECLARE_FINAL_TYPE (CptListErrorPage, cpt_list_error_page, CPT, LIST_ERROR_PAGE, GtkWidget)

GtkWidget    *cpt_list_error_page_new      (void);
/* The list whose error is shown; Retry reloads it, and is insensitive while it counts. */
void          cpt_list_error_page_set_list (CptListErrorPage *self,
                                            CptPagedList     *list);
CptPagedList *cpt_list_error_page_get_list (CptListErrorPage *self);

G_END_DECLS

/* cpt-window.h: the main window. */
#pragma once

#include <adwaita.h>

#include "cpt-application.h"

G_BEGIN_DECLS

#define CPT_TYPE_WINDOW (cpt_window_get_type ())
G_DECLARE_FINAL_TYPE (CptWindow, cpt_window, CPT, WINDOW, AdwApplicationWindow)

/* A window on the application's database, or on why it could not be opened. */
CptWindow *cpt_window_new            (CptApplication *application);

/* Sections: dashboard, quotes, invoices, credit-notes, deposits, payments, clients, products. */
void       cpt_window_show_section   (CptWindow  *self,
                                      const char *name);
/* Pushes a document's editor (or its read-only view once validated). */
void       cpt_window_open_document  (CptWindow  *self,
                                      gint64      id);
/* Pushes a client's record. */
void       cpt_window_open_client    (CptWindow  *self,
                                      gint64      id);
void       cpt_window_add_toast      (CptWindow  *self,
                                      AdwToast   *toast);
/* Shows `page` again: pushed back if it was popped, or the pages above it popped. */
void       cpt_window_show_page      (CptWindow         *self,
                                      AdwNavigationPage *page);

G_END_DECLS

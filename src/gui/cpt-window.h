/* cpt-window.h: the main window. */
#pragma once

#include <adwaita.h>

#include "cpt-application.h"

G_BEGIN_DECLS

#define CPT_TYPE_WINDOW (cpt_window_get_type ())
G_DECLARE_FINAL_TYPE (CptWindow, cpt_window, CPT, WINDOW, AdwApplicationWindow)

/* A window on the application's database, or on why it could not be opened. */
CptWindow *cpt_window_new (CptApplication *application);

G_END_DECLS

/* cpt-client-picker.h: a button that chooses a client: a popover searches the clients as one
 * types (paged, so it stays fast with many clients) and can create one in place. */
#pragma once

#include <adwaita.h>

#include "cpt-context.h"

G_BEGIN_DECLS

#define CPT_TYPE_CLIENT_PICKER (cpt_client_picker_get_type ())
G_DECLARE_FINAL_TYPE (CptClientPicker, cpt_client_picker, CPT, CLIENT_PICKER, AdwBin)

CptClientPicker *cpt_client_picker_new            (void);
/* The clients are searched, and a chosen client's name read, in threads of `context`. */
void             cpt_client_picker_set_context    (CptClientPicker *self,
                                                   CptContext      *context);
/* TRUE while a name or the search's count is being read (CptClientPicker:busy). */
gboolean         cpt_client_picker_is_busy        (CptClientPicker *self);
/* 0: none chosen. set_client_id () chooses at once and reads the name in the worker;
 * a client that is not there is then unchosen. */
gint64           cpt_client_picker_get_client_id  (CptClientPicker *self);
void             cpt_client_picker_set_client_id  (CptClientPicker *self,
                                                   gint64           client_id);
/* The same when the client's name is known (a document carries it): nothing is read. */
void             cpt_client_picker_set_client    (CptClientPicker *self,
                                                  gint64           client_id,
                                                  const char      *name);
const char      *cpt_client_picker_get_client_name (CptClientPicker *self);
/* Offer "New Client…" in the popover. */
void             cpt_client_picker_set_can_create (CptClientPicker *self,
                                                   gboolean         can_create);
/* Offer "All Clients" (choosing none), for filters. */
void             cpt_client_picker_set_can_clear  (CptClientPicker *self,
                                                   gboolean         can_clear);
/* What the button says when no client is chosen. */
void             cpt_client_picker_set_placeholder (CptClientPicker *self,
                                                    const char      *text);
/* Opens the popover (keyboard and tests). */
void             cpt_client_picker_popup          (CptClientPicker *self);

G_END_DECLS

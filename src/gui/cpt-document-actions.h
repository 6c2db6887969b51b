/* cpt-document-actions.h: the part of a document's page that offers what can be done with
 * it: the next step of a quote or a pro forma, Validate, Print, the printable preview and the
 * Actions menu, which says why an action is not possible. What is possible comes from the
 * model's list of actions in the page's snapshot (cpt_document_snapshot_get_actions ()); the
 * buttons activate the page's document.* actions. */
#pragma once

#include <gtk/gtk.h>

#include "cpt-document-snapshot.h"

G_BEGIN_DECLS

#define CPT_TYPE_DOCUMENT_ACTIONS (cpt_document_actions_get_type ())
G_DECLARE_FINAL_TYPE (CptDocumentActions, cpt_document_actions, CPT, DOCUMENT_ACTIONS, GtkWidget)

CptDocumentSnapshot *cpt_document_actions_get_document (CptDocumentActions  *self);
void                 cpt_document_actions_set_document (CptDocumentActions  *self,
                                                        CptDocumentSnapshot *document);
/* Enables or disables each document.* action of `owner` (the page that installs them) as the
 * document allows it, so that its shortcuts follow the menu. */
void                 cpt_document_actions_enable_on    (CptDocumentActions  *self,
                                                        GtkWidget           *owner);
/* The Actions menu's buttons, for tests. */
GtkWidget           *cpt_document_actions_get_menu_box (CptDocumentActions  *self);

G_END_DECLS

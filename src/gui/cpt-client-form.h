/* cpt-client-form.h: the identity, addresses and terms of a client, with SIREN, SIRET and
 * VAT number checked as one types. Used by the new-client dialog and the client record. */
#pragma once

#include <adwaita.h>

#include "cpt-client.h"

G_BEGIN_DECLS

#define CPT_TYPE_CLIENT_FORM (cpt_client_form_get_type ())
G_DECLARE_FINAL_TYPE (CptClientForm, cpt_client_form, CPT, CLIENT_FORM, AdwPreferencesPage)

CptClientForm *cpt_client_form_new      (void);
/* Fills the fields from `client` (not kept). */
void           cpt_client_form_load     (CptClientForm *self,
                                         CptClient     *client);
/* Writes the fields into `client`; FALSE (with the field showing its error) when an
 * identifier is wrong or the name is missing. */
gboolean       cpt_client_form_apply    (CptClientForm *self,
                                         CptClient     *client,
                                         GError       **error);
/* TRUE once something was changed since the last load. */
gboolean       cpt_client_form_get_modified (CptClientForm *self);
void           cpt_client_form_set_name (CptClientForm *self,
                                         const char    *name);
void           cpt_client_form_focus_name (CptClientForm *self);

G_END_DECLS

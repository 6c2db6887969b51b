/* cpt-client-identity.h: the Identity tab of a client's record: the identity form, and under
 * it a bar with Save and Undo (the page's client.save-identity and client.revert-identity)
 * and why a save was refused. It writes nothing itself; the page saves. */
#pragma once

#include <adwaita.h>

#include "cpt-client.h"
#include "cpt-client-form.h"

G_BEGIN_DECLS

#define CPT_TYPE_CLIENT_IDENTITY (cpt_client_identity_get_type ())
G_DECLARE_FINAL_TYPE (CptClientIdentity, cpt_client_identity, CPT, CLIENT_IDENTITY, AdwBin)

CptClientIdentity *cpt_client_identity_new        (void);
CptClientForm     *cpt_client_identity_get_form   (CptClientIdentity *self);
/* Shows `client` (not kept) as the file holds it: nothing left to save. */
void               cpt_client_identity_load       (CptClientIdentity *self,
                                                   CptClient         *client);
/* Says why what was typed could not be saved; the bar stays, to try again. */
void               cpt_client_identity_show_error (CptClientIdentity *self,
                                                   const char        *message);

G_END_DECLS

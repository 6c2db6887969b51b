/* cpt-client-files.h: the Files tab of a client's record: contracts, purchase orders… kept
 * in the database. It writes nothing itself: its buttons activate client.add-file, and
 * client.open-file and client.remove-file with a file's id. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CPT_TYPE_CLIENT_FILES (cpt_client_files_get_type ())
G_DECLARE_FINAL_TYPE (CptClientFiles, cpt_client_files, CPT, CLIENT_FILES, AdwPreferencesPage)

CptClientFiles *cpt_client_files_new  (void);
/* `files`: CptClientFile (NULL: none could be read). */
void            cpt_client_files_show (CptClientFiles *self,
                                       GPtrArray      *files);

G_END_DECLS

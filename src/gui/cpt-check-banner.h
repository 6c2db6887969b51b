/* cpt-check-banner.h: the banner that says, when a company file is opened, that the quick
 * form of `check` found it changed behind Comptoir's back, or that its seal cannot be
 * verified on this computer; its button lists what was found. */
#pragma once

#include <adwaita.h>

#include "cpt-worker.h"

G_BEGIN_DECLS

#define CPT_TYPE_CHECK_BANNER (cpt_check_banner_get_type ())
G_DECLARE_FINAL_TYPE (CptCheckBanner, cpt_check_banner, CPT, CHECK_BANNER, AdwBin)

/* Checks the worker's file on a connection of its own, in a thread: reading and working go
 * on meanwhile. A file from before the seal is sealed first (cpt_ledger_seal_unsealed_file).
 * The banner shows only when something was found. `app` (may be NULL) is held until the
 * thread has finished, so that the process never exits under it. */
void     cpt_check_banner_run          (CptCheckBanner *self,
                                        GApplication   *app,
                                        CptWorker      *worker);
/* Stops the check under way, if any: its thread ends at its next step. */
void     cpt_check_banner_cancel       (CptCheckBanner *self);
gboolean cpt_check_banner_is_revealed  (CptCheckBanner *self);
/* Whether the last check has come to an end (found something or not). */
gboolean cpt_check_banner_is_finished  (CptCheckBanner *self);
/* What was found, one sentence a line (the text of the details). */
const char *cpt_check_banner_get_details (CptCheckBanner *self);

G_END_DECLS

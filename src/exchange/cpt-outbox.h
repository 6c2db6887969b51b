/* cpt-outbox.h: the messages that could not leave (no network, the server down) wait in the
 * company file (cpt-mail-messages.h); the outbox sends them once the server answers: a
 * minute after the window opens and then every few minutes, in a thread with a connection
 * of its own. Nothing is lost when the app is closed: the next start tries again. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CPT_TYPE_OUTBOX (cpt_outbox_get_type ())
G_DECLARE_FINAL_TYPE (CptOutbox, cpt_outbox, CPT, OUTBOX, GObject)

CptOutbox *cpt_outbox_new        (const char *database_path);
/* Tries after `first_seconds`, then every `every_seconds`. */
void       cpt_outbox_start      (CptOutbox *self,
                                  guint      first_seconds,
                                  guint      every_seconds);
void       cpt_outbox_stop       (CptOutbox *self);
/* Tries now (unless a try is under way). */
void       cpt_outbox_try_now    (CptOutbox *self);
/* Whether a try is under way. */
gboolean   cpt_outbox_is_trying  (CptOutbox *self);
/* How many messages waited after the last try (CptOutbox:waiting). */
guint      cpt_outbox_get_waiting (CptOutbox *self);

G_END_DECLS

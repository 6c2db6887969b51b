/* cpt-context.h: what every part of Comptoir works with: the open company file, the worker
 * that runs slow work off the main loop, and the announcement of what changed in the file,
 * by this process or another one. */
#pragma once

#include <gio/gio.h>

#include "cpt-change.h"
#include "cpt-database.h"
#include "cpt-worker.h"

G_BEGIN_DECLS

#define CPT_TYPE_CONTEXT (cpt_context_get_type ())
G_DECLARE_FINAL_TYPE (CptContext, cpt_context, CPT, CONTEXT, GObject)

/* A context on `database`, the connection that writes (used on the thread that makes the
 * context, whose main context receives CptContext::changed). */
CptContext  *cpt_context_new          (CptDatabase *database);

CptDatabase *cpt_context_get_database (CptContext *self);
CptWorker   *cpt_context_get_worker   (CptContext *self);
/* Today as an ISO date (CptContext:today). */
const char  *cpt_context_get_today    (CptContext *self);

/* Announces `what` changed; safe from any thread. Announcements made close together are
 * told once, together, on the context's main context. Commits made through the context's
 * database are announced without being asked; this is for the rest. */
void         cpt_context_announce     (CptContext *self,
                                       CptChange   what);

/* Looks at the clock now: when the day has changed, CptContext:today changes and
 * everything is announced as changed. The context does it a second after each midnight
 * and at least every hour (a computer asleep at midnight, a clock set by hand). */
void         cpt_context_check_day    (CptContext *self);
/* How long from `now` until the context next looks at the day, in seconds. */
guint        cpt_context_seconds_to_next_day_check (GDateTime *now);

G_END_DECLS

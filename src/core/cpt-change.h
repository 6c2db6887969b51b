/* cpt-change.h: what a write changed, as the parts of the interface that show it see it.
 * The store tells which tables a commit touched (cpt-store-changes.h); CptContext announces
 * it (CptContext::changed). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CPT_CHANGE_DOCUMENTS = 1 << 0,
  CPT_CHANGE_CLIENTS   = 1 << 1,
  CPT_CHANGE_PRODUCTS  = 1 << 2,
  CPT_CHANGE_PAYMENTS  = 1 << 3,
  CPT_CHANGE_COMPANY   = 1 << 4,
  CPT_CHANGE_MESSAGES  = 1 << 5,   /* messages sent by email, and the outbox */
  CPT_CHANGE_ALL       = 0x3f,
} CptChange;

G_END_DECLS

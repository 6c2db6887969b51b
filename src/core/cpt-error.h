/* cpt-error.h: the error domain of the model layer. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CPT_ERROR (cpt_error_quark ())

typedef enum
{
  CPT_ERROR_INVALID,        /* bad input: a wrong value typed by someone */
  CPT_ERROR_NOT_FOUND,      /* no such client, product, document, ... */
  CPT_ERROR_REFUSED,        /* a rule forbids it (editing a validated invoice, ...) */
  CPT_ERROR_DATABASE,       /* SQLite failed */
  CPT_ERROR_NOT_COMPTOIR,   /* the file is a database, but not one of ours */
  CPT_ERROR_CORRUPT,        /* the file is damaged or not a database at all */
  CPT_ERROR_NEWER,          /* written by a newer Comptoir */
  CPT_ERROR_READ_ONLY,      /* we cannot write to it */
  CPT_ERROR_BUSY,           /* another program keeps the file locked: try again later */
  CPT_ERROR_NO_SPACE,       /* the disk is full: nothing was changed */
  CPT_ERROR_STALE_WAL,      /* a -wal file beside the database belongs to another file */
  CPT_ERROR_REMOTE,         /* on a network or FUSE file system: not opened for writing */
  CPT_ERROR_UNAVAILABLE,    /* a service it needs (the keyring) cannot be reached */
  CPT_ERROR_CONFIRM,        /* allowed, but only once the person confirms (an old date, ...) */
} CptError;

GQuark cpt_error_quark (void);

G_END_DECLS

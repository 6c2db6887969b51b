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
  CPT_ERROR_CONFIRM,        /* allowed, but only once the person confirms (an old date, ...) */
} CptError;

GQuark cpt_error_quark (void);

G_END_DECLS

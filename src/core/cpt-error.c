#include "cpt-error.h"

G_DEFINE_QUARK (cpt-error-quark, cpt_error)

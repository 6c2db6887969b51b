/* cpt-validate.h: field checks shared by the records (company, clients, products). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gboolean (*CptIdentifierCheck) (const char *text, char **out_normalized, GError **error);

/* Empty -> NULL; otherwise runs `check` and replaces *field by its normalised form. */
gboolean cpt_validate_identifier (char **field, CptIdentifierCheck check, GError **error);
/* One or more addresses separated by commas or semicolons; normalised to "a@b.fr, c@d.fr". */
gboolean cpt_validate_emails     (char **field, GError **error);
/* Two-letter ISO 3166 code, uppercased; empty -> "FR". */
gboolean cpt_validate_country    (char **field, GError **error);
/* Three-letter ISO 4217 code, uppercased; empty -> "EUR". */
gboolean cpt_validate_currency   (char **field, GError **error);
/* "fr" or "en"; empty -> "fr". */
gboolean cpt_validate_language   (char **field, GError **error);
/* Trims; NULL or blank is refused with "<what> cannot be empty". */
gboolean cpt_validate_required   (char **field, const char *what, GError **error);
/* Trims; blank -> NULL. */
void     cpt_validate_optional   (char **field);

G_END_DECLS

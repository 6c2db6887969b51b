/* cpt-company.h: the seller: the identity printed on every document. One row. */
#pragma once

#include "cpt-database.h"
#include "cpt-record.h"

G_BEGIN_DECLS

#define CPT_TYPE_COMPANY (cpt_company_get_type ())
G_DECLARE_FINAL_TYPE (CptCompany, cpt_company, CPT, COMPANY, GObject)

/* The mention printed when the company is not subject to VAT. */
#define CPT_VAT_EXEMPT_MENTION_FR "TVA non applicable, art. 293 B du CGI"

const CptRecordClass *cpt_company_record (void);

CptCompany *cpt_company_load       (CptDatabase *db, GError **error);
/* Checks identifiers (SIREN/SIRET Luhn, VAT key, IBAN mod 97, BIC), normalises them, and
 * writes the row. Nothing is written when a check fails. */
gboolean    cpt_company_save       (CptCompany *self, CptDatabase *db, GError **error);
gboolean    cpt_company_validate   (CptCompany *self, GError **error);
/* Stores the image file (PNG, JPEG or SVG, at most 2 MiB) in the database. */
gboolean    cpt_company_set_logo_from_file (CptDatabase *db, const char *path, GError **error);
/* Whether `logo` can be drawn on the documents (read as the render reads it, gdk-pixbuf):
 * FALSE with why otherwise. */
gboolean    cpt_company_logo_check (GBytes *logo, GError **error);
/* The logo and its MIME type; NULL with no error when there is none. */
GBytes     *cpt_company_get_logo   (CptDatabase *db, char **out_mime, GError **error);

const char *cpt_company_get_name   (CptCompany *self);
/* Whether `host` is this computer: the only server a mail account may reach without
 * encryption. */
gboolean    cpt_company_mail_host_is_local (const char *host);

G_END_DECLS

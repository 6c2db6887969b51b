/* cpt-mail-templates.h: the subject and letter of each kind of message (issue 14): a
 * document sent (quote, pro forma, invoice, deposit invoice, credit note) and the three
 * reminder levels, in French and English (the client's language, not the user's: the
 * message is written to the client). A template holds placeholders in braces, filled from
 * the document when the message is written:
 *   {client} {seller} {document} {number} {date} {amount} {due_date} {balance}
 *   {days_late} {deadline} {penalties} {payment_details} {signature}
 * An unknown placeholder is left as it is, so that a typo shows in the preview. */
#pragma once

#include "cpt-database.h"
#include "cpt-kinds.h"

G_BEGIN_DECLS

typedef enum
{
  CPT_MAIL_PURPOSE_QUOTE,
  CPT_MAIL_PURPOSE_PROFORMA,
  CPT_MAIL_PURPOSE_INVOICE,
  CPT_MAIL_PURPOSE_DEPOSIT,
  CPT_MAIL_PURPOSE_CREDIT_NOTE,
  CPT_MAIL_PURPOSE_REMINDER_1,
  CPT_MAIL_PURPOSE_REMINDER_2,
  CPT_MAIL_PURPOSE_REMINDER_3,
  CPT_MAIL_N_PURPOSES
} CptMailPurpose;

/* "invoice", "reminder-1"...; and back (FALSE for a name that is none). */
const char *cpt_mail_purpose_to_string   (CptMailPurpose purpose);
gboolean    cpt_mail_purpose_from_string (const char *name, CptMailPurpose *out);
/* The purpose of sending a document of `kind`, or of its reminder `level` (1 to 3; 0: not a
 * reminder). */
CptMailPurpose cpt_mail_purpose_for      (CptDocumentKind kind, guint level);

/* The built-in subject and letter of `purpose` in `language` ("fr"; anything else: "en"). */
const char *cpt_mail_template_subject    (CptMailPurpose purpose, const char *language);
const char *cpt_mail_template_body       (CptMailPurpose purpose, const char *language);

/* `text` with each {name} of `values` (name → text) replaced by its value. */
char       *cpt_mail_template_expand     (const char *text, GHashTable *values);

/* The placeholders a template may hold, NULL-terminated ("client", "number"...). */
const char *const *cpt_mail_template_placeholders (void);
/* Whether `text` is a template Comptoir can fill: refused in plain words when it names a
 * placeholder that does not exist or leaves a brace open. */
gboolean    cpt_mail_template_check      (const char *text, GError **error);
/* Values of every placeholder for a made-up invoice in `language`, to preview a template. */
GHashTable *cpt_mail_template_sample_values (const char *language);
/* What a purpose is called for the user: "Invoice", "Reminder 1", "Formal Notice"... */
const char *cpt_mail_purpose_label       (CptMailPurpose purpose);

/* The wording used for `purpose` in `language` ("fr" or "en"): the user's own when there
 * is one (*out_custom TRUE), else the built-in one. */
gboolean    cpt_mail_templates_get       (CptDatabase *db, CptMailPurpose purpose,
                                          const char *language, char **out_subject,
                                          char **out_body, gboolean *out_custom, GError **error);
/* Saves the user's wording, checked first (cpt_mail_template_check; neither may be
 * empty); nothing is written when it is refused. */
gboolean    cpt_mail_templates_set       (CptDatabase *db, CptMailPurpose purpose,
                                          const char *language, const char *subject,
                                          const char *body, GError **error);
/* Back to the built-in wording. */
gboolean    cpt_mail_templates_reset     (CptDatabase *db, CptMailPurpose purpose,
                                          const char *language, GError **error);

G_END_DECLS

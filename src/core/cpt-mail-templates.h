/* cpt-mail-templates.h: the subject and letter of each kind of message (issue 14): a
 * document sent (quote, pro forma, invoice, deposit invoice, credit note) and the three
 * reminder levels, in French and English (the client's language, not the user's: the
 * message is written to the client). A template holds placeholders in braces, filled from
 * the document when the message is written:
 *   {client} {seller} {document} {number} {date} {amount} {due_date} {balance}
 *   {days_late} {deadline} {penalties} {payment_details} {signature}
 * An unknown placeholder is left as it is, so that a typo shows in the preview. */
#pragma once

#include <glib.h>

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
/* The purpose of sending a document of `kind` (quote, proforma, invoice, deposit,
 * credit_note), or of its reminder `level` (1 to 3; 0: not a reminder). */
CptMailPurpose cpt_mail_purpose_for      (const char *kind, guint level);

/* The built-in subject and letter of `purpose` in `language` ("fr"; anything else: "en"). */
const char *cpt_mail_template_subject    (CptMailPurpose purpose, const char *language);
const char *cpt_mail_template_body       (CptMailPurpose purpose, const char *language);

/* `text` with each {name} of `values` (name → text) replaced by its value. */
char       *cpt_mail_template_expand     (const char *text, GHashTable *values);

G_END_DECLS

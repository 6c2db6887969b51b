/* cpt-mail-templates.c: the built-in messages, and filling their placeholders. Written for
 * the client: courteous, short, the figures the client needs to pay, nothing else. */
#define G_LOG_DOMAIN "cpt-mail-templates"

#include <string.h>

#include "cpt-mail-templates.h"

static const char *const purpose_names[CPT_MAIL_N_PURPOSES] = {
  [CPT_MAIL_PURPOSE_QUOTE] = "quote",
  [CPT_MAIL_PURPOSE_PROFORMA] = "proforma",
  [CPT_MAIL_PURPOSE_INVOICE] = "invoice",
  [CPT_MAIL_PURPOSE_DEPOSIT] = "deposit",
  [CPT_MAIL_PURPOSE_CREDIT_NOTE] = "credit_note",
  [CPT_MAIL_PURPOSE_REMINDER_1] = "reminder-1",
  [CPT_MAIL_PURPOSE_REMINDER_2] = "reminder-2",
  [CPT_MAIL_PURPOSE_REMINDER_3] = "reminder-3",
};

typedef struct
{
  const char *subject;
  const char *body;
} Template;

#define DOCUMENT_SUBJECT "{document} {number} – {seller}"

static const Template french[CPT_MAIL_N_PURPOSES] = {
  [CPT_MAIL_PURPOSE_QUOTE] = { DOCUMENT_SUBJECT,
    "Bonjour,\n\n"
    "Veuillez trouver ci-joint notre devis {number}, d’un montant de {amount}.\n"
    "\nCordialement,\n{signature}\n" },
  [CPT_MAIL_PURPOSE_PROFORMA] = { DOCUMENT_SUBJECT,
    "Bonjour,\n\n"
    "Veuillez trouver ci-joint notre facture pro forma {number}, d’un montant de {amount}.\n"
    "\nCordialement,\n{signature}\n" },
  [CPT_MAIL_PURPOSE_INVOICE] = { DOCUMENT_SUBJECT,
    "Bonjour,\n\n"
    "Veuillez trouver ci-joint notre facture {number}, d’un montant de {amount}, à régler "
    "au plus tard le {due_date}.\n{payment_details}"
    "\nCordialement,\n{signature}\n" },
  [CPT_MAIL_PURPOSE_DEPOSIT] = { DOCUMENT_SUBJECT,
    "Bonjour,\n\n"
    "Veuillez trouver ci-joint notre facture d’acompte {number}, d’un montant de {amount}, "
    "à régler au plus tard le {due_date}.\n{payment_details}"
    "\nCordialement,\n{signature}\n" },
  [CPT_MAIL_PURPOSE_CREDIT_NOTE] = { DOCUMENT_SUBJECT,
    "Bonjour,\n\n"
    "Veuillez trouver ci-joint notre avoir {number}, d’un montant de {amount}.\n"
    "\nCordialement,\n{signature}\n" },
  [CPT_MAIL_PURPOSE_REMINDER_1] = { "Rappel : facture {number} arrivée à échéance",
    "Bonjour,\n\n"
    "Sauf erreur de notre part, la facture {number} du {date}, arrivée à échéance le "
    "{due_date}, n’a pas encore été réglée : il reste {balance} à payer.\n\n"
    "Nous vous remercions de bien vouloir procéder à son règlement dans les meilleurs "
    "délais. Vous la trouverez ci-jointe.\n{payment_details}\n"
    "Si votre paiement a été fait entre-temps, merci de ne pas tenir compte de ce message.\n"
    "\nCordialement,\n{signature}\n" },
  [CPT_MAIL_PURPOSE_REMINDER_2] = { "Deuxième relance : facture {number} impayée",
    "Bonjour,\n\n"
    "Malgré notre premier rappel, la facture {number} du {date}, échue le {due_date}, reste "
    "impayée depuis {days_late} jours : il reste {balance} à payer.\n\n"
    "Nous vous prions de la régler sans tarder. Vous la trouverez ci-jointe.\n"
    "{payment_details}\n"
    "Si un problème empêche ce règlement, merci de nous le faire savoir.\n"
    "\nCordialement,\n{signature}\n" },
  [CPT_MAIL_PURPOSE_REMINDER_3] = { "Mise en demeure de payer – facture {number}",
    "Bonjour,\n\n"
    "Malgré nos relances, la facture {number} du {date}, échue le {due_date}, reste impayée "
    "depuis {days_late} jours : il reste {balance} à payer.\n\n"
    "Vous trouverez ci-jointe notre mise en demeure de payer cette somme au plus tard le "
    "{deadline}, avec la facture.\n{penalties}\n{payment_details}\n"
    "À défaut de paiement à cette date, nous engagerons une procédure de recouvrement.\n"
    "\nCordialement,\n{signature}\n" },
};

static const Template english[CPT_MAIL_N_PURPOSES] = {
  [CPT_MAIL_PURPOSE_QUOTE] = { DOCUMENT_SUBJECT,
    "Hello,\n\n"
    "Please find attached our quote {number}, for {amount}.\n"
    "\nKind regards,\n{signature}\n" },
  [CPT_MAIL_PURPOSE_PROFORMA] = { DOCUMENT_SUBJECT,
    "Hello,\n\n"
    "Please find attached our pro forma invoice {number}, for {amount}.\n"
    "\nKind regards,\n{signature}\n" },
  [CPT_MAIL_PURPOSE_INVOICE] = { DOCUMENT_SUBJECT,
    "Hello,\n\n"
    "Please find attached our invoice {number}, for {amount}, due on {due_date}.\n"
    "{payment_details}"
    "\nKind regards,\n{signature}\n" },
  [CPT_MAIL_PURPOSE_DEPOSIT] = { DOCUMENT_SUBJECT,
    "Hello,\n\n"
    "Please find attached our deposit invoice {number}, for {amount}, due on {due_date}.\n"
    "{payment_details}"
    "\nKind regards,\n{signature}\n" },
  [CPT_MAIL_PURPOSE_CREDIT_NOTE] = { DOCUMENT_SUBJECT,
    "Hello,\n\n"
    "Please find attached our credit note {number}, for {amount}.\n"
    "\nKind regards,\n{signature}\n" },
  [CPT_MAIL_PURPOSE_REMINDER_1] = { "Reminder: invoice {number} is past due",
    "Hello,\n\n"
    "Unless we are mistaken, invoice {number} of {date}, due on {due_date}, has not been "
    "paid yet: {balance} remains to be paid.\n\n"
    "We would be grateful if you could settle it at your earliest convenience. You will "
    "find it attached.\n{payment_details}\n"
    "If you have paid it in the meantime, please disregard this message.\n"
    "\nKind regards,\n{signature}\n" },
  [CPT_MAIL_PURPOSE_REMINDER_2] = { "Second reminder: invoice {number} is unpaid",
    "Hello,\n\n"
    "Despite our first reminder, invoice {number} of {date}, due on {due_date}, has been "
    "unpaid for {days_late} days: {balance} remains to be paid.\n\n"
    "Please settle it without delay. You will find it attached.\n{payment_details}\n"
    "If something prevents this payment, please let us know.\n"
    "\nKind regards,\n{signature}\n" },
  [CPT_MAIL_PURPOSE_REMINDER_3] = { "Formal notice to pay – invoice {number}",
    "Hello,\n\n"
    "Despite our reminders, invoice {number} of {date}, due on {due_date}, has been unpaid "
    "for {days_late} days: {balance} remains to be paid.\n\n"
    "Please find attached our formal notice to pay this amount by {deadline}, with the "
    "invoice.\n{penalties}\n{payment_details}\n"
    "Failing payment by that date, we will start recovery proceedings.\n"
    "\nKind regards,\n{signature}\n" },
};

const char *
cpt_mail_purpose_to_string (CptMailPurpose purpose)
{
  g_return_val_if_fail (purpose < CPT_MAIL_N_PURPOSES, "invoice");
  return purpose_names[purpose];
}

gboolean
cpt_mail_purpose_from_string (const char *name, CptMailPurpose *out)
{
  for (guint i = 0; i < CPT_MAIL_N_PURPOSES; i++)
    if (g_strcmp0 (name, purpose_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

CptMailPurpose
cpt_mail_purpose_for (const char *kind, guint level)
{
  CptMailPurpose purpose;

  if (level >= 1 && level <= 3)
    return CPT_MAIL_PURPOSE_REMINDER_1 + (level - 1);
  if (cpt_mail_purpose_from_string (kind, &purpose) && purpose < CPT_MAIL_PURPOSE_REMINDER_1)
    return purpose;
  return CPT_MAIL_PURPOSE_INVOICE;
}

static const Template *
template_of (CptMailPurpose purpose, const char *language)
{
  g_return_val_if_fail (purpose < CPT_MAIL_N_PURPOSES, &french[CPT_MAIL_PURPOSE_INVOICE]);
  return g_strcmp0 (language, "fr") == 0 ? &french[purpose] : &english[purpose];
}

const char *
cpt_mail_template_subject (CptMailPurpose purpose, const char *language)
{
  return template_of (purpose, language)->subject;
}

const char *
cpt_mail_template_body (CptMailPurpose purpose, const char *language)
{
  return template_of (purpose, language)->body;
}

char *
cpt_mail_template_expand (const char *text, GHashTable *values)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      const char *open = strchr (p, '{');
      const char *close = open ? strchr (open + 1, '}') : NULL;
      g_autofree char *name = NULL;
      const char *value;

      if (open == NULL || close == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);
      name = g_strndup (open + 1, close - open - 1);
      value = g_hash_table_lookup (values, name);
      if (value != NULL)
        g_string_append (out, value);
      else
        g_string_append_len (out, open, close - open + 1);
      p = close + 1;
    }
  return g_string_free (out, FALSE);
}

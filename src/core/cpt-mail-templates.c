/* cpt-mail-templates.c: the built-in messages, and filling their placeholders. Written for
 * the client: courteous, short, the figures the client needs to pay, nothing else. */
#define G_LOG_DOMAIN "cpt-mail-templates"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cpt-error.h"
#include "cpt-mail-templates.h"
#include "cpt-store-mail-templates.h"

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
    "au plus tard le {due_date}.\n\n{payment_details}"
    "\nCordialement,\n{signature}\n" },
  [CPT_MAIL_PURPOSE_DEPOSIT] = { DOCUMENT_SUBJECT,
    "Bonjour,\n\n"
    "Veuillez trouver ci-joint notre facture d’acompte {number}, d’un montant de {amount}, "
    "à régler au plus tard le {due_date}.\n\n{payment_details}"
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
    "délais. Vous la trouverez ci-jointe.\n\n{payment_details}\n"
    "Si votre paiement a été fait entre-temps, merci de ne pas tenir compte de ce message.\n"
    "\nCordialement,\n{signature}\n" },
  [CPT_MAIL_PURPOSE_REMINDER_2] = { "Deuxième relance : facture {number} impayée",
    "Bonjour,\n\n"
    "Malgré notre premier rappel, la facture {number} du {date}, échue le {due_date}, reste "
    "impayée depuis {days_late} jours : il reste {balance} à payer.\n\n"
    "Nous vous prions de la régler sans tarder. Vous la trouverez ci-jointe.\n\n"
    "{payment_details}\n"
    "Si un problème empêche ce règlement, merci de nous le faire savoir.\n"
    "\nCordialement,\n{signature}\n" },
  [CPT_MAIL_PURPOSE_REMINDER_3] = { "Mise en demeure de payer – facture {number}",
    "Bonjour,\n\n"
    "Malgré nos relances, la facture {number} du {date}, échue le {due_date}, reste impayée "
    "depuis {days_late} jours : il reste {balance} à payer.\n\n"
    "Vous trouverez ci-jointe notre mise en demeure de payer cette somme au plus tard le "
    "{deadline}, avec la facture.\n\n{penalties}\n{payment_details}\n"
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
    "Please find attached our invoice {number}, for {amount}, due on {due_date}.\n\n"
    "{payment_details}"
    "\nKind regards,\n{signature}\n" },
  [CPT_MAIL_PURPOSE_DEPOSIT] = { DOCUMENT_SUBJECT,
    "Hello,\n\n"
    "Please find attached our deposit invoice {number}, for {amount}, due on {due_date}.\n\n"
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
    "find it attached.\n\n{payment_details}\n"
    "If you have paid it in the meantime, please disregard this message.\n"
    "\nKind regards,\n{signature}\n" },
  [CPT_MAIL_PURPOSE_REMINDER_2] = { "Second reminder: invoice {number} is unpaid",
    "Hello,\n\n"
    "Despite our first reminder, invoice {number} of {date}, due on {due_date}, has been "
    "unpaid for {days_late} days: {balance} remains to be paid.\n\n"
    "Please settle it without delay. You will find it attached.\n\n{payment_details}\n"
    "If something prevents this payment, please let us know.\n"
    "\nKind regards,\n{signature}\n" },
  [CPT_MAIL_PURPOSE_REMINDER_3] = { "Formal notice to pay – invoice {number}",
    "Hello,\n\n"
    "Despite our reminders, invoice {number} of {date}, due on {due_date}, has been unpaid "
    "for {days_late} days: {balance} remains to be paid.\n\n"
    "Please find attached our formal notice to pay this amount by {deadline}, with the "
    "invoice.\n\n{penalties}\n{payment_details}\n"
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
cpt_mail_purpose_for (CptDocumentKind kind, guint level)
{
  if (level >= 1 && level <= 3)
    return CPT_MAIL_PURPOSE_REMINDER_1 + (level - 1);
  switch (kind)
    {
    case CPT_DOCUMENT_KIND_QUOTE:
      return CPT_MAIL_PURPOSE_QUOTE;
    case CPT_DOCUMENT_KIND_PROFORMA:
      return CPT_MAIL_PURPOSE_PROFORMA;
    case CPT_DOCUMENT_KIND_DEPOSIT:
      return CPT_MAIL_PURPOSE_DEPOSIT;
    case CPT_DOCUMENT_KIND_CREDIT_NOTE:
      return CPT_MAIL_PURPOSE_CREDIT_NOTE;
    case CPT_DOCUMENT_KIND_INVOICE:
    default:
      return CPT_MAIL_PURPOSE_INVOICE;
    }
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

static const char *const placeholders[] = {
  "client", "seller", "document", "number", "date", "amount", "due_date", "balance",
  "days_late", "deadline", "penalties", "payment_details", "signature", NULL
};

const char *const *
cpt_mail_template_placeholders (void)
{
  return placeholders;
}

gboolean
cpt_mail_template_check (const char *text, GError **error)
{
  const char *p = text;

  while ((p = strchr (p, '{')) != NULL)
    {
      const char *close = strchr (p + 1, '}');
      const char *next_open = strchr (p + 1, '{');
      g_autofree char *name = NULL;

      if (close == NULL || (next_open != NULL && next_open < close))
        {
          g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                       _("A brace is left open near “%.20s”: a placeholder is written {client}"), p);
          return FALSE;
        }
      name = g_strndup (p + 1, close - p - 1);
      if (!g_strv_contains (placeholders, name))
        {
          g_autofree char *known = g_strjoinv ("}, {", (char **) placeholders);

          g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                       _("{%s} is not a placeholder Comptoir knows: use {%s}"), name, known);
          return FALSE;
        }
      p = close + 1;
    }
  return TRUE;
}

GHashTable *
cpt_mail_template_sample_values (const char *language)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  gboolean fr = g_strcmp0 (language, "fr") == 0;

  g_hash_table_insert (values, "client", g_strdup ("Hôtel du Parc"));
  g_hash_table_insert (values, "seller", g_strdup ("Atelier Lumière"));
  g_hash_table_insert (values, "signature", g_strdup ("Atelier Lumière"));
  g_hash_table_insert (values, "document", g_strdup (fr ? "Facture" : "Invoice"));
  g_hash_table_insert (values, "number", g_strdup ("FA-2026-0042"));
  g_hash_table_insert (values, "date", g_strdup (fr ? "10/01/2026" : "10 Jan 2026"));
  g_hash_table_insert (values, "amount", g_strdup (fr ? "1 200,00 €" : "€1,200.00"));
  g_hash_table_insert (values, "due_date", g_strdup (fr ? "09/02/2026" : "9 Feb 2026"));
  g_hash_table_insert (values, "balance", g_strdup (fr ? "700,00 €" : "€700.00"));
  g_hash_table_insert (values, "days_late", g_strdup ("24"));
  g_hash_table_insert (values, "deadline", g_strdup (fr ? "13/03/2026" : "13 Mar 2026"));
  g_hash_table_insert (values, "penalties", g_strdup (fr
    ? "Conformément à l’article L441-10 du Code de commerce, s’y ajoutent 5,59 € de pénalités de "
      "retard (au taux annuel de 12,15 %) et l’indemnité forfaitaire pour frais de recouvrement "
      "de 40,00 €.\n"
    : "As article L441-10 of the French Commercial Code provides, late-payment interest of "
      "€5.59 (at an annual rate of 12.15 %) and the flat recovery indemnity of €40.00 are due "
      "in addition.\n"));
  g_hash_table_insert (values, "payment_details", g_strdup (fr
    ? "Règlement par virement : IBAN FR76 3000 6000 0112 3456 7890 189 – BIC AGRIFRPP\n"
    : "Payment by bank transfer: IBAN FR76 3000 6000 0112 3456 7890 189 – BIC AGRIFRPP\n"));
  return values;
}

const char *
cpt_mail_purpose_label (CptMailPurpose purpose)
{
  switch (purpose)
    {
    case CPT_MAIL_PURPOSE_QUOTE: return _("Quote");
    case CPT_MAIL_PURPOSE_PROFORMA: return _("Pro Forma Invoice");
    case CPT_MAIL_PURPOSE_INVOICE: return _("Invoice");
    case CPT_MAIL_PURPOSE_DEPOSIT: return _("Deposit Invoice");
    case CPT_MAIL_PURPOSE_CREDIT_NOTE: return _("Credit Note");
    case CPT_MAIL_PURPOSE_REMINDER_1: return _("First Reminder");
    case CPT_MAIL_PURPOSE_REMINDER_2: return _("Second Reminder");
    case CPT_MAIL_PURPOSE_REMINDER_3: return _("Formal Notice");
    case CPT_MAIL_N_PURPOSES:
    default: return "";
    }
}

static gboolean
check_language (const char *language, GError **error)
{
  if (g_strcmp0 (language, "fr") == 0 || g_strcmp0 (language, "en") == 0)
    return TRUE;
  g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
               _("“%s” is not a language of the messages: fr or en"), language ? language : "");
  return FALSE;
}

gboolean
cpt_mail_templates_get (CptDatabase *db, CptMailPurpose purpose, const char *language,
                        char **out_subject, char **out_body, gboolean *out_custom, GError **error)
{
  gboolean found = FALSE;
  const char *lang = g_strcmp0 (language, "fr") == 0 ? "fr" : "en";

  g_return_val_if_fail (purpose < CPT_MAIL_N_PURPOSES, FALSE);

  if (!cpt_store_mail_templates_load (db, purpose, lang, out_subject, out_body, &found, error))
    return FALSE;
  if (!found)
    {
      *out_subject = g_strdup (cpt_mail_template_subject (purpose, lang));
      *out_body = g_strdup (cpt_mail_template_body (purpose, lang));
    }
  if (out_custom != NULL)
    *out_custom = found;
  return TRUE;
}

gboolean
cpt_mail_templates_set (CptDatabase *db, CptMailPurpose purpose, const char *language,
                        const char *subject, const char *body, GError **error)
{
  g_autofree char *clean_subject = g_strstrip (g_strdup (subject ? subject : ""));
  g_autofree char *clean_body = g_strstrip (g_strdup (body ? body : ""));

  g_return_val_if_fail (purpose < CPT_MAIL_N_PURPOSES, FALSE);

  if (!check_language (language, error))
    return FALSE;
  if (*clean_subject == '\0')
    {
      g_set_error_literal (error, CPT_ERROR, CPT_ERROR_INVALID, _("The subject is empty"));
      return FALSE;
    }
  if (*clean_body == '\0')
    {
      g_set_error_literal (error, CPT_ERROR, CPT_ERROR_INVALID, _("The message is empty"));
      return FALSE;
    }
  if (strchr (clean_subject, '\n') != NULL)
    {
      g_set_error_literal (error, CPT_ERROR, CPT_ERROR_INVALID, _("The subject is one line"));
      return FALSE;
    }
  if (!cpt_mail_template_check (clean_subject, error) || !cpt_mail_template_check (body, error))
    return FALSE;
  return cpt_store_mail_templates_save (db, purpose, language, clean_subject, body, error);
}

gboolean
cpt_mail_templates_reset (CptDatabase *db, CptMailPurpose purpose, const char *language,
                          GError **error)
{
  g_return_val_if_fail (purpose < CPT_MAIL_N_PURPOSES, FALSE);

  return check_language (language, error) &&
         cpt_store_mail_templates_reset (db, purpose, language, error);
}

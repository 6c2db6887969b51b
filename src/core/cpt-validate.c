#define G_LOG_DOMAIN "cpt-validate"

#include "cpt-validate.h"
#include "cpt-error.h"

#include <glib/gi18n-lib.h>
#include <string.h>

void
cpt_validate_optional (char **field)
{
  if (*field == NULL)
    return;
  g_strstrip (*field);
  if (**field == '\0')
    g_clear_pointer (field, g_free);
}

gboolean
cpt_validate_required (char **field, const char *what, GError **error)
{
  cpt_validate_optional (field);
  if (*field == NULL)
    {
      /* Translators: %s names the field, such as “The client’s name” */
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID, _("%s cannot be empty"), what);
      return FALSE;
    }
  return TRUE;
}

gboolean
cpt_validate_identifier (char **field, CptIdentifierCheck check, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  char *normalized = NULL;

  cpt_validate_optional (field);
  if (*field == NULL)
    return TRUE;
  if (!check (*field, &normalized, &local_error))
    {
      /* Callers of the model layer see one domain; the message says what is wrong. */
      g_set_error_literal (error, CPT_ERROR, CPT_ERROR_INVALID, local_error->message);
      return FALSE;
    }
  g_free (*field);
  *field = normalized;
  return TRUE;
}

static gboolean
email_is_valid (const char *email)
{
  const char *at = strchr (email, '@');

  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    return FALSE;
  if (strchr (at + 1, '.') == NULL || g_str_has_suffix (email, ".") || at[1] == '.')
    return FALSE;
  for (const char *p = email; *p; p++)
    if (g_ascii_isspace (*p) || *p == '<' || *p == '>' || *p == '"' || *p == ',')
      return FALSE;
  return TRUE;
}

gboolean
cpt_validate_emails (char **field, GError **error)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);

  cpt_validate_optional (field);
  if (*field == NULL)
    return TRUE;
  parts = g_strsplit_set (*field, ",;", -1);
  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      if (!email_is_valid (parts[i]))
        {
          g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                       _("“%s” is not an email address (like name@example.fr)"), parts[i]);
          return FALSE;
        }
      g_string_append_printf (joined, "%s%s", joined->len ? ", " : "", parts[i]);
    }
  g_free (*field);
  *field = joined->len ? g_strdup (joined->str) : NULL;
  return TRUE;
}

static gboolean
validate_code (char **field, guint length, const char *fallback, const char *what,
               const char *example, GError **error)
{
  cpt_validate_optional (field);
  if (*field == NULL)
    {
      *field = g_strdup (fallback);
      return TRUE;
    }
  if (strlen (*field) != length)
    goto bad;
  for (char *p = *field; *p; p++)
    {
      if (!g_ascii_isalpha (*p))
        goto bad;
      *p = g_ascii_toupper (*p);
    }
  return TRUE;
bad:
  /* Translators: what was typed, what is expected (“a two-letter country code”), then
   * examples */
  g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID, _("“%s” is not %s (like %s)"), *field, what,
               example);
  return FALSE;
}

gboolean
cpt_validate_country (char **field, GError **error)
{
  return validate_code (field, 2, "FR", _("a two-letter country code"), "FR, BE, DE", error);
}

gboolean
cpt_validate_currency (char **field, GError **error)
{
  return validate_code (field, 3, "EUR", _("a three-letter currency code"), "EUR, USD, CHF", error);
}

gboolean
cpt_validate_language (char **field, GError **error)
{
  cpt_validate_optional (field);
  if (*field == NULL)
    {
      *field = g_strdup ("fr");
      return TRUE;
    }
  for (char *p = *field; *p; p++)
    *p = g_ascii_tolower (*p);
  if (strcmp (*field, "fr") != 0 && strcmp (*field, "en") != 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("Documents can be written in French (fr) or English (en), not “%s”"), *field);
      return FALSE;
    }
  return TRUE;
}

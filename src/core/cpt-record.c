#define G_LOG_DOMAIN "cpt-record"

#include "cpt-record.h"
#include "cpt-dates.h"
#include "cpt-error.h"
#include "cpt-money.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#define FIELD_PTR CPT_RECORD_FIELD_PTR

static char *
property_name (const char *key)
{
  char *name = g_strdup (key);

  g_strdelimit (name, "_", '-');
  return name;
}

void
cpt_record_class_init (GObjectClass *klass, CptRecordClass *record)
{
  record->pspecs = g_new0 (GParamSpec *, record->n_fields + 1);
  for (guint i = 0; i < record->n_fields; i++)
    {
      const CptField *field = &record->fields[i];
      g_autofree char *name = property_name (field->key);
      GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB |
                          G_PARAM_EXPLICIT_NOTIFY;
      GParamSpec *pspec = NULL;

      switch (field->type)
        {
        case CPT_FIELD_STRING:
          pspec = g_param_spec_string (name, NULL, NULL, NULL, flags);
          break;
        case CPT_FIELD_INT64:
          pspec = g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
          break;
        case CPT_FIELD_BOOLEAN:
          pspec = g_param_spec_boolean (name, NULL, NULL, FALSE, flags);
          break;
        case CPT_FIELD_ENUM:
          {
            GType type = field->enum_type ();
            g_autoptr(GEnumClass) klass = g_type_class_ref (type);

            pspec = g_param_spec_enum (name, NULL, NULL, type, klass->values[0].value, flags);
          }
          break;
        }
      record->pspecs[i + 1] = pspec;
    }
  g_object_class_install_properties (klass, record->n_fields + 1, record->pspecs);
}

void
cpt_record_get_property (const CptRecordClass *record, GObject *object, guint prop_id,
                         GValue *value)
{
  const CptField *field;

  g_return_if_fail (prop_id >= 1 && prop_id <= record->n_fields);
  field = &record->fields[prop_id - 1];
  switch (field->type)
    {
    case CPT_FIELD_STRING:
      g_value_set_string (value, *(char **) FIELD_PTR (object, field));
      break;
    case CPT_FIELD_INT64:
      g_value_set_int64 (value, *(gint64 *) FIELD_PTR (object, field));
      break;
    case CPT_FIELD_BOOLEAN:
      g_value_set_boolean (value, *(gboolean *) FIELD_PTR (object, field));
      break;
    case CPT_FIELD_ENUM:
      g_value_set_enum (value, *(int *) FIELD_PTR (object, field));
      break;
    }
}

void
cpt_record_set_property (const CptRecordClass *record, GObject *object, guint prop_id,
                         const GValue *value)
{
  const CptField *field;

  g_return_if_fail (prop_id >= 1 && prop_id <= record->n_fields);
  field = &record->fields[prop_id - 1];
  switch (field->type)
    {
    case CPT_FIELD_STRING:
      {
        char **slot = FIELD_PTR (object, field);
        if (g_strcmp0 (*slot, g_value_get_string (value)) == 0)
          return;
        g_free (*slot);
        *slot = g_value_dup_string (value);
      }
      break;
    case CPT_FIELD_INT64:
      {
        gint64 *slot = FIELD_PTR (object, field);
        if (*slot == g_value_get_int64 (value))
          return;
        *slot = g_value_get_int64 (value);
      }
      break;
    case CPT_FIELD_BOOLEAN:
      {
        gboolean *slot = FIELD_PTR (object, field);
        if (*slot == g_value_get_boolean (value))
          return;
        *slot = g_value_get_boolean (value);
      }
      break;
    case CPT_FIELD_ENUM:
      {
        int *slot = FIELD_PTR (object, field);
        if (*slot == g_value_get_enum (value))
          return;
        *slot = g_value_get_enum (value);
      }
      break;
    }
  g_object_notify_by_pspec (object, record->pspecs[prop_id]);
}

void
cpt_record_free_fields (const CptRecordClass *record, GObject *object)
{
  for (guint i = 0; i < record->n_fields; i++)
    if (record->fields[i].type == CPT_FIELD_STRING)
      g_clear_pointer ((char **) FIELD_PTR (object, &record->fields[i]), g_free);
}

const char *
cpt_record_enum_to_nick (const CptField *field, int value)
{
  GEnumClass *klass;
  GEnumValue *found;

  g_return_val_if_fail (field->type == CPT_FIELD_ENUM, NULL);
  /* Peeked: the property's pspec holds a reference to the class. */
  klass = g_type_class_peek (field->enum_type ());
  found = klass ? g_enum_get_value (klass, value) : NULL;
  return found ? found->value_nick : NULL;
}

gboolean
cpt_record_enum_from_nick (const CptField *field, const char *nick, int *value)
{
  GEnumClass *klass;
  GEnumValue *found;

  g_return_val_if_fail (field->type == CPT_FIELD_ENUM, FALSE);
  klass = g_type_class_peek (field->enum_type ());
  found = klass && nick ? g_enum_get_value_by_nick (klass, nick) : NULL;
  if (found == NULL)
    return FALSE;
  *value = found->value;
  return TRUE;
}

const CptField *
cpt_record_find_field (const CptRecordClass *record, const char *key)
{
  g_autofree char *underscored = g_strdup (key);

  g_strdelimit (underscored, "-", '_');
  for (guint i = 0; i < record->n_fields; i++)
    if (strcmp (record->fields[i].key, underscored) == 0)
      return &record->fields[i];
  return NULL;
}

/* The names of fields in messages; a field without one is named by its key. */
static const struct { const char *key; const char *label; } field_labels[] = {
  { "name", N_("Name") }, { "legal_form", N_("Legal form") }, { "siren", N_("SIREN") },
  { "siret", N_("SIRET") }, { "rcs_city", N_("RCS city") }, { "vat_number", N_("VAT number") },
  { "email", N_("Email") }, { "phone", N_("Phone") }, { "address", N_("Address") },
  { "postcode", N_("Postcode") }, { "city", N_("City") }, { "country", N_("Country") },
  { "delivery_address", N_("Delivery address") }, { "delivery_postcode", N_("Delivery postcode") },
  { "delivery_city", N_("Delivery city") }, { "delivery_country", N_("Delivery country") },
  { "website", N_("Website") }, { "iban", N_("IBAN") }, { "bic", N_("BIC") },
  { "penalty_text", N_("Late payment terms") }, { "footer", N_("Footer") },
  { "vat_exempt_text", N_("VAT exemption mention") }, { "language", N_("Language") },
  { "currency", N_("Currency") }, { "kind", N_("Kind") }, { "type", N_("Type") },
  { "code", N_("Code") }, { "description", N_("Description") }, { "unit", N_("Unit") },
  { "account", N_("Account") }, { "exemption_code", N_("Exemption reason") },
  { "title", N_("Title") }, { "notes", N_("Notes") }, { "payment_terms", N_("Payment terms") },
  { "reference", N_("Reference") }, { "note", N_("Note") },
};

static const char *
field_label (const CptField *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (strcmp (field_labels[i].key, field->key) == 0)
      return _(field_labels[i].label);
  return field->key;
}

gboolean
cpt_record_check_field_text (const CptField *field, const char *text, GError **error)
{
  gboolean multiline = (field->flags & CPT_FIELD_MULTILINE) != 0;
  glong max = multiline ? CPT_RECORD_MAX_TEXT : CPT_RECORD_MAX_LINE;

  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   /* Translators: %s is a field name (Name, Address...) */
                   _("%s: the text has bytes that are not characters (it is not UTF-8); "
                     "type it again or paste it from another program"), field_label (field));
      return FALSE;
    }
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c == '\n' || c == '\r' || c == '\t') && multiline)
        continue;
      if (c == '\n')
        {
          g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                       _("%s: this field is one line; remove the line break"), field_label (field));
          return FALSE;
        }
      /* C0 and C1 controls, DEL, and the bidirectional overrides that can disguise text */
      if (c < 0x20 || (c >= 0x7F && c < 0xA0) || (c >= 0x202A && c <= 0x202E) ||
          (c >= 0x2066 && c <= 0x2069))
        {
          g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                       /* Translators: %s is a field name, then a code such as U+001B */
                       _("%s: the text holds an invisible control character (U+%04X) that "
                         "a document cannot show; remove it"), field_label (field), c);
          return FALSE;
        }
    }
  if (g_utf8_strlen (text, -1) > max)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   /* Translators: %s is a field name, %ld a number of characters */
                   _("%s: the text is too long (at most %ld characters)"), field_label (field), max);
      return FALSE;
    }
  return TRUE;
}

gboolean
cpt_record_check_text (const CptRecordClass *record, GObject *object, GError **error)
{
  for (guint i = 0; i < record->n_fields; i++)
    {
      const CptField *field = &record->fields[i];

      if (field->type != CPT_FIELD_STRING || (field->flags & (CPT_FIELD_GENERATED | CPT_FIELD_NO_COLUMN)))
        continue;
      if (!cpt_record_check_field_text (field, *(char **) FIELD_PTR (object, field), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_boolean (const char *text, gboolean *out)
{
  static const char *yes[] = { "1", "yes", "true", "on", "oui", NULL };
  static const char *no[] = { "0", "no", "false", "off", "non", "", NULL };

  for (guint i = 0; yes[i]; i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      return (*out = TRUE, TRUE);
  for (guint i = 0; no[i]; i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      return (*out = FALSE, TRUE);
  return FALSE;
}

gboolean
cpt_record_set_from_text (const CptRecordClass *record, GObject *object, const char *key,
                          const char *text, GError **error)
{
  return cpt_record_set_from_text_in (record, object, key, text, NULL, error);
}

gboolean
cpt_record_set_from_text_in (const CptRecordClass *record, GObject *object, const char *key,
                             const char *text, const char *currency, GError **error)
{
  const CptField *field = cpt_record_find_field (record, key);
  g_autoptr(GError) local_error = NULL;

  if (field == NULL || !(field->flags & CPT_FIELD_EDITABLE))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID, _("“%s” is not a field that can be set"), key);
      return FALSE;
    }

  switch (field->type)
    {
    case CPT_FIELD_STRING:
      {
        char **slot = FIELD_PTR (object, field);
        g_autofree char *value = NULL;

        if (!cpt_record_check_field_text (field, text, error))
          return FALSE;
        value = g_strstrip (g_strdup (text));
        if (field->flags & CPT_FIELD_DATE && *value != '\0')
          {
            char *iso = cpt_date_normalize (value, error);
            if (iso == NULL)
              return FALSE;
            g_free (value);
            value = iso;
          }
        g_free (*slot);
        *slot = *value ? g_steal_pointer (&value) : NULL;
      }
      break;
    case CPT_FIELD_INT64:
      {
        gint64 parsed = 0;
        gboolean ok;

        if (field->flags & CPT_FIELD_MONEY)
          ok = cpt_money_parse_in (text, currency, &parsed, &local_error);
        else if (field->flags & CPT_FIELD_PERCENT)
          ok = cpt_percent_parse (text, &parsed, &local_error);
        else if (field->flags & CPT_FIELD_QUANTITY)
          ok = cpt_quantity_parse (text, &parsed, &local_error);
        else if (field->flags & CPT_FIELD_UNIT_PRICE)
          ok = cpt_unit_price_parse_in (text, currency, &parsed, &local_error);
        else
          {
            char *end = NULL;
            g_autofree char *stripped = g_strstrip (g_strdup (text));
            gint64 value;

            errno = 0;
            value = g_ascii_strtoll (stripped, &end, 10);
            ok = *stripped != '\0' && end != NULL && *end == '\0' && errno == 0 && value >= 0 &&
                 value <= 100000;
            if (ok)
              parsed = value;
            else
              g_set_error (&local_error, CPT_ERROR, CPT_ERROR_INVALID,
                           _("“%s” is not a whole number between 0 and 100000"), stripped);
          }
        if (!ok)
          {
            /* Translators: a field name as typed (payment_days), then what is wrong */
            g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID, _("%s: %s"), key, local_error->message);
            return FALSE;
          }
        *(gint64 *) FIELD_PTR (object, field) = parsed;
      }
      break;
    case CPT_FIELD_BOOLEAN:
      {
        gboolean value;
        g_autofree char *stripped = g_strstrip (g_strdup (text));

        if (!parse_boolean (stripped, &value))
          {
            g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                         /* Translators: a field name as typed (end_of_month), then its value */
                         _("%s: “%s” is neither yes nor no"), key, stripped);
            return FALSE;
          }
        *(gboolean *) FIELD_PTR (object, field) = value;
      }
      break;
    case CPT_FIELD_ENUM:
      {
        g_autofree char *stripped = g_strstrip (g_strdup (text));
        int value;

        if (!cpt_record_enum_from_nick (field, stripped, &value))
          {
            g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                         /* Translators: a field name as typed (kind), then its value */
                         _("%s: “%s” is not a value it takes"), key, stripped);
            return FALSE;
          }
        *(int *) FIELD_PTR (object, field) = value;
      }
      break;
    }
  return TRUE;
}

char *
cpt_record_get_as_text (const CptRecordClass *record, GObject *object, const CptField *field)
{
  switch (field->type)
    {
    case CPT_FIELD_STRING:
      return g_strdup (*(char **) FIELD_PTR (object, field));
    case CPT_FIELD_BOOLEAN:
      return g_strdup (*(gboolean *) FIELD_PTR (object, field) ? "yes" : "no");
    case CPT_FIELD_ENUM:
      return g_strdup (cpt_record_enum_to_nick (field, *(int *) FIELD_PTR (object, field)));
    case CPT_FIELD_INT64:
      {
        gint64 value = *(gint64 *) FIELD_PTR (object, field);
        if (field->flags & CPT_FIELD_MONEY)
          return cpt_money_to_string (value);
        if (field->flags & CPT_FIELD_PERCENT)
          return cpt_percent_to_string (value);
        if (field->flags & CPT_FIELD_QUANTITY)
          return cpt_quantity_to_string (value);
        if (field->flags & CPT_FIELD_UNIT_PRICE)
          return cpt_unit_price_to_string (value);
        return g_strdup_printf ("%" G_GINT64_FORMAT, value);
      }
    }
  return NULL;
}

/* cpt-kinds.c: the string conversions of the kinds and states, by their GEnum nicks. */
#define G_LOG_DOMAIN "cpt-kinds"

#include "cpt-kinds.h"
#include "cpt-enum-types.h"

/* The class of each type, referenced once and kept: conversions run for every row read. */
#define DEFINE_CLASS_GETTER(name, TYPE)                       \
  static GEnumClass *                                          \
  name (void)                                                  \
  {                                                            \
    static GEnumClass *klass;                                  \
    if (g_once_init_enter_pointer (&klass))                    \
      g_once_init_leave_pointer (&klass, g_type_class_ref (TYPE)); \
    return klass;                                              \
  }

DEFINE_CLASS_GETTER (kind_class, CPT_TYPE_DOCUMENT_KIND)
DEFINE_CLASS_GETTER (state_class, CPT_TYPE_DOCUMENT_STATE)
DEFINE_CLASS_GETTER (status_class, CPT_TYPE_DOCUMENT_STATUS)

static const char *
to_nick (GEnumClass *klass, int value)
{
  GEnumValue *found = g_enum_get_value (klass, value);

  return found ? found->value_nick : NULL;
}

static gboolean
from_nick (GEnumClass *klass, const char *text, int *out)
{
  GEnumValue *found;

  if (text == NULL || (found = g_enum_get_value_by_nick (klass, text)) == NULL)
    return FALSE;
  *out = found->value;
  return TRUE;
}

const char *
cpt_document_kind_to_string (CptDocumentKind kind)
{
  return to_nick (kind_class (), kind);
}

const char *
cpt_document_state_to_string (CptDocumentState state)
{
  return to_nick (state_class (), state);
}

const char *
cpt_document_status_to_string (CptDocumentStatus status)
{
  return to_nick (status_class (), status);
}

gboolean
cpt_document_kind_from_string (const char *text, CptDocumentKind *out)
{
  int value;

  if (!from_nick (kind_class (), text, &value))
    return FALSE;
  *out = value;
  return TRUE;
}

gboolean
cpt_document_state_from_string (const char *text, CptDocumentState *out)
{
  int value;

  if (!from_nick (state_class (), text, &value))
    return FALSE;
  *out = value;
  return TRUE;
}

gboolean
cpt_document_status_from_string (const char *text, CptDocumentStatus *out)
{
  int value;

  if (!from_nick (status_class (), text, &value))
    return FALSE;
  *out = value;
  return TRUE;
}

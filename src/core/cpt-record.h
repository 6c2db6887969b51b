/* cpt-record.h: records (company, clients, products, documents, lines) are GObjects whose
 * properties map one to one to the columns of their table. A static table of CptField
 * describes them once; properties, SQL column lists, row reading and statement binding, and
 * "KEY=VALUE" edits (the CLI) are all derived from it, so a field is declared in one place.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  CPT_FIELD_STRING,   /* char *, NULL for SQL NULL */
  CPT_FIELD_INT64,    /* gint64 */
  CPT_FIELD_BOOLEAN,  /* gboolean, stored as 0/1 */
  CPT_FIELD_ENUM,     /* int, a value of the GEnum `enum_type`, stored as its nick */
} CptFieldType;

typedef enum
{
  CPT_FIELD_EDITABLE   = 1 << 0,  /* may be set with KEY=VALUE */
  CPT_FIELD_MONEY      = 1 << 1,  /* INT64 in minor units, parsed/printed as a decimal */
  CPT_FIELD_QUANTITY   = 1 << 2,  /* INT64 in thousandths */
  CPT_FIELD_PERCENT    = 1 << 3,  /* INT64 in hundredths of a percent */
  CPT_FIELD_UNIT_PRICE = 1 << 4,  /* INT64 in hundredths of the minor unit */
  CPT_FIELD_DATE       = 1 << 5,  /* STRING, ISO date */
  CPT_FIELD_NO_COLUMN  = 1 << 6,  /* a property with no column (computed) */
  CPT_FIELD_GENERATED  = 1 << 7,  /* read from its column, never written (defaults, triggers) */
  CPT_FIELD_REFERENCE  = 1 << 8,  /* INT64 id of another row; 0 is stored as NULL */
  CPT_FIELD_MULTILINE  = 1 << 9,  /* STRING that may hold newlines (addresses, notes) */
} CptFieldFlags;

typedef struct
{
  const char   *key;     /* column name and CLI key (underscores); the property uses dashes */
  CptFieldType  type;
  gsize         offset;  /* of the member in the instance struct */
  CptFieldFlags flags;
  GType       (*enum_type) (void);  /* CPT_FIELD_ENUM: the type's get_type function */
} CptField;

typedef struct
{
  const CptField *fields;
  guint           n_fields;
  GParamSpec    **pspecs;     /* n_fields + 1, index 0 unused (prop ids start at 1) */
} CptRecordClass;

void      cpt_record_class_init     (GObjectClass *klass, CptRecordClass *record);
void      cpt_record_get_property   (const CptRecordClass *record, GObject *object,
                                     guint prop_id, GValue *value);
void      cpt_record_set_property   (const CptRecordClass *record, GObject *object,
                                     guint prop_id, const GValue *value);
void      cpt_record_free_fields    (const CptRecordClass *record, GObject *object);

const CptField *cpt_record_find_field (const CptRecordClass *record, const char *key);

/* Where `field` lives in `object`'s instance struct. */
#define CPT_RECORD_FIELD_PTR(object, field) ((gpointer) (((guint8 *) (object)) + (field)->offset))

/* Sets a field from text typed by a person (CLI KEY=VALUE): money, percent, dates and
 * booleans ("yes/no/true/false/1/0") are parsed; errors in plain words. Does not notify. */
gboolean  cpt_record_set_from_text  (const CptRecordClass *record, GObject *object,
                                     const char *key, const char *text, GError **error);
/* Longest text a field takes, in characters. */
#define CPT_RECORD_MAX_LINE  300
#define CPT_RECORD_MAX_TEXT  5000

/* Text entering the model is valid UTF-8 without control characters (a newline, or a tab,
 * only in a CPT_FIELD_MULTILINE field) and within a length: what a PDF, an XML file and a
 * terminal can all show. The message names the field. */
gboolean  cpt_record_check_field_text (const CptField *field, const char *text, GError **error);
/* The same for every text field of a record about to be written. */
gboolean  cpt_record_check_text     (const CptRecordClass *record, GObject *object, GError **error);

/* The same, with amounts and prices in `currency` (NULL: EUR, the company's): another
 * currency's sign is refused, naming it. */
gboolean  cpt_record_set_from_text_in (const CptRecordClass *record, GObject *object,
                                       const char *key, const char *text,
                                       const char *currency, GError **error);

/* The field as text for people and JSON ("1234.50" for money, "20" for percents). */
char     *cpt_record_get_as_text    (const CptRecordClass *record, GObject *object,
                                     const CptField *field);

/* The GObject plumbing of a record class whose instance struct is `TypeName` and whose
 * field table is `record` (a static CptRecordClass). The file defines
 * `static void type_name##_init_defaults (TypeName *self)` before using this. */
#define CPT_RECORD_IMPLEMENT(TypeName, type_name, record)                                    \
  static void type_name##_get_property (GObject *object, guint prop_id, GValue *value,         \
                                        GParamSpec *pspec)                                      \
  {                                                                                             \
    cpt_record_get_property (&record, object, prop_id, value);                                  \
  }                                                                                             \
  static void type_name##_set_property (GObject *object, guint prop_id, const GValue *value,   \
                                        GParamSpec *pspec)                                      \
  {                                                                                             \
    cpt_record_set_property (&record, object, prop_id, value);                                  \
  }                                                                                             \
  static void type_name##_finalize (GObject *object)                                           \
  {                                                                                             \
    cpt_record_free_fields (&record, object);                                                   \
    G_OBJECT_CLASS (type_name##_parent_class)->finalize (object);                               \
  }                                                                                             \
  static void type_name##_class_init (TypeName##Class *klass)                                   \
  {                                                                                             \
    GObjectClass *object_class = G_OBJECT_CLASS (klass);                                        \
    object_class->get_property = type_name##_get_property;                                      \
    object_class->set_property = type_name##_set_property;                                      \
    object_class->finalize = type_name##_finalize;                                              \
    cpt_record_class_init (object_class, &record);                                              \
  }                                                                                             \
  static void type_name##_init (TypeName *self)                                                 \
  {                                                                                             \
    type_name##_init_defaults (self);                                                           \
  }

#define CPT_FIELD_ENTRY(Type, member, ftype, flags) \
  { #member, ftype, G_STRUCT_OFFSET (Type, member), flags, NULL }
/* A field whose member is a GEnum (`get_type`: its get_type function), stored as its nick. */
#define CPT_FIELD_ENUM_ENTRY(Type, member, get_type, flags) \
  { #member, CPT_FIELD_ENUM, G_STRUCT_OFFSET (Type, member), flags, get_type }

/* The nick of an enum field's value (static), NULL if the value is none; and back. */
const char *cpt_record_enum_to_nick   (const CptField *field, int value);
gboolean    cpt_record_enum_from_nick (const CptField *field, const char *nick, int *value);

G_END_DECLS

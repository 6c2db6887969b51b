/* cpt-outbox.c: sending what waits, from time to time. */
#define G_LOG_DOMAIN "cpt-outbox"

#include "cpt-company.h"
#include "cpt-database.h"
#include "cpt-document-mail.h"
#include "cpt-mail-messages.h"
#include "cpt-outbox.h"

struct _CptOutbox
{
  GObject       parent_instance;

  char         *path;
  guint         source;
  guint         every_seconds;
  GCancellable *trying;
  guint         waiting;
};

G_DEFINE_FINAL_TYPE (CptOutbox, cpt_outbox, G_TYPE_OBJECT)

enum { PROP_0, PROP_WAITING, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* In a thread: sends what waits when there is anything and an account to send it with;
 * returns how many still wait. */
static void
try_thread (GTask        *task,
            gpointer      source,
            gpointer      data,
            GCancellable *cancellable)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (path, &error);
  g_autoptr(GPtrArray) queued = NULL;
  g_autofree char *password = NULL;
  CptMailAccount account = { 0 };
  guint sent = 0;

  if (db == NULL || (queued = cpt_mail_messages_queued (db, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (queued->len > 0 && cpt_mail_account_load (db, &account, &password, cancellable, &error) &&
      !cpt_outbox_flush (db, &account, password, cancellable, &sent, &error))
    g_debug ("the outbox waits: %s", error->message);
  else if (error != NULL)
    g_debug ("the outbox cannot send: %s", error->message);
  cpt_mail_account_clear (&account);
  g_task_return_int (task, queued->len - sent);
}

static void
on_tried (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  CptOutbox *self = CPT_OUTBOX (source);
  g_autoptr(GError) error = NULL;
  gssize waiting = g_task_propagate_int (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->trying);
  if (error != NULL)
    {
      g_debug ("could not read the outbox: %s", error->message);
      return;
    }
  if ((guint) waiting != self->waiting)
    {
      self->waiting = (guint) waiting;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING]);
    }
}

void
cpt_outbox_try_now (CptOutbox *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CPT_IS_OUTBOX (self));

  if (self->trying != NULL)
    return;
  self->trying = g_cancellable_new ();
  task = g_task_new (self, self->trying, on_tried, NULL);
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, try_thread);
}

static gboolean
on_every (gpointer data)
{
  cpt_outbox_try_now (data);
  return G_SOURCE_CONTINUE;
}

static void
on_first (gpointer data)
{
  CptOutbox *self = data;

  cpt_outbox_try_now (self);
  self->source = g_timeout_add_seconds (self->every_seconds, on_every, self);
}

void
cpt_outbox_start (CptOutbox *self,
                  guint      first_seconds,
                  guint      every_seconds)
{
  g_return_if_fail (CPT_IS_OUTBOX (self));

  cpt_outbox_stop (self);
  self->every_seconds = MAX (every_seconds, 1);
  self->source = g_timeout_add_seconds_once (first_seconds, on_first, self);
}

void
cpt_outbox_stop (CptOutbox *self)
{
  g_return_if_fail (CPT_IS_OUTBOX (self));

  g_clear_handle_id (&self->source, g_source_remove);
}

gboolean
cpt_outbox_is_trying (CptOutbox *self)
{
  g_return_val_if_fail (CPT_IS_OUTBOX (self), FALSE);

  return self->trying != NULL;
}

guint
cpt_outbox_get_waiting (CptOutbox *self)
{
  g_return_val_if_fail (CPT_IS_OUTBOX (self), 0);

  return self->waiting;
}

static void
cpt_outbox_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CptOutbox *self = CPT_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_WAITING:
      g_value_set_uint (value, self->waiting);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_outbox_dispose (GObject *object)
{
  CptOutbox *self = CPT_OUTBOX (object);

  cpt_outbox_stop (self);
  g_cancellable_cancel (self->trying);
  g_clear_object (&self->trying);
  G_OBJECT_CLASS (cpt_outbox_parent_class)->dispose (object);
}

static void
cpt_outbox_finalize (GObject *object)
{
  CptOutbox *self = CPT_OUTBOX (object);

  g_free (self->path);
  G_OBJECT_CLASS (cpt_outbox_parent_class)->finalize (object);
}

static void
cpt_outbox_class_init (CptOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = cpt_outbox_get_property;
  object_class->dispose = cpt_outbox_dispose;
  object_class->finalize = cpt_outbox_finalize;
  properties[PROP_WAITING] = g_param_spec_uint ("waiting", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cpt_outbox_init (CptOutbox *self)
{
}

CptOutbox *
cpt_outbox_new (const char *database_path)
{
  CptOutbox *self = g_object_new (CPT_TYPE_OUTBOX, NULL);

  self->path = g_strdup (database_path);
  return self;
}

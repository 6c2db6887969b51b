/* cpt-client-memos.c: see cpt-client-memos.h. */
#define G_LOG_DOMAIN "cpt-client-memos"

#include <glib/gi18n.h>

#include "cpt-client.h"
#include "cpt-client-memos.h"
#include "cpt-gui-utils.h"
#include "cpt-mail-messages.h"

struct _CptClientMemos
{
  AdwPreferencesPage   parent_instance;

  GPtrArray           *memo_rows;
  GPtrArray           *message_rows;

  /* template children */
  AdwEntryRow         *memo_row;
  AdwPreferencesGroup *memos_group;
  AdwPreferencesGroup *messages_group;
};

G_DEFINE_FINAL_TYPE (CptClientMemos, cpt_client_memos, ADW_TYPE_PREFERENCES_PAGE)

static void
on_memo_apply (CptClientMemos *self)
{
  g_autofree char *text = cpt_entry_row_dup_text (self->memo_row);

  /* The page adds it, and empties the entry once it is in. */
  if (text != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "client.add-memo", "s", text);
}

static void
cpt_client_memos_dispose (GObject *object)
{
  CptClientMemos *self = CPT_CLIENT_MEMOS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_CLIENT_MEMOS);
  g_clear_pointer (&self->memo_rows, g_ptr_array_unref);
  g_clear_pointer (&self->message_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (cpt_client_memos_parent_class)->dispose (object);
}

static void
cpt_client_memos_class_init (CptClientMemosClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_client_memos_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-client-memos.ui");
  gtk_widget_class_bind_template_child (widget_class, CptClientMemos, memo_row);
  gtk_widget_class_bind_template_child (widget_class, CptClientMemos, memos_group);
  gtk_widget_class_bind_template_child (widget_class, CptClientMemos, messages_group);
  gtk_widget_class_bind_template_callback (widget_class, on_memo_apply);
}

static void
cpt_client_memos_init (CptClientMemos *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->memo_rows = g_ptr_array_new ();
  self->message_rows = g_ptr_array_new ();
}

CptClientMemos *
cpt_client_memos_new (void)
{
  return g_object_new (CPT_TYPE_CLIENT_MEMOS, NULL);
}

void
cpt_client_memos_show_memos (CptClientMemos *self,
                             GPtrArray      *memos)
{
  g_return_if_fail (CPT_IS_CLIENT_MEMOS (self));

  cpt_group_clear_rows (self->memos_group, self->memo_rows);
  for (guint i = 0; memos != NULL && i < memos->len; i++)
    {
      CptMemo *memo = g_ptr_array_index (memos, i);
      g_autofree char *at = cpt_format_date_time (memo->created_at);
      g_autofree char *subtitle = memo->author ? g_strdup_printf ("%s · %s", at, memo->author) : g_strdup (at);
      GtkWidget *row = cpt_group_add_row (self->memos_group, self->memo_rows, memo->text, subtitle);

      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
    }
  if (self->memo_rows->len == 0)
    cpt_group_add_row (self->memos_group, self->memo_rows, _("No memo yet"),
                       _("Notes about this client, dated and signed: calls, agreements, reminders."));
}

/* The last messages about the client's documents: what was sent, when, to whom, and what
 * did not leave. */
void
cpt_client_memos_show_messages (CptClientMemos *self,
                                GPtrArray      *messages,
                                const char     *error)
{
  g_return_if_fail (CPT_IS_CLIENT_MEMOS (self));

  cpt_group_clear_rows (self->messages_group, self->message_rows);
  if (messages == NULL)
    {
      cpt_group_add_row (self->messages_group, self->message_rows, _("Could not read the messages"), error);
      return;
    }
  for (guint i = 0; i < messages->len; i++)
    {
      const CptMailRecord *r = g_ptr_array_index (messages, i);
      g_autofree char *when = cpt_format_date_time (r->sent_at ? r->sent_at : r->created_at);
      g_autofree char *subtitle = NULL;
      const char *state = r->state == CPT_MAIL_MESSAGE_SENT ? NULL
                          : r->state == CPT_MAIL_MESSAGE_QUEUED ? _("Waiting in the outbox")
                          : _("Not sent");

      /* Translators: a message on a client's record: document number, when, to whom */
      subtitle = g_strdup_printf (_("%s · %s · to %s"), r->document_number ? r->document_number : "",
                                  when, r->recipients);
      if (state != NULL)
        {
          g_autofree char *with_state = g_strdup_printf (r->error ? "%s\n%s: %s" : "%s\n%s", subtitle,
                                                         state, r->error);

          g_free (subtitle);
          subtitle = g_steal_pointer (&with_state);
        }
      cpt_group_add_row (self->messages_group, self->message_rows, r->subject, subtitle);
    }
  if (self->message_rows->len == 0)
    cpt_group_add_row (self->messages_group, self->message_rows, _("No message yet"),
                       _("Nothing has been sent by email yet."));
}

void
cpt_client_memos_clear_entry (CptClientMemos *self,
                              const char     *added)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CPT_IS_CLIENT_MEMOS (self));

  /* A memo is added in the worker: what was typed meanwhile stays. */
  text = cpt_entry_row_dup_text (self->memo_row);
  if (g_strcmp0 (text, added) == 0)
    gtk_editable_set_text (GTK_EDITABLE (self->memo_row), "");
}

/* cpt-document-actions.c: see cpt-document-actions.h. */
#define G_LOG_DOMAIN "cpt-document-actions"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "cpt-document-actions.h"
#include "cpt-preview-pane.h"

struct _CptDocumentActions
{
  GtkWidget            parent_instance;

  CptDocumentSnapshot *document;
  gboolean             compact;
  gboolean             show_preview;

  /* template children */
  GtkButton           *next_step_button;
  GtkWidget           *validate_button;
  GtkWidget           *print_button;
  GtkMenuButton       *menu_button;
  GtkBox              *menu_box;
};

G_DEFINE_FINAL_TYPE (CptDocumentActions, cpt_document_actions, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_DOCUMENT, PROP_COMPACT, PROP_SHOW_PREVIEW, N_PROPS };
static GParamSpec *properties[N_PROPS];

typedef struct
{
  const char *action;      /* document.* */
  const char *model_name;  /* in cpt_lifecycle_actions, or NULL */
  const char *label;
  guint       kinds;       /* the kinds it applies to, KIND () bits; 0: all */
} ActionInfo;

#define KIND(name) (1u << CPT_DOCUMENT_KIND_##name)

static const ActionInfo action_info[] = {
  { "document.send", "send", N_("Mark as _Sent"), KIND (QUOTE) | KIND (PROFORMA) },
  { "document.accept", "accept", N_("_Accept the Quote…"), KIND (QUOTE) },
  { "document.refuse", "refuse", N_("_Refuse the Quote"), KIND (QUOTE) },
  { "document.invoice-quote", "invoice", N_("_Invoice the Quote…"), KIND (QUOTE) },
  { "document.finalize", "finalize", N_("_Produce the Final Invoice"), KIND (PROFORMA) },
  { "document.mark-paid", "mark_paid", N_("_Mark as Paid"), KIND (INVOICE) | KIND (DEPOSIT) },
  { "document.mark-unpaid", "mark_unpaid", N_("Mark as _Unpaid"), KIND (INVOICE) | KIND (DEPOSIT) },
  { "document.credit", "credit", N_("Make a _Credit Note…"), KIND (INVOICE) | KIND (DEPOSIT) },
  { "document.use-deposit", "attach", N_("_Use on an Invoice…"), KIND (DEPOSIT) },
  { "document.duplicate", NULL, N_("_Duplicate"), KIND (QUOTE) | KIND (PROFORMA) | KIND (INVOICE) },
  { "document.print", NULL, N_("_Print…"), 0 },
  { "document.save-pdf", NULL, N_("Save as _PDF…"), 0 },
  { "document.send-email", NULL, N_("Send by _Email…"), 0 },
  { "document.remind", "remind", N_("Send a _Reminder…"), KIND (INVOICE) | KIND (DEPOSIT) },
  { "document.delete", "delete", N_("De_lete the Draft"), 0 },
};

static gboolean
applies_to (const ActionInfo    *info,
            CptDocumentSnapshot *document)
{
  return info->kinds == 0 ||
         (document != NULL && (info->kinds & (1u << cpt_document_snapshot_get_kind (document))) != 0);
}

/* Whether the action is possible (*out_allowed) and, when it is not, why (NULL: nothing to
 * say). The model's rule when it has one; printing, saving and duplicating always are. */
static const char *
reason_for (const ActionInfo    *info,
            CptDocumentSnapshot *document,
            gboolean            *out_allowed)
{
  const CptAction *action;

  *out_allowed = TRUE;
  if (info->model_name == NULL && !g_str_equal (info->action, "document.send-email"))
    return NULL;
  /* A draft has no number yet; a pro forma is sent as it is. */
  if (g_str_equal (info->action, "document.send-email"))
    {
      *out_allowed = document != NULL &&
                     (!cpt_document_is_draft (cpt_document_snapshot_get_document (document)) ||
                      cpt_document_snapshot_get_kind (document) == CPT_DOCUMENT_KIND_PROFORMA);
      return *out_allowed ? NULL : _("A draft has no number yet: validate it before sending it");
    }
  action = document != NULL ? cpt_document_snapshot_find_action (document, info->model_name) : NULL;
  *out_allowed = action != NULL && action->allowed;
  return action != NULL ? action->reason : NULL;
}

static gboolean
allows (CptDocumentActions *self,
        const char         *name)
{
  return self->document != NULL && cpt_document_snapshot_allows (self->document, name);
}

static gboolean
is_kind (CptDocumentActions *self,
         CptDocumentKind     kind)
{
  return self->document != NULL && cpt_document_snapshot_get_kind (self->document) == kind;
}

static void
close_menu (CptDocumentActions *self)
{
  /* Buttons in a popover do not close it as menu items do: the menu goes once chosen. */
  gtk_menu_button_popdown (self->menu_button);
}

static GtkWidget *
menu_item (CptDocumentActions *self,
           const ActionInfo   *info,
           gboolean            allowed,
           const char         *reason)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new_with_mnemonic (_(info->label));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  if (!allowed && reason != NULL)
    {
      GtkWidget *why = gtk_label_new (reason);

      gtk_label_set_xalign (GTK_LABEL (why), 0);
      gtk_label_set_wrap (GTK_LABEL (why), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (why), 34);
      gtk_widget_add_css_class (why, "caption");
      gtk_widget_add_css_class (why, "dim-label");
      gtk_box_append (GTK_BOX (box), why);
      gtk_widget_set_tooltip_text (button, reason);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason, -1);
    }
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), button);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), info->action);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "action-item");
  g_signal_connect_object (button, "clicked", G_CALLBACK (close_menu), self, G_CONNECT_SWAPPED);
  if (g_str_equal (info->action, "document.delete"))
    gtk_widget_add_css_class (label, "error");
  return button;
}

/* The next step of a sent quote or a pro forma, in plain sight (the Factomos "Devis
 * accepté"). */
static void
show_next_step (CptDocumentActions *self)
{
  const char *label = NULL, *action = NULL;

  if (is_kind (self, CPT_DOCUMENT_KIND_QUOTE) && allows (self, "accept"))
    label = _("_Accept…"), action = "document.accept";
  else if (is_kind (self, CPT_DOCUMENT_KIND_QUOTE) && allows (self, "invoice"))
    label = _("_Invoice…"), action = "document.invoice-quote";
  else if (is_kind (self, CPT_DOCUMENT_KIND_PROFORMA) && allows (self, "finalize"))
    label = _("_Final Invoice"), action = "document.finalize";
  gtk_widget_set_visible (GTK_WIDGET (self->next_step_button), label != NULL);
  if (label == NULL)
    return;
  gtk_button_set_label (self->next_step_button, label);
  gtk_button_set_use_underline (self->next_step_button, TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->next_step_button), action);
}

static void
rebuild (CptDocumentActions *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->menu_box))) != NULL)
    gtk_box_remove (self->menu_box, child);
  for (guint i = 0; self->document != NULL && i < G_N_ELEMENTS (action_info); i++)
    {
      const ActionInfo *info = &action_info[i];
      gboolean allowed;
      const char *reason;

      if (!applies_to (info, self->document))
        continue;
      reason = reason_for (info, self->document, &allowed);
      gtk_box_append (self->menu_box, menu_item (self, info, allowed, reason));
    }
  /* A pro forma is validated by producing its final invoice (the next step). */
  gtk_widget_set_visible (self->validate_button, allows (self, "validate") &&
                                                 !is_kind (self, CPT_DOCUMENT_KIND_PROFORMA));
  gtk_widget_set_tooltip_text (self->print_button,
                               cpt_preview_pane_can_print ()
                                 ? _("Print (Ctrl+P)")
                                 : _("Printing is not available in this version; save the PDF and print it"));
  show_next_step (self);
}

void
cpt_document_actions_enable_on (CptDocumentActions *self,
                                GtkWidget          *owner)
{
  g_return_if_fail (CPT_IS_DOCUMENT_ACTIONS (self));
  g_return_if_fail (GTK_IS_WIDGET (owner));

  for (guint i = 0; i < G_N_ELEMENTS (action_info); i++)
    {
      const ActionInfo *info = &action_info[i];
      gboolean allowed = FALSE;

      if (applies_to (info, self->document))
        reason_for (info, self->document, &allowed);
      gtk_widget_action_set_enabled (owner, info->action, self->document != NULL && allowed);
    }
  gtk_widget_action_set_enabled (owner, "document.validate", allows (self, "validate"));
  gtk_widget_action_set_enabled (owner, "document.print",
                                 self->document != NULL && cpt_preview_pane_can_print ());
}

CptDocumentSnapshot *
cpt_document_actions_get_document (CptDocumentActions *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_ACTIONS (self), NULL);

  return self->document;
}

void
cpt_document_actions_set_document (CptDocumentActions  *self,
                                   CptDocumentSnapshot *document)
{
  g_return_if_fail (CPT_IS_DOCUMENT_ACTIONS (self));
  g_return_if_fail (document == NULL || CPT_IS_DOCUMENT_SNAPSHOT (document));

  g_set_object (&self->document, document);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

GtkWidget *
cpt_document_actions_get_menu_box (CptDocumentActions *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_ACTIONS (self), NULL);

  return GTK_WIDGET (self->menu_box);
}

static void
cpt_document_actions_dispose (GObject *object)
{
  CptDocumentActions *self = CPT_DOCUMENT_ACTIONS (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_DOCUMENT_ACTIONS);
  /* The template's children that are not bound (the preview's toggle) too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (cpt_document_actions_parent_class)->dispose (object);
}

static void
cpt_document_actions_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CptDocumentActions *self = CPT_DOCUMENT_ACTIONS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_COMPACT:
      g_value_set_boolean (value, self->compact);
      break;
    case PROP_SHOW_PREVIEW:
      g_value_set_boolean (value, self->show_preview);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_document_actions_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CptDocumentActions *self = CPT_DOCUMENT_ACTIONS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      cpt_document_actions_set_document (self, g_value_get_object (value));
      break;
    case PROP_COMPACT:
      if (self->compact != g_value_get_boolean (value))
        {
          self->compact = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SHOW_PREVIEW:
      if (self->show_preview != g_value_get_boolean (value))
        {
          self->show_preview = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_document_actions_class_init (CptDocumentActionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_document_actions_dispose;
  object_class->get_property = cpt_document_actions_get_property;
  object_class->set_property = cpt_document_actions_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CPT_TYPE_DOCUMENT_SNAPSHOT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Narrow: printing stays in the Actions menu and the preview has no room beside the form. */
  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the printable preview is shown beside the form (the page binds it). */
  properties[PROP_SHOW_PREVIEW] =
    g_param_spec_boolean ("show-preview", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-document-actions.ui");
  gtk_widget_class_bind_template_child (widget_class, CptDocumentActions, next_step_button);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentActions, validate_button);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentActions, print_button);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentActions, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentActions, menu_box);
}

static void
cpt_document_actions_init (CptDocumentActions *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

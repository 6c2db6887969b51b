/* cpt-list-error-page.c: a list's read error, in place of its rows. */
#define G_LOG_DOMAIN "cpt-list-error-page"


#include "cpt-list-error-page.h"

struct _CptListErrorPage
{
  GtkWidget      parent_instance;

  CptPagedList  *list;

  /* template children */
  AdwStatusPage *status_page;
  GtkButton     *retry_button;
};

G_DEFINE_FINAL_TYPE (CptListErrorPage, cpt_list_error_page, GTK_TYPE_WIDGET)

static void
update (CptListErrorPage *self)
{
  const GError *error = self->list != NULL ? cpt_paged_list_get_error (self->list) : NULL;

  /* The message says what failed and SQLite's reason (or a plainer one: the disk is full,
   * the file is in use), which is what a user can act on or report. */
  adw_status_page_set_description (self->status_page, error != NULL ? error->message : NULL);
  /* Pressed, it stays insensitive until the list is counted again: then either the rows
   * replace this page, or the new reason shows. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->retry_button),
                            self->list != NULL && !cpt_paged_list_is_counting (self->list));
}

static void
on_retry_clicked (CptListErrorPage *self)
{
  if (self->list != NULL)
    cpt_paged_list_reload (self->list);
  update (self);
}

static void
disconnect_list (CptListErrorPage *self)
{
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_func (self->list, update, self);
  g_clear_object (&self->list);
}

void
cpt_list_error_page_set_list (CptListErrorPage *self,
                              CptPagedList     *list)
{
  g_return_if_fail (CPT_IS_LIST_ERROR_PAGE (self));
  g_return_if_fail (list == NULL || CPT_IS_PAGED_LIST (list));

  if (self->list == list)
    return;
  disconnect_list (self);
  if (list != NULL)
    {
      self->list = g_object_ref (list);
      g_signal_connect_object (list, "notify::error", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (list, "notify::counting", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
    }
  update (self);
}

CptPagedList *
cpt_list_error_page_get_list (CptListErrorPage *self)
{
  g_return_val_if_fail (CPT_IS_LIST_ERROR_PAGE (self), NULL);

  return self->list;
}

static void
cpt_list_error_page_dispose (GObject *object)
{
  CptListErrorPage *self = CPT_LIST_ERROR_PAGE (object);

  disconnect_list (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_LIST_ERROR_PAGE);
  G_OBJECT_CLASS (cpt_list_error_page_parent_class)->dispose (object);
}

static void
cpt_list_error_page_class_init (CptListErrorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_list_error_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, 
                                               "/io/github/comptoir/Comptoir/ui/cpt-list-error-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CptListErrorPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, CptListErrorPage, retry_button);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
}

static void
cpt_list_error_page_init (CptListErrorPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cpt_list_error_page_new (void)
{
  return g_object_new (CPT_TYPE_LIST_ERROR_PAGE, NULL);
}

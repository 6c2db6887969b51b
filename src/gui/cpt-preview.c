#define G_LOG_DOMAIN "cpt-preview"

#include "cpt-preview.h"
#include "cpt-pdf.h"
#include "cpt-gui-utils.h"
#include "cpt-pdf-pages.h"

#include <glib/gi18n.h>
#include <math.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#define POINTS_TO_PIXELS (96.0 / 72.0)

struct _CptPreview
{
  GtkWidget          parent_instance;
  GtkWidget         *scrolled;
  GtkWidget         *pages_box;
  GtkWidget         *message;
  GPtrArray         *pictures;     /* GtkPicture, one per page */
  GBytes            *pdf;
  GArray            *page_sizes;   /* graphene_size_t, points */
  double             zoom;
  /* the rendering in flight, and what to render after it */
  gboolean           busy;
  CptRenderDocument *pending_document;
  GBytes            *pending_pdf;
  gboolean           pending_zoom;
  guint              serial;
  GCancellable      *cancellable;
};

enum
{
  PROP_0,
  PROP_ZOOM,
  PROP_N_PAGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CptPreview, cpt_preview, GTK_TYPE_WIDGET)

/* ---------------------------------------------------------------- the thread */

typedef struct
{
  CptRenderDocument *document;   /* to lay out, or NULL */
  GBytes            *pdf;        /* or the PDF to show */
  double             scale;      /* device pixels per point */
  guint              serial;
} Job;

typedef struct
{
  GBytes    *pdf;
  GPtrArray *textures;           /* GdkTexture */
  GArray    *sizes;              /* graphene_size_t */
} Result;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->document, cpt_render_document_free);
  g_clear_pointer (&job->pdf, g_bytes_unref);
  g_free (job);
}

static void
result_free (Result *result)
{
  g_clear_pointer (&result->pdf, g_bytes_unref);
  g_clear_pointer (&result->textures, g_ptr_array_unref);
  g_clear_pointer (&result->sizes, g_array_unref);
  g_free (result);
}

static cairo_status_t
append_to_array (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* NULL when the page cannot be read. */
static GdkTexture *
render_page (CptPdfPages *pages, int index, double scale, graphene_size_t *size)
{
  double width, height;
  int pixel_width, pixel_height, stride;
  cairo_surface_t *surface;
  g_autoptr(GBytes) bytes = NULL;
  cairo_t *cr;
  gboolean drawn;

  if (!cpt_pdf_pages_get_page_size (pages, index, &width, &height))
    return NULL;
  graphene_size_init (size, width, height);
  pixel_width = MAX (1, (int) ceil (width * scale));
  pixel_height = MAX (1, (int) ceil (height * scale));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixel_width, pixel_height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  drawn = cpt_pdf_pages_render_page (pages, index, cr, FALSE);
  cairo_destroy (cr);
  if (!drawn)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_surface_flush (surface);
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface), (gsize) stride * pixel_height,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  return gdk_memory_texture_new (pixel_width, pixel_height, GDK_MEMORY_DEFAULT, bytes, stride);
}

/* Draws the pages of job's document; NULL with `error` set when it cannot. */
static Result *
render (Job *job, GCancellable *cancellable, GError **error)
{
  g_autoptr(CptPdfPages) pages = NULL;
  Result *result = g_new0 (Result, 1);

  if (job->document != NULL)
    result->pdf = cpt_pdf_render (job->document, CPT_PDF_NO_FACTURX, error);
  else
    result->pdf = g_bytes_ref (job->pdf);
  if (result->pdf != NULL)
    pages = cpt_pdf_pages_new_from_bytes (result->pdf, error);
  if (pages == NULL)
    {
      result_free (result);
      return NULL;
    }
  result->textures = g_ptr_array_new_with_free_func (g_object_unref);
  result->sizes = g_array_new (FALSE, FALSE, sizeof (graphene_size_t));
  for (int i = 0; i < cpt_pdf_pages_get_n_pages (pages); i++)
    {
      GdkTexture *texture;
      graphene_size_t size;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      texture = render_page (pages, i, job->scale, &size);
      if (texture == NULL)
        {
          /* Poppler read the file but not this page: say so rather than show half a document */
          result_free (result);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("The preview could not draw page %d of the document"), i + 1);
          return NULL;
        }
      g_ptr_array_add (result->textures, texture);
      g_array_append_val (result->sizes, size);
    }
  return result;
}

/* One long-lived rendering thread for every preview: Pango's font map is per thread and
 * costs a few hundred milliseconds to set up, so a thread that stays keeps redrawing fast. */
static GThreadPool *render_pool;
/* Tasks pushed to the pool whose work is not finished (cpt_preview_get_n_rendering()). */
static int n_rendering;

/* The warm-up: fonts loaded once, the PDF reader loaded, a PDF written and drawn through it
 * once. Everything it made is freed before its task returns (see pool_push). */
static void
warm_up (void)
{
  GByteArray *array = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_to_array, array, 100, 100);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Cantarell, DejaVu Sans 9");
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(CptPdfPages) pages = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, "Facture 1 234,56 €", -1);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  pdf = g_byte_array_free_to_bytes (array);
  pages = cpt_pdf_pages_new_from_bytes (pdf, NULL);
  /* a warm-up that fails costs the first preview its speed, nothing else: the preview says
   * what went wrong */
  if (pages != NULL)
    {
      graphene_size_t size;

      texture = render_page (pages, 0, 1.0, &size);
    }
}

static void
pool_run (gpointer data, gpointer user_data)
{
  GTask *task = data;

  if (g_task_get_task_data (task) == NULL)
    {
      warm_up ();
      g_atomic_int_dec_and_test (&n_rendering);
      g_task_return_boolean (task, TRUE);
    }
  else
    {
      g_autoptr(GError) error = NULL;
      Result *result = render (g_task_get_task_data (task), g_task_get_cancellable (task), &error);

      /* The work is over: what is left is handing the result to the main loop. */
      g_atomic_int_dec_and_test (&n_rendering);
      if (result == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, result, (GDestroyNotify) result_free);
    }
  g_object_unref (task);
}

static void
pool_push (GTask *task)
{
  if (g_once_init_enter_pointer (&render_pool))
    g_once_init_leave_pointer (&render_pool, g_thread_pool_new (pool_run, NULL, 1, TRUE, NULL));
  /* The pool's thread outlives every window: were the process to exit while it draws, its
   * last unref of a Poppler document would run Poppler's global destructors at the
   * same time as exit() does (a SIGSEGV in free() seen in the UI tests). The application
   * waits for the task; a render always ends, cancelled at its next page. */
  cpt_task_hold_application (task);
  g_atomic_int_inc (&n_rendering);
  g_thread_pool_push (render_pool, task, NULL);
}

/* ---------------------------------------------------------------- showing pages */

static void
update_sizes (CptPreview *self)
{
  for (guint i = 0; i < self->pictures->len && self->page_sizes && i < self->page_sizes->len; i++)
    {
      const graphene_size_t *size = &g_array_index (self->page_sizes, graphene_size_t, i);

      gtk_widget_set_size_request (g_ptr_array_index (self->pictures, i),
                                   (int) round (size->width * POINTS_TO_PIXELS * self->zoom),
                                   (int) round (size->height * POINTS_TO_PIXELS * self->zoom));
    }
}

static void
show_result (CptPreview *self, Result *result)
{
  guint n = result->textures->len;
  gboolean n_changed = n != self->pictures->len;

  while (self->pictures->len > n)
    {
      gtk_box_remove (GTK_BOX (self->pages_box), g_ptr_array_index (self->pictures, self->pictures->len - 1));
      g_ptr_array_remove_index (self->pictures, self->pictures->len - 1);
    }
  while (self->pictures->len < n)
    {
      GtkWidget *picture = gtk_picture_new ();

      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_FILL);
      gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (picture, "card");
      gtk_box_append (GTK_BOX (self->pages_box), picture);
      g_ptr_array_add (self->pictures, picture);
    }
  for (guint i = 0; i < n; i++)
    {
      GtkPicture *picture = g_ptr_array_index (self->pictures, i);
      /* Translators: the accessible description of a page of the preview */
      g_autofree char *label = g_strdup_printf (_("Page %u of %u"), i + 1, n);

      gtk_picture_set_paintable (picture, g_ptr_array_index (result->textures, i));
      gtk_picture_set_alternative_text (picture, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
  g_clear_pointer (&self->page_sizes, g_array_unref);
  self->page_sizes = g_array_ref (result->sizes);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  self->pdf = g_bytes_ref (result->pdf);
  update_sizes (self);
  gtk_widget_set_visible (self->message, FALSE);
  if (n_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
}

static void start_next (CptPreview *self);

static void
render_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  Result *result = g_task_propagate_pointer (G_TASK (res), &error);
  Job *job = g_task_get_task_data (G_TASK (res));
  CptPreview *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CPT_PREVIEW (source);
  self->busy = FALSE;
  if (result == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The preview cannot be shown: %s"), error->message);
      gtk_label_set_text (GTK_LABEL (self->message), text);
      gtk_widget_set_visible (self->message, TRUE);
    }
  else if (job->serial == self->serial)
    show_result (self, result);
  g_clear_pointer (&result, result_free);
  start_next (self);
}

static void
start (CptPreview *self, CptRenderDocument *document, GBytes *pdf)
{
  Job *job = g_new0 (Job, 1);
  GTask *task;

  job->document = document;
  job->pdf = pdf;
  job->scale = POINTS_TO_PIXELS * self->zoom * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  job->serial = ++self->serial;
  self->busy = TRUE;
  task = g_task_new (self, self->cancellable, render_done, NULL);
  g_task_set_source_tag (task, start);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  pool_push (task);
}

/* Runs what came in while a rendering was going on: only the latest. */
static void
start_next (CptPreview *self)
{
  if (self->busy)
    return;
  if (self->pending_document != NULL)
    {
      g_clear_pointer (&self->pending_pdf, g_bytes_unref);
      self->pending_zoom = FALSE;
      start (self, g_steal_pointer (&self->pending_document), NULL);
    }
  else if (self->pending_pdf != NULL)
    {
      self->pending_zoom = FALSE;
      start (self, NULL, g_steal_pointer (&self->pending_pdf));
    }
  else if (self->pending_zoom && self->pdf != NULL)
    {
      self->pending_zoom = FALSE;
      start (self, NULL, g_bytes_ref (self->pdf));
    }
}

void
cpt_preview_set_document (CptPreview *self, CptRenderDocument *document)
{
  g_return_if_fail (CPT_IS_PREVIEW (self));
  g_return_if_fail (document != NULL);

  g_clear_pointer (&self->pending_document, cpt_render_document_free);
  g_clear_pointer (&self->pending_pdf, g_bytes_unref);
  self->pending_document = document;
  start_next (self);
}

void
cpt_preview_set_pdf (CptPreview *self, GBytes *pdf)
{
  g_return_if_fail (CPT_IS_PREVIEW (self));
  g_return_if_fail (pdf != NULL);

  g_clear_pointer (&self->pending_document, cpt_render_document_free);
  g_clear_pointer (&self->pending_pdf, g_bytes_unref);
  self->pending_pdf = g_bytes_ref (pdf);
  start_next (self);
}

GBytes *
cpt_preview_get_pdf (CptPreview *self)
{
  g_return_val_if_fail (CPT_IS_PREVIEW (self), NULL);
  return self->pdf;
}

guint
cpt_preview_get_n_pages (CptPreview *self)
{
  g_return_val_if_fail (CPT_IS_PREVIEW (self), 0);
  return self->pictures->len;
}

double
cpt_preview_get_zoom (CptPreview *self)
{
  g_return_val_if_fail (CPT_IS_PREVIEW (self), 1.0);
  return self->zoom;
}

void
cpt_preview_set_zoom (CptPreview *self, double zoom)
{
  g_return_if_fail (CPT_IS_PREVIEW (self));

  zoom = CLAMP (zoom, CPT_PREVIEW_ZOOM_MIN, CPT_PREVIEW_ZOOM_MAX);
  if (fabs (zoom - self->zoom) < 0.001)
    return;
  self->zoom = zoom;
  /* The current images are stretched to the new size at once, then replaced by sharp ones. */
  update_sizes (self);
  self->pending_zoom = TRUE;
  start_next (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-in", zoom < CPT_PREVIEW_ZOOM_MAX);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-out", zoom > CPT_PREVIEW_ZOOM_MIN);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* ---------------------------------------------------------------- actions and input */

static void
zoom_in (GtkWidget *widget, const char *action, GVariant *parameter)
{
  CptPreview *self = CPT_PREVIEW (widget);
  cpt_preview_set_zoom (self, self->zoom * 1.25);
}

static void
zoom_out (GtkWidget *widget, const char *action, GVariant *parameter)
{
  CptPreview *self = CPT_PREVIEW (widget);
  cpt_preview_set_zoom (self, self->zoom / 1.25);
}

static void
zoom_reset (GtkWidget *widget, const char *action, GVariant *parameter)
{
  cpt_preview_set_zoom (CPT_PREVIEW (widget), 1.0);
}

static gboolean
on_scroll (GtkEventControllerScroll *controller, double dx, double dy, CptPreview *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if ((state & GDK_CONTROL_MASK) == 0 || dy == 0)
    return FALSE;
  cpt_preview_set_zoom (self, self->zoom * (dy < 0 ? 1.1 : 1 / 1.1));
  return TRUE;
}

static void
on_scale_factor (CptPreview *self)
{
  self->pending_zoom = TRUE;
  start_next (self);
}

/* ---------------------------------------------------------------- GObject */

static void
cpt_preview_dispose (GObject *object)
{
  CptPreview *self = CPT_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  G_OBJECT_CLASS (cpt_preview_parent_class)->dispose (object);
}

static void
cpt_preview_finalize (GObject *object)
{
  CptPreview *self = CPT_PREVIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pictures, g_ptr_array_unref);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_clear_pointer (&self->page_sizes, g_array_unref);
  g_clear_pointer (&self->pending_document, cpt_render_document_free);
  g_clear_pointer (&self->pending_pdf, g_bytes_unref);
  G_OBJECT_CLASS (cpt_preview_parent_class)->finalize (object);
}

static void
cpt_preview_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CptPreview *self = CPT_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_N_PAGES:
      g_value_set_uint (value, self->pictures->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_preview_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CptPreview *self = CPT_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      cpt_preview_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_preview_class_init (CptPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_preview_dispose;
  object_class->finalize = cpt_preview_finalize;
  object_class->get_property = cpt_preview_get_property;
  object_class->set_property = cpt_preview_set_property;

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, CPT_PREVIEW_ZOOM_MIN, CPT_PREVIEW_ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "preview.zoom-in", NULL, zoom_in);
  gtk_widget_class_install_action (widget_class, "preview.zoom-out", NULL, zoom_out);
  gtk_widget_class_install_action (widget_class, "preview.zoom-reset", NULL, zoom_reset);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "preview.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "preview.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "preview.zoom-reset", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cpt-preview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cpt_preview_init (CptPreview *self)
{
  GtkEventController *scroll;
  GtkWidget *column;

  self->zoom = 1.0;
  self->pictures = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  self->scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
  column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  self->message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->message), TRUE);
  gtk_widget_add_css_class (self->message, "error");
  gtk_widget_set_visible (self->message, FALSE);
  gtk_widget_set_margin_top (self->message, 12);
  gtk_box_append (GTK_BOX (column), self->message);
  self->pages_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_halign (self->pages_box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (self->pages_box, 18);
  gtk_widget_set_margin_bottom (self->pages_box, 18);
  gtk_widget_set_margin_start (self->pages_box, 18);
  gtk_widget_set_margin_end (self->pages_box, 18);
  gtk_box_append (GTK_BOX (column), self->pages_box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), column);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Document preview"), -1);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor), NULL);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  /* Warm the rendering thread up once, before the first document comes. */
  {
    static gsize warmed = 0;
    if (g_once_init_enter (&warmed))
      {
        pool_push (g_task_new (NULL, NULL, NULL, NULL));
        g_once_init_leave (&warmed, 1);
      }
  }
}

GtkWidget *
cpt_preview_new (void)
{
  return g_object_new (CPT_TYPE_PREVIEW, NULL);
}

guint
cpt_preview_get_n_rendering (void)
{
  return (guint) g_atomic_int_get (&n_rendering);
}

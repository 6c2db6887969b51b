/* cpt-row-pacer.c: see cpt-row-pacer.h. */
#include "cpt-row-pacer.h"

/* Beyond GTK_LIST_VIEW_MAX_LIST_ITEMS (200) and the few items GTK keeps around its
 * trackers: once the view sees this many, more items make no more rows. */
#define ROWS_GTK_MAKES_AT_MOST 256
/* The lowest rows of the app's lists, those of a data table (libadwaita's .data-table: a
 * line of text and 2 px above and below), measured: a screenful is the window's height in
 * such rows, so that the first frame never shows the list short of rows. */
#define LEAST_ROW_HEIGHT 20
/* Before the window has a height: a 900-pixel-high one. */
#define DEFAULT_SCREENFUL 46

struct _CptRowPacer
{
  GObject            parent_instance;

  GListModel        *source;
  GtkSliceListModel *slice;
  GtkWidget         *view;   /* weak */
  guint              tick_id;
  gboolean           drawn;  /* the first frame since the ticks started has shown the rows */
  /* Until the view has its first size: the frame clock it waits on, and its handler. */
  GdkFrameClock     *waiting_clock;
  gulong             layout_id;
  gulong             map_id;
};

G_DEFINE_FINAL_TYPE (CptRowPacer, cpt_row_pacer, G_TYPE_OBJECT)

/* The rows a screen of the view holds: from its own height once it has one, else from its
 * window's. */
static guint
screenful (CptRowPacer *self)
{
  GtkRoot *root = self->view != NULL ? gtk_widget_get_root (self->view) : NULL;
  int height = self->view != NULL ? gtk_widget_get_height (self->view) : 0;

  if (height <= 0 && root != NULL)
    height = gtk_widget_get_height (GTK_WIDGET (root));
  if (height <= 0)
    return DEFAULT_SCREENFUL;
  return MAX (8, (guint) height / LEAST_ROW_HEIGHT + 1);
}

static gboolean
is_waiting (CptRowPacer *self)
{
  return self->map_id != 0 || self->layout_id != 0;
}

static gboolean
on_tick (GtkWidget     *view,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  CptRowPacer *self = user_data;
  guint size;

  /* A tick comes before the layout of its frame: the first one lets that frame show the
   * rows already there, with nothing more to make. */
  if (!self->drawn)
    {
      self->drawn = TRUE;
      return G_SOURCE_CONTINUE;
    }
  /* A third of a screenful a frame: ~30 ms of rows made, bound and laid out in the
   * document list, 200 of them in ten frames. */
  size = gtk_slice_list_model_get_size (self->slice) + MAX (8, screenful (self) / 3);
  if (size >= ROWS_GTK_MAKES_AT_MOST)
    size = G_MAXUINT;
  gtk_slice_list_model_set_size (self->slice, size);
  if (size == G_MAXUINT || size >= g_list_model_get_n_items (self->source))
    {
      /* All shown, or all there is for now: items-changed starts the ticks again. */
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
stop_ticking (CptRowPacer *self)
{
  if (self->tick_id != 0 && self->view != NULL)
    gtk_widget_remove_tick_callback (self->view, self->tick_id);
  self->tick_id = 0;
}

/* Connected after the slice's own handler: it has shown what its size lets through. */
static void
on_items_changed (CptRowPacer *self,
                  guint        position,
                  guint        removed,
                  guint        added,
                  GListModel  *source)
{
  guint n_items = g_list_model_get_n_items (source);
  guint size = gtk_slice_list_model_get_size (self->slice);
  guint first;

  /* The view has no size yet: its first rows come with it (wait_for_size ()). */
  if (is_waiting (self))
    return;
  first = screenful (self);
  if (size == G_MAXUINT)
    {
      /* The rows went with the items: the next ones are paced again. */
      if (n_items < first)
        gtk_slice_list_model_set_size (self->slice, first);
      return;
    }
  if (n_items > size && self->tick_id == 0 && self->view != NULL)
    {
      self->drawn = FALSE;
      self->tick_id = gtk_widget_add_tick_callback (self->view, on_tick, self, NULL);
    }
}

static void
stop_waiting (CptRowPacer *self)
{
  if (self->layout_id != 0 && self->waiting_clock != NULL)
    g_signal_handler_disconnect (self->waiting_clock, self->layout_id);
  self->layout_id = 0;
  g_clear_weak_pointer (&self->waiting_clock);
  if (self->map_id != 0 && self->view != NULL)
    g_signal_handler_disconnect (self->view, self->map_id);
  self->map_id = 0;
}

/* After the window's own handler of the frame's layout (connected after, it runs last):
 * the view has been given its size, and the breakpoints of the widgets around it have
 * chosen its columns. Its first rows are made now, as many as its height shows; they make
 * the view ask for a new layout, which the frame clock runs at once (it repeats its layout
 * while one is asked for), so that they are in this very frame. Made before, they were a
 * screenful of the window's height, or of a window 900 pixels high before the view was in
 * one, with cells for columns that the breakpoints hid as soon as they were laid out: at the
 * start, the Invoices page made 46 rows of 8 cells where 33 rows of 6 show. */
static void
on_layout (GdkFrameClock *clock,
           CptRowPacer   *self)
{
  if (self->view == NULL || gtk_widget_get_height (self->view) <= 0)
    return;
  stop_waiting (self);
  gtk_slice_list_model_set_size (self->slice, screenful (self));
  on_items_changed (self, 0, 0, 0, self->source);
  /* This frame shows them: the ticks make more from the next one. */
  self->drawn = TRUE;
}

static void
on_map (GtkWidget   *view,
        CptRowPacer *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (view);

  if (clock == NULL || self->layout_id != 0)
    return;
  g_signal_handler_disconnect (view, self->map_id);
  self->map_id = 0;
  g_set_weak_pointer (&self->waiting_clock, clock);
  self->layout_id = g_signal_connect_after (clock, "layout", G_CALLBACK (on_layout), self);
}

/* A view that has not been laid out yet sees no items until its first layout (on_layout ()). */
static void
wait_for_size (CptRowPacer *self)
{
  if (gtk_widget_get_height (self->view) > 0)
    return;
  self->map_id = g_signal_connect (self->view, "map", G_CALLBACK (on_map), self);
  if (gtk_widget_get_mapped (self->view))
    on_map (self->view, self);
}

static void
cpt_row_pacer_dispose (GObject *object)
{
  CptRowPacer *self = CPT_ROW_PACER (object);

  stop_waiting (self);
  stop_ticking (self);
  if (self->view != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
  self->view = NULL;
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_func (self->source, on_items_changed, self);
  g_clear_object (&self->slice);
  g_clear_object (&self->source);
  G_OBJECT_CLASS (cpt_row_pacer_parent_class)->dispose (object);
}

static void
cpt_row_pacer_class_init (CptRowPacerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cpt_row_pacer_dispose;
}

static void
cpt_row_pacer_init (CptRowPacer *self)
{
}

CptRowPacer *
cpt_row_pacer_new (GListModel *model,
                   GtkWidget  *view)
{
  CptRowPacer *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (view), NULL);

  self = g_object_new (CPT_TYPE_ROW_PACER, NULL);
  self->source = g_object_ref (model);
  self->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);
  wait_for_size (self);
  self->slice = gtk_slice_list_model_new (g_object_ref (model), 0, is_waiting (self) ? 0 : screenful (self));
  g_signal_connect_object (model, "items-changed", G_CALLBACK (on_items_changed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  on_items_changed (self, 0, 0, 0, model);
  return self;
}

GListModel *
cpt_row_pacer_get_model (CptRowPacer *self)
{
  g_return_val_if_fail (CPT_IS_ROW_PACER (self), NULL);

  return G_LIST_MODEL (self->slice);
}

GListModel *
cpt_row_pacer_get_source (CptRowPacer *self)
{
  g_return_val_if_fail (CPT_IS_ROW_PACER (self), NULL);

  return self->source;
}

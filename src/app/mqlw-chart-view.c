/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-chart-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "mqlw-chart-view.h"
#include "mqlw-background.h"
#include "mqlw-frame-queue.h"
#include "mqlw-format.h"

#define GRAB_DISTANCE 10.0   /* px either side of the threshold line */

struct _MqlwChartView
{
  GtkWidget        parent_instance;

  MqlwWorkbench   *workbench;
  /* The chart's content, kept as an image: a threshold move repaints only the
   * backdrop and the marker around it (see mqlw_chart_draw_content). After a
   * change the new image is drawn on a worker thread and the frame that shows
   * it only composes it; until then the previous one stays, with the table
   * and the layout it was drawn for (what hit-testing goes by). */
  GdkTexture      *content;
  MqlwBucketTable *content_table;
  MqlwChartLayout  layout;
  int              content_width, content_height, content_scale;
  guint            generation;      /* counts the changes to the content */
  guint            content_generation;
  GCancellable    *render;          /* the drawing in flight */
  int              render_width, render_height, render_scale;
  struct _Render  *ready;           /* drawn, waiting for its turn in the frame queue */
  int              hover_bucket;
  gboolean         dragging;
  double           drag_start_x;
  gboolean         workshop;
  gboolean         show_intervals;
  GtkWidget       *lines_button;    /* child: the chart menu */
  guint            stages;          /* bit (1 << MqlwStage) per rate line shown */
};

enum {
  PROP_0,
  PROP_SHOW_INTERVALS,
  PROP_SHOW_ACCEPTED,
  PROP_SHOW_SQL,
  PROP_SHOW_OPPORTUNITY,
  PROP_SHOW_WON,
  N_PROPS
};

#define ALL_STAGES ((1u << MQLW_N_STAGES) - 1)

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MqlwChartView, mqlw_chart_view, GTK_TYPE_WIDGET)

static const MqlwBucketTable *
get_table (MqlwChartView *self)
{
  if (self->workbench == NULL)
    return NULL;
  return mqlw_workbench_get_buckets (self->workbench);
}

/* The table the image on show was drawn for. */
static const MqlwBucketTable *
get_shown_table (MqlwChartView *self)
{
  return self->content_table;
}

/* TRUE when an image is on show: its layout goes with get_shown_table (). */
static gboolean
has_valid_layout (MqlwChartView *self)
{
  return self->content != NULL && self->content_table != NULL;
}

/* Today's model (the baseline) and the MQLs that pass by another path below
 * the line, from the workbench's figures. */
static void
fill_baseline (MqlwChartView  *self,
               MqlwChartStyle *style)
{
  const MqlwComparison *comparison;
  const MqlwPreview *preview;
  MqlwModel *model;

  if (self->workbench == NULL || (model = mqlw_workbench_get_model (self->workbench)) == NULL)
    return;
  preview = mqlw_workbench_get_preview (self->workbench);
  style->show_other_paths = model->paths.grade_behaviour || model->paths.hand_raiser;
  if (preview != NULL && style->show_other_paths)
    style->other_paths = preview->mql - MIN (preview->mql, preview->by_path[MQLW_PATH_INDEX_SCORE]);
  comparison = mqlw_workbench_get_comparison (self->workbench);
  /* Always, not only once something changed: the content image is kept
   * across threshold moves, and today's line is where it is either way. */
  if (comparison != NULL && isfinite (comparison->baseline.threshold))
    {
      style->show_baseline = TRUE;
      style->baseline = comparison->baseline;
    }
}

static void
fill_style (MqlwChartView  *self,
            MqlwChartStyle *style)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  mqlw_chart_style_init (style);
  style->dark = adw_style_manager_get_dark (manager);
  style->high_contrast = adw_style_manager_get_high_contrast (manager) || self->workshop;
  style->font_scale = self->workshop ? 1.6 : 1.0;
  style->show_intervals = self->show_intervals;
  style->hover_bucket = self->hover_bucket;
  /* 0 = every stage with data; a choice otherwise. */
  style->stages = self->stages == ALL_STAGES ? 0 : self->stages;
  fill_baseline (self, style);
  /* An empty model scores every lead 0: say what to do instead of drawing
   * one bucket holding every lead. (A translation is a static string: safe
   * for the drawing thread.) */
  if (self->workbench != NULL && mqlw_workbench_get_model (self->workbench) != NULL &&
      mqlw_model_scores_nothing (mqlw_workbench_get_model (self->workbench)))
    style->empty_message = _("No Scoring Yet\nThe model has no criteria and no score column, so every lead would "
                             "score 0. Choose how leads are scored — a score column from the data, a model file or an "
                             "example model (main menu → How Are Leads Scored?) — or add criteria in the model panel.");
}

void
mqlw_chart_view_get_style (MqlwChartView  *self,
                           MqlwChartStyle *style)
{
  g_return_if_fail (MQLW_IS_CHART_VIEW (self));
  g_return_if_fail (style != NULL);
  fill_style (self, style);
}

/* The table, what is shown or its colours changed: a new image a frame or
 * two later. */
static void
content_changed (MqlwChartView *self)
{
  self->generation++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

typedef struct _Render {
  MqlwBucketTable *table;
  MqlwChartStyle   style;
  int              width, height, scale;
  guint            generation;
  cairo_surface_t *surface;
  MqlwChartLayout  layout;
} Render;

static void
render_free (Render *render)
{
  mqlw_bucket_table_free (render->table);
  g_clear_pointer (&render->surface, cairo_surface_destroy);
  g_free (render);
}

/* Any thread: the core's drawing into an image of its own. */
static void
draw_render (Render *render)
{
  cairo_t *cr;

  render->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, render->width * render->scale,
                                                render->height * render->scale);
  cairo_surface_set_device_scale (render->surface, render->scale, render->scale);
  cr = cairo_create (render->surface);
  mqlw_chart_draw_content (cr, render->width, render->height, render->table, &render->style, &render->layout);
  cairo_destroy (cr);
  cairo_surface_flush (render->surface);
}

static Render *
render_new (MqlwChartView         *self,
            const MqlwBucketTable *table,
            const MqlwChartStyle  *style,
            int                    width,
            int                    height,
            int                    scale)
{
  Render *render = g_new0 (Render, 1);

  render->table = mqlw_bucket_table_copy (table);
  render->style = *style;
  render->width = width;
  render->height = height;
  render->scale = scale;
  render->generation = self->generation;
  return render;
}

/* Puts the drawn image on show. ARGB32 is GDK_MEMORY_DEFAULT: the texture
 * takes the pixels as they are. */
static void
show_render (MqlwChartView *self,
             Render        *render)
{
  cairo_surface_t *surface = g_steal_pointer (&render->surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                                        (gsize) stride * render->height * render->scale,
                                                        (GDestroyNotify) cairo_surface_destroy, surface);

  g_clear_object (&self->content);
  self->content = gdk_memory_texture_new (render->width * render->scale, render->height * render->scale,
                                          GDK_MEMORY_DEFAULT, bytes, stride);
  g_clear_pointer (&self->content_table, mqlw_bucket_table_free);
  self->content_table = g_steal_pointer (&render->table);
  self->layout = render->layout;
  self->content_width = render->width;
  self->content_height = render->height;
  self->content_scale = render->scale;
  self->content_generation = render->generation;
}

static void
draw_render_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  mqlw_background_thread_begin ();
  draw_render (task_data);
  g_task_return_boolean (task, TRUE);
}

static void
show_ready (MqlwChartView *self)
{
  if (self->ready == NULL)
    return;
  mqlw_frame_queue_remove (GTK_WIDGET (self));
  show_render (self, self->ready);
  g_clear_pointer (&self->ready, render_free);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
show_ready_update (GtkWidget *widget)
{
  show_ready (MQLW_CHART_VIEW (widget));
}

/* The new image waits for the chart's turn in the window's frame queue (see
 * mqlw-frame-queue.c), not to land in the frame where the table or the
 * preview change. */
static void
on_render_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  MqlwChartView *self = MQLW_CHART_VIEW (object);
  Render *render;

  if (g_task_had_error (G_TASK (result)) || g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  g_clear_object (&self->render);
  /* Taken from the task, which frees what is left of it. */
  render = g_task_get_task_data (G_TASK (result));
  g_clear_pointer (&self->ready, render_free);
  self->ready = g_memdup2 (render, sizeof *render);
  render->table = NULL;
  render->surface = NULL;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    mqlw_frame_queue_add (GTK_WIDGET (self), show_ready_update);
  else
    show_ready (self);
}

static void
cancel_render (MqlwChartView *self)
{
  if (self->render != NULL)
    g_cancellable_cancel (self->render);
  g_clear_object (&self->render);
  g_clear_pointer (&self->ready, render_free);
  mqlw_frame_queue_remove (GTK_WIDGET (self));
}

static void
start_render (MqlwChartView         *self,
              const MqlwBucketTable *table,
              const MqlwChartStyle  *style,
              int                    width,
              int                    height,
              int                    scale)
{
  g_autoptr(GTask) task = NULL;

  self->render = g_cancellable_new ();
  self->render_width = width;
  self->render_height = height;
  self->render_scale = scale;
  task = g_task_new (self, self->render, on_render_done_cb, NULL);
  g_task_set_source_tag (task, start_render);
  g_task_set_task_data (task, render_new (self, table, style, width, height, scale), (GDestroyNotify) render_free);
  g_task_run_in_thread (task, draw_render_thread);
}

static void
mqlw_chart_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  MqlwChartView *self = MQLW_CHART_VIEW (widget);
  const MqlwBucketTable *table = get_table (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  double threshold;
  MqlwChartStyle style;
  cairo_t *cr;

  if (table == NULL || width <= 0 || height <= 0)
    return;
  threshold = mqlw_workbench_get_threshold (self->workbench);
  fill_style (self, &style);

  /* A new image is drawn on a worker thread, one at a time: for a new size
   * the one in flight (drawn for another) is dropped. Until it is in, the
   * previous image stays, stretched to a new size. */
  if (self->render != NULL &&
      (self->render_width != width || self->render_height != height || self->render_scale != scale))
    cancel_render (self);
  if ((self->content == NULL || self->content_width != width || self->content_height != height ||
       self->content_scale != scale || self->content_generation != self->generation) &&
      self->render == NULL && self->ready == NULL)
    start_render (self, table, &style, width, height, scale);
  if (self->content == NULL)
    {
      gtk_widget_snapshot_child (widget, self->lines_button, snapshot);
      return;
    }

  table = get_shown_table (self);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_scale (snapshot, (double) width / self->content_width, (double) height / self->content_height);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, self->content_width, self->content_height));
  mqlw_chart_draw_backdrop (cr, self->content_width, self->content_height, table, threshold, &style, &self->layout);
  cairo_destroy (cr);
  gtk_snapshot_append_texture (snapshot, self->content,
                               &GRAPHENE_RECT_INIT (0, 0, self->content_width, self->content_height));
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, self->content_width, self->content_height));
  mqlw_chart_draw_marker (cr, table, threshold, &style, &self->layout);
  cairo_destroy (cr);
  gtk_snapshot_restore (snapshot);
  gtk_widget_snapshot_child (widget, self->lines_button, snapshot);
}

/* Whether the image on show is the chart of the current table and style
 * (or the chart is not on show at all). */
gboolean
mqlw_chart_view_is_current (MqlwChartView *self)
{
  g_return_val_if_fail (MQLW_IS_CHART_VIEW (self), FALSE);
  return !gtk_widget_get_mapped (GTK_WIDGET (self)) || get_table (self) == NULL ||
         (self->content != NULL && self->content_generation == self->generation && self->ready == NULL &&
          self->content_width == gtk_widget_get_width (GTK_WIDGET (self)) &&
          self->content_height == gtk_widget_get_height (GTK_WIDGET (self)));
}

char *
mqlw_chart_view_describe_bucket (MqlwChartView *self,
                                 guint          index)
{
  const MqlwBucketTable *table;
  const MqlwBucket *bucket;
  g_autofree char *lo = NULL;
  g_autofree char *hi = NULL;
  g_autofree char *leads = NULL;
  g_autofree char *share = NULL;
  GString *text;

  g_return_val_if_fail (MQLW_IS_CHART_VIEW (self), NULL);

  table = get_shown_table (self);
  if (table == NULL || index >= table->n_buckets)
    return NULL;
  bucket = &table->buckets[index];
  lo = mqlw_format_score (bucket->lo);
  hi = mqlw_format_score (bucket->hi);
  leads = mqlw_format_count (bucket->leads);
  share = mqlw_format_percent (bucket->share);

  text = g_string_new (NULL);
  if (isinf (bucket->hi))
    g_string_append_printf (text, _("<b>Score %s and above</b>"), lo);
  else
    g_string_append_printf (text, _("<b>Score %s to under %s</b>"), lo, hi);
  g_string_append_printf (text, "\n%s", _(mqlw_verdict_label (bucket->verdict)));
  g_string_append_printf (text, g_dngettext (NULL, "\n%s lead (%s of all)", "\n%s leads (%s of all)",
                                             (gulong) bucket->leads), leads, share);
  for (guint s = 0; s < MQLW_N_STAGES; s++)
    {
      const MqlwRate *rate = &bucket->stage[s];
      g_autofree char *value = NULL;
      g_autofree char *interval = NULL;
      g_autofree char *reached = NULL;
      g_autofree char *known = NULL;
      g_autofree char *level = NULL;

      if (!rate->present)
        continue;
      value = mqlw_format_rate (rate);
      interval = mqlw_format_interval (rate);
      reached = mqlw_format_count (rate->reached);
      known = mqlw_format_count (rate->known);
      if (interval[0])
        {
          g_autofree char *percent = mqlw_format_percent_as (0.95, 0, MQLW_FORMAT_DISPLAY);

          /* Translators: before a rate's interval in the chart's tooltip; %s is "95 %" */
          level = g_strdup_printf (_("; %s interval "), percent);
        }
      /* Translators: "SQL: 34.6 % (18 of 52 known; 95 % interval 22.1–48.9 %)" */
      g_string_append_printf (text, _("\n%s: %s (%s of %s known%s%s)"),
                              _(mqlw_stage_label (s)), value, reached, known,
                              level != NULL ? level : "", interval);
    }
  return g_string_free (text, FALSE);
}

static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  MqlwChartView *self = MQLW_CHART_VIEW (widget);
  g_autofree char *markup = NULL;
  int index;

  if (!has_valid_layout (self) || self->dragging)
    return FALSE;
  index = mqlw_chart_layout_bucket_at (&self->layout, x, y);
  if (index < 0)
    return FALSE;
  markup = mqlw_chart_view_describe_bucket (self, index);
  if (markup == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static gboolean
is_near_threshold (MqlwChartView *self,
                   double         x)
{
  const MqlwBucketTable *table = get_shown_table (self);
  double line_x;

  if (!has_valid_layout (self))
    return FALSE;
  line_x = mqlw_chart_layout_x_of_score (&self->layout, table, mqlw_workbench_get_threshold (self->workbench));
  return fabs (x - line_x) <= GRAB_DISTANCE;
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              MqlwChartView            *self)
{
  int index = has_valid_layout (self) ? mqlw_chart_layout_bucket_at (&self->layout, x, y) : -1;

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   self->dragging || is_near_threshold (self, x) ? "col-resize" : NULL);
  if (index != self->hover_bucket)
    {
      self->hover_bucket = index;
      content_changed (self);
    }
}

static void
on_leave_cb (GtkEventControllerMotion *motion,
             MqlwChartView            *self)
{
  if (self->hover_bucket != -1)
    {
      self->hover_bucket = -1;
      content_changed (self);
    }
}

/* The drag, shared by the gesture and mqlw_chart_view_drag_threshold. */
static gboolean
begin_drag (MqlwChartView *self,
            double         x)
{
  if (!is_near_threshold (self, x))
    return FALSE;
  self->dragging = TRUE;
  self->drag_start_x = x;
  return TRUE;
}

static void
update_drag (MqlwChartView *self,
             double         dx)
{
  const MqlwBucketTable *table = get_shown_table (self);
  double score;

  if (!self->dragging || !has_valid_layout (self))
    return;
  score = mqlw_chart_layout_score_at (&self->layout, table, self->drag_start_x + dx);
  if (isnan (score))
    return;
  /* Whole points: the spin button and the exported model say the same.
   * A threshold move is O(1) in the core: no need to throttle. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.set-threshold", "d", round (score));
}

static void
on_drag_begin_cb (GtkGestureDrag *gesture,
                  double          x,
                  double          y,
                  MqlwChartView  *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture),
                         begin_drag (self, x) ? GTK_EVENT_SEQUENCE_CLAIMED : GTK_EVENT_SEQUENCE_DENIED);
}

static void
on_drag_update_cb (GtkGestureDrag *gesture,
                   double          dx,
                   double          dy,
                   MqlwChartView  *self)
{
  update_drag (self, dx);
}

static void
on_drag_end_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                MqlwChartView  *self)
{
  self->dragging = FALSE;
}

static void
on_workbench_changed_cb (MqlwWorkbench *workbench,
                         guint          change,
                         MqlwChartView *self)
{
  if ((change & ~MQLW_WORKBENCH_CHANGED_MODEL) == 0)   /* figures not in yet */
    return;
  /* A threshold move keeps the content image, so a drag goes on between two
   * redraws and repaints only what the line moves. */
  if (change & ~(MQLW_WORKBENCH_CHANGED_THRESHOLD | MQLW_WORKBENCH_CHANGED_MODEL))
    content_changed (self);
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_style_changed_cb (AdwStyleManager *manager,
                     GParamSpec      *pspec,
                     MqlwChartView   *self)
{
  content_changed (self);
}

static void
mqlw_chart_view_dispose (GObject *object)
{
  MqlwChartView *self = (MqlwChartView *) object;

  if (self->workbench != NULL)
    g_signal_handlers_disconnect_by_data (self->workbench, self);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  cancel_render (self);
  g_clear_object (&self->workbench);
  g_clear_object (&self->content);
  g_clear_pointer (&self->content_table, mqlw_bucket_table_free);
  g_clear_pointer (&self->lines_button, gtk_widget_unparent);

  G_OBJECT_CLASS (mqlw_chart_view_parent_class)->dispose (object);
}

static void
mqlw_chart_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MqlwChartView *self = MQLW_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOW_INTERVALS:
      g_value_set_boolean (value, self->show_intervals);
      break;
    case PROP_SHOW_ACCEPTED:
    case PROP_SHOW_SQL:
    case PROP_SHOW_OPPORTUNITY:
    case PROP_SHOW_WON:
      g_value_set_boolean (value, (self->stages & (1u << (prop_id - PROP_SHOW_ACCEPTED))) != 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mqlw_chart_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MqlwChartView *self = MQLW_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOW_INTERVALS:
      if (self->show_intervals != g_value_get_boolean (value))
        {
          self->show_intervals = g_value_get_boolean (value);
          content_changed (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SHOW_ACCEPTED:
    case PROP_SHOW_SQL:
    case PROP_SHOW_OPPORTUNITY:
    case PROP_SHOW_WON:
      {
        guint bit = 1u << (prop_id - PROP_SHOW_ACCEPTED);
        guint stages = g_value_get_boolean (value) ? self->stages | bit : self->stages & ~bit;

        if (stages != self->stages)
          {
            self->stages = stages;
            content_changed (self);
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Not drawn: an image waiting for its turn is put on show at once. */
static void
mqlw_chart_view_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mqlw_chart_view_parent_class)->unmap (widget);
  show_ready (MQLW_CHART_VIEW (widget));
}

static void
mqlw_chart_view_class_init (MqlwChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mqlw_chart_view_dispose;
  object_class->get_property = mqlw_chart_view_get_property;
  object_class->set_property = mqlw_chart_view_set_property;
  widget_class->snapshot = mqlw_chart_view_snapshot;
  widget_class->unmap = mqlw_chart_view_unmap;

  properties[PROP_SHOW_INTERVALS] =
    g_param_spec_boolean ("show-intervals", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  {
    static const char *names[] = { "show-accepted", "show-sql", "show-opportunity", "show-won" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      properties[PROP_SHOW_ACCEPTED + i] =
        g_param_spec_boolean (names[i], NULL, NULL, TRUE,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  }
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "chart.show-intervals", "show-intervals");
  gtk_widget_class_install_property_action (widget_class, "chart.show-accepted", "show-accepted");
  gtk_widget_class_install_property_action (widget_class, "chart.show-sql", "show-sql");
  gtk_widget_class_install_property_action (widget_class, "chart.show-opportunity", "show-opportunity");
  gtk_widget_class_install_property_action (widget_class, "chart.show-won", "show-won");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, 0, "chart.show-intervals", NULL);
  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mqlw_chart_view_init (MqlwChartView *self)
{
  GtkEventController *motion;
  GtkGesture *drag;

  self->hover_bucket = -1;
  self->show_intervals = TRUE;
  self->stages = ALL_STAGES;

  /* The chart menu: which rate lines and whether their intervals show. */
  {
    g_autoptr(GMenu) menu = g_menu_new ();
    g_autoptr(GMenu) lines = g_menu_new ();
    g_autoptr(GMenu) bands = g_menu_new ();

    g_menu_append (lines, _("_Acceptance Rate"), "chart.show-accepted");
    g_menu_append (lines, _("_SQL Rate"), "chart.show-sql");
    g_menu_append (lines, _("_Opportunity Rate"), "chart.show-opportunity");
    g_menu_append (lines, _("_Win Rate"), "chart.show-won");
    g_menu_append (bands, _("95 % _Intervals"), "chart.show-intervals");
    g_menu_append_section (menu, NULL, G_MENU_MODEL (lines));
    g_menu_append_section (menu, NULL, G_MENU_MODEL (bands));
    self->lines_button = gtk_menu_button_new ();
    gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->lines_button), "view-more-symbolic");
    gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->lines_button), G_MENU_MODEL (menu));
    gtk_widget_set_halign (self->lines_button, GTK_ALIGN_END);
    gtk_widget_set_valign (self->lines_button, GTK_ALIGN_START);
    gtk_widget_add_css_class (self->lines_button, "flat");
    gtk_widget_add_css_class (self->lines_button, "circular");
    gtk_widget_set_tooltip_text (self->lines_button, _("Chart Lines"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->lines_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Chart lines"), -1);
    gtk_widget_set_parent (self->lines_button, GTK_WIDGET (self));
  }
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (on_style_changed_cb), self);
  g_signal_connect (adw_style_manager_get_default (), "notify::high-contrast", G_CALLBACK (on_style_changed_cb), self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Calibration chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Leads per score bucket with acceptance, SQL, opportunity and win rates; drag the threshold line to move it"),
                                  -1);
}

void
mqlw_chart_view_set_workbench (MqlwChartView *self,
                               MqlwWorkbench *workbench)
{
  g_return_if_fail (MQLW_IS_CHART_VIEW (self));
  g_return_if_fail (MQLW_IS_WORKBENCH (workbench));

  if (self->workbench != NULL)
    g_signal_handlers_disconnect_by_data (self->workbench, self);
  g_set_object (&self->workbench, workbench);
  g_signal_connect (workbench, "changed", G_CALLBACK (on_workbench_changed_cb), self);
  content_changed (self);
}

void
mqlw_chart_view_set_workshop (MqlwChartView *self,
                              gboolean       workshop)
{
  g_return_if_fail (MQLW_IS_CHART_VIEW (self));

  self->workshop = !!workshop;
  content_changed (self);
}

gboolean
mqlw_chart_view_get_show_intervals (MqlwChartView *self)
{
  g_return_val_if_fail (MQLW_IS_CHART_VIEW (self), TRUE);
  return self->show_intervals;
}

double
mqlw_chart_view_x_of_score (MqlwChartView *self,
                            double         score)
{
  g_return_val_if_fail (MQLW_IS_CHART_VIEW (self), NAN);

  if (!has_valid_layout (self))
    return NAN;
  return mqlw_chart_layout_x_of_score (&self->layout, get_shown_table (self), score);
}

gboolean
mqlw_chart_view_get_layout (MqlwChartView   *self,
                            MqlwChartLayout *layout)
{
  g_return_val_if_fail (MQLW_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (layout != NULL, FALSE);

  if (!has_valid_layout (self))
    return FALSE;
  *layout = self->layout;
  return TRUE;
}

gboolean
mqlw_chart_view_drag_threshold (MqlwChartView *self,
                                double         from_x,
                                double         to_x)
{
  g_return_val_if_fail (MQLW_IS_CHART_VIEW (self), FALSE);

  if (!begin_drag (self, from_x))
    return FALSE;
  /* Two steps, as a pointer would move. */
  update_drag (self, (to_x - from_x) / 2);
  update_drag (self, to_x - from_x);
  self->dragging = FALSE;
  return TRUE;
}

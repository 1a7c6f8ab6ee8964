/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-sweep-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "mqlw-format.h"
#include "mqlw-sweep-view.h"
#include "mqlw-suggestion-text.h"
#include "mqlw-frame-queue.h"

#define SWEEP_STEPS 120

struct _MqlwSweepView
{
  GtkWidget       parent_instance;

  MqlwWorkbench  *workbench;
  GArray         *sweep;        /* MqlwPreview */
  gboolean        dirty;
  guint           pending;      /* MqlwWorkbenchChange waiting for the view's turn */
  gboolean        workshop;
  GPtrArray      *rows;         /* suggestion rows we added */

  GtkDrawingArea *area;
  AdwPreferencesGroup *suggestions;
};

G_DEFINE_FINAL_TYPE (MqlwSweepView, mqlw_sweep_view, GTK_TYPE_WIDGET)

/* The plot's least height, legend and axis titles included: below it the
 * page scrolls (the suggestions go under the fold) rather than the plot
 * shrinking to a strip under its legend. The room's 1.6× type needs more. */
#define PLOT_MIN_HEIGHT          300
#define PLOT_MIN_HEIGHT_WORKSHOP 460

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  MqlwSweepView *self = user_data;
  AdwStyleManager *manager = adw_style_manager_get_default ();
  const MqlwComparison *comparison;
  MqlwChartStyle style;
  gint64 start = g_get_monotonic_time ();

  if (self->sweep == NULL || self->sweep->len == 0)
    return;
  mqlw_chart_style_init (&style);
  style.dark = adw_style_manager_get_dark (manager);
  style.high_contrast = adw_style_manager_get_high_contrast (manager) || self->workshop;
  style.font_scale = self->workshop ? 1.6 : 1.0;
  comparison = mqlw_workbench_get_comparison (self->workbench);
  if (comparison != NULL && isfinite (comparison->baseline.threshold))   /* today's model */
    {
      style.show_baseline = TRUE;
      style.baseline = comparison->baseline;
    }
  mqlw_chart_draw_sweep (cr, width, height, self->sweep, mqlw_workbench_get_threshold (self->workbench), &style);
  g_debug ("sweep drawn in %.2f ms", (g_get_monotonic_time () - start) / 1000.0);
}

static GtkWidget *
create_suggestion_row (MqlwSweepView *self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new ();

  /* The subtitle on one line: a wrapped one is measured again at several
   * widths whenever its text changes, a relayout of tens of milliseconds at
   * 1M leads after each weight edit. The title (the rule) changes only with
   * its target and may take two lines: on one, at 1280 px in German, it was
   * cut to "Niedrigster Schwellenw…" and said nothing. */
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (button, FALSE);   /* until it has a threshold to apply */
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "button", button);
  adw_preferences_group_add (self->suggestions, row);
  g_ptr_array_add (self->rows, row);
  return row;
}

/* Rows are kept and their texts changed only when they differ: a threshold
 * move (suggestions do not depend on it) costs no relayout here. */
static void
fill_suggestions (MqlwSweepView *self)
{
  g_autoptr(GArray) suggestions = mqlw_suggestion_compute (self->workbench);
  guint n = suggestions != NULL ? suggestions->len : 0;
  gint64 start = g_get_monotonic_time ();
  MqlwSuggestOptions options;

  mqlw_suggestion_get_options (self->workbench, &options);

  while (self->rows->len > n)
    {
      adw_preferences_group_remove (self->suggestions, g_ptr_array_index (self->rows, self->rows->len - 1));
      g_ptr_array_remove_index (self->rows, self->rows->len - 1);
    }

  for (guint i = 0; i < n; i++)
    {
      const MqlwSuggestion *s = &g_array_index (suggestions, MqlwSuggestion, i);
      GtkWidget *row = i < self->rows->len ? g_ptr_array_index (self->rows, i) : create_suggestion_row (self);
      GtkWidget *button = g_object_get_data (G_OBJECT (row), "button");
      g_autofree char *title = mqlw_suggestion_heading (s, &options);
      g_autofree char *subtitle = NULL;
      GtkWidget *target_spin = g_object_get_data (G_OBJECT (row), "target");

      /* The target, editable in place (mqlw-suggestion-text.c). */
      if (target_spin == NULL && (target_spin = mqlw_suggestion_target_new (s->kind, NULL, NULL)) != NULL)
        {
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), target_spin);
          g_object_set_data (G_OBJECT (row), "target", target_spin);
        }
      if (target_spin != NULL)
        mqlw_suggestion_target_sync (target_spin, self->workbench);
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) != 0)
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (s->found)
        {
          g_autofree char *score = mqlw_format_score (s->threshold);
          g_autofree char *mql = mqlw_format_count (s->preview.mql);
          g_autofree char *month = mqlw_format_number (s->preview.mql_per_month, 0);
          g_autofree char *sql = mqlw_format_rate (&s->preview.stage[MQLW_STAGE_SQL]);
          g_autofree char *wins = mqlw_format_percent (s->preview.wins_captured_share);
          g_autofree char *label = g_strdup_printf (_("Use %s"), score);
          GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));

          subtitle = g_strdup_printf (g_dngettext (NULL, "%s MQL, %s a month · SQL rate %s · %s of wins",
                                                   "%s MQLs, %s a month · SQL rate %s · %s of wins",
                                                   (gulong) s->preview.mql), mql, month, sql, wins);
          if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), label) != 0)
            {
              g_autofree char *accessible = g_strdup_printf (_("Use threshold %s"), score);

              gtk_button_set_label (GTK_BUTTON (button), label);
              gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
            }
          if (target == NULL || g_variant_get_double (target) != s->threshold)
            gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_double (s->threshold));
          if (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)) == NULL)
            gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.apply-suggestion");
        }
      else
        subtitle = mqlw_suggestion_missing (s, &options, mqlw_workbench_get_preview (self->workbench));
      if (gtk_widget_get_visible (button) != s->found)
        gtk_widget_set_visible (button, s->found);
      if (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), subtitle) != 0)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      {
        /* One line each is cut at 1280 px: the whole of it on hover. */
        g_autofree char *tip = g_strdup_printf ("%s\n%s", title, subtitle != NULL ? subtitle : "");
        const char *old_tip = gtk_widget_get_tooltip_text (row);

        if (g_strcmp0 (old_tip, tip) != 0)
          gtk_widget_set_tooltip_text (row, tip);
      }
    }
  g_debug ("suggestions updated in %.2f ms", (g_get_monotonic_time () - start) / 1000.0);
}

/* The SQL target changed here, in the Suggest popover or in the settings. */
static void
on_target_changed_cb (MqlwSweepView *self)
{
  if (self->workbench != NULL && self->sweep != NULL)
    fill_suggestions (self);
}

static void
recompute (MqlwSweepView *self)
{
  g_clear_pointer (&self->sweep, g_array_unref);
  self->dirty = FALSE;
  if (self->workbench == NULL || !mqlw_workbench_has_data (self->workbench))
    return;
  /* A sweep is a binary search per step over the calibration's prefix sums. */
  self->sweep = mqlw_workbench_sweep (self->workbench, SWEEP_STEPS);
  fill_suggestions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

static void
flush_update (GtkWidget *widget)
{
  MqlwSweepView *self = MQLW_SWEEP_VIEW (widget);
  guint change = self->pending;

  self->pending = 0;
  if (change == MQLW_WORKBENCH_CHANGED_THRESHOLD && self->sweep != NULL)
    {
      /* Only the marker moves; capacity changes the suggestions too. */
      fill_suggestions (self);
      gtk_widget_queue_draw (GTK_WIDGET (self->area));
      return;
    }
  recompute (self);
}

/* Shown at the view's turn in the window's frame queue (see
 * mqlw-frame-queue.c), not in the frame where the table or the preview
 * change. */
static void
on_workbench_changed_cb (MqlwWorkbench *workbench,
                         guint          change,
                         MqlwSweepView *self)
{
  if ((change & ~MQLW_WORKBENCH_CHANGED_MODEL) == 0)
    return;   /* figures not in yet */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      /* Hidden: catch up when shown. */
      self->dirty = TRUE;
      return;
    }
  self->pending |= change & ~MQLW_WORKBENCH_CHANGED_MODEL;
  mqlw_frame_queue_add (GTK_WIDGET (self), flush_update);
}

static void
mqlw_sweep_view_map (GtkWidget *widget)
{
  MqlwSweepView *self = MQLW_SWEEP_VIEW (widget);

  GTK_WIDGET_CLASS (mqlw_sweep_view_parent_class)->map (widget);
  if (self->dirty || self->sweep == NULL)
    recompute (self);
}

static void
mqlw_sweep_view_unmap (GtkWidget *widget)
{
  MqlwSweepView *self = MQLW_SWEEP_VIEW (widget);

  /* Not drawn: catch up when shown again. */
  mqlw_frame_queue_remove (widget);
  if (self->pending != 0)
    self->dirty = TRUE;
  self->pending = 0;
  GTK_WIDGET_CLASS (mqlw_sweep_view_parent_class)->unmap (widget);
}

static void
on_style_changed_cb (AdwStyleManager *manager,
                     GParamSpec      *pspec,
                     MqlwSweepView   *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

static void
mqlw_sweep_view_dispose (GObject *object)
{
  MqlwSweepView *self = (MqlwSweepView *) object;
  GtkWidget *child;

  mqlw_frame_queue_remove (GTK_WIDGET (self));
  if (self->workbench != NULL)
    g_signal_handlers_disconnect_by_data (self->workbench, self);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_object (&self->workbench);
  g_clear_pointer (&self->sweep, g_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), MQLW_TYPE_SWEEP_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (mqlw_sweep_view_parent_class)->dispose (object);
}

static void
mqlw_sweep_view_class_init (MqlwSweepViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mqlw_sweep_view_dispose;
  widget_class->map = mqlw_sweep_view_map;
  widget_class->unmap = mqlw_sweep_view_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mqlworkbench/Workbench/mqlw-sweep-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MqlwSweepView, area);
  gtk_widget_class_bind_template_child (widget_class, MqlwSweepView, suggestions);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sweepview");
}

static void
mqlw_sweep_view_init (MqlwSweepView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  self->dirty = TRUE;
  gtk_widget_set_size_request (GTK_WIDGET (self->area), -1, PLOT_MIN_HEIGHT);
  gtk_drawing_area_set_draw_func (self->area, draw_cb, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Threshold sweep"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("MQLs a month, SQL rate and share of wins captured across thresholds"),
                                  -1);
  g_signal_connect (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (on_style_changed_cb), self);
  g_signal_connect (adw_style_manager_get_default (), "notify::high-contrast", G_CALLBACK (on_style_changed_cb), self);
  g_signal_connect_object (mqlw_suggestion_target_watch (), "notify::state", G_CALLBACK (on_target_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

void
mqlw_sweep_view_set_workbench (MqlwSweepView *self,
                               MqlwWorkbench *workbench)
{
  g_return_if_fail (MQLW_IS_SWEEP_VIEW (self));
  g_return_if_fail (MQLW_IS_WORKBENCH (workbench));

  if (self->workbench != NULL)
    g_signal_handlers_disconnect_by_data (self->workbench, self);
  g_set_object (&self->workbench, workbench);
  g_signal_connect (workbench, "changed", G_CALLBACK (on_workbench_changed_cb), self);
  self->dirty = TRUE;
}

void
mqlw_sweep_view_set_workshop (MqlwSweepView *self,
                              gboolean       workshop)
{
  g_return_if_fail (MQLW_IS_SWEEP_VIEW (self));

  self->workshop = !!workshop;
  gtk_widget_set_size_request (GTK_WIDGET (self->area), -1, workshop ? PLOT_MIN_HEIGHT_WORKSHOP : PLOT_MIN_HEIGHT);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

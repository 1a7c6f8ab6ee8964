/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-threshold-bar"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "mqlw-format.h"
#include "mqlw-grain.h"
#include "mqlw-spin-guard.h"
#include "mqlw-suggestion-text.h"
#include "mqlw-threshold-bar.h"

/* Figures that come within this long show no spinner. */
#define BUSY_DELAY_MS 150

struct _MqlwThresholdBar
{
  GtkBox         parent_instance;

  MqlwWorkbench *workbench;
  guint          busy_source;
  gboolean       syncing;

  /* template */
  GtkScale      *scale;
  GtkSpinButton *spin;
  GtkAdjustment *slider_adjustment;   /* the populated scores */
  GtkAdjustment *field_adjustment;    /* every score */
  GtkSpinner    *busy_spinner;
  GtkPopover    *suggest_popover;
  GtkListBox    *suggest_list;
  GPtrArray     *suggest_rows;      /* AdwActionRow, kept while the popover is open */
};

G_DEFINE_FINAL_TYPE (MqlwThresholdBar, mqlw_threshold_bar, GTK_TYPE_BOX)

enum {
  SIGNAL_THRESHOLD_CHANGED,
  SIGNAL_SUGGESTION_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- threshold ------------------------------------------------------------ */

/* Both move in the model's point grain (whole points for a model in whole points). */
static void
sync_controls (MqlwThresholdBar *self)
{
  double min, max, from, to, threshold, grain;

  if (!mqlw_workbench_has_data (self->workbench))
    return;
  self->syncing = TRUE;
  grain = mqlw_workbench_get_grain (self->workbench);
  mqlw_workbench_get_score_range (self->workbench, &min, &max);
  mqlw_workbench_get_score_span (self->workbench, &from, &to);
  threshold = mqlw_workbench_get_threshold (self->workbench);
  from = MIN (floor (from), threshold);
  to = MAX (ceil (to), threshold);
  if (to <= from)
    to = from + 1;
  gtk_adjustment_configure (self->slider_adjustment, threshold, from, to, grain, 5 * grain, 0);
  gtk_adjustment_configure (self->field_adjustment, threshold,
                            MIN (floor (MIN (min, from)), threshold), MAX (ceil (MAX (max, to)), threshold),
                            grain, 5 * grain, 0);
  gtk_spin_button_set_digits (self->spin, mqlw_grain_digits (grain));
  self->syncing = FALSE;
}

static void
on_value_changed_cb (GtkAdjustment    *adjustment,
                     MqlwThresholdBar *self)
{
  double value;

  if (self->syncing || self->workbench == NULL)
    return;
  /* A drag lands on the grain: "MQL ≥ 134", never 133.9. */
  value = mqlw_grain_snap (gtk_adjustment_get_value (adjustment), mqlw_workbench_get_grain (self->workbench));
  if (value == mqlw_workbench_get_threshold (self->workbench))
    {
      self->syncing = TRUE;
      gtk_adjustment_set_value (adjustment, value);
      self->syncing = FALSE;
      return;
    }
  g_signal_emit (self, signals[SIGNAL_THRESHOLD_CHANGED], 0, value);
}

static void
on_workbench_changed_cb (MqlwWorkbench    *workbench,
                         guint             change,
                         MqlwThresholdBar *self)
{
  if ((change & ~MQLW_WORKBENCH_CHANGED_MODEL) != 0)
    sync_controls (self);
}

/* ---- busy ----------------------------------------------------------------- */

static gboolean
show_busy_cb (gpointer user_data)
{
  MqlwThresholdBar *self = user_data;

  self->busy_source = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), TRUE);
  gtk_spinner_start (self->busy_spinner);
  return G_SOURCE_REMOVE;
}

/* A subtle sign that newer figures are on their way, only when they take a while. */
static void
on_workbench_busy_cb (MqlwWorkbench    *workbench,
                      GParamSpec       *pspec,
                      MqlwThresholdBar *self)
{
  g_clear_handle_id (&self->busy_source, g_source_remove);
  if (mqlw_workbench_is_busy (workbench))
    self->busy_source = g_timeout_add (BUSY_DELAY_MS, show_busy_cb, self);
  else
    {
      gtk_spinner_stop (self->busy_spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), FALSE);
    }
}

/* ---- suggestions ---------------------------------------------------------- */

/* A row keeps its target spin button (mqlw-suggestion-text.c) across
 * updates: editing the target in the popover refills the texts around it. */
static void
update_suggestion_row (MqlwThresholdBar         *self,
                       GtkWidget                *row,
                       const MqlwSuggestion     *s,
                       const MqlwSuggestOptions *options)
{
  g_autofree char *title = mqlw_suggestion_heading (s, options);
  g_autofree char *subtitle = NULL;
  GtkWidget *target = g_object_get_data (G_OBJECT (row), "target");
  GtkWidget *next = g_object_get_data (G_OBJECT (row), "next");

  if (target == NULL && (target = mqlw_suggestion_target_new (s->kind, NULL, NULL)) != NULL)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), target);
      g_object_set_data (G_OBJECT (row), "target", target);
    }
  if (target != NULL)
    mqlw_suggestion_target_sync (target, self->workbench);
  if (next == NULL)
    {
      next = gtk_image_new_from_icon_name ("go-next-symbolic");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), next);
      g_object_set_data (G_OBJECT (row), "next", next);
    }
  if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) != 0)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (s->found)
    {
      g_autofree char *score = mqlw_format_score (s->threshold);
      g_autofree char *mql = mqlw_format_count (s->preview.mql);
      g_autofree char *sql = mqlw_format_rate (&s->preview.stage[MQLW_STAGE_SQL]);
      g_autofree char *month = mqlw_format_number (s->preview.mql_per_month, 0);

      subtitle = g_strdup_printf (g_dngettext (NULL, "Threshold %s · %s MQL (%s a month) · SQL rate %s",
                                               "Threshold %s · %s MQLs (%s a month) · SQL rate %s",
                                               (gulong) s->preview.mql), score, mql, month, sql);
      g_object_set_data_full (G_OBJECT (row), "threshold", g_memdup2 (&s->threshold, sizeof (double)), g_free);
    }
  else
    {
      subtitle = mqlw_suggestion_missing (s, options, mqlw_workbench_get_preview (self->workbench));
      g_object_set_data (G_OBJECT (row), "threshold", NULL);
    }
  /* Not insensitive when missed: its target stays editable. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), s->found);
  gtk_widget_set_visible (next, s->found);
  if (s->found)
    gtk_widget_remove_css_class (row, "suggestion-missed");
  else
    gtk_widget_add_css_class (row, "suggestion-missed");
  if (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), subtitle) != 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

static void
fill_suggestions (MqlwThresholdBar *self)
{
  g_autoptr(GArray) suggestions = NULL;
  MqlwSuggestOptions options;
  guint n;

  /* The targets as the sweep view's rows set them (mqlw-suggestion-text.c). */
  if (self->workbench != NULL)
    suggestions = mqlw_suggestion_compute (self->workbench);
  n = suggestions != NULL ? suggestions->len : 0;
  while (self->suggest_rows->len > n)
    {
      gtk_list_box_remove (self->suggest_list, g_ptr_array_index (self->suggest_rows, self->suggest_rows->len - 1));
      g_ptr_array_remove_index (self->suggest_rows, self->suggest_rows->len - 1);
    }
  if (n == 0)
    return;
  mqlw_suggestion_get_options (self->workbench, &options);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row;

      if (i < self->suggest_rows->len)
        row = g_ptr_array_index (self->suggest_rows, i);
      else
        {
          row = adw_action_row_new ();
          gtk_list_box_append (self->suggest_list, row);
          g_ptr_array_add (self->suggest_rows, row);
        }
      update_suggestion_row (self, row, &g_array_index (suggestions, MqlwSuggestion, i), &options);
    }
}

static void
on_suggest_popover_show_cb (MqlwThresholdBar *self)
{
  fill_suggestions (self);
}

/* The SQL target changed here, in the Sweep view or in the settings. */
static void
on_target_changed_cb (MqlwThresholdBar *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->suggest_popover)))
    fill_suggestions (self);
}

static void
on_suggest_row_activated_cb (GtkListBox       *list,
                             GtkListBoxRow    *row,
                             MqlwThresholdBar *self)
{
  const double *threshold = g_object_get_data (G_OBJECT (row), "threshold");

  if (threshold == NULL)
    return;
  gtk_popover_popdown (self->suggest_popover);
  g_signal_emit (self, signals[SIGNAL_SUGGESTION_ACTIVATED], 0, *threshold);
}

/* ---- GObject -------------------------------------------------------------- */

static void
mqlw_threshold_bar_dispose (GObject *object)
{
  MqlwThresholdBar *self = MQLW_THRESHOLD_BAR (object);

  g_clear_handle_id (&self->busy_source, g_source_remove);
  if (self->workbench != NULL)
    g_signal_handlers_disconnect_by_data (self->workbench, self);
  g_clear_object (&self->workbench);
  gtk_widget_dispose_template (GTK_WIDGET (self), MQLW_TYPE_THRESHOLD_BAR);
  g_clear_pointer (&self->suggest_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (mqlw_threshold_bar_parent_class)->dispose (object);
}

static void
mqlw_threshold_bar_class_init (MqlwThresholdBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mqlw_threshold_bar_dispose;

  /* The slider or the field moved to @threshold (on the grain). */
  signals[SIGNAL_THRESHOLD_CHANGED] =
    g_signal_new ("threshold-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  /* A suggestion was chosen; @threshold is its line. */
  signals[SIGNAL_SUGGESTION_ACTIVATED] =
    g_signal_new ("suggestion-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mqlworkbench/Workbench/mqlw-threshold-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, MqlwThresholdBar, scale);
  gtk_widget_class_bind_template_child (widget_class, MqlwThresholdBar, spin);
  gtk_widget_class_bind_template_child (widget_class, MqlwThresholdBar, slider_adjustment);
  gtk_widget_class_bind_template_child (widget_class, MqlwThresholdBar, field_adjustment);
  gtk_widget_class_bind_template_child (widget_class, MqlwThresholdBar, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, MqlwThresholdBar, suggest_popover);
  gtk_widget_class_bind_template_child (widget_class, MqlwThresholdBar, suggest_list);
  gtk_widget_class_bind_template_callback (widget_class, on_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_suggest_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_suggest_row_activated_cb);
}

static void
mqlw_threshold_bar_init (MqlwThresholdBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mqlw_spin_guard_empty (self->spin);
  self->suggest_rows = g_ptr_array_new ();
  g_signal_connect_object (mqlw_suggestion_target_watch (), "notify::state", G_CALLBACK (on_target_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

void
mqlw_threshold_bar_set_workbench (MqlwThresholdBar *self,
                                  MqlwWorkbench    *workbench)
{
  g_return_if_fail (MQLW_IS_THRESHOLD_BAR (self));
  g_return_if_fail (MQLW_IS_WORKBENCH (workbench));

  if (self->workbench != NULL)
    g_signal_handlers_disconnect_by_data (self->workbench, self);
  g_set_object (&self->workbench, workbench);
  g_signal_connect (workbench, "changed", G_CALLBACK (on_workbench_changed_cb), self);
  g_signal_connect (workbench, "notify::busy", G_CALLBACK (on_workbench_busy_cb), self);
  sync_controls (self);
}

GtkWidget *
mqlw_threshold_bar_get_suggest_popover (MqlwThresholdBar *self)
{
  g_return_val_if_fail (MQLW_IS_THRESHOLD_BAR (self), NULL);
  return GTK_WIDGET (self->suggest_popover);
}

GtkWidget *
mqlw_threshold_bar_get_field (MqlwThresholdBar *self)
{
  g_return_val_if_fail (MQLW_IS_THRESHOLD_BAR (self), NULL);
  return GTK_WIDGET (self->spin);
}

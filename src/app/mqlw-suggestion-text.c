/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-suggestion-text"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "mqlw-format.h"
#include "mqlw-suggestion-text.h"
#include "mqlw-window.h"

char *
mqlw_suggestion_title (MqlwSuggestionKind kind,
                       double             capacity)
{
  MqlwSuggestOptions options;
  g_autofree char *a = NULL, *b = NULL;

  mqlw_suggest_options_init_default (&options);
  switch (kind)
    {
    case MQLW_SUGGEST_TARGET_SQL:
      a = mqlw_format_percent (options.target_sql_rate);
      return g_strdup_printf (_("Lowest threshold with SQL rate ≥ %s"), a);
    case MQLW_SUGGEST_ACCEPTANCE:
      a = mqlw_format_percent (options.acceptance_low);
      b = mqlw_format_percent (options.acceptance_high);
      return g_strdup_printf (_("Lowest threshold with sales acceptance %s to %s"), a, b);
    case MQLW_SUGGEST_TOP_30:
      a = mqlw_format_percent (options.top_high);
      return g_strdup_printf (_("Lowest threshold keeping MQLs within the top %s of leads"), a);
    case MQLW_SUGGEST_TOP_20:
      a = mqlw_format_percent (options.top_low);
      return g_strdup_printf (_("Lowest threshold keeping MQLs within the top %s of leads"), a);
    case MQLW_SUGGEST_CAPACITY:
      if (isnan (capacity))
        return g_strdup (_("Lowest threshold within sales capacity"));
      a = mqlw_format_number (capacity, 0);
      return g_strdup_printf (g_dngettext (NULL, "Lowest threshold within a capacity of %s MQL a month",
                                           "Lowest threshold within a capacity of %s MQLs a month",
                                           mqlw_format_plural_n (capacity, 0)), a);
    default:
      return g_strdup (_(mqlw_suggestion_kind_label (kind)));
    }
}

/* ---- targets ---------------------------------------------------------- */

#define TARGET_SQL_KEY "suggest-target-sql"

/* Without the settings schema (an uninstalled binary): for this run only. */
static double fallback_target_sql = NAN;

/* One target for every place that shows it: its state follows the setting. */
static GSimpleAction *target_watch;
static GSettings *target_settings;

static void
on_target_setting_changed_cb (GSettings  *settings,
                              const char *key,
                              gpointer    user_data)
{
  g_simple_action_set_state (target_watch, g_variant_new_double (mqlw_suggestion_get_target_sql ()));
}

GObject *
mqlw_suggestion_target_watch (void)
{
  if (target_watch == NULL)
    {
      target_watch = g_simple_action_new_stateful ("suggest-target-sql", NULL,
                                                   g_variant_new_double (mqlw_suggestion_get_target_sql ()));
      if ((target_settings = mqlw_window_dup_settings ()) != NULL)
        g_signal_connect (target_settings, "changed::" TARGET_SQL_KEY, G_CALLBACK (on_target_setting_changed_cb), NULL);
    }
  return G_OBJECT (target_watch);
}

double
mqlw_suggestion_get_target_sql (void)
{
  g_autoptr(GSettings) settings = mqlw_window_dup_settings ();
  MqlwSuggestOptions options;

  if (settings != NULL)
    return g_settings_get_double (settings, TARGET_SQL_KEY);
  if (!isnan (fallback_target_sql))
    return fallback_target_sql;
  mqlw_suggest_options_init_default (&options);
  return options.target_sql_rate;
}

void
mqlw_suggestion_set_target_sql (double target)
{
  g_autoptr(GSettings) settings = mqlw_window_dup_settings ();

  g_return_if_fail (target > 0 && target < 1);
  if (settings != NULL)
    g_settings_set_double (settings, TARGET_SQL_KEY, target);
  else
    fallback_target_sql = target;
  if (target_watch != NULL)
    g_simple_action_set_state (target_watch, g_variant_new_double (mqlw_suggestion_get_target_sql ()));
}

void
mqlw_suggestion_get_options (MqlwWorkbench      *workbench,
                             MqlwSuggestOptions *options)
{
  MqlwModel *model = mqlw_workbench_get_model (workbench);

  mqlw_suggest_options_init_default (options);
  options->target_sql_rate = mqlw_suggestion_get_target_sql ();
  if (model != NULL)
    {
      options->capacity_per_month = model->capacity_per_month;
      /* "→ 50", not "→ 49.2", for a model in whole points. */
      options->grain = mqlw_model_point_grain (model);
    }
}

GArray *
mqlw_suggestion_compute (MqlwWorkbench *workbench)
{
  MqlwCalibration *calibration = mqlw_workbench_get_calibration (workbench);
  MqlwSuggestOptions options;

  if (calibration == NULL || !mqlw_workbench_has_data (workbench))
    return NULL;
  mqlw_suggestion_get_options (workbench, &options);
  /* One suffix-sum lookup per candidate threshold: cheap enough to redo
   * here when a target changes. */
  return mqlw_calibration_suggest (calibration, &options);
}

static char *
target_text (MqlwSuggestionKind        kind,
             const MqlwSuggestOptions *options)
{
  g_autofree char *a = NULL, *b = NULL;

  switch (kind)
    {
    case MQLW_SUGGEST_TARGET_SQL:
      a = mqlw_format_percent_as (options->target_sql_rate, 0, MQLW_FORMAT_DISPLAY);
      return g_strdup_printf (_("Lowest threshold with SQL ≥ %s"), a);
    case MQLW_SUGGEST_ACCEPTANCE:
      a = mqlw_format_percent_as (options->acceptance_low, 0, MQLW_FORMAT_DISPLAY);
      b = mqlw_format_percent_as (options->acceptance_high, 0, MQLW_FORMAT_DISPLAY);
      return g_strdup_printf (_("Lowest threshold with sales acceptance %s to %s"), a, b);
    case MQLW_SUGGEST_TOP_30:
      a = mqlw_format_percent_as (options->top_high, 0, MQLW_FORMAT_DISPLAY);
      return g_strdup_printf (_("Lowest threshold keeping MQLs within the top %s of leads"), a);
    case MQLW_SUGGEST_TOP_20:
      a = mqlw_format_percent_as (options->top_low, 0, MQLW_FORMAT_DISPLAY);
      return g_strdup_printf (_("Lowest threshold keeping MQLs within the top %s of leads"), a);
    case MQLW_SUGGEST_CAPACITY:
      if (isnan (options->capacity_per_month))
        return g_strdup (_("Lowest threshold within sales capacity"));
      a = mqlw_format_number (options->capacity_per_month, 0);
      return g_strdup_printf (g_dngettext (NULL, "Lowest threshold within a capacity of %s MQL a month",
                                           "Lowest threshold within a capacity of %s MQLs a month",
                                           mqlw_format_plural_n (options->capacity_per_month, 0)), a);
    default:
      return g_strdup (_(mqlw_suggestion_kind_label (kind)));
    }
}

char *
mqlw_suggestion_missing (const MqlwSuggestion     *suggestion,
                         const MqlwSuggestOptions *options,
                         const MqlwPreview        *now)
{
  static const struct { MqlwSuggestionKind kind; MqlwStage stage; } needs[] = {
    { MQLW_SUGGEST_TARGET_SQL, MQLW_STAGE_SQL },
    { MQLW_SUGGEST_ACCEPTANCE, MQLW_STAGE_ACCEPTED },
  };

  if (suggestion->found)
    return NULL;
  if (suggestion->kind == MQLW_SUGGEST_CAPACITY && isnan (options->capacity_per_month))
    return g_strdup (_("Set a capacity (MQLs a month sales can take) for this suggestion"));
  /* Say what is missing: a stage the history does not have is no target missed. */
  for (guint i = 0; now != NULL && i < G_N_ELEMENTS (needs); i++)
    if (suggestion->kind == needs[i].kind && !now->stage[needs[i].stage].present)
      return needs[i].stage == MQLW_STAGE_SQL ? g_strdup (_("The history has no SQL outcomes to meet this with"))
                                              : g_strdup (_("The history has no sales acceptance outcomes to meet this with"));
  return g_strdup (_("No threshold meets this target on the history"));
}

char *
mqlw_suggestion_heading (const MqlwSuggestion     *suggestion,
                         const MqlwSuggestOptions *options)
{
  g_autofree char *target = target_text (suggestion->kind, options);
  g_autofree char *threshold = NULL;

  if (!suggestion->found)
    {
      if (suggestion->kind == MQLW_SUGGEST_CAPACITY && isnan (options->capacity_per_month))
        /* Translators: a suggestion that needs a capacity first. */
        return g_strdup_printf (_("%s → set a capacity"), target);
      /* Translators: a suggestion no threshold meets. */
      return g_strdup_printf (_("%s → none on the history"), target);
    }
  threshold = mqlw_format_score (suggestion->threshold);
  /* Translators: a suggestion's target and the threshold that meets it: "Lowest threshold with SQL ≥ 30 % → 50". */
  return g_strdup_printf (_("%s → %s"), target, threshold);
}

/* ---- the editable target ------------------------------------------------ */

static void
on_target_changed_cb (GtkSpinButton *spin,
                      gpointer       user_data)
{
  MqlwSuggestionKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (spin), "kind"));
  GCallback changed = g_object_get_data (G_OBJECT (spin), "changed");
  double value = gtk_spin_button_get_value (spin);

  if (g_object_get_data (G_OBJECT (spin), "syncing") != NULL)
    return;
  if (kind == MQLW_SUGGEST_CAPACITY)
    {
      gtk_widget_activate_action (GTK_WIDGET (spin), "win.set-capacity", "d", value);
      return;
    }
  mqlw_suggestion_set_target_sql (value / 100);
  if (changed != NULL)
    ((void (*) (gpointer)) changed) (g_object_get_data (G_OBJECT (spin), "changed-data"));
}

GtkWidget *
mqlw_suggestion_target_new (MqlwSuggestionKind kind,
                            GCallback          changed,
                            gpointer           data)
{
  GtkWidget *spin;

  switch (kind)
    {
    case MQLW_SUGGEST_TARGET_SQL:
      spin = gtk_spin_button_new_with_range (1, 99, 1);
      gtk_widget_set_tooltip_text (spin, _("The SQL rate the MQLs should reach, in percent"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Target SQL rate in percent"), -1);
      break;
    case MQLW_SUGGEST_CAPACITY:
      spin = gtk_spin_button_new_with_range (0, 1000000, 10);
      gtk_widget_set_tooltip_text (spin, _("MQLs a month that sales can follow up within the agreed time; 0 for not set"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Sales capacity a month"), -1);
      break;
    default:
      return NULL;
    }
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 5);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (spin, "suggestion-target");
  g_object_set_data (G_OBJECT (spin), "kind", GINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (spin), "changed", changed);
  g_object_set_data (G_OBJECT (spin), "changed-data", data);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_target_changed_cb), NULL);
  return spin;
}

void
mqlw_suggestion_target_sync (GtkWidget     *target,
                             MqlwWorkbench *workbench)
{
  MqlwSuggestionKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (target), "kind"));
  MqlwModel *model = mqlw_workbench_get_model (workbench);
  double value;

  if (kind == MQLW_SUGGEST_CAPACITY)
    value = model != NULL && !isnan (model->capacity_per_month) ? model->capacity_per_month : 0;
  else
    value = round (mqlw_suggestion_get_target_sql () * 100);
  if (gtk_spin_button_get_value (GTK_SPIN_BUTTON (target)) == value)
    return;
  g_object_set_data (G_OBJECT (target), "syncing", GINT_TO_POINTER (1));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (target), value);
  g_object_set_data (G_OBJECT (target), "syncing", NULL);
}

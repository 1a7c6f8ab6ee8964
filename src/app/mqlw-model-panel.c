/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-model-panel"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "mqlw-format.h"
#include "mqlw-model-panel.h"

/* A spin button drag sends many values; the model is rescored once they settle. */
#define EDIT_DELAY_MS 60

struct _MqlwModelPanel
{
  GtkWidget      parent_instance;

  MqlwWorkbench *workbench;
  GHashTable    *points_spins;   /* id → GtkSpinButton */
  GHashTable    *cap_spins;      /* id → GtkSpinButton */
  GHashTable    *switches;       /* id → GtkSwitch */
  guint          pending_source;
  char          *pending_action;
  char          *pending_id;
  GVariant      *pending_param;
  gboolean       syncing;

  GtkBox        *groups;
};

G_DEFINE_FINAL_TYPE (MqlwModelPanel, mqlw_model_panel, GTK_TYPE_WIDGET)

static void rebuild (MqlwModelPanel *self);

/* ---- edits -------------------------------------------------------------- */

static void
report_error (MqlwModelPanel *self,
              const GError   *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              _("Could Not Change the Model"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toast (MqlwModelPanel *self,
       const char     *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *t;

  if (overlay == NULL)
    return;
  t = adw_toast_new (title);
  adw_toast_set_button_label (t, _("_Undo"));
  adw_toast_set_action_name (t, "win.undo");
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
}

static void
set_points_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  MqlwModelPanel *self = MQLW_MODEL_PANEL (widget);
  g_autoptr(GError) error = NULL;
  const char *id;
  double value;

  g_variant_get (param, "(&sd)", &id, &value);
  if (!mqlw_workbench_set_points (self->workbench, id, value, &error))
    report_error (self, error);
}

static void
set_cap_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  MqlwModelPanel *self = MQLW_MODEL_PANEL (widget);
  g_autoptr(GError) error = NULL;
  const char *id;
  double value;

  g_variant_get (param, "(&sd)", &id, &value);
  if (!mqlw_workbench_set_cap (self->workbench, id, value > 0 ? value : NAN, &error))
    report_error (self, error);
}

static void
set_enabled_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  MqlwModelPanel *self = MQLW_MODEL_PANEL (widget);
  g_autoptr(GError) error = NULL;
  const char *id;
  gboolean enabled;

  g_variant_get (param, "(&sb)", &id, &enabled);
  if (!mqlw_workbench_set_enabled (self->workbench, id, enabled, &error))
    report_error (self, error);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  MqlwModelPanel *self = MQLW_MODEL_PANEL (widget);
  g_autoptr(GError) error = NULL;
  const char *id = g_variant_get_string (param, NULL);
  g_autofree char *title = g_strdup_printf (_("Removed “%s”"), id);

  if (!mqlw_workbench_remove_rule (self->workbench, id, &error))
    report_error (self, error);
  else
    toast (self, title);
}

static void
set_path_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  MqlwModelPanel *self = MQLW_MODEL_PANEL (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwModel) copy = NULL;
  const char *path;
  gboolean enabled;

  if (mqlw_workbench_get_model (self->workbench) == NULL)
    return;
  g_variant_get (param, "(&sb)", &path, &enabled);
  copy = mqlw_model_copy (mqlw_workbench_get_model (self->workbench));
  if (g_str_equal (path, "score"))
    copy->paths.score = enabled;
  else if (g_str_equal (path, "grade-behaviour"))
    copy->paths.grade_behaviour = enabled;
  else if (g_str_equal (path, "hand-raiser"))
    copy->paths.hand_raiser = enabled;
  else
    return;
  if (mqlw_model_equal (copy, mqlw_workbench_get_model (self->workbench)))
    return;
  if (!mqlw_workbench_apply_model (self->workbench, copy, 0, &error))
    report_error (self, error);
}

static gboolean
flush_pending_cb (gpointer user_data)
{
  MqlwModelPanel *self = user_data;
  g_autofree char *action = g_steal_pointer (&self->pending_action);
  g_autoptr(GVariant) param = g_steal_pointer (&self->pending_param);

  self->pending_source = 0;
  gtk_widget_activate_action_variant (GTK_WIDGET (self), action, param);
  return G_SOURCE_REMOVE;
}

static void
queue_edit (MqlwModelPanel *self,
            const char     *action,
            GVariant       *param)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (param);
  const char *id = NULL;

  g_variant_get (owned, "(&sd)", &id, NULL);
  /* A different criterion or setting: send the previous edit first. */
  if (self->pending_source != 0 &&
      (g_strcmp0 (self->pending_action, action) != 0 || g_strcmp0 (self->pending_id, id) != 0))
    {
      g_source_remove (self->pending_source);
      flush_pending_cb (self);
    }
  g_clear_handle_id (&self->pending_source, g_source_remove);
  g_free (self->pending_action);
  self->pending_action = g_strdup (action);
  g_free (self->pending_id);
  self->pending_id = g_strdup (id);
  g_clear_pointer (&self->pending_param, g_variant_unref);
  self->pending_param = g_steal_pointer (&owned);
  self->pending_source = g_timeout_add (EDIT_DELAY_MS, flush_pending_cb, self);
}

static void
on_points_changed_cb (GtkSpinButton  *spin,
                      MqlwModelPanel *self)
{
  if (self->syncing)
    return;
  queue_edit (self, "model.set-points",
              g_variant_new ("(sd)", g_object_get_data (G_OBJECT (spin), "rule-id"),
                             gtk_spin_button_get_value (spin)));
}

static void
on_cap_changed_cb (GtkSpinButton  *spin,
                   MqlwModelPanel *self)
{
  if (self->syncing)
    return;
  queue_edit (self, "model.set-cap",
              g_variant_new ("(sd)", g_object_get_data (G_OBJECT (spin), "rule-id"),
                             gtk_spin_button_get_value (spin)));
}

static void
on_switch_active_cb (GtkSwitch      *sw,
                     GParamSpec     *pspec,
                     MqlwModelPanel *self)
{
  const char *id = g_object_get_data (G_OBJECT (sw), "rule-id");
  const char *path = g_object_get_data (G_OBJECT (sw), "path");

  if (self->syncing)
    return;
  if (path != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "model.set-path", "(sb)", path, gtk_switch_get_active (sw));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "model.set-enabled", "(sb)", id, gtk_switch_get_active (sw));
}

/* ---- rows --------------------------------------------------------------- */

static GtkWidget *
create_spin (MqlwModelPanel *self,
             const char     *id,
             double          value,
             double          lower,
             const char     *accessible,
             GCallback       callback)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, 1000, 1);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), isnan (value) ? 0 : value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 4);
  g_object_set_data_full (G_OBJECT (spin), "rule-id", g_strdup (id), g_free);
  g_signal_connect (spin, "value-changed", callback, self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return spin;
}

static GtkWidget *
create_switch (MqlwModelPanel *self,
               const char     *id,
               const char     *path,
               gboolean        active,
               const char     *accessible)
{
  GtkWidget *sw = gtk_switch_new ();

  gtk_switch_set_active (GTK_SWITCH (sw), active);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (sw), "rule-id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (sw), "path", (gpointer) path);
  g_signal_connect (sw, "notify::active", G_CALLBACK (on_switch_active_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return sw;
}

static GtkWidget *
create_group (MqlwModelPanel *self,
              const char     *title,
              const char     *description,
              const char     *add_action)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  if (add_action != NULL)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("list-add-symbolic");
      g_autofree char *label = g_strdup_printf (_("Add to %s"), title);

      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), add_action);
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
    }
  gtk_box_append (self->groups, group);
  return group;
}

static GtkWidget *
create_row (const char *title,
            const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* A criterion: points and on/off always in view; the rest one click down. */
static GtkWidget *
create_criterion_row (const char *title,
                      const char *subtitle)
{
  GtkWidget *row = adw_expander_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  return row;
}

static void
add_remove_row (GtkWidget  *expander,
                const char *id,
                const char *label)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Remove"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Remove this criterion"));
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "model.remove");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (id));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
}

static void
add_fit_rows (MqlwModelPanel *self,
              MqlwModel      *model)
{
  GtkWidget *group = create_group (self, _("Fit"), _("Points for who the lead is"), "model.add-fit");

  for (guint i = 0; i < model->fit->len; i++)
    {
      MqlwFitRule *rule = g_ptr_array_index (model->fit, i);
      g_autofree char *describe = mqlw_match_describe (&rule->match);
      const char *title = rule->label != NULL ? rule->label : rule->id;
      g_autofree char *points_label = g_strdup_printf (_("Points for %s"), title);
      g_autofree char *switch_label = g_strdup_printf (_("Use %s"), title);
      g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), title);
      GtkWidget *row = create_criterion_row (title, describe);
      GtkWidget *spin = create_spin (self, rule->id, rule->points, -1000, points_label, G_CALLBACK (on_points_changed_cb));
      GtkWidget *sw = create_switch (self, rule->id, NULL, rule->enabled, switch_label);

      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), sw);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), spin);
      add_remove_row (row, rule->id, remove_label);
      g_hash_table_insert (self->points_spins, g_strdup (rule->id), spin);
      g_hash_table_insert (self->switches, g_strdup (rule->id), sw);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static void
add_behaviour_rows (MqlwModelPanel *self,
                    MqlwModel      *model)
{
  GtkWidget *group = create_group (self, _("Behaviour"), _("Points per activity, with an optional cap"),
                                   "model.add-behaviour");

  for (guint i = 0; i < model->behaviour->len; i++)
    {
      MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, i);
      const char *title = rule->label != NULL ? rule->label : rule->id;
      g_autofree char *subtitle = NULL;
      g_autofree char *cap_text = NULL;
      g_autofree char *points_label = g_strdup_printf (_("Points per %s"), title);
      g_autofree char *cap_label = g_strdup_printf (_("Cap for %s"), title);
      g_autofree char *switch_label = g_strdup_printf (_("Use %s"), title);
      g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), title);
      GtkWidget *row, *spin, *cap, *sw, *cap_row;

      cap_text = isnan (rule->cap) ? g_strdup (_("no cap")) : g_strdup_printf (_("cap %.0f"), rule->cap);
      subtitle = g_strdup_printf (rule->decay ? _("each · %s · decays") : _("each · %s"), cap_text);
      row = create_criterion_row (title, subtitle);
      spin = create_spin (self, rule->id, rule->points, -1000, points_label, G_CALLBACK (on_points_changed_cb));
      cap = create_spin (self, rule->id, rule->cap, 0, cap_label, G_CALLBACK (on_cap_changed_cb));
      sw = create_switch (self, rule->id, NULL, rule->enabled, switch_label);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), sw);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), spin);

      cap_row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (cap_row), _("Cap"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (cap_row), _("Most points the activity can give; 0 for no cap"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (cap_row), cap);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), cap_row);
      add_remove_row (row, rule->id, remove_label);

      g_hash_table_insert (self->points_spins, g_strdup (rule->id), spin);
      g_hash_table_insert (self->cap_spins, g_strdup (rule->id), cap);
      g_hash_table_insert (self->switches, g_strdup (rule->id), sw);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static void
add_decay_rows (MqlwModelPanel *self,
                MqlwModel      *model)
{
  GtkWidget *group = create_group (self, _("Decay"), _("Behaviour points by the age of the activity"), NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  switch (model->decay.kind)
    {
    case MQLW_DECAY_STEPS:
      for (guint i = 0; model->decay.steps != NULL && i < model->decay.steps->len; i++)
        {
          const MqlwDecayStep *step = &g_array_index (model->decay.steps, MqlwDecayStep, i);
          g_autofree char *factor = mqlw_format_percent (step->factor);

          g_string_append_printf (text, _("%s≤ %.0f days: %s"), i ? " · " : "", step->max_age_days, factor);
        }
      {
        g_autofree char *beyond = mqlw_format_percent (model->decay.beyond);
        g_string_append_printf (text, _(" · older: %s"), beyond);
      }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), create_row (_("Step table"), text->str));
      break;
    case MQLW_DECAY_HALF_LIFE:
      g_string_printf (text, _("Points halve every %.0f days"), model->decay.half_life_days);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), create_row (_("Half-life"), text->str));
      break;
    case MQLW_DECAY_NONE:
    default:
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 create_row (_("No decay"), _("Old activity counts in full")));
      break;
    }
}

static void
add_grade_rows (MqlwModelPanel *self,
                MqlwModel      *model)
{
  GtkWidget *group = create_group (self, _("Grades"), _("A to D from fit points"), NULL);
  g_autofree char *bands = NULL;
  g_autofree char *multipliers = NULL;

  if (!model->grading.enabled)
    {
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 create_row (_("Not graded"), _("Behaviour counts the same for every lead")));
      return;
    }
  bands = g_strdup_printf (_("A ≥ %.0f · B ≥ %.0f · C ≥ %.0f · D below"),
                           model->grading.min_fit[MQLW_GRADE_A], model->grading.min_fit[MQLW_GRADE_B],
                           model->grading.min_fit[MQLW_GRADE_C]);
  multipliers = g_strdup_printf (_("A ×%.2g · B ×%.2g · C ×%.2g · D ×%.2g"),
                                 model->grading.multiplier[0], model->grading.multiplier[1],
                                 model->grading.multiplier[2], model->grading.multiplier[3]);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), create_row (_("Fit bands"), bands));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), create_row (_("Behaviour multiplier"), multipliers));
}

static void
add_path_rows (MqlwModelPanel *self,
               MqlwModel      *model)
{
  GtkWidget *group = create_group (self, _("Paths"), _("A lead is an MQL when any path passes"), NULL);
  g_autofree char *gb = g_strdup_printf (_("Grade %s or better and behaviour ≥ %.0f"),
                                         mqlw_grade_to_string (model->paths.grade_behaviour_min_grade),
                                         model->paths.behaviour_min);
  g_autofree char *activities = model->paths.hand_raiser_activities != NULL ?
                                g_strjoinv (", ", model->paths.hand_raiser_activities) : g_strdup ("");
  g_autofree char *hr = g_strdup_printf (_("%s, grade %s or better"), activities,
                                         mqlw_grade_to_string (model->paths.hand_raiser_min_grade));
  struct { const char *path; const char *title; const char *subtitle; gboolean on; } rows[] = {
    { "score", _("Score path"), _("Total points at or over the threshold"), model->paths.score },
    { "grade-behaviour", _("Grade and behaviour"), gb, model->paths.grade_behaviour },
    { "hand-raiser", _("Hand-raiser"), hr, model->paths.hand_raiser },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *row = create_row (rows[i].title, rows[i].subtitle);
      GtkWidget *sw = create_switch (self, NULL, rows[i].path, rows[i].on, rows[i].title);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static void
add_disqualifier_rows (MqlwModelPanel *self,
                       MqlwModel      *model)
{
  GtkWidget *group = create_group (self, _("Disqualifiers"), _("Never an MQL, whatever the score"),
                                   "model.add-disqualifier");

  for (guint i = 0; i < model->disqualifiers->len; i++)
    {
      MqlwDisqualifier *rule = g_ptr_array_index (model->disqualifiers, i);
      g_autofree char *describe = mqlw_match_describe (&rule->match);
      const char *title = rule->label != NULL ? rule->label : rule->id;
      g_autofree char *switch_label = g_strdup_printf (_("Use %s"), title);
      g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), title);
      GtkWidget *row = create_criterion_row (title, describe);
      GtkWidget *sw = create_switch (self, rule->id, NULL, rule->enabled, switch_label);

      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), sw);
      add_remove_row (row, rule->id, remove_label);
      g_hash_table_insert (self->switches, g_strdup (rule->id), sw);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static void
rebuild (MqlwModelPanel *self)
{
  MqlwModel *model = mqlw_workbench_get_model (self->workbench);
  GtkWidget *child;

  self->syncing = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups))))
    gtk_box_remove (self->groups, child);
  g_hash_table_remove_all (self->points_spins);
  g_hash_table_remove_all (self->cap_spins);
  g_hash_table_remove_all (self->switches);

  if (model != NULL)
    {
      if (model->score_column != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("The threshold applies to the column “%s”"), model->score_column);
          GtkWidget *group = create_group (self, _("Existing Score"), NULL, NULL);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), create_row (_("Score from the data"), text));
        }
      add_fit_rows (self, model);
      add_behaviour_rows (self, model);
      add_decay_rows (self, model);
      add_grade_rows (self, model);
      add_path_rows (self, model);
      add_disqualifier_rows (self, model);
    }
  self->syncing = FALSE;
}

/* After an edit made here: the rows stay (focus too), values follow the model. */
static void
sync_values (MqlwModelPanel *self)
{
  MqlwModel *model = mqlw_workbench_get_model (self->workbench);

  self->syncing = TRUE;
  for (guint i = 0; i < model->fit->len; i++)
    {
      MqlwFitRule *rule = g_ptr_array_index (model->fit, i);
      GtkSpinButton *spin = g_hash_table_lookup (self->points_spins, rule->id);
      GtkSwitch *sw = g_hash_table_lookup (self->switches, rule->id);

      if (spin != NULL && gtk_spin_button_get_value (spin) != rule->points && self->pending_source == 0)
        gtk_spin_button_set_value (spin, rule->points);
      if (sw != NULL)
        gtk_switch_set_active (sw, rule->enabled);
    }
  for (guint i = 0; i < model->behaviour->len; i++)
    {
      MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, i);
      GtkSpinButton *spin = g_hash_table_lookup (self->points_spins, rule->id);
      GtkSpinButton *cap = g_hash_table_lookup (self->cap_spins, rule->id);
      GtkSwitch *sw = g_hash_table_lookup (self->switches, rule->id);

      if (spin != NULL && gtk_spin_button_get_value (spin) != rule->points && self->pending_source == 0)
        gtk_spin_button_set_value (spin, rule->points);
      if (cap != NULL && self->pending_source == 0)
        gtk_spin_button_set_value (cap, isnan (rule->cap) ? 0 : rule->cap);
      if (sw != NULL)
        gtk_switch_set_active (sw, rule->enabled);
    }
  for (guint i = 0; i < model->disqualifiers->len; i++)
    {
      MqlwDisqualifier *rule = g_ptr_array_index (model->disqualifiers, i);
      GtkSwitch *sw = g_hash_table_lookup (self->switches, rule->id);

      if (sw != NULL)
        gtk_switch_set_active (sw, rule->enabled);
    }
  self->syncing = FALSE;
}

static void
on_workbench_changed_cb (MqlwWorkbench  *workbench,
                         guint           change,
                         MqlwModelPanel *self)
{
  if (change & (MQLW_WORKBENCH_CHANGED_DATA | MQLW_WORKBENCH_CHANGED_STRUCTURE))
    rebuild (self);
  else if (change & MQLW_WORKBENCH_CHANGED_SCORES)
    sync_values (self);
}

/* ---- adding and editing criteria ----------------------------------------- */

typedef struct {
  MqlwModelPanel *self;
  char           *kind;       /* "fit", "behaviour", "disqualifier" */
  char           *edit_id;    /* NULL when adding */
  GtkWidget      *label_row;
  GtkWidget      *field_row;
  GtkWidget      *op_row;
  GtkWidget      *values_row;
  GtkWidget      *points_spin;
  GtkWidget      *cap_spin;
} CriterionDialog;

static void
criterion_dialog_free (gpointer  data,
                       GClosure *closure)
{
  CriterionDialog *d = data;

  g_object_unref (d->self);
  g_free (d->kind);
  g_free (d->edit_id);
  g_free (d);
}

static const MqlwMatchOp dialog_ops[] = {
  MQLW_MATCH_EQUALS, MQLW_MATCH_IN_SET, MQLW_MATCH_RANGE, MQLW_MATCH_EMAIL_DOMAIN, MQLW_MATCH_MISSING,
};

static char *
make_unique_id (MqlwModel  *model,
                const char *base)
{
  g_autofree char *candidate = g_strdelimit (g_ascii_strdown (base, -1), " -./", '_');

  for (guint n = 1; ; n++)
    {
      g_autofree char *id = n == 1 ? g_strdup (candidate) : g_strdup_printf ("%s_%u", candidate, n);
      gboolean taken = FALSE;

      for (guint i = 0; !taken && i < model->fit->len; i++)
        taken = g_strcmp0 (((MqlwFitRule *) g_ptr_array_index (model->fit, i))->id, id) == 0;
      for (guint i = 0; !taken && i < model->behaviour->len; i++)
        taken = g_strcmp0 (((MqlwBehaviourRule *) g_ptr_array_index (model->behaviour, i))->id, id) == 0;
      for (guint i = 0; !taken && i < model->disqualifiers->len; i++)
        taken = g_strcmp0 (((MqlwDisqualifier *) g_ptr_array_index (model->disqualifiers, i))->id, id) == 0;
      if (!taken)
        return g_steal_pointer (&id);
    }
}

static void
fill_match (MqlwMatch  *match,
            const char *field,
            MqlwMatchOp op,
            const char *values)
{
  g_free (match->field);
  match->field = g_strdup (field);
  match->op = op;
  g_clear_pointer (&match->values, g_strfreev);
  match->min = match->max = NAN;
  if (op == MQLW_MATCH_RANGE)
    {
      g_auto(GStrv) parts = g_strsplit (values, "-", 2);
      if (parts[0] != NULL && g_strstrip (parts[0])[0] != '\0')
        match->min = g_ascii_strtod (parts[0], NULL);
      if (parts[0] != NULL && parts[1] != NULL && g_strstrip (parts[1])[0] != '\0')
        match->max = g_ascii_strtod (parts[1], NULL);
    }
  else if (op != MQLW_MATCH_MISSING)
    {
      g_auto(GStrv) parts = g_strsplit (values, ",", -1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; parts[i] != NULL; i++)
        if (g_strstrip (parts[i])[0] != '\0')
          g_strv_builder_add (builder, parts[i]);
      match->values = g_strv_builder_end (builder);
    }
}

static const char *
get_selected_string (GtkWidget *combo_row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (combo_row));

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static void
on_criterion_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          CriterionDialog  *d)
{
  MqlwWorkbench *workbench = d->self->workbench;
  g_autoptr(MqlwModel) copy = NULL;
  g_autoptr(GError) error = NULL;
  const char *label = gtk_editable_get_text (GTK_EDITABLE (d->label_row));
  const char *field = get_selected_string (d->field_row);
  const char *values = d->values_row != NULL ? gtk_editable_get_text (GTK_EDITABLE (d->values_row)) : "";
  MqlwMatchOp op = d->op_row != NULL ? dialog_ops[adw_combo_row_get_selected (ADW_COMBO_ROW (d->op_row))] : 0;
  double points = d->points_spin != NULL ? gtk_spin_button_get_value (GTK_SPIN_BUTTON (d->points_spin)) : 0;

  if (!g_str_equal (response, "save") || field == NULL || mqlw_workbench_get_model (workbench) == NULL)
    return;
  copy = mqlw_model_copy (mqlw_workbench_get_model (workbench));

  if (g_str_equal (d->kind, "fit"))
    {
      MqlwFitRule *rule = NULL;

      for (guint i = 0; d->edit_id != NULL && i < copy->fit->len; i++)
        if (g_str_equal (((MqlwFitRule *) g_ptr_array_index (copy->fit, i))->id, d->edit_id))
          rule = g_ptr_array_index (copy->fit, i);
      if (rule == NULL)
        {
          g_autofree char *id = make_unique_id (copy, label[0] ? label : field);
          rule = mqlw_model_add_fit (copy, id, field, op, points);
        }
      fill_match (&rule->match, field, op, values);
      rule->points = points;
      g_free (rule->label);
      rule->label = g_strdup (label[0] ? label : field);
    }
  else if (g_str_equal (d->kind, "behaviour"))
    {
      double cap = gtk_spin_button_get_value (GTK_SPIN_BUTTON (d->cap_spin));
      MqlwBehaviourRule *rule = NULL;

      for (guint i = 0; d->edit_id != NULL && i < copy->behaviour->len; i++)
        if (g_str_equal (((MqlwBehaviourRule *) g_ptr_array_index (copy->behaviour, i))->id, d->edit_id))
          rule = g_ptr_array_index (copy->behaviour, i);
      if (rule == NULL)
        {
          g_autofree char *id = make_unique_id (copy, label[0] ? label : field);
          rule = mqlw_model_add_behaviour (copy, id, field, points, cap > 0 ? cap : NAN);
        }
      g_free (rule->activity);
      rule->activity = g_strdup (field);
      rule->points = points;
      rule->cap = cap > 0 ? cap : NAN;
      g_free (rule->label);
      rule->label = g_strdup (label[0] ? label : field);
    }
  else
    {
      g_autofree char *id = make_unique_id (copy, label[0] ? label : field);
      MqlwDisqualifier *rule = mqlw_model_add_disqualifier (copy, id, "other", field, op);

      fill_match (&rule->match, field, op, values);
      g_free (rule->label);
      rule->label = g_strdup (label[0] ? label : field);
    }

  if (!mqlw_workbench_apply_model (workbench, copy, MQLW_WORKBENCH_CHANGED_STRUCTURE, &error))
    report_error (d->self, error);
}

static void
open_criterion_dialog (MqlwModelPanel *self,
                       const char     *kind)
{
  MqlwDataset *dataset = mqlw_workbench_get_dataset (self->workbench);
  CriterionDialog *d;
  GtkWidget *dialog, *list;
  GtkStringList *fields, *ops;
  const char *heading;

  if (dataset == NULL)
    return;
  d = g_new0 (CriterionDialog, 1);
  d->self = g_object_ref (self);
  d->kind = g_strdup (kind);

  heading = g_str_equal (kind, "fit") ? _("Add a Fit Criterion") :
            g_str_equal (kind, "behaviour") ? _("Add a Behaviour Criterion") : _("Add a Disqualifier");
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  d->label_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->label_row), _("Name"));
  gtk_list_box_append (GTK_LIST_BOX (list), d->label_row);

  fields = gtk_string_list_new (NULL);
  for (guint i = 0; i < dataset->columns->len; i++)
    {
      MqlwColumn *column = g_ptr_array_index (dataset->columns, i);
      gboolean activity = column->role == MQLW_ROLE_ACTIVITY_COUNT;

      if (g_str_equal (kind, "behaviour") ? activity : column->role != MQLW_ROLE_OUTCOME)
        gtk_string_list_append (fields, column->name);
    }
  d->field_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->field_row),
                                 g_str_equal (kind, "behaviour") ? _("Activity") : _("Field"));
  adw_combo_row_set_model (ADW_COMBO_ROW (d->field_row), G_LIST_MODEL (fields));
  g_object_unref (fields);
  gtk_list_box_append (GTK_LIST_BOX (list), d->field_row);

  if (!g_str_equal (kind, "behaviour"))
    {
      ops = gtk_string_list_new (NULL);
      gtk_string_list_append (ops, _("equals"));
      gtk_string_list_append (ops, _("is one of"));
      gtk_string_list_append (ops, _("is between"));
      gtk_string_list_append (ops, _("e-mail domain is"));
      gtk_string_list_append (ops, _("is missing"));
      d->op_row = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->op_row), _("Condition"));
      adw_combo_row_set_model (ADW_COMBO_ROW (d->op_row), G_LIST_MODEL (ops));
      g_object_unref (ops);
      gtk_list_box_append (GTK_LIST_BOX (list), d->op_row);

      d->values_row = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->values_row), _("Values (comma-separated, or min-max)"));
      gtk_list_box_append (GTK_LIST_BOX (list), d->values_row);
    }
  if (!g_str_equal (kind, "disqualifier"))
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     g_str_equal (kind, "behaviour") ? _("Points per occurrence") : _("Points"));
      d->points_spin = gtk_spin_button_new_with_range (-1000, 1000, 1);
      gtk_widget_set_valign (d->points_spin, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), d->points_spin);
      gtk_accessible_update_property (GTK_ACCESSIBLE (d->points_spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Points"), -1);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  if (g_str_equal (kind, "behaviour"))
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Cap (0 for none)"));
      d->cap_spin = gtk_spin_button_new_with_range (0, 1000, 1);
      gtk_widget_set_valign (d->cap_spin, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), d->cap_spin);
      gtk_accessible_update_property (GTK_ACCESSIBLE (d->cap_spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cap"), -1);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_criterion_response_cb), d,
                         criterion_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_fit_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  open_criterion_dialog (MQLW_MODEL_PANEL (widget), "fit");
}

static void
add_behaviour_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  open_criterion_dialog (MQLW_MODEL_PANEL (widget), "behaviour");
}

static void
add_disqualifier_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  open_criterion_dialog (MQLW_MODEL_PANEL (widget), "disqualifier");
}

/* ---- GObject ------------------------------------------------------------ */

static void
mqlw_model_panel_dispose (GObject *object)
{
  MqlwModelPanel *self = (MqlwModelPanel *) object;
  GtkWidget *child;

  g_clear_handle_id (&self->pending_source, g_source_remove);
  if (self->workbench != NULL)
    g_signal_handlers_disconnect_by_data (self->workbench, self);
  g_clear_object (&self->workbench);
  gtk_widget_dispose_template (GTK_WIDGET (self), MQLW_TYPE_MODEL_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (mqlw_model_panel_parent_class)->dispose (object);
}

static void
mqlw_model_panel_finalize (GObject *object)
{
  MqlwModelPanel *self = (MqlwModelPanel *) object;

  g_clear_pointer (&self->points_spins, g_hash_table_unref);
  g_clear_pointer (&self->cap_spins, g_hash_table_unref);
  g_clear_pointer (&self->switches, g_hash_table_unref);
  g_clear_pointer (&self->pending_action, g_free);
  g_clear_pointer (&self->pending_id, g_free);
  g_clear_pointer (&self->pending_param, g_variant_unref);

  G_OBJECT_CLASS (mqlw_model_panel_parent_class)->finalize (object);
}

static void
mqlw_model_panel_class_init (MqlwModelPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mqlw_model_panel_dispose;
  object_class->finalize = mqlw_model_panel_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mqlworkbench/Workbench/mqlw-model-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, MqlwModelPanel, groups);
  gtk_widget_class_install_action (widget_class, "model.set-points", "(sd)", set_points_action);
  gtk_widget_class_install_action (widget_class, "model.set-cap", "(sd)", set_cap_action);
  gtk_widget_class_install_action (widget_class, "model.set-enabled", "(sb)", set_enabled_action);
  gtk_widget_class_install_action (widget_class, "model.remove", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "model.set-path", "(sb)", set_path_action);
  gtk_widget_class_install_action (widget_class, "model.add-fit", NULL, add_fit_action);
  gtk_widget_class_install_action (widget_class, "model.add-behaviour", NULL, add_behaviour_action);
  gtk_widget_class_install_action (widget_class, "model.add-disqualifier", NULL, add_disqualifier_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "modelpanel");
}

static void
mqlw_model_panel_init (MqlwModelPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->points_spins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cap_spins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->switches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
mqlw_model_panel_set_workbench (MqlwModelPanel *self,
                                MqlwWorkbench  *workbench)
{
  g_return_if_fail (MQLW_IS_MODEL_PANEL (self));
  g_return_if_fail (MQLW_IS_WORKBENCH (workbench));

  if (self->workbench != NULL)
    g_signal_handlers_disconnect_by_data (self->workbench, self);
  g_set_object (&self->workbench, workbench);
  g_signal_connect (workbench, "changed", G_CALLBACK (on_workbench_changed_cb), self);
  rebuild (self);
}

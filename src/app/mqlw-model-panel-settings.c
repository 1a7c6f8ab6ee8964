/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The model panel's setting groups (see mqlw-model-panel-private.h): the
 * existing score, decay, grades and paths. Each setting has a key, so that
 * the widgets, the tests and undo all go through the same two actions; a
 * group is rebuilt only when its shape changes (a step added, grades turned
 * on), otherwise its values are set in place. */
#define G_LOG_DOMAIN "mqlw-model-panel"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "mqlw-model-panel-private.h"

/* ---- setting keys --------------------------------------------------------- */

/* Decay, grades and paths: one key per setting, so that the widgets, the
 * tests and undo all go through the same two actions.
 *   (sd) model.set-setting: decay.half-life, decay.beyond, decay.step-days.N,
 *        decay.step-factor.N, grades.min.A|B|C, grades.multiplier.A|B|C|D,
 *        paths.behaviour-min
 *   (ss) model.set-choice:  decay.kind (none|steps|half-life), decay.add-step,
 *        decay.remove-step (N), grades.enabled (true|false),
 *        paths.grade-behaviour-grade, paths.hand-raiser-grade (A…D),
 *        paths.hand-raiser-activity.COLUMN (true|false) */
static gboolean
parse_grade (const char *text,
             MqlwGrade  *grade)
{
  for (guint g = 0; g < MQLW_N_GRADES; g++)
    if (g_strcmp0 (text, mqlw_grade_to_string (g)) == 0)
      {
        *grade = g;
        return TRUE;
      }
  return FALSE;
}

static MqlwDecayStep *
get_step (MqlwModel  *model,
          const char *index_text)
{
  guint64 index;

  if (model->decay.steps == NULL ||
      !g_ascii_string_to_unsigned (index_text, 10, 0, G_MAXUINT, &index, NULL) ||
      index >= model->decay.steps->len)
    return NULL;
  return &g_array_index (model->decay.steps, MqlwDecayStep, index);
}

/* Edits @copy; returns the change flags, or -1 for an unknown key. */
static int
edit_setting (MqlwModel  *copy,
              const char *key,
              double      value,
              const char *text)
{
  MqlwGrade grade;
  MqlwDecayStep *step;

  if (g_str_equal (key, "decay.half-life") && value > 0)
    copy->decay.half_life_days = value;
  else if (g_str_equal (key, "decay.beyond"))
    copy->decay.beyond = value / 100.0;
  else if (g_str_has_prefix (key, "decay.step-days.") && (step = get_step (copy, key + 16)))
    step->max_age_days = value;
  else if (g_str_has_prefix (key, "decay.step-factor.") && (step = get_step (copy, key + 18)))
    step->factor = value / 100.0;
  else if (g_str_has_prefix (key, "grades.min.") && parse_grade (key + 11, &grade) && grade < MQLW_GRADE_D)
    copy->grading.min_fit[grade] = value;
  else if (g_str_has_prefix (key, "grades.multiplier.") && parse_grade (key + 18, &grade))
    copy->grading.multiplier[grade] = value;
  else if (g_str_equal (key, "paths.behaviour-min"))
    copy->paths.behaviour_min = value;
  else if (g_str_equal (key, "decay.kind"))
    {
      if (g_str_equal (text, "none"))
        copy->decay.kind = MQLW_DECAY_NONE;
      else if (g_str_equal (text, "half-life"))
        {
          copy->decay.kind = MQLW_DECAY_HALF_LIFE;
          if (!(copy->decay.half_life_days > 0))
            copy->decay.half_life_days = 30;
        }
      else if (g_str_equal (text, "steps"))
        {
          if (copy->decay.steps == NULL || copy->decay.steps->len == 0)
            mqlw_decay_set_seed003 (&copy->decay);
          copy->decay.kind = MQLW_DECAY_STEPS;
        }
      else
        return -1;
      return MQLW_WORKBENCH_CHANGED_STRUCTURE;
    }
  else if (g_str_equal (key, "decay.add-step"))
    {
      MqlwDecayStep last = { 30, 1.0 };

      if (copy->decay.steps == NULL)
        copy->decay.steps = g_array_new (FALSE, FALSE, sizeof (MqlwDecayStep));
      if (copy->decay.steps->len > 0)
        {
          last = g_array_index (copy->decay.steps, MqlwDecayStep, copy->decay.steps->len - 1);
          last.max_age_days += 30;
          last.factor = copy->decay.beyond;
        }
      g_array_append_val (copy->decay.steps, last);
      return MQLW_WORKBENCH_CHANGED_STRUCTURE;
    }
  else if (g_str_equal (key, "decay.remove-step") && get_step (copy, text))
    {
      g_array_remove_index (copy->decay.steps, (guint) g_ascii_strtoull (text, NULL, 10));
      return MQLW_WORKBENCH_CHANGED_STRUCTURE;
    }
  else if (g_str_equal (key, "grades.enabled"))
    {
      copy->grading.enabled = g_str_equal (text, "true");
      return MQLW_WORKBENCH_CHANGED_STRUCTURE;
    }
  else if (g_str_equal (key, "paths.grade-behaviour-grade") && parse_grade (text, &grade))
    copy->paths.grade_behaviour_min_grade = grade;
  else if (g_str_equal (key, "paths.hand-raiser-grade") && parse_grade (text, &grade))
    copy->paths.hand_raiser_min_grade = grade;
  else if (g_str_has_prefix (key, "paths.hand-raiser-activity."))
    {
      const char *column = key + strlen ("paths.hand-raiser-activity.");
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      gboolean on = g_str_equal (text, "true");

      for (guint i = 0; copy->paths.hand_raiser_activities && copy->paths.hand_raiser_activities[i]; i++)
        if (!g_str_equal (copy->paths.hand_raiser_activities[i], column))
          g_strv_builder_add (builder, copy->paths.hand_raiser_activities[i]);
      if (on)
        g_strv_builder_add (builder, column);
      g_strfreev (copy->paths.hand_raiser_activities);
      copy->paths.hand_raiser_activities = g_strv_builder_end (builder);
    }
  else
    return -1;
  return 0;
}

/* The value a number setting shows for @model (the inverse of edit_setting). */
static double
get_setting (MqlwModel  *model,
             const char *key)
{
  MqlwGrade grade;
  MqlwDecayStep *step;

  if (g_str_equal (key, "decay.half-life"))
    return model->decay.half_life_days;
  if (g_str_equal (key, "decay.beyond"))
    return model->decay.beyond * 100.0;
  if (g_str_has_prefix (key, "decay.step-days.") && (step = get_step (model, key + 16)))
    return step->max_age_days;
  if (g_str_has_prefix (key, "decay.step-factor.") && (step = get_step (model, key + 18)))
    return step->factor * 100.0;
  if (g_str_has_prefix (key, "grades.min.") && parse_grade (key + 11, &grade) && grade < MQLW_GRADE_D)
    return model->grading.min_fit[grade];
  if (g_str_has_prefix (key, "grades.multiplier.") && parse_grade (key + 18, &grade))
    return model->grading.multiplier[grade];
  if (g_str_equal (key, "paths.behaviour-min"))
    return model->paths.behaviour_min;
  return NAN;
}

static void
apply_setting (MqlwModelPanel *self,
               const char     *key,
               double          value,
               const char     *text)
{
  g_autoptr(MqlwModel) copy = NULL;
  g_autoptr(GError) error = NULL;
  int change;

  if (mqlw_workbench_get_model (self->workbench) == NULL)
    return;
  copy = mqlw_model_copy (mqlw_workbench_get_model (self->workbench));
  change = edit_setting (copy, key, value, text);
  if (change < 0)
    {
      g_warning ("Unknown model setting “%s”", key);
      return;
    }
  if (mqlw_model_equal (copy, mqlw_workbench_get_model (self->workbench)))
    return;
  if (!mqlw_workbench_apply_model (self->workbench, copy, change, &error))
    _mqlw_model_panel_report_error (self, error);
}

void
_mqlw_model_panel_set_setting_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  const char *key;
  double value;

  g_variant_get (param, "(&sd)", &key, &value);
  apply_setting (MQLW_MODEL_PANEL (widget), key, value, "");
}

void
_mqlw_model_panel_set_choice_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  const char *key, *text;

  g_variant_get (param, "(&s&s)", &key, &text);
  apply_setting (MQLW_MODEL_PANEL (widget), key, NAN, text);
}

/* ---- rows ------------------------------------------------------------------ */

static void
on_choice_selected_cb (AdwComboRow    *row,
                       GParamSpec     *pspec,
                       MqlwModelPanel *self)
{
  const char *const *choices = g_object_get_data (G_OBJECT (row), "choices");
  guint selected = adw_combo_row_get_selected (row);

  if (self->syncing || choices == NULL || selected >= g_strv_length ((GStrv) choices))
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "model.set-choice", "(ss)",
                              g_object_get_data (G_OBJECT (row), "setting"), choices[selected]);
}

static void
on_choice_toggled_cb (GtkCheckButton *check,
                      MqlwModelPanel *self)
{
  if (self->syncing)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "model.set-choice", "(ss)",
                              g_object_get_data (G_OBJECT (check), "setting"),
                              gtk_check_button_get_active (check) ? "true" : "false");
}

/* A number setting: a row with a spin button (model.set-setting @key). */
static GtkWidget *
create_setting_row (MqlwModelPanel *self,
                    const char     *title,
                    const char     *subtitle,
                    const char     *key,
                    double          value,
                    double          lower,
                    double          upper,
                    double          step,
                    guint           digits)
{
  GtkWidget *row = _mqlw_model_panel_create_row (title, subtitle);
  GtkWidget *spin = _mqlw_model_panel_create_spin (self, key, value, lower, upper, step, digits, title,
                                                   "model.set-setting");

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  g_hash_table_insert (self->setting_spins, g_strdup (key), spin);
  return row;
}

/* A choice setting: a combo row (model.set-choice @key with choices[i]). */
static GtkWidget *
create_choice_row (MqlwModelPanel    *self,
                   const char        *title,
                   const char        *key,
                   const char *const *choices,
                   const char *const *labels,
                   const char        *current)
{
  GtkWidget *row = adw_combo_row_new ();
  GtkStringList *list = gtk_string_list_new (NULL);
  guint selected = 0;

  for (guint i = 0; choices[i] != NULL; i++)
    {
      gtk_string_list_append (list, labels[i]);
      if (g_strcmp0 (choices[i], current) == 0)
        selected = i;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  g_object_unref (list);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_object_set_data_full (G_OBJECT (row), "setting", g_strdup (key), g_free);
  g_object_set_data (G_OBJECT (row), "choices", (gpointer) choices);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_choice_selected_cb), self);
  g_hash_table_insert (self->choices, g_strdup (key), row);
  return row;
}

static const char *const decay_kinds[] = { "none", "steps", "half-life", NULL };
static const char *const grade_names[] = { "A", "B", "C", "D", NULL };

static GtkWidget *
add_decay_rows (MqlwModelPanel *self,
                MqlwModel      *model)
{
  GtkWidget *group = _mqlw_model_panel_create_group (self, _("Decay"),
                                                     _("Behaviour points by the age of the activity"), NULL);
  const char *labels[] = { _("No decay"), _("Step table"), _("Half-life"), NULL };
  const char *kind = model->decay.kind == MQLW_DECAY_STEPS ? "steps" :
                     model->decay.kind == MQLW_DECAY_HALF_LIFE ? "half-life" : "none";

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             create_choice_row (self, _("Kind"), "decay.kind", decay_kinds, labels, kind));
  if (model->decay.kind == MQLW_DECAY_HALF_LIFE)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               create_setting_row (self, _("Half-life in days"), _("Points halve every so many days"),
                                                   "decay.half-life", model->decay.half_life_days, 1, 3650, 1, 0));
  else if (model->decay.kind == MQLW_DECAY_STEPS)
    {
      GtkWidget *steps = adw_expander_row_new ();
      GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
      guint n = model->decay.steps != NULL ? model->decay.steps->len : 0;
      g_autofree char *summary = g_strdup_printf (g_dngettext (NULL, "%u step", "%u steps", n), n);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (steps), _("Steps"));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (steps), summary);
      g_object_set_data_full (G_OBJECT (steps), "expand-key", g_strdup ("decay.steps"), g_free);
      gtk_widget_add_css_class (add, "flat");
      gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (add, _("Add a step"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add a step"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "model.set-choice");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (add), g_variant_new ("(ss)", "decay.add-step", ""));
      adw_expander_row_add_action (ADW_EXPANDER_ROW (steps), add);
      for (guint i = 0; i < n; i++)
        {
          const MqlwDecayStep *step = &g_array_index (model->decay.steps, MqlwDecayStep, i);
          g_autofree char *days_key = g_strdup_printf ("decay.step-days.%u", i);
          g_autofree char *factor_key = g_strdup_printf ("decay.step-factor.%u", i);
          g_autofree char *index = g_strdup_printf ("%u", i);
          g_autofree char *title = g_strdup_printf (_("Step %u: up to days"), i + 1);
          g_autofree char *factor_title = g_strdup_printf (_("Step %u: %% of points"), i + 1);
          g_autofree char *remove_label = g_strdup_printf (_("Remove step %u"), i + 1);
          GtkWidget *days_row = create_setting_row (self, title, NULL, days_key, step->max_age_days, 0, 3650, 1, 0);
          GtkWidget *factor_row = create_setting_row (self, factor_title, NULL, factor_key,
                                                      step->factor * 100, 0, 500, 5, 0);
          GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

          gtk_widget_add_css_class (remove, "flat");
          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (remove, remove_label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "model.set-choice");
          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove),
                                                  g_variant_new ("(ss)", "decay.remove-step", index));
          adw_action_row_add_suffix (ADW_ACTION_ROW (days_row), remove);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (steps), days_row);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (steps), factor_row);
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (steps),
                                /* xgettext:no-c-format */
                                create_setting_row (self, _("Older: % of points"), NULL, "decay.beyond",
                                                    model->decay.beyond * 100, 0, 500, 5, 0));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), steps);
    }
  return group;
}

static GtkWidget *
add_grade_rows (MqlwModelPanel *self,
                MqlwModel      *model)
{
  GtkWidget *group = _mqlw_model_panel_create_group (self, _("Grades"), _("A to D from fit points"), NULL);
  GtkWidget *row = _mqlw_model_panel_create_row (_("Grade the leads"), _("Behaviour points are multiplied by grade"));
  GtkWidget *sw = _mqlw_model_panel_create_switch (self, NULL, "grades", model->grading.enabled, _("Grade the leads"));
  GtkWidget *bands, *multipliers;

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_hash_table_insert (self->choices, g_strdup ("grades.enabled"), sw);
  if (!model->grading.enabled)
    return group;

  bands = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (bands), _("Fit bands"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (bands), _("Least fit points for each grade; D below"));
  g_object_set_data_full (G_OBJECT (bands), "expand-key", g_strdup ("grades.bands"), g_free);
  multipliers = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (multipliers), _("Behaviour multiplier"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (multipliers), _("Behaviour points × this, by grade"));
  g_object_set_data_full (G_OBJECT (multipliers), "expand-key", g_strdup ("grades.multipliers"), g_free);
  for (guint g = 0; g < MQLW_N_GRADES; g++)
    {
      g_autofree char *min_key = g_strdup_printf ("grades.min.%s", grade_names[g]);
      g_autofree char *mult_key = g_strdup_printf ("grades.multiplier.%s", grade_names[g]);
      g_autofree char *min_title = g_strdup_printf (_("Grade %s from"), grade_names[g]);
      g_autofree char *mult_title = g_strdup_printf (_("Grade %s ×"), grade_names[g]);

      if (g < MQLW_GRADE_D)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (bands),
                                  create_setting_row (self, min_title, NULL, min_key,
                                                      model->grading.min_fit[g], -1000, 1000, 1, 0));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (multipliers),
                                create_setting_row (self, mult_title, NULL, mult_key,
                                                    model->grading.multiplier[g], 0, 10, 0.1, 2));
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), bands);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), multipliers);
  return group;
}

static gboolean
strv_has (GStrv       strv,
          const char *text)
{
  return strv != NULL && g_strv_contains ((const char *const *) strv, text);
}

static GtkWidget *
add_path_rows (MqlwModelPanel *self,
               MqlwModel      *model)
{
  GtkWidget *group = _mqlw_model_panel_create_group (self, _("Paths"),
                                                     _("A lead is an MQL when any path passes"), NULL);
  MqlwDataset *dataset = mqlw_workbench_get_dataset (self->workbench);
  const char *grade_labels[] = { _("A"), _("B"), _("C"), _("D"), NULL };
  struct { const char *path; const char *title; const char *subtitle; gboolean on; } rows[] = {
    { "score", _("Score path"), _("Total points at or over the threshold"), model->paths.score },
    { "grade-behaviour", _("Grade and behaviour"), _("A good grade and enough behaviour points"), model->paths.grade_behaviour },
    { "hand-raiser", _("Hand-raiser"), _("Asked for a demo or for sales, with a good enough grade"), model->paths.hand_raiser },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *sw = _mqlw_model_panel_create_switch (self, NULL, rows[i].path, rows[i].on, rows[i].title);
      GtkWidget *row;

      g_hash_table_insert (self->choices, g_strconcat ("paths.switch.", rows[i].path, NULL), sw);

      if (i == 0)
        {
          row = _mqlw_model_panel_create_row (rows[i].title, rows[i].subtitle);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          continue;
        }
      row = _mqlw_model_panel_create_expander_row (rows[i].title, rows[i].subtitle);
      g_object_set_data_full (G_OBJECT (row), "expand-key", g_strconcat ("path.", rows[i].path, NULL), g_free);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), sw);
      if (i == 1)
        {
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                    create_choice_row (self, _("Grade at least"), "paths.grade-behaviour-grade",
                                                       grade_names, grade_labels,
                                                       mqlw_grade_to_string (model->paths.grade_behaviour_min_grade)));
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                    create_setting_row (self, _("Behaviour points at least"), NULL,
                                                        "paths.behaviour-min", model->paths.behaviour_min,
                                                        0, 10000, 5, 0));
        }
      else
        {
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                    create_choice_row (self, _("Grade at least"), "paths.hand-raiser-grade",
                                                       grade_names, grade_labels,
                                                       mqlw_grade_to_string (model->paths.hand_raiser_min_grade)));
          /* Which activities raise a hand: the history's activity counts. */
          for (guint c = 0; dataset != NULL && c < dataset->columns->len; c++)
            {
              MqlwColumn *column = g_ptr_array_index (dataset->columns, c);
              g_autofree char *key = NULL;
              g_autofree char *label = NULL;
              GtkWidget *check, *activity_row;

              if (column->role != MQLW_ROLE_ACTIVITY_COUNT)
                continue;
              key = g_strconcat ("paths.hand-raiser-activity.", column->name, NULL);
              label = g_strdup_printf (_("Hand-raiser activity %s"), column->name);
              activity_row = _mqlw_model_panel_create_row (column->name, NULL);
              check = gtk_check_button_new ();
              gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                           strv_has (model->paths.hand_raiser_activities, column->name));
              g_hash_table_insert (self->choices, g_strdup (key), check);
              g_object_set_data_full (G_OBJECT (check), "setting", g_steal_pointer (&key), g_free);
              g_signal_connect (check, "toggled", G_CALLBACK (on_choice_toggled_cb), self);
              gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
              adw_action_row_add_prefix (ADW_ACTION_ROW (activity_row), check);
              adw_action_row_set_activatable_widget (ADW_ACTION_ROW (activity_row), check);
              adw_expander_row_add_row (ADW_EXPANDER_ROW (row), activity_row);
            }
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

/* Calls @func on every expander row under @widget. */
static void
foreach_expander (GtkWidget *widget,
                  GFunc      func,
                  gpointer   data)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_EXPANDER_ROW (child))
        func (child, data);
      foreach_expander (child, func, data);
    }
}

static void
remember_expanded (gpointer row,
                   gpointer data)
{
  const char *key = g_object_get_data (G_OBJECT (row), "expand-key");

  if (key != NULL && adw_expander_row_get_expanded (row))
    g_hash_table_add (data, g_strdup (key));
}

static void
restore_expanded (gpointer row,
                  gpointer data)
{
  const char *key = g_object_get_data (G_OBJECT (row), "expand-key");

  if (key != NULL && g_hash_table_contains (data, key))
    adw_expander_row_set_expanded (row, TRUE);
}

/* ---- the groups: rebuilt only when their shape changes -------------------- */

/* The keys (in setting_spins and choices) of each group's widgets. */
static const char *const group_prefixes[N_SETTING_GROUPS] = { "score.", "decay.", "grades.", "paths." };

static GtkWidget *
build_score_group (MqlwModelPanel *self,
                   MqlwModel      *model)
{
  g_autofree char *text = NULL;
  GtkWidget *group = _mqlw_model_panel_create_group (self, _("Existing Score"), NULL, NULL);

  if (model->score_column == NULL)
    {
      gtk_widget_set_visible (group, FALSE);
      return group;
    }
  text = g_strdup_printf (_("The threshold applies to the column “%s”"), model->score_column);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             _mqlw_model_panel_create_row (_("Score from the data"), text));
  return group;
}

/* What a group's rows depend on, values apart (those are set in place). */
static char *
describe_group_shape (MqlwModelPanel *self,
                      guint           which,
                      MqlwModel      *model)
{
  MqlwDataset *dataset = mqlw_workbench_get_dataset (self->workbench);
  GString *shape = g_string_new (NULL);

  switch (which)
    {
    case GROUP_SCORE:
      g_string_append (shape, model->score_column != NULL ? model->score_column : "");
      break;
    case GROUP_DECAY:
      g_string_append_printf (shape, "%d/%u", model->decay.kind,
                              model->decay.steps != NULL ? model->decay.steps->len : 0);
      break;
    case GROUP_GRADES:
      g_string_append (shape, model->grading.enabled ? "on" : "off");
      break;
    default:
      /* The hand-raiser activities are the history's activity counts. */
      for (guint c = 0; dataset != NULL && c < dataset->columns->len; c++)
        {
          MqlwColumn *column = g_ptr_array_index (dataset->columns, c);

          if (column->role == MQLW_ROLE_ACTIVITY_COUNT)
            g_string_append_printf (shape, "%s\n", column->name);
        }
      break;
    }
  return g_string_free (shape, FALSE);
}

static gboolean
has_key_prefix (gpointer key,
                gpointer value,
                gpointer prefix)
{
  return g_str_has_prefix (key, prefix);
}

void
_mqlw_model_panel_refresh_setting_group (MqlwModelPanel *self,
                                         guint           which,
                                         MqlwModel      *model)
{
  g_autofree char *shape = describe_group_shape (self, which, model);
  g_autoptr(GHashTable) expanded = NULL;
  GtkWidget *old = self->setting_groups[which];
  GtkWidget *group;

  if (g_strcmp0 (shape, self->group_shapes[which]) == 0 || !_mqlw_model_panel_may_build (self))
    return;
  /* Rows added or removed: the group is rebuilt, keeping what was open. */
  expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  foreach_expander (old, remember_expanded, expanded);
  g_hash_table_foreach_remove (self->setting_spins, has_key_prefix, (gpointer) group_prefixes[which]);
  g_hash_table_foreach_remove (self->choices, has_key_prefix, (gpointer) group_prefixes[which]);
  switch (which)
    {
    case GROUP_SCORE:
      group = build_score_group (self, model);
      break;
    case GROUP_DECAY:
      group = add_decay_rows (self, model);
      break;
    case GROUP_GRADES:
      group = add_grade_rows (self, model);
      break;
    default:
      group = add_path_rows (self, model);
      break;
    }
  gtk_box_insert_child_after (self->groups, group, gtk_widget_get_prev_sibling (old));
  gtk_box_remove (self->groups, old);
  self->setting_groups[which] = group;
  foreach_expander (group, restore_expanded, expanded);
  if (self->progressive)
    _mqlw_model_panel_hide_new_rows (self, group);
  g_free (self->group_shapes[which]);
  self->group_shapes[which] = g_steal_pointer (&shape);
}

/* Switches, checks and combo rows of the setting groups follow the model. */
static void
sync_choices (MqlwModelPanel *self,
              MqlwModel      *model)
{
  GHashTableIter iter;
  gpointer key, widget;

  g_hash_table_iter_init (&iter, self->choices);
  while (g_hash_table_iter_next (&iter, &key, &widget))
    {
      if (ADW_IS_COMBO_ROW (widget))
        {
          const char *const *choices = g_object_get_data (G_OBJECT (widget), "choices");
          const char *current =
            g_str_equal (key, "decay.kind") ?
              (model->decay.kind == MQLW_DECAY_STEPS ? "steps" :
               model->decay.kind == MQLW_DECAY_HALF_LIFE ? "half-life" : "none") :
            g_str_equal (key, "paths.grade-behaviour-grade") ?
              mqlw_grade_to_string (model->paths.grade_behaviour_min_grade) :
              mqlw_grade_to_string (model->paths.hand_raiser_min_grade);

          for (guint i = 0; choices != NULL && choices[i] != NULL; i++)
            if (g_strcmp0 (choices[i], current) == 0 && adw_combo_row_get_selected (widget) != i)
              adw_combo_row_set_selected (widget, i);
        }
      else
        {
          gboolean on;

          if (g_str_equal (key, "grades.enabled"))
            on = model->grading.enabled;
          else if (g_str_equal (key, "paths.switch.score"))
            on = model->paths.score;
          else if (g_str_equal (key, "paths.switch.grade-behaviour"))
            on = model->paths.grade_behaviour;
          else if (g_str_equal (key, "paths.switch.hand-raiser"))
            on = model->paths.hand_raiser;
          else
            on = strv_has (model->paths.hand_raiser_activities,
                           (const char *) key + strlen ("paths.hand-raiser-activity."));
          if (GTK_IS_SWITCH (widget) && gtk_switch_get_active (widget) != on)
            gtk_switch_set_active (widget, on);
          else if (GTK_IS_CHECK_BUTTON (widget) && gtk_check_button_get_active (widget) != on)
            gtk_check_button_set_active (widget, on);
        }
    }
}

void
_mqlw_model_panel_sync_settings (MqlwModelPanel *self,
                                 MqlwModel      *model)
{
  /* A value being typed or dragged is not overwritten. */
  if (self->pending_source == 0)
    {
      GHashTableIter iter;
      gpointer key, spin;

      g_hash_table_iter_init (&iter, self->setting_spins);
      while (g_hash_table_iter_next (&iter, &key, &spin))
        {
          double value = get_setting (model, key);
          if (!isnan (value) && gtk_spin_button_get_value (spin) != value)
            gtk_spin_button_set_value (spin, value);
        }
    }
  sync_choices (self, model);
}

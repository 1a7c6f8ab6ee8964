/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-model-panel"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "mqlw-format.h"
#include "mqlw-model-panel.h"
#include "mqlw-spin-guard.h"
#include "mqlw-frame-queue.h"
#include "mqlw-rule-warnings.h"

/* A spin button drag sends many values; the model is rescored once they settle. */
#define EDIT_DELAY_MS 60
/* New rows are built one at a time, at the panel's turn in the window's frame
 * queue: a new row costs several times its building in the frame that first
 * lays it out, so opening a model with many criteria would otherwise hold
 * frames for long. The rows appear top down within a few frames. */

struct _MqlwModelPanel
{
  GtkWidget      parent_instance;

  MqlwWorkbench *workbench;
  GHashTable    *criteria;       /* "kind/id" → Criterion */
  GPtrArray     *criterion_order[3];     /* Criterion, as shown in each group */
  GtkWidget     *criterion_groups[3];    /* fit, behaviour, disqualifiers */
  GtkWidget     *setting_groups[4];      /* existing score, decay, grades, paths */
  char          *group_shapes[4];        /* what each was built for */
  GHashTable    *setting_spins;  /* setting key → GtkSpinButton */
  GHashTable    *choices;        /* setting key → GtkSwitch, GtkCheckButton or AdwComboRow */
  guint          pending_source;
  char          *pending_action;
  char          *pending_id;
  GVariant      *pending_param;
  gboolean       syncing;
  gboolean       may_build_one;  /* this turn has not built its row yet */
  gboolean       incomplete;     /* some rows wait for a later turn */
  GQueue         hidden_rows;    /* rows of a group just built, shown one a turn */
  gboolean       progressive;    /* this sync fills a new history's panel */
  GHashTable    *rule_warnings;  /* rule id → what the data says about it (mqlw-rule-warnings) */
  GCancellable  *warnings_cancellable;

  GtkBox        *groups;
};

G_DEFINE_FINAL_TYPE (MqlwModelPanel, mqlw_model_panel, GTK_TYPE_WIDGET)

static void sync_panel (MqlwModelPanel *self);

/* ---- edits -------------------------------------------------------------- */

static void
report_error (MqlwModelPanel *self,
              const GError   *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              _("Could Not Change the Model"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
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
    report_error (self, error);
}

static void
set_setting_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  const char *key;
  double value;

  g_variant_get (param, "(&sd)", &key, &value);
  apply_setting (MQLW_MODEL_PANEL (widget), key, value, "");
}

static void
set_choice_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  const char *key, *text;

  g_variant_get (param, "(&s&s)", &key, &text);
  apply_setting (MQLW_MODEL_PANEL (widget), key, NAN, text);
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

/* Every spin button of the panel: its "edit-action" (model.set-points,
 * model.set-cap, model.set-setting) with its "rule-id" and value. */
static void
on_spin_changed_cb (GtkSpinButton  *spin,
                    MqlwModelPanel *self)
{
  if (self->syncing)
    return;
  queue_edit (self, g_object_get_data (G_OBJECT (spin), "edit-action"),
              g_variant_new ("(sd)", g_object_get_data (G_OBJECT (spin), "rule-id"),
                             gtk_spin_button_get_value (spin)));
}

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

static void
on_switch_active_cb (GtkSwitch      *sw,
                     GParamSpec     *pspec,
                     MqlwModelPanel *self)
{
  const char *id = g_object_get_data (G_OBJECT (sw), "rule-id");
  const char *path = g_object_get_data (G_OBJECT (sw), "path");

  if (self->syncing)
    return;
  if (g_strcmp0 (path, "grades") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "model.set-choice", "(ss)", "grades.enabled",
                                gtk_switch_get_active (sw) ? "true" : "false");
  else if (path != NULL)
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
             double          upper,
             double          step,
             guint           digits,
             const char     *accessible,
             const char     *edit_action)   /* static string */
{
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), isnan (value) ? 0 : value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 4);
  g_object_set_data_full (G_OBJECT (spin), "rule-id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (spin), "edit-action", (gpointer) edit_action);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_spin_changed_cb), self);
  mqlw_spin_guard_empty (GTK_SPIN_BUTTON (spin));
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

/* An expander row: the main controls in view, the rest one click down. */
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

/* ---- criteria: one row per id, kept across edits -------------------------- */

/* A structural change (a criterion added, removed, renamed, undone) or new
 * data updates the rows in place: rows are created only for new ids, removed
 * for vanished ones and moved when the order changed; every other row keeps
 * its widgets, and a value is set only when it differs. */

/* The criterion groups, in the core's order of kinds. */
#define N_KINDS MQLW_CRITERION_LAST
#define KIND_SLOT(kind) ((kind) - MQLW_CRITERION_FIT)

typedef struct {
  MqlwModelPanel *self;
  MqlwCriterionKind kind;
  char           *id;
  char           *title;
  GtkWidget      *row;            /* owned: a row survives being moved */
  GtkWidget      *spin;           /* points; NULL for disqualifiers */
  GtkWidget      *sw;
  GtkWidget      *warning_icon;   /* shown when the data has something to say about the rule */
  /* The expander's content, built when first expanded. */
  GtkWidget      *cap;
  GtkWidget      *edit_row;
  GtkWidget      *edit_button;
  GtkWidget      *remove_button;
} Criterion;

static void
criterion_free (gpointer data)
{
  Criterion *c = data;

  g_signal_handlers_disconnect_by_data (c->row, c);
  g_object_unref (c->row);
  g_free (c->id);
  g_free (c->title);
  g_free (c);
}

static char *
make_criterion_key (guint       kind,
                    const char *id)
{
  return g_strdup_printf ("%u/%s", kind, id);
}

static const char *
criterion_title (const MqlwCriterion *c)
{
  return c->label != NULL ? c->label : c->id;
}

/* What the row says under its title: the condition, or how the activity counts. */
static char *
describe_criterion (const MqlwCriterion *c)
{
  g_autofree char *cap_text = NULL;

  if (c->match != NULL)
    return mqlw_match_describe (c->match);
  cap_text = isnan (c->cap) ? g_strdup (_("no cap")) : g_strdup_printf (_("cap %.0f"), c->cap);
  return g_strdup_printf (c->decay ? _("each · %s · decays") : _("each · %s"), cap_text);
}

static void
set_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  if (widget != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* The title and every label that names the criterion. */
static void
label_criterion (Criterion *c)
{
  g_autofree char *use = g_strdup_printf (_("Use %s"), c->title);
  g_autofree char *edit = g_strdup_printf (_("Edit %s"), c->title);
  g_autofree char *remove = g_strdup_printf (_("Remove %s"), c->title);
  g_autofree char *points = c->kind == MQLW_CRITERION_BEHAVIOUR ? g_strdup_printf (_("Points per %s"), c->title)
                                                      : g_strdup_printf (_("Points for %s"), c->title);
  g_autofree char *cap = g_strdup_printf (_("Cap for %s"), c->title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (c->row), c->title);
  set_accessible_label (c->sw, use);
  set_accessible_label (c->spin, points);
  set_accessible_label (c->cap, cap);
  set_accessible_label (c->edit_button, edit);
  set_accessible_label (c->remove_button, remove);
}

static char *
describe_edit_row (const MqlwCriterion *view)
{
  if (view->kind == MQLW_CRITERION_BEHAVIOUR)
    return g_strdup_printf (_("Activity: %s"), view->column);
  return g_strdup (_("Field, condition and values"));
}

static GtkWidget *
add_button_row (Criterion  *c,
                const char *title,
                const char *mnemonic,
                const char *action)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (c->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (c->row), row);
  g_object_set_data (G_OBJECT (row), "button", button);
  return row;
}

/* The rest, one click down: built on first expanding. */
static void
build_criterion_content (Criterion *c)
{
  MqlwModel *model = mqlw_workbench_get_model (c->self->workbench);
  g_autofree char *edit_title = NULL;
  GtkWidget *remove_row;
  MqlwCriterion view;

  if (c->edit_row != NULL || model == NULL || !mqlw_model_find_criterion (model, c->kind, c->id, &view))
    return;
  if (c->kind == MQLW_CRITERION_BEHAVIOUR)
    {
      GtkWidget *cap_row = adw_action_row_new ();

      c->cap = create_spin (c->self, c->id, view.cap, 0, 1000, 1, 0, c->title, "model.set-cap");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (cap_row), _("Cap"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (cap_row), _("Most points the activity can give; 0 for no cap"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (cap_row), c->cap);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (c->row), cap_row);
    }
  edit_title = describe_edit_row (&view);
  c->edit_row = add_button_row (c, edit_title, _("_Edit…"), "model.edit");
  c->edit_button = g_object_get_data (G_OBJECT (c->edit_row), "button");
  remove_row = add_button_row (c, _("Remove this criterion"), _("_Remove"), "model.remove");
  c->remove_button = g_object_get_data (G_OBJECT (remove_row), "button");
  gtk_widget_add_css_class (c->remove_button, "destructive-action");
  label_criterion (c);
}

static void
on_criterion_expanded_cb (AdwExpanderRow *row,
                          GParamSpec     *pspec,
                          Criterion      *c)
{
  if (!adw_expander_row_get_expanded (row))
    return;
  g_signal_handlers_disconnect_by_func (row, on_criterion_expanded_cb, c);
  build_criterion_content (c);
}

/* The rule's description, and under it what the data says about the rule
 * (a value no lead has, a leaky column). */
static char *
compose_subtitle (MqlwModelPanel      *self,
                  const MqlwCriterion *view)
{
  const char *warning = self->rule_warnings != NULL ? g_hash_table_lookup (self->rule_warnings, view->id) : NULL;
  g_autofree char *description = describe_criterion (view);
  g_autofree char *summary = NULL;

  if (warning == NULL)
    return g_steal_pointer (&description);
  /* The first line of the first warning; the icon's tooltip has the rest. */
  summary = g_strndup (warning, strcspn (warning, "\n"));
  return g_strdup_printf ("%s\n⚠ %s", description, summary);
}

static void
show_warning (MqlwModelPanel *self,
              Criterion      *c)
{
  const char *warning = self->rule_warnings != NULL ? g_hash_table_lookup (self->rule_warnings, c->id) : NULL;

  gtk_widget_set_visible (c->warning_icon, warning != NULL);
  gtk_widget_set_tooltip_text (c->warning_icon, warning);
  if (warning != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (c->warning_icon), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, warning, -1);
}

/* A criterion: points and on/off always in view. */
static Criterion *
create_criterion (MqlwModelPanel      *self,
                  const MqlwCriterion *view)
{
  Criterion *c = g_new0 (Criterion, 1);

  c->self = self;
  c->kind = view->kind;
  c->id = g_strdup (view->id);
  c->title = g_strdup (criterion_title (view));
  c->row = g_object_ref_sink (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (c->row), FALSE);
  {
    g_autofree char *subtitle = compose_subtitle (self, view);
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (c->row), subtitle);
  }
  c->warning_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (c->warning_icon, "warning");
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (c->row), c->warning_icon);
  show_warning (self, c);
  c->sw = create_switch (self, view->id, NULL, view->enabled, c->title);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (c->row), c->sw);
  if (view->kind != MQLW_CRITERION_DISQUALIFIER)
    {
      c->spin = create_spin (self, view->id, view->points, -1000, 1000, 1, 0, c->title, "model.set-points");
      adw_expander_row_add_action (ADW_EXPANDER_ROW (c->row), c->spin);
    }
  g_signal_connect (c->row, "notify::expanded", G_CALLBACK (on_criterion_expanded_cb), c);
  label_criterion (c);
  return c;
}

/* Sets only what differs: an unchanged row is not laid out again. */
static void
update_criterion (MqlwModelPanel      *self,
                  Criterion           *c,
                  const MqlwCriterion *view)
{
  if (g_strcmp0 (c->title, criterion_title (view)) != 0)
    {
      g_free (c->title);
      c->title = g_strdup (criterion_title (view));
      label_criterion (c);
    }
  {
    g_autofree char *subtitle = compose_subtitle (self, view);
    if (g_strcmp0 (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (c->row)), subtitle) != 0)
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (c->row), subtitle);
  }
  show_warning (self, c);
  if (gtk_switch_get_active (GTK_SWITCH (c->sw)) != view->enabled)
    gtk_switch_set_active (GTK_SWITCH (c->sw), view->enabled);
  /* A value being typed or dragged is not overwritten. */
  if (self->pending_source == 0)
    {
      double cap = isnan (view->cap) ? 0 : view->cap;

      if (c->spin != NULL && gtk_spin_button_get_value (GTK_SPIN_BUTTON (c->spin)) != view->points)
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (c->spin), view->points);
      if (c->cap != NULL && gtk_spin_button_get_value (GTK_SPIN_BUTTON (c->cap)) != cap)
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (c->cap), cap);
    }
  if (c->edit_row != NULL)
    {
      g_autofree char *edit_title = describe_edit_row (view);

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (c->edit_row)), edit_title) != 0)
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (c->edit_row), edit_title);
    }
}

/* Whether this turn may build a row (or show one, or build a group); if
 * not, the panel is left incomplete and a later turn goes on. */
static gboolean
may_build (MqlwModelPanel *self)
{
  if (self->may_build_one)
    {
      self->may_build_one = FALSE;
      return TRUE;
    }
  self->incomplete = TRUE;
  return FALSE;
}

/* While a new history fills the panel, a group is built whole with its rows
 * hidden: they show one a turn. Rows inside an expander row stay as they are
 * (a folded expander lays out nothing). */
static void
hide_new_rows (MqlwModelPanel *self,
               GtkWidget      *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_LIST_BOX_ROW (child))
        hide_new_rows (self, child);
      else if (gtk_widget_get_visible (child))
        {
          gtk_widget_set_visible (child, FALSE);
          g_queue_push_tail (&self->hidden_rows, g_object_ref (child));
        }
    }
}

static void
show_hidden_rows (MqlwModelPanel *self)
{
  while (!g_queue_is_empty (&self->hidden_rows) && may_build (self))
    {
      g_autoptr(GtkWidget) row = g_queue_pop_head (&self->hidden_rows);

      gtk_widget_set_visible (row, TRUE);
    }
}

static void
reconcile_criteria (MqlwModelPanel    *self,
                    MqlwCriterionKind  kind,
                    MqlwModel         *model)
{
  GtkWidget *group = self->criterion_groups[KIND_SLOT (kind)];
  GPtrArray *shown = self->criterion_order[KIND_SLOT (kind)];
  guint n = mqlw_model_get_n_criteria (model, kind);
  g_autoptr(GPtrArray) wanted = g_ptr_array_sized_new (n);
  g_autoptr(GPtrArray) kept = g_ptr_array_sized_new (shown->len);
  g_autoptr(GHashTable) wanted_set = g_hash_table_new (NULL, NULL);
  guint prefix = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = NULL;
      Criterion *c;
      MqlwCriterion view;

      mqlw_model_get_nth_criterion (model, kind, i, &view);
      key = make_criterion_key (kind, view.id);
      c = g_hash_table_lookup (self->criteria, key);
      if (c != NULL)
        update_criterion (self, c, &view);
      else if (may_build (self))
        {
          c = create_criterion (self, &view);
          g_hash_table_insert (self->criteria, g_steal_pointer (&key), c);
        }
      if (c != NULL && g_hash_table_add (wanted_set, c))   /* a repeated id shows once */
        g_ptr_array_add (wanted, c);
    }

  /* Rows whose criterion is gone. */
  for (guint i = 0; i < shown->len; i++)
    {
      Criterion *c = g_ptr_array_index (shown, i);

      if (g_hash_table_contains (wanted_set, c))
        g_ptr_array_add (kept, c);
      else
        {
          g_autofree char *key = make_criterion_key (kind, c->id);

          adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), c->row);
          g_hash_table_remove (self->criteria, key);
        }
    }

  /* The rows already in order stay put; the rest are (re)added in order. */
  while (prefix < kept->len && prefix < wanted->len &&
         g_ptr_array_index (kept, prefix) == g_ptr_array_index (wanted, prefix))
    prefix++;
  for (guint i = prefix; i < kept->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), ((Criterion *) g_ptr_array_index (kept, i))->row);
  for (guint i = prefix; i < wanted->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), ((Criterion *) g_ptr_array_index (wanted, i))->row);

  g_ptr_array_set_size (shown, 0);
  g_ptr_array_extend (shown, wanted, NULL, NULL);
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
  GtkWidget *row = create_row (title, subtitle);
  GtkWidget *spin = create_spin (self, key, value, lower, upper, step, digits, title, "model.set-setting");

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
  GtkWidget *group = create_group (self, _("Decay"), _("Behaviour points by the age of the activity"), NULL);
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
  GtkWidget *group = create_group (self, _("Grades"), _("A to D from fit points"), NULL);
  GtkWidget *row = create_row (_("Grade the leads"), _("Behaviour points are multiplied by grade"));
  GtkWidget *sw = gtk_switch_new ();
  GtkWidget *bands, *multipliers;

  gtk_switch_set_active (GTK_SWITCH (sw), model->grading.enabled);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (sw), "path", (gpointer) "grades");
  g_signal_connect (sw, "notify::active", G_CALLBACK (on_switch_active_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Grade the leads"), -1);
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
  GtkWidget *group = create_group (self, _("Paths"), _("A lead is an MQL when any path passes"), NULL);
  MqlwDataset *dataset = mqlw_workbench_get_dataset (self->workbench);
  const char *grade_labels[] = { _("A"), _("B"), _("C"), _("D"), NULL };
  struct { const char *path; const char *title; const char *subtitle; gboolean on; } rows[] = {
    { "score", _("Score path"), _("Total points at or over the threshold"), model->paths.score },
    { "grade-behaviour", _("Grade and behaviour"), _("A good grade and enough behaviour points"), model->paths.grade_behaviour },
    { "hand-raiser", _("Hand-raiser"), _("Asked for a demo or for sales, with a good enough grade"), model->paths.hand_raiser },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *sw = create_switch (self, NULL, rows[i].path, rows[i].on, rows[i].title);
      GtkWidget *row;

      g_hash_table_insert (self->choices, g_strconcat ("paths.switch.", rows[i].path, NULL), sw);

      if (i == 0)
        {
          row = create_row (rows[i].title, rows[i].subtitle);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          continue;
        }
      row = create_criterion_row (rows[i].title, rows[i].subtitle);
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
              activity_row = create_row (column->name, NULL);
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

/* ---- the setting groups: rebuilt only when their shape changes ------------ */

enum { GROUP_SCORE, GROUP_DECAY, GROUP_GRADES, GROUP_PATHS, N_SETTING_GROUPS };

/* The keys (in setting_spins and choices) of each group's widgets. */
static const char *const group_prefixes[N_SETTING_GROUPS] = { "score.", "decay.", "grades.", "paths." };

static GtkWidget *
build_score_group (MqlwModelPanel *self,
                   MqlwModel      *model)
{
  g_autofree char *text = NULL;
  GtkWidget *group = create_group (self, _("Existing Score"), NULL, NULL);

  if (model->score_column == NULL)
    {
      gtk_widget_set_visible (group, FALSE);
      return group;
    }
  text = g_strdup_printf (_("The threshold applies to the column “%s”"), model->score_column);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), create_row (_("Score from the data"), text));
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

static void
refresh_setting_group (MqlwModelPanel *self,
                       guint           which,
                       MqlwModel      *model)
{
  g_autofree char *shape = describe_group_shape (self, which, model);
  g_autoptr(GHashTable) expanded = NULL;
  GtkWidget *old = self->setting_groups[which];
  GtkWidget *group;

  if (g_strcmp0 (shape, self->group_shapes[which]) == 0 || !may_build (self))
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
    hide_new_rows (self, group);
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

static void
build_update (GtkWidget *widget)
{
  MqlwModelPanel *self = MQLW_MODEL_PANEL (widget);

  self->progressive = TRUE;
  sync_panel (self);
}

/* The next slice at the panel's turn in the window's frame queue (see
 * mqlw-frame-queue.c), while rows wait and the panel shows. */
static void
schedule_build (MqlwModelPanel *self)
{
  if (self->incomplete && gtk_widget_get_mapped (GTK_WIDGET (self)))
    mqlw_frame_queue_add (GTK_WIDGET (self), build_update);
  else
    mqlw_frame_queue_remove (GTK_WIDGET (self));
}

/* The panel follows the model: rows and groups change only where the model
 * did, and values are set only when they differ. */
static void
sync_panel (MqlwModelPanel *self)
{
  MqlwModel *model = mqlw_workbench_get_model (self->workbench);
  gint64 start = g_get_monotonic_time ();

  gtk_widget_set_visible (GTK_WIDGET (self->groups), model != NULL);
  if (model == NULL)
    return;
  self->syncing = TRUE;
  /* Top down, as the groups are shown. A hidden panel (a page not on show,
   * the flap folded away) builds its new rows when it shows again. */
  self->incomplete = FALSE;
  self->may_build_one = gtk_widget_get_mapped (GTK_WIDGET (self));
  show_hidden_rows (self);
  refresh_setting_group (self, GROUP_SCORE, model);
  reconcile_criteria (self, MQLW_CRITERION_FIT, model);
  reconcile_criteria (self, MQLW_CRITERION_BEHAVIOUR, model);
  for (guint which = GROUP_DECAY; which < N_SETTING_GROUPS; which++)
    refresh_setting_group (self, which, model);
  reconcile_criteria (self, MQLW_CRITERION_DISQUALIFIER, model);
  if (!g_queue_is_empty (&self->hidden_rows))
    self->incomplete = TRUE;
  schedule_build (self);
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
  self->syncing = FALSE;
  g_debug ("panel updated in %.2f ms%s", (g_get_monotonic_time () - start) / 1000.0,
           self->incomplete ? ", more rows at a later turn" : "");
}

/* Sends the edit still waiting for its delay (a click on + just before
 * Ctrl+Z), so that undo takes back the last edit, not the one before it. */
void
mqlw_model_panel_flush (MqlwModelPanel *self)
{
  g_return_if_fail (MQLW_IS_MODEL_PANEL (self));
  if (self->pending_source == 0)
    return;
  g_clear_handle_id (&self->pending_source, g_source_remove);
  flush_pending_cb (self);
}

/* Whether every row of the model is built, or the panel is hidden (it
 * builds when it shows again). */
gboolean
mqlw_model_panel_is_complete (MqlwModelPanel *self)
{
  g_return_val_if_fail (MQLW_IS_MODEL_PANEL (self), FALSE);
  return !self->incomplete || !gtk_widget_get_mapped (GTK_WIDGET (self));
}

static void
on_rule_warnings_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GHashTable *warnings = mqlw_rule_warnings_check_finish (result, &error);
  MqlwModelPanel *self;

  if (warnings == NULL)
    return;   /* cancelled: the panel changed its history or model, or is gone */
  self = MQLW_MODEL_PANEL (user_data);
  g_clear_pointer (&self->rule_warnings, g_hash_table_unref);
  self->rule_warnings = warnings;
  sync_panel (self);
}

/* The rules against the data, off the main thread; a newer check replaces one under way. */
static void
check_rules (MqlwModelPanel *self)
{
  MqlwModel *model = mqlw_workbench_get_model (self->workbench);
  MqlwDataset *dataset = mqlw_workbench_get_dataset (self->workbench);

  g_cancellable_cancel (self->warnings_cancellable);
  g_clear_object (&self->warnings_cancellable);
  /* An aggregate has no columns to check the rules against. */
  if (model == NULL || dataset == NULL || mqlw_workbench_is_aggregate (self->workbench))
    return;
  self->warnings_cancellable = g_cancellable_new ();
  mqlw_rule_warnings_check_async (model, dataset, self->warnings_cancellable, on_rule_warnings_cb, self);
}

static void
on_workbench_changed_cb (MqlwWorkbench  *workbench,
                         guint           change,
                         MqlwModelPanel *self)
{
  if (change & (MQLW_WORKBENCH_CHANGED_DATA | MQLW_WORKBENCH_CHANGED_STRUCTURE))
    check_rules (self);
  if (change & (MQLW_WORKBENCH_CHANGED_DATA | MQLW_WORKBENCH_CHANGED_STRUCTURE |
                MQLW_WORKBENCH_CHANGED_SCORES | MQLW_WORKBENCH_CHANGED_MODEL))
    {
      /* A new history fills the panel progressively; an edit shows its
       * result at once, without the control just used blinking out. */
      self->progressive = (change & MQLW_WORKBENCH_CHANGED_DATA) != 0;
      sync_panel (self);
    }
}

/* ---- adding and editing criteria ----------------------------------------- */

#define MAX_PICK_VALUES 200

typedef struct {
  MqlwModelPanel *self;
  MqlwCriterionKind kind;
  char           *edit_id;    /* NULL when adding */
  GPtrArray      *fields;     /* column names, index for index with the field row */
  GtkWidget      *dialog;
  GtkWidget      *label_row;
  GtkWidget      *field_row;
  GtkWidget      *op_row;
  GtkWidget      *values_row;
  GtkWidget      *values_list;   /* the categorical column's values to pick from */
  GtkWidget      *values_button;
  GtkWidget      *points_spin;
  GtkWidget      *cap_spin;
  gboolean        syncing;
} CriterionDialog;

static void
criterion_dialog_free (gpointer  data,
                       GClosure *closure)
{
  CriterionDialog *d = data;

  g_object_unref (d->self);
  g_free (d->edit_id);
  g_ptr_array_unref (d->fields);
  g_free (d);
}

static const MqlwMatchOp dialog_ops[] = {
  MQLW_MATCH_EQUALS, MQLW_MATCH_IN_SET, MQLW_MATCH_RANGE, MQLW_MATCH_EMAIL_DOMAIN, MQLW_MATCH_MISSING,
  MQLW_MATCH_NOT_IN, MQLW_MATCH_CONTAINS,
};

/* "10–200", "10 to 200", "-30..-10", "–5" (up to 5), "5–" (5 and more). */
static void
parse_range (const char *text,
             double     *min,
             double     *max)
{
  static const char *separators[] = { "..", "\u2013", " to ", NULL };
  g_autofree char *lo = NULL;
  const char *hi = NULL;

  *min = *max = NAN;
  for (guint i = 0; separators[i] != NULL && hi == NULL; i++)
    {
      const char *at = strstr (text, separators[i]);
      if (at != NULL)
        {
          lo = g_strndup (text, at - text);
          hi = at + strlen (separators[i]);
        }
    }
  if (hi == NULL)
    {
      /* A plain hyphen after the first number: "10-200", "-30--10". */
      for (const char *p = text + 1; *p != '\0' && hi == NULL; p++)
        if (*p == '-' && (g_ascii_isdigit (p[-1]) || p[-1] == ' '))
          {
            lo = g_strndup (text, p - text);
            hi = p + 1;
          }
    }
  if (hi == NULL)
    {
      lo = g_strdup (text);
      hi = "";
    }
  g_strstrip (lo);
  if (lo[0] != '\0')
    *min = g_ascii_strtod (lo, NULL);
  while (*hi == ' ')
    hi++;
  if (*hi != '\0')
    *max = g_ascii_strtod (hi, NULL);
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
    parse_range (values, &match->min, &match->max);
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

static char *
format_match_values (const MqlwMatch *match)
{
  if (match->op == MQLW_MATCH_RANGE)
    {
      char lo[G_ASCII_DTOSTR_BUF_SIZE] = "", hi[G_ASCII_DTOSTR_BUF_SIZE] = "";

      if (!isnan (match->min))
        g_ascii_formatd (lo, sizeof lo, "%g", match->min);
      if (!isnan (match->max))
        g_ascii_formatd (hi, sizeof hi, "%g", match->max);
      return g_strdup_printf ("%s\u2013%s", lo, hi);
    }
  if (match->values == NULL)
    return g_strdup ("");
  return g_strjoinv (", ", match->values);
}

static const char *
get_selected_field (CriterionDialog *d)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (d->field_row));

  return selected < d->fields->len ? g_ptr_array_index (d->fields, selected) : NULL;
}

static void
on_value_toggled_cb (GtkCheckButton  *check,
                     CriterionDialog *d)
{
  const char *value = g_object_get_data (G_OBJECT (check), "value");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (d->values_row));
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) values = NULL;
  g_autofree char *joined = NULL;

  if (d->syncing)
    return;
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_strstrip (parts[i])[0] != '\0' && g_ascii_strcasecmp (parts[i], value) != 0)
      g_strv_builder_add (builder, parts[i]);
  if (gtk_check_button_get_active (check))
    g_strv_builder_add (builder, value);
  values = g_strv_builder_end (builder);
  joined = g_strjoinv (", ", values);
  gtk_editable_set_text (GTK_EDITABLE (d->values_row), joined);
  /* One value is "equals"; several are "is one of". */
  if (adw_combo_row_get_selected (ADW_COMBO_ROW (d->op_row)) <= 1)
    adw_combo_row_set_selected (ADW_COMBO_ROW (d->op_row), g_strv_length (values) > 1 ? 1 : 0);
}

/* The picker lists the field's distinct values (its dictionary), for display only. */
static void
fill_value_picker (CriterionDialog *d)
{
  MqlwDataset *dataset = mqlw_workbench_get_dataset (d->self->workbench);
  const char *field = get_selected_field (d);
  MqlwColumn *column = dataset != NULL && field != NULL ? mqlw_dataset_get_column (dataset, field) : NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (d->values_row));
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  gboolean categorical = column != NULL && column->type == MQLW_COLUMN_TYPE_CATEGORICAL && column->dict != NULL;
  GtkWidget *child;

  if (d->values_list == NULL)
    return;
  while ((child = gtk_widget_get_first_child (d->values_list)))
    gtk_list_box_remove (GTK_LIST_BOX (d->values_list), child);
  gtk_widget_set_visible (d->values_button, categorical);
  if (!categorical)
    return;
  for (guint i = 0; parts[i] != NULL; i++)
    g_strstrip (parts[i]);

  d->syncing = TRUE;
  for (guint i = 0; i < column->dict->len && i < MAX_PICK_VALUES; i++)
    {
      const char *value = g_ptr_array_index (column->dict, i);
      GtkWidget *check = gtk_check_button_new_with_label (value);
      gboolean chosen = FALSE;

      for (guint k = 0; parts[k] != NULL && !chosen; k++)
        chosen = g_ascii_strcasecmp (parts[k], value) == 0;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), chosen);
      g_object_set_data_full (G_OBJECT (check), "value", g_strdup (value), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_value_toggled_cb), d);
      gtk_list_box_append (GTK_LIST_BOX (d->values_list), check);
    }
  d->syncing = FALSE;
}

static void
on_field_selected_cb (AdwComboRow     *row,
                      GParamSpec      *pspec,
                      CriterionDialog *d)
{
  fill_value_picker (d);
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
  const char *field = get_selected_field (d);
  const char *values = d->values_row != NULL ? gtk_editable_get_text (GTK_EDITABLE (d->values_row)) : "";
  MqlwMatchOp op = d->op_row != NULL ? dialog_ops[adw_combo_row_get_selected (ADW_COMBO_ROW (d->op_row))] : 0;
  double points = d->points_spin != NULL ? gtk_spin_button_get_value (GTK_SPIN_BUTTON (d->points_spin)) : 0;
  const char *name = label[0] ? label : field;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;

  if (!g_str_equal (response, "save") || field == NULL || mqlw_workbench_get_model (workbench) == NULL)
    return;
  copy = mqlw_model_copy (mqlw_workbench_get_model (workbench));
  if (d->edit_id != NULL && mqlw_model_find_criterion (copy, d->kind, d->edit_id, NULL))
    id = g_strdup (d->edit_id);
  else
    {
      id = mqlw_model_make_criterion_id (copy, name);
      if (d->kind == MQLW_CRITERION_FIT)
        mqlw_model_add_fit (copy, id, field, op, points);
      else if (d->kind == MQLW_CRITERION_BEHAVIOUR)
        mqlw_model_add_behaviour (copy, id, field, points, NAN);
      else
        mqlw_model_add_disqualifier (copy, id, "other", field, op);
    }
  mqlw_model_set_criterion_label (copy, d->kind, id, name);
  if (d->kind == MQLW_CRITERION_BEHAVIOUR)
    {
      double cap = gtk_spin_button_get_value (GTK_SPIN_BUTTON (d->cap_spin));

      mqlw_model_set_criterion_activity (copy, d->kind, id, field);
      mqlw_model_set_criterion_cap (copy, d->kind, id, cap > 0 ? cap : NAN);
    }
  else
    {
      MqlwMatch match = { 0 };

      fill_match (&match, field, op, values);
      mqlw_model_set_criterion_match (copy, d->kind, id, &match);
      g_free (match.field);
      g_strfreev (match.values);
    }
  if (d->kind != MQLW_CRITERION_DISQUALIFIER)
    mqlw_model_set_criterion_points (copy, d->kind, id, points);

  if (mqlw_model_equal (copy, mqlw_workbench_get_model (workbench)))
    return;
  if (!mqlw_workbench_apply_model (workbench, copy, MQLW_WORKBENCH_CHANGED_STRUCTURE, &error))
    report_error (d->self, error);
  else if (d->edit_id != NULL)
    {
      title = g_strdup_printf (_("Changed “%s”"), name);
      toast (d->self, title);
    }
}

static gboolean
fits_kind (MqlwCriterionKind  kind,
           MqlwColumn        *column)
{
  if (kind == MQLW_CRITERION_BEHAVIOUR)
    return column->role == MQLW_ROLE_ACTIVITY_COUNT;
  return column->role != MQLW_ROLE_OUTCOME && column->role != MQLW_ROLE_STAGE &&
         column->role != MQLW_ROLE_IGNORE;
}

/* @edit_id: the criterion to edit (any kind), or NULL to add one of @kind. Returns the dialog. */
static GtkWidget *
open_criterion_dialog (MqlwModelPanel    *self,
                       MqlwCriterionKind  kind,
                       const char        *edit_id)
{
  MqlwDataset *dataset = mqlw_workbench_get_dataset (self->workbench);
  MqlwModel *model = mqlw_workbench_get_model (self->workbench);
  CriterionDialog *d;
  GtkWidget *dialog, *list;
  GtkStringList *fields, *ops;
  const char *heading;
  const char *field = NULL, *label = NULL;
  const MqlwMatch *match = NULL;
  double points = 0, cap = NAN;
  MqlwCriterion edited;

  if (dataset == NULL || model == NULL)
    return NULL;

  /* What is being edited. */
  if (edit_id != NULL)
    {
      if (!mqlw_model_find_criterion (model, MQLW_CRITERION_ANY, edit_id, &edited))
        return NULL;
      kind = edited.kind, match = edited.match, field = edited.column, label = edited.label;
      points = edited.points, cap = edited.cap;
    }

  d = g_new0 (CriterionDialog, 1);
  d->self = g_object_ref (self);
  d->kind = kind;
  d->edit_id = field != NULL ? g_strdup (edit_id) : NULL;
  d->fields = g_ptr_array_new_with_free_func (g_free);

  if (d->edit_id != NULL)
    heading = kind == MQLW_CRITERION_FIT ? _("Edit the Fit Criterion") :
              kind == MQLW_CRITERION_BEHAVIOUR ? _("Edit the Behaviour Criterion") : _("Edit the Disqualifier");
  else
    heading = kind == MQLW_CRITERION_FIT ? _("Add a Fit Criterion") :
              kind == MQLW_CRITERION_BEHAVIOUR ? _("Add a Behaviour Criterion") : _("Add a Disqualifier");
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, NULL);
  gtk_widget_set_name (dialog, "criterion-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "save", d->edit_id != NULL ? _("_Save") : _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  d->dialog = dialog;

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_size_request (list, 380, -1);

  d->label_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->label_row), _("Name"));
  if (label != NULL)
    gtk_editable_set_text (GTK_EDITABLE (d->label_row), label);
  gtk_list_box_append (GTK_LIST_BOX (list), d->label_row);

  /* The history's columns with their types. */
  fields = gtk_string_list_new (NULL);
  for (guint i = 0; i < dataset->columns->len; i++)
    {
      MqlwColumn *column = g_ptr_array_index (dataset->columns, i);
      g_autofree char *text = NULL;

      if (!fits_kind (kind, column) && g_strcmp0 (column->name, field) != 0)
        continue;
      /* Translators: a column and its type, "seniority · categorical" */
      text = g_strdup_printf (_("%s · %s"), column->name, _(mqlw_column_type_to_string (column->type)));
      gtk_string_list_append (fields, text);
      g_ptr_array_add (d->fields, g_strdup (column->name));
    }
  d->field_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->field_row),
                                 kind == MQLW_CRITERION_BEHAVIOUR ? _("Activity") : _("Field"));
  adw_combo_row_set_model (ADW_COMBO_ROW (d->field_row), G_LIST_MODEL (fields));
  g_object_unref (fields);
  for (guint i = 0; field != NULL && i < d->fields->len; i++)
    if (g_str_equal (g_ptr_array_index (d->fields, i), field))
      adw_combo_row_set_selected (ADW_COMBO_ROW (d->field_row), i);
  gtk_list_box_append (GTK_LIST_BOX (list), d->field_row);

  if (kind != MQLW_CRITERION_BEHAVIOUR)
    {
      GtkWidget *popover, *scrolled;

      ops = gtk_string_list_new (NULL);
      gtk_string_list_append (ops, _("equals"));
      gtk_string_list_append (ops, _("is one of"));
      gtk_string_list_append (ops, _("is between"));
      gtk_string_list_append (ops, _("e-mail domain is"));
      gtk_string_list_append (ops, _("is missing"));
      gtk_string_list_append (ops, _("is none of"));
      gtk_string_list_append (ops, _("contains (any case)"));
      d->op_row = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->op_row), _("Condition"));
      adw_combo_row_set_model (ADW_COMBO_ROW (d->op_row), G_LIST_MODEL (ops));
      g_object_unref (ops);
      for (guint i = 0; match != NULL && i < G_N_ELEMENTS (dialog_ops); i++)
        if (dialog_ops[i] == match->op)
          adw_combo_row_set_selected (ADW_COMBO_ROW (d->op_row), i);
      gtk_list_box_append (GTK_LIST_BOX (list), d->op_row);

      d->values_row = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->values_row), _("Values (comma-separated, or 10–200)"));
      if (match != NULL)
        {
          g_autofree char *text = format_match_values (match);
          gtk_editable_set_text (GTK_EDITABLE (d->values_row), text);
        }
      d->values_list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (d->values_list), GTK_SELECTION_NONE);
      scrolled = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), d->values_list);
      popover = gtk_popover_new ();
      gtk_popover_set_child (GTK_POPOVER (popover), scrolled);
      d->values_button = gtk_menu_button_new ();
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (d->values_button), "view-list-symbolic");
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (d->values_button), popover);
      gtk_widget_set_valign (d->values_button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (d->values_button, "flat");
      gtk_widget_set_tooltip_text (d->values_button, _("Pick from the values in the history"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (d->values_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Pick from the values in the history"), -1);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (d->values_row), d->values_button);
      gtk_list_box_append (GTK_LIST_BOX (list), d->values_row);
      g_signal_connect (d->field_row, "notify::selected", G_CALLBACK (on_field_selected_cb), d);
      fill_value_picker (d);
    }
  if (kind != MQLW_CRITERION_DISQUALIFIER)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     kind == MQLW_CRITERION_BEHAVIOUR ? _("Points per occurrence") : _("Points"));
      d->points_spin = gtk_spin_button_new_with_range (-1000, 1000, 1);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (d->points_spin), points);
      gtk_widget_set_valign (d->points_spin, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), d->points_spin);
      gtk_accessible_update_property (GTK_ACCESSIBLE (d->points_spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Points"), -1);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  if (kind == MQLW_CRITERION_BEHAVIOUR)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Cap (0 for none)"));
      d->cap_spin = gtk_spin_button_new_with_range (0, 1000, 1);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (d->cap_spin), isnan (cap) ? 0 : cap);
      gtk_widget_set_valign (d->cap_spin, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), d->cap_spin);
      gtk_accessible_update_property (GTK_ACCESSIBLE (d->cap_spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cap"), -1);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_object_set_data (G_OBJECT (dialog), "criterion", d);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_criterion_response_cb), d,
                         criterion_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
add_fit_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  open_criterion_dialog (MQLW_MODEL_PANEL (widget), MQLW_CRITERION_FIT, NULL);
}

static void
add_behaviour_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  open_criterion_dialog (MQLW_MODEL_PANEL (widget), MQLW_CRITERION_BEHAVIOUR, NULL);
}

static void
add_disqualifier_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  open_criterion_dialog (MQLW_MODEL_PANEL (widget), MQLW_CRITERION_DISQUALIFIER, NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  open_criterion_dialog (MQLW_MODEL_PANEL (widget), MQLW_CRITERION_ANY, g_variant_get_string (param, NULL));
}

/* ---- GObject ------------------------------------------------------------ */

static void
mqlw_model_panel_dispose (GObject *object)
{
  MqlwModelPanel *self = (MqlwModelPanel *) object;
  GtkWidget *child;

  g_clear_handle_id (&self->pending_source, g_source_remove);
  g_cancellable_cancel (self->warnings_cancellable);
  g_clear_object (&self->warnings_cancellable);
  mqlw_frame_queue_remove (GTK_WIDGET (self));
  g_queue_clear_full (&self->hidden_rows, g_object_unref);
  if (self->workbench != NULL)
    g_signal_handlers_disconnect_by_data (self->workbench, self);
  g_clear_object (&self->workbench);
  gtk_widget_dispose_template (GTK_WIDGET (self), MQLW_TYPE_MODEL_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  if (self->criteria != NULL)
    g_hash_table_remove_all (self->criteria);
  for (guint kind = 0; kind < N_KINDS; kind++)
    if (self->criterion_order[kind] != NULL)
      g_ptr_array_set_size (self->criterion_order[kind], 0);

  G_OBJECT_CLASS (mqlw_model_panel_parent_class)->dispose (object);
}

static void
mqlw_model_panel_finalize (GObject *object)
{
  MqlwModelPanel *self = (MqlwModelPanel *) object;

  g_clear_pointer (&self->criteria, g_hash_table_unref);
  g_clear_pointer (&self->rule_warnings, g_hash_table_unref);
  for (guint kind = 0; kind < N_KINDS; kind++)
    g_clear_pointer (&self->criterion_order[kind], g_ptr_array_unref);
  for (guint which = 0; which < N_SETTING_GROUPS; which++)
    g_clear_pointer (&self->group_shapes[which], g_free);
  g_clear_pointer (&self->setting_spins, g_hash_table_unref);
  g_clear_pointer (&self->choices, g_hash_table_unref);
  g_clear_pointer (&self->pending_action, g_free);
  g_clear_pointer (&self->pending_id, g_free);
  g_clear_pointer (&self->pending_param, g_variant_unref);

  G_OBJECT_CLASS (mqlw_model_panel_parent_class)->finalize (object);
}

static void
mqlw_model_panel_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mqlw_model_panel_parent_class)->map (widget);
  schedule_build (MQLW_MODEL_PANEL (widget));
}

static void
mqlw_model_panel_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mqlw_model_panel_parent_class)->unmap (widget);
  schedule_build (MQLW_MODEL_PANEL (widget));
}

static void
mqlw_model_panel_class_init (MqlwModelPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mqlw_model_panel_dispose;
  object_class->finalize = mqlw_model_panel_finalize;
  widget_class->map = mqlw_model_panel_map;
  widget_class->unmap = mqlw_model_panel_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mqlworkbench/Workbench/mqlw-model-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, MqlwModelPanel, groups);
  gtk_widget_class_install_action (widget_class, "model.set-points", "(sd)", set_points_action);
  gtk_widget_class_install_action (widget_class, "model.set-cap", "(sd)", set_cap_action);
  gtk_widget_class_install_action (widget_class, "model.set-enabled", "(sb)", set_enabled_action);
  gtk_widget_class_install_action (widget_class, "model.remove", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "model.set-path", "(sb)", set_path_action);
  gtk_widget_class_install_action (widget_class, "model.set-setting", "(sd)", set_setting_action);
  gtk_widget_class_install_action (widget_class, "model.set-choice", "(ss)", set_choice_action);
  gtk_widget_class_install_action (widget_class, "model.edit", "s", edit_action);
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

  self->criteria = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, criterion_free);
  self->setting_spins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* The groups, in order; the setting groups are placeholders until a model. */
  for (guint i = 0; i < 7; i++)
    {
      static const guint settings[7] = { GROUP_SCORE + 1, 0, 0, GROUP_DECAY + 1, GROUP_GRADES + 1, GROUP_PATHS + 1, 0 };
      GtkWidget *group;

      if (settings[i] != 0)
        {
          group = adw_preferences_group_new ();
          gtk_widget_set_visible (group, FALSE);
          self->setting_groups[settings[i] - 1] = group;
        }
      else if (i == 1)
        group = self->criterion_groups[KIND_SLOT (MQLW_CRITERION_FIT)] =
          create_group (self, _("Fit"), _("Points for who the lead is"), "model.add-fit");
      else if (i == 2)
        group = self->criterion_groups[KIND_SLOT (MQLW_CRITERION_BEHAVIOUR)] =
          create_group (self, _("Behaviour"), _("Points per activity, with an optional cap"), "model.add-behaviour");
      else
        group = self->criterion_groups[KIND_SLOT (MQLW_CRITERION_DISQUALIFIER)] =
          create_group (self, _("Disqualifiers"), _("Never an MQL, whatever the score"), "model.add-disqualifier");
      gtk_box_append (self->groups, group);
    }
  for (guint kind = 0; kind < N_KINDS; kind++)
    self->criterion_order[kind] = g_ptr_array_new ();
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
  sync_panel (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-workshop"

#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>

#include "mqlw-a11y.h"
#include "mqlw-application.h"
#include "mqlw-format.h"
#include "mqlw-model-panel.h"
#include "mqlw-preview-panel.h"
#include "mqlw-project-session.h"
#include "mqlw-signoff-dialog.h"
#include "mqlw-suggestion-text.h"
#include "mqlw-analysis-view.h"
#include "mqlw-window.h"

#include "gui-test-util.h"

/* The workshop room (issue 14): the keys, the threshold scale, the baseline
 * on every figure, compare scenarios, workshop mode at the room's sizes, small
 * buckets. One window with the bundled sample serves every test, to keep the
 * suite lean; each test leaves the model as the sample opened it. */

static MqlwWindow *window;
static GuiTestReference ref;

static void
wait_idle (void)
{
  gui_test_wait_until (gui_test_is_idle, window, "the worker's figures");
  gui_test_drain ();
}

static void
resize (int width,
        int height)
{
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gui_test_settle (400);
}

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      collect_widgets (child, type, found);
    }
}

/* The model panel's points field of fit rule @id. */
static GtkSpinButton *
find_points_spin (const char *id)
{
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();

  collect_widgets (mqlw_window_get_child (window, "model"), GTK_TYPE_SPIN_BUTTON, spins);
  for (guint i = 0; i < spins->len; i++)
    if (g_strcmp0 (g_object_get_data (spins->pdata[i], "rule-id"), id) == 0 &&
        g_strcmp0 (g_object_get_data (spins->pdata[i], "edit-action"), "model.set-points") == 0)
      return spins->pdata[i];
  g_error ("no points field for %s", id);
}

/* The window's Ctrl+Z, as a key press reaches it: the capture-phase shortcut. */
static GtkShortcut *
find_history_shortcut (const char *trigger_text)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_event_controller_get_propagation_phase (controller) != GTK_PHASE_CAPTURE)
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          g_autofree char *text = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_strcmp0 (text, trigger_text) == 0)
            return shortcut;
        }
    }
  g_error ("no capture-phase shortcut %s on the window", trigger_text);
}

static gboolean
press (const char *trigger_text)
{
  GtkShortcut *shortcut = find_history_shortcut (trigger_text);

  return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, GTK_WIDGET (window),
                                       gtk_shortcut_get_arguments (shortcut));
}

static double
fit_points (const char *id)
{
  MqlwModel *model = mqlw_workbench_get_model (mqlw_window_get_workbench (window));

  for (guint i = 0; i < model->fit->len; i++)
    if (g_str_equal (((MqlwFitRule *) g_ptr_array_index (model->fit, i))->id, id))
      return ((MqlwFitRule *) g_ptr_array_index (model->fit, i))->points;
  g_error ("no fit rule %s", id);
}

/* ---- 1. undo owns Ctrl+Z; no empty commit ---------------------------------- */

static void
test_undo_in_field (void)
{
  MqlwFitRule *first = g_ptr_array_index (ref.model->fit, 0);
  GtkSpinButton *spin = find_points_spin (first->id);
  double before = first->points;

  /* Click + in the focused field (20 → 21), then Ctrl+Z at once, inside the
   * panel's edit delay: the model's undo takes the step back. */
  gtk_widget_grab_focus (GTK_WIDGET (spin));
  gtk_spin_button_spin (spin, GTK_SPIN_STEP_FORWARD, 1);
  g_assert_true (press ("<Control>z"));
  wait_idle ();
  g_assert_cmpfloat (fit_points (first->id), ==, before);
  g_assert_true (mqlw_model_equal (mqlw_workbench_get_model (mqlw_window_get_workbench (window)), ref.model));
  spin = find_points_spin (first->id);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, before);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), !=, "");
  /* The text keeps no history of its own to undo into an empty field. */
  g_assert_false (gtk_editable_get_enable_undo (GTK_EDITABLE (spin)));

  /* Redo, then Ctrl+Z again; nothing left to undo is still the window's key. */
  g_assert_true (press ("<Shift><Control>z"));
  wait_idle ();
  g_assert_cmpfloat (fit_points (first->id), ==, before + 1);
  g_assert_true (press ("<Control>z"));
  wait_idle ();
  g_assert_false (mqlw_workbench_can_undo (mqlw_window_get_workbench (window)));
  g_assert_true (press ("<Control>z"));

  /* An emptied field commits nothing: Tab (an update) keeps the value. */
  spin = find_points_spin (first->id);
  gtk_editable_set_text (GTK_EDITABLE (spin), "");
  gtk_spin_button_update (spin);
  gui_test_settle (200);
  wait_idle ();
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, before);
  g_assert_cmpfloat (fit_points (first->id), ==, before);
  g_assert_false (mqlw_workbench_can_undo (mqlw_window_get_workbench (window)));

  /* The threshold field too. */
  {
    GtkSpinButton *threshold = GTK_SPIN_BUTTON (mqlw_window_get_child (window, "threshold"));

    gtk_editable_set_text (GTK_EDITABLE (threshold), "  ");
    gtk_spin_button_update (threshold);
    wait_idle ();
    g_assert_cmpfloat (mqlw_workbench_get_model (mqlw_window_get_workbench (window))->threshold, ==,
                       ref.model->threshold);
  }
}

/* ---- 2. dialog keys, dead ends ------------------------------------------- */

static GtkWindow *
find_toplevel (const char *name)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (gtk_widget_get_visible (l->data) && g_strcmp0 (gtk_widget_get_name (l->data), name) == 0)
      return l->data;
  return NULL;
}

static gboolean
toplevel_gone (gpointer name)
{
  return find_toplevel (name) == NULL;
}

/* Presses @keyval with @mods on @widget the way its shortcut controllers
 * would see it (its class's bindings among them): the first shortcut for it
 * in any controller of @widget runs. */
static gboolean
press_with (GtkWidget       *widget,
            guint            keyval,
            GdkModifierType  mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, mods);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

/* @keyval alone. */
static gboolean
press_on (GtkWidget *widget,
          guint      keyval)
{
  return press_with (widget, keyval, 0);
}

/* Enter in a focused text: what GtkText does on "activate". */
/* Every widget on show is named once: no "_Cancel Cancel" (GTK 4.8 gives a
 * mnemonic button both a label and its label's name), no "Threshold
 * Threshold" (a label of its own besides a mnemonic label). */
static void
collect_doubled_names (GtkWidget *widget,
                       GString   *doubled)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_get_mapped (child) && mqlw_a11y_doubled_name (child))
        {
          g_autofree char *label = gtk_test_accessible_check_property (GTK_ACCESSIBLE (child),
                                                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "\001");

          g_string_append_printf (doubled, " %s “%s”;", G_OBJECT_TYPE_NAME (child), label);
        }
      collect_doubled_names (child, doubled);
    }
}

static void
assert_named_once (GtkWidget *toplevel)
{
  g_autoptr(GString) doubled = g_string_new (NULL);

  collect_doubled_names (toplevel, doubled);
  if (doubled->len > 0)
    g_error ("named twice for a screen reader:%s", doubled->str);
}

static void
press_enter_in_focus (GtkWindow *dialog)
{
  GtkWidget *focus = gtk_window_get_focus (dialog);

  g_assert_nonnull (focus);
  g_assert_true (GTK_IS_TEXT (focus));
  g_signal_emit_by_name (focus, "activate");
}

/* Whether a button for @action in the window would be sensitive. */
static gboolean
action_enabled (const char *action)
{
  GtkWidget *box = gtk_widget_get_parent (mqlw_window_get_child (window, "threshold"));
  GtkWidget *button = gtk_button_new_with_label ("probe");
  gboolean enabled;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_box_append (GTK_BOX (box), button);
  gui_test_drain ();
  enabled = gtk_widget_get_sensitive (button);
  gtk_box_remove (GTK_BOX (box), button);
  return enabled;
}

static gboolean
help_fell_back (gpointer data)
{
  return g_object_get_data (data, "help-fallback-uri") != NULL;
}

static void
test_dialog_keys (void)
{
  MqlwProjectSession *session;
  GtkWindow *dialog;
  GtkWidget *focus;

  assert_named_once (GTK_WIDGET (window));

  /* Save as Scenario: the name has the focus, Enter saves. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-scenario", NULL);
  gui_test_settle (300);
  dialog = find_toplevel ("save-scenario-dialog");
  g_assert_nonnull (dialog);
  assert_named_once (GTK_WIDGET (dialog));
  focus = gtk_window_get_focus (dialog);
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW))),
                   ==, "Name");
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW)), "Room proposal");
  press_enter_in_focus (dialog);
  gui_test_wait_until (toplevel_gone, (gpointer) "save-scenario-dialog", "Enter to save the scenario");
  wait_idle ();
  session = mqlw_window_get_session (window);
  {
    MqlwProject *project = mqlw_project_session_get_project (session);
    GPtrArray *scenarios = project != NULL ? mqlw_project_get_scenarios (project) : NULL;

    g_assert_nonnull (scenarios);
    g_assert_cmpuint (scenarios->len, ==, 1);
  }

  /* Save Version: Esc closes without saving. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-version", NULL);
  gui_test_settle (300);
  dialog = find_toplevel ("save-version-dialog");
  g_assert_nonnull (dialog);
  assert_named_once (GTK_WIDGET (dialog));
  focus = gtk_window_get_focus (dialog);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW));
  g_assert_true (press_on (GTK_WIDGET (dialog), GDK_KEY_Escape));
  gui_test_wait_until (toplevel_gone, (gpointer) "save-version-dialog", "Esc to close Save Version");

  /* Sign-off: focus in the first approver's name, Enter signs (the default). */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-off", NULL);
  gui_test_settle (300);
  dialog = find_toplevel ("signoff-dialog");
  g_assert_nonnull (dialog);
  assert_named_once (GTK_WIDGET (dialog));
  focus = gtk_window_get_focus (dialog);
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY));
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY))),
                   ==, "Name");
  g_assert_true (gtk_window_get_default_widget (dialog) ==
                 mqlw_signoff_dialog_get_sign_button (MQLW_SIGNOFF_DIALOG (dialog)));
  g_assert_true (gtk_entry_get_activates_default (GTK_ENTRY (gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY))));
  g_assert_true (press_on (GTK_WIDGET (dialog), GDK_KEY_Escape));
  gui_test_wait_until (toplevel_gone, (gpointer) "signoff-dialog", "Esc to close the sign-off");

  /* Leads That Change: Esc closes it. */
  gtk_widget_activate_action (mqlw_window_get_child (window, "preview"), "preview.show-swaps", NULL);
  gui_test_settle (300);
  dialog = find_toplevel ("swaps-window");
  g_assert_nonnull (dialog);
  assert_named_once (GTK_WIDGET (dialog));
  g_assert_true (press_on (GTK_WIDGET (dialog), GDK_KEY_Escape));
  gui_test_wait_until (toplevel_gone, (gpointer) "swaps-window", "Esc to close Leads That Change");

  /* Preferences: named once, Esc closes it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
  gui_test_settle (300);
  dialog = find_toplevel ("preferences-window");
  g_assert_nonnull (dialog);
  assert_named_once (GTK_WIDGET (dialog));
  g_assert_true (press_on (GTK_WIDGET (dialog), GDK_KEY_Escape));
  gui_test_wait_until (toplevel_gone, (gpointer) "preferences-window", "Esc to close the preferences");

  /* Nothing signed: Export → Agreed Model is off (no chooser to dead-end in). */
  g_assert_false (action_enabled ("win.export-agreed"));
  g_assert_true (action_enabled ("win.export-report"));

  /* F1 with no help viewer (none under the test's D-Bus session): the HTML pages. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.help", NULL);
  gui_test_wait_until (help_fell_back, window, "the help fallback");
  g_assert_true (g_str_has_prefix (g_object_get_data (G_OBJECT (window), "help-fallback-uri"), "file://"));
  g_assert_true (g_str_has_suffix (g_object_get_data (G_OBJECT (window), "help-fallback-uri"), "/index.html"));
}

/* ---- months of history ---------------------------------------------------- */

static GtkSpinButton *
find_months_spin (void)
{
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();

  collect_widgets (mqlw_window_get_child (window, "preview"), GTK_TYPE_SPIN_BUTTON, spins);
  for (guint i = 0; i < spins->len; i++)
    {
      g_autoptr(GList) labels = gtk_widget_list_mnemonic_labels (spins->pdata[i]);

      for (GList *l = labels; l != NULL; l = l->next)
        if (g_strcmp0 (gtk_label_get_text (l->data), "Months of history") == 0)
          return spins->pdata[i];
    }
  g_error ("no months field");
}

/* The field shows the months in use, never 0 while the figures use 18: the
 * sample's leads were created from 2025-01-01 to 2026-06-30, 18 calendar
 * months. A stated period shows as stated; 0 goes back to the dates. */
static void
test_months_field (void)
{
  GtkSpinButton *spin = find_months_spin ();

  wait_idle ();
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 18);
  gtk_spin_button_set_value (spin, 20);
  wait_idle ();
  g_assert_cmpfloat (mqlw_workbench_get_preview (mqlw_window_get_workbench (window))->months, ==, 20);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 20);
  gtk_spin_button_set_value (spin, 0);
  wait_idle ();
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 18);
  g_assert_true (isnan (mqlw_workbench_get_months (mqlw_window_get_workbench (window))));
  gui_test_save_screenshot (GTK_WIDGET (window), "months-field.png");
}

/* ---- 3. the threshold scale ---------------------------------------------- */

/* The slider spans the 1st–99th percentile of the sample's scores (the core's,
 * from this test's own scoring), snaps a drag to whole points (the sample's
 * model is in whole points), and the field widens it on demand. */
static void
test_threshold_scale (void)
{
  GtkRange *scale = GTK_RANGE (gtk_widget_get_prev_sibling (mqlw_window_get_child (window, "threshold")));
  GtkAdjustment *slider = gtk_range_get_adjustment (scale);
  GtkSpinButton *field = GTK_SPIN_BUTTON (mqlw_window_get_child (window, "threshold"));
  MqlwWorkbench *workbench = mqlw_window_get_workbench (window);
  double from, to, min, max, threshold = ref.model->threshold;

  g_assert_true (GTK_IS_SCALE (scale));
  g_assert_cmpfloat (mqlw_model_point_grain (ref.model), ==, 1);
  mqlw_calibration_score_span (ref.cal, 0.01, 0.99, &from, &to);
  mqlw_calibration_score_range (ref.cal, &min, &max);
  g_assert_cmpfloat (gtk_adjustment_get_lower (slider), ==, MIN (floor (from), threshold));
  g_assert_cmpfloat (gtk_adjustment_get_upper (slider), ==, MAX (ceil (to), threshold));
  /* The outliers are off the slider, not off the field. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (slider), <, max);
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (field)), ==, ceil (max));
  g_assert_cmpfloat (gtk_adjustment_get_step_increment (slider), ==, 1);
  g_assert_cmpuint (gtk_spin_button_get_digits (field), ==, 0);

  /* A drag to 33.9 sets 34. */
  gtk_adjustment_set_value (slider, threshold + 3.9);
  wait_idle ();
  g_assert_cmpfloat (mqlw_workbench_get_threshold (workbench), ==, threshold + 4);
  g_assert_cmpfloat (gtk_adjustment_get_value (slider), ==, threshold + 4);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  wait_idle ();

  /* The field past the slider's end: the slider widens to it. */
  gtk_spin_button_set_value (field, ceil (max));
  wait_idle ();
  g_assert_cmpfloat (mqlw_workbench_get_threshold (workbench), ==, ceil (max));
  g_assert_cmpfloat (gtk_adjustment_get_upper (slider), ==, ceil (max));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  wait_idle ();
  g_assert_cmpfloat (mqlw_workbench_get_threshold (workbench), ==, threshold);
  g_assert_false (mqlw_workbench_can_undo (workbench));

  /* The suggestion says its target ("Lowest threshold with SQL rate ≥ 30.0 %"). */
  {
    g_autofree char *title = mqlw_suggestion_title (MQLW_SUGGEST_TARGET_SQL, NAN);
    g_autofree char *target = mqlw_format_percent (0.30);

    g_assert_true (g_str_has_prefix (title, "Lowest threshold with SQL rate"));
    g_assert_nonnull (strstr (title, target));
  }
  /* Suggestions on whole points. */
  {
    g_autoptr(GArray) suggestions = mqlw_workbench_suggest (workbench);

    for (guint i = 0; i < suggestions->len; i++)
      {
        const MqlwSuggestion *sg = &g_array_index (suggestions, MqlwSuggestion, i);

        if (sg->found)
          g_assert_cmpfloat (sg->threshold, ==, round (sg->threshold));
      }
  }
}

/* ---- 4. the baseline on every figure -------------------------------------- */

/* +10 on the first fit rule: every rate shows today's value (the model as
 * opened, from this test's own scoring) and the change, its way by the arrow
 * and sign, its colour by whether it helps. */
static void
test_baseline_deltas (void)
{
  MqlwPreviewPanel *panel = MQLW_PREVIEW_PANEL (mqlw_window_get_child (window, "preview"));
  MqlwFitRule *first = g_ptr_array_index (ref.model->fit, 0);
  static const struct { const char *id; MqlwStage stage; } rates[] = {
    { "sql", MQLW_STAGE_SQL }, { "opportunity", MQLW_STAGE_OPPORTUNITY }, { "won", MQLW_STAGE_WON },
  };
  g_autoptr(MqlwModel) edited = mqlw_model_copy (ref.model);
  g_autoptr(GError) error = NULL;
  MqlwScorer *scorer;
  MqlwCalibration *cal;
  MqlwPreview before, after;
  int sense;

  ((MqlwFitRule *) g_ptr_array_index (edited->fit, 0))->points += 10;
  scorer = mqlw_scorer_new (ref.dataset, edited, &error);
  g_assert_no_error (error);
  cal = mqlw_calibration_new (mqlw_scorer_get_scores (scorer), &ref.dataset->outcomes, edited->paths.score);
  mqlw_calibration_preview (ref.cal, ref.model->threshold, ref.model->capacity_per_month, &before);
  mqlw_calibration_preview (cal, edited->threshold, edited->capacity_per_month, &after);

  /* As opened nothing differs from today: no change lines (noise before any edit). */
  g_assert_null (mqlw_preview_panel_get_change (panel, "sql", &sense));
  g_assert_null (mqlw_preview_panel_get_change (panel, "mql-per-month", &sense));

  gtk_widget_activate_action (mqlw_window_get_child (window, "model"), "model.set-points", "(sd)",
                              first->id, first->points + 10);
  wait_idle ();
  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      const char *text = mqlw_preview_panel_get_change (panel, rates[i].id, &sense);
      g_autofree char *today = mqlw_format_rate (&before.stage[rates[i].stage]);
      g_autofree char *prefix = g_strdup_printf ("today %s", today);
      /* Tenths of a point as shown: 0.3014 → 301. */
      double b = round (before.stage[rates[i].stage].rate * 1000);
      double a = round (after.stage[rates[i].stage].rate * 1000);
      g_autofree char *size = g_strdup_printf ("%.1f pts", fabs (a - b) / 10);

      g_test_message ("%s: %s (expected %s)", rates[i].id, text, size);
      g_assert_true (g_str_has_prefix (text, prefix));
      if (a > b)
        g_assert_true (strstr (text, "\u25b2\u00a0+") != NULL && sense == 1);
      else if (a < b)
        g_assert_true (strstr (text, "\u25bc\u00a0\u2212") != NULL && sense == -1);
      else
        g_assert_true (strstr (text, "no change") != NULL && sense == 0);
      if (a != b)
        g_assert_nonnull (strstr (text, size));
    }
  {
    const char *text = mqlw_preview_panel_get_change (panel, "mql", &sense);
    g_autofree char *today = mqlw_format_count (before.mql);
    g_autofree char *size = mqlw_format_count (after.mql > before.mql ? after.mql - before.mql : before.mql - after.mql);

    g_assert_true (g_str_has_prefix (text, "today "));
    g_assert_nonnull (strstr (text, today));
    g_assert_nonnull (strstr (text, size));
    g_assert_cmpint (sense, ==, 0);   /* volume is neither good nor bad */
  }
  /* "A month" has its line too, like every figure, "no change" included. */
  {
    const char *text = mqlw_preview_panel_get_change (panel, "mql-per-month", &sense);

    g_assert_nonnull (text);
    g_assert_true (g_str_has_prefix (text, "today "));
    g_assert_true (strstr (text, "no change") != NULL || strstr (text, "▲") != NULL || strstr (text, "▼") != NULL);
  }
  gui_test_save_screenshot (GTK_WIDGET (window), "baseline-deltas.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  wait_idle ();
  /* Back to today: the lines go. */
  g_assert_null (mqlw_preview_panel_get_change (panel, "sql", &sense));
  mqlw_calibration_free (cal);
  mqlw_scorer_free (scorer);
}

/* ---- 5. workshop mode in the room ----------------------------------------- */

static AdwClamp *
find_clamp (GtkWidget *widget)
{
  if (ADW_IS_CLAMP (widget))
    return ADW_CLAMP (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      AdwClamp *clamp = find_clamp (child);
      if (clamp != NULL)
        return clamp;
    }
  return NULL;
}

static void
test_workshop_screens (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.workshop", NULL);
  resize (1280, 720);
  gui_test_save_screenshot (GTK_WIDGET (window), "workshop-1280x720.png");
  resize (1366, 768);
  gui_test_save_screenshot (GTK_WIDGET (window), "workshop-1366x768.png");
  resize (1920, 1080);
  gui_test_save_screenshot (GTK_WIDGET (window), "workshop-1920x1080.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  resize (1280, 720);
  gui_test_save_screenshot (GTK_WIDGET (window), "workshop-1280x720-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* The Versions page is enlarged like the others: its column widens for the
   * larger type (style.css: window.workshop .project-view). */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-version", "(ss)", "Ana Ruiz", "After the first workshop");
  mqlw_window_set_view (window, "project");
  g_assert_cmpint (adw_clamp_get_maximum_size (find_clamp (mqlw_window_get_child (window, "project"))), ==, 1000);
  for (guint dark = 0; dark <= 1; dark++)
    {
      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      resize (1280, 720);
      gui_test_save_screenshot (GTK_WIDGET (window), dark ? "workshop-versions-1280x720-dark.png"
                                                          : "workshop-versions-1280x720.png");
      resize (1920, 1080);
      gui_test_save_screenshot (GTK_WIDGET (window), dark ? "workshop-versions-1920x1080-dark.png"
                                                          : "workshop-versions-1920x1080.png");
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.workshop", NULL);
  g_assert_cmpint (adw_clamp_get_maximum_size (find_clamp (mqlw_window_get_child (window, "project"))), ==, 600);
  resize (1920, 1080);
  gui_test_save_screenshot (GTK_WIDGET (window), "versions-1920x1080.png");
  mqlw_window_set_view (window, "chart");
  resize (1366, 768);
}

/* Every analysis fits the room's smallest screen in workshop mode: the
 * window stays 1280 px wide (Maturity's two settings side by side and the
 * views' unwrapped headings had pushed it wider: a window that grows past the
 * screen, its right edge cut off). */
static void
test_analysis_fits_room (void)
{
  static const char *const analyses[] = { "quality", "weights", "value", "maturity", "segments", "backtest", "grid" };
  MqlwAnalysisView *view = MQLW_ANALYSIS_VIEW (mqlw_window_get_child (window, "analysis"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.workshop", NULL);
  resize (1280, 720);
  mqlw_window_set_view (window, "analysis");
  for (guint a = 0; a < G_N_ELEMENTS (analyses); a++)
    {
      mqlw_analysis_view_show (view, analyses[a]);
      wait_idle ();
      gui_test_settle (300);
      if (gtk_widget_get_width (GTK_WIDGET (window)) > 1280)
        g_error ("%s: the window is %d px wide at 1280×720", analyses[a], gtk_widget_get_width (GTK_WIDGET (window)));
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.workshop", NULL);
  mqlw_window_set_view (window, "chart");
  resize (1366, 768);
}


static AdwViewStack *
find_view_stack (GtkWidget *widget)
{
  if (ADW_IS_VIEW_STACK (widget))
    return ADW_VIEW_STACK (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwViewStack *found = find_view_stack (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Ctrl+1, 2, 3, 4 show the views in the order the header's switcher lists
 * them (the switcher's pages, read from the stack, not from the bindings). */
static void
test_view_keys (void)
{
  AdwViewStack *stack = find_view_stack (GTK_WIDGET (window));
  g_autoptr(GtkSelectionModel) pages = NULL;
  guint n;

  g_assert_nonnull (stack);
  pages = adw_view_stack_get_pages (stack);
  n = g_list_model_get_n_items (G_LIST_MODEL (pages));
  g_assert_cmpuint (n, ==, 4);
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i - 1);

      g_assert_true (press_with (GTK_WIDGET (window), GDK_KEY_1 + (i - 1), GDK_CONTROL_MASK));
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, adw_view_stack_page_get_name (page));
    }
  mqlw_window_set_view (window, "chart");
  wait_idle ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* GTK's test backend keeps the accessible names (the suite's "none" keeps
   * none), so that assert_named_once() can see them. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gui_test_init (&argc, &argv, APPLICATION_ID ".Test", G_APPLICATION_NON_UNIQUE);
  gui_test_reference_init (&ref);
  window = gui_test_create_window (1366, 768);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);
  gui_test_wait_until (gui_test_has_data, window, "the sample");

  g_test_add_func ("/mqlw/gui/workshop/undo-in-field", test_undo_in_field);
  g_test_add_func ("/mqlw/gui/workshop/threshold-scale", test_threshold_scale);
  /* Before any toast, which would stand over the screenshots. */
  g_test_add_func ("/mqlw/gui/workshop/baseline-deltas", test_baseline_deltas);
  g_test_add_func ("/mqlw/gui/workshop/screens", test_workshop_screens);
  g_test_add_func ("/mqlw/gui/workshop/dialog-keys", test_dialog_keys);
  g_test_add_func ("/mqlw/gui/workshop/months-field", test_months_field);
  g_test_add_func ("/mqlw/gui/workshop/view-keys", test_view_keys);
  g_test_add_func ("/mqlw/gui/workshop/analysis-fits-room", test_analysis_fits_room);

  status = gui_test_run ();
  gui_test_reference_clear (&ref);
  return status;
}

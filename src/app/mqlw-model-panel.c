/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-model-panel"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "mqlw-criterion-dialog.h"
#include "mqlw-model-panel-private.h"
#include "mqlw-spin-guard.h"
#include "mqlw-frame-queue.h"
#include "mqlw-rule-warnings.h"
#include "mqlw-toast.h"

/* A spin button drag sends many values; the model is rescored once they settle. */
#define EDIT_DELAY_MS 60

G_DEFINE_FINAL_TYPE (MqlwModelPanel, mqlw_model_panel, GTK_TYPE_WIDGET)

static void sync_panel (MqlwModelPanel *self);

/* ---- edits -------------------------------------------------------------- */

void
_mqlw_model_panel_report_error (MqlwModelPanel *self,
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
  t = mqlw_toast_new_text (title);
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
    _mqlw_model_panel_report_error (self, error);
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
    _mqlw_model_panel_report_error (self, error);
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
    _mqlw_model_panel_report_error (self, error);
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
    _mqlw_model_panel_report_error (self, error);
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
    _mqlw_model_panel_report_error (self, error);
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

GtkWidget *
_mqlw_model_panel_create_spin (MqlwModelPanel *self,
                               const char     *id,
                               double          value,
                               double          lower,
                               double          upper,
                               double          step,
                               guint           digits,
                               const char     *accessible,
                               const char     *edit_action)
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

GtkWidget *
_mqlw_model_panel_create_switch (MqlwModelPanel *self,
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

GtkWidget *
_mqlw_model_panel_create_group (MqlwModelPanel *self,
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

/* Adwaita's rows wrap their title and subtitle anywhere in a word
 * ("Manufacturin-g" in a narrow panel); these wrap between words only, and
 * a word longer than the line widens the row instead of breaking. */
void
_mqlw_model_panel_wrap_at_words (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_label_get_wrap (GTK_LABEL (child)))
        gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD);
      _mqlw_model_panel_wrap_at_words (child);
    }
}

GtkWidget *
_mqlw_model_panel_create_row (const char *title,
                              const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  _mqlw_model_panel_wrap_at_words (row);
  return row;
}

/* An expander row: the main controls in view, the rest one click down. */
GtkWidget *
_mqlw_model_panel_create_expander_row (const char *title,
                                       const char *subtitle)
{
  GtkWidget *row = adw_expander_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  _mqlw_model_panel_wrap_at_words (row);
  return row;
}

/* ---- building a turn at a time ------------------------------------------- */

/* Whether this turn may build a row (or show one, or build a group); if
 * not, the panel is left incomplete and a later turn goes on. */
gboolean
_mqlw_model_panel_may_build (MqlwModelPanel *self)
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
void
_mqlw_model_panel_hide_new_rows (MqlwModelPanel *self,
                                 GtkWidget      *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_LIST_BOX_ROW (child))
        _mqlw_model_panel_hide_new_rows (self, child);
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
  while (!g_queue_is_empty (&self->hidden_rows) && _mqlw_model_panel_may_build (self))
    {
      g_autoptr(GtkWidget) row = g_queue_pop_head (&self->hidden_rows);

      gtk_widget_set_visible (row, TRUE);
    }
}

/* ---- following the model ------------------------------------------------- */

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
  _mqlw_model_panel_refresh_setting_group (self, GROUP_SCORE, model);
  _mqlw_model_panel_reconcile_criteria (self, MQLW_CRITERION_FIT, model);
  _mqlw_model_panel_reconcile_criteria (self, MQLW_CRITERION_BEHAVIOUR, model);
  for (guint which = GROUP_DECAY; which < N_SETTING_GROUPS; which++)
    _mqlw_model_panel_refresh_setting_group (self, which, model);
  _mqlw_model_panel_reconcile_criteria (self, MQLW_CRITERION_DISQUALIFIER, model);
  if (!g_queue_is_empty (&self->hidden_rows))
    self->incomplete = TRUE;
  schedule_build (self);
  _mqlw_model_panel_sync_settings (self, model);
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

static void
on_criterion_edited_cb (MqlwCriterionDialog *dialog,
                        const char          *name,
                        MqlwModelPanel      *self)
{
  g_autofree char *title = g_strdup_printf (_("Changed “%s”"), name);

  toast (self, title);
}

/* @edit_id: the criterion to edit (any kind), or NULL to add one of @kind. */
static void
open_criterion_dialog (MqlwModelPanel    *self,
                       MqlwCriterionKind  kind,
                       const char        *edit_id)
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  MqlwCriterionDialog *dialog;

  if (self->workbench == NULL)
    return;
  dialog = mqlw_criterion_dialog_new (parent, self->workbench, kind, edit_id);
  if (dialog == NULL)
    return;
  g_signal_connect_object (dialog, "edited", G_CALLBACK (on_criterion_edited_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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
  gtk_widget_class_install_action (widget_class, "model.set-setting", "(sd)", _mqlw_model_panel_set_setting_action);
  gtk_widget_class_install_action (widget_class, "model.set-choice", "(ss)", _mqlw_model_panel_set_choice_action);
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

  self->criteria = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, _mqlw_model_panel_criterion_free);
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
          _mqlw_model_panel_create_group (self, _("Fit"), _("Points for who the lead is"), "model.add-fit");
      else if (i == 2)
        group = self->criterion_groups[KIND_SLOT (MQLW_CRITERION_BEHAVIOUR)] =
          _mqlw_model_panel_create_group (self, _("Behaviour"), _("Points per activity, with an optional cap"),
                                          "model.add-behaviour");
      else
        group = self->criterion_groups[KIND_SLOT (MQLW_CRITERION_DISQUALIFIER)] =
          _mqlw_model_panel_create_group (self, _("Disqualifiers"), _("Never an MQL, whatever the score"),
                                          "model.add-disqualifier");
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

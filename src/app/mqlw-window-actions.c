/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-window-actions.c — every win.* action of the window and its shortcut.
 *
 * The actions are installed on the window's class; each one asks the part of
 * the window that does the work (mqlw-window.c, -project.c, -export.c) or the
 * workbench and the project session. An action that asks for a file has a
 * "-file" twin that takes the path (tests, scripts). */
#define G_LOG_DOMAIN "mqlw-window"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "mqlw-format.h"
#include "mqlw-preferences-window.h"
#include "mqlw-signoff-dialog.h"
#include "mqlw-window-private.h"

#define HELP_URI       "help:mql-workbench"
#define MANUAL_URI     "https://github.com/mqlworkbench/mql-workbench/tree/main/help/C"

static void
choose_scoring_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  _mqlw_window_show_scoring_page (MQLW_WINDOW (widget));
}

/* ---- actions ------------------------------------------------------------ */

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  static const char *patterns[] = { "*.csv", "*.CSV", "*.tsv", "*.txt", NULL };

  _mqlw_window_run_chooser (MQLW_WINDOW (widget), _("Import Lead History"), GTK_FILE_CHOOSER_ACTION_OPEN,
               _("_Import"), _("Lead history (CSV)"), patterns, NULL, FALSE, _mqlw_window_chosen_history);
}

static void
import_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  _mqlw_window_start_preview (MQLW_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  _mqlw_window_guard_unsaved (MQLW_WINDOW (widget), _mqlw_window_open_sample_now, NULL);
}

static void
open_model_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  static const char *patterns[] = { "*.json", NULL };

  _mqlw_window_run_chooser (MQLW_WINDOW (widget), _("Open Model"), GTK_FILE_CHOOSER_ACTION_OPEN,
               _("_Open"), _("Scoring model (JSON)"), patterns, NULL, FALSE, _mqlw_window_chosen_model);
}

static void
open_aggregate_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  static const char *patterns[] = { "*.csv", "*.txt", NULL };

  _mqlw_window_run_chooser (MQLW_WINDOW (widget), _("Open Aggregate"), GTK_FILE_CHOOSER_ACTION_OPEN,
                            _("_Open"), _("Calibration aggregate from a warehouse (CSV)"), patterns, NULL, FALSE,
                            _mqlw_window_chosen_aggregate);
}

static void
save_sample_queries_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  MqlwWindow *self = MQLW_WINDOW (widget);
  static const char *patterns[] = { "*", NULL };

  if (self->sample_schema == NULL || self->sample_model == NULL)
    return;
  _mqlw_window_run_chooser (self, _("Save Sample Queries"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                            _("_Save"), _("Folder"), patterns, NULL, FALSE, _mqlw_window_chosen_sample_folder);
}

/* On the mapping page, Ctrl+Z is the page's own (its blank-cell switches),
 * never the model's hidden behind it; TRUE when that page is on show. */
static gboolean
undo_on_mapping_page (MqlwWindow *self,
                      gboolean    redo)
{
  if (g_strcmp0 (mqlw_window_get_page (self), "mapping") != 0)
    return FALSE;
  if (!redo)
    mqlw_mapping_page_undo (self->mapping_page);
  return TRUE;
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  MqlwWindow *self = MQLW_WINDOW (widget);

  if (undo_on_mapping_page (self, FALSE))
    return;
  /* A click on + still waiting for its delay is the last edit. */
  mqlw_model_panel_flush (self->model_panel);
  if (mqlw_workbench_can_undo (self->workbench))
    mqlw_workbench_undo (self->workbench);
}

/* Ctrl+Z and Ctrl+Shift+Z / Ctrl+Y belong to the model's history wherever the
 * focus is in the window: a focused spin button's text would otherwise undo
 * its own typing (emptying the field) and leave the model as it was. Taken in
 * the capture phase, before the focus widget, and always consumed. */
static gboolean
history_shortcut_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  MqlwWindow *self = MQLW_WINDOW (widget);
  gboolean redo = GPOINTER_TO_INT (user_data);

  if (undo_on_mapping_page (self, redo))
    return TRUE;
  mqlw_model_panel_flush (self->model_panel);
  if (redo && mqlw_workbench_can_redo (self->workbench))
    mqlw_workbench_redo (self->workbench);
  else if (!redo && mqlw_workbench_can_undo (self->workbench))
    mqlw_workbench_undo (self->workbench);
  return TRUE;
}

void
_mqlw_window_actions_init (MqlwWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  static const struct { guint key; GdkModifierType mods; gboolean redo; } keys[] = {
    { GDK_KEY_z, GDK_CONTROL_MASK, FALSE },
    { GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, TRUE },
    { GDK_KEY_y, GDK_CONTROL_MASK, TRUE },
  };

  gtk_event_controller_set_name (controller, "history-shortcuts");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, keys[i].mods),
                                                            gtk_callback_action_new (history_shortcut_cb,
                                                                                     GINT_TO_POINTER (keys[i].redo),
                                                                                     NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  mqlw_workbench_redo (MQLW_WINDOW (widget)->workbench);
}

static void
set_threshold_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  mqlw_workbench_set_threshold (MQLW_WINDOW (widget)->workbench, g_variant_get_double (param));
}

static void
apply_suggestion_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  MqlwWindow *self = MQLW_WINDOW (widget);
  g_autofree char *score = mqlw_format_score (g_variant_get_double (param));
  g_autofree char *title = g_strdup_printf (_("Threshold set to %s"), score);

  mqlw_workbench_set_threshold (self->workbench, g_variant_get_double (param));
  _mqlw_window_show_toast (self, title, "win.undo");
}

static void
set_capacity_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  double capacity = g_variant_get_double (param);

  mqlw_workbench_set_capacity (MQLW_WINDOW (widget)->workbench, capacity > 0 ? capacity : NAN);
}

/* The period of the history, as stated in the preview panel; 0 or less: from the created dates. */
static void
set_months_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  double months = g_variant_get_double (parameter);

  mqlw_workbench_set_months (MQLW_WINDOW (widget)->workbench, months > 0 ? months : NAN);
}

static void
set_buckets_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  MqlwWindow *self = MQLW_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!mqlw_workbench_set_bucket_spec (self->workbench, g_variant_get_string (param, NULL), &error))
    _mqlw_window_show_error (self, _("Could Not Use These Buckets"), error);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  MqlwWindow *self = MQLW_WINDOW (widget);

  if (self->reading != READING_NONE || g_object_get_data (G_OBJECT (self), "loading-job") != NULL)
    g_cancellable_cancel (self->cancellable);
  else if (mqlw_project_session_is_busy (self->session) || self->file_progress_source != 0)
    {
      mqlw_project_session_cancel (self->session);
      g_cancellable_cancel (self->file_cancellable);
    }
  else if (self->workshop_mode)
    _mqlw_window_set_workshop_mode (self, FALSE);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  mqlw_window_set_view (MQLW_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
toggle_model_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  MqlwWindow *self = MQLW_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* ---- versions, scenarios, sign-off -------------------------------------- */

static GtkWidget *
add_entry_row (GtkListBox *list,
               const char *title,
               const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  /* Enter saves, as the dialog's default response. */
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_list_box_append (list, row);
  return row;
}

static const char *
default_author (void)
{
  const char *name = g_get_real_name ();

  return name != NULL && !g_str_equal (name, "Unknown") ? name : g_get_user_name ();
}

static void
on_ask_two_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        MqlwWindow       *self)
{
  GtkEditable *first = g_object_get_data (G_OBJECT (dialog), "first");
  GtkEditable *second = g_object_get_data (G_OBJECT (dialog), "second");
  const char *action = g_object_get_data (G_OBJECT (dialog), "action");

  if (!g_str_equal (response, "save"))
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), action, "(ss)",
                              gtk_editable_get_text (first), gtk_editable_get_text (second));
}

static void
on_ask_first_changed_cb (GtkEditable      *first,
                         AdwMessageDialog *dialog)
{
  const char *text = gtk_editable_get_text (first);

  adw_message_dialog_set_response_enabled (dialog, "save", text != NULL && *g_strstrip (g_strdup (text)) != '\0' ?
                                           TRUE : !GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "required")));
}

/* A small dialog asking for two texts, then activating @action with "(ss)". */
static GtkWidget *
ask_two (MqlwWindow *self,
         const char *name,
         const char *heading,
         const char *body,
         const char *first_title,
         const char *first_text,
         gboolean    first_required,
         const char *second_title,
         const char *action)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *first, *second;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  first = add_entry_row (GTK_LIST_BOX (list), first_title, first_text);
  second = add_entry_row (GTK_LIST_BOX (list), second_title, NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_widget_set_name (dialog, name);
  g_object_set_data (G_OBJECT (dialog), "first", first);
  g_object_set_data (G_OBJECT (dialog), "second", second);
  g_object_set_data (G_OBJECT (dialog), "action", (gpointer) action);
  g_object_set_data (G_OBJECT (dialog), "required", GINT_TO_POINTER (first_required));
  g_signal_connect (first, "changed", G_CALLBACK (on_ask_first_changed_cb), dialog);
  on_ask_first_changed_cb (GTK_EDITABLE (first), ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect (dialog, "response", G_CALLBACK (on_ask_two_response_cb), self);
  /* Focus on the first entry, before the dialog maps (it would take its buttons). */
  gtk_window_set_focus (GTK_WINDOW (dialog), first);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (first);
  return dialog;
}

static void
save_version_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  MqlwWindow *self = MQLW_WINDOW (widget);

  ask_two (self, "save-version-dialog", _("Save the Model as a Version"),
           _("The version keeps the model, the threshold and the capacity as they are now, with your name and a comment."),
           _("Author"), default_author (), FALSE, _("Comment (what changed and why)"), "win.add-version");
}

static void
add_version_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  MqlwWindow *self = MQLW_WINDOW (widget);
  const char *author, *comment;
  g_autofree char *title = NULL;
  guint number;

  g_variant_get (param, "(&s&s)", &author, &comment);
  number = mqlw_project_session_add_version (self->session, author, comment);
  if (number == 0)
    return;
  title = g_strdup_printf (_("Saved as version %u"), number);
  _mqlw_window_show_toast (self, title, NULL);
}

static void
open_version_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  MqlwWindow *self = MQLW_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint number = g_variant_get_uint32 (param);

  if (!mqlw_project_session_open_version (self->session, number, &error))
    {
      _mqlw_window_show_error (self, _("Could Not Open the Version"), error);
      return;
    }
  title = g_strdup_printf (_("Version %u is on the workbench"), number);
  _mqlw_window_show_toast (self, title, "win.undo");
}

static void
save_scenario_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  MqlwWindow *self = MQLW_WINDOW (widget);
  MqlwProject *project = mqlw_project_session_get_project (self->session);
  GPtrArray *scenarios = project != NULL ? mqlw_project_get_scenarios (project) : NULL;
  const char *suggestion = scenarios == NULL || scenarios->len == 0 ? _("Marketing proposal") :
                           scenarios->len == 1 ? _("Sales proposal") : "";

  ask_two (self, "save-scenario-dialog", _("Save the Model as a Scenario"),
           _("A scenario is a named variant to compare with the baseline. A scenario with the same name is replaced."),
           _("Name"), suggestion, TRUE, _("Comment"), "win.add-scenario");
}

static void
add_scenario_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  MqlwWindow *self = MQLW_WINDOW (widget);
  const char *name, *comment;
  g_autofree char *clean = NULL;
  g_autofree char *title = NULL;

  g_variant_get (param, "(&s&s)", &name, &comment);
  clean = g_strstrip (g_strdup (name));
  if (*clean == '\0')
    return;
  mqlw_project_session_save_scenario (self->session, clean, comment);
  title = g_strdup_printf (_("Saved the scenario “%s”"), clean);
  _mqlw_window_show_toast (self, title, NULL);
}

static void
open_scenario_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  MqlwWindow *self = MQLW_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const char *name = g_variant_get_string (param, NULL);

  if (!mqlw_project_session_open_scenario (self->session, name, &error))
    {
      _mqlw_window_show_error (self, _("Could Not Show the Scenario"), error);
      return;
    }
  /* The preview compares it with the baseline; the chart shows its buckets. */
  title = g_strdup_printf (_("“%s” against the baseline"), name);
  _mqlw_window_show_toast (self, title, "win.undo");
}

static void
remove_scenario_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  MqlwWindow *self = MQLW_WINDOW (widget);
  g_autofree char *title = g_strdup_printf (_("Removed the scenario “%s”"), g_variant_get_string (param, NULL));

  if (mqlw_project_session_remove_scenario (self->session, g_variant_get_string (param, NULL)))
    _mqlw_window_show_toast (self, title, NULL);
}

static void
on_signed_cb (MqlwSignoffDialog *dialog,
              MqlwSignoff       *signoff,
              MqlwWindow        *self)
{
  g_autofree char *title = NULL;

  if (mqlw_project_session_get_path (self->session) != NULL)
    title = g_strdup_printf (_("Version %u signed off and saved"), signoff->version);
  else
    title = g_strdup_printf (_("Version %u signed off — save the project to keep it"), signoff->version);
  mqlw_signoff_dialog_show_toast (dialog, title);
}

static void
sign_off_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  MqlwWindow *self = MQLW_WINDOW (widget);
  MqlwSignoff *current;
  MqlwSignoffDialog *dialog;

  if (!mqlw_workbench_has_data (self->workbench))
    return;
  /* The model on show is signed already: who signed, who is missing, and
   * the signature of the approver at this keyboard. */
  current = mqlw_project_session_get_current_signoff (self->session);
  if (current != NULL)
    dialog = mqlw_signoff_dialog_new_for_signoff (GTK_WINDOW (self), self->session, current, NULL);
  else
    dialog = mqlw_signoff_dialog_new (GTK_WINDOW (self), self->session, self->workbench);
  gtk_widget_set_name (GTK_WIDGET (dialog), "signoff-dialog");
  g_signal_connect_object (dialog, "signed", G_CALLBACK (on_signed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
recover_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  _mqlw_window_guard_unsaved (MQLW_WINDOW (widget), _mqlw_window_start_recover, g_variant_get_string (param, NULL));
}

static void
discard_recovery_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  mqlw_project_session_discard_recovery (g_variant_get_string (param, NULL));
  _mqlw_window_fill_recent (MQLW_WINDOW (widget));
}

/* Every export: each action asks for a file, its "-file" twin (tests,
 * scripts) takes the path. A chart's chooser also asks for the look. */
typedef struct {
  const char *action;
  const char *title;
  const char *filter;
  const char *patterns[4];
  const char *suggested;
  gboolean    chart;
  ChosenFunc  write;
} FileExport;

static const FileExport file_exports[] = {
  { "win.export-model", N_("Export Model"), N_("Scoring model (JSON)"), { "*.json", NULL },
    N_("mql-model.json"), FALSE, _mqlw_window_export_model_to },
  { "win.export-chart", N_("Export Chart"), N_("Chart (PNG, SVG or PDF)"), { "*.png", "*.svg", "*.pdf", NULL },
    N_("mql-buckets.png"), TRUE, _mqlw_window_export_chart_to },
  { "win.export-sweep", N_("Export Sweep Chart"), N_("Chart (PNG, SVG or PDF)"), { "*.png", "*.svg", "*.pdf", NULL },
    N_("mql-sweep.png"), TRUE, _mqlw_window_export_sweep_to },
  { "win.export-agreed", N_("Export Agreed Model"), N_("Agreed model (JSON)"), { "*.json", NULL },
    N_("agreed-mql-model.json"), FALSE, _mqlw_window_export_agreed_to },
  { "win.export-buckets-csv", N_("Export Bucket Table"), N_("Table (CSV)"), { "*.csv", NULL },
    N_("mql-buckets.csv"), FALSE, _mqlw_window_export_buckets_csv_to },
  { "win.export-sweep-csv", N_("Export Sweep"), N_("Table (CSV)"), { "*.csv", NULL },
    N_("mql-sweep.csv"), FALSE, _mqlw_window_export_sweep_csv_to },
  { "win.export-report", N_("Export Written Definition"), N_("PDF or Markdown"), { "*.pdf", "*.md", NULL },
    N_("mql-definition.pdf"), FALSE, _mqlw_window_export_report_to },
};

static void
export_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  MqlwWindow *self = MQLW_WINDOW (widget);

  for (guint i = 0; i < G_N_ELEMENTS (file_exports); i++)
    {
      const FileExport *e = &file_exports[i];

      if (!g_str_has_prefix (action_name, e->action))
        continue;
      if (g_str_equal (action_name, e->action))
        _mqlw_window_run_chooser (self, _(e->title), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _(e->filter),
                                  e->patterns, _(e->suggested), e->chart, e->write);
      else if (param != NULL && g_str_equal (action_name + strlen (e->action), "-file"))
        e->write (self, g_variant_get_string (param, NULL));
      else
        continue;
      return;
    }
  g_return_if_reached ();
}

static void
open_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (param, NULL), GDK_CURRENT_TIME);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  static const char *patterns[] = { "*" MQLW_PROJECT_SUFFIX, "*.csv", "*.CSV", "*.tsv", "*.txt", NULL };

  _mqlw_window_run_chooser (MQLW_WINDOW (widget), _("Open a Project or Lead History"), GTK_FILE_CHOOSER_ACTION_OPEN,
               _("_Open"), _("Projects and lead histories"), patterns, NULL, FALSE, _mqlw_window_chosen_open);
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  _mqlw_window_chosen_open (MQLW_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  _mqlw_window_save_or_choose (MQLW_WINDOW (widget));
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  MqlwWindow *self = MQLW_WINDOW (widget);

  if (param != NULL)
    _mqlw_window_chosen_save_as (self, g_variant_get_string (param, NULL));
  else
    _mqlw_window_run_save_as_chooser (self);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  MqlwWindow *self = MQLW_WINDOW (widget);
  MqlwPreferencesWindow *prefs = mqlw_preferences_window_new (GTK_WINDOW (self), self->settings);

  gtk_widget_set_name (GTK_WIDGET (prefs), "preferences-window");
  gtk_window_present (GTK_WINDOW (prefs));
}

/* The bundled HTML pages (installed, else this build's), else the online manual. */
static char *
help_fallback_uri (void)
{
  static const char *const dirs[] = { HELP_HTML_DIR, BUILD_HELP_HTML_DIR };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *index = g_build_filename (dirs[i], "index.html", NULL);

      if (g_file_test (index, G_FILE_TEST_IS_REGULAR))
        return g_filename_to_uri (index, NULL, NULL);
    }
  return g_strdup (MANUAL_URI);
}

static void
on_help_fallback_shown_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(MqlwWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    {
      g_autofree char *title = g_strdup_printf (_("No help viewer or browser answered; the manual is at %s"), MANUAL_URI);

      _mqlw_window_show_toast (self, title, NULL);
    }
}

static void
on_help_shown_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MqlwWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    return;
  /* No help viewer ("Operation not supported"): the same pages in a browser. */
  uri = help_fallback_uri ();
  g_object_set_data_full (G_OBJECT (self), "help-fallback-uri", g_strdup (uri), g_free);
  gtk_show_uri_full (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, NULL, on_help_fallback_shown_cb, g_object_ref (self));
}

static void
help_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  gtk_show_uri_full (GTK_WINDOW (widget), HELP_URI, GDK_CURRENT_TIME, NULL, on_help_shown_cb, g_object_ref (widget));
}

static void
show_menu_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  MqlwWindow *self = MQLW_WINDOW (widget);

  /* F10 reaches the header in workshop mode too. */
  _mqlw_window_reveal_header (self, TRUE);
  gtk_menu_button_popup (GTK_MENU_BUTTON (self->menu_button));
}

void
_mqlw_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-file", "s", import_file_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.open-model", NULL, open_model_action);
  gtk_widget_class_install_action (widget_class, "win.open-aggregate", NULL, open_aggregate_action);
  gtk_widget_class_install_action (widget_class, "win.save-sample-queries", NULL, save_sample_queries_action);
  gtk_widget_class_install_property_action (widget_class, "win.export-current-look", "export-current-look");
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.set-threshold", "d", set_threshold_action);
  gtk_widget_class_install_action (widget_class, "win.apply-suggestion", "d", apply_suggestion_action);
  gtk_widget_class_install_action (widget_class, "win.set-capacity", "d", set_capacity_action);
  gtk_widget_class_install_action (widget_class, "win.set-months", "d", set_months_action);
  gtk_widget_class_install_action (widget_class, "win.choose-scoring", NULL, choose_scoring_action);
  gtk_widget_class_install_action (widget_class, "win.set-buckets", "s", set_buckets_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-model", NULL, toggle_model_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_property_action (widget_class, "win.workshop", "workshop-mode");
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-file", "s", open_file_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.save-as-file", "s", save_as_action);
  gtk_widget_class_install_action (widget_class, "win.save-version", NULL, save_version_action);
  gtk_widget_class_install_action (widget_class, "win.add-version", "(ss)", add_version_action);
  gtk_widget_class_install_action (widget_class, "win.open-version", "u", open_version_action);
  gtk_widget_class_install_action (widget_class, "win.save-scenario", NULL, save_scenario_action);
  gtk_widget_class_install_action (widget_class, "win.add-scenario", "(ss)", add_scenario_action);
  gtk_widget_class_install_action (widget_class, "win.open-scenario", "s", open_scenario_action);
  gtk_widget_class_install_action (widget_class, "win.remove-scenario", "s", remove_scenario_action);
  gtk_widget_class_install_action (widget_class, "win.sign-off", NULL, sign_off_action);
  gtk_widget_class_install_action (widget_class, "win.recover", "s", recover_action);
  gtk_widget_class_install_action (widget_class, "win.discard-recovery", "s", discard_recovery_action);
  for (guint i = 0; i < G_N_ELEMENTS (file_exports); i++)
    {
      g_autofree char *with_path = g_strconcat (file_exports[i].action, "-file", NULL);

      gtk_widget_class_install_action (widget_class, file_exports[i].action, NULL, export_file_action);
      gtk_widget_class_install_action (widget_class, with_path, "s", export_file_action);
    }
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", open_uri_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.help", NULL, help_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_ALT_MASK, "win.save-version", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_ALT_MASK, "win.save-scenario", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_ALT_MASK, "win.sign-off", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export-agreed", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export-report", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK | GDK_ALT_MASK, "win.export-buckets-csv", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK | GDK_ALT_MASK, "win.export-sweep-csv", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export-model", NULL);
  /* Ctrl+1…4 in the order of the view switcher: Buckets, Sweep, Analysis, Versions. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK, "win.show-view", "s", "analysis");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_CONTROL_MASK, "win.show-view", "s", "project");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.help", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.open-sample", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "win.open-model", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-chart", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "win.workshop", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-model", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "win.show-view", "s", "chart");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK, "win.show-view", "s", "sweep");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-menu", NULL, show_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, 0, "win.show-menu", NULL);
}

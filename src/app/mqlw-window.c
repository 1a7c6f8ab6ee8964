/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-window"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <string.h>

#include "mqlw-bucket-view.h"
#include "mqlw-background.h"
#include "mqlw-chart-view.h"
#include "mqlw-format.h"
#include "mqlw-frame-queue.h"
#include "mqlw-mapping-page.h"
#include "mqlw-model-panel.h"
#include "mqlw-preferences-window.h"
#include "mqlw-preview-panel.h"
#include "mqlw-project-session.h"
#include "mqlw-project-view.h"
#include "mqlw-signoff-dialog.h"
#include "mqlw-sweep-view.h"
#include "mqlw-window.h"
#include "mqlw-scoring-page.h"

#define SAMPLE_HISTORY "leads-5000.csv"
#define SAMPLE_MODEL   "seed002-two-paths.json"
#define PREVIEW_ROWS   50
#define MAX_RECENT     5
#define MAX_REMEMBERED 10
#define HELP_URI       "help:mql-workbench"

/* What an unsaved-changes guard goes on with (Discard, or Save succeeded). */
typedef void (*GuardedFunc) (MqlwWindow *self,
                             const char *arg);

struct _MqlwWindow
{
  AdwApplicationWindow  parent_instance;

  MqlwWorkbench        *workbench;
  GCancellable         *cancellable;
  char                 *previous_page;   /* where Cancel and failures return to */
  char                 *import_path;     /* the CSV being mapped / imported */
  MqlwModel            *pending_model;   /* loaded with the next import (sample) */
  GtkNative            *file_chooser;    /* GtkFileChooserNative while open */
  GTask                *task;           /* the running preview or import */
  guint                 progress_source;
  guint                 busy_source;
  guint                 hide_header_source;
  gboolean              workshop_mode;
  gboolean              export_current_look;   /* else the light style, for slides and paper */
  gboolean              syncing;

  MqlwProjectSession   *session;
  GSettings            *settings;         /* NULL when the schema is not installed */
  GCancellable         *file_cancellable; /* the project file operation in flight */
  guint                 file_progress_source;
  gboolean              file_pulse;
  gboolean              close_confirmed;
  gboolean              restore_workshop;
  GuardedFunc           after_save;       /* run once the save the guard started succeeded */
  char                 *after_save_arg;
  MqlwModel            *sample_model;     /* an aggregate on show: what its sample queries score, */
  MqlwMapping          *sample_schema;    /* over which columns (NULL: no lead history known) */

  /* template */
  AdwToastOverlay      *toast_overlay;
  GtkRevealer          *header_revealer;
  AdwViewSwitcherTitle *switcher_title;
  GtkStack             *main_stack;
  GtkListBox           *recent_list;
  GtkWidget            *recent_label;
  MqlwMappingPage      *mapping_page;
  MqlwScoringPage      *scoring_page;   /* "How are leads scored?", after a CSV is mapped */
  GtkProgressBar       *progress_bar;
  AdwStatusPage        *loading_page;
  AdwFlap              *flap;
  AdwViewStack         *view_stack;
  GtkWidget            *threshold_bar;
  GtkScale             *threshold_scale;
  GtkSpinButton        *threshold_spin;
  GtkAdjustment        *threshold_adjustment;
  GtkListBox           *suggest_list;
  GtkPopover           *suggest_popover;
  GtkWidget            *suggest_button;
  GtkWidget            *model_button;
  GtkWidget            *workshop_button;
  GtkWidget            *import_button;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkWidget            *menu_button;
  GtkWidget            *export_button;
  GtkWidget            *empty_import_button;
  GtkWidget            *empty_sample_button;
  GtkWidget            *cancel_button;
  GtkSpinner           *busy_spinner;
  MqlwChartView        *chart_view;
  MqlwBucketView       *bucket_view;
  MqlwModelPanel       *model_panel;
  MqlwPreviewPanel     *preview_panel;
  MqlwSweepView        *sweep_view;
  MqlwProjectView      *project_view;
  GtkRevealer          *file_revealer;
  GtkLabel             *file_label;
  GtkProgressBar       *file_progress;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkWidget            *banner_button;
  GtkWidget            *save_button;
  GtkLabel             *project_label;
  GtkListBox           *recovery_list;
  GtkWidget            *recovery_label;
  GMenu                *recent_menu;
};

enum {
  PROP_0,
  PROP_WORKSHOP_MODE,
  PROP_EXPORT_CURRENT_LOOK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MqlwWindow, mqlw_window, ADW_TYPE_APPLICATION_WINDOW)

static void set_workshop_mode (MqlwWindow *self,
                               gboolean    workshop);
static void update_project_state (MqlwWindow *self);
static void start_open_project (MqlwWindow *self,
                                const char *path);
static void guard_unsaved (MqlwWindow  *self,
                           GuardedFunc  func,
                           const char  *arg);

/* ---- small helpers ------------------------------------------------------ */

static void
replace_string (char       **slot,
                const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*slot);
  *slot = copy;
}

static void
show_toast (MqlwWindow *self,
            const char *title,
            const char *undo_action)
{
  AdwToast *toast = adw_toast_new (title);

  if (undo_action != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, undo_action);
    }
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error (MqlwWindow   *self,
            const char   *heading,
            const GError *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_widget_set_name (dialog, "error-dialog");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The parts of an opened project that could not be read: the same sentences
 * the command line prints; the rest of the project is open. */
static void
show_damage (MqlwWindow *self)
{
  MqlwProject *project = mqlw_project_session_get_project (self->session);
  g_autoptr(GPtrArray) damage = project != NULL ? mqlw_project_dup_damage (project) : NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;

  if (damage == NULL || damage->len == 0)
    return;
  text = g_string_new (_("The rest of the project is open; these parts are kept as they are stored:"));
  for (guint i = 0; i < damage->len; i++)
    g_string_append_printf (text, "\n\n• %s", (const char *) g_ptr_array_index (damage, i));
  g_set_error_literal (&error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_DAMAGED, text->str);
  show_error (self, _("Parts of the Project Could Not Be Read"), error);
}

static void
set_page (MqlwWindow *self,
          const char *name)
{
  const char *current = gtk_stack_get_visible_child_name (self->main_stack);
  gboolean workbench = g_strcmp0 (name, "workbench") == 0;

  if (g_strcmp0 (current, "loading") != 0 && g_strcmp0 (current, "mapping") != 0 &&
      g_strcmp0 (current, "scoring") != 0)
    replace_string (&self->previous_page, current);
  /* The frame that first shows a page lays all of it out: the views' updates
   * wait for the next. */
  if (g_strcmp0 (current, name) != 0)
    mqlw_frame_queue_hold (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->main_stack, name);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, workbench);
  gtk_widget_set_visible (self->model_button, workbench);
  gtk_widget_set_visible (self->export_button, workbench);
  gtk_widget_set_visible (self->workshop_button, workbench);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-model", workbench);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-chart", workbench);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-sweep", workbench);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.workshop", workbench);
  {
    static const char *data_actions[] = {
      "win.save", "win.save-as", "win.save-version", "win.save-scenario", "win.sign-off",
      "win.export-agreed", "win.export-report", "win.export-buckets-csv", "win.export-sweep-csv",
      "win.add-version", "win.add-scenario",
    };
    for (guint i = 0; i < G_N_ELEMENTS (data_actions); i++)
      gtk_widget_action_set_enabled (GTK_WIDGET (self), data_actions[i], workbench);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.choose-scoring", workbench);
  }
  gtk_widget_set_visible (self->save_button, workbench);
  if (workbench && self->restore_workshop)
    {
      self->restore_workshop = FALSE;
      set_workshop_mode (self, TRUE);
    }
  if (self->session != NULL)
    update_project_state (self);
}

static void
return_to_previous_page (MqlwWindow *self)
{
  if (mqlw_workbench_has_data (self->workbench))
    set_page (self, "workbench");
  else
    set_page (self, self->previous_page != NULL ? self->previous_page : "empty");
}

static void
renew_cancellable (MqlwWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/* ---- recent files ------------------------------------------------------- */

static gboolean
is_project_path (const char *path)
{
  return g_str_has_suffix (path, MQLW_PROJECT_SUFFIX) || mqlw_project_is_project_file (path);
}

static void
append_recent_row (MqlwWindow *self,
                   const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *dir = g_path_get_dirname (path);
  GtkWidget *row = adw_action_row_new ();
  gboolean project = g_str_has_suffix (path, MQLW_PROJECT_SUFFIX);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), base);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dir);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (project ? "folder-documents-symbolic" : "x-office-spreadsheet-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_widget_set_tooltip_text (row, project ? _("Open this project") : _("Import this lead history"));
  g_object_set_data_full (G_OBJECT (row), "path", g_strdup (path), g_free);
  gtk_list_box_append (self->recent_list, row);
}

/* Paths of the remembered URIs under @key that still exist, newest first. */
static GPtrArray *
list_remembered (MqlwWindow *self,
                 const char *key)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) uris = NULL;

  if (self->settings == NULL)
    return paths;
  uris = g_settings_get_strv (self->settings, key);
  for (guint i = 0; uris[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uris[i]);
      char *path = g_file_get_path (file);

      if (path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (paths, path);
      else
        g_free (path);
    }
  return paths;
}

static void
fill_recovery (MqlwWindow *self)
{
  g_autoptr(GPtrArray) recoveries = mqlw_project_session_list_recoveries ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recovery_list))))
    gtk_list_box_remove (self->recovery_list, child);
  for (guint i = 0; i < recoveries->len && i < MAX_RECENT; i++)
    {
      const MqlwRecovery *r = g_ptr_array_index (recoveries, i);
      g_autofree char *name = r->project_path != NULL ? g_path_get_basename (r->project_path) :
                              r->title != NULL ? g_strdup_printf (_("%s (not saved as a project)"), r->title) :
                              g_strdup (_("Untitled project"));
      g_autofree char *when = g_date_time_format (r->saved, "%e %b %Y, %H:%M");
      g_autofree char *subtitle = g_strdup_printf (_("Unsaved changes kept at %s"), g_strstrip (when));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *recover = gtk_button_new_with_mnemonic (_("_Recover"));
      GtkWidget *discard = gtk_button_new_from_icon_name ("user-trash-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (recover, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (recover, "suggested-action");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (recover), "win.recover");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (recover), "s", r->copy_path);
      gtk_widget_set_valign (discard, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (discard, "flat");
      gtk_widget_set_tooltip_text (discard, _("Discard these unsaved changes"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (discard), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Discard these unsaved changes"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (discard), "win.discard-recovery");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (discard), "s", r->copy_path);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), recover);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), discard);
      gtk_list_box_append (self->recovery_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recovery_list), recoveries->len > 0);
  gtk_widget_set_visible (self->recovery_label, recoveries->len > 0);
}

static void
fill_recent (MqlwWindow *self)
{
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))))
    gtk_list_box_remove (self->recent_list, child);
  g_menu_remove_all (self->recent_menu);

  if (self->settings != NULL)
    {
      g_autoptr(GPtrArray) projects = list_remembered (self, "recent-projects");
      g_autoptr(GPtrArray) files = list_remembered (self, "recent-files");

      for (guint i = 0; i < projects->len && shown < MAX_RECENT; i++, shown++)
        append_recent_row (self, g_ptr_array_index (projects, i));
      for (guint i = 0; i < files->len && shown < MAX_RECENT + 2; i++, shown++)
        append_recent_row (self, g_ptr_array_index (files, i));
      for (guint i = 0; i < projects->len && i < MAX_RECENT; i++)
        {
          const char *path = g_ptr_array_index (projects, i);
          g_autofree char *base = g_path_get_basename (path);
          g_autoptr(GMenuItem) item = g_menu_item_new (base, NULL);

          g_menu_item_set_action_and_target (item, "win.open-file", "s", path);
          g_menu_append_item (self->recent_menu, item);
        }
      for (guint i = 0; i < files->len && i < MAX_RECENT; i++)
        {
          const char *path = g_ptr_array_index (files, i);
          g_autofree char *base = g_path_get_basename (path);
          g_autoptr(GMenuItem) item = g_menu_item_new (base, NULL);

          g_menu_item_set_action_and_target (item, "win.open-file", "s", path);
          g_menu_append_item (self->recent_menu, item);
        }
    }
  else
    {
      GtkRecentManager *manager = gtk_recent_manager_get_default ();
      GList *items = gtk_recent_manager_get_items (manager);

      for (GList *l = items; l != NULL && shown < MAX_RECENT; l = l->next)
        {
          GtkRecentInfo *info = l->data;
          const char *uri = gtk_recent_info_get_uri (info);
          g_autoptr(GFile) file = NULL;
          g_autofree char *path = NULL;

          if (!(g_str_has_suffix (uri, ".csv") || g_str_has_suffix (uri, MQLW_PROJECT_SUFFIX)) ||
              !gtk_recent_info_has_application (info, g_get_application_name ()))
            continue;
          file = g_file_new_for_uri (uri);
          path = g_file_get_path (file);
          if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
            continue;
          append_recent_row (self, path);
          shown++;
        }
      g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), shown > 0);
  gtk_widget_set_visible (self->recent_label, shown > 0);
  fill_recovery (self);
}

/* Newest first, as URIs, in GSettings (recent-files / recent-projects);
 * the desktop's recent list too. */
static void
remember_recent (MqlwWindow *self,
                 const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  if (self->settings != NULL)
    {
      const char *key = is_project_path (path) ? "recent-projects" : "recent-files";
      g_auto(GStrv) old = g_settings_get_strv (self->settings, key);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) updated = NULL;
      guint n = 1;

      g_strv_builder_add (builder, uri);
      for (guint i = 0; old[i] != NULL && n < MAX_REMEMBERED; i++)
        if (!g_str_equal (old[i], uri))
          {
            g_strv_builder_add (builder, old[i]);
            n++;
          }
      updated = g_strv_builder_end (builder);
      g_settings_set_strv (self->settings, key, (const char *const *) updated);
    }
  fill_recent (self);
}

static void
on_recent_row_activated_cb (GtkListBox    *list,
                            GtkListBoxRow *row,
                            MqlwWindow    *self)
{
  const char *path = g_object_get_data (G_OBJECT (row), "path");
  g_autoptr(GFile) file = NULL;

  if (path == NULL)
    return;
  file = g_file_new_for_path (path);
  mqlw_window_open_file (self, file);
}

/* ---- threshold and capacity -------------------------------------------- */

static void
sync_threshold_controls (MqlwWindow *self)
{
  double min, max, threshold;

  if (!mqlw_workbench_has_data (self->workbench))
    return;
  self->syncing = TRUE;
  mqlw_workbench_get_score_range (self->workbench, &min, &max);
  threshold = mqlw_workbench_get_threshold (self->workbench);
  min = MIN (floor (min), threshold);
  max = MAX (ceil (max), threshold);
  gtk_adjustment_configure (self->threshold_adjustment, threshold, min, max, 1, 5, 0);
  self->syncing = FALSE;
}

static void
on_threshold_value_changed_cb (GtkAdjustment *adjustment,
                               MqlwWindow    *self)
{
  if (self->syncing)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.set-threshold", "d",
                              gtk_adjustment_get_value (adjustment));
}

static void
on_workbench_changed_cb (MqlwWorkbench *workbench,
                         guint          change,
                         MqlwWindow    *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", mqlw_workbench_can_undo (workbench));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", mqlw_workbench_can_redo (workbench));
  if ((change & ~MQLW_WORKBENCH_CHANGED_MODEL) != 0)
    sync_threshold_controls (self);
  if (change & MQLW_WORKBENCH_CHANGED_DATA)
    {
      MqlwDataset *dataset = mqlw_workbench_get_dataset (workbench);
      const char *model_name = mqlw_workbench_get_model (workbench)->name;
      g_autofree char *base = g_path_get_basename (dataset->source_name);
      g_autofree char *count = mqlw_format_count (dataset->n_rows);
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s leads · %s"), base, count,
                                                   model_name != NULL && *model_name != '\0' ?
                                                   model_name : _("Untitled model"));
      adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
    }
}

static void
on_workbench_error_cb (MqlwWorkbench *workbench,
                       const GError  *error,
                       MqlwWindow    *self)
{
  show_error (self, _("Could Not Change the Model"), error);
}

static gboolean
show_busy_cb (gpointer user_data)
{
  MqlwWindow *self = user_data;

  self->busy_source = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), TRUE);
  gtk_spinner_start (self->busy_spinner);
  return G_SOURCE_REMOVE;
}

/* A subtle sign that newer figures are on their way, only when they take a while. */
static void
on_workbench_busy_cb (MqlwWorkbench *workbench,
                      GParamSpec    *pspec,
                      MqlwWindow    *self)
{
  g_clear_handle_id (&self->busy_source, g_source_remove);
  if (mqlw_workbench_is_busy (workbench))
    self->busy_source = g_timeout_add (150, show_busy_cb, self);
  else
    {
      gtk_spinner_stop (self->busy_spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), FALSE);
    }
}

/* ---- suggestions -------------------------------------------------------- */

static void
on_suggest_popover_show_cb (MqlwWindow *self)
{
  g_autoptr(GArray) suggestions = mqlw_workbench_suggest (self->workbench);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggest_list))))
    gtk_list_box_remove (self->suggest_list, child);
  if (suggestions == NULL)
    return;

  for (guint i = 0; i < suggestions->len; i++)
    {
      const MqlwSuggestion *s = &g_array_index (suggestions, MqlwSuggestion, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(mqlw_suggestion_kind_label (s->kind)));
      if (s->found)
        {
          g_autofree char *score = mqlw_format_score (s->threshold);
          g_autofree char *mql = mqlw_format_count (s->preview.mql);
          g_autofree char *sql = mqlw_format_rate (&s->preview.stage[MQLW_STAGE_SQL]);
          g_autofree char *month = mqlw_format_number (s->preview.mql_per_month, 0);

          subtitle = g_strdup_printf (_("Threshold %s · %s MQLs (%s a month) · SQL rate %s"),
                                      score, mql, month, sql);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
          g_object_set_data_full (G_OBJECT (row), "threshold", g_memdup2 (&s->threshold, sizeof (double)), g_free);
        }
      else
        {
          subtitle = g_strdup (_("No threshold meets this on the history"));
          gtk_widget_set_sensitive (row, FALSE);
        }
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->suggest_list, row);
    }
}

static void
on_suggest_row_activated_cb (GtkListBox    *list,
                             GtkListBoxRow *row,
                             MqlwWindow    *self)
{
  const double *threshold = g_object_get_data (G_OBJECT (row), "threshold");

  if (threshold == NULL)
    return;
  gtk_popover_popdown (self->suggest_popover);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.apply-suggestion", "d", *threshold);
}

/* ---- import ------------------------------------------------------------- */

static void start_preview (MqlwWindow *self,
                           const char *path);

/* Owned by its GTask; the worker touches only @progress (atomically). */
typedef struct {
  char        *path;
  MqlwMapping *mapping;
  gint         progress;   /* 0 … 10000 */
  gboolean     ask_scoring;   /* no model came with it: ask how leads are scored */
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->path);
  g_clear_pointer (&job->mapping, mqlw_mapping_free);
  g_free (job);
}

static void
on_import_progress (double   fraction,
                    gpointer user_data)
{
  ImportJob *job = user_data;

  g_atomic_int_set (&job->progress, (gint) CLAMP (fraction * 10000.0, 0, 10000));
}

static gboolean
update_progress_cb (gpointer user_data)
{
  MqlwWindow *self = user_data;
  ImportJob *job;

  if (self->task == NULL)
    return G_SOURCE_CONTINUE;
  job = g_task_get_task_data (self->task);
  if (g_task_get_source_tag (self->task) == (gpointer) start_preview)
    gtk_progress_bar_pulse (self->progress_bar);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (&job->progress) / 10000.0);
  return G_SOURCE_CONTINUE;
}

static void
stop_progress (MqlwWindow *self)
{
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_object (&self->task);
}

static void
start_progress (MqlwWindow *self,
                const char *title,
                const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  adw_status_page_set_title (self->loading_page, title);
  adw_status_page_set_description (self->loading_page, base);
  set_page (self, "loading");
  stop_progress (self);
  self->progress_source = g_timeout_add (50, update_progress_cb, self);
}

static void
run_import_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ImportJob *job = task_data;
  GError *error = NULL;
  MqlwDataset *dataset;

  mqlw_background_thread_begin ();
  dataset = mqlw_import_file (job->path, job->mapping, on_import_progress, job,
                              cancellable, &error);
  if (dataset == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, dataset, (GDestroyNotify) mqlw_dataset_unref);
}

static void
run_preview_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ImportJob *job = task_data;
  GError *error = NULL;
  MqlwCsvPreview *preview;

  mqlw_background_thread_begin ();
  preview = mqlw_csv_preview_file (job->path, job->mapping, PREVIEW_ROWS, cancellable, &error);
  if (preview == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, preview, (GDestroyNotify) mqlw_csv_preview_free);
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_CANCELLED);
}

/* A model that applies to any history: the data's own score column if it has one. */
static MqlwModel *
create_fallback_model (MqlwDataset *dataset)
{
  MqlwModel *model = mqlw_model_new ();
  MqlwColumn *score = mqlw_dataset_find_role (dataset, MQLW_ROLE_SCORE);

  if (score != NULL)
    model->score_column = g_strdup (score->name);
  return model;
}

/* The preferred bucket scheme, when the person chose one (the built-in
 * default is the workbench's automatic scheme). */
static void
apply_default_buckets (MqlwWindow *self)
{
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;

  if (self->settings == NULL || !(value = g_settings_get_user_value (self->settings, "default-bucket-scheme")))
    return;
  if (!mqlw_workbench_set_bucket_spec (self->workbench, g_variant_get_string (value, NULL), &error))
    g_message ("Preferred buckets not used: %s", error->message);
}

/* "How are leads scored?" for the history on show. */
static void
show_scoring_page (MqlwWindow *self)
{
  g_autofree char *samples = mqlw_application_samples_dir ();
  MqlwDataset *dataset = mqlw_workbench_get_dataset (self->workbench);

  if (dataset == NULL)
    return;
  mqlw_scoring_page_set_data (self->scoring_page, dataset, samples);
  set_page (self, "scoring");
}

static void
on_scoring_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(MqlwWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = g_object_steal_data (G_OBJECT (self), "scoring-summary");

  if (!mqlw_workbench_load_finish (MQLW_WORKBENCH (object), result, &error))
    {
      if (!is_cancelled (error))
        show_error (self, _("Could Not Score the Leads"), error);
      return;
    }
  set_page (self, "workbench");
  if (summary != NULL)
    show_toast (self, summary, NULL);
}

/* The scoring page's choice becomes the model as opened (the baseline). */
static void
on_scoring_chosen_cb (MqlwScoringPage *page,
                      MqlwModel       *model,
                      const char      *summary,
                      MqlwWindow      *self)
{
  g_autoptr(MqlwModel) chosen = model != NULL ? mqlw_model_copy (model) : mqlw_model_new ();
  MqlwModel *current = mqlw_workbench_get_model (self->workbench);

  if (current != NULL && mqlw_model_equal (current, chosen))
    {
      set_page (self, "workbench");
      return;
    }
  if (isnan (chosen->capacity_per_month) && self->settings != NULL &&
      g_settings_get_double (self->settings, "default-capacity") > 0)
    chosen->capacity_per_month = g_settings_get_double (self->settings, "default-capacity");
  g_object_set_data_full (G_OBJECT (self), "scoring-summary", g_strdup (summary), g_free);
  mqlw_workbench_load_async (self->workbench, mqlw_workbench_get_dataset (self->workbench), chosen,
                             self->cancellable, on_scoring_loaded_cb, g_object_ref (self));
}

static void
choose_scoring_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  show_scoring_page (MQLW_WINDOW (widget));
}

static void
on_import_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(MqlwWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  ImportJob *job = g_object_steal_data (G_OBJECT (self), "loading-job");
  g_autofree char *base = NULL;
  g_autofree char *heading = NULL;

  if (job == NULL)
    return;
  base = g_path_get_basename (job->path);
  heading = g_strdup_printf (_("Could Not Import “%s”"), base);
  if (!mqlw_workbench_load_finish (MQLW_WORKBENCH (object), result, &error))
    {
      return_to_previous_page (self);
      if (is_cancelled (error) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, _("Import cancelled"), NULL);
      else
        show_error (self, heading, error);
      import_job_free (job);
      return;
    }
  /* A new lead history is a new, untitled document, with no stated period. */
  mqlw_workbench_set_months (self->workbench, NAN);
  mqlw_project_session_reset (self->session, job->mapping);
  apply_default_buckets (self);
  remember_recent (self, job->path);
  if (job->ask_scoring)
    show_scoring_page (self);
  else
    set_page (self, "workbench");
  import_job_free (job);
}

static void
on_import_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MqlwWindow) self = user_data;
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(MqlwModel) model = NULL;
  g_autoptr(GError) error = NULL;
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *base = g_path_get_basename (job->path);
  g_autofree char *heading = g_strdup_printf (_("Could Not Import “%s”"), base);

  if ((gpointer) result != (gpointer) self->task)
    return;   /* superseded by a newer import */
  stop_progress (self);
  model = g_steal_pointer (&self->pending_model);
  dataset = g_task_propagate_pointer (G_TASK (result), &error);
  if (dataset == NULL)
    {
      return_to_previous_page (self);
      if (is_cancelled (error))
        show_toast (self, _("Import cancelled"), NULL);
      else
        show_error (self, heading, error);
      return;
    }

  /* Models that set no capacity get the preferred one. */
  if (model == NULL && !mqlw_workbench_has_data (self->workbench))
    {
      model = create_fallback_model (dataset);
      job->ask_scoring = TRUE;
    }
  if (model != NULL && isnan (model->capacity_per_month) && self->settings != NULL &&
      g_settings_get_double (self->settings, "default-capacity") > 0)
    model->capacity_per_month = g_settings_get_double (self->settings, "default-capacity");

  /* The figures are computed off the main thread too; NULL keeps the models. */
  {
    ImportJob *loaded = g_new0 (ImportJob, 1);

    loaded->path = g_strdup (job->path);
    loaded->mapping = job->mapping != NULL ? mqlw_mapping_copy (job->mapping) : NULL;
    loaded->ask_scoring = job->ask_scoring;
    g_object_set_data_full (G_OBJECT (self), "loading-job", loaded, (GDestroyNotify) import_job_free);
    adw_status_page_set_title (self->loading_page, _("Calculating the Figures…"));
    gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
    mqlw_workbench_load_async (self->workbench, dataset, model, self->cancellable,
                               on_import_loaded_cb, g_object_ref (self));
  }
}

static void
start_import (MqlwWindow        *self,
              const char        *path,
              const MqlwMapping *mapping)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job = g_new0 (ImportJob, 1);

  renew_cancellable (self);
  job->path = g_strdup (path);
  job->mapping = mapping != NULL ? mqlw_mapping_copy (mapping) : NULL;
  start_progress (self, _("Importing…"), path);

  task = g_task_new (NULL, self->cancellable, on_import_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_import);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  self->task = g_object_ref (task);
  g_task_run_in_thread (task, run_import_thread);
}

static void
on_preview_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MqlwWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  MqlwCsvPreview *preview;

  if ((gpointer) result != (gpointer) self->task)
    return;   /* superseded by a newer import */
  stop_progress (self);
  preview = g_task_propagate_pointer (G_TASK (result), &error);
  if (preview == NULL)
    {
      g_autofree char *base = g_path_get_basename (job->path);
      g_autofree char *heading = g_strdup_printf (_("Could Not Read “%s”"), base);

      return_to_previous_page (self);
      if (is_cancelled (error))
        show_toast (self, _("Import cancelled"), NULL);
      else
        show_error (self, heading, error);
      return;
    }
  mqlw_mapping_page_set_preview (self->mapping_page, job->path, preview);
  set_page (self, "mapping");
}

static void
start_preview (MqlwWindow *self,
               const char *path)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job = g_new0 (ImportJob, 1);

  renew_cancellable (self);
  replace_string (&self->import_path, path);
  job->path = g_strdup (path);
  start_progress (self, _("Reading…"), path);

  task = g_task_new (NULL, self->cancellable, on_preview_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_preview);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  self->task = g_object_ref (task);
  g_task_run_in_thread (task, run_preview_thread);
}

static void
on_mapping_page_import_cb (MqlwMappingPage *page,
                           MqlwWindow      *self)
{
  start_import (self, mqlw_mapping_page_get_path (page), mqlw_mapping_page_get_mapping (page));
}

static void
on_mapping_page_cancel_cb (MqlwMappingPage *page,
                           MqlwWindow      *self)
{
  return_to_previous_page (self);
}

/* ---- models ------------------------------------------------------------- */

static void
on_model_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MqlwWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mqlw_workbench_load_finish (MQLW_WORKBENCH (object), result, &error))
    {
      if (!is_cancelled (error))
        show_error (self, g_object_get_data (G_OBJECT (self), "model-heading"), error);
      return;
    }
  if (g_strcmp0 (mqlw_window_get_page (self), "scoring") == 0)
    set_page (self, "workbench");
  show_toast (self, _("Model opened; it is the new baseline"), NULL);
}

static void
open_model (MqlwWindow *self,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwModel) model = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *heading = g_strdup_printf (_("Could Not Open the Model “%s”"), base);

  if (!(model = mqlw_model_load (path, &error)))
    {
      show_error (self, heading, error);
      return;
    }
  if (!mqlw_workbench_has_data (self->workbench))
    {
      g_set_error_literal (&error, MQLW_WORKBENCH_ERROR, MQLW_WORKBENCH_ERROR_NO_DATA,
                           _("Import a lead history first: a model is calibrated against one."));
      show_error (self, heading, error);
      return;
    }
  /* An opened model becomes the new baseline: "the model as opened"; the
   * scoring and calibration run off the main thread. */
  g_object_set_data_full (G_OBJECT (self), "model-heading", g_steal_pointer (&heading), g_free);
  mqlw_workbench_load_async (self->workbench, mqlw_workbench_get_dataset (self->workbench), model,
                             self->cancellable, on_model_loaded_cb, g_object_ref (self));
}

/* An agreed-model export opens in the sign-off dialog, where a second
 * approver signs it; FALSE when @path is no agreed-model export. */
static gboolean
open_agreed_model (MqlwWindow *self,
                   const char *path)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MqlwSignoff) signoff = NULL;
  g_autoptr(GError) error = NULL;
  MqlwSignoffDialog *dialog;
  const char *contents;
  gsize length;

  /* Read (never mapped) and only up to the JSON limit: anything else is no export. */
  bytes = mqlw_read_small_file (path, MQLW_JSON_MAX_BYTES, NULL);
  contents = bytes != NULL ? g_bytes_get_data (bytes, &length) : NULL;
  if (contents == NULL || g_strstr_len (contents, (gssize) length, MQLW_SIGNOFF_FORMAT) == NULL)
    return FALSE;
  signoff = mqlw_signoff_from_json (contents, (gssize) length, &error);
  if (signoff == NULL)
    {
      show_error (self, _("Could Not Open the Agreed Model"), error);
      return TRUE;
    }
  dialog = mqlw_signoff_dialog_new_for_signoff (GTK_WINDOW (self), self->session, signoff, path);
  gtk_widget_set_name (GTK_WIDGET (dialog), "signoff-dialog");
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

void
mqlw_window_open_file (MqlwWindow *self,
                       GFile      *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (MQLW_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                     _("Only files on this computer can be opened."));
      show_error (self, _("Could Not Open the File"), error);
      return;
    }
  if (g_str_has_suffix (path, ".json") && open_agreed_model (self, path))
    return;
  if (g_str_has_suffix (path, ".json"))
    open_model (self, path);
  else if (is_project_path (path))
    guard_unsaved (self, start_open_project, path);
  else
    guard_unsaved (self, start_preview, path);
}

/* ---- file choosers ------------------------------------------------------ */

typedef void (*ChosenFunc) (MqlwWindow *self,
                            const char *path);

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        MqlwWindow      *self)
{
  ChosenFunc func = g_object_get_data (G_OBJECT (dialog), "chosen");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      const char *look = g_object_get_data (G_OBJECT (dialog), "chart") ?
                         gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "look") : NULL;

      if (look != NULL)
        self->export_current_look = g_str_equal (look, "current");
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        func (self, path);
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->file_chooser);
}

static void
run_chooser (MqlwWindow           *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept,
             const char           *filter_name,
             const char *const    *patterns,
             const char           *suggested_name,
             gboolean              chart,
             ChosenFunc            func)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->file_chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_file_filter_set_name (filter, filter_name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  if (chart)
    {
      static const char *looks[] = { "light", "current", NULL };
      const char *labels[] = { _("Light, for slides and paper"), _("As on screen"), NULL };

      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "look", _("Look"), looks, labels);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "look",
                                   self->export_current_look ? "current" : "light");
      g_object_set_data (G_OBJECT (chooser), "chart", GINT_TO_POINTER (TRUE));
    }
  g_object_set_data (G_OBJECT (chooser), "chosen", func);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  self->file_chooser = GTK_NATIVE (g_object_ref (chooser));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
chosen_history (MqlwWindow *self,
                const char *path)
{
  guard_unsaved (self, start_preview, path);
}

static void
chosen_model (MqlwWindow *self,
              const char *path)
{
  open_model (self, path);
}

static gboolean
export_model_to (MqlwWindow *self,
                 const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!mqlw_model_save (mqlw_workbench_get_model (self->workbench), path, &error))
    {
      show_error (self, _("Could Not Export the Model"), error);
      return FALSE;
    }
  show_toast (self, _("Model exported"), NULL);
  return TRUE;
}

static void
chosen_model_export (MqlwWindow *self,
                     const char *path)
{
  export_model_to (self, path);
}

static gboolean
export_chart_to (MqlwWindow *self,
                 const char *path,
                 gboolean    sweep)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) points = NULL;
  MqlwChartFormat format;
  MqlwChartStyle style;
  const MqlwBucketTable *table = mqlw_workbench_get_buckets (self->workbench);
  double threshold = mqlw_workbench_get_threshold (self->workbench);
  gboolean ok;

  if (!mqlw_chart_format_from_name (path, &format))
    {
      g_set_error (&error, MQLW_CHART_ERROR, MQLW_CHART_ERROR_FORMAT,
                   _("“%s” does not end in .png, .svg or .pdf."), path);
      show_error (self, _("Could Not Export the Chart"), error);
      return FALSE;
    }
  if (table == NULL)
    return FALSE;
  /* Light for slides and paper, or what the room sees (dark, workshop contrast). */
  mqlw_chart_view_get_style (self->chart_view, &style);
  if (!self->export_current_look)
    {
      style.dark = FALSE;
      style.high_contrast = FALSE;
    }
  style.font_scale = 1.0;
  style.hover_bucket = -1;
  style.title = mqlw_workbench_get_model (self->workbench)->name;
  if (sweep)
    {
      points = mqlw_workbench_sweep (self->workbench, MQLW_WORKBENCH_SWEEP_STEPS);
      ok = points != NULL && mqlw_chart_export_sweep (path, format, 1600, 900, points, threshold, &style, &error);
    }
  else
    ok = mqlw_chart_export (path, format, 1600, 900, table, threshold, &style, &error);
  if (!ok)
    {
      show_error (self, _("Could Not Export the Chart"), error);
      return FALSE;
    }
  show_toast (self, _("Chart exported"), NULL);
  return TRUE;
}

static void
chosen_chart_export (MqlwWindow *self,
                     const char *path)
{
  export_chart_to (self, path, FALSE);
}

static void
chosen_sweep_export (MqlwWindow *self,
                     const char *path)
{
  export_chart_to (self, path, TRUE);
}

/* ---- actions ------------------------------------------------------------ */

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  static const char *patterns[] = { "*.csv", "*.CSV", "*.tsv", "*.txt", NULL };

  run_chooser (MQLW_WINDOW (widget), _("Import Lead History"), GTK_FILE_CHOOSER_ACTION_OPEN,
               _("_Import"), _("Lead history (CSV)"), patterns, NULL, FALSE, chosen_history);
}

static void
import_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  start_preview (MQLW_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
open_sample_now (MqlwWindow *self,
                 const char *unused)
{
  g_autofree char *dir = mqlw_application_samples_dir ();
  g_autofree char *history = NULL;
  g_autofree char *model_path = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    {
      /* Translators: %s is the sample's file name, leads-5000.csv. */
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The sample lead history (%s) is not installed."), SAMPLE_HISTORY);
      show_error (self, _("Could Not Open the Sample"), error);
      return;
    }
  history = g_build_filename (dir, SAMPLE_HISTORY, NULL);
  model_path = g_build_filename (dir, SAMPLE_MODEL, NULL);
  g_clear_pointer (&self->pending_model, mqlw_model_unref);
  if (!(self->pending_model = mqlw_model_load (model_path, &error)))
    {
      show_error (self, _("Could Not Open the Sample"), error);
      return;
    }
  start_import (self, history, NULL);
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  guard_unsaved (MQLW_WINDOW (widget), open_sample_now, NULL);
}

static void
open_model_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  static const char *patterns[] = { "*.json", NULL };

  run_chooser (MQLW_WINDOW (widget), _("Open Model"), GTK_FILE_CHOOSER_ACTION_OPEN,
               _("_Open"), _("Scoring model (JSON)"), patterns, NULL, FALSE, chosen_model);
}

/* ---- a warehouse's aggregate -------------------------------------------- */

void
mqlw_window_open_aggregate (MqlwWindow        *self,
                            const char        *path,
                            MqlwModel         *model,
                            const MqlwMapping *schema)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwAggregate) aggregate = NULL;
  g_autoptr(MqlwModel) empty = NULL;
  g_autofree char *base = g_path_get_basename (path);
  MqlwWorkbenchState *state;

  g_return_if_fail (MQLW_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  aggregate = mqlw_aggregate_load (path, &error);
  if (aggregate == NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), base);
      show_error (self, heading, error);
      return;
    }
  if (model == NULL)
    model = empty = mqlw_model_new ();
  g_clear_pointer (&self->sample_model, mqlw_model_unref);
  g_clear_pointer (&self->sample_schema, mqlw_mapping_free);
  self->sample_model = mqlw_model_copy (model);
  self->sample_schema = schema != NULL ? mqlw_mapping_copy (schema) : NULL;
  state = mqlw_workbench_state_new_from_aggregate (aggregate, model);
  mqlw_workbench_load_state (self->workbench, state);
  mqlw_workbench_set_months (self->workbench, NAN);
  mqlw_project_session_reset (self->session, NULL);
  apply_default_buckets (self);
  set_page (self, "workbench");
  update_project_state (self);
}

static void
chosen_aggregate (MqlwWindow *self,
                  const char *path)
{
  MqlwDataset *dataset = mqlw_workbench_get_dataset (self->workbench);
  MqlwModel *model = mqlw_workbench_get_model (self->workbench);
  MqlwProject *project = mqlw_project_session_get_project (self->session);
  g_autoptr(MqlwMapping) schema = NULL;
  MqlwWindow *target = self;

  /* The model and columns of the leads on show give the threshold and the sample queries. */
  if (dataset != NULL && !mqlw_workbench_is_aggregate (self->workbench))
    {
      schema = mqlw_sql_schema_from_dataset (dataset, project != NULL ? mqlw_project_get_mapping (project) : NULL);
      /* Beside them, not instead of them. */
      target = mqlw_window_new (MQLW_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
      gtk_window_present (GTK_WINDOW (target));
    }
  else if (schema == NULL && self->sample_schema != NULL)
    schema = mqlw_mapping_copy (self->sample_schema);
  mqlw_window_open_aggregate (target, path, model, schema);
}

static void
open_aggregate_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  static const char *patterns[] = { "*.csv", "*.txt", NULL };

  run_chooser (MQLW_WINDOW (widget), _("Open Aggregate"), GTK_FILE_CHOOSER_ACTION_OPEN,
               _("_Open"), _("Calibration aggregate from a warehouse (CSV)"), patterns, NULL, FALSE,
               chosen_aggregate);
}

/* One sample query per dialect into the chosen folder: sample-DIALECT.sql. */
static void
chosen_sample_folder (MqlwWindow *self,
                      const char *folder)
{
  g_autoptr(GError) error = NULL;

  for (guint d = 0; d < MQLW_SQL_N_DIALECTS; d++)
    {
      MqlwSqlOptions options = { .dialect = d, .query = MQLW_SQL_QUERY_SAMPLE };
      g_autofree char *name = g_strdup_printf ("sample-%s.sql", mqlw_sql_dialect_to_string (d));
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *sql = mqlw_sql_build (self->sample_model, self->sample_schema, &options, &error);

      if (sql == NULL || !mqlw_export_write_file (path, sql, -1, &error))
        {
          show_error (self, _("Could Not Save the Sample Queries"), error);
          return;
        }
    }
  show_toast (self, _("Sample queries saved, one per warehouse"), NULL);
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
  run_chooser (self, _("Save Sample Queries"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
               _("_Save"), _("Folder"), patterns, NULL, FALSE, chosen_sample_folder);
}

static void
export_model_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  static const char *patterns[] = { "*.json", NULL };

  if (param != NULL)
    {
      export_model_to (MQLW_WINDOW (widget), g_variant_get_string (param, NULL));
      return;
    }
  run_chooser (MQLW_WINDOW (widget), _("Export Model"), GTK_FILE_CHOOSER_ACTION_SAVE,
               _("_Export"), _("Scoring model (JSON)"), patterns, _("mql-model.json"), FALSE, chosen_model_export);
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  static const char *patterns[] = { "*.png", "*.svg", "*.pdf", NULL };

  run_chooser (MQLW_WINDOW (widget), _("Export Chart"), GTK_FILE_CHOOSER_ACTION_SAVE,
               _("_Export"), _("Chart (PNG, SVG or PDF)"), patterns, _("mql-buckets.png"), TRUE, chosen_chart_export);
}

static void
export_sweep_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  static const char *patterns[] = { "*.png", "*.svg", "*.pdf", NULL };

  run_chooser (MQLW_WINDOW (widget), _("Export Sweep Chart"), GTK_FILE_CHOOSER_ACTION_SAVE,
               _("_Export"), _("Chart (PNG, SVG or PDF)"), patterns, _("mql-sweep.png"), TRUE, chosen_sweep_export);
}

static void
export_sweep_file_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  export_chart_to (MQLW_WINDOW (widget), g_variant_get_string (param, NULL), TRUE);
}

static void
export_chart_file_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  export_chart_to (MQLW_WINDOW (widget), g_variant_get_string (param, NULL), FALSE);
}

static void
export_model_file_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  export_model_to (MQLW_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  mqlw_workbench_undo (MQLW_WINDOW (widget)->workbench);
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
  show_toast (self, title, "win.undo");
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
    show_error (self, _("Could Not Use These Buckets"), error);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  MqlwWindow *self = MQLW_WINDOW (widget);

  if (self->task != NULL || g_object_get_data (G_OBJECT (self), "loading-job") != NULL)
    g_cancellable_cancel (self->cancellable);
  else if (mqlw_project_session_is_busy (self->session) || self->file_progress_source != 0)
    {
      mqlw_project_session_cancel (self->session);
      g_cancellable_cancel (self->file_cancellable);
    }
  else if (self->workshop_mode)
    set_workshop_mode (self, FALSE);
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

/* ---- projects ----------------------------------------------------------- */

static void
update_title (MqlwWindow *self)
{
  g_autofree char *name = mqlw_project_session_dup_title (self->session);
  g_autofree char *title = NULL;
  g_autofree char *window_title = NULL;

  if (!mqlw_workbench_has_data (self->workbench))
    {
      gtk_window_set_title (GTK_WINDOW (self), _("MQL Workbench"));
      gtk_label_set_text (self->project_label, "");
      return;
    }
  /* Translators: the project's name with a mark for unsaved changes. */
  title = mqlw_project_session_is_dirty (self->session) ? g_strdup_printf (_("• %s"), name) : g_strdup (name);
  /* The switcher hides its title when the window is wide: the project's name
   * and its unsaved mark stay beside Undo. */
  gtk_label_set_text (self->project_label, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->project_label),
                               mqlw_project_session_get_path (self->session) != NULL ?
                               mqlw_project_session_get_path (self->session) : _("Not saved yet"));
  window_title = g_strdup_printf (_("%s — MQL Workbench"), title);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

static char *
describe_signoff (const MqlwSignoff *signoff)
{
  g_autoptr(GString) who = g_string_new (NULL);
  char day[64];

  for (guint i = 0; i < signoff->approvers->len; i++)
    {
      const MqlwApprover *a = g_ptr_array_index (signoff->approvers, i);

      if (i > 0)
        g_string_append (who, ", ");
      g_string_append (who, a->name);
    }
  g_date_strftime (day, sizeof day, "%e %B %Y", &signoff->signed_on);
  /* Translators: "23 November 2026 by Ana Ruiz, Ben Okafor" */
  return g_strdup_printf (_("%s by %s"), g_strstrip (day), who->str);
}

/* The frozen state, in words: what is signed and what an edit does. */
static void
update_banner (MqlwWindow *self)
{
  MqlwProject *project = mqlw_project_session_get_project (self->session);
  MqlwSignoff *signoff = project != NULL && !mqlw_project_session_is_busy (self->session) ?
                         mqlw_project_get_latest_signoff (project) : NULL;
  MqlwSignoff *current = NULL;
  gboolean workbench = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "workbench") == 0;
  GtkImage *icon = GTK_IMAGE (gtk_widget_get_first_child (gtk_revealer_get_child (self->banner_revealer)));
  g_autofree char *text = NULL;
  g_autofree char *when = NULL;

  if (mqlw_project_session_is_busy (self->session))
    return;   /* the worker has the project; "changed" follows */
  if (workbench && mqlw_workbench_is_aggregate (self->workbench))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->banner_revealer), "signed");
      gtk_widget_add_css_class (GTK_WIDGET (self->banner_revealer), "draft");
      gtk_image_set_from_icon_name (icon, "network-server-symbolic");
      gtk_button_set_label (GTK_BUTTON (self->banner_button), _("Save Sample _Queries…"));
      gtk_widget_set_visible (self->banner_button, self->sample_schema != NULL);
      gtk_label_set_text (self->banner_label,
                          self->sample_schema != NULL
                          ? _("A warehouse's aggregate: thresholds, verdicts, sweep and suggestions are those of "
                              "its leads. Trying other weights needs leads: save the sample queries, run one in "
                              "the warehouse and open the sample it returns.")
                          : _("A warehouse's aggregate: thresholds, verdicts, sweep and suggestions are those of "
                              "its leads. Trying other weights needs leads: export a sample with mqlw export "
                              "--what sql-sample, run it in the warehouse and open the sample it returns."));
      gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
      return;
    }
  gtk_widget_set_visible (self->banner_button, TRUE);
  if (signoff == NULL || !workbench)
    {
      gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
      return;
    }
  if ((current = mqlw_project_session_get_current_signoff (self->session)) != NULL)
    {
      when = describe_signoff (current);
      text = g_strdup_printf (_("Version %u was signed off on %s. It is frozen: edits make a new draft."),
                              current->version, when);
      gtk_widget_remove_css_class (GTK_WIDGET (self->banner_revealer), "draft");
      gtk_widget_add_css_class (GTK_WIDGET (self->banner_revealer), "signed");
      gtk_image_set_from_icon_name (icon, "emblem-ok-symbolic");
      gtk_button_set_label (GTK_BUTTON (self->banner_button), _("_Versions"));
    }
  else
    {
      const MqlwModelVersion *head = mqlw_project_get_head (project);
      guint draft = head->signoff != NULL ? head->number + 1 : head->number;

      when = describe_signoff (signoff);
      text = g_strdup_printf (_("Draft: version %u was signed off on %s. Your edits make version %u; the signed version stays as it was."),
                              signoff->version, when, draft);
      gtk_widget_remove_css_class (GTK_WIDGET (self->banner_revealer), "signed");
      gtk_widget_add_css_class (GTK_WIDGET (self->banner_revealer), "draft");
      gtk_image_set_from_icon_name (icon, "document-edit-symbolic");
      gtk_button_set_label (GTK_BUTTON (self->banner_button), _("_Sign Off…"));
    }
  gtk_label_set_text (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static void
on_banner_button_clicked_cb (MqlwWindow *self)
{
  if (mqlw_workbench_is_aggregate (self->workbench))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.save-sample-queries", NULL);
  else if (mqlw_project_session_get_current_signoff (self->session) == NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.sign-off", NULL);
  else
    mqlw_window_set_view (self, "project");
}

static void
update_project_state (MqlwWindow *self)
{
  gboolean busy = mqlw_project_session_is_busy (self->session);

  update_title (self);
  update_banner (self);
  /* The worker has the project: nothing may change it meanwhile. */
  if (mqlw_workbench_has_data (self->workbench))
    {
      static const char *project_actions[] = {
        "win.save", "win.save-as", "win.save-version", "win.save-scenario", "win.sign-off",
        "win.add-version", "win.add-scenario", "win.open-version", "win.open-scenario", "win.remove-scenario",
      };
      /* An aggregate is no lead history: nothing to save in a project. */
      gboolean aggregate = mqlw_workbench_is_aggregate (self->workbench);

      for (guint i = 0; i < G_N_ELEMENTS (project_actions); i++)
        gtk_widget_action_set_enabled (GTK_WIDGET (self), project_actions[i], !busy && !aggregate);
    }
}

static void
on_session_changed_cb (MqlwProjectSession *session,
                       MqlwWindow         *self)
{
  update_project_state (self);
}

static gboolean
update_file_progress_cb (gpointer user_data)
{
  MqlwWindow *self = user_data;
  double fraction = mqlw_project_session_get_progress (self->session);

  if (self->file_pulse)
    gtk_progress_bar_pulse (self->file_progress);
  else
    gtk_progress_bar_set_fraction (self->file_progress, fraction);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "loading") == 0 && self->task == NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  return G_SOURCE_CONTINUE;
}

/* The slim bar under the header while a file operation runs. */
static void
show_file_progress (MqlwWindow *self,
                    const char *text,
                    gboolean    pulse)
{
  g_cancellable_cancel (self->file_cancellable);
  g_clear_object (&self->file_cancellable);
  self->file_cancellable = g_cancellable_new ();
  self->file_pulse = pulse;
  gtk_label_set_text (self->file_label, text);
  gtk_progress_bar_set_fraction (self->file_progress, 0);
  gtk_revealer_set_reveal_child (self->file_revealer, TRUE);
  g_clear_handle_id (&self->file_progress_source, g_source_remove);
  self->file_progress_source = g_timeout_add (50, update_file_progress_cb, self);
}

static void
hide_file_progress (MqlwWindow *self)
{
  g_clear_handle_id (&self->file_progress_source, g_source_remove);
  gtk_revealer_set_reveal_child (self->file_revealer, FALSE);
}

static gboolean
is_cancelled_file_error (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_CANCELLED) ||
         g_error_matches (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_CANCELLED);
}

static void
run_after_save (MqlwWindow *self,
                gboolean    saved)
{
  GuardedFunc func = self->after_save;
  g_autofree char *arg = g_steal_pointer (&self->after_save_arg);

  self->after_save = NULL;
  if (saved && func != NULL)
    func (self, arg);
}

static void
on_save_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MqlwWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mqlw_project_session_save_finish (MQLW_PROJECT_SESSION (object), result, &error))
    {
      hide_file_progress (self);
      run_after_save (self, FALSE);
      if (is_cancelled_file_error (error))
        show_toast (self, _("Save cancelled; the saved project is unchanged"), NULL);
      else
        show_error (self, _("Could Not Save the Project"), error);
      return;
    }
  hide_file_progress (self);
  remember_recent (self, mqlw_project_session_get_path (self->session));
  {
    g_autofree char *name = mqlw_project_session_dup_title (self->session);
    g_autofree char *title = g_strdup_printf (_("Saved “%s”"), name);
    show_toast (self, title, NULL);
  }
  run_after_save (self, TRUE);
}

static void
start_save (MqlwWindow *self,
            const char *path)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (path != NULL)
    name = g_path_get_basename (path);
  else
    name = mqlw_project_session_dup_title (self->session);
  text = g_strdup_printf (_("Saving “%s”…"), name);
  show_file_progress (self, text, FALSE);
  mqlw_project_session_save_async (self->session, path, self->file_cancellable, on_save_done_cb, g_object_ref (self));
}

static void
chosen_save_as (MqlwWindow *self,
                const char *path)
{
  g_autofree char *fixed = g_str_has_suffix (path, MQLW_PROJECT_SUFFIX) ? g_strdup (path)
                                                                        : g_strconcat (path, MQLW_PROJECT_SUFFIX, NULL);
  start_save (self, fixed);
}

static void
run_save_as_chooser (MqlwWindow *self)
{
  static const char *patterns[] = { "*" MQLW_PROJECT_SUFFIX, NULL };
  g_autofree char *name = mqlw_project_session_dup_title (self->session);
  g_autofree char *suggested = g_strconcat (name, MQLW_PROJECT_SUFFIX, NULL);

  run_chooser (self, _("Save Project"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
               _("MQL Workbench project"), patterns, suggested, FALSE, chosen_save_as);
}

static void
save_or_choose (MqlwWindow *self)
{
  if (mqlw_project_session_get_path (self->session) != NULL)
    start_save (self, NULL);
  else
    run_save_as_chooser (self);
}

static void
on_open_project_done_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(MqlwWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->file_progress_source, g_source_remove);
  if (!mqlw_project_session_open_finish (MQLW_PROJECT_SESSION (object), result, &error))
    {
      return_to_previous_page (self);
      if (is_cancelled_file_error (error))
        show_toast (self, _("Opening cancelled"), NULL);
      else
        show_error (self, _("Could Not Open the Project"), error);
      return;
    }
  apply_default_buckets (self);
  set_page (self, "workbench");
  if (mqlw_project_session_get_path (self->session) != NULL)
    remember_recent (self, mqlw_project_session_get_path (self->session));
  else
    fill_recent (self);
  show_damage (self);
}

static void
begin_opening (MqlwWindow *self,
               const char *title,
               const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  renew_cancellable (self);
  stop_progress (self);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  adw_status_page_set_title (self->loading_page, title);
  adw_status_page_set_description (self->loading_page, base);
  set_page (self, "loading");
  g_clear_handle_id (&self->file_progress_source, g_source_remove);
  self->file_pulse = FALSE;
  self->file_progress_source = g_timeout_add (50, update_file_progress_cb, self);
}

static void
start_open_project (MqlwWindow *self,
                    const char *path)
{
  begin_opening (self, _("Opening Project…"), path);
  mqlw_project_session_open_async (self->session, path, self->cancellable, on_open_project_done_cb,
                                   g_object_ref (self));
}

static void
start_recover (MqlwWindow *self,
               const char *copy_path)
{
  g_autoptr(GPtrArray) recoveries = mqlw_project_session_list_recoveries ();

  for (guint i = 0; i < recoveries->len; i++)
    {
      const MqlwRecovery *r = g_ptr_array_index (recoveries, i);

      if (g_str_equal (r->copy_path, copy_path))
        {
          begin_opening (self, _("Recovering Unsaved Work…"), r->project_path != NULL ? r->project_path : copy_path);
          mqlw_project_session_recover_async (self->session, r, self->cancellable, on_open_project_done_cb,
                                              g_object_ref (self));
          return;
        }
    }
}

/* ---- the unsaved-changes guard ------------------------------------------ */

typedef struct {
  MqlwWindow  *window;
  GuardedFunc  func;
  char        *arg;
} Deferred;

static gboolean
run_deferred_cb (gpointer user_data)
{
  Deferred *deferred = user_data;

  deferred->func (deferred->window, deferred->arg);
  g_object_unref (deferred->window);
  g_free (deferred->arg);
  g_free (deferred);
  return G_SOURCE_REMOVE;
}

static void
on_guard_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      MqlwWindow       *self)
{
  GuardedFunc func = g_object_get_data (G_OBJECT (dialog), "func");
  const char *arg = g_object_get_data (G_OBJECT (dialog), "arg");

  if (g_str_equal (response, "discard"))
    {
      /* Once the dialog is gone: closing the window would destroy it mid-response. */
      Deferred *deferred = g_new0 (Deferred, 1);

      deferred->window = g_object_ref (self);
      deferred->func = func;
      deferred->arg = g_strdup (arg);
      g_idle_add (run_deferred_cb, deferred);
    }
  else if (g_str_equal (response, "save"))
    {
      self->after_save = func;
      g_free (self->after_save_arg);
      self->after_save_arg = g_strdup (arg);
      save_or_choose (self);
    }
}

/* Runs @func now, or after the person saved or discarded the unsaved changes. */
static void
guard_unsaved (MqlwWindow  *self,
               GuardedFunc  func,
               const char  *arg)
{
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (!mqlw_project_session_is_dirty (self->session))
    {
      func (self, arg);
      return;
    }
  name = mqlw_project_session_dup_title (self->session);
  heading = g_strdup_printf (_("Save Changes to “%s”?"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("The model or the project has changes that are not saved. If you do not save them, they are lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_widget_set_name (dialog, "unsaved-dialog");
  g_object_set_data (G_OBJECT (dialog), "func", func);
  g_object_set_data_full (G_OBJECT (dialog), "arg", g_strdup (arg), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_guard_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_now (MqlwWindow *self,
           const char *arg)
{
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_window_state (MqlwWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && !gtk_window_is_fullscreen (GTK_WINDOW (self)) &&
      width >= 360 && height >= 294)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static gboolean
mqlw_window_close_request (GtkWindow *window)
{
  MqlwWindow *self = MQLW_WINDOW (window);

  if (!self->close_confirmed && mqlw_project_session_is_dirty (self->session))
    {
      guard_unsaved (self, close_now, NULL);
      return TRUE;
    }
  save_window_state (self);
  return GTK_WINDOW_CLASS (mqlw_window_parent_class)->close_request (window);
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
  show_toast (self, title, NULL);
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
      show_error (self, _("Could Not Open the Version"), error);
      return;
    }
  title = g_strdup_printf (_("Version %u is on the workbench"), number);
  show_toast (self, title, "win.undo");
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
  show_toast (self, title, NULL);
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
      show_error (self, _("Could Not Show the Scenario"), error);
      return;
    }
  /* The preview compares it with the baseline; the chart shows its buckets. */
  title = g_strdup_printf (_("“%s” against the baseline"), name);
  show_toast (self, title, "win.undo");
}

static void
remove_scenario_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  MqlwWindow *self = MQLW_WINDOW (widget);
  g_autofree char *title = g_strdup_printf (_("Removed the scenario “%s”"), g_variant_get_string (param, NULL));

  if (mqlw_project_session_remove_scenario (self->session, g_variant_get_string (param, NULL)))
    show_toast (self, title, NULL);
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
  show_toast (self, title, NULL);
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
  guard_unsaved (MQLW_WINDOW (widget), start_recover, g_variant_get_string (param, NULL));
}

static void
discard_recovery_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  mqlw_project_session_discard_recovery (g_variant_get_string (param, NULL));
  fill_recent (MQLW_WINDOW (widget));
}

/* ---- exports ------------------------------------------------------------ */

static void
show_export_toast (MqlwWindow *self,
                   const char *title,
                   const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-uri");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
exported (MqlwWindow *self,
          const char *kind,
          const char *title,
          const char *path)
{
  mqlw_project_session_log_export (self->session, kind, path);
  show_export_toast (self, title, path);
}

static void
export_agreed_to (MqlwWindow *self,
                  const char *path)
{
  g_autoptr(GError) error = NULL;
  MqlwSignoff *signoff = mqlw_project_session_get_current_signoff (self->session);
  MqlwProject *project = mqlw_project_session_get_project (self->session);
  gboolean draft = FALSE;

  if (signoff == NULL && project != NULL && (signoff = mqlw_project_get_latest_signoff (project)) != NULL)
    draft = TRUE;
  if (signoff == NULL)
    {
      g_set_error_literal (&error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_APPROVERS,
                           _("The agreed model is the one both teams signed. Sign the model off first (Sign Off… in the main menu)."));
      show_error (self, _("No Agreed Model Yet"), error);
      return;
    }
  if (!mqlw_signoff_export (signoff, path, &error))
    {
      show_error (self, _("Could Not Export the Agreed Model"), error);
      return;
    }
  if (draft)
    {
      g_autofree char *title = g_strdup_printf (_("Exported signed version %u; your current draft is not signed"),
                                                signoff->version);
      exported (self, "model", title, path);
    }
  else
    exported (self, "model", _("Agreed model exported"), path);
}

static void
export_buckets_csv_to (MqlwWindow *self,
                       const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const MqlwBucketTable *table = mqlw_workbench_get_buckets (self->workbench);

  if (table == NULL)
    return;
  text = mqlw_export_buckets_csv (table);
  if (!mqlw_export_write_file (path, text, -1, &error))
    {
      show_error (self, _("Could Not Export the Bucket Table"), error);
      return;
    }
  exported (self, "buckets", _("Bucket table exported"), path);
}

static void
export_sweep_csv_to (MqlwWindow *self,
                     const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) points = mqlw_workbench_sweep (self->workbench, MQLW_WORKBENCH_SWEEP_STEPS);
  g_autofree char *text = NULL;

  if (points == NULL)
    return;
  text = mqlw_export_previews_csv ((const MqlwPreview *) (void *) points->data, points->len);
  if (!mqlw_export_write_file (path, text, -1, &error))
    {
      show_error (self, _("Could Not Export the Sweep"), error);
      return;
    }
  exported (self, "sweep", _("Sweep exported"), path);
}

typedef struct {
  MqlwDataset *dataset;
  MqlwModel   *model;
  MqlwSignoff *signoff;
  guint        version;
  char        *path;
  MqlwBucketSpec *buckets;       /* the scheme on show */
  MqlwReportOptions options;     /* its verdict cuts and stated period */
} ReportJob;

static void
report_job_free (ReportJob *job)
{
  g_clear_pointer (&job->dataset, mqlw_dataset_unref);
  g_clear_pointer (&job->model, mqlw_model_unref);
  g_clear_pointer (&job->signoff, mqlw_signoff_unref);
  g_clear_pointer (&job->buckets, mqlw_bucket_spec_free);
  g_free (job->path);
  g_free (job);
}

static void
run_report_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ReportJob *job = task_data;
  g_autoptr(MqlwReport) report = NULL;
  GError *error = NULL;

  mqlw_background_thread_begin ();
  job->options.buckets = job->buckets;
  report = mqlw_report_new_full (job->dataset, job->model, job->signoff, job->version, &job->options, &error);
  if (report == NULL || !mqlw_report_write (report, job->path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_report_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MqlwWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  ReportJob *job = g_task_get_task_data (G_TASK (result));

  hide_file_progress (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error (self, _("Could Not Write the Definition"), error);
      return;
    }
  g_object_set_data (G_OBJECT (self), "report-written", GINT_TO_POINTER (TRUE));
  exported (self, "report", _("Written definition exported"), job->path);
}

static void
export_report_to (MqlwWindow *self,
                  const char *path)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  MqlwReportFormat format;
  MqlwSignoff *signoff = mqlw_project_session_get_current_signoff (self->session);
  MqlwProject *project = mqlw_project_session_get_project (self->session);
  const MqlwModelVersion *head = project != NULL ? mqlw_project_get_head (project) : NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *text = g_strdup_printf (_("Writing “%s”…"), base);
  ReportJob *job;

  if (!mqlw_report_format_from_name (path, &format))
    {
      g_set_error (&error, MQLW_REPORT_ERROR, MQLW_REPORT_ERROR_FORMAT,
                   _("“%s” ends in neither .pdf nor .md: choose one of the two."), base);
      show_error (self, _("Could Not Write the Definition"), error);
      return;
    }
  job = g_new0 (ReportJob, 1);
  job->dataset = mqlw_dataset_ref (mqlw_workbench_get_dataset (self->workbench));
  job->model = mqlw_model_copy (mqlw_workbench_get_model (self->workbench));
  job->signoff = signoff != NULL ? mqlw_signoff_ref (signoff) : NULL;
  job->version = signoff != NULL ? signoff->version :
                 head != NULL && mqlw_model_equal (head->model, job->model) ? head->number : 0;
  job->path = g_strdup (path);
  /* The report shows what the window shows: its buckets, verdicts and period. */
  mqlw_report_options_init (&job->options);
  if (mqlw_workbench_get_bucket_spec (self->workbench) != NULL)
    job->buckets = mqlw_bucket_spec_copy (mqlw_workbench_get_bucket_spec (self->workbench));
  mqlw_workbench_get_verdict_cuts (self->workbench, &job->options.cuts);
  job->options.months = mqlw_workbench_get_months (self->workbench);
  show_file_progress (self, text, TRUE);
  task = g_task_new (NULL, self->file_cancellable, on_report_done_cb, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) report_job_free);
  g_task_run_in_thread (task, run_report_thread);
}

/* The project's file exports: each action asks for a file, its "-file"
 * twin (tests, scripts) takes the path. */
typedef struct {
  const char *action;
  const char *title;
  const char *filter;
  const char *patterns[3];
  const char *suggested;
  ChosenFunc  write;
} FileExport;

static const FileExport file_exports[] = {
  { "win.export-agreed", N_("Export Agreed Model"), N_("Agreed model (JSON)"), { "*.json", NULL },
    N_("agreed-mql-model.json"), export_agreed_to },
  { "win.export-buckets-csv", N_("Export Bucket Table"), N_("Table (CSV)"), { "*.csv", NULL },
    N_("mql-buckets.csv"), export_buckets_csv_to },
  { "win.export-sweep-csv", N_("Export Sweep"), N_("Table (CSV)"), { "*.csv", NULL },
    N_("mql-sweep.csv"), export_sweep_csv_to },
  { "win.export-report", N_("Export Written Definition"), N_("PDF or Markdown"), { "*.pdf", "*.md", NULL },
    N_("mql-definition.pdf"), export_report_to },
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
        run_chooser (self, _(e->title), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _(e->filter),
                     e->patterns, _(e->suggested), FALSE, e->write);
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

/* ---- files, preferences, help ------------------------------------------- */

static void
chosen_open (MqlwWindow *self,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  mqlw_window_open_file (self, file);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  static const char *patterns[] = { "*" MQLW_PROJECT_SUFFIX, "*.csv", "*.CSV", "*.tsv", "*.txt", NULL };

  run_chooser (MQLW_WINDOW (widget), _("Open a Project or Lead History"), GTK_FILE_CHOOSER_ACTION_OPEN,
               _("_Open"), _("Projects and lead histories"), patterns, NULL, FALSE, chosen_open);
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  chosen_open (MQLW_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  save_or_choose (MQLW_WINDOW (widget));
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  MqlwWindow *self = MQLW_WINDOW (widget);

  if (param != NULL)
    chosen_save_as (self, g_variant_get_string (param, NULL));
  else
    run_save_as_chooser (self);
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

static void
help_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  gtk_show_uri (GTK_WINDOW (widget), HELP_URI, GDK_CURRENT_TIME);
}

/* ---- workshop mode ------------------------------------------------------ */

#define REVEAL_ZONE_PX 12   /* the pointer this close to the top shows the header */

static gboolean
hide_header_cb (gpointer user_data)
{
  MqlwWindow *self = user_data;
  GtkWidget *header = gtk_revealer_get_child (self->header_revealer);

  self->hide_header_source = 0;
  /* Kept while a menu is open or a header button has the keyboard focus. */
  if (self->workshop_mode && !gtk_widget_has_focus (header) &&
      gtk_widget_get_focus_child (header) == NULL)
    gtk_revealer_set_reveal_child (self->header_revealer, FALSE);
  return G_SOURCE_REMOVE;
}

static void
reveal_header (MqlwWindow *self,
               gboolean    reveal)
{
  g_clear_handle_id (&self->hide_header_source, g_source_remove);
  if (reveal)
    gtk_revealer_set_reveal_child (self->header_revealer, TRUE);
  else if (gtk_revealer_get_reveal_child (self->header_revealer))
    self->hide_header_source = g_timeout_add (800, hide_header_cb, self);
}

static void
on_window_motion_cb (GtkEventControllerMotion *motion,
                     double                    x,
                     double                    y,
                     MqlwWindow               *self)
{
  int header_height;

  if (!self->workshop_mode)
    return;
  header_height = gtk_widget_get_height (GTK_WIDGET (self->header_revealer));
  reveal_header (self, y <= MAX (REVEAL_ZONE_PX, header_height + REVEAL_ZONE_PX));
}

static void
on_header_focus_cb (GtkEventControllerFocus *focus,
                    GParamSpec              *pspec,
                    MqlwWindow              *self)
{
  if (self->workshop_mode)
    reveal_header (self, gtk_event_controller_focus_contains_focus (focus));
}

static void
show_menu_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  MqlwWindow *self = MQLW_WINDOW (widget);

  /* F10 reaches the header in workshop mode too. */
  reveal_header (self, TRUE);
  gtk_menu_button_popup (GTK_MENU_BUTTON (self->menu_button));
}

static void
set_workshop_mode (MqlwWindow *self,
                   gboolean    workshop)
{
  workshop = !!workshop;
  if (self->workshop_mode == workshop)
    return;
  self->workshop_mode = workshop;

  if (workshop)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "workshop");
      gtk_window_fullscreen (GTK_WINDOW (self));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "workshop");
      gtk_window_unfullscreen (GTK_WINDOW (self));
    }
  /* Editing chrome hides until needed: the header comes back with the pointer
   * at the top of the screen or F10, the model with F9; Escape leaves. */
  adw_flap_set_reveal_flap (self->flap, !workshop);
  g_clear_handle_id (&self->hide_header_source, g_source_remove);
  gtk_revealer_set_reveal_child (self->header_revealer, !workshop);
  gtk_widget_set_visible (GTK_WIDGET (self->bucket_view), !workshop);
  /* Larger type needs a wider column of figures. */
  gtk_widget_set_size_request (GTK_WIDGET (self->preview_panel), workshop ? 420 : 300, -1);
  mqlw_chart_view_set_workshop (self->chart_view, workshop);
  mqlw_sweep_view_set_workshop (self->sweep_view, workshop);
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "workshop-mode", workshop);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSHOP_MODE]);
}

/* ---- drag and drop ------------------------------------------------------ */

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            MqlwWindow    *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;
  mqlw_window_open_file (self, files->data);
  g_slist_free (files);
  return TRUE;
}

/* ---- GObject ------------------------------------------------------------ */

static void
mqlw_window_dispose (GObject *object)
{
  MqlwWindow *self = (MqlwWindow *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  stop_progress (self);
  g_clear_handle_id (&self->busy_source, g_source_remove);
  g_clear_handle_id (&self->hide_header_source, g_source_remove);
  g_clear_handle_id (&self->file_progress_source, g_source_remove);
  if (self->file_cancellable != NULL)
    g_cancellable_cancel (self->file_cancellable);
  if (self->workbench != NULL)
    g_signal_handlers_disconnect_by_data (self->workbench, self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MQLW_TYPE_WINDOW);

  G_OBJECT_CLASS (mqlw_window_parent_class)->dispose (object);
}

static void
mqlw_window_finalize (GObject *object)
{
  MqlwWindow *self = (MqlwWindow *) object;

  g_clear_object (&self->session);
  g_clear_object (&self->workbench);
  g_clear_object (&self->settings);
  g_clear_object (&self->file_cancellable);
  g_clear_pointer (&self->after_save_arg, g_free);
  g_clear_pointer (&self->sample_model, mqlw_model_unref);
  g_clear_pointer (&self->sample_schema, mqlw_mapping_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->file_chooser);
  g_clear_pointer (&self->pending_model, mqlw_model_unref);
  g_clear_pointer (&self->previous_page, g_free);
  g_clear_pointer (&self->import_path, g_free);

  G_OBJECT_CLASS (mqlw_window_parent_class)->finalize (object);
}

static void
mqlw_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MqlwWindow *self = MQLW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WORKSHOP_MODE:
      g_value_set_boolean (value, self->workshop_mode);
      break;
    case PROP_EXPORT_CURRENT_LOOK:
      g_value_set_boolean (value, self->export_current_look);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mqlw_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MqlwWindow *self = MQLW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WORKSHOP_MODE:
      set_workshop_mode (self, g_value_get_boolean (value));
      break;
    case PROP_EXPORT_CURRENT_LOOK:
      if (self->export_current_look != g_value_get_boolean (value))
        {
          self->export_current_look = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mqlw_window_class_init (MqlwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mqlw_window_dispose;
  object_class->finalize = mqlw_window_finalize;
  object_class->get_property = mqlw_window_get_property;
  object_class->set_property = mqlw_window_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = mqlw_window_close_request;

  properties[PROP_WORKSHOP_MODE] =
    g_param_spec_boolean ("workshop-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPORT_CURRENT_LOOK] =
    g_param_spec_boolean ("export-current-look", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MQLW_TYPE_BUCKET_VIEW);
  g_type_ensure (MQLW_TYPE_CHART_VIEW);
  g_type_ensure (MQLW_TYPE_MAPPING_PAGE);
  g_type_ensure (MQLW_TYPE_MODEL_PANEL);
  g_type_ensure (MQLW_TYPE_PREVIEW_PANEL);
  g_type_ensure (MQLW_TYPE_SWEEP_VIEW);
  g_type_ensure (MQLW_TYPE_PROJECT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mqlworkbench/Workbench/mqlw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, header_revealer);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, recent_label);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, mapping_page);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, threshold_bar);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, threshold_scale);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, threshold_adjustment);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, suggest_list);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, suggest_popover);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, suggest_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, model_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, workshop_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, empty_import_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, empty_sample_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, chart_view);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, bucket_view);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, model_panel);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, preview_panel);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, sweep_view);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, project_view);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, file_revealer);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, file_label);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, file_progress);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, project_label);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, recovery_list);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, recovery_label);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, recent_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_suggest_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_suggest_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_mapping_page_import_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_mapping_page_cancel_cb);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-file", "s", import_file_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.open-model", NULL, open_model_action);
  gtk_widget_class_install_action (widget_class, "win.open-aggregate", NULL, open_aggregate_action);
  gtk_widget_class_install_action (widget_class, "win.save-sample-queries", NULL, save_sample_queries_action);
  gtk_widget_class_install_action (widget_class, "win.export-model", NULL, export_model_action);
  gtk_widget_class_install_action (widget_class, "win.export-model-file", "s", export_model_file_action);
  gtk_widget_class_install_action (widget_class, "win.export-chart", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "win.export-chart-file", "s", export_chart_file_action);
  gtk_widget_class_install_action (widget_class, "win.export-sweep", NULL, export_sweep_action);
  gtk_widget_class_install_action (widget_class, "win.export-sweep-file", "s", export_sweep_file_action);
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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK, "win.show-view", "s", "project");
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

static void
label_widget (GtkWidget  *widget,
              const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
apply_autosave_setting (MqlwWindow *self)
{
  mqlw_project_session_set_autosave_interval (self->session,
                                              g_settings_get_uint (self->settings, "autosave-interval"));
}

/* The preferences' verdict stage and cut points, for the buckets' verdicts. */
static void
apply_verdict_settings (MqlwWindow *self)
{
  g_autofree char *stage = g_settings_get_string (self->settings, "verdict-stage");
  MqlwVerdictCuts cuts;

  mqlw_verdict_cuts_init_default (&cuts);
  if (!mqlw_stage_from_string (stage, &cuts.stage))
    cuts.stage = MQLW_VERDICT_STAGE_AUTO;   /* "auto", or anything unknown */
  cuts.min_known = g_settings_get_uint (self->settings, "verdict-min-known");
  cuts.marginal = g_settings_get_double (self->settings, "verdict-marginal");
  cuts.good = MAX (cuts.marginal, g_settings_get_double (self->settings, "verdict-good"));
  cuts.hot = MAX (cuts.good, g_settings_get_double (self->settings, "verdict-hot"));
  mqlw_workbench_set_verdict_cuts (self->workbench, &cuts);
}

static void
mqlw_window_init (MqlwWindow *self)
{
  GtkDropTarget *drop;
  GtkEventController *motion, *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->file_cancellable = g_cancellable_new ();
  self->settings = mqlw_window_dup_settings ();
  self->workbench = mqlw_workbench_new ();
  self->session = mqlw_project_session_new (self->workbench);
  g_signal_connect (self->session, "changed", G_CALLBACK (on_session_changed_cb), self);
  g_signal_connect_swapped (self->session, "notify::busy", G_CALLBACK (update_project_state), self);
  mqlw_project_view_set_session (self->project_view, self->session);
  g_signal_connect_swapped (self->banner_button, "clicked", G_CALLBACK (on_banner_button_clicked_cb), self);
  if (self->settings != NULL)
    {
      apply_autosave_setting (self);
      g_signal_connect_object (self->settings, "changed::autosave-interval",
                               G_CALLBACK (apply_autosave_setting), self, G_CONNECT_SWAPPED);
    }
  if (self->settings != NULL)
    {
      apply_verdict_settings (self);
      g_signal_connect_object (self->settings, "changed::verdict-stage", G_CALLBACK (apply_verdict_settings), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::verdict-marginal", G_CALLBACK (apply_verdict_settings), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::verdict-good", G_CALLBACK (apply_verdict_settings), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::verdict-hot", G_CALLBACK (apply_verdict_settings), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::verdict-min-known", G_CALLBACK (apply_verdict_settings), self, G_CONNECT_SWAPPED);
    }
  self->scoring_page = g_object_new (MQLW_TYPE_SCORING_PAGE, NULL);
  gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->scoring_page), "scoring");
  g_signal_connect (self->scoring_page, "chosen", G_CALLBACK (on_scoring_chosen_cb), self);
  g_signal_connect (self->workbench, "changed", G_CALLBACK (on_workbench_changed_cb), self);
  g_signal_connect (self->workbench, "error", G_CALLBACK (on_workbench_error_cb), self);
  g_signal_connect (self->workbench, "notify::busy", G_CALLBACK (on_workbench_busy_cb), self);
  mqlw_chart_view_set_workbench (self->chart_view, self->workbench);
  mqlw_bucket_view_set_workbench (self->bucket_view, self->workbench);
  mqlw_preview_panel_set_workbench (self->preview_panel, self->workbench);
  mqlw_model_panel_set_workbench (self->model_panel, self->workbench);
  mqlw_sweep_view_set_workbench (self->sweep_view, self->workbench);

  g_signal_connect (self->threshold_adjustment, "value-changed", G_CALLBACK (on_threshold_value_changed_cb), self);

  label_widget (self->import_button, _("Open a project or lead history"));
  label_widget (self->save_button, _("Save the project"));
  label_widget (self->banner_button, _("Show the model versions"));
  label_widget (GTK_WIDGET (self->recovery_list), _("Unsaved work"));
  label_widget (GTK_WIDGET (self->file_progress), _("Progress"));
  label_widget (self->model_button, _("Show the model"));
  label_widget (self->undo_button, _("Undo"));
  label_widget (self->redo_button, _("Redo"));
  label_widget (self->menu_button, _("Main menu"));
  label_widget (self->export_button, _("Export"));
  label_widget (self->workshop_button, _("Workshop mode"));
  label_widget (GTK_WIDGET (self->threshold_scale), _("Threshold"));
  label_widget (GTK_WIDGET (self->threshold_spin), _("Threshold"));
  label_widget (self->suggest_button, _("Suggested thresholds"));
  label_widget (GTK_WIDGET (self->recent_list), _("Recent projects and histories"));
  label_widget (GTK_WIDGET (self->suggest_list), _("Suggested thresholds"));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_window_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "notify::contains-focus", G_CALLBACK (on_header_focus_cb), self);
  gtk_widget_add_controller (gtk_revealer_get_child (self->header_revealer), focus);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", FALSE);
  fill_recent (self);
  set_page (self, "empty");
}

MqlwWindow *
mqlw_window_new (MqlwApplication *application)
{
  g_return_val_if_fail (MQLW_IS_APPLICATION (application), NULL);

  return g_object_new (MQLW_TYPE_WINDOW, "application", application, NULL);
}

MqlwWorkbench *
mqlw_window_get_workbench (MqlwWindow *self)
{
  g_return_val_if_fail (MQLW_IS_WINDOW (self), NULL);
  return self->workbench;
}

const char *
mqlw_window_get_page (MqlwWindow *self)
{
  g_return_val_if_fail (MQLW_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

void
mqlw_window_set_view (MqlwWindow *self,
                      const char *name)
{
  g_return_if_fail (MQLW_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (g_strcmp0 (name, "chart") == 0 || g_strcmp0 (name, "sweep") == 0 || g_strcmp0 (name, "project") == 0)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

GtkWidget *
mqlw_window_get_child (MqlwWindow *self,
                       const char *name)
{
  g_return_val_if_fail (MQLW_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_equal (name, "preview"))
    return GTK_WIDGET (self->preview_panel);
  if (g_str_equal (name, "buckets"))
    return GTK_WIDGET (self->bucket_view);
  if (g_str_equal (name, "model"))
    return GTK_WIDGET (self->model_panel);
  if (g_str_equal (name, "mapping"))
    return GTK_WIDGET (self->mapping_page);
  if (g_str_equal (name, "scoring"))
    return GTK_WIDGET (self->scoring_page);
  if (g_str_equal (name, "chart"))
    return GTK_WIDGET (self->chart_view);
  if (g_str_equal (name, "sweep"))
    return GTK_WIDGET (self->sweep_view);
  if (g_str_equal (name, "threshold"))
    return GTK_WIDGET (self->threshold_spin);
  if (g_str_equal (name, "project"))
    return GTK_WIDGET (self->project_view);
  if (g_str_equal (name, "banner"))
    return GTK_WIDGET (self->banner_label);
  if (g_str_equal (name, "banner-revealer"))
    return GTK_WIDGET (self->banner_revealer);
  return NULL;
}

GSettings *
mqlw_window_dup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* An uninstalled binary has no schema: g_settings_new would abort. */
  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE)))
    return NULL;
  return g_settings_new (APPLICATION_ID);
}

void
mqlw_window_restore_state (MqlwWindow *self)
{
  g_return_if_fail (MQLW_IS_WINDOW (self));

  if (self->settings == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  /* Back in workshop mode once there is something to show. */
  self->restore_workshop = g_settings_get_boolean (self->settings, "workshop-mode");
}

MqlwProjectSession *
mqlw_window_get_session (MqlwWindow *self)
{
  g_return_val_if_fail (MQLW_IS_WINDOW (self), NULL);
  return self->session;
}

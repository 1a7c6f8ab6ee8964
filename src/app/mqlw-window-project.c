/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-window-project.c — the window's document: opening and saving projects,
 * recovering unsaved work, the unsaved-changes guard, what the start page and
 * the menu list as recent and recoverable, the title and the sign-off banner.
 *
 * The file work itself runs in the project session (mqlw-project-session.c);
 * this part shows its progress, its outcome and what the person chooses next. */
#define G_LOG_DOMAIN "mqlw-window"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mqlw-signoff-dialog.h"
#include "mqlw-window-private.h"

static void start_open_project (MqlwWindow *self,
                                const char *path);

#define MAX_RECENT     5
#define MAX_REMEMBERED 10

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
  _mqlw_window_show_error (self, _("Parts of the Project Could Not Be Read"), error);
}

/* ---- recent files ------------------------------------------------------- */

static gboolean
is_project_path (const char *path)
{
  return g_str_has_suffix (path, MQLW_PROJECT_SUFFIX) || mqlw_project_is_project_file (path);
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

void
_mqlw_window_fill_recent (MqlwWindow *self)
{
  g_autoptr(GPtrArray) recent = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) recoveries = mqlw_project_session_list_recoveries ();
  guint shown = 0;

  g_menu_remove_all (self->recent_menu);

  if (self->settings != NULL)
    {
      g_autoptr(GPtrArray) projects = list_remembered (self, "recent-projects");
      g_autoptr(GPtrArray) files = list_remembered (self, "recent-files");

      for (guint i = 0; i < projects->len && shown < MAX_RECENT; i++, shown++)
        g_ptr_array_add (recent, g_strdup (g_ptr_array_index (projects, i)));
      for (guint i = 0; i < files->len && shown < MAX_RECENT + 2; i++, shown++)
        g_ptr_array_add (recent, g_strdup (g_ptr_array_index (files, i)));
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
          g_ptr_array_add (recent, g_steal_pointer (&path));
          shown++;
        }
      g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
    }
  mqlw_start_page_set_recent (self->start_page, recent);
  mqlw_start_page_set_recoveries (self->start_page, recoveries);
}

/* Newest first, as URIs, in GSettings (recent-files / recent-projects);
 * the desktop's recent list too. */
void
_mqlw_window_remember_recent (MqlwWindow *self,
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
  _mqlw_window_fill_recent (self);
}

/* ---- opening files ------------------------------------------------------ */

static void
on_model_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MqlwWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mqlw_workbench_load_finish (MQLW_WORKBENCH (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _mqlw_window_show_error (self, g_object_get_data (G_OBJECT (self), "model-heading"), error);
      return;
    }
  if (g_strcmp0 (mqlw_window_get_page (self), "scoring") == 0)
    _mqlw_window_set_page (self, "workbench");
  _mqlw_window_show_toast (self, _("Model opened; it is the new baseline"), NULL);
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
      _mqlw_window_show_error (self, heading, error);
      return;
    }
  if (!mqlw_workbench_has_data (self->workbench))
    {
      g_set_error_literal (&error, MQLW_WORKBENCH_ERROR, MQLW_WORKBENCH_ERROR_NO_DATA,
                           _("Import a lead history first: a model is calibrated against one."));
      _mqlw_window_show_error (self, heading, error);
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
      _mqlw_window_show_error (self, _("Could Not Open the Agreed Model"), error);
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
      _mqlw_window_show_error (self, _("Could Not Open the File"), error);
      return;
    }
  if (g_str_has_suffix (path, ".json") && open_agreed_model (self, path))
    return;
  if (g_str_has_suffix (path, ".json"))
    open_model (self, path);
  else if (is_project_path (path))
    _mqlw_window_guard_unsaved (self, start_open_project, path);
  else
    _mqlw_window_guard_unsaved (self, _mqlw_window_start_preview, path);
}

void
_mqlw_window_chosen_history (MqlwWindow *self,
                             const char *path)
{
  _mqlw_window_guard_unsaved (self, _mqlw_window_start_preview, path);
}

void
_mqlw_window_chosen_model (MqlwWindow *self,
                           const char *path)
{
  open_model (self, path);
}

/* ---- title, banner, progress, saving and opening projects --------------- */

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
  g_date_strftime (day, sizeof day, "%-e %B %Y", &signoff->signed_on);
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

void
_mqlw_window_update_project_state (MqlwWindow *self)
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

      MqlwProject *project = mqlw_project_session_get_project (self->session);
      gboolean any_signed = mqlw_project_session_get_current_signoff (self->session) != NULL ||
                            (project != NULL && mqlw_project_get_latest_signoff (project) != NULL);

      for (guint i = 0; i < G_N_ELEMENTS (project_actions); i++)
        gtk_widget_action_set_enabled (GTK_WIDGET (self), project_actions[i], !busy && !aggregate);
      /* Nothing to export before a version is signed: no file chooser that
       * only then says so (the menu item's tooltip tells why). */
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-agreed", !busy && any_signed);
    }
}

static void
on_session_changed_cb (MqlwProjectSession *session,
                       MqlwWindow         *self)
{
  _mqlw_window_update_project_state (self);
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
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "loading") == 0 && self->reading == READING_NONE)
    _mqlw_window_set_progress (self->progress_bar, fraction);
  return G_SOURCE_CONTINUE;
}

/* The slim bar under the header while a file operation runs. */
void
_mqlw_window_show_file_progress (MqlwWindow *self,
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

void
_mqlw_window_hide_file_progress (MqlwWindow *self)
{
  g_clear_handle_id (&self->file_progress_source, g_source_remove);
  gtk_revealer_set_reveal_child (self->file_revealer, FALSE);
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
      _mqlw_window_hide_file_progress (self);
      run_after_save (self, FALSE);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _mqlw_window_show_toast (self, _("Save cancelled; the saved project is unchanged"), NULL);
      else
        _mqlw_window_show_error (self, _("Could Not Save the Project"), error);
      return;
    }
  _mqlw_window_hide_file_progress (self);
  _mqlw_window_remember_recent (self, mqlw_project_session_get_path (self->session));
  {
    g_autofree char *name = mqlw_project_session_dup_title (self->session);
    g_autofree char *title = g_strdup_printf (_("Saved “%s”"), name);
    _mqlw_window_show_toast (self, title, NULL);
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
  _mqlw_window_show_file_progress (self, text, FALSE);
  mqlw_project_session_save_async (self->session, path, self->file_cancellable, on_save_done_cb, g_object_ref (self));
}

void
_mqlw_window_chosen_save_as (MqlwWindow *self,
                             const char *path)
{
  g_autofree char *fixed = g_str_has_suffix (path, MQLW_PROJECT_SUFFIX) ? g_strdup (path)
                                                                        : g_strconcat (path, MQLW_PROJECT_SUFFIX, NULL);
  start_save (self, fixed);
}

void
_mqlw_window_run_save_as_chooser (MqlwWindow *self)
{
  static const char *patterns[] = { "*" MQLW_PROJECT_SUFFIX, NULL };
  g_autofree char *name = mqlw_project_session_dup_title (self->session);
  /* The title as a file name that fits and stays in the folder (a source
   * file's name of 255 bytes, "..", a right-to-left override). */
  g_autofree char *suggested = mqlw_file_name_for (name, MQLW_PROJECT_SUFFIX, _("Untitled Project"),
                                                  MQLW_PROJECT_FILE_NAME_MAX);

  _mqlw_window_run_chooser (self, _("Save Project"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
               _("MQL Workbench project"), patterns, suggested, FALSE, _mqlw_window_chosen_save_as);
}

void
_mqlw_window_save_or_choose (MqlwWindow *self)
{
  if (mqlw_project_session_get_path (self->session) != NULL)
    start_save (self, NULL);
  else
    _mqlw_window_run_save_as_chooser (self);
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
      _mqlw_window_return_to_previous_page (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _mqlw_window_show_toast (self, _("Opening cancelled"), NULL);
      else
        _mqlw_window_show_error (self, _("Could Not Open the Project"), error);
      return;
    }
  _mqlw_window_apply_default_buckets (self);
  _mqlw_window_set_page (self, "workbench");
  if (mqlw_project_session_get_path (self->session) != NULL)
    _mqlw_window_remember_recent (self, mqlw_project_session_get_path (self->session));
  else
    _mqlw_window_fill_recent (self);
  show_damage (self);
}

static void
begin_opening (MqlwWindow *self,
               const char *title,
               const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  _mqlw_window_renew_cancellable (self);
  _mqlw_window_stop_progress (self);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  adw_status_page_set_title (self->loading_page, title);
  adw_status_page_set_description (self->loading_page, base);
  _mqlw_window_set_page (self, "loading");
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

void
_mqlw_window_start_recover (MqlwWindow *self,
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
      _mqlw_window_save_or_choose (self);
    }
}

/* Runs @func now, or after the person saved or discarded the unsaved changes. */
void
_mqlw_window_guard_unsaved (MqlwWindow  *self,
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

void
_mqlw_window_chosen_open (MqlwWindow *self,
                          const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  mqlw_window_open_file (self, file);
}

static void
apply_autosave_setting (MqlwWindow *self)
{
  mqlw_project_session_set_autosave_interval (self->session,
                                              g_settings_get_uint (self->settings, "autosave-interval"));
}

/* The session's state in the title, the banner and the project actions;
 * autosave as the preferences say. */
void
_mqlw_window_project_init (MqlwWindow *self)
{
  g_signal_connect (self->session, "changed", G_CALLBACK (on_session_changed_cb), self);
  g_signal_connect_swapped (self->session, "notify::busy", G_CALLBACK (_mqlw_window_update_project_state), self);
  mqlw_project_view_set_session (self->project_view, self->session);
  g_signal_connect_swapped (self->banner_button, "clicked", G_CALLBACK (on_banner_button_clicked_cb), self);
  if (self->settings != NULL)
    {
      apply_autosave_setting (self);
      g_signal_connect_object (self->settings, "changed::autosave-interval",
                               G_CALLBACK (apply_autosave_setting), self, G_CONNECT_SWAPPED);
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-window"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "mqlw-format.h"
#include "mqlw-frame-queue.h"
#include "mqlw-window-private.h"
#include "mqlw-toast.h"

#define SAMPLE_HISTORY "leads-5000.csv"
#define SAMPLE_MODEL   "seed002-two-paths.json"
#define PREVIEW_ROWS   50

enum {
  PROP_0,
  PROP_WORKSHOP_MODE,
  PROP_EXPORT_CURRENT_LOOK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MqlwWindow, mqlw_window, ADW_TYPE_APPLICATION_WINDOW)


/* ---- small helpers ------------------------------------------------------ */

static void
replace_string (char       **slot,
                const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*slot);
  *slot = copy;
}

void
_mqlw_window_show_toast (MqlwWindow *self,
                         const char *title,
                         const char *undo_action)
{
  AdwToast *toast = mqlw_toast_new_text (title);

  g_free (self->last_toast);
  self->last_toast = g_strdup (title);

  if (undo_action != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, undo_action);
    }
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

const char *
mqlw_window_get_last_toast (MqlwWindow *self)
{
  g_return_val_if_fail (MQLW_IS_WINDOW (self), NULL);
  return self->last_toast;
}

void
_mqlw_window_show_error (MqlwWindow   *self,
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

/* Undo and Redo (the header's buttons, the toasts' Undo, the keys) act on
 * the page on show: the mapping page's own changes there, else the model's. */
static void
update_history_actions (MqlwWindow *self)
{
  gboolean mapping = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "mapping") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 mapping ? mqlw_mapping_page_can_undo (self->mapping_page)
                                         : mqlw_workbench_can_undo (self->workbench));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", !mapping && mqlw_workbench_can_redo (self->workbench));
}

void
_mqlw_window_set_page (MqlwWindow *self,
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
  update_history_actions (self);
  if (workbench && self->restore_workshop)
    {
      self->restore_workshop = FALSE;
      _mqlw_window_set_workshop_mode (self, TRUE);
    }
  if (self->session != NULL)
    _mqlw_window_update_project_state (self);
}

void
_mqlw_window_return_to_previous_page (MqlwWindow *self)
{
  if (mqlw_workbench_has_data (self->workbench))
    _mqlw_window_set_page (self, "workbench");
  else
    _mqlw_window_set_page (self, self->previous_page != NULL ? self->previous_page : "empty");
}

void
_mqlw_window_renew_cancellable (MqlwWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

static void
on_start_page_open_recent_cb (MqlwStartPage *page,
                              const char    *path,
                              MqlwWindow    *self)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  mqlw_window_open_file (self, file);
}

/* ---- the threshold bar and the workbench ------------------------------- */

static void
on_threshold_changed_cb (MqlwThresholdBar *bar,
                         double            threshold,
                         MqlwWindow       *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.set-threshold", "d", threshold);
}

static void
on_suggestion_activated_cb (MqlwThresholdBar *bar,
                            double            threshold,
                            MqlwWindow       *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.apply-suggestion", "d", threshold);
}

static void
on_workbench_changed_cb (MqlwWorkbench *workbench,
                         guint          change,
                         MqlwWindow    *self)
{
  update_history_actions (self);
  if (change & MQLW_WORKBENCH_CHANGED_DATA)
    {
      MqlwDataset *dataset = mqlw_workbench_get_dataset (workbench);
      const char *model_name = mqlw_workbench_get_model (workbench)->name;
      g_autofree char *base = g_path_get_basename (dataset->source_name);
      g_autofree char *count = mqlw_format_count (dataset->n_rows);
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (NULL, "%s · %s lead · %s", "%s · %s leads · %s", (gulong) dataset->n_rows), base, count,
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
  _mqlw_window_show_error (self, _("Could Not Change the Model"), error);
}

/* The lead ids a reopened project left in its file did not load (damaged,
 * changed or gone since it was opened): the message names the file and the
 * column; the figures on show and the saved file stay as they are. */
static void
on_workbench_columns_failed_cb (MqlwWorkbench *workbench,
                                const GError  *error,
                                MqlwWindow    *self)
{
  _mqlw_window_show_error (self, _("Could Not Load the Lead Ids"), error);
}

/* ---- import ------------------------------------------------------------- */

/* A lead history the window reads (a preview for the mapping page, or the
 * import) and then loads into the workbench; the newest one wins. */
typedef struct {
  MqlwWindow  *window;        /* a ref */
  guint        serial;
  char        *path;
  MqlwMapping *mapping;
  gboolean     ask_scoring;   /* no model came with it: ask how leads are scored */
  char        *previous_edges;  /* custom bucket edges of the history it replaces */
} Reading;

static Reading *
reading_new (MqlwWindow        *self,
             const char        *path,
             const MqlwMapping *mapping)
{
  Reading *r = g_new0 (Reading, 1);

  r->window = g_object_ref (self);
  r->serial = ++self->reading_serial;
  r->path = g_strdup (path);
  r->mapping = mapping != NULL ? mqlw_mapping_copy (mapping) : NULL;
  return r;
}

static void
reading_free (Reading *r)
{
  g_object_unref (r->window);
  g_free (r->path);
  g_free (r->previous_edges);
  g_clear_pointer (&r->mapping, mqlw_mapping_free);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reading, reading_free)

/* A fraction with its percentage; before the first one is known the bar
 * pulses without text (never "0 %"). */
void
_mqlw_window_set_progress (GtkProgressBar *bar,
                           double          fraction)
{
  gtk_progress_bar_set_show_text (bar, fraction > 0);
  if (fraction > 0)
    gtk_progress_bar_set_fraction (bar, fraction);
  else
    gtk_progress_bar_pulse (bar);
}

static gboolean
update_progress_cb (gpointer user_data)
{
  MqlwWindow *self = user_data;

  /* A pulsing bar knows no fraction: no "0 %" on it. */
  if (self->reading == READING_PREVIEW)
    {
      gtk_progress_bar_set_show_text (self->progress_bar, FALSE);
      gtk_progress_bar_pulse (self->progress_bar);
    }
  else if (self->reading == READING_IMPORT)
    _mqlw_window_set_progress (self->progress_bar, mqlw_workbench_get_import_progress (self->workbench));
  return G_SOURCE_CONTINUE;
}

void
_mqlw_window_stop_progress (MqlwWindow *self)
{
  g_clear_handle_id (&self->progress_source, g_source_remove);
  self->reading = READING_NONE;
}

static void
start_progress (MqlwWindow  *self,
                ReadingKind  kind,
                const char  *title,
                const char  *path)
{
  g_autofree char *base = g_path_get_basename (path);

  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  adw_status_page_set_title (self->loading_page, title);
  adw_status_page_set_description (self->loading_page, base);
  _mqlw_window_set_page (self, "loading");
  _mqlw_window_stop_progress (self);
  self->reading = kind;
  self->progress_source = g_timeout_add (50, update_progress_cb, self);
}

/* Back where the person came from, saying why. */
static void
report_read_error (MqlwWindow   *self,
                   ReadingKind   kind,
                   const char   *path,
                   const GError *error)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *heading = kind == READING_IMPORT ? g_strdup_printf (_("Could Not Import “%s”"), base)
                                                    : g_strdup_printf (_("Could Not Read “%s”"), base);

  _mqlw_window_return_to_previous_page (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _mqlw_window_show_toast (self, _("Import cancelled"), NULL);
  else
    _mqlw_window_show_error (self, heading, error);
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

/* The preferred bucket scheme. The schema's default is "auto", the
 * workbench's own choice; until 2026-12 it said "width:10" while the window
 * ignored an unset key, so only a stored value was ever a choice. A stored
 * value (the person's explicit choice, "width:10" too) stays as it is:
 * GSettings keeps it across the new default, nothing to rewrite. */
void
_mqlw_window_apply_default_buckets (MqlwWindow *self)
{
  g_autofree char *scheme = NULL;
  g_autoptr(GError) error = NULL;

  if (self->settings == NULL)
    return;
  scheme = g_settings_get_string (self->settings, "default-bucket-scheme");
  if (g_str_equal (scheme, "auto") || scheme[0] == '\0')
    return;
  if (!mqlw_workbench_set_bucket_spec (self->workbench, scheme, &error))
    g_message ("Preferred buckets not used: %s", error->message);
}

/* "How are leads scored?" for the history on show. */
void
_mqlw_window_show_scoring_page (MqlwWindow *self)
{
  g_autofree char *samples = mqlw_application_samples_dir ();
  MqlwDataset *dataset = mqlw_workbench_get_dataset (self->workbench);

  if (dataset == NULL)
    return;
  mqlw_scoring_page_set_data (self->scoring_page, dataset, samples);
  _mqlw_window_set_page (self, "scoring");
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
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _mqlw_window_show_error (self, _("Could Not Score the Leads"), error);
      return;
    }
  _mqlw_window_set_page (self, "workbench");
  if (summary != NULL)
    _mqlw_window_show_toast (self, summary, NULL);
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
      _mqlw_window_set_page (self, "workbench");
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
on_import_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Reading) r = user_data;
  MqlwWindow *self = r->window;
  g_autoptr(GError) error = NULL;

  if (g_object_get_data (G_OBJECT (self), "loading-job") == r)
    g_object_set_data (G_OBJECT (self), "loading-job", NULL);
  if (!mqlw_workbench_load_finish (MQLW_WORKBENCH (object), result, &error))
    {
      if (r->serial != self->reading_serial)
        return;   /* superseded by a newer import */
      report_read_error (self, READING_IMPORT, r->path, error);
      return;
    }
  /* A new lead history is a new, untitled document, with no stated period. */
  mqlw_workbench_set_months (self->workbench, NAN);
  mqlw_project_session_reset (self->session, r->mapping);
  _mqlw_window_recheck_buckets (self, r->previous_edges);
  _mqlw_window_remember_recent (self, r->path);
  if (r->ask_scoring)
    _mqlw_window_show_scoring_page (self);
  else
    _mqlw_window_set_page (self, "workbench");
}

static void
on_import_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Reading) r = user_data;
  MqlwWindow *self = r->window;
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(MqlwModel) model = NULL;
  g_autoptr(GError) error = NULL;

  dataset = mqlw_workbench_import_finish (MQLW_WORKBENCH (object), result, &error);
  if (r->serial != self->reading_serial)
    return;   /* superseded by a newer import */
  _mqlw_window_stop_progress (self);
  model = g_steal_pointer (&self->pending_model);
  if (dataset == NULL)
    {
      report_read_error (self, READING_IMPORT, r->path, error);
      return;
    }

  /* Models that set no capacity get the preferred one. */
  if (model == NULL && !mqlw_workbench_has_data (self->workbench))
    {
      model = create_fallback_model (dataset);
      r->ask_scoring = TRUE;
    }
  if (model != NULL && isnan (model->capacity_per_month) && self->settings != NULL &&
      g_settings_get_double (self->settings, "default-capacity") > 0)
    model->capacity_per_month = g_settings_get_double (self->settings, "default-capacity");

  /* The figures are computed off the main thread too; NULL keeps the models. */
  adw_status_page_set_title (self->loading_page, _("Calculating the Figures…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
  g_object_set_data (G_OBJECT (self), "loading-job", r);   /* the GUI tests look */
  r->previous_edges = _mqlw_window_custom_edges (self);
  mqlw_workbench_load_async (self->workbench, dataset, model, self->cancellable,
                             on_import_loaded_cb, g_steal_pointer (&r));
}

static void
start_import (MqlwWindow        *self,
              const char        *path,
              const MqlwMapping *mapping)
{
  Reading *r;

  _mqlw_window_renew_cancellable (self);
  r = reading_new (self, path, mapping);
  start_progress (self, READING_IMPORT, _("Importing…"), path);
  mqlw_workbench_import_async (self->workbench, path, mapping, self->cancellable, on_import_done_cb, r);
}

static void
on_preview_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Reading) r = user_data;
  MqlwWindow *self = r->window;
  g_autoptr(GError) error = NULL;
  MqlwCsvPreview *preview;

  preview = mqlw_workbench_preview_finish (MQLW_WORKBENCH (object), result, &error);
  if (r->serial != self->reading_serial)
    {
      g_clear_pointer (&preview, mqlw_csv_preview_free);
      return;   /* superseded by a newer import */
    }
  _mqlw_window_stop_progress (self);
  if (preview == NULL)
    {
      report_read_error (self, READING_PREVIEW, r->path, error);
      return;
    }
  mqlw_mapping_page_set_preview (self->mapping_page, r->path, preview);
  /* A re-import keeps the blank-cell choices and the date order the history on show was imported with. */
  if (mqlw_workbench_has_data (self->workbench))
    mqlw_mapping_page_apply_saved (self->mapping_page, mqlw_project_session_get_mapping (self->session));
  _mqlw_window_set_page (self, "mapping");
}

void
_mqlw_window_start_preview (MqlwWindow *self,
                            const char *path)
{
  Reading *r;

  _mqlw_window_renew_cancellable (self);
  replace_string (&self->import_path, path);
  r = reading_new (self, path, NULL);
  start_progress (self, READING_PREVIEW, _("Reading…"), path);
  mqlw_workbench_preview_async (self->workbench, path, NULL, PREVIEW_ROWS, self->cancellable, on_preview_done_cb, r);
}

static void
on_mapping_page_import_cb (MqlwMappingPage *page,
                           MqlwWindow      *self)
{
  start_import (self, mqlw_mapping_page_get_path (page), mqlw_mapping_page_get_mapping (page));
}

static void
on_repreview_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(Reading) r = user_data;
  MqlwWindow *self = r->window;
  g_autoptr(GError) error = NULL;
  MqlwCsvPreview *preview = mqlw_workbench_preview_finish (MQLW_WORKBENCH (object), result, &error);

  if (preview == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("The file was not read again: %s", error->message);
      return;
    }
  if (r->serial != self->reading_serial ||
      g_strcmp0 (mqlw_mapping_page_get_path (self->mapping_page), r->path) != 0)
    {
      mqlw_csv_preview_free (preview);
      return;   /* a newer read, or another file */
    }
  mqlw_mapping_page_update_problems (self->mapping_page, preview);
}

/* The problems the page lists follow the mapping (how a column's blanks
 * read): the file is read again with it, the newest read winning. */
static void
on_mapping_page_mapping_changed_cb (MqlwMappingPage *page,
                                    MqlwWindow      *self)
{
  Reading *r;

  _mqlw_window_renew_cancellable (self);
  r = reading_new (self, mqlw_mapping_page_get_path (page), mqlw_mapping_page_get_mapping (page));
  mqlw_workbench_preview_async (self->workbench, r->path, r->mapping, PREVIEW_ROWS, self->cancellable,
                                on_repreview_done_cb, r);
}

static void
on_mapping_page_cancel_cb (MqlwMappingPage *page,
                           MqlwWindow      *self)
{
  _mqlw_window_return_to_previous_page (self);
}

void
_mqlw_window_open_sample_now (MqlwWindow *self,
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
      _mqlw_window_show_error (self, _("Could Not Open the Sample"), error);
      return;
    }
  history = g_build_filename (dir, SAMPLE_HISTORY, NULL);
  model_path = g_build_filename (dir, SAMPLE_MODEL, NULL);
  g_clear_pointer (&self->pending_model, mqlw_model_unref);
  if (!(self->pending_model = mqlw_model_load (model_path, &error)))
    {
      _mqlw_window_show_error (self, _("Could Not Open the Sample"), error);
      return;
    }
  start_import (self, history, NULL);
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
      _mqlw_window_guard_unsaved (self, close_now, NULL);
      return TRUE;
    }
  save_window_state (self);
  return GTK_WINDOW_CLASS (mqlw_window_parent_class)->close_request (window);
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

void
_mqlw_window_reveal_header (MqlwWindow *self,
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
  _mqlw_window_reveal_header (self, y <= MAX (REVEAL_ZONE_PX, header_height + REVEAL_ZONE_PX));
}

static void
on_header_focus_cb (GtkEventControllerFocus *focus,
                    GParamSpec              *pspec,
                    MqlwWindow              *self)
{
  if (self->workshop_mode)
    _mqlw_window_reveal_header (self, gtk_event_controller_focus_contains_focus (focus));
}

void
_mqlw_window_set_workshop_mode (MqlwWindow *self,
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
  /* Folded in the room, whatever the width: an unfolding flap reveals itself
   * at 1920 px and pushes the figures off the edge. F9 still slides it over. */
  adw_flap_set_fold_policy (self->flap, workshop ? ADW_FLAP_FOLD_POLICY_ALWAYS : ADW_FLAP_FOLD_POLICY_AUTO);
  adw_flap_set_reveal_flap (self->flap, !workshop);
  g_clear_handle_id (&self->hide_header_source, g_source_remove);
  gtk_revealer_set_reveal_child (self->header_revealer, !workshop);
  gtk_widget_set_visible (GTK_WIDGET (self->bucket_view), !workshop);
  /* Larger type needs a wider column of figures. */
  gtk_widget_set_size_request (GTK_WIDGET (self->preview_panel), workshop ? 420 : 300, -1);
  mqlw_chart_view_set_workshop (self->chart_view, workshop);
  mqlw_preview_panel_set_workshop (self->preview_panel, workshop);
  mqlw_sweep_view_set_workshop (self->sweep_view, workshop);
  mqlw_analysis_view_set_workshop (self->analysis_view, workshop);
  mqlw_project_view_set_workshop (self->project_view, workshop);
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
  _mqlw_window_stop_progress (self);
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
  g_clear_pointer (&self->last_toast, g_free);

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
      _mqlw_window_set_workshop_mode (self, g_value_get_boolean (value));
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
  g_type_ensure (MQLW_TYPE_ANALYSIS_VIEW);
  g_type_ensure (MQLW_TYPE_PROJECT_VIEW);
  g_type_ensure (MQLW_TYPE_START_PAGE);
  g_type_ensure (MQLW_TYPE_THRESHOLD_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mqlworkbench/Workbench/mqlw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, header_revealer);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, mapping_page);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, threshold_bar);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, model_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, workshop_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, chart_view);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, bucket_view);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, model_panel);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, preview_panel);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, sweep_view);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, analysis_view);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, project_view);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, file_revealer);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, file_label);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, file_progress);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, project_label);
  gtk_widget_class_bind_template_child (widget_class, MqlwWindow, recent_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_mapping_page_import_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_start_page_open_recent_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_threshold_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_suggestion_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_mapping_page_cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_mapping_page_mapping_changed_cb);

  _mqlw_window_class_actions_init (widget_class);
}

static void
label_widget (GtkWidget  *widget,
              const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
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
  _mqlw_window_project_init (self);
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
  g_signal_connect (self->workbench, "columns-failed", G_CALLBACK (on_workbench_columns_failed_cb), self);
  mqlw_chart_view_set_workbench (self->chart_view, self->workbench);
  mqlw_bucket_view_set_workbench (self->bucket_view, self->workbench);
  mqlw_preview_panel_set_workbench (self->preview_panel, self->workbench);
  mqlw_model_panel_set_workbench (self->model_panel, self->workbench);
  mqlw_sweep_view_set_workbench (self->sweep_view, self->workbench);
  mqlw_analysis_view_set_workbench (self->analysis_view, self->workbench);

  mqlw_threshold_bar_set_workbench (self->threshold_bar, self->workbench);
  _mqlw_window_actions_init (self);

  label_widget (self->import_button, _("Open a project or lead history"));
  label_widget (self->save_button, _("Save the project"));
  label_widget (self->banner_button, _("Show the model versions"));
  label_widget (GTK_WIDGET (self->file_progress), _("Progress"));
  label_widget (self->model_button, _("Show the model"));
  label_widget (self->undo_button, _("Undo"));
  label_widget (self->redo_button, _("Redo"));
  label_widget (self->menu_button, _("Main menu"));
  label_widget (self->export_button, _("Export"));
  label_widget (self->workshop_button, _("Workshop mode"));

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

  g_signal_connect_swapped (self->mapping_page, "notify::can-undo", G_CALLBACK (update_history_actions), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", FALSE);
  _mqlw_window_fill_recent (self);
  _mqlw_window_set_page (self, "empty");
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

  if (g_strcmp0 (name, "chart") == 0 || g_strcmp0 (name, "sweep") == 0 || g_strcmp0 (name, "project") == 0 ||
      g_strcmp0 (name, "analysis") == 0)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
  else if (mqlw_analysis_view_get_view (self->analysis_view, name) != NULL)
    {
      /* One of the Analysis page's views: "quality", … */
      adw_view_stack_set_visible_child_name (self->view_stack, "analysis");
      mqlw_analysis_view_show (self->analysis_view, name);
    }
}

GtkWidget *
mqlw_window_get_child (MqlwWindow *self,
                       const char *name)
{
  g_return_val_if_fail (MQLW_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_equal (name, "preview"))
    return GTK_WIDGET (self->preview_panel);
  if (g_str_equal (name, "undo"))
    return self->undo_button;
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
    return mqlw_threshold_bar_get_field (self->threshold_bar);
  if (g_str_equal (name, "project"))
    return GTK_WIDGET (self->project_view);
  if (g_str_equal (name, "analysis"))
    return GTK_WIDGET (self->analysis_view);
  if (mqlw_analysis_view_get_view (self->analysis_view, name) != NULL)
    return mqlw_analysis_view_get_view (self->analysis_view, name);
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

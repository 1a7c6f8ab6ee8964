/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-window-export.c — the window's file choosers and what it writes: the
 * model, the charts, the bucket and sweep tables, the agreed model and the
 * written definition. Every file is written by the core; an export of the
 * project is logged in it and offered to open in a toast. */
#define G_LOG_DOMAIN "mqlw-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mqlw-window-private.h"
#include "mqlw-toast.h"

static void exported (MqlwWindow *self,
                      const char *kind,
                      const char *title,
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

void
_mqlw_window_run_chooser (MqlwWindow           *self,
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

void
_mqlw_window_export_model_to (MqlwWindow *self,
                              const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!mqlw_model_save (mqlw_workbench_get_model (self->workbench), path, &error))
    {
      _mqlw_window_show_error (self, _("Could Not Export the Model"), error);
      return;
    }
  _mqlw_window_show_toast (self, _("Model exported"), NULL);
}

static void
export_chart (MqlwWindow *self,
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
      _mqlw_window_show_error (self, _("Could Not Export the Chart"), error);
      return;
    }
  if (table == NULL)
    return;
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
      _mqlw_window_show_error (self, _("Could Not Export the Chart"), error);
      return;
    }
  _mqlw_window_show_toast (self, _("Chart exported"), NULL);
}

void
_mqlw_window_export_chart_to (MqlwWindow *self,
                              const char *path)
{
  export_chart (self, path, FALSE);
}

void
_mqlw_window_export_sweep_to (MqlwWindow *self,
                              const char *path)
{
  export_chart (self, path, TRUE);
}

/* ---- exports ------------------------------------------------------------ */

static void
show_export_toast (MqlwWindow *self,
                   const char *title,
                   const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  AdwToast *toast = mqlw_toast_new_text (title);

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

void
_mqlw_window_export_agreed_to (MqlwWindow *self,
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
      _mqlw_window_show_error (self, _("No Agreed Model Yet"), error);
      return;
    }
  if (!mqlw_signoff_export (signoff, path, &error))
    {
      _mqlw_window_show_error (self, _("Could Not Export the Agreed Model"), error);
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

void
_mqlw_window_export_buckets_csv_to (MqlwWindow *self,
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
      _mqlw_window_show_error (self, _("Could Not Export the Bucket Table"), error);
      return;
    }
  exported (self, "buckets", _("Bucket table exported"), path);
}

void
_mqlw_window_export_sweep_csv_to (MqlwWindow *self,
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
      _mqlw_window_show_error (self, _("Could Not Export the Sweep"), error);
      return;
    }
  exported (self, "sweep", _("Sweep exported"), path);
}

/* The written definition on its way to @path. */
typedef struct {
  MqlwWindow *window;
  char       *path;
} ReportRequest;

static void
on_report_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ReportRequest *request = user_data;
  g_autoptr(MqlwWindow) self = request->window;
  g_autofree char *path = request->path;
  g_autoptr(GError) error = NULL;

  g_free (request);
  _mqlw_window_hide_file_progress (self);
  if (!mqlw_project_session_write_report_finish (MQLW_PROJECT_SESSION (object), result, &error))
    {
      _mqlw_window_show_error (self, _("Could Not Write the Definition"), error);
      return;
    }
  exported (self, "report", _("Written definition exported"), path);
}

void
_mqlw_window_export_report_to (MqlwWindow *self,
                               const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *text = g_strdup_printf (_("Writing “%s”…"), base);
  ReportRequest *request = g_new0 (ReportRequest, 1);

  request->window = g_object_ref (self);
  request->path = g_strdup (path);
  _mqlw_window_show_file_progress (self, text, TRUE);
  mqlw_project_session_write_report_async (self->session, path, self->file_cancellable,
                                           on_report_done_cb, request);
}

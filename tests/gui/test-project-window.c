/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-project-window"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>
#include <sqlite3.h>

#include "mqlw-application.h"
#include "mqlw-bucket-view.h"
#include "mqlw-preview-panel.h"
#include "mqlw-project-view.h"
#include "mqlw-signoff-dialog.h"
#include "mqlw-window.h"

#include "gui-test-util.h"

/* Projects and sign-off in the real window under Xvfb (issue 5): save and
 * reopen, the unsaved-changes guard, sign-off by both teams and the frozen
 * version, scenarios, exports checked by the core's verifier, recovery
 * copies, preferences. Screenshots go to the build dir. */

/* Every figure the preview panel shows that depends on the model and the
 * threshold only (not on the baseline, which a reopened project resets). */
static const char *const model_figures[] = {
  "mql", "mql-share", "mql-per-month", "accepted", "acceptance-coverage", "sql", "opportunity",
  "won", "wins-captured", "wins-missed", "path-score", "path-grade-behaviour", "path-hand-raiser",
  "capacity",
};

/* ---- helpers ------------------------------------------------------------ */

static cairo_surface_t *
render_window (GtkWidget *window)
{
  g_autoptr(GdkTexture) texture = gui_test_render_texture (window);
  cairo_surface_t *surface;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, gdk_texture_get_width (texture),
                                        gdk_texture_get_height (texture));
  gdk_texture_download (texture, cairo_image_surface_get_data (surface), cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* The window with its modal dialog over it, as a person sees them. */
static void
save_composite (GtkWidget  *window,
                GtkWidget  *dialog,
                const char *name)
{
  cairo_surface_t *back, *front;
  g_autofree char *path = NULL;
  cairo_t *cr;
  int x, y;

  gui_test_settle (400);
  back = render_window (window);
  front = render_window (dialog);
  cr = cairo_create (back);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_paint (cr);
  x = (cairo_image_surface_get_width (back) - cairo_image_surface_get_width (front)) / 2;
  y = MAX (0, (cairo_image_surface_get_height (back) - cairo_image_surface_get_height (front)) / 2);
  cairo_set_source_surface (cr, front, x, y);
  cairo_paint (cr);
  cairo_destroy (cr);
  path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".", name, NULL);
  g_assert_cmpint (cairo_surface_write_to_png (back, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("screenshot %s", path);
  cairo_surface_destroy (front);
  cairo_surface_destroy (back);
}

static gboolean
has_data (gpointer data)
{
  return gui_test_has_data (data) &&
         g_strcmp0 (mqlw_window_get_page (data), "workbench") == 0;
}

static gboolean
is_idle (gpointer data)
{
  return gui_test_is_idle (data) &&
         !mqlw_project_session_is_busy (mqlw_window_get_session (data));
}

static void
wait_idle (MqlwWindow *window)
{
  gui_test_wait_until (is_idle, window, "the worker's figures and file operations");
  gui_test_drain ();
}

static MqlwWindow *
open_sample (int width,
             int height)
{
  MqlwWindow *window = gui_test_create_window (width, height);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);
  gui_test_wait_until (has_data, window, "the sample");
  wait_idle (window);
  return window;
}

static void
move_threshold (MqlwWindow *window,
                double      delta)
{
  double threshold = mqlw_workbench_get_threshold (mqlw_window_get_workbench (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-threshold", "d", threshold + delta);
  wait_idle (window);
}

static GtkWindow *
find_toplevel (GType       type,
               const char *name)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data) &&
        (name == NULL || g_strcmp0 (gtk_widget_get_name (l->data), name) == 0))
      return l->data;
  return NULL;
}

static gboolean
has_unsaved_dialog (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG, "unsaved-dialog") != NULL;
}

static gboolean
is_saved (gpointer data)
{
  MqlwWindow *window = data;

  return is_idle (window) && !mqlw_project_session_is_dirty (mqlw_window_get_session (window));
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_REGULAR);
}

/* ---- tests -------------------------------------------------------------- */

static void
test_save_reopen (void)
{
  MqlwWindow *first = open_sample (1366, 768);
  MqlwWindow *second;
  MqlwWorkbench *workbench = mqlw_window_get_workbench (first);
  MqlwPreviewPanel *panel_a = MQLW_PREVIEW_PANEL (mqlw_window_get_child (first, "preview"));
  MqlwPreviewPanel *panel_b;
  MqlwBucketView *buckets_a = MQLW_BUCKET_VIEW (mqlw_window_get_child (first, "buckets"));
  MqlwBucketView *buckets_b;
  g_autofree char *path = gui_test_build_path ("test-save-reopen.mqlw");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MqlwModel) saved_model = NULL;
  g_autofree char *spec_a = NULL;
  g_autofree char *spec_b = NULL;
  MqlwProjectSession *session = mqlw_window_get_session (first);
  const char *first_rule;

  /* Nothing changed yet: the opened sample is not "unsaved work". */
  g_assert_false (mqlw_project_session_is_dirty (session));

  /* An edit through the window's actions: a weight and the threshold. */
  first_rule = ((MqlwFitRule *) g_ptr_array_index (mqlw_workbench_get_model (workbench)->fit, 0))->id;
  g_assert_true (mqlw_workbench_set_points (workbench, first_rule,
                                            ((MqlwFitRule *) g_ptr_array_index (mqlw_workbench_get_model (workbench)->fit, 0))->points + 7,
                                            &error));
  g_assert_no_error (error);
  wait_idle (first);
  move_threshold (first, 4);
  g_assert_true (mqlw_project_session_is_dirty (session));

  for (guint i = 0; i < G_N_ELEMENTS (model_figures); i++)
    g_ptr_array_add (shown, g_strdup (mqlw_preview_panel_get_figure (panel_a, model_figures[i])));
  saved_model = mqlw_model_copy (mqlw_workbench_get_model (workbench));
  spec_a = mqlw_bucket_spec_to_string (mqlw_workbench_get_bucket_spec (workbench));

  /* Save As (the chooser's path), off the main thread. */
  gtk_widget_activate_action (GTK_WIDGET (first), "win.save-as-file", "s", path);
  g_assert_true (mqlw_project_session_is_busy (session) || !mqlw_project_session_is_dirty (session));
  gui_test_wait_until (is_saved, first, "the save");
  g_assert_cmpstr (mqlw_project_session_get_path (session), ==, path);
  g_assert_true (mqlw_project_is_project_file (path));

  /* A fresh window opens it: the same model and the same figures. */
  second = gui_test_create_window (1366, 768);
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    mqlw_window_open_file (second, file);
  }
  gui_test_wait_until (has_data, second, "the project");
  wait_idle (second);
  g_assert_cmpstr (mqlw_project_session_get_path (mqlw_window_get_session (second)), ==, path);
  g_assert_false (mqlw_project_session_is_dirty (mqlw_window_get_session (second)));
  g_assert_true (mqlw_model_equal (mqlw_workbench_get_model (mqlw_window_get_workbench (second)), saved_model));
  g_assert_cmpuint (mqlw_workbench_get_dataset (mqlw_window_get_workbench (second))->n_rows, ==, 5000);
  /* The bucket scheme is the window's own choice for the data; same data, same choice. */
  spec_b = mqlw_bucket_spec_to_string (mqlw_workbench_get_bucket_spec (mqlw_window_get_workbench (second)));
  g_assert_cmpstr (spec_a, ==, spec_b);

  panel_b = MQLW_PREVIEW_PANEL (mqlw_window_get_child (second, "preview"));
  for (guint i = 0; i < G_N_ELEMENTS (model_figures); i++)
    {
      const char *reopened = mqlw_preview_panel_get_figure (panel_b, model_figures[i]);

      if (g_strcmp0 (reopened, g_ptr_array_index (shown, i)) != 0)
        g_error ("figure %s: “%s” before saving, “%s” after reopening", model_figures[i],
                 (char *) g_ptr_array_index (shown, i), reopened);
    }
  buckets_b = MQLW_BUCKET_VIEW (mqlw_window_get_child (second, "buckets"));
  g_assert_cmpuint (mqlw_bucket_view_get_n_rows (buckets_a), ==, mqlw_bucket_view_get_n_rows (buckets_b));
  for (guint i = 0; i < mqlw_bucket_view_get_n_rows (buckets_a); i++)
    {
      static const char *columns[] = { "leads", "sql", "verdict" };

      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          g_autofree char *a = mqlw_bucket_view_dup_cell (buckets_a, i, columns[c]);
          g_autofree char *b = mqlw_bucket_view_dup_cell (buckets_b, i, columns[c]);
          g_assert_cmpstr (a, ==, b);
        }
    }

  gtk_window_destroy (GTK_WINDOW (second));
  gtk_window_destroy (GTK_WINDOW (first));
}

/* ---- lead ids loaded on first use ---------------------------------------- */

static gboolean has_error_dialog (gpointer data);

static gboolean
has_no_loading (gpointer data)
{
  return !mqlw_workbench_is_loading_columns (data);
}

static gboolean
has_swaps_window (gpointer data)
{
  return find_toplevel (ADW_TYPE_WINDOW, "swaps-window") != NULL;
}

static MqlwWindow *
open_project_window (const char *path)
{
  MqlwWindow *window = gui_test_create_window (1366, 768);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  mqlw_window_open_file (window, file);
  gui_test_wait_until (has_data, window, "the project");
  wait_idle (window);
  return window;
}

/* The Lead cell of the first changed lead in Leads That Change. */
static char *
first_swap_lead (GtkWindow *swaps)
{
  GtkWidget *box = adw_window_get_content (ADW_WINDOW (swaps));
  GtkWidget *scrolled = gtk_widget_get_last_child (box);
  GtkWidget *view = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  GListModel *rows = gtk_no_selection_get_model (GTK_NO_SELECTION (gtk_column_view_get_model (GTK_COLUMN_VIEW (view))));
  g_auto(GStrv) cells = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (rows), >, 0);
  cells = g_strsplit (gtk_string_list_get_string (GTK_STRING_LIST (rows), 0), "\t", -1);
  return g_strdup (cells[1]);
}

static gboolean
has_ids (gpointer data)
{
  return mqlw_workbench_has_columns (data) && !mqlw_workbench_is_loading_columns (data);
}

/* The error dialog about the lead ids, naming @path and the column. */
static GtkWindow *
assert_ids_dialog (MqlwWindow *window,
                   const char *path,
                   const char *screenshot)
{
  GtkWindow *dialog;
  const char *body;

  gui_test_wait_until (has_error_dialog, NULL, "the dialog about the lead ids");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, "error-dialog");
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Could Not Load the Lead Ids");
  g_assert_nonnull (strstr (body, path));
  g_assert_nonnull (strstr (body, "lead_id"));
  /* The column is named once, not "column lead_id … column lead_id". */
  g_assert_null (strstr (strstr (body, "lead_id") + 1, "column lead_id"));
  save_composite (GTK_WIDGET (window), GTK_WIDGET (dialog), screenshot);
  return dialog;
}

/* Opens @path: the background read of its lead ids finds the damage and
 * says so at once. Then moves the threshold (leads change) and asks for the
 * changed leads: the ids are read again, on demand, and the damage said
 * again. Returns the window with the second dialog up. */
static MqlwWindow *
ask_for_damaged_ids (const char *path)
{
  MqlwWindow *window = open_project_window (path);
  MqlwWorkbench *workbench = mqlw_window_get_workbench (window);
  GtkWindow *dialog;

  /* The figures are on show without the ids; the background read failed. */
  dialog = assert_ids_dialog (window, path, "screenshot-late-ids-failed-at-open.png");
  gui_test_wait_until (has_no_loading, workbench, "the background read's end");
  g_assert_false (mqlw_workbench_has_columns (workbench));
  gtk_window_destroy (dialog);
  gui_test_drain ();

  move_threshold (window, 5);
  gtk_widget_activate_action (mqlw_window_get_child (window, "preview"), "preview.show-swaps", NULL);
  g_assert_true (mqlw_workbench_is_loading_columns (workbench));
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-late-ids-loading.png");
  dialog = assert_ids_dialog (window, path, "screenshot-late-ids-failed.png");
  g_assert_null (find_toplevel (ADW_TYPE_WINDOW, "swaps-window"));
  g_assert_false (mqlw_workbench_has_columns (workbench));
  g_assert_false (mqlw_workbench_is_loading_columns (workbench));
  /* Still usable: the threshold moves, the figures follow. */
  move_threshold (window, -5);
  g_assert_true (gui_test_has_data (window));
  gtk_window_destroy (dialog);
  return window;
}

/* A reopened project's lead ids wait in its file: the window opens without
 * them and reads them in the background at once: the list of changed leads
 * names the leads by them, even after another save replaced the file. Damage (other bytes) is found by that background read:
 * a dialog naming the file and the column at once; asking for the list reads
 * them again on demand (the button says so meanwhile) and says it again; the
 * window stays usable and the file is left as it was. */
static void
test_late_ids (void)
{
  MqlwWindow *first = open_sample (1366, 768);
  MqlwWindow *window;
  MqlwWorkbench *workbench;
  MqlwPreviewPanel *panel;
  GtkWindow *swaps;
  g_autofree char *path = gui_test_build_path ("test-late-ids.mqlw");
  g_autofree char *other = gui_test_build_path ("test-late-ids-other.mqlw");
  g_autofree char *damaged = gui_test_build_path ("test-late-ids-damaged.mqlw");
  g_autofree char *lead = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *after = NULL;
  gsize length, after_length;
  sqlite3 *db;

  gtk_widget_activate_action (GTK_WIDGET (first), "win.save-as-file", "s", path);
  gui_test_wait_until (is_saved, first, "the save");
  /* A second save of the same leads: another dataset in the file's eyes. */
  gtk_widget_activate_action (GTK_WIDGET (first), "win.save-as-file", "s", other);
  gui_test_wait_until (is_saved, first, "the second save");
  gtk_window_destroy (GTK_WINDOW (first));

  window = open_project_window (path);
  workbench = mqlw_window_get_workbench (window);
  panel = MQLW_PREVIEW_PANEL (mqlw_window_get_child (window, "preview"));
  /* Read in the background after the open, before anyone asks. */
  gui_test_wait_until (has_ids, workbench, "the lead ids read in the background");
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, "error-dialog"));
  move_threshold (window, 5);
  gtk_widget_activate_action (GTK_WIDGET (panel), "preview.show-swaps", NULL);
  g_assert_false (mqlw_workbench_is_loading_columns (workbench));
  gui_test_wait_until (has_swaps_window, NULL, "Leads That Change");
  g_assert_true (mqlw_workbench_has_columns (workbench));
  swaps = find_toplevel (ADW_TYPE_WINDOW, "swaps-window");
  lead = first_swap_lead (swaps);
  g_assert_false (g_str_has_prefix (lead, "line "));
  g_assert_cmpuint (strlen (lead), >, 0);
  gtk_window_destroy (swaps);
  gtk_window_destroy (GTK_WINDOW (window));

  /* The ids' bytes zeroed: their checksum differs. */
  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (damaged, bytes, (gssize) length, NULL));
  g_clear_pointer (&bytes, g_free);
  g_assert_cmpint (sqlite3_open (damaged, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE columns SET data = zeroblob (length (data)) WHERE role = 'lead_id'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (damaged, &bytes, &length, NULL));
  window = ask_for_damaged_ids (damaged);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (g_file_get_contents (damaged, &after, &after_length, NULL));
  g_assert_cmpmem (after, after_length, bytes, length);

  /* Saved after the failed load (a model change): the documents are written,
   * the leads stay as saved, the damaged ids as they were (never repaired, never lost). */
  window = ask_for_damaged_ids (damaged);
  move_threshold (window, 3);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  gui_test_wait_until (is_saved, window, "a save over the damaged ids");
  gtk_window_destroy (GTK_WINDOW (window));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MqlwProject) saved = mqlw_project_open (damaged, NULL, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (mqlw_project_get_dataset (saved)->n_rows, ==, 5000);
    g_assert_false (mqlw_dataset_load_columns (mqlw_project_get_dataset (saved), &error));
    g_assert_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_DAMAGED);
  }

  /* Another program saved other leads over the file since it was opened:
   * the ids were read in the background before, and name the leads (until
   * 2026-12 they were read on first use, and lost to such a save). */
  {
    MqlwWindow *opened = open_project_window (path);
    g_autofree char *others = NULL;
    g_autofree char *named = NULL;
    gsize others_length;

    gui_test_wait_until (has_ids, mqlw_window_get_workbench (opened), "the lead ids read in the background");
    g_assert_true (g_file_get_contents (other, &others, &others_length, NULL));
    g_assert_true (g_file_set_contents (path, others, (gssize) others_length, NULL));
    move_threshold (opened, 5);
    gtk_widget_activate_action (mqlw_window_get_child (opened, "preview"), "preview.show-swaps", NULL);
    gui_test_wait_until (has_swaps_window, NULL, "Leads That Change after the file was replaced");
    g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, "error-dialog"));
    swaps = find_toplevel (ADW_TYPE_WINDOW, "swaps-window");
    named = first_swap_lead (swaps);
    g_assert_false (g_str_has_prefix (named, "line "));
    gtk_window_destroy (swaps);
    gtk_window_destroy (GTK_WINDOW (opened));
  }
  g_unlink (damaged);
  g_unlink (other);
  g_unlink (path);
}

static void
test_unsaved_guard (void)
{
  MqlwWindow *window = open_sample (1366, 768);
  AdwMessageDialog *dialog;
  GtkWidget *weak = GTK_WIDGET (window);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &weak);

  /* No edit: closing asks nothing. An edit: the guard appears and Cancel keeps the window. */
  move_threshold (window, 3);
  g_assert_true (mqlw_project_session_is_dirty (mqlw_window_get_session (window)));
  gtk_window_close (GTK_WINDOW (window));
  gui_test_wait_until (has_unsaved_dialog, NULL, "the unsaved-changes dialog");
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, "unsaved-dialog"));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  gui_test_save_screenshot (GTK_WIDGET (dialog), "screenshot-unsaved-dialog.png");
  adw_message_dialog_response (dialog, "cancel");
  gui_test_settle (100);
  g_assert_nonnull (weak);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (mqlw_workbench_has_data (mqlw_window_get_workbench (window)));

  /* Opening another history asks too, and Cancel keeps the data. */
  {
    g_autofree char *dir = mqlw_application_samples_dir ();
    g_autofree char *history = g_build_filename (dir, "leads-5000.csv", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (history);

    mqlw_window_open_file (window, file);
    gui_test_wait_until (has_unsaved_dialog, NULL, "the unsaved-changes dialog on open");
    dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, "unsaved-dialog"));
    adw_message_dialog_response (dialog, "cancel");
    gui_test_settle (100);
    g_assert_cmpstr (mqlw_window_get_page (window), ==, "workbench");
  }

  /* Discard closes it. */
  gtk_window_close (GTK_WINDOW (window));
  gui_test_wait_until (has_unsaved_dialog, NULL, "the unsaved-changes dialog again");
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, "unsaved-dialog"));
  /* The dialog closes itself on a response. */
  adw_message_dialog_response (dialog, "discard");
  gui_test_settle (200);
  g_assert_null (weak);
}

static gboolean
has_signoff (gpointer data)
{
  return mqlw_signoff_dialog_get_signoff (data) != NULL && !mqlw_signoff_dialog_is_busy (data);
}

static gboolean
has_key (gpointer data)
{
  MqlwSignerGroup *group = mqlw_signoff_dialog_get_signer_group (data);

  return !mqlw_signer_group_is_busy (group) && mqlw_signer_group_get_key (group) != NULL;
}

static gboolean
signatures_checked (gpointer data)
{
  return !mqlw_signoff_dialog_is_busy (data) &&
         !mqlw_signature_list_is_checking (mqlw_signoff_dialog_get_signature_list (data));
}

static gboolean
has_create_key_dialog (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG, "create-key-dialog") != NULL;
}

/* A key pair made with ssh-keygen (no passphrase) in the build dir. */
static char *
make_key (const char *name)
{
  g_autofree char *path = gui_test_build_path (name);
  g_autofree char *pub = g_strconcat (path, ".pub", NULL);
  const char *argv[] = { "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_unlink (path);
  g_unlink (pub);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&path);
}

/* The approver card of the key at @path for @name. */
static char *
card_of (const char *name,
         const char *path)
{
  g_autoptr(MqlwSigningKey) key = mqlw_signing_key_load (path, NULL, NULL);

  g_assert_nonnull (key);
  return mqlw_approver_card_format (name, key->public_key, NULL);
}

/* A role longer than one line of the dialog's clamp left room for (about
 * 24 characters were shown). */
#define LONG_ROLE "Head of Sales Development, EMEA & Americas"

static GtkWidget *
find_entry_with (GtkWidget  *widget,
                 const char *text)
{
  if (GTK_IS_ENTRY (widget) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry_with (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The role's field is as wide as its text (measured in the field's own
 * font, with its padding), and says it whole in its tooltip. */
static void
assert_role_whole (GtkWidget *dialog)
{
  GtkWidget *entry = find_entry_with (dialog, LONG_ROLE);
  g_autoptr(PangoLayout) layout = NULL;
  int text_width;

  g_assert_nonnull (entry);
  layout = gtk_widget_create_pango_layout (entry, LONG_ROLE);
  pango_layout_get_pixel_size (layout, &text_width, NULL);
  g_test_message ("role field %d px, text %d px", gtk_widget_get_width (entry), text_width);
  g_assert_cmpint (gtk_widget_get_width (entry) - 2 * 10, >=, text_width);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (entry), ==, LONG_ROLE);
}

static void
test_signoff (void)
{
  MqlwWindow *window = open_sample (1366, 768);
  MqlwWorkbench *workbench = mqlw_window_get_workbench (window);
  MqlwProjectSession *session = mqlw_window_get_session (window);
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *path = gui_test_build_path ("test-signoff.mqlw");
  g_autofree char *agreed = gui_test_build_path ("test-agreed-model.json");
  g_autofree char *json = NULL;
  g_autoptr(MqlwVerifyResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ben_key = NULL, *one_signature = gui_test_build_path ("test-agreed-one-signature.json");
  MqlwSignoffDialog *dialog;
  MqlwSignerGroup *signer;
  GtkWidget *sign_button, *create;
  const MqlwModelVersion *v1, *head;
  MqlwProject *project;
  double signed_threshold;
  gsize len;

  /* First use: no personal signing key yet. */
  {
    g_autofree char *personal = mqlw_personal_key_path ();
    g_autofree char *personal_pub = g_strconcat (personal, ".pub", NULL);
    g_unlink (personal);
    g_unlink (personal_pub);
  }
  ben_key = make_key ("test-ben-key");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as-file", "s", path);
  gui_test_wait_until (is_saved, window, "the first save");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-off", NULL);
  gui_test_settle (200);
  dialog = MQLW_SIGNOFF_DIALOG (find_toplevel (MQLW_TYPE_SIGNOFF_DIALOG, NULL));
  g_assert_nonnull (dialog);
  sign_button = mqlw_signoff_dialog_get_sign_button (dialog);

  /* Two empty rows: refused, and the dialog says why. */
  g_assert_nonnull (mqlw_signoff_dialog_get_blocker (dialog));
  g_assert_false (gtk_widget_is_sensitive (sign_button));

  /* Marketing only: still refused (the rule: one of each team). */
  mqlw_signoff_dialog_add_approver (dialog, "Ana Ruiz", "VP Marketing", MQLW_TEAM_MARKETING);
  gui_test_settle (50);
  g_assert_nonnull (mqlw_signoff_dialog_get_blocker (dialog));
  g_assert_nonnull (strstr (mqlw_signoff_dialog_get_blocker (dialog), "sales"));
  g_assert_false (gtk_widget_is_sensitive (sign_button));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "signoff.sign", NULL);
  gui_test_settle (100);
  g_assert_null (mqlw_signoff_dialog_get_signoff (dialog));
  gui_test_save_screenshot (GTK_WIDGET (dialog), "screenshot-signoff-refused.png");

  /* And sales: both teams named, but Ana (at the keyboard) has no key yet. */
  mqlw_signoff_dialog_add_approver (dialog, "Ben Okafor", LONG_ROLE, MQLW_TEAM_SALES);
  mqlw_signoff_dialog_set_notes (dialog, "Hand-raisers go straight to sales; students are disqualified.");
  gui_test_settle (50);
  assert_role_whole (GTK_WIDGET (dialog));
  signer = mqlw_signoff_dialog_get_signer_group (dialog);
  g_assert_nonnull (strstr (mqlw_signoff_dialog_get_blocker (dialog), "signing key"));
  g_assert_false (gtk_widget_is_sensitive (sign_button));
  gui_test_save_screenshot (GTK_WIDGET (dialog), "screenshot-signoff-no-key.png");

  /* First use: Ana creates her personal key (no passphrase). */
  mqlw_signer_group_select (signer, "Ana Ruiz");
  mqlw_signer_group_create_key (signer);
  gui_test_wait_until (has_create_key_dialog, NULL, "the create-key dialog");
  create = GTK_WIDGET (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, "create-key-dialog"));
  save_composite (GTK_WIDGET (dialog), create, "screenshot-signoff-create-key.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (create), "create");
  gui_test_wait_until (has_key, dialog, "Ana's new signing key");
  g_assert_true (g_file_test (mqlw_personal_key_path (), G_FILE_TEST_IS_REGULAR));
  gui_test_settle (50);
  g_assert_null (mqlw_signoff_dialog_get_blocker (dialog));
  g_assert_true (gtk_widget_is_sensitive (sign_button));
  gui_test_save_screenshot (GTK_WIDGET (dialog), "screenshot-signoff-light.png");
  save_composite (GTK_WIDGET (window), GTK_WIDGET (dialog), "screenshot-signoff-window-light.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  gui_test_save_screenshot (GTK_WIDGET (dialog), "screenshot-signoff-dark.png");
  save_composite (GTK_WIDGET (window), GTK_WIDGET (dialog), "screenshot-signoff-window-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* The project trusts both approvers' cards (pasted on the Project page). */
  {
    g_autofree char *ana = card_of ("Ana Ruiz", mqlw_signer_group_get_key (signer)->path);
    g_autofree char *ben = card_of ("Ben Okafor", ben_key);

    g_assert_true (mqlw_project_session_add_trusted_card (session, ana, NULL));
    g_assert_true (mqlw_project_session_add_trusted_card (session, ben, NULL));
  }

  signed_threshold = mqlw_workbench_get_threshold (workbench);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "signoff.sign", NULL);
  gui_test_wait_until (has_signoff, dialog, "the sign-off");
  wait_idle (window);
  gui_test_wait_until (signatures_checked, dialog, "the signatures checked");
  g_assert_cmpuint (mqlw_signoff_dialog_get_signoff (dialog)->approvers->len, ==, 2);
  /* The success toast is in the dialog, not under it on the window. */
  g_assert_nonnull (mqlw_signoff_dialog_get_toast (dialog));
  g_assert_true (g_str_has_prefix (mqlw_signoff_dialog_get_toast (dialog), "Version 1 signed off") ||
                 g_str_has_prefix (mqlw_signoff_dialog_get_toast (dialog), "Signature added"));
  g_assert_cmpstr (mqlw_signer_group_get_error (signer), ==, NULL);
  g_assert_cmpuint (mqlw_signoff_dialog_get_signoff (dialog)->signatures->len, ==, 1);
  /* Ana signed; Ben's signature is missing, and the dialog says so. */
  g_assert_cmpuint (mqlw_signature_list_get_n_missing (mqlw_signoff_dialog_get_signature_list (dialog)), ==, 1);
  g_assert_nonnull (strstr (mqlw_signature_list_get_summary (mqlw_signoff_dialog_get_signature_list (dialog)),
                            "sales signature is missing"));
  gui_test_save_screenshot (GTK_WIDGET (dialog), "screenshot-signoff-missing-signature.png");
  save_composite (GTK_WIDGET (window), GTK_WIDGET (dialog), "screenshot-signoff-missing-window.png");
  /* The export with one signature, for Ben to sign "on his machine" below. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-agreed-file", "s", one_signature);

  /* Ben, at the same keyboard, signs with his own key. */
  mqlw_signer_group_set_key_path (signer, ben_key);
  gui_test_wait_until (has_key, dialog, "Ben's key");
  mqlw_signer_group_select (signer, "Ben Okafor");
  gui_test_settle (50);
  g_assert_null (mqlw_signoff_dialog_get_blocker (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "signoff.sign", NULL);
  gui_test_wait_until (signatures_checked, dialog, "Ben's signature");
  wait_idle (window);
  g_assert_null (mqlw_signer_group_get_error (signer));
  g_assert_cmpuint (mqlw_signoff_dialog_get_signoff (dialog)->signatures->len, ==, 2);
  g_assert_cmpuint (mqlw_signature_list_get_n_missing (mqlw_signoff_dialog_get_signature_list (dialog)), ==, 0);
  g_assert_nonnull (strstr (mqlw_signature_list_get_summary (mqlw_signoff_dialog_get_signature_list (dialog)),
                            "Signed off"));
  gui_test_save_screenshot (GTK_WIDGET (dialog), "screenshot-signoff-two-signers.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  gui_test_save_screenshot (GTK_WIDGET (dialog), "screenshot-signoff-two-signers-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Signed and saved (the project had a file): version 1 is frozen. */
  project = mqlw_project_session_get_project (session);
  g_assert_cmpuint (mqlw_project_get_n_versions (project), ==, 1);
  v1 = mqlw_project_get_version (project, 1);
  g_assert_nonnull (v1->signoff);
  g_assert_false (mqlw_project_session_is_dirty (session));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (mqlw_window_get_child (window, "banner-revealer"))));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (mqlw_window_get_child (window, "banner"))), "frozen"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (mqlw_window_get_child (window, "banner"))), "Ana Ruiz"));

  /* The agreed model, exported through the window, verifies against the data
   * and the project's trusted cards: signed off. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-agreed-file", "s", agreed);
  g_assert_true (g_file_get_contents (agreed, &json, &len, &error));
  g_assert_no_error (error);
  {
    g_autofree char *allowed = mqlw_project_session_get_allowed_signers (session);
    g_assert_true (mqlw_signoff_verify_full (json, len, mqlw_workbench_get_dataset (workbench), allowed, NULL,
                                             &result, &error));
  }
  g_assert_no_error (error);
  g_assert_true (mqlw_verify_result_signed_off (result));
  g_assert_true (mqlw_verify_result_ok (result));
  g_assert_cmpuint (result->changed, ==, 0);
  g_assert_true (result->digest_ok);
  g_assert_true (result->data_checked);
  g_assert_true (result->data_same_file);
  g_assert_true (result->data_metrics_match);
  /* …and is in the project's export log. */
  {
    GPtrArray *exports = mqlw_project_get_exports (project);
    const MqlwExportRecord *last = g_ptr_array_index (exports, exports->len - 1);

    g_assert_cmpstr (last->kind, ==, "model");
    g_assert_cmpstr (last->path, ==, agreed);
    g_assert_cmpuint (last->version, ==, 1);
  }

  /* An edit makes a draft: the banner says so, saving appends version 2 and
   * version 1 stays as signed. */
  move_threshold (window, 2);
  g_assert_true (mqlw_project_session_is_new_draft (session));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (mqlw_window_get_child (window, "banner"))), "Draft"));
  mqlw_window_set_view (window, "project");
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-versions-draft.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  gui_test_wait_until (is_saved, window, "the save of the draft");
  g_assert_cmpuint (mqlw_project_get_n_versions (project), ==, 2);
  head = mqlw_project_get_head (project);
  g_assert_null (head->signoff);
  g_assert_cmpfloat (head->model->threshold, ==, signed_threshold + 2);
  v1 = mqlw_project_get_version (project, 1);
  g_assert_nonnull (v1->signoff);
  g_assert_cmpfloat (v1->model->threshold, ==, signed_threshold);
  g_assert_cmpuint (mqlw_project_view_get_n_rows (MQLW_PROJECT_VIEW (mqlw_window_get_child (window, "project")),
                                                  "versions"), ==, 2);
  /* Saved, the draft is version 2 and the banner still says what is signed. */
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (mqlw_window_get_child (window, "banner"))), "Draft"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (mqlw_window_get_child (window, "banner"))), "version 2"));

  /* Ben opens the export that only Ana signed, in the workbench, and signs it. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (one_signature);
    g_autoptr(MqlwVerifyResult) second = NULL;
    g_autofree char *text = NULL, *allowed = mqlw_project_session_get_allowed_signers (session);
    MqlwSignoffDialog *opened;

    mqlw_window_open_file (window, file);
    gui_test_settle (200);
    opened = MQLW_SIGNOFF_DIALOG (find_toplevel (MQLW_TYPE_SIGNOFF_DIALOG, NULL));
    g_assert_nonnull (opened);
    gui_test_wait_until (signatures_checked, opened, "the opened file's signatures");
    g_assert_cmpuint (mqlw_signature_list_get_n_missing (mqlw_signoff_dialog_get_signature_list (opened)), ==, 1);
    gui_test_save_screenshot (GTK_WIDGET (opened), "screenshot-signoff-opened-file.png");
    mqlw_signer_group_set_key_path (mqlw_signoff_dialog_get_signer_group (opened), ben_key);
    gui_test_wait_until (has_key, opened, "Ben's key");
    gtk_widget_activate_action (GTK_WIDGET (opened), "signoff.sign", NULL);
    gui_test_wait_until (signatures_checked, opened, "Ben's signature on the file");
    g_assert_cmpuint (mqlw_signature_list_get_n_missing (mqlw_signoff_dialog_get_signature_list (opened)), ==, 0);
    gtk_window_destroy (GTK_WINDOW (opened));
    g_assert_true (g_file_get_contents (one_signature, &text, NULL, NULL));
    g_assert_true (mqlw_signoff_verify_full (text, -1, NULL, allowed, NULL, &second, NULL));
    g_assert_true (mqlw_verify_result_signed_off (second));
    /* The role whole in the signed file. */
    g_assert_nonnull (strstr (text, "\"" LONG_ROLE "\""));
  }

  /* The trusted cards on the Project page. */
  mqlw_window_set_view (window, "project");
  gui_test_settle (100);
  g_assert_cmpuint (mqlw_project_view_get_n_rows (MQLW_PROJECT_VIEW (mqlw_window_get_child (window, "project")),
                                                  "cards"), ==, 2);
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-trusted-cards.png");

  /* The exported file still verifies after the edit (it is the signed version). */
  g_clear_pointer (&result, mqlw_verify_result_free);
  g_assert_true (mqlw_signoff_verify (json, len, NULL, &result, &error));
  g_assert_cmpuint (result->changed, ==, 0);

  /* Opening version 1 puts the signed model back: the banner says frozen again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-version", "u", 1);
  wait_idle (window);
  g_assert_cmpfloat (mqlw_workbench_get_threshold (workbench), ==, signed_threshold);
  g_assert_nonnull (mqlw_project_session_get_current_signoff (session));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (mqlw_window_get_child (window, "banner"))), "frozen"));
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-signed-banner.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Names people type are shown as typed, never read as Pango markup: a
 * scenario "R&D <b>push</b>", its comment "Q&A <i>", a trusted card's
 * "Dana & Sam <ops>" (markup would fail on the lone "&" and show nothing,
 * or bold the word). */
static void
test_names_as_text (void)
{
  MqlwWindow *window = open_sample (1366, 768);
  MqlwProjectSession *session = mqlw_window_get_session (window);
  MqlwProjectView *view = MQLW_PROJECT_VIEW (mqlw_window_get_child (window, "project"));
  /* A public key made by ssh-keygen -t ed25519 for this test (no secret). */
  g_autofree char *card = mqlw_approver_card_format ("Dana & Sam <ops>",
                                                     "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAltlRK5ssxLOpFazAT1APsM3vG8gmy/OGxVaeXoYrwS "
                                                     "dana@laptop", NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-scenario", "(ss)", "R&D <b>push</b>", "Q&A <i>");
  g_assert_nonnull (card);
  g_assert_true (mqlw_project_session_add_trusted_card (session, card, NULL));
  mqlw_window_set_view (window, "project");
  gui_test_settle (200);
  g_assert_cmpuint (mqlw_project_view_get_n_rows (view, "scenarios"), ==, 1);
  g_assert_cmpuint (mqlw_project_view_get_n_rows (view, "cards"), ==, 1);
  gui_test_collect_text (GTK_WIDGET (view), text);
  g_assert_nonnull (strstr (text->str, "\nR&D <b>push</b>\n"));
  g_assert_nonnull (strstr (text->str, "Q&A <i>"));
  g_assert_nonnull (strstr (text->str, "\nDana & Sam <ops>\n"));
  g_assert_nonnull (strstr (text->str, "dana@laptop"));
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-names-as-text.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_scenarios (void)
{
  MqlwWindow *window = open_sample (1366, 768);
  MqlwWorkbench *workbench = mqlw_window_get_workbench (window);
  MqlwProjectSession *session = mqlw_window_get_session (window);
  MqlwProjectView *view = MQLW_PROJECT_VIEW (mqlw_window_get_child (window, "project"));
  g_autofree char *csv = gui_test_build_path ("test-buckets.csv");
  g_autofree char *sweep = gui_test_build_path ("test-sweep.csv");
  g_autofree char *report = gui_test_build_path ("test-definition.md");
  g_autofree char *text = NULL;
  double marketing, sales;

  marketing = mqlw_workbench_get_threshold (workbench);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-scenario", "(ss)", "Marketing proposal", "More MQLs");
  move_threshold (window, 10);
  sales = mqlw_workbench_get_threshold (workbench);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-scenario", "(ss)", "Sales proposal", "Fewer, better MQLs");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-version", "(ss)", "Ana Ruiz", "After the first workshop");
  g_assert_cmpuint (mqlw_project_view_get_n_rows (view, "scenarios"), ==, 2);
  g_assert_cmpuint (mqlw_project_view_get_n_rows (view, "versions"), ==, 1);
  g_assert_cmpstr (mqlw_project_get_head (mqlw_project_session_get_project (session))->author, ==, "Ana Ruiz");

  /* Switching puts the scenario on the workbench; the preview compares it with the baseline. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-scenario", "s", "Marketing proposal");
  wait_idle (window);
  g_assert_cmpfloat (mqlw_workbench_get_threshold (workbench), ==, marketing);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-scenario", "s", "Sales proposal");
  wait_idle (window);
  g_assert_cmpfloat (mqlw_workbench_get_threshold (workbench), ==, sales);
  /* Undo goes back to the previous scenario. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  wait_idle (window);
  g_assert_cmpfloat (mqlw_workbench_get_threshold (workbench), ==, marketing);

  mqlw_window_set_view (window, "project");
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-versions.png");

  /* The other exports: the bucket table and the sweep as CSV, the written definition. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-buckets-csv-file", "s", csv);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "lo,hi,leads,share,"));
  g_clear_pointer (&text, g_free);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-sweep-csv-file", "s", sweep);
  g_assert_true (g_file_get_contents (sweep, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "threshold,mql,mql_share,mql_per_month,"));
  g_clear_pointer (&text, g_free);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-report-file", "s", report);
  gui_test_wait_until (file_exists, report, "the written definition");
  gui_test_settle (200);
  g_assert_true (g_file_get_contents (report, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Draft"));
  g_assert_cmpuint (mqlw_project_get_exports (mqlw_project_session_get_project (session))->len, ==, 3);

  /* Remove one scenario. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-scenario", "s", "Sales proposal");
  g_assert_cmpuint (mqlw_project_view_get_n_rows (view, "scenarios"), ==, 1);

  /* Discard on close (the edits were never saved to a file). */
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
autosave_done (gpointer data)
{
  return GPOINTER_TO_INT (*(gpointer *) data) != 0;
}

static void
on_autosaved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mqlw_project_session_autosave_finish (MQLW_PROJECT_SESSION (object), result, &error));
  g_assert_no_error (error);
  *(gpointer *) user_data = GINT_TO_POINTER (1);
}

static void
test_recovery (void)
{
  MqlwWindow *window = open_sample (1366, 768);
  MqlwWindow *fresh;
  MqlwProjectSession *session = mqlw_window_get_session (window);
  g_autoptr(GPtrArray) before = mqlw_project_session_list_recoveries ();
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *copy = NULL;
  gpointer done = NULL;
  double edited;

  for (guint i = 0; i < before->len; i++)
    mqlw_project_session_discard_recovery (((MqlwRecovery *) g_ptr_array_index (before, i))->copy_path);
  move_threshold (window, 6);
  edited = mqlw_workbench_get_threshold (mqlw_window_get_workbench (window));
  mqlw_project_session_autosave_async (session, on_autosaved_cb, &done);
  gui_test_wait_until (autosave_done, &done, "the recovery copy");
  copy = mqlw_project_session_dup_recovery_path (session);
  g_assert_true (mqlw_project_is_project_file (copy));
  /* Writing the copy saves nothing: the work is still unsaved. */
  g_assert_true (mqlw_project_session_is_dirty (session));
  after = mqlw_project_session_list_recoveries ();
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_null (((MqlwRecovery *) g_ptr_array_index (after, 0))->project_path);
  gtk_window_destroy (GTK_WINDOW (window));

  /* The next start offers it; recovering shows the edited model, still unsaved. */
  fresh = gui_test_create_window (1366, 768);
  gui_test_save_screenshot (GTK_WIDGET (fresh), "screenshot-empty-recovery.png");
  gtk_widget_activate_action (GTK_WIDGET (fresh), "win.recover", "s", copy);
  gui_test_wait_until (has_data, fresh, "the recovered work");
  wait_idle (fresh);
  g_assert_cmpfloat (mqlw_workbench_get_threshold (mqlw_window_get_workbench (fresh)), ==, edited);
  g_assert_true (mqlw_project_session_is_dirty (mqlw_window_get_session (fresh)));
  g_assert_null (mqlw_project_session_get_path (mqlw_window_get_session (fresh)));
  g_clear_pointer (&after, g_ptr_array_unref);
  after = mqlw_project_session_list_recoveries ();
  g_assert_cmpuint (after->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (fresh));
}

static gboolean
has_two_windows (gpointer data)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (gui_test_get_app ())); l != NULL; l = l->next)
    if (MQLW_IS_WINDOW (l->data))
      {
        const char *page = mqlw_window_get_page (l->data);

        if (g_strcmp0 (page, "workbench") == 0 || g_strcmp0 (page, "mapping") == 0)
          n++;
      }
  return n == 2;
}

/* The desktop file passes %F: a .mqlw goes to the project, anything else to the import. */
static void
test_open_handler (void)
{
  g_autofree char *project = gui_test_build_path ("test-open-handler.mqlw");
  g_autofree char *dir = mqlw_application_samples_dir ();
  g_autofree char *history = g_build_filename (dir, "leads-5000.csv", NULL);
  MqlwWindow *saver = open_sample (1366, 768);
  GFile *files[2];
  gboolean saw_project = FALSE, saw_mapping = FALSE;
  g_autoptr(GList) windows = NULL;

  gtk_widget_activate_action (GTK_WIDGET (saver), "win.save-as-file", "s", project);
  gui_test_wait_until (is_saved, saver, "the save");
  gtk_window_destroy (GTK_WINDOW (saver));
  gui_test_settle (100);

  files[0] = g_file_new_for_path (project);
  files[1] = g_file_new_for_path (history);
  g_application_open (G_APPLICATION (gui_test_get_app ()), files, 2, "");
  gui_test_wait_until (has_two_windows, NULL, "a window per file");
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (gui_test_get_app ())));
  for (GList *l = windows; l != NULL; l = l->next)
    {
      MqlwWindow *window = l->data;

      if (!MQLW_IS_WINDOW (window))
        continue;
      if (g_strcmp0 (mqlw_window_get_page (window), "workbench") == 0)
        {
          wait_idle (window);
          g_assert_cmpstr (mqlw_project_session_get_path (mqlw_window_get_session (window)), ==, project);
          saw_project = TRUE;
        }
      else if (g_strcmp0 (mqlw_window_get_page (window), "mapping") == 0)
        saw_mapping = TRUE;
      gtk_window_destroy (GTK_WINDOW (window));
    }
  g_assert_true (saw_project);
  g_assert_true (saw_mapping);
  g_object_unref (files[0]);
  g_object_unref (files[1]);
}

static void
test_preferences (void)
{
  MqlwWindow *window = gui_test_create_window (1366, 768);
  g_autoptr(GSettings) settings = mqlw_window_dup_settings ();
  GtkWindow *prefs;

  /* The test runs with the build's compiled schema. */
  g_assert_nonnull (settings);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
  gui_test_settle (200);
  prefs = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW, "preferences-window");
  g_assert_nonnull (prefs);
  gui_test_save_screenshot (GTK_WIDGET (prefs), "screenshot-preferences.png");
  save_composite (GTK_WIDGET (window), GTK_WIDGET (prefs), "screenshot-preferences-window.png");
  gtk_window_destroy (prefs);

  /* A project file is remembered as a URI in recent-projects, newest first. */
  {
    g_autofree char *path = gui_test_build_path ("test-recent.mqlw");
    MqlwWindow *saver = open_sample (1366, 768);
    g_auto(GStrv) recent = NULL;
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *uri = g_file_get_uri (file);

    gtk_widget_activate_action (GTK_WIDGET (saver), "win.save-as-file", "s", path);
    gui_test_wait_until (is_saved, saver, "the save");
    recent = g_settings_get_strv (settings, "recent-projects");
    g_assert_nonnull (recent[0]);
    g_assert_cmpstr (recent[0], ==, uri);
    gtk_window_destroy (GTK_WINDOW (saver));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Changes a stored version's bytes behind the store's back: its checksum no longer fits. */
static void
tamper_version (const char *path,
                guint       number)
{
  g_autofree char *statement = g_strdup_printf ("UPDATE versions SET model = replace (model, '77', '78')"
                                                " WHERE number = %u", number);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, statement, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);
}

static gboolean
has_error_dialog (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG, "error-dialog") != NULL;
}

/* The error dialog's text, then the dialog closed. */
static char *
take_error_dialog (const char *what,
                   const char *screenshot,
                   char      **heading)
{
  AdwMessageDialog *dialog;
  char *body;

  gui_test_wait_until (has_error_dialog, NULL, what);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, "error-dialog"));
  body = g_strdup (adw_message_dialog_get_body (dialog));
  if (heading != NULL)
    *heading = g_strdup (adw_message_dialog_get_heading (dialog));
  if (screenshot != NULL)
    gui_test_save_screenshot (GTK_WIDGET (dialog), screenshot);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gui_test_settle (50);
  return body;
}

/* The store's refusals in the window, with the message the command line
 * prints: another program saved the project meanwhile (the window's save
 * is refused and its edits stay unsaved); an export over the open project
 * (refused, the project untouched); a project with a damaged version (it
 * opens on the newest readable version and lists what could not be read). */
static void
test_store_faults (void)
{
  MqlwWindow *window = open_sample (1366, 768);
  MqlwProjectSession *session = mqlw_window_get_session (window);
  g_autofree char *path = gui_test_build_path ("test-store-faults.mqlw");
  g_autofree char *damaged = gui_test_build_path ("test-store-damaged.mqlw");
  g_autofree char *before = NULL, *after = NULL, *body = NULL, *heading = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *unreadable = NULL;
  gsize before_len, after_len;
  guint head = 0;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as-file", "s", path);
  gui_test_wait_until (is_saved, window, "the first save");

  /* Another program changes the file (a command line would do the same). */
  {
    g_autoptr(MqlwProject) other = mqlw_project_open_for_update (path, NULL, NULL, NULL, &error);
    g_autoptr(MqlwModel) model = NULL;

    g_assert_no_error (error);
    model = mqlw_model_copy (mqlw_project_get_model (other));
    model->threshold += 9;
    mqlw_project_save_model (other, model, "script", "from elsewhere");
    g_assert_true (mqlw_project_save (other, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  move_threshold (window, 3);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  body = take_error_dialog ("the refused save", "screenshot-save-changed-elsewhere.png", &heading);
  g_assert_cmpstr (heading, ==, "Could Not Save the Project");
  {
    g_autoptr(MqlwProject) reread = mqlw_project_open (path, NULL, NULL, NULL, &error);
    g_autofree char *expected = NULL;
    g_autofree char *name = g_filename_display_name (path);

    g_assert_no_error (error);
    g_assert_cmpstr (mqlw_project_get_head (reread)->comment, ==, "from elsewhere");
    expected = g_strdup_printf ("“%s” was changed by another program since it was opened, so your changes were"
                                " not saved over it; save them under another name, then open the project again", name);
    g_assert_cmpstr (body, ==, expected);
  }
  wait_idle (window);
  g_assert_true (mqlw_project_session_is_dirty (session));
  g_clear_pointer (&body, g_free);

  /* An export over the open project is refused; the file is as it was. */
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-buckets-csv-file", "s", path);
  body = take_error_dialog ("the refused export", NULL, NULL);
  g_assert_nonnull (strstr (body, "Will not write over"));
  g_assert_nonnull (strstr (body, "the project open in this window"));
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_clear_pointer (&body, g_free);
  gtk_window_destroy (GTK_WINDOW (window));

  /* Version 2 of a copy made unreadable: the project opens on version 1 and says so. */
  g_assert_true (g_file_set_contents (damaged, before, (gssize) before_len, NULL));
  {
    g_autoptr(MqlwProject) copy = mqlw_project_open (damaged, NULL, NULL, NULL, &error);
    g_autoptr(MqlwModel) model = NULL;

    g_assert_no_error (error);
    model = mqlw_model_copy (mqlw_project_get_model (copy));
    model->threshold = INFINITY;
    /* The store refuses to write it; an older program's file may hold one. */
    mqlw_project_add_version (copy, model, "", "");
    g_assert_false (mqlw_project_save (copy, NULL, NULL, NULL, &error));
    g_assert_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_SAVE);
    g_clear_error (&error);
  }
  {
    g_autoptr(MqlwProject) copy = mqlw_project_open (damaged, NULL, NULL, NULL, &error);
    g_autoptr(MqlwModel) model = mqlw_model_copy (mqlw_project_get_model (copy));

    model->threshold = 77;
    head = mqlw_project_add_version (copy, model, "", "");
    g_assert_true (mqlw_project_save (copy, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (head, >=, 2);
  tamper_version (damaged, head);
  unreadable = g_strdup_printf ("model version %u cannot be read", head);
  window = gui_test_create_window (1366, 768);
  {
    g_autoptr(GFile) file = g_file_new_for_path (damaged);
    mqlw_window_open_file (window, file);
  }
  body = take_error_dialog ("the damage list", "screenshot-open-damaged-version.png", &heading);
  g_assert_cmpstr (heading, ==, "Parts of the Project Could Not Be Read");
  g_assert_nonnull (strstr (body, unreadable));
  gui_test_wait_until (has_data, window, "the damaged project");
  wait_idle (window);
  /* The newest version that reads is on the workbench. */
  g_assert_cmpfloat (mqlw_workbench_get_threshold (mqlw_window_get_workbench (window)), !=, 77);
  mqlw_window_set_view (window, "project");
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-versions-damaged.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv, APPLICATION_ID ".ProjectTest", G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);

  g_test_add_func ("/mqlw/gui/project/save-reopen", test_save_reopen);
  g_test_add_func ("/mqlw/gui/project/late-ids", test_late_ids);
  g_test_add_func ("/mqlw/gui/project/unsaved-guard", test_unsaved_guard);
  g_test_add_func ("/mqlw/gui/project/signoff", test_signoff);
  g_test_add_func ("/mqlw/gui/project/scenarios", test_scenarios);
  g_test_add_func ("/mqlw/gui/project/names-as-text", test_names_as_text);
  g_test_add_func ("/mqlw/gui/project/recovery", test_recovery);
  g_test_add_func ("/mqlw/gui/project/preferences", test_preferences);
  g_test_add_func ("/mqlw/gui/project/open-handler", test_open_handler);
  g_test_add_func ("/mqlw/gui/project/store-faults", test_store_faults);

  return gui_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-scenario-compare-window"

#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "mqlw-application.h"
#include "mqlw-project-session.h"
#include "mqlw-scenario-compare-view.h"
#include "mqlw-window.h"

#include "gui-test-util.h"

/* Compare scenarios (issue 14): a project over tests/data/scenarios/leads.csv
 * with today's model (score_a ≥ 50) and two scenarios, "Marketing" (score_a
 * ≥ 40) and "Sales" (score_b ≥ 60). The figures are worked by hand in
 * tests/test-scenario-compare.c's header; in short:
 *
 *   today      6 MQLs, 2.0 a month, SQL 4/5 = 80.0 % (37.6–96.4 %), wins 3/3
 *   Marketing  8 MQLs (+2), 2.7 a month, SQL 5/7 = 71.4 % (35.9–91.8 %,
 *              −8.6 pts), wins 3/3; 2 become MQLs (SQL 1/2), none stop
 *   Sales      7 MQLs (+1), 2.3 a month, SQL 3/7 = 42.9 % (15.8–75.0 %,
 *              −37.1 pts), wins 1/3 = 33.3 %; 4 become MQLs (SQL 1/4),
 *              3 stop (SQL 2/2); against Marketing 3 in, 4 out.
 *
 * The window writes numbers in its display style: U+2009 before "%", a
 * range joined by U+2060 and U+202F. */

#define PCT "\u2009%"

static MqlwWindow *window;

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

static GtkWidget *
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

static gboolean
press_on (GtkWidget *widget,
          guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, 0);

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

static char *
write_project (void)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios", "leads.csv", NULL);
  g_autofree char *path = gui_test_build_path ("test-scenarios.mqlw");
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) dataset = mqlw_import_file (csv, NULL, NULL, NULL, NULL, &error);
  MqlwProject *project;
  const char *names[] = { "today", "marketing", "sales" };
  const char *titles[] = { NULL, "Marketing", "Sales" };

  g_assert_no_error (error);
  project = mqlw_project_new (dataset, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file = g_strconcat (names[i], ".json", NULL);
      g_autofree char *model_path = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios", file, NULL);
      g_autoptr(MqlwModel) model = mqlw_model_load (model_path, &error);

      g_assert_no_error (error);
      if (titles[i] == NULL)
        mqlw_project_save_model (project, model, "Test", "Today");
      else
        mqlw_project_set_scenario (project, titles[i], model, "");
    }
  g_unlink (path);
  g_assert_true (mqlw_project_save_as (project, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  mqlw_project_unref (project);
  return g_steal_pointer (&path);
}

static gboolean
dialog_done (gpointer dialog)
{
  return !mqlw_scenario_compare_view_is_busy (dialog);
}

/* The models are scored off the main thread: the table comes when they are. */
static void
wait_dialog (GtkWidget *dialog)
{
  gui_test_wait_until (dialog_done, dialog, "the scenarios scored");
  gui_test_drain ();
}

static const char *
scenario_subtitle (const char *name)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_widgets (mqlw_window_get_child (window, "project"), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), name) == 0)
      return adw_action_row_get_subtitle (rows->pdata[i]);
  g_error ("no scenario row %s", name);
  return NULL;
}

static void
assert_text (GtkWidget  *dialog,
             const char *row,
             guint       column,
             const char *part,
             const char *expected)
{
  const char *text = mqlw_scenario_compare_view_get_text (dialog, row, column, part);

  g_test_message ("%s[%u].%s = %s", row, column, part, text);
  g_assert_cmpstr (text, ==, expected);
}

/* The scenario list: each scenario's MQLs and SQL rate, and their change from today. */
static void
test_list (void)
{
  const char *marketing = scenario_subtitle ("Marketing");
  const char *sales = scenario_subtitle ("Sales");

  g_test_message ("%s | %s", marketing, sales);
  g_assert_true (g_str_has_prefix (marketing, "8 MQLs (\u25b2\u00a0+2) · SQL rate 71.4" PCT " (\u25bc\u00a0\u22128.6\u00a0pts)\n"));
  g_assert_true (g_str_has_prefix (sales, "7 MQLs (\u25b2\u00a0+1) · SQL rate 42.9" PCT " (\u25bc\u00a0\u221237.1\u00a0pts)\n"));
  g_assert_nonnull (strstr (marketing, "Threshold 40"));
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_compare (void)
{
  GtkWidget *dialog;
  AdwStyleManager *style = adw_style_manager_get_default ();

  gtk_widget_activate_action (mqlw_window_get_child (window, "project"), "project.compare-scenarios", "s", "Marketing");
  dialog = find_toplevel ("compare-scenarios-dialog");
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  /* The keyboard starts on the first scenario's check button. */
  g_assert_true (GTK_IS_CHECK_BUTTON (gtk_window_get_focus (GTK_WINDOW (dialog))));
  /* Scored on worker threads; the spinner waits a moment, so that a quick
   * compare shows no flash of it (not yet on show when the job starts). */
  g_assert_true (mqlw_scenario_compare_view_is_busy (dialog));
  g_assert_null (find_named (dialog, "compare-progress"));
  g_assert_null (mqlw_scenario_compare_view_get_text (dialog, "mql", 0, "value"));
  wait_dialog (dialog);

  /* Today, then Marketing (asked for), then Sales. */
  assert_text (dialog, "threshold", 0, "value", "50");
  assert_text (dialog, "threshold", 1, "value", "40");
  assert_text (dialog, "threshold", 2, "value", "60");
  assert_text (dialog, "mql", 0, "value", "6");
  assert_text (dialog, "mql", 0, "note", "50.0" PCT " of 12 leads");
  assert_text (dialog, "mql", 1, "value", "8");
  assert_text (dialog, "mql", 1, "change", "\u25b2\u00a0+2");
  assert_text (dialog, "mql", 2, "value", "7");
  assert_text (dialog, "mql-per-month", 0, "value", "2.0");
  assert_text (dialog, "mql-per-month", 1, "value", "2.7");
  assert_text (dialog, "mql-per-month", 2, "value", "2.3");
  assert_text (dialog, "sql", 0, "value", "80.0" PCT);
  assert_text (dialog, "sql", 0, "note", "likely 37.6–\u206096.4\u202f%");
  assert_text (dialog, "sql", 1, "value", "71.4" PCT);
  assert_text (dialog, "sql", 1, "note", "likely 35.9–\u206091.8\u202f%");
  assert_text (dialog, "sql", 1, "change", "\u25bc\u00a0\u22128.6\u00a0pts");
  assert_text (dialog, "sql", 2, "value", "42.9" PCT);
  assert_text (dialog, "sql", 2, "change", "\u25bc\u00a0\u221237.1\u00a0pts");
  assert_text (dialog, "opportunity", 2, "value", "14.3" PCT);
  assert_text (dialog, "won", 1, "value", "42.9" PCT);
  assert_text (dialog, "wins-captured", 2, "value", "33.3" PCT);
  assert_text (dialog, "wins-captured", 2, "note", "1 of 3 wins");
  assert_text (dialog, "swap-in", 1, "value", "2");
  assert_text (dialog, "swap-in", 2, "value", "4");
  assert_text (dialog, "swap-out", 2, "value", "3");
  assert_text (dialog, "swap-out", 2, "note", "SQL rate 100.0" PCT " (2/2)");
  assert_text (dialog, "swap-in-first", 2, "value", "3");
  assert_text (dialog, "swap-out-first", 2, "value", "4");
  /* A worse rate reads bad; more MQLs are neither. */
  g_assert_true (gtk_widget_has_css_class (mqlw_scenario_compare_view_get_label (dialog, "sql", 1, "change"), "change-bad"));
  g_assert_false (gtk_widget_has_css_class (mqlw_scenario_compare_view_get_label (dialog, "mql", 1, "change"), "change-bad"));
  g_assert_false (gtk_widget_has_css_class (mqlw_scenario_compare_view_get_label (dialog, "mql", 1, "change"), "change-good"));
  gui_test_save_screenshot (dialog, "compare-scenarios.png");

  /* Sales alone: one scenario column, no swap against a first scenario. */
  mqlw_scenario_compare_view_set_checked (dialog, "Marketing", FALSE);
  wait_dialog (dialog);
  assert_text (dialog, "mql", 1, "value", "7");
  g_assert_null (mqlw_scenario_compare_view_get_text (dialog, "mql", 2, "value"));
  g_assert_null (mqlw_scenario_compare_view_get_text (dialog, "swap-in-first", 1, "value"));
  /* Back: Sales first now, Marketing second; against Sales, Marketing takes 4 in and 3 out. */
  mqlw_scenario_compare_view_set_checked (dialog, "Marketing", TRUE);
  wait_dialog (dialog);
  assert_text (dialog, "mql", 2, "value", "8");
  assert_text (dialog, "swap-in-first", 2, "value", "4");
  assert_text (dialog, "swap-out-first", 2, "value", "3");

  /* A change while scoring: the first job is cancelled, the second one shows. */
  mqlw_scenario_compare_view_set_checked (dialog, "Sales", FALSE);
  g_assert_true (mqlw_scenario_compare_view_is_busy (dialog));
  mqlw_scenario_compare_view_set_checked (dialog, "Sales", TRUE);
  wait_dialog (dialog);
  assert_text (dialog, "mql", 1, "value", "8");
  assert_text (dialog, "mql", 2, "value", "7");

  /* Esc closes it. */
  g_assert_true (press_on (dialog, GDK_KEY_Escape));
  gui_test_wait_until (toplevel_gone, (gpointer) "compare-scenarios-dialog", "Esc to close the comparison");

  /* In the room: workshop type, dark, at the room's sizes. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.workshop", NULL);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  {
    static const struct { int w, h; const char *name; } sizes[] = {
      { 1280, 720, "compare-scenarios-workshop-1280x720-dark.png" },
      { 1920, 1080, "compare-scenarios-workshop-1920x1080-dark.png" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      {
        resize (sizes[i].w, sizes[i].h);
        gtk_widget_activate_action (mqlw_window_get_child (window, "project"), "project.compare-scenarios", "s", "Marketing");
        dialog = find_toplevel ("compare-scenarios-dialog");
        g_assert_nonnull (dialog);
        g_assert_true (gtk_widget_has_css_class (dialog, "workshop"));
        wait_dialog (dialog);
        assert_text (dialog, "sql", 1, "value", "71.4" PCT);
        gui_test_save_screenshot (dialog, sizes[i].name);
        g_assert_true (press_on (dialog, GDK_KEY_Escape));
        gui_test_wait_until (toplevel_gone, (gpointer) "compare-scenarios-dialog", "Esc");
      }
  }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.workshop", NULL);
  resize (1366, 768);

  /* Closed while it scores: the work is cancelled, nothing is left behind. */
  gtk_widget_activate_action (mqlw_window_get_child (window, "project"), "project.compare-scenarios", "s", "Sales");
  dialog = find_toplevel ("compare-scenarios-dialog");
  g_assert_true (mqlw_scenario_compare_view_is_busy (dialog));
  g_assert_true (press_on (dialog, GDK_KEY_Escape));
  gui_test_wait_until (toplevel_gone, (gpointer) "compare-scenarios-dialog", "Esc while scoring");
  gui_test_settle (200);
}

/* A scenario that does not fit the data (its score column is not in the
 * history): the dialog says so, naming it, instead of a table. */
static void
test_compare_error (void)
{
  MqlwProject *project = mqlw_project_session_get_project (mqlw_window_get_session (window));
  g_autoptr(MqlwModel) model = mqlw_model_copy (mqlw_project_get_scenario (project, "Sales")->model);
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();
  GtkWidget *dialog;
  const char *title;

  g_free (model->score_column);
  model->score_column = g_strdup ("score_gone");
  mqlw_project_set_scenario (project, "Broken", model, "");
  gtk_widget_activate_action (mqlw_window_get_child (window, "project"), "project.compare-scenarios", "s", "Broken");
  dialog = find_toplevel ("compare-scenarios-dialog");
  g_assert_nonnull (dialog);
  wait_dialog (dialog);
  g_assert_null (mqlw_scenario_compare_view_get_text (dialog, "mql", 0, "value"));
  collect_widgets (dialog, ADW_TYPE_STATUS_PAGE, pages);
  g_assert_cmpuint (pages->len, ==, 1);
  g_assert_cmpstr (adw_status_page_get_title (pages->pdata[0]), ==, "Could Not Compare These Scenarios");
  title = adw_status_page_get_description (pages->pdata[0]);
  g_test_message ("%s", title);
  g_assert_true (g_str_has_prefix (title, "The scenario “Broken” does not fit the data: "));
  g_assert_nonnull (strstr (title, "score_gone"));
  gui_test_save_screenshot (dialog, "compare-scenarios-error.png");
  g_assert_true (press_on (dialog, GDK_KEY_Escape));
  gui_test_wait_until (toplevel_gone, (gpointer) "compare-scenarios-dialog", "Esc");
  mqlw_project_remove_scenario (project, "Broken");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;

  gui_test_init (&argc, &argv, APPLICATION_ID ".Test", G_APPLICATION_NON_UNIQUE);
  path = write_project ();
  window = gui_test_create_window (1366, 768);
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);

    mqlw_window_open_file (window, file);
  }
  gui_test_wait_until (gui_test_has_data, window, "the project");
  wait_idle ();
  mqlw_window_set_view (window, "project");
  gui_test_settle (300);

  g_test_add_func ("/mqlw/gui/scenarios/list", test_list);
  g_test_add_func ("/mqlw/gui/scenarios/compare", test_compare);
  g_test_add_func ("/mqlw/gui/scenarios/compare-error", test_compare_error);
  return gui_test_run ();
}

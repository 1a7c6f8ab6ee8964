/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-mapping-page"

/* The mapping page on the platforms' exports (tests/data/platforms): each
 * column's role with its reason, the stage values with their leads, the
 * placeholder switch, the data's health; and a rule whose value no lead has,
 * warned about beside the criterion. Screenshots land in the build dir:
 * screenshot-mapping-<fixture>[-dark]-<width>.png, screenshot-rule-warning.png. */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "mqlw-mapping-page.h"
#include "mqlw-project-session.h"
#include "mqlw-scoring-page.h"
#include "mqlw-window.h"

#include "gui-test-util.h"

static gboolean
on_mapping_page (gpointer data)
{
  return g_strcmp0 (mqlw_window_get_page (data), "mapping") == 0;
}

static gboolean
on_workbench_page (gpointer data)
{
  return g_strcmp0 (mqlw_window_get_page (data), "workbench") == 0;
}

static char *
fixture (const char *name)
{
  return g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data", "platforms", name, NULL);
}

static MqlwWindow *
open_mapping (const char *name,
              int         width,
              int         height)
{
  MqlwWindow *window = gui_test_create_window (width, height);
  g_autofree char *path = fixture (name);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", path);
  gui_test_wait_until (on_mapping_page, window, "the mapping page");
  gui_test_settle (300);
  return window;
}

static void
screenshot (MqlwWindow *window,
            const char *name,
            gboolean    dark,
            int         width)
{
  g_autofree char *file = g_strdup_printf ("screenshot-mapping-%s%s-%d.png", name, dark ? "-dark" : "", width);

  gui_test_save_screenshot (GTK_WIDGET (window), file);
}

static AdwComboRow *find_date_order_row (GtkWidget *widget);

/* HubSpot: the reasons and both stage columns' values on the page. */
static void
test_hubspot (void)
{
  MqlwWindow *window = open_mapping ("hubspot.csv", 1280, 720);
  GtkWidget *page = mqlw_window_get_child (window, "mapping");
  g_autoptr(GString) text = g_string_new (NULL);

  gui_test_collect_text (page, text);
  g_assert_nonnull (strstr (text->str, "a HubSpot “Became a … Date” column: the date the lead reached Win; "
                                       "values are dates"));
  g_assert_nonnull (strstr (text->str, "named like a stage column; values are stage names (8 of 8 known)"));
  g_assert_nonnull (strstr (text->str, "Open Deal\n3 leads · from the built-in table\n"));
  g_assert_nonnull (strstr (text->str, "the created date is after the Win date (Became a Customer Date) for 1 lead"));
  g_assert_null (strstr (text->str, "No problems found"));
  /* ISO dates read one way only: Dates keeps its place after the outcomes, unmarked. */
  {
    GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (find_date_order_row (page)), ADW_TYPE_PREFERENCES_GROUP);

    g_assert_nonnull (gtk_widget_get_prev_sibling (group));
    g_assert_false (gtk_widget_has_css_class (group, "needs-attention"));
  }
  screenshot (window, "hubspot", FALSE, 1280);
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gui_test_settle (400);
  screenshot (window, "hubspot", FALSE, 1920);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Mautic's lifecycle: a Lost value is "not won, the stages before unknown",
 * which the stage row (furthest stage, open or closed) cannot show, so its
 * subtitle says so. 6 leads are Lost (pandas' value_counts of `stage`). */
static void
test_lost_stage (void)
{
  MqlwWindow *window = gui_test_create_window (1280, 720);
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data", "real-exports",
                                            "mautic-lost-stage.csv", NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", path);
  gui_test_wait_until (on_mapping_page, window, "the mapping page");
  gui_test_settle (300);
  gui_test_collect_text (mqlw_window_get_child (window, "mapping"), text);
  g_assert_nonnull (strstr (text->str, "Lost\n6 leads · from the built-in table: not won, the stages before unknown\n"));
  g_assert_nonnull (strstr (text->str, "SQL\n5 leads · from the built-in table\n"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A lead list with placeholders: the switch lists them; turned off, the
 * mapping reads every value as written. */
static void
test_generic (void)
{
  MqlwWindow *window = open_mapping ("generic.csv", 1920, 1080);
  MqlwMappingPage *page = MQLW_MAPPING_PAGE (mqlw_window_get_child (window, "mapping"));
  g_autoptr(GString) text = g_string_new (NULL);
  const MqlwColumnSpec *spec;
  GtkSwitch *sw = NULL;

  gui_test_collect_text (GTK_WIDGET (page), text);
  g_assert_nonnull (strstr (text->str, "“Select” in Specialization"));
  g_assert_nonnull (strstr (text->str, "column Tags looks filled in after the outcome"));
  g_assert_nonnull (strstr (text->str, "named like the last activity date, but its values are not dates"));
  spec = mqlw_mapping_get_column ((MqlwMapping *) mqlw_mapping_page_get_mapping (page), "Specialization");
  g_assert_cmpstr (spec->missing_values[0], ==, "Select");
  screenshot (window, "generic", FALSE, 1920);

  /* The switch is the only GtkSwitch whose row speaks of placeholders. */
  for (GtkWidget *w = GTK_WIDGET (page); w != NULL && sw == NULL;)
    {
      GtkWidget *next = gtk_widget_get_first_child (w);
      if (GTK_IS_SWITCH (w) && gtk_widget_get_ancestor (w, ADW_TYPE_ACTION_ROW) != NULL &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_widget_get_ancestor (w, ADW_TYPE_ACTION_ROW))),
                     "Read placeholders as missing") == 0)
        sw = GTK_SWITCH (w);
      while (next == NULL && w != NULL && w != GTK_WIDGET (page))
        {
          next = gtk_widget_get_next_sibling (w);
          if (next == NULL)
            w = gtk_widget_get_parent (w);
        }
      w = next;
    }
  g_assert_nonnull (sw);
  gtk_switch_set_active (sw, FALSE);
  spec = mqlw_mapping_get_column ((MqlwMapping *) mqlw_mapping_page_get_mapping (page), "Specialization");
  g_assert_null (spec->missing_values);
  g_assert_false (mqlw_mapping_page_get_mapping (page)->detect_placeholders);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Dark, on Salesforce's report: two stage columns read in their contexts. */
static void
test_salesforce_dark (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  MqlwWindow *window;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  window = open_mapping ("salesforce.csv", 1280, 720);
  screenshot (window, "salesforce", TRUE, 1280);
  gtk_window_destroy (GTK_WINDOW (window));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static gboolean
panel_warns (gpointer data)
{
  g_autoptr(GString) text = g_string_new (NULL);

  gui_test_collect_text (data, text);
  return strstr (text->str, "⚠ no lead has “VP Marketting”") != NULL;
}

/* A rule value no lead has, beside its criterion. */
static void
test_rule_warning (void)
{
  MqlwWindow *window = open_mapping ("salesforce.csv", 1366, 768);
  MqlwWorkbench *workbench = mqlw_window_get_workbench (window);
  g_autofree char *model_path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data", "models",
                                                  "title-typo.json", NULL);
  g_autoptr(MqlwModel) model = NULL;
  g_autoptr(GError) error = NULL;

  gtk_widget_activate_action (mqlw_window_get_child (window, "mapping"), "mapping.import", NULL);
  gui_test_wait_until (gui_test_has_data, window, "the import");
  /* No model came with the file: the window asks how leads are scored
   * (test-scoring-page.c); start with an empty model, then load the one under test. */
  g_assert_true (mqlw_scoring_page_choose (MQLW_SCORING_PAGE (mqlw_window_get_child (window, "scoring")), "empty"));
  gui_test_wait_until (on_workbench_page, window, "the workbench page");
  gui_test_wait_until (gui_test_is_idle, window, "the empty model's figures");
  model = mqlw_model_load (model_path, &error);
  g_assert_no_error (error);
  g_assert_true (mqlw_workbench_load (workbench, mqlw_workbench_get_dataset (workbench), model, &error));
  g_assert_no_error (error);
  gui_test_wait_until (panel_warns, mqlw_window_get_child (window, "model"), "the rule warning");
  /* The whole warning is the icon's tooltip. */
  {
    GtkWidget *panel = mqlw_window_get_child (window, "model");
    GtkWidget *icon = NULL;

    for (GtkWidget *w = panel; w != NULL && icon == NULL;)
      {
        GtkWidget *next = gtk_widget_get_first_child (w);
        if (GTK_IS_IMAGE (w) && gtk_widget_has_css_class (w, "warning") && gtk_widget_get_visible (w))
          icon = w;
        while (next == NULL && w != NULL && w != panel)
          {
            next = gtk_widget_get_next_sibling (w);
            if (next == NULL)
              w = gtk_widget_get_parent (w);
          }
        w = next;
      }
    g_assert_nonnull (icon);
    g_assert_cmpstr (gtk_widget_get_tooltip_text (icon), ==,
                     "no lead has “VP Marketting”\nno lead has Title “VP Marketting”; the closest values are "
                     "“VP Marketing” (8 leads)");
  }
  gui_test_settle (300);
  gui_test_save_screenshot (GTK_WIDGET (window), "screenshot-rule-warning.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- a column of marks: blanks as "not reached" ------------------------- */

/* The switch of @column's blanks on the mapping page. */
static GtkSwitch *
find_blank_switch (GtkWidget  *widget,
                   const char *column)
{
  if (ADW_IS_ACTION_ROW (widget) && g_strcmp0 (g_object_get_data (G_OBJECT (widget), "column"), column) == 0)
    return g_object_get_data (G_OBJECT (widget), "switch");
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkSwitch *found = find_blank_switch (child, column);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
on_page_scoring (gpointer data)
{
  return g_strcmp0 (mqlw_window_get_page (data), "scoring") == 0;
}

static gboolean
workbench_idle (gpointer data)
{
  return on_workbench_page (data) && gui_test_is_idle (data) &&
         !mqlw_project_session_is_busy (mqlw_window_get_session (data));
}

static gboolean
saved (gpointer data)
{
  return workbench_idle (data) && !mqlw_project_session_is_dirty (mqlw_window_get_session (data));
}

static gboolean
problems_say_blanks (gpointer data)
{
  g_autoptr(GString) text = g_string_new (NULL);

  gui_test_collect_text (data, text);
  return strstr (text->str, "blank lead") != NULL;
}

static gboolean
problems_quiet_on_blanks (gpointer data)
{
  return !problems_say_blanks (data);
}

/* SQL and Won among the MQLs (every lead is one at threshold 0) as the
 * workbench shows them: @sql_reached of @sql_known, @won_reached of @won_known. */
static void
assert_rates (MqlwWindow *window,
              guint64     sql_reached,
              guint64     sql_known,
              guint64     won_reached,
              guint64     won_known)
{
  MqlwWorkbench *workbench = mqlw_window_get_workbench (window);
  MqlwPreviewPanel *panel = MQLW_PREVIEW_PANEL (mqlw_window_get_child (window, "preview"));
  const MqlwPreview *preview;
  g_autofree char *sql_percent = g_strdup_printf ("%.0f", 100.0 * sql_reached / sql_known);
  g_autofree char *won_percent = g_strdup_printf ("%.0f", 100.0 * won_reached / won_known);

  if (mqlw_workbench_get_threshold (workbench) != 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.set-threshold", "d", 0.0);
      gui_test_wait_until (workbench_idle, window, "the figures at threshold 0");
    }
  gui_test_drain ();
  preview = mqlw_workbench_get_preview (workbench);
  g_assert_cmpuint (preview->mql, ==, 4);
  g_assert_cmpuint (preview->stage[MQLW_STAGE_SQL].reached, ==, sql_reached);
  g_assert_cmpuint (preview->stage[MQLW_STAGE_SQL].known, ==, sql_known);
  g_assert_cmpuint (preview->stage[MQLW_STAGE_WON].reached, ==, won_reached);
  g_assert_cmpuint (preview->stage[MQLW_STAGE_WON].known, ==, won_known);
  /* The panel's figures start with the same percentages (75 %, 50 %; 100 %). */
  g_assert_true (g_str_has_prefix (mqlw_preview_panel_get_figure (panel, "sql"), sql_percent));
  g_assert_true (g_str_has_prefix (mqlw_preview_panel_get_figure (panel, "won"), won_percent));
}

/* tests/data/real-exports/sap-marks.csv: SQL holds X, X, blank, X and Won
 * X, blank, blank, X. Detection reads the blanks as "not reached": SQL 3 of
 * 4, Won 2 of 4 (L3's blank SQL also says it was not won). Switched off, a
 * blank is unknown: SQL 3 of 3 (L3 unknown), Won 2 of 2 (L2 and L3
 * unknown). The switch is undone by the window's Undo (not the model
 * behind the page), re-reads the file's problems, and the choice is saved in the project and read back. */
static void
test_marks (void)
{
  MqlwWindow *window = gui_test_create_window (1366, 768);
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data", "real-exports",
                                            "sap-marks.csv", NULL);
  g_autofree char *project = gui_test_build_path ("test-marks.mqlw");
  MqlwMappingPage *page;
  GtkSwitch *sql, *won;
  g_autoptr(GString) text = g_string_new (NULL);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", path);
  gui_test_wait_until (on_mapping_page, window, "the mapping page");
  gui_test_settle (300);
  page = MQLW_MAPPING_PAGE (mqlw_window_get_child (window, "mapping"));
  sql = find_blank_switch (GTK_WIDGET (page), "SQL");
  won = find_blank_switch (GTK_WIDGET (page), "Won");
  g_assert_nonnull (sql);
  g_assert_nonnull (won);
  g_assert_true (gtk_switch_get_active (sql));
  g_assert_true (gtk_switch_get_active (won));
  gui_test_collect_text (GTK_WIDGET (page), text);
  g_assert_nonnull (strstr (text->str, "Detected: only yes-marks (X, ✓) and blanks, no “no”"));
  g_assert_true (problems_say_blanks (page));
  screenshot (window, "sap-marks", FALSE, 1366);

  /* On (as detected): 3/4 and 2/4. */
  gtk_widget_activate_action (GTK_WIDGET (page), "mapping.import", NULL);
  gui_test_wait_until (on_page_scoring, window, "How are leads scored?");
  g_assert_true (mqlw_scoring_page_choose (MQLW_SCORING_PAGE (mqlw_window_get_child (window, "scoring")),
                                           "column:Score"));
  gui_test_wait_until (workbench_idle, window, "the figures");
  assert_rates (window, 3, 4, 2, 4);
  /* A threshold move and back: one step on the model's undo stack. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-threshold", "d", 5.0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-threshold", "d", 0.0);
  gui_test_wait_until (workbench_idle, window, "the threshold moves");

  /* Off, with an undo on the way: 3/3 and 2/2. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", path);
  gui_test_wait_until (on_mapping_page, window, "the mapping page again");
  gui_test_settle (200);
  sql = find_blank_switch (GTK_WIDGET (page), "SQL");
  won = find_blank_switch (GTK_WIDGET (page), "Won");
  gtk_switch_set_active (sql, FALSE);
  gtk_switch_set_active (won, FALSE);
  g_assert_false (mqlw_mapping_get_column ((MqlwMapping *) mqlw_mapping_page_get_mapping (page), "Won")->blank_is_no);
  /* The window's Undo (Ctrl+Z) is the page's here, not the hidden model's
   * (whose threshold move is still there to undo). */
  g_assert_true (mqlw_workbench_can_undo (mqlw_window_get_workbench (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpfloat (mqlw_workbench_get_threshold (mqlw_window_get_workbench (window)), ==, 0.0);
  g_assert_true (mqlw_workbench_can_undo (mqlw_window_get_workbench (window)));
  g_assert_true (gtk_switch_get_active (won));
  g_assert_false (gtk_switch_get_active (sql));
  g_assert_true (mqlw_mapping_get_column ((MqlwMapping *) mqlw_mapping_page_get_mapping (page), "Won")->blank_is_no);
  gtk_switch_set_active (won, FALSE);
  /* The file read again with the switches off: no blank read as "no" any more. */
  gui_test_wait_until (problems_quiet_on_blanks, page, "the problems read again");
  g_string_truncate (text, 0);
  gui_test_collect_text (GTK_WIDGET (page), text);
  g_assert_nonnull (strstr (text->str, "Changed by you: a blank is unknown"));
  screenshot (window, "sap-marks-off", FALSE, 1366);
  gtk_widget_activate_action (GTK_WIDGET (page), "mapping.import", NULL);
  gui_test_wait_until (workbench_idle, window, "the figures with blanks unknown");
  assert_rates (window, 3, 3, 2, 2);

  /* Saved and reopened: the same figures, and the project's mapping says so. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as-file", "s", project);
  gui_test_wait_until (saved, window, "the save");
  gtk_window_destroy (GTK_WINDOW (window));
  window = gui_test_create_window (1366, 768);
  {
    g_autoptr(GFile) file = g_file_new_for_path (project);
    const MqlwMapping *mapping;
    MqlwColumnSpec *spec;

    mqlw_window_open_file (window, file);
    gui_test_wait_until (workbench_idle, window, "the reopened project");
    assert_rates (window, 3, 3, 2, 2);
    mapping = mqlw_project_get_mapping (mqlw_project_session_get_project (mqlw_window_get_session (window)));
    g_assert_nonnull (mapping);
    spec = mqlw_mapping_get_column ((MqlwMapping *) mapping, "SQL");
    g_assert_nonnull (spec);
    g_assert_true (spec->blank_set);
    g_assert_false (spec->blank_is_no);
  }

  /* Re-imported over the reopened project: the saved "blank is unknown" is
   * applied (detection alone would say "not reached"), said on the page and
   * undone by Undo as a flip is; imported so, 3/3 and 2/2 again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", path);
  gui_test_wait_until (on_mapping_page, window, "the mapping page of the re-import");
  gui_test_settle (200);
  page = MQLW_MAPPING_PAGE (mqlw_window_get_child (window, "mapping"));
  sql = find_blank_switch (GTK_WIDGET (page), "SQL");
  won = find_blank_switch (GTK_WIDGET (page), "Won");
  g_assert_false (gtk_switch_get_active (sql));
  g_assert_false (gtk_switch_get_active (won));
  g_assert_false (mqlw_mapping_get_column ((MqlwMapping *) mqlw_mapping_page_get_mapping (page), "SQL")->blank_is_no);
  g_string_truncate (text, 0);
  gui_test_collect_text (GTK_WIDGET (page), text);
  g_assert_nonnull (strstr (text->str, "Kept from the last import: a blank is unknown"));
  gui_test_wait_until (problems_quiet_on_blanks, page, "the problems read with the kept choice");
  /* The window's Undo is the page's here, on although the new history has
   * no model edits yet. */
  g_assert_false (mqlw_workbench_can_undo (mqlw_window_get_workbench (window)));
  g_assert_true (gtk_widget_get_sensitive (mqlw_window_get_child (window, "undo")));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_true (gtk_switch_get_active (won));
  g_assert_false (gtk_switch_get_active (sql));
  g_assert_true (mqlw_mapping_get_column ((MqlwMapping *) mqlw_mapping_page_get_mapping (page), "Won")->blank_is_no);
  gtk_switch_set_active (won, FALSE);
  gui_test_wait_until (problems_quiet_on_blanks, page, "the problems read again");
  gtk_widget_activate_action (GTK_WIDGET (page), "mapping.import", NULL);
  gui_test_wait_until (workbench_idle, window, "the re-imported figures");
  assert_rates (window, 3, 3, 2, 2);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (project);
}

/* ---- the date order ----------------------------------------------------- */

static AdwComboRow *
find_date_order_row (GtkWidget *widget)
{
  if (ADW_IS_COMBO_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "_Date order") == 0)
    return ADW_COMBO_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwComboRow *found = find_date_order_row (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
page_says (MqlwMappingPage *page,
           const char      *what)
{
  g_autoptr(GString) text = g_string_new (NULL);

  gui_test_collect_text (GTK_WIDGET (page), text);
  return strstr (text->str, what) != NULL;
}

/* The core's warning of dates that could be read either way. */
static gboolean
problems_say_ambiguous (gpointer data)
{
  return page_says (data, "read as month/day");
}

static gboolean
problems_quiet_on_dates (gpointer data)
{
  return !problems_say_ambiguous (data);
}

static void
assert_created_days (MqlwWindow *window,
                     gint32      first,
                     gint32      second,
                     gint32      third)
{
  MqlwDataset *dataset = mqlw_workbench_get_dataset (mqlw_window_get_workbench (window));

  g_assert_cmpuint (dataset->n_rows, ==, 3);
  g_assert_nonnull (dataset->outcomes.created_days);
  g_assert_cmpint (dataset->outcomes.created_days[0], ==, first);
  g_assert_cmpint (dataset->outcomes.created_days[1], ==, second);
  g_assert_cmpint (dataset->outcomes.created_days[2], ==, third);
}

/* @row's Dates group is the first group of its side, fully inside the
 * window's height, and marked (@marked) as needing attention. */
static void
assert_dates_in_view (MqlwWindow  *window,
                      AdwComboRow *row,
                      gboolean     marked)
{
  GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (row), ADW_TYPE_PREFERENCES_GROUP);
  graphene_rect_t bounds;

  g_assert_nonnull (group);
  g_assert_null (gtk_widget_get_prev_sibling (group));
  g_assert_cmpint (gtk_widget_has_css_class (group, "needs-attention"), ==, marked);
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (window), &bounds));
  g_test_message ("Date order row: y %.0f to %.0f in a window %d high", bounds.origin.y,
                  bounds.origin.y + bounds.size.height, gtk_widget_get_height (GTK_WIDGET (window)));
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (GTK_WIDGET (window)));
}

/* tests/gui/data/date-order.csv: created 03/04/2025, 05/06/2025, 01/02/2025,
 * each either way round. Detected, they read month first with the core's
 * warning; "Day first" reads them 3 April, 5 June, 1 February 2025. Days
 * since 1970-01-01 from python3's datetime ((date(y,m,d) - date(1970,1,1)).days):
 * month first 2025-03-04 = 20151, 2025-05-06 = 20214, 2025-01-02 = 20090;
 * day first 2025-04-03 = 20181, 2025-06-05 = 20244, 2025-02-01 = 20120.
 * The choice is undone by the window's Undo (enabled for it although the
 * model has no edit), and a re-import keeps it, said on the page. */
static void
test_date_order (void)
{
  MqlwWindow *window = gui_test_create_window (1280, 720);
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data", "date-order.csv", NULL);
  GtkWidget *undo = mqlw_window_get_child (window, "undo");
  MqlwMappingPage *page = MQLW_MAPPING_PAGE (mqlw_window_get_child (window, "mapping"));
  AdwComboRow *row;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", path);
  gui_test_wait_until (on_mapping_page, window, "the mapping page");
  gui_test_settle (300);
  row = find_date_order_row (GTK_WIDGET (page));
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (row)));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, MQLW_DATE_ORDER_AUTO);
  g_assert_true (problems_say_ambiguous (page));
  g_assert_false (gtk_widget_get_sensitive (undo));
  /* Unsure dates need attention: the Dates group leads the side, marked, and
   * the whole row shows inside the 1280×720 window (it sat below the fold). */
  assert_dates_in_view (window, row, TRUE);
  screenshot (window, "date-order-unsure", FALSE, 1280);
  /* The keyboard is on Import. */
  {
    GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));

    g_assert_nonnull (focus);
    g_assert_true (GTK_IS_BUTTON (focus));
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)), ==, "mapping.import");
  }

  /* Day first: the mapping says so, the warning goes, Undo comes on. */
  adw_combo_row_set_selected (row, 2);
  g_assert_cmpint (mqlw_mapping_page_get_mapping (page)->date_order, ==, MQLW_DATE_ORDER_DMY);
  g_assert_true (mqlw_mapping_page_can_undo (page));
  g_assert_true (gtk_widget_get_sensitive (undo));
  g_assert_true (page_says (page, "“03/04/2025” in created_at reads as 3 April 2025"));
  gui_test_wait_until (problems_quiet_on_dates, page, "the problems read day first");
  screenshot (window, "date-order", FALSE, 1280);
  /* Answered: the mark goes, the group stays where the user found it. */
  g_assert_false (gtk_widget_has_css_class (gtk_widget_get_ancestor (GTK_WIDGET (row), ADW_TYPE_PREFERENCES_GROUP),
                                            "needs-attention"));
  assert_dates_in_view (window, row, FALSE);

  /* The window's Undo takes it back (the model behind has nothing to undo). */
  g_assert_false (mqlw_workbench_can_undo (mqlw_window_get_workbench (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, MQLW_DATE_ORDER_AUTO);
  g_assert_cmpint (mqlw_mapping_page_get_mapping (page)->date_order, ==, MQLW_DATE_ORDER_AUTO);
  g_assert_false (gtk_widget_get_sensitive (undo));
  gui_test_wait_until (problems_say_ambiguous, page, "the warning back");

  /* Month first, then day first: both undoable; imported day first. */
  adw_combo_row_set_selected (row, 1);
  adw_combo_row_set_selected (row, 2);
  g_assert_true (page_says (page, "Changed by you: day first"));
  gtk_widget_activate_action (GTK_WIDGET (page), "mapping.import", NULL);
  gui_test_wait_until (on_page_scoring, window, "How are leads scored?");
  g_assert_true (mqlw_scoring_page_choose (MQLW_SCORING_PAGE (mqlw_window_get_child (window, "scoring")),
                                           "column:score"));
  gui_test_wait_until (workbench_idle, window, "the figures");
  assert_created_days (window, 20181, 20244, 20120);

  /* Re-imported: day first kept and said; Undo goes back to detection, which
   * imports month first. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", path);
  gui_test_wait_until (on_mapping_page, window, "the mapping page of the re-import");
  gui_test_settle (200);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, MQLW_DATE_ORDER_DMY);
  g_assert_true (page_says (page, "Kept from the last import: day first"));
  g_assert_true (gtk_widget_get_sensitive (undo));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, MQLW_DATE_ORDER_AUTO);
  gui_test_wait_until (problems_say_ambiguous, page, "the warning of the re-import");
  gtk_widget_activate_action (GTK_WIDGET (page), "mapping.import", NULL);
  gui_test_wait_until (workbench_idle, window, "the re-imported figures");
  assert_created_days (window, 20151, 20214, 20090);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv, APPLICATION_ID ".TestMappingPage", G_APPLICATION_NON_UNIQUE);

  g_test_add_func ("/mqlw/gui/mapping-page/hubspot", test_hubspot);
  g_test_add_func ("/mqlw/gui/mapping-page/generic", test_generic);
  g_test_add_func ("/mqlw/gui/mapping-page/lost-stage", test_lost_stage);
  g_test_add_func ("/mqlw/gui/mapping-page/salesforce-dark", test_salesforce_dark);
  g_test_add_func ("/mqlw/gui/mapping-page/rule-warning", test_rule_warning);
  g_test_add_func ("/mqlw/gui/mapping-page/marks", test_marks);
  g_test_add_func ("/mqlw/gui/mapping-page/date-order", test_date_order);
  return gui_test_run ();
}

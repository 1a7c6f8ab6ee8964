/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-mapping-page"

/* The mapping page on the platforms' exports (tests/data/platforms): each
 * column's role with its reason, the stage values with their leads, the
 * placeholder switch, the data's health; and a rule whose value no lead has,
 * warned about beside the criterion. Screenshots land in the build dir:
 * screenshot-mapping-<fixture>[-dark]-<width>.png, screenshot-rule-warning.png. */

#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "mqlw-mapping-page.h"
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

/* The labels of every GtkLabel under @widget, one a line. */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
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

/* HubSpot: the reasons and both stage columns' values on the page. */
static void
test_hubspot (void)
{
  MqlwWindow *window = open_mapping ("hubspot.csv", 1280, 720);
  GtkWidget *page = mqlw_window_get_child (window, "mapping");
  g_autoptr(GString) text = g_string_new (NULL);

  collect_text (page, text);
  g_assert_nonnull (strstr (text->str, "a HubSpot “Became a … Date” column: the date the lead reached Win; "
                                       "values are dates"));
  g_assert_nonnull (strstr (text->str, "named like a stage column; values are stage names (8 of 8 known)"));
  g_assert_nonnull (strstr (text->str, "Open Deal\n3 leads · from the built-in table\n"));
  g_assert_nonnull (strstr (text->str, "the created date is after the Win date (Became a Customer Date) for 1 lead"));
  g_assert_null (strstr (text->str, "No problems found"));
  screenshot (window, "hubspot", FALSE, 1280);
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gui_test_settle (400);
  screenshot (window, "hubspot", FALSE, 1920);
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

  collect_text (GTK_WIDGET (page), text);
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

  collect_text (data, text);
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

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv, APPLICATION_ID ".TestMappingPage", G_APPLICATION_NON_UNIQUE);

  g_test_add_func ("/mqlw/gui/mapping-page/hubspot", test_hubspot);
  g_test_add_func ("/mqlw/gui/mapping-page/generic", test_generic);
  g_test_add_func ("/mqlw/gui/mapping-page/salesforce-dark", test_salesforce_dark);
  g_test_add_func ("/mqlw/gui/mapping-page/rule-warning", test_rule_warning);
  return gui_test_run ();
}

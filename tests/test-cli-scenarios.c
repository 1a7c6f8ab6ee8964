/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw scenarios, run against the built mqlw on a project over
 * tests/data/scenarios (today score_a ≥ 50, "Marketing" score_a ≥ 40,
 * "Sales" score_b ≥ 60): the figures worked by hand in
 * tests/test-scenario-compare.c's header, as text and JSON. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "mqlw-core.h"
#include "test-util.h"

static char *work_dir;

static void
run_mqlw (Run *run,
          ...)
{
  va_list args;

  va_start (args, run);
  run_mqlw_valist (run, work_dir, NULL, args);
  va_end (args);
}

static void
write_project (void)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "scenarios", "leads.csv", NULL);
  g_autofree char *path = g_build_filename (work_dir, "scenarios.mqlw", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) dataset = mqlw_import_file (csv, NULL, NULL, NULL, NULL, &error);
  const char *files[] = { "today", "marketing", "sales" };
  const char *names[] = { NULL, "Marketing", "Sales" };
  MqlwProject *project;

  g_assert_no_error (error);
  project = mqlw_project_new (dataset, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *file = g_strconcat (files[i], ".json", NULL);
      g_autofree char *model_path = g_test_build_filename (G_TEST_DIST, "data", "scenarios", file, NULL);
      g_autoptr(MqlwModel) model = mqlw_model_load (model_path, &error);

      g_assert_no_error (error);
      if (names[i] == NULL)
        mqlw_project_save_model (project, model, "Test", "");
      else
        mqlw_project_set_scenario (project, names[i], model, "");
    }
  g_assert_true (mqlw_project_save_as (project, path, NULL, NULL, NULL, &error));
  mqlw_project_unref (project);
}

static void
test_text (void)
{
  g_auto(Run) run = { 0 };

  run_mqlw (&run, "scenarios", "scenarios.mqlw", NULL);
  g_test_message ("%s%s", run.out, run.err);
  g_assert_cmpint (run.status, ==, 0);
  /* Sales against today: SQL 3/7 = 42.9 %, 37.1 points below 80.0 %. */
  g_assert_nonnull (strstr (run.out, "42.9 % (likely 15.8–75.0 %) \u25bc\u00a0\u221237.1\u00a0pts"));
  g_assert_nonnull (strstr (run.out, "Become MQLs (against “Marketing”)"));

  /* One scenario asked for; an unknown one is an error naming it. */
  run_mqlw (&run, "scenarios", "scenarios.mqlw", "--scenario", "Sales", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "Marketing"));
  run_mqlw (&run, "scenarios", "scenarios.mqlw", "--scenario", "Nobody", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "“Nobody”"));
}

static void
test_json (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *sales;

  run_mqlw (&run, "scenarios", "scenarios.mqlw", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "today"), "mql"), ==, 6);
  sales = json_array_get_object_element (json_object_get_array_member (root, "scenarios"), 1);
  g_assert_cmpstr (json_object_get_string_member (sales, "name"), ==, "Sales");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (sales, "preview"), "mql"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (sales, "swap_in"), "leads"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (sales, "swap_out"), "leads"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (sales, "swap_in_against_first"), "leads"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (sales, "swap_out_against_first"), "leads"), ==, 4);
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  work_dir = g_dir_make_tmp ("mqlw-cli-scenarios-XXXXXX", NULL);
  write_project ();
  g_test_add_func ("/cli/scenarios/text", test_text);
  g_test_add_func ("/cli/scenarios/json", test_json);
  status = g_test_run ();
  {
    g_autofree char *path = g_build_filename (work_dir, "scenarios.mqlw", NULL);

    g_unlink (path);
    g_rmdir (work_dir);
  }
  return status;
}

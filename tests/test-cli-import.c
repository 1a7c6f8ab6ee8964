/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a new user gets from `mqlw inspect` on the platforms' exports with no
 * map file (tests/data/platforms), --missing-value, and where the files a
 * command names are read from: the current folder for the command line, the
 * map's folder for a map (which a map may not leave), --write-map relative to
 * the map, and the same join given twice counted once. */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "test-util.h"

static void
run_in (Run        *run,
        const char *cwd,
        ...)
{
  va_list args;

  va_start (args, cwd);
  run_mqlw_valist (run, cwd, NULL, args);
  va_end (args);
}

static char *
data_path (const char *first,
           ...)
{
  va_list args;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *part;

  g_ptr_array_add (parts, (char *) g_getenv ("G_TEST_SRCDIR"));
  g_ptr_array_add (parts, "data");
  va_start (args, first);
  for (part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (char *) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

static JsonObject *
parse_object (const char *text,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* The roles of every column, in order, as "role" or "outcome:stage". */
static const struct { const char *file; const char *roles; } platform_roles[] = {
  { "hubspot.csv", "lead_id fit fit email account fit fit fit fit created_at stage stage as_of outcome:sql "
                   "outcome:opportunity outcome:won score activity_date deal_amount" },
  { "salesforce.csv", "lead_id fit fit fit account email fit fit fit fit stage created_at outcome:sql outcome:sql "
                      "stage deal_amount outcome:won" },
  { "marketo.csv", "lead_id created_at email fit fit account fit fit fit fit score fit fit stage as_of fit" },
  { "account-engagement.csv", "lead_id fit fit email account fit fit fit fit fit score fit created_at activity_date "
                              "stage" },
  { "dynamics.csv", "lead_id none none fit fit account email fit fit fit fit fit stage created_at deal_amount" },
  { "generic.csv", "lead_id created_at fit fit fit fit fit activity_count fit score outcome:sql fit" },
  /* close_date: a deal's close date, no fit field */
  { "pipeline.csv", "lead_id fit fit account stage created_at none deal_amount" },
};

static void
test_platform_roles (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (platform_roles); i++)
    {
      g_autofree char *path = data_path ("platforms", platform_roles[i].file, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GString) roles = g_string_new (NULL);
      g_auto(Run) run = { 0 };
      JsonArray *columns;

      run_in (&run, NULL, "inspect", path, "--format", "json", NULL);
      g_assert_cmpint (run.status, ==, 0);
      columns = json_object_get_array_member (parse_object (run.out, parser), "columns");
      for (guint c = 0; c < json_array_get_length (columns); c++)
        {
          JsonObject *column = json_array_get_object_element (columns, c);
          const char *role = json_object_get_string_member (column, "role");

          g_string_append_printf (roles, "%s%s", c > 0 ? " " : "", role);
          if (g_str_equal (role, "outcome"))
            g_string_append_printf (roles, ":%s", json_object_get_string_member (column, "stage"));
          /* every detected role says why */
          g_assert_nonnull (json_object_get_string_member (column, "reason"));
        }
      g_assert_cmpstr (roles->str, ==, platform_roles[i].roles);
    }
}

/* What the room sees first, with no map file: the period from the created
 * date, the leads without a score, and the stage the verdicts follow. Counted
 * by hand in the fixtures (and again with pandas when they were written):
 * - hubspot: Create Date 2024-02-01 … 2024-05-03 → Feb–May = 4 months; every
 *   lead has a HubSpot Score; SQL varies between buckets;
 * - marketo: Created At 2024-03-04 … 2024-04-30 → 2 months; SQL varies;
 * - account-engagement: Created Date 2024-04-02 … 2024-07-01 → 4 months (the
 *   lead "created" 2099-01-15 is a typing error, not 898 months of history);
 *   every Opportunity Status (Open, Won, Lost) is at least an opportunity, so
 *   SQL and opportunity are reached by every known lead: verdicts follow wins;
 * - generic: first_contact_date 2024-01-03 … 2024-06-25 → 6 months; 13 of 30
 *   leads have an empty Activity Score: unscored, never 0. */
static const struct {
  const char *file, *score;
  double      months;
  gint64      unscored;
  const char *verdict_stage;
} platform_figures[] = {
  { "hubspot.csv", "HubSpot Score", 4, 0, "sql" },
  { "marketo.csv", "Lead Score", 2, 0, "sql" },
  { "account-engagement.csv", "Score", 4, 0, "won" },
  { "generic.csv", "Activity Score", 6, 13, "sql" },
};

static void
test_platform_figures (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (platform_figures); i++)
    {
      g_autofree char *path = data_path ("platforms", platform_figures[i].file, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_auto(Run) run = { 0 };
      JsonObject *root;

      run_in (&run, NULL, "calibrate", path, "--score-column", platform_figures[i].score,
              "--format", "json", NULL);
      g_assert_cmpint (run.status, ==, 0);
      root = parse_object (run.out, parser);
      g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (root, "preview"), "months"),
                         ==, platform_figures[i].months);
      g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "unscored"), "leads"),
                       ==, platform_figures[i].unscored);
      g_assert_cmpstr (json_object_get_string_member (root, "verdict_stage"), ==, platform_figures[i].verdict_stage);
    }
}

/* The text output shows the reasons, the stage readings and the findings. */
static void
test_inspect_text (void)
{
  g_autofree char *path = data_path ("platforms", "dynamics.csv", NULL);
  g_auto(Run) run = { 0 };

  run_in (&run, NULL, "inspect", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "    a Dynamics 365 bookkeeping column\n"));
  /* Columns sized by their cells: "Status Reason" 13, the values up to "No
   * Longer Interested" 20 (Lost + 16 + 2 apart), Leads 5 right-aligned. */
  g_assert_nonnull (strstr (run.out, "Status Reason  Lost" "                  " "    2  "
                                     "no stage, closed\n"));
  g_assert_nonnull (strstr (run.out, "  warning: Win outcome known for 6 of 20 leads (30 %)"));
  g_assert_null (strstr (run.out, "No problems found"));
}

/* JSON problems carry their kind; --missing-value adds a value read as missing. */
static void
test_missing_value_option (void)
{
  g_autofree char *path = data_path ("bad", "placeholders.csv", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  JsonArray *problems;
  JsonObject *first;

  run_in (&run, NULL, "inspect", path, "--missing-value", "Retail", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  problems = json_object_get_array_member (parse_object (run.out, parser), "problems");
  first = json_array_get_object_element (problems, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "kind"), ==, "placeholder");
  g_assert_cmpstr (json_object_get_string_member (first, "column"), ==, "industry");
  /* Retail on P1, Select on P2 and P5, -- None -- on P3 */
  g_assert_cmpstr (json_object_get_string_member (first, "message"), ==,
                   "column industry: 'Select' (2 rows), 'Retail' (1 row), '-- None --' (1 row) read as missing");
}

/* --outcome-file relative to the current folder, not to the data's. */
static void
test_command_line_paths (void)
{
  g_autofree char *data = data_path (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  JsonArray *problems;

  run_in (&run, data, "inspect", "cli/scored.csv", "--outcome-file", "won=wins-by-id.csv:lead_id", "--format", "json",
          NULL);
  g_assert_cmpint (run.status, ==, 0);
  problems = json_object_get_array_member (parse_object (run.out, parser), "problems");
  /* C05 and C07 are leads, C99 is not */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (problems, 0), "message"), ==,
                   "wins-by-id.csv: 1 of 3 rows found no lead by lead_id (the first is 'C99')");
}

/* --write-map writes a join's file relative to the map; read back from
 * another folder, the map finds it; the same join on the command line again
 * is one join; a join outside the map's folder is left out with a warning. */
static void
test_write_map_paths (void)
{
  g_autofree char *root = g_dir_make_tmp ("mqlw-cli-map-XXXXXX", NULL);
  g_autofree char *sub = g_build_filename (root, "outcomes", NULL);
  g_autofree char *wins = g_build_filename (sub, "wins.csv", NULL);
  g_autofree char *map = g_build_filename (root, "map.json", NULL);
  g_autofree char *scored = data_path ("cli", "scored.csv", NULL);
  g_autofree char *outside = data_path ("wins-by-id.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *sql_outside = g_strdup_printf ("sql=%s:lead_id", outside);
  g_autofree char *won_again = g_strdup_printf ("won=%s:lead_id", wins);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  JsonObject *mapping;
  JsonArray *joins, *problems;
  guint unmatched = 0;

  g_mkdir (sub, 0700);
  g_file_get_contents (outside, &contents, NULL, NULL);
  g_file_set_contents (wins, contents, -1, NULL);

  run_in (&run, root, "inspect", scored, "--outcome-file", "won=outcomes/wins.csv:lead_id", "--outcome-file",
          sql_outside, "--write-map", "map.json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "wins-by-id.csv is outside the folder of map.json"));
  g_clear_pointer (&contents, g_free);
  g_file_get_contents (map, &contents, NULL, NULL);
  mapping = parse_object (contents, parser);
  joins = json_object_get_array_member (mapping, "joins");
  g_assert_cmpuint (json_array_get_length (joins), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (joins, 0), "file"), ==,
                   "outcomes/wins.csv");

  /* From the data's folder: the map's join is read from the map's folder, and
   * the same join named again is read once (one finding about C99, not two). */
  run_in (&run, g_getenv ("G_TEST_SRCDIR"), "inspect", scored, "--map", map, "--outcome-file", won_again,
          "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  problems = json_object_get_array_member (parse_object (run.out, parser), "problems");
  for (guint i = 0; i < json_array_get_length (problems); i++)
    unmatched += g_strcmp0 (json_object_get_string_member (json_array_get_object_element (problems, i), "kind"),
                            "join-unmatched") == 0;
  g_assert_cmpuint (unmatched, ==, 1);

  g_unlink (map);
  g_unlink (wins);
  g_rmdir (sub);
  g_rmdir (root);
}

/* A map naming a file outside its folder is refused with exit status 2. */
static void
test_map_outside (void)
{
  g_autofree char *map = data_path ("bad", "join-outside.map.json", NULL);
  g_autofree char *csv = data_path ("bad", "placeholders.csv", NULL);
  g_auto(Run) run = { 0 };

  run_in (&run, NULL, "inspect", csv, "--map", map, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "join-outside.map.json: $.joins[0].file: '../deals.csv' is outside the map's "
                                     "folder"));
}

/* A rule value no lead has is a warning on standard error (not with --quiet). */
static void
test_rule_warning (void)
{
  g_autofree char *csv = data_path ("platforms", "salesforce.csv", NULL);
  g_autofree char *model = data_path ("models", "title-typo.json", NULL);
  g_auto(Run) run = { 0 };

  run_in (&run, NULL, "calibrate", csv, "--model", model, NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* Title is VP Marketing on rows 3, 6, …, 24: 8 leads */
  g_assert_nonnull (strstr (run.err, "mqlw: warning: VP of marketing: no lead has Title “VP Marketting”; the "
                                     "closest values are “VP Marketing” (8 leads)\n"));
  run_in (&run, NULL, "calibrate", csv, "--model", model, "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.err, "VP Marketting"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mqlw/cli-import/platform-roles", test_platform_roles);
  g_test_add_func ("/mqlw/cli-import/platform-figures", test_platform_figures);
  g_test_add_func ("/mqlw/cli-import/inspect-text", test_inspect_text);
  g_test_add_func ("/mqlw/cli-import/missing-value", test_missing_value_option);
  g_test_add_func ("/mqlw/cli-import/command-line-paths", test_command_line_paths);
  g_test_add_func ("/mqlw/cli-import/write-map-paths", test_write_map_paths);
  g_test_add_func ("/mqlw/cli-import/map-outside", test_map_outside);
  g_test_add_func ("/mqlw/cli-import/rule-warning", test_rule_warning);
  return g_test_run ();
}

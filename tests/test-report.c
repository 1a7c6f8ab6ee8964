/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The written MQL definition: the PDF renders (pdftoppm) to a page that is
 * not blank, and its text (pdftotext) holds the threshold, every criterion,
 * the disqualifier, the approvers and the digest; the Markdown twin holds the
 * same and its chart; the platform appendix uses the model's own numbers.
 *
 * Fixture: six leads (as in test-signoff.c), model with the fit rule
 * "VP seniority" +30, behaviour "Demo request" +25 (cap 50), the
 * disqualifier "Student title", threshold 30, capacity 10. At 30: 4 MQLs
 * (leads 1, 2, 5, 6); SQL 3 of 4 = 75.0 %. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>

#include "mqlw-core.h"

static MqlwDataset *
build_dataset (void)
{
  static const char * const seniority[] = { "VP", "VP", "Manager", "Manager", NULL, "VP" };
  static const char * const title[] = { "CEO", "VP Sales", "Student", "Manager", "Analyst", "VP IT" };
  static const double demo[] = { 0, 1, 1, 0, 2, 0 };
  static const gint8 sql[] = { 1, 1, 0, 0, 1, 0 };
  MqlwDataset *dataset = mqlw_dataset_new (6);
  MqlwColumn *sen, *job, *dm;
  gint8 *stage;

  dataset->source_name = g_strdup ("six.csv");
  dataset->source_sha256 = g_strdup ("5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e");
  sen = mqlw_dataset_add_column (dataset, "seniority", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT);
  job = mqlw_dataset_add_column (dataset, "job_title", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT);
  dm = mqlw_dataset_add_column (dataset, "demo_requests", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT);
  stage = mqlw_dataset_ensure_stage (dataset, MQLW_STAGE_SQL);
  for (guint i = 0; i < 6; i++)
    {
      if (seniority[i] != NULL)
        sen->codes[i] = mqlw_column_intern (sen, seniority[i], -1);
      job->codes[i] = mqlw_column_intern (job, title[i], -1);
      dm->num[i] = demo[i];
      stage[i] = sql[i];
    }
  return dataset;
}

static MqlwModel *
build_model (void)
{
  MqlwModel *model = mqlw_model_new ();
  MqlwFitRule *fit;
  MqlwBehaviourRule *demo;
  MqlwDisqualifier *student;

  g_free (model->name);
  model->name = g_strdup ("Workshop model");
  fit = mqlw_model_add_fit (model, "vp", "seniority", MQLW_MATCH_IN_SET, 30);
  g_strfreev (fit->match.values);
  fit->match.values = g_strsplit ("VP", ",", -1);
  g_free (fit->label);
  fit->label = g_strdup ("VP seniority");
  demo = mqlw_model_add_behaviour (model, "demo", "demo_requests", 25, 50);
  g_free (demo->label);
  demo->label = g_strdup ("Demo request");
  student = mqlw_model_add_disqualifier (model, "student", "student", "job_title", MQLW_MATCH_EQUALS);
  g_strfreev (student->match.values);
  student->match.values = g_strsplit ("Student", ",", -1);
  g_free (student->label);
  student->label = g_strdup ("Student title");
  model->threshold = 30;
  model->capacity_per_month = 10;
  return model;
}

static MqlwSignoff *
sign (MqlwDataset *dataset,
      MqlwModel   *model)
{
  g_autoptr(GPtrArray) approvers = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_approver_free);
  g_autoptr(GError) error = NULL;
  GDate date;
  MqlwSignoff *signoff;

  g_ptr_array_add (approvers, mqlw_approver_new ("Maria Keller", "VP Marketing", MQLW_TEAM_MARKETING));
  g_ptr_array_add (approvers, mqlw_approver_new ("Sam Ortiz", "VP Sales", MQLW_TEAM_SALES));
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 30, G_DATE_NOVEMBER, 2025);
  signoff = mqlw_signoff_create (dataset, model, approvers, "Event badge scans are never MQLs.", &date, NULL, 2, NULL,
                                 NULL, &error);
  g_assert_no_error (error);
  return signoff;
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* pdftotext may wrap a long line anywhere; compare with the white space folded. */
static char *
fold_space (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” is missing from the report", needle);
}

static void
test_pdf (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwModel) model = build_model ();
  g_autoptr(MqlwSignoff) signoff = sign (dataset, model);
  g_autoptr(MqlwReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mqlw-report-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "definition.pdf", NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *png = g_build_filename (dir, "page-1.png", NULL);
  g_autofree char *raw = NULL, *text = NULL, *info = NULL;
  cairo_surface_t *image;
  guint pages = 0, inked = 0, accent = 0, total;
  int width, height, stride;
  const guint8 *data;

  report = mqlw_report_new (dataset, model, signoff, 2, &error);
  g_assert_no_error (error);
  g_assert_true (mqlw_report_write (report, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (mqlw_report_write_pdf (report, pdf, &pages, &error));
  g_assert_cmpuint (pages, >=, 3);

  {
    const char *argv[] = { "pdfinfo", pdf, NULL };
    g_autofree char *expected = g_strdup_printf ("Pages: %u", pages);
    info = run (argv);
    g_autofree char *folded = fold_space (info);
    assert_contains (folded, expected);
    assert_contains (folded, "595.276 x 841.89 pts (A4)");
  }

  /* Page 1 renders, and is a page with ink on it: text, the accent band. */
  {
    const char *argv[] = { "pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", pdf, prefix, NULL };
    g_free (run (argv));
  }
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  /* A4 at 50 dpi: 595.276 × 841.89 pt / 72 × 50 = 413.4 × 584.6, rounded up to whole pixels. */
  g_assert_cmpint (width, ==, 414);
  g_assert_cmpint (height, ==, 585);
  stride = cairo_image_surface_get_stride (image);
  data = cairo_image_surface_get_data (image);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 px = *(const guint32 *) (data + y * stride + x * 4);
        guint r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;
        inked += r + g + b < 600;
        accent += b > 140 && r < 80;     /* the blue title band and headings */
      }
  cairo_surface_destroy (image);
  total = (guint) (width * height);
  g_test_message ("page 1: %u of %u pixels inked, %u accent", inked, total, accent);
  g_assert_cmpuint (inked, >, total / 50);
  g_assert_cmpuint (accent, >, (guint) width * 5);

  {
    const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
    raw = run (argv);
    text = fold_space (raw);
  }
  assert_contains (text, "MQL definition: Workshop model");
  assert_contains (text, "MQL threshold 30 points");
  assert_contains (text, "VP seniority");
  assert_contains (text, "Seniority is VP");
  assert_contains (text, "Demo request");
  assert_contains (text, "Student title");
  assert_contains (text, "Maria Keller");
  assert_contains (text, "Sam Ortiz");
  assert_contains (text, "VP Sales");
  assert_contains (text, "2026-02-28");                 /* review: signed 2025-11-30 + 3 months */
  assert_contains (text, "75.0 % (3 of 4)");            /* SQL at the threshold, hand-worked */
  /* No created date and no stated period: no monthly figure, no capacity check. */
  assert_contains (text, "— MQLs a month");
  assert_contains (text, "the period is unknown");
  assert_contains (text, "Event badge scans are never MQLs.");
  assert_contains (text, "HubSpot");
  assert_contains (text, "Marketo");
  assert_contains (text, "Pardot");
  assert_contains (text, "Mautic");
  assert_contains (text, "“VP seniority” — Seniority is VP → +30 points");
  assert_contains (text, "trigger “MQL” at 30 points");
  assert_contains (text, "Page 1 of");
  /* The digest may be broken over two lines in the fact box; its start is on page 2's header too. */
  {
    g_autofree char *start = g_strndup (signoff->digest, 16);
    assert_contains (text, start);
  }

  g_unlink (png);
  g_unlink (pdf);
  g_rmdir (dir);
}

static void
test_markdown (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwModel) model = build_model ();
  g_autoptr(MqlwReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mqlw-report-XXXXXX", NULL);
  g_autofree char *md = g_build_filename (dir, "definition.md", NULL);
  g_autofree char *chart = g_build_filename (dir, "definition-chart.png", NULL);
  g_autofree char *bad = g_build_filename (dir, "definition.docx", NULL);
  g_autofree char *text = NULL;

  /* Unsigned: a draft. */
  report = mqlw_report_new (dataset, model, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (mqlw_report_write (report, md, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (md, &text, NULL, NULL));
  assert_contains (text, "# MQL definition: Workshop model");
  assert_contains (text, "Draft — not signed off yet");
  assert_contains (text, "| **MQL threshold** | 30 points |");
  assert_contains (text, "| VP seniority | Seniority is VP | +30 |");
  assert_contains (text, "| Demo request | demo_requests | +25 | +50 | no |");
  assert_contains (text, "| Student title | Student | Job title is Student |");
  assert_contains (text, "![Conversion by score, threshold marked](definition-chart.png)");
  assert_contains (text, "| **30 (agreed)** |");
  /* Every SQL outcome known, values filled, rule values present: nothing to tell. */
  assert_contains (text, "### Data health\n\nNo problems found.\n");
  g_assert_true (g_file_test (chart, G_FILE_TEST_IS_REGULAR));

  g_assert_false (mqlw_report_write (report, bad, &error));
  g_assert_error (error, MQLW_REPORT_ERROR, MQLW_REPORT_ERROR_FORMAT);
  g_clear_error (&error);
  /* Default verdicts: SQL, but 30 known outcomes are needed for one. */
  assert_contains (text, "Verdicts follow the SQL rate.");
  assert_contains (text, "| Too few leads |");

  /* As mqlw report --months 2 --buckets edges:0,30 --min-known 1:
   * [0,30) leads 3 (25) and 4 (0): SQL 0 of 2 → Too early;
   * [30,∞) leads 1, 2, 5, 6: SQL 3 of 4 = 75 % → Hot.
   * 4 MQLs over 2 stated months = 2.0 a month, within a capacity of 10. */
  {
    g_autoptr(MqlwReport) stated = NULL;
    g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse ("edges:0,30", NULL);
    g_autofree char *md_text = NULL;
    MqlwReportOptions options;

    mqlw_report_options_init (&options);
    options.months = 2;
    options.buckets = spec;
    options.cuts.min_known = 1;
    stated = mqlw_report_new_full (dataset, model, NULL, 0, &options, &error);
    g_assert_no_error (error);
    md_text = mqlw_report_to_markdown (stated, NULL);
    assert_contains (md_text, "| 0–29 | 2 | 33.3 % | — | 0.0 % | — | — | Too early |");
    assert_contains (md_text, "| **30+** | **4** | **66.7 %** | **—** | **75.0 %** | **—** | **—** | **Hot** |");
    assert_contains (md_text, "Expected volume: 2.0 MQLs a month.");
    assert_contains (md_text, "| **Period** | 2 months, as stated |");
  }

  g_unlink (md);
  g_unlink (chart);
  g_rmdir (dir);
}

/* The data health section tells the import's warnings (kept in the project),
 * the data's own findings and the rules' warnings, in that order. */
static void
test_health_section (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwModel) model = build_model ();
  g_autoptr(MqlwReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  MqlwDisqualifier *student = g_ptr_array_index (model->disqualifiers, 0);

  g_ptr_array_add (dataset->problems, mqlw_problem_new (MQLW_PROBLEM_WARNING, 0, "job_title",
                                                        "column job_title: 'Select' (2 rows) read as missing"));
  /* leads 1 and 2: SQL unknown instead of yes — 4 of 6 known */
  dataset->outcomes.stage[MQLW_STAGE_SQL][0] = MQLW_OUTCOME_UNKNOWN;
  dataset->outcomes.stage[MQLW_STAGE_SQL][1] = MQLW_OUTCOME_UNKNOWN;
  g_strfreev (student->match.values);
  student->match.values = g_strsplit ("Studnet", ",", -1);
  report = mqlw_report_new (dataset, model, NULL, 0, &error);
  g_assert_no_error (error);
  text = mqlw_report_to_markdown (report, NULL);
  assert_contains (text, "### Data health\n\n"
                         "- column job_title: 'Select' (2 rows) read as missing\n"
                         "- SQL outcome known for 4 of 6 leads (67 %); the rest are unknown, not failures\n"
                         /* Student is one letter swap (two edits) away */
                         "- Student title: no lead has job_title “Studnet”; the closest values are “Student” (1 lead)\n");
}

/* Each approver's key fingerprint and signing date, or that one is missing.
 * The key is made here (ssh-keygen, temporary folder); its fingerprint is
 * the one `ssh-keygen -l` prints for it. */
static void
test_key_signatures (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwModel) model = build_model ();
  g_autoptr(MqlwSignoff) signoff = sign (dataset, model);
  g_autoptr(MqlwReport) report = NULL;
  g_autoptr(MqlwSigningKey) key = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2025, 11, 30, 14, 5, 9);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mqlw-report-XXXXXX", NULL);
  g_autofree char *key_path = g_build_filename (dir, "maria", NULL);
  g_autofree char *pub_path = g_strconcat (key_path, ".pub", NULL);
  g_autofree char *md = g_build_filename (dir, "definition.md", NULL);
  g_autofree char *chart = g_build_filename (dir, "definition-chart.png", NULL);
  g_autofree char *text = NULL, *listed = NULL, *expected = NULL;
  g_auto(GStrv) fields = NULL;

  {
    const char *argv[] = { "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "maria", "-f", key_path, NULL };
    g_free (run (argv));
  }
  {
    const char *argv[] = { "ssh-keygen", "-l", "-E", "sha256", "-f", pub_path, NULL };
    listed = run (argv);
    fields = g_strsplit (listed, " ", -1);      /* "256 SHA256:… maria (ED25519)" */
  }
  key = mqlw_signing_key_load (key_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (mqlw_signoff_add_signature (signoff, key, "Maria Keller", MQLW_TEAM_MARKETING, NULL, when, NULL,
                                                &error));
  g_assert_no_error (error);

  report = mqlw_report_new (dataset, model, signoff, 2, &error);
  g_assert_no_error (error);
  g_assert_true (mqlw_report_write (report, md, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (md, &text, NULL, NULL));
  expected = g_strdup_printf ("| Maria Keller | VP Marketing | Marketing | Ed25519 key %s signed 2025-11-30 14:05 UTC |",
                              fields[1]);
  assert_contains (text, expected);
  assert_contains (text, "| Sam Ortiz | VP Sales | Sales | Not signed with a key yet |");
  assert_contains (text, "| **Key signatures** | Marketing signed; the sales signature is missing |");

  g_unlink (md);
  g_unlink (chart);
  g_unlink (key_path);
  g_unlink (pub_path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mqlw/report/pdf", test_pdf);
  g_test_add_func ("/mqlw/report/markdown", test_markdown);
  g_test_add_func ("/mqlw/report/health", test_health_section);
  g_test_add_func ("/mqlw/report/key-signatures", test_key_signatures);
  return g_test_run ();
}

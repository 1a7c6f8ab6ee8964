/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-scoring"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mqlw-scoring.h"
#include "mqlw-calibration-json.h"
#include "mqlw-scorer-private.h"

/* Six leads scored by their platform score (the model's score column), the
 * SQL outcome of each known:
 *
 *   lead  score  SQL
 *   0     10     no
 *   1     20     no
 *   2     40     yes
 *   3     60     no
 *   4     70     yes
 *   5     80     yes
 *
 * At threshold 50: MQLs are leads 3, 4, 5 → 3 MQLs, 2 of them SQL (2/3);
 * MQL share 3/6 = 0.5. Stated 6 months: 3 / 6 = 0.5 MQLs a month.
 * After the what-if edit (threshold 50, the score column dropped for a fit
 * rule worth 30 on every lead) every lead scores 30: no MQL. */
static const double platform[] = { 10, 20, 40, 60, 70, 80 };
static const gint8 sql[] = { MQLW_OUTCOME_NO, MQLW_OUTCOME_NO, MQLW_OUTCOME_YES,
                             MQLW_OUTCOME_NO, MQLW_OUTCOME_YES, MQLW_OUTCOME_YES };

static MqlwDataset *
build_dataset (void)
{
  MqlwDataset *dataset = mqlw_dataset_new (G_N_ELEMENTS (platform));
  MqlwColumn *score = mqlw_dataset_add_column (dataset, "platform_score", MQLW_COLUMN_TYPE_DECIMAL, MQLW_ROLE_SCORE);
  gint8 *stage = mqlw_dataset_ensure_stage (dataset, MQLW_STAGE_SQL);

  for (guint i = 0; i < G_N_ELEMENTS (platform); i++)
    {
      score->num[i] = platform[i];
      stage[i] = sql[i];
    }
  return dataset;
}

static MqlwModel *
build_model (void)
{
  MqlwModel *model = mqlw_model_new ();

  model->score_column = g_strdup ("platform_score");
  model->threshold = 50;
  model->paths.grade_behaviour = FALSE;
  model->paths.hand_raiser = FALSE;
  return model;
}

static void
assert_preview_at_50 (const MqlwPreview *preview)
{
  g_assert_cmpuint (preview->leads, ==, 6);
  g_assert_cmpuint (preview->mql, ==, 3);
  g_assert_cmpfloat_with_epsilon (preview->mql_share, 0.5, 1e-12);
  g_assert_cmpuint (preview->stage[MQLW_STAGE_SQL].known, ==, 3);
  g_assert_cmpuint (preview->stage[MQLW_STAGE_SQL].reached, ==, 2);
}

static void
test_chain (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwModel) model = build_model ();
  g_autoptr(MqlwScoring) scoring = NULL;
  g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse ("edges:0,50", NULL);
  g_autoptr(MqlwBucketTable) table = NULL;
  g_autoptr(GError) error = NULL;
  MqlwPreview preview;

  scoring = mqlw_scoring_new (dataset, model, MQLW_SCORING_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (mqlw_scoring_is_aggregate (scoring));
  g_assert_true (mqlw_scoring_get_dataset (scoring) == dataset);
  g_assert_true (mqlw_scoring_get_model (scoring) == model);
  g_assert_cmpfloat (mqlw_scoring_get_scores (scoring)->total[3], ==, 60);

  mqlw_scoring_preview (scoring, &preview);
  assert_preview_at_50 (&preview);
  /* No created dates: the period is unknown until stated. */
  g_assert_true (isnan (preview.mql_per_month));
  mqlw_scoring_set_months (scoring, 6);
  mqlw_scoring_preview (scoring, &preview);
  g_assert_cmpfloat_with_epsilon (preview.mql_per_month, 0.5, 1e-12);
  g_assert_cmpint (preview.months_source, ==, MQLW_MONTHS_STATED);

  /* [0, 50): leads 0–2, one SQL of three; [50, ∞): leads 3–5, two of three. */
  table = mqlw_scoring_buckets (scoring, spec, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->n_buckets, ==, 2);
  g_assert_cmpuint (table->buckets[0].leads, ==, 3);
  g_assert_cmpuint (table->buckets[0].stage[MQLW_STAGE_SQL].reached, ==, 1);
  g_assert_cmpuint (table->buckets[1].leads, ==, 3);
  g_assert_cmpuint (table->buckets[1].stage[MQLW_STAGE_SQL].reached, ==, 2);

  /* "auto" when no spec is given. */
  g_clear_pointer (&table, mqlw_bucket_table_free);
  table = mqlw_scoring_buckets (scoring, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->scored_leads, ==, 6);
}

static MqlwModel *
edited_model (MqlwModel *model)
{
  MqlwModel *edited = mqlw_model_copy (model);

  g_clear_pointer (&edited->score_column, g_free);
  mqlw_model_add_fit (edited, "everyone", "platform_score", MQLW_MATCH_RANGE, 30);
  {
    MqlwFitRule *rule = g_ptr_array_index (edited->fit, edited->fit->len - 1);

    rule->match.min = 0;
    rule->match.max = 100;
  }
  return edited;
}

static void
test_what_if (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwModel) model = build_model ();
  g_autoptr(MqlwModel) edited = edited_model (model);
  g_autoptr(MqlwScoring) scoring = NULL;
  g_autoptr(GError) error = NULL;
  MqlwCalibration *shown, *next;
  MqlwPreview preview;

  scoring = mqlw_scoring_new (dataset, model, MQLW_SCORING_WHAT_IF, NULL, &error);
  g_assert_no_error (error);
  mqlw_scoring_set_months (scoring, 6);
  shown = mqlw_scoring_get_calibration (scoring);

  /* The rescored calibration is not shown until installed. */
  next = mqlw_scoring_rescore (scoring, edited, &error);
  g_assert_no_error (error);
  g_assert_true (mqlw_scoring_get_calibration (scoring) == shown);
  mqlw_calibration_preview (shown, 50, NAN, &preview);
  assert_preview_at_50 (&preview);
  /* Every lead at 30: no MQL at 50; the stated period carried over. */
  mqlw_calibration_preview (next, 50, NAN, &preview);
  g_assert_cmpuint (preview.mql, ==, 0);
  g_assert_cmpint (preview.months_source, ==, MQLW_MONTHS_STATED);
  mqlw_scoring_set_calibration (scoring, next);
  g_assert_true (mqlw_scoring_get_calibration (scoring) == next);
  g_assert_true (mqlw_scoring_get_model (scoring) == edited);
  g_assert_cmpfloat (mqlw_scoring_get_scores (scoring)->total[0], ==, 30);

  /* And back, in one step. */
  g_assert_true (mqlw_scoring_update (scoring, model, &error));
  g_assert_no_error (error);
  mqlw_scoring_preview (scoring, &preview);
  assert_preview_at_50 (&preview);
}

static void
test_bad_model (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwModel) model = build_model ();
  g_autoptr(MqlwScoring) scoring = NULL;
  g_autoptr(GError) error = NULL;

  mqlw_model_add_fit (model, "ghost", "no_such_column", MQLW_MATCH_MISSING, 10);
  g_clear_pointer (&model->score_column, g_free);
  scoring = mqlw_scoring_new (dataset, model, MQLW_SCORING_NONE, NULL, &error);
  g_assert_null (scoring);
  g_assert_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_NO_COLUMN);
}

/* A block of leads that fails while the calibration scores it (as when its
 * memory is refused) fails the totals-only scoring with its error, on either
 * thread; without the failure the same scoring gives the whole scorer's
 * preview. 200,000 leads: the platform score i mod 100, SQL on every third. */
static void
test_totals_block_fails (void)
{
  enum { N = 200000 };
  g_autoptr(MqlwDataset) dataset = mqlw_dataset_new (N);
  MqlwColumn *score = mqlw_dataset_add_column (dataset, "platform_score", MQLW_COLUMN_TYPE_DECIMAL, MQLW_ROLE_SCORE);
  gint8 *stage = mqlw_dataset_ensure_stage (dataset, MQLW_STAGE_SQL);
  g_autoptr(MqlwModel) model = build_model ();
  static const guint fail_at[] = { 70000, 140000, 199999 };
  MqlwPreview whole_preview, blocks_preview;
  guint mql = 0, mql_sql = 0;

  for (guint i = 0; i < N; i++)
    {
      score->num[i] = i % 100;
      stage[i] = i % 3 == 0 ? MQLW_OUTCOME_YES : MQLW_OUTCOME_NO;
      mql += i % 100 >= 50;
      mql_sql += i % 100 >= 50 && i % 3 == 0;
    }
  for (guint k = 0; k < G_N_ELEMENTS (fail_at); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MqlwScoring) scoring = NULL;

      mqlw_scorer_set_block_failure_for_testing (fail_at[k]);
      scoring = mqlw_scoring_new (dataset, model, MQLW_SCORING_TOTALS_ONLY, NULL, &error);
      mqlw_scorer_set_block_failure_for_testing (G_MAXUINT);
      g_assert_null (scoring);
      g_assert_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_TOO_LARGE);
      g_assert_nonnull (strstr (error->message, "forced by a test"));
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MqlwScoring) whole = mqlw_scoring_new (dataset, model, MQLW_SCORING_NONE, NULL, &error);
    g_autoptr(MqlwScoring) blocks = NULL;

    g_assert_no_error (error);
    blocks = mqlw_scoring_new (dataset, model, MQLW_SCORING_TOTALS_ONLY, NULL, &error);
    g_assert_no_error (error);
    mqlw_scoring_preview (whole, &whole_preview);
    mqlw_scoring_preview (blocks, &blocks_preview);
    /* Counted by hand above: scores 50–99 are MQLs at threshold 50. */
    g_assert_cmpuint (blocks_preview.leads, ==, N);
    g_assert_cmpuint (blocks_preview.mql, ==, mql);
    g_assert_cmpuint (blocks_preview.stage[MQLW_STAGE_SQL].reached, ==, mql_sql);
    g_assert_cmpmem (&whole_preview, sizeof whole_preview, &blocks_preview, sizeof blocks_preview);
  }
}

static void
on_new_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static MqlwScoring *
new_and_wait (MqlwDataset   *dataset,
              MqlwModel     *model,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mqlw_scoring_new_async (dataset, model, MQLW_SCORING_NONE, cancellable, on_new_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return mqlw_scoring_new_finish (result, error);
}

static void
test_async (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwModel) model = build_model ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MqlwScoring) scoring = NULL;
  g_autoptr(GError) error = NULL;
  MqlwPreview preview;

  scoring = new_and_wait (dataset, model, NULL, &error);
  g_assert_no_error (error);
  mqlw_scoring_preview (scoring, &preview);
  assert_preview_at_50 (&preview);
  g_clear_pointer (&scoring, mqlw_scoring_unref);

  /* Cancelled: G_IO_ERROR_CANCELLED and nothing else. */
  g_cancellable_cancel (cancellable);
  scoring = new_and_wait (dataset, model, cancellable, &error);
  g_assert_null (scoring);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ---- the calibration's JSON -------------------------------------------- */

static char *
canonical_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) copy = json_node_copy (node);

  json_generator_set_root (generator, copy);
  return json_generator_to_data (generator, NULL);
}

/* Whole numbers as integers, so that 50 and 50.0 compare equal. */
static void
normalize_numbers (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_values (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        normalize_numbers (l->data);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        normalize_numbers (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      if (value == floor (value))
        json_node_set_int (node, (gint64) value);
    }
}

static void
test_json_forms (void)
{
  g_autoptr(MqlwDataset) dataset = build_dataset ();
  g_autoptr(MqlwModel) model = build_model ();
  g_autoptr(MqlwScoring) scoring = mqlw_scoring_new (dataset, model, MQLW_SCORING_NONE, NULL, NULL);
  g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse ("edges:0,50", NULL);
  g_autoptr(MqlwBucketTable) table = mqlw_scoring_buckets (scoring, spec, NULL, NULL);
  g_autoptr(JsonNode) plain = mqlw_json_buckets (table);
  g_autoptr(JsonNode) signed_form = mqlw_json_signed_buckets (table);
  g_autoptr(JsonNode) plain_preview = NULL;
  g_autoptr(JsonNode) signed_preview = NULL;
  g_autofree char *plain_text = canonical_text (plain);
  g_autofree char *signed_text = canonical_text (signed_form);
  g_autoptr(GList) names = NULL;
  JsonObject *p, *s;
  MqlwPreview preview;

  /* The two forms differ only in how a whole score is written: lo 50 in the
   * plain form, 50.0 in the signed one (the bytes signed exports hold). */
  g_assert_nonnull (strstr (plain_text, "\"lo\":50,"));
  g_assert_nonnull (strstr (signed_text, "\"lo\":50.0,"));
  /* The SQL rate of [50, ∞): 2 of 3 known, rounded to 6 decimals. */
  g_assert_nonnull (strstr (plain_text, "\"sql\":{\"known\":3,\"reached\":2,\"rate\":0.66666"));
  normalize_numbers (plain);
  normalize_numbers (signed_form);
  g_assert_true (json_node_equal (plain, signed_form));

  /* Every member of the signed preview is in the plain one, with the same value. */
  mqlw_scoring_set_months (scoring, 6);
  mqlw_scoring_preview (scoring, &preview);
  plain_preview = mqlw_json_preview (&preview);
  signed_preview = mqlw_json_signed_preview (&preview);
  normalize_numbers (plain_preview);
  normalize_numbers (signed_preview);
  p = json_node_get_object (plain_preview);
  s = json_node_get_object (signed_preview);
  names = json_object_get_members (s);
  g_assert_cmpuint (g_list_length (names), ==, 19);
  for (GList *l = names; l != NULL; l = l->next)
    {
      g_assert_true (json_object_has_member (p, l->data));
      g_assert_true (json_node_equal (json_object_get_member (p, l->data), json_object_get_member (s, l->data)));
    }
  g_assert_cmpint (json_object_get_int_member (s, "mql"), ==, 3);
  g_assert_cmpfloat (json_object_get_double_member (s, "mql_per_month"), ==, 0.5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scoring/chain", test_chain);
  g_test_add_func ("/scoring/what-if", test_what_if);
  g_test_add_func ("/scoring/bad-model", test_bad_model);
  g_test_add_func ("/scoring/totals-block-fails", test_totals_block_fails);
  g_test_add_func ("/scoring/async", test_async);
  g_test_add_func ("/scoring/json-forms", test_json_forms);
  return g_test_run ();
}

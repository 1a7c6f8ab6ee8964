/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-calibration-json"

#include "config.h"

#include <math.h>

#include "mqlw-calibration-json.h"
#include "mqlw-export.h"

typedef enum {
  FORM_PLAIN,
  FORM_SIGNED,
} Form;

static const char * const path_names[MQLW_N_PATHS] = { "score", "grade_behaviour", "hand_raiser" };

static void
add_double_or_null (JsonBuilder *builder,
                    const char  *member,
                    double       value,
                    int          decimals)
{
  json_builder_set_member_name (builder, member);
  if (!isfinite (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, mqlw_export_round (value, decimals));
}

static void
add_count (JsonBuilder *builder,
           const char  *member,
           guint64      value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, (gint64) value);
}

/* Scores are rounded to 2 decimals by the scorer. */
static void
add_score_as (JsonBuilder *builder,
              const char  *member,
              double       value,
              Form         form)
{
  if (form == FORM_SIGNED)
    {
      add_double_or_null (builder, member, value, 2);
      return;
    }
  json_builder_set_member_name (builder, member);
  if (!isfinite (value))
    json_builder_add_null_value (builder);
  else if (value == floor (value) && fabs (value) < 1e15)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, mqlw_export_round (value, 2));
}

void
mqlw_json_add_score (JsonBuilder *builder,
                     const char  *member,
                     double       value)
{
  add_score_as (builder, member, value, FORM_PLAIN);
}

void
mqlw_json_add_rate (JsonBuilder    *builder,
                    const char     *member,
                    const MqlwRate *rate)
{
  json_builder_set_member_name (builder, member);
  if (!rate->present)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  add_count (builder, "known", rate->known);
  add_count (builder, "reached", rate->reached);
  add_double_or_null (builder, "rate", rate->rate, 6);
  add_double_or_null (builder, "ci_low", rate->ci_low, 6);
  add_double_or_null (builder, "ci_high", rate->ci_high, 6);
  json_builder_end_object (builder);
}

static void
add_stage_rates (JsonBuilder    *builder,
                 const MqlwRate *rates)
{
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    mqlw_json_add_rate (builder, mqlw_stage_to_string (s), &rates[s]);
}

static JsonNode *
buckets_node (const MqlwBucketTable *table,
              Form                   form)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < table->n_buckets; i++)
    {
      const MqlwBucket *bucket = &table->buckets[i];

      json_builder_begin_object (builder);
      add_score_as (builder, "lo", bucket->lo, form);
      add_score_as (builder, "hi", bucket->hi, form);
      add_count (builder, "leads", bucket->leads);
      add_double_or_null (builder, "share", bucket->share, 6);
      add_stage_rates (builder, bucket->stage);
      json_builder_set_member_name (builder, "verdict");
      json_builder_add_string_value (builder, mqlw_verdict_to_string (bucket->verdict));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

JsonNode *
mqlw_json_buckets (const MqlwBucketTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return buckets_node (table, FORM_PLAIN);
}

JsonNode *
mqlw_json_signed_buckets (const MqlwBucketTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return buckets_node (table, FORM_SIGNED);
}

JsonNode *
mqlw_json_unscored (const MqlwUnscored *unscored)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_count (builder, "leads", unscored->leads);
  add_stage_rates (builder, unscored->stage);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
mqlw_json_add_table_facts (JsonBuilder           *builder,
                           const MqlwBucketTable *table)
{
  g_autofree char *note = mqlw_verdict_explain (table->verdict_stage, table->verdict_why, table->cuts.stage);

  json_builder_set_member_name (builder, "verdict_stage");
  if (table->verdict_stage < MQLW_N_STAGES)
    json_builder_add_string_value (builder, mqlw_stage_to_string (table->verdict_stage));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "verdict_reason");
  json_builder_add_string_value (builder, mqlw_verdict_why_to_string (table->verdict_why));
  json_builder_set_member_name (builder, "verdict_note");
  json_builder_add_string_value (builder, note);
  add_count (builder, "min_known", table->cuts.min_known);
  json_builder_set_member_name (builder, "shares_include_unscored");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "unscored");
  json_builder_add_value (builder, mqlw_json_unscored (&table->unscored));
}

static void
add_by_path (JsonBuilder       *builder,
             const MqlwPreview *preview)
{
  json_builder_set_member_name (builder, "by_path");
  json_builder_begin_object (builder);
  for (guint p = 0; p < MQLW_N_PATHS; p++)
    add_count (builder, path_names[p], preview->by_path[p]);
  json_builder_end_object (builder);
}

/* No capacity verdict without a capacity or a period. */
static void
add_over_capacity (JsonBuilder       *builder,
                   const MqlwPreview *preview)
{
  json_builder_set_member_name (builder, "over_capacity");
  if (isnan (preview->capacity_per_month) || isnan (preview->mql_per_month))
    json_builder_add_null_value (builder);
  else
    json_builder_add_boolean_value (builder, preview->over_capacity);
}

JsonNode *
mqlw_json_preview (const MqlwPreview *preview)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (preview != NULL, NULL);

  json_builder_begin_object (builder);
  add_score_as (builder, "threshold", preview->threshold, FORM_PLAIN);
  add_count (builder, "mql", preview->mql);
  add_stage_rates (builder, preview->stage);
  add_count (builder, "wins_captured", preview->wins_captured);
  add_count (builder, "wins_missed", preview->wins_missed);
  add_count (builder, "wins_total", preview->wins_total);
  json_builder_set_member_name (builder, "wins_total_includes_unscored");
  json_builder_add_boolean_value (builder, FALSE);
  add_double_or_null (builder, "wins_captured_share", preview->wins_captured_share, 6);
  add_count (builder, "leads", preview->leads);
  add_count (builder, "disqualified", preview->disqualified);
  add_double_or_null (builder, "mql_share", preview->mql_share, 6);
  json_builder_set_member_name (builder, "shares_include_unscored");
  json_builder_add_boolean_value (builder, FALSE);
  add_double_or_null (builder, "months", preview->months, 2);
  json_builder_set_member_name (builder, "months_from");
  if (preview->months_source == MQLW_MONTHS_UNKNOWN)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, mqlw_months_source_to_string (preview->months_source));
  add_double_or_null (builder, "mql_per_month", preview->mql_per_month, 2);
  add_double_or_null (builder, "acceptance_coverage", preview->acceptance_coverage, 6);
  add_by_path (builder, preview);
  add_double_or_null (builder, "capacity_per_month", preview->capacity_per_month, 2);
  add_over_capacity (builder, preview);
  json_builder_set_member_name (builder, "unscored");
  json_builder_add_value (builder, mqlw_json_unscored (&preview->unscored));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Format 1's members in format 1's order: signed exports hold these bytes. */
JsonNode *
mqlw_json_signed_preview (const MqlwPreview *preview)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (preview != NULL, NULL);

  json_builder_begin_object (builder);
  add_score_as (builder, "threshold", preview->threshold, FORM_SIGNED);
  add_count (builder, "leads", preview->leads);
  add_count (builder, "disqualified", preview->disqualified);
  add_count (builder, "mql", preview->mql);
  add_double_or_null (builder, "mql_share", preview->mql_share, 6);
  add_double_or_null (builder, "months", preview->months, 2);
  add_double_or_null (builder, "mql_per_month", preview->mql_per_month, 2);
  add_by_path (builder, preview);
  add_stage_rates (builder, preview->stage);
  add_double_or_null (builder, "acceptance_coverage", preview->acceptance_coverage, 6);
  add_count (builder, "wins_total", preview->wins_total);
  add_count (builder, "wins_captured", preview->wins_captured);
  add_count (builder, "wins_missed", preview->wins_missed);
  add_double_or_null (builder, "wins_captured_share", preview->wins_captured_share, 6);
  add_double_or_null (builder, "capacity_per_month", preview->capacity_per_month, 2);
  add_over_capacity (builder, preview);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-lead-scores"

#include "config.h"

#include <math.h>

#include "mqlw-export.h"
#include "mqlw-lead-scores.h"

static MqlwColumn *
find_id_column (MqlwDataset *dataset)
{
  MqlwColumn *column = mqlw_dataset_find_role (dataset, MQLW_ROLE_LEAD_ID);

  if (column == NULL)
    column = mqlw_dataset_find_role (dataset, MQLW_ROLE_EMAIL);
  return column;
}

static void
get_row (MqlwScorer       *scorer,
         const MqlwColumn *id_column,
         guint             row,
         MqlwLeadScore    *out)
{
  const MqlwScores *scores = mqlw_scorer_get_scores (scorer);
  MqlwModel *model = mqlw_scorer_get_model (scorer);
  guint16 disq = scores->disqualified[row];

  out->lead_id = NULL;
  if (id_column != NULL && id_column->type == MQLW_COLUMN_TYPE_CATEGORICAL)
    out->lead_id = mqlw_column_string (id_column, row);
  else if (id_column != NULL && !mqlw_column_is_missing (id_column, row))
    {
      g_autofree char *text = mqlw_column_format (id_column, row);

      g_strlcpy (out->id_buf, text, sizeof out->id_buf);
      out->lead_id = out->id_buf;
    }
  out->score = scores->total[row];
  out->grade = scores->grade[row];
  out->mql = mqlw_scores_is_mql (scores, row, model->paths.score, model->threshold);
  out->paths = 0;
  if (out->mql)
    out->paths = scores->fixed_paths[row] |
                 (model->paths.score && scores->total[row] >= model->threshold ? MQLW_PATH_SCORE : 0);
  out->disqualified = NULL;
  if (disq != 0 && disq <= model->disqualifiers->len)
    out->disqualified = ((const MqlwDisqualifier *) g_ptr_array_index (model->disqualifiers, disq - 1))->id;
}

void
mqlw_lead_score_get (MqlwScorer    *scorer,
                     guint          row,
                     MqlwLeadScore *out)
{
  g_return_if_fail (scorer != NULL);
  g_return_if_fail (out != NULL);
  g_return_if_fail (row < mqlw_scorer_get_scores (scorer)->n);
  g_return_if_fail (mqlw_dataset_is_loaded (mqlw_scorer_get_dataset (scorer)));

  get_row (scorer, find_id_column (mqlw_scorer_get_dataset (scorer)), row, out);
}

char *
mqlw_path_flags_to_string (guint paths)
{
  static const struct { guint flag; const char *name; } names[] = {
    { MQLW_PATH_SCORE, "score" },
    { MQLW_PATH_GRADE_BEHAVIOUR, "grade_behaviour" },
    { MQLW_PATH_HAND_RAISER, "hand_raiser" },
  };
  GString *out;

  if (paths == 0)
    return NULL;
  out = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (paths & names[i].flag)
      g_string_append_printf (out, "%s%s", out->len > 0 ? "+" : "", names[i].name);
  return g_string_free (out, FALSE);
}

/* Two decimals from the whole number of hundredths, so no binary rounding shows. */
static char *
format_score (double score)
{
  gint64 key;

  if (isnan (score))
    return NULL;
  key = (gint64) llround (score * 100.0);
  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02d", key < 0 ? "-" : "", ABS (key) / 100,
                          (int) (ABS (key) % 100));
}

char *
mqlw_lead_scores_to_csv (MqlwScorer *scorer,
                         GError    **error)
{
  static const char * const header[] = { "lead_id", "score", "grade", "mql", "path", "disqualified" };
  MqlwColumn *id_column;
  GString *out;
  guint n;

  g_return_val_if_fail (scorer != NULL, NULL);

  if (!mqlw_dataset_load_columns (mqlw_scorer_get_dataset (scorer), error))
    return NULL;
  id_column = find_id_column (mqlw_scorer_get_dataset (scorer));
  n = mqlw_scorer_get_scores (scorer)->n;
  out = g_string_new (NULL);
  mqlw_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < n; i++)
    {
      MqlwLeadScore lead;
      g_autofree char *number = NULL, *score = NULL, *path = NULL;
      const char *fields[6];

      get_row (scorer, id_column, i, &lead);
      if (lead.lead_id == NULL)
        number = g_strdup_printf ("%u", i + 1);
      score = format_score (lead.score);
      path = mqlw_path_flags_to_string (lead.paths);
      fields[0] = lead.lead_id != NULL ? lead.lead_id : number;
      fields[1] = score;
      fields[2] = mqlw_grade_to_string (lead.grade);
      fields[3] = lead.mql ? "1" : "0";
      fields[4] = path;
      fields[5] = lead.disqualified;
      mqlw_csv_append_row (out, fields, G_N_ELEMENTS (fields));
    }
  return g_string_free (out, FALSE);
}

JsonNode *
mqlw_lead_scores_to_json (MqlwScorer *scorer,
                          GError    **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  MqlwColumn *id_column;
  guint n;

  g_return_val_if_fail (scorer != NULL, NULL);

  if (!mqlw_dataset_load_columns (mqlw_scorer_get_dataset (scorer), error))
    return NULL;

  id_column = find_id_column (mqlw_scorer_get_dataset (scorer));
  n = mqlw_scorer_get_scores (scorer)->n;
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      MqlwLeadScore lead;
      g_autofree char *path = NULL;

      get_row (scorer, id_column, i, &lead);
      path = mqlw_path_flags_to_string (lead.paths);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "lead_id");
      if (lead.lead_id != NULL)
        json_builder_add_string_value (builder, lead.lead_id);
      else
        {
          g_autofree char *number = g_strdup_printf ("%u", i + 1);
          json_builder_add_string_value (builder, number);
        }
      json_builder_set_member_name (builder, "score");
      if (isnan (lead.score))
        json_builder_add_null_value (builder);
      else
        json_builder_add_double_value (builder, lead.score);
      json_builder_set_member_name (builder, "grade");
      json_builder_add_string_value (builder, mqlw_grade_to_string (lead.grade));
      json_builder_set_member_name (builder, "mql");
      json_builder_add_int_value (builder, lead.mql ? 1 : 0);
      json_builder_set_member_name (builder, "path");
      if (path != NULL)
        json_builder_add_string_value (builder, path);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "disqualified");
      if (lead.disqualified != NULL)
        json_builder_add_string_value (builder, lead.disqualified);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

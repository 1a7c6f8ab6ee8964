/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-cli"

#include "config.h"

#include <math.h>

#include "mqlw-cli-analytics.h"

int
mqlw_analytics_load (MqlwInvocation *inv,
                     MqlwScored     *scored)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwModel) model = NULL;
  g_autoptr(MqlwDataset) dataset = NULL;

  g_return_val_if_fail (inv != NULL && scored != NULL, MQLW_EXIT_USAGE);

  model = mqlw_build_model (&inv->model, &error);
  if (model == NULL)
    return mqlw_report_error (error);
  dataset = mqlw_load_dataset (inv->rest[0], &inv->data, &error);
  if (dataset == NULL)
    return mqlw_report_error (error);
  if (!mqlw_scored_init (scored, dataset, model, &error) ||
      !mqlw_apply_months (scored, inv->model.months, &error))
    return mqlw_report_error (error);
  if (!inv->data.quiet)
    {
      g_autoptr(GPtrArray) notes = mqlw_calibration_notes (scored->calibration, scored->model);

      /* What the figures leave out (unscored leads, an unknown period). */
      mqlw_print_warnings (notes, scored->dataset->source_name);
      mqlw_print_rule_warnings (model, dataset);
    }
  return MQLW_EXIT_OK;
}

gboolean
mqlw_parse_stage (const char *text,
                  MqlwStage  *stage,
                  GError    **error)
{
  if (text == NULL || mqlw_stage_from_string (text, stage))
    return TRUE;
  g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
               _("--stage must be accepted, sql, opportunity or won, not “%s”"), text);
  return FALSE;
}

MqlwStage
mqlw_default_stage (const char         *text,
                    const MqlwOutcomes *outcomes,
                    MqlwStage           stage)
{
  if (text != NULL || outcomes->stage[stage] != NULL)
    return stage;
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    if (outcomes->stage[s] != NULL)
      return s;
  return stage;
}

void
mqlw_json_add_number (JsonBuilder *builder,
                      const char  *member,
                      double       value,
                      int          decimals)
{
  json_builder_set_member_name (builder, member);
  if (!isfinite (value))
    json_builder_add_null_value (builder);
  else if (decimals < 0)
    json_builder_add_double_value (builder, value);
  else
    {
      double scale = pow (10.0, decimals);
      json_builder_add_double_value (builder, round (value * scale) / scale);
    }
}

void
mqlw_json_add_count (JsonBuilder *builder,
                     const char  *member,
                     guint64      value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, (gint64) value);
}

void
mqlw_json_add_left_out (JsonBuilder    *builder,
                        const char     *member,
                        guint64         leads,
                        const MqlwRate *stages)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  mqlw_json_add_count (builder, "leads", leads);
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    mqlw_json_add_rate (builder, mqlw_stage_to_string (s), &stages[s]);
  json_builder_end_object (builder);
}

void
mqlw_print_cell (const char *text,
                 int         width,
                 gboolean    right)
{
  long chars = g_utf8_strlen (text, -1);
  int pad = width > chars ? width - (int) chars : 0;

  if (right)
    g_print ("%*s%s", pad, "", text);
  else
    g_print ("%s%*s", text, pad, "");
}

void
mqlw_print_left_out (guint64 unscored)
{
  g_autofree char *count = NULL;

  if (unscored == 0)
    return;
  count = g_strdup_printf ("%" G_GUINT64_FORMAT, unscored);
  g_print (g_dngettext (NULL, "Unscored: %s lead without a score, left out of every figure.\n",
                        "Unscored: %s leads without a score, left out of every figure.\n", (gulong) unscored), count);
}

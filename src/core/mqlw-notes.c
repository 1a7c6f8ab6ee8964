/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-notes"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mqlw-notes.h"

/* Why a lead has no score under @model: "column 'hs_score' is empty" or
 * "'company_size' and 'job_title' are all missing". */
static char *
describe_why (const MqlwModel *model)
{
  g_autoptr(GString) names = g_string_new (NULL);

  if (model->score_column != NULL)
    return g_strdup_printf (_("column '%s' is empty"), model->score_column);
  for (guint i = 0; model->unscored_when_missing != NULL && model->unscored_when_missing[i] != NULL; i++)
    g_string_append_printf (names, "%s'%s'", i > 0 ? ", " : "", model->unscored_when_missing[i]);
  return g_strdup_printf (_("%s missing"), names->str);
}

GPtrArray *
mqlw_calibration_notes (MqlwCalibration *calibration,
                        const MqlwModel *model)
{
  GPtrArray *notes = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_problem_free);
  MqlwUnscored unscored;
  MqlwMonthsSource source;
  MqlwPreview preview;

  g_return_val_if_fail (calibration != NULL, notes);
  g_return_val_if_fail (model != NULL, notes);

  mqlw_calibration_get_unscored (calibration, &unscored);
  mqlw_calibration_preview (calibration, 0, NAN, &preview);
  if (unscored.leads > 0)
    {
      g_autofree char *why = describe_why (model);
      g_autofree char *all = g_strdup_printf ("%" G_GUINT64_FORMAT, unscored.leads + preview.leads);
      g_autofree char *none = g_strdup_printf ("%" G_GUINT64_FORMAT, unscored.leads);

      if (preview.leads == 0)
        g_ptr_array_add (notes, mqlw_problem_new (MQLW_PROBLEM_WARNING, 0, model->score_column,
                                                  g_dngettext (GETTEXT_PACKAGE, "no lead has a score (%s for the %s "
                                                               "lead): there is nothing to calibrate; choose another "
                                                               "score column or a scoring model",
                                                               "no lead has a score (%s for all %s leads): there is "
                                                               "nothing to calibrate; choose another score column or "
                                                               "a scoring model", (gulong) unscored.leads),
                                                  why, all));
      else
        g_ptr_array_add (notes, mqlw_problem_new (MQLW_PROBLEM_WARNING, 0, model->score_column,
                                                  g_dngettext (GETTEXT_PACKAGE, "%s of %s leads has no score (%s): it is "
                                                               "left out of every figure and shown on its own as "
                                                               "“Unscored”, never as 0",
                                                               "%s of %s leads have no score (%s): they are left out "
                                                               "of every figure and shown on their own as “Unscored”, "
                                                               "never as 0", (gulong) unscored.leads),
                                                  none, all, why));
    }
  mqlw_calibration_get_months (calibration, &source);
  if (source == MQLW_MONTHS_UNKNOWN)
    g_ptr_array_add (notes, mqlw_problem_new (MQLW_PROBLEM_WARNING, 0, NULL,
                                              _("the data has no created date, so the period it covers is unknown: "
                                                "no MQLs per month and no capacity check until you state it "
                                                "(--months N, or “Months of history” in the window)")));
  return notes;
}

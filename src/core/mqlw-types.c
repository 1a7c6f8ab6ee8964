/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-types"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "mqlw-types.h"

MqlwProblem *
mqlw_problem_new (MqlwProblemLevel  level,
                  guint64           line,
                  const char       *column,
                  const char       *format,
                  ...)
{
  MqlwProblem *problem;
  va_list args;

  g_return_val_if_fail (format != NULL, NULL);

  problem = g_new0 (MqlwProblem, 1);
  problem->level = level;
  problem->line = line;
  problem->column = g_strdup (column);
  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  return problem;
}

void
mqlw_problem_free (MqlwProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->column);
  g_free (problem->message);
  g_free (problem->kind);
  g_free (problem);
}

void
mqlw_problem_set_kind (MqlwProblem *problem,
                       const char  *kind)
{
  g_return_if_fail (problem != NULL);

  g_free (problem->kind);
  problem->kind = g_strdup (kind);
}

static const char * const stage_names[MQLW_N_STAGES] = { "accepted", "sql", "opportunity", "won" };
/* English: callers translate with _() (the labels are in the catalogue). */
static const char * const stage_labels[MQLW_N_STAGES] = { N_("Acceptance"), N_("SQL"), N_("Opportunity"), N_("Win") };

const char *
mqlw_stage_to_string (MqlwStage stage)
{
  g_return_val_if_fail (stage < MQLW_N_STAGES, NULL);
  return stage_names[stage];
}

const char *
mqlw_stage_label (MqlwStage stage)
{
  g_return_val_if_fail (stage < MQLW_N_STAGES, NULL);
  return stage_labels[stage];
}

gboolean
mqlw_stage_from_string (const char *text,
                        MqlwStage  *stage)
{
  static const struct { const char *name; MqlwStage stage; } aliases[] = {
    { "accepted", MQLW_STAGE_ACCEPTED }, { "acceptance", MQLW_STAGE_ACCEPTED },
    { "sal", MQLW_STAGE_ACCEPTED }, { "sales_accepted", MQLW_STAGE_ACCEPTED },
    { "sql", MQLW_STAGE_SQL }, { "sales_qualified", MQLW_STAGE_SQL },
    { "opportunity", MQLW_STAGE_OPPORTUNITY }, { "opp", MQLW_STAGE_OPPORTUNITY },
    { "won", MQLW_STAGE_WON }, { "win", MQLW_STAGE_WON }, { "closed_won", MQLW_STAGE_WON },
  };

  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (text, aliases[i].name) == 0)
      {
        if (stage != NULL)
          *stage = aliases[i].stage;
        return TRUE;
      }
  return FALSE;
}

const char *
mqlw_grade_to_string (MqlwGrade grade)
{
  static const char * const names[MQLW_N_GRADES] = { "A", "B", "C", "D" };

  g_return_val_if_fail (grade < MQLW_N_GRADES, NULL);
  return names[grade];
}

gboolean
mqlw_grade_from_string (const char *text,
                        MqlwGrade  *grade)
{
  g_return_val_if_fail (text != NULL, FALSE);

  if (strlen (text) != 1)
    return FALSE;
  switch (g_ascii_toupper (text[0]))
    {
    case 'A': *grade = MQLW_GRADE_A; return TRUE;
    case 'B': *grade = MQLW_GRADE_B; return TRUE;
    case 'C': *grade = MQLW_GRADE_C; return TRUE;
    case 'D': *grade = MQLW_GRADE_D; return TRUE;
    default: return FALSE;
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-subset"

#include "config.h"

#include <string.h>

#include "mqlw-subset.h"

void
mqlw_subset_clear (MqlwSubset *s)
{
  g_clear_pointer (&s->scores.total, g_free);
  g_clear_pointer (&s->scores.fit, g_free);
  g_clear_pointer (&s->scores.behaviour, g_free);
  g_clear_pointer (&s->scores.grade, g_free);
  g_clear_pointer (&s->scores.fixed_paths, g_free);
  g_clear_pointer (&s->scores.disqualified, g_free);
  for (guint k = 0; k < MQLW_N_STAGES; k++)
    g_clear_pointer (&s->outcomes.stage[k], g_free);
  g_clear_pointer (&s->outcomes.amount, g_free);
  g_clear_pointer (&s->outcomes.created_days, g_free);
}

void
mqlw_subset_init (MqlwSubset         *s,
                  const MqlwScores   *scores,
                  const MqlwOutcomes *outcomes,
                  const guint        *group,
                  guint               which)
{
  guint n = 0, m = 0;

  g_return_if_fail (s != NULL && scores != NULL && outcomes != NULL && group != NULL);

  memset (s, 0, sizeof *s);
  for (guint row = 0; row < scores->n; row++)
    n += group[row] == which;
  s->scores.total = g_new (double, MAX (n, 1));
  s->scores.fit = g_new (float, MAX (n, 1));
  s->scores.behaviour = g_new (float, MAX (n, 1));
  s->scores.grade = g_new (guint8, MAX (n, 1));
  s->scores.fixed_paths = g_new (guint8, MAX (n, 1));
  s->scores.disqualified = g_new (guint16, MAX (n, 1));
  for (guint k = 0; k < MQLW_N_STAGES; k++)
    if (outcomes->stage[k] != NULL)
      s->outcomes.stage[k] = g_new (gint8, MAX (n, 1));
  if (outcomes->amount != NULL)
    s->outcomes.amount = g_new (double, MAX (n, 1));
  if (outcomes->created_days != NULL)
    s->outcomes.created_days = g_new (gint32, MAX (n, 1));
  for (guint row = 0; row < scores->n; row++)
    {
      if (group[row] != which)
        continue;
      s->scores.total[m] = scores->total[row];
      s->scores.fit[m] = scores->fit[row];
      s->scores.behaviour[m] = scores->behaviour[row];
      s->scores.grade[m] = scores->grade[row];
      s->scores.fixed_paths[m] = scores->fixed_paths[row];
      s->scores.disqualified[m] = scores->disqualified[row];
      for (guint k = 0; k < MQLW_N_STAGES; k++)
        if (outcomes->stage[k] != NULL)
          s->outcomes.stage[k][m] = outcomes->stage[k][row];
      if (outcomes->amount != NULL)
        s->outcomes.amount[m] = outcomes->amount[row];
      if (outcomes->created_days != NULL)
        s->outcomes.created_days[m] = outcomes->created_days[row];
      m++;
    }
  s->scores.n = s->outcomes.n = m;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-outcomes-fast"

/* The funnel closed a key at a time on two threads (mqlw_dataset_close_funnel)
 * against the rule as the code before it applied it, lead by lead, on random
 * outcomes; and the amounts and created dates an import shares with their
 * columns, kept when a command drops the columns. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mqlw-core.h"

/* The rule as written, one lead at a time over the stages present. */
static void
reference_close_funnel (gint8 **stage,
                        guint   n)
{
  for (guint i = 0; i < n; i++)
    {
      for (int s = MQLW_N_STAGES - 1; s > 0; s--)
        if (stage[s] != NULL && stage[s][i] == MQLW_OUTCOME_YES)
          for (int e = s - 1; e >= 0; e--)
            if (stage[e] != NULL)
              stage[e][i] = MQLW_OUTCOME_YES;
      for (int s = 0; s < MQLW_N_STAGES - 1; s++)
        if (stage[s] != NULL && stage[s][i] == MQLW_OUTCOME_NO)
          for (int l = s + 1; l < MQLW_N_STAGES; l++)
            if (stage[l] != NULL)
              stage[l][i] = MQLW_OUTCOME_NO;
    }
}

static void
test_close_funnel_random (void)
{
  GRand *rand = g_rand_new_with_seed (1515);
  /* Small ones on one thread, large ones in two halves (odd: the halves differ). */
  static const guint sizes[] = { 1, 7, 100, 5000, 300001 };

  for (guint round = 0; round < 40; round++)
    {
      guint n = sizes[round % G_N_ELEMENTS (sizes)];
      g_autoptr(MqlwDataset) ds = mqlw_dataset_new (n);
      gint8 *want[MQLW_N_STAGES] = { NULL };
      /* Every subset of the stages, every one in turn (and all four most often). */
      guint present = round < 16 ? round : 15;

      for (int s = 0; s < MQLW_N_STAGES; s++)
        {
          gint8 *stage;
          if (!(present & (1u << s)))
            continue;
          stage = mqlw_dataset_ensure_stage (ds, s);
          for (guint i = 0; i < n; i++)
            stage[i] = (gint8) g_rand_int_range (rand, -1, 2);
          want[s] = g_memdup2 (stage, n);
        }
      reference_close_funnel (want, n);
      mqlw_dataset_close_funnel (ds);
      for (int s = 0; s < MQLW_N_STAGES; s++)
        {
          if (want[s] == NULL)
            {
              g_assert_null (ds->outcomes.stage[s]);
              continue;
            }
          for (guint i = 0; i < n; i++)
            if (ds->outcomes.stage[s][i] != want[s][i])
              g_error ("round %u, lead %u, stage %d: %d, the rule says %d", round, i, s, ds->outcomes.stage[s][i],
                       want[s][i]);
          g_free (want[s]);
        }
    }
  g_rand_free (rand);
}

static MqlwDataset *
import_string (const char *csv)
{
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
  g_autoptr(GError) error = NULL;
  MqlwDataset *dataset = mqlw_import_bytes (bytes, "leads.csv", NULL, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

/* Days since 1970-01-01: 2025-01-01 is 55 × 365 + 14 leap days (1972 … 2024) = 20089. */
#define JAN_1_2025 20089

static void
test_shared_outcomes_dropped (void)
{
  g_autoptr(MqlwDataset) ds = import_string ("lead_id,created_at,sql,deal_amount\n"
                                             "a,2025-01-01,yes,1500.50\n"
                                             "b,2025-01-03,no,\n"
                                             "c,,yes,99.25\n");
  static const double amounts[] = { 1500.50, NAN, 99.25 };
  static const gint32 days[] = { JAN_1_2025, JAN_1_2025 + 2, MQLW_DATE_MISSING };

  for (guint round = 0; round < 3; round++)
    {
      /* 0: as imported; 1: created_at dropped; 2: deal_amount dropped as well. */
      if (round == 1)
        g_assert_true (mqlw_dataset_remove_column (ds, "created_at"));
      if (round == 2)
        g_assert_true (mqlw_dataset_remove_column (ds, "deal_amount"));
      g_assert_nonnull (ds->outcomes.amount);
      g_assert_nonnull (ds->outcomes.created_days);
      for (guint i = 0; i < 3; i++)
        {
          if (isnan (amounts[i]))
            g_assert_true (isnan (ds->outcomes.amount[i]));
          else
            g_assert_cmpfloat (ds->outcomes.amount[i], ==, amounts[i]);
          g_assert_cmpint (ds->outcomes.created_days[i], ==, days[i]);
        }
      g_assert_cmpint (ds->outcomes.stage[MQLW_STAGE_SQL][0], ==, MQLW_OUTCOME_YES);
      g_assert_cmpint (ds->outcomes.stage[MQLW_STAGE_SQL][1], ==, MQLW_OUTCOME_NO);
    }
  g_assert_null (mqlw_dataset_get_column (ds, "created_at"));
  g_assert_null (mqlw_dataset_get_column (ds, "deal_amount"));
  /* Written afterwards: the outcomes are the dataset's own now. */
  mqlw_outcomes_unshare (&ds->outcomes);
  ds->outcomes.created_days[1] = JAN_1_2025;
  g_assert_cmpint (ds->outcomes.created_days[1], ==, JAN_1_2025);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mqlw/outcomes-fast/close-funnel-random", test_close_funnel_random);
  g_test_add_func ("/mqlw/outcomes-fast/shared-outcomes-dropped", test_shared_outcomes_dropped);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-maturity.h — have the outcomes had time to happen?
 *
 * Over the scored leads with a created date (unscored leads are left out and
 * counted; so are leads without a created date, or with one after today):
 *
 *   end of history  the latest created date up to today;
 *   time to a stage for each stage with a date column (an outcome column of
 *               dates, or an outcome file's date): the days from created to
 *               that date over the leads that reached it (a date before the
 *               created date is left out): the median ("typical"), the 75th
 *               and the 90th percentiles (GSL, linear between order
 *               statistics). By the 90th percentile nine in ten of the stage's
 *               leads have reached it: that is the cohort's horizon;
 *   cohorts     the leads by the calendar month they were created in: leads,
 *               MQLs (the model's rule at the threshold), and per stage the
 *               rate among the cohort's leads and among its MQLs (95 % Wilson);
 *   immature    a cohort whose youngest lead (the month's last day, or the end
 *               of history) is younger than a stage's horizon: its rate for
 *               that stage is still rising. A stage without dates takes the
 *               horizon stated (@horizon_days > 0), else it has none and no
 *               cohort is immature for it;
 *   left out    @exclude_days > 0 leaves out the leads created in the last
 *               @exclude_days days before the end of history (counted).
 *   pooled      per stage, the rate over every cohort and over the mature
 *               cohorts only, so the room sees what the young ones pull down. */
#pragma once

#include "mqlw-dataset.h"
#include "mqlw-scorer.h"
#include "mqlw-stats.h"

G_BEGIN_DECLS

typedef struct {
  gboolean has_dates;        /* the data dates this stage */
  gboolean stated;           /* no dates: p90_days is the horizon stated */
  char    *column;           /* the date column used; NULL without */
  guint64  leads;            /* leads with both dates, the stage's after the created */
  double   median_days;      /* NAN without */
  double   p75_days;
  double   p90_days;         /* the horizon */
} MqlwStageTiming;

typedef struct {
  int      year;
  int      month;            /* 1–12 */
  gint32   first_day;        /* days since 1970-01-01 */
  gint32   last_day;         /* the month's last day, or the end of history */
  double   age_days;         /* end of history − last_day */
  guint64  leads;
  guint64  mql;
  MqlwRate stage[MQLW_N_STAGES];       /* among its leads */
  MqlwRate mql_stage[MQLW_N_STAGES];   /* among its MQLs */
  gboolean immature[MQLW_N_STAGES];
} MqlwCohort;

typedef struct {
  gboolean        has_created;     /* the data has created dates */
  gint32          end_day;         /* MQLW_DATE_MISSING without */
  guint           exclude_days;
  guint64         excluded;        /* left out as too recent */
  guint64         unscored;        /* left out: no score */
  guint64         undated;         /* left out: no created date, or one after today */
  MqlwStageTiming timing[MQLW_N_STAGES];
  GArray         *cohorts;         /* MqlwCohort, oldest first */
  MqlwRate        all[MQLW_N_STAGES];      /* over every cohort */
  MqlwRate        mature[MQLW_N_STAGES];   /* over the cohorts mature for the stage */
} MqlwMaturity;

/* @today: the day dates after which are typing errors (mqlw_date_today ()). */
MqlwMaturity *mqlw_maturity_new  (MqlwDataset      *dataset,
                                  const MqlwScores *scores,
                                  gboolean          score_path,
                                  double            threshold,
                                  guint             exclude_days,
                                  double            horizon_days,
                                  gint32            today);
void          mqlw_maturity_free (MqlwMaturity     *self);

/* "2025-03" */
char         *mqlw_cohort_label  (const MqlwCohort *cohort);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwMaturity, mqlw_maturity_free)

G_END_DECLS

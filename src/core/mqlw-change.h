/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-change.h — a figure against today's model (the baseline).
 *
 * Every figure of the preview shows its value in the model as opened and the
 * change: a rate in percentage points (30.1 % → 34.2 % is +4.1 pts), a count
 * in leads. The direction is what the figure shows at its printed precision
 * (one decimal of a point; whole leads): a change that prints as 0.0 has none.
 * Whether up is good is the figure's (a higher SQL rate is; more wins missed
 * is not); a count of MQLs is neither. */
#pragma once

#include <glib.h>

#include "mqlw-stats.h"

G_BEGIN_DECLS

typedef enum {
  MQLW_CHANGE_UNKNOWN,   /* either side has no value */
  MQLW_CHANGE_NONE,
  MQLW_CHANGE_UP,
  MQLW_CHANGE_DOWN,
} MqlwChangeDirection;

typedef enum {
  MQLW_CHANGE_NEUTRAL,   /* neither way is better (MQL volume) */
  MQLW_CHANGE_UP_IS_GOOD,
  MQLW_CHANGE_UP_IS_BAD,
} MqlwChangeSense;

typedef struct {
  MqlwChangeDirection direction;
  double              delta;      /* points for rates (×100), leads for counts; NAN when unknown */
  gboolean            good;       /* the direction helps (FALSE when neutral or none) */
  gboolean            bad;        /* the direction hurts */
} MqlwChange;

/* @now − @before in percentage points, rounded to 0.1 pt. */
void mqlw_change_of_rate   (const MqlwRate *now,
                            const MqlwRate *before,
                            MqlwChangeSense sense,
                            MqlwChange     *change);
/* Shares (0…1) the same way: wins captured. */
void mqlw_change_of_share  (double          now,
                            double          before,
                            MqlwChangeSense sense,
                            MqlwChange     *change);
void mqlw_change_of_count  (guint64         now,
                            guint64         before,
                            MqlwChangeSense sense,
                            MqlwChange     *change);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-stats.h — rates with their 95 % Wilson score intervals (GSL). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* reached of known leads reached a stage. rate is NAN and present is FALSE
 * when the dataset has no such stage; rate/ci are NAN when known == 0. */
typedef struct {
  gboolean present;
  guint64  known;
  guint64  reached;
  double   rate;
  double   ci_low;
  double   ci_high;
} MqlwRate;

/* Wilson score interval for @successes out of @trials at @confidence (0.95):
 * (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n), z = Φ⁻¹(1 − α/2). */
void   mqlw_wilson_interval (guint64   successes,
                             guint64   trials,
                             double    confidence,
                             double   *low,
                             double   *high);

/* Fills @rate: present = TRUE, rate = reached / known, 95 % Wilson interval. */
void   mqlw_rate_set        (MqlwRate *rate,
                             guint64   known,
                             guint64   reached);
/* present = FALSE, counts 0, every number NAN. */
void   mqlw_rate_set_absent (MqlwRate *rate);

G_END_DECLS

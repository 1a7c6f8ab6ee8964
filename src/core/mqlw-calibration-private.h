/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-calibration-private.h — hooks for the calibration tests only. */
#pragma once

#include "mqlw-calibration.h"

G_BEGIN_DECLS

/* Largest score-key range (in hundredths of a point) kept as a histogram;
 * wider ranges sort the keys instead. 0 restores the default (about 4 M). */
void     mqlw_calibration_set_max_bins_for_testing (guint            max_bins);

/* Threads counting the leads: 1 one thread, 2 the worker too, each part
 * taking every other chunk of @chunk_leads leads (whatever the number of
 * leads); 0, 0 restores the default (2 from 100 000 leads, chunks claimed as
 * the threads come). */
void     mqlw_calibration_set_threads_for_testing  (guint            n_threads,
                                                    guint            chunk_leads);

/* TRUE when @self fell back to sorted keys instead of a histogram. */
gboolean mqlw_calibration_is_sorted_for_testing    (MqlwCalibration *self);

G_END_DECLS

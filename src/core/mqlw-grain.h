/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-grain.h — the step a model's points move in, and thresholds on it.
 *
 * A model whose points are all whole numbers is a whole-point model: its
 * thresholds are whole too (the slider, the field and the suggestions snap
 * to 1), even where recency decay gives leads fractional scores. Otherwise
 * the grain is 0.1 or 0.01, the finest step the points use (scores are kept
 * in hundredths). */
#pragma once

#include <glib.h>

#include "mqlw-model.h"

G_BEGIN_DECLS

/* 1, 0.1 or 0.01: the coarsest of these that every enabled fit and behaviour
 * rule's points (and caps) are a multiple of. A model without rules: 1. */
double mqlw_model_point_grain (const MqlwModel *model);

/* The threshold on the grain closest to @value (halves away from zero). */
double mqlw_grain_snap        (double           value,
                               double           grain);

/* Digits to print a threshold on @grain with: 0, 1 or 2. */
guint  mqlw_grain_digits      (double           grain);

G_END_DECLS

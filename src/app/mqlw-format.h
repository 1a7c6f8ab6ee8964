/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-format.h — numbers from the core, written for people. Formatting only:
 * nothing here derives a figure. */
#pragma once

#include <glib.h>

#include "mqlw-core.h"

G_BEGIN_DECLS

char *mqlw_format_count   (guint64         value);   /* "12 345" (thin space groups) */
char *mqlw_format_number  (double          value,
                           int             digits);  /* "142.5", "–" for NAN */
char *mqlw_format_percent (double          fraction); /* 0.3456 → "34.6 %", "–" for NAN */
char *mqlw_format_rate    (const MqlwRate *rate);    /* "34.6 %" / "no data" */
char *mqlw_format_interval(const MqlwRate *rate);    /* "30.1–39.4 %" or "" */
char *mqlw_format_score   (double          value);   /* "42", "42.5", "∞" */

G_END_DECLS

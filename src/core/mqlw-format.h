/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-format.h — numbers from the core, written for people: the one place
 * where a count, a percentage, a range, points or an amount becomes text.
 * Formatting only: nothing here derives a figure.
 *
 * The locale decides the decimal mark (LC_NUMERIC). Two styles:
 *
 *   MQLW_FORMAT_DISPLAY  the window's widgets and the chart (on screen and
 *                        in its exported files, so a chart beside a table
 *                        reads "1 588" as the table does): digits in groups of three with
 *                        U+2009 THIN SPACE in every locale (SI style,
 *                        readable from the back of a room: "12 345"), U+2009
 *                        before "%" ("34.6 %"), "–" (U+2013) for no value; a
 *                        range holds together ("68.4–75.0 %" with U+2060 WORD
 *                        JOINER after the dash and U+202F NARROW NO-BREAK
 *                        SPACE before "%") so that it never wraps.
 *   MQLW_FORMAT_PLAIN    the terminal, Markdown and the PDF's text: digits
 *                        grouped as the locale groups them (printf's ' flag:
 *                        "12,345" in English, "12.345" in German, "12345" in
 *                        the C locale), ASCII spaces, to be read in a plain
 *                        file and found with grep; "—" (U+2014) for no value.
 *
 * Negative numbers carry a real minus (U+2212). The shorthands without a
 * style argument (mqlw_format_count, …) are the display style. Numbers
 * written for programs (CSV, JSON) are mqlw_export_format_decimal's. */
#pragma once

#include <glib.h>

#include "mqlw-stats.h"

G_BEGIN_DECLS

typedef enum {
  MQLW_FORMAT_DISPLAY,
  MQLW_FORMAT_PLAIN,
} MqlwFormatStyle;

/* "12,345" (digits grouped as the locale groups them). */
char *mqlw_format_count_as    (guint64          value,
                               MqlwFormatStyle  style);
/* @fraction 0.3456, 1 → "34.6 %"; NAN → the no-value mark. */
char *mqlw_format_percent_as  (double           fraction,
                               int              decimals,
                               MqlwFormatStyle  style);
/* Fractions 0.301, 0.394, 1 → "30.1–39.4 %"; "" when either is NAN. */
char *mqlw_format_range_as    (double           low,
                               double           high,
                               int              decimals,
                               MqlwFormatStyle  style);
/* A rate with its counts: "75.0 % (3/4)"; "—" when none is known. */
char *mqlw_format_rate_counts (const MqlwRate  *rate,
                               MqlwFormatStyle  style);
/* Whole amounts grouped like counts: "12,345", "−40"; the no-value mark for
 * NAN and infinities. */
char *mqlw_format_money       (double           value,
                               MqlwFormatStyle  style);
/* A figure as a rule writes it (a threshold, a cap, points): whole numbers
 * whole, others with two decimals: "42", "−3", "2.50"; "—" when not finite. */
char *mqlw_format_figure      (double           value);
/* Rule points: a figure with its sign, "+15", "−50", "0", "+2.50". */
char *mqlw_format_points      (double           value);
/* A score or threshold on a chart's axis: at most @decimals decimals, none
 * for a whole number (within 1e-9), a real minus: "51", "133.9", "−10.5". */
char *mqlw_format_decimals    (double           value,
                               int              decimals);
/* A score range, both bounds shown with @decimals decimals: "31–50",
 * "−10.5–0.5"; "71+" when @high is infinite, "5" when @high is @low. With
 * @spelled, "−93 to −21": a minus never follows the dash (the chart spells
 * every range so when one of them would). */
char *mqlw_format_score_range (double           low,
                               double           high,
                               int              decimals,
                               gboolean         spelled);

/* The display style's shorthands, as the window uses them. */
char *mqlw_format_count   (guint64         value);   /* "12,345" */
char *mqlw_format_number  (double          value,
                           int             digits);  /* "142.5", "–" for NAN, "∞" */
char *mqlw_format_percent (double          fraction); /* 0.3456 → "34.6 %", "–" for NAN */
char *mqlw_format_rate    (const MqlwRate *rate);    /* "34.6 %" / "no data" */
char *mqlw_format_interval(const MqlwRate *rate);    /* "30.1–39.4 %" or "" */
char *mqlw_format_score   (double          value);   /* "42", "42.5", "∞" */

/* The n to hand to ngettext for a figure printed with @digits decimals: the
 * printed value when it is whole ("1" takes the singular), else 2 (English,
 * German and Spanish say "1.5 months"); 2 for NAN and infinities. */
gulong mqlw_format_plural_n (double value,
                             int    digits);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-date.h — dates as days since 1970-01-01, parsed from the forms exports use. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MQLW_DATE_MISSING G_MININT32

typedef enum {
  MQLW_DATE_ORDER_AUTO = 0,  /* decide from the data; ambiguous is reported */
  MQLW_DATE_ORDER_MDY,       /* 3/4/2025 is March 4th */
  MQLW_DATE_ORDER_DMY,       /* 3/4/2025 is April 3rd */
} MqlwDateOrder;

/* Forms recognised by mqlw_date_parse; a bit set of the ones a string could be. */
typedef enum {
  MQLW_DATE_FORM_ISO   = 1 << 0,  /* 2025-03-04, 2025-03-04T10:00:00Z, 2025-03-04 10:00 */
  MQLW_DATE_FORM_MDY   = 1 << 1,  /* M/D/YYYY */
  MQLW_DATE_FORM_DMY   = 1 << 2,  /* D/M/YYYY or D-M-YYYY or D.M.YYYY */
  MQLW_DATE_FORM_EPOCH = 1 << 3,  /* Unix time: 1709647200 (s) or 1709647200000 (ms), 2000-2099 */
} MqlwDateForm;

/* Which forms @text (length @len) can be read as; 0 when it is not a date. */
guint    mqlw_date_forms      (const char    *text,
                               gsize          len);

/* Whether @text is Unix time of a day in 2000-2099 (10 digits of seconds or
 * 12-13 of milliseconds); alone it could as well be an id or a count. */
gboolean mqlw_date_is_epoch   (const char    *text,
                               gsize          len);

/* Parses @text with @order for slash/dash day-month forms. Returns FALSE if it
 * is not a valid date under that order. ISO is always accepted. */
gboolean mqlw_date_parse      (const char    *text,
                               gsize          len,
                               MqlwDateOrder  order,
                               gint32        *days);

/* Whether @text is written the way a date is (2024-02-30, 31/31/2024) even
 * when no such day exists; then mqlw_date_explain says why it is not one. */
gboolean mqlw_date_is_written_as_date (const char *text,
                                       gsize       len);
/* Why @text, written as a date, is not one ("February 2024 has 29 days");
 * NULL when it is a date or not written as one. Translated. */
char    *mqlw_date_explain    (const char    *text,
                               gsize          len);

gint32   mqlw_date_from_ymd   (int            year,
                               int            month,
                               int            day);
void     mqlw_date_to_ymd     (gint32         days,
                               int           *year,
                               int           *month,
                               int           *day);
/* Today's date in the local time zone. */
gint32   mqlw_date_today      (void);
/* The period of a history whose leads were created from @lo to @hi, in
 * calendar months touched, as a marketer counts them: leads created from 15
 * January to 30 June are six months of history. NAN when @lo > @hi. */
double   mqlw_date_months_touched (gint32      lo,
                                   gint32      hi);
/* The range of the dates of @days (n of them) up to @until: dates after it
 * are typing errors ("2099-01-15"), never the end of a history. FALSE when no
 * date is at or before @until. */
gboolean mqlw_date_range_until (const gint32 *days,
                                gsize         n,
                                gint32        until,
                                gint32       *lo,
                                gint32       *hi);
/* "2025-03-04" into @buf (at least 11 bytes). */
void     mqlw_date_format_iso (gint32         days,
                               char          *buf);

G_END_DECLS

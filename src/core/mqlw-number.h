/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-number.h — numbers as spreadsheets and exports write them (import only,
 * not part of the public API).
 *
 * Besides plain numbers ("1200", "-3.5", "1e6"), a value may carry a currency
 * sign before or after it ($ € £ ¥ ₹), a percent sign after it ("12 %" reads
 * as 12), and digits grouped by thousands ("1,200", "1.200,50", "1 200",
 * "1'200"). Which of ',' and '.' marks the decimals is one choice per column
 * (MqlwNumberForm), learnt from the values that show it ("1,200.50", "12,5");
 * a value written the other way, a second currency, a magnitude letter ("$5.3M":
 * M is a thousand to some and a million to others) or groups not of three
 * digits is refused with the reason (mqlw_number_explain). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MQLW_NUMBER_OK = 0,
  MQLW_NUMBER_TEXT,         /* not a number at all */
  MQLW_NUMBER_MAGNITUDE,    /* "$5.3M", "12k" */
  MQLW_NUMBER_FORM,         /* ',' and '.' used the other way than the column does */
  MQLW_NUMBER_GROUPS,       /* thousands separators not every three digits */
  MQLW_NUMBER_CURRENCY,     /* a second currency in one column */
  MQLW_NUMBER_NEGATIVE,     /* "(1,200)" */
  MQLW_NUMBER_TOO_LARGE,    /* "1e400": beyond what a number holds */
} MqlwNumberResult;

typedef struct {
  char     decimal;         /* '.' or ',': learnt, or 0 while no value showed it */
  guint64  decimal_line;    /* where it was learnt */
  char     currency[8];     /* the first currency sign seen ("" none) */
  guint64  currency_line;
} MqlwNumberForm;

/* Reads @s (@len bytes, no surrounding spaces). With @learn, a value that
 * shows which mark is the decimal one, or the first currency sign, sets it in
 * @form (@line is noted); otherwise @form is only obeyed. A value with a
 * single ',' followed by three digits reads as thousands unless the column's
 * decimal mark is ','. */
MqlwNumberResult  mqlw_number_parse    (const char           *s,
                                        gsize                 len,
                                        MqlwNumberForm       *form,
                                        gboolean              learn,
                                        guint64               line,
                                        double               *value,
                                        gboolean             *integral);
/* A result other than MQLW_NUMBER_TEXT: the value looks like a number. */
gboolean          mqlw_number_is_near  (MqlwNumberResult      result);
/* Why @s is not a number, for "'$5.3M' is not a number: …" (translated). */
char             *mqlw_number_explain  (MqlwNumberResult      result,
                                        const MqlwNumberForm *form,
                                        const char           *s,
                                        gsize                 len);

G_END_DECLS

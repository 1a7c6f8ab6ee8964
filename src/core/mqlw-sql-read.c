/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-sql"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mqlw-bool-words.h"
#include "mqlw-missing.h"
#include "mqlw-sql-private.h"

/* Reading the table's values as the import does (mqlw-import.c):
 *
 * - every value is read as text and stripped of spaces and tabs at both ends;
 *   an empty value is missing;
 * - numbers: the dialect's cast (the import refuses a file with a value that
 *   is no number in a number column, so only numbers need reading);
 * - yes/no: 1 y t yes true and 0 n f no false, any case (and accepted/rejected
 *   for the acceptance outcome, won/lost for the won outcome);
 * - dates: ISO (2025-03-04, with a time after T or a space, one-digit month
 *   and day too), M/D/YYYY or D/M/YYYY as the mapping's date order says (in
 *   "auto", day first for the whole column once one value can only be day
 *   first, else month first), and D-M-YYYY / D.M.YYYY day first; turned into
 *   days since 1970-01-01 with integer arithmetic (the civil-calendar
 *   algorithm mqlw-date.c uses), so no dialect's date functions are needed;
 * - the lifecycle stage column: the mapping's stage values (case-insensitive)
 *   or the built-in table, read as the import reads it ('_' and '-' as
 *   spaces, lower case);
 * - outcome columns in the import's order: the stage column first, then each
 *   stage's columns, a blank date meaning "not reached" when the stage before
 *   is known; then the funnel is closed. */

void
sql_add (SqlBuilder *b,
         SqlLayer    layer,
         char       *expr,
         const char *name)
{
  SqlItem *item = g_new (SqlItem, 1);

  item->expr = expr;
  item->name = g_strdup (name);
  g_ptr_array_add (b->layers[layer], item);
}

void
sql_add_side (SqlBuilder *b,
              SqlLayer    layer,
              char       *body,
              const char *name)
{
  SqlItem *item = g_new (SqlItem, 1);

  item->expr = body;
  item->name = g_strdup (name);
  g_ptr_array_add (b->sides[layer], item);
}

gint
sql_column_index (SqlBuilder *b,
                  const char *name)
{
  for (guint i = 0; i < b->schema->columns->len; i++)
    {
      const MqlwColumnSpec *spec = g_ptr_array_index (b->schema->columns, i);

      if (g_strcmp0 (spec->name, name) == 0)
        return (gint) i;
    }
  return -1;
}

char *
sql_need (SqlBuilder *b,
          guint       index,
          guint       what)
{
  static const struct { guint need; char letter; } letters[] = {
    { NEED_LOWER, 'l' }, { NEED_NUMBER, 'n' }, { NEED_BOOL, 'b' }, { NEED_DAYS, 'd' },
    { NEED_DOMAIN, 'e' }, { NEED_MONTH, 'm' },
  };

  g_assert (index < b->schema->columns->len);

  b->read[index] = TRUE;
  b->needs[index] |= what;
  for (guint k = 0; k < G_N_ELEMENTS (letters); k++)
    if (letters[k].need == what)
      return g_strdup_printf ("mqlw_%c%u", letters[k].letter, index);
  return g_strdup_printf ("mqlw_t%u", index);   /* 0: the trimmed text */
}

char *
sql_round_half_away (SqlBuilder *b,
                     const char *y)
{
  g_autofree char *t = mqlw_sql_op (b->d, MQLW_SQL_OP_TRUNC, y, NULL);

  /* y − trunc (y) is exact; the scorer adds ±1 on |rest| ≥ 0.5. */
  return g_strdup_printf ("(%s + CASE WHEN %s - %s >= 0.5 THEN 1 WHEN %s - %s <= -0.5 THEN -1 ELSE 0 END)",
                          t, y, t, y, t);
}

char *
sql_bool_of_lower (SqlBuilder     *b,
                   const char     *lower,
                   MqlwColumnRole  role,
                   MqlwStage       stage)
{
  /* The import's words (mqlw-bool-words.h), with an outcome stage's own. */
  const MqlwBoolWord *words = mqlw_bool_words ();
  g_autoptr(GString) yes = g_string_new (NULL);
  g_autoptr(GString) no = g_string_new (NULL);

  for (guint i = 0; words[i].word != NULL; i++)
    {
      GString *list = words[i].yes ? yes : no;
      g_string_append_printf (list, "%s'%s'", list->len > 0 ? ", " : "", words[i].word);
    }
  if (role == MQLW_ROLE_OUTCOME && stage == MQLW_STAGE_ACCEPTED)
    {
      g_string_append (yes, ", 'accepted'");
      g_string_append (no, ", 'rejected'");
    }
  else if (role == MQLW_ROLE_OUTCOME && stage == MQLW_STAGE_WON)
    {
      g_string_append (yes, ", 'won'");
      g_string_append (no, ", 'lost'");
    }
  return g_strdup_printf ("CASE WHEN %s IN (%s) THEN 1 WHEN %s IN (%s) THEN 0 END", lower, yes->str, lower, no->str);
}

/* ---- dates ------------------------------------------------------------- */

static char *
digit_test (SqlBuilder *b,
            const char *text,
            const char *position)
{
  return g_strdup_printf ("substr(%s, %s, 1) BETWEEN '0' AND '9'", text, position);
}

static char *
to_int (SqlBuilder *b,
        const char *digits)
{
  return mqlw_sql_op (b->d, MQLW_SQL_OP_TO_INT, digits, NULL);
}

/* Unix time (mqlw-date.c: parse_epoch): 10 digits of seconds or 12-13 of
 * milliseconds, 2000 to 2099 only; mqlw_ep<i> is its UTC day since
 * 1970-01-01, NULL for any other text. With @month, the year × 100 + month of
 * that day (mqlw_em<i>) as mqlw_date_to_ymd () finds it: days counted from
 * 0000-03-01, in eras of 400 years (every quotient is of non-negative numbers). */
static void
add_epoch (SqlBuilder *b,
           guint       i,
           gboolean    month)
{
  g_autofree char *t = g_strdup_printf ("mqlw_t%u", i);
  g_autofree char *es = g_strdup_printf ("mqlw_es%u", i);
  g_autofree char *ep = g_strdup_printf ("mqlw_ep%u", i);
  g_autofree char *z = g_strdup_printf ("(%s + 719468)", ep);
  g_autofree char *era = g_strdup_printf ("mqlw_eera%u", i);
  g_autofree char *doe = g_strdup_printf ("mqlw_edoe%u", i);
  g_autofree char *yoe = g_strdup_printf ("mqlw_eyoe%u", i);
  g_autofree char *doy = g_strdup_printf ("mqlw_edoy%u", i);
  g_autofree char *em = g_strdup_printf ("mqlw_em%u", i);
  g_autofree char *digits = mqlw_sql_op (b->d, MQLW_SQL_OP_TRIM_CHARS, t, "'0123456789'");
  g_autofree char *whole = to_int (b, t);
  g_autofree char *seconds = mqlw_sql_op (b->d, MQLW_SQL_OP_IDIV, whole, "1000");
  g_autofree char *day = mqlw_sql_op (b->d, MQLW_SQL_OP_IDIV, es, "86400");
  g_autofree char *quotient = mqlw_sql_op (b->d, MQLW_SQL_OP_IDIV, z, "146097");

  sql_add (b, LAYER_DATE1,
           g_strdup_printf ("CASE WHEN length(%s) IN (10, 12, 13) AND %s = '' THEN CASE WHEN length(%s) = 10 "
                            "THEN %s ELSE %s END END", t, digits, t, whole, seconds), es);
  sql_add (b, LAYER_DATE2,
           g_strdup_printf ("CASE WHEN %s >= 946684800 AND %s < 4102444800 THEN %s END", es, es, day), ep);
  if (!month)
    return;
  sql_add (b, LAYER_DATE3, g_strdup (quotient), era);
  sql_add (b, LAYER_DATE3, g_strdup_printf ("%s - %s * 146097", z, quotient), doe);
  {
    g_autofree char *a = mqlw_sql_op (b->d, MQLW_SQL_OP_IDIV, doe, "1460");
    g_autofree char *c = mqlw_sql_op (b->d, MQLW_SQL_OP_IDIV, doe, "36524");
    g_autofree char *e = mqlw_sql_op (b->d, MQLW_SQL_OP_IDIV, doe, "146096");
    g_autofree char *sum = g_strdup_printf ("(%s - %s + %s - %s)", doe, a, c, e);

    sql_add (b, LAYER_DATE4, mqlw_sql_op (b->d, MQLW_SQL_OP_IDIV, sum, "365"), yoe);
  }
  {
    g_autofree char *y4 = mqlw_sql_op (b->d, MQLW_SQL_OP_IDIV, yoe, "4");
    g_autofree char *y100 = mqlw_sql_op (b->d, MQLW_SQL_OP_IDIV, yoe, "100");

    sql_add (b, LAYER_DATE5, g_strdup_printf ("%s - (365 * %s + %s - %s)", doe, yoe, y4, y100), doy);
  }
  {
    g_autofree char *num = g_strdup_printf ("(5 * %s + 2)", doy);
    g_autofree char *mp = mqlw_sql_op (b->d, MQLW_SQL_OP_IDIV, num, "153");

    sql_add (b, LAYER_DATE6,
             g_strdup_printf ("(%s + %s * 400 + CASE WHEN %s >= 10 THEN 1 ELSE 0 END) * 100 "
                              "+ CASE WHEN %s < 10 THEN %s + 3 ELSE %s - 9 END", yoe, era, mp, mp, mp, mp), em);
  }
}

/* Days since 1970-01-01 of date column @i's year, month and day (integer
 * columns), as mqlw_date_from_ymd () computes them: years counted from March,
 * in eras of 400 years. Every quotient is of non-negative numbers (years from
 * 1000), so each dialect's integer division agrees. */
static void
add_days (SqlBuilder *b,
          guint       i,
          gboolean    days,
          gboolean    month)
{
  g_autofree char *y = g_strdup_printf ("mqlw_y%u", i);
  g_autofree char *m = g_strdup_printf ("mqlw_mo%u", i);
  g_autofree char *d = g_strdup_printf ("mqlw_da%u", i);
  g_autofree char *yy = g_strdup_printf ("mqlw_yy%u", i);
  g_autofree char *mp = g_strdup_printf ("mqlw_mp%u", i);
  g_autofree char *era = g_strdup_printf ("mqlw_era%u", i);
  g_autofree char *yoe = g_strdup_printf ("mqlw_yoe%u", i);
  g_autofree char *name = NULL;

  if (month)
    {
      name = g_strdup_printf ("mqlw_m%u", i);
      sql_add (b, LAYER_VALUE, g_strdup_printf ("CASE WHEN mqlw_ep%u IS NOT NULL THEN mqlw_em%u ELSE %s * 100 + %s END",
                                                i, i, y, m), name);
    }
  if (!days)
    return;
  sql_add (b, LAYER_DATE5, g_strdup_printf ("%s - CASE WHEN %s <= 2 THEN 1 ELSE 0 END", y, m), yy);
  sql_add (b, LAYER_DATE5, g_strdup_printf ("%s + CASE WHEN %s > 2 THEN -3 ELSE 9 END", m, m), mp);
  {
    g_autofree char *quotient = mqlw_sql_op (b->d, MQLW_SQL_OP_IDIV, yy, "400");

    sql_add (b, LAYER_DATE6, g_strdup (quotient), era);
    sql_add (b, LAYER_DATE6, g_strdup_printf ("%s - %s * 400", yy, quotient), yoe);
  }
  {
    g_autofree char *yoe4 = mqlw_sql_op (b->d, MQLW_SQL_OP_IDIV, yoe, "4");
    g_autofree char *yoe100 = mqlw_sql_op (b->d, MQLW_SQL_OP_IDIV, yoe, "100");
    g_autofree char *doy_num = g_strdup_printf ("153 * %s + 2", mp);
    g_autofree char *doy = mqlw_sql_op (b->d, MQLW_SQL_OP_IDIV, doy_num, "5");

    g_free (name);
    name = g_strdup_printf ("mqlw_d%u", i);
    sql_add (b, LAYER_VALUE, g_strdup_printf ("CASE WHEN mqlw_ep%u IS NOT NULL THEN mqlw_ep%u "
                                              "ELSE %s * 146097 + %s * 365 + %s - %s + %s + %s - 1 - 719468 END",
                                              i, i, era, yoe, yoe4, yoe100, doy, d), name);
  }
}

static void
add_date_reading (SqlBuilder *b,
                  guint       i)
{
  g_autofree char *t = g_strdup_printf ("mqlw_t%u", i);
  g_autofree char *k = g_strdup_printf ("mqlw_k%u", i);
  g_autofree char *j = g_strdup_printf ("mqlw_j%u", i);
  g_autofree char *s = g_strdup_printf ("mqlw_s%u", i);
  g_autofree char *a = g_strdup_printf ("mqlw_a%u", i);
  g_autofree char *bb = g_strdup_printf ("mqlw_bb%u", i);
  g_autofree char *c = g_strdup_printf ("mqlw_c%u", i);
  g_autofree char *name = NULL;
  g_autofree char *d1 = digit_test (b, t, "1");
  g_autofree char *d2 = digit_test (b, t, "2");
  g_autofree char *d3 = digit_test (b, t, "3");
  g_autofree char *d4 = digit_test (b, t, "4");
  g_autofree char *k2 = g_strdup_printf ("%s + 2", k);
  g_autofree char *after_j = g_strdup_printf ("%s + 2", j);
  g_autofree char *day_two = digit_test (b, t, after_j);
  g_autofree char *part_a = NULL, *part_b = NULL, *part_c_iso = NULL, *part_c = NULL;
  g_autofree char *day_first = NULL;
  MqlwDateOrder order = b->schema->date_order;

  /* 1: the first separator: 5 in 2025-03-04, 2 in 3/4/2025, 3 in 03/04/2025. */
  sql_add (b, LAYER_DATE1,
           g_strdup_printf ("CASE WHEN %s AND %s AND %s AND %s AND substr(%s, 5, 1) = '-' THEN 5 WHEN %s THEN 3 ELSE 2 END",
                            d1, d2, d3, d4, t, d2), k);

  /* 2: the separator, the first part, and the second separator (the second part has one or two digits). */
  sql_add (b, LAYER_DATE2, g_strdup_printf ("substr(%s, %s, 1)", t, k), s);
  part_a = g_strdup_printf ("substr(%s, 1, %s - 1)", t, k);
  sql_add (b, LAYER_DATE2, to_int (b, part_a), a);
  sql_add (b, LAYER_DATE2,
           g_strdup_printf ("CASE WHEN substr(%s, %s, 1) = substr(%s, %s, 1) THEN %s + 2 ELSE %s + 3 END",
                            t, k2, t, k, k, k), j);

  /* 3: the second part, and the third: one or two digits of day in ISO, else four of year. */
  part_b = g_strdup_printf ("substr(%s, %s + 1, %s - %s - 1)", t, k, j, k);
  sql_add (b, LAYER_DATE3, to_int (b, part_b), bb);
  part_c_iso = g_strdup_printf ("substr(%s, %s + 1, CASE WHEN %s THEN 2 ELSE 1 END)", t, j, day_two);
  part_c = g_strdup_printf ("substr(%s, %s + 1, 4)", t, j);
  {
    g_autofree char *iso = to_int (b, part_c_iso);
    g_autofree char *other = to_int (b, part_c);

    sql_add (b, LAYER_DATE3, g_strdup_printf ("CASE WHEN %s = 5 THEN %s ELSE %s END", k, iso, other), c);
  }

  /* 4: which of the day/month parts is the day. */
  if (order == MQLW_DATE_ORDER_DMY)
    day_first = g_strdup ("TRUE");
  else if (order == MQLW_DATE_ORDER_MDY)
    day_first = g_strdup_printf ("%s <> '/'", s);
  else
    {
      g_autofree char *flag = g_strdup_printf ("mqlw_dmy%u", i);
      g_autofree char *side = g_strdup_printf ("mqlw_dateorder%u", i);

      /* The import reads a slash column day first once a value can only be
       * day first (its first part is over 12), month first otherwise. */
      sql_add_side (b, LAYER_DATE4,
                    g_strdup_printf ("  SELECT MAX(CASE WHEN %s <> 5 AND %s = '/' AND %s > 12 THEN 1 ELSE 0 END) AS %s\n"
                                     "  FROM $PREV", k, s, a, flag), side);
      day_first = g_strdup_printf ("(%s <> '/' OR %s > 12 OR (%s <= 12 AND %s = 1))", s, a, bb, flag);
    }

  name = g_strdup_printf ("mqlw_y%u", i);
  sql_add (b, LAYER_DATE4, g_strdup_printf ("CASE WHEN %s = 5 THEN %s ELSE %s END", k, a, c), name);
  g_free (name);
  name = g_strdup_printf ("mqlw_mo%u", i);
  sql_add (b, LAYER_DATE4, g_strdup_printf ("CASE WHEN %s = 5 THEN %s WHEN %s THEN %s ELSE %s END", k, bb, day_first, bb, a),
           name);
  g_free (name);
  name = g_strdup_printf ("mqlw_da%u", i);
  sql_add (b, LAYER_DATE4, g_strdup_printf ("CASE WHEN %s = 5 THEN %s WHEN %s THEN %s ELSE %s END", k, c, day_first, a, bb),
           name);
}

/* ---- missing values ----------------------------------------------------- */

/* What mqlw_missing_is_placeholder () strips around a value. */
static const char decoration[] = " \t-_.()[]<>?*\"'";

/* A placeholder as mqlw_missing_is_placeholder () compares it: decoration
 * stripped, lower case, one space between words. */
static char *
fold_placeholder (const char *text)
{
  gsize len = strlen (text), start = 0;
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  while (start < len && strchr (decoration, text[start]) != NULL && text[start] != '\0')
    start++;
  while (len > start && strchr (decoration, text[len - 1]) != NULL)
    len--;
  for (gsize i = start; i < len; i++)
    {
      if (text[i] == ' ' || text[i] == '\t')
        {
          space = TRUE;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, g_ascii_tolower (text[i]));
    }
  return g_string_free (out, FALSE);
}

static gboolean
reads_missing (SqlBuilder           *b,
               const MqlwColumnSpec *spec)
{
  return b->schema->detect_placeholders ||
         (b->schema->missing_values != NULL && b->schema->missing_values->len > 0) ||
         (spec->missing_values != NULL && spec->missing_values[0] != NULL);
}

/* @u, or NULL where the mapping reads it as missing (mqlw-missing.h): a
 * built-in placeholder ("-- None --", "N/A", "?") when the mapping detects
 * them, or a value it lists, compared ignoring case. */
static char *
missing_as_null (SqlBuilder           *b,
                 guint                 index,
                 const MqlwColumnSpec *spec,
                 const char           *u)
{
  g_autoptr(GPtrArray) tests = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) condition = g_string_new (NULL);

  if (b->schema->detect_placeholders)
    {
      const char * const *examples = mqlw_missing_placeholders ();
      g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *chars = mqlw_sql_string (b->d, decoration);
      g_autofree char *stripped = mqlw_sql_op (b->d, MQLW_SQL_OP_TRIM_CHARS, u, chars);
      g_autofree char *spaced = NULL;

      for (guint i = 0; examples[i] != NULL; i++)
        {
          g_autofree char *word = fold_placeholder (examples[i]);

          g_assert (mqlw_missing_is_placeholder (examples[i], strlen (examples[i])));
          if (!g_ptr_array_find_with_equal_func (words, word, g_str_equal, NULL))
            g_ptr_array_add (words, g_steal_pointer (&word));
        }
      /* Tabs as spaces, runs of spaces as one (up to 16). */
      spaced = g_strdup_printf ("lower(%s)", stripped);
      {
        g_autofree char *tab = mqlw_sql_string (b->d, "\t");
        char *next = g_strdup_printf ("replace(%s, %s, ' ')", spaced, tab);

        g_free (spaced);
        spaced = next;
        for (int k = 0; k < 4; k++)
          {
            next = g_strdup_printf ("replace(%s, '  ', ' ')", spaced);
            g_free (spaced);
            spaced = next;
          }
      }
      g_string_append_printf (condition, "%s IN (", spaced);
      for (guint i = 0; i < words->len; i++)
        {
          g_autofree char *literal = mqlw_sql_string (b->d, g_ptr_array_index (words, i));
          g_string_append_printf (condition, "%s%s", i > 0 ? ", " : "", literal);
        }
      g_string_append_c (condition, ')');
      /* The zero date ("0000-00-00 00:00:00"): eight zeros or more, only
       * the marks between them, at least one mark (mqlw_missing_is_zero_date). */
      {
        g_autofree char *marks = mqlw_sql_string (b->d, "0" MQLW_MISSING_ZERO_DATE_MARKS);
        g_autofree char *rest = mqlw_sql_op (b->d, MQLW_SQL_OP_TRIM_CHARS, u, marks);

        g_string_append_printf (condition,
                                " OR (%s = '' AND length(%s) - length(replace(%s, '0', '')) >= 8"
                                " AND replace(%s, '0', '') <> '' AND length(%s) < 32)",
                                rest, u, u, u, u);
      }
    }
  for (guint i = 0; b->schema->missing_values != NULL && i < b->schema->missing_values->len; i++)
    g_ptr_array_add (listed, g_strstrip (g_utf8_strdown (g_ptr_array_index (b->schema->missing_values, i), -1)));
  for (guint i = 0; spec->missing_values != NULL && spec->missing_values[i] != NULL; i++)
    g_ptr_array_add (listed, g_strstrip (g_utf8_strdown (spec->missing_values[i], -1)));
  if (listed->len > 0)
    {
      g_autofree char *lower = sql_fold_expr (b, index, u);

      g_string_append_printf (condition, "%s%s IN (", condition->len > 0 ? " OR " : "", lower);
      for (guint i = 0; i < listed->len; i++)
        {
          g_autofree char *literal = mqlw_sql_string (b->d, g_ptr_array_index (listed, i));
          g_string_append_printf (condition, "%s%s", i > 0 ? ", " : "", literal);
        }
      g_string_append_c (condition, ')');
    }
  if (condition->len == 0)
    return g_strdup (u);
  return g_strdup_printf ("CASE WHEN %s THEN NULL ELSE %s END", condition->str, u);
}

/* ---- the reading layers ------------------------------------------------ */

void
sql_add_readings (SqlBuilder *b)
{
  for (guint i = 0; i < b->schema->columns->len; i++)
    {
      const MqlwColumnSpec *spec = g_ptr_array_index (b->schema->columns, i);
      g_autofree char *ident = NULL, *text = NULL, *trimmed = NULL, *t = NULL, *lower = NULL;
      guint needs = b->needs[i];

      if (!b->read[i])
        continue;
      ident = mqlw_sql_ident (b->d, spec->name);
      text = mqlw_sql_op (b->d, MQLW_SQL_OP_TEXT, ident, NULL);
      trimmed = mqlw_sql_op (b->d, MQLW_SQL_OP_TRIM, text, NULL);
      t = g_strdup_printf ("mqlw_t%u", i);
      if (reads_missing (b, spec))
        {
          g_autofree char *u = g_strdup_printf ("mqlw_u%u", i);

          sql_add (b, LAYER_TEXT, g_strdup_printf ("NULLIF(%s, '')", trimmed), u);
          sql_add (b, LAYER_CLEAN, missing_as_null (b, i, spec, u), t);
        }
      else
        sql_add (b, LAYER_TEXT, g_strdup_printf ("NULLIF(%s, '')", trimmed), t);

      /* SQLite: the capitals beyond ASCII too, over the date layers (mqlw-sql-fold.c). */
      if (sql_folds (b, i) && (needs & (NEED_LOWER | NEED_BOOL | NEED_DOMAIN)))
        lower = sql_add_fold (b, i, t);
      else
        lower = g_strdup_printf ("lower(%s)", t);
      if (needs & NEED_LOWER)
        {
          g_autofree char *name = g_strdup_printf ("mqlw_l%u", i);
          sql_add (b, LAYER_VALUE, g_strdup (lower), name);
        }
      if (needs & NEED_NUMBER)
        {
          g_autofree char *name = g_strdup_printf ("mqlw_n%u", i);
          sql_add (b, LAYER_VALUE, mqlw_sql_op (b->d, MQLW_SQL_OP_TO_DOUBLE, t, NULL), name);
        }
      if (needs & NEED_BOOL)
        {
          g_autofree char *name = g_strdup_printf ("mqlw_b%u", i);
          sql_add (b, LAYER_VALUE, sql_bool_of_lower (b, lower, spec->role, spec->stage), name);
        }
      if (needs & NEED_DOMAIN)
        {
          g_autofree char *name = g_strdup_printf ("mqlw_e%u", i);
          g_autofree char *domain = mqlw_sql_op (b->d, MQLW_SQL_OP_EMAIL_DOMAIN, sql_folds (b, i) ? lower : t, NULL);
          g_autofree char *stripped = mqlw_sql_op (b->d, MQLW_SQL_OP_TRIM, domain, NULL);

          sql_add (b, LAYER_VALUE, g_strdup_printf ("lower(%s)", stripped), name);
        }
      if (needs & (NEED_DAYS | NEED_MONTH))
        {
          add_date_reading (b, i);
          add_epoch (b, i, (needs & NEED_MONTH) != 0);
          add_days (b, i, (needs & NEED_DAYS) != 0, (needs & NEED_MONTH) != 0);
        }
    }
}

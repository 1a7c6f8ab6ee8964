/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-sql-fold.c — lower case beyond ASCII in SQLite's queries.
 *
 * The workbench folds every letter (g_utf8_strdown); SQLite's lower() folds
 * A–Z only, so "MÜLLER.DE" would lower to "mÜller.de" there and miss the
 * rule "müller.de". A comparison can only succeed on letters the compared
 * words hold, so the query folds, per column, the capitals whose lower case
 * is a letter outside ASCII that the column's words hold (the model's values,
 * the stage values, the values read as missing, the yes/no words): each with
 * replace(), twenty to a step. The rule, for every dialect: a value equals a
 * word when its letters, each lowered as g_utf8_strdown lowers it alone,
 * equal the word's; for text rules (not e-mail domains) SQLite's query also
 * reads ς as σ and ß, ẞ as ss, as the scorer's g_utf8_casefold () does. Left
 * to SQLite's lower(): a capital whose lower case is ASCII (the Kelvin sign)
 * or more than one letter (İ). */
#define G_LOG_DOMAIN "mqlw-sql"

#include "config.h"

#include <string.h>

#include "mqlw-sql-private.h"

/* Nested replace() calls per expression: SQLite's parser stack holds about thirty. */
#define FOLD_STEP 20

/* Lower-case letter (outside ASCII) → the capitals that lower to it alone. */
static GHashTable *
capitals_table (void)
{
  static GHashTable *table;
  static gsize built_once = 0;

  if (g_once_init_enter (&built_once))
    {
      GHashTable *built = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);

      for (gunichar u = 0x80; u < 0x20000; u++)
        {
          char utf8[8] = { 0 };
          g_autofree char *down = NULL;
          gunichar l;
          GArray *list;

          if (!(g_unichar_isupper (u) || g_unichar_istitle (u)))
            continue;
          /* The letter's own lower case, out of context (a lone Σ is σ, not
           * the final ς g_utf8_strdown () gives at the end of a text). */
          g_unichar_to_utf8 (u, utf8);
          down = g_utf8_strdown (utf8, -1);
          l = g_unichar_tolower (u);
          if (l == u || l < 0x80 || g_utf8_strlen (down, -1) != 1)
            continue;
          list = g_hash_table_lookup (built, GUINT_TO_POINTER (l));
          if (list == NULL)
            {
              list = g_array_new (FALSE, FALSE, sizeof (gunichar));
              g_hash_table_insert (built, GUINT_TO_POINTER (l), list);
            }
          g_array_append_val (list, u);
        }
      table = built;
      g_once_init_leave (&built_once, 1);
    }
  return table;
}

void
sql_note_letters (SqlBuilder *b,
                  guint       index,
                  const char *lowered)
{
  if (b->d != MQLW_SQL_SQLITE || lowered == NULL || !g_utf8_validate (lowered, -1, NULL))
    return;
  for (const char *p = lowered; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar l = g_utf8_get_char (p);

      if (l < 0x80 || g_hash_table_lookup (capitals_table (), GUINT_TO_POINTER (l)) == NULL)
        continue;
      if (b->letters[index] == NULL)
        b->letters[index] = g_array_new (FALSE, FALSE, sizeof (gunichar));
      for (guint k = 0; k <= b->letters[index]->len; k++)
        {
          if (k == b->letters[index]->len || g_array_index (b->letters[index], gunichar, k) > l)
            {
              g_array_insert_val (b->letters[index], k, l);
              break;
            }
          if (g_array_index (b->letters[index], gunichar, k) == l)
            break;
        }
    }
}

enum {
  FOLD_SIGMA   = 1 << 0,   /* ς → σ: a word holds σ */
  FOLD_SHARP_S = 1 << 1,   /* ß, ẞ → ss: a word holds "ss" */
};

void
sql_note_casefold (SqlBuilder *b,
                   guint       index,
                   const char *folded)
{
  if (b->d != MQLW_SQL_SQLITE || folded == NULL)
    return;
  sql_note_letters (b, index, folded);
  if (strstr (folded, "σ") != NULL)
    b->extra_folds[index] |= FOLD_SIGMA;
  if (strstr (folded, "ss") != NULL)
    b->extra_folds[index] |= FOLD_SHARP_S;
}

gboolean
sql_folds (SqlBuilder *b,
           guint       index)
{
  return (b->letters[index] != NULL && b->letters[index]->len > 0) || b->extra_folds[index] != 0;
}

/* The (capital, letter) pairs column @index folds, in letter order. */
static GPtrArray *
fold_pairs (SqlBuilder *b,
            guint       index)
{
  GPtrArray *pairs = g_ptr_array_new_with_free_func (g_free);

  for (guint k = 0; b->letters[index] != NULL && k < b->letters[index]->len; k++)
    {
      gunichar l = g_array_index (b->letters[index], gunichar, k);
      GArray *capitals = g_hash_table_lookup (capitals_table (), GUINT_TO_POINTER (l));
      char lower[8] = { 0 };

      g_unichar_to_utf8 (l, lower);
      for (guint j = 0; j < capitals->len; j++)
        {
          char upper[8] = { 0 };
          g_autofree char *from = NULL, *to = NULL;

          g_unichar_to_utf8 (g_array_index (capitals, gunichar, j), upper);
          from = mqlw_sql_string (b->d, upper);
          to = mqlw_sql_string (b->d, lower);
          g_ptr_array_add (pairs, g_strdup_printf ("%s, %s", from, to));
        }
    }
  /* What g_utf8_casefold () does beyond lowering: the final sigma as σ, ß as ss. */
  if (b->extra_folds[index] & FOLD_SIGMA)
    g_ptr_array_add (pairs, g_strdup ("'ς', 'σ'"));
  if (b->extra_folds[index] & FOLD_SHARP_S)
    {
      g_ptr_array_add (pairs, g_strdup ("'ẞ', 'ss'"));
      g_ptr_array_add (pairs, g_strdup ("'ß', 'ss'"));
    }
  return pairs;
}

static char *
wrap (const char *x,
      GPtrArray  *pairs,
      guint       from,
      guint       to)
{
  GString *out = g_string_new (NULL);

  for (guint k = from; k < to; k++)
    g_string_append (out, "replace(");
  g_string_append (out, x);
  for (guint k = from; k < to; k++)
    g_string_append_printf (out, ", %s)", (const char *) g_ptr_array_index (pairs, k));
  return g_string_free (out, FALSE);
}

char *
sql_fold_expr (SqlBuilder *b,
               guint       index,
               const char *x)
{
  g_autoptr(GPtrArray) pairs = fold_pairs (b, index);
  g_autofree char *lower = g_strdup_printf ("lower(%s)", x);

  return wrap (lower, pairs, 0, MIN (pairs->len, FOLD_STEP));
}

char *
sql_add_fold (SqlBuilder *b,
              guint       index,
              const char *t)
{
  static const SqlLayer layers[] = { LAYER_DATE1, LAYER_DATE2, LAYER_DATE3, LAYER_DATE4, LAYER_DATE5, LAYER_DATE6 };
  g_autoptr(GPtrArray) pairs = fold_pairs (b, index);
  char *before = g_strdup_printf ("lower(%s)", t);
  guint step = 0;

  for (guint from = 0; from < pairs->len; step++)
    {
      /* The last step takes what is left. */
      guint to = step + 1 < G_N_ELEMENTS (layers) ? MIN (pairs->len, from + FOLD_STEP) : pairs->len;
      char *name = g_strdup_printf ("mqlw_f%u_%u", index, step);

      sql_add (b, layers[step], wrap (before, pairs, from, to), name);
      g_free (before);
      before = name;
      from = to;
    }
  return before;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-missing-fast"

/* mqlw_missing_is_placeholder () gives most values up on their first byte;
 * this compares it, on random values, with the plain reading of its contract:
 * the decoration around a value taken off, its words lower-cased with one
 * space between them, then compared with the placeholder words — the words
 * being the documented examples (mqlw_missing_placeholders ()) read the same
 * way — or a zero date (mqlw_missing_is_zero_date ()). */

#include "config.h"

#include <string.h>

#include "mqlw-core.h"

static gboolean
reference_decoration (char c)
{
  return strchr (" \t-_.()[]<>?*\"'", c) != NULL && c != '\0';
}

/* The trimmed, lower-cased, space-collapsed form of @text[0, @len). */
static char *
reference_normalize (const char *text,
                     gsize       len,
                     gboolean   *zero_date,
                     gsize      *trimmed)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  while (len > 0 && reference_decoration (text[0]))
    text++, len--;
  while (len > 0 && reference_decoration (text[len - 1]))
    len--;
  *zero_date = len > 0 && mqlw_missing_is_zero_date (text, len);
  *trimmed = len;
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];
      if (c == ' ' || c == '\t')
        {
          space = TRUE;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, g_ascii_tolower (c));
    }
  return g_string_free (out, FALSE);
}

static GHashTable *
reference_words (void)
{
  GHashTable *words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char * const *examples = mqlw_missing_placeholders ();

  for (guint i = 0; examples[i] != NULL; i++)
    {
      gboolean zero_date;
      gsize trimmed;
      g_hash_table_add (words, reference_normalize (examples[i], strlen (examples[i]), &zero_date, &trimmed));
    }
  return words;
}

static gboolean
reference_is_placeholder (GHashTable *words,
                          const char *text,
                          gsize       len)
{
  gboolean zero_date;
  gsize trimmed;
  g_autofree char *normal = reference_normalize (text, len, &zero_date, &trimmed);

  /* The contract's one shortcut: 32 bytes or more once trimmed is no placeholder. */
  return zero_date || (trimmed < 32 && g_hash_table_contains (words, normal));
}

static void
test_random_values (void)
{
  g_autoptr(GHashTable) words = reference_words ();
  const char * const *examples = mqlw_missing_placeholders ();
  guint n_examples = g_strv_length ((char **) examples);
  /* Bytes that start, decorate or spell placeholders, zero dates' bytes, and others. */
  static const char alphabet[] = " \t-_.()[]<>?*\"'0:/TSsNnUuEeBbCcPp#aeilotvdfyrx@1z\xc3\xa9";
  GRand *rand = g_rand_new_with_seed (15);
  guint matched = 0;

  /* Every documented example is one (the reference's words are read from them). */
  for (guint i = 0; i < n_examples; i++)
    g_assert_true (mqlw_missing_is_placeholder (examples[i], strlen (examples[i])));

  for (guint round = 0; round < 200000; round++)
    {
      GString *value = g_string_new (NULL);
      guint kind = g_rand_int_range (rand, 0, 4);

      if (kind == 0)
        {
          /* Random bytes of the alphabet. */
          guint len = g_rand_int_range (rand, 0, 40);
          for (guint k = 0; k < len; k++)
            g_string_append_c (value, alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]);
        }
      else if (kind == 1)
        {
          /* A zero date, perhaps decorated. */
          static const char * const dates[] = { "0000-00-00", "00/00/0000", "0000-00-00 00:00:00", "00000000",
                                                "0000-00-00T00:00", "000-00-00", "0000-00-01" };
          g_string_append (value, dates[g_rand_int_range (rand, 0, G_N_ELEMENTS (dates))]);
        }
      else
        {
          /* An example with its case, spaces and decoration changed, perhaps a byte more. */
          const char *example = examples[g_rand_int_range (rand, 0, n_examples)];
          for (const char *p = example; *p != '\0'; p++)
            {
              char c = *p;
              if (g_rand_boolean (rand))
                c = g_ascii_isupper (c) ? g_ascii_tolower (c) : g_ascii_toupper (c);
              if (c == ' ' && g_rand_int_range (rand, 0, 3) == 0)
                g_string_append_c (value, '\t');
              g_string_append_c (value, c);
            }
          if (g_rand_int_range (rand, 0, 3) == 0)
            g_string_prepend (value, g_rand_boolean (rand) ? "-- " : "(");
          if (g_rand_int_range (rand, 0, 3) == 0)
            g_string_append (value, g_rand_boolean (rand) ? " --" : ")");
          if (g_rand_int_range (rand, 0, 4) == 0)
            g_string_insert_c (value, g_rand_int_range (rand, 0, value->len + 1),
                               alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]);
        }
      {
        gboolean got = mqlw_missing_is_placeholder (value->str, value->len);
        gboolean want = reference_is_placeholder (words, value->str, value->len);
        if (got != want)
          g_error ("'%s': %d, the reference says %d", value->str, got, want);
        matched += want;
      }
      g_string_free (value, TRUE);
    }
  /* The rounds reached both answers often. */
  g_assert_cmpuint (matched, >, 20000);
  g_assert_cmpuint (matched, <, 180000);
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mqlw/missing-fast/random-values", test_random_values);
  return g_test_run ();
}

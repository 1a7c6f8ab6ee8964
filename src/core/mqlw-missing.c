/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-missing"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "mqlw-missing.h"

/* Compared after the decoration around them is taken off ("-- None --" →
 * "none", "(blank)" → "blank", "-" → ""). "NA" is left out: it is also a
 * region (North America) and a real answer in many columns. */
#define WORD(s) { s, sizeof s - 1 }
static const struct {
  const char *text;
  gsize       len;
} placeholder_words[] = {
  WORD (""), WORD ("select"), WORD ("please select"), WORD ("select one"), WORD ("choose one"), WORD ("none"),
  WORD ("n/a"), WORD ("#n/a"), WORD ("null"), WORD ("nil"), WORD ("nan"), WORD ("not provided"),
  WORD ("not available"), WORD ("not applicable"), WORD ("not specified"), WORD ("blank"), WORD ("empty"),
  WORD ("unknown"), WORD ("undefined"), WORD ("no value"),
  /* Google Analytics "(not set)", "(not provided)"; Salesforce's "--None--" as its
   * German, French and Spanish orgs write it ("--Keine--", "--Aucun--", "--Ninguno--") */
  WORD ("not set"), WORD ("keine"), WORD ("keine angabe"), WORD ("aucun"), WORD ("aucune"),
  WORD ("ninguno"), WORD ("ninguna"),
  /* German and Spanish forms left blank: "k. A." (keine Angabe), "n/v" (nicht verfügbar). Words
   * with a cased letter beyond ASCII ("Non renseigné") are left out: lower () folds "É" in
   * every SQL dialect but SQLite, mqlw_missing_is_placeholder () does not. */
  WORD ("k.a"), WORD ("k. a"), WORD ("n/v"), WORD ("nicht angegeben"), WORD ("sin especificar"),
  WORD ("no especificado"),
  /* Excel's error values, as its English, German, French and Spanish versions
   * write them into a saved sheet (a lookup that found nothing, a score
   * divided by zero): "#NV" is German "#N/A"; "#NAME?" loses its "?" as decoration */
  WORD ("#nv"), WORD ("#value!"), WORD ("#wert!"), WORD ("#valeur!"), WORD ("#¡valor!"),
  WORD ("#ref!"), WORD ("#bezug!"), WORD ("#¡ref!"), WORD ("#div/0!"), WORD ("#¡div/0!"),
  WORD ("#num!"), WORD ("#zahl!"), WORD ("#nombre!"), WORD ("#¡num!"), WORD ("#name"), WORD ("#nom"),
  WORD ("#¿nombre"), WORD ("#null!"), WORD ("#nul!"), WORD ("#¡nulo!"),
};
#undef WORD

/* As the documentation lists them. */
static const char * const placeholder_examples[] = {
  "Select", "Please select", "Select one", "Choose one", "-- None --", "None", "N/A", "#N/A",
  "null", "nil", "NaN", "not provided", "not available", "not applicable", "not specified",
  "(blank)", "empty", "unknown", "undefined", "no value", "-", "--", "?", "(not set)", "--Keine--",
  "Keine Angabe", "--Aucun--", "Aucune", "--Ninguno--", "Ninguna", "k.A.", "k. A.", "n/v", "Nicht angegeben",
  "Sin especificar", "No especificado", "#NV", "#VALUE!",
  "#WERT!", "#VALEUR!", "#¡VALOR!", "#REF!", "#BEZUG!", "#¡REF!", "#DIV/0!", "#¡DIV/0!",
  "#NUM!", "#ZAHL!", "#NOMBRE!", "#¡NUM!", "#NAME?", "#NOM?", "#¿NOMBRE?", "#NULL!", "#NUL!",
  "#¡NULO!", NULL,
};

/* The bytes taken off around a placeholder ("-- None --", "(blank)"). */
#define DECORATION " \t-_.()[]<>?*\"'"

/* The longest of placeholder_words in bytes ("nicht angegeben"). */
#define PLACEHOLDER_MAX 15

/* What a byte can be in a placeholder, built once from the lists above. */
enum {
  BYTE_DECORATION = 1 << 0,
  BYTE_START      = 1 << 1,   /* begins one of placeholder_words, in either case */
};

static const guint8 *
byte_classes (void)
{
  static guint8 classes[256];
  static gsize built = 0;

  if (g_once_init_enter (&built))
    {
      for (const char *d = DECORATION; *d != '\0'; d++)
        classes[(guchar) *d] |= BYTE_DECORATION;
      for (guint i = 0; i < G_N_ELEMENTS (placeholder_words); i++)
        if (placeholder_words[i].len > 0)
          {
            guchar c = (guchar) placeholder_words[i].text[0];
            classes[c] |= BYTE_START;
            classes[(guchar) g_ascii_toupper (c)] |= BYTE_START;
          }
      g_once_init_leave (&built, 1);
    }
  return classes;
}

static inline gboolean
is_decoration (const guint8 *classes,
               char          c)
{
  return (classes[(guchar) c] & BYTE_DECORATION) != 0;
}

gboolean
mqlw_missing_is_zero_date (const char *text,
                           gsize       len)
{
  guint zeros = 0, marks = 0;

  if (len >= 32)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '0')
        zeros++;
      else if (strchr (MQLW_MISSING_ZERO_DATE_MARKS, text[i]) != NULL && text[i] != '\0')
        marks++;
      else
        return FALSE;
    }
  return zeros >= 8 && marks > 0;
}

gboolean
mqlw_missing_is_placeholder (const char *text,
                             gsize       len)
{
  char buf[PLACEHOLDER_MAX + 2];
  gsize n = 0;
  gboolean space = FALSE;

  const guint8 *classes = byte_classes ();

  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  /* It is called for every distinct value of a column (e-mails, ids, names):
   * a value whose first byte is no decoration, no '0' (a zero date) and no
   * word's first letter is given up before any other work — exactly what the
   * steps below would conclude, as trimming its end can never empty it. */
  if (len > 0 && text[0] != '0' && !(classes[(guchar) text[0]] & (BYTE_DECORATION | BYTE_START)))
    return FALSE;
  while (len > 0 && is_decoration (classes, text[0]))
    text++, len--;
  while (len > 0 && is_decoration (classes, text[len - 1]))
    len--;
  if (len > 0 && text[0] == '0' && mqlw_missing_is_zero_date (text, len))
    return TRUE;
  if (len >= 32 || (len > 0 && !(classes[(guchar) text[0]] & BYTE_START)))
    return FALSE;
  /* Lower case, one space between words ("Not   provided" = "not provided");
   * it is called for every distinct value of a column (e-mails, ids): a value
   * longer than every word is given up as soon as that shows. */
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];
      if (c == ' ' || c == '\t')
        {
          space = TRUE;
          continue;
        }
      if (n + (space ? 2 : 1) > PLACEHOLDER_MAX)
        return FALSE;
      if (space)
        buf[n++] = ' ';
      space = FALSE;
      buf[n++] = c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
    }
  for (guint i = 0; i < G_N_ELEMENTS (placeholder_words); i++)
    if (placeholder_words[i].len == n && memcmp (buf, placeholder_words[i].text, n) == 0)
      return TRUE;
  return FALSE;
}

const char * const *
mqlw_missing_placeholders (void)
{
  return placeholder_examples;
}

/* ---- sets --------------------------------------------------------------- */

struct _MqlwMissingSet {
  gboolean    builtin;
  GHashTable *folded;    /* casefolded value → itself */
  GPtrArray  *values;    /* as given, NULL-terminated */
};

static char *
fold_value (const char *text,
            gssize      len)
{
  g_autofree char *copy = len < 0 ? g_strdup (text) : g_strndup (text, len);
  return g_utf8_casefold (g_strstrip (copy), -1);
}

static void
add_value (MqlwMissingSet *self,
           const char     *value)
{
  char *folded;

  if (value == NULL)
    return;
  folded = fold_value (value, -1);
  if (g_hash_table_contains (self->folded, folded))
    {
      g_free (folded);
      return;
    }
  g_hash_table_add (self->folded, folded);
  g_ptr_array_insert (self->values, self->values->len - 1, g_strdup (value));
}

MqlwMissingSet *
mqlw_missing_set_new (const MqlwMapping    *mapping,
                      const MqlwColumnSpec *spec)
{
  MqlwMissingSet *self;

  g_return_val_if_fail (mapping != NULL, NULL);

  self = g_new0 (MqlwMissingSet, 1);
  self->builtin = mapping->detect_placeholders;
  self->folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->values = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->values, NULL);
  for (guint i = 0; mapping->missing_values != NULL && i < mapping->missing_values->len; i++)
    add_value (self, g_ptr_array_index (mapping->missing_values, i));
  for (guint i = 0; spec != NULL && spec->missing_values != NULL && spec->missing_values[i] != NULL; i++)
    add_value (self, spec->missing_values[i]);
  return self;
}

void
mqlw_missing_set_free (MqlwMissingSet *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->folded);
  g_ptr_array_unref (self->values);
  g_free (self);
}

gboolean
mqlw_missing_set_match (const MqlwMissingSet *self,
                        const char           *text,
                        gsize                 len)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->builtin && mqlw_missing_is_placeholder (text, len))
    return TRUE;
  if (g_hash_table_size (self->folded) > 0)
    {
      g_autofree char *folded = fold_value (text, len);
      return g_hash_table_contains (self->folded, folded);
    }
  return FALSE;
}

const char * const *
mqlw_missing_set_values (const MqlwMissingSet *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->values->pdata;
}

/* ---- tallies ------------------------------------------------------------ */

typedef struct {
  char    *value;
  guint64  rows;
  guint    order;
} TallyEntry;

struct _MqlwMissingTally {
  GHashTable *entries;   /* casefolded value → TallyEntry* */
};

static void
tally_entry_free (TallyEntry *entry)
{
  g_free (entry->value);
  g_free (entry);
}

MqlwMissingTally *
mqlw_missing_tally_new (void)
{
  MqlwMissingTally *self = g_new0 (MqlwMissingTally, 1);

  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) tally_entry_free);
  return self;
}

void
mqlw_missing_tally_free (MqlwMissingTally *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->entries);
  g_free (self);
}

void
mqlw_missing_tally_add (MqlwMissingTally *self,
                        const char       *text,
                        gsize             len,
                        guint64           rows)
{
  g_autofree char *folded = NULL;
  TallyEntry *entry;

  g_return_if_fail (self != NULL);

  folded = fold_value (text, len);
  entry = g_hash_table_lookup (self->entries, folded);
  if (entry == NULL)
    {
      entry = g_new0 (TallyEntry, 1);
      entry->value = g_strndup (text, len);
      entry->order = g_hash_table_size (self->entries);
      g_hash_table_insert (self->entries, g_steal_pointer (&folded), entry);
    }
  entry->rows += rows;
}

void
mqlw_missing_tally_merge (MqlwMissingTally       *self,
                          const MqlwMissingTally *other)
{
  g_auto(GStrv) values = NULL;

  g_return_if_fail (self != NULL);

  if (other == NULL)
    return;
  values = mqlw_missing_tally_values (other);
  for (guint i = 0; values[i] != NULL; i++)
    mqlw_missing_tally_add (self, values[i], strlen (values[i]), mqlw_missing_tally_count (other, values[i]));
}

guint64
mqlw_missing_tally_rows (const MqlwMissingTally *self)
{
  GHashTableIter iter;
  gpointer value;
  guint64 rows = 0;

  g_return_val_if_fail (self != NULL, 0);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    rows += ((TallyEntry *) value)->rows;
  return rows;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const TallyEntry *x = *(const TallyEntry * const *) a;
  const TallyEntry *y = *(const TallyEntry * const *) b;

  if (x->rows != y->rows)
    return x->rows > y->rows ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

static GPtrArray *
sorted_entries (const MqlwMissingTally *self)
{
  GPtrArray *sorted = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (sorted, value);
  g_ptr_array_sort (sorted, compare_entries);
  return sorted;
}

GStrv
mqlw_missing_tally_values (const MqlwMissingTally *self)
{
  g_autoptr(GPtrArray) sorted = NULL;
  GStrv values;

  g_return_val_if_fail (self != NULL, NULL);

  sorted = sorted_entries (self);
  values = g_new0 (char *, sorted->len + 1);
  for (guint i = 0; i < sorted->len; i++)
    values[i] = g_strdup (((TallyEntry *) g_ptr_array_index (sorted, i))->value);
  return values;
}

guint64
mqlw_missing_tally_count (const MqlwMissingTally *self,
                          const char             *value)
{
  g_autofree char *folded = NULL;
  TallyEntry *entry;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (value != NULL, 0);

  folded = fold_value (value, -1);
  entry = g_hash_table_lookup (self->entries, folded);
  return entry != NULL ? entry->rows : 0;
}

char *
mqlw_missing_tally_describe (const MqlwMissingTally *self)
{
  g_autoptr(GPtrArray) sorted = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  sorted = sorted_entries (self);
  for (guint i = 0; i < sorted->len; i++)
    {
      const TallyEntry *entry = g_ptr_array_index (sorted, i);

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "'%s' (%" PRIu64 " row)",
                                                "'%s' (%" PRIu64 " rows)", entry->rows),
                              entry->value, entry->rows);
    }
  return g_string_free (out, FALSE);
}

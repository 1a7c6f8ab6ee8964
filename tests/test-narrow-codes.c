/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text codes held narrow while the import reads them (in blocks of 65 536
 * rows at 1, 2 or 4 bytes, widened as a part's dictionary grows, each part's
 * codes mapped into the first's dictionary when the blocks are taken): every
 * lead's text, read back through its code, is the value the test wrote, and
 * each column ends at the width its dictionary needs, with one parser and
 * with two, three and seven. */
#define G_LOG_DOMAIN "mqlw-test-narrow-codes"

#include "config.h"

#include <string.h>

#include "mqlw-core.h"
#include "mqlw-csv-private.h"
#include "mqlw-column-blocks.h"

#define N_ROWS 140000
#define SAMPLE 2000   /* the rows the import's sample sees: few values there, so no column is taken as ids */

typedef struct {
  const char *name;
  guint       distinct;   /* values after the sample */
  gboolean    placeholder;
  guint       width;      /* the width its dictionary needs at the end */
} Spec;

/* tier: 5 values, 1 byte. city: 254 values and "N/A", 255 entries (2 bytes)
 * until "N/A" leaves the dictionary as missing, then 1 byte. company: 300
 * values (blocks widen from 1 to 2 bytes). product: 40 000 values (blocks to
 * 4 bytes, past 32 767; the column 2 bytes). */
static const Spec specs[] = {
  { "tier", 5, FALSE, 1 },
  { "city", 254, TRUE, 1 },
  { "company", 300, FALSE, 2 },
  { "product", 40000, FALSE, 2 },
};

/* Lead @i's value of column @k, or NULL when blank or a placeholder. */
static char *
value_of (guint  k,
          guint  i,
          GRand *rand,
          gboolean *placeholder)
{
  const Spec *spec = &specs[k];
  guint32 r = g_rand_int (rand);

  *placeholder = FALSE;
  if (r % 50 == 0)
    return NULL;   /* blank */
  if (spec->placeholder && r % 50 == 1)
    {
      *placeholder = TRUE;
      return NULL;
    }
  /* The sample holds few values; later rows all of them, in a shuffled order. */
  if (i < SAMPLE)
    return g_strdup_printf ("%s %u", spec->name, (r >> 8) % 3);
  return g_strdup_printf ("%s %u", spec->name, (r >> 8) % spec->distinct);
}

typedef struct {
  GBytes    *bytes;
  GPtrArray *expected[G_N_ELEMENTS (specs)];   /* char* per row, NULL for missing */
} Text;

static void
text_free (Text *text)
{
  g_bytes_unref (text->bytes);
  for (guint k = 0; k < G_N_ELEMENTS (specs); k++)
    g_ptr_array_unref (text->expected[k]);
  g_free (text);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Text, text_free)

static Text *
build_text (guint32 seed)
{
  Text *text = g_new0 (Text, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GString *csv = g_string_new ("lead,tier,city,company,product,sql\n");

  for (guint k = 0; k < G_N_ELEMENTS (specs); k++)
    text->expected[k] = g_ptr_array_new_full (N_ROWS, g_free);
  for (guint i = 0; i < N_ROWS; i++)
    {
      g_string_append_printf (csv, "%u", i + 1);
      for (guint k = 0; k < G_N_ELEMENTS (specs); k++)
        {
          gboolean placeholder;
          char *value = value_of (k, i, rand, &placeholder);

          g_string_append_c (csv, ',');
          if (value != NULL)
            g_string_append (csv, value);
          else if (placeholder)
            g_string_append (csv, "N/A");
          g_ptr_array_add (text->expected[k], value);
        }
      g_string_append (csv, g_rand_boolean (rand) ? ",yes\n" : ",no\n");
    }
  text->bytes = g_string_free_to_bytes (csv);
  return text;
}

static MqlwDataset *
import_parts (GBytes  *bytes,
              guint    n,
              GError **error)
{
  MqlwDataset *dataset;

  /* One part: the checked read by one parser; more: split that many ways. */
  mqlw_import_set_split_min (n == 1 ? G_MAXSIZE : 0);
  mqlw_import_set_parts (n);
  dataset = mqlw_import_bytes (bytes, "leads.csv", NULL, NULL, NULL, NULL, NULL, error);
  mqlw_import_set_parts (0);
  mqlw_import_set_split_min ((gsize) 4 << 20);
  return dataset;
}

static void
test_values_and_widths (void)
{
  static const guint parts[] = { 1, 2, 3, 7 };
  g_autoptr(Text) text = build_text (20261206);

  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MqlwDataset) dataset = NULL;
      guint splits = mqlw_import_get_split_count ();

      g_test_message ("%u part(s)", parts[p]);
      dataset = import_parts (text->bytes, parts[p], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (dataset->n_rows, ==, N_ROWS);
      /* Really read in parts. */
      g_assert_cmpuint (mqlw_import_get_split_count () - splits, ==, parts[p] > 1 ? 1 : 0);
      for (guint k = 0; k < G_N_ELEMENTS (specs); k++)
        {
          const MqlwColumn *column = mqlw_dataset_get_column (dataset, specs[k].name);

          g_assert_nonnull (column);
          g_assert_cmpint (column->type, ==, MQLW_COLUMN_TYPE_CATEGORICAL);
          g_assert_cmpuint (column->width, ==, specs[k].width);
          for (guint i = 0; i < N_ROWS; i++)
            {
              const char *want = g_ptr_array_index (text->expected[k], i);
              const char *got = mqlw_column_string (column, i);

              if (g_strcmp0 (want, got) != 0)
                g_error ("%u part(s), column %s, row %u: '%s', expected '%s'", parts[p], specs[k].name, i,
                         got != NULL ? got : "(missing)", want != NULL ? want : "(missing)");
            }
        }
    }
}

/* Every lead's text read back through its code is the value written. */
static void
assert_values (const Text  *text,
               MqlwDataset *dataset)
{
  g_assert_cmpuint (dataset->n_rows, ==, N_ROWS);
  for (guint k = 0; k < G_N_ELEMENTS (specs); k++)
    {
      const MqlwColumn *column = mqlw_dataset_get_column (dataset, specs[k].name);

      for (guint i = 0; i < N_ROWS; i++)
        g_assert_cmpstr (mqlw_column_string (column, i), ==, g_ptr_array_index (text->expected[k], i));
    }
}

/* Memory refused for a block or for a column being joined (the blocks' room
 * limit from the n-th allocation on): the import fails with an error naming
 * the file and a column, never aborts and never gives a dataset with values
 * lost; with room for every allocation it reads every value, and refusing
 * fewer allocations never fails where more failed. */
static void
test_memory_refused (void)
{
  static const guint parts[] = { 1, 2, 3 };
  static const guint limits[] = { 0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, G_MAXUINT };
  g_autoptr(Text) text = build_text (20261207);

  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    {
      gboolean read_once = FALSE;

      for (guint l = 0; l < G_N_ELEMENTS (limits); l++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(MqlwDataset) dataset = NULL;

          g_test_message ("%u part(s), room for %u allocations", parts[p], limits[l]);
          mqlw_column_blocks_set_room_limit (limits[l]);
          dataset = import_parts (text->bytes, parts[p], &error);
          mqlw_column_blocks_set_room_limit (G_MAXUINT);
          if (dataset == NULL)
            {
              g_assert_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_LIMIT);
              g_assert_true (g_str_has_prefix (error->message, "leads.csv: column "));
              g_assert_true (g_str_has_suffix (error->message, ": there is not enough memory for this column's values"));
              g_assert_false (read_once);
              continue;
            }
          g_assert_no_error (error);
          assert_values (text, dataset);
          read_once = TRUE;
        }
      /* The smallest limits failed (the first block is refused), the last read it. */
      g_assert_true (read_once);
    }
  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MqlwDataset) dataset = NULL;

      mqlw_column_blocks_set_room_limit (0);
      dataset = import_parts (text->bytes, parts[p], &error);
      mqlw_column_blocks_set_room_limit (G_MAXUINT);
      g_assert_null (dataset);
      g_assert_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_LIMIT);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mqlw/narrow-codes/values-and-widths", test_values_and_widths);
  g_test_add_func ("/mqlw/narrow-codes/memory-refused", test_memory_refused);

  return g_test_run ();
}

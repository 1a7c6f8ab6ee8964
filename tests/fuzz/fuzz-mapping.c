/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: a column mapping (JSON). One that reads must write back to JSON
 * that reads again as the same, and must apply to a small history (its
 * joins left out). */
#define G_LOG_DOMAIN "mqlw-fuzz"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mqlw-core.h"
#include "fuzz-util.h"

static const char history[] =
  "lead_id,email,company_size,created_at,sql,won,stage\n"
  "L1,a@x.com,120,2025-01-03,yes,no,Engaging\n"
  "L2,b@y.org,15,03/04/2025,no,,New\n"
  "L3,c@z.net,,2025-02-28,1,1,Closed Won\n";

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(MqlwMapping) mapping = NULL;
  g_autoptr(MqlwMapping) again = NULL;
  g_autoptr(MqlwCsvPreview) preview = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  mapping = mqlw_mapping_from_json ((const char *) data, (gssize) size, &error);
  if (mapping == NULL)
    {
      if (error == NULL)
        abort ();
      return 0;
    }
  json = mqlw_mapping_to_json (mapping);
  again = mqlw_mapping_from_json (json, -1, NULL);
  if (again == NULL)
    abort ();
  json_again = mqlw_mapping_to_json (again);
  if (strcmp (json, json_again) != 0)
    abort ();

  /* Joins name files: the fuzzer is not to read whatever file it names. */
  g_ptr_array_set_size (mapping->joins, 0);
  bytes = g_bytes_new_static (history, sizeof history - 1);
  preview = mqlw_csv_preview_bytes (bytes, "history.csv", mapping, 3, NULL, &error);
  if (preview == NULL && error == NULL)
    abort ();
  return 0;
}

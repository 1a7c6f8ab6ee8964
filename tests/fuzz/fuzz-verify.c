/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: an agreed-model export as `mqlw verify` reads it. It is an
 * export (a result: as signed, or which parts changed) or it is not (a
 * GError saying why); never a crash, a critical or a hang, whatever the
 * nesting, size or numbers of the JSON. */
#define G_LOG_DOMAIN "mqlw-fuzz"

#include "config.h"

#include <stdlib.h>

#include "mqlw-core.h"
#include "fuzz-util.h"

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
  g_autoptr(MqlwVerifyResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (mqlw_signoff_verify ((const char *) data, (gssize) size, NULL, &result, &error))
    {
      if (result == NULL || error != NULL)
        abort ();
    }
  else if (error == NULL)
    abort ();
  return 0;
}

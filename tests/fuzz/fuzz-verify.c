/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: an agreed-model export as `mqlw verify` reads it. It is an
 * export (a result: as signed, or which parts changed) or it is not (a
 * GError saying why); never a crash, a critical or a hang, whatever the
 * nesting, size or numbers of the JSON. A result is the same when the text is
 * verified again, names only parts an export has, and every sentence and
 * name in it is UTF-8 (it is printed and shown as it is). */
#define G_LOG_DOMAIN "mqlw-fuzz"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mqlw-core.h"
#include "fuzz-util.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

static void
check_text (const char *text)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    abort ();
}

static void
check_result (const MqlwVerifyResult *result)
{
  if (result->changed >> MQLW_SIGNOFF_N_PARTS != 0)
    abort ();
  for (guint i = 0; i < result->messages->len; i++)
    check_text (g_ptr_array_index (result->messages, i));
  if (result->unknown_members != NULL)
    for (guint i = 0; i < result->unknown_members->len; i++)
      check_text (g_ptr_array_index (result->unknown_members, i));
  if (result->signatures != NULL)
    for (guint i = 0; i < result->signatures->len; i++)
      {
        const MqlwSignatureCheck *check = g_ptr_array_index (result->signatures, i);

        check_text (check->name);
        check_text (check->fingerprint);
        check_text (check->signed_at);
        check_text (check->message);
      }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(MqlwVerifyResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (mqlw_signoff_verify ((const char *) data, (gssize) size, NULL, &result, &error))
    {
      g_autoptr(MqlwVerifyResult) again = NULL;

      if (result == NULL || error != NULL)
        abort ();
      check_result (result);
      if (!mqlw_signoff_verify ((const char *) data, (gssize) size, NULL, &again, &error)
          || again->changed != result->changed || again->digest_ok != result->digest_ok
          || again->messages->len != result->messages->len)
        abort ();
      for (guint i = 0; i < result->messages->len; i++)
        if (strcmp (g_ptr_array_index (result->messages, i), g_ptr_array_index (again->messages, i)) != 0)
          abort ();
    }
  else if (error == NULL)
    abort ();
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-bool-words.h — the words exports write for yes and no.
 *
 * One list for every reader of yes/no values: the import (mqlw_field_parse_bool,
 * which switches on length for speed and is checked against this list by
 * test-value), the role detection's description of a column, a model's
 * criterion values and the SQL export. Matching ignores ASCII case and the
 * spaces around a value: 1/0, yes/no, true/false, Y/N, T/F; Excel's TRUE/FALSE
 * in German, French and Spanish (WAHR/FALSCH, VRAI/FAUX, VERDADERO/FALSO);
 * ja/nein, oui/non, sí/si/no; and marks: X (SAP and Excel check columns), ✓ ✔
 * for yes, ✗ ✘ for no. A column of marks alone leaves its blanks unknown like
 * any other yes/no column (see mqlw-health.c: "marks only"). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *word;     /* lower case, UTF-8 */
  gboolean    yes;
  const char *flavour;  /* the pair it belongs to, for reasons: "ja/nein" */
  guint       pair;     /* index of the pair, < 32 */
} MqlwBoolWord;

/* The words, ending with { NULL }. */
const MqlwBoolWord *mqlw_bool_words      (void);
/* The entry for @text (@len bytes, untrimmed), or NULL when it is no yes/no word. */
const MqlwBoolWord *mqlw_bool_word_find  (const char *text,
                                          gsize       len);
/* Whether @text is a mark (X, ✓, ✔) rather than a word. */
gboolean            mqlw_bool_word_is_mark (const MqlwBoolWord *word);

G_END_DECLS

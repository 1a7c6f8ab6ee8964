/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-bool-words"

#include "config.h"

#include <string.h>

#include "mqlw-bool-words.h"

enum {
  PAIR_01, PAIR_YES_NO, PAIR_TRUE_FALSE, PAIR_Y_N, PAIR_T_F, PAIR_MARKS, PAIR_DE, PAIR_FR, PAIR_ES,
  PAIR_DE_EXCEL, PAIR_FR_EXCEL, PAIR_ES_EXCEL,
};

static const MqlwBoolWord words[] = {
  { "1", TRUE, "0/1", PAIR_01 }, { "0", FALSE, "0/1", PAIR_01 },
  { "yes", TRUE, "yes/no", PAIR_YES_NO }, { "no", FALSE, "yes/no", PAIR_YES_NO },
  { "true", TRUE, "true/false", PAIR_TRUE_FALSE }, { "false", FALSE, "true/false", PAIR_TRUE_FALSE },
  { "y", TRUE, "Y/N", PAIR_Y_N }, { "n", FALSE, "Y/N", PAIR_Y_N },
  { "t", TRUE, "T/F", PAIR_T_F }, { "f", FALSE, "T/F", PAIR_T_F },
  { "x", TRUE, "X marks", PAIR_MARKS }, { "\u2713", TRUE, "X marks", PAIR_MARKS },
  { "\u2714", TRUE, "X marks", PAIR_MARKS }, { "\u2717", FALSE, "X marks", PAIR_MARKS },
  { "\u2718", FALSE, "X marks", PAIR_MARKS },
  { "ja", TRUE, "ja/nein", PAIR_DE }, { "nein", FALSE, "ja/nein", PAIR_DE },
  { "oui", TRUE, "oui/non", PAIR_FR }, { "non", FALSE, "oui/non", PAIR_FR },
  { "s\u00ed", TRUE, "sí/no", PAIR_ES }, { "si", TRUE, "sí/no", PAIR_ES },
  { "wahr", TRUE, "wahr/falsch", PAIR_DE_EXCEL }, { "falsch", FALSE, "wahr/falsch", PAIR_DE_EXCEL },
  { "vrai", TRUE, "vrai/faux", PAIR_FR_EXCEL }, { "faux", FALSE, "vrai/faux", PAIR_FR_EXCEL },
  { "verdadero", TRUE, "verdadero/falso", PAIR_ES_EXCEL }, { "falso", FALSE, "verdadero/falso", PAIR_ES_EXCEL },
  { NULL, FALSE, NULL, 0 },
};

const MqlwBoolWord *
mqlw_bool_words (void)
{
  return words;
}

const MqlwBoolWord *
mqlw_bool_word_find (const char *text,
                     gsize       len)
{
  g_return_val_if_fail (text != NULL || len == 0, NULL);

  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;
  while (len > 0 && g_ascii_isspace (text[0]))
    text++, len--;
  for (guint i = 0; words[i].word != NULL; i++)
    if (strlen (words[i].word) == len && g_ascii_strncasecmp (text, words[i].word, len) == 0)
      return &words[i];
  return NULL;
}

gboolean
mqlw_bool_word_is_mark (const MqlwBoolWord *word)
{
  return word != NULL && word->pair == PAIR_MARKS;
}

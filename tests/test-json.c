/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one JSON loader (mqlw-json-limits): what json-glib's scanner reads but JSON does not
 * have is refused with its line, column and path; what is harmless reads as JSON says. Every
 * expectation is worked out by hand from the text (columns count bytes from 1). */
#define G_LOG_DOMAIN "mqlw-test-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mqlw-core.h"

static const struct {
  const char *text;
  const char *message;   /* in the error */
} refused[] = {
  /* json-glib takes a C comment and skips it; '/' is column 9 */
  { "{\"a\": 1 /* c */}", "line 1, column 9: $.a: “/” is not JSON here" },
  /* single quotes: json-glib reads 'a' as the key a */
  { "{'a': 1}", "line 1, column 2: $: “'” is not JSON here" },
  /* json-glib reads 010 as 8 and 0x10 as 16, 0b1 as 1 */
  { "{\"t\": 010}", "line 1, column 7: $.t: 010 is not a number as JSON writes it" },
  { "{\"t\": 0x10}", "line 1, column 7: $.t: 0x10 is not a number as JSON writes it" },
  { "{\"t\": 0b1}", "line 1, column 7: $.t: 0b1 is not a number as JSON writes it" },
  { "{\"t\": 01.5}", "line 1, column 7: $.t: 01.5 is not a number as JSON writes it" },
  /* ".5" and "1." are read as 0.5 and 1.0 */
  { "{\"t\": .5}", "line 1, column 7: $.t: .5 is not a JSON value" },
  { "{\"t\": 1.}", "line 1, column 7: $.t: 1. is not a number as JSON writes it" },
  { "{\"t\": -.5}", "line 1, column 7: $.t: -.5 is not a number as JSON writes it" },
  /* a raw tab and a raw line break inside a string: the tab is byte 9 of line 2 */
  { "{\n \"n\": \"a\tb\"}", "line 2, column 9: $.n: a control character (U+0009) inside a string" },
  { "[\"a\nb\"]", "line 1, column 4: $[0]: a control character (U+000A) inside a string" },
  /* \u0000 would end the string there: "A" alone */
  { "[\"A\\u0000B\"]", "line 1, column 4: $[0]: \\u0000 is a NUL character" },
  /* the second value is dropped by json-glib */
  { "{\"a\": 1}{\"b\": 2}", "line 1, column 9: $: more text after the end of the JSON value" },
  { "[1]\n{}", "line 2, column 1: $: more text after the end of the JSON value" },
  /* json-glib refuses a second string itself; its column is the string's end */
  { "\"x\" \"y\"", "line 1, column 7: this is not valid JSON" },
  /* an escape that is not JSON's, with a non-ASCII character: named whole (é is 2 bytes) */
  { "[\"\\é\"]", "line 1, column 3: $[0]: \\é is not a JSON escape" },
  { "[\"\\x41\"]", "line 1, column 3: $[0]: \\x is not a JSON escape" },
  { "[\"\\'\"]", "line 1, column 3: $[0]: \\' is not a JSON escape" },
  /* a string with a line break before a bad escape: the escape is on line 2, column 1 (the
   * escape is refused before json-glib reads, the line break after) */
  { "[\"a\n\\q\"]", "line 2, column 1: $[0]: \\q is not a JSON escape" },
  /* json-glib refuses these itself */
  { "{\"a\": NaN}", "line 1, column 9: this is not valid JSON" },
  { "{\"a\": Infinity}", "line 1, column 14: this is not valid JSON" },
  { "{\"a\": 1,}", "line 1, column 8: this is not valid JSON" },
  { "[1, 2,]", "line 1, column 6: this is not valid JSON" },
  { "{a: 1}", "line 1, column 1: this is not valid JSON" },
  /* numbers out of range (the scan before json-glib) */
  { "{\"a\": 1e400}", "$.a: the number 1e400 is too large to be read (line 1)" },
  { "{\"a\": 9223372036854775808}", "$.a: the number 9223372036854775808 is too large" },
  { "{\"a\": -9223372036854775809}", "$.a: the number -9223372036854775809 is too large" },
  /* json-glib reads this one as -1 */
  { "{\"a\": 18446744073709551615}", "$.a: the number 18446744073709551615 is too large" },
  /* json-glib keeps the last of two equal keys */
  { "{\"a\": 1,\n \"a\": 2}", "$.a: the key “a” appears twice in this object (lines 1 and 2)" },
  /* identifiers JSON does not have: json-glib names the column of their last letter */
  { "{\"a\": True}", "line 1, column 10: this is not valid JSON" },
  { "{\"a\": undefined}", "line 1, column 15: this is not valid JSON" },
  /* a form feed is not JSON white space (json-glib says so itself) */
  { "{\"a\":\f1}", "line 1, column 6: this is not valid JSON" },
};

static void
test_refused (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (refused); k++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", refused[k].text);
      g_assert_false (mqlw_json_load (parser, refused[k].text, -1, &error));
      g_assert_error (error, MQLW_JSON_ERROR, error->code);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      if (strstr (error->message, refused[k].message) == NULL)
        g_error ("%s: “%s” is not in “%s”", refused[k].text, refused[k].message, error->message);
    }
}

static JsonNode *
load (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (mqlw_json_load (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* What JSON has, read as JSON means it. */
static void
test_harmless (void)
{
  g_autoptr(JsonNode) tiny = load ("[0.1e-400, -0, -0.0, 1E+2, 0e5, 1.5e-3]");
  g_autoptr(JsonNode) bom = load ("\xEF\xBB\xBF{\"a\": 1}\r\n\t ");
  g_autoptr(JsonNode) text = load ("[\"\\u00e9\\ud83d\\ude00\\n\\t\\/\\u0001\", \"\"]");
  g_autoptr(JsonNode) words = load (" [true, false, null, -9223372036854775808, 9223372036854775807] ");
  JsonArray *a = json_node_get_array (tiny);

  /* 0.1e-400 is below the smallest double: 0, as Python's json reads it */
  g_assert_cmpfloat (json_array_get_double_element (a, 0), ==, 0.0);
  g_assert_cmpint (json_array_get_int_element (a, 1), ==, 0);
  g_assert_true (signbit (json_array_get_double_element (a, 2)));
  g_assert_cmpfloat (json_array_get_double_element (a, 3), ==, 100.0);
  g_assert_cmpfloat (json_array_get_double_element (a, 4), ==, 0.0);
  g_assert_cmpfloat (json_array_get_double_element (a, 5), ==, 0.0015);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (bom), "a"), ==, 1);
  /* é is C3 A9, U+1F600 is F0 9F 98 80 */
  g_assert_cmpstr (json_array_get_string_element (json_node_get_array (text), 0), ==,
                   "\xC3\xA9\xF0\x9F\x98\x80\n\t/\x01");
  g_assert_cmpstr (json_array_get_string_element (json_node_get_array (text), 1), ==, "");
  g_assert_true (json_array_get_boolean_element (json_node_get_array (words), 0));
  g_assert_true (json_array_get_null_element (json_node_get_array (words), 2));
  g_assert_cmpint (json_array_get_int_element (json_node_get_array (words), 3), ==, G_MININT64);
  g_assert_cmpint (json_array_get_int_element (json_node_get_array (words), 4), ==, G_MAXINT64);
}

/* The check after the parse: a tree holding bytes that are not UTF-8 (as a fourth json-glib
 * quirk might make) is refused with the path. */
static void
test_tree (void)
{
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), json_object_new ());
  JsonObject *object = json_node_get_object (root);
  JsonArray *list = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) key_error = NULL;
  g_autoptr(GError) number_error = NULL;
  g_autoptr(JsonNode) keyed = json_node_init_object (json_node_alloc (), json_object_new ());
  g_autoptr(JsonNode) infinite = json_node_init_array (json_node_alloc (), json_array_new ());

  json_array_add_string_element (list, "fine");
  json_array_add_string_element (list, "bad \xED\xA0\x80 half");
  json_object_set_string_member (object, "name", "ok");
  json_object_set_array_member (object, "missing values", list);
  g_assert_true (g_utf8_validate ("ok", -1, NULL));
  g_assert_false (mqlw_json_check_tree (root, &error));
  /* "bad " is 4 bytes: the fifth is the first that is not UTF-8 */
  g_assert_cmpstr (error->message, ==,
                   "$[\"missing values\"][1]: a text that is not UTF-8 once read (byte 5); "
                   "write the characters themselves, not escapes");

  json_object_set_int_member (json_node_get_object (keyed), "\xFF", 1);
  g_assert_false (mqlw_json_check_tree (keyed, &key_error));
  g_assert_true (g_str_has_prefix (key_error->message, "$: a key that is not UTF-8 once read (byte 1)"));

  json_array_add_double_element (json_node_get_array (infinite), INFINITY);
  g_assert_false (mqlw_json_check_tree (infinite, &number_error));
  g_assert_error (number_error, MQLW_JSON_ERROR, MQLW_JSON_ERROR_NUMBER);
  g_assert_cmpstr (number_error->message, ==, "$[0]: a number too large to be read");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mqlw/json/refused", test_refused);
  g_test_add_func ("/mqlw/json/harmless", test_harmless);
  g_test_add_func ("/mqlw/json/tree", test_tree);
  return g_test_run ();
}

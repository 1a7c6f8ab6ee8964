/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-bad-input"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "bad-input-cases.h"

#define IMPORT(code) "import", MQLW_IMPORT_ERROR_##code
#define MAPPING(code) "mapping", MQLW_MAPPING_ERROR_##code
#define MODEL(code) "model", MQLW_MODEL_ERROR_##code
#define SIGNOFF(code) "signoff", MQLW_SIGNOFF_ERROR_##code

/* Each row: the file, what it is read as, the message that must come (the
 * line numbers counted by hand in the fixture, or in the generator below). */
const BadCase bad_cases[] = {
  /* ---- CSV: structure ---- */
  /* line 4 holds "L3,yes,FR,extra": 4 fields against 3 */
  { "ragged.csv", BAD_CSV, NULL, IMPORT (RAGGED), "line 4: 4 fields, the header has 3", 2, 0 },
  /* the quote opens on line 3 and the file ends inside it */
  { "unterminated-quote.csv", BAD_CSV, NULL, IMPORT (QUOTE), "line 3: a quoted field starts here", 2, 0 },
  /* row L1 spans lines 2-3, L2 is line 4, the short row L3 is line 5 */
  { "quoted-ragged.csv", BAD_CSV, NULL, IMPORT (RAGGED), "line 5: 2 fields, the header has 3", 2, 0 },
  { "empty.csv", BAD_CSV, NULL, IMPORT (EMPTY), "the file is empty", 2, 0 },
  { "header-only.csv", BAD_CSV, NULL, IMPORT (NO_ROWS), "the file has a header line but no leads", 2, 0 },
  { "duplicate-header.csv", BAD_CSV, NULL, IMPORT (DUPLICATE_HEADER),
    "line 1: the column name 'email' appears twice in the header (columns 2 and 4)", 2, 0 },
  /* " email" is "email" once trimmed */
  { "duplicate-header-spaces.csv", BAD_CSV, NULL, IMPORT (DUPLICATE_HEADER),
    "line 1: the column name 'email' appears twice in the header (columns 2 and 4)", 2, 0 },
  { "no-outcome.csv", BAD_CSV, NULL, IMPORT (NO_OUTCOME), "no outcome columns found", 2, 0 },
  { "blank-lines.csv", BAD_CSV, NULL, IMPORT (EMPTY), "the file has no header line", 2, 0 },
  { "header-then-blank.csv", BAD_CSV, NULL, IMPORT (NO_ROWS), "the file has a header line but no leads", 2, 0 },
  /* line 1 holds only delimiters and is passed over; line 2 "1,2,3,4,5" is a lead, not a header */
  { "header-delimiters.csv", BAD_CSV, NULL, IMPORT (EMPTY),
    "line 2: the header holds only numbers (1, 2, …), no column names", 2, 0 },
  /* CRLF; the quote opens on line 3 */
  { "crlf-unterminated-quote.csv", BAD_CSV, NULL, IMPORT (QUOTE), "line 3: a quoted field starts here", 2, 0 },

  /* ---- CSV: line ends ---- */
  /* classic Mac (CR alone): 20 rows on lines 2-21, the 4-field row on line 22 */
  { "mac-cr-ragged.csv", BAD_CSV, NULL, IMPORT (RAGGED), "line 22: 4 fields, the header has 3", 2, 0 },
  /* CR alone: 2025-02-31 on line 21 */
  { "mac-cr-bad-value.csv", BAD_CSV, NULL, IMPORT (BAD_VALUE),
    "line 21, column created_at: '2025-02-31' is not a date: February 2025 has 28 days", 2, 0 },
  { "mac-cr-quote.csv", BAD_CSV, NULL, IMPORT (QUOTE), "line 3: a quoted field starts here", 2, 0 },
  { "mac-cr-binary.csv", BAD_CSV, NULL, IMPORT (BINARY), "binary data at line 3", 2, 0 },
  /* lines end with CRLF, CR, CRLF, LF: the short row is the fourth line */
  { "mixed-line-ends.csv", BAD_CSV, NULL, IMPORT (RAGGED), "line 4: 2 fields, the header has 3", 2, 0 },
  /* 5 000 rows: block edges fall anywhere; the short row is line 4000 */
  { "mac-cr-large.csv", BAD_CSV, NULL, IMPORT (RAGGED), "line 4000: 2 fields, the header has 3", 2, GEN_MAC_CR_LARGE },

  /* ---- CSV: encodings ---- */
  /* the NUL byte is on line 2 */
  { "binary.csv", BAD_CSV, NULL, IMPORT (BINARY), "this is not a CSV text file (binary data at line 2)", 2, 0 },
  { "control-chars.csv", BAD_CSV, NULL, IMPORT (BINARY), "this is not a CSV text file", 2, 0 },
  /* 0x81 0x8D 0x8F are undefined in Windows-1252 too; line 3 */
  { "not-text.csv", BAD_CSV, NULL, IMPORT (BINARY), "line 3: the text is neither UTF-8 nor Windows-1252", 2, 0 },
  /* the last byte is half a UTF-16 character: 2 (BOM) + 42 bytes read */
  { "utf16-damaged.csv", BAD_CSV, NULL, IMPORT (BINARY), "is saved as UTF-16 text and is damaged 44 bytes in", 2, 0 },
  /* UTF-16 without a byte order mark, read as text: the short row is line 3 */
  { "utf16-ragged.csv", BAD_CSV, NULL, IMPORT (RAGGED), "line 3: 2 fields, the header has 3", 2, 0 },
  /* A UTF-16 LE mark before UTF-8 text: read as UTF-16 it was one line of
   * CJK-looking characters, "a header line but no leads" (the sweep's finding) */
  { "utf16-mark-on-utf8.csv", BAD_CSV, NULL, IMPORT (BINARY),
    "starts with a UTF-16 byte order mark, but the text after it is not UTF-16", 2, 0 },
  { "bom-only.csv", BAD_CSV, NULL, IMPORT (EMPTY), "the file is empty", 2, 0 },
  { "utf16-bom-only.csv", BAD_CSV, NULL, IMPORT (EMPTY), "the file is empty", 2, 0 },

  /* ---- CSV: values ---- */
  /* 'lots' is on line 4 */
  { "text-in-number.csv", BAD_CSV, "text-in-number.map.json", IMPORT (BAD_VALUE),
    "line 4, column company_size: 'lots' is not a number (set the column's type to text", 2, 0 },
  { "bad-date.csv", BAD_CSV, "bad-date.map.json", IMPORT (BAD_VALUE),
    "line 3, column created_at: 'yesterday' is not a date", 2, 0 },
  { "bad-boolean.csv", BAD_CSV, "bad-boolean.map.json", IMPORT (BAD_VALUE),
    "line 4, column sql: 'maybe' is not a yes/no value", 2, 0 },
  /* 13/4 can only be day-first (line 2), 4/13 only month-first (line 3) */
  { "mixed-date-order.csv", BAD_CSV, NULL, IMPORT (BAD_VALUE),
    "column created_at mixes day-first dates (line 2: '13/4/2025') and month-first dates (line 3: '4/13/2025')", 2, 0 },
  /* one impossible date among the rows types are inferred from (line 9): the column stays dates */
  { "impossible-date.csv", BAD_CSV, NULL, IMPORT (BAD_VALUE),
    "line 9, column created_at: '2024-02-30' is not a date: February 2024 has 29 days", 2, 0 },
  /* the same date past those rows (line 3001) reads the same */
  { "late-impossible-date.csv", BAD_CSV, NULL, IMPORT (BAD_VALUE),
    "line 3001, column created_at: '2024-02-30' is not a date: February 2024 has 29 days", 2, GEN_LATE_DATE },
  { "month-13.csv", BAD_CSV, NULL, IMPORT (BAD_VALUE),
    "line 3, column created_at: '2024-13-01' is not a date: there is no month 13", 2, 0 },
  { "slash-date-impossible.csv", BAD_CSV, NULL, IMPORT (BAD_VALUE),
    "line 4, column created_at: '31/31/2024' is not a date: neither of its first two numbers can be a month", 2, 0 },
  { "mdy-forced.csv", BAD_CSV, "mdy-forced.map.json", IMPORT (BAD_VALUE),
    "line 3, column created_at: '13/04/2025' is not a date (month/day/year)", 2, 0 },
  { "money-magnitude.csv", BAD_CSV, NULL, IMPORT (BAD_VALUE),
    "line 4, column annual_revenue: '$5.3M' is not a number: a letter such as K, M or B", 2, 0 },
  /* the decimal comma shows on line 2 ("1.200,50") */
  { "number-form-conflict.csv", BAD_CSV, NULL, IMPORT (BAD_VALUE),
    "line 4, column deal_size: '1,200.50' is not a number in this column's format: its numbers mark "
    "decimals with a comma (1.234,56, as on line 2)", 2, 0 },
  { "mixed-currency.csv", BAD_CSV, NULL, IMPORT (BAD_VALUE),
    "line 3, column budget: '€700' is not a number in this column: the column's amounts are in $ (line 2)", 2, 0 },
  { "bad-digit-groups.csv", BAD_CSV, NULL, IMPORT (BAD_VALUE),
    "line 3, column budget: '1,20,000' is not a number: its thousands separators are not every three digits", 2, 0 },
  { "negative-in-parentheses.csv", BAD_CSV, NULL, IMPORT (BAD_VALUE),
    "line 4, column budget: '(1,200)' is not a number: write a negative amount with a minus sign", 2, 0 },
  { "number-overflow.csv", BAD_CSV, NULL, IMPORT (BAD_VALUE),
    "line 3, column company_size: '1e400' is too large to be a number", 2, 0 },
  { "unit-word.csv", BAD_CSV, "unit-word.map.json", IMPORT (BAD_VALUE),
    "line 3, column company_size: '200 people' is not a number", 2, 0 },
  { "accepted-word.csv", BAD_CSV, "accepted-word.map.json", IMPORT (BAD_VALUE),
    "line 3, column sal: 'pending' is not a yes/no value (or accepted/rejected)", 2, 0 },

  /* ---- CSV: limits ---- */
  /* 70 002 columns: lead_id, sql and c0 … c69999 */
  { "wide-header.csv", BAD_CSV, NULL, IMPORT (LIMIT), "line 1: the header has 70002 columns; the workbench reads up to 65536",
    2, GEN_WIDE_HEADER },
  /* 10 002 names (lead_id, sql, c0 … c9999) over 3 000 rows "L<i>,yes": the
   * sample's short rows were padded with a string per missing value (20 M,
   * 640 MB and seconds before this error; the mutation sweep's 10 000-name
   * header over the 5 000-lead sample ran past 60 s) */
  { "header-over-rows.csv", BAD_CSV, NULL, IMPORT (RAGGED), "line 2: 2 fields, the header has 10002", 2,
    GEN_HEADER_OVER_ROWS },
  { "long-value.csv", BAD_CSV, NULL, IMPORT (LIMIT), "line 2: a value is longer than 1048576 bytes", 2, GEN_LONG_VALUE },
  { "long-open-quote.csv", BAD_CSV, NULL, IMPORT (LIMIT),
    "line 3: a quoted value starts here and runs on for more than 1048576 bytes", 2, GEN_LONG_OPEN_QUOTE },

  /* ---- CSV: not a file, or a file that changes ---- */
  { "folder", BAD_CSV, NULL, IMPORT (IO), "is a folder, not a file", 2, GEN_FOLDER },
  { "/dev/null", BAD_CSV, NULL, IMPORT (IO), "is not a regular file (it is a device or a socket)", 2, GEN_DEV_NULL },
  { "no-such-history.csv", BAD_CSV, NULL, IMPORT (IO), "cannot open it (No such file or directory)", 2, GEN_MISSING },
  { "truncated-while-read.csv", BAD_CSV, NULL, IMPORT (CHANGED), "changed while it was being read (it was ", 2,
    GEN_TRUNCATED_WHILE_READ },
  { "rewritten-while-read.csv", BAD_CSV, NULL, IMPORT (CHANGED), "changed while it was being read (it was saved again", 2,
    GEN_REWRITTEN_WHILE_READ },

  /* ---- CSV with a mapping ---- */
  { "missing-outcome.csv", BAD_CSV, "missing-outcome.map.json", MAPPING (MISSING_OUTCOME),
    "has no column 'sql_date' (named as the SQL outcome)", 2, 0 },
  { "missing-outcome.csv", BAD_CSV, "unknown-column.map.json", MAPPING (UNKNOWN_COLUMN),
    "has no column 'industry'", 2, 0 },
  { "join-missing-key.csv", BAD_CSV, "join-missing-key.map.json", IMPORT (JOIN),
    "accounts-nokey.csv has no column 'account_name' (the key to join on)", 2, 0, "accounts-nokey.csv" },
  { "join-missing-key.csv", BAD_CSV, "join-missing-file.map.json", IMPORT (JOIN),
    "no-such-deals.csv: cannot read the file to join", 2, 0, "no-such-deals.csv" },
  { "empty-join.csv", BAD_CSV, "empty-join.map.json", IMPORT (EMPTY), "empty.csv: the file is empty", 2, 0, "empty.csv" },
  { "empty-join.csv", BAD_CSV, "folder-join.map.json", IMPORT (JOIN),
    "folder-join.d: cannot read the file to join (", 2, 0, "folder-join.d" },

  /* ---- column mappings ---- */
  { "bad-role.map.json", BAD_MAP, NULL, MAPPING (INVALID), "$.columns[1].role: unknown role 'fitt'", 2, 0 },
  { "bad-type.map.json", BAD_MAP, NULL, MAPPING (INVALID), "$.columns[0].type: unknown type 'number'", 2, 0 },
  { "not-json.map.json", BAD_MAP, NULL, MAPPING (INVALID), "line 2, column 1: this is not valid JSON", 2, 0 },
  { "bad-version.map.json", BAD_MAP, NULL, MAPPING (INVALID), "$.version: version 7 is not supported", 2, 0 },
  { "bad-join-stage.map.json", BAD_MAP, NULL, MAPPING (INVALID), "$.joins[0].stage: unknown stage 'signed'", 2, 0 },
  { "bad-stage-value.map.json", BAD_MAP, NULL, MAPPING (INVALID), "$.stage_values[0].closed: must be true or false", 2, 0 },
  { "duplicate-key.map.json", BAD_MAP, NULL, MAPPING (INVALID),
    "$.columns: the key “columns” appears twice in this object (lines 3 and 4)", 2, 0 },
  { "duplicate-key-nested.map.json", BAD_MAP, NULL, MAPPING (INVALID),
    "$.columns[1].role: the key “role” appears twice in this object (lines 3 and 4)", 2, 0 },
  /* "date_\u006frder" is "date_order" */
  { "duplicate-key-escaped.map.json", BAD_MAP, NULL, MAPPING (INVALID),
    "$.date_order: the key “date_order” appears twice in this object (lines 2 and 3)", 2, 0 },
  { "version-too-large.map.json", BAD_MAP, NULL, MAPPING (INVALID),
    "$.version: the number 99999999999999999999 is too large to be read (line 2)", 2, 0 },
  { "version-infinite.map.json", BAD_MAP, NULL, MAPPING (INVALID), "$.version: the number 1e400 is too large", 2, 0 },
  { "empty.map.json", BAD_MAP, NULL, MAPPING (INVALID), "there is no JSON in it: it is empty", 2, 0 },
  { "whitespace.map.json", BAD_MAP, NULL, MAPPING (INVALID), "there is no JSON in it: it is empty", 2, 0 },
  { "root-array.map.json", BAD_MAP, NULL, MAPPING (INVALID), "$: a mapping file is a JSON object", 2, 0 },
  { "column-twice.map.json", BAD_MAP, NULL, MAPPING (INVALID), "$.columns[1].name: the column 'sql' is listed twice", 2, 0 },
  { "unknown-member.map.json", BAD_MAP, NULL, MAPPING (INVALID), "$.columns[0]: unknown field 'rol'", 2, 0 },
  { "bad-delimiter.map.json", BAD_MAP, NULL, MAPPING (INVALID), "$.delimiter: '::' is not a delimiter", 2, 0 },
  { "bad-date-order.map.json", BAD_MAP, NULL, MAPPING (INVALID), "$.date_order: unknown date order 'ymd'", 2, 0 },
  { "columns-not-array.map.json", BAD_MAP, NULL, MAPPING (INVALID), "$.columns: must be a list", 2, 0 },
  { "column-no-name.map.json", BAD_MAP, NULL, MAPPING (INVALID), "$.columns[0]: 'name' is missing", 2, 0 },
  { "truncated.map.json", BAD_MAP, NULL, MAPPING (INVALID), "line 2, column 32: this is not valid JSON", 2, 0 },
  { "nul-byte.map.json", BAD_MAP, NULL, MAPPING (INVALID), "line 2, column 14: a NUL byte", 2, 0 },
  { "utf16.map.json", BAD_MAP, NULL, MAPPING (INVALID), "this is saved as UTF-16 text", 2, 0 },
  /* "\ud800" alone is half a character: json-glib would make bytes that are not UTF-8 of it */
  { "lone-surrogate.map.json", BAD_MAP, NULL, MAPPING (INVALID),
    "line 3, column 30: $.columns[0].name: \\ud800 is half of a UTF-16 pair, not a character", 2, 0 },
  /* json-glib reads "\2…" as an octal byte, not UTF-8 */
  { "octal-escape.map.json", BAD_MAP, NULL, MAPPING (INVALID),
    "line 2, column 22: $.missing_values[0]: \\2 is not a JSON escape", 2, 0 },
  { "short-escape.map.json", BAD_MAP, NULL, MAPPING (INVALID),
    "line 2, column 27: $.columns[0].name: \\u is not followed by four hex digits", 2, 0 },
  /* json-glib would end the name at \u0000 ("sql"); line 2: ` "columns": [{"name": "sql` is 26 bytes */
  { "nul-escape.map.json", BAD_MAP, NULL, MAPPING (INVALID),
    "line 2, column 27: $.columns[0].name: \\u0000 is a NUL character", 2, 0 },
  /* json-glib skips a C comment; Python's json stops at the same column 51 */
  { "comment.map.json", BAD_MAP, NULL, MAPPING (INVALID),
    "line 1, column 51: $.version: “/” is not JSON here", 2, 0 },
  /* a raw tab inside the name (Python: "Invalid control character at: line 2 column 27") */
  { "raw-tab.map.json", BAD_MAP, NULL, MAPPING (INVALID),
    "line 2, column 27: $.columns[0].name: a control character (U+0009) inside a string", 2, 0 },
  /* a map's files stay in the map's folder */
  { "join-outside.map.json", BAD_MAP, NULL, MAPPING (INVALID),
    "$.joins[0].file: '../deals.csv' is outside the map's folder; a map may only name files "
    "in its own folder (give others with --join or --outcome-file)", 2, 0 },
  { "join-absolute.map.json", BAD_MAP, NULL, MAPPING (INVALID),
    "$.joins[0].file: '/etc/hostname' is an absolute path", 2, 0 },
  { "bad-missing-values.map.json", BAD_MAP, NULL, MAPPING (INVALID), "$.missing_values: must be a list of text values", 2, 0 },
  { "deep.map.json", BAD_MAP, NULL, MAPPING (INVALID), "the JSON is nested more than 64 levels deep", 2, GEN_DEEP_OBJECTS },
  { "huge.map.json", BAD_MAP, NULL, MAPPING (INVALID), "is larger than 32 MB", 2, GEN_HUGE_JSON },
  /* join i (0-based) on line i + 2: the 65th, $.joins[64], on line 66 */
  { "many-joins.map.json", BAD_MAP, NULL, MAPPING (INVALID),
    "line 66, column 3: $.joins[64]: more than 64 entries in one list; a mapping holds at most 64", 2, GEN_MANY_JOINS },
  { "folder", BAD_MAP, NULL, MAPPING (INVALID), "is a folder, not a file", 2, GEN_FOLDER },
  { "/dev/null", BAD_MAP, NULL, MAPPING (INVALID), "is not a regular file", 2, GEN_DEV_NULL },

  /* ---- models ---- */
  { "bad-grade.model.json", BAD_MODEL, NULL, MODEL (INVALID), "$.paths.hand_raiser.min_grade: 'E' is not a grade", 2, 0 },
  { "bad-op.model.json", BAD_MODEL, NULL, MODEL (INVALID), "$.fit[0].op: 'between' is not a condition", 2, 0 },
  { "bad-reason.model.json", BAD_MODEL, NULL, MODEL (INVALID), "$.disqualifiers[0].reason: 'enemy' is not a reason", 2, 0 },
  { "decay-unsorted.model.json", BAD_MODEL, NULL, MODEL (INVALID), "$.decay.steps[1].max_age_days: steps must go", 2, 0 },
  { "duplicate-id.model.json", BAD_MODEL, NULL, MODEL (INVALID), "$.fit[3].id: 'size' is used twice", 2, 0 },
  { "enabled-not-bool.model.json", BAD_MODEL, NULL, MODEL (INVALID), "$.behaviour[1].enabled: expected true or false", 2, 0 },
  { "equals-several.model.json", BAD_MODEL, NULL, MODEL (INVALID), "$.fit[0].values: 'equals' takes one value", 2, 0 },
  { "grades-out-of-order.model.json", BAD_MODEL, NULL, MODEL (INVALID), "$.grades.b: grade B starts at 40", 2, 0 },
  { "half-life-zero.model.json", BAD_MODEL, NULL, MODEL (INVALID), "$.decay.half_life_days: the half-life must be", 2, 0 },
  { "lone-surrogate.model.json", BAD_MODEL, NULL, MODEL (PARSE),
    "line 2, column 15: $.name: \\udc00 is half of a UTF-16 pair, not a character", 2, 0 },
  { "missing-name.model.json", BAD_MODEL, NULL, MODEL (INVALID), "$.name: a text value is required here", 2, 0 },
  { "newer-version.model.json", BAD_MODEL, NULL, MODEL (VERSION), "$.version: this model was written by a newer", 2, 0 },
  { "not-json.model.json", BAD_MODEL, NULL, MODEL (PARSE), "line 4, column 14: this is not valid JSON", 2, 0 },
  { "points-string.model.json", BAD_MODEL, NULL, MODEL (INVALID), "$.fit[2].points: expected a number, found a string", 2, 0 },
  { "range-without-bounds.model.json", BAD_MODEL, NULL, MODEL (INVALID), "$.fit[0]: a range needs min, max or both", 2, 0 },
  { "root-array.model.json", BAD_MODEL, NULL, MODEL (INVALID), "$: expected an object, found a list", 2, 0 },
  { "unknown-rule-key.model.json", BAD_MODEL, NULL, MODEL (INVALID), "$.behaviour[0].pointz: unknown key (a typo?)", 2, 0 },
  { "unknown-top-key.model.json", BAD_MODEL, NULL, MODEL (INVALID), "$.treshold: unknown key (a typo?)", 2, 0 },
  { "value-not-text.model.json", BAD_MODEL, NULL, MODEL (INVALID), "$.fit[0].values[1]: expected a text value", 2, 0 },
  { "wrong-format.model.json", BAD_MODEL, NULL, MODEL (INVALID), "$.format: this is not an MQL Workbench model", 2, 0 },
  { "threshold-infinite.model.json", BAD_MODEL, NULL, MODEL (INVALID),
    "$.threshold: the number 1e400 is too large to be read (line 5)", 2, 0 },
  { "points-negative-infinite.model.json", BAD_MODEL, NULL, MODEL (INVALID),
    "$.fit[0].points: the number -1e400 is too large to be read (line 6)", 2, 0 },
  { "range-min-infinite.model.json", BAD_MODEL, NULL, MODEL (INVALID), "$.fit[0].min: the number -1e999 is too large", 2, 0 },
  { "cap-too-large.model.json", BAD_MODEL, NULL, MODEL (INVALID),
    "$.behaviour[0].cap: the number 99999999999999999999 is too large", 2, 0 },
  { "decay-factor-infinite.model.json", BAD_MODEL, NULL, MODEL (INVALID),
    "$.decay.steps[0].factor: the number 1e309 is too large", 2, 0 },
  { "duplicate-key.model.json", BAD_MODEL, NULL, MODEL (INVALID),
    "$.threshold: the key “threshold” appears twice in this object (lines 5 and 6)", 2, 0 },
  { "duplicate-key-nested.model.json", BAD_MODEL, NULL, MODEL (INVALID),
    "$.fit[1].points: the key “points” appears twice in this object (lines 7 and 8)", 2, 0 },
  /* "thr\u0065shold" is "threshold" */
  { "duplicate-key-escaped.model.json", BAD_MODEL, NULL, MODEL (INVALID),
    "$.threshold: the key “threshold” appears twice in this object (lines 5 and 6)", 2, 0 },
  { "empty.model.json", BAD_MODEL, NULL, MODEL (PARSE), "there is no JSON in it: it is empty", 2, 0 },
  /* json-glib reads 050 as 40; ` "threshold": ` is 14 bytes */
  { "octal-number.model.json", BAD_MODEL, NULL, MODEL (PARSE),
    "line 5, column 15: $.threshold: 050 is not a number as JSON writes it", 2, 0 },
  /* json-glib reads the first object and drops the second (Python: "Extra data: line 7 column 1") */
  { "two-values.model.json", BAD_MODEL, NULL, MODEL (PARSE),
    "line 7, column 1: $: more text after the end of the JSON value", 2, 0 },
  { "truncated.model.json", BAD_MODEL, NULL, MODEL (PARSE), "line 6, column 30: this is not valid JSON", 2, 0 },
  { "nan.model.json", BAD_MODEL, NULL, MODEL (PARSE), "line 5, column 17: this is not valid JSON", 2, 0 },
  /* the 65th '[' is column 120 of line 6 */
  { "deep-values.model.json", BAD_MODEL, NULL, MODEL (PARSE),
    "line 6, column 120: $.fit[0].values[0][0]", 2, 0 },
  { "deep.model.json", BAD_MODEL, NULL, MODEL (PARSE),
    "line 1, column 65: $[0][0]", 2, GEN_DEEP_ARRAYS },
  { "deep-objects.model.json", BAD_MODEL, NULL, MODEL (PARSE),
    "line 1, column 321: $.a.a.a", 2, GEN_DEEP_OBJECTS },
  { "huge.model.json", BAD_MODEL, NULL, MODEL (IO), "is larger than 16 MB", 2, GEN_HUGE_JSON },
  { "long.model.json", BAD_MODEL, NULL, MODEL (IO), "is larger than 16 MB", 2, GEN_MODEL_17MB },
  /* rule i (0-based) on line i + 2: the 1001st, $.fit[1000], on line 1002;
   * "  {" puts its brace in column 3 */
  { "many-rules.model.json", BAD_MODEL, NULL, MODEL (PARSE),
    "line 1002, column 3: $.fit[1000]: more than 1000 entries in one list; a model holds at most 1000", 2,
    GEN_MANY_RULES },
  /* value i (0-based) on line i + 2 as "  \"vI\"": the 100 001st on line 100 002 */
  { "many-values.model.json", BAD_MODEL, NULL, MODEL (PARSE),
    "line 100002, column 3: $.fit[0].values[100000]: more than 100000 entries in one list; a model holds at most 100000",
    2, GEN_MANY_VALUES },
  { "folder", BAD_MODEL, NULL, MODEL (IO), "is a folder, not a file", 2, GEN_FOLDER },
  { "/dev/null", BAD_MODEL, NULL, MODEL (IO), "is not a regular file", 2, GEN_DEV_NULL },
  { "no-such-model.json", BAD_MODEL, NULL, MODEL (IO), "cannot open it (No such file or directory)", 2, GEN_MISSING },

  /* ---- agreed-model exports: the JSON checks come first ---- */
  { "duplicate-key.agreed.json", BAD_AGREED, NULL, SIGNOFF (PARSE),
    "$.threshold: the key “threshold” appears twice in this object (lines 3 and 4)", 2, 0 },
  { "number-too-large.agreed.json", BAD_AGREED, NULL, SIGNOFF (PARSE),
    "$.capacity_per_month: the number 1e999 is too large", 2, 0 },
  /* json-glib reads single quotes as double ones */
  { "single-quote.agreed.json", BAD_AGREED, NULL, SIGNOFF (PARSE), "line 1, column 2: $: “'” is not JSON here", 2, 0 },
  { "truncated.agreed.json", BAD_AGREED, NULL, SIGNOFF (PARSE), "line 3, column 19: this is not valid JSON", 2, 0 },
  { "deep.agreed.json", BAD_AGREED, NULL, SIGNOFF (PARSE), "line 1, column 65: $[0][0]", 2, GEN_DEEP_ARRAYS },
  { "deep-objects.agreed.json", BAD_AGREED, NULL, SIGNOFF (PARSE), "line 1, column 321: $.a.a.a", 2, GEN_DEEP_OBJECTS },
};

const guint n_bad_cases = G_N_ELEMENTS (bad_cases);

GQuark
bad_case_domain (const BadCase *bad)
{
  if (g_str_equal (bad->domain, "import"))
    return MQLW_IMPORT_ERROR;
  if (g_str_equal (bad->domain, "mapping"))
    return MQLW_MAPPING_ERROR;
  if (g_str_equal (bad->domain, "model"))
    return MQLW_MODEL_ERROR;
  return MQLW_SIGNOFF_ERROR;
}

static void
write_or_die (const char *path,
              GString    *contents)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, contents->str, contents->len, &error))
    g_error ("%s", error->message);
}

/* 2024-02-DD rows; the impossible date is on @bad_line (line 1 is the header). */
static void
make_dates (GString *out,
            guint    n_rows,
            guint    bad_line)
{
  g_string_append (out, "lead_id,created_at,sql\n");
  for (guint i = 1; i <= n_rows; i++)
    g_string_append_printf (out, "L%u,%s,%s\n", i, i + 1 == bad_line ? "2024-02-30" : "2024-02-14",
                            i % 2 ? "yes" : "no");
}

char *
bad_case_path (const BadCase *bad,
               const char    *dir)
{
  g_autoptr(GString) s = g_string_new (NULL);
  char *path;

  switch (bad->gen)
    {
    case GEN_NONE:
      return g_test_build_filename (G_TEST_DIST, "data", "bad", bad->file, NULL);
    case GEN_DEV_NULL:
      return g_strdup ("/dev/null");
    case GEN_FOLDER:
      return g_test_build_filename (G_TEST_DIST, "data", "bad", "folder-join.d", NULL);
    case GEN_MISSING:
      return g_build_filename (dir, bad->file, NULL);
    default:
      break;
    }

  path = g_build_filename (dir, bad->file, NULL);
  switch (bad->gen)
    {
    case GEN_DEEP_ARRAYS:
      for (guint i = 0; i < 100000; i++)
        g_string_append_c (s, '[');
      for (guint i = 0; i < 100000; i++)
        g_string_append_c (s, ']');
      break;
    case GEN_DEEP_OBJECTS:
      /* {"a": is 5 bytes: the 65th '{' is byte 321 */
      for (guint i = 0; i < 100000; i++)
        g_string_append (s, "{\"a\":");
      g_string_append (s, "1");
      for (guint i = 0; i < 100000; i++)
        g_string_append_c (s, '}');
      break;
    case GEN_WIDE_HEADER:
      g_string_append (s, "lead_id,sql");
      for (guint i = 0; i < 70000; i++)
        g_string_append_printf (s, ",c%u", i);
      g_string_append (s, "\nL1,yes\n");
      break;
    case GEN_HEADER_OVER_ROWS:
      g_string_append (s, "lead_id,sql");
      for (guint i = 0; i < 10000; i++)
        g_string_append_printf (s, ",c%u", i);
      g_string_append_c (s, '\n');
      for (guint i = 1; i <= 3000; i++)
        g_string_append_printf (s, "L%u,yes\n", i);
      break;
    case GEN_LONG_VALUE:
      g_string_append (s, "lead_id,note,sql\nL1,");
      for (guint i = 0; i < (1u << 20) + 100000; i++)
        g_string_append_c (s, 'x');
      g_string_append (s, ",yes\n");
      break;
    case GEN_LONG_OPEN_QUOTE:
      g_string_append (s, "lead_id,note,sql\nL1,short,yes\nL2,\"open");
      for (guint i = 0; i < (2u << 20); i++)
        g_string_append_c (s, i % 80 == 79 ? '\n' : 'y');
      break;
    case GEN_LATE_DATE:
      make_dates (s, 4000, 3001);
      break;
    case GEN_MANY_RULES:
      g_string_append (s, "{\"format\": \"mql-workbench-model\", \"version\": 1, \"name\": \"Many\", \"fit\": [\n");
      for (guint i = 0; i < 1001; i++)
        g_string_append_printf (s, "  {\"id\": \"r%u\", \"field\": \"country\", \"op\": \"equals\", "
                                "\"values\": [\"FR\"], \"points\": 1}%s\n", i, i + 1 < 1001 ? "," : "");
      g_string_append (s, "]}\n");
      break;
    case GEN_MANY_VALUES:
      g_string_append (s, "{\"format\": \"mql-workbench-model\", \"version\": 1, \"name\": \"Many\", \"fit\": "
                       "[{\"id\": \"r\", \"field\": \"country\", \"op\": \"in\", \"points\": 1, \"values\": [\n");
      for (guint i = 0; i < 100001; i++)
        g_string_append_printf (s, "  \"v%u\"%s\n", i, i + 1 < 100001 ? "," : "");
      g_string_append (s, "]}]}\n");
      break;
    case GEN_MANY_JOINS:
      g_string_append (s, "{\"format\": \"mql-workbench-mapping\", \"version\": 1, \"joins\": [\n");
      for (guint i = 0; i < 65; i++)
        g_string_append_printf (s, "  {\"file\": \"j%u.csv\", \"use\": \"enrich\", \"key\": \"lead_id\"}%s\n", i, i + 1 < 65 ? "," : "");
      g_string_append (s, "]}\n");
      break;
    case GEN_MODEL_17MB:
      g_string_append (s, "{\"format\": \"mql-workbench-model\", \"version\": 1, \"name\": \"Long\", \"description\": \"");
      for (guint i = 0; i < (17u << 20); i++)
        g_string_append_c (s, 'x');
      g_string_append (s, "\"}\n");
      break;
    case GEN_MAC_CR_LARGE:
      g_string_append (s, "lead_id,note,sql\r");
      for (guint line = 2; line <= 5001; line++)
        {
          if (line == 4000)
            g_string_append_printf (s, "L%u,short\r", line);
          else
            g_string_append_printf (s, "L%u,\"note %u, quoted\",%s\r", line, line, line % 3 ? "no" : "yes");
        }
      break;
    case GEN_HUGE_JSON:
      {
        int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || ftruncate (fd, (off_t) 65 << 20) != 0)
          g_error ("cannot make %s", path);
        close (fd);
        return path;
      }
    case GEN_TRUNCATED_WHILE_READ:
    case GEN_REWRITTEN_WHILE_READ:
      make_dates (s, 40000, 0);
      break;
    default:
      g_assert_not_reached ();
    }
  write_or_die (path, s);
  return path;
}

char *
bad_case_name (const BadCase *bad,
               const char    *path)
{
  if (bad->named != NULL)
    return g_strdup (bad->named);
  if (bad->gen == GEN_DEV_NULL || bad->gen == GEN_FOLDER)
    return g_strdup (path);
  return g_path_get_basename (path);
}

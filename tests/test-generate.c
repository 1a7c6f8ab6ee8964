/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-generate"

#include "config.h"

#include <csv.h>
#include <stdio.h>
#include <string.h>

#include "mqlw-generate.h"

/* The columns, in order, as mqlw-generate.h lists them. */
#define EXPECTED_HEADER \
  "lead_id,email,company,job_title,seniority,department,company_size,industry," \
  "country,annual_revenue,lead_source,created_at,as_of,demo_requests,contact_sales," \
  "pricing_page_views,product_page_views,webinars_attended,case_study_downloads," \
  "ebook_downloads,email_clicks,careers_page_views,unsubscribed,last_activity_at," \
  "sal,rejection_reason,sql,opportunity,won,deal_amount"

enum {
  C_LEAD_ID, C_EMAIL, C_COMPANY, C_JOB_TITLE, C_SENIORITY, C_DEPARTMENT, C_COMPANY_SIZE,
  C_INDUSTRY, C_COUNTRY, C_REVENUE, C_SOURCE, C_CREATED, C_AS_OF, C_DEMO, C_CONTACT,
  C_PRICING, C_PRODUCT, C_WEBINARS, C_CASES, C_EBOOKS, C_CLICKS, C_CAREERS, C_UNSUB,
  C_LAST_ACTIVITY, C_SAL, C_REASON, C_SQL, C_OPPORTUNITY, C_WON, C_DEAL, N_COLUMNS
};

/* ---- helpers --------------------------------------------------------- */

static GBytes *
generate_bytes (guint64  n_leads,
                guint64  seed)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  MqlwGenerateOptions options;

  mqlw_generate_options_init (&options);
  options.n_leads = n_leads;
  options.seed = seed;
  g_assert_true (mqlw_generate (out, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static char *
sha256_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

typedef struct {
  GPtrArray *rows;      /* GPtrArray* of char* fields, one per record (the header included) */
  GPtrArray *current;
} Parsed;

static void
on_field_cb (void   *text,
             size_t  len,
             void   *user_data)
{
  Parsed *parsed = user_data;

  if (parsed->current == NULL)
    parsed->current = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (parsed->current, g_strndup (text, len));
}

static void
on_row_cb (int   c,
           void *user_data)
{
  Parsed *parsed = user_data;

  g_ptr_array_add (parsed->rows, g_steal_pointer (&parsed->current));
}

/* Reads the CSV with libcsv (strict: a stray quote is an error). */
static GPtrArray *
parse_csv (GBytes *bytes)
{
  struct csv_parser parser;
  Parsed parsed = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref), NULL };
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_assert_cmpint (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI), ==, 0);
  g_assert_cmpuint (csv_parse (&parser, data, len, on_field_cb, on_row_cb, &parsed), ==, len);
  g_assert_cmpint (csv_fini (&parser, on_field_cb, on_row_cb, &parsed), ==, 0);
  csv_free (&parser);
  g_assert_null (parsed.current);
  return parsed.rows;
}

static const char *
field (GPtrArray *rows,
       guint      row,
       guint      column)
{
  GPtrArray *fields = g_ptr_array_index (rows, row);

  return g_ptr_array_index (fields, column);
}

/* Julian day of an ISO date, through GDate (independent of the generator's own
 * calendar arithmetic); 0 when the text is not YYYY-MM-DD. */
static guint32
julian_of (const char *text)
{
  int y, m, d;
  char tail;
  GDate date;

  if (strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return 0;
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return g_date_get_julian (&date);
}

static gboolean
in_list (const char         *value,
         const char * const *list)
{
  return g_strv_contains (list, value);
}

static guint64
parse_uint (const char *text)
{
  guint64 value = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &value, &error));
  return value;
}

/* The 20 000-lead history every statistical test reads, made once. */
static GPtrArray *
get_history (void)
{
  static GPtrArray *rows = NULL;

  if (rows == NULL)
    {
      g_autoptr(GBytes) bytes = generate_bytes (20000, 42);

      rows = parse_csv (bytes);
    }
  return rows;
}

/* ---- tests ------------------------------------------------------------ */

static void
test_options_default (void)
{
  MqlwGenerateOptions options;

  mqlw_generate_options_init (&options);
  /* 2026-06-30: 56 years 1970–2025 with 14 leap days (1972 … 2024) = 20 454 days
   * to 2026-01-01, + 31+28+31+30+31 (Jan–May) + 29 = 20 634. */
  g_assert_cmpint (options.as_of_days, ==, 20634);
  g_assert_cmpuint (options.months, ==, 18);
  g_assert_cmpuint (options.n_leads, >, 0);
}

static void
test_same_seed (void)
{
  g_autoptr(GBytes) a = generate_bytes (3000, 7);
  g_autoptr(GBytes) b = generate_bytes (3000, 7);
  g_autoptr(GBytes) c = generate_bytes (3000, 8);
  g_autoptr(GBytes) high = generate_bytes (3000, G_GUINT64_CONSTANT (7) | (G_GUINT64_CONSTANT (1) << 40));
  g_autofree char *sha_a = sha256_of (a);
  g_autofree char *sha_b = sha256_of (b);
  g_autofree char *sha_c = sha256_of (c);
  g_autofree char *sha_high = sha256_of (high);

  g_assert_cmpstr (sha_a, ==, sha_b);
  g_assert_true (g_bytes_equal (a, b));
  g_assert_cmpstr (sha_a, !=, sha_c);
  /* The high half of a 64-bit seed counts too. */
  g_assert_cmpstr (sha_a, !=, sha_high);
}

static void
test_header_and_rows (void)
{
  g_autoptr(GBytes) bytes = generate_bytes (1234, 3);
  g_autoptr(GPtrArray) rows = parse_csv (bytes);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  guint lf = 0;

  /* The header line, byte for byte. */
  g_assert_true (len > strlen (EXPECTED_HEADER));
  g_assert_cmpmem (data, strlen (EXPECTED_HEADER) + 1, EXPECTED_HEADER "\n", strlen (EXPECTED_HEADER) + 1);
  /* LF line ends, no CR, one line per lead plus the header, ending with a newline. */
  for (gsize i = 0; i < len; i++)
    {
      g_assert_cmpint (data[i], !=, '\r');
      lf += data[i] == '\n';
    }
  g_assert_cmpuint (lf, ==, 1234 + 1);
  g_assert_cmpint (data[len - 1], ==, '\n');

  g_assert_cmpuint (rows->len, ==, 1234 + 1);
  for (guint r = 0; r < rows->len; r++)
    g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (rows, r))->len, ==, N_COLUMNS);
  for (guint r = 1; r < rows->len; r++)
    {
      g_autofree char *expected = g_strdup_printf ("L%07u", r);

      g_assert_cmpstr (field (rows, r, C_LEAD_ID), ==, expected);
    }
}

static void
test_zero_leads (void)
{
  g_autoptr(GBytes) bytes = generate_bytes (0, 1);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_assert_cmpmem (data, len, EXPECTED_HEADER "\n", strlen (EXPECTED_HEADER) + 1);
}

static void
test_quoting (void)
{
  g_autoptr(GBytes) bytes = generate_bytes (5000, 11);
  g_autoptr(GPtrArray) rows = parse_csv (bytes);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  guint with_comma = 0;

  /* Only fields with a comma are quoted: the file has exactly two quote
   * characters per such field. */
  for (guint r = 1; r < rows->len; r++)
    {
      const char *company = field (rows, r, C_COMPANY);

      g_assert_null (strchr (company, '"'));
      if (strchr (company, ',') != NULL)
        with_comma++;
      for (guint c = 0; c < N_COLUMNS; c++)
        if (c != C_COMPANY)
          g_assert_null (strchr (field (rows, r, c), ','));
    }
  g_assert_cmpuint (with_comma, >, 0);
  {
    guint quotes = 0;

    for (const char *p = text; *p != '\0'; p++)
      quotes += *p == '"';
    g_assert_cmpuint (quotes, ==, 2 * with_comma);
  }
}

static void
test_invariants (void)
{
  static const char * const seniorities[] = { "Individual Contributor", "Manager", "Director", "VP", "C-level", NULL };
  static const char * const departments[] = { "Marketing", "Sales", "Operations", "IT", "Finance", "HR", "Engineering", NULL };
  static const char * const industries[] = { "SaaS", "Manufacturing", "Financial Services", "Healthcare", "Retail",
                                             "Education", "Professional Services", "Government", NULL };
  static const char * const countries[] = { "US", "UK", "DE", "FR", "ES", "CA", "AU", "NL", "IN", "BR", NULL };
  static const char * const sources[] = { "Organic Search", "Paid Search", "Webinar", "Event", "Referral", "Partner",
                                          "Content Syndication", "Social", "Direct", NULL };
  static const char * const reasons[] = { "Not a decision maker", "No budget", "No current project",
                                          "Wrong company size", "Student", "Competitor", "Duplicate",
                                          "Bad contact data", NULL };
  GPtrArray *rows = get_history ();
  /* Defaults: 18 months ending 2026-06-30 → 2025-01-01 … 2026-06-30. */
  guint32 first = julian_of ("2025-01-01");
  guint32 end = julian_of ("2026-06-30");
  guint32 previous_created = 0;
  guint opportunities = 0, open = 0, won = 0;

  g_assert_cmpuint (first, >, 0);
  g_assert_cmpuint (rows->len, ==, 20000 + 1);
  for (guint r = 1; r < rows->len; r++)
    {
      const char *email = field (rows, r, C_EMAIL);
      const char *sal = field (rows, r, C_SAL);
      const char *reason = field (rows, r, C_REASON);
      const char *sql = field (rows, r, C_SQL);
      const char *opp = field (rows, r, C_OPPORTUNITY);
      const char *won_text = field (rows, r, C_WON);
      const char *deal = field (rows, r, C_DEAL);
      const char *last = field (rows, r, C_LAST_ACTIVITY);
      guint32 created = julian_of (field (rows, r, C_CREATED));
      guint32 as_of = julian_of (field (rows, r, C_AS_OF));
      guint64 size = parse_uint (field (rows, r, C_COMPANY_SIZE));
      guint64 activities = 0;

      /* Categorical values come from the documented sets. */
      g_assert_true (in_list (field (rows, r, C_SENIORITY), seniorities));
      g_assert_true (in_list (field (rows, r, C_DEPARTMENT), departments));
      g_assert_true (in_list (field (rows, r, C_INDUSTRY), industries));
      g_assert_true (in_list (field (rows, r, C_COUNTRY), countries));
      g_assert_true (in_list (field (rows, r, C_SOURCE), sources));
      g_assert_cmpuint (size, >=, 1);
      g_assert_cmpuint (size, <=, 50000);
      g_assert_nonnull (strchr (email, '@'));
      g_assert_true (strchr (email, '@') == strrchr (email, '@'));
      if (g_str_equal (field (rows, r, C_JOB_TITLE), "Student"))
        {
          g_assert_true (g_str_has_suffix (email, ".edu"));
          g_assert_cmpstr (field (rows, r, C_SENIORITY), ==, "Individual Contributor");
        }

      /* Dates: inside the history, sorted by creation, as_of 14..120 days
       * after creation (capped at the end), last activity in between. */
      g_assert_cmpuint (created, >=, first);
      g_assert_cmpuint (created, <=, end);
      g_assert_cmpuint (created, >=, previous_created);
      previous_created = created;
      g_assert_cmpuint (as_of, <=, end);
      g_assert_cmpuint (as_of, <=, created + 120);
      g_assert_cmpuint (as_of, >=, MIN (created + 14, end));
      for (guint c = C_DEMO; c <= C_CAREERS; c++)
        activities += parse_uint (field (rows, r, c));
      g_assert_cmpuint (parse_uint (field (rows, r, C_UNSUB)), <=, 1);
      if (*last != '\0')
        {
          guint32 last_day = julian_of (last);

          g_assert_cmpuint (last_day, >=, created);
          g_assert_cmpuint (last_day, <=, as_of);
          g_assert_cmpuint (activities, >, 0);
        }
      else
        g_assert_cmpuint (activities, ==, 0);

      /* The funnel. */
      g_assert_true (*sal == '\0' || g_str_equal (sal, "accepted") || g_str_equal (sal, "rejected"));
      if (g_str_equal (sal, "rejected"))
        g_assert_true (in_list (reason, reasons));
      else
        g_assert_cmpstr (reason, ==, "");
      g_assert_true (g_str_equal (sql, "yes") || g_str_equal (sql, "no"));
      if (g_str_equal (sql, "yes") && *sal != '\0')
        g_assert_cmpstr (sal, ==, "accepted");
      g_assert_true (g_str_equal (opp, "1") || g_str_equal (opp, "0"));
      if (g_str_equal (opp, "1"))
        {
          g_assert_cmpstr (sql, ==, "yes");
          opportunities++;
          open += *won_text == '\0';
        }
      else
        g_assert_cmpstr (won_text, ==, "false");
      g_assert_true (*won_text == '\0' || g_str_equal (won_text, "true") || g_str_equal (won_text, "false"));
      if (g_str_equal (won_text, "true"))
        {
          double amount = g_ascii_strtod (deal, NULL);

          g_assert_cmpstr (opp, ==, "1");
          g_assert_cmpstr (sql, ==, "yes");
          g_assert_cmpfloat (amount, >=, 5000.0);
          g_assert_cmpfloat (amount, <=, 200000.0);
          won++;
        }
      else
        g_assert_cmpstr (deal, ==, "");
    }
  /* Open opportunities exist (recent leads) but are not the majority. */
  g_assert_cmpuint (open, >, 0);
  g_assert_cmpuint (open, <, opportunities / 2);
  g_assert_cmpuint (won, >, 0);
}

/* Rates on 20 000 leads. The generator is tuned so that the expected rates
 * sit near the middle of each band (handed ≈ 42 %, SQL ≈ 10 %, opportunity ≈
 * 41 % of SQLs, win ≈ 29 % of closed opportunities, personal e-mail 12 %,
 * students 3 %, competitors 1 %, consultants 3 %). The standard error of a
 * proportion p over n leads is √(p(1−p)/n):
 *   handed      √(.42·.58/20000) = 0.0035  → band ±0.03..0.07 is ≥ 8 SE
 *   SQL         √(.10·.90/20000) = 0.0021  → [0.08, 0.12] is ≥ 9 SE
 *   opp | SQL   n ≈ 2000: √(.41·.59/2000) = 0.011 → [0.33, 0.50] is ≥ 7 SE
 *   win | closed n ≈ 650: √(.29·.71/650) = 0.018 → [0.18, 0.42] is ≥ 6 SE
 *   personal    √(.12·.88/20000) = 0.0023 → [0.10, 0.14] is ≥ 8 SE
 *   students, consultants √(.03·.97/20000) = 0.0012 → [0.02, 0.04] is ≥ 8 SE
 *   competitors √(.01·.99/20000) = 0.0007 → [0.005, 0.015] is ≥ 7 SE
 * so a change of seed or of libm rounding cannot make them fail; a change of
 * the generator's behaviour can. */
static void
test_rates (void)
{
  static const char * const personal[] = { "gmail.com", "yahoo.com", "hotmail.com", "outlook.com", NULL };
  GPtrArray *rows = get_history ();
  guint n = rows->len - 1;
  guint handed = 0, sql = 0, opp = 0, closed = 0, won = 0;
  guint n_personal = 0, students = 0, competitors = 0, consultants = 0;

  for (guint r = 1; r < rows->len; r++)
    {
      const char *domain = strchr (field (rows, r, C_EMAIL), '@') + 1;

      handed += *field (rows, r, C_SAL) != '\0';
      sql += g_str_equal (field (rows, r, C_SQL), "yes");
      if (g_str_equal (field (rows, r, C_OPPORTUNITY), "1"))
        {
          opp++;
          closed += *field (rows, r, C_WON) != '\0';
          won += g_str_equal (field (rows, r, C_WON), "true");
        }
      n_personal += in_list (domain, personal);
      students += g_str_has_suffix (domain, ".edu");
      competitors += g_str_equal (domain, "rivalsoft.com") || g_str_equal (domain, "competeco.com");
      consultants += g_str_equal (field (rows, r, C_JOB_TITLE), "Consultant");
    }

  g_test_message ("handed %.3f sql %.3f opp|sql %.3f win|closed %.3f", (double) handed / n,
                  (double) sql / n, (double) opp / sql, (double) won / closed);
  g_assert_cmpfloat ((double) handed / n, >=, 0.35);
  g_assert_cmpfloat ((double) handed / n, <=, 0.45);
  g_assert_cmpfloat ((double) sql / n, >=, 0.08);
  g_assert_cmpfloat ((double) sql / n, <=, 0.12);
  g_assert_cmpfloat ((double) opp / sql, >=, 0.33);
  g_assert_cmpfloat ((double) opp / sql, <=, 0.50);
  g_assert_cmpfloat ((double) won / closed, >=, 0.18);
  g_assert_cmpfloat ((double) won / closed, <=, 0.42);
  g_assert_cmpfloat ((double) n_personal / n, >=, 0.10);
  g_assert_cmpfloat ((double) n_personal / n, <=, 0.14);
  g_assert_cmpfloat ((double) students / n, >=, 0.02);
  g_assert_cmpfloat ((double) students / n, <=, 0.04);
  g_assert_cmpfloat ((double) consultants / n, >=, 0.02);
  g_assert_cmpfloat ((double) consultants / n, <=, 0.04);
  g_assert_cmpfloat ((double) competitors / n, >=, 0.005);
  g_assert_cmpfloat ((double) competitors / n, <=, 0.015);
}

/* A simple seed-002-style score written here (not the core scorer): fit
 * VP/C-level +15, 200–1000 employees +10, SaaS/Manufacturing +10, personal or
 * .edu address −50; behaviour demo +40 (cap 80), pricing +20 (cap 60),
 * webinar +15 (cap 45), case study +20 (cap 40), e-mail click +3 (cap 24),
 * careers −10 (cap −30), unsubscribe −50; no decay. Buckets 0–30, 31–50,
 * 51–70, 71+ (seed 002's table) must show a rising SQL rate. Expected rates
 * are about 4 %, 11 %, 19 %, 40 % with ≈ 12 600 / 3 600 / 1 800 / 1 950
 * leads; the smallest step (11 % → 19 %) is ≈ 7.5 standard errors of the
 * difference (√(.11·.89/3600 + .19·.81/1800) = 0.0106), so ordering is safe. */
static void
test_monotone (void)
{
  static const char * const personal[] = { "gmail.com", "yahoo.com", "hotmail.com", "outlook.com", NULL };
  GPtrArray *rows = get_history ();
  guint leads[4] = { 0 }, sqls[4] = { 0 };

  for (guint r = 1; r < rows->len; r++)
    {
      const char *domain = strchr (field (rows, r, C_EMAIL), '@') + 1;
      const char *seniority = field (rows, r, C_SENIORITY);
      const char *industry = field (rows, r, C_INDUSTRY);
      guint64 size = parse_uint (field (rows, r, C_COMPANY_SIZE));
      double score = 0.0;
      guint b;

      if (g_str_equal (seniority, "VP") || g_str_equal (seniority, "C-level"))
        score += 15;
      if (size >= 200 && size <= 1000)
        score += 10;
      if (g_str_equal (industry, "SaaS") || g_str_equal (industry, "Manufacturing"))
        score += 10;
      if (in_list (domain, personal) || g_str_has_suffix (domain, ".edu"))
        score -= 50;
      score += MIN (40.0 * parse_uint (field (rows, r, C_DEMO)), 80.0);
      score += MIN (20.0 * parse_uint (field (rows, r, C_PRICING)), 60.0);
      score += MIN (15.0 * parse_uint (field (rows, r, C_WEBINARS)), 45.0);
      score += MIN (20.0 * parse_uint (field (rows, r, C_CASES)), 40.0);
      score += MIN (3.0 * parse_uint (field (rows, r, C_CLICKS)), 24.0);
      score -= MIN (10.0 * parse_uint (field (rows, r, C_CAREERS)), 30.0);
      score -= 50.0 * parse_uint (field (rows, r, C_UNSUB));

      b = score <= 30 ? 0 : score <= 50 ? 1 : score <= 70 ? 2 : 3;
      leads[b]++;
      sqls[b] += g_str_equal (field (rows, r, C_SQL), "yes");
    }

  for (guint b = 0; b < 4; b++)
    {
      g_test_message ("bucket %u: %u leads, SQL rate %.3f", b, leads[b], (double) sqls[b] / leads[b]);
      g_assert_cmpuint (leads[b], >=, 500);
    }
  for (guint b = 1; b < 4; b++)
    g_assert_cmpfloat ((double) sqls[b] / leads[b], >, (double) sqls[b - 1] / leads[b - 1]);
  /* Seed 002's shape: the bottom bucket is "too early" (< 10 %), the top one hot (≥ 35 %). */
  g_assert_cmpfloat ((double) sqls[0] / leads[0], <, 0.10);
  g_assert_cmpfloat ((double) sqls[3] / leads[3], >=, 0.35);
}

static void
on_progress_cb (double   fraction,
                gpointer user_data)
{
  GArray *seen = user_data;

  g_array_append_val (seen, fraction);
}

static void
test_progress (void)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  MqlwGenerateOptions options;

  mqlw_generate_options_init (&options);
  options.n_leads = 10000;
  g_assert_true (mqlw_generate (out, &options, on_progress_cb, seen, NULL, &error));
  g_assert_no_error (error);
  /* About every 1 %: at least 50 reports, rising, ending at exactly 1. */
  g_assert_cmpuint (seen->len, >=, 50);
  g_assert_cmpuint (seen->len, <=, 102);
  for (guint i = 1; i < seen->len; i++)
    g_assert_cmpfloat (g_array_index (seen, double, i), >, g_array_index (seen, double, i - 1));
  g_assert_cmpfloat (g_array_index (seen, double, 0), >=, 0.0);
  g_assert_cmpfloat (g_array_index (seen, double, seen->len - 1), ==, 1.0);
}

static void
test_cancel (void)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  MqlwGenerateOptions options;

  mqlw_generate_options_init (&options);
  options.n_leads = 100000;
  g_cancellable_cancel (cancellable);
  g_assert_false (mqlw_generate (out, &options, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Stopped early: far less than the 100 000 leads (≈ 200 bytes each) were written. */
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), <, 4 * 1024 * 1024);
}

static void
test_write_error (void)
{
  static char small[256];
  g_autoptr(GOutputStream) out = g_memory_output_stream_new (small, sizeof small, NULL, NULL);
  g_autoptr(GError) error = NULL;
  MqlwGenerateOptions options;

  mqlw_generate_options_init (&options);
  options.n_leads = 100;
  /* A fixed 256-byte stream cannot take 100 leads: the error is passed on, explained. */
  g_assert_false (mqlw_generate (out, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_true (g_str_has_prefix (error->message, "Could not write the lead history: "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mqlw/generate/options-default", test_options_default);
  g_test_add_func ("/mqlw/generate/same-seed", test_same_seed);
  g_test_add_func ("/mqlw/generate/header-and-rows", test_header_and_rows);
  g_test_add_func ("/mqlw/generate/zero-leads", test_zero_leads);
  g_test_add_func ("/mqlw/generate/quoting", test_quoting);
  g_test_add_func ("/mqlw/generate/invariants", test_invariants);
  g_test_add_func ("/mqlw/generate/rates", test_rates);
  g_test_add_func ("/mqlw/generate/monotone", test_monotone);
  g_test_add_func ("/mqlw/generate/progress", test_progress);
  g_test_add_func ("/mqlw/generate/cancel", test_cancel);
  g_test_add_func ("/mqlw/generate/write-error", test_write_error);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-generate"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "mqlw-generate.h"

/* How the history is made
 * =======================
 *
 * Every lead gets hidden variables: a persona (regular buyer, personal
 * e-mail, student, competitor, consultant), a company from a pool of generated
 * accounts (size, industry, country, revenue are the account's), and an
 * intent drawn from a normal distribution. Activity counts are Poisson with a
 * mean that grows with intent and with the time the lead had to act (as_of −
 * created_at). The last activity date is earlier for colder leads.
 *
 * The funnel follows a hidden quality q = fit + intent signals + noise:
 *   handed to sales   logistic in the visible signals (fit, engagement,
 *                     hand-raise), about 40 % of leads; sal is blank otherwise
 *   sal               accepted with logistic(q); rejected leads get a reason
 *                     that matches them (students "Student", …)
 *   sql               yes/no for every lead; only accepted leads or (rarely)
 *                     leads never handed (outbound) become SQLs
 *   opportunity       1/0 for every lead; only SQLs become opportunities
 *   won               false for every lead that is not an opportunity; for
 *                     opportunities true/false once closed, BLANK while the
 *                     opportunity is still open (more often for recent leads)
 *   deal_amount       won deals only (log-normal, 5 000–200 000)
 *
 * Created dates are not random: lead i sits at quantile (i + ½)/n of the
 * daily volume curve (growth over the period, seasonal dips in August and
 * December), so the file is sorted by created_at like a CRM export.
 *
 * Determinism: one gsl_rng_mt19937 seeded with the seed, every draw in a fixed
 * order, numbers formatted by hand (no locale), so a seed always gives the same
 * bytes. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (gsl_rng, gsl_rng_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (gsl_ran_discrete_t, gsl_ran_discrete_free)

#define HEADER \
  "lead_id,email,company,job_title,seniority,department,company_size,industry," \
  "country,annual_revenue,lead_source,created_at,as_of,demo_requests,contact_sales," \
  "pricing_page_views,product_page_views,webinars_attended,case_study_downloads," \
  "ebook_downloads,email_clicks,careers_page_views,unsubscribed,last_activity_at," \
  "sal,rejection_reason,sql,opportunity,won,deal_amount\n"

#define BUFFER_SIZE     (1024 * 1024)
#define ROW_MAX         1024   /* a row is far shorter; flush before this much is left */
#define N_COMPANIES     2500
#define N_UNIVERSITIES  60

/* ---- vocabularies -------------------------------------------------------- */

enum { SEN_IC, SEN_MANAGER, SEN_DIRECTOR, SEN_VP, SEN_C, N_SENIORITIES };
static const char * const seniorities[N_SENIORITIES] = {
  "Individual Contributor", "Manager", "Director", "VP", "C-level",
};
static const double seniority_weights[N_SENIORITIES] = { 40, 28, 16, 10, 6 };
static const double seniority_fit[N_SENIORITIES] = { -0.3, 0.3, 0.8, 1.2, 1.3 };

enum { DEP_MARKETING, DEP_SALES, DEP_OPERATIONS, DEP_IT, DEP_FINANCE, DEP_HR, DEP_ENGINEERING, N_DEPARTMENTS };
static const char * const departments[N_DEPARTMENTS] = {
  "Marketing", "Sales", "Operations", "IT", "Finance", "HR", "Engineering",
};
static const double department_weights[N_DEPARTMENTS] = { 28, 16, 14, 14, 10, 6, 12 };

/* [seniority][department]; individual contributors have two variants. */
static const char * const titles_ic[2][N_DEPARTMENTS] = {
  { "Marketing Specialist", "Account Executive", "Operations Analyst", "Systems Administrator",
    "Financial Analyst", "HR Generalist", "Software Engineer" },
  { "Marketing Coordinator", "Sales Development Representative", "Operations Coordinator",
    "IT Specialist", "Accountant", "Recruiter", "Data Engineer" },
};
static const char * const titles[N_SENIORITIES][N_DEPARTMENTS] = {
  { NULL },
  { "Marketing Manager", "Sales Manager", "Operations Manager", "IT Manager",
    "Finance Manager", "HR Manager", "Engineering Manager" },
  { "Director of Marketing", "Director of Sales", "Director of Operations", "Director of IT",
    "Director of Finance", "Director of HR", "Director of Engineering" },
  { "VP Marketing", "VP Sales", "VP Operations", "VP IT",
    "VP Finance", "VP HR", "VP Engineering" },
  { "CMO", "CRO", "COO", "CIO", "CFO", "CHRO", "CTO" },
};

enum { IND_SAAS, IND_MANUFACTURING, IND_FINANCIAL, IND_HEALTHCARE, IND_RETAIL,
       IND_EDUCATION, IND_PROFESSIONAL, IND_GOVERNMENT, N_INDUSTRIES };
static const char * const industries[N_INDUSTRIES] = {
  "SaaS", "Manufacturing", "Financial Services", "Healthcare", "Retail", "Education",
  "Professional Services", "Government",
};
static const double industry_weights[N_INDUSTRIES] = { 22, 16, 14, 12, 10, 6, 13, 7 };
static const double industry_fit[N_INDUSTRIES] = { 0.8, 0.7, 0.2, 0.1, 0.0, -0.4, 0.1, -0.5 };
/* Name endings that fit each industry; the first word comes from name_stems. */
static const char * const industry_words[N_INDUSTRIES][5] = {
  { "Software", "Cloud", "Analytics", "Labs", "Networks" },
  { "Industries", "Manufacturing", "Robotics", "Works", "Materials" },
  { "Bank", "Capital", "Insurance", "Financial", "Credit Union" },
  { "Health", "Medical", "Care", "Clinics", "Pharma" },
  { "Retail", "Foods", "Stores", "Outfitters", "Market" },
  { "Academy", "Learning", "Schools", "College", "Institute" },
  { "Consulting", "Partners", "Advisors", "Legal", "Associates" },
  { "County", "City Council", "Transit Authority", "Water Board", "Department of Revenue" },
};
static const char * const name_stems[] = {
  "Acme", "Globex", "Initech", "Umbra", "Vertex", "Northwind", "Bluefin", "Redwood", "Silverline",
  "Summit", "Pioneer", "Apex", "Nova", "Quantum", "Helix", "Orbit", "Cedar", "Maple", "Harbor",
  "Granite", "Falcon", "Lumen", "Evergreen", "Ironbridge", "Crescent", "Beacon", "Sterling",
  "Horizon", "Atlas", "Keystone", "Brightwater", "Oakmont", "Riverside", "Stonegate", "Wavecrest",
  "Juniper", "Copperfield", "Meridian", "Polaris", "Sequoia", "Tidewater", "Zenith", "Halcyon",
  "Larkspur", "Bramble", "Fjord", "Kestrel", "Marigold", "Obsidian", "Pinnacle", "Quarry",
  "Saffron", "Thistle", "Vantage", "Willow", "Yellowstone", "Alder", "Birchwood", "Cobalt",
  "Driftwood", "Emberly", "Foxglove", "Glacier", "Hollis", "Indigo", "Jasper", "Kingsley",
  "Lakeshore", "Monarch", "Northstar", "Olympus", "Prairie", "Ridgeline", "Solstice", "Trident",
};
static const char * const legal_forms[] = {
  "", "", "", " Inc.", " Ltd", " LLC", " Group", ", Inc.", ", LLC", " Co.",
};

enum { CTRY_US, CTRY_UK, CTRY_DE, CTRY_FR, CTRY_ES, CTRY_CA, CTRY_AU, CTRY_NL, CTRY_IN, CTRY_BR, N_COUNTRIES };
static const char * const countries[N_COUNTRIES] = {
  "US", "UK", "DE", "FR", "ES", "CA", "AU", "NL", "IN", "BR",
};
static const double country_weights[N_COUNTRIES] = { 40, 12, 9, 6, 4, 7, 5, 4, 8, 5 };
static const char * const country_tlds[N_COUNTRIES] = {
  ".com", ".co.uk", ".de", ".fr", ".es", ".ca", ".com.au", ".nl", ".in", ".com.br",
};

enum { SRC_ORGANIC, SRC_PAID, SRC_WEBINAR, SRC_EVENT, SRC_REFERRAL, SRC_PARTNER,
       SRC_SYNDICATION, SRC_SOCIAL, SRC_DIRECT, N_SOURCES };
static const char * const sources[N_SOURCES] = {
  "Organic Search", "Paid Search", "Webinar", "Event", "Referral", "Partner",
  "Content Syndication", "Social", "Direct",
};
static const double source_weights[N_SOURCES] = { 20, 15, 12, 10, 6, 6, 12, 10, 9 };
static const double source_intent[N_SOURCES] = { 0.1, 0.0, 0.2, -0.3, 0.5, 0.2, -0.4, -0.2, 0.4 };

static const char * const first_names[] = {
  "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
  "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
  "Carlos", "Karen", "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Sandra", "Mark", "Ashley",
  "Priya", "Emily", "Arjun", "Sophie", "Lukas", "Emma", "Hugo", "Chloe", "Mateo", "Lucia",
  "Noah", "Olivia", "Liam", "Mia", "Jan", "Anna", "Pieter", "Sanne", "Rahul", "Ananya",
  "Gabriel", "Beatriz", "Oliver", "Charlotte", "Jack", "Amelia", "Felix", "Lena", "Louis", "Camille",
};
static const char * const last_names[] = {
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
  "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson",
  "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Young", "King",
  "Patel", "Sharma", "Mueller", "Schmidt", "Schneider", "Fischer", "Dubois", "Moreau", "Laurent",
  "Fernandez", "Gonzalez", "Sanchez", "Jansen", "DeVries", "Bakker", "Silva", "Santos", "Oliveira",
  "Nguyen", "Chen", "Wang", "Kumar", "Singh", "Murphy", "Kelly", "Walsh", "Campbell", "Stewart",
};
static const char * const personal_domains[] = {
  "gmail.com", "gmail.com", "yahoo.com", "hotmail.com", "outlook.com",
};
static const char * const rejection_reasons[] = {
  "Not a decision maker", "No budget", "No current project", "Wrong company size", "Student",
  "Competitor", "Duplicate", "Bad contact data",
};
enum { REJ_NOT_DM, REJ_NO_BUDGET, REJ_NO_PROJECT, REJ_SIZE, REJ_STUDENT, REJ_COMPETITOR,
       REJ_DUPLICATE, REJ_BAD_DATA };

typedef enum {
  PERSONA_REGULAR,
  PERSONA_PERSONAL,      /* regular buyer who used a personal address */
  PERSONA_STUDENT,
  PERSONA_COMPETITOR,
  PERSONA_CONSULTANT,
} Persona;

typedef struct {
  char   *csv_name;      /* already quoted when it needs it */
  guint   csv_name_len;
  char   *domain;
  guint   domain_len;
  guint32 size;
  guint8  industry;
  guint8  country;
  double  revenue;       /* dollars */
} Company;

typedef struct {
  char   *data;
  gsize   len;
} Buffer;

/* ---- dates ------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static gint32
days_from_civil (int y,
                 int m,
                 int d)
{
  int era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint32  z,
                 int    *year,
                 int    *month,
                 int    *day)
{
  int era, doe, yoe, doy, mp, y;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = y + (*month <= 2);
}

static void
format_iso_date (gint32  days,
                 char   *out)
{
  int y, m, d;

  civil_from_days (days, &y, &m, &d);
  out[0] = '0' + (y / 1000) % 10;
  out[1] = '0' + (y / 100) % 10;
  out[2] = '0' + (y / 10) % 10;
  out[3] = '0' + y % 10;
  out[4] = '-';
  out[5] = '0' + m / 10;
  out[6] = '0' + m % 10;
  out[7] = '-';
  out[8] = '0' + d / 10;
  out[9] = '0' + d % 10;
}

void
mqlw_generate_options_init (MqlwGenerateOptions *options)
{
  g_return_if_fail (options != NULL);

  options->n_leads = 5000;
  options->seed = 42;
  options->as_of_days = days_from_civil (2026, 6, 30);
  options->months = 18;
}

/* ---- output buffer ----------------------------------------------------- */

static inline void
put_bytes (Buffer     *buf,
           const char *text,
           gsize       len)
{
  memcpy (buf->data + buf->len, text, len);
  buf->len += len;
}

static inline void
put_str (Buffer     *buf,
         const char *text)
{
  put_bytes (buf, text, strlen (text));
}

static inline void
put_char (Buffer *buf,
          char    c)
{
  buf->data[buf->len++] = c;
}

static inline void
put_uint (Buffer  *buf,
          guint64  value)
{
  char tmp[24];
  int n = 0;

  do
    {
      tmp[n++] = '0' + (char) (value % 10);
      value /= 10;
    }
  while (value != 0);
  while (n > 0)
    buf->data[buf->len++] = tmp[--n];
}

/* Dollars with two decimals, rounded to the cent. */
static inline void
put_money (Buffer *buf,
           double  dollars)
{
  guint64 cents = (guint64) llround (dollars * 100.0);

  put_uint (buf, cents / 100);
  put_char (buf, '.');
  put_char (buf, '0' + (char) ((cents / 10) % 10));
  put_char (buf, '0' + (char) (cents % 10));
}

static inline void
put_lower_ascii (Buffer     *buf,
                 const char *text)
{
  for (; *text != '\0'; text++)
    if (g_ascii_isalnum (*text))
      buf->data[buf->len++] = g_ascii_tolower (*text);
}

static inline void
put_lead_id (Buffer  *buf,
             guint64  number)
{
  char tmp[24];
  int n = 0;

  do
    {
      tmp[n++] = '0' + (char) (number % 10);
      number /= 10;
    }
  while (number != 0);
  put_char (buf, 'L');
  for (int pad = n; pad < 7; pad++)
    put_char (buf, '0');
  while (n > 0)
    put_char (buf, tmp[--n]);
}

static gboolean
flush_buffer (GOutputStream  *out,
              Buffer         *buf,
              GCancellable   *cancellable,
              GError        **error)
{
  if (buf->len == 0)
    return TRUE;
  if (!g_output_stream_write_all (out, buf->data, buf->len, NULL, cancellable, error))
    return FALSE;
  buf->len = 0;
  return TRUE;
}

/* ---- the pool of accounts ---------------------------------------------- */

/* Employees: log-normal with the given median, 1..50 000. */
static guint32
draw_size (gsl_rng *rng,
           double   median,
           double   sigma,
           guint32  floor_size)
{
  long long size = llround (gsl_ran_lognormal (rng, log (median), sigma));

  return (guint32) CLAMP (size, (long long) floor_size, 50000);
}

static char *
make_domain (const char *stem,
             const char *word,
             const char *tld)
{
  GString *domain = g_string_new (NULL);

  for (const char *p = stem; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (domain, g_ascii_tolower (*p));
  /* Only the first word of the ending, "Credit Union" → "credit". */
  for (const char *p = word; *p != '\0' && *p != ' '; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (domain, g_ascii_tolower (*p));
  g_string_append (domain, tld);
  return g_string_free (domain, FALSE);
}

static void
set_company_name (Company    *company,
                  const char *name)
{
  if (strchr (name, ',') != NULL)
    company->csv_name = g_strdup_printf ("\"%s\"", name);
  else
    company->csv_name = g_strdup (name);
  company->csv_name_len = strlen (company->csv_name);
  company->domain_len = strlen (company->domain);
}

static Company *
build_companies (gsl_rng                  *rng,
                 const gsl_ran_discrete_t *industry_table,
                 const gsl_ran_discrete_t *country_table)
{
  Company *companies = g_new0 (Company, N_COMPANIES + N_UNIVERSITIES + 2);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < N_COMPANIES; i++)
    {
      Company *c = &companies[i];
      const char *stem, *word, *legal;
      g_autofree char *name = NULL;

      do
        {
          g_clear_pointer (&name, g_free);
          c->industry = (guint8) gsl_ran_discrete (rng, industry_table);
          stem = name_stems[gsl_rng_uniform_int (rng, G_N_ELEMENTS (name_stems))];
          word = industry_words[c->industry][gsl_rng_uniform_int (rng, 5)];
          legal = legal_forms[gsl_rng_uniform_int (rng, G_N_ELEMENTS (legal_forms))];
          if (c->industry == IND_GOVERNMENT || c->industry == IND_EDUCATION)
            legal = "";
          name = g_strconcat (stem, " ", word, legal, NULL);
        }
      while (g_hash_table_contains (seen, name));

      c->country = (guint8) gsl_ran_discrete (rng, country_table);
      c->domain = make_domain (stem, word,
                               gsl_rng_uniform (rng) < 0.5 ? ".com" : country_tlds[c->country]);
      /* Employees: log-normal around 150 (most are small, a long tail up to 50 000). */
      c->size = draw_size (rng, 150.0, 1.5, 1);
      if (c->industry == IND_GOVERNMENT)
        c->size = MIN (50000, c->size * 3);
      /* Revenue per employee around 180 000 dollars. */
      c->revenue = c->size * gsl_ran_lognormal (rng, log (180000.0), 0.5);
      set_company_name (c, name);
      g_hash_table_add (seen, g_strdup (name));
    }

  for (guint i = 0; i < N_UNIVERSITIES; i++)
    {
      Company *c = &companies[N_COMPANIES + i];
      const char *stem = name_stems[i % G_N_ELEMENTS (name_stems)];
      g_autofree char *name = g_strconcat (stem, " University", NULL);

      c->industry = IND_EDUCATION;
      c->country = (guint8) gsl_ran_discrete (rng, country_table);
      c->domain = make_domain (stem, "", ".edu");
      c->size = draw_size (rng, 6000.0, 0.6, 500);
      c->revenue = c->size * gsl_ran_lognormal (rng, log (90000.0), 0.3);
      set_company_name (c, name);
    }

  companies[N_COMPANIES + N_UNIVERSITIES].domain = g_strdup ("rivalsoft.com");
  companies[N_COMPANIES + N_UNIVERSITIES].size = 640;
  companies[N_COMPANIES + N_UNIVERSITIES].revenue = 92.5e6;
  set_company_name (&companies[N_COMPANIES + N_UNIVERSITIES], "RivalSoft, Inc.");
  companies[N_COMPANIES + N_UNIVERSITIES + 1].domain = g_strdup ("competeco.com");
  companies[N_COMPANIES + N_UNIVERSITIES + 1].size = 1850;
  companies[N_COMPANIES + N_UNIVERSITIES + 1].revenue = 310e6;
  set_company_name (&companies[N_COMPANIES + N_UNIVERSITIES + 1], "CompeteCo");
  /* Both competitors sell software in the US; the zeroed fields say so. */
  G_STATIC_ASSERT (IND_SAAS == 0 && CTRY_US == 0);

  return companies;
}

static void
free_companies (Company *companies)
{
  for (guint i = 0; i < N_COMPANIES + N_UNIVERSITIES + 2; i++)
    {
      g_free (companies[i].csv_name);
      g_free (companies[i].domain);
    }
  g_free (companies);
}

/* ---- per-lead draws ----------------------------------------------------- */

static inline double
logistic (double x)
{
  return 1.0 / (1.0 + exp (-x));
}

static inline guint
draw_count (gsl_rng *rng,
            double   mean,
            guint    max)
{
  unsigned int count;

  if (mean <= 0.0)
    return 0;
  count = gsl_ran_poisson (rng, MIN (mean, 50.0));
  return MIN (count, max);
}

/* Created dates: the cumulative daily volume over [start, end]. */
static double *
build_daily_cdf (gint32  start,
                 gint32  end)
{
  guint n_days = (guint) (end - start + 1);
  double *cdf = g_new (double, n_days);
  double total = 0.0;

  for (guint i = 0; i < n_days; i++)
    {
      int y, m, d;
      double w;

      civil_from_days (start + (gint32) i, &y, &m, &d);
      /* Growth: the last month has 1.8× the volume of the first. */
      w = 1.0 + 0.8 * (double) i / MAX (1, n_days - 1);
      /* Seasonality: quiet summer and holidays, busy autumn and January. */
      if (m == 12)
        w *= 0.75;
      else if (m == 8)
        w *= 0.85;
      else if (m == 1 || m == 9 || m == 10)
        w *= 1.1;
      /* Fewer sign-ups at weekends (1970-01-01 was a Thursday). */
      if ((start + (gint32) i + 3) % 7 >= 5)
        w *= 0.5;
      total += w;
      cdf[i] = total;
    }
  for (guint i = 0; i < n_days; i++)
    cdf[i] /= total;
  return cdf;
}

gboolean
mqlw_generate (GOutputStream             *out,
               const MqlwGenerateOptions *options,
               MqlwProgressFunc           progress,
               gpointer                   progress_data,
               GCancellable              *cancellable,
               GError                   **error)
{
  g_autoptr(gsl_rng) rng = NULL;
  g_autoptr(gsl_ran_discrete_t) seniority_table = NULL;
  g_autoptr(gsl_ran_discrete_t) department_table = NULL;
  g_autoptr(gsl_ran_discrete_t) industry_table = NULL;
  g_autoptr(gsl_ran_discrete_t) country_table = NULL;
  g_autoptr(gsl_ran_discrete_t) source_table = NULL;
  g_autoptr(gsl_ran_discrete_t) company_table = NULL;
  g_autofree double *company_weights = NULL;
  g_autofree double *cdf = NULL;
  g_autofree char *dates = NULL;
  g_autofree char *data = NULL;
  Company *companies;
  Buffer buf;
  gint32 start, end;
  guint n_days, day_index = 0;
  guint64 next_progress, progress_step;
  gboolean ok = FALSE;
  int end_y, end_m, end_d, start_y, start_m;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (options->months >= 1 && options->months <= 1200, FALSE);
  g_return_val_if_fail (options->as_of_days > days_from_civil (1900, 1, 1), FALSE);
  g_return_val_if_fail (options->as_of_days < days_from_civil (9000, 1, 1), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The history: whole calendar months ending with the month of as_of_days. */
  end = options->as_of_days;
  civil_from_days (end, &end_y, &end_m, &end_d);
  start_y = end_y;
  start_m = end_m - (int) (options->months - 1);
  while (start_m < 1)
    {
      start_m += 12;
      start_y--;
    }
  start = days_from_civil (start_y, start_m, 1);
  n_days = (guint) (end - start + 1);
  cdf = build_daily_cdf (start, end);
  dates = g_new (char, (gsize) n_days * 10);
  for (guint i = 0; i < n_days; i++)
    format_iso_date (start + (gint32) i, dates + (gsize) i * 10);

  rng = gsl_rng_alloc (gsl_rng_mt19937);
  /* mt19937 takes an unsigned long seed; fold 64-bit seeds so that they all count. */
  gsl_rng_set (rng, (unsigned long) (options->seed ^ (options->seed >> 32)));

  seniority_table = gsl_ran_discrete_preproc (N_SENIORITIES, seniority_weights);
  department_table = gsl_ran_discrete_preproc (N_DEPARTMENTS, department_weights);
  industry_table = gsl_ran_discrete_preproc (N_INDUSTRIES, industry_weights);
  country_table = gsl_ran_discrete_preproc (N_COUNTRIES, country_weights);
  source_table = gsl_ran_discrete_preproc (N_SOURCES, source_weights);
  /* Some accounts produce many leads: Zipf-like popularity. */
  company_weights = g_new (double, N_COMPANIES);
  for (guint i = 0; i < N_COMPANIES; i++)
    company_weights[i] = 1.0 / (i + 20.0);
  company_table = gsl_ran_discrete_preproc (N_COMPANIES, company_weights);

  companies = build_companies (rng, industry_table, country_table);

  data = g_malloc (BUFFER_SIZE);
  buf.data = data;
  buf.len = 0;
  put_str (&buf, HEADER);

  progress_step = MAX (1, options->n_leads / 100);
  next_progress = progress_step;

  for (guint64 i = 0; i < options->n_leads; i++)
    {
      Persona persona;
      const Company *company;
      guint seniority, department, source, first, last;
      double u, fit, intent, engagement, quality, span_scale, recency_days;
      guint demo, contact, pricing, product, webinars, cases, ebooks, clicks, careers, unsub;
      gint32 created, as_of, last_activity = G_MININT32;
      gboolean revenue_missing, handed, accepted = FALSE, sql, opportunity;
      int won = -1;   /* -1 open / not an opportunity shown as below */
      int reason = -1;
      double target;

      if (i == next_progress)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            goto out;
          if (progress != NULL)
            progress ((double) i / (double) options->n_leads, progress_data);
          next_progress += progress_step;
        }
      if (buf.len > BUFFER_SIZE - ROW_MAX && !flush_buffer (out, &buf, cancellable, error))
        goto out;

      /* Created: quantile (i + ½)/n of the daily volume curve. */
      target = ((double) i + 0.5) / (double) options->n_leads;
      while (day_index + 1 < n_days && cdf[day_index] < target)
        day_index++;
      created = start + (gint32) day_index;
      /* Scored / handed over 14–120 days after creation, never after the end. */
      as_of = created + 14 + (gint32) gsl_rng_uniform_int (rng, 107);
      as_of = MIN (as_of, end);

      /* Who. */
      u = gsl_rng_uniform (rng);
      if (u < 0.01)
        persona = PERSONA_COMPETITOR;
      else if (u < 0.04)
        persona = PERSONA_STUDENT;
      else if (u < 0.07)
        persona = PERSONA_CONSULTANT;
      else if (u < 0.07 + 0.12)
        persona = PERSONA_PERSONAL;
      else
        persona = PERSONA_REGULAR;

      seniority = (guint) gsl_ran_discrete (rng, seniority_table);
      department = (guint) gsl_ran_discrete (rng, department_table);
      source = (guint) gsl_ran_discrete (rng, source_table);
      first = (guint) gsl_rng_uniform_int (rng, G_N_ELEMENTS (first_names));
      last = (guint) gsl_rng_uniform_int (rng, G_N_ELEMENTS (last_names));
      revenue_missing = gsl_rng_uniform (rng) < 0.1;

      switch (persona)
        {
        case PERSONA_STUDENT:
          company = &companies[N_COMPANIES + gsl_rng_uniform_int (rng, N_UNIVERSITIES)];
          seniority = SEN_IC;
          if (source == SRC_REFERRAL || source == SRC_PARTNER || source == SRC_EVENT)
            source = SRC_ORGANIC;
          break;
        case PERSONA_COMPETITOR:
          company = &companies[N_COMPANIES + N_UNIVERSITIES + gsl_rng_uniform_int (rng, 2)];
          break;
        case PERSONA_CONSULTANT:
          company = &companies[gsl_ran_discrete (rng, company_table)];
          seniority = gsl_rng_uniform (rng) < 0.7 ? SEN_IC : SEN_MANAGER;
          if (gsl_ran_bernoulli (rng, 0.6))
            source = SRC_PARTNER;
          break;
        case PERSONA_REGULAR:
        case PERSONA_PERSONAL:
        default:
          company = &companies[gsl_ran_discrete (rng, company_table)];
          break;
        }

      /* Fit: seniority, the 200–1000 sweet spot, ICP industries, a real buyer. */
      fit = seniority_fit[seniority] + industry_fit[company->industry];
      if (company->size >= 200 && company->size <= 1000)
        fit += 0.8;
      else if (company->size >= 50 && company->size <= 5000)
        fit += 0.2;
      else if (company->size < 20)
        fit -= 0.8;
      if (persona == PERSONA_PERSONAL)
        fit -= 0.6;
      else if (persona == PERSONA_CONSULTANT)
        fit -= 1.5;
      else if (persona == PERSONA_STUDENT || persona == PERSONA_COMPETITOR)
        fit -= 3.0;

      /* Intent, hidden: the activity counts are its visible trace. */
      intent = gsl_ran_gaussian (rng, 1.0) + source_intent[source] + 0.25 * CLAMP (fit, -1.0, 2.0);
      if (persona == PERSONA_COMPETITOR)
        intent += 0.8;   /* competitors research pricing and product pages */
      span_scale = sqrt ((as_of - created) / 67.0);

      demo = draw_count (rng, span_scale * exp (-3.7 + 1.1 * intent), 3);
      contact = draw_count (rng, span_scale * exp (-4.8 + 1.0 * intent), 2);
      pricing = draw_count (rng, span_scale * exp (-1.3 + 0.9 * intent), 40);
      product = draw_count (rng, span_scale * exp (0.2 + 0.6 * intent), 80);
      webinars = draw_count (rng, span_scale * exp (-1.7 + 0.6 * intent), 12);
      if (source == SRC_WEBINAR)
        webinars = MAX (webinars, 1);
      cases = draw_count (rng, span_scale * exp (-2.0 + 0.8 * intent), 15);
      ebooks = draw_count (rng, span_scale * exp (-0.8 + 0.3 * intent), 20);
      if (source == SRC_SYNDICATION)
        ebooks = MAX (ebooks, 1);
      clicks = draw_count (rng, span_scale * exp (0.4 + 0.5 * intent), 60);
      careers = draw_count (rng, persona == PERSONA_STUDENT ? 1.2 : 0.08, 10);
      unsub = (guint) gsl_ran_bernoulli (rng, MIN (0.5, 0.05 * exp (-0.5 * intent)));

      recency_days = gsl_ran_exponential (rng, 35.0 * exp (-0.6 * intent));
      if (demo + contact + pricing + product + webinars + cases + ebooks + clicks + careers > 0)
        last_activity = as_of - (gint32) MIN ((double) (as_of - created), floor (recency_days));
      else
        recency_days = 365.0;

      /* The funnel. Handing over follows what marketing can see. */
      engagement = log1p (pricing + 2.0 * cases + webinars + 0.3 * clicks + 0.2 * product);
      handed = gsl_ran_bernoulli (rng, logistic (-1.5 + 0.5 * fit + 0.75 * engagement
                                                 + 2.5 * (demo + contact > 0)
                                                 + (source == SRC_EVENT ? 0.5 : 0.0)));
      quality = fit + 0.6 * intent + 0.8 * exp (-recency_days / 30.0)
                + 1.5 * (demo + contact > 0) + 0.25 * MIN (pricing, 4) + 0.2 * MIN (cases, 3)
                - 1.0 * unsub + gsl_ran_gaussian (rng, 0.7);

      if (handed)
        {
          accepted = gsl_ran_bernoulli (rng, logistic (-0.9 + 0.55 * quality));
          if (persona == PERSONA_STUDENT || persona == PERSONA_COMPETITOR)
            accepted = FALSE;
          if (!accepted)
            {
              if (persona == PERSONA_STUDENT)
                reason = REJ_STUDENT;
              else if (persona == PERSONA_COMPETITOR)
                reason = REJ_COMPETITOR;
              else if (gsl_rng_uniform (rng) < 0.06)
                reason = gsl_rng_uniform (rng) < 0.5 ? REJ_DUPLICATE : REJ_BAD_DATA;
              else if (company->size < 50 && gsl_rng_uniform (rng) < 0.6)
                reason = REJ_SIZE;
              else if ((seniority == SEN_IC || persona == PERSONA_CONSULTANT)
                       && gsl_rng_uniform (rng) < 0.7)
                reason = REJ_NOT_DM;
              else
                reason = gsl_rng_uniform (rng) < 0.5 ? REJ_NO_BUDGET : REJ_NO_PROJECT;
            }
          sql = accepted && gsl_ran_bernoulli (rng, logistic (-3.2 + 1.0 * quality));
        }
      else
        {
          /* Outbound occasionally finds a buyer marketing never handed over. */
          sql = persona != PERSONA_STUDENT && persona != PERSONA_COMPETITOR
                && gsl_ran_bernoulli (rng, 0.02 * logistic (quality));
        }

      opportunity = sql && gsl_ran_bernoulli (rng, logistic (-2.0 + 0.45 * quality));
      if (opportunity)
        {
          double age = end - created;

          /* Sales cycles: about three months; recent opportunities are still open. */
          if (gsl_rng_uniform (rng) < 1.0 - exp (-age / 100.0))
            won = gsl_ran_bernoulli (rng, logistic (-3.1 + 0.5 * quality)) ? 1 : 0;
        }
      else
        won = 0;

      /* Write the row. */
      put_lead_id (&buf, i + 1);
      put_char (&buf, ',');
      put_lower_ascii (&buf, first_names[first]);
      put_char (&buf, '.');
      put_lower_ascii (&buf, last_names[last]);
      put_char (&buf, '@');
      if (persona == PERSONA_PERSONAL)
        put_str (&buf, personal_domains[gsl_rng_uniform_int (rng, G_N_ELEMENTS (personal_domains))]);
      else
        put_bytes (&buf, company->domain, company->domain_len);
      put_char (&buf, ',');
      put_bytes (&buf, company->csv_name, company->csv_name_len);
      put_char (&buf, ',');
      if (persona == PERSONA_STUDENT)
        put_str (&buf, "Student");
      else if (persona == PERSONA_CONSULTANT)
        put_str (&buf, "Consultant");
      else if (seniority == SEN_IC)
        put_str (&buf, titles_ic[i & 1][department]);
      else
        put_str (&buf, titles[seniority][department]);
      put_char (&buf, ',');
      put_str (&buf, seniorities[seniority]);
      put_char (&buf, ',');
      put_str (&buf, departments[department]);
      put_char (&buf, ',');
      put_uint (&buf, company->size);
      put_char (&buf, ',');
      put_str (&buf, industries[company->industry]);
      put_char (&buf, ',');
      put_str (&buf, countries[company->country]);
      put_char (&buf, ',');
      if (!revenue_missing)
        put_money (&buf, round (company->revenue / 1000.0) * 1000.0);
      put_char (&buf, ',');
      put_str (&buf, sources[source]);
      put_char (&buf, ',');
      put_bytes (&buf, dates + (gsize) (created - start) * 10, 10);
      put_char (&buf, ',');
      put_bytes (&buf, dates + (gsize) (as_of - start) * 10, 10);
      put_char (&buf, ',');
      put_uint (&buf, demo);
      put_char (&buf, ',');
      put_uint (&buf, contact);
      put_char (&buf, ',');
      put_uint (&buf, pricing);
      put_char (&buf, ',');
      put_uint (&buf, product);
      put_char (&buf, ',');
      put_uint (&buf, webinars);
      put_char (&buf, ',');
      put_uint (&buf, cases);
      put_char (&buf, ',');
      put_uint (&buf, ebooks);
      put_char (&buf, ',');
      put_uint (&buf, clicks);
      put_char (&buf, ',');
      put_uint (&buf, careers);
      put_char (&buf, ',');
      put_uint (&buf, unsub);
      put_char (&buf, ',');
      if (last_activity != G_MININT32)
        put_bytes (&buf, dates + (gsize) (last_activity - start) * 10, 10);
      put_char (&buf, ',');
      if (handed)
        put_str (&buf, accepted ? "accepted" : "rejected");
      put_char (&buf, ',');
      if (reason >= 0)
        put_str (&buf, rejection_reasons[reason]);
      put_char (&buf, ',');
      put_str (&buf, sql ? "yes" : "no");
      put_char (&buf, ',');
      put_char (&buf, opportunity ? '1' : '0');
      put_char (&buf, ',');
      if (won >= 0)
        put_str (&buf, won ? "true" : "false");
      put_char (&buf, ',');
      if (won == 1)
        {
          double amount = gsl_ran_lognormal (rng, log (24000.0), 0.8)
                          * (company->size > 1000 ? 1.8 : 1.0);

          put_money (&buf, round (CLAMP (amount, 5000.0, 200000.0)));
        }
      put_char (&buf, '\n');
    }

  if (!flush_buffer (out, &buf, cancellable, error))
    goto out;
  if (!g_output_stream_flush (out, cancellable, error))
    goto out;
  if (progress != NULL)
    progress (1.0, progress_data);
  ok = TRUE;

out:
  free_companies (companies);
  if (!ok && error != NULL && *error != NULL
      && !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_prefix_error (error, _("Could not write the lead history: "));
  return ok;
}

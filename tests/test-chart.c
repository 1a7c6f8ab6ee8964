/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-chart"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include <locale.h>

#include "mqlw-chart.h"
#include "mqlw-chart-paint.h"
#include "mqlw-safe-write.h"

/* The fixture is seed 002's score table ("Step 2: Compare by Score Range"),
 * scaled to 2 000 leads:
 *
 *   range   leads  SQL            opportunity    verdict
 *   0–30     900   45 (5 %)        9 (1 %)       Too early
 *   31–50    600   90 (15 %)      30 (5 %)       Marginal
 *   51–70    360  126 (35 %)      54 (15 %)      Good
 *   71+      140   84 (60 %)      42 (30 %)      Hot
 *
 * Edges 0, 31, 51, 71 → [0,31) [31,51) [51,71) [71,∞). Acceptance and win
 * are absent from this dataset. */

#define WIDTH  1366
#define HEIGHT  768

/* The palette is the chart's design contract (mqlw-chart.c's theme): the
 * light theme's background, the "Too early" bar fill and the threshold
 * line (Adwaita blue 4). */
#define LIGHT_BG        0xfafafa
#define LIGHT_TOO_EARLY 0xc0bfbc
#define LIGHT_THRESHOLD 0x1c71d8
#define DARK_BG         0x242424

typedef struct {
  double lo, hi;
  guint64 leads, sql, opp;
  MqlwVerdict verdict;
} Row;

static const Row seed002[] = {
  {  0, 31,       900,  45,  9, MQLW_VERDICT_TOO_EARLY },
  { 31, 51,       600,  90, 30, MQLW_VERDICT_MARGINAL },
  { 51, 71,       360, 126, 54, MQLW_VERDICT_GOOD },
  { 71, INFINITY, 140,  84, 42, MQLW_VERDICT_HOT },
};

/* Fixture data only (nothing below asserts on it): the 95 % Wilson interval
 * (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n). */
static void
set_rate (MqlwRate *rate,
          guint64   known,
          guint64   reached)
{
  double z = 1.959963984540054;
  double n = (double) known;
  double p = (double) reached / n;
  double centre = p + z * z / (2 * n);
  double half = z * sqrt (p * (1 - p) / n + z * z / (4 * n * n));

  rate->present = TRUE;
  rate->known = known;
  rate->reached = reached;
  rate->rate = p;
  rate->ci_low = (centre - half) / (1 + z * z / n);
  rate->ci_high = (centre + half) / (1 + z * z / n);
}

static void
set_absent (MqlwRate *rate)
{
  memset (rate, 0, sizeof *rate);
  rate->rate = rate->ci_low = rate->ci_high = NAN;
}

static MqlwBucketTable *
build_table (const Row *rows,
             guint      n)
{
  MqlwBucketTable *table = g_new0 (MqlwBucketTable, 1);

  table->n_buckets = n;
  table->buckets = g_new0 (MqlwBucket, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    table->total_leads += rows[i].leads;
  for (guint i = 0; i < n; i++)
    {
      MqlwBucket *b = &table->buckets[i];

      b->lo = rows[i].lo;
      b->hi = rows[i].hi;
      b->leads = rows[i].leads;
      b->share = (double) rows[i].leads / table->total_leads;
      set_absent (&b->stage[MQLW_STAGE_ACCEPTED]);
      set_rate (&b->stage[MQLW_STAGE_SQL], rows[i].leads, rows[i].sql);
      set_rate (&b->stage[MQLW_STAGE_OPPORTUNITY], rows[i].leads, rows[i].opp);
      set_absent (&b->stage[MQLW_STAGE_WON]);
      b->verdict = rows[i].verdict;
    }
  table->scored_leads = table->total_leads;
  table->cuts.stage = MQLW_STAGE_SQL;
  table->cuts.marginal = 0.10;
  table->cuts.good = 0.30;
  table->cuts.hot = 0.50;
  table->verdict_stage = MQLW_STAGE_SQL;
  table->verdict_why = MQLW_VERDICT_WHY_CHOSEN;
  return table;
}

/* Not mqlw_bucket_table_free: the calibration module is written in parallel. */
static void
free_table (MqlwBucketTable *table)
{
  g_free (table->buckets);
  g_free (table);
}

typedef MqlwBucketTable TestTable;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestTable, free_table)

static cairo_surface_t *
render_table (const MqlwBucketTable *table,
              double                 threshold,
              const MqlwChartStyle  *style,
              MqlwChartLayout       *layout)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  mqlw_chart_draw (cr, WIDTH, HEIGHT, table, threshold, style, layout);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* 0xRRGGBB of an opaque pixel. */
static guint32
get_pixel (cairo_surface_t *surface,
           double           x,
           double           y)
{
  int ix = (int) floor (x);
  int iy = (int) floor (y);
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 argb;

  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (iy, <, cairo_image_surface_get_height (surface));
  argb = *(guint32 *) (gpointer) (data + iy * stride + ix * 4);
  g_assert_cmphex (argb >> 24, ==, 0xff);
  return argb & 0xffffff;
}

static void
assert_colour_near (guint32 got,
                    guint32 want,
                    int     tolerance)
{
  for (int shift = 0; shift <= 16; shift += 8)
    {
      int a = (int) ((got >> shift) & 0xff);
      int b = (int) ((want >> shift) & 0xff);

      if (ABS (a - b) > tolerance)
        g_error ("colour #%06x is not #%06x (±%d)", got, want, tolerance);
    }
}

static double
get_pixel_luminance (guint32 rgb)
{
  return (0.2126 * ((rgb >> 16) & 0xff) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff)) / 255.0;
}

static void
save_for_review (cairo_surface_t *surface,
                 const char      *name)
{
  g_autofree char *path = g_build_filename (g_test_get_dir (G_TEST_BUILT), name, NULL);

  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("saved %s", path);
}

/* ---- format names ---------------------------------------------------- */

static void
test_format_from_name (void)
{
  static const struct {
    const char *name;
    gboolean ok;
    MqlwChartFormat format;
  } cases[] = {
    { "chart.png", TRUE, MQLW_CHART_FORMAT_PNG },
    { "/tmp/a.b/Chart.PNG", TRUE, MQLW_CHART_FORMAT_PNG },
    { "report.svg", TRUE, MQLW_CHART_FORMAT_SVG },
    { "report.Pdf", TRUE, MQLW_CHART_FORMAT_PDF },
    { "png", TRUE, MQLW_CHART_FORMAT_PNG },
    { "SVG", TRUE, MQLW_CHART_FORMAT_SVG },
    { "pdf", TRUE, MQLW_CHART_FORMAT_PDF },
    { "chart.jpeg", FALSE, 0 },
    { "/tmp/png.d/chart", FALSE, 0 },
    { "chart.png.txt", FALSE, 0 },
    { "", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MqlwChartFormat format = 0;
      gboolean ok = mqlw_chart_format_from_name (cases[i].name, &format);

      g_test_message ("%s", cases[i].name);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        g_assert_cmpint (format, ==, cases[i].format);
    }
}

/* ---- layout ------------------------------------------------------------ */

static void
test_style_init (void)
{
  MqlwChartStyle style;

  memset (&style, 0x5a, sizeof style);
  mqlw_chart_style_init (&style);
  g_assert_false (style.dark);
  g_assert_false (style.high_contrast);
  g_assert_cmpfloat (style.font_scale, ==, 1.0);
  g_assert_cmpuint (style.stages, ==, 0);
  g_assert_true (style.show_intervals);
  g_assert_null (style.title);
  g_assert_cmpint (style.hover_bucket, ==, -1);
  g_assert_false (style.show_baseline);
  g_assert_false (style.show_other_paths);
}

static void
test_layout_mapping (void)
{
  g_autoptr(TestTable) table = build_table (seed002, G_N_ELEMENTS (seed002));
  MqlwChartStyle style;
  MqlwChartLayout layout;
  cairo_surface_t *surface;
  /* score → fraction of the plot width. Four equal slots of 0.25:
   *   51: lo of [51,71) → slot 2 + 0        = 0.5
   *   61: (61−51)/(71−51) = 0.5 → 2.5 / 4   = 0.625
   *   31: lo of [31,51) → 1 / 4             = 0.25
   *   15.5: 15.5/31 = 0.5 → 0.5 / 4         = 0.125
   *   81: open bucket, last_hi = 71 + max(71−51, 1) = 91,
   *       (81−71)/(91−71) = 0.5 → 3.5 / 4   = 0.875
   *   91 and above, and below 0: the plot's edges. */
  static const struct { double score; double fraction; int bucket; } cases[] = {
    { 51.0, 0.5, 2 },
    { 61.0, 0.625, 2 },
    { 31.0, 0.25, 1 },
    { 15.5, 0.125, 0 },
    { 81.0, 0.875, 3 },
    { 0.0, 0.0, 0 },
    { 70.0, (2 + 19.0 / 20) / 4, 2 },
  };

  mqlw_chart_style_init (&style);
  surface = render_table (table, 51, &style, &layout);
  cairo_surface_destroy (surface);

  g_assert_cmpuint (layout.n_buckets, ==, 4);
  g_assert_cmpfloat (layout.plot_x, >, 0);
  g_assert_cmpfloat (layout.plot_y, >, 0);
  g_assert_cmpfloat (layout.plot_x + layout.plot_w, <, WIDTH);
  g_assert_cmpfloat (layout.plot_y + layout.plot_h, <, HEIGHT);
  /* A generous plot: at least 60 % of each dimension at 1366×768. */
  g_assert_cmpfloat (layout.plot_w, >, 0.6 * WIDTH);
  g_assert_cmpfloat (layout.plot_h, >, 0.6 * HEIGHT);
  g_assert_cmpfloat_with_epsilon (layout.slot_w, layout.plot_w / 4, 1e-9);
  g_assert_cmpfloat_with_epsilon (layout.last_hi, 91.0, 1e-12);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double want_x = layout.plot_x + cases[i].fraction * layout.plot_w;
      double x = mqlw_chart_layout_x_of_score (&layout, table, cases[i].score);

      g_test_message ("score %g", cases[i].score);
      g_assert_cmpfloat_with_epsilon (x, want_x, 1e-9);
      g_assert_cmpfloat_with_epsilon (mqlw_chart_layout_score_at (&layout, table, x),
                                      cases[i].score, 1e-9);
      /* Half a pixel to the right: inside the slot even on its left edge. */
      g_assert_cmpint (mqlw_chart_layout_bucket_at (&layout, x + 0.5,
                                                    layout.plot_y + layout.plot_h / 2),
                       ==, cases[i].bucket);
    }

  /* Clamping at both ends. */
  g_assert_cmpfloat (mqlw_chart_layout_x_of_score (&layout, table, -20), ==, layout.plot_x);
  g_assert_cmpfloat_with_epsilon (mqlw_chart_layout_x_of_score (&layout, table, 91),
                                  layout.plot_x + layout.plot_w, 1e-9);
  g_assert_cmpfloat_with_epsilon (mqlw_chart_layout_x_of_score (&layout, table, 500),
                                  layout.plot_x + layout.plot_w, 1e-9);
  g_assert_cmpfloat (mqlw_chart_layout_score_at (&layout, table, layout.plot_x - 50), ==, 0.0);
  g_assert_cmpfloat_with_epsilon (mqlw_chart_layout_score_at (&layout, table, layout.plot_x + layout.plot_w + 50),
                                  91.0, 1e-9);

  /* Outside the plot there is no bucket. */
  g_assert_cmpint (mqlw_chart_layout_bucket_at (&layout, layout.plot_x - 1, layout.plot_y + 10), ==, -1);
  g_assert_cmpint (mqlw_chart_layout_bucket_at (&layout, layout.plot_x + layout.plot_w + 1,
                                                layout.plot_y + 10), ==, -1);
  g_assert_cmpint (mqlw_chart_layout_bucket_at (&layout, layout.plot_x + 10, layout.plot_y - 1), ==, -1);
  g_assert_cmpint (mqlw_chart_layout_bucket_at (&layout, layout.plot_x + 10,
                                                layout.plot_y + layout.plot_h + 1), ==, -1);

  /* Round trip across every pixel column of the plot: x → score → x. */
  for (double x = layout.plot_x; x <= layout.plot_x + layout.plot_w; x += 1.0)
    {
      double score = mqlw_chart_layout_score_at (&layout, table, x);

      g_assert_cmpfloat_with_epsilon (mqlw_chart_layout_x_of_score (&layout, table, score), x, 1e-7);
    }
}

/* The open last bucket with no previous bucket: last_hi = lo + 1. */
static void
test_layout_single_bucket (void)
{
  static const Row rows[] = { { 10, INFINITY, 50, 5, 1, MQLW_VERDICT_MARGINAL } };
  g_autoptr(TestTable) table = build_table (rows, 1);
  MqlwChartLayout layout;
  cairo_surface_t *surface = render_table (table, 10.5, NULL, &layout);

  cairo_surface_destroy (surface);
  g_assert_cmpuint (layout.n_buckets, ==, 1);
  g_assert_cmpfloat (layout.last_hi, ==, 11.0);
  /* (10.5 − 10) / (11 − 10) = half the only slot. */
  g_assert_cmpfloat_with_epsilon (mqlw_chart_layout_x_of_score (&layout, table, 10.5),
                                  layout.plot_x + layout.plot_w / 2, 1e-9);
}

/* ---- pixels ------------------------------------------------------------ */

static void
test_pixels_light (void)
{
  g_autoptr(TestTable) table = build_table (seed002, G_N_ELEMENTS (seed002));
  MqlwChartStyle style;
  MqlwChartLayout layout;
  cairo_surface_t *surface;
  double x, y, tx;

  mqlw_chart_style_init (&style);
  style.title = "Seed 002: SQL rate by score range";
  surface = render_table (table, 51, &style, &layout);
  save_for_review (surface, "chart-light.png");

  /* Background in a corner. */
  assert_colour_near (get_pixel (surface, 2, HEIGHT - 3), LIGHT_BG, 0);

  /* The tallest bar is bucket 0 (900 leads). Its bar is centred in slot 0;
   * look 15 % of a slot left of the centre (the rate lines start at the
   * centre and go right) at a quarter of the plot height: 900 leads reach
   * that height on any leads axis up to 3 600. */
  x = layout.plot_x + 0.35 * layout.slot_w;
  y = layout.plot_y + 0.75 * layout.plot_h;
  assert_colour_near (get_pixel (surface, x, y), LIGHT_TOO_EARLY, 2);

  /* Above the tallest bar, at 99 % of the axis height, is no bar. */
  g_assert_cmphex (get_pixel (surface, x, layout.plot_y + 0.01 * layout.plot_h), !=, LIGHT_TOO_EARLY);

  /* The threshold: T = 51 is the lower bound of bucket [51,71), the third
   * slot, so the line is at the slot's left edge, (51 − 51)/(71 − 51) = 0. */
  tx = mqlw_chart_layout_x_of_score (&layout, table, 51);
  g_assert_cmpfloat_with_epsilon (tx, layout.plot_x + 2 * layout.slot_w, 1e-9);
  g_assert_cmpint (mqlw_chart_layout_bucket_at (&layout, tx + 0.5, layout.plot_y + 1), ==, 2);
  assert_colour_near (get_pixel (surface, tx, layout.plot_y + 0.5 * layout.plot_h), LIGHT_THRESHOLD, 2);
  assert_colour_near (get_pixel (surface, tx, layout.plot_y + 0.9 * layout.plot_h), LIGHT_THRESHOLD, 2);
  cairo_surface_destroy (surface);

  /* Move the threshold to 61: (61 − 51)/(71 − 51) = 0.5 → the middle of the
   * third slot, and the old position no longer has the line. */
  surface = render_table (table, 61, &style, &layout);
  tx = mqlw_chart_layout_x_of_score (&layout, table, 61);
  g_assert_cmpfloat_with_epsilon (tx, layout.plot_x + 2.5 * layout.slot_w, 1e-9);
  assert_colour_near (get_pixel (surface, tx, layout.plot_y + 0.5 * layout.plot_h), LIGHT_THRESHOLD, 2);
  g_assert_cmphex (get_pixel (surface, layout.plot_x + 2 * layout.slot_w, layout.plot_y + 0.5 * layout.plot_h),
                   !=, LIGHT_THRESHOLD);
  cairo_surface_destroy (surface);
}

static void
test_pixels_dark (void)
{
  g_autoptr(TestTable) table = build_table (seed002, G_N_ELEMENTS (seed002));
  MqlwChartStyle style;
  MqlwChartLayout layout;
  cairo_surface_t *surface;
  guint32 bar;

  mqlw_chart_style_init (&style);
  style.dark = TRUE;
  surface = render_table (table, 51, &style, &layout);
  save_for_review (surface, "chart-dark.png");

  assert_colour_near (get_pixel (surface, 2, 2), DARK_BG, 0);
  g_assert_cmpfloat (get_pixel_luminance (get_pixel (surface, 2, 2)), <, 0.2);
  /* The bar is visible on the dark background: it differs from it. */
  bar = get_pixel (surface, layout.plot_x + 0.35 * layout.slot_w, layout.plot_y + 0.75 * layout.plot_h);
  g_assert_cmphex (bar, !=, DARK_BG);
  cairo_surface_destroy (surface);
}

static void
test_pixels_high_contrast (void)
{
  g_autoptr(TestTable) table = build_table (seed002, G_N_ELEMENTS (seed002));
  MqlwChartStyle style;
  MqlwChartLayout normal, large;
  cairo_surface_t *surface;

  mqlw_chart_style_init (&style);
  surface = render_table (table, 51, &style, &normal);
  cairo_surface_destroy (surface);

  style.high_contrast = TRUE;
  style.font_scale = 1.6;
  style.title = "Workshop: where do we draw the line?";
  surface = render_table (table, 51, &style, &large);
  save_for_review (surface, "chart-high-contrast.png");
  /* Pure white. */
  assert_colour_near (get_pixel (surface, 2, 2), 0xffffff, 0);
  /* Bigger text leaves a smaller plot. */
  g_assert_cmpfloat (large.plot_h, <, normal.plot_h);
  g_assert_cmpfloat (large.plot_x, >, normal.plot_x);
  cairo_surface_destroy (surface);

  style.dark = TRUE;
  surface = render_table (table, 51, &style, &large);
  save_for_review (surface, "chart-high-contrast-dark.png");
  assert_colour_near (get_pixel (surface, 2, 2), 0x000000, 0);
  cairo_surface_destroy (surface);
}

static void
test_hover (void)
{
  g_autoptr(TestTable) table = build_table (seed002, G_N_ELEMENTS (seed002));
  MqlwChartStyle style;
  MqlwChartLayout layout;
  cairo_surface_t *plain, *hovered;
  double x, y;

  mqlw_chart_style_init (&style);
  plain = render_table (table, 51, &style, &layout);
  style.hover_bucket = 3;
  hovered = render_table (table, 51, &style, &layout);
  save_for_review (hovered, "chart-hover.png");

  /* Slot 3 beside its bar (the bar takes the middle of the slot) near the
   * top of the plot: highlighted only when hovered. Slot 1 is unchanged. */
  x = layout.plot_x + 3.05 * layout.slot_w;
  y = layout.plot_y + 0.3 * layout.plot_h;
  g_assert_cmphex (get_pixel (plain, x, y), !=, get_pixel (hovered, x, y));
  x = layout.plot_x + 1.05 * layout.slot_w;
  g_assert_cmphex (get_pixel (plain, x, y), ==, get_pixel (hovered, x, y));

  cairo_surface_destroy (plain);
  cairo_surface_destroy (hovered);
}

/* The layers a view composes (backdrop, content kept as an image with a
 * transparent ground, marker) give the one-pass picture, and the content
 * really is transparent where only the backdrop shows. */
static void
assert_layers_match (const MqlwBucketTable *table,
                     double                 threshold,
                     const MqlwChartStyle  *style)
{
  MqlwChartLayout one_pass, layered;
  cairo_surface_t *whole = render_table (table, threshold, style, &one_pass);
  cairo_surface_t *content = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_surface_t *composed = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr;
  unsigned char *a, *b;
  int stride;
  guint32 corner;

  cr = cairo_create (content);
  mqlw_chart_draw_content (cr, WIDTH, HEIGHT, table, style, &layered);
  cairo_destroy (cr);
  cairo_surface_flush (content);
  g_assert_cmpmem (&layered, sizeof layered, &one_pass, sizeof one_pass);
  corner = *(guint32 *) (gpointer) cairo_image_surface_get_data (content);
  g_assert_cmphex (corner >> 24, ==, 0);

  cr = cairo_create (composed);
  mqlw_chart_draw_backdrop (cr, WIDTH, HEIGHT, table, threshold, style, &layered);
  cairo_set_source_surface (cr, content, 0, 0);
  cairo_paint (cr);
  mqlw_chart_draw_marker (cr, table, threshold, style, &layered);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (composed);

  /* Compositing rounds premultiplied channels once more: ±2 per channel. */
  a = cairo_image_surface_get_data (whole);
  b = cairo_image_surface_get_data (composed);
  stride = cairo_image_surface_get_stride (whole);
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH * 4; x++)
      if (ABS ((int) a[y * stride + x] - (int) b[y * stride + x]) > 2)
        g_error ("layers differ from the one-pass chart at (%d, %d): %d vs %d",
                 x / 4, y, a[y * stride + x], b[y * stride + x]);

  cairo_surface_destroy (whole);
  cairo_surface_destroy (content);
  cairo_surface_destroy (composed);
}

static void
test_layers (void)
{
  g_autoptr(TestTable) table = build_table (seed002, G_N_ELEMENTS (seed002));
  MqlwChartStyle style;

  mqlw_chart_style_init (&style);
  style.title = "Layers";
  assert_layers_match (table, 61, &style);
  style.hover_bucket = 2;            /* split by the line at 61 */
  assert_layers_match (table, 61, &style);
  style.dark = TRUE;
  style.high_contrast = TRUE;
  style.font_scale = 1.6;
  assert_layers_match (table, 51, &style);
  assert_layers_match (table, NAN, &style);
}

static void
test_empty (void)
{
  g_autoptr(TestTable) table = build_table (NULL, 0);
  MqlwChartLayout layout;
  cairo_surface_t *surface;
  guint text_pixels = 0;

  surface = render_table (table, 51, NULL, &layout);
  save_for_review (surface, "chart-empty.png");
  g_assert_cmpuint (layout.n_buckets, ==, 0);
  g_assert_cmpint (mqlw_chart_layout_bucket_at (&layout, WIDTH / 2.0, HEIGHT / 2.0), ==, -1);
  g_assert_true (isnan (mqlw_chart_layout_score_at (&layout, table, WIDTH / 2.0)));

  /* The message is drawn in the middle: some pixels there are not background. */
  for (int y = HEIGHT / 2 - 20; y < HEIGHT / 2 + 20; y++)
    for (int x = WIDTH / 2 - 150; x < WIDTH / 2 + 150; x++)
      if (get_pixel (surface, x, y) != LIGHT_BG)
        text_pixels++;
  g_assert_cmpuint (text_pixels, >, 200);
  cairo_surface_destroy (surface);
}

/* Fractional bounds and a "No data" bucket (verdict none, no known outcomes). */
static const Row fractional[] = {
  { -10.5, 0.5, 300, 6, 1, MQLW_VERDICT_TOO_EARLY },
  { 0.5, 12.75, 200, 40, 8, MQLW_VERDICT_GOOD },
  { 12.75, INFINITY, 30, 0, 0, MQLW_VERDICT_NONE },
};

static MqlwBucketTable *
build_fractional_table (void)
{
  MqlwBucketTable *table = build_table (fractional, G_N_ELEMENTS (fractional));

  set_absent (&table->buckets[2].stage[MQLW_STAGE_SQL]);
  table->buckets[2].stage[MQLW_STAGE_SQL].present = TRUE;
  set_absent (&table->buckets[2].stage[MQLW_STAGE_OPPORTUNITY]);
  table->buckets[2].stage[MQLW_STAGE_OPPORTUNITY].present = TRUE;
  return table;
}

static void
test_fractional_and_no_data (void)
{
  g_autoptr(TestTable) table = build_fractional_table ();
  MqlwChartLayout layout;
  cairo_surface_t *surface;

  surface = render_table (table, 5, NULL, &layout);
  save_for_review (surface, "chart-fractional.png");
  /* last_hi = 12.75 + max(12.75 − 0.5, 1) = 25 */
  g_assert_cmpfloat_with_epsilon (layout.last_hi, 25.0, 1e-12);
  /* 5 in [0.5, 12.75): (5 − 0.5) / 12.25 of slot 1. */
  g_assert_cmpfloat_with_epsilon (mqlw_chart_layout_x_of_score (&layout, table, 5),
                                  layout.plot_x + (1 + 4.5 / 12.25) * layout.slot_w, 1e-9);
  /* 20 in the open bucket: (20 − 12.75) / (25 − 12.75) of slot 2. */
  g_assert_cmpfloat_with_epsilon (mqlw_chart_layout_x_of_score (&layout, table, 20),
                                  layout.plot_x + (2 + 7.25 / 12.25) * layout.slot_w, 1e-9);
  cairo_surface_destroy (surface);
}

/* ---- sweep ---------------------------------------------------------------- */

/* Thresholds 0, 5, … 100 over the seed 002 shape, 24 months of history:
 * MQLs fall and the SQL rate rises as the line moves up. Fixture numbers,
 * not asserted on. */
static GArray *
build_sweep (double capacity)
{
  GArray *sweep = g_array_new (FALSE, TRUE, sizeof (MqlwPreview));

  for (int t = 0; t <= 100; t += 5)
    {
      MqlwPreview p;
      double above = 2000.0 * exp (-t / 35.0);

      memset (&p, 0, sizeof p);
      p.threshold = t;
      p.leads = 2000;
      p.mql = (guint64) above;
      p.mql_share = p.mql / 2000.0;
      p.months = 24;
      p.mql_per_month = p.mql / 24.0;
      for (guint s = 0; s < MQLW_N_STAGES; s++)
        set_absent (&p.stage[s]);
      if (p.mql > 0)
        set_rate (&p.stage[MQLW_STAGE_SQL], p.mql, (guint64) (p.mql * (0.17 + 0.5 * t / 100.0)));
      p.wins_total = 60;
      p.wins_captured = (guint64) (60 * (1 - pow (t / 100.0, 1.6)));
      p.wins_missed = p.wins_total - p.wins_captured;
      p.wins_captured_share = p.wins_captured / 60.0;
      p.capacity_per_month = capacity;
      p.over_capacity = isfinite (capacity) && p.mql_per_month > capacity;
      g_array_append_val (sweep, p);
    }
  return sweep;
}

static void
test_sweep (void)
{
  g_autoptr(GArray) sweep = build_sweep (30);
  g_autoptr(GArray) empty = g_array_new (FALSE, TRUE, sizeof (MqlwPreview));
  MqlwChartStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;

  mqlw_chart_style_init (&style);
  style.title = "Threshold trade-off";
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  mqlw_chart_draw_sweep (cr, WIDTH, HEIGHT, sweep, 51, &style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  save_for_review (surface, "chart-sweep.png");
  assert_colour_near (get_pixel (surface, 2, 2), LIGHT_BG, 0);
  cairo_surface_destroy (surface);

  style.dark = TRUE;
  style.high_contrast = TRUE;
  style.font_scale = 1.6;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  mqlw_chart_draw_sweep (cr, WIDTH, HEIGHT, sweep, 51, &style);
  cairo_destroy (cr);
  save_for_review (surface, "chart-sweep-high-contrast-dark.png");
  assert_colour_near (get_pixel (surface, 2, 2), 0x000000, 0);
  cairo_surface_destroy (surface);

  /* Empty sweep: the message, no crash. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  cr = cairo_create (surface);
  mqlw_chart_draw_sweep (cr, 400, 300, empty, 51, NULL);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* ---- export ----------------------------------------------------------------- */

static char *
read_head (const char *path,
           gsize      *length)
{
  char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

static char *
run_pdftotext (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_export (void)
{
  g_autoptr(TestTable) table = build_table (seed002, G_N_ELEMENTS (seed002));
  g_autoptr(GArray) sweep = build_sweep (30);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mqlw-chart-XXXXXX", &error);
  static const struct {
    const char *name;
    MqlwChartFormat format;
    const char *magic;
    const char *alt_magic;
  } cases[] = {
    { "chart.png", MQLW_CHART_FORMAT_PNG, "\x89PNG\r\n\x1a\n", NULL },
    { "chart.svg", MQLW_CHART_FORMAT_SVG, "<?xml", "<svg" },
    { "chart.pdf", MQLW_CHART_FORMAT_PDF, "%PDF-", NULL },
  };
  MqlwChartStyle style;

  g_assert_no_error (error);
  mqlw_chart_style_init (&style);
  style.title = "Seed 002";

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].name, NULL);
      g_autofree char *sweep_path = g_strconcat (dir, "/sweep-", cases[i].name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_test_message ("%s", path);
      g_assert_true (mqlw_chart_export (path, cases[i].format, 1200, 675, table, 51, &style, &error));
      g_assert_no_error (error);
      contents = read_head (path, &length);
      g_assert_cmpuint (length, >, 5000);
      g_assert_true (g_str_has_prefix (contents, cases[i].magic) ||
                     (cases[i].alt_magic != NULL && g_str_has_prefix (contents, cases[i].alt_magic)));
      if (cases[i].format == MQLW_CHART_FORMAT_SVG)
        g_assert_nonnull (strstr (contents, "<svg"));
      g_clear_pointer (&contents, g_free);

      g_assert_true (mqlw_chart_export_sweep (sweep_path, cases[i].format, 1200, 675, sweep, 51, &style, &error));
      g_assert_no_error (error);
      contents = read_head (sweep_path, &length);
      g_assert_cmpuint (length, >, 5000);
      g_assert_true (g_str_has_prefix (contents, cases[i].magic) ||
                     (cases[i].alt_magic != NULL && g_str_has_prefix (contents, cases[i].alt_magic)));
    }

  /* The PNG is the requested size: width and height are the big-endian
   * words at bytes 16–23 of the IHDR chunk. */
  {
    g_autofree char *path = g_build_filename (dir, "chart.png", NULL);
    cairo_surface_t *png = cairo_image_surface_create_from_png (path);

    g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1200);
    g_assert_cmpint (cairo_image_surface_get_height (png), ==, 675);
    cairo_surface_destroy (png);
  }

  /* Clean up. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].name, NULL);
      g_autofree char *sweep_path = g_strconcat (dir, "/sweep-", cases[i].name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
      g_assert_cmpint (g_remove (sweep_path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_export_pdf_text (void)
{
  g_autoptr(TestTable) table = build_table (seed002, G_N_ELEMENTS (seed002));
  g_autoptr(GArray) sweep = build_sweep (30);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *sweep_pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sweep_text = NULL;
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  static const char * const expected[] = {
    /* The axis titles, the threshold label, seed 002's ranges, the verdicts
     * and the two rate lines in the legend. */
    "Score", "Leads", "Rate", "MQL ≥ 51", "0–30", "31–50", "51–70", "71+",
    "Too early", "Marginal", "Good", "Hot", "SQL rate", "Opportunity rate",
  };

  if (program == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }

  dir = g_dir_make_tmp ("mqlw-chart-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = g_build_filename (dir, "chart.pdf", NULL);
  sweep_pdf = g_build_filename (dir, "sweep.pdf", NULL);
  g_assert_true (mqlw_chart_export (pdf, MQLW_CHART_FORMAT_PDF, 1366, 768, table, 51, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mqlw_chart_export_sweep (sweep_pdf, MQLW_CHART_FORMAT_PDF, 1366, 768, sweep, 51, NULL, &error));
  g_assert_no_error (error);

  text = run_pdftotext (pdf);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_test_message ("looking for “%s”", expected[i]);
      g_assert_nonnull (strstr (text, expected[i]));
    }
  /* Acceptance and win are absent from the data: no legend entries. */
  g_assert_null (strstr (text, "Acceptance rate"));
  g_assert_null (strstr (text, "Win rate"));

  sweep_text = run_pdftotext (sweep_pdf);
  g_assert_nonnull (strstr (sweep_text, "Threshold"));
  g_assert_nonnull (strstr (sweep_text, "MQL ≥ 51"));
  g_assert_nonnull (strstr (sweep_text, "Capacity 30 / month"));
  g_assert_nonnull (strstr (sweep_text, "MQLs per month"));

  /* Fractional bounds: one decimal and a real minus sign; no data. */
  {
    g_autoptr(TestTable) frac = build_fractional_table ();
    g_autofree char *frac_pdf = g_build_filename (dir, "fractional.pdf", NULL);
    g_autofree char *frac_text = NULL;
    static const char * const frac_expected[] = {
      "\u221210.5–0.5", "0.5–12.8", "12.8+", "No data", "MQL ≥ 5",
    };

    g_assert_true (mqlw_chart_export (frac_pdf, MQLW_CHART_FORMAT_PDF, 1366, 768, frac, 5, NULL, &error));
    g_assert_no_error (error);
    frac_text = run_pdftotext (frac_pdf);
    for (guint i = 0; i < G_N_ELEMENTS (frac_expected); i++)
      {
        g_test_message ("looking for “%s”", frac_expected[i]);
        g_assert_nonnull (strstr (frac_text, frac_expected[i]));
      }
    g_assert_cmpint (g_remove (frac_pdf), ==, 0);
  }

  g_assert_cmpint (g_remove (pdf), ==, 0);
  g_assert_cmpint (g_remove (sweep_pdf), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* What the chart says beside the bars: the stage the verdicts follow, the
 * leads without a score (412 here, in no bucket), "Too few leads"; and the
 * empty states: every lead unscored, or a message from the window (no
 * scoring yet) — a heading and what to do, never bars or a score axis. */
static void
test_notes_and_empty_states (void)
{
  g_autoptr(TestTable) table = build_table (seed002, G_N_ELEMENTS (seed002));
  g_autoptr(TestTable) none = build_table (NULL, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  MqlwChartStyle style;

  if (program == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  dir = g_dir_make_tmp ("mqlw-chart-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = g_build_filename (dir, "chart.pdf", NULL);

  table->unscored.leads = 412;
  table->buckets[3].verdict = MQLW_VERDICT_TOO_FEW;
  g_assert_true (mqlw_chart_export (pdf, MQLW_CHART_FORMAT_PDF, 1366, 768, table, 51, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *text = run_pdftotext (pdf);
    g_assert_nonnull (strstr (text, "Verdicts follow the SQL rate."));
    g_assert_nonnull (strstr (text, "Leads without a score, not in the chart: 412."));
    g_assert_nonnull (strstr (text, "Too few leads"));
  }

  /* Every lead unscored: nothing to bucket, and the chart says so. */
  none->unscored.leads = 1200;
  g_assert_true (mqlw_chart_export (pdf, MQLW_CHART_FORMAT_PDF, 1366, 768, none, 0, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *text = run_pdftotext (pdf);
    g_assert_nonnull (strstr (text, "No lead has a score"));
    /* The count as the window's tables print counts: a thin space between
     * groups (pdftotext may give it back as a plain space). */
    g_assert_true (strstr (text, "1\u2009200 leads") != NULL || strstr (text, "1 200 leads") != NULL);
    g_assert_null (strstr (text, "Score\n"));
  }

  /* The window's empty state, over a table that has buckets. */
  mqlw_chart_style_init (&style);
  style.empty_message = "No scoring yet\nChoose how leads are scored: a score column, a model file or an example model.";
  g_assert_true (mqlw_chart_export (pdf, MQLW_CHART_FORMAT_PDF, 1366, 768, table, 51, &style, &error));
  g_assert_no_error (error);
  {
    g_autofree char *text = run_pdftotext (pdf);
    g_assert_nonnull (strstr (text, "No scoring yet"));
    g_assert_nonnull (strstr (text, "Choose how leads are scored"));
    g_assert_null (strstr (text, "0–30"));
    g_assert_null (strstr (text, "MQL ≥"));
  }

  g_assert_cmpint (g_remove (pdf), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* ---- numbers as the tables write them ------------------------------------ */

#define THIN "\u2009"

/* The chart writes numbers as the window's tables do (thin-space groups in
 * every locale, the locale's decimal mark): a German chart beside a table
 * reading "1 588" must not say "1.588". Expected strings by hand. */
static void
test_numbers_like_tables (void)
{
  static const struct {
    const char *locale;
    const char *count_1588, *count_999, *percent_25, *k_12345;
  } cases[] = {
    { "C",           "1" THIN "588", "999", "25" THIN "%", "12.3k" },
    { "de_DE.UTF-8", "1" THIN "588", "999", "25" THIN "%", "12,3k" },
  };
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *count = NULL;
      g_autofree char *small = NULL;
      g_autofree char *percent = NULL;
      g_autofree char *k = NULL;

      if (setlocale (LC_NUMERIC, cases[i].locale) == NULL)
        g_error ("the %s locale is not installed (tools/setup.sh makes it)", cases[i].locale);
      count = mqlw_chart_format_count (1588);
      small = mqlw_chart_format_count (999);
      percent = mqlw_chart_format_percent (0.25);
      k = mqlw_chart_format_count (12345);   /* 12.345 thousand → one decimal */
      g_test_message ("locale %s", cases[i].locale);
      g_assert_cmpstr (count, ==, cases[i].count_1588);
      g_assert_cmpstr (small, ==, cases[i].count_999);
      g_assert_cmpstr (percent, ==, cases[i].percent_25);
      g_assert_cmpstr (k, ==, cases[i].k_12345);
    }
  setlocale (LC_NUMERIC, saved);
}

static void
test_export_errors (void)
{
  g_autoptr(TestTable) table = build_table (seed002, G_N_ELEMENTS (seed002));
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mqlw-chart-XXXXXX", &error);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "chart.png", NULL);
  g_autofree char *good = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_no_error (error);

  /* A folder that does not exist: an error naming the path, no file. */
  for (MqlwChartFormat f = MQLW_CHART_FORMAT_PNG; f <= MQLW_CHART_FORMAT_PDF; f++)
    {
      g_assert_false (mqlw_chart_export (missing, f, 800, 600, table, 51, NULL, &error));
      g_assert_error (error, MQLW_SAFE_WRITE_ERROR, MQLW_SAFE_WRITE_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "nothing was written"));
      g_assert_nonnull (strstr (error->message, missing));
      g_clear_error (&error);
      g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    }

  /* The path is a folder: refused before anything is written. */
  g_assert_false (mqlw_chart_export (dir, MQLW_CHART_FORMAT_SVG, 800, 600, table, 51, NULL, &error));
  g_assert_error (error, MQLW_SAFE_WRITE_ERROR, MQLW_SAFE_WRITE_ERROR_NOT_REGULAR);
  g_assert_nonnull (strstr (error->message, "it is a folder, not a file"));
  g_clear_error (&error);

  /* Not a format, and not a size. */
  g_assert_false (mqlw_chart_export (good, 42, 800, 600, table, 51, NULL, &error));
  g_assert_error (error, MQLW_CHART_ERROR, MQLW_CHART_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_false (mqlw_chart_export (good, MQLW_CHART_FORMAT_PDF, 0, 600, table, 51, NULL, &error));
  g_assert_error (error, MQLW_CHART_ERROR, MQLW_CHART_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_false (g_file_test (good, G_FILE_TEST_EXISTS));

  /* The PDF export is also fine for a small size. */
  g_assert_true (mqlw_chart_export (good, MQLW_CHART_FORMAT_PDF, 320, 200, table, 51, NULL, &error));
  g_assert_no_error (error);
  contents = read_head (good, &length);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpint (g_remove (good), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* ---- the workshop room (issue 14) -------------------------------------- */

/* Today's threshold (the baseline's) as a second line. At 31, the lower edge
 * of [31,51), the line is a quarter of the plot in (see test_layout_mapping:
 * four equal slots, 31 → 1/4). Counted by hand: the column there holds the
 * "Today" teal (#0b7a75 in the light theme) on the dashes, 9 px on and 5 px
 * off at font scale 1, so about 9/14 of the plot's height (the 2 px line
 * covers the pixel column whole); with no baseline there is none. */
#define LIGHT_TODAY 0x0b7a75

static guint
count_colour_in_column (cairo_surface_t       *surface,
                        const MqlwChartLayout *layout,
                        double                 x,
                        guint32                want)
{
  guint hits = 0;

  for (double y = layout->plot_y + 1; y < layout->plot_y + layout->plot_h - 1; y += 1)
    {
      guint32 got = get_pixel (surface, x, y);
      gboolean near = TRUE;

      for (int shift = 0; shift <= 16; shift += 8)
        if (ABS ((int) ((got >> shift) & 0xff) - (int) ((want >> shift) & 0xff)) > 12)
          near = FALSE;
      hits += near;
    }
  return hits;
}

static void
test_baseline_line (void)
{
  g_autoptr(TestTable) table = build_table (seed002, G_N_ELEMENTS (seed002));
  MqlwChartStyle style;
  MqlwChartLayout layout;
  cairo_surface_t *surface;
  double x;
  guint hits;

  mqlw_chart_style_init (&style);
  style.show_baseline = TRUE;
  style.baseline.threshold = 31;
  surface = render_table (table, 61, &style, &layout);
  save_for_review (surface, "chart-baseline.png");
  x = layout.plot_x + 0.25 * layout.plot_w;
  hits = count_colour_in_column (surface, &layout, x, LIGHT_TODAY);
  g_test_message ("today's line: %u of %.0f px", hits, layout.plot_h);
  g_assert_cmpfloat (hits, >, 0.45 * layout.plot_h);
  g_assert_cmpfloat (hits, <, 0.85 * layout.plot_h);   /* dashed, not solid */
  /* Half a slot away there is none. */
  g_assert_cmpuint (count_colour_in_column (surface, &layout, x + layout.slot_w / 2, LIGHT_TODAY), ==, 0);
  cairo_surface_destroy (surface);

  style.show_baseline = FALSE;
  surface = render_table (table, 61, &style, &layout);
  g_assert_cmpuint (count_colour_in_column (surface, &layout, x, LIGHT_TODAY), ==, 0);
  cairo_surface_destroy (surface);
}

/* MQLs by another path (353 here, a count no bucket has) get a side bar
 * with their count, right of the plot; the plot keeps its buckets. */
static void
test_other_paths (void)
{
  g_autoptr(TestTable) table = build_table (seed002, G_N_ELEMENTS (seed002));
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  MqlwChartStyle style;
  MqlwChartLayout layout;
  cairo_surface_t *surface;

  mqlw_chart_style_init (&style);
  style.show_other_paths = TRUE;
  style.other_paths = 353;
  surface = render_table (table, 51, &style, &layout);
  save_for_review (surface, "chart-other-paths.png");
  g_assert_cmpfloat (layout.side_w, >, 0);
  g_assert_cmpfloat (layout.side_x, >, layout.plot_x + layout.plot_w);
  g_assert_cmpfloat (layout.side_x + layout.side_w, <=, WIDTH);
  g_assert_cmpuint (layout.n_buckets, ==, 4);
  cairo_surface_destroy (surface);

  if (program == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  dir = g_dir_make_tmp ("mqlw-chart-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = g_build_filename (dir, "paths.pdf", NULL);
  g_assert_true (mqlw_chart_export (pdf, MQLW_CHART_FORMAT_PDF, 1366, 768, table, 51, &style, &error));
  g_assert_no_error (error);
  text = run_pdftotext (pdf);
  g_assert_nonnull (strstr (text, "353"));
  /* The bar's title, wrapped under it when narrow. */
  g_assert_true (strstr (text, "Other paths") != NULL || strstr (text, "Other\npaths") != NULL);
  g_assert_nonnull (strstr (text, "MQLs by other paths"));
  g_assert_cmpint (g_remove (pdf), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* At 1280 px in workshop mode (font scale 1.6, high contrast) every one of
 * eleven buckets gets its range, negative ones spelled out:
 *   edges −93, −20, 0, 10, …, 80 → "−93 to −21", "−20 to −1", "0 to 9", …,
 *   "70 to 79", "80+" (whole bounds end at hi − 1). */
static void
test_every_bucket_labelled (void)
{
  static const double edges[] = { -93, -20, 0, 10, 20, 30, 40, 50, 60, 70, 80 };
  Row rows[G_N_ELEMENTS (edges)];
  g_autoptr(TestTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  MqlwChartStyle style;
  MqlwChartLayout layout;
  cairo_surface_t *surface;
  cairo_t *cr;

  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    rows[i] = (Row) { edges[i], i + 1 < G_N_ELEMENTS (edges) ? edges[i + 1] : INFINITY,
                      100 + 10 * i, 10 + i, 2, MQLW_VERDICT_MARGINAL };
  table = build_table (rows, G_N_ELEMENTS (rows));
  mqlw_chart_style_init (&style);
  style.font_scale = 1.6;
  style.high_contrast = TRUE;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 720);
  cr = cairo_create (surface);
  mqlw_chart_draw (cr, 1280, 720, table, 30, &style, &layout);
  cairo_destroy (cr);
  save_for_review (surface, "chart-labels-1280.png");
  cairo_surface_destroy (surface);
  g_assert_cmpuint (layout.range_labels, ==, G_N_ELEMENTS (edges));

  if (program == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  {
    g_autofree char *dir = g_dir_make_tmp ("mqlw-chart-XXXXXX", &error);
    g_autofree char *pdf = g_build_filename (dir, "labels.pdf", NULL);
    g_autofree char *text = NULL;
    static const char * const expected[] = {
      "\u221293 to \u221221", "\u221220 to \u22121", "0 to 9", "10 to 19", "70 to 79", "80+",
    };

    g_assert_true (mqlw_chart_export (pdf, MQLW_CHART_FORMAT_PDF, 1280, 720, table, 30, &style, &error));
    g_assert_no_error (error);
    text = run_pdftotext (pdf);
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_test_message ("looking for “%s”", expected[i]);
        g_assert_nonnull (strstr (text, expected[i]));
      }
    g_assert_null (strstr (text, "\u2013\u2212"));   /* never a minus after a dash */
    g_assert_cmpint (g_remove (pdf), ==, 0);
    g_assert_cmpint (g_rmdir (dir), ==, 0);
  }
}

/* ---- labels kept apart ------------------------------------------------------ */

/* No label overlaps another label or a mark (a rate marker, a piece of the
 * threshold's or today's line): the lines break at labels, and the pill and
 * today's label move to where there is room. */
static void
assert_apart (const MqlwChartPlaced *placed,
              const char            *what)
{
  for (guint i = 0; i < placed->n_labels; i++)
    {
      const MqlwChartRect *a = &placed->labels[i];

      for (guint j = i + 1; j < placed->n_labels; j++)
        if (mqlw_chart_rects_overlap (a, &placed->labels[j]))
          g_error ("%s: labels %u (%.1f,%.1f %.1f×%.1f) and %u (%.1f,%.1f %.1f×%.1f) overlap", what, i, a->x, a->y,
                   a->w, a->h, j, placed->labels[j].x, placed->labels[j].y, placed->labels[j].w, placed->labels[j].h);
      for (guint j = 0; j < placed->n_marks; j++)
        if (mqlw_chart_rects_overlap (a, &placed->marks[j]))
          g_error ("%s: label %u (%.1f,%.1f %.1f×%.1f) covers mark %u (%.1f,%.1f %.1f×%.1f)", what, i, a->x, a->y,
                   a->w, a->h, j, placed->marks[j].x, placed->marks[j].y, placed->marks[j].w, placed->marks[j].h);
    }
}

/* The bucket chart and the sweep at the room's sizes and smaller, at desk
 * and workshop type (1.4, 1.6), light, dark and high contrast, with the
 * line on every bucket, between them and on today's line. */
static void
test_labels_apart (void)
{
  /* The chart's own size: in a 1280×720 window it is about 820×640; 800×450
   * is smaller than any window of the room gives it. */
  static const struct { double w, h; } sizes[] = { { 800, 450 }, { 820, 640 }, { 1280, 720 }, { 1920, 1080 } };
  static const double scales[] = { 1.0, 1.4, 1.6 };
  static const double thresholds[] = { 0, 20, 31, 41, 51, 61, 71, 95 };
  g_autoptr(TestTable) table = build_table (seed002, G_N_ELEMENTS (seed002));
  g_autoptr(GArray) sweep = build_sweep (30);
  guint checked = 0;

  for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
    for (guint f = 0; f < G_N_ELEMENTS (scales); f++)
      for (guint t = 0; t < G_N_ELEMENTS (thresholds); t++)
        {
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) sizes[z].w,
                                                                 (int) sizes[z].h);
          cairo_t *cr = cairo_create (surface);
          g_autofree char *what = g_strdup_printf ("%.0f×%.0f, type ×%.1f, line at %.0f", sizes[z].w, sizes[z].h,
                                                   scales[f], thresholds[t]);
          MqlwChartStyle style;
          MqlwChartLayout layout;
          MqlwChartPlaced placed;

          mqlw_chart_style_init (&style);
          style.font_scale = scales[f];
          style.dark = f > 0;
          style.high_contrast = f == 2;
          style.show_baseline = TRUE;
          style.baseline.threshold = 51;
          style.baseline.mql_per_month = 2000.0 * exp (-51 / 35.0) / 24;
          style.baseline.months = 24;
          mqlw_chart_draw (cr, sizes[z].w, sizes[z].h, table, thresholds[t], &style, &layout);
          /* The content's labels and marks, and the marker's pill and line. */
          placed = layout.placed;
          mqlw_chart_draw_marker_placed (cr, table, thresholds[t], &style, &layout, &placed);
          layout.placed = placed;
          /* The four counts, today's label and the pill; in the room's sizes
           * never one left out (a tiny chart may leave out a count rather than
           * cover a marker: its tooltip says it). */
          g_test_message ("%s: %u labels", what, layout.placed.n_labels);
          g_assert_cmpuint (layout.placed.n_labels, >=, sizes[z].w >= 1280 ? 6 : 4);
          assert_apart (&layout.placed, what);
          mqlw_chart_draw_sweep_placed (cr, sizes[z].w, sizes[z].h, sweep, thresholds[t], &style, &placed);
          g_assert_cmpuint (placed.n_labels, >=, 3);   /* the pill, the values, today's label */
          assert_apart (&placed, what);
          if (z == 2 && f == 1 && t == 4)
            save_for_review (surface, "chart-sweep-labels-apart.png");
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
          checked++;
        }
  g_assert_cmpuint (checked, ==, 96);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mqlw/chart/format-from-name", test_format_from_name);
  g_test_add_func ("/mqlw/chart/style-init", test_style_init);
  g_test_add_func ("/mqlw/chart/layout/mapping", test_layout_mapping);
  g_test_add_func ("/mqlw/chart/layout/single-bucket", test_layout_single_bucket);
  g_test_add_func ("/mqlw/chart/pixels/light", test_pixels_light);
  g_test_add_func ("/mqlw/chart/pixels/dark", test_pixels_dark);
  g_test_add_func ("/mqlw/chart/pixels/high-contrast", test_pixels_high_contrast);
  g_test_add_func ("/mqlw/chart/hover", test_hover);
  g_test_add_func ("/mqlw/chart/layers", test_layers);
  g_test_add_func ("/mqlw/chart/empty", test_empty);
  g_test_add_func ("/mqlw/chart/fractional-and-no-data", test_fractional_and_no_data);
  g_test_add_func ("/mqlw/chart/sweep", test_sweep);
  g_test_add_func ("/mqlw/chart/export/formats", test_export);
  g_test_add_func ("/mqlw/chart/export/pdf-text", test_export_pdf_text);
  g_test_add_func ("/mqlw/chart/export/errors", test_export_errors);
  g_test_add_func ("/mqlw/chart/numbers-like-tables", test_numbers_like_tables);
  g_test_add_func ("/mqlw/chart/notes-and-empty-states", test_notes_and_empty_states);
  g_test_add_func ("/mqlw/chart/baseline-line", test_baseline_line);
  g_test_add_func ("/mqlw/chart/other-paths", test_other_paths);
  g_test_add_func ("/mqlw/chart/every-bucket-labelled", test_every_bucket_labelled);
  g_test_add_func ("/mqlw/chart/labels-apart", test_labels_apart);

  return g_test_run ();
}

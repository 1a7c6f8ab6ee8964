/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-bucket-view"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "mqlw-bucket-view.h"
#include "mqlw-format.h"
#include "mqlw-frame-queue.h"

/* One row of the table: a copy of the core's bucket. Rows are kept and
 * updated in place: "bucket" is notified when the bucket's figures change,
 * "above" when the threshold crosses it, and only those cells are redone. */
#define MQLW_TYPE_BUCKET_ITEM (mqlw_bucket_item_get_type ())
G_DECLARE_FINAL_TYPE (MqlwBucketItem, mqlw_bucket_item, MQLW, BUCKET_ITEM, GObject)

struct _MqlwBucketItem
{
  GObject    parent_instance;
  MqlwBucket bucket;
  char      *range;   /* the core's label for the bucket's scores, "31–50" */
  gboolean   above;   /* the whole bucket is at or over the threshold */
  gboolean   unscored;/* the last row: the leads without a score, in no bucket */
  guint      compact; /* the view's compact level (see MqlwBucketView) */
};

enum {
  ITEM_PROP_0,
  ITEM_PROP_BUCKET,
  ITEM_PROP_ABOVE,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

G_DEFINE_FINAL_TYPE (MqlwBucketItem, mqlw_bucket_item, G_TYPE_OBJECT)

static void
mqlw_bucket_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MqlwBucketItem *self = MQLW_BUCKET_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_BUCKET:
      g_value_set_pointer (value, &self->bucket);
      break;
    case ITEM_PROP_ABOVE:
      g_value_set_boolean (value, self->above);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mqlw_bucket_item_finalize (GObject *object)
{
  g_free (MQLW_BUCKET_ITEM (object)->range);
  G_OBJECT_CLASS (mqlw_bucket_item_parent_class)->finalize (object);
}

static void
mqlw_bucket_item_class_init (MqlwBucketItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mqlw_bucket_item_finalize;
  object_class->get_property = mqlw_bucket_item_get_property;
  item_properties[ITEM_PROP_BUCKET] =
    g_param_spec_pointer ("bucket", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_ABOVE] =
    g_param_spec_boolean ("above", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
mqlw_bucket_item_init (MqlwBucketItem *self)
{
}

static gboolean
same_double (double a,
             double b)
{
  return a == b || (isnan (a) && isnan (b));
}

static gboolean
same_rate (const MqlwRate *a,
           const MqlwRate *b)
{
  return a->present == b->present && a->known == b->known && a->reached == b->reached &&
         same_double (a->rate, b->rate) && same_double (a->ci_low, b->ci_low) &&
         same_double (a->ci_high, b->ci_high);
}

/* TRUE when two buckets show different figures. */
static gboolean
bucket_differs (const MqlwBucket *a,
                const MqlwBucket *b)
{
  if (!same_double (a->lo, b->lo) || !same_double (a->hi, b->hi) || a->leads != b->leads ||
      !same_double (a->share, b->share) || a->verdict != b->verdict)
    return TRUE;
  for (guint s = 0; s < MQLW_N_STAGES; s++)
    if (!same_rate (&a->stage[s], &b->stage[s]))
      return TRUE;
  return FALSE;
}

struct _MqlwBucketView
{
  GtkWidget       parent_instance;

  MqlwWorkbench  *workbench;
  GListStore     *store;
  gboolean        syncing;
  guint           pending;        /* MqlwWorkbenchChange not shown yet */

  GtkColumnView  *column_view;
  GtkColumnViewColumn *verdict_column;
  GPtrArray      *view_columns;   /* GtkColumnViewColumn, in the order of columns[] */
  /* Narrow windows (1366 px with the model and the figures beside the
   * table): 1 puts each rate's range under it, 2 moves the opportunity and
   * win columns into a detail line under the score, 3 acceptance too; never
   * a column off the edge. needed[k] is the width level k took when it was
   * left for a narrower one. */
  guint           compact;
  int             needed[4];
  guint           compact_wanted;
  guint           compact_source;
  GtkDropDown    *scheme_dropdown;
  GtkEntry       *spec_entry;
  /* The last scheme outside the presets (edges:…): "Custom" brings it back
   * after a preset was tried. */
  char           *custom_text;
};

G_DEFINE_FINAL_TYPE (MqlwBucketView, mqlw_bucket_view, GTK_TYPE_WIDGET)

static const struct {
  const char *id;
  const char *title;
  gboolean    expand;
} columns[] = {
  { "scores",      N_("Score"),       TRUE },
  { "leads",       N_("Leads"),       FALSE },
  { "share",       N_("Share"),       FALSE },
  { "accepted",    N_("Acceptance"),  TRUE },
  { "sql",         N_("SQL rate"),    TRUE },
  { "opportunity", N_("Opportunity"), TRUE },
  { "won",         N_("Win rate"),    TRUE },
  { "verdict",     N_("Verdict"),     FALSE },
};

static const char *schemes[] = {
  "auto", "width:5", "width:10", "width:20", "quantiles:5", "quantiles:10", NULL,
};

#define COMPACT_MAX 3

/* The columns a compact level moves into the detail line. */
static gboolean
in_detail (const char *column,
           guint       compact)
{
  if (g_str_equal (column, "opportunity") || g_str_equal (column, "won"))
    return compact >= 2;
  if (g_str_equal (column, "accepted"))
    return compact >= 3;
  return FALSE;
}

static char *
format_rate_cell (const MqlwRate *rate,
                  guint           compact)
{
  g_autofree char *value = mqlw_format_rate (rate);
  g_autofree char *interval = mqlw_format_interval (rate);

  if (interval[0] == '\0')
    return g_steal_pointer (&value);
  /* Narrow: the range under the rate, the column half as wide. */
  return g_strdup_printf ("%s%s<span alpha=\"60%%\" size=\"smaller\">%s</span>", value,
                          compact >= 1 ? "\n" : "  ", interval);
}

static const MqlwRate *
column_rate (const MqlwBucket *bucket,
             const char       *column)
{
  if (g_str_equal (column, "accepted"))
    return &bucket->stage[MQLW_STAGE_ACCEPTED];
  if (g_str_equal (column, "sql"))
    return &bucket->stage[MQLW_STAGE_SQL];
  if (g_str_equal (column, "opportunity"))
    return &bucket->stage[MQLW_STAGE_OPPORTUNITY];
  if (g_str_equal (column, "won"))
    return &bucket->stage[MQLW_STAGE_WON];
  return NULL;
}

/* The columns that moved, under the score: "Win rate 3.0 % (1.2–5.0 %)". */
static char *
format_detail (const MqlwBucketItem *item)
{
  g_autoptr(GString) detail = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      const MqlwRate *rate = column_rate (&item->bucket, columns[i].id);
      g_autofree char *value = NULL, *interval = NULL, *escaped = NULL;

      if (rate == NULL || !in_detail (columns[i].id, item->compact) || !rate->present)
        continue;
      value = mqlw_format_rate (rate);
      interval = mqlw_format_interval (rate);
      escaped = interval[0] != '\0' ? g_markup_printf_escaped ("%s %s (%s)", _(columns[i].title), value, interval)
                                      : g_markup_printf_escaped ("%s %s", _(columns[i].title), value);
      g_string_append_printf (detail, "\n<span alpha=\"75%%\" size=\"smaller\">%s</span>", escaped);
    }
  return g_string_free (g_steal_pointer (&detail), FALSE);
}

static char *
format_cell (const MqlwBucketItem *item,
             const char           *column)
{
  const MqlwBucket *bucket = &item->bucket;

  if (g_str_equal (column, "scores"))
    return g_markup_escape_text (item->range != NULL ? item->range : "", -1);
  if (g_str_equal (column, "leads"))
    return mqlw_format_count (bucket->leads);
  if (item->unscored && (g_str_equal (column, "share") || g_str_equal (column, "verdict")))
    return g_strdup ("—");   /* in no bucket: no share of the scored leads, no verdict */
  if (g_str_equal (column, "share"))
    return mqlw_format_percent (bucket->share);
  if (g_str_equal (column, "accepted"))
    return format_rate_cell (&bucket->stage[MQLW_STAGE_ACCEPTED], item->compact);
  if (g_str_equal (column, "sql"))
    return format_rate_cell (&bucket->stage[MQLW_STAGE_SQL], item->compact);
  if (g_str_equal (column, "opportunity"))
    return format_rate_cell (&bucket->stage[MQLW_STAGE_OPPORTUNITY], item->compact);
  if (g_str_equal (column, "won"))
    return format_rate_cell (&bucket->stage[MQLW_STAGE_WON], item->compact);
  if (g_str_equal (column, "verdict"))
    return g_strdup (_(mqlw_verdict_label (bucket->verdict)));
  g_return_val_if_reached (NULL);
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  const char *column = user_data;

  gtk_label_set_xalign (GTK_LABEL (label),
                        g_str_equal (column, "scores") || g_str_equal (column, "verdict") ? 0.0 : 1.0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
toggle_css_class (GtkWidget  *widget,
                  const char *name,
                  gboolean    on)
{
  if (gtk_widget_has_css_class (widget, name) == on)
    return;
  if (on)
    gtk_widget_add_css_class (widget, name);
  else
    gtk_widget_remove_css_class (widget, name);
}

/* One cell from its row: only what changed is touched, so an unchanged cell
 * costs no relayout. */
static void
update_cell (GtkLabel       *label,
             MqlwBucketItem *row)
{
  static const char *verdict_classes[] = { "verdict-none", "verdict-too-early", "verdict-marginal",
                                           "verdict-good", "verdict-hot", "verdict-too-few" };
  const char *column = g_object_get_data (G_OBJECT (label), "column");
  g_autofree char *cell = format_cell (row, column);
  /* The score's cell carries the columns that moved into the detail line. */
  g_autofree char *detail = g_str_equal (column, "scores") ? format_detail (row) : g_strdup ("");
  g_autofree char *text = g_strconcat (cell, detail, NULL);

  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_markup (label, text);
  if (g_str_equal (column, "verdict"))
    for (guint i = 0; i < G_N_ELEMENTS (verdict_classes); i++)
      toggle_css_class (GTK_WIDGET (label), verdict_classes[i], !row->unscored && row->bucket.verdict == i);
  toggle_css_class (GTK_WIDGET (label), "above-threshold", row->above);
  toggle_css_class (GTK_WIDGET (label), "dim-label", row->unscored);
}

static void
on_item_notify_cb (MqlwBucketItem *row,
                   GParamSpec     *pspec,
                   GtkLabel       *label)
{
  update_cell (label, row);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  MqlwBucketItem *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  g_object_set_data (G_OBJECT (label), "column", user_data);
  update_cell (GTK_LABEL (label), row);
  g_signal_connect_object (row, "notify", G_CALLBACK (on_item_notify_cb), label, 0);
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  MqlwBucketItem *row = gtk_list_item_get_item (item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, on_item_notify_cb, gtk_list_item_get_child (item));
}

/* New rows a turn of the frame queue adds: the first rows of a table cost far
 * more to lay out than to make (eight cells each). */
#define NEW_ROWS_A_TURN 4

/* The rows follow the workbench's table in place: a row whose figures
 * changed is notified, rows are only added or removed when the number of
 * buckets changes, at most @max_new at a time. Returns FALSE when rows are
 * left to add. */
static gboolean
reload (MqlwBucketView *self,
        guint           max_new)
{
  const MqlwBucketTable *table = mqlw_workbench_get_buckets (self->workbench);
  double threshold = mqlw_workbench_get_threshold (self->workbench);
  MqlwModel *model = mqlw_workbench_get_model (self->workbench);
  /* An empty model scores every lead 0: no bucket to show (the chart says why). */
  gboolean nothing = model == NULL || mqlw_model_scores_nothing (model);
  guint n_buckets = table != NULL && !nothing ? table->n_buckets : 0;
  /* The leads without a score get a last row of their own. */
  guint n = n_buckets + (table != NULL && !nothing && table->unscored.leads > 0 ? 1 : 0);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 start = g_get_monotonic_time ();
  MqlwBucket unscored = { 0 };

  if (n > n_buckets)
    {
      unscored.lo = unscored.hi = unscored.share = NAN;
      unscored.leads = table->unscored.leads;
      memcpy (unscored.stage, table->unscored.stage, sizeof unscored.stage);
      unscored.verdict = MQLW_VERDICT_NONE;
    }
  for (guint i = 0; i < n; i++)
    {
      gboolean is_unscored = i >= n_buckets;
      const MqlwBucket *bucket = is_unscored ? &unscored : &table->buckets[i];
      gboolean above = !is_unscored && bucket->lo >= threshold;
      g_autofree char *range = is_unscored ? g_strdup (_("Unscored")) : mqlw_bucket_table_range_label (table, i);
      MqlwBucketItem *item;

      if (i >= shown)
        {
          if (added->len >= max_new)
            break;
          item = g_object_new (MQLW_TYPE_BUCKET_ITEM, NULL);
          item->bucket = *bucket;
          item->range = g_steal_pointer (&range);
          item->above = above;
          item->unscored = is_unscored;
          item->compact = self->compact;
          g_ptr_array_add (added, item);
          continue;
        }
      item = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      g_object_freeze_notify (G_OBJECT (item));
      if (bucket_differs (&item->bucket, bucket) || g_strcmp0 (item->range, range) != 0 ||
          item->unscored != is_unscored)
        {
          item->bucket = *bucket;
          item->unscored = is_unscored;
          g_free (item->range);
          item->range = g_steal_pointer (&range);
          g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_BUCKET]);
        }
      if (item->above != above)
        {
          item->above = above;
          g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_ABOVE]);
        }
      g_object_thaw_notify (G_OBJECT (item));
      g_object_unref (item);
    }
  if (added->len > 0 || n < shown)
    g_list_store_splice (self->store, MIN (n, shown), shown > n ? shown - n : 0,
                         added->pdata, added->len);
  g_debug ("table updated in %.2f ms", (g_get_monotonic_time () - start) / 1000.0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->store)) == n;
}

/* The drop-down's last item names the custom scheme in effect. */
static void
set_custom_label (MqlwBucketView *self,
                  const char     *text)
{
  GtkStringList *list = GTK_STRING_LIST (gtk_drop_down_get_model (self->scheme_dropdown));
  guint last = G_N_ELEMENTS (schemes) - 1;
  const char *label = text != NULL && g_str_has_prefix (text, "edges:") ? _("Custom edges") : _("Custom");
  const char *const items[] = { label, NULL };

  if (g_strcmp0 (gtk_string_list_get_string (list, last), label) != 0)
    gtk_string_list_splice (list, last, 1, items);
}

/* The drop-down and the entry show the scheme in effect: "Automatic" only
 * while the workbench chooses the buckets. */
static void
sync_spec (MqlwBucketView *self)
{
  const MqlwBucketSpec *spec = mqlw_workbench_get_bucket_spec (self->workbench);
  g_autofree char *text = spec != NULL ? mqlw_bucket_spec_to_string (spec) : NULL;
  guint selected = G_N_ELEMENTS (schemes) - 1;

  if (spec == NULL || mqlw_workbench_get_bucket_auto (self->workbench))
    selected = 0;
  else
    for (guint i = 1; schemes[i] != NULL; i++)
      if (g_strcmp0 (text, schemes[i]) == 0)
        selected = i;
  if (selected == G_N_ELEMENTS (schemes) - 1 && g_strcmp0 (self->custom_text, text) != 0)
    {
      g_free (self->custom_text);
      self->custom_text = g_strdup (text);
    }
  set_custom_label (self, self->custom_text);

  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->spec_entry), text != NULL ? text : "");
  if (gtk_drop_down_get_selected (self->scheme_dropdown) != selected)
    gtk_drop_down_set_selected (self->scheme_dropdown, selected);
  self->syncing = FALSE;
}

static void flush_update (GtkWidget *widget);

/* The verdict column names the stage the verdicts follow: "Verdict (SQL)". */
static void
sync_verdict_title (MqlwBucketView *self)
{
  const MqlwBucketTable *table = mqlw_workbench_get_buckets (self->workbench);
  g_autofree char *title = NULL;

  if (table != NULL && table->verdict_stage < MQLW_N_STAGES)
    /* Translators: the bucket table's verdict column, "Verdict (SQL)". */
    title = g_strdup_printf (_("Verdict (%s)"), _(mqlw_stage_label (table->verdict_stage)));
  else
    title = g_strdup (_("Verdict"));
  if (g_strcmp0 (gtk_column_view_column_get_title (self->verdict_column), title) != 0)
    gtk_column_view_column_set_title (self->verdict_column, title);
}

/* Shows what changed; at most @max_new new rows, the rest at the next turn. */
static void
flush_some (MqlwBucketView *self,
            guint           max_new)
{
  guint change = self->pending;

  self->pending = 0;
  mqlw_frame_queue_remove (GTK_WIDGET (self));
  if (change == 0 || self->workbench == NULL)
    return;
  if (!reload (self, max_new))
    {
      self->pending = MQLW_WORKBENCH_CHANGED_BUCKETS;
      mqlw_frame_queue_add (GTK_WIDGET (self), flush_update);
    }
  /* Edges typed for another history do not come back with "Custom edges". */
  if (change & MQLW_WORKBENCH_CHANGED_DATA)
    g_clear_pointer (&self->custom_text, g_free);
  if (change & (MQLW_WORKBENCH_CHANGED_BUCKETS | MQLW_WORKBENCH_CHANGED_DATA | MQLW_WORKBENCH_CHANGED_SCORES))
    {
      sync_spec (self);
      sync_verdict_title (self);
    }
}

/* Everything, now: what the next frame shows. */
static void
flush (MqlwBucketView *self)
{
  flush_some (self, G_MAXUINT);
}

static void
flush_update (GtkWidget *widget)
{
  flush_some (MQLW_BUCKET_VIEW (widget), NEW_ROWS_A_TURN);
}

/* Changes wait for the table's turn in the window's frame queue (see
 * mqlw-frame-queue.c): a drag that moves the threshold and a worker result
 * that land before it cost one update. */
static void
on_workbench_changed_cb (MqlwWorkbench  *workbench,
                         guint           change,
                         MqlwBucketView *self)
{
  if ((change & ~MQLW_WORKBENCH_CHANGED_MODEL) == 0)   /* figures not in yet */
    return;
  self->pending |= change;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    mqlw_frame_queue_add (GTK_WIDGET (self), flush_update);
}

static void
mqlw_bucket_view_map (GtkWidget *widget)
{
  MqlwBucketView *self = MQLW_BUCKET_VIEW (widget);

  GTK_WIDGET_CLASS (mqlw_bucket_view_parent_class)->map (widget);
  /* What changed while hidden, at the table's turn: not in the frame that
   * shows the page. */
  if (self->pending != 0)
    mqlw_frame_queue_add (widget, flush_update);
}

static void
mqlw_bucket_view_unmap (GtkWidget *widget)
{
  /* Not drawn: catch up when mapped again. */
  mqlw_frame_queue_remove (widget);
  GTK_WIDGET_CLASS (mqlw_bucket_view_parent_class)->unmap (widget);
}

static void
on_scheme_selected_cb (MqlwBucketView *self)
{
  guint selected = gtk_drop_down_get_selected (self->scheme_dropdown);

  if (self->syncing || selected >= G_N_ELEMENTS (schemes))
    return;
  if (schemes[selected] != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.set-buckets", "s", schemes[selected]);
  else if (self->custom_text != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.set-buckets", "s", self->custom_text);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->spec_entry));
}

static void
on_spec_entry_activate_cb (MqlwBucketView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->spec_entry));

  if (text[0] == '\0')
    return;
  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->scheme_dropdown, G_N_ELEMENTS (schemes) - 1);
  self->syncing = FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.set-buckets", "s", text);
}

/* ---- fitting the width ------------------------------------------------- */

static void
set_compact (MqlwBucketView *self,
             guint           compact)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  self->compact = compact;
  for (guint i = 0; i < self->view_columns->len; i++)
    gtk_column_view_column_set_visible (self->view_columns->pdata[i], !in_detail (columns[i].id, compact));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MqlwBucketItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (item->compact == compact)
        continue;
      item->compact = compact;
      g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_BUCKET]);
    }
}

static gboolean
refit_cb (gpointer data)
{
  MqlwBucketView *self = data;

  self->compact_source = 0;
  if (self->compact_wanted != self->compact)
    set_compact (self, self->compact_wanted);
  return G_SOURCE_REMOVE;
}

static void
mqlw_bucket_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  *minimum = *natural = 0;
  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

/* The table takes the level that fits: narrower when its columns would run
 * past the edge, wider again once the width the wider level took is there. */
static void
mqlw_bucket_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  MqlwBucketView *self = MQLW_BUCKET_VIEW (widget);
  GtkWidget *child = gtk_widget_get_first_child (widget);
  guint wanted = self->compact;
  int natural = 0;

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
    return;
  gtk_widget_measure (GTK_WIDGET (self->column_view), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  /* The scrolled window's frame and the view's margins. */
  width -= 4;
  if (natural > width && self->compact < COMPACT_MAX)
    {
      self->needed[self->compact] = natural;
      wanted = self->compact + 1;
    }
  else if (self->compact > 0 && self->needed[self->compact - 1] > 0 && self->needed[self->compact - 1] <= width)
    wanted = self->compact - 1;
  if (wanted != self->compact)
    {
      /* Not while allocating: the cells change, and the next frame lays them out. */
      self->compact_wanted = wanted;
      if (self->compact_source == 0)
        self->compact_source = g_idle_add (refit_cb, self);
    }
}

static void
mqlw_bucket_view_dispose (GObject *object)
{
  MqlwBucketView *self = (MqlwBucketView *) object;
  GtkWidget *child;

  g_clear_handle_id (&self->compact_source, g_source_remove);

  if (self->workbench != NULL)
    g_signal_handlers_disconnect_by_data (self->workbench, self);
  g_clear_object (&self->workbench);
  mqlw_frame_queue_remove (GTK_WIDGET (self));
  gtk_widget_dispose_template (GTK_WIDGET (self), MQLW_TYPE_BUCKET_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_pointer (&self->view_columns, g_ptr_array_unref);

  G_OBJECT_CLASS (mqlw_bucket_view_parent_class)->dispose (object);
}

static void
mqlw_bucket_view_class_init (MqlwBucketViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mqlw_bucket_view_dispose;
  widget_class->map = mqlw_bucket_view_map;
  widget_class->unmap = mqlw_bucket_view_unmap;
  widget_class->measure = mqlw_bucket_view_measure;
  widget_class->size_allocate = mqlw_bucket_view_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mqlworkbench/Workbench/mqlw-bucket-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MqlwBucketView, column_view);
  gtk_widget_class_bind_template_child (widget_class, MqlwBucketView, scheme_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MqlwBucketView, spec_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_scheme_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_spec_entry_activate_cb);
  gtk_widget_class_set_css_name (widget_class, "bucketview");
}

static void
mqlw_bucket_view_init (MqlwBucketView *self)
{
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->view_columns = g_ptr_array_new_with_free_func (g_object_unref);
  self->store = g_list_store_new (MQLW_TYPE_BUCKET_ITEM);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->store)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), (gpointer) columns[i].id);
      g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), (gpointer) columns[i].id);
      g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), NULL);
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_append_column (self->column_view, column);
      if (g_str_equal (columns[i].id, "verdict"))
        self->verdict_column = column;
      g_ptr_array_add (self->view_columns, column);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Score buckets"), -1);
  /* The scheme selector is named by its mnemonic label "_Buckets" (once). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spec_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Custom buckets"), -1);
}

void
mqlw_bucket_view_set_workbench (MqlwBucketView *self,
                                MqlwWorkbench  *workbench)
{
  g_return_if_fail (MQLW_IS_BUCKET_VIEW (self));
  g_return_if_fail (MQLW_IS_WORKBENCH (workbench));

  if (self->workbench != NULL)
    g_signal_handlers_disconnect_by_data (self->workbench, self);
  g_set_object (&self->workbench, workbench);
  g_signal_connect (workbench, "changed", G_CALLBACK (on_workbench_changed_cb), self);
  self->pending = MQLW_WORKBENCH_CHANGED_DATA;
  flush (self);
}

guint
mqlw_bucket_view_get_n_rows (MqlwBucketView *self)
{
  g_return_val_if_fail (MQLW_IS_BUCKET_VIEW (self), 0);
  flush (self);   /* what the next frame shows */
  return g_list_model_get_n_items (G_LIST_MODEL (self->store));
}

char *
mqlw_bucket_view_dup_cell (MqlwBucketView *self,
                           guint           row,
                           const char     *column)
{
  g_autoptr(MqlwBucketItem) item = NULL;

  g_return_val_if_fail (MQLW_IS_BUCKET_VIEW (self), NULL);
  g_return_val_if_fail (column != NULL, NULL);

  flush (self);   /* what the next frame shows */
  item = g_list_model_get_item (G_LIST_MODEL (self->store), row);
  if (item == NULL)
    return NULL;
  return format_cell (item, column);
}

GListModel *
mqlw_bucket_view_get_rows (MqlwBucketView *self)
{
  g_return_val_if_fail (MQLW_IS_BUCKET_VIEW (self), NULL);

  flush (self);
  return G_LIST_MODEL (self->store);
}

gboolean
mqlw_bucket_view_column_visible (MqlwBucketView *self,
                                 const char     *column)
{
  g_return_val_if_fail (MQLW_IS_BUCKET_VIEW (self), FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_str_equal (columns[i].id, column))
      return gtk_column_view_column_get_visible (self->view_columns->pdata[i]);
  g_return_val_if_reached (FALSE);
}

char *
mqlw_bucket_view_dup_detail (MqlwBucketView *self,
                             guint           row)
{
  g_autoptr(MqlwBucketItem) item = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (MQLW_IS_BUCKET_VIEW (self), NULL);
  flush (self);
  item = g_list_model_get_item (G_LIST_MODEL (self->store), row);
  if (item == NULL)
    return NULL;
  markup = format_detail (item);
  if (!pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL))
    return NULL;
  return g_steal_pointer (&text);
}

char *
mqlw_bucket_view_dup_scheme_label (MqlwBucketView *self)
{
  GListModel *model;

  g_return_val_if_fail (MQLW_IS_BUCKET_VIEW (self), NULL);
  flush (self);
  model = gtk_drop_down_get_model (self->scheme_dropdown);
  return g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (model),
                                               gtk_drop_down_get_selected (self->scheme_dropdown)));
}

void
mqlw_bucket_view_select_scheme (MqlwBucketView *self,
                                guint           index)
{
  g_return_if_fail (MQLW_IS_BUCKET_VIEW (self));
  gtk_drop_down_set_selected (self->scheme_dropdown, index);
}

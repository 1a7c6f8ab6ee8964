/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "mqlw-core.h"
#include "mqlw-preferences-window.h"

const char *const mqlw_bucket_presets[] = {
  "auto", "width:5", "width:10", "width:20", "quantiles:5", "quantiles:10", NULL,
};

static const char *const stages[] = { "auto", "accepted", "sql", "opportunity", "won", NULL };

struct _MqlwPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings           *settings;
  AdwComboRow         *buckets_row;
  AdwComboRow         *stage_row;
  gboolean             syncing;
};

G_DEFINE_FINAL_TYPE (MqlwPreferencesWindow, mqlw_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
label_widget (GtkWidget  *widget,
              const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static char *
describe_preset (const char *preset)
{
  if (g_str_equal (preset, "auto"))
    return g_strdup (_("Automatic"));
  if (g_str_has_prefix (preset, "width:"))
    return g_strdup_printf (g_dngettext (NULL, "Every %s point", "Every %s points",
                                         (gulong) g_ascii_strtoull (preset + strlen ("width:"), NULL, 10)),
                            preset + strlen ("width:"));
  if (g_str_has_prefix (preset, "quantiles:"))
    return g_strdup_printf (g_dngettext (NULL, "%s group of equal size", "%s groups of equal size",
                                         (gulong) g_ascii_strtoull (preset + strlen ("quantiles:"), NULL, 10)),
                            preset + strlen ("quantiles:"));
  return g_strdup (preset);
}

/* Fractions in GSettings, percentages on screen. */
static gboolean
get_percent (GValue   *value,
             GVariant *variant,
             gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_double (variant) * 100.0);
  return TRUE;
}

static GVariant *
set_percent (const GValue       *value,
             const GVariantType *type,
             gpointer            user_data)
{
  return g_variant_new_double (g_value_get_double (value) / 100.0);
}

static GtkWidget *
add_spin_row (AdwPreferencesGroup *group,
              const char          *title,
              const char          *subtitle,
              double               lower,
              double               upper,
              double               step,
              guint                digits)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  label_widget (spin, title);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  return spin;
}

static void
on_buckets_selected_cb (AdwComboRow           *row,
                        GParamSpec            *pspec,
                        MqlwPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (row);
  GListModel *model = adw_combo_row_get_model (row);
  const char *preset;

  if (self->syncing || self->settings == NULL || selected >= g_list_model_get_n_items (model))
    return;
  preset = g_object_get_data (G_OBJECT (row), "presets") ?
           ((const char *const *) g_object_get_data (G_OBJECT (row), "presets"))[selected] : NULL;
  if (preset == NULL)
    return;
  if (g_str_equal (preset, "auto"))
    g_settings_reset (self->settings, "default-bucket-scheme");
  else
    g_settings_set_string (self->settings, "default-bucket-scheme", preset);
}

static void
on_stage_selected_cb (AdwComboRow           *row,
                      GParamSpec            *pspec,
                      MqlwPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->syncing || self->settings == NULL || selected >= g_strv_length ((char **) stages))
    return;
  g_settings_set_string (self->settings, "verdict-stage", stages[selected]);
}

static void
mqlw_preferences_window_finalize (GObject *object)
{
  MqlwPreferencesWindow *self = (MqlwPreferencesWindow *) object;

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (mqlw_preferences_window_parent_class)->finalize (object);
}

static void
mqlw_preferences_window_class_init (MqlwPreferencesWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mqlw_preferences_window_finalize;
}

static void
mqlw_preferences_window_init (MqlwPreferencesWindow *self)
{
}

static void
build (MqlwPreferencesWindow *self)
{
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *calibration = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *verdicts = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *saving = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(GtkStringList) bucket_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) stage_labels = gtk_string_list_new (NULL);
  g_autofree char *scheme = NULL;
  g_autofree char *stage = NULL;
  const char **presets;
  GtkWidget *capacity, *marginal, *good, *hot, *min_known, *autosave = NULL;
  guint n_presets = g_strv_length ((char **) mqlw_bucket_presets);
  guint selected = 0;

  adw_preferences_page_set_title (page, _("General"));
  adw_preferences_page_set_icon_name (page, "preferences-system-symbolic");

  /* Calibration */
  adw_preferences_group_set_title (calibration, _("Calibration"));
  adw_preferences_group_set_description (calibration, _("Used for each lead history you open from now on."));
  /* The schema's default is "auto" (the first preset). */
  scheme = self->settings != NULL ? g_settings_get_string (self->settings, "default-bucket-scheme") : g_strdup ("auto");
  presets = g_new0 (const char *, n_presets + 2);
  for (guint i = 0; i < n_presets; i++)
    {
      g_autofree char *label = describe_preset (mqlw_bucket_presets[i]);
      presets[i] = mqlw_bucket_presets[i];
      gtk_string_list_append (bucket_labels, label);
      if (scheme != NULL && g_str_equal (scheme, mqlw_bucket_presets[i]))
        selected = i;
    }
  if (selected == 0 && !g_str_equal (scheme, "auto") && scheme[0] != '\0')
    {
      /* A custom scheme set elsewhere (edges:…) stays selectable. */
      presets[n_presets] = g_intern_string (scheme);
      gtk_string_list_append (bucket_labels, scheme);
      selected = n_presets;
    }
  self->buckets_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->buckets_row), _("Score buckets"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->buckets_row), _("How the chart and the table group scores; automatic makes about ten well-filled buckets"));
  adw_combo_row_set_model (self->buckets_row, G_LIST_MODEL (bucket_labels));
  g_object_set_data_full (G_OBJECT (self->buckets_row), "presets", presets, g_free);
  self->syncing = TRUE;
  adw_combo_row_set_selected (self->buckets_row, selected);
  self->syncing = FALSE;
  g_signal_connect (self->buckets_row, "notify::selected", G_CALLBACK (on_buckets_selected_cb), self);
  adw_preferences_group_add (calibration, GTK_WIDGET (self->buckets_row));

  capacity = add_spin_row (calibration, _("Sales capacity"),
                           _("MQLs a month sales can follow up, for models that set none; 0 means no check"),
                           0, 10000000, 10, 0);

  /* Verdicts */
  adw_preferences_group_set_title (verdicts, _("Bucket Verdicts"));
  adw_preferences_group_set_description (verdicts, _("A bucket’s verdict comes from its conversion rate at one stage of the funnel."));
  stage_labels = gtk_string_list_new (NULL);
  for (guint i = 0; stages[i] != NULL; i++)
    {
      MqlwStage s;

      if (g_str_equal (stages[i], "auto"))
        gtk_string_list_append (stage_labels, _("Automatic"));
      else if (mqlw_stage_from_string (stages[i], &s))
        gtk_string_list_append (stage_labels, _(mqlw_stage_label (s)));
    }
  self->stage_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->stage_row), _("Verdict stage"));
  /* The choice's own words would be cut off beside the title: the subtitle says what automatic means. */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->stage_row),
                               _("Automatic: SQL, else the next stage that differs between buckets"));
  adw_combo_row_set_model (self->stage_row, G_LIST_MODEL (stage_labels));
  stage = self->settings != NULL ? g_settings_get_string (self->settings, "verdict-stage") : g_strdup ("auto");
  self->syncing = TRUE;
  for (guint i = 0; stages[i] != NULL; i++)
    if (g_str_equal (stages[i], stage))
      adw_combo_row_set_selected (self->stage_row, i);
  self->syncing = FALSE;
  g_signal_connect (self->stage_row, "notify::selected", G_CALLBACK (on_stage_selected_cb), self);
  adw_preferences_group_add (verdicts, GTK_WIDGET (self->stage_row));
  marginal = add_spin_row (verdicts, _("Marginal from (%)"), _("Below this rate a bucket is “Too early”"), 0, 100, 1, 0);
  good = add_spin_row (verdicts, _("Good from (%)"), NULL, 0, 100, 1, 0);
  hot = add_spin_row (verdicts, _("Hot from (%)"), NULL, 0, 100, 1, 0);
  min_known = add_spin_row (verdicts, _("Known outcomes for a verdict"),
                            _("A bucket with fewer known outcomes is “Too few leads”"), 0, 100000, 5, 0);

  /* Saving */
  adw_preferences_group_set_title (saving, _("Saving"));
  if (self->settings != NULL)
    {
      g_autoptr(GSettingsSchema) schema = NULL;

      g_object_get (self->settings, "settings-schema", &schema, NULL);
      if (g_settings_schema_has_key (schema, "autosave-interval"))
        autosave = add_spin_row (saving, _("Keep a recovery copy every (minutes)"),
                                 _("While there is unsaved work; 0 turns it off"), 0, 120, 1, 0);
    }
  if (autosave == NULL)
    adw_preferences_group_set_description (saving, _("A recovery copy of unsaved work is kept every 2 minutes and shortly after each edit; it is offered when MQL Workbench starts again."));

  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "default-capacity", capacity, "value", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind_with_mapping (self->settings, "verdict-marginal", marginal, "value", G_SETTINGS_BIND_DEFAULT,
                                    get_percent, set_percent, NULL, NULL);
      g_settings_bind_with_mapping (self->settings, "verdict-good", good, "value", G_SETTINGS_BIND_DEFAULT,
                                    get_percent, set_percent, NULL, NULL);
      g_settings_bind_with_mapping (self->settings, "verdict-hot", hot, "value", G_SETTINGS_BIND_DEFAULT,
                                    get_percent, set_percent, NULL, NULL);
      g_settings_bind (self->settings, "verdict-min-known", min_known, "value", G_SETTINGS_BIND_DEFAULT);
      if (autosave != NULL)
        g_settings_bind (self->settings, "autosave-interval", autosave, "value", G_SETTINGS_BIND_DEFAULT);
    }
  else
    {
      adw_preferences_group_set_description (calibration, _("Preferences cannot be stored: MQL Workbench is not installed (its settings schema is missing)."));
      gtk_widget_set_sensitive (GTK_WIDGET (calibration), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (verdicts), FALSE);
    }

  adw_preferences_page_add (page, calibration);
  adw_preferences_page_add (page, verdicts);
  adw_preferences_page_add (page, saving);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
}

MqlwPreferencesWindow *
mqlw_preferences_window_new (GtkWindow *parent,
                             GSettings *settings)
{
  MqlwPreferencesWindow *self;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (MQLW_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "search-enabled", FALSE,
                       "default-width", 640,
                       "default-height", 700,
                       NULL);
  if (settings != NULL)
    self->settings = g_object_ref (settings);
  build (self);
  return self;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-mapping-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "mqlw-format.h"
#include "mqlw-mapping-page.h"

#define MAX_PROBLEMS 100
#define MAX_STAGE_VALUES 30

struct _MqlwMappingPage
{
  GtkWidget            parent_instance;

  char                *path;
  char                *join_path;
  MqlwCsvPreview      *preview;
  MqlwMapping         *mapping;
  GPtrArray           *dynamic_rows;   /* (group, row) pairs we added */
  GPtrArray           *outcome_rows;
  GPtrArray           *undo;           /* MappingUndo*, newest last: the switches flipped, the orders chosen */
  GHashTable          *kept_blanks;    /* column name → the saved choice kept from the last import */
  MqlwDateOrder        kept_date_order;  /* the last import's order applied here; AUTO when none */
  gboolean             syncing;
  gboolean             dates_first;      /* this file's dates were ambiguous: Dates leads the side */

  GtkLabel            *title_label;
  GtkLabel            *summary_label;
  GtkColumnView       *rows_view;
  AdwPreferencesGroup *columns_group;
  AdwPreferencesGroup *outcome_group;
  AdwPreferencesGroup *problems_group;
  AdwPreferencesGroup *dates_group;
  GtkScrolledWindow   *side_scroller;
  GtkWidget           *date_order_icon;
  AdwComboRow         *date_order_row;
  AdwActionRow        *missing_row;
  GtkSwitch           *missing_switch;
  AdwActionRow        *join_row;
  AdwEntryRow         *join_key_row;
  AdwComboRow         *join_stage_row;
  GtkWidget           *import_button;
  GtkWidget           *cancel_button;
  GtkWidget           *join_button;
};

/* One step of the page's undo: a blank-cell switch flipped (@column), or
 * the date order changed (@column NULL; @date_order the order before). */
typedef struct {
  char          *column;
  MqlwDateOrder  date_order;
} MappingUndo;

static void
mapping_undo_free (gpointer data)
{
  MappingUndo *step = data;

  g_free (step->column);
  g_free (step);
}

static void
push_undo (GPtrArray     *undo,
           const char    *column,
           MqlwDateOrder  date_order)
{
  MappingUndo *step = g_new0 (MappingUndo, 1);

  step->column = g_strdup (column);
  step->date_order = date_order;
  g_ptr_array_add (undo, step);
}

enum {
  PROP_0,
  PROP_CAN_UNDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  IMPORT,
  CANCEL,
  MAPPING_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MqlwMappingPage, mqlw_mapping_page, GTK_TYPE_WIDGET)

/* mapping.undo and "can-undo" follow the undo list. */
static void
undo_changed (MqlwMappingPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.undo", self->undo->len > 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
}

static const MqlwColumnType types[] = {
  MQLW_COLUMN_TYPE_INTEGER, MQLW_COLUMN_TYPE_DECIMAL, MQLW_COLUMN_TYPE_BOOLEAN,
  MQLW_COLUMN_TYPE_DATE, MQLW_COLUMN_TYPE_CATEGORICAL,
};
static const char *type_labels[] = {
  N_("Whole number"), N_("Decimal"), N_("Yes/no"), N_("Date"), N_("Text"), NULL,
};
static const char *role_labels[] = {
  N_("Kept"), N_("Lead id"), N_("E-mail"), N_("Account"), N_("Created date"), N_("As-of date"),
  N_("Fit field"), N_("Activity count"), N_("Activity date"), N_("Outcome"), N_("Lifecycle stage"),
  N_("Deal amount"), N_("Rejection reason"), N_("Existing score"), N_("Ignored"), NULL,
};
static const char *stage_labels[] = {
  N_("Acceptance"), N_("SQL"), N_("Opportunity"), N_("Win"), NULL,
};
static const char *furthest_labels[] = {
  N_("No stage"), N_("Acceptance"), N_("SQL"), N_("Opportunity"), N_("Win"), NULL,
};

static guint
type_index (MqlwColumnType type)
{
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (types[i] == type)
      return i;
  return G_N_ELEMENTS (types) - 1;
}

static GtkWidget *
create_dropdown (const char * const *labels,
                 guint               selected,
                 const char         *accessible)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  GtkWidget *dropdown;

  for (guint i = 0; labels[i] != NULL; i++)
    gtk_string_list_append (list, _(labels[i]));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (list)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return dropdown;
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

/* ---- the rows table ----------------------------------------------------- */

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_list_item_set_child (item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 MqlwMappingPage          *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  guint row = gtk_list_item_get_position (item);
  const char *text = "";

  if (self->preview != NULL && row < self->preview->rows->len)
    {
      GStrv cells = g_ptr_array_index (self->preview->rows, row);
      if (column < g_strv_length (cells))
        text = cells[column];
    }
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
  /* A value cut at 24 characters, whole on hover. */
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), g_utf8_strlen (text, -1) > 24 ? text : NULL);
}

static void
fill_rows_view (MqlwMappingPage *self)
{
  GListModel *old = G_LIST_MODEL (gtk_column_view_get_columns (self->rows_view));
  g_autoptr(GtkStringList) rows = gtk_string_list_new (NULL);
  GtkNoSelection *selection;

  while (g_list_model_get_n_items (old) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (old, 0);
      gtk_column_view_remove_column (self->rows_view, column);
    }
  for (guint c = 0; self->preview->header[c] != NULL; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), self);
      column = gtk_column_view_column_new (self->preview->header[c], factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->rows_view, column);
      g_object_unref (column);
    }
  for (guint r = 0; r < self->preview->rows->len; r++)
    gtk_string_list_append (rows, "");
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (rows)));
  gtk_column_view_set_model (self->rows_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
}

/* ---- the columns -------------------------------------------------------- */

static void fill_outcomes (MqlwMappingPage *self);

/* The samples, then why the column has its role. */
static void
set_column_subtitle (GtkWidget  *row,
                     const char *why)
{
  const char *samples = g_object_get_data (G_OBJECT (row), "samples");
  g_autofree char *subtitle = samples != NULL && samples[0] != '\0' ? g_strdup_printf ("%s\n%s", samples, why)
                                                                     : g_strdup (why);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

static void
on_column_changed_cb (GtkDropDown     *dropdown,
                      GParamSpec      *pspec,
                      MqlwMappingPage *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (dropdown), ADW_TYPE_ACTION_ROW);
  GtkDropDown *type = g_object_get_data (G_OBJECT (row), "type");
  GtkDropDown *role = g_object_get_data (G_OBJECT (row), "role");
  GtkDropDown *stage = g_object_get_data (G_OBJECT (row), "stage");
  MqlwColumnRole role_value = gtk_drop_down_get_selected (role);

  if (self->syncing)
    return;
  set_column_subtitle (row, _("Set by you"));
  gtk_widget_set_visible (GTK_WIDGET (stage), role_value == MQLW_ROLE_OUTCOME);
  mqlw_mapping_page_set_column (self, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                types[gtk_drop_down_get_selected (type)], role_value,
                                gtk_drop_down_get_selected (stage));
}

static char *
describe_samples (MqlwMappingPage *self,
                  guint            column)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint shown = 0;

  for (guint r = 0; r < self->preview->rows->len && shown < 3; r++)
    {
      GStrv cells = g_ptr_array_index (self->preview->rows, r);
      if (column >= g_strv_length (cells) || cells[column][0] == '\0')
        continue;
      g_string_append_printf (text, "%s%s", shown ? ", " : _("e.g. "), cells[column]);
      shown++;
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fill_columns (MqlwMappingPage *self)
{
  clear_rows (self->columns_group, self->dynamic_rows);
  self->syncing = TRUE;
  for (guint c = 0; self->preview->header[c] != NULL; c++)
    {
      const char *name = self->preview->header[c];
      MqlwColumnSpec *spec = mqlw_mapping_get_column (self->mapping, name);
      g_autofree char *samples = describe_samples (self, c);
      g_autofree char *type_label = g_strdup_printf (_("Type of %s"), name);
      g_autofree char *role_label = g_strdup_printf (_("Role of %s"), name);
      g_autofree char *stage_label = g_strdup_printf (_("Stage of %s"), name);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *type, *role, *stage;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      g_object_set_data_full (G_OBJECT (row), "samples", g_strdup (samples), g_free);
      set_column_subtitle (row, spec != NULL && spec->reason != NULL ? spec->reason : _("Set by the mapping"));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      type = create_dropdown (type_labels, spec != NULL ? type_index (spec->type) : 4, type_label);
      role = create_dropdown (role_labels, spec != NULL ? (guint) spec->role : 0, role_label);
      stage = create_dropdown (stage_labels, spec != NULL ? (guint) spec->stage : 0, stage_label);
      gtk_widget_set_visible (stage, spec != NULL && spec->role == MQLW_ROLE_OUTCOME);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), type);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), role);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), stage);
      g_object_set_data (G_OBJECT (row), "type", type);
      g_object_set_data (G_OBJECT (row), "role", role);
      g_object_set_data (G_OBJECT (row), "stage", stage);
      g_signal_connect (type, "notify::selected", G_CALLBACK (on_column_changed_cb), self);
      g_signal_connect (role, "notify::selected", G_CALLBACK (on_column_changed_cb), self);
      g_signal_connect (stage, "notify::selected", G_CALLBACK (on_column_changed_cb), self);
      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->dynamic_rows, row);
    }
  self->syncing = FALSE;
}

/* ---- dates -------------------------------------------------------------- */

static gboolean
has_date_column (MqlwMappingPage *self)
{
  for (guint c = 0; self->mapping != NULL && c < self->mapping->columns->len; c++)
    {
      const MqlwColumnSpec *spec = g_ptr_array_index (self->mapping->columns, c);

      if (spec->type == MQLW_COLUMN_TYPE_DATE && spec->role != MQLW_ROLE_IGNORE)
        return TRUE;
    }
  return FALSE;
}

/* The first date in the rows shown that reads differently month first and
 * day first ("03/04/2025"), read with @order by the core; NULL when none. */
static char *
describe_date_example (MqlwMappingPage *self,
                       MqlwDateOrder    order)
{
  for (guint c = 0; self->preview->header[c] != NULL; c++)
    {
      const MqlwColumnSpec *spec = mqlw_mapping_get_column (self->mapping, self->preview->header[c]);

      if (spec == NULL || spec->type != MQLW_COLUMN_TYPE_DATE || spec->role == MQLW_ROLE_IGNORE)
        continue;
      for (guint r = 0; r < self->preview->rows->len; r++)
        {
          GStrv cells = g_ptr_array_index (self->preview->rows, r);
          const char *text = cells[c];
          gint32 mdy, dmy, days;
          int year, month, day;
          GDate date;
          char shown[128];

          if (!mqlw_date_parse (text, strlen (text), MQLW_DATE_ORDER_MDY, &mdy)
              || !mqlw_date_parse (text, strlen (text), MQLW_DATE_ORDER_DMY, &dmy) || mdy == dmy)
            continue;
          days = order == MQLW_DATE_ORDER_DMY ? dmy : mdy;
          mqlw_date_to_ymd (days, &year, &month, &day);
          g_date_clear (&date, 1);
          g_date_set_dmy (&date, day, month, year);
          /* Translators: a day as the mapping page shows a date read: 3 April 2025. */
          g_date_strftime (shown, sizeof shown, _("%-e %B %Y"), &date);
          /* Translators: a date as written in the file, and the day it is read as. */
          return g_strdup_printf (_("“%s” in %s reads as %s"), text, spec->name, shown);
        }
    }
  return NULL;
}

/* What detection said of the order, the choice now and, for a chosen order,
 * a date of the file as it reads. */
static char *
describe_date_order (MqlwMappingPage *self)
{
  MqlwDateOrder detected = self->preview->mapping != NULL ? self->preview->mapping->date_order : MQLW_DATE_ORDER_AUTO;
  MqlwDateOrder now = self->mapping->date_order;
  g_autofree char *example = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (!has_date_column (self))
    return g_strdup (_("No date column in this file"));
  if (detected == MQLW_DATE_ORDER_DMY)
    g_string_append (text, _("Detected: day first, from the column names"));
  else if (detected == MQLW_DATE_ORDER_MDY)
    g_string_append (text, _("As the mapping says: month first"));
  else
    g_string_append (text, _("Detected from the dates themselves; dates that could be either read month first, "
                             "with a warning below"));
  if (now != detected)
    {
      g_string_append_c (text, '\n');
      if (now == self->kept_date_order)
        g_string_append (text, now == MQLW_DATE_ORDER_DMY ? _("Kept from the last import: day first")
                                                           : _("Kept from the last import: month first"));
      else
        g_string_append (text, now == MQLW_DATE_ORDER_DMY ? _("Changed by you: day first")
                         : now == MQLW_DATE_ORDER_MDY ? _("Changed by you: month first")
                         : _("Changed by you: detected from the dates"));
    }
  if (now != MQLW_DATE_ORDER_AUTO && (example = describe_date_example (self, now)) != NULL)
    g_string_append_printf (text, "\n%s", example);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_date_order_subtitle (MqlwMappingPage *self)
{
  g_autofree char *subtitle = describe_date_order (self);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->date_order_row), subtitle);
}

/* Sets the order in the mapping and on the row, as no change of the user's. */
static void
show_date_order (MqlwMappingPage *self,
                 MqlwDateOrder    order)
{
  self->mapping->date_order = order;
  self->syncing = TRUE;
  adw_combo_row_set_selected (self->date_order_row, (guint) order);
  self->syncing = FALSE;
  update_date_order_subtitle (self);
}

static void
on_date_order_cb (AdwComboRow     *row,
                  GParamSpec      *pspec,
                  MqlwMappingPage *self)
{
  MqlwDateOrder order = (MqlwDateOrder) adw_combo_row_get_selected (row);

  if (self->syncing || self->mapping == NULL || order == self->mapping->date_order)
    return;
  push_undo (self->undo, NULL, self->mapping->date_order);
  self->mapping->date_order = order;
  update_date_order_subtitle (self);
  undo_changed (self);
  g_signal_emit (self, signals[MAPPING_CHANGED], 0);
}

static void
fill_dates (MqlwMappingPage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->date_order_row), has_date_column (self));
  show_date_order (self, self->mapping->date_order);
}

/* ---- outcomes ----------------------------------------------------------- */

static void
on_stage_value_changed_cb (GObject         *widget,
                           GParamSpec      *pspec,
                           MqlwMappingPage *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (widget), ADW_TYPE_ACTION_ROW);
  GtkDropDown *furthest = g_object_get_data (G_OBJECT (row), "furthest");
  GtkSwitch *closed = g_object_get_data (G_OBJECT (row), "closed");
  const char *value = g_object_get_data (G_OBJECT (row), "value");

  if (self->syncing)
    return;
  /* An explicit value overrides the built-in table for that value only. */
  for (guint i = 0; i < self->mapping->stage_values->len; i++)
    {
      MqlwStageValue *sv = g_ptr_array_index (self->mapping->stage_values, i);
      if (g_ascii_strcasecmp (sv->value, value) == 0)
        {
          sv->furthest = (int) gtk_drop_down_get_selected (furthest) - 1;
          sv->closed = gtk_switch_get_active (closed);
          return;
        }
    }
  mqlw_mapping_add_stage_value (self->mapping, value, (int) gtk_drop_down_get_selected (furthest) - 1,
                                gtk_switch_get_active (closed));
}

/* Every value of the stage column, with its leads and how it reads: the
 * built-in table's reading, or "unknown" for the user to choose. */
static void
add_stage_value_rows (MqlwMappingPage *self,
                      guint            column)
{
  const char *name = self->preview->header[column];
  guint shown = 0;

  for (guint i = 0; self->preview->stage_uses != NULL && i < self->preview->stage_uses->len; i++)
    {
      const MqlwStageUse *use = g_ptr_array_index (self->preview->stage_uses, i);
      g_autofree char *furthest_label = NULL;
      g_autofree char *closed_label = NULL;
      g_autofree char *leads = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row, *furthest, *closed;

      if (g_strcmp0 (use->column, name) != 0 || shown++ >= MAX_STAGE_VALUES)
        continue;
      furthest_label = g_strdup_printf (_("Stage reached for “%s”"), use->value);
      closed_label = g_strdup_printf (_("“%s” ends the funnel"), use->value);
      leads = mqlw_format_count (use->leads);
      if (!use->known)
        subtitle = g_strdup_printf (g_dngettext (NULL, "%s lead · unknown value: choose its stage",
                                                 "%s leads · unknown value: choose its stage", (gulong) use->leads), leads);
      else if (use->unknown_before)
        /* The stage row can only say "furthest stage, open or closed": a
         * lifecycle's Lost (not won, the stages before unknown) says so here. */
        subtitle = g_strdup_printf (g_dngettext (NULL, "%s lead · from the built-in table: not won, the stages before unknown",
                                                 "%s leads · from the built-in table: not won, the stages before unknown",
                                                 (gulong) use->leads), leads);
      else if (use->from_mapping)
        subtitle = g_strdup_printf (g_dngettext (NULL, "%s lead · as the mapping says", "%s leads · as the mapping says",
                                                 (gulong) use->leads), leads);
      else
        subtitle = g_strdup_printf (g_dngettext (NULL, "%s lead · from the built-in table",
                                                 "%s leads · from the built-in table", (gulong) use->leads), leads);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), use->value);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      furthest = create_dropdown (furthest_labels, use->known ? (guint) (use->furthest + 1) : 0, furthest_label);
      closed = gtk_switch_new ();
      gtk_switch_set_active (GTK_SWITCH (closed), use->closed);
      gtk_widget_set_valign (closed, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (closed, _("The funnel ended here: later stages were not reached"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (closed), GTK_ACCESSIBLE_PROPERTY_LABEL, closed_label, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), furthest);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), closed);
      g_object_set_data (G_OBJECT (row), "furthest", furthest);
      g_object_set_data (G_OBJECT (row), "closed", closed);
      g_object_set_data_full (G_OBJECT (row), "value", g_strdup (use->value), g_free);
      g_signal_connect (furthest, "notify::selected", G_CALLBACK (on_stage_value_changed_cb), self);
      g_signal_connect (closed, "notify::active", G_CALLBACK (on_stage_value_changed_cb), self);
      adw_preferences_group_add (self->outcome_group, row);
      g_ptr_array_add (self->outcome_rows, row);
    }
}

/* What detection said of @name's blanks (the preview's own mapping, before
 * any change on this page). */
static char *
describe_blank_detection (MqlwMappingPage *self,
                          const char      *name,
                          gboolean         now)
{
  MqlwColumnSpec *found = mqlw_mapping_get_column (self->preview->mapping, name);
  gboolean detected = found != NULL && found->blank_is_no;
  const char *said;

  if (found != NULL && found->blank_set)
    said = detected ? _("As the mapping says: a blank counts as not reached")
                    : _("As the mapping says: a blank is unknown and left out of the rates");
  else if (detected)
    said = _("Detected: only yes-marks (X, ✓) and blanks, no “no”: a blank counts as not reached");
  else
    said = _("Detected: not a column of yes-marks alone: a blank is unknown and left out of the rates");
  if (now == detected)
    return g_strdup (said);
  if (g_hash_table_lookup (self->kept_blanks, name) == GINT_TO_POINTER (now ? 2 : 1))
    return g_strdup_printf ("%s\n%s", said, now ? _("Kept from the last import: a blank counts as not reached")
                                                : _("Kept from the last import: a blank is unknown and left out of "
                                                    "the rates"));
  return g_strdup_printf ("%s\n%s", said, now ? _("Changed by you: a blank counts as not reached")
                                              : _("Changed by you: a blank is unknown and left out of the rates"));
}

static void
set_blank (MqlwMappingPage *self,
           const char      *name,
           gboolean         blank_is_no)
{
  mqlw_mapping_set_blank_is_no (self->mapping, name, blank_is_no);
  undo_changed (self);
  g_signal_emit (self, signals[MAPPING_CHANGED], 0);
}

static void
on_blank_switch_cb (GtkSwitch       *sw,
                    GParamSpec      *pspec,
                    MqlwMappingPage *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (sw), ADW_TYPE_ACTION_ROW);
  const char *name = g_object_get_data (G_OBJECT (row), "column");
  g_autofree char *subtitle = describe_blank_detection (self, name, gtk_switch_get_active (sw));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (self->syncing)
    return;
  push_undo (self->undo, name, MQLW_DATE_ORDER_AUTO);
  set_blank (self, name, gtk_switch_get_active (sw));
}

/* A yes/no outcome column: whether its blank cells say "not reached" (a
 * column of marks, as SAP and Excel check columns are) or nothing. */
static void
add_blank_row (MqlwMappingPage      *self,
               const MqlwColumnSpec *spec)
{
  g_autofree char *label = g_strdup_printf (_("A blank cell in %s means not reached"), spec->name);
  g_autofree char *subtitle = describe_blank_detection (self, spec->name, spec->blank_is_no);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("A _blank cell means not reached"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_switch_set_active (GTK_SWITCH (sw), spec->blank_is_no);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (sw, _("On: a lead with nothing in this column did not reach the stage. "
                                     "Off: nothing known, the lead is left out of the stage's rate"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  g_object_set_data_full (G_OBJECT (row), "column", g_strdup (spec->name), g_free);
  g_object_set_data (G_OBJECT (row), "switch", sw);
  g_signal_connect (sw, "notify::active", G_CALLBACK (on_blank_switch_cb), self);
  adw_preferences_group_add (self->outcome_group, row);
  g_ptr_array_add (self->outcome_rows, row);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  mqlw_mapping_page_undo (MQLW_MAPPING_PAGE (widget));
}

static GtkSwitch *
find_blank_switch (MqlwMappingPage *self,
                   const char      *name)
{
  for (guint i = 0; i < self->outcome_rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->outcome_rows, i);

      if (g_strcmp0 (g_object_get_data (row, "column"), name) == 0)
        return g_object_get_data (row, "switch");
    }
  return NULL;
}

/* A re-import: the blank choices @saved holds (the mapping the open history
 * was imported with, kept in its project) are applied to the same-named
 * yes/no columns of the new file, and its date order when it named one,
 * each change undoable as a flip is. */
void
mqlw_mapping_page_apply_saved (MqlwMappingPage   *self,
                               const MqlwMapping *saved)
{
  gboolean changed = FALSE;

  g_return_if_fail (MQLW_IS_MAPPING_PAGE (self));

  if (saved == NULL || self->mapping == NULL)
    return;
  if (saved->date_order != MQLW_DATE_ORDER_AUTO && has_date_column (self))
    {
      self->kept_date_order = saved->date_order;
      if (saved->date_order != self->mapping->date_order)
        {
          push_undo (self->undo, NULL, self->mapping->date_order);
          show_date_order (self, saved->date_order);
          changed = TRUE;
        }
    }
  for (guint i = 0; i < self->outcome_rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->outcome_rows, i);
      const char *name = g_object_get_data (row, "column");
      GtkSwitch *sw = g_object_get_data (row, "switch");
      MqlwColumnSpec *was, *now;

      if (sw == NULL || (was = mqlw_mapping_get_column ((MqlwMapping *) saved, name)) == NULL || !was->blank_set)
        continue;
      now = mqlw_mapping_get_column (self->mapping, name);
      g_hash_table_insert (self->kept_blanks, g_strdup (name), GINT_TO_POINTER (was->blank_is_no ? 2 : 1));
      if (now != NULL && now->blank_set && now->blank_is_no == was->blank_is_no)
        continue;
      mqlw_mapping_set_blank_is_no (self->mapping, name, was->blank_is_no);
      if (gtk_switch_get_active (sw) != was->blank_is_no)
        push_undo (self->undo, name, MQLW_DATE_ORDER_AUTO);
      self->syncing = TRUE;
      gtk_switch_set_active (sw, was->blank_is_no);
      self->syncing = FALSE;
      changed = TRUE;
    }
  if (!changed)
    return;
  undo_changed (self);
  g_signal_emit (self, signals[MAPPING_CHANGED], 0);
}

/* The newest change on the page taken back: a blank switch flipped back, or
 * the date order before. */
gboolean
mqlw_mapping_page_undo (MqlwMappingPage *self)
{
  MappingUndo *step;
  const char *name;
  MqlwColumnSpec *spec;
  GtkSwitch *sw;

  g_return_val_if_fail (MQLW_IS_MAPPING_PAGE (self), FALSE);

  if (self->undo->len == 0 || self->mapping == NULL)
    return FALSE;
  step = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  if (step->column == NULL)
    {
      show_date_order (self, step->date_order);
      mapping_undo_free (step);
      undo_changed (self);
      g_signal_emit (self, signals[MAPPING_CHANGED], 0);
      return TRUE;
    }
  name = step->column;
  spec = mqlw_mapping_get_column (self->mapping, name);
  set_blank (self, name, spec == NULL || !spec->blank_is_no);
  if ((sw = find_blank_switch (self, name)) != NULL)
    {
      self->syncing = TRUE;
      gtk_switch_set_active (sw, spec == NULL || spec->blank_is_no);
      self->syncing = FALSE;
    }
  mapping_undo_free (step);
  return TRUE;
}

gboolean
mqlw_mapping_page_can_undo (MqlwMappingPage *self)
{
  g_return_val_if_fail (MQLW_IS_MAPPING_PAGE (self), FALSE);
  return self->undo->len > 0;
}

static void
fill_outcomes (MqlwMappingPage *self)
{
  guint found = 0;

  clear_rows (self->outcome_group, self->outcome_rows);
  self->syncing = TRUE;
  for (guint c = 0; self->preview->header[c] != NULL; c++)
    {
      MqlwColumnSpec *spec = mqlw_mapping_get_column (self->mapping, self->preview->header[c]);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (spec == NULL || (spec->role != MQLW_ROLE_OUTCOME && spec->role != MQLW_ROLE_STAGE))
        continue;
      found++;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), spec->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (spec->role == MQLW_ROLE_OUTCOME)
        subtitle = g_strdup_printf (_("Stage column: %s"), _(stage_labels[MIN (spec->stage, MQLW_N_STAGES - 1)]));
      else
        subtitle = g_strdup (_("Lifecycle column: each value's stage below"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (row, "property");
      adw_preferences_group_add (self->outcome_group, row);
      g_ptr_array_add (self->outcome_rows, row);
      if (spec->role == MQLW_ROLE_STAGE)
        add_stage_value_rows (self, c);
      else if (spec->type == MQLW_COLUMN_TYPE_BOOLEAN)
        add_blank_row (self, spec);
    }
  if (found == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No outcome column found"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Give a column the role Outcome or Lifecycle stage, or join a second file"));
      adw_preferences_group_add (self->outcome_group, row);
      g_ptr_array_add (self->outcome_rows, row);
    }
  self->syncing = FALSE;
}

/* ---- missing values ----------------------------------------------------- */

/* The placeholders the preview found (each column's missing_values in the
 * detected mapping) listed under the switch. */
static void
fill_missing (MqlwMappingPage *self)
{
  g_autoptr(GString) found = g_string_new (NULL);

  for (guint c = 0; c < self->preview->mapping->columns->len; c++)
    {
      const MqlwColumnSpec *spec = g_ptr_array_index (self->preview->mapping->columns, c);

      for (guint k = 0; spec->missing_values != NULL && spec->missing_values[k] != NULL; k++)
        {
          if (found->len > 0)
            g_string_append (found, ", ");
          /* Translators: a placeholder value and the column it was found in: “Select” in Industry. */
          g_string_append_printf (found, _("“%s” in %s"), spec->missing_values[k], spec->name);
        }
    }
  self->syncing = TRUE;
  gtk_switch_set_active (self->missing_switch, TRUE);
  self->syncing = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->missing_switch), found->len > 0);
  adw_action_row_set_subtitle (self->missing_row, found->len > 0 ? found->str : _("None found in this file"));
}

/* Off: every value reads as written; on: the placeholders found read as missing. */
static void
on_missing_switch_cb (GtkSwitch       *sw,
                      GParamSpec      *pspec,
                      MqlwMappingPage *self)
{
  gboolean active = gtk_switch_get_active (sw);

  if (self->syncing || self->mapping == NULL)
    return;
  for (guint c = 0; c < self->preview->mapping->columns->len; c++)
    {
      const MqlwColumnSpec *found = g_ptr_array_index (self->preview->mapping->columns, c);
      MqlwColumnSpec *spec = mqlw_mapping_get_column (self->mapping, found->name);

      if (spec == NULL)
        continue;
      g_strfreev (spec->missing_values);
      spec->missing_values = active ? g_strdupv (found->missing_values) : NULL;
    }
  self->mapping->detect_placeholders = FALSE;
}

/* ---- what needs attention first ------------------------------------------ */

/* Whether the preview warns that its dates read either way (3/4/2025). */
static gboolean
dates_unsure (MqlwMappingPage *self)
{
  for (guint i = 0; i < self->preview->problems->len; i++)
    {
      const MqlwProblem *problem = g_ptr_array_index (self->preview->problems, i);

      if (g_strcmp0 (problem->kind, "date-order") == 0)
        return TRUE;
    }
  return FALSE;
}

/* A file whose dates could be read day or month first has its Dates group
 * at the top of the side, marked, and scrolled to: at 1280×720 it sat below
 * the fold, under the outcomes, and a wrong order silently moves every
 * cohort. It stays first for this file once there (the layout does not jump
 * when the user picks an order); the mark goes when the warning does. */
static void
show_dates_attention (MqlwMappingPage *self)
{
  GtkWidget *dates = GTK_WIDGET (self->dates_group);
  GtkWidget *box = gtk_widget_get_parent (dates);
  gboolean unsure = dates_unsure (self);

  if (unsure && !self->dates_first)
    {
      self->dates_first = TRUE;
      gtk_box_reorder_child_after (GTK_BOX (box), dates, NULL);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->side_scroller), 0);
    }
  else if (!self->dates_first)
    gtk_box_reorder_child_after (GTK_BOX (box), dates, GTK_WIDGET (self->outcome_group));
  gtk_widget_set_visible (self->date_order_icon, unsure);
  if (unsure)
    gtk_widget_add_css_class (dates, "needs-attention");
  else
    gtk_widget_remove_css_class (dates, "needs-attention");
}

/* ---- problems ----------------------------------------------------------- */

static GPtrArray *problem_rows_of (MqlwMappingPage *self);

static void
fill_problems (MqlwMappingPage *self)
{
  GPtrArray *rows = problem_rows_of (self);
  guint n = self->preview->problems->len;

  show_dates_attention (self);

  clear_rows (self->problems_group, rows);
  for (guint i = 0; i < n && i < MAX_PROBLEMS; i++)
    {
      MqlwProblem *problem = g_ptr_array_index (self->preview->problems, i);
      g_autofree char *where = NULL;
      g_autofree char *line = mqlw_format_count (problem->line);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon;

      if (problem->line > 0 && problem->column != NULL)
        where = g_strdup_printf (_("Line %s, column %s"), line, problem->column);
      else if (problem->line > 0)
        where = g_strdup_printf (_("Line %s"), line);
      else if (problem->column != NULL)
        where = g_strdup_printf (_("Column %s"), problem->column);
      else
        where = g_strdup (_("Whole file"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), where);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), problem->message);
      icon = gtk_image_new_from_icon_name (problem->level == MQLW_PROBLEM_ERROR ? "dialog-error-symbolic"
                                                                                : "dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, problem->level == MQLW_PROBLEM_ERROR ? "error" : "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->problems_group, row);
      g_ptr_array_add (rows, row);
    }
  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

      gtk_widget_add_css_class (icon, "success");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No problems found"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->problems_group, row);
      g_ptr_array_add (rows, row);
    }
  else if (n > MAX_PROBLEMS)
    {
      g_autofree char *more = mqlw_format_count (n - MAX_PROBLEMS);
      g_autofree char *text = g_strdup_printf (_("And %s more"), more);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_preferences_group_add (self->problems_group, row);
      g_ptr_array_add (rows, row);
    }
}

static GPtrArray *
problem_rows_of (MqlwMappingPage *self)
{
  GPtrArray *rows = g_object_get_data (G_OBJECT (self), "problem-rows");

  if (rows == NULL)
    {
      rows = g_ptr_array_new ();
      g_object_set_data_full (G_OBJECT (self), "problem-rows", rows, (GDestroyNotify) g_ptr_array_unref);
    }
  return rows;
}

/* ---- join --------------------------------------------------------------- */

static void
on_join_chosen_cb (GtkNativeDialog *dialog,
                   int              response,
                   MqlwMappingPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      g_free (self->join_path);
      self->join_path = g_file_get_path (file);
      adw_action_row_set_subtitle (self->join_row, self->join_path);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose_join_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose the File With Outcomes"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_join_chosen_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- actions ------------------------------------------------------------ */

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  MqlwMappingPage *self = MQLW_MAPPING_PAGE (widget);
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->join_key_row));

  if (self->mapping == NULL)
    return;
  if (self->join_path != NULL && key[0] != '\0')
    {
      MqlwJoinSpec *join;

      g_ptr_array_set_size (self->mapping->joins, 0);
      join = mqlw_mapping_add_join (self->mapping, MQLW_JOIN_OUTCOME, self->join_path, key, NULL);
      join->stage = adw_combo_row_get_selected (self->join_stage_row);
    }
  g_signal_emit (self, signals[IMPORT], 0);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  g_signal_emit (widget, signals[CANCEL], 0);
}

/* ---- GObject ------------------------------------------------------------ */

static void
mqlw_mapping_page_dispose (GObject *object)
{
  MqlwMappingPage *self = (MqlwMappingPage *) object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), MQLW_TYPE_MAPPING_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (mqlw_mapping_page_parent_class)->dispose (object);
}

static void
mqlw_mapping_page_finalize (GObject *object)
{
  MqlwMappingPage *self = (MqlwMappingPage *) object;

  g_clear_pointer (&self->preview, mqlw_csv_preview_free);
  g_clear_pointer (&self->mapping, mqlw_mapping_free);
  g_clear_pointer (&self->dynamic_rows, g_ptr_array_unref);
  g_clear_pointer (&self->outcome_rows, g_ptr_array_unref);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->kept_blanks, g_hash_table_unref);
  g_free (self->path);
  g_free (self->join_path);

  G_OBJECT_CLASS (mqlw_mapping_page_parent_class)->finalize (object);
}

/* Shown, the page gives the keyboard to Import (Enter imports, Tab walks
 * on to the columns): the start page's button that had it is gone. */
static void
mqlw_mapping_page_map (GtkWidget *widget)
{
  MqlwMappingPage *self = MQLW_MAPPING_PAGE (widget);

  GTK_WIDGET_CLASS (mqlw_mapping_page_parent_class)->map (widget);
  gtk_widget_grab_focus (self->import_button);
}

static void
mqlw_mapping_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MqlwMappingPage *self = MQLW_MAPPING_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, self->undo->len > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mqlw_mapping_page_class_init (MqlwMappingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mqlw_mapping_page_dispose;
  object_class->finalize = mqlw_mapping_page_finalize;
  object_class->get_property = mqlw_mapping_page_get_property;
  widget_class->map = mqlw_mapping_page_map;

  /* Whether mapping.undo has a change to take back (the window's Undo follows it). */
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[IMPORT] = g_signal_new ("import", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CANCEL] = g_signal_new ("cancel", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A change that what the page shows from the file depends on (the problems). */
  signals[MAPPING_CHANGED] = g_signal_new ("mapping-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mqlworkbench/Workbench/mqlw-mapping-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MqlwMappingPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, MqlwMappingPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MqlwMappingPage, rows_view);
  gtk_widget_class_bind_template_child (widget_class, MqlwMappingPage, columns_group);
  gtk_widget_class_bind_template_child (widget_class, MqlwMappingPage, outcome_group);
  gtk_widget_class_bind_template_child (widget_class, MqlwMappingPage, problems_group);
  gtk_widget_class_bind_template_child (widget_class, MqlwMappingPage, dates_group);
  gtk_widget_class_bind_template_child (widget_class, MqlwMappingPage, side_scroller);
  gtk_widget_class_bind_template_child (widget_class, MqlwMappingPage, date_order_icon);
  gtk_widget_class_bind_template_child (widget_class, MqlwMappingPage, date_order_row);
  gtk_widget_class_bind_template_callback (widget_class, on_date_order_cb);
  gtk_widget_class_bind_template_child (widget_class, MqlwMappingPage, missing_row);
  gtk_widget_class_bind_template_child (widget_class, MqlwMappingPage, missing_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_missing_switch_cb);
  gtk_widget_class_bind_template_child (widget_class, MqlwMappingPage, join_row);
  gtk_widget_class_bind_template_child (widget_class, MqlwMappingPage, join_key_row);
  gtk_widget_class_bind_template_child (widget_class, MqlwMappingPage, join_stage_row);
  gtk_widget_class_bind_template_child (widget_class, MqlwMappingPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwMappingPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwMappingPage, join_button);
  gtk_widget_class_install_action (widget_class, "mapping.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "mapping.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "mapping.choose-join", NULL, choose_join_action);
  gtk_widget_class_install_action (widget_class, "mapping.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "mapping.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "mapping.cancel", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mappingpage");
}

static void
mqlw_mapping_page_init (MqlwMappingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->dynamic_rows = g_ptr_array_new ();
  self->outcome_rows = g_ptr_array_new ();
  self->undo = g_ptr_array_new_with_free_func (mapping_undo_free);
  self->kept_blanks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.undo", FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rows_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("First rows of the file"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->join_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose the file with outcomes"), -1);
}

void
mqlw_mapping_page_set_preview (MqlwMappingPage *self,
                               const char      *path,
                               MqlwCsvPreview  *preview)
{
  g_autofree char *base = NULL;
  g_autofree char *title = NULL;
  g_autofree char *rows = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  const char *delimiter;

  g_return_if_fail (MQLW_IS_MAPPING_PAGE (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (preview != NULL);

  g_clear_pointer (&self->preview, mqlw_csv_preview_free);
  g_clear_pointer (&self->mapping, mqlw_mapping_free);
  g_free (self->path);
  self->path = g_strdup (path);
  self->preview = preview;
  self->mapping = preview->mapping != NULL ? mqlw_mapping_copy (preview->mapping) : mqlw_mapping_new ();
  g_clear_pointer (&self->join_path, g_free);
  g_ptr_array_set_size (self->undo, 0);
  g_hash_table_remove_all (self->kept_blanks);
  self->kept_date_order = MQLW_DATE_ORDER_AUTO;
  self->dates_first = FALSE;
  undo_changed (self);
  adw_action_row_set_subtitle (self->join_row, _("None: e.g. an export of opportunities by lead id"));

  base = g_path_get_basename (path);
  title = g_strdup_printf (_("Map the Columns of “%s”"), base);
  gtk_label_set_text (self->title_label, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), path);   /* the title is cut in the middle */
  rows = mqlw_format_count (preview->n_rows);
  delimiter = preview->delimiter == '\t' ? _("tab") : preview->delimiter == ';' ? _("semicolon") :
              preview->delimiter == '|' ? _("bar") : _("comma");
  {
    guint n_columns = g_strv_length (preview->header);
    g_autofree char *lead_part = g_strdup_printf (g_dngettext (NULL, "%s lead", "%s leads", (gulong) preview->n_rows),
                                                  rows);
    g_autofree char *column_part = g_strdup_printf (g_dngettext (NULL, "%u column", "%u columns", n_columns), n_columns);

    /* TRANSLATORS: "10 000 leads · 14 columns · separated by comma" */
    g_string_append_printf (summary, _("%s · %s · separated by %s"), lead_part, column_part, delimiter);
  }
  if (preview->converted_from_cp1252)
    g_string_append (summary, _(" · read as Windows-1252 text"));
  if (preview->converted_from_utf16)
    g_string_append (summary, _(" · read as UTF-16 text"));
  gtk_label_set_text (self->summary_label, summary->str);

  fill_rows_view (self);
  fill_columns (self);
  fill_outcomes (self);
  fill_dates (self);
  fill_missing (self);
  fill_problems (self);
}

void
mqlw_mapping_page_update_problems (MqlwMappingPage *self,
                                   MqlwCsvPreview  *preview)
{
  g_autoptr(MqlwCsvPreview) owned = preview;

  g_return_if_fail (MQLW_IS_MAPPING_PAGE (self));
  g_return_if_fail (preview != NULL);

  if (self->preview == NULL)
    return;
  /* The detected mapping stays the first preview's: the subtitles say what was detected. */
  g_ptr_array_unref (self->preview->problems);
  self->preview->problems = g_steal_pointer (&owned->problems);
  fill_problems (self);
}

const char *
mqlw_mapping_page_get_path (MqlwMappingPage *self)
{
  g_return_val_if_fail (MQLW_IS_MAPPING_PAGE (self), NULL);
  return self->path;
}

const MqlwMapping *
mqlw_mapping_page_get_mapping (MqlwMappingPage *self)
{
  g_return_val_if_fail (MQLW_IS_MAPPING_PAGE (self), NULL);
  return self->mapping;
}

void
mqlw_mapping_page_set_column (MqlwMappingPage *self,
                              const char      *name,
                              MqlwColumnType   type,
                              MqlwColumnRole   role,
                              MqlwStage        stage)
{
  MqlwColumnSpec *spec;

  g_return_if_fail (MQLW_IS_MAPPING_PAGE (self));
  g_return_if_fail (name != NULL);

  if (self->mapping == NULL)
    return;
  spec = mqlw_mapping_set_column (self->mapping, name);
  spec->type = type;
  spec->role = role;
  spec->stage = stage;
  spec->type_set = TRUE;
  spec->role_set = TRUE;
  fill_outcomes (self);
}

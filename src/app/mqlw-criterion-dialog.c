/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-criterion-dialog"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "mqlw-criterion-dialog.h"

/* The picker lists at most this many of a column's values. */
#define MAX_PICK_VALUES 200

struct _MqlwCriterionDialog
{
  AdwMessageDialog   parent_instance;

  MqlwWorkbench     *workbench;
  MqlwCriterionKind  kind;
  char              *edit_id;    /* NULL when adding */
  GPtrArray         *fields;     /* column names, index for index with the field row */
  gboolean           syncing;

  /* template; the rows this kind has no use for are removed (and NULL) */
  GtkListBox        *list;
  GtkWidget         *label_row;
  GtkWidget         *field_row;
  GtkWidget         *op_row;
  GtkWidget         *values_row;
  GtkWidget         *values_button;
  GtkWidget         *values_list;   /* the categorical column's values to pick from */
  GtkWidget         *points_row;
  GtkWidget         *points_spin;
  GtkWidget         *cap_row;
  GtkWidget         *cap_spin;
};

G_DEFINE_FINAL_TYPE (MqlwCriterionDialog, mqlw_criterion_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  SIGNAL_EDITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The condition row's items, in order. */
static const MqlwMatchOp dialog_ops[] = {
  MQLW_MATCH_EQUALS, MQLW_MATCH_IN_SET, MQLW_MATCH_RANGE, MQLW_MATCH_EMAIL_DOMAIN, MQLW_MATCH_MISSING,
  MQLW_MATCH_NOT_IN, MQLW_MATCH_CONTAINS,
};

/* ---- values ------------------------------------------------------------- */

/* "10–200", "10 to 200", "-30..-10", "–5" (up to 5), "5–" (5 and more). */
static void
parse_range (const char *text,
             double     *min,
             double     *max)
{
  static const char *separators[] = { "..", "\u2013", " to ", NULL };
  g_autofree char *lo = NULL;
  const char *hi = NULL;

  *min = *max = NAN;
  for (guint i = 0; separators[i] != NULL && hi == NULL; i++)
    {
      const char *at = strstr (text, separators[i]);
      if (at != NULL)
        {
          lo = g_strndup (text, at - text);
          hi = at + strlen (separators[i]);
        }
    }
  if (hi == NULL)
    {
      /* A plain hyphen after the first number: "10-200", "-30--10". */
      for (const char *p = text + 1; *p != '\0' && hi == NULL; p++)
        if (*p == '-' && (g_ascii_isdigit (p[-1]) || p[-1] == ' '))
          {
            lo = g_strndup (text, p - text);
            hi = p + 1;
          }
    }
  if (hi == NULL)
    {
      lo = g_strdup (text);
      hi = "";
    }
  g_strstrip (lo);
  if (lo[0] != '\0')
    *min = g_ascii_strtod (lo, NULL);
  while (*hi == ' ')
    hi++;
  if (*hi != '\0')
    *max = g_ascii_strtod (hi, NULL);
}

static void
fill_match (MqlwMatch  *match,
            const char *field,
            MqlwMatchOp op,
            const char *values)
{
  g_free (match->field);
  match->field = g_strdup (field);
  match->op = op;
  g_clear_pointer (&match->values, g_strfreev);
  match->min = match->max = NAN;
  if (op == MQLW_MATCH_RANGE)
    parse_range (values, &match->min, &match->max);
  else if (op != MQLW_MATCH_MISSING)
    {
      g_auto(GStrv) parts = g_strsplit (values, ",", -1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; parts[i] != NULL; i++)
        if (g_strstrip (parts[i])[0] != '\0')
          g_strv_builder_add (builder, parts[i]);
      match->values = g_strv_builder_end (builder);
    }
}

static char *
format_match_values (const MqlwMatch *match)
{
  if (match->op == MQLW_MATCH_RANGE)
    {
      char lo[G_ASCII_DTOSTR_BUF_SIZE] = "", hi[G_ASCII_DTOSTR_BUF_SIZE] = "";

      if (!isnan (match->min))
        g_ascii_formatd (lo, sizeof lo, "%g", match->min);
      if (!isnan (match->max))
        g_ascii_formatd (hi, sizeof hi, "%g", match->max);
      return g_strdup_printf ("%s\u2013%s", lo, hi);
    }
  if (match->values == NULL)
    return g_strdup ("");
  return g_strjoinv (", ", match->values);
}

static const char *
get_selected_field (MqlwCriterionDialog *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->field_row));

  return selected < self->fields->len ? g_ptr_array_index (self->fields, selected) : NULL;
}

/* ---- the value picker --------------------------------------------------- */

static void
on_value_toggled_cb (GtkCheckButton      *check,
                     MqlwCriterionDialog *self)
{
  const char *value = g_object_get_data (G_OBJECT (check), "value");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->values_row));
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) values = NULL;
  g_autofree char *joined = NULL;

  if (self->syncing)
    return;
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_strstrip (parts[i])[0] != '\0' && g_ascii_strcasecmp (parts[i], value) != 0)
      g_strv_builder_add (builder, parts[i]);
  if (gtk_check_button_get_active (check))
    g_strv_builder_add (builder, value);
  values = g_strv_builder_end (builder);
  joined = g_strjoinv (", ", values);
  gtk_editable_set_text (GTK_EDITABLE (self->values_row), joined);
  /* One value is "equals"; several are "is one of". */
  if (adw_combo_row_get_selected (ADW_COMBO_ROW (self->op_row)) <= 1)
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->op_row), g_strv_length (values) > 1 ? 1 : 0);
}

/* The picker lists the field's distinct values (its dictionary), for display only. */
static void
fill_value_picker (MqlwCriterionDialog *self)
{
  MqlwDataset *dataset = mqlw_workbench_get_dataset (self->workbench);
  const char *field = get_selected_field (self);
  MqlwColumn *column = dataset != NULL && field != NULL ? mqlw_dataset_get_column (dataset, field) : NULL;
  gboolean categorical = column != NULL && column->type == MQLW_COLUMN_TYPE_CATEGORICAL && column->dict != NULL;
  g_auto(GStrv) parts = NULL;
  GtkWidget *child;

  if (self->values_list == NULL)
    return;
  while ((child = gtk_widget_get_first_child (self->values_list)))
    gtk_list_box_remove (GTK_LIST_BOX (self->values_list), child);
  gtk_widget_set_visible (self->values_button, categorical);
  if (!categorical)
    return;
  parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->values_row)), ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    g_strstrip (parts[i]);

  self->syncing = TRUE;
  for (guint i = 0; i < column->dict->len && i < MAX_PICK_VALUES; i++)
    {
      const char *value = g_ptr_array_index (column->dict, i);
      GtkWidget *check = gtk_check_button_new_with_label (value);
      gboolean chosen = FALSE;

      for (guint k = 0; parts[k] != NULL && !chosen; k++)
        chosen = g_ascii_strcasecmp (parts[k], value) == 0;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), chosen);
      g_object_set_data_full (G_OBJECT (check), "value", g_strdup (value), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_value_toggled_cb), self);
      gtk_list_box_append (GTK_LIST_BOX (self->values_list), check);
    }
  self->syncing = FALSE;
}

static void
on_field_selected_cb (AdwComboRow         *row,
                      GParamSpec          *pspec,
                      MqlwCriterionDialog *self)
{
  if (!self->syncing)
    fill_value_picker (self);
}

/* ---- saving ------------------------------------------------------------- */

static void
report_error (MqlwCriterionDialog *self,
              const GError        *error)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GtkWidget *dialog = adw_message_dialog_new (parent, _("Could Not Change the Model"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The criterion as the rows describe it, written into @copy; returns its name. */
static const char *
write_criterion (MqlwCriterionDialog *self,
                 MqlwModel           *copy,
                 const char          *field)
{
  const char *label = gtk_editable_get_text (GTK_EDITABLE (self->label_row));
  const char *values = self->values_row != NULL ? gtk_editable_get_text (GTK_EDITABLE (self->values_row)) : "";
  MqlwMatchOp op = self->op_row != NULL ? dialog_ops[adw_combo_row_get_selected (ADW_COMBO_ROW (self->op_row))] : 0;
  double points = self->points_spin != NULL ? gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->points_spin)) : 0;
  const char *name = label[0] ? label : field;
  g_autofree char *id = NULL;

  if (self->edit_id != NULL && mqlw_model_find_criterion (copy, self->kind, self->edit_id, NULL))
    id = g_strdup (self->edit_id);
  else
    {
      id = mqlw_model_make_criterion_id (copy, name);
      if (self->kind == MQLW_CRITERION_FIT)
        mqlw_model_add_fit (copy, id, field, op, points);
      else if (self->kind == MQLW_CRITERION_BEHAVIOUR)
        mqlw_model_add_behaviour (copy, id, field, points, NAN);
      else
        mqlw_model_add_disqualifier (copy, id, "other", field, op);
    }
  mqlw_model_set_criterion_label (copy, self->kind, id, name);
  if (self->kind == MQLW_CRITERION_BEHAVIOUR)
    {
      double cap = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->cap_spin));

      mqlw_model_set_criterion_activity (copy, self->kind, id, field);
      mqlw_model_set_criterion_cap (copy, self->kind, id, cap > 0 ? cap : NAN);
    }
  else
    {
      MqlwMatch match = { 0 };

      fill_match (&match, field, op, values);
      mqlw_model_set_criterion_match (copy, self->kind, id, &match);
      g_free (match.field);
      g_strfreev (match.values);
    }
  if (self->kind != MQLW_CRITERION_DISQUALIFIER)
    mqlw_model_set_criterion_points (copy, self->kind, id, points);
  return name;
}

static void
on_response_cb (MqlwCriterionDialog *self,
                const char          *response)
{
  MqlwModel *model = mqlw_workbench_get_model (self->workbench);
  const char *field = get_selected_field (self);
  g_autoptr(MqlwModel) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (!g_str_equal (response, "save") || field == NULL || model == NULL)
    return;
  copy = mqlw_model_copy (model);
  name = g_strdup (write_criterion (self, copy, field));
  if (mqlw_model_equal (copy, model))
    return;
  if (!mqlw_workbench_apply_model (self->workbench, copy, MQLW_WORKBENCH_CHANGED_STRUCTURE, &error))
    report_error (self, error);
  else if (self->edit_id != NULL)
    g_signal_emit (self, signals[SIGNAL_EDITED], 0, name);
}

/* ---- filling the rows --------------------------------------------------- */

static gboolean
fits_kind (MqlwCriterionKind  kind,
           MqlwColumn        *column)
{
  if (kind == MQLW_CRITERION_BEHAVIOUR)
    return column->role == MQLW_ROLE_ACTIVITY_COUNT;
  return column->role != MQLW_ROLE_OUTCOME && column->role != MQLW_ROLE_STAGE &&
         column->role != MQLW_ROLE_IGNORE;
}

static void
remove_row (MqlwCriterionDialog  *self,
            GtkWidget           **row)
{
  gtk_list_box_remove (self->list, *row);
  *row = NULL;
}

/* Only the rows of this kind stay: a behaviour has no condition, a disqualifier no points. */
static void
shape_for_kind (MqlwCriterionDialog *self)
{
  const char *heading;

  if (self->edit_id != NULL)
    heading = self->kind == MQLW_CRITERION_FIT ? _("Edit the Fit Criterion") :
              self->kind == MQLW_CRITERION_BEHAVIOUR ? _("Edit the Behaviour Criterion") : _("Edit the Disqualifier");
  else
    heading = self->kind == MQLW_CRITERION_FIT ? _("Add a Fit Criterion") :
              self->kind == MQLW_CRITERION_BEHAVIOUR ? _("Add a Behaviour Criterion") : _("Add a Disqualifier");
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  if (self->edit_id != NULL)
    adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "save", _("_Save"));

  if (self->kind == MQLW_CRITERION_BEHAVIOUR)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->field_row), _("Activity"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->points_row), _("Points per occurrence"));
      remove_row (self, &self->op_row);
      remove_row (self, &self->values_row);
      self->values_button = self->values_list = NULL;
    }
  else
    remove_row (self, &self->cap_row), self->cap_spin = NULL;
  if (self->kind == MQLW_CRITERION_DISQUALIFIER)
    remove_row (self, &self->points_row), self->points_spin = NULL;
}

/* The history's columns that suit the kind, each with its type. */
static void
fill_fields (MqlwCriterionDialog *self,
             MqlwDataset         *dataset,
             const char          *field)
{
  g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);

  for (guint i = 0; i < dataset->columns->len; i++)
    {
      MqlwColumn *column = g_ptr_array_index (dataset->columns, i);
      g_autofree char *text = NULL;

      if (!fits_kind (self->kind, column) && g_strcmp0 (column->name, field) != 0)
        continue;
      /* Translators: a column and its type, "seniority · categorical" */
      text = g_strdup_printf (_("%s · %s"), column->name, _(mqlw_column_type_to_string (column->type)));
      gtk_string_list_append (fields, text);
      g_ptr_array_add (self->fields, g_strdup (column->name));
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (self->field_row), G_LIST_MODEL (fields));
  for (guint i = 0; field != NULL && i < self->fields->len; i++)
    if (g_str_equal (g_ptr_array_index (self->fields, i), field))
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->field_row), i);
}

/* The rows show the criterion being edited (@edited), or the defaults. */
static void
fill_rows (MqlwCriterionDialog *self,
           const MqlwCriterion *edited)
{
  if (edited != NULL && edited->label != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->label_row), edited->label);
  if (self->op_row != NULL && edited != NULL && edited->match != NULL)
    {
      g_autofree char *text = format_match_values (edited->match);

      for (guint i = 0; i < G_N_ELEMENTS (dialog_ops); i++)
        if (dialog_ops[i] == edited->match->op)
          adw_combo_row_set_selected (ADW_COMBO_ROW (self->op_row), i);
      gtk_editable_set_text (GTK_EDITABLE (self->values_row), text);
    }
  if (self->points_spin != NULL)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->points_spin), edited != NULL ? edited->points : 0);
  if (self->cap_spin != NULL)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->cap_spin),
                               edited != NULL && !isnan (edited->cap) ? edited->cap : 0);
}

/* ---- GObject ------------------------------------------------------------ */

static void
mqlw_criterion_dialog_dispose (GObject *object)
{
  MqlwCriterionDialog *self = MQLW_CRITERION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MQLW_TYPE_CRITERION_DIALOG);
  g_clear_object (&self->workbench);
  G_OBJECT_CLASS (mqlw_criterion_dialog_parent_class)->dispose (object);
}

static void
mqlw_criterion_dialog_finalize (GObject *object)
{
  MqlwCriterionDialog *self = MQLW_CRITERION_DIALOG (object);

  g_free (self->edit_id);
  g_ptr_array_unref (self->fields);
  G_OBJECT_CLASS (mqlw_criterion_dialog_parent_class)->finalize (object);
}

static void
mqlw_criterion_dialog_class_init (MqlwCriterionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mqlw_criterion_dialog_dispose;
  object_class->finalize = mqlw_criterion_dialog_finalize;

  /* An existing criterion was changed; @name is what it is called now. */
  signals[SIGNAL_EDITED] = g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mqlworkbench/Workbench/mqlw-criterion-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MqlwCriterionDialog, list);
  gtk_widget_class_bind_template_child (widget_class, MqlwCriterionDialog, label_row);
  gtk_widget_class_bind_template_child (widget_class, MqlwCriterionDialog, field_row);
  gtk_widget_class_bind_template_child (widget_class, MqlwCriterionDialog, op_row);
  gtk_widget_class_bind_template_child (widget_class, MqlwCriterionDialog, values_row);
  gtk_widget_class_bind_template_child (widget_class, MqlwCriterionDialog, values_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwCriterionDialog, values_list);
  gtk_widget_class_bind_template_child (widget_class, MqlwCriterionDialog, points_row);
  gtk_widget_class_bind_template_child (widget_class, MqlwCriterionDialog, points_spin);
  gtk_widget_class_bind_template_child (widget_class, MqlwCriterionDialog, cap_row);
  gtk_widget_class_bind_template_child (widget_class, MqlwCriterionDialog, cap_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_field_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_response_cb);
}

static void
mqlw_criterion_dialog_init (MqlwCriterionDialog *self)
{
  /* Quiet until filled: setting the field list selects a field. */
  self->syncing = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->fields = g_ptr_array_new_with_free_func (g_free);
}

MqlwCriterionDialog *
mqlw_criterion_dialog_new (GtkWindow         *parent,
                           MqlwWorkbench     *workbench,
                           MqlwCriterionKind  kind,
                           const char        *edit_id)
{
  MqlwDataset *dataset;
  MqlwModel *model;
  MqlwCriterionDialog *self;
  MqlwCriterion edited;
  gboolean found = FALSE, editing = FALSE;

  g_return_val_if_fail (MQLW_IS_WORKBENCH (workbench), NULL);

  dataset = mqlw_workbench_get_dataset (workbench);
  model = mqlw_workbench_get_model (workbench);
  if (dataset == NULL || model == NULL)
    return NULL;
  if (edit_id != NULL)
    {
      if (!mqlw_model_find_criterion (model, MQLW_CRITERION_ANY, edit_id, &edited))
        return NULL;
      kind = edited.kind;
      found = TRUE;
      editing = edited.column != NULL;
    }

  self = g_object_new (MQLW_TYPE_CRITERION_DIALOG, "transient-for", parent, NULL);
  self->workbench = g_object_ref (workbench);
  self->kind = kind;
  self->edit_id = editing ? g_strdup (edit_id) : NULL;
  shape_for_kind (self);
  fill_fields (self, dataset, editing ? edited.column : NULL);
  fill_rows (self, found ? &edited : NULL);
  self->syncing = FALSE;
  fill_value_picker (self);
  return self;
}

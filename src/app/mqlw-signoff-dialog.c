/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-signoff-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mqlw-background.h"
#include "mqlw-format.h"
#include "mqlw-signature-list.h"
#include "mqlw-signer-group.h"
#include "mqlw-signoff-dialog.h"
#include "mqlw-toast.h"

struct _MqlwSignoffDialog
{
  AdwWindow           parent_instance;

  MqlwProjectSession *session;
  MqlwWorkbench      *workbench;
  MqlwSignoff        *signoff;
  GCancellable       *cancellable;
  char               *blocker;
  char               *file_path;     /* an opened agreed-model file: signatures go there */
  gboolean            review_touched;
  gboolean            syncing;

  /* template */
  AdwToastOverlay    *toast_overlay;
  char               *toast;
  GtkWidget          *cancel_button;
  GtkWidget          *sign_button;
  GtkSpinner         *sign_spinner;
  GtkLabel           *sign_label;
  AdwPreferencesPage *page;
  AdwPreferencesGroup *signed_group;
  GtkLabel           *digest_label;
  GtkLabel           *model_label;
  GtkGrid            *summary_grid;
  GtkListBox         *approver_list;
  GtkLabel           *blocker_label;
  GtkWidget          *add_button;
  AdwEntryRow        *notes_row;
  GtkMenuButton      *signed_on_button;
  GtkCalendar        *signed_on_calendar;
  GtkMenuButton      *review_on_button;
  GtkCalendar        *review_on_calendar;
  MqlwSignatureList  *signature_list;
  MqlwSignerGroup    *signer_group;
};

enum {
  SIGNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MqlwSignoffDialog, mqlw_signoff_dialog, ADW_TYPE_WINDOW)

static void
label_widget (GtkWidget  *widget,
              const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* ---- approvers ---------------------------------------------------------- */

typedef struct {
  GtkEntry    *name;
  GtkEntry    *role;
  GtkDropDown *team;
} ApproverRow;

static ApproverRow *
get_row_widgets (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "approver");
}

static MqlwTeam
team_of (ApproverRow *widgets)
{
  return gtk_drop_down_get_selected (widgets->team) == 1 ? MQLW_TEAM_SALES : MQLW_TEAM_MARKETING;
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* Why the Sign button is insensitive, in the words the person needs. */
static char *
find_blocker (MqlwSignoffDialog *self)
{
  gboolean marketing = FALSE, sales = FALSE, blank = FALSE;
  guint rows = 0;

  if (self->signoff != NULL)
    return g_strdup (mqlw_signer_group_get_blocker (self->signer_group));
  if (!mqlw_workbench_has_data (self->workbench))
    return g_strdup (_("Import a lead history first: a sign-off covers the model and its figures on the data."));
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->approver_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      ApproverRow *w = get_row_widgets (row);

      if (w == NULL)
        continue;
      rows++;
      if (is_blank (gtk_editable_get_text (GTK_EDITABLE (w->name))))
        {
          blank = TRUE;
          continue;
        }
      if (team_of (w) == MQLW_TEAM_SALES)
        sales = TRUE;
      else
        marketing = TRUE;
    }
  if (rows == 0 || (!marketing && !sales))
    return g_strdup (_("Add at least one approver from marketing and one from sales to sign."));
  if (!marketing)
    return g_strdup (_("Name an approver from marketing: both teams sign the definition."));
  if (!sales)
    return g_strdup (_("Name an approver from sales: both teams sign the definition."));
  if (blank)
    return g_strdup (_("Every approver needs a name; fill it in or remove the row."));
  return g_strdup (mqlw_signer_group_get_blocker (self->signer_group));
}

/* The named approvers of the rows, as typed. */
static GPtrArray *
collect_approvers (MqlwSignoffDialog *self)
{
  GPtrArray *approvers = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_approver_free);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->approver_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      ApproverRow *w = get_row_widgets (row);
      g_autofree char *name = NULL, *role = NULL;

      if (w == NULL)
        continue;
      name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (w->name))));
      role = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (w->role))));
      if (*name != '\0')
        g_ptr_array_add (approvers, mqlw_approver_new (name, role, team_of (w)));
    }
  return approvers;
}

/* Who may sign at this keyboard: every named approver before the sign-off,
 * then those who have not signed. */
static void
update_candidates (MqlwSignoffDialog *self)
{
  g_autoptr(GPtrArray) candidates = NULL;

  if (self->signoff != NULL)
    candidates = mqlw_signoff_unsigned_approvers (self->signoff);
  else
    candidates = collect_approvers (self);
  mqlw_signer_group_set_candidates (self->signer_group, candidates);
}

static void
update_sign_state (MqlwSignoffDialog *self)
{
  gboolean busy = gtk_widget_get_visible (GTK_WIDGET (self->sign_spinner));

  g_free (self->blocker);
  self->blocker = find_blocker (self);
  gtk_label_set_text (self->blocker_label, self->blocker != NULL ? self->blocker : "");
  gtk_widget_set_visible (GTK_WIDGET (self->blocker_label), self->blocker != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signoff.sign", self->blocker == NULL && !busy);
  gtk_widget_set_tooltip_text (self->sign_button, self->blocker != NULL ? self->blocker :
                               self->signoff == NULL ? _("Sign the model for both teams, with your key")
                                                     : _("Add your signature with your key"));
}

static void
on_row_changed_cb (MqlwSignoffDialog *self)
{
  if (self->signoff == NULL)
    update_candidates (self);
  update_sign_state (self);
}

static void
on_signer_changed_cb (MqlwSignoffDialog *self)
{
  update_sign_state (self);
}

static void
on_remove_clicked_cb (GtkButton *button,
                      gpointer   user_data)
{
  MqlwSignoffDialog *self = MQLW_SIGNOFF_DIALOG (user_data);
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  gtk_list_box_remove (self->approver_list, row);
  on_row_changed_cb (self);
}

/* A name or role longer than its field scrolls inside it: the whole text
 * in the field's tooltip (the signed file has it whole too). */
static void
on_entry_text_cb (GtkEditable *editable,
                  GParamSpec  *pspec,
                  gpointer     user_data)
{
  const char *text = gtk_editable_get_text (editable);

  gtk_widget_set_tooltip_text (GTK_WIDGET (editable), text != NULL && *text != '\0' ? text : NULL);
}

static GtkEntry *
approver_entry (const char *placeholder,
                const char *label)
{
  GtkEntry *entry = GTK_ENTRY (gtk_entry_new ());

  gtk_entry_set_activates_default (entry, TRUE);
  gtk_entry_set_placeholder_text (entry, placeholder);
  gtk_widget_set_hexpand (GTK_WIDGET (entry), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 10);
  label_widget (GTK_WIDGET (entry), label);
  g_signal_connect (entry, "notify::text", G_CALLBACK (on_entry_text_cb), NULL);
  return entry;
}

static GtkWidget *
append_approver_row (MqlwSignoffDialog *self,
                     MqlwTeam           team)
{
  static const char *teams[] = { N_("Marketing"), N_("Sales"), NULL };
  const char *team_labels[] = { _(teams[0]), _(teams[1]), NULL };
  ApproverRow *w = g_new0 (ApproverRow, 1);
  GtkWidget *row, *box, *line, *remove;

  /* The name over the role, beside the team: one line of the clamp left the
   * role about 24 characters ("Head of Sales Development, EM…"). */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  line = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_hexpand (line, TRUE);

  w->name = approver_entry (_("Name"), _("Approver’s name"));
  w->role = approver_entry (_("Role, e.g. VP Sales"), _("Approver’s role"));
  w->team = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (team_labels));
  gtk_drop_down_set_selected (w->team, team == MQLW_TEAM_SALES ? 1 : 0);
  gtk_widget_set_size_request (GTK_WIDGET (w->team), 120, -1);
  label_widget (GTK_WIDGET (w->team), _("Approver’s team"));
  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove this approver"));
  label_widget (remove, _("Remove this approver"));

  gtk_widget_set_valign (GTK_WIDGET (w->team), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (w->name));
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (w->role));
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->team));
  gtk_box_append (GTK_BOX (box), remove);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "approver", w, g_free);

  g_signal_connect_swapped (w->name, "changed", G_CALLBACK (on_row_changed_cb), self);
  g_signal_connect_swapped (w->role, "changed", G_CALLBACK (on_row_changed_cb), self);
  g_signal_connect_swapped (w->team, "notify::selected", G_CALLBACK (on_row_changed_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  gtk_list_box_append (self->approver_list, row);
  on_row_changed_cb (self);
  return row;
}

static void
add_approver_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  MqlwSignoffDialog *self = MQLW_SIGNOFF_DIALOG (widget);
  gboolean marketing = FALSE;
  GtkWidget *row;

  /* The second row defaults to the other team. */
  for (GtkWidget *r = gtk_widget_get_first_child (GTK_WIDGET (self->approver_list)); r; r = gtk_widget_get_next_sibling (r))
    if (get_row_widgets (r) != NULL && team_of (get_row_widgets (r)) == MQLW_TEAM_MARKETING)
      marketing = TRUE;
  row = append_approver_row (self, marketing ? MQLW_TEAM_SALES : MQLW_TEAM_MARKETING);
  gtk_widget_grab_focus (GTK_WIDGET (get_row_widgets (row)->name));
}

/* ---- dates -------------------------------------------------------------- */

static void
get_calendar_date (GtkCalendar *calendar,
                   GDate       *date)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (calendar);

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
}

static void
set_calendar_date (GtkCalendar *calendar,
                   const GDate *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                   g_date_get_day (date), 12, 0, 0);

  gtk_calendar_select_day (calendar, dt);
}

static void
show_date (GtkMenuButton *button,
           GtkCalendar   *calendar)
{
  GDate date;
  char text[64];

  get_calendar_date (calendar, &date);
  g_date_strftime (text, sizeof text, "%-e %B %Y", &date);
  gtk_menu_button_set_label (button, g_strstrip (text));
}

static void
on_signed_on_changed_cb (MqlwSignoffDialog *self)
{
  show_date (self->signed_on_button, self->signed_on_calendar);
  if (!self->review_touched)
    {
      GDate date;

      get_calendar_date (self->signed_on_calendar, &date);
      g_date_add_months (&date, 3);
      self->syncing = TRUE;
      set_calendar_date (self->review_on_calendar, &date);
      self->syncing = FALSE;
      show_date (self->review_on_button, self->review_on_calendar);
    }
}

static void
on_review_on_changed_cb (MqlwSignoffDialog *self)
{
  if (!self->syncing)
    self->review_touched = TRUE;
  show_date (self->review_on_button, self->review_on_calendar);
}

/* ---- summary ------------------------------------------------------------ */

static void
rate_from_json (JsonObject *preview,
                const char *stage,
                MqlwRate   *rate)
{
  JsonNode *node = json_object_get_member (preview, stage);
  JsonObject *object;

  memset (rate, 0, sizeof *rate);
  rate->rate = rate->ci_low = rate->ci_high = NAN;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  object = json_node_get_object (node);
  rate->present = TRUE;
  rate->known = (guint64) json_object_get_int_member_with_default (object, "known", 0);
  rate->reached = (guint64) json_object_get_int_member_with_default (object, "reached", 0);
  rate->rate = json_object_get_double_member_with_default (object, "rate", NAN);
  rate->ci_low = json_object_get_double_member_with_default (object, "ci_low", NAN);
  rate->ci_high = json_object_get_double_member_with_default (object, "ci_high", NAN);
}

static void
add_summary_figure (MqlwSignoffDialog *self,
                    int                column,
                    const char        *title,
                    const char        *value,
                    const char        *name)
{
  GtkWidget *caption = gtk_label_new (title);
  GtkWidget *figure = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_xalign (GTK_LABEL (figure), 0);
  gtk_widget_add_css_class (caption, "figure-title");
  gtk_widget_add_css_class (figure, "figure-value");
  gtk_label_set_selectable (GTK_LABEL (figure), TRUE);
  gtk_widget_set_name (figure, name);
  gtk_grid_attach (self->summary_grid, caption, column, 0, 1, 1);
  gtk_grid_attach (self->summary_grid, figure, column, 1, 1, 1);
}

static void
fill_summary (MqlwSignoffDialog *self)
{
  MqlwModel *model = mqlw_workbench_get_model (self->workbench);
  const MqlwPreview *p = mqlw_workbench_get_preview (self->workbench);
  MqlwProject *project = mqlw_project_session_get_project (self->session);
  const MqlwModelVersion *head = project != NULL ? mqlw_project_get_head (project) : NULL;
  g_autofree char *threshold = NULL, *month = NULL, *sql = NULL, *accepted = NULL, *subtitle = NULL;
  guint number;

  if (model == NULL || p == NULL)
    return;
  if (head == NULL)
    number = 1;
  else if (head->signoff != NULL && (head->model == NULL || !mqlw_model_equal (head->model, model)))
    number = head->number + 1;
  else
    number = head->number;
  subtitle = g_strdup_printf (_("%s · version %u"), model->name != NULL ? model->name : _("Untitled model"), number);
  gtk_label_set_text (self->model_label, subtitle);

  threshold = mqlw_format_score (model->threshold);
  month = mqlw_format_number (p->mql_per_month, 0);
  sql = mqlw_format_rate (&p->stage[MQLW_STAGE_SQL]);
  accepted = mqlw_format_rate (&p->stage[MQLW_STAGE_ACCEPTED]);
  add_summary_figure (self, 0, _("Threshold"), threshold, "summary-threshold");
  add_summary_figure (self, 1, _("MQLs a month"), month, "summary-month");
  add_summary_figure (self, 2, _("MQL → SQL"), sql, "summary-sql");
  add_summary_figure (self, 3, _("Acceptance"), accepted, "summary-accepted");
}

/* ---- signing ------------------------------------------------------------ */

static void
set_busy (MqlwSignoffDialog *self,
          gboolean           busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->sign_spinner), busy);
  if (busy)
    gtk_spinner_start (self->sign_spinner);
  else
    gtk_spinner_stop (self->sign_spinner);
  gtk_label_set_text_with_mnemonic (self->sign_label, busy ? _("Signing…")
                                    : self->signoff == NULL ? _("_Sign") : _("Add _Signature"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->approver_list), !busy && self->signoff == NULL);
  gtk_widget_set_sensitive (self->add_button, !busy && self->signoff == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->signer_group), !busy);
  update_sign_state (self);
}

static void
show_signatures (MqlwSignoffDialog *self)
{
  g_autofree char *allowed = self->session != NULL ? mqlw_project_session_get_allowed_signers (self->session) : NULL;
  g_autoptr(GPtrArray) missing = mqlw_signoff_unsigned_approvers (self->signoff);

  mqlw_signature_list_set_signoff (self->signature_list, self->signoff, allowed);
  gtk_widget_set_visible (GTK_WIDGET (self->signature_list), TRUE);
  update_candidates (self);
  /* Everyone signed: nothing left to do here. */
  gtk_widget_set_visible (GTK_WIDGET (self->signer_group), missing->len > 0);
  gtk_widget_set_visible (self->sign_button, missing->len > 0);
  gtk_label_set_text_with_mnemonic (self->sign_label, _("Add _Signature"));
  update_sign_state (self);
}

static void
show_signed (MqlwSignoffDialog *self)
{
  g_autofree char *title = NULL;
  char signed_on[64];

  g_date_strftime (signed_on, sizeof signed_on, "%-e %B %Y", &self->signoff->signed_on);
  title = g_strdup_printf (_("Signed on %s"), g_strstrip (signed_on));
  adw_preferences_group_set_title (self->signed_group, title);
  gtk_label_set_text (self->digest_label, self->signoff->digest);
  gtk_widget_set_visible (GTK_WIDGET (self->signed_group), TRUE);
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), _("_Close"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->approver_list), FALSE);
  gtk_widget_set_sensitive (self->add_button, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->notes_row), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->signed_on_button), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->review_on_button), FALSE);
  gtk_window_set_title (GTK_WINDOW (self), _("Model Signed Off"));
  show_signatures (self);
}

static void
show_error (MqlwSignoffDialog *self,
            const char        *title,
            const GError      *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), title, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_widget_set_name (dialog, "error-dialog");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_sign_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MqlwSignoffDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) signature_error = NULL;
  MqlwSignoff *signoff;

  signoff = mqlw_project_session_sign_finish (MQLW_PROJECT_SESSION (object), result, &signature_error, &error);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  if (signoff == NULL)
    {
      set_busy (self, FALSE);
      show_error (self, _("Could Not Sign the Model"), error);
      return;
    }
  self->signoff = mqlw_signoff_ref (signoff);
  show_signed (self);
  set_busy (self, FALSE);
  /* Signed off, but the key signature failed: say why; the sign-off waits for it. */
  if (signature_error != NULL)
    mqlw_signer_group_show_error (self->signer_group, signature_error);
  g_signal_emit (self, signals[SIGNED], 0, signoff);
}

static void
signature_added (MqlwSignoffDialog *self,
                 const GError      *error)
{
  set_busy (self, FALSE);
  if (error != NULL)
    {
      mqlw_signer_group_show_error (self->signer_group, error);
      return;
    }
  show_signatures (self);
  mqlw_signoff_dialog_show_toast (self, self->file_path != NULL ? _("Signature added and the file saved")
                                                                : _("Signature added"));
}

static void
on_signature_added_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(MqlwSignoffDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  mqlw_project_session_add_signature_finish (MQLW_PROJECT_SESSION (object), result, &error);
  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    signature_added (self, error);
}

/* An opened agreed-model file: sign a copy, write the file, then show it. */
typedef struct {
  MqlwSignoff    *signoff;
  MqlwSigningKey *key;
  char           *name;
  MqlwTeam        team;
  char           *passphrase;
  char           *path;
} FileJob;

static void
file_job_free (FileJob *job)
{
  mqlw_signoff_unref (job->signoff);
  mqlw_signing_key_free (job->key);
  g_free (job->name);
  g_free (job->passphrase);
  g_free (job->path);
  g_free (job);
}

static void
run_file_job (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FileJob *job = task_data;
  GError *error = NULL;

  mqlw_background_thread_begin ();
  if (mqlw_signoff_add_signature (job->signoff, job->key, job->name, job->team, job->passphrase, NULL, cancellable,
                                  &error) == NULL ||
      !mqlw_signoff_export (job->signoff, job->path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_file_job_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  MqlwSignoffDialog *self = MQLW_SIGNOFF_DIALOG (object);
  FileJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
        signature_added (self, error);
      return;
    }
  g_clear_pointer (&self->signoff, mqlw_signoff_unref);
  self->signoff = mqlw_signoff_ref (job->signoff);
  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    signature_added (self, NULL);
}

static void
add_signature (MqlwSignoffDialog     *self,
               const MqlwSignRequest *request)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *json = NULL;
  FileJob *job;

  set_busy (self, TRUE);
  if (self->file_path == NULL)
    {
      mqlw_project_session_add_signature_async (self->session, self->signoff, request, self->cancellable,
                                                on_signature_added_cb, g_object_ref (self));
      return;
    }
  /* The file's own document is kept, so that the earlier signatures stay valid. */
  json = mqlw_signoff_to_json (self->signoff);
  job = g_new0 (FileJob, 1);
  job->signoff = mqlw_signoff_from_json (json, -1, NULL);
  job->key = mqlw_signing_key_copy (request->key);
  job->name = g_strdup (request->name);
  job->team = request->team;
  job->passphrase = g_strdup (request->passphrase);
  job->path = g_strdup (self->file_path);
  if (job->signoff == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_SIGN,
                                                     _("The agreed model could not be read again"));
      file_job_free (job);
      signature_added (self, error);
      return;
    }
  task = g_task_new (self, self->cancellable, on_file_job_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) file_job_free);
  g_task_run_in_thread (task, run_file_job);
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  MqlwSignoffDialog *self = MQLW_SIGNOFF_DIALOG (widget);
  g_autoptr(GPtrArray) approvers = NULL;
  MqlwSignRequest request = { 0 };
  GDate signed_on, review_on;

  update_sign_state (self);
  if (self->blocker != NULL || !mqlw_signer_group_get_request (self->signer_group, &request))
    return;
  if (self->signoff != NULL)
    {
      add_signature (self, &request);
      return;
    }
  approvers = collect_approvers (self);
  get_calendar_date (self->signed_on_calendar, &signed_on);
  get_calendar_date (self->review_on_calendar, &review_on);
  set_busy (self, TRUE);
  mqlw_project_session_sign_async (self->session, approvers,
                                   gtk_editable_get_text (GTK_EDITABLE (self->notes_row)),
                                   &signed_on, &review_on, &request, self->cancellable,
                                   on_sign_done_cb, g_object_ref (self));
}

/* ---- GObject ------------------------------------------------------------ */

static void
mqlw_signoff_dialog_dispose (GObject *object)
{
  MqlwSignoffDialog *self = (MqlwSignoffDialog *) object;

  /* Closed while signing: the sign-off is abandoned (nothing is half-applied). */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MQLW_TYPE_SIGNOFF_DIALOG);
  G_OBJECT_CLASS (mqlw_signoff_dialog_parent_class)->dispose (object);
}

static void
mqlw_signoff_dialog_finalize (GObject *object)
{
  MqlwSignoffDialog *self = (MqlwSignoffDialog *) object;

  g_clear_object (&self->session);
  g_clear_object (&self->workbench);
  g_free (self->file_path);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->signoff, mqlw_signoff_unref);
  g_free (self->blocker);
  g_free (self->toast);
  G_OBJECT_CLASS (mqlw_signoff_dialog_parent_class)->finalize (object);
}

static void
mqlw_signoff_dialog_class_init (MqlwSignoffDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mqlw_signoff_dialog_dispose;
  object_class->finalize = mqlw_signoff_dialog_finalize;

  /* The sign-off, after it was made (borrowed for the emission). */
  signals[SIGNED] = g_signal_new ("signed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  g_type_ensure (MQLW_TYPE_SIGNATURE_LIST);
  g_type_ensure (MQLW_TYPE_SIGNER_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mqlworkbench/Workbench/mqlw-signoff-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MqlwSignoffDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MqlwSignoffDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwSignoffDialog, sign_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwSignoffDialog, sign_spinner);
  gtk_widget_class_bind_template_child (widget_class, MqlwSignoffDialog, sign_label);
  gtk_widget_class_bind_template_child (widget_class, MqlwSignoffDialog, page);
  gtk_widget_class_bind_template_child (widget_class, MqlwSignoffDialog, signed_group);
  gtk_widget_class_bind_template_child (widget_class, MqlwSignoffDialog, digest_label);
  gtk_widget_class_bind_template_child (widget_class, MqlwSignoffDialog, model_label);
  gtk_widget_class_bind_template_child (widget_class, MqlwSignoffDialog, summary_grid);
  gtk_widget_class_bind_template_child (widget_class, MqlwSignoffDialog, approver_list);
  gtk_widget_class_bind_template_child (widget_class, MqlwSignoffDialog, blocker_label);
  gtk_widget_class_bind_template_child (widget_class, MqlwSignoffDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwSignoffDialog, notes_row);
  gtk_widget_class_bind_template_child (widget_class, MqlwSignoffDialog, signed_on_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwSignoffDialog, signed_on_calendar);
  gtk_widget_class_bind_template_child (widget_class, MqlwSignoffDialog, review_on_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwSignoffDialog, review_on_calendar);
  gtk_widget_class_bind_template_child (widget_class, MqlwSignoffDialog, signature_list);
  gtk_widget_class_bind_template_child (widget_class, MqlwSignoffDialog, signer_group);

  gtk_widget_class_install_action (widget_class, "signoff.sign", NULL, sign_action);
  gtk_widget_class_install_action (widget_class, "signoff.add-approver", NULL, add_approver_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "signoff.sign", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "signoff.add-approver", NULL);
}

static void
mqlw_signoff_dialog_init (MqlwSignoffDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->signer_group, "changed", G_CALLBACK (on_signer_changed_cb), self);

  g_signal_connect_swapped (self->signed_on_calendar, "day-selected", G_CALLBACK (on_signed_on_changed_cb), self);
  g_signal_connect_swapped (self->review_on_calendar, "day-selected", G_CALLBACK (on_review_on_changed_cb), self);
  gtk_calendar_select_day (self->signed_on_calendar, now);
  on_signed_on_changed_cb (self);

  /* Sign and Add Approver are named by their mnemonic labels (a label of
   * their own would be read twice: "Sign the model Sign"). */
  label_widget (GTK_WIDGET (self->approver_list), _("Approvers"));
  label_widget (GTK_WIDGET (self->signed_on_button), _("Signed on"));
  label_widget (GTK_WIDGET (self->review_on_button), _("Review on"));
  label_widget (GTK_WIDGET (self->signed_on_calendar), _("Signed on"));
  label_widget (GTK_WIDGET (self->review_on_calendar), _("Review on"));
}

MqlwSignoffDialog *
mqlw_signoff_dialog_new (GtkWindow          *parent,
                         MqlwProjectSession *session,
                         MqlwWorkbench      *workbench)
{
  MqlwSignoffDialog *self;
  GtkWidget *first;

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (session), NULL);
  g_return_val_if_fail (MQLW_IS_WORKBENCH (workbench), NULL);

  self = g_object_new (MQLW_TYPE_SIGNOFF_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->workbench = g_object_ref (workbench);
  fill_summary (self);
  first = append_approver_row (self, MQLW_TEAM_MARKETING);
  append_approver_row (self, MQLW_TEAM_SALES);
  update_sign_state (self);
  /* Typing starts in the first name (a space would press a focused button),
   * and Enter signs once the sign-off is complete. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (get_row_widgets (first)->name));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->sign_button);
  return self;
}

/* The figures of the sign-off itself (its metrics), not of the workbench. */
static void
fill_summary_from_signoff (MqlwSignoffDialog *self)
{
  MqlwSignoff *signoff = self->signoff;
  JsonObject *preview = NULL;
  MqlwRate sql = { 0 }, accepted = { 0 };
  double per_month = NAN;
  g_autofree char *subtitle = NULL, *threshold = NULL, *month = NULL, *sql_text = NULL, *accepted_text = NULL;
  g_autofree char *file_name = self->file_path != NULL ? g_path_get_basename (self->file_path) : NULL;

  if (JSON_NODE_HOLDS_OBJECT (signoff->metrics) &&
      json_object_has_member (json_node_get_object (signoff->metrics), "preview") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (json_node_get_object (signoff->metrics), "preview")))
    preview = json_object_get_object_member (json_node_get_object (signoff->metrics), "preview");
  if (preview != NULL)
    {
      per_month = json_object_get_double_member_with_default (preview, "mql_per_month", NAN);
      rate_from_json (preview, "sql", &sql);
      rate_from_json (preview, "accepted", &accepted);
    }
  subtitle = self->file_path != NULL
    ? g_strdup_printf (_("%s · version %u · %s"), signoff->model->name != NULL && *signoff->model->name != '\0'
                                                  ? signoff->model->name : _("Untitled model"),
                       signoff->version, file_name)
    : g_strdup_printf (_("%s · version %u"), signoff->model->name != NULL && *signoff->model->name != '\0'
                                             ? signoff->model->name : _("Untitled model"), signoff->version);
  gtk_label_set_text (self->model_label, subtitle);
  threshold = mqlw_format_score (signoff->threshold);
  month = mqlw_format_number (per_month, 0);
  sql_text = mqlw_format_rate (&sql);
  accepted_text = mqlw_format_rate (&accepted);
  add_summary_figure (self, 0, _("Threshold"), threshold, "summary-threshold");
  add_summary_figure (self, 1, _("MQLs a month"), month, "summary-month");
  add_summary_figure (self, 2, _("MQL → SQL"), sql_text, "summary-sql");
  add_summary_figure (self, 3, _("Acceptance"), accepted_text, "summary-accepted");
}

MqlwSignoffDialog *
mqlw_signoff_dialog_new_for_signoff (GtkWindow          *parent,
                                     MqlwProjectSession *session,
                                     MqlwSignoff        *signoff,
                                     const char         *file_path)
{
  MqlwSignoffDialog *self;

  g_return_val_if_fail (session == NULL || MQLW_IS_PROJECT_SESSION (session), NULL);
  g_return_val_if_fail (signoff != NULL, NULL);
  g_return_val_if_fail (session != NULL || file_path != NULL, NULL);

  self = g_object_new (MQLW_TYPE_SIGNOFF_DIALOG, "transient-for", parent, NULL);
  self->session = session != NULL ? g_object_ref (session) : NULL;
  self->signoff = mqlw_signoff_ref (signoff);
  self->file_path = g_strdup (file_path);
  fill_summary_from_signoff (self);
  for (guint i = 0; i < signoff->approvers->len; i++)
    {
      const MqlwApprover *a = g_ptr_array_index (signoff->approvers, i);
      GtkWidget *row = append_approver_row (self, a->team);

      gtk_editable_set_text (GTK_EDITABLE (get_row_widgets (row)->name), a->name);
      gtk_editable_set_text (GTK_EDITABLE (get_row_widgets (row)->role), a->role);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), signoff->notes);
  if (g_date_valid (&signoff->signed_on))
    set_calendar_date (self->signed_on_calendar, &signoff->signed_on);
  if (g_date_valid (&signoff->review_on))
    {
      self->review_touched = TRUE;
      set_calendar_date (self->review_on_calendar, &signoff->review_on);
    }
  show_signed (self);
  return self;
}

void
mqlw_signoff_dialog_add_approver (MqlwSignoffDialog *self,
                                  const char        *name,
                                  const char        *role,
                                  MqlwTeam           team)
{
  GtkWidget *row = NULL;

  g_return_if_fail (MQLW_IS_SIGNOFF_DIALOG (self));

  /* Fill the first empty row, as a person would, else add one. */
  for (GtkWidget *r = gtk_widget_get_first_child (GTK_WIDGET (self->approver_list)); r; r = gtk_widget_get_next_sibling (r))
    if (get_row_widgets (r) != NULL && is_blank (gtk_editable_get_text (GTK_EDITABLE (get_row_widgets (r)->name))) &&
        is_blank (gtk_editable_get_text (GTK_EDITABLE (get_row_widgets (r)->role))))
      {
        row = r;
        break;
      }
  if (row == NULL)
    row = append_approver_row (self, team);
  gtk_drop_down_set_selected (get_row_widgets (row)->team, team == MQLW_TEAM_SALES ? 1 : 0);
  gtk_editable_set_text (GTK_EDITABLE (get_row_widgets (row)->role), role != NULL ? role : "");
  gtk_editable_set_text (GTK_EDITABLE (get_row_widgets (row)->name), name != NULL ? name : "");
}

void
mqlw_signoff_dialog_set_notes (MqlwSignoffDialog *self,
                               const char        *notes)
{
  g_return_if_fail (MQLW_IS_SIGNOFF_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), notes != NULL ? notes : "");
}

/* In the dialog itself: a toast on the window would hide under it. */
void
mqlw_signoff_dialog_show_toast (MqlwSignoffDialog *self,
                                const char        *title)
{
  g_return_if_fail (MQLW_IS_SIGNOFF_DIALOG (self));

  g_free (self->toast);
  self->toast = g_strdup (title);
  adw_toast_overlay_add_toast (self->toast_overlay, mqlw_toast_new_text (title));
}

const char *
mqlw_signoff_dialog_get_toast (MqlwSignoffDialog *self)
{
  g_return_val_if_fail (MQLW_IS_SIGNOFF_DIALOG (self), NULL);
  return self->toast;
}

const char *
mqlw_signoff_dialog_get_blocker (MqlwSignoffDialog *self)
{
  g_return_val_if_fail (MQLW_IS_SIGNOFF_DIALOG (self), NULL);
  return self->blocker;
}

GtkWidget *
mqlw_signoff_dialog_get_sign_button (MqlwSignoffDialog *self)
{
  g_return_val_if_fail (MQLW_IS_SIGNOFF_DIALOG (self), NULL);
  return self->sign_button;
}

MqlwSignoff *
mqlw_signoff_dialog_get_signoff (MqlwSignoffDialog *self)
{
  g_return_val_if_fail (MQLW_IS_SIGNOFF_DIALOG (self), NULL);
  return self->signoff;
}

MqlwSignerGroup *
mqlw_signoff_dialog_get_signer_group (MqlwSignoffDialog *self)
{
  g_return_val_if_fail (MQLW_IS_SIGNOFF_DIALOG (self), NULL);
  return self->signer_group;
}

MqlwSignatureList *
mqlw_signoff_dialog_get_signature_list (MqlwSignoffDialog *self)
{
  g_return_val_if_fail (MQLW_IS_SIGNOFF_DIALOG (self), NULL);
  return self->signature_list;
}

gboolean
mqlw_signoff_dialog_is_busy (MqlwSignoffDialog *self)
{
  g_return_val_if_fail (MQLW_IS_SIGNOFF_DIALOG (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->sign_spinner));
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw inspect: the detected columns, types and roles (with the reason for each
 * role), how stage columns read, and the problems and health of the data. */
#define G_LOG_DOMAIN "mqlw-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "mqlw-cli.h"
#include "mqlw-commands.h"

static const char *history_text = N_("FILE is a CSV export of lead history, or - to read it from standard input.\n"
                                     "Exit status: 0 success, 1 usage error, 2 data error.");

static const char *roles_text =
  N_("Roles (how each column is used; a map's \"role\"):\n"
     "  lead_id           the lead's id: Record ID, Lead ID, Id, Prospect Id, mql_id, …\n"
     "  email, account    e-mail address; company or account name\n"
     "  created_at        when the lead was created: Create Date, Created Date, Created At,\n"
     "                    first_contact_date, engage_date, or the earliest *_date / *_at\n"
     "  as_of             when the lead was scored or handed over: MQL Date\n"
     "  outcome           a yes/no, 0/1, true/false or date column for one stage (\"stage\"):\n"
     "                    SQL, Converted, Converted Date, Is Won, closed_won, \"Became a … Date\"\n"
     "  stage             a lifecycle or status column: Lifecycle Stage, Lead Status, Status\n"
     "                    Reason, Stage, deal_stage, *_stage; its values read through the table below\n"
     "  score             a platform's score: HubSpot Score, Lead Score, Score (the headline one)\n"
     "  deal_amount       Amount, Est. Revenue, close_value\n"
     "  activity_count    *_views, *_clicks, *_downloads, …; activity_date: Last Activity Date\n"
     "  rejection_reason  why sales rejected the lead\n"
     "  fit               any other field a rule can use (Grade and Rating too)\n"
     "  none, ignore      kept but unused; dropped\n"
     "Stages: accepted (sales accepted), sql, opportunity, won. A lead that reached a stage reached\n"
     "the earlier ones; unknown is never counted as a failure.");

static const char *map_text =
  N_("Mapping file (--map, --write-map): a JSON object with \"format\": \"mql-workbench-mapping\",\n"
     "\"version\": 1, \"delimiter\", \"date_order\" (auto, mdy, dmy), \"detect_placeholders\" (true:\n"
     "read the placeholders above as missing wherever they occur), \"missing_values\" (values read as\n"
     "missing in every column; listing them turns detection off unless detect_placeholders says\n"
     "true), \"columns\" ([{\"name\", \"type\", \"role\", \"stage\", \"activity\", \"missing_values\"}]),\n"
     "\"stage_values\" ([{\"value\", \"stage\" or null, \"closed\"}], each over the built-in table) and\n"
     "\"joins\" ([{\"file\", \"use\": \"outcome\" or \"enrich\", \"key\", \"file_key\", \"stage\", \"amount\",\n"
     "\"date\", \"prefix\"}]). A map's files are read from the map's folder and may not leave it; give\n"
     "other files with --join or --outcome-file (relative to the current folder).");

/* @text broken into lines of at most @width columns, each continued line
 * indented by @indent spaces. */
static void
append_wrapped (GString    *out,
                const char *text,
                guint       width,
                guint       indent)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  guint col = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      guint len = g_utf8_strlen (words[i], -1);

      if (col > 0 && col + 1 + len > width)
        {
          g_string_append_c (out, '\n');
          for (guint k = 0; k < indent; k++)
            g_string_append_c (out, ' ');
          col = indent;
        }
      else if (col > 0)
        {
          g_string_append_c (out, ' ');
          col++;
        }
      g_string_append (out, words[i]);
      col += len;
    }
}

static char *
describe_stage_table (void)
{
  static const struct { int furthest; gboolean closed; const char *label; } groups[] = {
    { -1, FALSE, N_("No stage yet (open)") }, { -1, TRUE, N_("No stage, closed") },
    { MQLW_STAGE_ACCEPTED, FALSE, N_("Accepted") }, { MQLW_STAGE_SQL, FALSE, N_("SQL") },
    { MQLW_STAGE_OPPORTUNITY, FALSE, N_("Opportunity (open)") },
    { MQLW_STAGE_OPPORTUNITY, TRUE, N_("Opportunity, lost") }, { MQLW_STAGE_WON, TRUE, N_("Won") },
  };
  GString *out = g_string_new (_("Built-in stage values (case and punctuation ignored; a map's stage_values "
                                 "override single values):"));
  guint n;
  const MqlwStageTableEntry *entries = mqlw_stage_table_entries (&n);

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      guint col = 2;

      g_string_append_printf (out, "\n  %s:", _(groups[g].label));
      col += strlen (_(groups[g].label)) + 1;
      for (guint i = 0; i < n; i++)
        {
          if (entries[i].furthest != groups[g].furthest || entries[i].closed != groups[g].closed
              || entries[i].context != MQLW_STAGE_CONTEXT_ANY)
            continue;
          if (col + strlen (entries[i].value) + 2 > 96)
            {
              g_string_append (out, "\n   ");
              col = 3;
            }
          g_string_append_printf (out, " %s,", entries[i].value);
          col += strlen (entries[i].value) + 2;
        }
      if (out->str[out->len - 1] == ',')
        g_string_truncate (out, out->len - 1);
    }
  g_string_append (out, "\n  ");
  append_wrapped (out, _("On an opportunity (a column named for opportunities or deals, or holding an opportunity "
                         "stage): New, Open, In Progress and Qualified are open opportunities, Canceled is lost. "
                         "On a lead status (Working - Contacted, Cannot Contact, …): Canceled closes the lead; Lost "
                         "says not won, the stages before unknown (a lifecycle's Lost may follow an SQL)."), 94, 2);
  return g_string_free (out, FALSE);
}

static char *
describe_placeholders (void)
{
  const char * const *words = mqlw_missing_placeholders ();
  g_autofree char *list = g_strjoinv (", ", (char **) words);
  g_autofree char *text = g_strdup_printf (_("Placeholders read as missing unless a map says otherwise: %s "
                                             "(case, and dashes or brackets around the word, ignored). Each one "
                                             "found is reported with its count; --missing-value adds more."), list);
  GString *out = g_string_new (NULL);

  append_wrapped (out, text, 96, 0);
  return g_string_free (out, FALSE);
}

static char *
inspect_description (void)
{
  g_autofree char *table = describe_stage_table ();
  g_autofree char *placeholders = describe_placeholders ();

  return g_strdup_printf ("%s\n\n%s\n\n%s\n\n%s\n\n%s", _(history_text), _(roles_text), table, placeholders,
                          _(map_text));
}

/* ---- output ------------------------------------------------------------- */

static char *
describe_role (const MqlwColumnSpec *spec)
{
  const char *role = mqlw_column_role_to_string (spec->role);

  if (spec->role == MQLW_ROLE_OUTCOME)
    return g_strdup_printf ("%s (%s)", role, mqlw_stage_to_string (spec->stage));
  if (spec->role == MQLW_ROLE_ACTIVITY_DATE && spec->activity != NULL)
    return g_strdup_printf ("%s (%s)", role, spec->activity);
  return g_strdup (role);
}

static const char *
delimiter_name (char delimiter)
{
  switch (delimiter)
    {
    case ',': return "comma";
    case ';': return "semicolon";
    case '\t': return "tab";
    case '|': return "pipe";
    default: return "?";
    }
}

/* "won, closed", "SQL, open", "no stage, closed", "unknown". */
static char *
describe_use (const MqlwStageUse *use)
{
  if (!use->known)
    return g_strdup (_("unknown: not in the table, so its leads stay unknown"));
  if (use->unknown_before)
    return g_strdup (_("not won, the stages before unknown"));
  return g_strdup_printf ("%s, %s%s", use->furthest < 0 ? _("no stage") : mqlw_stage_to_string (use->furthest),
                          use->closed ? _("closed") : _("open"), use->from_mapping ? _(" (from the mapping)") : "");
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
print_json (MqlwCsvPreview *preview)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *mapping_json = mqlw_mapping_to_json (preview->mapping);

  json_builder_begin_object (builder);
  add_string_or_null (builder, "file", preview->source_name);
  json_builder_set_member_name (builder, "rows");
  json_builder_add_int_value (builder, preview->n_rows);
  add_string_or_null (builder, "delimiter", delimiter_name (preview->delimiter));
  json_builder_set_member_name (builder, "converted_from_cp1252");
  json_builder_add_boolean_value (builder, preview->converted_from_cp1252);
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint i = 0; i < preview->mapping->columns->len; i++)
    {
      const MqlwColumnSpec *spec = g_ptr_array_index (preview->mapping->columns, i);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "name", spec->name);
      add_string_or_null (builder, "type", mqlw_column_type_to_string (spec->type));
      add_string_or_null (builder, "role", mqlw_column_role_to_string (spec->role));
      add_string_or_null (builder, "stage", spec->role == MQLW_ROLE_OUTCOME ? mqlw_stage_to_string (spec->stage) : NULL);
      add_string_or_null (builder, "activity", spec->activity);
      add_string_or_null (builder, "reason", spec->reason);
      json_builder_set_member_name (builder, "missing_values");
      json_builder_begin_array (builder);
      for (guint k = 0; spec->missing_values != NULL && spec->missing_values[k] != NULL; k++)
        json_builder_add_string_value (builder, spec->missing_values[k]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "stage_values");
  json_builder_begin_array (builder);
  for (guint i = 0; preview->stage_uses != NULL && i < preview->stage_uses->len; i++)
    {
      const MqlwStageUse *use = g_ptr_array_index (preview->stage_uses, i);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "column", use->column);
      add_string_or_null (builder, "value", use->value);
      json_builder_set_member_name (builder, "leads");
      json_builder_add_int_value (builder, use->leads);
      json_builder_set_member_name (builder, "known");
      json_builder_add_boolean_value (builder, use->known);
      add_string_or_null (builder, "stage", use->known && use->furthest >= 0 ? mqlw_stage_to_string (use->furthest) : NULL);
      json_builder_set_member_name (builder, "closed");
      json_builder_add_boolean_value (builder, use->closed);
      json_builder_set_member_name (builder, "stages_before_unknown");
      json_builder_add_boolean_value (builder, use->unknown_before);
      json_builder_set_member_name (builder, "from_mapping");
      json_builder_add_boolean_value (builder, use->from_mapping);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < preview->problems->len; i++)
    {
      const MqlwProblem *problem = g_ptr_array_index (preview->problems, i);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "level", problem->level == MQLW_PROBLEM_ERROR ? "error" : "warning");
      add_string_or_null (builder, "kind", problem->kind);
      json_builder_set_member_name (builder, "line");
      if (problem->line > 0)
        json_builder_add_int_value (builder, problem->line);
      else
        json_builder_add_null_value (builder);
      add_string_or_null (builder, "column", problem->column);
      add_string_or_null (builder, "message", problem->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (json_parser_load_from_data (parser, mapping_json, -1, NULL))
    {
      json_builder_set_member_name (builder, "mapping");
      json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  mqlw_print_json (root);
}

static void
print_csv (MqlwCsvPreview *preview)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *header[] = { "name", "type", "role", "stage", "activity", "reason" };

  mqlw_csv_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < preview->mapping->columns->len; i++)
    {
      const MqlwColumnSpec *spec = g_ptr_array_index (preview->mapping->columns, i);
      const char *row[] = {
        spec->name, mqlw_column_type_to_string (spec->type), mqlw_column_role_to_string (spec->role),
        spec->role == MQLW_ROLE_OUTCOME ? mqlw_stage_to_string (spec->stage) : "",
        spec->activity, spec->reason,
      };
      mqlw_csv_row (out, row, G_N_ELEMENTS (row));
    }
  fputs (out->str, stdout);
}

/* A value on one line of the table: a quoted value may hold line breaks and
 * tabs, which would break the table (and put each reason under the wrong
 * column); a break shows as ↵, a tab as a space. */
static void
append_one_line (GString    *out,
                 const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    if (*p == '\r' || *p == '\n')
      {
        g_string_append (out, "↵");
        if (*p == '\r' && p[1] == '\n')
          p++;
      }
    else
      g_string_append_c (out, *p == '\t' ? ' ' : *p);
}

static void
print_text (MqlwCsvPreview *preview,
            const char     *write_map)
{
  g_print ("%s: %s\n", _("File"), preview->source_name);
  g_print ("%s: %" G_GUINT64_FORMAT "\n", _("Leads"), preview->n_rows);
  g_print ("%s: %s%s%s%s\n", _("Delimiter"), delimiter_name (preview->delimiter),
           preview->had_bom ? _(", UTF-8 byte order mark") : "",
           preview->converted_from_cp1252 ? _(", converted from Windows-1252") : "",
           preview->converted_from_utf16 ? _(", converted from UTF-16") : "");
  {
    g_autoptr(MqlwTextTable) table = mqlw_text_table_new ("llll");
    g_autofree char *text = NULL;
    const char *heading[] = { _("Column"), _("Type"), _("Role"), _("Sample values") };
    g_auto(GStrv) lines = NULL;

    mqlw_text_table_add_row (table, heading);
    for (guint i = 0; i < preview->mapping->columns->len; i++)
      {
        const MqlwColumnSpec *spec = g_ptr_array_index (preview->mapping->columns, i);
        g_autofree char *role = describe_role (spec);
        g_autoptr(GString) samples = g_string_new (NULL);
        g_autoptr(GString) name = g_string_new (NULL);
        const char *cells[4];

        /* The header is the mapping's columns in order, and every sample row has a
         * value for each of them. */
        for (guint r = 0; r < preview->rows->len && r < 3; r++)
          {
            char **values = g_ptr_array_index (preview->rows, r);
            if (samples->len > 0)
              g_string_append (samples, ", ");
            append_one_line (samples, values[i][0] ? values[i] : "∅");
          }
        append_one_line (name, spec->name);
        cells[0] = name->str;
        cells[1] = mqlw_column_type_to_string (spec->type);
        cells[2] = role;
        cells[3] = samples->str;
        mqlw_text_table_add_row (table, cells);
      }
    /* Each column's line, then the reason for its role under it. */
    text = mqlw_text_table_to_string (table, NULL);
    lines = g_strsplit (text, "\n", -1);
    g_print ("\n%s\n", lines[0]);
    for (guint i = 0; i < preview->mapping->columns->len && lines[i + 1] != NULL; i++)
      {
        const MqlwColumnSpec *spec = g_ptr_array_index (preview->mapping->columns, i);
        g_print ("%s\n", lines[i + 1]);
        g_print ("    %s\n", spec->reason != NULL ? spec->reason : _("set by the mapping"));
      }
  }

  if (preview->stage_uses != NULL && preview->stage_uses->len > 0)
    {
      /* Sized by the text table, which counts the columns a terminal gives
       * each value (umlauts one, CJK and emoji two), not bytes. */
      g_autoptr(MqlwTextTable) table = mqlw_text_table_new ("llrl");
      g_autofree char *text = NULL;
      const char *heading[] = { _("Stage column"), _("Value"), _("Leads"), _("Reads as") };

      mqlw_text_table_add_row (table, heading);
      for (guint i = 0; i < preview->stage_uses->len; i++)
        {
          const MqlwStageUse *use = g_ptr_array_index (preview->stage_uses, i);
          g_autofree char *reading = describe_use (use);
          g_autofree char *leads = mqlw_format_count_as (use->leads, MQLW_FORMAT_PLAIN);
          g_autoptr(GString) column = g_string_new (NULL);
          g_autoptr(GString) value = g_string_new (NULL);
          const char *cells[4];

          append_one_line (column, use->column);
          append_one_line (value, use->value);
          cells[0] = column->str;
          cells[1] = value->str;
          cells[2] = leads;
          cells[3] = reading;
          mqlw_text_table_add_row (table, cells);
        }
      text = mqlw_text_table_to_string (table, NULL);
      g_print ("\n%s", text);
    }

  if (preview->problems->len > 0)
    {
      g_print ("\n%s (%u)\n", _("Problems"), preview->problems->len);
      for (guint i = 0; i < preview->problems->len; i++)
        {
          const MqlwProblem *problem = g_ptr_array_index (preview->problems, i);
          g_print ("  %s", problem->level == MQLW_PROBLEM_ERROR ? _("error") : _("warning"));
          if (problem->line > 0)
            g_print (", %s %" G_GUINT64_FORMAT, _("line"), problem->line);
          if (problem->line > 0 && problem->column != NULL)
            g_print (", %s %s", _("column"), problem->column);
          g_print (": %s\n", problem->message);
        }
    }
  else
    g_print ("\n%s\n", _("No problems found."));
  if (write_map != NULL)
    g_print ("\n%s %s\n", _("Mapping written to"), write_map);
}

/* ---- --write-map --------------------------------------------------------- */

/* The mapping with its joins' files relative to @map_path's folder; a join
 * outside that folder is left out with a warning, since a map may not name it. */
static gboolean
write_map (const MqlwMapping  *mapping,
           const char         *map_path,
           GError            **error)
{
  g_autoptr(MqlwMapping) copy = mqlw_mapping_copy (mapping);
  g_autofree char *json = NULL;

  for (guint i = 0; i < copy->joins->len;)
    {
      MqlwJoinSpec *join = g_ptr_array_index (copy->joins, i);
      g_autofree char *relative = mqlw_mapping_relative_path (map_path, join->path);

      if (relative == NULL)
        {
          g_printerr (_("mqlw: warning: %s is outside the folder of %s, where a map may not reach: it is left "
                        "out of the map; give it with --join or --outcome-file when you use the map\n"),
                      join->path, map_path);
          g_ptr_array_remove_index (copy->joins, i);
          continue;
        }
      g_free (join->path);
      join->path = g_steal_pointer (&relative);
      i++;
    }
  json = mqlw_mapping_to_json (copy);
  return mqlw_safe_write_contents (map_path, json, -1, error);
}

int
mqlw_command_inspect (int    argc,
                      char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwMapping) overrides = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MqlwCsvPreview) preview = NULL;
  g_autofree char *write_map_path = NULL;
  g_autofree char *description = inspect_description ();
  int rows = 5;
  GOptionEntry entries[] = {
    { "write-map", 'w', 0, G_OPTION_ARG_FILENAME, &write_map_path,
      N_("Save the detected mapping as JSON for editing (use it with --map)"), N_("MAP.json") },
    { "rows", 'r', 0, G_OPTION_ARG_INT, &rows, N_("Sample rows to show (default 5)"), N_("N") },
    { NULL }
  };

  mqlw_invocation_init (&inv, _("FILE"),
                        _("Show the detected columns, types and roles (with the reason for each), how stage "
                          "columns read, the row count, and the problems and health of the data."),
                        description, entries, TRUE, FALSE, TRUE);
  if (!mqlw_invocation_parse (&inv, argc, argv, 1, NULL, &error))
    return mqlw_report_error (error);

  overrides = mqlw_build_mapping (&inv.data, &error);
  if (overrides == NULL)
    return mqlw_report_error (error);
  if (!mqlw_claim_stdin (inv.rest[0], _("the lead history"), &error))
    return mqlw_report_error (error);
  if (g_str_equal (inv.rest[0], "-"))
    {
      bytes = mqlw_read_input (inv.rest[0], &error);
      if (bytes == NULL)
        return mqlw_report_error (error);
      preview = mqlw_csv_preview_bytes (bytes, "stdin", overrides, MAX (rows, 0), NULL, &error);
    }
  else
    preview = mqlw_csv_preview_file (inv.rest[0], overrides, MAX (rows, 0), NULL, &error);
  if (preview == NULL)
    return mqlw_report_error (error);

  if (write_map_path != NULL && !write_map (preview->mapping, write_map_path, &error))
    return mqlw_report_error (error);

  switch (inv.format.parsed)
    {
    case MQLW_FORMAT_JSON:
      print_json (preview);
      break;
    case MQLW_FORMAT_CSV:
      print_csv (preview);
      break;
    case MQLW_FORMAT_TEXT:
    default:
      print_text (preview, write_map_path);
      break;
    }
  return MQLW_EXIT_OK;
}

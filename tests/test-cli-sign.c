/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Key signatures from the command line, on the bundled sample: Dana Lee
 * (marketing) signs in the project, Sam Ortiz (sales) signs the exported file
 * on "his machine", and mqlw verify --allowed-signers says OK only then.
 * Every change after signing (a part, a date, an added member) is named with
 * exit status 3; a forger who edits the threshold, recomputes the digests and
 * re-signs as Dana Lee with a key of their own gets "key not trusted for Dana
 * Lee"; a dropped signature gives "sales signature missing". The README's
 * commands for checking without the workbench are run as written, with
 * OpenSSH's ssh-keygen accepting the real file and rejecting the forgery.
 *
 * Keys are made here in a temporary folder (ssh-keygen -t ed25519 -N ''),
 * never committed. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "test-util.h"

static char *work_dir;

static const char *dana = "Dana Lee|VP Marketing|marketing";
static const char *sam = "Sam Ortiz|Head of Sales|sales";

static void
run_mqlw (Run *run,
          ...)
{
  va_list args;

  va_start (args, run);
  run_mqlw_valist (run, work_dir, NULL, args);
  va_end (args);
}

/* sh -c @script in work_dir, with $MQLW the built mqlw. */
static int
run_sh (const char *script,
        char      **out)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL, *stderr_text = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, work_dir);
  g_subprocess_launcher_setenv (launcher, "MQLW", g_getenv ("MQLW_CLI"), TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, "sh", "-c", script, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  g_test_message ("sh -c %s\nstdout: %s\nstderr: %s", script, stdout_text, stderr_text);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  return g_subprocess_get_exit_status (process);
}

static char *
in_work (const char *name)
{
  return g_build_filename (work_dir, name, NULL);
}

static char *
read_work (const char *name)
{
  g_autofree char *path = in_work (name);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
write_work (const char *name,
            const char *text)
{
  g_autofree char *path = in_work (name);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static char *
to_text (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static char *
sha256 (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* The sign-off digest by the documented recipe (mqlw-signoff.h, format 3). */
static char *
overall_digest (JsonObject *part_digests)
{
  static const char * const parts[] = { "model", "threshold", "capacity", "dataset", "metrics", "approvers", "notes",
                                        "dates", "project_version", "sql" };
  g_autoptr(GString) text = g_string_new ("mqlw-signoff-3\n");

  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    g_string_append_printf (text, "%s=%s\n", parts[p], json_object_get_string_member (part_digests, parts[p]));
  return sha256 (text->str);
}

/* Keys, the project, Dana's signature there, the export, Sam's signature on
 * it, and the allowed_signers file made of both approver cards. */
static void
make_signed_export (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *csv = g_build_filename (g_getenv ("MQLW_SAMPLES_DIR"), "leads-5000.csv", NULL);
  g_autofree char *model = g_build_filename (g_getenv ("MQLW_SAMPLES_DIR"), "seed002-two-paths.json", NULL);
  g_autofree char *cards = NULL;

  g_assert_cmpint (run_sh ("rm -f dana dana.pub sam sam.pub mallory mallory.pub && "
                           "for k in dana sam mallory; do ssh-keygen -q -t ed25519 -N '' -C $k -f $k || exit 1; done",
                           NULL), ==, 0);
  run_mqlw (&run, "project", "create", "demo.mqlw", "--from", csv, "--model", model, "--force", "-q", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_mqlw (&run, "project", "sign", "demo.mqlw", "--approver", dana, "--approver", sam, "--key", "dana",
            "--date", "2025-11-30", "--notes", "Event badge scans are never MQLs.", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "signed: Dana Lee (marketing), key SHA256:"));
  g_assert_nonnull (strstr (run.out, "not signed yet: Sam Ortiz (sales)"));
  run_mqlw (&run, "export", "demo.mqlw", "--what", "model", "--output", "agreed.json", NULL);
  g_assert_cmpint (run.status, ==, 0);

  g_assert_cmpint (run_sh ("\"$MQLW\" key --key dana --name 'Dana Lee' --card && "
                           "\"$MQLW\" key --key sam.pub --name 'Sam Ortiz' --card", &cards), ==, 0);
  write_work ("allowed_signers", cards);
  g_assert_true (g_str_has_prefix (cards, "\"Dana Lee\" namespaces=\"mql-workbench\" ssh-ed25519 "));

  /* Until sales signs, it is not signed off. */
  run_mqlw (&run, "verify", "agreed.json", "--allowed-signers", "allowed_signers", NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.out, "sales signature missing"));

  run_mqlw (&run, "sign", "agreed.json", "--key", "sam", "--approver", sam, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Signed agreed.json as Sam Ortiz (sales)"));
  g_assert_nonnull (strstr (run.out, "Both teams have signed"));
}

static void
test_two_keys (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) report = NULL;
  JsonArray *signatures;

  make_signed_export ();
  run_mqlw (&run, "verify", "agreed.json", "--allowed-signers", "allowed_signers", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "OK: agreed.json is signed off by Dana Lee (marketing), Sam Ortiz (sales), "
                                            "with trusted keys"));

  run_mqlw (&run, "verify", "agreed.json", "--allowed-signers", "allowed_signers", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  report = parse (run.out);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (report), "signed_off"));
  signatures = json_object_get_array_member (json_node_get_object (report), "signatures");
  g_assert_cmpuint (json_array_get_length (signatures), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (signatures, 1), "status"), ==,
                   "trusted");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (signatures, 1), "team"), ==, "sales");

  /* The quick check needs no trust list, and says what it did not check (exit 4). */
  run_mqlw (&run, "verify", "agreed.json", NULL);
  g_assert_cmpint (run.status, ==, 4);
  g_assert_true (g_str_has_prefix (run.out, "SIGNERS NOT CHECKED: agreed.json"));
  g_assert_nonnull (strstr (run.out, "whose key it is was not checked"));

  /* The project's trusted cards serve as the list too. */
  run_mqlw (&run, "project", "trust", "demo.mqlw", "--add-file", "allowed_signers", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Trusted approver cards (2)"));
  run_mqlw (&run, "verify", "agreed.json", "--allowed-signers", "demo.mqlw", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_mqlw (&run, "project", "trust", "demo.mqlw", "--remove", "Sam Ortiz", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_mqlw (&run, "verify", "agreed.json", "--allowed-signers", "demo.mqlw", NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.out, "key not trusted for Sam Ortiz"));

  /* Only a listed approver signs, and only once; a changed file is not signed. */
  run_mqlw (&run, "sign", "agreed.json", "--key", "mallory", "--approver", "Mal Lory|Intern|sales", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "is not among the approvers"));
  run_mqlw (&run, "sign", "agreed.json", "--key", "sam", "--approver", sam, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "has signed already"));
}

/* Each edit of the signed file is named, with exit status 3. */
static void
test_changes_named (void)
{
  static const struct {
    const char *member;     /* top-level member, or "model.threshold" */
    const char *value;
    const char *named;
  } cases[] = {
    { "threshold", "35", "The threshold changed after sign-off (threshold)" },
    { "model.threshold", "35", "The threshold changed after sign-off (threshold)" },
    { "capacity_per_month", "500", "The capacity changed after sign-off (capacity)" },
    { "notes", "\"Badge scans count.\"", "The notes changed after sign-off (notes)" },
    { "signed_on", "\"2025-12-01\"", "The dates changed after sign-off (dates)" },
    { "review_on", "\"2026-12-31\"", "The dates changed after sign-off (dates)" },
    { "project_version", "7", "The project version changed after sign-off (project_version)" },
    { "bonus_points", "10", "$.bonus_points is not part of an agreed-model export" },
  };
  g_autofree char *original = NULL;

  make_signed_export ();
  original = read_work ("agreed.json");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      g_autoptr(JsonNode) root = parse (original);
      g_autoptr(JsonNode) value = parse (cases[i].value);
      JsonObject *object = json_node_get_object (root);
      g_autofree char *text = NULL;

      if (g_str_has_prefix (cases[i].member, "model."))
        object = json_object_get_object_member (object, "model");
      json_object_set_member (object, strchr (cases[i].member, '.') ? strchr (cases[i].member, '.') + 1
                                                                    : cases[i].member, json_node_copy (value));
      text = to_text (root);
      write_work ("edited.json", text);
      run_mqlw (&run, "verify", "edited.json", "--allowed-signers", "allowed_signers", NULL);
      g_assert_cmpint (run.status, ==, 3);
      g_assert_true (g_str_has_prefix (run.out, "CHANGED: edited.json was edited after sign-off"));
      g_assert_nonnull (strstr (run.out, cases[i].named));
      g_assert_nonnull (strstr (run.out, "INVALID signature"));
      /* The quick check catches it too. */
      run_mqlw (&run, "verify", "edited.json", NULL);
      g_assert_cmpint (run.status, ==, 3);
    }
}

/* The forger: threshold 51 → 35, the digests recomputed by the documented
 * recipe, Dana Lee's record re-made with a key of their own and signed with
 * ssh-keygen over the payload mqlw prints. */
static void
make_forgery (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *original = read_work ("agreed.json");
  g_autofree char *text = NULL, *threshold_digest = sha256 ("35"), *digest = NULL;
  g_autofree char *mallory_pub = read_work ("mallory.pub"), *fingerprint = NULL, *signature = NULL;
  g_auto(GStrv) key_fields = g_strsplit (mallory_pub, " ", -1);
  g_autofree char *mallory_key = g_strconcat (key_fields[0], " ", key_fields[1], NULL);
  JsonObject *object, *digests, *record;
  JsonArray *signatures;

  root = parse (original);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "threshold"), ==, 51);
  json_object_set_int_member (object, "threshold", 35);
  json_object_set_int_member (json_object_get_object_member (object, "model"), "threshold", 35);
  digests = json_object_get_object_member (object, "part_digests");
  json_object_set_string_member (digests, "threshold", threshold_digest);
  digest = overall_digest (digests);
  json_object_set_string_member (object, "digest", digest);

  signatures = json_object_get_array_member (object, "signatures");
  record = json_array_get_object_element (signatures, 0);
  g_assert_cmpstr (json_object_get_string_member (record, "name"), ==, "Dana Lee");
  g_assert_cmpint (run_sh ("ssh-keygen -l -E sha256 -f mallory.pub | cut -d' ' -f2 | tr -d '\\n'", &fingerprint), ==, 0);
  json_object_set_string_member (record, "key", mallory_key);
  json_object_set_string_member (record, "fingerprint", fingerprint);
  json_object_set_object_member (record, "part_digests", json_object_ref (digests));
  text = to_text (root);
  write_work ("forged.json", text);

  g_assert_cmpint (run_sh ("rm -f forged.payload forged.payload.sig && "
                           "\"$MQLW\" verify forged.json --payload 'Dana Lee' > forged.payload && "
                           "ssh-keygen -q -Y sign -f mallory -n mql-workbench forged.payload", NULL), ==, 0);
  signature = read_work ("forged.payload.sig");
  json_object_set_string_member (record, "signature", signature);
  g_clear_pointer (&text, g_free);
  text = to_text (root);
  write_work ("forged.json", text);
}

static void
test_forged (void)
{
  g_auto(Run) run = { 0 };

  make_signed_export ();
  make_forgery ();
  run_mqlw (&run, "verify", "forged.json", "--allowed-signers", "allowed_signers", NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.out, "key not trusted for Dana Lee"));
  g_assert_nonnull (strstr (run.out, "Sam Ortiz (sales): INVALID signature: the threshold (threshold) changed after "
                                     "Sam Ortiz signed"));
  /* The digests alone cannot tell: they were recomputed. */
  g_assert_null (strstr (run.out, "changed after sign-off"));
}

static void
test_dropped_signature (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *original = NULL, *text = NULL;
  g_autoptr(JsonNode) root = NULL;

  make_signed_export ();
  original = read_work ("agreed.json");
  root = parse (original);
  json_array_remove_element (json_object_get_array_member (json_node_get_object (root), "signatures"), 1);
  text = to_text (root);
  write_work ("dropped.json", text);
  run_mqlw (&run, "verify", "dropped.json", "--allowed-signers", "allowed_signers", NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_true (g_str_has_prefix (run.out, "NOT SIGNED OFF"));
  g_assert_nonnull (strstr (run.out, "sales signature missing"));
  g_assert_nonnull (strstr (run.out, "Dana Lee (marketing): valid signature, key trusted"));
}

/* The commands the README gives for checking without the workbench, as
 * written there (the indented lines after "<!-- check-without-workbench -->"),
 * for each signer: OpenSSH accepts the real file and rejects the forgery. */
static void
test_readme_commands (void)
{
  g_autofree char *readme_path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "README.md", NULL);
  g_autofree char *readme = NULL;
  g_autoptr(GString) script = g_string_new ("set -e\n");
  g_auto(GStrv) lines = NULL;
  const char *start;
  static const char * const names[] = { "Dana Lee", "Sam Ortiz" };

  g_assert_true (g_file_get_contents (readme_path, &readme, NULL, NULL));
  start = strstr (readme, "<!-- check-without-workbench -->");
  g_assert_nonnull (start);
  lines = g_strsplit (start, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      if (*lines[i] == '\0' && script->len > strlen ("set -e\n"))
        break;
      if (!g_str_has_prefix (lines[i], "    "))
        continue;
      /* "mqlw" is the built one. */
      if (g_str_has_prefix (lines[i] + 4, "mqlw "))
        g_string_append_printf (script, "\"$MQLW\"%s\n", lines[i] + 8);
      else
        g_string_append_printf (script, "%s\n", lines[i] + 4);
    }
  g_assert_nonnull (strstr (script->str, "ssh-keygen -Y verify -f allowed_signers"));
  g_assert_nonnull (strstr (script->str, "\"Sam Ortiz\""));

  make_signed_export ();
  make_forgery ();
  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      g_autoptr(GString) named = g_string_new (script->str);
      g_autoptr(GString) forged = NULL;

      g_string_replace (named, "Sam Ortiz", names[n], 0);
      g_string_replace (named, "agreed-model.json", "agreed.json", 0);
      forged = g_string_new (named->str);
      g_string_replace (forged, "agreed.json", "forged.json", 0);
      g_assert_cmpint (run_sh (named->str, NULL), ==, 0);
      g_assert_cmpint (run_sh (forged->str, NULL), !=, 0);
    }
}

/* Older exports (format 1, digests only) read as "not signed with keys":
 * fine for the quick check, exit 3 when trusted keys are asked for. Built
 * from a signed export by the format 1 recipe. */
static void
test_format_1 (void)
{
  static const char * const parts[] = { "model", "threshold", "capacity", "dataset", "metrics", "approvers", "notes" };
  g_auto(Run) run = { 0 };
  g_autofree char *original = NULL, *text = NULL, *digest = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) recipe = g_string_new ("mqlw-signoff-1\n");
  JsonObject *object, *digests;

  make_signed_export ();
  original = read_work ("agreed.json");
  root = parse (original);
  object = json_node_get_object (root);
  digests = json_object_get_object_member (object, "part_digests");
  json_object_remove_member (object, "signatures");
  json_object_remove_member (digests, "dates");
  json_object_remove_member (digests, "project_version");
  json_object_remove_member (digests, "sql");
  json_object_remove_member (object, "sql");
  json_object_set_int_member (object, "version", 1);
  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    g_string_append_printf (recipe, "%s=%s\n", parts[p], json_object_get_string_member (digests, parts[p]));
  digest = sha256 (recipe->str);
  json_object_set_string_member (object, "digest", digest);
  text = to_text (root);
  write_work ("old.json", text);

  run_mqlw (&run, "verify", "old.json", NULL);
  g_assert_cmpint (run.status, ==, 4);
  g_assert_nonnull (strstr (run.out, "Not signed with keys"));
  run_mqlw (&run, "verify", "old.json", "--allowed-signers", "allowed_signers", NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.out, "Not signed with keys"));
}

/* Without --key: the personal key, made on first use (mode 0600) and its
 * card shown; and a key that ssh-agent holds, given as its .pub file. */
static void
test_personal_and_agent_keys (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *personal = g_build_filename (work_dir, "data", "mql-workbench", "signing-key", NULL);
  g_autofree char *pub = g_strconcat (personal, ".pub", NULL);
  g_autofree char *csv = g_build_filename (g_getenv ("MQLW_SAMPLES_DIR"), "leads-5000.csv", NULL);
  g_autofree char *model = g_build_filename (g_getenv ("MQLW_SAMPLES_DIR"), "seed002-two-paths.json", NULL);
  g_autofree char *dana_card = NULL, *sam_card = NULL, *cards = NULL;
  GStatBuf st;

  make_signed_export ();
  g_remove (personal);
  g_remove (pub);
  run_mqlw (&run, "key", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "mqlw key --create"));

  /* mqlw project sign as before, without --key: Dana's personal key is made. */
  run_mqlw (&run, "project", "create", "second.mqlw", "--from", csv, "--model", model, "--force", "-q", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_mqlw (&run, "project", "sign", "second.mqlw", "--approver", dana, "--approver", sam, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "created your signing key"));
  g_assert_nonnull (strstr (run.err, "\"Dana Lee\" namespaces=\"mql-workbench\" ssh-ed25519 "));
  g_assert_cmpint (g_stat (personal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  run_mqlw (&run, "key", "--card", "--name", "Dana Lee", NULL);
  g_assert_cmpint (run.status, ==, 0);
  dana_card = g_strdup (run.out);
  run_mqlw (&run, "export", "second.mqlw", "--what", "model", "--output", "second.json", NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* Sam signs through ssh-agent: only his public key is at the path given. */
  g_assert_cmpint (run_sh ("rm -rf pub && mkdir pub && cp sam.pub pub/ && "
                           "eval \"$(ssh-agent -s -a \"$PWD/agent.sock\")\" > /dev/null || exit 9; "
                           "ssh-add -q sam; added=$?; "
                           "\"$MQLW\" sign second.json --key pub/sam.pub --approver 'Sam Ortiz|Head of Sales|sales'; "
                           "signed=$?; ssh-agent -k > /dev/null; rm -f agent.sock; "
                           "test $added -eq 0 && test $signed -eq 0", NULL), ==, 0);
  g_assert_cmpint (run_sh ("\"$MQLW\" key --key sam.pub --name 'Sam Ortiz' --card", &sam_card), ==, 0);
  cards = g_strconcat (dana_card, sam_card, NULL);
  write_work ("second_signers", cards);
  run_mqlw (&run, "verify", "second.json", "--allowed-signers", "second_signers", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "OK: second.json is signed off"));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  work_dir = g_dir_make_tmp ("mqlw-cli-sign-XXXXXX", NULL);
  g_assert_nonnull (work_dir);
  data_home = g_build_filename (work_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_add_func ("/mqlw/cli-sign/two-keys", test_two_keys);
  g_test_add_func ("/mqlw/cli-sign/changes-named", test_changes_named);
  g_test_add_func ("/mqlw/cli-sign/forged", test_forged);
  g_test_add_func ("/mqlw/cli-sign/dropped-signature", test_dropped_signature);
  g_test_add_func ("/mqlw/cli-sign/readme-commands", test_readme_commands);
  g_test_add_func ("/mqlw/cli-sign/format-1", test_format_1);
  g_test_add_func ("/mqlw/cli-sign/personal-and-agent-keys", test_personal_and_agent_keys);
  status = g_test_run ();
  g_free (work_dir);
  return status;
}

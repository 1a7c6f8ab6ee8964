/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Key signatures of a sign-off: the records of $.signatures, the payload
 * each one signs, signing, and checking them (mqlw-signoff.h has the rules). */
#define G_LOG_DOMAIN "mqlw-signoff"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mqlw-signoff-private.h"
#include "mqlw-sshsig.h"

void
mqlw_signature_free (MqlwSignature *signature)
{
  if (signature == NULL)
    return;
  g_free (signature->name);
  g_free (signature->signed_at);
  g_free (signature->key);
  g_free (signature->fingerprint);
  for (guint p = 0; p < MQLW_SIGNOFF_N_PARTS; p++)
    g_free (signature->part_digests[p]);
  g_free (signature->signature);
  g_free (signature);
}

/* ---- records ----------------------------------------------------------- */

static const char * const record_members[] = {
  "name", "team", "signed_at", "key", "fingerprint", "part_digests", "signature", NULL,
};

JsonNode *
mqlw_signature_to_node (const MqlwSignature *signature,
                        guint                n_parts)
{
  JsonObject *object = json_object_new ();
  JsonObject *digests = json_object_new ();

  json_object_set_string_member (object, "name", signature->name);
  json_object_set_string_member (object, "team", mqlw_team_to_string (signature->team));
  json_object_set_string_member (object, "signed_at", signature->signed_at);
  json_object_set_string_member (object, "key", signature->key);
  json_object_set_string_member (object, "fingerprint", signature->fingerprint);
  for (guint p = 0; p < n_parts; p++)
    json_object_set_string_member (digests, mqlw_signoff_part_to_string (p),
                                   signature->part_digests[p] != NULL ? signature->part_digests[p] : "");
  json_object_set_object_member (object, "part_digests", digests);
  if (signature->signature != NULL)
    json_object_set_string_member (object, "signature", signature->signature);
  return json_node_init_object (json_node_alloc (), object);
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
team_member (JsonObject *object,
             MqlwTeam   *team)
{
  const char *text = string_member (object, "team");
  return text != NULL && mqlw_team_from_string (text, team);
}

MqlwSignature *
mqlw_signature_from_node (JsonNode   *node,
                          guint       index,
                          guint       n_parts,
                          GPtrArray  *unknown,
                          GError    **error)
{
  g_autoptr(MqlwSignature) signature = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object, *digests;
  JsonNode *digests_node;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_PARSE,
                   _("$.signatures[%u] is not a signature record"), index);
      return NULL;
    }
  object = json_node_get_object (node);
  for (guint i = 0; record_members[i] != NULL; i++)
    if (!g_str_equal (record_members[i], "part_digests") && string_member (object, record_members[i]) == NULL)
      {
        g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_PARSE,
                     _("$.signatures[%u].%s is missing or not text"), index, record_members[i]);
        return NULL;
      }
  digests_node = json_object_get_member (object, "part_digests");
  if (digests_node == NULL || !JSON_NODE_HOLDS_OBJECT (digests_node))
    {
      g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_PARSE,
                   _("$.signatures[%u].part_digests is missing"), index);
      return NULL;
    }
  signature = g_new0 (MqlwSignature, 1);
  if (!team_member (object, &signature->team))
    {
      g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_PARSE,
                   _("$.signatures[%u].team must be marketing or sales"), index);
      return NULL;
    }
  signature->name = g_strdup (string_member (object, "name"));
  signature->signed_at = g_strdup (string_member (object, "signed_at"));
  signature->key = g_strdup (string_member (object, "key"));
  signature->fingerprint = g_strdup (string_member (object, "fingerprint"));
  signature->signature = g_strdup (string_member (object, "signature"));
  digests = json_node_get_object (digests_node);
  for (guint p = 0; p < n_parts; p++)
    signature->part_digests[p] = g_strdup (string_member (digests, mqlw_signoff_part_to_string (p)));

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL && unknown != NULL; l = l->next)
    if (!g_strv_contains (record_members, l->data))
      g_ptr_array_add (unknown, g_strdup_printf ("$.signatures[%u].%s", index, (const char *) l->data));
  return g_steal_pointer (&signature);
}

GBytes *
mqlw_signature_payload (JsonObject *document,
                        JsonNode   *record)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object = json_object_new ();
  JsonNode *signer = json_node_copy (record);
  char *text;

  members = json_object_get_members (document);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "signatures"))
      json_object_set_member (object, l->data, json_node_copy (json_object_get_member (document, l->data)));
  if (JSON_NODE_HOLDS_OBJECT (signer))
    {
      json_object_remove_member (json_node_get_object (signer), "signature");
      json_object_remove_member (json_node_get_object (signer), "fingerprint");
    }
  json_object_set_member (object, "signer", signer);
  root = json_node_init_object (json_node_alloc (), object);
  text = mqlw_json_canonical_text (root);
  return g_bytes_new_take (text, strlen (text));
}

/* ---- signing ----------------------------------------------------------- */

static const MqlwApprover *
find_approver (GPtrArray  *approvers,
               const char *name,
               MqlwTeam    team)
{
  for (guint i = 0; i < approvers->len; i++)
    {
      const MqlwApprover *a = g_ptr_array_index (approvers, i);
      if (g_str_equal (a->name, name) && a->team == team)
        return a;
    }
  return NULL;
}

static char *
describe_approvers (GPtrArray *approvers)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < approvers->len; i++)
    {
      const MqlwApprover *a = g_ptr_array_index (approvers, i);
      g_string_append_printf (text, "%s%s (%s)", i > 0 ? ", " : "", a->name, mqlw_team_to_string (a->team));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

const MqlwSignature *
mqlw_signoff_find_signature (const MqlwSignoff *self,
                             const char        *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->signatures->len; i++)
    {
      const MqlwSignature *s = g_ptr_array_index (self->signatures, i);
      if (g_str_equal (s->name, name))
        return s;
    }
  return NULL;
}

GPtrArray *
mqlw_signoff_unsigned_approvers (const MqlwSignoff *self)
{
  GPtrArray *missing;

  g_return_val_if_fail (self != NULL, NULL);

  missing = g_ptr_array_new ();
  for (guint i = 0; i < self->approvers->len; i++)
    {
      MqlwApprover *a = g_ptr_array_index (self->approvers, i);
      if (mqlw_signoff_find_signature (self, a->name) == NULL)
        g_ptr_array_add (missing, a);
    }
  return missing;
}

gboolean
mqlw_signoff_team_signed (const MqlwSignoff *self,
                          MqlwTeam           team)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->signatures->len; i++)
    if (((const MqlwSignature *) g_ptr_array_index (self->signatures, i))->team == team)
      return TRUE;
  return FALSE;
}

static char *
format_utc (GDateTime *when)
{
  g_autoptr(GDateTime) now = when == NULL ? g_date_time_new_now_utc () : g_date_time_to_utc (when);
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

const MqlwSignature *
mqlw_signoff_add_signature (MqlwSignoff          *self,
                            const MqlwSigningKey *key,
                            const char           *name,
                            MqlwTeam              team,
                            const char           *passphrase,
                            GDateTime            *signed_at,
                            GCancellable         *cancellable,
                            GError              **error)
{
  g_autoptr(MqlwSignature) signature = NULL;
  g_autoptr(JsonNode) record = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GError) local = NULL;
  MqlwSignature *added;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!mqlw_signing_name_check (name, &local))
    {
      g_set_error_literal (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_SIGN, local->message);
      return NULL;
    }
  if (find_approver (self->approvers, name, team) == NULL)
    {
      g_autofree char *listed = describe_approvers (self->approvers);
      g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_SIGN,
                   _("%s (%s) is not among the approvers of this sign-off: %s"), name, mqlw_team_to_string (team),
                   listed);
      return NULL;
    }
  if (mqlw_signoff_find_signature (self, name) != NULL)
    {
      g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_SIGN, _("%s has signed already"), name);
      return NULL;
    }
  if (self->format_version < 2)
    mqlw_signoff_upgrade (self);

  signature = g_new0 (MqlwSignature, 1);
  signature->name = g_strdup (name);
  signature->team = team;
  signature->signed_at = format_utc (signed_at);
  signature->key = g_strdup (key->public_key);
  signature->fingerprint = mqlw_ssh_key_fingerprint (key->public_key);
  for (guint p = 0; p < MQLW_SIGNOFF_N_PARTS; p++)
    signature->part_digests[p] = g_strdup (self->part_digests[p]);
  record = mqlw_signature_to_node (signature, MQLW_SIGNOFF_N_PARTS);
  payload = mqlw_signature_payload (mqlw_signoff_get_document (self), record);
  signature->signature = mqlw_sshsig_sign (key->path, payload, passphrase, cancellable, error);
  if (signature->signature == NULL)
    return NULL;
  added = g_steal_pointer (&signature);
  g_ptr_array_add (self->signatures, added);
  return added;
}

/* ---- the payload, for checking without the workbench ------------------- */

static JsonObject *
document_of (JsonObject *root)
{
  JsonObject *document = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (root);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "signatures"))
      json_object_set_member (document, l->data, json_node_copy (json_object_get_member (root, l->data)));
  return document;
}

static JsonNode *
find_record (JsonObject *root,
             const char *name)
{
  JsonNode *node = json_object_get_member (root, "signatures");

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *record = json_array_get_element (json_node_get_array (node), i);
      if (JSON_NODE_HOLDS_OBJECT (record) &&
          g_strcmp0 (string_member (json_node_get_object (record), "name"), name) == 0)
        return record;
    }
  return NULL;
}

GBytes *
mqlw_signoff_payload (const char  *json,
                      gssize       len,
                      const char  *name,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(MqlwParsedExport) parsed = { 0 };
  g_autoptr(JsonObject) document = NULL;
  JsonNode *record;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!mqlw_signoff_parse_export (parser, json, len, FALSE, &parsed, error))
    return NULL;
  record = find_record (parsed.root, name);
  if (record == NULL)
    {
      g_set_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_PARSE,
                   _("This agreed model holds no signature by “%s”"), name);
      return NULL;
    }
  document = document_of (parsed.root);
  return mqlw_signature_payload (document, record);
}

/* ---- checking ---------------------------------------------------------- */

static void
add_message (MqlwVerifyResult *result,
             char             *message)   /* takes it */
{
  g_ptr_array_add (result->messages, message);
}

static gboolean
is_listed_approver (JsonNode   *approvers,
                    const char *name,
                    MqlwTeam    team)
{
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (approvers) ? json_node_get_array (approvers) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      MqlwTeam listed;

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          g_strcmp0 (string_member (json_node_get_object (node), "name"), name) == 0 &&
          team_member (json_node_get_object (node), &listed) &&
          listed == team)
        return TRUE;
    }
  return FALSE;
}

/* "the threshold, the dates": the parts whose digest differs from the one signed. */
static char *
changed_parts (const MqlwSignature *signature,
               char * const        *current,
               guint                n_parts)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint p = 0; p < n_parts; p++)
    if (signature->part_digests[p] != NULL && g_strcmp0 (signature->part_digests[p], current[p]) != 0)
      {
        g_autofree char *label = g_utf8_strdown (mqlw_signoff_part_label (p), -1);
        g_string_append_printf (text, "%s%s (%s)", text->len > 0 ? ", " : "", label, mqlw_signoff_part_to_string (p));
      }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static char *
card_for (const char *name,
          const char *key)
{
  return g_strdup_printf ("\"%s\" namespaces=\"%s\" %s\n", name, MQLW_SSHSIG_NAMESPACE, key);
}

/* Checks one record; FALSE with @error only when ssh-keygen cannot run. */
static gboolean
check_record (MqlwParsedExport   *parsed,
              JsonObject         *document,
              JsonNode           *record,
              guint               index,
              char * const       *current,
              const char         *allowed_signers,
              GHashTable         *seen,
              MqlwVerifyResult   *result,
              MqlwSignatureCheck *check,
              GCancellable       *cancellable,
              GError            **error)
{
  g_autoptr(GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MqlwSignature) signature = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autofree char *fingerprint = NULL, *own = NULL, *detail = NULL;
  gboolean valid = FALSE, trusted = FALSE;

  check->status = MQLW_SIGNATURE_INVALID;
  signature = mqlw_signature_from_node (record, index, parsed->n_parts, unknown, &local);
  if (signature == NULL)
    {
      check->name = g_strdup_printf (_("Signature %u"), index + 1);
      check->message = g_strdup_printf (_("Signature %u cannot be read: %s"), index + 1, local->message);
      return TRUE;
    }
  check->name = g_strdup (signature->name);
  check->team = signature->team;
  check->signed_at = g_strdup (signature->signed_at);
  check->fingerprint = g_strdup (signature->fingerprint);
  for (guint i = 0; i < unknown->len; i++)
    {
      add_message (result, g_strdup_printf (_("%s is not part of an agreed-model export: it was added after export"),
                                            (const char *) g_ptr_array_index (unknown, i)));
      g_ptr_array_add (result->unknown_members, g_strdup (g_ptr_array_index (unknown, i)));
    }
  fingerprint = mqlw_ssh_key_fingerprint (signature->key);
  if (!mqlw_signing_name_check (signature->name, &local))
    check->message = g_strdup_printf (_("%s: invalid signature record: %s"), signature->name, local->message);
  else if (!is_listed_approver (parsed->parts[MQLW_SIGNOFF_PART_APPROVERS], signature->name, signature->team))
    check->message = g_strdup_printf (_("%s (%s): signed, but is not among the approvers of this export"),
                                      signature->name, mqlw_team_to_string (signature->team));
  else if (g_hash_table_contains (seen, signature->name))
    check->message = g_strdup_printf (_("%s signed twice: only one signature per approver"), signature->name);
  else if (fingerprint == NULL || g_strcmp0 (fingerprint, signature->fingerprint) != 0)
    check->message = g_strdup_printf (_("%s: the signature record’s key and fingerprint do not match"),
                                      signature->name);
  if (check->message != NULL)
    return TRUE;
  g_hash_table_add (seen, g_strdup (signature->name));

  payload = mqlw_signature_payload (document, record);
  own = card_for (signature->name, signature->key);
  if (!mqlw_sshsig_verify (own, signature->name, payload, signature->signature, &valid, &detail, cancellable, error))
    return FALSE;
  if (!valid)
    {
      g_autofree char *parts = changed_parts (signature, current, parsed->n_parts);

      check->message = parts != NULL
        /* Translators: "Sam Ortiz (sales): INVALID signature: the threshold (threshold) changed after Sam Ortiz signed" */
        ? g_strdup_printf (_("%s (%s): INVALID signature: %s changed after %s signed"), signature->name,
                           mqlw_team_to_string (signature->team), parts, signature->name)
        : g_strdup_printf (_("%s (%s): INVALID signature: the export is not what %s signed"), signature->name,
                           mqlw_team_to_string (signature->team), signature->name);
      return TRUE;
    }
  if (allowed_signers != NULL &&
      !mqlw_sshsig_verify (allowed_signers, signature->name, payload, signature->signature, &trusted, NULL,
                           cancellable, error))
    return FALSE;
  if (trusted)
    {
      check->status = MQLW_SIGNATURE_TRUSTED;
      check->message = g_strdup_printf (_("%s (%s): valid signature, key trusted (%s), signed %s"), signature->name,
                                        mqlw_team_to_string (signature->team), signature->fingerprint,
                                        signature->signed_at);
    }
  else
    {
      check->status = MQLW_SIGNATURE_UNKNOWN_KEY;
      check->message = allowed_signers != NULL
        ? g_strdup_printf (_("%s (%s): valid signature, but key not trusted for %s (%s)"), signature->name,
                           mqlw_team_to_string (signature->team), signature->name, signature->fingerprint)
        : g_strdup_printf (_("%s (%s): valid signature by key %s, signed %s; whose key it is was not checked "
                             "(give --allowed-signers)"), signature->name, mqlw_team_to_string (signature->team),
                           signature->fingerprint, signature->signed_at);
    }
  if (check->status == MQLW_SIGNATURE_TRUSTED || allowed_signers == NULL)
    result->team_signed[signature->team] = TRUE;
  return TRUE;
}

/* "sales signature missing: Sam Ortiz has not signed". */
static void
report_missing_team (MqlwParsedExport *parsed,
                     MqlwTeam          team,
                     MqlwVerifyResult *result)
{
  JsonNode *approvers = parsed->parts[MQLW_SIGNOFF_PART_APPROVERS];
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (approvers) ? json_node_get_array (approvers) : NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *name = JSON_NODE_HOLDS_OBJECT (node) ? string_member (json_node_get_object (node), "name") : NULL;
      MqlwTeam listed;

      if (name != NULL && team_member (json_node_get_object (node), &listed) &&
          listed == team)
        g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", name);
    }
  add_message (result, team == MQLW_TEAM_SALES
               ? g_strdup_printf (_("sales signature missing: no valid, trusted signature from sales (approvers: %s)"),
                                  names->len > 0 ? names->str : _("none"))
               : g_strdup_printf (_("marketing signature missing: no valid, trusted signature from marketing (approvers: %s)"),
                                  names->len > 0 ? names->str : _("none")));
}

gboolean
mqlw_signatures_check (MqlwParsedExport *parsed,
                       const char       *allowed_signers,
                       MqlwVerifyResult *result,
                       GCancellable     *cancellable,
                       GError          **error)
{
  JsonNode *node = json_object_get_member (parsed->root, "signatures");
  g_autoptr(JsonObject) document = document_of (parsed->root);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  char *current[MQLW_SIGNOFF_N_PARTS] = { NULL };
  JsonArray *records;
  gboolean ok = TRUE;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_ptr_array_add (result->unknown_members, g_strdup ("$.signatures"));
      add_message (result, g_strdup (_("$.signatures is not a list of signatures")));
      return TRUE;
    }
  records = json_node_get_array (node);
  for (guint p = 0; p < parsed->n_parts; p++)
    current[p] = mqlw_signoff_recompute_part (parsed, p);
  for (guint i = 0; ok && i < json_array_get_length (records); i++)
    {
      MqlwSignatureCheck *check = g_new0 (MqlwSignatureCheck, 1);

      g_ptr_array_add (result->signatures, check);
      ok = check_record (parsed, document, json_array_get_element (records, i), i, current, allowed_signers, seen,
                         result, check, cancellable, error);
      if (ok)
        add_message (result, g_strdup (check->message));
    }
  for (guint p = 0; p < parsed->n_parts; p++)
    g_free (current[p]);
  if (!ok)
    return FALSE;
  if (json_array_get_length (records) == 0)
    add_message (result, g_strdup (_("Not signed with keys yet: no approver has signed this export with a key")));
  if (!result->team_signed[MQLW_TEAM_MARKETING])
    report_missing_team (parsed, MQLW_TEAM_MARKETING, result);
  if (!result->team_signed[MQLW_TEAM_SALES])
    report_missing_team (parsed, MQLW_TEAM_SALES, result);
  return TRUE;
}

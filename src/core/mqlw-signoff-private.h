/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-signoff-private.h — what mqlw-signoff.c, mqlw-signoff-verify.c and
 * mqlw-signatures.c share: the parsed export, digests (the canonical JSON
 * writer is mqlw-json-text.h's). Not for other modules. */
#pragma once

#include "mqlw-signoff.h"
#include "mqlw-json-text.h"

G_BEGIN_DECLS

/* The canonical form of @node (see mqlw-signoff.h): mqlw-json-text.h. */

typedef struct {
  JsonObject *root;                          /* borrowed from the parser */
  guint       format_version;
  guint       n_parts;                       /* 7 (format 1) or 9 */
  JsonNode   *parts[MQLW_SIGNOFF_N_PARTS];   /* borrowed from root, except: */
  JsonNode   *owned[2];                      /* the dates and project_version parts, built */
  GPtrArray  *unknown;                       /* char*: "$.extra" */
} MqlwParsedExport;

void      mqlw_parsed_export_clear (MqlwParsedExport *parsed);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MqlwParsedExport, mqlw_parsed_export_clear)

/* Reads @json as an export. Unknown top-level members are listed in
 * parsed->unknown; with @strict they are an error (PARSE) instead. */
gboolean  mqlw_signoff_parse_export (JsonParser       *parser,
                                     const char       *json,
                                     gssize            len,
                                     gboolean          strict,
                                     MqlwParsedExport *parsed,
                                     GError          **error);
/* The part's digest from the export's content; NULL when it cannot be read. */
char     *mqlw_signoff_recompute_part (MqlwParsedExport *parsed,
                                       MqlwSignoffPart   part);

/* How many parts a sign-off of @format_version covers (7, 9 or 10). */
guint     mqlw_signoff_parts_of_format (guint format_version);

/* mqlw-signoff-sql.c: the sql part of a sign-off of @model over data with
 * the columns of @schema (a new node; never fails: what cannot be built is
 * said in it). */
JsonNode *mqlw_signoff_sql_node     (const MqlwModel   *model,
                                     const MqlwMapping *schema);

/* Makes a format 1 sign-off format 2 (it must have no signatures yet). */
void      mqlw_signoff_upgrade      (MqlwSignoff      *self);
/* The export's object without "signatures" (borrowed). */
JsonObject *mqlw_signoff_get_document (MqlwSignoff    *self);

/* mqlw-signatures.c */
MqlwSignature *mqlw_signature_from_node (JsonNode            *node,
                                         guint                index,
                                         guint                n_parts,
                                         GPtrArray           *unknown,
                                         GError             **error);
JsonNode      *mqlw_signature_to_node   (const MqlwSignature *signature,
                                         guint                n_parts);
/* The signed bytes: @document (the export without "signatures") with
 * "signer": @record (a $.signatures element) without its signature and
 * fingerprint, in canonical form. */
GBytes        *mqlw_signature_payload   (JsonObject          *document,
                                         JsonNode            *record);
/* Checks every record of $.signatures into @result (signatures, team_signed,
 * messages, unknown_members). FALSE with @error when ssh-keygen cannot run. */
gboolean       mqlw_signatures_check    (MqlwParsedExport    *parsed,
                                         const char          *allowed_signers,
                                         MqlwVerifyResult    *result,
                                         GCancellable        *cancellable,
                                         GError             **error);

/* What mqlw-signoff-verify.c shares with mqlw-signoff.c: the digests of a
 * part (its canonical text's SHA-256), of the model part and of them all;
 * the model of a "model" part; the sign-off an export holds; the
 * "bucket_spec" a metrics part records (NULL: none). */
char        *mqlw_signoff_digest_node        (JsonNode          *node);
char        *mqlw_signoff_digest_model       (const MqlwModel   *model);
char        *mqlw_signoff_digest_overall     (char * const      *part_digests,
                                              guint              format_version);
MqlwModel   *mqlw_signoff_model_from_node    (JsonNode          *node,
                                              GError           **error);
MqlwSignoff *mqlw_signoff_from_parsed        (MqlwParsedExport  *parsed,
                                              gboolean           with_signatures,
                                              GError           **error);
const char  *mqlw_signoff_stored_bucket_spec (JsonNode          *metrics);

/* A member read from a hostile export: @fallback unless it is a string (an
 * int), where json-glib's getters would warn on a list or an object. */
static inline const char *
mqlw_signoff_member_string (JsonObject *object,
                            const char *name,
                            const char *fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fallback;
  return json_node_get_string (node);
}

static inline gint64
mqlw_signoff_member_int (JsonObject *object,
                         const char *name,
                         gint64      fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  return json_node_get_int (node);
}

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-signoff.h — the agreed model: a model version both teams signed, its
 * canonical digest, the agreed-model export (JSON) and its verification.
 *
 * Seed 002: the MQL definition is "written down in a shared doc both teams
 * reference; specific with exact scores, grades and exceptions; agreed to by
 * both marketing and sales leadership; reviewed quarterly".
 *
 * What a sign-off covers — its PARTS, in this fixed order:
 *   model       the model's criteria: mqlw_model_to_json (model, FALSE) of the
 *               model with its threshold set to 0 and its capacity to "not set"
 *               (so that a changed threshold is reported as "threshold", not "model")
 *   threshold   {"threshold": N}
 *   capacity    {"capacity_per_month": N or null}
 *   dataset     {"file": …, "leads": N, "sha256": …}: the source file's SHA-256
 *               (dataset->source_sha256), or for data built in memory a SHA-256
 *               over its arrays (prefixed "content:")
 *   metrics     {"bucket_spec": "auto", "buckets": […], "preview": {…}}: the
 *               bucket table with the bucket scheme on show when it was signed
 *               (MQLW_SIGNOFF_BUCKET_SPEC when none was given) and the default
 *               verdict cuts, and the threshold preview at the signed threshold
 *               and capacity; verification rebuilds them with the recorded scheme
 *   approvers   [{"name": …, "role": …, "team": "marketing"|"sales"}, …] in signing order
 *   notes       {"notes": "…"}
 *   dates       {"signed_on": "YYYY-MM-DD", "review_on": "YYYY-MM-DD"}   (format 2)
 *   project_version {"project_version": N}                             (format 2)
 *   sql         {"table": "leads", "schema": {the table's columns, as a mapping},
 *                "queries": {"sqlite": {"sql": SHA-256, "sql-aggregate": …,
 *                "sql-sample": …}, "duckdb": …}}: the digest of each warehouse
 *               query of the model (mqlw-sql.h) over the signed data's columns,
 *               per dialect, so that a warehouse job can prove it runs the
 *               agreed model (sha256sum of the query it runs); a query the
 *               data cannot have (no lead id, no outcome) is left out, with
 *               "unavailable": the reason                             (format 3)
 * Format 1 exports (before key signatures) have the first seven parts only:
 * their dates and project version were recorded but not covered. Format 2
 * exports (before the warehouse queries) have the first nine.
 *
 * Canonical form of a part (what its SHA-256 is taken over): the part's JSON
 * value rebuilt with every object's members sorted by key (byte order), arrays
 * kept in order, integral numbers below 2^53 written as integers and every
 * other number as json-glib writes a double (%.17g, so a value read back from
 * the file gives the same bytes); metric rates and shares are rounded to 6
 * decimals and scores to 2 before they are stored. Then json-glib's compact
 * generator output, UTF-8 (mqlw_json_canonical_text: the one canonical
 * writer). The model part uses the model module's own canonical JSON instead
 * (fixed key order, see mqlw-model.h).
 * Part digest = lowercase hex SHA-256 (GChecksum) of the canonical bytes.
 * Sign-off digest = SHA-256 of "mqlw-signoff-F\n" (F: the format, 1 or 2)
 * followed by one line "<part>=<part digest>\n" per part, in the order above.
 * The digests only say "changed since export": anyone can recompute them.
 *
 * KEY SIGNATURES (format 2). Each approver signs with an Ed25519 key of their
 * own (mqlw-keys.h), through OpenSSH's SSHSIG (mqlw-sshsig.h, namespace
 * "mql-workbench"). The export's "signatures" list holds one record per
 * signature:
 *   {"name", "team", "signed_at" (UTC, "2025-11-30T14:05:09Z"),
 *    "key" ("ssh-ed25519 AAAA…"), "fingerprint" ("SHA256:…"),
 *    "part_digests" (the part digests when signed), "signature" (armored)}
 * The signer must be one of the approvers (same name and team), once.
 * The SIGNED PAYLOAD of a record is the canonical text (see above) of the
 * export's top-level object without "signatures", with one member added:
 *   "signer": the record without "signature" and "fingerprint".
 * So every signature covers everything in the export (every part, the dates,
 * the project version, the digests, and any member someone adds) and its own
 * signer, date and key. mqlw_signoff_payload gives these bytes, so that anyone
 * can check a signature with `ssh-keygen -Y verify` alone.
 *
 * An export is SIGNED OFF when it holds valid signatures, by keys trusted for
 * the names (git's allowed_signers lines), from at least one marketing and one
 * sales approver, and nothing changed. An unknown top-level member is an error
 * when reading, and a finding when verifying.
 *
 * The export (mqlw_signoff_to_json) holds every part in readable form, the
 * dates, "part_digests", "digest" and "signatures"; verification recomputes
 * each part's digest from the content and names the parts that no longer
 * match, and checks every signature. */
#pragma once

#include <json-glib/json-glib.h>

#include "mqlw-dataset.h"
#include "mqlw-model.h"
#include "mqlw-calibration.h"
#include "mqlw-keys.h"
#include "mqlw-mapping.h"

G_BEGIN_DECLS

#define MQLW_SIGNOFF_FORMAT         "mql-workbench-agreed-model"
#define MQLW_SIGNOFF_FORMAT_VERSION 3
#define MQLW_SIGNOFF_BUCKET_SPEC    "width:10"

#define MQLW_SIGNOFF_ERROR (mqlw_signoff_error_quark ())
typedef enum {
  MQLW_SIGNOFF_ERROR_APPROVERS = 1,   /* not at least one marketing and one sales approver, or a blank name */
  MQLW_SIGNOFF_ERROR_PARSE,           /* not JSON, or not an agreed-model export: names the JSON path */
  MQLW_SIGNOFF_ERROR_VERSION,         /* an export from a newer MQL Workbench */
  MQLW_SIGNOFF_ERROR_SCORE,           /* the model cannot be applied to the data */
  MQLW_SIGNOFF_ERROR_IO,
  MQLW_SIGNOFF_ERROR_CANCELLED,
  MQLW_SIGNOFF_ERROR_SIGN,            /* cannot add this signature: not an approver, signed already, changed since export */
} MqlwSignoffError;
GQuark mqlw_signoff_error_quark (void);

typedef enum {
  MQLW_TEAM_MARKETING = 1,
  MQLW_TEAM_SALES,
} MqlwTeam;

const char *mqlw_team_to_string   (MqlwTeam    team);    /* "marketing", "sales" */
gboolean    mqlw_team_from_string (const char *text,     /* case-insensitive */
                                   MqlwTeam   *team);

typedef struct {
  char     *name;
  char     *role;       /* "VP Marketing"; may be empty */
  MqlwTeam  team;
} MqlwApprover;

MqlwApprover *mqlw_approver_new   (const char  *name,
                                   const char  *role,
                                   MqlwTeam     team);
/* "Name|Role|team" as the CLI takes it (role may be empty: "Name||sales"). */
MqlwApprover *mqlw_approver_parse (const char  *text,
                                   GError     **error);
void          mqlw_approver_free  (MqlwApprover *approver);

typedef enum {
  MQLW_SIGNOFF_PART_MODEL = 0,
  MQLW_SIGNOFF_PART_THRESHOLD,
  MQLW_SIGNOFF_PART_CAPACITY,
  MQLW_SIGNOFF_PART_DATASET,
  MQLW_SIGNOFF_PART_METRICS,
  MQLW_SIGNOFF_PART_APPROVERS,
  MQLW_SIGNOFF_PART_NOTES,
  MQLW_SIGNOFF_PART_DATES,            /* format 2 */
  MQLW_SIGNOFF_PART_PROJECT_VERSION,  /* format 2 */
  MQLW_SIGNOFF_PART_SQL,              /* format 3 */
  MQLW_SIGNOFF_N_PARTS
} MqlwSignoffPart;

#define MQLW_SIGNOFF_N_PARTS_V1 7
#define MQLW_SIGNOFF_N_PARTS_V2 9

const char *mqlw_signoff_part_to_string (MqlwSignoffPart part);   /* "model", "threshold", "capacity", "dataset",
                                                                     "metrics", "approvers", "notes", "dates",
                                                                     "project_version", "sql" */
const char *mqlw_signoff_part_label     (MqlwSignoffPart part);   /* "The model's criteria", … for people */

/* One key signature (see above). */
typedef struct {
  char     *name;
  MqlwTeam  team;
  char     *signed_at;                          /* "2025-11-30T14:05:09Z" */
  char     *key;                                /* "ssh-ed25519 AAAA…" */
  char     *fingerprint;                        /* "SHA256:…" */
  char     *part_digests[MQLW_SIGNOFF_N_PARTS]; /* as signed */
  char     *signature;                          /* armored SSHSIG */
} MqlwSignature;

void mqlw_signature_free (MqlwSignature *signature);

typedef struct _MqlwSignoff MqlwSignoff;

struct _MqlwSignoff {
  /*< public, read-only >*/
  MqlwModel  *model;              /* as signed, threshold and capacity included */
  double      threshold;
  double      capacity_per_month; /* NAN = not set */
  char       *dataset_file;
  char       *dataset_sha256;     /* hex, or "content:<hex>" */
  guint64     dataset_leads;
  JsonNode   *metrics;            /* {"bucket_spec","buckets","preview"} as stored (see above) */
  GPtrArray  *approvers;          /* MqlwApprover* */
  char       *notes;              /* never NULL */
  GDate       signed_on;
  GDate       review_on;          /* default: signed_on + 3 months ("reviewed quarterly") */
  guint       version;            /* the project's model version number; 0 = none */
  char       *part_digests[MQLW_SIGNOFF_N_PARTS];
  char       *digest;             /* over the part digests, see above */
  guint       format_version;     /* 1 (digests only), 2 (key signatures) or 3 (and the warehouse queries) */
  JsonNode   *sql;                /* the sql part as stored (format 3), else NULL */
  GPtrArray  *signatures;         /* MqlwSignature*, in signing order */
  /*< private >*/
  gatomicrefcount ref_count;
  JsonNode   *document;           /* the export's object without "signatures", as built or read */
};

/* Signs @model over @dataset: refuses (MQLW_SIGNOFF_ERROR_APPROVERS) unless
 * @approvers (MqlwApprover*, copied) hold at least one marketing and one sales
 * approver, each with a name. Scores the data and computes the metrics, so it
 * takes as long as a calibration: call it from a worker thread in the GUI.
 * @signed_on / @review_on nullable: today / three months later. */
MqlwSignoff *mqlw_signoff_create       (MqlwDataset      *dataset,
                                        MqlwModel        *model,
                                        GPtrArray        *approvers,
                                        const char       *notes,
                                        const GDate      *signed_on,
                                        const GDate      *review_on,
                                        guint             version,
                                        const char       *bucket_spec,   /* nullable: MQLW_SIGNOFF_BUCKET_SPEC */
                                        GCancellable     *cancellable,
                                        GError          **error);
/* Makes the warehouse queries recorded by @self those over the columns of
 * @schema (the project's mapping over its dataset: mqlw_sql_schema_from_dataset);
 * mqlw_signoff_create records them over the dataset's columns as detected.
 * Only before anyone signs. */
gboolean     mqlw_signoff_set_sql_schema (MqlwSignoff     *self,
                                          const MqlwMapping *schema,
                                          GError         **error);
/* Which recorded query @sql is (its digest among the sql part's): TRUE and
 * its dialect and kind, or FALSE (also for an export before format 3). */
gboolean     mqlw_signoff_find_query  (const MqlwSignoff *self,
                                       const char       *sql,
                                       char            **dialect,
                                       char            **query);
/* The schema and table the sql part records (format 3), or NULL. */
MqlwMapping *mqlw_signoff_get_sql_schema (const MqlwSignoff *self,
                                          char          **table);
MqlwSignoff *mqlw_signoff_ref          (MqlwSignoff      *self);
void         mqlw_signoff_unref        (MqlwSignoff      *self);

/* The agreed-model export: pretty JSON with "format", "version", every part,
 * "signed_on", "review_on", "project_version", "part_digests" and "digest". */
char        *mqlw_signoff_to_json      (const MqlwSignoff *self);
/* Writes the export atomically (a temporary file renamed over @path). */
gboolean     mqlw_signoff_export       (const MqlwSignoff *self,
                                        const char       *path,
                                        GError          **error);
/* Reads an export back as stored; digests are taken from the file, not checked
 * (see mqlw_signoff_verify). */
MqlwSignoff *mqlw_signoff_from_json    (const char       *json,
                                        gssize            len,
                                        GError          **error);

/* Adds @name's signature (an approver of @self with @team) made with @key
 * (mqlw-keys.h; @passphrase nullable) through ssh-keygen; @signed_at
 * nullable: now. A format 1 sign-off without signatures becomes format 2
 * first (its digests then cover the dates and project version). Blocks while
 * ssh-keygen runs. Returns the new record (borrowed). */
const MqlwSignature *mqlw_signoff_add_signature (MqlwSignoff              *self,
                                                 const MqlwSigningKey     *key,
                                                 const char               *name,
                                                 MqlwTeam                  team,
                                                 const char               *passphrase,
                                                 GDateTime                *signed_at,
                                                 GCancellable             *cancellable,
                                                 GError                  **error);
/* The signature by @name, or NULL. */
const MqlwSignature *mqlw_signoff_find_signature (const MqlwSignoff *self,
                                                  const char        *name);
/* The approvers that have not signed with a key yet (MqlwApprover*, borrowed;
 * free the array), and whether anyone from @team has. Neither checks the
 * signatures: see mqlw_signoff_verify_full. */
GPtrArray   *mqlw_signoff_unsigned_approvers (const MqlwSignoff *self);
gboolean     mqlw_signoff_team_signed  (const MqlwSignoff *self,
                                        MqlwTeam           team);

/* The exact bytes @name's signature covers (see above), read from the export
 * @json as it stands; NULL with MQLW_SIGNOFF_ERROR_PARSE when it cannot be
 * read or holds no signature by @name. */
GBytes      *mqlw_signoff_payload      (const char       *json,
                                        gssize            len,
                                        const char       *name,
                                        GError          **error);

/* The metrics part for @model over @dataset (what a sign-off stores). */
JsonNode    *mqlw_signoff_compute_metrics (MqlwDataset   *dataset,
                                           MqlwModel     *model,
                                           GError       **error);
/* The same with a bucket scheme ("auto", "width:10", …; NULL: the default). */
JsonNode    *mqlw_signoff_compute_metrics_for (MqlwDataset *dataset,
                                               MqlwModel   *model,
                                               const char  *bucket_spec,
                                               GError     **error);
/* The dataset digest a sign-off stores: source SHA-256, or "content:" + a
 * SHA-256 over the arrays for data built in memory (its columns loaded: see
 * mqlw_dataset_load_columns ()). */
char        *mqlw_dataset_digest       (MqlwDataset      *dataset);

typedef enum {
  MQLW_SIGNATURE_TRUSTED = 1,       /* valid, and the key is trusted for the name */
  MQLW_SIGNATURE_UNKNOWN_KEY,       /* valid, but the key is not trusted for the name (or no trust list given) */
  MQLW_SIGNATURE_INVALID,           /* does not match the export, or a damaged record */
} MqlwSignatureStatus;

typedef struct {
  char                *name;
  MqlwTeam             team;        /* 0 when the record has no readable team */
  char                *fingerprint; /* of the key in the record; may be empty */
  char                *signed_at;
  MqlwSignatureStatus  status;
  char                *message;     /* one sentence for people */
} MqlwSignatureCheck;

typedef struct {
  guint    changed;                 /* bit (1 << MqlwSignoffPart) per part whose content no longer matches its digest */
  gboolean digest_ok;               /* the sign-off digest matches the part digests written in the file */
  gboolean data_checked;            /* a dataset was given */
  gboolean data_same_file;          /* its digest equals the signed dataset digest */
  gboolean data_metrics_match;      /* the metrics recomputed from it equal the signed metrics */
  GPtrArray *messages;              /* char*: one plain sentence per finding, for people */
  guint      format_version;        /* of the export */
  GPtrArray *unknown_members;       /* char*: "$.extra", "$.signatures[0].note": members no export has */
  GPtrArray *signatures;            /* MqlwSignatureCheck*, in the file's order (format 2) */
  gboolean   trust_checked;         /* a trust list was given */
  gboolean   team_signed[3];        /* [MQLW_TEAM_MARKETING], [MQLW_TEAM_SALES]: a valid (and, with a
                                       trust list, trusted) signature from that team */
} MqlwVerifyResult;

/* The exit rule of mqlw verify: nothing changed, no unknown member, the
 * figures match when data was given, no invalid signature; and when a trust
 * list was given, every signature trusted and both teams signed. */
gboolean mqlw_verify_result_ok         (const MqlwVerifyResult *result);
/* Signed with keys, every signature valid and trusted, both teams present. */
gboolean mqlw_verify_result_signed_off (const MqlwVerifyResult *result);

void mqlw_verify_result_free (MqlwVerifyResult *result);

/* Checks an export: TRUE on a readable export (then see @result: OK means
 * changed == 0 && digest_ok, and with data also both data_* TRUE); FALSE with
 * @error only when @json is no agreed-model export at all. @dataset nullable:
 * when given, the metrics are recomputed from it with the signed model. */
gboolean mqlw_signoff_verify (const char        *json,
                              gssize             len,
                              MqlwDataset       *dataset,
                              MqlwVerifyResult **result,
                              GError           **error);
/* The same, and checks every key signature with ssh-keygen: valid, and with
 * @allowed_signers (nullable: the text of an allowed_signers file, e.g. the
 * project's trusted approver cards) trusted for the signer's name. FALSE with
 * @error also when ssh-keygen cannot be run for an export that has
 * signatures. Blocks while ssh-keygen runs. */
gboolean mqlw_signoff_verify_full (const char        *json,
                                   gssize             len,
                                   MqlwDataset       *dataset,
                                   const char        *allowed_signers,
                                   GCancellable      *cancellable,
                                   MqlwVerifyResult **result,
                                   GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwApprover, mqlw_approver_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwSignature, mqlw_signature_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwSignoff, mqlw_signoff_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwVerifyResult, mqlw_verify_result_free)

G_END_DECLS

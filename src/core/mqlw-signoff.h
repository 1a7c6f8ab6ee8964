/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-signoff.h — the agreed model: a model version both teams signed, its
 * canonical digest, the agreed-model export (JSON) and its verification.
 *
 * Seed 002: the MQL definition is "written down in a shared doc both teams
 * reference; specific with exact scores, grades and exceptions; agreed to by
 * both marketing and sales leadership; reviewed quarterly".
 *
 * What a sign-off covers — its seven PARTS, in this fixed order:
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
 * The dates (signed on, review on) and the project version are recorded but not
 * covered, exactly as the brief lists the parts.
 *
 * Canonical form of a part (what its SHA-256 is taken over): the part's JSON
 * value rebuilt with every object's members sorted by key (byte order), arrays
 * kept in order, integral numbers below 2^53 written as integers and every
 * other number as json-glib writes a double (%.17g, so a value read back from
 * the file gives the same bytes); metric rates and shares are rounded to 6
 * decimals and scores to 2 before they are stored. Then json-glib's compact
 * generator output, UTF-8. The model part uses the model module's own canonical
 * JSON instead (fixed key order, see mqlw-model.h).
 * Part digest = lowercase hex SHA-256 (GChecksum) of the canonical bytes.
 * Sign-off digest = SHA-256 of "mqlw-signoff-1\n" followed by one line
 * "<part>=<part digest>\n" per part, in the order above.
 *
 * The export (mqlw_signoff_to_json) holds every part in readable form, the
 * dates, "part_digests" and "digest"; verification recomputes each part's
 * digest from the content and names the parts that no longer match. */
#pragma once

#include <json-glib/json-glib.h>

#include "mqlw-dataset.h"
#include "mqlw-model.h"
#include "mqlw-calibration.h"

G_BEGIN_DECLS

#define MQLW_SIGNOFF_FORMAT         "mql-workbench-agreed-model"
#define MQLW_SIGNOFF_FORMAT_VERSION 1
#define MQLW_SIGNOFF_BUCKET_SPEC    "width:10"

#define MQLW_SIGNOFF_ERROR (mqlw_signoff_error_quark ())
typedef enum {
  MQLW_SIGNOFF_ERROR_APPROVERS = 1,   /* not at least one marketing and one sales approver, or a blank name */
  MQLW_SIGNOFF_ERROR_PARSE,           /* not JSON, or not an agreed-model export: names the JSON path */
  MQLW_SIGNOFF_ERROR_VERSION,         /* an export from a newer MQL Workbench */
  MQLW_SIGNOFF_ERROR_SCORE,           /* the model cannot be applied to the data */
  MQLW_SIGNOFF_ERROR_IO,
  MQLW_SIGNOFF_ERROR_CANCELLED,
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
  MQLW_SIGNOFF_N_PARTS
} MqlwSignoffPart;

const char *mqlw_signoff_part_to_string (MqlwSignoffPart part);   /* "model", "threshold", "capacity", "dataset",
                                                                     "metrics", "approvers", "notes" */
const char *mqlw_signoff_part_label     (MqlwSignoffPart part);   /* "The model's criteria", … for people */

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
  /*< private >*/
  gatomicrefcount ref_count;
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
 * SHA-256 over the arrays for data built in memory. */
char        *mqlw_dataset_digest       (MqlwDataset      *dataset);

typedef struct {
  guint    changed;                 /* bit (1 << MqlwSignoffPart) per part whose content no longer matches its digest */
  gboolean digest_ok;               /* the sign-off digest matches the part digests written in the file */
  gboolean data_checked;            /* a dataset was given */
  gboolean data_same_file;          /* its digest equals the signed dataset digest */
  gboolean data_metrics_match;      /* the metrics recomputed from it equal the signed metrics */
  GPtrArray *messages;              /* char*: one plain sentence per finding, for people */
} MqlwVerifyResult;

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwApprover, mqlw_approver_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwSignoff, mqlw_signoff_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwVerifyResult, mqlw_verify_result_free)

G_END_DECLS

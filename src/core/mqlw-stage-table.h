/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-stage-table.h — the built-in table that reads the values of a lifecycle
 * or stage column as the furthest funnel stage reached, open or closed.
 *
 * It covers the default picklists of the platforms' standard exports: HubSpot
 * lifecycle stages, lead statuses and deal stages; Salesforce lead statuses and
 * opportunity stages; Marketo's revenue-cycle statuses; Dynamics 365 lead and
 * opportunity status reasons; and generic words (Won, Lost, Qualified, …).
 * Values match ignoring case and punctuation: "Closed - Won", "closed_won" and
 * "Closed Won" are one value.
 *
 * A few words mean different things on a lead and on an opportunity: "Lost"
 * disqualifies a Dynamics lead but closes an opportunity; "Open" is a new lead
 * or an open deal. A column is read in the context its name and values show
 * (mqlw_stage_table_context). A mapping's stage_values override single values;
 * every other value still reads through this table. */
#pragma once

#include "mqlw-mapping.h"

G_BEGIN_DECLS

typedef enum {
  MQLW_STAGE_CONTEXT_ANY = 0,     /* a lifecycle column: any record */
  MQLW_STAGE_CONTEXT_LEAD,        /* a lead's status or lifecycle: "Lost" and "Canceled" end the lead */
  MQLW_STAGE_CONTEXT_OPPORTUNITY, /* each row is an opportunity: open values reached it */
} MqlwStageContext;

typedef struct {
  const char       *value;       /* as the platform spells it */
  int               furthest;    /* MqlwStage reached, or -1 for none */
  gboolean          closed;      /* the funnel ended here */
  MqlwStageContext  context;     /* ANY, or the one context the entry applies in */
  const char       *source;      /* where the value comes from ("HubSpot lifecycle stage"), untranslated */
  gboolean          unknown_before; /* closed without a win, the stages before it unknown: a lifecycle's
                                     * "Lost" may come after SQL or an opportunity (only "not won" is known) */
} MqlwStageTableEntry;

/* Every entry, for the documentation and its test. */
const MqlwStageTableEntry *mqlw_stage_table_entries (guint            *n_entries);

/* The context of a column named @column_name (nullable) holding @values
 * (NULL-terminated, nullable): opportunity when its name speaks of
 * opportunities or deals or a value only an opportunity has (Prospecting,
 * Negotiation/Review, Out-Sold, …); lead when a value only a lead status has
 * (Working - Contacted, Cannot Contact, Attempted to Contact, …); else any. */
MqlwStageContext           mqlw_stage_table_context (const char         *column_name,
                                                     const char * const *values);

/* The entry for @value in @context (an entry of that context first, then one
 * for any context); NULL when the table does not know the value. */
const MqlwStageTableEntry *mqlw_stage_table_lookup  (MqlwStageContext    context,
                                                     const char         *value);

/* Whether @entry, read in a column named @column_name (nullable), leaves the
 * stages before its close unknown: a lifecycle's "Lost" (Mautic's stages are
 * the user's own, a Lost contact may have been an SQL) does, a Dynamics 365
 * lead's Status Reason "Lost" (a disqualified lead, never qualified) does not. */
gboolean                   mqlw_stage_table_unknown_before (const MqlwStageTableEntry *entry,
                                                            const char                *column_name);

/* @value lower-cased with every run of punctuation and spaces made one space,
 * trimmed: the form values are compared in. */
char                      *mqlw_stage_table_normalize (const char       *value);

/* How a stage column's values were read in one import (mqlw-import fills it). */
typedef struct {
  char      *column;
  char      *value;
  int        furthest;   /* -1 for none */
  gboolean   closed;
  gboolean   unknown_before; /* closed, not won, the stages before unknown (MqlwStageTableEntry) */
  gboolean   known;      /* FALSE: neither the mapping nor the table knows it; its leads stay unknown */
  gboolean   from_mapping;
  guint64    leads;
} MqlwStageUse;

void                       mqlw_stage_use_free      (MqlwStageUse       *use);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-roles.h — which column is what, from the names and value conventions of
 * the platforms' standard exports and generic names, each detection with its
 * reason ("named like an outcome (SQL); values 0/1").
 *
 *   lead id      Record ID (HubSpot), Lead ID (Salesforce), Id (Marketo), Prospect Id
 *                (Account Engagement), (Do Not Modify) Lead (Dynamics 365), mql_id, or
 *                else the first *_id column whose values are unique
 *   created      Create Date, Created Date, Created At, Created On, first_contact_date,
 *                engage_date, …, or else the earliest *_date / *_at column; values dates
 *   outcome      a 0/1, yes/no, true/false or date column named like a stage: sal, sql,
 *                Converted / Converted Date (SQL: Salesforce converts a lead when sales
 *                qualifies it), opportunity, Is Won, closed_won, won, customer, HubSpot's
 *                "Became a Sales Qualified Lead / an Opportunity / a Customer Date"
 *   as of        MQL Date, "Became a Marketing Qualified Lead Date", as_of, handover_date
 *   stage        Lifecycle Stage, Lead Status, Status Reason, Stage, deal_stage, status,
 *                *_stage, and *_status whose values are stage names (mqlw-stage-table.h);
 *                several stage columns combine
 *   score        HubSpot Score, Lead Score, Score, Person Score, *_score; numbers. With
 *                several, the headline one (Lead Score over Behavior Score and
 *                Demographic Score) is the score and the parts are fit fields
 *   deal amount  Amount, Est. Revenue, close_value, deal_value; numbers
 *   activity     *_views, *_clicks, *_downloads, … (counts); Last Activity Date and
 *                *_last_at when their values are dates ("Last Activity" holding text
 *                such as "Email Opened" is a fit field)
 *   fit          everything else, Grade and Rating included (usable in rules)
 * Roles a mapping sets are kept as they are (their reason is NULL). */
#pragma once

#include "mqlw-mapping.h"

G_BEGIN_DECLS

/* Fills role, stage, activity and reason of every column of @mapping whose role
 * is not set, looking at the values of @rows (a GStrv per row, columns in the
 * mapping's order; values the mapping reads as missing are skipped). May turn
 * the type of a column with no values into a date when its name says so. */
void            mqlw_roles_detect      (MqlwMapping     *mapping,
                                        GPtrArray       *rows);

/* The role a name alone suggests for a column of @type; @stage (nullable)
 * receives an outcome's stage, @reason (nullable) why. */
MqlwColumnRole  mqlw_roles_guess_name  (const char      *header,
                                        MqlwColumnType   type,
                                        MqlwStage       *stage,
                                        char           **reason);

/* Whether @header is named like a platform's score ("Points", "Lead Score"):
 * its 0/1 values are then points, not yes/no. */
gboolean        mqlw_roles_name_is_score (const char    *header);

/* Whether an outcome column named @header is read "filled = reached", any
 * value being an id (Salesforce's ConvertedOpportunityId): a blank reads as a
 * blank date does (not reached where the stage before is known). */
gboolean        mqlw_roles_filled_is_reached (const char *header);

/* "Became a Customer Date" → "became_a_customer_date"; "CreatedDate" →
 * "created_date" (camel case is split only in names without spaces). */
char           *mqlw_roles_normalize   (const char      *header);

G_END_DECLS

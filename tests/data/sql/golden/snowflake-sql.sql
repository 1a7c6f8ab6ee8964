-- MQL Workbench: model "Every operator on every column type", threshold 20.005
-- Snowflake query (sql) over leads: every lead's score: lead_id, score, grade, mql, path, disqualified
WITH src AS (
  SELECT * FROM leads
),
mqlw_text AS (
  SELECT
    NULLIF(TRIM(CAST(lead_id AS VARCHAR), ' \t'), '') AS mqlw_u0,
    NULLIF(TRIM(CAST(email AS VARCHAR), ' \t'), '') AS mqlw_u1,
    NULLIF(TRIM(CAST(job_title AS VARCHAR), ' \t'), '') AS mqlw_u2,
    NULLIF(TRIM(CAST(seniority AS VARCHAR), ' \t'), '') AS mqlw_u3,
    NULLIF(TRIM(CAST(company_size AS VARCHAR), ' \t'), '') AS mqlw_u4,
    NULLIF(TRIM(CAST(revenue AS VARCHAR), ' \t'), '') AS mqlw_u5,
    NULLIF(TRIM(CAST(is_partner AS VARCHAR), ' \t'), '') AS mqlw_u6,
    NULLIF(TRIM(CAST(country AS VARCHAR), ' \t'), '') AS mqlw_u7,
    NULLIF(TRIM(CAST(as_of AS VARCHAR), ' \t'), '') AS mqlw_u9,
    NULLIF(TRIM(CAST(signup_date AS VARCHAR), ' \t'), '') AS mqlw_u10,
    NULLIF(TRIM(CAST(demo_requests AS VARCHAR), ' \t'), '') AS mqlw_u11,
    NULLIF(TRIM(CAST(webinars AS VARCHAR), ' \t'), '') AS mqlw_u12,
    NULLIF(TRIM(CAST(webinars_date AS VARCHAR), ' \t'), '') AS mqlw_u13,
    NULLIF(TRIM(CAST(unsubscribed AS VARCHAR), ' \t'), '') AS mqlw_u14,
    NULLIF(TRIM(CAST(last_activity_at AS VARCHAR), ' \t'), '') AS mqlw_u15
  FROM src
),
mqlw_clean AS (
  SELECT
    CASE WHEN replace(replace(replace(replace(replace(lower(TRIM(mqlw_u0, ' \t-_.()[]<>?*"''')), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (TRIM(mqlw_u0, '0-/.: T') = '' AND length(mqlw_u0) - length(replace(mqlw_u0, '0', '')) >= 8 AND replace(mqlw_u0, '0', '') <> '' AND length(mqlw_u0) < 32) THEN NULL ELSE mqlw_u0 END AS mqlw_t0,
    CASE WHEN replace(replace(replace(replace(replace(lower(TRIM(mqlw_u1, ' \t-_.()[]<>?*"''')), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (TRIM(mqlw_u1, '0-/.: T') = '' AND length(mqlw_u1) - length(replace(mqlw_u1, '0', '')) >= 8 AND replace(mqlw_u1, '0', '') <> '' AND length(mqlw_u1) < 32) THEN NULL ELSE mqlw_u1 END AS mqlw_t1,
    CASE WHEN replace(replace(replace(replace(replace(lower(TRIM(mqlw_u2, ' \t-_.()[]<>?*"''')), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (TRIM(mqlw_u2, '0-/.: T') = '' AND length(mqlw_u2) - length(replace(mqlw_u2, '0', '')) >= 8 AND replace(mqlw_u2, '0', '') <> '' AND length(mqlw_u2) < 32) THEN NULL ELSE mqlw_u2 END AS mqlw_t2,
    CASE WHEN replace(replace(replace(replace(replace(lower(TRIM(mqlw_u3, ' \t-_.()[]<>?*"''')), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (TRIM(mqlw_u3, '0-/.: T') = '' AND length(mqlw_u3) - length(replace(mqlw_u3, '0', '')) >= 8 AND replace(mqlw_u3, '0', '') <> '' AND length(mqlw_u3) < 32) THEN NULL ELSE mqlw_u3 END AS mqlw_t3,
    CASE WHEN replace(replace(replace(replace(replace(lower(TRIM(mqlw_u4, ' \t-_.()[]<>?*"''')), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (TRIM(mqlw_u4, '0-/.: T') = '' AND length(mqlw_u4) - length(replace(mqlw_u4, '0', '')) >= 8 AND replace(mqlw_u4, '0', '') <> '' AND length(mqlw_u4) < 32) THEN NULL ELSE mqlw_u4 END AS mqlw_t4,
    CASE WHEN replace(replace(replace(replace(replace(lower(TRIM(mqlw_u5, ' \t-_.()[]<>?*"''')), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (TRIM(mqlw_u5, '0-/.: T') = '' AND length(mqlw_u5) - length(replace(mqlw_u5, '0', '')) >= 8 AND replace(mqlw_u5, '0', '') <> '' AND length(mqlw_u5) < 32) THEN NULL ELSE mqlw_u5 END AS mqlw_t5,
    CASE WHEN replace(replace(replace(replace(replace(lower(TRIM(mqlw_u6, ' \t-_.()[]<>?*"''')), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (TRIM(mqlw_u6, '0-/.: T') = '' AND length(mqlw_u6) - length(replace(mqlw_u6, '0', '')) >= 8 AND replace(mqlw_u6, '0', '') <> '' AND length(mqlw_u6) < 32) THEN NULL ELSE mqlw_u6 END AS mqlw_t6,
    CASE WHEN replace(replace(replace(replace(replace(lower(TRIM(mqlw_u7, ' \t-_.()[]<>?*"''')), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (TRIM(mqlw_u7, '0-/.: T') = '' AND length(mqlw_u7) - length(replace(mqlw_u7, '0', '')) >= 8 AND replace(mqlw_u7, '0', '') <> '' AND length(mqlw_u7) < 32) THEN NULL ELSE mqlw_u7 END AS mqlw_t7,
    CASE WHEN replace(replace(replace(replace(replace(lower(TRIM(mqlw_u9, ' \t-_.()[]<>?*"''')), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (TRIM(mqlw_u9, '0-/.: T') = '' AND length(mqlw_u9) - length(replace(mqlw_u9, '0', '')) >= 8 AND replace(mqlw_u9, '0', '') <> '' AND length(mqlw_u9) < 32) THEN NULL ELSE mqlw_u9 END AS mqlw_t9,
    CASE WHEN replace(replace(replace(replace(replace(lower(TRIM(mqlw_u10, ' \t-_.()[]<>?*"''')), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (TRIM(mqlw_u10, '0-/.: T') = '' AND length(mqlw_u10) - length(replace(mqlw_u10, '0', '')) >= 8 AND replace(mqlw_u10, '0', '') <> '' AND length(mqlw_u10) < 32) THEN NULL ELSE mqlw_u10 END AS mqlw_t10,
    CASE WHEN replace(replace(replace(replace(replace(lower(TRIM(mqlw_u11, ' \t-_.()[]<>?*"''')), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (TRIM(mqlw_u11, '0-/.: T') = '' AND length(mqlw_u11) - length(replace(mqlw_u11, '0', '')) >= 8 AND replace(mqlw_u11, '0', '') <> '' AND length(mqlw_u11) < 32) THEN NULL ELSE mqlw_u11 END AS mqlw_t11,
    CASE WHEN replace(replace(replace(replace(replace(lower(TRIM(mqlw_u12, ' \t-_.()[]<>?*"''')), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (TRIM(mqlw_u12, '0-/.: T') = '' AND length(mqlw_u12) - length(replace(mqlw_u12, '0', '')) >= 8 AND replace(mqlw_u12, '0', '') <> '' AND length(mqlw_u12) < 32) THEN NULL ELSE mqlw_u12 END AS mqlw_t12,
    CASE WHEN replace(replace(replace(replace(replace(lower(TRIM(mqlw_u13, ' \t-_.()[]<>?*"''')), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (TRIM(mqlw_u13, '0-/.: T') = '' AND length(mqlw_u13) - length(replace(mqlw_u13, '0', '')) >= 8 AND replace(mqlw_u13, '0', '') <> '' AND length(mqlw_u13) < 32) THEN NULL ELSE mqlw_u13 END AS mqlw_t13,
    CASE WHEN replace(replace(replace(replace(replace(lower(TRIM(mqlw_u14, ' \t-_.()[]<>?*"''')), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (TRIM(mqlw_u14, '0-/.: T') = '' AND length(mqlw_u14) - length(replace(mqlw_u14, '0', '')) >= 8 AND replace(mqlw_u14, '0', '') <> '' AND length(mqlw_u14) < 32) THEN NULL ELSE mqlw_u14 END AS mqlw_t14,
    CASE WHEN replace(replace(replace(replace(replace(lower(TRIM(mqlw_u15, ' \t-_.()[]<>?*"''')), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (TRIM(mqlw_u15, '0-/.: T') = '' AND length(mqlw_u15) - length(replace(mqlw_u15, '0', '')) >= 8 AND replace(mqlw_u15, '0', '') <> '' AND length(mqlw_u15) < 32) THEN NULL ELSE mqlw_u15 END AS mqlw_t15
  FROM mqlw_text
),
mqlw_date1 AS (
  SELECT
    mqlw_t0,
    mqlw_t1,
    mqlw_t2,
    mqlw_t3,
    mqlw_t4,
    mqlw_t5,
    mqlw_t6,
    mqlw_t7,
    mqlw_t9,
    mqlw_t10,
    mqlw_t11,
    mqlw_t12,
    mqlw_t13,
    mqlw_t14,
    mqlw_t15,
    CASE WHEN substr(mqlw_t9, 1, 1) BETWEEN '0' AND '9' AND substr(mqlw_t9, 2, 1) BETWEEN '0' AND '9' AND substr(mqlw_t9, 3, 1) BETWEEN '0' AND '9' AND substr(mqlw_t9, 4, 1) BETWEEN '0' AND '9' AND substr(mqlw_t9, 5, 1) = '-' THEN 5 WHEN substr(mqlw_t9, 2, 1) BETWEEN '0' AND '9' THEN 3 ELSE 2 END AS mqlw_k9,
    CASE WHEN length(mqlw_t9) IN (10, 12, 13) AND TRIM(mqlw_t9, '0123456789') = '' THEN CASE WHEN length(mqlw_t9) = 10 THEN TRY_TO_NUMBER(mqlw_t9) ELSE TRUNC(TRY_TO_NUMBER(mqlw_t9) / 1000) END END AS mqlw_es9,
    CASE WHEN substr(mqlw_t10, 1, 1) BETWEEN '0' AND '9' AND substr(mqlw_t10, 2, 1) BETWEEN '0' AND '9' AND substr(mqlw_t10, 3, 1) BETWEEN '0' AND '9' AND substr(mqlw_t10, 4, 1) BETWEEN '0' AND '9' AND substr(mqlw_t10, 5, 1) = '-' THEN 5 WHEN substr(mqlw_t10, 2, 1) BETWEEN '0' AND '9' THEN 3 ELSE 2 END AS mqlw_k10,
    CASE WHEN length(mqlw_t10) IN (10, 12, 13) AND TRIM(mqlw_t10, '0123456789') = '' THEN CASE WHEN length(mqlw_t10) = 10 THEN TRY_TO_NUMBER(mqlw_t10) ELSE TRUNC(TRY_TO_NUMBER(mqlw_t10) / 1000) END END AS mqlw_es10,
    CASE WHEN substr(mqlw_t13, 1, 1) BETWEEN '0' AND '9' AND substr(mqlw_t13, 2, 1) BETWEEN '0' AND '9' AND substr(mqlw_t13, 3, 1) BETWEEN '0' AND '9' AND substr(mqlw_t13, 4, 1) BETWEEN '0' AND '9' AND substr(mqlw_t13, 5, 1) = '-' THEN 5 WHEN substr(mqlw_t13, 2, 1) BETWEEN '0' AND '9' THEN 3 ELSE 2 END AS mqlw_k13,
    CASE WHEN length(mqlw_t13) IN (10, 12, 13) AND TRIM(mqlw_t13, '0123456789') = '' THEN CASE WHEN length(mqlw_t13) = 10 THEN TRY_TO_NUMBER(mqlw_t13) ELSE TRUNC(TRY_TO_NUMBER(mqlw_t13) / 1000) END END AS mqlw_es13,
    CASE WHEN substr(mqlw_t15, 1, 1) BETWEEN '0' AND '9' AND substr(mqlw_t15, 2, 1) BETWEEN '0' AND '9' AND substr(mqlw_t15, 3, 1) BETWEEN '0' AND '9' AND substr(mqlw_t15, 4, 1) BETWEEN '0' AND '9' AND substr(mqlw_t15, 5, 1) = '-' THEN 5 WHEN substr(mqlw_t15, 2, 1) BETWEEN '0' AND '9' THEN 3 ELSE 2 END AS mqlw_k15,
    CASE WHEN length(mqlw_t15) IN (10, 12, 13) AND TRIM(mqlw_t15, '0123456789') = '' THEN CASE WHEN length(mqlw_t15) = 10 THEN TRY_TO_NUMBER(mqlw_t15) ELSE TRUNC(TRY_TO_NUMBER(mqlw_t15) / 1000) END END AS mqlw_es15
  FROM mqlw_clean
),
mqlw_date2 AS (
  SELECT
    mqlw_t0,
    mqlw_t1,
    mqlw_t2,
    mqlw_t3,
    mqlw_t4,
    mqlw_t5,
    mqlw_t6,
    mqlw_t7,
    mqlw_t9,
    mqlw_t10,
    mqlw_t11,
    mqlw_t12,
    mqlw_t13,
    mqlw_t14,
    mqlw_t15,
    mqlw_k9,
    mqlw_k10,
    mqlw_k13,
    mqlw_k15,
    substr(mqlw_t9, mqlw_k9, 1) AS mqlw_s9,
    TRY_TO_NUMBER(substr(mqlw_t9, 1, mqlw_k9 - 1)) AS mqlw_a9,
    CASE WHEN substr(mqlw_t9, mqlw_k9 + 2, 1) = substr(mqlw_t9, mqlw_k9, 1) THEN mqlw_k9 + 2 ELSE mqlw_k9 + 3 END AS mqlw_j9,
    CASE WHEN mqlw_es9 >= 946684800 AND mqlw_es9 < 4102444800 THEN TRUNC(mqlw_es9 / 86400) END AS mqlw_ep9,
    substr(mqlw_t10, mqlw_k10, 1) AS mqlw_s10,
    TRY_TO_NUMBER(substr(mqlw_t10, 1, mqlw_k10 - 1)) AS mqlw_a10,
    CASE WHEN substr(mqlw_t10, mqlw_k10 + 2, 1) = substr(mqlw_t10, mqlw_k10, 1) THEN mqlw_k10 + 2 ELSE mqlw_k10 + 3 END AS mqlw_j10,
    CASE WHEN mqlw_es10 >= 946684800 AND mqlw_es10 < 4102444800 THEN TRUNC(mqlw_es10 / 86400) END AS mqlw_ep10,
    substr(mqlw_t13, mqlw_k13, 1) AS mqlw_s13,
    TRY_TO_NUMBER(substr(mqlw_t13, 1, mqlw_k13 - 1)) AS mqlw_a13,
    CASE WHEN substr(mqlw_t13, mqlw_k13 + 2, 1) = substr(mqlw_t13, mqlw_k13, 1) THEN mqlw_k13 + 2 ELSE mqlw_k13 + 3 END AS mqlw_j13,
    CASE WHEN mqlw_es13 >= 946684800 AND mqlw_es13 < 4102444800 THEN TRUNC(mqlw_es13 / 86400) END AS mqlw_ep13,
    substr(mqlw_t15, mqlw_k15, 1) AS mqlw_s15,
    TRY_TO_NUMBER(substr(mqlw_t15, 1, mqlw_k15 - 1)) AS mqlw_a15,
    CASE WHEN substr(mqlw_t15, mqlw_k15 + 2, 1) = substr(mqlw_t15, mqlw_k15, 1) THEN mqlw_k15 + 2 ELSE mqlw_k15 + 3 END AS mqlw_j15,
    CASE WHEN mqlw_es15 >= 946684800 AND mqlw_es15 < 4102444800 THEN TRUNC(mqlw_es15 / 86400) END AS mqlw_ep15
  FROM mqlw_date1
),
mqlw_date3 AS (
  SELECT
    mqlw_t0,
    mqlw_t1,
    mqlw_t2,
    mqlw_t3,
    mqlw_t4,
    mqlw_t5,
    mqlw_t6,
    mqlw_t7,
    mqlw_t11,
    mqlw_t12,
    mqlw_t14,
    mqlw_k9,
    mqlw_k10,
    mqlw_k13,
    mqlw_k15,
    mqlw_s9,
    mqlw_a9,
    mqlw_ep9,
    mqlw_s10,
    mqlw_a10,
    mqlw_ep10,
    mqlw_s13,
    mqlw_a13,
    mqlw_ep13,
    mqlw_s15,
    mqlw_a15,
    mqlw_ep15,
    TRY_TO_NUMBER(substr(mqlw_t9, mqlw_k9 + 1, mqlw_j9 - mqlw_k9 - 1)) AS mqlw_bb9,
    CASE WHEN mqlw_k9 = 5 THEN TRY_TO_NUMBER(substr(mqlw_t9, mqlw_j9 + 1, CASE WHEN substr(mqlw_t9, mqlw_j9 + 2, 1) BETWEEN '0' AND '9' THEN 2 ELSE 1 END)) ELSE TRY_TO_NUMBER(substr(mqlw_t9, mqlw_j9 + 1, 4)) END AS mqlw_c9,
    TRY_TO_NUMBER(substr(mqlw_t10, mqlw_k10 + 1, mqlw_j10 - mqlw_k10 - 1)) AS mqlw_bb10,
    CASE WHEN mqlw_k10 = 5 THEN TRY_TO_NUMBER(substr(mqlw_t10, mqlw_j10 + 1, CASE WHEN substr(mqlw_t10, mqlw_j10 + 2, 1) BETWEEN '0' AND '9' THEN 2 ELSE 1 END)) ELSE TRY_TO_NUMBER(substr(mqlw_t10, mqlw_j10 + 1, 4)) END AS mqlw_c10,
    TRY_TO_NUMBER(substr(mqlw_t13, mqlw_k13 + 1, mqlw_j13 - mqlw_k13 - 1)) AS mqlw_bb13,
    CASE WHEN mqlw_k13 = 5 THEN TRY_TO_NUMBER(substr(mqlw_t13, mqlw_j13 + 1, CASE WHEN substr(mqlw_t13, mqlw_j13 + 2, 1) BETWEEN '0' AND '9' THEN 2 ELSE 1 END)) ELSE TRY_TO_NUMBER(substr(mqlw_t13, mqlw_j13 + 1, 4)) END AS mqlw_c13,
    TRY_TO_NUMBER(substr(mqlw_t15, mqlw_k15 + 1, mqlw_j15 - mqlw_k15 - 1)) AS mqlw_bb15,
    CASE WHEN mqlw_k15 = 5 THEN TRY_TO_NUMBER(substr(mqlw_t15, mqlw_j15 + 1, CASE WHEN substr(mqlw_t15, mqlw_j15 + 2, 1) BETWEEN '0' AND '9' THEN 2 ELSE 1 END)) ELSE TRY_TO_NUMBER(substr(mqlw_t15, mqlw_j15 + 1, 4)) END AS mqlw_c15
  FROM mqlw_date2
),
mqlw_dateorder9 AS (
  SELECT MAX(CASE WHEN mqlw_k9 <> 5 AND mqlw_s9 = '/' AND mqlw_a9 > 12 THEN 1 ELSE 0 END) AS mqlw_dmy9
  FROM mqlw_date3
),
mqlw_dateorder10 AS (
  SELECT MAX(CASE WHEN mqlw_k10 <> 5 AND mqlw_s10 = '/' AND mqlw_a10 > 12 THEN 1 ELSE 0 END) AS mqlw_dmy10
  FROM mqlw_date3
),
mqlw_dateorder13 AS (
  SELECT MAX(CASE WHEN mqlw_k13 <> 5 AND mqlw_s13 = '/' AND mqlw_a13 > 12 THEN 1 ELSE 0 END) AS mqlw_dmy13
  FROM mqlw_date3
),
mqlw_dateorder15 AS (
  SELECT MAX(CASE WHEN mqlw_k15 <> 5 AND mqlw_s15 = '/' AND mqlw_a15 > 12 THEN 1 ELSE 0 END) AS mqlw_dmy15
  FROM mqlw_date3
),
mqlw_date4 AS (
  SELECT
    mqlw_t0,
    mqlw_t1,
    mqlw_t2,
    mqlw_t3,
    mqlw_t4,
    mqlw_t5,
    mqlw_t6,
    mqlw_t7,
    mqlw_t11,
    mqlw_t12,
    mqlw_t14,
    mqlw_ep9,
    mqlw_ep10,
    mqlw_ep13,
    mqlw_ep15,
    CASE WHEN mqlw_k9 = 5 THEN mqlw_a9 ELSE mqlw_c9 END AS mqlw_y9,
    CASE WHEN mqlw_k9 = 5 THEN mqlw_bb9 WHEN (mqlw_s9 <> '/' OR mqlw_a9 > 12 OR (mqlw_bb9 <= 12 AND mqlw_dmy9 = 1)) THEN mqlw_bb9 ELSE mqlw_a9 END AS mqlw_mo9,
    CASE WHEN mqlw_k9 = 5 THEN mqlw_c9 WHEN (mqlw_s9 <> '/' OR mqlw_a9 > 12 OR (mqlw_bb9 <= 12 AND mqlw_dmy9 = 1)) THEN mqlw_a9 ELSE mqlw_bb9 END AS mqlw_da9,
    CASE WHEN mqlw_k10 = 5 THEN mqlw_a10 ELSE mqlw_c10 END AS mqlw_y10,
    CASE WHEN mqlw_k10 = 5 THEN mqlw_bb10 WHEN (mqlw_s10 <> '/' OR mqlw_a10 > 12 OR (mqlw_bb10 <= 12 AND mqlw_dmy10 = 1)) THEN mqlw_bb10 ELSE mqlw_a10 END AS mqlw_mo10,
    CASE WHEN mqlw_k10 = 5 THEN mqlw_c10 WHEN (mqlw_s10 <> '/' OR mqlw_a10 > 12 OR (mqlw_bb10 <= 12 AND mqlw_dmy10 = 1)) THEN mqlw_a10 ELSE mqlw_bb10 END AS mqlw_da10,
    CASE WHEN mqlw_k13 = 5 THEN mqlw_a13 ELSE mqlw_c13 END AS mqlw_y13,
    CASE WHEN mqlw_k13 = 5 THEN mqlw_bb13 WHEN (mqlw_s13 <> '/' OR mqlw_a13 > 12 OR (mqlw_bb13 <= 12 AND mqlw_dmy13 = 1)) THEN mqlw_bb13 ELSE mqlw_a13 END AS mqlw_mo13,
    CASE WHEN mqlw_k13 = 5 THEN mqlw_c13 WHEN (mqlw_s13 <> '/' OR mqlw_a13 > 12 OR (mqlw_bb13 <= 12 AND mqlw_dmy13 = 1)) THEN mqlw_a13 ELSE mqlw_bb13 END AS mqlw_da13,
    CASE WHEN mqlw_k15 = 5 THEN mqlw_a15 ELSE mqlw_c15 END AS mqlw_y15,
    CASE WHEN mqlw_k15 = 5 THEN mqlw_bb15 WHEN (mqlw_s15 <> '/' OR mqlw_a15 > 12 OR (mqlw_bb15 <= 12 AND mqlw_dmy15 = 1)) THEN mqlw_bb15 ELSE mqlw_a15 END AS mqlw_mo15,
    CASE WHEN mqlw_k15 = 5 THEN mqlw_c15 WHEN (mqlw_s15 <> '/' OR mqlw_a15 > 12 OR (mqlw_bb15 <= 12 AND mqlw_dmy15 = 1)) THEN mqlw_a15 ELSE mqlw_bb15 END AS mqlw_da15
  FROM mqlw_date3
  CROSS JOIN mqlw_dateorder9
  CROSS JOIN mqlw_dateorder10
  CROSS JOIN mqlw_dateorder13
  CROSS JOIN mqlw_dateorder15
),
mqlw_date5 AS (
  SELECT
    mqlw_t0,
    mqlw_t1,
    mqlw_t2,
    mqlw_t3,
    mqlw_t4,
    mqlw_t5,
    mqlw_t6,
    mqlw_t7,
    mqlw_t11,
    mqlw_t12,
    mqlw_t14,
    mqlw_ep9,
    mqlw_ep10,
    mqlw_ep13,
    mqlw_ep15,
    mqlw_da9,
    mqlw_da10,
    mqlw_da13,
    mqlw_da15,
    mqlw_y9 - CASE WHEN mqlw_mo9 <= 2 THEN 1 ELSE 0 END AS mqlw_yy9,
    mqlw_mo9 + CASE WHEN mqlw_mo9 > 2 THEN -3 ELSE 9 END AS mqlw_mp9,
    mqlw_y10 - CASE WHEN mqlw_mo10 <= 2 THEN 1 ELSE 0 END AS mqlw_yy10,
    mqlw_mo10 + CASE WHEN mqlw_mo10 > 2 THEN -3 ELSE 9 END AS mqlw_mp10,
    mqlw_y13 - CASE WHEN mqlw_mo13 <= 2 THEN 1 ELSE 0 END AS mqlw_yy13,
    mqlw_mo13 + CASE WHEN mqlw_mo13 > 2 THEN -3 ELSE 9 END AS mqlw_mp13,
    mqlw_y15 - CASE WHEN mqlw_mo15 <= 2 THEN 1 ELSE 0 END AS mqlw_yy15,
    mqlw_mo15 + CASE WHEN mqlw_mo15 > 2 THEN -3 ELSE 9 END AS mqlw_mp15
  FROM mqlw_date4
),
mqlw_date6 AS (
  SELECT
    mqlw_t0,
    mqlw_t1,
    mqlw_t2,
    mqlw_t3,
    mqlw_t4,
    mqlw_t5,
    mqlw_t6,
    mqlw_t7,
    mqlw_t11,
    mqlw_t12,
    mqlw_t14,
    mqlw_ep9,
    mqlw_ep10,
    mqlw_ep13,
    mqlw_ep15,
    mqlw_da9,
    mqlw_da10,
    mqlw_da13,
    mqlw_da15,
    mqlw_mp9,
    mqlw_mp10,
    mqlw_mp13,
    mqlw_mp15,
    TRUNC(mqlw_yy9 / 400) AS mqlw_era9,
    mqlw_yy9 - TRUNC(mqlw_yy9 / 400) * 400 AS mqlw_yoe9,
    TRUNC(mqlw_yy10 / 400) AS mqlw_era10,
    mqlw_yy10 - TRUNC(mqlw_yy10 / 400) * 400 AS mqlw_yoe10,
    TRUNC(mqlw_yy13 / 400) AS mqlw_era13,
    mqlw_yy13 - TRUNC(mqlw_yy13 / 400) * 400 AS mqlw_yoe13,
    TRUNC(mqlw_yy15 / 400) AS mqlw_era15,
    mqlw_yy15 - TRUNC(mqlw_yy15 / 400) * 400 AS mqlw_yoe15
  FROM mqlw_date5
),
mqlw_value AS (
  SELECT
    mqlw_t0,
    mqlw_t2,
    lower(TRIM(REGEXP_SUBSTR(mqlw_t1, '@([^@]*)$', 1, 1, 'e', 1), ' \t')) AS mqlw_e1,
    lower(mqlw_t2) AS mqlw_l2,
    lower(mqlw_t3) AS mqlw_l3,
    TRY_TO_DOUBLE(mqlw_t4) AS mqlw_n4,
    TRY_TO_DOUBLE(mqlw_t5) AS mqlw_n5,
    CASE WHEN lower(mqlw_t6) IN ('1', 'yes', 'true', 'y', 't', 'x', '✓', '✔', 'ja', 'oui', 'sí', 'si', 'wahr', 'vrai', 'verdadero') THEN 1 WHEN lower(mqlw_t6) IN ('0', 'no', 'false', 'n', 'f', '✗', '✘', 'nein', 'non', 'falsch', 'faux', 'falso') THEN 0 END AS mqlw_b6,
    lower(mqlw_t7) AS mqlw_l7,
    CASE WHEN mqlw_ep9 IS NOT NULL THEN mqlw_ep9 ELSE mqlw_era9 * 146097 + mqlw_yoe9 * 365 + TRUNC(mqlw_yoe9 / 4) - TRUNC(mqlw_yoe9 / 100) + TRUNC((153 * mqlw_mp9 + 2) / 5) + mqlw_da9 - 1 - 719468 END AS mqlw_d9,
    CASE WHEN mqlw_ep10 IS NOT NULL THEN mqlw_ep10 ELSE mqlw_era10 * 146097 + mqlw_yoe10 * 365 + TRUNC(mqlw_yoe10 / 4) - TRUNC(mqlw_yoe10 / 100) + TRUNC((153 * mqlw_mp10 + 2) / 5) + mqlw_da10 - 1 - 719468 END AS mqlw_d10,
    TRY_TO_DOUBLE(mqlw_t11) AS mqlw_n11,
    TRY_TO_DOUBLE(mqlw_t12) AS mqlw_n12,
    CASE WHEN mqlw_ep13 IS NOT NULL THEN mqlw_ep13 ELSE mqlw_era13 * 146097 + mqlw_yoe13 * 365 + TRUNC(mqlw_yoe13 / 4) - TRUNC(mqlw_yoe13 / 100) + TRUNC((153 * mqlw_mp13 + 2) / 5) + mqlw_da13 - 1 - 719468 END AS mqlw_d13,
    CASE WHEN lower(mqlw_t14) IN ('1', 'yes', 'true', 'y', 't', 'x', '✓', '✔', 'ja', 'oui', 'sí', 'si', 'wahr', 'vrai', 'verdadero') THEN 1 WHEN lower(mqlw_t14) IN ('0', 'no', 'false', 'n', 'f', '✗', '✘', 'nein', 'non', 'falsch', 'faux', 'falso') THEN 0 END AS mqlw_b14,
    CASE WHEN mqlw_ep15 IS NOT NULL THEN mqlw_ep15 ELSE mqlw_era15 * 146097 + mqlw_yoe15 * 365 + TRUNC(mqlw_yoe15 / 4) - TRUNC(mqlw_yoe15 / 100) + TRUNC((153 * mqlw_mp15 + 2) / 5) + mqlw_da15 - 1 - 719468 END AS mqlw_d15
  FROM mqlw_date6
),
mqlw_latest AS (
  SELECT MAX(mqlw_v) AS mqlw_latest FROM (
    SELECT MAX(mqlw_d13) AS mqlw_v FROM mqlw_value
    UNION ALL
    SELECT MAX(mqlw_d15) AS mqlw_v FROM mqlw_value
  ) AS mqlw_days
),
mqlw_age AS (
  SELECT
    mqlw_t0,
    mqlw_t2,
    mqlw_e1,
    mqlw_l2,
    mqlw_l3,
    mqlw_n4,
    mqlw_n5,
    mqlw_b6,
    mqlw_l7,
    mqlw_d10,
    mqlw_n11,
    mqlw_n12,
    mqlw_b14,
    CASE WHEN COALESCE(mqlw_d9, mqlw_latest) - mqlw_d15 IS NULL THEN NULL WHEN COALESCE(mqlw_d9, mqlw_latest) - mqlw_d15 < 0 THEN 0 ELSE COALESCE(mqlw_d9, mqlw_latest) - mqlw_d15 END AS mqlw_age15,
    CASE WHEN COALESCE(mqlw_d9, mqlw_latest) - mqlw_d13 IS NULL THEN NULL WHEN COALESCE(mqlw_d9, mqlw_latest) - mqlw_d13 < 0 THEN 0 ELSE COALESCE(mqlw_d9, mqlw_latest) - mqlw_d13 END AS mqlw_age13
  FROM mqlw_value
  CROSS JOIN mqlw_latest
),
mqlw_decay1 AS (
  SELECT
    mqlw_t0,
    mqlw_t2,
    mqlw_e1,
    mqlw_l2,
    mqlw_l3,
    mqlw_n4,
    mqlw_n5,
    mqlw_b6,
    mqlw_l7,
    mqlw_d10,
    mqlw_n11,
    mqlw_n12,
    mqlw_b14,
    CASE WHEN mqlw_age15 IS NULL THEN CAST('100.0' AS DOUBLE) WHEN mqlw_age15 <= CAST('7.0' AS DOUBLE) THEN CAST('100.0' AS DOUBLE) WHEN mqlw_age15 <= CAST('30.0' AS DOUBLE) THEN CAST('80.0' AS DOUBLE) WHEN mqlw_age15 <= CAST('60.0' AS DOUBLE) THEN CAST('60.0' AS DOUBLE) WHEN mqlw_age15 <= CAST('90.0' AS DOUBLE) THEN CAST('33.29999923706055' AS DOUBLE) ELSE CAST('15.0' AS DOUBLE) END AS mqlw_p15,
    CASE WHEN mqlw_age13 IS NULL THEN CAST('100.0' AS DOUBLE) WHEN mqlw_age13 <= CAST('7.0' AS DOUBLE) THEN CAST('100.0' AS DOUBLE) WHEN mqlw_age13 <= CAST('30.0' AS DOUBLE) THEN CAST('80.0' AS DOUBLE) WHEN mqlw_age13 <= CAST('60.0' AS DOUBLE) THEN CAST('60.0' AS DOUBLE) WHEN mqlw_age13 <= CAST('90.0' AS DOUBLE) THEN CAST('33.29999923706055' AS DOUBLE) ELSE CAST('15.0' AS DOUBLE) END AS mqlw_p13
  FROM mqlw_age
),
mqlw_points AS (
  SELECT
    mqlw_t0,
    0 AS mqlw_uns,
    (
      CASE WHEN mqlw_l3 IN ('vp', 'c-level') THEN 2000 ELSE 0 END +
      CASE WHEN mqlw_l3 IN ('manager') THEN 750 ELSE 0 END +
      CASE WHEN mqlw_t2 IS NULL THEN -500 ELSE 0 END +
      CASE WHEN (mqlw_e1 = 'gmail.com' OR (length(mqlw_e1) > 10 AND RIGHT(mqlw_e1, 10) = '.gmail.com') OR mqlw_e1 = 'yahoo.co.uk' OR (length(mqlw_e1) > 12 AND RIGHT(mqlw_e1, 12) = '.yahoo.co.uk') OR mqlw_e1 = 'hotmail.com' OR (length(mqlw_e1) > 12 AND RIGHT(mqlw_e1, 12) = '.hotmail.com')) THEN -1225 ELSE 0 END +
      CASE WHEN (mqlw_e1 = 'acme.com' OR (length(mqlw_e1) > 9 AND RIGHT(mqlw_e1, 9) = '.acme.com')) THEN 300 ELSE 0 END +
      CASE WHEN (mqlw_n4 >= CAST('200.0' AS DOUBLE) AND mqlw_n4 <= CAST('1000.0' AS DOUBLE)) THEN 1000 ELSE 0 END +
      CASE WHEN mqlw_n4 IN (CAST('1000.0' AS DOUBLE)) THEN 100 ELSE 0 END +
      CASE WHEN mqlw_n4 IN (CAST('50.0' AS DOUBLE), CAST('12.0' AS DOUBLE)) THEN -300 ELSE 0 END +
      CASE WHEN mqlw_n4 IS NULL THEN -100 ELSE 0 END +
      CASE WHEN mqlw_n5 >= CAST('1.0' AS DOUBLE) THEN 268 ELSE 0 END +
      CASE WHEN mqlw_n5 IS NULL THEN -33 ELSE 0 END +
      CASE WHEN mqlw_b6 IN (1) THEN 400 ELSE 0 END +
      CASE WHEN mqlw_b6 IN (0) THEN 100 ELSE 0 END +
      CASE WHEN mqlw_b6 IN (1) THEN 50 ELSE 0 END +
      CASE WHEN mqlw_b6 IS NULL THEN -200 ELSE 0 END +
      CASE WHEN mqlw_l7 IN ('us') THEN 500 ELSE 0 END +
      CASE WHEN mqlw_d10 IN (20151) THEN 600 ELSE 0 END +
      CASE WHEN (mqlw_d10 >= CAST('20089.0' AS DOUBLE) AND mqlw_d10 <= CAST('20454.0' AS DOUBLE)) THEN 200 ELSE 0 END +
      CASE WHEN mqlw_d10 IS NULL THEN -400 ELSE 0 END
    ) AS mqlw_fit,
    LEAST(GREATEST((CAST('30.0' AS DOUBLE) * COALESCE(mqlw_n11, 0)), CAST('-50.0' AS DOUBLE)), CAST('50.0' AS DOUBLE)) * mqlw_p15 AS mqlw_y0,
    LEAST(GREATEST((CAST('12.5' AS DOUBLE) * COALESCE(mqlw_n12, 0)), CAST('-30.0' AS DOUBLE)), CAST('30.0' AS DOUBLE)) * mqlw_p13 AS mqlw_y1,
    CAST('1.1' AS DOUBLE) * COALESCE(mqlw_n12, 0) * mqlw_p15 AS mqlw_y2,
    CAST('-50.0' AS DOUBLE) * COALESCE(mqlw_b14, 0) * CAST('100.0' AS DOUBLE) AS mqlw_y3,
    CAST('-3.3' AS DOUBLE) * COALESCE(mqlw_b14, 0) * mqlw_p15 AS mqlw_y4,
    CASE
      WHEN (mqlw_e1 = 'rivalsoft.com' OR (length(mqlw_e1) > 14 AND RIGHT(mqlw_e1, 14) = '.rivalsoft.com') OR mqlw_e1 = 'competeco.com' OR (length(mqlw_e1) > 14 AND RIGHT(mqlw_e1, 14) = '.competeco.com')) THEN 'competitor'
      WHEN mqlw_l2 IN ('student') THEN 'student'
      WHEN mqlw_b6 IN (1) THEN 'partner'
    END AS mqlw_disq,
    CASE WHEN mqlw_n11 > 0 OR mqlw_b14 > 0 THEN 1 ELSE 0 END AS mqlw_hand
  FROM mqlw_decay1
),
mqlw_sums AS (
  SELECT
    mqlw_t0,
    mqlw_uns,
    mqlw_fit,
    mqlw_disq,
    mqlw_hand,
    (
      (CAST(TRUNC(mqlw_y0) AS INTEGER) + CASE WHEN mqlw_y0 - CAST(TRUNC(mqlw_y0) AS INTEGER) >= 0.5 THEN 1 WHEN mqlw_y0 - CAST(TRUNC(mqlw_y0) AS INTEGER) <= -0.5 THEN -1 ELSE 0 END) +
      (CAST(TRUNC(mqlw_y1) AS INTEGER) + CASE WHEN mqlw_y1 - CAST(TRUNC(mqlw_y1) AS INTEGER) >= 0.5 THEN 1 WHEN mqlw_y1 - CAST(TRUNC(mqlw_y1) AS INTEGER) <= -0.5 THEN -1 ELSE 0 END) +
      (CAST(TRUNC(mqlw_y2) AS INTEGER) + CASE WHEN mqlw_y2 - CAST(TRUNC(mqlw_y2) AS INTEGER) >= 0.5 THEN 1 WHEN mqlw_y2 - CAST(TRUNC(mqlw_y2) AS INTEGER) <= -0.5 THEN -1 ELSE 0 END) +
      (CAST(TRUNC(mqlw_y3) AS INTEGER) + CASE WHEN mqlw_y3 - CAST(TRUNC(mqlw_y3) AS INTEGER) >= 0.5 THEN 1 WHEN mqlw_y3 - CAST(TRUNC(mqlw_y3) AS INTEGER) <= -0.5 THEN -1 ELSE 0 END) +
      (CAST(TRUNC(mqlw_y4) AS INTEGER) + CASE WHEN mqlw_y4 - CAST(TRUNC(mqlw_y4) AS INTEGER) >= 0.5 THEN 1 WHEN mqlw_y4 - CAST(TRUNC(mqlw_y4) AS INTEGER) <= -0.5 THEN -1 ELSE 0 END)
    ) AS mqlw_beh
  FROM mqlw_points
),
mqlw_total AS (
  SELECT
    mqlw_t0,
    mqlw_uns,
    mqlw_disq,
    mqlw_hand,
    mqlw_beh,
    CASE WHEN mqlw_fit >= 3000 THEN 0 WHEN mqlw_fit >= 1501 THEN 1 WHEN mqlw_fit >= 0 THEN 2 ELSE 3 END AS mqlw_grade,
    mqlw_fit + (CASE WHEN mqlw_fit >= 3000 THEN CAST('1.5' AS DOUBLE) WHEN mqlw_fit >= 1501 THEN CAST('1.15' AS DOUBLE) WHEN mqlw_fit >= 0 THEN CAST('1.0' AS DOUBLE) ELSE CAST('0.7' AS DOUBLE) END) * mqlw_beh AS mqlw_ytot
  FROM mqlw_sums
),
mqlw_score AS (
  SELECT
    mqlw_t0,
    mqlw_disq,
    mqlw_hand,
    mqlw_beh,
    mqlw_grade,
    CASE WHEN mqlw_uns = 1 THEN NULL ELSE (CAST(TRUNC(mqlw_ytot) AS INTEGER) + CASE WHEN mqlw_ytot - CAST(TRUNC(mqlw_ytot) AS INTEGER) >= 0.5 THEN 1 WHEN mqlw_ytot - CAST(TRUNC(mqlw_ytot) AS INTEGER) <= -0.5 THEN -1 ELSE 0 END) END AS mqlw_score_h
  FROM mqlw_total
),
mqlw_lead AS (
  SELECT
    mqlw_t0,
    mqlw_disq,
    mqlw_grade,
    mqlw_score_h,
    CASE WHEN mqlw_disq IS NULL AND mqlw_score_h IS NOT NULL AND mqlw_hand = 1 AND mqlw_grade <= 2 THEN 4 ELSE 0 END AS mqlw_hr,
    CASE WHEN mqlw_disq IS NULL AND mqlw_score_h IS NOT NULL AND mqlw_grade <= 1 AND mqlw_beh >= 2050 THEN 2 ELSE 0 END AS mqlw_gb,
    CASE WHEN mqlw_disq IS NULL AND mqlw_score_h >= 2001 THEN 1 ELSE 0 END AS mqlw_sp,
    CASE WHEN mqlw_disq IS NULL THEN 0 ELSE 1 END AS mqlw_dq
  FROM mqlw_score
)
SELECT
  mqlw_t0 AS lead_id,
  mqlw_score_h / CAST('100.0' AS DOUBLE) AS score,
  CASE mqlw_grade WHEN 0 THEN 'A' WHEN 1 THEN 'B' WHEN 2 THEN 'C' ELSE 'D' END AS grade,
  CASE WHEN mqlw_sp + mqlw_gb + mqlw_hr > 0 THEN 1 ELSE 0 END AS mql,
  CASE mqlw_sp + mqlw_gb + mqlw_hr
    WHEN 1 THEN 'score'
    WHEN 2 THEN 'grade_behaviour'
    WHEN 3 THEN 'score+grade_behaviour'
    WHEN 4 THEN 'hand_raiser'
    WHEN 5 THEN 'score+hand_raiser'
    WHEN 6 THEN 'grade_behaviour+hand_raiser'
    WHEN 7 THEN 'score+grade_behaviour+hand_raiser'
  END AS path,
  mqlw_disq AS disqualified
FROM mqlw_lead

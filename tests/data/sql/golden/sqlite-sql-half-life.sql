-- MQL Workbench: model "Half-life of 90 days", threshold 12
-- SQLite query (sql) over leads: every lead's score: lead_id, score, grade, mql, path, disqualified
WITH src AS (
  SELECT * FROM leads
),
mqlw_text AS (
  SELECT
    NULLIF(trim(CAST(lead_id AS TEXT), ' ' || char(9)), '') AS mqlw_u0,
    NULLIF(trim(CAST(seniority AS TEXT), ' ' || char(9)), '') AS mqlw_u3,
    NULLIF(trim(CAST(company_size AS TEXT), ' ' || char(9)), '') AS mqlw_u4,
    NULLIF(trim(CAST(as_of AS TEXT), ' ' || char(9)), '') AS mqlw_u9,
    NULLIF(trim(CAST(demo_requests AS TEXT), ' ' || char(9)), '') AS mqlw_u11,
    NULLIF(trim(CAST(webinars AS TEXT), ' ' || char(9)), '') AS mqlw_u12,
    NULLIF(trim(CAST(webinars_date AS TEXT), ' ' || char(9)), '') AS mqlw_u13,
    NULLIF(trim(CAST(unsubscribed AS TEXT), ' ' || char(9)), '') AS mqlw_u14,
    NULLIF(trim(CAST(last_activity_at AS TEXT), ' ' || char(9)), '') AS mqlw_u15
  FROM src
  LIMIT -1 OFFSET 0
),
mqlw_clean AS (
  SELECT
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u0, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u0, '0-/.: T') = '' AND length(mqlw_u0) - length(replace(mqlw_u0, '0', '')) >= 8 AND replace(mqlw_u0, '0', '') <> '' AND length(mqlw_u0) < 32) THEN NULL ELSE mqlw_u0 END AS mqlw_t0,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u3, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u3, '0-/.: T') = '' AND length(mqlw_u3) - length(replace(mqlw_u3, '0', '')) >= 8 AND replace(mqlw_u3, '0', '') <> '' AND length(mqlw_u3) < 32) THEN NULL ELSE mqlw_u3 END AS mqlw_t3,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u4, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u4, '0-/.: T') = '' AND length(mqlw_u4) - length(replace(mqlw_u4, '0', '')) >= 8 AND replace(mqlw_u4, '0', '') <> '' AND length(mqlw_u4) < 32) THEN NULL ELSE mqlw_u4 END AS mqlw_t4,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u9, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u9, '0-/.: T') = '' AND length(mqlw_u9) - length(replace(mqlw_u9, '0', '')) >= 8 AND replace(mqlw_u9, '0', '') <> '' AND length(mqlw_u9) < 32) THEN NULL ELSE mqlw_u9 END AS mqlw_t9,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u11, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u11, '0-/.: T') = '' AND length(mqlw_u11) - length(replace(mqlw_u11, '0', '')) >= 8 AND replace(mqlw_u11, '0', '') <> '' AND length(mqlw_u11) < 32) THEN NULL ELSE mqlw_u11 END AS mqlw_t11,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u12, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u12, '0-/.: T') = '' AND length(mqlw_u12) - length(replace(mqlw_u12, '0', '')) >= 8 AND replace(mqlw_u12, '0', '') <> '' AND length(mqlw_u12) < 32) THEN NULL ELSE mqlw_u12 END AS mqlw_t12,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u13, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u13, '0-/.: T') = '' AND length(mqlw_u13) - length(replace(mqlw_u13, '0', '')) >= 8 AND replace(mqlw_u13, '0', '') <> '' AND length(mqlw_u13) < 32) THEN NULL ELSE mqlw_u13 END AS mqlw_t13,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u14, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u14, '0-/.: T') = '' AND length(mqlw_u14) - length(replace(mqlw_u14, '0', '')) >= 8 AND replace(mqlw_u14, '0', '') <> '' AND length(mqlw_u14) < 32) THEN NULL ELSE mqlw_u14 END AS mqlw_t14,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u15, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u15, '0-/.: T') = '' AND length(mqlw_u15) - length(replace(mqlw_u15, '0', '')) >= 8 AND replace(mqlw_u15, '0', '') <> '' AND length(mqlw_u15) < 32) THEN NULL ELSE mqlw_u15 END AS mqlw_t15
  FROM mqlw_text
  LIMIT -1 OFFSET 0
),
mqlw_date1 AS (
  SELECT
    mqlw_t0,
    mqlw_t3,
    mqlw_t4,
    mqlw_t9,
    mqlw_t11,
    mqlw_t12,
    mqlw_t13,
    mqlw_t15,
    CASE WHEN substr(mqlw_t9, 1, 1) BETWEEN '0' AND '9' AND substr(mqlw_t9, 2, 1) BETWEEN '0' AND '9' AND substr(mqlw_t9, 3, 1) BETWEEN '0' AND '9' AND substr(mqlw_t9, 4, 1) BETWEEN '0' AND '9' AND substr(mqlw_t9, 5, 1) = '-' THEN 5 WHEN substr(mqlw_t9, 2, 1) BETWEEN '0' AND '9' THEN 3 ELSE 2 END AS mqlw_k9,
    CASE WHEN length(mqlw_t9) IN (10, 12, 13) AND trim(mqlw_t9, '0123456789') = '' THEN CASE WHEN length(mqlw_t9) = 10 THEN CAST(mqlw_t9 AS INTEGER) ELSE (CAST(mqlw_t9 AS INTEGER) / 1000) END END AS mqlw_es9,
    CASE WHEN substr(mqlw_t13, 1, 1) BETWEEN '0' AND '9' AND substr(mqlw_t13, 2, 1) BETWEEN '0' AND '9' AND substr(mqlw_t13, 3, 1) BETWEEN '0' AND '9' AND substr(mqlw_t13, 4, 1) BETWEEN '0' AND '9' AND substr(mqlw_t13, 5, 1) = '-' THEN 5 WHEN substr(mqlw_t13, 2, 1) BETWEEN '0' AND '9' THEN 3 ELSE 2 END AS mqlw_k13,
    CASE WHEN length(mqlw_t13) IN (10, 12, 13) AND trim(mqlw_t13, '0123456789') = '' THEN CASE WHEN length(mqlw_t13) = 10 THEN CAST(mqlw_t13 AS INTEGER) ELSE (CAST(mqlw_t13 AS INTEGER) / 1000) END END AS mqlw_es13,
    replace(lower(mqlw_t14), 'Í', 'í') AS mqlw_f14_0,
    CASE WHEN substr(mqlw_t15, 1, 1) BETWEEN '0' AND '9' AND substr(mqlw_t15, 2, 1) BETWEEN '0' AND '9' AND substr(mqlw_t15, 3, 1) BETWEEN '0' AND '9' AND substr(mqlw_t15, 4, 1) BETWEEN '0' AND '9' AND substr(mqlw_t15, 5, 1) = '-' THEN 5 WHEN substr(mqlw_t15, 2, 1) BETWEEN '0' AND '9' THEN 3 ELSE 2 END AS mqlw_k15,
    CASE WHEN length(mqlw_t15) IN (10, 12, 13) AND trim(mqlw_t15, '0123456789') = '' THEN CASE WHEN length(mqlw_t15) = 10 THEN CAST(mqlw_t15 AS INTEGER) ELSE (CAST(mqlw_t15 AS INTEGER) / 1000) END END AS mqlw_es15
  FROM mqlw_clean
  LIMIT -1 OFFSET 0
),
mqlw_date2 AS (
  SELECT
    mqlw_t0,
    mqlw_t3,
    mqlw_t4,
    mqlw_t9,
    mqlw_t11,
    mqlw_t12,
    mqlw_t13,
    mqlw_t15,
    mqlw_k9,
    mqlw_k13,
    mqlw_f14_0,
    mqlw_k15,
    substr(mqlw_t9, mqlw_k9, 1) AS mqlw_s9,
    CAST(substr(mqlw_t9, 1, mqlw_k9 - 1) AS INTEGER) AS mqlw_a9,
    CASE WHEN substr(mqlw_t9, mqlw_k9 + 2, 1) = substr(mqlw_t9, mqlw_k9, 1) THEN mqlw_k9 + 2 ELSE mqlw_k9 + 3 END AS mqlw_j9,
    CASE WHEN mqlw_es9 >= 946684800 AND mqlw_es9 < 4102444800 THEN (mqlw_es9 / 86400) END AS mqlw_ep9,
    substr(mqlw_t13, mqlw_k13, 1) AS mqlw_s13,
    CAST(substr(mqlw_t13, 1, mqlw_k13 - 1) AS INTEGER) AS mqlw_a13,
    CASE WHEN substr(mqlw_t13, mqlw_k13 + 2, 1) = substr(mqlw_t13, mqlw_k13, 1) THEN mqlw_k13 + 2 ELSE mqlw_k13 + 3 END AS mqlw_j13,
    CASE WHEN mqlw_es13 >= 946684800 AND mqlw_es13 < 4102444800 THEN (mqlw_es13 / 86400) END AS mqlw_ep13,
    substr(mqlw_t15, mqlw_k15, 1) AS mqlw_s15,
    CAST(substr(mqlw_t15, 1, mqlw_k15 - 1) AS INTEGER) AS mqlw_a15,
    CASE WHEN substr(mqlw_t15, mqlw_k15 + 2, 1) = substr(mqlw_t15, mqlw_k15, 1) THEN mqlw_k15 + 2 ELSE mqlw_k15 + 3 END AS mqlw_j15,
    CASE WHEN mqlw_es15 >= 946684800 AND mqlw_es15 < 4102444800 THEN (mqlw_es15 / 86400) END AS mqlw_ep15
  FROM mqlw_date1
  LIMIT -1 OFFSET 0
),
mqlw_date3 AS (
  SELECT
    mqlw_t0,
    mqlw_t3,
    mqlw_t4,
    mqlw_t11,
    mqlw_t12,
    mqlw_k9,
    mqlw_k13,
    mqlw_f14_0,
    mqlw_k15,
    mqlw_s9,
    mqlw_a9,
    mqlw_ep9,
    mqlw_s13,
    mqlw_a13,
    mqlw_ep13,
    mqlw_s15,
    mqlw_a15,
    mqlw_ep15,
    CAST(substr(mqlw_t9, mqlw_k9 + 1, mqlw_j9 - mqlw_k9 - 1) AS INTEGER) AS mqlw_bb9,
    CASE WHEN mqlw_k9 = 5 THEN CAST(substr(mqlw_t9, mqlw_j9 + 1, CASE WHEN substr(mqlw_t9, mqlw_j9 + 2, 1) BETWEEN '0' AND '9' THEN 2 ELSE 1 END) AS INTEGER) ELSE CAST(substr(mqlw_t9, mqlw_j9 + 1, 4) AS INTEGER) END AS mqlw_c9,
    CAST(substr(mqlw_t13, mqlw_k13 + 1, mqlw_j13 - mqlw_k13 - 1) AS INTEGER) AS mqlw_bb13,
    CASE WHEN mqlw_k13 = 5 THEN CAST(substr(mqlw_t13, mqlw_j13 + 1, CASE WHEN substr(mqlw_t13, mqlw_j13 + 2, 1) BETWEEN '0' AND '9' THEN 2 ELSE 1 END) AS INTEGER) ELSE CAST(substr(mqlw_t13, mqlw_j13 + 1, 4) AS INTEGER) END AS mqlw_c13,
    CAST(substr(mqlw_t15, mqlw_k15 + 1, mqlw_j15 - mqlw_k15 - 1) AS INTEGER) AS mqlw_bb15,
    CASE WHEN mqlw_k15 = 5 THEN CAST(substr(mqlw_t15, mqlw_j15 + 1, CASE WHEN substr(mqlw_t15, mqlw_j15 + 2, 1) BETWEEN '0' AND '9' THEN 2 ELSE 1 END) AS INTEGER) ELSE CAST(substr(mqlw_t15, mqlw_j15 + 1, 4) AS INTEGER) END AS mqlw_c15
  FROM mqlw_date2
  LIMIT -1 OFFSET 0
),
mqlw_dateorder9 AS (
  SELECT MAX(CASE WHEN mqlw_k9 <> 5 AND mqlw_s9 = '/' AND mqlw_a9 > 12 THEN 1 ELSE 0 END) AS mqlw_dmy9
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
    mqlw_t3,
    mqlw_t4,
    mqlw_t11,
    mqlw_t12,
    mqlw_f14_0,
    mqlw_ep9,
    mqlw_ep13,
    mqlw_ep15,
    CASE WHEN mqlw_k9 = 5 THEN mqlw_a9 ELSE mqlw_c9 END AS mqlw_y9,
    CASE WHEN mqlw_k9 = 5 THEN mqlw_bb9 WHEN (mqlw_s9 <> '/' OR mqlw_a9 > 12 OR (mqlw_bb9 <= 12 AND mqlw_dmy9 = 1)) THEN mqlw_bb9 ELSE mqlw_a9 END AS mqlw_mo9,
    CASE WHEN mqlw_k9 = 5 THEN mqlw_c9 WHEN (mqlw_s9 <> '/' OR mqlw_a9 > 12 OR (mqlw_bb9 <= 12 AND mqlw_dmy9 = 1)) THEN mqlw_a9 ELSE mqlw_bb9 END AS mqlw_da9,
    CASE WHEN mqlw_k13 = 5 THEN mqlw_a13 ELSE mqlw_c13 END AS mqlw_y13,
    CASE WHEN mqlw_k13 = 5 THEN mqlw_bb13 WHEN (mqlw_s13 <> '/' OR mqlw_a13 > 12 OR (mqlw_bb13 <= 12 AND mqlw_dmy13 = 1)) THEN mqlw_bb13 ELSE mqlw_a13 END AS mqlw_mo13,
    CASE WHEN mqlw_k13 = 5 THEN mqlw_c13 WHEN (mqlw_s13 <> '/' OR mqlw_a13 > 12 OR (mqlw_bb13 <= 12 AND mqlw_dmy13 = 1)) THEN mqlw_a13 ELSE mqlw_bb13 END AS mqlw_da13,
    CASE WHEN mqlw_k15 = 5 THEN mqlw_a15 ELSE mqlw_c15 END AS mqlw_y15,
    CASE WHEN mqlw_k15 = 5 THEN mqlw_bb15 WHEN (mqlw_s15 <> '/' OR mqlw_a15 > 12 OR (mqlw_bb15 <= 12 AND mqlw_dmy15 = 1)) THEN mqlw_bb15 ELSE mqlw_a15 END AS mqlw_mo15,
    CASE WHEN mqlw_k15 = 5 THEN mqlw_c15 WHEN (mqlw_s15 <> '/' OR mqlw_a15 > 12 OR (mqlw_bb15 <= 12 AND mqlw_dmy15 = 1)) THEN mqlw_a15 ELSE mqlw_bb15 END AS mqlw_da15
  FROM mqlw_date3
  CROSS JOIN mqlw_dateorder9
  CROSS JOIN mqlw_dateorder13
  CROSS JOIN mqlw_dateorder15
  LIMIT -1 OFFSET 0
),
mqlw_date5 AS (
  SELECT
    mqlw_t0,
    mqlw_t3,
    mqlw_t4,
    mqlw_t11,
    mqlw_t12,
    mqlw_f14_0,
    mqlw_ep9,
    mqlw_ep13,
    mqlw_ep15,
    mqlw_da9,
    mqlw_da13,
    mqlw_da15,
    mqlw_y9 - CASE WHEN mqlw_mo9 <= 2 THEN 1 ELSE 0 END AS mqlw_yy9,
    mqlw_mo9 + CASE WHEN mqlw_mo9 > 2 THEN -3 ELSE 9 END AS mqlw_mp9,
    mqlw_y13 - CASE WHEN mqlw_mo13 <= 2 THEN 1 ELSE 0 END AS mqlw_yy13,
    mqlw_mo13 + CASE WHEN mqlw_mo13 > 2 THEN -3 ELSE 9 END AS mqlw_mp13,
    mqlw_y15 - CASE WHEN mqlw_mo15 <= 2 THEN 1 ELSE 0 END AS mqlw_yy15,
    mqlw_mo15 + CASE WHEN mqlw_mo15 > 2 THEN -3 ELSE 9 END AS mqlw_mp15
  FROM mqlw_date4
  LIMIT -1 OFFSET 0
),
mqlw_date6 AS (
  SELECT
    mqlw_t0,
    mqlw_t3,
    mqlw_t4,
    mqlw_t11,
    mqlw_t12,
    mqlw_f14_0,
    mqlw_ep9,
    mqlw_ep13,
    mqlw_ep15,
    mqlw_da9,
    mqlw_da13,
    mqlw_da15,
    mqlw_mp9,
    mqlw_mp13,
    mqlw_mp15,
    (mqlw_yy9 / 400) AS mqlw_era9,
    mqlw_yy9 - (mqlw_yy9 / 400) * 400 AS mqlw_yoe9,
    (mqlw_yy13 / 400) AS mqlw_era13,
    mqlw_yy13 - (mqlw_yy13 / 400) * 400 AS mqlw_yoe13,
    (mqlw_yy15 / 400) AS mqlw_era15,
    mqlw_yy15 - (mqlw_yy15 / 400) * 400 AS mqlw_yoe15
  FROM mqlw_date5
  LIMIT -1 OFFSET 0
),
mqlw_value AS (
  SELECT
    mqlw_t0,
    lower(mqlw_t3) AS mqlw_l3,
    CAST(mqlw_t4 AS REAL) AS mqlw_n4,
    CASE WHEN mqlw_ep9 IS NOT NULL THEN mqlw_ep9 ELSE mqlw_era9 * 146097 + mqlw_yoe9 * 365 + (mqlw_yoe9 / 4) - (mqlw_yoe9 / 100) + ((153 * mqlw_mp9 + 2) / 5) + mqlw_da9 - 1 - 719468 END AS mqlw_d9,
    CAST(mqlw_t11 AS REAL) AS mqlw_n11,
    CAST(mqlw_t12 AS REAL) AS mqlw_n12,
    CASE WHEN mqlw_ep13 IS NOT NULL THEN mqlw_ep13 ELSE mqlw_era13 * 146097 + mqlw_yoe13 * 365 + (mqlw_yoe13 / 4) - (mqlw_yoe13 / 100) + ((153 * mqlw_mp13 + 2) / 5) + mqlw_da13 - 1 - 719468 END AS mqlw_d13,
    CASE WHEN mqlw_f14_0 IN ('1', 'yes', 'true', 'y', 't', 'x', '✓', '✔', 'ja', 'oui', 'sí', 'si', 'wahr', 'vrai', 'verdadero') THEN 1 WHEN mqlw_f14_0 IN ('0', 'no', 'false', 'n', 'f', '✗', '✘', 'nein', 'non', 'falsch', 'faux', 'falso') THEN 0 END AS mqlw_b14,
    CASE WHEN mqlw_ep15 IS NOT NULL THEN mqlw_ep15 ELSE mqlw_era15 * 146097 + mqlw_yoe15 * 365 + (mqlw_yoe15 / 4) - (mqlw_yoe15 / 100) + ((153 * mqlw_mp15 + 2) / 5) + mqlw_da15 - 1 - 719468 END AS mqlw_d15
  FROM mqlw_date6
  LIMIT -1 OFFSET 0
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
    mqlw_l3,
    mqlw_n4,
    mqlw_n11,
    mqlw_n12,
    mqlw_b14,
    CASE WHEN COALESCE(mqlw_d9, mqlw_latest) - mqlw_d13 IS NULL THEN NULL WHEN COALESCE(mqlw_d9, mqlw_latest) - mqlw_d13 < 0 THEN 0 ELSE COALESCE(mqlw_d9, mqlw_latest) - mqlw_d13 END AS mqlw_age13,
    CASE WHEN COALESCE(mqlw_d9, mqlw_latest) - mqlw_d15 IS NULL THEN NULL WHEN COALESCE(mqlw_d9, mqlw_latest) - mqlw_d15 < 0 THEN 0 ELSE COALESCE(mqlw_d9, mqlw_latest) - mqlw_d15 END AS mqlw_age15
  FROM mqlw_value
  CROSS JOIN mqlw_latest
  LIMIT -1 OFFSET 0
),
mqlw_decay1 AS (
  SELECT
    mqlw_t0,
    mqlw_l3,
    mqlw_n4,
    mqlw_n11,
    mqlw_n12,
    mqlw_b14,
    CASE WHEN mqlw_age13 IS NULL THEN 100.0 ELSE 100.0 * power(0.5, mqlw_age13 / 90.0) END AS mqlw_h13,
    CASE WHEN mqlw_age15 IS NULL THEN 100.0 ELSE 100.0 * power(0.5, mqlw_age15 / 90.0) END AS mqlw_h15
  FROM mqlw_age
  LIMIT -1 OFFSET 0
),
mqlw_decay2 AS (
  SELECT
    mqlw_t0,
    mqlw_l3,
    mqlw_n4,
    mqlw_n11,
    mqlw_n12,
    mqlw_b14,
    mqlw_h13,
    mqlw_h15,
    CASE WHEN mqlw_h13 > 0 THEN floor(ln(mqlw_h13) / ln(2.0)) END AS mqlw_x13,
    CASE WHEN mqlw_h15 > 0 THEN floor(ln(mqlw_h15) / ln(2.0)) END AS mqlw_x15
  FROM mqlw_decay1
  LIMIT -1 OFFSET 0
),
mqlw_decay3 AS (
  SELECT
    mqlw_t0,
    mqlw_l3,
    mqlw_n4,
    mqlw_n11,
    mqlw_n12,
    mqlw_b14,
    mqlw_h13,
    mqlw_h15,
    max((mqlw_x13 - CASE WHEN mqlw_h13 < power(2.0, mqlw_x13) THEN 1 ELSE 0 END + CASE WHEN mqlw_h13 >= power(2.0, mqlw_x13 + 1) THEN 1 ELSE 0 END), -126) AS mqlw_xe13,
    max((mqlw_x15 - CASE WHEN mqlw_h15 < power(2.0, mqlw_x15) THEN 1 ELSE 0 END + CASE WHEN mqlw_h15 >= power(2.0, mqlw_x15 + 1) THEN 1 ELSE 0 END), -126) AS mqlw_xe15
  FROM mqlw_decay2
  LIMIT -1 OFFSET 0
),
mqlw_decay4 AS (
  SELECT
    mqlw_t0,
    mqlw_l3,
    mqlw_n4,
    mqlw_n11,
    mqlw_n12,
    mqlw_b14,
    mqlw_h13,
    mqlw_h15,
    mqlw_xe13,
    mqlw_xe15,
    mqlw_h13 * power(2.0, 23 - mqlw_xe13) AS mqlw_q13,
    mqlw_h15 * power(2.0, 23 - mqlw_xe15) AS mqlw_q15
  FROM mqlw_decay3
  LIMIT -1 OFFSET 0
),
mqlw_decay5 AS (
  SELECT
    mqlw_t0,
    mqlw_l3,
    mqlw_n4,
    mqlw_n11,
    mqlw_n12,
    mqlw_b14,
    CASE WHEN mqlw_h13 > 0 THEN (floor(mqlw_q13) + CASE WHEN mqlw_q13 - floor(mqlw_q13) > 0.5 OR (mqlw_q13 - floor(mqlw_q13) = 0.5 AND floor(mqlw_q13) - 2.0 * floor(floor(mqlw_q13) / 2.0) = 1) THEN 1 ELSE 0 END) / power(2.0, 23 - mqlw_xe13) ELSE 0.0 END AS mqlw_p13,
    CASE WHEN mqlw_h15 > 0 THEN (floor(mqlw_q15) + CASE WHEN mqlw_q15 - floor(mqlw_q15) > 0.5 OR (mqlw_q15 - floor(mqlw_q15) = 0.5 AND floor(mqlw_q15) - 2.0 * floor(floor(mqlw_q15) / 2.0) = 1) THEN 1 ELSE 0 END) / power(2.0, 23 - mqlw_xe15) ELSE 0.0 END AS mqlw_p15
  FROM mqlw_decay4
  LIMIT -1 OFFSET 0
),
mqlw_points AS (
  SELECT
    mqlw_t0,
    0 AS mqlw_uns,
    (
      CASE WHEN mqlw_l3 IN ('manager', 'director') THEN 1000 ELSE 0 END +
      CASE WHEN (mqlw_n4 >= 200.0 AND mqlw_n4 <= 1000.0) THEN 500 ELSE 0 END
    ) AS mqlw_fit,
    9.0 * COALESCE(mqlw_n12, 0) * mqlw_p13 AS mqlw_y0,
    min(max((21.7 * COALESCE(mqlw_n11, 0)), (-60.0)), 60.0) * mqlw_p15 AS mqlw_y1,
    (-50.0) * COALESCE(mqlw_b14, 0) * 100.0 AS mqlw_y2,
    CAST(NULL AS TEXT) AS mqlw_disq
  FROM mqlw_decay5
  LIMIT -1 OFFSET 0
),
mqlw_sums AS (
  SELECT
    mqlw_t0,
    mqlw_uns,
    mqlw_fit,
    mqlw_disq,
    (
      (CAST(mqlw_y0 AS INTEGER) + CASE WHEN mqlw_y0 - CAST(mqlw_y0 AS INTEGER) >= 0.5 THEN 1 WHEN mqlw_y0 - CAST(mqlw_y0 AS INTEGER) <= -0.5 THEN -1 ELSE 0 END) +
      (CAST(mqlw_y1 AS INTEGER) + CASE WHEN mqlw_y1 - CAST(mqlw_y1 AS INTEGER) >= 0.5 THEN 1 WHEN mqlw_y1 - CAST(mqlw_y1 AS INTEGER) <= -0.5 THEN -1 ELSE 0 END) +
      (CAST(mqlw_y2 AS INTEGER) + CASE WHEN mqlw_y2 - CAST(mqlw_y2 AS INTEGER) >= 0.5 THEN 1 WHEN mqlw_y2 - CAST(mqlw_y2 AS INTEGER) <= -0.5 THEN -1 ELSE 0 END)
    ) AS mqlw_beh
  FROM mqlw_points
  LIMIT -1 OFFSET 0
),
mqlw_total AS (
  SELECT
    mqlw_t0,
    mqlw_uns,
    mqlw_disq,
    CASE WHEN mqlw_fit >= 1500 THEN 0 WHEN mqlw_fit >= 1000 THEN 1 WHEN mqlw_fit >= 500 THEN 2 ELSE 3 END AS mqlw_grade,
    mqlw_fit + (CASE WHEN mqlw_fit >= 1500 THEN 1.3 WHEN mqlw_fit >= 1000 THEN 1.1 WHEN mqlw_fit >= 500 THEN 1.0 ELSE 0.9 END) * mqlw_beh AS mqlw_ytot
  FROM mqlw_sums
  LIMIT -1 OFFSET 0
),
mqlw_score AS (
  SELECT
    mqlw_t0,
    mqlw_disq,
    mqlw_grade,
    CASE WHEN mqlw_uns = 1 THEN NULL ELSE (CAST(mqlw_ytot AS INTEGER) + CASE WHEN mqlw_ytot - CAST(mqlw_ytot AS INTEGER) >= 0.5 THEN 1 WHEN mqlw_ytot - CAST(mqlw_ytot AS INTEGER) <= -0.5 THEN -1 ELSE 0 END) END AS mqlw_score_h
  FROM mqlw_total
  LIMIT -1 OFFSET 0
),
mqlw_lead AS (
  SELECT
    mqlw_t0,
    mqlw_disq,
    mqlw_grade,
    mqlw_score_h,
    0 AS mqlw_hr,
    0 AS mqlw_gb,
    CASE WHEN mqlw_disq IS NULL AND mqlw_score_h >= 1200 THEN 1 ELSE 0 END AS mqlw_sp,
    CASE WHEN mqlw_disq IS NULL THEN 0 ELSE 1 END AS mqlw_dq
  FROM mqlw_score
  LIMIT -1 OFFSET 0
)
SELECT
  mqlw_t0 AS lead_id,
  mqlw_score_h / 100.0 AS score,
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

-- MQL Workbench: model "Every operator on every column type", threshold 20.005
-- SQLite query (sql-aggregate) over leads: the calibration aggregate: per score key (score x 100), created month, disqualified and fixed paths,
-- the leads and each stage's known and reached counts
WITH src AS (
  SELECT * FROM leads
),
mqlw_text AS (
  SELECT
    NULLIF(trim(CAST(lead_id AS TEXT), ' ' || char(9)), '') AS mqlw_t0,
    NULLIF(trim(CAST(email AS TEXT), ' ' || char(9)), '') AS mqlw_t1,
    NULLIF(trim(CAST(job_title AS TEXT), ' ' || char(9)), '') AS mqlw_t2,
    NULLIF(trim(CAST(seniority AS TEXT), ' ' || char(9)), '') AS mqlw_t3,
    NULLIF(trim(CAST(company_size AS TEXT), ' ' || char(9)), '') AS mqlw_t4,
    NULLIF(trim(CAST(revenue AS TEXT), ' ' || char(9)), '') AS mqlw_t5,
    NULLIF(trim(CAST(is_partner AS TEXT), ' ' || char(9)), '') AS mqlw_t6,
    NULLIF(trim(CAST(country AS TEXT), ' ' || char(9)), '') AS mqlw_t7,
    NULLIF(trim(CAST(created_at AS TEXT), ' ' || char(9)), '') AS mqlw_t8,
    NULLIF(trim(CAST(as_of AS TEXT), ' ' || char(9)), '') AS mqlw_t9,
    NULLIF(trim(CAST(signup_date AS TEXT), ' ' || char(9)), '') AS mqlw_t10,
    NULLIF(trim(CAST(demo_requests AS TEXT), ' ' || char(9)), '') AS mqlw_t11,
    NULLIF(trim(CAST(webinars AS TEXT), ' ' || char(9)), '') AS mqlw_t12,
    NULLIF(trim(CAST(webinars_date AS TEXT), ' ' || char(9)), '') AS mqlw_t13,
    NULLIF(trim(CAST(unsubscribed AS TEXT), ' ' || char(9)), '') AS mqlw_t14,
    NULLIF(trim(CAST(last_activity_at AS TEXT), ' ' || char(9)), '') AS mqlw_t15,
    NULLIF(trim(CAST(lifecycle_stage AS TEXT), ' ' || char(9)), '') AS mqlw_t16,
    NULLIF(trim(CAST(sql AS TEXT), ' ' || char(9)), '') AS mqlw_t17,
    NULLIF(trim(CAST(accepted AS TEXT), ' ' || char(9)), '') AS mqlw_t18,
    NULLIF(trim(CAST(opportunity AS TEXT), ' ' || char(9)), '') AS mqlw_t19,
    NULLIF(trim(CAST(won_on AS TEXT), ' ' || char(9)), '') AS mqlw_t20,
    NULLIF(trim(CAST(deal_amount AS TEXT), ' ' || char(9)), '') AS mqlw_t21
  FROM src
  LIMIT -1 OFFSET 0
),
mqlw_date1 AS (
  SELECT
    mqlw_t1,
    mqlw_t2,
    mqlw_t3,
    mqlw_t4,
    mqlw_t5,
    mqlw_t6,
    mqlw_t7,
    mqlw_t8,
    mqlw_t9,
    mqlw_t10,
    mqlw_t11,
    mqlw_t12,
    mqlw_t13,
    mqlw_t14,
    mqlw_t15,
    mqlw_t16,
    mqlw_t17,
    mqlw_t18,
    mqlw_t19,
    mqlw_t20,
    mqlw_t21,
    CASE WHEN substr(mqlw_t8, 1, 1) BETWEEN '0' AND '9' AND substr(mqlw_t8, 2, 1) BETWEEN '0' AND '9' AND substr(mqlw_t8, 3, 1) BETWEEN '0' AND '9' AND substr(mqlw_t8, 4, 1) BETWEEN '0' AND '9' AND substr(mqlw_t8, 5, 1) = '-' THEN 5 WHEN substr(mqlw_t8, 2, 1) BETWEEN '0' AND '9' THEN 3 ELSE 2 END AS mqlw_k8,
    CASE WHEN substr(mqlw_t9, 1, 1) BETWEEN '0' AND '9' AND substr(mqlw_t9, 2, 1) BETWEEN '0' AND '9' AND substr(mqlw_t9, 3, 1) BETWEEN '0' AND '9' AND substr(mqlw_t9, 4, 1) BETWEEN '0' AND '9' AND substr(mqlw_t9, 5, 1) = '-' THEN 5 WHEN substr(mqlw_t9, 2, 1) BETWEEN '0' AND '9' THEN 3 ELSE 2 END AS mqlw_k9,
    CASE WHEN substr(mqlw_t10, 1, 1) BETWEEN '0' AND '9' AND substr(mqlw_t10, 2, 1) BETWEEN '0' AND '9' AND substr(mqlw_t10, 3, 1) BETWEEN '0' AND '9' AND substr(mqlw_t10, 4, 1) BETWEEN '0' AND '9' AND substr(mqlw_t10, 5, 1) = '-' THEN 5 WHEN substr(mqlw_t10, 2, 1) BETWEEN '0' AND '9' THEN 3 ELSE 2 END AS mqlw_k10,
    CASE WHEN substr(mqlw_t13, 1, 1) BETWEEN '0' AND '9' AND substr(mqlw_t13, 2, 1) BETWEEN '0' AND '9' AND substr(mqlw_t13, 3, 1) BETWEEN '0' AND '9' AND substr(mqlw_t13, 4, 1) BETWEEN '0' AND '9' AND substr(mqlw_t13, 5, 1) = '-' THEN 5 WHEN substr(mqlw_t13, 2, 1) BETWEEN '0' AND '9' THEN 3 ELSE 2 END AS mqlw_k13,
    CASE WHEN substr(mqlw_t15, 1, 1) BETWEEN '0' AND '9' AND substr(mqlw_t15, 2, 1) BETWEEN '0' AND '9' AND substr(mqlw_t15, 3, 1) BETWEEN '0' AND '9' AND substr(mqlw_t15, 4, 1) BETWEEN '0' AND '9' AND substr(mqlw_t15, 5, 1) = '-' THEN 5 WHEN substr(mqlw_t15, 2, 1) BETWEEN '0' AND '9' THEN 3 ELSE 2 END AS mqlw_k15,
    CASE WHEN substr(mqlw_t20, 1, 1) BETWEEN '0' AND '9' AND substr(mqlw_t20, 2, 1) BETWEEN '0' AND '9' AND substr(mqlw_t20, 3, 1) BETWEEN '0' AND '9' AND substr(mqlw_t20, 4, 1) BETWEEN '0' AND '9' AND substr(mqlw_t20, 5, 1) = '-' THEN 5 WHEN substr(mqlw_t20, 2, 1) BETWEEN '0' AND '9' THEN 3 ELSE 2 END AS mqlw_k20
  FROM mqlw_text
  LIMIT -1 OFFSET 0
),
mqlw_date2 AS (
  SELECT
    mqlw_t1,
    mqlw_t2,
    mqlw_t3,
    mqlw_t4,
    mqlw_t5,
    mqlw_t6,
    mqlw_t7,
    mqlw_t8,
    mqlw_t9,
    mqlw_t10,
    mqlw_t11,
    mqlw_t12,
    mqlw_t13,
    mqlw_t14,
    mqlw_t15,
    mqlw_t16,
    mqlw_t17,
    mqlw_t18,
    mqlw_t19,
    mqlw_t20,
    mqlw_t21,
    mqlw_k8,
    mqlw_k9,
    mqlw_k10,
    mqlw_k13,
    mqlw_k15,
    mqlw_k20,
    substr(mqlw_t8, mqlw_k8, 1) AS mqlw_s8,
    CAST(substr(mqlw_t8, 1, mqlw_k8 - 1) AS INTEGER) AS mqlw_a8,
    CASE WHEN substr(mqlw_t8, mqlw_k8 + 2, 1) = substr(mqlw_t8, mqlw_k8, 1) THEN mqlw_k8 + 2 ELSE mqlw_k8 + 3 END AS mqlw_j8,
    substr(mqlw_t9, mqlw_k9, 1) AS mqlw_s9,
    CAST(substr(mqlw_t9, 1, mqlw_k9 - 1) AS INTEGER) AS mqlw_a9,
    CASE WHEN substr(mqlw_t9, mqlw_k9 + 2, 1) = substr(mqlw_t9, mqlw_k9, 1) THEN mqlw_k9 + 2 ELSE mqlw_k9 + 3 END AS mqlw_j9,
    substr(mqlw_t10, mqlw_k10, 1) AS mqlw_s10,
    CAST(substr(mqlw_t10, 1, mqlw_k10 - 1) AS INTEGER) AS mqlw_a10,
    CASE WHEN substr(mqlw_t10, mqlw_k10 + 2, 1) = substr(mqlw_t10, mqlw_k10, 1) THEN mqlw_k10 + 2 ELSE mqlw_k10 + 3 END AS mqlw_j10,
    substr(mqlw_t13, mqlw_k13, 1) AS mqlw_s13,
    CAST(substr(mqlw_t13, 1, mqlw_k13 - 1) AS INTEGER) AS mqlw_a13,
    CASE WHEN substr(mqlw_t13, mqlw_k13 + 2, 1) = substr(mqlw_t13, mqlw_k13, 1) THEN mqlw_k13 + 2 ELSE mqlw_k13 + 3 END AS mqlw_j13,
    substr(mqlw_t15, mqlw_k15, 1) AS mqlw_s15,
    CAST(substr(mqlw_t15, 1, mqlw_k15 - 1) AS INTEGER) AS mqlw_a15,
    CASE WHEN substr(mqlw_t15, mqlw_k15 + 2, 1) = substr(mqlw_t15, mqlw_k15, 1) THEN mqlw_k15 + 2 ELSE mqlw_k15 + 3 END AS mqlw_j15,
    substr(mqlw_t20, mqlw_k20, 1) AS mqlw_s20,
    CAST(substr(mqlw_t20, 1, mqlw_k20 - 1) AS INTEGER) AS mqlw_a20,
    CASE WHEN substr(mqlw_t20, mqlw_k20 + 2, 1) = substr(mqlw_t20, mqlw_k20, 1) THEN mqlw_k20 + 2 ELSE mqlw_k20 + 3 END AS mqlw_j20
  FROM mqlw_date1
  LIMIT -1 OFFSET 0
),
mqlw_date3 AS (
  SELECT
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
    mqlw_t16,
    mqlw_t17,
    mqlw_t18,
    mqlw_t19,
    mqlw_t21,
    mqlw_k8,
    mqlw_k9,
    mqlw_k10,
    mqlw_k13,
    mqlw_k15,
    mqlw_k20,
    mqlw_s8,
    mqlw_a8,
    mqlw_s9,
    mqlw_a9,
    mqlw_s10,
    mqlw_a10,
    mqlw_s13,
    mqlw_a13,
    mqlw_s15,
    mqlw_a15,
    mqlw_s20,
    mqlw_a20,
    CAST(substr(mqlw_t8, mqlw_k8 + 1, mqlw_j8 - mqlw_k8 - 1) AS INTEGER) AS mqlw_bb8,
    CASE WHEN mqlw_k8 = 5 THEN CAST(substr(mqlw_t8, mqlw_j8 + 1, CASE WHEN substr(mqlw_t8, mqlw_j8 + 2, 1) BETWEEN '0' AND '9' THEN 2 ELSE 1 END) AS INTEGER) ELSE CAST(substr(mqlw_t8, mqlw_j8 + 1, 4) AS INTEGER) END AS mqlw_c8,
    CAST(substr(mqlw_t9, mqlw_k9 + 1, mqlw_j9 - mqlw_k9 - 1) AS INTEGER) AS mqlw_bb9,
    CASE WHEN mqlw_k9 = 5 THEN CAST(substr(mqlw_t9, mqlw_j9 + 1, CASE WHEN substr(mqlw_t9, mqlw_j9 + 2, 1) BETWEEN '0' AND '9' THEN 2 ELSE 1 END) AS INTEGER) ELSE CAST(substr(mqlw_t9, mqlw_j9 + 1, 4) AS INTEGER) END AS mqlw_c9,
    CAST(substr(mqlw_t10, mqlw_k10 + 1, mqlw_j10 - mqlw_k10 - 1) AS INTEGER) AS mqlw_bb10,
    CASE WHEN mqlw_k10 = 5 THEN CAST(substr(mqlw_t10, mqlw_j10 + 1, CASE WHEN substr(mqlw_t10, mqlw_j10 + 2, 1) BETWEEN '0' AND '9' THEN 2 ELSE 1 END) AS INTEGER) ELSE CAST(substr(mqlw_t10, mqlw_j10 + 1, 4) AS INTEGER) END AS mqlw_c10,
    CAST(substr(mqlw_t13, mqlw_k13 + 1, mqlw_j13 - mqlw_k13 - 1) AS INTEGER) AS mqlw_bb13,
    CASE WHEN mqlw_k13 = 5 THEN CAST(substr(mqlw_t13, mqlw_j13 + 1, CASE WHEN substr(mqlw_t13, mqlw_j13 + 2, 1) BETWEEN '0' AND '9' THEN 2 ELSE 1 END) AS INTEGER) ELSE CAST(substr(mqlw_t13, mqlw_j13 + 1, 4) AS INTEGER) END AS mqlw_c13,
    CAST(substr(mqlw_t15, mqlw_k15 + 1, mqlw_j15 - mqlw_k15 - 1) AS INTEGER) AS mqlw_bb15,
    CASE WHEN mqlw_k15 = 5 THEN CAST(substr(mqlw_t15, mqlw_j15 + 1, CASE WHEN substr(mqlw_t15, mqlw_j15 + 2, 1) BETWEEN '0' AND '9' THEN 2 ELSE 1 END) AS INTEGER) ELSE CAST(substr(mqlw_t15, mqlw_j15 + 1, 4) AS INTEGER) END AS mqlw_c15,
    CAST(substr(mqlw_t20, mqlw_k20 + 1, mqlw_j20 - mqlw_k20 - 1) AS INTEGER) AS mqlw_bb20,
    CASE WHEN mqlw_k20 = 5 THEN CAST(substr(mqlw_t20, mqlw_j20 + 1, CASE WHEN substr(mqlw_t20, mqlw_j20 + 2, 1) BETWEEN '0' AND '9' THEN 2 ELSE 1 END) AS INTEGER) ELSE CAST(substr(mqlw_t20, mqlw_j20 + 1, 4) AS INTEGER) END AS mqlw_c20
  FROM mqlw_date2
  LIMIT -1 OFFSET 0
),
mqlw_dateorder AS (
  SELECT
    MAX(CASE WHEN mqlw_k8 <> 5 AND mqlw_s8 = '/' AND mqlw_a8 > 12 THEN 1 ELSE 0 END) AS mqlw_dmy8,
    MAX(CASE WHEN mqlw_k9 <> 5 AND mqlw_s9 = '/' AND mqlw_a9 > 12 THEN 1 ELSE 0 END) AS mqlw_dmy9,
    MAX(CASE WHEN mqlw_k10 <> 5 AND mqlw_s10 = '/' AND mqlw_a10 > 12 THEN 1 ELSE 0 END) AS mqlw_dmy10,
    MAX(CASE WHEN mqlw_k13 <> 5 AND mqlw_s13 = '/' AND mqlw_a13 > 12 THEN 1 ELSE 0 END) AS mqlw_dmy13,
    MAX(CASE WHEN mqlw_k15 <> 5 AND mqlw_s15 = '/' AND mqlw_a15 > 12 THEN 1 ELSE 0 END) AS mqlw_dmy15,
    MAX(CASE WHEN mqlw_k20 <> 5 AND mqlw_s20 = '/' AND mqlw_a20 > 12 THEN 1 ELSE 0 END) AS mqlw_dmy20
  FROM mqlw_date3
),
mqlw_date4 AS (
  SELECT
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
    mqlw_t16,
    mqlw_t17,
    mqlw_t18,
    mqlw_t19,
    mqlw_t21,
    CASE WHEN mqlw_k8 = 5 THEN mqlw_a8 ELSE mqlw_c8 END AS mqlw_y8,
    CASE WHEN mqlw_k8 = 5 THEN mqlw_bb8 WHEN (mqlw_s8 <> '/' OR mqlw_a8 > 12 OR (mqlw_bb8 <= 12 AND mqlw_dateorder.mqlw_dmy8 = 1)) THEN mqlw_bb8 ELSE mqlw_a8 END AS mqlw_mo8,
    CASE WHEN mqlw_k8 = 5 THEN mqlw_c8 WHEN (mqlw_s8 <> '/' OR mqlw_a8 > 12 OR (mqlw_bb8 <= 12 AND mqlw_dateorder.mqlw_dmy8 = 1)) THEN mqlw_a8 ELSE mqlw_bb8 END AS mqlw_da8,
    CASE WHEN mqlw_k9 = 5 THEN mqlw_a9 ELSE mqlw_c9 END AS mqlw_y9,
    CASE WHEN mqlw_k9 = 5 THEN mqlw_bb9 WHEN (mqlw_s9 <> '/' OR mqlw_a9 > 12 OR (mqlw_bb9 <= 12 AND mqlw_dateorder.mqlw_dmy9 = 1)) THEN mqlw_bb9 ELSE mqlw_a9 END AS mqlw_mo9,
    CASE WHEN mqlw_k9 = 5 THEN mqlw_c9 WHEN (mqlw_s9 <> '/' OR mqlw_a9 > 12 OR (mqlw_bb9 <= 12 AND mqlw_dateorder.mqlw_dmy9 = 1)) THEN mqlw_a9 ELSE mqlw_bb9 END AS mqlw_da9,
    CASE WHEN mqlw_k10 = 5 THEN mqlw_a10 ELSE mqlw_c10 END AS mqlw_y10,
    CASE WHEN mqlw_k10 = 5 THEN mqlw_bb10 WHEN (mqlw_s10 <> '/' OR mqlw_a10 > 12 OR (mqlw_bb10 <= 12 AND mqlw_dateorder.mqlw_dmy10 = 1)) THEN mqlw_bb10 ELSE mqlw_a10 END AS mqlw_mo10,
    CASE WHEN mqlw_k10 = 5 THEN mqlw_c10 WHEN (mqlw_s10 <> '/' OR mqlw_a10 > 12 OR (mqlw_bb10 <= 12 AND mqlw_dateorder.mqlw_dmy10 = 1)) THEN mqlw_a10 ELSE mqlw_bb10 END AS mqlw_da10,
    CASE WHEN mqlw_k13 = 5 THEN mqlw_a13 ELSE mqlw_c13 END AS mqlw_y13,
    CASE WHEN mqlw_k13 = 5 THEN mqlw_bb13 WHEN (mqlw_s13 <> '/' OR mqlw_a13 > 12 OR (mqlw_bb13 <= 12 AND mqlw_dateorder.mqlw_dmy13 = 1)) THEN mqlw_bb13 ELSE mqlw_a13 END AS mqlw_mo13,
    CASE WHEN mqlw_k13 = 5 THEN mqlw_c13 WHEN (mqlw_s13 <> '/' OR mqlw_a13 > 12 OR (mqlw_bb13 <= 12 AND mqlw_dateorder.mqlw_dmy13 = 1)) THEN mqlw_a13 ELSE mqlw_bb13 END AS mqlw_da13,
    CASE WHEN mqlw_k15 = 5 THEN mqlw_a15 ELSE mqlw_c15 END AS mqlw_y15,
    CASE WHEN mqlw_k15 = 5 THEN mqlw_bb15 WHEN (mqlw_s15 <> '/' OR mqlw_a15 > 12 OR (mqlw_bb15 <= 12 AND mqlw_dateorder.mqlw_dmy15 = 1)) THEN mqlw_bb15 ELSE mqlw_a15 END AS mqlw_mo15,
    CASE WHEN mqlw_k15 = 5 THEN mqlw_c15 WHEN (mqlw_s15 <> '/' OR mqlw_a15 > 12 OR (mqlw_bb15 <= 12 AND mqlw_dateorder.mqlw_dmy15 = 1)) THEN mqlw_a15 ELSE mqlw_bb15 END AS mqlw_da15,
    CASE WHEN mqlw_k20 = 5 THEN mqlw_a20 ELSE mqlw_c20 END AS mqlw_y20,
    CASE WHEN mqlw_k20 = 5 THEN mqlw_bb20 WHEN (mqlw_s20 <> '/' OR mqlw_a20 > 12 OR (mqlw_bb20 <= 12 AND mqlw_dateorder.mqlw_dmy20 = 1)) THEN mqlw_bb20 ELSE mqlw_a20 END AS mqlw_mo20,
    CASE WHEN mqlw_k20 = 5 THEN mqlw_c20 WHEN (mqlw_s20 <> '/' OR mqlw_a20 > 12 OR (mqlw_bb20 <= 12 AND mqlw_dateorder.mqlw_dmy20 = 1)) THEN mqlw_a20 ELSE mqlw_bb20 END AS mqlw_da20
  FROM mqlw_date3
  CROSS JOIN mqlw_dateorder
  LIMIT -1 OFFSET 0
),
mqlw_date5 AS (
  SELECT
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
    mqlw_t16,
    mqlw_t17,
    mqlw_t18,
    mqlw_t19,
    mqlw_t21,
    mqlw_y8,
    mqlw_mo8,
    mqlw_da9,
    mqlw_da10,
    mqlw_da13,
    mqlw_da15,
    mqlw_da20,
    mqlw_y9 - CASE WHEN mqlw_mo9 <= 2 THEN 1 ELSE 0 END AS mqlw_yy9,
    mqlw_mo9 + CASE WHEN mqlw_mo9 > 2 THEN -3 ELSE 9 END AS mqlw_mp9,
    mqlw_y10 - CASE WHEN mqlw_mo10 <= 2 THEN 1 ELSE 0 END AS mqlw_yy10,
    mqlw_mo10 + CASE WHEN mqlw_mo10 > 2 THEN -3 ELSE 9 END AS mqlw_mp10,
    mqlw_y13 - CASE WHEN mqlw_mo13 <= 2 THEN 1 ELSE 0 END AS mqlw_yy13,
    mqlw_mo13 + CASE WHEN mqlw_mo13 > 2 THEN -3 ELSE 9 END AS mqlw_mp13,
    mqlw_y15 - CASE WHEN mqlw_mo15 <= 2 THEN 1 ELSE 0 END AS mqlw_yy15,
    mqlw_mo15 + CASE WHEN mqlw_mo15 > 2 THEN -3 ELSE 9 END AS mqlw_mp15,
    mqlw_y20 - CASE WHEN mqlw_mo20 <= 2 THEN 1 ELSE 0 END AS mqlw_yy20,
    mqlw_mo20 + CASE WHEN mqlw_mo20 > 2 THEN -3 ELSE 9 END AS mqlw_mp20
  FROM mqlw_date4
  LIMIT -1 OFFSET 0
),
mqlw_date6 AS (
  SELECT
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
    mqlw_t16,
    mqlw_t17,
    mqlw_t18,
    mqlw_t19,
    mqlw_t21,
    mqlw_y8,
    mqlw_mo8,
    mqlw_da9,
    mqlw_da10,
    mqlw_da13,
    mqlw_da15,
    mqlw_da20,
    mqlw_mp9,
    mqlw_mp10,
    mqlw_mp13,
    mqlw_mp15,
    mqlw_mp20,
    (mqlw_yy9 / 400) AS mqlw_era9,
    mqlw_yy9 - (mqlw_yy9 / 400) * 400 AS mqlw_yoe9,
    (mqlw_yy10 / 400) AS mqlw_era10,
    mqlw_yy10 - (mqlw_yy10 / 400) * 400 AS mqlw_yoe10,
    (mqlw_yy13 / 400) AS mqlw_era13,
    mqlw_yy13 - (mqlw_yy13 / 400) * 400 AS mqlw_yoe13,
    (mqlw_yy15 / 400) AS mqlw_era15,
    mqlw_yy15 - (mqlw_yy15 / 400) * 400 AS mqlw_yoe15,
    (mqlw_yy20 / 400) AS mqlw_era20,
    mqlw_yy20 - (mqlw_yy20 / 400) * 400 AS mqlw_yoe20
  FROM mqlw_date5
  LIMIT -1 OFFSET 0
),
mqlw_value AS (
  SELECT
    mqlw_t2,
    CASE WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'new' THEN -1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'open' THEN -1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'lead' THEN -1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'subscriber' THEN -1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'nurture' THEN -1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'nurturing' THEN -1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'working' THEN -1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'contacted' THEN -1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'mql' THEN -1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'marketing qualified' THEN -1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'marketing qualified lead' THEN -1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'rejected' THEN -1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'disqualified' THEN -1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'unqualified' THEN -1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'recycled' THEN -1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'sal' THEN 0 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'accepted' THEN 0 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'sales accepted' THEN 0 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'sql' THEN 1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'sales qualified' THEN 1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'qualified' THEN 1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'opportunity' THEN 2 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'engaging' THEN 2 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'proposal' THEN 2 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'negotiation' THEN 2 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'won' THEN 3 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'closed won' THEN 3 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'customer' THEN 3 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'lost' THEN 2 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'closed lost' THEN 2 END AS mqlw_sf,
    CASE WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'rejected' THEN 1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'disqualified' THEN 1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'unqualified' THEN 1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'recycled' THEN 1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'won' THEN 1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'closed won' THEN 1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'customer' THEN 1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'lost' THEN 1 WHEN rtrim(replace(replace(lower(mqlw_t16), '_', ' '), '-', ' ')) = 'closed lost' THEN 1 ELSE 0 END AS mqlw_sc,
    lower(trim((CASE WHEN instr(mqlw_t1, '@') > 0 THEN replace(mqlw_t1, rtrim(mqlw_t1, replace(mqlw_t1, '@', '')), '') END), ' ' || char(9))) AS mqlw_e1,
    lower(mqlw_t2) AS mqlw_l2,
    lower(mqlw_t3) AS mqlw_l3,
    CAST(mqlw_t4 AS REAL) AS mqlw_n4,
    CAST(mqlw_t5 AS REAL) AS mqlw_n5,
    CASE WHEN lower(mqlw_t6) IN ('1', 'y', 't', 'yes', 'true') THEN 1 WHEN lower(mqlw_t6) IN ('0', 'n', 'f', 'no', 'false') THEN 0 END AS mqlw_b6,
    lower(mqlw_t7) AS mqlw_l7,
    mqlw_y8 * 100 + mqlw_mo8 AS mqlw_m8,
    mqlw_era9 * 146097 + mqlw_yoe9 * 365 + (mqlw_yoe9 / 4) - (mqlw_yoe9 / 100) + ((153 * mqlw_mp9 + 2) / 5) + mqlw_da9 - 1 - 719468 AS mqlw_d9,
    mqlw_era10 * 146097 + mqlw_yoe10 * 365 + (mqlw_yoe10 / 4) - (mqlw_yoe10 / 100) + ((153 * mqlw_mp10 + 2) / 5) + mqlw_da10 - 1 - 719468 AS mqlw_d10,
    CAST(mqlw_t11 AS REAL) AS mqlw_n11,
    CAST(mqlw_t12 AS REAL) AS mqlw_n12,
    mqlw_era13 * 146097 + mqlw_yoe13 * 365 + (mqlw_yoe13 / 4) - (mqlw_yoe13 / 100) + ((153 * mqlw_mp13 + 2) / 5) + mqlw_da13 - 1 - 719468 AS mqlw_d13,
    CASE WHEN lower(mqlw_t14) IN ('1', 'y', 't', 'yes', 'true') THEN 1 WHEN lower(mqlw_t14) IN ('0', 'n', 'f', 'no', 'false') THEN 0 END AS mqlw_b14,
    mqlw_era15 * 146097 + mqlw_yoe15 * 365 + (mqlw_yoe15 / 4) - (mqlw_yoe15 / 100) + ((153 * mqlw_mp15 + 2) / 5) + mqlw_da15 - 1 - 719468 AS mqlw_d15,
    CASE WHEN lower(mqlw_t17) IN ('1', 'y', 't', 'yes', 'true') THEN 1 WHEN lower(mqlw_t17) IN ('0', 'n', 'f', 'no', 'false') THEN 0 END AS mqlw_b17,
    CASE WHEN lower(mqlw_t18) IN ('1', 'y', 't', 'yes', 'true', 'accepted') THEN 1 WHEN lower(mqlw_t18) IN ('0', 'n', 'f', 'no', 'false', 'rejected') THEN 0 END AS mqlw_b18,
    CAST(mqlw_t19 AS REAL) AS mqlw_n19,
    mqlw_era20 * 146097 + mqlw_yoe20 * 365 + (mqlw_yoe20 / 4) - (mqlw_yoe20 / 100) + ((153 * mqlw_mp20 + 2) / 5) + mqlw_da20 - 1 - 719468 AS mqlw_d20,
    CAST(mqlw_t21 AS REAL) AS mqlw_n21
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
    mqlw_t2,
    mqlw_sf,
    mqlw_sc,
    mqlw_e1,
    mqlw_l2,
    mqlw_l3,
    mqlw_n4,
    mqlw_n5,
    mqlw_b6,
    mqlw_l7,
    mqlw_m8,
    mqlw_d10,
    mqlw_n11,
    mqlw_n12,
    mqlw_b14,
    mqlw_b17,
    mqlw_b18,
    mqlw_n19,
    mqlw_d20,
    mqlw_n21,
    CASE WHEN COALESCE(mqlw_d9, mqlw_latest.mqlw_latest) - mqlw_d15 IS NULL THEN NULL WHEN COALESCE(mqlw_d9, mqlw_latest.mqlw_latest) - mqlw_d15 < 0 THEN 0 ELSE COALESCE(mqlw_d9, mqlw_latest.mqlw_latest) - mqlw_d15 END AS mqlw_age15,
    CASE WHEN COALESCE(mqlw_d9, mqlw_latest.mqlw_latest) - mqlw_d13 IS NULL THEN NULL WHEN COALESCE(mqlw_d9, mqlw_latest.mqlw_latest) - mqlw_d13 < 0 THEN 0 ELSE COALESCE(mqlw_d9, mqlw_latest.mqlw_latest) - mqlw_d13 END AS mqlw_age13
  FROM mqlw_value
  CROSS JOIN mqlw_latest
  LIMIT -1 OFFSET 0
),
mqlw_decay1 AS (
  SELECT
    mqlw_t2,
    mqlw_sf,
    mqlw_sc,
    mqlw_e1,
    mqlw_l2,
    mqlw_l3,
    mqlw_n4,
    mqlw_n5,
    mqlw_b6,
    mqlw_l7,
    mqlw_m8,
    mqlw_d10,
    mqlw_n11,
    mqlw_n12,
    mqlw_b14,
    mqlw_b17,
    mqlw_b18,
    mqlw_n19,
    mqlw_d20,
    mqlw_n21,
    CASE WHEN mqlw_age15 IS NULL THEN 100.0 WHEN mqlw_age15 <= 7.0 THEN 100.0 WHEN mqlw_age15 <= 30.0 THEN 80.0 WHEN mqlw_age15 <= 60.0 THEN 60.0 WHEN mqlw_age15 <= 90.0 THEN 33.29999923706055 ELSE 15.0 END AS mqlw_p15,
    CASE WHEN mqlw_age13 IS NULL THEN 100.0 WHEN mqlw_age13 <= 7.0 THEN 100.0 WHEN mqlw_age13 <= 30.0 THEN 80.0 WHEN mqlw_age13 <= 60.0 THEN 60.0 WHEN mqlw_age13 <= 90.0 THEN 33.29999923706055 ELSE 15.0 END AS mqlw_p13
  FROM mqlw_age
  LIMIT -1 OFFSET 0
),
mqlw_points AS (
  SELECT
    mqlw_m8,
    mqlw_n21,
    (
      CASE WHEN mqlw_l3 IN ('vp', 'c-level') THEN 2000 ELSE 0 END +
      CASE WHEN mqlw_l3 IN ('manager') THEN 750 ELSE 0 END +
      CASE WHEN mqlw_t2 IS NULL THEN -500 ELSE 0 END +
      CASE WHEN (mqlw_e1 = 'gmail.com' OR (length(mqlw_e1) > 10 AND substr(mqlw_e1, -10) = '.gmail.com') OR mqlw_e1 = 'yahoo.co.uk' OR (length(mqlw_e1) > 12 AND substr(mqlw_e1, -12) = '.yahoo.co.uk') OR mqlw_e1 = 'hotmail.com' OR (length(mqlw_e1) > 12 AND substr(mqlw_e1, -12) = '.hotmail.com')) THEN -1225 ELSE 0 END +
      CASE WHEN (mqlw_e1 = 'acme.com' OR (length(mqlw_e1) > 9 AND substr(mqlw_e1, -9) = '.acme.com')) THEN 300 ELSE 0 END +
      CASE WHEN (mqlw_n4 >= 200.0 AND mqlw_n4 <= 1000.0) THEN 1000 ELSE 0 END +
      CASE WHEN mqlw_n4 IN (1000.0) THEN 100 ELSE 0 END +
      CASE WHEN mqlw_n4 IN (50.0, 12.0) THEN -300 ELSE 0 END +
      CASE WHEN mqlw_n4 IS NULL THEN -100 ELSE 0 END +
      CASE WHEN mqlw_n5 >= 1.0 THEN 268 ELSE 0 END +
      CASE WHEN mqlw_n5 IS NULL THEN -33 ELSE 0 END +
      CASE WHEN mqlw_b6 IN (1) THEN 400 ELSE 0 END +
      CASE WHEN mqlw_b6 IN (0) THEN 100 ELSE 0 END +
      CASE WHEN mqlw_b6 IN (1) THEN 50 ELSE 0 END +
      CASE WHEN mqlw_b6 IS NULL THEN -200 ELSE 0 END +
      CASE WHEN mqlw_l7 IN ('us') THEN 500 ELSE 0 END +
      CASE WHEN mqlw_d10 IN (20151) THEN 600 ELSE 0 END +
      CASE WHEN (mqlw_d10 >= 20089.0 AND mqlw_d10 <= 20454.0) THEN 200 ELSE 0 END +
      CASE WHEN mqlw_d10 IS NULL THEN -400 ELSE 0 END
    ) AS mqlw_fit,
    min(max((30.0 * COALESCE(mqlw_n11, 0)), (-50.0)), 50.0) * mqlw_p15 AS mqlw_y0,
    min(max((12.5 * COALESCE(mqlw_n12, 0)), (-30.0)), 30.0) * mqlw_p13 AS mqlw_y1,
    1.1 * COALESCE(mqlw_n12, 0) * mqlw_p15 AS mqlw_y2,
    (-50.0) * COALESCE(mqlw_b14, 0) * 100.0 AS mqlw_y3,
    (-3.3) * COALESCE(mqlw_b14, 0) * mqlw_p15 AS mqlw_y4,
    CASE
      WHEN (mqlw_e1 = 'rivalsoft.com' OR (length(mqlw_e1) > 14 AND substr(mqlw_e1, -14) = '.rivalsoft.com') OR mqlw_e1 = 'competeco.com' OR (length(mqlw_e1) > 14 AND substr(mqlw_e1, -14) = '.competeco.com')) THEN 'competitor'
      WHEN mqlw_l2 IN ('student') THEN 'student'
      WHEN mqlw_b6 IN (1) THEN 'partner'
    END AS mqlw_disq,
    CASE WHEN mqlw_n11 > 0 OR mqlw_b14 > 0 THEN 1 ELSE 0 END AS mqlw_hand,
    COALESCE(mqlw_b18, CASE WHEN mqlw_sf IS NULL THEN -1 WHEN mqlw_sf >= 0 THEN 1 WHEN mqlw_sc = 1 THEN 0 ELSE -1 END) AS mqlw_r0,
    COALESCE(mqlw_b17, CASE WHEN mqlw_sf IS NULL THEN -1 WHEN mqlw_sf >= 1 THEN 1 WHEN mqlw_sc = 1 THEN 0 ELSE -1 END) AS mqlw_r1,
    CASE WHEN mqlw_n19 IS NOT NULL THEN CASE WHEN mqlw_n19 > 0 THEN 1 ELSE 0 END ELSE CASE WHEN mqlw_sf IS NULL THEN -1 WHEN mqlw_sf >= 2 THEN 1 WHEN mqlw_sc = 1 THEN 0 ELSE -1 END END AS mqlw_r2,
    CASE WHEN mqlw_d20 IS NOT NULL THEN 1 WHEN CASE WHEN mqlw_sf IS NULL THEN -1 WHEN mqlw_sf >= 3 THEN 1 WHEN mqlw_sc = 1 THEN 0 ELSE -1 END = -1 THEN CASE WHEN CASE WHEN mqlw_n19 IS NOT NULL THEN CASE WHEN mqlw_n19 > 0 THEN 1 ELSE 0 END ELSE CASE WHEN mqlw_sf IS NULL THEN -1 WHEN mqlw_sf >= 2 THEN 1 WHEN mqlw_sc = 1 THEN 0 ELSE -1 END END = -1 THEN -1 ELSE 0 END ELSE CASE WHEN mqlw_sf IS NULL THEN -1 WHEN mqlw_sf >= 3 THEN 1 WHEN mqlw_sc = 1 THEN 0 ELSE -1 END END AS mqlw_r3
  FROM mqlw_decay1
  LIMIT -1 OFFSET 0
),
mqlw_sums AS (
  SELECT
    mqlw_m8,
    mqlw_n21,
    mqlw_fit,
    mqlw_disq,
    mqlw_hand,
    mqlw_r0,
    mqlw_r1,
    mqlw_r2,
    mqlw_r3,
    (
      (CAST(mqlw_y0 AS INTEGER) + CASE WHEN mqlw_y0 - CAST(mqlw_y0 AS INTEGER) >= 0.5 THEN 1 WHEN mqlw_y0 - CAST(mqlw_y0 AS INTEGER) <= -0.5 THEN -1 ELSE 0 END) +
      (CAST(mqlw_y1 AS INTEGER) + CASE WHEN mqlw_y1 - CAST(mqlw_y1 AS INTEGER) >= 0.5 THEN 1 WHEN mqlw_y1 - CAST(mqlw_y1 AS INTEGER) <= -0.5 THEN -1 ELSE 0 END) +
      (CAST(mqlw_y2 AS INTEGER) + CASE WHEN mqlw_y2 - CAST(mqlw_y2 AS INTEGER) >= 0.5 THEN 1 WHEN mqlw_y2 - CAST(mqlw_y2 AS INTEGER) <= -0.5 THEN -1 ELSE 0 END) +
      (CAST(mqlw_y3 AS INTEGER) + CASE WHEN mqlw_y3 - CAST(mqlw_y3 AS INTEGER) >= 0.5 THEN 1 WHEN mqlw_y3 - CAST(mqlw_y3 AS INTEGER) <= -0.5 THEN -1 ELSE 0 END) +
      (CAST(mqlw_y4 AS INTEGER) + CASE WHEN mqlw_y4 - CAST(mqlw_y4 AS INTEGER) >= 0.5 THEN 1 WHEN mqlw_y4 - CAST(mqlw_y4 AS INTEGER) <= -0.5 THEN -1 ELSE 0 END)
    ) AS mqlw_beh,
    CASE WHEN mqlw_r3 = 1 THEN 3 WHEN mqlw_r2 = 1 THEN 2 WHEN mqlw_r1 = 1 THEN 1 WHEN mqlw_r0 = 1 THEN 0 ELSE -1 END AS mqlw_top
  FROM mqlw_points
  LIMIT -1 OFFSET 0
),
mqlw_total AS (
  SELECT
    mqlw_m8,
    mqlw_n21,
    mqlw_disq,
    mqlw_hand,
    mqlw_r0,
    mqlw_r1,
    mqlw_r2,
    mqlw_r3,
    mqlw_beh,
    mqlw_top,
    CASE WHEN mqlw_fit >= 3000 THEN 0 WHEN mqlw_fit >= 1501 THEN 1 WHEN mqlw_fit >= 0 THEN 2 ELSE 3 END AS mqlw_grade,
    mqlw_fit + (CASE WHEN mqlw_fit >= 3000 THEN 1.5 WHEN mqlw_fit >= 1501 THEN 1.15 WHEN mqlw_fit >= 0 THEN 1.0 ELSE 0.7 END) * mqlw_beh AS mqlw_ytot,
    CASE WHEN mqlw_top < 0 AND mqlw_r0 = 0 THEN 0 WHEN mqlw_top < 1 AND mqlw_r1 = 0 THEN 1 WHEN mqlw_top < 2 AND mqlw_r2 = 0 THEN 2 WHEN mqlw_top < 3 AND mqlw_r3 = 0 THEN 3 ELSE 4 END AS mqlw_first_no
  FROM mqlw_sums
  LIMIT -1 OFFSET 0
),
mqlw_score AS (
  SELECT
    mqlw_m8,
    mqlw_n21,
    mqlw_disq,
    mqlw_hand,
    mqlw_beh,
    mqlw_grade,
    (CAST(mqlw_ytot AS INTEGER) + CASE WHEN mqlw_ytot - CAST(mqlw_ytot AS INTEGER) >= 0.5 THEN 1 WHEN mqlw_ytot - CAST(mqlw_ytot AS INTEGER) <= -0.5 THEN -1 ELSE 0 END) AS mqlw_score_h,
    CASE WHEN mqlw_top >= 0 THEN 1 WHEN mqlw_first_no <= 0 THEN 0 ELSE mqlw_r0 END AS mqlw_o0,
    CASE WHEN mqlw_top >= 1 THEN 1 WHEN mqlw_first_no <= 1 THEN 0 ELSE mqlw_r1 END AS mqlw_o1,
    CASE WHEN mqlw_top >= 2 THEN 1 WHEN mqlw_first_no <= 2 THEN 0 ELSE mqlw_r2 END AS mqlw_o2,
    CASE WHEN mqlw_top >= 3 THEN 1 WHEN mqlw_first_no <= 3 THEN 0 ELSE mqlw_r3 END AS mqlw_o3
  FROM mqlw_total
  LIMIT -1 OFFSET 0
),
mqlw_lead AS (
  SELECT
    mqlw_m8,
    mqlw_n21,
    mqlw_score_h,
    mqlw_o0,
    mqlw_o1,
    mqlw_o2,
    mqlw_o3,
    CASE WHEN mqlw_disq IS NULL AND mqlw_hand = 1 AND mqlw_grade <= 2 THEN 4 ELSE 0 END AS mqlw_hr,
    CASE WHEN mqlw_disq IS NULL AND mqlw_grade <= 1 AND mqlw_beh >= 2050 THEN 2 ELSE 0 END AS mqlw_gb,
    CASE WHEN mqlw_disq IS NULL AND mqlw_score_h >= 2001 THEN 1 ELSE 0 END AS mqlw_sp,
    CASE WHEN mqlw_disq IS NULL THEN 0 ELSE 1 END AS mqlw_dq
  FROM mqlw_score
  LIMIT -1 OFFSET 0
)
SELECT
  mqlw_score_h AS score_key,
  mqlw_m8 AS created_month,
  mqlw_dq AS disqualified,
  mqlw_gb + mqlw_hr AS fixed_paths,
  COUNT(*) AS leads,
  SUM(CASE WHEN mqlw_o0 >= 0 THEN 1 ELSE 0 END) AS accepted_known,
  SUM(CASE WHEN mqlw_o0 = 1 THEN 1 ELSE 0 END) AS accepted_reached,
  SUM(CASE WHEN mqlw_o1 >= 0 THEN 1 ELSE 0 END) AS sql_known,
  SUM(CASE WHEN mqlw_o1 = 1 THEN 1 ELSE 0 END) AS sql_reached,
  SUM(CASE WHEN mqlw_o2 >= 0 THEN 1 ELSE 0 END) AS opportunity_known,
  SUM(CASE WHEN mqlw_o2 = 1 THEN 1 ELSE 0 END) AS opportunity_reached,
  SUM(CASE WHEN mqlw_o3 >= 0 THEN 1 ELSE 0 END) AS won_known,
  SUM(CASE WHEN mqlw_o3 = 1 THEN 1 ELSE 0 END) AS won_reached,
  SUM(CASE WHEN mqlw_o3 = 1 THEN mqlw_n21 END) AS won_amount
FROM mqlw_lead
GROUP BY mqlw_score_h, mqlw_m8, mqlw_dq, mqlw_gb + mqlw_hr
ORDER BY mqlw_score_h, mqlw_m8, mqlw_dq, mqlw_gb + mqlw_hr

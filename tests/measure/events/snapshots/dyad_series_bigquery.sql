WITH `t2` AS (
  SELECT
    `t1`.`date`,
    `t1`.`actor1`,
    `t1`.`actor2`,
    `t1`.`quad_class`,
    `t1`.`is_root_event`,
    `t1`.`source_format`,
    SUM(CAST(`t1`.`num_events` AS INT64)) AS `events`,
    SUM(COALESCE(CAST(`t1`.`num_mentions` AS INT64), CAST(`t1`.`num_events` AS INT64))) AS `mentions`,
    SUM(`t1`.`goldstein` * CAST(`t1`.`num_events` AS INT64)) AS `goldstein_sum`,
    SUM(IF(`t1`.`goldstein` IS NOT NULL, CAST(`t1`.`num_events` AS INT64), 0)) AS `goldstein_events`
  FROM (
    SELECT
      PARSE_DATE('%Y%m%d', CAST(`t0`.`SQLDATE` AS STRING)) AS `date`,
      `t0`.`Actor1CountryCode` AS `actor1`,
      `t0`.`Actor2CountryCode` AS `actor2`,
      `t0`.`EventCode` AS `event_code`,
      CAST(`t0`.`QuadClass` AS INT64) AS `quad_class`,
      `t0`.`GoldsteinScale` AS `goldstein`,
      CAST(`t0`.`NumMentions` AS INT64) AS `num_mentions`,
      1 AS `num_events`,
      `t0`.`IsRootEvent` = 1 AS `is_root_event`,
      `t0`.`SOURCEURL` AS `source_story`,
      'gdelt2' AS `source_format`
    FROM `gdelt-bq`.`gdeltv2`.`events` AS `t0`
  ) AS `t1`
  GROUP BY
    1,
    2,
    3,
    4,
    5,
    6
)
SELECT
  *
FROM (
  SELECT
    `t7`.`period`,
    COALESCE(`t9`.`events`, 0) AS `events`,
    COALESCE(`t9`.`verbal_cooperation`, 0) AS `verbal_cooperation`,
    COALESCE(`t9`.`material_cooperation`, 0) AS `material_cooperation`,
    COALESCE(`t9`.`verbal_conflict`, 0) AS `verbal_conflict`,
    COALESCE(`t9`.`material_conflict`, 0) AS `material_conflict`,
    COALESCE(`t9`.`mentions`, 0) AS `mentions`,
    COALESCE(`t9`.`goldstein_sum`, 0.0) AS `goldstein_sum`,
    IF(
      COALESCE(`t9`.`goldstein_events`, 0) > 0,
      ieee_divide(`t9`.`goldstein_sum`, CAST(COALESCE(`t9`.`goldstein_events`, 0) AS FLOAT64)),
      CAST(NULL AS FLOAT64)
    ) AS `goldstein_mean`,
    COALESCE(`t9`.`cooperative`, 0) - COALESCE(`t9`.`conflictual`, 0) AS `net_cooperation`,
    `t7`.`volume`,
    ieee_divide(CAST(COALESCE(`t9`.`pair_weight`, 0) AS FLOAT64), CAST(`t7`.`volume` AS FLOAT64)) AS `share`
  FROM (
    SELECT
      `t4`.`period`,
      SUM(`t4`.`w`) AS `volume`
    FROM (
      SELECT
        `t3`.`date`,
        `t3`.`actor1`,
        `t3`.`actor2`,
        `t3`.`quad_class`,
        `t3`.`is_root_event`,
        `t3`.`source_format`,
        `t3`.`events`,
        `t3`.`mentions`,
        `t3`.`goldstein_sum`,
        `t3`.`goldstein_events`,
        DATE_TRUNC(`t3`.`date`, MONTH) AS `period`,
        `t3`.`events` AS `w`
      FROM `t2` AS `t3`
      WHERE
        `t3`.`date` >= DATE(2015, 1, 1) AND `t3`.`date` <= DATE(2017, 12, 31)
    ) AS `t4`
    GROUP BY
      1
  ) AS `t7`
  LEFT OUTER JOIN (
    SELECT
      `t5`.`period`,
      SUM(`t5`.`events`) AS `events`,
      SUM(IF(`t5`.`quad_class` = 1, `t5`.`events`, 0)) AS `verbal_cooperation`,
      SUM(IF(`t5`.`quad_class` = 2, `t5`.`events`, 0)) AS `material_cooperation`,
      SUM(IF(`t5`.`quad_class` = 3, `t5`.`events`, 0)) AS `verbal_conflict`,
      SUM(IF(`t5`.`quad_class` = 4, `t5`.`events`, 0)) AS `material_conflict`,
      SUM(`t5`.`mentions`) AS `mentions`,
      SUM(`t5`.`goldstein_sum`) AS `goldstein_sum`,
      SUM(`t5`.`goldstein_events`) AS `goldstein_events`,
      SUM(IF(`t5`.`quad_class` <= 2, `t5`.`w`, 0)) AS `cooperative`,
      SUM(IF(`t5`.`quad_class` >= 3, `t5`.`w`, 0)) AS `conflictual`,
      SUM(`t5`.`w`) AS `pair_weight`
    FROM (
      SELECT
        `t3`.`date`,
        `t3`.`actor1`,
        `t3`.`actor2`,
        `t3`.`quad_class`,
        `t3`.`is_root_event`,
        `t3`.`source_format`,
        `t3`.`events`,
        `t3`.`mentions`,
        `t3`.`goldstein_sum`,
        `t3`.`goldstein_events`,
        DATE_TRUNC(`t3`.`date`, MONTH) AS `period`,
        `t3`.`events` AS `w`
      FROM `t2` AS `t3`
      WHERE
        `t3`.`date` >= DATE(2015, 1, 1)
        AND `t3`.`date` <= DATE(2017, 12, 31)
        AND (
          (
            (
              `t3`.`actor1` = 'RUS'
            ) AND (
              `t3`.`actor2` = 'IRN'
            )
          )
          OR (
            (
              `t3`.`actor1` = 'IRN'
            ) AND (
              `t3`.`actor2` = 'RUS'
            )
          )
        )
    ) AS `t5`
    GROUP BY
      1
  ) AS `t9`
    ON `t7`.`period` = `t9`.`period`
) AS `t10`
ORDER BY
  `t10`.`period` ASC NULLS LAST

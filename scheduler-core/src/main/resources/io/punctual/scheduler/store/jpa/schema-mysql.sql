-- Punctual JPA store, MySQL 8 and MariaDB 10.6+ (on older versions claims lock their rows through the JPA provider). Idempotent: creates what is missing, never drops.
-- MySQL has no CREATE INDEX IF NOT EXISTS: the indexes are declared inside CREATE TABLE IF NOT EXISTS.
-- ${prefix} is the table prefix (punctual.jdbc.table-prefix, default punctual_).
-- Times are microseconds since 1970-01-01T00:00:00Z (UTC by construction); durations are ISO-8601 text.

CREATE TABLE IF NOT EXISTS ${prefix}job (
    id                   VARCHAR(200) NOT NULL PRIMARY KEY,
    schedule_kind        VARCHAR(20)  NOT NULL,
    schedule_expression  VARCHAR(500) NOT NULL,
    schedule_zone        VARCHAR(100),
    start_at             BIGINT,
    end_at               BIGINT,
    misfire              VARCHAR(20)  NOT NULL,
    misfire_grace        VARCHAR(40)  NOT NULL,
    coalesce_fires       BOOLEAN      NOT NULL,
    max_catch_up         INTEGER      NOT NULL,
    max_instances        INTEGER      NOT NULL,
    retries              INTEGER      NOT NULL,
    retry_backoff        VARCHAR(40)  NOT NULL,
    run_timeout          VARCHAR(40),
    job_scope            VARCHAR(20)  NOT NULL,
    priority             INTEGER      NOT NULL,
    jitter               VARCHAR(40)  NOT NULL,
    enabled              BOOLEAN      NOT NULL,
    initial_delay        VARCHAR(40)  NOT NULL,
    handler_name         VARCHAR(200),
    payload              MEDIUMTEXT,
    paused               BOOLEAN      NOT NULL,
    orphaned             BOOLEAN      NOT NULL,
    waiting              BOOLEAN      NOT NULL,
    running              INTEGER      DEFAULT 0 NOT NULL,
    held_retries         BOOLEAN      DEFAULT FALSE NOT NULL,
    tagged               BOOLEAN      DEFAULT FALSE NOT NULL,
    latest_run_start     BIGINT,
    skip_row_id          VARCHAR(36),
    next_nominal         BIGINT,
    next_due             BIGINT,
    claim_due            BIGINT,
    last_fire            BIGINT,
    last_outcome         VARCHAR(20),
    consecutive_failures INTEGER      NOT NULL,
    run_id               VARCHAR(36),
    run_node             VARCHAR(200),
    run_scheduled        BIGINT,
    run_start            BIGINT,
    run_attempt          INTEGER,
    run_origin           VARCHAR(20),
    run_fence            BIGINT,
    version              BIGINT       NOT NULL,
    INDEX ${prefix}job_claim_idx (claim_due, priority DESC, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS ${prefix}job_tag (
    job_id VARCHAR(200) NOT NULL,
    tag    VARCHAR(200) NOT NULL,
    PRIMARY KEY (job_id, tag),
    INDEX ${prefix}job_tag_tag_idx (tag)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS ${prefix}execution (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    job_id         VARCHAR(200) NOT NULL,
    scheduled_time BIGINT       NOT NULL,
    start_time     BIGINT,
    end_time       BIGINT,
    outcome        VARCHAR(20),
    node           VARCHAR(200),
    attempt        INTEGER      NOT NULL,
    fire_count     BIGINT       NOT NULL,
    error          MEDIUMTEXT,
    detail         MEDIUMTEXT,
    fence          BIGINT       NOT NULL,
    origin         VARCHAR(20),
    INDEX ${prefix}execution_job_idx (job_id, end_time),
    INDEX ${prefix}execution_node_idx (node, end_time),
    INDEX ${prefix}execution_end_idx (end_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS ${prefix}pending_fire (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    job_id         VARCHAR(200) NOT NULL,
    due            BIGINT       NOT NULL,
    scheduled_time BIGINT       NOT NULL,
    attempt        INTEGER      NOT NULL,
    origin         VARCHAR(20)  NOT NULL,
    priority       INTEGER      NOT NULL,
    held           BOOLEAN      NOT NULL,
    detail         VARCHAR(1000),
    INDEX ${prefix}pending_fire_due_idx (held, due),
    INDEX ${prefix}pending_fire_job_idx (job_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS ${prefix}node (
    id             VARCHAR(200) NOT NULL PRIMARY KEY,
    last_heartbeat BIGINT       NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

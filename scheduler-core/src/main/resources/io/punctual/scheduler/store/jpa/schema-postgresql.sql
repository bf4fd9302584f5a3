-- Punctual JPA store, PostgreSQL. Idempotent: creates what is missing, never drops.
-- ${prefix} is the table prefix (punctual.jdbc.table-prefix, default punctual_).
-- Times are microseconds since 1970-01-01T00:00:00Z (UTC by construction); durations are ISO-8601 text.

-- fillfactor: every fire updates its job's row twice (its claim, its outcome); room left on each page lets an update
-- that changes no indexed column (an outcome's, mostly) stay on its page without new index entries (a HOT update)
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
    payload              TEXT,
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
    version              BIGINT       NOT NULL
) WITH (fillfactor = 80);
-- only claimable rows: a claim that ends a job's fires, and a run's end after it, leave it out of this index
CREATE INDEX IF NOT EXISTS ${prefix}job_claim_idx ON ${prefix}job (claim_due, priority DESC, id) WHERE claim_due IS NOT NULL;

CREATE TABLE IF NOT EXISTS ${prefix}job_tag (
    job_id VARCHAR(200) NOT NULL,
    tag    VARCHAR(200) NOT NULL,
    PRIMARY KEY (job_id, tag)
);
CREATE INDEX IF NOT EXISTS ${prefix}job_tag_tag_idx ON ${prefix}job_tag (tag);

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
    error          TEXT,
    detail         TEXT,
    fence          BIGINT       NOT NULL,
    origin         VARCHAR(20)
);
CREATE INDEX IF NOT EXISTS ${prefix}execution_job_idx ON ${prefix}execution (job_id, end_time);
-- only runs in flight: a run's history row, written when it ended, is not in this index
CREATE INDEX IF NOT EXISTS ${prefix}execution_node_idx ON ${prefix}execution (node, end_time) WHERE end_time IS NULL;
CREATE INDEX IF NOT EXISTS ${prefix}execution_end_idx ON ${prefix}execution (end_time);

CREATE TABLE IF NOT EXISTS ${prefix}pending_fire (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    job_id         VARCHAR(200) NOT NULL,
    due            BIGINT       NOT NULL,
    scheduled_time BIGINT       NOT NULL,
    attempt        INTEGER      NOT NULL,
    origin         VARCHAR(20)  NOT NULL,
    priority       INTEGER      NOT NULL,
    held           BOOLEAN      NOT NULL,
    detail         VARCHAR(1000)
);
CREATE INDEX IF NOT EXISTS ${prefix}pending_fire_due_idx ON ${prefix}pending_fire (held, due);
CREATE INDEX IF NOT EXISTS ${prefix}pending_fire_job_idx ON ${prefix}pending_fire (job_id);

CREATE TABLE IF NOT EXISTS ${prefix}node (
    id             VARCHAR(200) NOT NULL PRIMARY KEY,
    last_heartbeat BIGINT       NOT NULL
);

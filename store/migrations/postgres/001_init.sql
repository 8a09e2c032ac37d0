-- The live service's tables: feeds followed, articles seen on them, the
-- stories articles are placed into, and the Grouper's state. Times are
-- Unix milliseconds, so that both databases share every query.
CREATE TABLE feeds (
  id            BIGSERIAL PRIMARY KEY,
  url           TEXT    NOT NULL UNIQUE,
  outlet        TEXT    NOT NULL DEFAULT '',
  stance        TEXT    NOT NULL DEFAULT '',
  active        INTEGER NOT NULL DEFAULT 1,
  etag          TEXT    NOT NULL DEFAULT '',
  last_modified TEXT    NOT NULL DEFAULT '',
  next_poll_ms  BIGINT  NOT NULL DEFAULT 0,
  polled_ms     BIGINT  NOT NULL DEFAULT 0,
  failures      INTEGER NOT NULL DEFAULT 0,
  last_error    TEXT    NOT NULL DEFAULT '',
  polls         BIGINT  NOT NULL DEFAULT 0,
  not_modified  BIGINT  NOT NULL DEFAULT 0,
  items         BIGINT  NOT NULL DEFAULT 0
);
CREATE TABLE articles (
  id           BIGSERIAL PRIMARY KEY,
  feed_id      BIGINT  NOT NULL,
  url          TEXT    NOT NULL,
  url_key      TEXT    NOT NULL UNIQUE,
  guid         TEXT    NOT NULL DEFAULT '',
  outlet       TEXT    NOT NULL DEFAULT '',
  stance       TEXT    NOT NULL DEFAULT '',
  title        TEXT    NOT NULL DEFAULT '',
  published_ms BIGINT  NOT NULL DEFAULT 0,
  seen_ms      BIGINT  NOT NULL DEFAULT 0,
  state        TEXT    NOT NULL DEFAULT 'new',
  error        TEXT    NOT NULL DEFAULT '',
  attempts     INTEGER NOT NULL DEFAULT 0,
  text         TEXT    NOT NULL DEFAULT '',
  text_key     TEXT    UNIQUE,
  duplicate_of BIGINT  NOT NULL DEFAULT 0,
  keypoints    TEXT    NOT NULL DEFAULT '',
  story_id     TEXT    NOT NULL DEFAULT '',
  placed_ms    BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX articles_story ON articles (story_id);
CREATE INDEX articles_state ON articles (state);
CREATE TABLE stories (
  id         TEXT    PRIMARY KEY,
  title      TEXT    NOT NULL DEFAULT '',
  first_ms   BIGINT  NOT NULL DEFAULT 0,
  last_ms    BIGINT  NOT NULL DEFAULT 0,
  updated_ms BIGINT  NOT NULL DEFAULT 0,
  n_articles INTEGER NOT NULL DEFAULT 0,
  n_left     INTEGER NOT NULL DEFAULT 0,
  n_center   INTEGER NOT NULL DEFAULT 0,
  n_right    INTEGER NOT NULL DEFAULT 0,
  summary    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX stories_updated ON stories (updated_ms DESC, id DESC);
CREATE TABLE grouper (
  id      INTEGER PRIMARY KEY,
  version BIGINT  NOT NULL DEFAULT 0,
  pending BIGINT  NOT NULL DEFAULT 0,
  state   TEXT    NOT NULL DEFAULT ''
);
INSERT INTO grouper (id) VALUES (1);

// Package store keeps the live service's state in a database: the feeds
// followed, the articles seen on them (with their text, key points and
// errors), the stories they are placed into and the stories Grouper's
// state (a snapshot and the log of placements since, see GroupTx). It is
// the one package that speaks SQL.
//
// Two databases are supported behind one set of queries: SQLite (a file,
// pure Go through modernc.org/sqlite, in WAL mode, created on first
// start; one node) and PostgreSQL (a postgres:// URL, through pgx; any
// number of nodes). Queries are written once with ? placeholders and
// rebound to $n for PostgreSQL; times are Unix milliseconds and JSON is
// text, so no query depends on the database's types. Open applies the
// versioned migrations under migrations/<database>/ that the database has
// not seen yet, under a lock, so nodes that start together migrate once.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver
)

// Kinds of database.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

//go:embed migrations
var migrationFS embed.FS

// Store is the database. It is safe for concurrent use.
type Store struct {
	kind string
	// db takes writes (and, on PostgreSQL, reads). On SQLite it has one
	// connection: SQLite has one writer at a time, and River's SQLite
	// driver wants a single connection to avoid SQLITE_BUSY.
	db *sql.DB
	// ro serves reads on SQLite from more connections (WAL readers do not
	// wait for the writer); it is db on PostgreSQL.
	ro   *sql.DB
	pool *pgxpool.Pool
}

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens (creating an SQLite file if needed) the database named by
// dsn, a postgres:// URL or an SQLite file path (optionally prefixed
// "sqlite:"), and migrates it.
func Open(ctx context.Context, dsn string) (*Store, error) {
	var s *Store
	var err error
	if IsPostgres(dsn) {
		s, err = openPostgres(ctx, dsn)
	} else {
		s, err = openSQLite(dsn)
	}
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func openSQLite(dsn string) (*Store, error) {
	file := strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite://"), "sqlite:")
	if file == "" {
		return nil, errors.New("store: no SQLite file named")
	}
	pragmas := "_pragma=journal_mode(WAL)&_pragma=busy_timeout(20000)&_pragma=synchronous(NORMAL)"
	db, err := sql.Open("sqlite", "file:"+file+"?"+pragmas+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", file, err)
	}
	db.SetMaxOpenConns(1)
	db.SetConnMaxIdleTime(0)
	// The first connection creates the file and switches it to WAL before
	// the readers open it.
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", file, err)
	}
	ro, err := sql.Open("sqlite", "file:"+file+"?"+pragmas)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", file, err)
	}
	ro.SetMaxOpenConns(4)
	return &Store{kind: SQLite, db: db, ro: ro}, nil
}

func openPostgres(ctx context.Context, dsn string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if cfg.MaxConns < 16 {
		cfg.MaxConns = 16
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: connect: %w", err)
	}
	db := stdlib.OpenDBFromPool(pool)
	return &Store{kind: Postgres, db: db, ro: db, pool: pool}, nil
}

// Kind is SQLite or Postgres.
func (s *Store) Kind() string { return s.kind }

// DB is the database handle that takes writes; the job queue shares it
// on SQLite.
func (s *Store) DB() *sql.DB { return s.db }

// Pool is the pgx pool on PostgreSQL, nil on SQLite.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Close closes the database.
func (s *Store) Close() error {
	var err error
	if s.ro != s.db {
		err = s.ro.Close()
	}
	err = errors.Join(err, s.db.Close())
	if s.pool != nil {
		s.pool.Close()
	}
	return err
}

// q rebinds a query written with ? placeholders for the database.
func (s *Store) q(query string) string {
	if s.kind != Postgres {
		return query
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// migrationLock is the PostgreSQL advisory lock key held while migrating.
const migrationLock = 7_155_015

// migrate applies the migrations the database has not seen, in order,
// each in its own transaction.
func (s *Store) migrate(ctx context.Context) error {
	dir := path.Join("migrations", s.kind)
	ents, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return err
	}
	sort.Slice(ents, func(i, j int) bool { return ents[i].Name() < ents[j].Name() })
	return s.withLock(ctx, func(conn *sql.Conn) error { return s.migrateOn(ctx, conn, dir, ents) })
}

// WithMigrationLock runs fn holding the lock migrations run under (a
// PostgreSQL advisory lock; SQLite files have one node), for the job
// queue's migrations.
func (s *Store) WithMigrationLock(ctx context.Context, fn func() error) error {
	return s.withLock(ctx, func(*sql.Conn) error { return fn() })
}

func (s *Store) withLock(ctx context.Context, fn func(conn *sql.Conn) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	if s.kind != Postgres {
		// SQLite's one connection must be free for fn's own queries.
		conn.Close()
		return fn(nil)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrationLock); err != nil {
		return fmt.Errorf("store: migrate: lock: %w", err)
	}
	defer conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock($1)", migrationLock)
	return fn(conn)
}

func (s *Store) migrateOn(ctx context.Context, conn *sql.Conn, dir string, ents []fs.DirEntry) error {
	if conn == nil {
		c, err := s.db.Conn(ctx)
		if err != nil {
			return fmt.Errorf("store: migrate: %w", err)
		}
		defer c.Close()
		conn = c
	}
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	for _, e := range ents {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		version, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(name, ".sql") {
			return fmt.Errorf("store: migration file %s is not NNN_name.sql", name)
		}
		var n int
		if err := conn.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM schema_migrations WHERE version = ?"), version).Scan(&n); err != nil {
			return fmt.Errorf("store: migrate: %w", err)
		}
		if n > 0 {
			continue
		}
		body, err := fs.ReadFile(migrationFS, path.Join(dir, name))
		if err != nil {
			return err
		}
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("store: migrate: %w", err)
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("store: migration %s: %w", name, err)
		}
		if _, err := tx.ExecContext(ctx, s.q("INSERT INTO schema_migrations (version, name, applied_ms) VALUES (?, ?, ?)"),
			version, name, Millis(time.Now())); err != nil {
			tx.Rollback()
			return fmt.Errorf("store: migration %s: %w", name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("store: migration %s: %w", name, err)
		}
	}
	return nil
}

// Version returns the highest migration applied.
func (s *Store) Version(ctx context.Context) (int, error) {
	var v sql.NullInt64
	err := s.ro.QueryRowContext(ctx, "SELECT MAX(version) FROM schema_migrations").Scan(&v)
	return int(v.Int64), err
}

// Millis is t as Unix milliseconds, 0 for the zero time.
func Millis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// Time is the inverse of Millis.
func Time(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

// Rebind rewrites a query written with ? placeholders for the database,
// for callers that query the job queue's tables in a store transaction.
func (s *Store) Rebind(query string) string { return s.q(query) }

// QueryRow runs a read-only query that returns one row, for callers
// that read the job queue's tables.
func (s *Store) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return s.ro.QueryRowContext(ctx, query, args...)
}

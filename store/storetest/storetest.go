// Package storetest starts a private PostgreSQL server for tests, from
// the Debian binaries (/usr/lib/postgresql/*/bin): initdb into a
// temporary folder, a free port on the loopback, trust authentication,
// stopped by Stop (call it from TestMain). Without PostgreSQL installed,
// Postgres skips the test with a message.
package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

var (
	mu       sync.Mutex
	dir      string
	baseURL  string
	bin      string
	startErr error
	started  bool
	dbSeq    atomic.Int64
)

// Bin returns the folder of the PostgreSQL server binaries, or "".
func Bin() string {
	ms, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	sort.Strings(ms)
	if len(ms) == 0 {
		return ""
	}
	return filepath.Dir(ms[len(ms)-1])
}

// Postgres returns the URL of a fresh, empty database on the private
// server, starting the server on first use. It skips t when PostgreSQL is
// not installed.
func Postgres(t testing.TB) string {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	if !started {
		started = true
		startErr = start()
	}
	if startErr != nil {
		if bin == "" {
			t.Skip("PostgreSQL is not installed (apt-get install postgresql): skipping the PostgreSQL test")
		}
		t.Fatalf("starting PostgreSQL: %v", startErr)
	}
	name := fmt.Sprintf("kp_test_%d_%d", os.Getpid(), dbSeq.Add(1))
	db, err := sql.Open("pgx", baseURL+"/postgres?sslmode=disable")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	return baseURL + "/" + name + "?sslmode=disable"
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// asPostgres runs a server binary, as the postgres user when we are root
// (the server refuses to run as root).
func asPostgres(name string, args ...string) *exec.Cmd {
	path := filepath.Join(bin, name)
	if os.Geteuid() == 0 {
		return exec.Command("runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
	}
	return exec.Command(path, args...)
}

func start() error {
	bin = Bin()
	if bin == "" {
		return fmt.Errorf("not installed")
	}
	d, err := os.MkdirTemp("", "kp-pg-")
	if err != nil {
		return err
	}
	dir = d
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return fmt.Errorf("running as root and there is no postgres user: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			return err
		}
	}
	data := filepath.Join(dir, "data")
	if out, err := asPostgres("initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync").CombinedOutput(); err != nil {
		return fmt.Errorf("initdb: %v: %s", err, out)
	}
	port, err := freePort()
	if err != nil {
		return err
	}
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", port, dir)
	if out, err := asPostgres("pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(dir, "log"), "-w", "-t", "60", "start").CombinedOutput(); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		return fmt.Errorf("pg_ctl start: %v: %s %s", err, out, log)
	}
	baseURL = fmt.Sprintf("postgres://postgres@127.0.0.1:%d", port)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for ctx.Err() == nil {
		db, _ := sql.Open("pgx", baseURL+"/postgres?sslmode=disable")
		err = db.PingContext(ctx)
		db.Close()
		if err == nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("PostgreSQL did not answer: %w", err)
}

// Stop stops the private server, if one was started, and removes its
// folder.
func Stop() {
	mu.Lock()
	defer mu.Unlock()
	if dir == "" {
		return
	}
	if startErr == nil {
		asPostgres("pg_ctl", "-D", filepath.Join(dir, "data"), "-m", "immediate", "-w", "stop").Run()
	}
	os.RemoveAll(dir)
	dir = ""
}

"""A throwaway PostgreSQL server for the tests: `initdb` into a temporary folder, `pg_ctl` on a
Unix socket only, durability off (fsync, synchronous_commit, full_page_writes), one per test
session, removed at its end. `PgServer.standby()` adds a hot standby made with
`pg_basebackup -R`.

PostgreSQL refuses to run as root; when the tests do, the server's programs run as an
unprivileged user (`postgres` if the system has one, else a `newsarc-pg` system user made for
it) through `runuser`, in a folder that user owns.

    server = start(find_bindir())   # the fixtures in conftest.py do this once per session
    server.createdb("news")
    url = server.url("news")        # postgresql://postgres@/news?host=/tmp/...&port=...
    server.psql("SELECT %s::int + 1", (1,))
    server.stop()
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import re
import shlex
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

# The role that must log in with a password (scram-sha-256): the refused-login tests use it.
PASSWORD_ROLE = "newsarc_pw"

_PG_HBA = f"""\
# Written by tests/pgserver.py: trust on the socket, except one role that needs a password.
local   all             {PASSWORD_ROLE}      scram-sha-256
local   all             all             trust
local   replication     all             trust
"""

_SETTINGS = {
    "listen_addresses": "''",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "50",
    "wal_level": "replica",
    "max_wal_senders": "4",
    "hot_standby": "on",
    "password_encryption": "'scram-sha-256'",  # PostgreSQL 13's default is md5
    "shared_buffers": "32MB",
    "log_min_messages": "warning",
    # Dynamic shared memory as files in the data folder, which stop() removes: the default
    # (posix, in /dev/shm) outlives a `pg_ctl stop -m immediate`.
    "dynamic_shared_memory_type": "mmap",
}

_UNPRIVILEGED = "newsarc-pg"  # made only when the tests run as root and no `postgres` user exists


class Unavailable(Exception):
    """This machine cannot run a test server (no binaries, no way to drop root): skip, say why."""


def find_bindir() -> Path:
    """Where initdb, pg_ctl, postgres and pg_basebackup are: `pg_config --bindir`, else the newest
    /usr/lib/postgresql/*/bin, else PATH. Raises Unavailable when none has initdb."""
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=10, check=True
            )
            candidates.append(Path(out.stdout.strip()))
        except (OSError, subprocess.SubprocessError):
            pass
    # libpq-dev's pg_config names the bindir of its own version, which may hold no server.
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True)
    candidates += [Path(v) for v in versions]
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    for bindir in candidates:
        if all((bindir / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return bindir
    raise Unavailable("PostgreSQL server binaries not found (install postgresql)")


def _version_key(path: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", path)) or (0,)


def _run_as() -> str | None:
    """The OS user to run the server as: None (ourselves) unless we are root."""
    if os.geteuid() != 0:
        return None
    if shutil.which("runuser") is None and shutil.which("su") is None:
        raise Unavailable("running as root without runuser or su: cannot start PostgreSQL")
    for name in ("postgres", _UNPRIVILEGED):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", _UNPRIVILEGED],
        check=True,
        capture_output=True,
    )
    return _UNPRIVILEGED


def _clean_env() -> dict[str, str]:
    """Our environment without the libpq variables (PGHOST, PGDATA, ...), which would otherwise
    redirect the server's programs; C messages so that failures read the same everywhere."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["LC_ALL"] = "C"
    return env


@dataclass
class PgServer:
    """One running server: its programs, folders, socket and port."""

    bindir: Path
    root: Path  # the temporary folder holding everything below; removed by stop()
    datadir: Path
    sockdir: Path
    port: int
    os_user: str | None  # who runs the programs (None: this process's user)
    primary: PgServer | None = None  # set on a standby
    _standby: PgServer | None = field(default=None, repr=False)
    _names: itertools.count[int] = field(default_factory=lambda: itertools.count(1), repr=False)

    def url(
        self, dbname: str = "postgres", user: str = "postgres", password: str | None = None
    ) -> str:
        """A libpq URL to DBNAME on this server, over its Unix socket."""
        userinfo = quote(user, safe="") + (":" + quote(password, safe="") if password else "")
        host = quote(str(self.sockdir), safe="/")
        return f"postgresql://{userinfo}@/{quote(dbname, safe='')}?host={host}&port={self.port}"

    def psql(
        self, sql: str, params: Sequence[Any] | None = None, db: str = "postgres"
    ) -> list[Any]:
        """Run one statement as the superuser, autocommit; its rows ([] for none). Values go
        as psycopg parameters (`%s`), never into SQL text; they are bound on the client
        (ClientCursor), so that statements the server cannot bind take them too:
        `psql("CREATE ROLE r LOGIN PASSWORD %s", ["secret"])`."""
        import psycopg

        with psycopg.connect(
            self.url(db), autocommit=True, cursor_factory=psycopg.ClientCursor
        ) as conn:
            cur = conn.execute(sql.encode(), params)  # bytes: a str would need LiteralString
            return cur.fetchall() if cur.description is not None else []

    def createdb(self, name: str) -> None:
        from psycopg import sql

        self.psql(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)).as_string(None))

    def dropdb(self, name: str) -> None:
        """Drop NAME, ending any sessions still connected to it."""
        from psycopg import sql

        stmt = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        self.psql(stmt.as_string(None))

    def fresh_db(self) -> str:
        """Create an empty database with a name not used before in this session: test_<n>."""
        name = f"test_{next(self._names)}"
        self.createdb(name)
        return name

    def standby(self) -> PgServer:
        """A hot standby of this server (pg_basebackup -R, streaming), started on the next port;
        made on first call, then the same one. It only reads: see catch_up() before reading what
        the primary has just written."""
        if self._standby is None:
            datadir = self.root / "pg" / "standby"
            _run(
                self.os_user,
                [
                    str(self.bindir / "pg_basebackup"),
                    *("-D", str(datadir), "-R", "-X", "stream", "-c", "fast", "--no-sync"),
                    *("-h", str(self.sockdir), "-p", str(self.port), "-U", "postgres"),
                ],
                cwd=self.root,
            )
            self._standby = PgServer(
                self.bindir, self.root, datadir, self.sockdir, self.port + 1, self.os_user, self
            )
            self._standby._start()
        return self._standby

    def catch_up(self, timeout: float = 30.0) -> None:
        """On a standby: wait until it has replayed all the WAL its primary has written."""
        assert self.primary is not None, "catch_up() is for a standby"
        target = self.primary.psql("SELECT pg_current_wal_lsn()::text")[0][0]
        deadline = time.monotonic() + timeout
        while True:
            behind = self.psql("SELECT pg_wal_lsn_diff(%s, pg_last_wal_replay_lsn())", (target,))
            if behind[0][0] is not None and behind[0][0] <= 0:
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"standby on port {self.port} did not catch up in {timeout} s")
            time.sleep(0.02)

    def _start(self) -> None:
        log = self.datadir.parent / f"server-{self.port}.log"
        options = f"-p {self.port} -k {self.sockdir}"
        try:
            _run(
                self.os_user,
                [
                    str(self.bindir / "pg_ctl"),
                    *("-D", str(self.datadir), "-l", str(log), "-o", options),
                    *("-w", "-t", "60", "start"),
                ],
                cwd=self.root,
            )
        except RuntimeError as exc:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"PostgreSQL did not start: {exc}\n{tail}") from None

    def stop_server(self) -> None:
        """Stop the server at once (as a crash or a lost host would), keeping its data:
        `start_server()` starts it again."""
        self._halt()

    def start_server(self) -> None:
        self._start()

    def stop(self) -> None:
        """Stop the standby (if any) and this server, and remove the folder (from the primary)."""
        if self._standby is not None:
            self._standby.stop()
            self._standby = None
        self._halt()
        if self.primary is None:
            shutil.rmtree(self.root, ignore_errors=True)

    def _halt(self) -> None:
        if (self.datadir / "postmaster.pid").exists():
            stop = [str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-m", "immediate", "stop"]
            subprocess.run(
                _as_user(self.os_user, stop),
                cwd=self.root,
                env=_clean_env(),
                capture_output=True,
                timeout=60,
                check=False,
            )


def start(bindir: Path) -> PgServer:
    """initdb a new cluster in a temporary folder and start it; raises Unavailable when this
    machine cannot (root without a way to drop privileges)."""
    os_user = _run_as()
    root = Path(tempfile.mkdtemp(prefix="newsarc-pg-", dir=_scratch()))
    try:
        root.chmod(0o755)  # the server's user must reach its folders below
        home = root / "pg"  # data folders and logs, owned by the server's user
        home.mkdir()
        sockdir = root / "socket"
        sockdir.mkdir()
        sockdir.chmod(0o1777)  # the server makes its socket here; every user may connect
        if os_user is not None:
            entry = pwd.getpwnam(os_user)
            os.chown(home, entry.pw_uid, entry.pw_gid)
        datadir = home / "data"
        _run(
            os_user,
            [
                str(bindir / "initdb"),
                *("-D", str(datadir), "--auth=trust", "-U", "postgres"),
                *("--encoding=UTF8", "--locale=C", "--no-sync"),
            ],
            cwd=root,
        )
        _write(os_user, datadir / "pg_hba.conf", _PG_HBA)
        conf = (datadir / "postgresql.conf").read_text()
        extra = "".join(f"{key} = {value}\n" for key, value in _SETTINGS.items())
        _write(os_user, datadir / "postgresql.conf", conf + "\n# tests/pgserver.py\n" + extra)
        # Sockets are named by port, in a folder of our own: any port will do. One from the pid
        # keeps two sessions' System V shared memory keys (port * 1000) apart.
        port = 20000 + os.getpid() % 20000
        server = PgServer(bindir, root, datadir, sockdir, port, os_user)
        server._start()
        return server
    except BaseException:
        _kill_leftovers(bindir, root, os_user)
        shutil.rmtree(root, ignore_errors=True)
        raise


def _scratch() -> str | None:
    """Where to put the cluster: /dev/shm when it is a roomy tmpfs, else the temporary folder.
    Even with fsync off, a disk made the server 2.6x slower to start here (1.35 s against
    0.52 s), CREATE DATABASE 14x (220 ms against 16 ms) and the standby 5x (1.0 s, 0.18 s)."""
    shm = "/dev/shm"
    try:
        free = os.statvfs(shm)
    except OSError:
        return None
    roomy = free.f_bavail * free.f_frsize >= 1 << 30
    return shm if roomy and os.access(shm, os.W_OK | os.X_OK) else None


def _kill_leftovers(bindir: Path, root: Path, os_user: str | None) -> None:
    for pidfile in (root / "pg").glob("*/postmaster.pid"):
        stop = [str(bindir / "pg_ctl"), "-D", str(pidfile.parent), "-m", "immediate", "stop"]
        subprocess.run(_as_user(os_user, stop), cwd=root, env=_clean_env(), capture_output=True)


def _as_user(os_user: str | None, argv: list[str]) -> list[str]:
    """ARGV run as OS_USER: through runuser (util-linux), else su with a shell of our own (the
    user's may be nologin)."""
    if os_user is None:
        return argv
    if shutil.which("runuser"):
        return ["runuser", "-u", os_user, "--", *argv]
    return ["su", "-s", "/bin/sh", os_user, "-c", "exec " + shlex.join(argv)]


def _run(os_user: str | None, argv: list[str], cwd: Path) -> None:
    """Run one of the server's programs as the server's user; its output only on failure."""
    done = subprocess.run(
        _as_user(os_user, argv),
        cwd=cwd,
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"{Path(argv[0]).name} failed ({done.returncode}): {done.stderr.strip()}"
        )


def _write(os_user: str | None, path: Path, text: str) -> None:
    """Write a file in the data folder, keeping it owned by the server's user."""
    path.write_text(text)
    if os_user is not None:
        entry = pwd.getpwnam(os_user)
        os.chown(path, entry.pw_uid, entry.pw_gid)

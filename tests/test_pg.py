"""newsarc.pg: PostgreSQL URLs (no server needed), then connect() and read_only() against the
session's throwaway server (tests/pgserver.py; skipped without PostgreSQL, unless
NEWSARC_REQUIRE_PG=1)."""

from __future__ import annotations

import string
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsarc import pg
from newsarc.errors import ArchiveError
from newsarc.pg import (
    LoginRefused,
    NoDatabase,
    ServerTooOld,
    ServerUnreachable,
    connect,
    is_url,
    masked,
    read_only,
    where,
)

if TYPE_CHECKING:
    from tests.pgserver import PgServer

# --- URLs, no server -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "db",
    [
        "postgresql://alice@db.example/news",
        "postgres://alice@db.example/news",
        "postgresql:///news?host=/var/run/postgresql",
        "postgresql://",
        "postgresql://alice:secret@[::1]:5433,db2:5432/news?sslmode=require",
    ],
)
def test_is_url(db: str) -> None:
    assert is_url(db)


@pytest.mark.parametrize(
    "db",
    [
        "archive.db",
        "/home/alice/news/archive.db",
        "postgresql:/news",
        "mysql://db/news",
        "./postgresql://x",
        "POSTGRESQL://db/news",
        "",
        "sqlite:///archive.db",
    ],
)
def test_is_not_url(db: str) -> None:
    assert not is_url(db)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://alice:s3cret@db.example/news", "postgresql://alice:***@db.example/news"),
        (
            "postgres://alice:s3cret@db.example:5433/news?sslmode=require",
            "postgres://alice:***@db.example:5433/news?sslmode=require",
        ),
        (
            "postgresql://alice@db.example/news?password=s3cret&sslmode=require",
            "postgresql://alice@db.example/news?password=***&sslmode=require",
        ),
        (
            "postgresql://alice:one@db.example/news?password=two",
            "postgresql://alice:***@db.example/news?password=***",
        ),
        ("postgresql://alice:@db.example/news", "postgresql://alice:***@db.example/news"),
        (
            "postgresql://al%3Aice:p%40ss@db.example/news",
            "postgresql://al%3Aice:***@db.example/news",
        ),
        # libpq decodes parameter names too
        (
            "postgresql://db.example/news?pass%77ord=s3cret",
            "postgresql://db.example/news?pass%77ord=***",
        ),
        # nothing to hide
        ("postgresql://alice@db.example/news", "postgresql://alice@db.example/news"),
        (
            "postgresql:///news?host=/var/run/postgresql&port=5433",
            "postgresql:///news?host=/var/run/postgresql&port=5433",
        ),
        ("postgresql://db.example/news?user=a@b", "postgresql://db.example/news?user=a@b"),
        # a password with bare @ / ? & that libpq would split in the wrong place: masked whole
        ("postgresql://alice:p@ss@db.example/news", "postgresql://alice:***@db.example/news"),
        ("postgresql://alice:p/w?rd@db.example/news", "postgresql://alice:***@db.example/news"),
        ("postgresql://alice:p?w@db.example/news", "postgresql://alice:***@db.example/news"),
        (
            "postgresql://alice@db.example/news?password=a&b&port=5",
            "postgresql://alice@db.example/news?password=***",
        ),
        ("postgresql://alice:s3cret/news", "postgresql://alice:***"),
    ],
)
def test_masked(url: str, expected: str) -> None:
    assert masked(url) == expected


PASSWORD_CHARS = string.digits + "@:/?&=#% [],_abcdefp"


@given(st.text(PASSWORD_CHARS, min_size=1, max_size=12))
def test_no_digit_of_a_password_survives(password: str) -> None:
    """However a password is written (encoded or not, in the user info or a parameter), neither
    masked() nor where() lets any of it through: the URLs around it have no digits."""
    encoded = "".join(c if c.isdigit() else f"%{ord(c):02X}" for c in password)
    urls = [
        f"postgresql://alice:{password}@db.example/news?sslmode=require",
        f"postgresql://alice:{encoded}@db.example/news?sslmode=require",
        f"postgresql://alice@db.example/news?password={password}&sslmode=require",
        f"postgresql://alice@db.example/news?password={encoded}",
        f"postgresql://alice:{password}@/news?host=/var/run/postgresql",
    ]
    for url in urls:
        for shown in (masked(url), where(url, {})):
            assert not any(c.isdigit() for c in shown), (url, shown)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://alice:s3cret@db.example/news", "postgresql://alice@db.example/news"),
        (
            "postgres://alice@db.example:5433/news?sslmode=require&password=x",
            "postgresql://alice@db.example:5433/news",
        ),
        (
            "postgresql:///news?host=/var/run/postgresql",
            "postgresql:///news?host=/var/run/postgresql",
        ),
        (
            "postgresql://postgres@/test_1?host=/tmp/pg/socket&port=25001",
            "postgresql://postgres@/test_1?host=/tmp/pg/socket&port=25001",
        ),
        (
            "postgresql://%2Fvar%2Frun%2Fpostgresql/news",
            "postgresql:///news?host=/var/run/postgresql",
        ),
        ("postgresql://[::1]:5433/news", "postgresql://[::1]:5433/news"),
        ("postgresql://h1:5432,h2:5433/news", "postgresql://h1,h2/news?port=5432,5433"),
        ("postgresql://db.example?dbname=news&user=bob", "postgresql://bob@db.example/news"),
        ("postgresql://bob@db.example", "postgresql://bob@db.example/bob"),  # libpq's default
        ("postgresql://alice:p@ss@db.example/news", "postgresql://alice:***@db.example/news"),
    ],
)
def test_where(url: str, expected: str) -> None:
    assert where(url, {}) == expected


def test_where_takes_what_the_url_leaves_out_from_libpq_environment() -> None:
    env = {"PGHOST": "/run/pg", "PGPORT": "5433", "PGUSER": "bob", "PGDATABASE": "news"}
    assert where("postgresql://", env) == "postgresql://bob@/news?host=/run/pg&port=5433"
    assert (
        where("postgresql://alice@db.example/arch", env)
        == "postgresql://alice@db.example:5433/arch"
    )


@pytest.mark.parametrize(
    ("version", "text"), [(150004, "15.4"), (130000, "13.0"), (120017, "12.17"), (90624, "9.6.24")]
)
def test_version_text(version: int, text: str) -> None:
    assert pg.version_text(version) == text


@pytest.mark.parametrize("version", [90624, 100023, 120017, 129999])
def test_a_server_older_than_13_is_refused(version: int) -> None:
    with pytest.raises(ServerTooOld) as caught:
        pg.check_version(version, "postgresql://alice@db.example/news")
    message = caught.value.message
    assert message.startswith("PostgreSQL archive postgresql://alice@db.example/news: ")
    assert f"PostgreSQL {pg.version_text(version)};" in message
    assert "PostgreSQL 13 or newer" in message
    assert caught.value.exit_code == 2 and isinstance(caught.value, ArchiveError)


@pytest.mark.parametrize("version", [130000, 130014, 150004, 180001])
def test_a_server_of_13_or_newer_is_accepted(version: int) -> None:
    pg.check_version(version, "postgresql:///news")


SOCKET = 'connection to server on socket "/run/pg/.s.PGSQL.5432" failed: '
TCP = 'connection to server at "db.example" (10.0.0.1), port 5432 failed: '


@pytest.mark.parametrize(
    ("message", "kind", "says"),
    [
        (
            "connection failed: " + SOCKET + 'FATAL:  database "news" does not exist',
            NoDatabase,
            "no database 'news'; create it with: createdb -h db.example -U alice news",
        ),
        (
            "connection failed: " + TCP + 'FATAL:  password authentication failed for user "alice"',
            LoginRefused,
            'login refused: password authentication failed for user "alice"',
        ),
        (
            "connection failed: " + TCP + 'FATAL:  role "alice" does not exist',
            LoginRefused,
            'login refused: role "alice" does not exist',
        ),
        (
            "connection failed: " + TCP + 'FATAL:  no pg_hba.conf entry for host "10.0.0.2", user '
            '"alice", database "news", no encryption',
            LoginRefused,
            "login refused: no pg_hba.conf",
        ),
        (
            "connection failed: " + TCP + "fe_sendauth: no password supplied",
            LoginRefused,
            "login refused: fe_sendauth: no password supplied",
        ),
        (
            "connection failed: " + SOCKET + 'FATAL:  Peer authentication failed for user "alice"',
            LoginRefused,
            "login refused: Peer authentication failed",
        ),
        (
            "connection failed: "
            + TCP
            + "Connection refused\n\tIs the server running on that host "
            "and accepting TCP/IP connections?",
            ServerUnreachable,
            "cannot reach the server: Connection refused",
        ),
        (
            "connection is bad: " + SOCKET + "No such file or directory\n\tIs the server running "
            "locally and accepting connections on that socket?",
            ServerUnreachable,
            "cannot reach the server: No such file or directory",
        ),
        (
            "failed to resolve host 'db.example': [Errno -2] Name or service not known",
            ServerUnreachable,
            "cannot reach the server: failed to resolve host 'db.example'",
        ),
        ("connection timeout expired", ServerUnreachable, "cannot reach the server: "),
        (
            "connection failed: " + TCP + "FATAL:  sorry, too many clients already",
            ArchiveError,
            "cannot connect: sorry, too many clients already",
        ),
    ],
)
def test_connect_error_is_one_line_of_each_kind(message: str, kind: type, says: str) -> None:
    label = "postgresql://alice@db.example/news"
    error = pg.connect_error(message, label, pg.parse("postgresql://alice:pw@db.example/news"))
    assert type(error) is kind
    assert error.exit_code == 2
    assert error.message.startswith(f"PostgreSQL archive {label}: ")
    assert says in error.message
    assert "\n" not in error.message


def test_connect_error_masks_a_password_the_server_quotes() -> None:
    """Whatever the server or libpq says, a known password is masked in it."""
    target = pg.parse("postgresql://alice:hunter2@db.example/news")
    message = 'connection failed: FATAL:  invalid value "hunter2" and "env-secret"'
    error = pg.connect_error(
        message,
        "postgresql://alice@db.example/news",
        target,
        pg.secrets(target, {"PGPASSWORD": "env-secret"}),
    )
    assert "hunter2" not in error.message and "env-secret" not in error.message
    assert 'invalid value "***" and "***"' in error.message


def test_createdb_command_names_the_server() -> None:
    assert pg.createdb_command("postgresql:///news", "news") == "createdb news"
    assert (
        pg.createdb_command("postgresql://bob@/x?host=/run/pg&port=5433", "my db")
        == "createdb -h /run/pg -p 5433 -U bob 'my db'"
    )


def test_without_psycopg_connect_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # `import psycopg` now raises ImportError
    with pytest.raises(ArchiveError) as caught:
        connect("postgresql://alice:s3cret@db.example/news")
    assert (
        caught.value.message == "PostgreSQL archives need psycopg: pip install 'newsarc[postgres]'"
    )
    assert caught.value.exit_code == 2


def test_a_url_libpq_would_misread_is_refused_before_connecting() -> None:
    with pytest.raises(ArchiveError) as caught:
        connect("postgresql://alice:p@ss/w?rd@db.example/news")
    message = caught.value.message
    assert message.startswith("PostgreSQL archive postgresql://alice:***@db.example/news: ")
    assert "percent-encode" in message
    for piece in ("p@ss", "ss/w", "rd@"):
        assert piece not in message


def test_importing_pg_does_not_import_psycopg() -> None:
    """`newsarc search` on SQLite must not pay for psycopg: only connect() imports it."""
    code = "import sys, newsarc.pg; print('psycopg' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- against a real server ---------------------------------------------------------------------


def one_line(error: ArchiveError, *, hidden: tuple[str, ...] = ()) -> str:
    """The error's message, checked: one line, exit 2, none of HIDDEN in it."""
    assert error.exit_code == 2
    assert "\n" not in error.message and error.hint is None
    for secret in hidden:
        assert secret not in error.message
    return error.message


def dbname(url: str) -> str:
    return url.split("/")[3].split("?")[0]


def test_connect_reaches_the_server(pg_url: str, pg_server: PgServer) -> None:
    with connect(pg_url) as conn:
        assert conn.info.server_version >= pg.MIN_SERVER_VERSION
        assert conn.autocommit is False
        assert conn.info.dbname == dbname(pg_url)
        assert conn.execute("SELECT current_setting('application_name')").fetchone() == ("newsarc",)
        assert conn.info.get_parameters()["connect_timeout"] == str(pg.CONNECT_TIMEOUT)
        assert read_only(conn) is None  # the superuser, before the archive exists


def test_connect_keeps_the_url_own_timeout_and_name(pg_url: str) -> None:
    with connect(pg_url + "&connect_timeout=3&application_name=ingest-job") as conn:
        assert conn.info.get_parameters()["connect_timeout"] == "3"
        assert conn.execute("SHOW application_name").fetchone() == ("ingest-job",)


def test_no_server_at_the_socket(tmp_path: Path) -> None:
    url = f"postgresql://alice:s3cret-pw@/news?host={tmp_path}&port=5999"
    with pytest.raises(ServerUnreachable) as caught:
        connect(url)
    message = one_line(caught.value, hidden=("s3cret-pw",))
    assert message.startswith(
        f"PostgreSQL archive postgresql://alice@/news?host={tmp_path}&port=5999: "
    )
    assert "cannot reach the server: No such file or directory" in message


def test_no_server_at_the_port() -> None:
    with pytest.raises(ServerUnreachable) as caught:
        connect("postgresql://alice:s3cret-pw@127.0.0.1:1/news")
    message = one_line(caught.value, hidden=("s3cret-pw",))
    assert message.startswith("PostgreSQL archive postgresql://alice@127.0.0.1:1/news: ")


@pytest.fixture
def password_role(pg_server: PgServer) -> str:
    """The role pg_hba.conf makes log in with a password; its password."""
    from tests.pgserver import PASSWORD_ROLE

    pg_server.psql(f"DROP ROLE IF EXISTS {PASSWORD_ROLE}")
    pg_server.psql(f"CREATE ROLE {PASSWORD_ROLE} LOGIN PASSWORD %s", ["right horse"])
    return PASSWORD_ROLE


def test_a_wrong_password_is_one_line_without_it(
    pg_server: PgServer, pg_url: str, password_role: str
) -> None:
    url = pg_server.url(dbname(pg_url), password_role, "wr0ng-p@ss:word")
    with pytest.raises(LoginRefused) as caught:
        connect(url)
    message = one_line(caught.value, hidden=("wr0ng", "p@ss:word", "wr0ng-p%40ss%3Aword", url))
    assert message.startswith(f"PostgreSQL archive {where(url)}: login refused: ")
    assert f'password authentication failed for user "{password_role}"' in message
    assert str(pg_server.sockdir) in message and dbname(pg_url) in message
    # the right one gets in, so it was the password that was refused
    with connect(pg_server.url(dbname(pg_url), password_role, "right horse")) as conn:
        assert conn.info.user == password_role


def test_password_from_the_environment_and_pgpass(
    pg_server: PgServer,
    pg_url: str,
    password_role: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = pg_server.url(dbname(pg_url), password_role)
    with pytest.raises(LoginRefused) as caught:
        connect(url)
    assert "no password supplied" in one_line(caught.value)

    monkeypatch.setenv("PGPASSWORD", "env-wrong-secret")
    with pytest.raises(LoginRefused) as caught:
        connect(url)
    one_line(caught.value, hidden=("env-wrong-secret",))
    monkeypatch.setenv("PGPASSWORD", "right horse")
    with connect(url) as conn:
        assert conn.info.user == password_role

    monkeypatch.delenv("PGPASSWORD")
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:{password_role}:right horse\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    with connect(url) as conn:
        assert conn.info.user == password_role


def test_no_such_role(pg_server: PgServer, pg_url: str) -> None:
    with pytest.raises(LoginRefused) as caught:
        connect(pg_server.url(dbname(pg_url), "nobody_here", "s3cret-pw"))
    message = one_line(caught.value, hidden=("s3cret-pw",))
    assert 'login refused: role "nobody_here" does not exist' in message


def test_missing_database(pg_server: PgServer, pg_url: str) -> None:
    url = pg_server.url("no_such_archive", password="s3cret-pw")
    with pytest.raises(NoDatabase) as caught:
        connect(url)
    message = one_line(caught.value, hidden=("s3cret-pw",))
    assert message == (
        f"PostgreSQL archive {where(url)}: the server has no database 'no_such_archive'; create "
        f"it with: createdb -h {pg_server.sockdir} -p {pg_server.port} -U postgres no_such_archive"
    )


def test_a_role_with_only_select_may_only_read(pg_server: PgServer, pg_url: str) -> None:
    from psycopg.pq import TransactionStatus

    db = dbname(pg_url)
    pg_server.psql("CREATE TABLE articles (id text PRIMARY KEY)", db=db)
    pg_server.psql(f"CREATE ROLE {db}_reader LOGIN")  # roles are the server's: one per test
    pg_server.psql(f"GRANT SELECT ON articles TO {db}_reader", db=db)
    with connect(pg_server.url(db, f"{db}_reader")) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (0,)
        conn.rollback()
        assert read_only(conn) == f'the role "{db}_reader" may only read'
        assert conn.info.transaction_status == TransactionStatus.IDLE  # as read_only() found it
    pg_server.psql(f"GRANT INSERT ON articles TO {db}_reader", db=db)
    with connect(pg_server.url(db, f"{db}_reader")) as conn:
        assert read_only(conn) is None


def test_a_role_that_cannot_create_the_archive(pg_server: PgServer, pg_url: str) -> None:
    """PostgreSQL 15 and later let only the database's owner create tables in `public`."""
    db = dbname(pg_url)
    pg_server.psql(f"CREATE ROLE {db}_guest LOGIN")
    pg_server.psql("REVOKE CREATE ON SCHEMA public FROM PUBLIC", db=db)  # as 15 does
    with connect(pg_server.url(db, f"{db}_guest")) as conn:
        assert read_only(conn) == (
            f'the role "{db}_guest" may not create the archive\'s tables in schema "public"'
        )


def test_a_read_only_session(pg_url: str) -> None:
    url = pg_url + "&options=-c%20default_transaction_read_only%3Don"
    with connect(url) as conn:
        assert read_only(conn) == "a read-only session (default_transaction_read_only is on)"


def test_a_hot_standby_is_read_only(pg_server: PgServer, pg_url: str) -> None:
    db = dbname(pg_url)
    pg_server.psql("CREATE TABLE articles (id text PRIMARY KEY)", db=db)
    pg_server.psql("INSERT INTO articles VALUES (%s)", ["a1"], db=db)
    standby = pg_server.standby()
    standby.catch_up()
    with connect(standby.url(db)) as conn:
        assert conn.execute("SELECT id FROM articles").fetchall() == [("a1",)]
        assert read_only(conn) == "a read-only standby (hot standby)"
    with connect(pg_url) as conn:
        assert read_only(conn) is None

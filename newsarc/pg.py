"""Connecting to a PostgreSQL archive: libpq URLs, their labels for messages, the connection
itself and whether it may write. No schema here: the PostgreSQL store builds on `connect()`.

psycopg is an optional extra (`pip install 'newsarc[postgres]'`), imported only inside
`connect()`, so that a SQLite archive never loads it. A password, from the URL or anywhere
else, never reaches a message: `masked()` and `where()` leave it out, and a failure to connect
becomes one line of our own that names the host and the database.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from newsarc.errors import ArchiveError

if TYPE_CHECKING:
    import psycopg

SCHEMES = ("postgresql://", "postgres://")  # what libpq accepts, lower case only like libpq
MIN_SERVER_VERSION = 130000  # PostgreSQL 13, the oldest issue 20 supports
CONNECT_TIMEOUT = 10  # seconds, unless the URL or $PGCONNECT_TIMEOUT says otherwise
INSTALL = "PostgreSQL archives need psycopg: pip install 'newsarc[postgres]'"
MASK = "***"


class ServerUnreachable(ArchiveError):
    """No server answers at the URL's host (no such host, connection refused, no socket)."""


class LoginRefused(ArchiveError):
    """The server refused the login: a wrong or missing password, no such role, pg_hba.conf."""


class NoDatabase(ArchiveError):
    """The server has no database of that name."""


class ServerTooOld(ArchiveError):
    """The server is older than PostgreSQL 13."""


def is_url(db: str) -> bool:
    """Is this --db value a PostgreSQL archive (a libpq URL) rather than a SQLite file?"""
    return db.startswith(SCHEMES)


@dataclass(frozen=True)
class Target:
    """What a URL names, percent-decoded; None where it names nothing. The password is kept
    only to be kept out of messages (`secrets()`)."""

    user: str | None
    password: str | None
    host: str | None  # a name, an address, a socket folder, or several of them comma-separated
    port: str | None
    dbname: str | None
    params: Mapping[str, str]  # the query parameters, password included


def parse(url: str) -> Target:
    """Take a libpq URL apart as libpq does:
    `postgresql://[user[:password]@][host][:port][,...][/dbname][?keyword=value&...]`.
    Query parameters (host=, port=, user=, password=, dbname=) win over the parts before them,
    as in libpq. A URL that is not well formed (`well_formed()`) is read from its masked form,
    so that no piece of a password turns up as a host or a database."""
    rest = _scheme(url)[1]
    if not well_formed(url):
        rest = _masked_malformed(rest)
    parts = _split(rest)
    user = password = None
    if parts.userinfo is not None:
        name, colon, secret = parts.userinfo.partition(":")
        user = unquote(name) or None
        password = unquote(secret) if colon else None
    params = dict(_query_pairs(parts.query or ""))
    host, port = _split_hostspec(unquote(parts.hostspec))
    return Target(
        user=params.get("user") or user,
        password=params.get("password", password),
        host=params.get("host") or params.get("hostaddr") or host,
        port=params.get("port") or port,
        dbname=params.get("dbname") or (unquote(parts.path) if parts.path else None),
        params=params,
    )


def well_formed(url: str) -> bool:
    """Does libpq read URL as its writer surely meant? Not when a bare `@`, `:`, `/`, `?` or `&`
    in a password (or user name) shifts where libpq splits it: then a piece of the password
    would land in the host, the port, the database or a parameter, and in libpq's messages."""
    parts = _split(_scheme(url)[1])
    hosts_ok = all(_HOSTPART.fullmatch(part) for part in parts.hostspec.split(","))
    path_ok = parts.path is None or "@" not in parts.path
    query_ok = parts.query is None or all(
        _is_param(piece) for piece in parts.query.split("&") if piece
    )
    return hosts_ok and path_ok and query_ok


def masked(url: str) -> str:
    """URL with any password replaced by `***`: in the user info (`user:***@`) and in a
    `password=` query parameter (and `sslpassword=`, ...); anything else as written. A URL that
    is not well formed is masked generously (`_masked_malformed()`)."""
    scheme, rest = _scheme(url)
    if not well_formed(url):
        return scheme + _masked_malformed(rest)
    parts = _split(rest)
    out = ""
    if parts.userinfo is not None:
        user, colon, _ = parts.userinfo.partition(":")
        out = user + (":" + MASK if colon else "") + "@"
    out += parts.hostspec
    if parts.path is not None:
        out += "/" + parts.path
    if parts.query is not None:
        out += "?" + _masked_query(parts.query)
    return scheme + out


def where(url: str, environ: Mapping[str, str] | None = None) -> str:
    """A short label for messages, naming the host (or socket folder) and the database, never
    the password: `postgresql://alice@db.example/news`,
    `postgresql://postgres@/news?host=/run/postgresql&port=5433`. What the URL leaves out comes
    from libpq's environment variables (PGHOST, PGPORT, PGUSER, PGDATABASE), as libpq does."""
    if not well_formed(url):
        return masked(url)
    env = os.environ if environ is None else environ
    target = parse(url)
    user = target.user or env.get("PGUSER") or None
    host = target.host or env.get("PGHOST") or ""
    port = target.port or env.get("PGPORT") or ""
    dbname = target.dbname or env.get("PGDATABASE") or user or ""
    label = "postgresql://" + (quote(user, safe="") + "@" if user else "")
    query: list[str] = []
    if host.startswith(("/", "@")) or ("," in host and "/" in host):  # Unix socket folders
        query.append("host=" + quote(host, safe="/,@"))
        if port:
            query.append("port=" + quote(port, safe=","))
    else:
        label += host if ":" not in host or "," in host else f"[{host}]"  # an IPv6 address
        label += f":{port}" if port and "," not in port else ""
        if "," in port:
            query.append("port=" + quote(port, safe=","))
    label += "/" + quote(dbname, safe="")
    return masked(label + ("?" + "&".join(query) if query else ""))


def connect(url: str, environ: Mapping[str, str] | None = None) -> psycopg.Connection[Any]:
    """Open the archive at URL (autocommit off). The password comes from the URL, $PGPASSWORD
    or ~/.pgpass, as libpq finds it. Every failure is one ArchiveError line, exit 2, naming
    the host and the database."""
    try:
        import psycopg
    except ImportError:
        raise ArchiveError(INSTALL) from None
    env = os.environ if environ is None else environ
    if not well_formed(url):
        raise ArchiveError(
            f"PostgreSQL archive {masked(url)}: not a URL libpq reads as written; "
            "percent-encode @ : / ? & in the user name and password (%40 %3A %2F %3F %26)"
        )
    label = where(url, env)
    target = parse(url)
    extra: dict[str, Any] = {}
    if "connect_timeout" not in target.params and not env.get("PGCONNECT_TIMEOUT"):
        extra["connect_timeout"] = CONNECT_TIMEOUT
    if "application_name" not in target.params and not env.get("PGAPPNAME"):
        extra["application_name"] = "newsarc"
    try:
        conn = psycopg.connect(url, autocommit=False, **extra)
    except psycopg.OperationalError as exc:
        # `from None`: the exception holds the connection, whose repr shows the password.
        raise connect_error(str(exc), label, target, secrets(target, env)) from None
    except psycopg.ProgrammingError as exc:  # the URL itself: a bad parameter, a bad port
        detail = _scrub(_reason(str(exc)), secrets(target, env))
        raise ArchiveError(f"PostgreSQL archive {label}: {detail}") from None
    try:
        check_version(conn.info.server_version, label)
    except ServerTooOld:
        conn.close()
        raise
    return conn


def check_version(version: int, label: str) -> None:
    """Refuse a server older than PostgreSQL 13 (`version` as libpq gives it: 150004)."""
    if version < MIN_SERVER_VERSION:
        raise ServerTooOld(
            f"PostgreSQL archive {label}: the server is PostgreSQL {version_text(version)}; "
            f"newsarc needs PostgreSQL {MIN_SERVER_VERSION // 10000} or newer"
        )


def version_text(version: int) -> str:
    """libpq's server_version as people write it: 150004 -> 15.4, 90624 -> 9.6.24."""
    if version >= 100000:
        return f"{version // 10000}.{version % 10000}"
    return f"{version // 10000}.{version // 100 % 100}.{version % 100}"


def connect_error(
    message: str, label: str, target: Target, hidden: frozenset[str] = frozenset()
) -> ArchiveError:
    """The one-line error for psycopg's MESSAGE on failing to connect to LABEL; any string in
    HIDDEN (the passwords) is masked wherever the server's words are quoted."""
    reason = _scrub(_reason(message), hidden | secrets(target, {}))
    missing = _NO_DATABASE.search(reason)
    if missing:
        dbname = missing["name"]
        return NoDatabase(
            f"PostgreSQL archive {label}: the server has no database {dbname!r}; "
            f"create it with: {createdb_command(label, dbname)}"
        )
    if _LOGIN_REFUSED.search(reason):
        return LoginRefused(f"PostgreSQL archive {label}: login refused: {reason}")
    if _UNREACHABLE.search(reason):
        return ServerUnreachable(f"PostgreSQL archive {label}: cannot reach the server: {reason}")
    return ArchiveError(f"PostgreSQL archive {label}: cannot connect: {reason}")


def createdb_command(label: str, dbname: str) -> str:
    """The `createdb` command line that makes DBNAME on the server LABEL names."""
    target = parse(label)
    args = ["createdb"]
    if target.host:
        args += ["-h", target.host]
    if target.port:
        args += ["-p", target.port]
    if target.user:
        args += ["-U", target.user]
    return " ".join([*(_shell_word(a) for a in args), _shell_word(dbname)])


def read_only(conn: psycopg.Connection[Any]) -> str | None:
    """Why CONN cannot write to the archive, or None: the server is a hot standby, the session
    is read-only, or the role may not INSERT into `articles` (or, before the archive exists,
    may not create it). Leaves the connection's transaction state as it found it."""
    from psycopg.pq import TransactionStatus

    idle = conn.info.transaction_status == TransactionStatus.IDLE
    try:
        row = conn.execute(
            """
            SELECT pg_is_in_recovery(),
                   current_setting('transaction_read_only') = 'on',
                   current_user,
                   CASE WHEN to_regclass(%(table)s) IS NOT NULL
                        THEN has_table_privilege(to_regclass(%(table)s), %(privilege)s) END,
                   current_schema(),
                   has_schema_privilege(current_schema(), %(create)s)
            """,
            {"table": "articles", "privilege": "INSERT", "create": "CREATE"},
        ).fetchone()
    finally:
        if idle:
            conn.rollback()
    assert row is not None
    standby, read_only_session, role, may_insert, schema, may_create = row
    if standby:
        return "a read-only standby (hot standby)"
    if read_only_session:
        return "a read-only session (default_transaction_read_only is on)"
    if may_insert is False:
        return f'the role "{role}" may only read'
    if may_insert is None and not may_create:
        where_ = f'schema "{schema}"' if schema else "any schema on its search_path"
        return f'the role "{role}" may not create the archive\'s tables in {where_}'
    return None


def secrets(target: Target, environ: Mapping[str, str]) -> frozenset[str]:
    """The secrets that must not appear in a message: the URL's password (and sslpassword, ...)
    and $PGPASSWORD."""
    found = {target.password, environ.get("PGPASSWORD")}
    found |= {value for key, value in target.params.items() if key in _SECRET_KEYWORDS}
    return frozenset(s for s in found if s)


# The server's and libpq's words for each failure (their C-locale text; a server that answers
# in another language gets the general "cannot connect" line, still with its own words).
_NO_DATABASE = re.compile(r'^database "(?P<name>.*)" does not exist')
_LOGIN_REFUSED = re.compile(
    r"authentication failed"  # password, peer, ident, ldap, ...
    r"|no password supplied"
    r"|no pg_hba\.conf entry|pg_hba\.conf rejects"
    r'|^role ".*" (?:does not exist|is not permitted to log in)'
    r"|^permission denied for database|does not have CONNECT privilege",
    re.IGNORECASE,
)
_UNREACHABLE = re.compile(
    r"could not translate host name|failed to resolve host|Name or service not known"
    r"|Connection refused|No such file or directory|timeout expired|timed out"
    r"|No route to host|Network is unreachable|could not connect"
    r"|server closed the connection unexpectedly|Permission denied",
    re.IGNORECASE,
)


def _reason(message: str) -> str:
    """The useful part of psycopg's connection error, on one line: the server's FATAL text, or
    libpq's reason after `connection to server ... failed:`."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    for line in lines:
        if "FATAL:" in line:
            return " ".join(line.split("FATAL:", 1)[1].split())
    first = lines[0] if lines else message.strip()
    first = re.sub(r"^connection (?:failed|is bad): ", "", first)
    server = r'(?:on socket "[^"]*"|at "[^"]*"(?: \([^)]*\))?(?:, port \d+)?)'
    first = re.sub(rf"^connection to server {server} failed: ", "", first)
    return " ".join(first.split()) or "unknown error"


def _scrub(text: str, hidden: frozenset[str]) -> str:
    for secret in sorted(hidden, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


@dataclass(frozen=True)
class _Parts:
    """A URL after its scheme, split where libpq splits it, each part as written."""

    userinfo: str | None  # `user[:password]`, None without an `@`
    hostspec: str
    path: str | None  # None without a `/`
    query: str | None  # None without a `?`


# A host name, an IPv4 address, an [IPv6] address or a percent-encoded socket folder, then a port.
_HOSTPART = re.compile(r"(?:\[[0-9A-Fa-f:.%]*\]|[\w.~%-]*)(?::\d*)?")


# libpq's connection keywords (PostgreSQL 18), and those whose values are secrets.
_KEYWORDS = frozenset(
    """host hostaddr port dbname user password passfile require_auth channel_binding
    connect_timeout client_encoding options application_name fallback_application_name
    keepalives keepalives_idle keepalives_interval keepalives_count tcp_user_timeout replication
    gssencmode sslmode sslnegotiation sslcompression sslcert sslkey sslkeylogfile sslpassword
    sslcertmode sslrootcert sslcrl sslcrldir sslsni requirepeer ssl_min_protocol_version
    ssl_max_protocol_version min_protocol_version max_protocol_version krbsrvname gsslib
    gssdelegation service target_session_attrs load_balance_hosts scram_client_key
    scram_server_key oauth_issuer oauth_client_id oauth_client_secret oauth_scope ssl""".split()
)
_SECRET_KEYWORDS = frozenset(
    {"password", "sslpassword", "oauth_client_secret", "scram_client_key", "scram_server_key"}
)


def _is_param(piece: str) -> bool:
    """Is this piece of a query a `keyword=value` pair? libpq decodes keywords (`pass%77ord` is
    `password`). A keyword it does not know yet counts only written plainly (`[a-z_]{3,}`) and
    with no `@` in its value; a value with a bare `?` is taken for a piece of a password."""
    key, eq, value = piece.partition("=")
    if not eq or "?" in value:
        return False
    if unquote(key) in _KEYWORDS:
        return True
    return re.fullmatch(r"[a-z_]{3,}", key) is not None and "@" not in value


def _scheme(url: str) -> tuple[str, str]:
    cut = url.index("://") + 3 if "://" in url else 0
    return url[:cut], url[cut:]


def _split(rest: str) -> _Parts:
    """libpq's reading: the user info ends at the first `@` if no `/` comes before it; the host
    part at the first `/` or `?`; the database name at the first `?`."""
    userinfo = None
    at, slash = rest.find("@"), rest.find("/")
    if at >= 0 and (slash < 0 or at < slash):
        userinfo, rest = rest[:at], rest[at + 1 :]
    before_query, question, query = rest.partition("?")
    hostspec, slash_, path = before_query.partition("/")
    return _Parts(userinfo, hostspec, path if slash_ else None, query if question else None)


def _masked_malformed(rest: str) -> str:
    """Mask a URL libpq would split in the wrong place, generously: everything after the first
    `password=` parameter, then whatever lies between the first `:` and the last `@` (after a
    `:` with no `@`, everything)."""
    for match in _KEY.finditer(rest):
        if unquote(match["key"]).lower() in _SECRET_KEYWORDS:
            rest = rest[: match.end()] + MASK
            break
    at, colon = rest.rfind("@"), rest.find(":")
    if colon >= 0 and at < 0:
        return rest[: colon + 1] + MASK
    if 0 <= colon < at:
        rest = rest[: colon + 1] + MASK + rest[at:]
    return rest


_KEY = re.compile(r"(?:^|[?&])(?P<key>(?:[A-Za-z_]|%[0-9A-Fa-f]{2})+)=")


def _masked_query(query: str) -> str:
    """Mask the value of every `password=` parameter (and `sslpassword=`, ...), and drop the `&`
    pieces after it that are no pair of a libpq keyword and a value (a bare `&` in the password:
    `password=a&b&port=5`, `password=a&bc=d&port=5`)."""
    out: list[str] = []
    in_password = False
    for piece in query.split("&"):
        key = unquote(piece.partition("=")[0])
        if _is_param(piece) and (key in _KEYWORDS or not in_password):  # strict after a secret
            in_password = key in _SECRET_KEYWORDS
            out.append(piece.partition("=")[0] + "=" + MASK if in_password else piece)
        elif not in_password:
            out.append(piece)
    return "&".join(out)


def _query_pairs(query: str) -> list[tuple[str, str]]:
    pairs = []
    for piece in query.split("&"):
        key, eq, value = piece.partition("=")
        if eq:
            pairs.append((unquote(key), unquote(value)))
    return pairs


def _split_hostspec(hostspec: str) -> tuple[str | None, str | None]:
    """`db1:5432,db2:5433` -> (`db1,db2`, `5432,5433`); `[::1]:5432` -> (`::1`, `5432`)."""
    if not hostspec:
        return None, None
    hosts: list[str] = []
    ports: list[str] = []
    for part in hostspec.split(","):
        match = re.fullmatch(
            r"\[(?P<v6>[^\]]*)\](?::(?P<p6>\d*))?|(?P<host>[^:]*)(?::(?P<port>\d*))?", part
        )
        if match is None:
            hosts.append(part)
            continue
        hosts.append(match["v6"] if match["v6"] is not None else match["host"])
        ports.append(match["p6"] or match["port"] or "")
    host = ",".join(hosts) or None
    port = ",".join(ports) if any(ports) else None
    return host, port


def _shell_word(word: str) -> str:
    return (
        word
        if re.fullmatch(r"[A-Za-z0-9_./:@%+=,-]+", word)
        else "'" + word.replace("'", "'\\''") + "'"
    )

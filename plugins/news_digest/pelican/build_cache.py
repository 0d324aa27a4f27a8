"""Pelican glue: what a build keeps for the next one, in Pelican's CACHE_PATH.

- `cached`: a computed value (related stories, tag merges), reused while its
  inputs are the same.
- `BlobStore`: values too many to load at once (serialised feed entries,
  stories' features), read one by one from SQLite.
- `BuildState`: what each output (a feed file, a search bundle) was made from,
  so that an output whose inputs did not change is not made again.

A missing, unreadable or damaged cache file only means the work is done
again: every kept value is stored with its checksum, and a mismatch is a miss.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from importlib import metadata as importlib_metadata
from pathlib import Path

from .files import note_kept, write_atomically

logger = logging.getLogger(__name__)


def cache_folder(pelican_settings: dict) -> Path:
    return Path(pelican_settings.get("CACHE_PATH") or "cache")


def cache_file(pelican_settings: dict, name: str, suffix: str = ".json") -> Path:
    return in_cache(cache_folder(pelican_settings), name, suffix)


def in_cache(folder: Path, name: str, suffix: str) -> Path:
    """The file `name` of this plugin in a cache folder."""
    return Path(folder) / f"news_digest-{name}{suffix}"


def callable_name(value) -> str:
    """A function (in the settings: a Jinja filter) by its module and name,
    the same in every build, unlike its repr's address."""
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}"


def code_stamp(packages: tuple[str, ...], files: tuple[Path, ...]) -> str:
    """What a kept value was made by: the Python version, the packages'
    versions and the files' contents (our code, our word files)."""
    digest = hashlib.sha256(repr(sys.version_info[:2]).encode())
    for name in packages:
        try:
            digest.update(f"{name}={importlib_metadata.version(name)}".encode())
        except importlib_metadata.PackageNotFoundError:
            digest.update(name.encode())
    for path in files:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def kept_value(path: Path, key: str, compute, dumps, loads):
    """`compute()`, or the value an earlier build kept at `path` when it was
    made from the same `key`; a new value is kept there for the next build.
    `dumps((key, value))` -> bytes and `loads(bytes)` -> (key, value)."""
    try:
        stored_key, value = loads(checked(path.read_bytes()))
        if stored_key == key:
            return value
    except FileNotFoundError:
        pass
    except Exception as exc:  # noqa: BLE001  (a damaged file may raise anything)
        logger.info("news_digest: cache: %s: unreadable (%s); made again", path, exc)
    value = compute()
    keep_value(path, key, value, dumps)
    return value


def keep_value(path: Path, key: str, value, dumps) -> None:
    """Keep `value`, made from `key`, at `path` for kept_value."""
    try:
        write_atomically(path, with_checksum(dumps((key, value))))
    except OSError as exc:
        logger.info("news_digest: cache: %s: %s", path, exc.strerror)


CHECKSUM_BYTES = 16


class DamagedValue(ValueError):
    """A kept value whose bytes are not the ones written."""


def checksum(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=CHECKSUM_BYTES).digest()


def with_checksum(data: bytes) -> bytes:
    """Bytes to keep, led by their checksum: a byte flipped on disk must not
    be published (a tag "Monetary Poli6y Committee" on every page that has it)."""
    return checksum(data) + data


def checked(kept: bytes) -> bytes:
    """The bytes of with_checksum, or DamagedValue when they changed."""
    data = kept[CHECKSUM_BYTES:]
    if len(kept) < CHECKSUM_BYTES or checksum(data) != kept[:CHECKSUM_BYTES]:
        raise DamagedValue("checksum mismatch")
    return data


def key_digest(key_parts) -> str:
    """What `cached` keeps of its inputs."""
    return hashlib.sha256(json.dumps(key_parts, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def json_dumps(kept) -> bytes:
    return json.dumps({"key": kept[0], "value": kept[1]}, ensure_ascii=False).encode("utf-8")


def json_loads(data: bytes):
    stored = json.loads(data)
    return stored["key"], stored["value"]


def cached(pelican_settings: dict, name: str, key_parts, compute, digest: str | None = None):
    """`compute()`, or its result from the last build when the inputs (hashed
    from `key_parts`, or given as their `digest`) are the same. Kept as JSON."""
    digest = digest or key_digest(key_parts)
    return kept_value(cache_file(pelican_settings, name), digest, compute, json_dumps, json_loads)


def keep(pelican_settings: dict, name: str, digest: str, value) -> None:
    """Keep `value` as `cached` would have, made from inputs of `digest`."""
    keep_value(cache_file(pelican_settings, name), digest, value, json_dumps)


def last_kept(pelican_settings: dict, name: str) -> tuple[str, object] | None:
    """(digest of the inputs, value) that `cached` kept last, whatever the
    inputs now; None when there is none or it is damaged."""
    try:
        return json_loads(checked(cache_file(pelican_settings, name).read_bytes()))
    except Exception:  # noqa: BLE001  (missing, or damaged: it may raise anything)
        return None


class BuildState:
    """{output name: key of what it was made from}, from the last build and
    for this one. An output is recorded only once it is made (or found
    unchanged), so one that failed is tried again next time."""

    def __init__(self, pelican_settings: dict, name: str):
        self.path = cache_file(pelican_settings, name)
        try:
            previous = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = {}
        # A damaged file that is still JSON holds nothing either.
        self.previous = {k: v for k, v in previous.items() if isinstance(v, str)} if isinstance(previous, dict) else {}
        self.current: dict[str, str] = {}
        self.listed: dict[str, set] = {}  # folder -> the names in it, listed once

    def unchanged(self, name: str, key: str, target: str | Path) -> bool:
        """Made from the same inputs last time, and still there."""
        return self.previous.get(name) == key and self.there(str(target))

    def there(self, target: str) -> bool:
        """os.path.exists(target), from one listing of its folder: a digest's
        thousands of tag feeds are one folder, and a stat each cost 0.05 s."""
        folder, name = os.path.split(target)
        found = self.listed.get(folder)
        if found is None:
            found = self.listed[folder] = existing_names(folder)
        return name in found

    def record(self, name: str, key: str) -> None:
        self.current[name] = key

    def save(self) -> None:
        save_record(self.path, self.current, self.previous)


def existing_names(folder: str) -> set[str]:
    """The names in `folder` that os.path.exists would find (a link only if
    what it points to is there)."""
    try:
        with os.scandir(folder or ".") as entries:
            return {entry.name for entry in entries if not entry.is_symlink() or os.path.exists(entry.path)}
    except OSError:
        return set()


def save_record(path: Path, current: dict, previous: dict) -> None:
    """A build's record (BuildState's, page_inputs.PageRecord's) written for
    the next build; one that holds what the last build left is not
    serialised again (a big digest's run to megabytes)."""
    if current == previous and path.exists():
        note_kept(path)
        return
    try:
        write_atomically(path, json.dumps(current, sort_keys=True))
    except OSError:
        pass


class BlobStore:
    """{key: bytes} from the last build, in SQLite, read one key at a time
    (a big digest's feed entries or story features would take much memory
    at once). What this build
    did not use is dropped on close, so the store holds one build's worth. A
    store made by other code (`stamp` differs) is emptied. Any database
    error only turns the store off."""

    def __init__(self, path: Path, stamp: str):
        import sqlite3

        self.path = path
        self.new: list[tuple[str, bytes]] = []
        self.used: set[str] = set()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(str(path))
            self.db.execute("CREATE TABLE IF NOT EXISTS blobs (key TEXT PRIMARY KEY, value BLOB)")
            self.db.execute("CREATE TABLE IF NOT EXISTS stamp (value TEXT)")
            stamp = f"{stamp}-checksummed"  # values of a store without checksums are not read
            if self.db.execute("SELECT value FROM stamp").fetchall() != [(stamp,)]:
                self.db.execute("DELETE FROM blobs")
                self.db.execute("DELETE FROM stamp")
                self.db.execute("INSERT INTO stamp VALUES (?)", (stamp,))
        except (sqlite3.Error, OSError) as exc:
            self.off(exc)

    def off(self, exc) -> None:
        logger.info("news_digest: cache: %s: %s", self.path, exc)
        if getattr(self, "db", None) is not None:
            self.db.close()
        self.db = None

    def get(self, key: str) -> bytes | None:
        import sqlite3

        self.used.add(key)
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT value FROM blobs WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            self.off(exc)
            return None
        return self.intact(key, row[0]) if row else None

    def intact(self, key: str, value) -> bytes | None:
        """A stored value without its checksum; None (said in the log) when damaged."""
        try:
            return checked(bytes(value))
        except DamagedValue:
            logger.info("news_digest: cache: %s: the value of %s is damaged; made again", self.path, key)
            return None

    def get_many(self, keys: list[str], chunk: int = 500) -> dict[str, bytes]:
        """{key: value} of the keys the store has (undamaged), read a chunk of
        keys per query: one query a key costs a big digest a fifth of a second."""
        import sqlite3

        self.used.update(keys)
        found: dict[str, bytes] = {}
        if self.db is None:
            return found
        for start in range(0, len(keys), chunk):
            part = keys[start:start + chunk]
            try:
                rows = self.db.execute(
                    f"SELECT key, value FROM blobs WHERE key IN ({','.join('?' * len(part))})", part,
                ).fetchall()
            except sqlite3.Error as exc:
                self.off(exc)
                return {}
            for key, value in rows:
                value = self.intact(key, value)
                if value is not None:
                    found[key] = value
        return found

    def keep(self, keys) -> None:
        """Keys not asked for this time that the next build may ask for."""
        self.used.update(keys)

    def put(self, key: str, value: bytes) -> None:
        self.used.add(key)
        self.new.append((key, with_checksum(value)))
        if len(self.new) >= 1000:
            self.flush()  # a big digest's new values are not all held at once

    def flush(self) -> None:
        import sqlite3

        if self.db is not None and self.new:
            try:
                self.db.executemany("INSERT OR REPLACE INTO blobs VALUES (?, ?)", self.new)
            except sqlite3.Error as exc:
                self.off(exc)
        self.new = []

    def close(self) -> None:
        import sqlite3

        self.flush()
        if self.db is None:
            return
        try:
            self.db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
            self.db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in self.used))
            self.db.execute("DELETE FROM blobs WHERE key NOT IN (SELECT key FROM used)")
            self.db.commit()
        except sqlite3.Error as exc:
            logger.info("news_digest: cache: %s: %s", self.path, exc)
        self.db.close()
        self.db = None
        self.new = []

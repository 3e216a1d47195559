"""Backup and restore of the whole portal: the database and every uploaded file, in one archive.

The archive (``.tar.gz``) holds:

- ``manifest.json``: when, which database engine, the row count of every table, the SHA-256 of
  every uploaded file; restore checks the result against it;
- the database: SQLite through SQLite's own online backup API (a consistent copy while the
  portal runs: ``database.sqlite3``); PostgreSQL through ``pg_dump --format=custom``
  (``database.pgdump``), restored with ``pg_restore --clean --if-exists``;
- ``media/…``: every file of the default storage (uploaded submissions, evidence, imports),
  read and written through the storage API, so it works for any storage backend.

``restore`` may write into another database and another storage than the portal's own
(``database_url``, ``media_root``): that is how a backup is tried without touching production,
and how the test restores into a fresh database and storage.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import environ
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.db import connections, transaction

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"
MEDIA_PREFIX = "media/"


class BackupError(Exception):
    pass


@dataclass
class Manifest:
    engine: str
    created: str
    tables: dict[str, int] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    format: int = FORMAT


# --- Reading the state ---------------------------------------------------------------------


def storage_files(storage: Storage, folder: str = "") -> list[str]:
    """Every file name in ``storage``, recursively, sorted."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        names += storage_files(storage, f"{folder}/{sub}" if folder else sub)
    return sorted(names)


def _sha256(handle) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1 << 20), b""):
        digest.update(chunk)
    return digest.hexdigest()


def file_checksums(storage: Storage) -> dict[str, str]:
    checksums = {}
    for name in storage_files(storage):
        with storage.open(name, "rb") as handle:
            checksums[name] = _sha256(handle)
    return checksums


def table_counts(connection) -> dict[str, int]:
    """Row count of every table the database has (Django's own included)."""
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
            counts[name] = cursor.fetchone()[0]
    return counts


def sqlite_table_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        names = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {name: db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names}


# --- PostgreSQL helpers ----------------------------------------------------------------------


def _pg_env(settings_dict: dict) -> tuple[list[str], dict]:
    args = ["--host", settings_dict.get("HOST") or "127.0.0.1", "--port", str(settings_dict.get("PORT") or 5432)]
    if settings_dict.get("USER"):
        args += ["--username", settings_dict["USER"]]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return args, env


def _need(program: str) -> str:
    path = shutil.which(program)
    if path is None:
        raise BackupError(f"{program} is needed for PostgreSQL backups (apt-get install postgresql-client).")
    return path


def _pg_dump(connection, database_file: Path) -> dict[str, int]:
    """pg_dump of the snapshot in which the rows were counted (counts and dump agree)."""
    args, env = _pg_env(connection.settings_dict)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        tables = table_counts(connection)
        done = subprocess.run(
            [
                _need("pg_dump"),
                *args,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                "--file",
                str(database_file),
                connection.settings_dict["NAME"],
            ],
            check=False,
            env=env,
            capture_output=True,
            text=True,
        )
    if done.returncode:
        raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
    return tables


# --- Backup --------------------------------------------------------------------------------


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.datetime.now(tz=datetime.UTC).timestamp())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def backup(output: Path, *, using: str = "default", storage: Storage | None = None) -> Manifest:
    """Write the archive to ``output`` and return its manifest."""
    storage = storage or default_storage
    connection = connections[using]
    connection.ensure_connection()
    vendor = connection.vendor
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="thidua-backup-") as scratch:
        scratch = Path(scratch)
        if vendor == "sqlite":
            copy = scratch / SQLITE_MEMBER
            target = sqlite3.connect(copy)
            try:
                connection.connection.backup(target)  # online, consistent, WAL included
            finally:
                target.close()
            tables = sqlite_table_counts(copy)
            member, database_file = SQLITE_MEMBER, copy
        elif vendor == "postgresql":
            database_file = scratch / PG_MEMBER
            tables = _pg_dump(connection, database_file)
            member = PG_MEMBER
        else:
            raise BackupError(f"No backup for the {vendor} database engine.")
        manifest = Manifest(
            engine=vendor,
            created=datetime.datetime.now(tz=datetime.UTC).isoformat(timespec="seconds"),
            tables=tables,
            files={},
        )
        partial = output.with_name(output.name + ".part")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(database_file, arcname=member)
            for name in storage_files(storage):
                with storage.open(name, "rb") as handle:
                    data = handle.read()
                manifest.files[name] = hashlib.sha256(data).hexdigest()
                _add_bytes(archive, MEDIA_PREFIX + name, data)
            _add_bytes(archive, MANIFEST, json.dumps(manifest.__dict__, ensure_ascii=False, indent=1).encode())
        partial.replace(output)
    return manifest


# --- Restore -------------------------------------------------------------------------------


def read_manifest(archive: tarfile.TarFile) -> Manifest:
    try:
        data = json.loads(archive.extractfile(MANIFEST).read())
    except (KeyError, AttributeError, ValueError) as exc:
        raise BackupError("This is not a portal backup (no manifest.json).") from exc
    if data.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {data.get('format')!r}.")
    return Manifest(**data)


def _media_name(member: tarfile.TarInfo) -> str | None:
    if not member.name.startswith(MEDIA_PREFIX):
        return None
    name = member.name[len(MEDIA_PREFIX) :]
    path = PurePosixPath(name)
    if not member.isfile() or path.is_absolute() or ".." in path.parts or not name:
        raise BackupError(f"Refusing a suspicious archive member: {member.name!r}")
    return name


def _database_settings(database_url: str | None, using: str) -> dict:
    if database_url:
        return environ.Env.db_url_config(database_url)
    return connections[using].settings_dict


def restore(
    source: Path,
    *,
    using: str = "default",
    database_url: str | None = None,
    media_root: str | None = None,
) -> dict:
    """Restore ``source`` into the database and storage (the portal's own unless given);
    returns {"tables": {name: (expected, found)}, "files": {name: (expected, found)}} of the mismatches."""
    target_db = _database_settings(database_url, using)
    storage = FileSystemStorage(location=media_root) if media_root else default_storage
    with tarfile.open(source, "r:gz") as archive, tempfile.TemporaryDirectory(prefix="thidua-restore-") as scratch:
        manifest = read_manifest(archive)
        engine = (
            "sqlite" if "sqlite" in target_db["ENGINE"] else "postgresql" if "postgresql" in target_db["ENGINE"] else ""
        )
        if engine != manifest.engine:
            raise BackupError(
                f"The backup is of a {manifest.engine} database; the target is {engine or target_db['ENGINE']}."
            )
        member = SQLITE_MEMBER if engine == "sqlite" else PG_MEMBER
        database_file = Path(scratch) / member
        with archive.extractfile(member) as handle, open(database_file, "wb") as out:
            shutil.copyfileobj(handle, out)
        if not database_url:
            connections[using].close()
        if engine == "sqlite":
            found_tables = _restore_sqlite(database_file, target_db, using=None if database_url else using)
        else:
            found_tables = _restore_postgresql(database_file, target_db)
        for name in storage_files(storage):
            storage.delete(name)
        for info in archive.getmembers():
            name = _media_name(info)
            if name is None:
                continue
            saved = storage.save(name, ContentFile(archive.extractfile(info).read()))
            if saved != name:
                raise BackupError(f"The storage renamed {name!r} to {saved!r}.")
    found_files = file_checksums(storage)
    return {
        "tables": {
            name: (count, found_tables.get(name))
            for name, count in manifest.tables.items()
            if found_tables.get(name) != count
        },
        "files": {
            name: (digest, found_files.get(name))
            for name, digest in {**manifest.files, **dict.fromkeys(set(found_files) - set(manifest.files))}.items()
            if found_files.get(name) != digest
        },
    }


def _restore_sqlite(database_file: Path, target_db: dict, *, using: str | None) -> dict[str, int]:
    name = str(target_db["NAME"])
    in_memory = name == ":memory:" or "mode=memory" in name
    if using is not None and in_memory:
        # The test suite's in-memory database: copy into the live connection.
        connection = connections[using]
        connection.ensure_connection()
        source = sqlite3.connect(database_file)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return table_counts(connection)
    target = Path(name)
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(database_file)
    destination = sqlite3.connect(target, timeout=60)
    try:
        source.backup(destination)  # replaces every page, under SQLite's own locking
    finally:
        destination.close()
        source.close()
    return sqlite_table_counts(target)


def _restore_postgresql(database_file: Path, target_db: dict) -> dict[str, int]:
    args, env = _pg_env(target_db)
    done = subprocess.run(
        [
            _need("pg_restore"),
            *args,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--dbname",
            target_db["NAME"],
            str(database_file),
        ],
        check=False,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise BackupError(f"pg_restore failed: {done.stderr.strip()}")
    import psycopg2

    connection = psycopg2.connect(
        dbname=target_db["NAME"],
        host=target_db.get("HOST") or "127.0.0.1",
        port=target_db.get("PORT") or 5432,
        user=target_db.get("USER") or None,
        password=target_db.get("PASSWORD") or None,
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
            names = [row[0] for row in cursor.fetchall()]
            counts = {}
            for name in names:
                cursor.execute(f'SELECT COUNT(*) FROM "{name}"')
                counts[name] = cursor.fetchone()[0]
    finally:
        connection.close()
    return counts

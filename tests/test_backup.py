"""Backup, then restore into a fresh database and a fresh storage: every table's row count and
every file's checksum are the same."""

import hashlib
import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from common import backup
from units import services
from units.models import AuditLog, Person

FILES = {
    "deliverables/12/7/v1/bao-cao-so-ket.pdf": b"%PDF-1.4 bao cao " * 500,
    "deliverables/12/7/v2/Báo cáo tổng kết.docx": b"PK\x03\x04 tong ket " * 300,
    "evidence/3/minh-chung.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40,
    "imports/awards/5f1c.xlsx": b"PK\x03\x04" + b"\0" * 10,
}


@pytest.fixture
def data(world):
    services.person_create(
        unit=world.school_a1,
        actor=world.users["school_clerk"],
        full_name="Đặng Thu Hà",
        gender="female",
        role="teacher",
    )
    saved = {name: default_storage.save(name, ContentFile(content)) for name, content in FILES.items()}
    assert list(saved) == list(saved.values())
    yield world
    for name in FILES:
        default_storage.delete(name)


def _archive_checks(path: Path) -> None:
    import tarfile

    with tarfile.open(path) as archive:
        names = archive.getnames()
    assert "manifest.json" in names and {f"media/{n}" for n in FILES} <= set(names)


@pytest.mark.django_db(transaction=True)
def test_sqlite_backup_restores_into_a_fresh_database_and_storage(data, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the PostgreSQL round trip is the next test")
    archive = tmp_path / "thidua.tar.gz"
    out = io.StringIO()
    call_command("backup", output=str(archive), stdout=out)
    assert out.getvalue().startswith(f"Backup written: {archive} (sqlite, ")
    _archive_checks(archive)
    expected_tables = backup.table_counts(connection)
    # The storage may hold other tests' files too: every one of them is in the backup.
    expected_files = backup.file_checksums(default_storage)
    assert {
        name: hashlib.sha256(content).hexdigest() for name, content in FILES.items()
    }.items() <= expected_files.items()
    assert expected_tables["units_person"] == Person.objects.count() >= 4
    assert expected_tables["units_auditlog"] == AuditLog.objects.count() >= 1

    fresh_db, fresh_media = tmp_path / "fresh" / "db.sqlite3", tmp_path / "fresh" / "media"
    (fresh_media / "old").mkdir(parents=True)
    (fresh_media / "old" / "stray.txt").write_bytes(b"not in the backup")
    out = io.StringIO()
    call_command(
        "restore",
        str(archive),
        database_url=f"sqlite:///{fresh_db}",
        media_root=str(fresh_media),
        noinput=True,
        stdout=out,
    )
    assert "every table's row count and every file's checksum match" in out.getvalue()
    assert backup.sqlite_table_counts(fresh_db) == expected_tables
    assert backup.file_checksums(FileSystemStorage(location=fresh_media)) == expected_files


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_foreign_archive_and_a_member_that_escapes(data, tmp_path):
    import tarfile

    if connection.vendor != "sqlite":
        pytest.skip("the archive checks are the same on PostgreSQL; run once")

    foreign = tmp_path / "foreign.tar.gz"
    with tarfile.open(foreign, "w:gz") as archive:
        archive.add(__file__, arcname="README")
    with pytest.raises(CommandError, match="not a portal backup"):
        call_command("restore", str(foreign), database_url=f"sqlite:///{tmp_path}/x.sqlite3", noinput=True)
    evil = tmp_path / "evil.tar.gz"
    good = tmp_path / "good.tar.gz"
    call_command("backup", output=str(good), stdout=io.StringIO())
    with tarfile.open(good) as source, tarfile.open(evil, "w:gz") as archive:
        for member in source.getmembers():
            archive.addfile(member, source.extractfile(member))
        info = tarfile.TarInfo("media/../../escaped.txt")
        info.size = 1
        archive.addfile(info, io.BytesIO(b"x"))
    target = f"sqlite:///{tmp_path}/y.sqlite3"
    with pytest.raises(CommandError, match="suspicious archive member"):
        call_command("restore", str(evil), database_url=target, media_root=str(tmp_path / "m"), noinput=True)
    assert not (tmp_path / "escaped.txt").exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgresql_backup_restores_into_a_fresh_database_and_storage(data, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    import psycopg2

    settings_dict = connection.settings_dict
    fresh = f"{settings_dict['NAME']}_restore"
    admin = psycopg2.connect(
        dbname="postgres", host=settings_dict["HOST"], port=settings_dict["PORT"] or 5432, user=settings_dict["USER"]
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    try:
        archive = tmp_path / "thidua.tar.gz"
        call_command("backup", output=str(archive), stdout=io.StringIO())
        expected_tables = backup.table_counts(connection)
        expected_files = backup.file_checksums(default_storage)
        url = f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:{settings_dict['PORT'] or 5432}/{fresh}"
        call_command(
            "restore",
            str(archive),
            database_url=url,
            media_root=str(tmp_path / "media"),
            noinput=True,
            stdout=io.StringIO(),
        )
        problems = backup.restore(archive, database_url=url, media_root=str(tmp_path / "media2"))
        assert problems == {"tables": {}, "files": {}}
        assert expected_tables["units_person"] == Person.objects.count()
        assert backup.file_checksums(FileSystemStorage(location=tmp_path / "media2")) == expected_files
        assert set(FILES) <= set(expected_files)
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        admin.close()


def test_make_backup_and_restore_in_place_on_a_sqlite_file(tmp_path):
    """The commands as `make backup` / `make restore` run them: the portal's own SQLite file and
    media folder, in processes of their own; what was changed after the backup is undone."""
    import os
    import sqlite3
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "LOG_LEVEL": "WARNING",
    }

    def manage(*args, stdin=None):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            check=True,
            input=stdin,
        )

    manage("migrate", "--noinput", "-v", "0")
    manage(
        "shell",
        "-c",
        "from units import services; from units.enums import UnitKind;"
        "services.unit_create(parent=None, actor=None, code='SO-X', kind=UnitKind.EDUCATION_DEPARTMENT, name='Sở X')",
    )
    (tmp_path / "media" / "deliverables").mkdir(parents=True)
    (tmp_path / "media" / "deliverables" / "bao-cao.pdf").write_bytes(b"%PDF-1.4 bao cao")
    before = backup.sqlite_table_counts(tmp_path / "db.sqlite3")
    out = manage("backup", "--output", str(tmp_path / "b.tar.gz")).stdout
    assert out.startswith(f"Backup written: {tmp_path / 'b.tar.gz'} (sqlite, ")
    # After the backup: a unit deleted, the file changed, another file added.
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        db.execute("DELETE FROM units_auditlog")
        db.execute("DELETE FROM units_unit")
    (tmp_path / "media" / "deliverables" / "bao-cao.pdf").write_bytes(b"%PDF-1.4 sua doi")
    (tmp_path / "media" / "moi.txt").write_bytes(b"new")
    refused = subprocess.run(
        [sys.executable, "manage.py", "restore", str(tmp_path / "b.tar.gz")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        input="no\n",
        check=False,
    )
    assert refused.returncode == 1 and "Restore cancelled." in refused.stderr
    done = manage("restore", str(tmp_path / "b.tar.gz"), stdin="yes\n")
    assert "every table's row count and every file's checksum match" in done.stdout
    assert backup.sqlite_table_counts(tmp_path / "db.sqlite3") == before and before["units_unit"] == 1
    files = sorted(p.relative_to(tmp_path / "media").as_posix() for p in (tmp_path / "media").rglob("*") if p.is_file())
    assert files == ["deliverables/bao-cao.pdf"]
    assert (tmp_path / "media" / "deliverables" / "bao-cao.pdf").read_bytes() == b"%PDF-1.4 bao cao"

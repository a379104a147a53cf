"""A fleet on one PostgreSQL: two app servers and workers as separate processes.

An import uploaded through one app server is confirmed through the other (sessions, jobs and files are shared, not
local), and a worker killed in the middle of the write leaves nothing half-written: the next worker retries the
task and the job completes with every row exactly once.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from egovnet.exchange.choices import JobStatus
from egovnet.exchange.models import ImportJob
from egovnet.systems.models import ApplicationSystem

from .conftest import system_row, write_sheet

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROWS = 2500
PASSWORD = "Fleet-test-pass-2026!"


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("several processes share one database: PostgreSQL only; CI runs it with DATABASE_URL set")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def fleet_env(tmp_path):
    db = connection.settings_dict
    url = f"postgresql://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
        "EGOVNET_MODE": "dev",
        "EGOVNET_DATA_DIR": str(tmp_path / "data"),
        "EGOVNET_MEDIA_DIR": str(tmp_path / "shared-media"),  # the fleet's shared folder
        "DATABASE_URL": url,
        "SECRET_KEY": "fleet-test-" + "k" * 40,
        "EGOVNET_SCHEDULE_OFF": "1",
        "EGOVNET_WORKER_HEARTBEAT_S": "0.3",
        "EGOVNET_WORKER_LOST_AFTER_S": "2",
    }


EGOVNET = [sys.executable, "-c", "import sys; from egovnet.cli import main; sys.exit(main())"]


def _spawn(env, *args) -> subprocess.Popen:
    return subprocess.Popen([*EGOVNET, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


class Browser:
    """A user's browser: one cookie jar, used against either app server."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def get(self, url: str) -> str:
        with self.opener.open(url, timeout=30) as response:
            return response.read().decode()

    def post(self, url: str, fields: dict[str, str], files: dict[str, Path] | None = None, referer: str = ""):
        fields = {**fields, "csrfmiddlewaretoken": self.csrf()}
        if files:
            boundary = "egovnet-fleet-boundary"
            body = b""
            for key, value in fields.items():
                body += f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
            for key, path in files.items():
                body += (f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; filename="{path.name}"\r\n'
                         "Content-Type: text/csv\r\n\r\n").encode() + path.read_bytes() + b"\r\n"
            body += f"--{boundary}--\r\n".encode()
            content_type = f"multipart/form-data; boundary={boundary}"
        else:
            body, content_type = urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded"
        request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type, "Referer": referer})
        with self.opener.open(request, timeout=60) as response:
            return response.geturl(), response.read().decode()


def _wait(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


def _up(base: str, proc: subprocess.Popen) -> None:
    def answers():
        if proc.poll() is not None:
            raise AssertionError(proc.stdout.read())
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2):
                return True
        except OSError:
            return False

    _wait(answers, 60, base)


def _job_status(pk: int) -> str:
    return ImportJob.objects.values_list("status", flat=True).get(pk=pk)


def _worker_is_writing(pid: int) -> bool:
    """The worker's import transaction holds row locks on the systems table (it is inserting)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE c.relname = %s AND l.mode = 'RowExclusiveLock' AND a.application_name <> 'pytest'",
            [ApplicationSystem._meta.db_table],
        )
        return cursor.fetchone()[0] > 0


def test_import_through_two_app_servers_survives_a_killed_worker(world, tmp_path, fleet_env, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # one the servers verify
    user = world["henan_staff"]
    user.set_password(PASSWORD)
    user.save()
    sheet = write_sheet(tmp_path / "fleet.csv", *_rows(world))
    before = ApplicationSystem.objects.count()

    ports = [_free_port(), _free_port()]
    servers = [_spawn(fleet_env, "serve", "--server", "waitress", "--port", str(p)) for p in ports]
    workers: list[subprocess.Popen] = []
    try:
        a, b = (f"http://127.0.0.1:{p}" for p in ports)
        for base, proc in zip((a, b), servers, strict=True):
            _up(base, proc)
        browser = Browser()
        browser.get(a + "/accounts/login/")
        browser.post(a + "/accounts/login/", {"username": user.username, "password": PASSWORD}, referer=a)
        browser.get(a + "/exchange/import/")
        job_url, _ = browser.post(a + "/exchange/import/", {"registry": "systems"}, {"file": sheet}, referer=a)
        match = re.search(r"/import/(\d+)/", job_url)
        assert match, (job_url, _[:3000])
        pk = int(match.group(1))
        assert _job_status(pk) == JobStatus.VALIDATING  # enqueued; no worker yet, nothing ran in the web process

        workers.append(_spawn(fleet_env, "worker", "--interval", "0.1"))
        _wait(lambda: _job_status(pk) == JobStatus.VALIDATED, 120, "validation on the worker")

        page = browser.get(b + f"/exchange/import/{pk}/")  # the same session on the other app server
        assert "fleet.csv" in page
        browser.post(b + f"/exchange/import/{pk}/confirm/", {}, referer=b)
        _wait(lambda: _worker_is_writing(workers[0].pid), 120, "the worker to start writing")
        workers[0].send_signal(signal.SIGKILL)
        workers[0].wait(10)
        assert ApplicationSystem.objects.count() == before  # the killed write left nothing behind
        assert _job_status(pk) == JobStatus.WRITING

        workers.append(_spawn(fleet_env, "worker", "--interval", "0.1"))  # recovers the task after 2 s, retries
        _wait(lambda: _job_status(pk) in {JobStatus.DONE, JobStatus.FAILED}, 180, "the retried import")
        job = ImportJob.objects.get(pk=pk)
        assert job.status == JobStatus.DONE, job.message
        assert ApplicationSystem.objects.count() == before + ROWS  # every row exactly once
    finally:
        for proc in servers + workers:
            if proc.poll() is None:
                proc.terminate()
        for proc in servers + workers:
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()


def _rows(world):
    from egovnet.exchange.importers import get_spec

    return get_spec("systems").headers(), [system_row(f"舰队{i}", world["henan"]) for i in range(ROWS)]

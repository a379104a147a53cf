"""Liveness and readiness probes, and the production server (gunicorn workers with frozen heaps)."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

pytestmark = pytest.mark.django_db


def test_liveness_answers_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_readiness_checks_database_migrations_and_storage(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = client.get("/readyz", HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content
    checks = response.json()
    assert set(checks) == {
        "Database(alias='default')", "MigrationsApplied(alias='default')", "Storage(alias='default')",
        "QueueReachable()",
    }
    assert all(value == "OK" for value in checks.values())


@pytest.mark.django_db(transaction=True)  # the probe runs in another thread: it must see a committed change
def test_readiness_fails_while_a_migration_is_not_applied(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    recorder = MigrationRecorder(connection)
    last = recorder.migration_qs.filter(app="core").order_by("-id").first()
    last.delete()
    try:
        response = client.get("/readyz", HTTP_ACCEPT="application/json")
    finally:
        recorder.record_applied(last.app, last.name)
    assert response.status_code == 503
    assert response.json()["MigrationsApplied(alias='default')"].endswith("1 migration(s) not applied")


def test_wsgi_entry_point_freezes_the_warm_heap():
    code = "import gc, egovnet.wsgi; print(gc.get_freeze_count())"
    env = {**os.environ, "EGOVNET_MODE": "test", "EGOVNET_TESTING": "1"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert int(out.stdout.strip()) > 10_000  # the settings, URLconf, views and catalogues are frozen


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(sys.platform == "win32", reason="gunicorn needs fork")
def test_serve_runs_gunicorn_with_several_workers(tmp_path):
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "PYTEST_CURRENT_TEST"}},
        "EGOVNET_MODE": "dev",
        "EGOVNET_DATA_DIR": str(tmp_path),
    }
    egovnet = [sys.executable, "-c", "import sys; from egovnet.cli import main; sys.exit(main())"]
    subprocess.run([*egovnet, "migrate", "-v", "0"], env=env, check=True, cwd=tmp_path)
    server = subprocess.Popen(
        [*egovnet, "serve", "--server", "gunicorn", "--workers", "2", "--port", str(port)],
        env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        body = _get_when_up(f"http://127.0.0.1:{port}/readyz?format=text", server)
        assert "OK" in body
        time.sleep(1)
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        assert len(children) == 2  # two worker processes behind one master
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "Booting worker" in output


def _get_when_up(url: str, server: subprocess.Popen, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"server exited: {server.stdout.read()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {seconds} s")


@pytest.mark.django_db(transaction=True)
def test_worker_probe_follows_the_heartbeats(client):
    from django.utils import timezone

    from egovnet.core.jobs import beat

    assert client.get("/readyz/workers", HTTP_ACCEPT="application/json").status_code == 503
    beat("w-1", started=timezone.now())
    response = client.get("/readyz/workers", HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response.json() == {"WorkerAlive()": "OK"}

"""The ``egovnet`` console script.

``egovnet demo`` prepares a SQLite demo (migrations, divisions, demo data) and serves it;
``egovnet serve`` serves a configured installation; every other sub-command is a Django
management command (``egovnet load-divisions``, ``egovnet check-dossier``, ``egovnet audit verify`` …).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys


def _setup(mode: str | None = None) -> None:
    if mode:
        os.environ.setdefault("EGOVNET_MODE", mode)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egovnet.settings")
    import django

    django.setup()


def _serve(host: str, port: int, threads: int) -> None:
    from waitress import serve

    from egovnet.wsgi import application

    # Freeze the warm heap so the cyclic GC does not rescan it on every collection (architecture.md).
    gc.collect()
    gc.freeze()
    serve(application, host=host, port=port, threads=threads, ident="egovnet")


def demo(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="egovnet demo", description="Start the platform with demo data (SQLite).")
    parser.add_argument("--host", default=os.environ.get("EGOVNET_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("EGOVNET_PORT", "8000")))
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--no-serve", action="store_true", help="prepare the database and exit")
    args = parser.parse_args(argv)
    _setup("demo")
    from django.core.management import call_command

    from egovnet.demo.loader import load_demo
    from egovnet.demo.logins import demo_logins

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load-divisions", verbosity=0)
    created = load_demo()
    url = f"http://{args.host}:{args.port}/"
    print("\n egovnet 国家电子政务网络管理平台 — 演示模式 demo mode (SQLite, demo data)")
    print(
        f" {'已载入演示数据' if created else '演示数据已存在'} / demo data {'loaded' if created else 'already present'}"
    )
    print(
        f"\n 地址 URL: {url}\n API: {url}api/docs/\n\n 演示账号 Demo logins (username / password — role, scope, clearance):"
    )
    for login in demo_logins():
        print(f"   {login}")
    print()
    sys.stdout.flush()
    if not args.no_serve:
        from egovnet.core.jobs import start_in_process_worker

        start_in_process_worker()  # imports, sweeps and documents run on the task queue; the demo brings its worker
        _serve(args.host, args.port, args.threads)
    return 0


def default_workers() -> int:
    """gunicorn's guidance for sync workers: two per core plus one (a worker waits on PostgreSQL half the time)."""
    return 2 * (os.cpu_count() or 1) + 1


def gunicorn_options(*, host: str, port: int, workers: int, timeout: int) -> dict[str, object]:
    """The production server's settings; each worker imports ``egovnet.wsgi`` itself, which freezes its heap."""
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "sync",
        "timeout": timeout,
        "graceful_timeout": 30,
        "max_requests": 5000,  # recycle workers now and then (bounded memory growth), jittered so they don't all
        "max_requests_jitter": 500,  # restart at once
        "forwarded_allow_ips": os.environ.get("EGOVNET_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        "accesslog": "-",
        "errorlog": "-",
        "proc_name": "egovnet",
        "preload_app": False,
    }


def _serve_gunicorn(options: dict[str, object]) -> None:
    from gunicorn.app.base import BaseApplication

    class EgovnetServer(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            from egovnet.wsgi import application

            return application

    EgovnetServer().run()


def serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="egovnet serve",
        description="Serve a configured installation: gunicorn (Linux, several worker processes) or waitress.",
    )
    parser.add_argument("--host", default=os.environ.get("EGOVNET_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("EGOVNET_PORT", "8000")))
    parser.add_argument("--server", choices=["gunicorn", "waitress"], default=os.environ.get("EGOVNET_SERVER"))
    parser.add_argument(
        "--workers", type=int, default=int(os.environ.get("EGOVNET_WORKERS", "0")) or default_workers(),
        help="gunicorn worker processes (default 2 × cores + 1)",
    )
    parser.add_argument("--timeout", type=int, default=int(os.environ.get("EGOVNET_WORKER_TIMEOUT", "60")))
    parser.add_argument("--threads", type=int, default=8, help="waitress threads")
    args = parser.parse_args(argv)
    _setup()
    server = args.server or ("gunicorn" if _has_gunicorn() else "waitress")
    if server == "gunicorn":
        _serve_gunicorn(gunicorn_options(host=args.host, port=args.port, workers=args.workers, timeout=args.timeout))
    else:
        _serve(args.host, args.port, args.threads)
    return 0


def _has_gunicorn() -> bool:
    try:
        import gunicorn  # noqa: F401
    except ImportError:  # Windows: gunicorn needs fork
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    argv = _deprecated_check(list(sys.argv[1:] if argv is None else argv))
    if argv and argv[0] == "check-dossier":
        # A dossier check needs no Django: no set-up (about 0.9 s), no settings, no SECRET_KEY.
        from egovnet.policy.dossier.command import main as check_dossier

        return check_dossier(argv[1:])
    from django.core.exceptions import ImproperlyConfigured

    try:
        return _dispatch(argv)
    except ImproperlyConfigured as exc:
        print(f"egovnet: configuration error: {exc}", file=sys.stderr)
        return 2


def _dispatch(argv: list[str]) -> int:
    if argv and argv[0] == "demo":
        return demo(argv[1:])
    if argv and argv[0] == "serve":
        return serve(argv[1:])
    _setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["egovnet", *argv])
    return 0


def _deprecated_check(argv: list[str]) -> list[str]:
    """``egovnet check FILE`` was the dossier self-check, shadowing Django's system ``check``; it is now
    ``egovnet check-dossier FILE``. The old form is forwarded with a note (deprecated: remove after one release);
    ``egovnet check`` without a file, or ``egovnet check --system``, runs Django's system checks."""
    if not argv or argv[0] != "check":
        return argv
    if "--system" in argv:
        return [a for a in argv if a != "--system"]
    if len(argv) > 1 and (argv[1] == "-" or not argv[1].startswith("-")):
        print(
            "egovnet check FILE 已改名为 egovnet check-dossier FILE / deprecated: use egovnet check-dossier FILE",
            file=sys.stderr,
        )
        return ["check-dossier", *argv[1:]]
    return argv


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

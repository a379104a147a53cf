"""``egovnet check-dossier FILE [--format json|text] [--gate G-…]``: the dossier self-check.

Its own name, so Django's ``check`` (the system checks) is not shadowed. ``egovnet check FILE`` still works
(deprecated, the CLI forwards it with a note: ``egovnet.cli``). The console script runs the check without Django
(``egovnet.policy.dossier.command``); this management command (``call_command("check-dossier", …)``,
``manage.py``) delegates to the same code, so both print the same output and exit with the same codes.
Exit codes: 0 the gate can be passed, or no policy pack applies on the project's date (a dossier dated before
the notice: valid input, no findings, a message says so); 1 blocked; 2 invalid input (the message names the field
path).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from egovnet.policy.dossier import command


class Command(BaseCommand):
    help = command.help_text()

    def add_arguments(self, parser):
        command.add_arguments(parser)

    def handle(self, *args, **options):
        code = command.run(
            options,
            out=lambda text: self.stdout.write(text, ending=""),
            err=lambda text: self.stderr.write(text, ending=""),
        )
        if code:
            raise SystemExit(code)

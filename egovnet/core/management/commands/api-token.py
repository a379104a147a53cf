"""egovnet api-token USERNAME [--revoke]: issue (rotate) or revoke a user's API token, e.g. for a service
account; run by an operator on the server, audited as the system actor."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from egovnet.core.services import system_actor
from egovnet.core.tokens import issue_token, revoke_token


class Command(BaseCommand):
    help = "Issue (or rotate) a user's API token, or revoke it with --revoke. The token is printed once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--revoke", action="store_true")
        parser.add_argument("--reason", default="运维命令 / operator command")

    def handle(self, *args, **opts):
        try:
            user = get_user_model().objects.get(username=opts["username"])
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"无此用户 / no such user: {opts['username']}") from exc
        actor = system_actor()
        if opts["revoke"]:
            done = revoke_token(actor=actor, user=user, reason=opts["reason"], operator=True)
            self.stdout.write("已吊销 revoked" if done else "该用户没有令牌 / the user had no token")
            return
        self.stdout.write(issue_token(actor=actor, user=user, reason=opts["reason"], operator=True))

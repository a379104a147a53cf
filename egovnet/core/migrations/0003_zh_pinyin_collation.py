from django.contrib.postgres.operations import CreateCollation
from django.db import migrations


class Migration(migrations.Migration):
    """The ICU pinyin collation that ``egovnet.core.collation.pinyin`` sorts by (a no-op on SQLite, where the
    collation is registered on each connection)."""

    dependencies = [("core", "0002_worker_heartbeat_scheduled_run")]

    operations = [CreateCollation("zh_pinyin", provider="icu", locale="zh-u-co-pinyin")]

"""Logging filters: a refused request (403) is a normal outcome, logged as one line without a traceback."""

from __future__ import annotations

import logging


class NoTracebackFor403(logging.Filter):
    """Drop the exception info Django attaches to its "Forbidden (Permission denied)" warning; the line stays."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True

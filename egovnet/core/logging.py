"""Structured logs: every record carries the request id of the request (or task) it was written in."""

import logging


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        # Imported here: logging is configured before the app registry, and the audit module needs models.
        from .audit import request_id_var

        record.request_id = request_id_var.get() or "-"
        return True

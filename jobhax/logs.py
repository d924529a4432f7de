"""Logging helpers wired in settings.LOGGING."""

import logging


class WithoutTraceback(logging.Filter):
    """For failures that are expected and explained by their message (django-redis's
    "Exception ignored" while Redis is away): one WARNING line with the exception's message
    instead of a traceback per cache call."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            record.msg = f"{record.getMessage()}: {type(error).__name__}: {error}"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True

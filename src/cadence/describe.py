"""``cadence.describe``: a schedule in English (written by the ``text`` format)."""

from .formats.text import describe

__all__ = ["describe"]

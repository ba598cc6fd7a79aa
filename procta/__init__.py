"""Procta: online exam proctoring."""

__version__ = "0.1.0"

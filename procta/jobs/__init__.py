"""Background jobs (Dramatiq); see ``broker.py``."""

"""Adapters that let the schedulers people already run (APScheduler, Celery beat) run
cadence schedules. Each module imports its scheduler; this package imports nothing."""

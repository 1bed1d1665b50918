"""Drop-in faces of other schedule libraries, evaluated by cadence.

- :mod:`cadence.compat.croniter`: croniter's names and behaviour (``croniter``,
  ``croniter_range``, its exceptions); a croniter user switches by changing one import,
  ``from croniter import croniter`` to ``from cadence.compat.croniter import croniter``.
"""

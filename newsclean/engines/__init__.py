"""Execution engines other than the local one (``newsclean clean --engine``).

The local engine (one process, or ``-j N`` worker processes) lives in :mod:`newsclean.runner`.
An engine here produces the same stream of processed events and stats as the local one, so
the same sinks, rejects writer and error policy handle its output: same records, same files,
same exit codes. Each engine imports its framework lazily, inside its functions.
"""

#: Engine names accepted by ``--engine``.
ENGINES = ("local", "ray")

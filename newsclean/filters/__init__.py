"""One module per filter; see :mod:`newsclean.registry` for the table and the default chain."""

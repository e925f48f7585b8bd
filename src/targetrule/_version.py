"""The library's version, in a module that imports nothing, so ``targetrule --version`` stays instant.

Kept equal to ``version`` in pyproject.toml (``tests/test_cold_start.py`` checks the two agree).
"""

__version__ = "0.1.0"

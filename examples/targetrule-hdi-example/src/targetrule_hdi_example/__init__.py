"""An example composite index for targetrule: goalposts, a logarithm, a weighted geometric mean."""

__version__ = "0.1.0"

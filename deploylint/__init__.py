"""deploylint: find deployment configs that start a polling bot more than once."""

__version__ = "0.1.0"

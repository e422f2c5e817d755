"""Imports the plugin loader for its side effects."""
import plugins.loader  # noqa: F401

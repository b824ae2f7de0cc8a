"""Scrapers: pure page parsers, blocked-page detection, and the one network module."""

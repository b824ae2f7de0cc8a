"""Scrapers: pure page parsers (`scrapers.pages`), blocked-page detection, and the one network module."""

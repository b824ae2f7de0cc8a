"""The one error type for bad input a user gave (an order, a contract, policy events, a
command-line option): ``field`` names what was wrong, as the caller spelt it, so the CLI prints
``field: message`` and the API answers 400 with ``details[field]``."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input; ``field`` names what was wrong (e.g. ``order_value``, ``contract``, ``paid``)."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name

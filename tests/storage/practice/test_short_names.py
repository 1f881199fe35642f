"""A client's short name, for numbers listed across clients: its first word, or as many first
words as it takes to tell it from the others."""

from __future__ import annotations

from storage.practice import clients


def test_short_names_tell_clients_apart() -> None:
    names = ["Acme Robotics", "Acme Foods", "Verde Fintech", "Solo"]
    assert clients.short_names(names) == {
        "Acme Robotics": "Acme Robotics", "Acme Foods": "Acme Foods", "Verde Fintech": "Verde",
        "Solo": "Solo",
    }  # fmt: skip

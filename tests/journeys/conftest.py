"""The journey tests' fixtures: ``province``, a live provincial server on 127.0.0.1 (server tests')."""

from tests.server.conftest import province  # noqa: F401 (a fixture)

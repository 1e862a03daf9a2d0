"""Publishing catalogues: validation, versions, idempotence, the admin CLI command."""

from __future__ import annotations

from pathlib import Path

import pytest

from server.catalogues import BadCatalogue, CatalogueVersionTaken, latest_catalogue, publish_catalogue
from server.cli import main
from server.storage.interface import ServerStorage
from tests.helpers.catalogue_versions import catalogue_text
from tests.server.conftest import START


def test_publish_keeps_versions_and_serves_the_newest(storage: ServerStorage) -> None:
    assert latest_catalogue(storage) is None
    first = publish_catalogue(storage, catalogue_text(3), START)
    assert publish_catalogue(storage, catalogue_text(3), START) == first  # the same again: no change
    publish_catalogue(storage, catalogue_text(1), START)
    newest = latest_catalogue(storage)
    assert newest is not None and newest.version == 3 and newest.etag.startswith('"3-')
    with pytest.raises(CatalogueVersionTaken):
        publish_catalogue(storage, catalogue_text(3, publisher="someone else"), START)


@pytest.mark.parametrize("bad", ["", "{}", "[1]", b"\xff\xfe", '{"schema": 1, "version": 0}'])
def test_bad_catalogues_are_refused(storage: ServerStorage, bad: str | bytes) -> None:
    with pytest.raises(BadCatalogue):
        publish_catalogue(storage, bad, START)
    assert latest_catalogue(storage) is None


def test_cli_publish_catalogue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "server.toml"
    config.write_text(f'[server]\ndatabase = "sqlite:///{tmp_path / "db.sqlite"}"\n', "utf-8")
    good = tmp_path / "catalogue.json"
    good.write_text(catalogue_text(2), "utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": "x"}', "utf-8")
    assert main(["--config", str(config), "publish-catalogue", str(good)]) == 0
    assert "catalogue version 2 published" in capsys.readouterr().out
    assert main(["--config", str(config), "publish-catalogue", str(bad)]) == 2
    assert "not valid" in capsys.readouterr().err
    assert main(["--config", str(config), "publish-catalogue", str(tmp_path / "none.json")]) == 2

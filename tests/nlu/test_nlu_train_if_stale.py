"""The model is named by the hash of what training reads; a change to any input changes the name."""

from __future__ import annotations

from pathlib import Path

from scripts.train_if_stale import input_files, inputs_hash


def _project(root: Path) -> None:
    (root / "data" / "nlu").mkdir(parents=True)
    (root / "nlu_components").mkdir()
    (root / "policy_kb" / "data").mkdir(parents=True)
    (root / "config.yml").write_text("language: zh\n", encoding="utf-8")
    (root / "domain.yml").write_text("intents: [greet]\n", encoding="utf-8")
    (root / "data" / "nlu" / "chitchat.yml").write_text("- 你好\n", encoding="utf-8")
    (root / "nlu_components" / "normalizer.py").write_text("x = 1\n", encoding="utf-8")
    (root / "policy_kb" / "data" / "catalogue-yongjia-2016.yaml").write_text(
        "honours: []\n", encoding="utf-8"
    )


def test_inputs_cover_config_domain_data_components_and_catalogue(tmp_path: Path):
    _project(tmp_path)
    names = {str(p.relative_to(tmp_path)) for p in input_files(tmp_path)}
    assert names == {
        "config.yml",
        "domain.yml",
        "data/nlu/chitchat.yml",
        "nlu_components/normalizer.py",
        "policy_kb/data/catalogue-yongjia-2016.yaml",
    }


def test_hash_is_stable_and_changes_with_any_input(tmp_path: Path):
    _project(tmp_path)
    before = inputs_hash(input_files(tmp_path), tmp_path)
    assert before == inputs_hash(input_files(tmp_path), tmp_path)
    catalogue = tmp_path / "policy_kb" / "data" / "catalogue-yongjia-2016.yaml"
    catalogue.write_text("honours: [x]\n", encoding="utf-8")
    assert inputs_hash(input_files(tmp_path), tmp_path) != before
    assert len(before) == 16


def test_pycache_is_not_an_input(tmp_path: Path):
    _project(tmp_path)
    cache = tmp_path / "nlu_components" / "__pycache__"
    cache.mkdir()
    (cache / "normalizer.cpython-310.pyc").write_bytes(b"\0")
    assert all("__pycache__" not in p.parts for p in input_files(tmp_path))

"""Train the Rasa model only when its inputs changed: models/<hash>.tar.gz, models/LATEST.

Why a content hash and not timestamps: a fresh clone, a `git checkout` or CI all touch every file;
the hash of what training actually reads (config, domain, data, our NLU components and the policy_kb
catalogue and editions they read) says exactly when a retrain is needed, and names the model so the
running services and the benchmarks can tell which one they use.

The generated NLU inputs (jieba user dictionary, synonyms, lookups) are regenerated from policy_kb
first, so the hash covers what the catalogue says today.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MODELS = REPO / "models"
LATEST = MODELS / "LATEST"
INPUT_GLOBS = (
    "config.yml",
    "domain.yml",
    "domain/**/*.yml",
    "data/**/*",
    "nlu_components/**/*.py",
    "policy_kb/data/catalogue-*.yaml",
    "policy_kb/editions/*.yaml",
)


def input_files(root: Path = REPO) -> list[Path]:
    """Every file the trained model depends on, sorted so the hash is stable."""
    files: set[Path] = set()
    for pattern in INPUT_GLOBS:
        files.update(p for p in root.glob(pattern) if p.is_file() and "__pycache__" not in p.parts)
    return sorted(files)


def inputs_hash(files: Iterable[Path], root: Path = REPO) -> str:
    """sha256 over (relative path, content) of each file; 16 hex digits are plenty to name a model."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def regenerate_nlu_inputs() -> None:
    """jieba dictionary, synonyms and lookups from policy_kb (no-op when unchanged)."""
    from nlu_components import jieba_dict, nlu_data

    jieba_dict.write()
    nlu_data.write()


def train(model_hash: str) -> Path:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": os.environ.get("TF_CPP_MIN_LOG_LEVEL", "3")}
    rasa = Path(sys.executable).with_name("rasa")
    # --force: Rasa's training cache keys on data and config, not on our components' code, so a
    # changed normaliser could silently reuse stale cached outputs; our own hash already decided.
    cmd = [str(rasa), "train", "--force", "--fixed-model-name", model_hash, "--out", str(MODELS)]
    subprocess.run(cmd, cwd=REPO, env=env, check=True)
    return MODELS / f"{model_hash}.tar.gz"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="train even when the model exists")
    parser.add_argument("--print-hash", action="store_true", help="print the inputs hash and exit")
    args = parser.parse_args(argv)

    regenerate_nlu_inputs()
    model_hash = inputs_hash(input_files())
    if args.print_hash:
        print(model_hash)
        return 0
    model = MODELS / f"{model_hash}.tar.gz"
    if model.exists() and not args.force:
        print(f"model up to date: {model.relative_to(REPO)}")
    else:
        started = time.monotonic()
        model = train(model_hash)
        print(f"trained {model.relative_to(REPO)} in {time.monotonic() - started:.0f} s")
    MODELS.mkdir(exist_ok=True)
    LATEST.write_text(model.name + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

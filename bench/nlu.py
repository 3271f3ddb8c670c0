"""NLU side by side: our pipeline vs a Rasa-default baseline, on the held-out set, through /model/parse.

Why through HTTP and not `Agent.parse_message`: /model/parse is what the gateway's tracker reads and
what DESIGN.md keeps public, so its latency includes Sanic and JSON, the same for both models. The
held-out files are the NLU engineer's (tests/nlu/heldout.yml, and fresh.yml written after the last
data change; neither trained on); only intents are scored here (scripts/nlu_eval.py scores entities).

The baseline is trained NLU-only from bench/baseline_config.yml on the same data/nlu and cached as
models/bench/baseline-<hash>.tar.gz (models/ is git-ignored), keyed by the config and the data, so
`make bench` pays the training only when either changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import yaml

from bench.stats import summary
from bot.settings import REPO_ROOT

HELDOUT = REPO_ROOT / "tests" / "nlu" / "heldout.yml"
# written after the last training-data change and never used to fix data: the unbiased figure
FRESH = REPO_ROOT / "tests" / "nlu" / "fresh.yml"
HELDOUT_FILES = tuple(p for p in (HELDOUT, FRESH) if p.exists())
BASELINE_CONFIG = REPO_ROOT / "bench" / "baseline_config.yml"
BASELINE_DIR = REPO_ROOT / "models" / "bench"
# [text](entity) and [text]{"entity": ...} → text
ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


@dataclass(frozen=True)
class Example:
    text: str
    intent: str


def heldout_examples(path: Path = HELDOUT) -> list[Example]:
    """Plain texts and gold intents from a Rasa NLU YAML file (entity markup removed)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = []
    for block in data.get("nlu") or []:
        if "intent" not in block:
            continue
        for line in str(block.get("examples") or "").splitlines():
            line = line.strip()
            if line.startswith("- "):
                out.append(Example(ANNOTATION.sub(r"\1", line[2:].strip()), str(block["intent"])))
    return out


async def evaluate(rasa_url: str, examples: list[Example]) -> dict[str, Any]:
    """Intent accuracy, fallback rate and /model/parse latency (one request at a time, after warm-up)."""
    latencies, correct, fallback, errors = [], 0, 0, []
    async with httpx.AsyncClient(timeout=30.0, trust_env=False) as client:
        for _ in range(3):  # warm-up
            await client.post(f"{rasa_url}/model/parse", json={"text": "你好"})
        for ex in examples:
            started = time.perf_counter()
            resp = await client.post(f"{rasa_url}/model/parse", json={"text": ex.text})
            latencies.append((time.perf_counter() - started) * 1000)
            predicted = (resp.json().get("intent") or {}).get("name") if resp.status_code == 200 else None
            if predicted == ex.intent:
                correct += 1
            else:
                errors.append({"text": ex.text, "gold": ex.intent, "predicted": predicted})
            fallback += predicted == "nlu_fallback"
    n = len(examples)
    return {
        "examples": n,
        "intent_accuracy": round(correct / n, 3) if n else 0.0,
        "fallback_rate": round(fallback / n, 3) if n else 0.0,
        "parse_latency": summary(latencies),
        "errors": errors,
    }


def baseline_hash(root: Path = REPO_ROOT) -> str:
    """Hash of the baseline config and every NLU data file: when to retrain the baseline."""
    digest = hashlib.sha256(BASELINE_CONFIG.read_bytes())
    for path in sorted((root / "data" / "nlu").rglob("*.yml")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def train_baseline(force: bool = False) -> tuple[Path, float | None]:
    """The baseline model (trained now if missing) and its training seconds (None when cached)."""
    name = f"baseline-{baseline_hash()}"
    model = BASELINE_DIR / f"{name}.tar.gz"
    if model.exists() and not force:
        return model, None
    BASELINE_DIR.mkdir(parents=True, exist_ok=True)
    seconds = train_nlu(BASELINE_CONFIG, BASELINE_DIR, name)
    _timing_file(model).write_text(
        json.dumps({"seconds": seconds, "trained": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}),
        encoding="utf-8",
    )
    return model, seconds


def recorded_training(model: Path) -> dict[str, Any] | None:
    """Seconds and date recorded when a cached model was trained (None if not recorded), so a run
    that reuses the baseline still reports what training it costs."""
    try:
        return json.loads(_timing_file(model).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _timing_file(model: Path) -> Path:
    return model.with_name(model.name.removesuffix(".tar.gz") + ".training.json")


def train_nlu(config: Path, out: Path, name: str) -> float:
    """`rasa train nlu` with `config` on data/nlu, cold: returns wall-clock seconds.

    Cold, as `train_full_cold`: Rasa's fingerprint cache (.rasa/) would otherwise hand back
    components trained before (a baseline retrained with the shared cache reported 10.7 s)."""
    cmd = [
        str(Path(sys.executable).with_name("rasa")),
        "train",
        "nlu",
        "--config",
        str(config),
        "--nlu",
        str(REPO_ROOT / "data" / "nlu"),
        "--out",
        str(out),
        "--fixed-model-name",
        name,
    ]
    with tempfile.TemporaryDirectory(prefix="talentbot-nlu-cache-") as cache:
        return _timed(cmd, {"RASA_CACHE_DIRECTORY": cache})


def train_full_cold(out: Path) -> float:
    """A full `rasa train` (NLU + core) of the team's config into `out`, no cache: seconds.

    Cold means Rasa's fingerprint cache (.rasa/) is not reused: it lives in the tmp dir via
    RASA_CACHE_DIRECTORY, so nothing from an earlier training is taken.
    """
    cmd = [
        str(Path(sys.executable).with_name("rasa")),
        "train",
        "--out",
        str(out),
        "--fixed-model-name",
        "cold",
    ]
    return _timed(cmd, {"RASA_CACHE_DIRECTORY": str(out / "cache")})


def _timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    started = time.monotonic()
    subprocess.run(
        cmd,
        cwd=REPO_ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "RASA_TELEMETRY_ENABLED": "false", **(env or {})},
    )
    return round(time.monotonic() - started, 1)

"""`python -m bench.scaleout_check`: two Rasa replicas on PostgreSQL + Redis share one conversation.

What it shows, on one machine with loopback only: with endpoints.prod.yml (PostgreSQL tracker store,
Redis lock store), a form conversation whose turns alternate between replica A and replica B — each
replica with its own action server — continues as one conversation: the slot filled on A is in B's
tracker, B asks for the next missing slot, and A completes the form. Then two turns of the same
conversation sent to both replicas at the same moment both land (the Redis lock serialises them).

PostgreSQL and Redis come from Debian's packages (installed with apt-get when missing, as root), run as
child processes with their data in a temporary directory, and are stopped and deleted at the end. As
root, PostgreSQL runs as the `postgres` user (it refuses to run as root). Prints PASS or FAIL; exit 0/1.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import yaml

from bench import scaleout_nginx, scaleout_stack
from bot.settings import REPO_ROOT
from bot.supervisor import (
    ACTION_LAUNCHER,
    CHILD_ENV,
    RASA_LAUNCHER,
    Service,
    Supervisor,
    free_port,
    latest_model,
    wait_ready,
)

PROD_ENDPOINTS = REPO_ROOT / "endpoints.prod.yml"
REPORT = REPO_ROOT / "bench" / "SCALEOUT.md"
DB_USER, DB_PASSWORD, DB_NAME = "talentbot", "scaleout-check-pw", "talentbot_trackers"
GATEWAY_DB = "talentbot_gateway"  # the gateways' store, beside Rasa's trackers on the same server
# Two replicas on two cores: one Sanic worker and one TensorFlow thread each.
ONE_WORKER = {
    "SANIC_WORKERS": "1",
    "TF_INTER_OP_PARALLELISM_THREADS": "1",
    "TF_INTRA_OP_PARALLELISM_THREADS": "1",
}


@dataclass
class Check:
    """PASS/FAIL lines, printed as they come."""

    results: list[tuple[str, bool]] = field(default_factory=list)

    def __call__(self, name: str, ok: bool, detail: str = "") -> bool:
        self.results.append((name, ok))
        print(f"  [{'ok' if ok else 'FAIL'}] {name}{(' — ' + detail) if detail else ''}", flush=True)
        return ok

    @property
    def passed(self) -> bool:
        return bool(self.results) and all(ok for _, ok in self.results)


# ---- PostgreSQL and Redis from Debian's packages --------------------------------------------------
def pg_bin() -> Path | None:
    """The newest /usr/lib/postgresql/<v>/bin that has initdb."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


def ensure_packages() -> None:
    """apt-get install postgresql redis-server when either is missing (needs root)."""
    missing = [
        pkg
        for pkg, ok in (("postgresql", pg_bin()), ("redis-server", shutil.which("redis-server")))
        if not ok
    ]
    if not missing:
        return
    if os.geteuid() != 0:
        raise RuntimeError(f"missing {missing}; install them (apt-get install {' '.join(missing)})")
    print(f"installing {' '.join(missing)} from Debian …", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, stdout=subprocess.DEVNULL)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", *missing], check=True, env=env, stdout=subprocess.DEVNULL
    )


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextmanager
def postgres(root: Path, port: int) -> Iterator[str]:
    """A throwaway cluster on 127.0.0.1:`port` (fsync off: test data); yields DB_HOST ("host:port")."""
    bindir = pg_bin()
    assert bindir is not None
    data, sockets, logs = root / "pgdata", root / "pgsock", root / "pglog"
    pwfile = root / "pgpw"
    pwfile.write_text(DB_PASSWORD + "\n", encoding="utf-8")
    for made in (data, sockets, logs):
        made.mkdir(mode=0o700)
    if os.geteuid() == 0:
        root.chmod(0o755)
        for owned in (data, sockets, logs, pwfile):
            shutil.chown(owned, "postgres")
    initdb = [str(bindir / "initdb"), "-D", str(data), "-U", DB_USER, f"--pwfile={pwfile}"]
    initdb += ["--auth=scram-sha-256", "--no-sync", "-E", "UTF8", "--locale=C"]
    subprocess.run(_as_postgres(initdb), check=True, stdout=subprocess.DEVNULL)
    opts = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    pg_ctl = [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(logs / "postgres.log")]
    subprocess.run(
        _as_postgres([*pg_ctl, "-o", opts, "-w", "-t", "60", "start"]), check=True, stdout=subprocess.DEVNULL
    )
    try:
        yield f"127.0.0.1:{port}"
    finally:
        subprocess.run(
            _as_postgres([*pg_ctl, "-m", "fast", "-w", "stop"]), stdout=subprocess.DEVNULL, check=False
        )


def redis(supervisor: Supervisor, root: Path, port: int) -> None:
    """redis-server on 127.0.0.1:`port`, nothing persisted, supervised like the Rasa children."""
    cmd = [shutil.which("redis-server") or "redis-server", "--port", str(port), "--bind", "127.0.0.1"]
    cmd += ["--save", "", "--appendonly", "no", "--dir", str(root)]
    supervisor.start(Service("redis", cmd, root / "log" / "redis.log", port))


# ---- Rasa replicas and action servers --------------------------------------------------------------
def start_replicas(
    supervisor: Supervisor,
    root: Path,
    env: dict[str, str],
    model: Path,
    endpoints: Path,
    ports: dict[str, int],
) -> dict[str, str]:
    """Action servers 1, 2 and Rasa replicas A, B (one Sanic worker each, as make run starts Rasa: the
    launcher with the speed-ups), all with endpoints.prod.yml; the action endpoint is nginx's
    `actions` upstream (`env["ACTION_ENDPOINT_URL"]`), in front of both action servers."""
    py, urls = sys.executable, {}
    for replica, action in (("A", "1"), ("B", "2")):
        action_port, rasa_port = ports[f"actions-{action}"], ports[f"rasa-{replica}"]
        supervisor.start(
            Service(
                f"actions-{action}",
                [py, "-m", ACTION_LAUNCHER, "--actions", "actions", "--port", str(action_port)],
                root / "log" / f"actions-{action}.log",
                action_port,
                dict(CHILD_ENV),
            )
        )
        replica_env = {**CHILD_ENV, **env, **ONE_WORKER}
        cmd = [py, "-m", RASA_LAUNCHER, "run", "--enable-api", "-i", "127.0.0.1", "--port", str(rasa_port)]
        cmd += [
            "--model",
            str(model),
            "--endpoints",
            str(endpoints),
            "--credentials",
            str(REPO_ROOT / "credentials.yml"),
        ]
        supervisor.start(
            Service(f"rasa-{replica}", cmd, root / "log" / f"rasa-{replica}.log", rasa_port, replica_env)
        )
        urls[replica] = f"http://127.0.0.1:{rasa_port}"
        urls[f"actions-{action}"] = f"http://127.0.0.1:{action_port}"
    return urls


# ---- the conversation ------------------------------------------------------------------------------
async def _say(client: httpx.AsyncClient, base: str, sender: str, text: str) -> list[str]:
    resp = await client.post(f"{base}/webhooks/rest/webhook", json={"sender": sender, "message": text})
    resp.raise_for_status()
    return [m.get("text", "") for m in resp.json() if m.get("text")]


async def _tracker(client: httpx.AsyncClient, base: str, sender: str) -> dict[str, Any]:
    resp = await client.get(f"{base}/conversations/{quote(sender, safe='')}/tracker")
    resp.raise_for_status()
    return resp.json()


def _form(tracker: dict[str, Any]) -> str | None:
    return (tracker.get("active_loop") or {}).get("name")


async def conversation(urls: dict[str, str], check: Check) -> None:
    a, b = urls["A"], urls["B"]
    sender = f"scaleout-{int(time.time())}"
    async with httpx.AsyncClient(timeout=60.0, trust_env=False) as client:
        replies = await _say(client, a, sender, "项目资助能拿多少钱")
        t_b = await _tracker(client, b, sender)
        check(
            "turn 1 on A opens funding_form; B's tracker shows it",
            _form(t_b) == "funding_form",
            replies[0][:40] if replies else "",
        )

        replies = await _say(client, b, sender, "我是第二类人才")
        t_a = await _tracker(client, a, sender)
        check(
            "turn 2 on B fills category; A's tracker has category=2",
            str(t_a["slots"].get("category")) == "2",
            f"form {_form(t_a)}, requested_slot {t_a['slots'].get('requested_slot')}; "
            + (replies[0][:40] if replies else ""),
        )

        replies = await _say(client, a, sender, "特别推荐")
        t_b = await _tracker(client, b, sender)
        names = [e.get("name") for e in t_b["events"] if e.get("event") == "action"]
        check(
            "turn 3 on A completes the form with the slot B filled (answer in B's tracker)",
            _form(t_b) is None
            and "action_answer_funding" in names
            and str(t_b["slots"].get("category")) == "2",
            replies[0][:60] if replies else "",
        )

        before = sum(e.get("event") == "user" for e in t_b["events"])
        pairs = [("谢谢", "再见"), ("好的", "拜拜"), ("多谢", "您好"), ("在吗", "好的谢谢")]
        for on_a, on_b in pairs:  # both replicas get a turn of this conversation at the same moment
            await asyncio.gather(_say(client, a, sender, on_a), _say(client, b, sender, on_b))
        t_a = await _tracker(client, a, sender)
        users = [e.get("text") for e in t_a["events"] if e.get("event") == "user"]
        sent = {text for pair in pairs for text in pair}
        check(
            f"{len(pairs)} pairs of simultaneous turns on A and B all land (lock store serialises them)",
            len(users) == before + len(sent) and sent <= set(users),
            f"user turns {before} → {len(users)} (expected +{len(sent)})",
        )


def trackers_in_postgres(db_host: str, check: Check) -> None:
    import psycopg2

    host, port = db_host.split(":")
    conn = psycopg2.connect(host=host, port=int(port), user=DB_USER, password=DB_PASSWORD, dbname=DB_NAME)
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT COUNT(*), COUNT(DISTINCT sender_id) FROM events WHERE sender_id LIKE 'scaleout-%'"
            )
            events, senders = cur.fetchone()
    finally:
        conn.close()
    check("events are stored in PostgreSQL", events > 0 and senders == 1, f"{events} events")


def locks_in_redis(port: int, check: Check) -> None:
    import redis as redis_client

    stats = redis_client.Redis(host="127.0.0.1", port=port, socket_timeout=5).info("stats")
    commands = int(stats.get("total_commands_processed", 0))
    check("the lock store ran on Redis", commands > 0, f"{commands} commands")


def endpoints_for(lock_store_type: str | None, root: Path) -> Path:
    """endpoints.prod.yml as shipped, or a copy with another lock store type (to compare)."""
    if not lock_store_type:
        return PROD_ENDPOINTS
    text = PROD_ENDPOINTS.read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    current = config["lock_store"]["type"]
    copy = root / "endpoints.compare.yml"
    copy.write_text(text.replace(f"type: {current}", f"type: {lock_store_type}"), encoding="utf-8")
    return copy


def create_database(db_host: str, name: str) -> str:
    """CREATE DATABASE `name` on the check's server; its postgresql:// URL."""
    import psycopg2  # type: ignore[import-untyped]

    host, port = db_host.split(":")
    conn = psycopg2.connect(host=host, port=int(port), user=DB_USER, password=DB_PASSWORD, dbname="postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(f"CREATE DATABASE {name}")
    finally:
        conn.close()
    return f"postgresql://{DB_USER}:{quote(DB_PASSWORD, safe='')}@{db_host}/{name}"


def stack_ports() -> dict[str, int]:
    names = ["pg", "redis", "nginx-front", "nginx-rasa", "nginx-actions", "actions-1", "actions-2"]
    names += ["rasa-A", "rasa-B", "gateway-A", "gateway-B"]
    ports: dict[str, int] = {}
    while len(set(ports.values())) < len(names):  # the kernel may hand out a port twice in a row
        ports = {name: free_port() for name in names}
    return ports


def run_checks(args: argparse.Namespace, root: Path, supervisor: Supervisor, check: Check) -> dict[str, Any]:
    """Start the whole stack in `root` under `supervisor`, run every check; the figures measured."""
    nginx = scaleout_nginx.ensure_nginx()
    model = latest_model()
    ports = stack_ports()
    figures: dict[str, Any] = {"model": model.name}
    secrets = {name: uuid.uuid4().hex for name in ("wechat_token", "openid_salt", "log_salt", "admin")}
    staff = ("scaleout-admin", secrets["admin"])
    with postgres(root, ports["pg"]) as db_host:
        database_url = create_database(db_host, GATEWAY_DB)
        redis(supervisor, root, ports["redis"])
        nginx_root = root / "nginx"
        nginx_root.mkdir()
        conf = scaleout_nginx.write_config(
            nginx_root,
            front=ports["nginx-front"],
            rasa=ports["nginx-rasa"],
            actions=ports["nginx-actions"],
            upstreams={
                "gateways": [ports["gateway-A"], ports["gateway-B"]],
                "rasa": [ports["rasa-A"], ports["rasa-B"]],
                "actions": [ports["actions-1"], ports["actions-2"]],
            },
        )
        supervisor.start(scaleout_nginx.nginx_service(nginx, conf, nginx_root))
        env = {
            "DB_HOST": db_host,
            "DB_NAME": DB_NAME,
            "DB_USER": DB_USER,
            "DB_PASSWORD": DB_PASSWORD,
            "REDIS_HOST": "127.0.0.1",
            "REDIS_PORT": str(ports["redis"]),
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{ports['nginx-actions']}/webhook",
            "TALENTBOT_LOG_SALT": secrets["log_salt"],
        }
        urls = start_replicas(supervisor, root, env, model, endpoints_for(args.lock_store_type, root), ports)
        gateway_env = {
            "DATABASE_URL": database_url,
            "REDIS_URL": f"redis://127.0.0.1:{ports['redis']}/2",
            "WECHAT_TOKEN": secrets["wechat_token"],
            "WECHAT_OPENID_SALT": secrets["openid_salt"],
            "TALENTBOT_LOG_SALT": secrets["log_salt"],
            "RASA_PORT": str(ports["nginx-rasa"]),  # both gateways → nginx → either replica
            "ACTION_PORT": str(ports["nginx-actions"]),  # /api/health asks the action servers there
        }
        admin = {"TALENTBOT_ADMIN_USER": staff[0], "TALENTBOT_ADMIN_PASSWORD": staff[1]}
        gw = {
            "A": scaleout_stack.start_gateway(
                supervisor, root, "A", ports["gateway-A"], {**gateway_env, **admin}
            )
        }
        wait_ready(f"{gw['A']}/login", supervisor, timeout=120)  # schema and first admin in place: start B
        gw["B"] = scaleout_stack.start_gateway(supervisor, root, "B", ports["gateway-B"], gateway_env)
        front = f"http://127.0.0.1:{ports['nginx-front']}"
        for name in ("actions-1", "actions-2"):
            wait_ready(f"{urls[name]}/health", supervisor, timeout=120)
        for replica in ("A", "B"):
            seconds = wait_ready(f"{urls[replica]}/status", supervisor, timeout=240)
            print(f"replica {replica} ready ({seconds:.0f} s) at {urls[replica]}", flush=True)
        for url in (gw["A"], gw["B"], front):
            wait_ready(f"{url}/api/health", supervisor, timeout=120)
        print(f"nginx {front} → gateways {gw['A']}, {gw['B']}: healthy", flush=True)

        asyncio.run(conversation(urls, check))
        asyncio.run(scaleout_stack.across_gateways(gw, staff, check))
        asyncio.run(
            scaleout_stack.wechat_retry(
                gw, urls["A"], secrets["wechat_token"], secrets["openid_salt"], database_url, check
            )
        )
        run_id = uuid.uuid4().hex[:8]
        if args.load_seconds > 0:
            load = asyncio.run(
                scaleout_stack.capacity_and_latency(front, run_id, args.ramp_seconds, args.load_seconds)
            )
            figures["load"] = load
            rate = float(load["paced"]["offered_tps"])

            def crash() -> None:
                scaleout_stack.kill(supervisor, "gateway-A")
                scaleout_stack.kill(supervisor, "rasa-A")

            figures["kill"] = asyncio.run(
                scaleout_stack.kill_under_load(
                    front, run_id, rate, args.load_seconds, args.kill_at, crash, database_url, check
                )
            )
        trackers_in_postgres(db_host, check)
        locks_in_redis(ports["redis"], check)
        supervisor.stop()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--lock-store-type",
        help="override endpoints.prod.yml's lock store type, e.g. `redis` for Rasa's own RedisLockStore",
    )
    parser.add_argument("--ramp-seconds", type=float, default=6.0, help="each closed-loop ramp level")
    parser.add_argument(
        "--load-seconds", type=float, default=20.0, help="the paced level and the kill test (0: no load)"
    )
    parser.add_argument("--kill-at", type=float, default=7.0, help="seconds into the kill test")
    parser.add_argument("--report", type=Path, default=REPORT, help="markdown report (figures)")
    args = parser.parse_args(argv)
    print("scale-out check: nginx, two gateways, two Rasa replicas, two action servers,", flush=True)
    print(
        "PostgreSQL (trackers and the gateways' store) and Redis (locks, WeChat claims, limits)", flush=True
    )
    ensure_packages()
    check = Check()
    started = time.monotonic()
    root = Path(tempfile.mkdtemp(prefix="talentbot-scaleout-"))
    supervisor = Supervisor(REPO_ROOT)
    figures: dict[str, Any] = {}
    try:
        figures = run_checks(args, root, supervisor, check)
    except Exception as exc:  # report, clean up, FAIL — never leave servers behind
        check("scale-out check ran to the end", False, f"{type(exc).__name__}: {exc}")
        for log in sorted((root / "log").glob("*.log")) + sorted(root.glob("nginx/error.log")):
            tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-6:]
            print(f"--- {log.name}\n" + "\n".join(tail), file=sys.stderr)
    finally:
        supervisor.stop()
        with contextlib.suppress(OSError):
            shutil.rmtree(root)
    figures["checks"] = check.results
    figures["seconds"] = round(time.monotonic() - started)
    scaleout_stack.write_report(args.report, figures, check.passed)
    summary_line(figures)
    verdict = "PASS" if check.passed else "FAIL"
    print(f"{verdict} ({time.monotonic() - started:.0f} s); report {args.report}")
    return 0 if check.passed else 1


def summary_line(figures: dict[str, Any]) -> None:
    """The two figures #14 asks for, printed last."""
    killed, load = figures.get("kill"), figures.get("load")
    if killed:
        print(
            f"kill test: {killed['messages_sent']} messages sent, {killed['rows_stored']} rows stored "
            f"in PostgreSQL (missing {killed['missing']}, unexpected {killed['unexpected']}); "
            f"{killed['gateway_fallback_replies']} gateway fallbacks, slowest answer {killed['latency']['max_ms']} ms"
        )
    if load:
        paced = load["paced"]
        print(
            f"capacity {load['capacity_tps']} turns/s through nginx; 20 users offering "
            f"{paced['offered_tps']} turns/s (50%): p95 {paced['latency']['p95_ms']} ms, "
            f"p50 {paced['latency']['p50_ms']} ms, errors {paced['errors']}"
        )


if __name__ == "__main__":
    sys.exit(main())

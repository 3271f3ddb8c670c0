"""nginx (Debian's package) in front of the scale-out stack: one config, one supervised process.

Three loopback listeners, one upstream each (round robin, as a cloud load balancer would do):

- **front** → the two gateways: what talents, WeChat and staff reach. `/api/chat` may be retried on
  the other gateway even after it was sent (`non_idempotent`): the widget names each message with
  `client_message_id`, and the conversation log's `dedup_key UNIQUE` makes a retried message one row.
  Everything else (`/wechat`, logins, review writes) is retried only when it never reached a gateway
  (connection refused): a WeChat message already claimed by a dying gateway must not be asked twice.
- **rasa** → the two Rasa replicas: the gateways' RASA_PORT. The tracker store (PostgreSQL) and the
  lock store (Redis) are shared, so any replica can take any turn; a turn is not re-sent once a
  replica has it (Rasa may have appended events), only a refused connection moves on.
- **actions** → the two action servers: Rasa's `ACTION_ENDPOINT_URL` (endpoints.prod.yml), and the
  gateways' ACTION_PORT for /api/health.

A killed server is skipped after one failed connection (`max_fails=1`) for `fail_timeout`. Upstream
connections are kept alive (HTTP/1.1) and dropped before uvicorn's own 5 s keep-alive runs out, so
nginx never reuses a connection the gateway is closing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from bot.supervisor import Service

FAIL_TIMEOUT_S = 10


def ensure_nginx() -> str:
    """The nginx binary, installed from Debian (apt-get, as root) when missing.

    The package's own service is not started in a container with Debian's policy-rc.d; either way this
    check runs its own nginx with its own config and never touches /etc/nginx's."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found:
        return found
    if os.geteuid() != 0:
        raise RuntimeError("nginx missing; install it (apt-get install nginx)")
    print("installing nginx from Debian …", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, stdout=subprocess.DEVNULL)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "nginx"], check=True, env=env, stdout=subprocess.DEVNULL
    )
    return shutil.which("nginx") or "/usr/sbin/nginx"


def _upstream(name: str, ports: list[int], keepalive: int) -> str:
    servers = "".join(
        f"    server 127.0.0.1:{port} max_fails=1 fail_timeout={FAIL_TIMEOUT_S}s;\n" for port in ports
    )
    return f"  upstream {name} {{\n{servers}    keepalive {keepalive};\n    keepalive_timeout 4s;\n  }}\n"


def write_config(root: Path, *, front: int, rasa: int, actions: int, upstreams: dict[str, list[int]]) -> Path:
    """nginx.conf in `root` (pid, logs and temp files there too); `upstreams`: gateways, rasa, actions."""
    tmp = root / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    user = ""
    if os.geteuid() == 0:  # workers drop to nobody: they only need the temp dir
        user = "user nobody nogroup;\n"
        shutil.chown(tmp, "nobody")
    temp_paths = "".join(
        f"  {kind}_temp_path {tmp / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = f"""# written by bench/scaleout_nginx.py for one scale-out check; see its docstring
daemon off;
{user}worker_processes 1;
pid {root / "nginx.pid"};
error_log {root / "error.log"} warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
{temp_paths}  client_max_body_size 1m;
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  proxy_set_header Host $host;
  proxy_set_header X-Real-IP $remote_addr;
  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
  proxy_set_header X-Forwarded-Proto $scheme;
  proxy_connect_timeout 2s;
  proxy_read_timeout 40s;
  proxy_next_upstream error timeout;
  proxy_next_upstream_tries 2;
{_upstream("gateways", upstreams["gateways"], 32)}{_upstream("rasa", upstreams["rasa"], 32)}\
{_upstream("actions", upstreams["actions"], 16)}
  server {{
    listen 127.0.0.1:{front};
    location / {{ proxy_pass http://gateways; }}
    location = /api/chat {{
      proxy_pass http://gateways;
      proxy_next_upstream error timeout non_idempotent;
    }}
  }}
  server {{
    listen 127.0.0.1:{rasa};
    location / {{ proxy_pass http://rasa; }}
  }}
  server {{
    listen 127.0.0.1:{actions};
    location / {{ proxy_pass http://actions; }}
  }}
}}
"""
    path = root / "nginx.conf"
    path.write_text(conf, encoding="utf-8")
    return path


def nginx_service(binary: str, conf: Path, root: Path) -> Service:
    """nginx in the foreground (`daemon off`), checked with `-t` first; stopped by SIGTERM (fast stop)."""
    check = [binary, "-t", "-q", "-e", str(root / "error.log"), "-p", str(root), "-c", str(conf)]
    subprocess.run(check, check=True)
    cmd = [binary, "-e", str(root / "error.log"), "-p", str(root), "-c", str(conf)]
    return Service("nginx", cmd, root / "nginx.log")

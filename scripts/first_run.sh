#!/usr/bin/env bash
# `make run`: numbered set-up steps, each timed, with what to do when one fails (#14 item 8).
#   1 check (Python 3.10, disk, ports)   2 install (.venv)   3 training (if stale)   4 start services
# Step 4 is bot/supervisor.py (exec'd, so Ctrl-C reaches it directly); it prints its own sub-steps.
# FIND_PYTHON310 (default scripts/find-python310.sh) and MIN_FREE_MB exist so tests can simulate failures.
set -uo pipefail
cd "$(dirname "$0")/.."
MAKE_CMD=${MAKE:-make}
FIND_PYTHON310=${FIND_PYTHON310:-scripts/find-python310.sh}
PY=.venv/bin/python
LOGS=var/log
mkdir -p "$LOGS" 2>/dev/null || true
TOTAL=4
RUN_START=${EPOCHREALTIME:-$(date +%s)}

now() { echo "${EPOCHREALTIME:-$(date +%s)}"; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
header() { printf '\n[%s/%s] %s\n' "$1" "$TOTAL" "$2"; }
done_line() { printf '[%s/%s] 完成 done (%s s)\n' "$1" "$TOTAL" "$(since "$2")"; }
fail() {  # fail STEP START MESSAGE...
  local n=$1 start=$2; shift 2
  printf '\n[%s/%s] 失败 FAILED (%s s)\n' "$n" "$TOTAL" "$(since "$start")" >&2
  printf '%s\n' "$@" >&2
  exit 1
}
free_mb() { df -Pm . 2>/dev/null | awk 'NR == 2 { print $4 }'; }
disk_hint() {
  echo "  磁盘空间不足（当前可用 $(free_mb) MB）。请清理磁盘（例如删除 models/ 下旧的 *.tar.gz、var/log/ 下的旧日志、~/.cache/pip），然后重新运行 make run。"
  echo "  Not enough disk space ($(free_mb) MB free): free some (old models/*.tar.gz, var/log/, ~/.cache/pip) and run make run again."
}
ran_out_of_disk() { grep -qiE 'No space left on device|ENOSPC|Disk quota exceeded' "$1" 2>/dev/null; }

# ---- 1. check ------------------------------------------------------------------------------------
header 1 "检查环境 checking Python 3.10, disk space and ports"
t=$(now)
if ! python310=$("$FIND_PYTHON310" 2>/dev/null); then
  fail 1 "$t" \
    "  没有找到 Python 3.10（Rasa 3.6 只支持 3.10 及以下）。No Python 3.10 found (Rasa 3.6 needs it)." \
    "  安装方法 how to install:" \
    "    Debian/Ubuntu: sudo apt-get install python3.10 python3.10-venv  （较新的 Ubuntu 可先 sudo add-apt-repository ppa:deadsnakes/ppa）" \
    "    pyenv:         pyenv install 3.10  （make run 会自动在 ~/.pyenv/versions/3.10* 中找到它）" \
    "  然后重新运行 make run。Then run make run again."
fi
echo "  Python 3.10: $python310"
need=${MIN_FREE_MB:-$([ -x "$PY" ] && echo 500 || echo 4000)}  # a first install (Rasa, TensorFlow) takes ~3 GB
free=$(free_mb)
if [ -n "$free" ] && [ "$free" -lt "$need" ]; then
  fail 1 "$t" "  需要至少 ${need} MB 可用空间。At least ${need} MB must be free." "$(disk_hint)"
fi
echo "  disk: ${free:-?} MB free"
for pair in "GATEWAY_PORT:${GATEWAY_PORT:-8000}:gateway" "RASA_PORT:${RASA_PORT:-5005}:rasa" "ACTION_PORT:${ACTION_PORT:-5055}:actions"; do
  IFS=: read -r var port name <<<"$pair"
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    owner=""
    command -v ss >/dev/null 2>&1 && owner=$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'users:(("[^"]*",pid=[0-9]*' | head -1 | sed 's/users:(("//; s/",pid=/ (pid /; s/$/)/')
    fail 1 "$t" \
      "  端口 $port 已被占用（$name${owner:+，占用者：$owner}）。Port $port ($name) is in use${owner:+ by $owner}." \
      "  处理办法：停止该进程（上次的 make run 可按 Ctrl-C 或 kill 它的 pid），或换端口：$var=$((port + 100)) make run" \
      "  Stop that process, or choose another port: $var=$((port + 100)) make run"
  fi
done
echo "  ports: ${GATEWAY_PORT:-8000} (gateway), ${RASA_PORT:-5005} (rasa), ${ACTION_PORT:-5055} (actions) free"
done_line 1 "$t"

# ---- 2. install ----------------------------------------------------------------------------------
header 2 "安装依赖 installing into .venv (first time: several minutes)"
t=$(now)
log="$LOGS/first-run-install.log"
if ! "$MAKE_CMD" --no-print-directory venv 2>&1 | tee "$log"; then
  ran_out_of_disk "$log" && fail 2 "$t" "$(disk_hint)"
  fail 2 "$t" \
    "  安装失败，完整输出在 $log。常见原因：无法访问 PyPI（需要网络，或设置 PIP_INDEX_URL 为可用的镜像）。" \
    "  Install failed (output in $log); usually no network to PyPI — set PIP_INDEX_URL to a mirror you can reach." \
    "  删除 .venv 后重新运行 make run 会从头安装。Remove .venv and run make run again to start clean."
fi
done_line 2 "$t"

# ---- 3. training ---------------------------------------------------------------------------------
header 3 "训练模型 training the model (only when config, domain or data changed; first time ~5-10 min)"
t=$(now)
log="$LOGS/first-run-train.log"
if ! "$MAKE_CMD" --no-print-directory train 2>&1 | tee "$log"; then
  ran_out_of_disk "$log" && fail 3 "$t" "$(disk_hint)"
  fail 3 "$t" \
    "  训练失败，完整输出在 $log。若刚修改过 data/ 或 domain.yml，请先运行 make validate 查看具体错误。" \
    "  Training failed (output in $log); after editing data/ or domain.yml, make validate names the problem."
fi
done_line 3 "$t"

# ---- 4. start ------------------------------------------------------------------------------------
header 4 "启动服务 starting the action server, Rasa and the gateway (set-up took $(since "$RUN_START") s)"
exec "$PY" -m bot.supervisor

#!/usr/bin/env bash
# A throwaway one-node Slurm cluster for tests and for trying docs/cluster.md's job array by hand: munged,
# slurmctld and slurmd for this host, every file (munge key and socket, slurm.conf, state, spool, logs, pid files)
# in DIR, bound to loopback, run as the current user. Needs Debian's slurm-wlm and munge (tools/ci/install-servers.sh).
#
#   tools/slurm/one-node.sh start DIR   writes DIR/slurm.conf, starts the daemons, waits until the node is idle;
#                                       prints `export SLURM_CONF=DIR/slurm.conf`: every Slurm command needs it
#   tools/slurm/one-node.sh stop DIR    cancels the jobs left, stops the daemons (pid files in DIR), waits until gone
#
# The node advertises ONE_NODE_CPUS CPUs (default 32: so a job asking --cpus-per-task=8 fits, whatever this
# machine has) and ONE_NODE_GPUS fake GPUs (default 8, as root: character devices DIR/dev/gpuN, so `--gres=gpu:1` is
# scheduled and CUDA_VISIBLE_DEVICES set; nothing real is bound). The daemons run as the current user; root is what
# CI and the server test (SlurmClusterTest) use. The system's munged (/run/munge) is not used: DIR has its own key
# and socket. A manual check:
#
#   d=$(mktemp -d) && tools/slurm/one-node.sh start "$d" && export SLURM_CONF=$d/slurm.conf
#   sbatch --wrap 'hostname' --output="$d/out.txt" && sleep 3 && squeue && cat "$d/out.txt"
#   tools/slurm/one-node.sh stop "$d"
set -euo pipefail
PATH="$PATH:/usr/sbin:/sbin"   # munged, slurmctld and slurmd live in /usr/sbin

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
cmd=$1
DIR=$(mkdir -p "$2" && cd "$2" && pwd)
DAEMONS=(slurmd slurmctld munged)   # stop order

free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(shuf -i 20000-59999 -n 1)
    if [[ -z "$(ss -Htan "( sport = :$p )" 2>/dev/null)" ]]; then echo "$p"; return; fi
  done
  echo "no free port found" >&2; exit 1
}

stop() {
  local d pid
  # cancel what still runs: a job's processes (slurmstepd) would outlive slurmd
  if [[ -f "$DIR/slurmctld.pid" ]] && kill -0 "$(cat "$DIR/slurmctld.pid")" 2>/dev/null; then
    export SLURM_CONF="$DIR/slurm.conf"
    scancel --user="$(id -un)" 2>/dev/null || true
    for _ in $(seq 1 150); do [[ -z "$(squeue -h 2>/dev/null)" ]] && break; sleep 0.2; done
  fi
  for d in "${DAEMONS[@]}"; do
    [[ -f "$DIR/$d.pid" ]] || continue
    pid=$(cat "$DIR/$d.pid")
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$DIR/$d.pid"
  done
}

fail() {
  echo "one-node.sh: $*" >&2
  local f
  for f in "$DIR"/munged.log "$DIR"/slurmctld.log "$DIR"/slurmd.log; do
    [[ -f "$f" ]] && { echo "--- end of $f" >&2; tail -n 15 "$f" >&2; }
  done
  stop
  exit 1
}

start() {
  for b in munged mungekey slurmctld slurmd sinfo; do
    command -v "$b" >/dev/null || { echo "one-node.sh: $b is missing: apt-get install -y slurm-wlm munge" >&2; exit 3; }
  done
  local host user cpus gpus ctld_port d_port
  host=$(hostname -s)
  user=$(id -un)
  cpus=${ONE_NODE_CPUS:-32}
  gpus=${ONE_NODE_GPUS:-8}
  [[ "$(id -u)" -eq 0 ]] || gpus=0   # the fake GPUs are device nodes (mknod): root only
  ctld_port=$(free_port)
  d_port=$(free_port)
  while [[ "$d_port" == "$ctld_port" ]]; do d_port=$(free_port); done
  mkdir -p "$DIR/state" "$DIR/spool" "$DIR/munge"
  chmod 700 "$DIR/munge"

  # munge: a key of its own, a socket in DIR
  [[ -f "$DIR/munge/munge.key" ]] || mungekey --create --keyfile="$DIR/munge/munge.key" >/dev/null 2>&1 \
    || dd if=/dev/urandom of="$DIR/munge/munge.key" bs=1024 count=1 status=none
  chmod 600 "$DIR/munge/munge.key"
  munged --force --key-file="$DIR/munge/munge.key" --socket="$DIR/munge/munge.socket" \
    --pid-file="$DIR/munged.pid" --log-file="$DIR/munged.log" --seed-file="$DIR/munge/munged.seed" \
    || fail "munged did not start"

  local gres_node=""
  if [[ "$gpus" -gt 0 ]]; then
    gres_node=" Gres=gpu:$gpus"
    mkdir -p "$DIR/dev"
    for i in $(seq 0 $((gpus - 1))); do [[ -e "$DIR/dev/gpu$i" ]] || mknod "$DIR/dev/gpu$i" c 195 "$i"; done
    echo "NodeName=$host Name=gpu File=$DIR/dev/gpu[0-$((gpus - 1))]" >"$DIR/gres.conf"
  fi
  cat >"$DIR/slurm.conf" <<CONF
# written by tools/slurm/one-node.sh: a throwaway one-node cluster, everything in $DIR
ClusterName=onenode
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$d_port
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$DIR/munge/munge.socket
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/slurmctld.log
SlurmdLogFile=$DIR/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$DIR/jobcomp.txt
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
SlurmdParameters=config_overrides
SchedulerParameters=sched_interval=2,batch_sched_delay=0
KillWait=5
MinJobAge=600
GresTypes=gpu
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus$gres_node State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$DIR/slurm.conf"
  slurmctld -i -f "$SLURM_CONF" || fail "slurmctld did not start"
  slurmd -f "$SLURM_CONF" || fail "slurmd did not start"
  local state=""
  for _ in $(seq 1 300); do
    state=$(sinfo -h -n "$host" -o %t 2>/dev/null || true)
    [[ "$state" == idle* ]] && break
    sleep 0.2
  done
  [[ "$state" == idle* ]] || fail "node $host is not idle after 60 s (state: '${state:-none}')"
  echo "export SLURM_CONF=$SLURM_CONF"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac

#!/usr/bin/env bash
# slurm_test.sh QUARRY SOURCE_DIR
# The Slurm recipe of docs/scale-out.md on a one-node cluster this script
# starts and stops itself: munged with a fresh key, slurmctld and slurmd on
# loopback ports, all state in a temporary directory. The job array script
# and the submit commands are taken from the document and run as written;
# the parts joined must hold the same records as one run. Exit 77 (skipped)
# with the reason when Slurm or munge is not installed or the daemons
# cannot start here (they need root for their own users' work).
set -u
quarry=$1 src=$2
skip() { echo "SKIP: $*"; exit 77; }
for p in munged mungekey slurmctld slurmd sbatch sinfo; do
  command -v "$p" > /dev/null || PATH=$PATH:/usr/sbin command -v "$p" > /dev/null ||
    skip "$p is not installed (Debian packages slurm-wlm and munge)"
done
export PATH=$PATH:/usr/sbin
[ "$(id -u)" -eq 0 ] || skip "the one-node cluster runs its daemons as root, and this is uid $(id -u)"
work=$(mktemp -d)
pids=()
stop() {
  for f in "$work/slurmd.pid" "$work/slurmctld.pid" "$work/munge/munged.pid"; do
    [ -s "$f" ] && kill "$(cat "$f")" 2> /dev/null
  done
  sleep 1
  rm -rf "$work"
}
trap stop EXIT
pass=0 fail=0
ok()   { pass=$((pass + 1)); echo "ok - $1"; }
bad()  { fail=$((fail + 1)); echo "FAIL - $1"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }

# --- the cluster ------------------------------------------------------------------
mkdir -p "$work/munge" "$work/state" "$work/spool" "$work/log" "$work/bin" "$work/job"
chmod 700 "$work/munge"
mungekey -c -k "$work/munge/munge.key" -f > /dev/null 2>&1 || skip "mungekey cannot make a key"
munged -f --socket="$work/munge/sock" --key-file="$work/munge/munge.key" --log-file="$work/log/munged.log" \
  --pid-file="$work/munge/munged.pid" --seed-file="$work/munge/seed" ||
  skip "munged does not start: $(tail -1 "$work/log/munged.log" 2>/dev/null)"
read -r ctl_port node_port < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')
# CPUs=8 on a smaller machine: config_overrides lets the node claim what
# the recipe asks (--cpus-per-task=4) so that two tasks run side by side
cat > "$work/slurm.conf" <<CONF
ClusterName=quarrytest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctl_port
SlurmdPort=$node_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$work/munge/sock
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
SlurmdParameters=config_overrides
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
MpiDefault=none
NodeName=qnode NodeAddr=127.0.0.1 NodeHostname=localhost CPUs=8 State=UNKNOWN
PartitionName=debug Nodes=qnode Default=YES MaxTime=10 State=UP
CONF
export SLURM_CONF=$work/slurm.conf
slurmctld -c -i > "$work/log/ctld.out" 2>&1 || skip "slurmctld does not start: $(tail -2 "$work/log/slurmctld.log" 2>/dev/null)"
slurmd -N qnode > "$work/log/slurmd.out" 2>&1 || skip "slurmd does not start: $(tail -2 "$work/log/slurmd.log" 2>/dev/null)"
for _ in $(seq 1 30); do
  sinfo -h -o %t 2> /dev/null | grep -q idle && break
  sleep 1
done
sinfo -h -o %t 2> /dev/null | grep -q idle ||
  skip "the node never became idle: $(tail -2 "$work/log/slurmctld.log" "$work/log/slurmd.log" 2>/dev/null | tr '\n' ' ')"
ok "a one-node cluster is up ($(sinfo --version))"

# --- the recipe -------------------------------------------------------------------
ln -s "$quarry" "$work/bin/quarry"
export PATH="$work/bin:$PATH"
cd "$work/job" || exit 1
corpus=$src/../shared/eval/corpus/news.jsonl
if [ -r "$corpus" ]; then head -n 1000 "$corpus" > big.jsonl; else
  python3 -c '
import json
for i in range(1000):
    print(json.dumps({"id": f"d{i}", "text": f"Report {i}: Berlin pledged €{i} million, said Anna Richter in Kyiv."}))
' > big.jsonl
fi
python3 "$src/tests/e2e/recipe.py" "$src/docs/scale-out.md" slurm-array > quarry-array.sbatch
python3 "$src/tests/e2e/recipe.py" "$src/docs/scale-out.md" slurm-submit > submit.sh
timeout 300 bash submit.sh > submit.out 2>&1; rc=$?
cat submit.out | head -5
check "recipe slurm-submit: exit 0 (sbatch --wait saw every task succeed)" test $rc -eq 0
check "four array tasks wrote their parts" bash -c "[ \$(ls parts/part-*.jsonl | wc -l) -eq 4 ] && ls logs/quarry-*_4.log > /dev/null"
quarry run -q -j 2 big.jsonl > one.jsonl
check "the parts joined: the same records as one run ($(wc -l < records.jsonl 2>/dev/null))" \
  bash -c "cmp -s <(sort records.jsonl) <(sort one.jsonl)"
check "quarry stats read the joined records" bash -c "grep -E '^[0-9,]+ documents, ' submit.out | tr -d , | grep -q '^$(wc -l < one.jsonl) documents'"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

"""CPU time of a process by thread kind, to see what besides the work measured takes a core.

  thread_cpu.py snapshot PID FILE          writes the user+system ticks of each thread of PID
  thread_cpu.py diff BEFORE AFTER CALLS    prints CPU ms per call by thread kind (names with
                                           their numbers removed), largest first
"""
import collections
import json
import os
import re
import sys


def snapshot(pid, path):
    ticks = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as stat:
                text = stat.read()
        except FileNotFoundError:
            continue  # the thread ended meanwhile
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text[text.rindex(")") + 2:].split()
        ticks[tid] = [name, int(fields[11]), int(fields[12])]
    with open(path, "w") as out:
        json.dump(ticks, out)


def diff(before_path, after_path, calls):
    with open(before_path) as f:
        before = json.load(f)
    with open(after_path) as f:
        after = json.load(f)
    per_kind, system = collections.Counter(), collections.Counter()
    for tid, (name, user_ticks, system_ticks) in after.items():
        was = before.get(tid, [name, 0, 0])
        kind = re.sub(r"\d+", "N", name)
        per_kind[kind] += user_ticks - was[1] + system_ticks - was[2]
        system[kind] += system_ticks - was[2]
    ms = 1000.0 / os.sysconf("SC_CLK_TCK") / calls
    total = sum(per_kind.values())
    print(f"CPU ms per call by thread kind, user + system (total {total * ms:.2f}, system {sum(system.values()) * ms:.2f}):")
    for kind, spent in per_kind.most_common(8):
        if spent:
            print(f"  {spent * ms:8.2f}  {kind} (system {system[kind] * ms:.2f})")


if sys.argv[1] == "snapshot":
    snapshot(sys.argv[2], sys.argv[3])
else:
    diff(sys.argv[2], sys.argv[3], float(sys.argv[4]))

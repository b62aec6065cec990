"""Aggregates `jfr print --events <sample event>` text on stdin: samples by thread kind, by top
frame, by package of the top frame (self) and by package anywhere in the stack (inclusive).
Arguments: the event name (a heading), how many rows of each table to print, and optionally
the first and last time of day (HH:MM:SS, the recording's zone) of the samples to count."""
import collections
import re
import sys

event, top = sys.argv[1], int(sys.argv[2])
since, until = (sys.argv[3], sys.argv[4]) if len(sys.argv) > 4 else ("", "99")
FRAME = re.compile(r"^\s+([\w$.<>]+)\(.*\)\s+line:")


def package(method):
    """The first three segments of the declaring class's package: org.jdbi.v3, dev.tollgate.core."""
    parts = method.split(".")[:-2]
    return ".".join(parts[:3]) if parts else "(default)"


def thread_kind(name):
    name = re.sub(r"\d+", "N", name)
    return name


samples = []
thread, frames, in_stack, inside = None, [], False, True
for line in sys.stdin:
    if line.startswith(("jdk.ExecutionSample", "jdk.NativeMethodSample")):
        thread, frames, in_stack, inside = None, [], False, True
    elif "startTime = " in line:
        moment = line.split("=", 1)[1].strip()[:8]
        inside = since <= moment <= until
    elif "sampledThread = " in line:
        thread = line.split('"')[1] if '"' in line else line.split("=", 1)[1].strip()
    elif "stackTrace = [" in line:
        in_stack = True
    elif in_stack and line.strip() == "]":
        in_stack = False
        if inside:
            samples.append((thread or "?", frames))
    elif in_stack:
        match = FRAME.match(line)
        if match:
            frames.append(match.group(1))

total = len(samples)
print(f"== {event}: {total} samples")
if not total:
    sys.exit(0)


def table(title, counter):
    print(f"-- {title}")
    for name, count in counter.most_common(top):
        print(f"{100.0 * count / total:6.1f} %  {count:7d}  {name}")


table("by thread", collections.Counter(thread_kind(t) for t, _ in samples))
table("top frame (self)", collections.Counter(f[0] for _, f in samples if f))
table("package of the top frame (self)", collections.Counter(package(f[0]) for _, f in samples if f))
table("package anywhere in the stack (inclusive)",
      collections.Counter(p for _, f in samples for p in {package(m) for m in f}))
table("first dev.tollgate frame (whose call the sample is in)",
      collections.Counter(next((m for m in f if m.startswith("dev.tollgate.")), "(none)") for _, f in samples))

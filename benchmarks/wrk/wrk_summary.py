"""Reads wrk --latency output on stdin; prints: requests/s, p50 ms, p99 ms, failed responses (non-2xx,
socket errors, and the refusals verify.lua counts as denied)."""
import re
import sys

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def millis(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * UNITS[unit]


out = sys.stdin.read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
p50 = millis(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
p99 = millis(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
failed = 0
match = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
if match:
    failed += int(match.group(1))
match = re.search(r"Denied responses:\s+(\d+)", out)
if match:
    # verify.lua: 200 answers that were refusals, not the granted verifications a run measures
    failed += int(match.group(1))
match = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
if match:
    failed += sum(int(g) for g in match.groups())
print(f"{rps:.1f} {p50:.2f} {p99:.2f} {failed}")

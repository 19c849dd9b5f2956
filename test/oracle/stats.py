"""Independent oracle: recomputes per-node figures of a fixture run straight from its raw files
with Python's standard library (no code of bench-report). Prints JSON keyed by host."""
import csv, json, math, re, statistics, sys, glob, os

run_dir, start_s, end_s = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
cpu, mem = {}, {}

def add(d, host, t, v):
    if start_s <= t < end_s:
        d.setdefault(host, {})[t] = v

for f in glob.glob(os.path.join(run_dir, 'metrics', '*.lp')):
    for line in open(f, encoding='utf-8'):
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        parts = line.split(' ')
        if len(parts) != 3 or not parts[2].isdigit():
            continue
        head, fields, ts = parts
        tags = dict(kv.split('=') for kv in head.split(',')[1:])
        name = head.split(',')[0]
        fv = dict(kv.split('=') for kv in fields.split(','))
        t = int(ts) / 1e9
        try:
            if name == 'cpu' and tags.get('cpu') == 'cpu-total':
                add(cpu, tags['host'], t, 100 - float(fv['usage_idle']))
            elif name == 'mem':
                add(mem, tags['host'], t, float(fv['used_percent']))
        except (KeyError, ValueError):
            pass

for f in glob.glob(os.path.join(run_dir, 'metrics', '*.csv')):
    with open(f, newline='') as fh:
        for row in csv.DictReader(fh):
            t = float(row['timestamp'])
            if row['measurement'] == 'cpu' and row.get('cpu') == 'cpu-total':
                add(cpu, row['host'], t, 100 - float(row['usage_idle']))
            elif row['measurement'] == 'mem':
                add(mem, row['host'], t, float(row['used_percent']))

def q(xs, p):
    # Nearest rank, rank = floor(n*p/100 + 0.5) clamped to [1, n]: InfluxQL's PERCENTILE() rule.
    s = sorted(xs)
    rank = min(len(s), max(1, math.floor(len(s) * p / 100 + 0.5)))
    return s[rank - 1]

out = {}
for host, series in cpu.items():
    xs = [series[t] for t in sorted(series)]
    out.setdefault(host, {})['cpu'] = {
        'samples': len(xs), 'mean': statistics.fmean(xs), 'p50': q(xs, 50),
        'p95': q(xs, 95), 'p99': q(xs, 99), 'peak': max(xs), 'min': min(xs)}
for host, series in mem.items():
    ts = sorted(series)
    xs = [series[t] for t in ts]
    slope = statistics.linear_regression([(t - ts[0]) / 60 for t in ts], xs).slope
    out.setdefault(host, {})['memory'] = {
        'samples': len(xs), 'mean': statistics.fmean(xs), 'min': min(xs), 'max': max(xs),
        'stddev': statistics.stdev(xs), 'slopePerMinute': slope}
print(json.dumps(out))

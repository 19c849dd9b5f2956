// cpu_busy.flux: one host's metric over the run window, aggregated by InfluxDB 2.x (Flux).
// Metric: cpu.busy_pct = 100 - usage_idle of measurement cpu, tag cpu=cpu-total (whole machine).
// Placeholders bench-report fills with Flux literals escaped by @influxdata/influxdb-client
// (fluxString, fluxDateTime, fluxDuration), never with raw text:
//   {{bucket}} string   {{host}} string   {{start}}, {{stop}} time (window [start, stop))
//   {{every}} duration (the manifest interval)   {{offset}} duration (window alignment)
// Results (yield names) and the columns bench-report reads by name:
//   stats_count: stat = "samples", _value (long)
//   stats: stat (mean|min|max|stddev|p50|p95|p99), _value (double)
//   first, last: _time of the first and last sample
//   window_counts, window_means: _time (window start), _value; createEmpty: false, so empty
//   windows are absent and never filled
// Percentiles: quantile(method: "exact_selector") returns an actual sample, like InfluxQL's
// PERCENTILE; see docs/influxdb.md on rank rules.
data = from(bucket: {{bucket}})
  |> range(start: {{start}}, stop: {{stop}})
  |> filter(fn: (r) => r._measurement == "cpu" and r._field == "usage_idle" and r.cpu == "cpu-total" and r.host == {{host}})
  |> filter(fn: (r) => r._value >= 0.0 and r._value <= 100.0)
  |> map(fn: (r) => ({_time: r._time, _value: 100.0 - r._value}))
  |> group()

data |> count() |> map(fn: (r) => ({stat: "samples", _value: r._value})) |> yield(name: "stats_count")
stat = (fn, name) => data |> fn() |> map(fn: (r) => ({stat: name, _value: r._value}))
union(tables: [
  stat(fn: mean, name: "mean"),
  stat(fn: min, name: "min"),
  stat(fn: max, name: "max"),
  stat(fn: stddev, name: "stddev"),
  data |> quantile(q: 0.5, method: "exact_selector") |> map(fn: (r) => ({stat: "p50", _value: r._value})),
  data |> quantile(q: 0.95, method: "exact_selector") |> map(fn: (r) => ({stat: "p95", _value: r._value})),
  data |> quantile(q: 0.99, method: "exact_selector") |> map(fn: (r) => ({stat: "p99", _value: r._value})),
]) |> yield(name: "stats")
data |> first() |> yield(name: "first")
data |> last() |> yield(name: "last")
data |> aggregateWindow(every: {{every}}, offset: {{offset}}, fn: count, createEmpty: false, timeSrc: "_start") |> yield(name: "window_counts")
data |> aggregateWindow(every: {{every}}, offset: {{offset}}, fn: mean, createEmpty: false, timeSrc: "_start") |> yield(name: "window_means")

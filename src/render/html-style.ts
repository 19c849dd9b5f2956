// The report's stylesheet: system fonts, light and dark themes, print-friendly.
export const REPORT_CSS = `
:root{--fg:#1b1f24;--bg:#fff;--muted:#57606a;--line:#d0d7de;--head:#f6f8fa;--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--okbg:#dafbe1;--warnbg:#fff8c5;--badbg:#ffebe9}
@media (prefers-color-scheme: dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#8d96a0;--line:#30363d;--head:#161b22;--ok:#3fb950;--warn:#d29922;--bad:#f85149;--okbg:#12261e;--warnbg:#272115;--badbg:#2d1214}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:1.7em;margin:.2em 0 .6em}
h2{font-size:1.3em;border-bottom:1px solid var(--line);padding-bottom:.2em;margin-top:1.6em}
nav ol{columns:3;padding-left:1.2em;color:var(--muted)}
a{color:inherit}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em;background:var(--head);padding:.1em .3em;border-radius:4px;word-break:break-all}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;margin:.6em 0;font-variant-numeric:tabular-nums}
th,td{border:1px solid var(--line);padding:4px 8px;vertical-align:top}
th{background:var(--head);text-align:left}
td[style*="right"],th[style*="right"]{text-align:right}
.verdict{border:2px solid var(--line);border-radius:8px;padding:4px 16px 12px;margin-top:0}
.verdict-complete{border-color:var(--ok);background:var(--okbg)}
.verdict-incomplete{border-color:var(--warn);background:var(--warnbg)}
.verdict-no-data{border-color:var(--bad);background:var(--badbg)}
.note{border-left:4px solid var(--line);padding:6px 12px;margin:.6em 0;background:var(--head)}
.note-warning{border-color:var(--warn)}
.note-error{border-color:var(--bad)}
figure.chart{margin:1em 0}
figure.chart svg{max-width:100%;height:auto;background:#fff;border-radius:4px}
figcaption{color:var(--muted);font-size:.9em}
ol li,ul li{margin:.1em 0}
@media print{body{font-size:11pt;background:#fff;color:#000}nav{display:none}main{max-width:none;padding:0}section{break-inside:avoid-page}.table-wrap{overflow:visible}a{text-decoration:none}}
`;

# ruff: noqa: E501
"""The Jinja2 template of the sensitivity page: self-contained, styles inline, the rank-band chart as SVG."""

TEMPLATE = """<!DOCTYPE html>
<html lang="{{ 'zh-CN' if lang == 'zh' else 'en' }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ r.scheme }} — {{ t.title }}</title>
<style>
body { font-family: {{ fonts }}; margin: 0; color: #1a202c; background: #f7fafc; line-height: 1.5; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 20px; margin: 32px 0 12px; border-bottom: 2px solid #2b6cb0; }
.sub { color: #4a5568; }
table { border-collapse: collapse; width: 100%; background: white; margin: 8px 0 16px; }
th, td { border: 1px solid #cbd5e0; padding: 4px 8px; text-align: left; vertical-align: top; font-size: 14px; }
th { background: #e2e8f0; } td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.chart { background: white; border: 1px solid #cbd5e0; border-radius: 6px; padding: 8px; }
.chart svg { width: 100%; height: auto; }
pre { background: white; border: 1px solid #cbd5e0; padding: 8px; font-size: 13px; white-space: pre-wrap; }
</style>
</head>
<body><main>
<h1>{{ r.scheme }} — {{ t.title }}</h1>
<p class="sub">{{ r.draws }} {{ t.summary }} {{ r.seed }} · {{ t.shift }} {{ r.mean_abs_shift }}</p>
<h2>{{ t.chart }}</h2>
<div class="chart">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{ c.width }} {{ c.height }}" role="img" aria-label="{{ t.chart }}" font-family='{{ fonts }}' font-size="13">
{% for tick in c.ticks %}<line x1="{{ tick.x }}" y1="{{ c.top - 6 }}" x2="{{ tick.x }}" y2="{{ c.bottom }}" stroke="#e2e8f0"/>
<text x="{{ tick.x }}" y="{{ c.top - 10 }}" text-anchor="middle" fill="#4a5568">{{ tick.rank }}</text>
{% endfor %}{% for row in c.rows %}<text x="{{ c.label_right }}" y="{{ row.y + 4 }}" text-anchor="end">{{ row.name }}</text>
<line x1="{{ row.low }}" y1="{{ row.y }}" x2="{{ row.high }}" y2="{{ row.y }}" stroke="#2b6cb0" stroke-width="10" stroke-linecap="round" opacity="0.35"/>
<circle cx="{{ row.median }}" cy="{{ row.y }}" r="5" fill="#2b6cb0"/>
<path d="M {{ row.nominal }} {{ row.y - 7 }} l 7 7 l -7 7 l -7 -7 z" fill="none" stroke="#dd6b20" stroke-width="2"/>
{% endfor %}</svg>
<p class="sub">{{ t.legend }}</p>
</div>
<h2>{{ t.grades }} · {{ t.awards }}</h2>
<table>
<tr><th>{{ t.region }}</th><th>{{ t.rank }}</th><th>{{ t.median }}</th><th>{{ t.band }}</th><th>{{ t.shift }}</th>
{% for g in grades %}<th>{{ g }}</th>{% endfor %}{% for a in awards %}<th>{{ a }}</th>{% endfor %}</tr>
{% for row in table %}<tr><td>{{ row.name }}</td><td class="num">{{ row.rank }}</td><td class="num">{{ row.median }}</td>
<td class="num">{{ row.band }}</td><td class="num">{{ row.shift }}</td>
{% for p in row.grades %}<td class="num">{{ p }}</td>{% endfor %}{% for p in row.awards %}<td class="num">{{ p }}</td>{% endfor %}</tr>
{% endfor %}</table>
<h2>{{ t.drivers }}</h2>
{% if drivers %}<table>
<tr><th>{{ t.factor }}</th><th>{{ t.first }}</th><th>{{ t.interval }}</th><th>{{ t.total }}</th><th>{{ t.interval }}</th></tr>
{% for d in drivers %}<tr><td>{{ d.factor }}</td><td class="num">{{ d.first }}</td><td class="num">{{ d.first_interval }}</td>
<td class="num">{{ d.total }}</td><td class="num">{{ d.total_interval }}</td></tr>
{% endfor %}</table>{% else %}<p>{{ t.none }}</p>{% endif %}
<h2>{{ t.spec }}</h2>
<pre>{{ spec }}</pre>
<h2>{{ t.provenance }}</h2>
<p class="sub">scheme sha256 {{ r.scheme_sha256 }}<br>input sha256 {{ r.input_sha256 }}</p>
</main></body>
</html>
"""

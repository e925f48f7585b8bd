# ruff: noqa: E501
"""The Jinja2 template of the HTML report: one self-contained page, styles inline, every string escaped."""

TEMPLATE = """<!DOCTYPE html>
<html lang="{{ 'zh-CN' if lang == 'zh' else 'en' }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="targetrule {{ ev.provenance.library_version }}">
<title>{{ ev.scheme_title(lang) }} — {{ t.report }}</title>
<style>
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
       sans-serif; margin: 0; color: #1a202c; background: #f7fafc; line-height: 1.5; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 20px; margin: 32px 0 12px; border-bottom: 2px solid #2b6cb0; }
h3 { font-size: 18px; margin: 0 0 8px; }
.sub { color: #4a5568; }
table { border-collapse: collapse; width: 100%; background: white; margin: 8px 0 16px; }
th, td { border: 1px solid #cbd5e0; padding: 4px 8px; text-align: left; vertical-align: top; font-size: 14px; }
th { background: #e2e8f0; } td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.card { background: white; border: 1px solid #cbd5e0; border-radius: 6px; padding: 16px; margin: 16px 0; }
.card.survey { border: 2px dashed #718096; background: #f0f4f8; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 13px; margin-right: 6px; }
.badge.survey { background: #718096; color: white; } .badge.veto { background: #c53030; color: white; }
.badge.award { background: #d69e2e; color: white; } .badge.grade { background: #2b6cb0; color: white; }
.note { background: #fffbea; border-left: 4px solid #d69e2e; padding: 8px 12px; }
.warn { background: #fff5f5; border-left: 4px solid #c53030; padding: 8px 12px; }
.profile { display: flex; gap: 16px; flex-wrap: wrap; align-items: flex-start; }
.profile .chart { flex: 0 0 560px; } .profile .facts { flex: 1 1 300px; }
.chart svg { width: 100%; height: auto; }
tr.not_scored td { color: #c53030; } tr.area td { background: #edf2f7; font-weight: bold; }
.error { color: #c53030; } .warning { color: #b7791f; }
code { font-size: 12px; }
</style>
</head>
<body>
<main>
<header>
<h1>{{ ev.scheme_title(lang) }}</h1>
<div class="sub">{{ t.report }} · {{ t.scheme }} <code>{{ ev.scheme }}</code> · {{ t.mode }} {{ t[ev.mode] }}</div>
{% if note %}<p class="note">{{ t.note }}：{{ note }}</p>{% endif %}
{% if not ev.ranked %}<p class="warn">{{ ev.not_ranked_because(lang) if ev.not_ranked_because else t.not_ranked }}</p>{% endif %}
</header>

<section id="ranking">
<h2>{{ t.ranking }}</h2>
{% if ranking_svg %}<div class="chart">{{ ranking_svg }}</div>{% endif %}
<table>
<thead><tr><th>{{ t.rank }}</th><th>{{ t.region }}</th><th>{{ t.composite }}</th><th>{{ t.grade }}</th>
<th>{{ t.award }}</th><th>{{ t.notes }}</th></tr></thead>
<tbody>
{% for r in regions %}
<tr{% if r.survey_only %} class="survey"{% endif %}>
<td class="num">{{ r.rank if r.rank is not none else '—' }}</td>
<td><a href="#region-{{ r.region.id }}">{{ r.region.name(lang) }}</a></td>
<td class="num">{{ fmt(r.composite) }}</td>
<td>{{ r.grade_label(lang) if r.grade_label else '—' }}</td>
<td>{{ r.award_label(lang) if r.award_label else '' }}</td>
<td>{% if r.survey_only %}<span class="badge survey">{{ t.survey_only }}</span>{% endif %}
{% for v in r.vetoes %}<span class="badge veto">{{ t.veto }}: {{ veto_label(v) }}</span>{% endfor %}
{% if r.rank is not none %}{% for why in no_award_reasons(r) %}<span class="no-award">{{ t.no_award }}{{ why }}</span> {% endfor %}{% endif %}
{% if r.discrepancies %}<span class="warning">{{ t.discrepancies }}: {{ r.discrepancies | length }}</span>{% endif %}
{% if errors(r) %}<span class="error">{{ t.errors }}: {{ errors(r) }}</span>{% endif %}</td>
</tr>
{% endfor %}
</tbody>
</table>
</section>

{% if awards %}
<section id="awards">
<h2>{{ t.awards }}</h2>
<table><thead><tr><th>{{ t.award }}</th><th>{{ t.region }}</th></tr></thead><tbody>
{% for label, names in awards %}<tr><td>{{ label }}</td><td>{{ names | join('、' if lang == 'zh' else ', ') }}</td></tr>{% endfor %}
</tbody></table>
</section>
{% endif %}

<section id="regions">
<h2>{{ t.regions }}</h2>
{% for r in regions %}
<article class="card{% if r.survey_only %} survey{% endif %}" id="region-{{ r.region.id }}">
<h3>{{ r.region.name(lang) }} <code>{{ r.region.id }}</code></h3>
<div>
{% if r.survey_only %}<span class="badge survey">{{ t.survey_only }}</span>{% endif %}
{% if r.rank is not none %}<span class="badge">{{ t.rank }} {{ r.rank }}</span>{% endif %}
{% if r.grade_label %}<span class="badge grade">{{ r.grade_label(lang) }}</span>{% endif %}
{% if r.award_label %}<span class="badge award">{{ r.award_label(lang) }}</span>{% endif %}
{% for v in r.vetoes %}<span class="badge veto">{{ t.veto }}: {{ veto_label(v) }}</span>{% endfor %}
</div>
<div class="profile">
{% if profiles[r.region.id] %}<div class="chart">{{ profiles[r.region.id] }}</div>{% endif %}
<div class="facts">
<p><strong>{{ t.composite }} {{ fmt(r.composite) }}</strong> — {{ r.explanation()(lang) }}</p>
{% if r.grade_note %}<p>{{ t.grade }}: {{ r.grade_note(lang) }}</p>{% endif %}
{% for why in r.ineligible_because %}<p class="warning">{{ why(lang) }}</p>{% endfor %}
{% for a in r.adjustments %}<p>{{ t[a.kind] }}: {{ a.label(lang) }} {{ fmt(a.points) }}{% if a.note %} ({{ a.note }}){% endif %}</p>{% endfor %}
</div>
</div>
{% if r.discrepancies %}
<details open class="discrepancies"><summary>{{ t.discrepancies }} ({{ r.discrepancies | length }})</summary>
<ul>{% for d in r.discrepancies %}<li class="{{ 'error' if d.beyond_tolerance else 'warning' }}">{{ d.explanation()(lang) }}{% if d.beyond_tolerance %} — {{ t.beyond_tolerance }}{% endif %}</li>{% endfor %}</ul>
</details>
{% endif %}
<table>
<thead><tr><th>{{ t.indicator }}</th><th>{{ t.points }}</th><th>{{ t.full }}</th><th>{{ t.explanation }}</th></tr></thead>
<tbody>
{% for a in r.areas %}
<tr class="area"><td>{{ a.label(lang) }}</td><td class="num">{{ fmt(a.points) }}</td><td class="num">{{ fmt(a.max_points) }}</td>
<td>{{ a.explanation()(lang) }}</td></tr>
{% for i in a.indicators %}
<tr class="{{ i.status.value }}"><td>{{ i.label(lang) }}</td><td class="num">{{ fmt(i.points) }}</td>
<td class="num">{{ fmt(i.max_points) }}</td><td>{{ i.explanation()(lang) }}</td></tr>
{% endfor %}
{% endfor %}
</tbody>
</table>
{% if r.findings %}
<details open><summary>{{ t.findings }} ({{ r.findings | length }})</summary>
<ul>{% for f in r.findings %}<li class="{{ f.severity.value }}"><code>{{ f.code }}</code> {{ f.path or '' }}: {{ f.message(lang) }}</li>{% endfor %}</ul>
</details>
{% endif %}
</article>
{% endfor %}
</section>

<section id="findings">
<h2>{{ t.findings }}</h2>
{% if ev.findings %}
<table><thead><tr><th>{{ t.severity }}</th><th>{{ t.code }}</th><th>{{ t.where }}</th><th>{{ t.message }}</th></tr></thead><tbody>
{% for f in ev.findings %}<tr class="{{ f.severity.value }}"><td>{{ t[f.severity.value] }}</td><td><code>{{ f.code }}</code></td>
<td>{{ f.path or f.region or '' }}</td><td>{{ f.message(lang) }}</td></tr>{% endfor %}
</tbody></table>
{% else %}<p>{{ t.no_findings }}</p>{% endif %}
</section>

<section id="provenance">
<h2>{{ t.provenance }}</h2>
<table><tbody>
<tr><th>{{ t.library }}</th><td>targetrule {{ ev.provenance.library_version }}</td></tr>
<tr><th>{{ t.scheme }}</th><td>{{ ev.provenance.scheme_id }} <code>{{ ev.provenance.scheme_origin }}</code></td></tr>
<tr><th>{{ t.scheme }} SHA-256</th><td><code>{{ ev.provenance.scheme_sha256 }}</code></td></tr>
<tr><th>{{ t.input }} SHA-256</th><td><code>{{ ev.provenance.input_sha256 }}</code></td></tr>
<tr><th>{{ t.plugins }}</th><td>{% for p in ev.provenance.plugins %}<code>{{ p.name }}</code> ({{ p.distribution }} {{ p.version }}){% if not loop.last %}, {% endif %}{% endfor %}</td></tr>
</tbody></table>
</section>
</main>
</body>
</html>
"""

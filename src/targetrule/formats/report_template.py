# ruff: noqa: E501
"""The Jinja2 template of the HTML report: one self-contained page, styles inline, every string escaped.

On paper (A4, also what WeasyPrint lays out for the PDF): the 通报 itself on the first page (title
block, ranking, awards, 落款), then the charts, one page per region, and the findings with the method
and provenance appendix. Colours are told apart by lightness, so a black-and-white copy still reads.
"""

TEMPLATE = """<!DOCTYPE html>
<html lang="{{ 'zh-CN' if lang == 'zh' else 'en' }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="targetrule {{ ev.provenance.library_version }}">
<title>{{ tb.title }}</title>
<style>
@page { size: A4; margin: 16mm 14mm 16mm 14mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; color: #4a5568; } }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
       sans-serif; margin: 0; color: #1a202c; background: #f7fafc; line-height: 1.45; font-size: 14px; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; background: white; }
.title-block { text-align: center; margin-bottom: 12px; }
.issuer { font-size: 28px; font-weight: bold; letter-spacing: 2px; color: #9b1c1c; }
.docno { margin: 6px 0; } .rule { border: 0; border-top: 2px solid #9b1c1c; margin: 4px 0 14px; }
h1 { font-size: 22px; margin: 8px 0 4px; } h2 { font-size: 17px; margin: 18px 0 8px; border-bottom: 2px solid #1a365d; }
h3 { font-size: 16px; margin: 0 0 6px; } h2, h3, caption { break-after: avoid; page-break-after: avoid; }
.sub { color: #4a5568; font-size: 13px; }
.placeholder { color: #4a5568; background: #edf2f7; }
table { border-collapse: collapse; width: 100%; background: white; margin: 6px 0 12px; }
th, td { border: 1px solid #a0aec0; padding: 3px 6px; text-align: left; vertical-align: top; font-size: 13px; }
th { background: #e2e8f0; } thead { display: table-header-group; } tr { break-inside: avoid; page-break-inside: avoid; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.name { white-space: nowrap; }
table.keep { break-inside: avoid; page-break-inside: avoid; }
ul.reasons { margin: 0; padding-left: 1.1em; } ul.reasons li { margin: 0; }
.banner { border: 2px solid #1a202c; background: #fff5e6; padding: 6px 10px; font-weight: bold; }
.note { border-left: 4px solid #718096; padding: 4px 10px; background: #f7fafc; }
.signoff { text-align: right; margin: 24px 24px 0 0; line-height: 1.9; }
.chart svg { width: 100%; height: auto; } .chart { margin: 4px 0; max-width: 820px; }
.badge { display: inline-block; padding: 0 6px; border: 1px solid #1a202c; border-radius: 3px; font-size: 12px; margin-right: 4px; }
.badge.veto { background: #8b2323; color: white; } .badge.award { background: #1a365d; color: white; }
.badge.survey { border-style: dashed; }
tr.area td { background: #edf2f7; font-weight: bold; } tr.not_scored td { font-style: italic; text-decoration: underline dotted; }
td.diff { width: 120px; white-space: nowrap; vertical-align: middle; }
.half { display: inline-block; width: 50%; height: 0.8em; vertical-align: middle; }
.half.l { text-align: right; border-right: 1px solid #1a202c; } .half i { display: inline-block; height: 100%; vertical-align: top; }
.half.l i { background: #1a202c; } .half.r i { background: #a0aec0; }
table.heat td { text-align: right; font-variant-numeric: tabular-nums; padding: 2px 4px; font-size: 12px; }
table.heat th { font-size: 11px; font-weight: normal; } table.heat td.name { text-align: left; }
.h0 { background: #ffffff; } .h1 { background: #e2e8f0; } .h2 { background: #a0aec0; }
.h3 { background: #4a5568; color: white; } .h4 { background: #1a202c; color: white; }
.swatch { display: inline-block; width: 1.6em; height: 0.9em; margin-right: 4px; vertical-align: middle; border: 1px solid #1a202c; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.legend span { display: inline-block; padding: 0 6px; border: 1px solid #a0aec0; margin-right: 4px; font-size: 12px; }
.print-only { display: none; }
code { font-size: 11px; word-break: break-all; } td.modules { word-break: break-word; }
@media print {
  body { background: white; font-size: 10pt; } main { max-width: none; padding: 0; }
  th, td { font-size: 8.5pt; padding: 1.5pt 4pt; }
  .page { break-before: page; page-break-before: always; }
  section.region { break-before: page; page-break-before: always; }
  section.region td, section.region th { font-size: 7.5pt; padding: 0.6pt 3pt; line-height: 1.2; }
  section.region p, section.region ul { margin: 2pt 0; }
  .explain { display: none; } .print-only { display: block; }
  table { table-layout: fixed; } .w-rank { width: 10mm; } .w-name { width: 30mm; } .w-num { width: 16mm; }
  .w-short { width: 14mm; } .w-diff { width: 30mm; } .w-key { width: 26mm; } .w-code { width: 34mm; }
  table.items .w-num { width: 13mm; }
  .issuer { font-size: 22pt; } h1 { font-size: 16pt; } h2 { font-size: 12.5pt; margin: 10pt 0 5pt; } h3 { font-size: 12pt; }
  a { color: inherit; text-decoration: none; }
  .h0, .h1, .h2, .h3, .h4, .badge, .half i, th, tr.area td, .banner { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
</style>
</head>
<body>
<main>
<header class="title-block">
<div class="issuer{% if not given.issuer %} placeholder{% endif %}">{{ tb.issuer }}</div>
<div class="docno{% if not given.number %} placeholder{% endif %}">{{ tb.number }}</div>
<hr class="rule">
<h1>{{ tb.title }}</h1>
<div class="sub">{{ say('考评结果报告', 'evaluation report') }}：{{ ev.scheme_title(lang) }} · {{ say('方案', 'scheme') }} {{ ev.scheme }} · {{ say('模式', 'mode') }} {{ say('宽松', 'lenient') if ev.mode == 'lenient' else say('严格', 'strict') }}</div>
</header>
{% if warning %}<p class="banner" id="lenient-warning">{{ warning }}</p>{% endif %}
{% if note %}<p class="note">{{ say('数据说明：', 'About the data: ') }}{{ note }}</p>{% endif %}
{% if not ev.ranked %}<p class="banner">{{ ev.not_ranked_because(lang) if ev.not_ranked_because else say('未排名', 'not ranked') }}</p>{% endif %}

<section id="summary">
<h2>{{ say('一、综合排名', '1. Ranking') }}</h2>
<table class="ranking{% if regions | length <= 30 %} keep{% endif %}">
<thead><tr><th class="num w-rank">{{ say('名次', 'Rank') }}</th><th class="w-name">{{ say('地区', 'Region') }}</th><th class="num w-num">{{ say('综合得分', 'Composite') }}</th>
<th class="w-short">{{ say('等次', 'Grade') }}</th><th class="w-num">{{ say('奖项', 'Award') }}</th><th>{{ say('说明', 'Reasons') }}</th></tr></thead>
<tbody>
{% for r in regions %}
<tr><td class="num">{{ r.rank if r.rank is not none else '—' }}</td>
<td class="name">{% if r.region.id in detailed %}<a href="#region-{{ r.region.id }}">{{ r.region.name(lang) }}</a>{% else %}{{ r.region.name(lang) }}{% endif %}</td>
<td class="num">{{ fmt(r.composite) }}</td>
<td>{{ r.grade_label(lang) if r.grade_label else '—' }}</td>
<td>{{ r.award_label(lang) if r.award_label else '' }}</td>
<td>{% set why = reasons(r) %}{% if why %}<ul class="reasons">{% for w in why %}<li>{{ w }}</li>{% endfor %}</ul>{% endif %}</td></tr>
{% endfor %}
</tbody>
</table>
{% if average is not none %}<p>{{ say('全省平均综合得分（不含仅督查调研地区）：', 'Provincial average composite (survey-only regions left out): ') }}{{ average }}</p>{% endif %}

<h2>{{ say('二、评奖结果', '2. Awards') }}</h2>
{% if awards %}
<table class="keep"><thead><tr><th class="w-name">{{ say('奖项', 'Award') }}</th><th>{{ say('地区', 'Regions') }}</th></tr></thead><tbody>
{% for label, names in awards %}<tr><td class="name">{{ label }}</td><td>{{ joined(names) }}</td></tr>{% endfor %}
</tbody></table>
{% else %}<p>{{ say('本次不评奖。', 'No awards are given.') }}</p>{% endif %}
{% if vetoed %}<p>{{ say('一票否决：', 'Vetoed: ') }}{{ joined(vetoed) }}</p>{% endif %}
<div class="signoff"><div class="{% if not given.signature and not given.issuer %}placeholder{% endif %}">{{ tb.signature }}</div>
<div class="{% if not given.date %}placeholder{% endif %}">{{ tb.date }}</div></div>
</section>

<section id="analysis" class="page">
<h2>{{ say('附件1　图表', 'Annex 1. Charts') }}</h2>
{% if ranking_svg %}<h3>{{ say('综合得分', 'Composite scores') }}{% if omitted_from_chart %}{{ say('（前 %d 名和后 %d 名）' % (edge, edge), ' (the top and bottom %d)' % edge) }}{% endif %}</h3>
<div class="chart">{{ ranking_svg }}</div>
<p class="legend">{% for colour, text in chart_legend %}<span><b class="swatch" style="background:{{ colour }}"></b>{{ text }}</span>{% endfor %}</p>{% endif %}
{% if distribution_svg %}<h3>{{ say('全部地区综合得分分布', 'How all regions\\' composites spread') }}</h3><div class="chart">{{ distribution_svg }}</div>{% endif %}
{% if heat_rows %}
<h3>{{ say('各领域得分率（%）', 'Attainment by area (% of full marks)') }}{% if heat_gap %}{{ say('（前 %d 名和后 %d 名）' % (edge, edge), ' (the top and bottom %d)' % edge) }}{% endif %}</h3>
<table class="heat{% if heat_rows | length <= 30 %} keep{% endif %}">
<thead><tr><th class="w-name">{{ say('地区', 'Region') }}</th>{% for a in area_heads %}<th>{{ a }}</th>{% endfor %}</tr></thead>
<tbody>
{% for r in heat_rows %}{% if r is none %}<tr><td colspan="{{ area_heads | length + 1 }}">⋯</td></tr>{% else %}
<tr><td class="name">{{ r.region.name(lang) }}</td>{% for a in r.areas %}{% set s = share(a.points, a.max_points) %}<td class="{{ heat(s) }}">{{ s }}</td>{% endfor %}</tr>{% endif %}
{% endfor %}
{% if area_average %}<tr><td class="name"><strong>{{ say('全省平均', 'Average') }}</strong></td>{% for s in area_average %}<td class="{{ heat(s) }}"><strong>{{ s }}</strong></td>{% endfor %}</tr>{% endif %}
</tbody></table>
<p class="legend">{% for cls, text in heat_legend %}<span class="{{ cls }}">{{ text }}</span>{% endfor %}</p>
{% endif %}
</section>

{% if omitted %}<p class="note page">{{ say('另有 %d 个地区只列在排名表中；其逐项得分见 results.xlsx，或用 targetrule explain 查看。' % omitted, '%d more regions are in the ranking table only; their item scores are in results.xlsx and `targetrule explain`.' % omitted) }}</p>{% endif %}
{% for r in detailed_regions %}
<section class="region" id="region-{{ r.region.id }}">
<h3>{{ say('附件2　', 'Annex 2. ') if loop.first }}{{ r.region.name(lang) }}</h3>
<div>{% if r.survey_only %}<span class="badge survey">{{ say('仅督查调研，不排名', 'survey only, not ranked') }}</span>{% endif %}
{% if r.rank is not none %}<span class="badge">{{ say('第 %d 名' % r.rank, 'rank %d' % r.rank) }}</span>{% endif %}
{% if r.grade_label %}<span class="badge">{{ r.grade_label(lang) }}</span>{% endif %}
{% if r.award_label %}<span class="badge award">{{ r.award_label(lang) }}</span>{% endif %}
{% for v in r.vetoes %}<span class="badge veto">{{ say('一票否决', 'veto') }}</span>{% endfor %}</div>
<p><strong>{{ say('综合得分', 'Composite') }} {{ fmt(r.composite) }}</strong>{% if average is not none %}（{{ say('全省平均', 'average') }} {{ average }}）{% endif %} — {{ r.explanation()(lang) }}</p>
{% set why = reasons(r) %}{% if why %}<ul class="reasons">{% for w in why %}<li>{{ w }}</li>{% endfor %}</ul>{% endif %}
{% for a in r.adjustments %}<p>{{ say('加分', 'Bonus') if a.kind == 'bonus' else say('扣分', 'Deduction') }}：{{ a.label(lang) }} {{ fmt(a.points) }}{% if a.note %}（{{ a.note }}）{% endif %}</p>{% endfor %}
{% if r.discrepancies %}<p>{{ say('核实与上报不一致：', 'Verified figures differing from the reported ones: ') }}</p><ul>{% for d in r.discrepancies %}<li>{{ d.explanation()(lang) }}{% if d.beyond_tolerance %} — {{ say('超出允许误差，按弄虚作假处理', 'beyond the tolerance: treated as misreporting') }}{% endif %}</li>{% endfor %}</ul>{% endif %}
<table class="items">
<thead><tr><th>{{ say('领域 / 指标', 'Area / item') }}</th><th class="num w-num">{{ say('得分', 'Points') }}</th><th class="num w-num">{{ say('满分', 'Full') }}</th>
<th class="num w-num">{{ say('得分率%', 'Share %') }}</th><th class="num w-num">{{ say('全省平均%', 'Average %') }}</th><th class="w-diff">{{ say('低于 ◀ 平均 ▶ 高于', 'below ◀ average ▶ above') }}</th>
<th class="explain">{{ say('计分说明', 'Explanation') }}</th></tr></thead>
<tbody>
{% for a in r.areas %}{% set s = share(a.points, a.max_points) %}{% set m = avg_areas.get(a.area) %}
<tr class="area"><td>{{ a.label(lang) }}</td><td class="num">{{ fmt(a.points) }}</td><td class="num">{{ fmt(a.max_points) }}</td>
<td class="num">{{ s }}</td><td class="num">{{ m if m is not none else '—' }}</td>{{ diff(s, m) }}<td class="explain">{{ a.explanation()(lang) }}</td></tr>
{% for i in a.indicators %}{% set s = share(i.points, i.max_points) %}{% set m = avg_items.get(i.indicator) %}
<tr class="{{ i.status.value }}"><td>{{ i.label(lang) }}{% if i.status.value == 'not_scored' %}（{{ say('未计分', 'not scored') }}）{% endif %}</td><td class="num">{{ fmt(i.points) }}</td>
<td class="num">{{ fmt(i.max_points) }}</td><td class="num">{{ s }}</td><td class="num">{{ m if m is not none else '—' }}</td>{{ diff(s, m) }}<td class="explain">{{ i.explanation()(lang) }}</td></tr>
{% endfor %}{% endfor %}
</tbody>
</table>
{% if r.findings %}<p>{{ say('数据问题 %d 个，见附件3。' % (r.findings | length), '%d findings: see Annex 3.' % (r.findings | length)) }}</p>{% endif %}
</section>
{% endfor %}

<section id="findings" class="page">
<h2>{{ say('附件3　数据问题', 'Annex 3. Findings') }}</h2>
{% if ev.findings %}
<table><thead><tr><th class="w-short">{{ say('级别', 'Severity') }}</th><th class="w-name">{{ say('地区', 'Region') }}</th><th class="w-code">{{ say('位置', 'Where') }}</th><th>{{ say('说明', 'Message') }}</th><th class="w-code">{{ say('代码', 'Code') }}</th></tr></thead><tbody>
{% for f in ev.findings %}<tr><td>{{ say('错误', 'error') if f.is_error else say('提示', 'warning') }}</td><td class="name">{{ region_name(f.region) }}</td>
<td><code>{{ f.path or '' }}</code></td><td>{{ f.message(lang) }}</td><td><code>{{ f.code }}</code></td></tr>{% endfor %}
</tbody></table>
{% else %}<p>{{ say('未发现数据问题。', 'No findings.') }}</p>{% endif %}
</section>

<section id="method">
<h2>{{ say('附件4　考评方法与数据来源', 'Annex 4. Method and provenance') }}</h2>
<table class="keep"><tbody>
<tr><th class="w-key">{{ say('方案', 'Scheme') }}</th><td>{{ ev.scheme_title(lang) }}（{{ ev.scheme }}）</td></tr>
{% if method %}<tr><th>{{ say('综合得分', 'Composite') }}</th><td>{{ method }}</td></tr>{% endif %}
{% if grades %}<tr><th>{{ say('等次', 'Grades') }}</th><td>{{ grades }}</td></tr>{% endif %}
{% if award_rules %}<tr><th>{{ say('奖项', 'Awards') }}</th><td>{{ award_rules }}</td></tr>{% endif %}
{% if scheme_note %}<tr><th>{{ say('说明', 'Note') }}</th><td>{{ scheme_note }}</td></tr>{% endif %}
<tr><th>{{ say('程序', 'Software') }}</th><td>targetrule {{ ev.provenance.library_version }}</td></tr>
<tr><th>{{ say('方案文件', 'Scheme file') }}</th><td><code>{{ ev.provenance.scheme_origin }}</code><br>SHA-256 <code>{{ ev.provenance.scheme_sha256 }}</code></td></tr>
<tr><th>{{ say('输入数据', 'Input data') }}</th><td>SHA-256 <code>{{ ev.provenance.input_sha256 }}</code></td></tr>
{% if ev.provenance.verifications_sha256 %}<tr><th>{{ say('核实数据', 'Verified figures') }}</th><td>SHA-256 <code>{{ ev.provenance.verifications_sha256 }}</code></td></tr>{% endif %}
</tbody></table>
{% if plugins %}
<h3>{{ say('计分模块（%d 个）' % (ev.provenance.plugins | length), 'Scoring modules (%d)' % (ev.provenance.plugins | length)) }}</h3>
<table class="modules"><thead><tr><th class="w-key">{{ say('发行包', 'Distribution') }}</th><th class="w-short">{{ say('版本', 'Version') }}</th><th>{{ say('模块', 'Modules') }}</th></tr></thead><tbody>
{% for dist, version, prefix, names in plugins %}<tr><td>{{ dist }}</td><td>{{ version }}</td><td class="modules">{% if prefix %}<code>{{ prefix }}</code>: {% endif %}{{ names | join(', ') }}</td></tr>{% endfor %}
</tbody></table>
{% endif %}
</section>
</main>
</body>
</html>
"""

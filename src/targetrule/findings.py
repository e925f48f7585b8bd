"""Findings: every problem in a scheme or a submission, reported at once, never as a traceback.

Each finding has a stable code, a severity, a bilingual message, where it was found (region,
indicator, input and a JSON path such as ``$.regions[3].inputs['employment.new_urban_jobs'].actual``)
the value seen, and for unknown names a "did you mean".
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable, Mapping
from typing import Any

from attrs import frozen

from targetrule.text import Label


class Severity(enum.Enum):
    """How bad a finding is: an error blocks ranking in strict mode, a warning never does."""

    ERROR = "error"
    WARNING = "warning"


# code -> (severity, zh template, en template). Codes are stable: hosts may match on them.
CATALOG: Mapping[str, tuple[Severity, str, str]] = {
    # values of inputs
    "input.missing": (Severity.ERROR, "缺少数据：{label_zh}", "missing value: {label_en}"),
    "input.not_a_number": (Severity.ERROR, "应为数字，实为 {value}", "expected a number, got {value}"),
    "input.not_finite": (
        Severity.ERROR,
        "数值无效（NaN 或无穷大）：{value}",
        "not a finite number (NaN or infinity): {value}",
    ),
    "input.not_integer": (
        Severity.ERROR,
        "人数/个数应为整数，实为 {value}",
        "a count must be a whole number, got {value}",
    ),
    "input.below_minimum": (Severity.ERROR, "{value} 小于下限 {limit}", "{value} is below the minimum {limit}"),
    "input.above_maximum": (Severity.ERROR, "{value} 超过上限 {limit}", "{value} is above the maximum {limit}"),
    "input.implausible": (
        Severity.ERROR,
        "{value} 不是合理的数值（应为 0，或绝对值在 0.000001 与 10¹⁵ 之间）",
        "{value} is not a plausible figure (expected 0, or a size between 0.000001 and 10^15)",
    ),
    "input.not_flag": (
        Severity.ERROR,
        "应为 是/否（true/false），实为 {value}",
        "expected yes/no (true/false), got {value}",
    ),
    "input.unknown": (Severity.ERROR, "未知的数据项 {input}{hint_zh}", "unknown input {input}{hint_en}"),
    "input.ambiguous_number": (
        Severity.ERROR,
        "数字写法有歧义：{value}（{read_zh}）；请写成 {accepted}",
        "ambiguous number {value} ({read_en}); write it as {accepted}",
    ),
    # rules over several inputs
    "rule.part_exceeds_whole": (
        Severity.ERROR,
        "{part_zh}（{part_value}）不应超过{whole_zh}（{whole_value}）",
        "{part_en} ({part_value}) must not exceed {whole_en} ({whole_value})",
    ),
    # indicators
    "indicator.unknown": (
        Severity.ERROR,
        "未知的考评指标 {indicator}{hint_zh}",
        "unknown indicator {indicator}{hint_en}",
    ),
    "indicator.missing": (
        Severity.ERROR,
        "缺少指标“{label_zh}”（{indicator}）的数据",
        "no data for the indicator '{label_en}' ({indicator})",
    ),
    "indicator.formula_failed": (
        Severity.ERROR,
        "插件 {plugin}（发行包 {distribution}）的计分公式出错（{error}），该项不计分",
        "the scoring formula of plugin {plugin} (distribution {distribution}) failed ({error}); the item is not scored",
    ),
    "indicator.bad_attainment": (
        Severity.ERROR,
        "插件 {plugin}（发行包 {distribution}）的计分公式返回了无效的得分率 {value}：{problem_zh}，该项不计分",
        "the scoring formula of plugin {plugin} (distribution {distribution}) returned an invalid attainment "
        "{value}: {problem_en}; the item is not scored",
    ),
    "indicator.explain_failed": (
        Severity.WARNING,
        "插件 {plugin}（发行包 {distribution}）的得分说明生成出错（{error}），改用简要说明",
        "the explanation of plugin {plugin} (distribution {distribution}) failed ({error}); a plain one is shown",
    ),
    "rule.failed": (
        Severity.ERROR,
        "插件 {plugin}（发行包 {distribution}）的校验规则 {rule} 出错（{error}），该项不计分",
        "the validation rule {rule} of plugin {plugin} (distribution {distribution}) failed ({error}); "
        "the item is not scored",
    ),
    "step.failed": (
        Severity.ERROR,
        "插件 {plugin}（发行包 {distribution}）的处理步骤 {step} 出错（{error}），该步骤未执行",
        "the pipeline step {step} of plugin {plugin} (distribution {distribution}) failed ({error}); "
        "the step was left out",
    ),
    "area.aggregation_failed": (
        Severity.ERROR,
        "插件 {plugin}（发行包 {distribution}）的汇总方法 {method} 汇总 {where} 时出错（{error}），{where} 记 0 分",
        "the aggregation method {method} of plugin {plugin} (distribution {distribution}) failed for {where} "
        "({error}); {where} counts 0",
    ),
    "indicator.not_an_object": (
        Severity.ERROR,
        "指标数据应为键值表，实为 {value}",
        "indicator data must be a table of inputs, got {value}",
    ),
    # regions and submissions
    "region.duplicate": (
        Severity.ERROR,
        "地区 {region} 重复出现（首次在 {first}）",
        "region {region} appears twice (first at {first})",
    ),
    "region.empty": (Severity.ERROR, "地区 {region} 没有任何数据", "region {region} has no data"),
    "region.unknown_bonus": (Severity.ERROR, "未知的加分项 {value}{hint_zh}", "unknown bonus {value}{hint_en}"),
    "region.unknown_deduction": (Severity.ERROR, "未知的扣分项 {value}{hint_zh}", "unknown deduction {value}{hint_en}"),
    "region.unknown_veto": (Severity.ERROR, "未知的否决项 {value}{hint_zh}", "unknown veto {value}{hint_en}"),
    "region.claim_above_limit": (
        Severity.ERROR,
        "{value} 的分值 {points} 超过规定的 {limit}",
        "{value} is given {points} points, more than its {limit}",
    ),
    "region.missing_id": (Severity.ERROR, "地区缺少编号", "a region has no id"),
    "region.bad_id": (
        Severity.ERROR,
        "地区编号应为非空文本（不含控制字符），实为 {value}（{why_zh}）；该地区未读取",
        "a region id must be non-empty text without control characters, got {value} ({why_en}); the region is not read",
    ),
    "region.bad_field": (
        Severity.ERROR,
        "{field} 应为{expected_zh}，实为 {value}；按 {default} 读取",
        "{field} must be {expected_en}, got {value}; read as {default}",
    ),
    "region.bad_text": (
        Severity.WARNING,
        "{field} 含有{problem_zh}，已删去：{value}",
        "{field} holds {problem_en}, which was removed: {value}",
    ),
    "region.unusable_text": (
        Severity.ERROR,
        "此处的文本含有控制字符或单独的代理码（{value}），该项数据未读取",
        "the text here holds a control character or a lone surrogate ({value}); this entry is not read",
    ),
    "claim.bad_id": (
        Severity.ERROR,
        "加分、扣分或否决项的编号应为非空文本，实为 {value}；该项未采用",
        "a bonus, deduction or veto id must be non-empty text, got {value}; it is not used",
    ),
    "claim.bad_count": (
        Severity.ERROR,
        "次数应为 0 到 {limit} 之间的整数，实为 {value}；该项未采用",
        "a count must be a whole number from 0 to {limit}, got {value}; the claim is not used",
    ),
    "claim.bad_points": (
        Severity.ERROR,
        "分值应为不小于 0 的数，实为 {value}；该项未采用",
        "points must be a number of at least 0, got {value}; the claim is not used",
    ),
    "claim.malformed": (
        Severity.ERROR,
        "加减分项格式错误：{detail_zh}；该项未采用",
        "malformed claim: {detail_en}; the claim is not used",
    ),
    "submission.duplicate_key": (
        Severity.ERROR,
        "同一对象中键 {value} 出现多次，采用第一次的值",
        "the key {value} appears more than once in one object; the first value is used",
    ),
    "submission.empty": (Severity.ERROR, "提交的数据中没有任何地区", "the submission contains no regions"),
    "submission.malformed": (Severity.ERROR, "格式错误：{detail}", "malformed: {detail}"),
    "submission.wrong_scheme": (
        Severity.WARNING,
        "数据标明的方案是 {value}，按 {scheme} 考评",
        "the data names scheme {value}; evaluated under {scheme}",
    ),
    # schemes
    "scheme.malformed": (Severity.ERROR, "方案格式错误：{detail}", "malformed scheme: {detail}"),
    "scheme.unknown_indicator": (
        Severity.ERROR,
        "方案引用了未安装的指标 {indicator}{hint_zh}",
        "the scheme names an indicator that is not installed: {indicator}{hint_en}",
    ),
    "scheme.duplicate_indicator": (
        Severity.ERROR,
        "指标 {indicator} 在方案中出现多次",
        "indicator {indicator} appears more than once in the scheme",
    ),
    "scheme.wrong_area": (
        Severity.WARNING,
        "指标 {indicator} 属于 {value} 领域，方案把它放在 {area}",
        "indicator {indicator} belongs to area {value}; the scheme puts it under {area}",
    ),
    "scheme.unknown_parameter": (
        Severity.ERROR,
        "指标 {indicator} 没有参数 {value}{hint_zh}",
        "indicator {indicator} has no parameter {value}{hint_en}",
    ),
    "scheme.bad_parameter": (
        Severity.ERROR,
        "指标 {indicator} 的参数 {value} 无效：{detail_zh}",
        "parameter {value} of indicator {indicator} is invalid: {detail_en}",
    ),
    "scheme.unknown_family": (
        Severity.ERROR,
        "未知的计分公式类型 {value}{hint_zh}",
        "unknown formula family {value}{hint_en}",
    ),
    "scheme.unknown_aggregation": (
        Severity.ERROR,
        "未知的汇总方法 {value}{hint_zh}",
        "unknown aggregation method {value}{hint_en}",
    ),
    "scheme.points_mismatch": (
        Severity.ERROR,
        "{where} 的分值合计 {value}，应为 {limit}",
        "the points of {where} add up to {value}, expected {limit}",
    ),
    "scheme.bad_grades": (Severity.ERROR, "等次设置有误：{detail_zh}", "grade bands are wrong: {detail_en}"),
    "scheme.bad_value": (
        Severity.ERROR,
        "{what_zh}应为{expected_zh}，实为 {value}",
        "{what_en} must be {expected_en}, got {value}",
    ),
    "scheme.bad_reference": (
        Severity.ERROR,
        "{where} 引用了不存在的 {value}{hint_zh}",
        "{where} refers to {value}, which does not exist{hint_en}",
    ),
    "scheme.duplicate_id": (Severity.ERROR, "{where} 中的编号 {value} 重复", "id {value} is used twice in {where}"),
    "cases.malformed": (Severity.ERROR, "案例文件有误：{detail_zh}", "malformed case file: {detail_en}"),
    "scheme.bad_extends": (
        Severity.ERROR,
        "{file} 无法继承方案 {value}：{detail_zh}",
        "{file} cannot extend scheme {value}: {detail_en}",
    ),
    "scheme.bad_removal": (
        Severity.ERROR,
        "{file} 要删除或替换的 {value} 在所继承的方案 {scheme} 中不存在{hint_zh}",
        "{file} removes or replaces {value}, which the scheme it extends ({scheme}) does not have{hint_en}",
    ),
    # inspection: hierarchy and roll-up (targetrule.inspection.hierarchy)
    "hierarchy.unknown_parent": (
        Severity.ERROR,
        "地区 {region} 的上级 {value} 不在数据中，其数据无法汇总{hint_zh}",
        "the parent {value} of region {region} is not in the data, so its figures cannot be rolled up{hint_en}",
    ),
    "hierarchy.cycle": (
        Severity.ERROR,
        "上下级关系成环：{cycle}；这些地区按各自数据考评，不作汇总",
        "the hierarchy has a cycle: {cycle}; these regions are evaluated on their own figures, not rolled up",
    ),
    "hierarchy.not_rolled_up": (
        Severity.ERROR,
        "{region} 是 {value} 的下级，却与其并列考评排名：请先汇总（targetrule.inspection.hierarchy.roll_up）",
        "{region} is under {value} but is evaluated and ranked beside it: roll the data up first "
        "(targetrule.inspection.hierarchy.roll_up)",
    ),
    "hierarchy.mismatch": (
        Severity.WARNING,
        "{region} 自报 {label_zh} 为 {value}，下辖 {children} 合计 {total}，相差 {difference}，超过容差 {tolerance}",
        "{region} reports {label_en} as {value}, its {children} add up to {total}: "
        "a difference of {difference}, beyond the tolerance {tolerance}",
    ),
    "hierarchy.not_additive": (
        Severity.WARNING,
        "{label_zh} 是直接填报的{kind_zh}，不能由下辖 {children} 汇总："
        "请填报 {region} 本级的数值（或填报计算它的人数）",
        "{label_en} is a {kind_en} typed in, which cannot be rolled up from {children}: "
        "give {region}'s own figure (or the counts it is computed from)",
    ),
    "hierarchy.incomplete": (
        Severity.WARNING,
        "下辖 {missing} 缺少 {label_zh}，{region} 的该项不能汇总",
        "{missing} lack {label_en}, so {region}'s figure cannot be rolled up",
    ),
    # inspection: spot checks (targetrule.inspection.spot_check)
    "spot_check.bad_seed": (
        Severity.ERROR,
        "抽查种子应为整数，实为 {value}",
        "the spot-check seed must be an integer, got {value}",
    ),
    "spot_check.bad_count": (
        Severity.ERROR,
        "每市抽查的县数应为不小于 1 的整数，实为 {value}",
        "the number of counties per city must be a whole number of at least 1, got {value}",
    ),
    "spot_check.too_few": (
        Severity.WARNING,
        "{region} 只有 {available} 个县（市、区），少于要求抽查的 {value} 个：全部抽查",
        "{region} has only {available} counties, fewer than the {value} asked for: all are drawn",
    ),
    "spot_check.no_counties": (
        Severity.WARNING,
        "{region} 没有列出下辖县（市、区），无法抽查",
        "{region} lists no counties, so none can be drawn",
    ),
    "spot_check.count_outside_scheme": (
        Severity.ERROR,
        "方案 {scheme} 规定每市抽查 {least} 至 {most} 个县（市、区），实为 {value}",
        "the scheme {scheme} draws {least} to {most} counties per city, not {value}",
    ),
    # inspection: the teams' plan (targetrule.inspection.plan)
    "plan.malformed": (Severity.ERROR, "督查计划格式错误：{detail}", "malformed inspection plan: {detail}"),
    "plan.unknown_city": (
        Severity.ERROR,
        "督查组 {team} 负责的地区 {value} 不在地区名单中",
        "team {team} covers {value}, which is not in the list of regions",
    ),
    "plan.city_twice": (
        Severity.ERROR,
        "{region} 同时由督查组 {first} 和 {team} 负责",
        "{region} is covered by both team {first} and team {team}",
    ),
    "plan.city_uncovered": (
        Severity.ERROR,
        "没有督查组负责 {region}",
        "no team covers {region}",
    ),
    "plan.bad_dates": (
        Severity.ERROR,
        "督查组 {team} 的日期有误：{value}（应为 YYYY-MM-DD，结束不早于开始）",
        "team {team} has bad dates: {value} (expected YYYY-MM-DD, the end not before the start)",
    ),
    "plan.outside_window": (
        Severity.WARNING,
        "督查组 {team} 的日期 {value} 超出方案的督查时间（{starts} 起约 {days} 天）",
        "team {team}'s dates {value} fall outside the scheme's inspection ({days} days or so from {starts})",
    ),
    # inspection: verified figures and misreporting (targetrule.inspection.verification)
    "verification.malformed": (Severity.ERROR, "核实数据格式错误：{detail}", "malformed verified figure: {detail}"),
    "verification.unknown_region": (
        Severity.ERROR,
        "核实数据所指地区 {value} 不在提交的数据中{hint_zh}",
        "a verified figure names region {value}, which is not in the submissions{hint_en}",
    ),
    "verification.unknown_indicator": (
        Severity.ERROR,
        "核实数据所指指标 {value} 不在方案中{hint_zh}",
        "a verified figure names indicator {value}, which is not in the scheme{hint_en}",
    ),
    "verification.unknown_input": (
        Severity.ERROR,
        "指标 {indicator} 没有数据项 {value}，核实数据未采用{hint_zh}",
        "indicator {indicator} has no input {value}; the verified figure is not used{hint_en}",
    ),
    "verification.duplicate": (
        Severity.ERROR,
        "{indicator}.{input} 有多个核实数（首次在 {first}），采用首次的",
        "{indicator}.{input} is verified more than once (first at {first}); the first is used",
    ),
    "verification.unattributed": (
        Severity.WARNING,
        "核实数据缺少 {missing_zh}",
        "a verified figure does not say {missing_en}",
    ),
    "verification.misreported": (
        Severity.WARNING,
        "{label_zh} 上报 {reported}，核实为 {verified}，差异 {relative} 超过容差 {tolerance}：按弄虚作假处理",
        "{label_en} was reported as {reported} and verified as {verified}: "
        "a difference of {relative}, beyond the tolerance {tolerance}, treated as misreporting",
    ),
    # inspection: last year's results as a baseline (targetrule.inspection.baseline)
    "baseline.malformed": (
        Severity.ERROR,
        "上年考评结果无法读取：{detail}",
        "last year's results cannot be read: {detail}",
    ),
    "baseline.filled": (
        Severity.WARNING,
        "{label_zh} 未填报，采用上年考评结果中的 {value}（上年 {source} 项）",
        "{label_en} was not given: {value} is taken from last year's results (last year's {source})",
    ),
    "baseline.unavailable": (
        Severity.WARNING,
        "{label_zh} 未填报，上年考评结果中也没有 {region} 的该项数据",
        "{label_en} was not given, and last year's results have no such figure for {region}",
    ),
    # sensitivity analysis: the uncertainty spec (targetrule.analysis.spec)
    "sensitivity.bad_spec": (Severity.ERROR, "不确定性设定格式错误：{detail}", "malformed uncertainty spec: {detail}"),
    "sensitivity.unknown_key": (
        Severity.ERROR,
        "不确定性设定中没有 {value} 这一节{hint_zh}",
        "the uncertainty spec has no section {value}{hint_en}",
    ),
    "sensitivity.bad_value": (
        Severity.ERROR,
        "{what_zh}应为{expected_zh}，实为 {value}",
        "{what_en} must be {expected_en}, got {value}",
    ),
    "sensitivity.unknown_name": (
        Severity.ERROR,
        "{where_zh}中没有 {value}{hint_zh}",
        "{value} is not one of {where_en}{hint_en}",
    ),
    "sensitivity.duplicate": (Severity.ERROR, "{value} 重复列出", "{value} is listed twice"),
    "sensitivity.unsupported": (
        Severity.ERROR,
        "{value} 的参数暂不能变动：{detail_zh}",
        "the parameters of {value} cannot be varied yet: {detail_en}",
    ),
    "sensitivity.cannot_vary": (
        Severity.ERROR,
        "{value} 暂不能变动：{detail_zh}",
        "{value} cannot be varied yet: {detail_en}",
    ),
    "sensitivity.too_costly": (
        Severity.ERROR,
        "数据不确定性需要重新计分 {count} 次，超过上限 {limit}；请减少抽样次数、Sobol 样本数或变动的指标",
        "the data uncertainty needs {count} items rescored, above the limit of {limit}; use fewer draws, "
        "fewer Sobol samples or fewer varied indicators",
    ),
    # the province's targets (targetrule.targets) and its province-wide limits (the scheme's [[limits]])
    "special_report.unreadable": (
        Severity.WARNING,
        "专题报告 {value} 无法读取（应为数据文件所在文件夹内的文件），未记录其哈希",
        "the special report {value} cannot be read (it must be a file in the data file's folder): no hash recorded",
    ),
    "targets.self_reported": (
        Severity.WARNING,
        "未给出省定目标文件：目标值均为各地自报，未与目标责任状核对",
        "no targets file was given: every target is the region's own, not checked against the province's",
    ),
    "targets.partly_self_reported": (
        Severity.WARNING,
        "目标文件未规定 {count} 项目标（如 {first}），这些目标按各地自报计分",
        "the targets file sets no value for {count} target inputs (e.g. {first}); those are scored as reported",
    ),
    "targets.differs": (
        Severity.WARNING,
        "{label_zh} 报表填 {value}，省定目标为 {province}（{source}），按省定目标计分",
        "{label_en}: the return gives {value}, the province set {province} ({source}); the province's value is used",
    ),
    "targets.missing": (
        Severity.WARNING,
        "目标文件没有 {region} 的 {indicator}.{input}，按报表所填计分",
        "the targets file has no {indicator}.{input} for {region}; the return's value is used",
    ),
    "targets.region_not_returned": (
        Severity.WARNING,
        "目标文件中有地区 {region}，但没有收到其报表",
        "the targets file sets targets for {region}, but no return from it was given",
    ),
    "targets.not_a_target": (
        Severity.ERROR,
        "目标文件只应填目标值，{value} 不是方案中的目标项",
        "a targets file holds targets only; {value} is not a target input of the scheme",
    ),
    "targets.bad_value": (
        Severity.ERROR,
        "目标值无效：{value}（应为数字且在取值范围内）",
        "not a usable target: {value} (expected a number within the input's bounds)",
    ),
    "targets.wrong_scheme": (
        Severity.ERROR,
        "这是方案 {value} 的目标文件，不是方案 {scheme} 的",
        "these are targets of scheme {value}, not of {scheme}",
    ),
    "limit.exceeded": (
        Severity.ERROR,
        "{label_zh} 为 {value}，超过全省限值 {limit}（{rule_zh}）",
        "{label_en} is {value}, beyond the province-wide limit {limit} ({rule_en})",
    ),
    # plausibility warnings (targetrule.inspection.plausibility): what was read, what was probably meant
    "plausibility.percent_as_fraction": (
        Severity.WARNING,
        "{label_zh} 读到 {value}，参考值为 {reference}：是否应为 {meant}%？（百分数请填 95 表示 95%）",
        "{label_en} reads {value} against a reference of {reference}: did you mean {meant}%? (enter 95 for 95%)",
    ),
    "plausibility.unit_10000": (
        Severity.WARNING,
        "{label_zh} 读到 {value}，约为其他地区中位数 {median} 的 {ratio} 倍：单位是否填错（万/个、万元/元）？"
        "可能应为 {meant}",
        "{label_en} reads {value}, about {ratio} times the other regions' median {median}: a unit slip "
        "(万 vs 个/元)? probably {meant}",
    ),
    "plausibility.outlier": (
        Severity.WARNING,
        "{label_zh} 读到 {value}，远离其他地区（中位数 {median}，稳健 z 值 {z}，阈值 {threshold}），请核对",
        "{label_en} reads {value}, far from the other regions (median {median}, robust z {z}, "
        "threshold {threshold}); please check",
    ),
    "plausibility.share_outlier": (
        Severity.WARNING,
        "{label_zh} 读到 {value_shown}，占目标任务数的比例远离其他地区（中位数 {median}，"
        "稳健 z 值 {z}，阈值 {threshold}），请核对",
        "{label_en} reads {value_shown} of its target, a share far from the other regions' "
        "(median {median}, robust z {z}, threshold {threshold}); please check",
    ),
    "plausibility.jump": (
        Severity.WARNING,
        "{label_zh} 读到 {value}，上年为 {last}，变化 {change}，超过 {limit}：请核对是否填错",
        "{label_en} reads {value} against {last} last year, a change of {change}, beyond {limit}; please check",
    ),
    # collecting the returns of the regions (targetrule collect)
    "collect.not_a_return": (
        Severity.ERROR,
        "不是分地区填报表（缺少地区标记）：{detail}",
        "not a per-region return (no region stamp): {detail}",
    ),
    "collect.wrong_version": (
        Severity.ERROR,
        "模板版本 {value} 与本次下发的 {expected} 不一致：请用新下发的表重新填报",
        "template version {value} is not the one sent out ({expected}): fill in the workbook sent out",
    ),
    "collect.duplicate_region": (
        Severity.ERROR,
        "地区 {region} 的报表重复（已在 {first}）",
        "a second return from {region} (first in {first})",
    ),
    "collect.missing_region": (
        Severity.ERROR,
        "没有收到地区 {region} 的报表",
        "no return from {region}",
    ),
    "collect.unknown_region": (
        Severity.ERROR,
        "地区 {region} 不在下发名单中",
        "{region} is not among the regions the workbooks were sent to",
    ),
    "collect.missing_field": (
        Severity.ERROR,
        "未填写 {field_zh}",
        "{field_en} is not filled in",
    ),
}


@frozen
class Finding:
    """One problem found in a scheme or a submission, with where it is and what was expected."""

    code: str
    severity: Severity
    message: Label
    region: str | None = None
    indicator: str | None = None
    input: str | None = None
    path: str | None = None
    value: str | None = None
    suggestion: str | None = None

    @property
    def is_error(self) -> bool:
        """True when this finding blocks a strict evaluation."""
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = self.path or ".".join(p for p in (self.region, self.indicator, self.input) if p)
        return f"[{self.code}] {where}: {self.message.zh} / {self.message.en}"


def finding(
    code: str,
    *,
    region: str | None = None,
    indicator: str | None = None,
    input: str | None = None,
    path: str | None = None,
    value: Any = None,
    suggestion: str | None = None,
    **details: Any,
) -> Finding:
    """Build a finding from the catalog, formatting its bilingual message from the details.

    A code the catalog does not know (a plugin's own) never raises: the finding is an error with a
    generic message that shows the code and the details (see :func:`custom_finding` for a plugin's
    own message).
    """
    entry = CATALOG.get(code)
    severity, message = (Severity.ERROR, None) if entry is None else (entry[0], Label(entry[1], entry[2]))
    return custom_finding(
        code,
        severity,
        message,
        region=region,
        indicator=indicator,
        input=input,
        path=path,
        value=value,
        suggestion=suggestion,
        **details,
    )


@frozen
class FindingCode:
    """A finding code a plugin brings (``targetrule_finding_codes``): namespaced code, severity, message.

    ``message`` is a pair of ``str.format`` templates filled in from the breach's details (and
    ``region``, ``indicator``, ``input``, ``value``); a template naming a detail that is missing
    shows as written, followed by the details, and never raises.
    """

    code: str
    severity: Severity
    message: Label


def custom_finding(
    code: str,
    severity: Severity,
    message: Label | None,
    *,
    region: str | None = None,
    indicator: str | None = None,
    input: str | None = None,
    path: str | None = None,
    value: Any = None,
    suggestion: str | None = None,
    **details: Any,
) -> Finding:
    """A finding with the given message templates (the catalog's or a plugin's), or a generic one naming the code."""
    fields = {
        "region": region,
        "indicator": indicator,
        "input": input,
        "value": _show(value),
        "hint_zh": f"，是否应为 {suggestion}？" if suggestion else "",
        "hint_en": f"; did you mean {suggestion}?" if suggestion else "",
        **details,
    }
    if message is None:
        shown = _details(details)
        extra = f"：{shown}" if shown else ""
        label = Label(f"未通过检查 {code}{extra}", f"check {code} failed" + (f": {shown}" if shown else ""))
    else:
        label = Label(_fill(message.zh, fields, details, zh=True), _fill(message.en, fields, details, zh=False))
    return Finding(
        code=code,
        severity=severity,
        message=label,
        region=region,
        indicator=indicator,
        input=input,
        path=path,
        value=None if value is None else _show(value),
        suggestion=suggestion,
    )


def _details(details: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={_show(v)}" for k, v in sorted(details.items()))


def _fill(template: Any, fields: Mapping[str, Any], details: Mapping[str, Any], *, zh: bool) -> str:
    """``template`` filled in from ``fields``; as written plus the details when it cannot be."""
    text = str(template)
    try:
        return text.format_map(fields)
    except Exception:  # a plugin's template: a missing key, a bad format spec, an attribute that is not there
        shown = _details(details)
        if not shown:
            return text
        return f"{text}（{shown}）" if zh else f"{text} ({shown})"


def did_you_mean(name: str, known: Iterable[str]) -> str | None:
    """Return the known name closest to ``name``, if one is close enough to suggest."""
    candidates = list(known)
    matches = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    containing = [c for c in candidates if name and name.lower() in c.lower()]
    return containing[0] if len(containing) == 1 else None


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error."""
    return any(f.is_error for f in findings)


def _show(value: Any) -> str:
    try:
        text = repr(value) if isinstance(value, str) else str(value)
    except Exception:  # a plugin's object whose str() raises is still shown, by its type
        text = f"<{type(value).__name__}>"
    return text if len(text) <= 60 else text[:57] + "..."


class TargetruleError(Exception):
    """Base of the errors targetrule raises for input it cannot use at all."""


class FindingsError(TargetruleError):
    """Raised when a whole input is unusable; carries every finding at once."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__("\n".join(str(f) for f in findings))

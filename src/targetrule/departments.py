"""The departments answerable for a scheme's items (牵头部门), and each department's own items."""

from __future__ import annotations

from targetrule.indicator import Department
from targetrule.scheme import Scheme, ScoredItem


def departments(scheme: Scheme) -> tuple[Department, ...]:
    """The departments the scheme's items declare, in the order their first item appears."""
    found: dict[str, Department] = {}
    for item in scheme.items():
        department = item.indicator.department
        if department is not None:
            found.setdefault(department.id, department)
    return tuple(found.values())


def items_of(scheme: Scheme, department_id: str) -> tuple[ScoredItem, ...]:
    """The scheme's items the department ``department_id`` answers for, in scheme order."""
    return tuple(
        item
        for item in scheme.items()
        if item.indicator.department is not None and item.indicator.department.id == department_id
    )

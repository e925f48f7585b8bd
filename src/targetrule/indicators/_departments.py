"""The departments answerable for the 2007 items (牵头部门), as the notice names them (not a plugin).

The notice (吉政办明电〔2007〕144号) gives the contacts of the provincial labour and social security
department (省劳动保障厅) and of the civil affairs department (省民政厅); the nine cities' minimum
living allowance (九、城市居民最低生活保障) is the civil affairs department's work, every other area
the labour and social security department's.
"""

from __future__ import annotations

from targetrule.indicator import Department
from targetrule.text import Label

LABOUR_AND_SOCIAL_SECURITY = Department(
    "labour_social_security",
    Label("省劳动和社会保障厅", "Provincial Department of Labour and Social Security"),
)
CIVIL_AFFAIRS = Department("civil_affairs", Label("省民政厅", "Provincial Department of Civil Affairs"))

"""Properties of the readers and writers, over generated inputs (examples kept modest)."""

from __future__ import annotations

import csv
import io
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mini_scheme import JOBS
from targetrule import Scheme
from targetrule.formats.cells import safe_text
from targetrule.formats.read import read_data

ids = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8)
names = st.text(alphabet="甲乙丙丁长春吉林市县区管委会山白城", min_size=1, max_size=8)
counts = st.integers(min_value=0, max_value=10**12)


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@given(st.text(max_size=20))
def test_safe_text_never_starts_a_formula(text: str) -> None:
    made = safe_text(text)
    assert not made.startswith(("=", "+", "-", "@"))
    assert made == text or made == "'" + text


@settings(max_examples=60, deadline=None)
@given(
    regions=st.dictionaries(ids, st.tuples(names, counts, counts), min_size=1, max_size=4),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gbk", "gb18030"]),
)
def test_csv_keeps_every_value_and_name_in_every_encoding(
    mini: Scheme, regions: dict[str, tuple[str, int, int]], encoding: str
) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["region", "indicator", "input", "value"])
    for region, (name, actual, target) in regions.items():
        writer.writerow([region, "", "name", name])
        writer.writerow([region, JOBS, "actual", actual])
        writer.writerow([region, JOBS, "target", target])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.csv"
        encoded = buffer.getvalue().encode(encoding)
        # valid UTF-8 is read as UTF-8 (issue 10): a short GBK text that happens to be valid UTF-8 is ambiguous
        assume(encoding.startswith("utf") or not _valid_utf8(encoded))
        path.write_bytes(encoded)
        data = read_data(path, mini)
    assert data.submissions.findings == ()
    read = {
        r.region.id: (r.region.name.zh, Decimal(r.inputs[JOBS]["actual"]), Decimal(r.inputs[JOBS]["target"]))
        for r in data.submissions.regions
    }
    assert read == {k: (n, Decimal(a), Decimal(t)) for k, (n, a, t) in regions.items()}

"""One way to read a JSON input file (``targetrule.json_file``): submissions, verified figures, last year's results.

Before, ``load_submissions``, the verification and baseline loaders and the command line each read
JSON their own way: a GBK file, a repeated key or absurd nesting was read by one and refused or
silently mis-read by another. Each case below goes through every reader.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from targetrule import load_submissions
from targetrule.formats.json_data import read_json_data
from targetrule.inspection.baseline import load_baseline
from targetrule.inspection.verification import load_verifications
from targetrule.json_file import UnreadableFileError, read_json_file

SUBMISSION = {"scheme": "jilin-2007", "regions": [{"id": "changchun", "name": {"zh": "长春市", "en": "Changchun"}}]}


def test_a_gbk_file_reads_the_same_in_the_library_and_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "gbk.json"
    path.write_bytes(json.dumps(SUBMISSION, ensure_ascii=False).encode("gb18030"))
    library = load_submissions(path)
    command_line = read_json_data(path).submissions
    assert library.findings == () and library.regions[0].region.name.zh == "长春市"
    assert command_line.regions == library.regions


def test_a_repeated_key_is_a_finding_for_every_reader(tmp_path: Path) -> None:
    submissions = tmp_path / "s.json"
    submissions.write_text('{"regions": [{"id": "a", "id": "b"}]}', encoding="utf-8")
    assert [f.code for f in load_submissions(submissions).findings][:1] == ["submission.duplicate_key"]
    verified = tmp_path / "v.json"
    row = '{"region": "a", "indicator": "i", "input": "x", "value": 1, "value": 2}'
    verified.write_text(f"[{row}]", encoding="utf-8")
    items, found = load_verifications(verified)
    assert [f.code for f in found] == ["submission.duplicate_key"]
    assert items[0].value == 1  # the first value is kept, and the repeat is said
    baseline = tmp_path / "b.json"
    baseline.write_text('{"scheme": "x", "scheme": "y", "regions": []}', encoding="utf-8")
    assert [f.code for f in load_baseline(baseline).findings] == ["submission.duplicate_key"]


@pytest.mark.parametrize("content", [b"", b"[" * 5000, b"{not json", b"\xff\xfe{\x00}\x00"])
def test_an_unreadable_file_is_a_finding_naming_it_never_a_traceback(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError) as raised:
        read_json_file(path)
    assert str(path) in raised.value.where
    assert [f.code for f in load_submissions(path).findings] == ["submission.malformed"]
    assert [f.code for f in load_verifications(path)[1]] == ["verification.malformed"]
    assert [f.code for f in load_baseline(path).findings] == ["baseline.malformed"]
    assert str(path) in (load_baseline(path).findings[0].path or "")


def test_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "none.json"
    [problem] = load_submissions(missing).findings
    assert problem.path == str(missing) and "file not found" in problem.message.en

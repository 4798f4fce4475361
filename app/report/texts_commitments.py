"""The words of the report's commitments part (the record under the signatures), in English and Korean."""

import re
from typing import Any

_EN: dict[str, str] = {
    "k_title": "4.1 Commitments: the record under the signatures",
    "k_intro": "Signed ledger events carry a SHA-256 Merkle root over the rows of each part of the record "
    "(case details, each item's catalogue and warnings, tags, hash-set hits, artifact runs; "
    'docs/ledger.md, "Commitments"). When this report was made, every part was recomputed from the case '
    "database and compared with the root of the latest event that commits it.",
    "k_verify": "To recompute them, with Haechi or with the standalone verifier, run:",
    "k_part": "Part",
    "k_state": "State",
    "k_rows": "Rows",
    "k_event": "Event",
    "k_root": "Signed root (SHA-256)",
    "k_failed": "THE RECORD DIFFERS FROM WHAT SIGNED EVENTS COMMIT: {count} problem(s).",
    "k_intact": "Every committed part matches its signed root.",
    "k_hashes": "The acquisition hashes in section 3 are read from each item's signed import_finished event.",
    "intact": "intact",
    "failed": "FAILED",
    "not committed": "not committed (case made before commitments)",
    "open": "not committed yet (run not ended)",
}

_KO: dict[str, str] = {
    "k_title": "4.1 커밋먼트: 서명 아래의 기록",
    "k_intro": "서명된 원장 이벤트는 기록의 각 부분(사건 정보, 증거별 목록과 경고, 태그, 해시셋 일치, "
    '아티팩트 추출 실행)의 행 전체에 대한 SHA-256 머클 루트를 담습니다(docs/ledger.md의 "Commitments"). '
    "이 보고서 작성 시 각 부분을 사건 데이터베이스에서 다시 계산하여, 그 부분을 커밋한 최신 이벤트의 "
    "루트와 비교하였습니다.",
    "k_verify": "Haechi 또는 독립 검증 도구로 다시 계산하려면 다음 명령을 실행합니다:",
    "k_part": "부분",
    "k_state": "상태",
    "k_rows": "행 수",
    "k_event": "이벤트",
    "k_root": "서명된 루트 (SHA-256)",
    "k_failed": "기록이 서명된 이벤트의 커밋과 다릅니다: 문제 {count}건.",
    "k_intact": "커밋된 모든 부분이 서명된 루트와 일치합니다.",
    "k_hashes": "3장의 획득 해시값은 각 증거의 서명된 import_finished 이벤트에서 읽은 값입니다.",
    "intact": "온전",
    "failed": "불일치",
    "not committed": "커밋 없음 (커밋 도입 이전에 만든 사건)",
    "open": "아직 커밋되지 않음 (실행이 끝나지 않음)",
    "p_unadded": "증거 {id}: 사건에 있으나 이를 추가한 서명 이벤트가 없습니다",
    "p_acquisition": "증거 {id}의 획득 해시값: 증거 표의 {name}은(는) {table}이나, "
    "서명된 처리 완료 이벤트 {seq}의 값은 {signed}입니다",
    "s_differs": "{part}: {rows} (이벤트 {seq}의 커밋 이후)",
    "s_unnamed": "{part}: 행이 이벤트 {seq}에 서명된 루트와 다릅니다 "
    "(보관된 행 다이제스트도 변경되어 행을 특정할 수 없음)",
    "s_uncommitted": "{part}: 행이 있으나 이를 커밋한 서명 이벤트가 없습니다",
    "s_unreadable": "{part}: 행을 읽을 수 없습니다 ({message})",
    "changed": "변경",
    "deleted": "삭제",
    "added": "추가",
    "more": "외 {count}건",
}

_PARTS_KO = {
    "case details": "사건 정보",
    "catalogue of evidence": "증거 목록",
    "carved files of evidence": "증거 카빙 파일",
    "warnings of evidence": "증거 경고",
    "tags": "태그",
    "hash-set hits": "해시셋 일치",
    "artifacts of run": "아티팩트 실행",
}


# how rows are named (app/custody/integrity.py, chain_of_custody/commitments.py), in Korean
_ROW_NAMES_KO = (
    (re.compile(r"^file (\d+) \(volume (\d+), entry (\d+)\)$"), r"파일 \1 (볼륨 \2, 항목 \3)"),
    (re.compile(r"^carved file (\d+) \(volume (\d+), entry (-?\d+)\)$"), r"카빙 파일 \1 (볼륨 \2, 항목 \3)"),
    (re.compile(r"^byte runs of (\d+)$"), r"파일 \1의 바이트 구간"),
    (re.compile(r"^hash hit of file (\d+) in set (.*) \((.*)\)$"), r"파일 \1의 해시셋 \2 일치 (\3)"),
    (re.compile(r"^case detail (.*)$"), r"사건 정보 \1"),
    (re.compile(r"^tag (\d+) \((.*)\)$"), r"태그 \1 (\2)"),
    (re.compile(r"^evidence row$"), "증거 행"),
    (re.compile(r"^volume (\d+)$"), r"볼륨 \1"),
    (re.compile(r"^warning (\d+)$"), r"경고 \1"),
    (re.compile(r"^artifact row (\d+)$"), r"아티팩트 행 \1"),
    (re.compile(r"^image source (\d+)$"), r"이미지 영역 \1"),
)


def row_name(lang: str, name: str) -> str:
    """A row's name in the report's language (the values in it stay as they are)."""
    if lang != "ko":
        return name
    for pattern, korean in _ROW_NAMES_KO:
        if pattern.match(name):
            return pattern.sub(korean, name)
    return name


def say_k(lang: str, key: str, **values: Any) -> str:
    return (_KO if lang == "ko" else _EN)[key].format(**values)


def part_label(lang: str, label: str) -> str:
    """'catalogue of evidence 2' in the report's language (the number stays)."""
    if lang != "ko":
        return label
    for english, korean in _PARTS_KO.items():
        if label.startswith(english):
            return korean + label[len(english) :]
    return label

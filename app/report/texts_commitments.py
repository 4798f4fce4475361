"""The words of the report's commitments part (the record under the signatures), in English and Korean."""

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
}

_PARTS_KO = {
    "case details": "사건 정보",
    "catalogue of evidence": "증거 목록",
    "warnings of evidence": "증거 경고",
    "tags": "태그",
    "hash-set hits": "해시셋 일치",
    "artifacts of run": "아티팩트 실행",
}


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

"""The custody fields' labels in the report, keyed by the step list's label keys (English)."""

from app.custody.steps import STEP_LIST

# label key -> Korean (the same words as the desktop dialog's haechi_ko.ts; a test holds them together)
FIELD_LABELS_KO: dict[str, str] = {
    "Description": "설명",
    "Seized from": "피압수자",
    "Received from": "인수처",
    "Location": "장소",
    "Warrant / authority": "영장 / 근거",
    "Scope of seizure": "압수 범위",
    "Make": "제조사",
    "Model": "모델명",
    "Serial number": "일련번호",
    "Capacity": "용량",
    "Seal number": "봉인 번호",
    "Seal intact": "봉인 온전 여부",
    "Imaging tool": "이미징 도구",
    "Write blocker": "쓰기 방지 장치",
    "Image file": "이미지 파일",
    "Evidence id of the image": "이미지의 증거 ID",
    "Participant role": "참여인 지위",
    "From": "인계자",
    "To": "인수자",
    "Purpose": "목적",
    "Storage location": "보관 장소",
    "Method": "방법",
}


def field_label(lang: str, key: str) -> str:
    """A field's label in the report's language; the key itself is the English label."""
    return FIELD_LABELS_KO.get(key, key) if lang == "ko" else key


def step_fields(action: str) -> dict[str, str]:
    """field name -> label key of a custody event's step, in the list's order ({} for other events)."""
    for step in STEP_LIST:
        if action == f"custody.{step.name}":
            return {entry.name: entry.label for entry in step.fields}
    return {}

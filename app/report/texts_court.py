"""The words of custody deviations (a broken seal) and of pictures without a preview (English, Korean)."""

COURT_EN: dict[str, str] = {
    "seal_broken_line": "DEVIATION - exhibit {exhibit}: seal {seal} was found BROKEN when it was unsealed "
    "on {at} (ledger event {seq}).",
    "seal_broken_cell": "{seal}: found BROKEN when unsealed (ledger event {seq})",
    "seal_broken_action": "seal found broken",
    "dev_custody": "Deviations from the custody procedure:",
    "pic_undecodable": "picture could not be decoded: {reason}",
    "pic_unknown_format": "the data is not in a picture format that could be recognised",
    "pic_damaged": "the picture data is damaged or incomplete",
    "pic_too_large": "the picture has more pixels than the limit of {limit}",
    "pic_not_read": "picture could not be read from the evidence image",
    "pic_image_unreadable": "picture could not be read: the evidence image could not be opened",
    "pic_timeout": "picture could not be decoded: the picture reader did not answer in time",
    "pic_stopped": "picture could not be decoded: the picture reader stopped",
    "pic_no_address": "picture could not be read: its place in the evidence image is not known",
}

COURT_KO: dict[str, str] = {
    "seal_broken_line": "예외 사항 - 압수물 {exhibit}: 봉인 {seal}이(가) {at} 봉인 해제 당시 "
    "훼손된 상태였습니다 (원장 {seq}번 이벤트).",
    "seal_broken_cell": "{seal}: 봉인 해제 시 훼손 확인 (원장 {seq}번 이벤트)",
    "seal_broken_action": "봉인 훼손 확인",
    "dev_custody": "증거 관리 절차상 예외 사항:",
    "pic_undecodable": "사진을 디코딩할 수 없음: {reason}",
    "pic_unknown_format": "인식할 수 있는 사진 형식의 데이터가 아닙니다",
    "pic_damaged": "사진 데이터가 손상되었거나 불완전합니다",
    "pic_too_large": "사진의 화소 수가 한도({limit})를 넘습니다",
    "pic_not_read": "증거 이미지에서 사진을 읽지 못하였습니다",
    "pic_image_unreadable": "사진을 읽지 못함: 증거 이미지를 열 수 없습니다",
    "pic_timeout": "사진을 디코딩할 수 없음: 사진 판독 프로세스가 제한 시간 안에 응답하지 않았습니다",
    "pic_stopped": "사진을 디코딩할 수 없음: 사진 판독 프로세스가 중단되었습니다",
    "pic_no_address": "사진을 읽지 못함: 증거 이미지 안의 위치를 알 수 없습니다",
}

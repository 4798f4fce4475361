"""The words of the report's section on links between exhibits, in English and Korean."""

from typing import Any

LINKS_EN: dict[str, str] = {
    "heading": "{number} Links between exhibits",
    "intro": "Identifiers read by the extractors (MAC addresses from key stores, Wi-Fi and MAG tables; "
    "accounts as user name and server from playlists, apps and panel lines; server hosts; serial numbers; "
    "Android IDs) were put in one normal form (MAC addresses in upper case with colons, host names in "
    "lower case and IDNA form) and compared across the evidence items of this case. Each value found on "
    "two or more items is stated below with every place it was read; every value, with the row it came "
    "from, is listed by:",
    "none": "No identifier was found on more than one evidence item.",
    "capped": "Only the first {limit} of {count} linked values are stated here.",
    "sentence": "The {kind} {value} was read {places}.",
    "joiner": "; and ",
    "at": "(source: {path})",
    "item": "item {item} ({label})",
    "kind_mac": "MAC address",
    "kind_credential": "account (user name@server)",
    "kind_host": "server host",
    "kind_serial": "serial number",
    "kind_android_id": "Android ID",
    "place_device_key": "as key \u201c{name}\u201d of the Amlogic key store of {item}{verified}",
    "verified_yes": ", whose hashes verify",
    "verified_no": ", whose hashes do NOT verify",
    "place_panel_mag_device": "as a MAG device of customer line {line_id}{user} in the panel database "
    "of {item}",
    "place_panel_line": "as customer line {line_id}{user} in the panel database of {item}",
    "user": " (user name \u201c{username}\u201d)",
    "place_iptv_credential": "as the login saved in {app}{user} on {item}",
    "place_other": "in {type} of {item}",
}

LINKS_KO: dict[str, str] = {
    "heading": "{number} 증거물 간 연결",
    "intro": "추출기가 읽은 식별 정보(키 저장소, Wi-Fi, MAG 테이블의 MAC 주소, 재생 목록, 앱, 패널 회선의 "
    "사용자 이름과 서버로 이루어진 계정, 서버 호스트, 일련번호, Android ID)를 하나의 표준 형식(MAC 주소는 "
    "대문자와 콜론, 호스트 이름은 소문자와 IDNA 형식)으로 바꾸어 이 사건의 증거물 사이에서 비교하였다. 두 개 "
    "이상의 증거물에서 확인된 값은 읽은 위치와 함께 아래에 기술한다. 모든 값과 그 출처 행은 다음 명령으로 "
    "확인할 수 있다:",
    "none": "두 개 이상의 증거물에서 확인된 식별 정보는 없다.",
    "capped": "연결된 값 {count}개 중 처음 {limit}개만 여기에 기술한다.",
    "sentence": "{kind} {value}은(는) {places}에서 확인되었다.",
    "joiner": ", 그리고 ",
    "at": "(출처: {path})",
    "item": "증거물 {item}({label})",
    "kind_mac": "MAC 주소",
    "kind_credential": "계정(사용자 이름@서버)",
    "kind_host": "서버 호스트",
    "kind_serial": "일련번호",
    "kind_android_id": "Android ID",
    "place_device_key": "{item}의 Amlogic 키 저장소 키 \u201c{name}\u201d{verified}",
    "verified_yes": "(해시 검증됨)",
    "verified_no": "(해시 검증 실패)",
    "place_panel_mag_device": "{item} 패널 데이터베이스의 가입자 회선 {line_id}{user}의 MAG 기기",
    "place_panel_line": "{item} 패널 데이터베이스의 가입자 회선 {line_id}{user}",
    "user": "(사용자 이름 \u201c{username}\u201d)",
    "place_iptv_credential": "{item}의 {app}에 저장된 로그인{user}",
    "place_other": "{item}의 {type}",
}


def say_links(lang: str, key: str, **values: Any) -> str:
    return (LINKS_KO if lang == "ko" else LINKS_EN)[key].format(**values)

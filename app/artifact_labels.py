"""Artifact types and fields in words, English and Korean: one place for the report, the desktop
application and the CLI. The type titles are app.artifacts.TYPE_LABELS (the types' reading order);
the field labels are here. An unknown type or field reads as its code with spaces for underscores."""

from app.artifacts import TYPE_LABELS

Language = str  # "en" or "ko"

# Artifact fields as column headers and detail labels: (English, Korean).
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "server_url": ("Server URL", "서버 주소"),
    "username": ("User name", "사용자 이름"),
    "password": ("Password", "비밀번호"),
    "mac": ("MAC address", "MAC 주소"),
    "expiry": ("Expiry", "만료일"),
    "profile_name": ("Profile", "프로필"),
    "kind": ("Kind", "종류"),
    "host": ("Host", "호스트"),
    "occurrences": ("Occurrences", "출현 횟수"),
    "found_in": ("Found in", "발견 위치"),
    "format": ("Format", "형식"),
    "entries": ("Entries", "항목 수"),
    "hosts": ("Hosts", "호스트"),
    "epg_url": ("EPG URL", "편성표 주소"),
    "credentials": ("Credentials", "계정 정보"),
    "brand": ("Brand", "브랜드"),
    "model": ("Model", "모델"),
    "manufacturer": ("Manufacturer", "제조사"),
    "fingerprint": ("Build fingerprint", "빌드 지문"),
    "build_date": ("Build date", "빌드 일자"),
    "urls": ("URLs", "URL"),
    "name": ("Name", "이름"),
    "value": ("Value", "값"),
    "partition": ("Partition", "파티션"),
    "offset": ("Offset", "오프셋"),
    "package": ("Package", "패키지"),
    "code_path": ("Code path", "코드 경로"),
    "built_into_firmware": ("In firmware", "펌웨어 내장"),
    "installer": ("Installer", "설치 주체"),
    "first_install": ("First installed", "최초 설치"),
    "section": ("Section", "구분"),
    "paths": ("Paths", "경로"),
    "m3u_url": ("M3U URL", "M3U 주소"),
    "m3u_path": ("M3U path", "M3U 경로"),
    "addon_id": ("Add-on", "애드온"),
    "origin": ("Origin", "설치 출처"),
    "install_date_local": ("Installed (box time)", "설치 일시 (기기 시각)"),
    "enabled": ("Enabled", "사용"),
    "location": ("Location", "위치"),
    "play_count": ("Plays", "재생 횟수"),
    "last_played_local": ("Last played (box time)", "최근 재생 (기기 시각)"),
    "ssid": ("SSID", "SSID"),
    "psk": ("Passphrase", "암호"),
    "bssid": ("BSSID", "BSSID"),
    "source_format": ("Stored as", "저장 형식"),
    "url": ("URL", "URL"),
    "title": ("Title", "제목"),
    "visit_count": ("Visits", "방문 횟수"),
    "last_visit": ("Last visit", "최근 방문"),
    "target_path": ("Saved to", "저장 경로"),
    "start_time": ("Started", "시작 시각"),
    "total_bytes": ("Bytes", "바이트"),
    "reseller_id": ("Reseller", "리셀러"),
    "max_connections": ("Max. connections", "최대 접속 수"),
    "owner_id": ("Owner", "상위 계정"),
    "credits": ("Credits", "크레딧"),
    "last_ip": ("Last IP", "최근 IP"),
    "date": ("Date", "일자"),
    "admin_id": ("By", "처리자"),
    "target_id": ("To", "대상"),
    "amount": ("Amount", "금액"),
    "reason": ("Reason", "사유"),
    "stream_id": ("Stream", "채널"),
    "sources": ("Sources", "원본 주소"),
    "server_id": ("Server", "서버"),
    "ip": ("IP", "IP"),
    "domain": ("Domain", "도메인"),
    "start": ("Start", "시작"),
    "line_id": ("Line", "회선"),
    "client_ip": ("Client IP", "접속 IP"),
    "country": ("Country", "국가"),
    "user_agent": ("User agent", "사용자 에이전트"),
    "serial": ("Serial", "일련번호"),
    "application": ("Application", "애플리케이션"),
    "pull": ("Pulls from", "수신 원본"),
    "exec": ("Runs", "실행 명령"),
    "push": ("Pushes to", "송출 대상"),
    "hls_path": ("HLS path", "HLS 경로"),
}


def _in(lang: Language, pair: tuple[str, str] | None, code: str) -> str:
    if pair is None:
        return code.replace("_", " ")
    return pair[1] if lang == "ko" else pair[0]


def type_title(artifact_type: str, lang: Language) -> str:
    """The type's title, e.g. "IPTV credentials" / "IPTV 계정 정보"."""
    return _in(lang, TYPE_LABELS.get(artifact_type), artifact_type)


def field_label(field: str, lang: Language) -> str:
    """The field's label, e.g. server_url: "Server URL" / "서버 주소"."""
    return _in(lang, FIELD_LABELS.get(field), field)

"""The words of the hash-set and artifact sections, in English and Korean (merged into texts.py)."""

EXTRA_EN: dict[str, str] = {
    "f_tagged_h": "5.1 Tagged files",
    "f_notable_h": "5.2 Files in notable hash sets",
    "f_sets": "Hash sets",
    "cat_notable": "notable",
    "cat_known": "known",
    "n_intro": "{count} catalogued file(s) are in notable hash sets (section 6). {tagged} of them are also "
    "tagged and appear once, in 5.1, with their sets; the other {listed} follow, by item and path.",
    "n_none": "No catalogued file is in a notable hash set.",
    "n_not_run": "No hash-set matching was recorded for this case (section 6).",
    "n_capped": "Only the first {limit} of them are printed here; every one is listed by:",
    "s_hashsets": "6. Hash-set matching",
    "h_intro": "Every hashed file was looked up by MD5, SHA-1 and SHA-256 in the hash sets of the examiner's "
    "workstation. Known sets hold files of no interest (operating systems, vendor software); notable "
    "sets hold files of interest (for example a rightsholder's catalogue). For each item, the matching "
    "in effect is that of the latest ledger event that covered it, listed below.",
    "h_none": "No hash-set matching was recorded for this case.",
    "h_runs": "6.1 Matching runs",
    "h_sets": "6.2 Hash sets used",
    "h_hits": "6.3 Hits",
    "h_event": "Event",
    "h_time": "Time (local / UTC)",
    "h_items": "Items",
    "h_trigger": "Started",
    "h_checked": "Files checked",
    "h_all": "all",
    "trigger_import": "after import",
    "trigger_examiner": "by the examiner",
    "h_set": "Set / category",
    "h_source": "Source / version",
    "h_entries": "Entries",
    "h_source_hash": "SHA-256 of the source file",
    "h_events": "Events",
    "h_totals": "{checked} hashed file(s) of the matched items were checked: {notable} are in notable sets, "
    "{known} in known sets.",
    "h_no_hits": "No file matched any set.",
    "h_version": "Version",
    "h_category": "Category",
    "h_files": "Files",
    "h_failed": "Matching failed (ledger event {seq}): {reason}",
    "s_artifacts": "7. Artifacts",
    "ar_intro": "Haechi's extractors read the files of each item that can hold IPTV, TV-box and panel "
    "artifacts (app databases and settings, playlists, panel dumps, server configuration) from a private "
    "copy checked against the catalogued SHA-256. Each row names its source: item, volume, path, inode "
    "and the SHA-256 of the source. IPTV credentials come first and are printed in full. Every row, also "
    "of the types shortened here, is exported by:",
    "ar_times": "Times the sources hold in UTC are shown local ({zone}) with the UTC original below; times a "
    'device kept by its own clock (marked "box time") are shown as stored.',
    "ar_none": "No artifacts were extracted from this case.",
    "ar_item_none": "No completed artifact run is recorded for this item.",
    "ar_runs": "Extraction run",
    "ar_run": "Run",
    "ar_when": "Started / ended (local)",
    "ar_sources": "Sources",
    "ar_rows": "Rows",
    "ar_warn_count": "Warnings",
    "ar_event": "Ledger event",
    "ar_extractors": "Extractors (version): {list}",
    "ar_other_runs": "Earlier or incomplete runs of this item ({list}) are not shown; their rows stay "
    "in the case.",
    "ar_counts": "Rows per type",
    "ar_type": "Type",
    "ar_code": "Code",
    "ar_type_head": "{label} ({code}): {count} row(s)",
    "ar_capped": "Only the first {limit} of {count} rows are printed; all of them:",
    "ar_no": "No.",
    "ar_source": "Source",
    "ar_not_file": "bytes of the image, not a file",
    "ar_wal": "with its SQLite WAL",
    "ar_where_image": "Item {evidence}, volume {volume}",
    "ar_warnings": "Damaged or unreadable sources",
    "ar_no_warnings": "No artifact source was damaged or unreadable.",
    "sum_hits": "Hash sets: {checked} hashed file(s) were checked against {sets} set(s); {notable} file(s) "
    "are in notable sets, {known} in known sets (section 6).",
    "sum_no_hits": "No hash-set matching was recorded.",
    "sum_artifacts": "Artifacts: {rows} row(s) of {types} type(s) were extracted, among them {credentials} "
    "IPTV credential(s) (section 7).",
    "sum_no_artifacts": "No artifacts were extracted.",
    "appendix_known": "{count} file(s) matching known hash sets are omitted from this list.",
}

EXTRA_KO: dict[str, str] = {
    "f_tagged_h": "5.1 태그한 파일",
    "f_notable_h": "5.2 주의 해시셋에 포함된 파일",
    "f_sets": "해시셋",
    "cat_notable": "주의",
    "cat_known": "알려진 파일",
    "n_intro": "목록화된 파일 중 {count}개가 주의 해시셋에 포함되어 있습니다(6장 참조). 그중 {tagged}개는 "
    "태그도 되어 있어 5.1에 해시셋과 함께 한 번만 적었고, 나머지 {listed}개를 증거물과 경로 순으로 "
    "적었습니다.",
    "n_none": "주의 해시셋에 포함된 파일이 없습니다.",
    "n_not_run": "이 사건에는 해시셋 비교 기록이 없습니다(6장 참조).",
    "n_capped": "여기에는 처음 {limit}개만 적었습니다. 전체 목록은 다음 명령으로 볼 수 있습니다:",
    "s_hashsets": "6. 해시셋 비교",
    "h_intro": "해시값을 계산한 모든 파일을 분석관 작업용 컴퓨터의 해시셋에서 MD5, SHA-1, SHA-256으로 "
    "조회하였습니다. 알려진 파일 해시셋은 관심 대상이 아닌 파일(운영체제, 제조사 소프트웨어)을, "
    "주의 해시셋은 관심 대상 파일(예: 권리자의 저작물 목록)을 담고 있습니다. "
    "각 증거물에 적용된 비교 결과는 그 증거물을 대상으로 한 가장 최근의 원장 이벤트이며, 아래에 적었습니다.",
    "h_none": "이 사건에는 해시셋 비교 기록이 없습니다.",
    "h_runs": "6.1 비교 실행",
    "h_sets": "6.2 사용한 해시셋",
    "h_hits": "6.3 일치 결과",
    "h_event": "이벤트",
    "h_time": "시각 (현지 / UTC)",
    "h_items": "증거물",
    "h_trigger": "실행 계기",
    "h_checked": "비교한 파일",
    "h_all": "전체",
    "trigger_import": "처리 직후 자동",
    "trigger_examiner": "분석관 요청",
    "h_set": "해시셋 / 분류",
    "h_source": "출처 / 버전",
    "h_entries": "항목 수",
    "h_source_hash": "원본 파일의 SHA-256",
    "h_events": "이벤트",
    "h_totals": "비교 대상 증거물에서 해시값을 계산한 파일 {checked}개를 비교하였으며, "
    "주의 해시셋에 {notable}개, 알려진 파일 해시셋에 {known}개가 포함되어 있습니다.",
    "h_no_hits": "어느 해시셋과도 일치하는 파일이 없습니다.",
    "h_version": "버전",
    "h_category": "분류",
    "h_files": "파일 수",
    "h_failed": "해시셋 비교 실패 (원장 {seq}번 이벤트): {reason}",
    "s_artifacts": "7. 아티팩트",
    "ar_intro": "Haechi의 추출기는 각 증거물에서 IPTV, TV 박스, 패널 관련 흔적을 담을 수 있는 파일(앱 "
    "데이터베이스와 설정, 재생 목록, 패널 덤프, 서버 설정)을 목록의 SHA-256과 대조한 사본에서 읽었습니다. "
    "각 행에는 출처(증거물, 볼륨, 경로, inode, 원본의 SHA-256)를 적었습니다. IPTV 계정 정보를 맨 앞에 "
    "생략 없이 적었습니다. 여기서 줄인 유형을 포함한 모든 행은 다음 명령으로 내보낼 수 있습니다:",
    "ar_times": "원본에 UTC로 기록된 시각은 현지 시각({zone})으로 적고 아래에 UTC 원본을 적었습니다. 기기가 "
    "자체 시계로 기록한 시각('기기 시각'으로 표시)은 기록된 그대로 적었습니다.",
    "ar_none": "이 사건에서 추출한 아티팩트가 없습니다.",
    "ar_item_none": "이 증거물에는 완료된 아티팩트 추출 기록이 없습니다.",
    "ar_runs": "추출 실행",
    "ar_run": "실행",
    "ar_when": "시작 / 종료 (현지)",
    "ar_sources": "원본 파일",
    "ar_rows": "행 수",
    "ar_warn_count": "경고",
    "ar_event": "원장 이벤트",
    "ar_extractors": "추출기 (버전): {list}",
    "ar_other_runs": "이 증거물의 이전 또는 미완료 실행({list})은 적지 않았으며, 그 결과는 사건에 "
    "보존되어 있습니다.",
    "ar_counts": "유형별 행 수",
    "ar_type": "유형",
    "ar_code": "코드",
    "ar_type_head": "{label} ({code}): {count}행",
    "ar_capped": "{count}행 중 처음 {limit}행만 적었습니다. 전체는 다음 명령으로 볼 수 있습니다:",
    "ar_no": "번호",
    "ar_source": "출처",
    "ar_not_file": "파일이 아닌 이미지의 바이트",
    "ar_wal": "SQLite WAL 포함",
    "ar_where_image": "증거물 {evidence}, 볼륨 {volume}",
    "ar_warnings": "손상되었거나 읽지 못한 원본",
    "ar_no_warnings": "손상되었거나 읽지 못한 아티팩트 원본이 없습니다.",
    "sum_hits": "해시셋: 해시값을 계산한 파일 {checked}개를 해시셋 {sets}개와 비교하였으며, 주의 해시셋에 "
    "{notable}개, 알려진 파일 해시셋에 {known}개가 포함되어 있습니다(6장 참조).",
    "sum_no_hits": "해시셋 비교 기록이 없습니다.",
    "sum_artifacts": "아티팩트: {types}개 유형 {rows}행을 추출하였으며, "
    "그중 IPTV 계정 정보는 {credentials}건입니다(7장 참조).",
    "sum_no_artifacts": "추출한 아티팩트가 없습니다.",
    "appendix_known": "알려진 파일 해시셋과 일치하는 파일 {count}개는 이 목록에서 제외하였습니다.",
}

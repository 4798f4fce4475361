<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>ArtifactDetails</name>
    <message>
        <location filename="../../ui/artifact_details.py" line="60"/>
        <source>Show source file</source>
        <translation>원본 파일 보기</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="84"/>
        <source>Read from the image itself, not from a file</source>
        <translation>파일이 아니라 이미지에서 직접 읽은 값입니다</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="87"/>
        <source>Select a row to see it whole.</source>
        <translation>행을 선택하면 전체 내용이 표시됩니다.</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="90"/>
        <source>Provenance</source>
        <translation>출처</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="90"/>
        <source>Extraction</source>
        <translation>추출</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="103"/>
        <source>{0} bytes at offset {1}</source>
        <translation>오프셋 {1}의 {0}바이트</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="108"/>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="108"/>
        <source>no (deleted file)</source>
        <translation>아니요 (삭제된 파일)</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="110"/>
        <source>Evidence</source>
        <translation>증거</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="111"/>
        <source>Volume</source>
        <translation>볼륨</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="112"/>
        <source>Path</source>
        <translation>경로</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="113"/>
        <source>Inode</source>
        <translation>아이노드</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="114"/>
        <source>Allocated</source>
        <translation>할당 상태</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="115"/>
        <source>File id</source>
        <translation>파일 ID</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="116"/>
        <source>Image range</source>
        <translation>이미지 내 범위</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="117"/>
        <source>SHA-256 when extracted</source>
        <translation>추출 시 SHA-256</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="118"/>
        <source>SHA-256 in the catalogue</source>
        <translation>목록의 SHA-256</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="126"/>
        <source>Extractor</source>
        <translation>추출기</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="127"/>
        <source>{0} version {1}</source>
        <translation>{0} 버전 {1}</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="129"/>
        <source>Extracted at</source>
        <translation>추출 시각</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="130"/>
        <source>Run</source>
        <translation>추출 실행</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="133"/>
        <location filename="../../ui/artifact_details.py" line="136"/>
        <source>Ledger event</source>
        <translation>원장 이벤트</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="133"/>
        <source>none recorded</source>
        <translation>기록 없음</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="137"/>
        <source>Recorded at</source>
        <translation>기록 시각</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="138"/>
        <source>Event hash</source>
        <translation>이벤트 해시</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="119"/>
        <source>current</source>
        <translation>현재</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="119"/>
        <source>superseded by a later run</source>
        <translation>이후 실행으로 대체됨</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="119"/>
        <source>cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="119"/>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="119"/>
        <source>running</source>
        <translation>실행 중</translation>
    </message>
</context>
<context>
    <name>ArtifactTable</name>
    <message>
        <location filename="../../ui/artifact_model.py" line="21"/>
        <source>Evidence</source>
        <translation>증거</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_model.py" line="22"/>
        <source>Volume</source>
        <translation>볼륨</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_model.py" line="23"/>
        <source>Source path</source>
        <translation>원본 경로</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_model.py" line="24"/>
        <source>Inode</source>
        <translation>아이노드</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_model.py" line="25"/>
        <source>Source SHA-256</source>
        <translation>원본 SHA-256</translation>
    </message>
</context>
<context>
    <name>ArtifactTableModel</name>
    <message>
        <location filename="../../ui/artifact_model.py" line="47"/>
        <source>Type</source>
        <translation>유형</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_model.py" line="119"/>
        <source>Fields</source>
        <translation>필드</translation>
    </message>
</context>
<context>
    <name>ArtifactTypeTree</name>
    <message>
        <location filename="../../ui/artifact_tree.py" line="78"/>
        <source>Artifact type</source>
        <translation>아티팩트 유형</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_tree.py" line="78"/>
        <source>Rows</source>
        <translation>행 수</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_tree.py" line="177"/>
        <source>No artifacts yet: use Extract artifacts…</source>
        <translation>아직 아티팩트가 없습니다: 아티팩트 추출…을 사용하십시오</translation>
    </message>
</context>
<context>
    <name>ArtifactsTab</name>
    <message>
        <location filename="../../ui/artifacts_tab.py" line="101"/>
        <source>Filter: any value or source path contains…</source>
        <translation>필터: 값 또는 원본 경로에 포함된 문자열…</translation>
    </message>
    <message>
        <location filename="../../ui/artifacts_tab.py" line="111"/>
        <source>Extract artifacts…</source>
        <translation>아티팩트 추출…</translation>
    </message>
    <message>
        <location filename="../../ui/artifacts_tab.py" line="113"/>
        <source>Export shown…</source>
        <translation>표시된 항목 내보내기…</translation>
    </message>
    <message>
        <location filename="../../ui/artifacts_tab.py" line="114"/>
        <source>The shown type (or all types) of the chosen evidence item</source>
        <translation>선택한 증거의 표시된 유형(또는 모든 유형)</translation>
    </message>
    <message>
        <location filename="../../ui/artifacts_tab.py" line="116"/>
        <source>Export all…</source>
        <translation>전체 내보내기…</translation>
    </message>
    <message>
        <location filename="../../ui/artifacts_tab.py" line="117"/>
        <source>Every artifact of every evidence item</source>
        <translation>모든 증거의 모든 아티팩트</translation>
    </message>
    <message>
        <location filename="../../ui/artifacts_tab.py" line="240"/>
        <source>{0} rows ({1} loaded)</source>
        <translation>{0}행 ({1}행 불러옴)</translation>
    </message>
    <message>
        <location filename="../../ui/artifacts_tab.py" line="260"/>
        <source>⚠ {0} sources could not be read in the last extraction of this evidence item - show</source>
        <translation>⚠ 이 증거의 마지막 추출에서 원본 {0}개를 읽지 못했습니다 - 보기</translation>
    </message>
    <message>
        <location filename="../../ui/artifacts_tab.py" line="278"/>
        <source>No evidence</source>
        <translation>증거 없음</translation>
    </message>
    <message>
        <location filename="../../ui/artifacts_tab.py" line="278"/>
        <source>Add an evidence image first.</source>
        <translation>먼저 증거 이미지를 추가하십시오.</translation>
    </message>
    <message>
        <location filename="../../ui/artifacts_tab.py" line="282"/>
        <location filename="../../ui/artifacts_tab.py" line="297"/>
        <source>Extract artifacts</source>
        <translation>아티팩트 추출</translation>
    </message>
    <message>
        <location filename="../../ui/artifacts_tab.py" line="282"/>
        <source>Evidence item:</source>
        <translation>증거:</translation>
    </message>
    <message>
        <location filename="../../ui/artifacts_tab.py" line="298"/>
        <source>No evidence {0} in this case.</source>
        <translation>이 사건에 증거 {0}이(가) 없습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/artifacts_tab.py" line="333"/>
        <source>E{0}: {1} rows from {2} sources (run {3}); {4} sources could not be read.</source>
        <translation>E{0}: 원본 {2}개에서 {1}행 추출 (실행 {3}); 원본 {4}개는 읽지 못했습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/artifacts_tab.py" line="342"/>
        <source>E{0}: extraction cancelled; the previous results stay shown.</source>
        <translation>E{0}: 추출이 취소되었습니다. 이전 결과가 계속 표시됩니다.</translation>
    </message>
    <message>
        <location filename="../../ui/artifacts_tab.py" line="348"/>
        <source>Extraction failed (recorded in the ledger): {0}</source>
        <translation>추출 실패 (원장에 기록됨): {0}</translation>
    </message>
    <message>
        <location filename="../../ui/artifacts_tab.py" line="377"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/artifacts_tab.py" line="377"/>
        <source>JSON lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <location filename="../../ui/artifacts_tab.py" line="379"/>
        <source>Export artifacts</source>
        <translation>아티팩트 내보내기</translation>
    </message>
    <message>
        <location filename="../../ui/artifacts_tab.py" line="397"/>
        <source>Exporting to {0}…</source>
        <translation>{0}(으)로 내보내는 중…</translation>
    </message>
    <message>
        <location filename="../../ui/artifacts_tab.py" line="405"/>
        <source>Exported {0} rows to {1} (SHA-256 {2}); recorded in the ledger.</source>
        <translation>{0}행을 {1}(으)로 내보냈습니다 (SHA-256 {2}). 원장에 기록되었습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/artifacts_tab.py" line="413"/>
        <source>Export failed</source>
        <translation>내보내기 실패</translation>
    </message>
    <message>
        <location filename="../../ui/artifacts_tab.py" line="426"/>
        <source>The source file is not in the catalogue.</source>
        <translation>원본 파일이 파일 목록에 없습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/artifacts_tab.py" line="433"/>
        <source>Artifacts</source>
        <translation>아티팩트</translation>
    </message>
</context>
<context>
    <name>ExtractionPanel</name>
    <message>
        <location filename="../../ui/artifact_runner.py" line="60"/>
        <source>Cancel extraction</source>
        <translation>추출 취소</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_runner.py" line="70"/>
        <source>Extracting artifacts from {0}</source>
        <translation>{0}에서 아티팩트 추출 중</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_runner.py" line="72"/>
        <source>choosing the files to read…</source>
        <translation>읽을 파일을 고르는 중…</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_runner.py" line="79"/>
        <source>{0} of {1} files: {2}</source>
        <translation>파일 {1}개 중 {0}개: {2}</translation>
    </message>
</context>
<context>
    <name>WarningsDialog</name>
    <message>
        <location filename="../../ui/artifact_details.py" line="148"/>
        <source>Sources that could not be read</source>
        <translation>읽지 못한 원본</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="151"/>
        <source>Source</source>
        <translation>원본</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="151"/>
        <source>Why</source>
        <translation>사유</translation>
    </message>
    <message>
        <location filename="../../ui/artifact_details.py" line="151"/>
        <source>Recorded at</source>
        <translation>기록 시각</translation>
    </message>
</context>
<context>
    <name>extensions</name>
    <message>
        <location filename="../../ui/extensions.py" line="20"/>
        <source>Extract artifacts…</source>
        <translation>아티팩트 추출…</translation>
    </message>
</context>
<context>
    <name>CustodyDialog</name>
    <message>
        <location filename="../../ui/custody_dialog.py" line="43"/>
        <source>Record custody event</source>
        <translation>증거관리 이력 기록</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="47"/>
        <source>Seized</source>
        <translation>압수</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="48"/>
        <source>Received</source>
        <translation>인수</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="49"/>
        <source>Sealed</source>
        <translation>봉인</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="50"/>
        <source>Unsealed</source>
        <translation>봉인 해제</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="51"/>
        <source>Imaged</source>
        <translation>이미징</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="52"/>
        <source>Hash confirmed by participant</source>
        <translation>참여인 해시값 확인</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="53"/>
        <source>Transferred</source>
        <translation>인계</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="54"/>
        <source>Checked out</source>
        <translation>반출</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="55"/>
        <source>Checked in</source>
        <translation>반입</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="56"/>
        <source>Returned</source>
        <translation>환부</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="57"/>
        <source>Disposed</source>
        <translation>폐기</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="62"/>
        <source>names, separated by commas</source>
        <translation>이름 (쉼표로 구분)</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="63"/>
        <source>now, or e.g. 2026-11-20T14:30 (your zone)</source>
        <translation>지금, 또는 예: 2026-11-20T14:30 (설정 시간대)</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="70"/>
        <source>Step</source>
        <translation>단계</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="71"/>
        <source>Exhibit</source>
        <translation>압수물 번호</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="73"/>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="74"/>
        <source>Seized from</source>
        <translation>피압수자</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="75"/>
        <source>Received from</source>
        <translation>인수처</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="76"/>
        <source>Location</source>
        <translation>장소</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="77"/>
        <source>Warrant / authority</source>
        <translation>영장 / 근거</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="78"/>
        <source>Scope of seizure</source>
        <translation>압수 범위</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="79"/>
        <source>Serial number</source>
        <translation>일련번호</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="60"/>
        <source>Make</source>
        <translation>제조사</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="60"/>
        <source>Model</source>
        <translation>모델명</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="60"/>
        <source>Capacity</source>
        <translation>용량</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="60"/>
        <source>Seal intact</source>
        <translation>봉인 온전 여부</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="80"/>
        <source>Seal number</source>
        <translation>봉인 번호</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="82"/>
        <source>Imaging tool</source>
        <translation>이미징 도구</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="83"/>
        <source>Write blocker</source>
        <translation>쓰기 방지 장치</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="84"/>
        <source>Image file</source>
        <translation>이미지 파일</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="85"/>
        <source>Evidence id of the image</source>
        <translation>이미지의 증거 ID</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="86"/>
        <source>Participant role</source>
        <translation>참여인 지위</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="87"/>
        <source>From</source>
        <translation>인계자</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="88"/>
        <source>To</source>
        <translation>인수자</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="89"/>
        <source>Purpose</source>
        <translation>목적</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="90"/>
        <source>Storage location</source>
        <translation>보관 장소</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="91"/>
        <source>Method</source>
        <translation>방법</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="96"/>
        <source>Participants</source>
        <translation>참여인</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="97"/>
        <source>When</source>
        <translation>일시</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="98"/>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="146"/>
        <source>Custody event not recorded</source>
        <translation>관리 이력이 기록되지 않았습니다</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="51"/>
        <source>Choose…</source>
        <translation>선택…</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="52"/>
        <source>Yes</source>
        <translation>예</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="53"/>
        <source>No</source>
        <translation>아니오</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="52"/>
        <source>Intact</source>
        <translation>온전함</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="53"/>
        <source>Broken</source>
        <translation>훼손됨</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="64"/>
        <source>sealed ({0})</source>
        <translation>봉인됨 ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="64"/>
        <source>unsealed</source>
        <translation>봉인 해제됨</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="67"/>
        <source>holder: {0}</source>
        <translation>보관자: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="68"/>
        <source>location: {0}</source>
        <translation>보관 장소: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="71"/>
        <source>DEVIATION: seal {0} was found broken when unsealed (ledger event {1})</source>
        <translation>예외 사항: 봉인 {0}이(가) 봉인 해제 시 훼손된 상태였음 (원장 {1}번 이벤트)</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="73"/>
        <source>No exhibit is in custody yet.</source>
        <translation>아직 관리 중인 압수물이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="100"/>
        <source>Exhibits now</source>
        <translation>압수물 현황</translation>
    </message>
    <message>
        <location filename="../../ui/custody_dialog.py" line="161"/>
        <source>Choose: {0}</source>
        <translation>다음을 선택하십시오: {0}</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <location filename="../../ui/details_pane.py" line="44"/>
        <source>RECOVERED CONTENT - this file is deleted; its content was read from unallocated space and may be incomplete or belong to another file.</source>
        <translation>복구된 내용 - 삭제된 파일입니다. 내용은 비할당 영역에서 읽은 것으로 불완전하거나 다른 파일의 내용일 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="58"/>
        <source>Details</source>
        <translation>상세</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="59"/>
        <source>Hex</source>
        <translation>16진수</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="60"/>
        <source>Text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="61"/>
        <source>Picture</source>
        <translation>그림</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="77"/>
        <source>◀ Previous</source>
        <translation>◀ 이전</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="78"/>
        <source>Next ▶</source>
        <translation>다음 ▶</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="80"/>
        <source>go to offset (e.g. 0x1f000)</source>
        <translation>오프셋으로 이동 (예: 0x1f000)</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="99"/>
        <source>automatic</source>
        <translation>자동</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="104"/>
        <source>Encoding:</source>
        <translation>인코딩:</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="129"/>
        <source>Select a file.</source>
        <translation>파일을 선택하십시오.</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="136"/>
        <source>Label</source>
        <translation>표시명</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="137"/>
        <source>Image</source>
        <translation>이미지</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="138"/>
        <source>Format</source>
        <translation>형식</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="139"/>
        <location filename="../../ui/details_pane.py" line="269"/>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="140"/>
        <source>Exhibit</source>
        <translation>압수물 번호</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="141"/>
        <source>Seized from</source>
        <translation>피압수자</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="142"/>
        <source>Seized at</source>
        <translation>압수 일시</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="143"/>
        <source>Seal</source>
        <translation>봉인</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="144"/>
        <source>Added by</source>
        <translation>등록자</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="145"/>
        <source>Added at</source>
        <translation>등록 일시</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="146"/>
        <source>Import</source>
        <translation>가져오기</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="147"/>
        <source>Files</source>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="154"/>
        <source>MD5 stored in the image</source>
        <translation>이미지에 저장된 MD5</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="155"/>
        <source>SHA-1 stored in the image</source>
        <translation>이미지에 저장된 SHA-1</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="156"/>
        <source>Stored hashes</source>
        <translation>저장된 해시값 대조</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="157"/>
        <source>Last verification</source>
        <translation>최근 검증</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="160"/>
        <source>Evidence</source>
        <translation>증거</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="160"/>
        <source>Image hashes</source>
        <translation>이미지 해시값</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="187"/>
        <source>reading…</source>
        <translation>읽는 중…</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="199"/>
        <source>Not an offset: {0}</source>
        <translation>오프셋이 아닙니다: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="207"/>
        <source>Not a picture ({0}).</source>
        <translation>그림 파일이 아닙니다 ({0}).</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="210"/>
        <source>Too large to preview ({0}).</source>
        <translation>미리 보기에는 너무 큽니다 ({0}).</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="222"/>
        <source>bytes {0:,}-{1:,} of {2:,}</source>
        <translation>{2:,}바이트 중 {0:,}-{1:,}</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="234"/>
        <source>The picture cannot be decoded (damaged or partial content).</source>
        <translation>그림을 해석할 수 없습니다 (손상되었거나 일부만 있는 내용).</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="249"/>
        <source>Content cannot be read: {0}</source>
        <translation>내용을 읽을 수 없습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="259"/>
        <source>encoding {0}</source>
        <translation>인코딩 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="261"/>
        <source>first {0} shown</source>
        <translation>처음 {0}만 표시</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="267"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="268"/>
        <source>Path</source>
        <translation>경로</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="270"/>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="270"/>
        <source>deleted</source>
        <translation>삭제됨</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="270"/>
        <source>allocated</source>
        <translation>할당</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="272"/>
        <source>Content</source>
        <translation>내용</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="275"/>
        <source>Recovered by</source>
        <translation>복구 방식</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="275"/>
        <source>Type</source>
        <translation>유형</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="276"/>
        <source>Extension mismatch</source>
        <translation>확장자 불일치</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="276"/>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="276"/>
        <source>no</source>
        <translation>아니요</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="279"/>
        <source>Modified</source>
        <translation>수정 시각</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="280"/>
        <source>Accessed</source>
        <translation>접근 시각</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="281"/>
        <source>Changed</source>
        <translation>변경 시각</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="282"/>
        <source>Created</source>
        <translation>생성 시각</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="288"/>
        <source>image</source>
        <translation>이미지</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="289"/>
        <source>partition</source>
        <translation>파티션</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="290"/>
        <source>file system</source>
        <translation>파일 시스템</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="291"/>
        <source>path</source>
        <translation>경로</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="292"/>
        <source>inode</source>
        <translation>아이노드</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="306"/>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="307"/>
        <source>Hashes</source>
        <translation>해시값</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="308"/>
        <source>Provenance</source>
        <translation>출처</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="311"/>
        <source>Tags</source>
        <translation>태그</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="313"/>
        <source>Warnings</source>
        <translation>경고</translation>
    </message>
    <message>
        <location filename="../../ui/details_pane.py" line="162"/>
        <source>DEVIATION: seal {0} was found broken when unsealed (ledger event {1})</source>
        <translation>예외 사항: 봉인 {0}이(가) 봉인 해제 시 훼손된 상태였음 (원장 {1}번 이벤트)</translation>
    </message>
    <message>
        <source>(from the custody record of exhibit {0})</source>
        <translation>(증거물 {0}의 보관 기록에서)</translation>
    </message>
    <message>
        <source>{0}, version {1}, by {2}</source>
        <translation>{0}, 버전 {1}, {2} 일치</translation>
    </message>
</context>
<context>
    <name>EvidenceTreeModel</name>
    <message>
        <location filename="../../ui/tree_model.py" line="19"/>
        <source>Evidence</source>
        <translation>증거</translation>
    </message>
    <message>
        <location filename="../../ui/tree_model.py" line="46"/>
        <source>deleted folder</source>
        <translation>삭제된 폴더</translation>
    </message>
    <message>
        <source>Hash set hits ({0})</source>
        <translation>해시셋 일치 ({0})</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <location filename="../../ui/file_actions.py" line="35"/>
        <source>Tag / bookmark…</source>
        <translation>태그 / 북마크…</translation>
    </message>
    <message>
        <location filename="../../ui/file_actions.py" line="35"/>
        <source>Export selected files…</source>
        <translation>선택한 파일 내보내기…</translation>
    </message>
    <message>
        <location filename="../../ui/file_actions.py" line="35"/>
        <source>Write report…</source>
        <translation>보고서 작성…</translation>
    </message>
    <message>
        <location filename="../../ui/file_actions.py" line="28"/>
        <source>Select one or more files first.</source>
        <translation>먼저 파일을 하나 이상 선택하십시오.</translation>
    </message>
    <message>
        <location filename="../../ui/file_actions.py" line="39"/>
        <source>{0} file(s) tagged</source>
        <translation>파일 {0}개에 태그를 달았습니다</translation>
    </message>
    <message>
        <location filename="../../ui/file_actions.py" line="45"/>
        <source>Remove tag</source>
        <translation>태그 삭제</translation>
    </message>
    <message>
        <location filename="../../ui/file_actions.py" line="45"/>
        <source>Remove this tag? The removal is recorded in the ledger.</source>
        <translation>이 태그를 삭제할까요? 삭제 사실은 원장에 기록됩니다.</translation>
    </message>
    <message>
        <location filename="../../ui/file_actions.py" line="55"/>
        <source>Tag not removed</source>
        <translation>태그가 삭제되지 않았습니다</translation>
    </message>
    <message>
        <location filename="../../ui/file_actions.py" line="76"/>
        <source>Exporting {0} file(s)…</source>
        <translation>파일 {0}개 내보내는 중…</translation>
    </message>
    <message>
        <location filename="../../ui/file_actions.py" line="91"/>
        <source>{0} file(s) exported to {1}
Export log: {2}</source>
        <translation>파일 {0}개를 {1}에 내보냈습니다
내보내기 기록: {2}</translation>
    </message>
    <message>
        <location filename="../../ui/file_actions.py" line="96"/>
        <source>{0} could not be read, {1} differ from the catalogued hash</source>
        <translation>{0}개는 읽지 못했고, {1}개는 목록의 해시값과 다릅니다</translation>
    </message>
    <message>
        <location filename="../../ui/file_actions.py" line="102"/>
        <source>Export finished</source>
        <translation>파일 내보내기 완료</translation>
    </message>
    <message>
        <location filename="../../ui/file_actions.py" line="114"/>
        <source>Export failed</source>
        <translation>반출 실패</translation>
    </message>
</context>
<context>
    <name>FileTable</name>
    <message>
        <location filename="../../ui/file_model.py" line="41"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../ui/file_model.py" line="42"/>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <location filename="../../ui/file_model.py" line="43"/>
        <source>Modified</source>
        <translation>수정 시각</translation>
    </message>
    <message>
        <location filename="../../ui/file_model.py" line="44"/>
        <source>Accessed</source>
        <translation>접근 시각</translation>
    </message>
    <message>
        <location filename="../../ui/file_model.py" line="45"/>
        <source>Changed</source>
        <translation>변경 시각</translation>
    </message>
    <message>
        <location filename="../../ui/file_model.py" line="46"/>
        <source>Created</source>
        <translation>생성 시각</translation>
    </message>
    <message>
        <location filename="../../ui/file_model.py" line="47"/>
        <source>Type</source>
        <translation>유형</translation>
    </message>
    <message>
        <location filename="../../ui/file_model.py" line="48"/>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../ui/file_model.py" line="49"/>
        <source>Tags</source>
        <translation>태그</translation>
    </message>
    <message>
        <location filename="../../ui/file_model.py" line="50"/>
        <source>Hash sets</source>
        <translation>해시셋</translation>
    </message>
    <message>
        <location filename="../../ui/file_model.py" line="54"/>
        <source>Path</source>
        <translation>경로</translation>
    </message>
    <message>
        <source>notable</source>
        <translation>주목 대상</translation>
    </message>
    <message>
        <source>known</source>
        <translation>알려진 파일</translation>
    </message>
</context>
<context>
    <name>FileTableModel</name>
    <message>
        <location filename="../../ui/file_model.py" line="72"/>
        <source>deleted</source>
        <translation>삭제됨</translation>
    </message>
    <message>
        <location filename="../../ui/file_model.py" line="73"/>
        <source>allocated</source>
        <translation>할당</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../ui/filter_bar.py" line="28"/>
        <source>Name or path contains…</source>
        <translation>이름 또는 경로 검색…</translation>
    </message>
    <message>
        <location filename="../../ui/filter_bar.py" line="29"/>
        <source>MD5 / SHA-1 / SHA-256</source>
        <translation>MD5 / SHA-1 / SHA-256</translation>
    </message>
    <message>
        <location filename="../../ui/filter_bar.py" line="30"/>
        <source>Deleted only</source>
        <translation>삭제된 파일만</translation>
    </message>
    <message>
        <location filename="../../ui/filter_bar.py" line="31"/>
        <source>Extension mismatch</source>
        <translation>확장자 불일치</translation>
    </message>
    <message>
        <location filename="../../ui/filter_bar.py" line="36"/>
        <source>Any hash-set result</source>
        <translation>해시셋 결과 무관</translation>
    </message>
    <message>
        <location filename="../../ui/filter_bar.py" line="37"/>
        <source>Notable (hash set)</source>
        <translation>주목 대상 (해시셋)</translation>
    </message>
    <message>
        <location filename="../../ui/filter_bar.py" line="38"/>
        <source>Known (hash set)</source>
        <translation>알려진 파일 (해시셋)</translation>
    </message>
    <message>
        <location filename="../../ui/filter_bar.py" line="39"/>
        <source>Hide known files</source>
        <translation>알려진 파일 숨기기</translation>
    </message>
    <message>
        <location filename="../../ui/filter_bar.py" line="44"/>
        <source>Modified</source>
        <translation>수정 시각</translation>
    </message>
    <message>
        <location filename="../../ui/filter_bar.py" line="45"/>
        <source>Accessed</source>
        <translation>접근 시각</translation>
    </message>
    <message>
        <location filename="../../ui/filter_bar.py" line="46"/>
        <source>Changed</source>
        <translation>변경 시각</translation>
    </message>
    <message>
        <location filename="../../ui/filter_bar.py" line="47"/>
        <source>Created</source>
        <translation>생성 시각</translation>
    </message>
    <message>
        <location filename="../../ui/filter_bar.py" line="50"/>
        <source>Between</source>
        <translation>기간</translation>
    </message>
    <message>
        <location filename="../../ui/filter_bar.py" line="97"/>
        <source>All types</source>
        <translation>모든 유형</translation>
    </message>
    <message>
        <location filename="../../ui/filter_bar.py" line="98"/>
        <source>Any tag or none</source>
        <translation>태그 무관</translation>
    </message>
</context>
<context>
    <name>ImportPanel</name>
    <message>
        <location filename="../../ui/import_runner.py" line="57"/>
        <source>Cancel import</source>
        <translation>가져오기 취소</translation>
    </message>
    <message>
        <location filename="../../ui/import_runner.py" line="60"/>
        <source>starting</source>
        <translation>시작</translation>
    </message>
    <message>
        <location filename="../../ui/import_runner.py" line="61"/>
        <source>counting</source>
        <translation>파일 수 세는 중</translation>
    </message>
    <message>
        <location filename="../../ui/import_runner.py" line="62"/>
        <source>reading files</source>
        <translation>파일 읽는 중</translation>
    </message>
    <message>
        <location filename="../../ui/import_runner.py" line="63"/>
        <source>hashing the image</source>
        <translation>이미지 해시 계산 중</translation>
    </message>
    <message>
        <location filename="../../ui/import_runner.py" line="64"/>
        <source>finishing</source>
        <translation>마무리 중</translation>
    </message>
    <message>
        <location filename="../../ui/import_runner.py" line="65"/>
        <source>complete</source>
        <translation>완료</translation>
    </message>
    <message>
        <location filename="../../ui/import_runner.py" line="76"/>
        <source>Importing {0}</source>
        <translation>{0} 가져오는 중</translation>
    </message>
    <message>
        <location filename="../../ui/import_runner.py" line="78"/>
        <source>starting…</source>
        <translation>시작 중…</translation>
    </message>
    <message>
        <location filename="../../ui/import_runner.py" line="88"/>
        <source>{0}: {1}{2} files, {3} of {4}, {5}/s, ETA {6}, {7} warnings</source>
        <translation>{0}: 파일 {1}{2}개, {4} 중 {3}, {5}/초, 남은 시간 {6}, 경고 {7}건</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="93"/>
        <source>Add evidence</source>
        <translation>증거 추가</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="98"/>
        <source>Import</source>
        <translation>가져오기</translation>
    </message>
</context>
<context>
    <name>LedgerModel</name>
    <message>
        <location filename="../../ui/ledger_tab.py" line="26"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../ui/ledger_tab.py" line="27"/>
        <source>Local time</source>
        <translation>현지 시각</translation>
    </message>
    <message>
        <location filename="../../ui/ledger_tab.py" line="28"/>
        <source>UTC</source>
        <translation>UTC</translation>
    </message>
    <message>
        <location filename="../../ui/ledger_tab.py" line="29"/>
        <source>Examiner</source>
        <translation>분석관</translation>
    </message>
    <message>
        <location filename="../../ui/ledger_tab.py" line="30"/>
        <source>Action</source>
        <translation>행위</translation>
    </message>
    <message>
        <location filename="../../ui/ledger_tab.py" line="31"/>
        <source>Evidence</source>
        <translation>증거</translation>
    </message>
    <message>
        <location filename="../../ui/ledger_tab.py" line="32"/>
        <source>Details</source>
        <translation>상세</translation>
    </message>
</context>
<context>
    <name>LedgerTab</name>
    <message>
        <location filename="../../ui/ledger_tab.py" line="93"/>
        <source>The ledger has not been verified in this session.</source>
        <translation>이번 세션에서 아직 원장을 검증하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/ledger_tab.py" line="96"/>
        <source>Verify ledger</source>
        <translation>원장 검증</translation>
    </message>
    <message>
        <location filename="../../ui/ledger_tab.py" line="98"/>
        <source>Record custody event…</source>
        <translation>관리 이력 기록…</translation>
    </message>
    <message>
        <location filename="../../ui/ledger_tab.py" line="100"/>
        <source>Refresh</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <location filename="../../ui/ledger_tab.py" line="120"/>
        <source>Verifying…</source>
        <translation>검증 중…</translation>
    </message>
    <message>
        <location filename="../../ui/ledger_tab.py" line="135"/>
        <source>LEDGER INTACT: {0} events, every hash and signature checks. Head {1}</source>
        <translation>원장 무결성 확인: 이벤트 {0}건, 모든 해시와 서명이 일치합니다. 헤드 {1}</translation>
    </message>
    <message>
        <location filename="../../ui/ledger_tab.py" line="141"/>
        <source>event {0}</source>
        <translation>이벤트 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/ledger_tab.py" line="143"/>
        <source>the ledger</source>
        <translation>원장</translation>
    </message>
    <message>
        <location filename="../../ui/ledger_tab.py" line="145"/>
        <source>LEDGER FAILS at {0}: {1}</source>
        <translation>원장 검증 실패 - {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/ledger_tab.py" line="153"/>
        <source>The ledger could not be verified: {0}</source>
        <translation>원장을 검증할 수 없습니다: {0}</translation>
    </message>
</context>
<context>
    <name>LinksTab</name>
    <message>
        <location filename="../../ui/links_tab.py" line="32"/>
        <source>MAC address</source>
        <translation>MAC 주소</translation>
    </message>
    <message>
        <location filename="../../ui/links_tab.py" line="33"/>
        <source>Account (user name@server)</source>
        <translation>계정 (사용자 이름@서버)</translation>
    </message>
    <message>
        <location filename="../../ui/links_tab.py" line="34"/>
        <source>Server host</source>
        <translation>서버 호스트</translation>
    </message>
    <message>
        <location filename="../../ui/links_tab.py" line="35"/>
        <source>Serial number</source>
        <translation>일련번호</translation>
    </message>
    <message>
        <location filename="../../ui/links_tab.py" line="36"/>
        <source>Android ID</source>
        <translation>Android ID</translation>
    </message>
    <message>
        <location filename="../../ui/links_tab.py" line="48"/>
        <source>All kinds</source>
        <translation>모든 종류</translation>
    </message>
    <message>
        <location filename="../../ui/links_tab.py" line="51"/>
        <source>Only values on two or more evidence items</source>
        <translation>두 개 이상의 증거물에서 확인된 값만</translation>
    </message>
    <message>
        <location filename="../../ui/links_tab.py" line="58"/>
        <source>Value / evidence item</source>
        <translation>값 / 증거물</translation>
    </message>
    <message>
        <location filename="../../ui/links_tab.py" line="59"/>
        <source>Kind / found as</source>
        <translation>종류 / 확인 위치</translation>
    </message>
    <message>
        <location filename="../../ui/links_tab.py" line="60"/>
        <source>Source</source>
        <translation>출처</translation>
    </message>
    <message>
        <location filename="../../ui/links_tab.py" line="61"/>
        <source>Facts</source>
        <translation>내용</translation>
    </message>
    <message>
        <location filename="../../ui/links_tab.py" line="87"/>
        <source>Reading…</source>
        <translation>읽는 중…</translation>
    </message>
    <message>
        <location filename="../../ui/links_tab.py" line="102"/>
        <source>{0} evidence items</source>
        <translation>증거물 {0}개</translation>
    </message>
    <message>
        <location filename="../../ui/links_tab.py" line="107"/>
        <source>Evidence {0}</source>
        <translation>증거물 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/links_tab.py" line="120"/>
        <source>{0} values</source>
        <translation>값 {0}개</translation>
    </message>
    <message>
        <location filename="../../ui/links_tab.py" line="124"/>
        <source>Links could not be read</source>
        <translation>연결 정보를 읽을 수 없음</translation>
    </message>
    <message>
        <location filename="../../ui/links_tab.py" line="142"/>
        <source>That row is not among the current artifacts.</source>
        <translation>해당 행이 현재 아티팩트에 없습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/links_tab.py" line="147"/>
        <source>Links</source>
        <translation>증거물 연결</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="63"/>
        <source>Haechi - case {0}: {1}</source>
        <translation>해치 - 사건 {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="107"/>
        <source>This case holds no evidence yet. Add an evidence image…</source>
        <translation>이 사건에는 아직 증거가 없습니다. 증거 이미지 추가…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="125"/>
        <source>Files</source>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="126"/>
        <source>Custody ledger</source>
        <translation>증거관리 원장</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="142"/>
        <source>Examiner {0} (key {1}) - times in {2}</source>
        <translation>분석관 {0} (키 {1}) - 시각 표시 기준 {2}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="155"/>
        <source>Add evidence…</source>
        <translation>증거 추가…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="161"/>
        <source>Verify ledger</source>
        <translation>원장 검증</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="162"/>
        <source>Record custody event…</source>
        <translation>관리 이력 기록…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="163"/>
        <source>Settings…</source>
        <translation>설정…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="164"/>
        <source>Quit</source>
        <translation>끝내기</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="165"/>
        <source>Open another case…</source>
        <translation>다른 사건 열기…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="167"/>
        <source>&amp;Case</source>
        <translation>사건(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="178"/>
        <source>&amp;Files</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="181"/>
        <source>C&amp;ustody</source>
        <translation>관리연속성(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="184"/>
        <source>&amp;Analysis</source>
        <translation>분석(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="189"/>
        <source>Hash sets and TV-box artifacts appear here when installed</source>
        <translation>해시셋 및 TV 박스 아티팩트 기능이 설치되면 여기에 표시됩니다</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="192"/>
        <source>Main</source>
        <translation>주 도구모음</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="258"/>
        <source>counting…</source>
        <translation>세는 중…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="273"/>
        <source>Files: {0} ({1} loaded)</source>
        <translation>파일 {0}개 ({1}개 불러옴)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="295"/>
        <location filename="../../ui/main_window.py" line="382"/>
        <source>Import running</source>
        <translation>가져오기 진행 중</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="295"/>
        <source>Wait for the running import to finish.</source>
        <translation>진행 중인 가져오기가 끝날 때까지 기다리십시오.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="328"/>
        <source>Import complete</source>
        <translation>가져오기 완료</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="336"/>
        <source>Import {0}</source>
        <translation>가져오기 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="342"/>
        <source>Import failed</source>
        <translation>가져오기 실패</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="362"/>
        <source>Recorded custody event {0}</source>
        <translation>관리 이력 {0}번을 기록했습니다</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="373"/>
        <source>The new language and zone apply after the import.</source>
        <translation>새 언어와 시간대는 가져오기가 끝난 뒤 적용됩니다.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="384"/>
        <source>Cancel the running import and close? What was read is kept; adding the same image again resumes it.</source>
        <translation>진행 중인 가져오기를 취소하고 닫을까요? 읽은 내용은 보존되며, 같은 이미지를 다시 추가하면 이어서 진행합니다.</translation>
    </message>
    <message>
        <source>Hash-set hits: {0} notable, {1} known files</source>
        <translation>해시셋 일치: 주목 대상 {0}개, 알려진 파일 {1}개</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Report {0}: {1} pages written to {2}
SHA-256 {3}; read-only case: not recorded in it</source>
        <translation>보고서 {0}: {1}쪽을 {2}에 작성했습니다
SHA-256 {3}; 읽기 전용 사건이므로 원장에 기록하지 않았습니다</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="64"/>
        <location filename="../../ui/report_dialog.py" line="111"/>
        <source>Write report</source>
        <translation>보고서 작성</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="71"/>
        <source>No file list</source>
        <translation>파일 목록 없음</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="72"/>
        <source>File list in the PDF</source>
        <translation>PDF에 파일 목록 포함</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="73"/>
        <source>File list as CSV beside the PDF</source>
        <translation>PDF 옆에 CSV 파일 목록</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="75"/>
        <source>Leave files of known hash sets out of the file list</source>
        <translation>알려진 파일 해시셋과 일치하는 파일은 목록에서 제외</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="76"/>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="81"/>
        <source>A copy is kept in the case&apos;s reports folder; its SHA-256 is recorded.</source>
        <translation>사본은 사건의 reports 폴더에 보관되고 SHA-256 값이 원장에 기록됩니다.</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="84"/>
        <source>Write PDF</source>
        <translation>PDF 작성</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="87"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="89"/>
        <source>Open PDF</source>
        <translation>PDF 열기</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="97"/>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="98"/>
        <source>Appendix</source>
        <translation>부록</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="99"/>
        <source>Write to</source>
        <translation>저장 위치</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="108"/>
        <source>writing page {0}…</source>
        <translation>{0}쪽 작성 중…</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="121"/>
        <source>writing…</source>
        <translation>작성 중…</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="138"/>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="140"/>
        <source>Report {0}: {1} pages written to {2}
SHA-256 {3} recorded as ledger event {4}</source>
        <translation>보고서 {0}: {1}쪽을 {2}에 작성했습니다
SHA-256 {3} 값을 원장 이벤트 {4}번으로 기록했습니다</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="153"/>
        <source>Report not written</source>
        <translation>보고서를 작성하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../ui/report_dialog.py" line="158"/>
        <source>cancelling…</source>
        <translation>취소 중…</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>파일을 바꾸시겠습니까?</translation>
    </message>
    <message>
        <source>{0} already exists. Replace it with the new report?</source>
        <translation>{0} 파일이 이미 있습니다. 새 보고서로 바꾸시겠습니까?</translation>
    </message>
    <message>
        <source>Not written: choose another file name or replace the file.</source>
        <translation>작성하지 않았습니다. 다른 파일 이름을 고르거나 파일을 바꾸십시오.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="24"/>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="43"/>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="44"/>
        <source>Time zone</source>
        <translation>시간대</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="45"/>
        <source>Laboratory name</source>
        <translation>분석실 이름</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="46"/>
        <source>Laboratory address</source>
        <translation>분석실 주소</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="55"/>
        <source>Settings not saved</source>
        <translation>설정을 저장하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="55"/>
        <source>Unknown time zone: {0}</source>
        <translation>알 수 없는 시간대: {0}</translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <source>The name contains an invisible or control character, or two spaces in a row. Type it again.</source>
        <translation>이름에 보이지 않는 문자나 제어 문자, 또는 연속된 두 칸 공백이 있습니다. 다시 입력하십시오.</translation>
    </message>
    <message>
        <source>The name {0} looks like {1}, who already has a profile here. Choose another name.</source>
        <translation>이름 {0}은(는) 이 컴퓨터에 프로필이 있는 {1}와(과) 비슷해 보입니다. 다른 이름을 고르십시오.</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="53"/>
        <source>Haechi - start</source>
        <translation>해치 - 시작</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="62"/>
        <source>&lt;h2&gt;Haechi&lt;/h2&gt;Forensic evidence manager with a signed custody ledger</source>
        <translation>&lt;h2&gt;해치 Haechi&lt;/h2&gt;서명된 증거 관리 원장을 갖춘 디지털 증거 관리 도구</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="80"/>
        <source>Examiner</source>
        <translation>분석관</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="83"/>
        <source>Your name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="86"/>
        <source>Repeat passphrase</source>
        <translation>암호 확인</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="89"/>
        <location filename="../../ui/start_dialog.py" line="124"/>
        <source>Unlock</source>
        <translation>잠금 해제</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="95"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="96"/>
        <source>Passphrase</source>
        <translation>암호</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="101"/>
        <source>Every action you take in a case is signed with your examiner key and recorded in the case&apos;s custody ledger.</source>
        <translation>사건에서 하는 모든 작업은 분석관 키로 서명되어 사건의 증거관리 원장에 기록됩니다.</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="118"/>
        <source>No profile named {0} on this workstation: a new signing key will be made, protected by this passphrase (at least 8 characters).</source>
        <translation>이 워크스테이션에 {0} 프로필이 없습니다. 새 서명 키를 만들고 이 암호(8자 이상)로 보호합니다.</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="124"/>
        <source>Create profile and unlock</source>
        <translation>프로필 만들기 및 잠금 해제</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="131"/>
        <source>Enter the examiner&apos;s name.</source>
        <translation>분석관 이름을 입력하십시오.</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="134"/>
        <source>Cannot unlock</source>
        <translation>잠금을 해제할 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="143"/>
        <source>Recent cases</source>
        <translation>최근 사건</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="146"/>
        <source>Open selected</source>
        <translation>선택한 사건 열기</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="148"/>
        <source>Open case folder…</source>
        <translation>사건 폴더 열기…</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="156"/>
        <source>New case</source>
        <translation>새 사건</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="157"/>
        <location filename="../../ui/start_dialog.py" line="203"/>
        <source>Folder for the new case</source>
        <translation>새 사건 폴더</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="158"/>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="166"/>
        <source>Create case</source>
        <translation>사건 만들기</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="169"/>
        <source>Folder</source>
        <translation>폴더</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="170"/>
        <source>Case number</source>
        <translation>사건번호</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="171"/>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="172"/>
        <source>Agency</source>
        <translation>기관</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="184"/>
        <source>Examiner: &lt;b&gt;{0}&lt;/b&gt; (key {1})</source>
        <translation>분석관: &lt;b&gt;{0}&lt;/b&gt; (키 {1})</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="198"/>
        <source>Open case folder</source>
        <translation>사건 폴더 열기</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="212"/>
        <source>Cannot open the case</source>
        <translation>사건을 열 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="223"/>
        <source>A new case needs a folder, a number and a title.</source>
        <translation>새 사건에는 폴더, 사건번호, 제목이 필요합니다.</translation>
    </message>
    <message>
        <location filename="../../ui/start_dialog.py" line="233"/>
        <source>Cannot create the case</source>
        <translation>사건을 만들 수 없습니다</translation>
    </message>
    <message>
        <source>Opening the case in {0}</source>
        <translation>{0}의 사건을 엽니다</translation>
    </message>
</context>
<context>
    <name>TagDialog</name>
    <message>
        <location filename="../../ui/tag_dialog.py" line="28"/>
        <source>Tag files</source>
        <translation>파일 태그</translation>
    </message>
    <message>
        <location filename="../../ui/tag_dialog.py" line="32"/>
        <source>Why this file matters (kept in the ledger and the report)</source>
        <translation>이 파일이 중요한 이유 (원장과 보고서에 남습니다)</translation>
    </message>
    <message>
        <location filename="../../ui/tag_dialog.py" line="40"/>
        <source>{0} file(s) selected</source>
        <translation>파일 {0}개 선택됨</translation>
    </message>
    <message>
        <location filename="../../ui/tag_dialog.py" line="41"/>
        <source>Tag</source>
        <translation>태그</translation>
    </message>
    <message>
        <location filename="../../ui/tag_dialog.py" line="42"/>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <location filename="../../ui/tag_dialog.py" line="51"/>
        <source>Tag not recorded</source>
        <translation>태그가 기록되지 않았습니다</translation>
    </message>
</context>
<context>
    <name>_ImagePage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="29"/>
        <location filename="../../ui/import_wizard.py" line="53"/>
        <source>Evidence image</source>
        <translation>증거 이미지</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="32"/>
        <source>Choose the image. For a split or E01 image choose its first segment (.001, .aa, .E01): the other segments are found beside it.</source>
        <translation>이미지 파일을 선택하십시오. 분할 이미지나 E01 이미지는 첫 번째 조각(.001, .aa, .E01)을 선택하면 나머지 조각은 같은 폴더에서 찾습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="37"/>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="42"/>
        <source>e.g. TV box eMMC</source>
        <translation>예: TV 박스 eMMC</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="43"/>
        <source>exhibit number, if recorded in custody</source>
        <translation>관리 이력에 기록된 압수물 번호</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="44"/>
        <source>Skip the orphan file search on FAT (faster, finds less)</source>
        <translation>FAT 고아 파일 검색 건너뛰기 (빠르지만 덜 찾음)</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="46"/>
        <source>Image file</source>
        <translation>이미지 파일</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="47"/>
        <source>Label</source>
        <translation>표시명</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="48"/>
        <source>Exhibit</source>
        <translation>압수물 번호</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="62"/>
        <source>That file does not exist. Choose the image file.</source>
        <translation>파일이 없습니다. 이미지 파일을 선택하십시오.</translation>
    </message>
</context>
<context>
    <name>_SeizurePage</name>
    <message>
        <location filename="../../ui/import_wizard.py" line="69"/>
        <source>Seizure details</source>
        <translation>압수 정보</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="71"/>
        <source>Recorded with the evidence in the custody ledger. Leave empty what is unknown.</source>
        <translation>증거와 함께 증거관리 원장에 기록됩니다. 모르는 항목은 비워 두십시오.</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="73"/>
        <source>person or place</source>
        <translation>사람 또는 장소</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="74"/>
        <source>Known</source>
        <translation>알고 있음</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="82"/>
        <source>seal number</source>
        <translation>봉인 번호</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="84"/>
        <source>Seized from</source>
        <translation>피압수자</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="85"/>
        <source>Seized at (local time)</source>
        <translation>압수 일시 (현지 시각)</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="86"/>
        <source>Seal</source>
        <translation>봉인</translation>
    </message>
    <message>
        <location filename="../../ui/import_wizard.py" line="87"/>
        <source>The import runs in the background; you can keep browsing.</source>
        <translation>가져오기는 백그라운드에서 진행되며, 그동안 계속 탐색할 수 있습니다.</translation>
    </message>
    <message>
        <source>No exhibit chosen: this image is not linked to a custody record.</source>
        <translation>증거물을 고르지 않았습니다. 이 이미지는 보관 기록과 연결되지 않습니다.</translation>
    </message>
    <message>
        <source>Exhibit {0} is not in custody: record its seizure or receipt first.</source>
        <translation>증거물 {0}은(는) 보관 중이 아닙니다. 먼저 압수 또는 인수를 기록하십시오.</translation>
    </message>
    <message>
        <source>Taken from the custody record of exhibit {0}; to change it, record a custody event.</source>
        <translation>증거물 {0}의 보관 기록에서 가져왔습니다. 바꾸려면 보관 사건을 기록하십시오.</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../ui/errors.py" line="24"/>
        <source>Internal error: {0} (details in {1})</source>
        <translation>내부 오류: {0} (상세 내용: {1})</translation>
    </message>
</context>
<context>
    <name>CarvingTab</name>
    <message>
        <location filename="../../ui/carving_tab.py" line="24"/>
        <source>chunk {0} of {1}, {2} files, {3} of {4}, {5}/s, ETA {6}</source>
        <translation>청크 {0}/{1}, 파일 {2}개, {3} / {4}, {5}/s, 남은 시간 {6}</translation>
    </message>
    <message>
        <location filename="../../ui/carving_tab.py" line="37"/>
        <source>complete</source>
        <translation>완료</translation>
    </message>
    <message>
        <location filename="../../ui/carving_tab.py" line="37"/>
        <source>cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <location filename="../../ui/carving_tab.py" line="37"/>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <location filename="../../ui/carving_tab.py" line="38"/>
        <source>running</source>
        <translation>진행 중</translation>
    </message>
    <message>
        <location filename="../../ui/carving_tab.py" line="38"/>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../ui/carving_tab.py" line="49"/>
        <source>Carve unallocated space…</source>
        <translation>비할당 영역 카빙…</translation>
    </message>
    <message>
        <location filename="../../ui/carving_tab.py" line="66"/>
        <source>E{0} {1}: {2} unallocated mapped, {3} volumes not mapped, {4} files carved, last run: {5}</source>
        <translation>E{0} {1}: 비할당 영역 {2} 매핑됨, 매핑되지 않은 볼륨 {3}개, 카빙된 파일 {4}개, 마지막 실행: {5}</translation>
    </message>
    <message>
        <location filename="../../ui/carving_tab.py" line="78"/>
        <source>No evidence yet.</source>
        <translation>아직 증거물이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../ui/carving_tab.py" line="84"/>
        <source>No evidence</source>
        <translation>증거물 없음</translation>
    </message>
    <message>
        <location filename="../../ui/carving_tab.py" line="84"/>
        <source>Add an evidence image first.</source>
        <translation>먼저 증거 이미지를 추가하십시오.</translation>
    </message>
    <message>
        <location filename="../../ui/carving_tab.py" line="88"/>
        <source>Carve unallocated space</source>
        <translation>비할당 영역 카빙</translation>
    </message>
    <message>
        <location filename="../../ui/carving_tab.py" line="88"/>
        <source>Evidence item:</source>
        <translation>증거물:</translation>
    </message>
    <message>
        <location filename="../../ui/carving_tab.py" line="93"/>
        <source>File types (e.g. jpg,png,pdf,mp4,zip; empty: all):</source>
        <translation>파일 유형 (예: jpg,png,pdf,mp4,zip; 비우면 전체):</translation>
    </message>
    <message>
        <location filename="../../ui/carving_tab.py" line="115"/>
        <source>Carving E{0}</source>
        <translation>E{0} 카빙 중</translation>
    </message>
    <message>
        <location filename="../../ui/carving_tab.py" line="115"/>
        <source>Cancel carving</source>
        <translation>카빙 취소</translation>
    </message>
    <message>
        <location filename="../../ui/carving_tab.py" line="115"/>
        <source>mapping…</source>
        <translation>매핑 중…</translation>
    </message>
    <message>
        <location filename="../../ui/carving_tab.py" line="126"/>
        <source>E{0}: {1} files carved from {2} chunks; {3} chunks carved before.</source>
        <translation>E{0}: 청크 {2}개에서 파일 {1}개 카빙; 이전에 카빙된 청크 {3}개.</translation>
    </message>
    <message>
        <location filename="../../ui/carving_tab.py" line="128"/>
        <source>E{0}: carving cancelled after {2} chunks ({1} files); carve again to resume.</source>
        <translation>E{0}: 청크 {2}개 후 카빙 취소 (파일 {1}개); 다시 카빙하면 이어서 진행합니다.</translation>
    </message>
    <message>
        <location filename="../../ui/carving_tab.py" line="134"/>
        <source>Carving failed: {0}</source>
        <translation>카빙 실패: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/carving_tab.py" line="149"/>
        <source>Carving</source>
        <translation>카빙</translation>
    </message>
</context>
</TS>
